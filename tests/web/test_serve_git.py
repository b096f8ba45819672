"""Saving to git from `eqdiv serve`: the changes page shows what `eqdiv review HEAD`
says (with the problems a change introduces), the commit form commits only the files
chosen, with the message and the name from the settings page, refuses while the
repository is mid-merge or has other changes staged, and never pushes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from eqdiv.web.application import create_app
from tests.conftest import AS_OF
from tests.gitsupport import PLAN, GitRepo, new_repo

ME = ("Equality Officer", "equality@partnership.example")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return new_repo(tmp_path)


@pytest.fixture
def client(repo: GitRepo) -> Any:
    return create_app(repo.records, as_of=AS_OF).test_client()


def token(client: Any, url: str = "/changes") -> str:
    html = client.get(url).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html
    return found[1]


def settings(client: Any) -> None:
    response = client.post(
        "/settings", data={"csrf_token": token(client, "/settings"), "name": ME[0], "email": ME[1]}
    )
    assert response.status_code == 303


def test_nothing_changed_says_so(client: Any) -> None:
    html = client.get("/changes").get_data(as_text=True)
    assert "Nothing has changed since the last commit" in html
    assert "Records as approved in August 2007" in html
    assert '<form class="update" method="post" action="/changes"' not in html


def test_the_changes_page_reviews_the_working_tree(client: Any, repo: GitRepo) -> None:
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-13\n")
    html = client.get("/changes").get_data(as_text=True)
    assert "Problems this change introduces (1)" in html
    assert "&#39;2007-13&#39; is not a real date" in html or "2007-13" in html
    assert f'value="{PLAN}" checked' in html
    assert "Action plan parent-partnership-2007" in html


def test_a_commit_holds_the_chosen_files_message_and_author(client: Any, repo: GitRepo) -> None:
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-12\n")
    repo.write("notes.yaml", "kind: people\n")  # changed too, but not chosen
    settings(client)
    response = client.post(
        "/changes",
        data={
            "csrf_token": token(client),
            "path": [PLAN],
            "message": "Action 1d moved to December\n\nAgreed at the October meeting.",
        },
    )
    assert response.status_code == 303
    log = repo.git("log", "-1", "--format=%an|%ae|%cn|%s|%b", "--name-only")
    assert log.startswith(f"{ME[0]}|{ME[1]}|{ME[0]}|Action 1d moved to December|")
    assert "Agreed at the October meeting." in log
    assert log.splitlines()[-1] == f"records/{PLAN}"
    assert repo.git("status", "--porcelain") == "?? records/notes.yaml"
    page = client.get("/changes").get_data(as_text=True)
    assert "nothing was pushed" in page
    assert 'value="notes.yaml" checked' in page


def test_a_commit_without_a_message_is_refused(client: Any, repo: GitRepo) -> None:
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-12\n")
    settings(client)
    head = repo.git("rev-parse", "HEAD")
    response = client.post(
        "/changes", data={"csrf_token": token(client), "path": [PLAN], "message": "  "}
    )
    assert response.status_code == 400
    assert "Write a message saying what changed and why." in response.get_data(as_text=True)
    assert repo.git("rev-parse", "HEAD") == head


def test_a_path_that_has_no_change_is_refused(client: Any, repo: GitRepo) -> None:
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-12\n")
    settings(client)
    head = repo.git("rev-parse", "HEAD")
    response = client.post(
        "/changes",
        data={"csrf_token": token(client), "path": ["../../etc/passwd"], "message": "x"},
    )
    assert response.status_code == 400
    assert "../../etc/passwd has no change to commit" in response.get_data(as_text=True)
    assert repo.git("rev-parse", "HEAD") == head


def test_other_staged_changes_are_not_committed(client: Any, repo: GitRepo) -> None:
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-12\n")
    (repo.top / "README.txt").write_text("staged by someone else\n")
    repo.git("add", "README.txt")
    settings(client)
    head = repo.git("rev-parse", "HEAD")
    response = client.post(
        "/changes", data={"csrf_token": token(client), "path": [PLAN], "message": "1d moved"}
    )
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Other changes are already staged for the next commit (README.txt)" in html
    assert repo.git("rev-parse", "HEAD") == head


def test_a_merge_under_way_blocks_the_commit(client: Any, repo: GitRepo) -> None:
    repo.git("checkout", "-q", "-b", "other")
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-11\n")
    repo.commit("other side")
    repo.git("checkout", "-q", "main")
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-12\n")
    repo.commit("this side")
    repo.git("-c", "user.name=x", "-c", "user.email=x@example", "merge", "other", check=False)
    html = client.get("/changes").get_data(as_text=True)
    assert "in the middle of a merge" in html
    assert f"These files have merge conflicts: records/{PLAN}." in html
    assert '<form class="update" method="post" action="/changes"' not in html
    response = client.post(
        "/changes", data={"csrf_token": token(client, "/settings"), "path": [PLAN], "message": "x"}
    )
    assert response.status_code == 409


def test_settings_are_checked(client: Any) -> None:
    response = client.post(
        "/settings", data={"csrf_token": token(client, "/settings"), "name": "", "email": "x"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="name-error"' in html and 'id="email-error"' in html


def test_without_git_the_page_says_so(tmp_path: Path) -> None:
    records = new_repo(tmp_path, commit=False).records
    (records.parent / ".git").rename(records.parent / "not-git")
    html = create_app(records, as_of=AS_OF).test_client().get("/changes").get_data(as_text=True)
    assert "is not in a git repository" in html


def test_read_only_has_no_git_pages(repo: GitRepo) -> None:
    client = create_app(repo.records, read_only=True, as_of=AS_OF).test_client()
    assert 'href="/changes"' not in client.get("/").get_data(as_text=True)
    for url in ("/changes", "/settings"):
        assert client.get(url).status_code == 403
    assert client.post("/changes", data={"message": "x"}).status_code == 403


def test_a_deleted_and_a_new_record_are_committed(client: Any, repo: GitRepo) -> None:
    repo.remove("consultations/cons-2007-fathers-group.yaml")
    repo.write("notes.yaml", "kind: people\nid: notes\npeople: []\n")
    settings(client)
    html = client.get("/changes").get_data(as_text=True)
    assert "cons-2007-fathers-group.yaml</span> (deleted)" in html
    assert "notes.yaml</span> (new)" in html
    response = client.post(
        "/changes",
        data={
            "csrf_token": token(client),
            "path": ["consultations/cons-2007-fathers-group.yaml", "notes.yaml"],
            "message": "Fathers' group log withdrawn; a notes directory",
        },
    )
    assert response.status_code == 303
    changed = repo.git("show", "--name-status", "--format=", "HEAD").splitlines()
    assert changed == [
        "D\trecords/consultations/cons-2007-fathers-group.yaml",
        "A\trecords/notes.yaml",
    ]
    assert repo.git("status", "--porcelain") == ""


def test_the_status_page_says_what_is_not_committed(client: Any, repo: GitRepo) -> None:
    assert "not committed" not in client.get("/").get_data(as_text=True)
    repo.edit(PLAN, "    due: 2007-09\n", "    due: 2007-12\n")
    html = client.get("/").get_data(as_text=True)
    assert '1 changed record file is not committed yet: <a href="/changes">' in html
