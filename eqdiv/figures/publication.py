"""One protection for everything eqdiv publishes about people, worked out once.

``publication(repo)`` builds the grid of publishable tables (``eqdiv.figures.grid``),
protects it as a whole (``eqdiv.figures.protection.protect``: primary suppression, then
secondary suppression driven by the attacker's integer programme) and decides which
yes/no verdicts about hidden counts may be published beside it. Every view (coverage in
every format, ``status``, the reports) reads its figures from the one ``Publication``:
the same figure reads the same everywhere, so no two views can be subtracted to give a
hidden count away. A figure outside the grid is hidden.

Hidden figures all read "hidden", whatever the reason (a count from 1 to threshold - 1,
one hidden to protect it, or one outside the grid): a reader learns nothing from the
label, and a hidden figure may be any number, 0 included. Every figure shown is exact.

A verdict on a category whose count is hidden ("men were under-represented") is a
statement about that count: under-represented is ``count < 0.8 x share x said``. It is
published when the auditor, solving every published figure and the verdicts already
accepted together with it, finds that it gives no count away (grid order; first come,
first accepted). Otherwise it is withheld "to protect small numbers".

The result is kept in memory by what it was worked out from, so one process works it
out once for the same records, and (when the command line asks:
``eqdiv.store.result_cache.enable``) in the records repository's cache, so the next run
with the same figures reads it back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from eqdiv.figures.audit import Exact, Figure, Relation, Statement, Table, first_disclosure
from eqdiv.figures.census import category_scheme
from eqdiv.figures.contribution import Contribution
from eqdiv.figures.coverage import (
    CategoryCoverage,
    Coverage,
    DimensionCoverage,
    Verdict,
    population_profile,
)
from eqdiv.figures.grid import (
    CoverageFigures,
    adding_up,
    coverage_figures,
    coverage_table,
    grid_views,
    values,
    weights,
)
from eqdiv.figures.grid_kinds import contributions
from eqdiv.figures.protection import Protection, protect
from eqdiv.figures.protection_codec import decode, encode
from eqdiv.figures.suppression import Hidden, Shown
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme, DimensionScheme
from eqdiv.model.config import Config, Thresholds
from eqdiv.model.consultations import Consultation
from eqdiv.model.demographics import Demographics
from eqdiv.store.repository import Repository
from eqdiv.store.result_cache import ResultCache, enabled


@dataclass(frozen=True, slots=True)
class Publication:
    """What may be published about the people in a repository's records: the
    protected grid (``tables``, ``protection``), the verdicts on hidden counts that may
    be published (``verdicts``), and what eqdiv needs to lay a view out as figures."""

    threshold: int
    tables: tuple[Table, ...]
    protection: Protection
    verdicts: frozenset[Statement]
    scheme: CategoryScheme
    population: Demographics | None
    statements: tuple[Statement, ...]  # what a reader knows besides the tables

    def shown(self, figure: Figure | None, value: int) -> Shown:
        """How ``figure`` (of true value ``value``) reads in any view: as the grid
        publishes it. A figure the grid does not publish is hidden, and so is one whose
        value in the view is not the grid's (the view counts other people under the
        same name: records cut short by ``--as-of``, say)."""
        if figure is None:
            return Shown(value)
        if self.protection.published.get(figure) != Exact(value):
            return Shown(value, Hidden.PROTECTED)
        return Shown(value)

    def reader(self) -> Callable[[Figure | None, int], Shown]:
        return self.shown

    def figures(self, cov: Coverage) -> CoverageFigures:
        return coverage_figures(cov, self.scheme)

    def verdict_published(self, statements: Sequence[Statement]) -> bool:
        """Whether a verdict, as ``verdict_statements`` writes it, may be published."""
        return all(s in self.verdicts for s in statements)


def verdict_statements(
    row: CategoryCoverage,
    count: Figure | None,
    said: Figure | None,
    share: Fraction | None,
    t: Thresholds,
) -> tuple[Statement, ...] | None:
    """What ``row``'s verdict says of its count, exactly (``share`` is the category's
    share of the area's people who said, as a fraction of whole numbers). None for a
    verdict that says nothing of it, or one that cannot be written exactly."""
    if count is None or said is None or share is None:
        return None
    under = Fraction(repr(t.under_represented))
    over = Fraction(repr(t.over_represented))
    label = f"{row.label}: {row.verdict.words}"

    def of(terms: Mapping[Figure, int | Fraction], relation: Relation, bound: int = 0) -> Statement:
        return Statement.of(terms, relation, bound, label)

    # Judged at all: the expected count (said x share) reaches min_expected.
    enough = Statement.of({said: share}, Relation.AT_LEAST, Fraction(repr(t.min_expected)), label)
    match row.verdict:
        case Verdict.NOT_REACHED | Verdict.UNDER:
            # For a hidden count, "under-represented" includes none at all: "not
            # reached" would say the count is 0, and "under-represented" alone that it
            # is 1 or more, both too much.
            return (enough, of({count: 1, said: -under * share}, Relation.BELOW))
        case Verdict.IN_LINE:
            return (
                enough,
                of({count: 1, said: -under * share}, Relation.AT_LEAST),
                of({count: 1, said: -over * share}, Relation.AT_MOST),
            )
        case Verdict.OVER:
            return (enough, of({count: 1, said: -over * share}, Relation.ABOVE))
        case _:
            return None


def population_shares(
    dim: DimensionCoverage, scheme: CategoryScheme, population: Demographics | None
) -> dict[str, Fraction]:
    """Each category's share of the area's people who said, exactly (the same rolling
    up to broad groups as the comparison)."""
    if population is None or dim.id not in population.dimensions:
        return {}
    own = scheme.dimensions.get(dim.id) or DimensionScheme(dim.id, dim.label, {})
    residents: dict[str, int] = {}
    for key, n in population.dimensions[dim.id].categories.items():
        if key == NOT_KNOWN:
            continue
        level = own.group_of(key) if dim.grouped else key
        residents[level] = residents.get(level, 0) + n
    total = sum(residents.values())
    return {k: Fraction(n, total) for k, n in residents.items()} if total else {}


def candidate_verdicts(
    cov: Coverage, figures: CoverageFigures, publication: Publication
) -> list[tuple[Statement, ...]]:
    """The verdicts ``cov`` would publish about hidden counts, as statements."""
    out: list[tuple[Statement, ...]] = []
    for dim, fig in zip(cov.dimensions, figures.dimensions, strict=True):
        said = publication.shown(fig.said, dim.known)
        if not said.visible:
            continue  # the dimension is withheld: no verdicts
        shares = population_shares(dim, publication.scheme, publication.population)
        for row, figure in zip(dim.categories, fig.categories, strict=True):
            if publication.shown(figure, row.count).visible:
                continue  # the verdict follows from published figures
            found = verdict_statements(row, figure, fig.said, shares.get(row.id), cov.thresholds)
            if found is not None:
                out.append(found)
    return out


@dataclass(frozen=True, slots=True)
class _Grid:
    """The grid laid out, before any protection: cheap to make again."""

    tables: tuple[Table, ...]
    cost: Mapping[Figure, int]
    laid_out: tuple[tuple[Coverage, CoverageFigures], ...]
    known: Mapping[str, int]
    statements: tuple[Statement, ...]


def _lay_out(
    activities: Sequence[Consultation],
    population: Demographics | None,
    scheme: CategoryScheme,
    config: Config,
    extra: Sequence[Contribution],
) -> _Grid:
    views = grid_views(activities, population, scheme, config)
    tables: list[Table] = []
    cost: dict[Figure, int] = {}
    laid_out = []
    for v in views:
        figures = coverage_figures(v.coverage, scheme)
        laid_out.append((v.coverage, figures))
        tables.append(coverage_table(v.name, v.coverage, figures))
        for figure, weight in weights(figures).items():
            cost[figure] = max(cost.get(figure, 0), weight)
    known = values(activities)
    statements = list(adding_up(activities))
    for part in extra:
        tables.extend(part.tables)
        known.update(part.values)
        statements.extend(part.statements)
        for table in part.tables:
            for cell in table.cells:
                cost[cell.figure] = max(cost.get(cell.figure, 0), part.weight(cell.figure))
    return _Grid(tuple(tables), cost, tuple(laid_out), known, tuple(statements))


def publish_grid(
    activities: Sequence[Consultation],
    population: Demographics | None,
    scheme: CategoryScheme,
    config: Config,
    threshold: int | None = None,
    extra: Sequence[Contribution] = (),
) -> Publication:
    """Protect the grid of ``activities`` (valid consultation records) and the tables
    the other record kinds contribute (``extra``, see ``eqdiv.figures.grid_kinds``) at
    ``threshold`` (default: the configured one), and accept the verdicts it allows."""
    limit = config.thresholds.suppression if threshold is None else threshold
    grid = _lay_out(activities, population, scheme, config, extra)
    cost = grid.cost
    protection = protect(
        grid.tables,
        grid.known,
        limit,
        cost=lambda figure, value: float((value + 1) * cost[figure]),
        statements=grid.statements,
    )
    publication = Publication(
        limit, grid.tables, protection, frozenset(), scheme, population, grid.statements
    )
    return _with_verdicts(publication, grid.laid_out, grid.known)


def publish_tables(parts: Sequence[Contribution], threshold: int) -> Publication:
    """The protection of ``parts`` alone (no consultations) at ``threshold``: what a
    figure of one record kind reads when worked out away from its repository (the same
    pattern as in the whole grid when the parts share no atom with the rest)."""
    return publish_grid([], None, CategoryScheme(), Config.default(), threshold, parts)


def _with_verdicts(
    publication: Publication,
    laid_out: Sequence[tuple[Coverage, CoverageFigures]],
    known: Mapping[str, int],
) -> Publication:
    # Before any verdict the grid discloses nothing (the protection's proof), and each
    # verdict accepted kept it so: any disclosure found is the candidate's.
    accepted: list[Statement] = list(publication.statements)
    shown = publication.protection.publish(publication.tables)
    verdicts: set[Statement] = set()
    for cov, figures in laid_out:
        for candidate in candidate_verdicts(cov, figures, publication):
            if all(s in verdicts for s in candidate):
                continue
            if not all(s.holds(known) for s in candidate):
                continue  # a verdict worked out in floating point on an edge: withheld
            found = first_disclosure(
                shown,
                publication.threshold,
                statements=[*accepted, *candidate],
                witnesses=[known, *publication.protection.witnesses],
            )
            if found is None:
                accepted += candidate
                verdicts.update(candidate)
    return Publication(
        publication.threshold,
        publication.tables,
        publication.protection,
        frozenset(verdicts),
        publication.scheme,
        publication.population,
        publication.statements,
    )


# Publications by what they were worked out from (the grid's tables, every atom's true
# count, the population's figures and the thresholds): repositories with the same
# consultation records share one, so a second view, command or repository copy in one
# process does not protect the grid again. Bounded, as each holds a whole grid.
_KEPT: dict[str, Publication] = {}
_KEEP = 8

CACHE_KIND = "publication"


def publication(repo: Repository, threshold: int | None = None) -> Publication:
    """The protected grid of ``repo`` (see the module's docstring)."""
    activities = list(repo.consultations)
    population = population_profile(repo)
    scheme = category_scheme(repo.config)
    extra = contributions(repo)
    key = _content_key(activities, population, scheme, repo.config, threshold, extra)
    made = _KEPT.get(key)
    if made is None:
        cache = ResultCache.open(repo.root) if enabled() else None
        try:
            made = _from_cache(cache, key, activities, population, scheme, repo.config, extra)
            if made is None:
                made = publish_grid(activities, population, scheme, repo.config, threshold, extra)
                if cache is not None:
                    cache.put(CACHE_KIND, key, encode(made.protection, made.verdicts))
        finally:
            if cache is not None:
                cache.close()
        while len(_KEPT) >= _KEEP:
            del _KEPT[next(iter(_KEPT))]
        _KEPT[key] = made
    return made


def _from_cache(
    cache: ResultCache | None,
    key: str,
    activities: Sequence[Consultation],
    population: Demographics | None,
    scheme: CategoryScheme,
    config: Config,
    extra: Sequence[Contribution],
) -> Publication | None:
    raw = None if cache is None else cache.get(CACHE_KIND, key)
    if raw is None:
        return None
    grid = _lay_out(activities, population, scheme, config, extra)
    try:
        protection, verdicts = decode(raw, grid.tables, grid.known)
    except ValueError:
        return None  # a damaged entry is a miss; the fresh result replaces it
    return Publication(
        protection.threshold,
        grid.tables,
        protection,
        verdicts,
        scheme,
        population,
        grid.statements,
    )


def _content_key(
    activities: Sequence[Consultation],
    population: Demographics | None,
    scheme: CategoryScheme,
    config: Config,
    threshold: int | None,
    extra: Sequence[Contribution] = (),
) -> str:
    """Everything a publication depends on, as one digest: the grid as laid out, the
    true counts, the population's figures, the thresholds and the calendar, and every
    other kind's tables, counts, statements and costs."""
    views = grid_views(activities, population, scheme, config)
    tables = [
        coverage_table(v.name, v.coverage, coverage_figures(v.coverage, scheme)) for v in views
    ]
    parts = (
        repr(tables),
        repr(sorted(values(activities).items())),
        repr(
            None
            if population is None
            else sorted(
                (d, sorted(dim.categories.items())) for d, dim in population.dimensions.items()
            )
        ),
        repr(config.thresholds),
        repr((config.year_start_month, threshold)),
        *(
            repr(
                (
                    p.kind,
                    p.tables,
                    sorted(p.values.items()),
                    p.statements,
                    sorted((str(f), w) for f, w in p.weights.items()),
                )
            )
            for p in extra
        ),
    )
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
