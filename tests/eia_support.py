"""Inline EIAs for the scoring tests: one that earns full marks in the minimal test
repository (six strands and carers), and a way to change it one field at a time."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from eqdiv.eia import EiaScore, eia_quality
from tests.conftest import RepoBuilder

GROUPS = (
    "age",
    "disability",
    "ethnicity",
    "sexual_orientation",
    "religion_or_belief",
    "gender",
    "carers",
)

PLAN = """\
kind: action-plan
id: plan
title: Test plan
owner: DH
framework: eslg-2007
actions:
  - id: 1a
    element: 1
    text: Offer an evening session for carers
    owners: [DH]
    due: 2007-12
    status: in_progress
  - id: 1b
    element: 1
    text: Survey carers about opening hours
    owners: [DH]
    due: 2007-12
    status: cancelled
"""

CONSULTATION = """\
kind: consultation
id: cons-carers
title: Carers' forum on opening hours
start: 2007-06-01
end: 2007-06-30
methods: [drop_in]
targeted: [carers]
participants:
  total: 20
"""

FULL: dict[str, Any] = {
    "kind": "eia",
    "id": "eia-test",
    "title": "Changing the opening hours",
    "author": "DH",
    "proposal": "Open the advice centre from 10am to 6pm instead of 9am to 5pm.",
    "aims": "Open when working parents and carers can come.",
    "affected": ["Service users", "Staff"],
    "decision": {"maker": "Service board", "date": "2007-09-30"},
    "started": "2007-05-01",
    "screening": {
        "decision": "full_assessment",
        "rationale": "Opening hours decide who can come.",
        "date": "2007-05-01",
    },
    "evidence": [
        {"source": "Visits by hour, 2006/07", "type": "local_data"},
        {"source": "National carers survey", "type": "national_data"},
    ],
    "gaps": [{"gap": "How many carers use the centre is not known.", "action": "plan/1a"}],
    "engagement": {
        "activities": [
            {
                "consultation": "cons-carers",
                "groups": ["carers", "disability"],
                "about_impacts": True,
                "summary": "Carers said a later close helps; an early start matters too.",
            }
        ]
    },
    "impacts": {
        **{g: {"rating": "neutral", "rationale": "No difference found."} for g in GROUPS},
        "carers": {"rating": "negative", "rationale": "Carers who come before work lose an hour."},
    },
    "psed": {
        "eliminate_discrimination": "Nobody is turned away by the hours.",
        "advance_equality": "Working parents can come.",
        "good_relations": "The centre is open to everyone at the same times.",
    },
    "intersectional": "Working carers of disabled children gain most.",
    "cumulative": {"note": "No other change to the centre this year."},
    "mitigation": [
        {"strand": "carers", "measure": "An early session once a week.", "action": "plan/1a"}
    ],
    "outcome": {"decision": "adjust", "justification": "An early session keeps the hour."},
    "monitoring": {
        "measures": ["Visits by hour and by carers"],
        "review_date": "2010-09-30",
        "review_owner": "DH",
    },
    "signoff": {"by": "DH", "date": "2007-09-30"},
    "qa": {"by": "QA", "date": "2007-10-01"},
    "published": {"date": "2007-10-05", "where": "Council website"},
}


def screened(**changes: Any) -> dict[str, Any]:
    """A screened-out EIA that earns full marks but for C11 (signed off only), with
    top-level fields replaced."""
    base = {
        "kind": "eia",
        "id": "eia-test",
        "title": "Replacing the printer",
        "author": "DH",
        "proposal": "Replace the office printer with the same model.",
        "aims": "Keep printing.",
        "affected": ["Staff"],
        "decision": {"maker": "Office manager", "date": "2007-06-10"},
        "started": "2007-06-01",
        "screening": {
            "decision": "screened_out",
            "rationale": "Like for like; nobody's access changes.",
            "date": "2007-06-01",
        },
        "impacts": {g: {"rating": "neutral", "rationale": "No change."} for g in FULL["impacts"]},
        "signoff": {"by": "DH", "date": "2007-06-05"},
    }
    base.update(changes)
    return base


def break_config(root: Path) -> None:
    """Make eqdiv.yaml unreadable the way a typo would: a strand set eqdiv lacks."""
    config = root / "eqdiv.yaml"
    config.write_text(config.read_text().replace("set: six-strands", "set: seven-strands"))


def eia(**changes: Any) -> dict[str, Any]:
    """The full-marks EIA with top-level fields replaced (``None`` removes one)."""
    data = copy.deepcopy(FULL)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def impacts(**ratings: Any) -> dict[str, Any]:
    """FULL's impacts with some groups changed (a rating, a whole entry, or None)."""
    result = copy.deepcopy(FULL["impacts"])
    for group, value in ratings.items():
        if value is None:
            result.pop(group)
        elif isinstance(value, str):
            result[group] = {"rating": value, "rationale": "Because."}
        else:
            result[group] = value
    return result


def with_eia(repo: RepoBuilder, data: dict[str, Any]) -> RepoBuilder:
    return repo.write(
        {
            "plans/plan.yaml": PLAN,
            "consultations/cons-carers.yaml": CONSULTATION,
            "eias/eia-test.yaml": yaml.safe_dump(data, sort_keys=False),
        }
    )


def score(repo: RepoBuilder, data: dict[str, Any] | None = None) -> EiaScore:
    """Write ``data`` (default: the full-marks EIA) and score it."""
    with_eia(repo, data if data is not None else eia())
    [scored] = eia_quality(repo.load()).scores
    return scored


def points(scored: EiaScore) -> dict[str, int]:
    return {c.criterion.id: c.points for c in scored.criteria}


def lost(scored: EiaScore, criterion: str) -> list[str]:
    """``line:col field: note`` for each field that lost points on ``criterion``."""
    return [
        f"{n.location.line}:{n.location.column} {n.field}: {n.note}"
        for n in scored.criterion(criterion).fields
        if n.effect.value == "lost"
    ]
