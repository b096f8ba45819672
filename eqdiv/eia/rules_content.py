"""Rules about what an EIA says: the groups rated, the evidence, the engagement, the
equality duty's aims, intersectional and cumulative effects, and mitigation."""

from __future__ import annotations

from eqdiv.eia.judging import Judgement, RuleContext, join_words, plural, rule

# Evidence a body holds about its own area and services; "local data" in the rubric.
LOCAL_EVIDENCE = frozenset({"local_data", "monitoring", "workforce", "complaints"})

PSED_AIMS = {
    "eliminate_discrimination": "eliminating discrimination",
    "advance_equality": "advancing equality of opportunity",
    "good_relations": "fostering good relations",
}


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


@rule("strands_rated", "impacts")
def strands_rated(ctx: RuleContext) -> Judgement:
    if not ctx.repo.config_read:
        return _own_groups_rated(ctx)
    eia, config = ctx.eia, ctx.config
    groups = [g.id for g in config.groups]
    missing = [g for g in groups if eia.impact(g) is None]
    for group in missing:
        ctx.lost_group(group, "not rated")
    if missing:
        return ctx.judge(
            0,
            f"{len(missing)} of {len(groups)} groups {_are(len(missing))} not rated: "
            f"{ctx.labels(missing)}.",
            f"Under `impacts:`, rate the likely impact on {ctx.labels(missing)}, each with a "
            "reason.",
        )
    unexplained = _unexplained(ctx, groups)
    if unexplained:
        return ctx.judge(
            1,
            f"All {len(groups)} groups are rated, but {_no_reason(ctx, unexplained)}.",
            _explain(ctx, unexplained),
        )
    ctx.earned("/impacts", f"all {len(groups)} groups rated, with reasons")
    scope = plural(len(config.strands), "strand")
    if config.local_groups:
        scope += f" and {plural(len(config.local_groups), 'local group')}"
    return ctx.judge(2, f"All {len(groups)} groups ({scope}) are rated, each with a reason.")


# Said when eqdiv.yaml cannot be read: the strand set standing in is eqdiv's default, not
# the partnership's, and judging against it would fail every EIA written for another set.
SET_UNREAD = (
    "eqdiv.yaml has errors, so the partnership's strand set cannot be read: whether a "
    "group is missing is not judged until it is fixed."
)


def _own_groups_rated(ctx: RuleContext) -> Judgement:
    """C3 without the partnership's strand set: whether the groups the EIA rates each
    have a reason. No group is counted missing meanwhile (nothing says which are)."""
    groups = [impact.group for impact in ctx.eia.impacts]
    if not groups:
        ctx.lost("/impacts", "no group rated")
        return ctx.judge(
            0,
            "No group is rated.",
            "Under `impacts:`, rate the likely impact on every strand and local group, each "
            "with a reason.",
        )
    unexplained = _unexplained(ctx, groups)
    if unexplained:
        said = (
            f"None of the {len(groups)} groups it rates has a reason"
            if len(unexplained) == len(groups)
            else f"Of the {len(groups)} groups it rates, {_no_reason(ctx, unexplained)}"
        )
        return ctx.judge(1, f"{said}. {SET_UNREAD}", _explain(ctx, unexplained))
    ctx.earned("/impacts", f"the {len(groups)} groups it rates, with reasons")
    return ctx.judge(2, f"The {len(groups)} groups it rates each have a reason. " + SET_UNREAD)


def _unexplained(ctx: RuleContext, groups: list[str]) -> list[str]:
    unexplained = [g for g in groups if not _rationale(ctx, g)]
    for group in unexplained:
        ctx.lost(f"/impacts/{group}/rationale", "rated, with no reason")
    return unexplained


def _no_reason(ctx: RuleContext, unexplained: list[str]) -> str:
    has = "has" if len(unexplained) == 1 else "have"
    return f"{len(unexplained)} {has} no reason: {ctx.labels(unexplained)}"


def _explain(ctx: RuleContext, unexplained: list[str]) -> str:
    return f"Give the reason for each rating (`rationale:`) for {ctx.labels(unexplained)}."


def _rationale(ctx: RuleContext, group: str) -> bool:
    impact = ctx.eia.impact(group)
    return impact is not None and impact.rationale is not None


