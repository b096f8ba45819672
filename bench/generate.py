"""Generate a synthetic records repository of N records in eqdiv's own schemas.

Deterministic: the same N and seed give byte-identical files. The mix follows a county
partnership's archive after a decade: mostly EIAs and consultation logs, an action plan
per service and year (5 to 40 actions each), about 16 KB per record on average, and a
few broken records (about 1 in 200) so validation has real work on its error path.

    python bench/generate.py 1000 /tmp/corpus-1000
"""

from __future__ import annotations

import argparse
import random
import shutil
import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

WORDS = (
    "service users parents carers access information formats translation venue transport "
    "evening appointments disabled older younger rural isolated income language interpreter "
    "monitoring data evidence survey forum drop-in outreach consultation feedback training "
    "staff managers policy decision budget savings contract provider equality impact "
    "assessment review mitigation community groups faith festivals travellers site housing "
    "health schools library leisure centre website letters leaflets phone visits"
).split()
STRANDS = ["age", "disability", "ethnicity", "sexual_orientation", "religion_or_belief", "gender"]
LOCAL = ["gypsies_travellers", "low_income", "isolation"]
GROUPS = STRANDS + LOCAL
RATINGS = ["positive", "neutral", "neutral", "neutral", "negative", "unknown"]
STATUSES = ["not_started", "in_progress", "ongoing", "complete", "deferred", "cancelled"]
PEOPLE = [f"P{i:03d}" for i in range(60)]
ETHNIC_GROUPS = ["asian", "black", "mixed", "white", "other", "not_known"]
AGES = ["16-24", "25-34", "35-49", "50-64", "65-74", "75+", "not_known"]


