"""The FastAPI application of `iae_core.api`: the route table and its handlers."""

from __future__ import annotations

import contextvars
import datetime as _dt
import inspect
import json
import logging
import math
import time
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, Literal

import attrs
import msgspec
import pendulum
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from msgspec import json as msgspec_json
from starlette.concurrency import run_in_threadpool

import iae_core
from iae_core import params as _params
from iae_core import planning
from iae_core._kernel.model import field_specs, need_number
from iae_core._kernel.text import LANGUAGES, Lang, say
from iae_core._services.registry import CHECKERS
from iae_core.api._docs import add_docs
from iae_core.approvals import Approval
from iae_core.checks import check, rules
from iae_core.contracts import Contract, Immersion
from iae_core.eligibility import EligibilityDiagnosis, GeiqDiagnosis
from iae_core.errors import (
    ErrorDetail,
    InvalidData,
    MissingDependency,
    carries_special_category,
    detail,
)
from iae_core.parcours import Parcours
from iae_core.schema import (
    ENTITY_DATE_PATTERN,
    declared_keywords,
    entity_classes,
    json_schema,
    output_schemas,
    x_iae_constraints,
)
from iae_core.serialization import dump, load, loads

__all__ = ["ACCESS_LOGGER", "ROUTES", "Route", "create_app"]

ACCESS_LOGGER = "iae_core.api.access"
"""The logger of the access log: one line per request, method, route template, status and
duration only (`create_app(log_urls=True)` adds the path and the query string)."""

MAX_BODY = 64 * 1024 * 1024
"""The largest request body read by default (64 MiB); a larger one is a 413."""

TIMEZONE = "Europe/Paris"
"""Where "today" is, for the default of `on`."""

_REF = "#/components/schemas/"


# --- errors ----------------------------------------------------------------------------------


class _Unprocessable(Exception):  # noqa: N818 - internal, turned into a 422
    """Bad input: the details, each under its loc (`("body", …)`, `("query", …)`)."""

    def __init__(self, details: Iterable[ErrorDetail]) -> None:
        self.details = tuple(details)
        super().__init__(f"{len(self.details)} invalid field(s)")


_LANG: contextvars.ContextVar[Lang] = contextvars.ContextVar("iae_core_api_lang", default="fr")
"""The language of the request being answered (set by the access-log middleware)."""


def _dumps(content: Any) -> bytes:
    return json.dumps(
        content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
    ).encode("utf-8")


def _error_body(type_: str, lang: Lang, **params: Any) -> dict[str, Any]:
    return {"detail": [detail((), type_, **params).to_json(lang)]}


class _JSON(JSONResponse):
    """A JSON answer that can always be sent.

    A body that cannot be encoded (a lone surrogate such as U+D800 echoed from the input,
    a value JSON has no form for) is never a 500: the error lines of a 422 are sent without
    their `input` and with the text that cannot be encoded replaced; any other body becomes
    a 422 `not_unicode` error.
    """

    def render(self, content: Any) -> bytes:
        try:
            return _dumps(content)
        except (UnicodeError, ValueError, TypeError, RecursionError, OverflowError):
            pass
        lang = _LANG.get()
        detail_lines = content.get("detail") if isinstance(content, dict) else None
        if self.status_code == 422 and isinstance(detail_lines, list):
            try:
                return _dumps({"detail": [_clean_line(line) for line in detail_lines]})
            except (UnicodeError, ValueError, TypeError, RecursionError, OverflowError):
                pass
        self.status_code = 422
        return _dumps(_error_body("not_unicode", lang))


def _clean_line(line: Any) -> Any:
    if not isinstance(line, dict):
        return line
    out = {k: v for k, v in line.items() if k != "input"}
    msg = out.get("msg")
    if isinstance(msg, str):
        out["msg"] = _encodable(msg)
    loc = out.get("loc")
    if isinstance(loc, list):
        out["loc"] = [_encodable(step) if isinstance(step, str) else step for step in loc]
    return out


def _encodable(text: str) -> str:
    """`text` with what UTF-8 cannot encode (a lone surrogate) as `?`."""
    return text.encode("utf-8", "replace").decode("utf-8")


