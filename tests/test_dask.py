"""Dask X (bigger than memory, n ≫ p): one pass of sufficient statistics, then the Gram path.

The oracle is the in-memory path / estimator on the same data (itself certified by its duality gap),
and for the moments plain NumPy on the whole array.
"""
import threading

import numpy as np
import pytest

import lassofast
from lassofast._moments import Moments, merge_all, squared_error
from lassofast.datasets import make_correlated

da = pytest.importorskip("dask.array")
import dask  # noqa: E402

UNEVEN = (700, 1300, 1, 2999)  # rows per chunk: uneven, one of a single row


def _data(n=5000, p=20, seed=1, noise=1.0):
    X, y, _ = make_correlated(n, p, rho=0.5, n_informative=min(5, p), random_state=seed)
    y = y + 10.0 + noise * np.random.default_rng(seed).normal(size=n)
    return X, y


def _lazy(X, y, chunks=UNEVEN, w=None):
    Xd = da.from_array(X, chunks=(chunks, X.shape[1]))
    yd = da.from_array(y, chunks=(chunks,))
    return (Xd, yd) if w is None else (Xd, yd, da.from_array(w, chunks=(chunks,)))


def _close(a, b, rel=1e-10):
    scale = max(np.abs(b).max(), 1e-300)
    assert np.abs(np.asarray(a) - np.asarray(b)).max() <= rel * scale


# ----------------------------------------------------------------------------------------------------
# The moments

def test_moments_merge_and_minus_equal_numpy_on_large_means():
    rng = np.random.default_rng(0)
    Z = 1e6 + rng.normal(size=(3001, 5))
    Z[:, 2] = 3.0  # a constant column
    w = rng.uniform(0, 2, size=3001)
    w[::7] = 0
    parts = [Moments.of_rows(Z[a:b], w[a:b]) for a, b in ((0, 1000), (1000, 1001), (1001, 3001))]
    total = merge_all(parts)
    keep = w > 0
    shift = np.where(Z[0] > 1e5, 1e6, 0.0)  # Z − 1e6 is exact (Sterbenz): the reference loses no digits
    mean = shift + np.average(Z[keep] - shift, axis=0, weights=w[keep])
    D = (Z[keep] - shift) - (mean - shift)
    comoment = (D * w[keep, None]).T @ D
    assert total.count == keep.sum() and np.isclose(total.weight, w.sum(), rtol=1e-14)
    _close(total.mean, mean, 1e-15)
    _close(total.comoment, comoment, 1e-12)  # the naive Σ wzzᵀ − W·m·mᵀ would be off by ~1e-4 here
    assert total.low[2] == total.high[2] == 3.0
    rest = total.minus(parts[0], np.minimum(parts[1].low, parts[2].low), np.maximum(parts[1].high, parts[2].high))
    both = parts[1].merge(parts[2])
    _close(rest.mean, both.mean, 1e-15)
    _close(rest.comoment, both.comoment, 1e-10)
    assert rest.count == both.count


def test_merged_moments_of_a_narrow_column_with_a_large_mean():
    """Noise of scale 1e-3 on a mean of 1e6: the merges' mean differences must not carry the float64
    rounding of the means (~1e-10), or the variance keeps only ~9 digits."""
    rng = np.random.default_rng(3)
    noise = 1e-3 * rng.normal(size=(4000, 2))
    Z = 1e6 + noise
    exact = Z - 1e6  # exact (Sterbenz): the data's own digits, without the shift
    total = merge_all([Moments.of_rows(Z[a:a + 250]) for a in range(0, 4000, 250)])
    D = exact - exact.mean(axis=0)
    _close(total.comoment, D.T @ D, 1e-13)  # float64 means in the merge: ~2e-9


def test_squared_error_from_moments_equals_residuals():
    rng = np.random.default_rng(1)
    X, y = 1e3 + rng.normal(size=(500, 4)), rng.normal(size=500)
    w = rng.uniform(0.1, 2, size=500)
    coefs, intercepts = rng.normal(size=(4, 3)), rng.normal(size=3)
    expected = (w[:, None] * (y[:, None] - X @ coefs - intercepts) ** 2).sum(axis=0)
    got = squared_error(Moments.of_rows(np.column_stack([X, y]), w), coefs, intercepts)
    _close(got, expected, 1e-9)


