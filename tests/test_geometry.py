"""lassofast.geometry: regions, contours, the exact contact point, radius ↔ α, CD trace, stability.

Oracles: brute force over a fine sampling of the boundary (2-D), the optimality conditions of the
penalised problem at the returned multiplier (any p), and lassofast's own kernel for the trace.
"""
import warnings

import numpy as np
import pytest

import lassofast
from lassofast import geometry as geo
from lassofast import reference as ref
from lassofast.datasets import load_demo, make_correlated
from lassofast.exceptions import ConvergenceWarning

KINDS = ("l1", "l2", "enet")
RHO = {"l1": 1.0, "l2": 0.0, "enet": 0.5}   # enet uses the default l1_ratio=0.5


def demo2():
    d = load_demo()
    return d.X[:, :2], d.y


def pairs():
    """2-feature problems from negatively to strongly positively correlated features."""
    rng = np.random.default_rng(7)
    out = [demo2()]
    for corr in (-0.6, 0.0, 0.5, 0.9):
        X, y, _ = geo.make_correlated_pair(60, corr, coef=rng.normal(size=2) * 2, noise=0.5,
                                           random_state=int(rng.integers(1000)))
        out.append((X + rng.normal(size=2), y + 3.0))   # offsets: the geometry centres the data
    return out


def loss(X, y, w):
    """L(w) = (1/(2n))||yc − Xc·w||² for one w (p,) or each row of W (m, p)."""
    Xc, yc, _, _ = ref.center(X, y)
    r = yc[:, None] - Xc @ np.atleast_2d(w).T
    values = (r * r).sum(axis=0) / (2 * len(y))
    return values if np.ndim(w) == 2 else float(values[0])


def end_radius(X, y, kind):
    return geo.radius_for_alpha(X, y, 0.0, kind)


# --- constraint regions -----------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("t", [0.3, 1.0, 2.5])
def test_boundary_points_lie_on_the_boundary_and_close(kind, t):
    pts = geo.constraint_boundary(kind, t, n_points=203)
    assert pts.shape == (203, 2)
    np.testing.assert_array_equal(pts[0], pts[-1])
    pens = [geo.penalty(w, kind) for w in pts]
    np.testing.assert_allclose(pens, t, rtol=1e-13)
    angle = np.unwrap(np.arctan2(pts[:, 1], pts[:, 0]))
    assert (np.diff(angle) > 0).all() and np.isclose(angle[-1] - angle[0], 2 * np.pi)


@pytest.mark.parametrize("n_points", [5, 6, 101, 402])
def test_diamond_corners_are_exactly_on_the_axes(n_points):
    pts = geo.constraint_boundary("l1", 1.7, n_points=n_points)
    for corner in ([1.7, 0.0], [0.0, 1.7], [-1.7, 0.0], [0.0, -1.7]):
        assert any((row == corner).all() for row in pts), corner


def test_enet_ball_meets_the_axes_where_its_penalty_says():
    rho, t = 0.4, 1.3
    pts = geo.constraint_boundary("enet", t, n_points=401, l1_ratio=rho)
    a = pts[0, 0]
    assert pts[0, 1] == 0.0
    assert np.isclose(rho * a + (1 - rho) / 2 * a * a, t, rtol=1e-14)
    assert geo.penalty(np.array([a, 0.0]), "enet", l1_ratio=rho) == pytest.approx(t, rel=1e-14)


def test_octahedron_mesh():
    mesh = geo.constraint_mesh("l1", 2.0)
    assert mesh.vertices.shape == (6, 3) and mesh.edges.shape == (12, 2) and mesh.faces.shape == (8, 3)
    assert sorted(map(tuple, mesh.vertices)) == sorted(
        map(tuple, np.vstack([2 * np.eye(3), -2 * np.eye(3)])))
    # outward orientation: each face's normal points away from the origin
    a, b, c = (mesh.vertices[mesh.faces[:, k]] for k in range(3))
    normals = np.cross(b - a, c - a)
    assert (np.einsum("ij,ij->i", normals, a + b + c) > 0).all()


