"""Issue 14: records a scrutiny panel can trust. Each test runs the command line as an
equality officer would, and fails on the behaviour the issue reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import DATA, CliResult
from tests.gitsupport import copy_records, new_repo

Cli = Callable[..., CliResult]


def _slipped(result: CliResult) -> dict[str, list[str]]:
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {a["id"]: a["why"] for a in data["report"]["changes"]["slipped"]}


def test_a_slip_stays_in_its_quarter_when_the_due_date_is_moved_later(
    cli: Cli, tmp_path: Path
) -> None:
    """Problem 1: moving 2b's due date after the quarter no longer erases its slip."""
    repo = new_repo(tmp_path)  # the plan as approved, committed on 1 August 2007
    moved = cli(
        "action", "update", "parent-partnership-2007", "2b", "--due", "Dec-07",
        "--note", "The audit waits for the new monitoring form.", "--as-of", "2007-10-12",
        cwd=repo.top,
    )  # fmt: skip
    assert moved.exit_code == 0, moved.stderr
    repo.commit("October meeting: 2b moved to December", "2007-10-12T15:00:00+01:00")
    report = cli(
        "report", "quarterly", "--quarter", "2007-Q2", "--as-of", "2007-10-15", "-f", "json",
        cwd=repo.top,
    )  # fmt: skip
    slipped = _slipped(report)
    assert slipped["2b"] == [
        "Due 31 July 2007; not finished. The due date was moved to 31 December 2007 on "
        "12 October 2007, after it had passed."
    ]
    assert json.loads(report.stdout)["report"]["changes"]["history"] is None
    text = cli(
        "report", "quarterly", "--quarter", "2007-Q2", "--as-of", "2007-10-15", "-f", "txt",
        cwd=repo.top,
    )  # fmt: skip
    assert "History not available" not in text.stdout
    assert "git history does not reach back" not in text.stdout


