"""One EIA as a document to publish and attach to a committee paper: what is
proposed, the evidence, the engagement, the likely impact on each group, what the
general duty's three aims need, the mitigation, the decision, monitoring and sign-off,
then how the assessment scores against the partnership's quality rubric.

Words, not ids: people are named by role, groups by their label, dates in full. An
EIA holds no counts of people, so nothing here goes through the protection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eqdiv import __version__
from eqdiv.eia.scoring import EiaScore
from eqdiv.eia.summary import eia_quality
from eqdiv.model.eias import Eia
from eqdiv.model.errors import UsageError
from eqdiv.report.header import AlternativeFormats, Partnership, formats_statement
from eqdiv.report.parts import Day, day, maybe_day
from eqdiv.report.view_model import ViewModel
from eqdiv.store.repository import Repository

_SCREENING = {
    "full_assessment": "Full assessment: the proposal is relevant to equality.",
    "screened_out": "Screened out: the proposal has no relevance to equality.",
}
_EVIDENCE = {
    "local_data": "Local data",
    "national_data": "National data",
    "research": "Research",
    "consultation": "Consultation",
    "complaints": "Complaints",
    "monitoring": "Monitoring",
    "workforce": "Workforce data",
    "other": "Other",
}
_DECISION = {
    "no_change": "No change: no impact that needs a change was found.",
    "adjust": "Adjust the proposal.",
    "continue": "Continue, justified despite an impact.",
    "stop": "Stop the proposal.",
}
_AIMS = {
    "eliminate_discrimination": "Eliminating discrimination, harassment and victimisation",
    "advance_equality": "Advancing equality of opportunity",
    "good_relations": "Fostering good relations between groups",
}


@dataclass(frozen=True, slots=True)
class Fact(ViewModel):
    label: str
    value: str


@dataclass(frozen=True, slots=True)
class EvidenceRow(ViewModel):
    source: str
    type: str
    date: str
    summary: str


@dataclass(frozen=True, slots=True)
class GapRow(ViewModel):
    gap: str
    action: str


@dataclass(frozen=True, slots=True)
class EngagementRow(ViewModel):
    activity: str
    groups: str
    about_impacts: str
    summary: str


@dataclass(frozen=True, slots=True)
class ImpactRow(ViewModel):
    group: str
    rating: str
    rationale: str


@dataclass(frozen=True, slots=True)
class MitigationRow(ViewModel):
    group: str
    measure: str
    action: str


@dataclass(frozen=True, slots=True)
class CriterionRow(ViewModel):
    title: str
    points: int
    level: str
    reason: str


@dataclass(frozen=True, slots=True)
class Quality(ViewModel):
    grade: str
    percent: str
    meaning: str
    criteria: tuple[CriterionRow, ...]
    gates: tuple[str, ...]
    next_steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EiaDocument(ViewModel):
    kind: str
    title: str
    id: str
    generator: str
    partnership: Partnership
    as_of: Day
    alternative_formats: AlternativeFormats
    facts: tuple[Fact, ...]
    proposal: str
    aims: str | None
    affected: tuple[str, ...]
    screening: str | None
    evidence: tuple[EvidenceRow, ...]
    gaps: tuple[GapRow, ...]
    engagement: tuple[EngagementRow, ...]
    engagement_none: str | None
    impacts: tuple[ImpactRow, ...]
    duty: tuple[Fact, ...]
    intersectional: str | None
    cumulative: str | None
    mitigation: tuple[MitigationRow, ...]
    decision: str | None
    justification: str | None
    monitoring: tuple[str, ...]
    review: tuple[Fact, ...]
    signed: tuple[Fact, ...]
    quality: Quality


def eia_document(repo: Repository, score: EiaScore, as_of: date) -> EiaDocument:
    """The document for ``score``'s EIA, as things stand on ``as_of``."""
    eia = score.eia
    config = repo.config
    names = _Names(repo)
    return EiaDocument(
        kind="eia",
        title=f"Equality impact assessment: {eia.title}",
        id=eia.id,
        generator=f"eqdiv {__version__}",
        partnership=Partnership(config.name, config.area, tuple(p.name for p in config.partners)),
        as_of=day(as_of),
        alternative_formats=formats_statement(config.reports, "document"),
        facts=_facts(eia, names),
        proposal=eia.proposal,
        aims=eia.aims,
        affected=eia.affected,
        screening=_screening(eia),
        evidence=tuple(
            EvidenceRow(e.source, _EVIDENCE.get(e.type, e.type), e.date or "", e.summary or "")
            for e in eia.evidence
        ),
        gaps=tuple(GapRow(g.gap, names.action(g.action)) for g in eia.gaps),
        engagement=tuple(
            EngagementRow(
                names.consultation(e.consultation),
                ", ".join(names.group(g) for g in e.groups),
                "Yes" if e.about_impacts else "No",
                e.summary,
            )
            for e in eia.engagement
        ),
        engagement_none=eia.engagement_none_reason,
        impacts=tuple(
            ImpactRow(names.group(i.group), i.rating.capitalize(), i.rationale or "")
            for i in eia.impacts
        ),
        duty=tuple(Fact(_AIMS.get(k, k), v) for k, v in eia.psed.items()),
        intersectional=eia.intersectional,
        cumulative=eia.cumulative_note,
        mitigation=tuple(
            MitigationRow(
                names.group(m.group),
                m.measure or m.justification or "",
                names.action(m.action),
            )
            for m in eia.mitigation
        ),
        decision=_DECISION.get(eia.outcome, eia.outcome) if eia.outcome else None,
        justification=eia.outcome_justification,
        monitoring=eia.monitoring_measures,
        review=_present(
            ("Review by", _day_text(eia.review_date)),
            ("Review owner", names.person(eia.review_owner)),
        ),
        signed=_signed(eia, names),
        quality=_quality(score),
    )