# ----------------------------------------------------------------------------------------------------
# Paths and estimators equal the in-memory ones

@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_path_equals_the_in_memory_path(fit_intercept, l1_ratio):
    X, y = _data()
    ref = lassofast.enet_path(X, y, l1_ratio=l1_ratio, fit_intercept=fit_intercept, tol=1e-12)
    path = lassofast.enet_path(*_lazy(X, y), l1_ratio=l1_ratio, fit_intercept=fit_intercept, tol=1e-12)
    _close(path.alphas, ref.alphas)
    _close(path.coefs, ref.coefs)
    _close(path.intercepts, ref.intercepts)
    assert path.fit_intercept is fit_intercept
    assert (path.dual_gaps <= 1e-12 * np.sum((y - y.mean() * fit_intercept) ** 2) / len(y)).all()


def test_large_column_means_keep_full_accuracy():
    """Columns of mean 1e6 (noise of scale 1): the path equals the one on the unshifted data (the
    intercept absorbs the shift) — as accurately as the in-memory path on the shifted data does."""
    X, y = _data()
    ref = lassofast.lasso_path(X, y, tol=1e-12)
    shifted = lassofast.lasso_path(*_lazy(X + 1e6, y), tol=1e-12)
    _close(shifted.alphas, ref.alphas)
    _close(shifted.coefs, ref.coefs)
    # b_shifted = b − 1e6·Σⱼwⱼ: the sum of terms of size 1e6 leaves an absolute error ~1e6·1e-12
    _close(shifted.intercepts + 1e6 * shifted.coefs.sum(axis=0), ref.intercepts, 1e-7)


def test_sample_weight_as_a_dask_array():
    X, y = _data(seed=2)
    w = np.random.default_rng(2).uniform(0, 3, size=len(y))
    w[:50] = 0
    ref = lassofast.enet_path(X, y, l1_ratio=0.7, sample_weight=w, tol=1e-12)
    path = lassofast.enet_path(*_lazy(X, y, w=w)[:2], l1_ratio=0.7, sample_weight=_lazy(X, y, w=w)[2], tol=1e-12)
    _close(path.coefs, ref.coefs)
    _close(path.intercepts, ref.intercepts)
    assert path.sample_weighted
    model = lassofast.ElasticNet(alpha=0.05, l1_ratio=0.7, tol=1e-12).fit(X, y, sample_weight=w)
    lazy = lassofast.ElasticNet(alpha=0.05, l1_ratio=0.7, tol=1e-12).fit(*_lazy(X, y, w=w)[:2],
                                                                         sample_weight=_lazy(X, y, w=w)[2])
    _close(lazy.coef_, model.coef_)
    assert lazy.intercept_ == pytest.approx(model.intercept_, rel=1e-10)


@pytest.mark.parametrize("estimator", [lassofast.Lasso(alpha=0.05, tol=1e-12),
                                       lassofast.ElasticNet(alpha=0.03, l1_ratio=0.3, tol=1e-12,
                                                            fit_intercept=False)])
def test_estimators_equal_the_in_memory_fit(estimator):
    from sklearn.base import clone
    X, y = _data(seed=3)
    Xd, yd = _lazy(X, y)
    model, lazy = clone(estimator).fit(X, y), clone(estimator).fit(Xd, yd)
    _close(lazy.coef_, model.coef_)
    assert lazy.intercept_ == pytest.approx(model.intercept_, rel=1e-10, abs=1e-12)
    assert lazy.n_features_in_ == X.shape[1] and lazy.dual_gap_ <= 1e-12 * np.var(y) * 1.01
    predictions = lazy.predict(Xd)
    assert isinstance(predictions, da.Array)  # lazy: nothing computed
    _close(predictions.compute(), model.predict(X), 1e-10)


