"""Shared test helpers: build records repositories from inline text, run the CLI."""

from __future__ import annotations

import gc
import os
import shutil
import textwrap
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from eqdiv.checks.validation import ValidationResult, validate
from eqdiv.cli.app import app
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import Repository, load_repository

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
BUNDLED = PROJECT / "records"
GOLDEN = TESTS / "golden"  # golden outputs, and tests/golden/test_golden.py
CASES = TESTS / "cases"  # positive/ and negative/ record files
DATA = TESTS / "data"  # input files (the seed's action plan as CSV)
AS_OF = date(2007, 10, 15)
# Plain text at 80 columns, whatever the terminal running the tests.
TEXT_80 = {"NO_COLOR": "1", "COLUMNS": "80"}
# The seed's ongoing actions, reviewed at its October 2007 team meeting.
OCTOBER_REVIEWS = "1a 1b 1c 2c 2d 3a 3b 3c 4a 4b 4c 4d 4e 4f".split()  # noqa: SIM905

# Hostile input (tests/unit/test_hostile_properties.py): CI=1 selects the profile that
# tries more than 10,000 generated examples across those tests, in a few minutes; a
# developer's run tries a quick sample. Timings are never asserted (deadline=None):
# work is held to eqdiv's bounds instead, and speed is measured in bench/.
# A loaded CI machine can make generating examples slow: that says nothing about eqdiv,
# so the health checks about generation speed and size do not fail the run.
settings.register_profile(
    "hostile-ci",
    max_examples=3400,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("hostile-dev", max_examples=100, deadline=None)
settings.register_profile(
    "hostile", settings.get_profile("hostile-ci" if os.environ.get("CI") == "1" else "hostile-dev")
)
# The environment commands run in with hostile records: plain text, no cache.
HOSTILE = {"NO_COLOR": "1", "EQDIV_NO_CACHE": "1", "COLUMNS": "100"}

MINIMAL_CONFIG = """\
kind: config
id: test-partnership
partnership:
  name: Test Partnership
  partners:
    - id: council
      name: Test Council
strands:
  set: six-strands
  local_groups:
    - id: carers
      label: Carers
"""

MINIMAL_PEOPLE = """\
kind: people
id: people
people:
  - id: DH
    role: Service Manager
    organisation: council
  - id: QA
    role: Equality Officer
    organisation: council
"""


def format_options(typer_app: typer.Typer = app) -> dict[str, type]:
    """Each command's ``--format`` type (its output family's enum), by command as typed
    ("eia score", "report annual" ...)."""
    found: dict[str, type] = {}

    def walk(group: Any, prefix: str) -> None:
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")
                continue
            for param in command.params:
                if "--format" in param.opts:
                    found[prefix + name] = param.type_descriptor.annotation

    walk(typer.main.get_command(typer_app), "")
    return found


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def matches_golden(name: str, text: str) -> None:
    """``text`` equals ``tests/golden/NAME``. EQDIV_UPDATE_GOLDEN=1 rewrites the file
    instead: then read the diff before committing it."""
    path = GOLDEN / name
    if os.environ.get("EQDIV_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def copy_bundled(target: Path) -> Path:
    """A copy of the bundled example records at ``target``, without any cache."""
    return Path(shutil.copytree(BUNDLED, target, ignore=shutil.ignore_patterns(".eqdiv-cache")))


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (path -> text or bytes) under ``root``; text is dedented."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(dedent(content), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def outside_any_git_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests build git repositories of their own. Run under a git hook or `git rebase
    --exec`, git's environment (GIT_DIR above all) would point their `git init` at
    this project's own repository instead, and turn it bare."""
    for name in list(os.environ):
        if name.startswith("GIT_") and name not in ("GIT_CONFIG_NOSYSTEM",):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def without_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run without eqdiv's cache, so a result never comes from an earlier test;
    tests/unit/test_cache.py turns it on and compares."""
    monkeypatch.setenv("EQDIV_NO_CACHE", "1")


@pytest.fixture(scope="session")
def schemas() -> SchemaSet:
    return SchemaSet.load()


@dataclass
class RepoBuilder:
    root: Path
    schemas: SchemaSet

    def write(self, files: Mapping[str, str | bytes]) -> RepoBuilder:
        write_tree(self.root, files)
        return self

    def load(self) -> Repository:
        return load_repository(self.root, self.schemas)

    def validate(self, as_of: date = AS_OF) -> ValidationResult:
        return validate(self.load(), as_of)

    def findings(self, as_of: date = AS_OF) -> list[str]:
        """Findings as ``path:line:col: severity code message`` strings."""
        return [str(f) for f in self.validate(as_of).findings]


@pytest.fixture(autouse=True)
def _collector_unfrozen() -> Iterator[None]:
    """A command run in-process sets what it loaded aside from the garbage collector
    (``gc.freeze()`` in eqdiv.cli.loading, right for a process that ends with the
    command). In the test process that breaks Hypothesis 6.100, the oldest release
    allowed (any later
    @given test fails as "Flaky" in the oldest releases CI runs): put it back."""
    yield
    gc.unfreeze()


@pytest.fixture
def repo(tmp_path: Path, schemas: SchemaSet) -> RepoBuilder:
    """A minimal valid records repository (config and people) to add records to."""
    root = tmp_path / "records"
    write_tree(root, {"eqdiv.yaml": MINIMAL_CONFIG, "people.yaml": MINIMAL_PEOPLE})
    return RepoBuilder(root, schemas)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``eqdiv ARGS...`` in-process from a given folder (default: the project)."""

    def run(*args: str, cwd: Path = PROJECT, env: Mapping[str, str] | None = None) -> CliResult:
        monkeypatch.chdir(cwd)
        runner = CliRunner()
        result = runner.invoke(app, list(args), env=dict(env or {}), catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield


def environ_without_color() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR",)}
    env["NO_COLOR"] = "1"
    return env


def documentation() -> str:
    """Everything a user can read: the README and every page of docs/ (the reference is
    in docs/reference/)."""
    pages = [PROJECT / "README.md", *sorted((PROJECT / "docs").rglob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages)