class _Names:
    """Ids in a record, as a reader knows them."""

    def __init__(self, repo: Repository) -> None:
        config = repo.config
        self._people = repo.people
        self._groups = {g.id: g.label for g in config.groups}
        self._partners = {p.id: p.name for p in config.partners}
        self._consultations = {c.id: c.title for c in repo.consultations}
        self._actions = {f"{a.plan}/{a.id}": (a.id, a.text) for a in repo.actions}

    def person(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        found = self._people.get(ref)
        return found.role if found is not None else ref

    def group(self, ref: str) -> str:
        return self._groups.get(ref, ref.replace("_", " "))

    def partner(self, ref: str | None) -> str | None:
        return None if ref is None else self._partners.get(ref, ref)

    def consultation(self, ref: str | None) -> str:
        if ref is None:
            return "Engagement without a consultation record"
        title = self._consultations.get(ref)
        return f"{title} ({ref})" if title else ref

    def action(self, ref: str | None) -> str:
        if not ref:
            return ""
        found = self._actions.get(ref)
        return f"Action {found[0]}: {found[1]}" if found else f"Action {ref}"


def _present(*pairs: tuple[str, str | None]) -> tuple[Fact, ...]:
    return tuple(Fact(label, value) for label, value in pairs if value)


def _day_text(value: date | None) -> str | None:
    shown = maybe_day(value)
    return shown.text if shown else None


def _facts(eia: Eia, names: _Names) -> tuple[Fact, ...]:
    return _present(
        ("Reference", eia.id),
        ("Service", eia.service),
        ("Partner", names.partner(eia.organisation)),
        ("Assessed by", names.person(eia.author)),
        ("Started", _day_text(eia.started)),
        ("Decision by", eia.decision_maker),
        ("Decision date", _day_text(eia.decision_date)),
        ("Published", _day_text(eia.published)),
        ("Published where", eia.published_where),
    )


def _screening(eia: Eia) -> str | None:
    if eia.screening is None:
        return None
    words = _SCREENING.get(eia.screening, eia.screening)
    return f"{words} {eia.screening_rationale}" if eia.screening_rationale else words


def _signed(eia: Eia, names: _Names) -> tuple[Fact, ...]:
    found = []
    if eia.signoff is not None:
        found.append(("Signed off by", names.person(eia.signoff.by)))
        found.append(("Signed off on", _day_text(eia.signoff.date)))
    if eia.qa is not None:
        found.append(("Quality checked by", names.person(eia.qa.by)))
        found.append(("Quality checked on", _day_text(eia.qa.date)))
    for review in eia.reviews:
        found.append(("Reviewed", f"{_day_text(review.date)} by {names.person(review.by)}"))
    return _present(*found)


def _quality(score: EiaScore) -> Quality:
    return Quality(
        grade=score.grade.name,
        percent=score.percent_words,
        meaning=score.grade.meaning or "",
        criteria=tuple(
            CriterionRow(c.criterion.title, c.points, c.level, c.reason) for c in score.criteria
        ),
        gates=tuple(
            f"{g.criterion.title} holds the grade at {g.cap.name} at most."
            for g in score.gates
            if g.lowered
        ),
        next_steps=tuple(s.advice for s in score.next.steps) if score.next else (),
    )


def eia_document_for(repo: Repository, eia_id: str, as_of: date) -> EiaDocument:
    """The document for the EIA called ``eia_id``. An unknown id, or an EIA whose
    file has errors, is a ``UsageError`` that says what to do."""
    result = eia_quality(repo, [eia_id], as_of=as_of)
    if not result.scores:
        raise UsageError(
            f"The EIA '{eia_id}' has errors, so it cannot be written as a document.",
            "`eqdiv validate` says what is wrong with its file.",
        )
    return eia_document(repo, result.scores[0], as_of)
