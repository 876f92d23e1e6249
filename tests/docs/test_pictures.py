"""The pictures of the site are drawn at build time and land in the built site.

One `mkdocs build --strict` (about twenty seconds: the notebook is executed in a Jupyter
kernel and the figures drawn from `iae_core.demo`), then: every picture a page shows is a
file of the site, a PNG, not empty, and the notebook page shows its figures.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n"
EXPECTED = {
    "matching": ["img/matching-map.png"],
    "parcours": ["img/exit-rates-by-kind.png", "img/length-by-kind.png"],
}

pytest.importorskip("mkdocs")
pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or "mkdocs"
    done = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


def _images(page: Path) -> list[Path]:
    html = page.read_text(encoding="utf-8")
    return [(page.parent / src).resolve() for src in re.findall(r'<img [^>]*src="([^"]+)"', html)]


def _is_png(path: Path) -> bool:
    data = path.read_bytes()
    return len(data) > 1000 and data.startswith(PNG)


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_the_pages_pictures_are_in_the_site(site: Path, page: str) -> None:
    for name in EXPECTED[page]:
        assert _is_png(site / name), name
    shown = _images(site / page / "index.html")
    assert {p.relative_to(site.resolve()).as_posix() for p in shown} >= set(EXPECTED[page])


def test_every_picture_a_page_shows_exists(site: Path) -> None:
    for page in site.rglob("index.html"):
        for image in _images(page):
            if image.suffix == ".png":
                assert _is_png(image), (page, image)


def test_the_notebook_is_executed_with_its_figures(site: Path) -> None:
    page = site / "notebooks" / "territory" / "index.html"
    figures = [p for p in _images(page) if p.name.startswith("territory-")]
    # exit rates (fr, en), cohorts by département, survival (fr, en), cumulative incidence,
    # parcours lengths, the assignment map
    assert len(figures) == 8
    assert all(_is_png(f) for f in figures)
    html = page.read_text(encoding="utf-8")
    assert "parcours with at least one error" in html  # an output of a code cell
    assert "log-rank: chi2 =" in html  # the research walk-through ran
    assert "Traceback" not in html
    executed = (site / "notebooks" / "territory.ipynb").read_text(encoding="utf-8")
    assert '"image/png"' in executed  # the download is the executed notebook
    assert 'lang=\\"fr\\"' in executed
    assert 'lang=\\"en\\"' in executed  # figures drawn in both languages
