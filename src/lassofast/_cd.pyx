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

Two data layouts share one solver: "dense" keeps the residual R = y - Xw (each update costs O(n)), and
"Gram" keeps H = Q w with Q = X^T X, q = X^T y (each update costs O(p): covariance updates, for n >> p).

The solver sweeps only the coordinates listed in ``cols``; the gap it reports checks dual feasibility on
those columns only, which is the true gap whenever no other feature violates |x_j^T θ| <= l1_reg.
:func:`enet_path_solve` drives it along a grid of α with warm starts, sequential strong rules
(Tibshirani et al. 2012) to pick a working set, and a full X^T r check (KKT) at every α that adds any
violating feature and repeats -- so every α is certified by the gap of the full problem.

All inputs are validated in Python (lassofast._validation) before a kernel runs: the kernels do no
bounds checks and assume contiguous arrays of matching shapes.

References: Friedman, Hastie, Tibshirani (2010) "Regularization paths for generalized linear models via
coordinate descent", JSS 33(1); scikit-learn's sklearn/linear_model/_cd_fast.pyx (same objective,
same gap and tol convention).
"""
from cython cimport floating

cdef extern from "Python.h":
    # Declared without Cython's except clause: the caller cleans up, then propagates the exception.
    int _PyErr_CheckSignals "PyErr_CheckSignals" ()
from libc.math cimport fabs, isfinite
from libc.stdlib cimport free, malloc
from libc.stdint cimport int64_t

from scipy.linalg.cython_blas cimport ddot, daxpy, sdot, saxpy


cdef inline floating _dot(int n, const floating* x, const floating* y) noexcept nogil:
    cdef int inc = 1
    if floating is float:
        return sdot(&n, <float*> x, &inc, <float*> y, &inc)
    else:
        return ddot(&n, <double*> x, &inc, <double*> y, &inc)


cdef inline double _dot_acc(int n, const floating* x, const floating* y) noexcept nogil:
    """x·y accumulated in double: the gap certifies float32 solutions too."""
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


cdef int _check_signals() noexcept with gil:
    # -1 with KeyboardInterrupt (or whatever a signal handler raised) set as the current exception.
    return _PyErr_CheckSignals()


def soft_threshold(floating[::1] z, double t):
    """Apply S(z, t) elementwise, in place, with the kernel's own operator."""
    cdef Py_ssize_t i
    cdef floating tt = <floating> t
    with nogil:
        for i in range(z.shape[0]):
            z[i] = _soft_threshold(z[i], tt)


# ---------------------------------------------------------------------------------------------------
# The certificate


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


# ---------------------------------------------------------------------------------------------------
# Data layouts. Every solver routine takes the same argument group ``A, b, S, Xp, Xi, Xv, Xm``:
#   DENSE:  A = X (n, p) Fortran order, b = y, S = R = y - Xw.
#   GRAM:   A = Q = X^T X (p, p), b = q = X^T y, S = H = Qw.
#   SPARSE: X in CSC form (Xp indptr, Xi row indices, Xv values) with column means Xm, centred
#           implicitly: the model sees X - 1 Xm^T. S = [R_u, c] (length n + 1) with R_u = y - Xw
#           (uncentred product) and c = Xm^T w, so the true residual is R = R_u + c and every update
#           touches only the non-zeros of a column. b = y (centred). Since sum(R) = 0,
#           (x_j - Xm_j)^T R = x_j^T R_u + c n Xm_j and ||R||^2 = ||R_u||^2 - n c^2.
# Unused arguments of a layout are 1-element placeholders.

cdef enum:
    DENSE = 0
    GRAM = 1
    SPARSE = 2


cdef inline double _corr(int layout, Py_ssize_t j, const floating[::1, :] A, const floating[::1] b,
                         const floating[::1] S, const int[::1] Xp, const int[::1] Xi,
                         const floating[::1] Xv, const floating[::1] Xm) noexcept nogil:
    """x_j^T r for the (centred) column j and the true residual r."""
    cdef int k, n
    cdef double s = 0.0
    if layout == GRAM:
        return <double> b[j] - S[j]
    if layout == DENSE:
        return _dot_acc(A.shape[0], &A[0, j], &S[0])
    n = S.shape[0] - 1
    for k in range(Xp[j], Xp[j + 1]):
        s += <double> Xv[k] * S[Xi[k]]
    return s + <double> S[n] * n * Xm[j]


