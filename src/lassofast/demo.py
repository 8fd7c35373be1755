"""``lassofast demo``: the demo data set's lasso path, printed as a table (the main job's first half)."""
import argparse

import numpy as np

from .datasets import load_demo
from .path import lasso_path

__all__ = ["format_path_table", "main"]


def format_path_table(path, feature_names, rows=12):
    """A compact text table of the path: α, the explainer page's λ = 2α (see the README), non-zeros, and
    each coefficient.

    (The videos write the objective in lassofast's (1/(2n)) scaling, where their λ is this α.)

    Parameters
    ----------
    path : lassofast.Path
        The path.
    feature_names : sequence of str
        One name per feature.
    rows : int, default=12
        Rows of the table.

    Returns
    -------
    str
        The table.
    """
    width = len(feature_names)
    head = f"{'alpha':>9} {'λ = 2α':>9} {'nonzero':>8} " + " ".join(f"{n:>7}" for n in feature_names)
    lines = [head, "-" * len(head)]
    picks = np.unique(np.linspace(0, len(path.alphas) - 1, num=min(rows, len(path.alphas))).round().astype(int))
    for k in picks:
        coefs = " ".join(f"{c:>7.3f}" if c != 0 else f"{'0':>7}" for c in path.coefs[:, k])
        lines.append(f"{path.alphas[k]:>9.4f} {2 * path.alphas[k]:>9.4f} "
                     f"{path.n_nonzero()[k]:>4d} / {width} {coefs}")
    return "\n".join(lines)


def main(argv=None):
    """``lassofast demo``: print the demo data set's lasso path.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        0 on success (a usage error exits with status 2).
    """
    parser = argparse.ArgumentParser(prog="lassofast demo", description=__doc__)
    parser.add_argument("--n-alphas", type=int, default=100, help="grid size (default 100)")
    args = parser.parse_args(argv)
    demo = load_demo()
    path = lasso_path(demo.X, demo.y, n_alphas=args.n_alphas)
    print(demo.description)
    print(f"Lasso path: {len(path.alphas)} α from α_max = {path.alpha_max:.4f} down to "
          f"{path.alphas[-1]:.4g} (λ = 2α in the explainer page's (1/n) form, see the README)\n")
    print(format_path_table(path, demo.feature_names))
    print("\nFeatures enter the model (as α decreases) at:")
    for name, knots in zip(demo.feature_names, path.knots()):
        print(f"  {name}: α = {knots[0].alpha:.4f}" if knots else f"  {name}: never")
    return 0