@rule("evidence", "evidence", "gaps", "impacts")
def evidence(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    if not eia.evidence:
        ctx.lost("/evidence", "none given")
        return ctx.judge(
            0,
            "No evidence is given.",
            "Under `evidence:`, list what the assessment relies on: local data (service "
            "monitoring, complaints, workforce figures) and at least one other kind.",
        )
    kinds = sorted({e.type for e in eia.evidence})
    for i, item in enumerate(eia.evidence):
        ctx.earned(f"/evidence/{i}", item.type.replace("_", " "))
    shortfalls: list[str] = []
    if not LOCAL_EVIDENCE & set(kinds):
        ctx.lost("/evidence", "no local data")
        shortfalls.append("none of it is local data")
    elif len(kinds) < 2:
        ctx.lost("/evidence", "only one kind of evidence")
        shortfalls.append("no other kind of evidence backs it up")
    unfilled = _unfilled_gaps(ctx)
    if unfilled:
        shortfalls.append(
            f"{plural(unfilled, 'evidence gap')} {_are(unfilled)} without a live action to fill it"
        )
    unknown = [i.group for i in eia.impacts if i.rating == "unknown"]
    if unknown and not eia.gaps:
        for group in unknown:
            ctx.lost_group(group, "rated unknown, with no evidence gap recorded")
        shortfalls.append(
            f"{ctx.labels(unknown)} {_are(len(unknown))} rated unknown with no evidence gap "
            "recorded"
        )
    sources = f"{plural(len(eia.evidence), 'source')} of {plural(len(kinds), 'kind')}"
    if shortfalls:
        return ctx.judge(
            1,
            f"{sources}, but {join_words(shortfalls)}.",
            "Use local data and at least one other kind of evidence, and record each gap "
            "(including any impact rated unknown) under `gaps:` with a live action to fill it.",
        )
    each = "each " if len(eia.gaps) > 1 else ""
    gaps = f"; {plural(len(eia.gaps), 'gap')}, {each}with a live action" if eia.gaps else ""
    return ctx.judge(2, f"{sources}, including local data{gaps}.")


def _unfilled_gaps(ctx: RuleContext) -> int:
    unfilled = 0
    for i, gap in enumerate(ctx.eia.gaps):
        if gap.action is None:
            ctx.lost(f"/gaps/{i}", "no action to fill it")
            unfilled += 1
            continue
        action, found = ctx.live_action(gap.action)
        if action is None:
            ctx.lost(f"/gaps/{i}/action", f"does not count: {found}")
            unfilled += 1
        else:
            ctx.earned(f"/gaps/{i}/action", found)
    return unfilled


@rule("engagement", "engagement", "impacts")
def engagement(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    activities = eia.engagement
    ask = (
        "Ask the groups affected, including any rated negative, about the impacts "
        "themselves, and record it under `engagement: activities:` with their `groups:` "
        "and `about_impacts: true`."
    )
    if not activities:
        if eia.engagement_none_reason is None:
            ctx.lost("/engagement", "none, and no reason given")
            return ctx.judge(0, "No engagement is recorded, and no reason is given.", ask)
        ctx.earned("/engagement/none_reason", "a reason for no engagement")
        return ctx.judge(1, "No one was engaged, but a reason is given.", ask)
    engaged: list[str] = []
    for i, activity in enumerate(activities):
        at = f"/engagement/activities/{i}"
        if not activity.about_impacts:
            ctx.lost(at, "about the proposal, not its equality impacts")
        elif not activity.groups:
            ctx.lost(at, "about the impacts, but which groups took part is not recorded")
        else:
            ctx.earned(at, f"{ctx.labels(activity.groups)} asked about the impacts")
            engaged.extend(g for g in activity.groups if g not in engaged)
    count = plural(len(activities), "activity", "activities")
    if not engaged:
        return ctx.judge(
            1,
            f"{count} recorded, but none asked named groups about the equality impacts.",
            ask,
        )
    unheard = [g for g in eia.negative_groups if g not in engaged]
    for group in unheard:
        ctx.lost_group(group, "rated negative; this group was not asked")
    asked = f"Groups asked about the impacts: {ctx.labels(engaged)}"
    if unheard:
        return ctx.judge(
            1,
            f"{asked}; not asked, though rated negative: {ctx.labels(unheard)}.",
            f"Ask people in the groups rated negative ({ctx.labels(unheard)}) about the "
            "impacts, and record it with their `groups:`.",
        )
    every = " Every group rated negative was asked." if eia.negative_groups else ""
    return ctx.judge(2, f"{asked}.{every}")


@rule("psed_aims", "psed")
def psed_aims(ctx: RuleContext) -> Judgement:
    considered = [aim for aim in PSED_AIMS if aim in ctx.eia.psed]
    missing = [aim for aim in PSED_AIMS if aim not in considered]
    for aim in PSED_AIMS:
        if aim in considered:
            ctx.earned(f"/psed/{aim}", "considered")
        else:
            ctx.lost(f"/psed/{aim}", "missing")
    advice = (
        "Under `psed:`, say how the proposal bears on "
        + join_words(PSED_AIMS[a] for a in missing)
        + " (`"
        + "`, `".join(missing)
        + "`)."
    )
    if not considered:
        return ctx.judge(0, "None of the three aims of the equality duty is considered.", advice)
    if missing:
        return ctx.judge(
            1,
            f"{len(considered)} of the 3 aims of the equality duty "
            f"{'is' if len(considered) == 1 else 'are'} considered "
            f"({join_words(PSED_AIMS[a] for a in considered)}); not "
            f"{join_words((PSED_AIMS[a] for a in missing), 'or')}.",
            advice,
        )
    return ctx.judge(2, "All three aims of the equality duty are considered.")


@rule("intersectional_cumulative", "intersectional", "cumulative")
def intersectional_cumulative(ctx: RuleContext) -> Judgement:
    eia = ctx.eia
    intersectional = eia.intersectional is not None
    if intersectional:
        ctx.earned("/intersectional", "considered")
    else:
        ctx.lost("/intersectional", "missing")
    related = [r for r in eia.related if ctx.repo.find("eia", r) is not None]
    cumulative = eia.cumulative_note is not None or bool(related)
    if cumulative:
        ctx.earned("/cumulative", "considered")
    else:
        ctx.lost("/cumulative", "missing")
    if intersectional and cumulative:
        return ctx.judge(2, "Both intersectional and cumulative effects are considered.")
    advice = (
        "Consider people in more than one group at once (`intersectional:`) and the "
        "combined effect with other decisions (`cumulative: note:` and `related:` EIAs)."
    )
    if intersectional:
        return ctx.judge(
            1, "Intersectional effects are considered, but not cumulative ones.", advice
        )
    if cumulative:
        return ctx.judge(
            1, "Cumulative effects are considered, but not intersectional ones.", advice
        )
    return ctx.judge(0, "Neither intersectional nor cumulative effects are considered.", advice)


@rule("mitigation", "impacts", "mitigation")
def mitigation(ctx: RuleContext) -> Judgement:
    negatives = ctx.eia.negative_groups
    if not negatives:
        return ctx.judge(2, "No impact is rated negative, so there is nothing to mitigate.")
    covered: list[str] = []
    measures_only: list[str] = []
    uncovered: list[str] = []
    for group in negatives:
        response = _response(ctx, group)
        {"covered": covered, "measure": measures_only, "none": uncovered}[response].append(group)
    live = (
        "a live action in the plan (`action: PLAN/ACTION`, which gives it an owner and a due "
        "date) or a justification for going ahead"
    )
    if uncovered:
        return ctx.judge(
            0,
            _uncovered_reason(ctx, negatives, uncovered),
            f"Under `mitigation:`, add one for {ctx.labels(uncovered)}: {live}.",
        )
    if measures_only:
        return ctx.judge(
            1,
            f"Every negative impact has a response, but for {ctx.labels(measures_only)} it is "
            "only a measure, with no live action or justification.",
            f"Give the measure for {ctx.labels(measures_only)} {live}.",
        )
    return ctx.judge(
        2,
        f"Every negative impact has a live action or a justification: {ctx.labels(negatives)}.",
    )


def _uncovered_reason(ctx: RuleContext, negatives: tuple[str, ...], uncovered: list[str]) -> str:
    has = "has" if len(uncovered) == 1 else "have"
    if len(uncovered) == len(negatives):
        return (
            f"{ctx.labels(uncovered)} {_are(len(uncovered))} rated negative, with no "
            "mitigation that counts."
        )
    answered = len(negatives) - len(uncovered)
    return (
        f"Of {plural(len(negatives), 'negative impact')}, {answered} "
        f"{'has' if answered == 1 else 'have'} a response, but {ctx.labels(uncovered)} "
        f"{has} none that counts."
    )


def _response(ctx: RuleContext, group: str) -> str:
    """``covered`` (a live action or a justification), ``measure`` (words only), or
    ``none``. A link to an action that does not exist or is cancelled counts for nothing."""
    found = "none"
    responses = [(i, m) for i, m in enumerate(ctx.eia.mitigation) if m.group == group]
    if not responses:
        ctx.lost_group(group, "rated negative, with no mitigation")
    for i, item in responses:
        at = f"/mitigation/{i}"
        if item.justification is not None:
            ctx.earned(f"{at}/justification", "a justification for going ahead")
            found = "covered"
        if item.action is not None:
            action, words = ctx.live_action(item.action)
            if action is not None:
                ctx.earned(f"{at}/action", words)
                found = "covered"
            else:
                ctx.lost(f"{at}/action", f"does not count: {words}")
        if item.measure is not None and found == "none":
            if item.action is None and item.justification is None:
                ctx.lost(at, "a measure with no action or justification")
            found = "measure"
    return found
