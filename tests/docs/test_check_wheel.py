"""tools/check_wheel.py: a wheel missing a package file (a data file) fails the check."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "check_wheel.py"
_spec = importlib.util.spec_from_file_location("check_wheel", TOOL)
assert _spec is not None
assert _spec.loader is not None
tool = importlib.util.module_from_spec(_spec)
sys.modules["check_wheel"] = tool
_spec.loader.exec_module(tool)

ENTRY = "[console_scripts]\niae-core = iae_core.__main__:main\n"


def _package(tmp_path: Path) -> Path:
    pkg = tmp_path / "src" / "iae_core"
    (pkg / "params" / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "params" / "data" / "contracts.toml").write_text("")
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"")
    return pkg


def _wheel(tmp_path: Path, names: list[str], entry: str = ENTRY) -> Path:
    wheel = tmp_path / "iae_core-0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name in names:
            zf.writestr(name, "")
        zf.writestr("iae_core-0.dist-info/entry_points.txt", entry)
    return wheel


def test_a_complete_wheel_passes(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    wheel = _wheel(tmp_path, ["iae_core/__init__.py", "iae_core/params/data/contracts.toml"])
    assert tool.missing(wheel, pkg) == []
    assert tool.main(["x", str(wheel), str(pkg)]) == 0


def test_a_missing_data_file_or_command_fails(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    wheel = _wheel(tmp_path, ["iae_core/__init__.py"], entry="")
    assert tool.missing(wheel, pkg) == [
        "iae_core/params/data/contracts.toml",
        "entry point: iae-core = iae_core.__main__:main",
    ]
    assert tool.main(["x", str(wheel), str(pkg)]) == 1
