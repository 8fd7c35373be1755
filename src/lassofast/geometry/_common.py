"""What every part of the geometry shares: the region kinds and their penalty, the solve tolerances."""

import numpy as np

from .._validation import check_scalar


KINDS = ("l1", "l2", "enet")
_EPS = np.finfo(np.float64).eps
_KERNEL_TOL = 1e-12      # the kernel only has to find the support; the exact formulas do the rest
_KERNEL_MAX_ITER = 20000
_KKT_RTOL = 1e-9         # optimality is certified up to this fraction of max|Xᵀy|


def _check_kind(kind, l1_ratio):
    """The ρ of a region: 1 for "l1", 0 for "l2", ``l1_ratio`` for "enet"."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of 'l1', 'l2', 'enet'; got {kind!r}.")
    if kind == "enet":
        return check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    return 1.0 if kind == "l1" else 0.0


def _pen(w, kind, rho):
    if kind == "l2":
        return float(np.sqrt(w @ w))
    return float(rho * np.abs(w).sum() + 0.5 * (1.0 - rho) * (w @ w))
