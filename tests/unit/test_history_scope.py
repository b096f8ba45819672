"""``history`` scores an EIA at each commit against only the records its score depends
on (``eqdiv.review.score_scope``). That must give exactly what scoring it against the
whole repository of that commit gives, whatever the commits did: change an action its
mitigations name in a commit that does not touch the EIA, rename or copy the plan,
break or remove a consultation, rename a person, add a rubric, ignore a folder, give
another file the EIA's id, rename or break the EIA itself..."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eqdiv.eia import load_rubric, score_eia, score_to_dict, shipped_rubric_text
from eqdiv.model.errors import UsageError
from eqdiv.review.history import History, history
from eqdiv.review.sides import Source, at_commit
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.gitrepo import open_repository
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import BUNDLED
from tests.gitsupport import PLAN, GitRepo, new_repo

SCHEMAS = SchemaSet.load()
EIA = "eia-2007-home-visits"
START = f"eias/{EIA}.yaml"
RELATED = "eias/eia-2007-drop-in-sessions.yaml"
SURVEY = "consultations/cons-2007-parent-survey.yaml"


class Life:
    """A records repository whose commits change what the EIA's score depends on."""

    def __init__(self, repo: GitRepo) -> None:
        self.repo = repo
        self.target = START  # where the EIA is now
        self.clean = repo.read(START)
        self.plan = PLAN
        self.step = 0

    def exists(self, path: str) -> bool:
        return (self.repo.records / path).exists()

    def replace(self, path: str, old: str, new: str) -> None:
        if self.exists(path):
            text = self.repo.read(path)
            (self.repo.records / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    def copy(self, path: str, to: str, old: str = "", new: str = "") -> None:
        if self.exists(path):
            self.repo.write(to, self.repo.read(path).replace(old, new, 1))

    def rename(self, path: str, to: str) -> str:
        if self.exists(path):
            (self.repo.records / path).rename(self.repo.records / to)
            return to
        return path

    def remove(self, path: str) -> None:
        if self.exists(path):
            self.repo.remove(path)


def touch_eia(life: Life) -> None:
    """The EIA itself changes (so the commit is in its history); a broken EIA is
    mended."""
    text = life.clean.replace("\ntitle: ", f"\ntitle: R{life.step} ", 1)
    life.repo.write(life.target, text)


def break_eia(life: Life) -> None:
    life.replace(life.target, "\n", "\n\tbroken: [\n")


def move_eia(life: Life) -> None:
    life.target = life.rename(life.target, f"eias/moved-{life.step}.yaml")


def copy_eia(life: Life) -> None:
    """Another file, first in path order, holds an EIA with the same id."""
    life.copy(life.target, f"eias/a-{life.step}.yaml", "related: [", "related: [x, ")


def cancel_action(life: Life) -> None:
    life.replace(life.plan, "status: ongoing", "status: cancelled")


def start_action(life: Life) -> None:
    life.replace(life.plan, "status: not_started", "status: cancelled")


def drop_action(life: Life) -> None:
    life.replace(life.plan, "- id: 2c", "- id: 2z")


def rename_plan_id(life: Life) -> None:
    life.replace(life.plan, "\nid: parent-partnership-2007", "\nid: parent-partnership-2008")


def break_plan(life: Life) -> None:
    life.replace(life.plan, "status: ongoing", "status: on going")


def move_plan(life: Life) -> None:
    life.plan = life.rename(life.plan, f"plans/z-{life.step}.yaml")


def copy_plan(life: Life) -> None:
    """A second plan with the same id, earlier in path order, its actions cancelled."""
    text = life.repo.read(life.plan) if life.exists(life.plan) else ""
    life.repo.write(
        f"plans/a-{life.step}.yaml", text.replace("status: ongoing", "status: cancelled")
    )


def remove_survey(life: Life) -> None:
    life.remove(SURVEY)


def break_survey(life: Life) -> None:
    life.replace(SURVEY, "\n", "\n\tbroken: [\n")


def move_survey_id(life: Life) -> None:
    """The consultation's id moves to another file."""
    life.copy(SURVEY, f"consultations/z-{life.step}.yaml")
    life.replace(SURVEY, "\nid: cons-2007-parent-survey", f"\nid: gone-{life.step}")


def rename_person(life: Life) -> None:
    life.replace("people.yaml", "role: ", f"role: R{life.step} ")


def ignore_plans(life: Life) -> None:
    text = life.repo.read("eqdiv.yaml")
    if "\nignore:" in text:
        life.repo.write("eqdiv.yaml", text.split("\nignore:")[0] + "\n")
    else:
        life.repo.write("eqdiv.yaml", text + "\nignore:\n  - plans/a-*\n  - eias/a-*\n")


def add_rubric(life: Life) -> None:
    text = shipped_rubric_text().replace("weight: 1", "weight: 3", 1)
    life.repo.write(f"rubric-{life.step}.yaml", text.replace("\nid: ", f"\nid: r{life.step}-", 1))


def change_related(life: Life) -> None:
    life.replace(RELATED, "\nid: eia-2007-drop-in-sessions", f"\nid: other-{life.step}")


def unrelated(life: Life) -> None:
    life.replace("eias/eia-2007-service-leaflet.yaml", "\ntitle: ", f"\ntitle: U{life.step} ")


CHANGES: list[Callable[[Life], None]] = [
    touch_eia,
    break_eia,
    move_eia,
    copy_eia,
    cancel_action,
    start_action,
    drop_action,
    rename_plan_id,
    break_plan,
    move_plan,
    copy_plan,
    remove_survey,
    break_survey,
    move_survey_id,
    rename_person,
    ignore_plans,
    add_rubric,
    change_related,
    unrelated,
]


def whole_repository_scores(records: Path, found: History) -> list[Any]:
    """Each entry's score as scoring against the whole repository of its commit
    gives it (what ``history`` did before it scored against only some files)."""
    scores: list[Any] = []
    with open_repository(records) as git:
        source = Source.of(git, records, SCHEMAS)
        for entry in found.entries:
            whole = at_commit(source, entry.commit, entry.commit.short).repository
            new = source.load(entry.commit, entry.path)
            eia = whole.find("eia", new.record.id) if new and new.record else None
            scores.append(_scored(eia, whole))
    return scores


def _scored(eia: Any, repository: Repository) -> Any:
    if eia is None:
        return None
    return score_to_dict(score_eia(eia, repository, load_rubric(repository).rubric))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    steps=st.lists(st.tuples(st.sampled_from(CHANGES), st.booleans()), min_size=2, max_size=9),
    uncommitted=st.sampled_from([None, *CHANGES]),
)
def test_scores_in_a_history_equal_scores_against_the_whole_repository(
    steps: list[tuple[Callable[[Life], None], bool]],
    uncommitted: Callable[[Life], None] | None,
) -> None:
    with tempfile.TemporaryDirectory() as where:
        life = Life(new_repo(Path(where)))
        for number, (change, with_eia) in enumerate(steps, start=1):
            life.step = number
            change(life)
            if with_eia:
                touch_eia(life)
            life.repo.commit(f"step {number}: {change.__name__}")
        if uncommitted is not None:
            life.step += 1
            uncommitted(life)
        now = load_repository(life.repo.records, SCHEMAS)
        try:
            found = history(life.repo.records, EIA)
        except UsageError:  # as before: a record broken now is not found by its id
            assert all(r.id != EIA for r in now.records)
            return
        scores = [score_to_dict(e.score) if e.score else None for e in found.entries]
        assert scores == whole_repository_scores(life.repo.records, found)
        current = next((r for r in now.records if r.path == found.path), None)
        assert found.removed == (current is None)