class Writer:
    """Builds one record's YAML text with a seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def folded(self, text: str, indent: int) -> str:
        pad = " " * indent
        return ">-\n" + textwrap.fill(text, width=86, initial_indent=pad, subsequent_indent=pad)

    def day(self, start: date, span: int) -> date:
        return start + timedelta(days=self.rng.randint(0, span))


def action_plan(w: Writer, index: int, actions: int | None = None) -> str:
    """A plan of ``actions`` actions (default: 5 to 40, at random)."""
    rng = w.rng
    year = 2007 + index % 10
    start = date(year, 4, 1)
    lines = [
        "kind: action-plan",
        f"id: plan-{index:05d}",
        f"title: Equality action plan {index} for the {rng.choice(WORDS)} service",
        f"service: Service {index % 97}",
        "organisation: council",
        f"owner: {rng.choice(PEOPLE)}",
        "framework: eslg-2007",
        "period:",
        f"  start: {start}",
        f"  end: {date(year + 1, 3, 31)}",
        f"summary: {w.folded(w.paragraph(3), 2)}",
        "actions:",
    ]
    for n in range(actions if actions is not None else rng.randint(5, 40)):
        element = rng.randint(1, 5)
        status = rng.choice(STATUSES)
        lines += [
            f"  - id: {element}{chr(97 + n % 26)}{n // 26 or ''}",
            f"    element: {element}",
            f"    text: {w.folded(w.paragraph(rng.randint(1, 3)), 6)}",
            f"    owners: [{', '.join(rng.sample(PEOPLE, rng.randint(1, 2)))}]",
        ]
        if rng.random() < 0.4:
            lines += [
                "    due: ongoing",
                "    review:",
                f"      cadence: {rng.choice(['quarterly', 'annually', '[July, October, January]'])}",
                f"      next: {w.day(start, 360)}",
            ]
        else:
            lines.append(f"    due: {w.day(start, 360)}")
        lines.append(f"    status: {status}")
        if status == "complete":
            lines.append(f"    completed: {w.day(start, 200)}")
        lines.append("    updates:")
        for _ in range(rng.randint(1, 4)):
            lines += [
                f"      - date: {w.day(start, 150)}",
                f"        by: {rng.choice(PEOPLE)}",
                f"        note: {w.folded(w.paragraph(rng.randint(1, 3)), 10)}",
            ]
    return "\n".join(lines) + "\n"


def eia(w: Writer, index: int) -> str:
    rng = w.rng
    year = 2007 + index % 10
    started = date(year, rng.randint(1, 9), 1)
    decided = started + timedelta(days=rng.randint(20, 120))
    lines = [
        "kind: eia",
        f"id: eia-{index:05d}",
        f"title: {w.sentence(3, 7).rstrip('.')}",
        f"service: Service {index % 97}",
        "organisation: council",
        f"author: {rng.choice(PEOPLE)}",
        f"proposal: {w.folded(w.paragraph(4), 2)}",
        f"aims: {w.folded(w.paragraph(3), 2)}",
        "affected:",
        *(f"  - {w.sentence(3, 8)}" for _ in range(rng.randint(2, 5))),
        "decision:",
        f"  maker: {rng.choice(['Cabinet', 'Head of Service', 'Director', 'Board'])}",
        f"  date: {decided}",
        f"started: {started}",
        "screening:",
        "  decision: full_assessment",
        f"  rationale: {w.folded(w.paragraph(2), 4)}",
        "evidence:",
    ]
    for _ in range(rng.randint(4, 9)):
        lines += [
            f"  - source: {w.sentence(4, 9)}",
            f"    type: {rng.choice(['local_data', 'national_data', 'research', 'consultation', 'complaints'])}",
            f"    date: {year - 1}",
            f"    summary: {w.folded(w.paragraph(3), 6)}",
        ]
    lines.append("impacts:")
    for group in GROUPS:
        lines += [
            f"  {group}:",
            f"    rating: {rng.choice(RATINGS)}",
            f"    rationale: {w.folded(w.paragraph(rng.randint(2, 5)), 6)}",
        ]
    lines += [
        "psed:",
        f"  eliminate_discrimination: {w.folded(w.paragraph(2), 4)}",
        f"  advance_equality: {w.folded(w.paragraph(2), 4)}",
        f"  good_relations: {w.folded(w.paragraph(2), 4)}",
        f"intersectional: {w.folded(w.paragraph(3), 2)}",
        "mitigation:",
    ]
    for group in rng.sample(GROUPS, 3):
        lines += [
            f"  - strand: {group}",
            f"    measure: {w.folded(w.paragraph(2), 6)}",
            f"    justification: {w.folded(w.paragraph(2), 6)}",
        ]
    lines += [
        "outcome:",
        f"  decision: {rng.choice(['no_change', 'adjust', 'continue'])}",
        f"  justification: {w.folded(w.paragraph(3), 4)}",
        "monitoring:",
        "  measures:",
        *(f"    - {w.sentence(5, 10)}" for _ in range(3)),
        f"  review_date: {decided + timedelta(days=3 * 365)}",
        f"  review_owner: {rng.choice(PEOPLE)}",
        "signoff:",
        f"  by: {rng.choice(PEOPLE)}",
        f"  date: {decided}",
    ]
    return "\n".join(lines) + "\n"


def consultation(w: Writer, index: int) -> str:
    rng = w.rng
    year = 2007 + index % 10
    start = date(year, rng.randint(1, 12), 1)
    total = rng.randint(20, 600)

    def profile(categories: list[str]) -> list[str]:
        cuts = sorted(rng.randint(0, total) for _ in range(len(categories) - 1))
        counts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        return [f"      {c}: {n}" for c, n in zip(categories, counts, strict=True)]

    lines = [
        "kind: consultation",
        f"id: cons-{index:05d}",
        f"title: {w.sentence(4, 9).rstrip('.')}",
        "organisation: council",
        f"lead: {rng.choice(PEOPLE)}",
        f"start: {start}",
        f"end: {start + timedelta(days=rng.randint(0, 60))}",
        f"methods: [{', '.join(rng.sample(['survey', 'focus_group', 'drop_in', 'online', 'workshop'], 2))}]",
        f"purpose: {w.folded(w.paragraph(4), 2)}",
        "about_impacts: true",
        f"targeted: [{', '.join(rng.sample(GROUPS, 2))}]",
        "participants:",
        f"  total: {total}",
        "  profile:",
        "    age:",
        *profile(AGES),
        "    sex:",
        *profile(["female", "male", "not_known"]),
        "    ethnicity:",
        *profile(ETHNIC_GROUPS),
        "accessible_formats: [large_print, easy_read]",
        "said:",
        *(f"  - {w.folded(w.paragraph(3), 4)}" for _ in range(rng.randint(8, 16))),
        "done:",
        *(f"  - {w.folded(w.paragraph(2), 4)}" for _ in range(rng.randint(4, 10))),
    ]
    return "\n".join(lines) + "\n"


def broken(text: str, rng: random.Random) -> str:
    """Damage a record the way people do: a typo'd field, a bad date, a tab."""
    damage = rng.choice(["field", "date", "tab", "status"])
    if damage == "field":
        return text.replace("\ntitle:", "\ntitel:", 1)
    if damage == "date":
        return text.replace("-0", "-1", 1).replace("-1", "-13-", 1)
    if damage == "tab":
        return text.replace("\n  ", "\n\t", 1)
    return text.replace("status: ", "status: in progres #", 1)


CONFIG = """\
kind: config
id: synthetic-county
partnership:
  name: Synthetic County Partnership
  partners:
    - {id: council, name: Synthetic County Council}
strands:
  set: six-strands
  local_groups:
    - {id: gypsies_travellers, label: Gypsies and Travellers}
    - {id: low_income, label: People on low income}
    - {id: isolation, label: People living in isolation}
year_start_month: 4
"""


def people() -> str:
    rows = "\n".join(f"  - {{id: {p}, role: Officer {p}, organisation: council}}" for p in PEOPLE)
    return f"kind: people\nid: people\npeople:\n{rows}\n"


KINDS: list[tuple[str, Callable[[Writer, int], str], float]] = [
    ("plans", action_plan, 0.25),
    ("eias", eia, 0.45),
    ("consultations", consultation, 0.30),
]


def generate(count: int, out: Path, seed: int = 2007) -> list[Path]:
    """Write ``count`` records (plus eqdiv.yaml and people.yaml) into ``out``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "eqdiv.yaml").write_text(CONFIG)
    (out / "people.yaml").write_text(people())
    rng = random.Random(seed)
    writer = Writer(rng)
    written = []
    for index in range(count):
        folder, make, _ = rng.choices(KINDS, weights=[k[2] for k in KINDS])[0]
        text = make(writer, index)
        if rng.random() < 0.005:
            text = broken(text, rng)
        path = out / folder / f"{index:05d}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2007)
    args = parser.parse_args()
    files = generate(args.count, args.out, args.seed)
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} records, {size / len(files) / 1024:.1f} KB each on average, in {args.out}")


if __name__ == "__main__":
    main()
