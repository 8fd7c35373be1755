"""Numerical edge cases: degenerate data gets the correct, documented answer (oracle: lassofast.reference)."""
import warnings

import numpy as np
import pytest

import lassofast
from lassofast import reference as ref
from lassofast.datasets import make_correlated
from lassofast._testing import kkt_ok


def _data(n=50, p=6, seed=0, dtype=np.float64):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    y = X @ rng.standard_normal(p) + rng.standard_normal(n) + 5.0
    return X.astype(dtype), y.astype(dtype)


def _assert_optimal(X, y, path, tol, fit_intercept=True, positive=False, slack=1.01):
    """Each α's solution meets its duality-gap bound and KKT on float64 data, and the intercept fits."""
    X64, y64 = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if fit_intercept:
        Xc, yc, X_mean, y_mean = ref.center(X64, y64)
    else:
        Xc, yc, X_mean, y_mean = X64, y64, np.zeros(X.shape[1]), 0.0
    gap_tol = tol * (yc @ yc) / len(yc)
    for k, alpha in enumerate(path.alphas):
        w = path.coefs[:, k].astype(np.float64)
        gap = ref.duality_gap(Xc, yc, w, alpha, path.l1_ratio, positive)
        assert gap <= gap_tol * slack + 1e-300, f"α={alpha:.3g}: gap {gap:.3g} > {gap_tol:.3g}"
        assert kkt_ok(Xc, yc, w, alpha, path.l1_ratio, gap_tol * slack, positive) == []
        intercept = y_mean - X_mean @ w
        assert abs(path.intercepts[k] - intercept) <= 1e-6 * (1 + abs(intercept))


def _quiet(fn, *args, **kw):
    """Call fn and fail on any warning: these edge cases must be handled, not warned about."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kw)


# --- targets with nothing to fit ---

@pytest.mark.parametrize("value", [0.0, 3.0, 0.1, -1e6])
@pytest.mark.parametrize("precompute", [True, False])
def test_constant_target_gives_zero_coefficients(value, precompute):
    """y constant: every α gives w = 0 and intercept = y; α_max is 0 up to rounding."""
    X, _ = _data()
    y = np.full(X.shape[0], value)
    path = _quiet(lassofast.enet_path, X, y, n_alphas=5, precompute=precompute)
    assert not path.coefs.any()
    np.testing.assert_allclose(path.intercepts, value, rtol=1e-12)
    assert np.isfinite(path.alphas).all() and (path.alphas > 0).all()
    assert lassofast.alpha_max(X, y) <= 1e-12 * max(abs(value), 1.0)
    model = _quiet(lassofast.Lasso(alpha=0.1, precompute=precompute).fit, X, y)
    assert not model.coef_.any() and model.intercept_ == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_zero_target_gives_exactly_zero(fit_intercept):
    X, _ = _data()
    y = np.zeros(X.shape[0])
    assert lassofast.alpha_max(X, y, fit_intercept=fit_intercept) == 0.0
    path = _quiet(lassofast.lasso_path, X, y, n_alphas=4, fit_intercept=fit_intercept)
    assert not path.coefs.any() and not path.intercepts.any() and path.alpha_max == 0.0
    assert not np.isnan(path.dual_gaps).any()


# --- tiny shapes ---

def test_single_sample_with_intercept_is_the_mean_model():
    """One row: the centred data is all zero. A path on the automatic grid refuses it (issue 15);
    an estimator, like scikit-learn's, fits w = 0 with the intercept that one target."""
    X, y = _data(n=1)
    with pytest.raises(ValueError, match="1 sample"):
        lassofast.lasso_path(X, y, n_alphas=3)
    model = _quiet(lassofast.ElasticNet(alpha=0.1).fit, X, y)
    assert not model.coef_.any() and model.predict(X)[0] == pytest.approx(y[0])