class _AccessLog:
    """The access log: method, route template, status and duration.

    Never a query string, a body or a path parameter, unless `log_urls` (then the path and
    the query as received).
    """

    def __init__(self, app: Any, *, log_urls: bool = False) -> None:
        self.app = app
        self.log_urls = log_urls
        self.logger = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _LANG.set(_language(Request(scope)))
        status = 500
        started = time.perf_counter()

        async def sending(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            _LANG.reset(token)
            if self.logger.isEnabledFor(logging.INFO):
                route = getattr(scope.get("route"), "path", None) or "<no route>"
                where = route
                if self.log_urls:
                    query = scope.get("query_string", b"").decode("latin-1")
                    where = scope.get("path", "") + (f"?{query}" if query else "")
                ms = (time.perf_counter() - started) * 1000
                self.logger.info("%s %s %d %.1f ms", scope.get("method"), where, status, ms)


def _under(prefix: tuple[str | int, ...], exc: InvalidData) -> list[ErrorDetail]:
    return [d.prefixed(prefix) for d in exc.details]


def _unprocessable(details: Iterable[ErrorDetail], lang: Lang) -> JSONResponse:
    return _JSON({"detail": [d.to_json(lang) for d in details]}, status_code=422)


def _pydantic_lines(errors: Iterable[Mapping[str, Any]], lang: Lang) -> list[dict[str, Any]]:
    """FastAPI's own validation errors (an entity-typed body or parameter) as ours."""
    out = []
    for e in errors:
        ctx = e.get("ctx") or {}
        hidden = bool(ctx.get("input_hidden")) or (
            "input" in e and carries_special_category(e["input"])
        )
        if "message_en" in ctx:  # one of ours, in both languages
            msg = ctx["message_en"] if lang == "en" else ctx.get("message", e.get("msg"))
            kind = e.get("type")
        else:  # pydantic's own words: a catalogued type, the raw reason kept in params
            msg = say("api.invalid_value", lang)
            kind = "invalid_value"
        line: dict[str, Any] = {"loc": list(e.get("loc", ())), "type": kind, "msg": msg}
        if "message_en" not in ctx and not hidden:
            line["params"] = {"reason": e.get("msg"), "pydantic_type": e.get("type")}
        if not hidden and "input" in e:
            line["input"] = _json(e["input"])
        out.append(line)
    return out


# --- JSON of findings, rules, parameters --------------------------------------------------------


def _json(value: Any) -> Any:
    """`value` as JSON data: dates in ISO 8601, enums by code, sets sorted, entities dumped."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(_json(k)): _json(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        items = [_json(v) for v in value]
        return sorted(items, key=lambda v: (type(v).__name__, str(v)))
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if attrs.has(type(value)):
        return dump(value)
    return str(value)


def _rules_json() -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "subject": r.subject,
            "severity": r.severity.value,
            "reference": r.reference,
            "title": {lang: r.title_in(lang) for lang in LANGUAGES},
            "description": {lang: r.description_in(lang) for lang in LANGUAGES},
            "params": list(r.params),
            "applies_from": _json(r.applies_from),
            "applies_until": _json(r.applies_until),
            "reading": r.reading,
        }
        for r in rules()
    ]


def _params_json() -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "area": p.area,
            "unit": p.unit.value,
            "description": {"fr": p.description, "en": p.description_en},
            "verified_until": _json(p.verified_until),
            "rows": [
                {
                    "start": _json(row.start),
                    "value": _json(row.value),
                    "sources": [{"title": s.title, "url": s.url} for s in row.sources],
                    "note": row.note,
                }
                for row in p.rows
            ],
        }
        for p in _params.iter_params()
    ]


# --- language, date, context ---------------------------------------------------------------------


def _language(request: Request) -> Lang:
    """`lang` of the query if valid, else the best of `Accept-Language`, else French."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    return _accept_language(request.headers.get("accept-language", ""))


def _accept_language(header: str) -> Lang:
    best: tuple[float, int, Lang] | None = None
    for i, item in enumerate(header.split(",")):
        tag, _, rest = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        q = 1.0
        for part in rest.split(";"):
            key, _, value = part.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0 and (best is None or (q, -i) > (best[0], best[1])):
            best = (q, -i, primary)
    return best[2] if best is not None else "fr"


def _checker(cls: type) -> Callable[..., Any] | None:
    for base in cls.__mro__:
        fn = CHECKERS.get(base)
        if fn is not None:
            return fn
    return None


@dataclass(frozen=True)
class _ContextParam:
    name: str
    hint: Any  # the loadable type(s): one type, or a (single, list) pair
    required: bool
    json_text: bool  # given as JSON text (an entity, a list, a number)

    def schema(self) -> dict[str, Any]:
        """The OpenAPI parameter, with the keywords of what the service refuses in it.

        An entity, a list or a boolean is JSON text (`content`); a number is plain
        (`schema`), since JSON text would admit `2.0` for an integer.
        """
        out: dict[str, Any] = {"name": self.name, "in": "query", "required": self.required}
        schema = {**_hint_schema(self.hint), **_param_keywords(self.name)}
        if self.json_text and self.hint is not int:
            out["description"] = "JSON text"
            out["content"] = {"application/json": {"schema": schema}}
        else:
            out["schema"] = schema
        return out


_MAX_SPAN = planning.MAX_WITHIN_DAYS
"""The most days between two dates `load` accepts (1900-01-01 to 2199-12-31)."""

_PARAM_BOUNDS: dict[str, dict[str, int]] = {"within_days": {"minimum": 0, "maximum": _MAX_SPAN}}
"""The bounds of the numbers of the query, checked by the service (`out_of_range`)."""

_PARAM_FIELDS: dict[str, tuple[type, str]] = {"host_siret": (Immersion, "host_siret")}
"""The query's parameters that become a field of an entity: `/plan/Immersion`'s
`host_siret` is the new agreement's. Their schema is that field's, with its named
constraints (`x-iae-constraints`)."""


def _param_keywords(name: str) -> dict[str, Any]:
    """The keywords of a context parameter beyond its type: bounds, a field's constraints."""
    out: dict[str, Any] = dict(_PARAM_BOUNDS.get(name, {}))
    if name in _PARAM_FIELDS:
        cls, field = _PARAM_FIELDS[name]
        (spec,) = (s for s in field_specs(cls) if s.name == field)
        out.update(declared_keywords(cls, spec))
        named = [c for c in x_iae_constraints(cls) if c["fields"] == [field]]
        if named:
            out["x-iae-constraints"] = named
    return out


def _namespace() -> dict[str, Any]:
    ns: dict[str, Any] = {n: getattr(iae_core, n) for n in iae_core.__all__}
    ns.update({c.__name__: c for c in entity_classes()})
    return ns


@cache
def _context_params(cls: type | Callable[..., Any]) -> tuple[_ContextParam, ...]:
    """The context the checker of `cls` takes (beyond the subject and `on`).

    Given a function (a planner) instead of an entity class: the context it takes.
    """
    fn = cls if inspect.isfunction(cls) else _checker(cls)  # type: ignore[arg-type]
    if fn is None:
        return ()
    hints = typing.get_type_hints(fn, localns=_namespace())
    out = []
    for i, (name, p) in enumerate(inspect.signature(fn).parameters.items()):
        if i == 0 or name in ("on", "lang") or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            continue
        hint = _loadable(hints.get(name, Any))
        out.append(_ContextParam(name, hint, p.default is p.empty, json_text=not _is_text(hint)))
    return tuple(out)


def _loadable(hint: Any) -> Any:
    """A type `load` takes: optional dropped, `Iterable[X]` as `tuple[X, ...]`."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if str in args and any(isinstance(a, type) and issubclass(a, Enum) for a in args):
            args = [a for a in args if a is not str]  # `Kind | str`: the code is the text
        options = tuple(_loadable(a) for a in args)
        return options[0] if len(options) == 1 else options
    if origin in (Iterable, tuple, list, frozenset, typing.Iterable):
        return tuple[args[0], ...]  # type: ignore[valid-type]
    return hint


def _is_text(hint: Any) -> bool:
    return isinstance(hint, type) and (
        hint is str or issubclass(hint, Enum) or issubclass(hint, _dt.date)
    )


def _hint_schema(hint: Any) -> dict[str, Any]:
    if isinstance(hint, tuple):
        return {"anyOf": [_hint_schema(h) for h in hint]}
    origin = typing.get_origin(hint)
    if origin is tuple:
        return {"type": "array", "items": _hint_schema(typing.get_args(hint)[0])}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return {"type": "string", "enum": [m.value for m in hint]}
    if isinstance(hint, type) and issubclass(hint, _dt.date):
        return {"type": "string", "format": "date", "pattern": ENTITY_DATE_PATTERN}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is str:
        return {"type": "string"}
    if isinstance(hint, type) and hint in _ENTITIES_BY_CLASS():
        return {"$ref": _REF + hint.__name__}
    return {}


@cache
def _ENTITIES_BY_CLASS() -> frozenset[type]:  # noqa: N802 - a cached constant
    return frozenset(entity_classes())


def _read_value(param: _ContextParam, raw: str) -> Any:
    """The value of a context parameter given as `raw` text in the query."""
    hint = param.hint
    if isinstance(hint, tuple):  # one X or a list of X: told by the JSON text
        hint = hint[-1] if raw.lstrip().startswith("[") else hint[0]
    if hint is bool:
        if raw in ("true", "false"):
            return raw == "true"
        raise InvalidData([detail((), "not_a_boolean", input=raw)])
    if not param.json_text:
        return load(hint, raw)
    value = loads(hint, raw)
    bounds = _PARAM_BOUNDS.get(param.name)
    if bounds is not None:
        problems: list[ErrorDetail] = []
        if not need_number(problems, "", value, integer=True, **bounds):
            raise InvalidData(problems)
    return value


def _read_query(
    request: Request, cls: type | Callable[..., Any], problems: list[ErrorDetail]
) -> tuple[pendulum.Date, Lang, dict[str, Any]]:
    """`on`, `lang` and the context of a check; each problem is added to `problems`."""
    params = {p.name: p for p in _context_params(cls)}
    seen: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in seen:
            problems.append(detail(("query", key), "duplicate_key"))
            continue
        seen[key] = value
        if key not in params and key not in ("on", "lang"):
            problems.append(detail(("query", key), "unknown_field"))
    lang: Lang = _language(request)
    if "lang" in seen and seen["lang"] not in LANGUAGES:
        problems.append(
            detail(
                ("query", "lang"),
                "unknown_language",
                input=seen["lang"],
                supported=", ".join(LANGUAGES),
            )
        )
    on = pendulum.today(TIMEZONE).date()
    if "on" in seen:
        try:
            on = load(pendulum.Date, seen["on"])
        except InvalidData as exc:
            problems.extend(_under(("query", "on"), exc))
    context: dict[str, Any] = {}
    for name, param in params.items():
        if name not in seen:
            if param.required:
                problems.append(detail(("query", name), "missing"))
            continue
        try:
            context[name] = _read_value(param, seen[name])
        except InvalidData as exc:
            problems.extend(_under(("query", name), exc))
    return on, lang, context


# --- the handlers ------------------------------------------------------------------------------


async def _body(request: Request, limit: int) -> bytes:
    size = int(request.headers.get("content-length") or 0)
    if size > limit:
        raise _TooLarge(limit)
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise _TooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


class _TooLarge(Exception):  # noqa: N818 - internal, turned into a 413
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"request body larger than {limit} bytes")


def _check_documents(
    cls: type,
    raw: bytes,
    query: tuple[pendulum.Date, Lang, dict[str, Any]],
    problems: list[ErrorDetail],
) -> dict[str, Any]:
    on, lang, context = query
    many = raw.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"[")
    try:
        loaded: Any = loads(list[cls] if many else cls, raw)  # type: ignore[valid-type]
    except InvalidData as exc:
        problems.extend(_under(("body",), exc))
    if problems:  # the query's and the body's, all at once
        raise _Unprocessable(problems)
    subjects = loaded if many else [loaded]
    in_query = {"on", "lang", *context}
    reports = []
    for i, subject in enumerate(subjects):
        try:
            reports.append(check(subject, on=on, lang=lang, **context))
        except InvalidData as exc:  # the context does not fit the document
            here: tuple[str | int, ...] = ("body", i) if many else ("body",)
            raise _Unprocessable(
                d.prefixed(("query",) if d.loc and d.loc[0] in in_query else here)
                for d in exc.details
            ) from None
    out: dict[str, Any] = {
        "entity": cls.__name__,
        "on": on.isoformat(),
        "lang": lang,
        "ok": all(r.ok for r in reports),
    }
    if many:
        out["reports"] = [r.to_json(lang) for r in reports]
    else:
        out["findings"] = reports[0].to_json(lang)["findings"]
    return out


def _json_media(request: Request) -> bool:
    """Whether the body is declared JSON, or not declared at all (as curl sends it)."""
    given = request.headers.get("content-type")
    if given is None:
        return True
    media = given.split(";", 1)[0].strip().lower()
    return media in ("", "application/json") or media.endswith("+json")


class _EncodedJSON(_JSON):
    """A JSON response encoded by msgspec's C encoder: the same JSON value, compact UTF-8.

    For the large answers (the reports of thousands of documents), where the standard
    library's encoder was most of the time spent after the checks. What msgspec cannot
    encode (a lone surrogate) goes to `_JSON`'s answer that can always be sent.
    """

    def render(self, content: Any) -> bytes:
        try:
            return msgspec_json.encode(content)
        except (UnicodeError, ValueError, TypeError, OverflowError, msgspec.EncodeError):
            return super().render(content)


def _check_endpoint(cls: type, limit: int) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> JSONResponse:
        if not _json_media(request):
            return _refusal(415, "not_json_media", _language(request))
        problems: list[ErrorDetail] = []
        query = _read_query(request, cls, problems)
        raw = await _body(request, limit)
        result = await run_in_threadpool(_check_documents, cls, raw, query, problems)
        return _EncodedJSON(result)

    endpoint.__name__ = f"check_{cls.__name__}"
    return endpoint


@dataclass(frozen=True)
class Route:
    """One entry of the route table: how it adds its routes to an application.

    Attributes:
        name: what the routes are (`"check"`, `"rules"`…).
        add: adds the routes to the application, given the settings of `create_app`.
    """

    name: str
    add: Callable[[FastAPI, _Settings], None]


@dataclass(frozen=True)
class _Settings:
    max_body: int


def _add_check(app: FastAPI, settings: _Settings) -> None:
    for cls in entity_classes():
        name = cls.__name__
        body = {"$ref": _REF + name}
        app.add_api_route(
            f"/check/{name}",
            _check_endpoint(cls, settings.max_body),
            methods=["POST"],
            tags=["check"],
            summary=f"Check a {name}, or a list of them",
            response_model=None,
            openapi_extra={
                "parameters": [
                    _ON_PARAM,
                    _LANG_PARAM,
                    *(p.schema() for p in _context_params(cls)),
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"anyOf": [body, {"type": "array", "items": body}]}
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "The findings",
                        "content": {"application/json": {"schema": {"$ref": _REF + "CheckResult"}}},
                    },
                    "413": _MESSAGE_RESPONSES["413"],
                    "415": _MESSAGE_RESPONSES["415"],
                    "422": _ERRORS_RESPONSE,
                },
            },
        )

    async def unknown(request: Request, entity: str) -> JSONResponse:
        return _not_found(entity, _language(request))

    app.add_api_route("/check/{entity}", unknown, methods=["POST"], include_in_schema=False)


def _not_found(entity: str, lang: Lang, known: Iterable[str] | None = None) -> JSONResponse:
    names = [c.__name__ for c in entity_classes()] if known is None else list(known)
    return _refusal(404, "unknown_entity", lang, name=repr(entity[:60]), known=", ".join(names))


def _refusal(status: int, error_type: str, lang: Lang, **values: Any) -> JSONResponse:
    """A refusal that is not about the data (404, 413, 415), in `lang` (schema `Message`).

    The body is `{"detail": <message>, "type": <one of ERROR_TYPES>}`.
    """
    text = detail((), error_type, **values).message_in(lang)
    return _JSON({"detail": text, "type": error_type}, status_code=status)


def _add_rules(app: FastAPI, settings: _Settings) -> None:
    async def list_rules() -> JSONResponse:
        return _JSON(_rules_json())

    app.add_api_route(
        "/rules", list_rules, methods=["GET"], tags=["catalogue"], summary="The rules catalogue"
    )


def _add_params(app: FastAPI, settings: _Settings) -> None:
    async def list_params() -> JSONResponse:
        return _JSON(_params_json())

    app.add_api_route(
        "/params",
        list_params,
        methods=["GET"],
        tags=["catalogue"],
        summary="The legal parameters, with their dated values and sources",
    )


def _add_schemas(app: FastAPI, settings: _Settings) -> None:
    by_name = {c.__name__: c for c in entity_classes()}

    async def schema(request: Request) -> JSONResponse:
        # the path parameter is read here, not by FastAPI: an unknown name is our 404
        entity = request.path_params["entity"]
        cls = by_name.get(entity)
        if cls is None:
            return _not_found(entity, _language(request))
        return _JSON(json_schema(cls))

    app.add_api_route(
        "/schemas/{entity}",
        schema,
        methods=["GET"],
        tags=["catalogue"],
        summary="The JSON Schema (draft 2020-12) of an entity",
        response_model=None,
        openapi_extra={
            "parameters": [
                {
                    "name": "entity",
                    "in": "path",
                    "required": True,
                    "description": "The entity's name (404 for another).",
                    "schema": {"type": "string", "enum": list(by_name)},
                }
            ],
            "responses": {
                "200": {
                    "description": "The JSON Schema",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "404": _MESSAGE_RESPONSES["404"],
            },
        },
    )


def _add_health(app: FastAPI, settings: _Settings) -> None:
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": iae_core.__version__}

    app.add_api_route("/health", health, methods=["GET"], tags=["service"], summary="Health")


# --- planning: POST /plan/{entity}, POST /deadlines -------------------------------------------


# The types of the lists, by names the class's own fields do not shadow.
_ParcoursList = tuple[Parcours, ...]
_ContractList = tuple[Contract, ...]
_ApprovalList = tuple[Approval, ...]
_DiagnosisList = tuple[EligibilityDiagnosis, ...]
_GeiqDiagnosisList = tuple[GeiqDiagnosis, ...]


@attrs.frozen(kw_only=True)
class _DeadlineSubjects:
    """The body of `POST /deadlines`: lists of documents by entity type name."""

    Parcours: _ParcoursList = ()
    Contract: _ContractList = ()
    Approval: _ApprovalList = ()
    EligibilityDiagnosis: _DiagnosisList = ()
    GeiqDiagnosis: _GeiqDiagnosisList = ()


def _deadlines(
    subjects: _DeadlineSubjects, *, on: pendulum.Date, lang: Lang, **context: Any
) -> list[planning.Deadline]:
    """`planning.deadlines` over each list, merged by day (a list's order kept)."""
    found = planning.deadlines((), on=on, lang=lang, **context)  # the context judged once
    for field in attrs.fields(_DeadlineSubjects):
        items = getattr(subjects, field.name)
        if items:
            found.extend(planning.deadlines(items, on=on, lang=lang, **context))
    return sorted(found, key=lambda d: d.day)


@dataclass(frozen=True)
class _Planner:
    path: str
    subject: Any  # the type of the body, as `loads` reads it
    fn: Callable[..., Any]  # the planning function: its signature gives the query context
    result: str  # the name of the result's schema
    summary: str
    body: dict[str, Any]  # the body's schema
    many: bool = False  # the result is a list

    def run(self, subject: Any, on: pendulum.Date, lang: Lang, context: dict[str, Any]) -> Any:
        if self.fn is planning.deadlines:
            return [d.to_json() for d in _deadlines(subject, on=on, lang=lang, **context)]
        return self.fn(subject, on=on, **context).to_json()


def _planners() -> tuple[_Planner, ...]:
    def ref(name: str) -> dict[str, Any]:
        return {"$ref": _REF + name}

    lists = {
        f.name: {"type": "array", "items": ref(f.name)} for f in attrs.fields(_DeadlineSubjects)
    }
    return (
        _Planner(
            "/plan/Contract",
            Contract,
            planning.contract,
            "ContractPlan",
            "The lawful boundaries of a contract (planning.contract)",
            ref("Contract"),
        ),
        _Planner(
            "/plan/Approval",
            Approval,
            planning.approval,
            "ApprovalPlan",
            "What a PASS IAE allows (planning.approval)",
            ref("Approval"),
        ),
        _Planner(
            "/plan/Immersion",
            tuple[Immersion, ...],
            planning.pmsmp,
            "PmsmpRoom",
            "The room for a new PMSMP agreement with a host (planning.pmsmp): the person's"
            " agreements in the body, the host and the first day in the query",
            {"type": "array", "items": ref("Immersion")},
        ),
        _Planner(
            "/deadlines",
            _DeadlineSubjects,
            planning.deadlines,
            "Deadline",
            "Every deadline in [on, on + within_days] (planning.deadlines)",
            {"type": "object", "properties": lists, "additionalProperties": False},
            many=True,
        ),
    )


def _plan_documents(
    planner: _Planner,
    raw: bytes,
    query: tuple[pendulum.Date, Lang, dict[str, Any]],
    problems: list[ErrorDetail],
) -> Any:
    on, lang, context = query
    try:
        subject = loads(planner.subject, raw)
    except InvalidData as exc:
        problems.extend(_under(("body",), exc))
    if problems:  # the query's and the body's, all at once
        raise _Unprocessable(problems)
    in_query = {"on", "lang", *context}
    try:
        return planner.run(subject, on, lang, context)
    except InvalidData as exc:  # the context does not fit the document
        raise _Unprocessable(
            d.prefixed(("query",) if d.loc and d.loc[0] in in_query else ("body",))
            for d in exc.details
        ) from None


def _plan_endpoint(planner: _Planner, limit: int) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> JSONResponse:
        problems: list[ErrorDetail] = []
        query = _read_query(request, planner.fn, problems)
        raw = await _body(request, limit)
        result = await run_in_threadpool(_plan_documents, planner, raw, query, problems)
        return JSONResponse(result)

    endpoint.__name__ = "plan_" + planner.path.rsplit("/", 1)[-1]
    return endpoint


def _add_plan(app: FastAPI, settings: _Settings) -> None:
    for planner in _planners():
        result = {"$ref": _REF + planner.result}
        app.add_api_route(
            planner.path,
            _plan_endpoint(planner, settings.max_body),
            methods=["POST"],
            tags=["planning"],
            summary=planner.summary,
            response_model=None,
            openapi_extra={
                "parameters": [
                    {**_ON_PARAM, "description": "The day of the plan (default: today)."},
                    _LANG_PARAM,
                    *(p.schema() for p in _context_params(planner.fn)),
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": planner.body}},
                },
                "responses": {
                    "200": {
                        "description": "The plan" if not planner.many else "The deadlines",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": result}
                                if planner.many
                                else result
                            }
                        },
                    },
                    "422": _ERRORS_RESPONSE,
                },
            },
        )
    known = [p.path.rsplit("/", 1)[-1] for p in _planners() if p.path.startswith("/plan/")]

    async def unknown(request: Request, entity: str) -> JSONResponse:
        return _not_found(entity, _language(request), known)

    app.add_api_route("/plan/{entity}", unknown, methods=["POST"], include_in_schema=False)


