"""What each version of a record file says about the links between records, kept by
its content (the git blob id), so that ``review`` can tell which records a change
reaches without reading every file.

For each version: its kind and id (None when it could not be read as a record), the
ids of an action plan's actions, and every id-like string it holds (``tokens``): what
it may link to. Tokens over-approximate the links (any string that looks like an id, and
the plan of each ``PLAN/ACTION``), so that a record found to link nowhere truly links
nowhere; a string that happens to equal an id only makes a review read one file more.

Like the rest of the cache, the index is never trusted blindly: an entry that does not
decode is a miss, and failing to read or write only costs speed.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import re
import sqlite3
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eqdiv.store.database import install_fingerprint, open_database, write_kept
from eqdiv.store.loaded import LoadedFile

# An id or a PLAN/ACTION reference, as the schemas allow them (common.schema.json).
# A whole JSON string that is one (the characters an id may hold need no escaping).
_QUOTED = re.compile(r'"([A-Za-z0-9][A-Za-z0-9/._-]{0,127})"')
# Versions kept: a few repositories' worth; the oldest written go first.
KEPT = 200_000


@dataclass(frozen=True, slots=True)
class LinkFacts:
    """What one version of a record file says about links (see the module's words)."""

    kind: str | None
    id: str | None
    valid: bool
    actions: tuple[str, ...]
    tokens: frozenset[str]

    def encode(self) -> bytes:
        # Tokens hold no space: one string splits faster than a list decodes.
        tokens = " ".join(sorted(self.tokens))
        return marshal.dumps((self.kind, self.id, self.valid, self.actions, tokens))

    @classmethod
    def decode(cls, raw: bytes) -> LinkFacts | None:
        """The facts an entry holds; None when it does not decode (a miss)."""
        try:
            value = marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            return None
        if not (isinstance(value, tuple) and len(value) == 5):
            return None
        kind, record_id, valid, actions, tokens = value
        if not (
            (kind is None or isinstance(kind, str))
            and (record_id is None or isinstance(record_id, str))
            and isinstance(valid, bool)
            and isinstance(actions, tuple)
            and isinstance(tokens, str)
            and all(isinstance(a, str) for a in actions)
        ):
            return None
        # Interned: field names and common values repeat across thousands of files.
        return cls(
            kind, record_id, valid, tuple(actions), frozenset(map(sys.intern, tokens.split()))
        )


def link_facts(loaded: LoadedFile) -> LinkFacts:
    """The link facts of one loaded file."""
    record = loaded.record
    if record is None:
        return LinkFacts(None, None, False, (), frozenset())
    actions: tuple[str, ...] = ()
    if record.kind == "action-plan":
        items = record.data.get("actions")
        actions = tuple(
            a["id"]
            for a in (items if isinstance(items, list) else ())
            if isinstance(a, dict) and isinstance(a.get("id"), str)
        )
    return LinkFacts(record.kind, record.id, record.valid, actions, tokens_of(record.data))


def tokens_of(data: Any) -> frozenset[str]:
    """Every id-like string in ``data`` (keys and values, at any depth), with the plan
    of each ``PLAN/ACTION``. Read from the data as JSON text: one pass in C rather than
    a walk of every value in Python (a repository has millions)."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    found = set(_QUOTED.findall(text))
    found |= {token.partition("/")[0] for token in found if "/" in token}
    return frozenset(found)


class LinkIndex:
    """Link facts by git blob id, in one repository's cache database."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        # eqdiv as installed: a new parser or schema set may read a file differently.
        self._stamp = install_fingerprint()

    @staticmethod
    def prepare(db: sqlite3.Connection) -> None:
        """Make the index's table in ``db`` (for a connection shared with others)."""
        db.execute("CREATE TABLE IF NOT EXISTS links (key TEXT PRIMARY KEY, facts BLOB)")

    @classmethod
    def open(cls, root: Path) -> LinkIndex | None:
        """The index of the repository at ``root``; None when it cannot be used."""
        db = open_database(root, cls.prepare)
        return cls(db) if db is not None else None

    def get_many(self, blobs: Iterable[str], salt: str) -> dict[str, LinkFacts]:
        """The facts of each of ``blobs`` that the index holds (``salt``: the schema
        set's fingerprint, which decides what a file reads as)."""
        wanted = set(blobs)
        prefix = f"{self._stamp}:{salt}:"
        found: dict[str, LinkFacts] = {}
        try:
            rows = self._db.execute(
                "SELECT key, facts FROM links WHERE key >= ? AND key < ?",
                (prefix, prefix + "\uffff"),
            ).fetchall()
        except sqlite3.Error:
            return found
        for key, raw in rows:
            blob = key[len(prefix) :]
            if blob not in wanted or not isinstance(raw, bytes):
                continue
            facts = LinkFacts.decode(raw)
            if facts is not None:
                found[blob] = facts
        return found

    def put_many(self, items: Mapping[str, LinkFacts], salt: str) -> None:
        prefix = f"{self._stamp}:{salt}:"
        rows = [(prefix + blob, facts.encode()) for blob, facts in items.items()]
        write_kept(self._db, "INSERT OR REPLACE INTO links VALUES (?, ?)", rows, "links", KEPT)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
