"""The law as data: every legal number and date the rules use, dated and sourced.

Each value is a `Param`: a stable name, a unit, a French and English description,
dated rows (each with its sources) and `verified_until`, the last day someone checked the
series still holds. The values live in TOML files a jurist can read and edit
(`iae_core/params/data/*.toml`); rules, messages, the planner, the docs and the test
strategies read them from here, never from a copy.

```python
import pendulum
from iae_core import params

p = params.get("cddi.min_months")
print(p.at(pendulum.date(2026, 1, 5)), p.unit.value)  # 4 months
```

`at(day)` past `verified_until` still returns the last value; `lookup(day).verified`
says whether anybody checked it for that day.
"""

from __future__ import annotations

from collections.abc import Iterator

from iae_core.params._load import ParamFileError, load_files
from iae_core.params._param import Param, ParamValue, Row, Source, Unit

__all__ = [
    "Param",
    "ParamFileError",
    "ParamValue",
    "Row",
    "Source",
    "Unit",
    "get",
    "iter_params",
]

_PARAMS: dict[str, Param] = load_files()


def get(name: str) -> Param:
    """The parameter called `name`.

    Raises:
        KeyError: no parameter has that name.
    """
    try:
        return _PARAMS[name]
    except KeyError:
        msg = f"no parameter {name!r}"
        raise KeyError(msg) from None


def iter_params(area: str | None = None) -> Iterator[Param]:
    """Every parameter, sorted by name (only those of `area`'s data file when given)."""
    for p in _PARAMS.values():
        if area is None or p.area == area:
            yield p
