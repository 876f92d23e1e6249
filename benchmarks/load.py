"""Load speed: ``iae_core.load(list[Parcours], data)`` against pydantic v2 on the same model.

Run ``python benchmarks/load.py`` (100,000 parcours), ``--quick`` for a smoke run of a few
seconds (5,000 parcours), ``--size N`` for another size, ``--write PATH`` to write the
Markdown table (figures quoted in the docs are recorded in ``benchmarks/RESULTS.md``),
``--profile`` to print the top of a cProfile of iae_core's load.

The data: seeded random parcours, all valid, as JSON: each with a person (with a NIR), a
structure (SIRET), an eligibility diagnosis, a PASS IAE with one suspension, 1-3
contracts with 0-2 renewals each, and an exit.

msgspec (``benchmarks/msgspec_ref.py``) is the reference of issue 15's goals: the same
model and checks as msgspec ``Struct`` types, timed with the collector on; the same model
with msgspec's advanced ``gc=False`` option (structs the cyclic collector never tracks) is
shown for information, as is msgspec's speed at small sizes (``--size 5000``), where the
collector costs it little.

The other reference is pydantic v2 (pydantic-core, Rust) on a model written here with the
same fields and the **same strictness**: strict types (no ``"20"`` for 20, no ``1`` for
``true``), ISO dates, enums by value, unknown keys forbidden, frozen; and the same
checks as iae_core's constructors, calling the same functions (SIRET and NIR validation,
department codes, bounds, end on or after start). pydantic is a benchmark-only
dependency (``pip install pydantic``).

Measured, best of ``--repeat`` runs, each on the whole list:

* ``from Python``: the parsed JSON (lists and dicts) to objects — ``iae_core.load`` vs
  pydantic's ``validate_python`` (strict scalars: ``StrictStr``, ``StrictInt``,
  ``StrictFloat``, ``StrictBool``; lists, enum values and ISO date strings accepted, as
  pydantic's strict mode would want Python tuples, enum members and date objects);
* ``from JSON text``: ``iae_core.serialization.loads`` (the strict text path: duplicate
  keys refused) vs pydantic's ``validate_json`` (strict everywhere; pydantic parses the
  text in Rust) and msgspec's typed decode; ``json.loads`` + ``iae_core.load`` is shown
  beside it for information (it would accept a key given twice).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import json
import platform
import pstats
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from stdnum import luhn

import iae_core as iae
from iae_core._kernel import model as _model
from iae_core.identifiers import nir as _nir
from iae_core.identifiers import siret as _siret
from iae_core.people import is_department

# --- data -------------------------------------------------------------------------------------

DEPARTMENTS = ["01", "13", "2A", "33", "59", "69", "75", "93", "971", "974"]
SIAE = ["ACI", "AI", "EI", "ETTI", "EITI"]
CONTRACT_KIND = {
    "ACI": "CDDI",
    "EI": "CDDI",
    "AI": "CDD_USAGE",
    "ETTI": "MISSION",
    "EITI": "COMMERCIAL",
}
CRITERIA = ["RSA", "DELD", "QPV", "CAP_BEP", "ASS", "AAH", "TH", "FLE"]
EXITS = ["CDI", "CDD_6_MONTHS_OR_MORE", "CDD_UNDER_6_MONTHS", "BUSINESS_CREATION"]


def _luhn(digits: str) -> str:
    return digits + luhn.calc_check_digit(digits)


def _nir_for(rng: random.Random, birth: dt.date) -> str:
    body = (
        f"{rng.choice('12')}{birth.year % 100:02d}{birth.month:02d}"
        f"{rng.choice(['75', '13', '69', '59'])}{rng.randrange(1, 999):03d}"
        f"{rng.randrange(1, 999):03d}"
    )
    return body + f"{97 - int(body) % 97:02d}"


def _day(rng: random.Random, start: dt.date, span: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span))


def make_data(size: int, seed: int = 1) -> list[dict[str, Any]]:
    """``size`` valid parcours as JSON-like dicts (seeded)."""
    rng = random.Random(seed)
    structures = []
    for i in range(max(size // 200, 5)):
        kind = rng.choice(SIAE)
        structures.append(
            {
                "siret": _luhn(
                    _luhn(f"{rng.randrange(10**7, 10**8)}") + f"{rng.randrange(10**4):04d}"
                ),
                "kind": kind,
                "name": f"Structure {i}",
                "department": rng.choice(DEPARTMENTS),
                "conventioned_fte": float(rng.randrange(1, 40)),
            }
        )
    out = []
    for i in range(size):
        s = rng.choice(structures)
        birth = _day(rng, dt.date(1960, 1, 1), 365 * 45)
        hired = _day(rng, dt.date(2019, 1, 1), 365 * 6)
        diagnosis_on = hired - dt.timedelta(days=rng.randrange(1, 120))
        suspension_start = hired + dt.timedelta(days=rng.randrange(30, 300))
        contracts = []
        start = hired
        for _ in range(rng.randint(1, 3)):
            end = start + dt.timedelta(days=rng.randrange(120, 240))
            renewals = []
            last = end
            for _ in range(rng.randint(0, 2)):
                last = last + dt.timedelta(days=rng.randrange(60, 180))
                renewals.append({"end": last.isoformat()})
            contracts.append(
                {
                    "kind": CONTRACT_KIND[s["kind"]],
                    "structure_kind": s["kind"],
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "weekly_hours": rng.choice([20, 24, 26, 30, 35]),
                    "renewals": renewals,
                    "trial_period_days": rng.choice([0, 7, 14, 30]),
                }
            )
            start = last + dt.timedelta(days=1)
        out.append(
            {
                "person": {
                    "id": f"P{i:07d}",
                    "birth_date": birth.isoformat(),
                    "nir": _nir_for(rng, birth),
                    "rqth": rng.random() < 0.1,
                    "under_justice_measure": False,
                },
                "structure": s,
                "diagnosis": {
                    "author": rng.choice(["PRESCRIBER", "EMPLOYER"]),
                    "made_on": diagnosis_on.isoformat(),
                    "criteria": sorted(rng.sample(CRITERIA, rng.randint(1, 3))),
                    "author_siret": s["siret"],
                },
                "approval": {
                    "number": f"99999{rng.randrange(10**6, 10**7)}",
                    "start": hired.isoformat(),
                    "suspensions": [
                        {
                            "start": suspension_start.isoformat(),
                            "end": (suspension_start + dt.timedelta(days=30)).isoformat(),
                            "reason": "CONTRACT_SUSPENDED",
                        }
                    ],
                },
                "contracts": contracts,
                "exit": {"on": start.isoformat(), "kind": rng.choice(EXITS)},
            }
        )
    return out


# --- the pydantic reference ---------------------------------------------------------------------


def pydantic_adapter(*, json_mode: bool, python_checks: bool = True) -> Any:
    """A ``TypeAdapter(list[Parcours])`` for the identical pydantic model.

    ``python_checks=False`` replaces the SIRET, NIR and department checks (Python
    functions, the same as iae_core's) by regular expressions run by pydantic-core: not
    the same strictness (no check digits), shown only to tell where pydantic's time goes.
    """
    from pydantic import (
        AfterValidator,
        BaseModel,
        ConfigDict,
        Field,
        StrictBool,
        StrictFloat,
        StrictInt,
        StrictStr,
        TypeAdapter,
        model_validator,
    )

    from iae_core import enums

    # From JSON text: strict mode everywhere (dates and enums from their JSON strings).
    # From Python, strict mode would want tuple, enum and date *objects*: the model is lax
    # there but every scalar is Strict* (no "20" for 20, no 1 for true), as iae_core is.
    day = dt.date

    def siret(value: str) -> str:
        if _siret.validate(value) != value:
            raise ValueError("not in compact form")
        return value

    def nir(value: str) -> str:
        if _nir.validate(value) != value:
            raise ValueError("not in compact form")
        return value

    def department(value: str) -> str:
        if not is_department(value):
            raise ValueError("not a department code")
        return value

    def non_empty(value: str) -> str:
        if not value.strip():
            raise ValueError("empty string")
        return value

    Siret = Annotated[StrictStr, AfterValidator(siret)]  # noqa: N806
    Nir = Annotated[StrictStr, AfterValidator(nir)]  # noqa: N806
    Department = Annotated[StrictStr, AfterValidator(department)]  # noqa: N806
    if not python_checks:
        Siret = Annotated[StrictStr, Field(pattern=r"^\d{14}$")]  # type: ignore[misc]  # noqa: N806
        Nir = Annotated[StrictStr, Field(pattern=r"^[1-478]\d{4}(\d\d|2[AB])\d{8}$")]  # type: ignore[misc]  # noqa: N806
        Department = Annotated[  # type: ignore[misc]  # noqa: N806
            StrictStr, Field(pattern=r"^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8]|98[4-9])$")
        ]
    Text = Annotated[StrictStr, AfterValidator(non_empty)]  # noqa: N806

    def ordered(start: str, end: str, *, strict: StrictBool = False) -> Callable[[Any], Any]:
        def check(self: Any) -> Any:
            a, b = getattr(self, start), getattr(self, end)
            if a is not None and b is not None and (b < a or (strict and b == a)):
                raise ValueError(f"{end} must be on or after {start}")
            return self

        return check

    class Model(BaseModel):
        model_config = ConfigDict(strict=json_mode, extra="forbid", frozen=True)

    class Person(Model):
        id: Text
        birth_date: day  # type: ignore[valid-type]
        nir: Nir | None = None
        rqth: StrictBool = False
        under_justice_measure: StrictBool = False

    class Structure(Model):
        siret: Siret
        kind: enums.StructureKind
        name: Text
        department: Department
        conventioned_fte: Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)] | None = None

    class EligibilityDiagnosis(Model):
        author: enums.AuthorKind
        made_on: day  # type: ignore[valid-type]
        criteria: frozenset[enums.Criterion] = frozenset()
        author_siret: Siret | None = None

    class Suspension(Model):
        start: day  # type: ignore[valid-type]
        end: day  # type: ignore[valid-type]
        reason: enums.SuspensionReason
        _order = model_validator(mode="after")(ordered("start", "end"))

    class Prolongation(Model):
        start: day  # type: ignore[valid-type]
        end: day  # type: ignore[valid-type]
        reason: enums.ProlongationReason
        validated_by: Text | None = None
        _order = model_validator(mode="after")(ordered("start", "end", strict=True))

    class Approval(Model):
        number: Text
        start: day  # type: ignore[valid-type]
        initial_end: day | None = None  # type: ignore[valid-type]
        suspensions: tuple[Suspension, ...] = ()
        prolongations: tuple[Prolongation, ...] = ()
        _order = model_validator(mode="after")(ordered("start", "initial_end"))

    class Renewal(Model):
        end: day  # type: ignore[valid-type]
        ground: enums.ExtensionGround | None = None
        training_end: day | None = None  # type: ignore[valid-type]

    class HoursDerogation(Model):
        kind: enums.DerogationKind
        start: day  # type: ignore[valid-type]
        end: day  # type: ignore[valid-type]
        _order = model_validator(mode="after")(ordered("start", "end"))

    class Immersion(Model):
        start: day  # type: ignore[valid-type]
        end: day  # type: ignore[valid-type]
        host_siret: Siret
        renewal_of: day | None = None  # type: ignore[valid-type]
        _order = model_validator(mode="after")(ordered("start", "end"))

    class Placement(Model):
        start: day  # type: ignore[valid-type]
        end: day  # type: ignore[valid-type]
        hours: Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)]
        host: enums.HostKind
        host_siret: Siret | None = None
        _order = model_validator(mode="after")(ordered("start", "end"))

    class Contract(Model):
        kind: enums.ContractKind
        structure_kind: enums.StructureKind
        start: day  # type: ignore[valid-type]
        end: day | None  # type: ignore[valid-type]
        weekly_hours: Annotated[StrictFloat, Field(ge=0, le=168, allow_inf_nan=False)]
        renewals: tuple[Renewal, ...] = ()
        derogations: tuple[HoursDerogation, ...] = ()
        immersions: tuple[Immersion, ...] = ()
        placements: tuple[Placement, ...] = ()
        trial_period_days: Annotated[StrictInt, Field(ge=0)] = 0

        @model_validator(mode="after")
        def _check(self) -> Any:
            if self.end is None and self.kind is not enums.ContractKind.CDI_INCLUSION:
                raise ValueError("end required: only a CDI inclusion has no end")
            if self.end is not None and self.end < self.start:
                raise ValueError("end must be on or after start")
            for r in self.renewals:
                if r.end < self.start:
                    raise ValueError("renewal end must be on or after start")
            return self

    class Action(Model):
        kind: enums.ActionKind
        start: day  # type: ignore[valid-type]
        end: day | None = None  # type: ignore[valid-type]
        title: Text | None = None
        _order = model_validator(mode="after")(ordered("start", "end"))

    class Exit(Model):
        on: day  # type: ignore[valid-type]
        kind: enums.ExitKind

    class Parcours(Model):
        person: Person
        structure: Structure
        diagnosis: EligibilityDiagnosis | None = None
        approval: Approval | None = None
        contracts: tuple[Contract, ...] = ()
        actions: tuple[Action, ...] = ()
        exit: Exit | None = None

    return TypeAdapter(list[Parcours])


# --- timing ---------------------------------------------------------------------------------------


GC_OFF = False  # --gc-off: the collector off during each timed call (the old figures)


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    """Best wall time of ``repeat`` calls, as a caller runs them (garbage collector on).

    With ``--gc-off`` the collector is off during each call (how the figures before
    issue 15 were taken).
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        if GC_OFF:
            gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return min(times)


def worker(size: int, seed: int, repeat: int) -> int:
    """``--worker``: time this interpreter's ``iae_core.load`` and msgspec, print JSON.

    Run by ``--against SRC`` with ``PYTHONPATH=SRC``: another source tree's ``load`` on
    the same data, with the msgspec reference timed in the same process (ratios to it are
    what compare across processes).
    """
    import msgspec_ref

    data = make_data(size, seed)
    text = json.dumps(data)
    cls = list[iae.Parcours]
    iae.load(cls, data[:10])
    contenders = _core_contenders(cls, data, text, msgspec_ref)
    best = {name: float("inf") for name in contenders}
    for _ in range(repeat):
        for name, fn in contenders.items():
            best[name] = min(best[name], best_of(1, fn))
    print(json.dumps(best))
    return 0


def _core_contenders(
    cls: Any, data: Any, text: str, msgspec_ref: Any
) -> dict[str, Callable[[], Any]]:
    """iae_core's load (SIRET cache emptied first) and the msgspec reference (likewise)."""

    def cold(load: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            _model._VALID_IDENTIFIERS.clear()  # each run starts with an empty SIRET cache
            msgspec_ref.clear_cache()
            return load()

        return run

    return {
        "ours_py": cold(lambda: iae.load(cls, data)),
        "ours_json": cold(lambda: _loads(cls, text)),
        "ours_stdlib": cold(lambda: iae.load(cls, json.loads(text))),
        "msgspec_py": cold(lambda: msgspec_ref.from_python(data)),
        "msgspec_json": cold(lambda: msgspec_ref.from_json(text)),
        "untracked_py": cold(lambda: msgspec_ref.from_python_untracked(data)),
        "untracked_json": cold(lambda: msgspec_ref.from_json_untracked(text)),
    }


def _loads(cls: Any, text: str) -> Any:
    """The strict text path of the tree on ``sys.path`` (``json.loads`` + load before it)."""
    from iae_core import serialization

    loads = getattr(serialization, "loads", None)
    return loads(cls, text) if loads else iae.load(cls, json.loads(text))


def against(src: str, size: int, seed: int, repeat: int) -> dict[str, float]:
    """Run :func:`worker` on another source tree (``PYTHONPATH=src``)."""
    import os
    import subprocess

    here = str(Path(__file__).resolve().parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, here])}
    argv = [sys.executable, __file__, "--worker", "--size", str(size), "--seed", str(seed)]
    argv += ["--repeat", str(repeat)]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run (5,000 parcours)")
    parser.add_argument("--size", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="profile iae_core's load")
    parser.add_argument("--write", default=None, help="write the Markdown results here")
    parser.add_argument("--gc-off", action="store_true", help="collector off while timing")
    parser.add_argument(
        "--against", action="append", default=[], help="another src tree, timed in a subprocess"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    size = args.size or (5_000 if args.quick else 100_000)
    repeat = 1 if args.quick else args.repeat
    global GC_OFF
    GC_OFF = args.gc_off
    if args.worker:
        return worker(size, args.seed, repeat)

    t0 = time.perf_counter()
    data = make_data(size, args.seed)
    text = json.dumps(data)
    print(
        f"{size:,} parcours, {len(text) / 1e6:.1f} MB of JSON (built in "
        f"{time.perf_counter() - t0:.1f} s)"
    )

    cls = list[iae.Parcours]
    loaded = iae.load(cls, data)
    assert len(loaded) == size
    assert iae.load(cls, json.loads(json.dumps(iae.dump(loaded)))) == loaded  # round trip

    try:
        py_adapter = pydantic_adapter(json_mode=False)
        json_adapter = pydantic_adapter(json_mode=True)
        regex_adapter = pydantic_adapter(json_mode=False, python_checks=False)
    except ImportError:
        print("pydantic is not installed: pip install pydantic (benchmark only)")
        py_adapter = json_adapter = regex_adapter = None

    try:
        import msgspec_ref
    except ImportError:
        print("msgspec is not installed: pip install msgspec (the bench extra)")
        msgspec_ref = None

    def no_cache() -> Any:
        limit = _model._VALID_IDENTIFIERS_MAX
        _model._VALID_IDENTIFIERS_MAX = 0
        _model._VALID_IDENTIFIERS.clear()
        try:
            return iae.load(cls, data)
        finally:
            _model._VALID_IDENTIFIERS_MAX = limit

    contenders: dict[str, Callable[[], Any]] = {
        "parse": lambda: json.loads(text),
        "ours_no_cache": no_cache,
    }
    if msgspec_ref is not None:
        assert len(msgspec_ref.from_python(data)) == len(msgspec_ref.from_json(text)) == size
        contenders.update(_core_contenders(cls, data, text, msgspec_ref))
    else:
        contenders["ours_py"] = lambda: iae.load(cls, data)
        contenders["ours_json"] = lambda: _loads(cls, text)
        contenders["ours_stdlib"] = lambda: iae.load(cls, json.loads(text))
    if py_adapter is not None and json_adapter is not None and regex_adapter is not None:
        assert len(py_adapter.validate_python(data)) == size
        assert len(json_adapter.validate_json(text)) == size
        contenders["theirs_py"] = lambda: py_adapter.validate_python(data)
        contenders["theirs_json"] = lambda: json_adapter.validate_json(text)
        contenders["theirs_regex"] = lambda: regex_adapter.validate_python(data)
    others: dict[str, dict[str, float]] = {}
    # Interleaved rounds (each contender once per round), best of the rounds: the machine
    # is shared, so a slow phase hits every contender rather than one.
    best = {name: float("inf") for name in contenders}
    for _ in range(repeat):
        for name, fn in contenders.items():
            best[name] = min(best[name], best_of(1, fn))
        for src in args.against:  # another tree's load and msgspec, in its own process
            got = against(src, size, args.seed, 1)
            mine = others.setdefault(src, got)
            for key, value in got.items():
                mine[key] = min(mine[key], value)
    parse_only = best["parse"]
    rows: list[tuple[str, float, float | None]] = [
        ("from Python (parsed JSON)", best["ours_py"], best.get("theirs_py")),
        ("from JSON text (loads)", best["ours_json"], best.get("theirs_json")),
        ("(info) json.loads + load", best["ours_stdlib"], best.get("theirs_json")),
        ("(info) from Python, SIRET cache off", best["ours_no_cache"], best.get("theirs_py")),
    ]
    if "theirs_regex" in best:
        rows.append(
            ("(info) vs pydantic with regex identifiers", best["ours_py"], best["theirs_regex"])
        )

    import os

    per = 1e6 / size
    print(f"load average after the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"garbage collector {'off' if GC_OFF else 'on'} while timing")
    print(f"json.loads alone: {parse_only:.2f} s")
    if msgspec_ref is not None:
        print(f"{'(msgspec reference)':<42} {'iae_core':>10} {'msgspec':>10} {'ratio':>7}")
        pairs = (
            ("py", "py", "from Python"),
            ("json", "json", "from JSON text (loads)"),
            ("stdlib", "json", "(info) json.loads + load"),
        )
        for kind, ref_kind, label in pairs:
            ours, ref = best[f"ours_{kind}"], best[f"msgspec_{ref_kind}"]
            print(f"{label:<42} {ours:>8.2f} s {ref:>8.2f} s {ours / ref:>6.2f}x")
            if kind != "stdlib" and f"untracked_{ref_kind}" in best:
                # msgspec's advanced ``gc=False`` structs: the collector never walks them
                untracked = best[f"untracked_{ref_kind}"]
                print(
                    f"  (info) vs msgspec's gc=False structs {untracked:>14.2f} s "
                    f"{ours / untracked:>6.2f}x"
                )
            for src, got in others.items():
                if f"ours_{kind}" not in got:
                    continue
                theirs, their_ref = got[f"ours_{kind}"], got[f"msgspec_{ref_kind}"]
                print(
                    f"  {src}: {theirs:.2f} s vs its msgspec {their_ref:.2f} s "
                    f"({theirs / their_ref:.2f}x); this tree is "
                    f"{(theirs / their_ref) / (ours / ref):.2f}x faster (ratio of ratios)"
                )
    print(f"{'measure':<42} {'iae_core':>10} {'pydantic':>10} {'ratio':>7} {'µs/parcours':>12}")
    for name, ours, theirs in rows:
        ratio = f"{ours / theirs:.2f}x" if theirs else "-"
        them = f"{theirs:.2f} s" if theirs else "-"
        print(f"{name:<42} {ours:>8.2f} s {them:>10} {ratio:>7} {ours * per:>10.1f}")

    # The error path: one bad date deep inside a valid list.
    broken = [dict(p) for p in data[: min(size, 1000)]]
    broken[-1] = {**broken[-1], "exit": {"on": "2024-13-01", "kind": "CDI"}}
    t0 = time.perf_counter()
    try:
        iae.load(cls, broken)
    except iae.InvalidData as exc:
        error_time = time.perf_counter() - t0
        print(
            f"error path on {len(broken):,} parcours (one bad date): {error_time:.3f} s "
            f"-> {exc.errors[0][0]}: {exc.errors[0][1]}"
        )

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        iae.load(cls, data[: min(size, 20_000)])
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(18)

    target = args.write
    if target:
        write_results(
            Path(target),
            size=size,
            repeat=repeat,
            rows=rows,
            parse=parse_only,
            megabytes=len(text) / 1e6,
        )
        print(f"wrote {target}")
    return 0


def write_results(
    path: Path,
    *,
    size: int,
    repeat: int,
    rows: list[tuple[str, float, float | None]],
    parse: float,
    megabytes: float,
) -> None:
    from importlib.metadata import version

    lines = [
        "## Measured",
        "",
        f"Machine: 2 cores / 24 GiB shared with other jobs; Python "
        f"{platform.python_version()}, attrs {version('attrs')}, cattrs {version('cattrs')}, "
        f"pydantic {version('pydantic')}. Command: `python benchmarks/load.py` ({size:,} parcours, "
        f"{megabytes:.0f} MB of JSON, best of {repeat}).",
        "",
        "| measure | iae_core | pydantic v2 | ratio | µs per parcours (iae_core) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, ours, theirs in rows:
        ratio = f"{ours / theirs:.2f}x" if theirs else "-"
        them = f"{theirs:.2f} s" if theirs else "-"
        lines.append(f"| {name} | {ours:.2f} s | {them} | {ratio} | {ours * 1e6 / size:.1f} |")
    lines += ["", f"`json.loads` alone: {parse:.2f} s.", ""]
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    head, _, _ = old.partition("## Measured")
    path.write_text((head or "# Load speed\n\n") + "\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
