"""Box bounds, max_features and the relaxed lasso on a Dask X (issue 15): the path on the moments' Gram
and the refits on the moments' normal equations.

Oracles: the in-memory path / estimator / CV on the same data (itself certified), the box's KKT
conditions (lassofast.reference.box_kkt_violation) and the refit's own optimality conditions.
"""
import numpy as np
import pytest

import lassofast
from lassofast import reference
from lassofast.datasets import make_correlated

da = pytest.importorskip("dask.array")



def _data(n=2000, p=10, seed=0, noise=1.0):
    X, y, _ = make_correlated(n, p, rho=0.5, n_informative=5, random_state=seed)
    return X, y + 4.0 + noise * np.random.default_rng(seed).normal(size=n)


def _lazy(*arrays):
    n = arrays[0].shape[0]
    chunks = (n // 3, 1, n - n // 3 - 1)  # uneven, one of a single row
    return [da.from_array(a, chunks=(chunks,) + a.shape[1:]) for a in arrays]


def _close(a, b, rel=1e-9):
    """Equal to ``rel`` of b's scale. Paths with a binding box: 1e-7 — the two routes' Gram statistics
    differ by rounding, so the kernel may stop an α at another point within its certificate (both
    gaps ~1e-15, which allows coefficients ~1e-7 apart where the problem is barely curved)."""
    scale = max(np.abs(np.asarray(b)).max(), 1e-300)
    assert np.abs(np.asarray(a) - np.asarray(b)).max() <= rel * scale


def _centred(X, y, w=None, fit_intercept=True):
    """√w-scaled, (weighted-)centred data: the problem the path solves, without intercept."""
    w = np.ones(len(y)) if w is None else w * len(y) / w.sum()
    if fit_intercept:
        X, y = X - w @ X / w.sum(), y - w @ y / w.sum()
    root = np.sqrt(w)
    return X * root[:, None], y * root


def _box_of(X, y, **kw):
    """A box that binds on the path: each coefficient limited to 60 % of its unbounded end value."""
    end = lassofast.enet_path(X, y, **dict(dict(l1_ratio=1.0), **kw)).coefs[:, -1]
    return np.where(end < 0, 0.6 * end, -np.inf), np.where(end > 0, 0.6 * end, np.inf)


# ----------------------------------------------------------------------------------------------------
# Box bounds

@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
@pytest.mark.parametrize("weighted", [False, True])
def test_bounded_path_equals_the_in_memory_path_and_is_box_optimal(fit_intercept, l1_ratio, weighted):
    X, y = _data(seed=1)
    w = np.random.default_rng(1).uniform(0.2, 3, size=len(y)) if weighted else None
    kw = dict(l1_ratio=l1_ratio, fit_intercept=fit_intercept, n_alphas=30, tol=1e-12)
    lower, upper = _box_of(X, y, **kw)
    ref = lassofast.enet_path(X, y, sample_weight=w, lower_bounds=lower, upper_bounds=upper, **kw)
    lazy = _lazy(X, y) if w is None else _lazy(X, y, w)
    path = lassofast.enet_path(lazy[0], lazy[1], sample_weight=None if w is None else lazy[2],
                               lower_bounds=lower, upper_bounds=upper, **kw)
    at_bound = (path.coefs == lower[:, None]) | (path.coefs == upper[:, None])
    assert at_bound.any(axis=0).sum() >= 5  # the box binds along a good part of the path
    _close(path.alphas, ref.alphas)
    _close(path.coefs, ref.coefs, 1e-7)
    _close(path.intercepts, ref.intercepts, 1e-7)
    np.testing.assert_array_equal(path.lower_bounds, lower)
    np.testing.assert_array_equal(path.upper_bounds, upper)
    Xc, yc = _centred(X, y, w, fit_intercept)
    for k in range(0, 30, 3):
        assert (reference.box_kkt_violation(Xc, yc, path.coefs[:, k], path.alphas[k], l1_ratio, lower, upper)
                <= 1e-5 * path.alphas[k])
        assert reference.box_duality_gap(Xc, yc, path.coefs[:, k], path.alphas[k], l1_ratio, lower,
                                         upper) <= 1.01e-12 * yc @ yc / len(y)


def test_bounds_with_standardize_and_penalty_factors_equal_the_in_memory_path():
    X, y = _data(seed=2)
    X[:, 3] *= 50.0
    factors = np.r_[0.5, 2.0, np.inf, np.ones(7)]
    kw = dict(n_alphas=25, tol=1e-12, standardize=True, penalty_factor=factors)
    lower, upper = _box_of(X, y, **kw)
    upper[2] = 1.0  # an excluded feature's box is [0, 0] whatever is given
    ref = lassofast.lasso_path(X, y, lower_bounds=lower, upper_bounds=upper, **kw)
    path = lassofast.lasso_path(*_lazy(X, y), lower_bounds=lower, upper_bounds=upper, **kw)
    assert ((path.coefs == lower[:, None]) | (path.coefs == upper[:, None])).any()
    _close(path.alphas, ref.alphas)
    _close(path.coefs, ref.coefs, 1e-7)
    _close(path.intercepts, ref.intercepts, 1e-7)
    # the reported box is the reduced one divided back by the scale, which the two routes round
    # differently (the moments' sd vs the columns'): equal to an ulp or two
    np.testing.assert_allclose(path.lower_bounds, ref.lower_bounds, rtol=4 * np.finfo(np.float64).eps, atol=0)
    np.testing.assert_allclose(path.upper_bounds, ref.upper_bounds, rtol=4 * np.finfo(np.float64).eps, atol=0)
    assert path.upper_bounds[2] == 0.0


def test_off_grid_solve_of_a_bounded_dask_path_keeps_the_box():
    X, y = _data(n=1500, p=6, seed=11)
    lazy = _lazy(X, y)
    path = lassofast.lasso_path(*lazy, n_alphas=10, upper_bounds=0.3, tol=1e-12)
    got = path.coef_at(0.0123, *lazy)  # one more pass, solved with the path's box
    assert np.isclose(got, 0.3).any()
    _close(got, lassofast.lasso_path(X, y, n_alphas=10, upper_bounds=0.3, tol=1e-12).coef_at(0.0123, X, y), 1e-7)
    Xc, yc = _centred(X, y)
    assert reference.box_kkt_violation(Xc, yc, got, 0.0123, 1.0, np.full(6, -np.inf), np.full(6, 0.3)) <= 1e-6


def test_gap_from_the_moments_with_a_box_equals_the_residual_box_gap():
    """The Gram path's gap recheck with a box, without X: the box's gap expanded in the moments."""
    from lassofast._dask import _moment_problem
    from lassofast._moments import Moments
    from lassofast.path import _Design, _Problem
    X, y = _data(n=600, p=6, seed=3)
    moments = Moments.of_rows(np.column_stack([X, y]))
    w = np.random.default_rng(3).normal(size=6)
    box = (np.full(6, -0.5), np.r_[np.full(3, 0.4), np.full(3, np.inf)])
    w = np.clip(w, *box)
    for fit_intercept in (True, False):
        _, from_moments = _moment_problem(moments, fit_intercept)
        in_memory = _Problem(_Design(X, fit_intercept, False), y)
        for alpha, l1_ratio in ((1e-3, 1.0), (0.1, 0.5)):
            got = from_moments.residual_gap(w, alpha, l1_ratio, False, box)
            assert got == pytest.approx(in_memory.residual_gap(w, alpha, l1_ratio, False, box), rel=1e-10)
            Xc, yc = _centred(X, y, None, fit_intercept)
            assert got == pytest.approx(reference.box_duality_gap(Xc, yc, w, alpha, l1_ratio, *box), rel=1e-8)


@pytest.mark.parametrize("estimator", [lassofast.Lasso(alpha=0.02, tol=1e-12, lower_bounds=-0.3, upper_bounds=0.4),
                                       lassofast.ElasticNet(alpha=0.01, l1_ratio=0.5, positive=True,
                                                            upper_bounds=0.5, tol=1e-12, fit_intercept=False)])
def test_bounded_estimators_equal_the_in_memory_fit(estimator):
    from sklearn.base import clone
    X, y = _data(seed=4)
    model, lazy = clone(estimator).fit(X, y), clone(estimator).fit(*_lazy(X, y))
    lower = -np.inf if estimator.positive is False else 0.0
    lower = estimator.lower_bounds if estimator.lower_bounds is not None else lower
    assert np.isclose(lazy.coef_, estimator.upper_bounds).any()  # the box binds
    _close(lazy.coef_, model.coef_, 1e-7)
    assert lazy.intercept_ == pytest.approx(model.intercept_, rel=1e-7, abs=1e-12)
    Xc, yc = _centred(X, y, None, estimator.fit_intercept)
    assert reference.box_kkt_violation(Xc, yc, lazy.coef_, estimator.alpha, estimator.l1_ratio,
                                       np.full(10, lower), np.full(10, estimator.upper_bounds)) <= 1e-6


# ----------------------------------------------------------------------------------------------------
# max_features

@pytest.mark.parametrize("kw", [dict(), dict(l1_ratio=0.5, fit_intercept=False),
                                dict(penalty_factor=np.r_[0.0, np.ones(9)], standardize=True),
                                dict(upper_bounds=0.3)])
def test_max_features_stops_where_the_in_memory_path_stops(kw):
    X, y = _data(seed=5)
    kw = dict(dict(l1_ratio=1.0), **kw)
    ref = lassofast.enet_path(X, y, max_features=4, tol=1e-12, **kw)
    path = lassofast.enet_path(*_lazy(X, y), max_features=4, tol=1e-12, **kw)
    full = lassofast.enet_path(X, y, tol=1e-12, **kw)
    assert path.stop_reason == ref.stop_reason == "max_features"
    assert path.stopped_alpha == pytest.approx(ref.stopped_alpha, rel=1e-12)
    assert path.max_features == 4 and len(path.alphas) == len(ref.alphas)
    _close(path.coefs, ref.coefs)
    # the oracle: the full path's support exceeds 4 first at stopped_alpha, and never before it
    k = len(path.alphas)
    assert full.alphas[k] == pytest.approx(path.stopped_alpha, rel=1e-12)
    assert np.count_nonzero(full.coefs[:, k]) > 4 >= np.count_nonzero(path.coefs, axis=0).max()


# ----------------------------------------------------------------------------------------------------
# The relaxed lasso

GAMMA = [0.0, 0.3, 1.0]


@pytest.mark.parametrize("kw", [dict(), dict(fit_intercept=False, l1_ratio=0.6), dict(weighted=True),
                                dict(bounded=True), dict(weighted=True, bounded=True, standardize=True)])
def test_relax_on_a_dask_x_equals_relax_in_memory(kw):
    kw = dict(kw)
    X, y = _data(seed=6)
    w = np.random.default_rng(6).uniform(0, 2, size=len(y)) if kw.pop("weighted", False) else None
    rel = 1e-9
    if kw.pop("bounded", False):
        kw["lower_bounds"], kw["upper_bounds"] = _box_of(X, y, n_alphas=20, **kw)
        rel = 1e-7
    path_kw = dict(kw, n_alphas=20, tol=1e-12)
    ref = lassofast.enet_path(X, y, sample_weight=w, **path_kw)
    coefs, intercepts = ref.relax(X, y, GAMMA, sample_weight=w)
    lazy = _lazy(X, y) if w is None else _lazy(X, y, w)
    lw = {} if w is None else dict(sample_weight=lazy[2])
    path = lassofast.enet_path(lazy[0], lazy[1], **lw, **path_kw)
    got, got_intercepts = path.relax(lazy[0], lazy[1], GAMMA, **lw)
    assert got.shape == (3, 10, 20)
    _close(got, coefs, rel)
    _close(got_intercepts, intercepts, rel)
    # the oracle for γ = 0: the (weighted, box) least squares on each support, from its own conditions
    Xc, yc = _centred(X, y, w, path.fit_intercept)
    lower = path.lower_bounds if path.lower_bounds is not None else np.full(10, -np.inf)
    upper = path.upper_bounds if path.upper_bounds is not None else np.full(10, np.inf)
    for k in (5, 12, 19):
        support = np.flatnonzero(path.coefs[:, k])
        v = got[0][support, k]
        grad = Xc[:, support].T @ (yc - Xc[:, support] @ v)  # −½ the LS gradient: 0 where v is free
        tol = 1e-8 * np.abs(Xc[:, support].T @ yc).max()
        free = (v > lower[support]) & (v < upper[support])
        assert np.abs(grad[free]).max(initial=0.0) <= tol
        assert (grad[v == upper[support]] >= -tol).all() and (grad[v == lower[support]] <= tol).all()


def test_relax_with_large_column_means_keeps_its_accuracy():
    """Columns of mean 1e6: the refits use the moments' centred Gram, so the relaxed coefficients equal
    those on the unshifted data (the intercept absorbs the shift, to its terms' rounding)."""
    X, y = _data(seed=12)
    coefs, intercepts = lassofast.lasso_path(X, y, n_alphas=15, tol=1e-12).relax(X, y, GAMMA)
    lazy = _lazy(X + 1e6, y)
    got, got_intercepts = lassofast.lasso_path(*lazy, n_alphas=15, tol=1e-12).relax(*lazy, GAMMA)
    _close(got, coefs)
    _close(got_intercepts + 1e6 * got.sum(axis=1), intercepts, 1e-7)


def test_relax_with_collinear_features_is_the_minimum_norm_refit():
    X, y = _data(seed=7)
    X = np.column_stack([X, X[:, 0]])  # a duplicated column: the elastic net keeps both
    path = lassofast.enet_path(*_lazy(X, y), l1_ratio=0.5, n_alphas=10, tol=1e-12)
    got, _ = path.relax(*_lazy(X, y), [0.0])
    ref, _ = lassofast.enet_path(X, y, l1_ratio=0.5, n_alphas=10, tol=1e-12).relax(X, y, [0.0])
    assert (path.coefs[[0, 10], -1] != 0).all()
    _close(got, ref, 1e-7)
    assert got[0][0, -1] == pytest.approx(got[0][10, -1], rel=1e-7)  # split equally: the minimum norm


def test_relax_bad_inputs_on_a_dask_x():
    X, y = _data(n=300, seed=8)
    path = lassofast.lasso_path(*_lazy(X, y), n_alphas=5)
    with pytest.raises(ValueError, match="X has 9 features but the path has 10"):
        path.relax(*_lazy(X[:, :9], y))
    Xd, yd, wd = _lazy(X, y, np.ones(300))
    with pytest.raises(ValueError, match="fitted without sample_weight"):
        path.relax(Xd, yd, sample_weight=wd)
    with pytest.raises(ValueError, match=r"gamma must be a non-empty list of numbers in \[0, 1\]"):
        path.relax(*_lazy(X, y), gamma=[1.5])


# ----------------------------------------------------------------------------------------------------
# Cross-validation: relax and bounds

@pytest.mark.parametrize("kw", [dict(), dict(weighted=True), dict(upper_bounds=0.5, lower_bounds=-0.2),
                                dict(weighted=True, upper_bounds=0.5)])
def test_relaxed_cv_chooses_the_in_memory_alpha_and_gamma_on_the_same_folds(kw):
    kw = dict(kw)
    X, y = _data(n=1500, p=12, seed=9, noise=3.0)
    w = np.random.default_rng(9).uniform(0, 2, size=len(y)) if kw.pop("weighted", False) else None
    cv_kw = dict(cv=4, n_alphas=25, relax=True, gamma=[0.0, 0.25, 0.5, 1.0], tol=1e-10, **kw)
    ref = lassofast.LassoCV(**cv_kw).fit(X, y, sample_weight=w)  # cv=4: KFold, contiguous folds
    lazy = _lazy(X, y) if w is None else _lazy(X, y, w)
    got = lassofast.LassoCV(**cv_kw).fit(lazy[0], lazy[1], sample_weight=None if w is None else lazy[2])
    assert got.gamma_ == ref.gamma_ and got.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)
    _close(got.relax_mse_path_, ref.relax_mse_path_, 1e-8)
    _close(got.coef_, ref.coef_, 1e-8)
    assert got.intercept_ == pytest.approx(ref.intercept_, rel=1e-8)
    if "upper_bounds" in kw:
        assert got.coef_.max() <= kw["upper_bounds"] and np.isclose(got.coef_, kw["upper_bounds"]).any()


def test_bounded_elasticnetcv_equals_the_in_memory_cv():
    X, y = _data(n=1500, p=12, seed=10, noise=3.0)
    kw = dict(l1_ratio=[0.5, 1.0], n_alphas=20, cv=3, tol=1e-10, lower_bounds=-0.1, upper_bounds=0.4)
    ref = lassofast.ElasticNetCV(**kw).fit(X, y)
    got = lassofast.ElasticNetCV(**kw).fit(*_lazy(X, y))
    assert got.l1_ratio_ == ref.l1_ratio_ and got.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)
    _close(got.alphas_, ref.alphas_)
    # The box binds (7 of 11 coefficients at a bound at α 9): 1e-7, as _close says — the two routes stop
    # at points within the certificate that differ by ~1e-6 in the coefficients of one fold's path there.
    _close(got.mse_path_, ref.mse_path_, 1e-7)
    _close(got.coef_, ref.coef_, 1e-8)
