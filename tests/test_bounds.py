"""Box constraints lower ≤ w ≤ upper (issue 15): the kernel's certificate against a NumPy computation,
KKT of the box, agreement with scipy.optimize (L-BFGS-B) and python-glmnet, the estimators."""
import warnings

import numpy as np
import pytest
from scipy import optimize, sparse

import lassofast
from lassofast import reference


def _problem(n=40, p=12, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = np.zeros(p)
    w[:6] = [3.0, -2.5, 1.5, -1.0, 2.0, -0.7]
    y = X @ w + 0.5 * rng.standard_normal(n) + 1.0
    return X.astype(dtype), y.astype(dtype)


# A box with every kind of side: finite both, one side 0, one side infinite, fixed at 0.
LOWER = np.array([-1.0, -1.0, 0.0, -np.inf, -0.5, -np.inf, -2.0, 0.0, -1.0, -np.inf, 0.0, -0.3])
UPPER = np.array([1.0, np.inf, 2.0, 0.4, 0.5, np.inf, 0.0, 0.0, 1.0, 1.0, np.inf, 0.3])


def _centred(X, y, fit_intercept):
    X64, y64 = np.asarray(X.toarray() if sparse.issparse(X) else X, dtype=np.float64), y.astype(np.float64)
    if fit_intercept:
        return X64 - X64.mean(axis=0), y64 - y64.mean()
    return X64, y64


def _scipy_box(Xc, yc, alpha, l1_ratio, lower, upper):
    """min P over the box by L-BFGS-B on the smooth split w = u − v, 0 ≤ u ≤ upper, 0 ≤ v ≤ −lower."""
    n, p = Xc.shape

    def f(z):
        u, v = z[:p], z[p:]
        w = u - v
        r = yc - Xc @ w
        g = -Xc.T @ r / n + alpha * (1 - l1_ratio) * w
        value = r @ r / (2 * n) + alpha * l1_ratio * z.sum() + 0.5 * alpha * (1 - l1_ratio) * (w @ w)
        return value, np.concatenate([g + alpha * l1_ratio, -g + alpha * l1_ratio])

    box = [(0.0, None if np.isinf(u) else u) for u in upper] + [(0.0, None if np.isinf(l) else -l) for l in lower]
    res = optimize.minimize(f, np.zeros(2 * p), jac=True, method="L-BFGS-B", bounds=box,
                            options=dict(ftol=1e-15, gtol=1e-12, maxiter=20000, maxcor=30))
    return res.x[:p] - res.x[p:]


@pytest.mark.parametrize("layout", ["dense", "gram", "sparse"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.6])
def test_box_path_is_certified_feasible_and_optimal(layout, dtype, l1_ratio):
    X, y = _problem(n=40 if layout != "gram" else 80, dtype=dtype)
    if layout == "sparse":
        X = sparse.csc_matrix(np.where(np.abs(X) > 0.6, X, 0).astype(dtype))
    tol = 1e-8 if dtype == np.float64 else 1e-5
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, lower_bounds=LOWER, upper_bounds=UPPER, tol=tol,
                               n_alphas=30, precompute=layout == "gram")
    assert path.coefs.dtype == dtype
    lo, hi = path.lower_bounds, path.upper_bounds
    assert (path.coefs >= LOWER[:, None]).all() and (path.coefs <= UPPER[:, None]).all()
    assert (path.coefs[7] == 0).all()  # a box [0, 0] keeps the feature out
    assert (path.coefs.min(axis=1) < LOWER + 1e-6)[[0, 1]].any()  # some bound is active
    assert ((path.coefs == LOWER[:, None]) | (path.coefs == UPPER[:, None])).any()
    Xc, yc = _centred(X, y, True)
    scale = yc @ yc / len(yc)
    for k in range(0, 30, 3):
        w, alpha = path.coefs[:, k].astype(np.float64), path.alphas[k]
        oracle_gap = reference.box_duality_gap(Xc, yc, w, alpha, l1_ratio, lo, hi)
        # the kernel's reported certificate is the NumPy computation's, up to rounding (float32: the
        # kernel's data is centred in float32, the oracle's in float64)
        assert path.dual_gaps[k] == pytest.approx(oracle_gap, rel=1e-6,
                                                  abs=(1e-2 if dtype == np.float32 else 1e-4) * tol * scale)
        assert oracle_gap <= tol * scale * (1 + 1e-3)
        # and it bounds the distance to the optimum found by scipy
        w_ref = _scipy_box(Xc, yc, alpha, l1_ratio, lo, hi)
        p_ours = reference.primal_objective(Xc, yc, w, alpha, l1_ratio)
        p_ref = reference.primal_objective(Xc, yc, w_ref, alpha, l1_ratio)
        assert p_ours - p_ref <= oracle_gap + 1e-9 * scale
        assert p_ref - p_ours <= 1e-7 * scale  # scipy finds nothing better
        if dtype == np.float64:
            assert reference.box_kkt_violation(Xc, yc, w, alpha, l1_ratio, lo, hi) <= 1e-3 * alpha


