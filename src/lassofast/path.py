"""Regularisation paths: the α grid, warm starts, and the :class:`Path` result.

Objective at each α (scikit-learn's; ρ = ``l1_ratio``)::

    (1/(2n)) ||y − Xw − b||² + α ρ ||w||₁ + α (1−ρ)/2 ||w||²

The intercept b is handled by centring: the kernels solve the problem on Xc = X − mean(X),
yc = y − mean(y), and b = mean(y) − mean(X)·w. The explainer page's J = (1/n)||y − Xw||² + λ||w||₁ (see the
README) is the same
problem with λ = 2α.
"""
import contextlib
import copy
import math
import numbers
import operator
import warnings
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import _active_set, _cd, _interruptible
from ._progress import ProgressBar
from ._standardize import column_scale
from ._validation import (check_alphas, check_bool, check_bounds, check_coef_init, check_path_params,
                          check_precompute, check_penalty_factor, check_sample_weight, check_scalar,
                          check_values, check_values_by_norms, check_X_y)
from . import exceptions

__all__ = ["Path", "Knot", "Solution", "enet_path", "lasso_path", "alpha_max"]


class Knot(NamedTuple):
    """A feature entering (becoming non-zero) or leaving the active set at grid point ``alpha``.

    Attributes
    ----------
    alpha : float
        The grid point.
    event : {"enter", "leave"}
        What the feature does there.
    """
    alpha: float
    event: str


class Solution(NamedTuple):
    """The certified solution at one α (see :meth:`Path.solve_at`).

    Attributes
    ----------
    alpha : float
        α.
    coef : ndarray of shape (n_features,)
        The coefficients.
    intercept : float
        b.
    dual_gap : float
        The duality gap (objective scale), ≤ tol·||yc||²/n.
    n_iter : int
        Sweeps.
    """
    alpha: float
    coef: np.ndarray
    intercept: float
    dual_gap: float
    n_iter: int


