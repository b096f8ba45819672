"""Case logs: each check's exact findings, and personal data found without echoing it."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import RepoBuilder

CONFIG = """\
kind: config
id: test-partnership
partnership:
  name: Test Partnership
  partners:
    - id: council
      name: Test Council
    - id: pct
      name: Test PCT
strands:
  set: six-strands
cases:
  partners:
    pct: {stage_1: {extension: 5}}
"""


def log(cases: str) -> str:
    return (
        "kind: case-log\nid: cases-council-2007\npartner: council\nperiod: 2007\ncases:\n" + cases
    )


# Hand-offs between the two partners are under an agreement (tests/cli/test_sharing.py
# pins what happens without one).
AGREEMENT = """\
kind: sharing-agreement
id: isa-test
title: Complaint referrals
parties: [council, pct]
purpose: So complaints reach the partner that answers them
data: [The complaint]
lawful_basis: Public task
retention: Six years
signed:
  - {partner: council, role: Chief Executive, date: 2007-01-02}
  - {partner: pct, role: Chief Executive, date: 2007-01-02}
review: 2009-01-01
"""


def findings(repo: RepoBuilder, cases: str) -> list[str]:
    repo.write(
        {"eqdiv.yaml": CONFIG, "cases/council.yaml": log(cases), "sharing/isa.yaml": AGREEMENT}
    )
    return repo.findings()


def test_a_clean_case_has_no_findings(repo: RepoBuilder) -> None:
    assert (
        findings(
            repo,
            """\
  - ref: C-1
    received: 2007-05-14
    about: [service]
    handoffs: [{to: pct, date: 2007-05-15, accepted: 2007-05-16}]
    acknowledged: 2007-05-15
    responded: 2007-05-25
    closed: 2007-05-25
    outcome: upheld
""",
        )
        == []
    )


def test_impossible_sequences(repo: RepoBuilder) -> None:
    assert findings(
        repo,
        """\
  - ref: C-1
    received: 2007-05-14
    about: [service]
    handoffs:
      - {to: pct, date: 2007-05-10, accepted: 2007-05-09}
    acknowledged: 2007-05-11
    responded: 2007-05-20
    closed: 2007-05-18
    outcome: upheld
  - ref: C-2
    received: 2007-05-14
    about: [service]
    outcome: not_upheld
    closed: 2007-05-30
""",
    ) == [
        "cases/council.yaml:10:25: error case-order Case C-1 was handed to pct on 2007-05-10, before it was received (2007-05-14).",
        "cases/council.yaml:10:47: error case-order Case C-1: accepted by pct on 2007-05-09 but only handed to it on 2007-05-10.",
        "cases/council.yaml:11:19: error case-order Case C-1 was acknowledged on 2007-05-11, before it was received (2007-05-14).",
        "cases/council.yaml:13:13: error case-order Case C-1 was closed on 2007-05-18, before it was answered (2007-05-20).",
        "cases/council.yaml:18:14: warning case-order Case C-2 has an outcome (not upheld) but no date it was answered.",
    ]


def test_dates_after_today(repo: RepoBuilder) -> None:
    assert findings(
        repo,
        """\
  - ref: C-1
    received: 2007-10-12
    about: [service]
    responded: 2007-10-16
""",
    ) == [
        "cases/council.yaml:9:16: error date-future Case C-1 is recorded as answered on 2007-10-16, after today (2007-10-15).",
    ]


def test_hand_off_to_a_partner_not_in_the_partnership(repo: RepoBuilder) -> None:
    result = findings(
        repo,
        """\
  - ref: C-1
    received: 2007-05-14
    first_contact: polise
    about: [service]
    handoffs: [{to: nhs-trust, date: 2007-05-15}]
""",
    )
    assert result == [
        "cases/council.yaml:8:20: error case-partner Case C-1 was first received by 'polise', which is not a partner in eqdiv.yaml.",
        "cases/council.yaml:10:21: error case-partner Case C-1 was handed to 'nhs-trust', which is not a partner in eqdiv.yaml.",
    ]


def test_log_kept_by_an_unknown_partner_and_a_case_logged_twice(repo: RepoBuilder) -> None:
    repo.write(
        {
            "eqdiv.yaml": CONFIG,
            "cases/a.yaml": log("  - {ref: C-1, received: 2007-05-14, about: [service]}\n"),
            "cases/b.yaml": log(
                "  - {ref: C-1, received: 2007-05-14, about: [service]}\n"
                "  - {ref: C-1, stage: 2, received: 2007-06-14, about: [service]}\n"
            )
            .replace("partner: council", "partner: counsil")
            .replace("cases-council-2007", "cases-b"),
        }
    )
    assert repo.findings() == [
        "cases/b.yaml:3:10: error case-partner The log is kept by 'counsil', which is not a partner in eqdiv.yaml.",
        "cases/b.yaml:6:11: error case-duplicate Case C-1 (stage 1) is already logged at cases/a.yaml:6:5.",
    ]


def test_strands_and_extensions(repo: RepoBuilder) -> None:
    assert findings(
        repo,
        """\
  - ref: C-1
    received: 2007-05-14
    about: [alleged_discrimination]
  - ref: C-2
    received: 2007-05-14
    about: [access]
    strands: [disabilty]
  - ref: C-3
    received: 2007-05-14
    about: [service]
    handoffs: [{to: pct, date: 2007-05-15, accepted: 2007-05-15}]
    extension: {days: 10, agreed: 2007-05-30}
""",
    ) == [
        "cases/council.yaml:8:12: warning case-strand Case C-1 alleges discrimination but names no strand.",
        "cases/council.yaml:12:15: error strand-unknown 'disabilty' is not a strand or local group in this partnership's configuration (six-strands).",
        "cases/council.yaml:17:23: warning case-extension Case C-3 has an extension of 10 working days; pct's standard allows 5 at stage 1.",
        "cases/council.yaml:17:35: warning case-extension Case C-3's extension was agreed on 2007-05-30, after the answer was due (2007-05-29).",
    ]


EMAIL = "jo.resident@example.org"
NOTE = f"""\
  - ref: C-1
    received: 2007-05-14
    about: [service]
    note: >-
      Rang about a cancelled visit; wants a reply to
      {EMAIL} or 01234 567890.
"""


def test_personal_data_is_found_without_echoing_it(repo: RepoBuilder) -> None:
    repo.write({"eqdiv.yaml": CONFIG, "cases/council.yaml": log(NOTE)})
    [finding] = repo.validate().findings
    assert str(finding) == (
        "cases/council.yaml:11:7: error personal-data Case C-1's note looks like it holds "
        "a phone number and an e-mail address (not shown here)."
    )
    assert finding.excerpt == "      [e-mail address] or [phone number]."
    assert EMAIL not in (finding.hint or "")


def test_validate_fails_on_an_email_in_a_note_and_never_prints_it(repo: RepoBuilder) -> None:
    repo.write({"eqdiv.yaml": CONFIG, "cases/council.yaml": log(NOTE)})
    for form in ("text", "json", "github", "sarif", "junit"):
        run = subprocess.run(
            [sys.executable, "-m", "eqdiv", "validate", "--as-of", "2007-10-15", "--format", form],
            cwd=repo.root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 1, form
        assert "personal-data" in run.stdout, form
        assert EMAIL not in run.stdout + run.stderr, form
        assert "567890" not in run.stdout + run.stderr, form