cdef inline floating _corr_fast(int layout, Py_ssize_t j, const floating[::1, :] A, const floating[::1] b,
                                const floating[::1] S, const int[::1] Xp, const int[::1] Xi,
                                const floating[::1] Xv, const floating[::1] Xm) noexcept nogil:
    """_corr in working precision (BLAS dot for dense): the inner loop's version."""
    if layout == DENSE:
        return _dot(A.shape[0], &A[0, j], &S[0])
    return <floating> _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm)


cdef inline void _move(int layout, Py_ssize_t j, floating delta, const floating[::1, :] A,
                       floating[::1] S, const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                       const floating[::1] Xm) noexcept nogil:
    """Update the running state S for w_j += delta."""
    cdef int k, n
    if layout == DENSE:
        _axpy(A.shape[0], -delta, &A[0, j], &S[0])
    elif layout == GRAM:
        _axpy(A.shape[0], delta, &A[0, j], &S[0])
    else:
        n = S.shape[0] - 1
        for k in range(Xp[j], Xp[j + 1]):
            S[Xi[k]] -= delta * Xv[k]
        S[n] += delta * Xm[j]


cdef void _residual_stats(int layout, const floating[::1] w, const floating[::1] b,
                          const floating[::1] S, double y_norm2, double* r_norm2,
                          double* r_dot_y) noexcept nogil:
    """||r||^2 and r^T y for the true residual r."""
    cdef Py_ssize_t j
    cdef int n
    cdef double wq = 0.0, wh = 0.0
    if layout == GRAM:  # ||r||^2 = ||y||^2 - 2 w^T q + w^T Q w, r^T y = ||y||^2 - w^T q
        for j in range(w.shape[0]):
            if w[j] != 0:
                wq += <double> w[j] * b[j]
                wh += <double> w[j] * S[j]
        r_norm2[0] = max(y_norm2 - 2.0 * wq + wh, 0.0)  # clamp rounding below 0
        r_dot_y[0] = y_norm2 - wq
    elif layout == DENSE:
        r_norm2[0] = _dot_acc(S.shape[0], &S[0], &S[0])
        r_dot_y[0] = _dot_acc(S.shape[0], &S[0], &b[0])
    else:
        n = S.shape[0] - 1
        r_norm2[0] = max(_dot_acc(n, &S[0], &S[0]) - n * (<double> S[n]) * S[n], 0.0)
        r_dot_y[0] = _dot_acc(n, &S[0], &b[0])


cdef double _gap(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                 const floating[::1, :] A, const floating[::1] b, const floating[::1] S,
                 const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                 double y_norm2, const int[::1] cols, bint positive, double[::1] corr_out) noexcept nogil:
    """The gap with dual feasibility checked on ``cols``. Stores x_j^T r - l2_reg w_j in corr_out[j]
    for j in cols (the KKT scores the working-set driver reuses)."""
    cdef Py_ssize_t k, j
    cdef double xta, dual_norm = 0.0, grad_norm2 = 0.0, w_norm2 = 0.0, w_l1 = 0.0
    cdef double r_norm2, r_dot_y
    for k in range(cols.shape[0]):
        j = cols[k]
        xta = _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm) - l2_reg * w[j]
        corr_out[j] = xta
        grad_norm2 += xta * xta
        if not positive:
            xta = fabs(xta)
        if xta > dual_norm:
            dual_norm = xta
    for j in range(w.shape[0]):  # the primal sees every weight, in or out of cols
        if w[j] != 0:
            w_norm2 += <double> w[j] * w[j]
            w_l1 += fabs(w[j])
    _residual_stats(layout, w, b, S, y_norm2, &r_norm2, &r_dot_y)
    return _gap_from_parts(l1_reg, l2_reg, dual_norm, grad_norm2, r_norm2, r_dot_y, w_norm2, w_l1)


cdef void _refresh(int layout, const floating[::1] w, const floating[::1, :] A, const floating[::1] b,
                   floating[::1] S, const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                   const floating[::1] Xm) noexcept nogil:
    """Recompute S from scratch in O(nnz(w)) column operations. In float32 the running state drifts
    by rounding, and the gap must certify the true residual."""
    cdef Py_ssize_t i, j
    for i in range(S.shape[0]):
        S[i] = 0 if layout == GRAM else (b[i] if i < b.shape[0] else 0)
    for j in range(w.shape[0]):
        if w[j] != 0:
            _move(layout, j, w[j], A, S, Xp, Xi, Xv, Xm)


