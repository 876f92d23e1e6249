"""Contract rules: every limit on both sides, per structure kind (rules.md, *Contract rules*)."""

import attrs
import pendulum
import pytest

import iae_core as I
from iae_core.checks import rules
from iae_core.contracts import PrefectWaiver, check_cdi_inclusion_share, check_contract

D = pendulum.date
START = D(2024, 1, 15)  # 4 months -> 2024-05-14; 24 months -> 2026-01-14
LIMIT_24 = D(2026, 1, 14)
ON = D(2024, 3, 1)
CDDI_KINDS = ["EI", "AI", "ACI"]
SIAE = ["ACI", "AI", "EI", "ETTI", "EITI"]
HOST_A = "73282932000074"
HOST_B = "55208131766522"
HOST_C = "44306184100047"
HOST_D = "35600000000048"
HOST_E = "38012986645235"


DEFAULT_END = D(2024, 12, 31)
BORN = D(1980, 1, 1)


def contract(kind="CDDI", sk="ACI", start=START, end=DEFAULT_END, hours=26.0, **kw):
    return I.Contract(kind=kind, structure_kind=sk, start=start, end=end, weekly_hours=hours, **kw)


def found(c, code, on=ON, **ctx):
    """The findings of ``code`` for ``c``."""
    return [f for f in I.check(c, on=on, **ctx) if f.code == code]


def fires(c, code, on=ON, **ctx):
    return bool(found(c, code, on=on, **ctx))


def person(birth=BORN, **kw):
    return I.Person(id="p", birth_date=birth, **kw)


# --- catalogue ------------------------------------------------------------------------------

CODES = {
    "contract.kind_not_allowed",
    "contract.min_duration",
    "contract.max_duration",
    "contract.extension_not_allowed",
    "contract.extension_too_long",
    "contract.weekly_hours_min",
    "contract.weekly_hours_max",
    "contract.derogation_invalid",
    "contract.trial_period",
    "mission.max_duration",
    "placement.hours_cap",
    "cdi_inclusion.age",
    "cdi_inclusion.too_early",
    "cdi_inclusion.share",
    "pmsmp.duration",
    "pmsmp.same_host",
    "pmsmp.share",
    "contract.no_approval",
    "contract.outside_approval",
}


def test_every_contract_code_is_registered_with_reference_and_french_title():
    catalogue = {r.code: r for r in rules()}
    assert set(catalogue) >= CODES
    for code in CODES:
        r = catalogue[code]
        assert r.reference, code
        assert r.title, code
        assert r.description, code


def test_check_contract_is_the_registered_checker():
    c = contract(end=D(2024, 3, 1))
    assert I.check(c, on=ON) == check_contract(c, on=ON)


# --- contract.kind_not_allowed -------------------------------------------------------------

ALLOWED = {  # rules.md, Structure kinds (written out again: the test must be able to fail)
    "ACI": {"CDDI", "CDI_INCLUSION", "PROFESSIONALISATION", "OTHER"},
    "EI": {"CDDI", "CDI_INCLUSION", "PROFESSIONALISATION", "OTHER"},
    "AI": {"CDDI", "CDD_USAGE", "CDI_INCLUSION", "PROFESSIONALISATION"},  # outside the aid
    "ETTI": {"MISSION", "CDI_INCLUSION"},
    "EITI": {"COMMERCIAL"},
}


@pytest.mark.parametrize("sk", SIAE)
@pytest.mark.parametrize("kind", [k.value for k in I.ContractKind])
def test_kind_not_allowed_table(sk, kind):
    c = contract(kind=kind, sk=sk, end=D(2024, 12, 31))
    got = found(c, "contract.kind_not_allowed")
    outside_aid = sk == "AI" and kind == "PROFESSIONALISATION"
    assert bool(got) == (kind not in ALLOWED[sk] or outside_aid)
    if got:
        assert got[0].path == "kind"
        expected = I.Severity.WARNING if outside_aid else I.Severity.ERROR
        assert got[0].severity is expected


@pytest.mark.parametrize("sk", [*SIAE, "GEIQ", "EA", "EATT", "OPCS"])
@pytest.mark.parametrize("kind", [k.value for k in I.ContractKind])
def test_outside_aid_only_for_an_ai_professionalisation_contract(sk, kind):
    c = contract(kind=kind, sk=sk, end=D(2024, 12, 31))
    warnings = [f for f in found(c, "contract.kind_not_allowed") if f.severity.value == "warning"]
    assert bool(warnings) == (sk == "AI" and kind == "PROFESSIONALISATION")
    if warnings:
        (f,) = found(c, "contract.kind_not_allowed")
        assert f.path == "kind"
        assert "hors aide au poste" in f.message
        assert "5 mai 2022" in f.reference


def test_ai_professionalisation_contract_is_ok_but_other_ai_kinds_stay_errors():
    prof = contract(kind="PROFESSIONALISATION", sk="AI", end=D(2024, 12, 31))
    report = I.check(prof, on=ON)
    assert report.ok
    assert report.warnings.codes == {"contract.kind_not_allowed"}
    for kind in ("OTHER", "MISSION", "COMMERCIAL"):
        (f,) = found(contract(kind=kind, sk="AI"), "contract.kind_not_allowed")
        assert f.severity is I.Severity.ERROR
    # the ACI and EI professionalisation contracts are in rules.md's table: no warning
    for sk in ("ACI", "EI"):
        assert not I.check(contract(kind="PROFESSIONALISATION", sk=sk), on=ON)


def test_outside_aid_in_the_catalogue_as_a_warning():
    rule = {r.code: r for r in rules()}["contract.kind_not_allowed"]
    assert rule.severity is I.Severity.ERROR  # the default; AI professionalisation: warning
    assert "warning" in rule.description
    assert "contract.outside_aid" not in {r.code for r in rules()}


@pytest.mark.parametrize("sk", ["GEIQ", "EA", "EATT", "OPCS"])
def test_iae_specific_contracts_not_allowed_outside_siae(sk):
    for kind in ("CDDI", "CDI_INCLUSION", "COMMERCIAL", "CDD_USAGE"):
        assert fires(contract(kind=kind, sk=sk), "contract.kind_not_allowed")
    assert not fires(contract(kind="OTHER", sk=sk), "contract.kind_not_allowed")


# --- contract.min_duration -----------------------------------------------------------------


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    ("end", "expected"),
    [(D(2024, 5, 13), True), (D(2024, 5, 14), False), (D(2024, 5, 15), False)],
)
def test_min_duration_limit(sk, end, expected):
    got = found(contract(sk=sk, end=end), "contract.min_duration")
    assert bool(got) == expected
    if got:
        assert got[0].path == "end"
        assert got[0].severity is I.Severity.ERROR
        assert "14/05/2024" in got[0].message


def test_min_duration_clamps_month_ends():
    # 2024-01-31 + 4 months = 2024-05-31 -> last day 2024-05-30
    assert fires(contract(start=D(2024, 1, 31), end=D(2024, 5, 29)), "contract.min_duration")
    assert not fires(contract(start=D(2024, 1, 31), end=D(2024, 5, 30)), "contract.min_duration")


