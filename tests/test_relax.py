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
    with pytest.raises(ValueError, match="pass the same sample_weight"):
        weighted.relax(X, y)
    with pytest.raises(ValueError, match="without sample_weight"):
        path.relax(X, y, sample_weight=np.ones(len(y)))


def test_weighted_relax_equals_relax_on_repeated_rows():
    X, y = make_problem("tall")
    counts = np.random.default_rng(5).integers(0, 3, len(y))
    rows = np.repeat(np.arange(len(y)), counts)
    weighted = lassofast.lasso_path(X, y, n_alphas=8, sample_weight=counts, tol=1e-12)
    repeated = lassofast.lasso_path(X[rows], y[rows], n_alphas=8, tol=1e-12)
    np.testing.assert_allclose(weighted.coefs, repeated.coefs, atol=1e-8)
    supports_agree = ((weighted.coefs != 0) == (repeated.coefs != 0)).all()
    assert supports_agree
    cw, bw = weighted.relax(X, y, gamma=[0, 0.5], sample_weight=counts)
    cr, br = repeated.relax(X[rows], y[rows], gamma=[0, 0.5])
    np.testing.assert_allclose(cw, cr, atol=1e-7)
    np.testing.assert_allclose(bw, br, atol=1e-7)


def test_bounded_relax_stays_in_the_box_and_is_the_box_least_squares():
    X, y = make_problem("tall")
    path = lassofast.lasso_path(X, y, n_alphas=8, lower_bounds=-0.2, upper_bounds=0.3, tol=1e-12)
    coefs, intercepts = path.relax(X, y, gamma=[0, 0.5, 1])
    assert coefs.min() >= -0.2 - 1e-12 and coefs.max() <= 0.3 + 1e-12
    np.testing.assert_allclose(coefs[2], path.coefs, atol=1e-12)
    Xc, yc = X - X.mean(0), y - y.mean()
    for k in range(1, 8):
        support = np.flatnonzero(path.coefs[:, k])
        w = coefs[0][support, k]
        grad = Xc[:, support].T @ (Xc[:, support] @ w - yc)  # projected gradient of the box LS is 0
        at_low, at_high = np.isclose(w, -0.2), np.isclose(w, 0.3)
        free = ~at_low & ~at_high
        scale = np.abs(Xc[:, support].T @ yc).max()
        assert np.abs(grad[free]).max(initial=0) <= 1e-7 * scale
        assert (grad[at_low] >= -1e-7 * scale).all() and (grad[at_high] <= 1e-7 * scale).all()
        assert intercepts[0, k] == pytest.approx(y.mean() - X.mean(0) @ coefs[0][:, k])
