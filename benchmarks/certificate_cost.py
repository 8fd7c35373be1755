"""What the certificate costs: sweeps until the primal is accurate vs sweeps until the gap proves it.

glmnet stops when its coefficients stop moving; lassofast stops when the duality gap at its iterate is
at most the bench target. For each α of a bench path this script finds how many sweeps lassofast's CD
needs, from the previous α's certified solution, before P(w) is within the target of the optimum
(known from a reference path solved 1000× tighter) -- the least an uncertified stop could do with
these iterates -- and compares that with the sweeps the certified path took at that α.

    python benchmarks/certificate_cost.py text 1e-3 [--quick] [--glmnet] [--from-glmnet | --loose]

Prints per-α rows for the last 30 α (every 5th) and totals over the path; with ``--glmnet``, one run
of glmnet-tight (the bench's threshold for the problem) and of lassofast re-run α by α with each α
capped at its primal sweeps (no longer certified: the cost of CD without the certificate), timed in
this process, one thread, best of 5 (--quick) or 2. The capped run is α by α, so it also pays each
call's validation and set-up; the time of a call at α_max less one Xᵀy pass is subtracted per α to
estimate the capped solves' own cost (on --quick problems the overhead dominates and the estimate
means little).

With ``--from-glmnet`` (instead of the above): what certifying glmnet-tight's own answers costs. Each α is solved by lassofast
from glmnet-tight's solution there (which the bench verifies: within the target of the optimum) until
its duality gap meets the target -- the sweeps a certificate needs beyond glmnet's accuracy. The time
of those calls, less each call's overhead as above, is compared with glmnet-tight's whole path: if
it is more than half of it, no solver that certifies this way (the rescaled-residual gap, reached by
coordinate descent) can be 2x faster than glmnet-tight even if its primal iterates were as good as
glmnet's at no cost.

With ``--loose`` (instead of the above): lassofast's whole path (one call: its Newton factor and
screening kept, no α-by-α overhead) held to glmnet-tight's standard instead of the certificate. The
gap tolerance is loosened by 3000x, 1000x, ... 1x the bench's, and the loosest whose answers pass
the bench's accuracy test (P(w) within the target of the optimum at every α; no gap asked) is timed
side by side with glmnet-tight -- which is chosen the same way, as the loosest threshold that passes.
Certified time over that time is what the certificate costs this path; glmnet-tight's time over it
is how fast lassofast's solver is when it is held to glmnet's standard.
"""
import os
import sys
import time
import warnings

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

import lassofast  # noqa: E402
from lassofast.bench import problems  # noqa: E402
from lassofast.bench.solvers import GAP_TOL, MAX_SWEEPS, TARGET, glmnet_path, glmnet_tight_thresh  # noqa: E402

TRIES = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)


def objective(X, y, w, alpha, fit_intercept):
    r = y - X @ w
    if fit_intercept:
        r = r - r.mean()
    return r @ r / (2 * X.shape[0]) + alpha * np.abs(w).sum()


def best_of(repeats, function):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        function()
        times.append(time.perf_counter() - t)
    return min(times)


def call_overhead(X, y, alphas, solve, repeats):
    """(a call at α_max, one Xᵀy pass), seconds. An α-by-α call also pays validation, the design and a
    Path: a call at α_max (w stays 0) costs that plus one KKT pass, which a path pays at every α anyway,
    so each call's overhead is their difference."""
    call = best_of(repeats, lambda: lassofast.lasso_path(X, y, alphas=alphas[:1], tol=GAP_TOL, **solve))
    return call, best_of(repeats, lambda: X.T @ y)


