"""Soft-thresholding and coordinate descent, step by step, as the kernel runs them."""
from dataclasses import dataclass

import numpy as np
from scipy.linalg.blas import daxpy, ddot

from .. import _cd
from .._active_set import gap_from_residual
from .._soft_threshold import soft_threshold
from .._validation import check_array, check_scalar, check_X_y
from ..path import _Design, _Problem

__all__ = ["soft_threshold_curve", "CoordinateUpdate", "coordinate_update", "CDTrace", "coordinate_descent_trace"]


def soft_threshold_curve(lam, z_max=None, n_points=201):
    """Points (z, S(z, λ)) of the soft-threshold over [−z_max, z_max], shape (n_points, 2).

    S(z, λ) = sign(z)·max(|z| − λ, 0): zero on the band [−λ, λ], slope 1 outside. The kinks (±λ, 0)
    are rows of the array. ``z_max`` defaults to 3λ (1 when λ = 0) and must exceed λ.

    Parameters
    ----------
    lam : float
        λ ≥ 0, the half-width of the band.
    z_max : float, optional
        The curve's extent, > λ.
    n_points : int, default=201
        Rows (≥ 5).

    Returns
    -------
    ndarray of shape (n_points, 2)
        Columns z and S(z, λ).
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


GAP_EVERY = _cd.GAP_EVERY_SWEEPS  # the kernel's: a gap check every 10 sweeps even while weights move


def _running_gap(Xc, yc, w, R, l1_reg, l2_reg):
    """The kernel's certificate (n-scaled) from its running residual R: the rescaled-residual duality gap,
    or for pure ridge (l1_reg = 0) the strong-convexity bound ||∇||²/(2·l2_reg)."""
    corr = Xc.T @ R
    if l1_reg == 0 and l2_reg > 0:
        grad = corr - l2_reg * w
        return float(grad @ grad) / (2 * l2_reg)
    return gap_from_residual(w, yc, R, corr, l1_reg, l2_reg)


def _kernel_step(z, norm2, l1_reg, l2_reg):
    """The kernel's update of one weight: S(z, nαρ) / (||x_j||² + nα(1−ρ))."""
    return (z - l1_reg if z > l1_reg else z + l1_reg if z < -l1_reg else 0.0) / (norm2 + l2_reg)


