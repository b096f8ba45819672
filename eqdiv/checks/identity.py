"""Identifiers must be unique: record ids across the repository, action ids within a
plan, people ids across the directory."""

from __future__ import annotations

from collections.abc import Iterator

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.findings import Finding, Location
from eqdiv.model.people import PeopleDirectory
from eqdiv.model.records import Record


def check_duplicate_ids(ctx: CheckContext) -> Iterator[Finding]:
    first: dict[str, Record] = {}
    for record in ctx.repo.records:
        if not isinstance(record.data.get("id"), str):
            continue  # the schema has already said the id is missing or wrong
        if record.id in first:
            # Located only now: finding a line needs the record's position maps.
            earlier = first[record.id].location("/id")
            yield _twice(ctx, f"The id '{record.id}'", earlier, record.location("/id"), record.id)
        else:
            first[record.id] = record
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
