"""Paths: optimality at every α (KKT + recomputed duality gap), against scikit-learn and the NumPy reference."""
import numpy as np
import pytest
import sklearn.linear_model as sklm

import lassofast
from lassofast import reference as ref
from lassofast._testing import kkt_ok, make_problem

TOL = 1e-8


def _check_path_optimal(X, y, path, l1_ratio, tol, positive=False):
    Xc, yc, X_mean, y_mean = ref.center(X, y)
    gap_tol = tol * (yc @ yc) / len(yc)
    for k, alpha in enumerate(path.alphas):
        w = path.coefs[:, k].astype(np.float64)
        gap = ref.duality_gap(Xc, yc, w, alpha, l1_ratio, positive)
        assert gap <= gap_tol * 1.01 + 1e-14, f"α={alpha:.3g}: recomputed gap {gap:.3g} > {gap_tol:.3g}"
        assert path.dual_gaps[k] <= gap_tol * 1.01 + 1e-14
        assert kkt_ok(Xc, yc, w, alpha, l1_ratio, gap_tol, positive) == []
        assert np.isclose(path.intercepts[k], y_mean - X_mean @ w, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.1])
def test_path_is_optimal_at_every_alpha(problem, l1_ratio):
    name, X, y = problem
    tol = 1e-4 if X.dtype == np.float32 else TOL
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, n_alphas=30, tol=tol, max_iter=100_000)
    assert path.coefs.shape == (X.shape[1], 30) and path.alphas.shape == (30,)
    assert np.all(np.diff(path.alphas) < 0)
    _check_path_optimal(X, y, path, l1_ratio, tol)


@pytest.mark.parametrize("precompute", [True, False])
def test_gram_and_dense_kernels_agree(precompute):
    X, y = make_problem("tall")
    path = lassofast.lasso_path(X, y, n_alphas=20, tol=TOL, precompute=precompute)
    _check_path_optimal(X, y, path, 1.0, TOL)


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_objective_matches_sklearn_and_reference(problem, l1_ratio):
    name, X, y = problem
    X, y = X.astype(np.float64), y.astype(np.float64)
    tol = 1e-6
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, n_alphas=15, tol=tol, max_iter=100_000)
    Xc, yc, _, _ = ref.center(X, y)
    _, sk_coefs, _ = sklm.enet_path(Xc, yc, l1_ratio=l1_ratio, alphas=path.alphas, tol=tol, max_iter=100_000)
    ref_coefs, _, _ = ref.enet_path(Xc, yc, path.alphas, l1_ratio=l1_ratio, tol=tol, max_iter=100_000)
    # Each solution is within its gap bound tol·||y||²/n of the optimum, so objectives differ by at most 2×.
    slack = 2 * tol * (yc @ yc) / len(yc) * 1.01
    for k, alpha in enumerate(path.alphas):
        ours = ref.primal_objective(Xc, yc, path.coefs[:, k], alpha, l1_ratio)
        assert abs(ours - ref.primal_objective(Xc, yc, sk_coefs[:, k], alpha, l1_ratio)) <= slack
        assert abs(ours - ref.primal_objective(Xc, yc, ref_coefs[:, k], alpha, l1_ratio)) <= slack


def test_alpha_max_is_exact():
    X, y = make_problem("wide")
    a_max = lassofast.alpha_max(X, y)
    path = lassofast.lasso_path(X, y, alphas=[a_max * 1.5, a_max, a_max * (1 - 1e-6)], tol=1e-10)
    assert not path.coefs[:, :2].any()             # α ≥ α_max: exactly zero
    assert path.n_nonzero()[2] == 1                # just below: exactly one feature
    Xc, yc, _, _ = ref.center(X, y)
    assert np.argmax(np.abs(Xc.T @ yc)) == np.flatnonzero(path.coefs[:, 2])[0]
    auto = lassofast.lasso_path(X, y, n_alphas=5, eps=1e-2)
    assert auto.alpha_max == pytest.approx(a_max) and auto.alphas[0] == pytest.approx(a_max)
    assert auto.alphas[-1] == pytest.approx(1e-2 * a_max)


def test_enet_alpha_max_scales_with_l1_ratio():
    X, y = make_problem("tall")
    path = lassofast.enet_path(X, y, l1_ratio=0.25, alphas=None, n_alphas=3)
    assert path.alpha_max == pytest.approx(lassofast.alpha_max(X, y) / 0.25)
    assert not path.coefs[:, 0].any()