@dataclass(frozen=True, eq=False, repr=False)
class Path:
    """Solutions along a decreasing α grid (column k of ``coefs`` solves the problem at ``alphas[k]``).

    ``dual_gaps`` are duality gaps of the objective above (its scale, i.e. divided by n), each ≤
    ``tol·||yc||²/n`` when converged; ``n_iters`` counts coordinate-descent sweeps per α (full passes
    over X at the α solved by the active-set method, see :func:`enet_path`; 0 where no sweep was
    needed: α ≥ α_max, or an α the kernel's opening Newton step solved).

    Like scikit-learn's ``lasso_path`` result it unpacks as ``alphas, coefs, dual_gaps = path``.
    The solve's settings (``fit_intercept``, ``tol``, ``max_iter``, ``positive``) are kept, so that
    :meth:`solve_at` / :meth:`coef_at` / :meth:`predict` can solve any α off the grid exactly — given
    the same X and y again. A path from :func:`enet_path` / :func:`lasso_path` on in-memory data keeps a
    reference (not a copy) to its X, y and sample_weight for :meth:`to_html` / :meth:`explore` only: it
    is not pickled, not shown by ``repr``, shared (not copied) by ``copy.copy`` and ``copy.deepcopy``,
    and a path without it (from a Dask X's statistics, unpickled,
    built by hand) still works — its page says which panels need ``X, y``.

    Attributes
    ----------
    alphas : ndarray of shape (K,)
        The grid, decreasing.
    coefs : ndarray of shape (n_features, K)
        Column k solves the problem at ``alphas[k]``.
    intercepts : ndarray of shape (K,)
        b at each α.
    dual_gaps : ndarray of shape (K,)
        Certified duality gaps (objective scale).
    n_iters : ndarray of shape (K,)
        Sweeps (or active-set passes) per α.
    alpha_max : float
        The smallest α with an all-zero solution.
    l1_ratio : float, default=1.0
        ρ.
    settings : tuple, default=(True, 1e-4, 1000, False)
        The solve's (fit_intercept, tol, max_iter, positive).
    lower_bounds, upper_bounds : ndarray of shape (n_features,) or None
        The box the solve kept to (None: no box).
    max_features : int or None
        glmnet's dfmax, when given.
    stop_reason : str or None
        "max_features" when the path ended before its grid did (its support would have exceeded it).
    stopped_alpha : float or None
        Then: the first grid α left out.
    """
    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    dual_gaps: np.ndarray
    n_iters: np.ndarray
    alpha_max: float
    l1_ratio: float = 1.0
    settings: tuple = (True, 1e-4, 1000, False)

    # Set (by _with_extras) only on the paths that have them; class defaults otherwise, so that a plain
    # path's construction costs no more than it did (small paths are timed to the microsecond).
    feature_names = None           # (n_features,) array of str when X was a pandas DataFrame
    sample_weighted = False        # fitted with sample_weight: off-grid solves need the weights again
    penalty_factor = None          # (n_features,) as given
    rescale_penalty_factor = False
    standardize = False
    lower_bounds = None            # (n_features,) box bounds as given to the solve (None: unbounded)
    upper_bounds = None
    max_features = None            # glmnet's dfmax, when given
    stop_reason = None             # "max_features" when the path stopped before the end of its grid
    stopped_alpha = None           # then: the first grid α left out (its support exceeded max_features)
    # (X, y, sample_weight) as given to enet_path, for the explorer page; never pickled (__getstate__).
    _training_data = None

    fit_intercept = property(lambda self: self.settings[0], doc="The solve's fit_intercept.")
    tol = property(lambda self: self.settings[1], doc="The solve's tol.")
    max_iter = property(lambda self: self.settings[2], doc="The solve's max_iter.")
    positive = property(lambda self: self.settings[3], doc="The solve's positive.")

    def __iter__(self):
        """``alphas, coefs, dual_gaps = path``: scikit-learn's ``lasso_path`` / ``enet_path`` result."""
        return iter((self.alphas, self.coefs, self.dual_gaps))

    def __getstate__(self):
        # A pickled path does not carry its training data (it may be large, or not picklable).
        state = dict(self.__dict__)
        state.pop("_training_data", None)
        return state

    # copy.copy / copy.deepcopy would go through __getstate__ and lose the data reference. It is not
    # the path's own state (not pickled, not copied): both copies keep the same reference.
    def __copy__(self):
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        return clone

    def __deepcopy__(self, memo):
        clone = object.__new__(type(self))
        memo[id(self)] = clone
        for name, value in self.__dict__.items():
            clone.__dict__[name] = value if name == "_training_data" else copy.deepcopy(value, memo)
        return clone

    def __repr__(self):
        p, K = self.coefs.shape
        if K == 0:
            return f"Path(K=0, p={p})"
        nnz = self.n_nonzero()
        stop = ("" if self.stop_reason is None else
                f", stopped before α={self.stopped_alpha:.4g}: support > max_features={self.max_features}")
        return (f"Path(α {self.alphas[0]:.4g} → {self.alphas[-1]:.4g}, K={K}, p={p}, "
                f"l1_ratio={self.l1_ratio:g}, non-zeros {nnz[0]} → {nnz[-1]}{stop})")

    def n_nonzero(self):
        """Number of non-zero coefficients at each α, shape (K,).

        Returns
        -------
        ndarray of shape (K,)
            The counts.
        """
        return np.count_nonzero(self.coefs, axis=0)

    def knots(self):
        """For each feature, the grid α at which it enters or leaves the active set, in path order.

        Returns a list (one entry per feature) of lists of :class:`Knot`. A feature is non-zero at
        ``Knot.alpha`` for an "enter" event and zero there for a "leave" event.

        Returns
        -------
        list of list of Knot
            One list per feature.
        """
        nonzero = self.coefs != 0
        before = np.zeros((nonzero.shape[0], 1), dtype=bool)  # at α_max everything is zero
        changes = np.diff(np.hstack([before, nonzero]).astype(np.int8), axis=1)
        result = []
        for row in changes:
            ks = np.flatnonzero(row)
            result.append([Knot(float(self.alphas[k]), "enter" if row[k] > 0 else "leave") for k in ks])
        return result

    def entry_order(self):
        """The features that are non-zero somewhere on the path, in the order they first enter (α
        decreasing); features entering at the same α in column order.

        Returns
        -------
        ndarray of int
            Feature indices, first to enter first; features that stay zero are left out.
        """
        nonzero = self.coefs != 0
        ever = np.flatnonzero(nonzero.any(axis=1))
        return ever[np.argsort(nonzero[ever].argmax(axis=1), kind="stable")]

    def predict(self, X, alpha=None, *, train=None):
        """Predictions of every model on the path, shape (n_samples, K); with ``alpha``, of the model
        at that α, shape (n_samples,): exact off the grid too (see :meth:`solve_at`), for which the
        training data is needed as ``train=(X_train, y_train)``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Data to predict.
        alpha : float, optional
            One α ≥ 0 (default: every α of the grid).
        train : tuple, optional
            ``(X_train, y_train)`` or ``(X_train, y_train, sample_weight)``: needed for an α off the grid.

        Returns
        -------
        ndarray of shape (n_samples, K) or (n_samples,)
            The predictions.
        """
        X = X if hasattr(X, "tocsc") else np.asarray(X)  # scipy.sparse multiplies as it is
        if alpha is None:
            return np.asarray(X @ self.coefs) + self.intercepts
        train = (None, None, None) if train is None else _unpack_train(train)
        sol = self.solve_at(alpha, *train)
        return np.asarray(X @ sol.coef).reshape(-1) + sol.intercept

    def solve_at(self, alpha, X=None, y=None, sample_weight=None):
        """The solution at any α ≥ 0, as a :class:`Solution` (alpha, coef, intercept, dual_gap, n_iter).

        On the grid it is the stored column. Off the grid it is solved exactly — not interpolated, which
        is wrong between knots — by a solve warm-started from the nearest grid solution (in log α),
        with the path's settings and certificate (duality gap ≤ ``tol·||yc||²/n``). That needs the
        path's training data again: pass the same ``X`` and ``y`` the path was computed from (and its
        ``sample_weight``, for a weighted path).

        Parameters
        ----------
        alpha : float
            α ≥ 0.
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The training data the path was computed from.
        y : array-like of shape (n_samples,)
            Its target.
        sample_weight : array-like of shape (n_samples,), optional
            The path's weights (needed off the grid for a weighted path).

        Returns
        -------
        Solution
            α, coef, intercept, dual_gap, n_iter.
        """
        alpha = _check_alpha_value(alpha)
        on_grid = np.flatnonzero(self.alphas == alpha)
        if on_grid.size:
            k = int(on_grid[0])
            return Solution(alpha, self.coefs[:, k].copy(), float(self.intercepts[k]),
                            float(self.dual_gaps[k]), int(self.n_iters[k]))
        if X is None or y is None:
            raise ValueError(
                f"α={alpha:g} is not on the path's grid: solving it exactly needs the training data. "
                f"Pass the X and y the path was computed from, e.g. path.coef_at({alpha:g}, X, y) or "
                f"path.predict(X_new, alpha={alpha:g}, train=(X, y)).")
        p = self.coefs.shape[0]
        if not hasattr(X, "__dask_graph__"):  # a Dask X stays lazy: one more pass of statistics
            X, y = check_X_y(X, y, accept_sparse=True)
        if X.shape[1] != p:
            raise ValueError(f"X has {X.shape[1]} features but the path has {p}; pass the X the path "
                             f"was computed from.")
        if self.sample_weighted and sample_weight is None:
            raise ValueError("the path was fitted with sample_weight: pass the same sample_weight to "
                             "solve off the grid (predict: train=(X, y, sample_weight)).")
        k = _nearest_grid_index(self.alphas, alpha)
        one = enet_path(X, y, l1_ratio=self.l1_ratio, alphas=[alpha], fit_intercept=self.fit_intercept,
                        coef_init=self.coefs[:, k], tol=self.tol, max_iter=self.max_iter,
                        positive=self.positive, sample_weight=sample_weight,
                        penalty_factor=self.penalty_factor,
                        rescale_penalty_factor=self.rescale_penalty_factor, standardize=self.standardize,
                        lower_bounds=self.lower_bounds, upper_bounds=self.upper_bounds)
        return Solution(alpha, one.coefs[:, 0], float(one.intercepts[0]), float(one.dual_gaps[0]),
                        int(one.n_iters[0]))

    def coef_at(self, alpha, X=None, y=None, sample_weight=None):
        """Coefficients (n_features,) at any α ≥ 0: exact off the grid (see :meth:`solve_at`, which
        needs the training ``X``, ``y`` (and ``sample_weight``) there).

        Parameters
        ----------
        alpha : float
            α ≥ 0.
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The training data the path was computed from.
        y : array-like of shape (n_samples,)
            Its target.
        sample_weight : array-like of shape (n_samples,), optional
            The path's weights (needed off the grid for a weighted path).

        Returns
        -------
        ndarray of shape (n_features,)
            The coefficients.
        """
        return self.solve_at(alpha, X, y, sample_weight).coef

    def plot(self, ax=None, feature_names=None):
        """Coefficient paths against log α, non-zero counts on top (see lassofast.plotting.plot_path),
        labelled with ``feature_names`` (default: the path's own, else x1..xp).

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw (a new figure by default).
        feature_names : sequence of str, optional
            One name per feature.

        Returns
        -------
        matplotlib Axes
            The axes drawn on.
        """
        from .plotting import plot_path
        return plot_path(self, ax=ax, feature_names=feature_names)

    def criterion(self, criterion, X, y, noise_variance=None):
        """The information criterion of every model on the path, shape (K,) — scikit-learn's
        ``LassoLarsIC.criterion_`` evaluated on this path's grid:

            n·log(2π σ²) + RSS/σ² + c·df,   c = 2 ("aic") or log(n) ("bic"),

        with RSS the residual sum of squares on (X, y) (the training data, passed back in), df the
        number of non-zero coefficients and σ² ``noise_variance`` or, when None, the residual variance
        of the full least-squares fit (with intercept if the path has one; needs n_samples >
        n_features + fit_intercept) under the path's constraint: non-negative with ``positive``, within
        the box with ``lower_bounds``/``upper_bounds``. See :class:`lassofast.LassoIC` for the estimator.

        Parameters
        ----------
        criterion : {"aic", "bic"}
            The criterion.
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The training data the path was computed from.
        y : array-like of shape (n_samples,)
            Its target.
        noise_variance : float, optional
            σ² (default: from the least-squares fit).

        Returns
        -------
        ndarray of shape (K,)
            The criterion at each α.
        """
        criterion = _check_criterion(criterion)
        if self.sample_weighted:
            raise ValueError("Path.criterion is not defined for a path fitted with sample_weight "
                             "(scikit-learn's LassoLarsIC has no weights either).")
        X, y = check_X_y(X, y, accept_sparse=True)
        return self._criterion_checked(criterion, X, y, noise_variance)

    def _box(self):
        """(lower, upper) in float64, or None for a path without box bounds."""
        if self.lower_bounds is None:
            return None
        return (np.asarray(self.lower_bounds, dtype=np.float64), np.asarray(self.upper_bounds, dtype=np.float64))

    def _criterion_checked(self, criterion, X, y, noise_variance):
        """:meth:`criterion` of an X, y that check_X_y has passed (LassoIC checks X once, in fit)."""
        p = self.coefs.shape[0]
        if X.shape[1] != p:
            raise ValueError(f"X has {X.shape[1]} features but the path has {p}; pass the X the path "
                             f"was computed from.")
        sigma2 = (_ols_noise_variance(X, y, self.fit_intercept, self.positive, self._box())
                  if noise_variance is None
                  else check_scalar(noise_variance, "noise_variance", low=0.0, include_low=False))
        n = X.shape[0]
        y64 = y.astype(np.float64)
        fitted = np.asarray(X @ self.coefs.astype(np.float64)) + self.intercepts.astype(np.float64)
        rss = np.sum(np.square(y64[:, None] - fitted), axis=0)
        df = np.count_nonzero(np.abs(self.coefs) > np.finfo(self.coefs.dtype).eps, axis=0)
        factor = 2.0 if criterion == "aic" else math.log(n)
        return n * math.log(2 * math.pi * sigma2) + rss / sigma2 + factor * df

    def relax(self, X, y, gamma=(0.0, 0.25, 0.5, 1.0), sample_weight=None):
        """The relaxed lasso (Meinshausen 2007; glmnet's ``relax = TRUE``) along the path.

        At each α, the least-squares refit on the path's support (with the path's intercept setting)
        is blended with the path's solution: γ·w_path + (1 − γ)·w_LS, so γ = 1 is the path and γ = 0
        the unpenalised refit of the selected features (the minimum-norm one if they are collinear).
        A path fitted with ``sample_weight`` is refitted by weighted least squares (the same weights
        again); one with ``lower_bounds``/``upper_bounds`` by least squares within its box (the blend of
        two points in the box stays in it). Needs the training ``X``, ``y`` again: a Dask X is not
        loaded, one more pass computes its statistics and the refits solve the normal equations on
        them. Returns ``(coefs, intercepts)`` of shapes (len(gamma), n_features, K) and (len(gamma), K).

        Parameters
        ----------
        X : {array-like, sparse matrix, Dask array or DataFrame} of shape (n_samples, n_features)
            The training data the path was computed from.
        y : array-like of shape (n_samples,)
            Its target.
        gamma : sequence of float, default=(0.0, 0.25, 0.5, 1.0)
            Blends in [0, 1].
        sample_weight : array-like of shape (n_samples,), optional
            The weights the path was fitted with (required then, refused otherwise).

        Returns
        -------
        coefs : ndarray of shape (len(gamma), n_features, K)
            The blended coefficients.
        intercepts : ndarray of shape (len(gamma), K)
            Their intercepts.
        """
        if self.sample_weighted and sample_weight is None:
            raise ValueError("the path was fitted with sample_weight: pass the same sample_weight to relax.")
        if sample_weight is not None and not self.sample_weighted:
            raise ValueError("the path was fitted without sample_weight: relax it without sample_weight.")
        gamma = np.atleast_1d(np.asarray(gamma, dtype=np.float64))
        if gamma.ndim != 1 or gamma.size == 0 or not ((gamma >= 0) & (gamma <= 1)).all():
            raise ValueError(f"gamma must be a non-empty list of numbers in [0, 1], got {gamma.tolist()}.")
        if hasattr(X, "__dask_graph__"):  # a Dask X stays lazy: one more pass of statistics
            return LAZY_COLLECTION_PATHS["dask relax"](self, X, y, gamma, sample_weight)
        X, y = check_X_y(X, y, accept_sparse=True)
        p = self.coefs.shape[0]
        if X.shape[1] != p:
            raise ValueError(f"X has {X.shape[1]} features but the path has {p}; pass the X the path "
                             f"was computed from.")
        X = np.asarray(X.toarray() if hasattr(X, "tocsc") else X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        w = np.ones(len(y)) if sample_weight is None else check_sample_weight(sample_weight, len(y))
        x_mean = w @ X / w.sum() if self.fit_intercept else np.zeros(p)
        y_mean = w @ y / w.sum() if self.fit_intercept else 0.0
        root = np.sqrt(w)  # weighted least squares: rows scaled by √w
        Xc, yc = (X - x_mean) * root[:, None], (y - y_mean) * root
        return self._relaxed(gamma, lambda support: (Xc[:, support], yc), x_mean, y_mean)

    def _relaxed(self, gamma, system, x_mean, y_mean):
        """:meth:`relax` given ``system(support)``: a least-squares problem (A, b) whose solutions in the
        support's coefficients are the (weighted, centred) refit's — the rows of X itself, or a square
        root of the Gram's block (lassofast._dask) — and the means that give the intercepts."""
        gamma = np.asarray(gamma, dtype=np.float64)
        p, K = self.coefs.shape
        refit = np.zeros((p, K))
        previous = None
        for k in range(K):
            support = np.flatnonzero(self.coefs[:, k])
            if previous is not None and np.array_equal(support, previous):
                refit[:, k] = refit[:, k - 1]  # same support: same least-squares fit
                continue
            if support.size:
                box = None if self.lower_bounds is None else (self.lower_bounds[support],
                                                             self.upper_bounds[support])
                refit[support, k] = _support_least_squares(*system(support), box)
            previous = support
        coefs = (gamma[:, None, None] * self.coefs.astype(np.float64)[None]
                 + (1 - gamma)[:, None, None] * refit[None])
        intercepts = y_mean - np.einsum("j,gjk->gk", x_mean, coefs)
        return coefs, intercepts

    def names(self):
        """The feature names: :attr:`feature_names` (from a pandas DataFrame X) or x1..xp.

        Returns
        -------
        list of str
            One name per feature.
        """
        if self.feature_names is not None:
            return [str(name) for name in self.feature_names]
        return [f"x{j + 1}" for j in range(self.coefs.shape[0])]

    def to_frame(self):
        """The path as a tidy pandas DataFrame, one row per (α, feature): columns ``alpha``,
        ``feature`` (the names of :meth:`names`) and ``coefficient``; α in path order (decreasing),
        features in column order within each α. Needs pandas (an optional dependency).

        Returns
        -------
        pandas.DataFrame
            Columns alpha, feature, coefficient.
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError("Path.to_frame needs pandas: pip install pandas.") from None
        p, K = self.coefs.shape
        return pd.DataFrame({"alpha": np.repeat(self.alphas, p),
                             "feature": np.tile(np.asarray(self.names(), dtype=object), K),
                             "coefficient": self.coefs.T.reshape(-1)})

    def to_html(self, out, X=None, y=None, **kwargs):
        """Write this path's interactive explorer page (see :func:`lassofast.explore`) to ``out``.

        Without ``X, y`` the page uses the training data the path keeps (see :class:`Path`), so
        ``path.to_html("lasso.html")`` has every panel. A path that keeps none draws the path, the bars
        and "Now break it", and says — on the page and in a warning — that the soft-threshold, geometry
        and error panels need ``X, y``.

        Parameters
        ----------
        out : str or path-like
            The file to write (atomically: a temporary file, then a rename).
        X : array-like of shape (n_samples, n_features), optional
            The path's training data (default: the data the path keeps).
        y : array-like of shape (n_samples,), optional
            Its target.
        **kwargs : dict
            Other arguments of :func:`lassofast.explore` (``cv``, ``title``, ``feature_names``, ...).

        Returns
        -------
        str
            The file's absolute path.
        """
        return self._explorer_page(X, y, out=out, **kwargs)

    def explore(self, X=None, y=None, **kwargs):
        """This path's explorer page, shown inline in Jupyter (an iframe; no server, no file).

        The data and the panels are as in :meth:`to_html`; ``.save(out)`` writes the page.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features), optional
            The path's training data (default: the data the path keeps).
        y : array-like of shape (n_samples,), optional
            Its target.
        **kwargs : dict
            Other arguments of :func:`lassofast.explore`.

        Returns
        -------
        lassofast.explorer.Explorer
            The page.
        """
        return self._explorer_page(X, y, **kwargs)

    def _explorer_page(self, X, y, **kwargs):
        if X is None and y is None and self._training_data is not None:
            X, y, _ = self._training_data
        if X is None and y is None:
            warnings.warn(
                "this path keeps no training data (it was computed from a Dask X's statistics, unpickled "
                "or built by hand): the page has the path, the bars and 'Now break it'; the "
                "soft-threshold, geometry and error panels need X, y: pass path.to_html(out, X, y).",
                UserWarning, stacklevel=3)
        # lassofast.explorer imports path (and geometry, cv): it is reached through EXPLORER, set by
        # lassofast/__init__.py, so that this module never imports it (no import cycle).
        return EXPLORER["explore"](X, y, path=self, **kwargs)


def _check_alpha_value(alpha):
    """One α for solve_at / coef_at / predict: a finite real ≥ 0 (as a float)."""
    if isinstance(alpha, (bool, np.bool_)) or not isinstance(alpha, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"alpha must be a real number, got {alpha!r} ({type(alpha).__name__}).")
    alpha = float(alpha)
    if not (math.isfinite(alpha) and alpha >= 0):
        raise ValueError(f"alpha must be finite and >= 0, got {alpha!r}.")
    return alpha


def _nearest_grid_index(alphas, alpha):
    """Index of the grid α nearest to ``alpha`` in log scale (α = 0 counts as nearest to the smallest)."""
    with np.errstate(divide="ignore"):
        distance = np.abs(np.log(np.maximum(alphas, 1e-300)) - math.log(max(alpha, 1e-300)))
    return int(np.argmin(distance))


def _feature_names(X):
    """Column names of a pandas DataFrame X when they are all strings (scikit-learn's rule for
    ``feature_names_in_``), as an object array; else None. Costs one isinstance test for an ndarray."""
    if isinstance(X, np.ndarray):
        return None
    columns = getattr(X, "columns", None)
    if columns is None or hasattr(X, "tocsc"):
        return None
    names = np.asarray(list(columns), dtype=object)
    if names.size == 0 or not all(isinstance(name, str) for name in names):
        return None
    return names


def _check_criterion(criterion):
    if not (isinstance(criterion, str) and criterion in ("aic", "bic")):
        raise ValueError(f"criterion must be 'aic' or 'bic', got {criterion!r}.")
    return criterion


def _ols_noise_variance(X, y, fit_intercept, positive, bounds=None):
    """σ² from the full least-squares fit: RSS / (n − p − intercept), scikit-learn's LassoLarsIC estimate.
    The fit obeys the path's constraint, as scikit-learn's (non-negative with ``positive``): with box
    ``bounds`` (lower, upper) it is the least-squares fit within the box (bounded-variable LS)."""
    n, p = X.shape
    if n <= p + fit_intercept:
        raise ValueError(
            f"the noise variance cannot be estimated from a least-squares fit with n_samples={n} <= "
            f"n_features={p}" + (" + 1 (the intercept)" if fit_intercept else "") + ": pass an estimate "
            f"as noise_variance=... .")
    X = np.asarray(X.toarray() if hasattr(X, "tocsc") else X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if fit_intercept:
        X, y = X - X.mean(axis=0), y - y.mean()
    if bounds is not None:
        w = _box_least_squares(X, y, bounds)
    elif positive:
        from scipy.optimize import nnls
        w = nnls(X, y)[0]
    else:
        w = np.linalg.lstsq(X, y, rcond=None)[0]
    return float(np.sum((y - X @ w) ** 2) / (n - p - fit_intercept))


def _unpack_train(train):
    try:
        X, y, *rest = train
        if len(rest) > 1:
            raise ValueError
    except (TypeError, ValueError):
        raise ValueError("train must be the pair (X, y) the path was computed from (or the triple "
                         "(X, y, sample_weight) for a weighted path).") from None
    return X, y, (rest[0] if rest else None)


def _centre_stored_columns(X, means, v=None):
    """(X', Xm): a CSC X whose columns stored in every row are centred explicitly (no fill-in: a copy
    of X then), and the means the kernel still centres by implicitly (0 for those columns).

    Implicit centring rests on identities such as ||x_j − m_j v||² = ||x_j||² − n m_j², which cancel
    to rounding on a near-constant column with a large mean — where the certificate then cannot reach
    a small tol. Only a column with no zeros can be near-constant (a stored zero among values near
    m_j makes its spread ~|m_j|), so centring exactly those costs nothing in sparsity. ``v``: the
    centring direction (√w for weighted rows, 1 if None)."""
    n, p = X.shape
    full = (np.diff(X.indptr) == n) & (means != 0)
    if not full.any():
        return X, means
    X = X.copy()
    col = np.repeat(np.arange(p), np.diff(X.indptr))
    stored = full[col]
    shift = means[col[stored]] * (1 if v is None else v[X.indices[stored]])
    X.data[stored] = X.data[stored] - shift.astype(X.dtype)
    return X, np.where(full, 0, means).astype(means.dtype)

class _Design:
    """X centred, in the layout a kernel wants: built once (one copy of X at most) and shared, read-only,
    by every path on the same X (many targets, CV refits of one design, threads). ``implicit``:
    (means, v) when a sparse X's rows were scaled by v = √w: it is centred implicitly by these
    weighted means along v instead of 1 (_layouts.pxd); y is then centred already (fit_intercept
    False: the caller recovers the intercept).

    Dense layout: A = Xc (Fortran order). Gram layout (n ≫ p): A = XcᵀXc. Sparse layout (CSC): X is
    never copied or densified; the kernel centres it implicitly (see _layouts.pxd).
    """

    def __init__(self, X, fit_intercept, precompute, implicit=None, owned=False):
        n, p = X.shape
        self.n_samples, self.n_features, self.dtype = n, p, X.dtype
        self.fit_intercept = fit_intercept
        sparse = hasattr(X, "tocsc")
        stats = _sparse_column_stats(X) if sparse else None  # (sums, sums of squares, constant)
        # Means accumulated in float64: a float32 sum over large n loses digits the centring needs.
        if not fit_intercept:
            self.X_offset = np.zeros(p, dtype=X.dtype)
        elif sparse:
            self.X_offset = (stats[0] / n).astype(X.dtype)
        else:
            self.X_offset = np.asarray(X.mean(axis=0, dtype=np.float64), dtype=X.dtype).reshape(p)
        self.centring = None  # the implicit centring direction v when it is not 1
        if implicit is not None:  # sparse √w·X centred by the weighted means (_weighted_rows)
            self.X_offset = np.asarray(implicit[0], dtype=X.dtype).reshape(p)
            self.centring = np.asarray(implicit[1], dtype=X.dtype)
        # A constant column centres to rounding noise (~1e-17), not 0: zero it so it never enters.
        constant = ((stats[2] if sparse else _cd.constant_columns(X)) if fit_intercept
                    else np.zeros(p, dtype=bool))
        any_constant = fit_intercept and bool(constant.any())
        use_gram = _resolve_precompute(precompute, n, p, sparse)
        placeholder = np.zeros(1, dtype=X.dtype)
        self.Xp = self.Xi = np.zeros(1, dtype=np.intc)
        self.Xv = self.Xm = placeholder
        if sparse:
            centred, self.Xm = _centre_stored_columns(X, self.X_offset, self.centring)
            if not use_gram:  # ||x_j − m_j||² = ||x_j||² − n m_j² (with a Gram: its diagonal)
                if centred is not X:  # (some columns centred explicitly: their sums of squares changed)
                    stats = _sparse_column_stats(centred)
                norm2 = np.maximum(stats[1] - n * self.Xm.astype(np.float64) ** 2, 0).astype(X.dtype)
            X = self.X = centred
            self.Xp, self.Xi = X.indptr.astype(np.intc, copy=False), X.indices.astype(np.intc, copy=False)
            self.Xv = X.data
        else:
            # The one copy of X: centred (if needed) straight into the Fortran order the kernel reads.
            # (Also for the Gram layout, although XᵀX reads any order: Xᵀy must be rounded the same
            # whatever the layout, or α = alpha_max(X, y) can leave a coefficient of 1e-20.)
            if owned and X.flags.f_contiguous:  # a private copy (enet_path's transforms): centred in place
                Xc = X
                if fit_intercept:
                    Xc -= self.X_offset
            elif fit_intercept or not X.flags.f_contiguous:
                Xc = np.empty((n, p), dtype=X.dtype, order="F")
                np.subtract(X, self.X_offset, out=Xc)
            else:
                Xc = X
            if any_constant:
                Xc[:, constant] = 0
            self.X = Xc
            if not use_gram:
                norm2 = np.einsum("ij,ij->j", Xc, Xc)
        self.constant = constant
        self.layout = _GRAM if use_gram else _SPARSE if sparse else _DENSE
        if self.layout == _GRAM:  # (dense: a long product runs so that Ctrl-C still gets through)
            gram = _interruptible.call(operator.matmul if sparse else np.dot, self.X.T, self.X,
                                       flops=0 if sparse else n * p * p)  # (np.dot: as _Problem's .dot)
            if sparse:  # centre the Gram: XcᵀXc = XᵀX − n m mᵀ
                gram = gram.toarray() - n * np.outer(self.Xm, self.Xm)
                self.A = np.asfortranarray(gram, dtype=X.dtype)
            else:  # one syrk whose triangle NumPy mirrors: exactly symmetric, its transpose the
                self.A = gram.T  # Fortran-ordered Gram without a copy
            if any_constant:
                self.A[:, constant] = 0
                self.A[constant, :] = 0
            self.norm2 = self.A.diagonal().copy()
            if sparse:  # (the CSC arrays are not the kernel's data then)
                self.Xp = self.Xi = np.zeros(1, dtype=np.intc)
                self.Xv = self.Xm = placeholder
        else:
            self.A = np.zeros((1, 1), dtype=X.dtype, order="F") if sparse else self.X
            norm2[constant] = 0
            self.norm2 = np.ascontiguousarray(norm2, dtype=X.dtype)

    def column_sums_of_squares(self):
        """Σᵢ xᵢⱼ² of the dense X given (float64): the centred norms plus n·offset² (constant columns,
        zeroed when centred, have offset² alone)."""
        norm2 = self.norm2.astype(np.float64)
        if self.fit_intercept:
            norm2 += self.n_samples * self.X_offset.astype(np.float64) ** 2
        return norm2


BOX_TRY = True  # solve without the box while it does not bind (see _Problem.solve_path; False: tests)


class _Problem:
    """One target on a :class:`_Design`: yc, Xcᵀyc and the kernel's right-hand side b.

    Dense and sparse layouts: b = yc, running state S = yc − Xc·w (sparse: S = [yc − X·w, Xm·w]).
    Gram layout: b = Xcᵀyc, S = A·w.
    """

    def __init__(self, design, y):
        d = self.design = design
        self.y_offset = d.dtype.type(y.mean(dtype=np.float64) if d.fit_intercept else 0)
        if d.fit_intercept:
            yc = np.zeros_like(y) if np.ptp(y) == 0 else y - self.y_offset
            self.y = np.ascontiguousarray(yc, dtype=d.dtype)
        else:  # (a copy all the same: the caller's y is never shared with a kernel)
            self.y = np.array(y, dtype=d.dtype, order="C")
        # (.dot, not @: the same BLAS call, bit for bit, with ~0.5 µs less of NumPy's dispatch each)
        self.y_norm2 = float(self.y.astype(np.float64, copy=False).dot(self.y))
        # Xcᵀyc = Xᵀyc for sparse X, since yc sums to 0 (with an intercept) or X_offset = 0 (without).
        self.Xty = np.asarray(d.X.T.dot(self.y)).reshape(d.n_features)
        if d.fit_intercept:  # (without an intercept no column counts as constant)
            self.Xty[d.constant] = 0
        self.b = (self.Xty if d.layout == _GRAM else self.y if d.centring is None or d.layout != _SPARSE
                  else np.concatenate([self.y, d.centring]))  # (the kernel reads v after y)

    def __getattr__(self, name):  # the design's attributes (X, A, norm2, layout, …) read through
        if name == "design":  # not set yet (e.g. while unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.design, name)

    def alpha_max(self, l1_ratio, positive, bounds=None):
        """Smallest α whose solution is w = 0 (see :func:`_alpha_max_from_corr`)."""
        return _alpha_max_from_corr(self.Xty, self.design.n_samples, l1_ratio, positive, bounds)

    def state(self, w):
        """The kernel's running quantity for warm start w (see the class docstring); w = None: w = 0
        (no product: a small path's start is timed to the microsecond)."""
        d = self.design
        if w is None:
            if d.layout == _GRAM:
                return np.zeros(d.n_features, dtype=d.dtype)
            return self.y.copy() if d.layout == _DENSE else np.append(self.y, d.dtype.type(0))
        if d.layout == _GRAM:
            return np.ascontiguousarray(d.A @ w)
        if d.layout == _SPARSE:
            return np.concatenate([self.y - d.X @ w, [d.Xm @ w]]).astype(d.dtype)
        return np.ascontiguousarray(self.y - d.X @ w)

    def kernel_data(self, state):
        """The argument group (A, b, S, Xp, Xi, Xv, Xm) every kernel takes."""
        d = self.design  # (directly: __getattr__ costs ~0.3 µs a read, and small paths are timed)
        return d.A, self.b, state, d.Xp, d.Xi, d.Xv, d.Xm

    def solve_path(self, w, state, alphas, l1_ratio, max_iter, tol, positive, screening, coefs, gaps,
                   n_iters, progress=None, bounds=None, max_features=None):
        """:meth:`_solve_chunks`, and with ``bounds``, without the box while it does not bind.

        Where the box does not bind, the unboxed solution is the boxed one and its gap certifies the
        boxed problem too (the same objective inside the box, an optimum no lower): so the path is
        solved first without the box, with every acceleration, in one kernel call that stops at the
        first α whose solution leaves the box or is not certified (the kernel's ``stop_lower``/
        ``stop_upper``), and with the box from that α on. Returns how many α were solved and kept
        (see :meth:`_solve_chunks`).
        """
        K, start = len(alphas), 0
        if bounds is not None and BOX_TRY:
            gap_tol = self.gap_tol(tol)
            w_try, state_try = w.copy(), state.copy()
            c_try, g_try, i_try = coefs.copy(), gaps.copy(), n_iters.copy()
            done = self._solve_chunks(w_try, state_try, alphas, l1_ratio, max_iter, tol, positive,
                                      screening, c_try, g_try, i_try, None, None, max_features,
                                      stop_box=bounds)
            # Rows up to the one the kernel stopped at: in the box and certified? (The active-set
            # method, where it took over, does not stop at the box: checked here too.)
            rows = slice(0, min(done + 1, K))
            ok = (((c_try[rows] >= bounds[0]) & (c_try[rows] <= bounds[1])).all(axis=1)
                  & (g_try[rows] <= gap_tol))
            binds = not ok.all()  # (else the kernel solved them all, or max_features stopped it)
            kept = min(done, int(np.argmin(ok))) if binds else done
            coefs[:kept], gaps[:kept], n_iters[:kept] = c_try[:kept], g_try[:kept], i_try[:kept]
            if kept:  # (the kernel's running state where it ended if that is at α kept - 1)
                w[:] = c_try[kept - 1]
                state[:] = state_try if kept == done and not binds else self.state(w)
            if progress is not None:
                progress(kept)
            start = kept
            if not binds:
                return start
        return start + self._solve_chunks(w, state, alphas[start:], l1_ratio, max_iter, tol, positive,
                                          screening, coefs[start:], gaps[start:], n_iters[start:],
                                          progress, bounds, max_features)

    def _solve_chunks(self, w, state, alphas, l1_ratio, max_iter, tol, positive, screening, coefs, gaps,
                      n_iters, progress=None, bounds=None, max_features=None, stop_box=None):
        """Run the path driver over ``alphas`` (all > 0) from (w, state), in place.

        ``progress``: a callable taking the number of α just finished, called by the kernel after
        each α (one kernel call for the grid, as without it) and by the active-set method. A
        float64 lasso path on dense X goes on with the active-set method (see _active_set.py) where
        the switch rule fires (_active_set.switch_rule: support 0.85·n_samples in the dense layout, or
        an α still open after SLOW_SWEEPS sweeps); its ``n_iters`` there count full passes over X
        instead of CD sweeps.
        Writes coefs (K, p) row by row, gaps (K,) in objective scale and sweeps n_iters (K,).

        ``bounds``: (lower, upper) box bounds for the kernel (exact in the working precision); then
        neither the kernel's Newton steps nor the active-set method is used (they ignore the box).
        ``max_features``: stop at the first α whose support exceeds it (glmnet's dfmax; the kernel's
        stop_nnz). Returns how many α were solved and kept: K, or the index of that first α.
        ``stop_box``: (lower, upper) a box the path stops at without being held to it (the kernel's
        stop_lower/stop_upper): the first α whose solution leaves it is written but not counted.
        """
        K, d = len(alphas), self.design
        alphas = np.ascontiguousarray(alphas, dtype=np.float64)
        active_set = _active_set.eligible(d, l1_ratio, screening) and bounds is None
        box = {} if bounds is None else dict(lower=bounds[0], upper=bounds[1])
        if stop_box is not None:
            box.update(stop_lower=stop_box[0], stop_upper=stop_box[1])
        start = 0
        while start < K:
            chunk = slice(start, K)
            stop_nnz, stop_sweeps = _active_set.switch_rule(d) if active_set else (-1, -1)
            if max_features is not None:  # the kernel stops at the first α with more
                stop_nnz = max_features + 1 if stop_nnz < 0 else min(stop_nnz, max_features + 1)
            if stop_box is not None:  # the kernel writes the row it stops at for the box, not otherwise
                gaps[chunk] = np.nan
            done = _cd.enet_path_solve(d.layout, w, alphas[chunk], l1_ratio, d.n_samples,
                                       *self.kernel_data(state), d.norm2, self.y_norm2, coefs[chunk],
                                       gaps[chunk], n_iters[chunk], max_iter=max_iter, tol=tol,
                                       positive=positive, screen=screening, accelerate=screening,
                                       stop_nnz=stop_nnz, stop_sweeps=stop_sweeps, progress=progress, **box)
            start += done
            if max_features is not None and start and np.count_nonzero(coefs[start - 1]) > max_features:
                gaps /= self.n_samples
                return start - 1
            if stop_box is not None and done < chunk.stop - chunk.start and not np.isnan(gaps[start]):
                gaps /= self.n_samples  # the solution at alphas[start] left the box
                return start
            if done < chunk.stop - chunk.start:  # the switch rule fired: one active-set try
                active_set = False  # where it stops (cannot go on), CD takes the rest
                more = self._solve_active_set(w, alphas[start:], tol, positive, coefs[start:],
                                              gaps[start:], n_iters[start:], progress)
                if max_features is not None:  # (it solved on past the limit: cut there)
                    over = np.flatnonzero(np.count_nonzero(coefs[start:start + more], axis=1) > max_features)
                    if over.size:
                        gaps /= self.n_samples
                        return start + int(over[0])
                start += more
                state[:] = self.state(w)
        gaps /= d.n_samples
        return K

    def _solve_active_set(self, w, alphas, tol, positive, coefs, gaps, n_iters, progress):
        """The active-set method from w over ``alphas``; returns how many α it certified."""
        found, found_gaps, passes = _active_set.lasso_path_active_set(
            self.X, self.y, w, alphas, tol * self.y_norm2, positive=positive,
            on_alpha=None if progress is None else (lambda: progress(1)), norm2=self.norm2)
        done = len(found_gaps)
        coefs[:done], gaps[:done], n_iters[:done] = found, found_gaps, passes
        return done

    def recheck_gram_gaps(self, alphas, coefs, gaps, l1_ratio, positive, gap_tol, bounds=None):
        """The Gram layout never forms r: ||r||² = ||y||² − 2wᵀXᵀy + wᵀGw and xⱼᵀr = (Xᵀy − Gw)ⱼ
        carry rounding of the size of their terms, and the dual point's scale λ/maxⱼ|xⱼᵀr| turns an
        absolute error δ in xⱼᵀr into a relative one δ/λ of the dual objective — large for tiny λ
        next to huge w (e.g. columns of scale 1e-9 beside columns of scale 1). Where that estimate
        reaches 1 % of the tolerance, the gap is recomputed from the residual itself (a pass over X
        per such α), and a larger gap is reported, not hidden."""
        n, eps = self.design.n_samples, 1e-15
        if self._gram_rounding_is_small(coefs, alphas, l1_ratio, gap_tol):
            return gaps
        W = np.abs(coefs.astype(np.float64, copy=False))  # (a new array either way)

        def suspects(primal_terms, corr_terms):
            dual_err = np.where(l1_reg > 0, eps * corr_terms / l1_reg * primal_terms, 0.0)
            # (α = 0 and pure ridge have other certificates: least squares, the gradient bound.)
            return np.flatnonzero(((eps * primal_terms + dual_err) / n > 0.01 * gap_tol) & (l1_reg > 0))

        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # α up to 1e308 is valid
            l1_reg = n * np.asarray(alphas, dtype=np.float64) * l1_ratio
            # Then per α with bounds that cost O(pK): |G_ij| ≤ max_j G_jj (G is PSD), s = ||w||₁;
            # then with the product with |G|.
            s, g, c = W.sum(axis=0), float(self.norm2.max(initial=0.0)), float(np.abs(self.Xty).max(initial=0.0))
            if suspects(self.y_norm2 + 2 * c * s + g * s * s, c + g * s).size == 0:
                return gaps
            GW = _interruptible.call(operator.matmul, np.abs(self.A), W, flops=W.shape[0] ** 2 * W.shape[1])
            primal_terms = self.y_norm2 + 2 * np.abs(self.Xty) @ W + np.einsum("jk,jk->k", W, GW)
            suspect = suspects(primal_terms, (np.abs(self.Xty)[:, None] + GW).max(axis=0))
        gaps = gaps.copy()
        box = {} if bounds is None else {"bounds": bounds}  # (the Dask route's problem has no box)
        for k in suspect:
            gaps[k] = max(gaps[k], self.residual_gap(coefs[:, k], alphas[k], l1_ratio, positive, **box))
        return gaps

    def _gram_rounding_is_small(self, coefs, alphas, l1_ratio, gap_tol):
        """recheck_gram_gaps' bound for the whole path at once, in a few scalar operations (small
        paths are dominated by per-call costs): the largest ||w||₁ against the smallest positive λ."""
        s, alpha_min, g, c = _cd.gram_rounding_terms(coefs, np.asarray(alphas, dtype=np.float64),
                                                     self.design.norm2, self.Xty)
        eps, n = 1e-15, self.design.n_samples
        # Python floats from here: inf on overflow (α up to 1e308 is valid), no warning
        if alpha_min == math.inf or l1_ratio == 0:
            return True  # least squares / pure ridge: certified otherwise
        l1_min = n * alpha_min * l1_ratio
        primal = self.y_norm2 + 2 * c * s + g * s * s
        bound = eps * (primal + (c + g * s) / l1_min * primal) / n
        return bound <= 0.01 * gap_tol  # False for inf or NaN: the detailed check decides

    def residual_gap(self, w, alpha, l1_ratio, positive, bounds=None):
        """The duality gap at w (objective scale) from r = yc − Xc·w itself, for dense or sparse X
        (a sparse X is centred implicitly); with ``bounds``, the box's gap (:func:`_box_gap`)."""
        w = w.astype(np.float64)
        n = self.n_samples
        r = self.y.astype(np.float64) - np.asarray(self.X @ w).reshape(n)
        if hasattr(self.X, "tocsc"):  # kept uncentred: Xc·w = X·w − (m·w)v, Xcᵀr = Xᵀr − m·(vᵀr)
            v = np.ones(n) if self.centring is None else self.centring.astype(np.float64)  # (v: 1 or √w)
            r += (self.Xm @ w) * v
            corr = np.asarray(self.X.T @ r).reshape(self.n_features) - self.Xm * (v @ r)
        else:
            corr = self.X.T @ r
        if bounds is not None:
            return _box_gap(w, self.y, r, corr, n * alpha * l1_ratio, n * alpha * (1 - l1_ratio), *bounds) / n
        return _active_set.gap_from_residual(w, self.y, r, corr, n * alpha * l1_ratio,
                                             n * alpha * (1 - l1_ratio), positive) / n

    def gap_tol(self, tol):
        """The converged gap bound in objective scale: tol·||yc||²/n."""
        return tol * self.y_norm2 / self.design.n_samples


_DENSE, _GRAM, _SPARSE = _cd.LAYOUT_DENSE, _cd.LAYOUT_GRAM, _cd.LAYOUT_SPARSE  # the kernel's data layouts


def _constant_columns(X, sparse):
    """Boolean mask of the columns whose entries are all equal."""
    return _sparse_column_stats(X)[2] if sparse else _cd.constant_columns(X)


def _sparse_column_stats(X):
    """(sums, sums of squares, constant mask) of a sparse X's columns (:func:`_cd.sparse_column_stats`)."""
    X = X.tocsc()  # (no copy when it is CSC already)
    return _cd.sparse_column_stats(X.indptr.astype(np.intc, copy=False), X.data, X.shape[0])


def _resolve_precompute(precompute, n, p, sparse=False):
    """Use the Gram layout? ``precompute`` is already checked. "auto": for dense X with n > p (a sparse
    X's Gram is usually dense)."""
    return (n > p and not sparse) if precompute == "auto" else bool(precompute)


def _alpha_grid(a_max, eps, n_alphas, l1_ratio):
    if l1_ratio == 0:
        raise ValueError(
            "The automatic α grid starts at α_max, which is infinite for l1_ratio=0 (pure ridge). "
            "Pass an explicit alphas=[...] or use l1_ratio > 0.")
    if a_max == 0:
        # y is orthogonal to every feature (e.g. y constant): w = 0 at every α.
        return np.full(n_alphas, np.finfo(np.float64).resolution)
    return np.geomspace(a_max, a_max * eps, num=n_alphas)


def _alpha_max_from_corr(Xty, n_samples, l1_ratio, positive, bounds=None):
    """max_j |x_jᵀ yc| / (n ρ) (the signed max when positive): at and above it w = 0 is optimal,
    because the KKT condition |x_jᵀ yc| / n ≤ αρ then holds for every feature at w = 0. With box
    ``bounds`` only the directions a feature's box leaves open count."""
    if bounds is None:  # (one kernel reduction: NumPy's abs and max cost µs each on a small path)
        lo, hi, _ = _cd.value_range(Xty)
        top = hi if positive or math.isnan(lo) else max(-lo, hi)
    else:
        Xty = Xty.astype(np.float64)
        open_sides = np.maximum(np.where(bounds[1] > 0, Xty, -np.inf), np.where(bounds[0] < 0, -Xty, -np.inf))
        top = float(open_sides.max())
    return max(top, 0.0) / (n_samples * l1_ratio)


def _conjugate_side(t, bound, l2_reg):
    """sup over 0 ≤ v ≤ bound of t·v − l2_reg/2·v², elementwise (bound ≥ 0, may be inf)."""
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        inside = (l2_reg > 0) & (t <= l2_reg * bound)
        at_bound = np.where(np.isinf(bound), np.inf, t * bound - 0.5 * l2_reg * bound * bound)
        value = np.where(inside, 0.5 * t * t / (l2_reg if l2_reg > 0 else 1.0), at_bound)
    return np.where((t <= 0) | (bound == 0), 0.0, value)


def _box_gap(w, y, r, corr, l1_reg, l2_reg, lower, upper):
    """The duality gap of ½||y − Xw||² + Σⱼ l1_reg|wⱼ| + l2_reg/2·wⱼ² subject to lower ≤ w ≤ upper,
    from r = y − Xw and corr = Xᵀr, at the kernel's dual points (its _cd.pyx docstring): θ = c·r with
    c rescaling only towards infinite bounds (l2_reg = 0), or towards every open side; the better."""
    scales = [1.0, 1.0]
    open_max = max(np.max(np.where(upper > 0, corr, 0.0), initial=0.0),
                   np.max(np.where(lower < 0, -corr, 0.0), initial=0.0))
    if open_max > l1_reg:
        scales[1] = l1_reg / open_max
    if l2_reg == 0:
        outward = max(np.max(np.where(np.isposinf(upper), corr, 0.0), initial=0.0),
                      np.max(np.where(np.isneginf(lower), -corr, 0.0), initial=0.0))
        if outward > l1_reg:
            scales[0] = l1_reg / outward
    dual = -np.inf
    for c in scales:
        s = c * corr
        up, down = s - l1_reg, -s - l1_reg
        if l2_reg == 0:  # c made these ≤ 0 towards an infinite bound, up to rounding
            up = np.where(np.isposinf(upper), np.minimum(up, 0), up)
            down = np.where(np.isneginf(lower), np.minimum(down, 0), down)
        conjugate = (_conjugate_side(up, upper, l2_reg) + _conjugate_side(down, -lower, l2_reg)).sum()
        dual = max(dual, c * (r @ y) - 0.5 * c * c * (r @ r) - conjugate)
    primal = 0.5 * (r @ r) + l1_reg * np.abs(w).sum() + 0.5 * l2_reg * (w @ w)
    return primal - dual


def alpha_max(X, y, *, l1_ratio=1.0, fit_intercept=True, positive=False):
    """The exact smallest α at which the solution is all zeros: max_j |x_jᵀ(y − ȳ)| / (n·l1_ratio).

    Parameters
    ----------
    X : {array-like, sparse matrix} of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,)
        Target.
    l1_ratio : float, default=1.0
        ρ in (0, 1].
    fit_intercept : bool, default=True
        Centre X and y first.
    positive : bool, default=False
        Only positive correlations count (coefficients ≥ 0).

    Returns
    -------
    float
        α_max.
    """
    X, y = check_X_y(X, y, accept_sparse=True)
    return _alpha_max_checked(X, y, l1_ratio=l1_ratio, fit_intercept=fit_intercept, positive=positive)


def _alpha_max_checked(X, y, *, l1_ratio, fit_intercept, positive):
    """alpha_max of an X, y that check_X_y has passed (the CV estimators check X once, in fit)."""
    check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0, include_low=False)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    positive = check_bool(positive, "positive")
    # Computed on the same centred copy the path uses, so that α = alpha_max(...) passed to a path
    # gives exactly w = 0 (a differently rounded Xᵀyc could sit one ulp above the kernel's).
    return _Problem(_Design(X, fit_intercept, False), y).alpha_max(l1_ratio, positive)


