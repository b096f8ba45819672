"""``eqdiv eia`` for people at a terminal: the EIA register, each score explained
criterion by criterion, and the rubric. Grades are always words; colour only adds to
them. Prose is wrapped to the console's width (80 columns when not a terminal), and
``path:line:col`` is never broken, so editors can still jump to it."""

from __future__ import annotations

import textwrap
from typing import IO

from rich.console import Console
from rich.markup import escape

from eqdiv.eia import (
    CONFIG_UNREAD,
    CriterionScore,
    EiaResult,
    EiaScore,
    LoadedRubric,
    stage,
)
from eqdiv.eia.eia_json import number
from eqdiv.eia.judging import Effect
from eqdiv.eia.review_dates import review_words
from eqdiv.model.rubric import Grade, Rubric
from eqdiv.output.console import display_path, make_console

INDENT = 5  # where a criterion's explanation starts, under its title


def points(score: EiaScore) -> str:
    """``15/22 (68%)``."""
    return f"{number(score.total)}/{number(score.maximum)} ({score.percent_words})"


def judged(score: EiaScore) -> str:
    return "a screened-out EIA" if score.screened_out else "a full assessment"


def grade_markup(result: EiaResult, grade: Grade) -> str:
    """The grade's name, in red when it is below the partnership's minimum."""
    low = result.minimum is not None and grade.rank < result.minimum.rank
    return f"[{'error' if low else 'ok'}]{escape(grade.name)}[/]"


def _changed(console: Console, result: EiaResult, eia_id: str) -> None:
    """What changed since sign-off with no review: a score raised by a softened
    rating is never shown without it."""
    changed = result.changed_since_signoff.get(eia_id)
    if changed:
        _wrap(
            console,
            f"Changed since sign-off, with no review recorded: {changed}.",
            4,
            first="  ",
        )


