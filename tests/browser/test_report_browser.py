"""The HTML reports in a real browser: headless Chromium (Debian's package) runs
axe-core (from npm, tests/browser/) against WCAG 2.2 AA and must find nothing.

Selenium drives the system browser through the system chromedriver, named by path, so
Selenium Manager never runs and nothing is downloaded. Where the browser is missing
the test is skipped on a developer's machine, but it fails in CI (CI=1) or when
EQDIV_REQUIRE_BROWSER=1: `.ci/run` installs everything it needs.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eqdiv.report import (
    annual_for,
    annual_report,
    quarter_for,
    quarterly_report,
    render_report,
)
from eqdiv.store.repository import load_repository
from tests.conftest import AS_OF, BUNDLED, PROJECT

CHROMIUM = Path(os.environ.get("EQDIV_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("EQDIV_CHROMEDRIVER", "/usr/bin/chromedriver"))
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def required() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true") or (
        os.environ.get("EQDIV_REQUIRE_BROWSER") == "1"
    )


def missing() -> list[str]:
    absent = [
        f"{what} ({path})"
        for what, path in (
            ("chromium", CHROMIUM),
            ("chromedriver", CHROMEDRIVER),
            ("axe-core", AXE),
        )
        if not path.is_file()
    ]
    if importlib.util.find_spec("selenium") is None:
        absent.append("the selenium package")
    return absent


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    absent = missing()
    if absent:
        why = (
            f"Missing: {', '.join(absent)}. Install them with `apt-get install chromium "
            "chromium-driver`, `pip install -e '.[test]'` and `npm ci` in tests/browser."
        )
        if required():
            pytest.fail(why)
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="eqdiv-chromium-") as profile:
        for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1024"):
            options.add_argument(flag)
        # The driver's log goes to a file we close ourselves: selenium 4.11 (our
        # oldest) opens /dev/null for it and never closes it, a ResourceWarning that
        # fails whichever test the garbage collector happens to run in.
        with Path(os.devnull).open("wb") as log:
            service = Service(str(CHROMEDRIVER), log_output=log)
            driver = webdriver.Chrome(options=options, service=service)
            try:
                yield driver
            finally:
                driver.quit()


def reports() -> dict[str, tuple[dict[str, Any], bool]]:
    repo = load_repository(BUNDLED)
    later = date(2008, 4, 30)
    quarterly = quarterly_report(repo, AS_OF, quarter_for(repo, AS_OF, None))
    return {
        "quarterly.html": (quarterly, False),
        "quarterly-large-print.html": (quarterly, True),
        "annual.html": (annual_report(repo, later, annual_for(repo, later, "2007")), False),
    }


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    written = {}
    for name, (model, large) in reports().items():
        template = "annual.html" if name.startswith("annual") else "quarterly.html"
        path = folder / name
        path.write_text(render_report(model, template, BUNDLED, large_print=large))
        written[name] = path
    return written


RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
  .then(result => done({
    violations: result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})),
    passes: result.passes.length}))
  .catch(error => done({error: String(error)}));
"""


@pytest.mark.parametrize("name", list(reports()))
def test_no_wcag_22_aa_violations(browser: Any, pages: dict[str, Path], name: str) -> None:
    browser.get(pages[name].as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(60)
    result = browser.execute_async_script(RUN_AXE, WCAG_22_AA)
    assert "error" not in result, result.get("error")
    assert result["passes"] > 20  # axe really ran its rules
    assert result["violations"] == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
        for v in result["violations"]
    )


@pytest.mark.parametrize("name", list(reports()))
def test_nothing_is_fetched(browser: Any, pages: dict[str, Path], name: str) -> None:
    browser.get(pages[name].as_uri())
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert fetched == []
    # The charts are drawn: each SVG has a name and its bars have a size.
    names = browser.execute_script(
        "return [...document.querySelectorAll('svg[role=img]')]"
        ".map(s => [s.getAttribute('aria-labelledby'), s.getBoundingClientRect().width])"
    )
    assert names and all(label and width > 100 for label, width in names)


