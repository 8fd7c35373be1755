"""LassoCV / ElasticNetCV: scikit-learn API, agreement with scikit-learn, parallel == sequential, Dask."""
import warnings

import numpy as np
import pytest
import sklearn.linear_model as sklm
from sklearn.exceptions import ConvergenceWarning as SklearnConvergenceWarning
from sklearn.model_selection import KFold

import lassofast
from lassofast._testing import assert_sklearn_compatible, make_problem


@pytest.mark.parametrize("estimator", [lassofast.LassoCV(), lassofast.ElasticNetCV(l1_ratio=[0.3, 1.0], n_jobs=2)],
                         ids=repr)
def test_sklearn_compatible(estimator):
    assert_sklearn_compatible(estimator)


def _mse_bound(X, y, folds, tol, mse):
    """How far two solvers' held-out MSEs may differ when both certify, on every fold and α, a
    duality gap ≤ tol·||y_c||²/n (scikit-learn's documented meaning of tol, and ours).

    P(w) − P(w*) ≥ ½ (w − w*)ᵀ(X_cᵀX_c/n)(w − w*) for the (elastic-net) lasso, so each solution lies
    within √(2·gap/λ_min) of w*, and the two within twice that: d. Test predictions differ by
    (X_test − x̄)(w₁ − w₂), so the MSEs differ by at most (2·||r||·||A||·d + (||A||·d)²)/n_test with
    A = X_test − x̄.
    """
    bound = np.empty_like(mse)
    for f, (train, test) in enumerate(folds):
        X_mean = X[train].mean(axis=0)
        Xc, yc = X[train] - X_mean, y[train] - y[train].mean()
        n = len(train)
        lam_min = np.linalg.eigvalsh(Xc.T @ Xc / n)[0]
        d = 2 * np.sqrt(2 * tol * (yc @ yc) / n / lam_min)
        A = np.linalg.norm(X[test] - X_mean, 2)
        r = np.sqrt(len(test) * mse[..., f])
        bound[..., f] = (2 * r * A * d + (A * d) ** 2) / len(test)
    return bound


@pytest.mark.parametrize("ours, theirs", [
    (lassofast.LassoCV, sklm.LassoCV),
    (lambda **kw: lassofast.ElasticNetCV(l1_ratio=[0.2, 0.6, 1.0], **kw),
     lambda **kw: sklm.ElasticNetCV(l1_ratio=[0.2, 0.6, 1.0], **kw)),
])
def test_agrees_with_sklearn_on_the_same_folds(ours, theirs):
    X, y = make_problem("tall")  # n_train > p: strongly convex, so the bound in _mse_bound applies
    cv, tol = KFold(4, shuffle=True, random_state=0), 1e-10
    ours = ours(cv=cv, tol=tol, n_alphas=40).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SklearnConvergenceWarning)  # the bound needs both converged
        theirs = theirs(cv=cv, tol=tol, alphas=40).fit(X, y)

    assert ours.mse_path_.shape == theirs.mse_path_.shape
    np.testing.assert_allclose(ours.alphas_, theirs.alphas_, rtol=1e-12)
    gap = np.abs(ours.mse_path_ - theirs.mse_path_)
    assert (gap <= _mse_bound(X, y, list(cv.split(X, y)), tol, ours.mse_path_)).all()
    assert ours.alpha_ == pytest.approx(theirs.alpha_, rel=1e-12)
    assert ours.l1_ratio_ == getattr(theirs, "l1_ratio_", 1.0)  # sklearn.LassoCV has none
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-6)


@pytest.mark.parametrize("name", ["wide", "float32"])
def test_threads_equal_sequential_exactly(name):
    X, y = make_problem(name)
    kw = dict(l1_ratio=[0.5, 1.0], n_alphas=30, cv=3)
    seq = lassofast.ElasticNetCV(n_jobs=1, **kw).fit(X, y)
    par = lassofast.ElasticNetCV(n_jobs=2, **kw).fit(X, y)
    np.testing.assert_array_equal(par.mse_path_, seq.mse_path_)
    np.testing.assert_array_equal(par.coef_, seq.coef_)
    assert (par.alpha_, par.l1_ratio_, par.alpha_1se_) == (seq.alpha_, seq.l1_ratio_, seq.alpha_1se_)