def test_warm_start_on_dask():
    X, y = _data(seed=4)
    Xd, yd = _lazy(X, y)
    model = lassofast.Lasso(alpha=0.1, warm_start=True, tol=1e-12).fit(Xd, yd)
    model.set_params(alpha=0.05).fit(Xd, yd)
    _close(model.coef_, lassofast.Lasso(alpha=0.05, tol=1e-12).fit(X, y).coef_)


def test_dataframe_input_with_feature_names():
    dd = pytest.importorskip("dask.dataframe")
    pd = pytest.importorskip("pandas")
    X, y = _data(n=800, p=6, seed=5)
    frame = pd.DataFrame(X, columns=[f"f{j}" for j in range(6)]).assign(y=y)
    lazy = dd.from_pandas(frame, npartitions=3)
    features = [f"f{j}" for j in range(6)]
    path = lassofast.lasso_path(lazy[features], lazy["y"], tol=1e-12)
    _close(path.coefs, lassofast.lasso_path(X, y, tol=1e-12).coefs)
    assert list(path.feature_names) == features
    model = lassofast.Lasso(alpha=0.05).fit(lazy[features], lazy["y"])
    assert list(model.feature_names_in_) == features


# ----------------------------------------------------------------------------------------------------
# Cross-validation in the same pass

@pytest.mark.parametrize("weighted", [False, True])
def test_lassocv_chooses_the_in_memory_alpha_on_the_same_folds(weighted):
    X, y = _data(n=3000, p=15, seed=6, noise=3.0)
    w = np.random.default_rng(6).uniform(0, 2, size=len(y)) if weighted else None
    lazy = _lazy(X, y, chunks=(500, 1100, 1400), w=np.ones(len(y)) if w is None else w)
    ref = lassofast.LassoCV(cv=5, tol=1e-10).fit(X, y, sample_weight=w)
    got = lassofast.LassoCV(cv=5, tol=1e-10).fit(lazy[0], lazy[1], sample_weight=None if w is None else lazy[2])
    assert got.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)
    assert np.argmin(got.mse_path_.mean(axis=1)) == np.argmin(ref.mse_path_.mean(axis=1))
    _close(got.mse_path_, ref.mse_path_, 1e-9)
    _close(got.alphas_, ref.alphas_)
    _close(got.coef_, ref.coef_, 1e-9)
    assert got.alpha_1se_ == pytest.approx(ref.alpha_1se_, rel=1e-12)


def test_elasticnetcv_with_a_shuffled_splitter():
    from sklearn.model_selection import KFold
    X, y = _data(n=2000, p=12, seed=7, noise=3.0)
    cv = KFold(4, shuffle=True, random_state=0)
    kw = dict(l1_ratio=[0.3, 1.0], n_alphas=30, cv=cv, tol=1e-10)
    ref = lassofast.ElasticNetCV(**kw).fit(X, y)
    got = lassofast.ElasticNetCV(**kw).fit(*_lazy(X, y, chunks=(333, 667, 1000)))
    assert (got.alpha_, got.l1_ratio_) == pytest.approx((ref.alpha_, ref.l1_ratio_), rel=1e-12)
    _close(got.mse_path_, ref.mse_path_, 1e-9)


# ----------------------------------------------------------------------------------------------------
# Schedulers

def test_threaded_scheduler_equals_synchronous():
    X, y = _data(seed=8)
    with dask.config.set(scheduler="threads"):
        threaded = lassofast.lasso_path(*_lazy(X, y), tol=1e-12)
    with dask.config.set(scheduler="synchronous"):
        synchronous = lassofast.lasso_path(*_lazy(X, y), tol=1e-12)
    _close(threaded.coefs, synchronous.coefs, 1e-12)


