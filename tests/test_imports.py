"""No module of the openplan package imports, directly or through others, a module that imports it.

Every import counts: at the top of a module or inside a function, absolute or relative, and a module of a
package importing the package itself (``from . import helper`` runs the package's ``__init__``). Imports
under ``if TYPE_CHECKING:`` are only read by type checkers, and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "openplan"


def modules(root: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    """Every module of the package by dotted name, with its file and whether it is a package ``__init__``."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, package)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of a module, anywhere in it, except in the body of ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
            continue
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def imported(name: str, path: Path, package: bool, known: set[str]) -> set[str]:
    """The modules of the package that module ``name`` imports."""
    here = name.split(".") if package else name.split(".")[:-1]  # what a relative import starts from
    targets: set[str] = set()
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        if node.level:
            base = here[: len(here) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        for alias in node.names:
            submodule = f"{module}.{alias.name}"
            targets.add(submodule if submodule in known else module)  # `from . import x`: x may be a module
    return {target for target in targets if target in known and target != name}


def graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    table = modules(root)
    return {name: imported(name, path, package, set(table)) for name, (path, package) in table.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One import cycle through each group of modules that import each other, as a path back to its start."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(edges):  # Tarjan's algorithm, without recursion
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(group)
    return [_path_round(group, edges) for group in groups]


def _path_round(group: set[str], edges: dict[str, set[str]]) -> list[str]:
    """The shortest way from the group's first module back to itself, through the group."""
    start = min(group)
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(edges[node] & group):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start]
                if child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    return sorted(group)


def test_the_package_has_no_import_cycles():
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in found)


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


@pytest.mark.parametrize("files, expected", [
    ({"__init__.py": "", "a.py": "from . import b\n", "b.py": "def f():\n    from .a import x\n"},
     ["pkg.a", "pkg.b", "pkg.a"]),
    ({"__init__.py": "from .sub import helper\n", "sub/__init__.py": "",
      "sub/helper.py": "from .. import VALUE\n"}, ["pkg", "pkg.sub.helper", "pkg"]),
    ({"__init__.py": "", "a.py": "import pkg.b\n", "b.py": "from pkg.a import thing\n"},
     ["pkg.a", "pkg.b", "pkg.a"]),
])
def test_cycles_are_found_through_every_kind_of_import(tmp_path, files, expected):
    assert cycles(graph(_write(tmp_path, files))) == [expected]


def test_imports_only_for_type_checkers_do_not_count(tmp_path):
    root = _write(tmp_path, {
        "__init__.py": "", "a.py": "from . import b\n",
        "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import Thing\nelse:\n    pass\n"})
    assert cycles(graph(root)) == []
    (root / "b.py").write_text("import typing\nif typing.TYPE_CHECKING:\n    pass\nelse:\n    from . import a\n")
    assert cycles(graph(root)) == [["pkg.a", "pkg.b", "pkg.a"]]