@pytest.mark.parametrize("kind", KINDS)
def test_subdivided_meshes_are_closed_surfaces_on_the_boundary(kind):
    mesh = geo.constraint_mesh(kind, 1.5, n_subdivisions=5)
    V, E, F = len(mesh.vertices), len(mesh.edges), len(mesh.faces)
    assert V - E + F == 2 and F == 8 * 25
    np.testing.assert_allclose([geo.penalty(v, kind) for v in mesh.vertices], 1.5, rtol=1e-13)
    a, b, c = (mesh.vertices[mesh.faces[:, k]] for k in range(3))
    assert (np.einsum("ij,ij->i", np.cross(b - a, c - a), a + b + c) > 0).all()


def test_normal_cone_at_a_corner_and_on_an_edge():
    corner = geo.normal_cone(np.array([1.0, 0.0]))
    s = 1 / np.sqrt(2)
    np.testing.assert_allclose(corner[np.argsort(corner[:, 1])], [[s, -s], [s, s]], rtol=1e-15)
    edge = geo.normal_cone(np.array([0.5, -0.5]))
    np.testing.assert_allclose(edge, [[s, -s]])
    np.testing.assert_allclose(geo.normal_cone(np.array([3.0, 4.0]), "l2"), [[0.6, 0.8]])


@pytest.mark.parametrize("call, match", [
    (lambda: geo.constraint_boundary("l3", 1.0), "kind must be one of"),
    (lambda: geo.constraint_boundary("l1", -1.0), "radius must be >= 0"),
    (lambda: geo.constraint_boundary("l1", float("nan")), "radius must be finite"),
    (lambda: geo.constraint_boundary("l1", 1.0, n_points=4), "n_points must be >= 5"),
    (lambda: geo.constraint_boundary("enet", 1.0, l1_ratio=1.5), "l1_ratio must be <= 1"),
    (lambda: geo.constraint_mesh("l2", 1.0, n_subdivisions=0), "n_subdivisions must be >= 1"),
    (lambda: geo.normal_cone(np.zeros(20)), "max_rays"),
])
def test_region_bad_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- loss contours ----------------------------------------------------------------------------

@pytest.mark.parametrize("case", range(5))
def test_contours_are_level_sets_around_the_least_squares_point(case):
    X, y = pairs()[case]
    Xc, yc, _, _ = ref.center(X, y)
    c0 = geo.loss_contours(X, y, [1.0])
    np.testing.assert_allclose(Xc.T @ (yc - Xc @ c0.center), 0, atol=1e-10)   # the minimiser
    H = Xc.T @ Xc / len(y)
    np.testing.assert_allclose(H @ c0.eigenvectors, c0.eigenvectors * c0.eigenvalues, atol=1e-12)
    levels = c0.min_loss + np.array([0.0, 0.1, 1.0, 4.0])
    c = geo.loss_contours(X, y, levels, n_points=64)
    assert not c.degenerate and c.points.shape == (4, 64, 2) and c.lines.shape == (0, 2, 2, 2)
    for level, ellipse in zip(levels, c.points):
        np.testing.assert_allclose(loss(X, y, ellipse), level, rtol=1e-10)
    np.testing.assert_allclose(c.semi_axes ** 2 * c.eigenvalues / 2,
                               np.repeat((levels - c.min_loss)[:, None], 2, axis=1), atol=1e-12)


def test_perfectly_correlated_features_give_parallel_lines_not_nans():
    x = np.random.default_rng(0).normal(size=40)
    X, y = np.column_stack([x, x]), 1.5 * x + 0.2
    c = geo.loss_contours(X, y, [1e-3, 0.5])
    assert c.degenerate and c.eigenvalues[1] == 0.0 and c.points.shape == (0, 200, 2)
    assert not np.isnan(c.semi_axes).any() and np.isinf(c.semi_axes[:, 1]).all()
    assert np.isfinite(c.lines).all() and np.isfinite(c.center).all()
    for level, pair in zip([1e-3, 0.5], c.lines):
        for (p0, p1) in pair:
            direction = (p1 - p0) / np.linalg.norm(p1 - p0)
            assert abs(direction @ [1, 1]) < 1e-12                      # along x1 − x2 = const
            np.testing.assert_allclose(loss(X, y, np.linspace(p0, p1, 7)), level, rtol=1e-9)
    assert len(c.polylines()) == 4


