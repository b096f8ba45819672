"""`eqdiv init` and `eqdiv new`: a new repository and new records, from nothing to a
clean `eqdiv validate`, without ever writing over anyone's work."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import load_repository
from tests.conftest import CliResult, RepoBuilder

Cli = Callable[..., CliResult]
FILES = [
    ".github/workflows/eqdiv.yml",
    ".pre-commit-config.yaml",
    "cases/README.md",
    "consultations/README.md",
    "contracts/README.md",
    "demographics/README.md",
    "eias/README.md",
    "eqdiv.yaml",
    "indicators/README.md",
    "objectives/README.md",
    "outcomes/README.md",
    "people.yaml",
    "plans/README.md",
    "self-assessments/README.md",
    "sharing/README.md",
    "workforce/README.md",
]


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


Ask = Callable[[list[str], str, Path], CliResult]


@pytest.fixture
def ask(monkeypatch: pytest.MonkeyPatch) -> Ask:
    """Run eqdiv as if a person were at the keyboard, giving ``answers`` to its
    questions."""
    from typer.testing import CliRunner

    from eqdiv.cli.app import app

    monkeypatch.setattr("eqdiv.cli.common.stdin_is_terminal", lambda: True)

    def run(args: list[str], answers: str, cwd: Path) -> CliResult:
        monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, args, input=answers, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


# --- eqdiv init -----------------------------------------------------------------------


def test_init_makes_a_repository_with_a_first_commit(
    cli: Cli, tmp_path: Path, no_color: None
) -> None:
    result = cli("init", "records", "--name", "Example Partnership", "--organisation",
                 "Example District Council", cwd=tmp_path)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    root = tmp_path / "records"
    assert result.stdout.splitlines()[0] == (
        f"Started a records repository for Example Partnership in {root}:"
    )
    files = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] != ".git"
    )
    assert files == FILES
    assert git(root, "log", "--format=%s").splitlines() == [
        "Start the records repository (eqdiv init)"
    ]
    assert git(root, "status", "--porcelain") == ""  # everything committed
    assert sorted(git(root, "ls-files").splitlines()) == FILES
    config = load_repository(root).config
    assert (config.name, config.strand_set) == ("Example Partnership", "equality-act-2010")
    assert [(p.id, p.name) for p in config.partners] == [
        ("example-district-council", "Example District Council")
    ]
    assert cli("validate", cwd=root).exit_code == 0


def test_init_refuses_to_overwrite_a_repository(cli: Cli, tmp_path: Path, no_color: None) -> None:
    assert cli("init", "records", "--yes", cwd=tmp_path).exit_code == 0
    config = (tmp_path / "records" / "eqdiv.yaml").read_bytes()
    again = cli("init", "records", "--yes", "--name", "Another", cwd=tmp_path)
    assert again.exit_code == 3
    assert again.stderr == (
        f"eqdiv: {tmp_path / 'records'} is already a records repository (it has eqdiv.yaml); "
        "eqdiv init will not overwrite it.\n"
        "  hint: Add records to it with eqdiv new, or start a new repository in another "
        "folder.\n"
    )
    assert (tmp_path / "records" / "eqdiv.yaml").read_bytes() == config
    inside = cli("init", "records/plans/more", "--yes", cwd=tmp_path)
    assert inside.exit_code == 3
    assert "is inside" in inside.stderr and not (tmp_path / "records/plans/more").exists()


def test_init_refuses_to_overwrite_any_file(cli: Cli, tmp_path: Path, no_color: None) -> None:
    (tmp_path / "people.yaml").write_text("mine\n")
    result = cli("init", ".", "--yes", cwd=tmp_path)
    assert result.exit_code == 3
    assert result.stderr.startswith(
        f"eqdiv: {tmp_path} already has people.yaml; eqdiv init does not overwrite files.\n"
    )
    assert (tmp_path / "people.yaml").read_text() == "mine\n"
    assert not (tmp_path / "eqdiv.yaml").exists()


def test_init_in_a_script_needs_a_name_or_yes(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "records", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "eqdiv: eqdiv init needs the partnership's name: give --name NAME, or --yes"
    )


def test_init_asks_on_a_terminal(ask: Ask, tmp_path: Path) -> None:
    answers = "Island Partnership\nnine\nsix-strands\nIsland Council\n"
    result = ask(["init", "records", "--no-git"], answers, tmp_path)
    assert result.exit_code == 0, result.stdout
    assert "'nine' is not equality-act-2010 or six-strands." in result.stdout  # asked again
    config = load_repository(tmp_path / "records").config
    assert (config.name, config.strand_set) == ("Island Partnership", "six-strands")
    assert config.partners[0].name == "Island Council"
    assert not (tmp_path / "records" / ".git").exists()


def test_init_inside_a_git_repository_leaves_the_commit_to_you(
    cli: Cli, tmp_path: Path, no_color: None
) -> None:
    git(tmp_path, "init", "-q")
    result = cli("init", "records", "--yes", cwd=tmp_path)
    assert result.exit_code == 0
    assert f"The folder is inside the git repository {tmp_path}: review the new files" in (
        result.stdout.replace("\n", " ")
    )
    assert not (tmp_path / "records" / ".git").exists()
    assert git(tmp_path, "status", "--porcelain", "--untracked-files=all").count("records/") == len(
        FILES
    )


def test_the_hook_and_the_workflow_run_eqdiv(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", "records", "--yes", "--no-git", cwd=tmp_path).exit_code == 0
    root = tmp_path / "records"
    hooks = yaml.safe_load((root / ".pre-commit-config.yaml").read_text())
    [hook] = hooks["repos"][0]["hooks"]
    assert hooks["repos"][0]["repo"] == "local"
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "eqdiv-validate", "eqdiv validate", "system",
    )  # fmt: skip
    for path, checked in (("plans/p.yaml", True), ("eqdiv.yml", True), (".github/x.yml", False),
                          ("notes.md", False)):  # fmt: skip
        picked = re.search(hook["files"], path) and not re.search(hook["exclude"], path)
        assert bool(picked) is checked, path
    workflow = yaml.safe_load((root / ".github/workflows/eqdiv.yml").read_text())
    steps = [step.get("run") for step in workflow["jobs"]["validate"]["steps"]]
    assert steps[-1] == "eqdiv validate --format github"
    # What the hook and the workflow run works on the new repository.
    assert cli("validate", "--format", "github", cwd=root).exit_code == 0
    assert cli("validate", "eqdiv.yaml", "people.yaml", cwd=root).exit_code == 0


def test_init_json(cli: Cli, tmp_path: Path) -> None:
    result = cli("init", "records", "--yes", "--strands", "six-strands", "--format", "json",
                 cwd=tmp_path)  # fmt: skip
    report = json.loads(result.stdout)
    assert report["command"] == "init" and report["files"] == FILES
    assert re.fullmatch(r"[0-9a-f]{40}", report["commit"])
    assert load_repository(tmp_path / "records").config.strand_set == "six-strands"


# --- init, then new eia, then validate --------------------------------------------------


def test_init_new_eia_fill_validate(cli: Cli, tmp_path: Path, no_color: None) -> None:
    assert cli("init", "records", "--yes", cwd=tmp_path).exit_code == 0
    root = tmp_path / "records"
    made = cli("new", "eia", "--title", "Home visits for parents", "--owner", "EO",
               "--as-of", "2007-10-15", cwd=root)  # fmt: skip
    assert made.exit_code == 0
    path = root / "eias" / "eia-2007-home-visits-parents.yaml"
    assert made.stdout == (
        "Wrote eias/eia-2007-home-visits-parents.yaml, a new eia record "
        "(eia-2007-home-visits-parents).\n"
        "eias/eia-2007-home-visits-parents.yaml:13:10: error schema Field 'proposal' is blank.\n"
        "  13 | proposal:\n"
        "     |          ^\n"
        "  hint: Fill it in. The policy, service or decision being assessed.\n"
        "Fill in 1 blank above (and any other sections you need), then run `eqdiv validate`.\n"
    )
    blank = cli("validate", "--as-of", "2007-10-15", cwd=root)
    assert blank.exit_code == 1
    assert "FAILED: 1 error, 0 warnings in 1 file (3 files checked)." in blank.stdout
    text = path.read_text().replace(
        "proposal:\n", "proposal: Offer home visits to every family that asks.\n"
    )
    path.write_text(text)
    done = cli("validate", "--as-of", "2007-10-15", cwd=root)
    assert done.stdout == "OK: 3 files checked, no problems found.\n"
    assert done.exit_code == 0
    # Starting again over the repository is refused, and leaves the EIA as it is.
    assert cli("init", "records", "--yes", cwd=tmp_path).exit_code == 3
    assert path.read_text() == text
    # One rating to fill in per strand of the configured set.
    [eia] = load_repository(root).eias
    assert [i.group for i in eia.impacts] == [
        "age", "disability", "gender_reassignment", "marriage_civil_partnership",
        "pregnancy_maternity", "race", "religion_or_belief", "sex", "sexual_orientation",
    ]  # fmt: skip


# --- eqdiv new, each kind --------------------------------------------------------------

FILL: dict[str, dict[str, str]] = {
    "action-plan": {
        "title:\n": "title: Equality plan\n",
        "owner:\n": "owner: DH\n",
        "text:\n": "text: Train staff\n",
        "owners:\n": "owners: [DH]\n",
        "due:\n": "due: 2008-03\n",
    },
    "eia": {
        "author:\n": "author: DH\n",
        "proposal:\n": "proposal: Close the office\n",
        "title:\n": "title: Office closure\n",
    },
    "consultation": {
        "title:\n": "title: Survey\n",
        "lead:\n": "lead: DH\n",
        "start:\n": "start: 2007-09-01\n",
        "methods:\n": "methods: [survey]\n",
        "total:\n": "total: 12\n",
    },
    "demographics": {
        "area:\n": "area: Example District\n",
        "source:\n": "source: ONS Census 2021, TS008\n",
        "female:\n": "female: 71400\n",
        "male:\n": "male: 68600\n",
    },
    "people": {"- id:\n": "- id: CO\n", "role:\n": "role: Consultation Officer\n"},
    "case-log": {"partner:\n": "partner: council\n", "- ref:   #": "- ref: C-0001   #"},
    "contract": {
        "title:\n": "title: Community transport\n",
        "partner:\n": "partner: council\n",
        "provider:\n": "provider: A community transport charity\n",
        "owner:\n": "owner: DH\n",
        "relevance:\n": "relevance: low\n",
        "start:\n": "start: 2007-04-01\n",
    },
    "outcome-evidence": {
        "title:\n": "title: Evening sessions\n",
        "account:\n": "account: Fathers now come to the evening sessions.\n",
        "objectives:\n": "objectives: [obj-test]\n",
        "by:\n": "by: DH\n",
    },
    "sharing-agreement": {
        "title:\n": "title: Complaint referrals\n",
        "owner:\n": "owner: DH\n",
        "parties:\n": "parties: [council, pct]\nsigned:\n"
        "  - {partner: council, role: Chief Executive, date: 2007-10-01}\n"
        "  - {partner: pct, role: Caldicott Guardian, date: 2007-10-01}\n",
        "purpose:\n": "purpose: So complaints reach the partner that answers them\n",
        "data:\n": "data: [The complaint]\n",
        "lawful_basis:\n": "lawful_basis: Public task\n",
        "retention:\n": "retention: Six years\n",
        "review:\n": "review: 2008-09-30\n",
    },
}


@pytest.mark.parametrize("kind", sorted(FILL))
def test_each_skeleton_validates_once_its_blanks_are_filled(
    cli: Cli, repo: RepoBuilder, kind: str
) -> None:
    config = repo.root / "eqdiv.yaml"
    # Evidence evidences an objective; an agreement needs two parties.
    (repo.root / "objectives").mkdir(exist_ok=True)
    (repo.root / "objectives" / "obj-test.yaml").write_text(
        "kind: objective\nid: obj-test\ntitle: T\nstatement: S\npsed_aims: [advance_equality]\n"
        "period: {start: 2007-04-01, end: 2011-03-31}\n"
    )
    config.write_text(
        config.read_text().replace("  partners:\n", "  partners:\n    - {id: pct, name: A PCT}\n")
    )
    made = cli("new", kind, "--yes", "--format", "json", "--as-of", "2007-10-15", cwd=repo.root)
    assert made.exit_code == 0
    report = json.loads(made.stdout)
    path = repo.root / report["path"]
    blanks = [f["message"] for f in report["findings"]]
    assert blanks and all(m.endswith(" is blank.") for m in blanks), blanks
    text = path.read_text()
    for blank, filled in FILL[kind].items():
        assert blank in text, blank
        text = text.replace(blank, filled, 1)
    path.write_text(text)
    assert [f for f in repo.findings() if report["path"] in f] == []


def schema_fields(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        found |= set(schema.get("properties", {}))
        for value in schema.values():
            found |= schema_fields(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= schema_fields(value)
    return found


@pytest.mark.parametrize("kind", sorted(FILL))
def test_commented_fields_in_skeletons_are_real_fields(
    cli: Cli, repo: RepoBuilder, kind: str
) -> None:
    """An optional field shown as a comment must work when its # is removed."""
    schemas = SchemaSet.load()
    known = schema_fields(schemas.schemas[kind]) | schema_fields(schemas.schemas["common"])
    text = cli("new", kind, "--yes", "--dry-run", cwd=repo.root).stdout
    commented = re.findall(r"^\s*#\s+(?:- )?([a-z_]+):(?:\s|$)", text, re.MULTILINE)
    # Names in maps keyed by data (a profile's dimensions and categories) are examples.
    examples = {"sex", "female", "male", "not_known"}
    assert commented
    assert [name for name in commented if name not in known | examples] == []