def main(argv):
    warnings.simplefilter("ignore")  # (the capped solves are not converged: that is the point)
    name, eps = argv[0], float(argv[1])
    quick = "--quick" in argv
    inst = problems.make(name, quick=quick)
    X, y, fi = inst.X, inst.y, inst.fit_intercept
    alphas = problems.alpha_grid(X, y, eps, fit_intercept=fi)
    target = TARGET * ((y - y.mean()) if fi else y) @ ((y - y.mean()) if fi else y) / (2 * X.shape[0])
    solve = dict(fit_intercept=fi, max_iter=MAX_SWEEPS)
    if "--from-glmnet" in argv:
        return from_glmnet(X, y, alphas, name, eps, quick, fi, solve)
    if "--loose" in argv:
        return at_glmnet_standard(X, y, alphas, name, eps, quick, fi, solve, target)
    path = lassofast.lasso_path(X, y, alphas=alphas, tol=GAP_TOL, **solve)
    ref = lassofast.lasso_path(X, y, alphas=alphas, tol=GAP_TOL * 1e-3, **solve)
    p_star = np.array([objective(X, y, ref.coefs[:, k], a, fi) for k, a in enumerate(alphas)])
    primal = np.zeros(len(alphas), dtype=int)
    for k in range(1, len(alphas)):
        start = path.coefs[:, k - 1]
        for m in TRIES:
            w = lassofast.lasso_path(X, y, alphas=alphas[k:k + 1], coef_init=start, tol=GAP_TOL,
                                     fit_intercept=fi, max_iter=m).coefs[:, 0]
            if objective(X, y, w, alphas[k], fi) - p_star[k] <= target:
                break
        primal[k] = m
    print(f"{name} {'quick ' if quick else ''}ε={eps:g}: X {X.shape}, target {target:.3g}")
    print("  α   support  certified sweeps  sweeps to the primal target")
    for k in range(len(alphas) - 30, len(alphas), 5):
        print(f"  {k:2d}  {np.count_nonzero(path.coefs[:, k]):7d}  {path.n_iters[k]:16d}  {primal[k]:27d}")
    total, least = int(path.n_iters.sum()), int(primal.sum())
    print(f"  path: {total} certified sweeps, {least} to the primal target ({total / max(least, 1):.1f}x)")
    if "--glmnet" in argv:
        def capped():
            for k in range(1, len(alphas)):
                lassofast.lasso_path(X, y, alphas=alphas[k:k + 1], coef_init=path.coefs[:, k - 1],
                                     tol=GAP_TOL, fit_intercept=fi, max_iter=int(primal[k]))
        thresh = glmnet_tight_thresh(name, eps, quick)
        repeats = 5 if quick else 2
        glmnet_path(X, y, alphas[:2], thresh, fit_intercept=fi)  # (warm-up)
        certified = best_of(repeats, lambda: lassofast.lasso_path(X, y, alphas=alphas, tol=GAP_TOL, **solve))
        uncertified = best_of(repeats, capped)
        glm = best_of(repeats, lambda: glmnet_path(X, y, alphas, thresh, fit_intercept=fi))
        call, kkt_pass = call_overhead(X, y, alphas, solve, repeats)
        net = uncertified - (len(alphas) - 1) * max(call - kkt_pass, 0.0)
        print(f"  seconds: lassofast certified {certified:.3g}; α by α capped at the primal sweeps {uncertified:.3g}, "
              f"less each call's overhead {net:.3g} (a call at α_max {call:.3g}, one Xᵀy {kkt_pass:.3g}); "
              f"glmnet-tight (thresh {thresh:g}) {glm:.3g}")
        print(f"  glmnet-tight / lassofast: certified {glm / certified:.2f}x, capped less overhead {glm / net:.2f}x")