def test_runs_on_a_local_cluster_of_worker_processes():
    distributed = pytest.importorskip("dask.distributed")
    dd, pd = pytest.importorskip("dask.dataframe"), pytest.importorskip("pandas")
    X, y = _data(n=3000, p=10, seed=9, noise=2.0)
    ref_path = lassofast.lasso_path(X, y, tol=1e-12)
    ref_cv = lassofast.LassoCV(cv=3, n_alphas=30, tol=1e-10).fit(X, y)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        path = lassofast.lasso_path(*_lazy(X, y, chunks=(1000, 1000, 1000)), tol=1e-12)
        cv = lassofast.LassoCV(cv=3, n_alphas=30, tol=1e-10).fit(*_lazy(X, y, chunks=(1000, 1000, 1000)))
        frame = dd.from_pandas(pd.DataFrame(X).add_prefix("x").assign(y=y), npartitions=3)
        from_frame = lassofast.lasso_path(frame.drop(columns="y"), frame["y"], tol=1e-12)  # partitions as read
        ran = client.run(lambda: "lassofast._moments" in __import__("sys").modules)
    assert all(ran.values()) and len(ran) == 2  # the chunks' moments were computed on the workers
    _close(path.coefs, ref_path.coefs)
    _close(from_frame.coefs, ref_path.coefs)
    assert cv.alpha_ == pytest.approx(ref_cv.alpha_, rel=1e-12)


# ----------------------------------------------------------------------------------------------------
# One pass, and bad input

class _Counter:
    def __init__(self):
        self.calls, self.lock = [], threading.Lock()

    def wrap(self, array):
        def count(block, block_info=None):
            with self.lock:
                self.calls.append(block_info[0]["chunk-location"][0])
            return block
        return array.map_blocks(count, dtype=array.dtype)


@pytest.mark.parametrize("fit", [
    lambda X, y: lassofast.lasso_path(X, y),
    lambda X, y: lassofast.Lasso(alpha=0.1).fit(X, y),
    lambda X, y: lassofast.ElasticNetCV(l1_ratio=[0.5, 1.0], cv=4, n_alphas=20).fit(X, y),
    lambda X, y: lassofast.lasso_path(X, y, lower_bounds=-0.1, upper_bounds=0.2, max_features=3),
    lambda X, y: lassofast.LassoCV(cv=3, n_alphas=15, relax=True, upper_bounds=0.2).fit(X, y),
])
def test_each_chunk_is_read_exactly_once(fit):
    X, y = _data(n=2000, p=8, seed=10)
    counter = _Counter()
    Xd, yd = _lazy(X, y, chunks=(300, 700, 1, 999))
    fit(counter.wrap(Xd), counter.wrap(yd))
    assert sorted(counter.calls) == sorted(2 * [0, 1, 2, 3])  # X's and y's four chunks, once each


def _nan_chunk():
    X, y = _data(n=100, p=3)
    X[57, 1] = np.nan
    return _lazy(X, y, chunks=(50, 50))


