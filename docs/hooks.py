"""mkdocs hooks: generated pages and a nav that tolerates pages not written yet.

* ``params.md``: every legal parameter with its rows and sources, from
  `iae_core.params.iter_params()`, linked both ways with the rules that read them;
* ``rules.md``: the rules catalogue, generated from `iae_core.rules()` (never edited
  by hand, so it cannot drift from the code);
* ``schemas/<Entity>.schema.json``: the JSON Schemas, from `iae_core.schema.json_schema`,
  and the list of them in ``schema.md`` (at the ``<!-- schema-list -->`` marker);
* ``img/*.png``: the pages' figures (the matching map, exit rates and parcours lengths by
  kind), drawn with `iae_core.plots` from `iae_core.demo`'s territory at each build;
* ``notebooks/<name>.md``: each ``docs/notebooks/<name>.ipynb`` executed with nbclient (a
  Jupyter kernel) and rendered as a page with its outputs and figures; the download is the
  executed notebook;
* the nav drops entries whose page does not exist (yet), and links to such pages become
  plain text, so that ``mkdocs build --strict`` passes while domain pages are being
  written (everything else stays strict: a broken link to an existing page, a bad anchor).
"""

from __future__ import annotations

import importlib
import json
import logging
import pkgutil
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.iae_core")

GENERATED = {"rules.md", "params.md"}
SCHEMA_MARKER = "<!-- schema-list -->"


# --- nav ------------------------------------------------------------------------------------


def _exists(docs_dir: Path, entry: str) -> bool:
    if entry.startswith(("http://", "https://")) or entry in GENERATED:
        return True
    notebook = (docs_dir / entry).with_suffix(".ipynb")
    return (docs_dir / entry).exists() or (entry.startswith("notebooks/") and notebook.exists())


def _prune(items: list[Any], docs_dir: Path) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            if _exists(docs_dir, item):
                out.append(item)
            continue
        if isinstance(item, dict):
            kept: dict[str, Any] = {}
            for title, value in item.items():
                if isinstance(value, list):
                    sub = _prune(value, docs_dir)
                    if sub:
                        kept[title] = sub
                elif isinstance(value, str) and _exists(docs_dir, value):
                    kept[title] = value
                else:
                    log.info("nav: %s (%s) is not written yet; left out", title, value)
            if kept:
                out.append(kept)
    return out


def on_config(config: Any) -> Any:
    """Drop the nav entries whose page does not exist yet."""
    if config.nav:
        config.nav = _prune(config.nav, Path(config.docs_dir))
    return config


# --- generated files --------------------------------------------------------------------------


def _import_everything() -> None:
    """Import every module of iae_core, so that every rule is registered."""
    import iae_core

    for info in pkgutil.walk_packages(iae_core.__path__, "iae_core."):
        if info.name.startswith(("iae_core.testing", "iae_core.__main__")):
            continue
        try:
            importlib.import_module(info.name)
        except ImportError as exc:  # an optional dependency missing: its rules are left out
            log.info("rules: %s not imported (%s)", info.name, exc)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def rules_page() -> str:
    """The Markdown of the rules catalogue."""
    _import_everything()
    from iae_core import rules

    catalogue = rules()
    by_area: dict[str, list[Any]] = {}
    for r in catalogue:
        by_area.setdefault(r.code.split(".")[0], []).append(r)
    lines = [
        "# Rules catalogue",
        "",
        "Generated from `iae_core.rules()` when the documentation is built: every rule the",
        "library checks, with its stable code (the `code` of a `Finding`), its default",
        "severity, its legal reference and the dates it applies between. "
        f"{len(catalogue)} rules in {len(by_area)} areas.",
        "",
    ]
    for area, items in sorted(by_area.items()):
        lines += [f"## {area}", "", "| code | title | severity | reference | applies |"]
        lines.append("|---|---|---|---|---|")
        for r in items:
            applies = _applies(r)
            lines.append(
                f"| [`{r.code}`](#{_anchor(r.code)}) | {_cell(r.title)} | {r.severity.value} "
                f"| {_cell(r.reference)} | {applies} |"
            )
        lines.append("")
        for r in items:
            lines.append(f"### `{r.code}` {{ #{_anchor(r.code)} }}")
            lines.append("")
            lines.append(f"**{r.title}**")
            lines.append("")
            facts = [
                f"severity: `{r.severity.value}`",
                f"reference: {r.reference}",
                f"subject: `{r.subject}`" if r.subject else "",
                f"applies: {_applies(r)}",
            ]
            lines.append(" · ".join(f for f in facts if f))
            lines.append("")
            if r.title_en:
                lines += [f"*{r.title_en}*", ""]
            if r.description:
                lines += [r.description.strip(), ""]
            if r.params:
                links = ", ".join(f"[`{n}`](params.md#{_param_anchor(n)})" for n in r.params)
                lines += [f"Parameters read: {links}.", ""]
            if r.reading:
                lines += [
                    '!!! note "Reading of the texts not verified"',
                    "",
                    f"    {_cell(r.reading)}",
                    "",
                ]
    return "\n".join(lines) + "\n"