@pytest.mark.parametrize("X, y, levels, match", [
    (np.ones((6, 2)), np.arange(6.0), [1.0], "Both features are constant"),
    (np.random.default_rng(0).normal(size=(9, 3)), np.arange(9.0), [1.0], "2-feature"),
    (demo2()[0], demo2()[1], [0.0], "smallest loss"),
    (demo2()[0], demo2()[1], [[1.0]], "1-D"),
])
def test_contour_bad_inputs(X, y, levels, match):
    with pytest.raises(ValueError, match=match):
        geo.loss_contours(X, y, levels)


# --- the contact point ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", range(5))
def test_contact_point_is_on_the_boundary_and_beats_brute_force(kind, case):
    X, y = pairs()[case]
    for frac in (0.15, 0.5, 0.85):
        t = frac * end_radius(X, y, kind)
        sol = geo.constrained_solution(X, y, t, kind)
        assert not sol.interior
        assert geo.penalty(sol.coef, kind) == pytest.approx(t, rel=1e-12)
        assert sol.loss == pytest.approx(loss(X, y, sol.coef), rel=1e-14)
        boundary = geo.constraint_boundary(kind, t, n_points=20001)
        sampled = loss(X, y, boundary).min()
        assert sol.loss <= sampled + 1e-12 * sampled
        assert sampled - sol.loss < 1e-6 * sampled          # and the sampling does get close
        # the region lies behind the separating hyperplane with normal `normal`
        assert ((boundary - sol.coef) @ sol.normal <= 1e-12 * t).all()
        assert np.linalg.norm(sol.normal) == pytest.approx(1.0)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("shape", [(50, 10), (200, 30), (15, 25)])
def test_contact_point_is_exact_in_any_dimension(kind, shape):
    n, p = shape
    X, y, _ = make_correlated(n, p, 0.6, n_informative=4, random_state=p)
    Xc, yc, _, _ = ref.center(X, y)
    rho = RHO[kind]
    t_end = end_radius(X, y, kind)
    for frac in (0.1, 0.6):
        sol = geo.constrained_solution(X, y, frac * t_end, kind)
        assert geo.penalty(sol.coef, kind) == pytest.approx(frac * t_end, rel=1e-12)
        # Lagrangian certificate: coef solves the penalised problem at alpha, so it is the
        # constrained minimiser (pen(coef) = t, alpha > 0).
        assert sol.alpha > 0
        assert ref.kkt_violation(Xc, yc, sol.coef, sol.alpha, rho) < 1e-10 * np.abs(Xc.T @ yc).max() / n
        assert ref.duality_gap(Xc, yc, sol.coef, sol.alpha, rho) < 1e-12 * (yc @ yc) / n


@pytest.mark.parametrize("shape", [(12, 20), (30, 30)])
def test_end_of_the_path_for_rank_deficient_designs(shape):
    """With p ≥ n the least-squares solutions form an affine set; the path ends at the one of smallest
    penalty (lasso: basis pursuit, checked with an LP; elastic net: no step inside the set helps)."""
    from scipy.linalg import null_space
    from scipy.optimize import linprog
    X, y, _ = make_correlated(*shape, 0.6, n_informative=4, random_state=shape[1])
    Xc, yc, _, _ = ref.center(X, y)
    fit = Xc @ np.linalg.lstsq(Xc, yc, rcond=None)[0]
    p = X.shape[1]
    lp = linprog(np.ones(2 * p), A_eq=np.hstack([Xc, -Xc]), b_eq=fit, bounds=(0, None), method="highs")
    assert geo.radius_for_alpha(X, y, 0.0, "l1") == pytest.approx(lp.fun, rel=1e-7)
    end = geo.constrained_solution(X, y, 1e6, "enet", l1_ratio=0.3)
    assert end.interior and not end.unique
    np.testing.assert_allclose(Xc @ end.coef, fit, atol=1e-9)
    steps = null_space(Xc) @ np.random.default_rng(0).normal(size=(null_space(Xc).shape[1], 200))
    for z in (1e-3 * steps).T:
        assert geo.penalty(end.coef + z, "enet", 0.3) >= geo.penalty(end.coef, "enet", 0.3) - 1e-12


