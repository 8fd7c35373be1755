"""ChoosingLambda: K-fold cross-validation picks λ — the error curve builds fold by fold.

Everything is ``lassofast.LassoCV`` on the demo data (x1..x6): each fold's held-out error along the
grid (``mse_path_``), their mean and glmnet's standard error (``cv_curve()``), the minimum
(``alpha_min_``) and the one-standard-error choice (``alpha_1se_``); the chosen model's weights are
``coef_``, shown on the lasso path over the same grid.
"""
import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, LaggedStart, ReplacementTransform,
                   VGroup, VMobject, Write)

import lassofast

from . import problems
from .style import (CONTACT_COLOR, INK, L1_COLOR, L2_COLOR, MUTED, SMALL_SIZE, Lesson, LogPathAxes,
                    dashed, feature_color, feature_name, math, on_backdrop, text)

__all__ = ["ChoosingLambda", "cross_validation", "running_curve", "N_FOLDS", "FOLD_COLOR"]

N_FOLDS = 5
FOLD_COLOR = "#6f7a90"


def cross_validation():
    """The demo data, its fitted LassoCV (one-SE rule) and the lasso path on the CV grid.

    Returns
    -------
    data : lassofast.datasets.Demo
        The demo data (x1..x6).
    cv : lassofast.LassoCV
        Fitted with ``N_FOLDS`` folds and ``selection_rule="1se"``.
    path : lassofast.Path
        The lasso path on ``cv.alphas_``.
    """
    data = problems.demo()
    cv = lassofast.LassoCV(cv=N_FOLDS, selection_rule="1se").fit(data.X, data.y)
    path = lassofast.lasso_path(data.X, data.y, alphas=cv.alphas_)
    return data, cv, path


def running_curve(mse_path, k):
    """Mean held-out MSE and its standard error over the first k folds (glmnet's SE; 0 for one fold).

    Parameters
    ----------
    mse_path : ndarray of shape (n_alphas, n_folds)
        ``LassoCV.mse_path_``.
    k : int
        How many folds (the first k) to average.

    Returns
    -------
    mean : ndarray of shape (n_alphas,)
        Mean held-out MSE.
    se : ndarray of shape (n_alphas,)
        Its standard error.
    """
    folds = mse_path[:, :k]
    se = folds.std(axis=1, ddof=1) / np.sqrt(k) if k > 1 else np.zeros(len(folds))
    return folds.mean(axis=1), se


