"""sample_weight (issue 15): scikit-learn's weighted objective, on dense and sparse X, with or without
an intercept; equal to scikit-learn's ElasticNet(...).fit(X, y, sample_weight=w)."""
import warnings

import numpy as np
import pytest
import sklearn.linear_model as sklm
from scipy import sparse

import lassofast
from lassofast import reference as ref
from lassofast._testing import make_problem

TIGHT = dict(tol=1e-14, max_iter=1_000_000)


def _weights(n, seed=0, zeros=5):
    rng = np.random.default_rng(seed)
    w = rng.uniform(0.0, 3.0, n)
    w[rng.choice(n, zeros, replace=False)] = 0.0
    return w


@pytest.mark.parametrize("name", ["tall", "wide", "correlated"])
@pytest.mark.parametrize("Est, kw", [("Lasso", {}), ("ElasticNet", {"l1_ratio": 0.4})])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_estimator_equals_sklearn_with_weights(name, Est, kw, fit_intercept):
    X, y = make_problem(name)
    w = _weights(len(y))
    alpha = 0.3 * lassofast.alpha_max(X, y) if Est == "Lasso" else 0.05
    ours = getattr(lassofast, Est)(alpha=alpha, fit_intercept=fit_intercept, **kw, **TIGHT).fit(X, y, sample_weight=w)
    theirs = getattr(sklm, Est)(alpha=alpha, fit_intercept=fit_intercept, **kw, **TIGHT).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, rtol=0, atol=1e-8)
    assert ours.intercept_ == pytest.approx(theirs.intercept_, abs=1e-8)
    assert np.count_nonzero(ours.coef_) > 0


def test_float32_equals_sklearn_to_its_precision():
    X, y = make_problem("float32")
    w = _weights(len(y)).astype(np.float32)
    ours = lassofast.Lasso(alpha=0.05, tol=1e-6).fit(X, y, sample_weight=w)
    theirs = sklm.Lasso(alpha=0.05, tol=1e-6).fit(X, y, sample_weight=w)
    assert ours.coef_.dtype == np.float32
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=2e-3)


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_path_equals_sklearn_at_every_alpha_and_is_certified(l1_ratio):
    X, y = make_problem("tall")
    w = _weights(len(y), seed=1)
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, n_alphas=8, sample_weight=w, **TIGHT)
    assert path.sample_weighted and path.fit_intercept
    # the weighted problem written out: rows kept, weights summing to their number, weighted centring
    keep = w > 0
    wk = w[keep] * keep.sum() / w[keep].sum()
    xm, ym = wk @ X[keep] / keep.sum(), wk @ y[keep] / keep.sum()
    Xs, ys = (X[keep] - xm) * np.sqrt(wk)[:, None], (y[keep] - ym) * np.sqrt(wk)
    gap_tol = 1e-14 * (ys @ ys) / len(ys)
    for k, alpha in enumerate(path.alphas[1:], start=1):
        sk = sklm.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, **TIGHT).fit(X, y, sample_weight=w)
        np.testing.assert_allclose(path.coefs[:, k], sk.coef_, atol=1e-8)
        assert path.intercepts[k] == pytest.approx(sk.intercept_, abs=1e-8)
        assert ref.duality_gap(Xs, ys, path.coefs[:, k], alpha, l1_ratio) <= gap_tol * 1.01 + 1e-15


def test_integer_weights_equal_repeated_rows_and_zero_weights_dropped_rows():
    X, y = make_problem("wide")
    counts = np.random.default_rng(3).integers(0, 4, len(y))
    counts[0] = 0
    weighted = lassofast.lasso_path(X, y, sample_weight=counts, n_alphas=10, **TIGHT)
    repeated = lassofast.lasso_path(np.repeat(X, counts, axis=0), np.repeat(y, counts), n_alphas=10, **TIGHT)
    np.testing.assert_allclose(weighted.alphas, repeated.alphas, rtol=1e-12)
    np.testing.assert_allclose(weighted.coefs, repeated.coefs, atol=1e-8)
    np.testing.assert_allclose(weighted.intercepts, repeated.intercepts, atol=1e-8)
    ones = (counts > 0).astype(float)
    dropped = lassofast.lasso_path(X[counts > 0], y[counts > 0], n_alphas=10, **TIGHT)
    np.testing.assert_allclose(lassofast.lasso_path(X, y, sample_weight=ones, n_alphas=10, **TIGHT).coefs,
                               dropped.coefs, atol=1e-10)


