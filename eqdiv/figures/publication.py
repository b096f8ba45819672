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

The grid is protected part by part: parts that no figure and no statement link are
independent for a reader (``eqdiv.figures.components`` says why), so each is protected,
and its verdicts decided, on its own, always. Each part's result is kept in memory by
what it was worked out from (its own tables, counts, statements and costs), and (when
the command line asks: ``eqdiv.store.result_cache.enable``) in the records repository's
cache, so the next run reads back every part whose figures did not change and works out
again only the parts an edit reached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from eqdiv.figures.audit import (
    Exact,
    Figure,
    Relation,
    Statement,
    Table,
    first_disclosure,
)
from eqdiv.figures.census import category_scheme
from eqdiv.figures.components import Block, assemble, block_cost, cut, merge, split
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
from eqdiv.figures.protection_codec import decode, decode_statements, encode, encode_statements
from eqdiv.figures.suppression import Hidden, Shown
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme, DimensionScheme
from eqdiv.model.config import Config, Thresholds
from eqdiv.model.consultations import Consultation
from eqdiv.model.demographics import Demographics
from eqdiv.store.repository import Repository
from eqdiv.store.result_cache import ResultCache, enabled

_T = TypeVar("_T")


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
    *,
    cache: ResultCache | None = None,
) -> Publication:
    """Protect the grid of ``activities`` (valid consultation records) and the tables
    the other record kinds contribute (``extra``, see ``eqdiv.figures.grid_kinds``) at
    ``threshold`` (default: the configured one), and accept the verdicts it allows.

    The grid is protected part by part (``eqdiv.figures.components``: parts that no
    figure or statement links are independent for a reader, so each part's own
    protection protects the whole), always, so the result is the same whether or not
    a part comes from ``cache`` (or this process's memory of parts worked out)."""
    limit = config.thresholds.suppression if threshold is None else threshold
    grid = _lay_out(activities, population, scheme, config, extra)
    parts = split(grid.tables, grid.statements)
    pieces: list[tuple[Block, str, Protection]] = []
    protections = []
    for part in parts:
        made = cut(part, grid.known, limit)
        done = [_protected(block, grid, limit, cache) for block in made]
        pieces += done
        protections.append(assemble(part, made, [p for _, _, p in done], grid.known, limit))
    protection = merge(grid.tables, protections, limit)
    publication = Publication(
        limit, grid.tables, protection, frozenset(), scheme, population, grid.statements
    )
    verdicts = _verdicts(publication, grid, pieces, cache)
    return Publication(
        limit, grid.tables, protection, verdicts, scheme, population, grid.statements
    )


def publish_tables(parts: Sequence[Contribution], threshold: int) -> Publication:
    """The protection of ``parts`` alone (no consultations) at ``threshold``: what a
    figure of one record kind reads when worked out away from its repository (the same
    pattern as in the whole grid when the parts share no atom with the rest)."""
    return publish_grid([], None, CategoryScheme(), Config.default(), threshold, parts)


# Parts and verdicts worked out in this process, by their keys: a second view, command
# or repository copy in one process does not protect a part again. Bounded.
_PARTS: dict[str, Protection] = {}
_PART_VERDICTS: dict[str, frozenset[Statement]] = {}
_KEEP_PARTS = 4096

# Bumped when what a key covers, or how a part is worked out, changes.
PART_FORMAT = "1"
PART_KIND = "protection-part"
VERDICTS_KIND = "verdicts-part"


def _key(block: Block, grid: _Grid, threshold: int) -> str:
    """Everything the protection of ``block`` depends on, as one digest: its tables as
    laid out (names, labels, figures), the true count of each of its atoms (and what
    pins a total's rest), the statements over them, which figures are hidden first and
    which are not checked, each figure's cost and the threshold. Nothing outside the
    block: an edit elsewhere leaves the key as it was."""
    text = "\n".join(
        (
            PART_FORMAT,
            repr(block.tables),
            repr(sorted(block.values.items())),
            repr(block.statements),
            repr(sorted(block.upper_bounds.items())),
            repr(None if block.primary is None else sorted(f.terms for f in block.primary)),
            repr(sorted(f.terms for f in block.exempt)),
            repr(
                [
                    (f.terms, grid.cost.get(real, 0), block.reach.get(f, 1))
                    for f, real in block.stands_for.items()
                ]
            ),
            repr(threshold),
        )
    )
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _remember(kept: dict[str, _T], key: str, value: _T) -> None:
    while len(kept) >= _KEEP_PARTS:
        del kept[next(iter(kept))]
    kept[key] = value


