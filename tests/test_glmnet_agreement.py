"""lassofast against python-glmnet (issue 15) over the options glmnet shares — penalty factors, box bounds,
standardize, sample weights and max_features (glmnet's dfmax) — on dense and sparse X, with and without
intercept, float64 and float32 (glmnet computes in float64; it gets the float32 data's exact values), for
the lasso and (float64) the elastic net. glmnet scales y to unit (weighted, centred) standard deviation,
which changes the elastic-net problem, so the elastic net is compared on such a y (box scaled with it).

The tolerance comes from certificates, not from a run: both solutions' duality gaps G for the problem as
lassofast states it are recomputed by the NumPy oracle (lassofast.reference) in float64. The smooth part
is μ-strongly convex (μ = the smallest eigenvalue of XcᵀVXc/n, n > p here; the ridge term only adds), so
each solution lies within √(2G/μ) of the optimum. The gaps are asserted small first (glmnet solving another
problem would fail there), and lassofast's objective within its own gap of glmnet's.
"""
import itertools
import warnings

import numpy as np
import pytest
from scipy import sparse

import lassofast
from lassofast import reference

glmnet = pytest.importorskip("glmnet")

N, P = 100, 8
FACTORS = np.array([0.5, 1.0, 2.0, 1.5, 1.0, 0.7, 3.0, 1.0])
LOWER = np.array([-np.inf, -1.5, 0.0, -1.0, -np.inf, -0.5, -1.0, -0.2])
UPPER = np.array([0.8, np.inf, 1.0, 1.0, np.inf, 0.5, 0.0, 0.2])
LIMIT = 2  # max_features
WEIGHTS = object()  # filled in with the data's sample weights
# option → (lassofast keywords, glmnet's constructor keywords, glmnet's fit keywords)
OPTIONS = {
    "penalty_factor": (dict(penalty_factor=FACTORS, rescale_penalty_factor=True), {},
                       dict(relative_penalties=FACTORS)),
    "bounds": (dict(lower_bounds=LOWER, upper_bounds=UPPER), dict(lower_limits=LOWER, upper_limits=UPPER), {}),
    "standardize": (dict(standardize=True), dict(standardize=True), {}),
    "sample_weight": (dict(sample_weight=WEIGHTS), {}, dict(sample_weight=WEIGHTS)),
    "max_features": (dict(max_features=LIMIT), {}, {}),  # glmnet: its full path, cut where it passes the limit
    "weights+factors+bounds": (dict(sample_weight=WEIGHTS, penalty_factor=FACTORS, rescale_penalty_factor=True,
                                    lower_bounds=LOWER, upper_bounds=UPPER),
                               dict(lower_limits=LOWER, upper_limits=UPPER),
                               dict(sample_weight=WEIGHTS, relative_penalties=FACTORS)),
}


def _data(dtype, layout, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, P)) * rng.uniform(0.5, 3.0, P) + rng.uniform(-2, 2, P)
    if layout == "sparse":
        X[np.abs(X) < 1.0] = 0.0
    y = X[:, :3] @ np.array([1.0, -2.0, 0.5]) + rng.standard_normal(N) + 3.0
    w = rng.uniform(0.2, 3.0, N)
    X, y, w = X.astype(dtype), y.astype(dtype), w.astype(dtype)
    return (sparse.csc_matrix(X) if layout == "sparse" else X), y, w


def _problem(X, y, fit_intercept, weights, factors):
    """lassofast's problem in the coordinates ṽ = f·w of a plain lasso: rows centred by the weighted means
    and scaled by √v (v: the weights summing to n), columns divided by the penalty factors f."""
    X = np.asarray(X.toarray() if sparse.issparse(X) else X, dtype=np.float64)
    y = y.astype(np.float64)
    v = np.ones(N) if weights is None else weights.astype(np.float64) * N / weights.sum()
    x_mean, y_mean = (v @ X / N, v @ y / N) if fit_intercept else (np.zeros(P), 0.0)
    Xc, yc = np.sqrt(v)[:, None] * (X - x_mean), np.sqrt(v) * (y - y_mean)
    return Xc / factors, yc, x_mean


def _glmnet_path(X, y, alphas, fit_intercept, model_kw, fit_kw, l1_ratio=1.0):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return glmnet.ElasticNet(alpha=l1_ratio, lambda_path=alphas, tol=1e-14, max_iter=10 ** 6, n_splits=0,
                                 fit_intercept=fit_intercept, **{"standardize": False, **model_kw}).fit(X, y, **fit_kw)


