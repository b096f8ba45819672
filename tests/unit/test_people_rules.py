"""The evidence rules read from workforce returns and complaint logs
(frameworks/RULES.md), on the bundled records and on edited copies."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from eqdiv.model.frameworks import Rule
from eqdiv.standards.evidence_rules import Outcome, RuleContext, RuleResult
from eqdiv.standards.rule_table import RULES
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import AS_OF, BUNDLED

MONITORING = "workforce_monitoring_complete_at_least"
TRAINING = "training_complete_at_least"
COMPLAINTS = "complaints_answered_on_time_at_least"


def judge(
    repo: Repository, name: str, percent: int, scope: tuple[str, ...] = (), day: date = AS_OF
) -> RuleResult:
    return RULES[name](RuleContext(repo, day, "eslg-2007", scope), Rule(name, percent))


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return load_repository(BUNDLED)


def test_a_partner_without_a_recent_return_fails_the_workforce_rules(bundled: Repository) -> None:
    result = judge(bundled, MONITORING, 90)
    assert result.outcome is Outcome.NOT_MET
    assert result.reason == (
        "No workforce return for the last 12 months from Example Primary Care Trust, "
        "Example Police (district command), Example Schools Forum, Example Council for "
        "Voluntary Service."
    )
    assert result.records == ("wf-council-2007q2",)


def test_monitoring_counts_prefer_not_to_say_as_recorded(bundled: Repository) -> None:
    # The council's return: 479 staff, 19 ethnicity not known (96.0% recorded; the 3
    # who preferred not to say were asked, so they count as recorded).
    assert judge(bundled, MONITORING, 96, ("council",)).outcome is Outcome.MET
    result = judge(bundled, MONITORING, 97, ("council",))
    assert result.outcome is Outcome.NOT_MET
    assert result.reason == "In wf-council-2007q2, ethnicity is recorded for 96.0% of staff."


def test_training_counts_only_current_training(bundled: Repository, tmp_path: Path) -> None:
    result = judge(bundled, TRAINING, 70, ("council",))
    assert result.outcome is Outcome.MET
    assert judge(bundled, TRAINING, 72, ("council",)).reason == (
        "In wf-council-2007q2, 5 of 7 have current training (71.4%)."
    )
    # Past the refresher date, the team's training no longer counts.
    repo = Path(shutil.copytree(BUNDLED, tmp_path / "records"))
    path = repo / "workforce" / "wf-council-2007q2.yaml"
    text = path.read_text("utf-8").replace("refresher_due: 2008-03-31", "refresher_due: 2007-10-01")
    path.write_text(text, "utf-8")
    lapsed = judge(load_repository(repo), TRAINING, 70, ("council",))
    assert lapsed.reason == "In wf-council-2007q2, 0 of 7 have current training (0.0%)."


def test_complaints_answered_on_time_in_the_last_year(bundled: Repository) -> None:
    result = judge(bundled, COMPLAINTS, 80)
    assert result.outcome is Outcome.NOT_MET
    assert result.reason == (
        "23 of 29 cases due in the last 12 months were answered on time (79.3%, below 80%)."
    )
    assert judge(bundled, COMPLAINTS, 79).outcome is Outcome.MET
    council = judge(bundled, COMPLAINTS, 75, ("council",))
    assert council.outcome is Outcome.MET
    assert council.reason.startswith("15 of 20 cases")


def test_no_cases_due_is_not_applicable(bundled: Repository) -> None:
    result = judge(bundled, COMPLAINTS, 80, day=date(2005, 1, 1))
    assert result.outcome is Outcome.NOT_APPLICABLE


def test_a_strand_nobody_recorded_fails_monitoring(tmp_path: Path) -> None:
    repo = Path(shutil.copytree(BUNDLED, tmp_path / "records"))
    path = repo / "workforce" / "wf-council-2007q2.yaml"
    text = path.read_text("utf-8")
    assert "not_known: 19" in text
    path.write_text(text.replace("not_known: 19", "not_known: 100", 1), "utf-8")
    path.write_text(
        path.read_text("utf-8").replace("white_british: 418", "white_british: 337", 1), "utf-8"
    )
    result = judge(load_repository(repo), MONITORING, 90, ("council",))
    assert result.reason == "In wf-council-2007q2, ethnicity is recorded for 79.1% of staff."
