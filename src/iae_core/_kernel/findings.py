"""Findings, reports and the rules catalogue (kernel: no entity, no rule module).

A rule is declared once with `register_rule`: its code, titles in French and English,
severity, legal reference, the parameters (`iae_core.params`) it reads, and its message
templates in both languages. A checker builds findings with `Rule.emit`, passing the values
it used; the message is rendered from them, and the values travel with the finding
(`Finding.params`) so that an embedder can show them without parsing text.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import Enum
from types import MappingProxyType
from typing import Any, overload

import attrs
import pendulum

from iae_core._kernel.paths import join_path
from iae_core._kernel.plugins import Result
from iae_core._kernel.text import LANGUAGES, Lang, current_language, render
from iae_core.enums import Severity

__all__ = [
    "NO_FINDINGS",
    "Finding",
    "Message",
    "Report",
    "Rule",
    "register_rule",
    "rule",
    "rules",
]


def _frozen_params(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if not value:
        return _EMPTY
    return dict(value)


_EMPTY: Mapping[str, Any] = MappingProxyType({})


@attrs.frozen(kw_only=True, slots=True)
class Finding(Result):
    """One result of a rule check.

    Attributes:
        code: the stable rule code (`"contract.min_duration"`).
        severity: `error` (not allowed), `warning` (allowed, needs attention) or `info`.
        message: the message for end users, in French unless another language was asked.
        reference: the legal (or platform) reference, e.g. `"C. trav. art. L5132-5"`.
        path: the field concerned, e.g. `"contracts[2].end"` (`""`: the whole subject).
        params: the values the rule used (limits, dates, counts), by name, e.g.
            `{"min_months": 4, "earliest_end": Date(2026, 5, 4)}`.
        variant: which of the rule's message templates the message comes from.
    """

    code: str
    severity: Severity
    message: str
    reference: str
    path: str = ""
    params: Mapping[str, Any] = attrs.field(
        default=_EMPTY, converter=_frozen_params, hash=False, eq=True
    )
    variant: str = attrs.field(default="", eq=False, hash=False)

    def prefixed(self, prefix: str) -> Finding:
        """The same finding with its path put under `prefix`."""
        return attrs.evolve(self, path=join_path(prefix, self.path))

    def in_language(self, lang: Lang) -> Finding:
        """The same finding with its message in `lang` (`"fr"` or `"en"`).

        Findings built from a rule's templates are rendered again from their `params`;
        a finding without a template keeps its message.
        """
        known = _RULES.get(self.code)
        if known is None or self.variant not in known.messages:
            return self
        return attrs.evolve(self, message=known.message(self.variant, self.params, lang))

    def to_json(self, lang: Lang | None = None) -> dict[str, Any]:
        """The finding as JSON: `code`, `severity`, `message`, `reference`, `path`, `params`.

        The message is in `lang` (default: the current language, `iae_core.language`);
        `params` are JSON values (dates in ISO 8601, enums by code, sets as sorted lists).
        """
        f = self.in_language(lang or current_language())
        return {
            "code": f.code,
            "severity": f.severity.value,
            "message": f.message,
            "reference": f.reference,
            "path": f.path,
            "params": {k: _json_param(v) for k, v in f.params.items()},
        }

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"[{self.severity.value}] {self.code} {where}{self.message} ({self.reference})"


def _json_param(value: Any) -> Any:
    """A finding's parameter as JSON: dates in ISO 8601, enums by code, sets sorted."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(_json_param(k)): _json_param(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted((_json_param(v) for v in value), key=lambda v: (type(v).__name__, str(v)))
    if isinstance(value, list | tuple):
        return [_json_param(v) for v in value]
    return str(value)


def _to_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return findings if type(findings) is tuple else tuple(findings)


