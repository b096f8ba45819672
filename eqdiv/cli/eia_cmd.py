"""``eqdiv eia``: the EIA register, EIA quality scores, and the rubric behind them."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from eqdiv.cli.common import (
    EXIT_FINDINGS,
    AsOf,
    EqdivGroup,
    RepoOption,
    ReportFormat,
    repo_root,
    today,
)
from eqdiv.cli.loading import load
from eqdiv.cli.options import DryRun, finish
from eqdiv.output.formats import EiaFormat, RubricFormat, TextOrJson

if TYPE_CHECKING:
    from eqdiv.eia import EiaResult, LoadedRubric
    from eqdiv.store.repository import Repository

# Lazy imports: each command imports what it needs when it runs, so that `eqdiv
# --help`, `--version` and every other command start without loading it.

eia_app = typer.Typer(
    cls=EqdivGroup,
    help="Equality Impact Assessments: list them, score their quality against the rubric, "
    "and show the rubric.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


FormatOption = Annotated[
    EiaFormat,
    typer.Option(
        "--format", "-f", help="text, json, or md (Markdown to paste into a pull request)."
    ),
]


def register(app: typer.Typer) -> None:
    app.add_typer(eia_app, name="eia")


def _load(ctx: typer.Context, repo: str | None) -> Repository:
    return load(ctx, repo_root(ctx, repo))


def _scored(
    ctx: typer.Context,
    repo: str | None,
    ids: list[str] | None = None,
    *,
    as_of: object = None,
    dated: bool = False,
    fail_under: str | None = None,
) -> EiaResult:
    from eqdiv.eia import eia_quality

    repository = _load(ctx, repo)
    day = today(as_of, repository) if dated else None
    result = eia_quality(repository, ids, as_of=day, fail_under=fail_under)
    _warn(repository, result.loaded)
    return result


def _warn(repository: Repository, loaded: LoadedRubric) -> None:
    """Say (on stderr) what makes the scores less than the whole truth: a broken
    rubric, or record files with errors that the scores cannot see into."""
    from eqdiv.model.findings import sort_findings
    from eqdiv.output.console import display_path, make_console
    from eqdiv.output.findings import render_finding

    root = repository.root
    console = make_console(stderr=True)
    for finding in sort_findings(loaded.findings):
        render_finding(console, finding, display_path(root, finding.location.path))
    # Broken EIAs are listed as not scored, and a broken rubric has its own findings.
    told = _eia_paths(repository) | {f.location.path for f in loaded.findings}
    others = [p for p in repository.broken_files if p not in told]
    if others:
        shown = ", ".join(display_path(root, p) for p in others)
        console.print(
            f"[warning]warning:[/] these files have errors, so scores cannot use what they "
            f"hold: {shown}. Run `eqdiv validate`."
        )


def _eia_paths(repository: Repository) -> set[str]:
    return {r.path for r in repository.records if r.kind == "eia"}


@eia_app.command("list")
def list_eias(
    ctx: typer.Context,
    format: FormatOption = EiaFormat.text,
    as_of: AsOf = None,
    repo: RepoOption = None,
) -> None:
    """Every EIA: where it has got to, its decision and review dates, score and grade.

    A review date before --as-of is marked overdue.
    """
    from eqdiv.output import eia_markdown, eia_text

    result = _scored(ctx, repo, as_of=as_of, dated=True)
    if format is EiaFormat.json:
        _json(result, "eia list", full=False)
    elif format is EiaFormat.md:
        eia_markdown.write_list(result, sys.stdout)
    else:
        eia_text.write_list(result, sys.stdout)


@eia_app.command("score")
def score(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="EIA ids to score (default: every EIA).", show_default=False),
    ] = None,
    format: FormatOption = EiaFormat.text,
    fail_under: Annotated[
        str | None,
        typer.Option(
            "--fail-under",
            metavar="GRADE",
            help="Exit 1 if any EIA scored is below this grade (such as Adequate), or "
            "cannot be scored: a gate for CI.",
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Also list the fields that earned points."),
    ] = False,
    repo: RepoOption = None,
) -> None:
    """Each EIA's score, criterion by criterion: the points, why, the fields that lost
    them, and what would raise the grade next.

    Exit 0, or 1 with --fail-under when an EIA is below that grade; 2 for an unknown
    EIA id or grade; 3 when eqdiv cannot run.
    """
    from eqdiv.output import eia_markdown, eia_text

    result = _scored(ctx, repo, ids, fail_under=fail_under)
    if format is EiaFormat.json:
        _json(result, "eia score", full=True)
    elif format is EiaFormat.md:
        eia_markdown.write_scores(result, sys.stdout)
    else:
        eia_text.write_scores(result, sys.stdout, verbose=verbose)
    if result.fails():
        raise typer.Exit(EXIT_FINDINGS)


@eia_app.command("rubric")
def rubric(
    ctx: typer.Context,
    format: Annotated[
        RubricFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json, md, or yaml (the rubric file itself: a starting point for "
            "the partnership's own).",
        ),
    ] = RubricFormat.text,
    repo: RepoOption = None,
) -> None:
    """The rubric EIAs are scored with: the partnership's, or the one shipped with eqdiv."""
    from eqdiv.eia import load_rubric
    from eqdiv.output import eia_markdown, eia_text

    repository = _load(ctx, repo)
    loaded = load_rubric(repository)
    _warn(repository, loaded)
    if format is RubricFormat.yaml:
        sys.stdout.write(_rubric_text(repository, loaded))
    elif format is RubricFormat.json:
        from eqdiv.eia import rubric_to_dict
        from eqdiv.model.json_parts import envelope

        _dump(
            {
                **envelope("eia rubric", str(repository.root), None),
                "rubric": rubric_to_dict(loaded, full=True),
            }
        )
    elif format is RubricFormat.md:
        eia_markdown.write_rubric(loaded, sys.stdout)
    else:
        eia_text.write_rubric(loaded, sys.stdout)


def _rubric_text(repository: Repository, loaded: LoadedRubric) -> str:
    from eqdiv.eia import shipped_rubric_text

    if loaded.rubric.shipped:
        return shipped_rubric_text()
    return (repository.root / loaded.rubric.location.path).read_text(encoding="utf-8")


def _json(result: EiaResult, command: str, *, full: bool) -> None:
    from eqdiv.eia import result_to_dict

    _dump(result_to_dict(result, command, full=full))


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


@eia_app.command("sign-off")
def sign_off(
    ctx: typer.Context,
    eia: Annotated[str, typer.Argument(help="The EIA's id.", metavar="EIA")],
    by: Annotated[
        str,
        typer.Option("--by", help="Who signs it off (a people id).", metavar="ID"),
    ],
    as_of: AsOf = None,
    dry_run: DryRun = False,
    format: ReportFormat = TextOrJson.text,
    repo: RepoOption = None,
) -> None:
    """Sign off an EIA: who and when, and what was signed (a digest of its assessed
    content, each field's digest and the impact ratings), so that a later edit is
    named by `eqdiv validate` until a review is recorded or it is signed off again.

    Exit 0; 1 when the signed EIA would have errors (nothing is written); 2 for a
    usage error; 3 when eqdiv cannot run.
    """
    from eqdiv.authoring.eia_signoff import sign_off_file
    from eqdiv.output.authoring import render_sign_off

    root = repo_root(ctx, repo)
    outcome = sign_off_file(root, eia, by, today(as_of, root), dry_run=dry_run)
    finish(outcome, format, lambda: render_sign_off(outcome, dry_run=dry_run))
