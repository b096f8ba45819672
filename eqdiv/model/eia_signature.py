"""What a sign-off signed: a digest of an EIA's assessed content, so that a change made
after sign-off can be seen without git and without a pull request.

``eqdiv eia sign-off`` writes, under ``signoff:``, the person and date, a digest over
every assessed field (everything but the steps that follow sign-off: ``signoff``,
``qa``, ``published``, ``reviews``), a short digest for each field (so a later change
can be named field by field) and the impact ratings as signed (so a softened rating is
named with its group and its old and new rating).

Digests are over the field's value as data (JSON with sorted keys), not its text: a
comment, a re-wrapped paragraph or a reordered mapping changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from eqdiv.model.eias import Eia

# What may change after sign-off: the steps that follow it.
AFTER_SIGNOFF = frozenset({"signoff", "qa", "published", "reviews"})
SHORT = 12  # hex digits kept for each field's digest


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assessed(data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a sign-off covers."""
    return {k: v for k, v in data.items() if k not in AFTER_SIGNOFF}


def field_digests(data: Mapping[str, Any]) -> dict[str, str]:
    """A short digest of each assessed field, by name."""
    return {k: _digest(v)[:SHORT] for k, v in sorted(assessed(data).items())}


def content_digest(data: Mapping[str, Any]) -> str:
    """The digest of everything a sign-off covers: ``sha256:`` and 64 hex digits."""
    return "sha256:" + _digest(assessed(data))


def ratings(data: Mapping[str, Any]) -> dict[str, str]:
    """Each group's impact rating, by group id."""
    impacts = data.get("impacts")
    if not isinstance(impacts, Mapping):
        return {}
    return {
        str(group): str(item.get("rating"))
        for group, item in impacts.items()
        if isinstance(item, Mapping)
    }


@dataclass(frozen=True, slots=True)
class RatingChange:
    group: str
    before: str | None  # None: not rated when signed
    after: str | None  # None: no longer rated

    @property
    def softened(self) -> bool:
        """A negative impact now said to be less than negative (or no longer rated)."""
        return self.before == "negative" and self.after != "negative"


@dataclass(frozen=True, slots=True)
class SignedChange:
    """How the EIA now differs from what was signed: the fields that changed (in the
    order of the record) and, for ``impacts``, each group's old and new rating."""

    fields: tuple[str, ...]
    ratings: tuple[RatingChange, ...]

    @property
    def softened(self) -> tuple[RatingChange, ...]:
        return tuple(r for r in self.ratings if r.softened)


def signed_change(data: Mapping[str, Any]) -> SignedChange | None:
    """How ``data`` (an EIA record's data) differs from what its sign-off signed; None
    when it has no sign-off digest, or matches it."""
    signoff = data.get("signoff")
    if not isinstance(signoff, Mapping) or not isinstance(signoff.get("digest"), str):
        return None
    if signoff["digest"] == content_digest(data):
        return None
    signed_fields = signoff.get("fields")
    now = field_digests(data)
    if isinstance(signed_fields, Mapping):
        names = [k for k in data if k not in AFTER_SIGNOFF and now.get(k) != signed_fields.get(k)]
        names += [k for k in signed_fields if k not in now]
    else:
        names = []  # an older sign-off: the content changed, field unknown
    signed_ratings = signoff.get("ratings")
    rating_changes: list[RatingChange] = []
    if isinstance(signed_ratings, Mapping):
        current = ratings(data)
        for group in [*signed_ratings, *(g for g in current if g not in signed_ratings)]:
            old, new = signed_ratings.get(group), current.get(group)
            if old != new:
                rating_changes.append(RatingChange(str(group), _text(old), new))
    return SignedChange(tuple(str(n) for n in names), tuple(rating_changes))


def unreviewed_change(data: Mapping[str, Any], eia: Eia) -> SignedChange | None:
    """How the EIA differs from what was signed, when no review was recorded on or
    after the sign-off date (a review recorded since is the change looked at and
    agreed); None when it matches or was reviewed."""
    if eia.signoff is None or any(r.date >= eia.signoff.date for r in eia.reviews):
        return None
    return signed_change(data)


def change_words(change: SignedChange, label: Callable[[str], str]) -> str:
    """``impacts (Disability: negative → neutral), proposal``; ``label`` names a group."""
    words = []
    for name in change.fields or ("its content",):
        if name == "impacts" and change.ratings:
            moved = [
                f"{label(r.group)}: {r.before or 'not rated'} → {r.after or 'not rated'}"
                for r in change.ratings
            ]
            words.append(f"impacts ({'; '.join(moved)})")
        else:
            words.append(name)
    if len(words) < 3:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def signature(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a sign-off records about the content: its digest, each field's digest and
    the impact ratings."""
    return {
        "digest": content_digest(data),
        "fields": field_digests(data),
        "ratings": ratings(data),
    }


def _text(value: object) -> str | None:
    return None if value is None else str(value)
