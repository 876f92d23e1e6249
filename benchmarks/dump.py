"""Export speed: `dump`, `dump_json` and `write_jsonl` against msgspec and orjson.

    PYTHONPATH=src python benchmarks/dump.py              # 100,000 parcours, 3 rounds
    PYTHONPATH=src python benchmarks/dump.py --quick      # 10,000 parcours
    PYTHONPATH=src python benchmarks/dump.py -n 400000 --rounds 5

The population is `benchmarks/parcours.py`'s generator (same seed). Everything is timed in
one process, the rounds interleaved (each round runs every contender once, in the same
order), with the cyclic garbage collector on as a caller has it; the figures are the
medians over the rounds of the process's CPU time (`time.process_time`: on a shared machine
the wall time also counts the other processes' turns).

Anchors, in the same process:

* a hand-written function building the same dicts as `dump` (ISO dates, enum values,
  sorted sets): the goal is `dump` within 3x of it;
* `msgspec.json.encode` and `orjson.dumps` of those plain dicts, already built: the goal is
  `dump_json` from the entities within 1.5x of msgspec. orjson is a benchmark-only
  dependency (extra ``bench``).

Two reference rows, against the same msgspec encode, show what bounds `dump_json`:

* msgspec's own encoding of the entities (in C, but keys in slot order, which Python
  sorts by name, and every `pendulum.Date` through a hook): not `dump`'s value;
* a generated walk that reads every field of every entity once and builds nothing: the
  least any encoder driven from Python does before writing a byte.

Each row's ratio is the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import io
import json
import os
import statistics
import sys
import time
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import attrs
import msgspec

import parcours as national
from iae_core import serialization

# --- the hand-written reference: the same dicts as `dump`, written out by a person ----------


def _opt_day(d: Any) -> Any:
    return None if d is None else d.isoformat()


def _opt_enum(e: Any) -> Any:
    return None if e is None else e.value


def _person(p: Any) -> dict[str, Any]:
    return {
        "id": p.id,
        "birth_date": p.birth_date.isoformat(),
        "nir": p.nir,
        "rqth": p.rqth,
        "under_justice_measure": p.under_justice_measure,
    }


def _structure(s: Any) -> dict[str, Any]:
    return {
        "siret": s.siret,
        "kind": s.kind.value,
        "name": s.name,
        "department": s.department,
        "conventioned_fte": s.conventioned_fte,
    }


def _diagnosis(d: Any) -> dict[str, Any]:
    return {
        "author": d.author.value,
        "made_on": d.made_on.isoformat(),
        "criteria": sorted(c.value for c in d.criteria),
        "author_siret": d.author_siret,
        "proofs": [
            {
                "criterion": x.criterion.value,
                "kind": x.kind.value,
                "dated_on": x.dated_on.isoformat(),
            }
            for x in d.proofs
        ],
    }


def _approval(a: Any) -> dict[str, Any]:
    return {
        "number": a.number,
        "start": a.start.isoformat(),
        "initial_end": _opt_day(a.initial_end),
        "suspensions": [
            {
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "reason": s.reason.value,
                "declared_on": _opt_day(s.declared_on),
            }
            for s in a.suspensions
        ],
        "prolongations": [
            {
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "reason": p.reason.value,
                "validated_by": p.validated_by,
                "requested_on": _opt_day(p.requested_on),
            }
            for p in a.prolongations
        ],
    }


def _immersion(i: Any) -> dict[str, Any]:
    a = i.assessment
    return {
        "start": i.start.isoformat(),
        "end": i.end.isoformat(),
        "host_siret": i.host_siret,
        "renewal_of": _opt_day(i.renewal_of),
        "purpose": _opt_enum(i.purpose),
        "schedule": [{"on": d.on.isoformat(), "hours": d.hours} for d in i.schedule],
        "prescriber": _opt_enum(i.prescriber),
        "prescriber_siret": i.prescriber_siret,
        "assessment": None
        if a is None
        else {
            "outcome": a.outcome.value,
            "hired_on": _opt_day(a.hired_on),
            "hire_kind": _opt_enum(a.hire_kind),
            "notes": a.notes,
        },
    }


def _contract(c: Any) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "structure_kind": c.structure_kind.value,
        "start": c.start.isoformat(),
        "end": _opt_day(c.end),
        "weekly_hours": c.weekly_hours,
        "renewals": [
            {
                "end": r.end.isoformat(),
                "ground": _opt_enum(r.ground),
                "training_end": _opt_day(r.training_end),
            }
            for r in c.renewals
        ],
        "derogations": [
            {
                "kind": d.kind.value,
                "start": d.start.isoformat(),
                "end": d.end.isoformat(),
                "other_employer_kind": _opt_enum(d.other_employer_kind),
            }
            for d in c.derogations
        ],
        "immersions": [_immersion(i) for i in c.immersions],
        "placements": [
            {
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "hours": p.hours,
                "host": p.host.value,
                "host_siret": p.host_siret,
            }
            for p in c.placements
        ],
        "trial_period_days": c.trial_period_days,
    }


def hand_written(p: Any) -> dict[str, Any]:
    """One parcours as `dump` gives it, written out field by field."""
    e = p.exit
    return {
        "person": _person(p.person),
        "structure": _structure(p.structure),
        "diagnosis": None if p.diagnosis is None else _diagnosis(p.diagnosis),
        "approval": None if p.approval is None else _approval(p.approval),
        "contracts": [_contract(c) for c in p.contracts],
        "actions": [
            {
                "kind": a.kind.value,
                "start": a.start.isoformat(),
                "end": _opt_day(a.end),
                "title": a.title,
            }
            for a in p.actions
        ],
        "exit": None if e is None else {"on": e.on.isoformat(), "kind": e.kind.value},
        "follow_ups": [
            {
                "on": f.on.isoformat(),
                "situation": f.situation.value,
                "source": f.source.value,
                "employer_siret": f.employer_siret,
            }
            for f in p.follow_ups
        ],
        "support_actions": [
            {
                "kind": s.kind.value,
                "start": s.start.isoformat(),
                "end": _opt_day(s.end),
                "hours": s.hours,
                "title": s.title,
            }
            for s in p.support_actions
        ],
    }


# --- the floors: what any encoder of these objects pays ------------------------------------


def _walk_lines(t: Any, x: str, env: dict[str, Any], depth: int) -> list[str]:
    """Statements that read ``x`` (of type ``t``) down to its leaves, building nothing."""
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            body = _walk_lines(inner[0], x, env, depth)
            if body:
                return [f"if {x} is not None:", *("    " + line for line in body)]
        return []
    if isinstance(t, type) and attrs.has(t):
        env[t.__qualname__] = walker(t)
        return [f"{t.__qualname__}({x})"]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        y = f"y{depth}"
        body = _walk_lines(args[0], y, env, depth + 1)
        return [f"for {y} in {x}:", *("    " + line for line in body or ["pass"])]
    return []  # a leaf (text, number, date, enum, set of codes): reading it is enough


_WALKERS: dict[type, Callable[[Any], None]] = {}


def walker(cls: type) -> Callable[[Any], None]:
    """A function reading every field of a ``cls`` instance, and of what it holds, once."""
    if cls not in _WALKERS:
        env: dict[str, Any] = {}
        attrs.resolve_types(cls)
        lines = ["def walk(o):"]
        for f in attrs.fields(cls):
            lines.append(f"    a = o.{f.name}")
            lines += ["    " + line for line in _walk_lines(f.type, "a", env, 0)]
        exec("\n".join(lines), env)
        _WALKERS[cls] = env["walk"]
    return _WALKERS[cls]


# --- the run ------------------------------------------------------------------------------------


def cpu(fn: Callable[[], Any]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="number of parcours")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--quick", action="store_true", help="10,000 parcours, 3 rounds")
    args = parser.parse_args()
    n = 10_000 if args.quick else args.n
    import orjson  # the bench extra

    print(f"n={n:,}, rounds={args.rounds}, load average {os.getloadavg()[0]:.2f} at start")
    population = national.generate(n)
    plain = [hand_written(p) for p in population]
    assert serialization.dump(population) == plain
    assert json.loads(serialization.dump_json(population)) == plain
    sink = io.BytesIO()
    serialization.write_jsonl(population, sink)
    assert [json.loads(line) for line in sink.getvalue().splitlines()] == plain

    # msgspec's own encoding of the entities: attrs classes are written in C from their slots,
    # which CPython orders by name, so the keys come alphabetically, not as `dump` gives them;
    # `pendulum.Date` is not `datetime.date` itself, so each day goes through the hook.
    native = msgspec.json.Encoder(enc_hook=datetime.date.isoformat, order="deterministic")
    assert json.loads(native.encode(population)) == plain  # the same value, keys in a-z order
    assert list(json.loads(native.encode(population[0]))) != list(plain[0])
    walk = walker(type(population[0]))

    converter = serialization.make_converter(detailed_validation=False)
    contenders: dict[str, Callable[[], Any]] = {
        "hand-written dicts": lambda: [hand_written(p) for p in population],
        "dump": lambda: serialization.dump(population),
        "converter's unstructure (dump before)": lambda: converter.unstructure(population),
        "msgspec.json.encode(plain dicts)": lambda: msgspec.json.encode(plain),
        "orjson.dumps(plain dicts)": lambda: orjson.dumps(plain),
        "dump_json": lambda: serialization.dump_json(population),
        "write_jsonl (to memory)": lambda: serialization.write_jsonl(population, io.BytesIO()),
        "json.dumps(dump(...))": lambda: json.dumps(serialization.dump(population)),
        "msgspec native on entities (keys a-z)": lambda: native.encode(population),
        "field walk (reads, builds nothing)": lambda: [walk(p) for p in population],
    }
    times: dict[str, list[float]] = {name: [] for name in contenders}
    loads: list[float] = []
    gc.collect()
    for _ in range(args.rounds):
        loads.append(os.getloadavg()[0])
        for name, fn in contenders.items():
            times[name].append(cpu(fn))
    anchors = {
        "dump": "hand-written dicts",
        "converter's unstructure (dump before)": "hand-written dicts",
        "dump_json": "msgspec.json.encode(plain dicts)",
        "write_jsonl (to memory)": "msgspec.json.encode(plain dicts)",
        "json.dumps(dump(...))": "msgspec.json.encode(plain dicts)",
        "orjson.dumps(plain dicts)": "msgspec.json.encode(plain dicts)",
        "msgspec native on entities (keys a-z)": "msgspec.json.encode(plain dicts)",
        "field walk (reads, builds nothing)": "msgspec.json.encode(plain dicts)",
    }
    print(f"load average over the rounds: {min(loads):.2f}-{max(loads):.2f}")
    print(f"{'contender':<40} {'CPU s (median)':>14}  ratio (median of rounds)")
    for name, ts in times.items():
        line = f"{name:<40} {statistics.median(ts):>14.3f}"
        anchor = anchors.get(name)
        if anchor is not None:
            ratios = [t / a for t, a in zip(ts, times[anchor], strict=True)]
            spread = f"{min(ratios):.2f}-{max(ratios):.2f}"
            line += f"  {statistics.median(ratios):.2f}x {anchor} ({spread})"
        print(line)
    vs_orjson = [
        t / a for t, a in zip(times["dump_json"], times["orjson.dumps(plain dicts)"], strict=True)
    ]
    print(f"{'dump_json vs orjson':<40} {'':>14}  {statistics.median(vs_orjson):.2f}x")


if __name__ == "__main__":
    main()
