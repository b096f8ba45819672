"""`eqdiv status` as a user runs it: the bundled records on 15 October 2007 (a golden
file), its JSON, broken records, --owner, colour and width."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, BUNDLED, OCTOBER_REVIEWS, TEXT_80, CliResult

Cli = Callable[..., CliResult]


def status(cli: Cli, *args: str, cwd: Path | None = None, **env: str) -> CliResult:
    where = {"cwd": cwd} if cwd else {}
    return cli("status", "--as-of", "2007-10-15", *args, env=TEXT_80 | env, **where)


def test_json_carries_every_section(cli: Cli) -> None:
    result = status(cli, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["command"] == "status"
    assert data["as_of"] == "2007-10-15"
    assert data["repository"] == str(BUNDLED)
    assert data["partnership"] == "Example Partnership for Equality and Diversity"
    assert data["owner"] is None
    sections = data["sections"]
    assert list(sections) == [
        "actions",
        "overdue",
        "due_soon",
        "reviews",
        "undated",
        "eias",
        "eia_quality",
        "consultation",
        "reach",
        "population",
        "outcome_evidence",
        "equality_standard",
        "cases",
        "contracts",
        "sharing",
        "workforce",
        "records",
    ]
    assert sections["equality_standard"] == {
        "framework": "eslg-2007",
        "self_assessment": "sa-2007-eslg-level-2",
        "reached": None,
        "target": "L2",
        "target_needs": ["L1.4", "L2.1", "L2.3", "L2.4", "L2.5"],
        "claims_not_backed": [],
    }
    assert sections["eia_quality"] == {
        "rubric": "eqdiv EIA quality rubric",
        "rubric_fallback": False,
        "config_read": True,
        "scored": 4,
        "unscored": [],
        "distribution": {"Inadequate": 2, "Adequate": 0, "Good": 0, "Excellent": 2},
        "minimum": "Adequate",
        "below_minimum": [
            {
                "id": "eia-2007-drop-in-sessions",
                "title": "Moving drop-in sessions to the civic centre",
                "path": "eias/eia-2007-drop-in-sessions.yaml",
                "grade": "Inadequate",
                "percentage": 68.1,
                "capped_by": ["C8"],
            },
            {
                "id": "eia-2007-service-leaflet",
                "title": "New Parent Partnership leaflet",
                "path": "eias/eia-2007-service-leaflet.yaml",
                "grade": "Inadequate",
                "percentage": 18.1,
                "capped_by": [],
            },
        ],
    }
    assert sections["actions"] == {
        "total": 19,
        "plans": 1,
        "by_state": {
            "overdue": 2,
            "review_overdue": 1,
            "due_soon": 1,
            "review_due_soon": 14,
            "undated": 0,
            "on_track": 1,
            "deferred": 0,
            "complete": 0,
            "cancelled": 0,
        },
        "left_out": [],
    }

    def late(key: str) -> list[tuple[str, str, int | None, int | None]]:
        return [
            (a["id"], a["state"], a["days_late"], a["days_left"]) for a in sections[key]["actions"]
        ]

    # What a manager reading the seed plan calls late on 15 October 2007.
    assert sections["overdue"]["count"] == 2
    assert late("overdue") == [("2b", "overdue", 76, None), ("1d", "overdue", 15, None)]
    assert sections["due_soon"]["within_days"] == 30
    assert late("due_soon") == [("2a", "due_soon", None, 16)]
    assert (sections["reviews"]["count"], sections["reviews"]["overdue"]) == (15, 1)
    assert late("reviews")[0] == ("5b", "review_overdue", 76, None)
    assert {a["id"] for a in sections["reviews"]["actions"][1:]} == set(OCTOBER_REVIEWS)
    assert all(a["date"] == "2007-10-31" for a in sections["reviews"]["actions"][1:])
    assert sections["undated"] == {"count": 0, "actions": []}

    eias = sections["eias"]
    assert (eias["count"], eias["considered"]) == (3, 4)
    assert [(e["id"], e["needs"], e["unmitigated"]) for e in eias["eias"]] == [
        ("eia-2007-drop-in-sessions", ["unmitigated", "awaiting_qa"], ["isolation"]),
        ("eia-2007-service-leaflet", ["awaiting_signoff", "awaiting_qa"], []),
        ("eia-2007-case-records", ["awaiting_qa"], []),
    ]
    assert eias["eias"][0] == {
        "id": "eia-2007-drop-in-sessions",
        "title": "Moving drop-in sessions to the civic centre",
        "path": "eias/eia-2007-drop-in-sessions.yaml",
        "line": 2,
        "author": {"id": "PPO", "role": "Parent Partnership Officer"},
        "needs": ["unmitigated", "awaiting_qa"],
        "review_due": "2008-10-10",
        "days_late": None,
        "days_left": 361,
        "signoff": {
            "by": {"id": "HCS", "role": "Head of Children's Services"},
            "date": "2007-10-10",
        },
        "qa": None,
        "unmitigated": ["isolation"],
        "changed_since_signoff": None,
    }

    consultation = sections["consultation"]
    assert consultation["period"] == {
        "label": "2007/08 Q2 (July to September 2007)",
        "start": "2007-07-01",
        "end": "2007-09-30",
    }
    assert (consultation["count"], consultation["participants"]) == (5, 610)
    assert [a["id"] for a in consultation["activities"]] == [
        "cons-2007-parent-survey",
        "cons-2007-fathers-group",
        "cons-2007-traveller-outreach",
        "cons-2007-citizens-panel",
        "cons-2007-rural-drop-ins",
    ]
    assert consultation["targeted"] == [
        "ethnicity",
        "gender",
        "gypsies_travellers",
        "low_income",
        "isolation",
    ]
    assert consultation["this_quarter"] == {
        "period": {
            "label": "2007-10-01 to 2007-10-15",
            "start": "2007-10-01",
            "end": "2007-10-15",
        },
        "count": 1,
        "participants": 23,
        "participants_text": "23",
    }
    # Small numbers are suppressed as in every view that may be shown in a meeting:
    # the fathers' group's 7, and the drop-ins' 31, which with the total would give it.
    assert [(a["participants"], a["participants_text"]) for a in consultation["activities"]] == [
        (148, "148"),
        (None, "hidden"),
        (12, "12"),
        (412, "412"),
        (None, "hidden"),
    ]
    assert sections["reach"] == {
        "period": consultation["period"],
        "activities": 5,
        "under_represented": [
            "people aged 16 to 24",
            "people aged 75 and over",
            "Asian residents",
            "Black residents",
            "residents of mixed ethnicity",
            "Hindu residents",
            "Muslim residents",
        ],
        "not_reached": ["residents of other ethnic groups"],
        "over_represented": ["people aged 35 to 49"],
        "not_asked": ["sexual orientation", "gender identity"],
        "withheld": ["men"],
        "no_targeted_activity": [],
        "not_counted": [],
        "text": [
            "Under-represented: people aged 16 to 24, people aged 75 and over, Asian "
            "residents, Black residents, residents of mixed ethnicity, Hindu residents, "
            "Muslim residents; not reached: residents of other ethnic groups.",
            "Over-represented: people aged 35 to 49.",
            "Not asked about in any activity: sexual orientation, gender identity.",
            "Withheld to protect small numbers: men.",
        ],
    }
    # Seed action 4e: the advice-service contract does not yet reflect the RES.
    contract = "con-2007-parent-advice-service"
    assert sections["contracts"] == {
        "count": 1,
        "needing_attention": [
            {
                "id": contract,
                "title": "Independent parental advice service",
                "provider": "Example Independent Parental Supporters (a voluntary organisation)",
                "problems": ["contract-eia-missing", "contract-clause-missing"],
            }
        ],
    }
    records = sections["records"]
    assert (records["files"], records["with_problems"], records["errors"]) == (41, 3, 0)
    assert [(p["path"], p["warnings"]) for p in records["problems"]] == [
        ("cases/cases-cvs-2007.yaml", 1),
        (f"contracts/{contract}.yaml", 2),
        ("sharing/isa-2006-council-pct.yaml", 1),
    ]


def test_json_equals_the_api_result(cli: Cli) -> None:
    from eqdiv.status import build_status
    from eqdiv.store.repository import load_repository

    expected = build_status(load_repository(BUNDLED), AS_OF, "DH").to_dict()
    assert json.loads(status(cli, "--owner", "DH", "--format", "json").stdout) == expected


@pytest.fixture
def copy_of_bundled(tmp_path: Path) -> Path:
    root = Path(shutil.copytree(BUNDLED, tmp_path / "records"))
    # These tests are about broken files: the contract's own warnings are pinned above,
    # and information sharing's in test_sharing (here every pair is covered and in date).
    shutil.rmtree(root / "contracts")
    protocol = root / "sharing/isa-2007-no-wrong-door.yaml"
    protocol.write_text(
        protocol.read_text()
        .replace(
            "parties: [council, police, schools, cvs]",
            "parties: [council, police, schools, cvs, pct]",
        )
        .replace(
            "signed:\n", "signed:\n  - {partner: pct, role: Chief Executive, date: 2007-04-20}\n"
        )
    )
    referrals = root / "sharing/isa-2006-council-pct.yaml"
    referrals.write_text(referrals.read_text().replace("review: 2007-09-30", "review: 2008-09-30"))
    return root


def test_broken_records_are_named_and_the_rest_still_shown(cli: Cli, copy_of_bundled: Path) -> None:
    root = copy_of_bundled
    # A schema error: the EIA cannot be read, so it is left out.
    eia = root / "eias/eia-2007-service-leaflet.yaml"
    eia.write_text(eia.read_text().replace("decision: no_change", "decision: unchanged"))
    # A cross-record error: the consultation is still read, its link is broken.
    consultation = root / "consultations/cons-2007-fathers-group.yaml"
    consultation.write_text(consultation.read_text().replace("lead: PPO", "lead: XYZ"))
    # A file that is not YAML at all.
    (root / "plans/draft.yaml").write_text("kind: action-plan\n\tid: draft\n")

    result = status(cli, cwd=root)
    assert result.exit_code == 0
    text = result.stdout
    assert "Overdue actions (2)\n  2b  76 days late\n" in text
    assert "EIAs needing attention (2 of 3)\n  eia-2007-drop-in-sessions" in text
    assert text.endswith(
        "Records with problems (3)\n"
        "  3 of 41 files have problems; 2 cannot be read, so they are left out of this\n"
        "  screen. Run `eqdiv validate` for every finding.\n"
        "  eias/eia-2007-service-leaflet.yaml:23:13  left out, 1 error\n"
        "      'unchanged' is not an allowed value here. Allowed: no_change, adjust,\n"
        "      continue, stop.\n"
        "  plans/draft.yaml:2:1  left out, 1 error\n"
        "      This line uses a tab character; YAML indents with spaces only.\n"
        "  consultations/cons-2007-fathers-group.yaml:5:7  1 error\n"
        "      'XYZ' is not a known person.\n"
    )
    # The plan that cannot be read is named where its actions would have been counted.
    assert (
        "  19 actions in 1 plan: 2 overdue, 1 review overdue, 1 due soon, 14 review due\n"
        "  soon, 1 on track.\n"
        "  Left out: 1 plan with errors (plans/draft.yaml); its actions are in no list\n"
        "  below.\n"
    ) in text
    records = json.loads(status(cli, "--format", "json", cwd=root).stdout)["sections"]["records"]
    assert {k: v for k, v in records.items() if k != "problems"} == {
        "files": 41,
        "with_problems": 3,
        "left_out": 2,
        "errors": 3,
        "warnings": 0,
    }
    actions = json.loads(status(cli, "--format", "json", cwd=root).stdout)["sections"]["actions"]
    assert actions["left_out"] == ["plans/draft.yaml"]
    assert records["problems"][0]["path"] == "eias/eia-2007-service-leaflet.yaml"
    assert records["problems"][0]["left_out"] is True
    assert records["problems"][0]["first"]["code"] == "schema"
    assert records["problems"][0]["first"]["line"] == 23


def test_a_broken_configuration_still_gives_a_screen(cli: Cli, copy_of_bundled: Path) -> None:
    config = copy_of_bundled / "eqdiv.yaml"
    config.write_text(config.read_text().replace("set: six-strands", "set: seven-strands"))
    result = status(cli, cwd=copy_of_bundled)
    assert result.exit_code == 0
    assert result.stdout.startswith("Unnamed partnership: status on 2007-10-15\n")
    assert "Overdue actions (2)" in result.stdout
    # One problem, not one per partner and strand mentioned: those checks need the
    # partnership's own settings, and the defaults standing in are not them.
    assert result.stdout.endswith(
        "Records with problems (1)\n"
        "  1 of 40 files has problems. Run `eqdiv validate` for every finding.\n"
        "  eqdiv.yaml cannot be read, so this screen uses the default settings.\n"
        "  eqdiv.yaml:26:8  defaults used, 1 error\n"
        "      'seven-strands' is not an allowed value here. Allowed: six-strands,\n"
        "      equality-act-2010, custom.\n"
    )


def test_a_broken_people_directory_is_one_problem_not_forty(
    cli: Cli, copy_of_bundled: Path
) -> None:
    people = copy_of_bundled / "people.yaml"
    people.write_text(people.read_text().replace("role: Parent Partnership Manager", "rol: x"))
    data = json.loads(status(cli, "--format", "json", cwd=copy_of_bundled).stdout)
    records = data["sections"]["records"]
    assert [(p["path"], p["left_out"]) for p in records["problems"]] == [("people.yaml", True)]
    # Owners are still shown, by id, with no role to resolve them to.
    assert data["sections"]["overdue"]["actions"][0]["owners"] == [{"id": "DH", "role": None}]
    assert "      Owner: DH.\n" in status(cli, cwd=copy_of_bundled).stdout


def test_owner_shows_only_what_they_own(cli: Cli) -> None:
    result = status(cli, "--owner", "PPO")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Example Partnership for Equality and Diversity: status on 2007-10-15\n"
        "Only what Parent Partnership Officer (PPO) owns or leads.\n\n"
        "Actions\n  0 actions in 0 plans.\n\n"
        "Overdue actions\n  No action is past its due date.\n"
    )
    data = json.loads(status(cli, "--owner", "PPO", "--format", "json").stdout)
    assert data["owner"] == {"id": "PPO", "role": "Parent Partnership Officer"}
    sections = data["sections"]
    assert [e["id"] for e in sections["eias"]["eias"]] == [
        "eia-2007-drop-in-sessions",
        "eia-2007-service-leaflet",
    ]
    assert [a["id"] for a in sections["consultation"]["activities"]] == ["cons-2007-fathers-group"]
    # Record problems are everyone's: not filtered.
    assert sections["records"]["files"] == 41


def test_unknown_owner_is_a_usage_error(cli: Cli) -> None:
    result = status(cli, "--owner", "dh")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "eqdiv: 'dh' is not in the people directory and owns no action.\n  hint: Did you mean 'DH'?"
    )


def test_status_today_runs(cli: Cli) -> None:
    result = cli("status", env=TEXT_80)
    assert result.exit_code == 0
    # The records' own date (as_of in eqdiv.yaml): the advice contract, the agreement past
    # review and the CVS's hand-off to the PCT with no agreement are flagged.
    assert "3 of 41 files have problems." in result.stdout


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_colour_only_adds_to_the_words(cli: Cli) -> None:
    plain = status(cli).stdout
    coloured = cli(
        "status", "--as-of", "2007-10-15", env={"FORCE_COLOR": "1", "COLUMNS": "80"}
    ).stdout
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert ANSI.sub("", coloured) == plain


@pytest.mark.parametrize("width", [80, 60])
def test_text_fits_the_width(cli: Cli, width: int) -> None:
    result = status(cli, COLUMNS=str(width))
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    # Nothing is lost: each action id and each EIA id is still on the screen.
    for key in (
        "2b",
        "1d",
        "2a",
        "5b",
        "4f",
        "eia-2007-drop-in-sessions",
        "eia-2007-service-leaflet",
    ):
        assert key in result.stdout


@pytest.mark.parametrize("args", [["status", "--help"], ["--repo", ".", "status", "--help"]])
def test_help_starts_without_pydantic(args: list[str]) -> None:
    """A command's help is printed before any option needs coercing: building typer's
    pydantic adapters for the top level's own options cost a third of a second."""
    script = (
        "import sys\n"
        "from eqdiv.cli.entry import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
        "print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "EQDIV_NO_CACHE"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BUNDLED,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert "Usage: eqdiv status" in done.stdout
    assert done.stderr.strip() == "False"


def test_the_top_level_text_option_still_reaches_the_command(cli: Cli) -> None:
    assert cli("--repo", str(BUNDLED), "status", "--as-of", AS_OF).exit_code in (0, 1)
    result = cli("--repo", str(BUNDLED / "nowhere"), "status")
    assert result.exit_code == 3 and "is not a folder" in result.stderr
