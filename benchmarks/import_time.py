"""Import time of ``iae_core``, measured with ``python -X importtime``.

Run ``python benchmarks/import_time.py`` (this checkout's sources), ``--against SRC`` (any
number of times) to measure other source trees in the same run (e.g. the state before a
change: ``git worktree add /tmp/before <commit>`` then ``--against /tmp/before/src``),
``--repeat N`` for the best of N fresh interpreters each (default 7), interleaved.

Two figures per tree, each in a fresh interpreter:

* ``import iae_core``: the cumulative time ``-X importtime`` reports for the package;
* ``first use``: ``import iae_core`` then ``iae_core.load`` and ``iae_core.check``, the
  wall time of both (what a script pays before its first check).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "src"
FIRST_USE = "import iae_core; iae_core.load; iae_core.check; iae_core.Parcours"


def import_ms(src: Path) -> float:
    """Cumulative µs of ``import iae_core`` (``-X importtime``), in ms."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import iae_core"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    match = re.search(r"\|\s*(\d+) \| iae_core\s*$", out, re.MULTILINE)
    assert match, out[-500:]
    return int(match.group(1)) / 1000


def first_use_ms(src: Path) -> float:
    """Wall time of importing and reaching ``load`` and ``check``, in ms (less the bare VM)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = f"import time; t = time.perf_counter(); {FIRST_USE}; print(time.perf_counter() - t)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    return float(out) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", action="append", default=[], help="other src trees")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    trees = {"this checkout": HERE, **{src: Path(src) for src in args.against}}
    best = {name: [float("inf"), float("inf")] for name in trees}
    t0 = time.perf_counter()
    for _ in range(args.repeat):  # interleaved: a busy moment hits every tree
        for name, src in trees.items():
            best[name][0] = min(best[name][0], import_ms(src))
            best[name][1] = min(best[name][1], first_use_ms(src))
    print(f"best of {args.repeat} fresh interpreters each ({time.perf_counter() - t0:.0f} s)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'tree':<40} {'import iae_core':>16} {'first use':>12}")
    for name, (imp, use) in best.items():
        print(f"{name:<40} {imp:>13.1f} ms {use:>9.1f} ms")
    ours = best["this checkout"][0]
    for name in list(trees)[1:]:
        print(f"import ratio {name} / this checkout: {best[name][0] / ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