def _corners_that_geometry_allows(X, y, t):
    """Corners ±t·e_j where −∇L lies in the diamond's normal cone (the corner is the contact)."""
    Xc, yc, _, _ = ref.center(X, y)
    found = []
    for j in (0, 1):
        for s in (1.0, -1.0):
            w = np.zeros(2)
            w[j] = s * t
            g = Xc.T @ (yc - Xc @ w) / len(y)
            if np.sign(g[j]) == s and abs(g[1 - j]) <= abs(g[j]):
                found.append(w)
    return found


def test_lasso_lands_on_a_corner_exactly_when_the_geometry_says_so():
    outcomes = set()
    for X, y in pairs():
        t_end = end_radius(X, y, "l1")
        for frac in np.linspace(0.05, 0.95, 10):
            sol = geo.constrained_solution(X, y, frac * t_end, "l1")
            corners = _corners_that_geometry_allows(X, y, frac * t_end)
            assert sol.at_corner == bool(corners)
            if corners:
                assert len(corners) == 1
                np.testing.assert_allclose(sol.coef, corners[0], rtol=1e-14)
                assert (sol.coef == 0).sum() == 1                       # the zero is exact
            else:
                assert (sol.coef != 0).all()
            outcomes.add(sol.at_corner)
    assert outcomes == {True, False}


@pytest.mark.parametrize("case", range(5))
def test_ridge_contact_is_off_the_axes(case):
    X, y = pairs()[case]
    sol = geo.constrained_solution(X, y, 0.4 * end_radius(X, y, "l2"), "l2")
    assert (sol.coef != 0).all() and not sol.at_corner
    np.testing.assert_allclose(sol.normal, sol.coef / np.linalg.norm(sol.coef), atol=1e-12)


@pytest.mark.parametrize("kind", KINDS)
def test_radius_beyond_the_least_squares_point_is_interior(kind):
    X, y = demo2()
    Xc, yc, _, _ = ref.center(X, y)
    w_ls = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    sol = geo.constrained_solution(X, y, 1.01 * geo.penalty(w_ls, kind), kind)
    assert sol.interior and sol.alpha == 0 and not sol.at_corner and sol.unique
    np.testing.assert_allclose(sol.coef, w_ls, rtol=1e-12)
    np.testing.assert_array_equal(sol.normal, 0.0)


def test_radius_zero_is_the_origin_at_alpha_max():
    X, y = demo2()
    sol = geo.constrained_solution(X, y, 0.0, "l1")
    np.testing.assert_array_equal(sol.coef, 0.0)
    assert sol.alpha == pytest.approx(lassofast.alpha_max(X, y), rel=1e-14) and sol.at_corner
    assert geo.constrained_solution(X, y, 0.0, "l2").alpha == np.inf


def _assert_no_nans(sol):
    for value in (sol.coef, sol.loss, sol.alpha, sol.normal):
        assert not np.isnan(value).any()


def test_identical_columns():
    x = np.random.default_rng(1).normal(size=50)
    X, y = np.column_stack([x, x]), 2 * x + np.random.default_rng(2).normal(size=50) * 0.3
    lasso = geo.constrained_solution(X, y, 0.5, "l1")
    assert lasso.coef[1] == 0.0 and lasso.coef[0] == pytest.approx(0.5, rel=1e-15)   # keeps the first
    assert lasso.at_corner and not lasso.unique
    for kind in ("l2", "enet"):
        sol = geo.constrained_solution(X, y, 0.5, kind)
        assert sol.coef[0] == pytest.approx(sol.coef[1], rel=1e-12) and sol.unique   # shared
        assert geo.penalty(sol.coef, kind) == pytest.approx(0.5, rel=1e-12)
    for kind in KINDS:
        for t in (0.5, 10.0):
            _assert_no_nans(geo.constrained_solution(X, y, t, kind))


def test_zero_column_gets_weight_zero():
    rng = np.random.default_rng(3)
    x = rng.normal(size=40)
    for other in (np.zeros(40), np.full(40, 0.1)):   # zero, and constant (zero once centred)
        X, y = np.column_stack([x, other]), x + 0.1 * rng.normal(size=40)
        for kind in KINDS:
            for t in (0.3, 5.0):
                sol = geo.constrained_solution(X, y, t, kind)
                assert sol.coef[1] == 0.0
                _assert_no_nans(sol)
        assert not geo.constrained_solution(X, y, 5.0, "l1").unique   # w2 is free inside


