"""Demo and synthetic data sets."""
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ._validation import check_array, check_scalar

__all__ = ["make_correlated", "make_correlated_features", "make_correlated_pair", "load_demo", "Dataset"]


@dataclass(frozen=True, eq=False)
class Dataset:
    """A data set with its names.

    Attributes
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features.
    y : ndarray of shape (n_samples,)
        The target.
    feature_names : tuple of str
        One name per column of X.
    description : str
        One line saying what it is.
    """
    X: np.ndarray
    y: np.ndarray
    feature_names: tuple
    description: str


def make_correlated(n_samples=100, n_features=6, rho=0.5, n_informative=None, snr=3.0,
                    random_state=None, dtype=np.float64):
    """A Gaussian design with Toeplitz correlation corr(x_i, x_j) = rho^|i−j|, and a noisy linear target.

    Columns are generated as an AR(1) sequence, x_j = rho·x_{j−1} + sqrt(1 − rho²)·z_j with z_j
    standard normal, which has exactly that correlation and costs O(n·p). The true coefficients are
    non-zero on ``n_informative`` features spread evenly over the columns (alternating signs, decaying
    magnitudes), and the noise is scaled so that std(Xw)/std(noise) = ``snr``.

    Returns ``(X, y, coef)``.

    Parameters
    ----------
    n_samples : int, default=100
        Rows.
    n_features : int, default=6
        Columns.
    rho : float, default=0.5
        Correlation of neighbouring columns, in (−1, 1).
    n_informative : int, optional
        Non-zero true coefficients (default: max(1, n_features // 10)).
    snr : float, default=3.0
        std(Xw) / std(noise), > 0.
    random_state : int, numpy Generator or None, default=None
        Seed (the same seed gives the same data).
    dtype : {numpy.float64, numpy.float32}, default=numpy.float64
        dtype of X and y.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        The design.
    y : ndarray of shape (n_samples,)
        The target.
    coef : ndarray of shape (n_features,)
        The true coefficients.
    """
    n = check_scalar(n_samples, "n_samples", low=1, integer=True)
    p = check_scalar(n_features, "n_features", low=1, integer=True)
    rho = check_scalar(rho, "rho", low=-1.0, high=1.0, include_low=False, include_high=False)
    k = max(1, p // 10) if n_informative is None else check_scalar(
        n_informative, "n_informative", low=0, high=p, integer=True)
    snr = check_scalar(snr, "snr", low=0.0, include_low=False)
    if np.dtype(dtype) not in (np.float32, np.float64):
        raise TypeError(f"dtype must be numpy.float32 or numpy.float64, got {np.dtype(dtype)}.")
    rng = np.random.default_rng(random_state)

    X = rng.standard_normal((n, p))
    scale = np.sqrt(1.0 - rho * rho)
    for j in range(1, p):
        X[:, j] = rho * X[:, j - 1] + scale * X[:, j]

    coef = np.zeros(p)
    support = np.linspace(0, p - 1, num=k).round().astype(int) if k else np.array([], dtype=int)
    coef[support] = (-1.0) ** np.arange(k) * np.linspace(2.0, 0.5, num=k) if k else []
    signal = X @ coef
    noise = rng.standard_normal(n)
    signal_std = signal.std()
    if signal_std > 0:
        noise *= signal_std / snr
    y = signal + noise
    return X.astype(dtype, copy=False), y.astype(dtype, copy=False), coef


def make_correlated_features(n_samples=100, n_features=3, corr=0.9, coef=None, noise=1.0,
                             random_state=None):
    """k features with sample correlation exactly ``corr`` between every pair, and y = X·coef + noise.

    The columns are centred and scaled to ||x_j||² = n, and XᵀX/n equals the equicorrelation matrix
    C = (1 − corr)·I + corr·11ᵀ (to rounding): centred Gaussian noise is orthonormalised (QR) and
    multiplied by C^{1/2}. ``corr`` must lie in [−1/(k−1), 1]; corr = 1 gives identical columns.
    ``coef`` defaults to all ones; ``noise`` is the standard deviation of the Gaussian noise in y.
    Deterministic given ``random_state``. Returns ``(X, y, coef)``.

    Parameters
    ----------
    n_samples : int, default=100
        Rows, more than n_features.
    n_features : int, default=3
        k ≥ 2 columns.
    corr : float, default=0.9
        The correlation of every pair, in [−1/(k−1), 1].
    coef : array-like of shape (n_features,), optional
        True coefficients (all ones by default).
    noise : float, default=1.0
        Standard deviation of the noise in y.
    random_state : int, numpy Generator or None, default=None
        Seed (the same seed gives the same data).

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        The design.
    y : ndarray of shape (n_samples,)
        The target.
    coef : ndarray of shape (n_features,)
        The true coefficients.
    """
    k = check_scalar(n_features, "n_features", low=2, integer=True)
    n = check_scalar(n_samples, "n_samples", low=k + 1, integer=True)
    corr = check_scalar(corr, "corr", low=-1.0 / (k - 1), high=1.0)
    noise = check_scalar(noise, "noise", low=0.0)
    coef = np.ones(k) if coef is None else check_array(coef, "coef", ndim=1, dtype=np.float64)
    if coef.shape != (k,):
        raise ValueError(f"coef must have one entry per feature ({k}); got shape {coef.shape}.")
    rng = np.random.default_rng(random_state)
    Z = rng.standard_normal((n, k))
    Q, _ = np.linalg.qr(Z - Z.mean(axis=0))
    lam, V = np.linalg.eigh((1.0 - corr) * np.eye(k) + corr * np.ones((k, k)))
    X = np.sqrt(n) * Q @ (V * np.sqrt(np.maximum(lam, 0.0))) @ V.T
    y = X @ coef + noise * rng.standard_normal(n)
    return X, y, coef


def make_correlated_pair(n_samples=100, corr=0.9, coef=(1.0, 1.0), noise=1.0, random_state=None):
    """Two features with sample correlation exactly ``corr`` (in [−1, 1]): :func:`make_correlated_features`
    with k = 2. Returns ``(X, y, coef)``.

    Parameters
    ----------
    n_samples : int, default=100
        Rows (≥ 3).
    corr : float, default=0.9
        The features' correlation, in [−1, 1].
    coef : array-like of shape (2,), default=(1.0, 1.0)
        True coefficients.
    noise : float, default=1.0
        Standard deviation of the noise in y.
    random_state : int, numpy Generator or None, default=None
        Seed (the same seed gives the same data).

    Returns
    -------
    X : ndarray of shape (n_samples, 2)
        The design.
    y : ndarray of shape (n_samples,)
        The target.
    coef : ndarray of shape (2,)
        The true coefficients.
    """
    return make_correlated_features(n_samples, 2, corr, coef, noise, random_state)


def load_demo():
    """The fixed 6-feature demo data (features x1..x6), like the explainer page's (see the README).

    120 samples, standardised features with moderate correlation, and a target in which the features
    matter by clearly different amounts, so the lasso path drops them out one at a time as α grows.
    Shipped as a CSV (``lassofast/data/demo.csv``) so every video and test sees the same numbers.

    Returns
    -------
    Dataset
        X (120, 6), y (120,), feature_names x1..x6.
    """
    with resources.files("lassofast").joinpath("data/demo.csv").open("r") as fh:
        header = fh.readline().strip().split(",")
        table = np.loadtxt(fh, delimiter=",")
    names = tuple(header[:-1])
    return Dataset(X=table[:, :-1].copy(), y=table[:, -1].copy(), feature_names=names,
                   description="Demo data: 120 samples, 6 standardised features x1..x6, target y.")
