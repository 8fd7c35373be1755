"""scikit-learn compatible estimators: :class:`Lasso` and :class:`ElasticNet`.

They fit with the machinery of :func:`lassofast.enet_path` at a single α (warm-started from ``coef_`` when
``warm_start=True``), so the estimators and the paths share one solver and one set of checks.
"""
import dataclasses

import numpy as np
from sklearn.base import BaseEstimator, MultiOutputMixin, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from ._params import constraints_for, validate_params
from ._validation import check_array, check_container, check_values
from .path import _Design, _design_checking_values, _enet_path_checked, _path_on, _path_options, _weighted_rows

__all__ = ["ElasticNet", "Lasso"]


def _validate_fit_data(estimator, X, y, multi_output=False, check_values=True):
    """X, y of ``estimator.fit``, validated once: scikit-learn's validate_data converts them (CSC, float
    dtype, shapes) and records ``n_features_in_`` / ``feature_names_in_`` without reading X's values;
    lassofast's check_array then reads them once (NaN/inf, overflow of sums of squares, with its
    messages) — or, with ``check_values=False``, leaves a dense X's values to the caller's design
    (see ElasticNet._fit_checked). y takes X's dtype."""
    if _plain_arrays(X, y, multi_output):  # what validate_data would do, without its ~0.3 ms
        estimator.n_features_in_ = X.shape[1]
        if hasattr(estimator, "feature_names_in_"):  # fitted on a DataFrame before: not any more
            del estimator.feature_names_in_
    else:
        check_container(X, "X", accept_sparse=True)  # masked arrays: refused before any conversion
        X, y = validate_data(estimator, X, y, accept_sparse="csc", dtype=[np.float64, np.float32],
                             y_numeric=True, multi_output=multi_output, ensure_min_samples=1,
                             ensure_all_finite=False)
    X = check_array(X, "X", accept_sparse=True, check_values=check_values)
    return X, y.astype(X.dtype, copy=False)


def _plain_arrays(X, y, multi_output):
    """X a non-empty 2-D float ndarray and y a finite real ndarray that validate_data would pass
    unchanged: then only n_features_in_ / feature_names_in_ are left to record. (Anything else goes
    through validate_data, so its conversions and error messages stay scikit-learn's.)"""
    return (type(X) is np.ndarray and X.ndim == 2 and X.dtype in _FLOAT_DTYPES and X.size > 0
            and type(y) is np.ndarray and y.dtype.kind in "biuf" and y.shape[0] == X.shape[0]
            and (y.ndim == 1 or (multi_output and y.ndim == 2 and y.shape[1] > 0))
            and bool(np.isfinite(y).all()))


_FLOAT_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))


