"""Paths, estimators and cross-validation on Dask arrays (or dataframes) bigger than memory, n ≫ p.

One pass over the row chunks computes the sufficient statistics of the problem (the moments of
:mod:`lassofast._moments`: n, Σw, means, centred co-moments of [X | y]); then the path runs locally
on the p×p Gram, in the kernel's Gram layout, with its usual duality-gap certificate. Cross-validation
keeps one set of moments per fold in the same pass: fold k's training moments are the total minus
fold k's, and the held-out error of every α follows from fold k's moments (no second pass).

The pass runs on whatever Dask scheduler is active: a ``dask.distributed`` Client if one exists, else
the threaded scheduler. The entry points (``enet_path``, ``ElasticNet.fit``, ``ElasticNetCV.fit``) hand a
Dask X over to this module.
"""
import numpy as np

from . import _active_set
from ._moments import Moments, gram_statistics, merge_all
from .path import _GRAM, _Design, _Problem, _path_on, _path_options, _with_extras

__all__ = ["MAX_FEATURES", "is_dask", "dask_moments", "dask_enet_path"]

# The p×p Gram (float64) of p = 20 000 features takes 3.2 GB; the pass holds a few of them per worker
# (one per fold present in a chunk, during the merge), the path one more.
MAX_FEATURES = 20_000


def is_dask(obj):
    """Whether ``obj`` is a Dask collection (array, dataframe, series) — without importing Dask."""
    return hasattr(obj, "__dask_graph__") and hasattr(obj, "__dask_keys__")


# ----------------------------------------------------------------------------------------------------
# Input checks (nothing is computed here: shapes and chunks are metadata)

def _as_array(obj, name, ndim, rows=-1):
    """A Dask array from a dask array / dataframe / series (dataframes: their partitions as chunks), or
    from an in-memory array (chunked by ``rows``, X's row chunks)."""
    import dask.array as da
    if not isinstance(obj, da.Array):
        if hasattr(obj, "to_dask_array"):
            obj = obj.to_dask_array(lengths=True)  # known chunk sizes (counts the rows of each partition)
        elif is_dask(obj):
            raise TypeError(f"{name} is a {type(obj).__name__}; pass a dask.array.Array or a dask "
                            f"DataFrame / Series.")
        else:
            obj = np.asarray(obj)  # an in-memory y or sample_weight next to a Dask X: chunked like X
            like_X = isinstance(rows, tuple) and obj.ndim >= 1 and len(obj) == sum(rows)
            obj = da.from_array(obj, chunks=(rows,) + (-1,) * (obj.ndim - 1) if like_X else -1)
    if obj.ndim == 2 and ndim == 1 and obj.shape[1] == 1:
        obj = obj[:, 0]
    if obj.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D Dask array; got shape {obj.shape}.")
    if obj.dtype.kind not in "fiu":
        raise TypeError(f"{name} has dtype {obj.dtype}; lassofast needs real numbers (float or int).")
    return obj


def _check_inputs(X, y, sample_weight):
    """(X, y, w, names): Dask arrays with the same known row chunks, X in one column chunk."""
    names = _feature_names(X)
    X = _as_array(X, "X", 2)
    y = _as_array(y, "y", 1, X.chunks[0])
    w = None if sample_weight is None else _as_array(sample_weight, "sample_weight", 1, X.chunks[0])
    for name, arr in (("X", X), ("y", y)) + ((("sample_weight", w),) if w is not None else ()):
        if any(np.isnan(size) for size in arr.chunks[0]):
            raise ValueError(
                f"{name} has unknown chunk sizes (NaN in {name}.chunks, e.g. from a dataframe's "
                f"to_dask_array() or a boolean mask): the rows of X, y and the folds cannot be matched. "
                f"Call {name}.compute_chunk_sizes() first, or pass a dataframe (converted with "
                f"to_dask_array(lengths=True)).")
    n, p = X.shape
    if n == 0 or p == 0:
        raise ValueError(f"X has shape {X.shape}: it needs at least one row and one feature.")
    if p > MAX_FEATURES:
        raise ValueError(
            f"X has {p} features: the Dask route forms the p×p Gram matrix ({8 * p * p / 1e9:.1f} GB in "
            f"float64), and supports at most {MAX_FEATURES} features ({8 * MAX_FEATURES ** 2 / 1e9:.1f} GB). "
            f"For more features load the rows that fit in memory (a scipy.sparse X is never densified) "
            f"and use lassofast.enet_path on them.")
    if y.shape[0] != n:
        raise ValueError(f"X has {n} rows but y has {y.shape[0]}; they must have the same length.")
    for name, arr in (("y", y),) + ((("sample_weight", w),) if w is not None else ()):
        if arr.chunks[0] != X.chunks[0]:
            raise ValueError(
                f"X and {name} are chunked differently along the rows ({_chunks_text(X.chunks[0])} vs "
                f"{_chunks_text(arr.chunks[0])}); the pass reads them chunk by chunk together. Rechunk "
                f"one like the other: {name} = {name}.rechunk({{0: X.chunks[0]}}).")
    if len(X.chunks[1]) > 1:
        X = X.rechunk({1: -1})  # whole rows per chunk (a graph change: still one read of each chunk)
    return X, y, w, names


