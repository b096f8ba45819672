"""The EIA quality section of `eqdiv status`: the grade spread and the EIAs below the
partnership's minimum grade, for everyone or for one person's EIAs."""

from __future__ import annotations

from eqdiv.schema.schema_set import SchemaSet
from eqdiv.status import build_status
from eqdiv.status.quality import EiaQuality
from eqdiv.store.repository import load_repository
from tests.conftest import AS_OF, BUNDLED


def quality(owner: str | None = None, minimum: str | None = None) -> EiaQuality:
    repo = load_repository(BUNDLED, SchemaSet.load())
    section = build_status(repo, AS_OF, owner).section("eia_quality")
    assert isinstance(section, EiaQuality)
    return section


def test_owner_sees_only_their_eias() -> None:
    # DH wrote the home-visits and case-records EIAs, both Excellent.
    data = quality("DH").to_dict()
    assert data["scored"] == 2
    assert data["distribution"] == {"Inadequate": 0, "Adequate": 0, "Good": 0, "Excellent": 2}
    assert data["below_minimum"] == []
    block = quality("DH").block()
    assert block is not None
    assert block.lines == (
        "2 EIAs scored: 2 Excellent.",
        "All are at or above the minimum grade (Adequate).",
    )


def test_someone_with_no_eias_sees_none_not_all() -> None:
    data = quality("CO").to_dict()
    assert data["scored"] == 0
    assert quality("CO").block() is None


def test_below_minimum_says_what_caps_it_and_the_next_step() -> None:
    block = quality().block()
    assert block is not None
    [drop_in, leaflet] = block.entries
    assert (drop_in.key, drop_in.tag) == ("eia-2007-drop-in-sessions", "Inadequate, 68%, capped")
    assert drop_in.details[0] == "C8 Mitigation scored 0, which caps the grade at Inadequate."
    assert drop_in.details[1].startswith("Next: C8 Mitigation: Under `mitigation:`")
    assert (leaflet.key, leaflet.tag) == ("eia-2007-service-leaflet", "Inadequate, 18%")
