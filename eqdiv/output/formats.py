"""The ``--format`` choices of each output family: one registry, one enum per family.

A command's ``--format`` option is typed with its family's enum from here, so that its
choices are written once: no command writes a list of formats of its own
(``tests/unit/test_formats.py`` fails on a ``--format`` whose type is not one of
``FAMILIES``, even one with the same values), and each family's writers in ``output/``
are keyed by the same names (the test holds the two together). A new format is added
here and to its family's writers; a new family is an enum here, listed in
``FAMILIES``. The first member is the default.

This module imports only ``enum``, so that the command line builds its options without
loading a writer: ``eqdiv --help`` stays fast.
"""

from __future__ import annotations

from enum import StrEnum


class FindingsFormat(StrEnum):
    """``validate``: findings, for people and CI systems (``output.findings``, ``output.ci``)."""

    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"


class ReviewFormat(StrEnum):
    """``review``: what a change does (``output.review.WRITERS``)."""

    text = "text"
    md = "md"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"


class StatusFormat(StrEnum):
    """``status`` (``output.status.WRITERS``)."""

    text = "text"
    json = "json"


class ActionsFormat(StrEnum):
    """``actions`` (``output.actions.WRITERS``)."""

    text = "text"
    json = "json"
    csv = "csv"


class ReportFileFormat(StrEnum):
    """``report quarterly|annual|template`` (``report.render_report``, ``report_json``,
    ``output.docx_report``): html is the default when no ``--output`` extension says
    otherwise."""

    html = "html"
    md = "md"
    txt = "txt"
    json = "json"
    docx = "docx"


class EiaDocumentFormat(StrEnum):
    """``report eia``: one EIA as a document to publish (``report.render_eia_document``,
    ``eia_document_json``, ``output.docx_report``); not Markdown or plain text."""

    html = "html"
    docx = "docx"
    json = "json"


class EiaFormat(StrEnum):
    """``eia list|score`` (``output.eia_text``, ``output.eia_markdown``, ``eia.result_to_dict``)."""

    text = "text"
    json = "json"
    md = "md"


class RubricFormat(StrEnum):
    """``eia rubric``: also as YAML, to start a partnership's own rubric."""

    text = "text"
    json = "json"
    md = "md"
    yaml = "yaml"


class CoverageFormat(StrEnum):
    """``consultation coverage`` (``output.coverage``)."""

    text = "text"
    json = "json"
    md = "md"


class CasesFormat(StrEnum):
    """``cases``: complaints and queries (``output.case_register``)."""

    text = "text"
    json = "json"
    csv = "csv"
    md = "md"


class WorkforceFormat(StrEnum):
    """``workforce`` (``output.workforce_writers.WRITERS``)."""

    text = "text"
    json = "json"
    csv = "csv"
    md = "md"


class ContractsFormat(StrEnum):
    """``contracts``: the contracts register (``output.contract_writers.WRITERS``)."""

    text = "text"
    json = "json"
    csv = "csv"
    md = "md"


class AssessFormat(StrEnum):
    """``assess``: where the partnership stands (``output.assess.PAGES`` for md and html)."""

    text = "text"
    json = "json"
    md = "md"
    html = "html"


class ExportFormat(StrEnum):
    """``export``: tables for an analytics engine (``output.export_files.WRITERS``)."""

    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class TextOrJson(StrEnum):
    """What the other commands print: ``consultation list``, ``history``, ``import ...``,
    ``action update``, ``new``, ``init``, ``audit disclosure`` (``output.history``,
    ``output.authoring`` ...)."""

    text = "text"
    json = "json"


FAMILIES: tuple[type[StrEnum], ...] = (
    FindingsFormat,
    ReviewFormat,
    StatusFormat,
    ActionsFormat,
    ReportFileFormat,
    EiaDocumentFormat,
    EiaFormat,
    RubricFormat,
    CoverageFormat,
    CasesFormat,
    WorkforceFormat,
    ContractsFormat,
    AssessFormat,
    ExportFormat,
    TextOrJson,
)


def choices(family: type[StrEnum]) -> tuple[str, ...]:
    """A family's formats, in order, as ``--format`` takes them."""
    return tuple(member.value for member in family)