@attrs.frozen(slots=True)
class Report(Result, Sequence[Finding]):
    """An immutable sequence of findings.

    `ok` is true when no finding is an error (warnings and infos allowed).
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
        """The findings of severity `error`."""
        return Report(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> Report:
        """The findings of severity `warning`."""
        return Report(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> Report:
        """The findings of severity `info`."""
        return Report(f for f in self.findings if f.severity is Severity.INFO)

    @property
    def codes(self) -> frozenset[str]:
        """The set of codes found."""
        return frozenset(f.code for f in self.findings)

    def prefixed(self, prefix: str) -> Report:
        """Every finding with its path put under `prefix`."""
        return Report(f.prefixed(prefix) for f in self.findings)

    def in_language(self, lang: Lang) -> Report:
        """Every finding with its message in `lang` (`"fr"` or `"en"`)."""
        if lang == "fr" and all(not f.variant for f in self.findings):
            return self
        return Report(f.in_language(lang) for f in self.findings)

    def to_json(self, lang: Lang | None = None) -> dict[str, Any]:
        """The report as JSON: `{"ok": ..., "findings": [Finding.to_json()...]}`."""
        return {"ok": self.ok, "findings": [f.to_json(lang) for f in self.findings]}

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
class Message:
    """A message template in French and English (`str.format` fields, see `_text`)."""

    fr: str
    en: str

    def get(self, lang: Lang) -> str:
        """The template in `lang`."""
        return self.fr if lang == "fr" else self.en


@attrs.frozen(kw_only=True, slots=True)
class Rule:
    """One entry of the catalogue.

    Attributes:
        code: stable code, `"<area>.<name>"`.
        title: a short French title.
        severity: the default severity of its findings.
        reference: the legal or platform reference.
        applies_from: first day the rule applies (`None`: always did).
        applies_until: last day it applies (`None`: still in force).
        subject: what it checks (`"Contract"`, `"Approval"`…).
        description: what it checks, in English, for the docs.
        title_en: the title in English.
        description_fr: the description in French.
        params: the names of the parameters (`iae_core.params`) it reads.
        messages: its message templates by variant, each in French and English.
        reading: where the library's reading of the texts is not verified, what that
            reading is (shown in the docs and the catalogue, never in a message).
    """

    code: str
    title: str
    severity: Severity
    reference: str
    applies_from: pendulum.Date | None = None
    applies_until: pendulum.Date | None = None
    subject: str = ""
    description: str = ""
    title_en: str = ""
    description_fr: str = ""
    params: tuple[str, ...] = ()
    messages: Mapping[str, Message] = attrs.field(factory=dict)
    reading: str | None = None

    def applies_on(self, day: pendulum.Date) -> bool:
        """True when `day` lies in [applies_from, applies_until]."""
        if self.applies_from is not None and day < self.applies_from:
            return False
        return not (self.applies_until is not None and day > self.applies_until)

    def title_in(self, lang: Lang) -> str:
        """The title in `lang` (French when no English title is given)."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def description_in(self, lang: Lang) -> str:
        """The description in `lang`."""
        if lang == "fr" and self.description_fr:
            return self.description_fr
        return self.description

    def message(self, variant: str, values: Mapping[str, Any], lang: Lang = "fr") -> str:
        """The message of `variant` rendered with `values` in `lang`."""
        return render(self.messages[variant].get(lang), values, lang)

    def emit(
        self,
        variant: str = "default",
        path: str = "",
        *,
        severity: Severity | None = None,
        reference: str | None = None,
        lang: Lang = "fr",
        **values: Any,
    ) -> Finding:
        """A finding of this rule, its message rendered from the template `variant`.

        `values` are the limits, dates and counts the rule used: they fill the template
        and are kept as `Finding.params`.
        """
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=self.message(variant, values, lang),
            reference=reference or self.reference,
            path=path,
            params=values,
            variant=variant,
        )

    def finding(
        self,
        message: str,
        path: str = "",
        *,
        severity: Severity | None = None,
        reference: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Finding:
        """A finding of this rule with a message given as text (no template)."""
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            reference=reference or self.reference,
            path=path,
            params=params,
        )


_RULES: dict[str, Rule] = {}


def _messages(raw: Mapping[str, Message | tuple[str, str]] | None) -> dict[str, Message]:
    out: dict[str, Message] = {}
    for key, m in (raw or {}).items():
        out[key] = m if isinstance(m, Message) else Message(fr=m[0], en=m[1])
    return out


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
    title_en: str = "",
    description_fr: str = "",
    params: Iterable[str] = (),
    messages: Mapping[str, Message | tuple[str, str]] | None = None,
    reading: str | None = None,
) -> Rule:
    """Declare a rule in the catalogue and return it (codes are unique).

    `messages` maps a variant name to its `(French, English)` templates.
    """
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
        title_en=title_en,
        description_fr=description_fr,
        params=tuple(params),
        messages=_messages(messages),
        reading=reading,
    )
    _RULES[code] = new
    return new


def rules() -> tuple[Rule, ...]:
    """The catalogue: every registered rule, sorted by code."""
    return tuple(_RULES[c] for c in sorted(_RULES))


def rule(code: str) -> Rule:
    """The catalogue entry of `code` (`KeyError` when unknown)."""
    return _RULES[code]


def languages() -> tuple[Lang, ...]:
    """The languages messages exist in."""
    return LANGUAGES


NO_FINDINGS = Report()
"""The empty report (immutable: checkers with nothing to say return this one)."""
