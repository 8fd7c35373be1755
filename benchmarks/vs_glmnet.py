"""lassofast against glmnet-tight on bench problems, side by side in one process (CPU seconds).

For the rows where the full `lassofast bench` table is too slow to regenerate on a busy machine:
each (problem, ε) runs lassofast, lassofast without over-relaxation (the kernel's SOR probe off) and
python-glmnet at the bench's glmnet-tight threshold, alternating, best of ``--repeats``. Every answer
is checked against the bench target as the bench checks it: P(w) − D ≤ target, D being the best
dual objective of any run or of a reference lassofast path solved 1000× tighter (not timed).

    python benchmarks/vs_glmnet.py sparse:1e-3 text:1e-3 [--repeats 2] [--quick]
"""
import os
import sys
import time

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

import lassofast  # noqa: E402
from lassofast import _cd  # noqa: E402
from lassofast.bench import problems  # noqa: E402
from lassofast.bench.solvers import (GAP_TOL, MAX_SWEEPS, TARGET, glmnet_path,  # noqa: E402
                                     glmnet_tight_thresh)


def _objectives(X, y, alphas, coefs, intercept):
    """Primal P and the rescaled-residual dual D of every column of ``coefs`` (1/(2n) scale)."""
    n = X.shape[0]
    R = y[:, None] - X @ coefs
    if intercept:
        R = R - R.mean(0)
    P = 0.5 * (R ** 2).sum(0) / n + alphas * np.abs(coefs).sum(0)
    Xc = X if not intercept else None
    corr = np.asarray(X.T @ R) if Xc is not None else np.asarray(X.T @ R) - np.outer(
        np.asarray(X.mean(0)).ravel(), R.sum(0))
    c = np.minimum(1.0, n * alphas / np.abs(corr).max(0))
    yc = y - y.mean() if intercept else y
    D = (c * (R * yc[:, None]).sum(0) - 0.5 * c * c * (R ** 2).sum(0)) / n
    return P, D


def compare(name, eps, repeats, quick):
    inst = problems.make(name, quick=quick)
    X, y, fi = inst.X, inst.y, inst.fit_intercept
    alphas = problems.alpha_grid(X, y, eps, fit_intercept=fi)
    yc = y - y.mean() if fi else y
    target = TARGET * (yc @ yc) / (2 * X.shape[0])
    thresh = glmnet_tight_thresh(name, eps, quick)
    times = {"lassofast": [], "lassofast, no SOR": [], f"glmnet {thresh:g}": []}
    answers = {}
    lassofast.lasso_path(X, y, alphas=alphas[:2], fit_intercept=fi, tol=GAP_TOL)  # warm-up
    for _ in range(repeats):
        for label in times:
            t0 = time.process_time()
            if label.startswith("glmnet"):
                coefs = glmnet_path(X, y, alphas, thresh, fi)
            else:
                _cd.set_over_relaxation(label == "lassofast")
                coefs = lassofast.lasso_path(X, y, alphas=alphas, fit_intercept=fi, tol=GAP_TOL,
                                             max_iter=MAX_SWEEPS).coefs
            times[label].append(time.process_time() - t0)
            answers[label] = coefs
    _cd.set_over_relaxation(True)
    answers["reference"] = lassofast.lasso_path(X, y, alphas=alphas, fit_intercept=fi, tol=GAP_TOL / 1000,
                                                max_iter=MAX_SWEEPS).coefs
    checked = {label: _objectives(X, y, alphas, c, fi) for label, c in answers.items()}
    best_dual = np.max([D for P, D in checked.values()], 0)
    print(f"{name} ε={eps:g} (n={X.shape[0]}, p={X.shape[1]}; CPU s, best of {repeats})")
    fastest = min(times, key=lambda k: min(times[k]))
    for label, ts in times.items():  # (the reference is not a contender)
        P, D = checked[label]
        ok = (P - best_dual <= target * 1.0001).all()
        print(f"  {label:20s} {min(ts):9.3f}   {'verified' if ok else 'INACCURATE'}   "
              f"glmnet-tight / this = {min(times[f'glmnet {thresh:g}']) / min(ts):5.2f}")
    return fastest


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 2
    args = [a for a in args if a != str(repeats)]
    for spec in args:
        problem, eps = spec.split(":")
        compare(problem, float(eps), repeats, "--quick" in sys.argv)