@pytest.mark.parametrize("sk", CDDI_KINDS)
def test_min_duration_justice_measure_exception(sk):
    short = contract(sk=sk, end=D(2024, 2, 15))
    assert fires(short, "contract.min_duration")
    assert fires(short, "contract.min_duration", person=person())
    assert not fires(short, "contract.min_duration", person=person(under_justice_measure=True))


@pytest.mark.parametrize(
    ("kind", "sk"),
    [
        ("MISSION", "ETTI"),
        ("CDD_USAGE", "AI"),
        ("OTHER", "EI"),
        ("COMMERCIAL", "EITI"),
        ("CDDI", "ETTI"),
        ("CDDI", "GEIQ"),
    ],
)
def test_min_duration_not_for_other_contracts(kind, sk):
    assert not fires(contract(kind=kind, sk=sk, end=D(2024, 1, 20)), "contract.min_duration")


def test_renewals_do_not_cure_a_short_initial_contract():
    c = contract(end=D(2024, 3, 1), renewals=[I.Renewal(end=D(2024, 12, 1))])
    assert fires(c, "contract.min_duration")


# --- contract.max_duration -----------------------------------------------------------------


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    ("last", "expected"),
    [(D(2026, 1, 13), False), (LIMIT_24, False), (D(2026, 1, 15), True)],
)
def test_max_duration_limit_on_renewal(sk, last, expected):
    c = contract(sk=sk, renewals=[I.Renewal(end=D(2025, 6, 1)), I.Renewal(end=last)])
    got = found(c, "contract.max_duration")
    assert bool(got) == expected
    if got:
        assert got[0].path == "renewals[1].end"
        assert got[0].severity is I.Severity.ERROR


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    ("end", "expected"),
    [(D(2026, 1, 13), False), (LIMIT_24, False), (D(2026, 1, 15), True)],
)
def test_max_duration_limit_on_initial_contract(sk, end, expected):
    got = found(contract(sk=sk, end=end), "contract.max_duration")
    assert bool(got) == expected
    assert not got or got[0].path == "end"


def test_max_duration_no_cap_on_renewal_count_since_2021_06_15():
    ends = [D(2024, 6, 1), D(2024, 9, 1), D(2025, 1, 1), D(2025, 6, 1), D(2025, 12, 1)]
    c = contract(end=D(2024, 5, 14), renewals=[I.Renewal(end=e) for e in ends])
    assert not found(c, "contract.max_duration")


@pytest.mark.parametrize(
    ("start", "renewals", "warned"),
    [
        (D(2021, 6, 14), 2, False),
        (D(2021, 6, 14), 3, True),
        (D(2021, 6, 15), 3, False),
        (D(2021, 6, 16), 3, False),
    ],
)
@pytest.mark.parametrize("sk", CDDI_KINDS)
def test_max_duration_pre_2021_renewal_cap_is_a_warning(sk, start, renewals, warned):
    c = contract(
        sk=sk,
        start=start,
        end=start.add(months=4),
        renewals=[I.Renewal(end=start.add(months=5 + k)) for k in range(renewals)],
    )
    got = found(c, "contract.max_duration")
    assert bool(got) == warned
    if got:
        assert [f.severity for f in got] == [I.Severity.WARNING]
        assert got[0].path == f"renewals[{renewals - 1}]"


@pytest.mark.parametrize("kind", ["CDD_USAGE", "CDI_INCLUSION"])
def test_max_duration_not_for_other_ai_contracts(kind):
    c = contract(kind=kind, sk="AI", end=D(2027, 1, 1), renewals=[I.Renewal(end=D(2028, 1, 1))])
    assert not fires(c, "contract.max_duration")


def test_max_duration_not_raised_for_admissible_extension():
    c = contract(
        renewals=[I.Renewal(end=D(2026, 6, 1), ground="TRAINING", training_end=D(2026, 6, 30))]
    )
    assert not I.check(c, on=ON).errors


# --- contract.extension_not_allowed ------------------------------------------------------


def _extended(sk="ACI", **renewal):
    return contract(sk=sk, renewals=[I.Renewal(end=LIMIT_24), I.Renewal(**renewal)])


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    ("training_end", "expected"),
    [(D(2026, 5, 31), True), (D(2026, 6, 1), False), (D(2026, 6, 2), False), (None, True)],
)
def test_training_extension_cannot_outlast_the_training(sk, training_end, expected):
    c = _extended(sk, end=D(2026, 6, 1), ground="TRAINING", training_end=training_end)
    got = found(c, "contract.extension_not_allowed")
    assert bool(got) == expected
    if got:
        assert got[0].path in {"renewals[1].end", "renewals[1].training_end"}


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    # the extension starts on 2026-01-15; 50 on that day means born on or before 1976-01-15
    ("birth", "expected"),
    [(D(1976, 1, 14), False), (D(1976, 1, 15), False), (D(1976, 1, 16), True)],
)
def test_age_50_extension(sk, birth, expected):
    c = _extended(sk, end=D(2026, 6, 1), ground="AGE_50")
    got = found(c, "contract.extension_not_allowed", person=person(birth))
    assert bool(got) == expected
    assert not got or got[0].path == "renewals[1].ground"


@pytest.mark.parametrize("sk", CDDI_KINDS)
def test_rqth_extension(sk):
    c = _extended(sk, end=D(2026, 6, 1), ground="RQTH")
    assert fires(c, "contract.extension_not_allowed", person=person(rqth=False))
    assert not fires(c, "contract.extension_not_allowed", person=person(rqth=True))
    assert not fires(c, "contract.extension_not_allowed")  # person unknown: not checked


@pytest.mark.parametrize(("sk", "expected"), [("ACI", False), ("AI", False), ("EI", True)])
def test_particular_difficulties_only_in_aci_and_ai(sk, expected):
    c = _extended(sk, end=D(2026, 6, 1), ground="PARTICULAR_DIFFICULTIES")
    assert fires(c, "contract.extension_not_allowed") == expected


def test_ground_on_a_renewal_within_24_months_is_irrelevant():
    c = contract(sk="EI", renewals=[I.Renewal(end=D(2025, 6, 1), ground="PARTICULAR_DIFFICULTIES")])
    assert not I.check(c, on=ON)


def test_extension_crossing_24_months_counts_from_the_limit():
    # previous end before the limit: the 50+ age is checked on the day after the limit
    c = contract(sk="EI", renewals=[I.Renewal(end=D(2026, 6, 1), ground="AGE_50")])
    assert fires(c, "contract.extension_not_allowed", person=person(D(1976, 1, 16)))
    assert not fires(c, "contract.extension_not_allowed", person=person(D(1976, 1, 15)))


# --- contract.extension_too_long ---------------------------------------------------------


@pytest.mark.parametrize("sk", ["ACI", "AI"])
@pytest.mark.parametrize(
    # from 2026-01-15, 12 months end on 2027-01-14
    ("end", "expected"),
    [(D(2027, 1, 13), False), (D(2027, 1, 14), False), (D(2027, 1, 15), True)],
)
def test_particular_difficulties_each_at_most_12_months(sk, end, expected):
    c = _extended(sk, end=end, ground="PARTICULAR_DIFFICULTIES")
    got = found(c, "contract.extension_too_long")
    assert bool(got) == expected
    assert not got or got[0].path == "renewals[1].end"


