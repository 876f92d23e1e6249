"""The demo end to end (small size): its JSON figures must be consistent."""

import json

import pytest

from iae_core import demo


@pytest.fixture(scope="module")
def summary():
    lines = []
    assert demo.main(seed=5, size=300, as_json=True, out=lines.append) == 0
    return json.loads(lines[0])


def test_counts_add_up(summary):
    f = summary["findings"]
    assert f["parcours_checked"] == summary["people"] == 300
    assert 0 <= f["parcours_with_errors"] <= f["parcours_checked"]
    assert sum(f["by_code"].values()) >= f["errors"] + f["warnings"]
    assert f["errors"] >= f["parcours_with_errors"]
    assert sum(summary["structures"].values()) >= 5
    assert all(summary["structures"][k] >= 1 for k in ("ACI", "AI", "EI", "ETTI", "EITI"))


def test_exit_rates_are_consistent(summary):
    rows = summary["exit_rates"]
    assert sum(r["exits"] for r in rows) == summary["exits"]
    for r in rows:
        assert r["counted"] + r["not_counted"] + r["withdrawn"] == r["exits"]
        for key in ("dynamic_rate", "sustainable_rate", "positive_rate"):
            assert r[key] is None or 0 <= r[key] <= 1
        if r["dynamic_rate"] is not None:
            assert r["sustainable_rate"] <= r["dynamic_rate"]


def test_matching_is_consistent(summary):
    m = summary["matching"]
    assert m["matched"] + m["unmatched"] == m["candidates"]
    assert m["matched"] + m["open_seats"] == m["seats"]
    assert 0 <= m["total_score"] <= m["matched"]
    assert len(m["explained"]) == min(3, m["matched"])
    for e in m["explained"]:
        assert 0 < e["score"] <= 1
        assert all(r["reason"] for r in e["reasons"])


def test_same_seed_same_output():
    a, b = [], []
    demo.main(seed=9, size=120, as_json=True, out=a.append)
    demo.main(seed=9, size=120, as_json=True, out=b.append)
    strip = lambda s: {k: v for k, v in json.loads(s).items() if k != "matching"}  # noqa: E731
    assert strip(a[0]) == strip(b[0])
    ma, mb = json.loads(a[0])["matching"], json.loads(b[0])["matching"]
    ma.pop("seconds")
    mb.pop("seconds")
    assert ma == mb


def test_text_output_is_french_and_complete():
    lines = []
    demo.main(seed=2, size=150, out=lines.append)
    text = lines[0]
    assert "Constats" in text
    assert "Sorties par type de structure" in text
    assert "Mise en relation" in text
