"""Input checks shared by every entry point. Kernels trust what passes through here.

Convention: TypeError for the wrong kind of thing (masked, complex, text, a non-number where a number
belongs, a sparse matrix where only dense is taken), ValueError for the right kind with a wrong value
(NaN, shape, range, scale). Every
message names the argument, says what was found and what to do. Arrays are converted only when they
must be (integer, boolean, object → float64); float32/float64 arrays of any memory order, contiguous or
not, writable or not, pass through without a copy.
"""
import math
import numbers

import numpy as np

from ._cd import value_range

__all__ = [
    "check_container", "check_array", "check_X_y", "check_scalar", "check_bool", "check_precompute",
    "check_alphas", "check_coef_init", "check_path_params", "check_sample_weight",
    "check_penalty_factor", "check_values", "check_values_by_norms",
]

_FLOATS = (np.float64, np.float32)
_FINFO = {t: np.finfo(t) for t in _FLOATS}
_C_INT_MAX = int(np.iinfo(np.intc).max)  # kernels take max_iter as a C int
# Sums of n squares (column norms, Gram entries, ||y||², the duality gap) must stay finite with room
# for the gap's handful of extra terms; the square of the largest entry must stay a normal number.
_OVERFLOW_MARGIN = 1e6
_UNDERFLOW_MARGIN = 32.0
# Per dtype: eps, n·(largest entry allowed)², (smallest largest entry allowed)² (see _check_finite_and_scale)
_NORM_LIMITS = {t: (float(i.eps), float(i.max) / _OVERFLOW_MARGIN, float(i.tiny) * _UNDERFLOW_MARGIN ** 2)
                for t, i in _FINFO.items()}


def _is_sparse(X):
    return hasattr(X, "tocsc") and hasattr(X, "nnz")  # scipy.sparse matrix or array, any format


def check_container(X, name="X", accept_sparse=False):
    """Refuse containers whose conversion to a dense array would be wrong or wasteful, before any copy."""
    if _is_sparse(X) and not accept_sparse:
        fmt = getattr(X, "format", "sparse")
        raise TypeError(
            f"{name} is a scipy.sparse {fmt.upper()} matrix; this entry point needs a dense array. "
            f"Pass {name}.toarray() if it fits in memory.")
    if isinstance(X, np.ma.MaskedArray):
        raise TypeError(
            f"{name} is a numpy masked array; the solver would silently use the masked values. "
            f"Drop or fill the masked entries first, e.g. {name}.filled(fill_value).")


def _read(X, name):
    """np.asarray(X), with a clear error for input that is not a rectangular array (ragged lists)."""
    try:
        return np.asarray(X)
    except Exception as exc:  # numpy's own message says what was ragged
        raise ValueError(f"{name} could not be read as a rectangular numeric array ({exc}).") from None


def _as_real(arr, name):
    """arr as an array of real numbers (bool/int/float kinds); object arrays of numbers are converted."""
    kind = arr.dtype.kind
    if kind in "biuf":
        return arr
    if kind == "c":
        raise TypeError(f"{name} has complex values; the lasso needs real numbers. "
                        f"Pass {name}.real if the imaginary parts are zero.")
    if kind in "US":
        raise TypeError(f"{name} holds text (dtype {arr.dtype}); convert it to numbers first, "
                        f"e.g. {name}.astype(float) for numeric text, or encode categories.")
    if kind == "O":
        try:
            return arr.astype(np.float64)
        except (TypeError, ValueError):
            bad = next((v for v in arr.flat if not isinstance(v, numbers.Real)), None)
            raise TypeError(
                f"{name} has dtype object with a non-numeric entry {bad!r} ({type(bad).__name__}); "
                f"pass an array of real numbers (encode categories, fill missing values).") from None
    raise TypeError(f"{name} has dtype {arr.dtype}, which is not numeric; pass an array of real numbers.")


