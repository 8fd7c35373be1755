"""Find glmnet-tight's threshold: ``python -m lassofast.bench.glmnet_thresh [--quick] [--problems ...]``.

For each problem and ε, python-glmnet runs the bench's path at thresholds 1e-7 (its default), 1e-8,
1e-9, ... in turn, and each answer is verified as the bench verifies it (:func:`.verify.verify`
with the reference dual, :func:`.verify.reference_dual`; the bench's other solvers can only add
better dual points, so what passes here passes there). The first — loosest — threshold that passes
is kept, per problem and ε. The output ends with the dictionary to paste into
``solvers.GLMNET_TIGHT_THRESH`` (or ``GLMNET_TIGHT_THRESH_QUICK`` with ``--quick``).
Nothing is timed, so the machine's load does not matter.
"""
import argparse
import sys

import numpy as np

from . import problems
from .solvers import TARGET, glmnet_path
from .verify import gap_target, objectives, reference_dual, verify

__all__ = ["THRESHOLDS", "loosest_passing", "main"]

THRESHOLDS = tuple(10.0 ** -k for k in range(7, 15))   # 1e-7 (glmnet's default) ... 1e-14


def loosest_passing(instance, eps, thresholds=THRESHOLDS):
    """(threshold, bounds): the first threshold in ``thresholds`` whose glmnet path passes the bench's
    verification (None if none does), and the bound/target reached at each threshold tried.

    Parameters
    ----------
    instance : lassofast.bench.problems.Instance
        The problem.
    eps : float
        The path length.
    thresholds : sequence of float, default=THRESHOLDS
        Thresholds to try, loosest first.

    Returns
    -------
    threshold : float or None
        The first that passes.
    bounds : dict
        Threshold -> bound/target reached.
    """
    X, y, fit_intercept = instance.X, instance.y, instance.fit_intercept
    alphas = problems.alpha_grid(X, y, eps, fit_intercept=fit_intercept)
    reference = reference_dual(X, y, alphas, TARGET, fit_intercept)
    bound = gap_target(y, TARGET, fit_intercept)
    bounds = {}
    for thresh in thresholds:
        coefs = glmnet_path(X, y, alphas, thresh, fit_intercept)
        evaluated = {"glmnet": objectives(X, y, alphas, coefs, fit_intercept=fit_intercept)}
        check = verify(evaluated, bound, reference)["glmnet"]
        bounds[thresh] = check["bound"]
        if check["verified"]:
            return thresh, bounds
    return None, bounds


def main(argv=None):
    """``python -m lassofast.bench.glmnet_thresh``: print the loosest passing threshold per problem and ε.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        The exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m lassofast.bench.glmnet_thresh",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--problems", default=",".join(problems.PROBLEMS),
                        help="comma-separated problem names (default: all)")
    parser.add_argument("--eps", default="1e-2,1e-3", help="path lengths (default: 1e-2,1e-3)")
    parser.add_argument("--quick", action="store_true", help="the small versions of the problems")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.problems.split(",") if name.strip()]
    try:
        problems.check_names(names, problems.PROBLEMS, "problem")
        eps_values = [float(e) for e in args.eps.split(",")]
    except ValueError as exc:
        parser.error(str(exc))
    from .worker import limit_threads
    limits = limit_threads(1)   # noqa: F841 (kept for the run): the bench's one thread
    table = {}
    for name in names:
        instance = problems.make(name, quick=args.quick, seed=args.seed)
        for eps in eps_values:
            thresh, bounds = loosest_passing(instance, eps)
            tried = ", ".join(f"{t:g}: {b:.3g}" for t, b in bounds.items())
            print(f"{name} ε={eps:g}: loosest passing {thresh if thresh is None else f'{thresh:g}'} "
                  f"(P(w) − best dual, in targets: {tried})", flush=True)
            table[(name, eps)] = thresh
    entries = {}
    for (name, eps), thresh in table.items():
        if thresh is not None:
            entries.setdefault(name, []).append(f"{eps!r}: {thresh:g}")
    print(("GLMNET_TIGHT_THRESH_QUICK" if args.quick else "GLMNET_TIGHT_THRESH") + " = {"
          + ", ".join(f'"{name}": {{{", ".join(items)}}}' for name, items in entries.items()) + "}")
    missing = [f"{name} ε={eps:g}" for (name, eps), thresh in table.items() if thresh is None]
    if missing:
        print(f"no threshold down to {THRESHOLDS[-1]:g} verified on: {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
