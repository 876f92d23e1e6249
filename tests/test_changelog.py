"""CHANGELOG.md keeps the Keep a Changelog shape: one section of each kind per release."""

import re
from pathlib import Path

CHANGELOG = Path(__file__).resolve().parents[1] / "CHANGELOG.md"
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def releases():
    text = CHANGELOG.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return [(part.splitlines()[0], part) for part in parts]


def entries(body):
    """Each entry ("- " and its indented continuation lines), whitespace normalised."""
    out, current = [], None
    for line in body.splitlines():
        if line.startswith("- "):
            current = [line]
            out.append(current)
        elif line.startswith("  ") and current is not None:
            current.append(line.strip())
        else:
            current = None
    return [" ".join(" ".join(e).split()) for e in out]


def test_there_is_an_unreleased_section_first():
    assert releases()[0][0] == "[Unreleased]"


def test_each_release_has_at_most_one_section_of_each_kind():
    for title, body in releases():
        kinds = re.findall(r"^### (.+)$", body, flags=re.MULTILINE)
        assert set(kinds) <= KINDS, title
        assert len(kinds) == len(set(kinds)), f"{title}: {kinds}"


def test_no_entry_is_written_twice():
    for title, body in releases():
        seen = entries(body)
        twice = {e[:80] for e in seen if seen.count(e) > 1}
        assert not twice, f"{title}: {sorted(twice)}"