@pytest.mark.parametrize("precompute", [True, False])
def test_single_sample_without_intercept_is_optimal(precompute):
    X, y = _data(n=1, p=4)
    path = _quiet(lassofast.enet_path, X, y, l1_ratio=0.7, fit_intercept=False, n_alphas=6, tol=1e-12,
                  precompute=precompute)
    _assert_optimal(X, y, path, 1e-12, fit_intercept=False)
    assert path.coefs[:, -1].any()


@pytest.mark.parametrize("l1_ratio", [1.0, 0.4])
@pytest.mark.parametrize("positive", [False, True])
def test_single_feature_matches_the_closed_form(l1_ratio, positive):
    """One feature: w = S(xᵀy/n, αρ) / (xᵀx/n + α(1−ρ)), clipped at 0 when positive."""
    X, y = _data(p=1)
    y = y - 3.0 * X[:, 0]  # a negative correlation, so positive=True has something to clip
    path = _quiet(lassofast.enet_path, X, y, l1_ratio=l1_ratio, n_alphas=7, tol=1e-14, positive=positive)
    Xc, yc, _, _ = ref.center(X, y)
    n = len(yc)
    z = Xc[:, 0] @ yc / n
    expected = ref.soft_threshold(z, path.alphas * l1_ratio) / (Xc[:, 0] @ Xc[:, 0] / n + path.alphas * (1 - l1_ratio))
    if positive:
        expected = np.maximum(expected, 0.0)
    np.testing.assert_allclose(path.coefs[0], expected, rtol=1e-9, atol=1e-12)


# --- degenerate columns ---

