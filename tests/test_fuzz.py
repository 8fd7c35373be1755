"""Fuzzing: random shapes, dtypes, layouts, scales, degenerate columns and broken inputs.

Every generated call must either raise the documented exception (its type is decided by the generator,
independently of the code under test) or return a solution as good as the solver reported — and,
when it did not warn, within ``tol``: float64 results by recomputed duality gap and KKT conditions,
float32 results by objective value against a float64 optimum.
LASSOFAST_FUZZ_EXAMPLES sets the number of examples (scripts/memcheck.sh lowers it).
"""
import os
import sys
import warnings
from typing import NamedTuple

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import lassofast
from lassofast import reference as ref
from lassofast._testing import kkt_ok

MAX_EXAMPLES = int(os.environ.get("LASSOFAST_FUZZ_EXAMPLES", "300"))
# The same examples on every run (CI must not pass or fail by chance); LASSOFAST_FUZZ_RANDOM=1 explores
# new ones, e.g. with LASSOFAST_FUZZ_EXAMPLES=5000, and a failure it finds becomes a regression test.
DERANDOMIZE = os.environ.get("LASSOFAST_FUZZ_RANDOM", "") != "1"
SCALES = [1e-8, 1e-3, 1.0, 1e3, 1e8]
# Broken inputs and the exception each entry point documents for it.
BREAKAGES = {
    "nan in X": (ValueError, ValueError), "inf in y": (ValueError, ValueError),
    "lengths differ": (ValueError, ValueError), "complex X": (TypeError, ValueError),
    "text X": (TypeError, ValueError), "negative alpha": (ValueError, ValueError),
    "l1_ratio > 1": (ValueError, ValueError), "max_iter = 0": (ValueError, ValueError),
    "positive = 'no'": (TypeError, TypeError),
}


def _columns(draw, rng, n, p):
    Z = rng.standard_normal((n, p))
    for j in range(p):
        kind = draw(st.sampled_from(["normal"] * 4 + ["zero", "duplicate", "constant"]))
        if kind == "zero":
            Z[:, j] = 0.0
        elif kind == "duplicate" and j > 0:
            Z[:, j] = Z[:, draw(st.integers(0, j - 1))]
        elif kind == "constant":
            Z[:, j] = rng.standard_normal()
    scales = np.array(draw(st.lists(st.sampled_from(SCALES), min_size=p, max_size=p)))
    return Z * scales + draw(st.sampled_from([0.0, 0.0, 3.0, -1e3]))


def _target(draw, rng, X):
    n = X.shape[0]
    kind = draw(st.sampled_from(["signal", "signal", "noise", "zero", "constant"]))
    if kind == "zero":
        return np.zeros(n)
    if kind == "constant":
        return np.full(n, rng.standard_normal() * 10)
    scale = draw(st.sampled_from([1e-6, 1.0, 1e6]))
    signal = 0.0
    if kind == "signal" and X.size:  # every column informative at its own scale
        signal = X @ (rng.standard_normal(X.shape[1]) / np.maximum(np.abs(X).max(0), 1e-300))
    return scale * (signal + rng.standard_normal(n) + rng.standard_normal())


def _layout(draw, X):
    dtype = draw(st.sampled_from(["float64", "float64", "float32", "int64", "bool", "object"]))
    if dtype == "int64":
        X = np.clip(X, -1e12, 1e12).round().astype(np.int64)
    elif dtype == "bool":
        X = X > np.median(X) if X.size else X.astype(bool)
    else:
        X = X.astype(dtype)
    layout = draw(st.sampled_from(["C", "F", "strided", "read-only"]))
    if layout == "F":
        X = np.asfortranarray(X)
    elif layout == "strided":
        big = np.zeros((X.shape[0], 2 * X.shape[1]), dtype=X.dtype)
        big[:, ::2] = X
        X = big[:, ::2]
    elif layout == "read-only":
        X = X.copy()
        X.flags.writeable = False
    return X


class Call(NamedTuple):
    n: int
    p: int
    X: object
    y: np.ndarray
    entry: str
    kw: dict
    breakage: object

    def __repr__(self):  # full precision, so that a failing example can be pasted and rerun
        with np.printoptions(precision=17, threshold=sys.maxsize):
            return (f"Call(n={self.n}, p={self.p}, X=np.{self.X!r}, y=np.{self.y!r}, "
                    f"entry={self.entry!r}, kw={self.kw!r}, breakage={self.breakage!r})")


