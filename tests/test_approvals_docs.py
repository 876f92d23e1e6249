"""The worked examples of docs/approvals.md and docs/eligibility.md run as written."""

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("page", ["approvals.md", "eligibility.md"])
def test_docs_examples(page):
    result = doctest.testfile(
        str(DOCS / page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted > 5
    assert result.failed == 0


def test_module_docstrings():
    import pendulum

    from iae_core import approvals, eligibility

    for mod in (approvals, eligibility):
        result = doctest.testmod(mod, extraglobs={"pendulum": pendulum})
        assert result.failed == 0