def _as_float(arr):
    """float32/float64 arrays unchanged (no copy); every other real dtype as float64."""
    return arr if arr.dtype.type in _FLOATS else arr.astype(np.float64)


def _check_finite_and_scale(arr, name, dtype=None, n_rows=None):
    """NaN/inf, and overflow/underflow of sums of squares in ``dtype`` (default arr's), from the min and
    max alone: no temporary array the size of ``arr``."""
    lo, hi = value_range(arr)[:2] if arr.ndim == 1 else (float(arr.min()), float(arr.max()))
    if not (math.isfinite(lo) and math.isfinite(hi)):
        bad = ~np.isfinite(arr)  # only on failure: locate the first offender for the message
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} contains NaN or infinity ({int(bad.sum())} of {arr.size} entries, the first at index "
            f"{first[0] if len(first) == 1 else first}); remove or impute them before fitting, "
            f"e.g. with sklearn.impute.SimpleImputer.")
    amax = max(-lo, hi)
    n_rows = arr.shape[0] if n_rows is None else n_rows
    dtype = np.dtype(arr.dtype if dtype is None else dtype)
    if amax == 0 or _far_inside_limits(amax * amax, amax * amax, n_rows, dtype.type):
        return  # (the usual case, on every path call: no exact bounds needed)
    info = _FINFO[dtype.type]
    high = math.sqrt(float(info.max) / (_OVERFLOW_MARGIN * n_rows))
    low = math.sqrt(float(info.tiny)) * _UNDERFLOW_MARGIN
    hint = " or pass float64 data" if dtype == np.float32 else ""
    if amax > high:
        raise ValueError(
            f"{name} has entries as large as {amax:.3g}: sums of squares over {n_rows} samples would "
            f"overflow {dtype}. Rescale {name} (divide it by a constant, or use "
            f"sklearn.preprocessing.StandardScaler){hint}.")
    if 0 < amax < low:
        raise ValueError(
            f"every entry of {name} is below {low:.3g} in magnitude (largest {amax:.3g}): its squares "
            f"underflow {dtype}. Rescale {name} (multiply it by a constant){hint}.")


def _far_inside_limits(low_sq, high_sq, n_rows, dtype_type):
    """Whether an X with low_sq ≤ amax² ≤ high_sq is a factor 2 inside both of
    :func:`_check_finite_and_scale`'s limits (n·amax² overflowing, amax² underflowing), so that no
    rounding of these bounds can change its verdict."""
    _, high2, low2 = _NORM_LIMITS[dtype_type]
    return 2 * low2 <= low_sq and high_sq * n_rows <= 0.5 * high2


def check_values(X, name="X"):
    """A dense float X's values (NaN/inf, scale) by a pass over X, for a caller of
    ``check_array(check_values=False)`` that has no column norms to hand."""
    _check_finite_and_scale(X, name)


def check_values_by_norms(X, sumsq, name="X"):
    """:func:`_check_finite_and_scale`'s verdict on a dense float X from its columns' sums of squares
    ``sumsq`` (which a path computes anyway: O(p) instead of a pass over X). A NaN or infinity in X makes
    its column's sum NaN or inf; otherwise the largest sum bounds the largest entry from both sides
    (amax² ≤ max sumsq ≤ n·amax², up to a rounding of at most n·u). Only where the sums cannot decide
    (non-finite, or within a factor 2 of either limit) is X itself read, by the exact check."""
    n = X.shape[0]
    eps = _NORM_LIMITS[X.dtype.type][0]
    smax = float(sumsq.max())
    # (n·eps bounds the relative rounding of a sum of n non-negative terms, twice over)
    if not (n * eps < 0.25 and _far_inside_limits(smax / n, smax, n, X.dtype.type)):
        _check_finite_and_scale(X, name)


