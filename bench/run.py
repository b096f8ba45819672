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
    cpu: list[float] = field(default_factory=list)  # user + system seconds, workers too
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
    warm_up: bool = False  # one run first, not counted (it fills the record cache)


PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and every process below it (worker pools included)."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parents[int(entry.name)] = int(fields[1])
            resident[int(entry.name)] = int(fields[21]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {pid}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    return sum(resident.get(p, 0) for p in tree)


def run_once(
    argv: Sequence[str], cwd: Path, env: dict[str, str]
) -> tuple[float, float, float, int]:
    """Wall seconds, peak MiB of the whole process tree, CPU seconds (user and system,
    worker processes included: on a loaded machine the steadier figure) and exit status
    of one run.

    The command runs under GNU time, whose report of the command's own peak is not
    inflated by this (large) process the way a forked child's maxrss is; the tree's
    memory (the command and its worker processes together) is sampled every 20 ms,
    and the larger of the two is the peak."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        process = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M %U %S", "-o", report.name, *argv],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        sampled = 0
        while process.poll() is None:
            sampled = max(sampled, tree_rss(process.pid))
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        own = report.read().strip().splitlines()
    fields = own[-1].split() if own else []
    own_kib = int(fields[0]) if len(fields) == 3 and fields[0].isdigit() else 0
    cpu = float(fields[1]) + float(fields[2]) if len(fields) == 3 else float("nan")
    # GNU time's own few MiB are in the sampled sum: take them off the same way.
    peak = max(sampled / 2**20 - 2, own_kib / 1024)
    return elapsed, peak, cpu, process.returncode


def measure(case: Case, root: Path, reps: int) -> Timing:
    timing = Timing(case.name)
    env = {**os.environ, "NO_COLOR": "1", **case.env}
    if case.warm_up:
        case.prepare(root)
        run_once(case.argv(root), root, env)
    for _ in range(case.reps or reps):
        case.prepare(root)
        elapsed, peak, cpu, code = run_once(case.argv(root), root, env)
        timing.cpu.append(cpu)
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


class EditOne:
    """Before each run, edit one record's title, a different file each time, so that
    neither the memo of outputs nor the cached record of that file can answer."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.count = 0

    def __call__(self, root: Path) -> None:
        if not self.files or not self.files[0].is_relative_to(root):
            self.files = sorted(
                p
                for p in root.rglob("*.yaml")
                if ".eqdiv-cache" not in p.parts and p.parent != root
            )
        self.count += 1
        path = self.files[(self.count * 7919) % len(self.files)]
        text = path.read_text()
        path.write_text(text.replace("\ntitle: ", f"\ntitle: Edit {self.count} ", 1))


class EditCount:
    """Before each run, add one person to one consultation's count of who took part, a
    different consultation each time: the published figures change, so the protection
    of the block of consultations holding it is worked out again (and no other)."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.count = 0

    def __call__(self, root: Path) -> None:
        if not self.files or not self.files[0].is_relative_to(root):
            self.files = sorted((root / "consultations").glob("*.yaml"))
        self.count += 1
        path = self.files[(self.count * 7919) % len(self.files)]
        text = path.read_text()
        head, found, rest = text.partition("\n  total: ")
        if found:
            number, _, tail = rest.partition("\n")
            path.write_text(f"{head}{found}{int(number) + 1}\n{tail}")


def one_file_branch(root: Path) -> str:
    """A branch ``one-edit`` on top of HEAD that changes one EIA, made without touching
    the working tree: what ``review main one-edit`` compares."""
    target = sorted((root / "eias").glob("*.yaml"))[len(list((root / "eias").glob("*"))) // 2]
    relative = target.relative_to(root).as_posix()
    original = subprocess.run(
        ["git", "show", f"HEAD:{relative}"], cwd=root, check=True, capture_output=True
    ).stdout
    changed = original.replace(b"\ntitle: ", b"\ntitle: Reviewed ", 1)
    blob = (
        subprocess.run(
            ["git", "hash-object", "-w", "--stdin"],
            cwd=root,
            input=changed,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .strip()
    )
    index = root / ".git" / "bench-index"
    env = {**os.environ, "GIT_INDEX_FILE": str(index)}
    steps = [
        ["git", "read-tree", "HEAD"],
        ["git", "update-index", "--cacheinfo", f"100644,{blob},{relative}"],
    ]
    for step in steps:
        subprocess.run(step, cwd=root, env=env, check=True, capture_output=True)
    tree = subprocess.run(
        ["git", "write-tree"], cwd=root, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    commit = subprocess.run(
        [
            "git",
            "-c",
            "user.name=bench",
            "-c",
            "user.email=bench@example.invalid",
            "commit-tree",
            tree,
            "-p",
            "HEAD",
            "-m",
            "one edit",
        ],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    index.unlink()
    git(root, "branch", "-f", "one-edit", commit)
    return "one-edit"


def make_history(source: Path, out: Path, commits: int, touches: int) -> str:
    """A repository of ``source``'s records with ``commits`` commits, one file changed
    in each; one EIA is changed in ``touches`` of them. Built with git fast-import (a
    commit each by porcelain would take minutes). Returns the EIA's id."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    git(out, "init", "-q", "-b", "main")
    files = sorted(
        p.relative_to(source).as_posix()
        for p in source.rglob("*.yaml")
        if ".eqdiv-cache" not in p.parts and ".git" not in p.parts
    )
    eias = [f for f in files if f.startswith("eias/")]
    target = eias[len(eias) // 3]
    others = [f for f in files if f != target and f.startswith(("eias/", "plans/"))]
    texts = {f: (source / f).read_bytes() for f in files}
    stream = bytearray()

    def data(raw: bytes) -> None:
        stream.extend(b"data %d\n" % len(raw))
        stream.extend(raw)
        stream.extend(b"\n")

    every = max(1, commits // touches)
    for n in range(commits):
        stream.extend(b"commit refs/heads/main\n")
        stamp = 1_200_000_000 + n * 86_400
        stream.extend(b"author Bench <bench@example.invalid> %d +0000\n" % stamp)
        stream.extend(b"committer Bench <bench@example.invalid> %d +0000\n" % stamp)
        data(b"change %d" % n)
        if n == 0:
            changed = files
        else:
            changed = [target if n % every == 0 else others[(n * 7919) % len(others)]]
            for path in changed:
                texts[path] = texts[path].replace(b"\ntitle: ", b"\ntitle: R%d " % n, 1)
        for path in changed:
            stream.extend(b"M 100644 inline %s\n" % path.encode())
            data(texts[path])
    subprocess.run(["git", "fast-import", "--quiet"], cwd=out, input=bytes(stream), check=True)
    git(out, "checkout", "-q", "-f", "main")
    return (texts[target].split(b"\nid: ", 1)[1].split(b"\n", 1)[0]).decode()


def eqdiv_exists(command: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "eqdiv", *command.split(), "--help"],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def cases(
    check_jsonschema: str | None,
    schemas: Path,
    slow_reps: int,
    history: tuple[Path, str] | None = None,
) -> list[Case]:
    eqdiv = [sys.executable, "-m", "eqdiv"]
    edit = EditOne()
    quarterly = ["report", "quarterly", "--format", "html", "--output", os.devnull]
    found: list[Case] = [
        Case("read the bytes (floor)", lambda r: [sys.executable, "-c", READ_FLOOR, str(r)]),
        Case("parse, C loader (floor)", lambda r: [sys.executable, "-c", PARSE_FLOOR, str(r)]),
        Case("python -c pass (interpreter start)", lambda r: [sys.executable, "-c", "pass"]),
        Case("eqdiv --version", lambda r: [*eqdiv, "--version"]),
        Case("eqdiv --help", lambda r: [*eqdiv, "--help"]),
        Case("eqdiv status --help", lambda r: [*eqdiv, "status", "--help"]),
        Case("eqdiv report quarterly --help", lambda r: [*eqdiv, "report", "quarterly", "--help"]),
        Case("eqdiv import plan --help", lambda r: [*eqdiv, "import", "plan", "--help"]),
        Case("eqdiv action update --help", lambda r: [*eqdiv, "action", "update", "--help"]),
        Case(
            "eqdiv validate (one record edited)",
            lambda r: [*eqdiv, "validate"],
            prepare=edit,
            warm_up=True,
        ),
        Case(
            "eqdiv status (one record edited)",
            lambda r: [*eqdiv, "status"],
            prepare=edit,
            warm_up=True,
        ),
        Case(
            "eqdiv report quarterly (one record edited)",
            lambda r: [*eqdiv, *quarterly],
            prepare=edit,
            warm_up=True,
        ),
        Case(
            "eqdiv status (one consultation's count edited)",
            lambda r: [*eqdiv, "status"],
            prepare=EditCount(),
            warm_up=True,
        ),
        Case(
            "eqdiv review main one-edit (one file changed)",
            lambda r: [*eqdiv, "review", "main", "one-edit"],
            warm_up=True,
        ),
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
    if history is not None:
        where, record_id = history
        found.append(
            Case(
                "eqdiv history ID (500 commits, 100 touch it)",
                lambda r: [*eqdiv, "history", record_id, "--repo", str(where)],
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
        "| command | median s | min–max s | runs | peak MiB | × read floor | × parse floor "
        "| CPU s | CPU × read floor | check-jsonschema ÷ this |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        ratio_cj = f"{cj.median / t.median:.1f}" if cj and t is not cj else "–"
        lines.append(
            f"| {t.name}{' (' + t.note + ')' if t.note else ''} | {t.median:.3f} | "
            f"{min(t.runs):.3f}–{max(t.runs):.3f} | {len(t.runs)} | {t.peak_mib:.0f} | "
            f"{t.median / read.median:.1f} | {t.median / parse.median:.2f} | "
            f"{statistics.median(t.cpu):.3f} | "
            f"{statistics.median(t.cpu) / statistics.median(read.cpu):.1f} | {ratio_cj} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--slow-reps", type=int, default=3, help="repetitions of check-jsonschema")
    parser.add_argument("--check-jsonschema", default=shutil.which("check-jsonschema"))
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--only",
        nargs="+",
        help="run only the cases whose names hold one of these (and the floors)",
    )
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "eqdiv-bench")
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout of eqdiv (a folder holding its eqdiv/ package) to time in the "
        "same run, on its own copy of the corpus, its rows marked [before]",
    )
    args = parser.parse_args()

    from eqdiv.model.resources import schema_dir

    variants: list[tuple[str, dict[str, str]]] = [("", {})]
    if args.before:
        variants.append((" [before]", {"PYTHONPATH": str(args.before.resolve())}))
    sections = []
    for size in args.sizes:
        reps = args.reps if size < 10_000 else max(3, args.reps // 2)
        slow = args.slow_reps if size < 10_000 else 1
        timings = []
        # Each version of eqdiv on its own copy of the corpus: their caches differ.
        for mark, env in variants:
            root = args.workdir / f"corpus-{size}{mark and '-before'}"
            files = generate(size, root)
            make_git_change(root, files)
            one_file_branch(root)
            # The history case on the smaller corpora: at 10,000 records the version
            # before issue 24 takes many minutes a run.
            history = None
            if size < 10_000:
                where = args.workdir / f"history-{size}{mark and '-before'}"
                history = (where, make_history(root, where, 500, 100))
            kb = sum(p.stat().st_size for p in files) / len(files) / 1024
            for case in cases(args.check_jsonschema, schema_dir(), slow, history):
                wanted = not args.only or any(o in case.name for o in args.only)
                if mark and (not case.name.startswith("eqdiv") or not wanted):
                    continue
                if not mark and not wanted and "floor" not in case.name:
                    continue
                case.name += mark
                case.env.update(env)
                timing = measure(case, root, reps)
                print(
                    f"N={size} {case.name}: {timing.median:.3f}s "
                    f"cpu {statistics.median(timing.cpu):.3f}s ({timing.peak_mib:.0f} MiB)",
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