def test_refit_and_one_standard_error_rule():
    X, y = make_problem("correlated")
    model = lassofast.LassoCV(cv=5, n_alphas=50).fit(X, y)
    refit = lassofast.Lasso(alpha=model.alpha_, precompute="auto").fit(X, y)
    np.testing.assert_array_equal(model.coef_, refit.coef_)
    assert model.intercept_ == refit.intercept_ and model.n_iter_ == refit.n_iter_

    mean = model.mse_path_.mean(axis=1)
    se = model.mse_path_.std(axis=1, ddof=1) / np.sqrt(5)
    best = np.argmin(mean)
    assert model.alpha_ == model.alphas_[best]
    within = mean <= mean[best] + se[best]
    assert model.alpha_1se_ == model.alphas_[within].max() >= model.alpha_
    assert not within[model.alphas_ > model.alpha_1se_].any()


def test_shapes_and_grids():
    X, y = make_problem("tall")
    several = lassofast.ElasticNetCV(l1_ratio=[0.25, 0.5, 1.0], n_alphas=7, cv=3).fit(X, y)
    assert several.mse_path_.shape == (3, 7, 3) and several.alphas_.shape == (3, 7)
    for r, ratio in enumerate([0.25, 0.5, 1.0]):  # each ratio's grid starts at its own α_max
        assert several.alphas_[r, 0] == pytest.approx(lassofast.alpha_max(X, y, l1_ratio=ratio))
        assert several.alphas_[r, -1] == pytest.approx(1e-3 * several.alphas_[r, 0])

    explicit = lassofast.ElasticNetCV(l1_ratio=[0.5, 1.0], alphas=[0.01, 1.0, 0.1], cv=3).fit(X, y)
    np.testing.assert_array_equal(explicit.alphas_, [1.0, 0.1, 0.01])
    assert explicit.mse_path_.shape == (2, 3, 3)

    sized = lassofast.LassoCV(alphas=9, cv=3).fit(X, y)  # scikit-learn >= 1.7 spelling of n_alphas
    assert sized.alphas_.shape == (9,) and sized.mse_path_.shape == (9, 3)


def test_positive_and_float32():
    X, y = make_problem("float32")
    model = lassofast.LassoCV(positive=True, n_alphas=20, cv=3).fit(X, y)
    assert (model.coef_ >= 0).all() and model.coef_.dtype == np.float32


def test_verbose_shows_a_progress_bar(capsys):
    X, y = make_problem("tall")
    lassofast.ElasticNetCV(l1_ratio=[0.5, 1.0], n_alphas=10, cv=3, verbose=True).fit(X, y)
    last = capsys.readouterr().err.rstrip().split("\r")[-1]
    assert "cross-validation" in last and "6/6" in last


@pytest.mark.parametrize("params, match", [
    ({"l1_ratio": [0.5, 2.0]}, "l1_ratio"), ({"l1_ratio": []}, "l1_ratio"),
    ({"l1_ratio": 0.0}, "alphas="), ({"eps": 0.0}, "eps"), ({"alphas": [-1.0]}, "α"),
    ({"alphas": True}, "alphas"), ({"n_alphas": 0}, "n_alphas"), ({"cv": 1}, "n_splits"),
])
def test_bad_hyperparameters(params, match):
    X, y = make_problem("tall")
    with pytest.raises((ValueError, TypeError), match=match):
        lassofast.ElasticNetCV(**params).fit(X, y)


def test_runs_on_a_dask_cluster_and_equals_the_local_run():
    pytest.importorskip("dask.distributed")
    import joblib
    from dask.distributed import Client, LocalCluster

    X, y = make_problem("wide")
    kw = dict(l1_ratio=[0.5, 1.0], n_alphas=30, cv=4)
    local = lassofast.ElasticNetCV(**kw).fit(X, y)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        with joblib.parallel_config(backend="dask"):
            remote = lassofast.ElasticNetCV(**kw).fit(X, y)
        assert any(client.run(lambda: "lassofast.cv" in __import__("sys").modules).values())  # ran there
    np.testing.assert_array_equal(remote.mse_path_, local.mse_path_)
    np.testing.assert_array_equal(remote.coef_, local.coef_)
    assert (remote.alpha_, remote.l1_ratio_) == (local.alpha_, local.l1_ratio_)
