"""What ``validate`` keeps about each record file: the facts the checks need of it,
worked out from that file alone (and, for its own checks, the partnership's settings).

The checks split in two. Most judge one record at a time, reading nothing but that
record, ``eqdiv.yaml``, the people directories, the rubric and the date (a date in the
future, a strand the partnership does not have, a changed sign-off): their findings in
a file are worked out once per content of the file and of those settings (``local``).
The rest link records together (an id used twice, a link that names nothing, work two
partners share without an agreement): they run over every file's small facts (its
kind and id, the ids it defines, the links it makes, each already located), never over
typed records (``eqdiv.checks.incremental``).

Records of the kinds a repository has thousands of (action plans, EIAs and
consultations: ``BULK_KINDS``) are judged this way. The few records of every other
kind (the configuration, people, rubric, frameworks, case logs, contracts ...) are
read whole on every run, and the checks that read them run over them as they always
do ("the context").
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from eqdiv.checks import CHECKS, Check
from eqdiv.checks.categories import check_profile_categories
from eqdiv.checks.check_context import CheckContext
from eqdiv.checks.dates import check_dates
from eqdiv.checks.due import check_due_dates
from eqdiv.checks.identity import check_duplicate_ids, duplicates_within
from eqdiv.checks.profiles import check_profile_totals
from eqdiv.checks.references import USE_ORDER, Use, listed_items, uses_of
from eqdiv.checks.signoff import check_signoffs
from eqdiv.checks.strands import check_strands
from eqdiv.model.consultations import Consultation
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.model.kinds import BUILDERS
from eqdiv.model.records import Record
from eqdiv.model.sharing import JointWork
from eqdiv.store.loaded import LoadedFile
from eqdiv.store.repository import Repository, guess_identity

# The kinds a repository holds many of, judged file by file from kept facts.
BULK_KINDS = frozenset({"action-plan", "eia", "consultation"})
# What the checks of one bulk record read besides the record: the partnership's
# settings. A change to any file of these kinds (or to the date) works every bulk
# file's own findings out again.
SHARED_KINDS = frozenset({"config", "people", "rubric"})

# Each check's part that judges one bulk record alone (with the shared records), and
# the kinds it judges, by the check's place in ``CHECKS`` (the order findings are made
# in). Every other check reads only the context, or is a link check.
_PARTS: dict[Check, tuple[Check, frozenset[str]]] = {
    check_duplicate_ids: (duplicates_within, frozenset({"action-plan"})),
    check_strands: (check_strands, frozenset({"eia", "consultation"})),
    check_dates: (check_dates, BULK_KINDS),
    check_profile_totals: (check_profile_totals, frozenset({"consultation"})),
    check_due_dates: (check_due_dates, frozenset({"action-plan"})),
    check_profile_categories: (check_profile_categories, frozenset({"consultation"})),
    check_signoffs: (check_signoffs, frozenset({"eia"})),
}
LOCAL: dict[int, tuple[Check, frozenset[str]]] = {
    index: _PARTS[check] for index, check in enumerate(CHECKS) if check in _PARTS
}


@dataclass(frozen=True, slots=True)
class Shared:
    """The settings a bulk record is judged with: the shared records, loaded, and the
    repository of them alone, with the date."""

    loaded: tuple[LoadedFile, ...]
    repo: Repository
    as_of: date


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What the checks need of one file (see the module's docstring). ``local`` is
    None until worked out with the shared records."""

    path: str
    kind: str | None  # None: not a record (it could not be read as one)
    id: str
    valid: bool
    seems: tuple[str | None, str | None]  # a file that is no record: its kind and id lines
    loaded: tuple[Finding, ...]  # the findings from reading it
    id_at: Location | None  # where its `id:` is, when it has a text id
    actions: tuple[str, ...]  # an action plan's PLAN/ACTION references
    # The links it makes, located, kept encoded: a large repository makes hundreds of
    # thousands, and a run reads each once (``links``), so they are never all decoded.
    uses: bytes
    joint: JointWork | None  # a consultation run with other partners
    local: tuple[tuple[int, Finding], ...] | None = None


def derive(loaded: LoadedFile, raw: bytes | None, shared: Shared | None) -> FileFacts:
    """The facts of one file read as ``loaded`` (its bytes ``raw``, when they could
    be had), with its own checks' findings when ``shared`` is given and the file is of
    a bulk kind."""
    path, record = loaded.path, loaded.record
    if record is None:
        seems = guess_identity(raw or b"")
        return FileFacts(
            path, None, "", False, seems, loaded.findings, None, (), _NO_USES, None, ()
        )
    kind = record.kind
    typed = BUILDERS[kind](record) if record.valid and kind in BUILDERS else None
    id_at = record.location("/id") if isinstance(record.data.get("id"), str) else None
    actions: tuple[str, ...] = ()
    if kind == "action-plan":
        if typed is not None:
            actions = tuple(action.ref for action in typed.actions)
        else:
            actions = tuple(
                f"{record.id}/{a['id']}" for a in listed_items(record.data.get("actions"))
            )
    uses = _NO_USES
    if typed is not None and kind in USE_ORDER:
        uses = marshal.dumps(
            [
                (target, ref, *_at(record.location(base.pointer + suffix)), who)
                for target, ref, base, suffix, who in uses_of(kind, typed)
            ]
        )
    joint = _joint(record, typed) if kind == "consultation" and typed is not None else None
    local = (
        own_findings(loaded, typed, shared) if shared is not None and kind in BULK_KINDS else None
    )
    return FileFacts(
        path,
        kind,
        record.id,
        record.valid,
        (None, None),
        loaded.findings,
        id_at,
        actions,
        uses,
        joint,
        local,
    )


