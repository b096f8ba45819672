"""The equality monitoring categories: the built-in Census 2021 set, what eqdiv.yaml
may add or change, and the findings for a profile that uses a category nobody defined."""

from __future__ import annotations

import json

import yaml
from jsonschema import Draft202012Validator

from eqdiv.figures.census import builtin_scheme, category_scheme
from eqdiv.model.categories import CategoryScheme, DimensionChange
from eqdiv.model.resources import category_dir, schema_dir
from eqdiv.schema.schema_set import SchemaSet
from tests.conftest import MINIMAL_CONFIG, RepoBuilder, documentation

CENSUS = builtin_scheme()


def test_census_2021_dimensions_in_order() -> None:
    assert list(CENSUS.dimensions) == [
        "age",
        "sex",
        "ethnicity",
        "disability",
        "religion",
        "sexual_orientation",
        "gender_identity",
    ]


def test_nineteen_ethnic_groups_roll_up_to_five() -> None:
    ethnicity = CENSUS.dimensions["ethnicity"]
    assert len(ethnicity.categories) == 19
    members: dict[str, list[str]] = {}
    for category in ethnicity.categories.values():
        assert category.group is not None
        members.setdefault(category.group, []).append(category.id)
    assert members == {
        "asian": ["bangladeshi", "chinese", "indian", "pakistani", "other_asian"],
        "black": ["african", "caribbean", "other_black"],
        "mixed": [
            "white_and_asian",
            "white_and_black_african",
            "white_and_black_caribbean",
            "other_mixed",
        ],
        "white": [
            "white_british",
            "white_irish",
            "gypsy_or_irish_traveller",
            "roma",
            "other_white",
        ],
        "other": ["arab", "any_other"],
    }
    assert list(ethnicity.groups) == ["asian", "black", "mixed", "white", "other"]
    assert ethnicity.group_of("pakistani") == "asian"
    assert ethnicity.group_of("asian") == "asian"
    assert ethnicity.is_group("asian") and not ethnicity.is_group("pakistani")
    assert ethnicity.categories["pakistani"].people == "Pakistani residents"


def test_other_census_dimensions() -> None:
    assert len(CENSUS.dimensions["religion"].categories) == 8  # the 8 options besides no answer
    disability = CENSUS.dimensions["disability"]
    assert disability.group_of("disabled_a_lot") == "disabled"
    # A category with no group is its own group, so a disabled/not disabled form compares.
    assert disability.group_of("not_disabled") == "not_disabled"
    assert disability.order({"not_disabled", "disabled"}, grouped=True) == [
        "disabled",
        "not_disabled",
    ]
    assert "not_known" in CENSUS.dimensions["age"].known
    gender = CENSUS.dimensions["gender_identity"]
    assert gender.order({"different_from_sex", "same_as_sex", "x"}, grouped=True) == [
        "same_as_sex",
        "different_from_sex",
        "x",
    ]


def test_the_built_in_file_is_written_as_eqdiv_yaml_would_write_it() -> None:
    """The shipped definitions use the same form users write under `categories:`, so
    the config schema describes both."""
    config_id = json.loads((schema_dir() / "config.schema.json").read_text())["$id"]
    section = {"$ref": f"{config_id}#/properties/categories"}
    validator = Draft202012Validator(section, registry=SchemaSet.load().registry)
    data = yaml.safe_load((category_dir() / "census-2021.yaml").read_text(encoding="utf-8"))
    errors = list(validator.iter_errors(data))
    assert [e.message for e in errors] == [], [list(e.absolute_path) for e in errors]


def test_changes_add_redefine_and_replace() -> None:
    base = CategoryScheme().extended(
        {
            "age": DimensionChange(
                "age",
                "Age",
                categories={"16-24": _cat("16-24"), "25-34": _cat("25-34")},
            )
        }
    )
    added = base.extended(
        {"age": DimensionChange("age", categories={"under_16": _cat("under_16")})}
    )
    assert list(added.dimensions["age"].categories) == ["16-24", "25-34", "under_16"]
    assert added.dimensions["age"].label == "Age"
    replaced = base.extended(
        {"age": DimensionChange("age", replace=True, categories={"18-24": _cat("18-24")})}
    )
    assert list(replaced.dimensions["age"].categories) == ["18-24"]
    new = base.extended({"unpaid_care": DimensionChange("unpaid_care")})
    assert new.dimensions["unpaid_care"].label == "Unpaid care"


def _cat(key: str):  # type: ignore[no-untyped-def]
    from eqdiv.model.categories import Category

    return Category(key, key, f"people aged {key}")