def test_the_check_finds_a_violation_when_there_is_one(browser: Any, tmp_path: Path) -> None:
    """The harness is not vacuous: a page with no language and an image with no text
    alternative fails it."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><title>Bad</title><main><img src='data:,'></main>")
    browser.get(page.as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(RUN_AXE, WCAG_22_AA)
    assert sorted(v["id"] for v in result["violations"]) == ["html-has-lang", "image-alt"]


def test_the_assess_page_has_no_wcag_22_aa_violations(browser: Any, tmp_path: Path) -> None:
    """``eqdiv assess --format html`` is a page a scrutiny panel reads: the same bar."""
    from eqdiv.output.assess import PAGES
    from eqdiv.standards.assess_run import run_assess

    repo, standing = run_assess(BUNDLED, AS_OF, None)
    page = tmp_path / "assess.html"
    page.write_text(PAGES["html"](standing, BUNDLED, repo.config.name), encoding="utf-8")
    browser.get(page.as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(60)
    result = browser.execute_async_script(RUN_AXE, WCAG_22_AA)
    assert "error" not in result, result.get("error")
    assert result["passes"] > 15
    assert result["violations"] == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
        for v in result["violations"]
    )
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert fetched == []


def test_the_eia_document_has_no_wcag_22_aa_violations(browser: Any, tmp_path: Path) -> None:
    """``eqdiv report eia``: the document attached to committee papers, the same bar."""
    from eqdiv.report import eia_document_for, render_eia_document

    repo = load_repository(BUNDLED)
    document = eia_document_for(repo, "eia-2007-home-visits", AS_OF)
    page = tmp_path / "eia.html"
    page.write_text(render_eia_document(document, BUNDLED), encoding="utf-8")
    browser.get(page.as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(60)
    result = browser.execute_async_script(RUN_AXE, WCAG_22_AA)
    assert "error" not in result, result.get("error")
    assert result["passes"] > 10
    assert result["violations"] == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
        for v in result["violations"]
    )


@pytest.mark.parametrize("name", ["quarterly.html", "annual.html"])
def test_the_complaints_section_is_there_with_its_chart_and_tables(
    browser: Any, pages: dict[str, Path], name: str
) -> None:
    """The complaints and queries section (the axe check above covers it with the rest
    of the page): its heading, a named chart, and tables whose rows are headed."""
    browser.get(pages[name].as_uri())
    found = browser.execute_script(
        "const s = document.querySelector('section[aria-labelledby=cases]');"
        "return s && {heading: s.querySelector('h2').textContent,"
        " chart: s.querySelector('svg[role=img] title').textContent,"
        " captions: [...s.querySelectorAll('table caption')].map(c => c.textContent),"
        " rowHeaders: s.querySelectorAll('tbody th[scope=row]').length}"
    )
    assert found["heading"] == "Complaints and queries"
    assert found["chart"].startswith("Complaints and queries answered in time, by partner")
    assert "Complaints alleging discrimination" in found["captions"]
    assert found["rowHeaders"] > 5


def test_the_annual_report_carries_employee_information_over_the_150_line(
    browser: Any, pages: dict[str, Path]
) -> None:
    """PSED: the council and the PCT (150 or more staff) publish employee information
    for 2007/08; the CVS (14 staff) is named as publishing none. As a reader sees it:
    the section's headings and the captions of its tables."""
    browser.get(pages["annual.html"].as_uri())
    seen = browser.execute_script(
        "const s = document.getElementById('workforce').closest('section');"
        "return {h3: [...s.querySelectorAll('h3')].map(h => h.innerText),"
        " captions: [...s.querySelectorAll('caption')].map(c => c.innerText),"
        " text: s.innerText,"
        " visible: s.getBoundingClientRect().height > 0};"
    )
    assert seen["visible"]
    assert seen["h3"] == ["Example District Council", "Example Primary Care Trust"]
    assert (
        "Example Primary Care Trust: Relative likelihood of entering a formal process"
        in (seen["captions"])
    )
    assert "Example Council for Voluntary Service had fewer than 150 staff" in seen["text"]
    assert "More likely (a concern)" in seen["text"]


def test_the_annual_report_lists_contracts_and_evidence_per_objective(
    browser: Any, pages: dict[str, Path]
) -> None:
    """Issue 18: the annual report for 2007/08 lists the contracts with equality
    requirements, and each objective's evidence of outcomes, as a reader sees them (the
    axe check above covers the page)."""
    browser.get(pages["annual.html"].as_uri())
    seen = browser.execute_script(
        "const s = document.getElementById('buying').closest('section');"
        "const o = document.getElementById('objectives').closest('section');"
        "return {h3: [...s.querySelectorAll('h3')].map(h => h.innerText),"
        " h4: [...s.querySelectorAll('h4')].map(h => h.innerText),"
        " text: s.innerText, objectives: o.innerText,"
        " visible: s.getBoundingClientRect().height > 0};"
    )
    assert seen["visible"]
    assert seen["h3"] == ["Buying and commissioning", "Information sharing agreements"]
    assert seen["h4"][0] == "Independent parental advice service"
    assert (
        "Equality requirements in the specification: Offer information in alternative formats"
        in seen["text"]
    )
    assert (
        "Community languages the service leaflet is published in: from 2 to 6."
        in (seen["objectives"])
    )
    assert "fathers who work in the day have come to each one" in seen["objectives"]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_the_documentation_screenshot_is_made_from_the_report(
    browser: Any, pages: dict[str, Path]
) -> None:
    """The README and the documentation show the quarterly report of the example
    records as this test sees it. EQDIV_UPDATE_GOLDEN=1 saves a new screenshot (after a
    change to the report's look); otherwise the test holds that the report still
    renders to a page of the same width and that the picture is there."""
    picture = PROJECT / "docs" / "img" / "quarterly-report.png"
    browser.set_window_size(1100, 1400)
    try:
        browser.get(pages["quarterly.html"].as_uri())
        shot = browser.get_screenshot_as_png()
    finally:
        browser.set_window_size(1280, 1024)
    width, height = _png_size(shot)
    assert width >= 1000 and height >= 1000
    assert len(shot) > 50_000  # a page of text and tables, not a blank one
    if os.environ.get("EQDIV_UPDATE_GOLDEN") == "1":
        picture.write_bytes(shot)
    assert _png_size(picture.read_bytes())[0] == width
