"""Write ``territory.ipynb`` by running its cells here, with their real outputs.

Run ``python docs/notebooks/build.py`` (needs ``pandas``; no Jupyter needed): each code cell
is executed in order in one namespace, like a kernel would, and its printed output and the
value of its last expression (``text/plain``, and ``text/html`` when the value has a
``_repr_html_``) are saved in the notebook. The docs render the saved outputs.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import sys
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

CELLS: list[tuple[str, str]] = [
    (
        "markdown",
        """# A territory in a notebook: load, check, frames

A synthetic territory of 400 parcours, as an embedder would receive it (JSON), loaded with
`iae_core.load`, checked against the law as of a date, and turned into pseudonymised
DataFrames with `iae_core.frames` for counting. Everything here is made up: no real person.""",
    ),
    (
        "code",
        """import collections
import random

import pandas as pd
import pendulum

import iae_core as iae
from iae_core import frames

pd.set_option("display.width", 110)
pd.set_option("display.max_columns", 8)
print("iae_core", iae.__version__)""",
    ),
    (
        "markdown",
        """## Data, as JSON

A small seeded generator stands for the export of an information system: each parcours has
a person, a structure, an eligibility diagnosis, a PASS IAE, one to three contracts and,
for most, an exit. Identifiers are valid (Luhn keys for SIRETs, NIR keys).""",
    ),
    (
        "code",
        """from stdnum import luhn

rng = random.Random(2026)

def siret():
    siren = str(rng.randrange(10**7, 10**8))
    siren += luhn.calc_check_digit(siren)
    body = siren + f"{rng.randrange(10**4):04d}"
    return body + luhn.calc_check_digit(body)

def nir(birth):
    body = f"{rng.choice('12')}{birth.year % 100:02d}{birth.month:02d}75"
    body += f"{rng.randrange(1, 999):03d}{rng.randrange(1, 999):03d}"
    return body + f"{97 - int(body) % 97:02d}"

KIND_CONTRACT = {"ACI": "CDDI", "EI": "CDDI", "AI": "CDD_USAGE", "ETTI": "MISSION"}
structures = [
    {"siret": siret(), "kind": kind, "name": f"{kind} n°{i}", "department": dep}
    for i, (kind, dep) in enumerate(
        (rng.choice(list(KIND_CONTRACT)), rng.choice(["59", "62", "80"])) for _ in range(12)
    )
]

def one_parcours(i):
    s = rng.choice(structures)
    birth = pendulum.date(1965, 1, 1).add(days=rng.randrange(365 * 40))
    hired = pendulum.date(2022, 1, 3).add(days=rng.randrange(900))
    contracts, start = [], hired
    for _ in range(rng.randint(1, 3)):
        months = rng.choice([2, 4, 6, 8, 12])
        end = start.add(months=months).subtract(days=1)
        contracts.append({
            "kind": KIND_CONTRACT[s["kind"]], "structure_kind": s["kind"],
            "start": start.isoformat(), "end": end.isoformat(),
            "weekly_hours": rng.choice([15, 20, 24, 26, 30, 35]),
        })
        start = end.add(days=1)
    doc = {
        "person": {"id": f"P{i:05d}", "birth_date": birth.isoformat(), "nir": nir(birth)},
        "structure": s,
        "diagnosis": {
            "author": "PRESCRIBER",
            "made_on": hired.subtract(days=rng.randrange(1, 60)).isoformat(),
            "criteria": rng.sample(["RSA", "DELD", "QPV", "ASS", "TH"], rng.randint(1, 2)),
        },
        "approval": {"number": f"99999{rng.randrange(10**6, 10**7)}", "start": hired.isoformat()},
        "contracts": contracts,
    }
    if rng.random() < 0.8:
        kind = rng.choice(["CDI", "CDD_6_MONTHS_OR_MORE", "CDD_UNDER_6_MONTHS",
                           "QUALIFYING_TRAINING", "JOB_SEEKING"])
        doc["exit"] = {"on": start.isoformat(), "kind": kind}
    return doc

data = [one_parcours(i) for i in range(400)]
data[0]["contracts"][0]""",
    ),
    (
        "markdown",
        """## Load

