"""The course's one look: palette, type sizes, titles and captions, shared axes, key frames.

Every scene builds its text and axes from here, so the seven videos read as one course: feature
x_j always has ``feature_color(j)``, the L1 region is always ``L1_COLOR``, captions always sit at the
bottom in plain words. Sizes are in Manim units (the frame is 14.2 × 8) and are chosen to be legible
at 1080p.
"""
import numpy as np
# The palette lives in lassofast.palette, shared with the figures and the interactive explorer.
from lassofast.palette import (BACKGROUND, BAND_COLOR, CONTACT_COLOR, ENET_COLOR,  # noqa: F401
                               FEATURE_COLORS, INK, L1_COLOR, L2_COLOR, LOSS_COLOR, MUTED, OLS_COLOR,
                               TOUCH_COLOR, feature_color, type_size)
from manim import (RIGHT, UL, UP, UR, Axes, DashedLine, DecimalNumber, FadeIn, FadeOut, MathTex,
                   Rectangle, Scene, Text, ThreeDScene, VGroup, VMobject, Write, config)

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
    "Switch", "redraw", "Number", "Count",
    # the scenes' base classes
    "LessonMixin", "Lesson", "Lesson3D",
]


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


def plane_axes(x_range, y_range, unit=1.15, labels=("w_1", "w_2"), features=(0, 1), step=1.0):
    """Weight-plane axes over x_range × y_range with the same scale on both axes (circles look round).

    Axis labels are coloured by feature, so w1/w2 match x1/x2 everywhere in the course.
    ``axes.box`` is the visible rectangle, used to clip curves.

    Parameters
    ----------
    x_range : tuple of float
        (lo, hi) of the first weight.
    y_range : tuple of float
        (lo, hi) of the second.
    unit : float, default=1.15
        Frame units per unit of weight.
    labels : tuple of str, default=("w_1", "w_2")
        The axis labels (LaTeX).
    features : tuple of int, default=(0, 1)
        The features whose colours the labels take.
    step : float, default=1.0
        Tick spacing.

    Returns
    -------
    manim.Axes
        The axes, labels included (``.box``: the visible rectangle).
    """
    (x0, x1), (y0, y1) = x_range, y_range
    axes = Axes(x_range=[x0, x1, step], y_range=[y0, y1, step], x_length=unit * (x1 - x0),
                y_length=unit * (y1 - y0), tips=False,
                axis_config={"color": MUTED, "stroke_width": 2, "tick_size": 0.05})
    x_label = math(labels[0], LABEL_SIZE + 6, feature_color(features[0]))
    y_label = math(labels[1], LABEL_SIZE + 6, feature_color(features[1]))
    x_label.next_to(axes.c2p(x1, 0), UR, 0.1)
    y_label.next_to(axes.c2p(0, y1), RIGHT, 0.15)
    for label in (x_label, y_label):  # readable where a contour or region passes behind them
        on_backdrop(label).set_z_index(1)
    axes.add(x_label, y_label)  # labels move with the axes
    axes.box = np.array([[x0, y0], [x1, y1]])
    return axes


def log_ticks(lo, hi):
    """Round 1-2-5 tick values between lo and hi (for a log axis).

    Parameters
    ----------
    lo : float
        Smallest value, > 0.
    hi : float
        Largest value.

    Returns
    -------
    list of float
        The ticks.
    """
    values = []
    for e in range(int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi))) + 1):
        values += [m * 10.0 ** e for m in (1, 2, 5)]
    return [v for v in values if lo <= v <= hi]


def tick_label(v):
    """A tick value as written on an axis (``%g``).

    Parameters
    ----------
    v : float
        The value.

    Returns
    -------
    str
        Its label.
    """
    return f"{v:g}"


def segment_points(axes, xs, ys):
    """Axes coordinates → scene points, as an (N, 3) array.

    Parameters
    ----------
    axes : manim.Axes
        The axes.
    xs : sequence of float
        x coordinates.
    ys : sequence of float
        y coordinates.

    Returns
    -------
    ndarray of shape (N, 3)
        Scene points.
    """
    return np.array([axes.c2p(x, y) for x, y in zip(xs, ys)])


