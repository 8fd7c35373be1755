"""The geometry of the lasso: constraint regions, loss contours, the contact point, and radius ↔ α.

The penalised problem (scikit-learn's objective, ρ = ``l1_ratio``)

    min_w  L(w) + α·pen_ρ(w),    L(w) = (1/(2n))·||yc − Xc·w||²,    pen_ρ(w) = ρ·||w||₁ + (1−ρ)/2·||w||²

is the Lagrangian of the constrained problem  min_w L(w)  subject to  pen(w) ≤ t.  Each t > 0 below
the path's end has one multiplier α ≥ 0 with the same solution. The regions ("kinds"):

- ``"l1"``:   ||w||₁ ≤ t, the diamond / cross-polytope (ρ = 1); its corners lie on the axes at ±t.
- ``"l2"``:   ||w||₂ ≤ t, the circle / sphere of radius t. It is ρ = 0 with ½||w||² ≤ ½t², so its α is
              the elastic net's α at ``l1_ratio=0`` (scikit-learn's ``Ridge(alpha=n·α)``).
- ``"enet"``: pen_ρ(w) ≤ t, glmnet's elastic-net ball (Zou & Hastie 2005 use the same family): a diamond
              with rounded edges whose corners, at ±a with ρa + (1−ρ)a²/2 = t, are still on the axes.
              It is not a scaled copy of itself: the larger t, the rounder it gets.

Data is centred first, as :func:`lassofast.enet_path` does (the intercept is fitted and profiled
out: L(w) = min_b (1/(2n))||y − Xw − b||²); already-centred data is unchanged. A constant column is
exactly zero after centring and its weight is 0 (the kernel's rule).

Everything returns plain float64 arrays or small frozen dataclasses, ready to draw.

The parts, one module each: :mod:`.regions` (the penalty, boundaries, meshes, normal cones),
:mod:`.contours` (loss level sets), :mod:`.solution` (the exact constrained solution and radius ↔ α),
:mod:`.cd_trace` (soft-thresholding and coordinate descent step by step), :mod:`.stability`
(selection across bootstrap resamples). The correlated-feature generators live in
:mod:`lassofast.datasets` and are re-exported here.
"""
from ..datasets import make_correlated_features, make_correlated_pair
from ._common import KINDS
from .cd_trace import CDTrace, CoordinateUpdate, coordinate_descent_trace, coordinate_update, soft_threshold_curve
from .contours import LossContours, loss_contours
from .regions import Mesh, constraint_boundary, constraint_mesh, normal_cone, penalty
from .solution import ConstrainedSolution, alpha_for_radius, constrained_solution, radius_for_alpha
from .stability import SelectionStability, selection_stability

__all__ = [
    "KINDS", "penalty", "constraint_boundary", "Mesh", "constraint_mesh", "normal_cone",
    "LossContours", "loss_contours", "ConstrainedSolution", "constrained_solution",
    "radius_for_alpha", "alpha_for_radius", "soft_threshold_curve", "CoordinateUpdate",
    "coordinate_update", "CDTrace", "coordinate_descent_trace", "SelectionStability",
    "selection_stability", "make_correlated_features", "make_correlated_pair",
]
