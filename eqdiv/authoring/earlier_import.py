"""Recognising a plan that was imported before: importing the same spreadsheet twice
would otherwise write a second plan (``-2.yaml``) with every action doubled, and
validation could not tell.

A plan counts as the same when most of the imported actions' texts are already an
existing plan's, or when it has the same title and period of the same year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from eqdiv.model.plans import ActionPlan

# The share of the imported actions whose text an existing plan already has, from which
# it is taken for the same plan.
SAME_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class EarlierImport:
    plan: ActionPlan
    shared: int  # actions of the import whose text the plan has
    total: int  # actions in the import


def earlier_import(record: Mapping[str, Any], plans: Iterable[ActionPlan]) -> EarlierImport | None:
    """The existing plan ``record`` (an imported action plan) repeats, if any."""
    texts = [_words(a.get("text")) for a in record.get("actions", []) if isinstance(a, dict)]
    if not texts:
        return None
    best: EarlierImport | None = None
    for plan in plans:
        have = {_words(a.text) for a in plan.actions}
        shared = sum(1 for t in texts if t in have)
        if shared / len(texts) >= SAME_SHARE and (best is None or shared > best.shared):
            best = EarlierImport(plan, shared, len(texts))
    return best


def _words(text: object) -> str:
    return " ".join(str(text or "").lower().split())