def result_schemas() -> dict[str, Any]:
    """The schemas of the planners' results as OpenAPI components (`ContractPlan`…)."""
    from pydantic import TypeAdapter

    adapters: list[tuple[str, Literal["serialization"], TypeAdapter[Any]]] = [
        (c.__name__, "serialization", TypeAdapter(c))
        for c in (
            planning.ContractPlan,
            planning.ApprovalPlan,
            planning.PmsmpRoom,
            planning.Deadline,
        )
    ]
    _, definitions = TypeAdapter.json_schemas(adapters, ref_template=_REF + "{model}")
    out: dict[str, Any] = definitions.get("$defs", {})
    return out


ROUTES: tuple[Route, ...] = (
    Route("check", _add_check),
    Route("rules", _add_rules),
    Route("params", _add_params),
    Route("schemas", _add_schemas),
    Route("health", _add_health),
    Route("plan", _add_plan),
)
"""The route table of `create_app`: one entry per group of routes."""


# --- OpenAPI ---------------------------------------------------------------------------------

_ON_PARAM = {
    "name": "on",
    "in": "query",
    "required": False,
    "description": "The date of the check (default: today in Europe/Paris).",
    "schema": {"type": "string", "format": "date", "pattern": ENTITY_DATE_PATTERN},
}
_LANG_PARAM = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "The language of the messages (default: Accept-Language, else fr).",
    "schema": {"type": "string", "enum": list(LANGUAGES)},
}
_MESSAGE_RESPONSES = {
    status: {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": _REF + "Message"}}},
    }
    for status, description in (
        ("404", "Unknown entity: the message lists the known ones"),
        ("413", "The body is larger than the service reads"),
        ("415", "The body is not declared JSON"),
    )
}
_ERRORS_RESPONSE = {
    "description": "Bad input: every bad field with its loc",
    "content": {"application/json": {"schema": {"$ref": _REF + "DataErrors"}}},
}


