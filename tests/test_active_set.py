"""The active-set method that takes over near saturation (lassofast._active_set)."""
import numpy as np
import pytest

import lassofast
import lassofast.reference as ref
from lassofast import _active_set, _cd
from lassofast.datasets import make_correlated

from lassofast._testing import assert_path_certified

TOL = 1e-8


def _saturating_problem(seed, n=60, p=300, rho=0.6):
    """Correlated Gaussian design, p = 5n: down to eps = 1e-4 the support reaches n − 1."""
    X, y, _ = make_correlated(n, p, rho=rho, n_informative=20, random_state=seed)
    return X, y


@pytest.fixture(autouse=True)
def saturation_switch_at_any_size(monkeypatch):
    """These small problems (n = 60) test the method itself: let the saturation switch fire at
    their size too (by default it needs n_samples >= SATURATION_MIN_SAMPLES), and at half of n, so
    that most of each path is the method's."""
    monkeypatch.setattr(_active_set, "SATURATION_MIN_SAMPLES", 0)
    monkeypatch.setattr(_active_set, "SATURATION", 0.5)


@pytest.fixture
def spy(monkeypatch):
    """Record how many α each active-set run certified."""
    runs = []
    original = _active_set.lasso_path_active_set

    def recording(*args, **kwargs):
        result = original(*args, **kwargs)
        runs.append(len(result[1]))
        return result

    monkeypatch.setattr(_active_set, "lasso_path_active_set", recording)
    return runs


def _centred(X, y, fit_intercept=True):
    return ref.center(X, y)[:2] if fit_intercept else (X, y)


@pytest.mark.parametrize("seed", [0, 1, 3])
@pytest.mark.parametrize("fit_intercept", [True, False])  # the support reaches n - 1 or n
@pytest.mark.parametrize("positive", [False, True])
def test_takes_over_near_saturation_and_every_alpha_is_certified(seed, fit_intercept, positive, spy,
                                                                  monkeypatch):
    X, y = _saturating_problem(seed)
    kw = dict(eps=1e-4, n_alphas=50, tol=TOL, max_iter=100_000, fit_intercept=fit_intercept,
              positive=positive)
    path = lassofast.lasso_path(X, y, **kw)
    assert spy and spy[0] > 0  # it ran and certified grid points
    assert not positive or path.coefs.min() >= 0
    assert_path_certified(X, y, path, TOL, fit_intercept, positive)
    # The same objective values as coordinate descent alone, to the certified accuracy.
    monkeypatch.setattr(_active_set, "eligible", lambda *args: False)
    cd = lassofast.lasso_path(X, y, **kw)
    Xc, yc = _centred(X, y, fit_intercept)
    gap_tol = TOL * (yc @ yc) / len(yc)
    for k, alpha in enumerate(path.alphas):
        p_as = ref.primal_objective(Xc, yc, path.coefs[:, k], alpha)
        p_cd = ref.primal_objective(Xc, yc, cd.coefs[:, k], alpha)
        assert abs(p_as - p_cd) <= 2.02 * gap_tol + 1e-14


def test_when_it_cannot_go_on_coordinate_descent_finishes(spy, monkeypatch):
    original = _active_set.lasso_path_active_set
    monkeypatch.setattr(_active_set, "lasso_path_active_set",
                        lambda *args, **kwargs: original(*args, **{**kwargs, "max_steps": 1}))
    X, y = _saturating_problem(1)
    path = lassofast.lasso_path(X, y, eps=1e-4, n_alphas=50, tol=TOL, max_iter=100_000)
    assert_path_certified(X, y, path, TOL)
    # The method stopped early (one step per run), so the α after its runs are coordinate descent's:
    # certified above, though the method certified only a few.
    assert spy and sum(spy) < len(path.alphas) // 2


def test_solves_from_a_warm_start_without_the_kernel():
    X, y = _saturating_problem(0)
    Xc, yc, _, _ = ref.center(X, y)
    n = len(yc)
    a_max = np.abs(Xc.T @ yc).max() / n
    alphas = a_max * np.geomspace(1e-2, 1e-3, 6)
    w = ref.cd_solve(Xc, yc, alphas[0], tol=1e-14, max_iter=200_000)[0]
    gap_tol = TOL * (yc @ yc)
    coefs, gaps, passes = _active_set.lasso_path_active_set(np.asfortranarray(Xc), yc, w.copy(),
                                                            alphas[1:], gap_tol)
    assert len(gaps) == len(alphas) - 1
    for k, alpha in enumerate(alphas[1:]):
        assert ref.duality_gap(Xc, yc, coefs[k], alpha) * n <= gap_tol * 1.01
        assert gaps[k] <= gap_tol
        assert np.count_nonzero(coefs[k]) < n
    assert np.all(passes >= 1)


@pytest.mark.parametrize("kwargs", [dict(l1_ratio=0.9), dict(screening=False)])
def test_only_the_dense_float64_lasso_uses_it(kwargs, spy):
    X, y = _saturating_problem(1)
    lassofast.enet_path(X, y, **{"l1_ratio": 1.0, **kwargs}, eps=1e-4, n_alphas=30, tol=1e-6,
                        max_iter=20_000)
    lassofast.lasso_path(X.astype(np.float32), y.astype(np.float32), eps=1e-4, n_alphas=30, tol=1e-4)
    assert spy == []


