"""What ``eqdiv import census`` prints: the problems in each download, by file, line and
column, then what was written (or the profile itself, with ``--dry-run``)."""

from __future__ import annotations

import sys
from pathlib import Path

from eqdiv.authoring.census_import import CensusOutcome
from eqdiv.output.authoring import plural, render_findings
from eqdiv.output.console import display_path, make_console
from eqdiv.output.findings import render_finding


def render_census_import(root: Path, outcome: CensusOutcome, *, dry_run: bool) -> None:
    console = make_console(stderr=dry_run)
    result = outcome.result
    for finding in result.findings:
        # Census findings point into the downloads, outside the records repository.
        render_finding(console, finding, finding.location.path)
    render_findings(console, root, outcome.draft_findings)
    if dry_run and result.record is not None:
        sys.stdout.write(result.text)
    shown = display_path(root, outcome.path)
    dims = len(result.record["dimensions"]) if result.record else 0
    areas = ", ".join(result.areas)
    if outcome.written:
        verb = "Updated" if result.updated else "Wrote"
        console.print(f"[ok]{verb}[/] {shown}: {plural(dims, 'dimension')} for {areas}.")
    elif not dry_run and outcome.failed:
        console.print(
            "[error]Nothing was written:[/] fix the problems above (download the tables "
            "again if a category is missing or a total does not add up), then import again."
        )
