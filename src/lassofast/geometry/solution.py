"""The contact point: exact solutions of the constrained problem, and the radius ↔ α maps."""
import warnings
from dataclasses import dataclass

import numpy as np
from scipy.linalg import qr
from scipy.optimize import brentq

from .._validation import check_scalar, check_X_y
from .. import exceptions
from ..path import enet_path
from ._common import _EPS, _KERNEL_MAX_ITER, _KERNEL_TOL, _KKT_RTOL, _check_kind, _pen

__all__ = ["ConstrainedSolution", "constrained_solution", "radius_for_alpha", "alpha_for_radius"]


class _Centred:
    """Centred float64 data (constant columns exactly 0), with what every exact solve needs."""

    def __init__(self, X, y):
        X = X.astype(np.float64, copy=False)
        y = y.astype(np.float64, copy=False)
        self.X, self.y = X - X.mean(axis=0), y - y.mean()
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

    Attributes
    ----------
    coef : ndarray of shape (n_features,)
        The minimiser; zero coordinates are exactly 0.0.
    loss : float
        L(coef).
    alpha : float
        The multiplier (0 when interior).
    radius : float
        t, the constraint's level.
    kind : str
        The region.
    l1_ratio : float
        ρ of the region.
    interior : bool
        Whether the constraint is inactive.
    at_corner : bool
        Whether the contact point has a coordinate exactly 0.
    normal : ndarray of shape (n_features,)
        Unit outward normal of the separating hyperplane (zeros when interior).
    unique : bool
        Whether no other point attains the same loss.
    """
    coef: np.ndarray
    loss: float
    alpha: float
    radius: float
    kind: str
    l1_ratio: float
    interior: bool
    at_corner: bool
    normal: np.ndarray
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

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training data (centred here: the intercept is fitted and profiled out).
    y : array-like of shape (n_samples,)
        Target.
    radius : float
        t ≥ 0.
    kind : {"l1", "l2", "enet"}, default="l1"
        The region.
    l1_ratio : float, default=0.5
        ρ of the "enet" region (ignored by the others).

    Returns
    -------
    ConstrainedSolution
        The contact point and its multiplier.
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
    (certified by KKT), or the ridge formula.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training data (centred here: the intercept is fitted and profiled out).
    y : array-like of shape (n_samples,)
        Target.
    alpha : float
        α ≥ 0.
    kind : {"l1", "l2", "enet"}, default="l1"
        The region.
    l1_ratio : float, default=0.5
        ρ of the "enet" region (ignored by the others).

    Returns
    -------
    float
        pen(w(α)).
    """
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

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training data (centred here: the intercept is fitted and profiled out).
    y : array-like of shape (n_samples,)
        Target.
    radius : float
        t ≥ 0.
    kind : {"l1", "l2", "enet"}, default="l1"
        The region.
    l1_ratio : float, default=0.5
        ρ of the "enet" region (ignored by the others).

    Returns
    -------
    float
        The multiplier α.
    """
    return constrained_solution(X, y, radius, kind, l1_ratio=l1_ratio).alpha
