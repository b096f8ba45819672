"""``eqdiv report ... --format docx``: the report as an accessible Word document with
the same headings and tables as the HTML page (read back from the document's XML)."""

from __future__ import annotations

import html
import re
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
    assert alt == charts and len(charts) >= 1
    assert 'w:lang w:val="en-GB"' in styles
    assert document.core_properties.title.startswith("Equality")
    assert document.core_properties.language == "en-GB"


def test_docx_needs_a_file_to_write(cli: Cli) -> None:
    result = cli("--repo", str(BUNDLED), *RUNS["quarterly"], "-f", "docx")
    assert result.exit_code == 2
    assert "--format docx writes a Word file: name it with --output." in result.stderr
