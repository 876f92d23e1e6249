"""A real uvicorn server on the loopback, in a thread, for the API tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

STARTUP_SECONDS = 30
SHUTDOWN_SECONDS = 15


@contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            pytest.fail("the server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(SHUTDOWN_SECONDS)
        sock.close()
        assert not thread.is_alive(), "the server did not stop"


@pytest.fixture(scope="session")
def service() -> Iterator[httpx.Client]:
    """A client of `create_app()` served on a real socket."""
    from iae_core.api import create_app

    with running(create_app()) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


@pytest.fixture
def serve() -> Callable[[Any], Any]:
    """`serve(app)`: a context manager giving an httpx client of `app` on a real socket."""

    @contextmanager
    def serve_app(app: Any) -> Iterator[httpx.Client]:
        with running(app) as url, httpx.Client(base_url=url, timeout=30) as client:
            yield client

    return serve_app
