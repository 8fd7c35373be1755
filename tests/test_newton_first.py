"""The Newton step that opens an α (_cd._solve): after an α certified right after the exact solve on
its support, the next α starts with the same solve, which is that α's answer until a feature enters
or leaves (between two kinks the lasso path is linear in α). Such an α is certified with 0 sweeps;
where it is not the answer, CD goes on and certifies as before."""
import numpy as np
import pytest
import scipy.sparse as sp

import lassofast
import lassofast.reference as ref
from lassofast import _cd
from lassofast._testing import assert_path_certified

TOL = 1e-10


def _problem(layout):
    """Six well-separated features: the path has six kinks, and long stretches between them."""
    rng = np.random.default_rng(0)
    n = 40 if layout == "dense" else 200
    X = rng.standard_normal((n, 6)) * np.array([1.0, 2.0, 0.5, 1.5, 1.0, 3.0])
    y = X @ np.array([3.0, -2.0, 1.5, 0.0, 1.0, -0.5]) + 0.3 * rng.standard_normal(n)
    if layout == "dense":  # n < p would be the dense layout's usual case; precompute=False forces it
        return X, y, dict(precompute=False)
    if layout == "sparse":
        return sp.csc_matrix(X), y, {}
    return X, y, dict(precompute=True)


def _assert_same_objectives(Xc, yc, path, other, gap_tol):
    """Both certified paths' objectives within their two gaps (and rounding) at every α."""
    for k, alpha in enumerate(path.alphas):
        assert abs(ref.primal_objective(Xc, yc, path.coefs[:, k], alpha)
                   - ref.primal_objective(Xc, yc, other.coefs[:, k], alpha)) <= 2.02 * gap_tol + 1e-15


@pytest.mark.parametrize("layout", ["gram", "dense", "sparse"])
def test_between_kinks_an_alpha_needs_no_sweep_and_is_certified(layout):
    X, y, kw = _problem(layout)
    path = lassofast.lasso_path(X, y, n_alphas=200, eps=1e-3, tol=TOL, max_iter=10_000, **kw)
    assert_path_certified(X, y, path, TOL, slack=1e-15)
    support = np.count_nonzero(path.coefs, axis=0)
    same = np.flatnonzero(support[1:] == support[:-1]) + 1  # α on the same support as the one before
    # Most of those are solved by the opening Newton step alone (without it every α sweeps at least once).
    assert np.mean(path.n_iters[same] == 0) > 0.5
    assert path.n_iters.sum() < len(path.alphas)


@pytest.mark.parametrize("layout", ["gram", "sparse"])
def test_the_same_path_as_without_newton_steps(layout):
    """Across the kinks too: the objectives match CD without any Newton step, to the certified accuracy."""
    X, y, kw = _problem(layout)
    path = lassofast.lasso_path(X, y, n_alphas=200, eps=1e-3, tol=TOL, max_iter=10_000, **kw)
    _cd.set_newton(False)
    try:
        plain = lassofast.lasso_path(X, y, n_alphas=200, eps=1e-3, tol=TOL, max_iter=100_000, **kw)
    finally:
        _cd.set_newton(True)
    assert plain.n_iters[1:].min() >= 1  # (α_max: w = 0, no kernel call)
    Xd = X.toarray() if sp.issparse(X) else X
    Xc, yc = ref.center(Xd, y)[:2]
    gap_tol = TOL * (yc @ yc) / len(yc)
    _assert_same_objectives(Xc, yc, path, plain, gap_tol)


@pytest.mark.parametrize("layout", ["gram", "dense"])
def test_a_warm_start_opens_with_the_solve_on_its_support(layout):
    """A single α warm-started from a solution on the same support (Lasso(warm_start=True), Path.solve_at)
    is solved by the opening Newton step too: no sweep, and certified."""
    X, y, kw = _problem(layout)
    path = lassofast.lasso_path(X, y, n_alphas=200, eps=1e-3, tol=TOL, max_iter=10_000, **kw)
    support = np.count_nonzero(path.coefs, axis=0)
    k = int(np.flatnonzero((support[1:] == support[:-1]) & (support[1:] > 0))[-1]) + 1
    one = lassofast.lasso_path(X, y, alphas=path.alphas[k:k + 1], coef_init=path.coefs[:, k - 1], tol=TOL,
                               max_iter=10_000, **kw)
    assert one.n_iters[0] == 0
    assert_path_certified(X, y, one, TOL, slack=1e-15)


def test_a_new_alpha_tries_the_solve_after_its_first_settled_sweep():
    """Past a kink the opening solve is not the answer; a sweep brings the entering features in, and
    the solve on the new support then is (NEWTON_EAGER_SWEEPS): the path certifies every α, with the
    same objectives, in fewer sweeps than when the step waits for the sweeps to pay for it. (The
    opening step with the entering features, which would find most of them first, is off.)"""
    rng = np.random.default_rng(1)
    X = sp.random(300, 1000, density=0.02, random_state=1, format="csc")
    X.data = rng.standard_normal(X.nnz)
    y = X @ np.r_[rng.standard_normal(30), np.zeros(970)] + 0.1 * rng.standard_normal(300)
    kw = dict(n_alphas=50, eps=1e-2, tol=TOL, max_iter=100_000, fit_intercept=False)
    _cd.set_newton_enter(False)
    try:
        path = lassofast.lasso_path(X, y, **kw)
        _cd.set_newton_eager(0)
        waiting = lassofast.lasso_path(X, y, **kw)
    finally:
        _cd.set_newton_eager(_cd.NEWTON_EAGER_DEFAULT)
        _cd.set_newton_enter(True)
    Xc, yc, gap_tol = assert_path_certified(X, y, path, TOL, fit_intercept=False)
    assert path.n_iters.sum() < 0.75 * waiting.n_iters.sum()
    _assert_same_objectives(Xc, yc, path, waiting, gap_tol)


