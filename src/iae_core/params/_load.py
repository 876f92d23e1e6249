"""Read and validate the parameter files (`iae_core/params/data/*.toml`).

Each file is one area of law. A parameter is a TOML table with a `unit` key; its name is
the table's dotted path:

```toml
[cddi.min_months]
unit = "months"
fr = "Durée minimale d'un CDDI"
en = "Minimum length of a CDDI"
verified_until = 2026-03-27

[[cddi.min_months.rows]]
value = 4
sources = [{ title = "C. trav. art. L5132-5", url = "https://…" }]
```

A row without `start` holds since always; rows are in increasing order of `start`. Every
row names at least one source; the values match the unit. Anything else is refused when
the package is imported (`ParamFileError`), so that a bad edit cannot go unnoticed.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any

import pendulum

from iae_core.params._param import Param, Row, Source, Unit, freeze

__all__ = ["ParamFileError", "load_files", "parse"]

_PARAM_KEYS = frozenset({"unit", "fr", "en", "verified_until", "rows"})
_ROW_KEYS = frozenset({"start", "value", "sources", "note"})
_SOURCE_KEYS = frozenset({"title", "url"})


class ParamFileError(ValueError):
    """A parameter file breaks the format (a row without source, dates out of order…)."""


def _date(value: Any, where: str) -> pendulum.Date:
    if type(value) is not _dt.date:
        msg = f"{where}: not a date: {value!r}"
        raise ParamFileError(msg)
    return pendulum.Date(value.year, value.month, value.day)


def _check_scalar(unit: Unit, value: Any, where: str) -> Any:
    ok: bool
    if unit in (Unit.MONTHS, Unit.DAYS, Unit.WEEKS, Unit.YEARS, Unit.COUNT):
        ok = type(value) is int
    elif unit in (Unit.HOURS, Unit.EUROS, Unit.PERCENT, Unit.RATIO):
        ok = type(value) in (int, float)
    elif unit is Unit.DATE:
        if type(value) is _dt.date:
            return pendulum.Date(value.year, value.month, value.day)
        ok = False
    elif unit is Unit.FLAG:
        ok = type(value) is bool
    else:  # CODES
        ok = type(value) is list and all(type(v) is str and v for v in value)
        if ok and len(set(value)) != len(value):
            msg = f"{where}: repeated code in {value!r}"
            raise ParamFileError(msg)
    if not ok:
        msg = f"{where}: {value!r} is not a value of unit {unit.value!r}"
        raise ParamFileError(msg)
    return value


def _check_value(unit: Unit, value: Any, where: str) -> Any:
    if isinstance(value, dict):
        if not value:
            msg = f"{where}: empty table"
            raise ParamFileError(msg)
        return {k: _check_scalar(unit, v, f"{where}.{k}") for k, v in value.items()}
    return _check_scalar(unit, value, where)


def _sources(raw: Any, where: str) -> tuple[Source, ...]:
    if type(raw) is not list or not raw:
        msg = f"{where}: every row needs at least one source"
        raise ParamFileError(msg)
    out = []
    for i, s in enumerate(raw):
        w = f"{where}[{i}]"
        if type(s) is not dict or not set(s) <= _SOURCE_KEYS or "title" not in s:
            msg = f"{w}: a source is {{ title = '…', url = '…' }}"
            raise ParamFileError(msg)
        title, url = s["title"], s.get("url")
        if type(title) is not str or not title.strip():
            msg = f"{w}: empty title"
            raise ParamFileError(msg)
        if url is not None and (type(url) is not str or not url.startswith("https://")):
            msg = f"{w}: url must be an https:// link"
            raise ParamFileError(msg)
        out.append(Source(title=title, url=url))
    return tuple(out)


def _param(name: str, table: dict[str, Any], area: str) -> Param:
    extra = set(table) - _PARAM_KEYS
    if extra:
        msg = f"{name}: unknown keys {sorted(extra)}"
        raise ParamFileError(msg)
    try:
        unit = Unit(table["unit"])
    except (KeyError, ValueError):
        msg = f"{name}: unit must be one of {[u.value for u in Unit]}"
        raise ParamFileError(msg) from None
    for key in ("fr", "en"):
        if type(table.get(key)) is not str or not table[key].strip():
            msg = f"{name}: needs a non-empty {key!r} description"
            raise ParamFileError(msg)
    verified = table.get("verified_until")
    verified_until = None if verified is None else _date(verified, f"{name}.verified_until")
    raw_rows = table.get("rows")
    if type(raw_rows) is not list or not raw_rows:
        msg = f"{name}: needs at least one row"
        raise ParamFileError(msg)
    rows: list[Row] = []
    for i, raw in enumerate(raw_rows):
        where = f"{name}.rows[{i}]"
        if type(raw) is not dict or not set(raw) <= _ROW_KEYS or "value" not in raw:
            msg = f"{where}: a row has value, sources and optionally start and note"
            raise ParamFileError(msg)
        start = None if "start" not in raw else _date(raw["start"], f"{where}.start")
        if start is None and i > 0:
            msg = f"{where}: only the first row may have no start"
            raise ParamFileError(msg)
        if rows and rows[-1].start is not None and start is not None and start <= rows[-1].start:
            msg = f"{where}: starts must increase ({start} after {rows[-1].start})"
            raise ParamFileError(msg)
        note = raw.get("note")
        if note is not None and (type(note) is not str or not note.strip()):
            msg = f"{where}: a note is a non-empty string"
            raise ParamFileError(msg)
        value = freeze(_check_value(unit, raw["value"], f"{where}.value"))
        rows.append(
            Row(start=start, value=value, sources=_sources(raw.get("sources"), where), note=note)
        )
    return Param(
        name=name,
        unit=unit,
        description=table["fr"],
        description_en=table["en"],
        rows=tuple(rows),
        verified_until=verified_until,
        area=area,
    )


def _walk(prefix: str, table: dict[str, Any], area: str, out: dict[str, Param]) -> None:
    for key, sub in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if type(sub) is not dict:
            msg = f"{name}: a value outside a parameter table"
            raise ParamFileError(msg)
        if "unit" in sub:
            if name in out:
                msg = f"{name}: defined twice ({out[name].area} and {area})"
                raise ParamFileError(msg)
            out[name] = _param(name, sub, area)
        else:
            _walk(name, sub, area, out)


def parse(texts: Iterable[tuple[str, str]]) -> dict[str, Param]:
    """Parameters from `(area, TOML text)` pairs, validated; names sorted."""
    out: dict[str, Param] = {}
    for area, text in texts:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            msg = f"{area}.toml: {exc}"
            raise ParamFileError(msg) from None
        _walk("", data, area, out)
    return dict(sorted(out.items()))


def load_files() -> dict[str, Param]:
    """Every parameter shipped in `iae_core/params/data/`."""
    folder = resources.files("iae_core.params").joinpath("data")
    texts = sorted(
        (f.name.removesuffix(".toml"), f.read_text(encoding="utf-8"))
        for f in folder.iterdir()
        if f.name.endswith(".toml")
    )
    return parse(texts)
