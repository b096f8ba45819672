"""The limits in eqdiv/model/limits.py are the ones the reference's "Limits" page states."""

from __future__ import annotations

import re

from eqdiv.model import limits
from tests.conftest import PROJECT


def test_every_limit_is_in_the_readme_with_its_value() -> None:
    section = (PROJECT / "docs" / "reference" / "limits.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| ([^|]+) \|", section, re.MULTILINE))
    assert set(rows) == {name for name, _, _ in limits.DOCUMENTED}
    for name, value, _ in limits.DOCUMENTED:
        assert getattr(limits, name) == value
        shown = f"{value:,}" if isinstance(value, int) and value >= 1000 else str(value)
        assert shown in rows[name], (name, rows[name])
