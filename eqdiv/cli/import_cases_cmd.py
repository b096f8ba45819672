"""``eqdiv import cases``: a complaints system's export (CSV or .xlsx) as a case log."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from eqdiv.cli.common import (
    EXIT_FINDINGS,
    AsOf,
    RepoOption,
    ReportFormat,
    TextOrJson,
    new_file,
    parse_period_option,
    print_json,
    repo_root,
    today,
)
from eqdiv.model.errors import UsageError

# Lazy imports: the command imports the spreadsheet reader when it runs, so that `eqdiv
# --help` and every other command start without loading it.


def register(import_group: typer.Typer) -> None:
    """Add ``cases`` to the ``eqdiv import`` group."""
    import_group.command("cases")(import_cases_command)


def import_cases_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="The export: .csv, or .xlsx, one row per case.", metavar="FILE", show_default=False
        ),
    ],
    partner: Annotated[
        str,
        typer.Option(help="The partner whose cases these are (a partner id).", metavar="ID"),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            help="The reporting year the log covers (2007 or 2007/08). Default: the year "
            "of --as-of.",
            metavar="YEAR",
            callback=parse_period_option,
        ),
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Which column holds a field, FIELD=HEADING (or a column letter), e.g. "
            "received='Date Logged'. Repeat for each; adds to cases: import_map in "
            "eqdiv.yaml.",
            metavar="FIELD=HEADING",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(help="The sheet of an .xlsx workbook (default: the first).", metavar="NAME"),
    ] = None,
    log_id: Annotated[
        str | None,
        typer.Option("--id", help="The log's id (default cases-PARTNER-YEAR).", metavar="ID"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(help="Where to write the record (default: cases/ID.yaml).", metavar="PATH"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the record; write nothing.")
    ] = False,
    allow_gaps: Annotated[
        bool,
        typer.Option(
            "--allow-gaps",
            help="Write the rows that could be read even if some could not; the others are "
            "named and left out.",
        ),
    ] = False,
    format: ReportFormat = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Turn a complaints system's export into a case-log record in cases/.

    Columns are found by their headings (Case No, Date Logged, Outcome ...) or named
    with --map. Every cell eqdiv cannot read is reported by row and column and its row
    left out; nothing is written while there are problems (unless --allow-gaps). A
    note that looks like personal data is never imported. Exit 0 when the record was
    written (or shown) cleanly, 1 when there are problems, 2 for a usage error.
    """
    from eqdiv.authoring.case_import import FIELDS, CaseImportOptions, import_cases
    from eqdiv.authoring.drafts import check_draft
    from eqdiv.authoring.naming import FOLDERS, taken_ids
    from eqdiv.authoring.plan_columns import normalise
    from eqdiv.authoring.tables import read_table
    from eqdiv.model.findings import Severity
    from eqdiv.model.json_parts import envelope, finding_to_dict
    from eqdiv.model.periods import parse_period, year_of
    from eqdiv.model.suggest import did_you_mean
    from eqdiv.output.authoring import plural, render_findings, render_problems
    from eqdiv.output.console import display_path, make_console
    from eqdiv.store.atomic_write import write_atomic
    from eqdiv.store.repository import load_repository

    root = repo_root(ctx, repo)
    day = today(as_of)
    existing = load_repository(root)
    config = existing.config
    partners = {p.id for p in config.partners}
    if partner not in partners:
        raise UsageError(
            f"'{partner}' is not a partner in eqdiv.yaml.",
            did_you_mean(partner, partners) + "Partners: " + ", ".join(sorted(partners)) + ".",
        )
    start = config.year_start_month
    year = parse_period(period, start).start.year if period else year_of(day, start)
    if period and parse_period(period, start).label.count("Q"):
        raise UsageError("A case log covers a year: give --period 2007 or 2007/08.")
    columns = dict(config.cases.import_map)
    for item in column or []:
        name, sep, heading = item.partition("=")
        name = name.strip()
        if not sep or not heading.strip():
            raise UsageError(
                f"--map '{item}' is not FIELD=HEADING.", "For example received='Date Logged'."
            )
        if name not in FIELDS:
            raise UsageError(
                f"--map: '{name}' is not a field of a case.",
                did_you_mean(name, FIELDS) + "Fields: " + ", ".join(FIELDS) + ".",
            )
        columns[name] = heading.strip()
    groups: dict[str, str] = {}
    for group in config.groups:
        groups[normalise(group.id)] = group.id
        groups[normalise(group.label)] = group.id
    folder = FOLDERS["case-log"]
    chosen_id = log_id or f"cases-{partner}-{year}"
    if chosen_id in {r.id for r in existing.records} or chosen_id in taken_ids(root, set(), folder):
        raise UsageError(
            f"The id '{chosen_id}' is already used.",
            "Add the cases to that log by hand, or choose another id with --id.",
        )
    table = read_table(file, sheet)
    result = import_cases(
        table,
        CaseImportOptions(
            partner=partner,
            period=str(year),
            log_id=chosen_id,
            columns=columns,
            partners=frozenset(partners),
            groups=groups,
        ),
    )
    record = result.record
    path: str | None = None
    findings: tuple[Any, ...] = ()
    if record is not None:
        path = new_file(root, output) if output else f"{folder}/{chosen_id}.yaml"
        if (root / path).exists():
            raise UsageError(
                f"{path} already exists; eqdiv does not overwrite it.",
                "Choose another id with --id, or another file with --output.",
            )
        findings = check_draft(root, path, result.text.encode("utf-8"), day).findings
    errors = bool(result.errors) or any(f.severity is Severity.ERROR for f in findings)
    write = record is not None and not dry_run and (not errors or allow_gaps)
    if write:
        assert path is not None  # a record has a path
        write_atomic(root / path, result.text.encode("utf-8"), new=True)

    if format is TextOrJson.json:
        print_json(
            {
                **envelope("import cases", str(root), day.isoformat()),
                "source": result.source,
                "path": path,
                "written": write,
                "cases": result.cases,
                "left_out": list(result.left_out),
                "problems": [p.to_dict() for p in result.problems],
                "findings": [finding_to_dict(f) for f in findings],
            }
        )
    else:
        console = make_console(stderr=dry_run)
        render_problems(console, table.source, result.problems)
        if findings:
            render_findings(console, root, findings)
        if dry_run:
            sys.stdout.write(result.text)
        shown = display_path(root, path) if path else None
        if write:
            console.print(
                f"[ok]Wrote[/] {shown}: {plural(result.cases, 'case')} from {table.source}."
            )
        elif not dry_run:
            console.print(
                f"[error]Nothing was written:[/] fix the problems above in {file.name} and "
                "import it again, or use --allow-gaps to write the rows that could be read."
            )
    if errors:
        raise typer.Exit(EXIT_FINDINGS)