@pytest.mark.parametrize("precompute", [True, False])
def test_duplicated_columns_share_the_single_column_solution(precompute):
    """Lasso with a column repeated: any split of the weight is optimal; the total equals the fit
    without the copy, and both halves have the same sign."""
    X, y = _data()
    X_dup = np.column_stack([X, X[:, 0], X[:, 0]])
    kw = dict(n_alphas=10, tol=1e-12, max_iter=100_000, precompute=precompute)
    dup = _quiet(lassofast.lasso_path, X_dup, y, **kw)
    single = _quiet(lassofast.lasso_path, X, y, alphas=dup.alphas, **{k: v for k, v in kw.items() if k != "n_alphas"})
    _assert_optimal(X_dup, y, dup, 1e-12)
    total = dup.coefs[0] + dup.coefs[-2] + dup.coefs[-1]
    np.testing.assert_allclose(total, single.coefs[0], rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(dup.coefs[1:-2], single.coefs[1:], rtol=1e-5, atol=1e-8)
    signs = np.sign(dup.coefs[[0, -2, -1]])
    assert ((signs >= 0).all(axis=0) | (signs <= 0).all(axis=0)).all()


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_duplicated_columns_with_ridge_split_the_weight_evenly(l1_ratio):
    X, y = _data()
    X_dup = np.column_stack([X, X[:, 2]])
    path = _quiet(lassofast.enet_path, X_dup, y, l1_ratio=l1_ratio, n_alphas=8, tol=1e-10, max_iter=100_000)
    _assert_optimal(X_dup, y, path, 1e-10)
    if l1_ratio < 1:  # strictly convex: the unique solution splits equally
        np.testing.assert_allclose(path.coefs[2], path.coefs[-1], rtol=1e-3, atol=1e-8)


@pytest.mark.parametrize("precompute", [True, False])
@pytest.mark.parametrize("seed", [0, 2])
def test_copies_and_combinations_of_columns_cost_no_more_than_the_columns(precompute, seed):
    """A copy, a scaled copy and a sum of other columns leave X_A singular: the exact solve on the
    support (the kernel's Newton step) leaves such columns out instead of failing, so the path takes
    about the sweeps of the design without them (before: 9-17x as many) and stays certified."""
    X, y, _ = make_correlated(100, 60, rho=0.9, random_state=seed)
    X_dep = np.column_stack([X, X[:, 3], -2 * X[:, 7], X[:, 1] + X[:, 2]])
    kw = dict(eps=1e-4, n_alphas=50, tol=1e-10, max_iter=100_000, precompute=precompute)
    plain = _quiet(lassofast.lasso_path, X, y, **kw)
    dep = _quiet(lassofast.lasso_path, X_dep, y, **kw)
    _assert_optimal(X_dep, y, dep, 1e-10)
    # (plain needs ~12-30 sweeps for the 50 α since α past a kink open with the entering features'
    # solve; a few such α then take the 2 sweeps they took before)
    assert dep.n_iters.sum() <= max(1.5 * plain.n_iters.sum(), plain.n_iters.sum() + kw["n_alphas"])


@pytest.mark.parametrize("precompute", [True, False])
def test_zero_and_constant_columns_never_enter(precompute):
    """An all-zero column (or a constant one, zero once centred) keeps w_j = 0; the others are the fit
    without it."""
    X, y = _data()
    X_deg = np.column_stack([np.zeros(len(y)), X, np.full(len(y), 0.1), np.full(len(y), 7e5)])
    kw = dict(tol=1e-12, max_iter=100_000, precompute=precompute)
    path = _quiet(lassofast.lasso_path, X_deg, y, n_alphas=10, **kw)
    without = _quiet(lassofast.lasso_path, X, y, alphas=path.alphas, **kw)
    assert not path.coefs[[0, -2, -1]].any()
    np.testing.assert_allclose(path.coefs[1:-2], without.coefs, rtol=1e-7, atol=1e-10)
    _assert_optimal(X_deg, y, path, 1e-12)


def test_all_columns_zero():
    X = np.zeros((10, 3))
    y = np.arange(10.0)
    path = _quiet(lassofast.lasso_path, X, y, n_alphas=3, fit_intercept=False)
    assert not path.coefs.any() and path.alpha_max == 0.0


def test_nearly_collinear_columns_are_optimal():
    X, y = _data()
    rng = np.random.default_rng(1)
    X_near = np.column_stack([X, X[:, 0] + 1e-9 * rng.standard_normal(len(y))])
    path = _quiet(lassofast.enet_path, X_near, y, l1_ratio=0.9, n_alphas=10, tol=1e-10, max_iter=200_000)
    _assert_optimal(X_near, y, path, 1e-10)


# --- scale ---

@pytest.mark.parametrize("precompute", [True, False])
@pytest.mark.parametrize("dtype, tol, slack", [(np.float64, 1e-10, 1.01), (np.float32, 1e-4, 1.5)])
def test_columns_of_wildly_different_scales(precompute, dtype, tol, slack):
    """Columns scaled 1e-8 … 1e8 (each informative at its own scale) are solved to KKT optimality."""
    rng = np.random.default_rng(3)
    n, scales = 80, np.logspace(-8, 8, 9)
    Z = rng.standard_normal((n, scales.size))
    y = (Z @ rng.standard_normal(scales.size) + 0.5 * rng.standard_normal(n)).astype(dtype)
    X = (Z * scales).astype(dtype)
    path = _quiet(lassofast.lasso_path, X, y, n_alphas=15, eps=1e-4, tol=tol, max_iter=100_000,
                  precompute=precompute)
    _assert_optimal(X, y, path, tol, slack=slack)
    assert path.coefs[:, -1].any()


@pytest.mark.parametrize("scale", [1e-8, 1e8])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_rescaling_the_whole_problem_rescales_the_path(scale, l1_ratio):
    """(cX, cy) at α·c² has the same solution as (X, y) at α: the automatic grid scales by c² and the
    coefficients must not change, however small or large c is."""
    X, y = _data()
    kw = dict(l1_ratio=l1_ratio, n_alphas=12, tol=1e-12, max_iter=100_000)
    base = _quiet(lassofast.enet_path, X, y, **kw)
    scaled = _quiet(lassofast.enet_path, X * scale, y * scale, **kw)
    np.testing.assert_allclose(scaled.alphas, base.alphas * scale**2, rtol=1e-10)
    np.testing.assert_allclose(scaled.coefs, base.coefs, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(scaled.intercepts, base.intercepts * scale, rtol=1e-6)


@pytest.mark.parametrize("precompute", [True, False])
def test_float32_with_many_samples_and_offset_features(precompute):
    """float32, n = 200,000, features with means far from 0: centring must not lose the digits that
    decide optimality (the oracle is float64 arithmetic on the very same float32 numbers)."""
    rng = np.random.default_rng(4)
    n, p = 200_000, 5
    Z = rng.standard_normal((n, p))
    X = (Z + np.array([1e4, -3e3, 0.0, 50.0, 1e3])).astype(np.float32)
    y = (Z @ np.array([1.0, -2.0, 0.0, 0.5, 3.0]) + rng.standard_normal(n) + 100.0).astype(np.float32)
    tol = 1e-4
    path = _quiet(lassofast.lasso_path, X, y, n_alphas=6, eps=1e-2, tol=tol, precompute=precompute)
    assert path.coefs.dtype == np.float32
    _assert_optimal(X, y, path, tol, slack=1.5)


@pytest.mark.parametrize("precompute", [True, False])
def test_float32_reaches_a_tight_tolerance(precompute):
    """float32 keeps a running residual (or Qw) that drifts by rounding; it must still be refreshed
    often enough for coordinate descent to reach tol = 1e-6 rather than stall at max_iter. (Near
    tol = 1e-6 ≈ 8·ε₃₂ a float32 certificate — notably the Gram layout's, built from a rounded XᵀX — is
    only good to a few ε₃₂·||y||², hence the factor 5 on the recomputed gap; a stall is off by 1000×.)"""
    X, y, _ = make_correlated(60, 60, rho=0.6, n_informative=5, random_state=3, dtype=np.float32)
    y = y + 2
    path = _quiet(lassofast.lasso_path, X, y, n_alphas=25, tol=1e-6, max_iter=20_000, precompute=precompute)
    _assert_optimal(X, y, path, 1e-6, slack=5.0)


# --- special values of α ---

@pytest.mark.parametrize("seed", range(40))
def test_alpha_exactly_alpha_max_gives_exact_zeros(seed):
    rng = np.random.default_rng(seed)
    n, p = rng.integers(2, 40), rng.integers(1, 30)
    X = rng.standard_normal((n, p)) * rng.choice([1e-3, 1.0, 1e3], size=p)
    y = rng.standard_normal(n)
    for l1_ratio in (1.0, 0.5):
        for fit_intercept in (True, False):
            for precompute in (True, False):
                kw = dict(l1_ratio=l1_ratio, fit_intercept=fit_intercept)
                a_max = lassofast.alpha_max(X, y, **kw)
                exact = lassofast.enet_path(X, y, alphas=[a_max], precompute=precompute, **kw)
                auto = lassofast.enet_path(X, y, n_alphas=2, eps=0.5, precompute=precompute, **kw)
                assert not exact.coefs.any(), f"non-zero at α = α_max: {exact.coefs[exact.coefs != 0]}"
                assert auto.alphas[0] == pytest.approx(a_max, rel=1e-12) and not auto.coefs[:, 0].any()


@pytest.mark.parametrize("alpha", [1e300, 1e308])
def test_huge_alpha_gives_zeros_and_a_finite_gap(alpha):
    X, y = _data()
    path = _quiet(lassofast.lasso_path, X, y, alphas=[alpha])
    assert not path.coefs.any()
    assert np.isfinite(path.dual_gaps).all() and path.dual_gaps[0] <= 1e-12
    assert path.n_iters[0] <= 1


@pytest.mark.parametrize("n, p", [(50, 6), (6, 50)])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.0])
def test_alpha_zero_is_minimum_norm_least_squares_with_a_warning(n, p, l1_ratio):
    X, y = _data(n=n, p=p)
    with pytest.warns(UserWarning, match="least squares"):
        path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, alphas=[0.0])
    Xc, yc, _, _ = ref.center(X, y)
    np.testing.assert_allclose(path.coefs[:, 0], np.linalg.lstsq(Xc, yc, rcond=None)[0], rtol=1e-8, atol=1e-10)
    assert path.dual_gaps[0] == 0.0


