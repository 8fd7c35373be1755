"""A dask DataFrame X (y and weights as its columns) through the Python API: each partition is read once,
for X, y and the weights together — no row count first — and the results equal the in-memory ones on
the same rows. Reads are counted by the table's own partition function (dd.from_map)."""
import threading

import numpy as np
import pytest

import lassofast
from lassofast._dask_inputs import hashed_folds
from lassofast.datasets import make_correlated

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
da = pytest.importorskip("dask.array")

FEATURES = [f"x{j}" for j in range(6)]
SIZES = (700, 1, 1299, 1000)  # rows per partition: uneven, one of a single row


class _Table:
    """A dask DataFrame over pandas partitions made on demand, counting each partition's reads."""

    def __init__(self, seed=0, sizes=SIZES, weights=False):
        n = sum(sizes)
        X, y, _ = make_correlated(n, len(FEATURES), rho=0.5, n_informative=3, random_state=seed)
        rng = np.random.default_rng(seed)
        frame = pd.DataFrame(X * [1, 2, 0.5, 1, 10, 1] + 100.0, columns=FEATURES)
        frame["y"] = y + 5.0 + 2 * rng.normal(size=n)
        frame["w"] = rng.uniform(0, 2, size=n) if weights else 1.0
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        self.parts = [frame.iloc[a:b].reset_index(drop=True) for a, b in zip(bounds[:-1], bounds[1:])]
        self.frame, self.reads, self.lock = frame, [], threading.Lock()
        self.lazy = dd.from_map(self._read, range(len(sizes)), meta=frame.iloc[:0], divisions=None)

    def __dask_tokenize__(self):  # one table, one name in the graph
        return ("_Table", id(self))

    def _read(self, i):
        with self.lock:
            self.reads.append(i)
        return self.parts[i].copy()

    def X(self):
        return self.lazy[FEATURES]


def _close(a, b, rel=1e-10):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape
    assert np.abs(a - b).max() <= rel * max(np.abs(b).max(), 1e-300)


@pytest.mark.parametrize("fit, in_memory", [
    (lambda t: lassofast.lasso_path(t.X(), t.lazy["y"], tol=1e-12).coefs,
     lambda f: lassofast.lasso_path(f[FEATURES], f["y"], tol=1e-12).coefs),
    (lambda t: lassofast.enet_path(t.X(), t.lazy["y"], sample_weight=t.lazy["w"], standardize=True,
                                   tol=1e-12).coefs,
     lambda f: lassofast.enet_path(f[FEATURES], f["y"], sample_weight=f["w"], standardize=True, tol=1e-12).coefs),
    (lambda t: lassofast.Lasso(alpha=0.05, tol=1e-12).fit(t.X(), t.lazy["y"], sample_weight=t.lazy["w"]).coef_,
     lambda f: lassofast.Lasso(alpha=0.05, tol=1e-12).fit(f[FEATURES], f["y"], sample_weight=f["w"]).coef_),
])
def test_each_partition_is_read_once(fit, in_memory):
    table = _Table(weights=True)
    got = fit(table)
    assert sorted(table.reads) == [0, 1, 2, 3]  # to_dask_array(lengths=True) for X and y: four times each
    _close(got, in_memory(table.frame), 1e-9)


def test_lassocv_on_a_dataframe_reads_once_and_equals_the_in_memory_cv_on_its_folds():
    """cv an int: the rows' numbers are unknown before the pass, so each row's fold is a hash of its
    place (partition, row within it); the in-memory LassoCV on those folds chooses the same α."""
    from sklearn.model_selection import PredefinedSplit
    table = _Table(seed=1, weights=True)
    got = lassofast.LassoCV(cv=4, n_alphas=40, tol=1e-10).fit(table.X(), table.lazy["y"],
                                                              sample_weight=table.lazy["w"])
    assert sorted(table.reads) == [0, 1, 2, 3]
    folds = np.concatenate([hashed_folds(i, m, 4) for i, m in enumerate(SIZES)])
    f = table.frame
    ref = lassofast.LassoCV(cv=PredefinedSplit(folds), n_alphas=40, tol=1e-10).fit(
        f[FEATURES], f["y"], sample_weight=f["w"])
    assert got.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)
    _close(got.mse_path_, ref.mse_path_, 1e-9)
    _close(got.coef_, ref.coef_, 1e-9)
    assert list(got.feature_names_in_) == FEATURES