# The path of a lazy collection's X, by kind: lassofast/__init__ registers lassofast._dask's (which builds on
# this module, so this module does not import it).
LAZY_COLLECTION_PATHS = {}
# {"explore": lassofast.explorer.explore}, set by lassofast/__init__.py (see Path.to_html).
EXPLORER = {}


def enet_path(X, y, *, l1_ratio=0.5, eps=1e-3, n_alphas=100, alphas=None, fit_intercept=True,
              precompute="auto", coef_init=None, tol=1e-4, max_iter=1000, positive=False,
              screening=True, verbose=False, sample_weight=None, penalty_factor=None,
              rescale_penalty_factor=False, standardize=False, lower_bounds=None, upper_bounds=None,
              max_features=None):
    """Elastic-net solutions along a decreasing α grid, each warm-started from the previous one.

    The grid runs geometrically from α_max (the smallest α with all-zero solution, from Xᵀy) down to
    ``eps·α_max`` in ``n_alphas`` points, unless ``alphas`` is given: a list/array (or a float) is the
    grid itself (sorted decreasing), an int is the grid size (as in scikit-learn: ``alphas=50`` is
    50 grid points, not α = 50). ``tol``
    has scikit-learn's meaning: each α stops when the duality gap of the n-scaled objective is
    ≤ ``tol·||y − ȳ||²``. ``precompute="auto"`` uses the Gram matrix XᵀX when n_samples > n_features.
    α = 0 is ordinary least squares and is solved directly (with a warning).

    ``screening=True`` solves each α on a working set (previous non-zeros plus the sequential strong
    rule's survivors) and certifies it with a full KKT / duality-gap check, adding violators until the
    gap of the whole problem is ≤ tol; ``screening=False`` runs plain cyclic CD over all features
    (what the explainer's coordinate-descent trace replays). ``n_iters`` counts CD sweeps per α.
    A float64 lasso path (l1_ratio=1, screening, dense X with n_samples ≤ 3000) whose support
    reaches 0.85·n_samples (dense layout), or where an α takes CD more than 50 sweeps, goes on with an
    active-set method (feature-sign search on an updated QR of the support's columns,
    lassofast._active_set): same certificate, far fewer passes near saturation or on strongly
    correlated columns; there ``n_iters`` counts its full passes over X.
    ``verbose=True`` shows a progress bar of the α solved on stderr.

    ``fit_intercept=True`` (the default) fits an intercept by centring X and y. scikit-learn's
    ``lasso_path`` / ``enet_path`` do not (they expect centred data), so on uncentred data a drop-in
    swap gives a different α_max and different coefficients; pass ``fit_intercept=False`` to solve
    exactly scikit-learn's ``enet_path`` problem. With an intercept the automatic grid needs at least
    2 samples (one row is refused; with explicit ``alphas`` it gives w = 0 and the intercept y[0]).

    ``sample_weight`` (n_samples,) ≥ 0: scikit-learn's weighted objective (1/(2Σw))·Σ wᵢ(yᵢ − xᵢw − b)²
    + penalty — the weights are rescaled to sum to n_samples, X and y centred by their weighted means
    and the rows scaled by √wᵢ (rows of weight 0 are dropped, which is the same problem); a sparse X
    is never densified: its rows are scaled and it is centred implicitly by the weighted means. ``tol``
    then refers to the weighted ||√w·(y − ȳ_w)||², as in scikit-learn.

    ``penalty_factor`` (n_features,) ≥ 0 (glmnet's ``penalty.factor``, python-glmnet's
    ``relative_penalties``): feature j's L1 penalty is α·fⱼ·|wⱼ|; fⱼ = 0 leaves it unpenalised
    (always in the model), fⱼ = inf excludes it (coefficient 0). The factors are used as given;
    ``rescale_penalty_factor=True`` rescales them to sum to n_features first, as glmnet always does
    (an excluded feature counting 1). Different non-zero finite factors need ``l1_ratio=1``; unpenalised
    features cannot be combined with ``positive=True``. α_max and the grid are those of the weighted
    penalty. Solved by column scaling (xⱼ/fⱼ) on a problem from which the unpenalised columns are
    projected out (exact), their coefficients recovered by least squares.

    ``standardize=True`` (glmnet's default; scikit-learn's and lassofast's default is False): the
    path is fitted on columns divided by their population standard deviation (weighted with
    ``sample_weight``; centred by the column's mean also without an intercept, as glmnet does) and the
    coefficients are reported on the original scale. Without an intercept a column constant on the rows
    is divided by its absolute value instead (glmnet drops such a column; here it can enter). A sparse
    X is scaled by columns, never densified; only unpenalised features (factor 0) need a dense X.

    ``lower_bounds``, ``upper_bounds`` (glmnet's ``lower.limits`` / ``upper.limits``): scalars or
    (n_features,) arrays, lower_j ≤ 0 ≤ upper_j (±inf: no bound), the constraint
    lower_j ≤ w_j ≤ upper_j on the coefficients on the original scale. ``positive=True`` is the
    shorthand for ``lower_bounds=0``. Each coordinate update is clipped into the box and every α is
    certified by the box's duality gap (its derivation is in lassofast/_cd.pyx). Bounded paths keep
    the kernel's Anderson extrapolation (inside the box) but run without its Newton steps and violator
    passes and without the active-set method (they do not keep to the box): slower on hard problems
    (benchmarks/README.md). In float32 a bound is rounded towards 0 to the nearest float32.

    ``max_features`` (glmnet's ``dfmax``): the path stops at the first α whose support (non-zero
    coefficients, unpenalised features included) would exceed it; the returned path ends at the α
    before, and says where and why (``stop_reason``, ``stopped_alpha``, its repr).

    A Dask array or dataframe X (with y, ``sample_weight`` as Dask arrays) is read in one pass of
    sufficient statistics and solved on its Gram matrix: see lassofast._dask (n ≫ p, bigger than memory).

    Parameters
    ----------
    X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
        Training data (a DataFrame's columns name the features; a Dask array or dataframe is read in one
        pass, see above).
    y : array-like of shape (n_samples,)
        Target.
    l1_ratio : float, default=0.5
        ρ in [0, 1] (1: the lasso).
    eps : float, default=1e-3
        The automatic grid ends at eps·α_max.
    n_alphas : int, default=100
        Points of the automatic grid.
    alphas : None, int, float or array-like, default=None
        The grid itself (sorted decreasing), or an int: the grid size.
    fit_intercept : bool, default=True
        Fit b by centring X and y.
    precompute : bool or "auto", default="auto"
        Solve on the Gram matrix XᵀX ("auto": when n_samples > n_features).
    coef_init : array-like of shape (n_features,), optional
        Warm start for the first α.
    tol : float, default=1e-4
        Each α stops when the n-scaled duality gap is ≤ tol·||y − ȳ||².
    max_iter : int, default=1000
        Most sweeps per α.
    positive : bool, default=False
        Constrain the coefficients to be ≥ 0.
    screening : bool, default=True
        Working sets from the strong rule, certified by a full check (False: plain cyclic CD).
    verbose : bool, default=False
        A progress bar of the α solved, on stderr.
    sample_weight : array-like of shape (n_samples,), optional
        Weights ≥ 0 (see above).
    penalty_factor : array-like of shape (n_features,), optional
        Per-feature penalty factors fⱼ ≥ 0 (see above).
    rescale_penalty_factor : bool, default=False
        Rescale the factors to sum to n_features first.
    standardize : bool, default=False
        Fit on standardised columns, report on the original scale.
    lower_bounds, upper_bounds : float or array-like of shape (n_features,), optional
        Box bounds on the coefficients, lower ≤ 0 ≤ upper (see above).
    max_features : int, optional
        Stop the path before the support exceeds this many features (see above).

    Returns
    -------
    Path
        The solutions, gaps and sweep counts (it unpacks as ``alphas, coefs, dual_gaps``).
    """
    if type(X) is not np.ndarray and hasattr(X, "__dask_graph__"):
        return LAZY_COLLECTION_PATHS["dask"](**locals())
    names = _feature_names(X)
    given = (X, y, sample_weight)
    X, y = check_X_y(X, y, accept_sparse=True, check_values=False)  # (X's values: by the design's norms)
    path = _enet_path_checked(X, y, l1_ratio=l1_ratio, eps=eps, n_alphas=n_alphas, alphas=alphas,
                              fit_intercept=fit_intercept, precompute=precompute, coef_init=coef_init, tol=tol,
                              max_iter=max_iter, positive=positive, screening=screening, verbose=verbose,
                              sample_weight=sample_weight, penalty_factor=penalty_factor,
                              rescale_penalty_factor=rescale_penalty_factor, standardize=standardize,
                              lower_bounds=lower_bounds, upper_bounds=upper_bounds, max_features=max_features,
                              names=names, values_checked=False)
    return _with_extras(path, _training_data=given)  # references, not copies (see Path)


