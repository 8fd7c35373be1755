"""``lassofast path data.csv --target COL``: fit a regularisation path to a CSV file, print it, plot it.

The CSV has a header row of column names and numeric values only; ``--target`` names the response and
every other column is a feature. The table lists α, the number of non-zero coefficients and the
coefficients of the features the path selects, at the α values where the active set changes.
"""
import csv
import math
import sys
from contextlib import contextmanager
from pathlib import Path as FilePath

import numpy as np

from .._dask_table import is_lazy_source, read_table, table_path
from .._progress import ProgressBar
from ..path import enet_path
from ._common import UsageError, command_parser, positive_int, run_command

__all__ = ["read_csv", "table_rows", "format_table", "main"]


def read_csv(filename, target, sep=",", index_col="auto", notify=None):
    """``(X, y, feature_names)`` from a CSV file with a header; raises ValueError/OSError saying what is wrong.

    ``index_col``: "auto" skips a first column whose header is blank (pandas' ``to_csv`` writes its
    index that way), calling ``notify(message)``; a column name skips that column; None keeps every
    column (a blank header becomes "unnamed_<j>").

    Parameters
    ----------
    filename : str or path-like
        The CSV file.
    target : str
        The response column.
    sep : str, default=","
        The delimiter.
    index_col : "auto", str or None, default="auto"
        The column to skip (see above).
    notify : callable, optional
        Called with a message when a column is skipped.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        The features.
    y : ndarray of shape (n_samples,)
        The target.
    feature_names : list of str
        The features' headers.
    """
    with open(filename, newline="", encoding="utf-8-sig") as f:
        rows = [row for row in csv.reader(f, delimiter=sep) if any(cell.strip() for cell in row)]
    if not rows:
        raise ValueError(f"{filename} is empty; it needs a header row and at least two data rows.")
    header = [name.strip() for name in rows[0]]
    index = None
    if index_col == "auto":
        if len(header) > 1 and header[0] == "":
            index = 0
            if notify is not None:
                notify(f"skipping the first column of {filename}: its header is blank, as pandas' to_csv "
                       f"writes its index (use --index-col none to keep it as a feature)")
    elif index_col is not None:
        if index_col not in header:
            raise ValueError(f"--index-col {index_col!r}: no such column in {filename}; its columns are: "
                             f"{', '.join(header)}.")
        index = header.index(index_col)
    if index is not None:
        rows = [row[:index] + row[index + 1:] if len(row) > index else row for row in rows]
        header = header[:index] + header[index + 1:]
    header = [name if name else f"unnamed_{j}" for j, name in enumerate(header)]
    if len(set(header)) != len(header):
        duplicated = sorted({name for name in header if header.count(name) > 1})
        raise ValueError(f"{filename} has duplicated column names {duplicated}; rename them.")
    if target not in header:
        raise ValueError(f"no column {target!r} in {filename}; its columns are: {', '.join(header)}.")
    if len(header) < 2:
        raise ValueError(f"{filename} has only the target column {target!r}; there are no features to fit.")
    if len(rows) < 3:
        raise ValueError(f"{filename} has {len(rows) - 1} data row(s); a path needs at least two.")

    data = np.empty((len(rows) - 1, len(header)))
    for i, row in enumerate(rows[1:]):
        line = i + 2  # 1-based, after the header
        if len(row) != len(header):
            raise ValueError(f"{filename}, line {line}: {len(row)} fields but the header has {len(header)}.")
        for j, cell in enumerate(row):
            data[i, j] = _number(cell, filename, line, header[j])
    t = header.index(target)
    features = [name for j, name in enumerate(header) if j != t]
    return np.delete(data, t, axis=1), data[:, t], features


def _number(cell, filename, line, column):
    where = f"{filename}, line {line}, column {column!r}"
    if not cell.strip():
        raise ValueError(f"{where}: missing value; remove the row or impute the value first.")
    try:
        value = float(cell)
    except ValueError:
        raise ValueError(f"{where}: {cell.strip()!r} is not a number; lassofast path needs numeric "
                         f"columns (encode categories as numbers, or drop the column).") from None
    if not math.isfinite(value):
        raise ValueError(f"{where}: {cell.strip()!r} is NaN or infinite; remove the row or impute the value.")
    return value


