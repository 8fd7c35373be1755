"""HowThePathIsComputed: warm starts, the strong rule's working set, and the duality gap as certificate.

A real ``lassofast.lasso_path`` on 30 correlated features (40 α): its per-α sweep counts
(``Path.n_iters``, warm-started) against the same α each solved alone from zero, the sequential
strong rule at one grid point (computed from the path's previous solution, as the kernel does), and
the duality gap after every coordinate-descent sweep at that α (``geometry.coordinate_descent_trace``
replays the kernel's sweeps) falling below the tolerance — with the kernel's own final gap.
"""
import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UR, Create, Dot, FadeIn, GrowFromEdge, LaggedStart, Line,
                   Rectangle, VGroup, VMobject, Write)

import lassofast
from lassofast import geometry

from . import problems
from .style import (CONTACT_COLOR, INK, L1_COLOR, MUTED, SMALL_SIZE, Lesson, dashed, math,
                    on_backdrop, text)

__all__ = ["HowThePathIsComputed", "computed_path", "N_ALPHAS", "GAP_FLOOR", "WARM_COLOR", "COLD_COLOR"]

N_ALPHAS = 40
# A certified gap this small is rounding error, and its digits change with the BLAS in use: shown as
# "< 1e-12" and drawn at this floor, so the video and its captions are the same on every machine.
GAP_FLOOR = 1e-12
WARM_COLOR = L1_COLOR
COLD_COLOR = "#5b6478"


def computed_path():
    """Everything the scene shows, from lassofast (see the module docstring).

    Returns
    -------
    dict
        ``X``, ``y``, the warm-started ``path``, the ``cold`` sweep counts, the grid point ``k`` shown
        in detail, the strong rule's ``corr``, ``threshold`` and ``working`` set there, the replayed
        ``trace`` with its ``trace_gaps`` (the certificate after each sweep) and ``gap_tol``.
    """
    X, y = problems.many_features()
    path = lassofast.lasso_path(X, y, alphas=N_ALPHAS)
    cold = np.array([lassofast.lasso_path(X, y, alphas=[a]).n_iters[0] for a in path.alphas])
    # The grid point shown in detail: the first with 12 features in the model (mid-path).
    k = int(np.argmax(path.n_nonzero() >= 12))
    Xc, yc = X - X.mean(axis=0), y - y.mean()   # the intercept's centring, as the kernel sees the data
    n = len(yc)
    previous = path.coefs[:, k - 1]
    corr = np.abs(Xc.T @ (yc - Xc @ previous)) / n
    threshold = 2 * path.alphas[k] - path.alphas[k - 1]
    working = (corr >= threshold) | (previous != 0)
    trace = geometry.coordinate_descent_trace(X, y, path.alphas[k])
    return {"X": X, "y": y, "path": path, "cold": cold, "k": k, "corr": corr, "threshold": threshold,
            "working": working, "trace": trace,
            "trace_gaps": trace.sweep_gaps,   # the kernel's certificate after each replayed sweep
            "gap_tol": path.tol * float(yc @ yc) / n}


