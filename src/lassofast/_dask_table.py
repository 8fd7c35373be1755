"""``lassofast path`` on a table bigger than memory: a Parquet file, or a folder of Parquet or CSV files,
read partition by partition through dask.dataframe — each partition once — into the moments of
lassofast._dask, then the path on their Gram."""
from pathlib import Path as FilePath

import numpy as np

from ._dask import _chunk_moments, _path_from_moments, _progress_bar, _reduce, _total, check_transform, MAX_FEATURES
from .path import _path_options, _with_extras

__all__ = ["is_lazy_source", "read_table", "table_path"]

_PARQUET = (".parquet", ".pq")


def is_lazy_source(source):
    """A Parquet file or a folder (of Parquet or CSV files): read through Dask."""
    path = FilePath(source)
    return path.is_dir() or path.suffix.lower() in _PARQUET


def read_table(source, target, *, sep=",", index_col="auto", notify=None):
    """``(frame, target, features)``: a lazy dask DataFrame of the source's feature columns (all but the
    target and an index column) and the target; nothing is read but the schema (Parquet) or the first
    block (CSV). Errors say what is wrong (missing target, non-numeric columns, …)."""
    try:
        import dask.dataframe as dd
    except ImportError as exc:
        raise ImportError(f"reading {source} needs dask.dataframe and pyarrow: pip install "
                          f"\"lassofast[dist]\" ({exc}).") from None
    path = FilePath(source)
    if not path.exists():
        raise OSError(f"{source} does not exist.")
    if path.is_dir():
        parquet = sorted(p for p in path.iterdir() if p.suffix.lower() in _PARQUET)
        csv = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if parquet and csv:
            raise ValueError(f"{source} holds both Parquet and CSV files; put one kind in the folder.")
        if not (parquet or csv):
            raise ValueError(f"{source} holds no .parquet, .pq or .csv file.")
        frame = (dd.read_parquet([str(p) for p in parquet]) if parquet
                 else dd.read_csv([str(p) for p in csv], sep=sep))
    else:
        frame = dd.read_parquet(str(path))
    columns = [str(c) for c in frame.columns]
    index = None
    if index_col == "auto":
        blank = [c for c in columns if c == "" or c.startswith("Unnamed: 0")]
        if blank and blank[0] == columns[0] and len(columns) > 1:
            index = columns[0]
            if notify is not None:
                notify(f"skipping the first column of {source}: its header is blank, as pandas' to_csv "
                       f"writes its index (use --index-col none to keep it as a feature)")
    elif index_col is not None:
        if index_col not in columns:
            raise ValueError(f"--index-col {index_col!r}: no such column in {source}; its columns are: "
                             f"{', '.join(columns)}.")
        index = index_col
    if target not in columns:
        raise ValueError(f"no column {target!r} in {source}; its columns are: {', '.join(columns)}.")
    features = [c for c in columns if c not in (target, index)]
    if not features:
        raise ValueError(f"{source} has only the target column {target!r}; there are no features to fit.")
    if len(features) > MAX_FEATURES:
        raise ValueError(f"{source} has {len(features)} features; the Dask route supports at most "
                         f"{MAX_FEATURES} (its p×p Gram matrix must fit in memory).")
    not_numeric = [c for c in features + [target] if frame[c].dtype.kind not in "fiub"]
    if not_numeric:
        raise ValueError(f"{source}: columns {not_numeric} are not numeric; lassofast path needs numeric "
                         f"columns (encode categories as numbers, or drop the columns).")
    return frame[features + [target]], target, features


def _partition_moments(part, features, target, index):
    X = part[features].to_numpy(dtype=np.float64)
    y = part[target].to_numpy(dtype=np.float64)
    return _chunk_moments(X, y, None, None, index, None, None)


def table_path(frame, target, *, standardize=False, lower_bounds=None, upper_bounds=None, max_features=None,
               verbose=False, **path_params):
    """The path of column ``target`` on the other columns of a dask DataFrame, reading each partition
    once (``verbose``: a progress bar over the partitions). The Path has ``n_samples`` set."""
    from dask import delayed
    options = _path_options(**path_params, fit_intercept=True, precompute="auto", tol=1e-4, max_iter=1000,
                            positive=False, screening=True, verbose=False)
    features = [c for c in frame.columns if c != target]
    limits = dict(lower_bounds=lower_bounds, upper_bounds=upper_bounds, max_features=max_features)
    check_transform(len(features), [options["l1_ratio"]], options["positive"], standardize, **limits)
    parts = [delayed(_partition_moments, pure=True)(part, features, target, i)
             for i, part in enumerate(frame.to_delayed())]
    bar = _progress_bar(len(parts), "reading chunks") if verbose else None
    try:
        folds = _reduce(parts, None if bar is None else bar.update, prefix="_partition_moments")
    finally:
        if bar is not None:
            bar.close()
    moments = _total(folds, len(features) + 1)
    if moments.count < 2:
        raise ValueError(f"the table has {moments.count} data row(s); a path needs at least two.")
    path = _path_from_moments(moments, None, options, np.asarray(features, dtype=object), standardize=standardize,
                              **limits)
    return _with_extras(path, n_samples=moments.count)
