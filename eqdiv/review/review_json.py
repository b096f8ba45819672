"""A review as plain JSON-ready data: the stable shape of ``eqdiv review --format json``
(documented in the README)."""

from __future__ import annotations

from typing import Any

from eqdiv.model.findings import Severity
from eqdiv.model.json_parts import envelope, finding_to_dict
from eqdiv.review import Review, Revision
from eqdiv.review.changes import Change
from eqdiv.review.eia_changes import grade_data
from eqdiv.review.policy import CHANGES
from eqdiv.review.record_changes import RecordReview
from eqdiv.store.gitrepo import Commit


def review_to_dict(review: Review, level: Severity = Severity.ERROR) -> dict[str, Any]:
    tally = review.counts
    delta = review.findings
    return {
        **envelope("review", str(review.root), review.as_of.isoformat()),
        "base": revision_to_dict(review.base),
        "head": revision_to_dict(review.head),
        "summary": {
            "records": len(review.records),
            "errors": tally[Severity.ERROR],
            "warnings": tally[Severity.WARNING],
            "info": tally[Severity.INFO],
            "introduced": len(delta.introduced),
            "existing": len(delta.existing),
            "fixed": len(delta.fixed),
            "fails": review.fails(level),
        },
        "levels": {code: review.policy.level(code) for code in CHANGES},
        "records": [record_to_dict(r) for r in review.records],
        "findings": {
            "introduced": [finding_to_dict(f) for f in delta.introduced],
            "existing": [finding_to_dict(f) for f in delta.existing],
            "fixed": [finding_to_dict(f) for f in delta.fixed],
        },
    }


def revision_to_dict(revision: Revision) -> dict[str, Any]:
    return {
        "label": revision.label,
        "branch": revision.branch,
        "commit": commit_to_dict(revision.commit) if revision.commit else None,
    }


def commit_to_dict(commit: Commit) -> dict[str, Any]:
    return {
        "sha": commit.sha,
        "short": commit.short,
        "date": commit.date.isoformat(),
        "author": commit.author,
        "subject": commit.subject,
    }


def record_to_dict(record: RecordReview) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": record.kind,
        "id": record.id,
        "title": record.title,
        "path": record.path,
        "old_path": record.old_path,
        "state": record.state,
        "grade": None,
        "changes": [change_to_dict(c) for c in record.changes],
    }
    if record.scores is not None:
        before, after = record.scores
        data["grade"] = {"before": grade_data(before), "after": grade_data(after)}
    return data


def change_to_dict(change: Change) -> dict[str, Any]:
    return {
        **finding_to_dict(change.as_finding()),
        "subject": change.subject,
        "side": "base" if change.on_base else "head",
        "before": change.before,
        "after": change.after,
    }
