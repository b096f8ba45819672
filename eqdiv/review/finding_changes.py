"""Which validation findings a change introduces, which were already there, and which
it fixes.

Findings are matched by what they say, not where: line numbers shift whenever lines are
added above, and JSON pointers shift when an action is inserted before others. So two
findings are the same when their code, file (followed through a move), record and
message agree, line numbers in the message aside; a matching pointer is preferred when
there are several.
"""

from __future__ import annotations

# Lazy imports: the checks (for excerpts) load when a review shows findings, not with
# the ``review`` package, which ``eqdiv history`` imports and which needs none of them.
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eqdiv.model.findings import Finding
from eqdiv.store.repository import Repository

_LINE_NUMBERS = re.compile(r"(\bline |\.ya?ml:)\d+")

Key = tuple[str, str, str | None, str]


@dataclass(frozen=True)
class FindingsDelta:
    introduced: tuple[Finding, ...]  # on the newer side only
    existing: tuple[Finding, ...]  # on both sides (as the newer side has them)
    fixed: tuple[Finding, ...]  # on the older side only (as it had them)

    def excerpted(self, older: Repository, newer: Repository) -> FindingsDelta:
        """With the source line under each finding the change introduces or fixes, from
        the side it is on (those already there can be thousands, and are listed, not
        shown)."""
        from eqdiv.checks.validation import with_excerpt

        return FindingsDelta(
            tuple(with_excerpt(newer, f) for f in self.introduced),
            self.existing,
            tuple(with_excerpt(older, f) for f in self.fixed),
        )


def compare_findings(
    before: Sequence[Finding], after: Sequence[Finding], moved: Mapping[str, str]
) -> FindingsDelta:
    """``moved`` maps a file's older path to its newer one."""
    pool: dict[Key, list[Finding]] = defaultdict(list)
    for finding in before:
        pool[_key(finding, moved.get(finding.location.path, finding.location.path))].append(finding)
    unmatched: list[Finding] = []
    existing: list[Finding] = []
    for finding in after:  # first the findings still at the same pointer
        candidates = pool[_key(finding, finding.location.path)]
        same = next((c for c in candidates if c.location.pointer == finding.location.pointer), None)
        if same is None:
            unmatched.append(finding)
        else:
            candidates.remove(same)
            existing.append(finding)
    introduced: list[Finding] = []
    for finding in unmatched:  # then those that moved within their file
        candidates = pool[_key(finding, finding.location.path)]
        if candidates:
            candidates.pop(0)
            existing.append(finding)
        else:
            introduced.append(finding)
    fixed = [f for remaining in pool.values() for f in remaining]
    return FindingsDelta(tuple(introduced), _ordered(existing, after), _ordered(fixed, before))


def _key(finding: Finding, path: str) -> Key:
    return (finding.code, path, finding.record, _LINE_NUMBERS.sub(r"\1#", finding.message))


def _ordered(chosen: list[Finding], order: Sequence[Finding]) -> tuple[Finding, ...]:
    ids = {id(f) for f in chosen}
    return tuple(f for f in order if id(f) in ids)
