"""Every command's ``--format json`` is its Python function's result (``eqdiv.api``'s
where the API has the command), serialised: the command line adds nothing and leaves
nothing out. A command that gains a JSON format must be added to ``CASES``: the last
test finds every such command in the app.

Commands that write run with ``--dry-run`` on a copy of the sample records, and the
function with ``dry_run``; ``init`` writes two new repositories and compares them with
their folders named alike."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eqdiv import api
from eqdiv.actions.action_json import listing_to_dict
from eqdiv.actions.listing import ActionFilter, list_actions
from eqdiv.checks.validation import validation_to_dict
from eqdiv.eia import eia_quality, load_rubric, result_to_dict, rubric_to_dict
from eqdiv.figures.activity_list import activity_list
from eqdiv.figures.case_figures import case_figures
from eqdiv.figures.coverage import coverage
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.disclosure_audit import audit_disclosure
from eqdiv.figures.publication import publication
from eqdiv.figures.workforce_view import workforce_view
from eqdiv.model.json_parts import envelope
from eqdiv.model.periods import parse_period
from eqdiv.registers.contract_list import contract_register
from eqdiv.report import eia_document_for, eia_document_json
from eqdiv.review.history import history, history_to_dict
from eqdiv.review.review_json import review_to_dict
from tests.conftest import AS_OF, BUNDLED, DATA, CliResult, format_options
from tests.gitsupport import october_branch

Cli = Callable[..., CliResult]
DAY = AS_OF.isoformat()
PLAN = "parent-partnership-2007"
CENSUS = DATA / "census" / "nomis-ts008-sex-ltla.csv"
HR = DATA / "hr-workforce.csv"


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


# command -> (its arguments after the command, the function's dict), both given a
# records repository to work on.
CASES: dict[str, tuple[list[str], Callable[[Path], dict[str, Any]]]] = {
    "validate": ([], lambda root: validation_to_dict(api.validate(api.load(root), AS_OF))),
    "status": ([], lambda root: api.status(api.load(root), AS_OF).to_dict()),
    "actions": (
        [],
        lambda root: listing_to_dict(
            list_actions(api.load(root), AS_OF, ActionFilter()), str(root)
        ),
    ),
    "eia list": (
        [],
        lambda root: result_to_dict(
            eia_quality(api.load(root), as_of=AS_OF), "eia list", full=False
        ),
    ),
    "eia score": (
        [],
        lambda root: result_to_dict(eia_quality(api.load(root)), "eia score", full=True),
    ),
    "eia rubric": (
        [],
        lambda root: {
            **envelope("eia rubric", str(root), None),
            "rubric": rubric_to_dict(load_rubric(api.load(root)), full=True),
        },
    ),
    "audit disclosure": (
        [],
        lambda root: audit_disclosure(api.load(root)).to_dict(str(root), AS_OF),
    ),
    "eia sign-off": (
        ["eia-2007-home-visits", "--by", "HCS", "--dry-run"],
        lambda root: api.sign_off_eia(
            root, "eia-2007-home-visits", "HCS", AS_OF, dry_run=True
        ).to_dict(),
    ),
    "consultation list": (
        ["--period", "2007-Q2"],
        lambda root: activity_list(api.load(root), parse_period("2007-Q2", 4), AS_OF).to_dict(),
    ),
    "consultation coverage": (
        ["--period", "2007-Q2"],
        lambda root: _coverage_json(root),
    ),
    "cases": (
        ["--period", "2007-Q2"],
        lambda root: case_figures(api.load(root), parse_period("2007-Q2", 4), AS_OF).to_json(
            str(root), AS_OF
        ),
    ),
    "import plan": (
        # The bundled records hold this plan already: --id imports it as a new one.
        [str(DATA / "seed-plan.csv"), "--dry-run", "--id", "seed-copy"],
        lambda root: api.import_plan(
            root, DATA / "seed-plan.csv", AS_OF, plan_id="seed-copy", dry_run=True
        ).to_dict(),
    ),
    "import cases": (
        [
            str(DATA / "council-complaints-export.csv"),
            "--partner",
            "council",
            "--period",
            "2008",
            "--dry-run",
        ],
        lambda root: api.import_cases(
            root,
            DATA / "council-complaints-export.csv",
            "council",
            AS_OF,
            period="2008",
            dry_run=True,
        ).to_dict(),
    ),
    "import census": (
        [str(CENSUS), "--area", "E06000046", "--dry-run"],
        lambda root: api.import_census(
            root, [str(CENSUS)], ["E06000046"], AS_OF, dry_run=True
        ).to_dict(),
    ),
    "assess": (
        [],
        lambda root: api.assess(root, AS_OF).to_dict(),
    ),
    "action update": (
        [PLAN, "1d", "--status", "complete", "--dry-run"],
        lambda root: api.update_action(
            root, PLAN, "1d", AS_OF, status="complete", dry_run=True
        ).to_dict(),
    ),
    "workforce": ([], lambda root: workforce_view(api.load(root), AS_OF).to_dict()),
    "contracts": ([], lambda root: contract_register(api.load(root), AS_OF).to_dict()),
    "import workforce": (
        [str(HR), "--partner", "police", "--period", "2007/08", "--dry-run"],
        lambda root: api.import_workforce(
            root, HR, "police", AS_OF, period="2007/08", dry_run=True
        ).to_dict(),
    ),
    "report eia": (
        ["eia-2007-home-visits"],
        lambda root: eia_document_json(
            eia_document_for(api.load(root), "eia-2007-home-visits", AS_OF), str(root), AS_OF
        ),
    ),
    "new": (
        ["eia", "--title", "Home visits", "--owner", "DH", "--yes", "--dry-run"],
        lambda root: api.start_record(
            root, "eia", AS_OF, title="Home visits", owner="DH", dry_run=True
        ).to_dict(),
    ),
}


# Commands that take no --as-of: an EIA's score and the rubric do not depend on the day.
UNDATED = {"eia score", "eia rubric"}


@pytest.mark.parametrize("command", CASES)
def test_the_commands_json_is_its_functions_result(cli: Cli, tmp_path: Path, command: str) -> None:
    root = _copy(tmp_path)
    args, function = CASES[command]
    dated = [] if command in UNDATED else ["--as-of", DAY]
    result = cli(*command.split(), *args, *dated, "--format", "json", "--repo", str(root))
    assert result.stderr == "" or command.startswith("eia")
    assert json.loads(result.stdout) == json.loads(json.dumps(function(root)))


def test_review_and_history(cli: Cli, tmp_path: Path) -> None:
    october = october_branch(tmp_path)
    shown = cli("review", "main", "--as-of", DAY, "-f", "json", cwd=october.top)
    expected = review_to_dict(api.review(october.records, "main", as_of=AS_OF))
    assert json.loads(shown.stdout) == expected
    shown = cli("history", f"{PLAN}/1d", "-f", "json", cwd=october.top)
    found = history(october.records, f"{PLAN}/1d")
    assert json.loads(shown.stdout) == json.loads(json.dumps(history_to_dict(found)))


def test_report(cli: Cli) -> None:
    model = api.report(api.load(BUNDLED), AS_OF, "annual", "2006")
    shown = cli("report", "annual", "--year", "2006", "--as-of", DAY, "--format", "json")
    assert json.loads(shown.stdout)["report"] == model.to_dict()


def test_init(cli: Cli, tmp_path: Path) -> None:
    made = api.init_repository(
        tmp_path / "by-api" / "start", "Wight Partnership", git=False
    ).to_dict()
    folder = tmp_path / "by-cli" / "start"
    shown = cli("init", str(folder), "--name", "Wight Partnership", "--no-git", "-f", "json")
    printed = json.loads(shown.stdout)
    assert printed.pop("repository") == str(folder.resolve())
    assert made.pop("repository") == str((tmp_path / "by-api" / "start").resolve())
    assert printed == made


COVERED = {*CASES, "review", "history", "report quarterly", "report annual", "init"}


def test_every_command_with_a_json_format_is_compared() -> None:
    found = {command for command, kind in format_options().items() if "json" in list(kind)}
    assert found == COVERED


def _coverage_json(root: Path) -> dict[str, Any]:
    loaded = api.load(root)
    period = parse_period("2007-Q2", 4)
    return view(coverage(loaded, period, None, None), publication(loaded)).to_dict(str(root), AS_OF)
