"""`iae_core.frames` is kept for existing imports only: it re-exports `iae_core.tables`.

The export tests themselves (pseudonyms, sensitive columns, dtypes) moved to
tests/test_tables.py, where they test `iae_core.tables`.
"""

import ast
import inspect
import subprocess
import sys

import pendulum

import iae_core as I
from iae_core import frames, tables

NAMES = {
    "SENSITIVE_COLUMNS",
    "SENSITIVE_CRITERIA",
    "pseudonym",
    "to_pandas",
    "to_polars",
    "to_records",
}


def test_frames_names_are_the_tables_objects():
    assert set(frames.__all__) == NAMES
    assert set(tables.__all__) >= NAMES
    for name in NAMES:
        assert getattr(frames, name) is getattr(tables, name), name


def test_frames_holds_no_logic():
    tree = ast.parse(inspect.getsource(frames))
    docstring, *body = tree.body
    assert "iae_core.tables" in ast.literal_eval(docstring.value)
    for node in body:
        if isinstance(node, ast.ImportFrom):
            assert node.module in ("__future__", "iae_core.tables")
        else:  # nothing but `__all__ = [...]`
            assert isinstance(node, ast.Assign)
            assert [t.id for t in node.targets] == ["__all__"]
    public = {n for n in vars(frames) if not n.startswith("_")} - {"annotations"}
    assert public == NAMES


def test_frames_import_is_lazy():
    code = (
        "import sys, iae_core.frames;assert not {'pandas', 'polars', 'pyarrow'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_old_imports_still_export():
    p = I.Person(id="p1", birth_date=pendulum.date(1980, 5, 17), rqth=True)
    (row,) = frames.to_records(p, key="k")
    assert row == tables.to_records([p], key="k")[0]
    assert row["id"] == frames.pseudonym("p1", key="k")
    assert "rqth" not in row
