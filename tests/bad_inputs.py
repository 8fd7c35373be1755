"""The catalogue of bad inputs: what each entry point must answer to each.

Used by tests/test_validation.py (every case must raise the listed error with a message matching
``match``) and by scripts/bad_inputs_table.py (which writes docs/bad-inputs.md from the actual answers).
Each case is (entry point, what is wrong, call, expected exception, regex the message must match).
"""
from typing import Callable, NamedTuple

import numpy as np
from scipy import sparse
from sklearn.exceptions import NotFittedError

import lassofast
from lassofast import datasets


class Case(NamedTuple):
    entry: str
    what: str
    call: Callable
    error: type
    match: str


def _data(n=20, p=5, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    return X, X @ rng.standard_normal(p) + rng.standard_normal(n)


X, Y = _data()


def _with(arr, index, value):
    out = np.array(arr, dtype=float)
    out[index] = value
    return out


def _with_object(arr, index, value):
    out = np.array(arr, dtype=object)
    out[index] = value
    return out


def path(**kw):
    """enet_path on the good data with some arguments replaced."""
    X_, y = kw.pop("X", X), kw.pop("y", Y)
    return lambda: lassofast.enet_path(X_, y, **kw)


def fit(est="Lasso", X_=X, y=Y, **params):
    return lambda: getattr(lassofast, est)(**params).fit(X_, y)


def _refit_fewer_features():
    model = lassofast.Lasso(alpha=0.1, warm_start=True).fit(X, Y)
    model.fit(X[:, :3], Y)


def cv_fit(est="LassoCV", X_=X, y=Y, **params):
    return lambda: getattr(lassofast, est)(**params).fit(X_, y)


def batch(*args, **kw):
    return lambda: lassofast.batch_paths(*args, **kw)


PATH, EST = "enet_path / lasso_path", "Lasso / ElasticNet .fit"
CV, BATCH = "LassoCV / ElasticNetCV .fit", "batch_paths"

CASES = [
    # --- arrays given to the paths (lassofast._validation.check_X_y) ---
    Case(PATH, "NaN in X", path(X=_with(X, (3, 2), np.nan)), ValueError, "X contains NaN or infinity.*impute"),
    Case(PATH, "+inf in X", path(X=_with(X, (0, 0), np.inf)), ValueError, "X contains NaN or infinity"),
    Case(PATH, "NaN in y", path(y=_with(Y, 4, np.nan)), ValueError, "y contains NaN or infinity"),
    Case(PATH, "-inf in y", path(y=_with(Y, 0, -np.inf)), ValueError, "y contains NaN or infinity"),
    Case(PATH, "None in an object X", path(X=_with_object(X, (2, 1), None)), ValueError,
         "X contains NaN"),
    Case(PATH, "X and y of different lengths", path(y=Y[:-1]), ValueError, "20 samples but y has 19"),
    Case(PATH, "1-D X", path(X=X[:, 0]), ValueError, r"2-D array.*reshape\(-1, 1\)"),
    Case(PATH, "3-D X", path(X=X[:, :, None]), ValueError, "2-D array"),
    Case(PATH, "y with 2 columns", path(y=np.c_[Y, Y]), ValueError, "one target.*ElasticNet"),
    Case(PATH, "y of shape (1, n)", path(y=Y[None, :]), ValueError, "one target"),
    Case(PATH, "scalar y", path(y=1.0), ValueError, "1-D array of n_samples"),
    Case(PATH, "X with 0 rows", path(X=X[:0], y=Y[:0]), ValueError, "empty"),
    Case(PATH, "X with 0 columns", path(X=X[:, :0]), ValueError, "empty"),
    Case(PATH, "ragged nested list X", path(X=[[1.0, 2.0], [3.0]], y=[1.0, 2.0]), ValueError, "rectangular"),
    Case(PATH, "X of strings", path(X=X.astype(str)), TypeError, "text"),
    Case(PATH, "object X with a string", path(X=_with_object(X, (2, 1), "a")), TypeError,
         "non-numeric entry 'a'"),
    Case(PATH, "complex X", path(X=X + 0j), TypeError, "complex"),
    Case(PATH, "complex y", path(y=Y + 1j), TypeError, "complex"),
    Case(PATH, "datetime X", path(X=np.zeros((20, 5), dtype="datetime64[s]")), TypeError, "not numeric"),
    Case(PATH, "NaN stored in a sparse X", path(X=sparse.csc_matrix(_with(X, (3, 2), np.nan))), ValueError,
         "X.data contains NaN"),
    Case(PATH, "complex sparse X", path(X=sparse.csr_matrix(X + 1j)), TypeError, "complex"),
    Case(PATH, "sparse X with 0 columns", path(X=sparse.csc_matrix((20, 0))), ValueError, "empty"),
    Case(PATH, "masked array X", path(X=np.ma.masked_greater(X, 1.0)), TypeError, "masked"),
    Case(PATH, "X entries of 1e300 (squares overflow)", path(X=X * 1e300), ValueError, "overflow.*Rescale X"),
    Case(PATH, "y entries of 1e300", path(y=Y * 1e300), ValueError, "overflow.*Rescale y"),
    Case(PATH, "float32 X with entries of 1e30", path(X=(X * 1e30).astype(np.float32)), ValueError,
         "overflow float32.*float64"),
    Case(PATH, "X entries all below 1e-160 (squares underflow)", path(X=X * 1e-300), ValueError,
         "underflow"),
    # --- path parameters ---
    Case(PATH, "alphas with a negative α", path(alphas=[0.1, -1.0]), ValueError, "α.*>= 0"),
    Case(PATH, "alphas with NaN", path(alphas=[np.nan]), ValueError, "α.*finite"),
    Case(PATH, "alphas with inf", path(alphas=[np.inf, 1.0]), ValueError, "α.*finite"),
    Case(PATH, "empty alphas", path(alphas=[]), ValueError, "alphas is empty"),
    Case(PATH, "2-D alphas", path(alphas=[[0.1, 0.2]]), ValueError, "1-D"),
    Case(PATH, "alphas of strings", path(alphas=["0.1"]), TypeError, "alphas holds text"),
    Case(PATH, "l1_ratio = -0.1", path(l1_ratio=-0.1), ValueError, "l1_ratio must be >= 0"),
    Case(PATH, "l1_ratio = 1.5", path(l1_ratio=1.5), ValueError, "l1_ratio must be <= 1"),
    Case(PATH, "l1_ratio = NaN", path(l1_ratio=np.nan), ValueError, "l1_ratio must be finite"),
    Case(PATH, "l1_ratio = 0 with the automatic grid", path(l1_ratio=0.0), ValueError, "explicit alphas"),
    Case(PATH, "eps = 0", path(eps=0.0), ValueError, "eps must be > 0"),
    Case(PATH, "eps = 1", path(eps=1.0), ValueError, "eps must be < 1"),
    Case(PATH, "eps = NaN", path(eps=np.nan), ValueError, "eps must be finite"),
    Case(PATH, "n_alphas = 0", path(n_alphas=0), ValueError, "n_alphas must be >= 1"),
    Case(PATH, "n_alphas = 2.5", path(n_alphas=2.5), TypeError, "n_alphas must be an integer"),
    Case(PATH, "max_iter = 0", path(max_iter=0), ValueError, "max_iter must be >= 1"),
    Case(PATH, "max_iter = -5", path(max_iter=-5), ValueError, "max_iter must be >= 1"),
    Case(PATH, "max_iter = 2**40 (over a C int)", path(max_iter=2**40), ValueError, "max_iter must be at most"),
    Case(PATH, "max_iter = 10.0", path(max_iter=10.0), TypeError, "max_iter must be an integer"),
    Case(PATH, "tol = -1", path(tol=-1.0), ValueError, "tol must be >= 0"),
    Case(PATH, "tol = NaN", path(tol=np.nan), ValueError, "tol must be finite"),
    Case(PATH, "precompute = 'yes'", path(precompute="yes"), ValueError, "precompute must be"),
    Case(PATH, "precompute = a Gram matrix", path(precompute=X.T @ X), ValueError, "precompute must be"),
    Case(PATH, "fit_intercept = 'no'", path(fit_intercept="no"), TypeError, "fit_intercept must be True or False"),
    Case(PATH, "positive = 'yes'", path(positive="yes"), TypeError, "positive must be True or False"),
    Case(PATH, "alphas = 0 (an int is the grid size, as in scikit-learn)", path(alphas=0), ValueError,
         r"grid size.*alphas=\[0\]"),
    Case(PATH, "one row with fit_intercept=True", path(X=X[:1], y=Y[:1]), ValueError,
         "1 sample.*fit_intercept=False"),
    Case("Path.coef_at / solve_at / predict", "α off the grid without the training data",
         lambda: lassofast.lasso_path(X, Y, n_alphas=5).coef_at(0.123), ValueError,
         "not on the path's grid.*training data"),
    Case("Path.coef_at / solve_at / predict", "α = -1", lambda: lassofast.lasso_path(X, Y, n_alphas=5).coef_at(-1.0),
         ValueError, "alpha must be finite and >= 0"),
    Case("Path.coef_at / solve_at / predict", "X with other n_features than the path",
         lambda: lassofast.lasso_path(X, Y, n_alphas=5).coef_at(0.123, X[:, :3], Y), ValueError,
         "X has 3 features but the path has 5"),
    Case("Path.coef_at / solve_at / predict", "train not an (X, y) pair",
         lambda: lassofast.lasso_path(X, Y, n_alphas=5).predict(X, alpha=0.123, train=X), ValueError,
         r"train must be the pair \(X, y\)"),
    Case(PATH, "sample_weight with a negative weight", path(sample_weight=_with(np.ones(20), 3, -1.0)), ValueError,
         "sample_weight must be >= 0"),
    Case(PATH, "sample_weight with NaN", path(sample_weight=_with(np.ones(20), 3, np.nan)), ValueError,
         "sample_weight contains NaN"),
    Case(PATH, "sample_weight of the wrong length", path(sample_weight=np.ones(19)), ValueError,
         r"sample_weight must have shape \(20,\)"),
    Case(PATH, "sample_weight all zero", path(sample_weight=np.zeros(20)), ValueError,
         "sample_weight is zero for every sample"),
    Case(PATH, "sample_weight of booleans", path(sample_weight=np.ones(20, dtype=bool)), TypeError,
         "sample_weight must be numbers"),
    Case(PATH, "sample_weight leaving one row, with an intercept", path(sample_weight=_with(np.zeros(20), 0, 1.0)),
         ValueError, "leaves 1 sample"),
    Case(PATH, "penalty_factor with a negative factor", path(penalty_factor=_with(np.ones(5), 1, -1.0)),
         ValueError, "penalty_factor must be >= 0"),
    Case(PATH, "penalty_factor with NaN", path(penalty_factor=_with(np.ones(5), 1, np.nan)), ValueError,
         "penalty_factor must be >= 0"),
    Case(PATH, "penalty_factor of the wrong length", path(penalty_factor=np.ones(4)), ValueError,
         r"penalty_factor must have shape \(5,\)"),
    Case(PATH, "penalty_factor all zero", path(penalty_factor=np.zeros(5)), ValueError,
         "penalty_factor is 0 for every feature.*LinearRegression"),
    Case(PATH, "penalty_factor all inf", path(penalty_factor=np.full(5, np.inf)), ValueError,
         "penalty_factor is inf for every feature"),
    Case(PATH, "penalty_factor of different values with l1_ratio < 1",
         path(penalty_factor=[1, 2, 1, 1, 1], l1_ratio=0.5), ValueError, r"lasso \(l1_ratio=1\) only"),
    Case(PATH, "penalty_factor 0 with positive=True", path(penalty_factor=[0, 1, 1, 1, 1], positive=True),
         ValueError, "positive=True is not supported"),
    Case(PATH, "standardize = 'yes'", path(standardize="yes"), TypeError, "standardize must be True or False"),
    Case(PATH, "penalty_factor 0 with a sparse X", path(X=sparse.csr_matrix(X), penalty_factor=[0, 1, 1, 1, 1]),
         ValueError, "needs a dense X.*toarray"),
    Case(PATH, "lower_bounds > upper_bounds", path(lower_bounds=[-1, -1, -2, -1, -1], upper_bounds=[1, 1, -3, 1, 1]),
         ValueError, r"lower_bounds > upper_bounds for 1 feature\(s\), the first at position 2"),
    Case(PATH, "lower_bounds > 0 (the box excludes 0)", path(lower_bounds=_with(np.full(5, -1.0), 3, 0.5)), ValueError,
         "lower_bounds must be <= 0 .*contain 0.*position 3"),
    Case(PATH, "upper_bounds < 0 (the box excludes 0)", path(upper_bounds=-1.0), ValueError,
         "upper_bounds must be >= 0 .*contain 0"),
    Case(PATH, "lower_bounds of the wrong length", path(lower_bounds=np.zeros(4)), ValueError,
         r"lower_bounds must be a scalar or have shape \(5,\)"),
    Case(PATH, "upper_bounds with NaN", path(upper_bounds=_with(np.ones(5), 1, np.nan)), ValueError,
         "upper_bounds contains NaN at positions \\[1\\]"),
    Case(PATH, "lower_bounds = True", path(lower_bounds=True), TypeError, "lower_bounds must be a number"),
    Case(PATH, "lower_bounds of strings", path(lower_bounds=["a"] * 5), TypeError, "lower_bounds holds text"),
    Case(PATH, "positive=True with negative lower_bounds", path(positive=True, lower_bounds=-1.0), ValueError,
         "positive=True means lower_bounds=0"),
    Case(PATH, "penalty_factor 0 with bounds", path(penalty_factor=[0, 1, 1, 1, 1], upper_bounds=1.0), ValueError,
         "penalty_factor = 0 .*with lower_bounds/upper_bounds is not supported"),
    Case(PATH, "max_features = -1", path(max_features=-1), ValueError, "max_features must be >= 0"),
    Case(PATH, "max_features = 2.5", path(max_features=2.5), TypeError, "max_features must be an integer"),
    Case(PATH, "max_features below the unpenalised features", path(penalty_factor=[0, 0, 1, 1, 1], max_features=1),
         ValueError, "max_features=1 is below the number of unpenalised features"),
    Case(PATH, "coef_init of the wrong length", path(coef_init=np.zeros(4)), ValueError,
         r"coef_init must have shape \(5,\)"),
    Case(PATH, "coef_init of shape (p, 1)", path(coef_init=np.zeros((5, 1))), ValueError,
         r"coef_init must have shape \(5,\)"),
    Case(PATH, "coef_init with NaN", path(coef_init=_with(np.zeros(5), 1, np.nan)), ValueError,
         "coef_init contains NaN"),
    Case(PATH, "complex coef_init", path(coef_init=np.zeros(5) + 1j), TypeError, "coef_init has complex"),
    Case(PATH, "coef_init of strings", path(coef_init=["a"] * 5), TypeError, "coef_init holds text"),
    # --- estimators: scikit-learn's validate_data answers array problems, in its words, except X's values
    # (NaN, inf, scale): fit reads them once, with lassofast's check ---
    Case(EST, "NaN in X", fit(X_=_with(X, (3, 2), np.nan)), ValueError,
         r"X contains NaN or infinity .*first at index \(3, 2\).*impute"),
    Case(EST, "inf in y", fit(y=_with(Y, 0, np.inf)), ValueError, "Input y contains infinity"),
    Case(EST, "1-D X", fit(X_=X[:, 0]), ValueError, "(?s)Expected 2D array.*Reshape"),
    Case(EST, "X and y of different lengths", fit(y=Y[:-1]), ValueError, "inconsistent numbers of samples"),
    Case(EST, "X with 0 rows", fit(X_=X[:0], y=Y[:0]), ValueError, "0 sample"),
    Case(EST, "X with 0 columns", fit(X_=X[:, :0]), ValueError, "0 feature"),
    Case(EST, "3-D y", fit(y=Y[:, None, None]), ValueError, "dim 3"),
    Case(EST, "complex X", fit(X_=X + 0j), ValueError, "Complex data not supported"),
    Case(EST, "X of strings", fit(X_=np.where(X > 0, "a", "b")), ValueError, "could not convert string"),
    Case(EST, "masked array X", fit(X_=np.ma.masked_greater(X, 1.0)), TypeError, "masked"),
    Case(EST, "X entries of 1e300", fit(X_=X * 1e300), ValueError, "overflow.*Rescale X"),
    Case(EST, "alpha = -1", fit(alpha=-1.0), ValueError, "alpha must be >= 0"),
    Case(EST, "alpha = NaN", fit(alpha=np.nan), ValueError, "alpha must be finite"),
    Case(EST, "alpha = '1'", fit(alpha="1"), TypeError, "alpha must be a real number"),
    Case(EST, "l1_ratio = 2", fit("ElasticNet", l1_ratio=2.0), ValueError, "l1_ratio must be <= 1"),
    Case(EST, "max_iter = 0", fit(max_iter=0), ValueError, "max_iter must be >= 1"),
    Case(EST, "max_iter = 2**40", fit(max_iter=2**40), ValueError, "max_iter must be at most"),
    Case(EST, "tol = -1", fit(tol=-1.0), ValueError, "tol must be >= 0"),
    Case(EST, "precompute = 'maybe'", fit(precompute="maybe"), ValueError, "precompute must be"),
    Case(EST, "fit_intercept = 'no'", fit(fit_intercept="no"), TypeError, "fit_intercept must be True or False"),
    Case(EST, "positive = 'yes'", fit(positive="yes"), TypeError, "positive must be True or False"),
    Case(EST, "sample_weight of the wrong length", lambda: lassofast.Lasso().fit(X, Y, sample_weight=np.ones(3)),
         ValueError, r"sample_weight must have shape \(20,\)"),
    Case(EST, "sample_weight all zero", lambda: lassofast.Lasso().fit(X, Y, sample_weight=np.zeros(20)),
         ValueError, "sample_weight is zero for every sample"),
    Case(EST, "lower_bounds > 0", fit(lower_bounds=1.0), ValueError, "lower_bounds must be <= 0"),
    Case(EST, "upper_bounds of the wrong length", fit("ElasticNet", upper_bounds=[1.0, 2.0]), ValueError,
         r"upper_bounds must be a scalar or have shape \(5,\)"),
    Case(EST, "warm_start = 'yes'", fit(warm_start="yes"), TypeError, "warm_start must be True or False"),
    Case(EST, "warm start after a fit with other n_features", _refit_fewer_features, ValueError,
         "warm_start needs coef_ of shape"),
    Case("Lasso.predict", "X with other n_features than fit",
         lambda: lassofast.Lasso(alpha=0.1).fit(X, Y).predict(X[:, :3]), ValueError, "3 features.*expecting 5"),
    Case("Lasso.predict", "called before fit", lambda: lassofast.Lasso().predict(X), NotFittedError,
         "not fitted"),
    # --- cross-validation and batches ---
    Case(CV, "NaN in X", cv_fit(X_=_with(X, (3, 2), np.nan)), ValueError, r"X contains NaN or infinity .*\(3, 2\)"),
    Case(CV, "2-D y", cv_fit(y=np.c_[Y, Y]), ValueError, "1d array"),
    Case(CV, "masked array X", cv_fit(X_=np.ma.masked_greater(X, 1.0)), TypeError, "masked"),
    Case(CV, "empty l1_ratio list", cv_fit("ElasticNetCV", l1_ratio=[]), ValueError, "non-empty list"),
    Case(CV, "l1_ratio list with 2", cv_fit("ElasticNetCV", l1_ratio=[0.5, 2.0]), ValueError,
         "l1_ratio must be <= 1"),
    Case(CV, "alphas with a negative α", cv_fit(alphas=[0.1, -1.0]), ValueError, "α.*>= 0"),
    Case(CV, "alphas = 0 (grid size)", cv_fit(alphas=0), ValueError, ">= 1"),
    Case(CV, "selection_rule = 'best'", cv_fit(selection_rule="best"), ValueError,
         "selection_rule must be 'min'.*'1se'"),
    Case(CV, "sample_weight with a negative weight",
         lambda: lassofast.LassoCV(cv=3).fit(X, Y, sample_weight=_with(np.ones(20), 2, -1.0)), ValueError,
         "sample_weight must be >= 0"),
    Case(CV, "more folds than samples", cv_fit(cv=50), ValueError, "n_splits=50 greater than"),
    Case(CV, "fit_intercept = 'no'", cv_fit(fit_intercept="no"), TypeError, "fit_intercept must be True or False"),
    Case(CV, "positive = 'no'", cv_fit(positive="no"), TypeError, "positive must be True or False"),
    Case("LassoIC .fit", "criterion = 'cp'", lambda: lassofast.LassoIC(criterion="cp").fit(X, Y), ValueError,
         "criterion must be 'aic' or 'bic'"),
    Case("LassoIC .fit", "noise_variance = 0", lambda: lassofast.LassoIC(noise_variance=0.0).fit(X, Y),
         ValueError, "noise_variance must be > 0"),
    Case("LassoIC .fit", "n_samples <= n_features + 1 without noise_variance",
         lambda: lassofast.LassoIC().fit(X[:6], Y[:6]), ValueError, "pass an estimate as noise_variance"),
    Case("LassoIC .fit", "lower_bounds > upper_bounds",
         lambda: lassofast.LassoIC(lower_bounds=-1.0, upper_bounds=[1, 1, -2, 1, 1]).fit(X, Y), ValueError,
         r"lower_bounds > upper_bounds for 1 feature\(s\), the first at position 2"),
    Case("LassoIC .fit", "upper_bounds < 0 (the box excludes 0)",
         lambda: lassofast.LassoIC(upper_bounds=-0.5).fit(X, Y), ValueError, "upper_bounds must be >= 0 .*contain 0"),
    Case("Path.relax", "gamma = 1.5", lambda: lassofast.lasso_path(X, Y, n_alphas=5).relax(X, Y, gamma=[1.5]),
         ValueError, r"gamma must be .* in \[0, 1\]"),
    Case("Path.criterion", "criterion = 'BIC'",
         lambda: lassofast.lasso_path(X, Y, n_alphas=5).criterion("BIC", X, Y), ValueError,
         "criterion must be 'aic' or 'bic'"),
    Case(BATCH, "Y with other n_samples than X", batch(X, np.zeros((19, 2))), ValueError, "Y must have shape"),
    Case(BATCH, "an unknown path parameter", batch(X, np.zeros((20, 2)), foo=1), TypeError,
         "unknown path parameter"),
    Case(BATCH, "NaN in Y", batch(X, np.full((20, 2), np.nan)), ValueError, "Y contains NaN"),
    Case(BATCH, "an empty list of problems", batch([]), ValueError, "no problems"),
    Case(BATCH, "NaN in the second (X, y) pair", batch([(X, Y), (_with(X, (1, 1), np.nan), Y)]), ValueError,
         "problem 1: X contains NaN"),
    Case(BATCH, "l1_ratio = 3", batch(X, np.zeros((20, 2)), l1_ratio=3.0), ValueError, "l1_ratio must be <= 1"),
    # --- the other public functions ---
    Case("alpha_max", "NaN in X", lambda: lassofast.alpha_max(_with(X, (0, 0), np.nan), Y), ValueError,
         "X contains NaN"),
    Case("alpha_max", "l1_ratio = 0", lambda: lassofast.alpha_max(X, Y, l1_ratio=0.0), ValueError,
         "l1_ratio must be > 0"),
    Case("alpha_max", "NaN stored in a sparse X",
         lambda: lassofast.alpha_max(sparse.csr_matrix(_with(X, (0, 0), np.nan)), Y), ValueError,
         "X.data contains NaN"),
    Case("alpha_max", "fit_intercept = 'no'", lambda: lassofast.alpha_max(X, Y, fit_intercept="no"),
         TypeError, "fit_intercept must be True or False"),
    Case("soft_threshold", "t = -1", lambda: lassofast.soft_threshold(1.0, -1.0), ValueError,
         r"\bt\b.*>= ?0"),
    Case("soft_threshold", "t = NaN", lambda: lassofast.soft_threshold(1.0, np.nan), ValueError,
         r"\bt\b.*finite|finite.*\bt\b"),
    Case("soft_threshold", "t = 'a'", lambda: lassofast.soft_threshold(1.0, "a"), TypeError,
         "t must be a real number"),
    Case("soft_threshold", "t an array", lambda: lassofast.soft_threshold(1.0, np.ones(2)), TypeError,
         "t must be a real number"),
    Case("soft_threshold", "z of strings", lambda: lassofast.soft_threshold(["a"], 1.0), TypeError,
         "real numbers"),
    Case("soft_threshold", "complex z", lambda: lassofast.soft_threshold(1j, 1.0), TypeError, "real numbers"),
    Case("datasets.make_correlated", "n_samples = 0", lambda: datasets.make_correlated(0, 3), ValueError,
         "n_samples must be >= 1"),
    Case("datasets.make_correlated", "rho = 1", lambda: datasets.make_correlated(10, 3, rho=1.0), ValueError,
         "rho must be < 1"),
    Case("datasets.make_correlated", "n_informative > n_features",
         lambda: datasets.make_correlated(10, 3, n_informative=5), ValueError, "n_informative must be <= 3"),
    Case("datasets.make_correlated", "snr = 0", lambda: datasets.make_correlated(10, 3, snr=0.0), ValueError,
         "snr must be > 0"),
    Case("datasets.make_correlated", "dtype = int", lambda: datasets.make_correlated(10, 3, dtype=int),
         TypeError, "dtype"),
]


def _lazy(X_=X, y=Y, rows=(10, 10)):
    """X, y as Dask arrays chunked by ``rows`` (the one-pass statistics route, lassofast._dask)."""
    import dask.array as da
    return da.from_array(X_, chunks=(rows, X_.shape[1])), da.from_array(y, chunks=(rows,))


def _unknown_chunks():
    Xd, yd = _lazy()
    keep = Xd[:, 0] > 0
    return Xd[keep], yd[keep]


def _dask(name, *args, **kw):
    import dask.array as da
    return getattr(da, name)(*args, **kw)


CASES += [
    Case("lasso_path (Dask X)", "NaN in the second chunk",
         lambda: lassofast.lasso_path(*_lazy(_with(X, (13, 2), np.nan))), ValueError,
         r"chunk 1 of the rows \(rows 10 to 19\) contains NaN or infinity \(first at row 13, column 2"),
    Case("lasso_path (Dask X)", "X and y chunked differently",
         lambda: lassofast.lasso_path(_lazy()[0], _lazy(rows=(5, 15))[1]), ValueError,
         r"chunked differently.*rechunk"),
    Case("lasso_path (Dask X)", "unknown chunk sizes (after a boolean mask)",
         lambda: lassofast.lasso_path(*_unknown_chunks()), ValueError, r"unknown chunk sizes.*compute_chunk_sizes"),
    Case("lasso_path (Dask X)", "p = 20 001 (Gram too large)",
         lambda: lassofast.lasso_path(_dask("zeros", (4, 20_001), chunks=(2, 20_001)), _dask("zeros", 4, chunks=2)),
         ValueError, r"at most 20000 features"),
    Case("lasso_path (Dask X)", "negative weight in a chunk",
         lambda: lassofast.lasso_path(*_lazy(), sample_weight=_dask("from_array", _with(np.ones(20), 15, -1.0),
                                                                    chunks=10)),
         ValueError, r"chunk 1 .*sample_weight must be finite and >= 0"),
    Case("lasso_path (Dask X)", "alphas containing 0",
         lambda: lassofast.lasso_path(*_lazy(), alphas=[0.1, 0.0]), ValueError, r"least squares"),
    Case("lasso_path (Dask X)", "penalty_factor of the wrong length",
         lambda: lassofast.lasso_path(*_lazy(), penalty_factor=np.ones(4)), ValueError,
         r"penalty_factor must have shape \(5,\)"),
    Case("lasso_path (Dask X)", "lower_bounds > 0",
         lambda: lassofast.lasso_path(*_lazy(), lower_bounds=0.5), ValueError,
         r"lower_bounds must be <= 0 \(the box must contain 0"),
    Case("lasso_path (Dask X)", "max_features = -1",
         lambda: lassofast.lasso_path(*_lazy(), max_features=-1), ValueError, r"max_features must be >= 0"),
    Case("lasso_path (Dask X)", "penalty_factor = 0 with upper_bounds",
         lambda: lassofast.lasso_path(*_lazy(), penalty_factor=[0, 1, 1, 1, 1], upper_bounds=1.0), ValueError,
         r"penalty_factor = 0 \(unpenalised features\) with lower_bounds/upper_bounds is not supported"),
    Case("LassoCV (Dask X)", "relax=True with gamma = [2]",
         lambda: lassofast.LassoCV(cv=2, relax=True, gamma=[2.0]).fit(*_lazy()), ValueError,
         r"gamma must be a non-empty list of numbers in \[0, 1\]"),
    Case("LassoCV (Dask X)", "NaN in a chunk",
         lambda: lassofast.LassoCV(cv=2).fit(*_lazy(_with(X, (3, 0), np.inf))), ValueError, r"chunk 0 .*row 3"),
    Case("Lasso (Dask X)", "2-D y", lambda: lassofast.Lasso().fit(_lazy()[0], _dask("ones", (20, 2), chunks=10)),
         ValueError, r"fit one target"),
]
