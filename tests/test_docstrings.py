"""Documentation checks: numpydoc sections of the public API, and wording."""
import re
from pathlib import Path

import lassofast

SRC = Path(lassofast.__file__).parent
ROOT = SRC.parent.parent


def _text_files():
    files = [ROOT / "README.md", *sorted((ROOT / "animations").glob("*.py"))]
    for pattern in ("*.py", "*.pyx", "*.pxd", "*.js", "*.html"):
        files += sorted(SRC.rglob(pattern))
    return [f for f in files if f.is_file()]


def test_the_explainer_page_is_introduced_once_in_the_readme_and_never_called_the_seed():
    """A newcomer cannot know what "the seed page" is: the README says where the project comes from
    once, and the code refers to "the explainer page" and the README."""
    seed = re.compile(r"seed (page|explainer)|the seed's", re.IGNORECASE)
    offenders = [str(f.relative_to(ROOT)) for f in _text_files() if seed.search(f.read_text(encoding="utf-8"))]
    assert offenders == []
    assert (ROOT / "README.md").read_text(encoding="utf-8").count("explainer page this project grew from") == 1


# --- numpydoc sections (as skglm's tests/test_docstring_parameters.py, with numpydoc's parser) ------

import ast  # noqa: E402
import importlib  # noqa: E402
import inspect  # noqa: E402

import pytest  # noqa: E402

from numpydoc import docscrape  # noqa: E402  (the dev extra installs it)

# Every public module of the package (no leading underscore in its dotted name), the Manim scenes
# (installed as lassofast.animations from the top-level animations/ folder) included: its public
# functions, classes and methods carry numpydoc Parameters/Returns sections.
NUMPYDOC_MODULES = sorted(
    ".".join(["lassofast", *parts]) for parts in (
        [p for p in f.relative_to(SRC).with_suffix("").parts if p != "__init__"] for f in SRC.rglob("*.py"))
    if not any(part.startswith("_") for part in parts) and "animations" not in parts) + sorted(
    ".".join(["lassofast.animations", *[p for p in f.relative_to(ROOT / "animations").with_suffix("").parts
                                        if p != "__init__"]])
    for f in (ROOT / "animations").rglob("*.py"))


def _returns_a_value(function):
    """Whether the function's own body has a ``return <value>`` (or yields)."""
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    tree = ast.parse(textwrap_dedent(source))
    stack = list(ast.iter_child_nodes(tree.body[0]))
    while stack:  # the function's own statements, not those of functions or lambdas inside it
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            return True
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        stack.extend(ast.iter_child_nodes(node))
    return False


def textwrap_dedent(source):
    import textwrap
    return textwrap.dedent(source)


def _documented(section):
    names = []
    for param in section:
        for name in param.name.split(","):
            names.append(name.strip().lstrip("*"))
    return names


def _public_api():
    """(qualified name, object) for every public function, class and method of NUMPYDOC_MODULES."""
    seen, items = set(), []
    for module_name in NUMPYDOC_MODULES:
        module = importlib.import_module(module_name)
        for attr in module.__all__:
            obj = getattr(module, attr)
            if not (inspect.isfunction(obj) or inspect.isclass(obj)) or id(obj) in seen:
                continue
            if not getattr(obj, "__module__", "").startswith("lassofast"):
                continue
            seen.add(id(obj))
            items.append((f"{module_name}.{attr}", obj))
            if inspect.isclass(obj):
                for name, member in vars(obj).items():
                    if name.startswith("_") or id(member) in seen:
                        continue
                    if isinstance(member, (staticmethod, classmethod)):
                        member = member.__func__
                    function = member.fget if isinstance(member, property) else member
                    if inspect.isfunction(function):
                        seen.add(id(member))
                        items.append((f"{module_name}.{attr}.{name}", member))
    return items


def _problems(name, obj):
    problems = []
    if isinstance(obj, property):
        if not (obj.__doc__ or "").strip():
            problems.append(f"{name}: no docstring")
        return problems
    doc = inspect.getdoc(obj) or ""
    if not doc.strip():
        return [f"{name}: no docstring"]
    if inspect.isclass(obj):
        parsed = docscrape.ClassDoc(obj, doc=doc)
        record = dataclass_like = hasattr(obj, "__dataclass_fields__") or hasattr(obj, "_fields")
        init = obj.__init__ if "__init__" in vars(obj) or not record else None
        if record:  # a record type: its fields are its parameters, listed under Parameters or Attributes
            fields = list(getattr(obj, "__dataclass_fields__", None) or obj._fields)
            documented = _documented(parsed["Parameters"]) + _documented(parsed["Attributes"])
            missing = [f for f in fields if f not in documented]
            if missing:
                problems.append(f"{name}: fields not documented {missing}")
            return problems
        own_init = init is not None and getattr(init, "__module__", "").startswith("lassofast")
        signature = inspect.signature(init) if own_init else None  # (not an exception's inherited one)
        expected = [p for p in signature.parameters if p != "self"] if signature else []
        del dataclass_like
    else:
        parsed = docscrape.FunctionDoc(obj, doc=doc)
        expected = [p for p in inspect.signature(obj).parameters if p not in ("self", "cls")]
        if _returns_a_value(obj) and not (parsed["Returns"] or parsed["Yields"]):
            problems.append(f"{name}: no Returns section")
    documented = _documented(parsed["Parameters"]) + _documented(parsed["Other Parameters"])
    missing = [p for p in expected if p not in documented]
    stale = [p for p in documented if p not in expected]
    if missing:
        problems.append(f"{name}: parameters not documented {missing}")
    if stale:
        problems.append(f"{name}: documented but not parameters {stale}")
    return problems


def test_public_api_has_numpydoc_parameters_and_returns():
    """Every parameter documented, none stale; a Returns section wherever a value is returned."""
    assert {"lassofast.animations", "lassofast.animations.style", "lassofast.animations.style.manim_speedups",
            "lassofast.cli", "lassofast.cli.render"} <= set(NUMPYDOC_MODULES)
    problems = [problem for name, obj in _public_api() for problem in _problems(name, obj)]
    assert problems == [], "\n".join(problems)


def test_the_numpydoc_check_can_fail():
    def undocumented(a, b):
        """Add.

        Parameters
        ----------
        a : int
            One.
        c : int
            Stale.
        """
        return a + b
    assert _problems("f", undocumented) == ["f: no Returns section", "f: parameters not documented ['b']",
                                            "f: documented but not parameters ['c']"]
