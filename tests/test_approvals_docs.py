"""The worked examples of docs/approvals.md, eligibility.md and parcours.md run as written."""

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize(
    ("page", "least"), [("approvals.md", 6), ("eligibility.md", 6), ("parcours.md", 4)]
)
def test_docs_examples(page, least):
    result = doctest.testfile(
        str(DOCS / page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= least
    assert result.failed == 0


def test_module_docstrings():
    import pendulum

    from iae_core import approvals, eligibility, exits

    for mod in (approvals, eligibility, exits):
        result = doctest.testmod(mod, extraglobs={"pendulum": pendulum})
        assert result.attempted > 0, mod.__name__
        assert result.failed == 0
