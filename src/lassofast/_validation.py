"""Input checks shared by every entry point. Kernels trust what passes through here."""
import numbers

import numpy as np

_DTYPES = (np.float64, np.float32)


def check_array(X, name="X", ndim=2, dtype=None):
    """Return X as a finite float32/float64 ndarray of the given ndim, or raise a clear error.

    float32 stays float32 (unless ``dtype`` forces one); integer and boolean arrays become float64.
    """
    if hasattr(X, "tocsc") and hasattr(X, "nnz"):
        raise TypeError(
            f"{name} is a scipy.sparse matrix; this solver needs a dense array. "
            f"Pass {name}.toarray() if it fits in memory.")
    try:
        arr = np.asarray(X)
    except Exception as exc:  # e.g. ragged nested lists
        raise ValueError(f"{name} could not be read as a numeric array: {exc}") from None
    kind = arr.dtype.kind
    if kind == "c":
        raise TypeError(f"{name} has complex values; the lasso needs real numbers.")
    if kind not in "biuf":
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            raise TypeError(
                f"{name} has dtype {arr.dtype} and could not be converted to numbers; "
                f"pass a numeric array.") from None
    if dtype is None:
        dtype = arr.dtype.type if arr.dtype.type in _DTYPES else np.float64
    arr = arr.astype(dtype, copy=False)
    if arr.ndim != ndim:
        want = "a 2-D array of shape (n_samples, n_features)" if ndim == 2 else "a 1-D array"
        hint = " Reshape with X.reshape(-1, 1) for a single feature." if ndim == 2 and arr.ndim == 1 else ""
        raise ValueError(f"{name} must be {want}; got an array of shape {arr.shape}.{hint}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); at least one sample and one feature are needed.")
    if not np.isfinite(arr).all():
        raise ValueError(
            f"{name} contains NaN or infinity; remove or impute those entries before fitting.")
    return arr


def check_X_y(X, y):
    """Validate a design matrix and a 1-D target of matching length; y takes X's float dtype."""
    X = check_array(X, "X", ndim=2)
    y_arr = np.asarray(y)
    if y_arr.ndim == 2 and y_arr.shape[1] == 1:
        y_arr = y_arr[:, 0]
    y = check_array(y_arr, "y", ndim=1, dtype=X.dtype.type)
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"X has {X.shape[0]} samples but y has {y.shape[0]}; they must have the same length.")
    return X, y


def check_scalar(value, name, *, low=None, high=None, include_low=True, include_high=True, integer=False):
    """Check a finite real (or integer) parameter lies in its interval."""
    if integer:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be an integer, got {value!r}.")
        value = int(value)
    else:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number, got {value!r}.")
        value = float(value)
        if not np.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value!r}.")
    if low is not None and (value < low or (value == low and not include_low)):
        raise ValueError(f"{name} must be {'>=' if include_low else '>'} {low}, got {value!r}.")
    if high is not None and (value > high or (value == high and not include_high)):
        raise ValueError(f"{name} must be {'<=' if include_high else '<'} {high}, got {value!r}.")
    return value


def check_alphas(alphas):
    """A user α grid: finite, >= 0, 1-D, non-empty; returned sorted decreasing as float64."""
    arr = np.asarray(alphas, dtype=np.float64).reshape(-1) if np.ndim(alphas) <= 1 else None
    if arr is None:
        raise ValueError(f"alphas must be a 1-D sequence of numbers, got shape {np.shape(alphas)}.")
    if arr.size == 0:
        raise ValueError("alphas is empty; pass at least one α, or alphas=None for the automatic grid.")
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ValueError(f"every α must be finite and >= 0; got {arr[~np.isfinite(arr) | (arr < 0)][:3]}.")
    return np.sort(arr)[::-1].copy()