def _cases():
    for option, l1_ratio, layout, fit_intercept, dtype in itertools.product(
            OPTIONS, (1.0, 0.5), ("dense", "sparse"), (True, False), (np.float64, np.float32)):
        if l1_ratio < 1 and (dtype == np.float32 or "penalty_factor" in OPTIONS[option][0]):
            continue  # (lassofast's elastic net takes one common penalty factor only; float32: the lasso's)
        yield pytest.param(option, l1_ratio, layout, fit_intercept, dtype, id="-".join([
            option, "lasso" if l1_ratio == 1 else "enet", layout,
            "intercept" if fit_intercept else "no_intercept", np.dtype(dtype).name]))


@pytest.mark.parametrize("option, l1_ratio, layout, fit_intercept, dtype", list(_cases()))
def test_path_agrees_with_glmnet_within_the_certified_distance(option, l1_ratio, layout, fit_intercept, dtype):
    X, y, w = _data(dtype, layout)
    ours_kw, model_kw, fit_kw = ({k: w if v is WEIGHTS else v for k, v in kw.items()} for kw in OPTIONS[option])
    weights = ours_kw.get("sample_weight")
    box = (LOWER, UPPER) if "lower_bounds" in ours_kw else None
    if l1_ratio < 1:  # y of glmnet's unit scale, and the box with it
        v = np.full(N, 1 / N) if weights is None else weights / weights.sum()
        sd = np.sqrt(v @ y ** 2 - (v @ y) ** 2)
        y = (y / sd).astype(dtype)
        if box is not None:
            box = (LOWER / sd, UPPER / sd)
            ours_kw.update(lower_bounds=box[0], upper_bounds=box[1])
            model_kw.update(lower_limits=box[0], upper_limits=box[1])
    tol = 1e-12 if dtype == np.float64 else 1e-6
    kw = dict(l1_ratio=l1_ratio, n_alphas=30, eps=1e-3, tol=tol, max_iter=10 ** 6, fit_intercept=fit_intercept)
    ours = lassofast.enet_path(X, y, **kw, **ours_kw)
    assert ours.coefs.dtype == dtype
    grid = ours.alphas if option != "max_features" else lassofast.enet_path(X, y, **kw).alphas
    theirs = _glmnet_path(X, y, grid, fit_intercept, model_kw, fit_kw, l1_ratio)
    their_coefs, their_intercepts = theirs.coef_path_, theirs.intercept_path_
    if option == "max_features":  # lassofast stops before the first α where glmnet's support passes the limit
        over = np.flatnonzero((their_coefs != 0).sum(axis=0) > LIMIT)
        assert over.size and ours.stop_reason == "max_features"
        assert len(ours.alphas) == over[0] and ours.stopped_alpha == theirs.lambda_path_[over[0]]
        their_coefs, their_intercepts = their_coefs[:, :over[0]], their_intercepts[:over[0]]
    assert their_coefs.shape == ours.coefs.shape

    if "standardize" in ours_kw:  # glmnet's scale: the centred population sd, with or without an intercept
        factors = np.asarray(X.toarray() if sparse.issparse(X) else X, dtype=np.float64).std(axis=0)
    elif "penalty_factor" in ours_kw:
        factors = FACTORS * P / FACTORS.sum()  # glmnet's rescaling to sum to p
    else:
        factors = np.ones(P)
    if box is not None:  # the box binds somewhere on the path, at a bound other than 0 (float32: rounded)
        rtol = 4 * np.finfo(dtype).eps
        assert ((np.isclose(ours.coefs, box[0][:, None], rtol=rtol, atol=0) & (box[0][:, None] < 0))
                | (np.isclose(ours.coefs, box[1][:, None], rtol=rtol, atol=0) & (box[1][:, None] > 0))).any()
    _assert_within_certified_distance(X, y, fit_intercept, weights, factors, box, ours.alphas,
                                      (ours.coefs, ours.intercepts), (their_coefs, their_intercepts),
                                      ours_gap_max=1e-10 if dtype == np.float64 else 1e-5, l1_ratio=l1_ratio)


