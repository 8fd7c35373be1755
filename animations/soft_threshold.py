"""SoftThreshold: the one-line update behind every exact zero, S(z, λ) and its dead band [−λ, λ].

Part 1 moves z along the axis and then widens the band: the curve is
``lassofast.geometry.soft_threshold_curve`` and every readout is ``lassofast.soft_threshold``.
Part 2 shows the six demo features at their lasso solution: each weight's z_j and band are
``lassofast.geometry.coordinate_update`` at the path's solution, and w_j = S(z_j, λ) holds for all.
"""
import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UR, Axes, Create, Dot, FadeIn, FadeOut, Line, Rectangle,
                   ValueTracker, VGroup, VMobject, Write, linear, smooth)

import lassofast
from lassofast import geometry

from .coefficient_snapping import grid_index, snapping_path
from .style import (BAND_COLOR, CONTACT_COLOR, INK, MUTED, Lesson, Number, Switch, dashed,
                    feature_color, legend, math, on_backdrop, redraw, text)

__all__ = ["SoftThreshold", "threshold_demo", "updates_at", "Z_MAX"]

Z_MAX = 2.5   # the picture's half-width in z; the demo's |z_j| stay below it on the swept range


def threshold_demo():
    """The demo path and the penalty of part 1: the grid point where 3 of the 6 weights are non-zero.

    Returns
    -------
    data : lassofast.datasets.Demo
        The demo data.
    path : lassofast.Path
        Its lasso path (:func:`coefficient_snapping.snapping_path`).
    alpha : float
        The penalty.
    """
    data, path = snapping_path()
    k = int(np.flatnonzero(path.n_nonzero() == 3)[0])
    return data, path, float(path.alphas[k])


def updates_at(data, path, k):
    """Coordinate-descent updates of all six weights at the path's solution at grid point k.

    Parameters
    ----------
    data : lassofast.datasets.Demo
        The demo data.
    path : lassofast.Path
        Its lasso path.
    k : int
        The grid point.

    Returns
    -------
    list of lassofast.geometry.CoordinateUpdate
        One per feature.
    """
    w, alpha = path.coefs[:, k], float(path.alphas[k])
    return [geometry.coordinate_update(data.X, data.y, w, j, alpha) for j in range(len(w))]


