"""The soft-threshold operator, vectorised over the kernel's own scalar implementation."""
import numpy as np

from . import _cd
from ._validation import check_scalar


def soft_threshold(z, t):
    """S(z, t) = sign(z) · max(|z| − t, 0), elementwise.

    This is the exact minimiser of ½(w − z)² + t|w| and the update coordinate descent applies to each
    weight (the explainer page's ``w_j = sign(z_j)·max(|z_j| − λ, 0)``, see the README). Values with
    |z| ≤ t become exactly 0.0. ``z`` may be a scalar or an array (float32 stays float32); ``t`` must be
    a finite number ≥ 0.
    NaN in z stays NaN (the kernel never sees one: its inputs are validated first).

    Parameters
    ----------
    z : float or array-like
        The values to shrink.
    t : float
        The threshold, ≥ 0.

    Returns
    -------
    float or ndarray
        S(z, t), of z's shape (float32 for float32 z, else float64).
    """
    t = check_scalar(t, "t", low=0.0)
    z_arr = np.asarray(z)
    if z_arr.dtype.kind not in "biuf":
        raise TypeError(f"soft_threshold needs real numbers, got an array of dtype {z_arr.dtype}.")
    dtype = np.float32 if z_arr.dtype == np.float32 else np.float64
    out = np.array(z_arr, dtype=dtype, order="C", copy=True).reshape(-1)
    _cd.soft_threshold(out, t)
    out[np.isnan(z_arr.reshape(-1))] = np.nan  # the kernel's comparisons would map NaN to 0
    out = out.reshape(z_arr.shape)
    return out[()] if out.ndim == 0 else out
