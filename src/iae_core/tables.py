"""Tables out: the study tables of parcours, and any entity as rows or a DataFrame.

One export path. Everything leaves as a `Table` (named columns with their kinds), and
`Table.to_arrow` is the one mapping of those kinds to types: pandas (`Table.to_pandas`),
polars (`Table.to_polars`), Parquet (`Table.to_parquet`) and DuckDB read the same Arrow
table. `Table.records` gives plain dicts with no dependency.

```python
t = tables.parcours_table(all_parcours, key=secret)
df = t.to_polars()
tables.contracts_table(all_parcours, key=secret).to_parquet("contracts.parquet")
rows = tables.to_records(all_parcours, key=secret)  # any entity, one dict per object
```

The study tables:

* `parcours_table`: one row per parcours: its key, the person's pseudonym and birth
  year, the structure, entry date and year, age at entry, final contract end, exit date,
  year, kind, category, whether it is counted, and its duration;
* `contracts_table`: one row per contract, with the key of its parcours;
* `criteria_table`: one row per (parcours, criterion) of the diagnosis;
* `durations_table`: one row per parcours started by a day, with its duration and events
  for survival analysis, censored at that day (also `iae_core.survival.durations_table`).

The **parcours key** `parcours_id` is a keyed hash (`pseudonym`, domain `"parcours"`) of
the person's id, the structure's SIRET and the first contract's start, so the three tables
join on it and exports made with one key link.

Any entity (`Parcours`, `Contract`, `Person`, a diagnosis…) or record with an `as_dict()`
method (`iae_core.stats.ExitStats`, partnership and funding summaries): `to_records`
(plain dicts, no dependency), `to_table`, `to_pandas`, `to_polars`, one row per object.
An entity's fields, nested entities flattened with a prefix (`structure_kind`, `exit_on`,
`person_id`), lists as counts (`n_contracts`), sets of codes as sorted comma-separated
strings, plus derived columns (a `Parcours`: `start`, `exit_category`, `exit_counted`; a
`Contract`: `final_end`; an `Exit`: `category`). Records are used as they are.

Every export here is **pseudonymous by default**:

* a person's `id` (and any `person_id` field, and PASS IAE numbers, which identify a
  person too) is replaced by `pseudonym`: HMAC-SHA256 with the `key` the caller gives,
  as 64 hexadecimal characters. The same id and key give the same pseudonym, so rows
  stay linkable across exports made with one key; without the key nobody can recompute
  them from a list of ids;
* the NIR, the sensitive flags (`rqth`: health data; `under_justice_measure`: justice
  data) and the exact birth date are left out; the birth year is kept. Ask for them by
  name with `include=("nir", "rqth", "under_justice_measure", "birth_date")`;
* the special-category criteria `TH` (health) and `DETENTION_MJ` (justice) are left out
  of the criteria columns (of an `EligibilityDiagnosis`, a `GeiqDiagnosis`, a parcours's
  `diagnosis_criteria`) and of the criteria table, rows and categories; ask for them by
  name with `include=("TH", "DETENTION_MJ")`;
* `key` is a required argument; `key=None` (or an empty key) raises `ValueError` rather
  than export identities, even for objects without people, so that no call site can
  forget it.

Dtypes (through Arrow): dates `date32` (pandas `date32[day][pyarrow]`, polars
`pl.Date`), enums dictionaries of their codes in declared order (pandas categoricals,
polars `pl.Enum`), booleans and integers nullable (pandas `boolean`, `Int64`), floats
`float64`, strings `string` (polars `String`). Enum columns hold the codes; `labels=True`
(study tables) adds a `<column>_label` column of French labels beside each. Study tables'
categoricals have the categories present in the data, in the enum's declared order
(`all_categories=True` keeps every value); an entity export's have every value.
pandas, polars and pyarrow are optional extras (`iae-core[pandas]`, `iae-core[polars]`),
imported only when a DataFrame or Arrow table is asked for.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import sys
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from iae_core import dates
from iae_core.approvals import Approval
from iae_core.contracts import Contract
from iae_core.dates import DayLike, as_day
from iae_core.enums import Criterion, GeiqCriterion, LabelledEnum
from iae_core.exits import exit_counted
from iae_core.parcours import Exit, Parcours
from iae_core.people import Person

if TYPE_CHECKING:  # the extras' types, for the embedder's type checker
    import pandas
    import polars
    import pyarrow

__all__ = [
    "SENSITIVE_COLUMNS",
    "SENSITIVE_CRITERIA",
    "Table",
    "contracts_table",
    "criteria_table",
    "duration_months",
    "durations_table",
    "parcours_table",
    "pseudonym",
    "to_pandas",
    "to_polars",
    "to_records",
    "to_table",
]

SENSITIVE_COLUMNS = frozenset({"nir", "rqth", "under_justice_measure", "birth_date"})
"""Person fields left out unless asked for by name in `include`."""

SENSITIVE_CRITERIA = frozenset({"TH", "DETENTION_MJ"})
"""Criterion codes left out of the criteria columns unless asked for by name in
`include` (special-category data, GDPR art. 9 and 10)."""

_INCLUDES = SENSITIVE_COLUMNS | SENSITIVE_CRITERIA

Kind = str | type[Enum]
"""A column kind: `"date"`, `"bool"`, `"int"`, `"float"`, `"str"`, `"object"` (any other
value: its Arrow type is inferred), or an enum."""


# --- pseudonyms ---------------------------------------------------------------------------


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
    """The keyed hash of an identifier: HMAC-SHA256(key, `domain:value`), hex.

    Every pseudonym of this module (person ids, PASS IAE numbers, parcours keys) is this
    function's.

    Args:
        value: the identifier (a person id, a PASS IAE number).
        key: the secret key (bytes, or a string encoded in UTF-8).
        domain: what the identifier is (`"person"`, `"approval"`, `"parcours"`), so that
            equal strings of different kinds never share a pseudonym.

    Returns:
        64 hexadecimal characters.

    Raises:
        ValueError: an empty key (or `None`).
    """
    data = f"{domain}:{value}".encode()
    return hmac.new(_key_bytes(key), data, hashlib.sha256).hexdigest()


class _Pseudonyms:
    """`pseudonym` under one key, one string per pseudonym (`sys.intern`).

    Equal pseudonyms share one string, in one table and between the tables of a study
    (the `person_id` of `parcours_table` and `durations_table`), and nothing is kept
    beyond the strings the tables hold: a cache by value would hold one entry per person
    (at 400,000 parcours, tens of MB at the peak) to spare an HMAC of a few microseconds.
    """

    def __init__(self, key: bytes | str | None) -> None:
        self.key = _key_bytes(key)  # raises ValueError without a key

    def __call__(self, domain: str, value: Any) -> str | None:
        if value is None:
            return None
        return sys.intern(pseudonym(value, key=self.key, domain=domain))

    def parcours(self, p: Parcours, start: Any = False) -> str:
        if start is False:
            start = p.start
        raw = f"{p.person.id}|{p.structure.siret}|{'' if start is None else start.isoformat()}"
        return sys.intern(pseudonym(raw, key=self.key, domain="parcours"))


def _check_include(include: Iterable[str]) -> frozenset[str]:
    wanted = frozenset(include)
    unknown = wanted - _INCLUDES
    if unknown:
        msg = f"unknown include {sorted(unknown)}; expected some of {sorted(_INCLUDES)}"
        raise ValueError(msg)
    return wanted


# --- the table, and its one mapping to Arrow ----------------------------------------------


@attrs.frozen(kw_only=True)
class Labels:
    """The kind of a column of French labels of an enum column."""

    enum: type[LabelledEnum]


_EPOCH = _dt.date(1970, 1, 1).toordinal()

_INTS = tuple(range(4096))
"""One object per integer below 4096 (years, durations in days): a column of 400,000 years
holds 400,000 references to a few objects rather than 400,000 objects of 28 bytes."""


def _shared(n: int) -> int:
    return _INTS[n] if 0 <= n < 4096 else n


def _categories(kind: type[Enum], values: Sequence[Any], every: bool) -> list[Enum]:
    if every:
        return list(kind)
    seen = set(values)
    return [m for m in kind if m in seen]


@attrs.frozen(kw_only=True, repr=False)
class Table:
    """Named columns with their kinds, ready for records, DataFrames or Parquet.

    `to_arrow` maps the kinds to Arrow types; `to_pandas`, `to_polars` and
    `to_parquet` read that one Arrow table, so a kind has the same dtype everywhere.

    Attributes:
        name: what one row is (`"parcours"`, `"contracts"`, `"criteria"`, an entity's
            class name…).
        kinds: each column's kind, in column order: `"date"` (`pendulum.Date` values),
            `"bool"`, `"int"`, `"float"`, `"str"`, `"object"` (Arrow infers the type), an
            enum class (members), or `Labels` (French labels of the enum column before it).
        data: each column's values, `None` for missing.
        all_categories: categoricals keep every enum value (else only those present).
        never: enum values that are never categories of a column, even with
            `all_categories` (the hidden special-category criteria).
    """

    name: str
    kinds: dict[str, Kind | Labels]
    data: dict[str, list[Any]]
    all_categories: bool = False
    never: Mapping[str, frozenset[Enum]] = attrs.field(factory=dict)

    def __repr__(self) -> str:  # never the values: they may hold included sensitive data
        return f"Table({self.name!r}, {len(self)} rows, columns={self.columns!r})"

    @property
    def columns(self) -> list[str]:
        """The column names, in order."""
        return list(self.kinds)

    def __len__(self) -> int:
        return len(next(iter(self.data.values()), []))

    def records(self) -> list[dict[str, Any]]:
        """One dict per row (dates as `pendulum.Date`, enums as members)."""
        names = self.columns
        return [dict(zip(names, row, strict=True)) for row in zip(*self.data.values(), strict=True)]

    def _enum_of(self, kind: Kind | Labels) -> type[Enum] | None:
        if isinstance(kind, Labels):
            return kind.enum
        return kind if isinstance(kind, type) else None

    def categories(self, name: str) -> list[str]:
        """The categories of an enum (or label) column: codes (or labels), declared order.

        Raises:
            ValueError: `name` is not an enum or label column.
        """
        kind = self.kinds[name]
        enum = self._enum_of(kind)
        if enum is None:
            msg = f"{name} is not an enum column"
            raise ValueError(msg)
        code_column = name.removesuffix("_label") if isinstance(kind, Labels) else name
        never = self.never.get(code_column, frozenset())
        members = [
            m
            for m in _categories(enum, self.data[code_column], self.all_categories)
            if m not in never
        ]
        if isinstance(kind, Labels):
            return [m.label for m in members]  # type: ignore[attr-defined]
        return [m.value for m in members]

    def _plain(self, name: str) -> list[Any]:
        """Values as plain codes / labels / epoch days."""
        kind = self.kinds[name]
        values = self.data[name]
        if kind == "date":
            return [None if d is None else d.toordinal() - _EPOCH for d in values]
        if isinstance(kind, type):
            return [None if v is None else v.value for v in values]
        return values

    def to_arrow(self) -> pyarrow.Table:
        """A `pyarrow.Table`: the one mapping of the kinds to types.

        Dates `date32`; enums and labels ordered dictionaries (`int32` indices) whose
        values are the categories in declared order; booleans `bool`, integers `int64`,
        floats `float64`, strings `string`; `"object"` columns as pyarrow infers them
        (`Decimal` gives `decimal128`, a column of `None` `null`), or their `str` when it
        cannot. pyarrow comes with the `pandas` and `polars` extras. The schema metadata
        `iae_core` (JSON) names the table and each enum column's enum and categories.
        """
        from iae_core.errors import require

        pa = require("pyarrow", feature="Table.to_arrow", extra="pandas")
        arrays = []
        enums: dict[str, Any] = {}
        scalars = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64()}
        for name, kind in self.kinds.items():
            values = self._plain(name)
            if kind == "date":
                arrays.append(pa.array(values, type=pa.int32()).cast(pa.date32()))
            elif isinstance(kind, (Labels, type)):
                cats = self.categories(name)
                index = {c: i for i, c in enumerate(cats)}
                codes = pa.array([None if v is None else index[v] for v in values], pa.int32())
                arrays.append(
                    pa.DictionaryArray.from_arrays(codes, pa.array(cats, pa.string()), ordered=True)
                )
                enum = self._enum_of(kind)
                enums[name] = {"enum": getattr(enum, "__name__", ""), "categories": cats}
            elif kind == "object":
                arrays.append(_inferred(values))
            else:
                arrays.append(pa.array(values, type=scalars.get(str(kind), pa.string())))
        meta = {"iae_core": json.dumps({"table": self.name, "enums": enums})}
        return pa.Table.from_arrays(arrays, names=self.columns).replace_schema_metadata(meta)

    def to_pandas(self) -> pandas.DataFrame:
        """A pandas `DataFrame` of `to_arrow` (extra `pandas`).

        Dates `date32[day][pyarrow]` (pyarrow's date dtype: pandas has no plain date
        dtype of its own; `.dt.year`, comparisons with `datetime.date` work), enums and
        labels categoricals (unordered, categories in declared order), booleans `boolean`,
        integers `Int64`, floats `float64`, strings `string`. `pandas.read_parquet` of
        `to_parquet`'s file gives the same dtypes.
        """
        _require_both("pandas", "Table.to_pandas")
        return _arrow_to_pandas(self.to_arrow())

    def to_polars(self) -> polars.DataFrame:
        """A polars `DataFrame` of `to_arrow` (extra `polars`).

        Dates `pl.Date`, enums and labels `pl.Enum` (categories in declared order),
        booleans `Boolean`, integers `Int64`, floats `Float64`, strings `String`.
        """
        _require_both("polars", "Table.to_polars")
        return _arrow_to_polars(self.to_arrow())

    def to_parquet(self, path: str | Path) -> None:
        """Write the table to a Parquet file (see `to_arrow` for the types).

        The file carries pandas' metadata (when pandas is installed), so
        `pandas.read_parquet` gives back exactly `to_pandas`'s dtypes (dates
        `date32[day][pyarrow]`, unordered categoricals, `Int64`, `boolean`, `string`);
        polars reads it with `pl.Date` dates and categoricals of the same values, DuckDB
        with `DATE` columns, pyarrow with `to_arrow`'s schema except that the dictionaries
        are unordered (as pandas' categoricals; the categories keep the declared order,
        recorded in the `iae_core` metadata).
        """
        from iae_core.errors import require

        pq = require("pyarrow.parquet", feature="Table.to_parquet", extra="pandas")
        import pyarrow as pa

        table = self.to_arrow()
        for i, field in enumerate(table.schema):
            if pa.types.is_dictionary(field.type):
                unordered = pa.dictionary(field.type.index_type, field.type.value_type)
                table = table.set_column(i, field.name, table.column(i).cast(unordered))
        meta = dict(table.schema.metadata or {})
        pandas_meta = _pandas_metadata(table)
        if pandas_meta is not None:
            meta[b"pandas"] = pandas_meta
        pq.write_table(table.replace_schema_metadata(meta), str(path))


def _pandas_metadata(table: pyarrow.Table) -> bytes | None:
    """The pandas schema metadata of `table`, read as `Table.to_pandas` reads it.

    Built from the table's first zero rows (the dtypes, not the data), so that writing a
    national table does not convert it to pandas; `None` without pandas (the `polars`
    extra brings pyarrow alone), and the file is then written without it.
    """
    import pyarrow as pa

    try:
        empty = _arrow_to_pandas(table.slice(0, 0))
    except ImportError:
        return None
    frame = pa.Table.from_pandas(empty, preserve_index=False)
    return (frame.schema.metadata or {}).get(b"pandas")


def _require_both(library: str, feature: str) -> None:
    """`library` and pyarrow, or `MissingDependency` naming the extra `library`."""
    from iae_core.errors import require

    require(library, feature=feature, extra=library)
    require("pyarrow", feature=feature, extra=library)


def _inferred(values: list[Any]) -> pyarrow.Array:
    import pyarrow as pa

    try:
        return pa.array(values)
    except (pa.ArrowException, TypeError, ValueError):
        return pa.array([None if v is None else str(v) for v in values], pa.string())


def _enum_columns(table: pyarrow.Table) -> dict[str, list[str]]:
    """Each enum column's categories, from the schema metadata `to_arrow` writes."""
    meta = (table.schema.metadata or {}).get(b"iae_core")
    if meta is None:
        return {}
    enums: dict[str, Any] = json.loads(meta)["enums"]
    return {name: list(e["categories"]) for name, e in enums.items()}


