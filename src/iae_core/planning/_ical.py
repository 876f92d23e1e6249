"""Deadlines as an iCalendar file: `to_ical(deadlines) -> bytes` (extra `calendar`).

One all-day event (`VEVENT` with a `DATE` start, RFC 5545) per deadline, with a stable
`UID` built from its day, code, subject and path, so that importing the file again updates
the events instead of duplicating them. The `icalendar` package is imported when called.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pendulum

from iae_core.errors import ErrorDetail, InvalidData, detail, require

if TYPE_CHECKING:
    from iae_core.planning._deadlines import Deadline

__all__ = ["PRODID", "to_ical"]

PRODID = "-//iae_core//planning//FR"
"""The `PRODID` of the calendars written (RFC 5545 § 3.7.3)."""


def to_ical(
    deadlines: Iterable[Deadline],
    *,
    name: str = "Échéances IAE",
    stamp: pendulum.DateTime | None = None,
) -> bytes:
    """An iCalendar file (`.ics`) with one all-day event per deadline.

    Args:
        deadlines: what `deadlines` returned.
        name: the calendar's name (`X-WR-CALNAME`).
        stamp: the `DTSTAMP` of the events (default: now, UTC); give one for a
            reproducible file.

    Returns:
        The file's bytes (UTF-8, CRLF line ends).

    Text that reaches the calendar (the name, and each deadline's `message`, `code` and
    `reference`, caller-built deadlines included) is escaped as RFC 5545 asks (backslash, `;`
    and `,`) by the icalendar package; a control character (NUL, a bare CR or LF,
    ESC, VT, DEL…: anything but a tab) or a lone surrogate is refused, since no calendar
    text may hold one: nothing can add a property or an event of its own.

    Raises:
        InvalidData: a text holds a control character or a lone surrogate (`name`,
            `deadlines[2].message`…: every one listed; type `invalid`).
        MissingDependency: the `icalendar` package is missing (an `ImportError` naming the
            extra: `pip install 'iae-core[calendar]'`).
    """
    items = list(deadlines)
    _refuse_control(name, items)
    icalendar = require("icalendar", feature="to_ical", extra="calendar")
    when = stamp if stamp is not None else pendulum.now("UTC")
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", icalendar.vText(name))
    for d in items:
        key = f"{d.day.isoformat()}|{d.code}|{d.subject}|{d.path}".encode()
        event = icalendar.Event()
        event.add("uid", hashlib.sha256(key).hexdigest()[:32] + "@iae-core")
        event.add("dtstamp", when)
        event.add("dtstart", d.day)
        event.add("dtend", d.day.add(days=1))
        event.add("summary", d.message)
        event.add("description", f"{d.code} — {d.reference}")
        event.add("categories", [d.code])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
"""What no calendar text may hold: C0 controls but the tab, DEL, C1 controls, surrogates."""


def _refuse_control(name: str, deadlines: list[Deadline]) -> None:
    problems: list[ErrorDetail] = []

    def need(path: str, text: Any) -> None:
        if not isinstance(text, str):
            problems.append(detail(path, "not_a_string", input=text))
            return
        found = _CONTROL.search(text)
        if found is not None:
            problems.append(detail(path, "calendar_character", code=f"U+{ord(found.group()):04X}"))

    need("name", name)
    for i, d in enumerate(deadlines):
        for field in ("message", "code", "reference"):
            need(f"deadlines[{i}].{field}", getattr(d, field, None))
    if problems:
        raise InvalidData(problems)
