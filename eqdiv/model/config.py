"""The partnership's configuration (``eqdiv.yaml``) as a typed value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eqdiv.model.categories import CategorySettings
from eqdiv.model.findings import Location
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.records import Record
from eqdiv.model.strands import BUILT_IN_SETS, CROSSWALK_2007_TO_2010, Strand
from eqdiv.model.workforce import WorkforceSettings


@dataclass(frozen=True, slots=True)
class Partner:
    id: str
    name: str
    type: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Thresholds:
    suppression: int = 10
    under_represented: float = 0.8
    over_represented: float = 1.25
    min_expected: float = 5.0


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """What published reports say about asking for another format."""

    contact: str | None = None
    formats: tuple[str, ...] = ("large print", "plain text", "Easy Read")


@dataclass(frozen=True, slots=True)
class Timescale:
    """A stage's timescales in working days."""

    acknowledge: int
    respond: int
    extension: int


# The Local Government and Social Care Ombudsman's code: stage 1 acknowledged within 5
# working days and answered within 10 (extendable by up to 10); stage 2 acknowledged
# within 5 and answered within 20.
OMBUDSMAN_CODE = {1: Timescale(5, 10, 10), 2: Timescale(5, 20, 0)}
# Whose bank holidays are not working days, for each nation the setting names.
NATIONS = ("england_and_wales", "scotland", "northern_ireland")


@dataclass(frozen=True, slots=True)
class CaseSettings:
    """``cases:`` in eqdiv.yaml: timescales per stage, and per partner where one has
    its own standard."""

    nation: str = "england_and_wales"
    stages: Mapping[int, Timescale] = field(default_factory=lambda: dict(OMBUDSMAN_CODE))
    partners: Mapping[str, Mapping[int, Timescale]] = field(default_factory=dict)
    due_soon_days: int = 3
    handoff_days: int = 2
    import_map: Mapping[str, str] = field(default_factory=dict)

    def timescale(self, partner: str, stage: int) -> Timescale:
        """The standard that ``partner`` answers ``stage`` to."""
        own = self.partners.get(partner, {})
        return own.get(stage) or self.stages.get(stage) or OMBUDSMAN_CODE[1]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CaseSettings:
        stages = {n: _timescale(data.get(f"stage_{n}", {}), OMBUDSMAN_CODE[n]) for n in (1, 2)}
        partners = {
            partner: {
                n: _timescale(own[f"stage_{n}"], stages[n]) for n in (1, 2) if f"stage_{n}" in own
            }
            for partner, own in data.get("partners", {}).items()
        }
        return cls(
            nation=data.get("nation", "england_and_wales"),
            stages=stages,
            partners=partners,
            due_soon_days=data.get("due_soon_days", 3),
            handoff_days=data.get("handoff_days", 2),
            import_map=dict(data.get("import_map", {})),
        )


