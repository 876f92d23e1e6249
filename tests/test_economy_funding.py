"""The département's share of ACI posts held by former RSA recipients (L5132-3-1, D5132-41)."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from iae_core import Structure, StructureKind, funding, params

D = pendulum.date
RSA = params.get("rsa.single_person_amount")
RATE = params.get("economy.departement_rsa_share_percent")


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (D(2024, 3, 31), 607.75),
        (D(2024, 4, 1), 635.71),
        (D(2025, 3, 31), 635.71),
        (D(2025, 4, 1), 646.52),
        (D(2025, 4, 2), 646.52),
        (D(2022, 6, 30), 575.52),
        (D(2022, 7, 1), 598.54),  # the 4 % of loi 2022-1158, not a 1 April
    ],
)
def test_rsa_amount_on_each_side_of_a_revaluation(day, amount):
    assert funding.rsa_amount(day) == amount


# OpenFisca-France `montant_de_base_du_rsa` (commit a7038ee), typed again as the oracle:
# every start from 1 January 2014 to 1 April 2020, with the amount the day before.
_RSA_2014_2020 = [
    (D(2014, 1, 1), 499.31),
    (D(2014, 9, 1), 509.3),
    (D(2015, 1, 1), 513.88),
    (D(2015, 9, 1), 524.16),
    (D(2016, 4, 1), 524.68),
    (D(2016, 9, 1), 535.17),
    (D(2017, 4, 1), 536.78),
    (D(2017, 9, 1), 545.48),
    (D(2018, 4, 1), 550.93),
    (D(2019, 4, 1), 559.74),
    (D(2020, 4, 1), 564.78),
]


@pytest.mark.parametrize("i", range(len(_RSA_2014_2020)))
def test_rsa_amounts_2014_2020_day_before_of_after(i):
    day, amount = _RSA_2014_2020[i]
    assert funding.rsa_amount(day) == amount
    assert funding.rsa_amount(day.add(days=1)) == amount
    if i == 0:
        with pytest.raises(LookupError):
            funding.rsa_amount(day.subtract(days=1))
    else:
        assert funding.rsa_amount(day.subtract(days=1)) == _RSA_2014_2020[i - 1][1]


def test_the_departement_share_has_an_amount_from_its_first_day():
    # 88 % from 1 July 2014 (D5132-41): the 1 January 2014 amount, 499.31 € × 88 %
    assert RATE.rows[0].start == D(2014, 7, 1)
    assert funding.departement_monthly_contribution(D(2014, 7, 1)) == 439.39
    assert funding.departement_monthly_contribution(D(2016, 2, 29)) == round(524.16 * 0.88, 2)


def test_rsa_amount_before_the_table_and_after_verified():
    with pytest.raises(LookupError):
        funding.rsa_amount(D(2013, 12, 31))
    late = RSA.verified_until.add(days=1)
    assert funding.rsa_amount(RSA.verified_until) == RSA.at(RSA.verified_until)
    with pytest.raises(LookupError, match="allow_unverified"):
        funding.rsa_amount(late)
    assert funding.rsa_amount(late, allow_unverified=True) == RSA.rows[-1].value


def test_the_88_percent_rate_and_an_agreed_rate():
    assert RATE.at(D(2025, 1, 1)) == 88
    assert funding.departement_monthly_contribution(D(2025, 3, 15)) == 559.42  # 635.71 × 88 %
    assert funding.departement_monthly_contribution(D(2025, 4, 1)) == 568.94  # 646.52 × 88 %
    assert funding.departement_monthly_contribution(D(2025, 4, 1), rate_percent=60) == 387.91
    assert funding.departement_monthly_contribution(D(2025, 4, 1), 0.5) == 284.47


def test_the_rate_starts_in_july_2014():
    with pytest.raises(LookupError):
        funding.departement_monthly_contribution(D(2014, 6, 30))


def test_a_year_straddles_the_1_april_revaluation():
    total = funding.departement_contribution(2.0, year=2025)
    assert total == round(3 * 1118.85 + 9 * 1137.88, 2)
    by_month = funding.departement_contribution({D(2025, 3, 1): 1.0, D(2025, 4, 30): 1.0})
    assert by_month == 1128.36  # 559.42 + 568.94
    with pytest.raises(ValueError, match="year"):
        funding.departement_contribution(1.0)
    with pytest.raises(ValueError, match="negative"):
        funding.departement_monthly_contribution(D(2025, 4, 1), -1)
    with pytest.raises(LookupError, match="Mayotte"):
        funding.departement_monthly_contribution(D(2025, 4, 1), department="976")


@given(st.integers(0, 4000).map(lambda x: x / 100), st.integers(0, 4000).map(lambda x: x / 100))
@example(1.0, 1.0)
@example(0.0, 3.0)
def test_the_contribution_is_additive_and_monotone(a, b):
    day = D(2025, 6, 1)
    one = funding.departement_monthly_contribution(day, a)
    two = funding.departement_monthly_contribution(day, a + b)
    assert one <= two
    assert abs(two - one - funding.departement_monthly_contribution(day, b)) <= 0.011


def test_yearly_summary_puts_the_share_beside_the_aid_per_post():
    aci = Structure(siret="73282932000074", kind=StructureKind.ACI, name="A", department="35")
    s = funding.yearly_summary(aci, year=2024, fte=10.0, rsa_fte=4.0)
    # 10 months at 23 458 € (1 Jan 2024, arrêté 30 Apr 2024) then 2 at 23 921 € (1 Nov 2024)
    assert s.aid_per_post == round(10 * (10 * 23_458 + 2 * 23_921) / 12, 2)
    assert s.departement_contribution == funding.departement_contribution(4.0, year=2024)
    assert s.total == round(s.aid_per_post + s.departement_contribution, 2)
    ei = Structure(siret="73282932000074", kind=StructureKind.EI, name="E", department="35")
    assert funding.yearly_summary(ei, year=2024, fte=1.0, rsa_fte=1.0).departement_contribution == 0
    with pytest.raises(ValueError, match="rsa_fte"):
        funding.yearly_summary(aci, year=2024, fte=1.0, rsa_fte=2.0)
    assert set(s.as_dict()) >= {"aid_per_post", "departement_contribution", "total"}
