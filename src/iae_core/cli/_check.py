"""``iae-core check FILE``: check JSON documents of entities from the command line.

Input (a file, or ``-`` for standard input):

* one JSON document: an entity, or a list of entities;
* JSON Lines: one entity per line, read and checked **line by line** (the file is never
  held in memory, so a national extract of millions of lines works).

The entity type of each document is ``--type`` or is told from its keys (see
`detect_type`). Each document is loaded (bad data: ``InvalidData``) and checked with
`iae_core.check` as of ``--on`` (default: today in Europe/Paris).

Exit status: 0 no error found (warnings allowed), 1 errors found, 2 bad input (malformed
JSON, an empty file, a document that is not an entity, invalid data, an unknown type).
Bad input never gives a traceback.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as _dt
import inspect
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import IO, Any

import attrs
import pendulum

from iae_core import checks
from iae_core._kernel.model import date_range_problem
from iae_core._kernel.text import current_language, language, reason_key, say
from iae_core._services.registry import CHECKERS
from iae_core.cli._progress import ByteCounter, bars
from iae_core.enums import Severity, StructureKind
from iae_core.errors import ErrorDetail, InvalidData, detail, join_path, json_type
from iae_core.schema import entity_classes
from iae_core.serialization import (
    duplicate_paths,
    json_decoder,
    load,
    parse_json,
)

__all__ = ["add_parser", "detect_type", "run"]


class BadInputError(Exception):
    """The input as a whole cannot be read (exit status 2)."""


class AmbiguousTypeError(BadInputError):
    """The entity type of a document cannot be told (error type ``ambiguous_type``).

    Attributes:
        candidates: the entity types that could be meant (every type `--type` accepts
            when none can be told).
    """

    def __init__(self, message: str, candidates: tuple[str, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


# --- reading -----------------------------------------------------------------------------


MAX_RECORD_SIZE = 16 * 1024 * 1024
"""The default limit on the size of one record, in bytes (``--max-record-size``).

A record is a line of JSON Lines, an item of a JSON list, or a whole JSON document that is
not a list. Nothing larger is read into memory: input without a newline that never ends
(``/dev/zero``) fails once it passes the limit.
"""

_CHUNK = 1 << 20
_LOOKAHEAD = 4  # lines looked at after a malformed first line, to tell JSON Lines
_VALUE_START = frozenset('{["-0123456789tfn')


@dataclass
class Record:
    """One document to check: where it is (``"line 12"``, ``"[3]"``, ``""``) and its data."""

    where: str
    data: Any = None
    error: str | None = None  # the document could not be read (malformed line…)
    duplicates: list[str] = field(default_factory=list)  # paths of keys given twice


def size_text(limit: int) -> str:
    """``limit`` bytes as shown in messages (``16 MiB``)."""
    if limit % (1024 * 1024) == 0:
        return say("cli.size.mib", n=limit // (1024 * 1024))
    return say("cli.size.bytes", n=limit)


def _parse(raw: bytes) -> tuple[Any, list[str]]:
    return parse_json(raw)


def _at(where: str, message: str) -> str:
    return say("cli.at", where=where, message=message) if where else message


def _reason(exc: BaseException) -> str:
    """A parser's reason in words of the catalogue (the raw reason is never shown)."""
    if "integer string conversion" in str(exc):
        return say("reason.too_many_digits", digits=sys.get_int_max_str_digits() or 4300)
    return say(reason_key(getattr(exc, "msg", None) or str(exc)))


def _json_error(exc: BaseException, first_line: int = 1, *, one_line: bool = False) -> str:
    """A parse failure in the language in force (``one_line``: no line number)."""
    if isinstance(exc, json.JSONDecodeError):
        if one_line:
            return say("cli.malformed_column", column=exc.colno, reason=_reason(exc))
        line = exc.lineno + first_line - 1
        return say("cli.malformed_at", line=line, column=exc.colno, reason=_reason(exc))
    if isinstance(exc, UnicodeDecodeError):
        return say("cli.not_utf8")
    if isinstance(exc, RecursionError):
        return say("cli.too_deep")
    return say("cli.malformed", reason=_reason(exc))


