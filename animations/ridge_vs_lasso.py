"""RidgeVsLasso: the L2 circle and the L1 diamond on the same data as the budget t shrinks.

Both solutions are ``lassofast.geometry.constrained_solution`` at the current t, recomputed every
frame (it is exact and takes well under a millisecond). Ridge's contact slides smoothly toward the
origin, off the axes; the lasso's runs into the w2 axis and then stays on it: w1 = 0 exactly.
"""
import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, UR, Create, Dot, FadeIn, ValueTracker, VGroup, linear

import lassofast
from lassofast import geometry

from . import problems
from .style import (CONTACT_COLOR, INK, L1_COLOR, L2_COLOR, OLS_COLOR, TOUCH_COLOR, Lesson, Number,
                    math, plane_axes, plane_curve, redraw, region, text)

__all__ = ["RidgeVsLasso", "budgets", "solutions_at", "PANELS"]

PANELS = (("l2", L2_COLOR, "Ridge (L2)", r"w_1^2 + w_2^2 \le t^2"),
          ("l1", L1_COLOR, "Lasso (L1)", r"|w_1| + |w_2| \le t"))


def budgets():
    """The sweep of t: from 83% of the smaller least-squares budget (both weights non-zero, neither
    solution interior yet) down to 5% of ||w_ls||₁.

    Returns
    -------
    X : ndarray of shape (100, 2)
        The weight-plane pair.
    y : ndarray of shape (100,)
        Target.
    ls : ndarray of shape (2,)
        The least-squares point.
    start : float
        The first budget t.
    end : float
        The last.
    """
    X, y = problems.weight_plane()
    # The least-squares point: the solution for the budget ||w_ls||₁ (the end of the lasso path).
    ls = geometry.constrained_solution(X, y, geometry.radius_for_alpha(X, y, 0.0, "l1")).coef
    start = min(np.abs(ls).sum(), np.linalg.norm(ls)) * 0.83
    return X, y, ls, start, 0.05 * np.abs(ls).sum()


def solutions_at(X, y, t, kind):
    """The contact point for budget t and region ``kind``, as drawn.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
        The pair.
    y : ndarray of shape (n_samples,)
        Target.
    t : float
        The budget.
    kind : {"l1", "l2"}
        The region.

    Returns
    -------
    ndarray of shape (2,)
        The exact constrained solution.
    """
    return geometry.constrained_solution(X, y, t, kind).coef


