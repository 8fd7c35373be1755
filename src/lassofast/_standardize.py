"""``standardize=True``'s divisor of each column, in memory (:func:`column_scale`) and from the moments of
the Dask route (:func:`moment_scale`): one definition for both.

The divisor is glmnet's: the column's (weighted) population standard deviation over the rows of non-zero
weight, centred by its (weighted) mean with or without an intercept — glmnet centres for the scale even
when it fits no intercept. A column constant on those rows (detected exactly, never by a standard
deviation at rounding level) has standard deviation 0 and gets instead: 1 with an intercept (it is all
zeros once centred, so its scale does not matter), and its root mean square |c| without one, where it is
a legitimate feature (it plays the intercept's part) and enters on the same footing as the others. glmnet
drops such a column altogether (its coefficient stays 0, whatever ``standardize``); lassofast does not.
An all-zero column keeps 1.
"""
import numpy as np

__all__ = ["column_scale", "moment_scale"]

_BLOCK = 256  # dense columns centred per float64 copy: the centring costs n·256 floats, not a copy of X


def column_scale(X, weights, fit_intercept):
    """(p,) float64 divisors of the columns of X (dense or scipy sparse, rows of weight 0 already removed;
    ``weights`` None or (n,) > 0), see the module docstring."""
    n, p = X.shape
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64) * (n / weights.sum())
    if hasattr(X, "tocsc"):
        variance, constant, value = _sparse_moments(X, w)
    else:
        variance = np.empty(p)
        for start in range(0, p, _BLOCK):  # two-pass: no cancellation on columns of large mean
            block = np.array(X[:, start:start + _BLOCK], dtype=np.float64)
            block -= (w @ block) / n
            variance[start:start + _BLOCK] = w @ (block * block) / n
        constant = np.ptp(X, axis=0) == 0 if n else np.ones(p, dtype=bool)
        value = np.asarray(X[0], dtype=np.float64) if n else np.zeros(p)
    return _scale(np.sqrt(np.maximum(variance, 0.0)), constant, value, fit_intercept)


def moment_scale(moments, fit_intercept):
    """The divisors of :func:`column_scale` from a :class:`lassofast._moments.Moments` of [X | y]."""
    p = moments.mean.shape[0] - 1
    variance = moments.comoment.diagonal()[:p] / moments.weight if moments.weight > 0 else np.zeros(p)
    constant = moments.low[:p] == moments.high[:p]
    value = np.where(np.isfinite(moments.low[:p]), moments.low[:p], 0.0)
    return _scale(np.sqrt(np.maximum(variance, 0.0)), constant, value, fit_intercept)


def _sparse_moments(X, w):
    """Weighted variances of a sparse X's columns summed over the stored entries and, for the rest, the
    mean's square times their weight — never Σwx² − n·m², which cancels on a column of large mean."""
    n, p = X.shape
    X = X.tocsc()
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()
    counts = np.diff(X.indptr)
    column = np.repeat(np.arange(p), counts)
    data = X.data.astype(np.float64)
    stored_w = w[X.indices]
    mean = np.bincount(column, weights=stored_w * data, minlength=p) / n
    squares = np.bincount(column, weights=stored_w * (data - mean[column]) ** 2, minlength=p)
    unstored = np.where(counts == n, 0.0,  # (exactly 0 when every row is stored: m² may be large)
                        np.maximum(n - np.bincount(column, weights=stored_w, minlength=p), 0.0))
    variance = (squares + unstored * mean ** 2) / n
    high = np.asarray(X.max(axis=0).toarray(), dtype=np.float64).reshape(p)
    low = np.asarray(X.min(axis=0).toarray(), dtype=np.float64).reshape(p)
    return variance, high == low, high


def _scale(std, constant, value, fit_intercept):
    std[constant] = 1.0 if fit_intercept else np.abs(value[constant])
    std[std == 0] = 1.0  # an all-zero column
    return std
