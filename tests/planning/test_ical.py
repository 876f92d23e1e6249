"""planning.to_ical: an iCalendar file a calendar application opens."""

from __future__ import annotations

import pendulum
import pytest

from iae_core import planning
from iae_core.approvals import Approval

icalendar = pytest.importorskip("icalendar")


def test_one_all_day_event_per_deadline_with_stable_uids():
    a = Approval(number="999990000001", start=pendulum.date(2024, 3, 1))
    found = planning.deadlines([a], on=pendulum.date(2025, 6, 1), within_days=365)
    stamp = pendulum.datetime(2026, 1, 1)
    data = planning.to_ical(found, stamp=stamp)
    assert data == planning.to_ical(found, stamp=stamp)
    assert b"\r\n" in data
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(found)
    assert [e.decoded("dtstart") for e in events] == [d.day for d in found]
    assert str(events[0]["summary"]) == found[0].message
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert str(cal["version"]) == "2.0"
