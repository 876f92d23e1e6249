import functools
import json
from collections.abc import Iterator

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core.schema import entity_classes
from iae_core.testing import strategies as ist
from iae_core.testing.registry import entity_strategies


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """These tests read `str(InvalidData)` in English; French, the default, is tested in
    tests/test_i18n_catalogue.py."""
    with I.language("en"):
        yield


ENTITY_STRATEGIES = sorted(entity_strategies().items(), key=lambda kv: kv[0].__name__)


def test_every_entity_has_a_strategy():
    assert set(entity_classes()) <= set(entity_strategies())


@pytest.mark.parametrize("cls", sorted(entity_classes(), key=lambda c: c.__name__), ids=str)
def test_from_type_builds_every_entity(cls):
    @given(st.from_type(cls))
    def inner(x):
        assert type(x) is cls

    inner()


@pytest.mark.parametrize(
    ("cls", "factory"), ENTITY_STRATEGIES, ids=lambda v: getattr(v, "__name__", "")
)
@given(data=st.data())
def test_round_trip_is_exact_and_json_safe(cls, factory, data):
    x = data.draw(factory())
    dumped = I.dump(x)
    text = json.dumps(dumped)
    back = I.load(cls, json.loads(text))
    assert back == x
    assert I.dump(back) == dumped


def _dates_in(obj):
    import attrs

    for f in attrs.fields(type(obj)):
        v = getattr(obj, f.name)
        if isinstance(v, pendulum.Date):
            yield v
        elif attrs.has(type(v)):
            yield from _dates_in(v)
        elif isinstance(v, tuple):
            for item in v:
                if attrs.has(type(item)):
                    yield from _dates_in(item)


@given(ist.parcours())
def test_dates_stay_pendulum_dates(p):
    back = I.load(I.Parcours, I.dump(p))
    found = list(_dates_in(back))
    assert found  # a parcours always has the person's birth date
    assert all(type(d) is pendulum.Date for d in found)


@pytest.mark.parametrize("cls", [c for c, _ in ENTITY_STRATEGIES], ids=lambda c: c.__name__)
@given(value=ist.json_values())
def test_arbitrary_json_raises_only_invalid_data(cls, value):
    try:
        I.load(cls, value)
    except I.InvalidData as exc:
        errors, text = exc.errors, str(exc)
    else:
        return
    assert errors
    assert text


@pytest.mark.parametrize("value", [None, [], 3, "x", 1.5, True])
def test_wrong_shape_is_invalid_data(value):
    with pytest.raises(I.InvalidData, match="not an object"):
        I.load(I.Approval, value)


def test_every_bad_field_is_listed_with_its_path():
    bad = {
        "number": 3,
        "start": "2024-13-01",
        "suspensions": [
            {"start": "2024-01-02", "end": "2024-01-01", "reason": "NOPE"},
            "x",
        ],
        "unexpected": 1,
    }
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Approval, bad)
    assert info.value.paths == (
        "number",
        "start",
        "suspensions[0].reason",
        "suspensions[0].end",  # a refused value is listed beside the wrong type
        "suspensions[1]",
        "unexpected",
    )
    text = str(info.value)
    assert 'start: not a date: "2024-13-01"' in text
    assert "unexpected: unknown field" in text


def test_constructor_errors_are_prefixed_with_their_path():
    data = {
        "number": "999990000001",
        "start": "2024-01-01",
        "suspensions": [{"start": "2024-02-02", "end": "2024-02-01", "reason": "SICKNESS"}],
    }
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Approval, data)
    assert info.value.paths == ("suspensions[0].end",)


def test_missing_required_fields():
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Suspension, {})
    assert set(info.value.paths) == {"start", "end", "reason"}
    assert "required field missing" in str(info.value)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weekly_hours", "26", "not a number"),
        ("weekly_hours", True, "not a number"),
        ("trial_period_days", 1.0, "not an integer"),
        ("trial_period_days", True, "not an integer"),
        ("kind", "cddi", "not a ContractKind"),
        ("start", "2024-1-1", "not a date"),
        ("start", "2024-01-01T00:00:00", "not a date"),
        ("start", 20240101, "not a date"),
        ("renewals", {}, "not a list"),
        ("renewals", "abc", "not a list"),
    ],
)
def test_nothing_is_coerced(field, value, message):
    data = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "weekly_hours": 26,
    }
    data[field] = value
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Contract, data)
    assert info.value.paths == (field,)
    assert message in str(info.value)


