"""Check that a built wheel holds every file of the package, data files included.

Usage: ``python tools/check_wheel.py WHEEL [SRC_PACKAGE_DIR]`` (default ``src/iae_core``).
Every file under the package directory (Python modules, ``py.typed``, the legal parameters
``params/data/*.toml``…; caches left out) must be in the wheel, and the wheel must declare
the ``iae-core`` command. Exit 1 and one line per missing file otherwise.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path


def missing(wheel: Path, package: Path) -> list[str]:
    """The files of ``package`` that the wheel lacks (paths as in the wheel)."""
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = "".join(
            zf.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")
        )
    expected = {
        f"{package.name}/{p.relative_to(package).as_posix()}"
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    }
    problems = sorted(expected - names)
    if "iae-core = iae_core.__main__:main" not in entry_points:
        problems.append("entry point: iae-core = iae_core.__main__:main")
    return problems


def main(argv: list[str]) -> int:
    """Check the wheel given on the command line."""
    if len(argv) not in (2, 3):
        print("usage: check_wheel.py WHEEL [SRC_PACKAGE_DIR]", file=sys.stderr)
        return 2
    wheel = Path(argv[1])
    package = Path(argv[2] if len(argv) == 3 else "src/iae_core")
    problems = missing(wheel, package)
    for p in problems:
        print(f"{wheel.name}: missing {p}")
    data = sorted(p.name for p in (package / "params" / "data").glob("*.toml"))
    print(f"{wheel.name}: {len(problems)} missing; data files {', '.join(data) or 'none'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
