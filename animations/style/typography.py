"""The course's text: font, type sizes, layout margins, titles, captions, labels and formulas.

Sizes are in Manim units (the frame is 14.2 × 8), chosen to be legible at 1080p; the type scale is
:data:`lassofast.palette.TYPE_SCALE`, shared with the figures and the explorer page. Captions always
sit at the bottom in plain words.
"""
from lassofast.palette import type_size
from manim import RIGHT, UL, MathTex, Text, VGroup

from .palette import BACKGROUND, INK, feature_color

__all__ = ["FONT", "TITLE_SIZE", "CAPTION_SIZE", "LABEL_SIZE", "SMALL_SIZE", "MATH_SIZE", "FRAME_MARGIN",
           "TITLE_MAX_WIDTH", "CAPTION_Y", "feature_name", "legend", "text", "on_backdrop", "math", "title",
           "caption"]

FONT = "DejaVu Sans"
# The course's type sizes (lassofast.palette.TYPE_SCALE, shared with the figures and the explorer).
TITLE_SIZE = type_size("title", "video")
CAPTION_SIZE = type_size("body", "video")
LABEL_SIZE = type_size("label", "video")
SMALL_SIZE = type_size("small", "video")
MATH_SIZE = 38

FRAME_MARGIN = 0.35        # keep everything this far from the frame edge
TITLE_MAX_WIDTH = 11.0
CAPTION_Y = -3.45


def feature_name(j):
    """The name of feature j: x1, x2, ...

    Parameters
    ----------
    j : int
        The feature (0-based).

    Returns
    -------
    str
        Its name.
    """
    return f"x{j + 1}"


def legend(n_features, size=26):
    """x1 x2 … in their colours, in a row.

    Parameters
    ----------
    n_features : int
        How many.
    size : float, default=26
        Font size.

    Returns
    -------
    manim.VGroup
        The names.
    """
    return VGroup(*[text(feature_name(j), size, feature_color(j)) for j in range(n_features)]) \
        .arrange(RIGHT, buff=0.3)


def text(s, size=LABEL_SIZE, color=INK, **kwargs):
    """Plain text in the course's font.

    Parameters
    ----------
    s : str
        The text.
    size : float, default=LABEL_SIZE
        Font size.
    color : str, default=INK
        Colour.
    **kwargs : dict
        Other arguments of ``manim.Text``.

    Returns
    -------
    manim.Text
        The text.
    """
    return Text(s, font=FONT, font_size=size, color=color, **kwargs)


def on_backdrop(mobject, opacity=0.75):
    """Give a label a patch of background so lines behind it do not cut through the letters.

    Parameters
    ----------
    mobject : manim.Mobject
        The label (changed in place).
    opacity : float, default=0.75
        The patch's opacity.

    Returns
    -------
    manim.Mobject
        The same label.
    """
    mobject.add_background_rectangle(color=BACKGROUND, opacity=opacity, buff=0.06)
    return mobject


def math(tex, size=MATH_SIZE, color=INK, **kwargs):
    """A formula (LaTeX) in the course's size and colour.

    Parameters
    ----------
    tex : str
        The formula.
    size : float, default=MATH_SIZE
        Font size.
    color : str, default=INK
        Colour.
    **kwargs : dict
        Other arguments of ``manim.MathTex``.

    Returns
    -------
    manim.MathTex
        The formula.
    """
    return MathTex(tex, font_size=size, color=color, **kwargs)


def title(s):
    """The scene title, top left (shrunk if it would not fit on one line). Scenes keep the title
    row's right end free of other text, so every title but the longest is drawn at full size.

    Parameters
    ----------
    s : str
        The title.

    Returns
    -------
    manim.Text
        The title, placed.
    """
    t = text(s, TITLE_SIZE, weight="BOLD")
    if t.width > TITLE_MAX_WIDTH:
        t.scale_to_fit_width(TITLE_MAX_WIDTH)
    return t.to_corner(UL, buff=FRAME_MARGIN)


def caption(s):
    """A one-line plain-words caption at the bottom (shrunk to fit if needed).

    Parameters
    ----------
    s : str
        The caption.

    Returns
    -------
    manim.Text
        The caption, placed.
    """
    c = text(s, CAPTION_SIZE)
    max_width = 14.2 - 2 * FRAME_MARGIN
    if c.width > max_width:
        c.scale_to_fit_width(max_width)
    return c.move_to([0, CAPTION_Y, 0])
