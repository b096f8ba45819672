"""The facts kept per file (``eqdiv.store.facts_store``, ``eqdiv.checks.file_facts``)
are a cache: an entry is used only for the content, eqdiv and settings it was worked
out for, and ``validate`` from them says exactly what ``validate`` over every record
says."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from eqdiv.checks.file_facts import encode, encode_local
from eqdiv.checks.incremental import Incremental, validate_from_facts
from eqdiv.checks.validation import ValidationResult, validate
from eqdiv.model.findings import Finding, Location, Severity
from eqdiv.schema.schema_set import SchemaSet
from eqdiv.store.database import digest
from eqdiv.store.facts_store import FactsStore
from eqdiv.store.record_cache import RecordCache, salt
from eqdiv.store.repository import Repository, guess_identity, load_repository
from tests.conftest import BUNDLED

AS_OF = date(2007, 10, 15)
EIA = "eias/eia-2007-home-visits.yaml"
SCHEMAS = SchemaSet.load()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(BUNDLED, tmp_path / "records")
    return tmp_path / "records"


def fresh(root: Path, as_of: date = AS_OF) -> list[tuple[str, str, str | None]]:
    return shown(validate(load_repository(root, SCHEMAS), as_of))


def shown(result: ValidationResult) -> list[tuple[str, str, str | None]]:
    return [(str(f), f.hint or "", f.excerpt) for f in result.findings]


def from_facts(root: Path, as_of: date = AS_OF, store_salt: str = "one") -> ValidationResult:
    store = FactsStore.open(root, store_salt)
    try:
        return validate_from_facts(root, SCHEMAS, store, lambda _: as_of)
    finally:
        store.close()


def stored(root: Path, path: str, store_salt: str = "one") -> tuple[bytes, bytes, bytes, bytes]:
    store = FactsStore.open(root, store_salt)
    entry = store.index()[path]
    store.close()
    return entry.digest, entry.base, entry.inputs, entry.local


def index(root: Path, store_salt: str) -> dict[str, object]:
    store = FactsStore.open(root, store_salt)
    try:
        return dict(store.index())
    finally:
        store.close()


def forge(root: Path, path: str, **changes: bytes) -> None:
    """Overwrite the stored facts of ``path`` with ``changes`` (digest, base, inputs,
    local)."""
    key, base, inputs, local = stored(root, path)
    store = FactsStore.open(root, "one")
    store.put(
        path,
        changes.get("digest", key),
        changes.get("base", base),
        changes.get("inputs", inputs),
        changes.get("local", local),
    )
    store.flush()
    store.close()


def planted() -> bytes:
    """Own findings that no check makes: seen in the output only if used."""
    finding = Finding("date-future", Severity.ERROR, "Planted.", Location(EIA, 2, 1, "/id"))
    return encode_local([(3, finding)])


def test_validate_from_facts_says_what_validate_says_cold_and_warm(root: Path) -> None:
    expected = fresh(root)
    assert expected  # the bundled records have findings: the comparison means something
    assert shown(from_facts(root)) == expected  # cold: every file worked out
    assert shown(from_facts(root)) == expected  # warm: every file from its facts
    assert stored(root, EIA)[0] == digest((root / EIA).read_bytes())


def test_an_entry_for_other_content_is_never_used(root: Path) -> None:
    from_facts(root)
    forge(root, EIA, local=planted())
    assert "Planted." in str(shown(from_facts(root)))  # the store is read ...
    forge(root, EIA, digest=digest(b"other content"), local=planted())
    assert shown(from_facts(root)) == fresh(root)  # ... but only for the same content


def test_own_findings_are_never_used_under_other_settings(root: Path) -> None:
    from_facts(root)
    forge(root, EIA, local=planted())
    assert "Planted." in str(shown(from_facts(root)))
    # Another day, another people directory, another eqdiv.yaml: worked out again.
    assert shown(from_facts(root, date(2008, 6, 30))) == fresh(root, date(2008, 6, 30))
    forge(root, EIA, local=planted())
    people = root / "people.yaml"
    people.write_text(people.read_text().replace("  - id: DH\n", "  - id: DH2\n", 1))
    assert shown(from_facts(root)) == fresh(root)
    forge(root, EIA, local=planted())
    config = root / "eqdiv.yaml"
    config.write_text(config.read_text().replace("set: six-strands", "set: equality-act-2010"))
    assert shown(from_facts(root)) == fresh(root)


def test_a_store_made_by_another_eqdiv_or_schemas_is_emptied(root: Path) -> None:
    from_facts(root, store_salt="one")
    assert EIA in index(root, "one")
    # The salt is the record cache's: eqdiv's version, code and the schemas.
    assert index(root, "two") == {}
    assert index(root, "one") == {}
    assert salt("a") != salt("b")


def test_damaged_facts_are_a_miss(root: Path) -> None:
    from_facts(root)
    forge(root, EIA, base=b"not facts", local=b"\x00nor these")
    assert shown(from_facts(root)) == fresh(root)
    assert stored(root, EIA)[1] != b"not facts"  # and replaced


def test_a_file_whose_kind_line_misleads_is_judged_as_what_it_is(root: Path) -> None:
    """A new file is sorted into the context or the bulk by its ``kind:`` line before
    it is parsed; when the line misleads (an anchor, a flow mapping), the run notices
    and runs again."""
    moved = root / "staff" / "people-more.yaml"
    moved.parent.mkdir()
    moved.write_text(
        '{id: more, people: [{id: ZZ, role: Visiting officer}], title: "A list\n'
        'kind: eia", kind: people}\n'
    )
    text = (root / EIA).read_text().replace("author: ", "author: ZZ\nx-old-author: ", 1)
    (root / EIA).write_text(text)
    assert guess_identity(moved.read_bytes())[0] == "eia"
    result = from_facts(root)
    assert shown(result) == fresh(root)
    assert not any("'ZZ'" in f.message for f in result.findings)


def test_unchanged_files_are_not_parsed_after_an_edit(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eqdiv.checks import incremental

    cache = RecordCache.open(root, salt(SCHEMAS.fingerprint))
    assert cache is not None
    store = FactsStore.open(root, "one")
    validate_from_facts(root, SCHEMAS, store, lambda _: AS_OF, cache=cache)
    edited = root / EIA
    edited.write_text(edited.read_text() + "# edited\n")
    parsed: list[str] = []
    real = incremental.load_file

    def counted(path: str, raw: bytes, schemas: SchemaSet) -> object:
        parsed.append(path)
        return real(path, raw, schemas)

    monkeypatch.setattr(incremental, "load_file", counted)
    run = Incremental(root, SCHEMAS, store, cache)
    result = run.validate(AS_OF)
    assert shown(result) == fresh(root)
    assert parsed == [EIA], parsed
    store.close()
    cache.close()


def test_facts_encode_what_derive_found(root: Path) -> None:
    from eqdiv.checks.file_facts import Shared, decode, derive, links
    from eqdiv.store.loaded import load_file

    raw = (root / EIA).read_bytes()
    shared_files = tuple(
        load_file(p, (root / p).read_bytes(), SCHEMAS) for p in ("eqdiv.yaml", "people.yaml")
    )
    shared = Shared(shared_files, Repository.build(root, shared_files), AS_OF)
    facts = derive(load_file(EIA, raw, SCHEMAS), raw, shared)
    again = decode(EIA, encode(facts), None)
    assert (again.kind, again.id, again.valid, again.id_at) == (
        facts.kind,
        facts.id,
        facts.valid,
        facts.id_at,
    )

    def every(target: str, ref: str, record: str) -> bool:
        return True

    assert list(links(again, every)) == list(links(facts, every))
    assert any(target == "people" for target, *_ in links(facts, every))
