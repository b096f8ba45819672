"""What the authoring commands (init, new, import, action update) print: spreadsheet
problems by row and column, findings in a draft, and what was written."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from eqdiv.authoring.action_update import ActionUpdateOutcome
from eqdiv.authoring.case_intake import CaseImportOutcome
from eqdiv.authoring.eia_signoff import EiaSignOff
from eqdiv.authoring.file_diff import unified_diff
from eqdiv.authoring.plan_import import ImportProblem
from eqdiv.authoring.plan_intake import PlanImportOutcome
from eqdiv.authoring.record_start import NewOutcome
from eqdiv.authoring.scaffold import InitOutcome, default_wheel
from eqdiv.authoring.workforce_intake import WorkforceImportOutcome
from eqdiv.model.findings import Finding, Severity
from eqdiv.output.console import display_path, make_console
from eqdiv.output.findings import render_finding

_LABEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_problems(console: Console, source: str, problems: Iterable[ImportProblem]) -> None:
    """``plan.csv: row 4, column D (By When/ Update): error ...`` and its hint."""
    for problem in problems:
        where = f" {problem.where}:" if problem.where else ""
        style = problem.severity.value
        console.print(
            f"[path]{escape(source)}:{escape(where)}[/] "
            f"[{style}]{_LABEL[problem.severity]}[/] {escape(problem.message)}"
        )
        if problem.hint:
            console.print(f"  [muted]hint:[/] {escape(problem.hint)}")


def render_findings(console: Console, root: Path, findings: Iterable[Finding]) -> None:
    for finding in findings:
        render_finding(console, finding, display_path(root, finding.location.path))


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def render_diff(console: Console, diff: str) -> None:
    styles = {"+": "ok", "-": "error", "@": "muted"}
    for line in diff.splitlines():
        style = styles.get(line[:1]) if not line.startswith(("+++", "---")) else "path"
        text = escape(line)
        console.print(f"[{style}]{text}[/]" if style else text)


def render_plan_import(outcome: PlanImportOutcome, file_name: str, *, dry_run: bool) -> None:
    """The spreadsheet's problems by row and column, the record's findings, and what was
    written (the record itself on standard output with ``--dry-run``)."""
    result, root = outcome.result, outcome.root
    console = make_console(stderr=dry_run)
    render_problems(console, result.source, result.problems)
    if outcome.findings and not result.errors:
        render_findings(console, root, outcome.findings)
    if dry_run:
        sys.stdout.write(result.text)
        return
    if outcome.written:
        shown = display_path(root, outcome.path) if outcome.path else None
        console.print(
            f"[ok]Wrote[/] {shown}: {plural(result.actions, 'action')} from {result.source}."
        )
        if outcome.people is not None:
            console.print(
                f"[ok]Added[/] {', '.join(outcome.people.ids)} to {outcome.people.path}, each "
                "as a role to fill in: say what each role is there."
            )
        if outcome.failed:
            console.print("Fill in the blanks marked in it, then run `eqdiv validate`.")
    elif result.errors:
        console.print(
            f"[error]Nothing was written:[/] fix the problems above in {file_name} "
            "and import it again, or use --allow-gaps to write what could be read."
        )
    else:
        console.print(
            "[error]Nothing was written:[/] the record would bring the problems above "
            "into the repository."
        )


def render_case_import(outcome: CaseImportOutcome, file_name: str, *, dry_run: bool) -> None:
    """The export's problems by row and column, the record's findings, and what was
    written (the record itself on standard output with ``--dry-run``)."""
    result, root = outcome.result, outcome.root
    console = make_console(stderr=dry_run)
    render_problems(console, result.source, result.problems)
    render_findings(console, root, outcome.findings)
    if dry_run:
        sys.stdout.write(result.text)
        return
    if outcome.written:
        shown = display_path(root, outcome.path) if outcome.path else None
        console.print(f"[ok]Wrote[/] {shown}: {plural(result.cases, 'case')} from {result.source}.")
    else:
        console.print(
            f"[error]Nothing was written:[/] fix the problems above in {file_name} and "
            "import it again, or use --allow-gaps to write the rows that could be read."
        )


def render_action_update(outcome: ActionUpdateOutcome, *, dry_run: bool) -> None:
    """The findings the change would bring, then what was (or would be) changed."""
    update, root = outcome.update, outcome.root
    console = make_console()
    render_findings(console, root, update.findings)
    shown = display_path(root, update.path)
    name = f"action {update.action} of {update.plan}"
    if update.blocked:
        console.print(
            f"[error]Nothing was written:[/] this change would leave {shown} with the "
            "problems above."
        )
    elif not update.changed:
        console.print(f"Nothing to change: {name} is already like that.")
    elif dry_run:
        render_diff(console, unified_diff(update.before, update.after, shown))
        console.print(f"Nothing was written (--dry-run). This would update {name}.")
    else:
        done = "; ".join(c[0].lower() + c[1:] for c in [*update.changes, "An update added"])
        console.print(f"[ok]Updated[/] {name} in {shown}: {done}.")


def render_new(outcome: NewOutcome) -> None:
    """The record itself when it was not written (``--dry-run``); else where it went
    and the blanks left to fill in."""
    record, root = outcome.record, outcome.root
    if not outcome.written:
        sys.stdout.write(record.text)
        return
    console = make_console()
    shown = display_path(root, record.path)
    console.print(f"[ok]Wrote[/] {shown}, a new {record.kind} record ({record.id}).")
    if outcome.findings:
        render_findings(console, root, outcome.findings)
        console.print(
            f"Fill in {plural(len(outcome.findings), 'blank')} above (and any other "
            "sections you need), then run `eqdiv validate`."
        )


def render_init(outcome: InitOutcome) -> None:
    """The files made, what happened in git, and what to do next."""
    result = outcome.result
    console = make_console()
    console.print(
        f"[ok]Started[/] a records repository for {outcome.settings.name} in {result.root}:"
    )
    for path in result.files:
        console.print(f"  {path}")
    if result.commit:
        console.print(f"Committed them to a new git repository ({result.commit[:7]}).")
    elif result.enclosing:
        console.print(
            f"The folder is inside the git repository {result.enclosing}: review the new "
            "files and commit them."
        )
    if outcome.settings.ci_install is None:
        console.print(
            f"The CI workflow installs eqdiv from {default_wheel()}: commit eqdiv's wheel "
            "there, or name another source in .github/workflows/eqdiv.yml."
        )
    console.print(
        "Next: add the partnership's people to people.yaml, then `eqdiv new eia`, "
        "`eqdiv new action-plan` or `eqdiv import plan FILE`; `eqdiv validate` checks "
        "everything."
    )


def render_sign_off(outcome: EiaSignOff, *, dry_run: bool) -> None:
    """What signing off found, and what was (or would be) written."""
    console = make_console()
    root = outcome.root or Path()
    render_findings(console, root, outcome.findings)
    shown = display_path(root, outcome.path)
    if outcome.blocked:
        console.print(
            f"[error]Nothing was written:[/] signed off, {shown} would have the problems above."
        )
    elif dry_run:
        render_diff(console, unified_diff(outcome.before, outcome.after, shown))
        console.print(f"Nothing was written (--dry-run). This would sign off {outcome.eia}.")
    else:
        again = " again" if outcome.resigned else ""
        console.print(
            f"[ok]Signed off[/] {outcome.eia}{again} in {shown}: by {outcome.by} on "
            f"{outcome.day.isoformat()}, with a digest of what was signed."
        )


def render_workforce_import(outcome: WorkforceImportOutcome, name: str) -> None:
    """Each problem by row and column, the findings of the return as it would be
    written, the record itself with ``--dry-run``, and what was (not) written."""
    root = Path(outcome.root)
    dry_run = outcome.record is not None and not outcome.written and not outcome.failed
    console = make_console(stderr=dry_run)
    render_problems(console, outcome.source, outcome.problems)
    errors = any(p.severity is Severity.ERROR for p in outcome.problems)
    if outcome.findings and not errors:
        render_findings(console, root, outcome.findings)
    if dry_run:
        sys.stdout.write(outcome.text)
    elif outcome.written and outcome.path is not None:
        console.print(
            f"[ok]Wrote[/] {display_path(root, outcome.path)}: {outcome.figures} figures from "
            f"{outcome.source}."
        )
    else:
        console.print(
            f"[error]Nothing was written:[/] fix the problems above in {name} and import it again."
        )
