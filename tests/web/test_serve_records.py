"""Editing a record from `eqdiv serve`: a form made from the kind's JSON Schema and the
whole file as text. A save changes only what was changed (comments and layout kept),
is checked before it is written, is refused with the finding beside the field or line
when it brings an error (the file untouched), never overwrites someone else's change,
and can reach only the repository's own record files."""

from __future__ import annotations

import html as html_text
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from eqdiv.schema.form_fields import form_layout
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.repository import load_repository
from eqdiv.web.application import create_app
from tests.conftest import AS_OF, BUNDLED

FATHERS = "consultations/cons-2007-fathers-group.yaml"
EIA = "eias/eia-2007-home-visits.yaml"


@pytest.fixture
def records(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED, tmp_path / "records"))


@pytest.fixture
def client(records: Path) -> Any:
    return create_app(records, as_of=AS_OF).test_client()


def hidden(client: Any, url: str) -> dict[str, str]:
    html = client.get(url).get_data(as_text=True)
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))


def form_values(client: Any, path: str) -> dict[str, Any]:
    """What the form sends when nothing is touched: every field as shown."""
    html = client.get(f"/records/{path}").get_data(as_text=True)
    sent: dict[str, Any] = dict(
        re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html)
    )
    for name, value in re.findall(
        r'<input type="(?:text|date)" id="[^"]+" name="([^"]+)" value="([^"]*)"', html
    ):
        sent[name] = html_text.unescape(value)
    for name, value in re.findall(
        r'<textarea id="[^"]+" name="(/[^"]+)"[^>]*>([^<]*)</textarea>', html
    ):
        sent[name] = html_text.unescape(value)
    for name, body in re.findall(
        r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', html, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        sent[name] = chosen[1] if chosen else ""
    for name, value in re.findall(
        r'<input type="checkbox" name="(/[^"]+)" value="([^"]+)" checked>', html
    ):
        sent.setdefault(name, []).append(value)
    return sent


def test_the_form_comes_from_the_schema() -> None:
    # Validation makes the schemas' references absolute: the form must not mind.
    load_repository(BUNDLED, SchemaSet.load())
    layout = form_layout(SchemaSet.load(), "consultation")
    total = layout.field("/participants/total")
    assert total is not None and total.widget == "integer" and total.required
    assert total.hint == "How many people took part."
    methods = layout.field("/methods")
    assert methods is not None and methods.widget == "choices" and "focus_group" in methods.options
    start = layout.field("/start")
    assert start is not None and start.widget == "date"
    eia = form_layout(SchemaSet.load(), "eia")
    decision = eia.field("/screening/decision")
    assert decision is not None and decision.options == ("full_assessment", "screened_out")
    assert "impacts" in eia.text_only and "signoff" in eia.text_only  # no record: no groups
    assert "engagement activities" in eia.text_only  # a list inside a group: as text


def test_the_form_page_shows_labels_hints_and_values(client: Any) -> None:
    html = client.get(f"/records/{FATHERS}").get_data(as_text=True)
    assert '<label for="f-participants-total">Total (required)</label>' in html
    assert 'name="/participants/total" value="7"' in html
    assert '<input type="checkbox" name="/methods" value="focus_group" checked>' in html
    assert '<input type="date" id="f-start" name="/start" value="2007-07-18"' in html
    assert "What it set out to learn." in html


def test_a_form_save_changes_only_that_field(client: Any, records: Path) -> None:
    before = (records / FATHERS).read_text()
    sent = form_values(client, FATHERS)
    sent["/participants/total"] = "8"
    sent["/purpose"] = "Understand why few fathers use the service."
    response = client.post(f"/records/{FATHERS}", data=sent)
    assert response.status_code == 303, response.get_data(as_text=True)
    after = (records / FATHERS).read_text()
    assert after == before.replace("  total: 7\n", "  total: 8\n").replace(
        "purpose: Understand why few fathers use the service and what would help.",
        "purpose: Understand why few fathers use the service.",
    )
    page = client.get(f"/records/{FATHERS}").get_data(as_text=True)
    assert f"Saved to {FATHERS}." in page


def test_an_untouched_form_saves_nothing(client: Any, records: Path) -> None:
    before = (records / EIA).read_bytes()
    response = client.post(f"/records/{EIA}", data=form_values(client, EIA))
    assert response.status_code == 303
    assert (records / EIA).read_bytes() == before
    assert "Nothing changed" in client.get(f"/records/{EIA}").get_data(as_text=True)


def test_a_value_of_the_wrong_type_is_refused_beside_its_field(client: Any, records: Path) -> None:
    before = (records / FATHERS).read_bytes()
    sent = form_values(client, FATHERS)
    sent["/participants/total"] = "ten"
    response = client.post(f"/records/{FATHERS}", data=sent)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert (
        '<span class="error-message" id="f-participants-total-error"><span '
        'class="visually-hidden">Error: </span>&#39;ten&#39; is not a whole number' in html
    )
    assert 'value="ten" inputmode="numeric" autocomplete="off" aria-describedby' in html
    assert (records / FATHERS).read_bytes() == before


def test_a_finding_from_validation_is_shown_beside_the_field(client: Any, records: Path) -> None:
    before = (records / FATHERS).read_bytes()
    sent = form_values(client, FATHERS)
    sent["/lead"] = "NOBODY"
    response = client.post(f"/records/{FATHERS}", data=sent)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    error = re.search(r'id="f-lead-error">(.*?)</span>\s*<input', html, re.S)
    assert error and "NOBODY" in error[1] and "line 5" in error[1]
    assert f"Nothing was saved: {FATHERS} is as it was." in html
    assert (records / FATHERS).read_bytes() == before


def test_text_that_breaks_the_file_is_refused_with_the_line(client: Any, records: Path) -> None:
    before = (records / FATHERS).read_bytes()
    text = before.decode().replace("  total: 7\n", " total: 7\n")
    response = client.post(
        f"/text/{FATHERS}", data={**hidden(client, f"/text/{FATHERS}"), "text": text}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'<tr class="new-finding">\s*<th scope="row">1[34], column', html)
    assert f"Nothing was saved: {FATHERS} is as it was." in html
    assert (records / FATHERS).read_bytes() == before


def test_text_is_saved_with_the_files_own_line_endings(client: Any, records: Path) -> None:
    text = (records / FATHERS).read_text().replace("total: 7", "total: 8").replace("\n", "\r\n")
    response = client.post(
        f"/text/{FATHERS}", data={**hidden(client, f"/text/{FATHERS}"), "text": text}
    )
    assert response.status_code == 303
    assert b"\r" not in (records / FATHERS).read_bytes()
    assert "  total: 8\n" in (records / FATHERS).read_text()


def test_a_change_made_meanwhile_is_not_overwritten(client: Any, records: Path) -> None:
    fields = hidden(client, f"/text/{FATHERS}")
    (records / FATHERS).write_text((records / FATHERS).read_text() + "# a colleague\n")
    before = (records / FATHERS).read_bytes()
    response = client.post(f"/text/{FATHERS}", data={**fields, "text": "kind: consultation\n"})
    assert response.status_code == 409
    assert "Someone changed" in response.get_data(as_text=True)
    assert (records / FATHERS).read_bytes() == before
    sent = form_values(client, FATHERS)
    sent["digest"] = "0" * 64
    response = client.post(f"/records/{FATHERS}", data=sent)
    assert response.status_code == 409
    assert (records / FATHERS).read_bytes() == before


@pytest.mark.parametrize(
    "path", ["../outside.yaml", "eqdiv.yaml/../../x", "no/such.yaml", "%2e%2e/x"]
)
def test_only_record_files_can_be_reached(client: Any, path: str) -> None:
    for url in (f"/text/{path}", f"/records/{path}"):
        response = client.get(url)
        assert response.status_code in (400, 404)
        assert "Traceback" not in response.get_data(as_text=True)


def test_a_save_without_the_token_is_refused(client: Any, records: Path) -> None:
    before = (records / FATHERS).read_bytes()
    response = client.post(f"/text/{FATHERS}", data={"text": "kind: consultation\n"})
    assert response.status_code == 400
    assert (records / FATHERS).read_bytes() == before


def test_read_only_has_no_editors(records: Path) -> None:
    client = create_app(records, read_only=True, as_of=AS_OF).test_client()
    assert f'href="/text/{FATHERS}"' not in client.get("/records").get_data(as_text=True)
    for url in (f"/text/{FATHERS}", f"/records/{FATHERS}"):
        assert client.get(url).status_code == 403


def test_an_eias_groups_and_lists_are_in_its_form(client: Any, records: Path) -> None:
    leaflet = "eias/eia-2007-service-leaflet.yaml"
    before = (records / leaflet).read_text()
    sent = form_values(client, leaflet)
    assert sent["/impacts/age/rating"] == "neutral"
    assert sent["/evidence/0/source"] == ""  # the blank item that adds one
    sent["/impacts/age/rating"] = "positive"
    sent["/impacts/age/rationale"] = "Large print helps older parents."
    sent["/evidence/0/source"] = "Leaflet feedback cards, 2007"
    sent["/evidence/0/type"] = "monitoring"
    sent["/evidence/0/date"] = "2007-09"
    response = client.post(f"/records/{leaflet}", data=sent)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert (records / leaflet).read_text() == before.replace(
        "  age:\n    rating: neutral\n",
        "  age:\n    rating: positive\n    rationale: Large print helps older parents.\n",
    ) + (
        "evidence:\n  - source: Leaflet feedback cards, 2007\n    type: monitoring\n"
        "    date: 2007-09\n"
    )


def test_an_untouched_form_leaves_every_bundled_record_as_written(
    client: Any, records: Path
) -> None:
    # Choices in the file's own order, empty lists, quotes and folded text: a form
    # sent back as shown must not rewrite any of them.
    for record in load_repository(records).records:
        before = (records / record.path).read_bytes()
        response = client.post(f"/records/{record.path}", data=form_values(client, record.path))
        assert response.status_code == 303, record.path
        assert (records / record.path).read_bytes() == before, record.path
