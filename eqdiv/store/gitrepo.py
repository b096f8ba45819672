"""The one module that talks to git (through GitPython).

Records live in git: the history is the audit trail. Everything eqdiv does with git
goes through here, so git's errors become eqdiv's plain messages, and the rest of eqdiv
sees plain values (commit ids, paths, bytes), never GitPython's objects.

A revision a person typed is checked before git sees it: one starting with ``-`` would
be read by git as an option (option injection), and one that names no commit gets a
message saying so, rather than git's own words.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from eqdiv.model.errors import EqdivError

# Lazy imports: GitPython is loaded when first needed (see ``_git``): it looks for
# the git program as it is imported, and only review and history need git.

ChangeStatus = Literal["added", "removed", "modified", "renamed"]
_STATUS: dict[str, ChangeStatus] = {
    "A": "added",
    "C": "added",  # a copy is a new file as far as the records are concerned
    "D": "removed",
    "M": "modified",
    "T": "modified",
    "R": "renamed",
}
# Fields of one commit in ``git log --format``: separated by US, each commit by RS, so
# that nothing a person can type in a commit subject splits them.
_LOG_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%ae%x1f%s"
FULL_HISTORY_HINT = (
    "Fetch the full history: `git fetch --unshallow`; in GitHub Actions, give "
    "actions/checkout `fetch-depth: 0`; in GitLab CI, set GIT_DEPTH to 0."
)
_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
# Files of one folder in one commit asked of `git cat-file` one by one, before the
# whole folder is listed with `git ls-tree` instead (see `GitRepository._blob`).
_ONE_BY_ONE = 4
# Blobs asked of `git cat-file` at once: their ids must fit in the pipe to it while its
# answers wait in the pipe back (64 KiB each way on Linux).
_BATCH = 256
# Commits and trees kept in memory once read (bytes): a history of hundreds of commits
# of a 10,000-record repository reads its folders' trees again and again.
_OBJECTS_HELD = 32 << 20
# Entries of parsed trees kept in memory (about 150 bytes each).
_TREE_ENTRIES_HELD = 200_000
_OBJECT_LIMIT = 16 << 20  # a commit or tree larger than this is no records repository's
# One entry of a tree object: its mode, its name, and its object's 20-byte id.
_TREE_ENTRY = re.compile(rb"(\d+) ([^\0]*)\0(.{20})", re.DOTALL)


class GitError(EqdivError):
    """git is missing, or refused to do what eqdiv asked."""


def _git() -> ModuleType:
    """GitPython, imported when first needed: it looks for the git program when it is
    imported, and eqdiv's other commands must work on a computer without git."""
    try:
        import git
    except ImportError as err:
        raise GitError(
            "eqdiv cannot find git on this computer.",
            "Install git (https://git-scm.com). `eqdiv init --no-git` starts records without "
            "it; `eqdiv review` and `eqdiv history` need it.",
        ) from err
    return git


def _said(err: Exception) -> str:
    """What git said, on one line, without GitPython's decoration."""
    stderr = getattr(err, "stderr", "") or str(err)
    return " ".join(str(stderr).split()).removeprefix("stderr: ").strip("'\" ")


# Starting a repository (``eqdiv init``) ---------------------------------------------


def work_tree_of(path: Path) -> Path | None:
    """The top folder of the git work tree that holds ``path`` (which need not exist
    yet), or None when it is not inside one."""
    git = _git()
    existing = path.resolve()
    while not existing.exists():
        existing = existing.parent
    try:
        with git.Repo(existing, search_parent_directories=True) as repo:
            top = repo.working_tree_dir
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    return Path(top).resolve() if top else None


def init_repository(path: Path) -> None:
    """``git init`` in ``path``."""
    git = _git()
    try:
        git.Repo.init(path)
    except git.GitCommandError as err:
        raise GitError(f"git could not start a repository in {path}: {_said(err)}") from err


