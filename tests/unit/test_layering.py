"""The layering rules of docs/design.md, held by reading the package's imports.

1. Domain types use the standard library only.
2. The core never imports typer, rich, click or jinja2, never prints, exits or reads
   the clock.
3. One module talks to git; one sets up Jinja; only the output layer and the command
   line use rich; only the command line uses typer.
4. Nothing imports the command line.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator

import pytest

from tests.conftest import PROJECT

PACKAGE = PROJECT / "eqdiv"

DOMAIN = {"errors", "locate", "findings", "document", "records", "dates", "strands", "suggest"}
DOMAIN_PACKAGES = {"model"}
EDGES = ("cli", "output")  # packages allowed to touch the terminal
GIT_MODULES = {"eqdiv.store.gitrepo"}
JINJA_MODULES = {"eqdiv.report.templating"}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"), str(path))


def imports(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def top(module: str) -> str:
    return module.split(".")[0]


def is_edge(name: str) -> bool:
    return any(name == f"eqdiv.{edge}" or name.startswith(f"eqdiv.{edge}.") for edge in EDGES)


def is_domain(name: str) -> bool:
    parts = name.split(".")
    return (len(parts) == 2 and parts[1] in DOMAIN) or (
        len(parts) >= 2 and parts[1] in DOMAIN_PACKAGES
    )


ALL = list(modules())


def test_package_is_read() -> None:
    assert len(ALL) > 20


@pytest.mark.parametrize(
    ("name", "tree"),
    [m for m in ALL if is_domain(m[0])],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_domain_types_use_the_standard_library_only(name: str, tree: ast.Module) -> None:
    for module in imports(tree):
        if top(module) == "eqdiv":
            assert is_domain(module) or module == "eqdiv", f"{name} imports {module}"
        else:
            assert top(module) in sys.stdlib_module_names, f"{name} imports {module}"


@pytest.mark.parametrize(
    ("name", "tree"),
    [m for m in ALL if not is_edge(m[0])],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_core_does_not_touch_the_terminal(name: str, tree: ast.Module) -> None:
    if name == "eqdiv.__main__":
        return
    for module in imports(tree):
        assert top(module) not in {"typer", "rich", "click"}, f"{name} imports {module}"


@pytest.mark.parametrize(
    ("name", "tree"),
    [m for m in ALL if not is_edge(m[0])],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_core_never_prints_exits_or_reads_the_clock(name: str, tree: ast.Module) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                assert func.id not in {"print", "exit", "quit", "input"}, (
                    f"{name} calls {func.id}()"
                )
            if isinstance(func, ast.Attribute):
                assert func.attr not in {"today", "now", "utcnow"}, (
                    f"{name} reads the clock ({func.attr})"
                )
                if isinstance(func.value, ast.Name) and func.value.id == "sys":
                    assert func.attr != "exit", f"{name} calls sys.exit"


def test_only_the_command_line_uses_typer() -> None:
    users = {name for name, tree in ALL if any(top(m) == "typer" for m in imports(tree))}
    assert users and all(name.startswith("eqdiv.cli") for name in users), users


def test_rich_only_at_the_edges() -> None:
    users = {name for name, tree in ALL if any(top(m) == "rich" for m in imports(tree))}
    assert all(is_edge(name) for name in users), users


def test_one_module_talks_to_git() -> None:
    users = {name for name, tree in ALL if any(top(m) == "git" for m in imports(tree))}
    assert users <= GIT_MODULES, users


def test_one_module_sets_up_jinja() -> None:
    users = {name for name, tree in ALL if any(top(m) == "jinja2" for m in imports(tree))}
    assert users <= JINJA_MODULES, users


def test_nothing_imports_the_command_line() -> None:
    for name, tree in ALL:
        if name.startswith("eqdiv.cli") or name == "eqdiv.__main__":
            continue
        assert not any(m.startswith("eqdiv.cli") for m in imports(tree)), name


def test_no_blind_except() -> None:
    for name, tree in ALL:
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler):
                assert node.type is not None, f"bare except in {name}"
                assert not (
                    isinstance(node.type, ast.Name)
                    and node.type.id in {"Exception", "BaseException"}
                ), name
