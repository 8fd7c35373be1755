"""A lasso path and a 5-fold LassoCV on data bigger than this machine's memory, through Dask.

    python benchmarks/out_of_core.py [--rows 40000000] [--features 100] [--dir /work/ooc-data]

Writes rows × (features + 1) float64 (X and y side by side) as .npy chunk files (40 M × 101 = 32 GB),
then, each step in a fresh process so that its peak memory is its own:

1. ``floor``: one sequential read of every file (plain ``readinto`` into one reused buffer) — the
   least any method that reads the data once can take;
2. ``path``: ``lassofast.lasso_path`` (100 α, ε = 1e-3, with intercept) on the threaded scheduler;
3. ``cv``: ``lassofast.LassoCV(cv=5)`` on the threaded scheduler (one pass with per-fold moments);
4. ``cluster``: the path on a ``dask.distributed.LocalCluster`` of 2 worker processes (loopback),
   with the peak RSS of the scheduler's client and of each worker;
5. ``dask-ml`` (only if ``dask_ml`` imports): ``dask_ml.linear_model.LinearRegression(penalty="l1")``
   (ADMM, its defaults) at one α on the first ``--dask-ml-rows`` rows, against lassofast's certified
   solution at that α on the same rows (dask-ml is not in any extra: ``pip install dask-ml``).

Peak memory is each process's ru_maxrss. The data is deleted at the end (``--keep`` keeps it).
Prints a Markdown report (and writes it to --out).
"""
import argparse
import glob
import json
import os
import resource
import shutil
import subprocess
import sys
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # Dask's threads run the chunks in parallel; BLAS stays single-threaded

import numpy as np  # noqa: E402

N_INFORMATIVE = 10


def _files(folder):
    return sorted(glob.glob(os.path.join(folder, "chunk_*.npy")))


def write(args):
    """Chunk i is seeded by i: X ~ N(mean 3, correlated by a shared factor), y = X·β + 2 + noise."""
    os.makedirs(args.dir, exist_ok=True)
    p = args.features
    beta = np.zeros(p)
    beta[:N_INFORMATIVE] = np.linspace(1.0, 0.1, N_INFORMATIVE)
    n_chunks = -(-args.rows // args.chunk_rows)
    for i in range(n_chunks):
        rows = min(args.chunk_rows, args.rows - i * args.chunk_rows)
        rng = np.random.default_rng(i)
        Z = np.empty((rows, p + 1))
        X = Z[:, :p]
        X[:] = rng.standard_normal((rows, p))
        X += 0.5 * rng.standard_normal((rows, 1)) + 3.0
        Z[:, p] = X @ beta + 2.0 + rng.standard_normal(rows)
        np.save(os.path.join(args.dir, f"chunk_{i:05d}.npy"), Z)
    return {"files": n_chunks, "bytes": sum(os.path.getsize(f) for f in _files(args.dir))}


def floor(args):
    buffer = None
    total = 0
    t0 = time.perf_counter()
    for name in _files(args.dir):
        size = os.path.getsize(name)
        if buffer is None or len(buffer) < size:
            buffer = bytearray(size)
        with open(name, "rb", buffering=0) as f:
            view = memoryview(buffer)[:size]
            while view:
                got = f.readinto(view)
                if not got:
                    break
                view, total = view[got:], total + got
    return {"seconds": time.perf_counter() - t0, "bytes": total}


def _lazy(folder):
    """X, y as Dask arrays: one task per file (np.load into memory, no memmap, so RSS is real)."""
    import dask
    import dask.array as da
    parts = []
    for name in _files(folder):
        shape = np.load(name, mmap_mode="r").shape  # the header only
        parts.append(da.from_delayed(dask.delayed(np.load)(name), shape=shape, dtype=np.float64))
    Z = da.concatenate(parts, axis=0)
    return Z[:, :-1], Z[:, -1]


def path(args):
    import dask
    import lassofast
    X, y = _lazy(args.dir)
    with dask.config.set(scheduler="threads", num_workers=args.threads):
        t0 = time.perf_counter()
        result = lassofast.lasso_path(X, y)
        seconds = time.perf_counter() - t0
    coef = result.coefs[:, -1]
    return {"seconds": seconds, "n_nonzero_last": int(result.n_nonzero()[-1]),
            "max_gap": float(result.dual_gaps.max()), "coef_first_11": coef[:N_INFORMATIVE + 1].round(4).tolist(),
            "intercept_last": float(result.intercepts[-1])}


def cv(args):
    import dask
    import lassofast
    X, y = _lazy(args.dir)
    with dask.config.set(scheduler="threads", num_workers=args.threads):
        t0 = time.perf_counter()
        model = lassofast.LassoCV(cv=5).fit(X, y)
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "alpha": model.alpha_, "n_nonzero": int(np.count_nonzero(model.coef_))}


