"""The solvers, each asked for the same certified accuracy on the same centred data and α grid.

Target, at every α of the grid (P is the lasso objective (1/(2n))||y − Xw||² + α||w||₁)::

    duality gap  ≤  TARGET · ||y||²/(2n)  =  TARGET · P(0),    TARGET = 1e-6

How each library's own tolerance is mapped onto it:

- **lassofast** ``lasso_path(tol=5e-7)``: stops when the gap of the n-scaled objective is ≤ tol·||y||²,
  i.e. gap of P ≤ tol·||y||²/n = 2·tol·P(0).
- **scikit-learn** ``lasso_path(tol=5e-7)``: the same convention as lassofast (``tol *= y @ y`` in
  ``_cd_fast`` on the n-scaled objective).
- **celer** ``celer_path(tol=5e-7)``: celer multiplies tol by ||y||²/n and compares it with the gap
  of P, computed with the best dual point it has seen (the rescaled residual or an extrapolated one);
  the verification is given that dual point too (``return_thetas=True``).
- **skglm** ``AndersonCD``: stops when the largest distance of −∇f(w) to the subdifferential of
  α||·||₁ (a KKT violation ε, in ∇P's scale) is ≤ tol — not a gap. Rescaling the residual by
  c = α/(α+ε) gives a dual point with gap ≤ P(0)·((ε/α)² + 2ε/α) (using α||w||₁ and ||r||²/(2n)
  both ≤ P(w) ≤ P(0)), so tol = 4.99e-7·α guarantees the target. That tolerance depends on α, so the
  path is skglm's own warm-started loop over ``AndersonCD.solve`` with tol set per α.
- **LARS** ``lars_path(method="lasso")``: an exact homotopy (no tolerance; accurate up to rounding),
  evaluated at the grid α by linear interpolation between its knots — the lasso path is piecewise
  linear in α.
- **python-glmnet** ``ElasticNet(alpha=1, lambda_path=alphas, standardize=False, n_splits=0)``
  (glmnet's (1/(2n))-scaled objective with λ = α; no cross-validation; the Fortran is
  single-threaded): its ``tol`` (glmnet's ``thresh``) bounds the change of the objective per
  coordinate update relative to the null deviance — not a certificate, so there are two rows.
  ``glmnet`` runs at glmnet's default 1e-7 and is marked INACCURATE where its answers miss the target.
  ``glmnet-tight`` runs at the loosest threshold of 1e-7, 1e-8, 1e-9, ... whose answers pass the
  bench's verification on that problem and ε (seed 0): the table ``GLMNET_TIGHT_THRESH`` below
  (full size; ``GLMNET_TIGHT_THRESH_QUICK`` for ``--quick``), copied from the output of
  ``python -m lassofast.bench.glmnet_thresh`` (add ``--quick`` for the small versions), which runs
  glmnet at each threshold in turn and verifies each answer as the bench does (against the reference
  dual, :func:`.verify.reference_dual`, so what passes there passes in the bench). Per ε, because a
  threshold tight enough for the saturated end of a 1e-3 path over-solves a 1e-2 one. An (problem,
  ε) not in the table gets ``GLMNET_TIGHT_DEFAULT``, the tightest value the search needed anywhere.
  Issue 14 had found 1e-10 to verify on all its problems; against a near-exact dual, 1e-10 misses
  the target on dense (1.1×), sparse and sparse-intercept (3.3×) at ε = 1e-3. With another
  ``--seed`` the table may be off; the verification still marks glmnet-tight where it is. The
  solver is timed through python-glmnet's ``fit``, which copies X (CSC via CSR back to CSC) before
  the Fortran runs; that is part of its time, as every library's own Python layer is part of its time.
- **NumPy reference CD and FISTA** (``lassofast.reference``): tol=5e-7, the lassofast convention.

With an intercept (the ``sparse-intercept`` problem, ``Setting.fit_intercept``) each solver fits it
itself: lassofast, celer (``X_offset``), scikit-learn (``X_offset``, as its estimators do) and glmnet
centre sparse X implicitly; skglm adds the intercept as a coordinate; LARS and the NumPy references
take no intercept there (n/a).

Iteration limits are generous everywhere, so the per-run time cap, not an iteration cap, ends a slow
run. Whatever a tolerance promises, every solution is verified afterwards (:mod:`.verify`).
"""
import importlib.util
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from scipy.sparse import issparse

