"""Every kind of published count of people in the one grid: complaints and queries,
workforce returns and indicators beside consultation coverage, protected together and
read by the attacker (``eqdiv audit disclosure``)."""

from __future__ import annotations

import tempfile
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eqdiv.figures.audit import Exact, Figure, PublishedCell, PublishedTable, audit
from eqdiv.figures.case_figures import case_figures
from eqdiv.figures.disclosure_audit import audit_disclosure, audit_tables
from eqdiv.figures.grid import values
from eqdiv.figures.grid_kinds import KINDS, contributions
from eqdiv.figures.indicator_progress import progress
from eqdiv.figures.protection import Labels, Why
from eqdiv.figures.publication import Publication, publication
from eqdiv.model.periods import quarter, year
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import (
    BUNDLED,
    MINIMAL_CONFIG,
    MINIMAL_PEOPLE,
    CliResult,
    RepoBuilder,
    write_tree,
)
from tests.disclosure_support import per_table

THRESHOLD = 10


def case(ref: str, received: date, strands: str = "[disability]", outcome: str = "upheld") -> str:
    return textwrap.dedent(
        f"""\
          - ref: {ref}
            type: complaint
            received: {received.isoformat()}
            channel: letter
            about: [alleged_discrimination]
            strands: {strands}
            acknowledged: {received.isoformat()}
            responded: {received.isoformat()}
            closed: {received.isoformat()}
            outcome: {outcome}
        """
    )


def case_log(cases: list[str]) -> str:
    return "kind: case-log\nid: log\npartner: council\nperiod: 2007\ncases:\n" + "".join(cases)


def true_counts(repo: Repository) -> dict[str, int]:
    counts = values(repo.consultations)
    for part in contributions(repo):
        counts.update(part.values)
    return counts


def revealed(made: Publication, counts: dict[str, int], figure: Figure) -> list[PublishedTable]:
    """The publication with one hidden figure printed after all: a leak made on purpose."""
    return [
        PublishedTable(
            t.name,
            tuple(
                PublishedCell(c.label, c.figure, Exact(c.figure.value(counts)))
                if c.figure == figure
                else c
                for c in t.cells
            ),
        )
        for t in made.protection.publish(made.tables)
    ]


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return load_repository(BUNDLED)


@pytest.fixture
def twelve_then_three(repo: RepoBuilder) -> Repository:
    """12 complaints alleging disability discrimination in the first quarter of 2007/08
    and 3 in the second: the year's 15 less the first quarter's 12 gives the 3 away."""
    first = [case(f"A{i}", date(2007, 5, 1)) for i in range(12)]
    second = [case(f"B{i}", date(2007, 8, 1)) for i in range(3)]
    repo.write({"cases.yaml": case_log(first + second)})
    loaded = repo.load()
    assert len(loaded.cases) == 15
    return loaded


def test_every_kind_is_in_the_grid_of_the_bundled_records(bundled: Repository) -> None:
    assert [kind for kind, _ in KINDS] == ["cases", "workforce", "indicators"]
    parts = {p.kind: p for p in contributions(bundled)}
    names = [t.name for t in publication(bundled).tables]
    for kind, prefix in (
        ("cases", "complaints and queries"),
        ("workforce", "workforce return"),
        ("indicators", "indicator"),
    ):
        assert parts[kind].tables, kind
        assert any(n.startswith(prefix) for n in names), kind


def test_the_per_table_method_leaks_complaints_by_differencing(
    twelve_then_three: Repository,
) -> None:
    (cases,) = [p for p in contributions(twelve_then_three) if p.kind == "cases"]
    old = per_table(cases.tables, cases.values, Labels.UNIFORM)
    found = {str(d.cell): (d.low, d.high) for d in audit(old, THRESHOLD).disclosures}
    assert found["case|2007-07-01|discrimination|disability|upheld"] == (3, 3)


def test_the_grid_protects_complaints_across_quarter_year_and_trend(
    twelve_then_three: Repository,
) -> None:
    assert audit_disclosure(twelve_then_three).ok
    year_view = case_figures(twelve_then_three, year(2007), date(2008, 4, 30))
    first = case_figures(twelve_then_three, quarter(2007, 1), date(2008, 4, 30))
    second = case_figures(twelve_then_three, quarter(2007, 2), date(2008, 4, 30))
    shown = [v.discrimination.complaints for v in (year_view, first, second)]
    assert not shown[2].visible  # 3
    assert not (shown[0].visible and shown[1].visible)  # else 15 - 12
    # The trend shows the same figures as the quarters' own tables.
    by_quarter = {t.period.label: t.discrimination for t in year_view.trend}
    assert by_quarter[first.period.label] == shown[1]


