"""The link facts of each file version, kept by content: what ``review`` reads to tell
which records a change reaches."""

from __future__ import annotations

from pathlib import Path

from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.link_index import LinkFacts, LinkIndex, link_facts
from eqdiv.store.loaded import load_file
from tests.conftest import BUNDLED

PLAN = "plans/parent-partnership-2007.yaml"
EIA = "eias/eia-2007-home-visits.yaml"


def facts_of(path: str, raw: bytes | None = None) -> LinkFacts:
    data = raw if raw is not None else (BUNDLED / path).read_bytes()
    return link_facts(load_file(path, data, SchemaSet.load()))


def test_a_plan_gives_its_kind_id_actions_and_what_it_names() -> None:
    facts = facts_of(PLAN)
    assert (facts.kind, facts.id, facts.valid) == ("action-plan", "parent-partnership-2007", True)
    assert facts.actions[:2] == ("1a", "1b")
    assert "eia-2007-home-visits" in facts.tokens  # an action links the EIA
    assert "DH" in facts.tokens  # an owner


def test_a_plan_action_reference_names_the_plan_too() -> None:
    facts = facts_of(EIA)
    refs = [t for t in facts.tokens if "/" in t and t.startswith("parent-partnership-2007/")]
    assert refs, "the EIA's gaps or mitigation name an action"
    assert "parent-partnership-2007" in facts.tokens


def test_free_text_is_not_a_token_but_an_id_inside_it_need_not_be() -> None:
    raw = b"kind: eia\nid: e1\ntitle: Home visits and e2 leaflets\nauthor: DH\n"
    facts = facts_of("eias/e1.yaml", raw)
    assert facts.id == "e1"
    assert "DH" in facts.tokens
    assert "Home visits and e2 leaflets" not in facts.tokens


def test_a_file_that_cannot_be_read_has_no_kind() -> None:
    facts = facts_of("eias/broken.yaml", b"kind: eia\nid: [\n")
    assert (facts.kind, facts.id, facts.tokens) == (None, None, frozenset())


def test_facts_are_kept_by_blob_and_salt_and_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    index = LinkIndex.open(tmp_path)
    assert index is not None
    plan, eia = facts_of(PLAN), facts_of(EIA)
    index.put_many({"b1": plan, "b2": eia}, "schemas-1")
    assert index.get_many(["b1", "b2", "b3"], "schemas-1") == {"b1": plan, "b2": eia}
    assert index.get_many(["b1"], "schemas-2") == {}  # another schema set reads anew
    index._db.execute("UPDATE links SET facts = x'0102'")
    index._db.commit()
    assert index.get_many(["b1", "b2"], "schemas-1") == {}
    index.close()
