"""The records an EIA's score depends on, at any commit, without reading the rest.

``score_eia`` reads, from the repository around the EIA: the configuration
(``eqdiv.yaml``: the strands, the review cycle), the people (to name them), the rubric
(every ``kind: rubric`` file: the first is used), the EIA itself (the first valid EIA
with its id), and what it links to: the action plans its gaps and mitigations name
(``PLAN/ACTION``), the consultations its engagement names, and the EIAs its
``cumulative.related`` names. A repository of just those files, in the order the whole
repository has them, scores the EIA exactly as the whole repository does (the tests
hold this, and hold ``score_eia`` to reading nothing else).

To find those files at a commit without parsing every file in it, each folder's tree
is read from git once per version (an unchanged folder is the same tree in every
commit) and each file's kind and id are read from its text once per version of the
file (``quick_identity``; a file it cannot be sure of is parsed, through the record
cache). So a history of 100 commits reads each version of each file once, and builds
at each commit a repository of a handful of records.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from eqdiv.model.eias import Eia
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.review.sides import Source
from eqdiv.store.gitrepo import Commit, LogEntry, Tree
from eqdiv.store.loaded import LoadedFile
from eqdiv.store.quick_identity import quick_identity
from eqdiv.store.repository import RECORD_SUFFIXES, Repository, ignored_patterns, is_record_path

# Kinds of which every file counts, whatever its id.
_EVERY = ("people", "rubric")
# Folders' indexes held in memory: enough for the folders one step of a history changes
# and those it does not, not every version of every folder.
_FOLDERS_HELD = 512

# A record's kind and id: (kind, id) as ``Record`` has them.
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class _Known:
    """What one version of a file is: its kind (None: no record), its id (None: the
    file gives none, so it is named after the file), and its size."""

    kind: str | None
    id: str | None
    size: int


@dataclass(frozen=True, slots=True)
class _Folder:
    """One version of a folder's record files, by kind and id (``Key``), and those of
    the kinds that count whatever their id. Lists are shared with the version before
    (a new version copies only what changed), so they are never changed in place."""

    keys: dict[Key, tuple[str, ...]]
    every: dict[str, tuple[str, ...]]


class ScoreScope:
    """Builds, commit after commit, the small repository an EIA is scored against."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._known: dict[str, _Known] = {}
        self._folders: OrderedDict[str, _Folder] = OrderedDict()  # by tree id
        self._latest: dict[str, tuple[Tree, _Folder]] = {}  # by where: to patch from
        self._last: Repository | None = None

    def learn(self, raw: bytes, kind: str | None, record_id: str | None) -> None:
        """Note what the file ``raw`` (from the working tree, say) is, so that its
        version in a commit, the same blob, need not be read: ``kind`` and ``record_id``
        as for ``quick_identity``."""
        digest = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
        digest.update(raw)
        self._known[digest.hexdigest()] = _Known(kind, record_id, len(raw))

    def prepare(self, entries: Sequence[LogEntry]) -> None:
        """Read from git at once what the coming ``repository`` and ``blob`` calls for
        the commits of ``entries`` need: the commits and their first parents, every
        folder of each commit and the folders down to the file in each parent, and
        what each file not met yet is. A round trip to git each was most of what a
        history of a hundred commits spent."""
        git = self.source.git
        git.prefetch(e.commit.sha for e in entries)
        parents = [(git.parent_ids(e.commit.sha)[:1], e.old_path) for e in entries]
        git.prefetch(sha for ids, _ in parents for sha in ids)
        tops = [(git.top_tree(e.commit.sha), self.source.git_path("")) for e in entries]
        chains = [(git.top_tree(ids[0]), old) for ids, old in parents if ids and old]
        # Down to the records folder in each commit, and to the file's folder in each
        # parent: a level of folders at a time.
        ways = [(tree, path.split("/")[:-1] if path else []) for tree, path in tops + chains]
        while ways:
            git.prefetch(tree for tree, _ in ways if tree is not None)
            ways = [
                (git.entries(tree).trees.get(parts[0]), parts[1:])
                for tree, parts in ways
                if tree is not None and parts
            ]
        roots = {git.tree(e.commit, self.source.prefix) for e in entries} - {None}
        self._read_all(roots)

    def _read_all(self, roots: Iterable[str | None]) -> None:
        """Read every folder under the trees ``roots`` (a level at a time) and learn
        what each file in them is."""
        git = self.source.git
        unknown: dict[str, str] = {}  # blob: a path it has
        seen: set[str] = set()
        level = [(tree, "") for tree in roots if tree is not None]
        while level:
            git.prefetch(tree for tree, _ in level if tree not in seen)
            below = []
            for tree, where in level:
                if tree in seen:
                    continue
                seen.add(tree)
                found = git.entries(tree)
                below += [(sha, f"{where}{n}/") for n, sha in found.trees.items() if n[0] != "."]
                for name, sha in found.blobs.items():
                    if sha not in self._known and _may_be_record(name):
                        unknown.setdefault(sha, f"{where}{name}")
            level = below
        self._learn(unknown)

    def blob(self, commit: Commit, path: str) -> tuple[str, int] | None:
        """The blob and size of the record file at ``path`` in ``commit`` (None: not
        there), from the folders read for ``prepare``."""
        source = self.source
        folder, _, name = source.git_path(path).rpartition("/")
        tree = source.git.tree(commit, folder)
        sha = source.git.entries(tree).blobs.get(name) if tree is not None else None
        if sha is None:
            return None
        if sha not in self._known:
            self._learn({sha: path})
        return sha, self._known[sha].size

    def repository(self, commit: Commit, eia_id: str) -> Repository:
        """The records at ``commit`` that scoring the EIA ``eia_id`` reads."""
        source = self.source
        tree = source.git.tree(commit, source.prefix)
        config = None
        top = source.git.entries(tree) if tree is not None else None
        if top is not None and CONFIG_FILE in top.blobs:
            config = self._load(commit, CONFIG_FILE, top.blobs[CONFIG_FILE])
        ignore = ignored_patterns(config) if config is not None else ()
        keys: set[Key] = {("eia", eia_id)}
        found = self._find(tree, keys, ignore)
        repository = self._build(commit, config, found)
        eia = repository.find("eia", eia_id)
        if eia is not None:
            more = links(eia) - keys
            if more:
                found.update(self._find(tree, more, ignore))
                repository = self._build(commit, config, found)
        return repository

    def _load(self, commit: Commit, path: str, sha: str) -> LoadedFile:
        if sha not in self._known:
            self._learn({sha: path})
        return self.source.load_blob(path, sha, self._known[sha].size, f"{path} in {commit.short}")

    def _build(
        self, commit: Commit, config: LoadedFile | None, found: Mapping[str, str]
    ) -> Repository:
        source = self.source
        loaded = [config] if config is not None else []
        loaded += [self._load(commit, path, found[path]) for path in sorted(found)]
        self._last = Repository.build(source.root, loaded, source.reader(commit), self._last)
        return self._last

    def _find(self, tree: str | None, keys: Iterable[Key], ignore: Iterable[str]) -> dict[str, str]:
        """The record files under ``tree`` (the records folder) that hold a record of
        ``keys`` or of a kind of which every file counts, with their blobs."""
        if tree is None:
            return {}
        git = self.source.git
        keys, ignore = list(keys), list(ignore)
        found: dict[str, str] = {}
        stack = [(tree, "")]
        while stack:
            sha, where = stack.pop()
            entries = git.entries(sha)
            folder = self._folder(sha, where, entries)
            names = [n for key in keys for n in folder.keys.get(key, ())]
            names += [n for kind in _EVERY for n in folder.every.get(kind, ())]
            for name in names:
                path = f"{where}{name}"
                if path != CONFIG_FILE and is_record_path(path, ignore):
                    found[path] = entries.blobs[name]
            stack += [(child, f"{where}{n}/") for n, child in entries.trees.items() if n[0] != "."]
        return found

    def _folder(self, tree: str, where: str, entries: Tree) -> _Folder:
        """The index of the folder ``where`` whose tree is ``tree``: patched from the
        version of the folder met before, when there is one (a commit changes a few
        of its files, not all)."""
        folder = self._folders.get(tree)
        if folder is not None:
            self._folders.move_to_end(tree)
            return folder
        before = self._latest.get(where)
        if before is None:
            changed: dict[str, str | None] = dict(entries.blobs)
            keys: dict[Key, tuple[str, ...]] = {}
            every: dict[str, tuple[str, ...]] = {}
        else:
            old = before[0].blobs
            changed = {n: s for n, s in entries.blobs.items() if old.get(n) != s}
            changed.update({n: None for n in old.keys() - entries.blobs.keys()})
            keys, every = dict(before[1].keys), dict(before[1].every)
        unknown = {s: f"{where}{n}" for n, s in changed.items() if s and s not in self._known}
        self._learn({s: p for s, p in unknown.items() if _may_be_record(p)})
        for name, sha in changed.items():
            if before is not None and name in before[0].blobs:
                self._file(keys, every, name, before[0].blobs[name], remove=True)
            if sha is not None:
                self._file(keys, every, name, sha, remove=False)
        folder = self._folders[tree] = _Folder(keys, every)
        self._latest[where] = (entries, folder)
        if len(self._folders) > _FOLDERS_HELD:
            self._folders.popitem(last=False)
        return folder

    def _file(
        self,
        keys: dict[Key, tuple[str, ...]],
        every: dict[str, tuple[str, ...]],
        name: str,
        sha: str,
        *,
        remove: bool,
    ) -> None:
        """Add the file ``name`` (blob ``sha``) to a folder's index, or take it out."""
        known = self._known.get(sha) if _may_be_record(name) else None
        if known is None or known.kind is None:
            return
        key = (known.kind, known.id if known.id is not None else PurePosixPath(name).stem)
        keys[key] = _edited(keys.get(key, ()), name, remove)
        if known.kind in _EVERY:
            every[known.kind] = _edited(every.get(known.kind, ()), name, remove)

    def _learn(self, unknown: Mapping[str, str]) -> None:
        """Read the files ``unknown`` (blob: a path it has) and note what each is: from
        its text when that is certain, else parsed (and cached)."""
        source = self.source
        for sha, raw in source.git.read_blobs(list(unknown), MAX_RECORD_BYTES):
            if isinstance(raw, int):  # too large to be a record
                self._known[sha] = _Known(None, None, raw)
                continue
            identity = quick_identity(raw)
            if identity is not None:
                self._known[sha] = _Known(identity.kind, identity.id, len(raw))
                continue
            path = unknown[sha]
            record = source.load_blob(path, sha, len(raw), f"{path} in git").record
            given = record.data.get("id") if record is not None else None
            self._known[sha] = _Known(
                record.kind if record is not None else None,
                given if isinstance(given, str) else None,
                len(raw),
            )


