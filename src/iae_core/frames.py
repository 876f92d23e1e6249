"""Tables out: `to_records` (flat dicts), `to_pandas`, `to_polars`.

Research exports are **pseudonymous by default**:

* a person's ``id`` (and any ``person_id`` field, and PASS IAE numbers, which identify a
  person too) is replaced by a keyed hash, HMAC-SHA256 with the ``key`` the caller gives,
  as 64 hexadecimal characters. The same id and key give the same pseudonym, so rows
  stay linkable across exports made with one key; without the key nobody can recompute
  them from a list of ids;
* the NIR, the sensitive flags (``rqth``: health data; ``under_justice_measure``: justice
  data) and the exact birth date are left out; the birth year is kept. Ask for them by
  name with ``include=("nir", "rqth", "under_justice_measure", "birth_date")``;
* the special-category criteria ``TH`` (health) and ``DETENTION_MJ`` (justice) are left
  out of the ``criteria`` columns (of an ``EligibilityDiagnosis``, a ``GeiqDiagnosis``, a
  parcours's ``diagnosis_criteria``); ask for them by name with
  ``include=("TH", "DETENTION_MJ")``;
* ``key`` is a required argument; ``key=None`` (or an empty key) raises
  `ValueError` rather than export identities — even for objects without people,
  so that no call site can forget it.

Columns (one row per object): an entity's fields, nested entities flattened with a
prefix (``structure_kind``, ``exit_on``, ``person_id``), lists as counts
(``n_contracts``), sets of codes as sorted comma-separated strings, plus derived columns
(a ``Parcours``: ``start``, ``exit_category``, ``exit_counted``; a ``Contract``:
``final_end``; an ``Exit``: ``category``). Records with an ``as_dict()`` method
(`iae_core.stats.ExitStats`, partnership and funding summaries) are used as
they are.

Dtypes: dates are ``pl.Date`` in polars and ``datetime64[s]`` in pandas (pandas has no
plain date dtype without pyarrow; the time part is always midnight); enums are
categoricals whose categories are all the enum's values in declaration order (polars
``pl.Enum``); booleans and integers are nullable (pandas ``boolean``, ``Int64``).
pandas and polars are optional extras (``iae-core[pandas]``, ``iae-core[polars]``),
imported only when `to_pandas` or `to_polars` is called.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import types
import typing
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from iae_core.approvals import Approval
from iae_core.contracts import Contract
from iae_core.enums import Criterion, GeiqCriterion
from iae_core.exits import exit_counted
from iae_core.parcours import Exit, Parcours
from iae_core.people import Person

if TYPE_CHECKING:  # the extras' types, for the embedder's type checker
    import pandas
    import polars

__all__ = [
    "SENSITIVE_COLUMNS",
    "SENSITIVE_CRITERIA",
    "pseudonym",
    "to_pandas",
    "to_polars",
    "to_records",
]

SENSITIVE_COLUMNS = frozenset({"nir", "rqth", "under_justice_measure", "birth_date"})
"""Person fields left out unless asked for by name in ``include``."""

SENSITIVE_CRITERIA = frozenset({"TH", "DETENTION_MJ"})
"""Criterion codes left out of the criteria columns unless asked for by name in
``include`` (special-category data, GDPR art. 9 and 10)."""

# Column kinds: "date", "bool", "int", "float", "str", or an Enum class.
ColumnKind = str | type[Enum]
Getter = Callable[[Any], Any]


def _key_bytes(key: bytes | str | None) -> bytes:
    if key is None:
        msg = (
            "a pseudonymisation key is required (key=...): exports never carry person "
            "identifiers in clear"
        )
        raise ValueError(msg)
    raw = key.encode() if isinstance(key, str) else bytes(key)
    if not raw:
        msg = "the pseudonymisation key is empty"
        raise ValueError(msg)
    return raw


def pseudonym(value: str, *, key: bytes | str, domain: str = "person") -> str:
    """The keyed hash of an identifier: HMAC-SHA256(key, ``domain:value``), hex.

    Args:
        value: the identifier (a person id, a PASS IAE number).
        key: the secret key (bytes, or a string encoded in UTF-8).
        domain: what the identifier is (``"person"``, ``"approval"``), so that equal
            strings of different kinds never share a pseudonym.
    """
    data = f"{domain}:{value}".encode()
    return hmac.new(_key_bytes(key), data, hashlib.sha256).hexdigest()


# --- the flattening plan (built once per class) ---------------------------------------------


@attrs.frozen
class _Column:
    name: str
    kind: ColumnKind
    get: Getter
    hashed: str | None = None  # the pseudonym domain, when the value is an identifier
    sensitive: str | None = None  # the include name that enables this column
    codes: bool = False  # a set of codes: ``get`` gives the set, joined in ``_rows``
    redact: bool = False  # a set of criteria: SENSITIVE_CRITERIA left out unless included


def _unwrap_optional(tp: Any) -> Any:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _chain(outer: Getter, inner: Getter) -> Getter:
    def get(obj: Any) -> Any:
        mid = outer(obj)
        return None if mid is None else inner(mid)

    return get


def _attr(name: str) -> Getter:
    def get(obj: Any) -> Any:
        return getattr(obj, name)

    return get


def _birth_year(p: Person) -> int:
    return p.birth_date.year


def _person_columns(prefix: str) -> list[_Column]:
    return [
        _Column(f"{prefix}id", "str", _attr("id"), hashed="person"),
        _Column(f"{prefix}birth_year", "int", _birth_year),
        _Column(f"{prefix}birth_date", "date", _attr("birth_date"), sensitive="birth_date"),
        _Column(f"{prefix}nir", "str", _attr("nir"), sensitive="nir"),
        _Column(f"{prefix}rqth", "bool", _attr("rqth"), sensitive="rqth"),
        _Column(
            f"{prefix}under_justice_measure",
            "bool",
            _attr("under_justice_measure"),
            sensitive="under_justice_measure",
        ),
    ]


def _exit_category(e: Exit) -> Any:
    return e.kind.category


def _final_end(c: Contract) -> Any:
    return c.final_end


def _parcours_start(p: Parcours) -> Any:
    return p.start


def _parcours_counted(p: Parcours) -> Any:
    return None if p.exit is None else exit_counted(p)


def _derived(cls: type) -> list[tuple[str, ColumnKind, Getter]]:
    from iae_core.enums import ExitCategory

    if cls is Parcours:
        return [
            ("start", "date", _parcours_start),
            ("exit_counted", "bool", _parcours_counted),
        ]
    if cls is Exit:
        return [("category", ExitCategory, _exit_category)]
    if cls is Contract:
        return [("final_end", "date", _final_end)]
    return []


def _count(get: Getter) -> Getter:
    def count(obj: Any) -> Any:
        v = get(obj)
        return None if v is None else len(v)

    return count


def _joined(value: Any, hidden: frozenset[str]) -> Any:
    """A set as sorted comma-separated codes, without the ``hidden`` ones."""
    if value is None:
        return None
    codes = (str(x.value) if isinstance(x, Enum) else str(x) for x in value)
    return ",".join(sorted(c for c in codes if c not in hidden))


_SCALARS: dict[Any, str] = {bool: "bool", int: "int", float: "float", str: "str"}


def _columns_of(cls: type, prefix: str, get: Getter | None) -> list[_Column]:
    if cls is Person:
        cols = _person_columns(prefix)
        return [attrs.evolve(c, get=c.get if get is None else _chain(get, c.get)) for c in cols]
    hints = typing.get_type_hints(cls)
    out: list[_Column] = []
    for f in attrs.fields(cls):
        tp = _unwrap_optional(hints[f.name])
        own = _attr(f.name)
        g = own if get is None else _chain(get, own)
        name = prefix + f.name
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and attrs.has(tp):
            out.extend(_columns_of(tp, f"{name}_", g))
        elif origin is tuple:
            out.append(_Column(f"{prefix}n_{f.name}", "int", _count(g)))
        elif origin is frozenset:
            (item,) = typing.get_args(tp)
            redact = item in (Criterion, GeiqCriterion)
            out.append(_Column(name, "str", g, codes=True, redact=redact))
        elif tp is pendulum.Date or tp is _dt.date:
            out.append(_Column(name, "date", g))
        elif isinstance(tp, type) and issubclass(tp, Enum):
            out.append(_Column(name, tp, g))
        elif tp in _SCALARS:
            hashed = None
            if (cls is Approval and f.name == "number") or f.name == "person_id":
                hashed = "approval" if cls is Approval else "person"
            out.append(_Column(name, _SCALARS[tp], g, hashed=hashed))
        else:  # pragma: no cover - every entity field is one of the kinds above
            out.append(_Column(name, "str", g))
    for dname, kind, fn in _derived(cls):
        out.append(_Column(prefix + dname, kind, fn if get is None else _chain(get, fn)))
    return out


@cache
def _plan(cls: type) -> tuple[_Column, ...]:
    return tuple(_columns_of(cls, "", None))


def _check_include(include: Iterable[str]) -> frozenset[str]:
    wanted = frozenset(include)
    known = SENSITIVE_COLUMNS | SENSITIVE_CRITERIA
    unknown = wanted - known
    if unknown:
        msg = f"unknown include {sorted(unknown)}; expected some of {sorted(known)}"
        raise ValueError(msg)
    return wanted


def _rows(
    objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str]
) -> tuple[list[dict[str, Any]], dict[str, ColumnKind]]:
    secret = _key_bytes(key)
    wanted = _check_include(include)
    hidden = SENSITIVE_CRITERIA - wanted
    if attrs.has(type(objs)):
        objs = (objs,)
    rows: list[dict[str, Any]] = []
    kinds: dict[str, ColumnKind] = {}
    cache_hash: dict[tuple[str, str], str] = {}

    def hashed(domain: str, value: Any) -> Any:
        if value is None:
            return None
        k = (domain, value)
        h = cache_hash.get(k)
        if h is None:
            h = hmac.new(secret, f"{domain}:{value}".encode(), hashlib.sha256).hexdigest()
            cache_hash[k] = h
        return h

    for obj in objs:
        as_dict = getattr(obj, "as_dict", None)
        if callable(as_dict):
            row = dict(as_dict())
            for name, value in row.items():
                if name not in kinds and value is not None:
                    kinds[name] = _kind_of(value)
            rows.append(row)
            continue
        if not attrs.has(type(obj)):
            msg = f"cannot export {type(obj).__name__}: not an iae_core entity or record"
            raise TypeError(msg)
        row = {}
        cls: type = type(obj)
        for col in _plan(cls):
            if col.sensitive is not None and col.sensitive not in wanted:
                continue
            value = col.get(obj)
            if col.codes:
                value = _joined(value, hidden if col.redact else frozenset())
            elif col.hashed is not None:
                value = hashed(col.hashed, value)
            row[col.name] = value
            kinds.setdefault(col.name, col.kind)
        rows.append(row)
    return rows, kinds


def _kind_of(value: Any) -> ColumnKind:
    if isinstance(value, Enum):
        return type(value)
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return "date"
    return "str" if isinstance(value, str) else "object"


def to_records(
    objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Flat, pseudonymous rows (one dict per object), with no dependency.

    Args:
        objs: entities (``Parcours``, ``Contract``, ``Person``…) or records with an
            ``as_dict()`` method (``ExitStats``…); one entity alone is accepted too.
        key: the secret key of the pseudonyms (required; ``None`` raises).
        include: sensitive columns to keep: ``"nir"``, ``"rqth"``,
            ``"under_justice_measure"``, ``"birth_date"``; and the criteria ``"TH"`` and
            ``"DETENTION_MJ"``, left out of the criteria columns otherwise.

    Returns:
        Rows whose values are ``pendulum.Date`` dates, enum members, numbers, booleans,
        strings or ``None``.

    Raises:
        ValueError: no key, an empty key or an unknown ``include`` name.
        TypeError: an object that is neither an entity nor a record.
    """
    return _rows(objs, key=key, include=include)[0]