def test_ids_never_clash(cli: Cli, repo: RepoBuilder) -> None:
    args = ("new", "eia", "--title", "Drop-in sessions", "--yes", "--as-of", "2007-10-15")
    assert cli(*args, cwd=repo.root).exit_code == 0
    assert cli(*args, cwd=repo.root).exit_code == 0
    assert sorted(p.name for p in (repo.root / "eias").iterdir()) == [
        "eia-2007-drop-sessions-2.yaml",
        "eia-2007-drop-sessions.yaml",
    ]
    taken = cli("new", "eia", "--id", "eia-2007-drop-sessions", "--yes", cwd=repo.root)
    assert taken.exit_code == 2
    assert taken.stderr.startswith("eqdiv: The id 'eia-2007-drop-sessions' is already used.\n")


def test_new_asks_on_a_terminal(ask: Ask, repo: RepoBuilder) -> None:
    answers = "Fathers' group\nXY\nDH\n2007-13-01\n9999-12-31\n2007-09-01\n"
    result = ask(["new", "consultation", "--as-of", "2007-10-15"], answers, repo.root)
    assert result.exit_code == 0, result.stdout
    assert (
        "'XY' is not in the people directory (people.yaml). People: DH, QA. Add someone new "
        "to people.yaml first." in result.stdout
    )
    assert "'2007-13-01' is not a date: write YYYY-MM-DD, such as 2007-10-15." in result.stdout
    assert "'9999-12-31' is outside the dates eqdiv accepts" in result.stdout
    [record] = [r for r in repo.load().records if r.kind == "consultation"]
    assert (record.id, record.path) == (
        "cons-2007-fathers-group", "consultations/cons-2007-fathers-group.yaml",
    )  # fmt: skip
    assert (record.data["title"], record.data["lead"], record.data["start"]) == (
        "Fathers' group", "DH", "2007-09-01",
    )  # fmt: skip


