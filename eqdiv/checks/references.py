"""Every reference must resolve: people, partner organisations, and the links between
action plans, EIAs and consultations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.consultations import Consultation
from eqdiv.model.contracts import Contract
from eqdiv.model.eias import Eia
from eqdiv.model.findings import Finding, Location
from eqdiv.model.indicators import Indicator
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
    repo = ctx.repo
    directories = [r.path for r in repo.records if r.kind == "people"]
    yield from resolve_uses(ctx, reference_uses(repo), _known(ctx), directories, repo.locate)


# The kinds whose links are checked, in the order their findings are made.
USE_ORDER = (
    "people",
    "action-plan",
    "eia",
    "consultation",
    "indicator",
    "objective",
    "contract",
    "workforce",
    "sharing-agreement",
    "outcome-evidence",
)

# A link a record makes: what sort of thing it names (a field of ``Known``, or
# ``other-eias``: every EIA but the record itself), the id it names, where (a base and
# a pointer below it, located only for a finding), and the id of the record that makes
# it. A record's links are found from that record alone, so the facts kept for each
# file hold its links (``eqdiv.checks.file_facts``), located.
Use = tuple[str, str, Location, str, str]
Locate = Callable[[Location, str], Location]


def reference_uses(repo: Repository) -> Iterator[Use]:
    """Every link every valid record makes, in the order they are checked."""
    for kind in USE_ORDER:
        for value in repo.of_kind(kind):
            yield from uses_of(kind, value)


def uses_of(kind: str, value: Any) -> list[Use]:
    """The links one valid record of ``kind`` (its typed ``value``) makes."""
    uses = _Uses()
    if kind == "people":
        for person in value.people:
            uses.add(person.organisation, "partners", person.location, "/organisation", value.id)
    else:
        _WALKERS[kind](uses, value)
    return uses.found


class _Uses:
    def __init__(self) -> None:
        self.found: list[Use] = []

    def add(self, ref: str | None, target: str, base: Location, suffix: str, record: str) -> None:
        if ref is not None:
            self.found.append((target, ref, base, suffix, record))


def resolve_uses(
    ctx: CheckContext,
    uses: Iterable[Use],
    known: Known,
    directories: Sequence[str],
    locate: Locate,
) -> Iterator[Finding]:
    """The findings about links that name nothing ``known``; ``directories`` are the
    paths of the people directories (valid or not), named when they list nobody, and
    ``locate`` finds the place of a pointer below a base."""
    refs = _Resolver(ctx, directories, locate)
    refs.nobody_listed = known.people is not None and not known.people
    sets: dict[str, set[str] | None] = {
        "partners": known.partners,
        "people": known.people,
        "eias": known.eias,
        "consultations": known.consultations,
        "actions": known.actions,
        "indicators": known.indicators,
        "objectives": known.objectives,
    }
    for target, ref, base, suffix, record in uses:
        if target == "other-eias":
            ids = None if known.eias is None else known.eias - {record}
            yield from refs.check(ref, ids, "EIA", base, suffix, record)
        else:
            yield from refs.check(ref, sets[target], _WHAT[target], base, suffix, record)
    yield from refs.no_directory()


_WHAT = {
    "partners": "partner organisation",
    "people": "person",
    "eias": "EIA",
    "consultations": "consultation",
    "actions": "action",
    "indicators": "indicator",
    "objectives": "objective",
}


@dataclass(frozen=True)
class Known:
    """The ids a link of each sort may name; None where any id is taken on trust."""

    partners: set[str] | None
    people: set[str] | None
    eias: set[str] | None
    consultations: set[str] | None
    actions: set[str] | None
    indicators: set[str] | None
    objectives: set[str] | None


def _known(ctx: CheckContext) -> Known:
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
            for a in listed_items(r.data.get("actions"))
        }
        | repo.elsewhere.get("action", frozenset())
    )
    # A file that cannot be parsed at all is read for what it seems to be: links to
    # the id on its `id:` line are taken on trust, and when it has none (or holds a
    # list of people or actions), every link of its kind is. A file that does not even
    # say its kind is no record: it earns no trust.
    if any(kind == "action-plan" for kind, _ in repo.unreadable.values()):
        actions = None
    return Known(
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


def _plan_uses(uses: _Uses, plan: ActionPlan) -> None:
    uses.add(plan.owner, "people", plan.location, "/owner", plan.id)
    uses.add(plan.organisation, "partners", plan.location, "/organisation", plan.id)
    for action in plan.actions:
        at = action.location
        for i, owner in enumerate(action.owners):
            uses.add(owner, "people", at, f"/owners/{i}", plan.id)
        for update in action.updates:
            uses.add(update.by, "people", update.location, "/by", plan.id)
        for i, eia_id in enumerate(action.eias):
            uses.add(eia_id, "eias", at, f"/links/eias/{i}", plan.id)
        for i, cid in enumerate(action.consultations):
            uses.add(cid, "consultations", at, f"/links/consultations/{i}", plan.id)


def _eia_uses(uses: _Uses, eia: Eia) -> None:
    at = eia.location
    uses.add(eia.author, "people", at, "/author", eia.id)
    uses.add(eia.organisation, "partners", at, "/organisation", eia.id)
    for gap in eia.gaps:
        uses.add(gap.action, "actions", gap.location, "/action", eia.id)
    for activity in eia.engagement:
        uses.add(activity.consultation, "consultations", activity.location, "/consultation", eia.id)
    for i, related in enumerate(eia.related):
        uses.add(related, "other-eias", at, f"/cumulative/related/{i}", eia.id)
    for mitigation in eia.mitigation:
        uses.add(mitigation.action, "actions", mitigation.location, "/action", eia.id)
    for signed in (eia.signoff, eia.qa, *eia.reviews):
        if signed is not None:
            uses.add(signed.by, "people", signed.location, "/by", eia.id)
    uses.add(eia.review_owner, "people", at, "/monitoring/review_owner", eia.id)


def _consultation_uses(uses: _Uses, consultation: Consultation) -> None:
    at, cid = consultation.location, consultation.id
    uses.add(consultation.lead, "people", at, "/lead", cid)
    uses.add(consultation.organisation, "partners", at, "/organisation", cid)
    for i, partner in enumerate(consultation.partners):
        uses.add(partner, "partners", at, f"/partners/{i}", cid)
    for i, eia_id in enumerate(consultation.eias):
        uses.add(eia_id, "eias", at, f"/links/eias/{i}", cid)
    for i, ref in enumerate(consultation.actions):
        uses.add(ref, "actions", at, f"/links/actions/{i}", cid)


def _indicator_uses(uses: _Uses, indicator: Indicator) -> None:
    uses.add(indicator.owner, "people", indicator.location, "/owner", indicator.id)


def _objective_uses(uses: _Uses, objective: Objective) -> None:
    at, oid = objective.location, objective.id
    uses.add(objective.owner, "people", at, "/owner", oid)
    for i, indicator_id in enumerate(objective.indicators):
        uses.add(indicator_id, "indicators", at, f"/indicators/{i}", oid)
    for i, ref in enumerate(objective.actions):
        uses.add(ref, "actions", at, f"/actions/{i}", oid)


def _outcome_uses(uses: _Uses, evidence: OutcomeEvidence) -> None:
    at, oid = evidence.location, evidence.id
    uses.add(evidence.vouched_by, "people", at, "/vouched/by", oid)
    for i, objective in enumerate(evidence.objectives):
        uses.add(objective, "objectives", at, f"/evidences/objectives/{i}", oid)
    for i, ref in enumerate(evidence.actions):
        uses.add(ref, "actions", at, f"/evidences/actions/{i}", oid)
    for i, indicator in enumerate(evidence.indicators):
        uses.add(indicator, "indicators", at, f"/evidences/indicators/{i}", oid)


def _sharing_uses(uses: _Uses, agreement: SharingAgreement) -> None:
    at, aid = agreement.location, agreement.id
    uses.add(agreement.owner, "people", at, "/owner", aid)
    for i, party in enumerate(agreement.parties):
        uses.add(party, "partners", at, f"/parties/{i}", aid)
    for i, s in enumerate(agreement.signatures):
        uses.add(s.partner, "partners", at, f"/signed/{i}/partner", aid)


def _workforce_uses(uses: _Uses, wf: WorkforceReturn) -> None:
    at, wid = wf.location, wf.id
    uses.add(wf.prepared_by, "people", at, "/prepared_by", wid)
    uses.add(wf.organisation, "partners", at, "/organisation", wid)
    for i, ref in enumerate(wf.actions):
        uses.add(ref, "actions", at, f"/links/actions/{i}", wid)


def _contract_uses(uses: _Uses, contract: Contract) -> None:
    where, cid = contract.location, contract.id
    uses.add(contract.partner, "partners", where, "/partner", cid)
    uses.add(contract.owner, "people", where, "/owner", cid)
    uses.add(contract.eia, "eias", where, "/eia", cid)


_WALKERS: dict[str, Callable[[_Uses, Any], None]] = {
    "action-plan": _plan_uses,
    "eia": _eia_uses,
    "consultation": _consultation_uses,
    "indicator": _indicator_uses,
    "objective": _objective_uses,
    "contract": _contract_uses,
    "workforce": _workforce_uses,
    "sharing-agreement": _sharing_uses,
    "outcome-evidence": _outcome_uses,
}


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
        for p in listed_items(r.data.get("people"))
    }


def listed_items(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict) and isinstance(item.get("id"), str)]


class _Resolver:
    def __init__(self, ctx: CheckContext, directories: Sequence[str], locate: Locate) -> None:
        self.ctx = ctx
        self.directories = directories
        self.locate = locate
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
        directories = self.directories
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
        ref: str,
        known: set[str] | None,
        what: str,
        base: Location,
        suffix: str,
        record: str,
    ) -> Iterable[Finding]:
        """A finding when ``ref`` (found at ``suffix`` below ``base``) names nothing;
        nothing when ``known`` is None (what it names could not be read)."""
        if known is None or ref in known:
            return ()
        if what == "person" and self.nobody_listed:
            self.unlisted_people.append((ref, self.locate(base, suffix), record))
            return ()
        hint = did_you_mean(ref, known) + _WHERE[what]
        return (
            self.ctx.finding(
                codes.REF_MISSING,
                f"'{ref}' is not a known {what}.",
                self.locate(base, suffix),
                hint,
                record=record,
            ),
        )
