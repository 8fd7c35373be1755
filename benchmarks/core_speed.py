"""Issue-2 speed check: lassofast's path vs the NumPy reference CD and scikit-learn's lasso_path.

Everything runs in this one process, side by side, on the same centred data, grid and tol, and the
script prints ratios (machines are noisy: compare, don't quote seconds). The NumPy CD is far too slow
for a whole 100-α path on the wide problem, so it runs down the grid until ``--numpy-budget`` seconds
are spent, and lassofast is timed on exactly the grid points NumPy finished.

    python benchmarks/core_speed.py [--tol 1e-4] [--repeats 3]
"""
import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import lassofast  # noqa: E402
from lassofast import reference as ref  # noqa: E402
from lassofast.datasets import make_correlated  # noqa: E402

PROBLEMS = {
    "dense n=1000 p=5000 Toeplitz rho=0.6": dict(n_samples=1000, n_features=5000, rho=0.6, n_informative=50),
    "tall n=10000 p=200 rho=0.5": dict(n_samples=10000, n_features=200, rho=0.5, n_informative=20),
}


def best_time(fn, repeats):
    best = np.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def numpy_path_prefix(Xc, yc, grid, tol, budget):
    """Warm-started NumPy CD down the grid until ``budget`` seconds are spent: (seconds, α solved)."""
    w, t0, done = None, time.perf_counter(), 0
    while done < len(grid) and time.perf_counter() - t0 < budget:
        coefs, _, _ = ref.enet_path(Xc, yc, grid[done:done + 1], tol=tol, w0=w)
        w, done = coefs[:, 0], done + 1
    return time.perf_counter() - t0, done


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--numpy-budget", type=float, default=30.0, help="seconds for the NumPy CD path")
    args = parser.parse_args()
    from sklearn.linear_model import lasso_path as sk_lasso_path

    for name, spec in PROBLEMS.items():
        X, y, _ = make_correlated(**spec, random_state=0)
        Xc, yc, _, _ = ref.center(X, y)
        Xf = np.asfortranarray(Xc)
        # Same centred, Fortran-ordered data for every solver: nobody pays for centring here.
        kw = dict(fit_intercept=False, tol=args.tol)
        grid = lassofast.lasso_path(Xf, yc, n_alphas=100, eps=1e-3, fit_intercept=False).alphas
        t_lf, path = best_time(lambda: lassofast.lasso_path(Xf, yc, alphas=grid, **kw), args.repeats)
        t_sk, _ = best_time(lambda: sk_lasso_path(Xf, yc, alphas=grid, tol=args.tol), args.repeats)
        t_np, done = numpy_path_prefix(Xc, yc, grid, args.tol, args.numpy_budget)
        t_lf_prefix, _ = best_time(lambda: lassofast.lasso_path(Xf, yc, alphas=grid[:done], **kw),
                                   args.repeats)
        print(f"{name}  (100-α path, eps=1e-3, tol={args.tol:g}, {int(path.n_iters.sum())} sweeps)")
        print(f"  scikit-learn lasso_path / lassofast : {t_sk / t_lf:8.2f}x")
        print(f"  NumPy reference CD / lassofast      : {t_np / t_lf_prefix:8.1f}x "
              f"(the first {done} α of the grid, as far as NumPy got in {args.numpy_budget:g} s)")


if __name__ == "__main__":
    main()
