"""LassoCV / ElasticNetCV at any α (issue 15): predict(X, alpha=...) and coef_at, from the path on all
the data (cv.glmnet's glmnet.fit), exact off the grid given the training data."""
import numpy as np
import pytest

import lassofast
from lassofast.datasets import make_correlated


def _data(seed=0):
    X, y = make_correlated(n_samples=80, n_features=15, random_state=seed)[:2]
    return X, y


def test_at_the_chosen_alphas_the_path_agrees_with_a_direct_fit():
    X, y = _data()
    cv = lassofast.LassoCV(cv=4, n_alphas=20, tol=1e-12).fit(X, y)
    assert cv.path_.l1_ratio == 1.0 and np.array_equal(cv.path_.alphas, cv.alphas_)
    np.testing.assert_allclose(cv.predict(X, alpha=cv.alpha_), cv.predict(X), rtol=1e-7, atol=1e-9)
    direct = lassofast.Lasso(alpha=cv.alpha_1se_, tol=1e-12).fit(X, y)
    np.testing.assert_allclose(cv.coef_at(cv.alpha_1se_), direct.coef_, atol=1e-7)
    assert cv.alpha_1se_ > cv.alpha_min_  # the one-SE model is another model


def test_off_the_grid_it_is_solved_exactly_given_the_data():
    X, y = _data(1)
    X_new = np.random.default_rng(2).standard_normal((7, 15))
    cv = lassofast.LassoCV(cv=3, n_alphas=10, tol=1e-12).fit(X, y)
    alpha = float(np.sqrt(cv.alphas_[4] * cv.alphas_[5]))
    direct = lassofast.Lasso(alpha=alpha, tol=1e-12).fit(X, y)
    np.testing.assert_allclose(cv.predict(X_new, alpha=alpha, train=(X, y)), direct.predict(X_new),
                               rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(cv.coef_at(alpha, X, y), direct.coef_, atol=1e-7)
    with pytest.raises(ValueError, match="not on the path's grid"):
        cv.predict(X_new, alpha=alpha)


def test_elastic_net_cv_path_is_at_the_chosen_l1_ratio_with_weights():
    X, y = _data(3)
    w = np.random.default_rng(4).uniform(0.5, 2.0, len(y))
    cv = lassofast.ElasticNetCV(l1_ratio=[0.3, 0.9], cv=3, n_alphas=8, tol=1e-12).fit(X, y, sample_weight=w)
    assert cv.path_.l1_ratio == cv.l1_ratio_
    k = 3
    alpha = cv.alphas_[cv._l1_ratio_index][k]
    direct = lassofast.ElasticNet(alpha=alpha, l1_ratio=cv.l1_ratio_, tol=1e-12).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(cv.coef_at(alpha), direct.coef_, atol=1e-7)
    off = alpha * 0.9
    with pytest.raises(ValueError, match="sample_weight"):
        cv.coef_at(off, X, y)
    direct = lassofast.ElasticNet(alpha=off, l1_ratio=cv.l1_ratio_, tol=1e-12).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(cv.predict(X, alpha=off, train=(X, y, w)), direct.predict(X), rtol=1e-7)


def test_predict_at_alpha_checks_its_input():
    X, y = _data()
    cv = lassofast.LassoCV(cv=3, n_alphas=5).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        cv.predict(X[:, :3], alpha=cv.alpha_)
    with pytest.raises(ValueError, match="alpha must be finite"):
        cv.predict(X, alpha=np.nan)
