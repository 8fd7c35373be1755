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


def test_sklearn_compatible():
    assert_sklearn_compatible(lassofast.LassoIC())


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
