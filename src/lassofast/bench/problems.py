"""The named benchmark problems: generated once per run with a fixed seed, centred, saved for the workers.

Every dense problem is centred once here (X − mean(X), y − mean(y)), so every solver runs with
``fit_intercept=False`` on the same data. Sparse X is not centred (that would densify it): ``sparse``
and ``text`` keep X as generated and centre only y — the problem solved there has no intercept.
``sparse-intercept`` is the one problem solved *with* an intercept (``Instance.fit_intercept``): its
columns have clearly non-zero means, X and y are left as generated, and every solver fits the
intercept itself (a sparse solver has to centre X implicitly — where sparse solvers usually lose time).
Its objective is taken at the best intercept for w, i.e. on centred y and implicitly centred X
(:mod:`.verify`).
"""
from dataclasses import dataclass
from pathlib import Path as FilePath

import numpy as np
import scipy.sparse as sp

from ..datasets import load_demo, make_correlated

__all__ = [
    "N_ALPHAS", "ProblemSpec", "Instance", "PROBLEMS", "check_names", "make", "alpha_grid", "save",
    "load"
]

N_ALPHAS = 100


@dataclass(frozen=True)
class ProblemSpec:
    """How to build one named problem at full size and in its --quick version.

    Attributes
    ----------
    name : str
        The problem's name.
    description : str
        One line for the tables.
    build : callable
        ``build(quick, seed) -> (X, y)``.
    fit_intercept : bool, default=False
        Solved with an intercept (X and y are then not centred).
    """
    name: str
    description: str
    build: object
    fit_intercept: bool = False


@dataclass(frozen=True, eq=False)
class Instance:
    """One generated problem: centred data (X dense Fortran-ordered, or CSC) and its description.

    Attributes
    ----------
    name : str
        The problem's name.
    description : str
        One line for the tables.
    X : ndarray or scipy.sparse CSC matrix
        The data.
    y : ndarray of shape (n_samples,)
        The target.
    fit_intercept : bool, default=False
        Solved with an intercept: X and y are then not centred.
    """
    name: str
    description: str
    X: object
    y: np.ndarray
    fit_intercept: bool = False

    @property
    def is_sparse(self):
        """Whether X is a scipy.sparse matrix.
        """
        return sp.issparse(self.X)

    @property
    def shape(self):
        """X's shape.
        """
        return self.X.shape


def _toeplitz(n, p, rho, quick_n, quick_p):
    def build(quick, seed):
        X, y, _ = make_correlated(quick_n if quick else n, quick_p if quick else p, rho=rho,
                                  random_state=seed)
        return X, y
    return build


