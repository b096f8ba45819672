"""The two sides of a comparison, read from git: the records at a commit, or in the
working tree.

Parsing is the expensive part of loading a records repository, so each file is parsed
once: the newer side is loaded whole (from the working tree, or from a commit's
objects), and the older side is the newer one with just the changed files swapped for
their older versions. Cross-record checks and EIA scores still see a whole repository on
each side.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.git_versions import load_version
from eqdiv.store.gitrepo import Commit, FileChange, GitRepository
from eqdiv.store.loaded import LoadedFile
from eqdiv.store.record_cache import RecordCache
from eqdiv.store.repository import (
    Progress,
    Repository,
    ignored_patterns,
    is_record_path,
    read_files,
)

# Versions read from git held in memory in a run, for the next step to meet again (an
# entry's older version is the one before's newer): enough for that, not every version.
_BLOBS_HELD = 256


@dataclass(frozen=True)
class Source:
    """A records repository inside a git work tree: ``prefix`` is the records folder
    relative to the work tree's top (``records``, or ``""`` when they are the same).
    ``cache`` (the working tree's record cache) also serves a file in a commit whose
    bytes are the same; ``progress`` is told as the working tree is read."""

    git: GitRepository
    root: Path
    prefix: str
    schemas: SchemaSet
    cache: RecordCache | None = None
    progress: Progress | None = None
    # Each version of a file read this run, by path and blob id (see ``load``).
    blobs: dict[tuple[str, str], LoadedFile] = field(default_factory=dict, compare=False)

    @classmethod
    def of(
        cls,
        git: GitRepository,
        root: Path,
        schemas: SchemaSet,
        cache: RecordCache | None = None,
        progress: Progress | None = None,
    ) -> Source:
        return cls(git, root.resolve(), git.relative(root), schemas, cache, progress)

    def git_path(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def record_path(self, git_path: str | None) -> str | None:
        """A path from git as a path in the records repository; None when outside it."""
        if git_path is None:
            return None
        if not self.prefix:
            return git_path
        if git_path.startswith(self.prefix + "/"):
            return git_path[len(self.prefix) + 1 :]
        return None

    def load(self, commit: Commit, path: str) -> LoadedFile | None:
        """The record file at ``path`` in ``commit``, read and checked; None if absent.
        A version is read from git and parsed once, by its blob id: the same content in
        another commit is the same object (so typed values built from it are reused),
        and the record cache keeps it for later runs."""
        found = self.git.blob(commit, self.git_path(path))
        if found is None:
            return None
        sha, size = found
        return self.load_blob(path, sha, size, f"{path} in {commit.short}")

    def load_blob(self, path: str, sha: str, size: int, what: str) -> LoadedFile:
        """The version of the record file at ``path`` whose blob is ``sha`` (of ``size``
        bytes), read and checked; ``what`` names it in an error."""
        if size > MAX_RECORD_BYTES:  # refused before it is read, and not held
            return load_version(self.git, path, (sha, size), self.schemas, None, what)
        loaded = self.blobs.get((path, sha))
        if loaded is None:
            loaded = load_version(self.git, path, (sha, size), self.schemas, self.cache, what)
        self.blobs[(path, sha)] = loaded
        if len(self.blobs) > _BLOBS_HELD:  # the oldest first: a history moves forward
            del self.blobs[next(iter(self.blobs))]
        return loaded

    def save(self) -> None:
        """Keep the versions read from git in the record cache, for the next run."""
        if self.cache is not None:
            self.cache.save_blobs()

    def reader(self, commit: Commit) -> Callable[[str], bytes | None]:
        """Record files' bytes at ``commit``, for excerpts under findings."""
        return lambda path: self.git.read(commit, self.git_path(path))


@dataclass(frozen=True)
class Side:
    """The records on one side: ``commit`` is None for the working tree. ``files`` are
    every record file read, by path; ``repository`` is built from them."""

    label: str
    commit: Commit | None
    files: Mapping[str, LoadedFile]
    repository: Repository

    @property
    def ignore(self) -> Sequence[str]:
        config = self.files.get(CONFIG_FILE)
        return ignored_patterns(config) if config is not None else ()


def working_tree(source: Source) -> Side:
    loaded = read_files(source.root, source.schemas, cache=source.cache, progress=source.progress)
    return Side("the working tree", None, _by_path(loaded), Repository.build(source.root, loaded))


def at_commit(source: Source, commit: Commit, label: str) -> Side:
    """Every record file in ``commit``, read from git's objects."""
    config = source.load(commit, CONFIG_FILE)
    ignore = ignored_patterns(config) if config is not None else ()
    paths = [p for p in _record_paths(source, commit) if p != CONFIG_FILE]
    loaded = [config] if config is not None else []
    loaded += [f for f in (source.load(commit, p) for p in paths if is_record_path(p, ignore)) if f]
    return _side(source, label, commit, loaded, source.reader(commit))


def changed_records(
    source: Source, base: Commit, head: Commit | None, ignore: Sequence[str]
) -> list[FileChange]:
    """The record files that differ from ``base`` to ``head`` (None: the working tree),
    as records paths; ``ignore`` is the newer side's ``ignore`` patterns."""
    found = []
    for change in source.git.changes(base, head, source.prefix):
        path, old = source.record_path(change.path), source.record_path(change.old_path)
        path = path if path is not None and is_record_path(path, ignore) else None
        old = old if old is not None and is_record_path(old, ignore) else None
        if path is None and old is None:
            continue
        if path is None:
            found.append(FileChange("removed", None, old))
        elif old is None:
            found.append(FileChange("added", path, None))
        else:
            found.append(FileChange(change.status, path, old))
    return found


def swapped(
    source: Source,
    side: Side,
    commit: Commit,
    label: str,
    changes: Sequence[FileChange],
    *,
    to_older: bool,
) -> Side:
    """The records at ``commit``: ``side`` with each changed file swapped for its
    version in ``commit`` (or taken away, if ``commit`` does not have it). ``changes``
    run from the older side to the newer; ``to_older`` says which ``commit`` is."""
    files = dict(side.files)
    taken: set[str] = set()
    for change in changes:
        leaving, arriving = change.path, change.old_path
        if not to_older:
            leaving, arriving = arriving, leaving
        if leaving is not None:
            files.pop(leaving, None)
        if arriving is not None:
            loaded = source.load(commit, arriving)
            if loaded is not None:
                files[arriving] = loaded
                taken.add(arriving)
    read_commit = source.reader(commit)

    def reader(path: str) -> bytes | None:
        return read_commit(path) if path in taken else side.repository.source_bytes(path)

    ordered = sorted(files.values(), key=lambda f: (f.path != CONFIG_FILE, f.path))
    return _side(source, label, commit, ordered, reader, side.repository)


def _side(
    source: Source,
    label: str,
    commit: Commit,
    loaded: Sequence[LoadedFile],
    reader: Callable[[str], bytes | None],
    reuse: Repository | None = None,
) -> Side:
    repository = Repository.build(source.root, loaded, reader, reuse)
    return Side(label, commit, _by_path(loaded), repository)


def _record_paths(source: Source, commit: Commit) -> list[str]:
    paths = (source.record_path(p) for p in source.git.files(commit, source.prefix))
    return sorted(p for p in paths if p is not None)


def _by_path(loaded: Sequence[LoadedFile]) -> dict[str, LoadedFile]:
    return {item.path: item for item in loaded}
