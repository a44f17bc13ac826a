"""No import cycle anywhere in src/dragoman, imports inside functions included.

Every `import` and `from ... import` statement of every module is read from
its source (at any depth: module level, inside functions, under
`if TYPE_CHECKING`), and resolved to the dragoman module it names:
`from .base import X` depends on `dragoman.store.base`; `from . import X`
depends on the submodule X when there is one, else on the package itself
(X is a name its __init__ defines). A cycle in that graph fails the test with
the modules in it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "dragoman"


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / PACKAGE).rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_package(name: str, modules: dict[str, Path]) -> bool:
    return modules[name].name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom, modules: dict[str, Path]) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if _is_package(module, modules) else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def dependencies(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                origin = _resolve(name, node, modules)
                for alias in node.names:
                    sub = f"{origin}.{alias.name}"
                    targets.append(sub if sub in modules else origin)
            for target in targets:
                # `import dragoman.a.b` runs dragoman.a.b; keep the longest name that is one of ours
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph (as a path that starts and ends on the same module), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
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


def test_no_module_imports_itself_back():
    modules = _modules()
    assert f"{PACKAGE}.pipeline" in modules and f"{PACKAGE}.store.sqlite" in modules  # the walk found the package
    cycle = find_cycle(dependencies(modules))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    "sources,cycle",
    [
        ({"a": "from . import b", "b": "def f():\n    from .a import x"}, True),  # a function-level import counts
        ({"a": "from .b import y", "b": "x = 1"}, False),
        ({"a": "import typing\nif typing.TYPE_CHECKING:\n    from .b import y", "b": "from .a import z"}, True),
    ],
)
def test_the_cycle_finder_sees_every_kind_of_import(tmp_path, sources, cycle):
    package = tmp_path / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name, text in sources.items():
        (package / f"{name}.py").write_text(text + "\n", encoding="utf-8")
    modules = {
        ".".join([PACKAGE, p.stem]) if p.stem != "__init__" else PACKAGE: p for p in package.glob("*.py")
    }
    found = find_cycle(dependencies(modules))
    assert (found is not None) == cycle, found
