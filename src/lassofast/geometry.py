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
"""
import itertools
import warnings
from dataclasses import dataclass

import numpy as np
from scipy.linalg import qr
from scipy.linalg.blas import daxpy, ddot
from scipy.optimize import brentq

from ._soft_threshold import soft_threshold
from ._validation import check_array, check_scalar, check_X_y
from . import exceptions
from .path import _Design, _Problem, enet_path
from .reference import center, duality_gap

__all__ = [
    "KINDS", "penalty", "constraint_boundary", "Mesh", "constraint_mesh", "normal_cone",
    "LossContours", "loss_contours", "ConstrainedSolution", "constrained_solution",
    "radius_for_alpha", "alpha_for_radius", "soft_threshold_curve", "CoordinateUpdate",
    "coordinate_update", "CDTrace", "coordinate_descent_trace", "SelectionStability",
    "selection_stability", "make_correlated_features", "make_correlated_pair",
]

KINDS = ("l1", "l2", "enet")
_EPS = np.finfo(np.float64).eps
_KERNEL_TOL = 1e-12      # the kernel only has to find the support; the exact formulas do the rest
_KERNEL_MAX_ITER = 20000
_KKT_RTOL = 1e-9         # optimality is certified up to this fraction of max|Xᵀy|


def _check_kind(kind, l1_ratio):
    """The ρ of a region: 1 for "l1", 0 for "l2", ``l1_ratio`` for "enet"."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of 'l1', 'l2', 'enet'; got {kind!r}.")
    if kind == "enet":
        return check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    return 1.0 if kind == "l1" else 0.0


def _pen(w, kind, rho):
    if kind == "l2":
        return float(np.sqrt(w @ w))
    return float(rho * np.abs(w).sum() + 0.5 * (1.0 - rho) * (w @ w))


def penalty(w, kind="l1", l1_ratio=0.5):
    """pen(w) for the region ``kind``: ||w||₁ ("l1"), ||w||₂ ("l2"), ρ||w||₁ + (1−ρ)/2||w||² ("enet")."""
    rho = _check_kind(kind, l1_ratio)
    return _pen(check_array(w, "w", ndim=1, dtype=np.float64), kind, rho)


# ---------------------------------------------------------------------------------------------
# Constraint regions
# ---------------------------------------------------------------------------------------------

def _scale_to_boundary(u, kind, t, rho):
    """Scale each non-zero row u to the boundary point s·u with pen(s·u) = t.

    For "enet", s solves ρ·s·||u||₁ + (1−ρ)/2·s²·||u||² = t, written
    s = 2t/(ρ||u||₁ + √(ρ²||u||₁² + 2(1−ρ)t||u||²)) so that ρ = 1 (s = t/||u||₁) and ρ = 0 (s = √(2t)/||u||)
    need no special case.
    """
    if t == 0:
        return np.zeros_like(u)
    l1 = np.abs(u).sum(axis=1)
    l2sq = np.einsum("ij,ij->i", u, u)
    if kind == "l1":
        s = t / l1
    elif kind == "l2":
        s = t / np.sqrt(l2sq)
    else:
        s = 2.0 * t / (rho * l1 + np.sqrt((rho * l1) ** 2 + 2.0 * (1.0 - rho) * t * l2sq))
    return u * s[:, None]


def _quarter_turn(points, q):
    """Rotate 2-D points by q·90° counter-clockwise, exactly (a swap and sign flips)."""
    x, y = points[:, 0], points[:, 1]
    return np.column_stack([(x, -y, -x, y)[q], (y, x, -y, -x)[q]])


