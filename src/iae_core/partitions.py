"""Partitioned parcours: files laid out by département and year, counted where they lie.

A population too large for one process is kept as **one JSON Lines file per département
and entry year**, in folders named the Hive way (the layout Spark, Dask, DuckDB and Arrow
read as partition columns):

```text
ROOT/
  department=75/
    year=2024/parcours.jsonl
    year=2025/parcours.jsonl
  department=93/
    year=2025/parcours.jsonl
  department=2A/
    year=__HIVE_DEFAULT_PARTITION__/parcours.jsonl   (parcours without a contract)
```

Each line is one `Parcours`, the JSON that `iae_core.load` reads and `iae_core.dump`
writes (UTF-8, one object per line, a newline after each). The year is the **entry year**
(the first contract's start, `stats.KEYS["entry_year"]`); a parcours without a contract
goes to Hive's null partition, `NULL_PARTITION`.

`write` lays a population out this way; `paths` lists the files of a root; `count` works
on **one file from its path** — reads it, loads every line, checks every parcours as of a
day, counts the findings and the exits (`stats.exit_counts`) — and returns `Counts`, a
few small plain values whatever the size of the file. ``Counts.merge`` (or `merge`, its
two-argument form for ``reduce``) adds counts; the merge is associative and commutative,
so partitions may be counted in any order, on any worker, and merged in any tree. A
worker reads its own files and only the counts travel:

```pycon
>>> from iae_core import partitions
>>> files = partitions.write(population, "panel", include=partitions.SENSITIVE)
>>> total = partitions.merge_all(partitions.count(f, on=day, by="kind") for f in files)
>>> total.exits.rates() == stats.exit_rates(population, by="kind")
True

```

Privacy: the files hold every field of the parcours, which the checks need. `write`
refuses to write a NIR or special-category data (the ``rqth`` and
``under_justice_measure`` flags, the criteria ``TH`` and ``DETENTION_MJ``) unless named
in ``include``; `Counts` holds rule codes, error types, file paths and line numbers, never
a value read from a file.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path

import attrs
import msgspec
import pendulum

from iae_core.checks import check
from iae_core.dates import DayLike, as_day
from iae_core.errors import ErrorDetail, InvalidData
from iae_core.parcours import Parcours
from iae_core.serialization import dump, loads
from iae_core.stats import KEYS, By, ExitCounts, exit_counts

__all__ = [
    "FILE_NAME",
    "MAX_INVALID_SHOWN",
    "NULL_PARTITION",
    "SENSITIVE",
    "Counts",
    "Invalid",
    "count",
    "count_parcours",
    "merge",
    "merge_all",
    "partition_of",
    "paths",
    "read",
    "write",
]

FILE_NAME = "parcours.jsonl"
"""The name of every partition file, in its ``department=…/year=…`` folder."""

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
"""The folder value of a missing year (Hive's, read as null by Spark, Arrow and DuckDB)."""

SENSITIVE = frozenset({"nir", "rqth", "under_justice_measure", "TH", "DETENTION_MJ"})
"""What `write` keeps only when named in ``include``: the NIR, the health and justice flags
of `Person`, the special-category criteria of a diagnosis (GDPR art. 9 and 10)."""

MAX_INVALID_SHOWN = 20
"""How many invalid fields `Counts.invalid_at` keeps (the first by file and line)."""


def partition_of(parcours: Parcours) -> tuple[str, str]:
    """The (département, year) folder values of one parcours (``"75"``, ``"2025"``)."""
    year = KEYS["entry_year"](parcours)
    return str(parcours.structure.department), NULL_PARTITION if year is None else str(year)


def _sensitive_in(p: Parcours) -> set[str]:
    found = set()
    person = p.person
    if person.nir is not None:
        found.add("nir")
    if person.rqth:
        found.add("rqth")
    if person.under_justice_measure:
        found.add("under_justice_measure")
    if p.diagnosis is not None:
        found.update(c.value for c in p.diagnosis.criteria if c.value in SENSITIVE)
    return found


def write(
    parcours: Iterable[Parcours], root: str | os.PathLike[str], *, include: Collection[str] = ()
) -> list[Path]:
    """Lay ``parcours`` out as partition files under ``root``; return their paths (sorted).

    One ``department=D/year=Y/parcours.jsonl`` file per département and entry year (the
    module's layout), each line the JSON of one parcours, in the order given. Folders are
    made as needed; an existing partition file is never overwritten nor appended to.

    Args:
        parcours: the population.
        root: the folder of the partitions.
        include: the sensitive data the files may hold, from `SENSITIVE`
            (``include=partitions.SENSITIVE`` for all, as the checks need them).

    Raises:
        ValueError: a parcours holds sensitive data not named in ``include`` (the error
            names the kinds and counts the parcours, never a value), or ``include`` names
            something else; nothing is written then.
        FileExistsError: a partition file already exists under ``root``.
    """
    unknown = set(include) - SENSITIVE
    if unknown:
        msg = f"include: unknown names {sorted(unknown)}; expected some of {sorted(SENSITIVE)}"
        raise ValueError(msg)
    allowed = frozenset(include)
    groups: dict[tuple[str, str], list[bytes]] = {}
    refused: Counter[str] = Counter()
    encode = msgspec.json.Encoder().encode
    for p in parcours:
        extra = _sensitive_in(p) - allowed
        if extra:
            refused.update(extra)
            continue
        groups.setdefault(partition_of(p), []).append(encode(dump(p)))
    if refused:
        counted = ", ".join(f"{name} ({n} parcours)" for name, n in sorted(refused.items()))
        msg = (
            f"sensitive data not named in include: {counted}; name it in include= "
            "to write it (partitions.SENSITIVE names all)"
        )
        raise ValueError(msg)
    base = Path(root)
    targets = {key: base / f"department={key[0]}" / f"year={key[1]}" / FILE_NAME for key in groups}
    existing = sorted(str(t) for t in targets.values() if t.exists())
    if existing:
        msg = f"partition files already exist: {', '.join(existing)}"
        raise FileExistsError(msg)
    for key, lines in groups.items():
        target = targets[key]
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as out:
            out.write(b"\n".join(lines))
            out.write(b"\n")
    return sorted(targets.values())


def paths(root: str | os.PathLike[str]) -> list[Path]:
    """The partition files under ``root`` (``department=*/year=*/parcours.jsonl``), sorted."""
    return sorted(Path(root).glob(f"department=*/year=*/{FILE_NAME}"))


@attrs.frozen(order=True)
class Invalid:
    """Where a record of a partition file is bad (no value: only the place and the type).

    Attributes:
        file: the partition file, as given to `count`.
        line: the line, from 1.
        path: the field in the record (``contracts[0].start``; ``""``: the whole line).
        type: the stable error type (`iae_core.ERROR_TYPES`: ``not_a_date``…).
    """

    file: str
    line: int
    path: str
    type: str


def _sum(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


@attrs.frozen(kw_only=True)
class Counts:
    """The counts of one or more partitions: small, picklable, mergeable in any order.

    Attributes:
        files: partition files counted (each file counts 1: after a merge of every
            partition's counts, this is the number of partitions, so a partition counted
            twice or lost shows).
        records: records (lines) read.
        invalid_records: records that could not be loaded (bad JSON or bad fields); they
            are neither checked nor counted below.
        invalid: error type → number of bad fields of the invalid records.
        invalid_at: the first `MAX_INVALID_SHOWN` bad fields, by file and line.
        parcours: parcours loaded and checked.
        with_errors: parcours with at least one finding of severity error.
        findings: rule code → findings (every severity).
        exits: the exit counts of the loaded parcours (`stats.exit_counts`); their
            ``.rates()`` are `stats.exit_rates` of the whole population.
    """

    files: int = 0
    records: int = 0
    invalid_records: int = 0
    invalid: dict[str, int] = attrs.field(factory=dict)
    invalid_at: tuple[Invalid, ...] = ()
    parcours: int = 0
    with_errors: int = 0
    findings: dict[str, int] = attrs.field(factory=dict)
    exits: ExitCounts

    def merge(self, *others: Counts) -> Counts:
        """The counts of all these partitions together.

        Raises:
            ValueError: the exit counts were grouped by different keys.
        """
        out = self
        for o in others:
            shown = sorted(set(out.invalid_at) | set(o.invalid_at))[:MAX_INVALID_SHOWN]
            out = Counts(
                files=out.files + o.files,
                records=out.records + o.records,
                invalid_records=out.invalid_records + o.invalid_records,
                invalid=_sum(out.invalid, o.invalid),
                invalid_at=tuple(shown),
                parcours=out.parcours + o.parcours,
                with_errors=out.with_errors + o.with_errors,
                findings=_sum(out.findings, o.findings),
                exits=out.exits.merge(o.exits),
            )
        return out


def merge(a: Counts, b: Counts) -> Counts:
    """``a.merge(b)``: the two-argument form for ``functools.reduce`` and Spark's ``reduce``."""
    return a.merge(b)


def merge_all(counts: Iterable[Counts]) -> Counts:
    """All ``counts`` merged (``functools.reduce`` of `merge`).

    Raises:
        ValueError: ``counts`` is empty (there is no ``by`` to give empty counts), or the
            counts were grouped by different keys.
    """
    items = iter(counts)
    first = next(items, None)
    if first is None:
        msg = "no counts to merge"
        raise ValueError(msg)
    return functools.reduce(merge, items, first)


def _lines(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()  # the newline that ends the last line
    return lines


def _load_lines(lines: list[bytes]) -> list[Parcours] | None:
    """Every line loaded at once, or ``None`` when any line is bad (then line by line).

    Each line is first parsed alone (msgspec's parser, in C), so the lines joined into
    one JSON list are exactly the list of the lines' values; `loads` then structures the
    list in one pass (its strict parse, duplicate keys included).
    """
    decode = msgspec.json.Decoder().decode
    try:
        for line in lines:
            decode(line)
    except msgspec.DecodeError:
        return None
    try:
        loaded = loads(list[Parcours], b"[" + b",".join(lines) + b"]")
    except InvalidData:
        return None
    return loaded if len(loaded) == len(lines) else None


def read(path: str | os.PathLike[str]) -> list[Parcours]:
    """The parcours of one partition file.

    Raises:
        InvalidData: every bad field of every bad line, as `load` of the file as a list
            would say it: line 3's ``contracts[0].start`` is ``[2].contracts[0].start``.
    """
    lines = _lines(Path(path).read_bytes())
    loaded = _load_lines(lines)
    if loaded is not None:
        return loaded
    out, bad = _load_line_by_line(lines)
    if bad:
        raise InvalidData([attrs.evolve(d, loc=(n - 1, *d.loc)) for n, d in bad])
    return out


def _load_line_by_line(lines: list[bytes]) -> tuple[list[Parcours], list[tuple[int, ErrorDetail]]]:
    out: list[Parcours] = []
    bad: list[tuple[int, ErrorDetail]] = []
    for n, line in enumerate(lines, start=1):
        try:
            out.append(loads(Parcours, line))
        except InvalidData as exc:
            bad.extend((n, d) for d in exc.details)
    return out, bad


def count_parcours(
    parcours: Iterable[Parcours],
    *,
    on: DayLike,
    by: By = (),
) -> Counts:
    """The `Counts` of parcours already in memory (``files`` is 0): the one-process answer.

    Args:
        parcours: the population (or one partition of it).
        on: the day the checks are made as of.
        by: the grouping keys of the exit counts (as `stats.exit_counts`).
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    pop = parcours if isinstance(parcours, list) else list(parcours)
    findings: Counter[str] = Counter()
    with_errors = 0
    for p in pop:
        report = check(p, on=on)
        if report:
            findings.update(f.code for f in report)
            if not report.ok:
                with_errors += 1
    return Counts(
        records=len(pop),
        parcours=len(pop),
        with_errors=with_errors,
        findings=dict(findings),
        exits=exit_counts(pop, by=by),
    )


def count(path: str | os.PathLike[str], *, on: DayLike, by: By = ()) -> Counts:
    """Read one partition file, load, check and count it: its `Counts` (``files`` is 1).

    A bad record does not stop the count: it is counted in ``invalid_records``, its bad
    fields by type in ``invalid`` and by place in ``invalid_at``; every other record is
    checked and counted.

    Args:
        path: the partition file (JSON Lines of parcours; any name, any folder).
        on: the day the checks are made as of.
        by: the grouping keys of the exit counts (as `stats.exit_counts`); functions
            must be picklable to travel to workers (a named key always is).

    Raises:
        OSError: the file cannot be read.
        ValueError: an unknown key name in ``by``.
    """
    if type(on) is not pendulum.Date:
        on = as_day(on, "on")
    lines = _lines(Path(path).read_bytes())
    loaded = _load_lines(lines)
    bad: list[tuple[int, ErrorDetail]] = []
    if loaded is None:
        loaded, bad = _load_line_by_line(lines)
    counts = count_parcours(loaded, on=on, by=by)
    where = str(path)
    shown = sorted({Invalid(file=where, line=n, path=d.path, type=d.type) for n, d in bad})
    return attrs.evolve(
        counts,
        files=1,
        records=len(lines),
        invalid_records=len({n for n, _ in bad}),
        invalid=dict(Counter(d.type for _, d in bad)),
        invalid_at=tuple(shown[:MAX_INVALID_SHOWN]),
    )
