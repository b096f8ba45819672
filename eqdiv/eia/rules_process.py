"""Rules about how an EIA was made and governed: its scope, its timing, its outcome,
its review, its sign-off, and (for a screened-out one) the screening itself."""

from __future__ import annotations

from datetime import date

from eqdiv.eia.judging import Judgement, RuleContext, join_words, plural, rule
from eqdiv.model.dates import shift_months

OUTCOMES = {
    "no_change": "no change",
    "adjust": "adjust the proposal",
    "continue": "continue despite the impact",
    "stop": "stop",
}


@rule("purpose_scope", "proposal", "aims", "affected", "decision")
def purpose_scope(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    parts = (
        ("/aims", "the aims", "`aims:`", eia.aims is not None),
        ("/affected", "who is affected", "`affected:`", bool(eia.affected)),
        ("/decision/maker", "who decides", "`decision: maker:`", eia.decision_maker is not None),
        ("/decision/date", "when", "`decision: date:`", eia.decision_date is not None),
    )
    given = [words for _, words, _, present in parts if present]
    missing = [f"{words} ({field})" for _, words, field, present in parts if not present]
    for pointer, _, _, present in parts:
        (ctx.earned if present else ctx.lost)(pointer, "given" if present else "missing")
    advice = f"Add {join_words(missing)}."
    if not missing:
        return ctx.judge(2, "It gives the aims, who is affected, who decides and when.")
    if not given:
        return ctx.judge(
            0,
            "Only the proposal is described: not the aims, who is affected, who decides or when.",
            advice,
        )
    not_given = [words for _, words, _, present in parts if not present]
    return ctx.judge(
        1, f"It gives {join_words(given)}, but not {join_words(not_given, 'or')}.", advice
    )


@rule("before_decision", "started", "screening", "decision", "engagement", "signoff")
def before_decision(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    start, start_at = (eia.started, "/started")
    if start is None and eia.screening_date is not None:
        start, start_at = (eia.screening_date, "/screening/date")
    decided = eia.decision_date
    if decided is None:
        ctx.lost("/decision/date", "missing")
        return ctx.judge(
            0,
            "The decision date is not recorded, so nothing shows the assessment came before "
            "the decision.",
            "Record when the decision is (or was) made, under `decision: date:`.",
        )
    if start is None:
        ctx.lost("/started", "missing")
        return ctx.judge(
            0,
            "The assessment is undated, so nothing shows it came before the decision.",
            "Record when the assessment began, under `started:`.",
        )
    if start >= decided:
        when = "on the day of" if start == decided else "after"
        ctx.lost(start_at, f"began {start}, {when} the decision")
        ctx.lost("/decision/date", f"decided {decided}")
        return ctx.judge(
            0,
            f"The assessment began on {start}, {when} the decision on {decided}, so it "
            "cannot have informed it.",
            "An assessment must inform the decision: assess the impacts before the decision "
            "is made (or reviewed), and record the dates.",
        )
    ctx.earned(start_at, f"began {start}, before the decision")
    ctx.earned("/decision/date", f"decided {decided}")
    problems, consulted = _consultation_timing(ctx, start, decided)
    if eia.signoff is not None:
        if eia.signoff.date > decided:
            ctx.lost("/signoff/date", f"signed off {eia.signoff.date}, after the decision")
            problems.append(f"it was signed off on {eia.signoff.date}, after the decision")
        else:
            ctx.earned("/signoff/date", f"signed off {eia.signoff.date}, by the decision")
    if problems:
        return ctx.judge(
            1,
            f"It began on {start}, before the decision on {decided}, but {join_words(problems)}.",
            "Begin the assessment before consulting, so the consultation can ask about the "
            "equality impacts, and finish and sign it off by the day of the decision.",
        )
    return ctx.judge(
        2,
        f"It began on {start}, before the decision on {decided}"
        + (" and before the consultation it relies on" if consulted else "")
        + (", and was signed off by the day of the decision" if eia.signoff else "")
        + ".",
    )


def _consultation_timing(ctx: RuleContext, start: date, decided: date) -> tuple[list[str], int]:
    """Consultations that began before the assessment (so could not ask about the
    impacts it found) or ended after the decision (so could not inform it); and how
    many linked consultations were checked."""
    problems: list[str] = []
    checked = 0
    for i, activity in enumerate(ctx.eia.engagement):
        consultation = ctx.consultation(activity.consultation)
        if consultation is None:
            continue
        checked += 1
        at, cid = f"/engagement/activities/{i}/consultation", consultation.id
        if consultation.start < start:
            ctx.lost(at, f"{cid} began {consultation.start}, before the assessment")
            problems.append(f"the consultation {cid} began on {consultation.start}, before it")
        elif consultation.end > decided:
            ctx.lost(at, f"{cid} ended {consultation.end}, after the decision")
            problems.append(f"the consultation {cid} ran until {consultation.end}")
        else:
            ctx.earned(at, f"{cid} ran {consultation.start} to {consultation.end}")
    return problems, checked


@rule("outcome", "outcome")
def outcome(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    if eia.outcome is None:
        ctx.lost("/outcome", "missing")
        return ctx.judge(
            0,
            "No outcome is recorded.",
            "Record the outcome under `outcome: decision:` (no_change, adjust, continue or "
            "stop) and why, under `outcome: justification:`.",
        )
    words = OUTCOMES[eia.outcome]
    ctx.earned("/outcome/decision", words)
    if eia.outcome_justification is None:
        ctx.lost("/outcome/justification", "missing")
        return ctx.judge(
            1,
            f"The outcome is recorded ({words}), but not why.",
            "Say why, under `outcome: justification:`.",
        )
    ctx.earned("/outcome/justification", "given")
    return ctx.judge(2, f"The outcome ({words}) and why are both recorded.")


@rule("monitoring_review", "monitoring", "decision")
def monitoring_review(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    measures, review, owner = eia.monitoring_measures, eia.review_date, eia.review_owner
    if not measures and review is None:
        ctx.lost("/monitoring", "no measures and no review date")
        return ctx.judge(
            0,
            "There are no monitoring measures and no review date.",
            "Under `monitoring:`, list what will be measured (`measures:`), when the "
            "assessment will be reviewed (`review_date:`) and by whom (`review_owner:`).",
        )
    gaps: list[str] = []
    if measures:
        ctx.earned("/monitoring/measures", plural(len(measures), "measure"))
    else:
        ctx.lost("/monitoring/measures", "missing")
        gaps.append("no monitoring measures")
    if owner is not None:
        ctx.earned("/monitoring/review_owner", ctx.person(owner))
    else:
        ctx.lost("/monitoring/review_owner", "missing")
        gaps.append("no review owner")
    gaps.extend(_review_date_gaps(ctx))
    cycle = _cycle(ctx)
    if gaps:
        return ctx.judge(
            1,
            f"It has {_monitoring_given(ctx)}, but {join_words(gaps)}.",
            f"Give measures, a review owner and a review date within {cycle} of the "
            "decision, under `monitoring:`.",
        )
    assert owner is not None  # a missing owner is one of the gaps
    said = f"{plural(len(measures), 'measure')}, and a review by {ctx.person(owner)} on {review}"
    if not ctx.repo.config_read:
        return ctx.judge(2, f"{said}, after the decision. {CYCLE_UNREAD}")
    return ctx.judge(2, f"{said}, within {cycle} of the decision.")


# Said when eqdiv.yaml cannot be read: the default cycle standing in is not the
# partnership's, so a review date is only checked to come after the decision.
CYCLE_UNREAD = (
    "eqdiv.yaml has errors, so the partnership's review cycle cannot be read: whether the "
    "review date is within it is not judged until it is fixed."
)


def _cycle(ctx: RuleContext) -> str:
    if not ctx.repo.config_read:
        return "the partnership's review cycle"
    return f"{ctx.config.eia_review_months} months"


def _monitoring_given(ctx: RuleContext) -> str:
    eia = ctx.eia
    given = []
    if eia.monitoring_measures:
        given.append(plural(len(eia.monitoring_measures), "measure"))
    if eia.review_date is not None:
        given.append(f"a review date ({eia.review_date})")
    if eia.review_owner is not None:
        given.append("a review owner")
    return join_words(given)


def _review_date_gaps(ctx: RuleContext) -> list[str]:
    eia, at = ctx.eia, "/monitoring/review_date"
    review, decided = eia.review_date, eia.decision_date
    months = ctx.config.eia_review_months
    if review is None:
        ctx.lost(at, "missing")
        return ["no review date"]
    if decided is None:
        ctx.lost(at, f"{review}; with no decision date, the review cycle cannot be checked")
        return ["no decision date to check the review date against"]
    latest = shift_months(decided, months)
    if review <= decided:
        ctx.lost(at, f"{review}, not after the decision ({decided})")
        return [f"the review date ({review}) is not after the decision"]
    if not ctx.repo.config_read:
        ctx.earned(at, f"{review}, after the decision (the review cycle cannot be read)")
        return []
    if review > latest:
        ctx.lost(at, f"{review}, after {latest}")
        return [
            f"the review date ({review}) is more than {months} months after the decision "
            f"(by {latest} at the latest)"
        ]
    ctx.earned(at, f"{review}, within {months} months of the decision")
    return []


@rule("signoff_qa_published", "author", "signoff", "qa", "published")
def signoff_qa_published(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    if eia.signoff is None:
        ctx.lost("/signoff", "missing")
        return ctx.judge(
            0,
            "It is not signed off.",
            "Have the accountable manager sign it off (`signoff: by:` and `date:`), then "
            "have a second person quality-assure it (`qa:`) and publish it (`published:`).",
        )
    signed = f"Signed off by {ctx.person(eia.signoff.by)} on {eia.signoff.date}"
    ctx.earned("/signoff", f"by {eia.signoff.by} on {eia.signoff.date}")
    missing: list[str] = []
    qa = eia.qa
    if qa is None:
        ctx.lost("/qa", "missing")
        missing.append("quality-assured")
    elif qa.by == eia.author:
        ctx.lost("/qa/by", f"{qa.by} is the author; quality assurance needs a second person")
        missing.append("quality-assured by a second person (its author did the QA)")
    else:
        ctx.earned("/qa", f"by {qa.by} on {qa.date}")
    if eia.published is None:
        ctx.lost("/published", "missing")
        missing.append("published")
    else:
        ctx.earned("/published", f"on {eia.published}")
    if missing:
        return ctx.judge(
            1,
            f"{signed}, but not {join_words(missing, 'or')}.",
            "Have someone other than the author quality-assure it (`qa: by:` and `date:`), "
            "and publish it (`published: date:` and `where:`).",
        )
    assert qa is not None
    return ctx.judge(
        2,
        f"{signed}, quality-assured by {ctx.person(qa.by)} on {qa.date}, and published on "
        f"{eia.published}.",
    )


@rule("screening_rationale", "screening", "impacts", "decision")
def screening_rationale(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    if eia.screening_rationale is None:
        ctx.lost("/screening/rationale", "missing")
        return ctx.judge(
            0,
            "No reason is given for the screening decision.",
            "Say why the proposal cannot affect any group differently, under "
            "`screening: rationale:`.",
        )
    ctx.earned("/screening/rationale", "given")
    problems: list[str] = []
    screened, decided = eia.screening_date, eia.decision_date
    if screened is None:
        ctx.lost("/screening/date", "missing")
        problems.append("the screening is undated")
    elif decided is not None and screened >= decided:
        ctx.lost("/screening/date", f"{screened}, not before the decision ({decided})")
        problems.append(f"the screening ({screened}) was not before the decision ({decided})")
    else:
        ctx.earned("/screening/date", f"{screened}")
    doubtful = [i for i in eia.impacts if i.rating in ("negative", "unknown")]
    for impact in doubtful:
        ctx.lost_group(impact.group, f"rated {impact.rating}")
    if doubtful:
        problems.append(
            f"{ctx.labels(i.group for i in doubtful)} "
            + ("is" if len(doubtful) == 1 else "are")
            + " rated negative or unknown, which a screened-out proposal cannot be"
        )
    if problems:
        return ctx.judge(
            1,
            f"A reason is given, but {join_words(problems)}.",
            "Date the screening (before the decision); if any group could be affected "
            "negatively or you do not know, do a full assessment instead of screening out.",
        )
    return ctx.judge(
        2,
        "A reason is given, the screening came before the decision, and no group is rated "
        "negative or unknown.",
    )
