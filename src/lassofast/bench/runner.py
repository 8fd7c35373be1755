"""Run each solver in its own subprocess over every (problem, ε), with a time cap per run, then verify.

Timing is fair by construction: one solver process at a time, the same thread count for each
(environment variables before start-up plus threadpoolctl inside), the same centred data read from
the same files, and the best of N runs. Set-up (imports, loading, warm-up) is outside the clock, and
so is the verification, which runs here only while no solver process is running.
"""
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path as FilePath

import numpy as np

from . import problems
from .solvers import SOLVERS, TARGET
from .verify import gap_target, objectives, reference_dual, verify
from .worker import MARKER

__all__ = [
    "THREAD_VARIABLES", "SETUP_TIMEOUT", "KILL_GRACE", "thread_env", "new_result", "run_solver",
    "pass_time", "gram_time", "has_gram_floor", "run_benchmark"
]

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS", "NUMBA_NUM_THREADS")
SETUP_TIMEOUT = 300.0     # seconds allowed to start a task: imports, loading, warm-up (JIT)
KILL_GRACE = 5.0          # seconds past the cap before the parent kills a worker that missed its alarm


def thread_env(n_threads):
    """The environment for a worker: this one with every BLAS/OpenMP thread variable set to ``n_threads``.

    Parameters
    ----------
    n_threads : int
        Threads per solver.

    Returns
    -------
    dict
        The environment.
    """
    env = dict(os.environ)
    env.update({name: str(n_threads) for name in THREAD_VARIABLES})
    return env


def new_result(solver, status="error", message=""):
    """An empty result record of ``solver`` (no time yet).

    Parameters
    ----------
    solver : str
        The solver's name.
    status : str, default="error"
        Its status until a run reports.
    message : str, default=""
        Why, for the table.

    Returns
    -------
    dict
        The record.
    """
    return {"solver": solver, "status": status, "time": None, "times": [], "warmup": None,
            "n_iter": None, "warnings": [], "message": message}


def _read_events(stream, events):
    for line in stream:
        if line.startswith(MARKER):
            events.put(json.loads(line[len(MARKER):]))
    events.put(None)   # end of output


def _tail(path, n_lines=3):
    lines = FilePath(path).read_text(errors="replace").strip().splitlines()
    return " | ".join(lines[-n_lines:])


class _Notify:
    """Progress callbacks, or nothing when there is no progress display."""

    def __init__(self, progress, infos):
        self.progress, self.infos = progress, infos

    def __call__(self, method, index, *args):
        if self.progress is not None and index < len(self.infos):
            getattr(self.progress, method)(self.infos[index], *args)


def run_solver(solver, tasks, infos, *, repeats, threads, timeout, workdir, progress=None):
    """Run ``solver`` over ``tasks`` (dicts: data, alphas, out) in worker processes; a timed-out or
    crashed task ends its process and the next one starts at the following task. Returns one
    result dict per task.

    Parameters
    ----------
    solver : str
        The solver's name.
    tasks : list of dict
        Data, α grid and output files, one per (problem, ε).
    infos : list of dict
        What the progress display shows about each task.
    repeats : int
        Best of this many timed runs.
    threads : int
        Threads per solver.
    timeout : float
        Time cap per run, seconds.
    workdir : str or path-like
        Where the plan and outputs go.
    progress : Progress, optional
        Progress callbacks.

    Returns
    -------
    list of dict
        One result per task.
    """
    plan = FilePath(workdir) / f"plan-{solver}.json"
    plan.write_text(json.dumps(tasks))
    results = [new_result(solver) for _ in tasks]
    notify = _Notify(progress, infos)
    first = 0
    while first < len(tasks):
        first = _run_process(solver, plan, first, results, notify, repeats=repeats, threads=threads,
                             timeout=timeout, err_file=FilePath(workdir) / f"stderr-{solver}-{first}.txt")
    return results


def _run_process(solver, plan, first, results, notify, *, repeats, threads, timeout, err_file):
    """One worker process from task ``first``; returns the index of the next task still to run."""
    cmd = [sys.executable, "-m", "lassofast.bench.worker", "--plan", str(plan), "--first", str(first),
           "--solver", solver, "--repeats", str(repeats), "--threads", str(threads),
           "--timeout", str(timeout)]
    current = first
    notify("started", current)
    with open(err_file, "w") as err, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True,
                                                      env=thread_env(threads)) as proc:
        events = queue.Queue()
        reader = threading.Thread(target=_read_events, args=(proc.stdout, events), daemon=True)
        reader.start()
        deadline = time.monotonic() + SETUP_TIMEOUT
        while current < len(results):
            result = results[current]
            try:
                event = events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:   # the worker missed its own alarm, or set-up hangs
                proc.kill()
                if result["warmup"] is None:
                    result["message"] = f"set-up took longer than {SETUP_TIMEOUT:.0f} s"
                else:
                    result.update(status="timeout", message=f"a run took longer than {timeout:g} s")
                event = None
            if event is None:
                proc.wait()
                if result["status"] == "error" and not result["message"]:   # it died during this task
                    result["message"] = _tail(err_file) or f"the worker exited with {proc.returncode}"
                notify("finished", current, result)
                current += 1
                break
            notify("event", current, event)
            if _record(result, event, timeout):
                notify("finished", current, result)
                current += 1
                notify("started", current)
                deadline = time.monotonic() + SETUP_TIMEOUT
            else:
                deadline = time.monotonic() + timeout + KILL_GRACE
        proc.wait()
        reader.join(timeout=5)   # Popen's exit then closes the pipe
    return current