def _enet_path_checked(X, y, *, l1_ratio=0.5, eps=1e-3, n_alphas=100, alphas=None, fit_intercept=True,
                       precompute="auto", coef_init=None, tol=1e-4, max_iter=1000, positive=False,
                       screening=True, verbose=False, sample_weight=None, penalty_factor=None,
                       rescale_penalty_factor=False, standardize=False, lower_bounds=None, upper_bounds=None,
                       max_features=None, names=None, values_checked=True):
    """enet_path of an X, y that check_X_y has passed (or rows of one): the estimators check X once,
    in fit, and call this. The options are checked here. ``values_checked=False``: a dense X's values
    (NaN/inf, scale) are not checked yet — here, from the column norms the design computes anyway
    (:func:`check_values_by_norms`: no pass over X), or directly before a transform reads them."""
    options = _path_options(l1_ratio=l1_ratio, eps=eps, n_alphas=n_alphas, alphas=alphas,
                            fit_intercept=fit_intercept, precompute=precompute, tol=tol,
                            max_iter=max_iter, positive=positive, screening=screening, verbose=verbose)
    if X.shape[0] < 2 and options["fit_intercept"] and options["alphas"] is None:
        raise ValueError(
            "X has 1 sample: with fit_intercept=True the centred data is all zeros, so the automatic α "
            "grid is meaningless (every α gives w = 0). Pass at least 2 samples, fit_intercept=False, or "
            "explicit alphas=[...] (each then gives w = 0 and the intercept y[0], as the estimators do).")
    extra = {}  # only the options that are set: a plain path's call stays as it was
    if lower_bounds is not None or upper_bounds is not None:
        extra["bounds"] = check_bounds(lower_bounds, upper_bounds, X.shape[1], options["positive"])
    if max_features is not None:
        extra["max_features"] = check_scalar(max_features, "max_features", low=0, integer=True)
    sparse = hasattr(X, "tocsc")  # (sparse X: its stored values are always checked by check_array)
    if sample_weight is not None or penalty_factor is not None or standardize is not False:
        standardize = check_bool(standardize, "standardize")
        if not (values_checked or sparse):
            check_values(X)
        return _transformed_path(X, y, sample_weight, penalty_factor, standardize, rescale_penalty_factor,
                                 coef_init, names, dict(options, **extra))
    layout = options.pop("fit_intercept"), options.pop("precompute")
    design = _Design(X, *layout) if values_checked or sparse else _design_checking_values(X, *layout)
    return _path_on(design, y, coef_init, feature_names=names, **options, **extra)