def _edited(names: tuple[str, ...], name: str, remove: bool) -> tuple[str, ...]:
    """``names`` without ``name``, or with it (a new tuple: the old may be shared)."""
    if remove:
        return tuple(n for n in names if n != name)
    return tuple(sorted({*names, name}))


def _may_be_record(name: str) -> bool:
    """Whether a file of this name can be a record (``is_record_path`` says whether
    it is, once the configuration's ``ignore`` is known)."""
    return name.endswith(RECORD_SUFFIXES) and not name.rpartition("/")[2].startswith(".")


def links(eia: Eia) -> set[Key]:
    """The records ``eia`` names, as (kind, id): the plans of the actions its gaps and
    mitigations name (a plan's id is what comes before a ``/``; an id that holds one
    itself is looked for too), its consultations and its related EIAs."""
    found: set[Key] = {("eia", related) for related in eia.related if isinstance(related, str)}
    found |= {
        ("consultation", e.consultation) for e in eia.engagement if isinstance(e.consultation, str)
    }
    refs = [g.action for g in eia.gaps] + [m.action for m in eia.mitigation]
    for ref in refs:
        if not isinstance(ref, str):
            continue
        parts = ref.split("/")
        found |= {("action-plan", "/".join(parts[:n])) for n in range(1, len(parts) + 1)}
    return found
