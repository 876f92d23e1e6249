"""The approvals area as data (issue 12): the face's tables, the commands seam, the
parameters behind the dated tables, and every message variant in French and English."""

import pendulum
import pytest

import iae_core as I
from iae_core import approvals as A
from iae_core import params
from iae_core._kernel.findings import rule, rules
from iae_core.approvals import _entities, _rules

D = pendulum.date
ACI = I.StructureKind.ACI
AI = I.StructureKind.AI
NUMBER = "999990000001"
BROKEN = I.SuspensionReason.CONTRACT_BROKEN
AREA = ("approval.", "suspension.", "prolongation.")


START = D(2024, 3, 1)


def pass_(start=START, **kw):
    return I.Approval(number=kw.pop("number", NUMBER), start=start, **kw)


def susp(start, end, reason=BROKEN, declared_on=None):
    return I.Suspension(start=start, end=end, reason=reason, declared_on=declared_on)


def prol(start, end, reason=I.ProlongationReason.RQTH, validated_by="cap-emploi", **kw):
    return I.Prolongation(start=start, end=end, reason=reason, validated_by=validated_by, **kw)


# --- the face ---------------------------------------------------------------------------


def test_face_tables():
    assert (A.Approval, A.Suspension, A.Prolongation) == A.ENTITIES
    assert {A.Approval: A.check_approval} == A.CHECKERS
    assert list(A.__all__) == sorted(A.__all__, key=lambda n: (not n.isupper(), n))
    for name in A.__all__:
        assert getattr(A, name) is not None
    from iae_core._services.registry import CHECKERS

    assert CHECKERS[A.Approval] is A.check_approval


def test_the_old_public_names_are_still_there():
    for name in (
        "DEFAULT_LENGTH",
        "HEALTH_CONTEXT_ALLOWED",
        "PROLONGATION_CAPS",
        "PROLONGATION_WINDOW",
        "Approval",
        "Prolongation",
        "ProlongationCaps",
        "ProlongationWindow",
        "Span",
        "check_approval",
        "default_end",
        "new_approval_check",
    ):
        assert name in A.__all__


# --- the commands seam ------------------------------------------------------------------


class _Spy:
    def __init__(self):
        self.calls = []

    def check_suspension(self, approval, suspension, **kw):
        self.calls.append(("suspension", kw))
        return I.Report()

    def check_prolongation(self, approval, prolongation, **kw):
        self.calls.append(("prolongation", kw))
        return I.Report()


@pytest.fixture
def rebind():
    yield _entities.bind_commands
    _entities.bind_commands(_rules.COMMANDS)


def test_the_face_binds_the_rules():
    assert _entities._commands() is _rules.COMMANDS


def test_commands_go_through_the_bound_implementation(rebind):
    spy = _Spy()
    rebind(spy)
    a = pass_()
    # a suspension the rules refuse (36 months and more): the spy accepts it
    long = susp(D(2024, 6, 1), D(2030, 6, 1))
    b = a.suspend(long, on=D(2024, 6, 1), structure_kind=ACI)
    assert b.suspensions == (long,)
    p = prol(b.end, b.end.add(days=10))
    c = b.prolong(p, on=b.end, structure_kind=ACI, cdi_inclusion=True)
    assert c.prolongations == (p,)
    assert [k for k, _ in spy.calls] == ["suspension", "prolongation"]
    assert spy.calls[1][1]["cdi_inclusion"] is True


def test_unbound_commands_raise_a_clear_error(rebind):
    saved = list(_entities._COMMANDS)
    _entities._COMMANDS.clear()
    try:
        a = pass_()
        s = susp(D(2024, 6, 1), D(2024, 6, 2))
        with pytest.raises(RuntimeError, match="not bound"):
            a.suspend(s, on=D(2024, 6, 1), structure_kind=ACI)
        p = prol(a.end, a.end.add(days=1))
        with pytest.raises(RuntimeError, match="not bound"):
            a.prolong(p, on=a.end, structure_kind=ACI)
    finally:
        _entities._COMMANDS[:] = saved