def _assert_within_certified_distance(X, y, fit_intercept, weights, factors, box, alphas, ours, theirs,
                                      ours_gap_max=1e-10, l1_ratio=1.0):
    """Both (coefs (p, K), intercepts (K,)) solve the weighted-penalty lasso α·Σ fⱼ|wⱼ| (the elastic net
    of ``l1_ratio`` in the coordinates fⱼwⱼ; in ``box``) at
    each α: lassofast's with oracle gap G ≤ ``ours_gap_max``·||ỹ||²/n, glmnet's (thresh 1e-14 bounds
    coefficient changes, not the gap) with G ≤ 1e-6·||ỹ||²/n — another problem would be off by far more.
    Then lassofast's objective is within its own G of glmnet's (min P ≥ P(ours) − G is certified) and
    the two lie within the sum of their certified distances √(2G/μ) of each other."""
    Xt, yt, x_mean = _problem(X, y, fit_intercept, weights, factors)
    mu = np.linalg.eigvalsh((Xt * factors).T @ (Xt * factors) / N)[0]  # in the original coordinates w
    assert mu > 0
    scale = yt @ yt / N
    eps = np.finfo(ours[0].dtype).eps
    for k, alpha in enumerate(alphas):
        gaps, objectives = [], []
        for coef in (ours[0][:, k], theirs[0][:, k]):
            coef = coef.astype(np.float64)
            if box is not None:
                assert (coef >= box[0]).all() and (coef <= box[1]).all()
                gaps.append(reference.box_duality_gap(Xt, yt, coef * factors, alpha, l1_ratio, box[0] * factors,
                                                      box[1] * factors))
            else:
                gaps.append(reference.duality_gap(Xt, yt, coef * factors, alpha, l1_ratio))
            objectives.append(reference.primal_objective(Xt, yt, coef * factors, alpha, l1_ratio))
        assert gaps[0] <= ours_gap_max * scale, (k, gaps)  # lassofast's solution, certified
        assert gaps[1] <= 1e-6 * scale, (k, gaps)  # glmnet's, on lassofast's statement of the problem
        assert objectives[0] <= objectives[1] + gaps[0] + 1e-14 * scale, (k, objectives, gaps)
        floor = 8 * np.finfo(np.float64).eps * scale  # the oracle's own rounding: it certifies no less
        distance = sum(np.sqrt(2 * (max(g, 0.0) + floor) / mu) for g in gaps)
        np.testing.assert_allclose(ours[0][:, k], theirs[0][:, k], rtol=0, atol=distance + 1e-12)
        # b = ȳ − x̄ᵀw for both (and lassofast's rounded to its dtype)
        rounding = 4 * eps * (abs(float(ours[1][k])) + np.abs(x_mean) @ np.abs(ours[0][:, k]))
        np.testing.assert_allclose(ours[1][k], theirs[1][k], rtol=0,
                                   atol=np.linalg.norm(x_mean) * distance + rounding + 1e-12 * np.sqrt(scale))


@pytest.mark.parametrize("layout", ["dense", "sparse"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_max_features_stops_where_glmnets_dfmax_does(layout, fit_intercept):
    """glmnet's own dfmax (python-glmnet's max_features is passed as its ne): on its own λ sequence it
    keeps the first λ whose support passes the limit and stops; lassofast stops just before that λ.
    (With a user λ path glmnet ignores dfmax, so glmnet's sequence is used here.)"""
    X, y, _ = _data(np.float64, layout, seed=1)
    if not fit_intercept:  # (on y of mean 3 without an intercept glmnet's own sequence ends after 5 λ:
        y = y - y.mean()   # the deviance explained barely changes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = glmnet.ElasticNet(alpha=1.0, n_lambda=60, min_lambda_ratio=1e-3, tol=1e-14, n_splits=0,
                                   standardize=False, fit_intercept=fit_intercept, max_features=LIMIT).fit(X, y)
    support = (theirs.coef_path_ != 0).sum(axis=0)
    assert support[-1] > LIMIT and (support[:-1] <= LIMIT).all()  # it stopped at the first λ past the limit
    ours = lassofast.lasso_path(X, y, alphas=theirs.lambda_path_, tol=1e-12, fit_intercept=fit_intercept,
                                max_features=LIMIT)
    assert len(ours.alphas) == theirs.n_lambda_ - 1 and ours.stopped_alpha == theirs.lambda_path_[-1]
    _assert_within_certified_distance(X, y, fit_intercept, None, np.ones(P), None, ours.alphas,
                                      (ours.coefs, ours.intercepts),
                                      (theirs.coef_path_[:, :-1], theirs.intercept_path_[:-1]))