def dashed(start, end, color=MUTED, width=2):
    """A dashed line in the course's style.

    Parameters
    ----------
    start : array-like of shape (3,)
        One end (scene point).
    end : array-like of shape (3,)
        The other end.
    color : str, default=MUTED
        Colour.
    width : float, default=2
        Stroke width.

    Returns
    -------
    manim.DashedLine
        The line.
    """
    return DashedLine(start, end, color=color, stroke_width=width, dash_length=0.08)


class LessonMixin:
    """What every course scene shares: background, title, caption swaps and key frames.

    ``key_frame(label)`` records the moment (and, when ``capture_key_frames`` is set by the
    renderer, the picture) for the storyboard. Scenes also set ``self.drawn`` — a dict of the
    numbers they put on screen — so tests can compare them with lassofast without decoding video.
    """

    capture_key_frames = False

    def setup(self):
        """Background colour, and the records tests and the course package read (key frames, drawn
        numbers, title, captions).
        """
        super().setup()
        self.camera.background_color = BACKGROUND
        self.key_frames = []    # (time in s, label, RGB array or None)
        self.drawn = {}
        self.title_text = None  # the title shown by show_title (the course's chapter name)
        self.captions = []      # [start s, end s, text]: when each caption is on screen (the VTT cues)
        self._caption = None

    def update_to_time(self, t):
        """Manim freezes the list of moving mobjects (flattened) when an animation starts; after a
        :class:`Switch` swaps its picture, the old picture is still in that list and would be drawn
        on top of the new one. Keep only what is still on screen.

        Parameters
        ----------
        t : float
            The animation's time (Manim's argument).
        """
        super().update_to_time(t)
        if self.moving_mobjects:
            live = set(self.get_mobject_family_members())
            self.moving_mobjects = [m for m in self.moving_mobjects if m in live]

    def tear_down(self):
        """Fade to the background colour, so scenes chained into the course video do not cut
        abruptly. A curtain fading in on top is cheap and does not touch the scene's mobjects."""
        curtain = Rectangle(width=config.frame_width + 1, height=config.frame_height + 1,
                            stroke_width=0, fill_color=BACKGROUND, fill_opacity=0)
        curtain.set_z_index(1000)  # over mobjects lifted with set_z_index too
        self._fixed(curtain)
        self.add_foreground_mobjects(curtain)  # over everything, foreground labels included
        self.play(curtain.animate.set_fill(opacity=1), run_time=0.8)
        if self.captions:  # the last caption stays until the picture has faded out
            self.captions[-1][1] = self.renderer.time
        super().tear_down()

    def show_title(self, s, run_time=1.2):
        """Write the scene's title (it names the chapter in the course video).

        Parameters
        ----------
        s : str
            The title.
        run_time : float, default=1.2
            Seconds of the writing animation.

        Returns
        -------
        manim.Text
            The title.
        """
        t = title(s)
        self.title_text = s
        self._fixed(t)
        self.play(Write(t), run_time=run_time)
        return t

    def say(self, s, run_time=0.6):
        """Replace the caption with ``s``: the old one fades out first, then the new one fades in
        (cross-fading them in one place overlaps two lines of text). Records when each caption is
        on screen, in the video's own clock, for the captions file.

        Parameters
        ----------
        s : str
            The caption.
        run_time : float, default=0.6
            Seconds of the swap.

        Returns
        -------
        manim.Text
            The new caption.
        """
        new = caption(s)
        self._fixed(new)
        if self._caption is not None:
            self.play(FadeOut(self._caption), run_time=run_time / 2)
            self.captions[-1][1] = self.renderer.time
        self.captions.append([self.renderer.time, None, s])
        self.play(FadeIn(new, shift=0.1 * UP), run_time=run_time / 2 if self._caption else run_time)
        self._caption = new
        return new

    def key_frame(self, label):
        """Record this moment (and its picture when ``capture_key_frames`` is set) for the storyboard.

        Parameters
        ----------
        label : str
            What the frame shows.
        """
        image = None
        if self.capture_key_frames:
            self.renderer.update_frame(self)
            image = self.renderer.get_frame()[:, :, :3].copy()
        self.key_frames.append((self.renderer.time, label, image))

    def _fixed(self, mobject):
        """Keep flat text on screen in 3-D scenes (no-op in 2-D)."""


class Lesson(LessonMixin, Scene):
    """A 2-D course scene."""