def test_unit_weights_change_nothing():
    X, y = make_problem("tall")
    plain = lassofast.lasso_path(X, y, n_alphas=10, **TIGHT)
    unit = lassofast.lasso_path(X, y, n_alphas=10, sample_weight=np.full(len(y), 2.5), **TIGHT)
    np.testing.assert_allclose(unit.alphas, plain.alphas, rtol=1e-12)
    np.testing.assert_allclose(unit.coefs, plain.coefs, atol=1e-9)


def test_sparse_equals_dense_and_scikit_learn_with_and_without_intercept():
    X, y = make_problem("wide")
    X[np.abs(X) < 0.8] = 0.0
    w = _weights(len(y), seed=2)
    dense = lassofast.lasso_path(X, y, sample_weight=w, fit_intercept=False, n_alphas=10, **TIGHT)
    on_sparse = lassofast.lasso_path(sparse.csr_matrix(X), y, sample_weight=w, fit_intercept=False,
                                     n_alphas=10, **TIGHT)
    np.testing.assert_allclose(on_sparse.coefs, dense.coefs, atol=1e-8)
    sk = sklm.Lasso(alpha=dense.alphas[5], fit_intercept=False, **TIGHT).fit(sparse.csr_matrix(X), y, sample_weight=w)
    np.testing.assert_allclose(on_sparse.coefs[:, 5], sk.coef_, atol=1e-8)
    # With an intercept: X is never centred (nor densified), the kernel centres it by the weighted
    # means. Columns with large means make a wrong centring show.
    Xs = sparse.csr_matrix(np.where(X != 0, X + 3.0, 0.0))
    Xs[:, 3] = 0.0  # a column of zeros among the kept rows: constant, never enters
    with_b = lassofast.lasso_path(Xs, y, sample_weight=w, n_alphas=10, **TIGHT)
    dense_b = lassofast.lasso_path(Xs.toarray(), y, sample_weight=w, n_alphas=10, **TIGHT)
    np.testing.assert_allclose(with_b.alphas, dense_b.alphas, rtol=1e-12)
    np.testing.assert_allclose(with_b.coefs, dense_b.coefs, atol=1e-8)
    np.testing.assert_allclose(with_b.intercepts, dense_b.intercepts, atol=1e-8)
    for est, sk_est in ((lassofast.Lasso, sklm.Lasso), (lassofast.ElasticNet, sklm.ElasticNet)):
        ours = est(alpha=with_b.alphas[5], **TIGHT).fit(Xs, y, sample_weight=w)
        theirs = sk_est(alpha=with_b.alphas[5], **TIGHT).fit(Xs.toarray(), y, sample_weight=w)
        np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-8)
        assert abs(ours.intercept_ - theirs.intercept_) < 1e-8
    # integer weights are repeated rows
    counts = np.random.default_rng(3).integers(0, 3, len(y))
    rows = np.repeat(np.arange(len(y)), counts)
    weighted = lassofast.Lasso(alpha=with_b.alphas[5], **TIGHT).fit(Xs, y, sample_weight=counts)
    repeated = lassofast.Lasso(alpha=with_b.alphas[5], **TIGHT).fit(Xs[rows], y[rows])
    np.testing.assert_allclose(weighted.coef_, repeated.coef_, atol=1e-8)



@pytest.mark.parametrize("weighted", [True, False])
def test_sparse_intercept_is_certified_on_a_near_constant_column(weighted):
    # A column stored in every row with spread 1e-3 of its mean 2, few rows: at small α the fit
    # interpolates, and implicit centring's identities (||x_j − m_j||² = ||x_j||² − n m_j², the
    # residual's offset) cancel to rounding far above this tol: before, about half of these paths
    # warned "did not converge" (the fuzz test of the options found one).
    rng = np.random.default_rng(0)
    for _ in range(10):
        n = int(rng.integers(2, 6)) + (1 if weighted else 0)
        X = sparse.csc_matrix(2.0 + 1e-3 * rng.standard_normal((n, 1)))
        y = 5.0 + rng.standard_normal(n)
        weights = rng.uniform(0.3, 3.0, n) if weighted else np.ones(n)
        if weighted:
            weights[-1] = 0.0  # a dropped row, as the fuzz test draws them
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            path = lassofast.lasso_path(X, y, sample_weight=weights if weighted else None, n_alphas=6,
                                        tol=1e-10, max_iter=100_000)
        keep = weights > 0
        Xk, yk, wk = X.toarray()[keep], y[keep], weights[keep] / weights[keep].mean()
        for k, alpha in enumerate(path.alphas):  # KKT of the weighted problem on the original data
            r = wk * (yk - Xk @ path.coefs[:, k] - path.intercepts[k])
            assert abs(r.sum()) < 1e-8 * np.abs(r).sum() + 1e-12
            grad = Xk.T @ r / len(yk)
            on = path.coefs[:, k] != 0
            np.testing.assert_allclose(grad[on], alpha * np.sign(path.coefs[on, k]), rtol=1e-6, atol=1e-9)
            assert np.all(np.abs(grad[~on]) <= alpha * (1 + 1e-6))

