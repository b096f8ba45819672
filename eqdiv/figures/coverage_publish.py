"""Coverage as it may be published: every count taken from the one ``Publication``.

``view(coverage, publication)`` lays ``coverage`` out as figures (sums of the records'
finest counts, ``eqdiv.figures.grid``) and reads each from ``publication``: shown when
the protection of the whole grid shows it, "hidden" otherwise (a figure no grid table
has, such as the total of a span nobody declared, is hidden too). So a figure reads the
same in every view, whatever the format. A dimension whose base (the people who said)
is hidden is withheld whole. A verdict on a hidden count is shown only where the
publication accepted it; "not reached" then reads "under-represented" (which includes
none), since saying 0 would give the count away.

``view(coverage, None)`` shows exact counts: for staff, never for publication; every
writer says so.
"""

from __future__ import annotations

from datetime import date

from eqdiv.figures.census import category_scheme
from eqdiv.figures.coverage import (
    Coverage,
    DimensionCoverage,
    Verdict,
    assess,
    broken_consultations,
    in_period,
    population_profile,
)
from eqdiv.figures.coverage_view import CategoryView, CoverageView, DimensionView
from eqdiv.figures.gaps import Gaps
from eqdiv.figures.grid import DimensionFigures, coverage_figures
from eqdiv.figures.publication import (
    Publication,
    population_shares,
    publication,
    verdict_statements,
)
from eqdiv.figures.suppression import Shown, share
from eqdiv.model.periods import Period, previous_quarter
from eqdiv.store.repository import Repository

# Verdicts that say nothing of the count: too small to judge (the expected count, from
# the published base, is below min_expected), no population figure.
_ABOUT_THE_BASE = (Verdict.TOO_SMALL, Verdict.NO_BASELINE)


def view(cov: Coverage, published: Publication | None) -> CoverageView:
    """``cov`` as ``published`` allows it to be shown; exact, for staff, when None."""
    if published is None:
        return _exact(cov)
    figures = coverage_figures(cov, published.scheme)
    activities = tuple(
        published.shown(f, a.participants)
        for f, a in zip(figures.activities, cov.activities, strict=True)
    )
    dims = tuple(
        _dimension(d, f, cov, published)
        for d, f in zip(cov.dimensions, figures.dimensions, strict=True)
    )
    people = published.shown(figures.people, cov.participants)
    return CoverageView(cov, True, published.threshold, dims, activities, people)


def _exact(cov: Coverage) -> CoverageView:
    threshold = cov.thresholds.suppression
    dims = tuple(
        _shown_dimension(
            d,
            tuple(Shown(r.count) for r in d.categories),
            tuple(r.verdict for r in d.categories),
            (Shown(d.known), Shown(d.not_known), Shown(d.participants), Shown(d.not_recorded)),
            tuple(Shown(n.counted) for n in d.not_counted),
            threshold,
        )
        for d in cov.dimensions
    )
    activities = tuple(Shown(a.participants) for a in cov.activities)
    return CoverageView(cov, False, threshold, dims, activities, Shown(cov.participants))


def _dimension(
    dim: DimensionCoverage, fig: DimensionFigures, cov: Coverage, published: Publication
) -> DimensionView:
    counts = tuple(
        published.shown(f, r.count) for f, r in zip(fig.categories, dim.categories, strict=True)
    )
    said = published.shown(fig.said, dim.known)
    shares = population_shares(dim, published.scheme, published.population)
    verdicts: list[Verdict | None] = []
    for row, figure, count in zip(dim.categories, fig.categories, counts, strict=True):
        if count.visible or not said.visible or row.verdict in _ABOUT_THE_BASE:
            verdicts.append(row.verdict)
            continue
        statements = verdict_statements(row, figure, fig.said, shares.get(row.id), cov.thresholds)
        allowed = statements is not None and published.verdict_published(statements)
        # For a hidden count "not reached" is published as "under-represented".
        verdict = Verdict.UNDER if row.verdict is Verdict.NOT_REACHED else row.verdict
        verdicts.append(verdict if allowed else None)
    return _shown_dimension(
        dim,
        counts,
        tuple(verdicts),
        (
            said,
            published.shown(fig.not_known, dim.not_known),
            published.shown(fig.asked, dim.participants),
            published.shown(fig.not_asked, dim.not_recorded),
        ),
        tuple(
            published.shown(f, n.counted)
            for f, n in zip(fig.not_counted, dim.not_counted, strict=True)
        ),
        published.threshold,
    )


def _shown_dimension(
    dim: DimensionCoverage,
    counts: tuple[Shown, ...],
    verdicts: tuple[Verdict | None, ...],
    totals: tuple[Shown, Shown, Shown, Shown],
    counted: tuple[Shown, ...],
    threshold: int,
) -> DimensionView:
    said, not_known, asked, not_asked = totals
    withheld = not said.visible
    rows = tuple(
        CategoryView(
            row,
            count,
            None if withheld else share(count, said, threshold),
            row.ratio if count.visible and not withheld else None,
            None if withheld else row.expected,
            None if withheld else verdict,
        )
        for row, count, verdict in zip(dim.categories, counts, verdicts, strict=True)
    )
    return DimensionView(
        dim,
        withheld,
        rows,
        said,
        not_known,
        asked,
        not_asked,
        share(not_known, asked, threshold),
        not withheld and all(c.count.visible for c in rows),
        counted,
    )


def period_view(repo: Repository, period: Period, lead: str | None = None) -> CoverageView:
    """For ``eqdiv status``: coverage of ``period`` (of the activities ``lead`` led, if
    given) as it may be published, since a status screen may be shown in a meeting or
    pasted into its minutes."""
    activities = [c for c in in_period(repo.consultations, period) if lead in (None, c.lead)]
    compared = assess(
        activities,
        population_profile(repo),
        category_scheme(repo.config),
        repo.config,
        period,
        left_out=broken_consultations(repo),
    )
    return view(compared, publication(repo))


def reach_gaps(repo: Repository, as_of: date, lead: str | None = None) -> Gaps:
    """For ``eqdiv status``: the gaps in the last complete quarter before ``as_of``."""
    return period_view(repo, previous_quarter(as_of, repo.config.year_start_month), lead).gaps
