"""``lassofast demo``: the demo data set's lasso path, printed as a table (the main job's first half)."""
from ..datasets import load_demo
from ..demo import format_path_table
from ..path import lasso_path
from ._common import command_parser, positive_int

__all__ = ["main"]


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
    parser = command_parser("demo", description=__doc__)
    parser.add_argument("--n-alphas", type=positive_int, default=100, help="grid size (default 100)")
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
