"""LassoCV with the folds in 2 threads vs 1, side by side in one process (the kernel releases the GIL).

    python benchmarks/cv_threads.py [--repeats 3]

Prints the speed-up (time with n_jobs=1 / time with n_jobs=2) and checks the two fits are identical.
"""
import argparse
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import lassofast  # noqa: E402
from lassofast.datasets import make_correlated  # noqa: E402


def best_time(fit, repeats):
    best, model = np.inf, None
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = fit()
        best = min(best, time.perf_counter() - t0)
    return best, model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    X, y, _ = make_correlated(n_samples=1000, n_features=2000, rho=0.5, n_informative=40, random_state=0)
    fits = {}
    for n_jobs in (1, 2):
        fits[n_jobs] = best_time(lambda: lassofast.LassoCV(cv=4, n_jobs=n_jobs).fit(X, y), args.repeats)
    (t1, m1), (t2, m2) = fits[1], fits[2]
    assert m1.alpha_ == m2.alpha_ and np.array_equal(m1.mse_path_, m2.mse_path_)
    print(f"LassoCV, n=1000 p=2000, 4 folds x 100 α: n_jobs=1 / n_jobs=2 time = {t1 / t2:.2f}x "
          f"(identical results; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
