"""Findings, reports, the rules catalogue and the ``check`` entry point.

A rule check never raises for a violated rule: it returns a :class:`Report`, a sequence
of :class:`Finding` objects, each with a stable ``code``, a ``severity``, a French
``message``, the legal ``reference`` and the ``path`` of the field it concerns::

    report = check(approval, on=pendulum.date(2026, 11, 23), structure_kind=StructureKind.ACI)
    if not report.ok:
        for finding in report.errors:
            print(finding.path, finding.message)

Rules are declared once with :func:`register_rule` (the catalogue that :func:`rules`
returns and the docs are generated from) and produce findings with :meth:`Rule.finding`.
Each entity module registers its checker with :func:`register_check`.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

import attrs
import pendulum

from iae_core._model import Entity, date_range_problem
from iae_core.dates import as_date
from iae_core.enums import Severity
from iae_core.errors import InvalidData, join_path

__all__ = [
    "Finding",
    "Report",
    "Rule",
    "check",
    "register_check",
    "register_rule",
    "rule",
    "rules",
]


@attrs.frozen(kw_only=True, slots=True)
class Finding:
    """One result of a rule check.

    Attributes:
        code: the stable rule code (``"contract.min_duration"``).
        severity: ``error`` (not allowed), ``warning`` (allowed, needs attention) or
            ``info``.
        message: a French message for end users.
        reference: the legal (or platform) reference, e.g. ``"C. trav. art. L5132-5"``.
        path: the field concerned, e.g. ``"contracts[2].end"`` (``""``: the whole subject).
    """

    code: str
    severity: Severity
    message: str
    reference: str
    path: str = ""

    def prefixed(self, prefix: str) -> Finding:
        """The same finding with its path put under ``prefix``."""
        return attrs.evolve(self, path=join_path(prefix, self.path))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"[{self.severity.value}] {self.code} {where}{self.message} ({self.reference})"


def _to_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return findings if type(findings) is tuple else tuple(findings)


@attrs.frozen(slots=True)
class Report(Sequence[Finding]):
    """An immutable sequence of findings.

    ``ok`` is true when no finding is an error (warnings and infos allowed).
    """

    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_to_findings)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Report: ...
    def __getitem__(self, index: int | slice) -> Finding | Report:
        if isinstance(index, slice):
            return Report(self.findings[index])
        return self.findings[index]

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __add__(self, other: Iterable[Finding]) -> Report:
        return Report(self.findings + tuple(other))

    def __bool__(self) -> bool:
        return bool(self.findings)

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> Report:
        """The findings of severity ``error``."""
        return Report(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> Report:
        """The findings of severity ``warning``."""
        return Report(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> Report:
        """The findings of severity ``info``."""
        return Report(f for f in self.findings if f.severity is Severity.INFO)

    @property
    def codes(self) -> frozenset[str]:
        """The set of codes found."""
        return frozenset(f.code for f in self.findings)

    def prefixed(self, prefix: str) -> Report:
        """Every finding with its path put under ``prefix``."""
        return Report(f.prefixed(prefix) for f in self.findings)

    def by_path(self) -> dict[str, list[Finding]]:
        """Findings grouped by path, in order of first appearance."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.path, []).append(f)
        return out

    def __str__(self) -> str:
        if not self.findings:
            return "no finding"
        return "\n".join(str(f) for f in self.findings)

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(v)}</td>"
                for v in (f.severity.value, f.code, f.path, f.message, f.reference)
            )
            + "</tr>"
            for f in self.findings
        )
        head = "".join(
            f"<th>{h}</th>" for h in ("severity", "code", "path", "message", "reference")
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


# --- the rules catalogue -------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=True)
class Rule:
    """One entry of the catalogue.

    Attributes:
        code: stable code, ``"<area>.<name>"``.
        title: a short French title.
        severity: the default severity of its findings.
        reference: the legal or platform reference.
        applies_from: first day the rule applies (``None``: always did).
        applies_until: last day it applies (``None``: still in force).
        subject: what it checks (``"Contract"``, ``"Approval"``…).
        description: what it checks, in English, for the docs.
    """

    code: str
    title: str
    severity: Severity
    reference: str
    applies_from: pendulum.Date | None = None
    applies_until: pendulum.Date | None = None
    subject: str = ""
    description: str = ""

    def applies_on(self, day: pendulum.Date) -> bool:
        """True when ``day`` lies in [applies_from, applies_until]."""
        if self.applies_from is not None and day < self.applies_from:
            return False
        return not (self.applies_until is not None and day > self.applies_until)

    def finding(
        self,
        message: str,
        path: str = "",
        *,
        severity: Severity | None = None,
        reference: str | None = None,
    ) -> Finding:
        """A finding of this rule (severity and reference default to the rule's)."""
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            reference=reference or self.reference,
            path=path,
        )


