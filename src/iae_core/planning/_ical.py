"""Deadlines as an iCalendar file: `to_ical(deadlines) -> bytes` (extra `calendar`).

One all-day event (`VEVENT` with a `DATE` start, RFC 5545) per deadline, with a stable
`UID` built from its day, code, subject and path, so that importing the file again updates
the events instead of duplicating them. The `icalendar` package is imported when called.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pendulum

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

    Raises:
        ImportError: the `icalendar` package is missing (`pip install iae-core[calendar]`).
    """
    try:
        import icalendar
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = "to_ical needs the icalendar package: pip install 'iae-core[calendar]'"
        raise ImportError(msg) from exc
    when = stamp if stamp is not None else pendulum.now("UTC")
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for d in deadlines:
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
