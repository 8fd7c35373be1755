"""The package's import graph has no cycles, and every module imports on its own in a fresh interpreter.

Cycles are found in the graph of every ``import`` statement, at module level or inside a function
(scikit-learn's ``utils`` rule: a leaf never reaches back up), so a cycle hidden behind a deferred
import counts too. A package's own ``__init__`` is not an edge of its submodules (Python loads it first
in any case); ``from lassofast import name`` is an edge to the submodule ``name`` when there is one,
otherwise to the package.
"""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

import lassofast

SRC = Path(lassofast.__file__).parent
ANIMATIONS = SRC.parent.parent / "animations"   # installed as lassofast.animations


def _module_files():
    """{module name: file} for lassofast and its subpackages (lassofast.animations included)."""
    files = {}
    roots = [(SRC, "lassofast")]
    if ANIMATIONS.is_dir():
        roots.append((ANIMATIONS, "lassofast.animations"))
    for root, prefix in roots:
        for file in sorted([*root.rglob("*.py"), *root.rglob("*.pyx")]):  # .pyx: the compiled kernel
            parts = list(file.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if "animations" in parts and root == SRC:
                continue
            files[".".join([prefix, *parts])] = file
    return files


MODULES = _module_files()


def _is_package(name):
    return MODULES[name].name == "__init__.py"


def _resolve(module, level, target):
    """The absolute name of ``from <level dots><target>`` written in ``module``."""
    if level == 0:
        return target
    base = module.split(".") if _is_package(module) else module.split(".")[:-1]
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def _imports(module):
    """The lassofast modules that ``module``'s import statements name (anywhere in the file)."""
    if MODULES[module].suffix == ".pyx":  # the kernel imports nothing from lassofast
        return set()
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node.level, node.module)
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                     for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:  # `import lassofast.path.x` -> the deepest module
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _cycles(graph):
    """Every strongly connected component with more than one module (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
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
                result.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def test_the_import_graph_has_no_cycle():
    graph = {module: _imports(module) for module in MODULES}
    assert len(graph) > 30 and "lassofast.path" in graph["lassofast"]
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    """The check above can fail: a planted back edge is reported with the modules it joins."""
    graph = {module: _imports(module) for module in MODULES}
    graph["lassofast._validation"] = graph["lassofast._validation"] | {"lassofast.path"}
    assert any({"lassofast.path", "lassofast._validation"} <= set(c) for c in _cycles(graph))


def test_plotting_and_progress_import_nothing_from_lassofast():
    assert _imports("lassofast._progress") == set()
    assert _imports("lassofast.plotting") <= {"lassofast.palette"}


# A module that only works when another one was imported first fails here: each gets a fresh interpreter.
_IMPORT_EACH = """
import importlib, sys
importlib.import_module(sys.argv[1])
"""


# Not the scenes (each imports Manim: slow, and the scene tests import them) nor the __main__ modules
# (importing one runs the command); .pyx: the compiled kernel, imported by every solver module.
@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith("lassofast.animations.")
                                          and not m.endswith(".__main__")))
def test_each_module_imports_alone_in_a_fresh_interpreter(module):
    done = subprocess.run([sys.executable, "-c", _IMPORT_EACH, module], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_library_does_not_import_the_test_oracle():
    """lassofast.reference is the plain-NumPy oracle the tests compare with: a bug in it must not be a bug
    in the library, nor in what the videos show. Only the test helpers and the benchmark (where
    numpy-cd/numpy-fista are contenders) may import it; the Manim scenes (lassofast.animations) may not."""
    assert any(m.startswith("lassofast.animations.") for m in MODULES)      # the scenes are looked at
    users = {m for m in MODULES if "lassofast.reference" in _imports(m)}
    assert users <= {"lassofast._testing", "lassofast.bench.solvers"}, users
    assert not any("lassofast._testing" in _imports(m) for m in MODULES)  # nor the test helpers


# The scenes too (lassofast.animations.*): they are installed and imported by `lassofast render`.
PUBLIC = sorted(m for m in MODULES if not any(part.startswith("_") for part in m.split("."))
                and MODULES[m].suffix == ".py")


@pytest.mark.parametrize("module", PUBLIC)
def test_every_public_module_declares_all(module):
    """``__all__`` names what the module offers: every public function and class defined in it, names
    that exist, and no imported module (``dir(lassofast.geometry)`` once listed np, brentq, daxpy)."""
    import importlib
    import inspect
    mod = importlib.import_module(module)
    assert isinstance(getattr(mod, "__all__", None), list), f"{module} has no __all__"
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.__all__ names {name!r}, which does not exist"
        assert not inspect.ismodule(getattr(mod, name)), f"{module}.__all__ exports the module {name!r}"
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    defined = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))
               and not node.name.startswith("_")}
    assert defined <= set(mod.__all__), f"{module}: public but not in __all__: {sorted(defined - set(mod.__all__))}"