def _design_checking_values(X, fit_intercept, precompute):
    """The :class:`_Design` of a dense X whose values (NaN/inf, scale) are not checked yet, and then the
    check, from the column sums of squares the design has computed (:func:`check_values_by_norms`)."""
    # (A NaN or inf in X: the check says so, not a RuntimeWarning from the centring.)
    with np.errstate(all="ignore") if fit_intercept else contextlib.nullcontext():
        design = _Design(X, fit_intercept, precompute)
        sums_of_squares = design.column_sums_of_squares()
    check_values_by_norms(X, sums_of_squares)
    return design


def _kept_rows(X, Y, sample_weight, fit_intercept):
    """(X, Y, w): the rows of non-zero weight, their weights rescaled to sum to their number."""
    w = check_sample_weight(sample_weight, X.shape[0])
    if not w.min() > 0:
        keep = w > 0
        X, Y, w = X[keep], Y[keep], w[keep]
    n = w.shape[0]
    if n < 2 and fit_intercept:
        raise ValueError("sample_weight leaves 1 sample with a non-zero weight: with fit_intercept=True "
                         "at least 2 are needed (or fit_intercept=False).")
    return X, Y, w * (n / w.sum())


def _weighted_rows(X, Y, sample_weight, fit_intercept):
    """(Xs, Ys, X_offset, Y_offset, implicit): the weighted problem as an unweighted one without intercept.

    Rows of weight 0 are dropped; the rest rescaled to sum to their number (scikit-learn's rescaling
    to n, on the rows kept: the same objective); X, Y centred by the weighted means when
    ``fit_intercept``; rows multiplied by √w. Y may be (n,) or (n, T).

    A sparse X is never centred (that would densify it): it comes back as √w·X with X_offset the
    weighted means, and ``implicit`` = (X_offset, v) for a :class:`_Design` that centres implicitly
    by them: with v = √w, vᵀv = n and vᵀ(√w·X) = n·X_offsetᵀ, the centred rows √w·(X − 1 X_offsetᵀ)
    = √w·X − v X_offsetᵀ satisfy every identity the kernel's sparse layout uses for 1 and the plain
    means, v taking the place of 1 (_layouts.pxd). Columns constant on the kept rows come back as
    zeros (offset 0). ``implicit`` is None otherwise."""
    X, Y, w = _kept_rows(X, Y, sample_weight, fit_intercept)
    sparse_X = hasattr(X, "tocsc")
    n = w.shape[0]
    dtype = X.dtype
    root = np.sqrt(w)
    if sparse_X:
        from scipy import sparse
        Xs = (sparse.diags(root.astype(dtype)) @ X).tocsc()
        Xs.sort_indices()
        X_offset = np.zeros(X.shape[1], dtype=dtype)
        Y_offset = np.zeros(Y.shape[1:], dtype=dtype)
        if fit_intercept:
            X_offset = np.asarray(X.T.astype(np.float64) @ (w / n)).reshape(-1).astype(dtype)
            Y_offset = (w @ Y.astype(np.float64, copy=False) / n).astype(dtype)
            constant = _constant_columns(X, True)
            if constant.any():  # exactly zero once centred, never rounding noise
                X_offset[constant] = 0
                Xs = (Xs @ sparse.diags((~constant).astype(dtype))).tocsc()
                Xs.eliminate_zeros()
                Xs.sort_indices()
            Y = Y - Y_offset
        Ys = Y * root.reshape((n,) + (1,) * (Y.ndim - 1)).astype(dtype)
        implicit = (X_offset, root.astype(dtype)) if fit_intercept else None
        return Xs, np.ascontiguousarray(Ys, dtype=dtype), X_offset, Y_offset, implicit
    if fit_intercept:
        X_offset = (w @ X.astype(np.float64, copy=False) / n).astype(dtype)
        Y_offset = (w @ Y.astype(np.float64, copy=False) / n).astype(dtype)
        Xs = np.empty(X.shape, dtype=dtype, order="F")
        np.subtract(X, X_offset, out=Xs)
        Xs[:, np.ptp(X, axis=0) == 0] = 0  # constant columns: exactly 0, never rounding noise
        Xs *= root[:, None].astype(dtype)
        Ys = Y - Y_offset
    else:  # (the copy and the row scaling in one pass)
        X_offset = np.zeros(X.shape[1], dtype=dtype)
        Y_offset = np.zeros(Y.shape[1:], dtype=dtype)
        Xs = np.multiply(X, root[:, None].astype(dtype, copy=False), order="F", dtype=dtype)
        Ys = Y
    Ys = Ys * root.reshape((n,) + (1,) * (Y.ndim - 1)).astype(dtype, copy=False)  # (a new array)
    return Xs, np.ascontiguousarray(Ys, dtype=dtype), X_offset, Y_offset, None


