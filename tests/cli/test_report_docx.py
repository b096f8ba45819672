"""``eqdiv report ... --format docx``: the report as an accessible Word document with
the same headings and tables as the HTML page (read back from the document's XML)."""

from __future__ import annotations

import html
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import BUNDLED, CliResult

Cli = Callable[..., CliResult]
RUNS = {
    "quarterly": ["report", "quarterly", "--as-of", "2007-10-15"],
    "annual": ["report", "annual", "--as-of", "2008-04-30", "--year", "2007"],
    "eia": ["report", "eia", "eia-2007-home-visits", "--as-of", "2007-10-15"],
}


def _words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def page_parts(page: str) -> tuple[list[str], list[str], list[str]]:
    """The page's headings, table captions and chart descriptions, read with regular
    expressions (independently of the converter's own parser); the contents list
    (<nav>) is the page's navigation, not its content."""
    body = re.sub(r"<nav.*?</nav>", "", page, flags=re.S)
    headings = [_words(h) for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", body, re.S)]
    captions = [_words(c) for c in re.findall(r"<caption>(.*?)</caption>", body, re.S)]
    charts = re.findall(r'<svg[^>]*role="img".*?<desc[^>]*>(.*?)</desc>', body, re.S)
    return headings, captions, [_words(d) for d in charts]


@pytest.mark.parametrize("kind", list(RUNS))
def test_the_word_report_has_the_pages_headings_tables_and_charts(
    cli: Cli, tmp_path: Path, kind: str
) -> None:
    page_file, word_file = tmp_path / f"{kind}.html", tmp_path / f"{kind}.docx"
    assert cli("--repo", str(BUNDLED), *RUNS[kind], "-o", str(page_file)).exit_code == 0
    result = cli("--repo", str(BUNDLED), *RUNS[kind], "-f", "docx", "-o", str(word_file))
    assert result.exit_code == 0, result.stderr
    headings, captions, charts = page_parts(page_file.read_text("utf-8"))
    document = docx.Document(str(word_file))

    assert [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ] == headings
    assert len(document.tables) == len(captions) > 3
    for table, caption in zip(document.tables, captions, strict=True):
        properties = table._tbl.tblPr
        assert properties.find(qn("w:tblCaption")).get(qn("w:val")) == caption
        assert properties.find(qn("w:tblDescription")).get(qn("w:val")).startswith(caption)
        first_row = table.rows[0]._tr
        assert first_row.trPr is not None and first_row.trPr.find(qn("w:tblHeader")) is not None

    with zipfile.ZipFile(word_file) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        styles = archive.read("word/styles.xml").decode("utf-8")
    alt = [html.unescape(a) for a in re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)]
    assert alt == charts and len(charts) >= (0 if kind == "eia" else 1)
    assert 'w:lang w:val="en-GB"' in styles
    assert document.core_properties.title.startswith("Equality")
    assert document.core_properties.language == "en-GB"


def test_docx_needs_a_file_to_write(cli: Cli) -> None:
    result = cli("--repo", str(BUNDLED), *RUNS["quarterly"], "-f", "docx")
    assert result.exit_code == 2
    assert "--format docx writes a Word file: name it with --output." in result.stderr


def test_an_eia_document_says_what_the_record_says_in_words(cli: Cli, tmp_path: Path) -> None:
    """The EIA as councils publish it: people by role, groups by label, dates in full,
    and how it scores against the rubric."""
    page = tmp_path / "eia.html"
    assert cli("--repo", str(BUNDLED), *RUNS["eia"], "-o", str(page)).exit_code == 0
    headings, captions, _ = page_parts(page.read_text("utf-8"))
    assert headings == [
        "Equality impact assessment: Home visits and information in alternative formats",
        "The proposal",
        "Its aims",
        "Who it affects",
        "Screening",
        "Evidence",
        "Engagement and consultation",
        "Likely impact on each group",
        "Where groups overlap",
        "Together with other decisions",
        "The general equality duty",
        "Mitigation",
        "Decision",
        "Monitoring and review",
        "Sign-off",
        "Quality of the assessment",
        "Alternative formats",
    ]
    assert "Likely impact on each equality group" in captions
    words = _words(page.read_text("utf-8"))
    assert "Religion or belief Negative Visits booked without regard" in words
    assert "Signed off by Head of Children's Services Signed off on 25 September 2007" in words
    assert "Grade: Excellent" in words
    assert "Action 2c: " in words  # the action's own words, not only its id


def test_an_eia_document_escapes_what_the_record_says(cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "records"
    shutil.copytree(BUNDLED, repo)
    record = repo / "eias" / "eia-2007-home-visits.yaml"
    text = record.read_text("utf-8").replace(
        "title: Home visits", "title: <script>alert(1)</script> Home visits", 1
    )
    record.write_text(text, "utf-8")
    page = tmp_path / "eia.html"
    assert cli("--repo", str(repo), *RUNS["eia"], "-o", str(page)).exit_code == 0
    shown = page.read_text("utf-8")
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eia-2007-nope"], "There is no EIA called 'eia-2007-nope'"),
        (["eia-2007-home-visits", "-o", "home-visits.md"], "An EIA document is not written as md."),
        (["eia-2007-home-visits", "-f", "md"], "'md' is not one of 'html', 'docx', 'json'"),
        (["eia-2007-home-visits", "-f", "docx"], "--format docx writes a Word file"),
    ],
)
def test_an_eia_document_refuses_what_it_cannot_do(cli: Cli, args: list[str], message: str) -> None:
    result = cli("--repo", str(BUNDLED), "report", "eia", *args, "--as-of", "2007-10-15")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