def _arrow_to_pandas(table: pyarrow.Table) -> pandas.DataFrame:
    import pandas as pd
    import pyarrow as pa

    enums = _enum_columns(table)
    nullable = {pa.bool_(): pd.BooleanDtype(), pa.int64(): pd.Int64Dtype()}
    nullable[pa.string()] = pd.StringDtype()
    nullable[pa.date32()] = pd.ArrowDtype(pa.date32())
    df = table.to_pandas(types_mapper=nullable.get)
    for name in enums:
        df[name] = df[name].cat.as_unordered()
    return df


def _arrow_to_polars(table: pyarrow.Table) -> polars.DataFrame:
    import polars as pl

    df = pl.from_arrow(table)
    assert isinstance(df, pl.DataFrame)
    enums = _enum_columns(table)
    if enums:
        df = df.with_columns(pl.col(name).cast(pl.Enum(cats)) for name, cats in enums.items())
    return df


# --- any entity: the flattening plan (built once per class) --------------------------------

_Getter = Callable[[Any], Any]


@attrs.frozen
class _Column:
    name: str
    kind: Kind
    get: _Getter
    hashed: str | None = None  # the pseudonym domain, when the value is an identifier
    sensitive: str | None = None  # the include name that enables this column
    codes: bool = False  # a set of codes: `get` gives the set, joined in `_rows`
    redact: bool = False  # a set of criteria: SENSITIVE_CRITERIA left out unless included


