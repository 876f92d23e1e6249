"""An API fuzzer in the suite: schemathesis, in process, against `create_app()` over ASGI.

Every route of the OpenAPI document, with documents the document admits (positive) and
documents it refuses (negative), derandomized, a fixed seed and a few examples per route
(no test binds a port). The checks:

* no server error, status codes and response bodies as declared;
* **negative data rejection**: a request the document refuses is refused (4xx);
* **positive data acceptance**, with one exemption, checked rather than waived: a request
  the document admits may be refused (422) only with error types that a schema met along
  each error's `loc` lists under `x-iae-constraints` (check digits, conditions across
  fields: what no standard keyword can say). Any other refusal of valid data fails, as
  the stock check says.

The default run skips schemathesis' coverage phase (hundreds of boundary cases per route);
the test marked `slow` runs it too, with more examples.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from iae_core.api import create_app  # noqa: E402

SEED = 24


def _config(*, coverage: bool) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"mode": "all"},
            "phases": {
                "coverage": {"enabled": coverage},
                "stateful": {"enabled": False},
            },
        }
    )


APP = create_app()
fast = schemathesis.openapi.from_asgi("/openapi.json", APP, config=_config(coverage=False))
thorough = schemathesis.openapi.from_asgi("/openapi.json", APP, config=_config(coverage=True))


# --- which error types a valid request may be refused with ------------------------------------


@cache
def _document() -> dict[str, Any]:
    return APP.openapi()


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in node and seen < 50:
        name = node["$ref"].rsplit("/", 1)[1]
        node = _document()["components"]["schemas"][name]
        seen += 1
    return node


def _named(node: dict[str, Any], steps: list[Any], found: set[str]) -> None:
    """Add to `found` the `x-iae-constraints` types of every schema along `steps`."""
    node = _resolve(node)
    found.update(c["type"] for c in node.get("x-iae-constraints", ()))
    for branch in node.get("anyOf", ()):
        _named(branch, steps, found)
    if not steps:
        return
    step, rest = steps[0], steps[1:]
    if isinstance(step, int) and node.get("type") == "array":
        _named(node["items"], rest, found)
    elif isinstance(step, str) and step in node.get("properties", {}):
        _named(node["properties"][step], rest, found)


def named_types(method: str, path: str, loc: list[Any]) -> set[str]:
    """The error types the schemas along `loc` (`["body", 0, "end"]`) list by name."""
    operation = _document()["paths"][path][method.lower()]
    found: set[str] = set()
    if not loc:
        return found
    where, steps = loc[0], list(loc[1:])
    if where == "body":
        _named(operation["requestBody"]["content"]["application/json"]["schema"], steps, found)
    elif where == "query" and steps:
        for param in operation.get("parameters", ()):
            if param["name"] == steps[0] and param["in"] == "query":
                schema = param.get("schema") or param["content"]["application/json"]["schema"]
                _named(schema, steps[1:], found)
    return found


def positive_data_refused_only_by_named_constraints(ctx: Any, response: Any, case: Any) -> None:
    """Positive data acceptance, but for a 422 whose every error a schema names.

    A request valid against the OpenAPI document is accepted, or refused (422) with
    errors whose types are each listed under `x-iae-constraints` by a schema along the
    error's `loc`. Anything else is the stock check's verdict.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        positive_data_acceptance(ctx, response, case)
        return
    body = response.json()
    unnamed = [
        line
        for line in body["detail"]
        if line["type"] not in named_types(case.method, case.operation.path, line["loc"])
    ]
    if unnamed:
        shown = [(line["loc"], line["type"], line["msg"]) for line in unnamed[:5]]
        msg = f"valid data refused with types no schema names: {shown}"
        raise AssertionError(msg)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_refused_only_by_named_constraints,
]


@fast.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_service_answers_as_its_openapi_document_says(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.slow
@thorough.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_service_answers_as_its_openapi_document_says_thoroughly(case):
    case.call_and_validate(checks=CHECKS)


# --- the exemption is no blanket: it tells named types from others ---------------------------


def test_named_types_follow_the_loc_through_refs_lists_and_query_parameters():
    assert "bad_order" in named_types("POST", "/check/Contract", ["body", "end"])
    assert "bad_order" in named_types("POST", "/check/Contract", ["body", 2, "end"])
    deep = ["body", 0, "accounts", 1, "subsidies", 3, "funder"]
    assert "duplicate" in named_types("POST", "/check/Activity", deep)
    assert "bad_identifier" in named_types("POST", "/check/Approval", ["query", "person", "nir"])
    assert "all_zero" in named_types("POST", "/check/Weights", ["body"])
    # what a keyword says is never exempt: a date out of range, an unknown field
    assert "out_of_range" not in named_types("POST", "/check/Contract", ["body", "start"])
    assert named_types("POST", "/check/Contract", ["query", "on"]) == set()
    assert named_types("POST", "/check/Person", []) == set()


# --- what the query refuses, the document says ---------------------------------------------------


def _parameters() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path, operations in _document()["paths"].items():
        for operation in operations.values():
            for param in operation.get("parameters", ()):
                schema = param.get("schema") or param["content"]["application/json"]["schema"]
                out.append((f"{path} {param['name']}", schema))
    return out


def test_every_date_of_the_query_says_the_days_it_takes():
    from iae_core.schema import ENTITY_DATE_PATTERN

    dates = [(name, schema) for name, schema in _parameters() if schema.get("format") == "date"]
    assert len(dates) > 40  # `on` of every route, `parcours_start`, `last_hiring_start`
    for name, schema in dates:
        assert schema["pattern"] == ENTITY_DATE_PATTERN, name


def test_the_numbers_and_identifiers_of_the_query_say_their_bounds():
    params = dict(_parameters())
    assert params["/deadlines within_days"] == {"type": "integer", "minimum": 0, "maximum": 109572}
    host = params["/plan/Immersion host_siret"]
    assert host["pattern"] == r"^[0-9]{14}$"
    assert [c["type"] for c in host["x-iae-constraints"]] == ["bad_identifier"]


def test_the_schemas_route_names_the_entities_it_knows():
    from iae_core.schema import entity_classes

    (param,) = _document()["paths"]["/schemas/{entity}"]["get"]["parameters"]
    assert param["schema"]["enum"] == [c.__name__ for c in entity_classes()]
    assert set(_document()["paths"]["/schemas/{entity}"]["get"]["responses"]) == {"200", "404"}
