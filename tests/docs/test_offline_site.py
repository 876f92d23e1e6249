"""tools/check_offline_site.py finds every kind of remote request a built page could make."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "check_offline_site.py"
_spec = importlib.util.spec_from_file_location("check_offline_site", TOOL)
assert _spec is not None
assert _spec.loader is not None
scan = importlib.util.module_from_spec(_spec)
sys.modules["check_offline_site"] = scan
_spec.loader.exec_module(scan)

CLEAN = """<!doctype html><html><head>
<link rel="stylesheet" href="assets/main.css"><link rel="icon" href="assets/favicon.png">
<link rel="canonical" href="https://example.org/page/">
<script src="assets/bundle.js"></script><style>body { background: url(img/bg.png) }</style>
</head><body>
<a href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037386146">L5132-15-1</a>
<img src="img/a.png" srcset="img/a.png 1x, img/a2.png 2x">
<svg xmlns="http://www.w3.org/2000/svg"></svg>
</body></html>
"""


def _site(tmp_path: Path, html: str = CLEAN, css: str = "", js: str = "") -> Path:
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "main.css").write_text(css, encoding="utf-8")
    (tmp_path / "bundle.js").write_text(js, encoding="utf-8")
    return tmp_path


def test_a_clean_site_passes(tmp_path: Path) -> None:
    css = "/* https://fontawesome.com/license */ a { mask: url('data:image/svg+xml;x') }"
    js = '/*! see https://github.com/x/y */ let ns="http://www.w3.org/2000/svg"; f("./a.js")'
    assert scan.check_site(_site(tmp_path, css=css, js=js)) == []
    assert scan.main(["x", str(tmp_path)]) == 0


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.jsdelivr.net/npm/x.js"></script>',
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        '<link rel="preconnect" href="//fonts.gstatic.com">',
        '<img src="https://example.org/logo.png">',
        '<img srcset="a.png 1x, https://example.org/b.png 2x">',
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        '<div style="background: url(https://example.org/bg.png)"></div>',
        "<style>@import 'https://example.org/x.css';</style>",
        '<script>fetch("https://example.org/track")</script>',
        '<pre class="mermaid">graph LR; a-->b</pre>',
    ],
)
def test_each_remote_request_in_html_is_found(tmp_path: Path, html: str) -> None:
    problems = scan.check_site(_site(tmp_path, html=CLEAN.replace("</body>", html + "</body>")))
    assert len(problems) == 1, problems
    assert scan.main(["x", str(tmp_path)]) == 1


def test_remote_requests_in_css_and_js_are_found(tmp_path: Path) -> None:
    css = "@font-face { src: url(https://fonts.gstatic.com/s/roboto.woff2) }"
    js = 'load(`https://unpkg.com/lib@1/lib.min.js`); allowed("https://unpkg.com/mermaid@11/x.js")'
    problems = scan.check_site(_site(tmp_path, css=css, js=js))
    assert problems == [
        "bundle.js: script may fetch https://unpkg.com/lib@1/lib.min.js",
        "main.css: style sheet fetches https://fonts.gstatic.com/s/roboto.woff2",
    ]
