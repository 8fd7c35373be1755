"""What the issue-15 options cost: a path with unit sample weights, unit penalty factors, both, or a
box that never binds solves the same problem as the plain path, so any extra time is the options'
own machinery (validation, the weighted/scaled copy of X, the transforms back). Random weights solve
another problem and are shown for reference only.

Each variant runs alternately with the plain path in one process, best of ``--repeats`` CPU seconds
(one thread; a sub-millisecond path is timed over a loop of calls filling ~50 ms); the ratio is
variant / plain (target: ≤ 1.1).

    python benchmarks/options_cost.py dense:1e-2 sparse:1e-2 sparse-intercept:1e-2 [--repeats 3] [--quick]
"""
import os
import sys
import time

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

import lassofast  # noqa: E402
from lassofast.bench import problems  # noqa: E402
from lassofast.bench.solvers import GAP_TOL, MAX_SWEEPS  # noqa: E402


def variants(n, p):
    """name -> extra lasso_path arguments; the first four solve the plain problem."""
    rng = np.random.default_rng(0)
    return {
        "plain": {},
        "sample_weight=1": dict(sample_weight=np.ones(n)),
        "penalty_factor=1": dict(penalty_factor=np.ones(p)),
        "weights+factors=1": dict(sample_weight=np.ones(n), penalty_factor=np.ones(p)),
        "box ±1e6": dict(lower_bounds=-1e6, upper_bounds=1e6),
        "random weights*": dict(sample_weight=rng.uniform(0.5, 2.0, n)),
    }


def compare(name, eps, repeats, quick):
    inst = problems.make(name, quick=quick)
    X, y, fi = inst.X, inst.y, inst.fit_intercept
    alphas = problems.alpha_grid(X, y, eps, fit_intercept=fi)
    runs = variants(*X.shape)
    best = {label: np.inf for label in runs}
    sweeps = {}

    def solve(extra):
        return lassofast.lasso_path(X, y, alphas=alphas, fit_intercept=fi, tol=GAP_TOL,
                                    max_iter=MAX_SWEEPS, **extra)

    t0 = time.process_time()
    solve({})
    # A sub-millisecond path is timed over enough calls to fill ~50 ms (one call is below the noise).
    inner = max(1, int(0.05 / max(time.process_time() - t0, 1e-6)))
    for _ in range(repeats):
        for label, extra in runs.items():
            t0 = time.process_time()
            for _ in range(inner):
                path = solve(extra)
            best[label] = min(best[label], (time.process_time() - t0) / inner)
            sweeps[label] = int(path.n_iters.sum())
    plain = best["plain"]
    cells = "  ".join(f"{label} {best[label]:.4g}s ({best[label] / plain:.2f}×, {sweeps[label]} sw)"
                      for label in runs)
    print(f"{name} ε={eps:g}: {cells}", flush=True)
    if not inst.is_sparse and X.shape[0] > X.shape[1] and not fi and X.size > 100_000:
        gram_floor(X, repeats, inner)


def gram_floor(X, repeats, inner):
    """A dense path with n > p and no intercept is mostly XᵀX (the Gram layout reads X without a copy);
    a weighted one needs (√w·X)ᵀ(√w·X): one more pass over X, to scale it, before the same product."""
    root = np.sqrt(np.random.default_rng(1).uniform(0.5, 2.0, X.shape[0]))
    best = {"X.T @ X": np.inf, "√w·X, then its Gram": np.inf}
    for _ in range(repeats):
        for label in best:
            t0 = time.process_time()
            for _ in range(inner):
                Xs = X if label == "X.T @ X" else np.multiply(X, root[:, None], order="F")
                Xs.T @ Xs
            best[label] = min(best[label], (time.process_time() - t0) / inner)
    a, b = best.values()
    print(f"    floor: X.T @ X {a:.4g}s, √w·X then its Gram {b:.4g}s ({b / a:.2f}×)", flush=True)


def main(argv):
    repeats = int(argv[argv.index("--repeats") + 1]) if "--repeats" in argv else 3
    quick = "--quick" in argv
    specs = [a for i, a in enumerate(argv) if ":" in a and not a.startswith("--")]
    for spec in specs:
        name, eps = spec.split(":")
        compare(name, float(eps), repeats, quick)


if __name__ == "__main__":
    main(sys.argv[1:])
