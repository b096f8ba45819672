"""`eqdiv serve`: starting a record (an EIA, a consultation) as `eqdiv new` starts it,
consultation coverage exactly as published (and a staff-only view that says so), and
a record's history from git."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from eqdiv.authoring.record_start import start_record
from eqdiv.web.application import create_app
from tests.conftest import AS_OF, BUNDLED
from tests.gitsupport import life_of_2b


@pytest.fixture
def records(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


@pytest.fixture
def client(records: Path) -> Any:
    return create_app(records, as_of=AS_OF).test_client()


def token(client: Any, url: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True))
    assert found
    return found[1]


def test_every_kind_can_be_started(client: Any) -> None:
    html = client.get("/new").get_data(as_text=True)
    assert '<a href="/new/eia">Start an EIA</a>' in html
    assert '<a href="/new/consultation">Log a consultation</a>' in html
    form = client.get("/new/consultation").get_data(as_text=True)
    assert '<option value="PPO">Parent Partnership Officer (PPO)</option>' in form
    assert '<input type="date" id="date" name="date"' in form


def test_logging_a_consultation_writes_what_eqdiv_new_writes(
    client: Any, records: Path, tmp_path: Path
) -> None:
    given = {"title": "Young carers' group", "owner": "PPO", "date": "2007-10-03"}
    response = client.post(
        "/new/consultation", data={"csrf_token": token(client, "/new/consultation"), **given}
    )
    assert response.status_code == 303
    path = "consultations/cons-2007-young-carers-group.yaml"
    assert response.headers["Location"].endswith(f"/records/{path}")
    other = Path(shutil.copytree(BUNDLED, tmp_path / "other"))
    start_record(other, "consultation", given, AS_OF)
    assert (records / path).read_bytes() == (other / path).read_bytes()
    page = client.get(f"/records/{path}").get_data(as_text=True)
    assert f"Started cons-2007-young-carers-group in {path}." in page
    assert 'id="f-methods-error"' in page  # the blank to fill in, beside its field


def test_starting_needs_the_essentials(client: Any, records: Path) -> None:
    before = sorted(p.name for p in (records / "eias").iterdir())
    response = client.post(
        "/new/eia", data={"csrf_token": token(client, "/new/eia"), "title": "", "owner": "NOBODY"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="title-error"' in html
    response = client.post(
        "/new/eia", data={"csrf_token": token(client, "/new/eia"), "title": "X", "owner": "NOBODY"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'id="owner-error">.*&#39;NOBODY&#39; is not in the people directory', html)
    assert sorted(p.name for p in (records / "eias").iterdir()) == before
    assert client.get("/new/no-such-kind").status_code == 400


def test_coverage_is_shown_as_published(client: Any) -> None:
    published = client.get("/consultations?period=2007").get_data(as_text=True)
    staff = client.get("/consultations?period=2007&staff=1").get_data(as_text=True)
    assert "Staff only: exact counts, however small." in staff
    assert "Staff only" not in published.split("<main", 1)[1].split("the staff-only view")[0]
    assert "Counts of people from 1 to 9 are hidden" in published

    def rows(html: str) -> dict[tuple[str, str], list[str]]:
        found = {}
        for caption, body in re.findall(r"<caption>(.*?)</caption>(.*?)</table>", html, re.S):
            for label, cells in re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', body):
                found[caption, label] = re.findall(r"<td[^>]*>([^<]*)</td>", cells)
        return found

    shown, exact = rows(published), rows(staff)
    assert shown and set(shown) <= set(exact)
    hidden = [key for key in shown if shown[key][0] != exact[key][0]]
    assert hidden  # small numbers are withheld in the published view only
    assert all(exact[key][0].isdigit() and not shown[key][0].isdigit() for key in hidden)


def test_a_period_eqdiv_does_not_know_is_said(client: Any) -> None:
    response = client.get("/consultations?period=someday")
    assert response.status_code == 400
    assert "&#39;someday&#39; is not a period eqdiv knows." in response.get_data(as_text=True)


def test_history_of_an_action(tmp_path: Path) -> None:
    repo = life_of_2b(tmp_path)
    client = create_app(repo.records, as_of=AS_OF).test_client()
    html = client.get("/history/parent-partnership-2007/2b").get_data(as_text=True)
    assert "commits changed it, oldest first." in html
    assert "Draft action plan from the collated actions" in html
    assert html.index("Draft action plan") < html.index("October team meeting")
    missing = client.get("/history/no-such-record")
    assert missing.status_code == 400
    assert "No record is called &#39;no-such-record&#39;" in missing.get_data(as_text=True)


def test_history_without_git_says_so(client: Any) -> None:
    response = client.get("/history/eia-2007-home-visits")
    assert response.status_code == 409
    assert "not in a git repository" in response.get_data(as_text=True)


def test_read_only_cannot_start_records(records: Path) -> None:
    client = create_app(records, read_only=True, as_of=AS_OF).test_client()
    assert 'href="/new' not in client.get("/eias").get_data(as_text=True)
    assert client.get("/new/eia").status_code == 403
    assert client.post("/new/eia", data={"title": "x"}).status_code == 403
    assert client.get("/consultations").status_code == 200


def test_the_documentation_shows_every_screenshot_the_browser_tests_make() -> None:
    project = Path(__file__).parents[2]
    made = re.findall(
        r'screenshot\(browser, shots, "([\w-]+)"',
        (project / "tests/browser/test_serve_browser.py").read_text(),
    )
    page = (project / "docs/howto/serve.md").read_text()
    shown = re.findall(r"\]\(\.\./img/serve/([\w-]+)\.png\)", page)
    assert made and sorted(made) == sorted(shown)
    for name in made:  # remade with EQDIV_SCREENSHOTS=docs/img/serve
        assert (project / "docs/img/serve" / f"{name}.png").read_bytes()[:4] == b"\x89PNG"