@pytest.mark.parametrize("sk", ["ACI", "AI"])
@pytest.mark.parametrize(
    # 60 months from 2024-01-15 end on 2029-01-14
    ("end", "expected"),
    [(D(2029, 1, 13), False), (D(2029, 1, 14), False), (D(2029, 1, 15), True)],
)
def test_particular_difficulties_at_most_60_months(sk, end, expected):
    pd = "PARTICULAR_DIFFICULTIES"
    c = contract(
        sk=sk,
        renewals=[
            I.Renewal(end=LIMIT_24),
            I.Renewal(end=D(2026, 12, 31), ground=pd),
            I.Renewal(end=D(2027, 12, 31), ground=pd),
            I.Renewal(end=D(2028, 6, 30), ground=pd),
            I.Renewal(end=end, ground=pd),
        ],
    )
    got = found(c, "contract.extension_too_long")
    assert bool(got) == expected
    assert [f.path for f in got] == (["renewals[4].end"] if expected else [])


def test_extension_too_long_not_for_other_grounds_or_kinds():
    long_ = D(2030, 1, 1)
    for ground in ("AGE_50", "RQTH"):
        c = _extended("EI", end=long_, ground=ground)
        assert not fires(c, "contract.extension_too_long", person=person(D(1960, 1, 1), rqth=True))
    c = _extended("EI", end=long_, ground="PARTICULAR_DIFFICULTIES")
    assert not fires(c, "contract.extension_too_long")  # not allowed at all in EI instead
    assert fires(c, "contract.extension_not_allowed")


# --- contract.weekly_hours_min / max --------------------------------------------------------


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    ("hours", "expected"), [(19, True), (19.99, True), (20, False), (21, False)]
)
def test_weekly_hours_min(sk, hours, expected):
    got = found(contract(sk=sk, hours=hours), "contract.weekly_hours_min")
    assert bool(got) == expected
    assert not got or got[0].path == "weekly_hours"


@pytest.mark.parametrize(
    ("kind", "sk"),
    [
        ("MISSION", "ETTI"),
        ("CDD_USAGE", "AI"),
        ("CDI_INCLUSION", "EI"),
        ("COMMERCIAL", "EITI"),
        ("OTHER", "ACI"),
    ],
)
def test_weekly_hours_min_not_for_other_contracts(kind, sk):
    assert not fires(contract(kind=kind, sk=sk, hours=5), "contract.weekly_hours_min")


@pytest.mark.parametrize(
    # derogation from the start to 2024-06-30; the check on `on` needs every day until then
    ("on", "expected"),
    [(D(2024, 6, 29), False), (D(2024, 6, 30), False), (D(2024, 7, 1), True)],
)
def test_weekly_hours_min_derogation_in_force(on, expected):
    c = contract(
        sk="ACI",
        hours=15,
        derogations=[
            I.HoursDerogation(kind="SEVERE_DIFFICULTIES", start=START, end=D(2024, 6, 30))
        ],
    )
    got = found(c, "contract.weekly_hours_min", on=on)
    assert bool(got) == expected
    if got:
        assert "01/07/2024" in got[0].message


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    # a cumul derogation (parcours begun 2023-01-01) from the start to 2024-06-30
    ("on", "expected"),
    [(D(2024, 6, 29), False), (D(2024, 6, 30), False), (D(2024, 7, 1), True)],
)
def test_weekly_hours_min_cumul_derogation_in_force(sk, on, expected):
    c = contract(sk=sk, hours=15, derogations=[_cumul(START, D(2024, 6, 30))])
    assert fires(c, "contract.weekly_hours_min", on=on, parcours_start=D(2023, 1, 1)) == expected
    assert not fires(c, "contract.derogation_invalid", on=on, parcours_start=D(2023, 1, 1))


def test_weekly_hours_min_gap_between_derogations_and_start_day():
    sev = "SEVERE_DIFFICULTIES"
    late = contract(
        hours=15,
        derogations=[I.HoursDerogation(kind=sev, start=D(2024, 1, 16), end=D(2024, 12, 31))],
    )
    assert fires(late, "contract.weekly_hours_min", on=START)
    chained = contract(
        hours=15,
        derogations=[
            I.HoursDerogation(kind=sev, start=D(2024, 7, 1), end=D(2024, 12, 31)),
            I.HoursDerogation(kind=sev, start=START, end=D(2024, 6, 30)),
        ],
    )
    assert not fires(chained, "contract.weekly_hours_min", on=D(2025, 6, 1))  # final end caps
    gap = contract(
        hours=15,
        derogations=[
            I.HoursDerogation(kind=sev, start=D(2024, 7, 2), end=D(2024, 12, 31)),
            I.HoursDerogation(kind=sev, start=START, end=D(2024, 6, 30)),
        ],
    )
    assert fires(gap, "contract.weekly_hours_min", on=D(2024, 7, 1))
    assert not fires(gap, "contract.weekly_hours_min", on=D(2024, 6, 30))


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    ("hours", "expected"), [(34, False), (35, False), (35.5, True), (36, True)]
)
def test_weekly_hours_max_cddi(sk, hours, expected):
    got = found(contract(sk=sk, hours=hours), "contract.weekly_hours_max")
    assert bool(got) == expected
    assert not got or got[0].path == "weekly_hours"


@pytest.mark.parametrize(
    ("kind", "sk"),
    [
        ("MISSION", "ETTI"),
        ("CDD_USAGE", "AI"),
        ("CDI_INCLUSION", "EI"),
        ("CDI_INCLUSION", "ETTI"),
        ("OTHER", "ACI"),
        ("OTHER", "GEIQ"),
    ],
)
@pytest.mark.parametrize(("hours", "expected"), [(36, False), (47, False), (48, False), (49, True)])
def test_weekly_hours_max_48_for_any_employment_contract(kind, sk, hours, expected):
    got = found(contract(kind=kind, sk=sk, hours=hours), "contract.weekly_hours_max")
    assert bool(got) == expected
    if got:
        assert got[0].reference.endswith("L3121-20")


def test_weekly_hours_max_not_for_eiti_commercial_contract():
    assert not fires(contract(kind="COMMERCIAL", sk="EITI", hours=60), "contract.weekly_hours_max")


# --- contract.derogation_invalid ---------------------------------------------------------


def _cumul(start, end, other=None):
    return I.HoursDerogation(kind="CUMUL", start=start, end=end, other_employer_kind=other)


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    # parcours from 2024-01-15: a cumul derogation may start on 2024-05-15
    ("start", "expected"),
    [(D(2024, 5, 14), True), (D(2024, 5, 15), False), (D(2024, 5, 16), False)],
)
def test_cumul_starts_4_months_into_the_parcours(sk, start, expected):
    c = contract(sk=sk, derogations=[_cumul(start, D(2024, 10, 31))])
    got = found(c, "contract.derogation_invalid", parcours_start=START)
    assert bool(got) == expected
    assert not got or got[0].path == "derogations[0].start"


