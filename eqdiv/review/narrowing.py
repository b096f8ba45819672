"""Reviewing a change by reading only what it reaches.

A review needs every finding on both sides (those already there are listed too), and
the EIA grades the change moves. Most of a repository is the same on both sides: a file
the change does not reach has the same findings before and after. So the whole older
side is validated once and its findings kept in the store by the content of its files
(every path and git blob id) and the day; the link facts of every version (kind, id,
what it may link to: ``store.link_index``) are kept by blob id. A later review from the
same base then reads, on each side, only:

- the changed files, the files that name an id a changed file defines (before or after:
  a renamed or deleted id breaks their links; a copied one makes a duplicate), the
  files that define those ids again, and the contracts resting on an EIA among them
  (a contract checks its EIA's grade, which the change may move);
- what those files link to, two steps out (an EIA's grade reads the actions and
  consultations it names), with every file of the same ids;
- every file that is not one of the bulk kinds: eqdiv.yaml, the people directory, the
  rubric, population profiles, files that cannot be read (whose ids are taken on
  trust).

The findings of the files reached are worked out again on the newer side; the rest are
the older side's. The ids of the records left out are given to the reference check
(``Repository.elsewhere``), so a link into them is not taken for broken and a "did you
mean" hint is drawn from every id.

Anything this cannot follow falls back to reading both sides whole (``None``): a change
to a file of another kind (eqdiv.yaml, people, a consultation or case log, whose counts
are summed across the repository), a repository with a self-assessment or framework
(judged against everything), a finding gathered across files (no people directory),
or files in the working tree that git does not list. Correct first; fast for the
common change.
"""

from __future__ import annotations

# Lazy imports: the cross-record checks are imported when a review runs, not with the
# package (``eqdiv history`` imports ``review`` and needs none of them).
import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location, Severity, sort_findings
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.review.sides import Side, Source, changed_records
from eqdiv.store.database import digest, open_database
from eqdiv.store.gitrepo import Commit, FileChange
from eqdiv.store.link_index import LinkFacts, LinkIndex, link_facts
from eqdiv.store.loaded import LoadedFile, load_file
from eqdiv.store.regular_files import read_regular
from eqdiv.store.repository import Repository, discover, ignored_patterns, is_record_path
from eqdiv.store.result_cache import ResultCache

# A change to only these kinds is followed through links (see the module's words).
FOLLOWED = frozenset(
    {"eia", "action-plan", "objective", "indicator", "contract", "outcome-evidence"}
)
# Kinds a repository holds many of: read only where a change reaches them.
BULK = FOLLOWED | {"consultation", "case-log", "workforce", "sharing-agreement"}
# Kinds judged against the whole repository: any change may move their findings.
WHOLE = frozenset({"self-assessment", "framework"})
_FINDINGS = "review-side-findings"

Facts = dict[str, LinkFacts]


@dataclass
class Store:
    """Where a side's findings and the link facts are kept: the repository's cache."""

    links: LinkIndex
    results: ResultCache
    salt: str
    _db: sqlite3.Connection
    written: set[str] = field(default_factory=set)  # blobs whose facts this run wrote

    @classmethod
    def open(cls, source: Source) -> Store | None:
        def prepare(db: sqlite3.Connection) -> None:
            LinkIndex.prepare(db)
            db.execute(
                "CREATE TABLE IF NOT EXISTS results "
                "(key TEXT PRIMARY KEY, value BLOB, used INTEGER)"
            )

        # Opened beside the record cache (``source.cache``), which has checked it.
        db = open_database(source.root, prepare, checked=source.cache is not None)
        if db is None:
            return None
        return cls(LinkIndex(db), ResultCache(db), source.schemas.fingerprint, db)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def findings(self, listing: Mapping[str, str], as_of: date) -> tuple[Finding, ...] | None:
        raw = self.results.get(_FINDINGS, _side_key(listing, as_of, self.salt))
        return _decode(raw) if raw is not None else None

    def remember(
        self,
        listing: Mapping[str, str],
        as_of: date,
        findings: Iterable[Finding],
        files: Mapping[str, LoadedFile],
    ) -> None:
        """Keep a whole side's findings and its files' link facts."""
        self.results.put(_FINDINGS, _side_key(listing, as_of, self.salt), _encode(tuple(findings)))
        fresh = {
            listing[p]: link_facts(f)
            for p, f in files.items()
            if p in listing and listing[p] not in self.written
        }
        self.links.put_many(fresh, self.salt)
        self.written.update(fresh)


def listing(source: Source, commit: Commit) -> dict[str, str]:
    """The record files at ``commit`` (records paths) with their blob ids, filtered by
    that commit's own ``ignore`` patterns."""
    found: dict[str, str] = {}
    for git_path, blob in source.git.listing(commit, source.prefix).items():
        path = source.record_path(git_path)
        if path is not None and is_record_path(path):
            found[path] = blob
    config = source.load(commit, CONFIG_FILE) if CONFIG_FILE in found else None
    ignore = ignored_patterns(config) if config is not None else ()
    return {p: b for p, b in found.items() if p == CONFIG_FILE or is_record_path(p, ignore)}