def test_the_box_gap_is_a_true_bound_away_from_the_optimum():
    """At arbitrary feasible points (not solutions) the gap formula still bounds P(w) − P*, and it is 0
    at the optimum: the certificate is a certificate, not a stopping heuristic."""
    X, y = _problem()
    Xc, yc = _centred(X, y, True)
    rng = np.random.default_rng(3)
    for l1_ratio in (1.0, 0.5):
        alpha = 0.1
        w_star = _scipy_box(Xc, yc, alpha, l1_ratio, LOWER, UPPER)
        p_star = reference.primal_objective(Xc, yc, w_star, alpha, l1_ratio)
        for _ in range(20):
            w = np.clip(w_star + rng.standard_normal(12), LOWER, UPPER)
            gap = reference.box_duality_gap(Xc, yc, w, alpha, l1_ratio, LOWER, UPPER)
            assert gap >= reference.primal_objective(Xc, yc, w, alpha, l1_ratio) - p_star - 1e-12
        assert reference.box_duality_gap(Xc, yc, w_star, alpha, l1_ratio, LOWER, UPPER) < 1e-6


def test_box_wider_than_the_solution_changes_nothing_and_narrow_boxes_bind():
    X, y = _problem()
    free = lassofast.lasso_path(X, y, tol=1e-10, n_alphas=20)
    wide = lassofast.lasso_path(X, y, tol=1e-10, n_alphas=20, lower_bounds=-100.0, upper_bounds=100.0)
    np.testing.assert_allclose(wide.coefs, free.coefs, atol=1e-7)
    np.testing.assert_allclose(wide.alphas, free.alphas)
    tight = lassofast.lasso_path(X, y, tol=1e-10, n_alphas=20, lower_bounds=-0.2, upper_bounds=0.2)
    assert np.abs(tight.coefs).max() == 0.2


def test_alpha_max_counts_only_the_open_directions():
    """A feature whose box allows only the sign opposite to its correlation never sets α_max."""
    X, y = _problem()
    Xc, yc = _centred(X, y, True)
    corr = Xc.T @ yc
    j = int(np.argmax(np.abs(corr)))
    lower, upper = np.full(12, -np.inf), np.full(12, np.inf)
    if corr[j] > 0:
        upper[j] = 0.0
    else:
        lower[j] = 0.0
    path = lassofast.lasso_path(X, y, lower_bounds=lower, upper_bounds=upper, n_alphas=5)
    others = np.abs(np.delete(corr, j)).max()
    assert path.alpha_max == pytest.approx(others / len(y), rel=1e-12)
    assert path.alpha_max < np.abs(corr).max() / len(y)


def test_positive_is_lower_zero():
    X, y = _problem()
    pos = lassofast.lasso_path(X, y, positive=True, tol=1e-10, n_alphas=20)
    box = lassofast.lasso_path(X, y, lower_bounds=0.0, tol=1e-10, n_alphas=20)
    both = lassofast.lasso_path(X, y, positive=True, lower_bounds=0, upper_bounds=0.5, tol=1e-10, n_alphas=20)
    np.testing.assert_allclose(box.coefs, pos.coefs, atol=1e-7)
    assert both.coefs.min() >= 0 and both.coefs.max() <= 0.5


def _glmnet_box(X, y, alphas, l1_ratio, lower, upper, fit_intercept):
    glmnet = pytest.importorskip("glmnet")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return glmnet.ElasticNet(alpha=l1_ratio, lambda_path=alphas, tol=1e-14, n_splits=0, standardize=False,
                                 fit_intercept=fit_intercept, lower_limits=lower, upper_limits=upper,
                                 max_iter=10 ** 6).fit(X, y)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("kind", ["dense", "sparse"])