def test_cumul_parcours_start_defaults():
    c = contract(start=D(2024, 3, 1), derogations=[_cumul(D(2024, 6, 1), D(2024, 10, 31))])
    assert fires(c, "contract.derogation_invalid")  # parcours = contract start 2024-03-01
    approval = I.Approval(number="999990000001", start=D(2024, 1, 15))
    assert not fires(c, "contract.derogation_invalid", approval=approval)  # PASS start earlier


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    # from 2024-06-01, 6 months end on 2024-11-30
    ("end", "expected"),
    [(D(2024, 11, 29), False), (D(2024, 11, 30), False), (D(2024, 12, 1), True)],
)
def test_cumul_at_most_6_months(sk, end, expected):
    c = contract(sk=sk, derogations=[_cumul(D(2024, 6, 1), end)])
    got = found(c, "contract.derogation_invalid", parcours_start=START)
    assert bool(got) == expected
    assert not got or got[0].path == "derogations[0].end"


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(("count", "expected"), [(1, False), (2, False), (3, True)])
def test_cumul_renewed_at_most_once(sk, count, expected):
    spans = [
        (D(2024, 6, 1), D(2024, 11, 30)),
        (D(2024, 12, 1), D(2025, 5, 31)),
        (D(2025, 6, 1), D(2025, 11, 30)),
    ]
    c = contract(
        sk=sk, end=D(2025, 12, 31), derogations=[_cumul(*s) for s in reversed(spans[:count])]
    )
    got = found(c, "contract.derogation_invalid", parcours_start=START)
    assert bool(got) == expected
    assert not got or got[0].path == "derogations[0]"  # the latest, listed first


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (None, False),
        ("GEIQ", False),
        ("OPCS", False),
        ("EA", True),
        ("EATT", True),
        ("ACI", True),
        ("AI", True),
        ("EI", True),
        ("ETTI", True),
        ("EITI", True),
    ],
)
def test_cumul_other_job_not_in_siae_or_ea(other, expected):
    c = contract(derogations=[_cumul(D(2024, 6, 1), D(2024, 11, 30), other)])
    got = found(c, "contract.derogation_invalid", parcours_start=START)
    assert bool(got) == expected
    assert not got or got[0].path == "derogations[0].other_employer_kind"


@pytest.mark.parametrize(("sk", "expected"), [("ACI", False), ("EI", True), ("AI", True)])
def test_severe_difficulties_aci_only(sk, expected):
    d = I.HoursDerogation(kind="SEVERE_DIFFICULTIES", start=START, end=D(2024, 6, 1))
    got = found(contract(sk=sk, derogations=[d]), "contract.derogation_invalid")
    assert bool(got) == expected
    assert not got or got[0].path == "derogations[0].kind"


@pytest.mark.parametrize(
    ("end", "expected"),
    [(D(2025, 1, 13), False), (D(2025, 1, 14), False), (D(2025, 1, 15), True)],
)
def test_severe_difficulties_at_most_12_months(end, expected):
    d = I.HoursDerogation(kind="SEVERE_DIFFICULTIES", start=START, end=end)
    got = found(contract(sk="ACI", derogations=[d]), "contract.derogation_invalid")
    assert bool(got) == expected


def test_derogations_not_checked_outside_cddi():
    bad = [_cumul(D(2024, 1, 15), D(2025, 6, 1), "EA")]
    for kind, sk in [("MISSION", "ETTI"), ("CDD_USAGE", "AI"), ("OTHER", "EI")]:
        assert not fires(contract(kind=kind, sk=sk, derogations=bad), "contract.derogation_invalid")


# --- contract.trial_period ---------------------------------------------------------------


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    ("end", "trial", "expected"),
    [
        # up to 6 months (ends 2024-07-14): 26 weeks, capped at 14 days
        (D(2024, 7, 14), 13, False),
        (D(2024, 7, 14), 14, False),
        (D(2024, 7, 14), 15, True),
        # one day more than 6 months: 1 day a week -> 26 days
        (D(2024, 7, 15), 15, False),
        (D(2024, 7, 15), 26, False),
        (D(2024, 7, 15), 27, True),
        # 12 months: 52 weeks, capped at 1 month (2024-01-15 -> 2024-02-14: 31 days)
        (D(2025, 1, 14), 30, False),
        (D(2025, 1, 14), 31, False),
        (D(2025, 1, 14), 32, True),
    ],
)
def test_cddi_trial_period(sk, end, trial, expected):
    got = found(contract(sk=sk, end=end, trial_period_days=trial), "contract.trial_period")
    assert bool(got) == expected
    assert not got or (got[0].path, got[0].reference) == (
        "trial_period_days",
        "C. trav. art. L1242-10",
    )


def test_cddi_trial_period_one_day_per_whole_week():
    # 2024-01-15 -> 2024-03-10: 56 days, 8 weeks (a justice-measure short contract)
    c = contract(end=D(2024, 3, 10), trial_period_days=8)
    assert not fires(c, "contract.trial_period")
    assert fires(attrs.evolve(c, trial_period_days=9), "contract.trial_period")
    c = contract(end=D(2024, 3, 9), trial_period_days=8)  # 55 days: 7 whole weeks
    assert fires(c, "contract.trial_period")


@pytest.mark.parametrize(
    ("end", "trial", "expected"),
    [
        (D(2024, 2, 13), 2, False),  # under 1 month
        (D(2024, 2, 13), 3, True),
        (D(2024, 2, 14), 2, False),  # 1 month
        (D(2024, 2, 14), 3, True),
        (D(2024, 2, 15), 3, False),  # more than 1 month
        (D(2024, 2, 15), 4, True),
        (D(2024, 3, 13), 3, False),  # under 2 months
        (D(2024, 3, 13), 4, True),
        (D(2024, 3, 14), 3, False),  # 2 months
        (D(2024, 3, 14), 4, True),
        (D(2024, 3, 15), 5, False),  # more than 2 months
        (D(2024, 3, 15), 6, True),
    ],
)
def test_mission_trial_period(end, trial, expected):
    c = contract(kind="MISSION", sk="ETTI", end=end, trial_period_days=trial)
    got = found(c, "contract.trial_period")
    assert bool(got) == expected
    assert not got or got[0].reference == "C. trav. art. L1251-14"


@pytest.mark.parametrize(
    ("kind", "sk"),
    [("CDD_USAGE", "AI"), ("CDI_INCLUSION", "ACI"), ("COMMERCIAL", "EITI"), ("MISSION", "EATT")],
)
def test_trial_period_not_for_other_contracts(kind, sk):
    assert not fires(contract(kind=kind, sk=sk, trial_period_days=60), "contract.trial_period")


# --- mission.max_duration ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "expected"), [(D(2026, 1, 13), False), (LIMIT_24, False), (D(2026, 1, 15), True)]
)
def test_mission_max_24_months(last, expected):
    c = contract(kind="MISSION", sk="ETTI", end=D(2024, 6, 1), renewals=[I.Renewal(end=last)])
    got = found(c, "mission.max_duration")
    assert bool(got) == expected
    assert not got or got[0].path == "renewals[0].end"
    initial = contract(kind="MISSION", sk="ETTI", end=last)
    assert fires(initial, "mission.max_duration") == expected


