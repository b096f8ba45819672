"""``eqdiv new KIND``: a new record from a skeleton, in its conventional folder."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from eqdiv.cli import common
from eqdiv.cli.common import (
    AsOf,
    RepoOption,
    ReportFormat,
    TextOrJson,
    print_json,
    repo_root,
    today,
)
from eqdiv.model.errors import UsageError

if TYPE_CHECKING:
    from eqdiv.store.repository import Repository

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.


class RecordKind(StrEnum):
    action_plan = "action-plan"
    eia = "eia"
    consultation = "consultation"
    demographics = "demographics"
    people = "people"


class Framework(StrEnum):
    eflg_2021 = "eflg-2021"
    eslg_2007 = "eslg-2007"


def register(app: typer.Typer) -> None:
    app.command("new")(new)


def new(
    ctx: typer.Context,
    kind: Annotated[
        RecordKind,
        typer.Argument(
            help="The kind of record: action-plan, eia, consultation, demographics or people.",
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
            help="A consultation's first day (YYYY-MM-DD).",
            metavar="DATE",
            callback=common.parse_as_of,
        ),
    ] = None,
    framework: Annotated[
        Framework | None, typer.Option(help="An action plan's framework (default eflg-2021).")
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Option("--id", help="Its id (default: made from the title and year).", metavar="ID"),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Ask nothing: leave what is not given blank.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the record; write nothing.")
    ] = False,
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
    from eqdiv.authoring.drafts import check_draft, check_person
    from eqdiv.authoring.naming import FOLDERS, is_id, taken_ids
    from eqdiv.authoring.skeletons import DATE, FRAMEWORK, KINDS, OWNER, TITLE, new_record
    from eqdiv.model.json_parts import envelope, finding_to_dict
    from eqdiv.output.authoring import plural, render_findings
    from eqdiv.output.console import display_path, make_console
    from eqdiv.store.atomic_write import write_atomic
    from eqdiv.store.repository import load_repository

    root = repo_root(ctx, repo)
    day = today(as_of)
    existing = load_repository(root)
    spec = KINDS[kind.value]
    if owner is not None and any(e.name == OWNER for e in spec.essentials):
        check_person(existing, owner, "--owner")
    given = {
        TITLE: " ".join(title.split()) if title else None,
        OWNER: owner,
        DATE: start.isoformat() if isinstance(start, date) else None,
        FRAMEWORK: framework.value if framework else None,
    }
    values = {name: value for name, value in given.items() if value}
    if not yes and common.stdin_is_terminal():
        for essential in spec.essentials:
            if essential.name not in values:
                answer = _ask(essential.question, essential.name, existing)
                if answer:
                    values[essential.name] = answer
    ids = {r.id for r in existing.records}
    if record_id is not None:
        if not is_id(record_id):
            raise UsageError(
                f"'{record_id}' is not an id.",
                "Ids are letters, digits, '.', '_' or '-', with no spaces.",
            )
        if record_id in ids:
            raise UsageError(f"The id '{record_id}' is already used.", "Choose another.")
    folder = FOLDERS[kind.value]
    record = new_record(
        kind.value, values, existing.config, taken_ids(root, ids, folder), day, record_id
    )
    if (root / record.path).exists():
        raise UsageError(f"{record.path} already exists; eqdiv does not overwrite it.")
    findings = check_draft(root, record.path, record.text.encode("utf-8"), day).findings
    if not dry_run:
        write_atomic(root / record.path, record.text.encode("utf-8"), new=True)

    if format is TextOrJson.json:
        report = {
            **envelope("new", str(root), day.isoformat()),
            "kind": record.kind,
            "id": record.id,
            "path": record.path,
            "written": not dry_run,
            "findings": [finding_to_dict(f) for f in findings],
        }
        print_json(report)
        return
    if dry_run:
        sys.stdout.write(record.text)
        return
    console = make_console()
    shown = display_path(root, record.path)
    console.print(f"[ok]Wrote[/] {shown}, a new {record.kind} record ({record.id}).")
    if findings:
        render_findings(console, root, findings)
        console.print(
            f"Fill in {plural(len(findings), 'blank')} above (and any other sections you "
            "need), then run `eqdiv validate`."
        )


def _ask(question: str, name: str, existing: Repository) -> str:
    """One question; Enter leaves the answer blank (the record then has a blank)."""
    checks: dict[str, Callable[[str], str]] = {
        "owner": lambda text: _person(text, existing),
        "date": _date,
        "framework": _framework,
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