def test_box_agrees_with_glmnet_lower_upper_limits(fit_intercept, kind):
    X, y = _problem(n=60, seed=1)
    # glmnet needs finite-or-infinite limits with lower ≤ 0 ≤ upper: the same box
    Xk = sparse.csc_matrix(X) if kind == "sparse" else X
    path = lassofast.lasso_path(Xk, y, lower_bounds=LOWER, upper_bounds=UPPER, tol=1e-12, n_alphas=15,
                                eps=1e-2, fit_intercept=fit_intercept)
    ref = _glmnet_box(X, y, path.alphas, 1.0, LOWER, UPPER, fit_intercept)
    coefs = ref.coef_path_
    np.testing.assert_allclose(path.coefs, coefs, atol=1e-6 * np.abs(coefs).max())
    np.testing.assert_allclose(path.intercepts, ref.intercept_path_, atol=1e-6 * np.abs(y).max())


def test_enet_box_agrees_with_glmnet():
    X, y = _problem(n=60, seed=2)
    y = (y - y.mean()) / y.std()  # glmnet scales y to unit sd for l1_ratio < 1: compare where that is a no-op
    path = lassofast.enet_path(X, y, l1_ratio=0.5, lower_bounds=LOWER, upper_bounds=UPPER, tol=1e-12,
                               n_alphas=12, eps=1e-2)
    ref = _glmnet_box(X, y, path.alphas, 0.5, LOWER, UPPER, True)
    np.testing.assert_allclose(path.coefs, ref.coef_path_, atol=1e-6 * np.abs(ref.coef_path_).max())


def test_bounds_follow_standardize_and_penalty_factor_to_the_original_scale():
    X, y = _problem(n=50)
    X = X * np.linspace(0.2, 5, 12)
    factors = np.linspace(0.5, 2, 12)
    path = lassofast.lasso_path(X, y, lower_bounds=LOWER, upper_bounds=UPPER, standardize=True,
                                penalty_factor=factors, tol=1e-12, n_alphas=10)
    assert (path.coefs >= LOWER[:, None]).all() and (path.coefs <= UPPER[:, None]).all()
    # optimal for the weighted-penalty lasso on the standardised scale, in the box: compare with scipy
    Xc, yc = _centred(X, y, True)
    std = Xc.std(axis=0)
    scale = std * factors
    for k in (3, 9):
        v = _scipy_box(Xc / scale, yc, path.alphas[k], 1.0, LOWER * scale, UPPER * scale)
        np.testing.assert_allclose(path.coefs[:, k], v / scale, atol=1e-5)


def test_off_grid_solve_keeps_the_box():
    X, y = _problem()
    path = lassofast.lasso_path(X, y, lower_bounds=LOWER, upper_bounds=UPPER, n_alphas=10, tol=1e-10)
    alpha = float(np.sqrt(path.alphas[5] * path.alphas[6]))
    w = path.coef_at(alpha, X, y)
    direct = lassofast.lasso_path(X, y, lower_bounds=LOWER, upper_bounds=UPPER, alphas=[alpha], tol=1e-10)
    np.testing.assert_allclose(w, direct.coefs[:, 0], atol=1e-7)
    assert (w >= LOWER).all() and (w <= UPPER).all()


def test_alpha_zero_is_bounded_least_squares():
    X, y = _problem(n=60)
    with pytest.warns(UserWarning, match="least squares"):
        path = lassofast.lasso_path(X, y, alphas=[0.1, 0.0], lower_bounds=LOWER, upper_bounds=UPPER)
    Xc, yc = _centred(X, y, True)
    free = LOWER < UPPER
    ls = optimize.lsq_linear(Xc[:, free], yc, bounds=(LOWER[free], UPPER[free]), tol=1e-12).x
    np.testing.assert_allclose(path.coefs[free, 1], ls, atol=1e-7)
    assert (path.coefs[~free, 1] == 0).all()


