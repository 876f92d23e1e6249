"""`/docs` (Swagger UI) and `/redoc` (ReDoc) served from files installed with the `api` extra.

FastAPI's own pages load Swagger UI and ReDoc from a CDN, which leaves them blank in a
network with no way out (where an administration's services run). The files come instead
from the package `fastapi-offline` (MIT; it ships Swagger UI, Apache-2.0, and ReDoc, MIT)
and are served by the app under `/docs/static/`: the pages name no other host.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["DOCS_URL", "REDOC_URL", "STATIC_URL", "add_docs"]

DOCS_URL = "/docs"
"""Swagger UI."""
REDOC_URL = "/redoc"
"""ReDoc."""
STATIC_URL = "/docs/static"
"""Where the files of both are served."""

_OAUTH2_REDIRECT = "/docs/oauth2-redirect"

# No validator badge: Swagger UI would otherwise send the document to validator.swagger.io.
_SWAGGER_PARAMETERS = {"validatorUrl": None}


def _static_dir() -> str:
    return str(files("fastapi_offline") / "static")


def add_docs(app: FastAPI) -> None:
    """Add `/docs`, `/redoc` and their files to `app` (made with `docs_url=None`)."""
    app.mount(STATIC_URL, StaticFiles(directory=_static_dir()), name="docs-static")
    openapi_url = app.openapi_url or "/openapi.json"

    async def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=root + openapi_url,
            title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=root + _OAUTH2_REDIRECT,
            swagger_js_url=f"{root}{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{STATIC_URL}/favicon.png",
            swagger_ui_parameters=_SWAGGER_PARAMETERS,
        )

    async def oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    async def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=root + openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{STATIC_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{STATIC_URL}/favicon.png",
            with_google_fonts=False,
        )

    app.add_api_route(DOCS_URL, swagger_ui, methods=["GET"], include_in_schema=False)
    app.add_api_route(_OAUTH2_REDIRECT, oauth2_redirect, methods=["GET"], include_in_schema=False)
    app.add_api_route(REDOC_URL, redoc, methods=["GET"], include_in_schema=False)
