"""partnership.pmsmp_same_host: French and English templates, values in Finding.params."""

from __future__ import annotations

import pendulum
import pytest

import iae_core as I
from iae_core import partnerships
from iae_core.checks import rule
from iae_core.partnerships import PartnershipEvent, check_pmsmp
from iae_core.pmsmp import SAME_HOST_MAX_AGREEMENTS, SAME_HOST_MAX_DAYS, SAME_HOST_WINDOW_MONTHS

D = pendulum.date
COMPANY = I.Company(siret="55208131766522", name="Transports Durand", department="69")
MEMBER = I.Structure(siret="73282932000074", kind="ACI", name="S", department="75")


def _imm(start, days, person="p1"):
    return PartnershipEvent(
        kind="IMMERSION", start=start, end=start.add(days=days - 1), person_id=person
    )


def _partnership(*events):
    return I.Partnership(
        id="pa-1",
        company=COMPANY,
        members=(MEMBER,),
        kinds={"IMMERSION_HOSTING"},
        start=D(2025, 1, 1),
        events=events,
    )


THREE = _partnership(_imm(D(2025, 1, 6), 5), _imm(D(2025, 3, 3), 5), _imm(D(2025, 6, 2), 5))
LONG = _partnership(_imm(D(2025, 1, 1), SAME_HOST_MAX_DAYS + 1))


def test_agreements_message_in_french_and_english_with_its_values():
    (f,) = check_pmsmp(THREE, on=D(2025, 1, 1))
    assert f.variant == "agreements"
    assert f.message == (
        f"Plus de {SAME_HOST_MAX_AGREEMENTS} conventions d'immersion avec Transports Durand "
        f"sur {SAME_HOST_WINDOW_MONTHS} mois consécutifs (3 conventions du 06/01/2025 au "
        "05/01/2026)."
    )
    assert dict(f.params) == {
        "host": "Transports Durand",
        "max_agreements": SAME_HOST_MAX_AGREEMENTS,
        "window_months": SAME_HOST_WINDOW_MONTHS,
        "count": 3,
        "window_start": D(2025, 1, 6),
        "window_end": D(2026, 1, 5),
    }
    (en,) = I.check(THREE, on=D(2025, 1, 1), lang="en")
    assert en.message == (
        f"More than {SAME_HOST_MAX_AGREEMENTS} immersion agreements with Transports Durand "
        f"over {SAME_HOST_WINDOW_MONTHS} consecutive months (3 agreements from 6 January "
        "2025 to 5 January 2026)."
    )
    assert en.params == f.params


def test_days_message_in_french_and_english_with_its_values():
    (f,) = check_pmsmp(LONG, on=D(2025, 1, 1))
    assert f.variant == "days"
    days = SAME_HOST_MAX_DAYS + 1
    assert f.message.startswith(f"Plus de {SAME_HOST_MAX_DAYS} jours d'immersion avec ")
    assert f"({days} jours du 01/01/2025 au " in f.message
    assert f.params["max_days"] == SAME_HOST_MAX_DAYS
    assert f.params["count"] == days
    assert "max_agreements" not in f.params
    en = f.in_language("en")
    assert en.message.startswith(f"More than {SAME_HOST_MAX_DAYS} days of immersion with ")


@pytest.mark.parametrize("variant", ["agreements", "days"])
def test_the_rule_declares_its_metadata(variant):
    r = rule("partnership.pmsmp_same_host")
    assert r.title_en
    assert r.description_fr
    assert r.reading
    assert set(r.messages) == {"agreements", "days"}
    assert r.messages[variant].en
    assert r.messages[variant].fr
    assert all(name.startswith("pmsmp.same_host_") for name in r.params)


def test_the_face_lists_its_entities_and_checker():
    assert set(partnerships.ENTITIES) == {
        I.Partnership,
        partnerships.Commitment,
        partnerships.PartnershipEvent,
    }
    assert partnerships.CHECKERS[I.Partnership] is partnerships.check_partnership
    assert partnerships.PMSMP_MAX_AGREEMENTS == SAME_HOST_MAX_AGREEMENTS
    assert partnerships.PMSMP_MAX_DAYS == SAME_HOST_MAX_DAYS
    assert partnerships.EventKind.__module__ == "iae_core.partnerships"
