"""Found trying lassofast as a new user would (issue 15): int alphas, unpacking, repr, one row,
exact coefficients off the grid, LassoCV's one-SE selection."""
import numpy as np
import pytest
import sklearn.linear_model as sklm

import lassofast
from lassofast import reference as ref
from lassofast._testing import kkt_ok, make_problem


def test_int_alphas_is_the_grid_size_as_in_sklearn():
    X, y = make_problem("wide")
    by_int = lassofast.lasso_path(X, y, alphas=50)
    by_n = lassofast.lasso_path(X, y, n_alphas=50)
    assert by_int.alphas.shape == (50,)
    np.testing.assert_array_equal(by_int.alphas, by_n.alphas)
    np.testing.assert_array_equal(by_int.coefs, by_n.coefs)
    assert lassofast.lasso_path(X, y, alphas=np.int64(7)).alphas.shape == (7,)
    # scikit-learn reads an int the same way
    Xc, yc, _, _ = ref.center(X, y)
    sk_alphas, _, _ = sklm.lasso_path(Xc, yc, alphas=12)
    ours = lassofast.lasso_path(Xc, yc, alphas=12, fit_intercept=False)
    np.testing.assert_allclose(ours.alphas, sk_alphas, rtol=1e-12)
    # a float (or an array) stays the grid itself
    one = lassofast.lasso_path(X, y, alphas=0.05)
    assert one.alphas.tolist() == [0.05]
    assert lassofast.enet_path(X, y, alphas=[50]).alphas.tolist() == [50.0]
    with pytest.raises(ValueError, match=r"grid size.*alphas=\[0\]"):
        lassofast.lasso_path(X, y, alphas=0)


def test_path_unpacks_like_sklearn_result():
    X, y = make_problem("tall")
    Xc, yc, _, _ = ref.center(X, y)
    path = lassofast.lasso_path(Xc, yc, n_alphas=10, fit_intercept=False, tol=1e-10)
    alphas, coefs, gaps = path
    assert alphas is path.alphas and coefs is path.coefs and gaps is path.dual_gaps
    sk_alphas, sk_coefs, _ = sklm.lasso_path(Xc, yc, alphas=alphas, tol=1e-10)
    assert sk_coefs.shape == coefs.shape
    np.testing.assert_allclose(coefs, sk_coefs, atol=1e-6)


def test_repr_is_short_and_says_the_grid():
    X, y = make_problem("wide")
    path = lassofast.lasso_path(X, y, n_alphas=30)
    text = repr(path)
    assert len(text) < 120 and "\n" not in text and "array" not in text
    assert f"K={len(path.alphas)}" in text and f"p={X.shape[1]}" in text
    assert f"{path.alphas[0]:.4g}" in text and f"{path.alphas[-1]:.4g}" in text
    nnz = path.n_nonzero()
    assert f"non-zeros {nnz[0]} → {nnz[-1]}" in text
    assert str(path) == text


@pytest.mark.parametrize("entry", ["lasso_path", "enet_path"])
def test_one_row_with_intercept_is_a_clear_error(entry):
    X, y = make_problem("tall")
    call = {"lasso_path": lambda: lassofast.lasso_path(X[:1], y[:1]),
            "enet_path": lambda: lassofast.enet_path(X[:1], y[:1])}[entry]
    with pytest.raises(ValueError, match="1 sample.*fit_intercept=False"):
        call()
    # without an intercept one row is a real (tiny) problem, and it is solved
    path = lassofast.lasso_path(X[:1], y[:1], fit_intercept=False, n_alphas=5)
    assert path.n_nonzero()[-1] == 1
    two = lassofast.lasso_path(X[:2], y[:2], n_alphas=5)
    assert np.isfinite(two.coefs).all()
    # explicit α: the mean model, as the estimators (and scikit-learn's) give
    one = lassofast.lasso_path(X[:1], y[:1], alphas=[0.1, 0.01])
    assert not one.coefs.any() and (one.intercepts == y[0]).all()
    assert lassofast.Lasso(alpha=0.1).fit(X[:1], y[:1]).intercept_ == y[0]


def _off_grid_alphas(path):
    """Geometric midpoints between consecutive grid α, where the support changes in between."""
    mids = np.sqrt(path.alphas[:-1] * path.alphas[1:])
    nnz = path.n_nonzero()
    return mids[nnz[:-1] != nnz[1:]]