@dataclass(frozen=True)
class Narrowed:
    """Both sides as far as the change reaches, and every finding on each."""

    files: tuple[FileChange, ...]
    older: Side
    newer: Side
    before: tuple[Finding, ...]
    after: tuple[Finding, ...]
    reached: frozenset[str]


def narrowed(
    source: Source,
    store: Store,
    base: Commit,
    base_label: str,
    head: Commit | None,
    head_label: str,
    as_of: date,
) -> Narrowed | None:
    """The review's sides from the files the change reaches, or None when this change
    must be reviewed whole (see the module's words)."""
    old_listing = listing(source, base)
    before = store.findings(old_listing, as_of)
    if before is None or _gathered(before):
        return None
    stored = store.links.get_many(old_listing.values(), store.salt)
    if any(blob not in stored for blob in old_listing.values()):
        return None
    old_facts = {p: stored[b] for p, b in old_listing.items()}
    if any(f.kind in WHOLE for f in old_facts.values()):
        return None
    config = source.load(base, CONFIG_FILE) if CONFIG_FILE in old_listing else None
    ignore = ignored_patterns(config) if config is not None else ()
    files = changed_records(source, base, head, ignore)
    if any(CONFIG_FILE in (c.path, c.old_path) for c in files):
        return None
    loaded = _changed(source, base, head, files)
    if loaded is None:
        return None
    old_loaded, new_loaded = loaded
    d_old = {p: link_facts(f) for p, f in old_loaded.items()}
    d_new = {p: link_facts(f) for p, f in new_loaded.items()}
    if any(f.kind not in FOLLOWED for f in (*d_old.values(), *d_new.values())):
        return None
    new_facts = {p: f for p, f in old_facts.items() if p not in d_old}
    new_facts.update(d_new)
    if head is None and discover(source.root, ignore) != sorted(new_facts):
        return None  # files git does not list (ignored by it, say): read them whole
    reached = _reached(old_facts, new_facts, d_old, d_new, before)
    context = _context(reached, (old_facts, new_facts))
    shared: dict[str, LoadedFile] = {}
    old_files = _side_files(source, base, context, old_facts, old_loaded, shared)
    new_files = _side_files(source, base, context, new_facts, new_loaded, shared)
    if old_files is None or new_files is None:
        return None
    old_repo = Repository.build(source.root, old_files, source.reader(base))
    old_repo = replace(old_repo, elsewhere=_elsewhere(old_facts, context))
    new_reader = source.reader(head) if head is not None else None
    new_repo = Repository.build(source.root, new_files, new_reader, old_repo)
    new_repo = replace(new_repo, elsewhere=_elsewhere(new_facts, context))
    from eqdiv.checks.validation import validate

    worked = validate(new_repo, as_of, excerpts=False).findings
    after = sort_findings(
        [f for f in before if f.location.path not in reached]
        + [f for f in worked if f.location.path in reached]
    )
    return Narrowed(
        files=tuple(files),
        older=Side(base_label, base, {f.path: f for f in old_files}, old_repo),
        newer=Side(head_label, head, {f.path: f for f in new_files}, new_repo),
        before=before,
        after=tuple(after),
        reached=frozenset(reached),
    )


def _changed(
    source: Source, base: Commit, head: Commit | None, files: Iterable[FileChange]
) -> tuple[dict[str, LoadedFile], dict[str, LoadedFile]] | None:
    """Both versions of each changed file, by path; None when one cannot be had."""
    old_loaded: dict[str, LoadedFile] = {}
    new_loaded: dict[str, LoadedFile] = {}
    for change in files:
        if change.old_path is not None:
            found = source.load(base, change.old_path)
            if found is None:
                return None
            old_loaded[change.old_path] = found
        if change.path is not None:
            found = _newer(source, head, change.path)
            if found is None:
                return None
            new_loaded[change.path] = found
    return old_loaded, new_loaded


def _side_files(
    source: Source,
    base: Commit,
    context: set[str],
    facts: Facts,
    loaded: Mapping[str, LoadedFile],
    shared: dict[str, LoadedFile],
) -> list[LoadedFile] | None:
    """The files of ``context`` on one side, in a repository's order (eqdiv.yaml
    first): a changed file's version from ``loaded``, any other as in ``base`` (read
    once for both sides, in ``shared``). None when git does not have one after all."""
    chosen = sorted((p for p in context if p in facts), key=lambda p: (p != CONFIG_FILE, p))
    found = []
    for path in chosen:
        item = loaded.get(path) or shared.get(path)
        if item is None:
            item = source.load(base, path)
            if item is None:
                return None
            shared[path] = item
        found.append(item)
    return found