def _readline(stream: IO[bytes], limit: int) -> bytes:
    """One line (with its newline), or ``limit + 1`` bytes of a longer one."""
    return stream.readline(limit + 1)


def _first_line(stream: IO[bytes], limit: int) -> bytes:
    """Like `_readline`, but a list is not read further than its first chunk."""
    line = stream.readline(_CHUNK)
    if line.endswith(b"\n") or len(line) < _CHUNK or _opens_list(line):
        return line
    return line + stream.readline(limit + 1 - len(line))


def _opens_list(line: bytes) -> bool:
    return line.lstrip(b"\xef\xbb\xbf \t\r").startswith(b"[")


def _too_long(line: bytes, limit: int) -> bool:
    return len(line) > limit and not line.endswith(b"\n")


def _parses_as_object(line: bytes) -> bool:
    try:
        value, _ = _parse(line)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict)


def read_records(stream: IO[bytes], *, max_record: int = MAX_RECORD_SIZE) -> Iterator[Record]:
    """The documents of ``stream``: one document, a list, or JSON Lines (all streamed).

    JSON Lines is told by content: the first line is a whole JSON object and more lines
    follow; or the first line is malformed and one of the next four lines is a whole JSON
    object (most of them if the first line is a lone ``{``, as in an indented document):
    the bad first line is then reported, and every other line checked. Otherwise the input
    is one document; a list (input starting with ``[``) is read item by item, never whole.

    Raises:
        BadInputError: the input is empty, one malformed document, or a record is larger
            than ``max_record`` bytes.
    """
    number = 0
    first = b""
    while True:
        line = _first_line(stream, max_record)
        if not line:
            break
        number += 1
        if line.strip():
            first = line
            break
    if not first:
        msg = say("cli.empty_input")
        raise BadInputError(msg)
    first_number = number
    skipped = b"\n" * (first_number - 1)  # blank lines before: keeps line numbers right
    if _too_long(first, max_record) or _opens_list(first):
        # A list (read item by item, whether on one line or many), or a line too long to
        # be one of JSON Lines: one document.
        yield from _stream_document([skipped, first], stream, max_record)
        return
    try:
        value, duplicates = _parse(first)
    except (ValueError, RecursionError) as exc:
        first_error = exc
    else:
        following = b""
        while True:
            line = _readline(stream, max_record)
            if not line:
                break
            number += 1
            if line.strip():
                following = line
                break
        if not following:  # a single document on one line
            yield from _document(value, duplicates)
            return
        yield Record(say("cli.line", n=first_number), value, duplicates=duplicates)
        yield from _lines(stream, [(number, following)], max_record)
        return
    # A malformed first line: JSON Lines with a bad first record, or a pretty-printed
    # document. Look at the next few lines.
    ahead: list[tuple[int, bytes]] = []
    while len(ahead) < _LOOKAHEAD:
        line = _readline(stream, max_record)
        if not line:
            break
        number += 1
        if _too_long(line, max_record):
            ahead.append((number, line))
            break
        if line.strip():
            ahead.append((number, line))
    whole = [n for n, line in ahead if not _too_long(line, max_record) and _parses_as_object(line)]
    opening = first.strip() in (b"{", b"\xef\xbb\xbf{")  # how json.dumps(indent=…) begins
    if whole and (2 * len(whole) > len(ahead) or not opening):
        message = _json_error(first_error, one_line=True)
        yield Record(say("cli.line", n=first_number), error=message)
        yield from _lines(stream, ahead, max_record)
        return
    pending = [skipped, first]
    last = first_number
    for n, line in ahead:
        pending.append(b"\n" * (n - last - 1) + line)
        last = n
    yield from _stream_document(pending, stream, max_record)


