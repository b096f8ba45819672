"""A framework kept in a records repository (``kind: framework``): it replaces the
shipped framework with the same id, so a partnership can adapt the criteria or their
thresholds. It is parsed when it is used (``eqdiv.standards.framework_set``), where a
file that is not a framework becomes a finding."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eqdiv.model.findings import Location
from eqdiv.model.records import Record


@dataclass(frozen=True, slots=True)
class FrameworkRecord:
    id: str
    data: Mapping[str, Any]
    location: Location

    @classmethod
    def from_record(cls, record: Record) -> FrameworkRecord:
        return cls(record.id, record.data, record.location())
