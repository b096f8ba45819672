"""`eqdiv report quarterly|annual` as a user runs them: golden reports for the bundled
records in every format, the JSON a template is given, periods, output files, and
what small numbers and record text become in a published report."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from eqdiv.report import annual_for, annual_report, quarter_for, quarterly_report, report_json
from eqdiv.store.repository import load_repository
from tests.conftest import AS_OF, BUNDLED, CliResult, RepoBuilder

Cli = Callable[..., CliResult]
QUARTERLY = ("report", "quarterly", "--as-of", "2007-10-15")
ANNUAL = ("report", "annual", "--year", "2007", "--as-of", "2008-04-30")


def test_plain_text_fits_80_columns(cli: Cli) -> None:
    for args in (QUARTERLY, ANNUAL):
        text = cli(*args, "--format", "txt").stdout
        assert max(len(line) for line in text.splitlines()) <= 80


def test_json_is_the_view_model_the_templates_get(cli: Cli) -> None:
    repo = load_repository(BUNDLED)
    expected = report_json(
        quarterly_report(repo, AS_OF, quarter_for(repo, AS_OF, None)), str(repo.root), AS_OF
    )
    result = cli(*QUARTERLY, "--format", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found == json.loads(json.dumps(expected))
    assert found["command"] == "report quarterly"
    assert found["report"]["period"]["label"] == "2007/08 Q2 (July to September 2007)"


def test_the_default_quarter_and_year_are_the_last_complete_ones() -> None:
    repo = load_repository(BUNDLED)
    assert quarter_for(repo, AS_OF, None).label == "2007/08 Q2 (July to September 2007)"
    assert quarter_for(repo, AS_OF, "2007-Q1").label == "2007/08 Q1 (April to June 2007)"
    assert annual_for(repo, AS_OF, None).label == "2006/07"
    model = annual_report(repo, AS_OF, annual_for(repo, AS_OF, "2007/08"))
    assert model.period.complete is False
    assert model.to_dict()["period"]["so_far"] == {"iso": "2007-10-15", "text": "15 October 2007"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", "quarterly", "--quarter", "2007"), "'2007' is a year, not a quarter."),
        (("report", "annual", "--year", "2007-Q2"), "'2007-Q2' is a quarter, not a year."),
        (
            ("report", "quarterly", "--quarter", "2008-Q1"),
            "2008/09 Q1 (April to June 2008) has not started on 2007-10-15",
        ),
        (("report", "quarterly", "--quarter", "Q2"), "'Q2' is not a period eqdiv knows."),
        (
            ("report", "quarterly", "--format", "md", "--large-print"),
            "--large-print is for --format html.",
        ),
        (
            ("report", "render", "quarterly.md", "--year", "2007"),
            "--year is for --report annual",
        ),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli(*args, "--as-of", "2007-10-15")
    assert result.exit_code == 2
    assert message in result.stderr


def test_output_file_is_written_whole_and_replaces_the_old_one(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "q.md"
    target.write_text("old report\n")
    result = cli(*QUARTERLY, "--format", "md", "--output", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text() == cli(*QUARTERLY, "--format", "md").stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.md"]  # no temporary left


def test_output_to_a_device_a_new_folder_and_a_folder(cli: Cli, tmp_path: Path) -> None:
    # What bench/run.py times: the HTML report written to /dev/null.
    devnull = cli(*QUARTERLY, "--format", "html", "--output", os.devnull)
    assert (devnull.exit_code, devnull.stdout, devnull.stderr) == (0, "", "")
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()
    new = tmp_path / "reports" / "2007" / "q2.txt"
    made = cli(*QUARTERLY, "--format", "txt", "--output", str(new))
    assert made.exit_code == 0
    assert new.read_text().startswith("Equality and diversity: quarterly progress report\n")
    folder = cli(*QUARTERLY, "--output", str(tmp_path))
    assert folder.exit_code == 3
    assert f"eqdiv: {tmp_path} cannot be written: Is a directory." in folder.stderr
    assert "Traceback" not in folder.stderr


def test_large_print(cli: Cli) -> None:
    html = cli(*QUARTERLY, "--large-print").stdout
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB" class="large-print">')
    assert "html.large-print { font-size: 150%; }" in html


def test_html_is_self_contained(cli: Cli) -> None:
    for args in (QUARTERLY, ANNUAL):
        html = cli(*args).stdout
        # Nothing to fetch: no src, no stylesheet link, no URL outside the page.
        assert not re.search(r"\ssrc=|<link\b|url\(|https?://(?!www\.w3\.org/2000/svg)", html)
        assert "<style>" in html
        # Every chart is an image with a name and a text alternative, and a table.
        charts = re.findall(r'<svg xmlns="[^"]+" role="img".*?</svg>', html, re.S)
        assert len(charts) >= 3
        for chart in charts:
            assert re.search(r'<title id="[^"]+">[^<]+</title>', chart)
            assert re.search(r'<desc id="[^"]+">[^<]{20,}</desc>', chart)
        assert html.count("<table>") > len(charts)


@pytest.fixture
def copy_of_bundled(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


def test_record_text_is_escaped_in_html(cli: Cli, copy_of_bundled: Path) -> None:
    plan = copy_of_bundled / "plans/parent-partnership-2007.yaml"
    plan.write_text(
        plan.read_text().replace(
            "text: Audit information for each group",
            "text: \"Audit <script>alert('x')</script> each group\"",
        )
    )
    html = cli(*QUARTERLY, cwd=copy_of_bundled).stdout
    assert "<script>" not in html
    assert "Audit &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; each group" in html
    md = cli(*QUARTERLY, "--format", "md", cwd=copy_of_bundled).stdout
    assert "<script>" not in md
    assert "Audit &lt;script&gt;alert('x')&lt;/script&gt; each group" in md


def test_counts_of_people_are_never_published_exactly_when_small(cli: Cli) -> None:
    found = json.loads(cli(*QUARTERLY, "--format", "json").stdout)["report"]
    activities = {a["id"]: a["participants"] for a in found["consultation"]["activities"]}
    # The fathers' focus group had 7; the rural drop-ins 31, hidden so that neither the
    # total (610) nor the 598 asked their age (all but the Traveller visit) gives the 7
    # away. Hiding the Traveller visit's 12 would not do: the 572 asked their ethnic
    # group less the 560 asked about disability is 12.
    # Every hidden count reads the same, whatever the reason.
    assert activities["cons-2007-fathers-group"] == {
        "value": None,
        "text": "hidden",
        "hidden": "protected",
    }
    assert activities["cons-2007-rural-drop-ins"] == activities["cons-2007-fathers-group"]
    assert activities["cons-2007-traveller-outreach"]["value"] == 12
    assert found["consultation"]["participants"]["value"] == 610
    text = cli(*QUARTERLY, "--format", "txt").stdout
    assert "Took part: hidden." in text and "Took part: fewer than" not in text


def test_a_broken_record_is_named_and_the_rest_reported(cli: Cli, copy_of_bundled: Path) -> None:
    eia = copy_of_bundled / "eias/eia-2007-home-visits.yaml"
    eia.write_text(eia.read_text().replace("decision: adjust", "decision: tweak"))
    result = cli(*QUARTERLY, "--format", "txt", cwd=copy_of_bundled)
    assert result.exit_code == 0
    assert "eias/eia-2007-home-visits.yaml has errors, so nothing in it is in this" in (
        result.stdout
    )
    assert "1 EIA completed: Moving case records" in result.stdout


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_a_plan_with_errors_is_named_not_reported_as_missing(
    cli: Cli, copy_of_bundled: Path, fmt: str
) -> None:
    plan = copy_of_bundled / "plans/parent-partnership-2007.yaml"
    plan.write_text(plan.read_text().replace("status: in_progress", "status: late", 1))
    result = cli(*QUARTERLY, "--format", fmt, cwd=copy_of_bundled)
    assert result.exit_code == 0
    assert "No action plan is recorded." not in result.stdout
    assert (
        "No action plan could be read: plans/parent-partnership-2007.yaml has errors"
        in result.stdout
    )
    if fmt == "txt":  # plain text keeps to 80 columns, this sentence too
        assert max(len(line) for line in result.stdout.splitlines()) <= 80
    report = json.loads(cli(*QUARTERLY, "--format", "json", cwd=copy_of_bundled).stdout)
    assert report["report"]["no_plan"] == (
        "No action plan could be read: plans/parent-partnership-2007.yaml has errors "
        "(`eqdiv validate` shows them)."
    )


def test_a_repository_template_overrides_the_quarterly_report(
    cli: Cli, copy_of_bundled: Path
) -> None:
    (copy_of_bundled / "templates").mkdir()
    (copy_of_bundled / "templates/quarterly.md").write_text(
        "# {{ report.partnership.name }}: {{ report.period.short }}\n"
        "{% for p in report.plans %}{{ p.title }}: {{ p.rag.word }}\n{% endfor %}"
    )
    result = cli(*QUARTERLY, "--format", "md", cwd=copy_of_bundled)
    assert (result.exit_code, result.stdout) == (
        0,
        "# Example Partnership for Equality and Diversity: 2007/08 Q2\n"
        "Parent Partnership Equality and Diversity Action Plan: Red\n",
    )
    # The other formats are still the built-in ones.
    assert cli(*QUARTERLY, "--format", "txt", cwd=copy_of_bundled).stdout.startswith(
        "Equality and diversity: quarterly progress report\n"
    )


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_a_new_repository_gives_both_reports(cli: Cli, repo: RepoBuilder, fmt: str) -> None:
    for args in (QUARTERLY, ANNUAL):
        result = cli(*args, "--format", fmt, cwd=repo.root)
        assert (result.exit_code, result.stderr) == (0, "")
        assert "No action plan is recorded." in result.stdout
