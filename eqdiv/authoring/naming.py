"""Where new records go and what they are called: the conventional folder per kind,
and ids made from titles that never clash with a record already there."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from pathlib import Path

from eqdiv.model.errors import UsageError
from eqdiv.model.limits import MAX_ID

# Folder names are convention only (every file says its kind), but a tidy repository
# is easier to find things in, and `eqdiv init` creates these.
FOLDERS: dict[str, str] = {
    "action-plan": "plans",
    "eia": "eias",
    "consultation": "consultations",
    "demographics": "demographics",
    "self-assessment": "self-assessments",
    "contract": "contracts",
    "sharing-agreement": "sharing",
    "outcome-evidence": "outcomes",
    "people": "",
    "case-log": "cases",
    "objective": "objectives",
    "indicator": "indicators",
    "workforce": "workforce",
}
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_WORDS_IN_SLUG = 6


SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)


def slug(text: str, max_words: int = _WORDS_IN_SLUG) -> str:
    """'Home visits and information for parents' -> 'home-visits-information-parents'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", plain.lower()) if w not in SMALL_WORDS]
    return "-".join(words[:max_words])[:50].strip("-")


def is_id(text: str) -> bool:
    return bool(ID_PATTERN.fullmatch(text)) and len(text) <= MAX_ID


def fresh_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` ...: the first not in ``taken``."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def taken_ids(root: Path, ids: Collection[str], folder: str) -> frozenset[str]:
    """Ids a new record in ``folder`` must not take: every record's id, and the name
    of every file already in that folder (a broken file's id may not be known)."""
    place = root / folder if folder else root
    files = {p.stem for p in place.glob("*.y*ml")} if place.is_dir() else set()
    return frozenset(ids) | files


def relative_path(folder: str, record_id: str) -> str:
    return f"{folder}/{record_id}.yaml" if folder else f"{record_id}.yaml"


def record_path(root: Path, kind: str, record_id: str, option: str = "--id") -> str:
    """Where a new ``kind`` record called ``record_id`` goes, relative to ``root``: the
    one way every writer turns an id into a path. An id is letters, digits, ``.``,
    ``_`` and ``-`` (no ``/``, no ``..``, at most ``MAX_ID`` characters), and the file
    must land inside the repository even when its folder is a link: anything else is a
    usage error naming ``option``, before anything is read or written."""
    if not is_id(record_id) or record_id in (".", ".."):
        shown = record_id if len(record_id) <= MAX_ID else record_id[:MAX_ID] + "..."
        raise UsageError(
            f"{option} '{shown}' is not an id: it becomes a file name in the records repository.",
            f"Ids are letters, digits, '.', '_' or '-' (no spaces, no '/'), at most {MAX_ID} "
            "characters, for example 'parent-partnership-2007'.",
        )
    relative = relative_path(FOLDERS[kind], record_id)
    if not (root / relative).resolve().is_relative_to(root.resolve()):
        raise UsageError(
            f"{relative} would be outside the records repository: a link leads out of it.",
            f"Make {FOLDERS[kind] or 'the folder'} a real folder inside {root}.",
        )
    return relative


def inside_path(root: Path, given: str | Path) -> str:
    """``given``, a path relative to ``root`` where a caller wants a record written, as
    a POSIX path inside the repository; a usage error when it leads out of it (``..``,
    an absolute path elsewhere, a link)."""
    full = (root / given).resolve()
    if not full.is_relative_to(root.resolve()) or full == root.resolve():
        raise UsageError(
            f"{given} is not a file inside the records repository {root}.",
            "Write records inside the repository, for example cases/cases-council-2008.yaml.",
        )
    return full.relative_to(root.resolve()).as_posix()