class ElasticNet(MultiOutputMixin, RegressorMixin, BaseEstimator):
    """Linear regression with combined L1 and L2 penalties, fitted by Cython coordinate descent.

    Minimises (1/(2n))·||y − Xw − b||² + α·ρ·||w||₁ + α·(1−ρ)/2·||w||², ρ = ``l1_ratio`` — the same
    objective and parameters as :class:`sklearn.linear_model.ElasticNet`. ``tol`` has scikit-learn's
    meaning (the duality gap of the n-scaled problem must fall below ``tol·||y − ȳ||²``).
    A 2-D ``y`` fits one independent model per column. A scipy.sparse X is fitted in CSC form, centred
    implicitly (never densified).

    ``standardize``, ``penalty_factor`` and ``rescale_penalty_factor`` (glmnet's ``standardize``,
    ``penalty.factor``; dense X) and ``lower_bounds``/``upper_bounds`` (glmnet's ``lower.limits``/
    ``upper.limits``) are those of :func:`lassofast.enet_path`; off by default.

    Parameters
    ----------
    alpha : float, default=1.0
        α ≥ 0, the penalty's strength.
    l1_ratio : float, default=0.5
        ρ in [0, 1]: 1 is the lasso, 0 ridge.
    fit_intercept : bool, default=True
        Fit b (by centring X and y).
    precompute : bool or "auto", default=False
        Solve on the Gram matrix XᵀX ("auto": when n_samples > n_features and X is dense).
    max_iter : int, default=1000
        Most CD sweeps per α.
    tol : float, default=1e-4
        scikit-learn's tol: the duality gap of the n-scaled problem must fall below tol·||y − ȳ||².
    warm_start : bool, default=False
        Start from the previous fit's ``coef_``.
    positive : bool, default=False
        Constrain the coefficients to be ≥ 0.
    standardize : bool, default=False
        glmnet's ``standardize``: penalise the features on unit (weighted, population) standard deviation;
        coefficients are reported on the original scale.
    penalty_factor : array-like of shape (n_features,), optional
        glmnet's ``penalty.factor``: feature j is penalised by α·fⱼ (0: unpenalised, inf: excluded).
    rescale_penalty_factor : bool, default=False
        Rescale the factors to sum to n_features, as glmnet does.
    lower_bounds, upper_bounds : float or array-like of shape (n_features,), optional
        Box bounds on the coefficients, lower ≤ 0 ≤ upper (±inf: none); ``positive=True`` is lower 0.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        The coefficients.
    intercept_ : float or ndarray of shape (n_targets,)
        b.
    n_iter_ : int or list of int
        Sweeps (at least 1).
    dual_gap_ : float or ndarray of shape (n_targets,)
        The certified duality gap (objective scale).
    n_features_in_, feature_names_in_
        As in scikit-learn.
    """

    _parameter_constraints = constraints_for("alpha", "l1_ratio", "max_iter", "tol", "precompute", "fit_intercept",
                                             "warm_start", "positive", "standardize", "rescale_penalty_factor")

    def __init__(self, alpha=1.0, *, l1_ratio=0.5, fit_intercept=True, precompute=False,
                 max_iter=1000, tol=1e-4, warm_start=False, positive=False, standardize=False,
                 penalty_factor=None, rescale_penalty_factor=False, lower_bounds=None, upper_bounds=None):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.tol = tol
        self.warm_start = warm_start
        self.positive = positive
        self.standardize = standardize
        self.penalty_factor = penalty_factor
        self.rescale_penalty_factor = rescale_penalty_factor
        self.lower_bounds = lower_bounds
        self.upper_bounds = upper_bounds

    def fit(self, X, y, sample_weight=None):
        """Fit the model to X (n_samples, n_features) and y (n_samples,) or (n_samples, n_targets).

        ``sample_weight`` (n_samples,) ≥ 0: scikit-learn's weighted objective (see
        :func:`lassofast.enet_path`); dense X, or sparse X with ``fit_intercept=False``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data (a sparse X is fitted in CSC form, never densified).
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Target(s).
        sample_weight : array-like of shape (n_samples,), optional
            Weights ≥ 0.

        Returns
        -------
        self
            The fitted estimator.
        """
        if hasattr(X, "__dask_graph__"):  # a Dask array / dataframe: one pass of statistics (lassofast._dask)
            from ._dask_estimators import fit_elastic_net
            return fit_elastic_net(self, X, y, sample_weight)
        self._check_params()
        X, y = _validate_fit_data(self, X, y, multi_output=True, check_values=False)
        return self._fit_checked(X, y, sample_weight, values_checked=False)

    def _fit_checked(self, X, y, sample_weight=None, values_checked=True):
        """fit on an X, y that :func:`_validate_fit_data` has passed (also the CV estimators' refit);
        ``values_checked=False``: a dense X's values are checked here (see below)."""
        single = y.ndim == 1
        Y = y[:, None] if single else y
        n_targets, p = Y.shape[1], X.shape[1]

        init = None
        if self.warm_start and hasattr(self, "coef_"):
            init = np.atleast_2d(self.coef_)
            if init.shape != (n_targets, p):
                raise ValueError(f"warm_start needs coef_ of shape ({n_targets}, {p}) from the previous "
                                 f"fit; got {init.shape}. Refit with warm_start=False.")

        coef = np.empty((n_targets, p), dtype=X.dtype)
        intercept = np.empty(n_targets, dtype=X.dtype)
        gaps, iters = np.empty(n_targets), np.empty(n_targets, dtype=int)
        options = _path_options(l1_ratio=self.l1_ratio, eps=1e-3, n_alphas=1, alphas=[self.alpha],
                                fit_intercept=self.fit_intercept, precompute=self.precompute, tol=self.tol,
                                max_iter=self.max_iter, positive=self.positive, screening=True,
                                verbose=False)
        transformed = (self.standardize is not False or self.penalty_factor is not None
                       or self.lower_bounds is not None or self.upper_bounds is not None)
        # A dense X's values, if not checked yet: from the plain design's column norms (no pass over X),
        # else directly, before a transform or the weighted rows read X.
        unchecked = not (values_checked or hasattr(X, "tocsc"))
        by_norms = unchecked and not transformed and sample_weight is None
        if unchecked and not by_norms:
            check_values(X)
        if transformed:
            paths = [_enet_path_checked(X, check_array(Y[:, t], "y", ndim=1, dtype=X.dtype.type),
                                        l1_ratio=self.l1_ratio, alphas=[self.alpha],
                                        fit_intercept=self.fit_intercept, precompute=self.precompute,
                                        coef_init=None if init is None else init[t], tol=self.tol,
                                        max_iter=self.max_iter, positive=self.positive,
                                        sample_weight=sample_weight, penalty_factor=self.penalty_factor,
                                        rescale_penalty_factor=self.rescale_penalty_factor,
                                        standardize=self.standardize, lower_bounds=self.lower_bounds,
                                        upper_bounds=self.upper_bounds) for t in range(n_targets)]
            return self._set_fitted(paths, single, coef, intercept, gaps, iters)
        # One design for every target: X is centred (and its Gram formed) once.
        fit_intercept = options.pop("fit_intercept")
        X_offset = Y_offset = implicit = None
        if sample_weight is not None:  # the weighted rows, centred: an unweighted problem, no intercept
            Y = check_array(Y, "y", ndim=2, dtype=X.dtype.type)
            X, Y, X_offset, Y_offset, implicit = _weighted_rows(X, Y, sample_weight, fit_intercept)
            fit_intercept = False
        design = (_design_checking_values(X, fit_intercept, options.pop("precompute")) if by_norms
                  else _Design(X, fit_intercept, options.pop("precompute"), implicit))
        paths = [_path_on(design, check_array(Y[:, t], "y", ndim=1, dtype=X.dtype.type),
                          None if init is None else init[t], **options) for t in range(n_targets)]
        if X_offset is not None:
            paths = [dataclasses.replace(path, intercepts=Y_offset[t] - X_offset @ path.coefs)
                     for t, path in enumerate(paths)]
        return self._set_fitted(paths, single, coef, intercept, gaps, iters)

    def _set_fitted(self, paths, single, coef, intercept, gaps, iters):
        """coef_, intercept_, dual_gap_, n_iter_ from one single-α path per target."""
        for t, path in enumerate(paths):
            coef[t], intercept[t] = path.coefs[:, 0], path.intercepts[0]
            # An α ≥ α_max is certified by the pass over X that forms Xᵀy, and a warm-started α may be
            # by the kernel's opening Newton step (0 sweeps): at least 1, as scikit-learn reports (and
            # check_estimator requires).
            gaps[t], iters[t] = path.dual_gaps[0], max(1, int(path.n_iters[0]))

        if single:
            self.coef_, self.intercept_ = coef[0], intercept[0]
            self.dual_gap_, self.n_iter_ = float(gaps[0]), int(iters[0])
        else:
            self.coef_, self.intercept_ = coef, intercept
            self.dual_gap_, self.n_iter_ = gaps, list(iters)
        return self

    def _check_params(self):
        validate_params(self)  # the table in lassofast._params

    def predict(self, X):
        """Predictions X·coef_ + intercept_, shape (n_samples,) or (n_samples, n_targets).

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Data.

        Returns
        -------
        ndarray of shape (n_samples,) or (n_samples, n_targets)
            The predictions.
        """
        check_is_fitted(self)
        if hasattr(X, "__dask_graph__"):  # lazy: a Dask array of predictions
            from ._dask_estimators import predict
            return predict(self, X)
        X = validate_data(self, X, accept_sparse=True, dtype=[np.float64, np.float32], reset=False)
        return np.asarray(X @ np.asarray(self.coef_).T) + self.intercept_

    @property
    def sparse_coef_(self):
        """``coef_`` as a scipy.sparse CSR matrix."""
        from scipy import sparse
        check_is_fitted(self)
        return sparse.csr_matrix(np.atleast_2d(self.coef_))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # scipy.sparse X is fitted as CSC, never densified
        return tags