def _unwrap_optional(tp: Any) -> Any:
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _chain(outer: _Getter, inner: _Getter) -> _Getter:
    def get(obj: Any) -> Any:
        mid = outer(obj)
        return None if mid is None else inner(mid)

    return get


def _attr(name: str) -> _Getter:
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


def _derived(cls: type) -> list[tuple[str, Kind, _Getter]]:
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


def _count(get: _Getter) -> _Getter:
    def count(obj: Any) -> Any:
        v = get(obj)
        return None if v is None else len(v)

    return count


def _joined(value: Any, hidden: frozenset[str]) -> Any:
    """A set as sorted comma-separated codes, without the `hidden` ones."""
    if value is None:
        return None
    codes = (str(x.value) if isinstance(x, Enum) else str(x) for x in value)
    return ",".join(sorted(c for c in codes if c not in hidden))


_SCALARS: dict[Any, str] = {bool: "bool", int: "int", float: "float", str: "str"}


def _columns_of(cls: type, prefix: str, get: _Getter | None) -> list[_Column]:
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
            out.append(_Column(name, "object", g))
    for dname, kind, fn in _derived(cls):
        out.append(_Column(prefix + dname, kind, fn if get is None else _chain(get, fn)))
    return out


@cache
def _plan(cls: type) -> tuple[_Column, ...]:
    return tuple(_columns_of(cls, "", None))


