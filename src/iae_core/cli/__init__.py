"""Command line: ``python -m iae_core`` (also installed as ``iae-core``).

* ``demo``: the main job on a bundled synthetic territory;
* ``check FILE``: check JSON documents of entities (exit 0 ok, 1 errors, 2 bad input);
* ``plan FILE``: the deadlines of those documents (``--on``, ``--within``, ``--ical``);
* ``schema``: the JSON Schemas of the entities;
* ``rules``: the rules catalogue (code, severity, titles, reference, parameters read);
* ``serve``: the HTTP service (``iae_core.api``, the ``api`` extra) with uvicorn;
* ``--version``: the version of iae_core.

Shell completion comes with the extra `completion` (argcomplete): see docs/cli.md.
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
    from iae_core.cli._progress import bars
    from iae_core.demo import main as demo_main

    return demo_main(
        seed=args.seed,
        size=args.size,
        as_json=args.json,
        progress=lambda: bars(enabled=not args.json),  # on a terminal only: never in a pipe
    )


def _schema(args: argparse.Namespace) -> int:
    from iae_core.schema import entity_classes, json_schema, output_schemas

    schemas = {c.__name__: (lambda c=c: json_schema(c)) for c in entity_classes()}
    outputs = output_schemas()
    schemas.update({name: (lambda name=name: outputs[name]) for name in sorted(outputs)})
    names = sorted(schemas)
    if args.type_name:
        by_lower = {n.lower(): n for n in names}
        wanted = {n.lower() for n in args.type_name}
        unknown = sorted(wanted - set(by_lower))
        if unknown:
            known = ", ".join(names)
            print(f"unknown type(s) {', '.join(unknown)}; known types: {known}", file=sys.stderr)
            return 2
        names = [by_lower[n] for n in sorted(wanted)]
    if args.out is None:
        document = schemas[names[0]]() if len(names) == 1 else {n: schemas[n]() for n in names}
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return 0
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            path = out / f"{name}.schema.json"
            text = json.dumps(schemas[name](), indent=2, ensure_ascii=False) + "\n"
            path.write_text(text, encoding="utf-8")
            print(path)
    except OSError as exc:
        print(f"cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


def _rules(args: argparse.Namespace) -> int:
    import iae_core

    catalogue = [
        r for r in iae_core.rules() if args.area is None or r.code.split(".")[0] in args.area
    ]
    if args.area:
        known = {r.code.split(".")[0] for r in iae_core.rules()}
        unknown = sorted(set(args.area) - known)
        if unknown:
            print(
                f"unknown area(s) {', '.join(unknown)}; known areas: {', '.join(sorted(known))}",
                file=sys.stderr,
            )
            return 2
    if args.json:
        rows = [
            {
                "code": r.code,
                "area": r.code.split(".")[0],
                "severity": r.severity.value,
                "title": r.title,
                "title_en": r.title_en,
                "reference": r.reference,
                "subject": r.subject,
                "applies_from": r.applies_from.isoformat() if r.applies_from else None,
                "applies_until": r.applies_until.isoformat() if r.applies_until else None,
                "params": list(r.params),
                "reading": r.reading,
            }
            for r in catalogue
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for r in catalogue:
        print(f"{r.code}  [{r.severity.value}]  {r.reference}")
        print(f"    {r.title}")
        if r.title_en:
            print(f"    {r.title_en}")
        if r.params:
            print(f"    params: {', '.join(r.params)}")
        if r.reading:
            print(f"    reading (not verified): {r.reading}")
    print(f"{len(catalogue)} rules")
    return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("iae-core")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        import iae_core

        return str(iae_core.__version__)


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from iae_core.api import create_app
    except ImportError as exc:
        from iae_core.errors import MissingDependency

        print(
            MissingDependency("iae-core serve", exc.name or "fastapi", "api").message_in("en"),
            file=sys.stderr,
        )
        return 2
    import logging

    from iae_core.api import ACCESS_LOGGER

    # uvicorn's own access log writes every URL with its query string (a `person=` context
    # may hold a NIR and the RQTH flag): it is off, the service's own log is on instead
    access = logging.getLogger(ACCESS_LOGGER)
    if not access.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        access.addHandler(handler)
    access.setLevel(
        logging.INFO if args.log_level in ("info", "debug", "trace") else logging.WARNING
    )
    uvicorn.run(
        create_app(log_urls=args.log_urls),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=False,
    )
    return 0


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        msg = f"not a port (0 to 65535): {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return port


def _parser() -> argparse.ArgumentParser:
    from iae_core.cli import _check as _cli_check
    from iae_core.cli import _plan as _cli_plan

    parser = argparse.ArgumentParser(
        prog="iae-core",
        description="iae_core from the command line: demo, check, plan, schema, rules, serve.",
    )
    parser.add_argument("--version", action="version", version=f"iae-core {_version()}")
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
        help="write the JSON Schemas (draft 2020-12) of the entities and of the outputs",
        description="Print the JSON Schemas of the entities and of what comes back (Finding, "
        "Report, ErrorDetail, InvalidData, CheckOutput), or write one file per schema.",
    )
    schema.add_argument(
        "--out", help="directory to write <Entity>.schema.json into (default: print)"
    )
    schema.add_argument(
        "--type", dest="type_name", action="append", help="only this schema (repeatable)"
    )
    schema.set_defaults(func=_schema)
    rules = sub.add_parser(
        "rules",
        help="list the rules catalogue",
        description="The rules iae_core checks: code, severity, titles (fr/en), legal "
        "reference, parameters read and the reading of the texts when unverified.",
    )
    rules.add_argument("--json", action="store_true", help="machine-readable output")
    rules.add_argument(
        "--area", action="append", help="only the rules of this area (code prefix; repeatable)"
    )
    rules.set_defaults(func=_rules)
    serve = sub.add_parser(
        "serve",
        help="run the HTTP service (the api extra) with uvicorn",
        description="Run the HTTP service of iae_core.api with uvicorn (Ctrl-C stops it).",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug", "trace"],
        help="uvicorn's log level (info)",
    )
    serve.add_argument(
        "--log-urls",
        action="store_true",
        help="write each request's path and query string in the access log (off: the route "
        "only); a query may hold personal data (a NIR, the RQTH flag): see docs/backend.md",
    )
    serve.set_defaults(func=_serve)
    return parser


def _complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request, when argcomplete is installed and asked."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    try:
        import argcomplete
    except ImportError:  # pragma: no cover - the extra `completion` is not installed
        return
    argcomplete.autocomplete(parser)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for a usage error)."""
    try:
        parser = _parser()
        _complete(parser)
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    from iae_core.errors import MissingDependency

    try:
        status: int = args.func(args)
    except MissingDependency as exc:  # one line naming the extra, no traceback
        print(exc.message_in(getattr(args, "lang", None) or "en"), file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (``| head``): no traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