@pytest.mark.parametrize("kind", KINDS)
def test_zero_target_gives_zero_weights(kind):
    X = demo2()[0]
    for y in (np.zeros(len(X)), np.full(len(X), 4.2)):
        sol = geo.constrained_solution(X, y, 1.0, kind)
        assert sol.interior and sol.loss == 0.0 and sol.alpha == 0.0
        np.testing.assert_array_equal(sol.coef, 0.0)
        np.testing.assert_array_equal(sol.normal, 0.0)
        assert geo.radius_for_alpha(X, y, 0.3, kind) == 0.0
        assert geo.alpha_for_radius(X, y, 1.0, kind) == 0.0


@pytest.mark.parametrize("call, error, match", [
    (lambda X, y: geo.constrained_solution(X, y, 1.0, "L1"), ValueError, "kind must be one of"),
    (lambda X, y: geo.constrained_solution(X, y, -1.0), ValueError, "radius must be >= 0"),
    (lambda X, y: geo.constrained_solution(X, y, np.inf), ValueError, "radius must be finite"),
    (lambda X, y: geo.constrained_solution(X[:, 0], y, 1.0), ValueError, "reshape"),
    (lambda X, y: geo.constrained_solution(X, y[:-1], 1.0), ValueError, "same length"),
    (lambda X, y: geo.constrained_solution(np.where(X > 2, np.nan, X), y, 1.0), ValueError, "NaN"),
    (lambda X, y: geo.radius_for_alpha(X, y, -0.1), ValueError, "alpha must be >= 0"),
    (lambda X, y: geo.constrained_solution(X, y, "1"), TypeError, "radius must be a real number"),
])
def test_contact_bad_inputs(call, error, match):
    X, y = demo2()
    with pytest.raises(error, match=match):
        call(X, y)


# --- radius <-> alpha -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_radius_alpha_round_trips_and_monotone(kind):
    d = load_demo()
    X, y = d.X, d.y
    a_max = lassofast.alpha_max(X, y, l1_ratio=RHO[kind]) if kind != "l2" else 5.0
    alphas = a_max * np.geomspace(0.95, 1e-3, 12)
    radii = np.array([geo.radius_for_alpha(X, y, a, kind) for a in alphas])
    assert (np.diff(radii) > 0).all()                                # smaller α, larger region
    back = [geo.alpha_for_radius(X, y, t, kind) for t in radii]
    np.testing.assert_allclose(back, alphas, rtol=1e-9)
    t_end = end_radius(X, y, kind)
    targets = t_end * np.linspace(0.03, 0.97, 9)
    again = [geo.radius_for_alpha(X, y, geo.alpha_for_radius(X, y, t, kind), kind) for t in targets]
    np.testing.assert_allclose(again, targets, rtol=1e-12)
    assert geo.alpha_for_radius(X, y, 1.5 * t_end, kind) == 0.0


def test_radius_for_alpha_matches_the_path():
    d = load_demo()
    path = lassofast.lasso_path(d.X, d.y, n_alphas=15, tol=1e-12, max_iter=100000)
    radii = [geo.radius_for_alpha(d.X, d.y, a, "l1") for a in path.alphas]
    np.testing.assert_allclose(radii, np.abs(path.coefs).sum(axis=0), rtol=1e-7, atol=1e-12)
    assert geo.radius_for_alpha(d.X, d.y, 2 * path.alpha_max, "l1") == 0.0


# --- soft-threshold and coordinate descent ----------------------------------------------------

def test_soft_threshold_curve():
    pts = geo.soft_threshold_curve(0.7, z_max=2.0, n_points=101)
    assert pts.shape == (101, 2)
    z, s = pts.T
    assert (np.diff(z) > 0).all() and z[0] == -2.0 and z[-1] == 2.0
    assert any((pts == [0.7, 0.0]).all(axis=1)) and any((pts == [-0.7, 0.0]).all(axis=1))
    band = np.abs(z) <= 0.7
    assert (s[band] == 0).all()
    np.testing.assert_allclose(s[~band], z[~band] - 0.7 * np.sign(z[~band]), atol=1e-15)
    with pytest.raises(ValueError, match="z_max must exceed lam"):
        geo.soft_threshold_curve(1.0, z_max=0.5)