class Lesson3D(LessonMixin, ThreeDScene):
    """A 3-D course scene; titles and captions stay fixed in the frame while the camera moves."""

    def _fixed(self, mobject):
        self.add_fixed_in_frame_mobjects(mobject)
        self.remove(mobject)  # added for real by the animation that shows it



class LogPathAxes(VGroup):
    """Axes for a regularisation path: log-scaled penalty λ (x, increasing to the right) by weight w (y).

    Internally the x coordinate is log10(λ/λ_lo), so the y axis sits at the left edge and the
    x axis at w = 0 — the line coefficients snap onto. Use :meth:`point` to place (λ, w).

    Parameters
    ----------
    lam_lo : float
        The smallest λ (left edge).
    lam_hi : float
        The largest λ (right edge).
    w_lo : float
        The lowest weight shown.
    w_hi : float
        The highest.
    width : float, default=7.6
        Frame units across.
    height : float, default=4.6
        Frame units up.
    w_step : float, default=1.0
        Weight tick spacing.
    decimals : int, default=0
        Decimals of the weight ticks.
    """

    def __init__(self, lam_lo, lam_hi, w_lo, w_hi, width=7.6, height=4.6, w_step=1.0, decimals=0):
        super().__init__()
        self.log_lo = np.log10(lam_lo)
        span = np.log10(lam_hi) - self.log_lo
        self.axes = Axes(x_range=[0, span, span], y_range=[w_lo, w_hi, w_step],
                         x_length=width, y_length=height, tips=False,
                         axis_config={"color": MUTED, "stroke_width": 2},
                         y_axis_config={"include_numbers": True, "font_size": SMALL_SIZE + 4,
                                        "decimal_number_config": {"num_decimal_places": decimals}},
                         x_axis_config={"include_ticks": False})
        bottom = self.axes.c2p(0, w_lo)[1]
        ticks = VGroup()
        for v in log_ticks(lam_lo, lam_hi):
            x = self.point(v, 0)[0]
            label = math(tick_label(v), SMALL_SIZE + 4, MUTED).move_to([x, bottom - 0.25, 0])
            if not ticks or label.get_left()[0] > ticks[-1].get_right()[0] + 0.12:  # no overlaps
                ticks.add(label)
        self.ticks = ticks
        self.add(self.axes, ticks)

    def point(self, lam, w):
        """The scene point of (λ, w).

        Parameters
        ----------
        lam : float
            The penalty, > 0.
        w : float
            The weight.

        Returns
        -------
        ndarray of shape (3,)
            The scene point.
        """
        return self.axes.c2p(np.log10(lam) - self.log_lo, w)


class _Shared(dict):
    """A dict that copies of its owner share (Mobject.copy deep-copies everything else)."""

    def __deepcopy__(self, memo):
        return self


class Switch(VGroup):
    """Shows ``build(key())``, rebuilt only when the key changes (and, with ``remember``, kept per key).

    The scenes' moving parts are functions of one number (a grid index, λ, the budget t), so this is
    ``always_redraw`` without its costs: Manim's version rebuilds every frame and then deep-copies
    and aligns the new picture into the old one (``Mobject.become``), which dominated render time.

    Parameters
    ----------
    key : callable
        () -> a hashable key, read every frame.
    build : callable
        key -> the picture (a Mobject).
    remember : bool, default=True
        Keep each key's picture for when the key comes back.
    """

    def __init__(self, key, build, remember=True):
        super().__init__()
        self._key, self._build, self._remember, self.shown = key, build, remember, None
        self._cache = _Shared()
        self._refresh()
        self.add_updater(lambda mob: mob._refresh())

    def _refresh(self):
        k = self._key()
        if k == self.shown and self.submobjects:
            return
        picture = self._cache.get(k) if self._remember else None
        if picture is None:
            picture = self._build(k)
            if self._remember:
                self._cache[k] = picture
        self.shown = k
        self.remove(*self.submobjects)
        self.add(picture)


def redraw(build, *trackers):
    """A picture rebuilt by ``build()`` whenever one of the ValueTrackers changes.

    Parameters
    ----------
    build : callable
        () -> the picture.
    *trackers : manim.ValueTracker
        The values the picture depends on.

    Returns
    -------
    Switch
        The live picture.
    """
    return Switch(lambda: tuple(t.get_value() for t in trackers), lambda _: build(), remember=False)


_GLYPHS = {}