def commit(root: Path, paths: Sequence[str], message: str) -> str:
    """Stage ``paths`` (relative to the work tree ``root``) and commit them; the new
    commit's id. The author is git's configured user, or GitPython's default (the
    login name at this computer) when none is set, so a first commit never fails for
    want of a name."""
    git = _git()
    try:
        # Closed on the way out: making the commit starts git processes that GitPython
        # keeps running for the next question, and nothing else would stop them.
        with git.Repo(root) as repo:
            repo.git.add("--", *paths)  # git itself: it knows .gitattributes and line endings
            made: Any = repo.index.commit(message)
    except (git.GitCommandError, ValueError, OSError) as err:
        raise GitError(f"git could not commit the new files in {root}: {_said(err)}") from err
    return str(made.hexsha)


# Reading the history (``eqdiv review``, ``eqdiv history``) -------------------------


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    date: datetime  # the author's date: when the change was written
    author: str
    email: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True, slots=True)
class WorkingState:
    """The work tree's unfinished business, as far as a commit is concerned."""

    unmerged: tuple[str, ...]  # files with merge conflicts
    staged: tuple[str, ...]  # files already staged for the next commit
    operation: str | None  # "a merge" ... under way, or None
    branch: str | None  # None: no branch checked out (a detached HEAD)


# The files git keeps while an operation is under way, and the operation in words.
_OPERATIONS = (
    ("MERGE_HEAD", "a merge"),
    ("rebase-merge", "a rebase"),
    ("rebase-apply", "a rebase"),
    ("CHERRY_PICK_HEAD", "a cherry-pick"),
    ("REVERT_HEAD", "a revert"),
)


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file that differs between two sides. ``path`` is where it is on the newer
    side and ``old_path`` where it was on the older (both None when it is not there)."""

    status: ChangeStatus
    path: str | None
    old_path: str | None


@dataclass(frozen=True, slots=True)
class Tree:
    """A folder in a commit: its files' and its folders' object ids, by name."""

    blobs: dict[str, str]
    trees: dict[str, str]


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A commit that changed a file: where the file was in that commit (``path``) and
    in the commit's first parent (``old_path``, None when the commit created it)."""

    commit: Commit
    status: ChangeStatus
    path: str
    old_path: str | None
    cut: bool = False  # a shallow clone ends at this commit: its parents are not here


def open_repository(path: Path) -> GitRepository:
    """The git repository whose work tree holds ``path``."""
    git = _git()
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(
            f"{path} is not in a git repository, so there is no history to read.",
            "Run eqdiv inside a clone of the records repository, or name one with --repo. "
            "`git init` and a first commit start a history.",
        ) from None
    if repo.working_tree_dir is None:
        raise GitError(
            f"{path} is a bare git repository: it has no files to compare.",
            "Run eqdiv in a clone with a working tree.",
        )
    return GitRepository(repo)


