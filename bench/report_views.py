"""Time the report layer in one process: building each report's view model, its JSON
and its HTML, on a synthetic corpus (bench/generate.py), with the records loaded once.

    python bench/report_views.py --size 1000 --reps 5

Times are CPU time of this process (steadier than wall time on a shared machine). Loading the records is left out (bench/run.py times whole commands); what is left is
the report layer and the core values it reads (action states, EIA scores, coverage),
worked out afresh for every report. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from eqdiv import api  # noqa: E402
from eqdiv.report import render_report, report_json  # noqa: E402

AS_OF = date(2008, 10, 15)


def timed(reps: int, work: Callable[[], object]) -> list[float]:
    runs = []
    for _ in range(reps):
        start = time.process_time()
        work()
        runs.append(time.process_time() - start)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args()
    root = args.workdir / f"eqdiv-report-bench-{args.size}"
    if not (root / "eqdiv.yaml").exists():
        generate(args.size, root)
    repo = api.load(root)
    for kind in ("quarterly", "annual"):
        model = api.report(repo, AS_OF, kind)
        cases: dict[str, Callable[[], object]] = {
            "view model": lambda kind=kind: api.report(repo, AS_OF, kind),
            "JSON": lambda model=model: json.dumps(report_json(model, str(root), AS_OF)),
            "HTML": lambda model=model, kind=kind: render_report(model, f"{kind}.html", root),
        }
        for name, work in cases.items():
            runs = timed(args.reps, work)
            print(
                f"{kind:9} {name:10} median {statistics.median(runs) * 1000:8.1f} ms  "
                f"min {min(runs) * 1000:8.1f} ms  ({args.reps} runs, {args.size} records)"
            )


if __name__ == "__main__":
    main()