def _protected(
    block: Block, grid: _Grid, threshold: int, cache: ResultCache | None
) -> tuple[Block, str, Protection]:
    """The protection of ``block`` on its own: from memory, the cache, or worked out."""
    key = _key(block, grid, threshold)
    made = _PARTS.get(key)
    if made is not None:
        return block, key, made
    raw = None if cache is None else cache.get(PART_KIND, key)
    if raw is not None:
        try:
            made, _ = decode(raw, block.tables, block.values)
        except ValueError:
            made = None  # a damaged entry is a miss; the fresh result replaces it
    if made is None:
        weight = grid.cost
        made = protect(
            block.tables,
            block.values,
            threshold,
            cost=block_cost(block, lambda figure, value: float((value + 1) * weight[figure])),
            statements=block.statements,
            upper_bounds=block.upper_bounds,
            primary=block.primary,
            exempt=block.exempt,
        )
        if cache is not None:
            cache.put(PART_KIND, key, encode(made, ()))
    _remember(_PARTS, key, made)
    return block, key, made


def _verdicts(
    publication: Publication,
    grid: _Grid,
    pieces: Sequence[tuple[Block, str, Protection]],
    cache: ResultCache | None,
) -> frozenset[Statement]:
    """The verdicts on hidden counts that may be published, decided block by block: a
    verdict's statements name the atoms of one category's count and of the people who
    said, which one table sums together, so they fall in one part, and only that part's
    figures and statements bear on what it gives away (``eqdiv.figures.components``).
    In a large part cut into blocks, a verdict on one record's count is decided in its
    block, whose solutions are the whole grid's; one on a total over records of
    several blocks is withheld."""
    block_of = {atom: i for i, (block, _, _) in enumerate(pieces) for atom in block.values}
    wanted: dict[int, list[tuple[Statement, ...]]] = {}
    for cov, figures in grid.laid_out:
        for candidate in candidate_verdicts(cov, figures, publication):
            owners = {block_of.get(a) for s in candidate for a in s.atom_terms()}
            if len(owners) != 1 or None in owners:
                continue  # over records of several blocks: withheld
            (owner,) = owners
            assert owner is not None
            wanted.setdefault(owner, []).append(candidate)
    verdicts: set[Statement] = set()
    for i, candidates in sorted(wanted.items()):
        block, block_key, protection = pieces[i]
        key = hashlib.blake2b(f"{block_key}\n{candidates!r}".encode(), digest_size=16).hexdigest()
        accepted = _PART_VERDICTS.get(key)
        if accepted is None:
            raw = None if cache is None else cache.get(VERDICTS_KIND, key)
            if raw is not None:
                try:
                    accepted = decode_statements(raw)
                except ValueError:
                    accepted = None
            if accepted is None:
                accepted = _accept(block, protection, candidates, grid.known, publication.threshold)
                if cache is not None:
                    cache.put(VERDICTS_KIND, key, encode_statements(accepted))
            _remember(_PART_VERDICTS, key, accepted)
        verdicts |= accepted
    return frozenset(verdicts)


def _accept(
    block: Block,
    protection: Protection,
    candidates: Sequence[tuple[Statement, ...]],
    known: Mapping[str, int],
    threshold: int,
) -> frozenset[Statement]:
    """The ``candidates`` (in grid order) that may be published beside ``block``."""
    # Before any verdict the block discloses nothing (the protection's proof), and each
    # verdict accepted kept it so: any disclosure found is the candidate's.
    accepted: list[Statement] = list(block.statements)
    shown = protection.publish(block.tables)
    verdicts: set[Statement] = set()
    for candidate in candidates:
        if all(s in verdicts for s in candidate):
            continue
        if not all(s.holds(known) for s in candidate):
            continue  # a verdict worked out in floating point on an edge: withheld
        found = first_disclosure(
            shown,
            threshold,
            statements=[*accepted, *candidate],
            upper_bounds=block.upper_bounds,
            witnesses=[block.values, *protection.witnesses],
            exempt=block.exempt,
        )
        if found is None:
            accepted += candidate
            verdicts.update(candidate)
    return frozenset(verdicts)


def publication(repo: Repository, threshold: int | None = None) -> Publication:
    """The protected grid of ``repo`` (see the module's docstring)."""
    kept = _KEPT.get((id(repo), threshold))
    if kept is not None and kept[0] is repo:
        return kept[1]
    activities = list(repo.consultations)
    population = population_profile(repo)
    scheme = category_scheme(repo.config)
    extra = contributions(repo)
    cache = ResultCache.open(repo.root) if enabled() else None
    try:
        made = publish_grid(
            activities, population, scheme, repo.config, threshold, extra, cache=cache
        )
    finally:
        if cache is not None:
            cache.close()
    while len(_KEPT) >= _KEEP:
        del _KEPT[next(iter(_KEPT))]
    _KEPT[(id(repo), threshold)] = (repo, made)
    return made


def forget() -> None:
    """Forget every publication and part worked out in this process (as a new process
    starts: what the result cache holds is kept)."""
    _KEPT.clear()
    _PARTS.clear()
    _PART_VERDICTS.clear()


# The publication of the last few repositories this process asked about (held with the
# repository, so an id reused by another object is not mistaken for it).
_KEPT: dict[tuple[int, int | None], tuple[Repository, Publication]] = {}
_KEEP = 8
