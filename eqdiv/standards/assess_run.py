"""``eqdiv assess`` as one call: load the records, choose the framework, judge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eqdiv.model.errors import UsageError
from eqdiv.model.json_parts import envelope
from eqdiv.model.suggest import did_you_mean
from eqdiv.standards.framework_set import framework_set
from eqdiv.standards.standing import Standing, standing
from eqdiv.standards.standing_json import standing_to_dict
from eqdiv.store.repository import Repository, load_repository

DEFAULT_FRAMEWORK = "eflg-2021"


def default_framework(repo: Repository, as_of: date) -> str:
    """The framework of the latest self-assessment, else of the action plans."""
    dated = [s for s in repo.self_assessments if s.date <= as_of]
    if dated:
        return max(dated, key=lambda s: s.date).framework
    plans = sorted({p.framework for p in repo.plans})
    return plans[0] if plans else DEFAULT_FRAMEWORK


def run_assess(root: Path, as_of: date, framework_id: str | None) -> tuple[Repository, Standing]:
    repo = load_repository(root)
    frameworks = framework_set(repo)
    chosen = framework_id or default_framework(repo, as_of)
    framework = frameworks.get(chosen)
    if framework is None:
        raise UsageError(
            f"--framework '{chosen}' is not a framework eqdiv has.",
            did_you_mean(chosen, frameworks.ids) + f"Choose one of: {', '.join(frameworks.ids)}.",
        )
    return repo, standing(repo, frameworks, framework, as_of)


@dataclass(frozen=True, slots=True)
class Assessment:
    """``eqdiv assess``'s result: the records it read and where they put the partnership."""

    repo: Repository
    as_of: date
    standing: Standing

    @property
    def failed(self) -> bool:
        """Exit 1: a claim of the self-assessment is not backed by the records (or its
        evidence is missing)."""
        return bool(self.standing.problems)

    def to_dict(self) -> dict[str, Any]:
        """``eqdiv assess --format json``."""
        return {
            **envelope("assess", str(self.repo.root), self.as_of.isoformat()),
            **standing_to_dict(self.standing),
        }


def assess(root: Path, as_of: date, framework_id: str | None = None) -> Assessment:
    """Where the records at ``root`` put the partnership on ``as_of`` against the
    framework ``framework_id`` (default: the latest self-assessment's, else the plans')."""
    repo, judged = run_assess(root, as_of, framework_id)
    return Assessment(repo, as_of, judged)
