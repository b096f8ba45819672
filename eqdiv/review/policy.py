"""What each kind of change a review can find is called, and how serious it is.

Every change has a stable code. Its level (``error``, ``warning``, ``info``, or ``ignore``
to leave it out) comes from the ``review:`` section of ``eqdiv.yaml``, else from the
defaults here. A review exits 1 when the change introduces an error.

The levels are read from the configuration on the base side of the comparison: a pull
request cannot lower the bar it is judged by in the same pull request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from eqdiv.model.findings import Severity

LEVELS = ("error", "warning", "info", "ignore")

# code -> (default level, what it means). The config schema's `review` section lists the
# same codes with the same defaults and words (tests/unit/test_review_policy.py holds them).
CHANGES: dict[str, tuple[str, str]] = {
    "record-added": ("info", "A record was added."),
    "record-removed": (
        "warning",
        "A record was deleted. Records are the audit trail: close, cancel or review them "
        "instead of deleting them.",
    ),
    "record-moved": ("info", "A record's file was moved or renamed; its id is the same."),
    "record-renamed": (
        "warning",
        "A record's id changed: every record that names the old id must change too.",
    ),
    "record-edited": ("info", "Fields of a record changed (the review names them)."),
    "record-layout": ("info", "Only comments or layout changed in a record's file."),
    "record-unreadable": (
        "info",
        "A record's file cannot be read on one side, so what changed in it cannot be listed.",
    ),
    "action-added": ("info", "An action was added to a plan."),
    "action-removed": (
        "warning",
        "An action was deleted from its plan. It should have been cancelled, with an update "
        "saying why, so that the plan keeps a record of it.",
    ),
    "action-status": ("info", "An action's status changed."),
    "action-reopened": (
        "warning",
        "A complete or cancelled action was reopened.",
    ),
    "deadline-slipped": (
        "warning",
        "An action's due date moved later, and no update added in the same change explains why.",
    ),
    "deadline-slipped-explained": (
        "info",
        "An action's due date moved later, with an update added in the same change.",
    ),
    "deadline-earlier": ("info", "An action's due date moved earlier."),
    "deadline-removed": (
        "warning",
        "An open action lost its due date (it became ongoing, or undated): it can no longer "
        "be late.",
    ),
    "deadline-set": ("info", "An action without a due date was given one."),
    "review-changed": ("info", "An ongoing action's review cadence or next review changed."),
    "owners-changed": ("info", "An action's owners changed."),
    "update-added": ("info", "A progress update was added to an action."),
    "update-changed": (
        "warning",
        "An earlier progress update was edited or deleted: updates are the record of what "
        "happened, so add a new one instead.",
    ),
    "action-edited": (
        "info",
        "Other fields of an action changed (its text, element, start, links...).",
    ),
    "eia-grade": ("info", "An EIA's quality score changed, and its grade did not fall."),
    "eia-grade-fell": ("warning", "An EIA's quality grade fell."),
    "eia-signed-off": ("info", "An EIA was signed off, or signed off again."),
    "eia-signoff-removed": ("warning", "An EIA's sign-off was removed."),
    "eia-stage": ("info", "An EIA's quality assurance or publication was recorded."),
    "eia-stage-removed": (
        "warning",
        "An EIA's quality assurance or publication was removed.",
    ),
    "eia-reviewed": ("info", "A review of an EIA was recorded under `reviews`."),
    "signed-off-edit": (
        "error",
        "A signed-off EIA was edited without recording a review under `reviews`: sign-off "
        "must mean something.",
    ),
}

_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class Policy:
    """The level of each change code: the defaults, overridden by ``review:`` settings."""

    overrides: Mapping[str, str] = field(default_factory=dict)

    def level(self, code: str) -> str:
        return self.overrides.get(code) or CHANGES[code][0]

    def severity(self, code: str) -> Severity | None:
        """How serious a change with ``code`` is; None when it is turned off."""
        return _SEVERITY.get(self.level(code))