def _transformed_path(X, y, sample_weight, penalty_factor, standardize, rescale_penalty, coef_init, names,
                      options):
    """enet_path with sample weights, standardisation and/or penalty factors: the unweighted path,
    without intercept, of a transformed problem, mapped back.

    Rows: weighted (see :func:`_weighted_rows`) or plainly centred. Columns: divided by their
    (weighted, centred) population standard deviation when ``standardize``
    (:func:`lassofast._standardize.column_scale`); then by their penalty factor
    fⱼ > 0 (α·fⱼ·|wⱼ| is α·|vⱼ| for vⱼ = fⱼwⱼ on the column xⱼ/fⱼ); columns with fⱼ = ∞ removed;
    columns with fⱼ = 0 (unpenalised) projected out of y and of the other columns — minimising over
    their coefficients first is exact — and their coefficients recovered by least squares. Box bounds
    scale with the columns (vⱼ = scaleⱼ·wⱼ); ``max_features`` counts the unpenalised features too."""
    fit_intercept, positive = options.pop("fit_intercept"), options["positive"]
    bounds, max_features = options.pop("bounds", None), options.pop("max_features", None)
    rescale_penalty = check_bool(rescale_penalty, "rescale_penalty_factor")
    if penalty_factor is None and not standardize:  # sample weights alone: only the rows change
        return _weighted_path(X, y, sample_weight, fit_intercept, coef_init, names, bounds, max_features,
                              options)
    n_in, p = X.shape
    factors = None
    if penalty_factor is not None:
        factors = check_penalty_factor(penalty_factor, p, options["l1_ratio"], positive)
        if rescale_penalty:  # glmnet: the factors sum to p (an excluded feature counts as 1)
            finite = np.isfinite(factors)
            factors = np.where(finite, factors * p / (factors[finite].sum() + (~finite).sum()), np.inf)
    sparse_X = hasattr(X, "tocsc")
    keep, free = np.ones(p, dtype=bool), np.zeros(p, dtype=bool)
    all_kept, any_free = True, False  # (asked often below; small paths count µs)
    if factors is not None and not (factors.min() > 0 and factors.max() < np.inf):  # some 0 or ∞
        keep, free = np.isfinite(factors) & (factors > 0), factors == 0
        all_kept, any_free = bool(keep.all()), bool(free.any())
    _check_unpenalised_limits(bounds, max_features, free)
    if sparse_X and any_free:
        raise ValueError("penalty_factor = 0 (unpenalised features) needs a dense X: they are projected "
                         "out of the other columns, which would densify a sparse X. Pass X.toarray().")
    owned = False  # whether Xs is a copy the design may centre in place
    if sample_weight is None and (sparse_X or not any_free):
        # No row change: the design centres X (a sparse X implicitly), as for a plain path — only the
        # projection of unpenalised columns needs X centred first.
        Xs, ys, X_offset, y_offset, intercept_in_design = X, y, None, None, fit_intercept
        implicit = None
    else:  # (a weighted sparse X with an intercept: centred implicitly, see _weighted_rows)
        weights = np.ones(n_in) if sample_weight is None else sample_weight
        Xs, ys, X_offset, y_offset, implicit = _weighted_rows(X, y, weights, fit_intercept)
        intercept_in_design, owned = False, not sparse_X
    scale = np.ones(p)  # coefficient on the original scale = transformed coefficient / scale
    if standardize:  # glmnet's scale, centred with or without an intercept (lassofast._standardize)
        weights = None if sample_weight is None else check_sample_weight(sample_weight, n_in)
        rows = X if weights is None or (weights > 0).all() else X[weights > 0]
        scale *= column_scale(rows, None if weights is None else weights[weights > 0], fit_intercept)
    alpha_scale = 1.0  # the elastic net's one common factor: the problem at α·factor
    if factors is not None:
        if options["l1_ratio"] < 1:
            alpha_scale = float(factors[keep][0])
            if options["alphas"] is not None:
                options["alphas"] = options["alphas"] * alpha_scale
        elif all_kept:  # α·fⱼ·|wⱼ| = α·|vⱼ| for vⱼ = fⱼ·wⱼ on the column xⱼ/fⱼ
            scale *= factors
        else:
            scale[keep] *= factors[keep]
    unit_scale = not (scale != 1).any()
    if not unit_scale:
        if sparse_X:
            from scipy import sparse
            Xs = (Xs @ sparse.diags((1 / scale).astype(Xs.dtype))).tocsc()
            Xs.sort_indices()
        elif owned:
            Xs /= scale.astype(Xs.dtype)
        else:  # (the caller's X: divided into a copy, in its order)
            Xs = np.divide(Xs, scale.astype(Xs.dtype), order="K")
            owned = True
    bounds, max_features = _reduced_limits(bounds, max_features, keep, free, scale)
    cols = slice(None) if all_kept else np.flatnonzero(keep)  # (indexes like the kept columns' indices)
    A = Xs if all_kept else (Xs[:, cols].tocsc() if sparse_X else np.asfortranarray(Xs[:, cols]))
    owned = owned or not all_kept
    basis = None
    if any_free:
        U = Xs[:, free].astype(np.float64)
        u, sv, _ = np.linalg.svd(U, full_matrices=False)
        basis = u[:, sv > sv.max(initial=0.0) * max(U.shape) * np.finfo(np.float64).eps]
        A = np.asfortranarray(A - (basis @ (basis.T @ A)).astype(A.dtype))
        y_red = np.ascontiguousarray(ys - (basis @ (basis.T @ ys)).astype(ys.dtype))
    else:
        y_red = ys
    init = None
    if coef_init is not None:
        init = check_coef_init(coef_init, p, Xs.dtype, positive)[cols] * scale[cols].astype(Xs.dtype)
    if implicit is not None:  # the means of the scaled, kept columns
        implicit = ((implicit[0][cols] / scale[cols]).astype(A.dtype), implicit[1])
    design = _Design(A, intercept_in_design, options.pop("precompute"), implicit, owned=not sparse_X and owned)
    reduced = _path_on(design, y_red, init, bounds=bounds, max_features=max_features, **options)
    if all_kept and unit_scale:  # the same columns (e.g. unit penalty factors): no mapping
        coefs = reduced.coefs
    else:
        coefs = np.zeros((p, len(reduced.alphas)), dtype=reduced.coefs.dtype)
        coefs[cols] = reduced.coefs / scale[cols, None].astype(coefs.dtype)
    limits = _limits_back(reduced, coefs, keep, free, scale, alpha_scale)
    if alpha_scale != 1.0:
        limits.update(alphas=reduced.alphas / alpha_scale, alpha_max=reduced.alpha_max / alpha_scale)
    if basis is not None:  # the unpenalised coefficients: least squares on what the others leave
        U = Xs[:, free].astype(np.float64)
        rest = ys.astype(np.float64)[:, None] - Xs[:, cols].astype(np.float64) @ (coefs[cols] * scale[cols, None])
        coefs[free] = (np.linalg.lstsq(U, rest, rcond=None)[0] / scale[free, None]).astype(coefs.dtype)
    intercepts = (reduced.intercepts if X_offset is None
                  else (y_offset - X_offset @ coefs).astype(coefs.dtype, copy=False))
    # (reduced is this function's own: set in place, as dataclasses.replace would copy it at ~10 µs)
    return _with_extras(
        reduced, coefs=coefs, intercepts=np.asarray(intercepts).reshape(-1),
        settings=(fit_intercept,) + reduced.settings[1:], **limits, sample_weighted=sample_weight is not None,
        feature_names=names, standardize=bool(standardize),
        penalty_factor=None if penalty_factor is None else np.asarray(penalty_factor, dtype=np.float64),
        rescale_penalty_factor=rescale_penalty)