def _light_copy(mob):
    """A bare VMobject with the same points: copying cached glyphs this way is ~100× faster than
    Mobject.copy() (a deepcopy), which dominated the render time of scenes with live readouts."""
    out = VMobject()
    out.points = mob.points.copy()
    out.submobjects = [_light_copy(m) for m in mob.submobjects]
    return out


class Number(DecimalNumber):
    """A DecimalNumber for readouts that change every frame (same look, cheap to rebuild)."""

    def _string_to_mob(self, string, mob_class=None, **kwargs):
        key = (string, self._font_size)
        if key not in _GLYPHS:
            _GLYPHS[key] = super()._string_to_mob(string, mob_class, **kwargs)
        return _light_copy(_GLYPHS[key])


class Count(Number):
    """An integer readout.

    Parameters
    ----------
    number : int, default=0
        The value.
    **kwargs : dict
        Other arguments of ``manim.DecimalNumber``.
    """

    def __init__(self, number=0, **kwargs):
        super().__init__(number, num_decimal_places=0, **kwargs)


def plane_curve(axes, points, color=LOSS_COLOR, width=2.0, opacity=1.0):
    """A polyline of weight-plane points (m, 2), cut where it leaves the axes box.

    Contours can reach far outside the picture; the parts outside are dropped, not squashed.

    Parameters
    ----------
    axes : manim.Axes
        Weight-plane axes (:func:`plane_axes`).
    points : array-like of shape (m, 2)
        The polyline.
    color : str, default=LOSS_COLOR
        Colour.
    width : float, default=2.0
        Stroke width.
    opacity : float, default=1.0
        Stroke opacity.

    Returns
    -------
    manim.VGroup
        The pieces inside the box.
    """
    points = np.asarray(points, dtype=float)
    inside = ((points >= axes.box[0]) & (points <= axes.box[1])).all(axis=1)
    curve = VGroup()
    start = None
    for i, ok in enumerate(np.append(inside, False)):
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            if i - start >= 2:
                curve.add(VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity)
                          .set_points_as_corners([axes.c2p(*p) for p in points[start:i]]))
            start = None
    return curve


def region(axes, boundary, color, fill_opacity=0.18, width=3.5):
    """A filled constraint region from a closed boundary polyline (m, 2), clipped to the axes box
    (the fill is cut at the box; the outline is only the region's own boundary).

    Parameters
    ----------
    axes : manim.Axes
        Weight-plane axes (:func:`plane_axes`).
    boundary : array-like of shape (m, 2)
        The closed boundary.
    color : str
        Colour.
    fill_opacity : float, default=0.18
        The fill's opacity.
    width : float, default=3.5
        The outline's stroke width.

    Returns
    -------
    manim.VGroup
        The fill and the outline.
    """
    boundary = np.asarray(boundary, dtype=float)
    points = _clip_polygon(boundary, axes.box)
    fill = VMobject(stroke_width=0, fill_color=color, fill_opacity=fill_opacity)
    fill.set_points_as_corners([axes.c2p(*p) for p in points] + [axes.c2p(*points[0])])
    return VGroup(fill, plane_curve(axes, boundary, color, width))


def _clip_polygon(points, box):
    """Sutherland-Hodgman: the part of a closed polygon inside the rectangle box = [[x0, y0], [x1, y1]]."""
    for axis, bound, keep_below in ((0, box[0, 0], False), (0, box[1, 0], True),
                                    (1, box[0, 1], False), (1, box[1, 1], True)):
        inside = (points[:, axis] <= bound) if keep_below else (points[:, axis] >= bound)
        out = []
        for i in range(len(points)):
            a, b = points[i - 1], points[i]
            a_in, b_in = inside[i - 1], inside[i]
            if a_in != b_in:  # the edge crosses the clipping line: keep the crossing point
                s = (bound - a[axis]) / (b[axis] - a[axis])
                out.append(a + s * (b - a))
            if b_in:
                out.append(b)
        points = np.array(out)
    return points


def drawn_point(axes, mobject):
    """Where a dot actually is, in the axes' coordinates (what tests compare with lassofast).

    Parameters
    ----------
    axes : manim.Axes
        The axes.
    mobject : manim.Mobject
        The dot.

    Returns
    -------
    ndarray of shape (2,)
        Its (x, y) in axes coordinates.
    """
    return np.array(axes.p2c(mobject.get_center()))[:2]