@pytest.mark.parametrize(
    ("last", "expected"),
    [(D(2027, 1, 13), False), (D(2027, 1, 14), False), (D(2027, 1, 15), True)],
)
def test_mission_max_36_months_inside_cdi_inclusion(last, expected):
    c = contract(kind="MISSION", sk="ETTI", end=last)
    assert fires(c, "mission.max_duration", in_cdi_inclusion=True) == expected
    assert fires(c, "mission.max_duration")  # 24 months otherwise


@pytest.mark.parametrize(("count", "warned"), [(1, False), (2, False), (3, True)])
def test_mission_renewals_reading(count, warned):
    c = contract(
        kind="MISSION",
        sk="ETTI",
        end=D(2024, 3, 1),
        renewals=[I.Renewal(end=D(2024, 4 + k, 1)) for k in range(count)],
    )
    got = found(c, "mission.max_duration")
    assert bool(got) == warned
    assert all(f.severity is I.Severity.WARNING for f in got)


@pytest.mark.parametrize(
    ("kind", "sk"), [("MISSION", "EATT"), ("CDDI", "ACI"), ("CDD_USAGE", "AI")]
)
def test_mission_rule_only_for_etti_missions(kind, sk):
    assert not fires(contract(kind=kind, sk=sk, end=D(2027, 6, 1)), "mission.max_duration")


# --- placement.hours_cap -------------------------------------------------------------------


def _placement(start, hours, host="EMPLOYER", days=10):
    return I.Placement(start=start, end=start.add(days=days), hours=hours, host=host)


@pytest.mark.parametrize(
    ("second", "expected"), [(239, False), (240, False), (241, True), (240.5, True)]
)
def test_placement_cap_480_hours(second, expected):
    c = contract(
        kind="CDD_USAGE",
        sk="AI",
        end=D(2025, 12, 31),
        placements=[_placement(D(2024, 9, 1), second), _placement(START, 240)],
    )
    got = found(c, "placement.hours_cap")
    assert bool(got) == expected
    assert not got or got[0].path == "placements[0].hours"


@pytest.mark.parametrize(
    # window of the first placement (2024-01-15): until 2026-01-14
    ("start", "expected"),
    [(D(2026, 1, 13), True), (LIMIT_24, True), (D(2026, 1, 15), False)],
)
def test_placement_cap_window_of_24_months(start, expected):
    c = contract(
        kind="CDDI",
        sk="AI",
        end=D(2026, 3, 1),
        placements=[_placement(START, 400), _placement(start, 100)],
    )
    assert fires(c, "placement.hours_cap") == expected


def test_placement_cap_new_window_from_next_placement():
    # windows: 2024-01-15..2026-01-14, then from 2026-03-01 (not from 2026-01-15)
    ps = [_placement(START, 400), _placement(D(2026, 3, 1), 400), _placement(D(2028, 2, 28), 100)]
    c = contract(kind="CDD_USAGE", sk="AI", end=D(2028, 6, 1), placements=ps)
    got = found(c, "placement.hours_cap")
    assert [f.path for f in got] == ["placements[2].hours"]
    ps[2] = _placement(D(2028, 3, 1), 100)
    assert not fires(
        contract(kind="CDD_USAGE", sk="AI", end=D(2028, 6, 1), placements=ps), "placement.hours_cap"
    )


@pytest.mark.parametrize("host", ["PRIVATE_INDIVIDUAL", "NON_PROFIT"])
def test_placement_cap_other_hosts_do_not_count(host):
    c = contract(
        kind="CDD_USAGE",
        sk="AI",
        placements=[_placement(START, 480), _placement(D(2024, 3, 1), 900, host)],
    )
    assert not fires(c, "placement.hours_cap")


@pytest.mark.parametrize(
    ("waiver_end", "expected"),
    [(D(2024, 8, 31), True), (D(2024, 9, 1), False), (D(2024, 9, 2), False)],
)
def test_placement_cap_prefect_waiver(waiver_end, expected):
    c = contract(
        kind="CDD_USAGE",
        sk="AI",
        placements=[_placement(START, 400), _placement(D(2024, 9, 1), 100)],
    )
    waiver = PrefectWaiver(start=D(2024, 1, 1), end=waiver_end)
    assert fires(c, "placement.hours_cap", prefect_waiver=waiver) == expected
    assert fires(c, "placement.hours_cap", prefect_waiver=[waiver]) == expected


@pytest.mark.parametrize(
    # the waiver must be in force on the start of the placement that passes 480 h (2024-09-01)
    ("waiver_start", "expected"),
    [(D(2024, 8, 31), False), (D(2024, 9, 1), False), (D(2024, 9, 2), True)],
)
def test_placement_cap_prefect_waiver_start(waiver_start, expected):
    c = contract(
        kind="CDD_USAGE",
        sk="AI",
        placements=[_placement(START, 400), _placement(D(2024, 9, 1), 100)],
    )
    waiver = PrefectWaiver(start=waiver_start, end=D(2027, 1, 1))
    assert fires(c, "placement.hours_cap", prefect_waiver=waiver) == expected


@pytest.mark.parametrize(
    ("kind", "sk"), [("CDDI", "ACI"), ("CDDI", "EI"), ("MISSION", "ETTI"), ("COMMERCIAL", "EITI")]
)
def test_placement_cap_only_in_ai(kind, sk):
    c = contract(kind=kind, sk=sk, placements=[_placement(START, 1000)])
    assert not fires(c, "placement.hours_cap")


# --- cdi_inclusion.age / too_early ---------------------------------------------------------


def _cdi(sk="EI", start=START, **kw):
    return contract(kind="CDI_INCLUSION", sk=sk, start=start, end=None, hours=35, **kw)


@pytest.mark.parametrize("sk", ["EI", "AI", "ACI", "ETTI"])
@pytest.mark.parametrize(
    ("birth", "expected"),
    [(D(1967, 1, 14), False), (D(1967, 1, 15), False), (D(1967, 1, 16), True)],
)
def test_cdi_inclusion_age_57(sk, birth, expected):
    got = found(_cdi(sk), "cdi_inclusion.age", person=person(birth))
    assert bool(got) == expected


def test_cdi_inclusion_age_needs_a_person_and_a_cdi_inclusion():
    assert not fires(_cdi(), "cdi_inclusion.age")
    young = person(D(2000, 1, 1))
    assert not fires(contract(), "cdi_inclusion.age", person=young)
    assert not fires(_cdi("EITI"), "cdi_inclusion.age", person=young)
    assert fires(_cdi("EITI"), "contract.kind_not_allowed")