__all__ = [
    "TARGET", "GAP_TOL", "KKT_TOL_PER_ALPHA", "GLMNET_THRESH", "GLMNET_TIGHT_DEFAULT",
    "GLMNET_TIGHT_THRESH", "GLMNET_TIGHT_THRESH_QUICK", "MAX_SWEEPS", "PIP_NAMES", "NotApplicable",
    "Setting", "Fit", "Solver", "interpolate_path", "glmnet_tight_thresh", "glmnet_path", "SOLVERS"
]

TARGET = 1e-6
GAP_TOL = TARGET / 2          # lassofast / scikit-learn / celer / reference: gap ≤ tol·||y||²/n
KKT_TOL_PER_ALPHA = 4.99e-7   # skglm: KKT violation ≤ this·α   (see the module docstring)
GLMNET_THRESH = 1e-7          # glmnet's default
GLMNET_TIGHT_DEFAULT = 1e-11  # for a (problem, ε) not in the tables below
# problem -> {ε: the loosest threshold that verifies}, seed 0, as printed on 2026-12-02 by
# `python -m lassofast.bench.glmnet_thresh [--quick]` (full size: about 8 minutes on one core).
GLMNET_TIGHT_THRESH = {
    "dense": {0.01: 1e-10, 0.001: 1e-11}, "tall": {0.01: 1e-07, 0.001: 1e-07},
    "wide": {0.01: 1e-09, 0.001: 1e-09}, "sparse": {0.01: 1e-09, 0.001: 1e-11},
    "text": {0.01: 1e-07, 0.001: 1e-09}, "sparse-intercept": {0.01: 1e-09, 0.001: 1e-11},
    "diabetes": {0.01: 1e-07, 0.001: 1e-08}, "diabetes-poly": {0.01: 1e-09, 0.001: 1e-11},
    "demo": {0.01: 1e-07, 0.001: 1e-07}}
GLMNET_TIGHT_THRESH_QUICK = {
    "dense": {0.01: 1e-10, 0.001: 1e-10}, "tall": {0.01: 1e-07, 0.001: 1e-07},
    "wide": {0.01: 1e-09, 0.001: 1e-10}, "sparse": {0.01: 1e-08, 0.001: 1e-10},
    "text": {0.01: 1e-08, 0.001: 1e-10}, "sparse-intercept": {0.01: 1e-08, 0.001: 1e-10},
    "diabetes": {0.01: 1e-07, 0.001: 1e-08}, "diabetes-poly": {0.01: 1e-08, 0.001: 1e-09},
    "demo": {0.01: 1e-07, 0.001: 1e-07}}
MAX_SWEEPS = 100_000          # per α, for the coordinate-descent solvers


PIP_NAMES = {"sklearn": "scikit-learn", "glmnet": "python-glmnet"}   # module -> PyPI package


class NotApplicable(Exception):
    """The solver cannot take this kind of problem (e.g. sparse X); shown as "n/a"."""


class Setting(NamedTuple):
    """What a solver is told about the problem besides (X, y, α): its name, size and ε (glmnet-tight's
    threshold depends on them) and whether to fit an intercept (with one, X and y are not centred).

    Attributes
    ----------
    problem : str, default=""
        The problem's name.
    quick : bool, default=False
        Its small version.
    eps : float, default=0.0
        The path length.
    fit_intercept : bool, default=False
        Fit an intercept.
    """
    problem: str = ""
    quick: bool = False
    eps: float = 0.0
    fit_intercept: bool = False


class Fit(NamedTuple):
    """A solver's answer.

    Attributes
    ----------
    coefs : ndarray of shape (n_features, K)
        Column k solves the problem at alphas[k].
    n_iter : int, optional
        Total iterations over the path (unit: Solver.iter_unit), if known.
    dual_points : ndarray of shape (n_samples, K), optional
        Dual points u = nθ (D = (||y||² − ||y − u||²)/(2n)), if the solver gives them.
    """
    coefs: np.ndarray
    n_iter: object = None
    dual_points: object = None