@pytest.mark.parametrize("seed", [0, 1, 3])
def test_copies_of_features_do_not_stop_it(seed, spy):
    """Copies (plain and scaled by −3) of 60 of the columns: a copy of a member of A is a violator
    only by rounding and lies in span(X_A), so it is passed over, not swapped in (it would be swapped
    back and forth) and not a reason to hand over to CD."""
    X, y = _saturating_problem(seed)
    X_dup = np.column_stack([X, X[:, :40], -3 * X[:, 40:60]])
    path = lassofast.lasso_path(X_dup, y, eps=1e-4, n_alphas=50, tol=TOL, max_iter=100_000)
    handed_over = int(np.argmax(np.count_nonzero(path.coefs, axis=0) >= 30)) + 1
    assert spy == [50 - handed_over]  # every α after the switch certified by the active set
    assert_path_certified(X_dup, y, path, TOL)


def _diabetes_products():
    """Real data with strongly correlated and dependent columns: products of ≤ 3 standardised
    diabetes features (n = 442, p = 285; sex² is sex again after standardising)."""
    from sklearn.datasets import load_diabetes
    from sklearn.preprocessing import PolynomialFeatures
    X, y = load_diabetes(return_X_y=True)
    Z = PolynomialFeatures(degree=3, include_bias=False).fit_transform((X - X.mean(0)) / X.std(0))
    return (Z - Z.mean(0)) / Z.std(0), y


@pytest.fixture
def newton_off():
    """CD without its Newton steps: slow enough on the diabetes products for the switch to fire in
    both layouts (with them, the dense layout's CD solves that path in at most a dozen sweeps per α)."""
    _cd.set_newton(False)
    yield
    _cd.set_newton(True)


@pytest.mark.parametrize("precompute", [True, False])  # Gram layout (n > p) and dense layout
def test_takes_over_where_coordinate_descent_is_slow(precompute, spy, monkeypatch, newton_off):
    X, y = _diabetes_products()
    kw = dict(eps=1e-3, n_alphas=100, tol=TOL, max_iter=100_000, precompute=precompute)
    path = lassofast.lasso_path(X, y, **kw)
    assert np.count_nonzero(path.coefs[:, -1]) < X.shape[0] / 2  # not by the support-size rule
    assert spy and spy[0] > 0
    assert_path_certified(X, y, path, TOL)
    monkeypatch.setattr(_active_set, "eligible", lambda *args: False)
    cd = lassofast.lasso_path(X, y, **kw)
    assert cd.n_iters.max() > _active_set.SLOW_SWEEPS  # CD alone is slow at some α
    assert path.n_iters.max() <= _active_set.SLOW_SWEEPS


def test_well_conditioned_tall_data_stays_on_coordinate_descent(spy):
    X, y, _ = make_correlated(2000, 300, rho=0.3, random_state=0)
    path = lassofast.lasso_path(X, y, eps=1e-3, tol=TOL, max_iter=100_000)
    assert spy == [] and path.n_iters.max() <= _active_set.SLOW_SWEEPS


def test_starts_from_a_support_with_dependent_columns():
    """A warm start that uses both copies of a feature (X_A singular) is reduced to independent
    columns with the same fit, and every α is certified from there."""
    X, y = _saturating_problem(2)
    Xc, yc, _, _ = ref.center(X, y)
    n, p = Xc.shape
    a_max = np.abs(Xc.T @ yc).max() / n
    alphas = a_max * np.geomspace(1e-2, 1e-3, 6)
    w = lassofast.lasso_path(Xc, yc, alphas=alphas[:1], fit_intercept=False, tol=1e-12,
                             max_iter=100_000).coefs[:, 0]
    copied = np.flatnonzero(w)[:5]
    X_dup = np.asfortranarray(np.column_stack([Xc, Xc[:, copied]]))
    w_dup = np.concatenate([w, 0.7 * w[copied]])  # same fit and l1 norm, split over the copies
    w_dup[copied] *= 0.3
    gap_tol = TOL * (yc @ yc)
    coefs, gaps, _ = _active_set.lasso_path_active_set(X_dup, yc, w_dup, alphas[1:], gap_tol)
    assert len(gaps) == len(alphas) - 1
    for k, alpha in enumerate(alphas[1:]):
        assert ref.duality_gap(X_dup, yc, coefs[k], alpha) * n <= gap_tol * 1.01


def test_qr_kernels_keep_the_factorisation_exact_under_appends_and_removals():
    rng = np.random.default_rng(7)
    n, p = 30, 60
    X = np.asfortranarray(rng.standard_normal((n, p)))
    qr = _active_set._SupportQR(X, [3, 8, 1])
    members = [3, 8, 1]
    for step in range(200):
        if len(members) < n and (not members or rng.random() < 0.6):
            j = int(rng.choice([c for c in range(p) if c not in members]))
            assert qr.add(j)
            members.append(j)
        else:
            i = int(rng.integers(len(members)))
            qr.drop(i)
            del members[i]
        k = len(members)
        assert qr.A == members
        Q, R = qr.Q[:, :k], qr.R[:k, :k]
        np.testing.assert_allclose(Q @ np.triu(R), X[:, members], atol=1e-10)
        np.testing.assert_allclose(Q.T @ Q, np.eye(k), atol=1e-10)