class ChoosingLambda(Lesson):
    """K-fold cross-validation builds the error curve fold by fold; λ_min and the one-SE λ."""
    def construct(self):
        data, cv, path = cross_validation()
        alphas, p = cv.alphas_, data.X.shape[1]
        lo, hi = alphas[-1], alphas[0]
        self.show_title("Choosing λ by cross-validation")

        mean, se = running_curve(cv.mse_path_, N_FOLDS)
        k_min = int(np.flatnonzero(alphas == cv.alpha_min_)[0])
        # The error axis shows up to about twice the one-SE level, where the choice happens; the curves
        # of the largest λ (all weights near 0) run off the top.
        top = float(np.ceil(4 * (mean[k_min] + se[k_min])) / 2)
        err = LogPathAxes(lo, hi, 0, top, width=5.5, height=4.0, w_step=0.5, decimals=1) \
            .move_to([-3.05, -0.05, 0])  # (its rotated axis name clear of the frame margin)
        err_x = text("penalty λ (log scale)", SMALL_SIZE, MUTED).next_to(err.ticks, DOWN, 0.1)
        err_y = text("held-out MSE", SMALL_SIZE + 2, MUTED).rotate(np.pi / 2) \
            .next_to(err.axes.y_axis, LEFT, 0.55)
        self.play(Create(err), FadeIn(err_x, err_y), run_time=1.5)
        self.say(f"Split the rows into {N_FOLDS} folds; fit the path without one fold, test on it.")

        def curve(values, color, width, opacity=1.0):
            below = np.flatnonzero(values <= top)   # the grid runs from large to small λ
            shown = slice(below[0], None) if len(below) else slice(0, 0)
            return VMobject(stroke_color=color, stroke_width=width, stroke_opacity=opacity) \
                .set_points_as_corners([err.point(a, v) for a, v in zip(alphas[shown], values[shown])])

        def band(mean, se):
            upper = [err.point(a, v) for a, v in zip(alphas, np.minimum(mean + se, top))]
            lower = [err.point(a, v) for a, v in zip(alphas[::-1], np.minimum(mean - se, top)[::-1])]
            return VMobject(stroke_width=0, fill_color=L2_COLOR, fill_opacity=0.3) \
                .set_points_as_corners(upper + lower + [upper[0]])

        fold_label = text("", SMALL_SIZE + 4)
        shown = None
        for k in range(1, N_FOLDS + 1):
            fold = curve(cv.mse_path_[:, k - 1], FOLD_COLOR, 1.5, 0.9)
            mean, se = running_curve(cv.mse_path_, k)
            now = VGroup(band(mean, se), curve(mean, INK, 4))
            label = text(f"folds: {k} of {N_FOLDS}", SMALL_SIZE + 4).next_to(err.axes, UP, 0.15,
                                                                            aligned_edge=RIGHT)
            moves = [Create(fold), ReplacementTransform(fold_label, label)]
            moves.append(FadeIn(now) if shown is None else ReplacementTransform(shown, now))
            self.play(*moves, run_time=1.6 if k == 1 else 1.1)
            fold_label, shown = label, now
            if k == 1:
                self.say("Each grey line is one fold's error; white is their mean, the band ±1 SE.")
        self.drawn.update(curve=shown, mean=mean, se=se, err_axes=err)
        self.key_frame("the CV curve, fold by fold")
        self.wait(1)

        # The minimum and the one-standard-error choice.
        k_1se = int(np.flatnonzero(alphas == cv.alpha_1se_)[0])
        marks = VGroup()
        for k, color, name in ((k_min, CONTACT_COLOR, r"\lambda_{\min}"), (k_1se, L1_COLOR, r"\lambda_{1\mathrm{SE}}")):
            line = dashed(err.point(alphas[k], 0), err.point(alphas[k], top), color, 3)
            dot = Dot(err.point(alphas[k], mean[k]), 0.08, color=color)
            label = on_backdrop(math(name, SMALL_SIZE + 10, color).next_to(line, UP, 0.08))
            _keep_clear(label, err, [fold_label] + [mark[2] for mark in marks])
            marks.add(VGroup(line, dot, label))
        level = dashed(err.point(lo, mean[k_min] + se[k_min]), err.point(hi, mean[k_min] + se[k_min]),
                       L1_COLOR, 2)
        self.say("The smallest mean error is at λₘᵢₙ.")
        self.play(FadeIn(marks[0]), run_time=1)
        self.wait(1.5)
        self.say("One-SE rule: the largest λ whose error is within one SE of the minimum.")
        self.play(Create(level), run_time=1)
        self.play(FadeIn(marks[1]), run_time=1)
        self.drawn.update(marks={"min": marks[0], "1se": marks[1]})
        self.key_frame("λ_min and the one-SE λ")
        self.wait(2)

        # The chosen model on the coefficient path.
        w_lo = float(np.floor(path.coefs.min() * 2) / 2 - 0.25)
        w_hi = float(np.ceil(path.coefs.max() * 2) / 2 + 0.25)
        coef = LogPathAxes(lo, hi, w_lo, w_hi, width=5.6, height=4.0).move_to([3.6, -0.05, 0])
        coef_x = text("penalty λ (log scale)", SMALL_SIZE, MUTED).next_to(coef.ticks, DOWN, 0.1)
        coef_y = math("w_j", 30, MUTED).next_to(coef.axes.y_axis.get_top(), LEFT, 0.15)
        lines = VGroup(*[VMobject(stroke_color=feature_color(j), stroke_width=3.5).set_points_as_corners(
            [coef.point(a, w) for a, w in zip(alphas, path.coefs[j])]) for j in range(p)])
        self.say("The same grid on the lasso path of all the data.")
        self.play(Create(coef), FadeIn(coef_x, coef_y), LaggedStart(*[Create(l) for l in lines],
                                                                   lag_ratio=0.1), run_time=2.5)
        chosen = dashed(coef.point(cv.alpha_, w_lo), coef.point(cv.alpha_, w_hi), L1_COLOR, 3)
        dots = VGroup(*[Dot(coef.point(cv.alpha_, w), 0.08, color=feature_color(j))
                        for j, w in enumerate(cv.coef_) if w != 0])
        kept = [feature_name(j) for j in np.flatnonzero(cv.coef_)]
        readout = VGroup(text("kept:", SMALL_SIZE + 4),
                         *[text(feature_name(j), SMALL_SIZE + 4, feature_color(j))
                           for j in np.flatnonzero(cv.coef_)],
                         text(f"({len(kept)} of {p})", SMALL_SIZE + 4, MUTED)) \
            .arrange(RIGHT, buff=0.14).next_to(coef.axes, UP, 0.15, aligned_edge=RIGHT)
        self.play(Create(chosen), LaggedStart(*[FadeIn(d, scale=2) for d in dots], lag_ratio=0.15),
                  Write(readout), run_time=1.8)
        self.drawn.update(coef_axes=coef, chosen_dots=dots, kept=kept, cv=cv, path=path)
        self.say(f"At the one-SE λ = {cv.alpha_:.3f} the model keeps {len(kept)} of {p} features.")
        self.key_frame("the chosen model on the path")
        self.wait(3)


def _overlap(a, b, gap=0.05):
    """Whether two mobjects' boxes, grown by gap, intersect."""
    return (a.get_left()[0] < b.get_right()[0] + gap and b.get_left()[0] < a.get_right()[0] + gap
            and a.get_bottom()[1] < b.get_top()[1] + gap and b.get_bottom()[1] < a.get_top()[1] + gap)


def _keep_clear(label, axes, taken):
    """Move a label set above a λ line off the tick labels and the labels already placed.

    The y axis's numbers sit left of the axis, so a label reaching past it slides right (λ_min is at the
    axis when it is the grid's smallest λ); a label on another one goes up above it.

    Parameters
    ----------
    label : manim.Mobject
        The label (moved in place).
    axes : LogPathAxes
        The axes the line belongs to.
    taken : list of manim.Mobject
        Labels already on screen there.
    """
    inside = axes.axes.y_axis.get_center()[0] + 0.08 - label.get_left()[0]
    if inside > 0:
        label.shift(inside * RIGHT)
    hit = [m for m in taken if _overlap(label, m)]
    while hit:   # it only moves up, so this ends
        label.shift((min(m.get_top()[1] for m in hit) + 0.08 - label.get_bottom()[1]) * UP)
        hit = [m for m in taken if _overlap(label, m)]
