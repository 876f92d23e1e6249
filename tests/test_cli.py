import subprocess
import sys

from iae_core.cli import main


def test_demo_runs(capsys):
    assert main(["demo", "--size", "50", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "Territoire synthétique (graine 3)" in out
    assert "50 personnes en parcours" in out


def test_demo_is_deterministic(capsys):
    main(["demo", "--seed", "7"])
    first = capsys.readouterr().out
    main(["demo", "--seed", "7"])
    assert capsys.readouterr().out == first


def test_module_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "iae_core", "demo", "--size", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Constats" in done.stdout


def test_core_import_is_light():
    heavy = "('numpy', 'scipy', 'hypothesis', 'pandas', 'polars')"
    code = f"import sys, iae_core; print(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
