"""Lasso with α chosen by an information criterion (AIC / BIC) from one path: :class:`LassoIC`.

scikit-learn's :class:`~sklearn.linear_model.LassoLarsIC` semantics, on lassofast's certified
coordinate-descent path instead of LARS: for each α of the grid,

    criterion(α) = n·log(2π σ²) + RSS(α)/σ² + c·df(α),   c = 2 (AIC) or log(n) (BIC),

df = the number of non-zero coefficients (Zou, Hastie & Tibshirani 2007), σ² the given
``noise_variance`` or the residual variance of the full least-squares fit (n_samples > n_features
needed). The α of smallest criterion is selected. No cross-validation: one path.

Under box bounds (glmnet's lower/upper.limits) the least-squares fit for σ² is the one within the box,
as scikit-learn's is the non-negative one with ``positive=True``: σ² is then the noise of the constrained
model family the path lives in. df stays the number of non-zeros — the same count as without a box (a
coefficient held at a bound is counted, as LARS-lasso counts every active one; no finer df for boxes is
claimed).
"""
import numbers

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin

from ._params import constraints_for, validate_params
from ._validation import check_alphas
from .linear_model import ElasticNet, _validate_fit_data
from .path import _check_criterion, _enet_path_checked, _with_extras

__all__ = ["LassoIC"]


class LassoIC(RegressorMixin, BaseEstimator):
    """Lasso with α selected by AIC or BIC over one regularisation path (no cross-validation).

    Minimises (1/(2n))·||y − Xw − b||² + α·||w||₁ at the α of smallest ``criterion`` ("aic", the
    default as in scikit-learn, or "bic") over the grid: ``alphas`` None (``n_alphas`` points from
    α_max down to ``eps``·α_max), an int (the grid size) or an explicit list. ``noise_variance``: σ²
    in the criterion; None estimates it from the least-squares fit on all features (needs
    n_samples > n_features + fit_intercept, as in scikit-learn). Unlike LARS, the criterion is read
    on the grid: the α chosen is the grid point of smallest criterion (between knots df is constant
    and RSS grows with α, so a finer grid only gets closer to LARS's knot).

    Parameters
    ----------
    criterion : {"aic", "bic"}, default="aic"
        The information criterion.
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
    positive : bool, default=False
        Constrain the coefficients to be ≥ 0 (the shorthand for ``lower_bounds=0``).
    lower_bounds, upper_bounds : float or array-like of shape (n_features,), optional
        Box bounds on the coefficients, lower ≤ 0 ≤ upper (±inf: none), as in :class:`Lasso` and
        :func:`lassofast.lasso_path` (glmnet's ``lower.limits``/``upper.limits``). The least-squares fit
        that estimates σ² is then the one within the box.
    noise_variance : float, optional
        σ² in the criterion; None estimates it from the least-squares fit on all features (needs
        n_samples > n_features + fit_intercept), within the box or non-negative when the path is.

    Attributes
    ----------
    alpha_ : float
        The selected α.
    alphas_ : ndarray of shape (n_alphas,)
        The grid, decreasing.
    criterion_ : ndarray of shape (n_alphas,)
        The criterion at each α.
    noise_variance_ : float
        σ² used.
    path_ : lassofast.Path
        The path; like :func:`lassofast.lasso_path`'s it keeps a reference to the training X, y (for
        ``path_.to_html(out)``; not pickled).
    coef_, intercept_, dual_gap_, n_iter_, n_features_in_, feature_names_in_
        Of the model at ``alpha_``.
    """

    _parameter_constraints = constraints_for("criterion", "eps", "n_alphas", "max_iter", "tol", "precompute",
                                             "fit_intercept", "positive", "noise_variance", "alphas")

    def __init__(self, criterion="aic", *, eps=1e-3, n_alphas=100, alphas=None, fit_intercept=True,
                 precompute="auto", max_iter=1000, tol=1e-4, positive=False, lower_bounds=None,
                 upper_bounds=None, noise_variance=None):
        self.criterion = criterion
        self.eps = eps
        self.n_alphas = n_alphas
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive
        self.lower_bounds = lower_bounds
        self.upper_bounds = upper_bounds
        self.noise_variance = noise_variance

    def fit(self, X, y):
        """Compute the path on X (n_samples, n_features), y (n_samples,) and select α by the criterion.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target.

        Returns
        -------
        self
            The fitted estimator.
        """
        validate_params(self)  # the table in lassofast._params
        alphas = self.alphas
        if alphas is not None and not isinstance(alphas, numbers.Integral):
            alphas = check_alphas(alphas)
        given = (X, y, None)                      # references, as lasso_path keeps (see Path)
        X, y = _validate_fit_data(self, X, y)     # X checked once, here
        path = _enet_path_checked(X, y, l1_ratio=1.0, eps=self.eps, n_alphas=self.n_alphas, alphas=alphas,
                                  fit_intercept=self.fit_intercept, precompute=self.precompute, tol=self.tol,
                                  max_iter=self.max_iter, positive=self.positive, lower_bounds=self.lower_bounds,
                                  upper_bounds=self.upper_bounds)
        noise_variance = self.noise_variance
        if noise_variance is None:  # the path's constraint (sign, box) holds for the least-squares fit too
            from .path import _ols_noise_variance
            noise_variance = _ols_noise_variance(X, y, path.fit_intercept, path.positive, path._box())
        self.noise_variance_ = float(noise_variance)
        self.criterion_ = path._criterion_checked(_check_criterion(self.criterion), X, y, self.noise_variance_)
        best = int(np.argmin(self.criterion_))
        self.path_ = _with_extras(path, _training_data=given)
        self.alphas_ = path.alphas
        self.alpha_ = float(path.alphas[best])
        self.coef_ = path.coefs[:, best].copy()
        self.intercept_ = path.intercepts[best]
        # (0 sweeps: α ≥ α_max, or solved by the kernel's opening Newton step; scikit-learn reports ≥ 1)
        self.dual_gap_, self.n_iter_ = float(path.dual_gaps[best]), max(1, int(path.n_iters[best]))
        return self

    # Prediction is the selected linear model's: X·coef_ + intercept_.
    predict = ElasticNet.predict

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags
