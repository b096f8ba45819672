"""Information is shared under an agreement, and the agreement is kept up to date: an
agreement past its review date, a party that has not signed, and two partners that
hand work to each other (a complaint handed off, a consultation run together) in the
last twelve months with no agreement between them.

``sharing_problems`` is the one judgement: ``validate`` reports it as findings,
``eqdiv status`` and the reports show what it names."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from eqdiv.checks.check_context import CheckContext
from eqdiv.model import codes
from eqdiv.model.blocks import join_words, plural
from eqdiv.model.dates import shift_months
from eqdiv.model.findings import Finding, Location
from eqdiv.model.sharing import Exchange, JointWork, exchanges
from eqdiv.store.repository import Repository

# How far back work handed between two partners says they share information.
LOOK_BACK_MONTHS = 12


@dataclass(frozen=True, slots=True)
class SharingProblem:
    code: codes.Code
    subject: str  # the agreement's id, or the pair "council and police"
    headline: str  # the agreement's title, or the partners' names
    message: str
    location: Location
    hint: str
    short: str  # a few words for the status screen
    record: str | None


def recent_exchanges(
    repo: Repository, as_of: date, joint: Iterable[JointWork] | None = None
) -> list[Exchange]:
    """Work passed between partners in the twelve months up to ``as_of``, located;
    ``joint`` stands for the repository's consultations when given."""
    since = shift_months(as_of, -LOOK_BACK_MONTHS)
    found = exchanges(repo.cases, repo.consultations if joint is None else joint, since, as_of)
    return [replace(e, location=repo.locate(e.location)) for e in found]


def sharing_problems(
    repo: Repository, as_of: date, joint: Iterable[JointWork] | None = None
) -> Iterator[SharingProblem]:
    """What needs doing about information sharing on ``as_of``; ``joint`` stands for
    the repository's consultations when given (what each says of its partners)."""
    agreements = repo.sharing_agreements
    names = {p.id: p.name for p in repo.config.partners}
    for a in agreements:
        if a.ended(as_of):
            continue
        if a.review < as_of:
            days = (as_of - a.review).days
            yield SharingProblem(
                codes.SHARING_REVIEW_OVERDUE,
                a.id,
                a.title,
                f"Information sharing agreement {a.id} ({a.title}) was due for review on "
                f"{a.review.isoformat()}, {plural(days, 'day')} ago.",
                repo.locate(a.location, "/review"),
                "Review it with the parties: check the purpose, the data shared and the "
                "lawful basis still hold, then set the next `review:` date.",
                f"review due {a.review.isoformat()}",
                a.id,
            )
        unsigned = a.unsigned()
        if unsigned and repo.config_read:
            yield SharingProblem(
                codes.SHARING_UNSIGNED,
                a.id,
                a.title,
                f"Information sharing agreement {a.id} has not been signed for "
                + join_words([names.get(p, p) for p in unsigned])
                + ".",
                repo.locate(a.location, "/signed" if a.signatures else "/parties"),
                "Add a line under `signed:` for each party: its `partner`, the `role` that "
                "signed (never a name) and the `date`.",
                "not signed by " + ", ".join(unsigned),
                a.id,
            )
    if not repo.config_read:
        # Which partners there are is eqdiv.yaml's to say: the defaults standing in for
        # a broken file name none, so no pair is judged (the file is reported itself).
        return
    in_force = [a for a in agreements if not a.ended(as_of)]
    pairs: dict[tuple[str, str], list[Exchange]] = {}
    for e in recent_exchanges(repo, as_of, joint):
        pairs.setdefault(e.pair, []).append(e)
    for pair, found in sorted(pairs.items()):
        # A partner eqdiv.yaml does not list is its own finding (case-partner, ref-missing).
        if not set(pair) <= names.keys() or any(a.covers(*pair) for a in in_force):
            continue
        latest = max(found, key=lambda e: e.day)
        kinds: dict[str, int] = {}
        for e in found:
            kinds[e.what] = kinds.get(e.what, 0) + 1
        what = join_words([plural(n, k) for k, n in kinds.items()])
        first, second = (names.get(p, p) for p in pair)
        yield SharingProblem(
            codes.SHARING_AGREEMENT_MISSING,
            f"{pair[0]} and {pair[1]}",
            f"{first} and {second}",
            f"{first} and {second} passed work to each other ({what} in the 12 months to "
            f"{as_of.isoformat()}, the latest on {latest.day.isoformat()}), but no "
            "information sharing agreement covers them.",
            latest.location,
            f"Agree one (`eqdiv new sharing-agreement`) with `parties: [{pair[0]}, "
            f"{pair[1]}]`, or add them to an agreement that already exists.",
            f"no agreement; {what}",
            latest.record,
        )


def check_sharing(ctx: CheckContext) -> Iterator[Finding]:
    for p in sharing_problems(ctx.repo, ctx.as_of):
        yield ctx.finding(p.code, p.message, p.location, p.hint, record=p.record)
