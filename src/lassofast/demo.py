"""The demo data set's lasso path as a text table, printed by ``lassofast demo`` (:mod:`lassofast.cli.demo`)."""
import numpy as np


__all__ = ["format_path_table"]


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