def test_alpha_zero_positive_is_nonnegative_least_squares():
    from scipy.optimize import nnls
    X, y = _data()
    with pytest.warns(UserWarning, match="least squares"):
        path = lassofast.lasso_path(X, y, alphas=[0.0], positive=True)
    Xc, yc, _, _ = ref.center(X, y)
    np.testing.assert_allclose(path.coefs[:, 0], nnls(Xc, yc)[0], rtol=1e-8, atol=1e-12)


def test_alpha_zero_keeps_float32():
    X, y = _data(dtype=np.float32)
    with pytest.warns(UserWarning, match="least squares"):
        path = lassofast.lasso_path(X, y, alphas=[0.0])
    assert path.coefs.dtype == np.float32 and path.intercepts.dtype == np.float32


def test_one_alpha_on_the_automatic_grid_is_alpha_max():
    X, y = _data()
    path = _quiet(lassofast.lasso_path, X, y, n_alphas=1)
    assert path.alphas[0] == pytest.approx(lassofast.alpha_max(X, y), rel=1e-12) and not path.coefs.any()


# --- the soft-threshold operator at the edges ---

def test_soft_threshold_propagates_nan_and_keeps_infinity():
    """Like lassofast.reference.soft_threshold: S(NaN) is NaN (not a silent 0), S(±inf) = ±inf."""
    z = np.array([np.nan, np.inf, -np.inf, 0.5, -3.0])
    got = lassofast.soft_threshold(z, 1.0)
    np.testing.assert_array_equal(got, ref.soft_threshold(z, 1.0))


