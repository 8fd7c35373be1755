"""CoefficientSnapping: the demo data's lasso path, with a λ marker sweeping across it.

Everything drawn comes from one ``lassofast.lasso_path`` on the demo data (x1..x6). The marker
moves on the path's own α grid, so the readouts are the solver's numbers at a grid point, never an
interpolation. On screen λ is lassofast's α: the objective is written in its scaling.
"""
import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UR, Create, Dot, FadeIn, LaggedStart,
                   Line, Rectangle, ValueTracker, VGroup, VMobject, Write, linear, smooth)

import lassofast
from lassofast.datasets import load_demo

from .style import (INK, MUTED, SMALL_SIZE, FRAME_MARGIN, Lesson, LogPathAxes, dashed,
                    Count, Number, Switch, feature_color, feature_name, math, text)

__all__ = ["CoefficientSnapping", "snapping_path", "grid_index", "readout", "row_y", "PANEL_X", "BAR_X"]


def snapping_path(n_alphas=240):
    """The demo data and its lasso path on the grid the marker sweeps.

    The grid runs from a little past α_max (all weights zero) down to 2% of it (all six non-zero).

    Parameters
    ----------
    n_alphas : int, default=240
        Grid points.

    Returns
    -------
    data : lassofast.datasets.Demo
        The demo data.
    path : lassofast.Path
        Its lasso path on that grid (tol 1e-10).
    """
    data = load_demo()
    a_max = lassofast.alpha_max(data.X, data.y)
    alphas = np.geomspace(1.6 * a_max, 0.02 * a_max, n_alphas)
    return data, lassofast.lasso_path(data.X, data.y, alphas=alphas, tol=1e-10)


def grid_index(path, lam):
    """The grid point the marker shows for penalty ``lam`` (nearest on the log scale).

    Parameters
    ----------
    path : lassofast.Path
        The path.
    lam : float
        A penalty α.

    Returns
    -------
    int
        The index of the nearest grid α.
    """
    return int(np.argmin(np.abs(np.log(path.alphas) - np.log(lam))))


def readout(path, k):
    """What the panel shows at grid point k: penalty, non-zero count, and the weights.

    Parameters
    ----------
    path : lassofast.Path
        The path.
    k : int
        The grid point.

    Returns
    -------
    dict
        ``penalty`` (α), ``nonzero``, ``n_features`` and ``coef`` (a copy of the weights).
    """
    return {"penalty": float(path.alphas[k]), "nonzero": int(path.n_nonzero()[k]),
            "n_features": int(path.coefs.shape[0]), "coef": path.coefs[:, k].copy()}