@st.composite
def calls(draw):
    n, p = draw(st.integers(0, 25)), draw(st.integers(0, 12))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X64 = _columns(draw, rng, n, p)
    y = _target(draw, rng, X64)
    X = _layout(draw, X64)
    entry = draw(st.sampled_from(["path", "estimator"]))
    kw = dict(l1_ratio=draw(st.sampled_from([1.0, 0.5, 0.1, 0.0])), positive=draw(st.booleans()),
              fit_intercept=draw(st.booleans()), precompute=draw(st.sampled_from([True, False, "auto"])),
              frac=draw(st.sampled_from([None, 2.0, 1.0, 0.3, 0.05])))  # α as a fraction of α_max
    if kw["l1_ratio"] == 0.0 and kw["frac"] is None:
        kw["frac"] = 0.3  # the automatic grid needs l1_ratio > 0 (that error is in the catalogue)
    breakage = draw(st.sampled_from([None] * 12 + sorted(BREAKAGES))) if n and p else None
    return Call(n, p, X, y, entry, kw, breakage)


def _break(breakage, X, y, kw):
    if breakage == "nan in X":
        X = np.array(X, dtype=np.float64)
        X[0, -1] = np.nan
    elif breakage == "inf in y":
        y = y.copy()
        y[-1] = np.inf
    elif breakage == "lengths differ":
        y = np.append(y, 1.0)
    elif breakage == "complex X":
        X = np.asarray(X, dtype=np.float64) + 1j
    elif breakage == "text X":
        X = np.where(np.asarray(X, dtype=np.float64) > 0, "high", "low")
    elif breakage == "negative alpha":
        kw["alpha"] = -1.0
    elif breakage == "l1_ratio > 1":
        kw["l1_ratio"] = 1.5
    elif breakage == "max_iter = 0":
        kw["max_iter"] = 0
    elif breakage == "positive = 'no'":
        kw["positive"] = "no"
    return X, y, kw


def _centred(X64, y64, fit_intercept):
    """(Xc, yc, X_mean, y_mean) with constant columns (and a constant y) centred to exactly 0, as in
    exact arithmetic; reference.center leaves a rounding residue there that looks like signal."""
    if not fit_intercept:
        return X64, y64, np.zeros(X64.shape[1]), 0.0
    Xc, yc, X_mean, y_mean = ref.center(X64, y64)
    Xc[:, np.ptp(X64, axis=0) == 0] = 0.0
    if np.ptp(y64) == 0:
        yc[:] = 0.0
    return Xc, yc, X_mean, y_mean


