"""JSON Schema generation: every valid instance validates, wrong types and bounds do not."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import iae_core as I
from iae_core.checks import Finding, Report
from iae_core.errors import ERROR_TYPES, ErrorDetail
from iae_core.schema import (
    CONSTRAINTS,
    DRAFT,
    ENTITY_DATE_PATTERN,
    NOT_BLANK_PATTERN,
    entity_classes,
    json_schema,
    output_schemas,
    schema_id,
)
from iae_core.testing import strategies as S
from iae_core.testing.registry import entity_strategies

STRATEGIES = entity_strategies()
CLASSES = {cls.__name__: cls for cls in entity_classes()}
WITH_STRATEGY = sorted((c for c in CLASSES.values() if c in STRATEGIES), key=lambda c: c.__name__)


@cache
def validator(cls: type) -> jsonschema.Draft202012Validator:
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def valid(cls: type, data: Any) -> bool:
    return validator(cls).is_valid(data)


# --- shape of the schemas ------------------------------------------------------------------


def test_discovers_the_core_entities():
    for name in ("Person", "Structure", "Company", "EligibilityDiagnosis", "Approval"):
        assert name in CLASSES
    for name in ("Suspension", "Prolongation", "Contract", "Renewal", "Parcours", "Exit"):
        assert name in CLASSES
    assert "Finding" not in CLASSES  # a result, not an entity
    assert list(CLASSES) == sorted(CLASSES)


FOUNDATION = [
    "Person",
    "Structure",
    "Company",
    "EligibilityDiagnosis",
    "Suspension",
    "Prolongation",
    "Approval",
    "Renewal",
    "HoursDerogation",
    "Immersion",
    "Placement",
    "Contract",
    "Action",
    "Exit",
    "Parcours",
]


def test_every_foundation_entity_has_a_strategy_for_the_property_test():
    assert {CLASSES[n] for n in FOUNDATION} <= set(STRATEGIES)


@pytest.mark.parametrize("cls", list(CLASSES.values()), ids=list(CLASSES))
def test_schema_is_valid_draft_2020_12(cls):
    schema = json_schema(cls)
    assert schema["$schema"] == DRAFT
    version = importlib.metadata.version("iae-core")
    assert schema["$id"] == schema_id(cls) == f"urn:iae-core:schema:{version}:{cls.__name__}"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    names = [f.alias or f.name for f in attrs.fields(cls)]
    assert list(schema["properties"]) == names
    required = [f.alias or f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    assert schema.get("required", []) == required
    json.dumps(schema)  # JSON-safe


def test_contract_schema_details():
    schema = json_schema(I.Contract)
    props = schema["properties"]
    assert props["start"]["format"] == "date"
    assert props["end"]["anyOf"][1] == {"type": "null"}
    assert props["end"]["anyOf"][0]["format"] == "date"
    assert props["weekly_hours"]["minimum"] == 0
    assert props["weekly_hours"]["maximum"] == 168
    assert props["trial_period_days"] == {
        "description": props["trial_period_days"]["description"],
        "type": "integer",
        "minimum": 0,
        "maximum": 2**53,  # the I-JSON limit `load` enforces
        "default": 0,
    }
    assert props["renewals"]["items"] == {"$ref": "#/$defs/Renewal"}
    assert props["renewals"]["default"] == []
    kinds = schema["$defs"]["ContractKind"]
    assert kinds["enum"] == [k.value for k in I.ContractKind]
    assert kinds["x-labels"]["CDDI"] == I.ContractKind.CDDI.label
    assert "Contract" not in schema["$defs"]


def test_enum_sets_are_unique_arrays_of_the_enum():
    props = json_schema(I.EligibilityDiagnosis)["properties"]
    assert props["criteria"]["type"] == "array"
    assert props["criteria"]["uniqueItems"] is True
    assert props["criteria"]["items"] == {"$ref": "#/$defs/Criterion"}


def test_parcours_nests_every_entity_in_defs():
    defs = json_schema(I.Parcours)["$defs"]
    for name in ("Person", "Structure", "Contract", "Renewal", "Approval", "Suspension"):
        assert defs[name]["type"] == "object"
    assert defs["StructureKind"]["enum"] == [k.value for k in I.StructureKind]


def test_schema_is_a_fresh_copy():
    first = json_schema(I.Person)
    first["properties"].clear()
    assert json_schema(I.Person)["properties"]


def test_docstring_attributes_become_descriptions():
    props = json_schema(I.Person)["properties"]
    assert props["birth_date"]["description"] == "date of birth."
    assert "never shown in `repr`" in props["nir"]["description"]


def test_not_an_attrs_class_is_refused():
    with pytest.raises(TypeError, match="not an attrs class"):
        json_schema(dict)


@attrs.frozen
class Node:
    name: str
    children: tuple[Node, ...] = ()


@attrs.frozen
class Bad:
    mapping: dict[str, int]


def test_recursive_and_unsupported_types():
    schema = json_schema(Node)
    assert schema["properties"]["children"]["items"] == {"$ref": "#"}
    v = jsonschema.Draft202012Validator(schema)
    assert v.is_valid({"name": "a", "children": [{"name": "b", "children": []}]})
    assert not v.is_valid({"name": "a", "children": [{"name": 3}]})

    with pytest.raises(TypeError, match="no JSON Schema"):
        json_schema(Bad)


# --- property tests: valid instances validate, wrong types do not ---------------------------


@pytest.mark.parametrize("cls", WITH_STRATEGY, ids=[c.__name__ for c in WITH_STRATEGY])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_generated_instance_validates(cls, data):
    obj = data.draw(STRATEGIES[cls]())
    dumped = I.dump(obj)
    errors = [e.message for e in validator(cls).iter_errors(dumped)]
    assert errors == []


def _wrong_type(value: Any) -> Any:
    """A JSON value of another type, invalid for every field type that accepts ``value``."""
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return 17
    if isinstance(value, list):
        return "not a list"
    if isinstance(value, dict):
        return ["not", "an", "object"]
    return [1]  # None: no field accepts an array in place of a null


@pytest.mark.parametrize("cls", WITH_STRATEGY, ids=[c.__name__ for c in WITH_STRATEGY])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_wrong_type_is_refused_by_schema_and_load(cls, data):
    dumped = I.dump(data.draw(STRATEGIES[cls]()))
    field = data.draw(st.sampled_from(sorted(dumped)))
    dumped[field] = _wrong_type(dumped[field])
    assert not valid(cls, dumped)
    with pytest.raises(I.InvalidData) as info:
        I.load(cls, dumped)
    assert any(p == field or p.startswith((f"{field}.", f"{field}[")) for p in info.value.paths)


@settings(max_examples=25, deadline=None)
@given(parcours=S.parcours(), bad=st.sampled_from([20240101, None, ["2024-01-01"], True]))
def test_a_wrong_type_deep_inside_is_refused(parcours, bad):
    dumped = I.dump(parcours)
    dumped["contracts"] = [
        *dumped["contracts"],
        {
            "kind": "CDDI",
            "structure_kind": "ACI",
            "start": bad,
            "end": "2024-12-31",
            "weekly_hours": 26,
        },
    ]
    assert not valid(I.Parcours, dumped)
    n = len(dumped["contracts"]) - 1
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Parcours, dumped)
    assert f"contracts[{n}].start" in info.value.paths


@settings(max_examples=25, deadline=None)
@given(person=S.persons(), key=st.text(min_size=1, max_size=8))
def test_unknown_fields_are_refused_by_both(person, key):
    dumped = I.dump(person)
    if key in dumped:
        return
    dumped[key] = 1
    assert not valid(I.Person, dumped)
    with pytest.raises(I.InvalidData):
        I.load(I.Person, dumped)


# --- the table of constraints agrees with the constructors ----------------------------------

_BAD_SHAPES = {
    # ASCII digits only, as JSON Schema reads `[0-9]` and as `load` checks: a Unicode digit
    # (`٣`, `３`) is refused in both
    r"^[0-9]{14}$": ["7328293200007", "732829320000740", "7328293200007A", "7328293200007٤"],
    r"^[A-N][0-9]{4}$": ["O1234", "K220", "k2204", "K22０4"],
    r"^[0-9]{2}\.?[0-9]{2}[A-Z]$": ["43.22", "4322a", "43-22A", "4٣22A"],
    r"^(RNCP|RS)[0-9]{1,6}$": ["BTS", "RNCP", "RS1234567", "rncp12", "RNCP١٢"],
    # blank text, refused where text is required: white space as Python's `str.isspace` says
    NOT_BLANK_PATTERN: [" ", "\t\n", "\u00a0", "\x1d", "\u2028\x85", "\u3000"],
}


SIRET = "73282932000074"


def _nir(first13: str) -> str:
    number = int(first13.replace("2A", "19").replace("2B", "18"))
    return f"{first13}{97 - number % 97:02d}"


def _example(cls: type) -> dict[str, Any]:
    """A small valid instance of ``cls`` as JSON, built by hand (no hypothesis draw)."""
    examples: dict[str, dict[str, Any]] = {
        "Person": {"id": "p1", "birth_date": "1980-02-01", "nir": _nir("1800275112002")},
        "Structure": {
            "siret": SIRET,
            "kind": "ACI",
            "name": "Atelier",
            "department": "75",
            "conventioned_fte": 10,
        },
        "Company": {"siret": SIRET, "name": "Boulangerie", "department": "2A", "naf": "10.71C"},
        "EligibilityDiagnosis": {
            "author": "EMPLOYER",
            "made_on": "2024-01-02",
            "author_siret": SIRET,
        },
        "GeiqDiagnosis": {
            "author": "GEIQ",
            "made_on": "2024-01-02",
            "criteria": ["MINIMA"],
            "author_siret": SIRET,
        },
        "Contract": {
            "kind": "CDDI",
            "structure_kind": "ACI",
            "start": "2024-01-01",
            "end": "2024-06-30",
            "weekly_hours": 26,
            "trial_period_days": 14,
        },
        "Placement": {
            "start": "2024-01-01",
            "end": "2024-01-31",
            "hours": 70,
            "host": "EMPLOYER",
            "host_siret": SIRET,
        },
        "Immersion": {"start": "2024-01-01", "end": "2024-01-15", "host_siret": SIRET},
        "GeoPoint": {"lat": 48.85, "lon": 2.35},
        "Candidate": {
            "id": "c1",
            "location": {"lat": 48.85, "lon": 2.35},
            "rome_codes": ["K2204"],
            "weekly_hours_min": 20,
            "weekly_hours_max": 35,
        },
        "Position": {
            "id": "x1",
            "location": {"lat": 48.85, "lon": 2.35},
            "rome_code": "K2204",
            "weekly_hours": 26,
            "company_siret": SIRET,
        },
        "Weights": {"distance": 1, "rome": 1, "hours": 1, "availability": 1},
        "Commitment": {
            "kind": "HIRES",
            "quantity": 3,
            "start": "2024-01-01",
            "end": "2024-12-31",
        },
        "PartnershipEvent": {
            "kind": "ORDER",
            "start": "2024-01-01",
            "hours": 35,
            "amount": 1200.5,
        },
        "Action": {"kind": "TRAINING", "start": "2024-01-01", "title": "CACES"},
        "Activity": {"siret": SIRET, "name": "Jardins", "support": "MARKET_GARDENING", "id": "a1"},
        "Approval": {"number": "XXXXX2400001", "start": "2024-01-01"},
        "Prolongation": {
            "start": "2024-01-01",
            "end": "2024-06-01",
            "reason": "COMPLETE_TRAINING",
            "validated_by": "France Travail",
        },
        "Evidence": {
            "observed_by": "tutor",
            "where": "atelier",
            "on": "2024-01-02",
            "note": "autonome",
        },
        "Skill": {
            "level": "ACQUIRED",
            "evidence": [{"observed_by": "tutor", "where": "atelier", "on": "2024-01-02"}],
            "rome_code": "K2204",
            "label": "Nettoyage",
            "certification": "RNCP1234",
        },
        "SkillsAttestation": {
            "person": {"id": "p1", "birth_date": "1980-02-01"},
            "structure": {"siret": SIRET, "kind": "ACI", "name": "Atelier", "department": "75"},
            "issued_on": "2024-03-01",
            "skills": [
                {
                    "level": "ACQUIRED",
                    "evidence": [{"observed_by": "tutor", "where": "atelier", "on": "2024-01-02"}],
                    "behavioural": "RIGOUR",
                }
            ],
            "holder_name": "Camille",
            "id": "att1",
        },
        "FollowUp": {
            "on": "2024-06-01",
            "situation": "CDI",
            "source": "DECLARED",
            "employer_siret": SIRET,
        },
        "SupportAction": {
            "kind": "JOB_COACHING",
            "start": "2024-06-01",
            "hours": 3,
            "title": "suivi",
        },
        "ImmersionAssessment": {"outcome": "COMPLETED", "notes": "bien"},
        "Orientation": {
            "person_id": "p1",
            "on": "2024-01-01",
            "category": "SOCIAL",
            "body": "FRANCE_TRAVAIL",
            "department": "75",
        },
        "PrefectDecision": {
            "decided_on": "2024-01-01",
            "ceiling_percent": 50,
            "consulted": "CDIAE",
        },
        "ScheduleDay": {"on": "2024-01-02", "hours": 7},
        "EngagementContract": {
            "person_id": "p1",
            "signed_on": "2025-02-03",
            "body": "FRANCE_TRAVAIL",
            "weekly_activity_hours": 15,
        },
        "Subsidy": {"funder": "REGION", "amount": 1000},
        "YearAccounts": {"year": 2024, "charges": 1000, "sales": 200},
        "CriterionProof": {"criterion": "RSA", "kind": "RSA_CERTIFICATE", "dated_on": "2024-01-02"},
        "Exit": {"on": "2024-06-30", "kind": "CDI"},
        "HoursDerogation": {"kind": "CUMUL", "start": "2024-01-01", "end": "2024-03-31"},
        "Parcours": {
            "person": {"id": "p1", "birth_date": "1980-02-01"},
            "structure": {"siret": SIRET, "kind": "ACI", "name": "Atelier", "department": "75"},
        },
        "PrefectWaiver": {"start": "2024-01-01", "end": "2024-12-31"},
        "Renewal": {"end": "2024-12-31"},
        "Suspension": {"start": "2024-02-01", "end": "2024-02-28", "reason": "SICKNESS"},
        "Partnership": {
            "id": "pa1",
            "company": {"siret": SIRET, "name": "Boulangerie", "department": "75"},
            "members": [{"siret": SIRET, "kind": "ACI", "name": "Atelier", "department": "75"}],
            "kinds": ["SUBCONTRACTING"],
            "start": "2024-01-01",
            "positions": ["x1"],
        },
    }
    return dict(examples[cls.__name__])


def _field_errors(cls: type, data: dict[str, Any], field: str) -> list[str]:
    try:
        I.load(cls, data)
    except I.InvalidData as exc:
        return [p for p in exc.paths if p == field or p.startswith((f"{field}.", f"{field}["))]
    return []


CONSTRAINED = sorted(k for k in CONSTRAINTS if k[0] in CLASSES)


def test_every_constraint_names_a_real_field():
    for class_name, field in CONSTRAINTS:
        if class_name not in CLASSES:
            continue  # an entity of a sub-package that is not importable
        names = {f.name for f in attrs.fields(CLASSES[class_name])}
        assert field in names, (class_name, field)


@pytest.mark.parametrize(
    ("class_name", "field"), CONSTRAINED, ids=[".".join(k) for k in CONSTRAINED]
)
def test_constraint_agrees_with_constructor(class_name, field):
    cls = CLASSES[class_name]
    base = _example(cls)
    assert valid(cls, base), list(validator(cls).iter_errors(base))
    I.load(cls, base)
    extra = CONSTRAINTS[(class_name, field)]
    wrap = "items" in extra
    rule = extra["items"] if wrap else extra

    def probe(value: Any) -> tuple[bool, list[str]]:
        data = {**base, field: [value] if wrap else value}
        if class_name == "Candidate" and field in ("weekly_hours_min", "weekly_hours_max"):
            # keep min <= max, a cross-field condition the schema cannot express
            data["weekly_hours_min"] = data["weekly_hours_max"] = value
        return valid(cls, data), _field_errors(cls, data, field)

    checked = 0
    for key, bound in rule.items():
        if key in ("minItems", "minLength"):
            outside = [] if key == "minItems" else ""
            ok_schema, errors = probe(outside)
            assert not ok_schema, (key, outside)
            assert errors, (key, outside)
            checked += 1
            continue
        if key == "pattern":
            for bad in _BAD_SHAPES.get(bound, []):
                assert probe(bad) == (False, [field] if not wrap else [f"{field}[0]"]), bad
                checked += 1
            continue
        prop = json_schema(cls)["properties"][field]
        delta = 1 if prop.get("type") == "integer" else 0.5
        outside = {"minimum": bound - delta, "maximum": bound + delta}.get(key, bound)
        ok_schema, errors = probe(outside)
        assert not ok_schema, (key, outside)
        assert errors, (key, outside)
        if key != "exclusiveMinimum":
            ok_schema, errors = probe(bound)
            assert ok_schema, (key, bound)
            assert errors == [], (key, bound, errors)
        checked += 1
    if class_name == "Person" and field == "nir":
        assert probe(_nir("5800275112002")) == (False, ["nir"])  # first digit 5
        assert probe(_nir("1801375112002")) == (False, ["nir"])  # month 13
        assert probe(_nir("1804375112002")) == (False, ["nir"])  # month 43
        for good in ("1805075112002", "2994275112002", "180022A751120"):
            assert probe(_nir(good)) == (True, []), good
        checked += 1
    if field == "department":
        for bad in ("20", "00", "96", "2C", "979"):
            assert probe(bad) == (False, ["department"]), bad
        for good in ("01", "2A", "2B", "95", "971", "989"):
            ok_schema, errors = probe(good)
            assert ok_schema, good
            assert errors == [], good
        checked += 1
    assert checked


@pytest.mark.parametrize(
    ("class_name", "field", "bound"),
    [
        ("Contract", "weekly_hours", 168.5),
        ("Contract", "weekly_hours", -0.5),
        ("Contract", "trial_period_days", -1),
        ("Placement", "hours", -0.25),
    ],
)
def test_just_outside_a_bound_is_refused_by_both(class_name, field, bound):
    cls = CLASSES[class_name]
    data = {**_example(cls), field: bound}
    assert not valid(cls, data)
    assert _field_errors(cls, data, field) == [field]


# --- one error per bad value, and the schemas of what comes back -----------------------------


def test_a_bad_enum_value_gives_one_schema_error():
    data = {"kind": "NOPE", "structure_kind": 3, "start": "2026-01-05", "end": "2026-06-01"}
    data["weekly_hours"] = 26
    found = sorted(
        ("/".join(map(str, e.absolute_path)), e.validator)
        for e in validator(I.Contract).iter_errors(data)
    )
    assert found == [("kind", "enum"), ("structure_kind", "enum")]


def test_the_output_schemas_are_valid_and_versioned():
    outputs = output_schemas()
    assert set(outputs) == {"Finding", "Report", "ErrorDetail", "InvalidData", "CheckOutput"}
    version = importlib.metadata.version("iae-core")
    for name, schema in outputs.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"urn:iae-core:schema:{version}:{name}"
    assert json_schema(Report) == outputs["Report"]
    assert json_schema(Finding) == outputs["Finding"]
    assert json_schema(ErrorDetail) == outputs["ErrorDetail"]
    assert json_schema(I.InvalidData) == outputs["InvalidData"]


def test_reports_and_errors_validate_against_their_schemas():
    params = {"on": pendulum.date(2026, 1, 5), "kind": I.StructureKind.ACI, "n": frozenset("ba")}
    finding = Finding(
        code="x.y", severity=I.Severity.ERROR, message="m", reference="r", params=params
    )
    report = Report([finding])
    assert report.to_json()["findings"][0]["params"] == {
        "on": "2026-01-05",
        "kind": "ACI",
        "n": ["a", "b"],
    }
    jsonschema.Draft202012Validator(output_schemas()["Report"]).validate(report.to_json())
    for f in report:
        jsonschema.Draft202012Validator(output_schemas()["Finding"]).validate(f.to_json("en"))
    with pytest.raises(I.InvalidData) as info:
        I.load(I.Approval, {"number": 3, "start": "2024-13-01", "nir": 1})
    data = info.value.to_json()
    jsonschema.Draft202012Validator(output_schemas()["InvalidData"]).validate(data)
    bad = [{"loc": ["a"], "type": "no_such_type", "msg": "x"}]
    assert list(jsonschema.Draft202012Validator(output_schemas()["InvalidData"]).iter_errors(bad))


# --- one declaration per constraint (issue 24) --------------------------------------------
#
# Every document drawn from `json_schema(cls)` (hypothesis-jsonschema) loads, or is refused
# only with error types that the schema lists under `x-iae-constraints` (what no standard
# keyword can say: check digits, cross-field constraints); a valid document with one declared
# keyword violated is refused, at that field, with the error type that names that constraint;
# every error type has French and English templates, and the generic type `invalid` is gone.


def _named_types(schema: dict[str, Any]) -> set[str]:
    """The error types listed under `x-iae-constraints`, in the schema and its `$defs`."""
    found = {c["type"] for c in schema.get("x-iae-constraints", ())}
    for sub in schema.get("$defs", {}).values():
        found |= {c["type"] for c in sub.get("x-iae-constraints", ())}
    return found


ENTITIES = entity_classes()

_compat_spec = importlib.util.spec_from_file_location(
    "_jsonschema_compat", Path(__file__).with_name("_jsonschema_compat.py")
)
_compat = importlib.util.module_from_spec(_compat_spec)
_compat_spec.loader.exec_module(_compat)
from_entity_schema = _compat.from_entity_schema
"""hypothesis-jsonschema's `from_schema`, made to work here (`tests/_jsonschema_compat.py`)."""