@pytest.mark.parametrize("sk", ["EI", "AI", "ACI", "ETTI"])
@pytest.mark.parametrize(
    # parcours from 2023-01-15: CDI inclusion from 2024-01-15
    ("start", "expected"),
    [(D(2024, 1, 14), True), (D(2024, 1, 15), False), (D(2024, 1, 16), False)],
)
def test_cdi_inclusion_12_months_into_the_parcours(sk, start, expected):
    got = found(_cdi(sk, start), "cdi_inclusion.too_early", parcours_start=D(2023, 1, 15))
    assert bool(got) == expected
    assert not got or got[0].path == "start"


def test_cdi_inclusion_too_early_without_parcours_start():
    assert fires(_cdi(), "cdi_inclusion.too_early")  # the contract opens the parcours
    old_pass = I.Approval(number="999990000001", start=D(2023, 1, 1))
    assert not fires(_cdi(), "cdi_inclusion.too_early", approval=old_pass)
    assert not fires(contract(), "cdi_inclusion.too_early")


# --- cdi_inclusion.share (structure level) -------------------------------------------------


def _structure(kind="ACI", fte=10.0):
    return I.Structure(siret=HOST_A, kind=kind, name="S", department="75", conventioned_fte=fte)


@pytest.mark.parametrize("sk", ["EI", "AI", "ACI", "ETTI"])
@pytest.mark.parametrize(
    # 10 conventioned FTE -> 2 FTE = 70 h a week of CDI inclusion
    ("hours", "expected"),
    [((35, 34), False), ((35, 35), False), ((35, 35, 1), True), ((35, 35, 35), True)],
)
def test_cdi_inclusion_share_20_percent(sk, hours, expected):
    cs = [contract(kind="CDI_INCLUSION", sk=sk, end=None, hours=h) for h in hours]
    got = [
        f for f in I.check(_structure(sk), on=ON, contracts=cs) if f.code == "cdi_inclusion.share"
    ]
    assert bool(got) == expected


@pytest.mark.parametrize("sk", ["EI", "AI", "ACI", "ETTI"])
@pytest.mark.parametrize(
    # 30 % of 10 FTE: 3 FTE = 105 h a week
    ("hours", "expected"),
    [((35, 35, 34), False), ((35, 35, 35), False), ((35, 35, 35, 1), True)],
)
def test_cdi_inclusion_share_30_percent_with_prefect_decision(sk, hours, expected):
    cs = [contract(kind="CDI_INCLUSION", sk=sk, end=None, hours=h) for h in hours]
    got = check_cdi_inclusion_share(_structure(sk), on=ON, contracts=cs, prefect_decision=True)
    assert bool(got) == expected
    assert check_cdi_inclusion_share(_structure(sk), on=ON, contracts=cs)  # above 20 % anyway
    via_check = I.check(_structure(sk), on=ON, contracts=cs, prefect_decision=True)
    assert bool(via_check) == expected


def test_cdi_inclusion_share_counts_running_cdi_inclusions_only():
    running = contract(kind="CDI_INCLUSION", sk="ACI", end=None, hours=35)
    ended = contract(kind="CDI_INCLUSION", sk="ACI", end=D(2024, 2, 29), hours=35)
    future = contract(kind="CDI_INCLUSION", sk="ACI", start=D(2024, 3, 2), end=None, hours=35)
    cddi = contract(hours=35)
    cs = [running, running, ended, future, cddi, cddi]
    assert not check_cdi_inclusion_share(_structure(), on=ON, contracts=cs)
    assert check_cdi_inclusion_share(_structure(), on=D(2024, 2, 29), contracts=cs)
    assert check_cdi_inclusion_share(_structure(), on=D(2024, 3, 2), contracts=cs)


@pytest.mark.parametrize("kind", ["EITI", "GEIQ", "EA"])
def test_cdi_inclusion_share_not_for_other_kinds(kind):
    cs = [contract(kind="CDI_INCLUSION", sk=kind, end=None, hours=35)] * 5
    assert not I.check(_structure(kind), on=ON, contracts=cs)
    assert not I.check(_structure("ACI", None), on=ON, contracts=cs)  # FTE unknown


# --- pmsmp.duration / same_host / share ----------------------------------------------------


def _imm(start, end, host=HOST_A, renewal_of=None):
    return I.Immersion(start=start, end=end, host_siret=host, renewal_of=renewal_of)


@pytest.mark.parametrize("sk", SIAE)
@pytest.mark.parametrize(
    # from 2024-03-01, one month ends 2024-03-31
    ("end", "expected"),
    [(D(2024, 3, 30), False), (D(2024, 3, 31), False), (D(2024, 4, 1), True)],
)
def test_pmsmp_one_month(sk, end, expected):
    kind = {"ETTI": "MISSION", "EITI": "COMMERCIAL"}.get(sk, "CDDI")
    c = contract(kind=kind, sk=sk, immersions=[_imm(D(2024, 3, 1), end)])
    got = found(c, "pmsmp.duration")
    assert bool(got) == expected
    assert not got or got[0].path == "immersions[0].end"


@pytest.mark.parametrize("sk", SIAE)
def test_pmsmp_renewed_once(sk):
    kind = {"ETTI": "MISSION", "EITI": "COMMERCIAL"}.get(sk, "CDDI")
    first = _imm(D(2024, 3, 1), D(2024, 3, 10))
    again = _imm(D(2024, 3, 11), D(2024, 3, 20), renewal_of=D(2024, 3, 1))
    third = _imm(D(2024, 3, 21), D(2024, 3, 30), renewal_of=D(2024, 3, 1))
    chain = _imm(D(2024, 3, 21), D(2024, 3, 30), renewal_of=D(2024, 3, 11))
    assert not fires(contract(kind=kind, sk=sk, immersions=[again, first]), "pmsmp.duration")
    got = found(contract(kind=kind, sk=sk, immersions=[third, again, first]), "pmsmp.duration")
    assert [f.path for f in got] == ["immersions[0]"]
    got = found(contract(kind=kind, sk=sk, immersions=[first, again, chain]), "pmsmp.duration")
    assert [f.path for f in got] == ["immersions[2]"]


def _kind_for(sk):
    return {"ETTI": "MISSION", "EITI": "COMMERCIAL"}.get(sk, "CDDI")


@pytest.mark.parametrize("sk", SIAE)
@pytest.mark.parametrize(
    # first agreement 10 days
    ("days", "expected"),
    [(9, False), (10, False), (11, True)],
)
def test_pmsmp_renewal_not_longer_than_first(sk, days, expected):
    first = _imm(D(2024, 3, 1), D(2024, 3, 10))
    again = _imm(D(2024, 3, 11), D(2024, 3, 10 + days), renewal_of=D(2024, 3, 1))
    c = contract(kind=_kind_for(sk), sk=sk, immersions=[first, again])
    got = found(c, "pmsmp.duration")
    assert bool(got) == expected
    assert not got or got[0].path == "immersions[1].end"


def test_pmsmp_renewal_of_another_host_is_a_new_agreement():
    first = _imm(D(2024, 3, 1), D(2024, 3, 10))
    other = _imm(D(2024, 3, 11), D(2024, 3, 31), host=HOST_B, renewal_of=D(2024, 3, 1))
    assert not fires(contract(immersions=[first, other]), "pmsmp.duration")