def _kind_of(value: Any) -> Kind:
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


def _merged(old: Kind | None, new: Kind) -> Kind:
    """The kind of a column seen with both kinds (integers and floats make floats)."""
    if old is None or old == new:
        return new
    return "float" if {old, new} == {"int", "float"} else "object"


def _rows(
    objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str]
) -> tuple[list[dict[str, Any]], dict[str, Kind], str]:
    """The rows of `to_records`, each column's kind, and the table's name."""
    hashed = _Pseudonyms(key)
    wanted = _check_include(include)
    hidden = SENSITIVE_CRITERIA - wanted
    if attrs.has(type(objs)):
        objs = (objs,)
    rows: list[dict[str, Any]] = []
    kinds: dict[str, Kind] = {}
    classes: dict[type, None] = {}
    plans: dict[type, list[_Column]] = {}  # each class's plan, without the columns not asked
    for obj in objs:
        cls: type = type(obj)
        classes.setdefault(cls, None)
        as_dict = getattr(obj, "as_dict", None)
        if callable(as_dict):
            row = dict(as_dict())
            for name, value in row.items():
                if value is not None:
                    kinds[name] = _merged(kinds.get(name), _kind_of(value))
            rows.append(row)
            continue
        plan = plans.get(cls)
        if plan is None:
            if not attrs.has(cls):
                msg = f"cannot export {cls.__name__}: not an iae_core entity or record"
                raise TypeError(msg)
            plan = [c for c in _plan(cls) if c.sensitive is None or c.sensitive in wanted]
            plans[cls] = plan
            for col in plan:
                kinds[col.name] = _merged(kinds.get(col.name), col.kind)
        row = {}
        for col in plan:
            value = col.get(obj)
            if col.codes:
                value = _joined(value, hidden if col.redact else frozenset())
            elif col.hashed is not None:
                value = hashed(col.hashed, value)
            row[col.name] = value
        rows.append(row)
    name = next(iter(classes)).__name__ if len(classes) == 1 else "records"
    return rows, kinds, name


