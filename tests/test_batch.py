"""batch_paths: many independent paths in parallel, equal to solving them one by one; the progress bar."""
import sys

import joblib
import numpy as np
import pytest

import lassofast
from lassofast.batch import batch_paths, run_jobs
from lassofast._testing import Terminal, make_problem


def _assert_same_path(a, b):
    for field in ("alphas", "coefs", "intercepts", "dual_gaps", "n_iters"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field), err_msg=field)
    assert (a.alpha_max, a.l1_ratio) == (b.alpha_max, b.l1_ratio)


def test_many_targets_equal_one_by_one():
    X, y = make_problem("tall")
    Y = np.column_stack([y, -2 * y + 1, X[:, 3] + 0.1 * y, np.sin(y)])
    params = dict(l1_ratio=0.7, n_alphas=25, tol=1e-6)
    paths = batch_paths(X, Y, n_jobs=2, **params)
    assert len(paths) == Y.shape[1]
    for t, path in enumerate(paths):
        _assert_same_path(path, lassofast.enet_path(X, Y[:, t], **params))


def test_many_data_sets_equal_one_by_one():
    problems = [make_problem(name) for name in ("tall", "wide", "degenerate", "float32")]
    paths = batch_paths(problems, n_jobs=2, n_alphas=20)
    for (X, y), path in zip(problems, paths):
        _assert_same_path(path, lassofast.enet_path(X, y, n_alphas=20))
        assert path.coefs.dtype == X.dtype


def test_a_process_backend_gives_the_same_paths():
    X, y = make_problem("wide")
    Y = np.column_stack([y, y[::-1]])
    with joblib.parallel_config(backend="loky", n_jobs=2):
        paths = batch_paths(X, Y, n_alphas=15)
    for t, path in enumerate(paths):
        _assert_same_path(path, lassofast.enet_path(X, Y[:, t], n_alphas=15))


def test_one_dimensional_target_is_one_path():
    X, y = make_problem("tall")
    (path,) = batch_paths(X, y, n_alphas=10)
    _assert_same_path(path, lassofast.enet_path(X, y, n_alphas=10))


@pytest.mark.parametrize("call, error, match", [
    (lambda X, y: batch_paths(X, np.ones((3, 2))), ValueError, "shape"),
    (lambda X, y: batch_paths(X, y, n_alpha=10), TypeError, "n_alpha"),
    (lambda X, y: batch_paths([(X, y), (X, y[:-1])]), ValueError, "problem 1"),
    (lambda X, y: batch_paths([(X, y), (X,)]), ValueError, r"problem 1: .*\(X, y\) pair"),
    (lambda X, y: batch_paths([]), ValueError, "no problems"),
    (lambda X, y: batch_paths(X), TypeError, "sequence of \\(X, y\\) pairs"),
    (lambda X, y: batch_paths(X, np.full_like(y, np.nan)), ValueError, "NaN"),
])
def test_bad_input_is_named(call, error, match):
    X, y = make_problem("tall")
    with pytest.raises(error, match=match):
        call(X, y)


def test_verbose_progress_counts_every_path(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    X, y = make_problem("tall")
    batch_paths(X, np.column_stack([y, y, y]), n_alphas=5, verbose=True)
    frames = terminal.getvalue().split("\r\033[K")[1:]
    assert [f.split("] ")[1].split()[0] for f in frames[:4]] == ["0/3", "1/3", "2/3", "3/3"]


def test_run_jobs_keeps_order_and_reports_progress(capsys):
    out = run_jobs((joblib.delayed(pow)(k, 2) for k in range(7)), n_jobs=2, verbose=True, label="squares")
    assert out == [k * k for k in range(7)]
    err = capsys.readouterr().err  # not a terminal: plain lines, the last one the final count
    assert "\r" not in err and err.splitlines()[-1].startswith("squares [" + "#" * 28 + "] 7/7")


def test_many_targets_share_one_design_and_equal_one_by_one():
    """The (X, Y) form centres X and forms its Gram once; the paths still equal enet_path's, dense or sparse."""
    from scipy import sparse
    rng = np.random.default_rng(3)
    X = rng.standard_normal((300, 20))
    X[rng.random(X.shape) < 0.6] = 0.0
    Y = X[:, :3] @ rng.standard_normal((3, 4)) + 0.3 * rng.standard_normal((300, 4))
    for design in (X, sparse.csc_matrix(X)):
        for precompute in (True, False):
            paths = lassofast.batch_paths(design, Y, n_jobs=2, n_alphas=12, precompute=precompute,
                                          l1_ratio=0.7)
            for t, path in enumerate(paths):
                alone = lassofast.enet_path(design, Y[:, t], n_alphas=12, precompute=precompute, l1_ratio=0.7)
                np.testing.assert_array_equal(path.coefs, alone.coefs)
                np.testing.assert_array_equal(path.intercepts, alone.intercepts)