def _weighted_path(X, y, sample_weight, fit_intercept, coef_init, names, bounds, max_features, options):
    """enet_path with sample weights only: the unweighted path, without intercept, of the weighted
    rows (:func:`_weighted_rows`) — the columns are X's own, so the path is the answer once its
    intercepts are put back (the short way of :func:`_transformed_path`: small paths count µs)."""
    sparse_X = hasattr(X, "tocsc")
    Xs, ys, X_offset, y_offset, implicit = _weighted_rows(X, y, sample_weight, fit_intercept)
    design = _Design(Xs, False, options.pop("precompute"), implicit, owned=not sparse_X)
    init = None if coef_init is None else check_coef_init(coef_init, X.shape[1], Xs.dtype, options["positive"])
    path = _path_on(design, ys, init, bounds=bounds, max_features=max_features, **options)
    extras = dict(sample_weighted=True, feature_names=names)
    if fit_intercept:
        extras.update(intercepts=(y_offset - X_offset @ path.coefs).astype(path.coefs.dtype, copy=False).reshape(-1),
                      settings=(True,) + path.settings[1:])
    return _with_extras(path, **extras)


def _check_unpenalised_limits(bounds, max_features, free):
    """Box bounds and max_features next to the unpenalised features (``free``: penalty_factor = 0)."""
    if bounds is not None and free.any():
        raise ValueError("penalty_factor = 0 (unpenalised features) with lower_bounds/upper_bounds is not "
                         "supported: their least-squares coefficients are not constrained.")
    if max_features is not None and free.sum() > max_features:
        raise ValueError(f"max_features={max_features} is below the number of unpenalised features "
                         f"(penalty_factor = 0: {int(free.sum())}), which are always in the model.")


def _reduced_limits(bounds, max_features, keep, free, scale):
    """``bounds`` and ``max_features`` for the problem on the kept columns divided by ``scale``
    (vⱼ = scaleⱼ·wⱼ; see _transformed_path and lassofast._gram_transform): the box scales with its
    columns, and the unpenalised features (``free``, always in the model) count towards max_features."""
    if bounds is None and max_features is None:
        return None, None
    cols = np.flatnonzero(keep)
    if bounds is not None:
        bounds = (bounds[0][cols] * scale[cols], bounds[1][cols] * scale[cols])
    if max_features is not None:
        max_features -= int(free.sum())
    return bounds, max_features


def _limits_back(reduced, coefs, keep, free, scale, alpha_scale):
    """The box, max_features and stop of the ``reduced`` path (of :func:`_reduced_limits`' problem) on
    the original columns, as _with_extras arguments; the kept rows of ``coefs`` (p, K) are clipped into
    the original box in place (dividing by the scale may step an ulp outside it)."""
    limits = {}
    if reduced.lower_bounds is None and reduced.max_features is None:
        return limits
    cols = np.flatnonzero(keep)
    if reduced.lower_bounds is not None:
        lower, upper = np.full(keep.shape[0], -np.inf), np.full(keep.shape[0], np.inf)
        lower[keep], upper[keep] = reduced.lower_bounds / scale[cols], reduced.upper_bounds / scale[cols]
        lower[~keep & ~free], upper[~keep & ~free] = 0.0, 0.0  # excluded features
        coefs[cols] = np.clip(coefs[cols], lower[cols, None], upper[cols, None])
        limits.update(lower_bounds=lower, upper_bounds=upper)
    if reduced.max_features is not None:
        limits["max_features"] = reduced.max_features + int(free.sum())
        if reduced.stop_reason is not None:
            limits.update(stop_reason=reduced.stop_reason, stopped_alpha=reduced.stopped_alpha / alpha_scale)
    return limits


