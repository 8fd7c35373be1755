"""The accelerated solve's check schedule (_cd.set_check_schedule): after a sweep with a small step,
the next gap check on the working set waits for a share of the sweeps the gap's own rate predicts it
still needs, and violator passes are tried only within a factor of the target. Both only decide
when the certificate is looked for: every α must still be certified, and each must save its work."""
import numpy as np
import pytest

import lassofast
from lassofast import _cd
from lassofast._testing import assert_path_certified
from test_kkt_early import _text_like  # (common columns and a long tail: slow α near the end)

TOL = 1e-6


@pytest.fixture
def schedule():
    yield _cd.set_check_schedule
    _cd.set_check_schedule()


def _run(X, y, fit_intercept=False, tol=TOL):
    _cd.check_counts()
    path = lassofast.lasso_path(X, y, eps=3e-3, tol=tol, max_iter=100_000, fit_intercept=fit_intercept)
    gap_work, violator_calls = _cd.check_counts()
    return path, gap_work, violator_calls


def test_spaced_checks_read_less_and_the_path_stays_certified(schedule):
    X, y = _text_like(n=600, p=3000)
    schedule(0.0, 10.0)  # a check after every sweep with a small step
    _, every_work, _ = _run(X, y)
    schedule()
    path, spaced_work, _ = _run(X, y)
    assert spaced_work < 0.85 * every_work, (spaced_work, every_work)
    assert_path_certified(X, y, path, TOL, fit_intercept=False)


def test_violator_passes_wait_until_the_gap_is_near_the_target(schedule):
    X, y = _text_like(n=600, p=3000)
    schedule(0.5, np.inf)  # violator passes at any gap
    _, _, anywhere = _run(X, y)
    schedule()
    path, _, gated = _run(X, y)
    assert 0 < gated < 0.3 * anywhere, (gated, anywhere)
    assert_path_certified(X, y, path, TOL, fit_intercept=False)


@pytest.mark.parametrize("fit_intercept", [False, True])
def test_a_dense_path_with_the_schedule_is_certified(fit_intercept):
    rng = np.random.default_rng(4)
    X = rng.standard_normal((80, 300))
    X[:, 1:] += 0.7 * X[:, :-1]  # correlated neighbours: slow α
    y = X[:, :8] @ rng.standard_normal(8) + 0.1 * rng.standard_normal(80)
    path, _, _ = _run(X, y, fit_intercept=fit_intercept, tol=1e-9)
    assert_path_certified(X, y, path, 1e-9, fit_intercept=fit_intercept)
