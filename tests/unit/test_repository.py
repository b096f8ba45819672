"""Finding the records repository and discovering its record files."""

from __future__ import annotations

from pathlib import Path

import pytest

from eqdiv.model.errors import RepositoryNotFound
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.loaded import load_file
from eqdiv.store.locate import check_root, find_root
from eqdiv.store.repository import Repository, discover, read_files
from tests.conftest import PROJECT, RepoBuilder, write_tree


def test_find_root_walks_upward(repo: RepoBuilder) -> None:
    deep = repo.root / "plans" / "2007"
    deep.mkdir(parents=True)
    assert find_root(deep) == repo.root.resolve()


def test_find_root_accepts_a_records_subfolder(tmp_path: Path) -> None:
    write_tree(tmp_path, {"records/eqdiv.yaml": "kind: config\n"})
    (tmp_path / "src").mkdir()
    assert find_root(tmp_path / "src") == (tmp_path / "records").resolve()


def test_no_repository_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RepositoryNotFound) as raised:
        find_root(tmp_path)
    assert "No records repository was found" in raised.value.message
    assert raised.value.hint is not None and "--repo" in raised.value.hint
    with pytest.raises(RepositoryNotFound):
        check_root(tmp_path)


def test_discover_skips_hidden_and_ignored(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "eqdiv.yaml": "",
            "plans/a.yaml": "",
            "plans/b.yml": "",
            "plans/notes.txt": "",
            ".git/config.yaml": "",
            ".eqdiv-cache/x.yaml": "",
            ".hidden.yaml": "",
            "drafts/c.yaml": "",
        },
    )
    assert discover(tmp_path) == ["drafts/c.yaml", "eqdiv.yaml", "plans/a.yaml", "plans/b.yml"]
    assert discover(tmp_path, ["drafts/*"]) == ["eqdiv.yaml", "plans/a.yaml", "plans/b.yml"]


def test_config_ignore_list_is_honoured(repo: RepoBuilder) -> None:
    config = (repo.root / "eqdiv.yaml").read_text() + "ignore:\n  - drafts/*\n"
    repo.write({"eqdiv.yaml": config, "drafts/broken.yaml": "not: [valid\n"})
    assert repo.findings() == []


def test_broken_config_falls_back_to_defaults_and_says_so(repo: RepoBuilder) -> None:
    repo.write({"eqdiv.yaml": "kind: config\nid: c\npartnership: {name: X}\n"})
    loaded = repo.load()
    assert loaded.config.name == "Unnamed partnership"
    assert loaded.config.strand_set == "equality-act-2010"
    assert [f.code for f in loaded.findings] == ["schema", "schema"]


def test_config_must_live_in_eqdiv_yaml(repo: RepoBuilder) -> None:
    config = (repo.root / "eqdiv.yaml").read_text().replace("id: test-partnership", "id: other")
    repo.write({"more/settings.yaml": config})
    assert repo.findings() == [
        "more/settings.yaml:1:1: error config-location Configuration belongs in eqdiv.yaml at "
        "the top of the records repository; this one is ignored."
    ]


def test_eqdiv_yaml_must_be_a_config(repo: RepoBuilder) -> None:
    repo.write(
        {"eqdiv.yaml": (repo.root / "people.yaml").read_text().replace("id: people", "id: p2")}
    )
    codes = [f.split(" ")[2] for f in repo.findings()]
    assert "config-kind" in codes


def test_oversized_file_is_refused_without_reading_it(repo: RepoBuilder) -> None:
    big = repo.root / "huge.yaml"
    with big.open("wb") as handle:
        handle.truncate(5 * 1024 * 1024)
    assert repo.findings() == [
        "huge.yaml:1:1: error too-large This file is 5.0 MiB; records are at most 4 MiB."
    ]


def test_a_broken_file_does_not_hide_the_others(repo: RepoBuilder) -> None:
    repo.write(
        {
            "a.yaml": "kind: eia\nid: [\n",
            "b.yaml": "kind: people\nid: b\npeople:\n  - {id: XY, role: R}\n",
        }
    )
    loaded = repo.load()
    assert loaded.broken_files == ("a.yaml",)
    assert "XY" in loaded.people


