"""``iae-core plan FILE``: the deadlines of JSON documents of entities.

Same input as ``check`` (one document, a list, or JSON Lines read line by line; the type
told from the keys or ``--type``): every parcours, contract, approval and diagnosis gives
its deadlines in ``[--on, --on + --within]`` (`iae_core.planning.deadlines`), printed
sorted by day, or as JSON (``--json``), or written to an iCalendar file (``--ical``).

Exit status as for ``check``: 0 done, 2 bad input (malformed JSON, an empty file, a
document that is not an entity, invalid data, an unknown type); ``plan`` judges no rule, so
it never exits with 1. Bad input never gives a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import attrs
import pendulum

from iae_core._kernel.text import current_language, fmt_date, say
from iae_core.cli import _check as cc
from iae_core.errors import InvalidData, json_type
from iae_core.planning import Deadline, deadlines, to_ical
from iae_core.serialization import load

__all__ = ["add_parser", "run"]

DEFAULT_WITHIN = 90
"""Days looked at after ``--on`` by default (the planner's default)."""


def add_parser(sub: Any) -> None:
    """Add the ``plan`` subcommand to an argparse subparsers object."""
    p = sub.add_parser(
        "plan",
        help=say("cli.plan"),
        description=say("cli.plan.description"),
    )
    p.add_argument("file", help=say("cli.file"))
    p.add_argument("--type", dest="type_name", metavar="NAME", help=say("cli.plan.type"))
    p.add_argument(
        "--on",
        type=cc.parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=say("cli.plan.on"),
    )
    p.add_argument(
        "--within",
        type=int,
        default=DEFAULT_WITHIN,
        metavar="N",
        help=say("cli.plan.within", n=DEFAULT_WITHIN),
    )
    p.add_argument(
        "--max-record-size",
        type=cc.byte_size,
        default=cc.MAX_RECORD_SIZE,
        metavar="SIZE",
        help=say("cli.plan.max_record_size", size=cc.size_text(cc.MAX_RECORD_SIZE)),
    )
    p.add_argument("--json", action="store_true", help=say("cli.json"))
    p.add_argument("--ical", metavar="OUT.ics", help=say("cli.plan.ical"))
    p.set_defaults(func=run)


def _subject(record: cc.Record, forced: type | None) -> tuple[Any, list[tuple[str, str]], str]:
    """`(entity or None, invalid fields, message)` for one record."""
    if record.error is not None:
        return None, [], record.error
    if not isinstance(record.data, dict):
        got = json_type(record.data, current_language())
        return None, [], say("cli.not_an_entity", got=got)
    try:
        cls = forced or cc.detect_type(record.data)
    except cc.BadInputError as exc:
        return None, [], str(exc)
    duplicates = [(path, "duplicate key") for path in record.duplicates]
    try:
        obj: Any = load(cls, record.data)
    except InvalidData as exc:
        return None, duplicates + list(exc.messages()), say("cli.invalid_entity", name=cls.__name__)
    if duplicates:
        return None, duplicates, say("cli.invalid_entity", name=cls.__name__)
    return obj, [], ""


def _plan_one(obj: Any, where: str, on: pendulum.Date, within: int) -> list[Deadline] | None:
    try:
        found = deadlines([obj], on=on, within_days=within, lang=current_language())
    except InvalidData:
        return None  # not a plannable type
    # a subject known only by its position is named by the record
    return [d if d.subject != "0" else _named(d, where) for d in found]


def _named(d: Deadline, where: str) -> Deadline:
    return attrs.evolve(d, subject=where or say("cli.document"))


def run(args: argparse.Namespace) -> int:
    """Run ``plan`` with parsed arguments; returns the exit status."""
    out, err = cc.SafeWriter(sys.stdout), cc.SafeWriter(sys.stderr)
    on: pendulum.Date = args.on or pendulum.today("Europe/Paris").date()
    if args.within < 0:
        err.write(say("cli.bad_input", message=say("cli.plan.within_negative")) + "\n")
        return 2
    found: list[Deadline] = []
    documents = bad = 0
    unplanned: dict[str, int] = {}
    try:
        forced = cc.resolve_type(args.type_name) if args.type_name else None
        stream = cc.open_input(args.file)
        try:
            for record in cc.read_records(stream, max_record=args.max_record_size):
                documents += 1
                obj, invalid, message = _subject(record, forced)
                if obj is None:
                    bad += 1
                    shown = say("cli.at", where=record.where, message=message)
                    err.write(say("cli.bad_input", message=shown if record.where else message))
                    err.write("\n")
                    for path, text in invalid:
                        err.write(f"  {cc.record_path(record.where, path)}: {text}\n")
                    continue
                planned = _plan_one(obj, record.where, on, args.within)
                if planned is None:
                    name = type(obj).__name__
                    unplanned[name] = unplanned.get(name, 0) + 1
                else:
                    found.extend(planned)
        finally:
            if stream is not getattr(sys.stdin, "buffer", None):
                stream.close()
    except cc.BadInputError as exc:
        err.write(say("cli.bad_input", message=str(exc)) + "\n")
        return 2
    found.sort(key=lambda d: d.day)
    status = 2 if bad else 0
    if args.ical:
        try:
            Path(args.ical).write_bytes(to_ical(found))
        except InvalidData as exc:  # a text no calendar may hold (a control character)
            err.write(say("cli.plan.ical_refused", name=args.ical) + "\n")
            for path, text in exc.errors:
                err.write(f"  {path}: {text}\n")
            return 2
        except OSError as exc:
            err.write(say("cli.cannot_write", path=args.ical, reason=exc.strerror or exc) + "\n")
            return 2
    last = on.add(days=args.within)
    if args.json:
        document = {
            "on": on.isoformat(),
            "until": last.isoformat(),
            "deadlines": [d.to_json() for d in found],
            "summary": {
                "documents": documents,
                "deadlines": len(found),
                "invalid": bad,
                "no_deadline_for": dict(sorted(unplanned.items())),
                "exit_status": status,
            },
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        return status
    lang = current_language()
    for d in found:
        where = f"{d.subject} {d.path}".rstrip()
        out.write(f"{fmt_date(d.day, lang)}  {d.code}  {where}\n  {d.message}\n")
    for name, count in sorted(unplanned.items()):
        many = " (" + say("cli.documents", n=count) + ")" if count > 1 else ""
        out.write(say("cli.plan.none", name=name) + many + "\n")
    out.write(
        say(
            "cli.plan.summary.one" if documents == 1 else "cli.plan.summary.many",
            documents=documents,
            deadlines=len(found),
            first=on,
            last=last,
        )
        + (", " + say("cli.summary.invalid", n=bad) if bad else "")
        + "\n"
    )
    return status