def test_a_view_cut_short_by_as_of_counts_other_people_and_is_hidden(
    twelve_then_three: Repository,
) -> None:
    whole = case_figures(twelve_then_three, quarter(2007, 1), date(2008, 4, 30))
    if whole.discrimination.complaints.visible:
        # On 2 May the quarter's figure would count the same 12, so it still reads the same;
        # before 1 May it counts none (0 is 0 everywhere).
        early = case_figures(twelve_then_three, quarter(2007, 1), date(2007, 4, 30))
        assert early.discrimination.complaints.value == 0


@pytest.mark.parametrize(
    ("fixture", "prefix"),
    [("twelve_then_three", "case|"), ("bundled", "wf|"), ("bundled", "ind|")],
)
def test_the_auditor_catches_a_leak_made_in_each_kind(
    request: pytest.FixtureRequest, fixture: str, prefix: str
) -> None:
    repo: Repository = request.getfixturevalue(fixture)
    made = publication(repo)
    counts = true_counts(repo)
    secondary = [
        f
        for f, why in made.protection.hidden.items()
        if why is Why.SECONDARY and f.atoms[0].startswith(prefix)
    ]
    assert secondary, "the grid hid nothing to protect a small count of this kind"
    leaks = []
    for figure in secondary:
        result = audit_tables(revealed(made, counts, figure), THRESHOLD, made.statements)
        if not result.ok:
            leaks.append(result)
    assert leaks
    d = leaks[0].result.disclosures[0]
    assert d.cell.atoms[0].startswith(prefix) and d.low >= 0


def test_audit_disclosure_on_the_command_line_is_clean_for_every_kind(
    twelve_then_three: Repository, cli: Callable[..., CliResult]
) -> None:
    result = cli("audit", "disclosure", "--repo", str(twelve_then_three.root))
    assert result.exit_code == 0, result.stdout
    assert "No hidden count can be worked out" in result.stdout


def test_an_indicator_percentage_that_gives_away_a_small_count_is_not_published(
    bundled: Repository,
) -> None:
    # 89% of the 19 who asked for another format got it in time: 17, so 2 did not.
    (formats,) = [i for i in bundled.indicators if i.id == "ind-alternative-formats"]
    made = publication(bundled)
    reading = progress(formats, quarter(2007, 2), 4, THRESHOLD, published=made).latest
    assert reading is not None and reading.value is None
    assert reading.base is not None and reading.base.visible and reading.base.value == 19
    unsuppressed = progress(formats, quarter(2007, 2), 4, 1).latest
    assert unsuppressed is not None and unsuppressed.value == 89


# -- whatever the counts ----------------------------------------------------------


STRANDS = ("[disability]", "[ethnicity]", "[disability, ethnicity]")
DAYS = (date(2007, 5, 1), date(2007, 8, 1), date(2007, 11, 1))
OUTCOMES = ("upheld", "not_upheld")


def generated(counts: list[int]) -> list[str]:
    """Complaints for each quarter, set of strands and outcome, as many as ``counts``."""
    out: list[str] = []
    cells = [(d, s, o) for d in DAYS for s in STRANDS for o in OUTCOMES]
    for n, (day, strands, outcome) in zip(counts, cells, strict=True):
        out += [case(f"C{len(out) + i}", day, strands, outcome) for i in range(n)]
    return out


# Zero, small and larger counts alike.
COUNT = st.integers(0, 12)


@settings(max_examples=10, deadline=None, derandomize=True, database=None)
@given(st.tuples(*[COUNT] * (len(DAYS) * len(STRANDS) * len(OUTCOMES))))
def test_whatever_the_complaints_no_published_figure_gives_a_small_count_away(
    counts: tuple[int, ...],
) -> None:
    """Complaints over three quarters, on one or two strands, with either outcome, in
    numbers that are small, zero and larger: the auditor finds nothing, and no view
    prints a count from 1 to 9."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "records"
        files = {"eqdiv.yaml": MINIMAL_CONFIG, "people.yaml": MINIMAL_PEOPLE}
        cases = generated(list(counts))
        if cases:
            files["cases.yaml"] = case_log(cases)
        write_tree(root, files)
        loaded = load_repository(root)
        assert len(loaded.cases) == sum(counts)
        result = audit_disclosure(loaded)
        assert result.ok, result.sentences()
        for period in (quarter(2007, 1), quarter(2007, 2), quarter(2007, 3), year(2007)):
            shown = case_figures(loaded, period, date(2008, 4, 30)).discrimination
            printed = [shown.complaints, *(shown.shown.row_totals or ())]
            printed += [c for row in shown.shown.cells for c in row]
            assert not [c.value for c in printed if c.visible and 1 <= c.value < THRESHOLD]


def test_a_repository_that_publishes_no_count_is_audited_clean(repo: RepoBuilder) -> None:
    result = audit_disclosure(repo.load())
    assert (result.ok, result.tables, result.figures) == (True, 0, 0)