def _service_schemas() -> dict[str, Any]:
    """The schemas of the answers: findings, data errors, `/check`'s result, a 422's body.

    `Finding` and `ErrorDetail` are those of `iae_core.schema.output_schemas`.
    """
    outputs = output_schemas()
    out: dict[str, Any] = {}
    for name in ("Finding", "ErrorDetail"):
        schema = outputs[name]
        schema.pop("$schema", None)
        schema.pop("$id", None)
        out[name] = schema
    finding = {"$ref": _REF + "Finding"}
    out["CheckResult"] = {
        "title": "CheckResult",
        "description": "`findings` for one document, `reports` for a list.",
        "type": "object",
        "properties": {
            "entity": {"type": "string"},
            "on": {"type": "string", "format": "date"},
            "lang": {"type": "string", "enum": list(LANGUAGES)},
            "ok": {"type": "boolean"},
            "findings": {"type": "array", "items": finding},
            "reports": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "ok": {"type": "boolean"},
                        "findings": {"type": "array", "items": finding},
                    },
                    "required": ["ok", "findings"],
                },
            },
        },
        "required": ["entity", "on", "lang", "ok"],
    }
    out["Message"] = {
        "title": "Message",
        "description": "A refusal that is not about the data (404, 413, 415): what went wrong "
        "(`detail`, in the language asked) and its error type (`ERROR_TYPES`).",
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "type": {"type": "string", "enum": ["unknown_entity", "too_large", "not_json_media"]},
        },
        "required": ["detail", "type"],
    }
    out["DataErrors"] = {
        "title": "DataErrors",
        "description": "Every bad field of the query and the body, each under its `loc`.",
        "type": "object",
        "properties": {"detail": {"type": "array", "items": {"$ref": _REF + "ErrorDetail"}}},
        "required": ["detail"],
    }
    return out