def _lines(stream: IO[bytes], ahead: list[tuple[int, bytes]], max_record: int) -> Iterator[Record]:
    """JSON Lines: ``ahead`` (already read), then the rest of ``stream`` line by line."""
    number = 0
    for number, line in ahead:
        yield _line(number, line, max_record)
    while True:
        line = _readline(stream, max_record)
        if not line:
            return
        number += 1
        if line.strip():
            yield _line(number, line, max_record)


def _line(number: int, raw: bytes, max_record: int) -> Record:
    where = say("cli.line", n=number)
    if _too_long(raw, max_record):
        msg = say("cli.line_too_long", n=number, size=size_text(max_record))
        raise BadInputError(msg)
    try:
        value, duplicates = _parse(raw)
    except (ValueError, RecursionError) as exc:
        return Record(where, error=_json_error(exc, one_line=True))
    return Record(where, value, duplicates=duplicates)


def _document(value: Any, duplicates: list[str]) -> Iterator[Record]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield Record(f"[{i}]", item, duplicates=_under_index(duplicates, i))
        return
    yield Record("", value, duplicates=duplicates)


def _under_index(paths: list[str], i: int) -> list[str]:
    head = f"[{i}]"
    out = []
    for p in paths:
        if p == head or p.startswith((head + ".", head + "[")):
            rest = p[len(head) :]
            out.append(rest.removeprefix("."))
    return out


class _Text:
    """UTF-8 text of a byte stream, read in chunks, with its line numbers."""

    def __init__(self, pending: list[bytes], stream: IO[bytes]) -> None:
        self.pending = [p for p in pending if p]
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0
        self.line = 1  # the line of buf[0]
        self.eof = False
        self.started = False

    def fill(self, at_least: int = _CHUNK) -> bool:
        """Read more text (at least ``at_least`` bytes unless the input ends)."""
        if self.eof:
            return False
        got = 0
        parts = []
        while got < at_least:
            raw = self.pending.pop(0) if self.pending else self.stream.read(_CHUNK)
            if not raw:
                parts.append(self.decoder.decode(b"", final=True))
                self.eof = True
                break
            got += len(raw)
            parts.append(self.decoder.decode(raw))
        text = "".join(parts)
        if not self.started:
            text = text.removeprefix("\ufeff")
            self.started = True
        if self.pos:
            self.line += self.buf.count("\n", 0, self.pos)
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += text
        return True

    def skip_space(self) -> str:
        """The next character after white space ("" at the end of the input)."""
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            self.pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self.fill():
                return ""

    def where(self, pos: int) -> tuple[int, int]:
        """Line and column of ``buf[pos]``."""
        line = self.line + self.buf.count("\n", 0, pos)
        col = pos - (self.buf.rfind("\n", 0, pos) + 1) + 1
        return line, col

    def error(self, pos: int, what: str) -> BadInputError:
        line, col = self.where(pos)
        reason = say(reason_key(what))
        return BadInputError(say("cli.malformed_at", line=line, column=col, reason=reason))


def _decode_value(text: _Text, max_record: int, what: str) -> tuple[Any, list[str]]:
    """Decode the JSON value at ``text.pos``, reading more as needed (up to ``max_record``)."""
    while True:
        decoder, seen = json_decoder()
        start = text.pos
        try:
            value, end = decoder.raw_decode(text.buf, start)
        except json.JSONDecodeError as exc:
            # Cut by the end of the buffer (the error is at its very end, or a string
            # runs to it)? Read more. Otherwise the text is malformed where it says.
            cut = exc.pos >= len(text.buf) - 8 or exc.msg.startswith("Unterminated string")
            if text.eof or not cut:
                raise text.error(exc.pos, exc.msg) from None
            value, end = None, -1
        except RecursionError:
            msg = say("cli.too_deep")
            raise BadInputError(msg) from None
        except ValueError as exc:  # an integer of more than 4,300 digits, NaN
            line, col = text.where(start)
            reason = _reason(exc)
            msg = say("cli.malformed_at", line=line, column=col, reason=reason)
            raise BadInputError(msg) from None
        if end >= 0 and (end < len(text.buf) or text.eof):  # not cut by the end of the buffer
            text.pos = end
            return duplicate_paths(value, seen)
        if len(text.buf) - start > max_record:
            line, _ = text.where(start)
            msg = say("cli.record_too_large", what=what, line=line, size=size_text(max_record))
            raise BadInputError(msg)
        text.fill(max(_CHUNK, len(text.buf) - start))  # doubling: linear in the record