def _kernel(X, y, alpha, w0, rho, tol, max_iter):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return lassofast.enet_path(X, y, l1_ratio=rho, alphas=[alpha], precompute=False,
                                   screening=False, coef_init=w0, tol=tol, max_iter=max_iter)


TRACE_CASES = [(2, 0.3, 1.0, None, 1e-4), (2, 0.05, 1.0, [-1.0, 2.0], 1e-8), (6, 0.1, 1.0, None, 1e-6),
               (6, 0.2, 0.5, "ones", 1e-4), (6, 0.02, 0.7, None, 1e-10), (6, 0.3, 0.0, None, 1e-8)]


@pytest.mark.parametrize("p, frac, rho, w0, tol", TRACE_CASES)
def test_trace_ends_at_the_kernels_solution_with_its_sweep_count(p, frac, rho, w0, tol):
    d = load_demo()
    X, y = d.X[:, :p], d.y
    w0 = np.ones(p) if w0 == "ones" else w0
    alpha = frac * lassofast.alpha_max(X, y, l1_ratio=max(rho, 0.5))   # ρ = 0: ridge, α_max = ∞
    trace = geo.coordinate_descent_trace(X, y, alpha, w0=w0, l1_ratio=rho, tol=tol)
    path = _kernel(X, y, alpha, w0, rho, tol, 1000)
    np.testing.assert_allclose(trace.coefs[-1], path.coefs[:, 0], rtol=1e-12, atol=1e-14)
    assert trace.n_sweeps == path.n_iters[0] and trace.converged
    assert len(trace.coefs) == 1 + trace.n_sweeps * p
    np.testing.assert_array_equal(trace.coordinate, np.tile(np.arange(p), trace.n_sweeps))
    steps = np.diff(trace.coefs, axis=0) != 0
    assert (steps.sum(axis=1) <= 1).all()                             # one coordinate at a time
    np.testing.assert_array_equal(steps[np.arange(len(steps)), trace.coordinate], steps.any(axis=1))
    # the soft-threshold picture: zero exactly when z is inside the band
    new = trace.coefs[1:][np.arange(len(steps)), trace.coordinate]
    np.testing.assert_array_equal(new == 0, np.abs(trace.z) <= trace.threshold)


# Problems where weights still move by more than tol (relative) when the gap is already met: the
# kernel's every-GAP_EVERY-sweeps gap check is what stops it, and the trace must check at the same sweeps.
@pytest.mark.parametrize("seed, n, p, rho_x, frac, tol", [
    (0, 40, 5, 0.95, 0.3, 1e-2), (0, 40, 5, 0.95, 0.3, 1e-3), (0, 40, 5, 0.95, 0.01, 1e-4),
    (0, 60, 8, 0.9, 0.03, 1e-4)])
