"""``lassofast geometry``: the lasso diamond and the ridge circle meeting the loss contours (a PNG).

Two panels for the same two demo features and the same budget t: on the left ||w||₁ ≤ t, on the
right ||w||₂ ≤ t. Each shows the least-squares point, a few contours of the squared loss, the one
contour that touches the region, and the contact point — the constrained solution. Everything drawn
comes from :mod:`lassofast.geometry`. The command line is :mod:`lassofast.cli.geometry`.
"""
from pathlib import Path

import numpy as np

from ._atomic import atomic_path
from .datasets import load_demo
from .geometry import constrained_solution, constraint_boundary, loss_contours
from .palette import ON_WHITE, type_size

__all__ = [
    "L1_COLOR", "L2_COLOR", "LOSS_COLOR", "TOUCH_COLOR", "CONTACT_COLOR", "AXIS_COLOR", "PANELS",
    "draw"
]

# The course palette's variants for a white page (lassofast.palette.ON_WHITE).
L1_COLOR, L2_COLOR, LOSS_COLOR, TOUCH_COLOR, CONTACT_COLOR, AXIS_COLOR = (
    ON_WHITE[name] for name in ("L1_COLOR", "L2_COLOR", "LOSS_COLOR", "TOUCH_COLOR", "CONTACT_COLOR", "MUTED"))

PANELS = (("l1", L1_COLOR, "Lasso", r"$|w_1| + |w_2| \leq t$"),
          ("l2", L2_COLOR, "Ridge", r"$w_1^2 + w_2^2 \leq t^2$"))


def _headline(sol, names):
    if sol.interior:
        return "the least-squares point is inside: no shrinkage"
    if sol.at_corner:
        zero = [names[j] for j in np.flatnonzero(sol.coef == 0)]
        return f"contact at a corner: weight of {zero[0]} is exactly 0"
    return "contact off the axes: both weights shrink, none is 0"


def _draw_panel(ax, X, y, kind, color, name, formula, radius, names, limits):
    sol = constrained_solution(X, y, radius, kind)
    base = loss_contours(X, y, [sol.loss])
    excess = sol.loss - base.min_loss
    levels = base.min_loss + excess * np.array([0.06, 0.25, 0.56, 1.0, 1.69, 2.56, 3.61])
    contours = loss_contours(X, y, levels, n_points=400)
    for k, level in enumerate(levels):
        touching = np.isclose(level, sol.loss)
        for curve in (contours.lines[k] if contours.degenerate else [contours.points[k]]):
            ax.plot(*curve.T, color=TOUCH_COLOR if touching else LOSS_COLOR,
                    lw=1.8 if touching else 0.9, zorder=3 if touching else 2)
    region = constraint_boundary(kind, radius, n_points=401)
    ax.fill(*region.T, color=color, alpha=0.18, lw=0, zorder=1)
    ax.plot(*region.T, color=color, lw=2.4, zorder=4)
    ax.axhline(0, color=AXIS_COLOR, lw=0.8, zorder=0)
    ax.axvline(0, color=AXIS_COLOR, lw=0.8, zorder=0)

    ax.plot(*base.center, marker="o", ms=6, color=TOUCH_COLOR, zorder=5)
    ax.annotate("least squares", base.center, xytext=(0, -17), textcoords="offset points",
                ha="center", fontsize=type_size("body", "figure"), color=TOUCH_COLOR)
    ax.plot(*sol.coef, marker="o", ms=10, color=CONTACT_COLOR, mec="white", mew=1.5, zorder=6)
    label = "(" + ", ".join("0" if w == 0 else f"{w:.2f}" for w in sol.coef) + ")"
    ax.annotate(f"solution {label}", sol.coef, xytext=(10, 12), textcoords="offset points",
                fontsize=type_size("heading", "figure"), color=CONTACT_COLOR, fontweight="bold", zorder=7,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85})

    ax.set_title(f"{name}: {formula}, t = {radius:g}\n{_headline(sol, names)}", fontsize=type_size("heading", "figure"))
    ax.set_xlabel(f"$w_1$  (weight of {names[0]})", fontsize=type_size("label", "figure"))
    ax.set_ylabel(f"$w_2$  (weight of {names[1]})", fontsize=type_size("label", "figure"))
    ax.set_xlim(limits[0])
    ax.set_ylim(limits[1])
    ax.set_aspect("equal")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _limits(center, radius):
    """A frame holding the region and the least-squares point, with a margin."""
    lo = np.minimum(center, -radius) - 0.45
    hi = np.maximum(center, radius) + 0.6
    return (lo[0], hi[0]), (lo[1], hi[1])


def draw(out, features=("x1", "x2"), radius=1.0, dpi=150):
    """Write the two-panel figure to ``out`` (PNG) and return the path. The file appears complete or not at
    all (written under a temporary name, then renamed: :mod:`lassofast._atomic`).

    Parameters
    ----------
    out : str or path-like
        The PNG file.
    features : tuple of str, default=("x1", "x2")
        Two demo features.
    radius : float, default=1.0
        The regions' radius.
    dpi : int, default=150
        Resolution.

    Returns
    -------
    str
        ``out``.
    """
    from matplotlib.figure import Figure  # not a core dependency: only this command needs it

    data = load_demo()
    unknown = [f for f in features if f not in data.feature_names]
    if unknown or features[0] == features[1]:
        raise ValueError(f"--features needs two different names from {', '.join(data.feature_names)}; "
                         f"got {' '.join(features)}.")
    cols = [data.feature_names.index(f) for f in features]
    X, y = data.X[:, cols], data.y
    center = loss_contours(X, y, [constrained_solution(X, y, radius).loss]).center
    limits = _limits(center, radius)

    fig = Figure(figsize=(11, 4.9), dpi=dpi, layout="constrained")
    axes = fig.subplots(1, 2)
    for ax, (kind, color, name, formula) in zip(axes, PANELS):
        _draw_panel(ax, X, y, kind, color, name, formula, radius, features, limits)
    fig.suptitle(f"Lasso vs ridge on the demo features {features[0]}, {features[1]}: "
                 f"where the loss contours first touch the region", fontsize=type_size("title", "figure"))
    with atomic_path(out) as part:  # the format from out's suffix, as savefig(out) would take it
        fig.savefig(part, dpi=dpi, facecolor="white", format=Path(out).suffix[1:] or "png")
    return out
