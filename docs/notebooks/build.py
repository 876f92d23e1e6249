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
        """## The study tables

`parcours_table` has one row per parcours, `durations_table` one row per parcours started by
a day with its duration (days and months) and the exit known on that day; both share the
key `parcours_id`. `placement_hours` is what the 150-hour rule of AI and ETTI reads.""",
    ),
    (
        "code",
        """from iae_core import stats, survival

DAY = territory.on.subtract(months=6)  # the day the study is made "as of"
study = tables.parcours_table(parcours, key=KEY)
durations = tables.durations_table(parcours, on=DAY, key=KEY)
study.to_pandas()[["structure_kind", "structure_department", "start", "exit_on",
                   "exit_category", "placement_hours"]].head()""",
    ),
    (
        "markdown",
        """## Exit rates as of a day

`exit_rates(..., on=DAY)` counts only what is known on `DAY`: an exit dated later is a
running parcours, a parcours entered later is left out. Bars in % of counted exits, with
their 95 % Wilson intervals, the number of counted exits under each pair, and the targets
(dashed). The same figure in French and in English:""",
    ),
    (
        "code",
        """rates = stats.exit_rates(parcours, by="kind", on=DAY)
print(sum(r.exits for r in rates), "exits known on", DAY, "of",
      sum(r.exits for r in stats.exit_rates(parcours, by="kind")), "in the data")
plots.exit_rates_by_kind(rates, lang="fr")""",
    ),
    (
        "code",
        """plots.exit_rates_by_kind(rates, lang="en")""",
    ),
    (
        "markdown",
        """## Cohorts by département

`stats.cohorts` follows each entry cohort (département × entry year) to 6, 12, 24, 36 and
48 months: `reached` counts the parcours whose horizon is on or before the day, `exited`
those of them that had exited by it, per category too, with a Wilson interval.""",
    ),
    (
        "code",
        """cohorts = stats.cohorts(parcours, on=DAY)
frame = cohorts.to_pandas()
frame[frame["reached"] > 0][["department", "entry_year", "horizon_months", "reached",
                             "exited", "rate", "lower", "upper"]]""",
    ),
    (
        "code",
        """plots.cohorts_by_department(cohorts, horizon=12, lang="fr")""",
    ),
    (
        "markdown",
        """## Survival, and the log-rank test between départements

Kaplan–Meier curves of the time to exit, in months from the entry, with the running
parcours censored (`+`) and the numbers at risk; `compare` tests whether the départements
differ (log-rank), and each curve reads S(t) at a month, its median with its interval and
the restricted mean over two years.""",
    ),
    (
        "code",
        """curves = survival.kaplan_meier(durations, by="structure_department", time="months")
test = survival.compare(durations, by="structure_department")
print(f"log-rank: chi2 = {test.statistic:.2f}, {test.degrees_of_freedom} df, "
      f"p = {test.p_value:.3f}")
for c in curves:
    print(c.group, f"S(12 months) = {c.at(months=12):.2f}", "median", c.median,
          "interval", c.median_interval,
          f"mean months without exit over 24: {survival.restricted_mean(c, months=24):.1f}")
plots.survival_curves(curves, lang="fr")""",
    ),
    (
        "code",
        """plots.survival_curves(curves, lang="en")""",
    ),
    (
        "markdown",
        """## How parcours end: competing exits

The exit categories compete: a parcours that ends in a training does not later end in a
job. The Aalen–Johansen cumulative incidence of each category, stacked; with the share
still running they sum to 1.""",
    ),
    (
        "code",
        """incidence = survival.cumulative_incidence(durations, time="months")
for c in incidence:
    print(c.category.value, f"{c.at(months=24):.3f}")
plots.cumulative_incidence(incidence, lang="fr")""",
    ),
    (
        "markdown",
        """## Retention at 48 months

`stats.retention` reads the follow-ups after each exit at 6, 12, 24 and 48 months. The
demo records no follow-up and its exits are less than four years old on the day, so every
48-month horizon is **censored** (not reached yet) and the rest unobserved: neither counts
as a failure.""",
    ),
    (
        "code",
        """pd.DataFrame([
    {"months": r.months, "exits": r.exits, "censored": r.censored,
     "unobserved": r.unobserved, "in work": r.in_work, "rate": r.in_work_rate}
    for r in stats.retention(parcours, on=territory.on, at_months=(6, 12, 24, 48))
])""",
    ),
    (
        "markdown",
        """## Parcours lengths

Days from the first contract to the exit, for the parcours that ended (only them: the
title says so), by kind:""",
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
