"""A protected grid as bytes, and back: what the result cache keeps between runs.

Only the decisions are kept, not what can be laid out again cheaply: which figures are
hidden and why, the verdicts on hidden counts accepted, and any count no hiding could
protect. Decoding lays them over the grid's tables as laid out now (the cache key
covers every input, so they are the same tables) and rebuilds what each figure reads.
``marshal`` is the format, as for the record cache: plain tuples of text and numbers.
Anything that does not fit raises ``ValueError``, which the caller treats as a miss.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from eqdiv.figures.audit import Disclosure, Exact, Figure, Reason, Relation, Statement, Table
from eqdiv.figures.protection import Labels, Protection, Why, label

FORMAT = 1


def _figure(terms: Any) -> Figure:
    return Figure(tuple((str(a), int(c)) for a, c in terms))


def _statement(s: Statement) -> tuple[Any, ...]:
    return (
        tuple((f.terms, (c.numerator, c.denominator)) for f, c in s.terms),
        s.relation.value,
        (s.bound.numerator, s.bound.denominator),
        s.label,
    )


def _unstatement(raw: Any) -> Statement:
    terms, relation, (n, d), text = raw
    return Statement(
        tuple((_figure(f), Fraction(a, b)) for f, (a, b) in terms),
        Relation(relation),
        Fraction(n, d),
        str(text),
    )


def encode(protection: Protection, verdicts: Iterable[Statement]) -> bytes:
    return marshal.dumps(
        (
            FORMAT,
            protection.threshold,
            protection.labels.value,
            tuple((f.terms, why.value) for f, why in protection.hidden.items()),
            tuple(sorted((_statement(s) for s in verdicts), key=repr)),
            tuple(
                (d.cell.terms, d.low, d.high, d.reason.value, d.where)
                for d in protection.unresolved
            ),
        )
    )


def decode(
    raw: bytes, tables: Sequence[Table], values: Mapping[str, int]
) -> tuple[Protection, frozenset[Statement]]:
    try:
        version, threshold, labels, hidden, verdicts, unresolved = marshal.loads(raw)
        if version != FORMAT:
            raise ValueError("another format")
        figures = tuple(dict.fromkeys(c.figure for t in tables for c in t.cells))
        known = set(figures)
        why = {_figure(terms): Why(w) for terms, w in hidden}
        if not set(why) <= known:
            raise ValueError("a hidden figure the grid does not have")
        kind = Labels(labels)
        published = {
            f: label(why[f], threshold, kind) if f in why else Exact(f.value(values))
            for f in figures
        }
        protection = Protection(
            threshold,
            kind,
            figures,
            published,
            why,
            tuple(
                Disclosure(_figure(c), low, high, Reason(r), tuple(where))
                for c, low, high, r, where in unresolved
            ),
        )
        return protection, frozenset(_unstatement(s) for s in verdicts)
    except (EOFError, TypeError, KeyError, IndexError) as err:
        raise ValueError("not a protected grid") from err


def encode_statements(statements: Iterable[Statement]) -> bytes:
    """Statements (the verdicts accepted beside one part of the grid) as bytes."""
    return marshal.dumps((FORMAT, tuple(sorted((_statement(s) for s in statements), key=repr))))


def decode_statements(raw: bytes) -> frozenset[Statement]:
    try:
        version, statements = marshal.loads(raw)
        if version != FORMAT:
            raise ValueError("another format")
        return frozenset(_unstatement(s) for s in statements)
    except (EOFError, TypeError, KeyError, IndexError, ValueError) as err:
        raise ValueError("not a list of statements") from err