def table_rows(path, max_rows):
    """Grid indices where the active set changes (and the last one), at most ``max_rows`` of them.

    Parameters
    ----------
    path : lassofast.Path
        The path.
    max_rows : int
        Most rows.

    Returns
    -------
    ndarray of int
        Grid indices.
    """
    nonzero = path.coefs != 0
    changes = np.flatnonzero(np.any(nonzero[:, 1:] != nonzero[:, :-1], axis=0)) + 1
    rows = np.union1d(np.r_[0, changes], [len(path.alphas) - 1])
    if len(rows) > max_rows:
        rows = rows[np.unique(np.linspace(0, len(rows) - 1, num=max_rows).round().astype(int))]
    return rows


def format_table(path, feature_names, max_rows=20, max_features=8):
    """The compact text table: α, non-zeros, and the selected features' coefficients (4 significant digits).

    Parameters
    ----------
    path : lassofast.Path
        The path.
    feature_names : sequence of str
        One name per feature.
    max_rows : int, default=20
        Most rows.
    max_features : int, default=8
        Most feature columns.

    Returns
    -------
    str
        The table.
    """
    chosen = path.entry_order()
    shown = chosen[:max_features]
    names = [feature_names[j] for j in shown]
    width = max([10] + [len(n) + 1 for n in names])
    lines = [f"{'alpha':>10} {'nonzero':>7}" + "".join(f"{n:>{width}}" for n in names)]
    nnz = path.n_nonzero()
    for k in table_rows(path, max_rows):
        coefs = "".join(f"{path.coefs[j, k]:>{width}.4g}" for j in shown)
        lines.append(f"{path.alphas[k]:>10.4g} {nnz[k]:>7d}" + coefs)
    if len(chosen) > len(shown):
        lines.append(f"({len(chosen) - len(shown)} more selected features not shown; see --max-features)")
    return "\n".join(lines)


def _parser():
    parser = command_parser("path", description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="CSV file with a header row and numeric columns; or a Parquet file, or "
                                    "a folder of CSV or Parquet files (read in chunks through Dask)")
    parser.add_argument("--target", required=True, help="name of the response column")
    parser.add_argument("--l1-ratio", type=float, default=1.0,
                        help="elastic-net mixing ρ in (0, 1]; 1 is the lasso (default)")
    parser.add_argument("--n-alphas", type=positive_int, default=100, help="grid size (default 100)")
    parser.add_argument("--alphas", metavar="A1,A2,...",
                        help="explicit α grid, comma-separated (instead of --n-alphas/--eps)")
    parser.add_argument("--standardize", action="store_true",
                        help="fit on unit-variance columns, report original-scale coefficients "
                             "(glmnet's default; off by default, as in scikit-learn)")
    parser.add_argument("--sep", default=",", help="field separator (default ','; e.g. ';' or '\\t')")
    parser.add_argument("--index-col", default="auto", metavar="COL|none",
                        help="a column to skip as a row index; default: a first column with a blank "
                             "header (pandas' to_csv index) is skipped with a notice; 'none' keeps all")
    parser.add_argument("--eps", type=float, default=1e-3, help="α_min / α_max (default 1e-3)")
    parser.add_argument("--lower-bound", type=float, metavar="L",
                        help="every coefficient >= L (L <= 0; glmnet's lower.limits; 0: non-negative)")
    parser.add_argument("--upper-bound", type=float, metavar="U",
                        help="every coefficient <= U (U >= 0; glmnet's upper.limits)")
    parser.add_argument("--dfmax", type=positive_int, metavar="K",
                        help="stop the path before more than K features are non-zero (glmnet's dfmax)")
    parser.add_argument("--rows", type=positive_int, default=20, help="at most this many table rows (default 20)")
    parser.add_argument("--max-features", type=positive_int, default=8,
                        help="at most this many coefficient columns (default 8)")
    parser.add_argument("--plot", metavar="OUT.png", help="save the path plot to this file")
    parser.add_argument("--dpi", type=positive_int, default=120, help="plot resolution (default 120)")
    parser.add_argument("--progress", action="store_true", help="show progress on stderr")
    return parser


