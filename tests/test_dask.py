"""Past one machine (issue 29): the recipe of docs/research.md, run as a researcher runs it.

Its code block, written alone to ``recipe.py`` in a temporary folder, runs with ``python
recipe.py`` (a 2-worker LocalCluster of processes that read their own partition files) and
prints the counts of one process; the same block run as a notebook cell runs (``__name__``
is ``"__main__"`` there, inside this process) and returns them.

The script test takes about 20 s (a cluster started in a fresh interpreter): it is marked
slow and runs in ``.ci/run`` (``--run-slow``); the notebook one runs in every suite. dask is
in the ``dev`` extra: these tests are never skipped where the suite is meant to run.
"""

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from iae_core import demo, partitions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "docs"))
from test_docs_code import blocks  # noqa: E402 - the docs runner's own block reader

SEED, PEOPLE = 29, 1200  # the recipe's demo territory


def _recipe() -> str:
    text = (ROOT / "docs" / "research.md").read_text(encoding="utf-8")
    found = [b.code for b in blocks(text) if b.lang == "python" and "__main__" in b.code]
    assert len(found) == 1, "one recipe block in docs/research.md"
    code = found[0]
    assert f"seed={SEED}, people={PEOPLE}" in code  # the expected counts below are of this
    return code


def _expected(namespace: dict, folder: Path) -> tuple[partitions.Counts, str]:
    """The one-process counts of the recipe's population, and what its report prints."""
    territory = demo.build_territory(seed=SEED, people=PEOPLE)
    files = partitions.paths(folder)
    one = partitions.count_parcours(territory.parcours, on=territory.on, by=namespace["BY"])
    one = attrs.evolve(one, files=len(files))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        namespace["report"](one)
    return one, out.getvalue()


def _definitions(code: str) -> dict:
    namespace = {"__name__": "recipe_definitions"}  # the guard is false: nothing runs
    exec(compile(code, "recipe.py", "exec"), namespace)
    return namespace


@pytest.mark.slow
def test_recipe_runs_as_a_script_and_prints_the_counts_of_one_process(tmp_path):
    code = _recipe()
    (tmp_path / "recipe.py").write_text(code, encoding="utf-8")
    paths = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "recipe.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "bootstrapping phase" not in done.stderr
    one, printed = _expected(_definitions(code), tmp_path / "iae-panel")
    assert done.stdout == printed
    assert one.files > 1  # several partitions, each counted once ("N partitions" is printed)
    assert one.findings  # the comparison is not vacuous
    assert one.exits.rates()


def test_recipe_runs_as_a_notebook_cell(tmp_path, monkeypatch):
    code = _recipe()
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__main__"}  # what a Jupyter kernel runs a cell in
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<notebook cell>", "exec"), namespace)
    one, printed = _expected(namespace, tmp_path / "iae-panel")
    assert out.getvalue() == printed
    assert one.files > 1
