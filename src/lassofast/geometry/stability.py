"""Correlated features: which one does the lasso keep, resample after resample?"""
import warnings
from dataclasses import dataclass

import numpy as np

from .._validation import check_scalar, check_X_y
from .. import exceptions
from ..path import enet_path

__all__ = ["SelectionStability", "selection_stability"]


@dataclass(frozen=True, eq=False)
class SelectionStability:
    """How often each feature is selected (w_j ≠ 0) across bootstrap refits at a fixed α.

    ``frequency[j]`` is the fraction of resamples that selected feature j; ``coefs`` (B, p) holds every
    refit. :meth:`joint_frequency` gives, for each pair, the fraction selecting both.

    Attributes
    ----------
    frequency : ndarray of shape (n_features,)
        Fraction of resamples selecting each feature.
    coefs : ndarray of shape (n_resamples, n_features)
        Every refit.
    alpha : float
        α.
    l1_ratio : float
        ρ.
    """
    frequency: np.ndarray
    coefs: np.ndarray
    alpha: float
    l1_ratio: float

    def joint_frequency(self):
        """(p, p): entry (i, j) is the fraction of resamples in which features i and j are both selected.

        Returns
        -------
        ndarray of shape (n_features, n_features)
            The joint selection frequencies.
        """
        selected = (self.coefs != 0).astype(np.float64)
        return selected.T @ selected / len(selected)


def selection_stability(X, y, alpha, l1_ratio=1.0, n_resamples=200, random_state=None):
    """Refit at ``alpha`` on ``n_resamples`` bootstrap resamples (rows drawn with replacement, the
    intercept fitted) and count selections. Lasso's pick among correlated features changes from
    resample to resample; the elastic net (l1_ratio < 1) tends to keep them together. Deterministic
    given ``random_state``. Returns a :class:`SelectionStability`.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Training data (centred here: the intercept is fitted and profiled out).
    y : array-like of shape (n_samples,)
        Target.
    alpha : float
        α > 0.
    l1_ratio : float, default=1.0
        ρ of the elastic net.
    n_resamples : int, default=200
        Bootstrap refits.
    random_state : int, numpy Generator or None, default=None
        Seed of the resampling.

    Returns
    -------
    SelectionStability
        Selection frequencies and every refit.
    """
    X, y = check_X_y(X, y)
    alpha = check_scalar(alpha, "alpha", low=0.0, include_low=False)
    rho = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    n_resamples = check_scalar(n_resamples, "n_resamples", low=1, integer=True)
    rng = np.random.default_rng(random_state)
    n = X.shape[0]
    coefs = np.empty((n_resamples, X.shape[1]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.ConvergenceWarning)
        for b in range(n_resamples):
            rows = rng.integers(0, n, size=n)
            coefs[b] = enet_path(X[rows], y[rows], l1_ratio=rho, alphas=[alpha], tol=1e-8,
                                 max_iter=10000).coefs[:, 0]
    return SelectionStability(frequency=(coefs != 0).mean(axis=0), coefs=coefs, alpha=alpha, l1_ratio=rho)
