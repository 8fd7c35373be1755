# The kernels' data layouts and the running state S each keeps; every solver routine takes the same
# argument group ``A, b, S, Xp, Xi, Xv, Xm``:
#   DENSE:  A = X (n, p) Fortran order, b = y, S = R = y - Xw.
#   GRAM:   A = Q = X^T X (p, p), b = q = X^T y, S = H = Qw.
#   SPARSE: X in CSC form (Xp indptr, Xi row indices, Xv values) with column means Xm, centred
#           implicitly: the model sees X - 1 Xm^T. S = [R_u, c] (length n + 1) with R_u = y - Xw
#           (uncentred product) and c = Xm^T w, so the true residual is R = R_u + c and every update
#           touches only the non-zeros of a column. b = y (centred). Since sum(R) = 0,
#           (x_j - Xm_j)^T R = x_j^T R_u + c n Xm_j. ||R||^2 is summed from R_u + c itself: the
#           identity ||R_u||^2 - n c^2 cancels to rounding where the model nearly interpolates.
#           Weighted rows (X and y scaled by v = √w, weights summing to n): the centring direction
#           is v instead of 1 (R = R_u + c v) and follows y in b = [y, v] (length 2n); vᵀv = n and
#           vᵀx_j = n Xm_j keep every identity above.
# Unused arguments of a layout are 1-element placeholders. All inline: the hot loops call these.
from cython cimport floating
from libc.math cimport fabs
from libc.string cimport memcpy

from ._blas cimport _axpy, _dot, _dot_acc, _gemv


cdef enum:
    DENSE = 0
    GRAM = 1
    SPARSE = 2
    # The work of one non-zero of a sparse column in a CD update (a gather, or a scatter to the
    # residual) in units of a dense BLAS-1 flop, for weighing sweeps against the Newton step's
    # BLAS-2/3 work: indexed access costs several times a contiguous one.
    SPARSE_NNZ_WORK = 8


cdef inline double _corr(int layout, Py_ssize_t j, const floating[::1, :] A, const floating[::1] b,
                         const floating[::1] S, const int[::1] Xp, const int[::1] Xi,
                         const floating[::1] Xv, const floating[::1] Xm) noexcept nogil:
    """x_j^T r for the (centred) column j and the true residual r."""
    cdef int n
    if layout == GRAM:
        return <double> b[j] - S[j]
    if layout == DENSE:
        return _dot_acc(A.shape[0], &A[0, j], &S[0])
    n = S.shape[0] - 1
    return _sparse_dot(&Xi[0], &Xv[0], &S[0], Xp[j], Xp[j + 1]) + <double> S[n] * n * Xm[j]


cdef inline double _sparse_dot(const int* Xi, const floating* Xv, const floating* x, int start,
                               int end) noexcept nogil:
    """sum of Xv[t] x[Xi[t]] over start <= t < end, in double. Four partial sums: one sum's chain of
    dependent adds, four cycles each, was what a short sparse column's product waited on."""
    cdef int t = start
    cdef double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    while t + 3 < end:
        s0 += <double> Xv[t] * x[Xi[t]]
        s1 += <double> Xv[t + 1] * x[Xi[t + 1]]
        s2 += <double> Xv[t + 2] * x[Xi[t + 2]]
        s3 += <double> Xv[t + 3] * x[Xi[t + 3]]
        t += 4
    while t < end:
        s0 += <double> Xv[t] * x[Xi[t]]
        t += 1
    return (s0 + s1) + (s2 + s3)


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


cdef inline void _residual_stats(int layout, const floating[::1] w, const int[::1] cols,
                                 const floating[::1] b, const floating[::1] S, double y_norm2,
                                 double* r_norm2, double* r_dot_y) noexcept nogil:
    """||r||^2 and r^T y for the true residual r (w zero outside ``cols``)."""
    cdef Py_ssize_t j, k
    cdef int n
    cdef double wq = 0.0, wh = 0.0
    if layout == GRAM:  # ||r||^2 = ||y||^2 - 2 w^T q + w^T Q w, r^T y = ||y||^2 - w^T q
        for k in range(cols.shape[0]):
            j = cols[k]
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
        r_norm2[0] = _shifted_norm2(n, &S[0], S[n], &b[n] if b.shape[0] > n else NULL)
        r_dot_y[0] = _dot_acc(n, &S[0], &b[0])


cdef inline double _shifted_norm2(Py_ssize_t n, const floating* R_u, double c,
                                  const floating* v) noexcept nogil:
    """||R_u + c v||² (v NULL: all ones), in four partial sums: one chain of dependent adds made this
    a fifth of a small sparse problem's gap."""
    cdef Py_ssize_t i
    cdef double r0, r1, r2, r3, s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    for i in range(0, n - n % 4, 4):
        if v == NULL:
            r0, r1, r2, r3 = R_u[i] + c, R_u[i + 1] + c, R_u[i + 2] + c, R_u[i + 3] + c
        else:
            r0, r1 = R_u[i] + c * v[i], R_u[i + 1] + c * v[i + 1]
            r2, r3 = R_u[i + 2] + c * v[i + 2], R_u[i + 3] + c * v[i + 3]
        s0 += r0 * r0
        s1 += r1 * r1
        s2 += r2 * r2
        s3 += r3 * r3
    for i in range(n - n % 4, n):
        r0 = R_u[i] + c if v == NULL else R_u[i] + c * v[i]
        s0 += r0 * r0
    return (s0 + s1) + (s2 + s3)


