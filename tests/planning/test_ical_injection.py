"""Issue 26, case 6: text that reaches a calendar is escaped or refused.

Every control character (but the tab) and every lone surrogate is refused in the calendar's
name and in each deadline's message, code and reference, caller-built ones included, with
an `InvalidData` naming each; `;`, `,` and `\\` are escaped. The check is not an `assert`:
it holds under `python -O` too.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from iae_core import planning
from iae_core.errors import InvalidData
from iae_core.planning import Deadline

icalendar = pytest.importorskip("icalendar")

STAMP = pendulum.datetime(2026, 1, 1)
INJECTION = "x\r\nBEGIN:VEVENT\r\nSUMMARY:pwned\r\nEND:VEVENT"
CONTROLS = [chr(c) for c in [*range(0x09), *range(0x0A, 0x20), 0x7F, 0x85, 0x9F]]


def _deadline(**kw: str) -> Deadline:
    base = {
        "code": "deadline.pass_end",
        "subject": "s",
        "path": "",
        "message": "La fin",
        "reference": "C. trav.",
    }
    return Deadline(day=pendulum.date(2026, 1, 5), **{**base, **kw})


def _events(data: bytes) -> list[object]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_the_injection_of_the_issue_is_refused() -> None:
    with pytest.raises(InvalidData) as err:
        planning.to_ical([_deadline()], name=INJECTION, stamp=STAMP)
    assert err.value.paths == ("name",)
    assert "U+000D" in err.value.details[0].message_en


@pytest.mark.parametrize("char", [*CONTROLS, chr(0xD800), chr(0xDFFF)])
@pytest.mark.parametrize("where", ["name", "message", "code", "reference"])
def test_every_control_character_is_refused(where: str, char: str) -> None:
    text = f"a{char}b"
    if where == "name":
        call = lambda: planning.to_ical([_deadline()], name=text, stamp=STAMP)  # noqa: E731
        path = "name"
    else:
        call = lambda: planning.to_ical([_deadline(**{where: text})], stamp=STAMP)  # noqa: E731
        path = f"deadlines[0].{where}"
    with pytest.raises(InvalidData) as err:
        call()
    assert err.value.paths == (path,)
    assert f"U+{ord(char):04X}" in err.value.details[0].message_en


def test_every_bad_text_is_listed() -> None:
    found = [_deadline(), _deadline(message="a\nb", reference="r\x1b")]
    with pytest.raises(InvalidData) as err:
        planning.to_ical(found, name="n\x00", stamp=STAMP)
    assert err.value.paths == ("name", "deadlines[1].message", "deadlines[1].reference")


def test_a_tab_and_the_special_characters_are_escaped_not_refused() -> None:
    data = planning.to_ical([_deadline(message="a;b,c\\d\te")], name="ok, name; yes\\", stamp=STAMP)
    assert b"X-WR-CALNAME:ok\\, name\\; yes\\\\\r\n" in data
    (event,) = _events(data)
    assert str(event["summary"]) == "a;b,c\\d\te"
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 1


def test_refused_under_python_minus_o(tmp_path: Path) -> None:
    script = (
        "import pendulum\n"
        "from iae_core import planning\n"
        "from iae_core.errors import InvalidData\n"
        "d = planning.Deadline(day=pendulum.date(2026, 1, 5), code='c', subject='s', path='',"
        " message='m', reference='r')\n"
        "try:\n"
        f"    planning.to_ical([d], name={INJECTION!r})\n"
        "except InvalidData as e:\n"
        "    print('refused', e.paths)\n"
    )
    src = str(Path(planning.__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run(
        [sys.executable, "-O", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.stdout.strip() == "refused ('name',)", out.stderr


def _unescaped(raw: str) -> str:
    """RFC 5545 § 3.3.11 TEXT, read back: `\\\\`, `\\;`, `\\,`."""
    return re.sub(r"\\([\\;,])", r"\1", raw)


_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.just("\t"), max_size=30)


@given(_TEXT, _TEXT, _TEXT)
@example("BEGIN:VEVENT", "END:VEVENT;x", "a,b\\")
@example("", "", "")
def test_any_text_without_controls_round_trips(name: str, message: str, reference: str) -> None:
    data = planning.to_ical(
        [_deadline(message=message, reference=reference)], name=name, stamp=STAMP
    )
    cal = icalendar.Calendar.from_ical(data)
    (event,) = list(cal.walk("VEVENT"))
    assert str(event["summary"]) == message
    assert _unescaped(str(cal["x-wr-calname"])) == name  # an X- property is kept raw
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 1