def test_multi_target_and_off_grid_solves_use_the_weights():
    X, y = make_problem("tall")
    w = _weights(len(y), seed=4)
    Y = np.column_stack([y, 1 - 2 * y])
    both = lassofast.ElasticNet(alpha=0.05, **TIGHT).fit(X, Y, sample_weight=w)
    for t in range(2):
        one = sklm.ElasticNet(alpha=0.05, **TIGHT).fit(X, Y[:, t], sample_weight=w)
        np.testing.assert_allclose(both.coef_[t], one.coef_, atol=1e-8)
        assert both.intercept_[t] == pytest.approx(one.intercept_, abs=1e-8)
    path = lassofast.lasso_path(X, y, sample_weight=w, n_alphas=6, **TIGHT)
    alpha = float(np.sqrt(path.alphas[2] * path.alphas[3]))
    with pytest.raises(ValueError, match="pass the same sample_weight"):
        path.coef_at(alpha, X, y)
    sk = sklm.Lasso(alpha=alpha, **TIGHT).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(path.coef_at(alpha, X, y, w), sk.coef_, atol=1e-8)
    np.testing.assert_allclose(path.predict(X[:5], alpha=alpha, train=(X, y, w)), sk.predict(X[:5]), atol=1e-8)


@pytest.mark.parametrize("Est, kw", [("LassoCV", {}), ("ElasticNetCV", {"l1_ratio": [0.5, 1.0]})])
def test_cv_with_weights_equals_sklearn(Est, kw):
    from sklearn.model_selection import KFold
    X, y = make_problem("tall")
    w = _weights(len(y), seed=6)
    folds = KFold(4, shuffle=True, random_state=0)
    common = dict(alphas=15, cv=folds, tol=1e-12, max_iter=100_000, **kw)
    ours = getattr(lassofast, Est)(**common).fit(X, y, sample_weight=w)
    theirs = getattr(sklm, Est)(**common).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(ours.alphas_, theirs.alphas_, rtol=1e-10)
    np.testing.assert_allclose(ours.mse_path_, theirs.mse_path_, rtol=1e-6)
    assert ours.alpha_ == pytest.approx(theirs.alpha_, rel=1e-12)
    np.testing.assert_allclose(ours.coef_, theirs.coef_, atol=1e-8)
    assert ours.intercept_ == pytest.approx(theirs.intercept_, abs=1e-8)


def test_cv_with_standardize_refits_the_standardized_model():
    X, y = make_problem("tall")
    X[:, 2] *= 100.0
    model = lassofast.LassoCV(n_alphas=15, cv=3, standardize=True, tol=1e-10).fit(X, y)
    path = lassofast.lasso_path(X, y, standardize=True, n_alphas=15, tol=1e-10)
    np.testing.assert_allclose(model.alphas_, path.alphas, rtol=1e-12)
    refit = lassofast.Lasso(alpha=model.alpha_, standardize=True, tol=1e-10).fit(X, y)
    np.testing.assert_allclose(model.coef_, refit.coef_, atol=1e-12)


def test_batch_paths_take_the_problem_options():
    X, y = make_problem("tall")
    w = _weights(len(y), seed=8)
    f = np.linspace(0.5, 2.0, X.shape[1])
    Y = np.column_stack([y, 2 - y])
    kw = dict(sample_weight=w, penalty_factor=f, standardize=True, l1_ratio=1.0, n_alphas=8, **TIGHT)
    for paths in (lassofast.batch_paths(X, Y, **kw), lassofast.batch_paths([(X, Y[:, 0]), (X, Y[:, 1])], **kw)):
        for t, path in enumerate(paths):
            alone = lassofast.enet_path(X, Y[:, t], **kw)
            np.testing.assert_array_equal(path.coefs, alone.coefs)
            np.testing.assert_array_equal(path.intercepts, alone.intercepts)
            assert path.sample_weighted and path.standardize
