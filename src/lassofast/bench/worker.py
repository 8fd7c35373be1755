"""One solver, in its own process, over a list of tasks: ``python -m lassofast.bench.worker ...``.

A task is one (problem, ε): the problem directory written by :func:`.problems.save`, the α grid
file, the files for the coefficients (p, K) and the solver's dual points (n, K), if it has any, and
the :class:`.solvers.Setting` fields (problem name, quick, fit_intercept).
The parent (:mod:`.runner`) starts the worker with the thread-count environment variables already
set and reads its progress from stdout: lines starting with ``MARKER`` carry one JSON event each —
``ready`` (data loaded, warm-up done), ``run`` (one timed run), ``done`` (solution saved),
``timeout``, ``n/a`` or ``error`` — tagged with the task's index. Anything else a library prints is
ignored.

A run over the time cap is interrupted here by an alarm signal where the platform has one, which
works as soon as the solver is back in Python code (between α for most libraries), so the process
can go on to the next task; the parent kills the process if that does not happen soon enough.
"""
import argparse
import contextlib
import json
import signal
import sys
import time
import traceback
import warnings

import numpy as np

__all__ = ["MARKER", "LONG_RUN", "SHORT_RUN", "SHORT_BUDGET", "SHORT_MAX_RUNS", "short_run_rule", "another_run",
           "emit", "RunTimeout", "time_cap", "limit_threads", "run_task", "main"]

MARKER = "@@lassofast-bench "
LONG_RUN = 10.0   # seconds; a run this long is not repeated (its timing noise is small)
# A best-of-3 of a 100 µs run is mostly noise (timer, interrupts, caches): runs this short are repeated
# beyond ``repeats`` until SHORT_BUDGET seconds are spent on them (at most SHORT_MAX_RUNS), for every
# solver alike, as timeit's autorange does. Between two short runs nothing makes a system call: their
# "run" events are printed, and the time cap armed again, only once SHORT_BUDGET is spent since it was
# last armed (so a run still gets at least the cap minus SHORT_BUDGET). A pipe write or a setitimer
# between two calls makes the next one partly cold (demo ε=1e-2, best of 200 calls: the pipe write
# 78 -> 99 µs for lassofast, 142 -> 152 µs for glmnet; the cap's signal and timer calls 73 -> 80 µs
# and 151 -> 156 µs), which a loop of calls does not pay. 50 ms, not 10: the tall rows (8-12 ms) are
# compared with one XᵀX timed by the same rule, and a best of 3 of either moved their ratio by ±5 %
# between runs (benchmarks/README.md).
SHORT_RUN = 0.05
SHORT_BUDGET = 0.2
SHORT_MAX_RUNS = 200


def short_run_rule():
    """The rule above in words, for help texts and reports.

    Returns
    -------
    str
    """
    return (f"runs under {SHORT_RUN * 1e3:g} ms are repeated back to back for {SHORT_BUDGET:g} s, "
            f"at most {SHORT_MAX_RUNS} times")


def another_run(runs, repeats, elapsed, spent):
    """Whether to time one more run: ``repeats`` runs, and beyond them while runs are short (see
    SHORT_RUN). Every solver's runs and the XᵀX floor they are compared with follow this rule.

    Parameters
    ----------
    runs : int
        Runs timed so far.
    repeats : int
        Runs asked for (best of N).
    elapsed : float
        The last run's seconds (inf before the first).
    spent : float
        Seconds spent on runs so far.

    Returns
    -------
    bool
    """
    return runs < repeats or (elapsed < SHORT_RUN and spent < SHORT_BUDGET and runs < SHORT_MAX_RUNS)


def emit(event, task, **fields):
    """Print one event line (``MARKER`` + JSON) for the parent runner.

    Parameters
    ----------
    event : str
        What happened ("ready", "run", "done", "timeout", "n/a", "error").
    task : int
        The task's index.
    **fields : dict
        The event's data.
    """
    print(MARKER + json.dumps({"event": event, "task": task, **fields}), flush=True)


def _report_runs(task, times):
    """Emit one "run" event per time in ``times`` and empty the list."""
    for seconds in times:
        emit("run", task, time=seconds)
    times.clear()


class RunTimeout(BaseException):
    """A run hit the time cap (a BaseException, so libraries' ``except Exception`` let it through)."""


def _raise_timeout(signum, frame):
    raise RunTimeout