@dataclass(frozen=True)
class Solver:
    """One contender.

    Attributes
    ----------
    name : str
        The name on the command line.
    label : str
        The name in the tables.
    requires : tuple of str
        Modules that must be importable.
    sparse : bool
        Whether it accepts scipy.sparse X.
    iter_unit : str
        What ``n_iter`` counts.
    fit : callable
        ``fit(X, y, alphas, setting) -> Fit``.
    warmup : bool, default=True
        Run once on two α before timing (JIT, lazy imports); not for pure NumPy.
    """
    name: str
    label: str
    requires: tuple
    sparse: bool
    iter_unit: str
    fit: object
    warmup: bool = True

    def missing(self):
        """The required modules that are not installed (empty if the solver can run).

        Returns
        -------
        list of str
            Module names.
        """
        return [m for m in self.requires if importlib.util.find_spec(m) is None]

    def install_hint(self):
        """The pip command that installs what is missing (PyPI names differ from module names).

        Returns
        -------
        str
            The command.
        """
        return "pip install " + " ".join(PIP_NAMES.get(m, m) for m in self.missing())


def _lassofast(X, y, alphas, setting):
    from .. import lasso_path
    path = lasso_path(X, y, alphas=alphas, fit_intercept=setting.fit_intercept, tol=GAP_TOL,
                      max_iter=MAX_SWEEPS)
    return Fit(path.coefs, int(path.n_iters.sum()))


def _centring(X, y, fit_intercept):
    """(X, y, extra path arguments) for the path functions of scikit-learn and celer, which take
    centred data: with an intercept, y − mean(y) and either X − mean(X) (dense) or X with its column
    means as ``X_offset``/``X_scale`` (sparse, centred implicitly — what their estimators pass)."""
    if not fit_intercept:
        return X, y, {}
    y = y - y.mean()
    X_offset = np.asarray(X.mean(axis=0)).ravel()
    if not issparse(X):
        return X - X_offset, y, {}
    return X, y, {"X_offset": X_offset, "X_scale": np.ones_like(X_offset)}


def _sklearn(X, y, alphas, setting):
    from sklearn.linear_model import lasso_path
    X, y, centring = _centring(X, y, setting.fit_intercept)
    _, coefs, _, n_iters = lasso_path(X, y, alphas=alphas, tol=GAP_TOL, max_iter=MAX_SWEEPS,
                                      copy_X=False, return_n_iter=True, **centring)
    return Fit(coefs, int(np.sum(n_iters)))


def _no_intercept(setting):
    if setting.fit_intercept:
        raise NotApplicable("fits no intercept")


def _lars(X, y, alphas, setting):
    _no_intercept(setting)
    from sklearn.linear_model import lars_path
    n, p = X.shape
    knots, _, coefs, n_iter = lars_path(X, y, method="lasso", Gram="auto", alpha_min=alphas.min(),
                                        max_iter=10 * min(n, p), return_n_iter=True)
    return Fit(interpolate_path(knots, coefs, alphas), int(n_iter))


def interpolate_path(knots, coefs, alphas):
    """Evaluate a piecewise-linear path given at decreasing ``knots`` (coefs (p, m)) at ``alphas``.

    α above the first knot gets the first knot's solution (zero at α_max); α below the last knot
    gets the last knot's solution (a LARS run stopped early is then caught by the verification).

    Parameters
    ----------
    knots : array-like of shape (m,)
        Decreasing α of the pieces' ends.
    coefs : ndarray of shape (n_features, m)
        The solution at each knot.
    alphas : array-like of shape (K,)
        Where to evaluate.

    Returns
    -------
    ndarray of shape (n_features, K)
        The coefficients.
    """
    knots = np.asarray(knots, dtype=np.float64)
    if knots.size == 1:
        return np.repeat(coefs[:, :1], len(alphas), axis=1)
    a = np.clip(alphas, knots[-1], knots[0])
    hi = np.clip(np.searchsorted(-knots, -a, side="left"), 1, knots.size - 1)
    lo = hi - 1
    width = knots[lo] - knots[hi]
    t = np.divide(knots[lo] - a, width, out=np.zeros_like(a), where=width > 0)
    return coefs[:, lo] * (1.0 - t) + coefs[:, hi] * t


def _celer(X, y, alphas, setting):
    from celer import celer_path
    X, y, centring = _centring(X, y, setting.fit_intercept)
    _, coefs, _, thetas, n_iters = celer_path(X, y, "lasso", alphas=alphas, tol=GAP_TOL, max_iter=1000,
                                              max_epochs=MAX_SWEEPS, prune=True, return_thetas=True,
                                              return_n_iter=True, **centring)
    # celer certifies with its own (possibly extrapolated) dual point θ; in our scale u = nθ
    return Fit(coefs, int(np.sum(n_iters)), X.shape[0] * thetas.T)


