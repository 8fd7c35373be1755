"""penalty_factor and standardize (issue 15), dense X: against python-glmnet (its tolerance set tight)
and the KKT conditions of the weighted-penalty problem."""
import warnings

import numpy as np
import pytest
import sklearn.linear_model as sklm

import lassofast
from lassofast._testing import make_problem

glmnet = pytest.importorskip("glmnet")
TIGHT = dict(tol=1e-14, max_iter=1_000_000)


def _data(n=100, p=8, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) * rng.uniform(0.5, 3.0, p) + rng.uniform(-2, 2, p)
    y = X[:, :3] @ np.array([1.0, -2.0, 0.5]) + rng.standard_normal(n) + 3.0
    return X, y


def _glmnet(X, y, alphas, **kw):
    fit_kw = {k: kw.pop(k) for k in ("relative_penalties", "sample_weight") if k in kw}
    kw.setdefault("standardize", False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return glmnet.ElasticNet(alpha=kw.pop("l1_ratio", 1.0), lambda_path=alphas, tol=1e-14, n_splits=0,
                                 **kw).fit(X, y, **fit_kw)


def _kkt_violation(X, y, path, factors, sample_weight=None):
    """max over α of the weighted-penalty lasso's KKT residual (objective scale), on the original data."""
    n = len(y)
    w = np.ones(n) if sample_weight is None else sample_weight * n / sample_weight.sum()
    worst = 0.0
    finite = np.isfinite(factors)
    factors = np.where(finite, factors, 0.0)
    for k, alpha in enumerate(path.alphas):
        coef = path.coefs[:, k]
        r = y - X @ coef - path.intercepts[k]
        assert abs(w @ r) <= 1e-8 * n * (1 + np.abs(y).max())  # intercept optimal
        g = X.T @ (w * r) / n
        assert not coef[~finite].any()  # excluded features stay 0
        viol = np.where(coef != 0, np.abs(g - alpha * factors * np.sign(coef)),
                        np.maximum(np.abs(g) - alpha * factors, 0.0))
        worst = max(worst, float(np.max(viol[finite], initial=0.0)))
    return worst


@pytest.mark.parametrize("factors", [[0, 1, 2, 0.5, 1, 1, 3, 1.0], [1, 1, 2, 0.5, 1, 1, 3, 1.0],
                                     [0, 0, 1, 1, 1, 1, 1, 1.0]])
def test_penalty_factor_equals_glmnet_rescaled(factors):
    X, y = _data()
    f = np.array(factors)
    ours = lassofast.lasso_path(X, y, penalty_factor=f, rescale_penalty_factor=True, n_alphas=12, **TIGHT)
    theirs = _glmnet(X, y, ours.alphas, relative_penalties=f)
    np.testing.assert_allclose(ours.coefs, theirs.coef_path_, atol=1e-7)
    np.testing.assert_allclose(ours.intercepts, theirs.intercept_path_, atol=1e-7)
    assert _kkt_violation(X, y, ours, f * len(f) / f.sum()) <= 1e-9
    assert (ours.coefs[f == 0] != 0).all()  # unpenalised: in the model at every α
    assert not ours.coefs[f > 0, 0].any()   # α_max is that of the weighted penalty


def test_penalty_factor_as_given_and_inf_excludes():
    X, y = _data(seed=1)
    f = np.array([0.0, 1.0, np.inf, 0.5, 2.0, 1.0, np.inf, 1.0])
    ours = lassofast.lasso_path(X, y, penalty_factor=f, n_alphas=12, **TIGHT)
    assert not ours.coefs[[2, 6]].any()
    assert _kkt_violation(X, y, ours, f) <= 1e-9
    # glmnet on the columns kept, with factors already summing to their number (its rescaling a no-op)
    kept = np.isfinite(f)
    scale = kept.sum() / f[kept].sum()
    on_kept = lassofast.lasso_path(X[:, kept], y, penalty_factor=f[kept] * scale, alphas=ours.alphas / scale,
                                   **TIGHT)
    theirs = _glmnet(X[:, kept], y, ours.alphas / scale, relative_penalties=f[kept] * scale)
    np.testing.assert_allclose(on_kept.coefs, theirs.coef_path_, atol=1e-7)
    np.testing.assert_allclose(ours.coefs[kept], on_kept.coefs, atol=1e-9)


def test_unit_factors_change_nothing_and_lasso_scaling_matches_sklearn():
    X, y = _data(seed=2)
    plain = lassofast.lasso_path(X, y, n_alphas=10, **TIGHT)
    ones = lassofast.lasso_path(X, y, n_alphas=10, penalty_factor=np.ones(8), **TIGHT)
    np.testing.assert_allclose(ones.coefs, plain.coefs, atol=1e-10)
    f = np.linspace(0.5, 2.0, 8)
    ours = lassofast.lasso_path(X, y, penalty_factor=f, n_alphas=6, **TIGHT)
    for k in (2, 4):
        sk = sklm.Lasso(alpha=ours.alphas[k], **TIGHT).fit(X / f, y)  # the column-scaling identity
        np.testing.assert_allclose(ours.coefs[:, k], sk.coef_ / f, atol=1e-8)


def _unit_sd(y, w=None):
    """glmnet scales y to unit (weighted population) standard deviation internally, which for
    l1_ratio < 1 changes the problem; on a y of unit sd both solve the same one."""
    w = np.ones(len(y)) if w is None else w
    w = w / w.sum()
    return y / np.sqrt(w @ (y - w @ y) ** 2)


def test_enet_with_zero_and_inf_factors_equals_glmnet():
    X, y = _data(seed=3)
    y = _unit_sd(y)
    f = np.array([0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    ours = lassofast.enet_path(X, y, l1_ratio=0.5, penalty_factor=f, rescale_penalty_factor=True, n_alphas=10,
                               **TIGHT)
    theirs = _glmnet(X, y, ours.alphas, l1_ratio=0.5, relative_penalties=f)
    np.testing.assert_allclose(ours.coefs, theirs.coef_path_, atol=1e-7)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_standardize_equals_glmnet(weighted, l1_ratio):
    X, y = _data(seed=4)
    w = np.random.default_rng(5).uniform(0.2, 3.0, len(y)) if weighted else None
    y = _unit_sd(y, w)
    ours = lassofast.enet_path(X, y, l1_ratio=l1_ratio, standardize=True, sample_weight=w, n_alphas=12, **TIGHT)
    theirs = _glmnet(X, y, ours.alphas, l1_ratio=l1_ratio, standardize=True,
                     **({} if w is None else {"sample_weight": w}))
    np.testing.assert_allclose(ours.coefs, theirs.coef_path_, atol=1e-7)
    np.testing.assert_allclose(ours.intercepts, theirs.intercept_path_, atol=1e-7)
    # the same as the unstandardised path of the standardised columns, mapped back
    wn = np.ones(len(y)) if w is None else w / w.mean()
    mean = wn @ X / len(y)
    std = np.sqrt(wn @ (X - mean) ** 2 / len(y))
    on_scaled = lassofast.enet_path(X / std, y, l1_ratio=l1_ratio, sample_weight=w, alphas=ours.alphas, **TIGHT)
    np.testing.assert_allclose(ours.coefs, on_scaled.coefs / std[:, None], atol=1e-9)


def test_standardize_with_penalty_factor_and_off_grid():
    X, y = _data(seed=6)
    f = np.array([0.0, 1.0, 2.0, 1.0, 1.0, 0.5, 1.0, 1.0])
    ours = lassofast.lasso_path(X, y, standardize=True, penalty_factor=f, rescale_penalty_factor=True,
                                n_alphas=10, **TIGHT)
    theirs = _glmnet(X, y, ours.alphas, standardize=True, relative_penalties=f)
    np.testing.assert_allclose(ours.coefs, theirs.coef_path_, atol=1e-7)
    alpha = float(np.sqrt(ours.alphas[4] * ours.alphas[5]))
    theirs_at = _glmnet(X, y, np.array([ours.alphas[0], alpha]), standardize=True, relative_penalties=f)
    np.testing.assert_allclose(ours.coef_at(alpha, X, y), theirs_at.coef_path_[:, 1], atol=1e-7)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_sparse_standardize_and_factors_equal_dense(fit_intercept):
    from scipy import sparse
    X, y = make_problem("wide")
    X[np.abs(X) < 0.8] = 0.0
    X[:, 3] *= 50.0
    f = np.linspace(0.5, 2.0, X.shape[1])
    f[7] = np.inf
    kw = dict(standardize=True, penalty_factor=f, fit_intercept=fit_intercept, n_alphas=10, **TIGHT)
    dense = lassofast.lasso_path(X, y, **kw)
    on_sparse = lassofast.lasso_path(sparse.csr_matrix(X), y, **kw)
    np.testing.assert_allclose(on_sparse.alphas, dense.alphas, rtol=1e-10)
    np.testing.assert_allclose(on_sparse.coefs, dense.coefs, atol=1e-8)
    np.testing.assert_allclose(on_sparse.intercepts, dense.intercepts, atol=1e-8)
    if not fit_intercept:  # with weights too (row scaling keeps a sparse X sparse)
        w = np.random.default_rng(0).uniform(0.5, 2.0, len(y))
        dense_w = lassofast.lasso_path(X, y, sample_weight=w, **kw)
        sparse_w = lassofast.lasso_path(sparse.csc_matrix(X), y, sample_weight=w, **kw)
        np.testing.assert_allclose(sparse_w.coefs, dense_w.coefs, atol=1e-8)


@pytest.mark.parametrize("layout", ["dense", "sparse"])
@pytest.mark.parametrize("weighted", [False, True])
def test_standardize_without_intercept_centres_and_keeps_a_constant_column(layout, weighted):
    """Without an intercept the columns are still divided by their centred sd (glmnet's scale), and a
    column constant on the rows of non-zero weight — a feature in its own right there, it plays the
    intercept's part — by its |value| (glmnet drops such a column): the path is the unstandardised one on
    X / scale, mapped back, and the constant columns enter it."""
    from scipy import sparse
    X, y = _data(seed=7)
    w = None
    if weighted:  # column 5 is constant on the rows of non-zero weight only
        w = np.random.default_rng(8).uniform(0.2, 3.0, len(y))
        w[:10] = 0.0
        X[:10, 5], X[10:, 5] = 99.0, 2.5
    else:  # (one constant column: two would be collinear, the lasso's solution not unique)
        X[:, 2] = -4.0
    kept = np.ones(len(y), dtype=bool) if w is None else w > 0
    wn = np.where(kept, 1.0, 0.0) if w is None else w
    wn = wn / wn.sum()
    scale = np.sqrt(wn @ (X - wn @ X) ** 2)
    constant = np.ptp(X[kept], axis=0) == 0
    scale[constant] = np.abs(X[kept][0, constant])
    assert constant.sum() == 1 and constant[5] == weighted
    X_in = sparse.csc_matrix(X) if layout == "sparse" else X
    kw = dict(fit_intercept=False, sample_weight=w, **TIGHT)
    ours = lassofast.lasso_path(X_in, y, standardize=True, n_alphas=12, **kw)
    on_scaled = lassofast.lasso_path(X / scale, y, alphas=ours.alphas, **kw)
    np.testing.assert_allclose(ours.coefs, on_scaled.coefs / scale[:, None], rtol=0, atol=1e-9)
    assert (ours.coefs[constant] != 0).any(axis=1).all()


def test_options_refused_where_not_implemented():
    from scipy import sparse
    X, y = make_problem("wide")
    f = np.ones(X.shape[1])
    f[0] = 0.0
    with pytest.raises(ValueError, match="needs a dense X"):
        lassofast.lasso_path(sparse.csr_matrix(X), y, penalty_factor=f)
    with pytest.raises(ValueError, match=r"lasso \(l1_ratio=1\) only"):
        lassofast.enet_path(X, y, l1_ratio=0.5, penalty_factor=np.linspace(1.0, 2.0, X.shape[1]))


@pytest.mark.parametrize("Est, l1_ratio", [("Lasso", 1.0), ("ElasticNet", 0.5)])
def test_estimators_take_standardize_and_penalty_factor(Est, l1_ratio):
    X, y = _data(seed=7)
    y = _unit_sd(y)
    kw = {} if Est == "Lasso" else {"l1_ratio": l1_ratio}
    f = np.array([0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]) if l1_ratio < 1 else np.linspace(0, 2, 8)
    path = lassofast.enet_path(X, y, l1_ratio=l1_ratio, standardize=True, penalty_factor=f,
                               rescale_penalty_factor=True, n_alphas=6, **TIGHT)
    alpha = float(path.alphas[3])
    model = getattr(lassofast, Est)(alpha=alpha, standardize=True, penalty_factor=f, rescale_penalty_factor=True,
                                    **kw, **TIGHT).fit(X, y)
    np.testing.assert_allclose(model.coef_, path.coefs[:, 3], atol=1e-9)
    assert model.intercept_ == pytest.approx(path.intercepts[3], abs=1e-9)
    theirs = _glmnet(X, y, path.alphas[:4], l1_ratio=l1_ratio, standardize=True, relative_penalties=f)
    np.testing.assert_allclose(model.coef_, theirs.coef_path_[:, 3], atol=1e-7)
    assert model.intercept_ == pytest.approx(theirs.intercept_path_[3], abs=1e-7)


def test_standardized_estimator_is_sklearn_compatible():
    from lassofast._testing import assert_sklearn_compatible
    assert_sklearn_compatible(lassofast.Lasso(standardize=True))
