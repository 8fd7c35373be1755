"""The course's axes and shapes: the weight plane (same scale on both axes), the log-λ path axes,
curves and regions clipped to the visible box, dashed guides.
"""
import numpy as np
from manim import RIGHT, UR, Axes, DashedLine, VGroup, VMobject

from .palette import LOSS_COLOR, MUTED, feature_color
from .typography import LABEL_SIZE, SMALL_SIZE, math, on_backdrop

__all__ = ["plane_axes", "log_ticks", "tick_label", "segment_points", "dashed", "LogPathAxes", "plane_curve",
           "region", "drawn_point"]


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