def entity_schemas() -> dict[str, Any]:
    """Every entity's JSON Schema as OpenAPI components (`#/components/schemas/Name`)."""
    from pydantic import TypeAdapter

    adapters: list[tuple[str, Literal["validation"], TypeAdapter[Any]]] = [
        (c.__name__, "validation", TypeAdapter(c)) for c in entity_classes()
    ]
    _, definitions = TypeAdapter.json_schemas(adapters, ref_template=_REF + "{model}")
    out: dict[str, Any] = definitions.get("$defs", {})
    return out


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    base = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = base()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(entity_schemas())
            components.update(result_schemas())
            components.update(_service_schemas())
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi


# --- the application ---------------------------------------------------------------------------


def create_app(
    *, max_body: int = MAX_BODY, routes: Iterable[Route] = ROUTES, log_urls: bool = False
) -> FastAPI:
    """The HTTP service: a FastAPI application.

    Args:
        max_body: the largest request body read, in bytes (a larger one is a 413).
        routes: the route table (default: every route, `ROUTES`).
        log_urls: write each request's path and query string in the access log (the
            logger `ACCESS_LOGGER`) instead of its route template. **Off by default**: a
            query may hold a NIR, the RQTH flag or a justice measure (`person=` of
            `/check/Parcours`), which then end up in the log.

    Returns:
        The application, to serve with uvicorn (`iae-core serve`) or to mount in another.
    """
    app = FastAPI(
        title="iae_core",
        version=iae_core.__version__,
        description="Rules, data model and matching for French IAE, over HTTP.",
        default_response_class=_JSON,
        docs_url=None,  # served from installed files instead of a CDN (`api/_docs.py`)
        redoc_url=None,
    )
    add_docs(app)
    settings = _Settings(max_body=max_body)
    for route in routes:
        route.add(app, settings)

    @app.exception_handler(_Unprocessable)
    async def unprocessable(request: Request, exc: _Unprocessable) -> JSONResponse:
        return _unprocessable(exc.details, _language(request))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        lines = _pydantic_lines(exc.errors(), _language(request))
        return _JSON({"detail": lines}, status_code=422)

    @app.exception_handler(MissingDependency)
    async def missing_dependency(request: Request, exc: MissingDependency) -> JSONResponse:
        body = {"detail": [exc.detail().to_json(_language(request))]}
        return _JSON(body, status_code=501)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # nothing of the input, nor of the exception: the traceback goes to the server's log
        return _JSON(_error_body("internal_error", _language(request)), status_code=500)

    @app.exception_handler(_TooLarge)
    async def too_large(request: Request, exc: _TooLarge) -> JSONResponse:
        return _refusal(413, "too_large", _language(request), n=exc.limit)

    app.add_middleware(_AccessLog, log_urls=log_urls)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    return app
