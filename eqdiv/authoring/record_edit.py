"""Changing a whole record file (``eqdiv serve``'s text editor and its forms): the new
text is checked inside the repository before it is written, a change that brings a
new error is refused and the file left as it was, a file someone else changed since
it was opened is not overwritten, and the write is atomic.

Which file may be edited is decided here, from the repository's own list of record
files: a path from outside (a URL) is only ever a key into that list, and the file
must be a regular file inside the repository.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.authoring.drafts import check_draft
from eqdiv.authoring.file_diff import unified_diff
from eqdiv.checks.validation import validate
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.model.records import Record
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.regular_files import read_regular
from eqdiv.store.repository import Repository, load_repository
from eqdiv.yamlio.editor import EditError, YamlEdit
from eqdiv.yamlio.source import UTF8_BOM


class ChangedMeanwhile(EqdivError):
    """The file changed after the person opened it: nothing was written."""


def digest(content: bytes) -> str:
    """What a page remembers about the file it showed, to notice a change meanwhile."""
    return hashlib.sha256(content).hexdigest()


def record_file(repo: Repository, path: str) -> str:
    """``path`` if it is one of the repository's record files (a regular file inside
    it); a usage error otherwise. Nothing outside the list is ever opened."""
    if path not in repo.files:
        raise UsageError(
            f"There is no record file {path} in this repository.",
            "The findings page and each record's page link to the files eqdiv reads.",
        )
    target = (repo.root / path).resolve()
    if not target.is_relative_to(repo.root.resolve()):
        raise UsageError(f"{path} leads out of the records repository: eqdiv will not edit it.")
    return path


def read_record_file(root: Path, path: str) -> bytes:
    found = read_regular(root / path, MAX_RECORD_BYTES, root)
    if not isinstance(found, bytes):
        raise UsageError(f"{path}: {found.message or 'it cannot be read.'}")
    return found


@dataclass(frozen=True)
class RecordEdit:
    """A new text for ``path``: every finding it has (``findings``), those it would
    bring (``new``), and ``blocked`` when one of those is an error."""

    path: str
    before: bytes
    after: bytes
    findings: tuple[Finding, ...]
    new: tuple[Finding, ...]

    @property
    def blocked(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.new)

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class RecordEditOutcome:
    root: Path
    as_of: date
    edit: RecordEdit
    written: bool

    @property
    def failed(self) -> bool:
        return self.edit.blocked

    def to_dict(self) -> dict[str, Any]:
        e = self.edit
        return {
            **envelope("edit", str(self.root), self.as_of.isoformat()),
            "path": e.path,
            "written": self.written,
            "blocked": e.blocked,
            "findings": [finding_to_dict(f) for f in e.findings],
            "new": [finding_to_dict(f) for f in e.new],
            "diff": unified_diff(e.before, e.after, e.path),
        }


def edit_record_text(
    root: Path,
    path: str,
    content: bytes,
    as_of: date,
    *,
    opened: str | None = None,
    schemas: SchemaSet | None = None,
) -> RecordEditOutcome:
    """Write ``content`` as the record file ``path`` when it adds no error. ``opened``
    is the ``digest`` of the file as the person saw it: if it has changed since,
    ``ChangedMeanwhile`` is raised and nothing is written."""
    schemas = schemas or SchemaSet.load()
    repo = load_repository(root, schemas)
    record_file(repo, path)
    before = read_record_file(root, path)
    if opened is not None and digest(before) != opened:
        raise ChangedMeanwhile(
            f"Someone changed {path} after you opened it, so nothing was saved.",
            "The page now shows the file as it is: make your change again, then save.",
        )
    if len(content) > MAX_RECORD_BYTES:
        raise UsageError(f"The new text of {path} is larger than eqdiv reads a record file.")
    already = {_key(f) for f in validate(repo, as_of, [path]).findings}
    found = check_draft(root, path, content, as_of, schemas).findings
    new = tuple(f for f in found if _key(f) not in already)
    edit = RecordEdit(path, before, content, found, new)
    if edit.blocked or not edit.changed:
        return RecordEditOutcome(root, as_of, edit, written=False)
    if read_record_file(root, path) != before:
        raise ChangedMeanwhile(f"{path} changed while eqdiv was saving it; nothing was written.")
    write_atomic(root / path, content)
    return RecordEditOutcome(root, as_of, edit, written=True)


def edited_text(record: Record, before: bytes, values: Mapping[str, Any | None]) -> bytes:
    """``before`` with each field in ``values`` (JSON pointer → new value; None removes
    it) changed in place: comments and layout elsewhere kept, as the command line's
    edits keep them. A field whose parent is missing is added with its parent."""
    bom = UTF8_BOM if before.startswith(UTF8_BOM) else b""
    editor = YamlEdit(before[len(bom) :].decode("utf-8"), record.path)
    data: Any = record.data
    added: dict[str, dict[str, Any]] = {}
    for pointer, value in values.items():
        new_item = _new_item(data, pointer)
        if new_item is not None:  # a field of a list's next item: added as one item
            if value is not None:
                added.setdefault(new_item[0], {})[new_item[1]] = value
            continue
        _put(editor, data, pointer, value)
    for name, item in added.items():
        if isinstance(data.get(name), list):
            editor.append(f"/{name}", item)
        else:
            editor.add("", name, [item])
    return bom + editor.result().encode("utf-8")


def _new_item(data: Any, pointer: str) -> tuple[str, str] | None:
    """For ``/evidence/4/source`` where the list has four items (or none): the list's
    name and the field; None for any other pointer."""
    parts = pointer.strip("/").split("/")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    current = data.get(parts[0]) if isinstance(data, Mapping) else None
    size = len(current) if isinstance(current, list) else 0
    if current is not None and not isinstance(current, list):
        return None
    return (parts[0], parts[2]) if int(parts[1]) == size else None


def _put(editor: YamlEdit, data: Any, pointer: str, value: Any | None) -> None:
    parts = pointer.strip("/").split("/")
    parent = _parent(editor, data, parts, value)
    if parent is None:
        return
    key = parts[-1]
    present = isinstance(parent, Mapping) and key in parent
    if value is None or not present:
        if value is None and present:
            editor.remove(pointer)
        elif value is not None:
            editor.add(_pointer(parts[:-1]), key, value)
        return
    current = parent[key]
    if current == value:
        return
    if not isinstance(value, list) and not isinstance(current, list | Mapping):
        try:
            editor.set(pointer, value)
            return
        except EditError:  # written over several lines: rewritten whole, below
            pass
    # A list, or text over several lines, is rewritten whole in its place.
    keys = list(parent)
    before_it = tuple(reversed(keys[: keys.index(key)]))
    editor.remove(pointer)
    editor.add(_pointer(parts[:-1]), key, value, after=before_it)


def _parent(editor: YamlEdit, data: Any, parts: list[str], value: Any | None) -> Any:
    """The mapping that holds the field; None when it is missing (then it is added,
    holding the value, unless there is no value to add)."""
    parent: Any = data
    for depth, name in enumerate(parts[:-1]):
        if isinstance(parent, list):  # an item of a list: it is there, or not at all
            index = int(name) if name.isdigit() else len(parent)
            if index >= len(parent) or not isinstance(parent[index], Mapping):
                return None
            parent = parent[index]
            continue
        child = parent.get(name) if isinstance(parent, Mapping) else None
        if not isinstance(child, Mapping | list):
            if value is not None:
                nested: Any = value
                for inner in reversed(parts[depth + 1 :]):
                    nested = {inner: nested}
                editor.add(_pointer(parts[:depth]), name, nested)
            return None
        parent = child
    return parent


def _pointer(parts: list[str]) -> str:
    return "/" + "/".join(parts) if parts else ""


def _key(finding: Finding) -> tuple[str, str, str]:
    """A finding, less its line (lines move when a change adds some)."""
    return finding.code, finding.location.pointer, finding.message
