"""The documentation: the site builds with no warning (links between pages hold), the
README stays short, and its set-up lines are the ones CI runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "tutorial" / "index.html").is_file()
    assert (tmp_path / "site" / "reference" / "index.html").is_file()


def test_the_readme_set_up_lines_make_their_own_virtual_environment() -> None:
    """CI (.ci/run) runs the lines between the README's setup markers as written; they
    must work where a plain pip install is refused (an "externally managed" Python)."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- setup:", 1)[1].split("<!-- /setup -->", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("python3")]
    assert lines == [
        "python3 -m venv .venv && . .venv/bin/activate && python3 -m pip install -e . "
        "&& eqdiv status",
        "python3 -m venv .venv && . .venv/bin/activate && python3 -m pip install -e "
        "'.[test]' && python3 -m pytest",
    ]
    assert "sed -n '/^<!-- setup:/" in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_is_a_front_page_not_a_manual() -> None:
    """The reference lives in docs/reference; the README says what eqdiv is, how to set
    it up, a first look, the map of commands and where to read more."""
    lines = (PROJECT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200
