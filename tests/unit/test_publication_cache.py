"""The protection of published figures kept between runs (the result cache): read
back exactly as worked out, part by part, by keys that cover every input, and never
trusted. Whether a part was worked out again is counted in solves (calls of
``protect``), never timed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eqdiv.figures import components
from eqdiv.figures import publication as module
from eqdiv.figures.audit import Statement, Table
from eqdiv.figures.census import category_scheme
from eqdiv.figures.components import blocked, cut, split
from eqdiv.figures.coverage import population_profile
from eqdiv.figures.disclosure_audit import audit_disclosure
from eqdiv.figures.grid import values
from eqdiv.figures.grid_kinds import contributions
from eqdiv.figures.protection import Protection
from eqdiv.figures.protection_codec import decode, encode
from eqdiv.figures.publication import Publication, publication
from eqdiv.store.database import DATABASE, FOLDER
from eqdiv.store.repository import Repository, load_repository
from eqdiv.store.result_cache import enable
from tests.conftest import BUNDLED, RepoBuilder, copy_bundled
from tests.unit.test_grid_kinds import case, case_log


@pytest.fixture
def on_disk() -> Iterator[None]:
    enable(True)
    module.forget()
    yield
    enable(False)
    module.forget()


@pytest.fixture
def solves(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Table, ...]]:
    """The parts ``publication`` protects (works out) from now on, each by its tables."""
    made: list[tuple[Table, ...]] = []
    real = module.protect

    def counting(tables: Sequence[Table], *args: Any, **kwargs: Any) -> Protection:
        made.append(tuple(tables))
        return real(tables, *args, **kwargs)

    monkeypatch.setattr(module, "protect", counting)
    return made


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
    cases: Repository, on_disk: None, solves: list[tuple[Table, ...]]
) -> None:
    first = publication(cases)
    assert (cases.root / FOLDER / DATABASE).is_file()
    assert solves
    solves.clear()
    module.forget()  # as a new process would start
    assert same(publication(cases), first)
    assert solves == []


def test_a_damaged_entry_is_worked_out_again(cases: Repository, on_disk: None) -> None:
    first = publication(cases)
    module.forget()
    db = sqlite3.connect(cases.root / FOLDER / DATABASE)
    with db:
        db.execute("UPDATE results SET value = ?", (b"not a protected grid",))
    db.close()
    assert same(publication(cases), first)


def test_changed_counts_are_another_key(
    repo: RepoBuilder, on_disk: None, solves: list[tuple[Table, ...]]
) -> None:
    repo.write({"cases.yaml": case_log([case(f"A{i}", date(2007, 5, 1)) for i in range(12)])})
    publication(repo.load())
    db = sqlite3.connect(repo.root / FOLDER / DATABASE)
    before = set(db.execute("SELECT key FROM results").fetchall())
    solves.clear()
    module.forget()
    repo.write({"cases.yaml": case_log([case(f"A{i}", date(2007, 5, 1)) for i in range(3)])})
    publication(repo.load())
    after = set(db.execute("SELECT key FROM results").fetchall())
    db.close()
    assert solves and after - before  # the changed part, worked out and kept anew
    assert before <= after  # what was kept before is kept, not overwritten


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_an_edit_works_out_again_only_the_parts_it_reaches(
    tmp_path: Path, on_disk: None, solves: list[tuple[Table, ...]]
) -> None:
    """One person more at the fathers' group, and one complaint's outcome changed in
    one partner's log: only the parts holding those counts are protected again; every
    other part is read back, and the whole is what a run without any cache gives."""
    root = copy_bundled(tmp_path / "records")
    before = _parts(load_repository(root))
    publication(load_repository(root))
    assert len(solves) == len(before) > 10  # the bundled grid falls apart into many parts
    _edit(root / "consultations" / "cons-2007-fathers-group.yaml", "total: 7", "total: 8")
    _edit(root / "cases" / "cases-police-2007.yaml", "outcome: upheld", "outcome: not_upheld")
    repo = load_repository(root)
    after = _parts(repo)
    reached = [tables for key, tables in after.items() if key not in before]
    assert len(reached) >= 2  # a part of the consultations, and one of the cases
    solves.clear()
    module.forget()
    cached = publication(repo)
    assert solves == reached
    enable(False)
    module.forget()
    assert same(cached, publication(repo))


def _parts(repo: Repository) -> dict[str, tuple[Table, ...]]:
    """Each part of ``repo``'s grid by its key."""
    grid = module._lay_out(
        list(repo.consultations),
        population_profile(repo),
        category_scheme(repo.config),
        repo.config,
        contributions(repo),
    )
    threshold = repo.config.thresholds.suppression
    return {
        module._key(block, grid, threshold): block.tables
        for part in split(grid.tables, grid.statements)
        for block in cut(part, grid.known, threshold)
    }


def test_without_the_command_line_asking_nothing_is_written(cases: Repository) -> None:
    module.forget()
    publication(cases)
    assert not (cases.root / FOLDER).exists()


@pytest.fixture
def small_blocks() -> Iterator[None]:
    """Every part of more than two records protected in blocks of about one record
    (as a part of thousands of consultations is, in blocks of a few)."""
    units, block = components.UNITS, components.BLOCK
    components.UNITS, components.BLOCK = 2, 1
    yield
    components.UNITS, components.BLOCK = units, block


def test_in_blocks_an_edit_works_out_again_only_its_block(
    tmp_path: Path, on_disk: None, small_blocks: None, solves: list[tuple[Table, ...]]
) -> None:
    """The bundled consultations cut into blocks: the attacker solving every table at
    once finds nothing, and one person more at one activity re-protects its block
    alone (every other block and part is read back), as a run without any cache
    gives it."""
    root = copy_bundled(tmp_path / "records")
    repo = load_repository(root)
    before = _parts(repo)
    assert any(blocked(p) for p in split(*_grid_of(repo)))
    publication(repo)
    assert len(solves) == len(before)
    assert audit_disclosure(repo).ok
    _edit(root / "consultations" / "cons-2007-parent-survey.yaml", "total: 148", "total: 149")
    repo = load_repository(root)
    reached = [tables for key, tables in _parts(repo).items() if key not in before]
    solves.clear()
    module.forget()
    cached = publication(repo)
    assert 1 <= len(solves) < len(before) // 2
    assert solves == reached
    assert audit_disclosure(repo).ok
    enable(False)
    module.forget()
    assert same(cached, publication(repo))


def _grid_of(repo: Repository) -> tuple[tuple[Table, ...], tuple[Statement, ...]]:
    grid = module._lay_out(
        list(repo.consultations),
        population_profile(repo),
        category_scheme(repo.config),
        repo.config,
        contributions(repo),
    )
    return grid.tables, grid.statements