def _chunks_text(chunks):
    return str(chunks) if len(chunks) <= 6 else f"({', '.join(map(str, chunks[:3]))}, ... {len(chunks)} chunks)"


def _feature_names(X):
    columns = getattr(X, "columns", None)
    if columns is None:
        return None
    names = [str(c) for c in columns] if all(isinstance(c, str) for c in columns) else None
    return None if names is None else np.asarray(names, dtype=object)


# ----------------------------------------------------------------------------------------------------
# The pass: one task per row chunk, a pairwise tree of merges

def _chunk_moments(xb, yb, wb, fb, index, start, fold_bounds):
    """{fold: Moments} of one row chunk (fold 0 only without CV); bad values raise naming the chunk."""
    xb, yb = np.asarray(xb), np.asarray(yb)
    m = xb.shape[0]
    if start is None:  # a dataframe's partition, whose first row's number is not known
        where, start = f"partition {index} of the table ({m} rows; row numbers counted within it)", 0
    else:
        where = f"chunk {index} of the rows (rows {start} to {start + m - 1})"
    if yb.shape[0] != m:
        raise ValueError(f"{where}: X has {m} rows but y has {yb.shape[0]}.")
    Z = np.empty((m, xb.shape[1] + 1))  # the work array of the moments (centred in place)
    Z[:, :-1], Z[:, -1] = xb, yb
    if wb is not None:
        wb = np.asarray(wb, dtype=np.float64)
        if not (np.isfinite(wb).all() and (wb >= 0).all()):
            i = int(np.flatnonzero(~(np.isfinite(wb) & (wb >= 0)))[0])
            raise ValueError(f"{where}: sample_weight must be finite and >= 0; got {wb[i]} at row {start + i}.")
        if not np.isfinite(Z[wb == 0]).all():  # rows of weight 0 are skipped below, but refused in memory too
            _raise_not_finite(Z, where, start, xb.shape[1])
    parts = _fold_moments(Z, wb, fb, start, fold_bounds)
    if not all(np.isfinite(part.mean).all() for part in parts.values()):  # a NaN or inf reaches the means
        _raise_not_finite(np.column_stack([xb, yb]), where, start, xb.shape[1])
    return parts


def _raise_not_finite(Z, where, start, p):
    bad = ~np.isfinite(Z)
    i, j = np.argwhere(bad)[0] if bad.any() else (0, 0)
    column = f"column {j} of X" if j < p else "y"
    raise ValueError(f"{where} contains NaN or infinity (first at row {start + i}, {column}); remove or "
                     f"impute those rows first, e.g. X = X[da.isfinite(X).all(axis=1)] (then "
                     f"compute_chunk_sizes()).")


def _fold_moments(Z, wb, fb, start, fold_bounds):
    m = Z.shape[0]
    if fb is None and fold_bounds is None:
        return {0: Moments.of_rows(Z, wb, overwrite=True)}
    if fb is not None:
        fb = np.asarray(fb)
        rows = {int(k): fb == k for k in np.unique(fb)}
    else:  # contiguous folds: [bounds[k], bounds[k + 1])
        rows = {}
        for k in range(len(fold_bounds) - 1):
            lo, hi = max(fold_bounds[k], start) - start, min(fold_bounds[k + 1], start + m) - start
            if lo < hi:
                rows[k] = slice(lo, hi)
    return {k: Moments.of_rows(Z[r], None if wb is None else wb[r], overwrite=True) for k, r in rows.items()}


