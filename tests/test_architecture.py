"""The layers stay layered: the import graph of the project's packages, read with `ast`.

Every import counts, at module level, inside functions and under `TYPE_CHECKING` alike.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("scoring", "briefing", "components", "store", "app_pages")
Graph = dict[str, set[str]]  # module -> every module it imports, the project's own or not


def _module(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST, module: str, package: bool, modules: set[str]) -> Iterator[str]:
    """The modules each import in `tree` loads; `from p import m` loads the module p.m if
    there is one, else p."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: `.` is the module's own package (itself, for one)
                parts = module.split(".")
                anchor = parts[: len(parts) - node.level + package]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base


def import_graph(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> Graph:
    """Every module of `packages` under `root`, with the modules it imports."""
    paths = {_module(p, root): p for package in packages for p in (root / package).rglob("*.py")}
    graph: Graph = {}
    for module, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = set(_imports(tree, module, path.name == "__init__.py", set(paths)))
    return graph


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def cycles(graph: Graph, package: str) -> list[list[str]]:
    """Every import cycle among the modules of `package` (Tarjan's strongly connected
    components of more than one module, or a module importing itself)."""
    nodes = sorted(m for m in graph if _inside(m, package))
    edges = {m: sorted(t for t in graph[m] if t in graph and _inside(t, package)) for m in nodes}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while not component or component[-1] != node:
                component.append(stack.pop())
            if len(component) > 1 or node in edges[node]:
                found.append(sorted(component))

    for node in nodes:
        if node not in index:
            visit(node)
    return found


def forbidden(graph: Graph, package: str, banned: tuple[str, ...]) -> list[str]:
    """'module -> import' for every import of a `banned` package by a module of `package`."""
    return sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if _inside(module, package)
        for target in targets
        if any(_inside(target, ban) for ban in banned)
    )


GRAPH = import_graph()


def test_the_graph_sees_every_package() -> None:
    for package in PACKAGES:
        assert any(_inside(module, package) for module in GRAPH), package
    assert {"scoring.engine", "scoring.result"} <= GRAPH["scoring"]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycle(package: str) -> None:
    assert cycles(GRAPH, package) == []


@pytest.mark.parametrize(
    ("package", "banned"),
    [
        ("scoring", ("streamlit", "briefing", "components", "app_pages", "store")),
        ("store", ("streamlit", "briefing", "components", "app_pages")),
        ("briefing", ("streamlit", "components", "app_pages", "store")),
        ("components", ("app_pages",)),
    ],
)
def test_dependencies_flow_one_way(package: str, banned: tuple[str, ...]) -> None:
    assert forbidden(GRAPH, package, banned) == []


# How Streamlit's Markdown shows user text literally: no Streamlit import, but only for it.
STREAMLIT_MARKDOWN = {"components.text"}


def test_components_holds_only_streamlit_pieces() -> None:
    without = sorted(
        module
        for module, targets in GRAPH.items()
        if _inside(module, "components") and module != "components"
        if not any(_inside(target, "streamlit") for target in targets)
    )
    assert without == sorted(STREAMLIT_MARKDOWN)


# --- the checks can fail ----------------------------------------------------------------------


def _project(root: Path, files: dict[str, str]) -> Graph:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for package in PACKAGES:
        (root / package).mkdir(exist_ok=True)
    return import_graph(root)


def test_a_type_checking_import_closes_a_cycle(tmp_path: Path) -> None:
    graph = _project(
        tmp_path,
        {
            "scoring/__init__.py": "",
            "scoring/engine.py": "from scoring.result import Result\n",
            "scoring/result.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from scoring.engine import Batch\n"
            ),
            "scoring/formulas.py": "from scoring import engine\n",
        },
    )
    assert cycles(graph, "scoring") == [["scoring.engine", "scoring.result"]]


def test_a_relative_import_inside_a_function_closes_a_cycle(tmp_path: Path) -> None:
    graph = _project(
        tmp_path,
        {
            "scoring/__init__.py": "from scoring.loader import load\n",
            "scoring/loader.py": "def load():\n    from . import robustness\n",
            "scoring/robustness.py": "from scoring import load\n",
        },
    )
    assert cycles(graph, "scoring") == [["scoring", "scoring.loader", "scoring.robustness"]]


def test_a_function_level_import_of_a_higher_layer_is_caught(tmp_path: Path) -> None:
    graph = _project(
        tmp_path,
        {
            "scoring/report.py": "def show():\n    import streamlit as st\n",
            "scoring/save.py": "from store.library import ScenarioStore\n",
            "store/saving.py": "from components import analysis\nfrom scoring import report\n",
            "components/views.py": "import app_pages.sensitivity\n",
            "app_pages/sensitivity.py": "from components import views\n",
        },
    )
    assert forbidden(graph, "scoring", ("streamlit", "store")) == [
        "scoring.report -> streamlit",
        "scoring.save -> store.library",
    ]
    assert forbidden(graph, "store", ("components",)) == ["store.saving -> components"]
    assert forbidden(graph, "components", ("app_pages",)) == [
        "components.views -> app_pages.sensitivity"
    ]