def test_nested_list_paths():
    ok = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "weekly_hours": 26,
    }
    with pytest.raises(I.InvalidData) as info:
        I.load(list[I.Contract], [ok, {**ok, "renewals": [{"end": "nope"}]}])
    assert info.value.paths == ("[1].renewals[0].end",)


def test_sets_dump_sorted():
    d = I.EligibilityDiagnosis(
        author=I.AuthorKind.PRESCRIBER,
        made_on=pendulum.date(2024, 1, 1),
        criteria=frozenset({I.Criterion.QPV, I.Criterion.AAH, I.Criterion.RSA}),
    )
    assert I.dump(d)["criteria"] == ["AAH", "QPV", "RSA"]


def test_invalid_data_is_a_value_error_and_pickles():
    import pickle

    exc = I.InvalidData([("a", "b"), ("c", "d")])
    assert isinstance(exc, ValueError)
    again = pickle.loads(pickle.dumps(exc))
    assert again.errors == exc.errors


def test_sets_of_any_order_dump_to_one_sorted_list():
    criteria = list(I.Criterion)
    dumps = {
        tuple(
            I.dump(
                I.EligibilityDiagnosis(
                    author="PRESCRIBER", made_on=pendulum.date(2024, 1, 1), criteria=order
                )
            )["criteria"]
        )
        for order in (criteria, criteria[::-1], criteria[7:] + criteria[:7])
    }
    assert dumps == {tuple(sorted(c.value for c in criteria))}


# --- hostile input: only InvalidData, at the path of the bad value ------------------------------


