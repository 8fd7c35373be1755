"""CPU time and sweeps of one lassofast path on a named bench problem, with its gap recomputed.

For side-by-side comparisons of two kernel builds on a busy machine: run it alternately with each
build first on PYTHONPATH and compare CPU seconds (process time, one thread) and sweep counts.

    PYTHONPATH=/path/to/src python benchmarks/path_cpu.py dense 1e-3 [seed] [box]

``box``: the same path with lower_bounds=-1e6, upper_bounds=1e6 — a box that never binds (same
solutions, so the same gap check), to time the bounded solver against the plain one.

Prints one JSON line: which lassofast was imported, CPU and wall seconds, total sweeps, and whether
the duality gap at the residual of every returned w (recomputed here with NumPy) meets the bench
target 1e-6·||y||²/(2n).
"""
import json
import os
import sys
import time

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

import lassofast  # noqa: E402
from lassofast.bench import problems  # noqa: E402
from lassofast.bench.solvers import GAP_TOL, MAX_SWEEPS, TARGET  # noqa: E402

name, eps = sys.argv[1], float(sys.argv[2])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
box = dict(lower_bounds=-1e6, upper_bounds=1e6) if sys.argv[4:] == ["box"] else {}
inst = problems.make(name, seed=seed)
X, y = inst.X, inst.y
alphas = problems.alpha_grid(X, y, eps)
lassofast.lasso_path(X, y, alphas=alphas[:2], fit_intercept=False, tol=GAP_TOL, **box)  # warm-up
t0, c0 = time.perf_counter(), time.process_time()
path = lassofast.lasso_path(X, y, alphas=alphas, fit_intercept=False, tol=GAP_TOL, max_iter=MAX_SWEEPS, **box)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
n = X.shape[0]
R = y[:, None] - X @ path.coefs
P = 0.5 * (R ** 2).sum(0) / n + alphas * np.abs(path.coefs).sum(0)
c = np.minimum(1.0, n * alphas / np.abs(np.asarray(X.T @ R)).max(0))
D = (c * (R * y[:, None]).sum(0) - 0.5 * c * c * (R ** 2).sum(0)) / n
worst = float(((P - D) / (TARGET * (y @ y) / (2 * n))).max())
print(json.dumps(dict(lassofast=os.path.dirname(lassofast.__file__), problem=name, eps=eps, seed=seed, box=bool(box),
                      cpu=round(cpu, 3), wall=round(wall, 3), sweeps=int(path.n_iters.sum()),
                      gap_over_target=round(worst, 4), ok=worst <= 1.0001)))
