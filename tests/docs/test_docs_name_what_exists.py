"""The docs describe what exists: every HTTP route they name answers, every command of
`iae-core` they name (with its options) is there."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from iae_core.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGES = [*sorted((ROOT / "docs").glob("**/*.md")), ROOT / "README.md"]
TEXT = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in PAGES}

# `GET /rules`, `POST /check/{entity}`; and the service's URLs of the examples
ROUTE = re.compile(r"\b(GET|POST) (/[A-Za-z0-9_{}./-]*)")
URL = re.compile(r"http://127\.0\.0\.1:8000(/[A-Za-z0-9_{}./-]*)")
COMMAND = re.compile(r"(?:iae-core|python -m iae_core) ([a-z][a-z-]*)((?: [^\n`|#]*)?)")
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]+)")
EXAMPLE_ENTITY = "Contract"


def _named_routes() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for text in TEXT.values():
        found.update((m[1], m[2].rstrip(".,")) for m in ROUTE.finditer(text))
        for m in URL.finditer(text):
            path = m[1].rstrip(".,")
            if path not in ("", "/"):
                method = (
                    "GET" if path in ("/docs", "/redoc", "/openapi.json", "/health") else "POST"
                )
                found.add((method, path))
    return found


NAMED_ROUTES = sorted(_named_routes())


def test_the_pages_name_the_routes():
    paths = {p for _, p in NAMED_ROUTES}
    for expected in ("/plan/Contract", "/plan/Approval", "/plan/Immersion", "/deadlines"):
        assert expected in paths
    assert ("GET", "/redoc") in NAMED_ROUTES


def _answers(method: str, path: str) -> int:
    pytest.importorskip("fastapi")
    httpx = pytest.importorskip("httpx")
    from iae_core.api import create_app

    app = create_app()
    concrete = path.replace("{entity}", EXAMPLE_ENTITY)

    async def ask() -> int:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            if method == "GET":
                response = await client.get(concrete)
            else:
                response = await client.post(concrete, json={})
        return response.status_code

    return asyncio.run(ask())


@pytest.mark.parametrize(("method", "path"), NAMED_ROUTES, ids=[" ".join(r) for r in NAMED_ROUTES])
def test_every_route_the_docs_name_answers(method: str, path: str):
    status = _answers(method, path)
    # a POST with an empty body may be bad input (422); never an unknown route
    assert status in ((200,) if method == "GET" else (200, 422)), status


def _named_commands() -> dict[str, set[str]]:
    """Command -> the options shown with it."""
    found: dict[str, set[str]] = {}
    for name, text in TEXT.items():
        for m in COMMAND.finditer(text):
            command, rest = m[1], m[2]
            if command.startswith("-"):
                continue
            options = found.setdefault(command, set())
            if name == "docs/cli.md":
                options.update(OPTION.findall(rest))
    return found


NAMED_COMMANDS = _named_commands()


def test_the_pages_name_every_command():
    assert set(NAMED_COMMANDS) >= {"check", "plan", "schema", "rules", "demo", "serve"}


@pytest.mark.parametrize("command", sorted(NAMED_COMMANDS))
def test_every_command_the_docs_name_exists_with_its_options(
    command: str, capsys: pytest.CaptureFixture[str]
):
    assert _status([command, "--help"]) == 0
    shown = capsys.readouterr().out
    for option in sorted(NAMED_COMMANDS[command]):
        assert option in shown, f"iae-core {command} has no {option}"


def test_an_unknown_command_is_refused(capsys: pytest.CaptureFixture[str]):
    assert _status(["planify", "--help"]) == 2


def _status(argv: list[str]) -> object:
    """The exit status of `iae-core ARGV` (returned, or raised by argparse)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code
