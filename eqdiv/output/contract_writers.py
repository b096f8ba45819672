"""``eqdiv contracts`` written out: plain text, Markdown, CSV and JSON. Every writer
draws the same ``ContractRegister``; record text goes through its family's one
escaping function (``model.escaping``)."""

from __future__ import annotations

import csv
import json
import textwrap
from collections.abc import Callable
from typing import IO

from eqdiv.model.blocks import plural
from eqdiv.model.escaping import csv_cell, markdown_code, markdown_text, terminal_text
from eqdiv.registers.contract_list import STATE_WORDS, ContractEntry, ContractRegister

Writer = Callable[[ContractRegister, IO[str]], None]


def _heading(r: ContractRegister) -> str:
    shown = plural(len(r.entries), "contract")
    scope = f" ({', '.join(r.filters)})" if r.filters else ""
    return (
        f"Contracts on {r.as_of.isoformat()}: {shown}{scope}, "
        f"{len(r.needing_attention)} needing attention."
    )


def _dates(e: ContractEntry) -> str:
    span = f"{e.start.isoformat()} to {e.end.isoformat() if e.end else 'no end date'}"
    review = f"; review {e.review.isoformat()}" if e.review else ""
    return f"{STATE_WORDS[e.state].capitalize()}: {span}{review}."


def _relevance(e: ContractEntry) -> str:
    worth = f", worth {e.value_words}" if e.value_words else ""
    needs = ": needs an EIA and an equality clause" if e.needs_equality_terms else ""
    return f"Relevance to equality {e.relevance}{worth}{needs}."


def _eia(e: ContractEntry) -> str:
    if e.eia is None:
        return "EIA: none linked."
    return f"EIA: {e.eia}" + (f", graded {e.eia_grade}." if e.eia_grade else ".")


def _terms(e: ContractEntry) -> str:
    return (
        f"Equality requirements: {len(e.requirements)}; award criteria: "
        f"{len(e.award_criteria)}; clauses: {len(e.clauses)}."
    )


def _returns(e: ContractEntry) -> str:
    if not e.returns_due:
        return "Monitoring returns: none due yet."
    late = f", {e.returns_overdue} overdue" if e.returns_overdue else ""
    return f"Monitoring returns: {e.returns_received} of {e.returns_due} due received{late}."


def _lines(e: ContractEntry) -> list[str]:
    who = f"{e.partner_name} buys from {e.provider}"
    ref = f"Reference {e.reference}. " if e.reference else ""
    return [f"{ref}{who}.", _dates(e), _relevance(e), _eia(e), _terms(e), _returns(e)]


def write_text(r: ContractRegister, stream: IO[str]) -> None:
    stream.write(_heading(r) + "\n")
    if not r.kept:
        stream.write(
            "No contracts are recorded: add one with `eqdiv new contract` (in contracts/).\n"
        )
        return
    for e in r.entries:
        stream.write(f"\n{terminal_text(e.id)}  {terminal_text(e.title)}\n")
        for line in _lines(e):
            stream.write(textwrap.fill(terminal_text(line), 78, initial_indent="  ",
                                       subsequent_indent="  ") + "\n")  # fmt: skip
        for p in e.problems:
            stream.write(f"  ! {p.path}:{p.line}: {terminal_text(p.short)} ({p.code})\n")
    if not r.entries:
        stream.write("\nNo contract matches.\n")


def write_markdown(r: ContractRegister, stream: IO[str]) -> None:
    stream.write(f"# {markdown_text(_heading(r))}\n")
    for e in r.entries:
        stream.write(f"\n## {markdown_text(e.title)} ({markdown_code(e.id)})\n\n")
        for line in _lines(e):
            stream.write(f"- {markdown_text(line)}\n")
        for p in e.problems:
            stream.write(
                f"- **Needs attention** ({markdown_code(p.code)}, "
                f"{markdown_code(f'{p.path}:{p.line}')}): {markdown_text(p.message)}\n"
            )


def write_json(r: ContractRegister, stream: IO[str]) -> None:
    json.dump(r.to_dict(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


CSV_COLUMNS = (
    "id",
    "reference",
    "title",
    "partner",
    "provider",
    "owner",
    "value_band",
    "relevance",
    "needs_equality_terms",
    "eia",
    "eia_grade",
    "requirements",
    "award_criteria",
    "clauses",
    "start",
    "end",
    "review",
    "state",
    "returns_due",
    "returns_received",
    "returns_overdue",
    "problems",
    "path",
    "line",
)


def write_csv(r: ContractRegister, stream: IO[str]) -> None:
    """One row per contract; several values in one cell are separated by `; `."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in r.entries:
        row: list[object] = [
            e.id,
            e.reference or "",
            e.title,
            e.partner,
            e.provider,
            e.owner or "",
            e.value_band or "",
            e.relevance,
            "yes" if e.needs_equality_terms else "no",
            e.eia or "",
            e.eia_grade or "",
            "; ".join(e.requirements),
            "; ".join(e.award_criteria),
            "; ".join(e.clauses),
            e.start.isoformat(),
            e.end.isoformat() if e.end else "",
            e.review.isoformat() if e.review else "",
            e.state,
            e.returns_due,
            e.returns_received,
            e.returns_overdue,
            "; ".join(p.code for p in e.problems),
            e.path,
            e.line,
        ]
        writer.writerow([csv_cell(v) for v in row])


WRITERS: dict[str, Writer] = {
    "text": write_text,
    "json": write_json,
    "csv": write_csv,
    "md": write_markdown,
}
