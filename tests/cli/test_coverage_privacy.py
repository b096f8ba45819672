"""No count of people below the threshold leaves `eqdiv consultation coverage` without
--unsuppressed, in any format, and the figures it does show add up.

The property test writes consultation logs (a few activities, with sex and ethnic
group profiles, some small, some not asked), renders coverage as JSON, text and
Markdown, and looks for a count from 1 to 9 anywhere a count of people is written.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eqdiv.figures.census import builtin_scheme
from eqdiv.figures.coverage import Verdict, assess, coverage
from eqdiv.figures.coverage_publish import view
from eqdiv.figures.publication import publication, publish_grid
from eqdiv.figures.suppression import Hidden
from eqdiv.model.consultations import Consultation
from eqdiv.model.findings import Location
from eqdiv.model.periods import quarter
from eqdiv.output.coverage import write_markdown, write_text
from eqdiv.store.repository import load_repository
from tests.conftest import BUNDLED, TEXT_80, CliResult, RepoBuilder

Cli = Callable[..., CliResult]

T = 10
Q2 = quarter(2007, 2)
BUNDLED_REPO = load_repository(BUNDLED)
CENSUS = builtin_scheme()
NAMES = ["alpha", "bravo", "charlie", "delta"]


def activity(name: str, day: int, profile: dict[str, dict[str, int]], total: int) -> Consultation:
    start = date(2007, 7, 1) + timedelta(days=day)
    where = Location(f"consultations/{name}.yaml", 1, 1, "")
    return Consultation(
        id=name,
        title=f"Activity {name}",
        organisation=None,
        partners=(),
        lead=None,
        start=start,
        end=start,
        methods=("survey",),
        purpose=None,
        about_impacts=False,
        targeted=(),
        participants=total,
        profile=profile,
        accessible_formats=(),
        said=(),
        done=(),
        eias=(),
        actions=(),
        location=where,
        profile_locations={dim: where for dim in profile},
    )


counts = st.integers(0, 40) | st.integers(0, 9)


@st.composite
def logs(draw: st.DrawFn) -> list[Consultation]:
    made = []
    for n, name in enumerate(NAMES[: draw(st.integers(1, 4))]):
        profile: dict[str, dict[str, int]] = {}
        sex = {"female": draw(counts), "male": draw(counts), "not_known": draw(counts)}
        total = sum(sex.values())
        if total == 0:
            continue
        profile["sex"] = sex
        if draw(st.booleans()):  # asked about ethnic group too, in broad groups
            white = draw(st.integers(0, total))
            asian = draw(st.integers(0, total - white))
            profile["ethnicity"] = {
                "white": white,
                "asian": asian,
                "not_known": total - white - asian,
            }
        made.append(activity(name, n, profile, total))
    return made


def small_counts_in_json(data: Any) -> Iterator[tuple[str, int]]:
    """Every count of people in the JSON that is from 1 to 9."""
    people_fields = {"participants", "asked", "said", "not_known", "not_asked", "count"}

    def walk(node: Any, path: str) -> Iterator[tuple[str, int]]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in people_fields and isinstance(value, int) and 0 < value < T:
                    yield f"{path}.{key}", value
                yield from walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{path}[{i}]")

    yield from walk(data, "")


# Numbers in the text that are not counts of people: dates, periods, percentages and
# other decimals, 'fewer than 10', 'from 1 to 9', how many activities, degrees of
# freedom, the chi-square caution, and the thresholds in the notes.
NOT_COUNTS = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{4}/\d{2}|Q\d|\d+\.\d+%?|fewer than \d+|from 1 to \d+|"
    r"\d+ activit(?:y|ies)|\d+ degrees? of freedom|\d+ of the expected counts are below \d+|"
    r"at least \d+ people are expected|p [=<] \d+(?:\.\d+)?(?:e-\d+)?"
)


def small_numbers_in_text(text: str) -> list[str]:
    rest = NOT_COUNTS.sub(" ", " ".join(text.split()))
    return [n for n in re.findall(r"(?<![\w.])\d+(?![\w.])", rest) if 0 < int(n) < T]


# Each example protects a whole grid with the integer programme: 60 keep the file quick.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_no_count_below_the_threshold_is_shown(activities: list[Consultation]) -> None:
    # The bundled partnership and its area's population profile.
    cov = assess(activities, BUNDLED_REPO.demographics[0], CENSUS, BUNDLED_REPO.config, Q2)
    published = publish_grid(activities, BUNDLED_REPO.demographics[0], CENSUS, BUNDLED_REPO.config)
    shown = view(cov, published)
    data = shown.to_dict("records", None)
    assert list(small_counts_in_json(data)) == []
    for writer in (write_text, write_markdown):
        out = io.StringIO()
        writer(shown, out)
        assert small_numbers_in_text(out.getvalue()) == [], out.getvalue()
    check_the_arithmetic(data)


def check_the_arithmetic(data: dict[str, Any]) -> None:
    """What a reader can check: asked = said + did not say, the categories add up to
    those who said, and each share is of those who said."""
    for dim in data["dimensions"]:
        if None not in (dim["asked"], dim["said"], dim["not_known"]):
            assert dim["asked"] == dim["said"] + dim["not_known"]
        if dim["withheld"]:
            continue
        shown = [c["count"] for c in dim["categories"]]
        if None not in shown:
            assert sum(shown) == dim["said"]
        for c in dim["categories"]:
            if c["share"] is not None:
                assert c["share"] == round(c["count"] / dim["said"], 4)


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "2007-Q2"],
        ["--period", "2007-Q3"],
        ["--period", "2007/08"],
        ["--id", "cons-2007-fathers-group"],
        ["--id", "cons-2007-citizens-panel"],
        ["--id", "cons-2007-disability-forum"],
        ["--id", "cons-2007-traveller-outreach"],
    ],
)
def test_the_bundled_records_show_no_small_count(cli: Cli, args: list[str]) -> None:
    base = ["consultation", "coverage", *args, "--as-of", "2008-04-30"]
    data = json.loads(cli(*base, "--format", "json").stdout)
    assert list(small_counts_in_json(data)) == []
    for fmt in ("text", "md"):
        out = cli(*base, "--format", fmt, env=TEXT_80).stdout
        assert small_numbers_in_text(out) == [], out
    exact = cli(*base, "--format", "json", "--unsuppressed").stdout
    assert list(small_counts_in_json(json.loads(exact)))  # the staff view has them all


ETHNICITY = """\
kind: demographics
id: area
area: Somewhere
source: Census 2021
dimensions:
  ethnicity: {categories: {white: 929, asian: 71}}
