"""What a change does to an EIA: its quality grade and score before and after, sign-off,
quality assurance and publication added or removed, reviews recorded, and the rule that
gives sign-off its meaning: a signed-off EIA edited without a review recorded is an
error (by default)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from eqdiv.actions.listing import resolve
from eqdiv.eia import EiaScore
from eqdiv.eia.eia_json import number
from eqdiv.model import codes
from eqdiv.model.blocks import join_words
from eqdiv.model.config import Config
from eqdiv.model.eia_signature import AFTER_SIGNOFF, ratings, signed_change
from eqdiv.model.eias import Eia, SignOff
from eqdiv.model.people import Person
from eqdiv.model.records import Record
from eqdiv.review.changes import About, Notes, changed_keys, quoted


@dataclass(frozen=True)
class EiaSides:
    before: Eia
    after: Eia
    before_record: Record
    after_record: Record
    people: Mapping[str, Person]


def compare_eias(sides: EiaSides, notes: Notes) -> None:
    before, after = sides.before, sides.after
    note = notes.about(after.id, after.id)
    _signoff(sides, note)
    _stage(
        sides,
        note,
        "quality assurance",
        _act_words(sides, before.qa),
        _act_words(sides, after.qa),
        "/qa",
    )
    _stage(sides, note, "publication", _published(before), _published(after), "/published")
    earlier = {_act(r) for r in before.reviews}
    reviewed = [r for r in after.reviews if _act(r) not in earlier]
    for review in reviewed:
        said = quoted(review.note or "")
        note(
            codes.EIA_REVIEWED,
            f"Review recorded on {review.date} by {_person(sides, review.by)}: {said}",
            review.location,
            "reviewed",
            after=_act_data(review),
        )
    content = changed_keys(sides.before_record.data, sides.after_record.data, AFTER_SIGNOFF)
    if not content:
        return
    where = sides.after_record.location(f"/{content[0]}", key=True)
    signoff = before.signoff
    said = _content_words(sides, content)
    if (
        signoff is not None
        and _act(signoff) == _act(after.signoff)
        and not reviewed
        and not _signed_again(sides)
    ):
        note(
            codes.SIGNED_OFF_EDIT,
            f"Edited after it was signed off ({_act_words(sides, signoff)}), with no review "
            f"recorded: {said} changed.",
            where,
            "edited after sign-off",
            hint="Sign-off must mean something: add an entry under `reviews:` (date, by, "
            "note) saying what changed and who agreed it, or have the EIA signed off again.",
            after=content,
        )
        return
    fields = join_words(content)
    note(codes.RECORD_EDITED, f"Changed: {said}.", where, f"{fields} changed", after=content)


def _content_words(sides: EiaSides, content: list[str]) -> str:
    """The changed fields; for impacts, each group's old and new rating:
    ``impacts (Disability: negative → neutral)``."""
    old, new = ratings(sides.before_record.data), ratings(sides.after_record.data)
    words = []
    for name in content:
        moved = [g for g in [*new, *(g for g in old if g not in new)] if old.get(g) != new.get(g)]
        if name == "impacts" and moved:
            # The strands of every built-in set by name; a local group by its id.
            label = Config.default().label
            words.append(
                "impacts ("
                + "; ".join(
                    f"{label(g)}: {old.get(g, 'not rated')} → {new.get(g, 'not rated')}"
                    for g in moved
                )
                + ")"
            )
        else:
            words.append(name)
    return join_words(words)


def _signed_again(sides: EiaSides) -> bool:
    """The newer side carries a new sign-off digest that matches its content."""
    old = sides.before_record.data.get("signoff")
    new = sides.after_record.data.get("signoff")
    if not isinstance(new, Mapping) or "digest" not in new:
        return False
    was = old.get("digest") if isinstance(old, Mapping) else None
    return new["digest"] != was and signed_change(sides.after_record.data) is None


def compare_grades(
    before: EiaScore | None,
    after: EiaScore,
    notes: Notes,
    *,
    elsewhere: bool = False,
) -> None:
    """The grade and score before and after; ``elsewhere`` when the EIA itself did not
    change (a linked action or the rubric did)."""
    if before is None or (before.grade == after.grade and before.total == after.total):
        return
    moved = [
        f"{c.criterion.id} {c.criterion.title} {c.points} → {a.points}"
        for c, a in zip(before.criteria, after.criteria, strict=False)
        if c.criterion.id == a.criterion.id and c.points != a.points
    ]
    why = f" Points: {join_words(moved)}." if moved else ""
    cause = ", because a record it relies on changed" if elsewhere else ""
    eia = after.eia
    grades = f"from {grade_words(before)} to {grade_words(after)}{cause}."
    code, short = codes.EIA_GRADE, f"grade {before.grade.name} → {after.grade.name}"
    if after.grade.rank < before.grade.rank:
        code, said = codes.EIA_GRADE_FELL, f"Grade fell {grades}"
    elif after.grade != before.grade:
        said = f"Grade rose {grades}"
    else:
        said = (
            f"Score changed from {number(before.total)} to {number(after.total)} of "
            f"{number(after.maximum)}{cause}; the grade is still {after.grade.name}."
        )
        short = f"score {number(before.total)} → {number(after.total)}"
    notes.about(eia.id, eia.id)(
        code, said + why, eia.location, short, before=grade_data(before), after=grade_data(after)
    )


def grade_words(score: EiaScore) -> str:
    """``Good (68%)``."""
    return f"{score.grade.name} ({score.percent_words})"


def grade_data(score: EiaScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {
        "grade": score.grade.name,
        "points": number(score.total),
        "maximum": number(score.maximum),
        "percentage": score.percent(1),
    }


def _signoff(sides: EiaSides, note: About) -> None:
    old, new = sides.before.signoff, sides.after.signoff
    if _act(old) == _act(new):
        return
    if new is None:
        note(
            codes.EIA_SIGNOFF_REMOVED,
            f"Its sign-off ({_act_words(sides, old)}) was removed.",
            sides.after_record.location(),
            "sign-off removed",
            hint="An EIA that was signed off stays on record as signed off: to change it, "
            "record a review under `reviews:` and have it signed off again.",
            before=_act_data(old),
        )
        return
    again = f" again (it was signed off {_act_words(sides, old)})" if old else ""
    note(
        codes.EIA_SIGNED_OFF,
        f"Signed off {_act_words(sides, new)}{again}.",
        new.location,
        "signed off again" if old else "signed off",
        before=_act_data(old),
        after=_act_data(new),
    )


def _stage(
    sides: EiaSides, note: About, name: str, before: str | None, after: str | None, pointer: str
) -> None:
    """A step after sign-off (quality assurance, publication) recorded or removed."""
    if before == after:
        return
    if after is None:
        note(
            codes.EIA_STAGE_REMOVED,
            f"Its {name} ({before}) was removed.",
            sides.after_record.location(),
            f"{name} removed",
            before=before,
        )
        return
    was = f" (was {before})" if before else ""
    note(
        codes.EIA_STAGE,
        f"{name.capitalize()} recorded: {after}{was}.",
        sides.after_record.location(pointer),
        f"{name} recorded",
        before=before,
        after=after,
    )


def _published(eia: Eia) -> str | None:
    if eia.published is None:
        return None
    return f"on {eia.published}" + (f", {eia.published_where}" if eia.published_where else "")


def _act_words(sides: EiaSides, act: SignOff | None) -> str | None:
    """``by Head of Service (HS) on 2007-10-10``."""
    return None if act is None else f"by {_person(sides, act.by)} on {act.date}"


def _act(act: SignOff | None) -> tuple[str, str] | None:
    """Who did it and when: what identifies a sign-off, QA or review (not its place)."""
    return None if act is None else (act.by, act.date.isoformat())


def _act_data(act: SignOff | None) -> dict[str, Any] | None:
    if act is None:
        return None
    return {"by": act.by, "date": act.date.isoformat(), "note": act.note}


def _person(sides: EiaSides, person_id: str) -> str:
    return resolve(sides.people, person_id).label
