"""Reading ONS Census 2021 downloads into a population profile (``eqdiv import census``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.authoring.census_files import CensusTable, read_census_file, read_census_path
from eqdiv.authoring.census_import import import_census
from eqdiv.authoring.census_mapping import BY_ID

DATA = Path(__file__).parents[1] / "data" / "census"
WIGHT, NORTHWOLD, SOUTHMERE = "E06000046", "E06000990", "E06000991"
NORTHWOLD_MSOAS = ("E02099001", "E02099002", "E02099003")
NORTHWOLD_WARDS = ("E05099001", "E05099002", "E05099003", "E05099004")

# Each dimension's Nomis file and its custom-dataset twin (by geography level).
TWINS = {
    "age": ("nomis-ts007-age-{}.csv", "custom-age-{}.csv"),
    "sex": ("nomis-ts008-sex-{}.csv", "custom-sex-{}.csv"),
    "ethnicity": ("nomis-ts021-ethnic-group-{}.csv", "custom-ethnic-group-{}.csv"),
    "religion": ("nomis-ts030-religion-{}.csv", "custom-religion-{}.csv"),
    "disability": ("nomis-ts038-disability-{}.csv", "custom-disability-{}.csv"),
    "sexual_orientation": (
        "nomis-ts077-sexual-orientation-{}.csv",
        "custom-sexual-orientation-{}.csv",
    ),
    "gender_identity": ("nomis-ts078-gender-identity-{}.csv", "custom-gender-identity-{}.csv"),
}


def read(name: str, areas: Sequence[str]) -> CensusTable:
    return read_census_path(DATA / name, name, set(areas))


def profile(names: Sequence[str], areas: Sequence[str]) -> dict[str, dict[str, int]]:
    result = import_census([read(n, areas) for n in names], areas, "profile")
    assert result.errors == ()
    assert result.record is not None
    return {k: d["categories"] for k, d in result.record["dimensions"].items()}


def findings(name: str, areas: Sequence[str]) -> list[str]:
    return [str(f) for f in read(name, areas).findings]


@pytest.mark.parametrize("level", ["ltla", "msoa"])
def test_a_nomis_file_and_a_custom_dataset_give_the_same_profile(level: str) -> None:
    areas = (WIGHT, SOUTHMERE) if level == "ltla" else NORTHWOLD_MSOAS
    nomis = profile([n.format(level) for n, _ in TWINS.values()], areas)
    custom = profile([c.format(level) for _, c in TWINS.values()], areas)
    assert nomis == custom
    assert list(nomis) == list(TWINS)  # every dimension, in the scheme's order


def test_the_isle_of_wight_profile_is_read_exactly() -> None:
    got = profile(["nomis-ts008-sex-ltla.csv", "nomis-ts007-age-ltla.csv"], [WIGHT])
    assert got["sex"] == {"female": 71034, "male": 69252}
    assert got["age"] == {
        "16-24": 11177,
        "25-34": 14527,
        "35-49": 24461,
        "50-64": 30462,
        "65-74": 19772,
        "75+": 17452,
    }
    # Under-16s have no place in eqdiv's age bands: 140,286 residents, 117,851 aged 16+.
    assert sum(got["age"].values()) == 117851
    assert sum(got["sex"].values()) == 140286


def test_an_area_made_of_msoas_or_wards_sums_to_the_local_authority() -> None:
    names = ["nomis-ts021-ethnic-group-{}.csv"]
    whole = profile([n.format("ltla") for n in names], [NORTHWOLD])
    assert profile([n.format("msoa") for n in names], NORTHWOLD_MSOAS) == whole
    assert profile(["custom-ethnic-group-wd.csv"], NORTHWOLD_WARDS) == whole
    assert profile(["nomis-ts021-ethnic-group-wd.csv"], NORTHWOLD_WARDS) == whole


def test_variants_of_the_same_download_read_the_same() -> None:
    plain = profile(["nomis-ts021-ethnic-group-ltla.csv"], [WIGHT])
    assert profile(["nomis-ts021-ethnic-group-ltla-measures.csv"], [WIGHT]) == plain
    religion = profile(["custom-religion-ltla.csv"], [WIGHT])
    assert profile(["custom-religion-ltla-2022-headers.csv"], [WIGHT]) == religion


def test_a_missing_category_is_named_with_the_totals_it_breaks() -> None:
    assert findings("broken-missing-category.csv", [WIGHT]) == [
        "broken-missing-category.csv:1:1: error census-missing-category The column "
        "'Ethnic group: White: Roma' is missing.",
        "broken-missing-category.csv:2:4: error census-sum-mismatch In E06000046, the "
        "categories add up to 140,219 but 'Ethnic group: Total: All usual residents' is "
        "140,286 (a difference of +67).",
    ]
    assert findings("broken-missing-category-custom.csv", [SOUTHMERE]) == [
        "broken-missing-category-custom.csv:1:1: error census-missing-category E06000991 has "
        "no row for 'White: Roma' (code 16).",
    ]


def test_totals_that_do_not_add_up_are_named_on_their_line() -> None:
    assert findings("broken-not-summing.csv", [WIGHT]) == [
        "broken-not-summing.csv:2:4: error census-sum-mismatch In E06000046, the categories "
        "add up to 140,406 but 'Religion: Total: All usual residents' is 140,286 (a "
        "difference of -120).",
    ]


def test_unknown_categories_are_named_and_not_counted() -> None:
    assert findings("broken-unknown-category.csv", [SOUTHMERE]) == [
        "broken-unknown-category.csv:60:3: error census-unknown-category 'White: Cornish' is "
        "not a category of Ethnic group (20 categories), so its 37 people in E06000991 are "
        "not in the profile.",
    ]
    assert [f.split(" ")[2] for f in findings("broken-unknown-column-nomis.csv", [SOUTHMERE])] == [
        "census-unknown-category",
        "census-subtotal-mismatch",
    ]


def test_five_year_age_bands_cannot_give_16_to_24_and_say_so() -> None:
    table = read("nomis-ts007a-age-five-year-ltla.csv", [WIGHT])
    assert [(f.code, f.severity.value) for f in table.findings] == [
        ("census-incomplete", "warning")
    ]
    assert "16-24" not in table.areas[WIGHT].counts
    assert set(table.areas[WIGHT].counts) == {"25-34", "35-49", "50-64", "65-74", "75+"}


def test_lossy_categories_are_notes_not_errors() -> None:
    table = read("custom-disability-3cat-ltla.csv", [WIGHT])
    assert [f.code for f in table.findings] == ["census-approximate"]
    assert set(table.areas[WIGHT].counts) == {"disabled", "not_disabled"}


def test_an_area_not_in_a_file_and_a_dimension_given_twice_are_errors() -> None:
    tables = [read("nomis-ts008-sex-ltla.csv", ["E06000001"])]
    result = import_census(tables, ["E06000001"], "profile")
    assert [f.code for f in result.errors] == ["census-area-missing"]
    assert result.record is None
    twice = [read(n, [WIGHT]) for n in ("nomis-ts008-sex-ltla.csv", "custom-sex-ltla.csv")]
    result = import_census(twice, [WIGHT], "profile")
    assert [str(f) for f in result.errors] == [
        "custom-sex-ltla.csv:1:1: error census-dimension-twice Both nomis-ts008-sex-ltla.csv "
        "and this file give sex; eqdiv cannot tell which to use."
    ]


def test_an_existing_profile_keeps_the_dimensions_not_imported() -> None:
    existing = {
        "kind": "demographics",
        "id": "profile",
        "area": "Our district",
        "source": "typed by hand",
        "note": "Kept.",
        "dimensions": {
            "sex": {"categories": {"female": 1, "male": 1}},
            "carers": {"categories": {"yes": 5}},
        },
    }
    tables = [read("nomis-ts008-sex-ltla.csv", [WIGHT])]
    result = import_census(tables, [WIGHT], "profile", existing=existing)
    assert result.updated and result.record is not None
    dims = result.record["dimensions"]
    assert dims["carers"] == {"categories": {"yes": 5}}
    assert dims["sex"]["categories"] == {"female": 71034, "male": 69252}
    assert result.record["area"] == "Our district" and result.record["note"] == "Kept."
    assert result.record["areas"] == [WIGHT]


def test_files_that_are_not_census_downloads_are_findings() -> None:
    def codes(text: str) -> list[str]:
        return [
            f.code for f in read_census_file(iter(io.StringIO(text)), "x.csv", {WIGHT}).findings
        ]

    assert codes("") == ["census-layout"]
    assert codes("a,b,c\n1,2,3\n") == ["census-layout"]
    assert codes('"date","geography","geography code","Colour: Red"\n') == ["census-layout"]
    assert codes('"date","geography","geography code","Sex: All persons","Religion: Sikh"\n') == [
        "census-layout"
    ]
    assert codes(
        '"Area Code","Area","Shoe size (3 categories) Code","Shoe size (3 categories)","Observation"\n'
    ) == ["census-layout"]


def test_a_folder_or_a_pipe_is_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "census.csv"
    os.mkfifo(fifo)
    for path in (tmp_path, fifo):
        table = read_census_path(path, path.name, {WIGHT})
        assert [f.code for f in table.findings] == ["census-layout"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=6))
def test_any_csv_gives_findings_never_an_exception(rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    for header in (
        [],
        ["date", "geography", "geography code"],
        ["Area Code", "Area", "Sex (2 categories) Code", "Sex (2 categories)", "Observation"],
    ):
        text = (",".join(header) + "\n" if header else "") + buffer.getvalue()
        read_census_file(iter(io.StringIO(text, newline="")), "x.csv", {WIGHT, *map(str, range(3))})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=9, max_size=9))
def test_a_consistent_nomis_table_reads_back_its_counts(counts: list[int]) -> None:
    table = BY_ID["religion"].nomis[0]
    labels = list(table.leaves)
    header = ["date", "geography", "geography code", f"Religion: {table.total}"]
    header += [f"Religion: {label}" for label in labels]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [header, ["2021", "Wight", WIGHT, str(sum(counts)), *map(str, counts)]]
    )
    read_back = read_census_file(iter(io.StringIO(buffer.getvalue(), newline="")), "x.csv", {WIGHT})
    assert read_back.findings == ()
    expected = {table.leaves[label]: n for label, n in zip(labels, counts, strict=True)}
    assert read_back.areas[WIGHT].counts == expected
