"""Drawing ``Block``s: a bold heading, its sentences, then entries with a hanging
indent. Everything wraps to the console's width (80 columns when not on a terminal)
except an entry's headline, which is cut with an ellipsis: its key says which record
it is, so nothing is lost that the reader needs to find it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.text import Text

from eqdiv.model.blocks import Block, Entry, Tone
from eqdiv.output.console import display_path

TONE_STYLE = {Tone.BAD: "error", Tone.WARN: "warning", Tone.GOOD: "ok", Tone.PLAIN: ""}
INDENT = 2  # entries under a heading
HANG = 6  # an entry's further lines


def render_blocks(console: Console, blocks: Iterable[Block], root: Path) -> None:
    for number, block in enumerate(blocks):
        if number:
            console.print()
        render_block(console, block, root)


def render_block(console: Console, block: Block, root: Path) -> None:
    wrapped(console, Text(block.heading, style="bold"), 0)
    for line in block.lines:
        wrapped(console, Text(line), INDENT)
    for entry in block.entries:
        render_entry(console, entry, root)
    for line in block.after:
        wrapped(console, Text(line), INDENT)


def render_entry(console: Console, entry: Entry, root: Path) -> None:
    key = entry.key
    if entry.location is not None:
        loc = entry.location
        key = f"{display_path(root, loc.path)}:{loc.line}:{loc.column}"
    first = Text.assemble((key, "path"), "  ", (entry.tag, TONE_STYLE[entry.tone]))
    wrapped(console, first, INDENT, hang=HANG - INDENT)
    if entry.headline:
        line = Text(" ".join(entry.headline.split()))
        line.truncate(max(console.width - HANG, 20), overflow="ellipsis")
        console.print(Text(" " * HANG) + line, soft_wrap=True)
    for detail in entry.details:
        wrapped(console, Text(detail), HANG)


def wrapped(console: Console, text: Text, indent: int = 0, hang: int = 0) -> None:
    """``text`` wrapped to the width, ``indent`` columns in; lines after the first
    ``hang`` columns further in."""
    width = max(console.width - indent, 20)
    lines = text.wrap(console, width - hang) if hang else text.wrap(console, width)
    for number, line in enumerate(lines):
        pad = indent + (hang if number else 0)
        line.rstrip()
        console.print(Text(" " * pad) + line, soft_wrap=True)
