"""The protection of published figures kept between runs (the result cache): read
back exactly as worked out, by a key that covers every input, and never trusted."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest

from eqdiv.figures import publication as module
from eqdiv.figures.grid import values
from eqdiv.figures.grid_kinds import contributions
from eqdiv.figures.protection_codec import decode, encode
from eqdiv.figures.publication import Publication, publication
from eqdiv.store.database import DATABASE, FOLDER
from eqdiv.store.repository import Repository, load_repository
from eqdiv.store.result_cache import enable
from tests.conftest import BUNDLED, RepoBuilder
from tests.unit.test_grid_kinds import case, case_log


@pytest.fixture
def on_disk() -> Iterator[None]:
    enable(True)
    module._KEPT.clear()
    yield
    enable(False)
    module._KEPT.clear()


@pytest.fixture
def cases(repo: RepoBuilder) -> Repository:
    first = [case(f"A{i}", date(2007, 5, 1)) for i in range(12)]
    second = [case(f"B{i}", date(2007, 8, 1)) for i in range(3)]
    repo.write({"cases.yaml": case_log(first + second)})
    return repo.load()


def same(a: Publication, b: Publication) -> bool:
    return (
        a.tables == b.tables
        and dict(a.protection.published) == dict(b.protection.published)
        and dict(a.protection.hidden) == dict(b.protection.hidden)
        and a.verdicts == b.verdicts
        and a.statements == b.statements
    )


def test_the_bundled_publication_survives_encoding_whole() -> None:
    repo = load_repository(BUNDLED)
    made = publication(repo)
    counts = values(repo.consultations)
    for part in contributions(repo):
        counts.update(part.values)
    protection, verdicts = decode(encode(made.protection, made.verdicts), made.tables, counts)
    assert dict(protection.published) == dict(made.protection.published)
    assert dict(protection.hidden) == dict(made.protection.hidden)
    assert verdicts == made.verdicts and verdicts


def test_a_second_run_reads_the_protection_back_without_solving(
    cases: Repository, on_disk: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = publication(cases)
    assert (cases.root / FOLDER / DATABASE).is_file()
    module._KEPT.clear()  # as a new process would start

    def no_solving(*args: object, **kwargs: object) -> Publication:
        raise AssertionError("worked out again")

    monkeypatch.setattr(module, "publish_grid", no_solving)
    assert same(publication(cases), first)


def test_a_damaged_entry_is_worked_out_again(cases: Repository, on_disk: None) -> None:
    first = publication(cases)
    module._KEPT.clear()
    db = sqlite3.connect(cases.root / FOLDER / DATABASE)
    with db:
        db.execute("UPDATE results SET value = ?", (b"not a protected grid",))
    db.close()
    assert same(publication(cases), first)


def test_changed_counts_are_another_key(repo: RepoBuilder, on_disk: None) -> None:
    repo.write({"cases.yaml": case_log([case(f"A{i}", date(2007, 5, 1)) for i in range(12)])})
    publication(repo.load())
    repo.write({"cases.yaml": case_log([case(f"A{i}", date(2007, 5, 1)) for i in range(3)])})
    publication(repo.load())
    db = sqlite3.connect(repo.root / FOLDER / DATABASE)
    assert db.execute("SELECT COUNT(*) FROM results").fetchone() == (2,)
    db.close()


def test_without_the_command_line_asking_nothing_is_written(cases: Repository) -> None:
    module._KEPT.clear()
    publication(cases)
    assert not (cases.root / FOLDER).exists()
