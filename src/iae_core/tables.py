"""The tables a study is built on: parcours, contracts, diagnosis criteria.

Each builder returns a `Table` — plain columns with their kinds — that gives plain
records (`Table.records`, no dependency), a pandas or polars `DataFrame`
(`Table.to_pandas`, `Table.to_polars`) or a Parquet file
(`Table.to_parquet`, pyarrow):

```python
t = tables.parcours_table(all_parcours, key=secret)
df = t.to_polars()
tables.contracts_table(all_parcours, key=secret).to_parquet("contracts.parquet")
```

* `parcours_table`: one row per parcours: its key, the person's pseudonym and birth
  year, the structure, entry date and year, age at entry, final contract end, exit date,
  year, kind, category, whether it is counted, and its duration;
* `contracts_table`: one row per contract, with the key of its parcours;
* `criteria_table`: one row per (parcours, criterion) of the diagnosis;
* `durations_table`: one row per parcours started by a day, with its duration and events
  for survival analysis, censored at that day (also `iae_core.survival.durations_table`).

The **parcours key** `parcours_id` is a keyed hash (as the person pseudonyms of
`iae_core.frames`) of the person's id, the structure's SIRET and the first contract's
start, so the three tables join on it and exports made with one key link.

Pseudonymous by default, as `iae_core.frames`: person ids hashed, no NIR, no exact
birth date, no RQTH or justice flag, and the special-category criteria `TH` (health)
and `DETENTION_MJ` (justice) left out of the criteria table; ask for them by name in
`include`.

Enum columns hold the codes; `labels=True` adds a `<column>_label` column of French
labels beside each. Categoricals have the categories present in the data, in the enum's
declared order; `all_categories=True` keeps every value of the enum.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from iae_core import dates
from iae_core.enums import Criterion, LabelledEnum
from iae_core.exits import exit_counted
from iae_core.frames import SENSITIVE_COLUMNS, SENSITIVE_CRITERIA, pseudonym
from iae_core.parcours import Parcours

if TYPE_CHECKING:  # the extras' types, for the embedder's type checker
    import pandas
    import polars
    import pyarrow

__all__ = [
    "SENSITIVE_CRITERIA",
    "Table",
    "contracts_table",
    "criteria_table",
    "durations_table",
    "parcours_table",
]

_INCLUDES = SENSITIVE_COLUMNS | SENSITIVE_CRITERIA

Kind = str | type[Enum]
"""A column kind: `"date"`, `"bool"`, `"int"`, `"float"`, `"str"`, or an enum."""


@attrs.frozen(kw_only=True)
class Labels:
    """The kind of a column of French labels of an enum column."""

    enum: type[LabelledEnum]


_EPOCH = 719163  # date(1970, 1, 1).toordinal()


def _categories(kind: type[Enum], values: Sequence[Any], every: bool) -> list[Enum]:
    if every:
        return list(kind)
    seen = set(values)
    return [m for m in kind if m in seen]


@attrs.frozen(kw_only=True, repr=False)
class Table:
    """Named columns with their kinds, ready for records, DataFrames or Parquet.

    Attributes:
        name: what one row is (`"parcours"`, `"contracts"`, `"criteria"`…).
        kinds: each column's kind, in column order: `"date"` (`pendulum.Date` values),
            `"bool"`, `"int"`, `"float"`, `"str"`, an enum class (members), or
            `Labels` (French labels of the enum column before it).
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
        """The categories of an enum (or label) column: codes (or labels), declared order."""
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
        if isinstance(kind, Labels):
            return [None if v is None else v for v in values]
        if isinstance(kind, type):
            return [None if v is None else v.value for v in values]
        return values

    def to_pandas(self) -> pandas.DataFrame:
        """A pandas `DataFrame` (extra `pandas`).

        Dates `datetime64[s]` (midnight), enums and labels categoricals, booleans
        `boolean`, integers `Int64`, floats `float64`, strings `string`.
        """
        import numpy as np
        import pandas as pd

        out: dict[str, Any] = {}
        for name, kind in self.kinds.items():
            values = self._plain(name)
            if kind == "date":
                days = np.array(
                    [np.iinfo(np.int64).min if d is None else d for d in values], dtype="int64"
                )
                out[name] = pd.Series(days.astype("datetime64[D]").astype("datetime64[s]"))
            elif isinstance(kind, (Labels, type)):
                out[name] = pd.Series(
                    pd.Categorical(values, categories=self.categories(name), ordered=False)
                )
            elif kind == "bool":
                out[name] = pd.Series(values, dtype="boolean")
            elif kind == "int":
                out[name] = pd.Series(values, dtype="Int64")
            elif kind == "float":
                out[name] = pd.Series(
                    [np.nan if v is None else float(v) for v in values], dtype="float64"
                )
            else:
                out[name] = pd.Series(values, dtype=pd.StringDtype())
        return pd.DataFrame(out, columns=self.columns)

    def to_polars(self) -> polars.DataFrame:
        """A polars `DataFrame` (extra `polars`).

        Dates `pl.Date`, enums and labels `pl.Enum` (categories in declared order),
        booleans `Boolean`, integers `Int64`, floats `Float64`, strings `String`.
        """
        import polars as pl

        series = []
        for name, kind in self.kinds.items():
            values = self._plain(name)
            if kind == "date":
                s = pl.Series(name, values, dtype=pl.Int32).cast(pl.Date)
            elif isinstance(kind, (Labels, type)):
                s = pl.Series(name, values, dtype=pl.Enum(self.categories(name)))
            else:
                dtype = {"bool": pl.Boolean, "int": pl.Int64, "float": pl.Float64}
                s = pl.Series(name, values, dtype=dtype.get(str(kind), pl.String))
            series.append(s)
        return pl.DataFrame(series)

    def to_arrow(self) -> pyarrow.Table:
        """A `pyarrow.Table`: dates `date32`, enums ordered dictionaries.

        pyarrow comes with the `pandas` and `polars` extras. The schema metadata
        `iae_core` (JSON) names each enum column's enum and its categories.
        """
        import pyarrow as pa

        arrays = []
        enums: dict[str, Any] = {}
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
            else:
                types = {"bool": pa.bool_(), "int": pa.int64(), "float": pa.float64()}
                arrays.append(pa.array(values, type=types.get(str(kind), pa.string())))
        meta = {"iae_core": json.dumps({"table": self.name, "enums": enums})}
        return pa.Table.from_arrays(arrays, names=self.columns).replace_schema_metadata(meta)

    def to_parquet(self, path: str | Path) -> None:
        """Write the table to a Parquet file (see `to_arrow` for the types).

        polars reads it back with `pl.Date` dates and categoricals of the same values,
        DuckDB with `DATE` columns, pyarrow with exactly `to_arrow`'s schema.
        """
        import pyarrow.parquet as pq

        pq.write_table(self.to_arrow(), str(path))


