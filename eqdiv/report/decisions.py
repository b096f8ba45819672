"""What the meeting has to decide: the late items and the unowned ones, each group
with the question to settle. Everything here is read from the other sections' core
values (action states, EIA attention, coverage gaps, indicator verdicts); nothing is
judged anew.

"Unowned" means nobody in post is answerable for it: an action whose owners are all
missing from the people directory or have left, an EIA's negative impact with no
mitigation, an EIA with no one to review it, a group consultation did not reach, an
indicator or objective with no owner.
"""

from __future__ import annotations

from eqdiv.figures.indicator_progress import Verdict
from eqdiv.model.blocks import join_words
from eqdiv.model.plans import Action
from eqdiv.report.action_plan import not_started_on_time
from eqdiv.report.context import ReportContext
from eqdiv.report.parts import View, day_text


def _in_post(ctx: ReportContext, action: Action) -> bool:
    people = ctx.repo.people
    for owner in action.owners:
        person = people.get(owner)
        if person is not None and (person.left is None or person.left > ctx.as_of):
            return True
    return False


def decisions(ctx: ReportContext, late_and_due: View, eias: View, reach: View) -> list[View]:
    groups: list[View] = []

    def add(key: str, heading: str, ask: str, items: list[View]) -> None:
        if items:
            groups.append({"key": key, "heading": heading, "ask": ask, "entries": items})

    def item(name: str, title: str, detail: str) -> View:
        return {"name": name, "title": title, "detail": detail}

    add(
        "overdue",
        "Overdue actions",
        "For each: agree a new date, get it help, or close it (defer or cancel, saying why).",
        [
            item(a["name"], a["text"], f"{a['state']['words'].capitalize()}. {a['when']}")
            for a in late_and_due["overdue"]
        ],
    )
    add(
        "reviews",
        "Reviews missed",
        "Review each at this meeting, record an update, and set the next review date.",
        [
            item(a["name"], a["text"], f"{a['state']['words'].capitalize()}.")
            for a in late_and_due["reviews_missed"]
        ],
    )
    add(
        "not_started",
        "Not started on time",
        "Confirm a start, or change the plan.",
        [
            item(
                ctx.status.name(s.action),
                s.action.text,
                f"Due to start {day_text(s.action.start)}; not started."
                if s.action.start
                else "Not started.",
            )
            for s in ctx.states
            if not_started_on_time(s)
        ],
    )
    add(
        "unowned_actions",
        "Actions with no owner in post",
        "Give each an owner who is in post.",
        [
            item(
                ctx.status.name(s.action),
                s.action.text,
                "Owners: " + ", ".join(s.action.owners) + ".",
            )
            for s in ctx.states
            if s.action.is_open and not _in_post(ctx, s.action)
        ],
    )
    add(
        "unmitigated",
        "Negative impacts with no response",
        "Agree an action (with an owner and a due date) for each, or record why the "
        "proposal goes ahead.",
        [
            item(e["id"], e["title"], f"Negative for {join_words(e['unmitigated'])}.")
            for e in eias["unmitigated"]
        ],
    )
    add(
        "eia_steps",
        "EIAs waiting for sign-off or quality assurance",
        "Name who signs off or quality-assures each, and by when.",
        [item(e["id"], e["title"], "Awaiting sign-off.") for e in eias["awaiting_signoff"]]
        + [
            item(e["id"], e["title"], "Signed off; awaiting quality assurance.")
            for e in eias["awaiting_qa"]
        ],
    )
    add(
        "eia_reviews",
        "EIA reviews with no one to do them",
        "Name a review owner.",
        [
            item(e["id"], e["title"], f"Review due {e['review']['due']['text']}.")
            for e in eias["reviews"]
            if e["review"]["owner"] is None
        ],
    )
    gaps = reach["gaps"]
    missed = [
        *(f"not reached: {p}" for p in gaps["not_reached"]),
        *(f"no activity aimed at {g}" for g in gaps["no_targeted_activity"]),
    ]
    add(
        "reach",
        "Groups consultation did not reach",
        "Agree who will reach them next quarter, and how.",
        [item("", text[0].upper() + text[1:], "") for text in missed],
    )
    add(
        "indicators",
        "Indicators off course",
        "Agree what will change, and who will make it happen.",
        [
            item(p.indicator.id, p.indicator.title, p.verdict.words.capitalize() + ".")
            for p in ctx.indicators.values()
            if p.verdict in (Verdict.NOT_IMPROVING, Verdict.MISSED)
        ],
    )
    add(
        "unowned_measures",
        "Indicators and objectives with no owner",
        "Name an owner for each.",
        [
            item(i.id, i.title, "No owner.")
            for i in ctx.repo.indicators
            if i.owner is None or i.owner not in ctx.repo.people
        ]
        + [
            item(o.id, o.title, "No owner.")
            for o in ctx.repo.objectives
            if o.owner is None or o.owner not in ctx.repo.people
        ],
    )
    return groups
