"""Starting a record from the browser: start an EIA, log a consultation, or any other
kind ``eqdiv new`` makes. The essentials (a title, who leads it, a date ...) are asked
for here, and the record is made by ``authoring.record_start.start_record``, the
function behind ``eqdiv new``: the same skeleton, the same id, the same checks, written
in one step. The person then fills in the rest in the record's form, section by
section; ``eqdiv validate`` names each blank until it is filled."""

from __future__ import annotations

from flask import Flask, Response, flash, redirect, request, url_for

from eqdiv.authoring.record_start import start_record
from eqdiv.authoring.skeletons import DATE, FRAMEWORK, FRAMEWORKS, KINDS, OWNER, PARTNER, TITLE
from eqdiv.model.errors import UsageError
from eqdiv.web.pages import load, root
from eqdiv.web.rendering import page, today

# What each kind is called on the page, and what starting one is called.
NAMES: dict[str, tuple[str, str]] = {
    "eia": ("an equality impact assessment", "Start an EIA"),
    "consultation": ("a consultation or involvement activity", "Log a consultation"),
    "action-plan": ("an action plan", "Start an action plan"),
    "objective": ("an equality objective", "Add an objective"),
    "indicator": ("an indicator", "Add an indicator"),
    "demographics": ("an area's population profile", "Add a population profile"),
    "case-log": ("a partner's log of complaints and queries", "Start a case log"),
    "workforce": ("a partner's workforce return", "Start a workforce return"),
    "people": ("a people directory", "Start a people directory"),
}


def kinds() -> list[tuple[str, str, str]]:
    """The kinds that can be started here: kind, what it is, the button's words."""
    return [
        (kind, *NAMES.get(kind, (f"a {kind} record", f"Start a {kind} record"))) for kind in KINDS
    ]


def _show(
    kind: str,
    code: int = 200,
    values: dict[str, str] | None = None,
    problems: dict[str, str] | None = None,
    general: str = "",
) -> Response:
    if kind not in KINDS:
        raise UsageError(
            f"eqdiv cannot start a record of kind '{kind}'.",
            "The new record page lists the kinds it can start.",
        )
    repo = load()
    what, action = NAMES.get(kind, (f"a {kind} record", f"Start a {kind} record"))
    return page(
        "new_record.html",
        code,
        title=action,
        current="new",
        kind=kind,
        what=what,
        essentials=KINDS[kind].essentials,
        people=sorted(repo.people.values(), key=lambda p: p.id),
        partners=sorted(repo.config.partners, key=lambda p: p.id),
        frameworks=FRAMEWORKS,
        names={
            "title": TITLE,
            "owner": OWNER,
            "date": DATE,
            "framework": FRAMEWORK,
            "partner": PARTNER,
        },
        values=values or {},
        problems=problems or {},
        general=general,
    )


def choose_page() -> Response:
    return page("new_kinds.html", title="New record", current="new", kinds=kinds())


def new_page(kind: str) -> Response:
    return _show(kind)


def create(kind: str) -> Response:
    if kind not in KINDS:
        return _show(kind)
    names = [e.name for e in KINDS[kind].essentials]
    values = {n: " ".join(request.form.get(n, "").split()) for n in names}
    problems = {n: "Fill this in: the record starts from it." for n in names if not values[n]}
    if problems:
        return _show(kind, 400, values, problems)
    try:
        outcome = start_record(root(), kind, values, today())
    except UsageError as err:
        said = " ".join(filter(None, [err.message, err.hint]))
        field = next(
            (
                n
                for n in names
                if err.message.startswith(f"--{n}") or f"'{values[n]}'" in err.message
            ),
            None,
        )
        if field is not None:
            return _show(kind, 400, values, {field: said.removeprefix(f"--{field} ")})
        return _show(kind, 400, values, general=said)
    made = outcome.record
    blanks = len(outcome.findings)
    flash(
        f"Started {made.id} in {made.path}. "
        + (
            f"It has {blanks} blank{'' if blanks == 1 else 's'} or problem"
            f"{'' if blanks == 1 else 's'} to fill in: each is shown beside its field."
            if blanks
            else "Fill in the rest below."
        )
    )
    return redirect(url_for("record_form", file=made.path), code=303)  # type: ignore[return-value]


def register(app: Flask) -> None:
    app.add_url_rule("/new", "new", choose_page, methods=["GET"])
    app.add_url_rule("/new/<kind>", "new_kind", new_page, methods=["GET"])
    app.add_url_rule("/new/<kind>", "create", create, methods=["POST"])
