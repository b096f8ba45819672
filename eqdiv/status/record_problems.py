"""How many record files have validation problems (from reading them and from the
cross-record checks alike), and which could not be read at all, so the reader knows
what the rest of the screen leaves out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from eqdiv.model.blocks import Block, Entry, Tone, capped_map, plural
from eqdiv.model.findings import Finding, Severity
from eqdiv.model.json_parts import finding_to_dict
from eqdiv.model.layout import CONFIG_FILE
from eqdiv.status.base import Section, StatusContext


@dataclass(frozen=True, slots=True)
class FileProblems:
    """One file's problems: the first (in file order) and how many of each kind.
    ``left_out`` when it could not be read as a valid record, so nothing in it is on
    the status screen."""

    path: str
    first: Finding
    errors: int
    warnings: int
    left_out: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "errors": self.errors,
            "warnings": self.warnings,
            "left_out": self.left_out,
            "first": finding_to_dict(self.first),
        }


def file_problems(findings: Iterable[Finding], left_out: Iterable[str]) -> list[FileProblems]:
    """Errors and warnings grouped by file, in path order (notes are not problems)."""
    broken = set(left_out)
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity is not Severity.INFO:
            by_path.setdefault(finding.location.path, []).append(finding)
    return [
        FileProblems(
            path,
            found[0],
            sum(f.severity is Severity.ERROR for f in found),
            sum(f.severity is Severity.WARNING for f in found),
            path in broken,
        )
        # Files left out first: what they hold is missing from every list on the screen.
        for path, found in sorted(
            by_path.items(), key=lambda item: (item[0] not in broken, item[0])
        )
    ]


@dataclass(frozen=True)
class RecordProblems(Section):
    key: ClassVar[str] = "records"
    files: int
    problems: tuple[FileProblems, ...]

    @property
    def left_out(self) -> tuple[FileProblems, ...]:
        return tuple(p for p in self.problems if p.left_out)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "with_problems": len(self.problems),
            "left_out": len(self.left_out),
            "errors": sum(p.errors for p in self.problems),
            "warnings": sum(p.warnings for p in self.problems),
            "problems": [p.to_dict() for p in self.problems],
        }

    def block(self) -> Block:
        if not self.problems:
            return Block("Records", (f"All {plural(self.files, 'file')} pass validation.",))
        line = (
            f"{len(self.problems)} of {plural(self.files, 'file')} "
            f"{'has' if len(self.problems) == 1 else 'have'} problems"
        )
        records = [p for p in self.left_out if p.path != CONFIG_FILE]
        if len(records) == 1:
            line += "; 1 cannot be read, so it is left out of this screen"
        elif records:
            line += f"; {len(records)} cannot be read, so they are left out of this screen"
        lines = [f"{line}. Run `eqdiv validate` for every finding."]
        if len(records) != len(self.left_out):
            lines.append(f"{CONFIG_FILE} cannot be read, so this screen uses the default settings.")
        entries, more = capped_map(self.problems, _entry, "`eqdiv validate`")
        return Block(f"Records with problems ({len(self.problems)})", tuple(lines), entries, more)


# What a file that cannot be read means for the screen: most are left out of it; the
# configuration is replaced by the defaults.
_LEFT_OUT = {CONFIG_FILE: "defaults used"}


def _entry(problem: FileProblems) -> Entry:
    counts = [
        plural(n, word)
        for n, word in ((problem.errors, "error"), (problem.warnings, "warning"))
        if n
    ]
    tag = ", ".join(counts)
    return Entry(
        key=problem.path,
        tag=f"{_LEFT_OUT.get(problem.path, 'left out')}, {tag}" if problem.left_out else tag,
        tone=Tone.BAD if problem.errors else Tone.WARN,
        details=(problem.first.message,),
        location=problem.first.location,
    )


def record_problems(ctx: StatusContext) -> RecordProblems:
    result = ctx.validation
    return RecordProblems(
        len(result.files),
        tuple(file_problems(result.findings, ctx.repo.broken_files)),
    )