def test_soft_threshold_at_the_threshold_is_exactly_zero():
    t = 0.3
    z = np.array([t, -t, np.nextafter(t, 1.0), 0.0, -0.0])
    got = lassofast.soft_threshold(z, t)
    assert got[0] == 0.0 and got[1] == 0.0 and got[2] > 0 and not got[3:].any()
    assert lassofast.soft_threshold(np.float32(2.0), 0.5).dtype == np.float32


def _exact_lasso_gap(X, y, w, alpha, positive):
    """The lasso duality gap (objective scale) at w in exact rational arithmetic: the oracle for tiny
    instances where float64 rounding of the gap itself (also in lassofast.reference) reaches tol."""
    from fractions import Fraction
    n, p = X.shape
    Xf = [[Fraction(float(v)) for v in row] for row in X]
    wf = [Fraction(float(v)) for v in w]
    yf = [Fraction(float(v)) for v in y]
    r = [yf[i] - sum(Xf[i][j] * wf[j] for j in range(p)) for i in range(n)]
    corr = [sum(Xf[i][j] * r[i] for i in range(n)) for j in range(p)]
    lam = Fraction(float(alpha)) * n
    dual_norm = max(corr) if positive else max(abs(c) for c in corr)
    scale = min(Fraction(1), lam / dual_norm) if dual_norm > 0 else Fraction(1)
    rr = sum(v * v for v in r)
    primal = rr / 2 + lam * sum(abs(v) for v in wf)
    dual = scale * sum(r[i] * yf[i] for i in range(n)) - scale * scale * rr / 2
    return float((primal - dual) / n)


# Found by the fuzz test: columns of scale 1e-9 beside one of scale 0.3, n = 2, tiny α, w ~ 1e9. The
# Gram layout's own gap (from XᵀX and Xᵀy) once said 9e-9 where the true gap was ~1.3e-7.
_TINY_COLUMNS_X = np.array([
    [3.46e-09, 8.22e-09, 3.30e-09, -1.30e-08, 9.05e-09, 4.46e-09, -5.37e-09, 5.81e-09, 0.3646],
    [2.94e-09, 2.84e-10, 5.47e-09, -7.36e-09, -1.63e-09, -4.82e-09, 5.99e-09, 3.97e-10, -0.2925]])
_TINY_COLUMNS_Y = np.array([-7.819084623568421, -7.819084623568421])


