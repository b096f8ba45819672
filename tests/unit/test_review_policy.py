"""The review's levels: one table of change codes in the code, the same in the config
schema, and a partnership's own settings in eqdiv.yaml."""

from __future__ import annotations

import json

from eqdiv.model.findings import Severity
from eqdiv.model.resources import schema_dir
from eqdiv.review.policy import CHANGES, LEVELS, Policy
from tests.conftest import MINIMAL_CONFIG, RepoBuilder


def test_the_config_schema_lists_every_code_with_its_default_and_meaning() -> None:
    schema = json.loads((schema_dir() / "config.schema.json").read_text(encoding="utf-8"))
    review = schema["properties"]["review"]
    assert review["additionalProperties"] is False
    listed = {
        code: (prop["default"], prop["description"]) for code, prop in review["properties"].items()
    }
    assert listed == CHANGES
    assert schema["$defs"]["review_level"]["enum"] == list(LEVELS)
    assert all(default in LEVELS for default, _ in CHANGES.values())


def test_settings_override_the_defaults(repo: RepoBuilder) -> None:
    repo.write(
        {
            "eqdiv.yaml": MINIMAL_CONFIG
            + "review:\n  action-removed: error\n  record-layout: ignore\n"
        }
    )
    config = repo.load().config
    policy = Policy(config.review)
    assert policy.severity("action-removed") is Severity.ERROR
    assert policy.severity("record-layout") is None
    assert policy.severity("deadline-slipped") is Severity.WARNING
    assert policy.level("signed-off-edit") == "error"


def test_an_unknown_code_or_level_is_a_finding(repo: RepoBuilder) -> None:
    repo.write(
        {"eqdiv.yaml": MINIMAL_CONFIG + "review:\n  action-removd: error\n  record-added: off\n"}
    )
    assert repo.findings() == [
        "eqdiv.yaml:14:3: error schema 'action-removd' is not a field eqdiv knows here.",
        "eqdiv.yaml:15:17: error schema false is not an allowed value here. Allowed: error, "
        "warning, info, ignore.",
    ]
    # `off` is YAML 1.1 for false: which is why the level that hides a change is `ignore`.
    hints = [f.hint for f in repo.validate().findings]
    assert hints[0] is not None and hints[0].startswith("Did you mean 'action-removed'?")
    assert hints[1] is not None and "off" in hints[1]
