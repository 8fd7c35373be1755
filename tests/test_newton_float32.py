"""float32 paths take the Newton step too (_accel.newton_step): the solve on the support runs in float64
on the float32 numbers, its point is rounded to float32 and its state recomputed from scratch before the
gap certifies it. Without it, float32 paths on correlated features took 10-100x the sweeps of float64
ones (benchmarks/README.md)."""
import numpy as np
import pytest
import scipy.sparse as sp

import lassofast
import lassofast.reference as ref
from lassofast import _cd
from lassofast.datasets import make_correlated

TOL = 1e-5  # a float32 certificate is good to a few ε₃₂·||y||² (tests/test_edge_cases.py)


def _problem(layout):
    """Correlated features (ρ = 0.9), where plain coordinate descent needs many sweeps per α."""
    n, p = (200, 40) if layout == "gram" else (80, 150)
    X, y, _ = make_correlated(n, p, rho=0.9, n_informative=8, random_state=5, dtype=np.float32)
    if layout == "sparse":
        X = X * (np.random.default_rng(5).random(X.shape) < 0.3)
        return sp.csc_matrix(X), y + 1, {}
    return X, y + 1, dict(precompute=layout == "gram")


def _path(X, y, newton, l1_ratio, **kw):
    _cd.set_newton(newton)
    try:
        return lassofast.enet_path(X, y, l1_ratio=l1_ratio, n_alphas=50, eps=1e-3, tol=TOL, max_iter=200_000,
                                   **kw)
    finally:
        _cd.set_newton(True)


@pytest.mark.parametrize("layout", ["gram", "dense", "sparse"])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.7])
def test_float32_paths_are_certified_in_a_fraction_of_the_sweeps(layout, l1_ratio):
    X, y, kw = _problem(layout)
    path = _path(X, y, True, l1_ratio, **kw)
    plain = _path(X, y, False, l1_ratio, **kw)
    assert path.coefs.dtype == np.float32
    # The oracle: float64 arithmetic on the very same float32 numbers.
    Xd = (X.toarray() if sp.issparse(X) else X).astype(np.float64)
    Xc, yc = ref.center(Xd, y.astype(np.float64))[:2]
    gap_tol = TOL * (yc @ yc) / len(yc)
    for k, alpha in enumerate(path.alphas):
        w = path.coefs[:, k].astype(np.float64)
        assert ref.duality_gap(Xc, yc, w, alpha, l1_ratio) <= 1.5 * gap_tol, k
        assert abs(ref.primal_objective(Xc, yc, w, alpha, l1_ratio)
                   - ref.primal_objective(Xc, yc, plain.coefs[:, k].astype(np.float64), alpha, l1_ratio)
                   ) <= 3 * gap_tol, k
    # About the sweeps of a float64 path on the same numbers, and fewer than without the step
    # (5-200x fewer here, except the sparse elastic net's ~1.5x, as in float64). (The dense elastic
    # net: 48 sweeps against float64's 6 -- there the repeated solves with the entering features,
    # NEWTON_ENTER_TRIES, certify nearly every α in float64; a rounded float32 point stops them
    # sooner. 56 against 31 with a single try.)
    wide = _path(X.astype(np.float64), y.astype(np.float64), True, l1_ratio, **kw)
    sweeps, sweeps64, sweeps_plain = path.n_iters.sum(), wide.n_iters.sum(), plain.n_iters.sum()
    assert sweeps <= 2 * sweeps64 + 50 and sweeps < sweeps_plain, (sweeps, sweeps64, sweeps_plain)


def test_float32_lasso_opens_alphas_along_the_segment():
    """Between kinks the opening solve is found along the segment in float32 too (its point rounded,
    its state recomputed): α certified that way are counted."""
    X, y, kw = _problem("gram")
    _cd.segment_openings()
    path = _path(X, y, True, 1.0, **kw)
    assert _cd.segment_openings() > 0
    assert np.count_nonzero(path.n_iters == 0) > 5
