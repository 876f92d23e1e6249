"""`/docs` and `/redoc` load nothing from another host: every asset they name is served."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

pytest.importorskip("fastapi")

# Every URL-looking text of a page: `src=`/`href=` values, quoted strings in its scripts.
_URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|["'](/[^"'\s]*|[a-z]+://[^"'\s]*)["']""")
_ABSOLUTE = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//[^\s\"'<>)]+", re.IGNORECASE)


def _referenced(page: str) -> set[str]:
    return {a or b for a, b in _URL.findall(page)}


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_docs_pages_name_no_other_host(service: Any, path: str):
    r = service.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    assert _ABSOLUTE.findall(page) == [], "a URL with a host of its own"
    for host in ("cdn.jsdelivr.net", "unpkg.com", "fonts.googleapis.com", "tiangolo.com"):
        assert host not in page


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_every_asset_the_docs_pages_reference_is_served(service: Any, path: str):
    page = service.get(path).text
    assets = {
        u
        for u in _referenced(page)
        if urlsplit(u).path.rsplit(".", 1)[-1] in ("js", "css", "png", "json")
    }
    # the script, its style sheet (Swagger UI), the favicon and the OpenAPI document
    assert any(a.endswith(".js") for a in assets), assets
    assert "/openapi.json" in assets
    if path == "/docs":
        assert any(a.endswith(".css") for a in assets), assets
    for asset in sorted(assets):
        url = urljoin(str(service.base_url) + path, asset)
        assert urlsplit(url).netloc == urlsplit(str(service.base_url)).netloc
        got = service.get(url)
        assert got.status_code == 200, asset
        assert got.content


def test_the_oauth2_redirect_page_is_served(service: Any):
    r = service.get("/docs/oauth2-redirect")
    assert r.status_code == 200
    assert _ABSOLUTE.findall(r.text) == []


def test_the_swagger_ui_sends_nothing_to_a_validator(service: Any):
    assert '"validatorUrl": null' in service.get("/docs").text
