"""``eqdiv report``: the quarterly progress report, the annual equality information,
and any template a partnership writes, rendered from the records."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eqdiv.cli.common import (
    AsOf,
    EqdivGroup,
    RepoOption,
    parse_period_option,
    repo_root,
    today,
)
from eqdiv.model.errors import UsageError
from eqdiv.output.formats import EiaDocumentFormat, ReportFileFormat

if TYPE_CHECKING:
    from datetime import date

    from eqdiv.report import Report
    from eqdiv.store.repository import Repository

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.

report_app = typer.Typer(
    cls=EqdivGroup,
    help="Reports from the records: the quarterly progress report, the annual equality "
    "information, or a template of your own. HTML, Markdown or plain text.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class ReportKind(StrEnum):
    quarterly = "quarterly"
    annual = "annual"


FormatOption = Annotated[
    ReportFileFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="html (one self-contained page), md (Markdown, for a wiki or a pull request), "
        "txt (plain text), docx (a Word document, with --output; needs the `docx` extra) "
        "or json (the figures a template is given). Default: from the --output file's "
        "extension, else html.",
    ),
]
# What an --output file's extension says about the format it should hold.
_EXTENSIONS = {
    ".html": ReportFileFormat.html,
    ".htm": ReportFileFormat.html,
    ".md": ReportFileFormat.md,
    ".markdown": ReportFileFormat.md,
    ".txt": ReportFileFormat.txt,
    ".json": ReportFileFormat.json,
    ".docx": ReportFileFormat.docx,
}


def _format(given: ReportFileFormat | None, output: Path | None) -> ReportFileFormat:
    """The format asked for, else the one the output file's extension names, else HTML;
    a format that contradicts the extension is a usage error, not a mislabelled file."""
    implied = _EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if given is not None and implied is not None and given is not implied:
        assert output is not None
        raise UsageError(
            f"--format {given.value} does not fit {output.name}, whose extension says "
            f"{implied.value}.",
            f"Leave out --format (the extension decides), or name the file "
            f"{output.stem}.{given.value}.",
        )
    return given or implied or ReportFileFormat.html


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of the screen.", metavar="FILE"
    ),
]
LargePrintOption = Annotated[
    bool,
    typer.Option("--large-print", help="HTML in large print (text at 150%, 18 point in print)."),
]
QuarterOption = Annotated[
    str | None,
    typer.Option(
        "--quarter",
        help="The quarter, such as 2007-Q2 (July to September 2007 when the year starts in "
        "April). Default: the last complete quarter before --as-of.",
        metavar="QUARTER",
        callback=parse_period_option,
    ),
]
YearOption = Annotated[
    str | None,
    typer.Option(
        "--year",
        help="The reporting year, such as 2007 or 2007/08. Default: the last complete year "
        "before --as-of.",
        metavar="YEAR",
        callback=parse_period_option,
    ),
]


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")


@report_app.command("quarterly")
def quarterly(
    ctx: typer.Context,
    quarter: QuarterOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    large_print: LargePrintOption = False,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """The quarterly progress report for the team meeting: the action plan by element,
    what changed in the quarter, what is late, EIAs, consultation and its gaps, the
    four measures of success, and what the meeting has to decide."""
    _report(ctx, ReportKind.quarterly, quarter, format, output, large_print, as_of, repo)


@report_app.command("annual")
def annual(
    ctx: typer.Context,
    year: YearOption = None,
    format: FormatOption = None,
    output: OutputOption = None,
    large_print: LargePrintOption = False,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """The annual equality information under the Public Sector Equality Duty, by its
    three aims: the objectives and their progress, the EIAs completed and published,
    consultation, the indicators, and alternative formats on request."""
    _report(ctx, ReportKind.annual, year, format, output, large_print, as_of, repo)


@report_app.command("render")
def render(
    ctx: typer.Context,
    template: Annotated[
        str,
        typer.Argument(
            help="A template in the records repository's templates/ folder or a built-in "
            "one (by name, such as quarterly.md), or the path of a template file."
        ),
    ],
    report: Annotated[
        ReportKind,
        typer.Option("--report", help="Which report's figures the template is given."),
    ] = ReportKind.quarterly,
    quarter: QuarterOption = None,
    year: YearOption = None,
    output: OutputOption = None,
    large_print: LargePrintOption = False,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Render a template of your own with a report's figures (`report`, as `--format
    json` shows them). An error in the template is named with its line (exit 3)."""
    from eqdiv.output.files import write_output
    from eqdiv.report import render_report

    if report is ReportKind.quarterly and year is not None:
        raise UsageError("--year is for --report annual; a quarterly report takes --quarter.")
    if report is ReportKind.annual and quarter is not None:
        raise UsageError("--quarter is for --report quarterly; an annual report takes --year.")
    repository, day = _load(ctx, repo, as_of)
    model = _model(repository, day, report, quarter if report is ReportKind.quarterly else year)
    given = Path(template)
    first: tuple[Path, ...] = ()
    name = template
    if given.is_file():
        first, name = (given.resolve().parent,), given.name
    text = render_report(model, name, repository.root, large_print=large_print, first=first)
    write_output(text, output)