def test_gram_layout_never_reports_less_than_the_true_gap():
    X, y = _TINY_COLUMNS_X, _TINY_COLUMNS_Y
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = lassofast.enet_path(X, y, l1_ratio=1.0, positive=True, fit_intercept=False, precompute=True,
                                   n_alphas=6, tol=1e-9, max_iter=50_000)
    exact = [_exact_lasso_gap(X, y, path.coefs[:, k], a, True) for k, a in enumerate(path.alphas)]
    gap_tol = 1e-9 * (y @ y) / len(y)
    for k in range(len(exact)):  # (a claim below the true gap matters only near the tolerance)
        assert path.dual_gaps[k] >= 0.5 * exact[k] - 1e-3 * gap_tol, k
    if max(exact) > gap_tol:
        assert any(issubclass(w.category, lassofast.ConvergenceWarning) for w in caught)


def test_gram_gap_recheck_reports_the_gap_its_rounding_would_hide():
    """Handed a point whose Gram-formula gap would be rounding noise and a claimed gap of 0, the
    recheck reports the gap of the residual itself (which here is what exact arithmetic gives)."""
    from lassofast.path import _Design, _Problem
    X, y = _TINY_COLUMNS_X, _TINY_COLUMNS_Y
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lassofast.ConvergenceWarning)  # the warning is the test above's
        path = lassofast.enet_path(X, y, l1_ratio=1.0, positive=True, fit_intercept=False,
                                   precompute=True, n_alphas=6, tol=1e-9, max_iter=50_000)
    coefs = path.coefs.copy()
    coefs[3] *= 1 + 1e-9  # a point off the solution by about tol, with w_3 ~ 1e9
    exact = np.array([_exact_lasso_gap(X, y, coefs[:, k], a, True) for k, a in enumerate(path.alphas)])
    problem = _Problem(_Design(X, False, True), y)
    gap_tol = problem.gap_tol(1e-9)
    assert exact[1:].max() > gap_tol  # the perturbation matters
    rechecked = problem.recheck_gram_gaps(path.alphas, coefs, np.zeros(len(exact)), 1.0, True, gap_tol)
    for k in range(1, len(exact)):
        if exact[k] > gap_tol:
            assert rechecked[k] >= 0.5 * exact[k], k


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_gram_rounding_terms_are_numpys_reductions(dtype):
    """The recheck's bound reads its four terms from one kernel call: the same values as NumPy's
    reductions, for a transposed (K, p) path like _path_on's, with no positive α, and with NaN."""
    from lassofast import _cd
    rng = np.random.default_rng(3)
    coefs = (rng.standard_normal((30, 7)) * 10.0 ** rng.integers(-5, 6, (30, 7))).astype(dtype).T
    alphas = np.r_[np.geomspace(2.0, 1e-3, 29), 0.0]
    norm2, Xty = rng.random(7).astype(dtype), rng.standard_normal(7).astype(dtype)

    def numpys(coefs, alphas, norm2, Xty):
        positive = alphas[alphas > 0]
        return (np.abs(coefs.astype(np.float64)).sum(axis=0).max(), positive.min() if positive.size else np.inf,
                float(norm2.max()), float(np.abs(Xty).max()))
    np.testing.assert_allclose(_cd.gram_rounding_terms(coefs, alphas, norm2, Xty),
                               numpys(coefs, alphas, norm2, Xty), rtol=1e-6)
    assert _cd.gram_rounding_terms(coefs, np.zeros(30), norm2, Xty)[1] == np.inf
    for where in ("coefs", "norm2", "Xty"):
        args = dict(coefs=coefs.copy(), norm2=norm2.copy(), Xty=Xty.copy())
        args[where][(2, 5)[:args[where].ndim]] = np.nan
        terms = _cd.gram_rounding_terms(args["coefs"], alphas, args["norm2"], args["Xty"])
        assert np.isnan(terms).tolist() == [where == "coefs", False, where == "norm2", where == "Xty"]
