"""``eqdiv assess`` as one call: load the records, choose the framework, judge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from eqdiv.model.errors import UsageError
from eqdiv.model.suggest import did_you_mean
from eqdiv.standards.framework_set import framework_set
from eqdiv.standards.standing import Standing, standing
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
