"""DiamondCornerContact: why the lasso gives exact zeros — contours meet the diamond at a corner.

The constrained form of the lasso: minimise the squared loss inside the diamond |w1| + |w2| ≤ t.
Contours of the loss grow from the least-squares point until one touches the diamond; the touching
point is ``lassofast.geometry.constrained_solution`` and it lies on a corner, where w1 = 0.
"""
import numpy as np
from manim import (DOWN, LEFT, RIGHT, Arrow, Create, Dot, DrawBorderThenFill, FadeIn, Flash,
                   GrowArrow, Indicate, LaggedStart, Polygon, ValueTracker, VGroup, Write, smooth)

import lassofast
from lassofast import geometry

from . import problems
from .style import (CONTACT_COLOR, L1_COLOR, LOSS_COLOR, OLS_COLOR, TOUCH_COLOR, Lesson,
                    math, plane_axes, on_backdrop, plane_curve, redraw, region, text)

__all__ = ["DiamondCornerContact", "diamond_picture", "contour"]


def diamond_picture():
    """The problem, the budget t and the contact point the scene draws.

    t is the diamond whose solution has exactly one non-zero weight: the L1 radius of the lasso
    solution at the geometric middle of the two features' entry points on the path.

    Returns
    -------
    dict
        ``X``, ``y``, ``radius`` (t), ``solution`` (the exact contact), ``center`` (the
        least-squares point) and ``min_loss``.
    """
    X, y = problems.weight_plane()
    entries = sorted(knots[0].alpha for knots in lassofast.lasso_path(X, y).knots())
    alpha = float(np.sqrt(entries[0] * entries[1]))
    t = geometry.radius_for_alpha(X, y, alpha, "l1")
    solution = geometry.constrained_solution(X, y, t, "l1")
    ls = geometry.loss_contours(X, y, [solution.loss])
    return {"X": X, "y": y, "radius": t, "solution": solution, "center": ls.center,
            "min_loss": ls.min_loss}


def contour(axes, X, y, level, color=LOSS_COLOR, width=2.0, opacity=1.0):
    """The loss contour at ``level`` as lassofast computes it, clipped to the picture.

    Parameters
    ----------
    axes : manim.Axes
        The weight plane.
    X : ndarray of shape (n_samples, 2)
        The pair.
    y : ndarray of shape (n_samples,)
        Target.
    level : float
        The loss of the contour.
    color : str, default=LOSS_COLOR
        Its colour.
    width : float, default=2.0
        Its stroke width.
    opacity : float, default=1.0
        Its opacity.

    Returns
    -------
    manim.VGroup
        The contour's pieces inside the picture.
    """
    return VGroup(*[plane_curve(axes, c, color, width, opacity)
                    for c in geometry.loss_contours(X, y, [level], n_points=240).polylines()])


