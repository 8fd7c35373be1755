"""Helpers for lassofast's tests (and for code built on it): seeded problems, a KKT check, scikit-learn's
estimator checks with lassofast's expected failures, and a fake terminal. The library never imports this.
"""
import io

import numpy as np

from .datasets import make_correlated

__all__ = ["PROBLEMS", "make_problem", "kkt_ok", "assert_path_certified", "assert_sklearn_compatible",
           "Terminal"]

PROBLEMS = ["tall", "wide", "correlated", "degenerate", "float32"]


def make_problem(name):
    """A seeded test problem on a shape that matters.

    Parameters
    ----------
    name : str
        One of :data:`PROBLEMS`: "tall" (n > p, the Gram kernel under precompute="auto"), "wide"
        (p > n), "correlated" (Toeplitz ρ = 0.95), "degenerate" (duplicated and all-zero columns,
        columns scaled by 1e3 and 1e-3), "float32".

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        The design.
    y : ndarray of shape (n_samples,)
        The target, of X's dtype, with mean about 10 so the intercept matters.
    """
    if name == "tall":          # n > p (Gram kernel under precompute="auto")
        X, y, _ = make_correlated(200, 30, rho=0.5, n_informative=5, random_state=1)
    elif name == "wide":        # p > n
        X, y, _ = make_correlated(40, 120, rho=0.3, n_informative=6, random_state=2)
    elif name == "correlated":  # strong Toeplitz correlation
        X, y, _ = make_correlated(80, 60, rho=0.95, n_informative=6, random_state=3)
    elif name == "degenerate":  # duplicated and all-zero columns, different scales
        X, y, _ = make_correlated(60, 12, rho=0.2, n_informative=4, random_state=4)
        X[:, 3] = X[:, 0]
        X[:, 5] = 0.0
        X[:, 7] *= 1e3
        X[:, 8] *= 1e-3
    elif name == "float32":
        X, y, _ = make_correlated(100, 40, rho=0.5, n_informative=5, random_state=5, dtype=np.float32)
    else:
        raise KeyError(f"unknown test problem {name!r}; choose from {PROBLEMS}")
    y = y + 10.0  # a non-zero mean so the intercept matters
    return X, y.astype(X.dtype)


def kkt_ok(X, y, w, alpha, l1_ratio, gap, positive=False):
    """Check KKT conditions to the accuracy a duality gap ``gap`` guarantees (centred float64 data).

    With g_j = x_jᵀ(y − Xw)/n − α(1−ρ)w_j and L_j = ||x_j||²/n + α(1−ρ): at a zero coordinate a
    violation v = |g_j| − αρ > 0 lets one coordinate step lower the objective by v²/(2L_j), so v ≤ √(2 L_j gap).
    At a non-zero coordinate the same holds unless the step would cross zero (|w_j| < v/L_j).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Centred design.
    y : ndarray of shape (n_samples,)
        Centred target.
    w : ndarray of shape (n_features,)
        The coefficients to check.
    alpha : float
        Regularisation strength.
    l1_ratio : float
        ρ of the elastic net (1 for the lasso).
    gap : float
        The duality gap certified for ``w`` (of the 1/(2n)-scaled objective).
    positive : bool, default=False
        Whether the coefficients were constrained to be non-negative.

    Returns
    -------
    list of int
        The violating coordinates (empty when optimal).
    """
    n = X.shape[0]
    g = X.T @ (y - X @ w) / n - alpha * (1 - l1_ratio) * w
    L = (X ** 2).sum(0) / n + alpha * (1 - l1_ratio)
    bound = np.sqrt(2 * L * max(gap, 0.0)) * (1 + 1e-6) + 1e-9 * (1 + np.abs(g).max())
    l1 = alpha * l1_ratio
    bad = []
    for j in range(X.shape[1]):
        if w[j] == 0:
            v = max(g[j] - l1, 0.0) if positive else max(abs(g[j]) - l1, 0.0)
            if v > bound[j]:
                bad.append(j)
        else:
            v = abs(g[j] - l1 * np.sign(w[j]))
            if (positive and w[j] < 0) or (v > bound[j] and abs(w[j]) >= v / L[j]):
                bad.append(j)
    return bad


def assert_path_certified(X, y, path, tol, fit_intercept=True, positive=False, slack=1e-14):
    """Assert that every α of a lasso ``path`` of (X, y) is certified: the reference duality gap at
    most 1.01·tol·||yc||²/n (+ ``slack`` for rounding) and the KKT conditions that gap implies
    (:func:`kkt_ok`), on the data centred as ``fit_intercept`` says; X dense or scipy.sparse.
    Returns (Xc, yc, gap_tol)."""
    from . import reference as ref
    X = X.toarray() if hasattr(X, "toarray") else X
    Xc, yc = ref.center(X, y)[:2] if fit_intercept else (X, y)
    gap_tol = tol * (yc @ yc) / len(yc)
    for k, alpha in enumerate(path.alphas):
        w = path.coefs[:, k]
        assert ref.duality_gap(Xc, yc, w, alpha, 1.0, positive) <= gap_tol * 1.01 + slack, k
        assert kkt_ok(Xc, yc, w, alpha, 1.0, gap_tol * 1.01, positive) == [], k
    return Xc, yc, gap_tol


def assert_sklearn_compatible(estimator):
    """Run scikit-learn's check_estimator and fail with the names of the checks that failed.

    Parameters
    ----------
    estimator : estimator instance
        An unfitted lassofast estimator.
    """
    from sklearn.utils.estimator_checks import check_estimator
    expected = {}
    if type(estimator).__name__.endswith("CV"):
        # Folds are assigned to rows: a row of weight 2 and the same row twice fall into different folds,
        # so CV choices differ (scikit-learn's own LassoCV fails this check too).
        expected["check_sample_weight_equivalence_on_dense_data"] = "CV folds are assigned to rows"
        expected["check_sample_weight_equivalence_on_sparse_data"] = (
            "CV folds are assigned to rows (here the α chosen is so small that the refit does not "
            "converge within the default max_iter)")
    results = check_estimator(estimator, on_fail=None, expected_failed_checks=expected)
    failed = [(r["check_name"], r["exception"]) for r in results if r["status"] == "failed"]
    # The only checks sklearn skips are its array-API ones (they need SCIPY_ARRAY_API set):
    # lassofast works on NumPy arrays and does not claim array-API support.
    skipped = {r["check_name"] for r in results if r["status"] == "skipped"}
    assert not failed, failed
    assert skipped <= {"check_array_api_input"}, skipped
    assert len(results) > 40


class Terminal(io.StringIO):
    """An in-memory stream that says it is a terminal (``isatty()`` is True), to see what a user sees."""

    def isatty(self):
        """Always True.

        Returns
        -------
        bool
            True.
        """
        return True
