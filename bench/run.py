"""Time eqdiv against check-jsonschema and the floors, in one run, and write a table.

For each corpus size N it generates a synthetic records repository (bench/generate.py),
makes it a git repository, then times each command several times as a subprocess,
reporting the median, the min-max range and the peak memory (the child's maxrss, from
``os.wait4``). Ratios compare medians measured in the same run.

    python bench/run.py --sizes 100 1000 10000 --out bench/RESULTS.md

check-jsonschema is looked for on PATH, or given with --check-jsonschema (install it in
a separate virtual environment: ``python3 -m venv /tmp/cj && /tmp/cj/bin/pip install
check-jsonschema``). Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

READ_FLOOR = """
import sys, pathlib
total = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    total += len(p.read_bytes())
"""
PARSE_FLOOR = """
import sys, pathlib, yaml
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    try:
        yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        pass
"""


@dataclass
class Timing:
    name: str
    runs: list[float] = field(default_factory=list)
    peak_mib: float = 0.0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else float("nan")


@dataclass
class Case:
    name: str
    argv: Callable[[Path], list[str]]
    prepare: Callable[[Path], None] = lambda root: None
    reps: int | None = None
    env: dict[str, str] = field(default_factory=dict)


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak MiB and exit status of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(case: Case, root: Path, reps: int) -> Timing:
    timing = Timing(case.name)
    env = {**os.environ, "NO_COLOR": "1", **case.env}
    for _ in range(case.reps or reps):
        case.prepare(root)
        elapsed, peak, code = run_once(case.argv(root), root, env)
        if code not in (0, 1):
            timing.note = f"exit {code}"
        timing.runs.append(elapsed)
        timing.peak_mib = max(timing.peak_mib, peak)
    return timing


def clear_cache(root: Path) -> None:
    shutil.rmtree(root / ".eqdiv-cache", ignore_errors=True)


def forget_outputs(root: Path) -> None:
    """Keep the cached records but not the memo of outputs: a run after an edit."""
    database = root / ".eqdiv-cache" / "records.sqlite3"
    if database.exists():
        db = sqlite3.connect(database)
        with db:
            db.execute("DELETE FROM outputs")
        db.close()


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def make_git_change(root: Path, files: list[Path]) -> None:
    """Commit the corpus, then edit 1% of the files in the working tree."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(
        root,
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@example.invalid",
        "commit",
        "-qm",
        "corpus",
    )
    for path in files[:: max(1, len(files) // max(1, len(files) // 100))][
        : max(1, len(files) // 100)
    ]:
        text = path.read_text()
        path.write_text(
            text.replace("status: in_progress", "status: complete\n    completed: 2008-01-31", 1)
            .replace("decision: adjust", "decision: continue", 1)
            .replace("total: ", "total: 1", 1)
        )


def eqdiv_exists(command: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "eqdiv", *command.split(), "--help"],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def cases(check_jsonschema: str | None, schemas: Path, slow_reps: int) -> list[Case]:
    eqdiv = [sys.executable, "-m", "eqdiv"]
    found: list[Case] = [
        Case("read the bytes (floor)", lambda r: [sys.executable, "-c", READ_FLOOR, str(r)]),
        Case("parse, C loader (floor)", lambda r: [sys.executable, "-c", PARSE_FLOOR, str(r)]),
        Case("eqdiv --version", lambda r: [*eqdiv, "--version"]),
        Case("eqdiv --help", lambda r: [*eqdiv, "--help"]),
        Case("eqdiv validate (no cache)", lambda r: [*eqdiv, "--no-cache", "validate"]),
        Case("eqdiv validate (cold)", lambda r: [*eqdiv, "validate"], prepare=clear_cache),
        Case("eqdiv validate (warm)", lambda r: [*eqdiv, "validate"]),
        Case(
            "eqdiv validate (warm records, no memo)",
            lambda r: [*eqdiv, "validate"],
            prepare=forget_outputs,
        ),
    ]
    if eqdiv_exists("status"):
        found += [
            Case("eqdiv status (cold)", lambda r: [*eqdiv, "status"], prepare=clear_cache),
            Case("eqdiv status (warm)", lambda r: [*eqdiv, "status"]),
            Case(
                "eqdiv status (warm records, no memo)",
                lambda r: [*eqdiv, "status"],
                prepare=forget_outputs,
            ),
        ]
    if eqdiv_exists("eia score"):
        found += [
            Case(
                "eqdiv eia list (warm records, no memo)",
                lambda r: [*eqdiv, "eia", "list"],
                prepare=forget_outputs,
            ),
            Case(
                "eqdiv eia score --format json (warm records, no memo)",
                lambda r: [*eqdiv, "eia", "score", "-f", "json"],
                prepare=forget_outputs,
            ),
        ]
    if eqdiv_exists("consultation coverage"):
        # Every activity in the corpus at once: the most summing and comparing there is.
        every = ["--since", "1990-01-01", "--until", "2040-12-31"]
        found.append(
            Case(
                "eqdiv consultation coverage, all (warm records, no memo)",
                lambda r: [*eqdiv, "consultation", "coverage", *every, "--format", "json"],
                prepare=forget_outputs,
            )
        )
    if eqdiv_exists("review"):
        found.append(Case("eqdiv review (1% changed)", lambda r: [*eqdiv, "review", "HEAD"]))
    if eqdiv_exists("report quarterly"):
        found.append(
            Case(
                "eqdiv report quarterly",
                lambda r: [
                    *eqdiv,
                    "report",
                    "quarterly",
                    "--format",
                    "html",
                    "--output",
                    os.devnull,
                ],
            )
        )
    if check_jsonschema:
        found.append(
            Case(
                "check-jsonschema",
                lambda r: ["bash", "-c", CJ_SCRIPT, "cj", check_jsonschema, str(schemas), str(r)],
                reps=slow_reps,
            )
        )
    return found


# One check-jsonschema run per record kind (it takes one schema per run), over the same
# files eqdiv reads; --base-uri lets the schemas' $refs resolve offline.
CJ_SCRIPT = r"""
cj=$1; schemas=$2; root=$3
for kind in action-plan eia consultation; do
  folder=$(case $kind in action-plan) echo plans;; eia) echo eias;; consultation) echo consultations;; esac)
  [ -d "$root/$folder" ] || continue
  find "$root/$folder" -name '*.yaml' -print0 | xargs -0 "$cj" --base-uri "file://$schemas/" \
    --schemafile "$schemas/$kind.schema.json" >/dev/null 2>&1 || true
done
"""


def table(size: int, timings: list[Timing], files: int, kb: float) -> str:
    by_name = {t.name: t for t in timings}
    cj = by_name.get("check-jsonschema")
    read = by_name["read the bytes (floor)"]
    parse = by_name["parse, C loader (floor)"]
    lines = [
        f"### N = {size:,} records ({files:,} files, {kb:.1f} KB each on average)",
        "",
        "| command | median s | min–max s | runs | peak MiB | × read floor | × parse floor | check-jsonschema ÷ this |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        ratio_cj = f"{cj.median / t.median:.1f}" if cj and t is not cj else "–"
        lines.append(
            f"| {t.name}{' (' + t.note + ')' if t.note else ''} | {t.median:.3f} | "
            f"{min(t.runs):.3f}–{max(t.runs):.3f} | {len(t.runs)} | {t.peak_mib:.0f} | "
            f"{t.median / read.median:.1f} | {t.median / parse.median:.2f} | {ratio_cj} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--slow-reps", type=int, default=3, help="repetitions of check-jsonschema")
    parser.add_argument("--check-jsonschema", default=shutil.which("check-jsonschema"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "eqdiv-bench")
    args = parser.parse_args()

    from eqdiv.model.resources import schema_dir

    sections = []
    for size in args.sizes:
        root = args.workdir / f"corpus-{size}"
        files = generate(size, root)
        make_git_change(root, files)
        kb = sum(p.stat().st_size for p in files) / len(files) / 1024
        reps = args.reps if size < 10_000 else max(3, args.reps // 2)
        slow = args.slow_reps if size < 10_000 else 1
        timings = []
        for case in cases(args.check_jsonschema, schema_dir(), slow):
            timing = measure(case, root, reps)
            print(
                f"N={size} {case.name}: {timing.median:.3f}s ({timing.peak_mib:.0f} MiB)",
                flush=True,
            )
            timings.append(timing)
        sections.append(table(size, timings, len(files), kb))

    command = "python bench/run.py " + " ".join(sys.argv[1:])
    header = (
        "# eqdiv benchmark results\n\n"
        f"Measured {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()}.\n"
        f"Command: `{command}`\n\n"
        "Each command runs as a fresh process (interpreter start-up included), so the floors "
        "are comparable: *read* reads every file's bytes; *parse* also loads each with PyYAML's "
        "C loader. *cold* clears eqdiv's cache first; *warm* runs with nothing changed since the "
        "last run.\n\n"
    )
    text = header + "\n".join(sections)
    if args.out:
        args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
