"""Fuzzing the issue-15 options together: sample_weight (with zeros), penalty_factor (0, inf, others),
standardize, fit_intercept, box bounds (lower_bounds/upper_bounds), lasso and elastic net, dense and sparse X. Every path must satisfy the KKT
conditions of the problem it claims to solve, written out here on the original data (weighted loss
(1/(2Σw))·Σwᵢrᵢ², per-feature penalty α·fⱼ·sⱼ·(ρ|wⱼ| + (1−ρ)/2·sⱼwⱼ²) with sⱼ the column's centred std when
standardising, with or without an intercept), to a tolerance the gap tol=1e-10 guarantees with margin;
or raise its documented error."""
import os
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from scipy import sparse

import lassofast

MAX_EXAMPLES = int(os.environ.get("LASSOFAST_FUZZ_EXAMPLES", "150")) // 2
DERANDOMIZE = os.environ.get("LASSOFAST_FUZZ_RANDOM", "") != "1"


@st.composite
def problems(draw):
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    n, p = draw(st.integers(3, 40)), draw(st.integers(1, 12))
    X = rng.standard_normal((n, p)) * 10.0 ** rng.uniform(-2, 2, p) + draw(st.sampled_from([0.0, 2.0]))
    y = X @ rng.standard_normal(p) + rng.standard_normal(n) + 5.0
    weights = None
    if draw(st.booleans()):
        weights = rng.uniform(0.1, 3.0, n)
        weights[rng.random(n) < 0.2] = 0.0
        weights[0] = max(weights[0], 0.5)
        weights[1] = max(weights[1], 0.5)
    l1_ratio = draw(st.sampled_from([1.0, 1.0, 0.5]))
    factors = None
    if draw(st.booleans()):
        choices = [0.0, 1.0, np.inf] + ([0.3, 2.5] if l1_ratio == 1 else [])
        factors = np.array([draw(st.sampled_from(choices)) for _ in range(p)])
    kw = dict(fit_intercept=draw(st.booleans()), standardize=draw(st.booleans()),
              rescale_penalty_factor=draw(st.booleans()))
    if draw(st.booleans()):  # a box per feature: none, finite (binding or not), one side 0, [0, 0]
        kw["lower_bounds"] = np.array([draw(st.sampled_from([-np.inf, -0.3, -1.5, 0.0])) for _ in range(p)])
        kw["upper_bounds"] = np.array([draw(st.sampled_from([np.inf, 0.2, 1.0, 0.0])) for _ in range(p)])
    use_sparse = draw(st.booleans())
    return X, y, weights, factors, l1_ratio, kw, use_sparse


def _expected_error(X, weights, factors, l1_ratio, kw, use_sparse):
    """The documented refusal for this combination, or None."""
    if factors is not None:
        finite = np.isfinite(factors)
        if not finite.any():
            return "inf for every feature"
        if not (finite & (factors > 0)).any():
            return "0 for every feature"
        if "lower_bounds" in kw and (factors == 0).any():
            return "with lower_bounds/upper_bounds is not supported"
        if use_sparse and (factors == 0).any():
            return "needs a dense X"
    return None


@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=DERANDOMIZE,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(problems())
def test_options_solve_the_problem_they_claim(problem):
    X, y, weights, factors, l1_ratio, kw, use_sparse = problem
    X_in = sparse.csc_matrix(X) if use_sparse else X
    error = _expected_error(X, weights, factors, l1_ratio, kw, use_sparse)
    call = lambda: lassofast.enet_path(X_in, y, l1_ratio=l1_ratio, n_alphas=6, sample_weight=weights,  # noqa: E731
                                       penalty_factor=factors, tol=1e-10, max_iter=100_000, **kw)
    if error is not None:
        with pytest.raises(ValueError, match=error):
            call()
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = call()
    n = len(y)
    w = np.ones(n) if weights is None else weights
    wn = w / w.sum()
    f = np.ones(X.shape[1]) if factors is None else factors.copy()
    if factors is not None and kw["rescale_penalty_factor"]:
        finite = np.isfinite(f)
        f[finite] *= len(f) / (f[finite].sum() + (~finite).sum())
    if kw["standardize"]:  # glmnet's: centred with or without an intercept
        s = np.sqrt(wn @ (X - wn @ X) ** 2)
        rows = X[w > 0]
        constant = np.ptp(rows, axis=0) == 0  # without an intercept: divided by |value|, it may enter
        s[constant] = 1.0 if kw["fit_intercept"] else np.abs(rows[0, constant])
        s[s == 0] = 1.0
    else:
        s = np.ones(X.shape[1])
    finite = np.isfinite(f)
    f[~finite] = 0.0
    lower = upper = None
    if "lower_bounds" in kw and path.lower_bounds is None:  # a box that bounds nothing is no box
        assert np.isneginf(kw["lower_bounds"]).all() and np.isposinf(kw["upper_bounds"]).all()
    elif "lower_bounds" in kw:  # the box the path kept (the given one, up to rescaling rounding)
        lower, upper = path.lower_bounds, path.upper_bounds
        np.testing.assert_allclose(lower[finite], kw["lower_bounds"][finite], rtol=1e-12)
        np.testing.assert_allclose(upper[finite], kw["upper_bounds"][finite], rtol=1e-12)
        assert (path.coefs >= lower[:, None]).all() and (path.coefs <= upper[:, None]).all()
    for k, alpha in enumerate(path.alphas):
        coef, b = path.coefs[:, k], path.intercepts[k]
        assert not coef[~finite].any()
        r = y - X @ coef - b
        if kw["fit_intercept"]:
            assert abs(wn @ r) <= 1e-6 * (np.abs(y).max() + np.abs(X @ coef).max())
        g = X.T @ (wn * r) - alpha * f * (1 - l1_ratio) * s ** 2 * coef
        l1 = alpha * l1_ratio * f * s
        viol = np.where(coef != 0, np.abs(g - l1 * np.sign(coef)), np.maximum(np.abs(g) - l1, 0.0))
        if lower is not None:  # at a bound the gradient may push outward; at 0, only open sides count
            viol = np.where((coef == upper) & (coef > 0), np.maximum(l1 - g, 0.0), viol)
            viol = np.where((coef == lower) & (coef < 0), np.maximum(g + l1, 0.0), viol)
            zero = coef == 0
            up_open, down_open = upper > 0, lower < 0
            viol = np.where(zero, np.maximum(np.where(up_open, g - l1, 0.0), np.where(down_open, -g - l1, 0.0)),
                            viol)
            viol = np.maximum(viol, 0.0)
        # scale of the gradient terms: |xⱼ|·|r| (weighted); a violation of 1e-4 of it is far beyond tol
        col = np.sqrt(wn @ X ** 2) * np.sqrt(wn @ (y - wn @ y) ** 2 + wn @ r ** 2)
        assert (viol[finite] <= 1e-4 * col[finite] + 1e-12).all(), (k, alpha, viol, col)