class RidgeVsLasso(Lesson):
    """Circle vs diamond as the budget shrinks: ridge shrinks smoothly, lasso hits an axis."""
    def construct(self):
        X, y, ls, t_start, t_end = budgets()
        self.show_title("Ridge shrinks, lasso selects")
        budget = ValueTracker(t_start)
        self.drawn.update(budget=budget, contacts={})
        self.trail_budgets = np.linspace(t_start, t_end, 90)
        t_label = math("t =", 36).to_corner(UR, buff=0.45).shift(0.9 * LEFT)
        t_value = redraw(lambda: Number(budget.get_value(), num_decimal_places=2, font_size=36,
                                        color=INK).next_to(t_label, RIGHT, 0.15), budget)
        self.add(t_label, t_value)

        panels = []
        for i, (kind, color, name, formula) in enumerate(PANELS):
            axes = plane_axes((-2.1, 2.3), (-2.1, 2.5), unit=1.08).move_to([(-1) ** (i + 1) * 3.4, -0.5, 0])
            head = VGroup(text(name, 30, color), math(formula, 32, color)).arrange(RIGHT, buff=0.3)
            head.next_to(axes, UP, 0.15)
            panels.append((kind, color, axes, head))
            self.play(Create(axes), FadeIn(head), run_time=1)

        for kind, color, axes, _ in panels:
            self.add(Dot(axes.c2p(*ls), 0.08, color=OLS_COLOR))
            self.add_panel_motion(kind, color, axes, X, y, budget)
        self.say("Same data and budget t: ridge keeps w in a circle, lasso in a diamond.")
        self.key_frame("circle vs diamond at the same budget")
        self.wait(2.5)

        # Shrink the budget and watch where the two solutions go.
        self.say("Shrink t: ridge's solution glides toward 0, never onto an axis.")
        t_hit = geometry.radius_for_alpha(X, y, _x1_entry(X, y), "l1")
        self.play(budget.animate.set_value(0.92 * t_hit), run_time=6, rate_func=linear)
        self.say("Lasso's solution runs into the w2 axis: w1 becomes exactly 0.")
        self.key_frame("lasso hits the axis")
        self.wait(3)
        self.say("From here on, lasso slides down the axis: x1 stays deleted.")
        self.play(budget.animate.set_value(t_end), run_time=7, rate_func=linear)
        self.say("Ridge shrinks every weight a little; lasso sets some exactly to zero.")
        self.key_frame("the two paths to zero")
        self.wait(3.5)

    def add_panel_motion(self, kind, color, axes, X, y, budget):
        """The region, the touching contour, the contact point and its readout — functions of t.

        Parameters
        ----------
        kind : {"l1", "l2"}
            The region.
        color : str
            Its colour.
        axes : manim.Axes
            The panel's weight plane.
        X : ndarray of shape (n_samples, 2)
            The pair.
        y : ndarray of shape (n_samples,)
            Target.
        budget : manim.ValueTracker
            t.
        """
        solved = {}

        def sol():  # one exact solve per frame, shared by everything drawn from it
            t = budget.get_value()
            if t not in solved:
                solved.clear()
                solved[t] = geometry.constrained_solution(X, y, t, kind)
            return solved[t]

        shape = redraw(lambda: region(axes, geometry.constraint_boundary(kind, budget.get_value()),
                                      color), budget)
        touching = redraw(lambda: VGroup(*[
            plane_curve(axes, c, TOUCH_COLOR, 2.5)
            for c in geometry.loss_contours(X, y, [sol().loss], n_points=240).polylines()]), budget)
        contact = redraw(lambda: Dot(axes.c2p(*sol().coef), 0.1, color=CONTACT_COLOR), budget)
        # The trail: solutions at the budgets already passed (exact, so key frames show it too).
        passed = [solutions_at(X, y, t, kind) for t in self.trail_budgets]
        trail = redraw(lambda: plane_curve(
            axes, [w for t, w in zip(self.trail_budgets, passed) if t >= budget.get_value()]
            + [sol().coef], CONTACT_COLOR, 4), budget)
        labels = [math(rf"w_{j + 1} =", 32) for j in range(2)]
        zeros = [math("0", 32, CONTACT_COLOR) for _ in range(2)]
        exactly = [text("exactly", 22, CONTACT_COLOR) for _ in range(2)]
        readout = redraw(lambda: self.readout(axes, sol().coef, labels, zeros, exactly), budget)
        self.drawn["contacts"][kind] = (axes, contact)
        self.add(shape, touching, trail, contact, readout)

    @staticmethod
    def readout(axes, w, labels, zeros, exactly):
        """w1 and w2 under the picture; an exact zero is written as 0 and called out.
        The fixed words are typeset once and reused (typesetting per frame is slow).

        Parameters
        ----------
        axes : manim.Axes
            The panel's weight plane.
        w : ndarray of shape (2,)
            The contact point.
        labels : list of manim.MathTex
            "w1 =", "w2 =".
        zeros : list of manim.MathTex
            A typeset 0 per row.
        exactly : list of manim.Text
            A typeset "exactly" per row.

        Returns
        -------
        manim.VGroup
            The two rows.
        """
        rows = VGroup()
        for j, value in enumerate(w):
            number = zeros[j] if value == 0 else Number(value, num_decimal_places=2, font_size=32,
                                                       color=INK)
            row = VGroup(labels[j], number).arrange(RIGHT, buff=0.15)
            if value == 0:
                row.add(exactly[j].next_to(number, RIGHT, 0.15))
            rows.add(row)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        # Bottom right, below the circle's arc (the largest region drawn: radius t_start < 1.8).
        return rows.move_to(axes.c2p(1.25, -1.76), aligned_edge=LEFT)


def _x1_entry(X, y):
    """The penalty at which x1 (the weak feature) enters the lasso path."""
    return lassofast.lasso_path(X, y).knots()[0][0].alpha
