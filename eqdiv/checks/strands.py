"""Strand and local-group ids in records must belong to the configured set, or an EIA
could rate a strand nobody reports on while missing one that matters."""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.eias import Eia
from eqdiv.model.findings import Finding, Location
from eqdiv.model.suggest import did_you_mean
from eqdiv.store.repository import Repository


def check_strands(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.config_read:
        return
    config = ctx.repo.config
    known = config.group_ids
    choices = ", ".join(sorted(known))

    def unknown(
        group: str, base: Location, suffix: str, record: str, key: bool = False
    ) -> Iterator[Finding]:
        if group in known:
            return
        yield ctx.finding(
            codes.STRAND_UNKNOWN,
            f"'{group}' is not a strand or local group in this partnership's configuration "
            f"({config.strand_set}).",
            ctx.repo.locate(base, suffix, key=key),
            did_you_mean(group, known)
            + f"Known: {choices}. Local groups are added in eqdiv.yaml under strands > "
            "local_groups.",
            record=record,
        )

    for eia in ctx.repo.eias:
        for group, base, suffix, key in _eia_groups(eia):
            yield from unknown(group, base, suffix, eia.id, key=key)
    for group, base, suffix, record in _listed_groups(ctx.repo):
        yield from unknown(group, base, suffix, record)


def _listed_groups(repo: Repository) -> Iterator[tuple[str, Location, str, str]]:
    """The groups other records list: the group, where, and the record's id."""
    for consultation in repo.consultations:
        for i, group in enumerate(consultation.targeted):
            yield group, consultation.location, f"/targeted/{i}", consultation.id
    for objective in repo.objectives:
        for i, group in enumerate(objective.groups):
            yield group, objective.location, f"/groups/{i}", objective.id
    for evidence in repo.outcome_evidence:
        for i, group in enumerate(evidence.groups):
            yield group, evidence.location, f"/groups/{i}", evidence.id


def _eia_groups(eia: Eia) -> Iterator[tuple[str, Location, str, bool]]:
    """Every strand an EIA names: the group, where it is, and whether it is a key."""
    for impact in eia.impacts:
        yield impact.group, impact.location, "", True
    for mitigation in eia.mitigation:
        yield mitigation.group, mitigation.location, "/strand", False
    for activity in eia.engagement:
        for i, group in enumerate(activity.groups):
            yield group, activity.location, f"/groups/{i}", False
