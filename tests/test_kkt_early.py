"""The early KKT check (the kernel's KKT_EARLY): the first round of an α stops after a few sweeps on
the working set to let in features the strong rule left out. However short the rounds, every α must
end certified and at the same optimum as without the early check."""
import numpy as np
import pytest
import scipy.sparse as sp

import lassofast
from lassofast import _cd


def _text_like(seed=0, n=600, p=3000):
    """A few very common columns and a long tail of rare ones (the bench's text problem, smaller)."""
    rng = np.random.default_rng(seed)
    frequency = 0.3 / np.arange(1, p + 1) ** 0.9
    mask = rng.random((n, p)) < frequency
    X = sp.csc_matrix(np.where(mask, rng.uniform(0.5, 2.0, (n, p)), 0.0))
    coef = np.zeros(p)
    coef[rng.choice(p, 40, replace=False)] = rng.standard_normal(40)
    y = X @ coef + 0.3 * rng.standard_normal(n)
    return X, y - y.mean()


@pytest.fixture
def kkt_early():
    yield _cd.set_kkt_early
    _cd.set_kkt_early(_cd.KKT_EARLY_SWEEPS)


def _objectives(X, y, path):
    R = y[:, None] - X @ path.coefs
    return 0.5 * (R ** 2).sum(0) / X.shape[0] + path.alphas * np.abs(path.coefs).sum(0)


@pytest.mark.parametrize("sweeps,growth", [(1, 0), (1, 2), (20, 2), (3, 3)])
def test_short_rounds_still_certify_the_same_optimum(kkt_early, sweeps, growth):
    X, y = _text_like()
    tol = 1e-8
    target = tol * (y @ y) / X.shape[0]
    kkt_early(0)
    reference = lassofast.lasso_path(X, y, eps=1e-3, fit_intercept=False, tol=tol, max_iter=100_000)
    kkt_early(sweeps, growth)
    path = lassofast.lasso_path(X, y, eps=1e-3, fit_intercept=False, tol=tol, max_iter=100_000)
    # A round that stops at its allowance without violators outside must go on, not end the α.
    assert (path.dual_gaps <= target).all()
    assert np.abs(_objectives(X, y, path) - _objectives(X, y, reference)).max() <= 2 * target
