"""Saving changed records to git, for people who do not use git (``eqdiv serve``).

``pending_changes`` says which record files differ from the last commit, and whether
the work tree is in a state a commit may be made in; ``commit_records`` commits the
files a person chose, with their message and name. Only those files go into the
commit: it refuses while a merge or rebase is unfinished, while files have conflicts,
and while other changes are already staged (they would be committed with the
person's). It never pushes and runs no hooks: the commit stays on this computer until
someone who looks after the repository shares it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.model.errors import UsageError
from eqdiv.model.json_parts import envelope
from eqdiv.store.gitrepo import Commit, FileChange, GitError, WorkingState, open_repository

# A commit message's first line, as git tools show it, and the whole message.
MAX_MESSAGE = 5000
MAX_NAME = 200


@dataclass(frozen=True, slots=True)
class ChangedFile:
    """A record file that differs from the last commit; paths relative to the records
    repository (``old_path`` where a renamed or deleted file was)."""

    status: str
    path: str | None
    old_path: str | None

    @property
    def key(self) -> str:
        """The path a person chooses it by: where it is now, or where it was."""
        return self.path or self.old_path or ""


@dataclass(frozen=True)
class PendingChanges:
    root: Path
    head: Commit
    files: tuple[ChangedFile, ...]
    state: WorkingState
    identity: tuple[str, str]  # git's configured name and e-mail ("" when unset)

    def blockers(self) -> list[str]:
        """Why no commit can be made now, in words (empty: one can)."""
        said = []
        if self.state.operation:
            said.append(
                f"The repository is in the middle of {self.state.operation}, so eqdiv will "
                "not commit. Ask whoever looks after the repository to finish it "
                "(`git status` says how)."
            )
        if self.state.unmerged:
            said.append(
                "These files have merge conflicts: "
                + ", ".join(self.state.unmerged)
                + ". Ask whoever looks after the repository to resolve them first."
            )
        if self.state.branch is None:
            said.append(
                "No branch is checked out (git calls this a detached HEAD), so a commit "
                "would be easy to lose. Ask whoever looks after the repository to check "
                "out a branch."
            )
        return said


@dataclass(frozen=True)
class CommitOutcome:
    root: Path
    as_of: date
    commit: Commit
    paths: tuple[str, ...]
    branch: str

    def to_dict(self) -> dict[str, Any]:
        return {
            **envelope("commit", str(self.root), self.as_of.isoformat()),
            "commit": self.commit.sha,
            "branch": self.branch,
            "message": self.commit.subject,
            "author": {"name": self.commit.author, "email": self.commit.email},
            "paths": list(self.paths),
        }


def pending_changes(root: Path) -> PendingChanges:
    """The record files under ``root`` that differ from the last commit (new files
    git does not track yet included), and the work tree's state."""
    with open_repository(root) as git:
        head = git.head()
        under = git.relative(root)
        found = git.changes(head, None, under)
        return PendingChanges(
            root=root,
            head=head,
            files=tuple(_inside(change, under) for change in found),
            state=git.working_state(),
            identity=git.identity(),
        )


def commit_records(
    root: Path,
    chosen: Sequence[str],
    message: str,
    author: tuple[str, str],
    as_of: date,
) -> CommitOutcome:
    """Commit the changed files ``chosen`` (paths relative to ``root``, each one that
    ``pending_changes`` lists) with ``message``, by ``author`` (name, e-mail)."""
    text = "\n".join(line.rstrip() for line in message.strip().splitlines())
    if not text:
        raise UsageError(
            "Write a message saying what changed and why.",
            "For example: 'Action 1d moved to December, agreed at the October meeting'.",
        )
    if len(text) > MAX_MESSAGE:
        raise UsageError(f"The message is longer than {MAX_MESSAGE} characters.")
    name, email = (part.strip() for part in author)
    if not name or not email or "\n" in name + email or "<" in name + email:
        raise UsageError(
            "Say who is making the commit: a name and an e-mail address.",
            "The settings page keeps them for this session.",
        )
    if len(name) > MAX_NAME or len(email) > MAX_NAME:
        raise UsageError(f"A name or e-mail address is longer than {MAX_NAME} characters.")
    pending = pending_changes(root)
    blockers = pending.blockers()
    if blockers:
        raise GitError(" ".join(blockers))
    by_key = {f.key: f for f in pending.files}
    if not chosen:
        raise UsageError("Choose at least one changed file to commit.")
    unknown = [p for p in chosen if p not in by_key]
    if unknown:
        raise UsageError(
            f"{unknown[0]} has no change to commit: it may have been committed meanwhile.",
            "Reload the page to see what is still to commit.",
        )
    with open_repository(root) as git:
        under = git.relative(root)
        paths = sorted(
            {
                _top(p, under)
                for key in dict.fromkeys(chosen)
                for p in (by_key[key].path, by_key[key].old_path)
                if p is not None
            }
        )
        others = [p for p in pending.state.staged if p not in paths]
        if others:
            raise GitError(
                "Other changes are already staged for the next commit ("
                + ", ".join(others[:5])
                + (" ..." if len(others) > 5 else "")
                + "): eqdiv will not commit them with yours.",
                "Ask whoever staged them to commit or unstage them (`git restore --staged`).",
            )
        made = git.commit_paths(paths, text, (name, email))
    branch = pending.state.branch or ""
    return CommitOutcome(root, as_of, made, tuple(dict.fromkeys(chosen)), branch)


def _inside(change: FileChange, under: str) -> ChangedFile:
    prefix = f"{under}/" if under else ""
    return ChangedFile(
        change.status,
        change.path.removeprefix(prefix) if change.path else None,
        change.old_path.removeprefix(prefix) if change.old_path else None,
    )


def _top(path: str, under: str) -> str:
    return f"{under}/{path}" if under else path
