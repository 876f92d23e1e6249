"""Write ``territory.ipynb`` from the cells below, without outputs.

Run ``python docs/notebooks/build.py`` after editing a cell. The notebook is not run here:
the docs build executes it with nbclient (a real Jupyter kernel, see ``docs/hooks.py``)
and renders its outputs and figures, so what the site shows is what the code gives today.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

CELLS: list[tuple[str, str]] = [
    (
        "markdown",
        """# A territory in a notebook: load, check, tables, figures

The synthetic territory of `iae_core.demo` (the one `iae-core demo` prints), 600 people in
parcours: turned into JSON as an embedder would receive it, loaded with `iae_core.load`,
checked against the law as of a date, counted with pseudonymised DataFrames
(`iae_core.tables`) and drawn with `iae_core.plots`. Everything is made up: no real person.""",
    ),
    (
        "code",
        """%matplotlib inline
import collections

import pandas as pd

import iae_core as iae
from iae_core import demo, matching, plots, tables

pd.set_option("display.width", 110)
pd.set_option("display.max_columns", 8)
territory = demo.build_territory(seed=2026, people=600)
print(len(territory.structures), "structures,", len(territory.parcours), "parcours,",
      len(territory.positions), "open positions")""",
    ),
    (
        "markdown",
        """## Data, as JSON, and back

`dump` gives the JSON an information system would send; `load` checks the shape of every
document (types, dates, identifiers, unknown keys) and raises one `InvalidData` listing
every bad field. Here all of them are well formed.""",
    ),
    (
        "code",
        """data = iae.dump(list(territory.parcours))
parcours = iae.load(list[iae.Parcours], data)
assert parcours == list(territory.parcours)
print(len(parcours), "parcours;", sum(len(p.contracts) for p in parcours), "contracts")
data[0]["contracts"][0]""",
    ),
    (
        "markdown",
        """## Check against the law

`check` returns findings (never raises for a broken rule), each with a stable code, a
severity, a French message, the legal reference and the path of the field concerned. The
demo puts a few mistakes in on purpose.""",
    ),
    (
        "code",
        """ON = territory.on
reports = [iae.check(p, on=ON) for p in parcours]
counts = collections.Counter((f.code, f.severity.value) for r in reports for f in r)
print(sum(not r.ok for r in reports), "parcours with at least one error")
pd.DataFrame([{"code": c, "severity": s, "parcours": n} for (c, s), n in counts.most_common()])""",
    ),
    (
        "markdown",
        """## DataFrames with `tables`

One row per parcours, nested entities flattened with a prefix, lists as counts. Exports
are **pseudonymous**: the person's id becomes an HMAC of it under the key you give; the
NIR, the sensitive flags and the exact birth date are left out.""",
    ),
    (
        "code",
        """KEY = b"a secret key kept out of the notebook in real use"
df = tables.to_pandas(parcours, key=KEY)
df.groupby(["structure_kind", "exit_category"], observed=True).size().unstack(fill_value=0)""",
    ),
    (
        "markdown",
        """## Exit rates against the targets

Dynamic and sustainable exit rates by kind of structure, with their 95 % Wilson
intervals, against the targets (dashed lines, `iae_core.stats.Targets`):""",
    ),
    (
        "code",
        """plots.exit_rates_by_kind(parcours)""",
    ),
    (
        "markdown",
        """## Parcours lengths

Days from the first contract to the exit, for the parcours that ended, by kind:""",
    ),
    (
        "code",
        """plots.length_by_kind(parcours)""",
    ),
    (
        "markdown",
        """## Matching the people looking for work

`matching.assign` places people on the open positions of the partner companies (a stable
assignment); the map joins each person placed to the position:""",
    ),
    (
        "code",
        """result = matching.assign(territory.candidates, territory.positions, method="stable")
print(len(result.pairs), "placed,", len(result.unmatched), "not placed")
plots.assignment_map(territory.candidates, territory.positions, result)""",
    ),
]


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def build() -> dict[str, Any]:
    """The notebook document, cells without outputs."""
    cells = []
    for kind, source in CELLS:
        cell: dict[str, Any] = {
            "id": uuid.uuid5(uuid.NAMESPACE_URL, source).hex[:8],
            "cell_type": kind,
            "metadata": {},
            "source": _lines(source),
        }
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        cells.append(cell)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": sys.version.split()[0]},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


if __name__ == "__main__":
    notebook = build()
    target = HERE / "territory.ipynb"
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target}")