def _assert_the_entering_steps_pay(eps, **weaker):
    """On the bench's quick sparse problem at ``eps``: every α certified, the same objectives as with
    the entering step held back by ``weaker`` (set_newton_enter's arguments), under half its sweeps."""
    from lassofast.bench import problems
    inst = problems.make("sparse", quick=True)
    X, y = inst.X, inst.y
    kw = dict(alphas=problems.alpha_grid(X, y, eps), tol=TOL, max_iter=100_000, fit_intercept=False)
    path = lassofast.lasso_path(X, y, **kw)
    _cd.set_newton_enter(True, **weaker)
    try:
        held = lassofast.lasso_path(X, y, **kw)
    finally:
        _cd.set_newton_enter(True)
    Xc, yc, gap_tol = assert_path_certified(X, y, path, TOL, fit_intercept=False)
    assert path.n_iters.sum() < 0.5 * held.n_iters.sum()
    _assert_same_objectives(Xc, yc, path, held, gap_tol)


def test_the_solve_with_the_entering_features_may_cost_many_sweeps():
    """Late on a path whose support nears n (the bench's quick sparse problem at ε = 1e-2: 360 of
    n = 500) the opening solve with an α's entering features costs more than a few sweeps but saves
    the sweeps that would find them and the eager step after those (NEWTON_ENTER_SWEEPS): every α
    certified, the same objectives, far fewer sweeps than with that step held to 4 sweeps' cost."""
    _assert_the_entering_steps_pay(1e-2, sweeps=4)


def test_the_solve_with_the_entering_features_is_tried_again_with_the_next_ones():
    """When the gap after that solve names more entering features, the solve with them follows at
    once (NEWTON_ENTER_TRIES), not after a sweep: on the quick sparse problem at ε = 1e-3 every α
    certified, the same objectives, and far fewer sweeps than with one try."""
    _assert_the_entering_steps_pay(1e-3, tries=1)


@pytest.mark.parametrize("layout", ["gram", "dense", "sparse"])
@pytest.mark.parametrize("positive", [False, True])
def test_an_alpha_on_the_last_solves_segment_is_found_along_it(layout, positive):
    """Between two kinks the solve is affine in α (_accel.newton_along): the α after the first on a
    segment are found from its direction, O(len(state)) each, instead of by a full step -- the same
    points (to rounding), the same sweeps, every α certified."""
    X, y, kw = _problem(layout)
    kw.update(n_alphas=200, eps=1e-3, tol=TOL, max_iter=10_000, positive=positive)
    _cd.segment_openings()
    path = lassofast.lasso_path(X, y, **kw)
    openings = _cd.segment_openings()
    _cd.set_newton_segments(False)
    try:
        stepped = lassofast.lasso_path(X, y, **kw)
        assert _cd.segment_openings() == 0
    finally:
        _cd.set_newton_segments(True)
    assert_path_certified(X, y, path, TOL, slack=1e-15, positive=positive)
    np.testing.assert_array_equal(path.n_iters, stepped.n_iters)
    np.testing.assert_allclose(path.coefs, stepped.coefs, rtol=1e-9, atol=1e-12 * np.abs(path.coefs).max())
    # every α solved without a sweep on the support of an α before it solved so is a segment opening
    zero = path.n_iters == 0
    support = np.count_nonzero(path.coefs, axis=0)
    later = int(np.count_nonzero(zero[1:] & zero[:-1] & (support[1:] == support[:-1])))
    assert later > 20 and openings >= later


def test_an_elastic_net_opens_with_the_full_step():
    """The elastic net's matrix changes with α (l2 = nα(1-ρ)): no segment, the step as before."""
    X, y, kw = _problem("gram")
    _cd.segment_openings()
    path = lassofast.enet_path(X, y, l1_ratio=0.7, n_alphas=100, eps=1e-3, tol=TOL, max_iter=10_000, **kw)
    assert _cd.segment_openings() == 0
    Xc, yc = ref.center(X, y)[:2]
    gap_tol = TOL * (yc @ yc) / len(yc)
    for k, alpha in enumerate(path.alphas):
        assert ref.duality_gap(Xc, yc, path.coefs[:, k], alpha, 0.7) <= 1.01 * gap_tol + 1e-15, k


@pytest.mark.parametrize("layout", ["gram", "dense", "sparse"])
def test_past_a_kink_the_solve_with_the_entering_features_is_the_answer(layout):
    """When the opening solve is not the answer because features enter (its gap shows them violating),
    the solve with them in is (LARS's step): such α need no sweep either -- fewer sweeps than without
    that solve, every α certified, the same objectives."""
    X, y, kw = _problem(layout)
    kw.update(n_alphas=200, eps=1e-3, tol=TOL, max_iter=10_000)
    path = lassofast.lasso_path(X, y, **kw)
    _cd.set_newton_enter(False)
    try:
        without = lassofast.lasso_path(X, y, **kw)
    finally:
        _cd.set_newton_enter(True)
    Xc, yc, gap_tol = assert_path_certified(X, y, path, TOL, slack=1e-15)
    support = np.count_nonzero(path.coefs, axis=0)
    grows = np.flatnonzero(support[1:] > support[:-1]) + 1  # α where a feature entered
    assert np.all(without.n_iters[grows[1:]] > 0)  # (the first: from w = 0, no solve to open with)
    assert np.mean(path.n_iters[grows[1:]] == 0) > 0.5
    assert path.n_iters.sum() < without.n_iters.sum()
    _assert_same_objectives(Xc, yc, path, without, gap_tol)
