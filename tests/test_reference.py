"""The NumPy reference: its solvers reach the optimum their own certificates claim, and agree."""
import numpy as np
import pytest

import lassofast
from lassofast import reference as ref
from lassofast._testing import kkt_ok, make_problem


@pytest.mark.parametrize("solver", [ref.cd_solve, ref.fista_solve])
@pytest.mark.parametrize("l1_ratio, positive", [(1.0, False), (0.5, False), (1.0, True)])
def test_reference_solvers_are_optimal(solver, l1_ratio, positive):
    X, y = make_problem("wide")
    Xc, yc, _, _ = ref.center(X, y)
    alpha = 0.1 * lassofast.alpha_max(X, y)
    tol = 1e-9
    w, gap, n_iter = solver(Xc, yc, alpha, l1_ratio, tol=tol, max_iter=200_000, positive=positive)
    gap_tol = tol * (yc @ yc) / len(yc)
    assert gap <= gap_tol and ref.duality_gap(Xc, yc, w, alpha, l1_ratio, positive) <= gap_tol * 1.001
    assert kkt_ok(Xc, yc, w, alpha, l1_ratio, gap_tol, positive) == []
    assert n_iter >= 1


def test_gap_is_zero_only_at_the_optimum():
    X, y = make_problem("tall")
    Xc, yc, _, _ = ref.center(X, y)
    alpha = 0.05
    w, _, _ = ref.cd_solve(Xc, yc, alpha, tol=1e-12, max_iter=10_000)
    assert ref.duality_gap(Xc, yc, w, alpha) < 1e-10
    assert ref.kkt_violation(Xc, yc, w, alpha) < 1e-5
    worse = w + 0.01
    assert ref.duality_gap(Xc, yc, worse, alpha) > 1e-5
    assert ref.kkt_violation(Xc, yc, worse, alpha) > 1e-3
    assert ref.primal_objective(Xc, yc, worse, alpha) > ref.primal_objective(Xc, yc, w, alpha)


def test_soft_threshold_is_the_kernels_operator():
    z = np.linspace(-3, 3, 61)
    np.testing.assert_array_equal(lassofast.soft_threshold(z, 1.0), ref.soft_threshold(z, 1.0))
    inside = np.abs(z) <= 1.0
    assert (lassofast.soft_threshold(z, 1.0)[inside] == 0.0).all()
    assert lassofast.soft_threshold(np.float32([2.0]), 0.5).dtype == np.float32
    assert lassofast.soft_threshold(-2.5, 1.0) == -1.5
    with pytest.raises(ValueError, match="t must be >= 0"):
        lassofast.soft_threshold(z, -1.0)
