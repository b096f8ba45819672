"""``eqdiv assess --draft``: a starting self-assessment written from the records, for a
person to complete. Each criterion gets the claim the records support, the records they
propose as evidence, the gaps they show and the open actions that close them; the person
then adds documents, corrects the claims and records the team's view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eqdiv.authoring.drafts import check_draft
from eqdiv.authoring.naming import FOLDERS, fresh_id, relative_path, taken_ids
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.frameworks import PARTLY
from eqdiv.standards.standing import TO_CHECK, CriterionStanding, Standing
from eqdiv.store.atomic_write import write_atomic
from eqdiv.store.repository import Repository
from eqdiv.yamlio.writer import dump

# Enough records to follow up; the rest are one `eqdiv assess` away.
_EVIDENCE_SHOWN = 6


@dataclass(frozen=True, slots=True)
class AssessmentDraft:
    path: str
    text: str
    written: bool
    findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "written": self.written}


def _claim(c: CriterionStanding) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "criterion": c.criterion.id,
        # eqdiv cannot judge a criterion with no rule: "partly" asks a person to decide.
        "claim": PARTLY if c.reached == TO_CHECK else c.reached,
    }
    if c.evidence:
        entry["evidence"] = [{"record": r} for r in c.evidence[:_EVIDENCE_SHOWN]]
    if c.gaps:
        entry["gaps"] = list(c.gaps)
    if c.actions:
        entry["actions"] = [a.ref for a in c.actions]
    return entry


def draft_record(standing: Standing, record_id: str) -> dict[str, Any]:
    fw = standing.framework
    return {
        "kind": "self-assessment",
        "id": record_id,
        "framework": fw.id,
        "date": standing.as_of,
        **({"target": standing.next_level} if standing.next_level else {}),
        "summary": f"Drafted by eqdiv from the records on {standing.as_of.isoformat()}: "
        "check each claim, add the documents that evidence it, and record the team's view.",
        "criteria": [_claim(c) for c in standing.criteria],
    }


def write_draft(
    root: Path, repo: Repository, standing: Standing, *, write: bool = True
) -> AssessmentDraft:
    """Write the draft into ``self-assessments/`` (never over an existing file)."""
    folder = FOLDERS["self-assessment"]
    base = f"sa-{standing.as_of.isoformat()}-{standing.framework.id}"
    record_id = fresh_id(base, taken_ids(root, {r.id for r in repo.records}, folder))
    path = relative_path(folder, record_id)
    text = dump(draft_record(standing, record_id))
    findings = check_draft(root, path, text.encode("utf-8"), standing.as_of).findings
    draft = AssessmentDraft(path, text, False, findings)
    if write and not draft.failed:
        write_atomic(root / path, text.encode("utf-8"), new=True)
        return AssessmentDraft(path, text, True, findings)
    return draft


__all__ = ["AssessmentDraft", "draft_record", "write_draft"]