@pytest.mark.parametrize("estimator", ["Lasso", "ElasticNet"])
def test_estimators_take_bounds(estimator):
    X, y = _problem()
    model = getattr(lassofast, estimator)(alpha=0.05, lower_bounds=LOWER, upper_bounds=UPPER, tol=1e-10).fit(X, y)
    l1_ratio = model.l1_ratio
    Xc, yc = _centred(X, y, True)
    assert reference.box_kkt_violation(Xc, yc, model.coef_, 0.05, l1_ratio, LOWER, UPPER) <= 1e-6
    assert model.intercept_ == pytest.approx(y.mean() - X.mean(axis=0) @ model.coef_)
    unbounded = getattr(lassofast, estimator)(alpha=0.05, tol=1e-10).fit(X, y)
    assert not np.allclose(model.coef_, unbounded.coef_)


def test_lasso_cv_with_bounds_refits_in_the_box():
    X, y = _problem(n=60)
    cv = lassofast.LassoCV(lower_bounds=LOWER, upper_bounds=UPPER, cv=3, n_alphas=15).fit(X, y)
    assert (cv.coef_ >= LOWER).all() and (cv.coef_ <= UPPER).all()
    direct = lassofast.Lasso(alpha=cv.alpha_, lower_bounds=LOWER, upper_bounds=UPPER).fit(X, y)
    np.testing.assert_allclose(cv.coef_, direct.coef_)
    # the grid starts at the box's α_max
    assert cv.alphas_[0] == pytest.approx(
        lassofast.lasso_path(X, y, lower_bounds=LOWER, upper_bounds=UPPER, n_alphas=2).alpha_max)


def test_bounds_that_bound_nothing_take_the_plain_solver():
    X, y = _problem()
    plain = lassofast.lasso_path(X, y, n_alphas=10)
    same = lassofast.lasso_path(X, y, n_alphas=10, lower_bounds=-np.inf, upper_bounds=np.inf)
    assert same.lower_bounds is None
    np.testing.assert_array_equal(same.coefs, plain.coefs)
    np.testing.assert_array_equal(same.n_iters, plain.n_iters)


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
@pytest.mark.parametrize("precompute", [False, True])
def test_the_certificate_away_from_convergence_is_the_numpy_one(l1_ratio, precompute, monkeypatch):
    """Stopped after 2 sweeps, far from the optimum, where the choice of dual point matters (a wide
    finite box next to infinite and one-sided ones): the kernel reports the NumPy formula's gap at the
    w it returns, and that gap still bounds the distance to scipy's optimum."""
    monkeypatch.setattr(lassofast.path, "BOX_TRY", 0)  # the boxed kernel itself, not the unboxed try
    X, y = _problem(n=40 if not precompute else 80, seed=4)
    lower = np.where(np.isfinite(LOWER), LOWER, -50.0)
    lower[[3, 5]] = -np.inf
    upper = np.where(np.isfinite(UPPER), UPPER * 40, np.inf)
    with pytest.warns(lassofast.exceptions.ConvergenceWarning):
        path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, lower_bounds=lower, upper_bounds=upper, tol=1e-14,
                                   max_iter=2, n_alphas=8, eps=1e-2, precompute=precompute)
    Xc, yc = _centred(X, y, True)
    for k in range(1, 8):
        w, alpha = path.coefs[:, k], path.alphas[k]
        gap = reference.box_duality_gap(Xc, yc, w, alpha, l1_ratio, lower, upper)
        assert gap > 1e-8  # not converged: a real test of the formula
        assert path.dual_gaps[k] == pytest.approx(gap, rel=1e-8, abs=1e-12)
        w_ref = _scipy_box(Xc, yc, alpha, l1_ratio, lower, upper)
        excess = (reference.primal_objective(Xc, yc, w, alpha, l1_ratio)
                  - reference.primal_objective(Xc, yc, w_ref, alpha, l1_ratio))
        assert 0 <= excess + 1e-12 and excess <= gap + 1e-10


