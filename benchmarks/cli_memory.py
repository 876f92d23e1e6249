"""Peak memory of ``iae-core check`` on a large JSON Lines file and a large JSON list.

    python benchmarks/cli_memory.py --mb 200

Writes, in a temporary directory, a JSON Lines file and a JSON list (indented: one item on
several lines) of about ``--mb`` MB each, of valid ``Contract`` documents, then runs
``python -m iae_core check FILE --on 2024-06-01`` on each in a fresh process and reports
its wall time and peak resident memory (``ru_maxrss`` of the child). The check must read
both record by record: its peak memory must not grow with the file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import machine

CONTRACT = {
    "kind": "CDDI",
    "structure_kind": "ACI",
    "start": "2024-01-01",
    "end": "2024-06-30",
    "weekly_hours": 26,
}


def write(path: Path, mb: int, *, as_list: bool) -> int:
    """Write about ``mb`` MB of documents to ``path``; the number of documents."""
    target = mb * 1_000_000
    line = json.dumps(CONTRACT)
    item = json.dumps(CONTRACT, indent=2).replace("\n", "\n  ")
    count = 0
    size = 0
    with path.open("w", encoding="utf-8") as f:
        if as_list:
            f.write("[\n")
        while size < target:
            text = (",\n  " if count else "  ") + item if as_list else line + "\n"
            f.write(text)
            size += len(text)
            count += 1
        if as_list:
            f.write("\n]\n")
    return count


def run(path: Path) -> tuple[float, int, int, str]:
    """Seconds, peak RSS (bytes), exit status and last line of output of one check."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "iae_core", "check", str(path), "--on", "2024-06-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)  # the rusage of this child alone
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    peak = usage.ru_maxrss
    tail = (out.strip().splitlines() or [""])[-1]
    return seconds, peak * 1024, child.returncode, tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="size of each file (default 200)")
    parser.add_argument("--only", choices=["jsonl", "list"], help="one file only")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("jsonl", "list"):
            if args.only and kind != args.only:
                continue
            path = Path(tmp) / f"contracts.{'jsonl' if kind == 'jsonl' else 'json'}"
            count = write(path, args.mb, as_list=kind == "list")
            size = path.stat().st_size
            seconds, peak, status, tail = run(path)
            print(
                f"{kind:5}: {size / 1e6:.0f} MB, {count:,} documents, exit {status}, "
                f"{seconds:.1f} s, peak RSS {peak / 2**20:.0f} MiB ({tail})"
            )
            path.unlink()


if __name__ == "__main__":
    main()
