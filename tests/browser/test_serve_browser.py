"""`eqdiv serve` in a real browser: the server started as a program on a free port,
over a git repository holding a copy of the bundled records; headless Chromium
driving it, axe-core (WCAG 2.2 AA) on every kind of page, and a person's journeys:
open an action, give a wrong date, see why beside the field, fix it, save, say who
they are, see what changed and commit; edit a record in its form and as text; start
an EIA.

The pages the documentation shows (docs/howto/serve.md) are saved as screenshots: into
docs/img/serve with EQDIV_UPDATE_GOLDEN=1, else into a temporary folder; either way
each is checked to be a real picture."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_report_browser import AXE, RUN_AXE, WCAG_22_AA, browser
from tests.conftest import AS_OF
from tests.gitsupport import GitRepo, new_repo

__all__ = ["browser"]  # the fixture, shared with the report tests

PLAN = "plans/parent-partnership-2007.yaml"
ACTION = "/actions/parent-partnership-2007/1d"
EIA = "eias/eia-2007-home-visits.yaml"
FATHERS = "consultations/cons-2007-fathers-group.yaml"
ME = ("Equality Officer", "equality@partnership.example")
DOCS_IMAGES = Path(__file__).parents[2] / "docs" / "img" / "serve"


def page_wait(browser: Any) -> Any:
    """A wait for the page a click leads to. Until the new page arrives, an element
    found on the old one may go stale under the check: that means "not yet"."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 30, ignored_exceptions=(StaleElementReferenceException,))


@pytest.fixture(scope="module")
def git_repo(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    return new_repo(tmp_path_factory.mktemp("serve-git"))


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("EQDIV_UPDATE_GOLDEN") == "1":
        return DOCS_IMAGES
    return tmp_path_factory.mktemp("screenshots")


def screenshot(driver: Any, folder: Path, name: str, at: str = "") -> None:
    """The page as ``name``.png, a picture the documentation can show: from its top,
    or from the element ``at`` (a CSS selector); 64 colours, so that the repository
    stays small."""
    from PIL import Image

    driver.execute_script(
        "const at = arguments[0] && document.querySelector(arguments[0]);"
        "if (at) { at.scrollIntoView(); window.scrollBy(0, -24); } else window.scrollTo(0, 0);",
        at,
    )
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path))
    with Image.open(path) as taken:
        small = taken.convert("RGB").quantize(colors=64)
    small.save(path, optimize=True)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def server(
    git_repo: GitRepo, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """`eqdiv serve` on a git repository holding a copy of the bundled records, on a
    port the system chooses; its address is read from what it prints when it starts."""
    folder = tmp_path_factory.mktemp("serve")
    records = git_repo.records
    # Its messages (and a line per request) go to a file, which no full pipe can stop.
    log = folder / "serve.log"
    with log.open("w") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "eqdiv", "serve", "--repo", str(records), "--port", "0",
             "--as-of", AS_OF.isoformat()],
            stderr=stream,
        )  # fmt: skip
    try:
        found = None
        for _ in range(600):  # it starts within a minute, even on a busy machine
            found = re.search(r"(http://127\.0\.0\.1:\d+)/", log.read_text())
            if found or process.poll() is not None:
                break
            time.sleep(0.1)
        assert found, log.read_text()
        yield found[1], records
    finally:
        process.terminate()
        process.wait(timeout=30)


def run_axe(driver: Any) -> None:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(RUN_AXE, WCAG_22_AA)
    assert "error" not in result, result.get("error")
    assert result["passes"] > 10  # axe really ran its rules
    assert result["violations"] == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"])
        for v in result["violations"]
    )


@pytest.mark.parametrize(
    "path",
    ["/", "/actions", "/actions?owner=DH&state=overdue", ACTION, "/eias",
     "/eias/eia-2007-case-records", "/findings", "/no/such/page", "/records",
     f"/records/{EIA}", f"/records/{FATHERS}", f"/text/{FATHERS}", "/new", "/new/eia",
     "/new/consultation", "/consultations?period=2007",
     "/consultations?period=2007&staff=1", "/history/parent-partnership-2007/1d",
     "/history/eia-2007-home-visits", "/changes", "/settings"],
)  # fmt: skip
def test_no_wcag_22_aa_violations(browser: Any, server: tuple[str, Path], path: str) -> None:
    base, _ = server
    browser.get(base + path)
    run_axe(browser)
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert fetched == []  # one self-contained page: nothing else is loaded


