"""``eqdiv init``: a new records repository, ready to use.

It holds the configuration, a people directory, a folder for each kind of record with
a short README, a pre-commit hook and a CI workflow that run eqdiv, and (in a folder
that is not already under git) a git repository with a first commit. It never writes
over anything: a folder that already holds a records repository, or any of the files
init would write, is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import Any

from eqdiv import __version__
from eqdiv.authoring.naming import FOLDERS, slug
from eqdiv.model.errors import EqdivError, UsageError
from eqdiv.model.json_parts import envelope
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.model.strands import BUILT_IN_SETS
from eqdiv.store import gitrepo
from eqdiv.store.atomic_write import write_atomic
from eqdiv.yamlio.writer import scalar

STRAND_SETS = tuple(BUILT_IN_SETS)  # the named sets; a custom set is written by hand
DEFAULT_NAME = "Equality and Diversity Partnership"
DEFAULT_ORGANISATION = "Lead partner organisation"
DEFAULT_STRANDS = "equality-act-2010"

# Repository path -> the template it is made from (in eqdiv/skeletons/repository).
_FILES = {
    CONFIG_FILE: "eqdiv.yaml",
    "people.yaml": "people.yaml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/eqdiv.yml": "github-workflow.yml",
    **{f"{folder}/README.md": f"README-{folder}.md" for folder in FOLDERS.values() if folder},
}


@dataclass(frozen=True)
class Settings:
    """What the user chose: the partnership's name, its strand set and the first
    partner organisation."""

    name: str = DEFAULT_NAME
    strand_set: str = DEFAULT_STRANDS
    organisation: str = DEFAULT_ORGANISATION
    # Where the CI workflow installs eqdiv from (``--ci-install``): a git URL pinned to
    # a tag or commit, or a wheel file in the repository. None: the wheels folder.
    ci_install: str | None = None


@dataclass(frozen=True)
class InitResult:
    """What was made: the repository's folder, its files, and what happened in git
    (``commit`` is the first commit's id; ``enclosing`` the work tree it joined)."""

    root: Path
    files: tuple[str, ...]
    commit: str | None
    enclosing: Path | None


@dataclass(frozen=True)
class InitOutcome:
    """``eqdiv init``'s result with the settings it was made with."""

    settings: Settings
    result: InitResult

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv init --format json``."""
        result = self.result
        return {
            **envelope("init", str(result.root), None),
            "files": list(result.files),
            "commit": result.commit,
            "enclosing_git": str(result.enclosing) if result.enclosing else None,
        }


@dataclass(frozen=True)
class Question:
    """A setting ``eqdiv init`` asks for on a terminal, with the answer Enter gives."""

    name: str
    question: str
    default: str


QUESTIONS = (
    Question("name", "The partnership's name", DEFAULT_NAME),
    Question("strand_set", "Equality strands (equality-act-2010 or six-strands)", DEFAULT_STRANDS),
    Question("organisation", "The first partner organisation", DEFAULT_ORGANISATION),
)


def init_repository(
    target: Path,
    given: Mapping[str, str | None],
    *,
    ask: Callable[[Question], str] | None = None,
    use_defaults: bool = False,
    git: bool = True,
    ci_install: str | None = None,
) -> InitOutcome:
    """``eqdiv init``: the settings ``given`` (by Question name; None is not given),
    then ``ask``'s answers when a person is there to answer, then the defaults. With
    neither ``ask`` nor ``use_defaults`` the partnership's name must be given.
    ``ci_install`` is where the CI workflow installs eqdiv from (``Settings``)."""
    if ask is None and not use_defaults and given.get("name") is None:
        raise UsageError(
            "eqdiv init needs the partnership's name: give --name NAME, or --yes to use "
            "the defaults."
        )
    chosen = {
        q.name: given.get(q.name) or (ask(q) if ask else None) or q.default for q in QUESTIONS
    }
    settings = Settings(
        name=" ".join(chosen["name"].split()),
        strand_set=chosen["strand_set"],
        organisation=" ".join(chosen["organisation"].split()),
        ci_install=ci_install,
    )
    return InitOutcome(settings, create_repository(target, settings, git=git))


def repository_files(settings: Settings) -> dict[str, str]:
    """The files of a new repository, by path: pure, for tests and --dry-run alike."""
    if settings.strand_set not in STRAND_SETS:
        raise UsageError(
            f"'{settings.strand_set}' is not a strand set eqdiv knows.",
            f"Choose {' or '.join(STRAND_SETS)}; a custom set is listed in eqdiv.yaml by hand.",
        )
    values = {
        "id": slug(settings.name) or "partnership",
        "name": scalar(settings.name),
        "strand_set": settings.strand_set,
        "organisation": scalar(settings.organisation),
        "organisation_id": slug(settings.organisation, max_words=3) or "lead",
        "version": __version__,
        **ci_install_values(settings.ci_install),
    }
    return {path: skeleton(f"repository/{name}", values) for path, name in _FILES.items()}


# Where the workflow looks for eqdiv's wheel when no --ci-install is given.
WHEELS = "ci/wheels"


def ci_install_values(spec: str | None) -> dict[str, str]:
    """The workflow's install steps for ``spec`` (see ``Settings.ci_install``; None is
    eqdiv's wheel in ``ci/wheels``). A spec that would install eqdiv from a public index
    (``eqdiv==0.1.0``) is refused: whoever publishes a package under that name there
    would run in the partnership's CI."""
    spec = (spec or default_wheel()).strip()
    pinned_git = spec.startswith("git+") and "@" in spec.split("://", 1)[-1].rsplit("/", 1)[-1]
    wheel = spec.endswith(".whl") and "://" not in spec and not spec.startswith("/")
    if not (pinned_git or wheel) or any(c in spec for c in "\\\"'`$ \n"):
        raise UsageError(
            f"--ci-install '{spec}' is not a source the partnership controls.",
            "Give a git URL pinned to a tag or commit (git+https://git.example.org/eqdiv.git"
            f"@v{__version__}) or the path of a wheel inside the records repository "
            f"({default_wheel()}). A bare name or version installs from a public index, "
            "where anyone can publish a package called eqdiv.",
        )
    steps = ""
    if wheel:  # say what is missing, rather than pip's "file not found"
        steps += (
            f"      - run: test -f {spec} || {{ echo '::error::Commit the eqdiv wheel as {spec}, "
            "or change this workflow to install it from where the partnership keeps it.'; "
            "exit 1; }\n"
        )
    steps += f'      - run: python -m pip install "{spec}"\n'
    return {"source": spec, "install_steps": steps}


def default_wheel() -> str:
    return f"{WHEELS}/eqdiv-{__version__}-py3-none-any.whl"


def skeleton(name: str, values: dict[str, str]) -> str:
    """A template from eqdiv/skeletons with ``$placeholders`` filled in."""
    text = files("eqdiv").joinpath("skeletons", name).read_text(encoding="utf-8")
    return Template(text).substitute(values)


def create_repository(target: Path, settings: Settings, *, git: bool = True) -> InitResult:
    """Write a new records repository in ``target`` (made if need be), and with ``git``
    start a git repository there with a first commit. Refuses to overwrite anything."""
    target = target.resolve()
    _refuse_existing(target)
    contents = repository_files(settings)
    clashes = sorted(path for path in contents if (target / path).exists())
    if clashes:
        raise EqdivError(
            f"{target} already has {', '.join(clashes)}; eqdiv init does not overwrite files.",
            "Move them aside, or start the repository in a new folder.",
        )
    enclosing = gitrepo.work_tree_of(target) if git else None
    for path, text in contents.items():
        write_atomic(target / path, text.encode("utf-8"), new=True)
    commit = None
    if git and enclosing is None:
        gitrepo.init_repository(target)
        commit = gitrepo.commit(
            target, sorted(contents), "Start the records repository (eqdiv init)"
        )
    return InitResult(target, tuple(sorted(contents)), commit, enclosing)


def _refuse_existing(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder.", "Name a folder for the repository.")
    for folder in (target, *target.parents):
        if (folder / CONFIG_FILE).is_file():
            where = "is already" if folder == target else f"is inside {folder}, which is"
            raise EqdivError(
                f"{target} {where} a records repository (it has {CONFIG_FILE}); eqdiv init "
                "will not overwrite it.",
                "Add records to it with eqdiv new, or start a new repository in another folder.",
            )
