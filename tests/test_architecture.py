"""The layout is the architecture: no upward import between layers, no import circle between modules.

:data:`LAYERS` is the one place the layer order is written (docs/architecture.md
explains it). Every ``import`` and ``from … import`` of every module under
``graph/`` is read from its syntax tree — those inside functions and
``if TYPE_CHECKING:`` blocks included — and resolved to the module it names.
A module may import its own layer and the layers listed before it, never one
after it; and the graph of module imports has no cycle (a lazy import inside a
function closes a circle as surely as one at the top).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graph"

#: The layers, lowest first: (layer, the modules or subpackages of ``actorgraph`` that form it).
#: A module may import from its own layer and from the layers above it in this list.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundations", ("core",)),
    ("store", ("store",)),
    ("model", ("model",)),
    ("write", ("write",)),
    ("ingest", ("ingest",)),
    ("analysis", ("analysis",)),
    ("outputs", ("exports", "serve")),
    ("api", ("",)),  # actorgraph/__init__.py: the public names, re-exported from core, store and model
    ("cli", ("commands", "cli")),
]


def layer_of(module: str) -> int:
    """Index in :data:`LAYERS` of a module given relative to the package (``model.names``; ``""`` the root)."""
    head = module.split(".")[0]
    for rank, (_, members) in enumerate(LAYERS):
        if head in members:
            return rank
    raise AssertionError(f"actorgraph.{module} is in no layer: add its subpackage to LAYERS")


def modules() -> dict[str, Path]:
    """``{module name relative to the package: path}`` for every module under graph/ (cli.py through its link)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """``(imported module, line)`` for every import of a package module in the file, at any depth."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if name else []
    package = here if is_package else here[:-1]
    out = []

    def add(target: str, line: int) -> None:
        # ``from .pkg import mod`` imports the module ``pkg.mod``; ``from .mod import name`` imports ``mod``
        out.append((target, line))

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top, _, rest = alias.name.partition(".")
                if top in ("actorgraph", "graph"):
                    add(rest, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                if node.level - 1 > len(package):
                    raise AssertionError(f"{path}:{node.lineno}: relative import beyond the package")
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif node.module and node.module.split(".")[0] in ("actorgraph", "graph"):
                target = node.module.partition(".")[2]
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                add(sub if sub in known else target, node.lineno)
    return out


def import_graph() -> tuple[dict[str, list[tuple[str, int]]], dict[str, Path]]:
    mods = modules()
    known = set(mods)
    graph = {}
    for name, path in mods.items():
        edges = []
        for target, line in imports_of(name, path, known):
            if target not in known:
                raise AssertionError(f"{path.relative_to(ROOT)}:{line}: imports actorgraph.{target}, which does not exist")
            if target != name:
                edges.append((target, line))
        graph[name] = edges
    return graph, mods


def upward_imports(graph, mods) -> list[str]:
    bad = []
    for name, edges in graph.items():
        for target, line in edges:
            if layer_of(target) > layer_of(name):
                bad.append(f"{mods[name].relative_to(ROOT)}:{line}: actorgraph.{name or '__init__'} "
                           f"({LAYERS[layer_of(name)][0]}) imports actorgraph.{target or '__init__'} "
                           f"({LAYERS[layer_of(target)][0]}), a layer above it")
    return bad


def circles(graph) -> list[list[str]]:
    """Every strongly connected set of modules with more than one member (Tarjan), each as a sorted list."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w, _ in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_layer():
    for name in modules():
        layer_of(name)


def test_no_module_imports_a_layer_above_it():
    graph, mods = import_graph()
    bad = upward_imports(graph, mods)
    assert not bad, "upward imports:\n" + "\n".join(bad)


def test_no_import_circles():
    graph, _ = import_graph()
    found = circles(graph)
    assert not found, "import circles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_the_checks_catch_an_upward_import_and_a_circle(tmp_path, monkeypatch):
    """The walk sees a lazy upward import and the circle it closes (a planted package, not graph/)."""
    pkg = tmp_path / "graph"
    for rel, text in {
        "__init__.py": "",
        "core/__init__.py": "",
        "core/errors.py": "def f():\n    from ..analysis.signed import g  # lazy, and upward\n",
        "analysis/__init__.py": "",
        "analysis/signed.py": "from ..core import errors\n",
    }.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", pkg)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    graph, mods = import_graph()
    assert upward_imports(graph, mods) == [
        "graph/core/errors.py:2: actorgraph.core.errors (foundations) imports actorgraph.analysis.signed "
        "(analysis), a layer above it"
    ]
    assert circles(graph) == [["analysis.signed", "core.errors"]]


#: "When a module passes ~600 lines, it is two concerns" (the guide): Python modules, templates and cli.py.
MAX_LINES = 600


def test_no_python_module_or_template_is_two_concerns():
    files = [p for p in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("templates/*"), ROOT / "cli.py"] if not p.is_symlink()]
    long = [f"{p.relative_to(ROOT)}: {n} lines" for p in files
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, "\n".join(long)


def test_the_public_api_keeps_its_names_and_imports_lazily():
    """``import actorgraph`` exposes every public name, each defined in its layer, and loads no layer until asked."""
    code = ("import sys, actorgraph\n"
            "print(sorted(m for m in sys.modules if m.startswith('actorgraph.') or m in ('rdflib', 'networkx')))\n"
            "missing = [n for n in actorgraph.__all__ if getattr(actorgraph, n, None) is None]\n"
            "print(missing, actorgraph.load.__module__, actorgraph.blocs if hasattr(actorgraph, 'blocs') else None)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "[] actorgraph.store.graph None"]
