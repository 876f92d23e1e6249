"""Convert reST roles and `::` literal blocks to Markdown, inside docstrings only (one-off).

Usage: `python tools/rst_docstrings_to_markdown.py src/iae_core`. Only string statements
(module, class, function and attribute docstrings) are edited, line by line: `:class:`X``
and the other roles become `` `X` ``; a paragraph ending in `::` gets a fenced block
(```` ```pycon ```` for doctest examples, which keep a blank line before the fence).
"""

import ast
import re
import sys
from pathlib import Path

ROLE = re.compile(r":(?:py:)?(?:class|func|mod|data|meth|attr|exc|obj|const):`([^`]+)`")


def role_sub(m):
    """`:role:`~a.b`` -> `` `a.b` `` (a `text <target>` role keeps its text)."""
    t = m.group(1)
    lt = re.match(r"^(.*?)\s*<([^>]+)>$", t)
    if lt:
        t = lt.group(1) or lt.group(2)
    return f"`{t.lstrip('~!')}`"


def docstring_ranges(tree):
    """The (first, last) lines of every string statement of the module."""
    out = []
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for st in body:
            if (
                isinstance(st, ast.Expr)
                and isinstance(st.value, ast.Constant)
                and isinstance(st.value.value, str)
            ):
                out.append((st.lineno, st.end_lineno))
    return out


def convert(path: Path) -> bool:
    """Convert the docstrings of one file in place; whether it changed."""
    src = path.read_text(encoding="utf-8")
    lines = src.splitlines(keepends=True)
    ranges = docstring_ranges(ast.parse(src))
    inside = set()
    for a, b in ranges:
        inside.update(range(a - 1, b))
    new = list(lines)
    for i in sorted(inside):
        new[i] = ROLE.sub(role_sub, new[i])
    # literal blocks
    out = []
    i = 0
    while i < len(new):
        line = new[i]
        if i in inside and re.search(r"::\s*$", line) and not line.strip().startswith("#"):
            para_indent = len(line) - len(line.lstrip())
            stripped = line.rstrip("\n").rstrip()
            head = stripped[:-1]  # 'x::' -> 'x:'
            out.append(head + "\n")
            j = i + 1
            # blank lines
            blanks = []
            while j < len(new) and not new[j].strip():
                blanks.append(new[j])
                j += 1
            block = []
            first = new[j]
            ind = len(first) - len(first.lstrip())
            assert ind > para_indent, (path, i)
            while j < len(new):
                ln = new[j]
                if (
                    ln.strip()
                    and (len(ln) - len(ln.lstrip())) < ind
                    and not (block and block[-1].rstrip("\n").endswith("\\"))
                ):
                    break
                if ln.strip().startswith('"""'):
                    break
                block.append(ln)
                j += 1
            # trailing blank lines stay after the block
            tail = []
            while block and not block[-1].strip():
                tail.insert(0, block.pop())
            doctest_block = block[0].lstrip().startswith(">>>")
            lang = "pycon" if doctest_block else "python"
            pad = " " * para_indent
            out.extend(blanks or ["\n"])
            out.append(f"{pad}```{lang}\n")
            for ln in block:
                if ln[:ind].strip() == "" and len(ln) >= ind:
                    out.append(pad + ln[ind:] if ln.strip() else "\n")
                else:
                    out.append(ln)  # a continuation line: left as it is
            if doctest_block:
                out.append("\n")  # doctest: the blank line ends the expected output
            out.append(f"{pad}```\n")
            out.extend(tail)
            i = j
            continue
        out.append(line)
        i += 1
    text = "".join(out)
    if text != src:
        path.write_text(text, encoding="utf-8")
        return True
    return False


changed = [p for p in sorted(Path(sys.argv[1]).rglob("*.py")) if convert(p)]
print(len(changed), "files changed")
