"""``standardize`` and ``penalty_factor`` with a Dask X: applied to the Gram statistics
(lassofast._gram_transform) instead of X's columns. The oracle is the in-memory path / estimator with the
same options on the same data (itself certified by its duality gap)."""
import numpy as np
import pytest

import lassofast
from lassofast.datasets import make_correlated

da = pytest.importorskip("dask.array")

SCALES = np.array([1e-3, 1.0, 30.0, 1.0, 5e2, 0.2, 1.0, 8.0])  # standardising changes the path


def _data(n=3000, seed=0, shift=0.0):
    X, y, _ = make_correlated(n, len(SCALES), rho=0.6, n_informative=4, random_state=seed)
    X = X * SCALES + shift
    y = y + 3.0 + np.random.default_rng(seed).normal(size=n)
    return X, y


def _lazy(*arrays):
    n = len(arrays[0])
    chunks = (3 * n // 10, 1, n // 2, n - 3 * n // 10 - 1 - n // 2)  # uneven, one chunk of a single row
    return [da.from_array(a, chunks=(chunks,) + a.shape[1:]) for a in arrays]


def _close(a, b, rel=1e-10):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    assert np.abs(a - b).max() <= rel * max(np.abs(b).max(), 1e-300)


LASSO_FACTORS = np.array([1.0, 0.0, 2.0, np.inf, 0.5, 1.0, 0.0, 3.0])  # unpenalised, excluded, varied
ENET_FACTORS = np.array([2.0, 0.0, 2.0, np.inf, 2.0, 2.0, 2.0, 2.0])   # one common value, 0 and inf


OPTIONS = [(1.0, None, True), (1.0, LASSO_FACTORS, False), (1.0, LASSO_FACTORS, True), (0.5, None, True),
           (0.5, ENET_FACTORS, False), (0.5, ENET_FACTORS, True)]  # (l1_ratio, penalty_factor, standardize)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("l1_ratio, factors, standardize", OPTIONS)
@pytest.mark.parametrize("weighted", [False, True])
def test_path_equals_the_in_memory_path(fit_intercept, l1_ratio, factors, standardize, weighted):
    X, y = _data()
    w = np.random.default_rng(1).uniform(0, 2, size=len(y)) if weighted else None
    kw = dict(l1_ratio=l1_ratio, fit_intercept=fit_intercept, standardize=standardize, penalty_factor=factors,
              tol=1e-12)
    ref = lassofast.enet_path(X, y, sample_weight=w, **kw)
    lazy = _lazy(X, y) + ([] if w is None else _lazy(w))
    path = lassofast.enet_path(*lazy[:2], sample_weight=None if w is None else lazy[2], **kw)
    _close(path.alphas, ref.alphas)
    _close(path.coefs, ref.coefs, 1e-9)
    _close(path.intercepts, ref.intercepts, 1e-9)
    assert path.standardize is standardize and path.fit_intercept is fit_intercept
    if factors is not None:
        assert (path.coefs[3] == 0).all()            # excluded
        assert (path.coefs[1, 1:] != 0).all()        # unpenalised: in the model at every α below α_max
    plain = lassofast.enet_path(*lazy[:2], l1_ratio=l1_ratio, fit_intercept=fit_intercept, tol=1e-12,
                                sample_weight=None if w is None else lazy[2])
    assert np.abs(plain.coefs - path.coefs).max() > 1e-3 * np.abs(path.coefs).max()  # the options matter


def test_rescaled_factors_and_a_warm_start():
    X, y = _data(seed=2)
    kw = dict(penalty_factor=LASSO_FACTORS, rescale_penalty_factor=True, standardize=True, tol=1e-12)
    ref = lassofast.lasso_path(X, y, **kw)
    path = lassofast.lasso_path(*_lazy(X, y), **kw)
    _close(path.alphas, ref.alphas)
    _close(path.coefs, ref.coefs, 1e-9)
    # an explicit grid from a warm start, and an off-grid solve (one more pass, same options)
    start = ref.coefs[:, 10]
    grid = ref.alphas[10:20]
    _close(lassofast.lasso_path(*_lazy(X, y), alphas=grid, coef_init=start, **kw).coefs,
           lassofast.lasso_path(X, y, alphas=grid, coef_init=start, **kw).coefs, 1e-9)
    a = float(np.sqrt(ref.alphas[30] * ref.alphas[31]))
    _close(path.coef_at(a, *_lazy(X, y)), ref.coef_at(a, X, y), 1e-8)


def test_standardize_with_large_column_means():
    """Columns of mean 1e6, one of them of spread 1e-3: the standardised path equals the in-memory one on
    the same data without the shift (X − 1e6 is exact) — the naive Σx² − n·m² would leave no digit of
    that column's variance, float64 means in the merges ~9."""
    X, y = _data(seed=3, shift=1e6)
    ref = lassofast.lasso_path(X - 1e6, y, standardize=True, tol=1e-12)
    path = lassofast.lasso_path(*_lazy(X, y), standardize=True, tol=1e-12)
    _close(path.alphas, ref.alphas, 1e-11)
    _close(path.coefs, ref.coefs, 1e-11)


@pytest.mark.parametrize("weighted", [False, True])
def test_standardize_without_intercept_equals_the_in_memory_path(weighted):
    """Without an intercept: the centred sd from the moments, and a constant column (with weights: one
    constant on the rows of non-zero weight only) divided by its |value|, as in memory."""
    X, y = _data(seed=4)
    X[:, 1] += 3.0  # a column whose root mean square is not its sd
    w, constant = None, 2
    if weighted:  # (one constant column: two would be collinear, the lasso's solution not unique)
        w, constant = np.random.default_rng(5).uniform(0.2, 2.0, len(y)), 5
        w[:100] = 0.0
        X[:100, 5], X[100:, 5] = 99.0, 2.5
    else:
        X[:, 2] = -4.0
    kw = dict(fit_intercept=False, standardize=True, tol=1e-12)
    ref = lassofast.lasso_path(X, y, sample_weight=w, **kw)
    lazy = _lazy(X, y) + ([] if w is None else _lazy(w))
    path = lassofast.lasso_path(*lazy[:2], sample_weight=None if w is None else lazy[2], **kw)
    _close(path.alphas, ref.alphas)
    _close(path.coefs, ref.coefs, 1e-9)
    assert (path.coefs[constant] != 0).any()


@pytest.mark.parametrize("estimator", [
    lassofast.Lasso(alpha=0.02, standardize=True, penalty_factor=LASSO_FACTORS, tol=1e-12),
    lassofast.ElasticNet(alpha=0.05, l1_ratio=0.4, penalty_factor=ENET_FACTORS, tol=1e-12, fit_intercept=False),
])
def test_estimators_equal_the_in_memory_fit(estimator):
    from sklearn.base import clone
    X, y = _data(seed=4)
    model, lazy = clone(estimator).fit(X, y), clone(estimator).fit(*_lazy(X, y))
    _close(lazy.coef_, model.coef_, 1e-9)
    assert lazy.intercept_ == pytest.approx(model.intercept_, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("kw", [dict(standardize=True), dict(penalty_factor=LASSO_FACTORS),
                                dict(standardize=True, penalty_factor=LASSO_FACTORS, rescale_penalty_factor=True)])
def test_lassocv_chooses_the_in_memory_alpha(kw):
    X, y = _data(n=2400, seed=5)
    y = y + 4 * np.random.default_rng(5).normal(size=len(y))
    ref = lassofast.LassoCV(cv=4, n_alphas=40, tol=1e-10, **kw).fit(X, y)
    got = lassofast.LassoCV(cv=4, n_alphas=40, tol=1e-10, **kw).fit(*_lazy(X, y))
    _close(got.alphas_, ref.alphas_)
    _close(got.mse_path_, ref.mse_path_, 1e-8)
    assert got.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)
    _close(got.coef_, ref.coef_, 1e-8)


def test_elasticnetcv_with_common_factors():
    X, y = _data(n=2000, seed=6)
    kw = dict(l1_ratio=[0.3, 0.8], cv=3, n_alphas=25, tol=1e-10, penalty_factor=ENET_FACTORS, standardize=True)
    ref = lassofast.ElasticNetCV(**kw).fit(X, y)
    got = lassofast.ElasticNetCV(**kw).fit(*_lazy(X, y))
    _close(got.alphas_, ref.alphas_)
    _close(got.mse_path_, ref.mse_path_, 1e-8)
    assert (got.alpha_, got.l1_ratio_) == pytest.approx((ref.alpha_, ref.l1_ratio_), rel=1e-12)


class _Counter:
    def __init__(self):
        self.calls = []

    def wrap(self, array):
        def count(block, block_info=None):
            if block_info is not None:  # (not dask's call on an empty block to learn the output's type)
                self.calls.append(block_info[0]["chunk-location"][0])
            return block
        return array.map_blocks(count, dtype=array.dtype)


@pytest.mark.parametrize("call, match", [
    (lambda X, y: lassofast.lasso_path(X, y, penalty_factor=np.ones(5)), r"penalty_factor must have shape \(8,\)"),
    (lambda X, y: lassofast.enet_path(X, y, l1_ratio=0.5, penalty_factor=LASSO_FACTORS), r"l1_ratio=1"),
    (lambda X, y: lassofast.Lasso(positive=True, penalty_factor=LASSO_FACTORS).fit(X, y), r"positive=True"),
    (lambda X, y: lassofast.ElasticNetCV(l1_ratio=[0.5, 1], penalty_factor=LASSO_FACTORS).fit(X, y), r"l1_ratio=1"),
    (lambda X, y: lassofast.lasso_path(X, y, standardize="yes"), r"standardize"),
])
def test_bad_options_are_refused_before_the_pass(call, match):
    X, y = _data(n=200)
    counter = _Counter()
    Xd, yd = (da.from_array(a, chunks=(100,) + a.shape[1:]) for a in (X, y))
    with pytest.raises((ValueError, TypeError), match=match):
        call(counter.wrap(Xd), yd)
    assert counter.calls == []
