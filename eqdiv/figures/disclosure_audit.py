"""``eqdiv audit disclosure``: eqdiv's own publication, read as an attacker would.

``audit_disclosure(repo)`` gathers every figure the repository's publishable views show
(each table of the grid, as the one ``Publication`` shows it) and every verdict
published about a hidden count, solves them together as an integer programme
(``eqdiv.figures.audit``) and reports each hidden count that can be worked out to one
value, or to within 1..threshold-1. A partnership can run it in CI before publishing:
it exits 1 on any disclosure. ``audit_tables`` does the same for any set of published
tables (the tests point it at eqdiv's old per-output suppression).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eqdiv.figures.audit import Audit, Exact, PublishedTable, Statement, audit
from eqdiv.figures.publication import publication
from eqdiv.model.json_parts import envelope
from eqdiv.store.repository import Repository


@dataclass(frozen=True, slots=True)
class DisclosureAudit:
    """What the attacker found: ``tables`` audited, figures in them, and the audit."""

    threshold: int
    tables: int
    figures: int
    hidden: int
    verdicts: int
    result: Audit

    @property
    def ok(self) -> bool:
        return self.result.ok

    def sentences(self) -> list[str]:
        """The result in words, one disclosure a line."""
        r = self.result
        lines = [
            f"Audited {self.tables} published tables: {self.figures} figures, "
            f"{self.hidden} of them hidden, and {self.verdicts} published verdicts on "
            f"hidden counts, solved together as an integer programme "
            f"(threshold {self.threshold}).",
        ]
        if r.ok:
            lines.append(
                "No hidden count can be worked out, or narrowed to within 1 to "
                f"{self.threshold - 1}, from everything published together."
            )
            return lines
        lines.append(f"{len(r.disclosures)} hidden counts can be worked out:")
        for d in r.disclosures:
            value = str(d.low) if d.low == d.high else f"{d.low} to {d.high}"
            where = "; ".join(d.where) if d.where else f"the count {d.cell}, in no table"
            lines.append(f"  {where}: is {value} ({d.reason}).")
        return lines

    def to_dict(self, root: str, as_of: date | None) -> dict[str, Any]:
        r = self.result
        return {
            **envelope("audit disclosure", root, as_of.isoformat() if as_of else None),
            "threshold": self.threshold,
            "tables": self.tables,
            "figures": self.figures,
            "hidden": self.hidden,
            "verdicts": self.verdicts,
            "ok": r.ok,
            "disclosures": [
                {
                    "cells": list(d.where),
                    "figure": str(d.cell),
                    "low": d.low,
                    "high": d.high,
                    "reason": str(d.reason),
                }
                for d in r.disclosures
            ],
        }


def audit_tables(
    tables: Sequence[PublishedTable],
    threshold: int,
    statements: Sequence[Statement] = (),
    verdicts: int = 0,
) -> DisclosureAudit:
    """Audit any set of published tables (and what a reader knows besides)."""
    figures = {c.figure for t in tables for c in t.cells}
    hidden = {c.figure for t in tables for c in t.cells if not isinstance(c.published, Exact)}
    result = audit(tables, threshold, statements=statements)
    return DisclosureAudit(threshold, len(tables), len(figures), len(hidden), verdicts, result)


def audit_disclosure(repo: Repository, threshold: int | None = None) -> DisclosureAudit:
    """Audit everything eqdiv publishes about ``repo``'s people (see the docstring)."""
    made = publication(repo, threshold)
    shown = made.protection.publish(made.tables)
    verdicts = sorted(made.verdicts, key=str)
    return audit_tables(
        shown, made.threshold, [*made.statements, *verdicts], len({s.label for s in verdicts})
    )