def _float64_optimum(X64, y64, alphas, kw):
    """A float64 solution at every α, to judge float32 results by objective value."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lassofast.enet_path(X64, y64, l1_ratio=kw["l1_ratio"], alphas=alphas, tol=1e-13,
                                   max_iter=200_000, fit_intercept=kw["fit_intercept"],
                                   positive=kw["positive"]).coefs


def _run(entry, X, y, kw, tol):
    """Fit; return (coefs (p, K), intercepts, alphas, reported gaps, warned?)."""
    kw = dict(kw)
    alpha = kw.pop("alpha")
    common = dict(l1_ratio=kw["l1_ratio"], fit_intercept=kw["fit_intercept"], precompute=kw["precompute"],
                  positive=kw["positive"], tol=tol, max_iter=kw.get("max_iter", 50_000))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if entry == "path":
            path = lassofast.enet_path(X, y, alphas=None if alpha is None else [alpha], n_alphas=6, **common)
            out = (path.coefs, path.intercepts, path.alphas, path.dual_gaps)
        else:
            model = lassofast.ElasticNet(alpha=alpha, **common).fit(X, y)
            out = (model.coef_[:, None], np.atleast_1d(model.intercept_), np.array([alpha]),
                   np.atleast_1d(model.dual_gap_))
    warned = any(issubclass(w.category, lassofast.ConvergenceWarning) for w in caught)
    return (*out, warned)


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=DERANDOMIZE)
@given(calls())
def test_fuzzed_inputs_give_a_clean_error_or_an_optimal_solution(call):
    n, p, X, y, entry, kw, breakage = call
    kw = dict(kw)
    frac = kw.pop("frac")
    dtype = np.float32 if np.asarray(X).dtype == np.float32 else np.float64
    X64 = np.asarray(X, dtype=np.float64)
    y_model = y.astype(dtype).astype(np.float64)  # what the solver sees
    a_max = None
    if n and p:
        Xc, yc = _centred(X64, y_model, kw["fit_intercept"])[:2]
        corr = Xc.T @ yc if kw["positive"] else np.abs(Xc.T @ yc)
        a_max = max(corr.max(), 0.0) / (n * max(kw["l1_ratio"], 0.5))
    if frac is None and entry == "path":
        kw["alpha"] = None  # the automatic grid
    else:  # where α_max is 0 (nothing correlates with y) or undefined (empty X), any α > 0 will do
        kw["alpha"] = (0.3 if frac is None else frac) * a_max if a_max else 1.0
    X, y, kw = _break(breakage, X, y, kw)

    expected = None
    if n == 0 or p == 0:
        expected = ValueError
    elif breakage is not None:
        expected = BREAKAGES[breakage][entry == "estimator"]
    tol = 1e-4 if dtype == np.float32 else 1e-9
    if expected is not None:
        with pytest.raises(expected) as info:
            _run(entry, X, y, kw, tol)
        assert len(str(info.value)) > 10  # a message, not a bare exception
        return

    coefs, intercepts, alphas, gaps, warned = _run(entry, X, y, kw, tol)
    assert coefs.shape == (p, len(alphas)) and np.isfinite(coefs).all() and np.isfinite(intercepts).all()
    Xc, yc, X_mean, y_mean = _centred(X64, y_model, kw["fit_intercept"])
    gap_tol = tol * (yc @ yc) / n
    # What a float64 certificate can resolve: centring leaves yc ≠ 0 for a constant y, and the Gram
    # layout's gap (||y||² − 2wᵀq + wᵀQw) cancels digits on ill-conditioned columns.
    floor = 1e-10 * (y_model @ y_model) / n
    if dtype == np.float32:
        # A float32 vector is judged by objective value against a float64 optimum: its recomputed gap
        # or KKT residual can exceed tol from rounding alone when the columns' scales differ wildly.
        best = _float64_optimum(X64, y_model, alphas, kw)
    for k, alpha in enumerate(alphas):
        w = coefs[:, k].astype(np.float64)
        claimed = max(gap_tol, gaps[k]) if warned else gap_tol
        assert warned or gaps[k] <= gap_tol * 1.01 + floor, f"reported gap {gaps[k]:.3g} > tol without a warning"
        if kw["positive"]:
            assert (w >= 0).all()
        intercept = y_mean - X_mean @ w
        rel = 1e-5 if dtype == np.float32 else 1e-10
        assert abs(intercepts[k] - intercept) <= rel * (1 + abs(y_mean) + np.abs(X_mean) @ np.abs(w))
        if dtype == np.float32:
            p_best = ref.primal_objective(Xc, yc, best[:, k], alpha, kw["l1_ratio"])
            excess = ref.primal_objective(Xc, yc, w, alpha, kw["l1_ratio"]) - p_best
            assert excess <= 1.5 * claimed + floor, f"α={alpha:.3g}: objective {excess:.3g} above optimum"
            continue
        gap = ref.duality_gap(Xc, yc, w, alpha, kw["l1_ratio"], kw["positive"])
        # The dual point's scale λ/maxⱼ|xⱼᵀr| is only as exact as xⱼᵀr (rounding about
        # 1e-16·(|X|ᵀ|r|)ⱼ); against a tiny λ that moves the dual objective by that share of |rᵀy|
        # (seen: n=2, columns of scale 1e-9 beside 0.3, α = 1e-9·α_max: no float64 gap resolves
        # below ~1e-7 there).
        r = yc - Xc @ w
        l1 = n * alpha * kw["l1_ratio"]
        resolution = 1e-15 * (np.abs(Xc).T @ np.abs(r)).max() / l1 * abs(r @ yc) / n if l1 > 0 else 0.0
        bound = claimed * 1.01 + floor + resolution
        assert gap <= bound, f"α={alpha:.3g}: recomputed gap {gap:.3g} > {claimed:.3g}"
        assert kkt_ok(Xc, yc, w, alpha, kw["l1_ratio"], bound, kw["positive"]) == []
