"""Every reference must resolve: people, partner organisations, and the links between
action plans, EIAs and consultations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.consultations import Consultation
from eqdiv.model.contracts import Contract
from eqdiv.model.eias import Eia
from eqdiv.model.findings import Finding, Location
from eqdiv.model.objectives import Objective
from eqdiv.model.outcomes import OutcomeEvidence
from eqdiv.model.plans import ActionPlan
from eqdiv.model.sharing import SharingAgreement
from eqdiv.model.suggest import did_you_mean
from eqdiv.model.workforce import WorkforceReturn
from eqdiv.store.repository import Repository

_WHERE = {
    "person": "People are listed in the people directory (kind: people); add them there.",
    "partner organisation": "Partner organisations are listed in eqdiv.yaml under "
    "partnership > partners.",
    "EIA": "Link to the id of an EIA record (kind: eia).",
    "consultation": "Link to the id of a consultation record (kind: consultation).",
    "action": "Write PLAN/ACTION: an action plan's id, a slash, and one of its action ids.",
    "indicator": "Link to the id of an indicator record (kind: indicator).",
    "objective": "Link to the id of an equality objective record (kind: objective).",
}


def check_references(ctx: CheckContext) -> Iterator[Finding]:
    refs = _Resolver(ctx)
    known = _known(ctx)
    refs.nobody_listed = known.people is not None and not known.people
    repo = ctx.repo
    for directory in repo.of_kind("people"):
        for person in directory.people:
            yield from refs.check(
                person.organisation,
                known.partners,
                "partner organisation",
                person.location,
                "/organisation",
                directory.id,
            )
    for plan in repo.plans:
        yield from _plan_refs(refs, known, plan)
    for eia in repo.eias:
        yield from _eia_refs(refs, known, eia)
    for consultation in repo.consultations:
        yield from _consultation_refs(refs, known, consultation)
    for indicator in repo.indicators:
        yield from refs.check(
            indicator.owner, known.people, "person", indicator.location, "/owner", indicator.id
        )
    for objective in repo.objectives:
        yield from _objective_refs(refs, known, objective)
    yield from _business_refs(refs, known, repo)
    yield from refs.no_directory()


@dataclass(frozen=True)
class _Known:
    """The ids a link of each sort may name; None where any id is taken on trust."""

    partners: set[str] | None
    people: set[str] | None
    eias: set[str] | None
    consultations: set[str] | None
    actions: set[str] | None
    indicators: set[str] | None
    objectives: set[str] | None


def _known(ctx: CheckContext) -> _Known:
    repo = ctx.repo
    # A link to a record that exists but is broken is not a second problem: the broken
    # record is reported already. So ids come from every record, valid or not, and
    # actions in a broken plan (people in a broken directory) are taken on trust.
    actions: set[str] | None = (
        set(repo.action_index)
        | {
            f"{r.id}/{a['id']}"
            for r in repo.records
            if r.kind == "action-plan" and not r.valid
            for a in _items(r.data.get("actions"))
        }
        | repo.elsewhere.get("action", frozenset())
    )
    # A file that cannot be parsed at all is read for what it seems to be: links to
    # the id on its `id:` line are taken on trust, and when it has none (or holds a
    # list of people or actions), every link of its kind is. A file that does not even
    # say its kind is no record: it earns no trust.
    if any(kind == "action-plan" for kind, _ in repo.unreadable.values()):
        actions = None
    return _Known(
        partners={p.id for p in repo.config.partners} if ctx.config_read else None,
        people=known_people(repo),
        eias=_trusted_ids(repo, "eia"),
        consultations=_trusted_ids(repo, "consultation"),
        actions=actions,
        indicators=_trusted_ids(repo, "indicator"),
        objectives=_trusted_ids(repo, "objective"),
    )


def _trusted_ids(repo: Repository, kind: str) -> set[str] | None:
    """The ids of ``kind``'s records, with those on the `id:` line of files of that kind
    that cannot be parsed; None when such a file shows no id."""
    ids: set[str] | None = _ids(repo, kind)
    for seems, found in repo.unreadable.values():
        if seems == kind:
            ids = None if ids is None or found is None else ids | {found}
    return ids


def _plan_refs(refs: _Resolver, known: _Known, plan: ActionPlan) -> Iterator[Finding]:
    people = known.people
    yield from refs.check(plan.owner, people, "person", plan.location, "/owner", plan.id)
    yield from refs.check(
        plan.organisation,
        known.partners,
        "partner organisation",
        plan.location,
        "/organisation",
        plan.id,
    )
    for action in plan.actions:
        at = action.location
        for i, owner in enumerate(action.owners):
            yield from refs.check(owner, people, "person", at, f"/owners/{i}", plan.id)
        for update in action.updates:
            yield from refs.check(update.by, people, "person", update.location, "/by", plan.id)
        for i, eia_id in enumerate(action.eias):
            yield from refs.check(eia_id, known.eias, "EIA", at, f"/links/eias/{i}", plan.id)
        for i, cid in enumerate(action.consultations):
            yield from refs.check(
                cid, known.consultations, "consultation", at, f"/links/consultations/{i}", plan.id
            )


def _eia_refs(refs: _Resolver, known: _Known, eia: Eia) -> Iterator[Finding]:
    at, people = eia.location, known.people
    yield from refs.check(eia.author, people, "person", at, "/author", eia.id)
    yield from refs.check(
        eia.organisation, known.partners, "partner organisation", at, "/organisation", eia.id
    )
    for gap in eia.gaps:
        yield from refs.check(gap.action, known.actions, "action", gap.location, "/action", eia.id)
    for activity in eia.engagement:
        yield from refs.check(
            activity.consultation,
            known.consultations,
            "consultation",
            activity.location,
            "/consultation",
            eia.id,
        )
    others = None if known.eias is None else known.eias - {eia.id}
    for i, related in enumerate(eia.related):
        yield from refs.check(related, others, "EIA", at, f"/cumulative/related/{i}", eia.id)
    for mitigation in eia.mitigation:
        yield from refs.check(
            mitigation.action, known.actions, "action", mitigation.location, "/action", eia.id
        )
    for signed in (eia.signoff, eia.qa, *eia.reviews):
        if signed is not None:
            yield from refs.check(signed.by, people, "person", signed.location, "/by", eia.id)
    yield from refs.check(
        eia.review_owner, people, "person", at, "/monitoring/review_owner", eia.id
    )


def _consultation_refs(
    refs: _Resolver, known: _Known, consultation: Consultation
) -> Iterator[Finding]:
    at, cid = consultation.location, consultation.id
    yield from refs.check(consultation.lead, known.people, "person", at, "/lead", cid)
    yield from refs.check(
        consultation.organisation, known.partners, "partner organisation", at, "/organisation", cid
    )
    for i, partner in enumerate(consultation.partners):
        yield from refs.check(
            partner, known.partners, "partner organisation", at, f"/partners/{i}", cid
        )
    for i, eia_id in enumerate(consultation.eias):
        yield from refs.check(eia_id, known.eias, "EIA", at, f"/links/eias/{i}", cid)
    for i, ref in enumerate(consultation.actions):
        yield from refs.check(ref, known.actions, "action", at, f"/links/actions/{i}", cid)


def _objective_refs(refs: _Resolver, known: _Known, objective: Objective) -> Iterator[Finding]:
    at, oid = objective.location, objective.id
    yield from refs.check(objective.owner, known.people, "person", at, "/owner", oid)
    for i, indicator_id in enumerate(objective.indicators):
        yield from refs.check(
            indicator_id, known.indicators, "indicator", at, f"/indicators/{i}", oid
        )
    for i, ref in enumerate(objective.actions):
        yield from refs.check(ref, known.actions, "action", at, f"/actions/{i}", oid)


def _business_refs(refs: _Resolver, known: _Known, repo: Repository) -> Iterator[Finding]:
    """Contracts, workforce returns and sharing agreements."""
    for contract in repo.contracts:
        yield from _contract_refs(refs, known, contract)
    for wf in repo.workforce:
        yield from _workforce_refs(refs, known, wf)
    for agreement in repo.sharing_agreements:
        yield from _sharing_refs(refs, known, agreement)
    for evidence in repo.outcome_evidence:
        yield from _outcome_refs(refs, known, evidence)


def _outcome_refs(refs: _Resolver, known: _Known, evidence: OutcomeEvidence) -> Iterator[Finding]:
    at, oid = evidence.location, evidence.id
    yield from refs.check(evidence.vouched_by, known.people, "person", at, "/vouched/by", oid)
    for i, objective in enumerate(evidence.objectives):
        yield from refs.check(
            objective, known.objectives, "objective", at, f"/evidences/objectives/{i}", oid
        )
    for i, ref in enumerate(evidence.actions):
        yield from refs.check(ref, known.actions, "action", at, f"/evidences/actions/{i}", oid)
    for i, indicator in enumerate(evidence.indicators):
        yield from refs.check(
            indicator, known.indicators, "indicator", at, f"/evidences/indicators/{i}", oid
        )


def _sharing_refs(refs: _Resolver, known: _Known, agreement: SharingAgreement) -> Iterator[Finding]:
    at, aid = agreement.location, agreement.id
    yield from refs.check(agreement.owner, known.people, "person", at, "/owner", aid)
    for i, party in enumerate(agreement.parties):
        yield from refs.check(
            party, known.partners, "partner organisation", at, f"/parties/{i}", aid
        )
    for i, s in enumerate(agreement.signatures):
        yield from refs.check(
            s.partner, known.partners, "partner organisation", at, f"/signed/{i}/partner", aid
        )


def _workforce_refs(refs: _Resolver, known: _Known, wf: WorkforceReturn) -> Iterator[Finding]:
    at, wid = wf.location, wf.id
    yield from refs.check(wf.prepared_by, known.people, "person", at, "/prepared_by", wid)
    yield from refs.check(
        wf.organisation, known.partners, "partner organisation", at, "/organisation", wid
    )
    for i, ref in enumerate(wf.actions):
        yield from refs.check(ref, known.actions, "action", at, f"/links/actions/{i}", wid)


def _ids(repo: Repository, kind: str) -> set[str]:
    return {r.id for r in repo.records if r.kind == kind} | repo.elsewhere.get(kind, frozenset())


def known_people(repo: Repository) -> set[str] | None:
    """The people ids a record may name: everyone in the people directories, valid or
    not; None when a people file cannot be parsed at all, so any id is taken on trust."""
    if any(kind == "people" for kind, _ in repo.unreadable.values()):
        return None
    return set(repo.people) | {
        p["id"]
        for r in repo.records
        if r.kind == "people" and not r.valid
        for p in _items(r.data.get("people"))
    }


def _items(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict) and isinstance(item.get("id"), str)]


class _Resolver:
    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        # With no people directory at all, every person named is "missing": that is one
        # problem (the directory), not one per owner, so those are gathered and told once.
        # The same holds for a directory that lists nobody yet (`eqdiv new people`).
        self.nobody_listed = False
        self.unlisted_people: list[tuple[str, Location, str]] = []

    def no_directory(self) -> Iterable[Finding]:
        """The one finding for a repository without a people directory."""
        if not self.unlisted_people:
            return ()
        _, at, record = self.unlisted_people[0]
        names = sorted({name for name, _, _ in self.unlisted_people})
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        files = len({where.path for _, where, _ in self.unlisted_people})
        directories = [r.path for r in self.ctx.repo.records if r.kind == "people"]
        if directories:
            problem = f"The people directory ({', '.join(directories)}) lists nobody yet"
            fix = "List each one there by short id with their role."
        else:
            problem = "There is no people directory"
            fix = (
                "Add a file with `kind: people` listing each one by short id with their "
                "role (`eqdiv new people` writes one)."
            )
        # How often they are named goes in the hint, not the message: the message is the
        # finding's identity (`action update` compares it before and after its edit).
        mentions = (
            f"They are named {len(self.unlisted_people)} times in {files} "
            f"{'file' if files == 1 else 'files'}. "
        )
        return (
            self.ctx.finding(
                codes.REF_MISSING,
                f"{problem}, so none of the {len(names)} people the records name can be "
                f"checked ({shown}).",
                at,
                mentions + fix,
                record=record,
            ),
        )

    def check(
        self,
        ref: str | None,
        known: set[str] | None,
        what: str,
        base: Location,
        suffix: str,
        record: str,
    ) -> Iterable[Finding]:
        """A finding when ``ref`` (found at ``suffix`` below ``base``) names nothing;
        nothing when ``known`` is None (what it names could not be read)."""
        if ref is None or known is None or ref in known:
            return ()
        if what == "person" and self.nobody_listed:
            self.unlisted_people.append((ref, self.ctx.repo.locate(base, suffix), record))
            return ()
        hint = did_you_mean(ref, known) + _WHERE[what]
        return (
            self.ctx.finding(
                codes.REF_MISSING,
                f"'{ref}' is not a known {what}.",
                self.ctx.repo.locate(base, suffix),
                hint,
                record=record,
            ),
        )


def _contract_refs(refs: _Resolver, known: _Known, contract: Contract) -> Iterator[Finding]:
    where, cid = contract.location, contract.id
    yield from refs.check(
        contract.partner, known.partners, "partner organisation", where, "/partner", cid
    )
    yield from refs.check(contract.owner, known.people, "person", where, "/owner", cid)
    yield from refs.check(contract.eia, known.eias, "EIA", where, "/eia", cid)