def _record(result, event, timeout):
    """Record one worker event in its task's result; return True when the task is finished."""
    kind = event["event"]
    if kind == "ready":
        result["warmup"] = event["warmup"]
    elif kind == "run":
        result["times"].append(event["time"])
    elif kind == "done":
        result.update(status="done", n_iter=event["n_iter"], warnings=event["warnings"],
                      dual_points=event["dual_points"], time=min(result["times"]))
    elif kind == "timeout":
        result.update(status="timeout", message=f"a run took longer than {timeout:g} s")
    else:   # "n/a" or "error"
        result.update(status=kind, message=event["message"])
    return kind not in ("ready", "run")


def pass_time(X, threads, budget=0.2):
    """Best time of one Xᵀr product (one pass over X), with the solvers' thread limit.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        The data.
    threads : int
        The thread limit.
    budget : float, default=0.2
        Seconds to spend on repeats.

    Returns
    -------
    float
        Seconds.
    """
    from .worker import limit_threads
    r = np.random.default_rng(0).standard_normal(X.shape[0])
    limits = limit_threads(threads)
    best, spent, count = np.inf, 0.0, 0
    while count < 5 or (spent < budget and count < 1000):
        start = time.perf_counter()
        X.T @ r
        elapsed = time.perf_counter() - start
        best, spent, count = min(best, elapsed), spent + elapsed, count + 1
    del limits
    return best


def gram_time(X, threads, repeats):
    """Best time of one XᵀX product (forming the Gram matrix), with the solvers' thread limit, timed
    as a solver's run is (best of ``repeats``, short products repeated: worker.another_run) -- the
    floor and the time compared with it are then minima over as many tries.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Dense data.
    threads : int
        The thread limit.
    repeats : int
        Best of this many products at least (as the solvers' runs).

    Returns
    -------
    float
        Seconds.
    """
    from .worker import another_run, limit_threads
    limits = limit_threads(threads)
    best, spent, count, elapsed = np.inf, 0.0, 0, np.inf
    while another_run(count, repeats, elapsed, spent):
        start = time.perf_counter()
        X.T @ X
        elapsed = time.perf_counter() - start
        best, spent, count = min(best, elapsed), spent + elapsed, count + 1
    del limits
    return best


def has_gram_floor(instance):
    """Dense with n > p: a solver can work from XᵀX, so forming it once is the floor of a path.

    Parameters
    ----------
    instance : lassofast.bench.problems.Instance
        The problem.

    Returns
    -------
    bool
        Whether X is dense with n > p.
    """
    n, p = instance.shape
    return not instance.is_sparse and n > p


def _info(index, total, block, solver):
    """What the progress display shows about one task."""
    return {"index": index, "total": total, "problem": block["problem"], "eps": block["eps"],
            "solver": solver}


def _skip_reason(spec, instance):
    if spec.missing():
        return "not installed", f"{spec.install_hint()} to include it"
    if instance.is_sparse and not spec.sparse:
        return "n/a", "does not accept scipy.sparse X"
    return None


def _prepare(problem_names, eps_values, directory, *, quick, seed, threads, repeats):
    """Generate each problem once, save it and its α grids for the workers, time one pass over X
    (and, where n > p and X is dense, one XᵀX: the floor of a Gram-based path).

    Returns the blocks (one per (problem, ε), results still empty) and the problems by name.
    """
    blocks, instances = [], {}
    for name in problem_names:
        instance = instances[name] = problems.make(name, quick=quick, seed=seed)
        data_dir = problems.save(instance, directory)
        one_pass = pass_time(instance.X, threads)
        gram = gram_time(instance.X, threads, repeats) if has_gram_floor(instance) else None
        for eps in eps_values:
            alphas = problems.alpha_grid(instance.X, instance.y, eps, fit_intercept=instance.fit_intercept)
            alphas_file = data_dir / f"alphas-{eps:g}.npy"
            np.save(alphas_file, alphas)
            blocks.append({
                "problem": name, "description": instance.description, "eps": eps,
                "n_samples": instance.shape[0], "n_features": instance.shape[1],
                "sparse": instance.is_sparse, "fit_intercept": instance.fit_intercept,
                "n_alphas": len(alphas), "alpha_max": float(alphas[0]),
                "pass_time": one_pass, "gram_time": gram,
                "gap_bound": gap_target(instance.y, TARGET, instance.fit_intercept),
                "results": [], "_alphas": alphas, "_files": (str(data_dir), str(alphas_file))})
    return blocks, instances


