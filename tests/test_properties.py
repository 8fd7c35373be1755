"""Hypothesis: random small problems are solved to KKT optimality by every kernel."""
import numpy as np
from hypothesis import given, settings, strategies as st

import lassofast
from lassofast import reference as ref
from lassofast._testing import kkt_ok


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 25), p=st.integers(1, 25), seed=st.integers(0, 2**31 - 1),
       frac=st.floats(0.01, 1.2), l1_ratio=st.sampled_from([1.0, 0.7, 0.2]),
       positive=st.booleans(), precompute=st.booleans(), fit_intercept=st.booleans())
def test_random_problems_are_optimal(n, p, seed, frac, l1_ratio, positive, precompute, fit_intercept):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) * rng.choice([1e-2, 1.0, 1e2], size=p)
    y = X @ rng.standard_normal(p) + rng.standard_normal(n)
    a_max = lassofast.alpha_max(X, y, l1_ratio=l1_ratio, fit_intercept=fit_intercept)
    alpha = max(frac * a_max, 1e-3)
    tol = 1e-10
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, alphas=[alpha], tol=tol, max_iter=200_000,
                               positive=positive, precompute=precompute, fit_intercept=fit_intercept)
    w = path.coefs[:, 0]
    if fit_intercept:
        X, y, _, _ = ref.center(X, y)
    gap_tol = tol * (y @ y) / n
    assert ref.duality_gap(X, y, w, alpha, l1_ratio, positive) <= gap_tol * 1.01 + 1e-13
    assert kkt_ok(X, y, w, alpha, l1_ratio, gap_tol + 1e-13, positive) == []
    if positive:
        assert (w >= 0).all()
