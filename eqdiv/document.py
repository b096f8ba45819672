"""A parsed record file's data, with the line and column of every value in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Position = tuple[int, int]


@dataclass(slots=True)
class Document:
    """A parsed record file.

    ``positions`` maps each JSON pointer to the 1-based (line, column) where its value
    starts; ``key_positions`` maps a mapping member's pointer to where its key starts
    (an unknown field is best shown at its name). ``plain_text`` keeps the original
    text of every unquoted scalar that YAML did not read as text (``no``, ``07``,
    ``1:30``), so a schema error can explain the YAML 1.1 surprise and suggest quotes.
    """

    data: Any
    positions: dict[str, Position] = field(default_factory=dict)
    key_positions: dict[str, Position] = field(default_factory=dict)
    plain_text: dict[str, str] = field(default_factory=dict)

    def position(self, pointer: str, *, key: bool = False) -> Position:
        """Where ``pointer`` is; its nearest recorded ancestor when it has none itself
        (a value reached through an alias, or a property that is missing)."""
        if key and pointer in self.key_positions:
            return self.key_positions[pointer]
        while pointer:
            found = self.positions.get(pointer)
            if found is not None:
                return found
            pointer = pointer.rpartition("/")[0]
        return self.positions.get("", (1, 1))
