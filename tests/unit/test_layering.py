"""The layering of docs/architecture.md, held by reading the package's imports.

Every import counts, wherever it is: at the top of a module, inside a function, under
``if TYPE_CHECKING:``, absolute or relative. With them:

1. Packages sit in RANKS, bottom to top. A module may import its own package and the
   packages below it; packages sharing a rank do not import each other.
2. No import cycle between modules, at any depth.
3. The domain (``model``) uses the standard library only.
4. The core (everything below the edges) never imports typer, rich or click, never
   prints, exits or reads the clock.
5. One module talks to git; one sets up Jinja; only the edges use rich; only the
   command line uses typer; nothing imports the command line.
6. The package root holds at most three modules, and a file name is used once in the
   package, except for the parallel concepts in PARALLEL.
7. A function-level import is there for start-up speed, and its module says so.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT

PACKAGE = PROJECT / "eqdiv"

# Bottom to top. "eqdiv" is the package's own __init__ (the version, nothing else);
# "api" and "__main__" are the two other root modules. Packages in one rank are
# independent of each other. Where new code goes: docs/architecture.md.
RANKS: list[tuple[str, ...]] = [
    ("eqdiv",),  # the version
    ("model",),  # the domain, standard library only
    ("yamlio",),  # YAML in and out
    ("schema",),  # the JSON Schemas of the record kinds
    ("store",),  # the records repository, the caches, git
    ("actions", "eia"),  # actions on a day; EIA quality
    ("figures",),  # what may be published about people, suppressed
    ("standards",),  # equality frameworks and the evidence rules
    ("checks",),  # cross-record checks and `validate`
    ("registers",),  # registers of contracts and agreements, with what needs doing
    ("status", "review", "authoring", "export"),  # the features
    ("report",),  # reports, and the one Jinja environment
    ("api",),  # the public Python API (eqdiv/api.py)
    ("output",),  # edge: terminal, Markdown, HTML, CSV, CI formats
    ("web",),  # edge: `eqdiv serve`
    ("cli",),  # edge: the command line
    ("__main__",),  # `python -m eqdiv`
]
EDGES = frozenset({"output", "web", "cli", "__main__"})
RESERVED: frozenset[str] = frozenset()  # ranked, not written yet
ROOT_MODULES = frozenset({"__init__", "__main__", "api"})
GIT_MODULES = frozenset({"eqdiv.store.gitrepo"})
JINJA_MODULES = frozenset({"eqdiv.report.templating"})

# File names that recur on purpose: one concept in parallel layers, each module in a
# package of its own. Any other repeated name is a module that does not say what it is.
PARALLEL: dict[str, frozenset[str]] = {
    # a record kind or domain idea (model/) and the cross-record checks on it (checks/)
    "cases": frozenset({"model", "checks"}),
    "categories": frozenset({"model", "checks"}),
    "contracts": frozenset({"model", "checks"}),
    "dates": frozenset({"model", "checks"}),
    "indicators": frozenset({"model", "checks"}),
    "outcomes": frozenset({"model", "checks"}),
    "rubric": frozenset({"model", "checks"}),
    "sharing": frozenset({"model", "checks"}),
    "workforce": frozenset({"model", "checks"}),
    "strands": frozenset({"model", "checks"}),
    # a screen's words (model/blocks) and their drawing in the terminal (output/blocks)
    "blocks": frozenset({"model", "output"}),
    # a result worked out in the core, and its writers at the edge
    "coverage": frozenset({"figures", "output"}),
    "findings": frozenset({"model", "output"}),
    "census_import": frozenset({"authoring", "output"}),
    "history": frozenset({"review", "output"}),
}

LAZY_NOTE = "# Lazy imports:"


@dataclass(frozen=True)
class Module:
    name: str  # eqdiv.store.repository
    path: Path
    tree: ast.Module

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    @property
    def package(self) -> str:
        """The rank-table entry this module belongs to."""
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 else "eqdiv"


def read_package(root: Path) -> dict[str, Module]:
    found: dict[str, Module] = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).with_suffix("")
        name = ".".join(relative.parts).removesuffix(".__init__")
        found[name] = Module(name, path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return found


MODULES = read_package(PACKAGE)


def absolute(module: Module, node: ast.ImportFrom) -> str:
    """The module an ``ImportFrom`` names, relative imports resolved."""
    if node.level == 0:
        return node.module or ""
    base = module.name.split(".")
    if not module.is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported(module: Module, known: Mapping[str, object]) -> set[str]:
    """Every module ``module`` imports, anywhere in it. ``from pkg import name`` is an
    import of ``pkg.name`` when that is a module, else of ``pkg``."""
    found: set[str] = set()
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = absolute(module, node)
            for alias in node.names:
                full = f"{source}.{alias.name}"
                found.add(full if full in known else source)
    return found


def graph(modules: Mapping[str, Module]) -> dict[str, set[str]]:
    """eqdiv's own imports: module -> the eqdiv modules it imports."""
    return {
        name: {m for m in imported(module, modules) if m in modules and m != name}
        for name, module in modules.items()
    }