def check_array(X, name="X", ndim=2, dtype=None, accept_sparse=False, check_values=True):
    """Return X as a finite float32/float64 ndarray of the given ndim, or raise a clear error.

    float32 stays float32 (unless ``dtype`` forces one); bool, integer, float16, longdouble and
    object arrays of numbers become float64. float arrays are not copied, whatever their order.
    With ``accept_sparse``, a scipy.sparse X is returned as a checked CSC matrix (see
    :func:`_check_sparse`). ``check_values=False`` leaves a dense X's values (NaN/inf, scale) to the
    caller, who must then call :func:`check_values_by_norms` or :func:`check_values` before
    the values are used.
    """
    check_container(X, name, accept_sparse)
    if _is_sparse(X):
        return _check_sparse(X, name, dtype)
    arr = _as_real(_read(X, name), name)
    if arr.ndim != ndim:
        if ndim == 2:
            hint = (f" For a single feature use {name}.reshape(-1, 1); for a single sample "
                    f"{name}.reshape(1, -1).") if arr.ndim == 1 else ""
            raise ValueError(f"{name} must be a 2-D array of shape (n_samples, n_features); "
                             f"got shape {arr.shape}.{hint}")
        raise ValueError(f"{name} must be a 1-D array; got shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); at least one sample and one feature "
                         f"are needed.")
    if dtype is None:
        dtype = arr.dtype.type if arr.dtype.type in _FLOATS else np.float64
    arr = _as_float(arr)
    if check_values or arr.dtype != dtype:
        _check_finite_and_scale(arr, name, dtype)  # before a cast to float32, so overflow is not reported as inf
    return arr.astype(dtype, copy=False)


def _check_sparse(X, name, dtype=None):
    """A scipy.sparse matrix as the kernel reads it: CSC, float32/float64, canonical (sorted indices,
    no duplicates), 32-bit indexable, finite. CSC input of a float dtype is not copied; other formats
    are converted (one copy); the caller's matrix is never modified."""
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D (n_samples, n_features); got shape {X.shape}.")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} is empty (shape {X.shape}); at least one sample and one feature "
                         f"are needed.")
    _as_real(np.empty(0, dtype=X.dtype), name)  # complex / non-numeric dtypes: the same errors as dense
    if dtype is None:
        dtype = X.dtype.type if X.dtype.type in _FLOATS else np.float64
    if max(X.shape[0], X.nnz) > _C_INT_MAX:
        raise ValueError(f"{name} has {X.nnz} stored entries over {X.shape[0]} rows; the kernel indexes "
                         f"them with 32-bit integers (at most {_C_INT_MAX}). Split the problem or pass a "
                         f"dense array.")
    Xc = X.tocsc()
    if Xc.dtype != dtype:
        Xc = Xc.astype(dtype)
    if not Xc.has_canonical_format:  # sum_duplicates works in place: never on the caller's matrix
        Xc = Xc.copy() if Xc is X else Xc
        Xc.sum_duplicates()
    if Xc.nnz:  # the implicit zeros are fine; the stored values must pass the dense checks
        _check_finite_and_scale(Xc.data, f"{name}.data", dtype, n_rows=X.shape[0])
    return Xc


def check_X_y(X, y, accept_sparse=False, check_values=True):
    """Validate a design matrix and a 1-D target of matching length; y takes X's float dtype.

    A y of shape (n_samples, 1) is flattened; several target columns are refused (fit one at a time).
    ``accept_sparse``, ``check_values`` (X's only; y is always checked): see :func:`check_array`.
    """
    X = check_array(X, "X", ndim=2, accept_sparse=accept_sparse, check_values=check_values)
    check_container(y, "y")
    y_arr = _as_real(_read(y, "y"), "y")
    if y_arr.ndim == 2 and y_arr.shape[1] == 1:
        y_arr = y_arr[:, 0]
    if y_arr.ndim == 2:
        raise ValueError(
            f"y has shape {y_arr.shape}: a path fits one target. Pass one column, y[:, k], or use "
            f"lassofast.ElasticNet / Lasso, which fit one model per column of a 2-D y.")
    if y_arr.ndim != 1:
        raise ValueError(f"y must be a 1-D array of n_samples={X.shape[0]} targets; got shape {y_arr.shape}.")
    if y_arr.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} samples but y has {y_arr.shape[0]}; "
                         f"they must have the same length (one target per row of X).")
    y_arr = _as_float(y_arr)
    _check_finite_and_scale(y_arr, "y", X.dtype)
    return X, y_arr.astype(X.dtype, copy=False)