def _param_anchor(name: str) -> str:
    return "param-" + name.replace(".", "-").replace("_", "-").lower()


def _value(value: Any) -> str:
    if isinstance(value, frozenset):
        return ", ".join(f"`{v}`" for v in sorted(value))
    if hasattr(value, "items"):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def params_page() -> str:
    """The Markdown of the parameters page: every legal number, its rows and sources."""
    _import_everything()
    from iae_core import params, rules

    readers: dict[str, list[str]] = {}
    for r in rules():
        for name in r.params:
            readers.setdefault(name, []).append(r.code)
    every = list(params.iter_params())
    by_area: dict[str, list[Any]] = {}
    for p in every:
        by_area.setdefault(p.area, []).append(p)
    lines = [
        "# Legal parameters",
        "",
        "Generated from `iae_core.params.iter_params()` when the documentation is built: every",
        "legal number and date the rules use, with its unit, its dated values and the texts",
        "that set them. The values live in `src/iae_core/params/data/<area>.toml`;",
        "*verified until* is the last day someone checked the series against its texts (after",
        "it, `lookup(day).verified` is false and money amounts are refused unless",
        f"`allow_unverified=True`). {len(every)} parameters in {len(by_area)} files.",
        "",
    ]
    for area, items in sorted(by_area.items()):
        lines += [f"## {area}", ""]
        for p in items:
            verified = p.verified_until.isoformat() if p.verified_until else "never"
            lines += [
                f"### `{p.name}` {{ #{_param_anchor(p.name)} }}",
                "",
                f"**{_cell(p.description)}** — *{_cell(p.description_en)}* · unit: "
                f"`{p.unit.value}` · verified until: {verified}",
                "",
                "| from | value | sources | note |",
                "|---|---|---|---|",
            ]
            for row in p.rows:
                start = row.start.isoformat() if row.start else "always"
                sources = "; ".join(
                    f"[{_cell(src.title)}]({src.url})" if src.url else _cell(src.title)
                    for src in row.sources
                )
                note = _cell(row.note or "")
                lines.append(f"| {start} | {_cell(_value(row.value))} | {sources} | {note} |")
            lines.append("")
            if p.name in readers:
                links = ", ".join(
                    f"[`{c}`](rules.md#{_anchor(c)})" for c in sorted(readers[p.name])
                )
                lines += [f"Read by: {links}.", ""]
    return "\n".join(lines) + "\n"


def _anchor(code: str) -> str:
    return "rule-" + code.replace(".", "-").replace("_", "-").lower()


def _applies(rule: Any) -> str:
    start = rule.applies_from.isoformat() if rule.applies_from else None
    end = rule.applies_until.isoformat() if rule.applies_until else None
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"from {start}"
    if end:
        return f"until {end}"
    return "always"


PICTURE_PEOPLE = 600  # the demo territory the pages' figures are drawn from (seed 1)


def pictures() -> dict[str, bytes]:
    """The pages' figures, drawn from `iae_core.demo`'s territory: site path -> PNG bytes.

    `img/matching-map.png` (matching.md), `img/exit-rates-by-kind.png` and
    `img/length-by-kind.png` (parcours.md); a second or two, no files kept in the repository.
    """
    import io

    from iae_core import demo, matching, plots

    territory = demo.build_territory(seed=1, people=PICTURE_PEOPLE)
    result = matching.assign(territory.candidates, territory.positions, method="stable")
    figures = {
        "img/matching-map.png": plots.assignment_map(
            territory.candidates, territory.positions, result
        ),
        "img/exit-rates-by-kind.png": plots.exit_rates_by_kind(territory.parcours),
        "img/length-by-kind.png": plots.length_by_kind(territory.parcours),
    }
    out: dict[str, bytes] = {}
    for name, figure in figures.items():
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=96, metadata={"Software": None})
        out[name] = buffer.getvalue()
    return out


