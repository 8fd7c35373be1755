"""The benchmark suite behind ``lassofast bench``: certified lasso paths, side by side, verified.

Named problems (:mod:`.problems`) are generated once per run with a fixed seed, centred, and shared
with every solver (:mod:`.solvers`, where each library's tolerance is mapped onto the common target)
through files. Each solver runs in its own subprocess (:mod:`.worker`, driven by :mod:`.runner`),
one thread by default, best of N runs under a time cap. After the clock stops every solution is
verified (:mod:`.verify`) and the results are printed and saved (:mod:`.report`).
:mod:`.glmnet_thresh` finds the glmnet-tight row's convergence threshold per problem and ε.
"""

__all__ = ["main"]


def main(argv=None):
    """``lassofast bench`` (see ``lassofast bench --help``).

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        The exit status.
    """
    from .cli import main as run   # imported on use: the solver workers import this package too
    return run(argv)
