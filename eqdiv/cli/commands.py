"""Which module holds each command, and the first paragraph of its help: what `eqdiv
--help` lists without importing a single command module, and what lets `eqdiv status`
import ``status_cmd`` and nothing else.

Importing every command module and building every command's options costs more than
the rest of a `--help` together (about 0.1 s of 0.25 s), so a group's commands are
looked up in this table and loaded one at a time, when named. The table is kept honest
by tests/cli/test_start_up.py: each entry's summary is its command's real help, each
module named holds the command, every ``*_cmd`` module is listed, and every `--help`
printed through the table equals what the loaded commands print.

A new command: write its ``*_cmd`` module with ``register(app)``, and add its entry
here, in the place it should be listed (commands before groups, as typer lists them).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

# Lazy imports: typer is imported when a command is loaded, never to read the table.


@dataclass(frozen=True)
class Entry:
    """One command of a group: its name, the ``eqdiv.cli`` module whose ``register``
    adds it, and the first paragraph of its help (what the group's --help shortens)."""

    name: str
    module: str
    summary: str


# Each group, by the words that name it, with its commands in the order --help lists them.
COMMANDS: dict[tuple[str, ...], tuple[Entry, ...]] = {
    (): (
        Entry(
            "init",
            "init_cmd",
            "Start a new records repository: eqdiv.yaml, a people file, a folder for each "
            "kind of record, a pre-commit hook and a GitHub Actions workflow that run eqdiv "
            "validate, and a git repository with a first commit.",
        ),
        Entry(
            "validate",
            "validate_cmd",
            "Check every record against its schema and the links between records.",
        ),
        Entry(
            "status",
            "status_cmd",
            "Show what needs attention: actions overdue or due soon, reviews due, EIAs "
            "waiting for sign-off, QA or review, last quarter's consultation, and records "
            "with problems.",
        ),
        Entry(
            "actions",
            "actions_cmd",
            "List actions, most urgent first, with owners, due dates and state.",
        ),
        Entry(
            "cases",
            "cases_cmd",
            "Complaints and queries: what is late or due in the next few working days, by "
            "partner; hand-offs waiting to be accepted; and for a period, the share "
            "acknowledged and answered in time per partner and stage, working days to "
            "answer, time lost in hand-offs, requests for other formats and whether they "
            "were met, complaints alleging discrimination by strand, and the trend over "
            "four quarters.",
        ),
        Entry(
            "contracts",
            "contracts_cmd",
            "The contracts register: each contract in force (or not yet started) with its "
            "buying partner and provider, relevance to equality and value, the EIA and its "
            "grade, the equality requirements, award criteria and clauses, the provider's "
            "monitoring returns, and what needs doing: no EIA or equality clause where "
            "relevance and value call for one, a return overdue, an EIA below the minimum "
            "grade.",
        ),
        Entry(
            "new",
            "new_cmd",
            "Start a new record from a template that explains each field, in its usual "
            "folder (plans/, eias/, consultations/, demographics/) with an id that is not "
            "taken.",
        ),
        Entry(
            "review",
            "review_cmd",
            "Review what a change does to the records: records added, deleted or renamed; "
            "actions' status, deadlines, owners and updates; EIAs' grades and sign-off; "
            "consultation logs; and the validation problems the change introduces.",
        ),
        Entry(
            "assess",
            "assess_cmd",
            "Where the partnership stands against the Equality Standard (ESLG 2007) or the "
            "Equality Framework (EFLG 2021): criterion by criterion, what the latest "
            "self-assessment claims, what the records show, the gaps and the actions that "
            "close them, and the level the records support.",
        ),
        Entry(
            "export",
            "export_cmd",
            "Write every record kind as tables: partners, actions, eias, eia_criteria, "
            "consultations, coverage and indicator_values, with tables.json saying what "
            "each column holds. Every row carries the partnership's id, so the exports of "
            "many partnerships can be read together (see the README's DuckDB example).",
        ),
        Entry(
            "workforce",
            "workforce_cmd",
            "Show each partner's workforce figures: how complete equality monitoring is, "
            "the staff profile against the community, the relative likelihood of entering "
            "each formal process (with verdicts), casework closed on time, and equality "
            "training.",
        ),
        Entry(
            "history",
            "history_cmd",
            "Show the life of one record or one action across the git history: each commit "
            "that changed it, with its date, author and what changed (status, due date, "
            "owners, updates; an EIA's sign-off and grade). A record or action removed "
            "since is followed up to its removal.",
        ),
        Entry(
            "serve",
            "serve_cmd",
            "Show the records in a web browser: status, actions, EIAs, consultation "
            "coverage, findings, history and reports. Record progress on an action, edit "
            "any record in a form made from its schema or as text, start an EIA or log a "
            "consultation: every change is checked before it is saved, as the commands "
            "check it. Then see what changed and commit it (never pushed). Stop it with "
            "Ctrl+C.",
        ),
        Entry(
            "eia",
            "eia_cmd",
            "Equality Impact Assessments: list them, score their quality against the "
            "rubric, and show the rubric.",
        ),
        Entry(
            "consultation",
            "consultation_cmd",
            "Consultation and involvement: list the activities, and check whether they "
            "reach a representative cross-section of the community.",
        ),
        Entry(
            "import",
            "import_cmd",
            "Bring records in from elsewhere: `eqdiv import plan FILE` reads a spreadsheet "
            "action plan.",
        ),
        Entry(
            "action",
            "action_cmd",
            "Work on one action of a plan: `eqdiv action update PLAN ACTION ...`.",
        ),
        Entry(
            "report",
            "report_cmd",
            "Reports from the records: the quarterly progress report, the annual equality "
            "information, or a template of your own. HTML, Markdown or plain text.",
        ),
        Entry(
            "audit",
            "audit_cmd",
            "Check what eqdiv publishes, as a reader trying to work out hidden counts would.",
        ),
    ),
    # `import plan` comes with the group itself (import_cmd); the others each have a module.
    ("import",): (
        Entry(
            "plan",
            "import_cmd",
            "Turn a spreadsheet action plan into an action-plan record in plans/.",
        ),
        Entry(
            "census",
            "census_cmd",
            "Build or update a population profile (demographics/) from ONS Census 2021 tables.",
        ),
        Entry(
            "cases",
            "import_cases_cmd",
            "Turn a complaints system's export into a case-log record in cases/.",
        ),
        Entry(
            "workforce",
            "import_workforce_cmd",
            "Turn HR's spreadsheet of aggregate workforce figures into a workforce return "
            "in workforce/.",
        ),
    ),
}

# How every command is built: the root app's own settings (a command is built on its
# own, not by the root, so it must be given them). Plain help: no box drawing, so it
# reads well in a screen reader and at 80 columns.
SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands (name -> click command) as the table lists them, each built
    the first time it is looked up. Listing the names, or asking whether one exists
    (typer's "did you mean"), loads nothing."""

    def __init__(self, path: tuple[str, ...], built: MutableMapping[str, Any]) -> None:
        self.path = path
        self.entries = {entry.name: entry for entry in COMMANDS[path]}
        self.built = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            entry = self.entries[name]  # KeyError: no such command
            self.built[name] = _build(self.path, entry)
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        self.entries.pop(name, None)
        self.built.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self.entries or name in self.built

    def __iter__(self) -> Iterator[str]:
        yield from self.entries
        yield from (name for name in self.built if name not in self.entries)

    def __len__(self) -> int:
        return len(self.entries.keys() | self.built.keys())

    def preview(self, name: str) -> Any:
        """The command if it is loaded, else a stand-in with its summary as help: what
        the group's --help needs to list it."""
        if name in self.built or name not in self.entries:
            return self.built.get(name)
        from typer.core import TyperCommand

        return TyperCommand(name=name, help=self.entries[name].summary)


def _build(path: tuple[str, ...], entry: Entry) -> Any:
    """The click command ``entry`` names, built as typer builds it inside the whole
    app: the module registers it on an app of its own with the root's settings."""
    import typer
    import typer.main

    module = importlib.import_module(f"eqdiv.cli.{entry.module}")
    scratch = typer.Typer(**SETTINGS)
    module.register(scratch)
    built = typer.main.get_group(scratch).commands
    if entry.name not in built:
        raise LookupError(
            f"eqdiv.cli.{entry.module} does not add `{' '.join((*path, entry.name))}`: "
            "correct eqdiv/cli/commands.py."
        )
    command: Any = built[entry.name]
    inner = (*path, entry.name)
    if inner in COMMANDS:
        command.commands = LazyCommands(inner, command.commands)
    return command
