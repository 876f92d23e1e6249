"""Hostile files through ``iae-core check`` (issue 11, points 4 and 5, duplicate keys).

No rule is needed: a record that loads and has no checker counts as checked, so a
``Person`` or an ``Exit`` with no fake rule is enough to see what was read.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tracemalloc
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from iae_core.cli import _check as _cli_check
from iae_core.cli import main

# the command line in English; the French default and `--lang`: tests/test_i18n_catalogue.py
pytestmark = pytest.mark.usefixtures("english_cli")


PERSON = {"id": "p1", "birth_date": "1980-02-01"}
BAD_PERSON = {"id": "p2", "birth_date": "9999-12-31"}


def run(capsys, tmp_path, content: str | bytes, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "input"
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    status = main(["check", str(path), "--on", "2024-06-01", *args])
    out, err = capsys.readouterr()
    return status, out, err


def jsonl(*docs: Any) -> str:
    return "".join(json.dumps(d) + "\n" for d in docs)


# --- JSON Lines told by content (point 4) -------------------------------------------------


def test_a_malformed_first_line_is_reported_and_every_other_line_checked(capsys, tmp_path):
    content = '{"id": "p0", "birth_date": \n' + jsonl(PERSON, PERSON, BAD_PERSON)
    status, out, err = run(capsys, tmp_path, content)
    assert status == 2
    assert "bad input: line 1: malformed JSON at column 28: a value is expected" in err
    assert "bad input: line 4: invalid Person" in err
    assert "line 4: birth_date: out of range" in err
    assert "4 documents checked" in out


def test_a_truncated_first_line_with_one_good_line(capsys, tmp_path):
    status, out, err = run(capsys, tmp_path, '{"id": "p0"\n' + jsonl(PERSON))
    assert status == 2
    assert "line 1: malformed JSON" in err
    assert "2 documents checked: 0 error(s), 0 warning(s), 0 info(s), 1 bad input" in out


@pytest.mark.parametrize("items", [1, 2, 3, 8])
def test_a_pretty_printed_list_of_one_line_objects_is_one_document(capsys, tmp_path, items):
    content = "[\n" + ",\n".join(json.dumps(PERSON) for _ in range(items)) + "\n]\n"
    status, out, err = run(capsys, tmp_path, content)
    assert status == 0, err
    assert f"{items} document" in out


def test_a_pretty_printed_object_is_one_document(capsys, tmp_path):
    status, _, err = run(capsys, tmp_path, json.dumps(BAD_PERSON, indent=2))
    assert status == 2
    assert "bad input: invalid Person" in err
    assert "  birth_date: out of range" in err


@st.composite
def jsonl_files(draw):
    """JSON Lines with good, invalid and malformed lines anywhere, the first included."""
    kinds = draw(st.lists(st.sampled_from(["good", "invalid", "malformed"]), min_size=2))
    malformed = st.sampled_from(['{"id": "p"', "{oops", "[1,", '"x', "{,}", "nul"])
    lines = []
    for kind in kinds:
        if kind == "good":
            lines.append(json.dumps(PERSON))
        elif kind == "invalid":
            lines.append(json.dumps(BAD_PERSON))
        else:
            lines.append(draw(malformed))
    return kinds, "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(case=jsonl_files())
@example(case=(["malformed", "good"], '{"id": "p"\n' + json.dumps(PERSON) + "\n"))
@example(case=(["malformed", "invalid", "good"], "{oops\n" + jsonl(BAD_PERSON, PERSON)))
def test_every_good_line_is_checked_and_every_bad_one_reported(case):
    kinds, content = case
    good = kinds.count("good")
    first = content.splitlines()[0]
    if kinds[0] == "malformed" and (first.startswith("[") or set(kinds[1:5]) == {"malformed"}):
        # A first line opening a list is a list; and with no whole line in the next four,
        # nothing tells JSON Lines from a document: both are refused as one document.
        with pytest.raises(_cli_check.BadInputError, match="malformed JSON at line"):
            list(_cli_check.read_records(io.BytesIO(content.encode())))
        return
    records = list(_cli_check.read_records(io.BytesIO(content.encode())))
    assert len(records) == len(kinds)
    for number, (kind, record) in enumerate(zip(kinds, records, strict=True), 1):
        assert record.where == f"line {number}"
        assert (record.error is not None) == (kind == "malformed")
    outcomes = [
        _cli_check.check_record(r, on=None, forced=None, context=())  # type: ignore[arg-type]
        for r in records
    ]
    assert sum(o.message is None for o in outcomes) == good


# --- lists are streamed (point 4) -----------------------------------------------------------


class Chunked(io.RawIOBase):
    """A binary stream that records the most it was asked to read at once."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        chunk = self.data.read(len(b))
        b[: len(chunk)] = chunk
        return len(chunk)


def _peak(fn):
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # about 30 s each on 2 cores: run by .ci/run (--run-slow)
@pytest.mark.parametrize("pretty", [False, True], ids=["one-line", "indented"])
def test_a_large_list_is_read_item_by_item(pretty):
    items = 300_000
    data = json.dumps([PERSON] * items, indent=1 if pretty else None).encode()
    assert len(data) > 12_000_000
    stream = io.BufferedReader(Chunked(data))
    count = 0

    def read():
        nonlocal count
        for record in _cli_check.read_records(stream):
            assert record.error is None
            count += 1

    peak = _peak(read)
    assert count == items
    # A few chunks of text and one record at a time, not 300,000 dicts (~100 MB).
    assert peak < 8 * _cli_check._CHUNK < len(data)


