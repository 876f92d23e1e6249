"""The contract and PMSMP rules as data (issue 12): parameters, templates, English messages.

Every legal number of the contract rules is a parameter (`contracts.toml`, `pmsmp.toml`);
every finding is rendered from a French and an English template, with the values it used
in `Finding.params`. Verdicts and French messages are those of the other contract tests.
"""

import string

import pendulum
import pytest

import iae_core as I
from iae_core import params, pmsmp
from iae_core._kernel.findings import Rule
from iae_core.contracts import (
    ALLOWED_CONTRACT_KINDS,
    APPROVAL_REQUIRED,
    CDDI_RENEWAL_CAP,
    CDDI_STRUCTURES,
    CDI_INCLUSION_STRUCTURES,
    CHECKERS,
    ENTITIES,
    MISSION_MAX_RENEWALS,
    OUTSIDE_AID_CONTRACT_KINDS,
    PMSMP_SAME_HOST,
    Contract,
    HoursDerogation,
    Immersion,
    Renewal,
    _rules,
    check_cdi_inclusion_share,
    check_contract,
    immersions_excess,
    same_host_finding,
)
from iae_core.enums import ContractKind, StructureKind

D = pendulum.date
HOST = "73282932000074"
AREA_RULES = [r for r in vars(_rules).values() if isinstance(r, Rule)]


def cddi(start, end, sk="ACI", **kw):
    kw.setdefault("weekly_hours", 26.0)
    return Contract(kind="CDDI", structure_kind=sk, start=start, end=end, **kw)


def only(report, code):
    (f,) = [f for f in report if f.code == code]
    return f


# --- the catalogue -----------------------------------------------------------------------


def test_every_contract_rule_is_declared_as_data():
    assert len(AREA_RULES) == 19
    for r in AREA_RULES:
        assert r.title_en, r.code
        assert r.description_fr, r.code
        assert r.description, r.code
        assert r.params, r.code
        for name in r.params:
            params.get(name)  # KeyError when the rule names an unknown parameter
        assert r.messages, r.code
        for variant, m in r.messages.items():
            fr = {f for _, f, _, _ in string.Formatter().parse(m.fr) if f}
            en = {f for _, f, _, _ in string.Formatter().parse(m.en) if f}
            assert en >= fr, (r.code, variant)


def test_no_message_says_a_reading_is_unverified():
    for r in AREA_RULES:
        for m in r.messages.values():
            assert "vérifier" not in m.fr, r.code
            assert "unverified" not in m.en.lower(), r.code
    readings = {r.code: r.reading for r in AREA_RULES}
    assert "2021" in readings["contract.max_duration"]
    assert "inference" in readings["mission.max_duration"]


def test_the_face_lists_its_entities_and_checkers():
    assert Contract in ENTITIES
    assert Immersion in ENTITIES
    assert CHECKERS[Contract] is check_contract
    assert CHECKERS[I.Structure] is check_cdi_inclusion_share


# --- the public tables are built from the parameters ------------------------------------


def test_tables_come_from_the_parameters():
    allowed = params.get("contract.allowed_kinds").value
    assert {sk.value: {k.value for k in v} for sk, v in ALLOWED_CONTRACT_KINDS.items()} == {
        k: set(v) for k, v in allowed.items()
    }
    assert {StructureKind.AI: {ContractKind.PROFESSIONALISATION}} == OUTSIDE_AID_CONTRACT_KINDS
    assert {k.value for k in CDDI_STRUCTURES} == params.get("cddi.structure_kinds").value
    assert {k.value for k in CDI_INCLUSION_STRUCTURES} == params.get(
        "cdi_inclusion.structure_kinds"
    ).value
    assert params.get("mission.max_renewals").value == MISSION_MAX_RENEWALS
    assert params.get("pmsmp.same_host_max_agreements").value == pmsmp.SAME_HOST_MAX_AGREEMENTS
    assert params.get("pmsmp.same_host_max_days").value == pmsmp.SAME_HOST_MAX_DAYS
    assert params.get("pmsmp.same_host_window_months").value == pmsmp.SAME_HOST_WINDOW_MONTHS


def test_renewal_cap_ends_on_its_date():
    end = params.get("cddi.renewal_cap_end_date").value
    assert end == D(2021, 6, 15)
    cap = params.get("cddi.renewal_cap_count").value
    assert CDDI_RENEWAL_CAP.at(end.subtract(days=1)) == cap
    assert CDDI_RENEWAL_CAP.at(end) is None
    assert CDDI_RENEWAL_CAP.at(end.add(days=1)) is None


@pytest.mark.parametrize(
    ("sk", "day", "required"),
    [
        ("AI", D(2021, 11, 30), False),
        ("AI", D(2021, 12, 1), True),
        ("AI", D(2021, 12, 2), True),
        ("EITI", D(2021, 8, 31), False),
        ("EITI", D(2021, 9, 1), True),
        ("EITI", D(2021, 9, 2), True),
        ("ACI", D(2015, 1, 1), True),
    ],
)
def test_approval_required_by_kind_and_date(sk, day, required):
    assert APPROVAL_REQUIRED[StructureKind(sk)].at(day) is required
    assert params.get("contract.approval_required").at(day)[sk] is required


# --- values carried, English messages ---------------------------------------------------


