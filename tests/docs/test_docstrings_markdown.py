"""Docstrings are Markdown (mkdocstrings renders them so): no reST roles, no `::` blocks.

To convert new ones: `python tools/rst_docstrings_to_markdown.py src/iae_core`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "iae_core"
ROLE = re.compile(r":(?:py:)?(?:class|func|mod|data|meth|attr|exc|obj|const):`")


def _docstrings(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        body = getattr(node, "body", None)
        for st in body if isinstance(body, list) else []:
            if (
                isinstance(st, ast.Expr)
                and isinstance(st.value, ast.Constant)
                and isinstance(st.value.value, str)
            ):
                found.append((st.lineno, st.value.value))
    return found


def test_docstrings_have_no_rest_markup() -> None:
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        for line, text in _docstrings(path):
            where = f"{path.relative_to(SRC.parent)}:{line}"
            if ROLE.search(text):
                bad.append(f"{where}: reST role {ROLE.search(text).group(0)}")  # type: ignore[union-attr]
            if re.search(r"::[ \t]*$", text, re.M):
                bad.append(f"{where}: reST literal block '::'")
    assert not bad, "\n".join(bad)


def test_the_check_finds_a_role() -> None:
    assert ROLE.search("see :class:`Report`")
    assert not ROLE.search("see `Report`")
