"""Commands are thin: a command function parses its options, calls one function of the
core, picks a writer and sets the exit code. Workflow belongs in the feature package
(docs/architecture.md, "Where new code goes"), so the body of every command function
(its statements, without the signature that declares the options, and without the
docstring) is at most ``LIMIT`` lines."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import PROJECT

CLI = PROJECT / "eqdiv" / "cli"
LIMIT = 30


def body_lengths(source: str) -> dict[str, int]:
    """Each public top-level function's body length in lines, docstring left out."""
    lengths: dict[str, int] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            continue
        body = node.body
        if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        if body:
            end = body[-1].end_lineno or body[-1].lineno
            lengths[node.name] = end - body[0].lineno + 1
    return lengths


def test_every_command_function_is_short() -> None:
    long = {
        f"{path.name}:{name}": length
        for path in sorted(CLI.glob("*_cmd.py"))
        for name, length in body_lengths(path.read_text(encoding="utf-8")).items()
        if length > LIMIT
    }
    assert long == {}


def test_the_measure_counts_a_long_body() -> None:
    statements = "".join(f"    x{i} = {i}\n" for i in range(LIMIT + 1))
    source = (
        f'def command() -> None:\n    """Doc\n    string."""\n{statements}\n\ndef _helper(): ...\n'
    )
    assert body_lengths(source) == {"command": LIMIT + 1}
    assert all(n <= LIMIT for n in body_lengths(Path(__file__).read_text()).values())