class HowThePathIsComputed(Lesson):
    """Warm starts, the strong rule's working set and the duality gap: 40 lassos in a few sweeps each."""
    def construct(self):
        d = computed_path()
        path, cold, k = d["path"], d["cold"], d["k"]
        p = d["X"].shape[1]
        self.drawn.update(data=d)
        self.show_title("How a path of 40 models is computed")

        # Sweeps per α: the path's warm starts against cold starts, over the whole grid.
        chart = self.sweep_chart(path.n_iters, cold)
        self.play(Create(chart.frame), run_time=1)
        self.say(f"A path solves {len(path.alphas)} lassos in a row, from αₘₐₓ down.")
        self.wait(1.5)
        warm_total = Rectangle(width=0.4, height=0.22, stroke_width=0, fill_color=WARM_COLOR,
                               fill_opacity=0.95)
        legend_warm = VGroup(warm_total, text(f"warm start: {int(path.n_iters.sum())} sweeps in all",
                                              SMALL_SIZE + 4)).arrange(RIGHT, buff=0.15)
        legend_cold = VGroup(Rectangle(width=0.4, height=0.22, stroke_width=0, fill_color=COLD_COLOR,
                                       fill_opacity=0.95),
                             text(f"each from zero: {int(cold.sum())} sweeps", SMALL_SIZE + 4)) \
            .arrange(RIGHT, buff=0.15)
        VGroup(legend_warm, legend_cold).arrange(RIGHT, buff=0.9).move_to([0, 2.62, 0])
        self.say("Each α starts from the previous solution: a warm start needs few sweeps.")
        self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for b in chart.warm], lag_ratio=0.08),
                  FadeIn(legend_warm), run_time=4)
        self.say("Started from zero instead, the same α need far more sweeps.")
        self.play(LaggedStart(*[GrowFromEdge(b, DOWN) for b in chart.cold], lag_ratio=0.05),
                  FadeIn(legend_cold), run_time=2.5)
        self.drawn.update(chart=chart)
        self.key_frame("warm starts: sweeps per α")
        self.wait(2)

        # The strong rule at one grid point.
        marker = chart.marker(k)
        rule = self.strong_rule(d)
        self.play(FadeIn(marker), run_time=0.6)
        self.say(f"At α{_sub(k + 1)}: which of the {p} features can enter the model?")
        self.play(FadeIn(rule.frame), LaggedStart(*[GrowFromEdge(b, DOWN) for b in rule.bars],
                                                  lag_ratio=0.03), run_time=2)
        self.play(Create(rule.line), FadeIn(rule.line_label), run_time=1)
        self.say("Strong rule: features below 2αₖ − αₖ₋₁ are set aside (grey).")
        self.play(*[b.animate.set_fill(COLD_COLOR, 0.6) for b, w in zip(rule.bars, d["working"])
                    if not w], run_time=1.2)
        self.play(FadeIn(rule.count), run_time=0.6)
        self.say(f"Coordinate descent runs on the working set: {int(d['working'].sum())} of {p} features.")
        self.drawn.update(rule=rule)
        self.key_frame("the strong rule's working set")
        self.wait(2)

        # The certificate: the duality gap after each sweep, on a log axis.
        gap = self.gap_chart(d)
        self.play(FadeIn(gap.frame), Create(gap.tol_line), FadeIn(gap.tol_label), run_time=1.2)
        self.say("The duality gap bounds how far a sweep is from the optimum.")
        self.play(Create(gap.curve), LaggedStart(*[FadeIn(c) for c in gap.dots], lag_ratio=0.1),
                  run_time=4)
        self.say(f"From zero: {d['trace'].n_sweeps} sweeps until the gap is below tol - certified.")
        self.wait(1.5)
        self.play(FadeIn(gap.kernel, scale=2), FadeIn(gap.kernel_label), run_time=1)
        self.say(f"The path's kernel at this α: {int(path.n_iters[k])} sweeps, gap {_sci(path.dual_gaps[k])}.")
        self.drawn.update(gap=gap)
        self.key_frame("the gap falls below tol: certified")
        self.wait(2)
        worst = path.dual_gaps.max()
        gaps = f"every gap is {_sci(worst)}" if worst < GAP_FLOOR else f"the largest gap is {_sci(worst)}"
        self.say(f"All {len(path.alphas)} α are certified this way: {gaps}.")
        self.wait(3)

    def sweep_chart(self, warm, cold, left=-6.2, right=6.6, bottom=0.5, height=1.7):
        """Bars of sweeps per grid point, cold behind warm; α decreases to the right.

        Parameters
        ----------
        warm : ndarray of shape (K,)
            The path's sweeps per α (warm starts).
        cold : ndarray of shape (K,)
            Sweeps of each α solved from zero.
        left : float, default=-6.2
            The chart's left edge (frame units).
        right : float, default=6.6
            Its right edge.
        bottom : float, default=0.5
            Its baseline.
        height : float, default=1.7
            Its height.

        Returns
        -------
        manim.VGroup
            The frame (``.warm``, ``.cold``: the bars; ``.values``, ``.unit``, ``.marker(i)``).
        """
        K, top = len(warm), max(cold.max(), warm.max())
        step = (right - left) / K
        unit = height / top
        frame = VGroup(Line([left, bottom, 0], [right, bottom, 0], color=MUTED, stroke_width=2),
                       Line([left, bottom, 0], [left, bottom + height, 0], color=MUTED, stroke_width=2))
        for v in range(0, int(top) + 1, 5):
            frame.add(text(str(v), SMALL_SIZE, MUTED).next_to([left, bottom + v * unit, 0], LEFT, 0.1))
        frame.add(text("sweeps", SMALL_SIZE, MUTED).rotate(np.pi / 2)
                  .next_to([left, bottom + height / 2, 0], LEFT, 0.55))
        frame.add(math(r"\alpha_{\max}", SMALL_SIZE + 6, MUTED).next_to([left + step / 2, bottom, 0], DOWN, 0.1),
                  math(rf"10^{{-3}}\,\alpha_{{\max}}", SMALL_SIZE + 6, MUTED)
                  .next_to([right - step / 2, bottom, 0], DOWN, 0.1),
                  text(f"{K} grid points α, one lasso each", SMALL_SIZE, MUTED)
                  .next_to([0, bottom, 0], DOWN, 0.14))

        def bars(values, color, width):
            return VGroup(*[Rectangle(width=width * step, height=max(v * unit, 1e-3), stroke_width=0,
                                      fill_color=color, fill_opacity=0.95)
                            .move_to([left + (i + 0.5) * step, bottom + v * unit / 2, 0])
                            for i, v in enumerate(values)])

        chart = VGroup(frame)
        chart.frame, chart.cold, chart.warm = frame, bars(cold, COLD_COLOR, 0.8), bars(warm, WARM_COLOR, 0.5)
        chart.warm.set_z_index(1)  # the warm bars stay in front of the taller cold ones
        chart.values = {"warm": np.asarray(warm), "cold": np.asarray(cold)}
        chart.unit = unit
        chart.marker = lambda i: dashed([left + (i + 0.5) * step, bottom - 0.05, 0],
                                        [left + (i + 0.5) * step, bottom + height + 0.1, 0], INK, 2.5)
        return chart

    def strong_rule(self, d, left=-6.2, right=-0.9, bottom=-2.75, height=2.0):
        """The sequential strong rule at grid point k: each feature's |xⱼᵀr|/n at the previous solution
        against the threshold 2αₖ − αₖ₋₁, and the size of the working set it keeps.

        Parameters
        ----------
        d : dict
            :func:`computed_path`'s result.
        left : float, default=-6.2
            The chart's left edge (frame units).
        right : float, default=-0.9
            Its right edge.
        bottom : float, default=-2.75
            Its baseline.
        height : float, default=2.0
            Its height.

        Returns
        -------
        manim.VGroup
            The chart (``.bars``, ``.line``, ``.count``, ``.unit``, ``.bottom``).
        """
        corr, threshold = d["corr"], d["threshold"]
        p, top = len(corr), corr.max()
        step = (right - left) / p
        unit = height / top
        frame = VGroup(Line([left, bottom, 0], [right, bottom, 0], color=MUTED, stroke_width=2),
                       text("features x1 … x30", SMALL_SIZE, MUTED).next_to([(left + right) / 2, bottom, 0],
                                                                          DOWN, 0.1),
                       math(r"|x_j^\top r|/n", SMALL_SIZE + 8, MUTED)
                       .next_to([left, bottom + height, 0], UP, 0.05, aligned_edge=LEFT))
        bars = VGroup(*[Rectangle(width=0.7 * step, height=max(c * unit, 1e-3), stroke_width=0,
                                  fill_color=WARM_COLOR, fill_opacity=0.95)
                        .move_to([left + (j + 0.5) * step, bottom + c * unit / 2, 0])
                        for j, c in enumerate(corr)])
        y = bottom + threshold * unit
        line = Line([left, y, 0], [right, y, 0], color=CONTACT_COLOR, stroke_width=3)
        line_label = on_backdrop(math(r"2\alpha_k - \alpha_{k-1}", SMALL_SIZE + 8, CONTACT_COLOR)
                                 .next_to(line, RIGHT, 0.1).shift(0.0 * UP))
        count = text(f"working set: {int(d['working'].sum())} of {p}", SMALL_SIZE + 4, WARM_COLOR)
        count.next_to([right, bottom + height, 0], UP, 0.05, aligned_edge=RIGHT)
        rule = VGroup(frame, bars, line, line_label, count)
        rule.frame, rule.bars, rule.line, rule.line_label, rule.count = frame, bars, line, line_label, count
        rule.unit, rule.bottom = unit, bottom
        return rule

    def gap_chart(self, d, left=1.5, right=6.6, bottom=-2.75, height=2.0):
        """log10(gap) against sweep: the cold replay's gaps, tol, and the kernel's final gap.

        Parameters
        ----------
        d : dict
            :func:`computed_path`'s result.
        left : float, default=1.5
            The chart's left edge (frame units).
        right : float, default=6.6
            Its right edge, that of the "tol" label (the axis ends before it).
        bottom : float, default=-2.75
            Its baseline.
        height : float, default=2.0
            Its height.

        Returns
        -------
        manim.VGroup
            The chart (``.dots``, ``.tol_line``, ``.kernel``, ``.to_y``, ...).
        """
        gaps, tol, path, k = d["trace_gaps"], d["gap_tol"], d["path"], d["k"]
        # "tol" goes past the axis's right end, where no sweep's point can be: the axis ends that far in.
        tol_label = on_backdrop(text("tol", SMALL_SIZE + 2, CONTACT_COLOR))
        right -= tol_label.width + 0.12
        kernel_gap = max(float(path.dual_gaps[k]), GAP_FLOOR)
        lo = np.floor(np.log10(min(kernel_gap, gaps.min(), tol))) 
        hi = np.ceil(np.log10(gaps.max()))
        n = len(gaps)
        sx = (right - left) / n
        to_y = lambda g: bottom + (np.log10(g) - lo) / (hi - lo) * height
        frame = VGroup(Line([left, bottom, 0], [right, bottom, 0], color=MUTED, stroke_width=2),
                       Line([left, bottom, 0], [left, bottom + height, 0], color=MUTED, stroke_width=2),
                       text("sweep", SMALL_SIZE, MUTED).next_to([(left + right) / 2, bottom, 0], DOWN, 0.1),
                       text("duality gap (log)", SMALL_SIZE, MUTED)
                       .next_to([left, bottom + height, 0], UP, 0.05, aligned_edge=LEFT))
        for e in range(int(lo), int(hi) + 1, 4):
            frame.add(math(f"10^{{{e}}}", SMALL_SIZE + 2, MUTED).next_to([left, to_y(10.0 ** e), 0], LEFT, 0.08))
        points = [[left + (i + 1) * sx, to_y(g), 0] for i, g in enumerate(gaps)]
        curve = VMobject(stroke_color=INK, stroke_width=2.5).set_points_as_corners(points)
        dots = VGroup(*[Dot(q, 0.045, color=INK if g > tol else WARM_COLOR) for q, g in zip(points, gaps)])
        tol_line = dashed([left, to_y(tol), 0], [right, to_y(tol), 0], CONTACT_COLOR, 2.5)
        tol_label.next_to([right, to_y(tol), 0], RIGHT, 0.1)
        kernel = Dot([left + path.n_iters[k] * sx, to_y(kernel_gap), 0], 0.09, color=WARM_COLOR)
        kernel_label = on_backdrop(text("the path's kernel (warm start)", SMALL_SIZE, WARM_COLOR)
                                   .next_to(kernel, UR, 0.08))
        overflow = kernel_label.get_right()[0] - right   # kept inside the axis, clear of "tol"
        if overflow > 0:
            kernel_label.shift(overflow * LEFT)
        chart = VGroup(frame, curve, dots, tol_line, tol_label, kernel, kernel_label)
        chart.frame, chart.curve, chart.dots, chart.tol_line, chart.tol_label = frame, curve, dots, tol_line, tol_label
        chart.kernel, chart.kernel_label = kernel, kernel_label
        chart.to_y, chart.left, chart.sx, chart.kernel_gap = to_y, left, sx, kernel_gap
        return chart


def _sci(v):
    """A gap for people: 3.6e-05, or "< 1e-12" at rounding level (where it can even be a hair below 0)."""
    return "< 1e-12" if v < GAP_FLOOR else f"{v:.1e}".replace("e-0", "e-").replace("e+0", "e+")


def _sub(i):
    return str(i).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
