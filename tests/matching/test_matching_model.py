import subprocess
import sys

import pendulum
import pytest
from hypothesis import given

from iae_core import InvalidData, dump, load
from iae_core.matching import Candidate, GeoPoint, Position, Weights
from iae_core.testing.matching_strategies import candidates, positions

HERE = GeoPoint(lat=45.76, lon=4.84)


@given(candidates())
def test_candidate_round_trip(c):
    assert load(Candidate, dump(c)) == c


@given(positions())
def test_position_round_trip(p):
    data = dump(p)
    assert load(Position, data) == p
    assert isinstance(data["requires"], list)


def test_dump_shape():
    c = Candidate(
        id="c1",
        location=HERE,
        rome_codes=["K2204"],
        holds={"permis_b"},
        available_from=pendulum.date(2025, 9, 1),
    )
    data = dump(c)
    assert data["location"] == {"lat": 45.76, "lon": 4.84}
    assert data["holds"] == ["permis_b"]
    assert data["rome_codes"] == ["K2204"]
    assert data["available_from"] == "2025-09-01"
    assert isinstance(load(Candidate, data).available_from, pendulum.Date)
    assert c.rome_codes == ("K2204",)
    assert c.holds == frozenset({"permis_b"})


def test_keyword_only_and_frozen():
    with pytest.raises(TypeError):
        GeoPoint(45.0, 4.0)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        HERE.lat = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "paths"),
    [
        ({"lat": 91, "lon": 0}, {"lat"}),
        ({"lat": 0, "lon": -181}, {"lon"}),
        ({"lat": float("nan"), "lon": 200}, {"lat", "lon"}),
    ],
)
def test_bad_points(kwargs, paths):
    with pytest.raises(InvalidData) as err:
        GeoPoint(**kwargs)
    assert set(err.value.paths) == paths


def test_bad_candidate_lists_every_field():
    with pytest.raises(InvalidData) as err:
        Candidate(
            id="",
            location=HERE,
            max_distance_km=-1,
            rome_codes=["Z9999"],
            weekly_hours_min=30,
            weekly_hours_max=20,
            holds={""},
            priority=1.5,  # type: ignore[arg-type]
            available_from="2025-01-01",  # type: ignore[arg-type]
        )
    assert set(err.value.paths) == {
        "id",
        "max_distance_km",
        "rome_codes[0]",
        "weekly_hours_max",
        "holds[0]",  # the item, not the set (issue 26)
        "priority",
        "available_from",
    }


def test_bad_position_lists_every_field():
    with pytest.raises(InvalidData) as err:
        Position(
            id="p",
            location=HERE,
            rome_code="K22",
            weekly_hours=0,
            seats=-1,
            company_siret="73282932000075",
        )
    assert set(err.value.paths) == {"rome_code", "weekly_hours", "seats", "company_siret"}


def test_rome_code_must_be_compact():
    with pytest.raises(InvalidData):
        Position(id="p", location=HERE, rome_code="k2204", weekly_hours=20)


def test_weights():
    assert Weights().total == pytest.approx(1.0)
    with pytest.raises(InvalidData):
        Weights(distance=0, rome=0, hours=0, availability=0)
    with pytest.raises(InvalidData) as err:
        Weights(distance=-1)
    assert err.value.paths == ("distance",)


def test_load_rejects_bad_json():
    with pytest.raises(InvalidData) as err:
        load(Position, {"id": "p", "location": {"lat": "45", "lon": 4}, "rome_code": "K2204"})
    assert "location.lat" in err.value.paths
    assert "weekly_hours" in err.value.paths


def test_import_does_not_load_numpy_nor_hypothesis():
    code = (
        "import sys, iae_core.matching as m;"
        "m.assign([], []);"
        "print(sorted(k for k in ('numpy', 'scipy', 'hypothesis') if k in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
