"""The package's import graph, read from the source with :mod:`ast` (nothing is imported): data
flows one way (sources -> catalogue -> engines -> views), so no engine imports the prose, the web
or the CLI, and no module reaches itself through its imports.

Every import counts: top-level, inside functions (lazy) and under ``TYPE_CHECKING`` alike, since
a type-only import that closes a loop is a loop in the design. A submodule's implicit import of
its parent package is not an edge (Python runs ``llmref/compare/__init__.py`` before
``llmref/compare/rows.py`` whatever either says)."""

from __future__ import annotations

import ast
from pathlib import Path

import llmref

ROOT = Path(llmref.__file__).parent

ENGINES = (
    "llmref.compare",
    "llmref.profile",
    "llmref.pricing",
    "llmref.catalog",
    "llmref.labels",
    "llmref.formatting",
    "llmref.facts",
    "llmref.schema",
    "llmref.summary",
)
"""Modules (and packages) that compute: they return data, never sentences or pages."""
VIEWS = ("llmref.prose", "llmref.web", "llmref.cli", "llmref.blocks", "llmref.export")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The llmref modules `name` imports, by any import statement anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from x import y` imports module x.y when y is a module, else a name of x.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_the_graph_is_read() -> None:
    graph = _graph()
    # A known edge, so a parser that found nothing would fail here instead of passing below.
    assert "llmref.pricing" in graph["llmref.compare.pair"]
    assert "llmref.compare" in graph["llmref.web.pages.compare"]
    assert len(graph) > 50


def test_no_engine_imports_prose_web_or_cli() -> None:
    graph = _graph()
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in graph.items()
        if _within(name, ENGINES)
        for target in targets
        if _within(target, VIEWS)
    )
    assert wrong == []


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph (depth-first search), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    assert _cycle(_graph()) is None


PAGE_DEPENDENTS = ("llmref.web.app", "llmref.web.routes", "llmref.web.render", "llmref.export")
"""What serves or renders pages: a page context module builds data for them and never reaches
back (a context importing the app or its routes would close a loop through them)."""


def test_no_page_module_imports_the_app_or_its_routes() -> None:
    graph = _graph()
    pages = [name for name in graph if _within(name, ("llmref.web.pages",))]
    assert "llmref.web.pages.compare" in pages and len(pages) > 3
    wrong = sorted(
        f"{name} imports {target}"
        for name in pages
        for target in graph[name]
        if _within(target, PAGE_DEPENDENTS)
    )
    assert wrong == []
