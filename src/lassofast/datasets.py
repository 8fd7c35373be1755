"""Demo and synthetic data sets."""
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ._validation import check_scalar

__all__ = ["make_correlated", "load_demo", "Dataset"]


@dataclass(frozen=True, eq=False)
class Dataset:
    X: np.ndarray               # (n_samples, n_features)
    y: np.ndarray               # (n_samples,)
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


def load_demo():
    """The fixed 6-feature demo data (features x1..x6), like the seed explainer page's.

    120 samples, standardised features with moderate correlation, and a target in which the features
    matter by clearly different amounts, so the lasso path drops them out one at a time as α grows.
    Shipped as a CSV (``lassofast/data/demo.csv``) so every video and test sees the same numbers.
    """
    with resources.files("lassofast").joinpath("data/demo.csv").open("r") as fh:
        header = fh.readline().strip().split(",")
        table = np.loadtxt(fh, delimiter=",")
    names = tuple(header[:-1])
    return Dataset(X=table[:, :-1].copy(), y=table[:, -1].copy(), feature_names=names,
                   description="Demo data: 120 samples, 6 standardised features x1..x6, target y.")
