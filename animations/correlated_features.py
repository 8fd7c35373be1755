"""CorrelatedFeaturesBreakIt: two nearly identical features — lasso's pick flips, elastic net shares.

The explainer page's "Now break it" (see the README). Two features with correlation 0.95 and equal true weights: the loss
contours are long and thin, almost parallel to the diamond's edge, so which corner they touch hangs
on the sample. Bootstrap refits (``lassofast.geometry.selection_stability``) show lasso keeping x1 on
some resamples and x2 on others; the elastic net at the same α keeps both, every time.
"""
import numpy as np
from manim import (DOWN, LEFT, RIGHT, Create, Dot, DrawBorderThenFill, FadeIn, FadeOut,
                   LaggedStart, Rectangle, ReplacementTransform, VGroup, Write)

import lassofast
from lassofast import geometry

from . import problems
from .style import (CONTACT_COLOR, ENET_COLOR, INK, L1_COLOR, LOSS_COLOR, MUTED, OLS_COLOR,
                    TOUCH_COLOR, Lesson, feature_color, math, on_backdrop, plane_axes, plane_curve,
                    region, text)

__all__ = ["CorrelatedFeaturesBreakIt", "break_it", "window", "ENET_L1_RATIO", "N_RESAMPLES", "PLOT_SIZE",
           "PANEL_X"]

ENET_L1_RATIO = 0.5
N_RESAMPLES = 200
PLOT_SIZE = 5.9    # the weight-plane picture's side, in frame units
PANEL_X = 1.6      # left edge of the text and bars on the right


def break_it():
    """Everything the scene shows, from lassofast.

    α is the geometric middle of the two features' entry points on the lasso path (so the full data
    keeps exactly one); the elastic net uses the same α with l1_ratio 0.5.

    Returns
    -------
    dict
        ``X``, ``y``, ``alpha``, ``corr`` and, for ``"lasso"`` and ``"enet"``, the region's kind,
        l1_ratio and radius, its exact ``solution`` and the bootstrap ``stability``.
    """
    X, y = problems.correlated_pair()
    entries = sorted(knots[0].alpha for knots in lassofast.lasso_path(X, y).knots())
    alpha = float(np.sqrt(entries[0] * entries[1]))
    out = {"X": X, "y": y, "alpha": alpha, "corr": float(np.corrcoef(X.T)[0, 1])}
    for name, kind, rho in (("lasso", "l1", 1.0), ("enet", "enet", ENET_L1_RATIO)):
        t = geometry.radius_for_alpha(X, y, alpha, kind, l1_ratio=rho)
        out[name] = {
            "kind": kind, "l1_ratio": rho, "radius": t,
            "solution": geometry.constrained_solution(X, y, t, kind, l1_ratio=rho),
            "stability": geometry.selection_stability(X, y, alpha, l1_ratio=rho,
                                                      n_resamples=N_RESAMPLES, random_state=0)}
    return out


def window(data):
    """The (lo, hi) range shown on both axes: everything the scene draws, with a margin — both
    regions whole (the elastic-net ball reaches furthest out along the axes), the least-squares
    point, and every bootstrap refit.

    Parameters
    ----------
    data : dict
        :func:`break_it`'s result.

    Returns
    -------
    lo, hi : float
        The range.
    """
    X, y = data["X"], data["y"]
    points = [geometry.constraint_boundary(d["kind"], d["radius"], l1_ratio=d["l1_ratio"])
              for d in (data["lasso"], data["enet"])]
    points += [geometry.loss_contours(X, y, [data["lasso"]["solution"].loss]).center[None, :]]
    points += [d["stability"].coefs for d in (data["lasso"], data["enet"])]
    points = np.vstack(points)
    lo, hi = min(points.min(), 0.0), max(points.max(), 0.0)
    margin = 0.08 * (hi - lo)
    return lo - margin, hi + margin


