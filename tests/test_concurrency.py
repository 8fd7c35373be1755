"""Threads, pickling, Ctrl-C and repeated use: the solver holds no hidden state and leaks nothing."""
import os
import pickle
import resource
import signal
import subprocess
import sys
import textwrap
import threading
import time
import tracemalloc
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import lassofast
from lassofast import reference as ref
from lassofast.datasets import make_correlated


def _problems():
    out = []
    for i, (n, p, dtype) in enumerate([(120, 30, np.float64), (40, 90, np.float64), (150, 20, np.float32),
                                       (60, 60, np.float32)]):
        X, y, _ = make_correlated(n, p, rho=0.6, n_informative=5, random_state=i, dtype=dtype)
        out.append((X, y + 2))
    return out


def _fit_path(args):
    (X, y), precompute, l1_ratio = args
    tol = 1e-4 if X.dtype == np.float32 else 1e-6
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, n_alphas=25, precompute=precompute, tol=tol,
                               max_iter=20_000)
    return path.coefs, path.intercepts, path.dual_gaps, path.n_iters


def _fit_estimator(args):
    (X, y), precompute, l1_ratio = args
    tol = 1e-4 if X.dtype == np.float32 else 1e-8
    model = lassofast.ElasticNet(alpha=0.05, l1_ratio=l1_ratio, precompute=precompute, tol=tol,
                                 max_iter=20_000).fit(X, y)
    return model.coef_, np.atleast_1d(model.intercept_), np.atleast_1d(model.dual_gap_), np.atleast_1d(model.n_iter_)


@pytest.mark.parametrize("fit", [_fit_path, _fit_estimator])
def test_threads_give_results_identical_to_sequential_fits(fit):
    jobs = [(prob, precompute, l1_ratio) for prob in _problems() for precompute in (True, False)
            for l1_ratio in (1.0, 0.5)]
    sequential = [fit(job) for job in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(fit, jobs * 2))  # each job twice, overlapping with the others
    for k, result in enumerate(threaded):
        for got, want in zip(result, sequential[k % len(jobs)]):
            np.testing.assert_array_equal(got, want)


def test_kernel_releases_the_gil():
    """While one thread is inside a long solve, another Python thread keeps running."""
    X, y, _ = make_correlated(300, 300, rho=0.9, random_state=0)
    started, outcome = threading.Event(), []

    def long_fit():
        started.set()
        try:
            with warnings.catch_warnings():  # tol=0 never converges: max_iter sweeps, then a warning
                warnings.simplefilter("ignore")
                path = lassofast.lasso_path(X, y, alphas=[1e-3], tol=0.0, max_iter=3000, precompute=False)
            outcome.append(path.n_iters[0])
        except BaseException as exc:  # surface it in the main thread
            outcome.append(exc)

    worker = threading.Thread(target=long_fit)
    worker.start()
    started.wait()
    ticks = 0
    while worker.is_alive():
        ticks += 1
        time.sleep(0)
    worker.join()
    assert outcome == [3000], f"the solve did not run its 3000 sweeps: {outcome}"
    assert ticks > 100, f"the main thread ran only {ticks} times during the solve: the GIL is held"


@pytest.mark.parametrize("make", [
    lambda: lassofast.Lasso(alpha=0.05),
    lambda: lassofast.ElasticNet(alpha=0.05, l1_ratio=0.3, positive=True, precompute=True),
    lambda: lassofast.LassoCV(cv=3, n_alphas=10),
])
@pytest.mark.parametrize("float32", [False, True])
def test_estimators_pickle_with_identical_predictions(make, float32):
    X, y = _problems()[0]
    if float32:
        X, y = X.astype(np.float32), y.astype(np.float32)
    model = make().fit(X, y)
    clone = pickle.loads(pickle.dumps(model))
    assert clone.get_params() == model.get_params()
    np.testing.assert_array_equal(clone.predict(X), model.predict(X))
    np.testing.assert_array_equal(clone.coef_, model.coef_)
    if hasattr(clone, "warm_start"):  # the unpickled model refits from its own coef_, to optimality
        clone.set_params(warm_start=True).fit(X, y)
        Xc, yc, _, _ = ref.center(X, y)
        gap = ref.duality_gap(Xc, yc, clone.coef_, clone.alpha, clone.l1_ratio, clone.positive)
        assert gap <= clone.tol * (yc @ yc) / len(yc) * 1.5