def _skglm(X, y, alphas, setting):
    from skglm.datafits import Quadratic
    from skglm.penalties import L1
    from skglm.solvers import AndersonCD
    solver = AndersonCD(max_iter=1000, max_epochs=MAX_SWEEPS, fit_intercept=setting.fit_intercept)
    p = X.shape[1]
    w, Xw = np.zeros(p + setting.fit_intercept), np.zeros(X.shape[0])   # the intercept is w[p]
    coefs = np.zeros((p, len(alphas)))
    n_iter = 0
    for k, alpha in enumerate(alphas):
        solver.tol = KKT_TOL_PER_ALPHA * alpha
        w, objs, _ = solver.solve(X, y, Quadratic(), L1(alpha), w, Xw)   # w, Xw updated in place
        coefs[:, k] = w[:p]
        n_iter += len(objs)
    return Fit(coefs, n_iter)


def glmnet_tight_thresh(problem, eps, quick=False):
    """glmnet-tight's threshold for a problem and ε (see the module docstring).

    Parameters
    ----------
    problem : str
        The problem's name.
    eps : float
        The path length.
    quick : bool, default=False
        Its small version.

    Returns
    -------
    float
        The threshold.
    """
    table = GLMNET_TIGHT_THRESH_QUICK if quick else GLMNET_TIGHT_THRESH
    return table.get(problem, {}).get(eps, GLMNET_TIGHT_DEFAULT)


def glmnet_path(X, y, alphas, thresh, fit_intercept=False):
    """python-glmnet's lasso path over ``alphas`` at convergence threshold ``thresh``: coefs (p, K).

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        The data.
    y : ndarray of shape (n_samples,)
        The target.
    alphas : ndarray of shape (K,)
        The grid.
    thresh : float
        glmnet's convergence threshold.
    fit_intercept : bool, default=False
        Fit an intercept.

    Returns
    -------
    ndarray of shape (n_features, K)
        The coefficients.
    """
    from glmnet import ElasticNet
    model = ElasticNet(alpha=1.0, lambda_path=alphas, standardize=False, fit_intercept=fit_intercept,
                       n_splits=0, tol=thresh, max_iter=10**7).fit(X, y)
    if model.coef_path_.shape[1] != len(alphas):
        raise RuntimeError(f"glmnet returned {model.coef_path_.shape[1]} of the {len(alphas)} α asked for.")
    return model.coef_path_


def _glmnet(tight):
    def fit(X, y, alphas, setting):
        thresh = glmnet_tight_thresh(setting.problem, setting.eps, setting.quick) if tight else GLMNET_THRESH
        return Fit(glmnet_path(X, y, alphas, thresh, setting.fit_intercept))
    return fit


def _reference(solver):
    def fit(X, y, alphas, setting):
        _no_intercept(setting)
        from .. import reference
        max_iter = MAX_SWEEPS if solver == "cd" else 10 * MAX_SWEEPS
        coefs, _, n_iters = reference.enet_path(X, y, alphas, solver=solver, tol=GAP_TOL,
                                                max_iter=max_iter)
        return Fit(coefs, int(n_iters.sum()))
    return fit


SOLVERS = {s.name: s for s in [
    Solver("lassofast", "lassofast lasso_path", (), True, "sweeps", _lassofast),
    Solver("sklearn", "scikit-learn lasso_path", ("sklearn",), True, "sweeps", _sklearn),
    Solver("lars", "scikit-learn lars_path (lasso)", ("sklearn",), False, "knots", _lars),
    Solver("celer", "celer", ("celer",), True, "working sets", _celer),
    Solver("skglm", "skglm AndersonCD", ("skglm",), True, "working sets", _skglm),
    Solver("glmnet", f"python-glmnet, default thresh {GLMNET_THRESH:g}", ("glmnet",), True, "",
           _glmnet(tight=False)),
    Solver("glmnet-tight", "python-glmnet, loosest thresh that verifies (GLMNET_TIGHT_THRESH)",
           ("glmnet",), True, "", _glmnet(tight=True)),
    Solver("numpy-cd", "NumPy reference CD", (), False, "sweeps", _reference("cd"), warmup=False),
    Solver("numpy-fista", "NumPy reference FISTA", (), False, "iterations", _reference("fista"),
           warmup=False),
]}
