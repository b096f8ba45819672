"""``eqdiv import cases``: a complaints system's export with its own column names, read
with a map; bad rows named by row and column and left out; personal data never echoed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, DATA, TEXT_80, CliResult

Cli = Callable[..., CliResult]
EXPORT = DATA / "council-complaints-export.csv"
MAP = [
    "--map", "acknowledged=Ack Sent", "--map", "channel=How Received",
    "--map", "about=Service Area", "--map", "support_asked=Adjustment Requested",
    "--map", "support_provided=Adjustment Provided", "--map", "responded=Response Sent",
    "--map", "handed_on=Date Referred",
]  # fmt: skip


@pytest.fixture
def records(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(BUNDLED, root, ignore=shutil.ignore_patterns(".eqdiv-cache"))
    return root


def run(cli: Cli, root: Path, *extra: str) -> CliResult:
    return cli(
        "import", "cases", str(EXPORT), "--partner", "council", "--as-of", "2008-05-01",
        *MAP, *extra, cwd=root, env=TEXT_80,
    )  # fmt: skip


def test_bad_rows_are_named_and_nothing_is_written(cli: Cli, records: Path) -> None:
    result = run(cli, records)
    assert result.exit_code == 1
    out = result.stdout
    assert (
        "council-complaints-export.csv: row 6, column B (Date Logged): error This is not a "
        "date eqdiv can read." in out
    )
    assert "row 7, column E (How Received): error eqdiv does not know this value." in out
    assert "row 7, column I (Date Referred): error A date is missing here." in out
    assert "row 7, column P (Comments): error This cell looks like it holds a phone number" in out
    assert "2 rows left out: 6, 7." in out
    assert "Nothing was written" in out
    assert "07700" not in out
    assert not (records / "cases" / "cases-council-2008.yaml").exists()


def test_allow_gaps_writes_the_readable_rows_and_they_validate(cli: Cli, records: Path) -> None:
    result = run(cli, records, "--allow-gaps", "--format", "json")
    assert result.exit_code == 1  # there were problems, even though the rest was written
    report = json.loads(result.stdout)
    assert report["written"] is True
    assert (report["cases"], report["left_out"]) == (3, [6, 7])
    assert report["path"] == "cases/cases-council-2008.yaml"
    assert report["findings"] == []
    assert cli("validate", "--as-of", "2008-05-01", cwd=records).exit_code == 0
    data = json.loads(cli("cases", "--period", "2008", "--as-of", "2008-05-01", "-f", "json",
                          cwd=records).stdout)  # fmt: skip
    assert data["timeliness"]["received"] == 3


def test_the_saved_map_in_eqdiv_yaml_is_used(cli: Cli, records: Path) -> None:
    config = records / "eqdiv.yaml"
    saved = "\n".join(f"    {item.split('=')[0]}: {item.split('=')[1]}" for item in MAP[1::2])
    config.write_text(
        config.read_text().replace("cases:\n", "cases:\n  import_map:\n" + saved + "\n", 1)
    )
    result = cli("import", "cases", str(EXPORT), "--partner", "council", "--as-of",
                 "2008-05-01", "--allow-gaps", cwd=records, env=TEXT_80)  # fmt: skip
    assert "Wrote cases/cases-council-2008.yaml: 3 cases" in result.stdout


def test_without_the_map_the_columns_it_cannot_find_are_left_unread(
    cli: Cli, records: Path
) -> None:
    result = cli("import", "cases", str(EXPORT), "--partner", "council", "--as-of",
                 "2008-05-01", "--dry-run", "--format", "json", cwd=records)  # fmt: skip
    report = json.loads(result.stdout)
    # Case No, Date Logged, Type, Stage, Referred To, Closed and Result are found by name.
    assert report["cases"] == 3


def test_usage_errors(cli: Cli, records: Path) -> None:
    for args, message in (
        (("--partner", "counsil"), "eqdiv: 'counsil' is not a partner in eqdiv.yaml."),
        (
            ("--partner", "council", "--map", "recieved=Date"),
            "eqdiv: --map: 'recieved' is not a field",
        ),
        (
            ("--partner", "council", "--map", "received"),
            "eqdiv: --map 'received' is not FIELD=HEADING.",
        ),
        (("--partner", "council", "--period", "2007-Q2"), "eqdiv: A case log covers a year"),
    ):
        result = cli("import", "cases", str(EXPORT), *args, cwd=records, env=TEXT_80)
        assert result.exit_code == 2, args
        assert result.stderr.startswith(message), result.stderr
    taken = cli("import", "cases", str(EXPORT), "--partner", "council", "--period", "2007",
                cwd=records, env=TEXT_80)  # fmt: skip
    assert taken.exit_code == 2
    assert "The id 'cases-council-2007' is already used." in taken.stderr


def test_a_file_with_no_case_headings(cli: Cli, records: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("Name,Colour\nA,Blue\n")
    result = cli("import", "cases", str(other), "--partner", "council", "--period", "2008",
                 cwd=records, env=TEXT_80)  # fmt: skip
    assert result.exit_code == 1
    assert "No row looks like the headings of a case list" in result.stdout


def test_without_as_of_the_records_own_date_gives_the_year(cli: Cli, records: Path) -> None:
    # as_of: 2007-10-15 in the sample's eqdiv.yaml: the log is 2007/08's, and that one is taken.
    result = cli("import", "cases", str(EXPORT), "--partner", "council", cwd=records)
    assert result.exit_code == 2
    assert "The id 'cases-council-2007' is already used." in result.stderr