def _wrap(
    console: Console, text: str, indent: int, first: str | None = None, style: str = ""
) -> None:
    """Print ``text`` wrapped to the console, hanging under ``indent`` spaces. The
    first line starts with ``first`` (default: the indent), in ``style`` if given."""
    lead = " " * indent if first is None else first
    lines = textwrap.wrap(
        text,
        width=max(console.width, 40),
        initial_indent=lead,
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    for index, line in enumerate(lines):
        if index == 0 and style and lead.strip():
            console.print(f"[{style}]{escape(lead)}[/]{escape(line[len(lead) :])}")
        else:
            console.print(escape(line))


def write_list(result: EiaResult, stream: IO[str]) -> None:
    """Three lines an EIA: id, score and grade; title; where it has got to and when."""
    console = make_console(stream)
    for score in result.scores:
        eia = score.eia
        grade = grade_markup(result, score.grade) + (", capped" if score.capped else "")
        right = f"{points(score)}  {score.grade.name}" + (", capped" if score.capped else "")
        gap = max(console.width - len(eia.id) - len(right), 2)
        console.print(f"[path]{escape(eia.id)}[/]{' ' * gap}{points(score)}  {grade}")
        _wrap(console, eia.title, 2)
        status = ("screened out; " if eia.screened_out else "") + stage(eia)
        decided = eia.decision_date.isoformat() if eia.decision_date else "not recorded"
        review = review_words(result.next_review(eia), result.as_of)
        _wrap(
            console,
            f"{status[0].upper()}{status[1:]}. Decided {decided}; review {review}.",
            4,
            first="  ",
        )
        _changed(console, result, eia.id)
    if result.scores:
        console.print()
    _write_unscored(console, result)
    _write_footer(console, result)


def write_scores(result: EiaResult, stream: IO[str], *, verbose: bool = False) -> None:
    console = make_console(stream)
    for score in result.scores:
        _write_score(console, result, score, verbose)
        console.print()
    _write_unscored(console, result)
    _write_footer(console, result)


def _write_score(console: Console, result: EiaResult, score: EiaScore, verbose: bool) -> None:
    eia = score.eia
    console.print(f"[path]{escape(eia.id)}[/]: {escape(eia.title)}")
    console.print(f"  {escape(display_path(result.root, eia.location.path))}")
    grade = f"  Grade: {grade_markup(result, score.grade)}"
    if score.capped:
        lowering = ", ".join(g.criterion.id for g in score.gates if g.lowered)
        grade += f" (capped by {lowering}; the points alone earn {escape(score.points_grade.name)})"
    console.print(grade)
    console.print(f"  Points: {points(score)} on the criteria for {judged(score)}")
    _changed(console, result, eia.id)
    console.print()
    for scored in score.criteria:
        _write_criterion(console, result, scored, verbose)
    console.print()
    next_grade = score.next
    if next_grade is None:
        console.print(f"  {escape(score.grade.name)} is the top grade.")
        return
    console.print(f"  To reach {escape(next_grade.grade.name)}:")
    for step in next_grade.steps:
        lifts = ", lifts the cap" if step.lifts_cap else ""
        head = (
            f"{step.criterion.id} {step.criterion.title}, from {step.points} to {step.to}{lifts}:"
        )
        _wrap(console, f"{head} {step.advice}", 6, first="  - ")


def _write_criterion(
    console: Console, result: EiaResult, scored: CriterionScore, verbose: bool
) -> None:
    criterion = scored.criterion
    weight = f" x{number(criterion.weight)}" if criterion.weight != 1 else ""
    title = f"  {criterion.id:<4} {criterion.title}"
    mark = f"{scored.points} of 2{weight}"
    gap = max(console.width - len(title) - len(mark), 2)
    style = "ok" if scored.points == 2 else ("error" if scored.points == 0 else "warning")
    console.print(f"{escape(title)}{' ' * gap}[{style}]{mark}[/]")
    _wrap(console, scored.reason, INDENT + 2)
    for note in scored.fields:
        if note.effect is Effect.LOST or verbose:
            where = display_path(result.root, note.location.path)
            loc = note.location
            _wrap(
                console,
                f"{note.effect.value}: {where}:{loc.line}:{loc.column} {note.field}: {note.note}",
                INDENT + 4,
                first=" " * (INDENT + 2),
            )


def _write_unscored(console: Console, result: EiaResult) -> None:
    for record in result.unscored:
        path = display_path(result.root, record.path)
        _wrap(
            console,
            f"{path}: not scored: EIA {record.id} has errors; run `eqdiv validate`.",
            2,
            first="",
        )
    if result.unscored:
        console.print()


def _write_footer(console: Console, result: EiaResult) -> None:
    """Which rubric, the grade spread, then either the CI verdict (with --fail-under)
    or the EIAs below the partnership's minimum grade."""
    rubric = result.rubric
    fallback = "; the partnership's rubric has errors" if result.loaded.fallback else ""
    console.print(f"Rubric: {escape(rubric.title)} ({escape(rubric_source(rubric))}{fallback}).")
    if not result.config_read:
        _wrap(console, CONFIG_UNREAD, 2, first="", style="warning")
    spread = ", ".join(f"{n} {g.name}" for g, n in reversed(result.distribution) if n)
    scored = len(result.scores)
    console.print(
        escape(
            f"{scored} EIA{'' if scored == 1 else 's'} scored" + (f": {spread}." if spread else ".")
        )
    )
    if result.fail_under is not None:
        floor = result.fail_under.name
        failing = [s.eia.id for s in result.failing] + [r.id for r in result.unscored]
        if failing:
            _wrap(
                console,
                f"below {floor} or not scored: {', '.join(failing)}.",
                2,
                first="FAILED: ",
                style="error",
            )
        else:
            console.print(f"[ok]OK:[/] every EIA scored is {escape(floor)} or better.")
    elif result.below_minimum and result.minimum is not None:
        _wrap(
            console,
            f"Below the partnership's minimum grade ({result.minimum.name}): "
            + ", ".join(s.eia.id for s in result.below_minimum)
            + ".",
            2,
            first="",
        )


def write_rubric(loaded: LoadedRubric, stream: IO[str]) -> None:
    console = make_console(stream)
    rubric = loaded.rubric
    console.print(f"[bold]{escape(rubric.title)}[/] ({escape(rubric_source(rubric))})")
    if rubric.description:
        _wrap(console, rubric.description, 0)
    console.print()
    for criterion in rubric.criteria.values():
        weight = f", weight {number(criterion.weight)}" if criterion.weight != 1 else ""
        console.print(f"[bold]{escape(criterion.id)} {escape(criterion.title)}[/]{weight}")
        if criterion.question:
            _wrap(console, criterion.question, 2)
        for level, text in enumerate(criterion.levels):
            _wrap(console, f"{level}: {text}", 5, first="  ")
        console.print()
    console.print("[bold]Grades[/] (percentage of the maximum points)")
    for grade in rubric.grades:
        meaning = f": {grade.meaning}" if grade.meaning else ""
        _wrap(console, f"{grade.name} from {number(grade.minimum)}%{meaning}", 4, first="  ")
    console.print()
    console.print("[bold]Gates[/]")
    for gate in rubric.gates:
        why = f" {gate.why}" if gate.why else ""
        _wrap(
            console,
            f"{gate.at_most} or fewer points on {gate.criterion} caps the grade at "
            f"{gate.cap}.{why}",
            4,
            first="  ",
        )
    console.print()
    for part, ids in rubric.scored_on.items():
        console.print(f"Judged on, for {part.replace('_', ' ')}: {', '.join(ids)}")


def rubric_source(rubric: Rubric) -> str:
    return "shipped with eqdiv" if rubric.shipped else rubric.location.path
