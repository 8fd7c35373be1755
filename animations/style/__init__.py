"""The course's one look, split the way 3b1b's ``custom/`` folder is: every scene builds its text and
axes from here, so the videos read as one course.

- :mod:`.palette` the colours (:mod:`lassofast.palette`, shared with the figures and the explorer)
- :mod:`.typography` font, type sizes, titles, captions, labels, formulas
- :mod:`.axes` weight-plane and log-λ path axes, clipped curves and regions
- :mod:`.lesson` the scenes' base classes (``Lesson``, ``Lesson3D``)
- :mod:`.manim_speedups` the overrides of Manim internals (``Switch``, ``Number``...), behind the
  ``manim<0.23`` pin

Everything is re-exported here, so ``from .style import ...`` in a scene reads from one place.
"""
from .axes import (LogPathAxes, dashed, drawn_point, log_ticks, plane_axes, plane_curve, region,
                   segment_points, tick_label)
from .lesson import Lesson, Lesson3D, LessonMixin
from .manim_speedups import Count, Number, PruneMovingMobjects, Switch, redraw
from .palette import (BACKGROUND, BAND_COLOR, CONTACT_COLOR, ENET_COLOR, FEATURE_COLORS, INK, L1_COLOR,
                      L2_COLOR, LOSS_COLOR, MUTED, OLS_COLOR, TOUCH_COLOR, feature_color)
from .typography import (CAPTION_SIZE, CAPTION_Y, FONT, FRAME_MARGIN, LABEL_SIZE, MATH_SIZE, SMALL_SIZE,
                   TITLE_MAX_WIDTH, TITLE_SIZE, caption, feature_name, legend, math, on_backdrop, text, title)

__all__ = [
    # lassofast.palette's colours, offered here to the scenes with the rest of the look
    "BACKGROUND", "BAND_COLOR", "CONTACT_COLOR", "ENET_COLOR", "FEATURE_COLORS", "INK", "L1_COLOR",
    "L2_COLOR", "LOSS_COLOR", "MUTED", "OLS_COLOR", "TOUCH_COLOR", "feature_color",
    # type sizes and layout
    "FONT", "TITLE_SIZE", "CAPTION_SIZE", "LABEL_SIZE", "SMALL_SIZE", "MATH_SIZE", "FRAME_MARGIN",
    "TITLE_MAX_WIDTH", "CAPTION_Y",
    # text, axes, shapes
    "feature_name", "legend", "text", "on_backdrop", "math", "title", "caption", "plane_axes", "log_ticks",
    "tick_label", "segment_points", "dashed", "plane_curve", "region", "drawn_point", "LogPathAxes",
    # the speed-ups (overrides of Manim internals)
    "Switch", "redraw", "Number", "Count", "PruneMovingMobjects",
    # the scenes' base classes
    "LessonMixin", "Lesson", "Lesson3D",
]
