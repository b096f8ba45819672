"""The rubric as data: the shipped one is valid and matches the rules; a partnership's
own changes the scores; a broken one is a finding, and scoring falls back."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eqdiv.checks.validation import validate
from eqdiv.eia import RULES, eia_quality, load_rubric, shipped_rubric, shipped_rubric_text
from eqdiv.eia.scoring import _grader
from eqdiv.model.resources import schema_dir
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import load_repository
from tests.conftest import AS_OF, BUNDLED, RepoBuilder
from tests.eia_support import eia, impacts, score, screened, with_eia

SHIPPED = shipped_rubric_text()
C8_GATE = """\
  - criterion: C8
    cap: Inadequate
    why: A negative impact with no response leaves the decision open to challenge.
"""
FALLBACK = (
    "rubric.yaml:8:1: warning rubric-fallback This rubric has errors, so EIAs are scored "
    "with eqdiv's shipped rubric until they are fixed."
)


# Screened out; C1 lacks who decides (1 point); every other criterion earns 2.
SCREENED_OUT_90 = screened(
    decision={"date": "2007-06-10"},
    qa={"by": "QA", "date": "2007-06-06"},
    published={"date": "2007-06-08", "where": "Intranet"},
)


def rubric_text(*changes: tuple[str, str]) -> str:
    """The shipped rubric with each ``(old, new)`` text replaced, as a partnership
    would edit its copy."""
    text = SHIPPED.replace("id: eqdiv-eia-rubric", "id: partnership-rubric")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_the_shipped_rubric_is_valid_and_complete() -> None:
    rubric = shipped_rubric()
    assert rubric.shipped
    assert list(rubric.criteria) == [f"C{n}" for n in range(1, 12)] + ["S1"]
    assert [(g.name, g.minimum) for g in rubric.grades] == [
        ("Inadequate", 0),
        ("Adequate", 40),
        ("Good", 65),
        ("Excellent", 85),
    ]
    assert [(g.criterion, g.at_most, g.cap) for g in rubric.gates] == [
        ("C2", 0, "Inadequate"),
        ("C3", 0, "Inadequate"),
        ("C8", 0, "Inadequate"),
        ("C11", 0, "Adequate"),
    ]
    assert rubric.scored_on == {
        "full_assessment": tuple(f"C{n}" for n in range(1, 12)),
        "screened_out": ("C1", "C2", "C3", "C11", "S1"),
    }
    # Every criterion says what its rule reads, truly.
    for criterion in rubric.criteria.values():
        assert criterion.reads is not None
        assert set(criterion.reads) == set(RULES[criterion.rule].reads), criterion.id


def test_the_schema_names_exactly_the_rules_and_the_eia_fields() -> None:
    schema = json.loads((schema_dir() / "rubric.schema.json").read_text())
    criterion = schema["properties"]["criteria"]["additionalProperties"]["properties"]
    assert set(criterion["rule"]["enum"]) == set(RULES)
    eia_schema = json.loads((schema_dir() / "eia.schema.json").read_text())
    assert set(criterion["reads"]["items"]["enum"]) == set(eia_schema["properties"]) - {
        "kind",
        "id",
    }


def test_without_a_rubric_of_its_own_a_repository_uses_the_shipped_one(
    repo: RepoBuilder,
) -> None:
    loaded = load_rubric(repo.load())
    assert loaded.rubric is shipped_rubric()
    assert loaded.findings == () and not loaded.fallback


def test_a_partnership_rubric_changes_the_scores(repo: RepoBuilder) -> None:
    # Age rated negative, not asked about (C5: 1) and not mitigated (C8: 0): the
    # shipped rubric's C8 gate holds it at Inadequate.
    data = eia(impacts=impacts(age="negative"))
    before = score(repo, data)
    assert (before.total, before.maximum, before.grade.name) == (19, 22, "Inadequate")
    repo.write(
        {
            "rubric.yaml": rubric_text(
                ("  - criterion: C8\n    cap: Inadequate", "  - criterion: C8\n    cap: Good"),
                (
                    "rule: mitigation\n    reads: [impacts, mitigation]\n    weight: 1",
                    "rule: mitigation\n    reads: [impacts, mitigation]\n    weight: 3",
                ),
                ("  - name: Good\n    from: 65", "  - name: Good\n    from: 60"),
            )
        }
    )
    result = eia_quality(repo.load())
    [after] = result.scores
    assert not result.rubric.shipped and result.rubric.location.path == "rubric.yaml"
    # C8 now counts 3 times (0 of 6), so the maximum is 26; 19 of 26 (73%) is Good
    # from 60%, and the C8 gate caps at Good, not Inadequate.
    assert (after.total, after.maximum) == (19, 26)
    assert (after.points_grade.name, after.grade.name) == ("Good", "Good")
    [gate] = after.gates
    assert (gate.cap.name, gate.lowered) == ("Good", False)
    assert repo.findings() == []


def test_a_band_is_reached_on_the_exact_points_not_a_float_short_of_them(
    repo: RepoBuilder,
) -> None:
    # Weights of 0.1 add up in binary to 0.9 of 1.0 as 89.99999999999999%: a band from
    # 90 must still be reached, and the percentage shown must agree with the grade.
    excellent = ("  - name: Excellent\n    from: 85", "  - name: Excellent\n    from: 90")
    repo.write({"rubric.yaml": rubric_text(("weight: 1\n", "weight: 0.1\n"), excellent)})
    with_eia(repo, SCREENED_OUT_90)
    result = eia_quality(repo.load())
    [scored] = result.scores
    assert [c.points for c in scored.criteria] == [1, 2, 2, 2, 2]
    assert (scored.total, scored.maximum, scored.grade.name) == (0.9, 1, "Excellent")
    assert (scored.percent(1), scored.percent_words) == (90.0, "90%")
    assert repo.findings() == []


def test_a_partnership_rubric_rescores_the_bundled_eias(tmp_path: Path) -> None:
    root = shutil.copytree(BUNDLED, tmp_path / "records")
    (root / "rubric.yaml").write_text(rubric_text((C8_GATE, "")), encoding="utf-8")
    repo = load_repository(root, SchemaSet.load())
    # The rubric adds no finding: only the advice contract's two (seed action 4e) and
    # information sharing's two.
    assert {f.code for f in validate(repo, AS_OF).findings} == {
        "contract-clause-missing",
        "contract-eia-missing",
        "sharing-agreement-missing",
        "sharing-review-overdue",
    }
    grades = {s.eia.id: s.grade.name for s in eia_quality(repo).scores}
    # Without the C8 gate, the drop-in sessions EIA keeps the Good its points earn.
    assert grades == {
        "eia-2007-case-records": "Excellent",
        "eia-2007-drop-in-sessions": "Good",
        "eia-2007-home-visits": "Excellent",
        "eia-2007-service-leaflet": "Inadequate",
    }


def test_a_rubric_that_breaks_its_schema_is_a_finding_and_scoring_falls_back(
    repo: RepoBuilder,
) -> None:
    repo.write({"rubric.yaml": rubric_text(("    rule: psed_aims\n", "    rule: psed\n"))})
    findings = repo.findings()
    assert findings[0] == FALLBACK
    assert findings[1].startswith(
        "rubric.yaml:102:11: error schema 'psed' is not an allowed value here."
    )
    assert len(findings) == 2
    result = eia_quality(repo.load())
    assert result.loaded.fallback and result.rubric is shipped_rubric()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  - criterion: C8\n    cap: Inadequate", "  - criterion: C8\n    cap: Poor"),
            "rubric.yaml:214:10: error rubric-invalid 'Poor' is not a grade in this rubric.",
        ),
        (
            ("  - criterion: C8\n", "  - criterion: C88\n"),
            "rubric.yaml:213:16: error rubric-invalid 'C88' is not a criterion in this rubric.",
        ),
        (
            ("screened_out: [C1, C2, C3, C11, S1]", "screened_out: [C1, C2, C3, C11, S2]"),
            "rubric.yaml:222:35: error rubric-invalid 'S2' is not a criterion in this rubric.",
        ),
        (
            ("  - name: Good\n    from: 65", "  - name: Good\n    from: 40"),
            "rubric.yaml:200:11: error rubric-invalid Good starts from 40%, which is not "
            "above Adequate (40%).",
        ),
        (
            ("  - name: Inadequate\n    from: 0", "  - name: Inadequate\n    from: 10"),
            "rubric.yaml:194:11: error rubric-invalid The lowest grade, Inadequate, starts "
            "from 10%, so a score below that would have no grade.",
        ),
        (
            ("  - name: Good\n", "  - name: adequate\n"),
            "rubric.yaml:199:11: error rubric-invalid There are two grades called adequate.",
        ),
    ],
    ids=["gate-grade", "gate-criterion", "scored-on", "grades-not-rising", "lowest-not-0", "twice"],
)
def test_a_rubric_whose_parts_do_not_fit_is_a_finding_and_scoring_falls_back(
    repo: RepoBuilder, change: tuple[str, str], expected: str
) -> None:
    repo.write({"rubric.yaml": rubric_text(change)})
    findings = repo.findings()
    assert findings == [FALLBACK, expected]
    assert load_rubric(repo.load()).rubric is shipped_rubric()


def test_reads_that_do_not_match_the_rule_are_a_warning_only(repo: RepoBuilder) -> None:
    repo.write({"rubric.yaml": rubric_text(("reads: [psed]", "reads: [psed, outcome]"))})
    assert repo.findings() == [
        "rubric.yaml:103:12: warning rubric-reads C6 says its rule reads psed, outcome; the "
        "rule 'psed_aims' reads psed."
    ]
    loaded = load_rubric(repo.load())
    assert not loaded.rubric.shipped and not loaded.fallback


def test_one_rubric_per_repository(repo: RepoBuilder) -> None:
    repo.write(
        {
            "rubric.yaml": rubric_text(),
            "rubrics/other.yaml": rubric_text(("id: partnership-rubric", "id: other-rubric")),
        }
    )
    assert repo.findings() == [
        "rubrics/other.yaml:8:1: error rubric-duplicate A records repository has one "
        "rubric; eqdiv uses rubric.yaml and ignores this one."
    ]
    assert load_rubric(repo.load()).rubric.location.path == "rubric.yaml"


def test_the_minimum_grade_must_be_a_grade_of_the_rubric(repo: RepoBuilder) -> None:
    config = (repo.root / "eqdiv.yaml").read_text()
    repo.write({"eqdiv.yaml": config + "eia_minimum_grade: Fair\n"})
    assert repo.findings() == [
        "eqdiv.yaml:13:20: error grade-unknown The minimum EIA grade 'Fair' is not a grade "
        "of the rubric in use (eqdiv EIA quality rubric)."
    ]
    assert eia_quality(repo.load()).minimum is None
    repo.write({"eqdiv.yaml": config + "eia_minimum_grade: good\n"})
    assert repo.findings() == []
    minimum = eia_quality(repo.load()).minimum
    assert minimum is not None and minimum.name == "Good"


def test_a_rubric_with_other_grades_needs_the_minimum_set(repo: RepoBuilder) -> None:
    renamed = rubric_text(
        ("name: Inadequate", "name: Developing"),
        ("name: Adequate", "name: Achieving"),
        ("name: Good", "name: Strong"),
        ("cap: Inadequate", "cap: Developing"),
        ("cap: Adequate", "cap: Achieving"),
    )
    repo.write({"rubric.yaml": renamed})
    [finding] = repo.validate().findings
    assert str(finding) == (
        "eqdiv.yaml:1:1: error grade-unknown The minimum EIA grade 'Adequate' is not a "
        "grade of the rubric in use (eqdiv EIA quality rubric)."
    )
    assert finding.hint == (
        "Set `eia_minimum_grade` in eqdiv.yaml to one of: Developing, Achieving, Strong, Excellent."
    )


@given(
    st.booleans(),
    st.lists(st.integers(min_value=0, max_value=2), min_size=20, max_size=20),
)
def test_each_pattern_of_points_is_graded_as_worked_out_afresh(
    screened_out: bool, raw: list[int]
) -> None:
    """Grades are worked out once per pattern of points and then remembered: whatever
    came before, a pattern gets the grade its exact weighted share and gates give."""
    rubric = shipped_rubric()
    criteria = rubric.criteria_for(screened_out)
    points = tuple(raw[: len(criteria)])
    grading = _grader(rubric).grade(criteria, points)
    total = sum(p * Fraction(repr(c.weight)) for p, c in zip(points, criteria, strict=True))
    maximum = sum(2 * Fraction(repr(c.weight)) for c in criteria)
    share = Fraction(total, maximum)
    bands = [g for g in rubric.grades if Fraction(repr(g.minimum)) <= 100 * share]
    by_points = max(bands, key=lambda g: g.rank) if bands else rubric.grades[0]
    caps = [
        rubric.grade_named(gate.cap)
        for gate in rubric.gates
        for c, p in zip(criteria, points, strict=True)
        if c.id == gate.criterion and p <= gate.at_most
    ]
    grade = min([by_points, *[c for c in caps if c is not None]], key=lambda g: g.rank)
    assert (grading.share, grading.points_grade, grading.grade) == (share, by_points, grade)
    assert grading.total == float(total) and grading.maximum == float(maximum)
