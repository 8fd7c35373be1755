"""Coordinate-descent kernels for the elastic net (lasso is l1_ratio = 1).

Every kernel solves the n-scaled problem

    P(w) = 1/2 ||y - X w||^2 + l1_reg ||w||_1 + l2_reg/2 ||w||^2,

with l1_reg = n α ρ and l2_reg = n α (1 - ρ), i.e. n times scikit-learn's objective
(1/(2n))||y - Xw||^2 + α ρ ||w||_1 + α (1-ρ)/2 ||w||^2. The seed page's J = (1/n)||y - Xw||^2 + λ||w||_1
is 2/n times P with λ = 2α, ρ = 1.

One coordinate update is the soft-threshold (the seed's w_j = sign(z_j) max(|z_j| - λ, 0)):

    w_j <- S(x_j^T r + w_j ||x_j||^2, l1_reg) / (||x_j||^2 + l2_reg),   S(z, t) = sign(z) max(|z| - t, 0)

where r = y - Xw is the residual, kept up to date. Columns with ||x_j|| = 0 are left at w_j = 0.

Certificate: the residual scaled into the dual-feasible set, θ = c r with c = min(1, l1_reg / max_j
|x_j^T r - l2_reg w_j|), gives the duality gap (Mairal 2010; scikit-learn's _cd_fast.pyx)

    gap = 1/2 (1 + c^2) ||r||^2 + l1_reg ||w||_1 - c r^T y + l2_reg/2 (1 + c^2) ||w||^2  >=  P(w) - P(w*),

and optimisation stops when gap <= tol * ||y||^2 -- the meaning scikit-learn gives to ``tol``.
The gap is only computed when the largest coordinate change of a sweep is small relative to the
largest weight (or at the last sweep), because it costs a full X^T r product.

Every kernel sweeps only the coordinates listed in ``cols`` (in that order); the gap it reports is the
gap of that sub-problem (the other coordinates held fixed, normally at zero). A screening or
working-set layer drives the kernel through ``cols``; with ``cols = arange(p)`` it is the full problem.

All inputs are validated in Python (lassofast._validation) before a kernel runs: the kernels do no
bounds checks and assume contiguous arrays of matching shapes.

References: Friedman, Hastie, Tibshirani (2010) "Regularization paths for generalized linear models via
coordinate descent", JSS 33(1); scikit-learn's sklearn/linear_model/_cd_fast.pyx (same objective,
same gap and tol convention).
"""
from cython cimport floating
from libc.math cimport fabs, sqrt

from scipy.linalg.cython_blas cimport ddot, daxpy, sdot, saxpy

import numpy as np


cdef inline floating _dot(int n, const floating* x, const floating* y) noexcept nogil:
    cdef int inc = 1
    if floating is float:
        return sdot(&n, <float*> x, &inc, <float*> y, &inc)
    else:
        return ddot(&n, <double*> x, &inc, <double*> y, &inc)


cdef inline double _dot_acc(int n, const floating* x, const floating* y) noexcept nogil:
    """x·y accumulated in double: the gap certifies float32 solutions too, so its sums must not
    lose the digits that decide convergence."""
    cdef int i
    cdef double s = 0.0
    if floating is double:
        return _dot(n, x, y)
    for i in range(n):
        s += <double> x[i] * y[i]
    return s


cdef inline void _axpy(int n, floating a, const floating* x, floating* y) noexcept nogil:
    """y += a * x"""
    cdef int inc = 1
    if floating is float:
        saxpy(&n, &a, <float*> x, &inc, y, &inc)
    else:
        daxpy(&n, &a, <double*> x, &inc, y, &inc)


cdef inline floating _soft_threshold(floating z, floating t) noexcept nogil:
    """S(z, t) = sign(z) max(|z| - t, 0); t >= 0."""
    if z > t:
        return z - t
    if z < -t:
        return z + t
    return 0


cdef inline floating _update(floating z, floating l1_reg, floating denom, bint positive) noexcept nogil:
    """Minimiser over w_j of 1/2 denom w_j^2 - z w_j + l1_reg |w_j| (+ w_j >= 0 if positive)."""
    if positive and z <= 0:
        return 0
    return _soft_threshold(z, l1_reg) / denom


def soft_threshold(floating[::1] z, double t):
    """Apply S(z, t) elementwise, in place, with the kernel's own operator."""
    cdef Py_ssize_t i
    cdef floating tt = <floating> t
    with nogil:
        for i in range(z.shape[0]):
            z[i] = _soft_threshold(z[i], tt)


