"""A record: one YAML file of the records repository, parsed, knowing where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eqdiv.model.document import Document
from eqdiv.model.findings import Location


@dataclass(frozen=True, slots=True)
class Record:
    """A parsed record file.

    ``path`` is relative to the records repository, with forward slashes. ``valid`` is
    True when the record passed its schema; only valid records become typed models
    (``eqdiv.model``), but every record can still be located and reported on.
    """

    path: str
    kind: str
    id: str
    document: Document
    valid: bool

    @property
    def data(self) -> Mapping[str, Any]:
        data: Mapping[str, Any] = self.document.data
        return data

    def location(self, pointer: str = "", *, key: bool = False) -> Location:
        """Where ``pointer`` (a JSON pointer into this record) is in the file."""
        line, column = self.document.position(pointer, key=key)
        return Location(self.path, line, column, pointer)