def test_min_duration_carries_its_values_and_speaks_english():
    contract = cddi(D(2025, 10, 31), D(2026, 2, 27))
    f = only(check_contract(contract, on=D(2025, 10, 31)), "contract.min_duration")
    assert f.variant == "default"
    assert dict(f.params) == {
        "min_months": 4,
        "start": D(2025, 10, 31),
        "earliest_end": D(2026, 2, 28),
        "end": D(2026, 2, 27),
    }
    assert f.message == (
        "Un CDDI doit être conclu pour 4 mois au moins : du 31/10/2025, il devrait finir au "
        "plus tôt le 28/02/2026 (fin prévue le 27/02/2026)."
    )
    en = only(I.check(contract, on=D(2025, 10, 31), lang="en"), "contract.min_duration")
    assert en.message == (
        "A CDDI must be concluded for at least 4 months: from 31 October 2025, it should end "
        "on 28 February 2026 at the earliest (planned end 27 February 2026)."
    )
    assert en.params == f.params
    assert en.reference == f.reference


def test_hours_keep_a_plain_space_and_a_decimal_comma():
    contract = cddi(D(2025, 1, 6), D(2025, 12, 31), weekly_hours=17.5)
    f = only(check_contract(contract, on=D(2025, 2, 1)), "contract.weekly_hours_min")
    assert f.message == (
        "Durée hebdomadaire de 17,5 h, sous le minimum de 20 heures, sans dérogation en "
        "vigueur le 06/01/2025."
    )
    assert f.params["min_hours"] == 20
    assert f.in_language("en").message == (
        "Weekly hours of 17.5 h, below the minimum of 20 hours, with no derogation in force "
        "on 6 January 2025."
    )


def test_mission_renewals_warning_no_longer_says_a_reading_is_unsure():
    contract = Contract(
        kind="MISSION",
        structure_kind="ETTI",
        start=D(2025, 1, 6),
        end=D(2025, 2, 6),
        weekly_hours=20,
        renewals=[Renewal(end=D(2025, m, 6)) for m in (3, 4, 5)],
    )
    f = only(check_contract(contract, on=D(2025, 1, 6)), "mission.max_duration")
    assert f.severity is I.Severity.WARNING
    assert f.message == "Sauf accord de branche, une mission n'est renouvelable que 2 fois."
    assert f.params == {"max_renewals": 2}
    assert f.in_language("en").message == (
        "Unless a branch agreement allows more, a mission may be renewed only 2 times."
    )


def test_cdi_inclusion_share_carries_fte_and_percent():
    structure = I.Structure(
        siret=HOST, name="EI test", department="75", kind="EI", conventioned_fte=4
    )
    contracts = [
        Contract(
            kind="CDI_INCLUSION",
            structure_kind="EI",
            start=D(2024, 1, 1),
            end=None,
            weekly_hours=35,
        )
        for _ in range(2)
    ]
    on = D(2025, 1, 1)
    (f,) = I.check(structure, on=on, contracts=contracts)
    assert f.message == (
        "Le 01/01/2025, 2 ETP en CDI inclusion pour 4 ETP conventionnés : plus de 20 % "
        "(0,8 ETP au plus)."
    )
    assert f.params["percent"] == 20
    assert f.params["max_fte"] == pytest.approx(0.8)
    (en,) = I.check(structure, on=on, contracts=contracts, lang="en")
    assert en.message == (
        "On 1 January 2025, 2 FTE on CDI inclusion for 4 conventioned FTE: more than 20% "
        "(0.8 FTE at most)."
    )


def test_same_host_finding_is_public_and_bilingual():
    immersions = [
        Immersion(start=D(2025, 1, 6), end=D(2025, 1, 10), host_siret=HOST),
        Immersion(start=D(2025, 3, 3), end=D(2025, 3, 7), host_siret=HOST),
        Immersion(start=D(2025, 5, 5), end=D(2025, 5, 9), host_siret=HOST),
    ]
    (excess,) = immersions_excess(list(enumerate(immersions)))
    f = same_host_finding(HOST, excess, "immersions[2]")
    assert f.code == PMSMP_SAME_HOST.code
    assert f.path == "immersions[2]"
    assert f.params["max_agreements"] == 2
    assert f.params["count"] == 3
    assert f.message == (
        f"Plus de 2 conventions de PMSMP avec la même structure d'accueil ({HOST}) sur 12 mois "
        "consécutifs : 3 conventions du 06/01/2025 au 05/01/2026."
    )
    assert f.in_language("en").message == (
        f"More than 2 PMSMP agreements with the same host ({HOST}) over 12 consecutive months: "
        "3 agreements from 6 January 2025 to 5 January 2026."
    )


def test_every_variant_renders_in_both_languages_from_its_values():
    """A contract breaking many rules: each finding renders again in English and French."""
    contract = Contract(
        kind="CDDI",
        structure_kind="EI",
        start=D(2025, 1, 31),
        end=D(2025, 3, 31),
        weekly_hours=50,
        trial_period_days=20,
        renewals=[Renewal(end=D(2028, 3, 31), ground="PARTICULAR_DIFFICULTIES")],
        derogations=[
            HoursDerogation(kind="CUMUL", start=D(2025, 2, 1), end=D(2025, 12, 31)),
            HoursDerogation(kind="SEVERE_DIFFICULTIES", start=D(2025, 2, 1), end=D(2026, 6, 30)),
        ],
        immersions=[Immersion(start=D(2025, 2, 3), end=D(2025, 3, 20), host_siret=HOST)],
    )
    report = check_contract(contract, on=D(2025, 2, 1))
    assert len(report) >= 8
    for f in report:
        assert f.variant, f.code
        again = f.in_language("en").in_language("fr")
        assert again.message == f.message
        en = f.in_language("en").message
        assert en != f.message, en
        assert " le " not in en, en
