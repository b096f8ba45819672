"""The one protection on the bundled records, and the old per-output method it
replaces, both read by the attacker (``eqdiv audit disclosure``)."""

from __future__ import annotations

import pytest

from eqdiv.figures.audit import Figure, Reason, audit
from eqdiv.figures.coverage import Verdict, coverage
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.disclosure_audit import audit_disclosure
from eqdiv.figures.grid import values
from eqdiv.figures.protection import Labels
from eqdiv.figures.publication import publication
from eqdiv.model.periods import quarter
from eqdiv.store.repository import Repository, load_repository
from tests.conftest import BUNDLED, RepoBuilder
from tests.disclosure_support import per_table


@pytest.fixture(scope="module")
def bundled() -> Repository:
    return load_repository(BUNDLED)


def test_nothing_published_about_the_bundled_records_gives_a_count_away(
    bundled: Repository,
) -> None:
    result = audit_disclosure(bundled)
    assert result.ok, result.sentences()
    # 10 tables of consultation coverage, then those of the other kinds (complaints and
    # queries by quarter and year, the workforce return, each indicator's figures).
    assert result.tables == 32 and result.hidden > 0 and result.verdicts > 0


def test_the_old_per_output_method_leaks_what_the_issue_found(bundled: Repository) -> None:
    # Each table protected on its own ("fewer than 10" for small counts, "hidden" for
    # the rest), then all published side by side, as eqdiv did before.
    made = publication(bundled)
    counts = values(bundled.consultations)
    coverage_tables = [
        t for t in made.tables if all(a in counts for c in t.cells for a in c.figure.atoms)
    ]
    old = per_table(coverage_tables, counts, Labels.SMALL)
    found = {d.cell: d for d in audit(old, 10, statements=made.statements).disclosures}
    rural = found[Figure.sum("cons-2007-rural-drop-ins|people")]
    assert (rural.low, rural.high, rural.reason) == (31, 31, Reason.EXACT)
    fathers = found[Figure.sum("cons-2007-fathers-group|people")]
    assert (fathers.low, fathers.high) == (7, 7)
    assert len([d for d in found.values() if d.reason is Reason.EXACT]) >= 10


def test_the_same_figure_reads_the_same_in_every_view(bundled: Repository) -> None:
    made = publication(bundled)
    q2 = view(coverage(bundled, quarter(2007, 2)), made)
    alone = view(coverage(bundled, None, "cons-2007-rural-drop-ins"), made)
    assert q2.taking_part("cons-2007-rural-drop-ins") == alone.people


FORUM = """\
    kind: consultation
    id: forum
    title: Forum
    start: 2007-08-01
    methods: [forum]
    participants:
      total: 23
      profile:
        sex: {female: 19, male: 3, not_known: 1}
    """
AREA = """\
    kind: demographics
    id: area
    area: A
    source: S
    dimensions:
      sex: {categories: {female: 510, male: 490}}
    """


def test_the_23_person_forum_says_men_were_under_represented(repo: RepoBuilder) -> None:
    repo.write({"c.yaml": FORUM, "d.yaml": AREA})
    loaded = repo.load()
    shown = view(coverage(loaded, quarter(2007, 2)), publication(loaded))
    female, male = shown.dimensions[0].categories
    assert (female.count.text(10), male.count.text(10)) == ("hidden", "hidden")
    assert male.verdict is Verdict.UNDER
    assert shown.gaps.under_represented == ("men",)
    assert shown.gaps.sentences()[0] == "Under-represented: men."
    assert audit_disclosure(loaded).ok
