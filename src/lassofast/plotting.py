"""Figures: a regularisation path (glmnet's ``plot``) and a cross-validation curve.

matplotlib is optional (the ``plot`` extra) and imported only inside the functions. Feature j is drawn
in ``feature_color(j)`` — the same colour it has in the explainer videos.
"""
import numpy as np

from .palette import CONTACT_COLOR, FEATURE_COLORS, ON_WHITE, feature_color, type_size  # one palette

# The course's type sizes in points (lassofast.palette.TYPE_SCALE; tick labels are the body size).
HEADING, LABEL, SMALL = (type_size(role, "figure") for role in ("heading", "label", "small"))

__all__ = ["FEATURE_COLORS", "feature_color", "plot_path", "plot_cv"]

# Colours from lassofast.palette only (figures, videos and explorer share one palette).
CURVE_COLOR, ONE_SE_COLOR, ZERO_LINE = (ON_WHITE[name] for name in ("CURVE_COLOR", "ONE_SE_COLOR", "ZERO_LINE"))
BEST_COLOR = CONTACT_COLOR  # the chosen α: the videos' colour for the solution
LEGEND_MAX_FEATURES = 10   # beyond this a legend hides the plot: the line ends are labelled instead
LABEL_MAX_FEATURES = 25    # at most this many end labels (the largest |coefficient| at the smallest α)


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("Plotting needs matplotlib: pip install 'lassofast[plot]'.") from None
    return plt


def _new_axes(ax):
    if ax is None:
        _, ax = _pyplot().subplots(figsize=(7.0, 4.5), layout="constrained")
    return ax


def plot_path(path, ax=None, feature_names=None, n_top_ticks=6):
    """Coefficient paths against α (log scale, α growing to the right), like glmnet's ``plot``.

    One line per feature, coloured by :func:`feature_color` (12 distinct colours); the top axis gives
    the number of non-zero coefficients at ``n_top_ticks`` grid points. Lines are named by
    ``feature_names``, else the path's own (:attr:`Path.feature_names`, from a DataFrame), else
    x1..xp: in a legend up to ``LEGEND_MAX_FEATURES`` features, beyond that by a label at the line's
    end (smallest α; the ``LABEL_MAX_FEATURES`` largest there). α = 0 (if on the grid) cannot be
    shown on a log axis. Returns the matplotlib Axes.

    Parameters
    ----------
    path : lassofast.Path
        The path to draw.
    ax : matplotlib Axes, optional
        Where to draw (a new figure by default).
    feature_names : sequence of str, optional
        One name per feature.
    n_top_ticks : int, default=6
        Non-zero counts shown on the top axis.

    Returns
    -------
    matplotlib Axes
        The axes drawn on.
    """
    p = path.coefs.shape[0]
    if feature_names is None:
        names = path.names() if hasattr(path, "names") else [f"x{j + 1}" for j in range(p)]
    else:
        names = list(feature_names)
    if len(names) != p:
        raise ValueError(f"feature_names has {len(names)} names but the path has {p} features.")
    ax = _new_axes(ax)
    ax.axhline(0.0, color=ZERO_LINE, linewidth=0.8, zorder=1)
    for j in range(p):
        ax.plot(path.alphas, path.coefs[j], color=feature_color(j), linewidth=1.6, label=names[j], zorder=2)
    ax.set_xscale("log")
    ax.set_xlabel("α (log scale)", fontsize=LABEL)
    ax.set_ylabel("coefficient", fontsize=LABEL)
    if p <= LEGEND_MAX_FEATURES:
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=SMALL, frameon=False)
    else:
        _label_line_ends(ax, path, names)

    from matplotlib.ticker import NullLocator
    shown = np.flatnonzero(path.alphas > 0)
    if shown.size:
        picks = np.unique(np.linspace(shown[0], shown[-1], num=min(n_top_ticks, shown.size)).round().astype(int))
        top = ax.secondary_xaxis("top")
        top.set_xticks(path.alphas[picks], [str(n) for n in path.n_nonzero()[picks]])
        top.xaxis.set_minor_locator(NullLocator())
        top.set_xlabel("non-zero coefficients", fontsize=LABEL)
    return ax


def _label_line_ends(ax, path, names):
    """Name each line at its end (the smallest positive α, the left edge), in the line's colour."""
    shown = np.flatnonzero(path.alphas > 0)
    if not shown.size:
        return
    k = shown[-1]
    end = path.coefs[:, k]
    order = np.argsort(-np.abs(end), kind="stable")[:LABEL_MAX_FEATURES]
    for j in order:
        if end[j] == 0:
            continue
        ax.annotate(names[j], (path.alphas[k], end[j]), xytext=(-3, 0), textcoords="offset points",
                    ha="right", va="center", fontsize=SMALL, color=feature_color(j))
    low, high = ax.get_xlim()
    ax.set_xlim(low / 3, high)  # room for the labels left of the lines' ends


def plot_cv(cv_estimator, ax=None):
    """Mean held-out MSE against α with a ±1 standard-error band, the chosen α and the one-SE α.

    ``cv_estimator`` is a fitted :class:`lassofast.LassoCV` or :class:`lassofast.ElasticNetCV`; with
    several l1_ratios the curve of the chosen ``l1_ratio_`` is drawn. Returns the matplotlib Axes.

    Parameters
    ----------
    cv_estimator : LassoCV or ElasticNetCV
        A fitted CV estimator.
    ax : matplotlib Axes, optional
        Where to draw (a new figure by default).

    Returns
    -------
    matplotlib Axes
        The axes drawn on.
    """
    from sklearn.utils.validation import check_is_fitted

    check_is_fitted(cv_estimator, "mse_path_")
    alphas, mean, se = cv_estimator.cv_curve()
    ax = _new_axes(ax)
    ax.fill_between(alphas, mean - se, mean + se, color=CURVE_COLOR, alpha=0.18, linewidth=0,
                    label="±1 standard error")
    ax.plot(alphas, mean, color=CURVE_COLOR, linewidth=1.6, marker=".", markersize=4,
            label=f"mean over {cv_estimator.mse_path_.shape[-1]} folds")
    alpha_min = getattr(cv_estimator, "alpha_min_", cv_estimator.alpha_)
    ax.axvline(alpha_min, color=BEST_COLOR, linestyle="--", linewidth=1.4,
               label=f"min MSE: α = {alpha_min:.3g}")
    ax.axvline(cv_estimator.alpha_1se_, color=ONE_SE_COLOR, linestyle=":", linewidth=1.6,
               label=f"one SE: α = {cv_estimator.alpha_1se_:.3g}")
    ax.set_xscale("log")
    ax.set_xlabel("α (log scale)", fontsize=LABEL)
    ax.set_ylabel("held-out mean squared error", fontsize=LABEL)
    if cv_estimator.mse_path_.ndim == 3:
        ax.set_title(f"l1_ratio = {cv_estimator.l1_ratio_:g}", fontsize=HEADING)
    ax.legend(loc="best", fontsize=SMALL, frameon=False)
    return ax