CONFIG_WITH_CATEGORIES = (
    MINIMAL_CONFIG
    + """\
categories:
  dimensions:
    age:
      categories:
        under_16: {label: Under 16, people: children under 16}
    carer:
      label: Unpaid care
      categories:
        carer: {label: Provides unpaid care, people: unpaid carers}
        not_carer: {label: Does not provide unpaid care}
    ethnicity:
      categories:
        kashmiri: {label: Kashmiri, group: asain, people: Kashmiri residents}
      groups:
        not_known: {label: Did not say}
"""
)


def test_config_extends_the_census(repo: RepoBuilder) -> None:
    repo.write({"eqdiv.yaml": CONFIG_WITH_CATEGORIES})
    scheme = category_scheme(repo.load().config)
    assert "under_16" in scheme.dimensions["age"].categories
    assert "16-24" in scheme.dimensions["age"].categories
    carer = scheme.dimensions["carer"]
    assert carer.label == "Unpaid care"
    assert carer.categories["carer"].people == "unpaid carers"
    # Without `people`, a sentence names the category by dimension and label.
    assert carer.categories["not_carer"].people == "Unpaid care: Does not provide unpaid care"


def test_config_base_none_starts_empty(repo: RepoBuilder) -> None:
    repo.write(
        {
            "eqdiv.yaml": MINIMAL_CONFIG
            + "categories:\n  base: none\n  dimensions:\n    sex:\n      categories:\n"
            "        female: {label: Female}\n"
        }
    )
    assert list(category_scheme(repo.load().config).dimensions) == ["sex"]


def test_config_category_mistakes_are_findings(repo: RepoBuilder) -> None:
    repo.write({"eqdiv.yaml": CONFIG_WITH_CATEGORIES})
    findings = repo.validate().findings
    assert [(str(f), f.hint) for f in findings] == [
        (
            "eqdiv.yaml:25:44: error group-unknown 'asain' is not a broad group of ethnic "
            "group (ethnicity).",
            "Did you mean 'asian'? Groups: asian, black, mixed, white, other. Define a group "
            "under ethnicity > groups.",
        ),
        (
            "eqdiv.yaml:27:9: error category-reserved 'not_known' is built in: it counts "
            "people who did not say.",
            "Remove it from ethnicity > groups.",
        ),
    ]


def test_a_profile_may_use_a_category_the_config_adds(repo: RepoBuilder) -> None:
    repo.write(
        {
            "eqdiv.yaml": CONFIG_WITH_CATEGORIES.split("    ethnicity:")[0],
            "c.yaml": """\
                kind: consultation
                id: carers-survey
                title: Carers' survey
                start: 2007-06-01
                methods: [survey]
                participants:
                  total: 12
                  profile:
                    carer: {carer: 11, not_known: 1}
                    age: {under_16: 2, 16-24: 10}
                """,
        }
    )
    assert repo.findings() == []


def test_unknown_category_hint_lists_the_choices(repo: RepoBuilder) -> None:
    repo.write(
        {
            "c.yaml": """\
                kind: consultation
                id: c
                title: Survey
                start: 2007-06-01
                methods: [survey]
                participants:
                  total: 3
                  profile:
                    disability: {Disabled_A_Lot: 1, not_disabled: 2}
                """
        }
    )
    [finding] = repo.validate().findings
    assert finding.location.pointer == "/participants/profile/disability/Disabled_A_Lot"
    assert finding.hint == (
        "Did you mean 'disabled_a_lot'? Known: disabled_a_lot, disabled_a_little, "
        "not_disabled, disabled, not_known. New ones are added in eqdiv.yaml under "
        "categories > dimensions > disability > categories."
    )


def test_population_profile_categories_are_checked(repo: RepoBuilder) -> None:
    repo.write(
        {
            "d.yaml": """\
                kind: demographics
                id: profile
                area: Somewhere
                source: Census 2021
                dimensions:
                  religion:
                    categories:
                      christian: 100
                      musilm: 10
                  carers:
                    categories: {carer: 5}
                """
        }
    )
    assert repo.findings() == [
        "d.yaml:9:7: error category-unknown 'musilm' is not a category of religion.",
        "d.yaml:10:3: error dimension-unknown 'carers' is not a dimension eqdiv knows.",
    ]


def test_the_readme_example_is_valid(repo: RepoBuilder) -> None:
    readme = documentation()
    example = readme.split("```yaml\ncategories:\n", 1)[1].split("```", 1)[0]
    repo.write({"eqdiv.yaml": MINIMAL_CONFIG + "categories:\n" + example})
    assert repo.findings() == []
    scheme = category_scheme(repo.load().config)
    assert scheme.dimensions["sex"].categories["female"].label == "Woman"
    assert list(scheme.dimensions["sex"].categories) == ["female", "male"]
    assert scheme.dimensions["carer"].label == "Unpaid care"