def test_trace_checks_the_gap_every_ten_sweeps_like_the_kernel(seed, n, p, rho_x, frac, tol):
    X, y, _ = make_correlated(n, p, rho_x, random_state=seed)
    alpha = frac * lassofast.alpha_max(X, y)
    trace = geo.coordinate_descent_trace(X, y, alpha, tol=tol)
    path = _kernel(X, y, alpha, None, 1.0, tol, 1000)
    assert trace.n_sweeps == path.n_iters[0] and trace.converged
    assert trace.n_sweeps % geo.cd_trace.GAP_EVERY == 0
    last_sweep = trace.coefs[-p - 1:]          # the weights before and after each visit of the last sweep
    step = np.abs(last_sweep[-1] - last_sweep[0]).max()
    assert step > tol * np.abs(last_sweep[-1]).max()   # the step rule alone would not have stopped here
    np.testing.assert_allclose(trace.coefs[-1], path.coefs[:, 0], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("rho, tol, precompute", [(1.0, 1e-4, False), (1.0, 1e-6, True), (0.5, 1e-3, False)])
def test_warm_started_traces_take_the_kernels_sweeps_along_a_path(rho, tol, precompute):
    """Each α of a plain-CD path (screening=False) starts from the previous α's solution: a trace from
    that warm start stops at the same sweep as the kernel did (a gap check only every GAP_EVERY
    sweeps, or when the relative step is <= tol), for every α of the grid."""
    X, y, _ = make_correlated(60, 8, 0.9, random_state=1)
    path = lassofast.enet_path(X, y, l1_ratio=rho, n_alphas=25, tol=tol, screening=False, precompute=precompute)
    assert geo.cd_trace.GAP_EVERY == lassofast._cd.GAP_EVERY_SWEEPS
    sweeps = []
    for k in range(1, len(path.alphas)):
        trace = geo.coordinate_descent_trace(X, y, path.alphas[k], w0=path.coefs[:, k - 1], l1_ratio=rho, tol=tol)
        sweeps.append(trace.n_sweeps)
        np.testing.assert_allclose(trace.coefs[-1], path.coefs[:, k], rtol=1e-10, atol=1e-12)
        assert trace.converged and trace.sweep_gaps[-1] == trace.gap <= tol * np.var(y)
        assert len(trace.sweep_gaps) == trace.n_sweeps
    np.testing.assert_array_equal(sweeps, path.n_iters[1:])
    assert max(sweeps) > geo.cd_trace.GAP_EVERY                     # some α need the every-10 check


def test_sweep_gaps_are_the_duality_gap_after_each_sweep():
    X, y, _ = make_correlated(40, 5, 0.95, random_state=0)
    alpha = 0.05 * lassofast.alpha_max(X, y)
    trace = geo.coordinate_descent_trace(X, y, alpha, tol=1e-8)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    p = X.shape[1]
    oracle = [ref.duality_gap(Xc, yc, trace.coefs[s * p], alpha) for s in range(1, trace.n_sweeps + 1)]
    np.testing.assert_allclose(trace.sweep_gaps, oracle, rtol=1e-9, atol=1e-15)
    assert trace.sweep_gaps[0] > 1e3 * trace.sweep_gaps[-1]


def test_trace_stops_at_max_sweeps_like_the_kernel():
    X, y, _ = make_correlated(40, 5, 0.95, random_state=0)
    alpha = 0.01 * lassofast.alpha_max(X, y)
    trace = geo.coordinate_descent_trace(X, y, alpha, max_sweeps=3, tol=1e-12)
    path = _kernel(X, y, alpha, None, 1.0, 1e-12, 3)
    assert trace.n_sweeps == 3 == path.n_iters[0] and not trace.converged
    np.testing.assert_allclose(trace.coefs[-1], path.coefs[:, 0], rtol=1e-12, atol=1e-14)


def test_trace_zero_column_follows_the_kernels_rule():
    d = load_demo()
    X = np.column_stack([d.X[:, 0], np.full(len(d.y), 3.0), d.X[:, 1]])
    trace = geo.coordinate_descent_trace(X, d.y, 0.1, w0=[0.0, 5.0, 0.0])
    path = _kernel(X, d.y, 0.1, np.array([0.0, 5.0, 0.0]), 1.0, 1e-4, 1000)
    assert trace.coefs[2, 1] == 0.0 and trace.z[1] == 0.0 and trace.threshold[1] == 0.0
    np.testing.assert_allclose(trace.coefs[-1], path.coefs[:, 0], rtol=1e-12)
    assert trace.n_sweeps == path.n_iters[0]


def test_coordinate_update_is_the_traces_first_step():
    X, y = demo2()
    alpha = 0.4 * lassofast.alpha_max(X, y)
    trace = geo.coordinate_descent_trace(X, y, alpha, l1_ratio=0.8)
    up = geo.coordinate_update(X, y, np.zeros(2), 0, alpha, l1_ratio=0.8)
    assert up.new == trace.coefs[1, 0] and up.z == trace.z[0] and up.threshold == trace.threshold[0]
    assert up.band == (-up.threshold, up.threshold) and up.zeroed == (abs(up.z) <= up.threshold)
    assert up.new == pytest.approx(up.shrink * lassofast.soft_threshold(up.z, up.threshold), rel=1e-14)
    with pytest.raises(ValueError, match="j must be <= 1"):
        geo.coordinate_update(X, y, np.zeros(2), 2, alpha)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"alpha": 0.0}, ValueError, "alpha must be > 0"),
    ({"w0": [1.0, 2.0, 3.0]}, ValueError, "w0 must have shape"),
    ({"max_sweeps": 0}, ValueError, "max_sweeps must be >= 1"),
    ({"max_sweeps": 2.5}, TypeError, "max_sweeps must be an integer"),
    ({"l1_ratio": -0.1}, ValueError, "l1_ratio must be >= 0"),
])
def test_trace_bad_inputs(kwargs, error, match):
    X, y = demo2()
    args = {"alpha": 0.1, **kwargs}
    with pytest.raises(error, match=match):
        geo.coordinate_descent_trace(X, y, **args)