@cache
def documents(cls: type) -> st.SearchStrategy[Any]:
    """Documents valid against `json_schema(cls)`, drawn by hypothesis-jsonschema."""
    return from_entity_schema(json_schema(cls))


def _drawn_document_loads_or_breaks_a_named_constraint(cls: type, document: Any) -> None:
    schema = json_schema(cls)
    assert validator(cls).is_valid(document)  # hypothesis-jsonschema drew a valid one
    try:
        I.load(cls, document)
    except I.InvalidData as exc:
        refused = exc
    else:
        return
    assert set(refused.types) <= _named_types(schema), (refused.types, refused.errors)


@pytest.mark.parametrize("cls", ENTITIES, ids=lambda c: c.__name__)
@settings(max_examples=10, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_documents_drawn_from_the_schema_load_or_break_a_named_constraint(cls, data):
    document = data.draw(documents(cls))
    _drawn_document_loads_or_breaks_a_named_constraint(cls, document)


@pytest.mark.slow
@pytest.mark.parametrize("cls", ENTITIES, ids=lambda c: c.__name__)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_many_documents_drawn_from_the_schema_load_or_break_a_named_constraint(cls, data):
    document = data.draw(documents(cls))
    _drawn_document_loads_or_breaks_a_named_constraint(cls, document)


def test_the_compatibility_shim_honours_sizes_and_rejections():
    """The old `many` protocol over the new one: sizes bounded, a rejected key not kept."""
    schema = {
        "type": "object",
        "properties": {k: {"type": "integer"} for k in "abcdefgh"},
        "minProperties": 2,
        "maxProperties": 4,
        "additionalProperties": False,
        # a key drawn after `a` or before it is rejected (`elements.reject()`) when both are in
        "dependencies": {"a": {"not": {"required": ["b"]}}},
    }
    sizes: set[int] = set()

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(from_entity_schema(schema))
    def draw(document):
        assert 2 <= len(document) <= 4
        assert set(document) <= set("abcdefgh")
        assert not {"a", "b"} <= set(document)
        sizes.add(len(document))

    draw()
    assert sizes == {2, 3, 4}


@pytest.mark.parametrize("cls", ENTITIES, ids=lambda c: c.__name__)
def test_every_named_constraint_has_both_languages_and_a_known_type(cls):
    for entry in json_schema(cls).get("x-iae-constraints", ()):
        assert entry["type"] in ERROR_TYPES
        assert entry["fields"]
        assert entry["description"]["fr"]
        assert entry["description"]["en"]


_EXPECTED_TYPE = {
    "minimum": {"out_of_range"},
    "maximum": {"out_of_range"},
    "exclusiveMinimum": {"out_of_range"},
    "exclusiveMaximum": {"out_of_range"},
    "minLength": {"empty_string"},
    "minItems": {"too_few_items"},
}
KEYWORDS = sorted(
    (cls_name, field, key)
    for (cls_name, field), keywords in CONSTRAINTS.items()
    if cls_name in CLASSES
    for key in keywords
    if key in _EXPECTED_TYPE or key == "pattern"
)


@pytest.mark.parametrize(("cls_name", "field", "key"), KEYWORDS, ids=lambda v: str(v))
def test_one_keyword_violated_is_refused_with_its_type(cls_name, field, key):
    cls = CLASSES[cls_name]
    base = _example(cls)
    rule = CONSTRAINTS[(cls_name, field)]
    bound = rule[key]
    if key == "pattern":
        bad_values = _BAD_SHAPES.get(bound, [])
        expected = {"bad_format", "bad_identifier", "empty_string"}
    elif key in ("minLength", "minItems"):
        bad_values = ["" if key == "minLength" else []]
        expected = _EXPECTED_TYPE[key]
    else:
        is_int = json_schema(cls)["properties"][field].get("type") == "integer" or (
            isinstance(bound, int) and field in ("year", "seats", "trial_period_days")
        )
        delta = 1 if is_int else 0.5
        bad_values = [{"minimum": bound - delta, "maximum": bound + delta}.get(key, bound)]
        expected = _EXPECTED_TYPE[key]
    assert bad_values or key == "pattern"
    for bad in bad_values:
        data = {**base, field: bad}
        if cls_name == "Candidate" and field in ("weekly_hours_min", "weekly_hours_max"):
            data["weekly_hours_min"] = data["weekly_hours_max"] = bad
        with pytest.raises(I.InvalidData) as info:
            I.load(cls, data)
        here = [d for d in info.value.details if d.path == field]
        assert here, (bad, info.value.errors)
        assert {d.type for d in here} <= expected, (bad, info.value.types)


def _type_keywords(cls: type) -> list[tuple[str, str, Any, set[str]]]:
    """`(field, keyword, bad value, expected types)` for the keywords a field's type gives.

    The dates' pattern (a day out of 1900-2199, a day no calendar has), an enum's codes and
    the `uniqueItems` of a set or of a list declared `Unique`.
    """
    schema = json_schema(cls)
    base = _example(cls)
    out = []
    for name, prop in schema["properties"].items():
        branch = next((b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"), prop)
        if branch.get("pattern") == ENTITY_DATE_PATTERN:
            out.append((name, "pattern", "1899-12-31", {"out_of_range"}))
            out.append((name, "pattern", "2023-02-29", {"not_a_date"}))
        ref = branch.get("$ref", "")
        if ref.startswith("#/$defs/") and "enum" in schema["$defs"][ref.rsplit("/", 1)[1]]:
            out.append((name, "enum", "NOT_A_CODE", {"bad_enum"}))
        if branch.get("uniqueItems"):
            items = branch["items"]
            item = (base.get(name) or [None])[0]
            if item is None and "$ref" in items:
                item = schema["$defs"][items["$ref"].rsplit("/", 1)[1]].get("enum", [None])[0]
            if item is None and items.get("type") == "string":
                item = "x"
            if item is not None:
                out.append((name, "uniqueItems", [item, item], {"duplicate"}))
    return out


TYPE_KEYWORDS = [(cls.__name__, *case) for cls in entity_classes() for case in _type_keywords(cls)]


def test_every_entity_has_type_keywords_to_violate():
    # these have numbers, text and nested entities only: their keywords are in CONSTRAINTS
    # (or in their nested entities' schemas)
    without = {"Company", "GeoPoint", "Parcours", "Weights", "YearAccounts"}
    assert {case[0] for case in TYPE_KEYWORDS} == set(CLASSES) - without
    assert {case[2] for case in TYPE_KEYWORDS} == {"pattern", "enum", "uniqueItems"}


@pytest.mark.parametrize(
    ("cls_name", "field", "key", "bad", "expected"),
    TYPE_KEYWORDS,
    ids=[f"{c}.{f}.{k}={b!r}" for c, f, k, b, _ in TYPE_KEYWORDS],
)
def test_a_type_keyword_violated_is_refused_with_its_type(cls_name, field, key, bad, expected):
    cls = CLASSES[cls_name]
    data = {**_example(cls), field: bad}
    assert not valid(cls, data), (field, bad)
    with pytest.raises(I.InvalidData) as info:
        I.load(cls, data)
    here = [d for d in info.value.details if d.path == field or d.path.startswith(f"{field}[")]
    assert here, (bad, info.value.errors)
    assert {d.type for d in here} <= expected, (bad, info.value.types)


def test_the_date_pattern_admits_exactly_the_days_load_accepts():
    import datetime as dt
    import re

    pattern = re.compile(ENTITY_DATE_PATTERN)
    day, last = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
    while day <= last:
        assert pattern.match(day.isoformat()), day
        day += dt.timedelta(days=1)
    for text in ("1899-12-31", "2200-01-01", "1900-02-29", "2100-02-29", "2023-02-29",
                 "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00"):  # fmt: skip
        assert not pattern.match(text), text
        with pytest.raises(I.InvalidData):
            I.load(I.Exit, {"on": text, "kind": "CDI"})
    for text in ("2000-02-29", "2024-02-29", "2196-02-29", "1904-02-29"):
        assert pattern.match(text), text
        I.load(I.Exit, {"on": text, "kind": "CDI"})


def test_every_error_type_has_both_languages():
    assert "invalid" not in ERROR_TYPES
    for code, error_type in ERROR_TYPES.items():
        assert error_type.description, code
        assert error_type.messages, code
        for variant, (fr, en) in error_type.messages.items():
            assert fr.strip(), (code, variant)
            assert en.strip(), (code, variant)
