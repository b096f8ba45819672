"""What each finding code means, in a sentence: for CI systems that show a rule beside
each result (SARIF), and for anyone scripting against the codes. The README's table of
codes says the same (tests/cli/test_ci_formats.py holds the two together)."""

from __future__ import annotations

FINDINGS: dict[str, str] = {
    "encoding": "The file is not UTF-8 text.",
    "empty-file": "The file has no content.",
    "yaml-syntax": "The YAML cannot be read.",
    "yaml-tab": "A tab in the indentation.",
    "yaml-tag": "A YAML tag (`!something`), which eqdiv does not read.",
    "duplicate-key": "The same field twice in one mapping.",
    "too-deep": "The file is nested too deeply.",
    "too-large": "The file is too big to be a record.",
    "unreadable": "The file cannot be opened.",
    "not-a-mapping": "The file is a list or a single value, not a record.",
    "kind-missing": "The file does not say what kind of record it is.",
    "kind-unknown": "The file says it is a kind of record eqdiv does not know.",
    "schema": "A field is missing, unknown, of the wrong type or form.",
    "config-kind": "`eqdiv.yaml` does not hold the configuration.",
    "config-location": "A configuration outside `eqdiv.yaml`.",
    "duplicate-id": "An id is used twice.",
    "ref-missing": "A reference to a person, partner, action, EIA or consultation that does "
    "not exist.",
    "strand-unknown": "A strand or local group that is not in the configuration.",
    "date-future": "Something recorded as done after today.",
    "date-order": "An end before its start.",
    "status-date": "A completion date on an action that is not complete.",
    "profile-total": "A consultation's profile does not add up to its participants.",
    "undated": "An open action with no due date: nobody can tell when it is late.",
    "unreviewable": "An ongoing action with no review: nobody can tell when it is next looked at.",
    "rubric-invalid": "The partnership's rubric names a criterion or grade it does not have, "
    "or its grades do not rise from 0.",
    "rubric-fallback": "The partnership's rubric has errors, so EIAs are scored with the "
    "shipped one.",
    "rubric-duplicate": "A second rubric record (only one is used).",
    "rubric-reads": "A criterion's `reads:` does not match what its rule reads.",
    "grade-unknown": "`eia_minimum_grade` is not a grade of the rubric in use.",
    "dimension-unknown": "A profile uses a dimension eqdiv does not know.",
    "category-unknown": "A profile uses a category its dimension does not have.",
    "group-unknown": "A category in `eqdiv.yaml` rolls up to a broad group that is not defined.",
    "category-reserved": "`eqdiv.yaml` defines `not_known`, which is built in.",
    # `eqdiv import census`: problems in an ONS Census 2021 download.
    "census-layout": "A census download is not a Nomis bulk CSV or an ONS custom dataset "
    "eqdiv can read.",
    "census-missing-category": "A census table lacks a category, so its profile cannot add up.",
    "census-unknown-category": "A census table has a category eqdiv does not know; its people "
    "are not counted.",
    "census-sum-mismatch": "A census table's categories do not add up to its total.",
    "census-subtotal-mismatch": "A census subtotal does not equal the sum of its categories.",
    "census-label-mismatch": "A census category code carries a label ONS does not give it.",
    "census-bad-count": "A census count is not a whole number of people.",
    "census-duplicate": "A census area has two rows for one category.",
    "census-area-missing": "An area asked for is not in a census download.",
    "census-dimension-twice": "Two census downloads give the same dimension.",
    "census-incomplete": "A census table cannot fill one of eqdiv's categories.",
    "census-approximate": "A census category goes to one of eqdiv's broader groups.",
    "census-outside-universe": "A census table counts people outside the dimension's universe.",
}