@pytest.mark.parametrize("name, l1_ratio", [("tall", 1.0), ("wide", 1.0), ("correlated", 0.5)])
def test_coef_at_off_grid_is_exact_and_certified(name, l1_ratio):
    X, y = make_problem(name)
    tol = 1e-8
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, n_alphas=8, tol=tol, max_iter=100_000)
    Xc, yc, X_mean, y_mean = ref.center(X, y)
    gap_tol = tol * (yc @ yc) / len(yc)
    mids = _off_grid_alphas(path)
    assert mids.size
    for alpha in mids[:3]:
        sol = path.solve_at(alpha, X, y)
        w = path.coef_at(alpha, X, y)
        np.testing.assert_array_equal(w, sol.coef)
        assert ref.duality_gap(Xc, yc, w, alpha, l1_ratio) <= gap_tol * 1.01
        assert kkt_ok(Xc, yc, w, alpha, l1_ratio, gap_tol) == []
        assert sol.dual_gap <= gap_tol * 1.01
        assert sol.intercept == pytest.approx(y_mean - X_mean @ w, abs=1e-8)
        # the same as scikit-learn's estimator at that α, to the certificate's accuracy
        sk = sklm.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000).fit(X, y)
        assert (ref.primal_objective(Xc, yc, w, alpha, l1_ratio)
                <= ref.primal_objective(Xc, yc, sk.coef_, alpha, l1_ratio) + gap_tol * 1.01)
        x_new = X[:4] + 0.5
        np.testing.assert_allclose(path.predict(x_new, alpha=alpha, train=(X, y)),
                                   x_new @ w + sol.intercept, rtol=1e-12)


def test_off_grid_is_not_an_interpolation():
    """Between knots the path is not linear in α: interpolating the grid gives a non-optimal point."""
    X, y = make_problem("wide")
    path = lassofast.lasso_path(X, y, n_alphas=6, tol=1e-10, max_iter=100_000)
    Xc, yc, _, _ = ref.center(X, y)
    gap_tol = 1e-10 * (yc @ yc) / len(yc)
    worst = 0.0
    for k in range(len(path.alphas) - 1):
        alpha = np.sqrt(path.alphas[k] * path.alphas[k + 1])
        t = (path.alphas[k] - alpha) / (path.alphas[k] - path.alphas[k + 1])
        interp = (1 - t) * path.coefs[:, k] + t * path.coefs[:, k + 1]
        worst = max(worst, ref.duality_gap(Xc, yc, interp, alpha, 1.0))
        assert ref.duality_gap(Xc, yc, path.coef_at(alpha, X, y), alpha, 1.0) <= gap_tol * 1.01
    assert worst > 100 * gap_tol


def test_on_grid_needs_no_data_and_predict_at_alpha():
    X, y = make_problem("tall")
    path = lassofast.lasso_path(X, y, n_alphas=10)
    k = 4
    np.testing.assert_array_equal(path.coef_at(path.alphas[k]), path.coefs[:, k])
    np.testing.assert_allclose(path.predict(X, alpha=path.alphas[k]), path.predict(X)[:, k], rtol=1e-13)
    with pytest.raises(ValueError, match="not on the path's grid.*training data"):
        path.coef_at(path.alphas[k] * 1.01)
    with pytest.raises(ValueError, match="X has 29 features but the path has 30"):
        path.coef_at(path.alphas[k] * 1.01, X[:, 1:], y)
    with pytest.raises(ValueError, match="alpha must be finite and >= 0"):
        path.coef_at(-1.0)
    # α = 0 and α above α_max are answered too
    assert not path.coef_at(path.alpha_max * 2, X, y).any()


def test_solve_at_keeps_positive_and_fit_intercept():
    X, y = make_problem("tall")
    path = lassofast.lasso_path(X, y, n_alphas=8, positive=True, fit_intercept=False, tol=1e-10)
    alpha = float(np.sqrt(path.alphas[3] * path.alphas[4]))
    sol = path.solve_at(alpha, X, y)
    assert (sol.coef >= 0).all() and sol.intercept == 0.0
    cold = lassofast.lasso_path(X, y, alphas=[alpha], positive=True, fit_intercept=False, tol=1e-10)
    np.testing.assert_allclose(sol.coef, cold.coefs[:, 0], atol=1e-6)


def test_lassocv_one_se_rule():
    X, y = make_problem("wide")
    kw = dict(n_alphas=30, cv=4, tol=1e-8)
    best = lassofast.LassoCV(**kw).fit(X, y)
    one_se = lassofast.LassoCV(selection_rule="1se", **kw).fit(X, y)
    assert best.alpha_ == best.alpha_min_ and one_se.alpha_min_ == best.alpha_min_
    assert one_se.alpha_ == one_se.alpha_1se_ == best.alpha_1se_ >= best.alpha_
    alphas, mean, se = one_se.cv_curve()
    k = int(np.argmin(mean))
    assert one_se.alpha_1se_ == alphas[mean <= mean[k] + se[k]].max()
    refit = lassofast.Lasso(alpha=one_se.alpha_1se_, tol=1e-8, precompute="auto").fit(X, y)
    np.testing.assert_allclose(one_se.coef_, refit.coef_, atol=1e-10)
    assert np.count_nonzero(one_se.coef_) <= np.count_nonzero(best.coef_)
    enet = lassofast.ElasticNetCV(l1_ratio=[0.5, 1.0], selection_rule="1se", **kw).fit(X, y)
    assert enet.alpha_ == enet.alpha_1se_