def _merge_folds(a, b):
    return {k: a[k].merge(b[k]) if k in a and k in b else a.get(k, b.get(k)) for k in {*a, *b}}


def dask_moments(X, y, sample_weight=None, *, fold_bounds=None, fold_ids=None, progress=None):
    """{fold: Moments} of the checked Dask arrays, from one pass over their row chunks.

    Folds: ``fold_bounds`` (contiguous row ranges, KFold without shuffling) or ``fold_ids`` (a Dask
    array of one fold number per row, chunked like X); neither: {0: all rows}. ``progress(k)`` is
    called as chunks finish (local schedulers)."""
    from dask import delayed

    starts = np.concatenate([[0], np.cumsum(X.chunks[0])[:-1]]).astype(int)
    xs = X.to_delayed().reshape(-1)
    ys = y.to_delayed().reshape(-1)
    ws = [None] * len(xs) if sample_weight is None else sample_weight.to_delayed().reshape(-1)
    fs = [None] * len(xs) if fold_ids is None else fold_ids.to_delayed().reshape(-1)
    bounds = None if fold_bounds is None else [int(b) for b in fold_bounds]
    parts = [delayed(_chunk_moments, pure=True)(xs[i], ys[i], ws[i], fs[i], i, int(starts[i]), bounds)
             for i in range(len(xs))]
    return _reduce(parts, progress)


def _reduce(parts, progress, prefix="_chunk_moments"):
    """Merge the chunks' {fold: Moments} in a pairwise tree and compute it (one pass over the chunks)."""
    import dask
    from dask import delayed
    while len(parts) > 1:
        parts = [delayed(_merge_folds, pure=True)(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i]
                 for i in range(0, len(parts), 2)]
    if progress is None:
        (result,) = dask.compute(parts[0])
    else:
        with _ChunkCallback(progress, prefix):
            (result,) = dask.compute(parts[0])
    return result


class _ChunkCallback:
    """Calls ``progress(1)`` as each chunk's task (named ``prefix-…``) finishes, on Dask's local schedulers."""

    def __init__(self, progress, prefix="_chunk_moments"):
        from dask.callbacks import Callback
        self._callback = Callback(posttask=self._posttask)
        self._progress, self._prefix = progress, prefix

    def _posttask(self, key, result, dsk, state, worker_id):
        name = key[0] if isinstance(key, tuple) else key
        if str(name).startswith(self._prefix):
            self._progress(1)

    def __enter__(self):
        self._callback.__enter__()
        return self

    def __exit__(self, *exc):
        self._callback.__exit__(*exc)


def _total(folds, q):
    """The moments of all rows from the folds' (merged in fold order) — and a check they have rows."""
    total = merge_all([folds[k] for k in sorted(folds)]) if folds else Moments.empty(q)
    if total.count == 0:
        raise ValueError("sample_weight is zero for every row: there is nothing to fit.")
    if not (np.isfinite(total.comoment).all() and np.isfinite(total.mean).all()):
        raise ValueError("the sums of squares of X or y overflow float64: rescale the columns (e.g. divide "
                         "by their standard deviation) before fitting.")
    return total


# ----------------------------------------------------------------------------------------------------
# The Gram-layout problem built from the moments (no X, no y: the kernel's Gram layout needs neither)

class _MomentDesign(_Design):
    """A Gram-layout :class:`_Design` whose XcᵀXc comes from the moments instead of an X in memory."""

    def __init__(self, gram, x_offset, n_samples, fit_intercept, constant):
        p = gram.shape[0]
        self.n_samples, self.n_features, self.dtype = n_samples, p, np.dtype(np.float64)
        self.fit_intercept = fit_intercept
        self.X_offset, self.constant = x_offset, constant
        self.layout = _GRAM
        self.A, self.norm2 = gram, gram.diagonal().copy()
        self.X = None  # never needed in the Gram layout (and keeps the active-set method, which needs X, off)
        self.Xp = self.Xi = np.zeros(1, dtype=np.intc)
        self.Xv = self.Xm = np.zeros(1)


