"""Lasso / ElasticNet: scikit-learn API (check_estimator), and equal to the path solver."""
import numpy as np
import pytest
import sklearn.linear_model as sklm

import lassofast
from lassofast import reference as ref
from lassofast._testing import assert_sklearn_compatible, make_problem


@pytest.mark.parametrize("estimator", [lassofast.Lasso(), lassofast.ElasticNet(),
                                       lassofast.Lasso(precompute=True, positive=True)], ids=repr)
def test_sklearn_compatible(estimator):
    assert_sklearn_compatible(estimator)


@pytest.mark.parametrize("Est, kw", [(lassofast.Lasso, {}), (lassofast.ElasticNet, {"l1_ratio": 0.3})])
def test_fit_is_optimal_and_matches_sklearn(Est, kw):
    X, y = make_problem("wide")
    tol = 1e-6
    ours = Est(alpha=0.05, tol=tol, **kw).fit(X, y)
    theirs = getattr(sklm, Est.__name__)(alpha=0.05, tol=tol, **kw).fit(X, y)
    Xc, yc, _, _ = ref.center(X, y)
    l1_ratio = kw.get("l1_ratio", 1.0)
    gap_tol = tol * (yc @ yc) / len(yc)
    assert ref.duality_gap(Xc, yc, ours.coef_, 0.05, l1_ratio) <= gap_tol * 1.01
    p_ours = ref.primal_objective(Xc, yc, ours.coef_, 0.05, l1_ratio)
    p_theirs = ref.primal_objective(Xc, yc, theirs.coef_, 0.05, l1_ratio)
    assert abs(p_ours - p_theirs) <= 2 * gap_tol
    np.testing.assert_allclose(ours.predict(X), X @ ours.coef_ + ours.intercept_)
    assert ours.dual_gap_ <= gap_tol * 1.01 and ours.n_iter_ >= 1


def test_warm_start_reuses_coef():
    X, y = make_problem("tall")
    model = lassofast.Lasso(alpha=0.01, warm_start=True, tol=1e-8).fit(X, y)
    first = model.n_iter_
    model.fit(X, y)
    assert model.n_iter_ < first
    cold = lassofast.Lasso(alpha=0.01, tol=1e-8).fit(X, y)
    np.testing.assert_allclose(model.coef_, cold.coef_, atol=1e-6)


def test_multi_output_fits_each_column():
    X, y = make_problem("tall")
    Y = np.column_stack([y, -2 * y + 1])
    model = lassofast.ElasticNet(alpha=0.02, tol=1e-8).fit(X, Y)
    assert model.coef_.shape == (2, X.shape[1]) and model.predict(X).shape == Y.shape
    for t in range(2):
        single = lassofast.ElasticNet(alpha=0.02, tol=1e-8).fit(X, Y[:, t])
        np.testing.assert_allclose(model.coef_[t], single.coef_)


def test_positive_and_float32():
    X, y = make_problem("float32")
    model = lassofast.Lasso(alpha=0.01, positive=True).fit(X, y)
    assert (model.coef_ >= 0).all() and model.coef_.dtype == np.float32
    assert model.predict(X).dtype == np.float32


def test_cv_on_sparse_X_equals_dense():
    from scipy import sparse
    X, y = make_problem("wide")
    X[np.abs(X) < 1.0] = 0.0  # about two thirds zeros
    kw = dict(n_alphas=15, cv=3, tol=1e-10, max_iter=100_000)
    on_sparse = lassofast.LassoCV(**kw).fit(sparse.csr_matrix(X), y)
    on_dense = lassofast.LassoCV(**kw).fit(X, y)
    assert on_sparse.alpha_ == on_dense.alpha_
    np.testing.assert_allclose(on_sparse.mse_path_, on_dense.mse_path_, rtol=1e-6)
    np.testing.assert_allclose(on_sparse.predict(sparse.csr_matrix(X)), on_dense.predict(X), atol=1e-6)


@pytest.mark.parametrize("params, match", [
    ({"alpha": -1.0}, "alpha"), ({"l1_ratio": 2.0}, "l1_ratio"), ({"max_iter": 0}, "max_iter"),
    ({"tol": -1.0}, "tol"), ({"precompute": "maybe"}, "precompute"),
])
def test_bad_hyperparameters(params, match):
    X, y = make_problem("tall")
    with pytest.raises((ValueError, TypeError), match=match):
        lassofast.ElasticNet(**params).fit(X, y)
