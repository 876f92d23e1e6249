"""Issue 26, case 2: `iae-core serve` logs the route, never the query (real uvicorn)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")

from iae_core import cli  # noqa: E402

SRC = str(Path(cli.__file__).resolve().parents[1])
NIR = "295109912611193"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve_and_log(tmp_path: Path, *flags: str) -> str:
    """Run `iae-core serve`, send a check whose query holds a NIR, return what it logged."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "iae_core", "serve", "--port", str(port), *flags],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start: {log.read_text()}")
                time.sleep(0.1)
        person = {"id": "p", "birth_date": "1990-01-01", "nir": NIR, "rqth": True}
        query = urllib.parse.urlencode({"structure_kind": "ACI", "person": json.dumps(person)})
        r = httpx.post(f"http://127.0.0.1:{port}/check/Approval?{query}", json={}, timeout=30)
        assert r.status_code == 422
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    return log.read_text(encoding="utf-8", errors="replace")


def test_serve_logs_the_route_template_only(tmp_path: Path) -> None:
    text = _serve_and_log(tmp_path)
    assert "POST /check/Approval 422 " in text
    assert "GET /health 200 " in text
    for secret in (NIR, "29510", "rqth", "person=", "structure_kind", "%22"):
        assert secret not in text, text


def test_serve_log_urls_writes_the_query(tmp_path: Path) -> None:
    text = _serve_and_log(tmp_path, "--log-urls")
    assert "POST /check/Approval?structure_kind=ACI&person=" in text