def run_benchmark(problem_names, eps_values, solver_names, *, quick=False, repeats=1, timeout=120.0,
                  threads=1, seed=0, progress=None):
    """Run the benchmark; return a list of blocks, one per (problem, ε), with verified results.

    Parameters
    ----------
    problem_names : list of str
        Problems (keys of lassofast.bench.problems.PROBLEMS).
    eps_values : list of float
        Path lengths: the last α is eps·α_max.
    solver_names : list of str
        Solvers (keys of lassofast.bench.solvers.SOLVERS).
    quick : bool, default=False
        The small versions of the problems.
    repeats : int, default=1
        Best of this many runs.
    timeout : float, default=120.0
        Time cap per run, seconds.
    threads : int, default=1
        Threads per solver.
    seed : int, default=0
        Seed of the generated problems.
    progress : Progress, optional
        Progress callbacks.

    Returns
    -------
    list of dict
        The (problem, ε) blocks.
    """
    with tempfile.TemporaryDirectory(prefix="lassofast-bench-") as tmp:
        blocks, instances = _prepare(problem_names, eps_values, tmp, quick=quick, seed=seed,
                                     threads=threads, repeats=repeats)
        total, count = len(blocks) * len(solver_names), 0
        evaluated = [{} for _ in blocks]
        for solver in solver_names:
            spec = SOLVERS[solver]
            todo = []
            for b, block in enumerate(blocks):
                skip = _skip_reason(spec, instances[block["problem"]])
                if skip is None:
                    todo.append(b)
                    continue
                count += 1
                block["results"].append(new_result(solver, *skip))
                if progress is not None:
                    progress.finished(_info(count, total, block, solver), block["results"][-1])
            if not todo:
                continue
            infos = [_info(count + i, total, blocks[b], solver) for i, b in enumerate(todo, start=1)]
            count += len(todo)
            workdir = tempfile.mkdtemp(dir=tmp)
            tasks = [{"data": blocks[b]["_files"][0], "alphas": blocks[b]["_files"][1],
                      "out": os.path.join(workdir, f"coefs-{b}.npy"),
                      "duals": os.path.join(workdir, f"duals-{b}.npy"),
                      "problem": blocks[b]["problem"], "quick": quick, "eps": blocks[b]["eps"],
                      "fit_intercept": blocks[b]["fit_intercept"]} for b in todo]
            results = run_solver(solver, tasks, infos, repeats=repeats, threads=threads, timeout=timeout,
                                 workdir=workdir, progress=progress)
            # verification: after the clock stopped, while no solver process runs
            for b, task, result in zip(todo, tasks, results):
                blocks[b]["results"].append(result)
                if result["status"] == "done":
                    _evaluate(instances[blocks[b]["problem"]], blocks[b]["_alphas"], task, result,
                              evaluated[b])
            shutil.rmtree(workdir)
        for block, evaluated_block in zip(blocks, evaluated):
            instance = instances[block["problem"]]
            reference = (reference_dual(instance.X, instance.y, block["_alphas"], TARGET,
                                        instance.fit_intercept) if evaluated_block else None)
            del block["_alphas"], block["_files"]
            _finish_block(block, verify(evaluated_block, block["gap_bound"], reference))
            if progress is not None:
                progress.block(block)
    return blocks


def _evaluate(instance, alphas, task, result, evaluated):
    coefs = np.load(task["out"])
    duals = np.load(task["duals"]) if result.pop("dual_points") else None
    (n, p), K = instance.shape, len(alphas)
    if coefs.shape != (p, K) or (duals is not None and duals.shape != (n, K)):
        result.update(status="error", message=f"solution has shape {coefs.shape}")
        return
    evaluated[result["solver"]] = objectives(instance.X, instance.y, alphas, coefs, duals,
                                             fit_intercept=instance.fit_intercept)
    result["nnz_last"] = int(np.count_nonzero(coefs[:, -1]))


def _finish_block(block, checks):
    """Attach verification, the ratio to lassofast and the ranking among verified solvers."""
    for result in block["results"]:
        if result["solver"] in checks:
            result["verification"] = checks[result["solver"]]
            result["status"] = "ok" if checks[result["solver"]]["verified"] else "inaccurate"
    reference = next((r["time"] for r in block["results"]
                      if r["solver"] == "lassofast" and r["time"] is not None), None)
    for result in block["results"]:
        result["ratio"] = None if reference is None or result["time"] is None else result["time"] / reference
    ranked = sorted((r for r in block["results"] if r["status"] == "ok"), key=lambda r: r["time"])
    for rank, result in enumerate(ranked, start=1):
        result["rank"] = rank
    lassofast = next((r for r in block["results"] if r["solver"] == "lassofast"), None)
    ours = None if lassofast is None else lassofast["time"]
    block["lassofast_passes_per_alpha"] = (
        None if ours is None else ours / (block["pass_time"] * block["n_alphas"]))
    block["lassofast_over_gram"] = (
        None if ours is None or block.get("gram_time") is None else ours / block["gram_time"])
