"""``eqdiv review`` in each format: text (the review's words, drawn as blocks), JSON,
GitHub workflow annotations on the changed lines, JUnit and SARIF. The Markdown pull
request comment is in ``review_markdown``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO

from rich.text import Text

from eqdiv.model.findings import Severity
from eqdiv.output import ci
from eqdiv.output.blocks import render_blocks, wrapped
from eqdiv.output.ci import Report
from eqdiv.output.console import display_path, make_console
from eqdiv.output.findings import github_annotation
from eqdiv.output.review_markdown import write_markdown
from eqdiv.review import Review
from eqdiv.review.review_json import review_to_dict
from eqdiv.review.review_words import blocks, headline, tally_words, verdict

Writer = Callable[[Review, IO[str], Severity], None]


def write_text(review: Review, stream: IO[str], level: Severity) -> None:
    console = make_console(stream)
    wrapped(console, Text(headline(review), style="bold"))
    console.print()
    found = blocks(review)
    if found:
        render_blocks(console, found, review.root)
        console.print()
    said = verdict(review, level)
    style = "error" if review.fails(level) else "ok" if review.records else ""
    wrapped(console, Text(said, style=style))


def write_json(review: Review, stream: IO[str], level: Severity) -> None:
    json.dump(review_to_dict(review, level), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_github(review: Review, stream: IO[str], level: Severity) -> None:
    """An annotation on the changed line for each change and each problem introduced; a
    change to a deleted file annotates the run, as the file has no lines left."""
    gone = gone_paths(review)
    for finding in review.problems():
        path = finding.location.path
        shown = None if path in gone else display_path(review.root, path)
        stream.write(github_annotation(finding, shown) + "\n")
    stream.write(f"eqdiv review: {tally_words(review.problems())}.\n")


def gone_paths(review: Review) -> set[str]:
    """Files the change deleted: nothing can point into them on the newer side."""
    return {f.old_path for f in review.files if f.path is None and f.old_path is not None}


def ci_report(review: Review, level: Severity) -> Report:
    files = [r.path or r.old_path or "" for r in review.records]
    return Report("review", review.root, files, review.problems(), level, gone_paths(review))


def write_junit(review: Review, stream: IO[str], level: Severity) -> None:
    ci.write_junit(ci_report(review, level), stream)


def write_sarif(review: Review, stream: IO[str], level: Severity) -> None:
    ci.write_sarif(ci_report(review, level), stream)


WRITERS: dict[str, Writer] = {
    "text": write_text,
    "md": write_markdown,
    "json": write_json,
    "github": write_github,
    "junit": write_junit,
    "sarif": write_sarif,
}