def test_an_unparseable_file_is_one_problem_not_one_per_link(repo: RepoBuilder) -> None:
    plan = """\
    kind: action-plan
    id: plan
    title: Plan
    owner: DH
    framework: eslg-2007
    actions:
      - id: 1a
        element: 1
        text: Do it
        owners: [DH, QA]
        due: 2007-09
        status: in_progress
        links: {eias: [eia-tabbed]}
    """
    # A people directory with a syntax error, and an EIA saved as Windows-1252.
    people = (repo.root / "people.yaml").read_text().replace("  - id: QA", "  - id: QA: x")
    repo.write(
        {
            "plans/plan.yaml": plan,
            "people.yaml": people,
            "eias/tabbed.yaml": "kind: eia\nid: eia-tabbed\ntitle: caf\xe9\n".encode("cp1252"),
        }
    )
    assert [f.split(" ")[2] for f in repo.findings()] == ["encoding", "yaml-syntax"]
    assert repo.load().unreadable == {
        "eias/tabbed.yaml": ("eia", "eia-tabbed"),
        "people.yaml": ("people", "people"),
    }


def test_a_file_that_says_nothing_of_itself_earns_no_trust(repo: RepoBuilder) -> None:
    plan = "kind: action-plan\nid: p\ntitle: P\nowner: XX\nframework: eslg-2007\nactions:\n  - {id: 1a, element: 1, text: t, owners: [DH], due: 2007-09, status: not_started}\n"
    repo.write({"plans/p.yaml": plan, "junk.yaml": b"\x01\x02"})
    codes = [f.split(" ")[2] for f in repo.findings()]
    assert "ref-missing" in codes


def test_build_reuses_typed_values_of_the_same_loaded_files(schemas: SchemaSet) -> None:
    """The other side of a comparison, or the next step of a history, is built from
    mostly the same loaded files: their typed values are taken over, not rebuilt, and
    the result is the repository a fresh build gives."""
    loaded = read_files(PROJECT / "records", schemas)
    first = Repository.build(PROJECT / "records", loaded)
    changed = [
        load_file(item.path, (PROJECT / "records" / item.path).read_bytes(), schemas)
        if item.path.startswith("eias/")
        else item
        for item in loaded
    ]
    again = Repository.build(PROJECT / "records", changed, reuse=first)
    fresh = Repository.build(PROJECT / "records", changed)
    assert again.models == fresh.models
    assert again.plans and all(a is b for a, b in zip(again.plans, first.plans, strict=True))
    assert again.eias and not any(a is b for a, b in zip(again.eias, first.eias, strict=True))


def _outcome(repo: Repository) -> list[object]:
    return [
        repo.findings,
        [(r.path, r.kind, r.id, r.valid, r.document.data) for r in repo.records],
    ]


@pytest.mark.parametrize("cached", [False, True])
def test_workers_read_their_own_files_and_give_what_one_process_gives(
    tmp_path: Path, schemas: SchemaSet, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    """Workers are given paths, not bytes (the process that asks holds no file's text):
    each reads, hashes and parses its own, and the repository, the findings and what
    the cache then serves are exactly those of reading in one process."""
    import os
    import shutil

    from eqdiv.store import workers
    from eqdiv.store.record_cache import RecordCache, salt
    from eqdiv.store.repository import load_repository
    from tests.conftest import BUNDLED

    root = tmp_path / "records"
    shutil.copytree(BUNDLED, root)
    (root / "eias" / "broken.yaml").write_text("kind: eia\nid: broken\n\ttitle: x\n")
    (root / "eias" / "huge.yaml").write_bytes(b"#" * (5 * 1024 * 1024))
    os.mkfifo(root / "eias" / "pipe.yaml")

    def load() -> Repository:
        cache = RecordCache.open(root, salt(schemas.fingerprint)) if cached else None
        try:
            return load_repository(root, schemas, cache=cache)
        finally:
            if cache is not None:
                cache.close()

    monkeypatch.setattr(workers, "PARALLEL_MIN", 10**9)
    alone = _outcome(load())
    codes = {(f.location.path, f.code) for f in alone[0]}  # type: ignore[attr-defined]
    assert {("eias/broken.yaml", "yaml-tab"), ("eias/huge.yaml", "too-large")} <= codes
    assert ("eias/pipe.yaml", "not-a-file") in codes
    shutil.rmtree(root / ".eqdiv-cache", ignore_errors=True)
    monkeypatch.setattr(workers, "PARALLEL_MIN", 2)
    assert workers.available(len(discover(root)))
    assert _outcome(load()) == alone
    assert _outcome(load()) == alone  # the second time from the cache, when there is one