def test_hashed_folds_are_balanced_and_fixed():
    folds = np.concatenate([hashed_folds(i, 25_000, 5) for i in range(4)])
    counts = np.bincount(folds, minlength=5)
    assert counts.min() > 0.97 * 20_000 and counts.max() < 1.03 * 20_000
    _close(hashed_folds(2, 1000, 7), hashed_folds(2, 1000, 7), 0)
    assert (hashed_folds(2, 1000, 7) != hashed_folds(3, 1000, 7)).mean() > 0.5  # partitions differ


def test_a_splitter_object_gets_its_own_folds():
    """cv=KFold(...) needs the rows' numbers: the partitions' rows are counted first (one read more),
    and the folds are exactly the in-memory ones."""
    from sklearn.model_selection import KFold
    table = _Table(seed=2)
    cv = KFold(3, shuffle=True, random_state=0)
    got = lassofast.LassoCV(cv=cv, n_alphas=30, tol=1e-10).fit(table.X(), table.lazy["y"])
    assert sorted(table.reads) == sorted(2 * [0, 1, 2, 3])
    ref = lassofast.LassoCV(cv=cv, n_alphas=30, tol=1e-10).fit(table.frame[FEATURES], table.frame["y"])
    assert got.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)
    _close(got.mse_path_, ref.mse_path_, 1e-9)


def test_a_dataframe_next_to_a_dask_array_y():
    table = _Table(seed=3)
    y = da.from_array(table.frame["y"].to_numpy(), chunks=(SIZES,))
    path = lassofast.lasso_path(table.X(), y, tol=1e-12)  # converted with known lengths
    _close(path.coefs, lassofast.lasso_path(table.frame[FEATURES], table.frame["y"], tol=1e-12).coefs)


def test_predict_on_a_dataframe_reads_nothing_until_computed():
    table = _Table(seed=4)
    model = lassofast.Lasso(alpha=0.05).fit(table.X(), table.lazy["y"])
    table.reads.clear()
    predictions = model.predict(table.X())
    assert isinstance(predictions, da.Array) and table.reads == []
    _close(predictions.compute(), model.predict(table.frame[FEATURES]), 1e-12)


def test_a_series_as_x_is_one_feature():
    table = _Table(seed=5)
    path = lassofast.lasso_path(table.lazy["x0"], table.lazy["y"], tol=1e-12)
    _close(path.coefs, lassofast.lasso_path(table.frame[["x0"]], table.frame["y"], tol=1e-12).coefs)


def _with_nan():
    table = _Table(seed=6)
    table.parts[2].loc[40, "x3"] = np.nan
    return table


@pytest.mark.parametrize("call, error, match", [
    (lambda t: lassofast.lasso_path(t.X(), t.lazy["y"].repartition(npartitions=2)), ValueError,
     r"X has 4 partitions but y has 2.*df\[target\]"),
    (lambda t: lassofast.lasso_path(t.lazy[FEATURES + ["y"]].assign(x1=t.lazy["x1"].astype(str)),
                                    t.lazy["y"]), TypeError, r"X has columns of dtype .*real numbers"),
    (lambda t: lassofast.lasso_path(t.X(), t.lazy[["y", "w"]]), ValueError, r"y has 2 columns"),
    (lambda t: lassofast.LassoCV(cv=4).fit(t.X(), t.lazy["y"]), ValueError,
     r"partition 2 of the table .*NaN or infinity \(first at row 40, column 3 of X\).*dropna"),
    (lambda t: lassofast.LassoCV(cv=3000).fit(_Table().X(), _Table().lazy["y"]), ValueError,
     r"fold \d+ has no held-out row"),
    (lambda t: lassofast.lasso_path(t.X()[t.X()["x0"] > 1e9], t.lazy["y"][t.X()["x0"] > 1e9]), ValueError,
     r"nothing to fit: the table has no rows"),
])
def test_bad_dataframes_get_a_clear_error(call, error, match):
    table = _with_nan()
    with pytest.raises(error, match=match):
        call(table)
