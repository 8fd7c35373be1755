"""ElasticNetMixing: l1_ratio from 1 (lasso) to 0 (ridge) on two correlated features.

The elastic-net region at a fixed α morphs from the diamond to the circle (its corners stay while
l1_ratio > 0); the contact point (``lassofast.geometry.constrained_solution``) leaves the corner; and
the pair's coefficient paths (``lassofast.enet_path``) go from one feature entering alone to both
entering together and sharing the weight — the grouping effect.
"""
import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, ValueTracker, VGroup, VMobject, Write,
                   linear, smooth)

import lassofast
from lassofast import geometry

from . import problems
from .style import (CONTACT_COLOR, ENET_COLOR, INK, L1_COLOR, L2_COLOR, MUTED, OLS_COLOR, SMALL_SIZE,
                    TOUCH_COLOR, Lesson, LogPathAxes, Number, Switch, dashed, feature_color, math,
                    on_backdrop, plane_axes, plane_curve, region, text)

__all__ = ["ElasticNetMixing", "mixing", "window", "least_squares", "RATIOS", "PLOT_SIZE"]

RATIOS = np.round(np.linspace(1.0, 0.0, 41), 3)   # the l1_ratio values the scene steps through
PLOT_SIZE = 5.7


def mixing():
    """The correlated pair, α (the lasso keeps exactly one of the two there: the geometric middle of
    their entry points on the lasso path) and, per l1_ratio, the region, the contact and the path.

    Returns
    -------
    dict
        ``X``, ``y``, ``alpha``, the path ``grid`` (α included), ``corr`` and ``by_ratio``: for each
        of ``RATIOS``, the region's ``radius`` and ``boundary``, the exact ``solution`` and the ``path``.
    """
    X, y = problems.correlated_pair()
    entries = sorted(knots[0].alpha for knots in lassofast.lasso_path(X, y).knots())
    alpha = float(np.sqrt(entries[0] * entries[1]))
    a_max = lassofast.alpha_max(X, y)
    grid = np.sort(np.append(np.geomspace(1.5 * a_max, 0.01 * a_max, 120), alpha))[::-1]
    by_ratio = {}
    for rho in RATIOS:
        t = geometry.radius_for_alpha(X, y, alpha, "enet", l1_ratio=rho)
        by_ratio[rho] = {"radius": t,
                         "boundary": geometry.constraint_boundary("enet", t, l1_ratio=rho),
                         "solution": geometry.constrained_solution(X, y, t, "enet", l1_ratio=rho),
                         "path": lassofast.enet_path(X, y, l1_ratio=rho, alphas=grid)}
    return {"X": X, "y": y, "alpha": alpha, "grid": grid, "by_ratio": by_ratio,
            "corr": float(np.corrcoef(X.T)[0, 1])}


def window(data):
    """(lo, hi) on both plane axes: every region, contact and the least-squares point, with a margin.

    Parameters
    ----------
    data : dict
        :func:`mixing`'s result.

    Returns
    -------
    lo, hi : float
        The range.
    """
    X, y = data["X"], data["y"]
    points = [d["boundary"] for d in data["by_ratio"].values()]
    points.append(least_squares(data)[None, :])
    points = np.vstack(points)
    lo, hi = min(points.min(), 0.0), max(points.max(), 0.0)
    margin = 0.08 * (hi - lo)
    return lo - margin, hi + margin


def least_squares(data):
    """The least-squares point of the pair (the centre of the loss contours).

    Parameters
    ----------
    data : dict
        :func:`mixing`'s result.

    Returns
    -------
    ndarray of shape (2,)
        (w1, w2).
    """
    lasso = data["by_ratio"][1.0]["solution"]
    return geometry.loss_contours(data["X"], data["y"], [lasso.loss]).center