def _joint(record: Record, c: Consultation) -> JointWork | None:
    """What a consultation run with other partners says of them, each located."""
    if c.organisation is None or all(p == c.organisation for p in c.partners):
        return None
    places = tuple(record.location(f"/partners/{i}") for i in range(len(c.partners)))
    return JointWork(c.id, c.organisation, c.partners, c.start, c.location, places)


def own_findings(loaded: LoadedFile, typed: Any, shared: Shared) -> tuple[tuple[int, Finding], ...]:
    """The findings in a bulk file (its typed value ``typed``) of every check's part
    that judges it alone, each with the check's place in ``CHECKS``."""
    record = loaded.record
    if record is None or typed is None:
        return ()  # the checks read only valid records
    # The shared records' repository with this one record added: what
    # ``Repository.build`` would make of them, without building the others again.
    models = dict(shared.repo.models)
    models[record.kind] = (*models.get(record.kind, ()), typed)
    alone = replace(
        shared.repo,
        files=(*shared.repo.files, record.path),
        records=(*shared.repo.records, record),
        findings=(),
        models=models,
    )
    ctx = CheckContext(alone, shared.as_of)
    found: list[tuple[int, Finding]] = []
    for index, (part, kinds) in LOCAL.items():
        if record.kind in kinds:
            found.extend((index, f) for f in part(ctx) if f.location.path == loaded.path)
    return tuple(found)


def links(facts: FileFacts, keep: Callable[[str, str, str], bool]) -> Iterator[Use]:
    """The links a file makes, located (see ``eqdiv.checks.references.Use``), those
    for which ``keep(target, ref, record)`` holds: the rest are never made objects."""
    path = facts.path
    for target, ref, line, column, pointer, who in marshal.loads(facts.uses):
        if keep(target, ref, who):
            yield target, ref, Location(path, line, column, pointer), "", who


_NO_USES = marshal.dumps([])


# Storing ------------------------------------------------------------------------

Coded = tuple[str, str, str, int, int, str, str | None, str | None]


def _code(f: Finding) -> Coded:
    loc = f.location
    return (
        f.code,
        f.severity.value,
        f.message,
        loc.line,
        loc.column,
        loc.pointer,
        f.hint,
        f.record,
    )


def _finding(path: str, c: Coded) -> Finding:
    code, severity, message, line, column, pointer, hint, record = c
    return Finding(
        code, Severity(severity), message, Location(path, line, column, pointer), hint, record
    )


def _at(loc: Location) -> tuple[int, int, str]:
    return loc.line, loc.column, loc.pointer


def encode(facts: FileFacts) -> bytes:
    """The facts from the file's content (``local`` apart: see ``encode_local``)."""
    joint = facts.joint
    return marshal.dumps(
        (
            facts.kind,
            facts.id,
            facts.valid,
            facts.seems,
            [_code(f) for f in facts.loaded],
            None if facts.id_at is None else _at(facts.id_at),
            facts.actions,
            facts.uses,
            None
            if joint is None
            else (
                joint.id,
                joint.organisation,
                joint.partners,
                joint.start.toordinal(),
                _at(joint.location),
                [_at(p) for p in joint.places],
            ),
        )
    )


def decode(path: str, raw: bytes, local: bytes | None) -> FileFacts:
    """Facts as ``encode`` kept them, with ``local`` when given (else None). Raises
    one of ``DAMAGED`` on bytes that are not facts."""
    kind, record_id, valid, seems, loaded, id_at, actions, uses, joint = marshal.loads(raw)

    def at(c: Sequence[Any]) -> Location:
        return Location(path, c[0], c[1], c[2])

    shared = None
    if joint is not None:
        jid, organisation, partners, start, where, places = joint
        shared = JointWork(
            jid,
            organisation,
            tuple(partners),
            date.fromordinal(start),
            at(where),
            tuple(at(p) for p in places),
        )
    return FileFacts(
        path,
        kind,
        record_id,
        valid,
        (seems[0], seems[1]),
        tuple(_finding(path, f) for f in loaded),
        None if id_at is None else at(id_at),
        tuple(actions),
        uses,
        shared,
        None if local is None else decode_local(path, local),
    )


def encode_local(found: Iterable[tuple[int, Finding]]) -> bytes:
    return marshal.dumps([(index, _code(f)) for index, f in found])


def decode_local(path: str, raw: bytes) -> tuple[tuple[int, Finding], ...]:
    return tuple((index, _finding(path, f)) for index, f in marshal.loads(raw))


# What decoding raises on bytes that are not facts: a damaged entry is a miss.
DAMAGED = (ValueError, EOFError, TypeError, KeyError, IndexError)

Deriver = Callable[[LoadedFile, bytes | None, Shared | None], FileFacts]