"""


def test_a_verdict_on_a_hidden_count_is_published_when_it_gives_nothing_away(
    repo: RepoBuilder,
) -> None:
    # 9 Asian people of 100, against 7.1 expected: 'over-represented' says more than
    # 8.875. With 'fewer than 10' beside it that was 9; now a hidden count may be
    # anything from 0 to 100, so the verdict gives nothing away.
    repo.write(
        {
            "area.yaml": ETHNICITY,
            "c.yaml": """\
                kind: consultation
                id: c
                title: T
                start: 2007-08-01
                methods: [survey]
                participants:
                  total: 100
                  profile:
                    ethnicity: {white: 91, asian: 9}
                """,
        }
    )
    cov = coverage(repo.load(), Q2)
    asian = cov.dimensions[0].categories[0]
    assert (asian.id, asian.verdict) == ("asian", Verdict.OVER)
    loaded = repo.load()
    shown = view(coverage(loaded, Q2), publication(loaded))
    [hidden, white] = shown.dimensions[0].categories
    # 'Over-represented' says at least 9 of 100, and a hidden count may be up to 100:
    # with no 'fewer than 10' label beside it, it gives nothing away.
    assert hidden.count.hidden is Hidden.PROTECTED and hidden.verdict is Verdict.OVER
    assert white.count.hidden is Hidden.PROTECTED and white.verdict is Verdict.IN_LINE
    assert shown.gaps.over_represented == ("Asian residents",)
    assert view(cov, None).dimensions[0].categories[0].verdict is Verdict.OVER