@pytest.mark.parametrize("precompute", [False, True])
def test_a_wide_finite_box_is_certified_no_worse_than_no_box(precompute, monkeypatch):
    """A finite bound u makes hⱼ* steep (u per unit of violation), so the dual point rescaled only
    towards infinite bounds is poor; the kernel also tries the unboxed rescaling, so its gap at any w
    is at most the plain lasso's gap at that w (equal to it when the box does not bind)."""
    monkeypatch.setattr(lassofast.path, "BOX_TRY", 0)  # the boxed kernel itself, not the unboxed try
    X, y = _problem(n=40 if not precompute else 80, seed=5)
    with pytest.warns(lassofast.exceptions.ConvergenceWarning):
        path = lassofast.lasso_path(X, y, lower_bounds=-100.0, upper_bounds=100.0, tol=1e-14, max_iter=2,
                                    n_alphas=8, eps=1e-2, precompute=precompute)
    Xc, yc = _centred(X, y, True)
    lower, upper = np.full(12, -100.0), np.full(12, 100.0)
    for k in range(1, 8):
        w, alpha = path.coefs[:, k], path.alphas[k]
        plain = reference.duality_gap(Xc, yc, w, alpha, 1.0)
        assert plain > 1e-8
        assert path.dual_gaps[k] == pytest.approx(reference.box_duality_gap(Xc, yc, w, alpha, 1.0, lower, upper),
                                                  rel=1e-8, abs=1e-12)
        assert path.dual_gaps[k] <= plain * (1 + 1e-9) + 1e-12


def test_the_python_side_box_gap_is_the_oracles():
    """path._box_gap (the Gram layout's recheck from the residual) against reference.box_duality_gap."""
    from lassofast.path import _box_gap
    X, y = _problem()
    Xc, yc = _centred(X, y, True)
    n = len(yc)
    rng = np.random.default_rng(7)
    for l1_ratio in (1.0, 0.5):
        for _ in range(10):
            w = np.clip(rng.standard_normal(12), LOWER, UPPER)
            r = yc - Xc @ w
            alpha = 0.05
            ours = _box_gap(w, yc, r, Xc.T @ r, n * alpha * l1_ratio, n * alpha * (1 - l1_ratio), LOWER, UPPER) / n
            assert ours == pytest.approx(reference.box_duality_gap(Xc, yc, w, alpha, l1_ratio, LOWER, UPPER),
                                         rel=1e-10)


@pytest.mark.parametrize("precompute", [False, True])
def test_a_box_that_does_not_bind_costs_what_no_box_costs(precompute):
    """Where the box does not bind the path is solved without it (every acceleration on): the same
    coefficients and sweeps as the unboxed path; a box that binds from some α on takes the unboxed
    solutions up to there and the boxed kernel after (certified by the box's gap)."""
    X, y = _problem(n=60, seed=6)
    plain = lassofast.lasso_path(X, y, n_alphas=30, tol=1e-10, precompute=precompute)
    wide = lassofast.lasso_path(X, y, n_alphas=30, tol=1e-10, precompute=precompute,
                                lower_bounds=-1e6, upper_bounds=1e6)
    np.testing.assert_allclose(wide.coefs, plain.coefs, rtol=1e-9, atol=1e-12)
    # one unboxed kernel call for the whole path, as without a box (its Newton factor, screening and
    # over-relaxation state carried along: solved in parts of 25 α, sweeps rose 332 -> 391 on the
    # bench's dense problem)
    from lassofast.bench import problems
    bench = problems.make("dense", quick=True)  # (Toeplitz 40 x 120: the 25-α parts took 302 sweeps, not 299)
    long_plain = lassofast.lasso_path(bench.X, bench.y, tol=1e-10, fit_intercept=False, precompute=precompute)
    long_wide = lassofast.lasso_path(bench.X, bench.y, tol=1e-10, fit_intercept=False, precompute=precompute,
                                     lower_bounds=-1e6, upper_bounds=1e6)
    np.testing.assert_array_equal(long_wide.n_iters, long_plain.n_iters)
    cap = 0.5 * np.abs(plain.coefs).max()
    binding = lassofast.lasso_path(X, y, n_alphas=30, tol=1e-10, precompute=precompute,
                                   lower_bounds=-cap, upper_bounds=cap)
    first = int(np.argmax((np.abs(plain.coefs) > cap).any(axis=0)))
    assert 0 < first < 30
    np.testing.assert_allclose(binding.coefs[:, :first], plain.coefs[:, :first], rtol=1e-9, atol=1e-12)
    assert np.abs(binding.coefs).max() <= cap
    Xc, yc = _centred(X, y, True)
    lower, upper = np.full(X.shape[1], -cap), np.full(X.shape[1], cap)
    for k in range(30):
        gap = reference.box_duality_gap(Xc, yc, binding.coefs[:, k], binding.alphas[k], 1.0, lower, upper)
        assert gap <= 1e-10 * (yc @ yc) / len(yc) * 1.001
