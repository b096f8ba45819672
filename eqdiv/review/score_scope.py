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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from eqdiv.model.eias import Eia
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.limits import MAX_RECORD_BYTES
from eqdiv.review.sides import Source
from eqdiv.store.gitrepo import Commit
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


@dataclass(slots=True)
class _Folder:
    """One version of a folder: its files by kind and id (``Key``), the files of the
    kinds that count whatever their id, and its folders."""

    keys: dict[Key, list[str]] = field(default_factory=dict)
    every: dict[str, list[str]] = field(default_factory=dict)
    blobs: dict[str, tuple[str, int]] = field(default_factory=dict)  # name: blob, size
    folders: list[tuple[str, str]] = field(default_factory=list)  # name, tree id


class ScoreScope:
    """Builds, commit after commit, the small repository an EIA is scored against."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self._known: dict[str, _Known] = {}
        self._folders: OrderedDict[str, _Folder] = OrderedDict()
        self._last: Repository | None = None

    def learn(self, raw: bytes, kind: str | None, record_id: str | None) -> None:
        """Note what the file ``raw`` (from the working tree, say) is, so that its
        version in a commit, the same blob, need not be read: ``kind`` and ``record_id``
        as for ``quick_identity``."""
        digest = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
        digest.update(raw)
        self._known[digest.hexdigest()] = _Known(kind, record_id, len(raw))

    def repository(self, commit: Commit, eia_id: str) -> Repository:
        """The records at ``commit`` that scoring the EIA ``eia_id`` reads."""
        source = self.source
        tree = source.git.tree(commit, source.prefix)
        top = self._folder(tree, "") if tree is not None else _Folder()
        config = None
        if CONFIG_FILE in top.blobs:
            sha, size = top.blobs[CONFIG_FILE]
            config = source.load_blob(CONFIG_FILE, sha, size, f"{CONFIG_FILE} in {commit.short}")
        ignore = ignored_patterns(config) if config is not None else ()
        keys: set[Key] = {("eia", eia_id)}
        found = self._find(tree, "", keys, ignore)
        repository = self._build(commit, config, found)
        eia = repository.find("eia", eia_id)
        if eia is not None:
            more = links(eia) - keys
            if more:
                found.update(self._find(tree, "", more, ignore))
                repository = self._build(commit, config, found)
        return repository

    def _build(
        self, commit: Commit, config: LoadedFile | None, found: Mapping[str, tuple[str, int]]
    ) -> Repository:
        source = self.source
        loaded = [config] if config is not None else []
        for path in sorted(found):
            sha, size = found[path]
            loaded.append(source.load_blob(path, sha, size, f"{path} in {commit.short}"))
        self._last = Repository.build(source.root, loaded, source.reader(commit), self._last)
        return self._last

    def _find(
        self, tree: str | None, base: str, keys: Iterable[Key], ignore: Iterable[str]
    ) -> dict[str, tuple[str, int]]:
        """The record files under ``tree`` (the folder ``base``) that hold a record of
        ``keys`` or of a kind of which every file counts, with their blobs."""
        if tree is None:
            return {}
        keys, ignore = list(keys), list(ignore)
        found: dict[str, tuple[str, int]] = {}
        stack = [(tree, base)]
        while stack:
            sha, where = stack.pop()
            folder = self._folder(sha, where)
            names = [n for key in keys for n in folder.keys.get(key, ())]
            names += [n for kind in _EVERY for n in folder.every.get(kind, ())]
            for name in names:
                path = f"{where}{name}"
                if path != CONFIG_FILE and is_record_path(path, ignore):
                    found[path] = folder.blobs[name]
            stack.extend((child, f"{where}{name}/") for name, child in folder.folders)
        return found

    def _folder(self, tree: str, where: str) -> _Folder:
        """The index of the folder ``where`` whose tree is ``tree``."""
        key = f"{tree}:{where}"
        folder = self._folders.get(key)
        if folder is not None:
            self._folders.move_to_end(key)
            return folder
        folder = _Folder()
        unknown: list[tuple[str, str]] = []
        for name, kind, sha in self.source.git.entries(tree):
            if name.startswith("."):
                continue  # hidden: never a record (see ``is_record_path``)
            if kind == "tree":
                folder.folders.append((name, sha))
            elif name.endswith(RECORD_SUFFIXES):
                if sha not in self._known:
                    unknown.append((name, sha))
                folder.blobs[name] = (sha, 0)
        self._learn(where, unknown)
        self._index(folder)
        self._folders[key] = folder
        if len(self._folders) > _FOLDERS_HELD:
            self._folders.popitem(last=False)
        return folder

    def _index(self, folder: _Folder) -> None:
        """File ``folder``'s files by kind and id, now that each is known."""
        for name, (sha, _) in list(folder.blobs.items()):
            known = self._known[sha]
            folder.blobs[name] = (sha, known.size)
            if known.kind is None:
                continue
            record_id = known.id if known.id is not None else PurePosixPath(name).stem
            folder.keys.setdefault((known.kind, record_id), []).append(name)
            if known.kind in _EVERY:
                folder.every.setdefault(known.kind, []).append(name)

    def _learn(self, where: str, unknown: list[tuple[str, str]]) -> None:
        """Read the files ``unknown`` (names in ``where``, blob ids) and note what each
        is: from its text when that is certain, else parsed (and cached)."""
        if not unknown:
            return
        names = dict((sha, name) for name, sha in unknown)
        source = self.source
        for sha, raw in source.git.read_blobs(list(names), MAX_RECORD_BYTES):
            if isinstance(raw, int):  # too large to be a record
                self._known[sha] = _Known(None, None, raw)
                continue
            identity = quick_identity(raw)
            if identity is not None:
                self._known[sha] = _Known(identity.kind, identity.id, len(raw))
                continue
            path = f"{where}{names[sha]}"
            record = source.load_blob(path, sha, len(raw), f"{path} in git").record
            given = record.data.get("id") if record is not None else None
            self._known[sha] = _Known(
                record.kind if record is not None else None,
                given if isinstance(given, str) else None,
                len(raw),
            )


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