def test_new_usage_errors(cli: Cli, repo: RepoBuilder) -> None:
    wrong = cli("new", "eia", "--date", "2007-09-01", "--yes", cwd=repo.root)
    assert (wrong.exit_code, wrong.stderr) == (
        2, "eqdiv: --date is not used by eqdiv new eia.\n",
    )  # fmt: skip
    unknown = cli("new", "report", cwd=repo.root)
    assert unknown.exit_code == 2
    bad_id = cli("new", "eia", "--id", "two words", "--yes", cwd=repo.root)
    assert bad_id.exit_code == 2 and "--id 'two words' is not an id:" in bad_id.stderr


@pytest.mark.parametrize(
    ("kind", "owner", "nearest"),
    [("eia", "EO", ""), ("consultation", "qa", "Did you mean 'QA'? "),
     ("action-plan", "HD", "Did you mean 'DH'? ")],
)  # fmt: skip
def test_new_refuses_an_owner_not_in_the_people_directory(
    cli: Cli, repo: RepoBuilder, kind: str, owner: str, nearest: str
) -> None:
    result = cli("new", kind, "--owner", owner, "--title", "Survey", "--yes",
                 cwd=repo.root, env={"COLUMNS": "200"})  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"eqdiv: --owner '{owner}' is not in the people directory (people.yaml).\n"
        f"  hint: {nearest}People: DH, QA. Add someone new to people.yaml first.\n"
    )
    assert sorted(p.name for p in repo.root.iterdir()) == ["eqdiv.yaml", "people.yaml"]