cdef double _gap_from_parts(double l1_reg, double l2_reg, double dual_norm, double grad_norm2,
                            double r_norm2, double r_dot_y, double w_norm2, double w_l1) noexcept nogil:
    """Duality gap of the n-scaled problem from its scalar ingredients.

    dual_norm = max_j |x_j^T r - l2_reg w_j| (or max_j of the signed value when positive=True).
    The dual point θ = c r with c = min(1, l1_reg / dual_norm) is feasible, and
    gap = 1/2 ||r||^2 (1 + c^2) + l1_reg ||w||_1 - c r^T y + l2_reg/2 (1 + c^2) ||w||^2.
    Pure ridge (l1_reg = 0) makes that dual point 0 and the gap useless; there the objective is
    l2_reg-strongly convex, so P(w) - P* <= ||grad P(w)||^2 / (2 l2_reg) with
    grad_norm2 = sum_j (x_j^T r - l2_reg w_j)^2 certifies instead.
    """
    cdef double c = 1.0
    if l1_reg == 0.0 and l2_reg > 0.0:
        return grad_norm2 / (2.0 * l2_reg)
    if dual_norm > l1_reg:
        c = l1_reg / dual_norm
    return (0.5 * r_norm2 * (1.0 + c * c) + l1_reg * w_l1 - c * r_dot_y
            + 0.5 * l2_reg * (1.0 + c * c) * w_norm2)


cdef double _gap_dense(const floating[::1] w, double l1_reg, double l2_reg,
                       const floating[::1, :] X, const floating[::1] y, const floating[::1] R,
                       const int[::1] cols, bint positive) noexcept nogil:
    cdef int n = X.shape[0]
    cdef Py_ssize_t k, j
    cdef double xta, dual_norm = 0.0, grad_norm2 = 0.0, w_norm2 = 0.0, w_l1 = 0.0
    for k in range(cols.shape[0]):
        j = cols[k]
        xta = _dot_acc(n, &X[0, j], &R[0]) - l2_reg * w[j]
        grad_norm2 += xta * xta
        if not positive:
            xta = fabs(xta)
        if xta > dual_norm:
            dual_norm = xta
        w_norm2 += <double> w[j] * w[j]
        w_l1 += fabs(w[j])
    return _gap_from_parts(l1_reg, l2_reg, dual_norm, grad_norm2, _dot_acc(n, &R[0], &R[0]),
                           _dot_acc(n, &R[0], &y[0]), w_norm2, w_l1)


cdef void _refresh_residual(const floating[::1] w, const floating[::1, :] X, const floating[::1] y,
                            floating[::1] R) noexcept nogil:
    """R = y - X w from scratch: in float32 the running residual drifts by rounding, and the gap must
    certify the true residual. O(n * nnz(w)), paid only when the gap is checked."""
    cdef int n = X.shape[0]
    cdef Py_ssize_t i, j
    for i in range(n):
        R[i] = y[i]
    for j in range(X.shape[1]):
        if w[j] != 0:
            _axpy(n, -w[j], &X[0, j], &R[0])


def enet_cd_dense(floating[::1] w, double l1_reg, double l2_reg,
                  const floating[::1, :] X, const floating[::1] y, floating[::1] R,
                  const floating[::1] norm2, const int[::1] cols,
                  int max_iter, double tol, bint positive):
    """Cyclic coordinate descent on dense, Fortran-ordered X; updates ``w`` and ``R`` in place.

    Parameters: ``w`` the warm start (p,), ``R`` = y - X w on entry (n,), ``norm2`` the squared column
    norms (p,), ``cols`` the coordinates to sweep, ``l1_reg``/``l2_reg`` the n-scaled penalties,
    ``tol`` scikit-learn's tol (stop when gap <= tol ||y||^2; also the relative step threshold).

    Returns ``(gap, n_iter)``: the duality gap of the n-scaled (sub-)problem at the returned ``w``, and
    the number of sweeps done (== max_iter when not converged).
    """
    cdef int n = X.shape[0]
    cdef Py_ssize_t k, j
    cdef int n_iter = 0
    cdef floating w_j, w_new, z
    cdef floating l1 = <floating> l1_reg, l2 = <floating> l2_reg
    cdef double w_max, d_w_max, gap = 0.0
    cdef double gap_tol = tol * _dot_acc(n, &y[0], &y[0])
    with nogil:
        while n_iter < max_iter:
            n_iter += 1
            w_max = 0.0
            d_w_max = 0.0
            for k in range(cols.shape[0]):
                j = cols[k]
                if norm2[j] == 0:
                    w[j] = 0  # the column does not move R: only the penalty sees w_j
                    continue
                w_j = w[j]
                z = _dot(n, &X[0, j], &R[0]) + w_j * norm2[j]
                w_new = _update(z, l1, norm2[j] + l2, positive)
                if w_new != w_j:
                    _axpy(n, w_j - w_new, &X[0, j], &R[0])
                    w[j] = w_new
                    d_w_max = max(d_w_max, fabs(w_new - w_j))
                w_max = max(w_max, fabs(w_new))
            if w_max == 0.0 or d_w_max / w_max <= tol or n_iter == max_iter:
                if floating is float:
                    _refresh_residual(w, X, y, R)
                gap = _gap_dense(w, l1_reg, l2_reg, X, y, R, cols, positive)
                if gap <= gap_tol:
                    break
    return gap, n_iter