def test_a_malformed_item_stops_the_list_after_the_good_ones(capsys, tmp_path):
    content = "[\n" + json.dumps(PERSON) + ",\n" + json.dumps(BAD_PERSON) + ",\n  {oops}\n]"
    status, _, err = run(capsys, tmp_path, content)
    assert status == 2
    assert "bad input: [1]: invalid Person" in err
    assert "bad input: malformed JSON at line 4, column 4" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2", "malformed JSON at line 1, column 6"),
        ("[1 2]", "malformed JSON at line 1, column 4: a comma is expected"),
        ("[1] x", "text follows the end of the document"),
        ("\n\n[\n  {\n}\n,]", "malformed JSON at line 6, column 2"),
        ('[{"id": "' + "9" * 5000 + "}]", "malformed JSON"),
        ('{"id": 1' + "0" * 5000 + ', "birth_date": "1980-01-01"}', "malformed JSON"),
    ],
)
def test_malformed_lists_and_documents(capsys, tmp_path, content, message):
    status, _, err = run(capsys, tmp_path, content)
    assert status == 2
    assert message in err
    assert "Traceback" not in err


# --- the size of one record (point 5) -------------------------------------------------------


class Endless(io.RawIOBase):
    """``/dev/zero`` (or any byte) for ever, without a newline."""

    def __init__(self, byte: bytes = b"\0", head: bytes = b"") -> None:
        self.byte, self.head = byte, head

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = len(b)
        fill = (self.head + self.byte * n)[:n]
        self.head = self.head[n:]
        b[:n] = fill
        return n


@pytest.mark.parametrize(
    ("byte", "head", "message"),
    [
        (b"\0", b"", "malformed JSON at line 1, column 1"),
        (b"x", b'[{"id": "', "item [0] at line 1 is larger than 1 MiB"),
        (b" ", b'{"id": ', "the document at line 1 is larger than 1 MiB"),
        (b"1", b"[", "malformed JSON at line 1, column 2: a number of more than 4300 digits"),
    ],
    ids=["zeros", "endless-string", "endless-spaces", "endless-number"],
)
def test_endless_input_fails_within_the_record_limit(monkeypatch, capsys, byte, head, message):
    stream = io.BufferedReader(Endless(byte, head))
    monkeypatch.setattr(_cli_check, "_open", lambda name: stream)
    status = {}
    peak = _peak(lambda: status.setdefault("s", main(["check", "-", "--max-record-size", "1M"])))
    err = capsys.readouterr().err
    assert status["s"] == 2
    assert message in err
    assert "Traceback" not in err
    assert peak < 16 * 1024 * 1024


def test_a_json_lines_line_over_the_limit(capsys, tmp_path):
    content = jsonl(PERSON) + json.dumps({"id": "x" * 3000, "birth_date": "1980-01-01"}) + "\n"
    status, _, err = run(capsys, tmp_path, content, "--max-record-size", "2K")
    assert status == 2
    assert "line 2 is longer than 2048 bytes, the limit on one record" in err
    assert "--max-record-size" in err


def test_the_limit_can_be_raised(capsys, tmp_path):
    content = jsonl(PERSON, {"id": "x" * 3000, "birth_date": "1980-01-01"})
    status, _, err = run(capsys, tmp_path, content, "--max-record-size", "4K")
    assert status == 0, err


@pytest.mark.parametrize("size", ["0", "-1", "12X", "M", ""])
def test_a_bad_size_is_a_usage_error(capsys, tmp_path, size):
    (tmp_path / "x.json").write_text(json.dumps(PERSON))
    assert main(["check", str(tmp_path / "x.json"), "--max-record-size", size]) == 2
    assert "not a size" in capsys.readouterr().err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_through_the_installed_command():
    done = subprocess.run(
        [sys.executable, "-m", "iae_core", "check", "/dev/zero"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "bad input: malformed JSON at line 1, column 1" in done.stderr
    assert "Traceback" not in done.stderr


# --- duplicate keys ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"id": "p1", "id": "p2", "birth_date": "1980-01-01"}', "  id: duplicate key"),
        (
            '[{"id": "p1", "birth_date": "1980-01-01"}, '
            '{"id": "p1", "birth_date": "1980-01-01", "birth_date": "1981-01-01"}]',
            "  [1].birth_date: duplicate key",
        ),
        (
            jsonl(PERSON) + '{"id": "p1", "birth_date": "1980-01-01", "birth_date": "x"}\n',
            "  line 2: birth_date: duplicate key",
        ),
    ],
    ids=["document", "list", "json-lines"],
)
def test_duplicate_keys_are_bad_input(capsys, tmp_path, content, where):
    status, _, err = run(capsys, tmp_path, content)
    assert status == 2
    assert where in err


def test_a_duplicate_key_is_listed_with_the_other_bad_fields(capsys, tmp_path):
    content = '{"id": 3, "id": 4, "birth_date": "9999-12-31"}'
    status, _, err = run(capsys, tmp_path, content, "--type", "Person")
    assert status == 2
    assert "  id: duplicate key" in err
    assert "  id: not a string: 4" in err
    assert "  birth_date: out of range" in err
