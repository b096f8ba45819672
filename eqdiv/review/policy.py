"""What each kind of change a review can find is called, and how serious it is.

Every change has a stable code. Its level (``error``, ``warning``, ``info``, or ``ignore``
to leave it out) comes from the ``review:`` section of ``eqdiv.yaml``, else from the
defaults in the catalogue (`eqdiv.model.codes`). A review exits 1 when the change
introduces an error.

The levels are read from the configuration on the base side of the comparison: a pull
request cannot lower the bar it is judged by in the same pull request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from eqdiv.model import codes
from eqdiv.model.findings import Severity

LEVELS = ("error", "warning", "info", "ignore")

# code -> (default level, what it means), from the one catalogue. The config schema's
# `review` section lists the same codes with the same defaults and words
# (tests/unit/test_review_policy.py holds them).
CHANGES: dict[str, tuple[str, str]] = {
    code.id: (str(code.severity), code.description) for code in codes.of_family(codes.Family.CHANGE)
}

_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class Policy:
    """The level of each change code: the defaults, overridden by ``review:`` settings."""

    overrides: Mapping[str, str] = field(default_factory=dict)

    def level(self, code: str | codes.Code) -> str:
        return self.overrides.get(str(code)) or CHANGES[str(code)][0]

    def severity(self, code: str | codes.Code) -> Severity | None:
        """How serious a change with ``code`` is; None when it is turned off."""
        return _SEVERITY.get(self.level(code))