def find_cycle(edges: Mapping[str, set[str]]) -> list[str] | None:
    """One import cycle (``[a, b, ..., a]``), or None when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def rank_of(package: str) -> int:
    for index, rank in enumerate(RANKS):
        if package in rank:
            return index
    raise AssertionError(f"eqdiv/{package} is not in the rank table (RANKS)")


def climbs(importer: str, target: str) -> bool:
    """Whether a module of package ``importer`` may not import package ``target``."""
    if importer == target:
        return False
    return rank_of(target) >= rank_of(importer)


def top(module: str) -> str:
    return module.split(".")[0]


EDGES_OF = graph(MODULES)


def test_package_is_read() -> None:
    assert len(MODULES) > 100
    assert "eqdiv.store.repository" in EDGES_OF["eqdiv.checks.validation"]


# The detectors on made-up graphs: a test that could not fail would prove nothing.


def test_the_cycle_detector_finds_a_cycle() -> None:
    made_up = {
        "eqdiv.store.repository": {"eqdiv.store.workers", "eqdiv.model.findings"},
        "eqdiv.store.workers": {"eqdiv.store.codec"},
        "eqdiv.store.codec": {"eqdiv.store.repository"},
        "eqdiv.model.findings": set(),
    }
    assert find_cycle(made_up) == [
        "eqdiv.store.codec",
        "eqdiv.store.repository",
        "eqdiv.store.workers",
        "eqdiv.store.codec",
    ]
    assert find_cycle({"a": {"a"}}) == ["a", "a"]
    made_up["eqdiv.store.codec"] = {"eqdiv.model.findings"}
    assert find_cycle(made_up) is None


def test_every_kind_of_import_is_an_edge() -> None:
    source = """
from __future__ import annotations
from typing import TYPE_CHECKING
from eqdiv.model.findings import Finding
from . import workers
from .codec import decode
import eqdiv.yamlio.loader
if TYPE_CHECKING:
    from eqdiv.checks.validation import ValidationResult
def later():
    from eqdiv.cli import app
