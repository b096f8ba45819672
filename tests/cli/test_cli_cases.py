"""``eqdiv cases`` at the command line: what it names on the bundled records, its JSON,
and its exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import TEXT_80, CliResult

Cli = Callable[..., CliResult]


def test_names_the_late_cases_and_the_slowest_hand_offs(cli: Cli) -> None:
    result = cli("cases", "--as-of", "2007-10-15", env=TEXT_80)
    assert result.exit_code == 0
    out = result.stdout
    assert "1 open case late on 2007-10-15, by partner: council (1)." in out
    assert "CC-0712  council  1      2007-09-17  answer due 2007-10-01  10 working days" in out
    assert "Slowest hand-offs: schools, a median of 4 working days" in out
    assert "POL-0644  police  council  2007-10-09" in out


def test_json_for_a_year(cli: Cli) -> None:
    result = cli("cases", "--as-of", "2007-10-15", "--period", "2007", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["command"] == "cases"
    assert data["period"]["label"] == "2007/08"
    assert [c["ref"] for c in data["register"]["late"]] == ["CC-0712"]
    assert data["register"]["late"][0]["working_days_late"] == 10
    assert data["slowest_handoffs"] == "schools"
    assert [c["ref"] for c in data["answered_late"]] == ["CC-0708", "PCT-07-078", "SF-07-05"]
    assert data["timeliness"]["received"] == 25
    # Counts by strand are published figures: small ones are hidden in JSON too.
    disability = next(s for s in data["discrimination"]["strands"] if s["strand"] == "disability")
    assert disability["total"] == {"count": None, "text": "hidden"}
    assert [r["period"]["label"].split(" (")[0] for r in data["trend"]] == [
        "2007/08 Q1",
        "2007/08 Q2",
        "2007/08 Q3",
        "2007/08 Q4",
    ]


def test_a_period_eqdiv_does_not_know_is_a_usage_error(cli: Cli) -> None:
    result = cli("cases", "--period", "2007-Q9")
    assert result.exit_code == 2
    assert "'2007-Q9' is not a period eqdiv knows." in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_format_is_a_usage_error(cli: Cli) -> None:
    result = cli("cases", "--format", "pdf")
    assert result.exit_code == 2


def test_outside_a_records_repository_it_cannot_run(cli: Cli, tmp_path: Path) -> None:
    result = cli("cases", cwd=tmp_path)
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr
