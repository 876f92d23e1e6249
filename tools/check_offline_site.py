"""Check that a built docs site loads nothing from another site.

Usage: ``python tools/check_offline_site.py SITE_DIR`` (exit 1 and one line per problem).

A reader opening the documentation must not send a request to a third party: no CDN script
or style sheet, no web font, no remote image. The check reads every file of the built site:

* HTML: the URLs a browser fetches by itself (``<script src>``, ``<link href>`` but for
  ``rel=canonical``, ``src``/``srcset``/``poster``/``data`` of images, media, frames and
  objects, ``url()`` and ``@import`` in ``style`` attributes and ``<style>``). Links the
  reader follows (``<a href>``, e.g. to the legal texts) are fine;
* CSS: ``url()`` and ``@import`` outside comments;
* JavaScript: string literals that *are* a remote URL (outside ``/* */`` comments). The
  theme's bundle holds three such URLs that it fetches only in conditions this site never
  meets; they are allowed below with the condition, and the condition is checked.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
JS_STRING_URL = re.compile(r"""(["'`])((?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^"'`\s]*)\1""")
FETCHED_ATTRS = {"src", "srcset", "poster", "data", "background"}
NAMESPACES = ("http://www.w3.org/",)  # XML namespace names are identifiers, not requests

# URLs in the theme's JavaScript, each fetched only under a condition checked on the HTML.
ALLOWED_JS = {
    "https://unpkg.com/mermaid@": "only for a page with a Mermaid diagram (class 'mermaid')",
    "https://unpkg.com/resize-observer-polyfill": "only in a browser without ResizeObserver",
    "https://api.github.com/": "only when the site links a GitHub repository (repo_url)",
}


def _remote(url: str) -> bool:
    url = url.strip()
    return bool(REMOTE.match(url)) and not url.startswith(NAMESPACES)


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def css_problems(text: str) -> list[str]:
    """The remote URLs a style sheet would fetch."""
    found = []
    for m in CSS_URL.finditer(CSS_COMMENT.sub("", text)):
        url = m.group(2) or m.group(4) or ""
        if _remote(url):
            found.append(f"style sheet fetches {url}")
    return found


def js_problems(text: str) -> list[str]:
    """The remote URLs a script holds as a string literal (bar the allowed ones)."""
    found = []
    for m in JS_STRING_URL.finditer(CSS_COMMENT.sub("", text)):
        url = m.group(2)
        if not _remote(url) or any(url.startswith(a) for a in ALLOWED_JS):
            continue
        found.append(f"script may fetch {url}")
    return found


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.mermaid = False
        self.repo_link = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if "mermaid" in a.get("class", "").split():
            self.mermaid = True
        if "md-source" in a.get("class", "").split():
            self.repo_link = True
        for name, value in a.items():
            urls = _srcset_urls(value) if name.endswith("srcset") else [value]
            if name in FETCHED_ATTRS or name.endswith("srcset"):
                self.problems += [f"<{tag} {name}> fetches {u}" for u in urls if _remote(u)]
        if tag == "link" and a.get("rel", "").lower() != "canonical" and _remote(a.get("href", "")):
            self.problems.append(f"<link rel={a.get('rel')!r}> fetches {a['href']}")
        if "style" in a:
            self.problems += css_problems(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.problems += css_problems(data)
        elif self.lasttag == "script":
            self.problems += js_problems(data)


def check_site(site: Path) -> list[str]:
    """Every problem found in the site, as ``path: problem``."""
    problems: list[str] = []
    mermaid = repo_link = False
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if path.suffix == ".html":
            page = _Page()
            page.feed(path.read_text(encoding="utf-8", errors="replace"))
            problems += [f"{rel}: {p}" for p in page.problems]
            mermaid |= page.mermaid
            repo_link |= page.repo_link
        elif path.suffix == ".css":
            problems += [f"{rel}: {p}" for p in css_problems(path.read_text(errors="replace"))]
        elif path.suffix in {".js", ".mjs"}:
            problems += [f"{rel}: {p}" for p in js_problems(path.read_text(errors="replace"))]
    if mermaid:
        problems.append("a page has a Mermaid diagram: the theme would load it from unpkg.com")
    if repo_link:
        problems.append("the site links a repository: the theme would query api.github.com")
    return problems


def main(argv: list[str]) -> int:
    """Check the site given on the command line; print the problems; 1 if any."""
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        print("usage: check_offline_site.py SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[1])
    problems = check_site(site)
    for p in problems:
        print(p)
    files = sum(1 for p in site.rglob("*") if p.suffix in {".html", ".css", ".js", ".mjs"})
    print(f"{files} files checked: {len(problems)} remote request(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