def test_multi_output_estimator_and_path_pickle():
    X, y = _problems()[0]
    Y = np.column_stack([y, -y])
    model = lassofast.Lasso(alpha=0.02).fit(X, Y)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(model)).predict(X), model.predict(X))
    path = lassofast.lasso_path(X, y, n_alphas=10)
    clone = pickle.loads(pickle.dumps(path))
    np.testing.assert_array_equal(clone.predict(X), path.predict(X))
    assert clone.knots() == path.knots() and clone.alpha_max == path.alpha_max


# --- Ctrl-C ---

_CHILD = textwrap.dedent("""
    import signal, sys, time
    # A background job (make test &, nohup, some CI runners) inherits SIGINT ignored: restore Python's
    # own handler so the test measures lassofast, however the suite was started.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    import numpy as np
    import lassofast
    from lassofast.datasets import make_correlated

    X, y, _ = make_correlated(400, 1500, rho=0.95, n_informative=40, random_state=0)
    model = lassofast.Lasso(alpha=0.5, warm_start=True, tol=1e-8).fit(X, y)
    before = model.coef_.copy()
    model.set_params(alpha=1e-4, tol=0.0, max_iter=10**6)  # would run for many minutes
    print("READY", flush=True)
    try:
        model.fit(X, y)
    except KeyboardInterrupt:
        print("INTERRUPTED", time.monotonic(), flush=True)
    else:
        print("FINISHED", flush=True)
        sys.exit(3)
    # Nothing half-done is left behind: the model and the library work as before.
    assert np.array_equal(model.coef_, before), "an interrupted fit changed coef_"
    again = lassofast.Lasso(alpha=0.5, tol=1e-8).fit(X, y)
    assert np.allclose(again.coef_, before, atol=1e-6)
    print("RECOVERED", flush=True)
""")


def _read_line(proc, timeout):
    """The child's next stdout line, or None after ``timeout`` seconds."""
    result = []
    reader = threading.Thread(target=lambda: result.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return result[0].strip() if result else None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_interrupts_a_long_fit_within_a_second():
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-c", _CHILD], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert _read_line(proc, 120) == "READY", proc.stderr.read() if proc.poll() is not None else ""
        time.sleep(1.0)  # well inside the kernel by now
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        line = _read_line(proc, 10)
        assert line is not None and line.startswith("INTERRUPTED"), (
            f"no KeyboardInterrupt within 10 s of SIGINT (child said {line!r})")
        latency = float(line.split()[1]) - sent
        assert latency < 1.5, f"KeyboardInterrupt took {latency:.2f} s to reach the caller"
        assert _read_line(proc, 60) == "RECOVERED"
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# --- repeated use ---

def _rss_bytes():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize()


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="RSS is read from /proc (Linux)")
def test_ten_thousand_small_fits_do_not_grow_memory():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((30, 6))
    y = X @ rng.standard_normal(6) + rng.standard_normal(30)
    model = lassofast.Lasso(alpha=0.05)
    for _ in range(300):  # warm up allocator pools and caches
        model.fit(X, y)
    start = _rss_bytes()
    for i in range(10_000):
        model.fit(X, y)
    growth = _rss_bytes() - start
    assert growth < 16 * 2**20, f"RSS grew by {growth / 2**20:.1f} MiB over 10,000 fits"


def test_ten_thousand_small_paths_do_not_leak_python_objects():
    # Traced memory first grows by a bounded ~130-330 KiB (interpreter and numpy caches filling, how
    # much depends on what ran before in the process; flat after ~5,000 paths): measured after that,
    # a leak of even 11 bytes per path would show.
    rng = np.random.default_rng(1)
    X = rng.standard_normal((20, 5)).astype(np.float32)
    y = rng.standard_normal(20).astype(np.float32)
    for _ in range(300):
        lassofast.lasso_path(X, y, n_alphas=3)
    tracemalloc.start()
    try:
        first = None
        for i in range(11_000):
            lassofast.enet_path(X, y, l1_ratio=0.7, n_alphas=3, precompute=bool(i % 2))
            if i == 4_999:
                first = tracemalloc.get_traced_memory()[0]
        growth = tracemalloc.get_traced_memory()[0] - first
    finally:
        tracemalloc.stop()
    assert growth < 64 * 2**10, f"traced memory grew by {growth / 2**10:.0f} KiB over 6,000 paths"