_RULES: dict[str, Rule] = {}


def register_rule(
    code: str,
    title: str,
    *,
    severity: Severity = Severity.ERROR,
    reference: str,
    subject: str = "",
    description: str = "",
    applies_from: pendulum.Date | None = None,
    applies_until: pendulum.Date | None = None,
) -> Rule:
    """Declare a rule in the catalogue and return it (codes are unique)."""
    if code in _RULES:
        msg = f"rule {code!r} is already registered"
        raise ValueError(msg)
    new = Rule(
        code=code,
        title=title,
        severity=severity,
        reference=reference,
        subject=subject,
        description=description,
        applies_from=applies_from,
        applies_until=applies_until,
    )
    _RULES[code] = new
    return new


def rules() -> tuple[Rule, ...]:
    """The catalogue: every registered rule, sorted by code."""
    return tuple(_RULES[c] for c in sorted(_RULES))


def rule(code: str) -> Rule:
    """The catalogue entry of ``code`` (``KeyError`` when unknown)."""
    return _RULES[code]


# --- the check entry point -----------------------------------------------------------------

T = TypeVar("T")
Checker = Callable[..., Report]
_CHECKERS: dict[type, Checker] = {}


def register_check(cls: type[T]) -> Callable[[Callable[..., Report]], Callable[..., Report]]:
    """Decorator: register the checker of ``cls`` for :func:`check`."""

    def deco(fn: Callable[..., Report]) -> Callable[..., Report]:
        _CHECKERS[cls] = fn
        return fn

    return deco


def check(subject: object, *, on: pendulum.Date, **context: Any) -> Report:
    """Check any entity as of ``on`` and return its findings.

    Args:
        subject: a ``Contract``, ``Approval``, ``EligibilityDiagnosis``, ``Parcours``,
            ``Structure``… (any entity with a registered checker).
        on: the date the check is made for. Rules apply in the version in force on the
            relevant date (contract start, diagnosis date…), not today's.
        **context: what the entity's checker needs besides the entity (for instance
            ``structure_kind`` for an approval); see each checker's documentation.

    Every entity can be checked; one that no rule judges alone (a ``Person``, an ``Exit``,
    a ``Suspension``… whose rules need what holds them) gives an empty report.

    Raises:
        TypeError: ``subject`` is not an iae_core entity.
        InvalidData: ``on`` is not a calendar date between 1900-01-01 and 2199-12-31.
    """
    if type(on) not in (pendulum.Date, _dt.date):  # not a datetime, not a string
        raise InvalidData([("on", f"not a date: {on!r}")])
    on = as_date(on)
    out_of_range = date_range_problem(on)
    if out_of_range is not None:  # rules add years to ``on``: year 9999 would overflow
        raise InvalidData([("on", out_of_range)])
    for cls in type(subject).__mro__:
        fn = _CHECKERS.get(cls)
        if fn is not None:
            return fn(subject, on=on, **context)
    if isinstance(subject, Entity):
        # No rule judges this entity alone (a Person, an Exit, a Suspension…): its rules
        # need the context of what holds it — check the Parcours or the Approval.
        return Report()
    msg = f"no checker for {type(subject).__name__}: not an iae_core entity"
    raise TypeError(msg)
