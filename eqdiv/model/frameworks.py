"""Equality frameworks as data: the Equality Standard for Local Government (ESLG, 2007)
and the Equality Framework for Local Government (EFLG, 2021), their levels and criteria,
and the evidence rules that say what in the records can show a criterion is met.

The two frameworks are shaped differently. ESLG has five cumulative levels, each with
one criterion per element, and a criterion is met or not. EFLG has modules of criteria,
and each criterion is reached at a level (Developing, Achieving, Excellent). Both are
read into one shape: a criterion has the claims a self-assessment may make of it, and
evidence items that apply from a level upwards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MET, PARTLY, NOT_MET, NOT_YET = "met", "partly", "not_met", "not_yet"
# An ESLG criterion is met or not; "partly" records work under way.
MET_CLAIMS = (NOT_MET, PARTLY, MET)


class FrameworkError(ValueError):
    """A framework file that does not have the shape eqdiv reads (message says where)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A check of the records, with its parameter (None for a rule that takes none)."""

    name: str
    parameter: str | int | None = None

    def __str__(self) -> str:
        return self.name if self.parameter is None else f"{self.name}: {self.parameter}"


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A kind of record that can show a criterion is met, with the rule that checks it
    (if the records allow one), from ``level`` upwards (None: at every level)."""

    kind: str
    rule: Rule | None
    level: str | None


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    rank: int  # 1 is the first level
    title: str


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    title: str
    description: str
    group: str  # the ESLG level (L2) or the EFLG module (M1) it belongs to
    element: int | None  # the ESLG element (1-5) whose work it is, if any
    evidence: tuple[EvidenceItem, ...]
    level_words: Mapping[str, str]  # EFLG: what each level looks like


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    name: str
    short_name: str
    in_use: str
    levels: tuple[Level, ...]
    criteria: tuple[Criterion, ...]
    graded: bool  # True: criteria reach a level (EFLG); False: met or not, by level (ESLG)
    groups: Mapping[str, str]  # level or module id -> its title

    @property
    def claims(self) -> tuple[str, ...]:
        """What a self-assessment may claim of a criterion, lowest first."""
        return (NOT_YET, *(lv.id for lv in self.levels)) if self.graded else MET_CLAIMS

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def rank(self, level_id: str | None) -> int:
        found = self.level(level_id) if level_id else None
        return found.rank if found else 0

    def up_to(self, rank: int) -> tuple[Criterion, ...]:
        """ESLG: the criteria of the levels up to ``rank`` (levels are cumulative)."""
        wanted = {lv.id for lv in self.levels if lv.rank <= rank}
        return tuple(c for c in self.criteria if c.group in wanted)

    def applicable(self, criterion: Criterion, level: str | None) -> tuple[EvidenceItem, ...]:
        """The rule items a claim of ``level`` is checked against: ESLG, every item; EFLG,
        the items at or below the level, and of a rule named at several levels only the
        highest of them."""
        if not self.graded:
            return tuple(i for i in criterion.evidence if i.rule is not None)
        ceiling = self.rank(level)
        chosen: dict[str, EvidenceItem] = {}
        for item in criterion.evidence:
            if item.rule is None or self.rank(item.level) > ceiling:
                continue
            held = chosen.get(item.rule.name)
            if held is None or self.rank(item.level) >= self.rank(held.level):
                chosen[item.rule.name] = item
        return tuple(chosen.values())


@dataclass(frozen=True, slots=True)
class CrosswalkEntry:
    element: int
    primary: str
    also: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Crosswalk:
    source: str
    target: str
    entries: tuple[CrosswalkEntry, ...]

    def for_element(self, element: int) -> CrosswalkEntry | None:
        return next((e for e in self.entries if e.element == element), None)


def _rule(value: Any, where: str) -> Rule | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Rule(value)
    if isinstance(value, Mapping) and len(value) == 1:
        ((name, parameter),) = value.items()
        if isinstance(parameter, str | int) and not isinstance(parameter, bool):
            return Rule(str(name), parameter)
    raise FrameworkError(f"{where}: a rule is a name, or a name with one value")


def _evidence(items: Sequence[Mapping[str, Any]], where: str) -> tuple[EvidenceItem, ...]:
    return tuple(
        EvidenceItem(str(i["kind"]), _rule(i.get("rule"), where), i.get("level")) for i in items
    )


def parse_framework(data: Mapping[str, Any], where: str) -> Framework:
    """A framework from its YAML data (``where`` names the file in errors)."""
    try:
        if "modules" in data:
            return _graded(data, where)
        return _cumulative(data, where)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        if isinstance(err, FrameworkError):
            raise
        raise FrameworkError(f"{where}: not a framework eqdiv can read ({err!r})") from err


def _common(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": str(data["id"]),
        "name": str(data["name"]),
        "short_name": str(data.get("short_name", data["id"])),
        "in_use": str(data.get("in_use", "")),
    }


def _cumulative(data: Mapping[str, Any], where: str) -> Framework:
    elements = {e["id"]: int(e["number"]) for e in data.get("elements", [])}
    levels = tuple(
        Level(str(lv["id"]), int(lv["number"]), str(lv["title"])) for lv in data["levels"]
    )
    criteria = tuple(
        Criterion(
            str(c["id"]),
            str(c["title"]),
            str(c.get("description", "")),
            str(lv["id"]),
            elements.get(c.get("element")),
            _evidence(c.get("evidence", []), f"{where} {c['id']}"),
            {},
        )
        for lv in data["levels"]
        for c in lv["criteria"]
    )
    groups = {lv.id: lv.title for lv in levels}
    return Framework(**_common(data), levels=levels, criteria=criteria, graded=False, groups=groups)


def _graded(data: Mapping[str, Any], where: str) -> Framework:
    levels = tuple(
        Level(str(lv["id"]), int(lv["rank"]), str(lv.get("meaning", lv["id"])))
        for lv in data["levels"]
    )
    criteria = tuple(
        Criterion(
            str(c["id"]),
            str(c["title"]),
            str(c.get("description", "")),
            str(m["id"]),
            None,
            _evidence(c.get("evidence", []), f"{where} {c['id']}"),
            {str(k): str(v) for k, v in c.get("levels", {}).items()},
        )
        for m in data["modules"]
        for c in m["criteria"]
    )
    groups = {str(m["id"]): str(m["title"]) for m in data["modules"]}
    return Framework(**_common(data), levels=levels, criteria=criteria, graded=True, groups=groups)


def parse_crosswalk(data: Mapping[str, Any], where: str) -> Crosswalk:
    try:
        entries = tuple(
            CrosswalkEntry(
                int(str(m["element"]).lstrip("E")), str(m["primary"]), tuple(m.get("also", []))
            )
            for m in data["mappings"]
        )
        return Crosswalk(str(data["from"]), str(data["to"]), entries)
    except (KeyError, TypeError, ValueError) as err:
        raise FrameworkError(f"{where}: not a crosswalk eqdiv can read ({err!r})") from err
