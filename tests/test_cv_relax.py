"""LassoCV / ElasticNetCV with relax=True (cv.glmnet's relax = TRUE, issue 15): (α, γ) chosen by the
held-out error of the relaxed models, recomputed here from lasso_path and Path.relax fold by fold."""
import numpy as np
import pytest
from sklearn.model_selection import KFold

import lassofast


def _data(n=90, p=20, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    w = np.zeros(p)
    w[:4] = [4.0, -3.0, 2.0, 1.5]
    return X, X @ w + 0.5 * rng.standard_normal(n)


def test_relaxed_cv_errors_and_choice_are_the_folds_relaxed_fits():
    X, y = _data()
    gamma = [0.0, 0.5, 1.0]
    folds = KFold(4)
    cv = lassofast.LassoCV(cv=folds, n_alphas=12, relax=True, gamma=gamma, tol=1e-10).fit(X, y)
    assert cv.relax_mse_path_.shape == (3, 12, 4)
    for f, (train, test) in enumerate(folds.split(X)):
        path = lassofast.lasso_path(X[train], y[train], alphas=cv.alphas_, tol=1e-10)
        coefs, intercepts = path.relax(X[train], y[train], gamma)
        for g in range(3):
            mse = ((X[test] @ coefs[g] + intercepts[g] - y[test][:, None]) ** 2).mean(axis=0)
            np.testing.assert_allclose(cv.relax_mse_path_[g, :, f], mse, rtol=1e-6)
    mean = cv.relax_mse_path_.mean(axis=2)
    g, k = np.unravel_index(np.argmin(mean), mean.shape)
    assert cv.gamma_ == gamma[g] and cv.alpha_ == cv.alphas_[k]
    np.testing.assert_array_equal(cv.mse_path_, cv.relax_mse_path_[g])
    # the fitted model: the blend at (alpha_, gamma_) on all the data
    lasso = lassofast.Lasso(alpha=cv.alpha_, tol=1e-12).fit(X, y).coef_
    support = np.flatnonzero(lasso)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    ls = np.zeros_like(lasso)
    ls[support] = np.linalg.lstsq(Xc[:, support], yc, rcond=None)[0]
    np.testing.assert_allclose(cv.coef_, cv.gamma_ * lasso + (1 - cv.gamma_) * ls, atol=1e-6)
    assert cv.intercept_ == pytest.approx(y.mean() - X.mean(axis=0) @ cv.coef_)
    np.testing.assert_allclose(cv.predict(X), X @ cv.coef_ + cv.intercept_)


def test_relax_picks_a_refit_on_a_sparse_well_determined_truth():
    """Few strong features, little noise: the lasso's shrinkage costs held-out error that the relaxed
    fit removes, so some γ < 1 wins and its CV error is below the plain lasso's best."""
    X, y = _data(n=120, seed=1)
    cv = lassofast.LassoCV(cv=5, n_alphas=30, relax=True).fit(X, y)
    plain = lassofast.LassoCV(cv=5, n_alphas=30).fit(X, y)
    assert cv.gamma_ < 1
    assert cv.relax_mse_path_.mean(axis=2).min() < plain.mse_path_.mean(axis=1).min()


def test_gamma_one_is_the_plain_cv():
    X, y = _data(seed=2)
    relaxed = lassofast.ElasticNetCV(l1_ratio=[0.5, 1.0], cv=3, n_alphas=8, relax=True, gamma=[1.0]).fit(X, y)
    plain = lassofast.ElasticNetCV(l1_ratio=[0.5, 1.0], cv=3, n_alphas=8).fit(X, y)
    assert relaxed.relax_mse_path_.shape == (2, 1, 8, 3)
    np.testing.assert_allclose(relaxed.mse_path_, plain.mse_path_, rtol=1e-10)
    assert relaxed.alpha_ == plain.alpha_ and relaxed.l1_ratio_ == plain.l1_ratio_
    np.testing.assert_allclose(relaxed.coef_, plain.coef_, atol=1e-4 * np.abs(plain.coef_).max())
    assert not hasattr(plain, "gamma_")


def test_relax_with_weights_and_bounds():
    X, y = _data()
    w = np.random.default_rng(2).uniform(0.2, 2.0, len(y))
    cv = lassofast.LassoCV(cv=3, n_alphas=8, relax=True, upper_bounds=0.8, lower_bounds=-0.8,
                           tol=1e-10).fit(X, y, sample_weight=w)
    k = int(np.flatnonzero(cv.path_.alphas == cv.alpha_)[0])
    coefs, intercepts = cv.path_.relax(X, y, [cv.gamma_], sample_weight=w)
    np.testing.assert_allclose(cv.coef_, coefs[0][:, k], atol=1e-12)
    assert cv.intercept_ == pytest.approx(intercepts[0][k])
    assert np.abs(cv.coef_).max() <= 0.8 + 1e-12


@pytest.mark.parametrize("kw, fit_kw, match", [
    (dict(relax=True, gamma=[0.5, 1.5]), {}, r"gamma must be a non-empty list of numbers in \[0, 1\]"),
    (dict(relax="yes"), {}, "relax must be True or False"),
])
def test_relax_bad_inputs(kw, fit_kw, match):
    X, y = _data()
    with pytest.raises((ValueError, TypeError), match=match):
        lassofast.LassoCV(cv=3, n_alphas=5, **kw).fit(X, y, **fit_kw)


def test_predict_at_alpha_is_refused_for_a_relaxed_fit():
    X, y = _data()
    cv = lassofast.LassoCV(cv=3, n_alphas=5, relax=True).fit(X, y)
    with pytest.raises(ValueError, match="relax=True"):
        cv.predict(X, alpha=cv.alpha_)
