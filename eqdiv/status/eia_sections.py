"""EIAs that need someone to act, read from the EIA records' own fields (how good an
EIA is, is the quality rubric's business, not this): a review overdue or due soon,
no sign-off yet, no quality assurance yet, or a negative impact with no mitigation or
justification.

When an EIA is due for review is ``eqdiv.eia.review_dates``' answer, the one
``eqdiv eia list`` and the reports give too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from eqdiv.actions.listing import resolve
from eqdiv.eia.review_dates import review_due
from eqdiv.model.blocks import Block, Entry, Tone, capped_map, join_words, plural
from eqdiv.model.eia_signature import change_words, unreviewed_change
from eqdiv.model.eias import Eia
from eqdiv.model.json_parts import iso
from eqdiv.model.people import Person
from eqdiv.model.records import Record
from eqdiv.status.base import Section, StatusContext
from eqdiv.store.repository import Repository


class Need(StrEnum):
    """Why an EIA needs attention, most pressing first."""

    CHANGED_SINCE_SIGNOFF = "changed_since_signoff"
    REVIEW_OVERDUE = "review_overdue"
    UNMITIGATED = "unmitigated"
    AWAITING_SIGNOFF = "awaiting_signoff"
    AWAITING_QA = "awaiting_qa"
    REVIEW_DUE_SOON = "review_due_soon"


_NEED_WORDS = {
    Need.CHANGED_SINCE_SIGNOFF: "changed since sign-off",
    Need.REVIEW_OVERDUE: "review overdue",
    Need.UNMITIGATED: "negative impact not mitigated",
    Need.AWAITING_SIGNOFF: "awaiting sign-off",
    Need.AWAITING_QA: "awaiting QA",
    Need.REVIEW_DUE_SOON: "review due soon",
}


def unmitigated(eia: Eia) -> tuple[str, ...]:
    """Groups the EIA rates negative with no mitigation entry (an action, a measure or
    a justification) for them."""
    covered = {m.group for m in eia.mitigation}
    return tuple(g for g in eia.negative_groups if g not in covered)


@dataclass(frozen=True, slots=True)
class EiaAttention:
    eia: Eia
    needs: tuple[Need, ...]
    review_due: date | None
    as_of: date
    unmitigated: tuple[str, ...]
    changed: str | None = None  # what changed since sign-off, unreviewed, in words

    @property
    def days_late(self) -> int | None:
        if self.review_due is not None and self.as_of > self.review_due:
            return (self.as_of - self.review_due).days
        return None

    @property
    def days_left(self) -> int | None:
        if self.review_due is not None and self.as_of <= self.review_due:
            return (self.review_due - self.as_of).days
        return None


def eia_attention(
    eia: Eia,
    as_of: date,
    review_months: int = 36,
    window_days: int = 30,
    changed: str | None = None,
) -> EiaAttention:
    """What ``eia`` needs on ``as_of`` (``needs`` is empty when nothing); ``changed``
    says what changed since sign-off with no review recorded."""
    due = review_due(eia, review_months, window_days)
    needs: list[Need] = [Need.CHANGED_SINCE_SIGNOFF] if changed else []
    if due is not None and as_of > due:
        needs.append(Need.REVIEW_OVERDUE)
    missing = unmitigated(eia)
    if missing:
        needs.append(Need.UNMITIGATED)
    if eia.signoff is None:
        needs.append(Need.AWAITING_SIGNOFF)
    # A screened-out EIA needs quality assurance too: the rubric judges it on C11
    # (sign-off, QA, publication) like any other, and a finding that a proposal cannot
    # affect anyone differently is the decision most in need of a second look.
    if eia.qa is None:
        needs.append(Need.AWAITING_QA)
    if due is not None and 0 <= (due - as_of).days <= window_days:
        needs.append(Need.REVIEW_DUE_SOON)
    return EiaAttention(eia, tuple(needs), due, as_of, missing, changed)


@dataclass(frozen=True)
class EiasNeedingAttention(Section):
    key: ClassVar[str] = "eias"
    items: tuple[EiaAttention, ...]
    considered: int
    people: Mapping[str, Person]
    labels: dict[str, str]  # group id -> how reports name it

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": len(self.items),
            "considered": self.considered,
            "eias": [self._item_dict(i) for i in self.items],
        }

    def _item_dict(self, item: EiaAttention) -> dict[str, Any]:
        eia = item.eia
        return {
            "id": eia.id,
            "title": eia.title,
            "path": eia.location.path,
            "line": eia.location.line,
            "author": self._person(eia.author),
            "needs": [n.value for n in item.needs],
            "review_due": iso(item.review_due),
            "days_late": item.days_late,
            "days_left": item.days_left,
            "signoff": None
            if eia.signoff is None
            else {"by": self._person(eia.signoff.by), "date": iso(eia.signoff.date)},
            "qa": None
            if eia.qa is None
            else {"by": self._person(eia.qa.by), "date": iso(eia.qa.date)},
            "unmitigated": list(item.unmitigated),
            "changed_since_signoff": item.changed,
        }

    def _person(self, person_id: str) -> dict[str, str | None]:
        found = resolve(self.people, person_id)
        return {"id": found.id, "role": found.role}

    def _label(self, person_id: str) -> str:
        return resolve(self.people, person_id).label

    def block(self) -> Block:
        heading = "EIAs needing attention"
        if not self.items:
            return Block(heading, (f"None of {plural(self.considered, 'EIA')} needs attention.",))
        entries, more = capped_map(self.items, self._entry, "`eqdiv status --format json`")
        return Block(
            f"{heading} ({len(self.items)} of {self.considered})", entries=entries, after=more
        )

    def _entry(self, item: EiaAttention) -> Entry:
        eia, needs = item.eia, set(item.needs)
        details: list[str] = []
        if item.changed and eia.signoff is not None:
            details.append(
                f"Changed since it was signed off on {eia.signoff.date.isoformat()}, with no "
                f"review recorded: {item.changed}."
            )
        if Need.REVIEW_OVERDUE in needs and item.review_due is not None:
            details.append(
                f"Review was due {item.review_due.isoformat()}, "
                f"{plural(item.days_late or 0, 'day')} ago."
            )
        if Need.REVIEW_DUE_SOON in needs and item.review_due is not None:
            details.append(f"Review due {item.review_due.isoformat()}.")
        if needs & {Need.REVIEW_OVERDUE, Need.REVIEW_DUE_SOON} and eia.review_owner:
            details.append(f"Review owner: {self._label(eia.review_owner)}.")
        if item.unmitigated:
            groups = join_words([self.labels.get(g, g) for g in item.unmitigated])
            details.append(f"Negative for {groups}, with no mitigation or justification.")
        if eia.signoff is None:
            details.append("Not signed off.")
        elif Need.AWAITING_QA in needs:
            details.append(
                f"Signed off {eia.signoff.date.isoformat()} by {self._label(eia.signoff.by)}; "
                "not yet quality assured."
            )
        details.append(f"Author: {self._label(eia.author)}.")
        bad = {Need.CHANGED_SINCE_SIGNOFF, Need.REVIEW_OVERDUE, Need.UNMITIGATED}
        return Entry(
            key=eia.id,
            tag=join_words([_NEED_WORDS[n] for n in item.needs]),
            tone=Tone.BAD if needs & bad else Tone.WARN,
            headline=eia.title,
            details=tuple(details),
        )


def eias_needing_attention(ctx: StatusContext) -> EiasNeedingAttention:
    config = ctx.repo.config
    in_view = [e for e in ctx.repo.eias if ctx.owns(e.author, e.review_owner)]
    records = {r.path: r for r in ctx.repo.records if r.kind == "eia"}
    found = [
        eia_attention(
            e,
            ctx.as_of,
            config.eia_review_months,
            config.due_soon_days,
            signoff_changed(ctx.repo, e, records),
        )
        for e in in_view
    ]
    # ``needs`` is in Need's order, so the first is the most pressing; then the most
    # overdue review first.
    order = list(Need)
    needing = sorted(
        (f for f in found if f.needs),
        key=lambda f: (order.index(f.needs[0]), -(f.days_late or 0), f.eia.id),
    )
    return EiasNeedingAttention(
        tuple(needing),
        len(in_view),
        ctx.repo.people,
        {g.id: g.label for g in config.groups},
    )


def signoff_changed(repo: Repository, eia: Eia, records: Mapping[str, Record]) -> str | None:
    """What changed in ``eia`` since sign-off, with no review recorded, in words;
    ``records`` are the EIA records by path."""
    if eia.signoff is None:
        return None
    record = records.get(eia.location.path)
    change = unreviewed_change(record.data, eia) if record is not None else None
    return change_words(change, repo.config.label) if change is not None else None