def execute_notebook(path: Path) -> Any:
    """Run a notebook in a Jupyter kernel (nbclient), in its folder; the executed notebook."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def notebook_page(path: Path, nb: Any) -> tuple[str, dict[str, bytes]]:
    """A notebook as Markdown (its Markdown cells, code cells and outputs) and its figures.

    Figures (`image/png` outputs) become files `<stem>-<n>.png` beside the page.
    """
    import base64

    parts: list[str] = []
    images: dict[str, bytes] = {}
    link = (
        f"*[Download the notebook]({path.name}); run it with Jupyter after "
        '`pip install ".[pandas,plots]" jupyter` in a clone. '
        "The outputs below come from running it when this site was built.*"
    )
    for cell in nb.get("cells", []):
        source = "".join(cell.get("source", []))
        if cell.get("cell_type") == "markdown":
            parts += [source, ""]
            if link and source.startswith("# "):
                parts += [link, ""]
                link = ""
            continue
        if cell.get("cell_type") != "code":
            continue
        shown = "\n".join(line for line in source.splitlines() if not line.startswith("%"))
        parts += ["```python", shown, "```", ""]
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                name = f"{path.stem}-{len(images) + 1}.png"
                images[name] = base64.b64decode("".join(data["image/png"]))
                parts += [f"![figure {len(images)}]({name})", ""]
                continue
            text = out.get("text")
            if text is None:
                text = data.get("text/plain")
            if out.get("output_type") == "error":
                text = f"{out.get('ename')}: {out.get('evalue')}"
            if text:
                parts += ["```text", "".join(text).rstrip("\n"), "```", ""]
    if link:
        parts = [f"# {path.stem.replace('-', ' ').capitalize()}", "", link, "", *parts]
    return "\n".join(parts), images


def on_files(files: Files, config: Any) -> Files:
    """Add the generated pages and schemas; keep this hook file out of the site."""
    from iae_core.schema import entity_classes, json_schema

    hooks = files.get_file_from_path("hooks.py")
    if hooks is not None:
        files.remove(hooks)
    files.append(File.generated(config, "rules.md", content=rules_page()))
    files.append(File.generated(config, "params.md", content=params_page()))
    for cls in entity_classes():
        text = json.dumps(json_schema(cls), indent=2, ensure_ascii=False) + "\n"
        files.append(File.generated(config, f"schemas/{cls.__name__}.schema.json", content=text))
    for name, png in pictures().items():
        files.append(File.generated(config, name, content=png))
    docs = Path(config.docs_dir)
    for path in sorted((docs / "notebooks").glob("*.ipynb")):
        uri = f"notebooks/{path.stem}.md"
        if files.get_file_from_path(uri) is not None:
            continue
        import nbformat

        executed = execute_notebook(path)
        page, images = notebook_page(path, executed)
        files.append(File.generated(config, uri, content=page))
        for name, png in images.items():
            files.append(File.generated(config, f"notebooks/{name}", content=png))
        saved = files.get_file_from_path(f"notebooks/{path.name}")
        if saved is not None:  # the download is the executed notebook, outputs included
            files.remove(saved)
        text = nbformat.writes(executed)
        files.append(File.generated(config, f"notebooks/{path.name}", content=text))
    return files


_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)#\s:]+\.md)(#[^)\s]*)?\)")


def _unlink_missing(markdown: str, page: Any, files: Files) -> str:
    """A link to a page not written yet becomes plain text (and is logged)."""
    base = posixpath.dirname(page.file.src_uri)

    def replace(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(base, match.group(2)))
        if files.get_file_from_path(target) is not None:
            return match.group(0)
        log.info("%s: link to %s left out (page not written yet)", page.file.src_uri, target)
        return match.group(1)

    return _MD_LINK.sub(replace, markdown)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Unlink pages not written yet; fill the list of schemas in ``schema.md``."""
    markdown = _unlink_missing(markdown, page, files)
    if SCHEMA_MARKER not in markdown:
        return markdown
    from iae_core.schema import entity_classes

    rows = ["| entity | schema | defined in |", "|---|---|---|"]
    for cls in entity_classes():
        module = cls.__module__.replace("._model", "")
        rows.append(
            f"| `{cls.__name__}` | [{cls.__name__}.schema.json](schemas/{cls.__name__}.schema.json)"
            f" | `{module}` |"
        )
    return markdown.replace(SCHEMA_MARKER, "\n".join(rows))
