"""docs/research.md runs as written: its ```python blocks, in order, in one namespace.

Blocks fenced ```py are sketches (Spark) and are only compiled."""

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

PAGE = Path(__file__).resolve().parent.parent / "docs" / "research.md"


def _blocks(lang):
    return re.findall(rf"^```{lang}\n(.*?)^```", PAGE.read_text(), flags=re.S | re.M)


def test_research_page_runs(capsys):
    blocks = _blocks("python")
    assert len(blocks) >= 8
    namespace = {"__name__": "__main__"}
    for i, code in enumerate(blocks):
        exec(compile(code, f"{PAGE.name}[{i}]", "exec"), namespace)
    out = capsys.readouterr().out
    assert "findings;" in out
    assert namespace["merged"].rates() == namespace["stats"].exit_rates(
        namespace["population"], by="kind"
    )


def test_sketches_compile():
    (spark,) = _blocks("py")
    compile(spark, "spark-sketch", "exec")