# --- correlated features ----------------------------------------------------------------------

@pytest.mark.parametrize("k, corr", [(2, 0.9), (2, -0.95), (4, 0.5), (3, -0.4)])
def test_correlated_features_have_exactly_the_asked_correlation(k, corr):
    X, y, coef = geo.make_correlated_features(80, k, corr, noise=0.5, random_state=3)
    target = (1 - corr) * np.eye(k) + corr
    np.testing.assert_allclose(np.corrcoef(X.T), target, atol=1e-12)
    np.testing.assert_allclose(X.T @ X / 80, target, atol=1e-12)      # centred, ||x_j||² = n
    again = geo.make_correlated_features(80, k, corr, noise=0.5, random_state=3)
    np.testing.assert_array_equal(again[0], X)
    np.testing.assert_array_equal(again[1], y)
    assert coef.shape == (k,)


def test_correlation_one_gives_identical_columns_and_bad_values_are_rejected():
    X, _, _ = geo.make_correlated_pair(30, 1.0, random_state=0)
    np.testing.assert_allclose(X[:, 0], X[:, 1], atol=1e-12)
    with pytest.raises(ValueError, match="corr must be >= -0.5"):
        geo.make_correlated_features(30, 3, -0.6)
    with pytest.raises(ValueError, match="n_samples must be >= 4"):
        geo.make_correlated_features(3, 3, 0.2)
    with pytest.raises(ValueError, match="one entry per feature"):
        geo.make_correlated_pair(30, 0.5, coef=(1.0, 2.0, 3.0))


def test_lasso_picks_one_of_two_correlated_features_elastic_net_keeps_both():
    X, y, _ = geo.make_correlated_pair(100, 0.99, noise=1.0, random_state=0)
    alpha = 0.7 * lassofast.alpha_max(X, y)
    lasso = geo.selection_stability(X, y, alpha, 1.0, n_resamples=100, random_state=1)
    enet = geo.selection_stability(X, y, alpha, 0.3, n_resamples=100, random_state=1)
    np.testing.assert_array_equal(lasso.frequency, (lasso.coefs != 0).mean(axis=0))
    assert lasso.coefs.shape == (100, 2)
    assert (lasso.frequency < 0.9).all()                   # each is dropped in some resamples ...
    assert lasso.joint_frequency()[0, 1] < 0.5             # ... and usually only one is kept
    assert enet.joint_frequency()[0, 1] > 0.9              # the elastic net keeps the pair
    same = geo.selection_stability(X, y, alpha, 1.0, n_resamples=100, random_state=1)
    np.testing.assert_array_equal(same.coefs, lasso.coefs)


# --- the README figure ------------------------------------------------------------------------

def test_geometry_command_writes_a_png(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    from lassofast.cli.geometry import main
    out = tmp_path / "g.png"
    assert main(["--out", str(out), "--dpi", "40"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["--out", str(out), "--features", "x1", "x1"]) == 2
    assert "two different names" in capsys.readouterr().err
    assert main(["--out", str(tmp_path / "missing" / "g.png")]) == 1   # a usage error is 2, this is not
    assert "does not exist" in capsys.readouterr().err


def test_geometry_is_a_package_that_offers_its_public_names_only():
    """Today's names are all still here; no helper imports leak into dir() (np, brentq, daxpy...)."""
    names = set(dir(geo))
    assert set(geo.__all__) <= names and len(geo.__all__) >= 21
    assert not names & {"np", "brentq", "daxpy", "ddot", "qr", "warnings", "itertools", "dataclass"}
    assert geo.make_correlated_pair is __import__("lassofast.datasets").datasets.make_correlated_pair