def test_warm_start_cuts_iterations():
    X, y = make_problem("wide")
    kw = dict(tol=1e-8, precompute=False, max_iter=100_000)
    path = lassofast.lasso_path(X, y, n_alphas=25, **kw)
    cold = sum(lassofast.lasso_path(X, y, alphas=[a], **kw).n_iters[0] for a in path.alphas)
    assert path.n_iters.sum() < 0.7 * cold


def test_coef_init_warm_start_reaches_same_solution():
    X, y = make_problem("tall")
    target = lassofast.lasso_path(X, y, alphas=[0.05], tol=1e-10)
    from_near = lassofast.lasso_path(X, y, alphas=[0.05], tol=1e-10, coef_init=target.coefs[:, 0] * 1.01)
    assert from_near.n_iters[0] < target.n_iters[0]
    np.testing.assert_allclose(from_near.coefs, target.coefs, atol=1e-6)


def test_positive_gives_no_negative_coefficient(problem):
    name, X, y = problem
    tol = 1e-4 if X.dtype == np.float32 else TOL
    path = lassofast.lasso_path(X, y, n_alphas=20, positive=True, tol=tol, max_iter=100_000)
    assert (path.coefs >= 0).all()
    assert path.coefs.any()
    _check_path_optimal(X, y, path, 1.0, tol, positive=True)


def test_float32_stays_float32():
    X, y = make_problem("float32")
    path = lassofast.lasso_path(X, y, n_alphas=10)
    assert path.coefs.dtype == np.float32 and path.intercepts.dtype == np.float32


def test_knots_and_n_nonzero_follow_the_coefficients():
    X, y = make_problem("wide")
    path = lassofast.lasso_path(X, y, n_alphas=40)
    nz = path.coefs != 0
    for j, knots in enumerate(path.knots()):
        state = False
        for knot in knots:
            k = int(np.flatnonzero(path.alphas == knot.alpha)[0])
            assert nz[j, k] == (knot.event == "enter")
            assert k == 0 or nz[j, k - 1] == state
            state = knot.event == "enter"
        assert state == nz[j, -1]
    np.testing.assert_array_equal(path.n_nonzero(), nz.sum(0))


def test_entry_order_is_the_order_of_the_first_enter_knots():
    X, y = make_problem("wide")
    path = lassofast.lasso_path(X, y, n_alphas=40)
    first = {j: knots[0].alpha for j, knots in enumerate(path.knots()) if knots}   # α decreasing: first in
    expected = sorted(first, key=lambda j: (-first[j], j))                     # same α: column order
    assert path.entry_order().tolist() == expected and 0 < len(expected) < X.shape[1]   # some stay zero
    # By hand: x3 enters first, leaves and comes back; x1 and x4 enter together; x2 never does.
    coefs = np.array([[0, 0, 1.0, 1.0], [0, 0, 0, 0], [2.0, 0, 0, 3.0], [0, 0, -1.0, 0]])
    alphas = np.array([4.0, 3.0, 2.0, 1.0])
    hand = lassofast.Path(alphas, coefs, np.zeros(4), np.zeros(4), np.zeros(4, int), 5.0)
    assert hand.entry_order().tolist() == [2, 0, 3]
    assert hand.knots()[2][1] == lassofast.path.Knot(3.0, "leave")


def test_max_iter_reached_warns_with_the_gap():
    X, y = make_problem("correlated")
    with pytest.warns(lassofast.ConvergenceWarning, match="duality gap"):
        lassofast.lasso_path(X, y, n_alphas=5, tol=1e-12, max_iter=2)


def test_zero_and_duplicate_columns_are_safe():
    X, y = make_problem("degenerate")
    path = lassofast.lasso_path(X, y, n_alphas=20, tol=TOL)
    assert np.isfinite(path.coefs).all()
    assert not path.coefs[5].any()                     # the all-zero column never enters


def test_user_grid_is_sorted_decreasing():
    X, y = make_problem("tall")
    path = lassofast.lasso_path(X, y, alphas=[0.01, 0.1, 0.05])
    np.testing.assert_array_equal(path.alphas, [0.1, 0.05, 0.01])


