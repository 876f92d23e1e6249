"""The worked examples of docs/economy.md run as written."""

import doctest
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_economy_page_examples():
    result = doctest.testfile(
        str(DOCS / "economy.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 10
    assert result.failed == 0
