"""Funding: every amount and rate is a parameter (params/data/funding.toml), and the public
tables are built from them (one definition: the TOML rows)."""

from __future__ import annotations

import pendulum
import pytest

from iae_core import dates, params
from iae_core import funding as F
from iae_core.enums import StructureKind

D = pendulum.date
KINDS = (StructureKind.EI, StructureKind.ETTI, StructureKind.AI, StructureKind.ACI)


def test_every_funding_param_is_in_the_funding_file():
    names = {p.name for p in params.iter_params("funding")}
    for k in KINDS:
        assert f"funding.base_amount.{k.value}" in names
        assert f"funding.mayotte_base_amount.{k.value}" in names
    assert {
        "funding.aci_support_amount",
        "funding.eiti_base_amount",
        "funding.eiti_monthly_amount",
        "funding.mayotte_eiti_monthly_amount",
        "funding.modulation_max_percent",
        "funding.modulation_max_prison_percent",
        "funding.cdi_inclusion_first_year_percent",
        "funding.cdi_inclusion_later_percent",
        "funding.cdi_inclusion_first_year_months",
        "funding.ei_part_time_reference_weekly_hours",
        "funding.usual_hours_per_fte",
        "funding.usual_hours_year_days",
    } <= names


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("prefix", "table"), [("", "BASE_AMOUNTS"), ("mayotte_", "MAYOTTE")])
def test_the_tables_are_the_rows_of_the_params(kind, prefix, table):
    p = params.get(f"funding.{prefix}base_amount.{kind.value}")
    dated = getattr(F, "BASE_AMOUNTS" if table == "BASE_AMOUNTS" else "MAYOTTE_BASE_AMOUNTS")
    for row in p.rows:
        assert row.start is not None
        assert dated.at(row.start)[kind] == row.value
        assert F.base_amount(kind, row.start, department="976" if prefix else None) == row.value
        if row.start != p.rows[0].start:
            before = row.start.subtract(days=1)
            assert dated.at(before)[kind] == p.at(before)


@pytest.mark.parametrize("kind", KINDS)
def test_verified_until_is_the_params_own(kind):
    for prefix in ("", "mayotte_"):
        p = params.get(f"funding.{prefix}base_amount.{kind.value}")
        assert p.verified_until == F.VERIFIED_UNTIL[kind]
        last = p.verified_until
        dep = "976" if prefix else None
        assert F.base_amount(kind, last, department=dep) == p.at(last)
        with pytest.raises(LookupError, match="allow_unverified"):
            F.base_amount(kind, last.add(days=1), department=dep)
        assert F.base_amount(kind, last.add(days=1), department=dep, allow_unverified=True) == (
            p.at(last)
        )
        assert not p.lookup(last.add(days=1)).verified


def test_eiti_and_support_tables_from_params():
    eiti = params.get("funding.eiti_base_amount")
    assert F.VERIFIED_UNTIL[StructureKind.EITI] == eiti.verified_until
    assert [(d, v) for d, v in F.EITI_BASE_AMOUNTS.rows()] == [(r.start, r.value) for r in eiti]
    monthly = params.get("funding.eiti_monthly_amount")
    first = monthly.rows[0].start
    assert F.eiti_monthly_amount(first) == monthly.at(first)
    assert F.eiti_monthly_amount(first, department="976") == params.get(
        "funding.mayotte_eiti_monthly_amount"
    ).at(first)
    with pytest.raises(LookupError, match="monthly"):
        F.base_amount(StructureKind.EITI, first)
    assert F.base_amount(StructureKind.EITI, first.subtract(days=1)) == eiti.at(
        first.subtract(days=1)
    )
    support = params.get("funding.aci_support_amount")
    for row in support:
        assert F.ACI_SUPPORT_AMOUNTS.at(row.start) == row.value
    aci_starts = [r.start for r in params.get("funding.base_amount.ACI")]
    assert [d for d, _ in F.ACI_SUPPORT_AMOUNTS.rows()] == aci_starts


def test_rates_and_hours_from_params():
    assert params.get("funding.modulation_max_percent").value == F.MODULATION_MAX * 100
    assert (
        params.get("funding.modulation_max_prison_percent").value == F.MODULATION_MAX_PRISON * 100
    )
    first = params.get("funding.cdi_inclusion_first_year_percent").value
    later = params.get("funding.cdi_inclusion_later_percent").value
    assert (first / 100, later / 100) == F.CDI_INCLUSION_RATES
    months = params.get("funding.cdi_inclusion_first_year_months").value
    start = D(2024, 2, 29)
    end = dates.period_end(start, months)
    assert F.cdi_inclusion_rate(start, end) == first / 100
    assert F.cdi_inclusion_rate(start, end.add(days=1)) == later / 100
    hours = params.get("funding.ei_part_time_reference_weekly_hours").value
    assert hours == F.LEGAL_WEEKLY_HOURS
    assert F.ei_part_time_ratio(hours) == 1.0
    assert F.ei_part_time_ratio(hours / 2) == 0.5
    usual = params.get("funding.usual_hours_per_fte").value
    assert {k.value: h for k, h in F.USUAL_HOURS_PER_FTE.items()} == dict(usual)


def test_every_amount_row_cites_a_text():
    for p in params.iter_params("funding"):
        for row in p.rows:
            assert row.sources, p.name
            assert all(s.url is None or s.url.startswith("https://") for s in row.sources)
