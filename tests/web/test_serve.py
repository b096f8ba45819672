"""`eqdiv serve` through Flask's test client: every page answers, record text is
escaped, forms are protected, read-only refuses changes, and an update made in the
browser writes exactly the bytes `eqdiv action update` writes."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from eqdiv.web.application import create_app
from eqdiv.web.server import open_warning
from tests.conftest import AS_OF, BUNDLED, CliResult

Cli = Callable[..., CliResult]
PLAN = "plans/parent-partnership-2007.yaml"
ACTION = "/actions/parent-partnership-2007/1d"
HOSTILE = "<script>alert('owned')</script> & <b>bold</b>"


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A copy of the bundled records, to change."""
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


@pytest.fixture
def client(records: Path) -> Any:
    return create_app(records, as_of=AS_OF).test_client()


def form_fields(html: str) -> dict[str, str]:
    """The hidden fields of the update form: the CSRF token and the file's digest."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))


def post_update(client: Any, **fields: str) -> Any:
    hidden = form_fields(client.get(ACTION).get_data(as_text=True))
    return client.post(ACTION, data={**hidden, **fields})


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "<h1>Status</h1>"),
        ("/actions", "<h1>Actions</h1>"),
        ("/actions?plan=parent-partnership-2007&owner=DH&state=overdue", "<h1>Actions</h1>"),
        (ACTION, "<h1>Action 1d</h1>"),
        ("/eias", "<h1>EIAs</h1>"),
        ("/eias/eia-2007-case-records", "<h1>EIA eia-2007-case-records</h1>"),
        ("/findings", "<h1>Findings</h1>"),
        ("/reports/quarterly", "<h1>Equality and diversity: quarterly progress report</h1>"),
        ("/reports/annual?period=2007", "<h1>Equality information</h1>"),
    ],
)
def test_every_page_answers(client: Any, url: str, heading: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert heading in response.get_data(as_text=True)
    assert "Content-Security-Policy" in response.headers


def test_the_action_filters_select(client: Any) -> None:
    html = client.get("/actions?plan=parent-partnership-2007&state=overdue").get_data(as_text=True)
    listed = re.findall(r'href="/actions/parent-partnership-2007/(\w+)"', html)
    assert listed and "1d" in listed
    everything = client.get("/actions").get_data(as_text=True)
    assert len(re.findall(r'<th scope="row"><a href="/actions/', everything)) > len(listed)


def test_a_filter_that_matches_nothing_says_so(client: Any) -> None:
    response = client.get("/actions?owner=NOBODY")
    assert response.status_code == 400
    assert "&#39;NOBODY&#39; is not in the people directory" in response.get_data(as_text=True)


def test_a_missing_page_is_a_plain_page(client: Any) -> None:
    response = client.get("/actions/parent-partnership-2007/9z")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is no action 9z in plan parent-partnership-2007." in html
    assert "Traceback" not in html
    assert client.get("/no/such/page").status_code == 404


def test_record_text_is_escaped(records: Path) -> None:
    plan = records / PLAN
    plan.write_text(
        plan.read_text().replace(
            "      Identify and list all key", f"      {HOSTILE} Identify and list all key"
        )
    )
    client = create_app(records, as_of=AS_OF).test_client()
    for url in ("/actions", ACTION):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold" in html


def test_a_form_without_its_token_is_refused(client: Any, records: Path) -> None:
    before = (records / PLAN).read_bytes()
    hidden = form_fields(client.get(ACTION).get_data(as_text=True))
    response = client.post(
        ACTION, data={**hidden, "csrf_token": "forged", "status": "complete", "note": "x"}
    )
    assert response.status_code == 400
    assert "nothing was changed" in response.get_data(as_text=True)
    assert (records / PLAN).read_bytes() == before


def test_read_only_refuses_every_change(records: Path) -> None:
    before = (records / PLAN).read_bytes()
    client = create_app(records, read_only=True, as_of=AS_OF).test_client()
    page = client.get(ACTION).get_data(as_text=True)
    assert '<form class="update"' not in page
    response = client.post(ACTION, data={"status": "complete", "note": "x"})
    assert response.status_code == 403
    assert "This eqdiv is read-only: nothing can be changed here." in response.get_data(
        as_text=True
    )
    assert (records / PLAN).read_bytes() == before


def test_an_update_writes_what_the_command_line_writes(
    cli: Cli, client: Any, records: Path, tmp_path: Path
) -> None:
    other = Path(shutil.copytree(BUNDLED, tmp_path / "other"))
    result = cli(
        "action", "update", "parent-partnership-2007", "1d", "--status", "in_progress",
        "--due", "2007-12", "--note", "The venue moved to December.",
        "--as-of", AS_OF.isoformat(), cwd=other,
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout
    response = post_update(
        client, status="in_progress", due="2007-12", note="The venue moved to December."
    )
    assert response.status_code == 303
    assert (records / PLAN).read_bytes() == (other / PLAN).read_bytes()
    assert (records / PLAN).read_bytes() != (BUNDLED / PLAN).read_bytes()
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Saved to {PLAN}." in shown
    assert "The venue moved to December." in shown


def test_an_invalid_date_is_refused_beside_the_field(client: Any, records: Path) -> None:
    before = (records / PLAN).read_bytes()
    response = post_update(client, due="2007-13", note="Moved.")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    due_field = html[html.index('<div class="field has-error">') : html.index('id="due" name')]
    assert "&#39;2007-13&#39; is not a real date." in due_field
    assert 'value="2007-13"' in html  # what was typed is kept, to correct
    assert (records / PLAN).read_bytes() == before


def test_a_finding_from_validation_blocks_the_save(client: Any, records: Path) -> None:
    """A change the core refuses (a person not in the directory signs it) is not
    written, and the finding is shown beside its field."""
    before = (records / PLAN).read_bytes()
    response = post_update(client, note="Met.", by="NOBODY")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Not saved" in html
    assert 'aria-invalid="true"' in html
    assert (records / PLAN).read_bytes() == before


def test_a_date_without_a_reason_is_refused(client: Any, records: Path) -> None:
    before = (records / PLAN).read_bytes()
    html = post_update(client, due="2007-12").get_data(as_text=True)
    assert "Say why the date moves" in html
    assert (records / PLAN).read_bytes() == before


def test_a_change_made_meanwhile_is_not_overwritten(client: Any, records: Path) -> None:
    hidden = form_fields(client.get(ACTION).get_data(as_text=True))
    plan = records / PLAN
    plan.write_bytes(plan.read_bytes() + b"# someone else's edit\n")
    changed = plan.read_bytes()
    response = client.post(ACTION, data={**hidden, "status": "complete", "note": "Done."})
    assert response.status_code == 409
    assert f"Someone changed {PLAN} after you opened this page" in response.get_data(as_text=True)
    assert plan.read_bytes() == changed


def test_a_port_in_use_is_said_in_words(cli: Cli) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port), "--repo", str(BUNDLED))
    assert result.exit_code == 3
    assert result.stderr == (
        f"eqdiv: eqdiv serve cannot listen on 127.0.0.1:{port}: Address already in use.\n"
        "  hint: Another program may be using that port: choose another with --port.\n"
    )


def test_another_address_is_warned_about() -> None:
    assert open_warning("127.0.0.1", False) is None
    assert open_warning("::1", False) is None
    assert open_warning("0.0.0.0", False) == (
        "Listening on 0.0.0.0: eqdiv serve has no log-in, so anyone who can reach this "
        "address can read the records and change them. Use it only on a network you trust."
    )
