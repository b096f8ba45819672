"""The one catalogue of finding codes: every code eqdiv can report, with a title, what it
means and how serious it is unless said otherwise.

Checks, the loader, the schema layer and the review use these values (``codes.REF_MISSING``),
never the code's text, so a code that is not declared here cannot be reported. The SARIF
rules, the reference's two tables of codes (docs/reference; generated from this file: run
``EQDIV_UPDATE_GOLDEN=1 pytest tests/unit/test_codes.py``) and the config schema's
``review`` section are all read from it.

To declare a code: add ``NAME = _declare(Code("name", "Title", "What it means.",
Severity.X))`` in its family's block below. ``severity`` is the level a finding has when
the place that reports it does not say otherwise; for a review change it is the default
level that ``eqdiv.yaml``'s ``review:`` section can override.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from eqdiv.model.findings import Severity


class Family(StrEnum):
    """Findings are problems in the records (``validate``); changes are what a change to
    the records does (``review``)."""

    FINDING = "finding"
    CHANGE = "change"


@dataclass(frozen=True, slots=True)
class Code:
    """One finding code: ``id`` is the stable text scripts and CI rules depend on."""

    id: str
    title: str
    description: str
    severity: Severity
    family: Family = Family.FINDING

    def __str__(self) -> str:
        return self.id


CATALOGUE: dict[str, Code] = {}


def _declare(code: Code) -> Code:
    if code.id in CATALOGUE:
        raise ValueError(f"finding code {code.id} declared twice")
    CATALOGUE[code.id] = code
    return code


def of_family(family: Family) -> tuple[Code, ...]:
    """The codes of one family, in the order they are declared."""
    return tuple(c for c in CATALOGUE.values() if c.family is family)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

# --- Findings: files that cannot be read as records ---------------------------------
ENCODING = _declare(Code("encoding", "Not UTF-8", "The file is not UTF-8 text.", E))
EMPTY_FILE = _declare(Code("empty-file", "Empty file", "The file has no content.", E))
YAML_SYNTAX = _declare(
    Code(
        "yaml-syntax",
        "YAML syntax",
        "The YAML cannot be read (the message says why, in plain words).",
        E,
    )
)
YAML_TAB = _declare(Code("yaml-tab", "Tab in indentation", "A tab in the indentation.", E))
YAML_TAG = _declare(
    Code("yaml-tag", "YAML tag", "A YAML tag (`!something`), which eqdiv does not read.", E)
)
DUPLICATE_KEY = _declare(
    Code("duplicate-key", "Duplicate field", "The same field twice in one mapping.", E)
)
TOO_DEEP = _declare(Code("too-deep", "Nested too deeply", "The file is nested too deeply.", E))
TOO_LARGE = _declare(
    Code(
        "too-large",
        "Too large",
        "The file, a number in it, or what its aliases expand to is over one of eqdiv's "
        "limits (see Limits).",
        E,
    )
)
YAML_VALUE = _declare(
    Code(
        "yaml-value",
        "Not the value its tag says",
        "A value that its YAML tag (`!!int`, `!!bool`...), or its look, says is a number or "
        "true/false, but is not one.",
        E,
    )
)
ALIAS_LOOP = _declare(
    Code(
        "alias-loop",
        "Alias loop",
        "A YAML alias (`*name`) inside the value its own anchor (`&name`) names.",
        E,
    )
)
UNREADABLE = _declare(Code("unreadable", "Unreadable", "The file cannot be opened.", E))
NOT_A_FILE = _declare(
    Code(
        "not-a-file",
        "Not a file",
        "A FIFO, device or other special file, or a link out of the repository, named like a "
        "record: never read.",
        E,
    )
)
NOT_A_MAPPING = _declare(
    Code(
        "not-a-mapping",
        "Not a record",
        "The file is a list or a single value, not a record.",
        E,
    )
)
KIND_MISSING = _declare(
    Code("kind-missing", "Kind missing", "The file does not say what kind of record it is.", E)
)
KIND_UNKNOWN = _declare(
    Code(
        "kind-unknown",
        "Kind unknown",
        "The file says it is a kind of record eqdiv does not know.",
        E,
    )
)
SCHEMA = _declare(
    Code("schema", "Schema", "A field is missing, unknown, of the wrong type or form.", E)
)
CONFIG_KIND = _declare(
    Code("config-kind", "Not a configuration", "`eqdiv.yaml` does not hold the configuration.", E)
)
CONFIG_LOCATION = _declare(
    Code("config-location", "Configuration elsewhere", "A configuration outside `eqdiv.yaml`.", E)
)

# --- Findings: records that do not fit together --------------------------------------
DUPLICATE_ID = _declare(Code("duplicate-id", "Duplicate id", "An id is used twice.", E))
REF_MISSING = _declare(
    Code(
        "ref-missing",
        "Reference missing",
        "A reference to a person, partner, action, EIA, consultation or indicator that does "
        "not exist.",
        E,
    )
)
STRAND_UNKNOWN = _declare(
    Code(
        "strand-unknown",
        "Strand unknown",
        "A strand or local group that is not in the configuration.",
        E,
    )
)
DATE_FUTURE = _declare(
    Code(
        "date-future",
        "Date in the future",
        "Something recorded as done after today (`--as-of`), or a figure for a period that "
        "has not ended.",
        E,
    )
)
EIA_SIGNOFF_CHANGED = _declare(
    Code(
        "eia-signoff-changed",
        "Changed since sign-off",
        "A signed-off EIA's content differs from what `eqdiv eia sign-off` recorded, with no "
        "review recorded since: the message names the fields and, for impacts, each group's "
        "old and new rating.",
        E,
    )
)
DATE_FAR = _declare(
    Code(
        "date-far",
        "Date far from the record's",
        "A date `eqdiv action update` is about to write is more than a year from the plan's "
        "own dates: back-dated work needs `--as-of`.",
        W,
    )
)
DATE_ORDER = _declare(
    Code(
        "date-order",
        "Dates out of order",
        "An end before its start, or an indicator's target before its baseline.",
        E,
    )
)
STATUS_DATE = _declare(
    Code(
        "status-date",
        "Completion date on an open action",
        "A completion date on an action that is not complete.",
        W,
    )
)
PROFILE_TOTAL = _declare(
    Code(
        "profile-total",
        "Profile does not add up",
        "A consultation's profile does not add up to its participants (an error when it "
        "counts more people than took part, a warning when it counts fewer).",
        E,
    )
)
UNDATED = _declare(
    Code(
        "undated",
        "Action with no due date",
        "An open action with no due date: nobody can tell when it is late.",
        W,
    )
)
UNREVIEWABLE = _declare(
    Code(
        "unreviewable",
        "Ongoing action with no review",
        "An ongoing action with no review: nobody can tell when it is next looked at.",
        W,
    )
)
RUBRIC_INVALID = _declare(
    Code(
        "rubric-invalid",
        "Rubric does not fit together",
        "The partnership's rubric names a criterion or grade it does not have, or its grades "
        "do not rise from 0.",
        E,
    )
)
RUBRIC_FALLBACK = _declare(
    Code(
        "rubric-fallback",
        "Shipped rubric used",
        "The partnership's rubric has errors, so EIAs are scored with the shipped one.",
        W,
    )
)
RUBRIC_DUPLICATE = _declare(
    Code(
        "rubric-duplicate",
        "Second rubric",
        "A second rubric record (only one is used).",
        E,
    )
)
RUBRIC_READS = _declare(
    Code(
        "rubric-reads",
        "Rubric reads",
        "A criterion's `reads:` does not match what its rule reads.",
        W,
    )
)
GRADE_UNKNOWN = _declare(
    Code(
        "grade-unknown",
        "Grade unknown",
        "`eia_minimum_grade`, or an indicator's computed `at_least`, is not a grade of the "
        "rubric in use.",
        E,
    )
)
DIMENSION_UNKNOWN = _declare(
    Code(
        "dimension-unknown",
        "Dimension unknown",
        "A profile or breakdown uses a dimension eqdiv does not know (add it under "
        "`categories:` in `eqdiv.yaml`).",
        E,
    )
)
CATEGORY_UNKNOWN = _declare(
    Code(
        "category-unknown",
        "Category unknown",
        "A profile or breakdown uses a category its dimension does not have (the hint "
        "suggests the nearest).",
        E,
    )
)
GROUP_UNKNOWN = _declare(
    Code(
        "group-unknown",
        "Broad group unknown",
        "A category in `eqdiv.yaml` rolls up to a broad group that is not defined.",
        E,
    )
)
CATEGORY_RESERVED = _declare(
    Code(
        "category-reserved",
        "Reserved category",
        "`eqdiv.yaml` defines `not_known`, which is built in.",
        E,
    )
)
INDICATOR_PERIOD = _declare(
    Code(
        "indicator-period",
        "Indicator period",
        "An indicator's period is not one (`2007/09`), or a period has two values.",
        E,
    )
)
INDICATOR_VALUE = _declare(
    Code(
        "indicator-value",
        "Indicator value",
        "A percentage outside 0 to 100, or a number of people that is not a whole number.",
        E,
    )
)
INDICATOR_BREAKDOWN = _declare(
    Code(
        "indicator-breakdown",
        "Breakdown without a dimension",
        "A value broken down `by` category on an indicator with no `breakdown` dimension.",
        E,
    )
)
INDICATOR_TOTAL = _declare(
    Code(
        "indicator-total",
        "Breakdown does not add up",
        "A breakdown's bases do not add up to the figure's `base`.",
        E,
    )
)
INDICATOR_COMPUTED = _declare(
    Code(
        "indicator-computed",
        "Values on a computed indicator",
        "Typed-in `values` on an indicator eqdiv computes.",
        E,
    )
)
OBJECTIVE_CYCLE = _declare(
    Code(
        "objective-cycle",
        "Objective longer than the cycle",
        "An equality objective runs longer than the duty's four-year cycle.",
        W,
    )
)
WORKFORCE_TOTAL = _declare(
    Code(
        "workforce-total",
        "Workforce figures do not add up",
        "A workforce return's figures do not add up: a profile or a casework breakdown "
        "against its total, outcomes against the cases closed, more cases closed in time "
        "than closed, more people trained than were due (an undercount is a warning).",
        E,
    )
)
WORKFORCE_INDIVIDUAL = _declare(
    Code(
        "workforce-individual",
        "Workforce figures describe a person",
        "A workforce return's figures describe one person: a profile of fewer than 3 "
        "people, a process fewer than 3 entered broken down by strand, a team of one's "
        "training.",
        W,
    )
)
WORKFORCE_LATE = _declare(
    Code(
        "workforce-late",
        "Late workforce return",
        "A workforce return was sent more than `return_due_days` after its period.",
        W,
    )
)
WORKFORCE_DUPLICATE = _declare(
    Code(
        "workforce-duplicate",
        "Two workforce returns for one period",
        "Two workforce returns for the same partner and period: the figures would be "
        "counted twice.",
        W,
    )
)


# --- Findings: self-assessments against an equality framework ----------------------
FRAMEWORK_INVALID = _declare(
    Code(
        "framework-invalid",
        "Framework unreadable",
        "A framework kept in the repository cannot be read, so the shipped one is used.",
        E,
    )
)
ASSESSMENT_FRAMEWORK_UNKNOWN = _declare(
    Code(
        "assessment-framework-unknown",
        "Unknown framework",
        "A self-assessment names a framework eqdiv does not have.",
        E,
    )
)
ASSESSMENT_CRITERION_UNKNOWN = _declare(
    Code(
        "assessment-criterion-unknown",
        "Unknown criterion",
        "A self-assessment names a criterion its framework does not have.",
        E,
    )
)
ASSESSMENT_CLAIM_UNKNOWN = _declare(
    Code(
        "assessment-claim-unknown",
        "Unknown claim",
        "A self-assessment claims something its framework's criterion cannot be.",
        E,
    )
)
ASSESSMENT_EVIDENCE_MISSING = _declare(
    Code(
        "assessment-evidence-missing",
        "Evidence missing",
        "A self-assessment's evidence links to a record that does not exist.",
        E,
    )
)
ASSESSMENT_CLAIM_UNSUPPORTED = _declare(
    Code(
        "assessment-claim-unsupported",
        "Claim not backed",
        "A self-assessment claims more than the records show (for example EIAs below the "
        "grade the criterion needs).",
        W,
    )
)

# --- Findings: complaints and queries (`case-log` records) ----------------------------
CASE_ORDER = _declare(
    Code(
        "case-order",
        "Impossible case dates",
        "A case's dates tell an impossible story (answered before it was received, a "
        "hand-off before the case came in).",
        E,
    )
)
CASE_PARTNER = _declare(
    Code(
        "case-partner",
        "Partner not in the partnership",
        "A case handed to, or logged by, a partner that is not in the partnership.",
        E,
    )
)
CASE_DUPLICATE = _declare(
    Code(
        "case-duplicate",
        "Case logged twice",
        "The same case (reference and stage) logged twice.",
        E,
    )
)
CASE_STRAND = _declare(
    Code(
        "case-strand",
        "Discrimination on no strand",
        "A case alleging discrimination that names no strand.",
        W,
    )
)
CASE_EXTENSION = _declare(
    Code(
        "case-extension",
        "Extension out of standard",
        "An extension longer than the partner's standard allows, or agreed after the "
        "answer was due.",
        W,
    )
)
PERSONAL_DATA = _declare(
    Code(
        "personal-data",
        "Personal data in free text",
        "Free text that looks like personal data (in a case log: an e-mail address, a phone "
        "number, an address; in a workforce return: also a National Insurance or staff "
        "number, a date of birth or a titled name); the value is never shown.",
        E,
    )
)

# --- Findings: contracts and commissioning ------------------------------------------
CONTRACT_EIA_MISSING = _declare(
    Code(
        "contract-eia-missing",
        "Contract without an EIA",
        "A contract in force whose relevance to equality calls for an EIA links none.",
        W,
    )
)
CONTRACT_CLAUSE_MISSING = _declare(
    Code(
        "contract-clause-missing",
        "Contract without an equality clause",
        "A contract in force whose relevance to equality calls for an equality clause has none.",
        W,
    )
)
CONTRACT_RETURN_OVERDUE = _declare(
    Code(
        "contract-return-overdue",
        "Monitoring return overdue",
        "A provider's equality monitoring return is past its due date and not received.",
        W,
    )
)
CONTRACT_EIA_BELOW_MINIMUM = _declare(
    Code(
        "contract-eia-below-minimum",
        "Contract EIA below the minimum grade",
        "A contract's EIA scores below the partnership's minimum grade on the quality rubric.",
        W,
    )
)

# --- Findings: information sharing ---------------------------------------------------
SHARING_REVIEW_OVERDUE = _declare(
    Code(
        "sharing-review-overdue",
        "Sharing agreement past review",
        "An information sharing agreement in force is past its review date.",
        W,
    )
)
SHARING_UNSIGNED = _declare(
    Code(
        "sharing-unsigned",
        "Sharing agreement not signed",
        "A party to an information sharing agreement has not signed it.",
        W,
    )
)
SHARING_AGREEMENT_MISSING = _declare(
    Code(
        "sharing-agreement-missing",
        "Partners share without an agreement",
        "Two partners passed work to each other in the last 12 months (a case handed off, "
        "a consultation run together) and no information sharing agreement covers them.",
        W,
    )
)

# --- Findings: the population profile --------------------------------------------------
DEMOGRAPHICS_STALE = _declare(
    Code(
        "demographics-stale",
        "Population profile out of date",
        "The population profile's figures are older than the latest census published.",
        W,
    )
)
DEMOGRAPHICS_DIMENSION_MISSING = _declare(
    Code(
        "demographics-dimension-missing",
        "Population profile lacks a dimension",
        "Consultation asks people about a dimension the population profile has no figures "
        "for, so who took part cannot be compared with the area.",
        W,
    )
)

# --- Findings: `eqdiv import census`, problems in an ONS Census 2021 download -------
CENSUS_LAYOUT = _declare(
    Code(
        "census-layout",
        "Census file unreadable",
        "A census download is not a Nomis bulk CSV or an ONS custom dataset eqdiv can read.",
        E,
    )
)
CENSUS_MISSING_CATEGORY = _declare(
    Code(
        "census-missing-category",
        "Census category missing",
        "A census table lacks a category, so its profile cannot add up.",
        E,
    )
)
CENSUS_UNKNOWN_CATEGORY = _declare(
    Code(
        "census-unknown-category",
        "Census category unknown",
        "A census table has a category eqdiv does not know; its people are not counted.",
        E,
    )
)
CENSUS_SUM_MISMATCH = _declare(
    Code(
        "census-sum-mismatch",
        "Census total does not add up",
        "A census table's categories do not add up to its total.",
        E,
    )
)
CENSUS_SUBTOTAL_MISMATCH = _declare(
    Code(
        "census-subtotal-mismatch",
        "Census subtotal does not add up",
        "A census subtotal does not equal the sum of its categories.",
        E,
    )
)
CENSUS_LABEL_MISMATCH = _declare(
    Code(
        "census-label-mismatch",
        "Census label differs",
        "A census category code carries a label ONS does not give it.",
        W,
    )
)
CENSUS_BAD_COUNT = _declare(
    Code(
        "census-bad-count",
        "Census count not a number",
        "A census count is not a whole number of people.",
        E,
    )
)
CENSUS_DUPLICATE = _declare(
    Code(
        "census-duplicate",
        "Census category twice",
        "A census area has two rows for one category.",
        E,
    )
)
CENSUS_AREA_MISSING = _declare(
    Code(
        "census-area-missing",
        "Census area missing",
        "An area asked for is not in a census download.",
        E,
    )
)
CENSUS_DIMENSION_TWICE = _declare(
    Code(
        "census-dimension-twice",
        "Census dimension twice",
        "Two census downloads give the same dimension.",
        E,
    )
)
CENSUS_INCOMPLETE = _declare(
    Code(
        "census-incomplete",
        "Census category incomplete",
        "A census table cannot fill one of eqdiv's categories.",
        W,
    )
)
CENSUS_APPROXIMATE = _declare(
    Code(
        "census-approximate",
        "Census category approximate",
        "A census category goes to one of eqdiv's broader groups.",
        I,
    )
)
CENSUS_OUTSIDE_UNIVERSE = _declare(
    Code(
        "census-outside-universe",
        "Census people outside the universe",
        "A census table counts people outside the dimension's universe.",
        I,
    )
)


# --- Review changes: what a change to the records does ---------------------------------
# The config schema's `review` section lists the same codes with the same defaults and
# words (tests/unit/test_review_policy.py holds them together).
def _change(id_: str, title: str, description: str, severity: Severity) -> Code:
    return _declare(Code(id_, title, description, severity, Family.CHANGE))


RECORD_ADDED = _change("record-added", "Record added", "A record was added.", I)
RECORD_REMOVED = _change(
    "record-removed",
    "Record removed",
    "A record was deleted. Records are the audit trail: close, cancel or review them "
    "instead of deleting them.",
    W,
)
RECORD_MOVED = _change(
    "record-moved",
    "Record moved",
    "A record's file was moved or renamed; its id is the same.",
    I,
)
RECORD_RENAMED = _change(
    "record-renamed",
    "Record renamed",
    "A record's id changed: every record that names the old id must change too.",
    W,
)
RECORD_EDITED = _change(
    "record-edited", "Record edited", "Fields of a record changed (the review names them).", I
)
RECORD_LAYOUT = _change(
    "record-layout", "Layout only", "Only comments or layout changed in a record's file.", I
)
RECORD_UNREADABLE = _change(
    "record-unreadable",
    "Record unreadable",
    "A record's file cannot be read on one side, so what changed in it cannot be listed.",
    I,
)
ACTION_ADDED = _change("action-added", "Action added", "An action was added to a plan.", I)
ACTION_REMOVED = _change(
    "action-removed",
    "Action removed",
    "An action was deleted from its plan. It should have been cancelled, with an update "
    "saying why, so that the plan keeps a record of it.",
    W,
)
ACTION_STATUS = _change("action-status", "Status changed", "An action's status changed.", I)
ACTION_REOPENED = _change(
    "action-reopened", "Action reopened", "A complete or cancelled action was reopened.", W
)
DEADLINE_SLIPPED = _change(
    "deadline-slipped",
    "Deadline slipped",
    "An action's due date moved later, and no update added in the same change explains why.",
    W,
)
DEADLINE_SLIPPED_EXPLAINED = _change(
    "deadline-slipped-explained",
    "Deadline slipped, explained",
    "An action's due date moved later, with an update added in the same change.",
    I,
)
DEADLINE_EARLIER = _change(
    "deadline-earlier", "Deadline earlier", "An action's due date moved earlier.", I
)
DEADLINE_REMOVED = _change(
    "deadline-removed",
    "Deadline removed",
    "An open action lost its due date (it became ongoing, or undated): it can no longer be late.",
    W,
)
DEADLINE_SET = _change(
    "deadline-set", "Deadline set", "An action without a due date was given one.", I
)
REVIEW_CHANGED = _change(
    "review-changed",
    "Review changed",
    "An ongoing action's review cadence or next review changed.",
    I,
)
OWNERS_CHANGED = _change("owners-changed", "Owners changed", "An action's owners changed.", I)
UPDATE_ADDED = _change(
    "update-added", "Update added", "A progress update was added to an action.", I
)
UPDATE_CHANGED = _change(
    "update-changed",
    "Update changed",
    "An earlier progress update was edited or deleted: updates are the record of what "
    "happened, so add a new one instead.",
    W,
)
ACTION_EDITED = _change(
    "action-edited",
    "Action edited",
    "Other fields of an action changed (its text, element, start, links...).",
    I,
)
EIA_GRADE = _change(
    "eia-grade",
    "EIA score changed",
    "An EIA's quality score changed, and its grade did not fall.",
    I,
)
EIA_GRADE_FELL = _change("eia-grade-fell", "EIA grade fell", "An EIA's quality grade fell.", W)
EIA_SIGNED_OFF = _change(
    "eia-signed-off", "EIA signed off", "An EIA was signed off, or signed off again.", I
)
EIA_SIGNOFF_REMOVED = _change(
    "eia-signoff-removed", "EIA sign-off removed", "An EIA's sign-off was removed.", W
)
EIA_STAGE = _change(
    "eia-stage",
    "EIA stage recorded",
    "An EIA's quality assurance or publication was recorded.",
    I,
)
EIA_STAGE_REMOVED = _change(
    "eia-stage-removed",
    "EIA stage removed",
    "An EIA's quality assurance or publication was removed.",
    W,
)
EIA_REVIEWED = _change(
    "eia-reviewed", "EIA reviewed", "A review of an EIA was recorded under `reviews`.", I
)
SIGNED_OFF_EDIT = _change(
    "signed-off-edit",
    "Signed-off EIA edited",
    "A signed-off EIA was edited without recording a review under `reviews`: sign-off "
    "must mean something.",
    E,
)

del E, W, I
