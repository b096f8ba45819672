"""Identifiers must be unique: record ids across the repository, action ids within a
plan, people ids across the directory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location
from eqdiv.model.people import PeopleDirectory


def check_duplicate_ids(ctx: CheckContext) -> Iterator[Finding]:
    yield from duplicate_record_ids(
        ctx,
        (
            (record.id, partial(record.location, "/id"))
            for record in ctx.repo.records
            # A record without a text id: the schema has already said so.
            if isinstance(record.data.get("id"), str)
        ),
    )
    yield from duplicates_within(ctx)


def duplicate_record_ids(
    ctx: CheckContext, ids: Iterable[tuple[str, Callable[[], Location]]]
) -> Iterator[Finding]:
    """Record ids used twice, from each record's id and where its ``id:`` is, in
    repository order (the link part of this check: it needs every file's id)."""
    first: dict[str, Callable[[], Location]] = {}
    for record_id, where in ids:
        if record_id in first:
            # Located only now: finding a line needs the record's position maps.
            yield _twice(ctx, f"The id '{record_id}'", first[record_id](), where(), record_id)
        else:
            first[record_id] = where


def duplicates_within(ctx: CheckContext) -> Iterator[Finding]:
    """Action ids used twice in a plan, and people ids twice in the directories: what
    a plan, or the people directories, say alone."""
    for plan in ctx.repo.plans:
        seen: dict[str, Location] = {}
        for action in plan.actions:
            if action.id in seen:
                yield _twice(
                    ctx, f"Action '{action.id}'", seen[action.id], action.location, plan.id
                )
            else:
                seen[action.id] = action.location
    people: dict[str, Location] = {}
    directory: PeopleDirectory
    for directory in ctx.repo.of_kind("people"):
        for person in directory.people:
            if person.id in people:
                yield _twice(
                    ctx, f"Person '{person.id}'", people[person.id], person.location, directory.id
                )
            else:
                people[person.id] = person.location


def _twice(ctx: CheckContext, what: str, first: Location, again: Location, record: str) -> Finding:
    where = f"line {first.line}" if first.path == again.path else f"{first.path}:{first.line}"
    return ctx.finding(
        codes.DUPLICATE_ID,
        f"{what} is used twice (first at {where}).",
        again,
        "Ids must be unique, so that links point at one thing: rename one of them.",
        record=record,
    )
