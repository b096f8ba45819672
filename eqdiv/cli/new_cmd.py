"""``eqdiv new KIND``: a new record from a skeleton, in its conventional folder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from eqdiv.cli import common
from eqdiv.cli.common import AsOf, RepoOption, ReportFormat, print_json, repo_root, today
from eqdiv.cli.options import DryRun, Framework, partner_option
from eqdiv.model.errors import UsageError
from eqdiv.output.formats import TextOrJson

if TYPE_CHECKING:
    from eqdiv.authoring.skeletons import Essential
    from eqdiv.store.repository import Repository

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


class RecordKind(StrEnum):
    action_plan = "action-plan"
    eia = "eia"
    consultation = "consultation"
    demographics = "demographics"
    people = "people"
    case_log = "case-log"
    objective = "objective"
    indicator = "indicator"
    workforce = "workforce"
    contract = "contract"
    sharing_agreement = "sharing-agreement"
    outcome_evidence = "outcome-evidence"


def register(app: typer.Typer) -> None:
    app.command("new")(new)


def new(
    ctx: typer.Context,
    kind: Annotated[
        RecordKind,
        typer.Argument(
            help="The kind of record: action-plan, eia, consultation, demographics, people, "
            "case-log, objective, indicator, workforce, contract, sharing-agreement or "
            "outcome-evidence.",
            metavar="KIND",
            show_default=False,
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option(help="Its title (for demographics, the area it describes).", metavar="TEXT"),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            help="Who is responsible, a people id: a plan's owner, an EIA's author, a "
            "consultation's lead.",
            metavar="ID",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="A consultation's first day, or a workforce return's (YYYY-MM-DD).",
            metavar="DATE",
            callback=common.parse_as_of,
        ),
    ] = None,
    framework: Annotated[
        Framework | None,
        typer.Option(
            help="An action plan's framework. Default: the one current at the plan's date "
            "(eslg-2007 before April 2009, else eflg-2021).",
        ),
    ] = None,
    partner: Annotated[
        str | None,
        partner_option(
            "The partner of a case log or a workforce return, or the partner that buys "
            "under a contract"
        ),
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Option("--id", help="Its id (default: made from the title and year).", metavar="ID"),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Ask nothing: leave what is not given blank.")
    ] = False,
    dry_run: DryRun = False,
    format: ReportFormat = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Start a new record from a template that explains each field, in its usual folder
    (plans/, eias/, consultations/, demographics/) with an id that is not taken.

    On a terminal it asks for the essentials (a title, who is responsible ...); in a
    script give them as options. What is not given is left blank, and eqdiv validate
    names every blank until it is filled; filled, the record validates.
    """
    from eqdiv.authoring.record_start import start_record
    from eqdiv.authoring.skeletons import DATE, FRAMEWORK, OWNER, PARTNER, TITLE
    from eqdiv.output.authoring import render_new

    root = repo_root(ctx, repo)
    given = {
        TITLE: " ".join(title.split()) if title else None,
        OWNER: owner,
        DATE: start.isoformat() if isinstance(start, date) else None,
        FRAMEWORK: framework.value if framework else None,
        PARTNER: partner,
    }
    ask = _ask if not yes and common.stdin_is_terminal() else None
    outcome = start_record(
        root, kind.value, given, today(as_of, root), record_id=record_id, ask=ask, dry_run=dry_run
    )
    if format is TextOrJson.json:
        print_json(outcome.to_dict())
    else:
        render_new(outcome)


def _ask(essential: Essential, existing: Repository) -> str:
    """One question; Enter leaves the answer blank (the record then has a blank)."""
    question, name = essential.question, essential.name
    checks: dict[str, Callable[[str], str]] = {
        "owner": lambda text: _person(text, existing),
        "date": _date,
        "framework": _framework,
        "partner": lambda text: _partner(text, existing),
    }
    people = existing.people
    hint = f" [{', '.join(sorted(people))}]" if name == "owner" and people else ""
    default = Framework.eflg_2021.value if name == "framework" else ""
    answer: str = typer.prompt(
        f"{question}{hint}",
        default=default,
        show_default=bool(default),
        value_proc=checks.get(name, lambda text: " ".join(text.split())),
    )
    return answer


def _person(text: str, existing: Repository) -> str:
    from eqdiv.authoring.drafts import check_person

    text = text.strip()
    if text:
        try:
            check_person(existing, text)
        except UsageError as err:
            raise typer.BadParameter(f"{err.message} {err.hint}") from None
    return text


def _partner(text: str, existing: Repository) -> str:
    from eqdiv.authoring.record_start import check_partner

    text = text.strip()
    if text:
        try:
            check_partner(existing, text)
        except UsageError as err:
            raise typer.BadParameter(f"{err.message} {err.hint}") from None
    return text


def _date(text: str) -> str:
    text = text.strip()
    if text:
        common.parse_as_of(text)  # the same dates as --date takes
    return text


def _framework(text: str) -> str:
    try:
        return Framework(text.strip()).value
    except ValueError:
        raise typer.BadParameter(f"'{text}' is not eflg-2021 or eslg-2007.") from None
