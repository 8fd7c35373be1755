"""Verification after the clock stops: objectives and duality gaps recomputed from each solver's w.

For a solution w at α, with r = y − Xw, the residual rescaled to θ = c·r, c = min(1, nα/||Xᵀr||∞),
is dual feasible, and (all in P's scale, P(w) = ||r||²/(2n) + α||w||₁)::

    D(θ) = (c·rᵀy − ½c²||r||²)/n,         gap = P(w) − D(θ) ≥ P(w) − min P

— :func:`lassofast.reference.duality_gap` for l1_ratio=1, vectorised over the whole path and
working for scipy.sparse X too. A solver that certifies with its own dual point (celer) hands it
over and it is rescaled and evaluated the same way. Every solver's dual point gives a valid lower
bound for every other solver, and so does the **reference dual** (:func:`reference_dual`: lassofast's
path solved ``REFERENCE_TIGHTENING`` times tighter than the target, after the clock stopped, not a
row of the table). A solution is **verified** when P(w) minus the best of these dual objectives is
within the target at every α (up to ``ROUNDING_SLACK``): a proof that it is that close to the
optimum, which does not depend on which other solvers ran — a solver that gives no certificate
(glmnet, LARS) is judged by how close it really is. Its own gap and its excess over the best primal
objective any solver reached are reported alongside.

With an intercept (``fit_intercept=True``) w is judged at its best intercept b = mean(y − Xw): the
objective is that of centred y and centred X (whose residual is r − mean(r)), which is what the
solvers' intercepts converge to. Dual points are centred too (for centred u, (X − mean(X))ᵀu = Xᵀu,
and centring a dual point never lowers D), so sparse X is never densified.
"""
import warnings

import numpy as np

__all__ = ["ROUNDING_SLACK", "REFERENCE_TIGHTENING", "objectives", "reference_dual", "gap_target", "verify"]

ROUNDING_SLACK = 1.01   # a recomputed gap may differ from a solver's running one by rounding
REFERENCE_TIGHTENING = 1e-3   # the reference dual's path is solved to this fraction of the target


def objectives(X, y, alphas, coefs, dual_points=None, fit_intercept=False):
    """Primal objective P and the best dual objective D found, per α: two (K,) arrays.

    D is taken at the rescaled residual, and also at the solver's own dual points ``u`` (n, K) when it
    returns them (celer), rescaled the same way, whichever is higher. With ``fit_intercept`` both are
    those of the centred problem (see the module docstring).

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        The data.
    y : ndarray of shape (n_samples,)
        The target.
    alphas : ndarray of shape (K,)
        The grid.
    coefs : ndarray of shape (n_features, K)
        A solver's path.
    dual_points : ndarray of shape (n_samples, K), optional
        Its own dual points.
    fit_intercept : bool, default=False
        The problem has an intercept.

    Returns
    -------
    primal : ndarray of shape (K,)
        P at each α.
    dual : ndarray of shape (K,)
        The best D found at each α.
    """
    n = X.shape[0]
    R = y[:, None] - np.asarray(X @ coefs)
    if fit_intercept:
        y, R = _centred(y), _centred(R)
    rr = np.einsum("ik,ik->k", R, R)
    primal = rr / (2 * n) + alphas * np.abs(coefs).sum(axis=0)
    dual = _dual_objective(X, y, alphas, R)
    if dual_points is not None:
        U = np.asarray(dual_points)
        dual = np.maximum(dual, _dual_objective(X, y, alphas, _centred(U) if fit_intercept else U))
    return primal, dual


def _centred(a):
    """``a`` minus its mean over samples (axis 0)."""
    return a - a.mean(axis=0)


def _dual_objective(X, y, alphas, U):
    """D(c·u) = (c·uᵀy − ½c²||u||²)/n per column u of U, with c = min(1, nα/||Xᵀu||∞) for feasibility."""
    n = X.shape[0]
    corr = np.abs(np.asarray(X.T @ U)).max(axis=0)
    with np.errstate(divide="ignore"):
        c = np.where(corr > 0, np.minimum(1.0, n * alphas / corr), 1.0)
    return (c * (y @ U) - 0.5 * c * c * np.einsum("ik,ik->k", U, U)) / n


def reference_dual(X, y, alphas, target, fit_intercept=False):
    """The dual objectives (K,) of lassofast's path at gap ≤ REFERENCE_TIGHTENING·target: within that
    of the optimum wherever it converges, and a valid lower bound wherever it does not.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        The data.
    y : ndarray of shape (n_samples,)
        The target.
    alphas : ndarray of shape (K,)
        The grid.
    target : float
        The bench's gap target (relative).
    fit_intercept : bool, default=False
        The problem has an intercept.

    Returns
    -------
    ndarray of shape (K,)
        Dual objectives.
    """
    from .. import lasso_path
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # an unconverged α still gives a valid (weaker) bound
        path = lasso_path(X, y, alphas=alphas, fit_intercept=fit_intercept, max_iter=100_000,
                          tol=REFERENCE_TIGHTENING * target / 2)   # tol·||y||²/n = gap in P's scale
    return objectives(X, y, alphas, path.coefs, fit_intercept=fit_intercept)[1]


def gap_target(y, target, fit_intercept=False):
    """The required gap bound ``target·||y||²/(2n)`` = target·P(0) (y centred first with an intercept).

    Parameters
    ----------
    y : ndarray of shape (n_samples,)
        The target.
    target : float
        The relative target.
    fit_intercept : bool, default=False
        Centre y first.

    Returns
    -------
    float
        The bound.
    """
    y = _centred(y) if fit_intercept else y
    return target * float(y @ y) / (2 * len(y))


def verify(evaluated, gap_bound, reference=None):
    """Verify every solver of one (problem, ε) against the best primal and dual values of all of them
    (and the ``reference`` dual objectives (K,), if given: :func:`reference_dual`).

    ``evaluated`` maps a solver name to its (primal, dual) arrays from :func:`objectives`. Returns a
    dict name -> {"verified", "gap", "excess", "bound"}, each a worst case over α in units of
    ``gap_bound``: own duality gap, excess over the best primal, and P(w) − best dual.

    Parameters
    ----------
    evaluated : dict
        Solver name -> (primal, dual) arrays.
    gap_bound : float
        The required gap bound.
    reference : ndarray of shape (K,), optional
        Reference dual objectives.

    Returns
    -------
    dict
        Solver name -> its verification.
    """
    if not evaluated:
        return {}
    primals = np.array([p for p, _ in evaluated.values()])
    duals = np.array([d for _, d in evaluated.values()] + ([] if reference is None else [reference]))
    best_primal = np.nanmin(np.where(np.isfinite(primals), primals, np.nan), axis=0)
    best_dual = np.nanmax(np.where(np.isfinite(duals), duals, np.nan), axis=0)
    report = {}
    for name, (primal, dual) in evaluated.items():
        finite = bool(np.isfinite(primal).all() and np.isfinite(dual).all())
        gap = float(np.max(primal - dual)) / gap_bound if finite else float("inf")
        excess = float(np.max(primal - best_primal)) / gap_bound if finite else float("inf")
        bound = float(np.max(primal - best_dual)) / gap_bound if finite else float("inf")
        report[name] = {"verified": finite and bound <= ROUNDING_SLACK,
                        "gap": gap, "excess": excess, "bound": bound}
    return report
