"""A review that reads only what a change reaches says exactly what a review of both
sides whole says.

The store keeps a side's findings (by its files' blob ids and the day) and each file
version's links (kind, id, what it names); the next review from that side reads only the
changed files, what names them and what they name. Generated repositories (the bundled
records, some left out) get random changes: edits, id renames, deletions, copies
(duplicated ids), broken files, and edits to eqdiv.yaml and the people directory (which
make the review read everything again). Each review, from the working tree and between
commits, must equal the whole one: every change, grade and finding, with its hint and
the source line under it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import eqdiv.review
from eqdiv.review import Review, review
from eqdiv.review.review_json import review_to_dict
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.record_cache import RecordCache, salt
from tests.conftest import BUNDLED
from tests.gitsupport import GitRepo, new_repo

AS_OF = date(2007, 10, 15)
# Self-assessments are judged against the whole repository: with them, every review is
# whole. They are left out here so that the narrowed path is what is tested.
RECORDS = sorted(
    p.relative_to(BUNDLED).as_posix()
    for p in BUNDLED.rglob("*.yaml")
    if "/" in p.relative_to(BUNDLED).as_posix() and "self-assessments" not in p.parts
)
EIA = "eias/eia-2007-home-visits.yaml"
PLAN = "plans/parent-partnership-2007.yaml"

EDITS = [
    ("\ntitle: ", "\ntitle: Revised "),  # a field's value
    ("status: in_progress", "status: complete\n    completed: 2007-09-30"),  # an action
    ("status: in_progress", "status: cancelled"),  # an action an EIA may rest on
    ("status: not_started", "status: in progres"),  # a schema error
    ("\nid: ", "\nid: x-"),  # the id, so links to it break
    ("\n", "\n\tbroken: [\n"),  # unreadable YAML
    ("owner: ", "owner: ZZ"),  # someone not in the people directory
]
SETTINGS = [  # (file, old, new): edits that reach every record
    ("eqdiv.yaml", "    - id: gypsies_travellers", "    - id: gypsy_travellers"),
    ("eqdiv.yaml", "    - id: police\n", "    - id: constabulary\n"),
    ("people.yaml", "  - id: PPO\n", "  - id: PPX\n"),
    ("people.yaml", "# Owners", "# The owners"),
]

# The kinds a review follows through links (the others make it read everything): drawn
# more often, so that most reviews take the narrowed path.
FOLLOWED = [
    i
    for i, path in enumerate(RECORDS)
    if path.split("/")[0] in ("eias", "plans", "indicators", "objectives", "contracts", "outcomes")
]

Step = tuple[str, int, int]
steps = st.lists(
    st.tuples(
        st.sampled_from(["edit", "edit", "edit", "delete", "rename", "copy", "settings"]),
        st.one_of(
            st.sampled_from(FOLLOWED),
            st.sampled_from(FOLLOWED),
            st.sampled_from(FOLLOWED),
            st.integers(min_value=0, max_value=len(RECORDS) - 1),
        ),
        st.integers(min_value=0, max_value=max(len(EDITS), len(SETTINGS)) - 1),
    ),
    min_size=1,
    max_size=3,
)


def make_repo(where: Path, left_out: set[int]) -> GitRepo:
    repo = new_repo(where, commit=False)
    shutil.rmtree(repo.records / "self-assessments")
    for index in left_out:
        (repo.records / RECORDS[index]).unlink()
    repo.commit("Records as approved in August 2007", "2007-08-01T10:00:00+01:00")
    return repo


def apply(repo: GitRepo, changes: list[Step], round_: int) -> None:
    for number, (action, index, edit) in enumerate(changes):
        if action == "settings":
            name, old, new = SETTINGS[edit % len(SETTINGS)]
            path = repo.records / name
            path.write_text(path.read_text().replace(old, new, 1))
            continue
        path = repo.records / RECORDS[index]
        if not path.exists():
            continue
        old, new = EDITS[edit % len(EDITS)]
        if action == "edit":
            path.write_text(path.read_text().replace(old, new, 1))
        elif action == "delete":
            path.unlink()
        elif action == "rename":
            path.rename(path.with_name(f"renamed-{round_}-{number}-{path.name}"))
        else:  # a copy under a new name: a duplicate id unless the edit changes it
            copy = path.with_name(f"copy-{round_}-{number}-{path.name}")
            copy.write_text(path.read_text().replace(old, new, 1))


def said(found: Review) -> dict[str, Any]:
    """What a review says, with the source lines under what it introduces and fixes."""
    delta = found.findings
    return {
        **review_to_dict(found),
        "excerpts": [f.excerpt for f in (*delta.introduced, *delta.fixed)],
    }


def both(repo: GitRepo, base: str, head: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The review through the store, then the review of both sides whole."""
    schemas = SchemaSet.load()
    cache = RecordCache.open(repo.records, salt(schemas.fingerprint))
    assert cache is not None
    try:
        narrow = review(repo.records, base, head, as_of=AS_OF, schemas=schemas, cache=cache)
    finally:
        cache.close()
    # The reference: no cache at all, both sides read whole.
    whole = review(repo.records, base, head, as_of=AS_OF, schemas=schemas, whole=True)
    return said(narrow), said(whole)


