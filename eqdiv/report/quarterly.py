"""The quarterly report: what a team takes to its quarterly meeting (the seed reviews
its plan at the July, October and January team meetings).

It covers one quarter of the partnership's year and shows each action's position on
the day it is run (``as_of``): progress by element, what changed in the quarter, what
is late or due, EIAs, consultation and its gaps, the partnership's four measures of
success, and what the meeting has to decide.
"""

from __future__ import annotations

from datetime import date

from eqdiv.figures.indicator_progress import Verdict
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.dates import add_days
from eqdiv.model.periods import Period, quarter_of
from eqdiv.report.action_plan import changes, late_and_due, plan_progress
from eqdiv.report.assessments import eia_section
from eqdiv.report.consultation import consultation_section
from eqdiv.report.context import ReportContext
from eqdiv.report.decisions import decisions
from eqdiv.report.header import header
from eqdiv.report.measures import indicators_chart, indicators_section, outcomes
from eqdiv.report.parts import Rag, View, period_view, rag, worst
from eqdiv.store.repository import Repository

# The partnership approach's four measures of success, in its own words.
SEED_MEASURES = (
    "Monitoring the number and quality of equality impact assessments that are carried "
    "out, by robust quality assurance.",
    "Identifying improvements against National Indicators within the Local Area Agreement "
    "and Sustainable Community Strategies.",
    "Collecting evidence of positive outcomes for individuals and communities. This can be "
    "both qualitative and quantitative evidence.",
    "Monitoring consultation/involvement activities to demonstrate that they represent a "
    "wide cross-section of the community.",
)


def quarterly_report(repo: Repository, as_of: date, period: Period) -> View:
    """The quarterly report's view model for ``period`` (a quarter), on ``as_of``."""
    ctx = ReportContext(repo, as_of, period)
    following = quarter_of(add_days(period.end, 1), ctx.start_month)
    plans = plan_progress(ctx)
    changed = changes(ctx)
    late = late_and_due(ctx)
    eias = eia_section(ctx, review_by=following.end)
    reach = consultation_section(ctx)
    indicators = indicators_section(ctx)
    evidence = outcomes(ctx)
    decide = decisions(ctx, late, eias, reach)
    report = header(ctx, "quarterly", "Equality and diversity: quarterly progress report")
    return {
        **report,
        "next_period": period_view(following, as_of),
        "glance": _glance(plans, changed, eias, reach, indicators, decide),
        "summary": _summary(plans, changed, eias, reach, indicators, decide),
        "plans": plans,
        "changes": changed,
        "actions": late,
        "eias": eias,
        "consultation": reach,
        "indicators": indicators,
        "indicator_chart": indicators_chart(indicators),
        "outcomes": evidence,
        "measures": _measures(eias, indicators, evidence, reach),
        "decisions": decide,
    }


# How the summary counts indicators by verdict: "5 indicators: 4 improving, 1 met
# the target."
_COUNTED = {
    Verdict.MET: "met the target",
    Verdict.MISSED: "missed the target",
    Verdict.IMPROVING: "improving",
    Verdict.NOT_IMPROVING: "not improving",
    Verdict.NOT_YET: "not yet at the target",
    Verdict.NO_TARGET: "with no target",
    Verdict.NO_DATA: "with no figure yet",
    Verdict.NOT_SHOWN: "with too few people to publish",
}


def _glance(
    plans: list[View],
    changed: View,
    eias: View,
    reach: View,
    indicators: list[View],
    decide: list[View],
) -> list[View]:
    """The headline figures, one card each, with a rating where one means something."""
    cards = []
    for plan in plans:
        late = next(c["count"] for c in plan["counts"] if c["key"] == "late")
        cards.append(
            {
                "label": "Action plan" if len(plans) == 1 else plan["title"],
                "figure": plan["rag"]["word"],
                "words": f"{plural(plan['total'], 'action')}, {late} late.",
                "rag": plan["rag"],
            }
        )
    slipped = len(changed["slipped"])
    cards.append(
        {
            "label": "Slipped this quarter",
            "figure": str(slipped),
            "words": f"{plural(len(changed['completed']), 'action')} completed, "
            f"{len(changed['started'])} started.",
            "rag": rag(Rag.RED if slipped else Rag.GREEN, "Actions that slipped this quarter."),
        }
    )
    done = eias["completed"]
    grades: dict[str, int] = {}
    for e in done:
        name = e["grade"]["name"] if e["grade"] else "not scored"
        grades[name] = grades.get(name, 0) + 1
    cards.append(
        {
            "label": "EIAs completed",
            "figure": str(len(done)),
            "words": "Graded " + join_words([f"{n} {g}" for g, n in grades.items()]) + "."
            if done
            else "None signed off this quarter.",
            "rag": rag(Rag.NONE, "EIAs signed off this quarter."),
        }
    )
    unmitigated = len(eias["unmitigated"])
    cards.append(
        {
            "label": "Negative impacts with no response",
            "figure": str(unmitigated),
            "words": "EIAs with a negative impact that has no action or justification.",
            "rag": rag(Rag.RED if unmitigated else Rag.GREEN, "Unmitigated negative impacts."),
        }
    )
    gaps = reach["gaps"]
    missed = len(gaps["not_reached"]) + len(gaps["under_represented"])
    cards.append(
        {
            "label": "Took part in consultation",
            "figure": reach["participants"]["text"],
            "words": f"{plural(reach['count'], 'activity', 'activities')}; "
            f"{plural(missed, 'group')} under-represented or not reached.",
            "rag": rag(Rag.AMBER if gaps["found"] else Rag.GREEN, "Gaps in who took part."),
        }
    )
    if indicators:
        met = sum(1 for i in indicators if i["verdict"]["key"] == "met")
        cards.append(
            {
                "label": "Indicators on target",
                "figure": f"{met} of {len(indicators)}",
                "words": f"{sum(1 for i in indicators if i['verdict']['key'] == 'improving')} "
                "more improving.",
                "rag": rag(
                    worst(*(Rag(i["rag"]["key"]) for i in indicators)),
                    "The least good of the indicators.",
                ),
            }
        )
    items = sum(len(g["entries"]) for g in decide)
    cards.append(
        {
            "label": "To decide at the meeting",
            "figure": str(items),
            "words": f"In {plural(len(decide), 'group')}: see the last section.",
            "rag": rag(Rag.NONE, "Items for the meeting."),
        }
    )
    return cards


