"""Typed for the embedder: mypy flags a missing context, a misspelt keyword, a date as text.

One mypy run over two small files: every line of `bad.py` marked `# E` must have an error
(and no other line), `good.py` none.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

SRC = Path(__file__).resolve().parents[1] / "src"

GOOD = """
import datetime
import pendulum
import iae_core as I
from iae_core import planning

approval = I.Approval(number="999990000001", start=pendulum.date(2026, 1, 5))
contract = I.Contract(
    kind=I.ContractKind.CDDI,
    structure_kind="ACI",
    start=datetime.date(2026, 1, 5),
    end=pendulum.date(2026, 6, 5),
    weekly_hours=26,
)
on = pendulum.date(2026, 2, 1)
r1: I.Report = I.check(approval, on=on, structure_kind=I.StructureKind.ACI)
r2: I.Report = I.check(approval, on=on, structure_kind="ACI", lang="en")
r3: I.Report = I.check(contract, on=on, approval=approval)
r_text: I.Report = I.check(approval, on="2026-02-01", structure_kind="ACI")  # ISO text
plan: planning.ContractPlan = planning.contract(contract, on=datetime.date(2026, 2, 1))
r4: I.Report = I.check(I.Person(id="p", birth_date=pendulum.date(1990, 1, 1)), on=on)
"""

BAD = """
import pendulum
import iae_core as I

approval = I.Approval(number="999990000001", start="2026-01-05")  # E
good = I.Approval(number="999990000001", start=pendulum.date(2026, 1, 5))
on = pendulum.date(2026, 2, 1)
I.check(good, on=on)  # E
I.check(good, on=on, structure_kind="ACI", persn=None)  # E
I.check(good, on=20260201, structure_kind="ACI")  # E
I.check(good, on=on, structure_kind="ACI", lang="de")  # E
"""


def test_mypy_flags_what_it_should(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.py").write_text(BAD, encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(SRC), "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "good.py",
            "bad.py",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    errors: dict[str, set[int]] = {"good.py": set(), "bad.py": set()}
    for line in done.stdout.splitlines():
        match = re.match(r"(good\.py|bad\.py):(\d+): error:", line)
        if match:
            errors[match.group(1)].add(int(match.group(2)))
    expected = {i for i, text in enumerate(BAD.splitlines(), 1) if text.endswith("# E")}
    assert errors["good.py"] == set(), done.stdout
    assert errors["bad.py"] == expected, done.stdout