def _leaves(value, path=()):
    """Every position in a JSON document (containers too), with its value."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i))


def _replace(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _replace(value[head], rest, new)
    return copy


def _path_text(path):
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _under(reported, mutated):
    return not mutated or reported == mutated or reported.startswith((f"{mutated}.", f"{mutated}["))


# A value of another JSON type than the leaf it replaces, never valid where the leaf was.
_OTHER_TYPE = {
    str: (7, [], {}, True),
    bool: (0, "true", []),
    int: (True, "1", [], {}),
    float: ("1.5", True, {}),
    type(None): ({}, [[1]]),
    list: ("x", {}, 3),
    dict: ([], "x", 2.5),
}

# Hostile values: none is valid anywhere a leaf of a valid dump can be.
_HOSTILE = (
    10**400,
    -(10**30),
    2**63,
    float("nan"),
    float("inf"),
    float("-inf"),
    "2024-02-30",
    "0000-01-01",
    "+2024-01-01",
    "1899-12-31",
    "2200-01-01",
    "٢٠٢٤-01-01",
    "\ud800",
    "\x00",
    {1: "non-string key"},
    {None: 1, "a": 2},
    functools.reduce(lambda inner, _: [inner], range(3000), []),
)


@pytest.mark.parametrize(
    ("cls", "factory"), ENTITY_STRATEGIES, ids=lambda v: getattr(v, "__name__", "")
)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_one_leaf_of_another_type_is_reported_at_its_path(cls, factory, data):
    dumped = I.dump(data.draw(factory()))
    path, leaf = data.draw(st.sampled_from(list(_leaves(dumped))))
    new = data.draw(st.sampled_from(_OTHER_TYPE[type(leaf)]))
    with pytest.raises(I.InvalidData) as info:
        I.load(cls, _replace(dumped, path, new))
    where = _path_text(path)
    assert info.value.paths
    assert all(_under(p, where) for p in info.value.paths), (where, info.value.errors)


@pytest.mark.parametrize(
    ("cls", "factory"), ENTITY_STRATEGIES, ids=lambda v: getattr(v, "__name__", "")
)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_hostile_leaves_raise_only_invalid_data_at_their_path(cls, factory, data):
    dumped = I.dump(data.draw(factory()))
    path, _ = data.draw(st.sampled_from(list(_leaves(dumped))))
    new = data.draw(st.sampled_from(_HOSTILE))
    errors: tuple[tuple[str, str], ...] = ()
    try:
        I.load(cls, _replace(dumped, path, new))
    except I.InvalidData as exc:  # no other exception may escape
        errors, text = exc.errors, str(exc)
        assert text
    # no error: a hostile string may be a valid free-text value (an id, a name)
    where = _path_text(path)
    assert all(_under(p, where) for p, _ in errors), (where, errors)


@pytest.mark.parametrize(
    ("value", "path", "message"),
    [
        ({1: 2}, "", "not a string key: 1"),
        ({None: 1, "zz": 2}, "", "not a string key: null"),
        (10**400, "weekly_hours", "out of range"),
        (-(2**60), "weekly_hours", "out of range"),
        (float("nan"), "weekly_hours", "not a finite number"),
        (float("inf"), "weekly_hours", "not a finite number"),
    ],
)
def test_hostile_values_name_their_field(value, path, message):
    data = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "weekly_hours": 26,
    }
    if isinstance(value, dict):
        data.update(value)
    else:
        data["weekly_hours"] = value
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Contract, data)
    assert path in info.value.paths
    assert message in dict(info.value.errors)[path]


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        ("1899-12-31", False),
        ("1900-01-01", True),
        ("2199-12-31", True),
        ("2200-01-01", False),
        ("0001-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_dates_are_refused_outside_1900_2199(day, ok):
    data = {"number": "999990000001", "start": day}
    if ok:
        assert I.load(I.Approval, data).start.isoformat() == day
        return
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Approval, data)
    assert info.value.paths == ("start",)
    assert "out of range" in str(info.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weekly_hours", float("nan")),
        ("weekly_hours", float("inf")),
        ("weekly_hours", 10**400),
        ("weekly_hours", -1),
        ("weekly_hours", True),
        ("weekly_hours", "26"),
        ("trial_period_days", 2**53 + 1),
        ("trial_period_days", 1.0),
        ("start", pendulum.date(1, 1, 1)),
        ("start", pendulum.date(9999, 12, 31)),
        ("start", pendulum.datetime(2024, 1, 1)),
        ("start", "2024-01-01"),
        ("kind", ["CDDI"]),
        ("renewals", [[[]]]),
    ],
)
def test_direct_construction_raises_only_invalid_data(field, value):
    kw = {
        "kind": "CDDI",
        "structure_kind": "ACI",
        "start": pendulum.date(2024, 1, 1),
        "end": pendulum.date(2024, 6, 30),
        "weekly_hours": 26,
        field: value,
    }
    with pytest.raises(I.InvalidData) as info:
        I.Contract(**kw)
    assert field in info.value.paths or any(p.startswith(f"{field}[") for p in info.value.paths)


@pytest.mark.parametrize(
    ("cls", "kw", "field"),
    [
        (I.EligibilityDiagnosis, {"author": "PRESCRIBER"}, "criteria"),
        (I.Partnership, {}, "kinds"),
    ],
)
def test_unhashable_set_items_are_invalid_data(cls, kw, field):
    with pytest.raises(I.InvalidData) as info:
        cls(**{**_minimal(cls), **kw, field: [[1], {"a": 1}]})
    assert field in info.value.paths


def _minimal(cls):
    x = next(iter(_examples(cls)))
    return {f.name: getattr(x, f.name) for f in attrs.fields(cls)}


def _examples(cls):
    found = []

    @settings(max_examples=1, database=None)
    @given(entity_strategies()[cls]())
    def grab(x):
        found.append(x)

    grab()
    return found


def test_check_refuses_an_out_of_range_on():
    e = I.Contract(
        kind="CDDI",
        structure_kind="ACI",
        start=pendulum.date(2024, 1, 1),
        end=pendulum.date(2024, 6, 30),
        weekly_hours=26,
    )
    I.check(e, on=pendulum.date(2199, 12, 31))
    I.check(e, on=pendulum.date(1900, 1, 1))
    for on in (pendulum.date(9999, 12, 31), pendulum.date(1899, 12, 31)):
        with pytest.raises(I.InvalidData) as info:
            I.check(e, on=on)
        assert info.value.paths == ("on",)


# --- the JSON contract with embedders (api.md): a rename must break a test ---------------------

FIELDS = {
    "Action": ("kind", "start", "end", "title"),
    "Activity": ("siret", "name", "support", "accounts", "id"),
    "Orientation": (
        "person_id",
        "on",
        "category",
        "body",
        "department",
        "informed_on",
        "notified_on",
    ),
    "EngagementContract": (
        "person_id",
        "signed_on",
        "body",
        "weekly_activity_hours",
        "hours_adjusted",
        "social_support",
        "review_extended",
        "revised_on",
        "reviewed_on",
    ),
    "CriterionProof": ("criterion", "kind", "dated_on"),
    "PrefectDecision": ("decided_on", "ceiling_percent", "consulted"),
    "Subsidy": ("funder", "amount"),
    "YearAccounts": ("year", "charges", "sales", "subsidies", "prefect_decision"),
    "Approval": ("number", "start", "initial_end", "suspensions", "prolongations"),
    "Candidate": (
        "id",
        "location",
        "max_distance_km",
        "rome_codes",
        "weekly_hours_min",
        "weekly_hours_max",
        "holds",
        "priority",
        "available_from",
    ),
    "Commitment": ("kind", "quantity", "start", "end"),
    "Company": ("siret", "name", "department", "naf"),
    "Contract": (
        "kind",
        "structure_kind",
        "start",
        "end",
        "weekly_hours",
        "renewals",
        "derogations",
        "immersions",
        "placements",
        "trial_period_days",
    ),
    "EligibilityDiagnosis": ("author", "made_on", "criteria", "author_siret", "proofs"),
    "GeiqDiagnosis": ("author", "made_on", "criteria", "author_siret"),
    "Exit": ("on", "kind"),
    "GeoPoint": ("lat", "lon"),
    "HoursDerogation": ("kind", "start", "end", "other_employer_kind"),
    "Immersion": (
        "start",
        "end",
        "host_siret",
        "renewal_of",
        "purpose",
        "schedule",
        "prescriber",
        "prescriber_siret",
        "assessment",
    ),
    "ImmersionAssessment": ("outcome", "hired_on", "hire_kind", "notes"),
    "ScheduleDay": ("on", "hours"),
    "FollowUp": ("on", "situation", "source", "employer_siret"),
    "SupportAction": ("kind", "start", "end", "hours", "title"),
    "Evidence": ("observed_by", "where", "on", "note"),
    "Skill": ("level", "evidence", "rome_code", "behavioural", "label", "certification"),
    "SkillsAttestation": ("person", "structure", "issued_on", "skills", "holder_name", "id"),
    "Parcours": (
        "person",
        "structure",
        "diagnosis",
        "approval",
        "contracts",
        "actions",
        "exit",
        "follow_ups",
        "support_actions",
    ),
    "Partnership": (
        "id",
        "company",
        "members",
        "kinds",
        "start",
        "end",
        "coordinator",
        "positions",
        "commitments",
        "events",
    ),
    "PartnershipEvent": (
        "kind",
        "start",
        "end",
        "person_id",
        "structure_siret",
        "hours",
        "amount",
        "position_id",
        "renewal_of",
        "assessment",
    ),
    "Person": ("id", "birth_date", "nir", "rqth", "under_justice_measure"),
    "Placement": ("start", "end", "hours", "host", "host_siret"),
    "Position": (
        "id",
        "location",
        "rome_code",
        "weekly_hours",
        "seats",
        "requires",
        "company_siret",
        "starts_on",
    ),
    "PrefectWaiver": ("start", "end"),
    "Prolongation": ("start", "end", "reason", "validated_by", "requested_on"),
    "Renewal": ("end", "ground", "training_end"),
    "Structure": ("siret", "kind", "name", "department", "conventioned_fte"),
    "Suspension": ("start", "end", "reason", "declared_on"),
    "Weights": ("distance", "rome", "hours", "availability"),
}

ENUM_VALUES = {
    "ActivitySupport": (
        "BUILDING",
        "LINEN_CARE",
        "RECYCLING",
        "GREEN_SPACES",
        "MARKET_GARDENING",
        "CATERING",
        "OTHER",
    ),
    "ConsultedBody": ("CDIAE", "CDE_COMMISSION"),
    "Funder": ("STATE_POST_AID", "DEPARTEMENT", "REGION", "ESF", "COMMUNES", "OTHER"),
    "OrientationBody": ("FRANCE_TRAVAIL", "MISSION_LOCALE", "DEPARTEMENT", "OTHER"),
    "OrientationCategory": ("SOCIAL", "PROFESSIONAL", "SOCIO_PROFESSIONAL"),
    "ProofKind": (
        "RSA_CERTIFICATE",
        "ASS_CERTIFICATE",
        "AAH_CERTIFICATE",
        "TELESERVICE_CERTIFICATION",
        "FT_STATUS_NOTICE",
        "FT_REGISTRATION_SUMMARY",
        "SWORN_STATEMENT",
        "DIPLOMA",
        "ID_DOCUMENT",
        "OTHER",
    ),
    "ActionKind": (
        "TRAINING",
        "QUALIFYING_TRAINING",
        "SOCIAL_SUPPORT",
        "SKILLS_RECOGNITION",
        "OTHER",
    ),
    "ApprovalState": ("future", "valid", "suspended", "expired"),
    "AuthorKind": ("PRESCRIBER", "EMPLOYER", "GEIQ", "ORIENTER"),
    "CommitmentKind": ("HIRES", "IMMERSIONS", "INSERTION_HOURS", "VISITS", "ORDER_AMOUNT"),
    "ContractKind": (
        "CDDI",
        "MISSION",
        "CDD_USAGE",
        "CDI_INCLUSION",
        "COMMERCIAL",
        "PROFESSIONALISATION",
        "OTHER",
    ),
    "Criterion": (
        "RSA",
        "ASS",
        "AAH",
        "DETLD",
        "CAP_BEP",
        "SENIOR",
        "JEUNE",
        "ASE",
        "DELD",
        "TH",
        "PI",
        "PSH_PR",
        "REF_DA",
        "ZRR",
        "QPV",
        "DETENTION_MJ",
        "FLE",
        "PM",
    ),
    "DerogationKind": ("CUMUL", "SEVERE_DIFFICULTIES"),
    "GeiqAnnex": ("0", "1", "2", "1+2"),
    "GeiqCriterion": (
        "RSA",
        "ASS",
        "AAH",
        "DETLD",
        "CAP_BEP",
        "SENIOR",
        "JEUNE",
        "ASE",
        "DELD",
        "PI",
        "PSH_PR",
        "FLE",
        "PM",
        "RS_PS_DA",
        "TH",
        "REF_DA",
        "ZRR",
        "QPV",
        "DETENTION_MJ",
        "JEUNE_SQ",
        "MINIMA",
        "SANS_TRAVAIL_12",
        "DE_45",
        "RECONVERSION",
        "SIAE_CUI",
        "AUTRE_MINIMA",
        "FT",
        "DELD_12",
    ),
    "EventKind": ("IMMERSION", "HIRE", "VISIT", "ORDER"),
    "ExitCategory": ("SUSTAINABLE", "TRANSITION", "POSITIVE", "OTHER", "WITHDRAWN"),
    "ExitKind": (
        "CDI",
        "CDD_6_MONTHS_OR_MORE",
        "MISSION_6_MONTHS_OR_MORE",
        "CIVIL_SERVICE",
        "BUSINESS_CREATION",
        "CDD_UNDER_6_MONTHS",
        "MISSION_UNDER_6_MONTHS",
        "SUBSIDISED_CONTRACT",
        "QUALIFYING_TRAINING",
        "OTHER_SIAE",
        "JOB_SEEKING",
        "INACTIVE",
        "UNKNOWN",
        "DEATH",
        "LONG_ILLNESS",
        "MOVED_AWAY",
        "INCARCERATION",
        "RETIREMENT",
    ),
    "ExtensionGround": ("TRAINING", "AGE_50", "RQTH", "PARTICULAR_DIFFICULTIES"),
    "HostKind": ("EMPLOYER", "PRIVATE_INDIVIDUAL", "NON_PROFIT"),
    "PartnershipKind": (
        "SUBCONTRACTING",
        "CO_CONTRACTING",
        "PLACEMENT",
        "IMMERSION_HOSTING",
        "RECRUITMENT",
        "SOCIAL_CLAUSE",
        "SKILLS_SPONSORSHIP",
        "COMPANY_VISITS",
    ),
    "ProlongationReason": (
        "SENIOR_CDI",
        "COMPLETE_TRAINING",
        "RQTH",
        "SENIOR",
        "PARTICULAR_DIFFICULTIES",
        "HEALTH_CONTEXT",
    ),
    "Severity": ("error", "warning", "info"),
    "FollowUpSource": ("DECLARED", "EMPLOYER", "ADMINISTRATIVE"),
    "SupportKind": (
        "JOB_COACHING",
        "EMPLOYER_MEDIATION",
        "TRAINING",
        "SOCIAL_SUPPORT",
        "OTHER",
    ),
    "ImmersionPurpose": ("DISCOVER_TRADE", "CONFIRM_PROJECT", "START_RECRUITMENT"),
    "ImmersionOutcome": ("COMPLETED", "PARTLY", "DID_NOT_COME"),
    "PrescriberKind": (
        "FRANCE_TRAVAIL",
        "MISSION_LOCALE",
        "CAP_EMPLOI",
        "SIAE",
        "DEPARTMENT",
        "DELEGATED",
        "OTHER",
    ),
    "HireKind": (
        "CDI",
        "CDD",
        "INTERIM",
        "APPRENTICESHIP",
        "PROFESSIONALISATION",
        "SUBSIDISED",
        "IAE",
        "OTHER",
    ),
    "SkillLevel": ("STARTING", "ACQUIRED", "MASTERED", "CAN_TEACH"),
    "BehaviouralSkill": (
        "AUTONOMY",
        "ADAPTABILITY",
        "DECISION",
        "CURIOSITY",
        "PROPOSALS",
        "STRESS",
        "PERSEVERANCE",
        "INITIATIVE",
        "PERSPECTIVE",
        "REACTIVITY",
        "RIGOUR",
        "COMMUNICATION",
        "ORGANISATION",
        "TEAMWORK",
    ),
    "StructureKind": ("ACI", "AI", "EI", "ETTI", "EITI", "GEIQ", "EA", "EATT", "OPCS"),
    "SuspensionReason": (
        "CONTRACT_SUSPENDED",
        "CONTRACT_BROKEN",
        "FINISHED_CONTRACT",
        "APPROVAL_BETWEEN_CTA_MEMBERS",
        "CONTRAT_PASSERELLE",
        "SICKNESS",
        "MATERNITY",
        "INCARCERATION",
        "TRIAL_OUTSIDE_IAE",
        "DETOXIFICATION",
        "FORCE_MAJEURE",
    ),
}


def _entity_classes_by_name():
    classes = set(entity_classes()) | set(entity_strategies())
    return {c.__name__: c for c in classes}


def test_entity_field_names_are_the_documented_json_names():
    classes = _entity_classes_by_name()
    assert set(classes) == set(FIELDS)
    for name, cls in classes.items():
        assert tuple(f.name for f in attrs.fields(cls)) == FIELDS[name], name
        assert all(f.alias in (None, f.name) for f in attrs.fields(cls)), name
        if cls in entity_classes():
            assert set(I.json_schema(cls)["properties"]) == set(FIELDS[name]), name


def test_dump_uses_exactly_the_field_names():
    for cls, factory in ENTITY_STRATEGIES:
        x = _examples_of(factory)
        assert set(I.dump(x)) == set(FIELDS[cls.__name__]), cls.__name__


def _examples_of(factory):
    found = []

    @settings(max_examples=1, database=None)
    @given(factory())
    def grab(x):
        found.append(x)

    grab()
    return found[0]


def test_enum_values_are_the_documented_codes():
    import enum

    from iae_core import enums, partnerships

    found = {
        name: value
        for module in (enums, partnerships)
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, enum.Enum)
        and value.__module__ == module.__name__
        and len(value)
    }
    assert set(found) == set(ENUM_VALUES)
    for name, enum_cls in found.items():
        assert tuple(m.value for m in enum_cls) == ENUM_VALUES[name], name
        assert all(isinstance(m.label, str) and m.label for m in enum_cls), name
        assert getattr(I, name, enum_cls) is enum_cls, name  # re-exported as is


# --- privacy: a NIR and the sensitive flags never leak into a message ------------------------

NIR = "295109912611193"
BAD_NIR = "295109912611194"  # bad key
SECRET = "SECRET-FLAG-VALUE"


def _assert_no_nir(text):
    for nir in (NIR, BAD_NIR):
        assert nir not in text
        assert nir[:13] not in text.replace(" ", "")  # nor spaced out
    assert SECRET not in text


def _person(**over):
    return {"id": "p1", "birth_date": "1980-02-01", "nir": NIR, **over}


@pytest.mark.parametrize(
    "person",
    [
        _person(birth_date="1980-13-01"),  # a valid NIR, another bad field
        _person(nir=BAD_NIR),
        _person(nir=int(NIR)),
        _person(nir=float(NIR)),
        _person(nir=[NIR]),
        _person(nir={"value": NIR}),
        _person(nir=NIR + "0"),
        _person(nir="2 95 10 99 126 111 9X"),
        _person(rqth=SECRET),
        _person(under_justice_measure=SECRET),
        _person(rqth=[SECRET], under_justice_measure={"x": SECRET}),
        _person(unknown=1),
    ],
)
def test_bad_person_data_never_shows_the_nir_or_flags(person, caplog):
    caplog.set_level("DEBUG")
    parcours = {
        "person": person,
        "structure": {"siret": "73282932000074", "kind": "ACI", "name": "A", "department": "75"},
    }
    for cls, data in ((I.Person, person), (I.Parcours, parcours), (list[I.Parcours], [parcours])):
        with pytest.raises(I.InvalidData) as info:
            I.load(cls, data)
        _assert_no_nir(str(info.value))
        _assert_no_nir(repr(info.value))
        _assert_no_nir(repr(info.value.errors))
    _assert_no_nir(caplog.text)


def test_direct_construction_never_shows_the_nir_or_flags():
    for kw in (
        {"nir": BAD_NIR},
        {"nir": int(NIR)},
        {"rqth": SECRET},
        {"under_justice_measure": SECRET},
    ):
        with pytest.raises(I.InvalidData) as info:
            I.Person(id="p", birth_date=pendulum.date(1980, 2, 1), **kw)
        _assert_no_nir(str(info.value))


def test_valid_data_with_a_nir_never_shows_it(caplog):
    caplog.set_level("DEBUG")
    person = I.load(I.Person, _person(rqth=True, under_justice_measure=True))
    assert person.nir == NIR  # the value is there…
    parcours = I.Parcours(
        person=person,
        structure=I.Structure(siret="73282932000074", kind="ACI", name="A", department="75"),
        contracts=(
            I.Contract(
                kind="CDDI",
                structure_kind="ACI",
                start=pendulum.date(2024, 1, 1),
                end=pendulum.date(2031, 12, 31),  # far too long: findings
                weekly_hours=2,
            ),
        ),
    )
    report = I.check(parcours, on=pendulum.date(2024, 6, 1))
    assert report.errors
    for text in (repr(person), str(person), repr(parcours), str(report), repr(report)):
        _assert_no_nir(text)  # …but never shown
        assert "rqth=True" not in text
        assert "under_justice_measure=True" not in text
    for f in report:
        _assert_no_nir(f.message + f.path)
    _assert_no_nir(caplog.text)
    assert I.dump(person)["nir"] == NIR  # dump is the one place it goes, by design