def main(argv=None):
    """``lassofast path data.csv --target COL``: fit, print (and plot) a path.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        0 on success, 1 with a one-line message for bad input, 2 for a usage error.
    """
    return run_command("path", _run, _parser().parse_args(argv))


def _run(args):
    if args.plot and not FilePath(args.plot).resolve().parent.is_dir():
        raise ValueError(f"cannot save the plot to {args.plot}: its folder does not exist.")
    sep = {"\\t": "\t", "tab": "\t"}.get(args.sep, args.sep)
    if len(sep) != 1:
        raise UsageError(f"--sep must be one character, got {args.sep!r}.")
    alphas = _parse_alphas(args.alphas) if args.alphas is not None else None
    index_col = None if args.index_col.lower() == "none" else args.index_col
    notices = []
    lazy = is_lazy_source(args.csv)  # Parquet, or a folder of Parquet/CSV files: one pass through Dask
    with _stage("reading CSV", args.progress and not lazy):
        X, y, names = (read_table if lazy else read_csv)(args.csv, args.target, sep=sep, index_col=index_col,
                                                         notify=notices.append)
    for notice in notices:
        print(f"lassofast path: note: {notice}", file=sys.stderr)
    if args.l1_ratio == 0 and alphas is None:
        raise UsageError("--l1-ratio 0 (pure ridge) has no automatic α grid (α_max is infinite); pass "
                         "--alphas A1,A2,... or an --l1-ratio above 0.")
    path = (table_path if lazy else enet_path)(
        X, y, l1_ratio=args.l1_ratio, n_alphas=args.n_alphas, eps=args.eps, alphas=alphas,
        standardize=args.standardize, lower_bounds=args.lower_bound, upper_bounds=args.upper_bound,
        max_features=args.dfmax, verbose=args.progress)  # its own bar: α solved
    if args.plot:
        with _stage("plotting", args.progress):
            _save_plot(path, names, args)

    kind = "lasso" if args.l1_ratio == 1 else f"elastic-net (l1_ratio={args.l1_ratio:g})"
    n_samples = path.n_samples if lazy else X.shape[0]
    print(f"{kind} path of {args.target!r} on {len(names)} features, {n_samples} samples: "
          f"{len(path.alphas)} α from {path.alphas[0]:.4g} down to {path.alphas[-1]:.4g}")
    if getattr(path, "stop_reason", None):
        print(f"stopped before α = {path.stopped_alpha:.4g}: it would have more than "
              f"{path.max_features} non-zero features (--dfmax)")
    print(format_table(path, names, max_rows=args.rows, max_features=args.max_features))
    if args.plot:
        print(f"plot saved to {args.plot}")
    return 0


def _parse_alphas(text):
    """--alphas "0.1,0.01": the numbers (checked by enet_path like any alphas)."""
    try:
        return [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise UsageError(f"--alphas must be comma-separated numbers, e.g. --alphas 1,0.1,0.01; got "
                         f"{text!r}.") from None


@contextmanager
def _stage(label, progress):
    """A step that cannot count its progress: with ``progress``, a live "label  1.2 s" line on stderr."""
    bar = ProgressBar(None, label, live=True) if progress else None
    try:
        yield
    finally:
        if bar is not None:
            bar.close()


def _save_plot(path, names, args):
    from ..plotting import plot_path
    ax = plot_path(path, feature_names=names)
    ax.set_title(f"{'lasso' if args.l1_ratio == 1 else 'elastic-net'} path of {args.target}")
    import matplotlib.pyplot as plt
    try:
        ax.figure.savefig(args.plot, dpi=args.dpi)
    finally:
        plt.close(ax.figure)
