"""A parsed record file's data, with the line and column of every value in it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Position = tuple[int, int]
Maps = tuple[dict[str, Position], dict[str, Position], dict[str, str]]


class Document:
    """A parsed record file.

    ``positions`` maps each JSON pointer to the 1-based (line, column) where its value
    starts; ``key_positions`` maps a mapping member's pointer to where its key starts
    (an unknown field is best shown at its name). ``plain_text`` keeps the original
    text of every unquoted scalar that YAML did not read as text (``no``, ``07``,
    ``1:30``), so a schema error can explain the YAML 1.1 surprise and suggest quotes.

    The three maps are larger than the data itself, and most records never need them
    (only findings do), so a document from the cache fetches them on first use:
    ``load`` returns them. Until then, ``anchors`` answers for the pointers whose
    values are mappings (an action, an update, a sign-off): the places typed records
    say they come from.
    """

    __slots__ = ("_anchors", "_load", "_maps", "data")

    def __init__(
        self,
        data: Any,
        positions: dict[str, Position] | None = None,
        key_positions: dict[str, Position] | None = None,
        plain_text: dict[str, str] | None = None,
        *,
        load: Callable[[], Maps] | None = None,
        anchors: dict[str, Position] | None = None,
    ) -> None:
        self.data = data
        self._load = load
        self._anchors = anchors or {}
        self._maps: Maps | None = None
        if load is None or positions is not None:
            self._maps = (positions or {}, key_positions or {}, plain_text or {})

    def _ready(self) -> Maps:
        if self._maps is None:
            assert self._load is not None
            self._maps = self._load()
            self._load = None
        return self._maps

    @property
    def positions(self) -> dict[str, Position]:
        return self._ready()[0]

    @property
    def key_positions(self) -> dict[str, Position]:
        return self._ready()[1]

    @property
    def plain_text(self) -> dict[str, str]:
        return self._ready()[2]

    def anchors(self) -> dict[str, Position]:
        """The positions of the record itself and of every mapping inside it."""
        positions = self._ready()[0]
        found: dict[str, Position] = {}

        def walk(node: Any, pointer: str) -> None:
            if isinstance(node, dict):
                if pointer in positions:
                    found[pointer] = positions[pointer]
                for key, value in node.items():
                    if isinstance(value, dict | list):
                        token = key.replace("~", "~0").replace("/", "~1")
                        walk(value, f"{pointer}/{token}")
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    if isinstance(value, dict | list):
                        walk(value, f"{pointer}/{index}")

        walk(self.data, "")
        return found

    @property
    def maps(self) -> Maps:
        """All three maps at once (what the cache stores)."""
        return self._ready()

    def position(self, pointer: str, *, key: bool = False) -> Position:
        """Where ``pointer`` is; its nearest recorded ancestor when it has none itself
        (a value reached through an alias, or a property that is missing)."""
        if self._maps is None and not key and pointer in self._anchors:
            return self._anchors[pointer]
        positions, key_positions, _ = self._ready()
        if key and pointer in key_positions:
            return key_positions[pointer]
        while pointer:
            found = positions.get(pointer)
            if found is not None:
                return found
            pointer = pointer.rpartition("/")[0]
        return positions.get("", (1, 1))
