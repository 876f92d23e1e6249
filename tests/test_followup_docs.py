"""The worked examples of docs/after-exit.md and docs/skills.md run as written."""

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize(("page", "least"), [("after-exit.md", 8), ("skills.md", 6)])
def test_docs_examples(page, least):
    pytest.importorskip("joserfc")
    result = doctest.testfile(
        str(DOCS / page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= least
    assert result.failed == 0


def test_opendata_module_example_runs():
    from iae_core import opendata

    source = opendata.__doc__.split("```python\n")[1].split("```")[0]
    exec(compile(source, "opendata", "exec"), {})
