"""Each record kind's typed view: record kind -> how to build its value from a
schema-valid record (``Repository.build`` uses this table)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eqdiv.model.cases import CaseLog
from eqdiv.model.config import Config
from eqdiv.model.consultations import Consultation
from eqdiv.model.contracts import Contract
from eqdiv.model.demographics import Demographics
from eqdiv.model.eias import Eia
from eqdiv.model.framework_records import FrameworkRecord
from eqdiv.model.indicators import Indicator
from eqdiv.model.objectives import Objective
from eqdiv.model.outcomes import OutcomeEvidence
from eqdiv.model.people import PeopleDirectory
from eqdiv.model.plans import ActionPlan
from eqdiv.model.records import Record
from eqdiv.model.rubric import Rubric
from eqdiv.model.self_assessments import SelfAssessment
from eqdiv.model.sharing import SharingAgreement
from eqdiv.model.workforce import WorkforceReturn

# Record kind -> how to build its typed value. Kinds added later register here too.
BUILDERS: dict[str, Callable[[Record], Any]] = {
    "config": Config.from_record,
    "people": PeopleDirectory.from_record,
    "action-plan": ActionPlan.from_record,
    "eia": Eia.from_record,
    "consultation": Consultation.from_record,
    "demographics": Demographics.from_record,
    "rubric": Rubric.from_record,
    "indicator": Indicator.from_record,
    "objective": Objective.from_record,
    "self-assessment": SelfAssessment.from_record,
    "framework": FrameworkRecord.from_record,
    "case-log": CaseLog.from_record,
    "contract": Contract.from_record,
    "workforce": WorkforceReturn.from_record,
    "sharing-agreement": SharingAgreement.from_record,
    "outcome-evidence": OutcomeEvidence.from_record,
}