class CoefficientSnapping(Lesson):
    """The 6-feature lasso path against λ: weights snap to exactly zero one by one."""
    def construct(self):
        data, path = snapping_path()
        p = path.coefs.shape[0]
        self.w_scale = np.abs(path.coefs).max()  # the longest bar is the largest weight on the path
        lam_lo, lam_hi = path.alphas[-1], path.alphas[0]
        w_lo = np.floor(min(path.coefs.min(), 0) * 2) / 2 - 0.25
        w_hi = np.ceil(path.coefs.max() * 2) / 2 + 0.25

        self.show_title("Lasso deletes features")
        objective = math(r"J(w) = \frac{1}{2n}\lVert y - Xw \rVert^2 + \lambda \sum_j |w_j|", 34)
        objective.to_corner(UR, buff=FRAME_MARGIN)
        self.play(Write(objective), run_time=1.5)
        self.say("Lasso adds a penalty λ·Σ|w| to the squared error.")
        self.wait(1.5)

        # The path: one line per feature, weight against λ on a log axis.
        plot = LogPathAxes(lam_lo, lam_hi, w_lo, w_hi, width=7.0, height=4.2)
        plot.to_edge(LEFT, buff=0.8).set_y(0.05)
        x_name = text("penalty λ (log scale)", SMALL_SIZE, MUTED).next_to(plot.ticks, DOWN, 0.12)
        y_name = math("w_j", 30, MUTED).next_to(plot.axes.y_axis, UP, 0.15)
        lines = VGroup(*[
            VMobject(stroke_color=feature_color(j), stroke_width=4).set_points_as_corners(
                [plot.point(a, w) for a, w in zip(path.alphas, path.coefs[j])])
            for j in range(p)])
        self.play(Create(plot), FadeIn(x_name, y_name), run_time=1.5)
        self.say("Each line is one feature's weight as the penalty λ changes.")
        self.play(LaggedStart(*[Create(l) for l in lines], lag_ratio=0.15), run_time=3)
        # A neutral zero line on top: a weight that is exactly zero disappears into it.
        zero = Line(plot.point(lam_lo, 0), plot.point(lam_hi, 0), color=MUTED, stroke_width=5)
        self.add(zero)

        # The marker and the live panel, both functions of one tracker: log λ.
        log_lam = ValueTracker(np.log(lam_lo))
        current = lambda: grid_index(path, np.exp(log_lam.get_value()))

        def marker(k):
            top, bottom = plot.point(path.alphas[k], w_hi), plot.point(path.alphas[k], w_lo)
            dots = [Dot(plot.point(path.alphas[k], path.coefs[j, k]), 0.07, color=feature_color(j))
                    for j in range(p)]
            return VGroup(dashed(bottom, top, INK, 2.5), *dots)

        panel = Switch(current, lambda k: self.panel(readout(path, k)))
        self.drawn["panel"] = panel  # tests read the shown grid point and its numbers from here
        self.play(FadeIn(Switch(current, marker)), FadeIn(self.panel_frame(p)), FadeIn(panel),
                  run_time=1)
        self.say("Small penalty: all six features are in the model.")
        self.key_frame("small λ: all six features")
        self.wait(1.5)

        # The sweep: weights shrink, then snap to exactly zero one at a time.
        self.say("As λ grows, weights shrink - and snap to exactly zero, one by one.")
        self.play(log_lam.animate.set_value(np.log(lam_hi)), run_time=14, rate_func=linear)
        self.key_frame("λ past λ_max: no features left")

        # Where each feature switched off, and λ_max where the last one goes.
        offs = VGroup(*[Dot(plot.point(knots[0].alpha, 0), 0.09, color=feature_color(j))
                        for j, knots in enumerate(path.knots()) if knots])
        self.drawn["switch_off"] = [knots[0].alpha if knots else None for knots in path.knots()]
        max_line = dashed(plot.point(path.alpha_max, w_lo), plot.point(path.alpha_max, w_hi), MUTED)
        max_label = math(r"\lambda_{\max} = \max_j \tfrac{1}{n}|x_j^\top y|", 30).next_to(
            max_line, UP, 0.1).shift(0.6 * LEFT)
        self.say("Each dot marks where a feature switches off. Past λₘₐₓ all are 0.")
        self.play(LaggedStart(*[FadeIn(d, scale=2) for d in offs], lag_ratio=0.2),
                  Create(max_line), FadeIn(max_label), run_time=2.5)
        self.wait(2.5)

        # Back into the middle: only the strongest features survive.
        middle = np.sqrt(lam_lo * path.alpha_max)
        self.play(log_lam.animate.set_value(np.log(middle)), run_time=4, rate_func=smooth)
        self.say("Lasso keeps the strongest features, deletes the rest: feature selection.")
        self.key_frame("a middle λ: a sparse model")
        self.wait(3.5)

    def panel_frame(self, n_features):
        """The parts of the panel that never change: labels, feature names, zero ticks.

        Parameters
        ----------
        n_features : int
            Rows of the panel.

        Returns
        -------
        manim.VGroup
            The fixed parts.
        """
        frame = VGroup(text("Penalty λ", 28).move_to([PANEL_X, 2.2, 0], aligned_edge=LEFT),
                       text("Non-zero features", 28).move_to([PANEL_X, 1.6, 0], aligned_edge=LEFT))
        for j in range(n_features):
            y = row_y(j)
            frame.add(text(feature_name(j), 26, feature_color(j)).move_to([PANEL_X + 0.3, y, 0]),
                      Line([BAR_X, y - 0.22, 0], [BAR_X, y + 0.22, 0], color=MUTED, stroke_width=2))
        return frame

    def panel(self, r):
        """The numbers at one grid point: penalty, non-zero count, one signed bar per weight.

        Parameters
        ----------
        r : dict
            A :func:`readout`.

        Returns
        -------
        manim.VGroup
            The numbers and bars (``.penalty``, ``.count`` and ``.weights`` name the read-outs).
        """
        penalty = Number(r["penalty"], num_decimal_places=3, font_size=36, color=INK)
        penalty.move_to([PANEL_X + 2.05, 2.2, 0], aligned_edge=LEFT)
        count = Count(r["nonzero"], font_size=36, color=INK)
        count.move_to([PANEL_X + 3.65, 1.6, 0], aligned_edge=LEFT)
        of = math(rf"/\,{r['n_features']}", 36).next_to(count, RIGHT, 0.12)
        shown = VGroup(penalty, count, of)
        shown.penalty, shown.count, shown.weights = penalty, count, []
        for j, w in enumerate(r["coef"]):
            y = row_y(j)
            if w == 0:  # exactly zero: no bar, a plain 0
                value = Count(0, font_size=32, color=MUTED)
            else:
                value = Number(w, num_decimal_places=2, include_sign=True, font_size=32,
                                      color=INK)
                length = 1.25 * abs(w) / self.w_scale
                shown.add(Rectangle(width=length, height=0.3, stroke_width=0,
                                    fill_color=feature_color(j), fill_opacity=0.9)
                          .move_to([BAR_X + np.sign(w) * length / 2, y, 0]))
            shown.add(value.move_to([BAR_X + 2.45, y, 0], aligned_edge=RIGHT))  # digits line up
            shown.weights.append(value)
        return shown


PANEL_X = 2.0                # left edge of the readout panel
BAR_X = PANEL_X + 2.1        # the zero line of the weight bars


def row_y(j):
    """The height of feature j's row in the panel.

    Parameters
    ----------
    j : int
        The feature.

    Returns
    -------
    float
        Its y in frame units.
    """
    return 0.8 - 0.55 * j
