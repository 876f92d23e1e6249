"""Every Python code block of the documentation runs, and shows what it really prints.

The pages are found at collection time (every ``docs/**/*.md`` and ``README.md``), so a page
added later is tested without touching this file. The rules (also in ``docs/index.md``,
"Code blocks in these pages"):

* the ```` ```python ```` blocks of one page run in order, in one namespace, in a temporary
  working directory;
* a block in doctest style (its first line starts with ``>>>``) is run by :mod:`doctest`, so
  each shown output must match (``...`` stands for any text: ``ELLIPSIS``);
* a plain block directly followed by a ```` ```text ```` (or ```` ```output ````) block must
  print exactly that text (trailing spaces ignored);
* a block preceded by the line ``<!-- no-run -->`` is not run (use sparingly: for code that
  needs a network, a database or a file the reader has and the docs don't);
* blocks in any other language (``bash``, ``sh``, ``json``, ``toml``, ``text``…) never run.
"""

from __future__ import annotations

import contextlib
import difflib
import doctest
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PYTHON = {"python", "py", "python3", "pycon"}
OUTPUT = {"text", "output"}
NO_RUN = "<!-- no-run -->"
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a Markdown page."""

    lang: str
    code: str
    line: int  # 1-based line of the opening fence
    end: int  # 1-based line of the closing fence
    no_run: bool


def blocks(text: str) -> list[Block]:
    """The fenced code blocks of a Markdown text, in order (indented fences included)."""
    lines = text.splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m["indent"], m["fence"], m["info"]
        lang = info.strip("{} .").split()[0].lower() if info.strip("{} .") else ""
        prev = next((lines[k].strip() for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            close = FENCE.match(lines[j])
            if (
                close
                and close["fence"][0] == fence[0]
                and len(close["fence"]) >= len(fence)
                and not close["info"]
            ):
                break
            line = lines[j]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            j += 1
        found.append(Block(lang, "\n".join(body) + "\n", i + 1, j + 1, prev == NO_RUN))
        i = j + 1
    return found


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


def run_page(text: str, name: str) -> int:
    """Run the Python blocks of a page; return how many ran. Raise AssertionError on a failure."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    found = blocks(text)
    ran = 0
    for k, block in enumerate(found):
        if block.lang not in PYTHON or block.no_run:
            continue
        where = f"{name}:{block.line}"
        ran += 1
        if block.code.lstrip().startswith(">>>"):
            _run_doctest(block, namespace, name)
            continue
        following = found[k + 1] if k + 1 < len(found) else None
        expected = None
        if (
            following is not None
            and following.lang in OUTPUT
            and not "\n".join(text.splitlines()[block.end : following.line - 1]).strip()
        ):
            expected = following.code
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(block.code, where, "exec", dont_inherit=True), namespace)
        except Exception as exc:
            raise AssertionError(
                f"{where}: the block raised {type(exc).__name__}: {exc}\n{block.code}"
            ) from exc
        if expected is not None and _lines(out.getvalue()) != _lines(expected):
            diff = difflib.unified_diff(
                _lines(expected), _lines(out.getvalue()), "shown", "printed", lineterm=""
            )
            raise AssertionError(f"{where}: the block printed other text\n" + "\n".join(diff))
    return ran


def _run_doctest(block: Block, namespace: dict[str, object], name: str) -> None:
    test = doctest.DocTestParser().get_doctest(block.code, {}, name, name, block.line)
    test.globs = namespace  # share the page's namespace (get_doctest copies it)
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS, verbose=False)
    runner.run(test, out=report.write, clear_globs=False)
    if runner.failures:
        raise AssertionError(f"{name}:{block.line}: doctest failed\n{report.getvalue()}")


def pages() -> list[Path]:
    """Every Markdown page of the docs, and the README."""
    return [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_code_blocks_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run_page(page.read_text(encoding="utf-8"), str(page.relative_to(ROOT)))


def test_pages_are_discovered() -> None:
    names = {str(p.relative_to(ROOT)) for p in pages()}
    assert {"README.md", "docs/index.md", "docs/getting-started.md"} <= names
    assert "docs/contracts/aci.md" in names  # sub-folders too


# --- the runner itself: a test that cannot fail is a defect ---------------------------------


PAGE = """\
# A page

```python
x = 40
print(x + 2)
```

```text
42
```

```python
>>> x + 1
41

```

<!-- no-run -->
```python
raise SystemExit("not run")
```

```bash
exit 1
```
"""


def test_runner_runs_blocks_in_one_namespace() -> None:
    assert run_page(PAGE, "page.md") == 2


def test_runner_fails_on_a_changed_printed_output() -> None:
    with pytest.raises(AssertionError, match=r"page\.md:3: the block printed other text"):
        run_page(PAGE.replace("42\n```", "43\n```"), "page.md")


def test_runner_fails_on_a_changed_doctest_output() -> None:
    with pytest.raises(AssertionError, match=r"page\.md:12: doctest failed"):
        run_page(PAGE.replace("41", "40"), "page.md")


def test_runner_fails_on_an_exception() -> None:
    with pytest.raises(AssertionError, match=r"page\.md:3: the block raised NameError"):
        run_page(PAGE.replace("x = 40", "y = 40"), "page.md")


def test_runner_output_block_must_follow_directly() -> None:
    page = "```python\nprint(1)\n```\n\nsome prose\n\n```text\n2\n```\n"
    assert run_page(page, "p.md") == 1


def test_runner_reads_indented_fences() -> None:
    page = "* item\n\n    ```python\n    print('a')\n    ```\n\n    ```text\n    b\n    ```\n"
    with pytest.raises(AssertionError, match="printed"):
        run_page(page, "p.md")


def test_a_rule_message_change_fails_the_docs() -> None:
    """A shown finding message is checked word for word."""
    text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    message = "sous le minimum de 20 heures"
    assert message in text
    with pytest.raises(AssertionError):
        run_page(text.replace(message, "sous le minimum de 21 heures"), "getting-started.md")
