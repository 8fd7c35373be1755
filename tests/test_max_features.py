"""max_features (glmnet's dfmax, issue 15): the path stops before the support exceeds it, and says so."""
import numpy as np
import pytest
from scipy import sparse

import lassofast
from lassofast import _cd
from lassofast.datasets import make_correlated


def _data(n=60, p=40, seed=0):
    X, y = make_correlated(n_samples=n, n_features=p, random_state=seed)[:2]
    return X, y


def _first_over(path, limit):
    over = np.flatnonzero(path.n_nonzero() > limit)
    return int(over[0]) if over.size else None


@pytest.mark.parametrize("kind", ["dense", "gram", "sparse", "float32"])
@pytest.mark.parametrize("limit", [0, 1, 5, 17])
def test_the_path_is_the_full_paths_prefix_up_to_the_limit(kind, limit):
    X, y = _data(n=120 if kind == "gram" else 60, p=40)
    if kind == "sparse":
        X = sparse.csc_matrix(np.where(np.abs(X) > 0.5, X, 0))
    if kind == "float32":
        X, y = X.astype(np.float32), y.astype(np.float32)
    full = lassofast.lasso_path(X, y, n_alphas=50)
    stop = _first_over(full, limit)
    assert stop is not None  # the data reaches the limit
    cut = lassofast.lasso_path(X, y, n_alphas=50, max_features=limit)
    assert len(cut.alphas) == stop
    np.testing.assert_array_equal(cut.alphas, full.alphas[:stop])
    np.testing.assert_array_equal(cut.coefs, full.coefs[:, :stop])
    np.testing.assert_array_equal(cut.dual_gaps, full.dual_gaps[:stop])
    assert cut.n_nonzero().max(initial=0) <= limit
    assert cut.stop_reason == "max_features" and cut.max_features == limit
    assert cut.stopped_alpha == full.alphas[stop]
    assert f"stopped before α={full.alphas[stop]:.4g}" in repr(cut) and f"max_features={limit}" in repr(cut)
    # the α after the last one kept is not solved at all: fewer sweeps than the full path -- counted
    # with the Newton step off, which otherwise solves most α of these paths without a sweep
    _cd.set_newton(False)
    try:
        full_cd = lassofast.lasso_path(X, y, n_alphas=50)
        cut_cd = lassofast.lasso_path(X, y, n_alphas=50, max_features=limit)
    finally:
        _cd.set_newton(True)
    assert len(cut_cd.alphas) == stop and cut_cd.n_iters.sum() < full_cd.n_iters.sum()


def test_a_limit_never_reached_changes_nothing():
    X, y = _data()
    full = lassofast.lasso_path(X, y, n_alphas=30)
    same = lassofast.lasso_path(X, y, n_alphas=30, max_features=40)
    np.testing.assert_array_equal(same.coefs, full.coefs)
    assert same.stop_reason is None and same.stopped_alpha is None
    assert "stopped" not in repr(same)


def test_elastic_net_and_explicit_grids_stop_too():
    X, y = _data()
    grid = lassofast.enet_path(X, y, l1_ratio=0.5, n_alphas=40).alphas
    full = lassofast.enet_path(X, y, l1_ratio=0.5, alphas=grid)
    stop = _first_over(full, 8)
    cut = lassofast.enet_path(X, y, l1_ratio=0.5, alphas=grid, max_features=8)
    np.testing.assert_array_equal(cut.coefs, full.coefs[:, :stop])


def test_the_active_set_route_is_cut_at_the_limit_as_well():
    """A float64 dense lasso hands over to the active-set method at support 0.85·n; a limit above that
    is enforced on what it returns."""
    rng = np.random.default_rng(1)
    n, p = 160, 400
    X = rng.standard_normal((n, p))
    y = X @ rng.standard_normal(p) + rng.standard_normal(n)
    full = lassofast.lasso_path(X, y, n_alphas=60, eps=1e-4)
    limit = 140  # above the switch at ceil(0.85·160) = 136
    stop = _first_over(full, limit)
    assert stop is not None and full.n_nonzero()[stop - 1] >= 136
    cut = lassofast.lasso_path(X, y, n_alphas=60, eps=1e-4, max_features=limit)
    assert len(cut.alphas) == stop
    np.testing.assert_allclose(cut.coefs, full.coefs[:, :stop], atol=1e-9)
    assert cut.stop_reason == "max_features"


def test_unpenalised_features_count_toward_the_limit():
    X, y = _data()
    factors = np.ones(40)
    factors[:3] = 0.0
    full = lassofast.lasso_path(X, y, n_alphas=30, penalty_factor=factors)
    stop = _first_over(full, 6)
    cut = lassofast.lasso_path(X, y, n_alphas=30, penalty_factor=factors, max_features=6)
    assert len(cut.alphas) == stop
    np.testing.assert_allclose(cut.coefs, full.coefs[:, :stop], atol=1e-12)
    assert cut.n_nonzero().max() <= 6 and cut.stop_reason == "max_features"


def test_batch_paths_pass_max_features_on():
    X, y = _data()
    paths = lassofast.batch_paths(X, np.column_stack([y, -y]), n_alphas=20, max_features=3)
    for path in paths:
        assert path.n_nonzero().max() <= 3 and path.stop_reason == "max_features"