class ElasticNetMixing(Lesson):
    """l1_ratio from 1 to 0: the diamond bulges into a circle and the correlated pair shares the weight."""
    def construct(self):
        data = mixing()
        X, y, alpha, grid = data["X"], data["y"], data["alpha"], data["grid"]
        self.show_title("Elastic net: from lasso to ridge")

        lo, hi = window(data)
        axes = plane_axes((lo, hi), (lo, hi), unit=PLOT_SIZE / (hi - lo)).move_to([-3.5, -0.3, 0])
        ls = Dot(axes.c2p(*least_squares(data)), 0.08, color=OLS_COLOR)
        ls_label = on_backdrop(text("least squares", 22, OLS_COLOR).next_to(ls, UP, 0.1))
        corr = math(rf"\operatorname{{corr}}(x_1, x_2) = {data['corr']:.2f}", 30, MUTED)
        corr.next_to(axes, UP, 0.05).align_to(axes, LEFT)
        self.play(Create(axes), FadeIn(ls, ls_label), Write(corr), run_time=1.5)

        w_all = np.concatenate([d["path"].coefs.ravel() for d in data["by_ratio"].values()])
        paths = LogPathAxes(grid[-1], grid[0], 0, float(np.ceil(w_all.max() * 2) / 2), width=5.6,
                            height=3.3, w_step=0.5, decimals=1).move_to([3.6, -0.65, 0])
        paths_x = text("penalty λ (log scale)", SMALL_SIZE, MUTED).next_to(paths.ticks, DOWN, 0.1)
        paths_y = math("w_1,\\ w_2", 30, MUTED).next_to(paths.axes.y_axis.get_top(), UP, 0.1)
        marker = dashed(paths.point(alpha, 0), paths.point(alpha, float(np.ceil(w_all.max() * 2) / 2)),
                        MUTED, 2)
        penalty = math(r"\alpha\,\big(\rho\,\lVert w\rVert_1 + \tfrac{1-\rho}{2}\lVert w\rVert_2^2\big)",
                       32, ENET_COLOR).move_to([3.6, 2.75, 0])

        index = ValueTracker(0)
        current = lambda: RATIOS[int(round(index.get_value()))]
        picture = Switch(current, lambda rho: self.plane(axes, data, rho))
        lines = Switch(current, lambda rho: self.path_lines(paths, data, rho))
        readout = Switch(current, lambda rho: self.readout(data, rho))
        self.drawn.update(axes=axes, paths_axes=paths, picture=picture, lines=lines, data=data)
        self.play(FadeIn(picture), FadeIn(readout), Write(penalty), run_time=1.5)
        self.say("l1_ratio ρ = 1 is the lasso: a diamond, and the contact is a corner.")
        self.play(Create(paths), FadeIn(paths_x, paths_y, marker), FadeIn(lines), run_time=1.5)
        self.say("On its path one of the pair enters alone; the other waits.")
        self.key_frame("ρ = 1: lasso keeps one of the pair")
        self.wait(2.5)

        half = int(np.flatnonzero(RATIOS == 0.5)[0])
        self.say("Lower ρ: the diamond's edges bulge out - the corners stay while ρ > 0.")
        self.play(index.animate.set_value(half), run_time=6, rate_func=linear)
        self.say("The contact leaves the corner: both features enter, sharing the weight.")
        self.key_frame("ρ = 0.5: both, sharing")
        self.wait(3)
        self.say("ρ = 0 is ridge: a circle, no corners - no weight is exactly 0.")
        self.play(index.animate.set_value(len(RATIOS) - 1), run_time=4, rate_func=linear)
        self.wait(2)
        self.play(index.animate.set_value(half), run_time=2.5, rate_func=smooth)
        self.say("In between, the elastic net selects - and keeps correlated features together.")
        self.key_frame("the grouping effect")
        self.wait(3)

    @staticmethod
    def plane(axes, data, rho):
        """The region at l1_ratio rho, the loss contour through its contact point, the contact.

        Parameters
        ----------
        axes : manim.Axes
            The weight plane.
        data : dict
            :func:`mixing`'s result.
        rho : float
            One of ``RATIOS``.

        Returns
        -------
        manim.VGroup
            The picture (``.contact``: the dot, ``.solution``: the exact solution).
        """
        d = data["by_ratio"][rho]
        color = L1_COLOR if rho == 1 else L2_COLOR if rho == 0 else ENET_COLOR
        sol = d["solution"]
        touching = geometry.loss_contours(data["X"], data["y"], [sol.loss], n_points=300)
        contour = VGroup(*[plane_curve(axes, c, TOUCH_COLOR, 2.5) for c in touching.polylines()])
        contact = Dot(axes.c2p(*sol.coef), 0.1, color=CONTACT_COLOR)
        group = VGroup(region(axes, d["boundary"], color, fill_opacity=0.25), contour, contact)
        group.contact, group.solution = contact, sol
        return group

    @staticmethod
    def path_lines(paths, data, rho):
        """w1 and w2 along λ at l1_ratio rho, with their values at the scene's α.

        Parameters
        ----------
        paths : LogPathAxes
            The path axes.
        data : dict
            :func:`mixing`'s result.
        rho : float
            One of ``RATIOS``.

        Returns
        -------
        manim.VGroup
            Two lines and two dots (``.path``: the lassofast path drawn).
        """
        path = data["by_ratio"][rho]["path"]
        k = int(np.flatnonzero(data["grid"] == data["alpha"])[0])
        group = VGroup()
        for j in range(2):
            group.add(VMobject(stroke_color=feature_color(j), stroke_width=4).set_points_as_corners(
                [paths.point(a, w) for a, w in zip(data["grid"], path.coefs[j])]))
            group.add(Dot(paths.point(data["alpha"], path.coefs[j, k]), 0.08, color=feature_color(j)))
        group.path = path
        return group

    @staticmethod
    def readout(data, rho):
        """ρ, the method's name and the contact point w at l1_ratio rho.

        Parameters
        ----------
        data : dict
            :func:`mixing`'s result.
        rho : float
            One of ``RATIOS``.

        Returns
        -------
        manim.VGroup
            The read-out.
        """
        sol = data["by_ratio"][rho]["solution"]
        name = "lasso" if rho == 1 else "ridge" if rho == 0 else "elastic net"
        head = VGroup(math(r"\rho =", 34), Number(rho, num_decimal_places=2, font_size=34, color=INK),
                      text(name, 28, L1_COLOR if rho == 1 else L2_COLOR if rho == 0 else ENET_COLOR)) \
            .arrange(RIGHT, buff=0.15)
        parts = [("0" if w == 0 else f"{w:.2f}") for w in sol.coef]
        w = math(rf"w = ({parts[0]},\ {parts[1]})", 32, CONTACT_COLOR)
        return VGroup(head, w).arrange(DOWN, aligned_edge=LEFT, buff=0.2).move_to([3.0, 1.75, 0],
                                                                                 aligned_edge=LEFT)
