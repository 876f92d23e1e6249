"""The layers of docs/architecture.md, read from the sources: no import goes up a layer,
no import cycle (counting imports under `TYPE_CHECKING` and inside functions), and no
legal number typed in a rule module (they are parameters, `iae_core.params`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PKG = "iae_core"

# (layer, pattern) — the first pattern that matches a module's name gives its layer.
# Names are matched against the dotted module name; faces (an area package's __init__)
# sit with the rules they re-export.
LAYERS: tuple[tuple[int, str], ...] = (
    (0, r"iae_core\._kernel(\..*)?"),
    (0, r"iae_core\.(errors|dates|enums|versions)"),
    (0, r"iae_core\.identifiers(\..*)?"),
    (1, r"iae_core\.params(\..*)?"),
    (2, r"iae_core\.people"),
    (2, r"iae_core\.[a-z_]+\._entities"),
    (2, r"iae_core\.matching\._model"),
    (3, r"iae_core\.[a-z_]+\._rules"),
    (3, r"iae_core\.(eligibility|approvals|contracts|parcours|partnerships|funding|pmsmp)"),
    (3, r"iae_core\.(economy|orientation|followup|skills|exits)"),
    (4, r"iae_core\._services(\..*)?"),
    (4, r"iae_core\.(checks|serialization|schema|frames|stats)"),
    (4, r"iae_core\.(tables|survival|plots|partitions)"),
    (4, r"iae_core\.(planning|opendata)(\..*)?"),
    (4, r"iae_core\.matching(\..*)?"),
    (5, r"iae_core"),
    (5, r"iae_core\.(cli|__main__|demo|api)(\..*)?"),
    (5, r"iae_core\.testing(\..*)?"),
)
NAMES = {0: "kernel", 1: "parameters", 2: "entities", 3: "rules", 4: "services", 5: "top"}


def _modules() -> dict[str, Path]:
    out = {}
    for f in (SRC / PKG).rglob("*.py"):
        parts = list(f.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


MODULES = _modules()


def layer_of(name: str) -> int:
    for layer, pattern in LAYERS:
        if re.fullmatch(pattern, name):
            return layer
    msg = f"{name} is in no layer: add it to LAYERS and docs/architecture.md"
    raise AssertionError(msg)


def imports_of(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                root = base[: len(base) - node.level + 1]
                mod = ".".join(root + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Call) and node.args:
            # a reference by name is an import too: import_module("iae_core.x"), __import__
            f = node.func
            fname = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            arg = node.args[0]
            if fname in ("import_module", "__import__") and isinstance(arg, ast.Constant):
                targets = [str(arg.value)]
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.fullmatch(r"iae_core(\.\w+)+", node.value)
        ):
            targets = [node.value]  # a string naming a module ("iae_core.stats")
        for t in targets:
            while t and t not in MODULES:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


GRAPH = {n: imports_of(n, p) for n, p in MODULES.items()}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_has_a_layer(name: str) -> None:
    layer_of(name)


def test_no_import_goes_up_a_layer() -> None:
    bad = []
    for name, deps in sorted(GRAPH.items()):
        for dep in sorted(deps):
            if name.startswith(dep + "."):  # a module importing its own package's face
                continue
            if layer_of(dep) > layer_of(name):
                bad.append(
                    f"{name} ({NAMES[layer_of(name)]}) imports {dep} ({NAMES[layer_of(dep)]})"
                )
    assert not bad, "\n".join(bad)


def test_no_private_name_is_imported_across_modules() -> None:
    bad = []
    for name, path in sorted(MODULES.items()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PKG):
                for alias in node.names:
                    if f"{node.module}.{alias.name}" in MODULES:  # a (private) module
                        continue
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        bad.append(f"{name}: from {node.module} import {alias.name}")
    assert not bad, "\n".join(bad)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    # a package's face importing its own children (or a child its package) is not a cycle
    g = {
        n: {d for d in ds if not d.startswith(n + ".") and not n.startswith(d + ".")}
        for n, ds in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in g:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle() -> None:
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


# --- no bare legal number in the rules layer -------------------------------------------

ALLOWED = frozenset({0, 1, 2, -1, 100, 0.5})
"""Neutral numbers: counting, halves, percentages' 100."""

RULES_LAYER = 3


def _layer_or_none(name: str) -> int | None:
    try:
        return layer_of(name)
    except AssertionError:
        return None  # reported by test_every_module_has_a_layer


RULE_MODULES = sorted(n for n in MODULES if _layer_or_none(n) == RULES_LAYER)


def bare_numbers(source: str) -> list[tuple[int, object]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        is_number = isinstance(node, ast.Constant) and type(node.value) in (int, float)
        if is_number and node.value not in ALLOWED:
            found.append((node.lineno, node.value))
    return sorted(found, key=lambda t: t[0])


@pytest.mark.parametrize("name", RULE_MODULES)
def test_no_bare_legal_number(name: str) -> None:
    found = bare_numbers(MODULES[name].read_text(encoding="utf-8"))
    assert not found, f"{name}: numbers {found} belong in iae_core/params/data/*.toml"


def test_the_scan_sees_a_number() -> None:
    assert bare_numbers("LIMIT = 24\nx = 1\n") == [(1, 24)]
    assert bare_numbers('"""24 months"""\n') == []


def test_a_reference_by_name_counts_as_an_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import importlib\n"
        "def f():\n"
        "    return importlib.import_module('iae_core.schema'), __import__('iae_core.stats')\n"
        "LAZY = {'x': 'iae_core.tables'}\n",
        encoding="utf-8",
    )
    assert {"iae_core.schema", "iae_core.stats", "iae_core.tables"} <= imports_of(
        "iae_core._kernel.m", module
    )


AREAS = (
    "approvals", "contracts", "economy", "eligibility", "followup", "funding",
    "orientation", "parcours", "partnerships", "pmsmp", "skills",
)  # fmt: skip
AREA_PARTS = {"__init__.py", "_entities.py", "_rules.py"}


def test_the_top_folder_holds_no_private_module() -> None:
    private = sorted(
        p.name
        for p in (SRC / PKG).iterdir()
        if p.suffix == ".py"
        and p.name.startswith("_")
        and p.name not in {"__init__.py", "__main__.py"}
    )
    assert private == []


@pytest.mark.parametrize("area", AREAS)
def test_every_area_has_the_one_shape(area: str) -> None:
    folder = SRC / PKG / area
    assert folder.is_dir(), f"{area} is not a package"
    parts = {p.name for p in folder.iterdir() if p.suffix == ".py"}
    assert parts == AREA_PARTS, f"{area}: {sorted(parts)}"
    face = (folder / "__init__.py").read_text(encoding="utf-8")
    assert re.search(r"^ENTITIES\b", face, re.M), f"{area} declares no ENTITIES"
    assert re.search(r"^CHECKERS\b", face, re.M), f"{area} declares no CHECKERS"
