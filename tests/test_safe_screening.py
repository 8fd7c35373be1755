"""Gap-safe screening in the active-set method (lassofast._active_set._SafeScreen): certificates that
read only the columns the test keeps, and still certify the whole problem."""
import numpy as np
import pytest

import lassofast
import lassofast.reference as ref
from lassofast import _active_set
from lassofast._testing import assert_path_certified
from lassofast.datasets import make_correlated

TOL = 1e-8


@pytest.fixture(autouse=True)
def screening_at_any_size(monkeypatch):
    """Small wide problems, most of whose path the active-set method solves, with screening on."""
    monkeypatch.setattr(_active_set, "SATURATION_MIN_SAMPLES", 0)
    monkeypatch.setattr(_active_set, "SATURATION", 0.5)
    monkeypatch.setattr(_active_set._SafeScreen, "MIN_SIZE", 0)


@pytest.fixture
def certificates(monkeypatch):
    """(columns read, p) of every certificate the screen makes, and the α each run certified."""
    log = {"reads": [], "runs": []}
    certify, run = _active_set._SafeScreen.certify, _active_set.lasso_path_active_set

    def recording_certify(self, X, *args):
        result = certify(self, X, *args)
        log["reads"].append((len(result[1]), X.shape[1]))
        return result

    def recording_run(*args, **kwargs):
        result = run(*args, **kwargs)
        log["runs"].append(len(result[1]))
        return result

    monkeypatch.setattr(_active_set._SafeScreen, "certify", recording_certify)
    monkeypatch.setattr(_active_set, "lasso_path_active_set", recording_run)
    return log


def _wide_problem(seed, n=60, p=1500):
    X, y, _ = make_correlated(n, p, rho=0.3, n_informative=15, random_state=seed)
    return X, y


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_screened_certificates_read_few_columns_and_certify_every_alpha(seed, fit_intercept, certificates,
                                                                        monkeypatch):
    X, y = _wide_problem(seed)
    kw = dict(eps=1e-3, n_alphas=60, tol=TOL, max_iter=100_000, fit_intercept=fit_intercept)
    path = lassofast.lasso_path(X, y, **kw)
    reads = certificates["reads"]
    assert certificates["runs"] and certificates["runs"][0] > 0
    assert any(read < p / 4 for read, p in reads)  # the screen left most columns out of some
    Xc, yc, gap_tol = assert_path_certified(X, y, path, TOL, fit_intercept)
    monkeypatch.setattr(_active_set, "eligible", lambda *args: False)  # coordinate descent alone
    cd = lassofast.lasso_path(X, y, **kw)
    for k, alpha in enumerate(path.alphas):
        p_screened = ref.primal_objective(Xc, yc, path.coefs[:, k], alpha)
        assert abs(p_screened - ref.primal_objective(Xc, yc, cd.coefs[:, k], alpha)) <= 2.02 * gap_tol + 1e-14


def test_a_feature_left_out_wrongly_is_read_again_when_its_bound_passes_lambda(certificates, monkeypatch):
    """With a test that keeps only the support (unsafe: features that must enter are left out), the
    bounds of the left-out features still bring them back, and the method certifies as many α as
    with the safe test (none is handed back to coordinate descent)."""
    X, y = _wide_problem(2)
    kw = dict(eps=1e-3, n_alphas=60, tol=TOL, max_iter=100_000)
    lassofast.lasso_path(X, y, **kw)
    safe_runs = list(certificates["runs"])
    safe_test = _active_set._SafeScreen.new_alpha

    def support_only(self, w, y, r, corr, lam):
        safe_test(self, w, y, r, corr, lam)
        drop = self.kept & (w == 0)  # (their corr is exact: bound them at r_ref, as the test does)
        self.ub[drop] = np.abs(corr[drop]) + self.norms[drop] * np.linalg.norm(r - self.ref)
        self.kept &= w != 0

    monkeypatch.setattr(_active_set._SafeScreen, "new_alpha", support_only)
    certificates["runs"].clear()
    path = lassofast.lasso_path(X, y, **kw)
    assert_path_certified(X, y, path, TOL, True)
    assert safe_runs and certificates["runs"] == safe_runs


def test_the_gap_with_left_out_features_uses_their_bound():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 80))
    y = rng.standard_normal(30)
    w = np.zeros(80)
    w[:5] = rng.standard_normal(5) * 0.1
    r = y - X @ w
    corr = X.T @ r
    lam = 0.9 * np.abs(corr).max()
    kept = np.arange(40)
    outside = 1.3 * np.abs(corr[kept]).max()
    stand_in = corr.copy()  # the left-out features replaced by their bound
    stand_in[40:] = 0.0
    stand_in[79] = outside
    np.testing.assert_allclose(_active_set.gap_from_residual(w, y, r, corr, lam, kept=kept, outside=outside),
                               _active_set.gap_from_residual(w, y, r, stand_in, lam), rtol=1e-12)
    np.testing.assert_allclose(_active_set.gap_from_residual(w, y, r, corr, lam, kept=np.arange(80)),
                               _active_set.gap_from_residual(w, y, r, corr, lam), rtol=1e-12)


def test_the_compiled_screening_passes_match_their_numpy_statement():
    """_cd.screen_dual_norm, screen_keep and screen_bounds against the test and bounds written out in
    NumPy."""
    from lassofast import _cd
    rng = np.random.default_rng(4)
    X = rng.standard_normal((30, 400))
    y = rng.standard_normal(30)
    norms = np.linalg.norm(X, axis=0)
    w = np.zeros(400)
    w[:6] = rng.standard_normal(6) * 0.05
    r = y - X @ w
    ref_r = r + 0.05 * rng.standard_normal(30)
    corr = X.T @ r
    kept = rng.random(400) < 0.5
    kept[:6] = True
    ub = np.abs(X.T @ ref_r) * (1.0 + rng.random(400))
    dist = np.linalg.norm(r - ref_r)
    counts = []
    for lam in np.array([0.5, 0.9, 1.2, 2.0]) * np.abs(corr).max():
        a = np.where(kept, np.abs(corr), ub + norms * dist)
        scale = min(1.0, lam / a.max())
        gap = 0.5 * (r @ r) + lam * np.abs(w).sum() - (scale * (r @ y) - 0.5 * scale ** 2 * (r @ r))
        keep = (w != 0) | (scale * a + np.sqrt(2.0 * max(gap, 0.0)) * norms >= lam)
        expected_ub = np.where(kept & ~keep, a + norms * dist, ub)
        got_kept, got_ub = kept.copy(), ub.copy()
        assert _cd.screen_dual_norm(corr, ub, norms, kept.view(np.uint8), dist) == a.max()
        count = _cd.screen_keep(corr, got_ub, norms, w, got_kept.view(np.uint8), dist, scale,
                                np.sqrt(2.0 * max(gap, 0.0)), lam)
        assert count == keep.sum()
        counts.append(count)
        np.testing.assert_array_equal(got_kept, keep)
        np.testing.assert_allclose(got_ub, expected_ub, rtol=1e-14)

        bound = ub + norms * dist
        expected_kept = kept | (bound > lam)
        got_kept = kept.copy()
        count, outside = _cd.screen_bounds(ub, norms, got_kept.view(np.uint8), dist, lam)
        np.testing.assert_array_equal(got_kept, expected_kept)
        assert count == expected_kept.sum()
        assert outside == pytest.approx(bound[~expected_kept].max(initial=0.0), rel=1e-14)
    assert any(0 < count < 400 for count in counts)  # (some λ drops features, some keeps them)
