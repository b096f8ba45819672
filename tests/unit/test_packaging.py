"""The oldest versions CI installs (.ci/oldest.txt) are exactly the lower bounds
pyproject.toml declares, so the run with the oldest versions tests what eqdiv
promises to work with."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import PROJECT

BOUND = re.compile(r"^([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)$")
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([0-9][0-9.]*)$")


def name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def release(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_the_oldest_versions_are_the_declared_lower_bounds() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    bounds = {}
    for requirement in declared:
        found = BOUND.match(requirement)
        if found:
            bounds[name(found[1])] = release(found[2])
    pins = {}
    for line in (PROJECT / ".ci" / "oldest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found = PIN.match(line.strip())
            assert found, f".ci/oldest.txt: {line!r} is not NAME==VERSION"
            pins[name(found[1])] = release(found[2])
    assert len(bounds) >= 10
    assert pins == bounds
