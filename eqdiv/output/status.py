"""``eqdiv status`` as text (each section's words, drawn as blocks) and as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

from rich.text import Text

from eqdiv.output.blocks import render_blocks
from eqdiv.output.console import make_console
from eqdiv.status import Status

Writer = Callable[[Status, IO[str]], None]


def write_text(status: Status, stream: IO[str]) -> None:
    console = make_console(stream)
    console.print(
        Text(f"{status.partnership}: status on {status.as_of.isoformat()}", style="bold"),
        soft_wrap=False,
    )
    if status.date_words is not None:
        console.print(Text(f"That is {status.date_words}."))
    if status.owner is not None:
        console.print(Text(f"Only what {status.owner.label} owns or leads."), soft_wrap=False)
    console.print()
    blocks = [b for b in (s.block() for s in status.sections) if b is not None]
    render_blocks(console, blocks, Path(status.root))


def write_json(status: Status, stream: IO[str]) -> None:
    json.dump(status.to_dict(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


WRITERS: dict[str, Writer] = {"text": write_text, "json": write_json}