cdef inline double _ridge_term(double l2_reg, const floating[::1] w, const int[::1] cols) noexcept nogil:
    """l2_reg ||w||^2 (w zero outside ``cols``); no pass over w for the lasso."""
    cdef Py_ssize_t k
    cdef double s = 0.0
    if l2_reg == 0.0:
        return 0.0
    for k in range(cols.shape[0]):
        s += <double> w[cols[k]] * w[cols[k]]
    return l2_reg * s


cdef inline double _objective(int layout, const floating[::1] w, const int[::1] cols, double l1_reg,
                              double l2_reg, const floating[::1] b, const floating[::1] S,
                              double y_norm2) noexcept nogil:
    """The n-scaled primal P(w) from the running state (w zero outside ``cols``)."""
    cdef Py_ssize_t i, j, k, m = cols.shape[0]
    cdef double a0 = 0.0, a1 = 0.0, q0 = 0.0, q1 = 0.0, r_norm2, r_dot_y
    # No `if w[j] != 0` (zeros add exactly 0, and the branch mispredicts); ||w||_1 and ||w||^2 in two
    # partial sums each (one chain of dependent adds was the loop's time).
    for k in range(0, m - m % 2, 2):
        i, j = cols[k], cols[k + 1]
        a0 += fabs(w[i])
        a1 += fabs(w[j])
        q0 += <double> w[i] * w[i]
        q1 += <double> w[j] * w[j]
    if m % 2:
        j = cols[m - 1]
        a0 += fabs(w[j])
        q0 += <double> w[j] * w[j]
    _residual_stats(layout, w, cols, b, S, y_norm2, &r_norm2, &r_dot_y)
    return 0.5 * r_norm2 + l1_reg * (a0 + a1) + 0.5 * l2_reg * (q0 + q1)


cdef inline bint _gram_product_pays(Py_ssize_t nnz, Py_ssize_t p) noexcept nogil:
    """Gram layout: is A·x over all p columns (one BLAS-2 call) cheaper than a column operation per
    non-zero of x (a call and a pass over S each)? From a quarter of the columns on (tall ε=1e-3:
    the kernel 1.21–1.26 → 1.13–1.18 ms, benchmarks/README.md)."""
    return 4 * nnz >= p


cdef inline void _refresh(int layout, const floating[::1] w, const int[::1] cols, const floating[::1, :] A,
                          const floating[::1] b, floating[::1] S, const int[::1] Xp, const int[::1] Xi,
                          const floating[::1] Xv, const floating[::1] Xm) noexcept nogil:
    """Recompute S from scratch in O(nnz(w)) column operations (w zero outside ``cols``). In float32
    the running state drifts by rounding, and the gap must certify the true residual. The Gram
    layout, where :func:`_gram_product_pays`: S = Aw in one BLAS-2 call instead."""
    cdef Py_ssize_t i, j, k, nnz = 0
    cdef Py_ssize_t n_b = S.shape[0] - 1 if layout == SPARSE else S.shape[0]  # (sparse: S[n] = c)
    if layout == GRAM:
        for k in range(cols.shape[0]):
            nnz += w[cols[k]] != 0
        if _gram_product_pays(nnz, A.shape[1]):
            _gemv(A.shape[0], A.shape[1], &A[0, 0], &w[0], &S[0])
            return
    for i in range(S.shape[0]):
        S[i] = 0 if layout == GRAM else (b[i] if i < n_b else 0)
    for k in range(cols.shape[0]):
        j = cols[k]
        if w[j] != 0:
            _move(layout, j, w[j], A, S, Xp, Xi, Xv, Xm)


# A tentative move (an extrapolated point, a Newton point, violator passes) is kept only if it
# helps: save the coordinates it may change and the state, try, and restore if it did not.

cdef inline void _save(const floating[::1] w, const floating[::1] S, const int* idx, Py_ssize_t k,
                       floating* w_keep, floating[::1] S_keep) noexcept nogil:
    """w_keep[i] = w[idx[i]] for i < k, and S_keep = S."""
    cdef Py_ssize_t i
    memcpy(&S_keep[0], &S[0], S.shape[0] * sizeof(floating))  # (S_keep[:] = S: ~1k instructions of checks)
    for i in range(k):
        w_keep[i] = w[idx[i]]


cdef inline void _restore(floating[::1] w, floating[::1] S, const int* idx, Py_ssize_t k,
                          const floating* w_keep, const floating[::1] S_keep) noexcept nogil:
    """Undo everything since the matching :func:`_save`."""
    cdef Py_ssize_t i
    memcpy(&S[0], &S_keep[0], S.shape[0] * sizeof(floating))
    for i in range(k):
        w[idx[i]] = w_keep[i]