def test_alpha_zero_is_least_squares():
    X, y = make_problem("tall")
    with pytest.warns(UserWarning, match="least squares"):
        path = lassofast.lasso_path(X, y, alphas=[0.0])
    Xc, yc, _, _ = ref.center(X, y)
    np.testing.assert_allclose(path.coefs[:, 0], np.linalg.lstsq(Xc, yc, rcond=None)[0], rtol=1e-8)


def test_constant_target_gives_zero_path():
    X, _ = make_problem("tall")
    path = lassofast.lasso_path(X, np.full(X.shape[0], 3.0), n_alphas=5)
    assert not path.coefs.any()
    np.testing.assert_allclose(path.intercepts, 3.0)


@pytest.mark.parametrize("bad, match", [
    (dict(l1_ratio=1.5), "l1_ratio"), (dict(eps=0.0), "eps"), (dict(n_alphas=0), "n_alphas"),
    (dict(alphas=[-1.0]), "α"), (dict(max_iter=0), "max_iter"), (dict(tol=-1.0), "tol"),
    (dict(precompute="yes"), "precompute"), (dict(coef_init=np.zeros(3)), "coef_init"),
])
def test_bad_parameters_get_clear_errors(bad, match):
    X, y = make_problem("tall")
    with pytest.raises((ValueError, TypeError), match=match):
        lassofast.enet_path(X, y, **bad)


def test_ridge_needs_explicit_grid():
    X, y = make_problem("tall")
    with pytest.raises(ValueError, match="explicit alphas"):
        lassofast.enet_path(X, y, l1_ratio=0.0)
    path = lassofast.enet_path(X, y, l1_ratio=0.0, alphas=[1.0, 0.1], tol=TOL)
    _check_path_optimal(X, y, path, 0.0, TOL)


def test_verbose_path_reports_every_alpha_and_equals_the_quiet_one(capsys):
    X, y = make_problem("wide")
    quiet = lassofast.lasso_path(X, y, n_alphas=45, tol=1e-8, max_iter=100_000)
    loud = lassofast.lasso_path(X, y, n_alphas=45, tol=1e-8, max_iter=100_000, verbose=True)
    err = capsys.readouterr().err
    assert "path [" in err and "45/45" in err and err.endswith("\n")
    for k, alpha in enumerate(quiet.alphas):
        Xc, yc, _, _ = ref.center(X, y)
        assert ref.duality_gap(Xc, yc, loud.coefs[:, k], alpha) <= 1e-8 * (yc @ yc) / len(y) * 1.01
    np.testing.assert_allclose(loud.coefs, quiet.coefs, atol=1e-5)
    # The bar is advanced by the kernel after each α: the path is one kernel call either way, so it
    # takes the same sweeps (solved in 20 chunks for the bar, the bench's dense path took 561, not 332;
    # the quick diabetes-poly 254, not 259).
    from lassofast.bench import problems
    bench = problems.make("diabetes-poly", quick=True)
    quiet = lassofast.lasso_path(bench.X, bench.y, tol=1e-10, fit_intercept=False)
    loud = lassofast.lasso_path(bench.X, bench.y, tol=1e-10, fit_intercept=False, verbose=True)
    np.testing.assert_array_equal(loud.n_iters, quiet.n_iters)
    assert "100/100" in capsys.readouterr().err


@pytest.mark.parametrize("layout", ["gram", "dense", "sparse"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("fit_intercept", [False, True])
def test_the_zero_start_state_is_the_state_of_w_zero(layout, dtype, fit_intercept):
    # A path from w = 0 takes the kernel's state without a product (state(None)): the same array.
    import scipy.sparse as sp
    from lassofast import path as path_module
    rng = np.random.default_rng(3)
    shape = (40, 6) if layout == "gram" else (6, 40) if layout == "dense" else (40, 12)
    X = rng.standard_normal(shape).astype(dtype)
    if layout == "sparse":
        X = sp.csc_matrix(X * (rng.random(shape) < 0.3))
    y = rng.standard_normal(shape[0]).astype(dtype)
    problem = path_module._Problem(path_module._Design(X, fit_intercept, "auto"), y)
    assert problem.design.layout == {"gram": path_module._GRAM, "dense": path_module._DENSE,
                                     "sparse": path_module._SPARSE}[layout]
    got, want = problem.state(None), problem.state(np.zeros(shape[1], dtype=dtype))
    assert got.dtype == want.dtype and got.flags.c_contiguous and np.array_equal(got, want)
    got[0] += 1  # a fresh array: the kernel writes into it
    assert not np.shares_memory(got, problem.y)
