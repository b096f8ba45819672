"""The one module that talks to git (through GitPython).

Records live in git: the history is the audit trail. Everything eqdiv does with git
goes through the functions here, so that git's errors become eqdiv's plain messages
and the rest of eqdiv never depends on how GitPython is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from eqdiv.errors import EqdivError


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
            "Install git (https://git-scm.com), or use --no-git and set up git yourself.",
        ) from err
    return git


def work_tree_of(path: Path) -> Path | None:
    """The top folder of the git work tree that holds ``path`` (which need not exist
    yet), or None when it is not inside one."""
    git = _git()
    existing = path.resolve()
    while not existing.exists():
        existing = existing.parent
    try:
        repo = git.Repo(existing, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    top = repo.working_tree_dir
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
        repo = git.Repo(root)
        repo.git.add("--", *paths)  # git itself: it knows .gitattributes and line endings
        made: Any = repo.index.commit(message)
    except (git.GitCommandError, ValueError, OSError) as err:
        raise GitError(f"git could not commit the new files in {root}: {_said(err)}") from err
    return str(made.hexsha)


def _said(err: Exception) -> str:
    stderr = getattr(err, "stderr", "") or str(err)
    return " ".join(str(stderr).split()).removeprefix("stderr: ").strip("'\" ")
