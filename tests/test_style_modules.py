"""animations/style is split by concern (palette, typography, axes, lesson, manim_speedups); the overrides of Manim
internals live in manim_speedups only, and the package re-exports the same objects the scenes used."""
import ast
from pathlib import Path

import pytest

pytest.importorskip("manim")

from lassofast.animations import style  # noqa: E402
from lassofast.animations.style import axes, lesson, manim_speedups, palette, typography  # noqa: E402

STYLE = Path(style.__file__).parent
# Manim members the speed-ups replace: a Manim upgrade must be checked against these.
MANIM_OVERRIDES = {"update_to_time", "_string_to_mob"}


def test_the_package_re_exports_each_submodules_objects():
    for module in (palette, typography, axes, lesson, manim_speedups):
        for name in module.__all__:
            assert getattr(style, name) is getattr(module, name), f"style.{name} is not {module.__name__}.{name}"
    assert set(style.__all__) == {n for m in (palette, typography, axes, lesson, manim_speedups) for n in m.__all__}


def test_overrides_of_manim_internals_live_in_manim_speedups_only():
    where = {}
    for file in STYLE.glob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in MANIM_OVERRIDES:
                where.setdefault(node.name, set()).add(file.stem)
    assert where == {name: {"manim_speedups"} for name in MANIM_OVERRIDES}
    # ...and the scenes still get them: the lesson classes inherit the pruning, Number the glyph cache.
    assert style.Lesson.update_to_time is manim_speedups.PruneMovingMobjects.update_to_time
    assert style.Lesson3D.update_to_time is manim_speedups.PruneMovingMobjects.update_to_time
    assert style.Count._string_to_mob is manim_speedups.Number._string_to_mob


def test_only_manim_speedups_and_the_lesson_classes_subclass_manim():
    """typography and axes build Manim objects with functions (plus LogPathAxes, a plain VGroup)."""
    from manim import Mobject, Scene
    for module in (palette, typography, axes):
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type) and issubclass(obj, (Mobject, Scene)):
                assert obj is axes.LogPathAxes, name
