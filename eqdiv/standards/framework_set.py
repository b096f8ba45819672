"""The frameworks in force for a records repository: the shipped ESLG 2007 and EFLG 2021
(``frameworks/`` in eqdiv's data), each replaced by a repository's own ``kind:
framework`` record with the same id, and the crosswalk from ESLG elements to EFLG."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from eqdiv.model.errors import EqdivError
from eqdiv.model.findings import Location
from eqdiv.model.framework_records import FrameworkRecord
from eqdiv.model.frameworks import (
    Crosswalk,
    Framework,
    FrameworkError,
    parse_crosswalk,
    parse_framework,
)
from eqdiv.model.resources import framework_dir
from eqdiv.store.repository import Repository

SHIPPED = ("eslg-2007", "eflg-2021")
CROSSWALK = "crosswalk"


@dataclass(frozen=True, slots=True)
class FrameworkProblem:
    """A repository framework that could not be read: the shipped one stays in force."""

    message: str
    location: Location


@dataclass(frozen=True, slots=True)
class FrameworkSet:
    frameworks: tuple[Framework, ...]
    crosswalk: Crosswalk
    problems: tuple[FrameworkProblem, ...]

    def get(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.frameworks)


def _read(name: str) -> dict[str, object]:
    path = framework_dir() / f"{name}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise EqdivError(
            f"eqdiv's built-in framework {path} cannot be read: {err}.",
            "Reinstall eqdiv: the frameworks ship with the package.",
        ) from err
    if not isinstance(data, dict):
        raise EqdivError(f"eqdiv's built-in framework {path} is not a framework.")
    return data


@cache
def shipped() -> tuple[tuple[Framework, ...], Crosswalk]:
    """The frameworks and crosswalk eqdiv ships, read once per run."""
    try:
        frameworks = tuple(parse_framework(_read(n), f"{n}.yaml") for n in SHIPPED)
        return frameworks, parse_crosswalk(_read(CROSSWALK), f"{CROSSWALK}.yaml")
    except FrameworkError as err:
        raise EqdivError(str(err), "Reinstall eqdiv: the frameworks ship with it.") from err


def framework_set(repo: Repository) -> FrameworkSet:
    frameworks, crosswalk = shipped()
    chosen = {f.id: f for f in frameworks}
    problems: list[FrameworkProblem] = []
    record: FrameworkRecord
    for record in repo.of_kind("framework"):
        try:
            chosen[record.id] = parse_framework(record.data, record.location.path)
        except FrameworkError as err:
            problems.append(FrameworkProblem(str(err), record.location))
    return FrameworkSet(tuple(chosen.values()), crosswalk, tuple(problems))