@report_app.command("eia")
def eia(
    ctx: typer.Context,
    eia_id: Annotated[str, typer.Argument(help="The EIA's id.", metavar="EIA_ID")],
    format: Annotated[
        EiaDocumentFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html (one self-contained page), docx (a Word document, with --output) or "
            "json. Default: from the --output file's extension, else html.",
        ),
    ] = None,
    output: OutputOption = None,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """One EIA as a document to publish or attach to a committee paper: the proposal,
    evidence, engagement, impact on each group, the duty's three aims, mitigation, the
    decision, monitoring, sign-off and its quality score. As html (default), docx (a
    Word document, with --output) or json."""
    from eqdiv.output.files import write_output
    from eqdiv.report import eia_document_for, eia_document_json, render_eia_document

    chosen = _format(ReportFileFormat(format.value) if format else None, output)
    if chosen in (ReportFileFormat.md, ReportFileFormat.txt):
        raise UsageError(
            f"An EIA document is not written as {chosen.value}.",
            "Use --format html, docx or json; `eqdiv eia score --format md` gives the "
            "score in Markdown.",
        )
    _needs_output(chosen, output, f"eia {eia_id}", f"{eia_id}.docx")
    repository, day = _load(ctx, repo, as_of)
    document = eia_document_for(repository, eia_id, day)
    if chosen is ReportFileFormat.docx:
        assert output is not None  # refused above
        _write_docx(render_eia_document(document, repository.root), output)
    elif chosen is ReportFileFormat.json:
        shape = eia_document_json(document, str(repository.root), day)
        write_output(json.dumps(shape, indent=2) + "\n", output)
    else:
        write_output(render_eia_document(document, repository.root), output)


def _needs_output(format: ReportFileFormat, output: Path | None, what: str, example: str) -> None:
    if format is ReportFileFormat.docx and output is None:
        raise UsageError(
            "--format docx writes a Word file: name it with --output.",
            f"For example: eqdiv report {what} --format docx --output {example}",
        )


def _write_docx(page: str, output: Path) -> None:
    from eqdiv.output.docx_report import page_to_docx
    from eqdiv.store.atomic_write import write_atomic

    write_atomic(output, page_to_docx(page))


def _load(ctx: typer.Context, repo: str | None, as_of: object) -> tuple[Repository, date]:
    from eqdiv.cli.loading import load

    records = load(ctx, repo_root(ctx, repo))
    return records, today(as_of, records)


def _model(repository: Repository, day: date, kind: ReportKind, period: str | None) -> Report:
    from eqdiv.report import annual_for, annual_report, quarter_for, quarterly_report

    if kind is ReportKind.quarterly:
        return quarterly_report(repository, day, quarter_for(repository, day, period))
    return annual_report(repository, day, annual_for(repository, day, period))


def _report(
    ctx: typer.Context,
    kind: ReportKind,
    period: str | None,
    given: ReportFileFormat | None,
    output: Path | None,
    large_print: bool,
    as_of: object,
    repo: str | None,
) -> None:
    from eqdiv.output.files import write_output
    from eqdiv.report import render_report, report_json

    format = _format(given, output)
    if large_print and format is not ReportFileFormat.html:
        raise UsageError(
            "--large-print is for --format html.",
            "Markdown and plain text take the reader's own font size.",
        )
    _needs_output(format, output, kind.value, f"{kind.value}.docx")
    repository, day = _load(ctx, repo, as_of)
    model = _model(repository, day, kind, period)
    if format is ReportFileFormat.docx:
        assert output is not None  # refused above
        _write_docx(render_report(model, f"{kind.value}.html", repository.root), output)
        return
    if format is ReportFileFormat.json:
        text = json.dumps(report_json(model, str(repository.root), day), indent=2) + "\n"
    else:
        text = render_report(
            model, f"{kind.value}.{format.value}", repository.root, large_print=large_print
        )
    write_output(text, output)