@pytest.mark.parametrize("call, error, match", [
    (lambda: lassofast.lasso_path(*_nan_chunk()), ValueError, r"chunk 1 .*rows 50 to 99.*row 57, column 1"),
    (lambda: lassofast.LassoCV(cv=3).fit(*_nan_chunk()), ValueError, r"chunk 1 .*row 57"),
    (lambda: lassofast.lasso_path(da.ones((100, 3), chunks=(50, 3)), da.ones(100, chunks=40)), ValueError,
     r"chunked differently.*rechunk"),
    (lambda: lassofast.lasso_path(*(lambda X, y: (X[X[:, 0] > 0.5], y[X[:, 0] > 0.5]))(
        da.random.random((100, 3), chunks=(50, 3)), da.random.random(100, chunks=50))), ValueError,
     r"unknown chunk sizes.*compute_chunk_sizes"),
    (lambda: lassofast.lasso_path(da.zeros((10, 20_001), chunks=(5, 20_001)), da.zeros(10, chunks=5)),
     ValueError, r"20001 features.*at most 20000.*in memory"),
    (lambda: lassofast.lasso_path(da.ones((10, 3), chunks=5), da.ones(9, chunks=5)), ValueError,
     r"10 rows but y has 9"),
    (lambda: lassofast.lasso_path(*_lazy(*_data(n=100, p=3), chunks=(50, 50)), alphas=[0.1, 0.0]),
     ValueError, r"least squares"),
    (lambda: lassofast.Lasso().fit(da.ones((10, 3), chunks=5), da.ones((10, 2), chunks=5)), ValueError,
     r"one target"),
    (lambda: lassofast.lasso_path(*_lazy(*_data(n=100, p=3), chunks=(50, 50)),
                                  sample_weight=da.from_array(np.r_[np.ones(60), -np.ones(40)], chunks=50)),
     ValueError, r"chunk 1 .*sample_weight must be finite and >= 0.*row 60"),
    (lambda: lassofast.lasso_path(*_lazy(*_data(n=100, p=3), chunks=(50, 50)),
                                  sample_weight=da.zeros(100, chunks=50)), ValueError, r"zero for every row"),
    (lambda: lassofast.lasso_path(da.ones((10, 3), chunks=5).astype(bool), da.ones(10, chunks=5)), TypeError,
     r"real numbers"),
    (lambda: lassofast.lasso_path(*_nan_chunk(), sample_weight=da.from_array(
        np.where(np.arange(100) == 57, 0.0, 1.0), chunks=50)), ValueError, r"chunk 1 .*row 57"),  # weight 0 too
])
def test_bad_input_gets_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_p_too_large_is_refused_before_any_pass():
    counter = _Counter()
    X = counter.wrap(da.zeros((10, 20_001), chunks=(5, 20_001)))
    with pytest.raises(ValueError, match="at most 20000"):
        lassofast.Lasso().fit(X, da.zeros(10, chunks=5))
    assert counter.calls == []


def test_off_grid_solve_of_a_dask_path_stays_lazy(monkeypatch):
    X, y = _data(n=2000, p=8, seed=11)
    counter = _Counter()
    Xd, yd = _lazy(X, y, chunks=(500, 1500))
    path = lassofast.lasso_path(Xd, yd, tol=1e-12)

    def refuse(*args, **kwargs):
        raise AssertionError("a Dask array was converted to one NumPy array")
    monkeypatch.setattr(da.Array, "__array__", refuse)
    got = path.coef_at(0.0123, counter.wrap(Xd), yd)  # one pass of statistics, never X in memory
    monkeypatch.undo()
    assert sorted(counter.calls) == [0, 1]
    _close(got, lassofast.lasso_path(X, y, tol=1e-12).coef_at(0.0123, X, y), 1e-9)


def test_in_memory_y_and_weights_next_to_a_dask_x():
    X, y = _data(n=1500, p=6, seed=12)
    w = np.random.default_rng(12).uniform(0.5, 2, size=len(y))
    Xd = da.from_array(X, chunks=((400, 1100), 6))
    _close(lassofast.lasso_path(Xd, y, sample_weight=w, tol=1e-12).coefs,
           lassofast.lasso_path(X, y, sample_weight=w, tol=1e-12).coefs)
    with pytest.raises(ValueError, match="1500 rows but y has 1499"):
        lassofast.lasso_path(Xd, y[:-1])


def test_gap_recomputed_from_the_moments_equals_the_residual_gap():
    """The Gram path's gap recheck (recheck_gram_gaps: tiny α next to large w) needs the gap from the
    residual; without X it is expanded in the moments in extended precision, and equals the in-memory one."""
    from lassofast._dask import _moment_problem
    from lassofast.path import _Design, _Problem
    X, y = _data(n=800, p=7, seed=13)
    X[:, 3] *= 1e-6
    moments = Moments.of_rows(np.column_stack([X, y]))
    w = np.random.default_rng(13).normal(size=7)
    for fit_intercept in (True, False):
        _, from_moments = _moment_problem(moments, fit_intercept)
        in_memory = _Problem(_Design(X, fit_intercept, False), y)
        for alpha, l1_ratio in ((1e-3, 1.0), (0.1, 0.5)):
            got = from_moments.residual_gap(w, alpha, l1_ratio, False)
            assert got == pytest.approx(in_memory.residual_gap(w, alpha, l1_ratio, False), rel=1e-10)