@pytest.mark.parametrize("sk", SIAE)
@pytest.mark.parametrize(
    # A starts 2024-01-01: C starting within the 12 months from it (up to 2024-12-31)
    ("c_start", "expected"),
    [(D(2024, 12, 30), True), (D(2024, 12, 31), True), (D(2025, 1, 1), False)],
)
def test_pmsmp_same_host_two_agreements_in_12_months(sk, c_start, expected):
    kind = {"ETTI": "MISSION", "EITI": "COMMERCIAL"}.get(sk, "OTHER" if sk == "EI" else "CDDI")
    ims = [
        _imm(D(2024, 1, 1), D(2024, 1, 10)),
        _imm(D(2024, 6, 1), D(2024, 6, 10)),
        _imm(c_start, c_start.add(days=5)),
    ]
    c = contract(kind=kind, sk=sk, start=D(2024, 1, 1), end=D(2025, 12, 31), immersions=ims)
    got = found(c, "pmsmp.same_host")
    assert bool(got) == expected
    assert not got or got[0].path == "immersions[2]"
    ims[2] = _imm(c_start, c_start.add(days=5), host=HOST_B)
    c = contract(kind=kind, sk=sk, start=D(2024, 1, 1), end=D(2025, 12, 31), immersions=ims)
    assert not fires(c, "pmsmp.same_host")


@pytest.mark.parametrize("sk", SIAE)
@pytest.mark.parametrize(
    # 30 + 30 days (agreement and renewal); then one agreement of `days` days
    ("days", "expected"),
    [(0, False), (1, True)],
)
def test_pmsmp_same_host_60_days(sk, days, expected):
    ims = [
        _imm(D(2024, 3, 1), D(2024, 3, 30)),
        _imm(D(2024, 3, 31), D(2024, 4, 29), renewal_of=D(2024, 3, 1)),
    ]
    if days:
        ims.append(_imm(D(2024, 9, 1), D(2024, 9, days)))
    c = contract(kind=_kind_for(sk), sk=sk, end=D(2025, 12, 31), immersions=ims)
    got = found(c, "pmsmp.same_host")
    assert bool(got) == expected


@pytest.mark.parametrize("sk", SIAE)
@pytest.mark.parametrize(
    # 60 days from 2024-03-01; B one day: inside the 12 months from 2024-03-01 up to 2025-02-28
    ("b_start", "expected"),
    [(D(2025, 2, 27), True), (D(2025, 2, 28), True), (D(2025, 3, 1), False)],
)
def test_pmsmp_same_host_60_days_window(sk, b_start, expected):
    ims = [
        _imm(D(2024, 3, 1), D(2024, 3, 30)),
        _imm(D(2024, 3, 31), D(2024, 4, 29), renewal_of=D(2024, 3, 1)),
        _imm(b_start, b_start),
    ]
    c = contract(kind=_kind_for(sk), sk=sk, end=D(2025, 12, 31), immersions=ims)
    assert fires(c, "pmsmp.same_host") == expected


@pytest.mark.parametrize("sk", CDDI_KINDS)
@pytest.mark.parametrize(
    # contract of 400 days (2024-01-01 -> 2025-02-03): at most 100 days of PMSMP
    ("last_days", "expected"),
    [(24, False), (25, False), (26, True)],
)
def test_pmsmp_share_25_percent(sk, last_days, expected):
    hosts = [HOST_A, HOST_B, HOST_C, HOST_D]
    ims = [_imm(D(2024, 2 + k, 1), D(2024, 2 + k, 25), host=h) for k, h in enumerate(hosts[:3])]
    ims.append(_imm(D(2024, 9, 1), D(2024, 9, last_days), host=hosts[3]))
    c = contract(
        sk=sk,
        start=D(2024, 1, 1),
        end=D(2024, 6, 1),
        renewals=[I.Renewal(end=D(2025, 2, 3))],
        immersions=ims,
    )
    got = found(c, "pmsmp.share")
    assert bool(got) == expected
    assert not got or got[0].path == "immersions"


@pytest.mark.parametrize(
    ("kind", "sk"), [("MISSION", "ETTI"), ("COMMERCIAL", "EITI"), ("OTHER", "GEIQ")]
)
def test_pmsmp_share_not_for_other_kinds(kind, sk):
    ims = [_imm(D(2024, 1, 20), D(2024, 2, 19))]
    c = contract(kind=kind, sk=sk, start=D(2024, 1, 15), end=D(2024, 2, 20), immersions=ims)
    assert not fires(c, "pmsmp.share")
    assert fires(contract(start=D(2024, 1, 15), end=D(2024, 2, 20), immersions=ims), "pmsmp.share")


# --- contract.no_approval / outside_approval ------------------------------------------------

PASS = I.Approval(number="999990000001", start=START, initial_end=LIMIT_24)


@pytest.mark.parametrize("sk", SIAE)
@pytest.mark.parametrize(
    ("start", "code"),
    [
        (D(2024, 1, 14), "contract.no_approval"),
        (START, None),
        (D(2024, 1, 16), None),
        (D(2026, 1, 13), None),
        (LIMIT_24, None),
        (D(2026, 1, 15), "contract.outside_approval"),
    ],
)
def test_contract_start_within_the_pass(sk, start, code):
    kind = {"ETTI": "MISSION", "EITI": "COMMERCIAL"}.get(sk, "CDDI")
    c = contract(kind=kind, sk=sk, start=start, end=start.add(months=6))
    got = {f.code for f in I.check(c, on=ON, approval=PASS)} & {
        "contract.no_approval",
        "contract.outside_approval",
    }
    assert got == ({code} if code else set())


def test_pass_end_includes_suspensions():
    suspended = I.Approval(
        number="999990000001",
        start=START,
        initial_end=LIMIT_24,
        suspensions=[
            I.Suspension(start=D(2024, 6, 1), end=D(2024, 6, 11), reason="CONTRACT_BROKEN")
        ],
    )
    c = contract(start=D(2026, 1, 24), end=D(2026, 8, 1))
    assert not fires(c, "contract.outside_approval", approval=suspended)
    c = contract(start=D(2026, 1, 25), end=D(2026, 8, 1))
    assert fires(c, "contract.outside_approval", approval=suspended)


@pytest.mark.parametrize("sk", ["GEIQ", "EA", "EATT", "OPCS"])
def test_no_approval_never_for_non_siae(sk):
    c = contract(kind="OTHER", sk=sk, start=D(2030, 1, 1), end=D(2030, 6, 1))
    assert not fires(c, "contract.no_approval", approval=PASS, require_approval=True)
    assert not fires(c, "contract.outside_approval", approval=PASS)


def test_missing_approval_only_when_required():
    c = contract()
    assert not fires(c, "contract.no_approval")
    got = found(c, "contract.no_approval", require_approval=True)
    assert [f.path for f in got] == ["start"]


