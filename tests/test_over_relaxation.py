"""Over-relaxed coordinate descent (the kernel's SOR probe, _cd._probe_sor): where plain CD is slow it
must still return certified solutions, and it must actually pay where it is meant to."""
import numpy as np
import pytest
import scipy.sparse as sp

import lassofast
from lassofast import _cd


def _slow_sparse_problem():
    """Uniform sparse X whose lasso support nears n at ε = 1e-3: plain CD needs hundreds of sweeps
    per α there (the bench's sparse problem, 10× smaller)."""
    rng = np.random.default_rng(1)
    X = sp.random(2000, 5000, density=1e-2, format="csc", random_state=rng,
                  data_rvs=rng.standard_normal)
    coef = np.zeros(5000)
    support = rng.choice(5000, size=50, replace=False)
    coef[support] = rng.choice([-1.0, 1.0], 50) * rng.uniform(0.5, 2.0, 50)
    y = X @ coef
    y = y + rng.standard_normal(2000) * y.std() / 3
    return X, y - y.mean()


@pytest.fixture
def relaxation():
    yield _cd.set_over_relaxation
    _cd.set_over_relaxation(True)


def _gaps_from_residuals(X, y, path):
    """The duality gap of every α recomputed here from the residual (scikit-learn's 1/(2n) scale)."""
    n = X.shape[0]
    R = y[:, None] - X @ path.coefs
    P = 0.5 * (R ** 2).sum(0) / n + path.alphas * np.abs(path.coefs).sum(0)
    c = np.minimum(1.0, n * path.alphas / np.abs(np.asarray(X.T @ R)).max(0))
    D = (c * (R * y[:, None]).sum(0) - 0.5 * c * c * (R ** 2).sum(0)) / n
    return P - D


@pytest.fixture
def no_newton():
    """Without the Newton step, which since it runs in the sparse layout too (float64) takes over much
    of the slow tail whichever way CD sweeps: the over-relaxation alone is measured."""
    _cd.set_newton(False)
    yield
    _cd.set_newton(True)


def test_over_relaxation_certifies_and_takes_fewer_sweeps(relaxation, no_newton):
    X, y = _slow_sparse_problem()
    tol = 5e-7
    target = tol * (y @ y) / X.shape[0]
    paths = {}
    for on in (True, False):
        relaxation(on)
        paths[on] = lassofast.lasso_path(X, y, eps=1e-3, fit_intercept=False, tol=tol, max_iter=100_000)
    relaxed, plain = paths[True], paths[False]
    for path in (relaxed, plain):
        assert (_gaps_from_residuals(X, y, path) <= target * 1.0001).all()
    # Both within the gap of the optimum: their objectives agree to the tolerance.
    objectives = [0.5 * ((y[:, None] - X @ path.coefs) ** 2).sum(0) / X.shape[0]
                  + path.alphas * np.abs(path.coefs).sum(0) for path in (relaxed, plain)]
    assert np.abs(objectives[0] - objectives[1]).max() <= target
    # The slowest α is where it is meant to pay (measured: ~6 700 sweeps vs ~10 400).
    assert relaxed.n_iters.sum() < 0.8 * plain.n_iters.sum()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_over_relaxed_path_meets_kkt(relaxation, dtype):
    X, y = _slow_sparse_problem()
    X = X[:, :2500].astype(dtype)
    y = y.astype(dtype)
    relaxation(True)
    path = lassofast.lasso_path(X, y, eps=1e-3, n_alphas=30, fit_intercept=False, tol=1e-6,
                                max_iter=100_000)
    Xd, yd = X.toarray().astype(np.float64), y.astype(np.float64)
    for k in range(5, 30, 5):  # (not α_max: float32 rounds x_jᵀy/n there, plain CD as well)
        assert lassofast._testing.kkt_ok(Xd, yd, path.coefs[:, k].astype(np.float64), path.alphas[k],
                                         1.0, path.dual_gaps[k]) == []
