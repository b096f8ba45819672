"""A change to a file as `diff -u` shows it: what ``eqdiv action update`` shows before
it writes (``--dry-run``) and reports in its JSON."""

from __future__ import annotations

import difflib


def unified_diff(before: bytes, after: bytes, path: str, context: int = 1) -> str:
    """The change to a file, as `diff -u` shows it. difflib's own unified_diff treats
    lines that recur often (``status: ongoing``) as junk and shows a changed neighbour
    as removed and re-added; without that heuristic the diff is the minimal one, but
    difflib's matching is then quadratic in the lines it compares. An edit changes one
    stretch of a file, so only that stretch (with its context lines) is compared: the
    lines before and after it, the same on both sides, are skipped in linear time."""
    old = before.decode("utf-8", errors="replace").splitlines()
    new = after.decode("utf-8", errors="replace").splitlines()
    same = min(len(old), len(new))
    start = 0
    while start < same and old[start] == new[start]:
        start += 1
    end = 0  # lines the same at the end, not counting any already in the start
    while end < same - start and old[-1 - end] == new[-1 - end]:
        end += 1
    # Keep ``context`` of the same lines each side, so the hunks are those a comparison
    # of the whole files would give.
    first, last = max(0, start - context), max(0, end - context)
    old, new = old[first : len(old) - last], new[first : len(new) - last]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not lines:
            lines += [f"--- {path} (before)", f"+++ {path} (after)"]
        top, bottom = group[0], group[-1]
        lines.append(
            f"@@ -{_range(first + top[1], bottom[2] - top[1])} "
            f"+{_range(first + top[3], bottom[4] - top[3])} @@"
        )
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [f" {line}" for line in old[i1:i2]]
                continue
            lines += [f"-{line}" for line in old[i1:i2]]
            lines += [f"+{line}" for line in new[j1:j2]]
    return "".join(f"{line}\n" for line in lines)


def _range(start: int, length: int) -> str:
    """A hunk's lines as `diff -u` numbers them: from 1, and an empty range by the line
    before it (0 at the top of the file)."""
    return f"{start + 1 if length else start},{length}"
