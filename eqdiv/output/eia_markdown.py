"""``eqdiv eia ... --format md``: Markdown a reviewer can paste into a pull request.

GitHub-flavoured Markdown: real headings and tables, grades in words (never colour),
and the fields that lost points folded under a ``<details>`` so the page stays short.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from eqdiv.eia import CONFIG_UNREAD, EiaResult, EiaScore, LoadedRubric, stage
from eqdiv.eia.eia_json import number
from eqdiv.eia.judging import Effect
from eqdiv.eia.review_dates import review_words
from eqdiv.model.escaping import markdown_code, markdown_text
from eqdiv.output.eia_text import judged

# Record text (a rubric is a record too) through the Markdown family's escaping.
cell = markdown_text
code = markdown_code


def _points(score: EiaScore) -> str:
    return f"{number(score.total)} of {number(score.maximum)} ({score.percent_words})"


def _rubric_line(result: EiaResult) -> str:
    rubric = result.rubric
    source = "shipped with eqdiv" if rubric.shipped else code(rubric.location.path)
    fallback = " (the partnership's rubric has errors)" if result.loaded.fallback else ""
    unread = f" {CONFIG_UNREAD}" if not result.config_read else ""
    return f"_Scored with {cell(rubric.title)}, {source}{fallback}._{unread}"


def _register(result: EiaResult) -> Iterator[str]:
    yield "| EIA | Status | Decided | Review | Score | Grade |"
    yield "|---|---|---|---|---|---|"
    for score in result.scores:
        eia = score.eia
        status = ("screened out; " if eia.screened_out else "") + stage(eia)
        review = review_words(result.next_review(eia), result.as_of)
        grade = f"**{cell(score.grade.name)}**" + (" (capped)" if score.capped else "")
        changed = result.changed_since_signoff.get(eia.id)
        if changed:
            status += f"; **changed since sign-off, not reviewed**: {cell(changed)}"
        yield (
            f"| {code(eia.id)} {cell(eia.title)} | {cell(status)} | "
            f"{eia.decision_date.isoformat() if eia.decision_date else 'none'} | {review} | "
            f"{cell(_points(score))} | {grade} |"
        )


def _unscored(result: EiaResult) -> Iterator[str]:
    for record in result.unscored:
        yield f"- {code(record.id)} ({code(record.path)}) has errors and was not scored."
    if result.unscored:
        yield ""


def write_list(result: EiaResult, stream: IO[str]) -> None:
    lines = ["## EIA register", ""]
    if result.scores:
        lines += [*_register(result), ""]
    lines += [*_unscored(result), _rubric_line(result)]
    stream.write("\n".join(lines) + "\n")


def write_scores(result: EiaResult, stream: IO[str]) -> None:
    lines: list[str] = []
    if len(result.scores) > 1:
        lines += ["## EIA quality", "", *_register(result), ""]
    level = "###" if len(result.scores) > 1 else "##"
    for score in result.scores:
        lines += [*_score(score, level), ""]
    lines += [*_unscored(result), *_verdict(result), _rubric_line(result)]
    stream.write("\n".join(lines) + "\n")


def _score(score: EiaScore, level: str) -> Iterator[str]:
    eia = score.eia
    yield f"{level} {code(eia.id)}: {cell(eia.title)}"
    yield ""
    grade = f"**Grade: {cell(score.grade.name)}**"
    if score.capped:
        lowering = ", ".join(g.criterion.id for g in score.gates if g.lowered)
        grade += cell(f", capped by {lowering} (the points alone earn {score.points_grade.name})")
    yield f"{grade}. {cell(_points(score))} on the criteria for {cell(judged(score))}."
    yield f"File: {code(eia.location.path)}."
    yield ""
    yield "| | Criterion | Points | Why |"
    yield "|---|---|---|---|"
    for scored in score.criteria:
        points = f"{scored.points} of 2"
        if scored.points < 2:
            points = f"**{points}**"
        yield (
            f"| {cell(scored.criterion.id)} | {cell(scored.criterion.title)} | {points} | "
            f"{cell(scored.reason)} |"
        )
    yield ""
    if score.next is None:
        yield f"{cell(score.grade.name)} is the top grade."
    else:
        yield f"**To reach {cell(score.next.grade.name)}:**"
        yield ""
        for step in score.next.steps:
            lifts = ", lifts the cap" if step.lifts_cap else ""
            yield (
                f"- **{cell(step.criterion.id)} {cell(step.criterion.title)}** (from "
                f"{step.points} to {step.to}{lifts}): {cell(step.advice)}"
            )
    lost = [
        (c.criterion.id, n) for c in score.criteria for n in c.fields if n.effect is Effect.LOST
    ]
    if lost:
        yield ""
        yield "<details><summary>Where points were lost</summary>"
        yield ""
        for cid, note in lost:
            loc = note.location
            where = code(f"{loc.path}:{loc.line}:{loc.column}")
            yield f"- {cell(cid)}: {where} {code(note.field)}: {cell(note.note)}"
        yield ""
        yield "</details>"


def _verdict(result: EiaResult) -> Iterator[str]:
    if result.fail_under is None:
        return
    failing = [s.eia.id for s in result.failing] + [r.id for r in result.unscored]
    if failing:
        names = ", ".join(code(i) for i in failing)
        yield f"**Failed:** below {cell(result.fail_under.name)} or not scored: {names}."
    else:
        yield f"**Passed:** every EIA scored is {cell(result.fail_under.name)} or better."
    yield ""


def write_rubric(loaded: LoadedRubric, stream: IO[str]) -> None:
    rubric = loaded.rubric
    lines = [f"## {cell(rubric.title)}", ""]
    if rubric.description:
        lines += [cell(rubric.description), ""]
    lines += ["| | Criterion | Weight | 0 | 1 | 2 |", "|---|---|---|---|---|---|"]
    for c in rubric.criteria.values():
        levels = " | ".join(cell(text) for text in c.levels)
        lines.append(f"| {cell(c.id)} | {cell(c.title)} | {number(c.weight)} | {levels} |")
    lines += ["", "**Grades** (percentage of the maximum points):", ""]
    lines += [f"- {cell(g.name)}: from {number(g.minimum)}%" for g in rubric.grades]
    lines += ["", "**Gates:**", ""]
    lines += [
        "- "
        + cell(
            f"{g.at_most} or fewer points on {g.criterion} caps the grade at {g.cap}."
            + (f" {g.why}" if g.why else "")
        )
        for g in rubric.gates
    ]
    lines += [""]
    lines += [
        cell(f"Judged on, for {part.replace('_', ' ')}: {', '.join(ids)}.")
        for part, ids in rubric.scored_on.items()
    ]
    stream.write("\n".join(lines) + "\n")