def check_scalar(value, name, *, low=None, high=None, include_low=True, include_high=True, integer=False):
    """Check a finite real (or integer) parameter lies in its interval; return it as float (or int).

    Integers must also fit a C int, since the kernels take them as one.
    """
    # (A plain int or float, the usual input, skips the numbers ABCs: they cost µs on every path.)
    if integer:
        if type(value) is not int:
            if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
                raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__}).")
            value = int(value)
        if value > _C_INT_MAX:
            raise ValueError(f"{name} must be at most {_C_INT_MAX} (a C int), got {value}.")
    else:
        if type(value) is not float:
            if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
                raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__}).")
            value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value!r}.")
    if low is not None and (value < low or (value == low and not include_low)):
        raise ValueError(f"{name} must be {'>=' if include_low else '>'} {low}, got {value!r}.")
    if high is not None and (value > high or (value == high and not include_high)):
        raise ValueError(f"{name} must be {'<=' if include_high else '<'} {high}, got {value!r}.")
    return value


def check_bool(value, name):
    """A flag must be a real bool: a string such as "no" would otherwise count as True."""
    if value is True or value is False:
        return value
    if not isinstance(value, np.bool_):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__}).")
    return bool(value)


def check_precompute(precompute):
    """precompute is True, False or "auto" (a user-supplied Gram matrix is not supported)."""
    if isinstance(precompute, str) and precompute == "auto":
        return precompute
    if isinstance(precompute, (bool, np.bool_)):
        return bool(precompute)
    shown = f"an array of shape {np.shape(precompute)}" if np.ndim(precompute) else repr(precompute)
    raise ValueError(f"precompute must be True, False or 'auto', got {shown}.")


def check_alphas(alphas):
    """A user α grid: numbers, finite, >= 0, at most 1-D, non-empty; returned sorted decreasing (float64).

    A scalar is a one-point grid.
    """
    if type(alphas) is np.ndarray and alphas.dtype == np.float64:
        arr = alphas  # (the usual input, e.g. a path's own grid, without the container checks)
    else:
        check_container(alphas, "alphas")
        raw = _read(alphas, "alphas")
        if raw.dtype.kind == "b":
            raise TypeError("alphas must be numbers, not booleans.")
        arr = _as_real(raw, "alphas").astype(np.float64, copy=False)
    if arr.ndim > 1:
        raise ValueError(f"alphas must be a 1-D sequence of numbers, got shape {arr.shape}.")
    arr = arr.reshape(-1)
    if arr.size == 0:
        raise ValueError("alphas is empty; pass at least one α, or alphas=None for the automatic grid.")
    lo, hi, descending = value_range(arr)
    if not (lo >= 0 and hi < np.inf):  # (NaN fails too)
        bad = ~np.isfinite(arr) | (arr < 0)
        raise ValueError(f"every α in alphas must be finite and >= 0; got {arr[bad][:3]} "
                         f"(at positions {np.flatnonzero(bad)[:3].tolist()}).")
    return arr.copy() if descending else np.sort(arr)[::-1].copy()