class DiamondCornerContact(Lesson):
    """Loss contours grow until they touch the L1 diamond — at a corner, so a weight is 0."""
    def construct(self):
        pic = diamond_picture()
        X, y, t, sol = pic["X"], pic["y"], pic["radius"], pic["solution"]

        self.show_title("Why lasso gives exact zeros")
        problem = math(r"\min_w \ \tfrac{1}{2n}\lVert y - Xw \rVert^2", 36)
        constraint = math(r"\text{subject to}\ \ |w_1| + |w_2| \le t", 36, L1_COLOR)
        budget = math(rf"t = {t:.2f}", 36, L1_COLOR)
        formula = VGroup(problem, constraint, budget).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        formula.move_to([3.6, 1.9, 0])

        axes = plane_axes((-1.5, 3.0), (-1.3, 3.5), unit=1.2)
        axes.move_to([-3.1, 0.0, 0])
        self.play(Create(axes), run_time=1.5)

        # The unpenalised answer: the least-squares point.
        ols = Dot(axes.c2p(*pic["center"]), 0.09, color=OLS_COLOR)
        ols_label = on_backdrop(text("least squares", 24, OLS_COLOR).next_to(ols, RIGHT, 0.15), 0.85)
        self.say("Without a penalty, the best weights are the least-squares point.")
        self.play(FadeIn(ols, scale=2), FadeIn(ols_label), run_time=1)
        self.add_foreground_mobjects(ols, ols_label)  # over the contours grown around it
        self.wait(1.5)

        # The lasso's budget: a diamond with its corners on the axes.
        diamond = region(axes, geometry.constraint_boundary("l1", t), L1_COLOR)
        corners = VGroup(*[Dot(axes.c2p(*c), 0.06, color=L1_COLOR)
                           for c in ((t, 0), (0, t), (-t, 0), (0, -t))])
        self.say("Lasso stays inside the diamond |w1| + |w2| ≤ t, corners on the axes.")
        self.play(Write(formula), DrawBorderThenFill(diamond), run_time=2)
        self.play(LaggedStart(*[FadeIn(c, scale=2) for c in corners], lag_ratio=0.2), run_time=1)
        self.key_frame("the budget: a diamond")
        self.wait(1.5)

        # Grow the loss contours from the least-squares point until one touches the diamond.
        level = ValueTracker(pic["min_loss"] + 1e-4 * (sol.loss - pic["min_loss"]))
        growing = redraw(lambda: contour(axes, X, y, level.get_value(), TOUCH_COLOR, 3), level)
        self.say("Grow the loss contours around it until one first touches the diamond.")
        self.add(growing)
        self.play(level.animate.set_value(sol.loss), run_time=6, rate_func=smooth)
        growing.clear_updaters()

        # The contact: a corner, so w1 is exactly zero.
        contact = Dot(axes.c2p(*sol.coef), 0.11, color=CONTACT_COLOR)
        self.drawn.update(axes=axes, contact=contact, solution=sol, radius=t)
        zero = on_backdrop(math(r"w_1 = 0 \ \text{exactly}", 34, CONTACT_COLOR).next_to(contact, LEFT, 0.25))
        readout = math(rf"w = ({_fmt(sol.coef[0])},\ {_fmt(sol.coef[1])})", 36, CONTACT_COLOR)
        readout.next_to(formula, DOWN, 0.6, aligned_edge=LEFT)
        self.play(FadeIn(contact, scale=3), Flash(contact, color=CONTACT_COLOR), run_time=1)
        self.say("It touches at a corner. There w1 = 0 exactly: x1 is out of the model.")
        self.play(Write(zero), Write(readout), run_time=1.5)
        self.key_frame("contact at a corner: w1 = 0")
        self.wait(2)

        # Why corners win: a whole wedge of contour tilts lands on the same corner.
        rays = geometry.normal_cone(sol.coef, "l1")
        tip = np.array(axes.c2p(*sol.coef))
        wedge = Polygon(tip, *[axes.c2p(*(sol.coef + 1.2 * r)) for r in _fan(rays)],
                        stroke_width=0, fill_color=CONTACT_COLOR, fill_opacity=0.25)
        normal = Arrow(tip, axes.c2p(*(sol.coef + 0.9 * sol.normal)), buff=0, color=CONTACT_COLOR,
                       stroke_width=5, max_tip_length_to_length_ratio=0.2)
        self.say("Any contour with its outward normal in this wedge touches this corner.")
        self.play(FadeIn(wedge), GrowArrow(normal), run_time=1.5)
        self.wait(2)
        self.say("A corner is a wide target; a point on an edge needs one exact tilt.")
        backdrop = VGroup(*[contour(axes, X, y, pic["min_loss"] + f * (sol.loss - pic["min_loss"]),
                                    LOSS_COLOR, 1.5, 0.6) for f in (0.25, 0.6, 1.6, 2.4)])
        self.play(FadeIn(backdrop), Indicate(corners[1], color=CONTACT_COLOR), run_time=2)
        self.key_frame("corners are wide targets")
        self.wait(3)


def _fmt(w):
    return "0" if w == 0 else f"{w:.2f}"


def _fan(rays, n=12):
    """Directions sweeping from the first to the last generator of a 2-D normal cone (for a wedge)."""
    a = np.arctan2(rays[:, 1], rays[:, 0])
    lo, hi = a.min(), a.max()
    if hi - lo > np.pi:  # the cone straddles the ±π cut
        lo, hi = hi, lo + 2 * np.pi
    return [np.array([np.cos(u), np.sin(u)]) for u in np.linspace(lo, hi, n)]
