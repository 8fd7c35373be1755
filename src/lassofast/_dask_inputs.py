"""The Dask route's inputs, checked without computing anything: X, y (and sample_weight) as row blocks
read together, one task per block (see lassofast._dask).

Dask arrays keep their row chunks (known sizes: the blocks' first row numbers, the folds of KFold).
A dask DataFrame X with y (and weights) as dask Series or DataFrames with as many partitions is taken
partition by partition, each partition read once for X and y together: no row count first, since
``to_dask_array(lengths=True)`` would read every partition once more just to count its rows. The rows'
numbers are then unknown before the pass, so cross-validation with ``cv`` an int puts each row in a fold
by a hash of its place (:func:`hashed_folds`); a splitter object as ``cv`` needs the numbers, and gets
them from one read more that counts the partitions' rows. Any other mix (a dataframe X next to a Dask
array or an in-memory y) converts the dataframe with ``to_dask_array(lengths=True)``, which reads it
more than once (to count the rows of X and of y, then X and y separately).
"""
from dataclasses import dataclass

import numpy as np

__all__ = ["MAX_FEATURES", "Rows", "check_inputs", "hashed_folds", "is_dask", "is_dataframe"]

# The p×p Gram (float64) of p = 20 000 features takes 3.2 GB; the pass holds a few of them per worker
# (one per fold present in a chunk, during the merge), the path one more.
MAX_FEATURES = 20_000


def is_dask(obj):
    """Whether ``obj`` is a Dask collection (array, dataframe, series) — without importing Dask."""
    return hasattr(obj, "__dask_graph__") and hasattr(obj, "__dask_keys__")


def is_dataframe(obj):
    """A dask DataFrame or Series (not an array)."""
    return is_dask(obj) and hasattr(obj, "divisions") and hasattr(obj, "to_delayed")


@dataclass
class Rows:
    """X, y and the weights as lists of delayed row blocks (one entry per block, ``None`` weights
    without sample_weight). ``chunks``: the blocks' row counts (None for a dataframe's partitions,
    unknown before they are read)."""
    xs: list
    ys: list
    ws: list
    n_features: int
    chunks: tuple = None
    names: np.ndarray = None

    @property
    def n_blocks(self):
        return len(self.xs)

    @property
    def n_rows(self):
        return None if self.chunks is None else int(sum(self.chunks))

    @property
    def starts(self):
        """The first row number of each block (None for dataframe partitions)."""
        if self.chunks is None:
            return [None] * self.n_blocks
        return [int(s) for s in np.concatenate([[0], np.cumsum(self.chunks)[:-1]])]


def check_inputs(X, y, sample_weight, *, row_numbers=False):
    """The :class:`Rows` of X, y, sample_weight. ``row_numbers=True``: the rows' numbers are needed
    (cross-validation with a splitter object), so a dataframe's partitions are counted first."""
    names = _feature_names(X)
    together = [y] + ([] if sample_weight is None else [sample_weight])
    if is_dataframe(X) and all(is_dataframe(v) for v in together):
        rows = _dataframe_rows(X, y, sample_weight, names)
        if row_numbers:  # one read to count the rows of each partition (the pass checks y's agree)
            rows.chunks = tuple(int(m) for m in X.map_partitions(len).compute())
        return rows
    return _array_rows(X, y, sample_weight, names)


def _check_features(n_features):
    if n_features > MAX_FEATURES:
        p = n_features
        raise ValueError(
            f"X has {p} features: the Dask route forms the p×p Gram matrix ({8 * p * p / 1e9:.1f} GB in "
            f"float64), and supports at most {MAX_FEATURES} features ({8 * MAX_FEATURES ** 2 / 1e9:.1f} GB). "
            f"For more features load the rows that fit in memory (a scipy.sparse X is never densified) "
            f"and use lassofast.enet_path on them.")


def _dataframe_rows(X, y, w, names):
    """Partition i of X, y and w go to one task. The partitions are taken from the unoptimised graph,
    so that X, y and w selected from one table share its read tasks: each partition is read once
    (an optimised graph would read X's columns and y's column in separate tasks)."""
    columns = [X.name] if X.ndim == 1 else list(X.columns)
    p = len(columns)
    if p == 0:
        raise ValueError("X has no columns: it needs at least one feature.")
    _check_features(p)
    for name, frame in (("X", X), ("y", y)) + ((("sample_weight", w),) if w is not None else ()):
        dtypes = [frame.dtype] if frame.ndim == 1 else list(frame.dtypes)
        if name != "X" and len(dtypes) != 1:
            raise ValueError(f"{name} has {len(dtypes)} columns; pass one column (a Series).")
        bad = [str(d) for d in dtypes if getattr(d, "kind", "O") not in "fiu"]
        if bad:
            raise TypeError(f"{name} has columns of dtype {', '.join(sorted(set(bad)))}; lassofast needs real "
                            f"numbers (float or int): encode or drop those columns.")
        if frame.npartitions != X.npartitions:
            raise ValueError(
                f"X has {X.npartitions} partitions but {name} has {frame.npartitions}; the pass reads them "
                f"partition by partition together. Take both from one dataframe (X = df[features], "
                f"y = df[target]) or repartition one like the other.")
    parts = [v.to_delayed(optimize_graph=False) for v in (X, y)]
    ws = [None] * len(parts[0]) if w is None else w.to_delayed(optimize_graph=False)
    return Rows(parts[0], parts[1], ws, p, None, names)


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


def _array_rows(X, y, sample_weight, names):
    """Dask arrays with the same known row chunks, X in one column chunk."""
    X = _as_array(X, "X", 2)
    y = _as_array(y, "y", 1, X.chunks[0])
    w = None if sample_weight is None else _as_array(sample_weight, "sample_weight", 1, X.chunks[0])
    for name, arr in (("X", X), ("y", y)) + ((("sample_weight", w),) if w is not None else ()):
        if any(np.isnan(size) for size in arr.chunks[0]):
            raise ValueError(
                f"{name} has unknown chunk sizes (NaN in {name}.chunks, e.g. from a dataframe's "
                f"to_dask_array() or a boolean mask): the rows of X, y and the folds cannot be matched. "
                f"Call {name}.compute_chunk_sizes() first, or pass a dataframe.")
    n, p = X.shape
    if n == 0 or p == 0:
        raise ValueError(f"X has shape {X.shape}: it needs at least one row and one feature.")
    _check_features(p)
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
    xs, ys = X.to_delayed().reshape(-1), y.to_delayed().reshape(-1)
    ws = [None] * len(xs) if w is None else list(w.to_delayed().reshape(-1))
    return Rows(list(xs), list(ys), ws, p, tuple(int(c) for c in X.chunks[0]), names)


def _chunks_text(chunks):
    return str(chunks) if len(chunks) <= 6 else f"({', '.join(map(str, chunks[:3]))}, ... {len(chunks)} chunks)"


def _feature_names(X):
    columns = getattr(X, "columns", None)
    if columns is None:
        return None
    names = [str(c) for c in columns] if all(isinstance(c, str) for c in columns) else None
    return None if names is None else np.asarray(names, dtype=object)


def hashed_folds(block, n_rows, n_folds):
    """The fold (0 … n_folds − 1) of each row of block number ``block`` when the rows' numbers are not
    known: a hash (SplitMix64's finaliser) of (block, row within the block), fixed, so the same table
    read in the same partitions gets the same folds."""
    z = (np.uint64(block) << np.uint64(32)) + np.arange(n_rows, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return (z % np.uint64(n_folds)).astype(np.intp)