def _newer(source: Source, head: Commit | None, path: str) -> LoadedFile | None:
    """The newer version of a changed file: from ``head``, or the working tree."""
    if head is not None:
        return source.load(head, path)
    raw = read_regular(source.root / path, MAX_RECORD_BYTES, inside=source.root)
    if not isinstance(raw, bytes):
        return None  # not a plain file (or too large): its finding comes from a whole review
    found = source.cache.get_one(path, digest(raw)) if source.cache is not None else None
    return found if found is not None else load_file(path, raw, source.schemas)


def _gathered(findings: Iterable[Finding]) -> bool:
    """Whether a finding gathers links from many files into one (no people directory):
    any change may move it."""
    return any(f.code == codes.REF_MISSING.id and not f.message.startswith("'") for f in findings)


def _reached(
    old: Facts, new: Facts, d_old: Facts, d_new: Facts, before: Iterable[Finding]
) -> set[str]:
    """The files whose findings the change may move."""
    changed = {*d_old, *d_new}
    ids = {f.id for f in (*d_old.values(), *d_new.values()) if f.id}
    reached = set(changed)
    for facts in (old, new):
        reached |= {p for p, f in facts.items() if f.id in ids or not f.tokens.isdisjoint(ids)}
    # A contract checks the grade of the EIA it rests on, which the change may move.
    graded = {facts[p].id for facts in (old, new) for p in reached if p in facts}
    for facts in (old, new):
        reached |= {
            p
            for p, f in facts.items()
            if f.kind == "contract" and not f.tokens.isdisjoint(graded - {None})
        }
    # A broken link's hint suggests the nearest id there is: new or lost ids move it.
    if _known(d_old.values()) != _known(d_new.values()):
        reached |= {f.location.path for f in before if f.code == codes.REF_MISSING.id}
    return reached


def _known(facts: Iterable[LinkFacts]) -> set[tuple[str | None, str | None]]:
    found: set[tuple[str | None, str | None]] = set()
    for f in facts:
        found.add((f.kind, f.id))
        found |= {("action", f"{f.id}/{a}") for a in f.actions}
    return found


def _context(reached: set[str], sides: Iterable[Facts]) -> set[str]:
    """The files needed to work out the findings and grades of ``reached``."""
    context = set(reached)
    for facts in sides:
        by_id: dict[str, set[str]] = {}
        for path, f in facts.items():
            if f.id:
                by_id.setdefault(f.id, set()).add(path)
        first = _linked(context, facts, by_id)
        context |= first | _linked(first, facts, by_id)
        ids = {facts[p].id or "" for p in context if p in facts}
        context |= {p for i in ids for p in by_id.get(i, ())}
        context |= {p for p, f in facts.items() if f.kind not in BULK}
    return context


def _linked(paths: Iterable[str], facts: Facts, by_id: Mapping[str, set[str]]) -> set[str]:
    """The files defining an id that one of ``paths`` names."""
    found: set[str] = set()
    for path in paths:
        if path in facts:
            for token in facts[path].tokens:
                found |= by_id.get(token, set())
    return found


def _elsewhere(facts: Facts, context: set[str]) -> dict[str, frozenset[str]]:
    """The ids of the records left out, by kind, and their actions."""
    found: dict[str, set[str]] = {}
    for path, f in facts.items():
        if path in context or f.kind is None or f.id is None:
            continue
        found.setdefault(f.kind, set()).add(f.id)
        if f.kind == "action-plan":
            found.setdefault("action", set()).update(f"{f.id}/{a}" for a in f.actions)
    return {kind: frozenset(ids) for kind, ids in found.items()}


def _side_key(listing: Mapping[str, str], as_of: date, salt: str) -> str:
    stamp = hashlib.blake2b(f"{as_of.isoformat()}\0{salt}\n".encode(), digest_size=20)
    for path in sorted(listing):
        stamp.update(f"{path}\0{listing[path]}\n".encode())
    return stamp.hexdigest()


def _encode(findings: tuple[Finding, ...]) -> bytes:
    rows = [
        [
            f.code,
            f.severity.value,
            f.message,
            f.location.path,
            f.location.line,
            f.location.column,
            f.location.pointer,
            f.hint,
            f.record,
        ]
        for f in findings
    ]
    return json.dumps(rows, separators=(",", ":")).encode()


def _decode(raw: bytes) -> tuple[Finding, ...] | None:
    """The findings kept, or None when the entry does not decode (a miss)."""
    try:
        rows: Any = json.loads(raw)
        return tuple(
            Finding(
                code,
                Severity(severity),
                message,
                Location(path, line, column, pointer),
                hint,
                record,
            )
            for code, severity, message, path, line, column, pointer, hint, record in rows
        )
    except (ValueError, TypeError):
        return None