def test_qr_append_rejects_a_dependent_column_and_changes_nothing():
    rng = np.random.default_rng(8)
    X = np.asfortranarray(rng.standard_normal((10, 20)))
    X[:, 5] = X[:, 0] - 2 * X[:, 1]
    qr = _active_set._SupportQR(X, [0, 1])
    Q, R = qr.Q.copy(), qr.R.copy()
    assert not qr.add(5)
    assert qr.A == [0, 1]
    np.testing.assert_array_equal(qr.Q[:, :2], Q[:, :2])
    np.testing.assert_array_equal(qr.R[:2, :2], R[:2, :2])
    full = _active_set._SupportQR(X, list(range(6, 16)))  # 10 independent columns: X_A is square
    assert not full.add(0)


def test_qr_restricted_minimiser_solves_the_normal_equations():
    rng = np.random.default_rng(9)
    X = np.asfortranarray(rng.standard_normal((40, 25)))
    y = rng.standard_normal(40)
    qr = _active_set._SupportQR(X, [2, 4, 6, 8, 10])
    qr.add(12)
    qr.drop(1)
    A = qr.A
    s = np.sign(rng.standard_normal(len(A)))
    w_A = qr.restricted_minimiser(y, 3.0, s)
    XA = X[:, A]
    np.testing.assert_allclose(XA.T @ XA @ w_A, XA.T @ y - 3.0 * s, atol=1e-9)
    w = np.zeros(X.shape[1])
    w[A] = w_A
    np.testing.assert_allclose(qr.residual(y, w), y - XA @ w_A, atol=1e-12)


def test_violators_missed_by_the_screen_are_caught_by_the_certificate():
    X, y = _saturating_problem(2)
    Xc, yc, _, _ = ref.center(X, y)
    Xc = np.asfortranarray(Xc)
    n = len(yc)
    a_max = np.abs(Xc.T @ yc).max() / n
    w = ref.cd_solve(Xc, yc, 0.05 * a_max, tol=1e-14, max_iter=200_000)[0]
    support = _active_set._SupportQR(Xc, np.flatnonzero(w))
    corr = Xc.T @ (yc - Xc @ w)
    empty_screen = np.empty(0, dtype=np.intp)  # nothing checked between certificates
    gap_tol = TOL * (yc @ yc)
    result = _active_set._solve_one(Xc, yc, w, n * 0.02 * a_max, support, gap_tol, 4 * n, empty_screen,
                                    corr)
    assert result is not None and result[1] >= 2  # a certificate found violators, a later one passed
    assert ref.duality_gap(Xc, yc, w, 0.02 * a_max) * n <= gap_tol * 1.01
    np.testing.assert_allclose(corr, Xc.T @ (yc - Xc @ w), atol=1e-9)


def test_corr_on_reads_the_chosen_columns():
    rng = np.random.default_rng(10)
    X = np.asfortranarray(rng.standard_normal((15, 40)))
    r = rng.standard_normal(15)
    cols = np.array([0, 7, 39, 7], dtype=np.intp)
    out = np.empty(4)
    from lassofast import _cd
    _cd.corr_on(X, r, cols, out)
    np.testing.assert_allclose(out, X[:, cols].T @ r, rtol=1e-12)


def test_verbose_path_counts_the_active_set_alphas_once(spy, capsys):
    X, y = _saturating_problem(1)
    path = lassofast.lasso_path(X, y, eps=1e-4, n_alphas=50, tol=TOL, max_iter=100_000, verbose=True)
    err = capsys.readouterr().err
    assert spy and spy[0] > 0
    assert "50/50" in err and "51/50" not in err
    assert_path_certified(X, y, path, TOL)


def test_small_dense_problems_switch_only_where_cd_is_slow(monkeypatch):
    """Below SATURATION_MIN_SAMPLES the support reaching SATURATION·n is no reason to switch (the method's
    per-α cost in Python exceeds CD's there); an α open after SLOW_SWEEPS · SATURATION_MIN_SAMPLES / n
    sweeps still is (a sweep is cheaper the smaller n: more of them are worth the method's fixed cost)."""
    X, y = _saturating_problem(0)
    design = lassofast.path._Design(np.asfortranarray(X), True, "auto")
    assert _active_set.switch_rule(design) == (int(np.ceil(_active_set.SATURATION * 60)), _active_set.SLOW_SWEEPS)
    monkeypatch.setattr(_active_set, "SATURATION_MIN_SAMPLES", 120)
    assert _active_set.switch_rule(design) == (-1, 2 * _active_set.SLOW_SWEEPS)
    path = lassofast.lasso_path(X, y, eps=1e-4, n_alphas=50, tol=TOL, max_iter=100_000)
    assert_path_certified(X, y, path, TOL)
