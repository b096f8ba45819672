"""Finding a records repository and loading every record in it.

Loading never stops at the first problem: each file goes through decode, parse, kind
and schema checks, and whatever it can is kept. A broken file becomes findings; the
rest of the repository is still there for ``status`` and the reports.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any

from eqdiv.model import codes
from eqdiv.model.cases import Case, CaseLog
from eqdiv.model.config import Config
from eqdiv.model.consultations import Consultation
from eqdiv.model.contracts import Contract
from eqdiv.model.demographics import Demographics
from eqdiv.model.eias import Eia
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.indicators import Indicator
from eqdiv.model.kinds import BUILDERS
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.model.objectives import Objective
from eqdiv.model.outcomes import OutcomeEvidence
from eqdiv.model.people import PeopleDirectory, Person
from eqdiv.model.plans import Action, ActionPlan
from eqdiv.model.records import Record
from eqdiv.model.self_assessments import SelfAssessment
from eqdiv.model.sharing import SharingAgreement
from eqdiv.model.workforce import WorkforceReturn
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store import workers
from eqdiv.store.codec import decode, maps_from
from eqdiv.store.database import digest
from eqdiv.store.known_digests import known
from eqdiv.store.loaded import LoadedFile, file_error, load_file, too_large
from eqdiv.store.record_cache import RecordCache
from eqdiv.store.regular_files import read_regular

RECORD_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Repository:
    """Everything in a records repository: each record, the typed views of the valid
    ones, and the findings from reading them (cross-record checks are separate, in
    ``eqdiv.checks``)."""

    root: Path
    config: Config
    files: tuple[str, ...]
    records: tuple[Record, ...]
    findings: tuple[Finding, ...]
    models: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    # Where the text of a record file comes from, for excerpts under findings, before
    # the file in ``root``: a blob for a repository read from git, or a draft.
    reader: Callable[[str], bytes | None] | None = field(default=None, compare=False, repr=False)
    # For a repository built from some of the files only (``review`` reads those a change
    # reaches): the ids of the records left out, by kind, and their actions as
    # ``PLAN/ACTION`` under "action", so that a link into them is not taken for broken.
    elsewhere: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        root: Path,
        loaded: Iterable[LoadedFile],
        reader: Callable[[str], bytes | None] | None = None,
        reuse: Repository | None = None,
    ) -> Repository:
        """The repository of the ``loaded`` files. ``reuse`` is another repository
        built from many of the same loaded files (the same objects: the other side of a
        comparison, the step before in a file's history): their typed values are taken
        from it rather than built again, which is most of the cost of a build."""
        loaded = list(loaded)
        records = tuple(item.record for item in loaded if item.record is not None)
        findings = [f for item in loaded for f in item.findings]
        built = reuse.typed_values() if reuse is not None else {}
        models: dict[str, list[Any]] = {}
        for record in records:
            if record.valid and record.kind in BUILDERS:
                model = built.get(id(record))
                if model is None or model[0] is not record:
                    model = (record, BUILDERS[record.kind](record))
                models.setdefault(record.kind, []).append(model[1])
        config, config_findings = _config(records, models)
        findings.extend(config_findings)
        return cls(
            root=root,
            config=config,
            files=tuple(item.path for item in loaded),
            records=records,
            findings=tuple(findings),
            models={kind: tuple(values) for kind, values in models.items()},
            reader=reader,
        )

    def typed_values(self) -> dict[int, tuple[Record, Any]]:
        """Each valid record's typed value, by the record's identity (the record is
        kept beside it, so an id cannot be mistaken for a later object's)."""
        found: dict[int, tuple[Record, Any]] = {}
        position = dict.fromkeys(self.models, 0)
        for record in self.records:
            if record.valid and record.kind in BUILDERS and record.kind in self.models:
                values = self.models[record.kind]
                found[id(record)] = (record, values[position[record.kind]])
                position[record.kind] += 1
        return found

    def of_kind(self, kind: str) -> tuple[Any, ...]:
        """The typed values of every valid record of ``kind``."""
        return self.models.get(kind, ())

    @property
    def plans(self) -> tuple[ActionPlan, ...]:
        return self.of_kind("action-plan")

    @property
    def eias(self) -> tuple[Eia, ...]:
        return self.of_kind("eia")

    @property
    def consultations(self) -> tuple[Consultation, ...]:
        return self.of_kind("consultation")

    @property
    def demographics(self) -> tuple[Demographics, ...]:
        return self.of_kind("demographics")

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return self.of_kind("indicator")

    @property
    def objectives(self) -> tuple[Objective, ...]:
        return self.of_kind("objective")

    @property
    def contracts(self) -> tuple[Contract, ...]:
        return self.of_kind("contract")

    @property
    def outcome_evidence(self) -> tuple[OutcomeEvidence, ...]:
        return self.of_kind("outcome-evidence")

    @property
    def sharing_agreements(self) -> tuple[SharingAgreement, ...]:
        return self.of_kind("sharing-agreement")

    @property
    def self_assessments(self) -> tuple[SelfAssessment, ...]:
        return self.of_kind("self-assessment")

    @property
    def case_logs(self) -> tuple[CaseLog, ...]:
        return self.of_kind("case-log")

    @property
    def cases(self) -> tuple[Case, ...]:
        """Every case of every valid log, in file order."""
        return tuple(case for log in self.case_logs for case in log.cases)

    @property
    def workforce(self) -> tuple[WorkforceReturn, ...]:
        return self.of_kind("workforce")

    @property
    def actions(self) -> Iterator[Action]:
        for plan in self.plans:
            yield from plan.actions

    @cached_property
    def config_read(self) -> bool:
        """Whether ``eqdiv.yaml`` was read. When it was not, ``config`` holds eqdiv's
        defaults so that the rest can load; anything judged against the partnership's
        own settings (its strands, its review cycle) must not treat those defaults as
        the partnership's. The broken file is reported once, as its own finding."""
        return any(r.path == CONFIG_FILE and r.kind == "config" and r.valid for r in self.records)

    @cached_property
    def people(self) -> dict[str, Person]:
        """Everyone in the people directories, by id (the first entry wins a clash;
        the clash itself is a finding from the checks)."""
        found: dict[str, Person] = {}
        directory: PeopleDirectory
        for directory in self.of_kind("people"):
            for person in directory.people:
                found.setdefault(person.id, person)
        return found

    @cached_property
    def action_index(self) -> dict[str, Action]:
        """Actions by ``PLAN/ACTION`` reference."""
        index: dict[str, Action] = {}
        for action in self.actions:
            index.setdefault(action.ref, action)
        return index

    @cached_property
    def _by_path(self) -> dict[str, Record]:
        return {record.path: record for record in self.records}

    def locate(self, base: Location, suffix: str = "", *, key: bool = False) -> Location:
        """The location of ``suffix`` (a JSON pointer) below ``base``, in its file: from
        an action's location to that of its third owner, say."""
        record = self._by_path.get(base.path)
        if record is None:
            return base
        return record.location(base.pointer + suffix, key=key)

    def find(self, kind: str, record_id: str) -> Any | None:
        """The typed value of the valid ``kind`` record called ``record_id``."""
        return next((m for m in self.of_kind(kind) if m.id == record_id), None)

    @property
    def broken_files(self) -> tuple[str, ...]:
        """Files with at least one error from reading them, in path order."""
        return tuple(
            sorted({f.location.path for f in self.findings if f.severity is Severity.ERROR})
        )

    def source_line(self, path: str, line: int) -> str | None:
        """One line of a record file, for excerpts under findings."""
        lines = self._texts.get(path)
        if lines is None:
            raw = self.source_bytes(path)
            if raw is None:
                return None
            # Split once: a file can have thousands of findings (a date in the future
            # on each of its actions), each wanting a line of it.
            lines = raw.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines()
            self._texts[path] = lines
        return lines[line - 1] if 0 < line <= len(lines) else None

    def source_bytes(self, path: str) -> bytes | None:
        """The bytes of the record file at ``path``: from the ``reader`` when it has
        them, else from the file in ``root``."""
        if self.reader is not None:
            found = self.reader(path)
            if found is not None:
                return found
        read = read_regular(self.root / path, MAX_RECORD_BYTES, inside=_real(self.root))
        return read if isinstance(read, bytes) else None

    @cached_property
    def _texts(self) -> dict[str, list[str]]:
        return {}

    def left_out(self, kind: str) -> tuple[str, ...]:
        """The files of ``kind`` that are in the repository but not in any listing,
        because they have errors: every view that leaves them out says so."""
        broken = {r.path for r in self.records if r.kind == kind and not r.valid}
        broken |= {path for path, (guessed, _) in self.unreadable.items() if guessed == kind}
        return tuple(sorted(broken))

    @cached_property
    def unreadable(self) -> dict[str, tuple[str | None, str | None]]:
        """Files that could not be read as records at all, with the kind and id their
        own ``kind:`` and ``id:`` lines seem to give (None where they say nothing).
        Links into them are not second problems: see ``eqdiv.checks.references``."""
        read = {record.path for record in self.records}
        return {
            path: guess_identity(self.source_bytes(path) or b"")
            for path in self.files
            if path not in read
        }


def is_record_path(path: str, ignore: Sequence[str] = ()) -> bool:
    """Whether the file at ``path`` (relative to the records repository) is read as a
    record: a YAML file, not hidden nor in a hidden folder (``.git``, the cache), and not
    matching an ``ignore`` pattern of ``eqdiv.yaml``."""
    parts = path.split("/")
    if any(part.startswith(".") for part in parts) or not path.endswith(RECORD_SUFFIXES):
        return False
    return not any(fnmatch.fnmatch(path, pattern) for pattern in ignore)


_KIND_LINE = re.compile(r"^kind:[ \t]*['\"]?([A-Za-z0-9_-]+)", re.MULTILINE)
_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([A-Za-z0-9][A-Za-z0-9._-]*)", re.MULTILINE)


def guess_identity(raw: bytes) -> tuple[str | None, str | None]:
    """What a file that cannot be parsed seems to be, from its top-level ``kind:`` and
    ``id:`` lines (a tab or a stray quote elsewhere does not hide them)."""
    text = raw[: 64 * 1024].decode("utf-8", errors="replace")
    kind, found = _KIND_LINE.search(text), _ID_LINE.search(text)
    return (kind[1] if kind else None), (found[1] if found else None)


def discover(root: Path, ignore: Sequence[str] = ()) -> list[str]:
    """Every record file under ``root``, relative and sorted."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(root).as_posix()
        for name in files:
            path = name if relative == "." else f"{relative}/{name}"
            if is_record_path(path, ignore):
                found.append(path)
    return sorted(found)


def ignored_patterns(config: LoadedFile) -> Sequence[str]:
    """The ``ignore`` patterns of a loaded ``eqdiv.yaml`` (none while it is broken)."""
    if config.record is not None and config.record.valid:
        patterns: Sequence[str] = config.record.data.get("ignore", ())
        return patterns
    return ()


Progress = Callable[[int, int], None]


def read_files(
    root: Path,
    schemas: SchemaSet,
    drafts: Mapping[str, bytes] | None = None,
    *,
    cache: RecordCache | None = None,
    progress: Progress | None = None,
) -> list[LoadedFile]:
    """Every record file under ``root``, read and checked against its schema, the
    configuration first (see ``load_repository`` for the options)."""
    drafts = drafts or {}
    # The configuration is read first: its ``ignore`` list decides what else to read.
    found = drafts[CONFIG_FILE] if CONFIG_FILE in drafts else _bytes(root, CONFIG_FILE)
    config = found if isinstance(found, LoadedFile) else load_file(CONFIG_FILE, found, schemas)
    paths = sorted({*discover(root, ignored_patterns(config)), *drafts} - {CONFIG_FILE})
    reader = _Reader(root, schemas, cache, progress, len(paths))
    # Files this run has hashed already (for the memo's key) are looked up in the
    # cache by that digest, and read only when it does not know them.
    digests = known(root) if cache is not None else {}
    for path in paths:
        if path in drafts:
            reader.add(path, drafts[path])
        else:
            reader.add_file(path, digests.get(path))
    loaded = [config, *reader.finish()]
    if cache is not None:
        cache.save([CONFIG_FILE, *paths])
    return loaded


def load_repository(
    root: Path,
    schemas: SchemaSet | None = None,
    drafts: Mapping[str, bytes] | None = None,
    *,
    cache: RecordCache | None = None,
    progress: Progress | None = None,
) -> Repository:
    """Load every record under ``root`` (a folder holding ``eqdiv.yaml``).

    ``drafts`` (path -> content) stand in for the files at those paths, or are added
    to them: how a change is checked against the whole repository before it is
    written; excerpts under findings then come from the drafts. ``cache`` reuses what
    an earlier run learnt about unchanged files (see ``eqdiv.store.record_cache``);
    ``progress(done, total)`` is told as each file is read."""
    schemas = schemas or SchemaSet.load()
    loaded = read_files(root, schemas, drafts, cache=cache, progress=progress)
    return Repository.build(root, loaded, dict(drafts).get if drafts else None)


def read_record(root: Path, path: str) -> bytes | LoadedFile:
    """The bytes of the record file at ``path``, or the loaded file that says why they
    cannot be had (see ``_bytes``)."""
    return _bytes(root, path)


def _bytes(root: Path, path: str) -> bytes | LoadedFile:
    """A file's bytes, or the finding that says why they cannot be had: only a regular
    file in the repository, and only up to the size a record can be (see
    ``eqdiv.store.regular_files``)."""
    found = read_regular(root / path, MAX_RECORD_BYTES, inside=_real(root))
    if isinstance(found, bytes):
        return found
    if found.reason == "oversize":
        return LoadedFile(path, None, (too_large(path, found.size),))
    if found.reason == "error":
        return LoadedFile(path, None, (file_error(path, codes.UNREADABLE, found.message, None),))
    hint = (
        f"Records are plain files. Remove this one, or add its path to `ignore:` in {CONFIG_FILE}."
    )
    return LoadedFile(path, None, (file_error(path, codes.NOT_A_FILE, found.message, hint),))


@lru_cache(maxsize=16)
def _real(root: Path) -> Path:
    return Path(os.path.realpath(root))


class _Reader:
    """Turns files into loaded records: from the cache where it knows them, the rest
    parsed and checked (on several cores when there are many), in the given order."""

    def __init__(
        self,
        root: Path,
        schemas: SchemaSet,
        cache: RecordCache | None,
        progress: Progress | None,
        total: int,
    ) -> None:
        self.root = root
        self.schemas = schemas
        self.cache = cache
        self.progress = progress
        self.total = total
        self.done = 0
        self.results: dict[str, LoadedFile] = {}
        self.order: list[str] = []
        self.todo: list[tuple[str, bytes | None]] = []  # path, and bytes if given

    def add(self, path: str, raw: bytes | LoadedFile) -> None:
        """A file given with its bytes (a draft), or with why they cannot be had."""
        self.order.append(path)
        if isinstance(raw, LoadedFile):
            self._have(path, raw)
            return
        if self.cache is not None:
            hit = self.cache.get(path, digest(raw))
            if hit is not None:
                self._have(path, hit)
                return
        self.todo.append((path, raw))

    def add_file(self, path: str, key: bytes | None) -> None:
        """The file at ``path`` in the repository, whose digest is ``key`` when this run
        knows it already. A file the cache does not know is read again when its turn
        comes (by a worker, when there are many), so that its bytes are never all held
        at once: reading twice costs far less than holding a large repository's text."""
        self.order.append(path)
        if self.cache is not None:
            if key is None:
                raw = _bytes(self.root, path)
                if isinstance(raw, LoadedFile):
                    self._have(path, raw)
                    return
                key = digest(raw)
            hit = self.cache.get(path, key)
            if hit is not None:
                self._have(path, hit)
                return
        self.todo.append((path, None))

    def finish(self) -> list[LoadedFile]:
        if workers.available(len(self.todo)):
            self._in_parallel()
        else:
            for path, given in self.todo:
                raw = _bytes(self.root, path) if given is None else given
                key, loaded = workers.encode_one(path, raw, self.schemas)
                if self.cache is not None and key is not None:
                    self.cache.put(path, key, loaded)
                self._have(path, loaded)
        return [self.results[path] for path in self.order]

    def _in_parallel(self) -> None:
        read = partial(_bytes, self.root)
        for path, key, entry, maps in workers.encode_all(self.todo, self.schemas, read, self._step):
            cache = self.cache
            if cache is not None and key is not None:
                cache.put_encoded(path, key, entry, maps)
                # Fetched from the cache once saved: the maps need not stay in memory.
                fetch = partial(cache.maps, path, key)
            else:
                fetch = partial(maps_from, maps)
            self.results[path] = decode(path, entry, fetch)

    def _have(self, path: str, loaded: LoadedFile) -> None:
        self.results[path] = loaded
        self._step(1)

    def _step(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)


def _config(
    records: Sequence[Record], models: dict[str, list[Any]]
) -> tuple[Config, list[Finding]]:
    findings: list[Finding] = []
    chosen: Config | None = None
    for record in records:
        if record.kind != "config":
            if record.path == CONFIG_FILE:
                findings.append(
                    file_error(
                        record.path,
                        codes.CONFIG_KIND,
                        f"{CONFIG_FILE} must hold the configuration (`kind: config`), not "
                        f"`kind: {record.kind}`.",
                        "Move this record to a file of its own, and put the partnership's "
                        "settings here.",
                    )
                )
            continue
        if record.path != CONFIG_FILE:
            findings.append(
                file_error(
                    record.path,
                    codes.CONFIG_LOCATION,
                    f"Configuration belongs in {CONFIG_FILE} at the top of the records "
                    "repository; this one is ignored.",
                    f"Merge it into {CONFIG_FILE} and delete this file.",
                )
            )
            continue
        if record.valid:
            chosen = next(c for c in models["config"] if c.location.path == CONFIG_FILE)
    return chosen or Config.default(), findings