cdef double _gap_gram(const floating[::1] w, double l1_reg, double l2_reg,
                      const floating[::1] q, double y_norm2, const floating[::1] H,
                      const int[::1] cols, bint positive) noexcept nogil:
    cdef Py_ssize_t k, j
    cdef double xta, dual_norm = 0.0, grad_norm2 = 0.0, w_norm2 = 0.0, w_l1 = 0.0, wq = 0.0, wh = 0.0
    for k in range(cols.shape[0]):
        j = cols[k]
        xta = q[j] - H[j] - l2_reg * w[j]  # x_j^T r - l2_reg w_j, since X^T r = q - Q w
        grad_norm2 += xta * xta
        if not positive:
            xta = fabs(xta)
        if xta > dual_norm:
            dual_norm = xta
        w_norm2 += w[j] * w[j]
        w_l1 += fabs(w[j])
        wq += w[j] * q[j]
        wh += w[j] * H[j]
    # ||r||^2 = ||y||^2 - 2 w^T q + w^T Q w and r^T y = ||y||^2 - w^T q; clamp the rounding below 0.
    return _gap_from_parts(l1_reg, l2_reg, dual_norm, grad_norm2, max(y_norm2 - 2.0 * wq + wh, 0.0),
                           y_norm2 - wq, w_norm2, w_l1)


cdef void _refresh_qw(const floating[::1] w, const floating[::1, :] Q, floating[::1] H) noexcept nogil:
    """H = Q w from scratch (float32 drift; see _refresh_residual). O(p * nnz(w))."""
    cdef int p = Q.shape[0]
    cdef Py_ssize_t i, j
    for i in range(p):
        H[i] = 0
    for j in range(p):
        if w[j] != 0:
            _axpy(p, w[j], &Q[0, j], &H[0])


def enet_cd_gram(floating[::1] w, double l1_reg, double l2_reg,
                 const floating[::1, :] Q, const floating[::1] q, double y_norm2,
                 floating[::1] H, const int[::1] cols, int max_iter, double tol, bint positive):
    """Cyclic coordinate descent on the Gram matrix Q = X^T X, q = X^T y (covariance updates).

    ``H`` = Q w on entry (p,) and is kept up to date; each sweep costs O(p) per changed coordinate
    instead of O(n), which pays when n >> p. Same returns and stopping rule as :func:`enet_cd_dense`.
    """
    cdef int p = Q.shape[0]
    cdef Py_ssize_t k, j
    cdef int n_iter = 0
    cdef floating w_j, w_new, z
    cdef floating l1 = <floating> l1_reg, l2 = <floating> l2_reg
    cdef double w_max, d_w_max, gap = 0.0
    cdef double gap_tol = tol * y_norm2
    with nogil:
        while n_iter < max_iter:
            n_iter += 1
            w_max = 0.0
            d_w_max = 0.0
            for k in range(cols.shape[0]):
                j = cols[k]
                if Q[j, j] == 0:
                    w[j] = 0
                    continue
                w_j = w[j]
                z = q[j] - H[j] + w_j * Q[j, j]
                w_new = _update(z, l1, Q[j, j] + l2, positive)
                if w_new != w_j:
                    _axpy(p, w_new - w_j, &Q[0, j], &H[0])
                    w[j] = w_new
                    d_w_max = max(d_w_max, fabs(w_new - w_j))
                w_max = max(w_max, fabs(w_new))
            if w_max == 0.0 or d_w_max / w_max <= tol or n_iter == max_iter:
                if floating is float:
                    _refresh_qw(w, Q, H)
                gap = _gap_gram(w, l1_reg, l2_reg, q, y_norm2, H, cols, positive)
                if gap <= gap_tol:
                    break
    return gap, n_iter