def check_coef_init(coef_init, n_features, dtype, positive=False):
    """A warm start as a fresh, writable (n_features,) array of the data's dtype.

    The caller's array is never modified by the solver. With ``positive`` it is clipped at 0.
    """
    check_container(coef_init, "coef_init")
    arr = _as_real(_read(coef_init, "coef_init"), "coef_init")
    if arr.shape != (n_features,):
        raise ValueError(f"coef_init must have shape ({n_features},) to match X's {n_features} "
                         f"features; got {arr.shape}.")
    w = np.array(arr, dtype=dtype, order="C", copy=True)
    if not np.isfinite(w).all():
        raise ValueError("coef_init contains NaN or infinity (or values too large for "
                         f"{np.dtype(dtype)}); pass finite starting coefficients, or None.")
    if positive:
        np.maximum(w, 0, out=w)
    return w


def check_path_params(l1_ratio, eps, n_alphas, tol, max_iter):
    """The scalar parameters of a path; returns them as (float, float, int, float, int)."""
    return (check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0),
            check_scalar(eps, "eps", low=0.0, high=1.0, include_low=False, include_high=False),
            check_scalar(n_alphas, "n_alphas", low=1, integer=True),
            check_scalar(tol, "tol", low=0.0),
            check_scalar(max_iter, "max_iter", low=1, integer=True))


def _real_array(value, name, bool_hint=""):
    """``value`` as a new float64 array: a float64 ndarray copied as it is (the usual input, without
    the container checks' few µs), anything else checked as real numbers (booleans refused)."""
    if type(value) is np.ndarray and value.dtype == np.float64:
        return value.copy()
    check_container(value, name)
    raw = _read(value, name)
    if raw.dtype.kind == "b":
        raise TypeError(f"{name} must be numbers, not booleans{bool_hint}.")
    return _as_real(raw, name).astype(np.float64)


def check_sample_weight(sample_weight, n_samples):
    """Sample weights: a 1-D array of n_samples finite reals ≥ 0, not all 0 (a scalar is every row's
    weight); returned as a float64 array."""
    w = _real_array(sample_weight, "sample_weight", " (for a row mask, index X and y)")
    if w.ndim == 0:
        w = np.full(n_samples, float(w))
    if w.shape != (n_samples,):
        raise ValueError(f"sample_weight must have shape ({n_samples},), one weight per sample; got "
                         f"shape {w.shape}.")
    low, high = w.min(initial=0.0), w.max(initial=0.0)  # (one pass each; NaN propagates to both)
    if math.isfinite(low) and math.isfinite(high) and low >= 0 and high > 0:
        return w
    if not np.isfinite(w).all():
        raise ValueError(f"sample_weight contains NaN or infinity (at positions "
                         f"{np.flatnonzero(~np.isfinite(w))[:3].tolist()}).")
    if (w < 0).any():
        raise ValueError(f"sample_weight must be >= 0; got {w[w < 0][:3]} (at positions "
                         f"{np.flatnonzero(w < 0)[:3].tolist()}).")
    raise ValueError("sample_weight is zero for every sample: there is nothing to fit.")


def check_penalty_factor(penalty_factor, n_features, l1_ratio, positive):
    """Penalty factors: (n_features,) reals ≥ 0 (∞ allowed: excluded), not all 0 and not all ∞."""
    f = _real_array(penalty_factor, "penalty_factor")
    if f.shape != (n_features,):
        raise ValueError(f"penalty_factor must have shape ({n_features},), one factor per feature; got "
                         f"shape {f.shape}.")
    # Every factor finite and > 0 (the usual case, NaN fails it): two reductions, not eight checks.
    plain = f.size > 0 and 0 < f.min() and f.max() < np.inf
    if not plain:
        if np.isnan(f).any() or (f < 0).any():
            bad = np.flatnonzero(np.isnan(f) | (f < 0))
            raise ValueError(f"penalty_factor must be >= 0 (inf excludes a feature); got {f[bad][:3]} at "
                             f"positions {bad[:3].tolist()}.")
        if not np.isfinite(f).any():
            raise ValueError("penalty_factor is inf for every feature: every feature is excluded.")
        if not (np.isfinite(f) & (f > 0)).any():
            raise ValueError("penalty_factor is 0 for every feature (that is not excluded): nothing is "
                             "penalised, so every α gives the least-squares fit. Use "
                             "sklearn.linear_model.LinearRegression.")
    penalised = f if plain else f[np.isfinite(f) & (f > 0)]
    if l1_ratio < 1 and (penalised != penalised[0]).any():
        raise ValueError("penalty_factor with different non-zero finite factors is implemented for the "
                         "lasso (l1_ratio=1) only: with column scaling the elastic net's ridge part would "
                         "be scaled by f² instead of glmnet's f. For l1_ratio < 1 use factors 0, inf and "
                         "one common value.")
    if positive and not plain and (f == 0).any():
        raise ValueError("penalty_factor = 0 (unpenalised features) with positive=True is not "
                         "supported: their least-squares coefficients are not constrained.")
    return f


