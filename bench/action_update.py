"""Time `eqdiv action update` on one huge plan (2,000 actions by default).

It writes a records repository holding a single generated plan, then times the whole
command (`--dry-run`, a fresh process each time, as bench/run.py does) and, in
process, the diff it shows: eqdiv's (only the changed stretch of the file compared)
against difflib over the whole file, the way it was done before.

    python bench/action_update.py --actions 2000 --reps 5

Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import difflib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import CONFIG, Writer, action_plan, people  # noqa: E402

AS_OF = "2008-03-31"


def write_repository(root: Path, actions: int) -> tuple[str, str]:
    """The repository, and the plan's id and the id of the action in its middle."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "eqdiv.yaml").write_text(CONFIG)
    (root / "people.yaml").write_text(people())
    text = action_plan(Writer(random.Random(2007)), 0, actions)
    (root / "plans").mkdir(exist_ok=True)
    (root / "plans" / "plan-00000.yaml").write_text(text)
    ids = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("  - id: ")]
    return "plan-00000", ids[len(ids) // 2]


def median_of(reps: int, run: Callable[[], object]) -> tuple[float, float, float]:
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def whole_file_difflib(before: bytes, after: bytes) -> int:
    """The diff as it was computed before: difflib, without autojunk, over every line."""
    old, new = before.decode().splitlines(), after.decode().splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return sum(1 for _ in matcher.get_grouped_opcodes(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "eqdiv-bench")
    args = parser.parse_args()

    from eqdiv.authoring.action_update import ActionChange, update_action
    from eqdiv.model.plans import ActionStatus
    from eqdiv.output.authoring import unified_diff

    root = args.workdir / f"plan-{args.actions}"
    plan, action = write_repository(root, args.actions)
    lines = len((root / "plans" / f"{plan}.yaml").read_text().splitlines())
    print(f"A plan of {args.actions:,} actions ({lines:,} lines); updating action {action}.")

    change = ActionChange(status=ActionStatus.COMPLETE, note="Done.")
    result = update_action(root, plan, action, change, date.fromisoformat(AS_OF))
    for name, run in (
        ("diff, changed stretch only (eqdiv)", lambda: unified_diff(result.before, result.after, "p")),
        ("diff, difflib over the whole file", lambda: whole_file_difflib(result.before, result.after)),
        ("update_action, no diff (in process)",
         lambda: update_action(root, plan, action, change, date.fromisoformat(AS_OF))),
    ):  # fmt: skip
        median, low, high = median_of(args.reps, run)
        print(f"{name}: median {median:.3f} s ({low:.3f}-{high:.3f})")

    command = [sys.executable, "-m", "eqdiv", "--no-cache", "action", "update", plan, action,
               "--status", "complete", "--dry-run", "--as-of", AS_OF]  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1"}
    median, low, high = median_of(
        args.reps,
        lambda: subprocess.run(command, cwd=root, env=env, capture_output=True, check=True),
    )
    print(f"eqdiv action update --dry-run (whole command): median {median:.3f} s "
          f"({low:.3f}-{high:.3f})")  # fmt: skip


if __name__ == "__main__":
    main()
