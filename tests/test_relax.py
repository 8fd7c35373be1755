"""Path.relax: the relaxed lasso (glmnet's relax=TRUE) — γ = 1 is the path, γ = 0 the least-squares refit
on each α's support, and a blend in between."""
import numpy as np
import pytest
import sklearn.linear_model as sklm

import lassofast
from lassofast._testing import make_problem


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_relax_is_the_blend_of_path_and_refit(fit_intercept):
    X, y = make_problem("tall")
    path = lassofast.lasso_path(X, y, n_alphas=12, fit_intercept=fit_intercept, tol=1e-10)
    gamma = [0.0, 0.5, 1.0]
    coefs, intercepts = path.relax(X, y, gamma=gamma)
    assert coefs.shape == (3, X.shape[1], 12) and intercepts.shape == (3, 12)
    np.testing.assert_allclose(coefs[2], path.coefs, atol=1e-12)
    np.testing.assert_allclose(intercepts[2], path.intercepts, atol=1e-10)
    for k in range(12):
        support = np.flatnonzero(path.coefs[:, k])
        assert set(np.flatnonzero(coefs[0][:, k])) <= set(support)
        if support.size:
            ols = sklm.LinearRegression(fit_intercept=fit_intercept).fit(X[:, support], y)
            np.testing.assert_allclose(coefs[0][support, k], ols.coef_, atol=1e-8)
            assert intercepts[0, k] == pytest.approx(ols.intercept_, abs=1e-8)
        np.testing.assert_allclose(coefs[1][:, k], 0.5 * (coefs[0][:, k] + coefs[2][:, k]), atol=1e-12)
    # the refit lowers the training error at every α (least squares on the same support)
    rss = [((y[:, None] - X @ c - b) ** 2).sum(axis=0) for c, b in zip(coefs, intercepts)]
    assert (rss[0] <= rss[2] + 1e-9).all()


def test_relax_bad_gamma_and_weights():
    X, y = make_problem("tall")
    path = lassofast.lasso_path(X, y, n_alphas=5)
    with pytest.raises(ValueError, match=r"gamma must be .* in \[0, 1\]"):
        path.relax(X, y, gamma=[1.5])
    weighted = lassofast.lasso_path(X, y, n_alphas=5, sample_weight=np.ones(len(y)))
    with pytest.raises(ValueError, match="sample_weight"):
        weighted.relax(X, y)