def _stream_document(pending: list[bytes], stream: IO[bytes], max_record: int) -> Iterator[Record]:
    """One document read from ``pending`` then ``stream``: a list is read item by item."""
    text = _Text(pending, stream)
    try:
        head = text.skip_space()
        if head != "[":
            if head not in _VALUE_START:
                raise text.error(text.pos, "Expecting value")
            value, duplicates = _decode_value(text, max_record, say("cli.the_document"))
            if text.skip_space():
                raise text.error(text.pos, "Extra data")
            yield Record("", value, duplicates=duplicates)
            return
        text.pos += 1
        index = 0
        if text.skip_space() == "]":
            text.pos += 1
        else:
            while True:
                if text.skip_space() == "":
                    raise text.error(text.pos, "Expecting value")
                value, duplicates = _decode_value(text, max_record, say("cli.item", n=index))
                yield Record(f"[{index}]", value, duplicates=duplicates)
                index += 1
                sep = text.skip_space()
                if sep == ",":
                    text.pos += 1
                    continue
                if sep == "]":
                    text.pos += 1
                    break
                raise text.error(text.pos, "Expecting ',' delimiter")
        if text.skip_space():
            raise text.error(text.pos, "Extra data")
    except UnicodeDecodeError:
        msg = say("cli.not_utf8")
        raise BadInputError(msg) from None


# --- the entity type ---------------------------------------------------------------------


@cache
def _types() -> dict[str, tuple[type, frozenset[str], frozenset[str]]]:
    out = {}
    for cls in entity_classes():
        fields = attrs.fields(cls)
        names = frozenset(f.alias or f.name for f in fields)
        required = frozenset(f.alias or f.name for f in fields if f.default is attrs.NOTHING)
        out[cls.__name__] = (cls, names, required)
    return out


def type_names() -> list[str]:
    """The names of the entity types ``check`` knows."""
    return sorted(_types())


def resolve_type(name: str) -> type:
    """The entity class called ``name`` (case-insensitive).

    Raises:
        BadInputError: no entity has that name.
    """
    for known, (cls, _, _) in _types().items():
        if known.lower() == name.lower():
            return cls
    msg = say("cli.unknown_type", name=repr(name), known=", ".join(type_names()))
    raise BadInputError(msg)


@cache
def _candidates(keys: frozenset[str]) -> tuple[type, ...]:
    types = _types().values()
    # A guess rests on at least one required field of the entity that the document has:
    # `{}`, or a document of optional fields only, is never guessed into success.
    exact = [c for c, names, req in types if keys <= names and req <= keys and req & keys]
    if exact:
        return tuple(exact)
    # A document with a missing required field (still only known fields)…
    known = [c for c, names, req in types if keys <= names and req & keys]
    if len(known) == 1:
        return tuple(known)
    # …or with every required field and an unknown one (a typo, an extra column).
    return tuple(c for c, _, req in types if req and req <= keys)