class Lasso(ElasticNet):
    """Linear regression with an L1 penalty: :class:`ElasticNet` with ``l1_ratio=1``.

    Minimises (1/(2n))·||y − Xw − b||² + α·||w||₁ (scikit-learn's Lasso objective; the explainer page's
    J = (1/n)||y − ŷ||² + λ||w||₁ is the same with λ = 2α).

    Parameters
    ----------
    alpha : float, default=1.0
        α ≥ 0, the penalty's strength.
    fit_intercept : bool, default=True
        Fit b (by centring X and y).
    precompute : bool or "auto", default=False
        Solve on the Gram matrix XᵀX ("auto": when n_samples > n_features and X is dense).
    max_iter : int, default=1000
        Most CD sweeps per α.
    tol : float, default=1e-4
        scikit-learn's tol: the duality gap of the n-scaled problem must fall below tol·||y − ȳ||².
    warm_start : bool, default=False
        Start from the previous fit's ``coef_``.
    positive : bool, default=False
        Constrain the coefficients to be ≥ 0.
    standardize : bool, default=False
        glmnet's ``standardize``: penalise the features on unit (weighted, population) standard deviation;
        coefficients are reported on the original scale.
    penalty_factor : array-like of shape (n_features,), optional
        glmnet's ``penalty.factor``: feature j is penalised by α·fⱼ (0: unpenalised, inf: excluded).
    rescale_penalty_factor : bool, default=False
        Rescale the factors to sum to n_features, as glmnet does.
    lower_bounds, upper_bounds : float or array-like of shape (n_features,), optional
        Box bounds on the coefficients, lower ≤ 0 ≤ upper (±inf: none); ``positive=True`` is lower 0.
    """

    def __init__(self, alpha=1.0, *, fit_intercept=True, precompute=False, max_iter=1000, tol=1e-4,
                 warm_start=False, positive=False, standardize=False, penalty_factor=None,
                 rescale_penalty_factor=False, lower_bounds=None, upper_bounds=None):
        super().__init__(alpha=alpha, l1_ratio=1.0, fit_intercept=fit_intercept, precompute=precompute,
                         max_iter=max_iter, tol=tol, warm_start=warm_start, positive=positive,
                         standardize=standardize, penalty_factor=penalty_factor,
                         rescale_penalty_factor=rescale_penalty_factor, lower_bounds=lower_bounds,
                         upper_bounds=upper_bounds)
