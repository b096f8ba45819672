"""``validate`` from each file's kept facts: a run after an edit reads and judges again
only the files that changed, and runs the link checks over every file's small facts.

A run goes like this (see ``eqdiv.checks.file_facts`` for what the facts are):

1. ``eqdiv.yaml`` is read (its ``ignore`` list says which files are records), and every
   other file is looked up in the facts store by its path and the digest of its bytes
   (the digests the output memo's key already took, when it did: each file is hashed
   once). A file the store knows is not read again.
2. The context is read whole: the configuration and every record not of a bulk kind
   (people, rubric, frameworks, case logs, contracts ...), few files however large
   the repository, from the record cache where it has them.
3. Each new or changed file, and each bulk file whose own findings were worked out
   under other settings (``eqdiv.yaml``, the people, the rubric, the date), is read and
   judged: on every core when there are many, each worker reading its own files and
   sending back only their facts, so a cold run never holds every record.
4. The checks run: those of the context over the context, as they always do; the link
   checks (ids used twice, links that name nothing, work shared without an agreement)
   over every file's facts; each bulk file's own findings come from its facts.
   A check that judges the many records together only when the repository has a rare
   kind of record (a contract and the grade of its EIA, a self-assessment and the whole
   record, a population profile and every consultation's questions) reads the records
   of those kinds whole, in that case only.

The findings, their order and their excerpts are exactly those of
``eqdiv.checks.validation.validate`` over the whole repository: the tests hold this.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from eqdiv.checks import CHECKS, Check
from eqdiv.checks.check_context import CheckContext
from eqdiv.checks.contracts import check_contracts
from eqdiv.checks.file_facts import (
    BULK_KINDS,
    DAMAGED,
    LOCAL,
    SHARED_KINDS,
    FileFacts,
    Shared,
    decode,
    decode_local,
    derive,
    encode,
    encode_local,
    links,
)
from eqdiv.checks.freshness import check_profile_freshness
from eqdiv.checks.identity import check_duplicate_ids, duplicate_record_ids, duplicates_within
from eqdiv.checks.references import (
    USE_ORDER,
    Known,
    check_references,
    known_people,
    resolve_uses,
)
from eqdiv.checks.self_assessment import check_self_assessments
from eqdiv.checks.sharing import check_sharing, sharing_problems
from eqdiv.checks.validation import LINKS, ValidationResult, with_excerpt, within
from eqdiv.model.findings import Finding, Location, sort_findings
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store import workers
from eqdiv.store.database import digest
from eqdiv.store.facts_store import FactsStore
from eqdiv.store.known_digests import known
from eqdiv.store.loaded import LoadedFile, load_file
from eqdiv.store.record_cache import RecordCache
from eqdiv.store.repository import (
    Progress,
    Repository,
    discover,
    guess_identity,
    ignored_patterns,
    read_record,
)

# Checks that judge the bulk records together, and the context that makes them do so:
# without it they read the context alone.
_GATHERED: dict[int, Callable[[Repository], bool]] = {
    CHECKS.index(check_profile_freshness): lambda repo: bool(repo.demographics),
    CHECKS.index(check_contracts): lambda repo: bool(repo.contracts),
    CHECKS.index(check_self_assessments): lambda repo: bool(
        repo.self_assessments or repo.of_kind("framework")
    ),
}
_IDENTITY = CHECKS.index(check_duplicate_ids)
_REFERENCES = CHECKS.index(check_references)
_SHARING = CHECKS.index(check_sharing)


@dataclass
class _File:
    path: str
    key: bytes | None  # the digest of its bytes; None when they cannot be had
    facts: FileFacts | None = None
    inputs: bytes = b""  # the digest of the settings ``local`` was found under
    local: bytes | None = None  # its own findings as stored


class Incremental:
    """One ``validate`` run from kept facts over the repository at ``root``: made, it
    has read ``context`` (whose configuration may give the run's date); then
    ``validate``. ``stale`` after ``validate`` says a new file's ``kind:`` line
    misled the run about what the context is: run again (its facts are kept now)."""

    def __init__(
        self,
        root: Path,
        schemas: SchemaSet,
        store: FactsStore,
        cache: RecordCache | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.root = root
        self.schemas = schemas
        self.store = store
        self.cache = cache
        self.progress = progress
        self.done = 0
        self.stale = False
        self.whole: Repository | None = None
        self.files: dict[str, _File] = {}
        self.loaded: dict[str, LoadedFile] = {}  # the context's files
        self.paths: list[str] = []
        self.stored: list[str] = []
        self.context = self._read()

    # 1 and 2: what is known, and the context ----------------------------------------

    def _read(self) -> Repository:
        offered = known(self.root)
        config, key = self._load(CONFIG_FILE, offered.get(CONFIG_FILE))
        self.loaded[CONFIG_FILE] = config
        paths = sorted(set(discover(self.root, ignored_patterns(config))) - {CONFIG_FILE})
        self.paths = [CONFIG_FILE, *paths]
        stored = self.store.index()
        self.stored = list(stored)
        self.files[CONFIG_FILE] = _File(CONFIG_FILE, key)
        for path in paths:
            key = offered.get(path)
            if key is None:
                raw = read_record(self.root, path)
                if isinstance(raw, LoadedFile):
                    # Not a file that can be read: its facts are its finding.
                    self.files[path] = _File(path, None, derive(raw, None, None))
                    continue
                key = digest(raw)
            self.files[path] = _File(path, key)
        for item in self.files.values():
            entry = stored.get(item.path)
            if item.facts is None and entry is not None and entry.digest == item.key:
                try:
                    item.facts = decode(item.path, entry.base, None)
                except DAMAGED:
                    continue  # damaged: worked out again
                item.inputs, item.local = entry.inputs, entry.local
        return self._context()

    def _context(self) -> Repository:
        """The repository of the context: the configuration and every record not of a
        bulk kind, with the new files that seem (by their ``kind:`` line) to be one."""
        context: list[LoadedFile] = []
        for path in self.paths:
            item = self.files[path]
            loaded = self.loaded.get(path)
            if loaded is None:
                if item.key is None:
                    continue
                if item.facts is not None:
                    if item.facts.kind is None or item.facts.kind in BULK_KINDS:
                        continue
                    loaded, _ = self._load(path, item.key)
                else:
                    first = read_record(self.root, path)
                    if isinstance(first, LoadedFile) or guess_identity(first)[0] in BULK_KINDS:
                        continue  # judged with the bulk
                    loaded, _ = self._load(path, item.key, first)
            if item.facts is None:
                raw = read_record(self.root, path) if loaded.record is None else None
                item.facts = derive(loaded, raw if isinstance(raw, bytes) else None, None)
                if item.key is not None:
                    self.store.put(path, item.key, encode(item.facts), b"", encode_local(()))
            if path != CONFIG_FILE and (item.facts.kind is None or item.facts.kind in BULK_KINDS):
                continue  # its kind line misled: judged with the bulk
            self.loaded[path] = loaded
            context.append(loaded)
        return Repository.build(self.root, context)

    def _load(
        self, path: str, key: bytes | None, raw: bytes | None = None
    ) -> tuple[LoadedFile, bytes | None]:
        """A file's record (from the record cache when it knows the file), and the
        digest of its bytes (None when they cannot be had). With ``key`` alone, the
        cache is asked before the file is read."""
        if key is None and raw is None:
            found = read_record(self.root, path)
            if isinstance(found, LoadedFile):
                return found, None
            raw = found
        if raw is not None:
            key = digest(raw)
        assert key is not None
        hit = self.cache.get_one(path, key) if self.cache is not None else None
        if hit is not None:
            return hit, key
        if raw is None:  # the cache did not know the digest given: read the file
            return self._load(path, None)
        loaded = load_file(path, raw, self.schemas)
        if self.cache is not None:
            self.cache.put(path, key, loaded)
        return loaded, key

    # 3: the files to judge ------------------------------------------------------------

    def validate(self, as_of: date, only: Sequence[str] | None = None) -> ValidationResult:
        """Every finding in the repository on ``as_of`` (in ``only``, as
        ``eqdiv.checks.validation.validate`` says)."""
        shared_loaded = tuple(
            loaded
            for path, loaded in self.loaded.items()
            if path == CONFIG_FILE
            or (loaded.record is not None and loaded.record.kind in SHARED_KINDS)
        )
        shared_loaded = tuple(sorted(shared_loaded, key=lambda f: (f.path != CONFIG_FILE, f.path)))
        shared = Shared(shared_loaded, Repository.build(self.root, shared_loaded), as_of)
        inputs = self._inputs(shared)
        todo: list[str] = []
        for path in self.paths:
            item = self.files[path]
            facts = item.facts
            if item.key is None and facts is not None:
                continue  # not readable: its finding is all there is
            if facts is None:
                todo.append(path)
            elif path not in self.loaded and facts.kind in BULK_KINDS:
                if item.inputs == inputs and item.local is not None:
                    try:
                        item.facts = replace(facts, local=decode_local(path, item.local))
                        continue
                    except DAMAGED:
                        pass
                todo.append(path)
        self._judge(todo, shared, inputs)
        self.store.keep_only(self.paths, self.stored)
        if self.cache is not None:
            self.cache.save_pending()
        result = self._result(as_of, only)
        if self.cache is not None:
            self.cache.save_pending()  # the records read whole, for the next run
        return result

    def _inputs(self, shared: Shared) -> bytes:
        """The digest of what a bulk file's own findings depend on besides the file."""
        stamp = hashlib.blake2b(shared.as_of.isoformat().encode(), digest_size=16)
        for loaded in shared.loaded:
            stamp.update(f"\0{loaded.path}\0".encode())
            stamp.update(self.files[loaded.path].key or b"-")
        return stamp.digest()

    def _judge(self, todo: list[str], shared: Shared, inputs: bytes) -> None:
        root, schemas = self.root, self.schemas

        def job(path: str) -> tuple[str, bytes | None, FileFacts]:
            found = read_record(root, path)
            if isinstance(found, LoadedFile):
                return path, None, derive(found, None, None)
            loaded = load_file(path, found, schemas)
            return path, digest(found), derive(loaded, found, shared)

        cache = self.cache

        def here(path: str) -> tuple[str, bytes | None, FileFacts]:
            """As ``job``, in this process: the record is kept in the record cache too
            (for the next command that reads records, and for ``_read_whole``)."""
            found = read_record(root, path)
            if isinstance(found, LoadedFile):
                return path, None, derive(found, None, None)
            loaded, key = load_file(path, found, schemas), digest(found)
            if cache is not None:
                cache.put(path, key, loaded)
            return path, key, derive(loaded, found, shared)

        done: Iterable[tuple[str, bytes | None, FileFacts]]
        if workers.available(len(todo)):
            done = workers.run_all(todo, job, self._step)
        else:
            done = (here(path) for path in todo)
        for path, key, facts in done:
            item = self.files[path]
            item.facts, item.key = facts, key
            if facts.kind is not None and facts.kind not in BULK_KINDS:
                self.stale = True  # a record of the context, read as bulk
            if key is not None:
                local = facts.local
                self.store.put(
                    path,
                    key,
                    encode(facts),
                    inputs if local is not None else b"",
                    encode_local(local or ()),
                )

    def _step(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, len(self.paths))

    # 4: the checks --------------------------------------------------------------------

    def _result(self, as_of: date, only: Sequence[str] | None) -> ValidationResult:
        every = [f for f in (self.files[path].facts for path in self.paths) if f is not None]
        context = self.context
        ctx = CheckContext(context, as_of)
        # What reading each file found: the context's are in its repository, with the
        # configuration's own (a `kind: config` file elsewhere, say).
        findings = [f for facts in every if facts.path not in self.loaded for f in facts.loaded]
        findings.extend(context.findings)
        for index, check in enumerate(CHECKS):
            findings.extend(self._check(index, check, ctx, every))
            if index in LOCAL:
                findings.extend(found for f in every for at, found in f.local or () if at == index)
        files = tuple(self.paths)
        if only is not None:
            findings = [f for f in findings if within(f.location.path, only) or f.code in LINKS]
            files = tuple(p for p in files if within(p, only))
        shown = tuple(with_excerpt(context, f) for f in sort_findings(findings))
        return ValidationResult(context, as_of, shown, files)

    def _check(
        self, index: int, check: Check, ctx: CheckContext, every: list[FileFacts]
    ) -> Iterable[Finding]:
        """The findings of the check at ``index`` of ``CHECKS`` but for the bulk
        files' own (``LOCAL``)."""
        if index == _IDENTITY:
            return [*_duplicate_ids(ctx, every), *duplicates_within(ctx)]
        if index == _REFERENCES:
            return _references(ctx, every)
        if index == _SHARING:
            joint = [f.joint for f in every if f.joint is not None]
            return [
                ctx.finding(p.code, p.message, p.location, p.hint, record=p.record)
                for p in sharing_problems(ctx.repo, ctx.as_of, joint)
            ]
        if index in _GATHERED and _GATHERED[index](ctx.repo):
            return check(CheckContext(self._with_bulk(), ctx.as_of))
        return check(ctx)

    def _with_bulk(self) -> Repository:
        """The whole repository, for a check that judges the bulk records together."""
        if self.whole is None:
            self.whole = self._read_whole()
        return self.whole

    def _read_whole(self) -> Repository:
        loaded = [
            self.loaded[path] if path in self.loaded else self._load(path, self.files[path].key)[0]
            for path in self.paths
        ]
        return Repository.build(self.root, loaded, reuse=self.context)


def _duplicate_ids(ctx: CheckContext, every: list[FileFacts]) -> Iterator[Finding]:
    def where(at: Location) -> Callable[[], Location]:
        return lambda: at

    return duplicate_record_ids(
        ctx, ((f.id, where(f.id_at)) for f in every if f.kind is not None and f.id_at is not None)
    )


def _references(ctx: CheckContext, every: list[FileFacts]) -> Iterator[Finding]:
    context = ctx.repo
    unreadable = [f.seems for f in every if f.kind is None]

    def trusted(kind: str) -> set[str] | None:
        ids: set[str] | None = {f.id for f in every if f.kind == kind}
        for seems, found in unreadable:
            if seems == kind:
                ids = None if ids is None or found is None else ids | {found}
        return ids

    actions: set[str] | None = {ref for f in every if f.kind == "action-plan" for ref in f.actions}
    if any(kind == "action-plan" for kind, _ in unreadable):
        actions = None
    people = None if any(kind == "people" for kind, _ in unreadable) else known_people(context)
    known_ids = Known(
        partners={p.id for p in context.config.partners} if context.config_read else None,
        people=people,
        eias=trusted("eia"),
        consultations=trusted("consultation"),
        actions=actions,
        indicators=trusted("indicator"),
        objectives=trusted("objective"),
    )
    sets = {
        "partners": known_ids.partners,
        "people": known_ids.people,
        "eias": known_ids.eias,
        "other-eias": known_ids.eias,
        "consultations": known_ids.consultations,
        "actions": known_ids.actions,
        "indicators": known_ids.indicators,
        "objectives": known_ids.objectives,
    }

    def may_miss(target: str, ref: str, record: str) -> bool:
        """Whether ``resolve_uses`` may have something to say of a link: the many
        that name what is known are left out before they are made objects."""
        ids = sets[target]
        return ids is not None and (ref not in ids or (target == "other-eias" and ref == record))

    uses = (
        use
        for kind in USE_ORDER
        for f in every
        if f.kind == kind and f.valid
        for use in links(f, may_miss)
    )
    directories = [f.path for f in every if f.kind == "people"]
    return resolve_uses(ctx, uses, known_ids, directories, lambda base, _: base)


def validate_from_facts(
    root: Path,
    schemas: SchemaSet,
    store: FactsStore,
    day: Callable[[Repository], date],
    only: Sequence[str] | None = None,
    *,
    cache: RecordCache | None = None,
    progress: Progress | None = None,
) -> ValidationResult:
    """``validate`` of the repository at ``root`` from kept facts (see the module's
    docstring); ``day(context)`` gives the date to judge on (the configuration may
    hold it)."""
    run = Incremental(root, schemas, store, cache, progress)
    result = run.validate(day(run.context), only)
    if run.stale:  # the context was not what the new files' kind lines said
        run = Incremental(root, schemas, store, cache, progress)
        result = run.validate(day(run.context), only)
    return result