def test_an_action_changed_without_the_eia_changes_its_grade_in_later_entries(
    tmp_path: Path,
) -> None:
    """Cancelling the actions its mitigations name, in a commit that leaves the EIA
    alone, shows in the EIA's next entry exactly as whole-repository scoring has it."""
    life = Life(new_repo(tmp_path))
    life.step = 1
    cancel_action(life)
    cancel_action(life)
    drop_action(life)
    life.repo.commit("actions cancelled")
    life.step = 2
    touch_eia(life)
    life.repo.commit("the EIA edited")
    found = history(life.repo.records, EIA)
    first, last = found.entries[0].score, found.entries[-1].score
    assert first is not None and last is not None
    assert score_to_dict(first) != score_to_dict(last)
    scores = [score_to_dict(e.score) if e.score else None for e in found.entries]
    assert scores == whole_repository_scores(life.repo.records, found)


class Watched:
    """A repository that notes what is read of it."""

    def __init__(self, inner: Repository) -> None:
        self.inner = inner
        self.read: set[str] = set()
        self.kinds: set[tuple[str, str]] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        value = getattr(self.inner, name)
        if name not in ("find", "of_kind"):
            return value

        def asked(kind: str, *args: Any) -> Any:
            self.kinds.add((name, kind))
            return value(kind, *args)

        return asked


def test_scoring_reads_only_what_the_scope_gathers() -> None:
    """What ``score_eia`` reads of the repository: ``score_scope`` gathers the files
    behind each (eqdiv.yaml for the configuration, the people, every rubric, the plans
    ``records`` and ``action_index`` are asked about, the EIAs and consultations
    ``find`` looks for). If this fails, scoring reads something new: teach
    ``score_scope`` to gather the files it comes from, then add it here."""
    repository = load_repository(BUNDLED, SCHEMAS)
    watched = Watched(repository)
    rubric = load_rubric(cast(Repository, watched)).rubric
    for eia in repository.eias:
        score_eia(eia, cast(Repository, watched), rubric)
    assert watched.read <= {
        "config",
        "config_read",
        "people",
        "action_index",
        "records",
        "find",
        "of_kind",
        "locate",
    }
    assert watched.kinds <= {("find", "eia"), ("find", "consultation"), ("of_kind", "rubric")}
    assert ("find", "consultation") in watched.kinds  # the bundled EIAs link to some
