"""Issue-2 speed check: lassofast's path vs the NumPy reference CD and scikit-learn's lasso_path.

Everything runs in this one process, side by side, on the same centred data, grid and tol, and the
script prints ratios (machines are noisy: compare, don't quote seconds). The NumPy CD is far too slow
for a whole 100-α path on the wide problem, so there both are timed on a stretch of 5 grid points from
the middle of the path, warm-started from the same solution; on the tall problem on the whole path.

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

# name -> (data spec, how many grid points the NumPy CD solves: None = the whole path)
PROBLEMS = {
    "dense n=1000 p=5000 Toeplitz rho=0.6": (
        dict(n_samples=1000, n_features=5000, rho=0.6, n_informative=50), 5),
    "tall n=10000 p=200 rho=0.5": (
        dict(n_samples=10000, n_features=200, rho=0.5, n_informative=20), None),
}


def best_time(fn, repeats):
    best = np.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from sklearn.linear_model import lasso_path as sk_lasso_path

    for name, (spec, numpy_alphas) in PROBLEMS.items():
        X, y, _ = make_correlated(**spec, random_state=0)
        Xc, yc, _, _ = ref.center(X, y)
        Xf = np.asfortranarray(Xc)
        # Same centred, Fortran-ordered data for every solver: nobody pays for centring here.
        kw = dict(fit_intercept=False, tol=args.tol)
        grid = lassofast.lasso_path(Xf, yc, n_alphas=100, eps=1e-3, fit_intercept=False).alphas
        t_lf, path = best_time(lambda: lassofast.lasso_path(Xf, yc, alphas=grid, **kw), args.repeats)
        t_sk, _ = best_time(lambda: sk_lasso_path(Xf, yc, alphas=grid, tol=args.tol), args.repeats)
        start = 0 if numpy_alphas is None else len(grid) // 3
        stretch = grid[start:] if numpy_alphas is None else grid[start:start + numpy_alphas]
        w0 = np.zeros(X.shape[1]) if start == 0 else path.coefs[:, start - 1]
        t_lf_mid, _ = best_time(lambda: lassofast.lasso_path(Xf, yc, alphas=stretch, coef_init=w0, **kw),
                                args.repeats)
        t_np_mid, _ = best_time(lambda: ref.enet_path(Xc, yc, stretch, tol=args.tol, w0=w0), 1)
        print(f"{name}  (100-α path, eps=1e-3, tol={args.tol:g}, {int(path.n_iters.sum())} sweeps)")
        print(f"  scikit-learn lasso_path / lassofast : {t_sk / t_lf:8.2f}x")
        print(f"  NumPy reference CD / lassofast      : {t_np_mid / t_lf_mid:8.1f}x "
              f"(α {start}..{start + len(stretch) - 1} of the grid, same warm start)")


if __name__ == "__main__":
    main()