def test_the_entities_never_import_the_rules():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(_entities.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    assert not any("_rules" in m or m == "iae_core.approvals" for m in imported)


# --- the dated tables come from the parameters ------------------------------------------


def test_dated_tables_are_built_from_the_parameters():
    months = params.get("pass.default_length_months")
    days = params.get("pass.default_length_days")
    switch = days.rows[0].start
    before = A.Span(months=months.rows[0].value, days=-1)
    assert A.DEFAULT_LENGTH.at(switch.subtract(days=1)) == before
    assert A.DEFAULT_LENGTH.at(switch) == A.Span(days=days.rows[0].value - 1)
    window = params.get("prolongation.request_window_months")
    assert [k for k, _ in A.PROLONGATION_WINDOW.rows()][1:] == [r.start for r in window.rows]
    latest = A.PROLONGATION_WINDOW.at(window.rows[-1].start)
    assert latest.low == A.Span(months=window.rows[-1].value["from_end"])
    assert latest.high == A.Span(months=window.rows[-1].value["to_end"])
    health = params.get("prolongation.health_context_allowed")
    closed = health.rows[1].start
    assert A.HEALTH_CONTEXT_ALLOWED.at(closed.subtract(days=1))
    assert not A.HEALTH_CONTEXT_ALLOWED.at(closed)
    caps = params.get("prolongation.max_days").rows[-1].value
    for reason, c in A.PROLONGATION_CAPS.items():
        assert c.per_request == caps[reason.value]
    assert params.get("pass.decree_in_force_date").value == _rules.DECREE_2021_1128


def test_every_rule_declares_its_metadata():
    area = [r for r in rules() if r.code.startswith(AREA)]
    assert len(area) == 15
    known = {p.name for p in params.iter_params()}
    for r in area:
        assert r.title_en, r.code
        assert r.description_fr, r.code
        assert r.messages, r.code
        assert set(r.params) <= known, r.code
        for m in r.messages.values():
            assert m.fr
            assert m.en
            assert m.fr != m.en


def test_the_area_reads_only_its_own_parameters():
    names = {p.name for p in params.iter_params("approvals")}
    assert names == {
        "pass.decree_in_force_date",
        "pass.default_length_days",
        "pass.default_length_months",
        "pass.waiting_period_years",
        "prolongation.cumulative_max_days",
        "prolongation.health_context_allowed",
        "prolongation.max_days",
        "prolongation.particular_difficulties_kinds",
        "prolongation.request_window_months",
        "prolongation.senior_cdi_min_age_years",
        "prolongation.senior_min_age_years",
        "prolongation.validation_required_reasons",
        "suspension.contrat_passerelle_kinds",
        "suspension.early_end_after_months",
        "suspension.max_months",
        "suspension.max_retroactivity_days",
    }


# --- every message variant, French and English ------------------------------------------


def _all_variants():
    """(finding, expected French message, expected English message) for every variant."""
    out = []
    sc = _rules.suspension_check
    pc = _rules.prolongation_check

    def one(report, code, variant=None):
        found = [f for f in report if f.code == code and (variant is None or f.variant == variant)]
        assert len(found) == 1, (code, variant, list(report))
        return found[0]

    a = pass_()  # 2024-03-01 → 2026-02-28
    # number_format
    for number, fr, en in [
        (
            "99999000001",
            "Numéro de PASS IAE invalide : il a 11 caractères au lieu de 12.",
            "Invalid PASS IAE number: it has 11 characters instead of 12.",
        ),
        (
            "99999000000!",
            "Numéro de PASS IAE invalide : seuls des lettres et des chiffres sont admis.",
            "Invalid PASS IAE number: only letters and digits are allowed.",
        ),
        (
            "99999A000001",
            "Numéro de PASS IAE invalide : un numéro de la plateforme est 99999 suivi de 7 "
            "chiffres.",
            "Invalid PASS IAE number: a platform number is 99999 followed by 7 digits.",
        ),
    ]:
        f = one(A.check_approval(pass_(number=number), on=D(2024, 3, 1), structure_kind=ACI),
                "approval.number_format")  # fmt: skip
        out.append((f, fr, en))
    # waiting period
    f = one(A.new_approval_check(a, on=D(2027, 1, 1), structure_kind=I.StructureKind.EI),
            "approval.waiting_period")  # fmt: skip
    assert f.params["waiting_period_end"] == D(2028, 2, 28)
    out.append((
        f,
        "Délai de carence : un nouveau PASS IAE ne peut être délivré qu'à partir du 29/02/2028, "
        "sauf prescription par un prescripteur habilité.",
        "Waiting period: a new PASS IAE can be issued only from 29 February 2028, unless an "
        "authorised prescriber prescribes it.",
    ))  # fmt: skip
    # before the decree: four variants
    old = pass_(D(2021, 1, 4))
    f = one(sc(old, susp(D(2021, 8, 2), D(2021, 8, 9)), on=D(2021, 8, 31), structure_kind=ACI),
            "approval.before_decree")  # fmt: skip
    out.append((
        f,
        "Suspension déclarée du 31/08/2021, antérieure au 01/09/2021 (agrément Pôle emploi) : "
        "règles non vérifiées.",
        "Suspension declared on 31 August 2021, before 1 September 2021 (Pôle emploi "
        "agrément): rules not checked.",
    ))  # fmt: skip
    f = one(pc(old, prol(old.end, old.end.add(days=9)), on=D(2021, 8, 31), structure_kind=ACI),
            "approval.before_decree")  # fmt: skip
    out.append((
        f,
        "Prolongation demandée du 31/08/2021, antérieure au 01/09/2021 (agrément Pôle emploi) "
        ": règles non vérifiées.",
        "Prolongation requested on 31 August 2021, before 1 September 2021 (Pôle emploi "
        "agrément): rules not checked.",
    ))  # fmt: skip
    stored_old = pass_(
        D(2019, 9, 2),
        initial_end=D(2021, 8, 31),
        suspensions=[susp(D(2020, 1, 6), D(2020, 1, 6))],
        prolongations=[prol(D(2021, 8, 31), D(2021, 9, 30))],
    )
    r = A.check_approval(stored_old, on=D(2021, 10, 1), structure_kind=ACI)
    out.append((
        one(r, "approval.before_decree", "suspension_start"),
        "Suspension commençant du 06/01/2020, antérieure au 01/09/2021 (agrément Pôle emploi) "
        ": règles non vérifiées.",
        "Suspension starting on 6 January 2020, before 1 September 2021 (Pôle emploi "
        "agrément): rules not checked.",
    ))  # fmt: skip
    out.append((
        one(r, "approval.before_decree", "prolongation_start"),
        "Prolongation commençant du 31/08/2021, antérieure au 01/09/2021 (agrément Pôle "
        "emploi) : règles non vérifiées.",
        "Prolongation starting on 31 August 2021, before 1 September 2021 (Pôle emploi "
        "agrément): rules not checked.",
    ))  # fmt: skip
    # suspensions
    on = D(2024, 6, 1)
    r = sc(a, susp(on, D(2027, 6, 1), I.SuspensionReason.CONTRAT_PASSERELLE), on=on,
           structure_kind=AI)  # fmt: skip
    out.append((
        one(r, "suspension.reason_not_allowed", "kind"),
        "Le motif « contrat passerelle » n'est ouvert qu'aux EI et aux ACI (structure : AI).",
        "The “contrat passerelle” reason is open to EI and ACI only (structure: AI).",
    ))  # fmt: skip
    f = one(r, "suspension.too_long")
    assert f.params["max_months"] == 36
    assert f.params["latest_end"] == D(2027, 5, 31)
    out.append((
        f,
        "Une suspension dure 36 mois au plus : elle doit finir au plus tard le 31/05/2027 "
        "(fin déclarée : 01/06/2027).",
        "A suspension lasts at most 36 months: it must end on 31 May 2027 at the latest "
        "(declared end: 1 June 2027).",
    ))  # fmt: skip
    r = sc(a, susp(on, D(2024, 6, 9), I.SuspensionReason.SICKNESS), on=on, structure_kind=ACI)
    f = one(r, "suspension.reason_not_allowed", "legacy")
    assert f.severity is I.Severity.WARNING
    out.append((
        f,
        "Motif « Arrêt pour longue maladie (ancien motif) » : ancien motif conservé pour "
        "l'historique, il n'est plus proposé.",
        "Reason SICKNESS: a former reason kept for history, no longer offered.",
    ))  # fmt: skip
    r = sc(a, susp(D(2024, 6, 2), D(2024, 6, 9)), on=on, structure_kind=ACI)
    out.append((
        one(r, "suspension.future_start"),
        "La suspension commence le 02/06/2024, après le 01/06/2024.",
        "The suspension starts on 2 June 2024, after 1 June 2024.",
    ))  # fmt: skip
    late = pass_(D(2023, 1, 2))
    r = sc(late, susp(D(2023, 3, 1), D(2023, 3, 9)), on=D(2024, 3, 2), structure_kind=ACI)
    f = one(r, "suspension.too_retroactive", "retroactivity")
    assert f.params["max_days"] == 365
    assert f.params["declared_on"] == D(2024, 3, 2)
    out.append((
        f,
        "Une suspension peut commencer au plus tôt 365 jours avant sa déclaration, soit le "
        "03/03/2023 (début : 01/03/2023).",
        "A suspension may start at most 365 days before it is declared, that is on 3 March "
        "2023 at the earliest (start: 1 March 2023).",
    ))  # fmt: skip
    r = sc(a, susp(D(2024, 5, 1), D(2024, 5, 9)), on=on, structure_kind=ACI,
           last_hiring_start=D(2024, 5, 2))  # fmt: skip
    out.append((
        one(r, "suspension.too_retroactive", "before_hiring"),
        "La suspension ne peut pas commencer avant le début de la dernière embauche "
        "(02/05/2024) ; début : 01/05/2024.",
        "The suspension cannot start before the start of the last hiring (2 May 2024); "
        "start: 1 May 2024.",
    ))  # fmt: skip
    b = pass_(suspensions=[susp(D(2024, 5, 10), D(2024, 5, 20))])
    r = sc(b, susp(D(2024, 5, 1), D(2024, 5, 5)), on=on, structure_kind=ACI)
    out.append((
        one(r, "suspension.too_retroactive", "after_previous"),
        "La suspension ne peut pas commencer avant le 21/05/2024, lendemain de la fin de la "
        "dernière suspension terminée (du 10/05/2024 au 20/05/2024) ; début : 01/05/2024.",
        "The suspension cannot start before 21 May 2024, the day after the end of the last "
        "suspension already ended (10 May 2024 to 20 May 2024); start: 1 May 2024.",
    ))  # fmt: skip
    r = A.check_approval(b, on=on, structure_kind=ACI, last_hiring_start=D(2024, 5, 15))
    f = one(r, "suspension.too_retroactive", "covers_hiring")
    assert f.severity is I.Severity.WARNING
    out.append((
        f,
        "La suspension du 10/05/2024 au 20/05/2024 couvre le début de la dernière embauche "
        "(15/05/2024) : elle aurait dû prendre fin la veille de l'embauche.",
        "The suspension from 10 May 2024 to 20 May 2024 covers the start of the last hiring "
        "(15 May 2024): it should have ended the day before the hiring.",
    ))  # fmt: skip
    r = sc(a, susp(D(2024, 2, 29), D(2024, 3, 9)), on=on, structure_kind=ACI)
    out.append((
        one(r, "suspension.outside_approval"),
        "La suspension doit commencer pendant le PASS IAE, du 01/03/2024 au 28/02/2026 "
        "(début : 29/02/2024).",
        "The suspension must start during the PASS IAE, from 1 March 2024 to 28 February "
        "2026 (start: 29 February 2024).",
    ))  # fmt: skip
    r = sc(b, susp(D(2024, 5, 20), D(2024, 5, 25)), on=on, structure_kind=ACI)
    out.append((
        one(r, "suspension.overlap"),
        "La suspension du 20/05/2024 au 25/05/2024 chevauche celle du 10/05/2024 au "
        "20/05/2024 (suspensions[0]).",
        "The suspension from 20 May 2024 to 25 May 2024 overlaps the one from 10 May 2024 "
        "to 20 May 2024 (suspensions[0]).",
    ))  # fmt: skip
    # prolongations
    end = a.end
    r = pc(a, prol(D(2026, 2, 27), D(2026, 3, 31)), on=D(2026, 2, 1), structure_kind=ACI)
    out.append((
        one(r, "prolongation.start", "default"),
        "La prolongation doit commencer à la fin du PASS IAE (le 28/02/2026) ; début déclaré "
        ": 27/02/2026.",
        "The prolongation must start on the PASS IAE's end (28 February 2026); declared "
        "start: 27 February 2026.",
    ))  # fmt: skip
    shifted = pass_(
        suspensions=[susp(D(2024, 6, 1), D(2024, 6, 11))],
        prolongations=[prol(D(2026, 2, 27), D(2026, 3, 31))],
    )
    r = A.check_approval(shifted, on=D(2026, 3, 1), structure_kind=ACI)
    out.append((
        one(r, "prolongation.start", "shifted"),
        "La prolongation doit commencer à la fin du PASS IAE (le 28/02/2026, décalé des "
        "suspensions) ; début déclaré : 27/02/2026.",
        "The prolongation must start on the PASS IAE's end (28 February 2026, shifted by the "
        "suspensions); declared start: 27 February 2026.",
    ))  # fmt: skip
    r = pc(a, prol(end, end.add(days=400)), on=D(2025, 2, 27), structure_kind=I.StructureKind.EI)
    out.append((
        one(r, "prolongation.window"),
        "Une prolongation se demande entre le 28/07/2025 et le 28/02/2026 (demande du "
        "27/02/2025).",
        "A prolongation is requested between 28 July 2025 and 28 February 2026 "
        "(request of 27 February 2025).",
    ))  # fmt: skip
    out.append((
        one(r, "prolongation.too_long", "per_request"),
        "Une prolongation « RQTH - Reconnaissance de la qualité de travailleur handicapé » "
        "ajoute au plus 365 jours (demandé : 400 jours).",
        "A RQTH prolongation adds at most 365 days (requested: 400 days).",
    ))  # fmt: skip
    used = pass_(prolongations=[prol(end, end.add(days=1000))])
    e2 = used.end
    r = pc(used, prol(e2, e2.add(days=100)), on=e2, structure_kind=ACI)
    f = one(r, "prolongation.too_long", "cumulative")
    assert f.params["cumulative_max_days"] == 1095
    assert f.params["used_days"] == 1000
    out.append((
        f,
        "Les prolongations du PASS IAE dépasseraient 1095 jours au total pour le motif « RQTH "
        "- Reconnaissance de la qualité de travailleur handicapé » (1000 jours déjà accordés "
        "+ 100 demandés).",
        "The PASS IAE's prolongations would exceed 1095 days in all for the reason RQTH (1000 "
        "days already granted + 100 requested).",
    ))  # fmt: skip
    difficult = prol(end, end.add(days=30), I.ProlongationReason.PARTICULAR_DIFFICULTIES, None)
    r = pc(a, difficult, on=end, structure_kind=I.StructureKind.EI)
    out.append((
        one(r, "prolongation.reason_not_allowed", "kind"),
        "Le motif « difficultés particulièrement importantes » n'est ouvert qu'aux AI et aux "
        "ACI (structure : EI).",
        "The “particularly significant difficulties” reason is open to AI and ACI only "
        "(structure: EI).",
    ))  # fmt: skip
    out.append((
        one(r, "prolongation.validation_required"),
        "Une prolongation « Difficultés particulièrement importantes dont l'absence de prise "
        "en charge ferait obstacle à l'insertion professionnelle » doit être validée par un "
        "prescripteur habilité.",
        "A PARTICULAR_DIFFICULTIES prolongation must be validated by an authorised "
        "prescriber.",
    ))  # fmt: skip
    covid = pass_(D(2021, 9, 6))
    e3 = covid.end
    r = pc(covid, prol(e3, e3.add(days=30), I.ProlongationReason.HEALTH_CONTEXT), on=e3,
           structure_kind=ACI)  # fmt: skip
    out.append((
        one(r, "prolongation.reason_not_allowed", "health_context"),
        "Le motif « contexte sanitaire » n'est plus utilisable depuis le 01/12/2021.",
        "The “health context” reason can no longer be used since 1 December 2021.",
    ))  # fmt: skip
    young = I.Person(id="p", birth_date=D(1976, 3, 1))
    r = pc(a, prol(end, end.add(days=30), I.ProlongationReason.SENIOR), on=end,
           structure_kind=ACI, person=young)  # fmt: skip
    f = one(r, "prolongation.person_condition")
    assert f.params == {"min_age": 50, "day": end, "age": 49}
    out.append((
        f,
        "Le motif « 50 ans et plus » demande une personne de 50 ans ou plus (âge au "
        "28/02/2026 : 49 ans).",
        "The reason “50 and over” requires a person aged 50 or more (age on 28 February "
        "2026: 49).",
    ))  # fmt: skip
    r = pc(a, prol(end, end.add(days=30)), on=end, structure_kind=ACI, person=young)
    f = one(r, "prolongation.person_condition")
    assert f.params == {}  # nothing about the person's health is carried
    out.append((
        f,
        "Le motif « RQTH » demande une reconnaissance de la qualité de travailleur handicapé.",
        "The RQTH reason requires a recognition as a disabled worker.",
    ))  # fmt: skip
    cdi = prol(end, end.add(days=30), I.ProlongationReason.SENIOR_CDI, None)
    r = pc(a, cdi, on=end, structure_kind=ACI, cdi_inclusion=False)
    out.append((
        one(r, "prolongation.person_condition"),
        "Le motif « CDI inclusion 57 ans et plus » demande un CDI inclusion.",
        "The reason “CDI inclusion, 57 and over” requires a CDI inclusion.",
    ))  # fmt: skip
    r = pc(a, cdi, on=end, structure_kind=ACI, person=young, cdi_inclusion=True)
    out.append((
        one(r, "prolongation.person_condition"),
        "Le motif « CDI inclusion 57 ans et plus » demande une personne de 57 ans ou plus "
        "(âge au 28/02/2026 : 49 ans).",
        "The reason “CDI inclusion, 57 and over” requires a person aged 57 or more (age on "
        "28 February 2026: 49).",
    ))  # fmt: skip
    return out


VARIANTS = _all_variants()


@pytest.mark.parametrize(("finding", "fr", "en"), VARIANTS, ids=lambda v: getattr(v, "code", ""))
def test_message_in_french_and_english(finding, fr, en):
    assert finding.message == fr
    assert finding.in_language("fr").message == fr
    assert finding.in_language("en").message == en
    assert "{" not in en
    assert "}" not in en


def test_every_variant_of_the_area_is_covered():
    seen = {(f.code, f.variant) for f, _, _ in VARIANTS}
    declared = {(r.code, v) for r in rules() if r.code.startswith(AREA) for v in r.messages}
    assert seen == declared


def test_check_in_english_rerenders_the_messages():
    a = pass_(number="99999000001")
    fr = I.check(a, on=D(2024, 3, 1), structure_kind=ACI)
    en = I.check(a, on=D(2024, 3, 1), structure_kind=ACI, lang="en")
    assert [f.code for f in fr] == [f.code for f in en] == ["approval.number_format"]
    assert en[0].message == "Invalid PASS IAE number: it has 11 characters instead of 12."
    assert (
        en[0].params
        == fr[0].params
        == {
            "length": 12,
            "found": 11,
            "prefix": "99999",
            "digits": 7,
        }
    )


def test_readings_stay_out_of_the_messages():
    for f, fr, en in VARIANTS:
        reading = rule(f.code).reading
        if reading:
            assert reading not in fr
            assert reading not in en
        assert "UNVERIFIED" not in fr
        assert "vérifier" not in fr