def to_records(
    objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Flat, pseudonymous rows (one dict per object), with no dependency.

    Args:
        objs: entities (`Parcours`, `Contract`, `Person`…) or records with an
            `as_dict()` method (`ExitStats`…); one entity alone is accepted too.
        key: the secret key of the pseudonyms (required; `None` raises).
        include: sensitive columns to keep: `"nir"`, `"rqth"`,
            `"under_justice_measure"`, `"birth_date"`; and the criteria `"TH"` and
            `"DETENTION_MJ"`, left out of the criteria columns otherwise.

    Returns:
        Rows whose values are `pendulum.Date` dates, enum members, numbers, booleans,
        strings or `None`.

    Raises:
        ValueError: no key, an empty key or an unknown `include` name.
        TypeError: an object that is neither an entity nor a record.
    """
    return _rows(objs, key=key, include=include)[0]


def to_table(objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str] = ()) -> Table:
    """The `Table` of `to_records`: one column per name any row has, `None` elsewhere.

    Its categoricals have every value of their enum. The table's `name` is the objects'
    class name (`"Parcours"`), or `"records"` for objects of several classes. Arguments
    and errors as `to_records`.
    """
    rows, kinds, name = _rows(objs, key=key, include=include)
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return Table(
        name=name,
        kinds={n: kinds.get(n, "object") for n in names},
        data={n: [r.get(n) for r in rows] for n in names},
        all_categories=True,
    )


def to_pandas(
    objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str] = ()
) -> pandas.DataFrame:
    """A pandas `DataFrame` of `to_records` (extra `pandas`): `to_table(...).to_pandas()`.

    Dtypes as `Table.to_pandas`: dates `date32[day][pyarrow]`, enums categoricals of every
    enum value, booleans `boolean`, integers `Int64`, floats `float64`, strings `string`.
    Arguments and errors as `to_records`.
    """
    return to_table(objs, key=key, include=include).to_pandas()


def to_polars(
    objs: Iterable[Any], *, key: bytes | str | None, include: Iterable[str] = ()
) -> polars.DataFrame:
    """A polars `DataFrame` of `to_records` (extra `polars`): `to_table(...).to_polars()`.

    Dtypes as `Table.to_polars`: dates `pl.Date`, enums `pl.Enum` of every enum value,
    booleans `Boolean`, integers `Int64`, floats `Float64`, strings `String`. Arguments
    and errors as `to_records`.
    """
    return to_table(objs, key=key, include=include).to_polars()


# --- the study tables ---------------------------------------------------------------------


def _table(
    name: str,
    spec: Sequence[tuple[str, Kind]],
    rows: Iterable[Sequence[Any]],
    *,
    labels: bool,
    all_categories: bool,
    never: Mapping[str, frozenset[Enum]] | None = None,
) -> Table:
    columns: list[list[Any]] = [[] for _ in spec]
    appenders = [c.append for c in columns]
    for row in rows:
        for append, v in zip(appenders, row, strict=True):
            append(v)
    del appenders
    kinds: dict[str, Kind | Labels] = {}
    data: dict[str, list[Any]] = {}
    for i, (col, kind) in enumerate(spec):
        # exact size (a list grown by appends keeps up to an eighth spare), one at a time
        values = list(columns[i])
        columns[i] = []
        kinds[col] = kind
        data[col] = values
        if labels and isinstance(kind, type) and issubclass(kind, LabelledEnum):
            kinds[f"{col}_label"] = Labels(enum=kind)
            data[f"{col}_label"] = [None if v is None else v.label for v in values]
    return Table(
        name=name, kinds=kinds, data=data, all_categories=all_categories, never=never or {}
    )


def _person_spec(wanted: frozenset[str]) -> list[tuple[str, Kind]]:
    spec: list[tuple[str, Kind]] = [("person_id", "str"), ("birth_year", "int")]
    spec += [
        (c, k)
        for c, k in (
            ("birth_date", "date"),
            ("nir", "str"),
            ("rqth", "bool"),
            ("under_justice_measure", "bool"),
        )
        if c in wanted
    ]
    return spec


def _person_values(p: Parcours, wanted: frozenset[str], hasher: _Pseudonyms) -> list[Any]:
    person = p.person
    out: list[Any] = [hasher("person", person.id), _shared(person.birth_date.year)]
    if "birth_date" in wanted:
        out.append(person.birth_date)
    if "nir" in wanted:
        out.append(person.nir)
    if "rqth" in wanted:
        out.append(person.rqth)
    if "under_justice_measure" in wanted:
        out.append(person.under_justice_measure)
    return out


def _enters_rates(p: Parcours) -> bool:
    from iae_core.enums import ExitCategory

    ex = p.exit
    return ex is not None and ex.kind.category is not ExitCategory.WITHDRAWN and exit_counted(p)


def _placement_hours(p: Parcours) -> float | None:
    """The hours the counted-exit rule reads (AI, ETTI), `None` where it reads none."""
    from iae_core import params
    from iae_core.exits import hours_worked

    start = p.start
    day = p.exit.on if p.exit is not None else start
    if day is None or p.structure.kind not in params.get("exits.counted_min_hours").at(day):
        return None
    return float(hours_worked(p))


def parcours_table(
    parcours: Iterable[Parcours],
    *,
    key: bytes | str | None,
    include: Iterable[str] = (),
    labels: bool = False,
    all_categories: bool = False,
) -> Table:
    """One row per parcours, with what a study of parcours needs.

    Columns: `parcours_id` (keyed hash, see the module), `person_id` (pseudonym),
    `birth_year`, `structure_siret`, `structure_kind`, `structure_department`,
    `start` (first contract's start: the entry), `entry_year`, `age_at_entry` (whole
    years on `start`), `n_contracts`, `final_end` (the latest end of its contracts
    after renewals; `None` with an open CDI inclusion or no contract), `exit_on`,
    `exit_year`, `exit_kind`, `exit_category`, `exit_counted` (the exit enters
    the rates: not withdrawn and above the threshold of
    `iae_core.exits.exit_counted`; `None` while running), `duration_days`
    (start to exit, both included, as `ExitStats.average_length_days`; `None` while
    running or for an exit before the start: for running parcours see
    `iae_core.survival.durations_table`),
    `diagnosis_author`, `placement_hours` (where the counted-exit rule reads hours — AI
    and ETTI, `exits.counted_min_hours` in force on the exit date, or on the entry while
    running —: the hours it reads, `iae_core.exits.hours_worked` up to the exit, so that
    `placement_hours > 150` can be audited against `exit_counted`; `None` in the other
    kinds).

    Args:
        parcours: the population.
        key: the secret key of the pseudonyms (required; `None` raises).
        include: sensitive columns to add: `"birth_date"`, `"nir"`, `"rqth"`,
            `"under_justice_measure"`.
        labels: add a `<column>_label` column of French labels beside each enum column.
        all_categories: keep every enum value as a category, present or not.

    Raises:
        ValueError: no key, an empty key or an unknown `include` name.
    """
    from iae_core.enums import AuthorKind, ExitCategory, ExitKind, StructureKind

    hasher = _Pseudonyms(key)
    wanted = _check_include(include)
    spec: list[tuple[str, Kind]] = [("parcours_id", "str"), *_person_spec(wanted)]
    spec += [
        ("structure_siret", "str"),
        ("structure_kind", StructureKind),
        ("structure_department", "str"),
        ("start", "date"),
        ("entry_year", "int"),
        ("age_at_entry", "int"),
        ("n_contracts", "int"),
        ("final_end", "date"),
        ("exit_on", "date"),
        ("exit_year", "int"),
        ("exit_kind", ExitKind),
        ("exit_category", ExitCategory),
        ("exit_counted", "bool"),
        ("duration_days", "int"),
        ("diagnosis_author", AuthorKind),
        ("placement_hours", "float"),
    ]

    def row(p: Parcours) -> list[Any]:
        start = p.start
        ends = [c.final_end for c in p.contracts]
        final_end = None if not ends or None in ends else max(e for e in ends if e is not None)
        ex = p.exit
        duration = None
        if ex is not None and start is not None and ex.on >= start:
            duration = _shared(ex.on.toordinal() - start.toordinal() + 1)
        s = p.structure
        return [
            hasher.parcours(p, start),
            *_person_values(p, wanted, hasher),
            s.siret,
            s.kind,
            s.department,
            start,
            None if start is None else _shared(start.year),
            None if start is None else dates.age_on(p.person.birth_date, start),
            len(p.contracts),
            final_end,
            None if ex is None else ex.on,
            None if ex is None else _shared(ex.on.year),
            None if ex is None else ex.kind,
            None if ex is None else ex.kind.category,
            None if ex is None else _enters_rates(p),
            duration,
            None if p.diagnosis is None else p.diagnosis.author,
            _placement_hours(p),
        ]

    return _table(
        "parcours",
        spec,
        (row(p) for p in parcours),
        labels=labels,
        all_categories=all_categories,
    )


def contracts_table(
    parcours: Iterable[Parcours],
    *,
    key: bytes | str | None,
    labels: bool = False,
    all_categories: bool = False,
) -> Table:
    """One row per contract, with the key of its parcours.

    Columns: `parcours_id`, `person_id`, `structure_kind`, `contract_number` (1
    for the earliest start, in start order), `kind`, `start`, `end` (initial),
    `final_end` (after renewals), `n_renewals`, `weekly_hours`, `n_placements`,
    `n_immersions`, `days` (start to final end, both included; `None` when open).

    Arguments as `parcours_table` (no sensitive column here).
    """
    from iae_core.enums import ContractKind, StructureKind

    hasher = _Pseudonyms(key)
    spec: list[tuple[str, Kind]] = [
        ("parcours_id", "str"),
        ("person_id", "str"),
        ("structure_kind", StructureKind),
        ("contract_number", "int"),
        ("kind", ContractKind),
        ("start", "date"),
        ("end", "date"),
        ("final_end", "date"),
        ("n_renewals", "int"),
        ("weekly_hours", "float"),
        ("n_placements", "int"),
        ("n_immersions", "int"),
        ("days", "int"),
    ]

    def rows() -> Iterable[list[Any]]:
        for p in parcours:
            pid = hasher.parcours(p)
            person = hasher("person", p.person.id)
            ordered = sorted(p.contracts, key=lambda c: c.start.toordinal())
            for i, c in enumerate(ordered, start=1):
                fe = c.final_end
                yield [
                    pid,
                    person,
                    p.structure.kind,
                    i,
                    c.kind,
                    c.start,
                    c.end,
                    fe,
                    len(c.renewals),
                    float(c.weekly_hours),
                    len(c.placements),
                    len(c.immersions),
                    None if fe is None else fe.toordinal() - c.start.toordinal() + 1,
                ]

    return _table("contracts", spec, rows(), labels=labels, all_categories=all_categories)


def criteria_table(
    parcours: Iterable[Parcours],
    *,
    key: bytes | str | None,
    include: Iterable[str] = (),
    labels: bool = False,
    all_categories: bool = False,
) -> Table:
    """A long table of diagnosis criteria: one row per (parcours, criterion).

    Columns: `parcours_id`, `person_id`, `structure_kind`, `diagnosis_author`,
    `diagnosis_made_on`, `criterion`, `level` (1 or 2). A parcours without a
    diagnosis, or whose diagnosis retains no criterion, has no row. Criteria in the
    declared order of `iae_core.enums.Criterion`.

    `TH` and `DETENTION_MJ` (special-category data) are left out — rows and
    categories — unless named in `include` (`include=("TH",)`); other arguments as
    `parcours_table`.
    """
    from iae_core.enums import AuthorKind, StructureKind

    hasher = _Pseudonyms(key)
    wanted = _check_include(include)
    hidden = {Criterion[c] for c in SENSITIVE_CRITERIA - wanted}
    order = {c: i for i, c in enumerate(Criterion)}
    spec: list[tuple[str, Kind]] = [
        ("parcours_id", "str"),
        ("person_id", "str"),
        ("structure_kind", StructureKind),
        ("diagnosis_author", AuthorKind),
        ("diagnosis_made_on", "date"),
        ("criterion", Criterion),
        ("level", "int"),
    ]

    def rows() -> Iterable[list[Any]]:
        for p in parcours:
            d = p.diagnosis
            if d is None or not d.criteria:
                continue
            pid = hasher.parcours(p)
            person = hasher("person", p.person.id)
            for c in sorted(d.criteria - hidden, key=order.__getitem__):
                yield [pid, person, p.structure.kind, d.author, d.made_on, c, c.level]

    return _table(
        "criteria",
        spec,
        rows(),
        labels=labels,
        all_categories=all_categories,
        never={"criterion": frozenset(hidden)},
    )


def durations_table(
    parcours: Iterable[Parcours],
    *,
    on: DayLike,
    key: bytes | str | None,
    labels: bool = False,
    all_categories: bool = False,
) -> Table:
    """One `(duration, event, censored at on)` row per parcours started by `on`.

    Columns: `parcours_id`, `person_id` (pseudonyms, as
    `iae_core.tables.parcours_table`), `structure_kind`, `structure_department`,
    `entry_year`, `start`, `end` (the exit date, or `on` while running),
    `duration_days` (`start` to `end`, both included), `exited` (the event "exit"),
    `counted_exit` (the event "counted exit": a non-withdrawn exit entering the rates),
    `censored_on` (`on` for a parcours running on `on`, else `None`), `exit_category`
    (the category of the exit known on `on`: the competing events of
    `iae_core.survival.cumulative_incidence`; `None` while running), `duration_months`
    (`start` to `end` in months, `duration_months`: the time scale of curves read
    "at 12 months").

    Args:
        parcours: the population.
        on: the day of observation (exits after it are not known yet).
        key: the secret key of the pseudonyms (required).
        labels: add French labels beside the enum codes.
        all_categories: keep every enum value as a category.

    Raises:
        ValueError: no key or an empty key.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    from iae_core.enums import ExitCategory, StructureKind

    hasher = _Pseudonyms(key)
    last = on.toordinal()
    spec: list[tuple[str, Kind]] = [
        ("parcours_id", "str"),
        ("person_id", "str"),
        ("structure_kind", StructureKind),
        ("structure_department", "str"),
        ("entry_year", "int"),
        ("start", "date"),
        ("end", "date"),
        ("duration_days", "int"),
        ("exited", "bool"),
        ("counted_exit", "bool"),
        ("censored_on", "date"),
        ("exit_category", ExitCategory),
        ("duration_months", "float"),
    ]

    def rows() -> Iterable[list[Any]]:
        for p in parcours:
            start = p.start
            if start is None or start.toordinal() > last:
                continue
            ex = p.exit
            if ex is not None and ex.on < start:
                continue
            exited = ex is not None and ex.on.toordinal() <= last
            end = ex.on if exited and ex is not None else on
            counted = (
                exited
                and ex is not None
                and ex.kind.category is not ExitCategory.WITHDRAWN
                and exit_counted(p)
            )
            yield [
                hasher.parcours(p, start),
                hasher("person", p.person.id),
                p.structure.kind,
                p.structure.department,
                _shared(start.year),
                start,
                end,
                _shared(end.toordinal() - start.toordinal() + 1),
                exited,
                counted,
                None if exited else on,
                ex.kind.category if exited and ex is not None else None,
                duration_months(start, end),
            ]

    return _table("durations", spec, rows(), labels=labels, all_categories=all_categories)


def duration_months(start: pendulum.Date, end: pendulum.Date) -> float:
    """The length of `start`…`end` (both included) in months, by the library's arithmetic.

    Whole months are counted with `iae_core.dates.period_end`: the `m` months from `start`
    end on `period_end(start, m)`, so the result is exactly `m` when `end` is that day, and
    `duration_months(start, end) <= m` exactly when `end <= period_end(start, m)`. Between
    two such days the month is split in proportion of its days: 1 January to 16 January is
    16/31 of a month, 1 February 2024 to 29 February 2024 exactly 1.

    Args:
        start: the first day (the entry).
        end: the last day (the exit, or the day of observation).

    Returns:
        The duration in months (`0.0` when `end` is the day before `start`).

    Raises:
        ValueError: `end` is more than one day before `start`.
    """
    e = end.toordinal()
    if e < start.toordinal() - 1:
        msg = f"end {end} is before start {start}"
        raise ValueError(msg)
    m = max(0, (end.year - start.year) * 12 + end.month - start.month - 1)
    while dates.period_end(start, m + 1).toordinal() <= e:
        m += 1
    low = dates.period_end(start, m).toordinal()
    high = dates.period_end(start, m + 1).toordinal()
    return m + (e - low) / (high - low)
