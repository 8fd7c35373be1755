"""The KKT pass's shortcuts (the kernel's _dual with a Shortcut): after a solve, the check over every
feature reuses the working set's correlations from the solve's last gap, and skips the zero
coordinates whose Cauchy-Schwarz bound from a reference point, |x_jᵀr_ref| + ||x_j|| ||r − r_ref||,
is below the penalty. Neither may change a single step of the path (a skipped column cannot violate,
and cannot raise the dual norm), and both must save columns."""
import numpy as np
import pytest

import lassofast
from lassofast import _cd
from lassofast._testing import assert_path_certified
from test_kkt_early import _text_like  # (common columns and a long tail, as the bench's text problem)

TOL = 1e-8


def _correlated(seed=1, n=60, p=800):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    X[:, 1:] += 0.5 * X[:, :-1]  # neighbours correlated
    coef = np.zeros(p)
    coef[rng.choice(p, 10, replace=False)] = 2 * rng.standard_normal(10)
    return X, X @ coef + rng.standard_normal(n)


CASES = {  # name: (data, path options); the Gram layout's pass is O(p): no bounds there, the reuse only
    "sparse": (_text_like, dict(fit_intercept=False)),
    "sparse, intercept": (_text_like, dict(fit_intercept=True)),
    "sparse, weights": (_text_like, dict(fit_intercept=True, sample_weight="random")),
    "sparse, positive": (_text_like, dict(fit_intercept=False, positive=True)),
    "sparse, elastic net": (_text_like, dict(fit_intercept=False, l1_ratio=0.7)),
    "dense": (_correlated, dict(fit_intercept=True)),
    "dense, elastic net": (_correlated, dict(fit_intercept=False, l1_ratio=0.5)),
    "Gram (n > p: the reuse only)": (lambda: _correlated(n=300, p=60), dict(fit_intercept=True)),
}


@pytest.fixture
def shortcuts():
    def switch(on):  # (min_work 0: the bounds also on these small problems, see the last test)
        _cd.set_kkt_bounds(on, min_work=0.0)
        _cd.set_reuse_ws_corr(on)
    yield switch
    _cd.set_kkt_bounds(True)
    _cd.set_reuse_ws_corr(True)


def _path(X, y, options, tol=TOL):
    options = dict(options)
    if options.get("sample_weight") == "random":
        options["sample_weight"] = np.random.default_rng(5).uniform(0.2, 3.0, X.shape[0])
    l1_ratio = options.pop("l1_ratio", 1.0)
    _cd.kkt_pass_work()
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, eps=2e-2, tol=tol, max_iter=100_000, **options)
    return path, _cd.kkt_pass_work()


@pytest.mark.parametrize("case", list(CASES))
def test_the_shortcuts_change_no_step_of_the_path_and_save_work(shortcuts, case):
    make, options = CASES[case]
    X, y = make()
    shortcuts(False)
    plain, plain_work = _path(X, y, options)
    shortcuts(True)
    path, work = _path(X, y, options)
    np.testing.assert_array_equal(path.coefs, plain.coefs)
    np.testing.assert_array_equal(path.dual_gaps, plain.dual_gaps)
    np.testing.assert_array_equal(path.n_iters, plain.n_iters)
    assert work < (0.95 if case.startswith("Gram") else 0.8) * plain_work, (work, plain_work)
    if options.get("l1_ratio", 1.0) == 1.0 and "sample_weight" not in options:
        assert_path_certified(X, y, path, TOL, fit_intercept=options["fit_intercept"],
                              positive=options.get("positive", False))


def test_the_bounds_alone_save_work_and_float32_keeps_the_reuse(shortcuts):
    X, y = _text_like(seed=3)
    shortcuts(False)
    _cd.set_reuse_ws_corr(True)
    _, reuse_only = _path(X, y, dict(fit_intercept=False))
    shortcuts(True)
    _, both = _path(X, y, dict(fit_intercept=False))
    assert both < 0.8 * reuse_only  # (the bounds' share: the reuse alone spares the working set)
    X32, y32 = X.astype(np.float32), y.astype(np.float32)
    shortcuts(False)
    plain, plain_work = _path(X32, y32, dict(fit_intercept=False), tol=1e-5)  # (float32's reach)
    shortcuts(True)
    path, work = _path(X32, y32, dict(fit_intercept=False), tol=1e-5)
    np.testing.assert_array_equal(path.coefs, plain.coefs)
    assert work < plain_work


def test_the_bounds_wait_for_a_pass_that_pays_for_them(shortcuts):
    # A sparse X whose pass reads fewer than KKT_BOUND_MIN_WORK·(p + n) non-zeros: the bounds' own
    # O(p + n) per pass would cost what they save, so only the working set's reuse remains.
    X, y = _text_like(seed=4)
    assert X.nnz < 8 * (X.shape[0] + X.shape[1] + 1)
    shortcuts(True)
    _cd.set_reuse_ws_corr(True)
    _cd.set_kkt_bounds(True, min_work=0.0)
    _, bounded = _path(X, y, dict(fit_intercept=False))
    _cd.set_kkt_bounds(True)  # the default gate
    _, gated = _path(X, y, dict(fit_intercept=False))
    _cd.set_kkt_bounds(False)
    _, reuse_only = _path(X, y, dict(fit_intercept=False))
    assert gated == reuse_only and bounded < 0.8 * gated