def test_a_due_date_moved_before_it_passed_is_not_a_slip(cli: Cli, tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    cli(
        "action", "update", "parent-partnership-2007", "1d", "--due", "Dec-07",
        "--note", "Waits for the new decision log.", "--as-of", "2007-09-20", cwd=repo.top,
    )  # fmt: skip
    repo.commit("1d moved before it was due", "2007-09-20T10:00:00+01:00")
    report = cli(
        "report", "quarterly", "--quarter", "2007-Q2", "--as-of", "2007-10-15", "-f", "json",
        cwd=repo.top,
    )  # fmt: skip
    assert "1d" not in _slipped(report)


def test_a_report_without_git_history_says_so(cli: Cli, tmp_path: Path) -> None:
    records = copy_records(tmp_path / "records")
    for form in ("txt", "md", "html"):
        report = cli(
            "report", "quarterly", "--quarter", "2007-Q2", "--as-of", "2007-10-15", "-f", form,
            cwd=records,
        )  # fmt: skip
        assert report.exit_code == 0, report.stderr
        assert "not in a git repository" in " ".join(report.stdout.split())


def test_eqdivs_own_sentence_is_not_the_reason_for_a_slip(cli: Cli, tmp_path: Path) -> None:
    """Problem 1: a hand-written update that only repeats eqdiv's sentence explains
    nothing; `review` flags the slip as unexplained."""
    repo = new_repo(tmp_path)
    repo.git("checkout", "-q", "-b", "october")
    repo.edit(
        "plans/parent-partnership-2007.yaml",
        "    due: 2007-09\n    due_text: Sep-07\n    status: not_started\n",
        "    due: 2008-03\n    status: not_started\n    updates:\n      - date: 2007-10-12\n"
        "        by: DH\n        note: Due date changed from September 2007 to March 2008.\n",
    )
    repo.commit("1d moved", "2007-10-12T15:00:00+01:00")
    result = cli("review", "main", "--as-of", "2007-10-15", "-f", "json", cwd=repo.top)
    (plan,) = json.loads(result.stdout)["records"]
    assert [c["code"] for c in plan["changes"]] == ["deadline-slipped", "update-added"]


def test_the_bundled_records_are_seen_on_their_own_date(cli: Cli, tmp_path: Path) -> None:
    """Problem 3: with no --as-of, the example shows October 2007, and says why."""
    records = copy_records(tmp_path / "records")
    status = cli("status", cwd=records)
    assert status.exit_code == 0, status.stderr
    lines = status.stdout.splitlines()
    assert lines[0].endswith("status on 2007-10-15")
    assert lines[1] == (
        "That is the records' own date, set by as_of in eqdiv.yaml; give --as-of for another day."
    )
    assert "7065 days" not in status.stdout
    data = json.loads(cli("status", "-f", "json", cwd=records).stdout)
    assert (data["as_of"], data["date_source"]) == ("2007-10-15", "records")
    given = cli("status", "--as-of", "2007-11-01", cwd=records).stdout.splitlines()
    assert given[0].endswith("status on 2007-11-01") and not given[1].startswith("That is")
    new = cli("new", "eia", "--title", "Parents' helpline", "--owner", "EDO", cwd=records)
    assert new.exit_code == 0, new.stderr
    assert (records / "eias" / "eia-2007-parents-helpline.yaml").is_file()


def test_back_dated_work_is_not_silently_given_todays_date(cli: Cli, tmp_path: Path) -> None:
    """Problem 3: with no as_of in eqdiv.yaml, recording today on a 2007 plan warns."""
    records = copy_records(tmp_path / "records")
    config = records / "eqdiv.yaml"
    config.write_text(
        "\n".join(x for x in config.read_text().splitlines() if not x.startswith("as_of:")) + "\n"
    )
    result = cli(
        "action", "update", "parent-partnership-2007", "2b", "--status", "complete",
        "--as-of", "2026-12-04", cwd=records,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (
        "plans/parent-partnership-2007.yaml:87:5: warning date-far This update is dated "
        "4 December 2026, but the plan's dates run from 31 July 2007 to 31 July 2008."
    ) in " ".join(result.stdout.split())
    quiet = cli(
        "action", "update", "parent-partnership-2007", "1d", "--status", "in_progress",
        "--as-of", "2007-10-20", cwd=records,
    )  # fmt: skip
    assert "date-far" not in quiet.stdout


def test_the_2007_annual_report_names_the_duties_of_its_time(cli: Cli) -> None:
    """Problem 3: the 2007/08 report cites the race, disability and gender duties, not
    the Equality Act 2010; a report for 2011/12 cites the PSED."""
    old = cli("report", "annual", "--year", "2007", "--as-of", "2007-10-15", "-f", "txt")
    text = " ".join(old.stdout.split())
    assert "Under the race equality duty (Race Relations Act 1976" in text
    assert "Public Sector Equality Duty (Equality Act 2010, section 149)" not in text
    new = cli("report", "annual", "--year", "2011", "--as-of", "2012-04-15", "-f", "txt")
    assert "Under the Public Sector Equality Duty (Equality Act 2010, section 149)" in " ".join(
        new.stdout.split()
    )


def test_a_new_plan_takes_the_framework_of_its_date(cli: Cli, tmp_path: Path) -> None:
    records = copy_records(tmp_path / "records")
    old = cli("new", "action-plan", "--title", "Library plan", "--owner", "EDO",
              "--as-of", "2007-08-01", cwd=records)  # fmt: skip
    assert old.exit_code == 0, old.stderr
    assert "framework: eslg-2007" in (records / "plans" / "library-plan-2007.yaml").read_text()
    new = cli("new", "action-plan", "--title", "Library plan", "--owner", "EDO",
              "--as-of", "2022-08-01", cwd=records)  # fmt: skip
    assert new.exit_code == 0, new.stderr
    assert "framework: eflg-2021" in (records / "plans" / "library-plan-2022.yaml").read_text()


HOME_VISITS = "eias/eia-2007-home-visits.yaml"
NEGATIVE = "  religion_or_belief:\n    rating: negative"


def test_a_signed_off_eia_cannot_be_softened_quietly(cli: Cli, tmp_path: Path) -> None:
    """Problem 2: softening a signed-off EIA's negative impact is named, with its group
    and old and new rating, by validate, status, the EIA register, review and history."""
    repo = new_repo(tmp_path)
    repo.git("checkout", "-q", "-b", "softened")
    repo.edit(HOME_VISITS, NEGATIVE, NEGATIVE.replace("negative", "neutral"))
    repo.commit("Home visits: religion or belief neutral", "2007-10-20T10:00:00+01:00")
    said = "impacts (Religion or belief: negative → neutral)"
    validate = cli("validate", cwd=repo.top)
    assert validate.exit_code == 1
    assert (
        "records/eias/eia-2007-home-visits.yaml:71:1: error eia-signoff-changed Changed since "
        "it was signed off by Head of Children's Services (HCS) on 2007-09-25: " + said + "."
    ) in validate.stdout
    status = json.loads(cli("status", "-f", "json", cwd=repo.top).stdout)
    (item,) = [e for e in status["sections"]["eias"]["eias"] if e["id"] == "eia-2007-home-visits"]
    assert item["needs"][0] == "changed_since_signoff"
    assert item["changed_since_signoff"] == said
    register = json.loads(cli("eia", "list", "-f", "json", cwd=repo.top).stdout)
    (row,) = [e for e in register["eias"] if e["id"] == "eia-2007-home-visits"]
    assert row["changed_since_signoff"] == said
    assert said in " ".join(cli("eia", "list", cwd=repo.top).stdout.split())
    review = json.loads(cli("review", "main", "-f", "json", cwd=repo.top).stdout)
    (eia,) = [r for r in review["records"] if r["id"] == "eia-2007-home-visits"]
    messages = [c["message"] for c in eia["changes"]]
    assert any(said in m for m in messages), messages
    history = cli("history", "eia-2007-home-visits", "-f", "json", cwd=repo.top)
    changes = [c["message"] for e in json.loads(history.stdout)["entries"] for c in e["changes"]]
    assert any(said in m for m in changes), changes


def test_a_review_or_a_new_sign_off_accepts_the_change(cli: Cli, tmp_path: Path) -> None:
    records = copy_records(tmp_path / "records")
    text = (records / HOME_VISITS).read_text()
    (records / HOME_VISITS).write_text(
        text.replace(NEGATIVE, NEGATIVE.replace("negative", "neutral"))
    )
    assert cli("validate", cwd=records).exit_code == 1
    signed = cli("eia", "sign-off", "eia-2007-home-visits", "--by", "HCS",
                 "--as-of", "2007-10-14", cwd=records)  # fmt: skip
    assert signed.exit_code == 0, signed.stderr
    assert "Signed off eia-2007-home-visits again" in signed.stdout
    assert cli("validate", cwd=records).exit_code == 0
    written = (records / HOME_VISITS).read_text()
    assert "  date: 2007-10-14\n  digest: sha256:" in written
    assert "  ratings:\n" in written and "    religion_or_belief: neutral\n" in written
    # A later edit, then a review recorded on or after the sign-off: accepted.
    (records / HOME_VISITS).write_text(written.replace("rating: neutral", "rating: positive", 1))
    assert cli("validate", cwd=records).exit_code == 1
    with (records / HOME_VISITS).open("a") as f:
        f.write("reviews:\n  - by: HCS\n    date: 2007-10-15\n    note: Age re-rated.\n")
    assert cli("validate", cwd=records).exit_code == 0


def test_a_date_without_a_year_is_read_in_the_files_own_years(cli: Cli, tmp_path: Path) -> None:
    """Problem 3: "July 31st" in a plan whose every other date is 2007 is 2007's, even
    when the import runs years later; so is the new plan's id."""
    records = copy_records(tmp_path / "records")
    (records / "plans" / "parent-partnership-2007.yaml").unlink()
    result = cli("import", "plan", str(DATA / "seed-plan.csv"), "--as-of", "2026-12-04",
                 cwd=records)  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "'July 31st' has no year: read as 31 July 2007" in " ".join(result.stdout.split())
    written = records / "plans" / "parent-partnership-equality-diversity-action-plan-2007.yaml"
    text = written.read_text()
    assert "      cadence: [July, October, January]\n      next: 2007-07-31\n" in text


def test_the_generated_ci_workflow_runs_as_written(cli: Cli, tmp_path: Path) -> None:
    """Problem 5: the workflow `eqdiv init` writes installs eqdiv from a source the
    partnership controls, and its commands, run as written, validate the records."""
    import os
    import subprocess
    import sys

    import yaml
    from hatchling.builders.wheel import WheelBuilder

    from eqdiv import __version__
    from tests.conftest import PROJECT, environ_without_color

    refused = cli("init", str(tmp_path / "public"), "--yes", "--no-git",
                  "--ci-install", f"eqdiv=={__version__}")  # fmt: skip
    assert refused.exit_code == 2
    assert "is not a source the partnership controls" in refused.stderr
    pinned = cli("init", str(tmp_path / "pinned"), "--yes", "--no-git",
                 "--ci-install", "git+https://git.example.org/eqdiv.git@v0.1.0")  # fmt: skip
    assert pinned.exit_code == 0, pinned.stderr
    workflow = (tmp_path / "pinned" / ".github" / "workflows" / "eqdiv.yml").read_text()
    assert 'pip install "git+https://git.example.org/eqdiv.git@v0.1.0"' in workflow
    assert f"eqdiv=={__version__}" not in workflow

    records = tmp_path / "records"
    made = cli("init", str(records), "--yes", "--no-git")
    assert made.exit_code == 0, made.stderr
    steps = yaml.safe_load((records / ".github" / "workflows" / "eqdiv.yml").read_text())
    commands = [s["run"] for s in steps["jobs"]["validate"]["steps"] if "run" in s]
    assert commands[-1] == "eqdiv validate --format github"
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    # CI's oldest-versions run sets PIP_CONSTRAINT; this install is offline, from what is
    # installed, so constraints for the index have no place in it.
    inherited = {k: v for k, v in environ_without_color().items() if k != "PIP_CONSTRAINT"}
    env = inherited | {
        "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "PIP_NO_INDEX": "1",  # the test runs offline: eqdiv's own dependencies are here
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }

    def run(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-e", "-c", command], cwd=records, env=env,
                              capture_output=True, text=True, check=False)  # fmt: skip

    missing = run(commands[0])  # no wheel committed yet: a message that says so
    assert missing.returncode == 1
    assert "::error::Commit the eqdiv wheel as ci/wheels/" in missing.stdout
    wheels = records / "ci" / "wheels"
    wheels.mkdir(parents=True)
    list(WheelBuilder(str(PROJECT)).build(directory=str(wheels), versions=["standard"]))
    for command in commands:
        done = run(command)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    installed = run("python -c 'import eqdiv; print(eqdiv.__file__)'")
    assert installed.stdout.startswith(str(venv))


def _seed_rows() -> list[list[str]]:
    import csv

    with (DATA / "seed-plan.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def seed_plan_as(form: str, folder: Path) -> Path:
    """The seed plan (tests/data/seed-plan.csv) saved as ``form``: tsv, txt (tab
    separated), xlsx or docx (a Word table, as the seed itself is)."""
    rows = _seed_rows()
    path = folder / f"seed-plan.{form}"
    if form in ("tsv", "txt"):
        path.write_text(
            "\n".join("\t".join(c.replace("\n", " ") for c in row) for row in rows) + "\n",
            encoding="utf-8",
        )
    elif form == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append([c or None for c in row])
        book.save(path)
    else:
        import docx

        document = docx.Document()
        document.add_paragraph("Parent Partnership Equality and Diversity Action Plan")
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.save(str(path))
    return path


def test_the_seed_plan_imports_from_every_format(cli: Cli, tmp_path: Path) -> None:
    """Problem 4: a tab-separated .txt is not read as comma CSV, and a Word table
    imports like a spreadsheet: each gives the plan the CSV gives."""
    plans = {}
    for form in ("csv", "tsv", "txt", "xlsx", "docx"):
        records = copy_records(tmp_path / form / "records")
        (records / "plans" / "parent-partnership-2007.yaml").unlink()
        source = DATA / "seed-plan.csv" if form == "csv" else seed_plan_as(form, tmp_path / form)
        result = cli("import", "plan", str(source), "--as-of", "2007-08-01", "-f", "json",
                     cwd=records)  # fmt: skip
        assert result.exit_code == 0, (form, result.stdout, result.stderr)
        data = json.loads(result.stdout)
        assert data["written"], form
        plans[form] = data["record"]["actions"]
    assert len(plans["csv"]) == 19
    for form in ("tsv", "txt", "xlsx", "docx"):
        assert [(a["id"], a["owners"], a.get("due")) for a in plans[form]] == [
            (a["id"], a["owners"], a.get("due")) for a in plans["csv"]
        ], form


def test_a_plan_comes_into_a_new_repository_in_one_command(cli: Cli, tmp_path: Path) -> None:
    """Problem 4 (and the issue's last "done when"): the seed plan, from .csv, .xlsx,
    .tsv or .docx, into a fresh `eqdiv init` repository; then what is late."""
    for form in ("csv", "xlsx", "tsv", "docx"):
        records = tmp_path / form / "records"
        assert cli("init", str(records), "--yes").exit_code == 0
        source = DATA / "seed-plan.csv" if form == "csv" else seed_plan_as(form, tmp_path / form)
        done = cli("import", "plan", str(source), "--add-people", cwd=records)
        assert done.exit_code == 0, (form, done.stdout, done.stderr)
        assert "Added DH to people.yaml, each as a role to fill in" in " ".join(done.stdout.split())
        assert "  - id: DH\n    role: Role to fill in" in (records / "people.yaml").read_text()
        assert cli("validate", cwd=records).exit_code == 0
        late = json.loads(
            cli("actions", "--overdue", "--as-of", "2007-10-15", "-f", "json", cwd=records).stdout
        )
        ids = [a["id"] for a in late["actions"]]
        assert {"1d", "2b"} <= set(ids), (form, ids)
        assert [a["id"] for a in late["actions"] if a["state"] == "overdue"] == ["2b", "1d"]


def test_unknown_owners_are_one_problem_with_one_hint(cli: Cli, tmp_path: Path) -> None:
    """Problem 4: not one problem per row, no 'several owners' when every action is DH,
    and --person DH=ZZ is not answered with --person 'ZZ=ID'."""
    records = tmp_path / "records"
    assert cli("init", str(records), "--yes").exit_code == 0
    result = cli("import", "plan", str(DATA / "seed-plan.csv"), "-f", "json", cwd=records)
    assert result.exit_code == 1
    errors = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert [p["message"] for p in errors] == [
        "1 owner is not in the people directory: DH (11 rows, from row 4)."
    ]
    assert "--add-people" in errors[0]["hint"]
    mapped = cli("import", "plan", str(DATA / "seed-plan.csv"), "--person", "DH=ZZ",
                 "-f", "json", cwd=records)  # fmt: skip
    (error,) = [p for p in json.loads(mapped.stdout)["problems"] if p["severity"] == "error"]
    assert error["message"].startswith(
        "1 owner is not in the people directory: ZZ (from --person DH=ZZ; "
    )
    assert "'ZZ=ID'" not in error["hint"]


def test_importing_the_same_plan_twice_is_recognised(cli: Cli, tmp_path: Path) -> None:
    """Problem 4: a second import of the seed plan names the plan it already is."""
    records = copy_records(tmp_path / "records")
    again = cli("import", "plan", str(DATA / "seed-plan.csv"), cwd=records)
    assert again.exit_code == 2
    said = " ".join(again.stderr.split())
    assert said.startswith(
        "eqdiv: seed-plan.csv was imported before: 19 of its 19 actions are already in plan "
        "parent-partnership-2007 (plans/parent-partnership-2007.yaml). Nothing was written."
    )
    assert "eqdiv action update parent-partnership-2007 ACTION" in said
    assert sorted(p.name for p in (records / "plans").iterdir()) == ["parent-partnership-2007.yaml"]


def test_the_small_things_a_reader_notices(cli: Cli, tmp_path: Path) -> None:
    """Problem 6: --output x.md writes Markdown; new objective and new indicator exist;
    a blank field is worded so that the code before it does not read as its subject."""
    records = copy_records(tmp_path / "records")
    out = tmp_path / "report.md"
    made = cli("report", "quarterly", "--output", str(out), cwd=records)
    assert made.exit_code == 0, made.stderr
    assert out.read_text().startswith("# Equality and diversity: quarterly progress report")
    clash = cli("report", "quarterly", "-f", "html", "-o", str(tmp_path / "r.md"), cwd=records)
    assert clash.exit_code == 2 and "--format html does not fit r.md" in clash.stderr
    for kind, folder in (("objective", "objectives"), ("indicator", "indicators")):
        new = cli("new", kind, "--title", "Complaints answered in time", "--owner", "DH",
                  cwd=records)  # fmt: skip
        assert new.exit_code == 0, new.stderr
        (written,) = [p for p in (records / folder).iterdir() if "complaints" in p.name]
        assert written.read_text().count(f"kind: {kind}\n") == 1
        assert "error schema Field '" in new.stdout


def test_a_tracker_without_an_element_column_imports_as_a_flat_plan(
    cli: Cli, tmp_path: Path
) -> None:
    """Problem 4: `Action, Lead, Deadline, Progress` imports (no --allow-gaps needed):
    actions numbered in order under no element, Progress read as the status."""
    records = tmp_path / "records"
    assert cli("init", str(records), "--yes").exit_code == 0
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "Action,Lead,Deadline,Progress\n"
        "Audit the website for accessibility,EO,Sep-07,In progress\n"
        "Train reception staff in deaf awareness,EO,31/12/2007,Not started\n",
        encoding="utf-8",
    )
    done = cli("import", "plan", str(tracker), "--as-of", "2007-08-01", "-f", "json",
               cwd=records)  # fmt: skip
    assert done.exit_code == 0, done.stdout
    actions = json.loads(done.stdout)["record"]["actions"]
    assert [(a["id"], "element" in a, a["status"]) for a in actions] == [
        ("1", False, "in_progress"),
        ("2", False, "not_started"),
    ]
    assert cli("validate", "--as-of", "2007-10-15", cwd=records).exit_code == 0
    report = cli("report", "quarterly", "--as-of", "2007-10-15", "-f", "txt", cwd=records)
    assert "Not under a framework element: Red. 2 actions: 1 late, 1 on track." in " ".join(
        report.stdout.split()
    )