def _one_bound(value, name, n_features):
    """A bound as a (n_features,) float64 array: a scalar broadcast, or one value per feature."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a number or an array of numbers, not a boolean.")
    check_container(value, name)
    arr = _read(value, name)
    if arr.dtype.kind == "b":
        raise TypeError(f"{name} must be numbers, not booleans.")
    arr = _as_real(arr, name).astype(np.float64)
    if arr.ndim == 0:
        arr = np.full(n_features, float(arr))
    elif arr.shape != (n_features,):
        raise ValueError(f"{name} must be a scalar or have shape ({n_features},), one bound per feature; "
                         f"got shape {arr.shape}.")
    if np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN at positions {np.flatnonzero(np.isnan(arr))[:3].tolist()}; "
                         f"use -inf / inf for 'no bound'.")
    return arr


def check_bounds(lower_bounds, upper_bounds, n_features, positive):
    """Box bounds (lower, upper) as (n_features,) float64 arrays, or None when they bound nothing.

    glmnet's rule: lower_j <= 0 <= upper_j (w = 0 must be feasible: the path starts from w = 0 at
    α_max, and the strong rules and α_max rest on it). ``positive=True`` means lower = 0; it may be
    combined with ``upper_bounds`` and with a lower bound of 0, nothing else."""
    if lower_bounds is None and upper_bounds is None:
        return None
    lower = (np.full(n_features, -np.inf) if lower_bounds is None
             else _one_bound(lower_bounds, "lower_bounds", n_features))
    upper = (np.full(n_features, np.inf) if upper_bounds is None
             else _one_bound(upper_bounds, "upper_bounds", n_features))
    crossed = np.flatnonzero(lower > upper)
    if crossed.size:
        j = crossed[0]
        raise ValueError(f"lower_bounds > upper_bounds for {crossed.size} feature(s), the first at position "
                         f"{j} ({lower[j]:g} > {upper[j]:g}): every lower bound must be <= its upper bound.")
    for name, arr, bad in (("lower_bounds", lower, lower > 0), ("upper_bounds", upper, upper < 0)):
        if bad.any():
            j = np.flatnonzero(bad)[0]
            side = "<= 0" if name == "lower_bounds" else ">= 0"
            raise ValueError(
                f"{name} must be {side} (the box must contain 0, as glmnet requires: the path starts from "
                f"w = 0); got {arr[j]:g} at position {j}. To force a sign use lower_bounds=0 (or "
                f"positive=True) or upper_bounds=0; to shift a coefficient, shift the data instead.")
    if positive:
        if lower_bounds is not None and (lower < 0).any():
            raise ValueError("positive=True means lower_bounds=0, but lower_bounds has negative entries: "
                             "pass one or the other (positive=False with your lower_bounds, or "
                             "positive=True alone).")
        lower = np.zeros(n_features)
        if np.isposinf(upper).all():
            return None  # positive=True alone: its own (accelerated) solver
    if np.isneginf(lower).all() and np.isposinf(upper).all():
        return None  # nothing bounded: the unconstrained (full-speed) solver
    return lower, upper