@pytest.mark.parametrize(
    ("sk", "start", "expected"),
    [
        ("AI", D(2021, 11, 30), False),
        ("AI", D(2021, 12, 1), True),
        ("AI", D(2021, 12, 2), True),
        ("ACI", D(2021, 11, 30), True),
        ("EITI", D(2021, 8, 31), False),
        ("EITI", D(2021, 9, 1), True),
    ],
)
def test_approval_required_since(sk, start, expected):
    kind = "COMMERCIAL" if sk == "EITI" else "CDDI"
    c = contract(kind=kind, sk=sk, start=start, end=start.add(months=5))
    assert fires(c, "contract.no_approval", require_approval=True) == expected


# --- reports --------------------------------------------------------------------------------


def test_lawful_contract_has_no_finding_and_paths_prefix():
    c = contract(end=D(2024, 5, 14), renewals=[I.Renewal(end=D(2024, 12, 31))])
    assert not I.check(c, on=ON, approval=PASS, person=person())
    bad = contract(end=D(2024, 5, 13))
    assert [f.path for f in check_contract(bad, on=ON).prefixed("contracts[1]")] == [
        "contracts[1].end"
    ]


def test_messages_are_french_with_references():
    bad = contract(sk="EI", end=D(2024, 2, 1), hours=50, trial_period_days=40)
    report = I.check(bad, on=ON)
    assert {
        "contract.min_duration",
        "contract.weekly_hours_max",
        "contract.trial_period",
    } <= report.codes
    for f in report:
        assert f.reference.startswith("C. trav. art.")
        assert any(w in f.message for w in ("doit", "ne peut", "Durée", "Période"))


def test_prefect_waiver_validation():
    with pytest.raises(I.InvalidData):
        PrefectWaiver(start=D(2024, 2, 1), end=D(2024, 1, 1))
    assert PrefectWaiver(start=D(2024, 1, 1), end=D(2024, 1, 1)).covers(D(2024, 1, 1))


def test_derogation_other_employer_kind_round_trips():
    d = _cumul(D(2024, 6, 1), D(2024, 11, 30), "EA")
    assert d.other_employer_kind is I.StructureKind.EA
    assert I.load(I.HoursDerogation, I.dump(d)) == d
    assert I.load(I.HoursDerogation, {"kind": "CUMUL", "start": "2024-06-01", "end": "2024-11-30"})
    with pytest.raises(I.InvalidData):
        I.HoursDerogation(
            kind="CUMUL", start=D(2024, 6, 1), end=D(2024, 7, 1), other_employer_kind="XX"
        )


# --- legal references: the article of the structure kind -----------------------------------

CDDI_ARTICLE = {"EI": "L5132-5", "AI": "L5132-11-1", "ACI": "L5132-15-1"}  # law.md §1.1
CUMUL_ARTICLE = {"EI": "D5132-10-5-3", "AI": "D5132-26-12", "ACI": "D5132-43-14"}  # §1.3
SHARE_ARTICLE = {"EI": "D5132-10-3", "AI": "D5132-26-3", "ACI": "D5132-43-3"}  # §6
CDI_AGE_ARTICLE = {
    "EI": "L5132-5-1",
    "ETTI": "L5132-6-1",
    "AI": "L5132-14-1",
    "ACI": "L5132-15-1-1",
}
CDI_EARLY_ARTICLE = {
    "EI": "D5132-10-5",
    "ETTI": "D5132-10-15",
    "AI": "D5132-26-9",
    "ACI": "D5132-43-11",
}
CDI_SHARE_ARTICLE = {
    "EI": "D5132-10-5-2",
    "ETTI": "D5132-10-17",
    "AI": "D5132-26-11",
    "ACI": "D5132-43-13",
}


def _refs(report, code):
    return {f.reference for f in report if f.code == code}


@pytest.mark.parametrize("sk", CDDI_KINDS)
def test_cddi_findings_cite_the_article_of_the_structure_kind(sk):
    art = "C. trav. art. " + CDDI_ARTICLE[sk]
    short = I.check(contract(sk=sk, end=D(2024, 2, 1), hours=19), on=ON)
    assert _refs(short, "contract.min_duration") == {art}
    assert _refs(short, "contract.weekly_hours_min") == {art}
    assert _refs(I.check(contract(sk=sk, hours=36), on=ON), "contract.weekly_hours_max") == {art}
    assert _refs(I.check(contract(sk=sk, hours=49), on=ON), "contract.weekly_hours_max") == {
        art + ", L3121-20"
    }
    long_ = I.check(contract(sk=sk, renewals=[I.Renewal(end=D(2026, 1, 15))]), on=ON)
    assert _refs(long_, "contract.max_duration") == {art}
    training = _extended(sk, end=D(2026, 6, 1), ground="TRAINING", training_end=D(2026, 5, 1))
    assert _refs(I.check(training, on=ON), "contract.extension_not_allowed") == {art}
    if sk != "EI":
        pd = _extended(sk, end=D(2027, 1, 15), ground="PARTICULAR_DIFFICULTIES")
        assert _refs(I.check(pd, on=ON), "contract.extension_too_long") == {art}


@pytest.mark.parametrize("sk", CDDI_KINDS)
def test_derogation_and_pmsmp_share_findings_cite_the_article_of_the_structure_kind(sk):
    bad = contract(sk=sk, derogations=[_cumul(D(2024, 2, 1), D(2024, 12, 1))])
    assert _refs(I.check(bad, on=ON), "contract.derogation_invalid") == {
        "C. trav. art. " + CUMUL_ARTICLE[sk]
    }
    severe = I.HoursDerogation(kind="SEVERE_DIFFICULTIES", start=START, end=D(2025, 6, 1))
    assert _refs(
        I.check(contract(sk=sk, derogations=[severe]), on=ON), "contract.derogation_invalid"
    ) == {"C. trav. art. D5132-43-5"}
    ims = [_imm(D(2024, 1, 20), D(2024, 2, 19))]
    c = contract(sk=sk, end=D(2024, 2, 20), immersions=ims)
    assert _refs(I.check(c, on=ON), "pmsmp.share") == {"C. trav. art. " + SHARE_ARTICLE[sk]}


@pytest.mark.parametrize("sk", ["EI", "AI", "ACI", "ETTI"])
def test_cdi_inclusion_findings_cite_the_article_of_the_structure_kind(sk):
    report = I.check(_cdi(sk), on=ON, person=person(D(1990, 1, 1)))
    assert _refs(report, "cdi_inclusion.age") == {"C. trav. art. " + CDI_AGE_ARTICLE[sk]}
    assert _refs(report, "cdi_inclusion.too_early") == {"C. trav. art. " + CDI_EARLY_ARTICLE[sk]}
    cs = [contract(kind="CDI_INCLUSION", sk=sk, end=None, hours=35)] * 3
    share = I.check(_structure(sk), on=ON, contracts=cs)
    assert _refs(share, "cdi_inclusion.share") == {"C. trav. art. " + CDI_SHARE_ARTICLE[sk]}


def test_mission_findings_cite_l5132_6_or_6_1():
    c = contract(kind="MISSION", sk="ETTI", end=D(2027, 6, 1))
    assert _refs(I.check(c, on=ON), "mission.max_duration") == {"C. trav. art. L5132-6"}
    assert _refs(I.check(c, on=ON, in_cdi_inclusion=True), "mission.max_duration") == {
        "C. trav. art. L5132-6-1"
    }
