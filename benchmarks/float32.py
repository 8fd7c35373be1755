"""float32 against float64 paths on the bench's problems, and float32 with the Newton step against
without it (``_cd.set_newton``: float32 paths had none before 2026-12-04), alternated in one process.

    python benchmarks/float32.py dense:1e-3 tall:1e-2 sparse:1e-3 ... [--quick] [--rounds 3]

For each problem and ε: ``lasso_path`` at the bench's grid, tol and intercept setting on X, y as
generated (float64) and cast to float32; the best of ``--rounds`` loops of >= 0.3 s each, one thread.
Prints ms per path and the sweeps over the path for each setting.
"""
import argparse
import os
import time
import warnings

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

import lassofast  # noqa: E402
from lassofast import _cd  # noqa: E402
from lassofast.bench import problems  # noqa: E402
from lassofast.bench.solvers import GAP_TOL, MAX_SWEEPS  # noqa: E402


def _best(fit, rounds):
    once = time.perf_counter()
    path = fit()
    reps = max(1, int(0.3 / (time.perf_counter() - once)))
    best = np.inf
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(reps):
            fit()
        best = min(best, (time.perf_counter() - start) / reps)
    return best, int(path.n_iters.sum())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="+", help="problem:eps, e.g. dense:1e-3")
    parser.add_argument("--quick", action="store_true", help="the bench's --quick sizes")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore", lassofast.ConvergenceWarning)
    for spec in args.specs:
        name, eps = spec.split(":")
        inst = problems.make(name, quick=args.quick)
        alphas = problems.alpha_grid(inst.X, inst.y, float(eps), fit_intercept=inst.fit_intercept)
        single = inst.X.astype(np.float32), inst.y.astype(np.float32)
        settings = {"float64": (inst.X, inst.y, True), "float32": (*single, True),
                    "float32 without Newton": (*single, False)}
        out = []
        for label, (X, y, newton) in settings.items():
            _cd.set_newton(newton)
            try:
                secs, sweeps = _best(lambda: lassofast.lasso_path(
                    X, y, alphas=alphas, fit_intercept=inst.fit_intercept, tol=GAP_TOL, max_iter=MAX_SWEEPS),
                    args.rounds)
            finally:
                _cd.set_newton(True)
            out.append(f"{label} {secs * 1e3:.4g} ms ({sweeps} sweeps)")
        print(f"{spec}{' --quick' if args.quick else ''}: " + ", ".join(out), flush=True)


if __name__ == "__main__":
    main()