@contextlib.contextmanager
def time_cap(seconds):
    """Raise RunTimeout in this (main) thread ``seconds`` after the cap was last armed, where
    setitimer exists.

    Parameters
    ----------
    seconds : float or None
        The cap (None: none).

    Yields
    ------
    callable
        Arms the cap again: ``seconds`` from now. Inside the block the cap applies.
    """
    if seconds is None or not hasattr(signal, "setitimer"):
        yield lambda: None
        return
    previous = signal.signal(signal.SIGALRM, _raise_timeout)

    def rearm():
        signal.setitimer(signal.ITIMER_REAL, seconds)

    rearm()
    try:
        yield rearm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_threads(n_threads):
    """Limit BLAS/OpenMP threads with threadpoolctl, if installed.

    Parameters
    ----------
    n_threads : int
        The limit.

    Returns
    -------
    threadpoolctl.threadpool_limits or None
        Keep it alive for the limit to hold.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:   # the environment variables set by the parent still apply
        return None
    return threadpool_limits(limits=n_threads)


def run_task(index, task, solver, repeats, timeout):
    """Warm up, time ``repeats`` runs of one task under the time cap, save the coefficients, report.

    Parameters
    ----------
    index : int
        The task's index.
    task : dict
        Its data, alphas and output files.
    solver : lassofast.bench.solvers.Solver
        The contender.
    repeats : int
        Timed runs (fewer if one is long).
    timeout : float or None
        Time cap per run, seconds.
    """
    from . import problems
    from .solvers import NotApplicable, Setting

    X, y = problems.load(task["data"])
    alphas = np.load(task["alphas"])
    setting = Setting(**{field: task[field] for field in Setting._fields if field in task})
    try:
        start = time.perf_counter()
        if solver.warmup:
            solver.fit(X, y, alphas[:2], setting)   # JIT compilation, lazy imports, first touch of the data
        emit("ready", index, warmup=time.perf_counter() - start)
        runs, spent, elapsed, unreported, since_armed = 0, 0.0, np.inf, [], 0.0
        with warnings.catch_warnings(record=True) as caught, time_cap(timeout) as rearm_cap:
            warnings.simplefilter("always")
            while another_run(runs, repeats, elapsed, spent):
                start = time.perf_counter()
                fit = solver.fit(X, y, alphas, setting)
                elapsed = time.perf_counter() - start
                unreported.append(elapsed)
                runs, spent, since_armed = runs + 1, spent + elapsed, since_armed + elapsed
                if elapsed > LONG_RUN:
                    break
                if elapsed >= SHORT_RUN or since_armed >= SHORT_BUDGET:  # see SHORT_RUN
                    _report_runs(index, unreported)
                    rearm_cap()
                    since_armed = 0.0
        _report_runs(index, unreported)
    except NotApplicable as exc:
        emit("n/a", index, message=str(exc))
        return
    except RunTimeout:
        emit("timeout", index)
        return
    np.save(task["out"], np.asarray(fit.coefs, dtype=np.float64))
    if fit.dual_points is not None:
        np.save(task["duals"], np.asarray(fit.dual_points, dtype=np.float64))
    messages = sorted({f"{w.category.__name__}: {str(w.message).splitlines()[0]}" for w in caught})
    emit("done", index, n_iter=fit.n_iter, warnings=messages, dual_points=fit.dual_points is not None)


def main(argv=None):
    """The worker process: run the plan's tasks from ``--first`` on.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        The exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m lassofast.bench.worker")
    parser.add_argument("--plan", required=True, help="JSON list of tasks {data, alphas, out, duals}")
    parser.add_argument("--first", type=int, default=0, help="index of the first task to run")
    parser.add_argument("--solver", required=True)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=None, help="time cap per run (seconds)")
    args = parser.parse_args(argv)
    from .solvers import SOLVERS

    limits = limit_threads(args.threads)   # kept alive for the whole process
    with open(args.plan) as fh:
        tasks = json.load(fh)
    for index in range(args.first, len(tasks)):
        try:
            run_task(index, tasks[index], SOLVERS[args.solver], args.repeats, args.timeout)
        except Exception as exc:  # reported to the parent, which shows it in the table
            traceback.print_exc()
            emit("error", index, message=f"{type(exc).__name__}: {exc}")
    del limits
    return 0


if __name__ == "__main__":
    sys.exit(main())
