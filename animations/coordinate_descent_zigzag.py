"""CoordinateDescentZigzag: the iterates of coordinate descent on the weight plane.

The iterates are ``lassofast.geometry.coordinate_descent_trace`` — lassofast's own kernel run step by
step — on the same two features as DiamondCornerContact, at a penalty where both weights stay
non-zero. Each move is along one axis: the exact soft-threshold solve for that one weight.
"""
import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UR, Arrow, Create, Dot, FadeIn, Flash, ValueTracker, VGroup,
                   Write, linear)

import lassofast
from lassofast import geometry

from . import problems
from .style import (CONTACT_COLOR, INK, LOSS_COLOR, Lesson, Number, Switch,
                    feature_color, math, on_backdrop, plane_axes, plane_curve, text)

__all__ = ["CoordinateDescentZigzag", "zigzag_trace", "SLOW_STEPS"]

SLOW_STEPS = 6   # the first three sweeps are shown one step at a time


def zigzag_trace():
    """The problem and the trace: CD from w = 0 at half the penalty where x1 enters the path.

    Returns
    -------
    X : ndarray of shape (100, 2)
        The weight-plane pair (:func:`problems.weight_plane`).
    y : ndarray of shape (100,)
        Its target.
    trace : lassofast.geometry.CDTrace
        Every iterate of the kernel's coordinate descent there.
    """
    X, y = problems.weight_plane()
    alpha = 0.5 * lassofast.lasso_path(X, y).knots()[0][0].alpha
    return X, y, geometry.coordinate_descent_trace(X, y, alpha)


class CoordinateDescentZigzag(Lesson):
    """Coordinate descent zig-zags along the axes to the lasso solution."""
    def construct(self):
        X, y, trace = zigzag_trace()
        self.show_title("Coordinate descent: one axis at a time")
        loop = math(r"\text{repeat:}\ \ w_j \leftarrow S(z_j,\ \lambda)\ \ \text{for } j = 1, 2", 34)
        loop.to_corner(UR, buff=0.45).shift(0.9 * DOWN)

        axes = plane_axes((-0.4, 2.4), (-0.4, 2.4), unit=2.2).move_to([-2.95, -0.1, 0])
        end = trace.coefs[-1]
        # Contour levels spaced by the loss of the exact solution at this penalty.
        exact = geometry.constrained_solution(X, y, geometry.radius_for_alpha(X, y, trace.alpha))
        base = geometry.loss_contours(X, y, [exact.loss]).min_loss
        end_loss = exact.loss
        contours = VGroup(*[plane_curve(axes, c, LOSS_COLOR, 1.5, 0.6)
                            for c in geometry.loss_contours(
                                X, y, base + (end_loss - base) * np.array([0.3, 1.0, 2.2, 3.8, 5.8]),
                                n_points=240).polylines()])
        target = Dot(axes.c2p(*end), 0.09, color=CONTACT_COLOR)
        target_label = on_backdrop(text("lasso solution", 22, CONTACT_COLOR).next_to(target, UP, 0.12))
        self.play(Create(axes), FadeIn(contours), run_time=1.5)
        self.play(FadeIn(target, target_label), Write(loop), run_time=1.5)
        self.add_foreground_mobjects(target)  # seen inside the walker when it arrives
        self.say("Coordinate descent fixes all weights but one, and solves for it exactly.")
        self.wait(1.5)

        # The moving point and the step readout are functions of the step counter.
        step = ValueTracker(0)
        k = lambda: int(round(step.get_value()))
        walker = Switch(k, lambda i: Dot(axes.c2p(*trace.coefs[i]), 0.13, color=INK))
        trail = Switch(k, lambda i: self.trail(axes, trace, i))
        panel = Switch(k, lambda i: self.panel(trace, i, loop))
        self.drawn.update(axes=axes, walker=walker, trace=trace, target=target)
        self.add(trail, walker)
        self.play(FadeIn(panel), run_time=0.5)
        self.say("Each step moves along one axis: sideways for w1, up or down for w2.")
        for i in range(1, SLOW_STEPS + 1):
            self.play(step.animate.set_value(i), run_time=0.3, rate_func=linear)
            self.wait(1.1)
            if i == 2:
                self.key_frame("the first sweep: two axis-parallel steps")
            if i == SLOW_STEPS:
                self.key_frame("three sweeps: the zig-zag")
        self.say("Correlated features make it zig-zag, in ever smaller steps.")
        self.play(step.animate.set_value(len(trace.coefs) - 1), run_time=5, rate_func=linear)
        self.play(Flash(target, color=CONTACT_COLOR), run_time=0.8)
        self.say(f"After {trace.n_sweeps} sweeps the duality gap certifies the lasso solution.")
        self.key_frame("converged")
        self.wait(3.5)

    @staticmethod
    def trail(axes, trace, i):
        """Every step taken so far, coloured by the feature it updated.

        Parameters
        ----------
        axes : manim.Axes
            The weight plane.
        trace : lassofast.geometry.CDTrace
            The trace.
        i : int
            Steps taken.

        Returns
        -------
        manim.VGroup
            One arrow per step that moved a weight.
        """
        moves = VGroup()
        for k in range(i):
            a, b = trace.coefs[k], trace.coefs[k + 1]
            if np.allclose(a, b):
                continue
            moves.add(Arrow(axes.c2p(*a), axes.c2p(*b), buff=0, stroke_width=4,
                            color=feature_color(int(trace.coordinate[k])),
                            tip_length=0.18, max_tip_length_to_length_ratio=0.3,
                            max_stroke_width_to_length_ratio=20))
        return moves

    @staticmethod
    def panel(trace, i, anchor):
        """The step just taken: sweep, coordinate, z, band and the new weight (all from the trace).

        Parameters
        ----------
        trace : lassofast.geometry.CDTrace
            The trace.
        i : int
            Steps taken (0: the start).
        anchor : manim.Mobject
            The panel is placed below it.

        Returns
        -------
        manim.VGroup
            The rows of text.
        """
        if i == 0:
            rows = VGroup(text("start at w = (0, 0)", 28))
        else:
            j = int(trace.coordinate[i - 1])
            color = feature_color(j)
            head = text(f"sweep {trace.sweep[i - 1]}: update w{j + 1}", 28, color)
            z = VGroup(math("z =", 34), Number(trace.z[i - 1], num_decimal_places=3, font_size=34,
                                              color=INK),
                       math(r",\quad \text{band}\ \pm", 34),
                       Number(trace.threshold[i - 1], num_decimal_places=3, font_size=34, color=INK))
            new = VGroup(math(rf"w_{j + 1} = S(z, \lambda) =", 34, color),
                         Number(trace.coefs[i, j], num_decimal_places=3, font_size=34, color=color))
            z.arrange(RIGHT, buff=0.12)
            z[2:].shift(0.08 * LEFT)  # the comma hugs the number before it
            rows = VGroup(head, z, new.arrange(RIGHT, buff=0.15))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        return rows.next_to(anchor, DOWN, 0.6, aligned_edge=LEFT)
