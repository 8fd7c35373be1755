"""LassoIC / Path.criterion: scikit-learn's LassoLarsIC semantics on one lassofast path."""
import math

import numpy as np
import pytest
import sklearn.linear_model as sklm

import lassofast
from lassofast.datasets import make_correlated
from lassofast._testing import assert_sklearn_compatible


def _data(n=150, p=12, seed=0):
    X, y, _ = make_correlated(n, p, rho=0.3, n_informative=4, snr=2.0, random_state=seed)
    return X, y + 3.0


@pytest.mark.parametrize("params", [{}, dict(lower_bounds=-1.0, upper_bounds=2.0)])
def test_sklearn_compatible(params):
    assert_sklearn_compatible(lassofast.LassoIC(**params))


@pytest.mark.parametrize("criterion", ["aic", "bic"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_criterion_equals_lassolarsic_between_the_lars_knots(criterion, fit_intercept):
    """Between LARS's knots the LARS solution is exact (the path is linear there; LassoLars at that α
    gives it): at those α the criterion curves agree. (At a knot itself a coefficient is exactly at
    0 and df is a matter of rounding, so the knots are not compared.)"""
    X, y = _data()
    lars = sklm.LassoLarsIC(criterion=criterion, fit_intercept=fit_intercept).fit(X, y)
    knots = lars.alphas_[lars.alphas_ > 0]
    mids = np.sqrt(knots[:-1] * knots[1:])
    ours = lassofast.LassoIC(criterion=criterion, alphas=mids, fit_intercept=fit_intercept,
                             tol=1e-12, max_iter=100_000).fit(X, y)
    assert ours.noise_variance_ == pytest.approx(lars.noise_variance_, rel=1e-10)
    n, sigma2 = len(y), lars.noise_variance_
    factor = 2 if criterion == "aic" else math.log(n)
    expected = []
    for alpha in ours.alphas_:
        fit = sklm.LassoLars(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
        rss = np.sum((y - fit.predict(X)) ** 2)
        expected.append(n * math.log(2 * math.pi * sigma2) + rss / sigma2 + factor * np.count_nonzero(fit.coef_))
    np.testing.assert_allclose(ours.criterion_, expected, rtol=1e-8)
    # each interval's value lies above LARS's value at the interval's lower knot (its infimum)
    assert (ours.criterion_ >= lars.criterion_[1:len(knots)] - 1e-8).all()


@pytest.mark.parametrize("criterion", ["aic", "bic"])
def test_default_grid_chooses_lars_model_within_its_resolution(criterion):
    X, y = _data(seed=1)
    lars = sklm.LassoLarsIC(criterion=criterion).fit(X, y)
    ours = lassofast.LassoIC(criterion=criterion, n_alphas=300, eps=1e-4, tol=1e-10,
                             max_iter=100_000).fit(X, y)
    best = int(np.argmin(lars.criterion_))
    # LARS's best model holds on (alphas_[best+1], alphas_[best]]; its criterion is the infimum there,
    # approached from above on a grid. Our choice lies in that interval or one grid step off it.
    step = ours.alphas_[0] / ours.alphas_[1]
    assert lars.alphas_[best + 1] / step <= ours.alpha_ <= lars.alphas_[best] * step
    assert ours.criterion_.min() >= lars.criterion_.min() - 1e-6
    assert ours.criterion_.min() <= lars.criterion_.min() + 2.0  # one grid step of RSS/σ², here small
    assert set(np.flatnonzero(ours.coef_)) == set(np.flatnonzero(lars.coef_))


def test_path_criterion_formula_and_given_noise_variance():
    X, y = _data(n=60, p=8)
    path = lassofast.lasso_path(X, y, n_alphas=20, tol=1e-10)
    sigma2 = 0.7
    n = len(y)
    rss = ((y[:, None] - path.predict(X)) ** 2).sum(axis=0)
    df = path.n_nonzero()
    np.testing.assert_allclose(path.criterion("bic", X, y, noise_variance=sigma2),
                               n * math.log(2 * math.pi * sigma2) + rss / sigma2 + math.log(n) * df)
    np.testing.assert_allclose(path.criterion("aic", X, y, noise_variance=sigma2),
                               n * math.log(2 * math.pi * sigma2) + rss / sigma2 + 2 * df)
    model = lassofast.LassoIC("bic", noise_variance=sigma2, alphas=path.alphas, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(model.criterion_, path.criterion("bic", X, y, noise_variance=sigma2))
    np.testing.assert_allclose(model.predict(X), X @ model.coef_ + model.intercept_)


def test_wide_data_needs_a_noise_variance():
    X, y, _ = make_correlated(30, 40, random_state=0)
    with pytest.raises(ValueError, match="noise_variance"):
        lassofast.LassoIC().fit(X, y)
    model = lassofast.LassoIC(noise_variance=1.0, n_alphas=20).fit(X, y)
    assert np.isfinite(model.criterion_).all()


def test_sparse_equals_dense():
    from scipy import sparse
    X, y = _data()
    X[np.abs(X) < 0.8] = 0
    dense = lassofast.LassoIC("bic", n_alphas=30, tol=1e-10).fit(X, y)
    on_sparse = lassofast.LassoIC("bic", n_alphas=30, tol=1e-10).fit(sparse.csc_matrix(X), y)
    np.testing.assert_allclose(on_sparse.criterion_, dense.criterion_, rtol=1e-6)
    assert np.argmin(on_sparse.criterion_) == np.argmin(dense.criterion_)
    np.testing.assert_allclose(on_sparse.coef_, dense.coef_, atol=1e-6)


# A box that binds on _data(): features 0 and 4 would go past it, feature 7 is fixed at 0 and 11 kept ≥ 0.
LOWER = np.array([-1.0, -1.0, -2.0, -np.inf, -0.8, -1.0, -1.0, 0.0, -1.0, -1.0, -1.0, 0.0])
UPPER = np.array([1.0, np.inf, 2.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, np.inf])


def _box_least_squares_variance(X, y, fit_intercept, lower, upper):
    """σ² from the least-squares fit within the box, by scipy's trust-region LS (not the bounded-variable
    LS LassoIC uses), checked by the box's KKT conditions."""
    from scipy.optimize import lsq_linear
    Xc, yc = (X - X.mean(axis=0), y - y.mean()) if fit_intercept else (X, y)
    free = lower < upper
    w = np.zeros(X.shape[1])
    w[free] = lsq_linear(Xc[:, free], yc, bounds=(lower[free], upper[free]), method="trf", tol=1e-14,
                         lsmr_tol="auto", max_iter=10_000).x
    g = Xc.T @ (yc - Xc @ w)  # the LS gradient's negative: 0 inside, ≤ 0 at a lower bound, ≥ 0 at an upper one
    scale = 1e-6 * np.abs(Xc.T @ yc).max()
    inside = free & (w > lower + 1e-9) & (w < upper - 1e-9)
    assert np.abs(g[inside]).max(initial=0) <= scale
    assert (g[free & (w <= lower + 1e-9)] <= scale).all() and (g[free & (w >= upper - 1e-9)] >= -scale).all()
    return float(np.sum((yc - Xc @ w) ** 2) / (len(y) - X.shape[1] - fit_intercept))


@pytest.mark.parametrize("criterion", ["aic", "bic"])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("kind", ["dense", "sparse"])
def test_bounded_criterion_is_the_bounded_paths(criterion, fit_intercept, kind):
    from scipy import sparse
    X, y = _data()
    Xk = sparse.csc_matrix(np.where(np.abs(X) > 0.3, X, 0)) if kind == "sparse" else X
    X = Xk.toarray() if kind == "sparse" else X
    model = lassofast.LassoIC(criterion, lower_bounds=LOWER, upper_bounds=UPPER, fit_intercept=fit_intercept,
                              n_alphas=40, tol=1e-10).fit(Xk, y)
    # σ²: the least-squares fit within the box, which the box makes worse than the unconstrained one
    sigma2 = _box_least_squares_variance(X, y, fit_intercept, LOWER, UPPER)
    assert model.noise_variance_ == pytest.approx(sigma2, rel=1e-8)
    assert model.noise_variance_ > lassofast.LassoIC(fit_intercept=fit_intercept, n_alphas=5).fit(X, y).noise_variance_
    path = lassofast.lasso_path(Xk, y, lower_bounds=LOWER, upper_bounds=UPPER, fit_intercept=fit_intercept,
                                alphas=model.alphas_, tol=1e-10)
    np.testing.assert_allclose(model.criterion_, path.criterion(criterion, X, y), rtol=1e-12)
    # the formula, on the bounded path's own coefficients; df = the number of non-zeros
    n, factor = len(y), 2 if criterion == "aic" else math.log(len(y))
    rss = ((y[:, None] - X @ path.coefs - path.intercepts) ** 2).sum(axis=0)
    expected = n * math.log(2 * math.pi * sigma2) + rss / sigma2 + factor * np.count_nonzero(path.coefs, axis=0)
    np.testing.assert_allclose(model.criterion_, expected, rtol=1e-8)
    best = int(np.argmin(expected))
    assert model.alpha_ == path.alphas[best]
    np.testing.assert_allclose(model.coef_, path.coefs[:, best], atol=1e-12)
    assert (model.coef_ >= LOWER).all() and (model.coef_ <= UPPER).all() and model.coef_[7] == 0
    assert ((path.coefs == LOWER[:, None]) | (path.coefs == UPPER[:, None])).any()  # the box binds


def test_positive_with_an_upper_bound_estimates_within_that_box():
    X, y = _data(seed=2)
    model = lassofast.LassoIC("bic", positive=True, upper_bounds=0.5, n_alphas=30, tol=1e-10).fit(X, y)
    box = (np.zeros(12), np.full(12, 0.5))
    assert model.noise_variance_ == pytest.approx(_box_least_squares_variance(X, y, True, *box), rel=1e-8)
    assert (model.coef_ >= 0).all() and (model.coef_ <= 0.5).all()
    same = lassofast.LassoIC("bic", lower_bounds=0.0, upper_bounds=0.5, n_alphas=30, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(same.criterion_, model.criterion_, rtol=1e-10)


def test_a_box_that_never_binds_changes_nothing():
    X, y = _data(seed=3)
    plain = lassofast.LassoIC(n_alphas=30, tol=1e-10).fit(X, y)
    wide = lassofast.LassoIC(n_alphas=30, tol=1e-10, lower_bounds=-1e3, upper_bounds=1e3).fit(X, y)
    assert wide.noise_variance_ == pytest.approx(plain.noise_variance_, rel=1e-9)
    np.testing.assert_allclose(wide.criterion_, plain.criterion_, rtol=1e-9)
    assert wide.alpha_ == plain.alpha_


@pytest.mark.parametrize("bounds", [dict(lower_bounds=0.5, upper_bounds=0.2), dict(lower_bounds=0.5),
                                    dict(upper_bounds=-1.0), dict(lower_bounds=[-1.0, -1.0]),
                                    dict(upper_bounds=[1.0] * 11 + [np.nan]), dict(positive=True, lower_bounds=-1.0),
                                    dict(lower_bounds="low")])
def test_bad_bounds_get_lassos_errors(bounds):
    X, y = _data(n=30)
    with pytest.raises((ValueError, TypeError)) as from_lasso:
        lassofast.Lasso(**bounds).fit(X, y)
    with pytest.raises(from_lasso.type) as from_ic:
        lassofast.LassoIC(**bounds).fit(X, y)
    assert str(from_ic.value) == str(from_lasso.value)
    assert "bounds" in str(from_ic.value)