def _timescale(data: Mapping[str, int], base: Timescale) -> Timescale:
    return Timescale(
        data.get("acknowledge", base.acknowledge),
        data.get("respond", base.respond),
        data.get("extension", base.extension),
    )


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one records repository. ``Config.default()`` stands in when
    ``eqdiv.yaml`` is broken, so that the rest of the records can still be read."""

    id: str = "default"
    name: str = "Unnamed partnership"
    area: str | None = None
    partners: tuple[Partner, ...] = ()
    strand_set: str = "equality-act-2010"
    strands: tuple[Strand, ...] = BUILT_IN_SETS["equality-act-2010"]
    local_groups: tuple[Strand, ...] = ()
    crosswalk: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    year_start_month: int = 4
    # The records' own date (``as_of:``): "today" when no --as-of is given.
    as_of: date | None = None
    eia_review_months: int = 36
    due_soon_days: int = 30
    eia_minimum_grade: str = "Adequate"
    thresholds: Thresholds = Thresholds()
    categories: CategorySettings = field(default_factory=CategorySettings)
    # ``eqdiv review``'s level for each change code it sets (eqdiv.review.policy has
    # the codes and their defaults).
    review: Mapping[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    reports: ReportSettings = ReportSettings()
    cases: CaseSettings = field(default_factory=CaseSettings)
    workforce: WorkforceSettings = field(default_factory=WorkforceSettings)
    location: Location = field(default_factory=lambda: Location(CONFIG_FILE))

    @classmethod
    def default(cls) -> Config:
        return cls()

    @classmethod
    def from_record(cls, record: Record) -> Config:
        data = record.data
        partnership = data["partnership"]
        strands_data = data["strands"]
        strand_set = strands_data["set"]
        if strand_set == "custom":
            strands = _labelled(strands_data["custom"], local=False)
        else:
            strands = BUILT_IN_SETS[strand_set]
        crosswalk_data: Mapping[str, list[str]] | None = strands_data.get("crosswalk")
        if crosswalk_data is not None:
            crosswalk = {k: tuple(v) for k, v in crosswalk_data.items()}
        elif strand_set == "six-strands":
            crosswalk = dict(CROSSWALK_2007_TO_2010)
        else:
            crosswalk = {}
        timescales = data.get("timescales", {})
        thresholds = data.get("thresholds", {})
        defaults = Thresholds()
        return cls(
            id=record.id,
            name=partnership["name"],
            area=partnership.get("area"),
            partners=tuple(
                Partner(
                    p["id"], p["name"], p.get("type"), record.location(f"/partnership/partners/{i}")
                )
                for i, p in enumerate(partnership["partners"])
            ),
            strand_set=strand_set,
            strands=strands,
            local_groups=_labelled(strands_data.get("local_groups", []), local=True),
            crosswalk=crosswalk,
            year_start_month=data.get("year_start_month", 4),
            as_of=date.fromisoformat(data["as_of"]) if "as_of" in data else None,
            eia_review_months=timescales.get("eia_review_months", 36),
            due_soon_days=timescales.get("due_soon_days", 30),
            eia_minimum_grade=data.get("eia_minimum_grade", "Adequate"),
            thresholds=Thresholds(
                suppression=thresholds.get("suppression", defaults.suppression),
                under_represented=thresholds.get("under_represented", defaults.under_represented),
                over_represented=thresholds.get("over_represented", defaults.over_represented),
                min_expected=thresholds.get("min_expected", defaults.min_expected),
            ),
            categories=CategorySettings.from_data(data.get("categories", {})),
            review=dict(data.get("review", {})),
            ignore=tuple(data.get("ignore", [])),
            reports=_reports(data.get("reports", {})),
            cases=CaseSettings.from_data(data.get("cases", {})),
            workforce=WorkforceSettings.from_data(data.get("workforce", {})),
            location=record.location(),
        )

    @property
    def groups(self) -> tuple[Strand, ...]:
        """The strands, then the local groups: everything an EIA rates."""
        return self.strands + self.local_groups

    @property
    def group_ids(self) -> frozenset[str]:
        return frozenset(g.id for g in self.groups)

    def label(self, group_id: str) -> str:
        """How reports name a strand or local group: a strand of another built-in set
        by that set's label (while eqdiv.yaml is broken, the default set stands in for
        the partnership's), anything else by its id."""
        for group in (*self.groups, *(s for found in BUILT_IN_SETS.values() for s in found)):
            if group.id == group_id:
                return group.label
        return group_id.replace("_", " ")


def _reports(data: Mapping[str, Any]) -> ReportSettings:
    defaults = ReportSettings()
    return ReportSettings(
        contact=data.get("contact"), formats=tuple(data.get("formats", defaults.formats))
    )


def _labelled(items: list[Mapping[str, Any]], *, local: bool) -> tuple[Strand, ...]:
    return tuple(
        Strand(item["id"], item["label"], local=local, description=item.get("description"))
        for item in items
    )