"""
    module = Module("eqdiv.store.made_up", PACKAGE / "store" / "made_up.py", ast.parse(source))
    assert {m for m in imported(module, MODULES) if top(m) == "eqdiv"} == {
        "eqdiv.model.findings",
        "eqdiv.store.workers",
        "eqdiv.store.codec",
        "eqdiv.yamlio.loader",
        "eqdiv.checks.validation",
        "eqdiv.cli.app",
    }


def test_the_rank_check_refuses_a_climb() -> None:
    assert climbs("store", "checks")  # store is below checks
    assert climbs("status", "review")  # one rank: independent of each other
    assert climbs("model", "eqdiv") is False and climbs("cli", "model") is False
    with pytest.raises(AssertionError, match="not in the rank table"):
        rank_of("gadgets")


# The rules, on eqdiv itself.


def test_no_import_cycles() -> None:
    cycle = find_cycle(EDGES_OF)
    assert cycle is None, " -> ".join(cycle or [])


def test_imports_point_down_the_rank_table() -> None:
    climbing = [
        f"{name} imports {target}"
        for name, targets in EDGES_OF.items()
        for target in sorted(targets)
        if climbs(MODULES[name].package, MODULES[target].package)
    ]
    assert climbing == []


def test_every_package_is_ranked() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    ranked = {package for rank in RANKS for package in rank}
    roots = {"eqdiv", *(m.removesuffix(".py") for m in ROOT_MODULES - {"__init__"})}
    assert packages == ranked - roots - RESERVED


def test_the_root_holds_at_most_three_modules() -> None:
    roots = {p.stem for p in PACKAGE.glob("*.py")}
    assert roots <= ROOT_MODULES and len(roots) <= 3, roots


def test_file_names_say_what_a_module_is() -> None:
    by_name: dict[str, set[str]] = {}
    for module in MODULES.values():
        if not module.is_package:
            by_name.setdefault(module.path.stem, set()).add(module.package)
    reused = {name: packages for name, packages in by_name.items() if len(packages) > 1}
    assert {n: frozenset(p) for n, p in reused.items()} == PARALLEL


@pytest.mark.parametrize("name", [n for n, m in MODULES.items() if m.package == "model"], ids=str)
def test_the_model_uses_the_standard_library_only(name: str) -> None:
    for target in imported(MODULES[name], MODULES):
        if top(target) == "eqdiv":
            assert target == "eqdiv" or target.startswith("eqdiv.model"), f"{name}: {target}"
        else:
            assert top(target) in sys.stdlib_module_names, f"{name} imports {target}"


CORE = [n for n, m in MODULES.items() if m.package not in EDGES]


@pytest.mark.parametrize("name", CORE, ids=str)
def test_the_core_does_not_touch_the_terminal(name: str) -> None:
    for target in imported(MODULES[name], MODULES):
        assert top(target) not in {"typer", "rich", "click"}, f"{name} imports {target}"


@pytest.mark.parametrize("name", CORE, ids=str)
def test_the_core_never_prints_exits_or_reads_the_clock(name: str) -> None:
    for node in ast.walk(MODULES[name].tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            assert func.id not in {"print", "exit", "quit", "input"}, f"{name} calls {func.id}()"
        if isinstance(func, ast.Attribute):
            assert func.attr not in {"today", "now", "utcnow"}, f"{name} reads the clock"
            if isinstance(func.value, ast.Name) and func.value.id == "sys":
                assert func.attr != "exit", f"{name} calls sys.exit"


def users_of(library: str) -> set[str]:
    return {n for n, m in MODULES.items() if any(top(t) == library for t in imported(m, MODULES))}


def test_only_the_command_line_uses_typer() -> None:
    users = users_of("typer")
    assert users and all(MODULES[n].package == "cli" for n in users), users


def test_rich_only_at_the_edges() -> None:
    users = users_of("rich")
    assert users and all(MODULES[n].package in EDGES for n in users), users


def test_one_module_talks_to_git() -> None:
    assert users_of("git") == GIT_MODULES


def test_one_module_sets_up_jinja() -> None:
    assert users_of("jinja2") == JINJA_MODULES


def test_nothing_imports_the_command_line() -> None:
    importers = {
        name
        for name, targets in EDGES_OF.items()
        if MODULES[name].package not in ("cli", "__main__")
        and any(MODULES[t].package == "cli" for t in targets)
    }
    assert importers == set()


def function_level_imports(module: Module) -> Iterator[ast.stmt]:
    for node in ast.walk(module.tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from (n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))


def test_a_lazy_import_says_why() -> None:
    silent = [
        name
        for name, module in MODULES.items()
        if any(function_level_imports(module))
        and LAZY_NOTE not in module.path.read_text(encoding="utf-8")
    ]
    assert silent == [], f"a function-level import needs a '{LAZY_NOTE} why' comment"


def test_no_blind_except() -> None:
    for name, module in MODULES.items():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ExceptHandler):
                assert node.type is not None, f"bare except in {name}"
                assert not (
                    isinstance(node.type, ast.Name)
                    and node.type.id in {"Exception", "BaseException"}
                ), name
