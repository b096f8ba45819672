"""`eqdiv serve` in a real browser: the server started as a program on a free port,
headless Chromium driving it, axe-core (WCAG 2.2 AA) on every kind of page, and a
person's journey: open an action, give a wrong date, see why beside the field, fix
it, save."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_report_browser import AXE, RUN_AXE, WCAG_22_AA, browser
from tests.conftest import AS_OF, BUNDLED

__all__ = ["browser"]  # the fixture, shared with the report tests

PLAN = "plans/parent-partnership-2007.yaml"
ACTION = "/actions/parent-partnership-2007/1d"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`eqdiv serve` on a copy of the bundled records, on a port the system chooses;
    its address is read from what it prints when it starts."""
    folder = tmp_path_factory.mktemp("serve")
    records = Path(shutil.copytree(BUNDLED, folder / "records"))
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
     "/eias/eia-2007-case-records", "/findings", "/no/such/page"],
)  # fmt: skip
def test_no_wcag_22_aa_violations(browser: Any, server: tuple[str, Path], path: str) -> None:
    base, _ = server
    browser.get(base + path)
    run_axe(browser)
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert fetched == []  # one self-contained page: nothing else is loaded


def test_a_person_records_progress(browser: Any, server: tuple[str, Path]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, records = server
    before = (records / PLAN).read_bytes()
    wait = WebDriverWait(browser, 30)  # a form's answer is a new page: wait for it
    browser.get(base + "/")
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