# ---------------------------------------------------------------------------------------------------
# Anderson acceleration (Anderson 1965; for CD: Bertrand & Massias 2021, "Anderson acceleration of
# coordinate descent"): every K sweeps, extrapolate the last K+1 iterates with the affine combination
# whose differences have the smallest norm, and keep it only if it lowers the objective.

cdef enum:
    ANDERSON_K = 5


cdef bint _anderson_point(int n_cols, const double* hist, double* out) noexcept nogil:
    """out = sum_i c_i hist[i+1], c = argmin ||sum_i c_i (hist[i+1] - hist[i])||, sum c = 1.

    ``hist`` holds K+1 iterates of length n_cols, row after row. False when the system is singular.
    """
    cdef double C[ANDERSON_K][ANDERSON_K + 1]
    cdef int i, j, r, piv, K = ANDERSON_K
    cdef Py_ssize_t t
    cdef double s, f, trace = 0.0
    for i in range(K):
        for j in range(i + 1):
            s = 0.0
            for t in range(n_cols):
                s += ((hist[(i + 1) * n_cols + t] - hist[i * n_cols + t])
                      * (hist[(j + 1) * n_cols + t] - hist[j * n_cols + t]))
            C[i][j] = s
            C[j][i] = s
        C[i][K] = 1.0  # right-hand side
        trace += C[i][i]
    if trace == 0.0:
        return False
    for i in range(K):
        C[i][i] += 1e-10 * trace  # tiny ridge: consecutive differences are nearly collinear
    for i in range(K):  # Gaussian elimination with partial pivoting on the K x (K+1) system
        piv = i
        for r in range(i + 1, K):
            if fabs(C[r][i]) > fabs(C[piv][i]):
                piv = r
        if C[piv][i] == 0.0:
            return False
        if piv != i:
            for j in range(K + 1):
                C[i][j], C[piv][j] = C[piv][j], C[i][j]
        for r in range(i + 1, K):
            f = C[r][i] / C[i][i]
            for j in range(i, K + 1):
                C[r][j] -= f * C[i][j]
    for i in range(K - 1, -1, -1):
        s = C[i][K]
        for j in range(i + 1, K):
            s -= C[i][j] * C[j][K]
        C[i][K] = s / C[i][i]
    s = 0.0
    for i in range(K):
        s += C[i][K]
    if s == 0.0 or not isfinite(s):
        return False
    for t in range(n_cols):
        out[t] = 0.0
        for i in range(K):
            out[t] += C[i][K] / s * hist[(i + 1) * n_cols + t]
    return True


cdef double _objective(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                       const floating[::1] b, const floating[::1] S, double y_norm2) noexcept nogil:
    """The n-scaled primal P(w) from the running state."""
    cdef Py_ssize_t j
    cdef double pen = 0.0, r_norm2, r_dot_y
    for j in range(w.shape[0]):
        if w[j] != 0:
            pen += l1_reg * fabs(w[j]) + 0.5 * l2_reg * w[j] * w[j]
    _residual_stats(layout, w, b, S, y_norm2, &r_norm2, &r_dot_y)
    return 0.5 * r_norm2 + pen


cdef void _try_extrapolation(int layout, floating[::1] w, double l1_reg, double l2_reg,
                             const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                             const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                             const floating[::1] Xm, double y_norm2, const int[::1] cols, bint positive,
                             const double* hist, double* w_acc, floating* w_keep,
                             floating[::1] S_keep) noexcept nogil:
    """Move (w, S) to the Anderson point if that lowers the objective; otherwise leave them as they were."""
    cdef Py_ssize_t k, j, n_cols = cols.shape[0]
    cdef double before
    if not _anderson_point(n_cols, hist, w_acc):
        return
    before = _objective(layout, w, l1_reg, l2_reg, b, S, y_norm2)
    S_keep[:] = S
    for k in range(n_cols):
        j = cols[k]
        w_keep[k] = w[j]
        if positive and w_acc[k] < 0:
            w_acc[k] = 0
        if <floating> w_acc[k] != w[j]:
            _move(layout, j, <floating> w_acc[k] - w[j], A, S, Xp, Xi, Xv, Xm)
            w[j] = <floating> w_acc[k]
    if _objective(layout, w, l1_reg, l2_reg, b, S, y_norm2) >= before:  # not better: undo
        S[:] = S_keep
        for k in range(n_cols):
            w[cols[k]] = w_keep[k]


# ---------------------------------------------------------------------------------------------------
# The solver