class _MomentProblem(_Problem):
    """The target's side of the Gram layout (Xcᵀyc, ||yc||²) from the moments."""

    def __init__(self, design, Xty, yty, y_offset):
        self.design = design
        self.y_offset = np.float64(y_offset)
        self.y = None
        self.y_norm2, self.Xty = yty, Xty
        self.Xty[design.constant] = 0
        self.b = self.Xty

    def residual_gap(self, w, alpha, l1_ratio, positive):
        """The gap recomputed without X: ||r||², yᵀr and Xᵀr expanded in the statistics, in extended
        precision (np.longdouble) — what the in-memory path gets from r itself."""
        ld = np.longdouble
        w = w.astype(ld)
        A, Xty = self.A.astype(ld), self.Xty.astype(ld)
        Aw = A @ w
        r_r = max(ld(self.y_norm2) - 2 * (w @ Xty) + w @ Aw, ld(0))
        r_y = ld(self.y_norm2) - w @ Xty
        root = np.sqrt(r_r) if r_r > 0 else ld(1)  # r and y as 1-vectors with these r·r and r·y
        n = self.n_samples
        return float(_active_set.gap_from_residual(w, np.array([r_y / root]), np.array([root]), Xty - Aw,
                                                   n * alpha * l1_ratio, n * alpha * (1 - l1_ratio),
                                                   positive)) / n


def _moment_problem(moments, fit_intercept):
    gram, Xty, yty, x_offset, y_offset, n, constant = gram_statistics(moments, fit_intercept)
    design = _MomentDesign(gram, x_offset, n, fit_intercept, constant)
    return design, _MomentProblem(design, Xty, yty, y_offset)


def _refuse_options(**options):
    for name, value in options.items():
        if value is not None and value is not False:
            raise ValueError(f"{name} is not supported with a Dask X yet: fit without it, or on an in-memory "
                             f"X (X.compute()) if it fits.")


def _path_from_moments(moments, coef_init, options, names=None, weighted=False):
    """The certified path on the moments' Gram (``options`` as from _path_options, popped here)."""
    fit_intercept = options.pop("fit_intercept")
    options.pop("precompute")  # always the Gram layout
    alphas = options["alphas"]
    if alphas is not None and (alphas == 0).any():
        raise ValueError("α = 0 is ordinary least squares, which the Dask route does not solve (it has no X "
                         "in memory); use a small positive α instead.")
    if moments.count < 2 and fit_intercept and alphas is None:
        raise ValueError("X has 1 row of non-zero weight: with fit_intercept=True the centred data is all "
                         "zeros and the automatic α grid is meaningless. Pass more rows or explicit alphas.")
    design, problem = _moment_problem(moments, fit_intercept)
    path = _path_on(design, problem, coef_init, **options)
    extras = {}
    if names is not None:
        extras["feature_names"] = names
    if weighted:
        extras["sample_weighted"] = True
    return _with_extras(path, **extras) if extras else path


def dask_enet_path(X, y, *, coef_init=None, sample_weight=None, penalty_factor=None,
                   rescale_penalty_factor=False, standardize=False, lower_bounds=None, upper_bounds=None,
                   max_features=None, **path_params):
    """:func:`lassofast.enet_path` for a Dask X (see the module docstring); the same parameters."""
    _refuse_options(penalty_factor=penalty_factor, standardize=standardize, lower_bounds=lower_bounds,
                    upper_bounds=upper_bounds, max_features=max_features)
    options = _path_options(**path_params)
    X, y, w, names = _check_inputs(X, y, sample_weight)
    verbose = options.pop("verbose")
    progress = _progress_bar(len(X.chunks[0])) if verbose else None
    try:
        folds = dask_moments(X, y, w, progress=None if progress is None else progress.update)
    finally:
        if progress is not None:
            progress.close()
    moments = _total(folds, X.shape[1] + 1)
    return _path_from_moments(moments, coef_init, dict(options, verbose=False), names, w is not None)


def _progress_bar(n_chunks, label="chunks"):
    from ._progress import ProgressBar
    return ProgressBar(n_chunks, label, live=True)
