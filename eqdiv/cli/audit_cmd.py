"""``eqdiv audit``: check what eqdiv publishes before it is published."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from eqdiv.cli.common import AsOf, EqdivGroup, RepoOption, repo_root, today
from eqdiv.cli.loading import load
from eqdiv.output.formats import TextOrJson

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.

audit_app = typer.Typer(
    cls=EqdivGroup,
    help="Check what eqdiv publishes, as a reader trying to work out hidden counts would.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")


@audit_app.command("disclosure")
def disclosure(
    ctx: typer.Context,
    format: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="How to write the result.")
    ] = TextOrJson.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Solve every figure eqdiv may publish about the records together (coverage of
    each activity, each quarter and each year, as status and the reports show them,
    and the verdicts published about hidden counts) as an integer programme, and list
    each hidden count that can be worked out exactly or to within 1 to threshold - 1.

    Exit 0 when nothing can be; 1 when something can (run it in CI before
    publishing); 2 for a usage error; 3 when eqdiv cannot run.
    """
    from eqdiv.figures.disclosure_audit import audit_disclosure

    root = repo_root(ctx, repo)
    result = audit_disclosure(load(ctx, root))
    if format is TextOrJson.json:
        json.dump(result.to_dict(str(root), today(as_of, root)), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(result.sentences()) + "\n")
    raise typer.Exit(0 if result.ok else 1)
