"""Hints: the nearest valid name for a typo, the quote for a YAML 1.1 surprise, the
schema's own description otherwise."""

from __future__ import annotations

from tests.conftest import RepoBuilder

PLAN = """\
kind: action-plan
id: p
title: Plan
owner: DH
framework: eslg-2007
actions:
  - id: 1a
    element: 1
    text: Train staff
    owners: [DH]
    due: {due}
    status: {status}
"""


def hints(repo: RepoBuilder, text: str) -> list[tuple[str, str | None]]:
    repo.write({"plan.yaml": text})
    return [(f.message, f.hint) for f in repo.validate().findings]


def test_misspelt_field_suggests_the_nearest(repo: RepoBuilder) -> None:
    text = PLAN.format(due="2007-09", status="not_started").replace(
        "owner: DH", "ownr: DH\nowner: DH"
    )
    [(message, hint)] = hints(repo, text)
    assert message == "'ownr' is not a field eqdiv knows here."
    assert hint == (
        "Did you mean 'owner'? Fields allowed here: actions, approved, framework, id, kind, "
        "organisation, owner, period, service, summary, title."
    )


def test_misspelt_status_suggests_the_nearest(repo: RepoBuilder) -> None:
    [(_, hint)] = hints(repo, PLAN.format(due="2007-09", status="complet"))
    assert hint == "Did you mean 'complete'?"


def test_yaml_no_suggests_quotes(repo: RepoBuilder) -> None:
    [(_, hint)] = hints(repo, PLAN.format(due="2007-09", status="no"))
    assert hint == (
        "YAML reads no as false (yes/no/on/off are true/false in YAML). If you mean the "
        "word, put it in quotes: 'no'."
    )


def test_bad_due_explains_the_three_forms(repo: RepoBuilder) -> None:
    [(message, hint)] = hints(repo, PLAN.format(due="soon", status="not_started"))
    assert message == "'soon' is not valid here."
    assert hint == (
        "When it is due: a day (2007-09-30), a month (2007-09, due at the month's end), or "
        "`ongoing` (then give a `review`)."
    )


def test_due_written_as_in_a_spreadsheet_says_what_it_reads_as(repo: RepoBuilder) -> None:
    [(message, hint)] = hints(repo, PLAN.format(due="Sep-07", status="not_started"))
    assert message == "'Sep-07' is not valid here."
    assert hint == (
        "'Sep-07' reads as September 2007: write `due: 2007-09`, and keep the original "
        "wording in `due_text` if you like."
    )
    [(_, hint)] = hints(repo, PLAN.format(due="Sept 07 - ongoing", status="ongoing"))
    assert hint == (
        "'Sept 07 - ongoing' reads as ongoing from September 2007: write `due: ongoing` and "
        "`start: 2007-09`, and keep the original wording in `due_text` if you like."
    )
    text = PLAN.format(due="2007-12", status="not_started") + "    start: Sept 07\n"
    [(_, hint)] = hints(repo, text)
    assert hint == "'Sept 07' reads as September 2007: write `start: 2007-09`."


def test_blank_fields_say_what_goes_there(repo: RepoBuilder) -> None:
    text = PLAN.format(due="", status="not_started").replace("title: Plan", "title:")
    text += "    completed:\n"
    assert hints(repo, text) == [
        (
            "Field 'title' is blank.",
            "Fill it in. The plan's title, as people know it (for example 'Parent "
            "Partnership Equality and Diversity Action Plan').",
        ),
        (
            "Field 'due' from actions > 1a is blank.",
            "Fill it in, or delete the line if unused. When it is due: a day (2007-09-30), a month (2007-09, due at the "
            "month's end), or `ongoing` (then give a `review`).",
        ),
        (
            "Field 'completed' from actions > 1a is blank.",
            "Fill it in, or delete the line if unused. When it was completed: required when "
            "`status` is `complete`.",
        ),
    ]


def test_missing_field_explains_it(repo: RepoBuilder) -> None:
    text = PLAN.format(due="2007-09", status="complete")
    [(message, hint)] = hints(repo, text)
    assert message == "'completed' is missing from actions > 1a."
    assert hint == "Add `completed:`. A complete action needs the date it was `completed`."


def test_ongoing_without_review_says_what_to_add(repo: RepoBuilder) -> None:
    [(message, hint)] = hints(repo, PLAN.format(due="ongoing", status="ongoing"))
    assert message == (
        "Action 1a is ongoing with no review, so nobody can tell when it is next looked at."
    )
    assert hint == (
        "Add `review:` with a `cadence` (monthly, quarterly, half-yearly, annually, or months "
        "such as [July, October, January]) and the `next` review date."
    )


def test_unknown_person_suggests_the_nearest(repo: RepoBuilder) -> None:
    [(message, hint)] = hints(
        repo,
        PLAN.format(due="2007-09", status="not_started").replace("owners: [DH]", "owners: [HD]"),
    )
    assert message == "'HD' is not a known person."
    assert (
        hint
        == "Did you mean 'DH'? People are listed in the people directory (kind: people); add them there."
    )


def test_excerpt_is_the_source_line(repo: RepoBuilder) -> None:
    repo.write({"plan.yaml": PLAN.format(due="2007-09", status="complet")})
    [finding] = repo.validate().findings
    assert finding.excerpt == "    status: complet"
    assert (finding.location.line, finding.location.column) == (12, 13)


def test_a_missing_list_says_what_its_items_hold(repo: RepoBuilder) -> None:
    text = PLAN.format(due="2007-09", status="not_started").split("actions:")[0]
    assert hints(repo, text) == [
        (
            "'actions' is missing.",
            "Add `actions:`. The plan's actions, one list item each: an id (such as `1a`), "
            "the element it serves, what will be done, owners, when it is due and its status.",
        )
    ]


def test_every_description_says_more_than_its_name() -> None:
    # A hint is the schema's description: "The actions." under `actions` tells nobody
    # anything. Every description a required field can show has some substance.
    import json

    from eqdiv.model.resources import data_dir

    thin = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            required = node.get("required", [])
            for name, sub in node.get("properties", {}).items():
                text = sub.get("description", "")
                if name in required and len(text.split()) < 5:
                    thin.append(f"{where}/{name}: {text!r}")
            for key, value in node.items():
                if key not in ("if", "then", "else", "not"):  # conditions, not fields
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    for path in sorted(data_dir("schemas").glob("*.schema.json")):
        walk(json.loads(path.read_text()), path.name)
    assert thin == [], "\n".join(thin)


CONSULTATIONS = [
    "cons-2007-citizens-panel",
    "cons-2007-disability-forum",
    "cons-2007-parent-survey",
    "cons-2007-rural-drop-ins",
    "cons-2007-traveller-outreach",
]


def test_suggestions_look_past_the_words_ids_share() -> None:
    from eqdiv.model.suggest import nearest

    # A typo is recognised...
    assert nearest("cons-2007-rurl-drop-ins", CONSULTATIONS) == "cons-2007-rural-drop-ins"
    assert nearest("cons-2007-parent-survy", CONSULTATIONS) == "cons-2007-parent-survey"
    assert nearest("plan/2bb", ["plan/2b", "plan/1a"]) == "plan/2b"
    assert nearest("HD", ["DH", "EDO"]) == "DH"
    # ...but a deleted record is not "meant" to be another that shares its prefix.
    assert nearest("cons-2007-fathers-group", CONSULTATIONS) is None