def constraint_boundary(kind, radius, n_points=401, l1_ratio=0.5):
    """The boundary {w ∈ R² : pen(w) = radius} as a closed polyline, shape (n_points, 2).

    Counter-clockwise from the positive w₁ axis; the last row repeats the first. Each quadrant gets a
    quarter of the points and starts exactly on an axis, so the diamond's 4 corners (±t, 0), (0, ±t)
    (and the "enet" ball's axis points) are rows of the array. "l1" is sampled evenly along its
    edges, "l2" and "enet" evenly in angle. See the module docstring for the regions.
    """
    rho = _check_kind(kind, l1_ratio)
    t = check_scalar(radius, "radius", low=0.0)
    n_points = check_scalar(n_points, "n_points", low=5, integer=True)
    counts = np.full(4, (n_points - 1) // 4)
    counts[: (n_points - 1) % 4] += 1
    quarters = []
    for q, m in enumerate(counts):
        f = np.arange(m) / m
        arc = np.column_stack([1.0 - f, f]) if kind == "l1" else np.column_stack(
            [np.cos(0.5 * np.pi * f), np.sin(0.5 * np.pi * f)])
        quarters.append(_quarter_turn(arc, q))
    directions = np.vstack(quarters + [[[1.0, 0.0]]])
    return _scale_to_boundary(directions, kind, t, rho)


@dataclass(frozen=True, eq=False)
class Mesh:
    """A triangle mesh: ``vertices`` (V, 3) float, ``faces`` (F, 3) vertex indices (counter-clockwise
    seen from outside), ``edges`` (E, 2) vertex index pairs (every edge of every face, once)."""
    vertices: np.ndarray
    faces: np.ndarray
    edges: np.ndarray


def constraint_mesh(kind, radius, n_subdivisions=None, l1_ratio=0.5):
    """The 3-D region {w ∈ R³ : pen(w) ≤ radius} as a triangle :class:`Mesh` of its surface.

    Built from the octahedron (vertices ±t·e_i, one face per octant) with each face cut into
    ``n_subdivisions``² triangles and every vertex pushed radially onto the boundary. For "l1" the
    default (1) is the octahedron itself: 6 vertices, 12 edges, 8 faces; finer "l1" meshes stay flat.
    "l2" (the sphere) and "enet" default to 16 subdivisions (1026 vertices, 2048 faces).
    """
    rho = _check_kind(kind, l1_ratio)
    t = check_scalar(radius, "radius", low=0.0)
    m = (1 if kind == "l1" else 16) if n_subdivisions is None else check_scalar(
        n_subdivisions, "n_subdivisions", low=1, high=256, integer=True)
    index, lattice, faces = {}, [], []

    def vertex(key):  # integer lattice point with |i|+|j|+|k| = m, shared between faces
        if key not in index:
            index[key] = len(lattice)
            lattice.append(key)
        return index[key]

    for sx in (1, -1):
        for sy in (1, -1):
            for sz in (1, -1):
                corners = np.array([[sx, 0, 0], [0, sy, 0], [0, 0, sz]])
                if sx * sy * sz < 0:  # keep every face counter-clockwise seen from outside
                    corners = corners[[0, 2, 1]]
                a, b, c = corners

                def at(i, j):
                    return vertex(tuple(int(v) for v in c * m + i * (a - c) + j * (b - c)))

                for i in range(m):
                    for j in range(m - i):
                        faces.append((at(i, j), at(i + 1, j), at(i, j + 1)))
                        if i + j < m - 1:
                            faces.append((at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)))
    faces = np.array(faces, dtype=np.intp)
    vertices = _scale_to_boundary(np.array(lattice, dtype=np.float64) / m, kind, t, rho)
    edges = np.sort(np.vstack([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    return Mesh(vertices=vertices, faces=faces, edges=np.unique(edges, axis=0))


def normal_cone(coef, kind="l1", l1_ratio=0.5, max_rays=4096):
    """Unit generators of the outward normal cone of {pen ≤ pen(coef)} at ``coef``, shape (m, p).

    The cone is spanned by ∂pen(w) = {ρ·g + (1−ρ)·w : g_j = sign(w_j) if w_j ≠ 0, g_j ∈ [−1, 1] if w_j = 0}
    ({w/||w||} for "l2"), so a point with k zero coordinates (a corner of the diamond) has 2^k extreme
    rays, one row each; a smooth point has one row. Raises ValueError past ``max_rays`` rows.
    """
    rho = _check_kind(kind, l1_ratio)
    w = check_array(coef, "coef", ndim=1, dtype=np.float64)
    if kind == "l2" or rho == 0:
        if not w.any():
            raise ValueError("The ball with radius 0 is a point; its normal cone is every direction.")
        return (w / np.linalg.norm(w))[None, :]
    zero = np.flatnonzero(w == 0)
    if 2 ** len(zero) > max_rays:
        raise ValueError(f"coef has {len(zero)} zero coordinates, so the normal cone has 2^{len(zero)} "
                         f"extreme rays (more than max_rays={max_rays}); raise max_rays to list them.")
    choices = np.array(list(itertools.product((1.0, -1.0), repeat=len(zero))), dtype=np.float64)
    choices = choices.reshape(2 ** len(zero), len(zero))
    g = np.tile(np.sign(w), (len(choices), 1))
    g[:, zero] = choices
    rays = rho * g + (1.0 - rho) * w
    return rays / np.linalg.norm(rays, axis=1, keepdims=True)


# ---------------------------------------------------------------------------------------------
# Loss contours
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class LossContours:
    """Level sets {w : L(w) = c} of a 2-feature squared loss.

    With H = XcᵀXc/n = V·diag(λ)·Vᵀ and w_ls the least-squares solution,
    L(w) = L_min + ½(w − w_ls)ᵀH(w − w_ls), so level c is the ellipse centred at w_ls with semi-axis
    √(2(c − L_min)/λ_i) along eigenvector v_i. When H is singular (perfectly correlated features, λ₂ = 0)
    the level set is the pair of parallel lines v₁ᵀ(w − w_ls) = ±√(2(c − L_min)/λ₁) along v₂:
    ``degenerate`` is True, the semi-axis along v₂ is ``inf`` and ``lines`` holds them instead of ``points``.
    """
    center: np.ndarray        # (2,) least-squares solution (the minimum-norm one when degenerate)
    min_loss: float           # L at the centre
    eigenvalues: np.ndarray   # (2,) of XcᵀXc/n, decreasing (λ₂ = 0.0 exactly when degenerate)
    eigenvectors: np.ndarray  # (2, 2), column i belongs to eigenvalue i
    levels: np.ndarray        # (k,) loss values c
    semi_axes: np.ndarray     # (k, 2) half-lengths along the eigenvectors
    degenerate: bool
    points: np.ndarray        # (k, n_points, 2) closed ellipses (last row = first); empty if degenerate
    lines: np.ndarray         # (k, 2, 2, 2): level, line (−, +), segment end, xy; empty if not degenerate

    def polylines(self):
        """Every curve to draw as a list of (m, 2) arrays: one ellipse per level, or two lines."""
        if self.degenerate:
            return [seg for level in self.lines for seg in level]
        return list(self.points)


def loss_contours(X, y, levels, n_points=200, extent=None):
    """Contours of L(w) = (1/(2n))||yc − Xc·w||² at the given loss ``levels`` (see :class:`LossContours`).

    ``levels`` are values of L itself (the same scale as :attr:`ConstrainedSolution.loss`); each must
    be ≥ L_min. ``extent`` is the half-length of the lines drawn in the degenerate case (default: 3
    times the larger of |w_ls| and the lines' offset). Raises ValueError when both features are
    constant, because then the loss is flat and has no contours.
    """
    X, y = check_X_y(X, y)
    if X.shape[1] != 2:
        raise ValueError(f"loss_contours draws 2-feature problems; X has {X.shape[1]} features. "
                         f"Pick two columns, e.g. X[:, [0, 1]].")
    n_points = check_scalar(n_points, "n_points", low=3, integer=True)
    if np.ndim(levels) > 1:
        raise ValueError(f"levels must be a number or a 1-D sequence of losses; "
                         f"got shape {np.shape(levels)}.")
    levels = check_array(np.atleast_1d(levels), "levels", ndim=1, dtype=np.float64)
    data = _Centred(X, y)
    lam, vecs, flat = (a[..., ::-1] for a in _eigen(data.X.T @ data.X, data.n))   # decreasing
    rank = int((~flat).sum())
    if rank == 0:
        raise ValueError("Both features are constant, so the loss does not depend on w and has no "
                         "contours; use features that vary.")
    vecs = vecs * np.sign(vecs[np.abs(vecs).argmax(axis=0), [0, 1]])  # largest component positive
    eig = lam / data.n
    center_ = vecs[:, :rank] @ ((vecs[:, :rank].T @ data.Xty) / lam[:rank])
    r = data.y - data.X @ center_
    min_loss = float(r @ r / (2 * data.n))
    slack = 1e-12 * max(min_loss, float(data.y @ data.y) / (2 * data.n))
    if (levels < min_loss - slack).any():
        raise ValueError(f"Every level must be >= the smallest loss L_min = {min_loss:.6g} (no w has a "
                         f"lower loss); got {levels[levels < min_loss - slack][:3]}.")
    excess = 2.0 * np.maximum(levels - min_loss, 0.0)
    with np.errstate(divide="ignore"):
        semi = np.where(eig > 0, np.sqrt(excess[:, None] / np.where(eig > 0, eig, 1.0)), np.inf)
    if rank == 2:
        phi = np.linspace(0.0, 2.0 * np.pi, n_points)
        circle = np.column_stack([np.cos(phi), np.sin(phi)])
        pts = center_ + np.einsum("ka,ma,ba->kmb", semi, circle, vecs)
        pts[:, -1] = pts[:, 0]
        lines = np.zeros((0, 2, 2, 2))
    else:
        offset = semi[:, 0]
        half = check_scalar(extent, "extent", low=0.0, include_low=False) if extent is not None else \
            3.0 * max(float(np.linalg.norm(center_)), float(offset.max()), 1e-12)
        across, along = vecs[:, 0], vecs[:, 1]
        sides = np.array([-1.0, 1.0])
        base = center_ + sides[None, :, None] * offset[:, None, None] * across   # (k, 2, 2)
        lines = base[:, :, None, :] + (sides[:, None] * half * along)[None, None, :, :]
        pts = np.zeros((0, n_points, 2))
    return LossContours(center=center_, min_loss=min_loss, eigenvalues=eig, eigenvectors=vecs,
                        levels=levels, semi_axes=semi, degenerate=rank < 2, points=pts, lines=lines)


# ---------------------------------------------------------------------------------------------
# The contact point: exact constrained solutions
# ---------------------------------------------------------------------------------------------

class _Centred:
    """Centred float64 data (constant columns exactly 0), with what every exact solve needs."""

    def __init__(self, X, y):
        X = X.astype(np.float64, copy=False)
        y = y.astype(np.float64, copy=False)
        self.X, self.y, _, _ = center(X, y)
        self.X[:, np.ptp(X, axis=0) == 0] = 0.0
        if np.ptp(y) == 0:
            self.y[:] = 0.0
        self.n, self.p = self.X.shape
        self.live = np.flatnonzero(self.X.any(axis=0))
        self.Xty = self.X.T @ self.y
        self.scale = float(np.abs(self.Xty).max())
        self.full_rank = _Segment(self, self.live, np.zeros(len(self.live)), 0.0).n_flat == 0

    def loss(self, w):
        r = self.y - self.X @ w
        return float(r @ r / (2 * self.n))

    def alpha_max(self, rho):
        return self.scale / (self.n * rho) if rho > 0 else np.inf

    def kernel(self, alphas, rho, w0=None):
        """lassofast's own solver at a tight tol: (alphas decreasing, coefs (p, K))."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", exceptions.ConvergenceWarning)
            path = enet_path(self.X, self.y, l1_ratio=rho, alphas=alphas, fit_intercept=False,
                             coef_init=w0, tol=_KERNEL_TOL, max_iter=_KERNEL_MAX_ITER)
        return path.alphas, path.coefs

    def is_optimal(self, w, alpha, rho, signs=None):
        """KKT at α (to _KKT_RTOL): c = Xᵀ(y − Xw) − nα(1−ρ)w equals nαρ·sign(w) on the support and
        |c| ≤ nαρ off it; with ``signs``, the support must also carry those signs."""
        tol = _KKT_RTOL * self.scale
        c = self.X.T @ (self.y - self.X @ w) - self.n * alpha * (1.0 - rho) * w
        l1 = self.n * alpha * rho
        on = w != 0
        ok = (np.abs(c[~on]) <= l1 + tol).all() and (np.abs(c[on] - l1 * np.sign(w[on])) <= tol).all()
        if signs is not None:
            ok = ok and (signs * w >= -_KKT_RTOL * max(np.abs(w).max(initial=0.0), 1.0)).all()
        return bool(ok)

    def exact_at(self, alpha, rho, w_kernel):
        """The exact solution at α > 0 on the support the kernel found, or None if it is not optimal."""
        biggest = np.abs(w_kernel).max(initial=0.0)
        for w_ref in (w_kernel, np.where(np.abs(w_kernel) > 1e-9 * biggest, w_kernel, 0.0)):
            seg = _Segment.of(self, w_ref, rho)
            w = seg.coef(alpha)
            if self.is_optimal(w, alpha, rho):
                return seg.clean(w)
        return None

    def path_end(self, rho):
        """lim_{α→0} w(α): the least-squares solution of smallest penalty (the unique one if Xc has full
        column rank; for ridge the minimum-norm one)."""
        if rho == 0 or self.full_rank or self.scale == 0:
            return _Segment(self, self.live, np.zeros(len(self.live)), rho).coef(0.0)
        if rho == 1:
            *_, (seg, _, _) = _lasso_pieces(self)
            end = seg.clean(seg.coef(0.0))
        else:
            end = _enet_path_end(self, rho)
        if not self.is_optimal(end, 0.0, rho):
            raise RuntimeError("Could not certify the end of the path (α → 0) for this rank-deficient "
                               "design; drop duplicated or linearly dependent columns and retry.")
        return end


def _lasso_pieces(data):
    """The exact lasso path from α_max down to α = 0, one piece at a time: yields (segment, β_hi, β_lo)
    with β = nα, the piece being valid for β_lo ≤ β ≤ β_hi (β_lo = 0 for the last piece).

    LARS with the lasso modification (Efron et al. 2004): on a piece w_A = u − β·v with u = G⁻¹X_Aᵀy,
    v = G⁻¹s_A, and the correlations c(β) = Xᵀ(y − Xw) = d + β·e are linear too, so the next knot (a
    weight reaching 0, or an inactive |c_j| reaching β) has a closed form. Every piece is recomputed
    from its support, so no error accumulates along the way.
    """
    beta = data.scale
    if beta == 0:  # y ⟂ every feature: w = 0 for every α
        yield _Segment(data, [], [], 1.0), 0.0, 0.0
        return
    active = np.flatnonzero(np.abs(data.Xty) >= beta * (1 - 1e-12))
    signs = np.sign(data.Xty[active])
    leave = np.array([], dtype=np.intp)
    for _ in range(20 * data.p + 20):
        seg = _Segment(data, active, signs, 1.0)
        active, signs = seg.support, seg.signs
        u, v = seg.coef(0.0), seg.slope()
        d = data.X.T @ (data.y - data.X @ u)
        e = data.X.T @ (data.X @ v)
        d[np.abs(d) <= _KKT_RTOL * data.scale] = 0.0  # ties (active or duplicated columns) never enter
        d[active] = 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            knots = np.vstack([d / (1 - e), -d / (1 + e)])          # c_j(β) = +β, c_j(β) = −β
            knots[~np.isfinite(knots) | (knots <= 0) | (knots >= beta * (1 - 1e-9))] = -np.inf
            enter_at = knots.max(axis=0)
            # a weight that just reached 0 sits at |c_j| = β: rounding must not make it re-enter at once
            enter_at[leave[enter_at[leave] >= beta * (1 - 1e-6)]] = -np.inf
            knots = np.concatenate([u[active] / v[active], enter_at])
        knots[~np.isfinite(knots) | (knots <= 0) | (knots >= beta * (1 - 1e-9))] = -np.inf
        if knots.max() == -np.inf:  # no knot left: this piece reaches α = 0
            yield seg, beta, 0.0
            return
        yield seg, beta, knots.max()
        beta = knots.max()
        hits = np.flatnonzero(knots >= beta * (1 - 1e-9))
        leave = active[hits[hits < len(active)]]
        enter = hits[hits >= len(active)] - len(active)
        keep = ~np.isin(active, leave)
        active = np.concatenate([active[keep], enter])
        signs = np.concatenate([signs[keep], np.sign(d[enter] + beta * e[enter])])
    raise RuntimeError("The lasso path did not reach α = 0 within the expected number of knots; "
                       "please report this with the data.")


def _enet_path_end(data, rho):
    """The elastic-net path's end for a rank-deficient design: min ½||w||² + κ||w||₁ subject to Xw = ŷ
    (κ = ρ/(1−ρ), ŷ the least-squares fit).

    Its solution is piecewise linear in κ: on a support A with signs s, w_A = X_Aᵀν − κ·s_A with
    X_A·X_Aᵀ·ν = ŷ + κ·X_A·s_A. So it is followed exactly from κ = 0 (the minimum-norm least-squares
    solution) up to ρ/(1−ρ), dropping a weight when it reaches 0 and adding one when |x_jᵀν| reaches κ.
    With X_A = U·S·Vᵀ: ν = U·S⁻²·Uᵀŷ + κ·U·S⁻¹·Vᵀs and w_A = V·S⁻¹·Uᵀŷ − κ·(I − V·Vᵀ)s.
    """
    X, kappa_end = data.X, rho / (1.0 - rho)
    w = _Segment(data, data.live, np.zeros(len(data.live)), 0.0).coef(0.0)
    y_fit = X @ w
    active, signs = np.flatnonzero(w), np.sign(w[w != 0])
    kappa, leave = 0.0, np.array([], dtype=np.intp)
    for _ in range(20 * data.p + 20):
        U, S, Vt = np.linalg.svd(X[:, active], full_matrices=False)
        r = int((S > S.max(initial=0.0) * max(X.shape) * _EPS).sum())
        U, S, Vt = U[:, :r], S[:r], Vt[:r]
        Uy, Vs = U.T @ y_fit, Vt @ signs
        a, b = Vt.T @ (Uy / S), Vt.T @ Vs - signs                 # w_A(κ) = a + κ·b
        g0, g1 = X.T @ (U @ (Uy / S ** 2)), X.T @ (U @ (Vs / S))  # x_jᵀν(κ) = g0 + κ·g1
        g0[active] = 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            enter = np.vstack([g0 / (1 - g1), -g0 / (1 + g1)])    # x_jᵀν = +κ, x_jᵀν = −κ
            enter[~np.isfinite(enter) | (enter <= kappa * (1 + 1e-9))] = np.inf
            enter_at = enter.min(axis=0)
            enter_at[active] = np.inf
            enter_at[leave[enter_at[leave] <= kappa * (1 + 1e-6)]] = np.inf   # just left: stays out
            knots = np.concatenate([-a / b, enter_at])
        knots[~np.isfinite(knots) | (knots <= kappa * (1 + 1e-9))] = np.inf
        step = knots.min()
        if step >= kappa_end:
            w = np.zeros(data.p)
            w[active] = a + kappa_end * b
            return w
        kappa = step
        hits = np.flatnonzero(knots <= kappa * (1 + 1e-9))
        leave = active[hits[hits < len(active)]]
        new = hits[hits >= len(active)] - len(active)
        keep = ~np.isin(active, leave)
        active = np.concatenate([active[keep], new])
        signs = np.concatenate([signs[keep], np.sign(g0[new] + kappa * g1[new])])
    raise RuntimeError("The elastic-net path's end was not reached within the expected number of "
                       "knots; please report this with the data.")


def _eigen(G, n):
    """G = Q·diag(λ)·Qᵀ for a Gram matrix G = AᵀA of an n-row A, λ increasing, with the directions that
    are numerically 0 (λ ≤ 10·max(n, p)·eps·λ_max: eigh cannot resolve less) flagged and set to 0."""
    lam, Q = np.linalg.eigh(G)
    flat = lam <= lam.max(initial=0.0) * 10 * max(n, len(lam), 1) * _EPS
    return np.where(flat, 0.0, lam), Q, flat


class _Segment:
    """w(α) on one piece of the path, where the support A and the signs s stay fixed.

    Stationarity on A:  (X_AᵀX_A + nα(1−ρ)·I)·w_A = X_Aᵀy − nαρ·s_A,  w = 0 off A. It is solved in the
    eigenbasis X_AᵀX_A = Q·diag(λ)·Qᵀ, so α = 0 (the end of the path) needs no special case: a direction
    with λ = 0 takes its α → 0 limit −ρ/(1−ρ)·qᵀs (0 for ridge), where the penalty is smallest. For the
    lasso (ρ = 1) A is first cut to linearly independent columns (column-pivoted QR), so when the
    minimiser is not unique the lasso's sparse pick is returned.
    """

    def __init__(self, data, support, signs, rho):
        support, signs = np.asarray(support, dtype=np.intp), np.asarray(signs, dtype=np.float64)
        Xa = data.X[:, support]
        if rho == 1 and len(support) > 1:
            _, R, piv = qr(Xa, mode="economic", pivoting=True)
            d = np.abs(np.diag(R))
            keep = np.sort(piv[: int((d > d[0] * np.sqrt(10 * max(Xa.shape) * _EPS)).sum())])
            support, signs, Xa = support[keep], signs[keep], Xa[:, keep]
        lam, Q, self.flat = _eigen(Xa.T @ Xa, data.n)
        self.n_flat = int(self.flat.sum())
        self.data, self.rho, self.support, self.signs = data, rho, support, signs
        self.lam, self.Q = lam, Q
        self.Qb, self.Qs = Q.T @ data.Xty[support], Q.T @ signs

    @classmethod
    def of(cls, data, w, rho):
        support = np.flatnonzero(w)
        return cls(data, support, np.sign(w[support]), rho)

    def slope(self):
        """v = G⁻¹s_A, so that w(α) = w(0) − nα·v on a lasso piece (ρ = 1)."""
        v = np.zeros(self.data.p)
        v[self.support] = self.Q @ (self.Qs / np.where(self.flat, np.inf, self.lam))
        return v

    def coef(self, alpha):
        n, rho = self.data.n, self.rho
        with np.errstate(divide="ignore", invalid="ignore"):
            steep = (self.Qb - n * alpha * rho * self.Qs) / (self.lam + n * alpha * (1.0 - rho))
        limit = -rho / (1.0 - rho) * self.Qs if rho < 1 else np.zeros_like(self.Qs)
        w = np.zeros(self.data.p)
        w[self.support] = self.Q @ np.where(self.flat, limit, steep)
        return w

    def clean(self, w):
        """Exact zeros where the support's value landed on the wrong side of 0 by rounding (a knot)."""
        w = w.copy()
        wrong = self.signs * w[self.support] < 0
        w[self.support[wrong]] = 0.0
        return w

    def root(self, pen, t, lo, hi):
        """α in [lo, hi] with pen(w(α)) = t on this piece, or None if the piece does not cross t there."""
        f_lo, f_hi = pen(self.coef(lo)) - t, pen(self.coef(hi)) - t
        if f_lo < 0 or f_hi > 0:
            return None
        if f_lo == 0 or f_hi == 0:
            return lo if f_lo == 0 else hi
        return brentq(lambda a: pen(self.coef(a)) - t, lo, hi, xtol=1e-300, rtol=4 * _EPS, maxiter=500)


@dataclass(frozen=True, eq=False)
class ConstrainedSolution:
    """The minimiser of L(w) = (1/(2n))||yc − Xc·w||² subject to pen(w) ≤ radius.

    ``loss`` is L(coef): the level of the contour that touches the region. ``alpha`` is the
    multiplier: the penalised problem at that α has the same solution (0 when ``interior``).
    ``normal`` is the unit outward normal of the hyperplane that separates region and contour there,
    −∇L(coef)/||∇L(coef)|| (the region's normal at a smooth point; one ray of :func:`normal_cone` at
    a corner); zeros when ``interior``. ``at_corner``: the contact is on the boundary at a point with
    some coordinate exactly 0 (a corner or edge of the diamond; never for "l2"). ``unique`` is False
    when other points attain the same loss (linearly dependent columns: e.g. identical features).
    """
    coef: np.ndarray      # (p,), zero coordinates are exactly 0.0
    loss: float
    alpha: float
    radius: float
    kind: str
    l1_ratio: float
    interior: bool
    at_corner: bool
    normal: np.ndarray    # (p,)
    unique: bool


def _solve_radius(data, t, kind, rho):
    """(coef, alpha, interior) for the constraint pen(w) ≤ t. See :func:`constrained_solution`."""
    def pen(w):
        return _pen(w, kind, rho)

    end = data.path_end(rho)
    if pen(end) <= t:
        return end, 0.0, True
    if t == 0:
        return np.zeros(data.p), data.alpha_max(rho), False
    if rho == 0:  # ridge: one piece from α = 0 to ∞, and ||w(α)|| ≤ ||Xᵀy||/(nα)
        seg = _Segment(data, data.live, np.zeros(len(data.live)), 0.0)
        radius2 = t if kind == "l2" else np.sqrt(2.0 * t)
        alpha = seg.root(pen, t, 0.0, np.linalg.norm(data.Xty) / (data.n * radius2))
        return seg.coef(alpha), alpha, False
    if rho == 1:  # ||w||₁ = sᵀ(u − βv) is linear on each piece of the exact path
        for seg, hi, lo in _lasso_pieces(data):
            if np.abs(seg.coef(lo / data.n)).sum() >= t:
                u, v = seg.coef(0.0)[seg.support], seg.slope()[seg.support]
                beta = float(np.clip((seg.signs @ u - t) / (seg.signs @ v), lo, hi))
                return seg.clean(seg.coef(beta / data.n)), beta / data.n, False
    # The elastic-net path is a rational function of α between knots: bracket t with the kernel, then
    # solve exactly on the piece; halve the bracket (deciding on certified solutions) until one certifies.
    alphas, coefs = data.kernel(np.geomspace(data.alpha_max(rho), data.alpha_max(rho) * 1e-4, 13), rho)
    coefs = np.column_stack([_certified_or_kernel(data, a, rho, w) for a, w in zip(alphas, coefs.T)])
    pens = np.array([pen(w) for w in coefs.T])
    k = int(np.argmax(pens >= t)) if (pens >= t).any() else len(alphas)
    hi, w_hi = alphas[k - 1], coefs[:, k - 1]
    lo, w_lo = (alphas[k], coefs[:, k]) if k < len(alphas) else (0.0, end)
    for _ in range(200):
        for w_ref in (w_lo, w_hi):
            seg = _Segment.of(data, w_ref, rho)
            alpha = seg.root(pen, t, lo, hi)
            if alpha is not None and alpha > 0:
                w = seg.coef(alpha)
                if data.is_optimal(w, alpha, rho):
                    return seg.clean(w), alpha, False
        mid = np.sqrt(lo * hi) if lo > 0 else hi / 16
        w_mid = _certified_or_kernel(data, mid, rho, data.kernel([mid], rho, w_hi)[1][:, 0])
        if pen(w_mid) >= t:
            lo, w_lo = mid, w_mid
        else:
            hi, w_hi = mid, w_mid
    raise RuntimeError(f"Could not certify the constrained solution for radius={t!r}; "
                       f"please report this with the data.")


def _certified_or_kernel(data, alpha, rho, w_kernel):
    exact = data.exact_at(alpha, rho, w_kernel)
    return w_kernel if exact is None else exact


def _unique(data, w, alpha, rho, interior):
    if interior:  # every least-squares solution inside the region is a minimiser
        return data.full_rank and len(data.live) == data.p
    if rho < 1:  # the penalty is strictly convex
        return True
    c = np.abs(data.X.T @ (data.y - data.X @ w))
    equi = np.flatnonzero(c >= data.n * alpha - _KKT_RTOL * data.scale)  # can be non-zero at the optimum
    return _Segment(data, equi, np.ones(len(equi)), 0.0).n_flat == 0


def constrained_solution(X, y, radius, kind="l1", *, l1_ratio=0.5):
    """Exact minimiser of L(w) = (1/(2n))||yc − Xc·w||² subject to pen(w) ≤ ``radius``.

    Returns a :class:`ConstrainedSolution`. Works in any dimension p (the 2-D and 3-D pictures are
    special cases) and is exact to rounding, not a search over boundary points:

    - If the end of the path, w(α → 0) (the least-squares solution; the one of smallest penalty when
      Xc is rank-deficient), satisfies pen ≤ t, it is the answer: ``interior``, α = 0.
    - Otherwise the answer is the penalised solution w(α) whose penalty is t; pen(w(α)) falls
      monotonically as α grows. Between knots w(α) has a closed form on its support (``_Segment``).
      "l1": the path is piecewise linear, followed exactly knot by knot (LARS-lasso), so ||w(α)||₁ = t
      is solved in closed form on the right piece. "enet": lassofast's kernel brackets t and finds the
      support, a 1-D root find on the closed form gives α, and the KKT conditions certify it (else the
      bracket is halved). "l2": w(α) = (XcᵀXc + nα·I)⁻¹Xcᵀyc in the eigenbasis and a monotone root find.

    ``radius`` 0 gives w = 0 with α = α_max (∞ for ridge). Degenerate inputs: y constant → w = 0,
    interior; a constant column → its weight is 0; identical columns → lasso keeps the first of them
    (``unique`` False), ridge and elastic net split the weight equally. Raises ValueError for a bad
    ``kind``, a negative or non-finite ``radius``, or bad X / y (see lassofast's input checks).
    """
    X, y = check_X_y(X, y)
    rho = _check_kind(kind, l1_ratio)
    t = check_scalar(radius, "radius", low=0.0)
    data = _Centred(X, y)
    coef, alpha, interior = _solve_radius(data, t, kind, rho)
    grad = data.X.T @ (data.y - data.X @ coef) / data.n
    norm = np.linalg.norm(grad)
    normal = grad / norm if (norm > 0 and not interior) else np.zeros(data.p)
    at_corner = (not interior) and rho > 0 and kind != "l2" and bool((coef == 0).any())
    return ConstrainedSolution(
        coef=coef, loss=data.loss(coef), alpha=float(alpha), radius=t, kind=kind, l1_ratio=rho,
        interior=interior, at_corner=at_corner, normal=normal,
        unique=_unique(data, coef, alpha, rho, interior))


def radius_for_alpha(X, y, alpha, kind="l1", *, l1_ratio=0.5):
    """t(α) = pen(w(α)) for the penalised solution w(α) at ``alpha`` — the region whose contact point is
    w(α). Non-increasing in α: pen(w(0)) (the path's end) at α = 0, 0 for α ≥ α_max ("l1", "enet").
    Exact: the lasso's piece of the exact path, the elastic net's closed form on the kernel's support
    (certified by KKT), or the ridge formula."""
    X, y = check_X_y(X, y)
    rho = _check_kind(kind, l1_ratio)
    alpha = check_scalar(alpha, "alpha", low=0.0)
    data = _Centred(X, y)
    if alpha == 0:
        w = data.path_end(rho)
    elif rho == 0:
        w = _Segment(data, data.live, np.zeros(len(data.live)), 0.0).coef(alpha)
    elif alpha >= data.alpha_max(rho):
        w = np.zeros(data.p)
    elif rho == 1:
        seg = next(seg for seg, _, lo in _lasso_pieces(data) if data.n * alpha >= lo)
        w = seg.coef(alpha)
    else:
        w_kernel = data.kernel([alpha], rho)[1][:, 0]
        w = data.exact_at(alpha, rho, w_kernel)
        if w is None:
            raise RuntimeError(f"Could not certify the solution at alpha={alpha!r}; please report this.")
    return _pen(w, kind, rho)


def alpha_for_radius(X, y, radius, kind="l1", *, l1_ratio=0.5):
    """The inverse of :func:`radius_for_alpha`: the α whose penalised solution has pen = ``radius``.

    0 when the radius reaches the end of the path (the constraint is inactive); α_max at radius 0
    ("l1", "enet"; the smallest such α), ∞ for "l2". Same as ``constrained_solution(...).alpha``.
    """
    return constrained_solution(X, y, radius, kind, l1_ratio=l1_ratio).alpha


# ---------------------------------------------------------------------------------------------
# Soft-thresholding and coordinate descent
# ---------------------------------------------------------------------------------------------

def soft_threshold_curve(lam, z_max=None, n_points=201):
    """Points (z, S(z, λ)) of the soft-threshold over [−z_max, z_max], shape (n_points, 2).

    S(z, λ) = sign(z)·max(|z| − λ, 0): zero on the band [−λ, λ], slope 1 outside. The kinks (±λ, 0)
    are rows of the array. ``z_max`` defaults to 3λ (1 when λ = 0) and must exceed λ.
    """
    lam = check_scalar(lam, "lam", low=0.0)
    z_max = (3.0 * lam if lam > 0 else 1.0) if z_max is None else check_scalar(z_max, "z_max")
    if z_max <= lam:
        raise ValueError(f"z_max must exceed lam so the curve leaves the band; got z_max={z_max}, lam={lam}.")
    n_points = check_scalar(n_points, "n_points", low=5, integer=True)
    breaks = np.array([-z_max, -lam, lam, z_max]) if lam > 0 else np.array([-z_max, 0.0, z_max])
    steps = np.maximum(1, ((n_points - 1) * np.diff(breaks) / (2 * z_max)).astype(int))
    steps[np.argmax(steps)] += (n_points - 1) - steps.sum()   # pieces sampled by length, kinks kept
    z = np.concatenate([np.linspace(a, b, m, endpoint=False) for a, b, m in zip(breaks, breaks[1:], steps)]
                       + [[z_max]])
    return np.column_stack([z, soft_threshold(z, lam)])


def _kernel_step(z, norm2, l1_reg, l2_reg):
    """The kernel's update of one weight: S(z, nαρ) / (||x_j||² + nα(1−ρ))."""
    return (z - l1_reg if z > l1_reg else z + l1_reg if z < -l1_reg else 0.0) / (norm2 + l2_reg)


@dataclass(frozen=True, eq=False)
class CoordinateUpdate:
    """One coordinate update in the weight's own units (the seed's picture).

    z = x_jᵀr_j/||x_j||² is the least-squares value of w_j with the others fixed (r_j the residual
    without feature j), the band is [−λ_j, λ_j] with λ_j = nαρ/||x_j||², and the new weight is
    shrink·S(z, λ_j) with shrink = ||x_j||²/(||x_j||² + nα(1−ρ)) (1 for the lasso). Any z inside the
    band gives exactly 0 (``zeroed``). For a constant column every field is 0 (the kernel's rule).
    """
    feature: int
    z: float
    threshold: float
    band: tuple           # (−λ_j, λ_j)
    shrink: float
    old: float
    new: float
    zeroed: bool


def _centred_for_kernel(X, y):
    """The data exactly as enet_path hands it to the dense kernel (fit_intercept=True), in float64."""
    X, y = check_X_y(X, y)
    design = _Design(X.astype(np.float64, copy=False), fit_intercept=True, precompute=False)
    return _Problem(design, y.astype(np.float64, copy=False))


def _update_record(j, z_kernel, norm2, l1_reg, l2_reg, old, new):
    if norm2 == 0:
        return CoordinateUpdate(j, 0.0, 0.0, (0.0, 0.0), 0.0, float(old), 0.0, True)
    lam = l1_reg / norm2
    return CoordinateUpdate(j, float(z_kernel / norm2), float(lam), (-float(lam), float(lam)),
                            float(norm2 / (norm2 + l2_reg)), float(old), float(new), bool(new == 0))


def coordinate_update(X, y, w, j, alpha, l1_ratio=1.0):
    """The update coordinate descent makes to weight ``j`` from weights ``w`` (a :class:`CoordinateUpdate`)."""
    problem = _centred_for_kernel(X, y)
    w = check_array(w, "w", ndim=1, dtype=np.float64)
    if w.shape != (problem.n_features,):
        raise ValueError(f"w must have shape ({problem.n_features},), got {w.shape}.")
    j = check_scalar(j, "j", low=0, high=problem.n_features - 1, integer=True)
    alpha = check_scalar(alpha, "alpha", low=0.0)
    rho = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    n = problem.n_samples
    l1_reg, l2_reg = alpha * rho * n, alpha * (1.0 - rho) * n
    norm2 = float(problem.norm2[j])
    z = float(problem.X[:, j] @ (problem.y - problem.X @ w)) + w[j] * norm2
    new = 0.0 if norm2 == 0 else _kernel_step(z, norm2, l1_reg, l2_reg)
    return _update_record(j, z, norm2, l1_reg, l2_reg, w[j], new)


@dataclass(frozen=True, eq=False)
class CDTrace:
    """Every iterate of cyclic coordinate descent, one row per coordinate visit.

    ``coefs[0]`` is the start and ``coefs[k + 1]`` the weights after visit k, which updated feature
    ``coordinate[k]`` in sweep ``sweep[k]`` (1-based) with the soft-threshold picture ``z[k]``,
    band ±``threshold[k]`` (see :class:`CoordinateUpdate`). ``gap`` is the last duality gap the
    stopping rule computed (objective scale) and ``converged`` whether it met tol·||yc||²/n.
    """
    coefs: np.ndarray       # (1 + n_sweeps·p, p)
    coordinate: np.ndarray  # (n_sweeps·p,) int
    sweep: np.ndarray       # (n_sweeps·p,) int
    z: np.ndarray           # (n_sweeps·p,)
    threshold: np.ndarray   # (n_sweeps·p,)
    n_sweeps: int
    gap: float
    converged: bool
    alpha: float
    l1_ratio: float


def coordinate_descent_trace(X, y, alpha, w0=None, max_sweeps=1000, l1_ratio=1.0, tol=1e-4):
    """Run lassofast's dense coordinate-descent kernel step by step and record every iterate.

    The same computation as ``enet_path(X, y, l1_ratio=l1_ratio, alphas=[alpha], precompute=False,
    coef_init=w0, tol=tol, max_iter=max_sweeps)`` (same centring, cyclic order 0..p−1, update
    w_j ← S(x_jᵀr + w_j||x_j||², nαρ)/(||x_j||² + nα(1−ρ)), constant columns set to 0 and skipped, and the
    stopping rule: after a sweep whose largest step is ≤ tol·(largest weight), or whose weights are
    all 0, or the last sweep, stop if the duality gap is ≤ tol·||yc||²/n). It ends at the kernel's
    solution, with ``n_sweeps`` equal to ``Path.n_iters[0]`` (up to rounding in the BLAS sums).
    """
    problem = _centred_for_kernel(X, y)
    alpha = check_scalar(alpha, "alpha", low=0.0, include_low=False)
    rho = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    tol = check_scalar(tol, "tol", low=0.0)
    max_sweeps = check_scalar(max_sweeps, "max_sweeps", low=1, integer=True)
    n, p = problem.n_samples, problem.n_features
    Xc, yc, norm2 = problem.X, problem.y, problem.norm2
    w = np.zeros(p)
    if w0 is not None:
        if np.shape(w0) != (p,):
            raise ValueError(f"w0 must have shape ({p},) to match X's {p} features; got {np.shape(w0)}.")
        w[:] = check_array(w0, "w0", ndim=1, dtype=np.float64)
    l1_reg, l2_reg = alpha * rho * n, alpha * (1.0 - rho) * n
    R = yc - Xc @ w
    gap_tol = tol * float(yc @ yc) / n
    iterates, coords, sweeps, zs, lams = [w.copy()], [], [], [], []
    gap, converged, sweep = np.inf, False, 0
    while sweep < max_sweeps:
        sweep += 1
        w_max = d_w_max = 0.0
        for j in range(p):
            if norm2[j] == 0:
                w[j] = 0.0
                rec = _update_record(j, 0.0, 0.0, l1_reg, l2_reg, 0.0, 0.0)
            else:
                old = w[j]
                z = ddot(Xc[:, j], R) + old * norm2[j]  # the kernel's BLAS, so the sums round alike
                new = _kernel_step(z, norm2[j], l1_reg, l2_reg)
                if new != old:
                    daxpy(Xc[:, j], R, a=old - new)      # R += (old − new)·x_j, in place
                    w[j] = new
                    d_w_max = max(d_w_max, abs(new - old))
                w_max = max(w_max, abs(new))
                rec = _update_record(j, z, norm2[j], l1_reg, l2_reg, old, new)
            iterates.append(w.copy())
            coords.append(j)
            sweeps.append(sweep)
            zs.append(rec.z)
            lams.append(rec.threshold)
        if w_max == 0.0 or d_w_max / w_max <= tol or sweep == max_sweeps:
            gap = duality_gap(Xc, yc, w, alpha, rho)
            if gap <= gap_tol:
                converged = True
                break
    return CDTrace(coefs=np.array(iterates), coordinate=np.array(coords, dtype=np.intp),
                   sweep=np.array(sweeps, dtype=np.intp), z=np.array(zs), threshold=np.array(lams),
                   n_sweeps=sweep, gap=float(gap), converged=converged, alpha=alpha, l1_ratio=rho)


# ---------------------------------------------------------------------------------------------
# Correlated features: which one does the lasso keep?
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class SelectionStability:
    """How often each feature is selected (w_j ≠ 0) across bootstrap refits at a fixed α.

    ``frequency[j]`` is the fraction of resamples that selected feature j; ``coefs`` (B, p) holds every
    refit. :meth:`joint_frequency` gives, for each pair, the fraction selecting both.
    """
    frequency: np.ndarray   # (p,)
    coefs: np.ndarray       # (n_resamples, p)
    alpha: float
    l1_ratio: float

    def joint_frequency(self):
        """(p, p): entry (i, j) is the fraction of resamples in which features i and j are both selected."""
        selected = (self.coefs != 0).astype(np.float64)
        return selected.T @ selected / len(selected)


def selection_stability(X, y, alpha, l1_ratio=1.0, n_resamples=200, random_state=None):
    """Refit at ``alpha`` on ``n_resamples`` bootstrap resamples (rows drawn with replacement, the
    intercept fitted) and count selections. Lasso's pick among correlated features changes from
    resample to resample; the elastic net (l1_ratio < 1) tends to keep them together. Deterministic
    given ``random_state``. Returns a :class:`SelectionStability`."""
    X, y = check_X_y(X, y)
    alpha = check_scalar(alpha, "alpha", low=0.0, include_low=False)
    rho = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    n_resamples = check_scalar(n_resamples, "n_resamples", low=1, integer=True)
    rng = np.random.default_rng(random_state)
    n = X.shape[0]
    coefs = np.empty((n_resamples, X.shape[1]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.ConvergenceWarning)
        for b in range(n_resamples):
            rows = rng.integers(0, n, size=n)
            coefs[b] = enet_path(X[rows], y[rows], l1_ratio=rho, alphas=[alpha], tol=1e-8,
                                 max_iter=10000).coefs[:, 0]
    return SelectionStability(frequency=(coefs != 0).mean(axis=0), coefs=coefs, alpha=alpha, l1_ratio=rho)


def make_correlated_features(n_samples=100, n_features=3, corr=0.9, coef=None, noise=1.0,
                             random_state=None):
    """k features with sample correlation exactly ``corr`` between every pair, and y = X·coef + noise.

    The columns are centred and scaled to ||x_j||² = n, and XᵀX/n equals the equicorrelation matrix
    C = (1 − corr)·I + corr·11ᵀ (to rounding): centred Gaussian noise is orthonormalised (QR) and
    multiplied by C^{1/2}. ``corr`` must lie in [−1/(k−1), 1]; corr = 1 gives identical columns.
    ``coef`` defaults to all ones; ``noise`` is the standard deviation of the Gaussian noise in y.
    Deterministic given ``random_state``. Returns ``(X, y, coef)``.
    """
    k = check_scalar(n_features, "n_features", low=2, integer=True)
    n = check_scalar(n_samples, "n_samples", low=k + 1, integer=True)
    corr = check_scalar(corr, "corr", low=-1.0 / (k - 1), high=1.0)
    noise = check_scalar(noise, "noise", low=0.0)
    coef = np.ones(k) if coef is None else check_array(coef, "coef", ndim=1, dtype=np.float64)
    if coef.shape != (k,):
        raise ValueError(f"coef must have one entry per feature ({k}); got shape {coef.shape}.")
    rng = np.random.default_rng(random_state)
    Z = rng.standard_normal((n, k))
    Q, _ = np.linalg.qr(Z - Z.mean(axis=0))
    lam, V = np.linalg.eigh((1.0 - corr) * np.eye(k) + corr * np.ones((k, k)))
    X = np.sqrt(n) * Q @ (V * np.sqrt(np.maximum(lam, 0.0))) @ V.T
    y = X @ coef + noise * rng.standard_normal(n)
    return X, y, coef


def make_correlated_pair(n_samples=100, corr=0.9, coef=(1.0, 1.0), noise=1.0, random_state=None):
    """Two features with sample correlation exactly ``corr`` (in [−1, 1]): :func:`make_correlated_features`
    with k = 2. Returns ``(X, y, coef)``."""
    return make_correlated_features(n_samples, 2, corr, coef, noise, random_state)