def _peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cluster(args):
    from dask.distributed import Client, LocalCluster
    import lassofast
    X, y = _lazy(args.dir)
    with LocalCluster(n_workers=args.threads, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, memory_limit="6GB") as local, Client(local) as client:
        t0 = time.perf_counter()
        result = lassofast.lasso_path(X, y)
        seconds = time.perf_counter() - t0
        workers = client.run(_peak_rss_mb)
        scheduler = client.run_on_scheduler(_peak_rss_mb)
    return {"seconds": seconds, "n_nonzero_last": int(result.n_nonzero()[-1]),
            "worker_peak_rss_mb": sorted(workers.values()), "scheduler_peak_rss_mb": scheduler}


def dask_ml(args):
    """dask-ml at one α on the first ``--dask-ml-rows`` rows, and lassofast's certified solution there."""
    import dask
    import lassofast
    from dask_ml.linear_model import LinearRegression
    X, y = _lazy(args.dir)
    rows = args.dask_ml_rows
    Xs, ys = X[:rows], y[:rows]
    with dask.config.set(scheduler="threads", num_workers=args.threads):
        # C = 1/(n·α) is the scaling that matches lassofast's α best on small data; dask-glm's ADMM also
        # penalises the intercept (an added column of ones), so its problem is not exactly lassofast's.
        t0 = time.perf_counter()
        model = LinearRegression(penalty="l1", C=1 / (rows * args.alpha), solver="admm")
        model.fit(Xs, ys)
        seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        exact = lassofast.lasso_path(Xs, ys, alphas=[args.alpha], tol=1e-8)
        lassofast_seconds = time.perf_counter() - t0
    w = exact.coefs[:, 0]
    return {"seconds": seconds, "rows": rows, "alpha": args.alpha,
            "n_nonzero": int(np.count_nonzero(np.abs(model.coef_) > 1e-6)),
            "lassofast_n_nonzero": int(np.count_nonzero(w)), "lassofast_seconds_same_rows": lassofast_seconds,
            "max_abs_coef_difference": float(np.abs(model.coef_ - w).max())}


STEPS = {"write": write, "floor": floor, "path": path, "cv": cv, "cluster": cluster, "dask-ml": dask_ml}


def _run_step(step, argv):
    """One step in a fresh interpreter; returns its JSON result with its own peak RSS."""
    out = subprocess.run([sys.executable, __file__, "--step", step] + argv, capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=40_000_000)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--chunk-rows", type=int, default=250_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dir", default="/work/ooc-data")
    parser.add_argument("--dask-ml-rows", type=int, default=250_000)
    parser.add_argument("--alpha", type=float, default=0.01)
    parser.add_argument("--keep", action="store_true", help="keep the data files")
    parser.add_argument("--out", default=None, help="also write the report here")
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--steps", default="write,floor,path,cv,cluster,dask-ml")
    args = parser.parse_args()
    if args.step:
        result = STEPS[args.step](args)
        result["peak_rss_mb"] = _peak_rss_mb()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 1)  # this process (not the cluster's workers)
        print(json.dumps(result))
        return
    argv = [a for a in sys.argv[1:] if a != "--keep"]
    results = {}
    try:
        for step in args.steps.split(","):
            if step == "dask-ml":
                try:
                    import dask_ml  # noqa: F401
                except ImportError:
                    results[step] = {"error": "dask_ml is not installed"}
                    continue
            t0 = time.perf_counter()
            results[step] = _run_step(step, argv)
            results[step]["wall_seconds"] = time.perf_counter() - t0
            print(step, json.dumps(results[step]), file=sys.stderr, flush=True)
    finally:
        if not args.keep and os.path.isdir(args.dir):
            shutil.rmtree(args.dir)
    report = _report(args, results)
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report + "\n")


def _report(args, results):
    size = results.get("write", {}).get("bytes", args.rows * (args.features + 1) * 8)
    floor_s = results.get("floor", {}).get("seconds")
    lines = [f"Data: {args.rows:,} rows × {args.features} features (+ y) float64 = {size / 1e9:.1f} GB in "
             f"{results.get('write', {}).get('files', '?')} .npy files of {args.chunk_rows:,} rows; "
             f"machine: {os.cpu_count()} cores, "
             f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM, load average "
             f"{os.getloadavg()[0]:.1f} at the end.", "",
             "| step | wall time (s) | × one sequential read | peak RSS per process (MB) | result |",
             "|---|---|---|---|---|"]
    for step, result in results.items():
        if "error" in result:
            lines.append(f"| {step} | — | — | — | not run: {result['error']} |")
            continue
        seconds = result.get("seconds", result.get("wall_seconds"))
        ratio = f"{seconds / floor_s:.2f}" if floor_s and step != "write" else "—"
        rss = f"{result['peak_rss_mb']:.0f}"
        if "worker_peak_rss_mb" in result:
            rss += " (client); workers " + ", ".join(f"{v:.0f}" for v in result["worker_peak_rss_mb"])
            rss += f"; scheduler {result['scheduler_peak_rss_mb']:.0f}"
        detail = {k: v for k, v in result.items()
                  if k not in ("seconds", "wall_seconds", "peak_rss_mb", "worker_peak_rss_mb",
                               "scheduler_peak_rss_mb", "bytes", "files")}
        if step in ("write", "floor"):
            detail["GB/s"] = round(size / 1e9 / seconds, 2) if seconds else None
        lines.append(f"| {step} | {seconds:.1f} | {ratio} | {rss} | {detail} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