# --- building ---------------------------------------------------------------------------------


def _check_include(include: Iterable[str]) -> frozenset[str]:
    wanted = frozenset(include)
    unknown = wanted - _INCLUDES
    if unknown:
        msg = f"unknown include {sorted(unknown)}; expected some of {sorted(_INCLUDES)}"
        raise ValueError(msg)
    return wanted


class _Hasher:
    """Keyed pseudonyms, cached (one HMAC per distinct value)."""

    def __init__(self, key: bytes | str | None) -> None:
        pseudonym("", key=key)  # type: ignore[arg-type]  # raises ValueError without a key
        assert key is not None
        self.secret = key.encode() if isinstance(key, str) else bytes(key)
        self.cache: dict[tuple[str, str], str] = {}

    def __call__(self, domain: str, value: str | None) -> str | None:
        if value is None:
            return None
        k = (domain, value)
        h = self.cache.get(k)
        if h is None:
            data = f"{domain}:{value}".encode()
            h = self.cache[k] = hmac.new(self.secret, data, hashlib.sha256).hexdigest()
        return h

    def parcours(self, p: Parcours, start: Any = False) -> str:
        if start is False:
            start = p.start
        raw = f"{p.person.id}|{p.structure.siret}|{'' if start is None else start.isoformat()}"
        h = self("parcours", raw)
        assert h is not None
        return h


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
    kinds: dict[str, Kind | Labels] = {}
    data: dict[str, list[Any]] = {}
    for (col, kind), values in zip(spec, columns, strict=True):
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


def _person_values(p: Parcours, wanted: frozenset[str], hasher: _Hasher) -> list[Any]:
    person = p.person
    out: list[Any] = [hasher("person", person.id), person.birth_date.year]
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
    `diagnosis_author`.

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

    hasher = _Hasher(key)
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
    ]

    def row(p: Parcours) -> list[Any]:
        start = p.start
        ends = [c.final_end for c in p.contracts]
        final_end = None if not ends or None in ends else max(e for e in ends if e is not None)
        ex = p.exit
        duration = None
        if ex is not None and start is not None and ex.on >= start:
            duration = ex.on.toordinal() - start.toordinal() + 1
        s = p.structure
        return [
            hasher.parcours(p, start),
            *_person_values(p, wanted, hasher),
            s.siret,
            s.kind,
            s.department,
            start,
            None if start is None else start.year,
            None if start is None else dates.age_on(p.person.birth_date, start),
            len(p.contracts),
            final_end,
            None if ex is None else ex.on,
            None if ex is None else ex.on.year,
            None if ex is None else ex.kind,
            None if ex is None else ex.kind.category,
            None if ex is None else _enters_rates(p),
            duration,
            None if p.diagnosis is None else p.diagnosis.author,
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

    hasher = _Hasher(key)
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

    hasher = _Hasher(key)
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
    on: pendulum.Date,
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
    `censored_on` (`on` for a parcours running on `on`, else `None`).

    Args:
        parcours: the population.
        on: the day of observation (exits after it are not known yet).
        key: the secret key of the pseudonyms (required).
        labels: add French labels beside the enum codes.
        all_categories: keep every enum value as a category.

    Raises:
        ValueError: no key or an empty key.
    """
    from iae_core.enums import ExitCategory, StructureKind

    hasher = _Hasher(key)
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
                start.year,
                start,
                end,
                end.toordinal() - start.toordinal() + 1,
                exited,
                counted,
                None if exited else on,
            ]

    return _table("durations", spec, rows(), labels=labels, all_categories=all_categories)