class CorrelatedFeaturesBreakIt(Lesson):
    """Two correlated features: the lasso's pick flips between resamples; the elastic net shares."""
    def construct(self):
        data = break_it()
        X, y, lasso, enet = data["X"], data["y"], data["lasso"], data["enet"]
        self.show_title("Now break it: correlated features")
        corr = math(rf"\operatorname{{corr}}(x_1, x_2) = {data['corr']:.2f}", 36)
        corr.move_to([PANEL_X, 2.4, 0], aligned_edge=LEFT)

        lo, hi = window(data)
        axes = plane_axes((lo, hi), (lo, hi), unit=PLOT_SIZE / (hi - lo)).move_to([-3.5, -0.1, 0])
        self.play(Create(axes), Write(corr), run_time=1.5)
        self.say("Two features that carry almost the same information.")
        sol = lasso["solution"]
        base = geometry.loss_contours(X, y, [sol.loss]).min_loss
        contours = self.contours(axes, X, y, base, sol.loss)
        ls = Dot(axes.c2p(*geometry.loss_contours(X, y, [sol.loss]).center), 0.08, color=OLS_COLOR)
        ls_label = on_backdrop(text("least squares", 24, OLS_COLOR).next_to(ls, RIGHT, 0.12))
        self.play(FadeIn(contours), FadeIn(ls, ls_label), run_time=1.5)
        self.say("Their loss contours: long, thin, almost parallel to a diamond edge.")
        diamond = region(axes, geometry.constraint_boundary("l1", lasso["radius"]), L1_COLOR,
                         fill_opacity=0.3)  # small, and later drawn over the elastic-net region
        contact = Dot(axes.c2p(*sol.coef), 0.1, color=CONTACT_COLOR)
        self.play(DrawBorderThenFill(diamond), run_time=1.5)
        self.play(FadeIn(contact, scale=3), run_time=0.8)
        kept = int(np.flatnonzero(sol.coef)[0])
        self.say(f"On this sample the contact is the x{kept + 1} corner. But it hangs on a thread.")
        self.drawn.update(axes=axes, lasso_contact=contact, data=data)
        self.key_frame("thin contours, a corner by a thread")
        self.wait(2.5)

        # Bootstrap: refit on resampled rows; each dot is one refit's weights.
        self.say(f"Refit on {N_RESAMPLES} resamples of the data: lasso flips between x1 and x2.")
        cloud = self.cloud(axes, lasso["stability"])
        bars = self.bars(lasso["stability"], "Lasso", L1_COLOR, corr)
        self.drawn.update(lasso_bars=bars)
        self.play(LaggedStart(*[FadeIn(d, scale=2) for d in cloud], lag_ratio=0.02), run_time=5)
        self.bring_to_front(contact)  # the solution on top of the refits
        self.play(FadeIn(bars), run_time=1)
        self.say("Lasso keeps one of the pair - and which one is nearly a coin toss.")
        self.key_frame("lasso: the pick flips")
        self.wait(3)

        # The elastic net: the same α, half of the penalty moved to the ridge part.
        esol = enet["solution"]
        rounded = region(axes, geometry.constraint_boundary("enet", enet["radius"],
                                                          l1_ratio=ENET_L1_RATIO), ENET_COLOR)
        econtact = Dot(axes.c2p(*esol.coef), 0.1, color=CONTACT_COLOR)
        econtours = self.contours(axes, X, y, base, esol.loss)
        self.say("Elastic net (half L1, half L2) at the same λ: its edges bulge outward.")
        self.play(FadeOut(cloud, contact), ReplacementTransform(diamond, rounded),
                  ReplacementTransform(contours, econtours), run_time=2)
        # The lasso diamond again, on top, for comparison.
        again = region(axes, geometry.constraint_boundary("l1", lasso["radius"]), L1_COLOR,
                       fill_opacity=0.3)
        self.play(FadeIn(again), FadeIn(econtact, scale=3), run_time=0.8)
        self.say("The contact slides off the corner: both features share the weight.")
        self.wait(2)
        ecloud = self.cloud(axes, enet["stability"])
        ebars = self.bars(enet["stability"], "Elastic net", ENET_COLOR, bars)
        self.drawn.update(enet_contact=econtact, enet_bars=ebars)
        self.play(LaggedStart(*[FadeIn(d, scale=2) for d in ecloud], lag_ratio=0.02), run_time=4)
        self.bring_to_front(econtact)
        self.play(FadeIn(ebars), run_time=1)
        self.say("Refits keep both, every time: a stable choice for correlated features.")
        self.key_frame("elastic net: both kept")
        self.wait(3.5)

    @staticmethod
    def contours(axes, X, y, base, touch):
        """Loss contours spaced by the touching level; the touching one is drawn bright.

        Parameters
        ----------
        axes : manim.Axes
            The weight plane.
        X : ndarray of shape (n_samples, 2)
            The pair.
        y : ndarray of shape (n_samples,)
            Target.
        base : float
            The smallest loss (the least-squares point's).
        touch : float
            The loss of the contour that touches the region.

        Returns
        -------
        manim.VGroup
            The contours.
        """
        levels = base + (touch - base) * np.array([0.15, 0.5, 1.0, 2.0, 3.5])
        c = geometry.loss_contours(X, y, levels, n_points=300)
        return VGroup(*[plane_curve(axes, curve, TOUCH_COLOR if level == touch else LOSS_COLOR,
                                    2.5 if level == touch else 1.5, 1.0 if level == touch else 0.6)
                        for level, k in zip(levels, range(len(levels)))
                        for curve in ([c.points[k]] if not c.degenerate else list(c.lines[k]))])

    @staticmethod
    def cloud(axes, stability):
        """One small dot per bootstrap refit, coloured by what it kept (both: white, none: grey).

        Parameters
        ----------
        axes : manim.Axes
            The weight plane.
        stability : lassofast.geometry.SelectionStability
            The refits.

        Returns
        -------
        manim.VGroup
            The dots.
        """
        dots = VGroup()
        for w in stability.coefs:
            on = np.flatnonzero(w)
            color = MUTED if len(on) == 0 else feature_color(on[0]) if len(on) == 1 else INK
            dots.add(Dot(axes.c2p(*w), 0.045, color=color, fill_opacity=0.75))
        return dots

    @staticmethod
    def bars(stability, name, color, anchor):
        """How often the refits kept x1 alone, x2 alone, or both, as bars with percentages (disjoint
        shares, so lasso's either-or and elastic net's both read off directly).

        Parameters
        ----------
        stability : lassofast.geometry.SelectionStability
            The refits.
        name : str
            The method's name in the heading.
        color : str
            The heading's colour.
        anchor : manim.Mobject
            The bars are placed below it.

        Returns
        -------
        manim.VGroup
            The heading and the bars (``.values``: the three shares).
        """
        both = float(stability.joint_frequency()[0, 1])
        freq = [float(stability.frequency[0]) - both, float(stability.frequency[1]) - both, both]
        labels = ["x1 only", "x2 only", "both"]
        colors = [feature_color(0), feature_color(1), INK]
        head = text(f"{name} refits keep:", 26, color)
        rows = VGroup(head)
        for label, f, c in zip(labels, freq, colors):
            bar = Rectangle(width=max(2.6 * f, 0.02), height=0.28, stroke_width=0, fill_color=c,
                            fill_opacity=0.85)
            row = VGroup(text(label, 24, c), bar, text(f"{100 * f:.0f}%", 24, INK))
            row[0].set_x(0)
            bar.next_to(row[0], RIGHT, 0.25, aligned_edge=LEFT).align_to(row[0], LEFT).shift(1.35 * RIGHT)
            row[2].next_to(bar, RIGHT, 0.15)
            rows.add(row)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        rows.values = freq
        return rows.next_to(anchor, DOWN, 0.5, aligned_edge=LEFT)