def _columns(rows: list[dict[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        for name in row:
            names.setdefault(name, None)
    return list(names)


_EPOCH = _dt.date(1970, 1, 1).toordinal()


def _epoch_days(values: list[Any]) -> list[int | None]:
    return [None if v is None else v.toordinal() - _EPOCH for v in values]


def to_pandas(
    objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str] = ()
) -> pandas.DataFrame:
    """A pandas ``DataFrame`` of `to_records` with proper dtypes (extra ``pandas``).

    Dates are ``datetime64[s]``, enums categoricals of every enum value, booleans
    ``boolean``, integers ``Int64``, floats ``float64``. Arguments as `to_records`.
    """
    import numpy as np
    import pandas as pd

    rows, kinds = _rows(objs, key=key, include=include)
    names = _columns(rows)
    data: dict[str, Any] = {}
    for name in names:
        values = [r.get(name) for r in rows]
        kind = kinds.get(name, "object")
        if kind == "date":
            days = np.array(
                [np.iinfo(np.int64).min if d is None else d for d in _epoch_days(values)],
                dtype="int64",
            )
            data[name] = pd.Series(days.astype("datetime64[D]").astype("datetime64[s]"))
        elif isinstance(kind, type):
            cats = [m.value for m in kind]
            data[name] = pd.Series(
                pd.Categorical(
                    [None if v is None else v.value for v in values],
                    categories=cats,
                )
            )
        elif kind == "bool":
            data[name] = pd.Series(values, dtype="boolean")
        elif kind == "int":
            data[name] = pd.Series(values, dtype="Int64")
        elif kind == "float":
            data[name] = pd.Series(
                [np.nan if v is None else float(v) for v in values], dtype="float64"
            )
        else:
            data[name] = pd.Series(values, dtype=pd.StringDtype() if kind == "str" else object)
    return pd.DataFrame(data, columns=names)


def to_polars(
    objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str] = ()
) -> polars.DataFrame:
    """A polars ``DataFrame`` of `to_records` with proper dtypes (extra ``polars``).

    Dates are ``pl.Date``, enums ``pl.Enum`` of every enum value, booleans ``Boolean``,
    integers ``Int64``, floats ``Float64``, strings ``String``. Arguments as
    `to_records`.
    """
    import polars as pl

    rows, kinds = _rows(objs, key=key, include=include)
    names = _columns(rows)
    series = []
    for name in names:
        values = [r.get(name) for r in rows]
        kind = kinds.get(name, "object")
        if kind == "date":
            s = pl.Series(name, _epoch_days(values), dtype=pl.Int32).cast(pl.Date)
        elif isinstance(kind, type):
            s = pl.Series(
                name,
                [None if v is None else v.value for v in values],
                dtype=pl.Enum([m.value for m in kind]),
            )
        elif kind == "bool":
            s = pl.Series(name, values, dtype=pl.Boolean)
        elif kind == "int":
            s = pl.Series(name, values, dtype=pl.Int64)
        elif kind == "float":
            s = pl.Series(name, values, dtype=pl.Float64)
        elif kind == "str":
            s = pl.Series(name, values, dtype=pl.String)
        else:
            s = pl.Series(name, values, dtype=pl.Object)
        series.append(s)
    return pl.DataFrame(series)
