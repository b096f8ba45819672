"""``eqdiv assess --format json``: where the partnership stands, as plain data. The
Markdown and HTML views are rendered from the same data, so all formats say the same."""

from __future__ import annotations

from typing import Any

from eqdiv.model.frameworks import MET, NOT_YET
from eqdiv.standards.standing import CriterionStanding, Standing

_WORDS = {MET: "met", "not_met": "not met", "to_check": "to check", NOT_YET: "not yet"}


def reached_words(value: str | None) -> str:
    """How a level or a criterion's state reads: ``met``, ``not met``, ``Developing``."""
    if value is None:
        return "no level yet"
    return _WORDS.get(value, value)


def _criterion(c: CriterionStanding) -> dict[str, Any]:
    claim = c.claim
    return {
        "id": c.criterion.id,
        "title": c.criterion.title,
        "group": c.criterion.group,
        "claimed": c.claimed,
        "claimed_text": reached_words(c.claimed) if c.claimed else "not assessed",
        "reached": c.reached,
        "reached_text": reached_words(c.reached),
        "rules": [
            {
                "rule": str(r.rule),
                "outcome": r.outcome.value,
                "reason": r.reason,
                "records": list(r.records),
            }
            for r in c.results
        ],
        "evidence_found": list(c.evidence),
        "evidence_claimed": [
            {"record": e.record, "document": e.document, "link": e.link, "note": e.note}
            for e in (claim.evidence if claim else ())
        ],
        "gaps": list(c.gaps),
        "actions": [
            {"ref": a.ref, "text": a.text, "status": a.status.value, "due": a.due_text}
            for a in c.actions
        ],
    }


def _target(standing: Standing) -> dict[str, Any] | None:
    target = standing.assessment.target if standing.assessment else None
    if not target or standing.framework.level(target) is None:
        return None
    short = standing.short_of(target)
    return {"level": target, "reached": not short, "needs": [c.criterion.id for c in short]}


def standing_to_dict(standing: Standing) -> dict[str, Any]:
    fw = standing.framework
    assessment = standing.assessment
    return {
        "framework": {"id": fw.id, "name": fw.name, "short_name": fw.short_name},
        "as_of": standing.as_of.isoformat(),
        "self_assessment": None
        if assessment is None
        else {
            "id": assessment.id,
            "date": assessment.date.isoformat(),
            "target": assessment.target,
            "summary": assessment.summary,
            "path": assessment.location.path,
            "views": [
                {"by": v.by, "date": v.date.isoformat(), "agrees": v.agrees, "summary": v.summary}
                for v in assessment.views
            ],
        },
        "target": _target(standing),
        "reached": standing.reached,
        "reached_text": reached_words(standing.reached),
        "next_level": standing.next_level,
        "next_needs": [c.criterion.id for c in standing.needs],
        "groups": [
            {
                "id": gid,
                "title": title,
                "reached": standing.group_reached(gid) if fw.graded else None,
                "criteria": [_criterion(c) for c in standing.group(gid)],
            }
            for gid, title in fw.groups.items()
        ],
        "problems": [
            {
                "code": p.code.id,
                "criterion": p.claim.criterion,
                "message": p.message,
                "path": p.claim.location.path,
                "line": p.claim.location.line,
            }
            for p in standing.problems
        ],
    }