def _sparse(n, p, density, quick_n, quick_p, quick_density):
    def build(quick, seed):
        n_, p_, d_ = (quick_n, quick_p, quick_density) if quick else (n, p, density)
        rng = np.random.default_rng(seed)
        X = sp.random(n_, p_, density=d_, format="csc", random_state=rng,
                      data_rvs=rng.standard_normal)
        return X, _planted(rng, X, p_ // 100)
    return build


def _planted(rng, X, n_support):
    """y = Xβ + noise for a random β with ``n_support`` non-zeros of either sign, |β_j| in [0.5, 2],
    and Gaussian noise of a third of the signal's standard deviation."""
    coef = np.zeros(X.shape[1])
    support = rng.choice(X.shape[1], size=max(1, n_support), replace=False)
    coef[support] = rng.choice([-1.0, 1.0], size=support.size) * rng.uniform(0.5, 2.0, support.size)
    signal = np.asarray(X @ coef)
    return signal + rng.standard_normal(X.shape[0]) * signal.std() / 3.0


def _text(n, p, top_density, scale, quick_n, quick_p):
    """A bag-of-words-like CSC matrix: word j (by frequency rank) occurs in a document with rate
    min(top_density, scale/j) (Zipf's law: a few very common words, a long tail of rare ones; every
    word occurs at least once). Occurrences fall on uniformly random documents; repeats in one
    document add up to counts, and the values are tf-idf-like: log(1 + count)·(1 + log((1+n)/(1+df))).
    ``scale`` is for the full size; the quick version keeps about the same document length."""
    def build(quick, seed):
        n_, p_ = (quick_n, quick_p) if quick else (n, p)
        scale_ = scale * (np.log(p) / np.log(p_) if quick else 1.0)
        rng = np.random.default_rng(seed)
        rate = np.minimum(top_density, scale_ / np.arange(1, p_ + 1))
        counts = np.maximum(1, rng.poisson(n_ * rate))
        cols = np.repeat(np.arange(p_), counts)
        rows = rng.integers(0, n_, size=cols.size)
        X = sp.csc_matrix((np.ones(cols.size), (rows, cols)), shape=(n_, p_))   # duplicates add up
        X.sum_duplicates()
        df = np.diff(X.indptr)
        X.data = np.log1p(X.data) * np.repeat(1.0 + np.log((1.0 + n_) / (1.0 + df)), df)
        return X, _planted(rng, X, p_ // 200)
    return build


def _sparse_intercept(n, p, density, quick_n, quick_p, quick_density):
    """Sparse CSC with positive entries (uniform in [0.5, 1.5]: column means ≈ density, not 0) and an
    offset in y, so an intercept is needed; solved with fit_intercept=True."""
    def build(quick, seed):
        n_, p_, d_ = (quick_n, quick_p, quick_density) if quick else (n, p, density)
        rng = np.random.default_rng(seed)
        X = sp.random(n_, p_, density=d_, format="csc", random_state=rng,
                      data_rvs=lambda k: rng.uniform(0.5, 1.5, k))
        return X, 3.0 + _planted(rng, X, p_ // 100)
    return build


def _diabetes(quick, seed):
    from sklearn.datasets import load_diabetes
    X, y = load_diabetes(return_X_y=True, scaled=False)
    return (X - X.mean(0)) / X.std(0), y


def _diabetes_poly(quick, seed):
    """Diabetes with all products of up to three standardised features (285 strongly correlated
    columns, n = 442 < p): real data, near-saturated supports at small α."""
    from sklearn.preprocessing import PolynomialFeatures
    X, y = _diabetes(quick, seed)
    Z = PolynomialFeatures(degree=2 if quick else 3, include_bias=False).fit_transform(X)
    return (Z - Z.mean(0)) / Z.std(0), y


def _demo(quick, seed):
    data = load_demo()
    return data.X, data.y


PROBLEMS = {spec.name: spec for spec in [
    ProblemSpec("dense", "dense n=1000 p=5000 Toeplitz ρ=0.6", _toeplitz(1000, 5000, 0.6, 40, 120)),
    ProblemSpec("tall", "dense tall n=10000 p=200 Toeplitz ρ=0.5", _toeplitz(10000, 200, 0.5, 500, 40)),
    ProblemSpec("wide", "dense wide n=200 p=20000 Toeplitz ρ=0.3", _toeplitz(200, 20000, 0.3, 30, 300)),
    ProblemSpec("sparse", "sparse CSC n=20000 p=50000 density 1e-3 (no intercept)",
                _sparse(20000, 50000, 1e-3, 500, 1000, 2e-2)),
    ProblemSpec("text", "text-like sparse CSC n=20000 p=100000, Zipf word frequencies, tf-idf values "
                "(no intercept)", _text(20000, 100000, 0.5, 8.0, 500, 2000)),
    ProblemSpec("sparse-intercept", "sparse CSC n=20000 p=50000 density 1e-3, positive values, "
                "WITH intercept", _sparse_intercept(20000, 50000, 1e-3, 500, 1000, 2e-2),
                fit_intercept=True),
    ProblemSpec("diabetes", "scikit-learn diabetes n=442 p=10, standardised", _diabetes),
    ProblemSpec("diabetes-poly", "diabetes, products of ≤ 3 features n=442 p=285, standardised",
                _diabetes_poly),
    ProblemSpec("demo", "lassofast demo data n=120 p=6", _demo),
]}


def check_names(names, known, what):
    """Return ``names`` if all are in ``known``, else raise a ValueError listing the valid ones.

    Parameters
    ----------
    names : list of str
        Names asked for.
    known : iterable of str
        The valid ones.
    what : str
        What they name, for the message.

    Returns
    -------
    list of str
        ``names``.
    """
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(map(repr, unknown))}; "
                         f"choose from: {', '.join(known)}.")
    return names


def make(name, *, quick=False, seed=0):
    """Generate problem ``name`` and centre it unless it is solved with an intercept (see the module
    docstring).

    Parameters
    ----------
    name : str
        A key of :data:`PROBLEMS`.
    quick : bool, default=False
        The small version.
    seed : int, default=0
        Seed of the generated data.

    Returns
    -------
    Instance
        The problem.
    """
    spec = PROBLEMS[check_names([name], PROBLEMS, "problem")[0]]
    X, y = spec.build(quick, seed)
    y = np.asarray(y, dtype=np.float64)
    if not spec.fit_intercept:
        y = y - y.mean()
    if sp.issparse(X):
        X = sp.csc_matrix(X, dtype=np.float64)
    else:
        X = np.asfortranarray(X if spec.fit_intercept else X - X.mean(axis=0), dtype=np.float64)
    n, p = X.shape
    description = spec.description if not quick else f"{spec.description} (quick: n={n} p={p})"
    return Instance(name=name, description=description, X=X, y=y, fit_intercept=spec.fit_intercept)


def alpha_grid(X, y, eps, n_alphas=N_ALPHAS, fit_intercept=False):
    """The shared grid: ``n_alphas`` values geometric from α_max = ||Xᵀy||∞/n down to eps·α_max.

    With an intercept y is centred first: then Xᵀyc equals the centred X's (X − mean(X))ᵀyc.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        The data.
    y : ndarray of shape (n_samples,)
        The target.
    eps : float
        The grid ends at eps·α_max.
    n_alphas : int, default=N_ALPHAS
        Grid size.
    fit_intercept : bool, default=False
        Centre y first.

    Returns
    -------
    ndarray of shape (n_alphas,)
        The grid, decreasing.
    """
    y = y - y.mean() if fit_intercept else y
    a_max = float(np.abs(X.T @ y).max()) / X.shape[0]
    return np.geomspace(a_max, eps * a_max, num=n_alphas)


def save(instance, directory):
    """Write X (``X.npy`` or ``X.npz`` for sparse) and ``y.npy`` to ``directory``; return the path.

    Parameters
    ----------
    instance : Instance
        The problem.
    directory : str or path-like
        Parent folder (a sub-folder named after the problem is made).

    Returns
    -------
    pathlib.Path
        The problem's folder.
    """
    directory = FilePath(directory) / instance.name
    directory.mkdir(parents=True, exist_ok=True)
    if instance.is_sparse:
        sp.save_npz(directory / "X.npz", instance.X, compressed=False)
    else:
        np.save(directory / "X.npy", instance.X)     # keeps Fortran order
    np.save(directory / "y.npy", instance.y)
    return directory


def load(directory):
    """Read back what :func:`save` wrote: (X, y).

    Parameters
    ----------
    directory : str or path-like
        A folder written by :func:`save`.

    Returns
    -------
    X : ndarray or scipy.sparse CSC matrix
        The data.
    y : ndarray of shape (n_samples,)
        The target.
    """
    directory = FilePath(directory)
    sparse_file = directory / "X.npz"
    X = sp.load_npz(sparse_file).tocsc() if sparse_file.exists() else np.load(directory / "X.npy")
    return X, np.load(directory / "y.npy")