@pytest.fixture
def narrowings(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each review was narrowed (True) or read whole (False)."""
    seen: list[bool] = []
    real: Callable[..., Any] = eqdiv.review.narrowed

    def spy(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(eqdiv.review, "narrowed", spy)
    return seen


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    left_out=st.sets(st.integers(min_value=0, max_value=len(RECORDS) - 1), max_size=6),
    first=steps,
    second=steps,
)
# An edited EIA whose older version the first review kept in the cache as the working
# tree's: its row was replaced by the new version before its positions were fetched, and
# its fixed finding was placed on line 1.
@example(left_out={0, 29}, first=[("edit", 15, 4), ("settings", 12, 0)], second=[("edit", 12, 0)])
def test_a_narrowed_review_says_what_a_whole_one_says(
    left_out: set[int], first: list[Step], second: list[Step]
) -> None:
    with tempfile.TemporaryDirectory() as where:
        repo = make_repo(Path(where), left_out)
        narrow, whole = both(repo, "main", None)  # keeps main's findings and links
        assert narrow == whole
        apply(repo, first, 1)
        narrow, whole = both(repo, "main", None)  # the working tree
        assert narrow == whole
        repo.git("checkout", "-q", "-b", "change")
        repo.commit("First round")
        narrow, whole = both(repo, "main", "change")  # between commits
        assert narrow == whole
        apply(repo, second, 2)
        repo.commit("Second round")
        narrow, whole = both(repo, "main", "HEAD")
        assert narrow == whole
        narrow, whole = both(repo, "change~1", "change")
        assert narrow == whole


def test_one_edited_eia_is_reviewed_from_the_files_it_reaches(
    tmp_path: Path, narrowings: list[bool]
) -> None:
    repo = make_repo(tmp_path, set())
    both(repo, "main", None)  # the first review reads both sides whole, and keeps main's
    repo.edit(EIA, "\ntitle: ", "\ntitle: Revised ")
    narrow, whole = both(repo, "main", None)
    assert narrow == whole
    assert narrowings == [False, True]
    assert [r["id"] for r in narrow["records"]] == ["eia-2007-home-visits"]


def test_a_renamed_id_breaks_links_in_files_the_change_does_not_touch(
    tmp_path: Path, narrowings: list[bool]
) -> None:
    repo = make_repo(tmp_path, set())
    both(repo, "main", None)
    repo.edit(EIA, "\nid: eia-2007-home-visits", "\nid: eia-2007-visits-at-home")
    narrow, whole = both(repo, "main", None)
    assert narrow == whole
    assert narrowings[-1] is True
    broken = [f for f in narrow["findings"]["introduced"] if f["code"] == "ref-missing"]
    assert broken and all(f["path"] != EIA for f in broken)


def test_a_copied_record_raises_a_duplicate_in_its_untouched_original(
    tmp_path: Path, narrowings: list[bool]
) -> None:
    repo = make_repo(tmp_path, set())
    both(repo, "main", None)
    repo.write("eias/copy.yaml", repo.read(EIA))
    narrow, whole = both(repo, "main", None)
    assert narrow == whole
    assert narrowings[-1] is True
    assert any(f["code"] == "duplicate-id" for f in narrow["findings"]["introduced"])


def test_a_change_to_the_settings_is_reviewed_whole(tmp_path: Path, narrowings: list[bool]) -> None:
    repo = make_repo(tmp_path, set())
    both(repo, "main", None)
    repo.edit("eqdiv.yaml", "    - id: gypsies_travellers", "    - id: gypsy_travellers")
    narrow, whole = both(repo, "main", None)
    assert narrow == whole
    assert narrowings[-1] is False
