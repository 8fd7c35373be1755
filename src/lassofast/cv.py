"""Cross-validated elastic net and lasso: :class:`ElasticNetCV` and :class:`LassoCV` (scikit-learn API).

As in scikit-learn, each l1_ratio's α grid is computed once on the full data; every fold then runs one
warm-started :func:`lassofast.enet_path` on its training rows over that grid and scores the held-out
rows. The (α, l1_ratio) with the smallest mean held-out MSE is refitted on all the data.

The (l1_ratio, fold) jobs are independent and go through :func:`lassofast.batch.run_jobs`: threads by
default, or the joblib backend the caller configured (e.g. Dask) — with results equal in every case.
"""
import numbers

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.model_selection import check_cv
from sklearn.utils.validation import check_is_fitted, validate_data
from joblib import delayed

from ._params import L1Ratios, constraints_for, validate_params
from ._validation import check_alphas, check_array, check_sample_weight
from .batch import run_jobs
from .linear_model import ElasticNet, _validate_fit_data
from .path import _alpha_grid, _alpha_max_checked, _enet_path_checked

__all__ = ["ElasticNetCV", "LassoCV"]


def _fold_mse(X, y, train, test, alphas, l1_ratio, path_params, sample_weight=None, gammas=None):
    """Held-out mean squared error of every model on one fold's path, shape (n_alphas,); with
    ``sample_weight``, the path uses the training rows' weights and the error is the held-out rows'
    weighted mean (scikit-learn's). With ``gammas``: of every relaxed model (:meth:`Path.relax`),
    shape (n_gammas, n_alphas)."""
    weights = {} if sample_weight is None else {"sample_weight": sample_weight[train]}
    X_train = X[train]  # rows of the X fit checked: only a sparse one's format needs restoring
    if hasattr(X_train, "tocsc"):  # (a CSC row selection can leave its indices unsorted)
        X_train = check_array(X_train, "X", accept_sparse=True)
    path = _enet_path_checked(X_train, y[train], l1_ratio=l1_ratio, alphas=alphas, **path_params, **weights)
    if gammas is None:
        predictions = path.predict(X[test])
    else:  # (n_gammas, n_test, n_alphas)
        coefs, intercepts = path.relax(X_train, y[train], gammas, **weights)
        X_test = X[test]
        predictions = np.stack([np.asarray(X_test @ c) + b for c, b in zip(coefs, intercepts)])
    squares = np.square(predictions - y[test][:, None], dtype=np.float64)
    if sample_weight is None:
        return np.mean(squares, axis=-2)
    test_weights = sample_weight[test]
    if not test_weights.sum() > 0:
        raise ValueError("sample_weight is zero for every held-out row of a fold: its error is undefined. "
                         "Use other folds (cv=...) or fewer zero weights.")
    return np.average(squares, axis=-2, weights=test_weights)


