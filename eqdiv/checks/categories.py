"""Profiles must count people in categories eqdiv knows: a consultation that writes
``pakistan`` where the census says ``pakistani`` would otherwise be compared with no
one, and the gap it should show would vanish. The categories are the built-in Census
2021 set plus whatever ``eqdiv.yaml`` adds under ``categories:``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from eqdiv.checks.check_context import CheckContext
from eqdiv.figures.census import category_scheme
from eqdiv.model import codes
from eqdiv.model.categories import NOT_KNOWN, CategoryScheme, DimensionScheme
from eqdiv.model.findings import Finding, Location
from eqdiv.model.suggest import did_you_mean
from eqdiv.yamlio.loader import escape_pointer_token as escape

_ADD_HERE = "New ones are added in eqdiv.yaml under categories > dimensions"


def check_profile_categories(ctx: CheckContext) -> Iterator[Finding]:
    scheme = category_scheme(ctx.repo.config)
    yield from _check_config(ctx, scheme)
    for consultation in ctx.repo.consultations:
        yield from _check_profile(
            ctx,
            scheme,
            consultation.profile,
            consultation.location,
            "/participants/profile",
            consultation.id,
        )
    for demographics in ctx.repo.demographics:
        yield from _check_profile(
            ctx,
            scheme,
            {key: dim.categories for key, dim in demographics.dimensions.items()},
            demographics.location,
            "/dimensions",
            demographics.id,
            categories_key="/categories",
        )


def _check_profile(
    ctx: CheckContext,
    scheme: CategoryScheme,
    profile: Mapping[str, Iterable[str]],
    base: Location,
    prefix: str,
    record: str,
    categories_key: str = "",
) -> Iterator[Finding]:
    for dim_id, keys in profile.items():
        at = f"{prefix}/{escape(dim_id)}"
        dimension = scheme.dimensions.get(dim_id)
        if dimension is None:
            where = ctx.repo.locate(base, at, key=True)
            yield dimension_unknown(ctx, scheme, dim_id, where, record)
            continue
        for key in keys:
            if key not in dimension.known:
                where = ctx.repo.locate(base, f"{at}{categories_key}/{escape(key)}", key=True)
                yield category_unknown(ctx, dimension, key, where, record)


def dimension_unknown(
    ctx: CheckContext, scheme: CategoryScheme, dim_id: str, where: Location, record: str
) -> Finding:
    return ctx.finding(
        codes.DIMENSION_UNKNOWN,
        f"'{dim_id}' is not a dimension eqdiv knows.",
        where,
        did_you_mean(dim_id, scheme.dimensions)
        + f"Known: {', '.join(scheme.dimensions)}. {_ADD_HERE}.",
        record=record,
    )


def category_unknown(
    ctx: CheckContext, dimension: DimensionScheme, key: str, where: Location, record: str
) -> Finding:
    listed = ", ".join([*dimension.categories, *dimension.groups, NOT_KNOWN])
    return ctx.finding(
        codes.CATEGORY_UNKNOWN,
        f"'{key}' is not a category of {_named(dimension)}.",
        where,
        did_you_mean(key, dimension.known)
        + f"Known: {listed}. {_ADD_HERE} > {dimension.id} > categories.",
        record=record,
    )


def _check_config(ctx: CheckContext, scheme: CategoryScheme) -> Iterator[Finding]:
    """The configuration's own categories: groups must exist; `not_known` is built in."""
    config = ctx.repo.config
    for dim_id, change in config.categories.changes.items():
        dimension = scheme.dimensions[dim_id]
        at = f"/categories/dimensions/{escape(dim_id)}"
        for kind, defined in (("categories", change.categories), ("groups", change.groups)):
            if NOT_KNOWN in defined:
                yield ctx.finding(
                    codes.CATEGORY_RESERVED,
                    f"'{NOT_KNOWN}' is built in: it counts people who did not say.",
                    ctx.repo.locate(config.location, f"{at}/{kind}/{NOT_KNOWN}", key=True),
                    f"Remove it from {dim_id} > {kind}.",
                    record=config.id,
                )
        for category in change.categories.values():
            if category.group is None or category.group in dimension.groups:
                continue
            groups = ", ".join(g for g in dimension.groups if g != NOT_KNOWN) or "none yet"
            yield ctx.finding(
                codes.GROUP_UNKNOWN,
                f"'{category.group}' is not a broad group of {dimension.label.lower()} ({dim_id}).",
                ctx.repo.locate(config.location, f"{at}/categories/{escape(category.id)}/group"),
                did_you_mean(category.group, dimension.groups)
                + f"Groups: {groups}. Define a group under {dim_id} > groups.",
                record=config.id,
            )


def _named(dimension: DimensionScheme) -> str:
    """'ethnic group (ethnicity)', or just 'religion' when the id says the same."""
    label = dimension.label.lower()
    return label if label == dimension.id.replace("_", " ") else f"{label} ({dimension.id})"
