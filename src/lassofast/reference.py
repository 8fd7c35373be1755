"""Plain-NumPy reference solvers and optimality checks: the test oracle and the benchmark baseline.

Everything here works on data that is already centred (or has no intercept) and minimises

    P(w) = (1/(2n)) ||y − Xw||² + α ρ ||w||₁ + α (1−ρ)/2 ||w||²          (ρ = l1_ratio)

It is written to be read, not to be fast: no Cython, no tricks, one formula per line.
Use :func:`center` to centre raw data the way lassofast's paths do.
"""
import numpy as np

__all__ = [
    "center", "primal_objective", "dual_point", "duality_gap", "kkt_violation", "soft_threshold",
    "cd_solve", "fista_solve", "enet_path", "box_duality_gap", "box_kkt_violation",
]


def center(X, y):
    """Return (X − mean(X), y − mean(y), mean(X), mean(y)) in float64.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data.
    y : array-like of shape (n_samples,)
        Target.

    Returns
    -------
    Xc : ndarray of shape (n_samples, n_features)
        Centred X.
    yc : ndarray of shape (n_samples,)
        Centred y.
    X_mean : ndarray of shape (n_features,)
        Column means.
    y_mean : float
        Mean of y.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    X_mean, y_mean = X.mean(axis=0), y.mean()
    return X - X_mean, y - y_mean, X_mean, y_mean


def soft_threshold(z, t):
    """S(z, t) = sign(z) max(|z| − t, 0).

    Parameters
    ----------
    z : float or array-like
        Values.
    t : float
        Threshold.

    Returns
    -------
    float or ndarray
        S(z, t).
    """
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def primal_objective(X, y, w, alpha, l1_ratio=1.0):
    """P(w) above.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data (centred by the caller for a problem with an intercept).
    y : array-like of shape (n_samples,)
        Target.
    w : array-like of shape (n_features,)
        Coefficients.
    alpha : float
        α.
    l1_ratio : float, default=1.0
        ρ.

    Returns
    -------
    float
        P(w).
    """
    X, y, w = (np.asarray(a, dtype=np.float64) for a in (X, y, w))
    n = X.shape[0]
    r = y - X @ w
    return (r @ r / (2 * n) + alpha * l1_ratio * np.abs(w).sum()
            + 0.5 * alpha * (1 - l1_ratio) * (w @ w))


def dual_point(X, y, w, alpha, l1_ratio=1.0, positive=False):
    """The residual r = y − Xw rescaled to be dual feasible: θ = c·r with
    c = min(1, nαρ / max_j |x_jᵀr − nα(1−ρ)w_j|) (max of the signed value when positive).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data (centred by the caller for a problem with an intercept).
    y : array-like of shape (n_samples,)
        Target.
    w : array-like of shape (n_features,)
        Coefficients.
    alpha : float
        α.
    l1_ratio : float, default=1.0
        ρ.
    positive : bool, default=False
        Coefficients constrained to be ≥ 0.

    Returns
    -------
    theta : ndarray of shape (n_samples,)
        The dual point c·r.
    c : float
        The scale.
    """
    X, y, w = (np.asarray(a, dtype=np.float64) for a in (X, y, w))
    n = X.shape[0]
    r = y - X @ w
    corr = X.T @ r - n * alpha * (1 - l1_ratio) * w
    dual_norm = corr.max() if positive else np.abs(corr).max()
    l1_reg = n * alpha * l1_ratio
    c = min(1.0, l1_reg / dual_norm) if dual_norm > 0 else 1.0
    return c * r, c


def duality_gap(X, y, w, alpha, l1_ratio=1.0, positive=False):
    """An upper bound on P(w) − min P, in P's scale (≥ 0 up to rounding), recomputed from w.

    With θ = c·r from :func:`dual_point`, the dual objective of the n-scaled problem is
    D = −½c²||r||² + c·rᵀy − ½ nα(1−ρ) c² ||w||², and gap = (n·P(w) − D) / n. For pure ridge (ρ = 0)
    that θ is 0, so the strong-convexity bound ||∇P(w)||²/(2α) is returned instead.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data (centred by the caller for a problem with an intercept).
    y : array-like of shape (n_samples,)
        Target.
    w : array-like of shape (n_features,)
        Coefficients.
    alpha : float
        α.
    l1_ratio : float, default=1.0
        ρ.
    positive : bool, default=False
        Coefficients constrained to be ≥ 0.

    Returns
    -------
    float
        The gap bound.
    """
    X, y, w = (np.asarray(a, dtype=np.float64) for a in (X, y, w))
    n = X.shape[0]
    r = y - X @ w
    l2_reg = n * alpha * (1 - l1_ratio)
    if l1_ratio == 0 and alpha > 0:
        # Pure ridge: θ would be 0. P is α-strongly convex, so P(w) − P* ≤ ||∇P(w)||² / (2α).
        grad = -X.T @ r / n + alpha * w
        return float(grad @ grad) / (2 * alpha)
    _, c = dual_point(X, y, w, alpha, l1_ratio, positive)
    dual = -0.5 * c * c * (r @ r) + c * (r @ y) - 0.5 * l2_reg * c * c * (w @ w)
    return (n * primal_objective(X, y, w, alpha, l1_ratio) - dual) / n


def kkt_violation(X, y, w, alpha, l1_ratio=1.0, positive=False):
    """Largest violation of the optimality conditions, in P's gradient scale.

    With g_j = x_jᵀ(y − Xw)/n − α(1−ρ)w_j the optimum satisfies g_j = αρ·sign(w_j) where w_j ≠ 0 and
    |g_j| ≤ αρ where w_j = 0 (with positive=True: w_j ≥ 0, and g_j ≤ αρ where w_j = 0).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data (centred by the caller for a problem with an intercept).
    y : array-like of shape (n_samples,)
        Target.
    w : array-like of shape (n_features,)
        Coefficients.
    alpha : float
        α.
    l1_ratio : float, default=1.0
        ρ.
    positive : bool, default=False
        Coefficients constrained to be ≥ 0.

    Returns
    -------
    float
        The largest violation (0 at the optimum).
    """
    X, y, w = (np.asarray(a, dtype=np.float64) for a in (X, y, w))
    n = X.shape[0]
    g = X.T @ (y - X @ w) / n - alpha * (1 - l1_ratio) * w
    l1 = alpha * l1_ratio
    active = w != 0
    viol = np.zeros_like(w)
    viol[active] = np.abs(g[active] - l1 * np.sign(w[active]))
    if positive:
        viol[~active] = np.maximum(g[~active] - l1, 0.0)
        viol = np.maximum(viol, np.maximum(-w, 0.0))
    else:
        viol[~active] = np.maximum(np.abs(g[~active]) - l1, 0.0)
    return float(viol.max()) if viol.size else 0.0


def cd_solve(X, y, alpha, l1_ratio=1.0, w0=None, tol=1e-4, max_iter=1000, positive=False):
    """Cyclic coordinate descent, one coordinate at a time in a Python loop.

    Stops when the duality gap is ≤ tol·||y||²/n (scikit-learn's tol). Returns (w, gap, n_sweeps).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Centred data.
    y : array-like of shape (n_samples,)
        Centred target.
    alpha : float
        α.
    l1_ratio : float, default=1.0
        ρ.
    w0 : array-like of shape (n_features,), optional
        Start (zeros by default).
    tol : float, default=1e-4
        scikit-learn's tol.
    max_iter : int, default=1000
        Most sweeps.
    positive : bool, default=False
        Coefficients constrained to be ≥ 0.

    Returns
    -------
    w : ndarray of shape (n_features,)
        The solution.
    gap : float
        Its duality gap (objective scale).
    n_iter : int
        Sweeps done.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, p = X.shape
    w = np.zeros(p) if w0 is None else np.array(w0, dtype=np.float64)
    r = y - X @ w                         # residual, updated after every coordinate
    norms = (X ** 2).sum(axis=0)          # ||x_j||²
    l1, l2 = n * alpha * l1_ratio, n * alpha * (1 - l1_ratio)
    gap_tol = tol * (y @ y) / n
    gap = np.inf
    for sweep in range(1, max_iter + 1):
        for j in range(p):
            if norms[j] == 0:
                w[j] = 0.0
                continue
            z = X[:, j] @ r + w[j] * norms[j]          # least-squares update before penalising
            new = 0.0 if positive and z <= 0 else soft_threshold(z, l1) / (norms[j] + l2)
            if new != w[j]:
                r -= (new - w[j]) * X[:, j]
                w[j] = new
        gap = duality_gap(X, y, w, alpha, l1_ratio, positive)
        if gap <= gap_tol:
            return w, gap, sweep
    return w, gap, max_iter


def fista_solve(X, y, alpha, l1_ratio=1.0, w0=None, tol=1e-4, max_iter=10000, positive=False):
    """FISTA (Beck & Teboulle 2009): accelerated proximal gradient with step 1/L, L = ||X||₂²/n + α(1−ρ).

    The smooth part is the squared loss plus the ridge term; the prox of αρ||·||₁ is the soft-threshold
    (plus clipping at 0 when positive). Stops when the duality gap is ≤ tol·||y||²/n, checked every 10
    iterations. Returns (w, gap, n_iter).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Centred data.
    y : array-like of shape (n_samples,)
        Centred target.
    alpha : float
        α.
    l1_ratio : float, default=1.0
        ρ.
    w0 : array-like of shape (n_features,), optional
        Start (zeros by default).
    tol : float, default=1e-4
        scikit-learn's tol.
    max_iter : int, default=10000
        Most iterations.
    positive : bool, default=False
        Coefficients constrained to be ≥ 0.

    Returns
    -------
    w : ndarray of shape (n_features,)
        The solution.
    gap : float
        Its duality gap (objective scale).
    n_iter : int
        Iterations done.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, p = X.shape
    w = np.zeros(p) if w0 is None else np.array(w0, dtype=np.float64)
    lipschitz = np.linalg.norm(X, ord=2) ** 2 / n + alpha * (1 - l1_ratio)
    if lipschitz == 0:
        return np.zeros(p), 0.0, 0
    step = 1.0 / lipschitz
    gap_tol = tol * (y @ y) / n
    v, t = w.copy(), 1.0                  # extrapolated point and momentum
    gap = np.inf
    for it in range(1, max_iter + 1):
        grad = -X.T @ (y - X @ v) / n + alpha * (1 - l1_ratio) * v
        w_next = soft_threshold(v - step * grad, step * alpha * l1_ratio)
        if positive:
            w_next = np.maximum(w_next, 0.0)
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        v = w_next + ((t - 1) / t_next) * (w_next - w)
        w, t = w_next, t_next
        if it % 10 == 0 or it == max_iter:
            gap = duality_gap(X, y, w, alpha, l1_ratio, positive)
            if gap <= gap_tol:
                return w, gap, it
    return w, gap, max_iter


def enet_path(X, y, alphas, l1_ratio=1.0, solver="cd", tol=1e-4, max_iter=None, positive=False,
              w0=None):
    """Warm-started path over ``alphas`` (used in the given order) on centred data, from ``w0`` (or 0).

    Returns (coefs of shape (p, K), gaps (K,), n_iters (K,)).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Centred data.
    y : array-like of shape (n_samples,)
        Centred target.
    alphas : array-like of shape (K,)
        The grid, in the order solved.
    l1_ratio : float, default=1.0
        ρ.
    solver : {"cd", "fista"}, default="cd"
        The solver.
    tol : float, default=1e-4
        scikit-learn's tol.
    max_iter : int, optional
        The solver's own default when None.
    positive : bool, default=False
        Coefficients constrained to be ≥ 0.
    w0 : array-like of shape (n_features,), optional
        Start of the first α.

    Returns
    -------
    coefs : ndarray of shape (n_features, K)
        The solutions.
    gaps : ndarray of shape (K,)
        Their duality gaps.
    n_iters : ndarray of shape (K,)
        Sweeps or iterations per α.
    """
    solve = {"cd": cd_solve, "fista": fista_solve}[solver]
    kwargs = {} if max_iter is None else {"max_iter": max_iter}
    p = np.shape(X)[1]
    w = np.zeros(p) if w0 is None else np.array(w0, dtype=np.float64)
    coefs, gaps, iters = np.zeros((p, len(alphas))), np.zeros(len(alphas)), np.zeros(len(alphas), int)
    for k, alpha in enumerate(alphas):
        w, gaps[k], iters[k] = solve(X, y, alpha, l1_ratio, w0=w, tol=tol, positive=positive, **kwargs)
        coefs[:, k] = w
    return coefs, gaps, iters


def box_duality_gap(X, y, w, alpha, l1_ratio, lower, upper):
    """The duality gap of P subject to lower ≤ w ≤ upper (lower ≤ 0 ≤ upper), in P's scale.

    Fenchel dual of the n-scaled problem with hⱼ(v) = nαρ|v| + nα(1−ρ)/2·v² on [lowerⱼ, upperⱼ]:
    D(θ) = θᵀy − ½||θ||² − Σⱼ hⱼ*(xⱼᵀθ), hⱼ*(s) = max over v in the box of s·v − hⱼ(v), evaluated
    here at its maximiser (the clipped stationary point of each side). Two dual points θ = c·r, the
    better kept: c = min(1, nαρ / the largest xⱼᵀr towards an infinite bound) for the lasso (ρ = 1;
    1 otherwise), the least rescaling that keeps D finite; and c = min(1, nαρ / the largest xⱼᵀr
    towards any bound other than 0), where every hⱼ* is 0.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data (centred by the caller for a problem with an intercept).
    y : array-like of shape (n_samples,)
        Target.
    w : array-like of shape (n_features,)
        Coefficients inside the box.
    alpha : float
        α > 0.
    l1_ratio : float
        ρ.
    lower, upper : array-like of shape (n_features,)
        The box (±inf: no bound).

    Returns
    -------
    float
        P(w) − D(θ) ≥ P(w) − min P.
    """
    X, y, w, lower, upper = (np.asarray(a, dtype=np.float64) for a in (X, y, w, lower, upper))
    n = X.shape[0]
    lam, mu = n * alpha * l1_ratio, n * alpha * (1 - l1_ratio)
    r = y - X @ w
    corr = X.T @ r

    def scale_towards(directions_up, directions_down):
        pushes = np.concatenate([corr[directions_up], -corr[directions_down], [0.0]]).max()
        return min(1.0, lam / pushes) if pushes > lam else 1.0

    scales = [scale_towards(upper > 0, lower < 0),
              scale_towards(np.isposinf(upper), np.isneginf(lower)) if mu == 0 else 1.0]
    best = -np.inf
    for c in scales:
        s = c * corr
        if mu == 0:  # c·s is within [−nαρ, nαρ] towards an infinite bound: clip rounding past it
            s = np.where(np.isposinf(upper), np.minimum(s, lam), s)
            s = np.where(np.isneginf(lower), np.maximum(s, -lam), s)

        def value(v):
            return s * v - lam * np.abs(v) - 0.5 * mu * v * v

        if mu > 0:
            v_up = np.clip((s - lam) / mu, 0.0, upper)
            v_down = np.clip((s + lam) / mu, lower, 0.0)
        else:
            v_up = np.where(s > lam, upper, 0.0)
            v_down = np.where(s < -lam, lower, 0.0)
        conjugate = np.maximum(np.maximum(value(v_up), value(v_down)), 0.0).sum()
        best = max(best, c * (r @ y) - 0.5 * c * c * (r @ r) - conjugate)
    return (n * primal_objective(X, y, w, alpha, l1_ratio) - best) / n


def box_kkt_violation(X, y, w, alpha, l1_ratio, lower, upper):
    """Largest violation of the optimality conditions of P subject to lower ≤ w ≤ upper, in P's gradient
    scale (see :func:`kkt_violation`): gⱼ = αρ·sign(wⱼ) strictly inside the box, gⱼ ≥ αρ at an upper bound
    > 0, gⱼ ≤ −αρ at a lower bound < 0, at wⱼ = 0 |gⱼ| ≤ αρ on each side the box leaves open; and the
    distance of w outside the box.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Data (centred by the caller for a problem with an intercept).
    y : array-like of shape (n_samples,)
        Target.
    w : array-like of shape (n_features,)
        Coefficients.
    alpha : float
        α.
    l1_ratio : float
        ρ.
    lower, upper : array-like of shape (n_features,)
        The box (±inf: no bound).

    Returns
    -------
    float
        The largest violation (0 at the optimum).
    """
    X, y, w, lower, upper = (np.asarray(a, dtype=np.float64) for a in (X, y, w, lower, upper))
    n = X.shape[0]
    g = X.T @ (y - X @ w) / n - alpha * (1 - l1_ratio) * w
    l1 = alpha * l1_ratio
    at_upper = (w == upper) & (w > 0)
    at_lower = (w == lower) & (w < 0)
    zero = w == 0
    inside = ~(at_upper | at_lower | zero)
    viol = np.maximum(np.maximum(w - upper, lower - w), 0.0)
    viol[inside] = np.maximum(viol[inside], np.abs(g[inside] - l1 * np.sign(w[inside])))
    viol[at_upper] = np.maximum(viol[at_upper], np.maximum(l1 - g[at_upper], 0.0))
    viol[at_lower] = np.maximum(viol[at_lower], np.maximum(g[at_lower] + l1, 0.0))
    up_open, down_open = zero & (upper > 0), zero & (lower < 0)
    viol[up_open] = np.maximum(viol[up_open], np.maximum(g[up_open] - l1, 0.0))
    viol[down_open] = np.maximum(viol[down_open], np.maximum(-g[down_open] - l1, 0.0))
    return float(viol.max()) if viol.size else 0.0
