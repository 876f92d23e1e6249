"""Command line: ``python -m iae_core`` (also installed as ``iae-core``).

* ``demo``: the main job on a bundled synthetic territory;
* ``check FILE``: check JSON documents of entities (exit 0 ok, 1 errors, 2 bad input);
* ``plan FILE``: the deadlines of those documents (``--on``, ``--within``, ``--ical``);
* ``schema``: the JSON Schemas of the entities;
* ``rules``: the rules catalogue (code, severity, titles, reference, parameters read);
* ``serve``: the HTTP service (``iae_core.api``, the ``api`` extra) with uvicorn;
* ``--version``: the version of iae_core.

Every command takes ``--lang fr|en`` (default: the environment variable ``IAE_CORE_LANG``,
else French); its help, argparse's own words included, is in that language too.

Shell completion comes with the extra `completion` (argcomplete): see docs/cli.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from iae_core._kernel.text import LANGUAGES, WORDS, Lang, current_language, language, say

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
            text = say("cli.schema.unknown", names=", ".join(unknown), known=", ".join(names))
            print(text, file=sys.stderr)
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
        print(say("cli.cannot_write", path=out, reason=exc.strerror or exc), file=sys.stderr)
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
            names, known_names = ", ".join(unknown), ", ".join(sorted(known))
            print(say("cli.rules.unknown", names=names, known=known_names), file=sys.stderr)
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
    lang = current_language()
    for r in catalogue:
        print(f"{r.code}  [{r.severity.value}]  {r.reference}")
        print(f"    {r.title_in(lang)}")
        if r.params:
            print("    " + say("cli.rules.params", names=", ".join(r.params)))
        if r.reading:
            print("    " + say("cli.rules.reading", reading=r.reading))
    print(say("cli.rules.count", n=len(catalogue)))
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

        missing = MissingDependency("iae-core serve", exc.name or "fastapi", "api")
        print(missing.message_in(), file=sys.stderr)  # in the language in force
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
        msg = say("cli.not_a_port", text=repr(text))
        raise argparse.ArgumentTypeError(msg)
    return port


def _parser() -> argparse.ArgumentParser:
    from iae_core.cli import _check as _cli_check
    from iae_core.cli import _plan as _cli_plan

    parser = argparse.ArgumentParser(
        prog="iae-core",
        description=say("cli.description"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"iae-core {_version()}",
        help=say("argparse.show program's version number and exit"),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help=say("cli.demo"), description=say("cli.demo"))
    demo.add_argument("--seed", type=int, default=1, help=say("cli.demo.seed"))
    demo.add_argument("--size", type=int, default=2000, help=say("cli.demo.size"))
    demo.add_argument("--json", action="store_true", help=say("cli.json"))
    demo.set_defaults(func=_demo)
    _cli_check.add_parser(sub)
    _cli_plan.add_parser(sub)
    schema = sub.add_parser(
        "schema",
        help=say("cli.schema"),
        description=say("cli.schema.description"),
    )
    schema.add_argument("--out", help=say("cli.schema.out"))
    schema.add_argument("--type", dest="type_name", action="append", help=say("cli.schema.type"))
    schema.set_defaults(func=_schema)
    rules = sub.add_parser(
        "rules",
        help=say("cli.rules"),
        description=say("cli.rules.description"),
    )
    rules.add_argument("--json", action="store_true", help=say("cli.json"))
    rules.add_argument("--area", action="append", help=say("cli.rules.area"))
    rules.set_defaults(func=_rules)
    serve = sub.add_parser(
        "serve",
        help=say("cli.serve"),
        description=say("cli.serve.description"),
    )
    serve.add_argument("--host", default="127.0.0.1", help=say("cli.serve.host"))
    serve.add_argument("--port", type=_port, default=8000, help=say("cli.serve.port"))
    serve.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug", "trace"],
        help=say("cli.serve.log_level"),
    )
    serve.add_argument(
        "--log-urls",
        action="store_true",
        help=say("cli.serve.log_urls"),
    )
    serve.set_defaults(func=_serve)
    _add_lang(parser)
    for command in sub.choices.values():
        _add_lang(command)
    return parser


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=say("cli.lang")
    )


def _asked_language(argv: Sequence[str]) -> object:
    """The value of the last ``--lang`` of ``argv`` (``None`` when none is given)."""
    asked: object = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            asked = argv[i + 1]
        elif arg.startswith("--lang="):
            asked = arg.partition("=")[2]
    return asked


def _in_force(argv: Sequence[str]) -> tuple[Lang, str | None]:
    """The language of the run, and the error of a bad ``IAE_CORE_LANG`` if any.

    ``--lang`` wins, then ``IAE_CORE_LANG``, then French. A bad ``--lang`` is argparse's
    error (in the language of the environment, else French).
    """
    env = os.environ.get("IAE_CORE_LANG", "").strip()
    env_lang: Lang = "en" if env == "en" else "fr"
    asked = _asked_language(argv)
    if asked in LANGUAGES:
        return ("en" if asked == "en" else "fr"), None
    if env and env not in LANGUAGES and asked is None:
        supported = ", ".join(LANGUAGES)
        return "fr", say("language.unknown", "fr", lang=env[:20], supported=supported)
    return env_lang, None


def _argparse_text(message: str) -> str:
    """The words of argparse in the language in force (argparse asks gettext for them)."""
    words = WORDS.get("argparse." + message)
    if words is None:
        return message
    return words[1] if current_language() == "en" else words[0]


def _argparse_plural(singular: str, plural: str, n: int) -> str:
    return _argparse_text(singular if n == 1 else plural)


@contextlib.contextmanager
def _argparse_words() -> Iterator[None]:
    """The words of argparse (usage, options, its errors) from the catalogue while inside."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


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
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang, problem = _in_force(arguments)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    with language(lang):
        return _main(arguments)


def _main(argv: Sequence[str]) -> int:
    try:
        with _argparse_words():
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
