"""Time the one protection of published figures, and the attacker's audit of it.

For the bundled records and synthetic repositories of N records (bench/generate.py) it
times, in this process: building every view of the grid exactly (the work eqdiv does
without any protection, the floor), ``publication`` (protecting the whole grid, every
record kind's tables, and accepting the verdicts it allows), the same read back from
the result cache as the next run of the command line does, and ``audit_disclosure``
(the attacker solving it all), and prints a Markdown table with the ratios to the
floor. The bundled records and the synthetic ones are copied to a scratch folder
first, as the cache is written into the repository. Each figure is the median
of ``--reps`` runs; nothing here runs in the test suite.

    python bench/disclosure.py --sizes 100 300 --reps 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from eqdiv.figures.census import category_scheme  # noqa: E402
from eqdiv.figures.coverage import population_profile  # noqa: E402
from eqdiv.figures.coverage_publish import view  # noqa: E402
from eqdiv.figures.disclosure_audit import audit_disclosure  # noqa: E402
from eqdiv.figures.grid import grid_views  # noqa: E402
from eqdiv.figures.publication import Publication, forget, publication  # noqa: E402
from eqdiv.store.repository import Repository, load_repository  # noqa: E402
from eqdiv.store.result_cache import enable  # noqa: E402


def median_time(make: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build(repo: Repository) -> None:
    views = grid_views(
        repo.consultations,
        population_profile(repo),
        category_scheme(repo.config),
        repo.config,
    )
    for v in views:
        view(v.coverage, None)


def fresh(repo: Repository) -> Publication:
    """The publication as a new process works it out (nothing kept in memory)."""
    forget()
    return publication(repo)


def row(name: str, root: Path, reps: int) -> str:
    repo = load_repository(root)
    plain = median_time(lambda: build(repo), reps)
    enable(False)
    protect = median_time(lambda: fresh(repo), reps)
    # Kept between runs (as the command line does): the first run writes the result
    # cache, the next ones read it back.
    enable(True)
    fresh(repo)
    cached = median_time(lambda: fresh(repo), reps)
    enable(False)
    made = fresh(repo)
    audited = median_time(lambda: audit_disclosure(repo), reps)
    result = audit_disclosure(repo)
    return (
        f"| {name} | {len(repo.consultations)} | {len(made.tables)} | "
        f"{len(made.protection.figures)} | {len(made.protection.hidden)} | "
        f"{len({s.label for s in made.verdicts})} | {plain:.3f} | {protect:.2f} | "
        f"{protect / plain:.0f}× | {cached:.3f} | {cached / plain:.1f}× | "
        f"{audited:.2f} | {'none' if result.ok else 'FOUND'} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300])
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    print(
        "| records | consultations | tables | figures | hidden | verdicts on hidden counts "
        "| build views s | protect s | protect ÷ build | kept s | kept ÷ build | audit s "
        "| disclosures |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as scratch:
        bundled = Path(scratch) / "bundled"
        shutil.copytree(PROJECT / "records", bundled, ignore=shutil.ignore_patterns(".eqdiv-cache"))
        print(row("bundled", bundled, args.reps), flush=True)
        for size in args.sizes:
            root = Path(scratch) / str(size)
            generate(size, root)
            print(row(f"{size} synthetic", root, args.reps), flush=True)


if __name__ == "__main__":
    main()