def from_glmnet(X, y, alphas, name, eps, quick, fi, solve):
    """Certify glmnet-tight's answers α by α (see the module docstring); print sweeps and seconds."""
    thresh = glmnet_tight_thresh(name, eps, quick)
    repeats = 5 if quick else 2
    glmnet_path(X, y, alphas[:2], thresh, fit_intercept=fi)  # (warm-up)
    W = glmnet_path(X, y, alphas, thresh, fit_intercept=fi)
    own = lassofast.lasso_path(X, y, alphas=alphas, tol=GAP_TOL, **solve)
    starts = {"glmnet-tight's answers": W, "lassofast's previous α (warm starts)": np.roll(own.coefs, 1, axis=1)}
    glm = best_of(repeats, lambda: glmnet_path(X, y, alphas, thresh, fit_intercept=fi))
    call, kkt_pass = call_overhead(X, y, alphas, solve, repeats)
    print(f"{name} {'quick ' if quick else ''}ε={eps:g}: glmnet-tight (thresh {thresh:g}) {glm:.3g} s; "
          f"lassofast's path {int(own.n_iters.sum())} sweeps")
    for label, start in starts.items():
        sweeps = np.zeros(len(alphas), dtype=int)

        def certify():
            for k in range(1, len(alphas)):
                sweeps[k] = lassofast.lasso_path(X, y, alphas=alphas[k:k + 1], coef_init=start[:, k],
                                                 tol=GAP_TOL, **solve).n_iters[0]
        seconds = best_of(repeats, certify)
        net = seconds - (len(alphas) - 1) * max(call - kkt_pass, 0.0)
        print(f"  α by α from {label}: {int(sweeps.sum())} sweeps to certify ({sweeps[-30:].sum()} in the "
              f"last 30 α); {seconds:.3g} s, {net:.3g} s less each call's overhead = {net / glm:.2f}x "
              f"glmnet-tight's path")


def at_glmnet_standard(X, y, alphas, name, eps, quick, fi, solve, target):
    """lassofast's path at the loosest gap tolerance whose answers pass the accuracy test, timed with
    the certified path and glmnet-tight (see the module docstring)."""
    ref = lassofast.lasso_path(X, y, alphas=alphas, tol=GAP_TOL * 1e-3, **solve)
    p_star = np.array([objective(X, y, ref.coefs[:, k], a, fi) for k, a in enumerate(alphas)])

    def worst_excess(W):
        return max((objective(X, y, W[:, k], a, fi) - p_star[k]) / target for k, a in enumerate(alphas))

    thresh = glmnet_tight_thresh(name, eps, quick)
    repeats = 7 if quick else 2
    glmnet_path(X, y, alphas[:2], thresh, fit_intercept=fi)  # (warm-up)
    print(f"{name} {'quick ' if quick else ''}ε={eps:g}: excess = (P(w) - P*) / target, worst α")
    for factor in (3000, 1000, 300, 100, 30, 10, 3, 1):
        excess = worst_excess(lassofast.lasso_path(X, y, alphas=alphas, tol=GAP_TOL * factor, **solve).coefs)
        print(f"  gap tolerance {factor:4d}x the bench's: excess {excess:.3g}")
        if excess <= 1.0:
            break

    def loose():
        return lassofast.lasso_path(X, y, alphas=alphas, tol=GAP_TOL * factor, **solve)

    def certified():
        return lassofast.lasso_path(X, y, alphas=alphas, tol=GAP_TOL, **solve)

    glm, held, cert = [], [], []
    for _ in range(repeats):  # (alternated: the machine's speed drifts)
        glm.append(best_of(1, lambda: glmnet_path(X, y, alphas, thresh, fit_intercept=fi)))
        held.append(best_of(1, loose))
        cert.append(best_of(1, certified))
    glm, held, cert = min(glm), min(held), min(cert)
    excess = worst_excess(glmnet_path(X, y, alphas, thresh, fit_intercept=fi))
    sweeps = int(certified().n_iters.sum()), int(loose().n_iters.sum())
    print(f"  seconds: lassofast certified {cert:.3g} ({sweeps[0]} sweeps); at {factor}x the gap "
          f"tolerance {held:.3g} ({sweeps[1]} sweeps); glmnet-tight (thresh {thresh:g}, excess "
          f"{excess:.3g}) {glm:.3g}")
    print(f"  the certificate costs {cert / held:.2f}x; glmnet-tight / lassofast at glmnet's standard "
          f"{glm / held:.2f}x, certified {glm / cert:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
