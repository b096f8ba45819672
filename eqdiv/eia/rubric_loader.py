"""Which rubric scores a repository's EIAs: eqdiv's shipped one, or the partnership's.

A partnership replaces the shipped rubric with one ``kind: rubric`` record anywhere in
its records repository. If that record is broken (its schema, or parts that do not
fit together, such as a gate naming a grade the rubric lacks), scoring falls back to
the shipped rubric and says so in a finding, rather than failing or guessing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from itertools import pairwise

from eqdiv.eia.rules import RULES
from eqdiv.model import codes
from eqdiv.model.errors import SchemaError
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.records import Record
from eqdiv.model.rubric import Rubric
from eqdiv.model.suggest import did_you_mean
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.loaded import load_file
from eqdiv.store.repository import Repository

SHIPPED_FILE = "rubric.yaml"
SHIPPED_PATH = f"eqdiv:{SHIPPED_FILE}"  # how findings would name it (there should be none)


@dataclass(frozen=True)
class LoadedRubric:
    """The rubric to score with, and what was wrong with the partnership's, if anything."""

    rubric: Rubric
    findings: tuple[Finding, ...]

    @property
    def fallback(self) -> bool:
        """True when the partnership's rubric is broken and the shipped one stands in."""
        return any(f.code == codes.RUBRIC_FALLBACK.id for f in self.findings)


def shipped_rubric_text() -> str:
    """The shipped rubric file, word for word: the starting point for a partnership's."""
    return files("eqdiv.eia").joinpath(SHIPPED_FILE).read_text(encoding="utf-8")


@cache
def shipped_rubric() -> Rubric:
    """eqdiv's own rubric, validated like any record. Broken means a broken install."""
    raw = files("eqdiv.eia").joinpath(SHIPPED_FILE).read_bytes()
    loaded = load_file(SHIPPED_PATH, raw, SchemaSet.load())
    record = loaded.record
    problems = list(loaded.findings)
    if record is not None and record.valid:
        rubric = replace(Rubric.from_record(record), shipped=True)
        problems.extend(rubric_problems(record, rubric))
        if not problems:
            return rubric
    first = problems[0] if problems else "it is not a rubric"
    raise SchemaError(f"eqdiv's own EIA rubric is broken: {first}.", "Reinstall eqdiv.")


def load_rubric(repo: Repository) -> LoadedRubric:
    """The partnership's rubric if it has a usable one, else the shipped rubric."""
    records = [r for r in repo.records if r.kind == "rubric"]
    if not records:
        return LoadedRubric(shipped_rubric(), ())
    chosen, *others = records
    findings = [
        _finding(
            other,
            "",
            codes.RUBRIC_DUPLICATE,
            f"A records repository has one rubric; eqdiv uses {chosen.path} and ignores this one.",
            "Merge the two into one file and delete the other.",
        )
        for other in others
    ]
    if chosen.valid:
        rubric = next(m for m in repo.of_kind("rubric") if m.location.path == chosen.path)
        problems = rubric_problems(chosen, rubric)
        findings.extend(problems)
        if not any(p.severity is Severity.ERROR for p in problems):
            return LoadedRubric(rubric, tuple(findings))
    findings.append(
        _finding(
            chosen,
            "",
            codes.RUBRIC_FALLBACK,
            "This rubric has errors, so EIAs are scored with eqdiv's shipped rubric until "
            "they are fixed.",
            "Fix the errors reported for this file; `eqdiv eia rubric` shows the rubric in use.",
            Severity.WARNING,
        )
    )
    return LoadedRubric(shipped_rubric(), tuple(findings))


def rubric_problems(record: Record, rubric: Rubric) -> list[Finding]:
    """What the schema cannot see: the parts of a rubric must fit together."""
    return [*_criteria_refs(record, rubric), *_grades(record, rubric), *_reads(record, rubric)]


def _criteria_refs(record: Record, rubric: Rubric) -> Iterator[Finding]:
    known = list(rubric.criteria)
    grades = [g.name for g in rubric.grades]

    def unknown_criterion(cid: str, pointer: str) -> Finding:
        return _finding(
            record,
            pointer,
            codes.RUBRIC_INVALID,
            f"'{cid}' is not a criterion in this rubric.",
            did_you_mean(cid, known) + f"Criteria: {', '.join(known)}.",
        )

    for part, ids in rubric.scored_on.items():
        for i, cid in enumerate(ids):
            if cid not in rubric.criteria:
                yield unknown_criterion(cid, f"/scored_on/{part}/{i}")
    for i, gate in enumerate(rubric.gates):
        if gate.criterion not in rubric.criteria:
            yield unknown_criterion(gate.criterion, f"/gates/{i}/criterion")
        if rubric.grade_named(gate.cap) is None:
            yield _finding(
                record,
                f"/gates/{i}/cap",
                codes.RUBRIC_INVALID,
                f"'{gate.cap}' is not a grade in this rubric.",
                did_you_mean(gate.cap, grades) + f"Grades: {', '.join(grades)}.",
            )


def _grades(record: Record, rubric: Rubric) -> Iterator[Finding]:
    grades = rubric.grades
    if grades[0].minimum != 0:
        yield _finding(
            record,
            "/grades/0/from",
            codes.RUBRIC_INVALID,
            f"The lowest grade, {grades[0].name}, starts from {grades[0].minimum:g}%, so a "
            "score below that would have no grade.",
            "List the grades lowest first; the first starts `from: 0`.",
        )
    seen: set[str] = set()
    for previous, grade in pairwise(grades):
        if grade.minimum <= previous.minimum:
            yield _finding(
                record,
                f"/grades/{grade.rank}/from",
                codes.RUBRIC_INVALID,
                f"{grade.name} starts from {grade.minimum:g}%, which is not above "
                f"{previous.name} ({previous.minimum:g}%).",
                "List the grades lowest first, each starting from a higher percentage.",
            )
    for grade in grades:
        if grade.name.casefold() in seen:
            yield _finding(
                record,
                f"/grades/{grade.rank}/name",
                codes.RUBRIC_INVALID,
                f"There are two grades called {grade.name}.",
                "Give each grade its own name.",
            )
        seen.add(grade.name.casefold())


def _reads(record: Record, rubric: Rubric) -> Iterator[Finding]:
    for criterion in rubric.criteria.values():
        reads = RULES[criterion.rule].reads
        if criterion.reads is not None and set(criterion.reads) != set(reads):
            yield _finding(
                record,
                f"/criteria/{criterion.id}/reads",
                codes.RUBRIC_READS,
                f"{criterion.id} says its rule reads {', '.join(criterion.reads)}; the rule "
                f"'{criterion.rule}' reads {', '.join(reads)}.",
                "`reads` tells readers what the rule looks at; it does not change the rule. "
                f"Write `reads: [{', '.join(reads)}]`.",
                Severity.WARNING,
            )


def _finding(
    record: Record,
    pointer: str,
    code: codes.Code,
    message: str,
    hint: str,
    severity: Severity | None = None,
) -> Finding:
    return Finding(
        code.id, severity or code.severity, message, record.location(pointer), hint, record.id
    )
