"""``eqdiv import census``: a population profile built from ONS Census 2021 downloads.

Each file gives one dimension (age, sex, ethnic group ...) for many areas; the profile is
the sum over the areas asked for (a local authority, or the wards or MSOAs that make up a
partnership's patch). Counts are never compared across tables or areas: ONS perturbs each
table and each area separately, so TS008's total and TS021's can differ by a few people.
An existing profile with the same id is updated: the dimensions imported replace its own,
the others stay.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.authoring.census_files import CensusTable, read_census_path
from eqdiv.authoring.census_mapping import BY_ID, DIMENSIONS
from eqdiv.authoring.drafts import check_draft
from eqdiv.authoring.naming import record_path
from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.repository import load_repository
from eqdiv.yamlio.writer import dump

CENSUS_DAY = date(2021, 3, 21)
DEFAULT_ID = "census-2021-profile"
_SOURCE = "ONS Census 2021"
_NOTE = (
    "Imported by eqdiv from ONS Census 2021 downloads. ONS adjusts each table slightly to "
    "protect confidentiality, so totals can differ between dimensions by a few people."
)


@dataclass(frozen=True, slots=True)
class CensusImport:
    """The profile (None when nothing could be imported), its YAML, and every finding."""

    record_id: str
    areas: tuple[str, ...]
    record: Mapping[str, Any] | None
    text: str
    findings: tuple[Finding, ...]
    updated: bool

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` shape (findings are added by the caller's envelope)."""
        dims = self.record["dimensions"] if self.record else {}
        return {
            "id": self.record_id,
            "areas": list(self.areas),
            "updated": self.updated,
            "dimensions": {
                key: {"total": sum(d["categories"].values()), "categories": d["categories"]}
                for key, d in dims.items()
            },
        }


def import_census(
    tables: Sequence[CensusTable],
    areas: Sequence[str],
    record_id: str,
    *,
    name: str | None = None,
    existing: Mapping[str, Any] | None = None,
) -> CensusImport:
    """The profile of ``areas`` (summed) from ``tables``, merged into ``existing``."""
    findings = [f for table in tables for f in table.findings]
    usable = _one_table_per_dimension(tables, findings)
    for table in usable:
        for code in areas:
            if code not in table.areas:
                findings.append(_area_missing(table, code))
    dimensions = {
        table.dimension.id: _dimension(table, areas)
        for table in usable
        if table.dimension is not None and all(code in table.areas for code in areas)
    }
    if not dimensions:
        return CensusImport(record_id, tuple(areas), None, "", tuple(findings), False)
    record = _record(record_id, usable, areas, dimensions, name, existing)
    text = dump(record)
    return CensusImport(
        record_id, tuple(areas), record, text, tuple(findings), existing is not None
    )


def _one_table_per_dimension(
    tables: Sequence[CensusTable], findings: list[Finding]
) -> list[CensusTable]:
    by_dimension: dict[str, CensusTable] = {}
    for table in tables:
        if table.dimension is None:
            continue
        first = by_dimension.get(table.dimension.id)
        if first is not None:
            findings.append(
                Finding(
                    codes.CENSUS_DIMENSION_TWICE.id,
                    Severity.ERROR,
                    f"Both {first.source} and this file give {table.dimension.label.lower()}; "
                    "eqdiv cannot tell which to use.",
                    Location(table.source),
                    "Give one file per dimension.",
                )
            )
            continue
        by_dimension[table.dimension.id] = table
    # Profiles list dimensions in the order eqdiv's category scheme does.
    return [by_dimension[d.id] for d in DIMENSIONS if d.id in by_dimension]


def _area_missing(table: CensusTable, code: str) -> Finding:
    return Finding(
        codes.CENSUS_AREA_MISSING.id,
        Severity.ERROR,
        f"The area {code} is not in this file.",
        Location(table.source),
        "Check the area code (for example E06000046), and that the file is for the right "
        "kind of area (local authority, MSOA, ward).",
    )


def _dimension(table: CensusTable, areas: Sequence[str]) -> dict[str, Any]:
    assert table.dimension is not None  # only tables with a dimension get here
    dim = BY_ID[table.dimension.id]
    summed: dict[str, int] = {}
    for code in areas:
        for category, count in table.areas[code].counts.items():
            summed[category] = summed.get(category, 0) + count
    return {
        "label": dim.label,
        "universe": dim.universe,
        "source": f"{_SOURCE} {table.described}",
        "categories": summed,
    }


def _record(
    record_id: str,
    tables: Sequence[CensusTable],
    areas: Sequence[str],
    dimensions: Mapping[str, dict[str, Any]],
    name: str | None,
    existing: Mapping[str, Any] | None,
) -> dict[str, Any]:
    kept = dict(existing.get("dimensions", {})) if existing else {}
    merged = {**kept, **dimensions}
    table_ids = sorted({t.table for t in tables if t.table})
    record: dict[str, Any] = {
        "kind": "demographics",
        "id": record_id,
        "area": name or (existing or {}).get("area") or _area_name(tables, areas),
        "source": f"{_SOURCE} ({', '.join(table_ids)})",
        "date": CENSUS_DAY,
        "areas": list(areas),
        "note": (existing or {}).get("note") or _NOTE,
        "dimensions": merged,
    }
    return record


def _area_name(tables: Sequence[CensusTable], areas: Sequence[str]) -> str:
    names = []
    for code in areas:
        name = next((t.areas[code].name for t in tables if code in t.areas), code)
        names.append(f"{name} ({code})" if name != code else code)
    if len(names) <= 3:
        return ", ".join(names)
    return f"{len(names)} areas: {', '.join(areas)}"


@dataclass(frozen=True, slots=True)
class CensusOutcome:
    """What ``eqdiv import census`` did: the import, where the profile goes, whether it
    was written, and the findings its draft would bring into the repository."""

    root: Path
    as_of: date
    result: CensusImport
    path: str
    written: bool
    draft_findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        every = (*self.result.findings, *self.draft_findings)
        return self.result.record is None or any(f.severity is Severity.ERROR for f in every)

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv import census --format json``."""
        return {
            **envelope("import census", str(self.root), self.as_of.isoformat()),
            **self.result.to_dict(),
            "path": self.path,
            "written": self.written,
            "findings": [finding_to_dict(f) for f in (*self.result.findings, *self.draft_findings)],
        }


def import_census_files(
    root: Path,
    files: Sequence[tuple[Path, str]],
    areas: Sequence[str],
    as_of: date,
    *,
    record_id: str = DEFAULT_ID,
    name: str | None = None,
    write: bool = True,
) -> CensusOutcome:
    """Read ``files`` (each a path and the name findings give it) for ``areas``, build
    the profile ``record_id`` in the repository at ``root`` (updating it if it exists),
    check it as a draft, and write it unless anything is an error or ``write`` is off."""
    path = record_path(root, "demographics", record_id)
    repo = load_repository(root)
    existing = next(
        (r for r in repo.records if r.id == record_id and r.kind == "demographics"), None
    )
    path = existing.path if existing else path
    wanted = frozenset(areas)
    tables = [read_census_path(file, shown, wanted) for file, shown in files]
    result = import_census(
        tables, areas, record_id, name=name, existing=existing.data if existing else None
    )
    if result.record is None:
        return CensusOutcome(root, as_of, result, path, False, ())
    content = result.text.encode("utf-8")
    draft = check_draft(root, path, content, as_of).findings
    outcome = CensusOutcome(root, as_of, result, path, False, draft)
    if write and not outcome.failed:
        write_atomic(root / path, content, new=existing is None)
        return dataclasses.replace(outcome, written=True)
    return outcome