def _summary(
    plans: list[View],
    changed: View,
    eias: View,
    reach: View,
    indicators: list[View],
    decide: list[View],
) -> list[str]:
    """The report's key messages, one sentence each."""
    lines = [f"{p['title']}: {p['rag']['word']}. {p['rag']['reason']}" for p in plans]
    moved = [
        plural(len(changed[k]), "action") + " " + word
        for k, word in (("completed", "completed"), ("started", "started"), ("slipped", "slipped"))
        if changed[k]
    ]
    lines.append(
        f"This quarter: {join_words(moved)}."
        if moved
        else "This quarter no action was completed, started or slipped."
    )
    done = eias["completed"]
    lines.append(
        f"{plural(len(done), 'EIA')} completed: "
        + join_words(
            [f"{e['title']} ({e['grade']['name'] if e['grade'] else 'not scored'})" for e in done]
        )
        + "."
        if done
        else "No EIA was completed this quarter."
    )
    if eias["unmitigated"]:
        lines.append(
            f"{plural(len(eias['unmitigated']), 'EIA')} with a negative impact that has no "
            "response."
        )
    lines.append(reach["summary"])
    verdicts: dict[str, int] = {}
    for i in indicators:
        verdicts[i["verdict"]["key"]] = verdicts.get(i["verdict"]["key"], 0) + 1
    if indicators:
        lines.append(
            f"{plural(len(indicators), 'indicator')}: "
            + ", ".join(f"{n} {_COUNTED[Verdict(k)]}" for k, n in verdicts.items())
            + "."
        )
    items = sum(len(g["entries"]) for g in decide)
    lines.append(
        f"{plural(items, 'item')} for the meeting to decide."
        if items
        else "Nothing for the meeting to decide."
    )
    return lines


def _measures(eias: View, indicators: list[View], evidence: list[View], reach: View) -> list[View]:
    done = eias["completed"]
    quality = eias["quality"]
    assured = [e for e in done if e["quality_assured"]]
    first = [
        f"{plural(len(done), 'EIA')} completed this quarter"
        + (
            ": " + join_words([f"{e['title']}, {e['grade']['words']}" for e in done if e["grade"]])
            if done
            else ""
        )
        + ".",
        quality["summary"],
    ]
    if done:
        first.append(f"{len(assured)} of {len(done)} completed this quarter quality-assured.")
    if quality["below_minimum"]:
        first.append(
            f"Below the minimum grade ({quality['minimum']}): "
            + join_words([b["title"] for b in quality["below_minimum"]])
            + "."
        )
    second = [
        f"{i['title']}: "
        + (f"{i['latest']['text']} in {i['latest']['period']}" if i["latest"] else "no figure yet")
        + f"; {i['verdict']['words']}."
        for i in indicators
    ]
    third = (
        [f"{plural(len(evidence), 'piece')} of evidence recorded this quarter."]
        if evidence
        else ["No evidence of outcomes was recorded this quarter."]
    )
    return [
        {
            "number": 1,
            "title": "Number and quality of EIAs",
            "seed": SEED_MEASURES[0],
            "findings": first,
            "section": "eias",
        },
        {
            "number": 2,
            "title": "Indicators against targets",
            "seed": SEED_MEASURES[1],
            "findings": second or ["No indicators are recorded."],
            "section": "indicators",
        },
        {
            "number": 3,
            "title": "Evidence of positive outcomes",
            "seed": SEED_MEASURES[2],
            "findings": third,
            "section": "outcomes",
        },
        {
            "number": 4,
            "title": "Consultation reaching a cross-section of the community",
            "seed": SEED_MEASURES[3],
            "findings": [reach["summary"], *reach["gaps"]["sentences"]],
            "section": "consultation",
        },
    ]