def detect_type(data: dict[str, Any]) -> type:
    """The entity type of a JSON object, told from its keys.

    The candidates are the entities whose fields include every key and whose required
    fields are all there, at least one of them (an entity whose fields are all optional,
    like `Weights`, is never guessed: use ``--type``). Failing that, the one entity whose
    fields include every key (a required field is missing), or the entities whose
    required fields are all there (an unknown key). When several remain, the one the data
    loads as wins.

    Raises:
        AmbiguousTypeError: no candidate, or several that the data loads as (use
            ``--type``): error type ``ambiguous_type``, with the candidates.
    """
    keys = frozenset(data)
    found = _candidates(keys)
    if len(found) == 1:
        return found[0]
    if not found:
        shown = ", ".join(sorted(keys)) or say("none")
        msg = say("cli.untold_type", keys=shown, known=", ".join(type_names()))
        raise AmbiguousTypeError(msg, tuple(type_names()))
    loading = []
    for cls in found:
        try:
            load(cls, data)
        except InvalidData:
            continue
        loading.append(cls)
    if len(loading) == 1:
        return loading[0]
    candidates = tuple(c.__name__ for c in (loading or found))
    msg = say("cli.ambiguous_type", names=", ".join(candidates))
    raise AmbiguousTypeError(msg, candidates)


# --- checking ----------------------------------------------------------------------------


def _checker(cls: type) -> Callable[..., Any] | None:
    for base in cls.__mro__:
        fn = CHECKERS.get(base)
        if fn is not None:
            return fn
    return None