class SoftThreshold(Lesson):
    """S(z, λ) and its dead band [−λ, λ]: the one-line update that makes weights exactly 0."""
    def construct(self):
        data, path, lam0 = threshold_demo()
        self.show_title("Soft-thresholding: exact zeros")

        one = math(r"\min_w\ \tfrac12 (w - z)^2 + \lambda |w|", 36)
        rule = math(r"w = S(z,\lambda) = \operatorname{sign}(z)\,\max(|z| - \lambda,\ 0)", 34)
        formulas = VGroup(one, rule).arrange(DOWN, aligned_edge=LEFT, buff=0.3).to_corner(UR, buff=0.4)
        formulas.shift(0.75 * DOWN)
        axes = Axes(x_range=[-Z_MAX, Z_MAX, 1], y_range=[-2, 2, 1], x_length=6.5, y_length=5.3,
                    tips=False, axis_config={"color": MUTED, "stroke_width": 2})
        axes.move_to([-3.45, -0.3, 0])
        z_name = math("z", 32, MUTED).next_to(axes.x_axis, RIGHT, 0.1)
        w_name = math("w", 32, MUTED).next_to(axes.y_axis, UP, 0.1)
        self.play(Create(axes), FadeIn(z_name, w_name), Write(one), run_time=1.5)
        self.say("One weight at a time: z is the value least squares wants for it.")
        identity = dashed(axes.c2p(-2, -2), axes.c2p(2, 2), MUTED)
        identity_label = text("no penalty: w = z", 22, MUTED).move_to(axes.c2p(-1.62, 1.5))
        self.play(Create(identity), FadeIn(identity_label), run_time=1)
        self.wait(1)

        # The curve and its dead band, both functions of λ.
        lam = ValueTracker(lam0)
        band_label = on_backdrop(math(r"[-\lambda,\ \lambda]", 32, BAND_COLOR), 0.9)
        band_label.next_to(axes.c2p(0, -2), UP, 0.1)
        band = redraw(lambda: self.band(axes, lam.get_value(), band_label), lam)
        curve = redraw(lambda: self.curve(axes, lam.get_value()), lam)
        self.say("Lasso's answer S(z, λ): shrink z by λ, and inside [-λ, λ] give exactly 0.")
        self.play(Write(rule), FadeIn(band), Create(curve), run_time=2)
        self.wait(2)

        # Move z: outside the band w follows z (shifted by λ); inside, w is exactly 0.
        z = ValueTracker(2.1)
        probe = redraw(lambda: self.probe(axes, z.get_value(), lam.get_value()), z, lam)
        words = [math("z =", 34), math(r",\quad \lambda =", 34),
                 math(r"\Rightarrow\ \ w =", 34, CONTACT_COLOR), math("0", 34, CONTACT_COLOR),
                 text("exactly", 24, CONTACT_COLOR)]
        readout = redraw(lambda: self.readout(z.get_value(), lam.get_value(), formulas, words), z, lam)
        self.add(probe, readout)
        self.say("Slide z toward 0: once |z| ≤ λ, the weight is not small - it is exactly 0.")
        self.play(z.animate.set_value(-1.6), run_time=6, rate_func=smooth)
        self.play(z.animate.set_value(0.9 * lam0 + 0.1 * 2.1), run_time=2, rate_func=smooth)
        self.key_frame("z moves into the dead band")
        self.wait(1)
        self.say("A bigger λ widens the band and swallows more of the weights.")
        z_fixed = z.get_value()
        self.play(lam.animate.set_value(0.6 * z_fixed), run_time=1.5)
        self.play(lam.animate.set_value(1.15 * z_fixed), run_time=2.5)
        self.wait(1)
        self.play(FadeOut(probe, readout), run_time=0.5)
        self.remove(probe, readout)
        self.play(lam.animate.set_value(lam0), run_time=1)

        # The six demo features at their lasso solution: every weight is S(z_j, λ).
        cd = math(r"z_j = \tfrac{1}{n}\, x_j^\top\Big(y - \sum_{k \ne j} x_k w_k\Big)", 34)
        cd.next_to(formulas, DOWN, 0.45, aligned_edge=LEFT)
        k_of = lambda: grid_index(path, lam.get_value())
        dots = Switch(k_of, lambda k: self.features(axes, updates_at(data, path, k)))
        count_words = (text("inside the band, exactly 0:", 26), math(rf"/\,{path.coefs.shape[0]}", 34),
                       legend(path.coefs.shape[0]))
        count = Switch(k_of, lambda k: self.zero_count(updates_at(data, path, k), cd, count_words),
                       remember=False)
        self.drawn.update(path=path, data=data, dots=dots, count=count, axes=axes)
        self.say("Coordinate descent applies S to each feature in turn, zⱼ from the others.")
        self.play(Write(cd), FadeIn(dots), FadeIn(count), FadeOut(identity_label), run_time=2)
        self.key_frame("the six demo features at the solution")
        self.wait(2)
        self.say("At the solution each weight is S of its own z: in the band means deleted.")
        self.play(lam.animate.set_value(1.7), run_time=5, rate_func=linear)
        self.play(lam.animate.set_value(lam0), run_time=3, rate_func=smooth)
        self.key_frame("back at the first λ")
        self.wait(2.5)

    @staticmethod
    def band(axes, lam, label):
        """The dead band [−λ, λ] as a shaded strip, with its label.

        Parameters
        ----------
        axes : manim.Axes
            The (z, w) plane.
        lam : float
            λ.
        label : manim.Mobject
            The band's label.

        Returns
        -------
        manim.VGroup
            The strip and the label.
        """
        left, right = axes.c2p(-lam, 0), axes.c2p(lam, 0)
        box = Rectangle(width=right[0] - left[0], height=axes.y_length, stroke_width=0,
                        fill_color=BAND_COLOR, fill_opacity=0.14).move_to(axes.c2p(0, 0))
        return VGroup(box, label)

    @staticmethod
    def curve(axes, lam):
        """S(z, λ) over [−Z_MAX, Z_MAX] (lassofast.geometry.soft_threshold_curve).

        Parameters
        ----------
        axes : manim.Axes
            The (z, w) plane.
        lam : float
            λ.

        Returns
        -------
        manim.VMobject
            The curve.
        """
        points = geometry.soft_threshold_curve(lam, Z_MAX, n_points=101)
        return VMobject(stroke_color=INK, stroke_width=5).set_points_as_corners(
            [axes.c2p(z, w) for z, w in points])

    @staticmethod
    def probe(axes, z, lam):
        """A z on the axis, joined to its S(z, λ) on the curve.

        Parameters
        ----------
        axes : manim.Axes
            The (z, w) plane.
        z : float
            The input.
        lam : float
            λ.

        Returns
        -------
        manim.VGroup
            The dashed line and the two dots.
        """
        w = float(lassofast.soft_threshold(z, lam))
        on_axis, on_curve = axes.c2p(z, 0), axes.c2p(z, w)
        return VGroup(dashed(on_axis, on_curve, INK), Dot(on_axis, 0.08, color=INK),
                      Dot(on_curve, 0.1, color=CONTACT_COLOR))

    @staticmethod
    def readout(z, lam, anchor, words):
        """z, λ and w = S(z, λ); the fixed words are typeset once and reused every frame.

        Parameters
        ----------
        z : float
            The input.
        lam : float
            λ.
        anchor : manim.Mobject
            The read-out is placed below it.
        words : tuple of manim.Mobject
            The typeset "z =", ", λ =", "w =", "0" and "exactly".

        Returns
        -------
        manim.VGroup
            The two rows.
        """
        w = float(lassofast.soft_threshold(z, lam))
        z_is, lam_is, w_is, zero, exactly = words
        value = zero if w == 0 else Number(w, num_decimal_places=2, font_size=34, color=CONTACT_COLOR)
        given = VGroup(z_is, Number(z, num_decimal_places=2, font_size=34, color=INK), lam_is,
                       Number(lam, num_decimal_places=2, font_size=34, color=INK))
        given.arrange(RIGHT, buff=0.15)
        given[2:].shift(0.1 * LEFT)                   # the comma hugs the number before it
        result = VGroup(w_is, value).arrange(RIGHT, buff=0.15)
        if w == 0:
            result.add(exactly.next_to(value, RIGHT, 0.2))
        row = VGroup(given, result).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        return row.next_to(anchor, DOWN, 0.5, aligned_edge=LEFT)

    @staticmethod
    def features(axes, updates):
        """Each feature's z_j on the axis and its new weight on the curve, in its colour.

        Parameters
        ----------
        axes : manim.Axes
            The (z, w) plane.
        updates : list of lassofast.geometry.CoordinateUpdate
            One per feature (:func:`updates_at`).

        Returns
        -------
        manim.VGroup
            Dots and lines.
        """
        marks = VGroup()
        for u in updates:
            color = feature_color(u.feature)
            marks.add(Dot(axes.c2p(u.z, 0), 0.09, color=color),
                      Line(axes.c2p(u.z, 0), axes.c2p(u.z, u.new), color=color, stroke_width=2),
                      Dot(axes.c2p(u.z, u.new), 0.11, color=color))
        return marks

    @staticmethod
    def zero_count(updates, anchor, words):
        """How many weights the band zeroes, with the colour key (fixed words typeset once).

        Parameters
        ----------
        updates : list of lassofast.geometry.CoordinateUpdate
            One per feature.
        anchor : manim.Mobject
            The count is placed below it.
        words : tuple of manim.Mobject
            The typeset label, "of p" and the colour key.

        Returns
        -------
        manim.VGroup
            The count and the key (``.zeroed``: the number).
        """
        zeroed = sum(u.zeroed for u in updates)
        label, of, key = words
        row = VGroup(label, Number(zeroed, num_decimal_places=0, font_size=34, color=BAND_COLOR), of)
        row.arrange(RIGHT, buff=0.15).next_to(anchor, DOWN, 0.45, aligned_edge=LEFT)
        key.next_to(row, DOWN, 0.35, aligned_edge=LEFT)
        shown = VGroup(row, key)
        shown.zeroed = zeroed
        return shown