class GitRepository:
    """A git repository, asked questions in eqdiv's terms. Paths are relative to the
    top of the work tree, with forward slashes."""

    def __init__(self, repo: Any) -> None:
        self._repo = repo
        self._errors = _git()
        self.top = Path(repo.working_tree_dir).resolve()
        # The files of each folder, by commit, each with its blob's id and size: one
        # `git ls-tree` a folder. Asking GitPython a blob's size costs a round trip to
        # git per file, and parsing its trees was most of the time spent.
        self._folders: dict[tuple[str, str], dict[str, tuple[str, int]]] = {}
        self._asked: dict[tuple[str, str], int] = {}  # files asked of a folder, by commit
        self._reader: subprocess.Popen[bytes] | None = None  # see ``read_blobs``
        # Commits and trees read this run, by id, the latest last (see ``prefetch``).
        self._objects: OrderedDict[str, bytes] = OrderedDict()
        self._held = 0  # their bytes
        self._trees: OrderedDict[str, Tree] = OrderedDict()  # trees parsed, by id
        self._tree_entries = 0  # the files and folders in them
        self._boundary: frozenset[str] | None = None  # see ``_shallow_boundary``

    def __enter__(self) -> GitRepository:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the git processes kept running to read objects."""
        if self._reader is not None:
            _stop(self._reader)
            self._reader = None
        self._repo.close()

    def relative(self, folder: Path) -> str:
        """``folder`` (inside the work tree) relative to its top: ``records``, or ``""``."""
        relative = folder.resolve().relative_to(self.top).as_posix()
        return "" if relative == "." else relative

    # Revisions -----------------------------------------------------------------

    def commit(self, revision: str) -> Commit:
        """The commit ``revision`` names (a branch, tag, commit id, ``HEAD~2``...)."""
        if not revision.strip() or revision.startswith("-"):
            raise GitError(
                f"'{revision}' is not a revision: a revision names a commit, such as main, "
                "HEAD~1 or a commit id, and never starts with '-'.",
                "Put options after the command's name, and revisions after the options.",
            )
        try:
            sha = self._run(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
            )
        except GitError:
            sha = ""
        if sha and not _SHA.fullmatch(sha):
            # `^HEAD` (everything not in HEAD) and other range syntax: rev-parse answers
            # with `^` and a commit id, which names no one commit.
            raise GitError(
                f"'{revision}' names a range of commits, not one commit.",
                "Give one commit: a branch, a tag, a commit id or HEAD~1, without '^' in "
                "front or '..' between two of them.",
            )
        if not sha:
            if self.is_shallow():
                raise GitError(
                    f"'{revision}' is not in this clone: it is a shallow clone, which holds "
                    "only the latest commits.",
                    FULL_HISTORY_HINT,
                )
            raise GitError(
                f"'{revision}' does not name a commit in {self.top}.",
                "Give a branch, a tag or a commit id; `git log --oneline` lists commits and "
                "`git branch -a` the branches.",
            )
        return self._describe(sha)

    def head(self) -> Commit:
        """The commit checked out; an error on a branch with no commits yet."""
        if not self._repo.head.is_valid():
            branch = self._branch_name()
            raise GitError(
                f"The branch {branch or 'checked out'} has no commits yet, so it has no "
                "history to read.",
                "Commit the records first (git add, then git commit): reviews and history "
                "start from the first commit.",
            )
        return self.commit("HEAD")

    def default_branch(self) -> str | None:
        """The branch changes are merged into: the remote's default (``origin/HEAD``),
        else ``main`` or ``master``, locally or on ``origin``."""
        try:
            remote_head = self._run("symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
        except GitError:
            remote_head = ""
        candidates = [remote_head.removeprefix("refs/remotes/")] if remote_head else []
        candidates += ["main", "master", "origin/main", "origin/master"]
        for name in candidates:
            if self._run_ok("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"):
                return name
        return None

    def merge_base(self, first: Commit, second: Commit) -> Commit:
        """Where the two lines of history meet: the commit a branch started from."""
        try:
            sha = self._run("merge-base", first.sha, second.sha)
        except GitError:
            sha = ""
        if not sha:
            if self.is_shallow():
                raise GitError(
                    f"{first.short} and {second.short} share no history in this clone: it "
                    "is a shallow clone, cut off before they meet.",
                    FULL_HISTORY_HINT,
                )
            raise GitError(
                f"{first.short} and {second.short} share no history, so there is no "
                "common starting point to compare from.",
                "Name the commit to compare with: `eqdiv review BASE`.",
            )
        return self._describe(sha)

    def is_shallow(self) -> bool:
        return self._run("rev-parse", "--is-shallow-repository") == "true"

    # Trees and files -------------------------------------------------------------

    def changes(self, base: Commit, head: Commit | None, under: str) -> list[FileChange]:
        """The files under ``under`` that differ from ``base`` to ``head`` (None: the
        work tree, with files git does not track yet), renames found as git finds them."""
        sides = [base.sha] if head is None else [base.sha, head.sha]
        output = self._run(
            "diff",
            "--name-status",
            "-z",
            "-M",
            "--no-color",
            "--no-ext-diff",
            *sides,
            "--",
            under or ".",
        )
        found = list(_name_status(output.split("\0")))
        if head is None:
            untracked = self._run(
                "ls-files", "--others", "--exclude-standard", "-z", "--", under or "."
            )
            found += [FileChange("added", p, None) for p in untracked.split("\0") if p]
        return found

    def files(self, commit: Commit, under: str) -> list[str]:
        """Every file under the folder ``under`` in ``commit``."""
        tree = self._tree(commit)
        if under:
            try:
                tree = tree / under
            except KeyError:
                return []
            if tree.type != "tree":
                return []
        return sorted(item.path for item in tree.traverse() if item.type == "blob")

    def listing(self, commit: Commit, under: str) -> dict[str, str]:
        """Every file under the folder ``under`` in ``commit``, with its blob id, from
        one `git ls-tree` (paths relative to the work tree's top)."""
        output = self._run("ls-tree", "-r", "-z", commit.sha, "--", f"{under}/" if under else ".")
        found: dict[str, str] = {}
        for entry in output.split("\0"):
            head, _, path = entry.partition("\t")
            fields = head.split()
            if len(fields) == 3 and fields[1] == "blob":
                found[path] = fields[2]
        return found

    def size(self, commit: Commit, path: str) -> int | None:
        """The size in bytes of the file at ``path`` in ``commit`` (None: not there)."""
        blob = self._blob(commit, path)
        return None if blob is None else blob[1]

    def read(self, commit: Commit, path: str) -> bytes | None:
        """The bytes of the file at ``path`` in ``commit`` (None: not there)."""
        blob = self._blob(commit, path)
        if blob is None:
            return None
        return self.read_blob(blob[0], f"{path} in {commit.short}")

    def blob(self, commit: Commit, path: str) -> tuple[str, int] | None:
        """The blob id and size of the file at ``path`` in ``commit`` (None: not
        there): what stays the same while the file's content does, across commits."""
        return self._blob(commit, path)

    def read_blob(self, sha: str, what: str) -> bytes:
        """The bytes of the blob ``sha`` (``what`` names it in an error)."""
        try:
            return bytes(self._repo.odb.stream(bytes.fromhex(sha)).read())
        except (ValueError, OSError, self._errors.GitCommandError) as err:
            raise GitError(f"git cannot read {what}: {err}") from err

    def tree(self, commit: Commit, under: str) -> str | None:
        """The id of the tree of the folder ``under`` in ``commit`` (None when there is
        no such folder), read from the running `git cat-file`: what stays the same
        while nothing in the folder changes."""
        sha = self.top_tree(commit.sha)
        for part in under.split("/") if under else ():
            sha = self.entries(sha).trees.get(part) if sha is not None else None
        return sha

    def entries(self, tree: str) -> Tree:
        """What the tree ``tree`` holds (submodules left out; a symbolic link is a
        blob, as everywhere else here). Each tree is parsed once while it is held."""
        found = self._trees.get(tree)
        if found is not None:
            self._trees.move_to_end(tree)
            return found
        raw = self._object(tree, f"folder {tree[:7]}")
        blobs: dict[str, str] = {}
        trees: dict[str, str] = {}
        for mode, name, sha in _TREE_ENTRY.findall(raw):
            if mode == b"40000":
                trees[name.decode("utf-8", "surrogateescape")] = sha.hex()
            elif mode != b"160000":
                blobs[name.decode("utf-8", "surrogateescape")] = sha.hex()
        found = self._trees[tree] = Tree(blobs, trees)
        self._tree_entries += len(blobs) + len(trees)
        while self._tree_entries > _TREE_ENTRIES_HELD and len(self._trees) > 1:
            dropped = self._trees.popitem(last=False)[1]
            self._tree_entries -= len(dropped.blobs) + len(dropped.trees)
        return found

    def top_tree(self, sha: str) -> str | None:
        """The tree of the commit ``sha`` (None when this clone does not have it)."""
        raw = self._object(sha, f"commit {sha[:7]}", missing_ok=True)
        return raw[5:45].decode("ascii") if raw.startswith(b"tree ") else None

    def parent_ids(self, sha: str) -> list[str]:
        """The parents of the commit ``sha``, first parent first (as its object says:
        a shallow clone may not have them)."""
        raw = self._object(sha, f"commit {sha[:7]}", missing_ok=True)
        head = raw.partition(b"\n\n")[0].split(b"\n")
        return [line[7:].decode("ascii") for line in head if line.startswith(b"parent ")]

    def prefetch(self, shas: Iterable[str]) -> None:
        """Read the commits and folders (trees) ``shas`` in one go, for the questions
        about them that follow: a history asks about dozens of commits, and one round
        trip to git each was much of what it spent."""
        wanted = [sha for sha in dict.fromkeys(shas) if sha not in self._objects]
        for sha, raw in self._batch_all(wanted, _OBJECT_LIMIT, missing_ok=True):
            if isinstance(raw, bytes):
                self._keep(sha, raw)

    def read_blobs(self, shas: Sequence[str], limit: int) -> Iterator[tuple[str, bytes | int]]:
        """Each blob of ``shas`` with its bytes, or its size when it is over ``limit``
        bytes (then it is not kept in memory), in order. Asked of one `git cat-file`
        kept running for the purpose, many at a time: GitPython's own reader costs
        about half a millisecond a blob, which reading every file of a commit feels."""
        yield from self._batch_all(shas, limit)

    def _batch(
        self, shas: Sequence[str], limit: int, *, missing_ok: bool = False
    ) -> list[tuple[str, bytes | int]]:
        process = self._reader
        if process is None or process.poll() is not None:
            process = self._reader = subprocess.Popen(
                [self._errors.Git.GIT_PYTHON_GIT_EXECUTABLE or "git", "cat-file", "--batch"],
                cwd=self.top,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        assert process.stdin is not None and process.stdout is not None
        found: list[tuple[str, bytes | int]] = []
        try:
            process.stdin.write("".join(f"{sha}\n" for sha in shas).encode("ascii"))
            process.stdin.flush()
            for sha in shas:
                header = process.stdout.readline().split()
                if missing_ok and header[1:] == [b"missing"]:
                    found.append((sha, 0))
                    continue
                if len(header) != 3 or not header[2].isdigit():
                    raise OSError(f"git has no object {sha}")
                size = int(header[2])
                if size > limit:  # read past it, a piece at a time
                    left = size + 1
                    while left:
                        piece = process.stdout.read(min(left, 1 << 20))
                        if not piece:
                            raise OSError(f"git stopped while sending {sha}")
                        left -= len(piece)
                    found.append((sha, size))
                    continue
                raw = process.stdout.read(size + 1)
                if len(raw) != size + 1:
                    raise OSError(f"git stopped while sending {sha}")
                found.append((sha, raw[:size]))
        except (OSError, ValueError) as err:
            process.kill()
            _stop(process)
            self._reader = None
            raise GitError(f"git cannot read the files of {self.top}: {err}") from err
        return found

    def _object(self, sha: str, what: str, *, missing_ok: bool = False) -> bytes:
        """A commit or a tree, from those read this run or from git (empty for one
        this clone does not have, when ``missing_ok``)."""
        found = self._objects.get(sha)
        if found is not None:
            self._objects.move_to_end(sha)
            return found
        ((_, raw),) = self._batch([sha], _OBJECT_LIMIT, missing_ok=True)
        if not isinstance(raw, bytes):  # not in this clone (or too large to be one)
            if missing_ok:
                return b""
            raise GitError(f"git cannot read {what} in {self.top}.")
        self._keep(sha, raw)
        return raw

    def _keep(self, sha: str, raw: bytes) -> None:
        self._objects[sha] = raw
        self._held += len(raw)
        while self._held > _OBJECTS_HELD and len(self._objects) > 1:
            self._held -= len(self._objects.popitem(last=False)[1])

    def _batch_all(
        self, shas: Sequence[str], limit: int, *, missing_ok: bool = False
    ) -> Iterator[tuple[str, bytes | int]]:
        # Each batch is read whole before any is given out, so that the pipe never
        # holds answers for a caller who stopped asking.
        for start in range(0, len(shas), _BATCH):
            yield from self._batch(shas[start : start + _BATCH], limit, missing_ok=missing_ok)

    # History ---------------------------------------------------------------------

    def log(self, path: str) -> list[LogEntry]:
        """The commits that changed the file at ``path``, following it through renames,
        oldest first. Merge commits are left out: each change is shown in the commit that
        made it."""
        entries = []
        boundary = self._shallow_boundary()
        for commit, changes in self._log("--follow", path):
            change = next(iter(changes), None)
            if change is None:
                continue
            now = change.path or change.old_path
            assert now is not None
            before = change.old_path if change.status == "renamed" else now
            old = None if change.status == "added" else before
            entries.append(LogEntry(commit, change.status, now, old, commit.sha in boundary))
        return entries[::-1]

    def logs(self, paths: Iterable[str], under: str) -> dict[str, list[LogEntry]]:
        """``log`` of each of ``paths`` (files in the folder ``under``), from one ``git
        log`` of the folder: a report reads the history of every plan, and a git process
        for each of thousands of plans was most of its time. Each file is followed back
        through its renames, as ``log`` does (a file moved in from outside the folder
        takes its own ``log``, which the folder's cannot give)."""
        boundary = self._shallow_boundary()
        found: dict[str, list[LogEntry]] = {path: [] for path in paths}
        # Each name the files had in the commit reached: the files it was. Looked up by
        # the commit's changes, so a commit costs its changes, not the number of files.
        at: dict[str, list[str]] = {path: [path] for path in found}
        # Every commit that changed the folder, as ``--follow`` walks them: a side branch
        # a merge set aside (its changes undone, or made again on the other side) too.
        for commit, changes in self._log("--full-history", under or "."):
            there = {c.path: c for c in changes if c.path is not None}
            # A file renamed away is, to the name it leaves, removed (``--follow`` of
            # that name shows the commit so, then goes on to the file's older life).
            gone = {c.old_path: c for c in changes if c.path is None or c.status == "renamed"}
            cut = commit.sha in boundary
            moves: list[tuple[str, str]] = []
            touched = [n for n in there if n in at] + [n for n in gone if n not in there]
            for name in [n for n in touched if n in at]:
                change = there.get(name)
                if change is None:
                    entry = LogEntry(commit, "removed", name, name, cut)
                else:
                    before = change.old_path if change.status == "renamed" else name
                    old = None if change.status == "added" else before
                    entry = LogEntry(commit, change.status, name, old, cut)
                    if before is not None and before != name:
                        moves.append((name, before))
                for path in at[name]:
                    found[path].append(entry)
            for before, files in [(before, at.pop(name)) for name, before in moves]:
                at.setdefault(before, []).extend(files)
        for path in self._moved_in(found, under):
            found[path] = self.log(path)[::-1]
        return {path: entries[::-1] for path, entries in found.items()}

    def _moved_in(self, found: dict[str, list[LogEntry]], under: str) -> list[str]:
        """The files of ``found`` that a commit moved into the folder ``under`` from
        outside it: the folder's own log sees them added there, while ``--follow`` goes
        on to their older life outside."""
        added = {
            (entry.commit.sha, entry.path)
            for entries in found.values()
            for entry in entries
            if entry.status == "added" and not entry.cut
        }
        if not under or not added:
            return []
        shas = sorted({sha for sha, _ in added})
        # Those commits' changes over the whole work tree, renames found; a few hundred
        # commits at a time, as a command line on Windows holds 32,767 characters.
        options = ("--no-walk=unsorted", "-M", f"--format={_LOG_FORMAT}", "--name-status", "-z")
        output = "".join(
            self._run("log", *options, *shas[start : start + 500], "--")
            for start in range(0, len(shas), 500)
        )
        moved = set()
        for chunk in output.split("\x1e"):
            header, _, files = chunk.partition("\0")
            sha = header.split("\x1f")[0]
            for change in _name_status(files.lstrip("\n").split("\0")):
                if change.status == "renamed" and (sha, change.path) in added:
                    moved.add((sha, change.path))
        return [
            path
            for path, entries in found.items()
            if any((entry.commit.sha, entry.path) in moved for entry in entries)
        ]

    def removals(self, under: str) -> list[tuple[Commit, str]]:
        """Files under the folder ``under`` that a commit in HEAD's history deleted (a
        rename is not a deletion), newest first, each with the commit that did it."""
        return [
            (commit, change.old_path)
            for commit, changes in self._log("--diff-filter=D", under or ".")
            for change in changes
            if change.status == "removed" and change.old_path is not None
        ]

    def _log(self, option: str, path: str) -> Iterator[tuple[Commit, list[FileChange]]]:
        """``git log`` of HEAD for ``path`` (with ``option``), newest first: each commit
        (merges left out) and the files it changed, renames found."""
        output = self._run(
            "log",
            option,
            "-M",
            "--no-merges",
            f"--format={_LOG_FORMAT}",
            "--name-status",
            "-z",
            "HEAD",
            "--",
            path,
        )
        for chunk in output.split("\x1e"):
            header, _, files = chunk.partition("\0")
            fields = header.split("\x1f")
            if len(fields) == 5:
                # After the header: a newline, then each status and its path(s).
                yield _commit(fields), list(_name_status(files.lstrip("\n").split("\0")))

    def parent(self, commit: Commit) -> Commit | None:
        """The first parent of ``commit`` (None for a first commit, or where a shallow
        clone is cut off). Read from the running `git cat-file`: a `git show` a commit
        was most of what a history of a hundred commits spent in git."""
        parents = self.parent_ids(commit.sha)
        if not parents:
            return None
        found = self._object(parents[0], f"commit {parents[0][:7]}", missing_ok=True)
        if not found:
            return None
        return _parsed_commit(parents[0], found.decode("utf-8", "replace"))

    # Saving from `eqdiv serve` ----------------------------------------------------

    def working_state(self) -> WorkingState:
        """What is half-done in the work tree: files with merge conflicts, files staged
        for the next commit, and a merge, rebase, cherry-pick or revert under way."""
        unmerged = self._run("diff", "--name-only", "--diff-filter=U", "-z")
        staged = self._run("diff", "--cached", "--name-only", "--no-renames", "-z")
        under_way = None
        for marker, words in _OPERATIONS:
            found = Path(self.top, self._run("rev-parse", "--git-path", marker))
            if found.exists():
                under_way = words
                break
        return WorkingState(
            unmerged=tuple(p for p in unmerged.split("\0") if p),
            staged=tuple(p for p in staged.split("\0") if p),
            operation=under_way,
            branch=self._branch_name(),
        )

    def identity(self) -> tuple[str, str]:
        """git's configured author (``user.name``, ``user.email``); empty when unset."""
        said = []
        for key in ("user.name", "user.email"):
            try:
                said.append(self._run("config", "--get", key))
            except GitError:
                said.append("")
        return said[0], said[1]

    def commit_paths(self, paths: Sequence[str], message: str, author: tuple[str, str]) -> Commit:
        """Stage ``paths`` (relative to the top of the work tree; a deleted file's
        removal too) and commit them with ``author`` (name, e-mail) as author and
        committer. Nothing else runs: no hooks, no push."""
        git = self._errors
        who = git.Actor(*author)
        try:
            self._repo.git.add("--all", "--", *paths)
            made: Any = self._repo.index.commit(message, author=who, committer=who, skip_hooks=True)
        except (git.GitCommandError, ValueError, OSError) as err:
            raise GitError(f"git could not commit in {self.top}: {_said(err)}") from err
        return self._describe(str(made.hexsha))

    # Internals -------------------------------------------------------------------

    def _describe(self, sha: str) -> Commit:
        output = self._run("show", "-s", f"--format={_LOG_FORMAT}", sha)
        return _commit(output.lstrip("\x1e").split("\x1f"))

    def _shallow_boundary(self) -> set[str]:
        """The commits a shallow clone was cut off at (git shows them as first commits).
        Asked of git once a run: a report following thousands of plans asked it once
        for each."""
        if self._boundary is None:
            listed = Path(self.top, self._run("rev-parse", "--git-path", "shallow"))
            try:
                self._boundary = frozenset(listed.read_text(encoding="ascii").split())
            except OSError:
                self._boundary = frozenset()
        return set(self._boundary)

    def _tree(self, commit: Commit) -> Any:
        return self._repo.commit(commit.sha).tree

    def _blob(self, commit: Commit, path: str) -> tuple[str, int] | None:
        """The id and size of the file at ``path`` in ``commit`` (None: not there)."""
        folder, _, name = path.rpartition("/")
        key = (commit.sha, folder)
        listing = self._folders.get(key)
        if listing is None:
            # A few files of a folder (a file's history, one commit after another) are
            # asked of the running `git cat-file` one by one; many (a whole commit
            # read) with one `git ls-tree` for the folder: a new git process per commit
            # was most of the time `history` took.
            asked = self._asked[key] = self._asked.get(key, 0) + 1
            if asked <= _ONE_BY_ONE and not any(c in path for c in "\n\r\0"):
                return self._header(commit, path)
            listing = {}
            # `-- folder/` lists what is in the folder (nothing when it is not one).
            output = self._run(
                "ls-tree", "-l", "-z", commit.sha, "--", f"{folder}/" if folder else "."
            )
            for entry in output.split("\0"):
                head, _, found = entry.partition("\t")
                fields = head.split()
                if len(fields) == 4 and fields[1] == "blob" and fields[3].isdigit():
                    listing[found.rpartition("/")[2]] = (fields[2], int(fields[3]))
            self._folders[key] = listing
        return listing.get(name)

    def _header(self, commit: Commit, path: str) -> tuple[str, int] | None:
        """The blob id and size of one file, asked of the running `git cat-file`."""
        try:
            sha, kind, size = self._repo.git.get_object_header(f"{commit.sha}:{path}")
        except ValueError:  # git says "missing": there is no such file in the commit
            return None
        except (OSError, self._errors.GitCommandError) as err:
            raise GitError(f"git cannot read {path} in {commit.short}: {err}") from err
        if kind not in (b"blob", "blob"):
            return None  # a folder or a submodule with a record's name: not a file
        return (sha.decode("ascii") if isinstance(sha, bytes) else str(sha)), int(size)

    def _branch_name(self) -> str | None:
        try:
            return self._run("symbolic-ref", "--quiet", "--short", "HEAD") or None
        except GitError:
            return None

    def _run(self, command: str, *args: str) -> str:
        git = self._errors
        try:
            output: str = getattr(self._repo.git, command.replace("-", "_"))(*args)
        except git.GitCommandError as err:
            raise GitError(f"git {command} failed in {self.top}: {_said(err)}") from err
        return output

    def _run_ok(self, command: str, *args: str) -> bool:
        try:
            return bool(self._run(command, *args))
        except GitError:
            return False


def _commit(fields: list[str]) -> Commit:
    sha, when, author, email, subject = fields
    return Commit(sha, datetime.fromisoformat(when), author, email, subject)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Close the pipes of a `git cat-file` and wait for it to end."""
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()
    process.wait()


def _headers(raw: str) -> list[str]:
    """The header lines of a commit object (before its message)."""
    return raw.partition("\n\n")[0].split("\n")


def _parsed_commit(sha: str, raw: str) -> Commit:
    """The commit ``sha`` from its object's text, as ``_LOG_FORMAT`` gives it: the
    author's name, e-mail and date (``%aI``), and the subject (``%s``: the message's
    first paragraph on one line)."""
    author = next((line[7:] for line in _headers(raw) if line.startswith("author ")), "")
    name, _, rest = author.partition(" <")
    email, _, stamp = rest.partition("> ")
    seconds, _, offset = stamp.partition(" ")
    sign = -1 if offset.startswith("-") else 1
    minutes = int(offset[1:3] or 0) * 60 + int(offset[3:5] or 0)
    zone = timezone(sign * timedelta(minutes=minutes))
    when = datetime.fromtimestamp(int(seconds or 0), zone)
    message = raw.partition("\n\n")[2].lstrip("\n")
    subject = " ".join(line.strip() for line in message.partition("\n\n")[0].splitlines())
    return Commit(sha, when, name, email, subject)


def _name_status(fields: Iterable[str]) -> Iterator[FileChange]:
    """``git diff --name-status -z`` output, one change at a time: a status letter (with
    a similarity score for a rename or copy), then one path, or two for a rename."""
    items = iter(fields)
    for code in items:
        if not code:
            continue
        status = _STATUS.get(code[0])
        first = next(items, "")
        if code[0] in "RC":
            second = next(items, "")
            if status == "renamed":
                yield FileChange("renamed", second, first)
            else:
                yield FileChange("added", second, None)
        elif status == "removed":
            yield FileChange("removed", None, first)
        elif status is not None:
            yield FileChange(status, first, first if status == "modified" else None)