@cache
def _context_for(cls: type, given: tuple[tuple[str, Any], ...]) -> dict[str, Any] | str | None:
    """The keyword context to pass to ``cls``'s checker, an error message, or None (no checker)."""
    fn = _checker(cls)
    if fn is None:
        return None
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):  # pragma: no cover - a builtin checker
        return dict(given)
    takes_any = any(p.kind is p.VAR_KEYWORD for p in params.values())
    context = {k: v for k, v in given if takes_any or k in params}
    missing = [
        name
        for i, (name, p) in enumerate(params.items())
        if i > 0
        and name not in ("on", *context)
        and p.default is p.empty
        and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if missing:
        options = ", ".join(f"--{m.replace('_', '-')}" for m in missing)
        if _KIND_KEY in missing:
            options += " " + say("cli.needs_context.or_key", key=_KIND_KEY)
        return say("cli.needs_context", name=cls.__name__, options=options)
    return context


_KIND_KEY = "structure_kind"


def _takes_structure_kind(cls: type) -> bool:
    fn = _checker(cls)
    if fn is None:
        return False
    try:
        return _KIND_KEY in inspect.signature(fn).parameters
    except (TypeError, ValueError):  # pragma: no cover - a builtin checker
        return False


def _own_structure_kind(
    data: dict[str, Any], forced: type | None
) -> tuple[dict[str, Any], type | None, Any]:
    """Split the record's own ``structure_kind`` from the entity it comes with.

    A record may carry the kind of structure its check needs (an approval, a diagnosis)
    as a ``structure_kind`` key next to the entity's fields; it then wins over
    ``--structure-kind``. Only for an entity that has no such field itself and whose
    checker takes one: anywhere else the key stays, and is reported if unknown.
    Returns the entity's data, its type when the key was split off, and the key's value.
    """
    if _KIND_KEY not in data:
        return data, None, None
    rest = {k: v for k, v in data.items() if k != _KIND_KEY}
    try:
        cls = forced or detect_type(rest)
    except BadInputError:
        return data, None, None
    if _KIND_KEY in _types()[cls.__name__][1] or not _takes_structure_kind(cls):
        return data, None, None
    return rest, cls, data[_KIND_KEY]


@dataclass
class Outcome:
    """What checking one record gave."""

    where: str
    type_name: str | None = None
    findings: list[checks.Finding] = field(default_factory=list)
    invalid: list[ErrorDetail] = field(default_factory=list)
    message: str | None = None  # why the record is bad input, as one line
    no_rule: bool = False


def check_record(
    record: Record,
    *,
    on: pendulum.Date,
    forced: type | None,
    context: tuple[tuple[str, Any], ...],
) -> Outcome:
    """Load and check one record."""
    out = Outcome(record.where)
    if record.error is not None:
        out.message = record.error
        return out
    if not isinstance(record.data, dict):
        out.message = say("cli.not_an_entity", got=json_type(record.data, current_language()))
        return out
    data, cls_of_kind, own_kind = _own_structure_kind(record.data, forced)
    try:
        cls = cls_of_kind or forced or detect_type(data)
    except BadInputError as exc:
        out.message = str(exc)
        if isinstance(exc, AmbiguousTypeError):
            out.invalid = [detail((), "ambiguous_type", candidates=exc.candidates)]
        return out
    out.type_name = cls.__name__
    duplicates = [detail(path, "duplicate_key") for path in record.duplicates]
    bad_kind: list[ErrorDetail] = []
    if cls_of_kind is not None:
        try:
            kind = load(StructureKind, own_kind)
        except InvalidData as exc:
            bad_kind = [attrs.evolve(d, loc=(_KIND_KEY, *d.loc)) for d in exc.details]
        else:
            context = (*(c for c in context if c[0] != _KIND_KEY), (_KIND_KEY, kind))
    try:
        obj: Any = load(cls, data)
    except InvalidData as exc:
        out.invalid = duplicates + bad_kind + list(exc.details)
        out.message = say("cli.invalid_entity", name=cls.__name__)
        return out
    if bad_kind:
        out.invalid = duplicates + bad_kind
        out.message = say("cli.invalid_entity", name=cls.__name__)
        return out
    if duplicates:  # JSON objects with a key twice are bad input (the strict reading)
        out.invalid = duplicates
        out.message = say("cli.invalid_entity", name=cls.__name__)
        return out
    ctx = _context_for(cls, context)
    if ctx is None:
        out.no_rule = True
        return out
    if isinstance(ctx, str):
        out.message = ctx
        return out
    try:
        out.findings = list(checks.check(obj, on=on, **ctx))
    except InvalidData as exc:
        out.invalid = list(exc.details)
        out.message = say("cli.invalid_entity", name=cls.__name__)
    except Exception as exc:  # a bug in a checker: say so and go on, no traceback
        # Only the exception's type: its message could quote personal data.
        out.message = say("cli.internal_error", name=type(exc).__name__)
    return out


# --- output ------------------------------------------------------------------------------


def record_path(record: str, path: str) -> str:
    """Where a finding is: the record (``line 3``, ``[2]``) joined with its path."""
    if record and not record.startswith("["):  # a line of JSON Lines
        return say("cli.at", where=record, message=path) if path else record
    return join_path(record, path) or say("cli.document")


@dataclass
class Totals:
    """Counts over every record."""

    documents: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    invalid: int = 0
    no_rule: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.documents += 1
        if outcome.message is not None:
            self.invalid += 1
        if outcome.no_rule and outcome.type_name:
            self.no_rule[outcome.type_name] = self.no_rule.get(outcome.type_name, 0) + 1
        for f in outcome.findings:
            if f.severity is Severity.ERROR:
                self.errors += 1
            elif f.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.infos += 1

    @property
    def status(self) -> int:
        """The exit status: 2 bad input, 1 errors, 0 otherwise."""
        if self.invalid:
            return 2
        return 1 if self.errors else 0


class SafeWriter:
    """A text stream that never raises ``UnicodeEncodeError``.

    A lone surrogate (escaped in the JSON input) cannot be encoded: it is written
    with a backslash escape instead.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        """Write ``text``, escaping what the stream's encoding cannot carry."""
        try:
            self.stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "utf-8"
            self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


class TextOutput:
    """Findings grouped by path on stdout; bad input on stderr."""

    def __init__(self, out: IO[str], err: IO[str]) -> None:
        self.out, self.err = SafeWriter(out), SafeWriter(err)

    def start(self, on: pendulum.Date) -> None:
        """Nothing to write before the records."""

    def record(self, o: Outcome) -> None:
        """Write one record's findings, grouped by path, or why it is bad input."""
        if o.message is not None:
            self.err.write(say("cli.bad_input", message=_at(o.where, o.message)) + "\n")
            for path, message in ((d.path, d.message_in()) for d in o.invalid):
                self.err.write(f"  {record_path(o.where, path)}: {message}\n")
            return
        groups: dict[str, list[checks.Finding]] = {}
        for f in o.findings:
            groups.setdefault(f.path, []).append(f)
        for path, findings in groups.items():
            self.out.write(f"{record_path(o.where, path)}\n")
            for f in findings:
                self.out.write(f"  {f.severity.value:<7} {f.code}: {f.message} ({f.reference})\n")

    def finish(self, totals: Totals, fatal: str | None = None) -> None:
        """Write the summary."""
        if fatal is not None:
            self.err.write(say("cli.bad_input", message=fatal) + "\n")
            return
        for name, count in sorted(totals.no_rule.items()):
            many = " (" + say("cli.documents", n=count) + ")" if count > 1 else ""
            self.out.write(say("cli.no_rule", name=name) + many + "\n")
        self.out.write(
            say(
                "cli.summary.one" if totals.documents == 1 else "cli.summary.many",
                documents=totals.documents,
                errors=totals.errors,
                warnings=totals.warnings,
                infos=totals.infos,
            )
            + (", " + say("cli.summary.invalid", n=totals.invalid) if totals.invalid else "")
            + "\n"
        )


class JsonOutput:
    """One JSON document on stdout, written as the records go (so it streams too).

    ``{"on": …, "records": [{"record", "type", "status", "findings", "invalid",
    "message"}…], "summary": {…, "exit_status"}}``; only records with something to say
    are listed.
    """

    def __init__(self, out: IO[str], err: IO[str]) -> None:
        self.out, self.err = SafeWriter(out), SafeWriter(err)
        self.first = True

    def start(self, on: pendulum.Date) -> None:
        """Open the document."""
        self.out.write('{"on": "' + on.isoformat() + '", "records": [')

    def record(self, o: Outcome) -> None:
        """Write one record when it has findings or is bad input."""
        if o.message is None and not o.findings and not o.no_rule:
            return
        if o.message is not None:
            status = "invalid"
        elif o.no_rule:
            status = "no_rule"
        elif any(f.severity is Severity.ERROR for f in o.findings):
            status = "errors"
        else:
            status = "findings"
        item = {
            "record": o.where,
            "type": o.type_name,
            "status": status,
            "message": o.message,
            "invalid": [
                {"path": d.path, "message": d.message_in(), **d.to_json()} for d in o.invalid
            ],
            "findings": [
                {
                    "path": f.path,
                    "code": f.code,
                    "severity": f.severity.value,
                    "message": f.message,
                    "reference": f.reference,
                    "params": f.to_json()["params"],
                }
                for f in o.findings
            ],
        }
        self.out.write(("\n" if self.first else ",\n") + json.dumps(item, ensure_ascii=False))
        self.first = False
        if o.message is not None:
            self.err.write(say("cli.bad_input", message=_at(o.where, o.message)) + "\n")

    def finish(self, totals: Totals, fatal: str | None = None) -> None:
        """Close the document with the summary."""
        summary = {
            "documents": totals.documents,
            "errors": totals.errors,
            "warnings": totals.warnings,
            "infos": totals.infos,
            "invalid": totals.invalid,
            "no_rule": dict(sorted(totals.no_rule.items())),
            "exit_status": 2 if fatal is not None else totals.status,
        }
        tail: dict[str, Any] = {"summary": summary}
        if fatal is not None:
            tail["error"] = fatal
            self.err.write(say("cli.bad_input", message=fatal) + "\n")
        self.out.write("\n], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")


# --- the command -------------------------------------------------------------------------


def parse_date(text: str) -> pendulum.Date:
    """An ISO date argument (``--on``); `argparse.ArgumentTypeError` when it is not one."""
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        msg = say("cli.not_a_date", text=repr(text))
        raise argparse.ArgumentTypeError(msg) from None
    out = pendulum.Date(day.year, day.month, day.day)
    problem = date_range_problem(out)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return out


def add_parser(sub: Any) -> None:
    """Add the ``check`` subcommand to an argparse subparsers object."""
    p = sub.add_parser(
        "check",
        help=say("cli.check"),
        description=say("cli.check.description"),
    )
    p.add_argument("file", help=say("cli.file"))
    p.add_argument(
        "--type",
        dest="type_name",
        metavar="NAME",
        help=say("cli.type"),
    )
    p.add_argument(
        "--on",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=say("cli.on"),
    )
    p.add_argument(
        "--structure-kind",
        choices=[k.value for k in StructureKind],
        default=None,
        metavar="KIND",
        help=say("cli.structure_kind", kinds=", ".join(k.value for k in StructureKind)),
    )
    p.add_argument(
        "--max-record-size",
        type=byte_size,
        default=MAX_RECORD_SIZE,
        metavar="SIZE",
        help=say("cli.max_record_size", size=size_text(MAX_RECORD_SIZE)),
    )
    p.add_argument("--json", action="store_true", help=say("cli.json"))
    p.set_defaults(func=run)


def byte_size(text: str) -> int:
    """A size argument in bytes, with K, M or G (``--max-record-size``)."""
    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
    number, unit = text.rstrip("KMGkmgiB"), text[len(text.rstrip("KMGkmgiB")) :]
    unit = unit.upper().removesuffix("B").removesuffix("I")
    if not number.isdigit() or unit not in units or int(number) <= 0:
        msg = say("cli.not_a_size", text=repr(text))
        raise argparse.ArgumentTypeError(msg)
    return int(number) * units[unit]


def open_input(name: str) -> IO[bytes]:
    """The input file as bytes (``-``: standard input); `BadInputError` when unreadable."""
    if name == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is not None:
            return buffer  # type: ignore[no-any-return]
        return io.BytesIO(sys.stdin.read().encode())
    try:
        return open(name, "rb")
    except OSError as exc:
        msg = say("cli.cannot_read", name=name, reason=exc.strerror or exc)
        raise BadInputError(msg) from None


_open = open_input  # what `run` calls (a seam the tests replace)


def _size_of(stream: IO[bytes]) -> int | None:
    """The size of a regular file (for a bar with an ETA), None for a pipe."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def run(args: argparse.Namespace) -> int:
    """Run ``check`` with parsed arguments; returns the exit status."""
    lang = getattr(args, "lang", None)
    if lang is not None:
        with language(lang):
            return _run_command(args)
    return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    output: TextOutput | JsonOutput = (JsonOutput if args.json else TextOutput)(
        sys.stdout, sys.stderr
    )
    on: pendulum.Date = args.on or pendulum.today("Europe/Paris").date()
    output.start(on)
    totals = Totals()
    try:
        forced = resolve_type(args.type_name) if args.type_name else None
        context: tuple[tuple[str, Any], ...] = ()
        if args.structure_kind is not None:
            kinds = {k.value: k for k in StructureKind}
            context = (("structure_kind", kinds[args.structure_kind]),)
        stream = _open(args.file)
        try:
            with bars(enabled=not args.json) as progress:
                task = progress.task(say("cli.progress.checking"), total=_size_of(stream))
                counted = ByteCounter(stream, task.update)
                records = read_records(counted, max_record=args.max_record_size)  # type: ignore[arg-type]
                _run(records, output, totals, on=on, forced=forced, context=context)
                task.finish()
        finally:
            if stream is not getattr(sys.stdin, "buffer", None):
                stream.close()
    except BadInputError as exc:
        output.finish(totals, fatal=str(exc))
        return 2
    output.finish(totals)
    return totals.status


def _run(
    records: Iterable[Record],
    output: TextOutput | JsonOutput,
    totals: Totals,
    *,
    on: pendulum.Date,
    forced: type | None,
    context: tuple[tuple[str, Any], ...],
) -> None:
    for record in records:
        outcome = check_record(record, on=on, forced=forced, context=context)
        totals.add(outcome)
        output.record(outcome)
