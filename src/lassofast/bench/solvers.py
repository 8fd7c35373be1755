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
- **python-glmnet**: its ``tol`` (glmnet's ``thresh``) bounds the change of the objective per
  coordinate update relative to the null deviance — not a certificate; it gets a tight 1e-13.
- **NumPy reference CD and FISTA** (``lassofast.reference``): tol=5e-7, the lassofast convention.

Iteration limits are generous everywhere, so the per-run time cap, not an iteration cap, ends a slow
run. Whatever a tolerance promises, every solution is verified afterwards (:mod:`.verify`).
"""
import importlib.util
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

TARGET = 1e-6
GAP_TOL = TARGET / 2          # lassofast / scikit-learn / celer / reference: gap ≤ tol·||y||²/n
KKT_TOL_PER_ALPHA = 4.99e-7   # skglm: KKT violation ≤ this·α   (see the module docstring)
GLMNET_THRESH = 1e-13
MAX_SWEEPS = 100_000          # per α, for the coordinate-descent solvers


class NotApplicable(Exception):
    """The solver cannot take this kind of problem (e.g. sparse X); shown as "n/a"."""


class Fit(NamedTuple):
    coefs: np.ndarray              # (p, K), column k solves the problem at alphas[k]
    n_iter: object = None          # total iterations over the path (unit: Solver.iter_unit), if known
    dual_points: object = None     # (n, K) dual points u = nθ (D = (||y||² − ||y − u||²)/(2n)), if any


@dataclass(frozen=True)
class Solver:
    name: str
    label: str
    requires: tuple        # modules that must be importable
    sparse: bool           # accepts scipy.sparse X
    iter_unit: str         # what ``n_iter`` counts
    fit: object            # fit(X, y, alphas) -> Fit
    warmup: bool = True    # run once on two α before timing (JIT, lazy imports); not for pure NumPy

    def missing(self):
        """The required modules that are not installed (empty if the solver can run)."""
        return [m for m in self.requires if importlib.util.find_spec(m) is None]


def _lassofast(X, y, alphas):
    from .. import lasso_path
    path = lasso_path(X, y, alphas=alphas, fit_intercept=False, tol=GAP_TOL, max_iter=MAX_SWEEPS)
    return Fit(path.coefs, int(path.n_iters.sum()))


def _sklearn(X, y, alphas):
    from sklearn.linear_model import lasso_path
    _, coefs, _, n_iters = lasso_path(X, y, alphas=alphas, tol=GAP_TOL, max_iter=MAX_SWEEPS,
                                      copy_X=False, return_n_iter=True)
    return Fit(coefs, int(np.sum(n_iters)))


def _lars(X, y, alphas):
    from sklearn.linear_model import lars_path
    n, p = X.shape
    knots, _, coefs, n_iter = lars_path(X, y, method="lasso", Gram="auto", alpha_min=alphas.min(),
                                        max_iter=10 * min(n, p), return_n_iter=True)
    return Fit(interpolate_path(knots, coefs, alphas), int(n_iter))


def interpolate_path(knots, coefs, alphas):
    """Evaluate a piecewise-linear path given at decreasing ``knots`` (coefs (p, m)) at ``alphas``.

    α above the first knot gets the first knot's solution (zero at α_max); α below the last knot
    gets the last knot's solution (a LARS run stopped early is then caught by the verification).
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


def _celer(X, y, alphas):
    from celer import celer_path
    _, coefs, _, thetas, n_iters = celer_path(X, y, "lasso", alphas=alphas, tol=GAP_TOL, max_iter=1000,
                                              max_epochs=MAX_SWEEPS, prune=True, return_thetas=True,
                                              return_n_iter=True)
    # celer certifies with its own (possibly extrapolated) dual point θ; in our scale u = nθ
    return Fit(coefs, int(np.sum(n_iters)), X.shape[0] * thetas.T)


def _skglm(X, y, alphas):
    from skglm.datafits import Quadratic
    from skglm.penalties import L1
    from skglm.solvers import AndersonCD
    solver = AndersonCD(max_iter=1000, max_epochs=MAX_SWEEPS, fit_intercept=False)
    p = X.shape[1]
    w, Xw = np.zeros(p), np.zeros(X.shape[0])
    coefs = np.zeros((p, len(alphas)))
    n_iter = 0
    for k, alpha in enumerate(alphas):
        solver.tol = KKT_TOL_PER_ALPHA * alpha
        w, objs, _ = solver.solve(X, y, Quadratic(), L1(alpha), w, Xw)   # w, Xw updated in place
        coefs[:, k] = w
        n_iter += len(objs)
    return Fit(coefs, n_iter)


def _glmnet(X, y, alphas):
    from glmnet import ElasticNet
    model = ElasticNet(alpha=1.0, lambda_path=alphas, standardize=False, fit_intercept=False,
                       n_splits=0, tol=GLMNET_THRESH, max_iter=10**7).fit(X, y)
    if model.coef_path_.shape[1] != len(alphas):
        raise RuntimeError(f"glmnet returned {model.coef_path_.shape[1]} of the {len(alphas)} α asked for.")
    return Fit(model.coef_path_)


def _reference(solver):
    def fit(X, y, alphas):
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
    Solver("glmnet", "python-glmnet", ("glmnet",), True, "", _glmnet),
    Solver("numpy-cd", "NumPy reference CD", (), False, "sweeps", _reference("cd"), warmup=False),
    Solver("numpy-fista", "NumPy reference FISTA", (), False, "iterations", _reference("fista"),
           warmup=False),
]}
