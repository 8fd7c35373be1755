"""``lassofast explore [DATA.csv --target COL] --out lasso.html``: the interactive explorer page.

Without a CSV it uses the demo data (x1..x6). The CSV is read as ``lassofast path`` reads it: a
header row, numeric columns only, ``--target`` names the response and every other column is a feature.
The page is one self-contained HTML file (no network); open it in any browser.
"""
import os
import sys
import time

from ._common import UsageError, command_parser, nonnegative_int, positive_int, run_command

__all__ = ["main"]


def _parser():
    parser = command_parser("explore", description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", help="CSV file with a header row and numeric columns (default: the demo data)")
    parser.add_argument("--target", help="name of the response column (required with a CSV)")
    parser.add_argument("--out", required=True, metavar="OUT.html", help="where to write the page")
    parser.add_argument("--l1-ratio", type=float, default=1.0,
                        help="elastic-net mixing ρ in (0, 1]; 1 is the lasso (default)")
    parser.add_argument("--n-alphas", type=positive_int, default=100, help="grid size (default 100)")
    parser.add_argument("--eps", type=float, default=1e-3, help="α_min / α_max (default 1e-3)")
    parser.add_argument("--cv", type=nonnegative_int, default=5, help="cross-validation folds for the error panel "
                                                          "(default 5; 0 leaves the panel out)")
    parser.add_argument("--title", help="the page's title")
    return parser


def main(argv=None):
    """``lassofast explore``: write the explorer page.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        0 on success, 1 with a one-line message for bad input, 2 for a usage error.
    """
    return run_command("explore", _run, _parser().parse_args(argv))


def _run(args):
    from ..explorer import explore
    from ..explorer.page import check_writable
    if args.csv is None and args.target is not None:
        raise UsageError("--target needs a CSV file to read it from.")
    if args.csv is not None and args.target is None:
        raise UsageError("give the response column of the CSV with --target COL.")
    check_writable(args.out)
    if args.csv is None:
        from ..datasets import load_demo
        demo = load_demo()
        X, y, names, dataset = demo.X, demo.y, demo.feature_names, "the demo data (120 samples, x1..x6)"
    else:
        from .path import read_csv
        X, y, names = read_csv(args.csv, args.target,  # a pandas index column is skipped, with a note
                               notify=lambda note: print(f"lassofast explore: note: {note}", file=sys.stderr))
        dataset = f"{args.csv} ({X.shape[0]} samples, {X.shape[1]} features, target {args.target})"
    start = time.perf_counter()
    written = explore(X, y, feature_names=names, out=args.out, l1_ratio=args.l1_ratio,
                      n_alphas=args.n_alphas, eps=args.eps, cv=args.cv, title=args.title, dataset=dataset)
    print(f"explorer page written to {written} ({_size(written)}, {time.perf_counter() - start:.1f} s); "
          f"open it in a browser")
    return 0


def _size(filename):
    return f"{os.path.getsize(filename) / 1e6:.2f} MB"