`load` checks the shape of every document (types, dates, identifiers, unknown keys) and
raises one `InvalidData` listing every bad field; here all 400 are well formed.""",
    ),
    (
        "code",
        """parcours = iae.load(list[iae.Parcours], data)
print(len(parcours), "parcours;", sum(len(p.contracts) for p in parcours), "contracts")
parcours[0].person  # the NIR and sensitive flags never appear in a repr""",
    ),
    (
        "markdown",
        """## Check against the law

`check` returns findings (never raises for a broken rule), each with a stable code, a
severity, a French message, the legal reference and the path of the field concerned.""",
    ),
    (
        "code",
        """ON = pendulum.date(2025, 6, 30)
reports = [iae.check(p, on=ON) for p in parcours]
counts = collections.Counter((f.code, f.severity.value) for r in reports for f in r)
findings = pd.DataFrame(
    [{"code": c, "severity": s, "parcours": n} for (c, s), n in counts.most_common()]
)
print(sum(not r.ok for r in reports), "parcours with at least one error")
findings""",
    ),
    (
        "code",
        """first = next(r for r in reports if not r.ok)
for f in first.errors[:3]:
    print(f.path, "|", f.message, "|", f.reference)""",
    ),
    (
        "markdown",
        """## DataFrames with `frames`

One row per parcours, nested entities flattened with a prefix, lists as counts, dates as
dates and enums as categoricals. Exports are **pseudonymous**: the person's id (and the
PASS number) becomes an HMAC of it under the key you give; the NIR, the sensitive flags and
the exact birth date are left out (the birth year stays).""",
    ),
    (
        "code",
        """KEY = b"a secret key kept out of the notebook in real use"
df = frames.to_pandas(parcours, key=KEY)
print(df.shape)
df[["person_id", "person_birth_year", "structure_kind", "n_contracts", "exit_category"]].head()""",
    ),
    (
        "code",
        """df.dtypes.head(12)""",
    ),
    (
        "markdown",
        """Exits by kind of structure and category (parcours still running are left out):""",
    ),
    (
        "code",
        """by_kind = df.groupby(["structure_kind", "exit_category"], observed=True)
by_kind.size().unstack(fill_value=0)""",
    ),
    (
        "markdown",
        """Contracts get their own frame, with the derived `final_end`:""",
    ),
    (
        "code",
        """contracts = frames.to_pandas([c for p in parcours for c in p.contracts], key=KEY)
hours = contracts.groupby("structure_kind", observed=True)["weekly_hours"]
hours.describe()[["count", "mean", "min", "max"]]""",
    ),
    (
        "markdown",
        """The same rows are available without pandas (`frames.to_records`, plain dicts) and
as a polars DataFrame (`frames.to_polars`, with `pl.Enum` columns), each needing the key.""",
    ),
    (
        "code",
        """records = frames.to_records(parcours[:2], key=KEY)
sorted(records[0])[:8]""",
    ),
]


def _run(source: str, namespace: dict[str, Any], count: int) -> list[dict[str, Any]]:
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    out = io.StringIO()
    value = None
    with contextlib.redirect_stdout(out):
        exec(compile(tree, f"<cell {count}>", "exec"), namespace)
        if last is not None:
            expr = ast.Expression(last.value)
            value = eval(compile(expr, f"<cell {count}>", "eval"), namespace)
    outputs: list[dict[str, Any]] = []
    if out.getvalue():
        outputs.append({"output_type": "stream", "name": "stdout", "text": _lines(out.getvalue())})
    if value is not None:
        data: dict[str, Any] = {"text/plain": _lines(repr(value))}
        html = getattr(value, "_repr_html_", None)
        if callable(html):
            rendered = html()
            if rendered:
                data["text/html"] = _lines(rendered)
        result = {"output_type": "execute_result", "execution_count": count, "data": data}
        outputs.append({**result, "metadata": {}})
    return outputs


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def build() -> dict[str, Any]:
    """Run the cells and return the notebook document."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    cells = []
    count = 0
    for kind, source in CELLS:
        cell: dict[str, Any] = {
            "id": uuid.uuid5(uuid.NAMESPACE_URL, source).hex[:8],
            "cell_type": kind,
            "metadata": {},
            "source": _lines(source),
        }
        if kind == "code":
            count += 1
            cell["execution_count"] = count
            cell["outputs"] = _run(source, namespace, count)
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
