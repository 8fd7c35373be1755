"""The Newton step in the sparse layout (_accel.pyx): the exact solve on a settled support, with the
Gram matrix of the implicitly centred CSC columns computed from their non-zeros."""
import numpy as np
import pytest
from scipy import sparse

import lassofast
from lassofast import _accel, _cd
from lassofast import reference as ref
from lassofast._testing import kkt_ok


@pytest.mark.parametrize("block", [0, 3, 5])
@pytest.mark.parametrize("weighted", [False, True])
def test_gram_of_the_centred_sparse_columns(weighted, block):
    # The layout's contract: centring direction v with vᵀv = n and column means Xm = Zᵀv / n; the
    # model's columns are z_j − Xm_j v. y is any vector (vᵀy need not be 0). ``block``: the last
    # columns computed together, each against the factor's and the block's earlier ones.
    rng = np.random.default_rng(0)
    n, p = 30, 12
    Z = sparse.random(n, p, density=0.3, random_state=1, format="lil")
    Z[:, 0] = rng.uniform(0.5, 1.5, (n, 1))  # a dense column: its products run by column ...
    Z[:, 11] = 0.0
    Z[4, 11] = 0.7  # ... and a one-entry column's by row (_accel._sparse_gram_column: fewer entries)
    Z = Z.tocsc()
    Z.data += 1.0
    v = rng.uniform(0.3, 2.0, n) if weighted else np.ones(n)
    v *= np.sqrt(n / (v @ v))
    Xm = Z.T @ v / n
    y = rng.standard_normal(n) + 2.0
    b = np.concatenate([y, v]) if weighted else y
    cols = [3, 0, 7, 11, 5]
    G, xty = _accel.sparse_gram(Z.indptr.astype(np.intc), Z.indices.astype(np.intc), Z.data, Xm, b, n,
                                cols, block)
    Zc = Z.toarray()[:, cols] - np.outer(v, Xm[cols])
    np.testing.assert_allclose(G, Zc.T @ Zc, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(xty, Zc.T @ y, rtol=1e-12, atol=1e-12)


def _near_saturated(n, p, density, seed):
    rng = np.random.default_rng(seed)
    X = sparse.random(n, p, density=density, random_state=seed, format="csc")
    X.data = X.data * 3 + 1  # a non-zero column mean: the centring terms matter
    w = np.zeros(p)
    w[:8] = rng.standard_normal(8) * 2
    return X, X @ w + 0.5 * rng.standard_normal(n) + 4.0


@pytest.mark.parametrize("fit_intercept, weighted", [(False, False), (True, False), (True, True)])
def test_newton_steps_cut_the_sweeps_of_a_saturating_sparse_path(fit_intercept, weighted):
    # Near saturation CD alone needs thousands of sweeps (3-5x more than with the step); a step
    # whose system were wrong would not lower the objective, be dropped, and save nothing.
    X, y = _near_saturated(80, 400, 0.1, seed=3)
    sw = np.random.default_rng(1).uniform(0.2, 3.0, X.shape[0]) if weighted else None
    kw = dict(eps=1e-3, n_alphas=30, tol=1e-8, fit_intercept=fit_intercept, sample_weight=sw,
              max_iter=100_000)
    path = lassofast.lasso_path(X, y, **kw)
    try:
        _cd.set_newton(False)
        cd_only = lassofast.lasso_path(X, y, **kw)
    finally:
        _cd.set_newton(True)
    assert path.n_iters.sum() <= 0.5 * cd_only.n_iters.sum()
    Xd, yd = X.toarray(), y
    if weighted:  # the weighted problem as rows scaled by √w (weights summing to n), centred
        s = np.sqrt(sw * len(sw) / sw.sum())
        Xd = s[:, None] * (Xd - np.average(Xd, axis=0, weights=sw))
        yd = s * (y - np.average(y, weights=sw))
    elif fit_intercept:
        Xd, yd, _, _ = ref.center(Xd, y)
    gap_tol = 1e-8 * (yd @ yd) / len(yd)
    for k, alpha in enumerate(path.alphas):
        w = path.coefs[:, k]
        assert ref.duality_gap(Xd, yd, w, alpha, 1.0) <= gap_tol * 1.01 + 1e-14
        assert kkt_ok(Xd, yd, w, alpha, 1.0, gap_tol) == []
