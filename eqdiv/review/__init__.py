"""Reviewing a change to the records: what a pull request does to actions, EIAs and
consultations, in eqdiv's terms rather than as lines of YAML.

The public API (the command line is ``eqdiv review``)::

    result = review(root, "main", None, as_of=day)   # Review: records, changes, findings
    result.changes          # every Change, each with a code, level, message, location
    result.findings         # FindingsDelta: introduced, existing, fixed
    result.fails()          # True when the change introduces an error
    review_to_dict(result)  # the stable JSON shape (README: eqdiv review --format json)

Both sides are read from git: the newer one from the working tree or a commit, the
older one from a commit, parsing only the files that changed (see ``sides``).
"""

from __future__ import annotations

# Lazy imports: the cross-record checks are imported when a review runs, not with the
# package: ``eqdiv history`` (``review.history``) needs none of them.
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eqdiv.model.findings import Finding, Severity, counts
from eqdiv.review.changes import Change, Notes
from eqdiv.review.finding_changes import FindingsDelta, compare_findings
from eqdiv.review.narrowing import Store, listing, narrowed
from eqdiv.review.policy import CHANGES, LEVELS, Policy
from eqdiv.review.record_changes import RecordReview, compare_records
from eqdiv.review.sides import Side, Source, at_commit, changed_records, swapped, working_tree
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.gitrepo import Commit, FileChange, GitError, GitRepository, open_repository
from eqdiv.store.record_cache import RecordCache
from eqdiv.store.repository import Progress


@dataclass(frozen=True, slots=True)
class Revision:
    """One side as the person asked for it. ``commit`` is None for the working tree;
    ``branch`` is set when the side is where the current branch left ``branch``."""

    label: str
    commit: Commit | None
    branch: str | None = None


@dataclass(frozen=True)
class Review:
    root: Path
    as_of: date
    base: Revision
    head: Revision
    files: tuple[FileChange, ...]  # the record files that differ
    records: tuple[RecordReview, ...]
    findings: FindingsDelta
    policy: Policy

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(c for r in self.records for c in r.changes)

    def problems(self) -> tuple[Finding, ...]:
        """What a CI system is told: each change, then each finding introduced."""
        return (*(c.as_finding() for c in self.changes), *self.findings.introduced)

    @property
    def counts(self) -> dict[Severity, int]:
        return counts(self.problems())

    def fails(self, level: Severity = Severity.ERROR) -> bool:
        """Whether the change introduces anything at ``level`` or more serious."""
        return any(f.severity.rank >= level.rank for f in self.problems())


def review(
    root: Path,
    base: str | None = None,
    head: str | None = None,
    *,
    as_of: date,
    schemas: SchemaSet | None = None,
    cache: RecordCache | None = None,
    progress: Progress | None = None,
    whole: bool = False,
) -> Review:
    """Review the change from ``base`` (default: where the current branch left the
    default branch) to ``head`` (default: the working tree) in the records repository at
    ``root``. Revisions are checked before anything is read: a bad one is a ``GitError``.
    ``cache`` and ``progress`` are as for ``load_repository``. With a ``cache``, a
    change is reviewed from the files it reaches when it can be (``narrowing``);
    ``whole=True`` reads both sides whole, as a review without the cache does."""
    with open_repository(root) as git:
        source = Source.of(git, root, schemas or SchemaSet.load(), cache, progress)
        store = Store.open(source) if cache is not None and not whole else None
        try:
            found = _review(source, base, head, as_of, store)
        finally:
            if store is not None:
                store.close()
        source.save()
        return found


def _review(
    source: Source, base: str | None, head: str | None, as_of: date, store: Store | None
) -> Review:
    git = source.git
    head_commit = git.commit(head) if head is not None else None
    older = _base(git, base, head_commit)
    assert older.commit is not None
    head_label = "the working tree" if head_commit is None else head or head_commit.short
    if store is not None:
        narrow = narrowed(source, store, older.commit, older.label, head_commit, head_label, as_of)
        if narrow is not None:
            return _reviewed(
                source,
                as_of,
                older,
                narrow.older,
                narrow.newer,
                narrow.files,
                (narrow.before, narrow.after),
                narrow.reached,
            )
    if head_commit is None:
        newer = working_tree(source)
    else:
        newer = at_commit(source, head_commit, head_label)
    files = changed_records(source, older.commit, head_commit, newer.ignore)
    oldest = swapped(source, newer, older.commit, older.label, files, to_older=True)
    from eqdiv.checks.validation import validate

    # Only the findings a review shows get their source lines: there may be thousands.
    before = validate(oldest.repository, as_of, excerpts=False).findings
    after = validate(newer.repository, as_of, excerpts=False).findings
    if store is not None:
        _remember(source, store, as_of, oldest, before)
        if head_commit is not None:
            _remember(source, store, as_of, newer, after)
    return _reviewed(source, as_of, older, oldest, newer, files, (before, after), None)


def _reviewed(
    source: Source,
    as_of: date,
    older: Revision,
    oldest: Side,
    newer: Side,
    files: Sequence[FileChange],
    found: tuple[Sequence[Finding], Sequence[Finding]],
    reached: Collection[str] | None,
) -> Review:
    policy = Policy(dict(oldest.repository.config.review))
    records = compare_records(oldest, newer, files, Notes(policy), reached)
    moved = {r.old_path: r.path for r in records if r.old_path and r.path and r.old_path != r.path}
    return Review(
        root=source.root,
        as_of=as_of,
        base=older,
        head=Revision(newer.label, newer.commit),
        files=tuple(files),
        records=records,
        findings=compare_findings(found[0], found[1], moved).excerpted(
            oldest.repository, newer.repository
        ),
        policy=policy,
    )


def _remember(
    source: Source, store: Store, as_of: date, side: Side, findings: Sequence[Finding]
) -> None:
    """Keep a whole side's findings for the next review from it, when the side is
    exactly its commit's record files (a working tree may hold files git does not)."""
    assert side.commit is not None
    found = listing(source, side.commit)
    if set(found) == set(side.files):
        store.remember(found, as_of, findings, side.files)


def _base(git: GitRepository, base: str | None, head: Commit | None) -> Revision:
    if base is not None:
        return Revision(base, git.commit(base))
    head = head or git.head()  # first: on a branch with no commits, say that
    branch = git.default_branch()
    if branch is None:
        raise GitError(
            "eqdiv cannot tell which branch changes are merged into: there is no main, "
            "master or origin/HEAD.",
            "Name the commit or branch to compare with: `eqdiv review BRANCH`.",
        )
    start = git.merge_base(git.commit(branch), head)
    return Revision(branch, start, branch=branch)


__all__ = [
    "CHANGES",
    "LEVELS",
    "Change",
    "FindingsDelta",
    "Policy",
    "RecordReview",
    "Review",
    "Revision",
    "review",
]