cdef int _solve(int layout, floating[::1] w, double l1_reg, double l2_reg,
                const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                const floating[::1] norm2, double y_norm2, const int[::1] cols,
                int max_iter, double tol, bint positive, double[::1] corr, double* gap,
                bint accelerate, floating[::1] S_keep) except -1 nogil:
    """Cyclic CD over ``cols`` until the gap (on cols) is <= tol * ||y||^2; returns the sweeps done.

    With ``accelerate``, Anderson extrapolation is tried every ANDERSON_K sweeps (``S_keep`` is scratch
    space shaped like S).
    """
    cdef Py_ssize_t k, j, n_cols = cols.shape[0]
    cdef int n_iter = 0, n_hist = 0
    cdef bint interrupted = False
    cdef floating w_j, w_new, z
    cdef floating l1 = <floating> l1_reg, l2 = <floating> l2_reg
    cdef double w_max, d_w_max
    cdef double gap_tol = tol * y_norm2
    cdef double work = 0.0, work_per_sweep = <double> n_cols * (A.shape[0] if layout != SPARSE else 16)
    cdef double* hist = NULL
    cdef double* w_acc = NULL
    cdef floating* w_keep = NULL
    accelerate = accelerate and n_cols > 1
    if accelerate:
        hist = <double*> malloc((ANDERSON_K + 1) * n_cols * sizeof(double))
        w_acc = <double*> malloc(n_cols * sizeof(double))
        w_keep = <floating*> malloc(n_cols * sizeof(floating))
        if hist == NULL or w_acc == NULL or w_keep == NULL:
            accelerate = False  # out of memory for the extras: plain CD still works
    gap[0] = 0.0
    while n_iter < max_iter:
        n_iter += 1
        w_max = 0.0
        d_w_max = 0.0
        for k in range(n_cols):
            j = cols[k]
            if norm2[j] == 0:
                w[j] = 0  # the column does not move the fit: only the penalty sees w_j
                continue
            w_j = w[j]
            z = _corr_fast(layout, j, A, b, S, Xp, Xi, Xv, Xm) + w_j * norm2[j]
            w_new = _update(z, l1, norm2[j] + l2, positive)
            if w_new != w_j:
                _move(layout, j, w_new - w_j, A, S, Xp, Xi, Xv, Xm)
                w[j] = w_new
                d_w_max = max(d_w_max, fabs(w_new - w_j))
            w_max = max(w_max, fabs(w_new))
        if w_max == 0.0 or d_w_max / w_max <= tol or n_iter == max_iter:
            if floating is float:
                _refresh(layout, w, A, b, S, Xp, Xi, Xv, Xm)
            gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, positive, corr)
            if gap[0] <= gap_tol:
                break
        if accelerate:
            for k in range(n_cols):
                hist[n_hist * n_cols + k] = w[cols[k]]
            n_hist += 1
            if n_hist == ANDERSON_K + 1:
                n_hist = 0
                _try_extrapolation(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                                   positive, hist, w_acc, w_keep, S_keep)
        work += work_per_sweep
        if work > 5e7:  # about every 50 Mflop: let Ctrl-C through within a fraction of a second
            work = 0.0
            if _check_signals() == -1:
                interrupted = True
                break
    free(hist)
    free(w_acc)
    free(w_keep)
    return -1 if interrupted else n_iter


def enet_cd(int layout, floating[::1] w, double l1_reg, double l2_reg,
            const floating[::1, :] A, const floating[::1] b, floating[::1] S,
            const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
            const floating[::1] norm2, double y_norm2, const int[::1] cols,
            int max_iter, double tol, bint positive, bint accelerate=False):
    """Plain cyclic coordinate descent at one α over ``cols``; updates ``w`` and ``S`` in place.

    ``layout`` is 0 (dense), 1 (Gram) or 2 (sparse CSC, centred implicitly); see the "Data layouts"
    comment above for what ``A, b, S, Xp, Xi, Xv, Xm`` hold in each. ``norm2`` are the squared norms
    of the centred columns, ``y_norm2`` = ||y||^2, ``l1_reg``/``l2_reg`` the n-scaled penalties, ``tol``
    scikit-learn's tol. Returns ``(gap, n_iter)``: the duality gap of the n-scaled problem (dual
    feasibility on ``cols``) and the number of sweeps (max_iter if unconverged). ``accelerate`` adds
    Anderson extrapolation; without it the iterates are those of textbook cyclic CD.
    """
    cdef double gap
    cdef int n_iter
    cdef double[::1] corr = _work_array(w.shape[0])
    cdef floating[::1] S_keep = S.copy()
    with nogil:
        n_iter = _solve(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2, cols,
                        max_iter, tol, positive, corr, &gap, accelerate, S_keep)
    return gap, n_iter


