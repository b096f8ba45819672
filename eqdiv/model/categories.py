"""Equality monitoring categories: the dimensions (age, sex, ethnicity ...) that
consultation profiles and the population profile count people in, and how detailed
categories roll up to broad groups (the 19 ethnic groups of Census 2021 into 5).

eqdiv ships the Census 2021 definitions (``categories/census-2021.yaml``); a
partnership's ``eqdiv.yaml`` adds to them or changes them under ``categories:``. Both
are written in the same form and read by ``parse_dimensions`` below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

NOT_KNOWN = "not_known"


@dataclass(frozen=True, slots=True)
class Category:
    """One category (or broad group) of a dimension.

    ``label`` heads a table row ("Pakistani"); ``people`` names the people in a sentence
    ("Pakistani residents"), as in "Under-represented: Pakistani residents".
    ``group`` is the broad group a detailed category rolls up to, if any.
    """

    id: str
    label: str
    people: str
    group: str | None = None


@dataclass(frozen=True, slots=True)
class DimensionScheme:
    """A dimension's categories, in the order reports list them, and its broad groups."""

    id: str
    label: str
    categories: Mapping[str, Category]
    groups: Mapping[str, Category] = field(default_factory=dict)

    def group_of(self, key: str) -> str:
        """The broad group ``key`` rolls up to: its group, or itself when it is a group
        already or belongs to none (``not_disabled`` is its own group)."""
        category = self.categories.get(key)
        if category is not None and category.group is not None:
            return category.group
        return key

    def is_group(self, key: str) -> bool:
        """True for a broad group that is not also a detailed category (``asian``)."""
        return key in self.groups and key not in self.categories

    @property
    def known(self) -> frozenset[str]:
        """Every key a profile may use for this dimension."""
        return frozenset(self.categories) | frozenset(self.groups) | {NOT_KNOWN}

    def describe(self, key: str) -> Category:
        """The category or group called ``key``; a plain stand-in for an unknown one (an
        unknown key is a validation finding, but figures must still add up)."""
        found = self.categories.get(key) or self.groups.get(key)
        if found is not None:
            return found
        label = key.replace("_", " ")
        return Category(key, label, f"{self.label}: {label}")

    def order(self, keys: set[str], *, grouped: bool) -> list[str]:
        """``keys`` in the dimension's own order (of its categories, or of their broad
        groups when ``grouped``), then any unknown keys alphabetically."""
        known = list(self.categories)
        if grouped:
            known = list(dict.fromkeys([*map(self.group_of, known), *self.groups]))
        listed = [k for k in known if k in keys]
        return listed + sorted(keys - set(listed))


@dataclass(frozen=True, slots=True)
class DimensionChange:
    """What ``eqdiv.yaml`` (or the built-in file) says about one dimension: a new label,
    categories and groups to add or redefine, or (``replace``) a fresh list."""

    id: str
    label: str | None = None
    replace: bool = False
    categories: Mapping[str, Category] = field(default_factory=dict)
    groups: Mapping[str, Category] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CategoryScheme:
    """Every dimension eqdiv knows, by id."""

    dimensions: Mapping[str, DimensionScheme] = field(default_factory=dict)

    def extended(self, changes: Mapping[str, DimensionChange]) -> CategoryScheme:
        """This scheme with ``changes`` applied: new dimensions are added; an existing
        one keeps its categories unless the change says ``replace``, and categories or
        groups with the same id are redefined."""
        dimensions = dict(self.dimensions)
        for dim_id, change in changes.items():
            old = dimensions.get(dim_id)
            keep = old is not None and not change.replace
            label = change.label or (old.label if old else dim_id.replace("_", " ").capitalize())
            categories = {**(old.categories if keep and old else {}), **change.categories}
            groups = {**(old.groups if keep and old else {}), **change.groups}
            dimensions[dim_id] = DimensionScheme(dim_id, label, categories, groups)
        return CategoryScheme(dimensions)


@dataclass(frozen=True, slots=True)
class CategorySettings:
    """The ``categories:`` section of ``eqdiv.yaml``: which built-in set to start from
    (``none`` for none) and the changes to it."""

    base: str = "census-2021"
    changes: Mapping[str, DimensionChange] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> CategorySettings:
        return cls(
            base=data.get("base", "census-2021"),
            changes=parse_dimensions(data.get("dimensions", {})),
        )


def parse_dimensions(data: Mapping[str, Any]) -> dict[str, DimensionChange]:
    """Schema-valid ``dimensions:`` data (config or built-in file) as changes."""
    changes: dict[str, DimensionChange] = {}
    for dim_id, dim in data.items():
        label = dim.get("label")
        dim_label = label or dim_id.replace("_", " ").capitalize()
        changes[dim_id] = DimensionChange(
            id=dim_id,
            label=label,
            replace=bool(dim.get("replace", False)),
            categories=_categories(dim.get("categories", {}), dim_label),
            groups=_categories(dim.get("groups", {}), dim_label),
        )
    return changes


def _categories(data: Mapping[str, Any], dim_label: str) -> dict[str, Category]:
    return {
        key: Category(
            id=key,
            label=item["label"],
            people=item.get("people") or f"{dim_label}: {item['label']}",
            group=item.get("group"),
        )
        for key, item in data.items()
    }