class ElasticNetCV(RegressorMixin, BaseEstimator):
    """Elastic net with α (and l1_ratio) chosen by cross-validation.

    Minimises (1/(2n))·||y − Xw − b||² + α·ρ·||w||₁ + α·(1−ρ)/2·||w||² (ρ = ``l1_ratio``), the
    objective and parameters of :class:`sklearn.linear_model.ElasticNetCV`.

    Parameters
    ----------
    l1_ratio : float or list of float, default=0.5
        ρ in [0, 1], or several to try (the best is kept).
    eps : float, default=1e-3
        The automatic grid ends at eps·α_max, in (0, 1).
    n_alphas : int, default=100
        Points of the automatic grid.
    alphas : None, int or array-like, default=None
        None: the automatic grid of ``n_alphas`` points from α_max down to ``eps``·α_max; an int: that
        many grid points (scikit-learn ≥ 1.7's spelling); or an explicit list of α.
    fit_intercept : bool, default=True
        Fit b (by centring X and y).
    precompute : bool or "auto", default="auto"
        Solve on the Gram matrix XᵀX ("auto": when n_samples > n_features and X is dense).
    max_iter : int, default=1000
        Most CD sweeps per α.
    tol : float, default=1e-4
        scikit-learn's tol: the duality gap of the n-scaled problem must fall below tol·||y − ȳ||².
    cv : int, cross-validation generator or iterable, default=None
        Anything :func:`sklearn.model_selection.check_cv` accepts (default 5-fold).
    n_jobs : int, default=None
        Parallel fold jobs (threads unless a joblib backend is configured).
    positive : bool, default=False
        Constrain the coefficients to be ≥ 0.
    verbose : bool, default=False
        Show a progress bar on stderr.
    selection_rule : {"min", "1se"}, default="min"
        "min": the α of smallest mean held-out MSE (scikit-learn's choice); "1se": the largest α whose
        mean MSE is within one standard error of the minimum (cv.glmnet's ``s = "lambda.1se"``), at the
        best l1_ratio. The final model is refitted at that α.
    relax : bool, default=False
        cv.glmnet's ``relax = TRUE``: cross-validate the relaxed models γ·w(α) + (1 − γ)·(least squares
        on the support of w(α)) (:meth:`lassofast.Path.relax`) over ``gamma`` × the α grid, and fit the
        chosen (α, γ) (``gamma_``) on all the data; with ``sample_weight`` and bounds too, and on a Dask X.
    gamma : sequence of float, default=(0.0, 0.25, 0.5, 0.75, 1.0)
        The blends tried with ``relax`` (glmnet's default), each in [0, 1].
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
    alpha_ : float
        The selected α (the refit's).
    alpha_min_ : float
        The α of smallest mean held-out MSE.
    alpha_1se_ : float
        The largest α whose mean MSE is within one standard error of the best, at ``l1_ratio_``.
    l1_ratio_ : float
        The selected ρ.
    alphas_ : ndarray of shape (n_l1_ratio, n_alphas) or (n_alphas,)
        The grids (2-D with an automatic grid and several l1_ratios).
    mse_path_ : ndarray of shape (n_l1_ratio, n_alphas, n_folds) or (n_alphas, n_folds)
        Held-out MSE per α and fold.
    coef_, intercept_, dual_gap_, n_iter_
        From the refit on all the data.
    path_ : lassofast.Path
        The path on all the data over the chosen ``l1_ratio_``'s grid (cv.glmnet's ``glmnet.fit``):
        :meth:`predict` and :meth:`coef_at` at any α read it (off its grid they need the data again).
    gamma_ : float
        With ``relax``: the chosen γ (``alpha_`` is chosen on that γ's CV curve).
    relax_mse_path_ : ndarray of shape (n_l1_ratio, n_gamma, n_alphas, n_folds) or (n_gamma, n_alphas, n_folds)
        With ``relax``: held-out MSE per γ, α and fold (``mse_path_`` is the chosen γ's).
    """

    _parameter_constraints = {"l1_ratio": L1Ratios(), **constraints_for(
        "eps", "n_alphas", "tol", "max_iter", "alphas", "precompute", "fit_intercept", "positive", "verbose",
        "standardize", "rescale_penalty_factor", "selection_rule", "relax")}

    def __init__(self, *, l1_ratio=0.5, eps=1e-3, n_alphas=100, alphas=None, fit_intercept=True,
                 precompute="auto", max_iter=1000, tol=1e-4, cv=None, n_jobs=None, positive=False,
                 verbose=False, selection_rule="min", standardize=False, penalty_factor=None,
                 rescale_penalty_factor=False, lower_bounds=None, upper_bounds=None, relax=False,
                 gamma=(0.0, 0.25, 0.5, 0.75, 1.0)):
        self.l1_ratio = l1_ratio
        self.eps = eps
        self.n_alphas = n_alphas
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.tol = tol
        self.cv = cv
        self.n_jobs = n_jobs
        self.positive = positive
        self.verbose = verbose
        self.selection_rule = selection_rule
        self.standardize = standardize
        self.penalty_factor = penalty_factor
        self.rescale_penalty_factor = rescale_penalty_factor
        self.lower_bounds = lower_bounds
        self.upper_bounds = upper_bounds
        self.relax = relax
        self.gamma = gamma

    def fit(self, X, y, sample_weight=None):
        """Cross-validate the α (and l1_ratio) grid on X (n_samples, n_features), y (n_samples,), then
        refit. ``sample_weight`` (n_samples,) ≥ 0: each fold's path uses its training rows' weights and
        its error is the weighted mean over its held-out rows (scikit-learn's semantics).

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data (a sparse X: each fold is a CSC row subset, never densified).
        y : array-like of shape (n_samples,)
            Target.
        sample_weight : array-like of shape (n_samples,), optional
            Weights ≥ 0.

        Returns
        -------
        self
            The fitted estimator.
        """
        if hasattr(X, "__dask_graph__"):  # a Dask array / dataframe: folds in one pass (lassofast._dask)
            from ._dask_estimators import fit_elastic_net_cv
            self.__dict__.pop("path_", None)  # (not an earlier in-memory fit's)
            return fit_elastic_net_cv(self, X, y, sample_weight)
        X, y = _validate_fit_data(self, X, y)  # X checked once, here: the folds and the refit trust it
        l1_ratios = self._check_params()
        if sample_weight is not None:
            sample_weight = check_sample_weight(sample_weight, X.shape[0])
        path_params = dict(fit_intercept=self.fit_intercept, precompute=self.precompute,
                           tol=self.tol, max_iter=self.max_iter, positive=self.positive)
        options = {}  # the path options that change the problem, only when set (the plain path stays plain)
        if self.standardize is not False or self.penalty_factor is not None:
            options = dict(standardize=self.standardize, penalty_factor=self.penalty_factor,
                           rescale_penalty_factor=self.rescale_penalty_factor)
        if self.lower_bounds is not None or self.upper_bounds is not None:
            options.update(lower_bounds=self.lower_bounds, upper_bounds=self.upper_bounds)
        gammas = self._relax_gammas(sample_weight, options)
        grids = self._grids(X, y, l1_ratios, sample_weight, {**path_params, **options})
        folds = list(check_cv(self.cv).split(X, y))
        jobs = (delayed(_fold_mse)(X, y, train, test, grid, ratio, {**path_params, **options}, sample_weight,
                                   gammas)
                for ratio, grid in zip(l1_ratios, grids) for train, test in folds)
        mse = run_jobs(jobs, n_jobs=self.n_jobs, verbose=self.verbose, label="cross-validation")
        self._choose_from_folds(mse, grids, l1_ratios, len(folds), gammas)
        self.path_ = _enet_path_checked(X, y, l1_ratio=self.l1_ratio_, alphas=grids[self._l1_ratio_index],
                               sample_weight=sample_weight, **path_params, **options)
        if gammas is not None:  # the relaxed model at (alpha_, gamma_), from the path on all the data
            self._set_relaxed(self.path_, self.path_.relax(
                X, y, [self.gamma_], **({} if sample_weight is None else {"sample_weight": sample_weight})))
            return self

        model = ElasticNet(alpha=self.alpha_, l1_ratio=self.l1_ratio_, fit_intercept=self.fit_intercept,
                           precompute=self.precompute, max_iter=self.max_iter, tol=self.tol,
                           positive=self.positive, **options)
        model._check_params()
        model._fit_checked(X, y, sample_weight)
        self.coef_, self.intercept_ = model.coef_, model.intercept_
        self.dual_gap_, self.n_iter_ = model.dual_gap_, model.n_iter_
        return self

    def _relax_gammas(self, sample_weight, options):
        """The γ to cross-validate (an array), or None without ``relax``."""
        if not self.relax:
            return None
        gammas = np.atleast_1d(np.asarray(self.gamma, dtype=np.float64))
        if gammas.ndim != 1 or gammas.size == 0 or not ((gammas >= 0) & (gammas <= 1)).all():
            raise ValueError(f"gamma must be a non-empty list of numbers in [0, 1], got {self.gamma!r}.")
        return gammas

    def _choose_from_folds(self, mse, grids, l1_ratios, n_folds, gammas):
        """Set the selection's attributes from the (l1_ratio, fold) jobs' held-out errors ``mse`` (listed
        l1_ratio by l1_ratio; each of shape (n_alphas,), or (n_gammas, n_alphas) with ``gammas``), as
        :meth:`_choose` does (also used by the Dask route, lassofast._dask_estimators)."""
        if gammas is None:
            mse = np.asarray(mse).reshape(len(l1_ratios), n_folds, -1).transpose(0, 2, 1)
            for name in ("gamma_", "relax_mse_path_"):  # (not an earlier relaxed fit's)
                self.__dict__.pop(name, None)
        else:  # (l1_ratio, γ, α, fold): the first minimum in that order picks γ; α on its curve
            relax_mse = np.asarray(mse).reshape(len(l1_ratios), n_folds, len(gammas), -1)
            relax_mse = relax_mse.transpose(0, 2, 3, 1)
            g = np.unravel_index(np.argmin(relax_mse.mean(axis=3)), relax_mse.shape[:3])[1]
            self.gamma_ = float(gammas[g])
            self.relax_mse_path_ = relax_mse if len(l1_ratios) > 1 else relax_mse[0]
            mse = relax_mse[:, g]
        self._choose(mse, grids, l1_ratios)

    def _set_relaxed(self, path, relaxed):
        """The fitted model: the relaxed one at (alpha_, gamma_), from ``path`` on all the data (on the
        chosen grid) and its ``relaxed = path.relax(X, y, [gamma_])``."""
        coefs, intercepts = relaxed
        k = int(np.flatnonzero(path.alphas == self.alpha_)[0])
        self.coef_, self.intercept_ = coefs[0][:, k], float(intercepts[0][k])
        self.dual_gap_, self.n_iter_ = float(path.dual_gaps[k]), max(1, int(path.n_iters[k]))

    def _choose(self, mse, grids, l1_ratios):
        """Set the selection's attributes from ``mse`` (n_l1_ratio, n_alphas, n_folds) on ``grids``
        (also used by the Dask route, lassofast._dask_estimators)."""
        # First minimum in (l1_ratio, α) order — the largest α among ties, as scikit-learn picks.
        r, k = np.unravel_index(np.argmin(mse.mean(axis=2)), mse.shape[:2])
        several = len(l1_ratios) > 1
        self._l1_ratio_index = int(r)
        self.l1_ratio_ = float(l1_ratios[r])
        self.alpha_min_ = float(grids[r][k])
        self.mse_path_ = mse if several else mse[0]
        automatic_grid = self.alphas is None or isinstance(self.alphas, numbers.Integral)
        self.alphas_ = np.asarray(grids) if several and automatic_grid else grids[0]
        alphas, mean, se = self.cv_curve()
        self.alpha_1se_ = float(alphas[mean <= mean[k] + se[k]].max())
        self.alpha_ = self.alpha_1se_ if self.selection_rule == "1se" else self.alpha_min_

    def predict(self, X, alpha=None, *, train=None):
        """Predictions of the refitted model X·coef_ + intercept_, or with ``alpha`` of the model at that
        α (at ``l1_ratio_``; e.g. ``alpha=cv.alpha_1se_``): read from :attr:`path_` on its grid, solved
        exactly off it (a certified warm-started solve, :meth:`lassofast.Path.solve_at`), which needs
        the training data again as ``train=(X, y)`` or ``(X, y, sample_weight)``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Data.
        alpha : float, optional
            α ≥ 0 (default: the refitted model, at ``alpha_``).
        train : tuple, optional
            The training data, for an α off the grid.

        Returns
        -------
        ndarray of shape (n_samples,)
            The predictions.
        """
        if alpha is None:
            return ElasticNet.predict(self, X)
        if self.relax:
            raise ValueError("predict(X, alpha=...) reads the lasso path; with relax=True the model at (α, γ) "
                             "is cv.path_.relax(X, y, [γ]) at that α, or predict(X) for the chosen one.")
        path = self._full_path()
        X = validate_data(self, X, accept_sparse=True, dtype=[np.float64, np.float32], reset=False)
        return path.predict(X, alpha=alpha, train=train)

    def coef_at(self, alpha, X=None, y=None, sample_weight=None):
        """Coefficients (n_features,) at any α ≥ 0 and ``l1_ratio_`` (e.g. ``cv.coef_at(cv.alpha_1se_)``),
        from :attr:`path_`: on its grid as stored, off it solved exactly given the training ``X``, ``y``
        (and ``sample_weight``) again.

        Parameters
        ----------
        alpha : float
            α ≥ 0.
        X : {array-like, sparse matrix} of shape (n_samples, n_features), optional
            The training data, for an α off the grid.
        y : array-like of shape (n_samples,), optional
            Its target.
        sample_weight : array-like of shape (n_samples,), optional
            Its weights, if the fit had them.

        Returns
        -------
        ndarray of shape (n_features,)
            The coefficients.
        """
        return self._full_path().coef_at(alpha, X, y, sample_weight)

    def _full_path(self):
        check_is_fitted(self)
        if not hasattr(self, "path_"):
            raise ValueError("this model has no path_ on all the data (a Dask X is fitted from its "
                             "moments without it): predict(X, alpha=...) and coef_at need a fit on an "
                             "in-memory X; use alpha_ and coef_, or lassofast.enet_path.")
        return self.path_

    def cv_curve(self):
        """The cross-validation curve of the chosen ``l1_ratio_``: mean held-out MSE and its standard error.

        The standard error is glmnet's: the folds' sample standard deviation / √n_folds (0 with one fold).

        Returns
        -------
        alphas : ndarray of shape (n_alphas,)
            The α grid of the chosen ``l1_ratio_``.
        mean : ndarray of shape (n_alphas,)
            Mean held-out MSE over the folds at each α.
        se : ndarray of shape (n_alphas,)
            Its standard error.
        """
        mse, alphas = self.mse_path_, self.alphas_
        if mse.ndim == 3:  # several l1_ratios: keep the chosen one
            r = self._l1_ratio_index
            mse, alphas = mse[r], (alphas[r] if alphas.ndim == 2 else alphas)
        n_folds = mse.shape[1]
        se = mse.std(axis=1, ddof=1) / np.sqrt(n_folds) if n_folds > 1 else np.zeros(len(alphas))
        return alphas, mse.mean(axis=1), se

    def plot(self, ax=None):
        """The CV error curve with its standard-error band, α and the one-SE α (see lassofast.plotting).

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw (a new figure by default).

        Returns
        -------
        matplotlib Axes
            The axes drawn on.
        """
        from .plotting import plot_cv
        return plot_cv(self, ax=ax)

    def _check_params(self):
        """Check the hyper-parameters (the table in lassofast._params); return the l1_ratios to try as a
        1-D float array."""
        return validate_params(self)["l1_ratio"]

    def _grids(self, X, y, l1_ratios, sample_weight=None, path_params=None):
        """One decreasing α grid per l1_ratio, computed on the full data (shared by all folds)."""
        if self.alphas is not None and not isinstance(self.alphas, numbers.Integral):
            grid = check_alphas(self.alphas)
            return [grid] * len(l1_ratios)
        n_alphas = self.n_alphas if self.alphas is None else self.alphas
        if sample_weight is not None or set(path_params or ()) - {"fit_intercept", "precompute", "tol",
                                                                   "max_iter", "positive"}:
            # α_max of the weighted / standardised / penalty-factored problem: a one-point path's grid
            return [_alpha_grid(_enet_path_checked(X, y, l1_ratio=r, n_alphas=1, sample_weight=sample_weight,
                                                   **path_params).alpha_max if r > 0 else np.inf,
                                self.eps, n_alphas, r) for r in l1_ratios]
        return [_alpha_grid(_alpha_max_checked(X, y, l1_ratio=r, fit_intercept=self.fit_intercept,
                                               positive=self.positive) if r > 0 else np.inf,
                            self.eps, n_alphas, r) for r in l1_ratios]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # scipy.sparse X: each fold is a CSC row subset, never densified
        return tags