cdef double[::1] _work_array(Py_ssize_t p):
    import numpy as np
    return np.zeros(p, dtype=np.float64)


# ---------------------------------------------------------------------------------------------------
# The path driver


def enet_path_solve(int layout, floating[::1] w, const double[::1] alphas, double l1_ratio, int n_samples,
                    const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                    const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                    const floating[::1] norm2, double y_norm2, floating[:, ::1] coefs, double[::1] gaps,
                    int64_t[::1] n_iters, int max_iter, double tol, bint positive, bint screen,
                    bint accelerate):
    """Solve at every α of ``alphas`` (decreasing, > 0) in turn, warm-starting each from the last.

    Writes row k of ``coefs`` (K, p), ``gaps[k]`` (n-scaled) and ``n_iters[k]`` (CD sweeps over the
    working sets, at most ``max_iter`` per α). Layout arguments as in :func:`enet_cd`.

    With ``screen``: the working set at α_k is {j : w_j != 0} plus the features kept by the sequential
    strong rule |x_j^T r(α_{k-1}) - l2 w_j| >= 2 l1(α_k) - l1(α_{k-1}); CD solves that sub-problem, then
    one full pass computes every x_j^T r: if the full gap is <= tol ||y||^2 the α is done, otherwise the
    features violating |x_j^T r - l2 w_j| <= l1 join the working set and CD resumes.
    """
    cdef Py_ssize_t p = w.shape[0], K = alphas.shape[0]
    cdef Py_ssize_t k, j, n_ws
    cdef int used, it, added
    cdef double l1_reg, l2_reg, l1_prev = -1.0, thresh, score, gap = 0.0
    cdef double gap_tol = tol * y_norm2
    cdef double[::1] corr = _work_array(p)
    cdef int[::1] all_cols = _int_range(p)
    cdef int[::1] ws = _int_range(p)
    cdef unsigned char[::1] in_ws = _bool_array(p)
    cdef floating[::1] S_keep = S.copy()
    with nogil:
        if screen:  # scores at the warm start, as if it solved the problem at the largest score
            gap = _gap(layout, w, 0.0, 0.0, A, b, S, Xp, Xi, Xv, Xm, y_norm2, all_cols, positive, corr)
            for j in range(p):
                score = corr[j] if positive else fabs(corr[j])
                l1_prev = max(l1_prev, score)
        for k in range(K):
            l1_reg = alphas[k] * l1_ratio * n_samples
            l2_reg = alphas[k] * (1.0 - l1_ratio) * n_samples
            used = 0
            if not screen:
                used = _solve(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2,
                              all_cols, max_iter, tol, positive, corr, &gap, accelerate, S_keep)
            else:
                thresh = 2.0 * l1_reg - l1_prev
                n_ws = 0
                for j in range(p):
                    score = corr[j] if positive else fabs(corr[j])
                    in_ws[j] = w[j] != 0 or score >= thresh
                    if in_ws[j]:
                        ws[n_ws] = j
                        n_ws += 1
                while True:
                    it = _solve(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2,
                                ws[:n_ws], max_iter - used, tol, positive, corr, &gap, accelerate, S_keep)
                    used += it
                    if n_ws < p:  # the KKT check over every feature: one full pass
                        gap = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2,
                                   all_cols, positive, corr)
                    if gap <= gap_tol or used >= max_iter:
                        break
                    added = 0
                    for j in range(p):
                        score = corr[j] if positive else fabs(corr[j])
                        if not in_ws[j] and score > l1_reg:
                            in_ws[j] = 1
                            ws[n_ws] = j
                            n_ws += 1
                            added += 1
                    if added == 0:
                        break  # no violator: the sub-problem's gap is the full gap
                l1_prev = l1_reg
            for j in range(p):
                coefs[k, j] = w[j]
            gaps[k] = gap
            n_iters[k] = used


cdef int[::1] _int_range(Py_ssize_t p):
    import numpy as np
    return np.arange(p, dtype=np.intc)


cdef unsigned char[::1] _bool_array(Py_ssize_t p):
    import numpy as np
    return np.zeros(p, dtype=np.uint8)
