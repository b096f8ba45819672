"""The report layer's views are typed: every view is a frozen dataclass of JSON-ready
fields, ``to_dict`` gives the JSON ``--format json`` prints, and nothing in
``eqdiv/report`` falls back to ``Any`` (mypy holds that too: ``disallow_any_explicit``
for ``eqdiv.report`` in pyproject.toml)."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import json
import pkgutil
import sys
import types
from datetime import date
from pathlib import Path
from typing import Union, get_args, get_origin, get_type_hints

import pytest

import eqdiv.report
from eqdiv.model.periods import quarter, year
from eqdiv.report import annual_report, quarterly_report, render_report
from eqdiv.report.parts import Day
from eqdiv.report.templating import TemplateProblem, render
from eqdiv.report.view_model import ViewModel, to_json
from eqdiv.store.repository import load_repository
from tests.conftest import BUNDLED

REPORT = Path(eqdiv.report.__file__).parent
MODULES = sorted(p.stem for p in REPORT.glob("*.py"))
for info in pkgutil.iter_modules([str(REPORT)]):
    importlib.import_module(f"eqdiv.report.{info.name}")


def views(cls: type = ViewModel) -> list[type]:
    """Every view class, as its module names it (``slots=True`` makes a new class, and
    the one it replaced may linger among the subclasses until collected)."""
    found = []
    for sub in cls.__subclasses__():
        if getattr(sys.modules[sub.__module__], sub.__qualname__, None) is sub:
            found += [sub, *views(sub)]
    return found


SCALARS = (str, int, float, bool, type(None))


def json_ready(hint: object) -> bool:
    """Whether a field typed ``hint`` can only hold what JSON can."""
    if hint in SCALARS:
        return True
    if isinstance(hint, type) and issubclass(hint, ViewModel):
        return True
    origin, args = get_origin(hint), get_args(hint)
    if origin in (types.UnionType, Union):
        return all(json_ready(a) for a in args)
    if origin is tuple:
        return len(args) == 2 and args[1] is Ellipsis and json_ready(args[0])
    if origin is dict:
        return args[0] is str and json_ready(args[1])
    return False


def test_every_view_is_a_frozen_dataclass_of_json_ready_fields() -> None:
    found = views()
    assert len(found) > 40  # every section's views, not just the base
    for cls in found:
        assert dataclasses.is_dataclass(cls), cls
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen, f"{cls.__name__} is not frozen"
        assert "__slots__" in cls.__dict__, f"{cls.__name__} has no slots"
        for name, hint in get_type_hints(cls).items():
            if name.startswith("__"):
                continue
            assert json_ready(hint), f"{cls.__name__}.{name}: {hint} is not JSON-ready"


@pytest.mark.parametrize("module", MODULES)
def test_no_any_and_no_dict_views_in_the_report_layer(module: str) -> None:
    """A view is a dataclass, not a ``dict[str, Any]``: no module imports ``Any``, and
    no annotation is a dict of anything (``object`` or ``Any``)."""
    tree = ast.parse((REPORT / f"{module}.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert "Any" not in [a.name for a in node.names], f"{module} imports Any"
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) in ("dict", "Mapping"):
            value = ast.unparse(node.slice).split(",")[-1].strip()
            assert value not in ("Any", "object"), f"{module}: {ast.unparse(node)}"


def test_to_dict_is_the_json_of_every_field_in_order() -> None:
    day = Day("2007-10-15", "15 October 2007")
    assert day.to_dict() == {"iso": "2007-10-15", "text": "15 October 2007"}
    assert to_json((day, None, {"n": (1, 2.5, True)})) == [
        {"iso": "2007-10-15", "text": "15 October 2007"},
        None,
        {"n": [1, 2.5, True]},
    ]
    with pytest.raises(TypeError, match="date"):
        to_json(date(2007, 10, 15))


def test_a_whole_report_is_json_as_it_is() -> None:
    repo = load_repository(BUNDLED)
    as_of = date(2008, 5, 1)
    for model in (
        quarterly_report(repo, as_of, quarter(2007, 4)),
        annual_report(repo, as_of, year(2007, repo.config.year_start_month)),
    ):
        found = model.to_dict()
        assert json.loads(json.dumps(found)) == found  # nothing JSON would change
        assert found["kind"] == model.kind
        with pytest.raises(dataclasses.FrozenInstanceError):
            model.title = "changed"  # type: ignore[misc]


def test_a_missing_field_names_the_view_and_the_nearest_field(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.md").write_text("ok\n{{ report.txt }}\n")
    with pytest.raises(TemplateProblem) as caught:
        render("t.md", {"report": Day("2007-10-15", "15 October 2007")}, tmp_path)
    assert caught.value.message == (
        "The template templates/t.md, line 2 has an error: Day has no field 'txt' "
        "(the nearest is 'text')."
    )


def test_a_template_reads_a_view_by_attribute_or_by_key(tmp_path: Path) -> None:
    """Both spellings a partnership's own template may use keep working."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.md").write_text("{{ report.period.label }}|{{ report['kind'] }}")
    repo = load_repository(BUNDLED)
    model = quarterly_report(repo, date(2007, 10, 15), quarter(2007, 2))
    assert render_report(model, "t.md", tmp_path) == (
        "2007/08 Q2 (July to September 2007)|quarterly"
    )