@dataclass(frozen=True, eq=False)
class CoordinateUpdate:
    """One coordinate update in the weight's own units (the explainer page's picture, see the README).

    z = x_jᵀr_j/||x_j||² is the least-squares value of w_j with the others fixed (r_j the residual
    without feature j), the band is [−λ_j, λ_j] with λ_j = nαρ/||x_j||², and the new weight is
    shrink·S(z, λ_j) with shrink = ||x_j||²/(||x_j||² + nα(1−ρ)) (1 for the lasso). Any z inside the
    band gives exactly 0 (``zeroed``). For a constant column every field is 0 (the kernel's rule).

    Attributes
    ----------
    feature : int
        j, the coordinate updated.
    z : float
        The least-squares value of w_j with the others fixed.
    threshold : float
        λ_j, the band's half-width.
    band : tuple of float
        (−λ_j, λ_j).
    shrink : float
        The ridge factor ||x_j||²/(||x_j||² + nα(1−ρ)).
    old : float
        w_j before.
    new : float
        w_j after.
    zeroed : bool
        Whether z fell inside the band.
    """
    feature: int
    z: float
    threshold: float
    band: tuple
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
    """The update coordinate descent makes to weight ``j`` from weights ``w`` (a :class:`CoordinateUpdate`).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training data (centred here: the intercept is fitted and profiled out).
    y : array-like of shape (n_samples,)
        Target.
    w : array-like of shape (n_features,)
        The current weights.
    j : int
        The coordinate to update.
    alpha : float
        α ≥ 0.
    l1_ratio : float, default=1.0
        ρ of the elastic net.

    Returns
    -------
    CoordinateUpdate
        The step in the weight's own units.
    """
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
    ``sweep_gaps`` is that certificate after every sweep (the stopping rule reads it only at its
    checks), for plotting the gap falling sweep by sweep.

    Attributes
    ----------
    coefs : ndarray of shape (1 + n_sweeps·n_features, n_features)
        The start, then the weights after each visit.
    coordinate : ndarray of shape (n_sweeps·n_features,)
        The feature each visit updated.
    sweep : ndarray of shape (n_sweeps·n_features,)
        The sweep of each visit (1-based).
    z : ndarray of shape (n_sweeps·n_features,)
        Each visit's z (see CoordinateUpdate).
    threshold : ndarray of shape (n_sweeps·n_features,)
        Each visit's λ_j.
    n_sweeps : int
        Sweeps done.
    gap : float
        The last duality gap the stopping rule computed (objective scale).
    converged : bool
        Whether it met tol·||yc||²/n.
    alpha : float
        α.
    l1_ratio : float
        ρ.
    sweep_gaps : ndarray of shape (n_sweeps,)
        The kernel's certificate (objective scale, from the running residual) after each sweep;
        ``sweep_gaps[-1] == gap``.
    """
    coefs: np.ndarray
    coordinate: np.ndarray
    sweep: np.ndarray
    z: np.ndarray
    threshold: np.ndarray
    n_sweeps: int
    gap: float
    converged: bool
    alpha: float
    l1_ratio: float
    sweep_gaps: np.ndarray


def coordinate_descent_trace(X, y, alpha, w0=None, max_sweeps=1000, l1_ratio=1.0, tol=1e-4):
    """Run lassofast's dense coordinate-descent kernel step by step and record every iterate.

    The same computation as the kernel's plain cyclic CD, ``enet_path(X, y, l1_ratio=l1_ratio,
    alphas=[alpha], precompute=False, screening=False, coef_init=w0, tol=tol, max_iter=max_sweeps)``
    (same centring, cyclic order 0..p−1, update w_j ← S(x_jᵀr + w_j||x_j||², nαρ)/(||x_j||² + nα(1−ρ)),
    constant columns set to 0 and skipped, and the kernel's stopping rule: after a sweep whose largest
    step is ≤ tol·(largest weight), or whose weights are all 0, or every ``GAP_EVERY``
    (``_cd.GAP_EVERY_SWEEPS``, 10) sweeps, or the last sweep, compute the duality gap from the running
    residual and stop if it is ≤ tol·||yc||²/n). It ends at the kernel's solution, with ``n_sweeps``
    equal to ``Path.n_iters[0]`` (up to rounding in the BLAS sums), from a cold or a warm start: a
    trace from ``w0 = path.coefs[:, k - 1]`` of a ``screening=False`` path takes ``path.n_iters[k]``
    sweeps. The default ``screening=True`` path solves on working sets with extrapolation, so its
    sweep counts differ from any plain cyclic CD.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training data (centred here, the intercept fitted).
    y : array-like of shape (n_samples,)
        Target.
    alpha : float
        Regularisation strength, > 0.
    w0 : array-like of shape (n_features,), optional
        The starting weights (zeros by default).
    max_sweeps : int, default=1000
        Most sweeps over all coordinates (the kernel's ``max_iter``).
    l1_ratio : float, default=1.0
        ρ of the elastic net (1 for the lasso).
    tol : float, default=1e-4
        scikit-learn's tol: the gap must reach tol·||yc||²/n.

    Returns
    -------
    CDTrace
        Every iterate, the coordinates visited and the stopping state.
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
    iterates, coords, sweeps, zs, lams, sweep_gaps = [w.copy()], [], [], [], [], []
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
        sweep_gaps.append(_running_gap(Xc, yc, w, R, l1_reg, l2_reg) / n)
        if w_max == 0.0 or d_w_max / w_max <= tol or sweep % GAP_EVERY == 0 or sweep == max_sweeps:
            gap = sweep_gaps[-1]   # the stopping rule looks at the certificate only here
            if gap <= gap_tol:
                converged = True
                break
    return CDTrace(coefs=np.array(iterates), coordinate=np.array(coords, dtype=np.intp),
                   sweep=np.array(sweeps, dtype=np.intp), z=np.array(zs), threshold=np.array(lams),
                   n_sweeps=sweep, gap=float(gap), converged=converged, alpha=alpha, l1_ratio=rho,
                   sweep_gaps=np.array(sweep_gaps))