def test_a_person_records_progress_and_commits_it(
    browser: Any, server: tuple[str, Path], git_repo: GitRepo, shots: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, records = server
    before = (records / PLAN).read_bytes()
    wait = page_wait(browser)  # a form's answer is a new page: wait for it
    browser.get(base + "/")
    screenshot(browser, shots, "status")
    browser.find_element(By.LINK_TEXT, "Actions").click()
    wait.until(lambda b: b.find_element(By.LINK_TEXT, "parent-partnership-2007/1d")).click()
    wait.until(lambda b: b.find_element(By.TAG_NAME, "h1").text == "Action 1d")

    browser.find_element(By.ID, "due").send_keys("2007-13")
    browser.find_element(By.ID, "note").send_keys("The venue moved.")
    browser.find_element(By.CSS_SELECTOR, "form.update button").click()
    error = wait.until(lambda b: b.find_element(By.ID, "due-error"))
    assert "'2007-13' is not a real date." in error.text
    assert browser.find_element(By.ID, "due").get_attribute("aria-invalid") == "true"
    run_axe(browser)  # the page with its errors shown passes too
    screenshot(browser, shots, "action-error", "#record")
    assert (records / PLAN).read_bytes() == before

    due = browser.find_element(By.ID, "due")
    due.clear()
    due.send_keys("2007-12")
    Select(browser.find_element(By.ID, "status")).select_by_value("in_progress")
    browser.find_element(By.CSS_SELECTOR, "form.update button").click()
    saved = wait.until(lambda b: b.find_element(By.CSS_SELECTOR, ".saved")).text
    assert saved.startswith(f"Saved to {PLAN}. Due date changed from September 2007")
    assert "The venue moved." in browser.find_element(By.ID, "main").text
    after = (records / PLAN).read_text()
    assert "    due: 2007-12\n    status: in_progress\n" in after
    assert "The venue moved." in after

    # Who they are, then what changed, then the commit: on this computer only.
    browser.find_element(By.LINK_TEXT, "Settings").click()
    wait.until(lambda b: b.find_element(By.TAG_NAME, "h1").text == "Settings")
    for name, value in zip(("name", "email"), ME, strict=True):
        browser.find_element(By.ID, name).clear()
        browser.find_element(By.ID, name).send_keys(value)
    browser.find_element(By.CSS_SELECTOR, "form.update button").click()
    assert (
        "Your commits will be made as"
        in wait.until(lambda b: b.find_element(By.CSS_SELECTOR, ".saved")).text
    )
    screenshot(browser, shots, "settings")
    browser.find_element(By.LINK_TEXT, "Changes").click()
    wait.until(lambda b: b.find_element(By.ID, "message"))
    assert browser.find_element(By.CSS_SELECTOR, f'input[value="{PLAN}"]').is_selected()
    assert "Action 1d" in browser.find_element(By.ID, "main").text
    browser.find_element(By.ID, "message").send_keys("Action 1d moved to December")
    run_axe(browser)
    screenshot(browser, shots, "changes")
    browser.find_element(By.CSS_SELECTOR, "form.update button").click()
    done = wait.until(lambda b: b.find_element(By.CSS_SELECTOR, ".saved")).text
    assert "nothing was pushed" in done
    assert git_repo.git("log", "-1", "--format=%an <%ae>|%s") == (
        f"{ME[0]} <{ME[1]}>|Action 1d moved to December"
    )
    assert git_repo.git("status", "--porcelain") == ""


def test_a_record_is_edited_in_its_form_and_as_text(
    browser: Any, server: tuple[str, Path], shots: Path
) -> None:
    from selenium.webdriver.common.by import By

    base, records = server
    wait = page_wait(browser)
    before = (records / FATHERS).read_bytes()
    browser.get(f"{base}/records/{FATHERS}")
    total = browser.find_element(By.ID, "f-participants-total")
    total.clear()
    total.send_keys("ten")
    browser.find_element(By.CSS_SELECTOR, "form.record button").click()
    error = wait.until(lambda b: b.find_element(By.ID, "f-participants-total-error"))
    assert "'ten' is not a whole number" in error.text
    run_axe(browser)
    screenshot(browser, shots, "record-form", "fieldset.section")
    assert (records / FATHERS).read_bytes() == before
    total = browser.find_element(By.ID, "f-participants-total")
    total.clear()
    total.send_keys("8")
    browser.find_element(By.CSS_SELECTOR, "form.record button").click()
    wait.until(lambda b: b.find_element(By.CSS_SELECTOR, ".saved"))
    assert (records / FATHERS).read_text() == before.decode().replace("total: 7", "total: 8")

    saved = (records / FATHERS).read_bytes()
    browser.get(f"{base}/text/{FATHERS}")
    broken = (records / FATHERS).read_text().replace("  total: 8\n", " total: 8\n")
    browser.execute_script("document.getElementById('text').value = arguments[0]", broken)
    browser.find_element(By.CSS_SELECTOR, "form.update button").click()
    row = wait.until(lambda b: b.find_element(By.CSS_SELECTOR, "tr.new-finding"))
    assert "New error" in row.text and "(yaml-syntax)" in row.text
    run_axe(browser)
    screenshot(browser, shots, "record-text", "#findings-heading")
    assert (records / FATHERS).read_bytes() == saved


def test_an_eia_is_started_and_coverage_shown(
    browser: Any, server: tuple[str, Path], shots: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, records = server
    wait = page_wait(browser)
    browser.get(f"{base}/eias")
    browser.find_element(By.LINK_TEXT, "Start an EIA").click()
    wait.until(lambda b: b.find_element(By.ID, "title")).send_keys("Evening appointments")
    Select(browser.find_element(By.ID, "owner")).select_by_value("PPO")
    browser.find_element(By.CSS_SELECTOR, "form.update button").click()
    saved = wait.until(lambda b: b.find_element(By.CSS_SELECTOR, ".saved")).text
    assert saved.startswith("Started eia-2007-evening-appointments in eias/")
    assert (records / "eias/eia-2007-evening-appointments.yaml").is_file()
    run_axe(browser)  # the new record's form, its blanks shown beside the fields
    screenshot(browser, shots, "new-eia")
    browser.find_element(By.LINK_TEXT, "Consultations").click()
    period = wait.until(lambda b: b.find_element(By.ID, "period"))
    period.send_keys("2007")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait.until(lambda b: "2007" in b.find_element(By.CSS_SELECTOR, "#activities").text)
    screenshot(browser, shots, "consultations")