class LassoCV(ElasticNetCV):
    """Lasso with α chosen by cross-validation: :class:`ElasticNetCV` with ``l1_ratio=1``.

    Minimises (1/(2n))·||y − Xw − b||² + α·||w||₁ (scikit-learn's :class:`~sklearn.linear_model.LassoCV`);
    ``mse_path_`` has shape (n_alphas, n_folds) and ``alphas_`` (n_alphas,).

    Parameters
    ----------
    eps : float, default=1e-3
        The automatic grid ends at eps·α_max, in (0, 1).
    n_alphas : int, default=100
        Points of the automatic grid.
    alphas : None, int or array-like, default=None
        None: the automatic grid of ``n_alphas`` points from α_max down to ``eps``·α_max; an int: that
        many grid points (scikit-learn ≥ 1.7's spelling); or an explicit list of α.
    fit_intercept : bool, default=True
        Fit b (by centring X and y).
    precompute : bool or "auto", default="auto"
        Solve on the Gram matrix XᵀX ("auto": when n_samples > n_features and X is dense).
    max_iter : int, default=1000
        Most CD sweeps per α.
    tol : float, default=1e-4
        scikit-learn's tol: the duality gap of the n-scaled problem must fall below tol·||y − ȳ||².
    cv : int, cross-validation generator or iterable, default=None
        Anything :func:`sklearn.model_selection.check_cv` accepts (default 5-fold).
    n_jobs : int, default=None
        Parallel fold jobs (threads unless a joblib backend is configured).
    positive : bool, default=False
        Constrain the coefficients to be ≥ 0.
    verbose : bool, default=False
        Show a progress bar on stderr.
    selection_rule : {"min", "1se"}, default="min"
        "min": the α of smallest mean held-out MSE (scikit-learn's choice); "1se": the largest α whose
        mean MSE is within one standard error of the minimum (cv.glmnet's ``s = "lambda.1se"``), at the
        best l1_ratio. The final model is refitted at that α.
    relax : bool, default=False
        cv.glmnet's ``relax = TRUE``: cross-validate the relaxed models γ·w(α) + (1 − γ)·(least squares
        on the support of w(α)) (:meth:`lassofast.Path.relax`) over ``gamma`` × the α grid, and fit the
        chosen (α, γ) (``gamma_``) on all the data; with ``sample_weight`` and bounds too, and on a Dask X.
    gamma : sequence of float, default=(0.0, 0.25, 0.5, 0.75, 1.0)
        The blends tried with ``relax`` (glmnet's default), each in [0, 1].
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

    def __init__(self, *, eps=1e-3, n_alphas=100, alphas=None, fit_intercept=True, precompute="auto",
                 max_iter=1000, tol=1e-4, cv=None, n_jobs=None, positive=False, verbose=False,
                 selection_rule="min", standardize=False, penalty_factor=None, rescale_penalty_factor=False,
                 lower_bounds=None, upper_bounds=None, relax=False, gamma=(0.0, 0.25, 0.5, 0.75, 1.0)):
        super().__init__(l1_ratio=1.0, eps=eps, n_alphas=n_alphas, alphas=alphas,
                         fit_intercept=fit_intercept, precompute=precompute, max_iter=max_iter, tol=tol,
                         cv=cv, n_jobs=n_jobs, positive=positive, verbose=verbose,
                         selection_rule=selection_rule, standardize=standardize,
                         penalty_factor=penalty_factor, rescale_penalty_factor=rescale_penalty_factor,
                         lower_bounds=lower_bounds, upper_bounds=upper_bounds, relax=relax, gamma=gamma)
