"""Command line: ``python -m iae_core`` (also installed as ``iae-core``).

* ``demo``: the main job on a bundled synthetic territory;
* ``check FILE``: check JSON documents of entities (exit 0 ok, 1 errors, 2 bad input);
* ``plan FILE``: the deadlines of those documents (``--on``, ``--within``, ``--ical``);
* ``schema``: the JSON Schemas of the entities.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]


def _demo(args: argparse.Namespace) -> int:
    from iae_core.demo import main as demo_main

    return demo_main(seed=args.seed, size=args.size, as_json=args.json)


def _schema(args: argparse.Namespace) -> int:
    from iae_core.schema import entity_classes, json_schema

    classes = entity_classes()
    if args.type_name:
        wanted = {n.lower() for n in args.type_name}
        classes = tuple(c for c in classes if c.__name__.lower() in wanted)
        known = {c.__name__.lower() for c in classes}
        unknown = sorted(wanted - known)
        if unknown:
            names = ", ".join(c.__name__ for c in entity_classes())
            print(f"unknown type(s) {', '.join(unknown)}; known types: {names}", file=sys.stderr)
            return 2
    if args.out is None:
        if len(classes) == 1:
            document = json_schema(classes[0])
        else:
            document = {c.__name__: json_schema(c) for c in classes}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for cls in classes:
            path = out / f"{cls.__name__}.schema.json"
            text = json.dumps(json_schema(cls), indent=2, ensure_ascii=False) + "\n"
            path.write_text(text, encoding="utf-8")
            print(path)
    except OSError as exc:
        print(f"cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


def _parser() -> argparse.ArgumentParser:
    from iae_core import _cli_check, _cli_plan

    parser = argparse.ArgumentParser(
        prog="iae-core",
        description="iae_core from the command line: demo, check FILE, plan FILE, schema.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="run the main job on a bundled synthetic territory")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument(
        "--size", type=int, default=2000, help="number of people in parcours (default 2000)"
    )
    demo.add_argument("--json", action="store_true", help="machine-readable output")
    demo.set_defaults(func=_demo)
    _cli_check.add_parser(sub)
    _cli_plan.add_parser(sub)
    schema = sub.add_parser(
        "schema",
        help="write the JSON Schemas (draft 2020-12) of the entities",
        description="Print the JSON Schemas of the entities, or write one file per entity.",
    )
    schema.add_argument(
        "--out", help="directory to write <Entity>.schema.json into (default: print)"
    )
    schema.add_argument(
        "--type", dest="type_name", action="append", help="only this entity (repeatable)"
    )
    schema.set_defaults(func=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for a usage error)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        status: int = args.func(args)
    except BrokenPipeError:  # the reader went away (``| head``): no traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