def _path_options(*, l1_ratio, eps, n_alphas, alphas, fit_intercept, precompute, tol, max_iter, positive,
                  screening, verbose):
    """enet_path's options, checked and normalised (the arrays are checked separately)."""
    if type(alphas) is not np.ndarray and isinstance(alphas, numbers.Integral) and not isinstance(
            alphas, (bool, np.bool_)):
        # An int is the grid size, as in scikit-learn >= 1.7 (and LassoCV): alphas=50 is 50 α values.
        if alphas < 1:
            raise ValueError(f"alphas={alphas} is an int, read as the grid size (as in scikit-learn): it "
                             f"must be >= 1. For the single α = {alphas} pass alphas=[{alphas}] or "
                             f"{float(alphas)}.")
        n_alphas, alphas = alphas, None
    l1_ratio, eps, n_alphas, tol, max_iter = check_path_params(l1_ratio, eps, n_alphas, tol, max_iter)
    return dict(l1_ratio=l1_ratio, eps=eps, n_alphas=n_alphas,
                alphas=None if alphas is None else check_alphas(alphas),
                fit_intercept=check_bool(fit_intercept, "fit_intercept"),
                precompute=check_precompute(precompute), tol=tol, max_iter=max_iter,
                positive=check_bool(positive, "positive"), screening=check_bool(screening, "screening"),
                verbose=check_bool(verbose, "verbose"))


def _path_on(design, y, coef_init, *, l1_ratio, eps, n_alphas, alphas, tol, max_iter, positive, screening,
             verbose, feature_names=None, bounds=None, max_features=None):
    """The path of target y (checked, of the design's dtype) on a shared :class:`_Design`; ``bounds``
    (lower, upper) or None, ``max_features`` an int or None, as enet_path checked them."""
    problem = y if isinstance(y, _Problem) else _Problem(design, y)  # (prebuilt: lassofast._dask)
    dtype = design.dtype
    if bounds is not None:
        bounds = _bounds_in(bounds, dtype)
    a_max = problem.alpha_max(l1_ratio, positive, bounds) if l1_ratio > 0 else np.inf
    grid = _alpha_grid(a_max, eps, n_alphas, l1_ratio) if alphas is None else alphas

    p, K = design.n_features, len(grid)
    if coef_init is None:
        w = np.zeros(p, dtype=dtype)
        # From w = 0, every α >= α_max is solved by w = 0 exactly (gap 0): no kernel call needed.
        # (The grid is sorted decreasing: they come first. A loop: usually one or two, and small
        # paths are timed to the microsecond.)
        n_trivial = 0
        while n_trivial < K and grid[n_trivial] >= a_max:
            n_trivial += 1
        state = problem.state(None)
    else:
        w = check_coef_init(coef_init, p, dtype, positive)
        if bounds is not None:  # a warm start outside the box is projected into it
            np.clip(w, bounds[0], bounds[1], out=w)
        n_trivial = 0
        state = problem.state(w)

    end = K  # sorted decreasing: any α = 0 comes last
    while end > n_trivial and not grid[end - 1] > 0:
        end -= 1
    positive_alphas = grid[n_trivial:end]
    # Row k solves grid[k]: the trivial α (w = 0) first, then the kernel's, then any α = 0.
    coef_rows = np.zeros((K, p), dtype=dtype)
    gaps = np.zeros(K)
    n_iters = np.zeros(K, dtype=np.int64)
    solved = slice(n_trivial, n_trivial + len(positive_alphas))
    bar = None
    if verbose:
        bar = ProgressBar(len(grid), "path", live=True)
        bar.update(n_trivial)
    try:
        kept = problem.solve_path(w, state, positive_alphas, l1_ratio, max_iter, tol, positive, screening,
                                  coef_rows[solved], gaps[solved], n_iters[solved],
                                  None if bar is None else bar.update, bounds, max_features)
    finally:
        if bar is not None:
            bar.close()
    stop = {}
    if max_features is not None and n_trivial + kept < K:
        K = n_trivial + kept
        stop = dict(stop_reason="max_features", stopped_alpha=float(grid[K]))
        grid, coef_rows, gaps, n_iters = grid[:K], coef_rows[:K], gaps[:K], n_iters[:K]
    elif solved.stop < K:  # α = 0
        coef_rows[solved.stop:] = _least_squares(problem, positive, bounds).astype(dtype)
        if max_features is not None and np.count_nonzero(coef_rows[-1]) > max_features:
            K = solved.stop
            stop = dict(stop_reason="max_features", stopped_alpha=0.0)
            grid, coef_rows, gaps, n_iters = grid[:K], coef_rows[:K], gaps[:K], n_iters[:K]
    coefs = coef_rows.T
    gap_tol = problem.gap_tol(tol)
    if design.layout == _GRAM:
        gaps = problem.recheck_gram_gaps(grid, coefs, gaps, l1_ratio, positive, gap_tol, bounds)
    if K and not _cd.value_range(gaps)[1] <= gap_tol:  # (a NaN gap is not converged: the max is NaN then)
        unconverged = np.flatnonzero(~(gaps <= gap_tol))
        worst = unconverged[np.argmax(np.nan_to_num(gaps[unconverged], nan=np.inf))]
        worst_alpha, worst_gap = grid[worst], gaps[worst]
        warnings.warn(
            f"Coordinate descent did not converge at {unconverged.size} of {K} α values after "
            f"max_iter={max_iter} sweeps: the worst duality gap reached is {worst_gap:.3g} at "
            f"α={worst_alpha:.4g}, above tol·||y||²/n = {gap_tol:.3g}. Increase max_iter, loosen tol, "
            f"or standardise the features.", exceptions.ConvergenceWarning, stacklevel=3)
    intercepts = ((problem.y_offset - design.X_offset @ coefs).astype(dtype, copy=False) if design.fit_intercept
                  else np.zeros(K, dtype=dtype))
    path = Path(alphas=grid, coefs=coefs, intercepts=np.asarray(intercepts), dual_gaps=gaps,
                n_iters=n_iters, alpha_max=float(a_max), l1_ratio=l1_ratio,
                settings=(design.fit_intercept, tol, max_iter, positive))
    extras = dict(stop)
    if feature_names is not None:
        extras["feature_names"] = feature_names
    if bounds is not None:
        extras.update(lower_bounds=bounds[0], upper_bounds=bounds[1])
    if max_features is not None:
        extras["max_features"] = max_features
    return _with_extras(path, **extras) if extras else path


def _bounds_in(bounds, dtype):
    """Box bounds made exact in ``dtype`` (float32: rounded towards 0, so the box only shrinks and
    still contains 0), kept as float64 arrays for the kernel."""
    lower, upper = (np.asarray(b, dtype=np.float64) for b in bounds)
    if dtype == np.float32:
        lower32, upper32 = lower.astype(np.float32), upper.astype(np.float32)
        lower32 = np.where(lower32 < lower, np.nextafter(lower32, np.float32(0)), lower32)
        upper32 = np.where(upper32 > upper, np.nextafter(upper32, np.float32(0)), upper32)
        lower, upper = lower32.astype(np.float64), upper32.astype(np.float64)
    return np.ascontiguousarray(lower), np.ascontiguousarray(upper)


def _with_extras(path, **extras):
    """``path`` with the optional attributes (feature_names, sample_weighted, …) set, in place."""
    for name, value in extras.items():
        object.__setattr__(path, name, value)
    return path


def lasso_path(X, y, *, eps=1e-3, n_alphas=100, alphas=None, fit_intercept=True, precompute="auto",
               coef_init=None, tol=1e-4, max_iter=1000, positive=False, screening=True, verbose=False,
               sample_weight=None, penalty_factor=None, rescale_penalty_factor=False, standardize=False,
               lower_bounds=None, upper_bounds=None, max_features=None):
    """Lasso solutions along a decreasing α grid: :func:`enet_path` with ``l1_ratio=1``.

    Parameters
    ----------
    X : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_features)
        Training data (see :func:`enet_path`).
    y : array-like of shape (n_samples,)
        Target.
    eps : float, default=1e-3
        The automatic grid ends at eps·α_max.
    n_alphas : int, default=100
        Points of the automatic grid.
    alphas : None, int, float or array-like, default=None
        The grid itself (sorted decreasing), or an int: the grid size.
    fit_intercept : bool, default=True
        Fit b by centring X and y.
    precompute : bool or "auto", default="auto"
        Solve on the Gram matrix XᵀX ("auto": when n_samples > n_features).
    coef_init : array-like of shape (n_features,), optional
        Warm start for the first α.
    tol : float, default=1e-4
        Each α stops when the n-scaled duality gap is ≤ tol·||y − ȳ||².
    max_iter : int, default=1000
        Most sweeps per α.
    positive : bool, default=False
        Constrain the coefficients to be ≥ 0.
    screening : bool, default=True
        Working sets from the strong rule, certified by a full check (False: plain cyclic CD).
    verbose : bool, default=False
        A progress bar of the α solved, on stderr.
    sample_weight : array-like of shape (n_samples,), optional
        Weights ≥ 0 (see :func:`enet_path`).
    penalty_factor : array-like of shape (n_features,), optional
        Per-feature penalty factors fⱼ ≥ 0 (see :func:`enet_path`).
    rescale_penalty_factor : bool, default=False
        Rescale the factors to sum to n_features first.
    standardize : bool, default=False
        Fit on standardised columns, report on the original scale.
    lower_bounds, upper_bounds : float or array-like of shape (n_features,), optional
        Box bounds on the coefficients, lower ≤ 0 ≤ upper (see :func:`enet_path`).
    max_features : int, optional
        Stop the path before the support exceeds this many features (see :func:`enet_path`).

    Returns
    -------
    Path
        The solutions, gaps and sweep counts (it unpacks as ``alphas, coefs, dual_gaps``).
    """
    return enet_path(X, y, l1_ratio=1.0, eps=eps, n_alphas=n_alphas, alphas=alphas,
                     fit_intercept=fit_intercept, precompute=precompute, coef_init=coef_init,
                     tol=tol, max_iter=max_iter, positive=positive, screening=screening, verbose=verbose,
                     sample_weight=sample_weight, penalty_factor=penalty_factor,
                     rescale_penalty_factor=rescale_penalty_factor, standardize=standardize,
                     lower_bounds=lower_bounds, upper_bounds=upper_bounds, max_features=max_features)


def _least_squares(problem, positive, bounds=None):
    """α = 0: the (minimum-norm, or non-negative) least-squares solution on the centred data."""
    warnings.warn(
        "α = 0 is ordinary least squares: it is solved directly with "
        + ("scipy.optimize.nnls" if positive else "numpy.linalg.lstsq (minimum-norm solution)")
        + " instead of coordinate descent. Prefer sklearn.linear_model.LinearRegression for it.",
        UserWarning, stacklevel=3)
    X = np.asarray(problem.X, dtype=np.float64)
    y = problem.y.astype(np.float64)
    if bounds is not None:  # (the box contains 0, so the problem is feasible)
        return _box_least_squares(X, y, bounds)
    if positive:
        from scipy.optimize import nnls
        return nnls(X, y)[0]
    return np.linalg.lstsq(X, y, rcond=None)[0]


def _support_least_squares(A, b, box=None):
    """argmin ||A·v − b||² (the minimum-norm one), or within ``box`` (:func:`_box_least_squares`)."""
    if box is None:
        return np.linalg.lstsq(A, b, rcond=None)[0]
    return _box_least_squares(A, b, box)


def _box_least_squares(A, b, box):
    """argmin ||A·v − b||² over lower ≤ v ≤ upper, by scipy's bounded-variable least squares (exact: an
    active-set method). A box [0, 0] fixes its coefficient at 0 (lsq_linear needs lower < upper). The
    data is centred by the caller, so an intercept stays free (which is exact)."""
    from scipy.optimize import lsq_linear
    v = np.zeros(A.shape[1])
    free = box[0] < box[1]
    if free.any():
        v[free] = lsq_linear(A[:, free], b, method="bvls", tol=1e-12, bounds=(box[0][free], box[1][free])).x
    return v