def test_a_long_people_directory_is_cut_short_in_the_hint(cli: Cli, repo: RepoBuilder) -> None:
    people = "".join(f"  - id: P{i:02d}\n    role: Officer {i}\n" for i in range(25))
    repo.write({"people.yaml": "kind: people\nid: people\npeople:\n" + people})
    result = cli("new", "eia", "--owner", "P7", "--yes", cwd=repo.root, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    listed = ", ".join(f"P{i:02d}" for i in range(20))
    assert f"People: {listed}, and 5 more. Add someone" in result.stderr


def test_an_owner_with_no_people_directory(cli: Cli, repo: RepoBuilder) -> None:
    (repo.root / "people.yaml").unlink()
    result = cli("new", "eia", "--owner", "DH", "--yes", cwd=repo.root, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert result.stderr == (
        "eqdiv: --owner 'DH': there is no people directory to find them in.\n"
        "  hint: Start one with `eqdiv new people`, and list DH there with their role.\n"
    )


def test_an_owner_is_taken_on_trust_while_the_people_file_cannot_be_read(
    cli: Cli, repo: RepoBuilder
) -> None:
    """validate takes references to people on trust then (the broken file is the one
    problem to fix), so new does too."""
    repo.write({"people.yaml": "kind: people\npeople: [\n"})
    result = cli("new", "eia", "--owner", "EO", "--yes", "--dry-run", cwd=repo.root)
    assert result.exit_code == 0
    assert "author: EO\n" in result.stdout


def test_new_dry_run_writes_nothing(cli: Cli, repo: RepoBuilder) -> None:
    result = cli("new", "action-plan", "--framework", "eslg-2007", "--yes", "--dry-run",
                 cwd=repo.root)  # fmt: skip
    assert result.exit_code == 0
    assert "framework: eslg-2007\n" in result.stdout and "    element: 1\n" in result.stdout
    assert not (repo.root / "plans").exists()
