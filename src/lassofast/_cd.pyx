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
from libc.math cimport INFINITY, fabs, isfinite, sqrt
from libc.stdlib cimport free, malloc
from libc.stdint cimport int64_t

from scipy.linalg.cython_blas cimport (daxpy, ddot, dgemm, dgemv, dnrm2, drot, drotg, dsyrk, dtrsv, saxpy,
                                       sdot)
from scipy.linalg.cython_lapack cimport dpotrf, dpotrs, dpstrf


cdef enum:
    SMALL = 16  # below this length a plain loop beats a BLAS call (its dispatch costs ~20 flops)


cdef inline floating _dot(int n, const floating* x, const floating* y) noexcept nogil:
    cdef int inc = 1, i
    cdef floating s = 0
    if n < SMALL:
        for i in range(n):
            s += x[i] * y[i]
        return s
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
    cdef int inc = 1, i
    if n < SMALL:
        for i in range(n):
            y[i] += a * x[i]
        return
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

LAYOUT_DENSE, LAYOUT_GRAM, LAYOUT_SPARSE = DENSE, GRAM, SPARSE  # for the Python callers


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


# ---------------------------------------------------------------------------------------------------
# The certificate


cdef double _dual(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                  const floating[::1, :] A, const floating[::1] b, const floating[::1] S,
                  const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                  double y_norm2, const int[::1] cols, bint positive, double[::1] corr_out) noexcept nogil:
    """The dual objective at the residual of ``w`` scaled into the feasible set (checked on ``cols``).

    With g_j = x_j^T r - l2_reg w_j (stored in corr_out[j] for j in cols) and
    c = min(1, l1_reg / max_j |g_j|) (signed max when positive), θ = c r is dual feasible, and
    D(θ) = c r^T y - c^2/2 (||r||^2 + l2_reg ||w||^2)   (the elastic net as a lasso on [X; √l2 I]).
    Any w gives a valid bound P* >= D: the solver evaluates it at its iterates and at Anderson points.
    """
    cdef Py_ssize_t k, j
    cdef double g, dual_norm = 0.0, w_norm2 = 0.0, c = 1.0, r_norm2, r_dot_y
    for k in range(cols.shape[0]):
        j = cols[k]
        g = _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm) - l2_reg * w[j]
        corr_out[j] = g
        if not positive:
            g = fabs(g)
        if g > dual_norm:
            dual_norm = g
    for j in range(w.shape[0]):  # no `if w[j] != 0`: zeros add exactly 0, and the branch mispredicts
        w_norm2 += <double> w[j] * w[j]
    if dual_norm > l1_reg:
        c = l1_reg / dual_norm
    _residual_stats(layout, w, b, S, y_norm2, &r_norm2, &r_dot_y)
    return c * r_dot_y - 0.5 * c * c * (r_norm2 + l2_reg * w_norm2)


cdef double _objective(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                       const floating[::1] b, const floating[::1] S, double y_norm2) noexcept nogil:
    """The n-scaled primal P(w) from the running state."""
    cdef Py_ssize_t j
    cdef double pen = 0.0, r_norm2, r_dot_y
    for j in range(w.shape[0]):  # branch-free, as in _dual
        pen += l1_reg * fabs(w[j]) + 0.5 * l2_reg * w[j] * w[j]
    _residual_stats(layout, w, b, S, y_norm2, &r_norm2, &r_dot_y)
    return 0.5 * r_norm2 + pen


cdef double _gap(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                 const floating[::1, :] A, const floating[::1] b, const floating[::1] S,
                 const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                 double y_norm2, const int[::1] cols, bint positive, double[::1] corr_out) noexcept nogil:
    """P(w) - D(θ(w)): the duality gap at w, dual feasibility checked on ``cols``.

    Pure ridge (l1_reg = 0) makes θ = 0 and that gap useless; there P is l2_reg-strongly convex, so
    P(w) - P* <= ||grad P(w)||^2 / (2 l2_reg) = sum_j g_j^2 / (2 l2_reg) certifies instead.
    """
    cdef Py_ssize_t k, j
    cdef double g, grad_norm2 = 0.0
    if l1_reg == 0.0 and l2_reg > 0.0:
        for k in range(cols.shape[0]):
            j = cols[k]
            g = _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm) - l2_reg * w[j]
            corr_out[j] = g
            grad_norm2 += g * g
        return grad_norm2 / (2.0 * l2_reg)
    return (_objective(layout, w, l1_reg, l2_reg, b, S, y_norm2)
            - _dual(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, positive, corr_out))


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


cdef bint _anderson_coefs(int length, int stride, const double* hist, double* coef) noexcept nogil:
    """coef = argmin ||sum_i c_i (h_{i+1} - h_i)|| subject to sum_i c_i = 1, i < ANDERSON_K.

    ``hist`` holds K+1 vectors h_0..h_K at offsets 0, stride, 2 stride, ...; the first ``length``
    entries of each enter the norm. False when the system is singular.
    """
    cdef double C[ANDERSON_K][ANDERSON_K + 1]
    cdef int i, j, r, piv, K = ANDERSON_K
    cdef Py_ssize_t t
    cdef double s, f, trace = 0.0
    for i in range(K):
        for j in range(i + 1):
            s = 0.0
            for t in range(length):
                s += ((hist[(i + 1) * stride + t] - hist[i * stride + t])
                      * (hist[(j + 1) * stride + t] - hist[j * stride + t]))
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
    for i in range(K):
        coef[i] = C[i][K] / s
    return True


cdef void _load_combination(const double* coef, const double* whist, const double* shist,
                            const int[::1] cols, floating[::1] w, floating[::1] S) noexcept nogil:
    """w[cols] = sum_i coef_i w_{i+1}, S = sum_i coef_i S_{i+1}: S is affine in w in every layout,
    so the same combination of states is the state of the combined point."""
    cdef Py_ssize_t k, t, n_cols = cols.shape[0], m = S.shape[0]
    cdef int i
    cdef double v
    for k in range(n_cols):
        v = 0.0
        for i in range(ANDERSON_K):
            v += coef[i] * whist[(i + 1) * n_cols + k]
        w[cols[k]] = <floating> v
    for t in range(m):
        v = 0.0
        for i in range(ANDERSON_K):
            v += coef[i] * shist[(i + 1) * m + t]
        S[t] = <floating> v


cdef void _try_extrapolation(int layout, floating[::1] w, double l1_reg, double l2_reg,
                             const floating[::1] b, floating[::1] S, double y_norm2,
                             const int[::1] cols, bint positive, const double* whist,
                             const double* shist, floating* w_keep, floating[::1] S_keep) noexcept nogil:
    """Anderson step on the last K+1 sweeps (w history ``whist`` on cols, state history ``shist``):
    move to the combination with the smallest step differences if that lowers the objective."""
    cdef Py_ssize_t k, n_cols = cols.shape[0]
    cdef double coef[ANDERSON_K]
    cdef double before
    if not _anderson_coefs(n_cols, n_cols, whist, coef):
        return
    before = _objective(layout, w, l1_reg, l2_reg, b, S, y_norm2)
    S_keep[:] = S
    for k in range(n_cols):
        w_keep[k] = w[cols[k]]
    _load_combination(coef, whist, shist, cols, w, S)
    for k in range(n_cols):
        if positive and w[cols[k]] < 0:
            before = -INFINITY  # infeasible: undo below
    if _objective(layout, w, l1_reg, l2_reg, b, S, y_norm2) >= before:
        S[:] = S_keep
        for k in range(n_cols):
            w[cols[k]] = w_keep[k]


cdef struct GramCache:
    # Gram entries of the columns the Newton step has needed so far along the path (glmnet's
    # covariance idea): a column's products are computed once, with BLAS-3, when it first enters.
    int cap        # most columns held
    int size       # columns held now
    int n          # rows of X
    int* pos       # (p,) position of each column in the cache, or -1
    double* X      # (n, cap) the cached columns, Fortran order
    double* G      # (cap, cap) their Gram matrix, upper triangle, column-major


cdef GramCache* _cache_new(int n, int p) noexcept nogil:
    """A cache for up to min(p, 2n) columns within ~128 MB, or NULL."""
    cdef GramCache* c = <GramCache*> malloc(sizeof(GramCache))
    cdef int j, cap = min(p, 2 * n, 16777216 // max(n, 1), 4096)
    if c == NULL or cap < 1:
        free(c)
        return NULL
    c.cap, c.size, c.n = cap, 0, n
    c.pos = <int*> malloc(p * sizeof(int))
    c.X = <double*> malloc(<size_t> n * cap * sizeof(double))
    c.G = <double*> malloc(<size_t> cap * cap * sizeof(double))
    if c.pos == NULL or c.X == NULL or c.G == NULL:
        _cache_free(c)
        return NULL
    for j in range(p):
        c.pos[j] = -1
    return c


cdef void _cache_free(GramCache* c) noexcept nogil:
    if c != NULL:
        free(c.pos); free(c.X); free(c.G); free(c)


cdef bint _cache_gram(GramCache* c, const floating[::1, :] X, const int* act, int k,
                      double* G) noexcept nogil:
    """G (k x k, upper triangle, column-major) = X_act^T X_act from the cache, adding missing columns."""
    cdef int i, t, nb = 0, start, rows, n = c.n
    cdef int pa, pb
    cdef char tr = b'T', nt = b'N'
    cdef double one = 1.0, zero = 0.0
    if k > c.cap:
        return False
    for i in range(k):
        if c.pos[act[i]] < 0:
            nb += 1
    if c.size + nb > c.cap:  # full: start again with just these columns
        for t in range(X.shape[1]):
            c.pos[t] = -1
        c.size = 0
        nb = k
    start = c.size
    for i in range(k):
        if c.pos[act[i]] < 0:
            c.pos[act[i]] = c.size
            for t in range(n):
                c.X[<size_t> c.size * n + t] = X[t, act[i]]
            c.size += 1
    if nb > 0:  # G[0:size, start:size] = X_cache^T X_new
        rows = c.size
        dgemm(&tr, &nt, &rows, &nb, &n, &one, c.X, &n, &c.X[<size_t> start * n], &n, &zero,
              &c.G[<size_t> start * c.cap], &c.cap)
    for i in range(k):
        for t in range(i + 1):
            pa = c.pos[act[t]]
            pb = c.pos[act[i]]
            G[i * k + t] = c.G[<size_t> max(pa, pb) * c.cap + min(pa, pb)]
    return True


cdef enum:
    NEWTON_ROUNDS = 4
    SMALL_CHOLESKY = 32  # up to this order, _cholesky/_cholesky_solve instead of LAPACK's calls


cdef int _cholesky(int k, double* F, int lda) noexcept nogil:
    """F = UᵀU in place (upper triangle, column-major, leading dimension lda), as LAPACK's dpotrf
    computes it, without the call overhead that dominates for small k. Returns 0, or j + 1 when the
    j-th pivot is not positive (dpotrf's info)."""
    cdef int i, j, t
    cdef double s, d
    for j in range(k):
        s = F[j * lda + j]
        for t in range(j):
            s -= F[j * lda + t] * F[j * lda + t]
        if not s > 0:
            return j + 1
        d = sqrt(s)
        F[j * lda + j] = d
        for i in range(j + 1, k):  # row j of U: U[j, i] = (A[j, i] - sum_t U[t, j] U[t, i]) / U[j, j]
            s = F[i * lda + j]
            for t in range(j):
                s -= F[j * lda + t] * F[i * lda + t]
            F[i * lda + j] = s / d
    return 0


cdef void _cholesky_solve(int k, const double* F, int lda, double* x) noexcept nogil:
    """x = (UᵀU)⁻¹ x for U from _cholesky (or dpotrf/dpstrf): LAPACK's dpotrs for one right-hand side."""
    cdef int i, t
    cdef double s
    for i in range(k):  # Uᵀ z = x
        s = x[i]
        for t in range(i):
            s -= F[i * lda + t] * x[t]
        x[i] = s / F[i * lda + i]
    for i in range(k - 1, -1, -1):  # U x = z
        s = x[i]
        for t in range(i + 1, k):
            s -= F[t * lda + i] * x[t]
        x[i] = s / F[i * lda + i]

cdef double NEWTON_PIVOT_TOL = 1e-12  # squared pivot / diagonal: below this a column is dependent


cdef bint _newton_step(int layout, floating[::1] w, double l1_reg, double l2_reg,
                       const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                       const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                       const floating[::1] Xm, double y_norm2, const int[::1] cols,
                       floating[::1] S_keep, floating* w_keep, GramCache* cache) noexcept nogil:
    """Jump to the exact minimiser on the current support, when its signs hold.

    Once CD has (nearly) found the support A and signs s of the solution, the optimality conditions
    on A are linear: (X_A^T X_A + l2_reg I) w_A = X_A^T y - l1_reg s. A Cholesky solve gives w_A to
    rounding, where CD would need many sweeps when X_A is ill-conditioned (e.g. |A| near n).
    Coordinates whose sign flips in the solution leave A and the system is solved again (at most
    NEWTON_ROUNDS times); so do coordinates whose columns depend on the others (a Cholesky pivot of
    rounding size: copies of a feature, sums of others), whose fit the others already offer. The
    point is kept only if it lowers the objective; the caller's gap check decides whether it is
    optimal. Dense and Gram layouts; returns whether w moved.
    """
    cdef int n = A.shape[0], k = 0, kk = 0, info = 0, one = 1, i, t, rnd, flips = 1, rank = 0
    cdef double pivot_tol = NEWTON_PIVOT_TOL
    cdef Py_ssize_t c, j
    cdef char uplo = b'U'
    cdef char trans = b'T'
    cdef double alpha_one = 1.0, beta_zero = 0.0, before
    cdef floating new
    cdef int* act = NULL
    cdef int* idx = NULL
    cdef double* G = NULL
    cdef double* F = NULL
    cdef double* rhs = NULL
    cdef double* sol = NULL
    cdef double* XA = NULL
    cdef double* scale = NULL
    cdef double* pwork = NULL
    cdef int* piv = NULL
    cdef int* pos = NULL
    cdef bint moved = False
    if layout == SPARSE:
        return False
    for c in range(cols.shape[0]):
        if w[cols[c]] != 0:
            k += 1
    if k == 0 or (layout == DENSE and cache == NULL and <double> n * k > 16777216.0):
        return False  # (the gather buffer would pass 128 MB)
    # Two blocks (the scratch of a small step is mostly allocation otherwise): G, F (k x k), rhs,
    # sol, scale (k), pwork (2k) in doubles; act, idx, piv, pos (k) in ints.
    G = <double*> malloc((<size_t> k * k * 2 + 5 * k) * sizeof(double))
    act = <int*> malloc(4 * k * sizeof(int))
    if layout == DENSE and cache == NULL:
        XA = <double*> malloc(<size_t> n * k * sizeof(double))
    if G == NULL or act == NULL or (layout == DENSE and cache == NULL and XA == NULL):
        free(G); free(act); free(XA)
        return False
    F = G + <size_t> k * k
    rhs = F + <size_t> k * k
    sol = rhs + k
    scale = sol + k
    pwork = scale + k
    idx = act + k
    piv = idx + k
    pos = piv + k
    k = 0
    for c in range(cols.shape[0]):
        if w[cols[c]] != 0:
            act[k] = cols[c]
            k += 1
    # G = X_A^T X_A + l2 I (column-major, upper triangle used) and rhs = X_A^T y - l1 s.
    if layout == GRAM:
        for i in range(k):
            for t in range(k):
                G[i * k + t] = A[act[t], act[i]]
            rhs[i] = b[act[i]]
    else:
        for i in range(k):
            rhs[i] = _dot_acc(n, &A[0, act[i]], &b[0])
        if cache == NULL or not _cache_gram(cache, A, act, k, G):
            if XA == NULL:
                XA = <double*> malloc(<size_t> n * k * sizeof(double))
                if XA == NULL:
                    free(G); free(act)
                    return False
            for i in range(k):
                for t in range(n):
                    XA[i * n + t] = A[t, act[i]]
            dsyrk(&uplo, &trans, &k, &n, &alpha_one, XA, &n, &beta_zero, G, &k)
    for i in range(k):
        G[i * k + i] += l2_reg
        rhs[i] -= l1_reg if w[act[i]] > 0 else -l1_reg
        idx[i] = i  # positions (into act) of the coordinates still in the support
    kk = k
    for rnd in range(NEWTON_ROUNDS):
        if kk == 0:
            break
        for i in range(kk):
            for t in range(kk):
                F[i * kk + t] = G[idx[i] * k + idx[t]]
            piv[i] = i + 1
            scale[i] = 1.0
        if kk <= SMALL_CHOLESKY:
            info = _cholesky(kk, F, kk)
        else:
            dpotrf(&uplo, &kk, F, &kk, &info)
        rank = kk
        for i in range(kk):
            if info != 0 or F[i * kk + i] * F[i * kk + i] <= pivot_tol * G[idx[i] * k + idx[i]]:
                rank = 0
                break
        if rank == 0:
            # Pivoted Cholesky of the unit-diagonal scaling: a column (nearly) in the span of the
            # others (copies of a feature, sums of others) has a pivot of rounding size and is left
            # at zero -- the fit it adds is already on offer -- instead of failing the step.
            for i in range(kk):
                scale[i] = 1.0 / sqrt(G[idx[i] * k + idx[i]]) if G[idx[i] * k + idx[i]] > 0 else 0.0
            for i in range(kk):
                for t in range(kk):
                    F[i * kk + t] = G[idx[i] * k + idx[t]] * scale[i] * scale[t]
            dpstrf(&uplo, &kk, F, &kk, piv, &rank, &pivot_tol, pwork, &info)
            if info < 0 or rank == 0:
                info = 1
                break
        for i in range(rank):  # the kept columns, in pivot order
            t = piv[i] - 1
            sol[i] = rhs[idx[t]] * scale[t]
        if rank <= SMALL_CHOLESKY:
            _cholesky_solve(rank, F, kk, sol)
            info = 0
        else:
            dpotrs(&uplo, &rank, &one, F, &kk, sol, &rank, &info)
        if info != 0:
            break
        for i in range(k):
            pos[i] = -1
        for i in range(rank):
            t = piv[i] - 1
            pos[idx[t]] = i
            sol[i] *= scale[t]
        flips = 0
        t = 0
        for i in range(k):  # in increasing order, without the coordinates whose sign the solve flips
            if pos[i] < 0:
                continue
            c = pos[i]
            if isfinite(sol[c]) and sol[c] != 0 and (sol[c] > 0) == (w[act[i]] > 0):
                idx[t] = i
                scale[t] = sol[c]  # scratch: the solution in increasing order
                t += 1
            else:
                flips += 1
        kk = t
        for i in range(kk):
            sol[i] = scale[i]
        if flips == 0:
            break
    if info == 0 and flips == 0:
        before = _objective(layout, w, l1_reg, l2_reg, b, S, y_norm2)
        S_keep[:] = S
        for i in range(k):
            w_keep[i] = w[act[i]]
        t = 0
        for i in range(k):  # act and idx are both in increasing order
            j = act[i]
            new = 0
            if t < kk and idx[t] == i:
                new = <floating> sol[t]
                t += 1
            if new != w[j]:
                _move(layout, j, new - w[j], A, S, Xp, Xi, Xv, Xm)
                w[j] = new
        moved = _objective(layout, w, l1_reg, l2_reg, b, S, y_norm2) < before
        if not moved:
            S[:] = S_keep
            for i in range(k):
                w[act[i]] = w_keep[i]
    free(G); free(act); free(XA)
    return moved


cdef enum:
    GAP_EVERY = 10  # sweeps between gap checks even while coordinates still move
    VIOLATOR_PASSES = 5


cdef double _rescaling_share(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                             const floating[::1] b, const floating[::1] S, double y_norm2,
                             double gap) noexcept nogil:
    """The share of ``gap`` (just computed at w) due to rescaling r into the dual feasible set:
    (D(r) - D(c r)) / gap, with D(r) the unscaled dual objective (see _dual)."""
    cdef Py_ssize_t j
    cdef double w_norm2 = 0.0, r_norm2, r_dot_y
    if gap <= 0:
        return 0.0
    for j in range(w.shape[0]):
        w_norm2 += <double> w[j] * w[j]
    _residual_stats(layout, w, b, S, y_norm2, &r_norm2, &r_dot_y)
    # P - D(r) = gap - (D(r) - D(c r))
    return 1.0 - (_objective(layout, w, l1_reg, l2_reg, b, S, y_norm2)
                  - (r_dot_y - 0.5 * (r_norm2 + l2_reg * w_norm2))) / gap


cdef int _violator_passes(int layout, floating[::1] w, floating l1, floating l2,
                          const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                          const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                          const floating[::1] Xm, const floating[::1] norm2, const int[::1] cols,
                          bint positive) noexcept nogil:
    """Up to VIOLATOR_PASSES CD passes that update only the coordinates whose dual constraint
    |x_j^T r - l2 w_j| <= l1 is violated; returns how many updates were made.

    Near the solution the primal is often far more accurate than the gap shows (the benchmark's dense
    and sparse paths: P(w) - P* is 1e-3 to 1e-5 of the target when the gap meets it). The gap is then
    dominated by the rescaling c = l1 / max_j |x_j^T r|, whose relative error is amplified by 1/α at
    small α. A CD update on a violator puts its constraint back in the slab (as the projection of r
    onto it would), and skipping the non-violators -- whose moves are what perturbs the others'
    constraints in a full sweep -- makes max_j |x_j^T r| / l1 - 1 orders of magnitude smaller in a few
    passes. They are plain CD steps (the objective only decreases), so the certificate is still the
    gap at the residual of the returned w.
    """
    cdef Py_ssize_t k, j
    cdef int rnd, moved = 0, moved_pass
    cdef floating g, w_j, w_new
    for rnd in range(VIOLATOR_PASSES):
        moved_pass = 0
        for k in range(cols.shape[0]):
            j = cols[k]
            if norm2[j] == 0:
                continue
            w_j = w[j]
            g = _corr_fast(layout, j, A, b, S, Xp, Xi, Xv, Xm) - l2 * w_j
            if g <= l1 and (positive or g >= -l1):
                continue
            w_new = _update(g + l2 * w_j + w_j * norm2[j], l1, norm2[j] + l2, positive)
            if w_new != w_j:
                _move(layout, j, w_new - w_j, A, S, Xp, Xi, Xv, Xm)
                w[j] = w_new
                moved_pass += 1
        moved += moved_pass
        if moved_pass == 0:
            break
    return moved

cdef int _solve(int layout, floating[::1] w, double l1_reg, double l2_reg,
                const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                const floating[::1] norm2, double y_norm2, const int[::1] cols,
                int max_iter, double tol, bint positive, double[::1] corr, double* gap,
                bint accelerate, floating[::1] S_keep, GramCache* cache) except -1 nogil:
    """Cyclic CD over ``cols`` until the gap (on cols) is <= tol * ||y||^2; returns the sweeps done.

    With ``accelerate``: Anderson extrapolation every ANDERSON_K sweeps, on a settled support the
    exact Newton solve there (:func:`_newton_step`, float64 dense/Gram), and violator passes to
    finish the certificate (:func:`_violator_passes`). ``S_keep`` is scratch shaped like S.
    """
    cdef Py_ssize_t k, j, n_cols = cols.shape[0]
    cdef int n_iter = 0, n_hist = 0, n_flips, nnz
    cdef bint interrupted = False
    cdef double newton_credit = 0.0, newton_cost, newton_backoff = 1.0
    cdef floating w_j, w_new, z
    cdef floating l1 = <floating> l1_reg, l2 = <floating> l2_reg
    cdef double w_max, d_w_max
    cdef double gap_tol = tol * y_norm2
    cdef int vp_wait = 0, vp_skip = 0
    cdef bint newton_ok
    cdef double work = 0.0, work_per_sweep = <double> n_cols * (A.shape[0] if layout != SPARSE else 16)
    cdef Py_ssize_t m = S.shape[0]
    cdef double* whist = NULL
    cdef double* shist = NULL
    cdef floating* w_keep = NULL
    cdef double* corr_keep = NULL
    cdef double gap_keep
    accelerate = accelerate and n_cols > 1
    if accelerate:
        whist = <double*> malloc((ANDERSON_K + 1) * n_cols * sizeof(double))
        shist = <double*> malloc((ANDERSON_K + 1) * m * sizeof(double))
        w_keep = <floating*> malloc(n_cols * sizeof(floating))
        corr_keep = <double*> malloc(n_cols * sizeof(double))
        if whist == NULL or shist == NULL or w_keep == NULL or corr_keep == NULL:
            accelerate = False  # out of memory for the extras: plain CD still works
    newton_ok = floating is double and accelerate and layout != SPARSE
    gap[0] = 0.0
    while n_iter < max_iter:
        n_iter += 1
        w_max = 0.0
        d_w_max = 0.0
        n_flips = 0
        nnz = 0
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
                if (w_j > 0) != (w_new > 0) or (w_j < 0) != (w_new < 0):
                    n_flips += 1
            if w_new != 0:
                nnz += 1
            w_max = max(w_max, fabs(w_new))
        if w_max == 0.0 or d_w_max / w_max <= tol or n_iter % GAP_EVERY == 0 or n_iter == max_iter:
            if floating is float or accelerate:  # extrapolated or float32 residuals drift: recompute
                _refresh(layout, w, A, b, S, Xp, Xi, Xv, Xm)
            gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, positive, corr)
            # Violator passes when the rest of the gap, P(w) - D(r), already meets the tolerance and
            # only the rescaling part D(r) - D(c r) does not: the primal is accurate, the dual point
            # is not (trying earlier wasted passes: dense eps 1e-2 was 1.1x slower). They only
            # finish: their point is kept if its gap meets the tolerance, otherwise CD resumes from
            # its own iterate and the next try waits twice as many gap checks (up to 8). Left in
            # place, their moves slowed convergence at tol 1e-10 and blurred the support the Newton
            # step needs (dense benchmark eps 1e-3: 1.7x the time).
            if (accelerate and gap[0] > gap_tol and n_iter < max_iter and l1_reg > 0
                    and vp_wait == 0 and (1.0 - _rescaling_share(layout, w, l1_reg, l2_reg, b, S, y_norm2,
                                                                 gap[0])) * gap[0] <= gap_tol):
                S_keep[:] = S
                gap_keep = gap[0]
                for k in range(n_cols):
                    w_keep[k] = w[cols[k]]
                    corr_keep[k] = corr[cols[k]]
                if _violator_passes(layout, w, l1, l2, A, b, S, Xp, Xi, Xv, Xm, norm2, cols, positive):
                    _refresh(layout, w, A, b, S, Xp, Xi, Xv, Xm)
                    gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                                  positive, corr)
                if gap[0] > gap_tol:  # not finished: back to the CD iterate (and its gap, corr)
                    S[:] = S_keep
                    gap[0] = gap_keep
                    for k in range(n_cols):
                        w[cols[k]] = w_keep[k]
                        corr[cols[k]] = corr_keep[k]
                    vp_skip = min(2 * vp_skip + 1, 8)
                    vp_wait = vp_skip
            elif vp_wait > 0:
                vp_wait -= 1
            if gap[0] <= gap_tol or n_iter == max_iter:
                break
        # On a (nearly) settled support, try the exact solve there -- but spend on it no more than
        # the sweeps since the last try cost, so it at most about doubles the work. Its flops are
        # BLAS-3/LAPACK flops, some 30x faster than the sweeps' BLAS-1 ones, hence the 1/32.
        newton_credit += work_per_sweep
        newton_cost = newton_backoff * (<double> nnz * nnz * (nnz / 3.0 + (A.shape[0] if layout == DENSE else 1.0))) / 32
        # Not in float32: its Cholesky solve is less exact than the gap it must meet, and CD stalls.
        if (newton_ok and l1_reg > 0 and nnz > 0
                and newton_credit >= newton_cost
                and n_flips <= nnz // 100):
            newton_credit = 0.0
            newton_backoff *= 2  # each miss makes the next try wait longer
            if _newton_step(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                            S_keep, w_keep, cache):
                newton_backoff = 1.0
                n_hist = 0  # the Anderson history no longer leads here
                _refresh(layout, w, A, b, S, Xp, Xi, Xv, Xm)
                gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                              positive, corr)
                if gap[0] <= gap_tol:
                    break
        if accelerate:
            for k in range(n_cols):
                whist[n_hist * n_cols + k] = w[cols[k]]
            for k in range(m):
                shist[n_hist * m + k] = S[k]
            n_hist += 1
            if n_hist == ANDERSON_K + 1:
                n_hist = 0
                _try_extrapolation(layout, w, l1_reg, l2_reg, b, S, y_norm2, cols, positive, whist,
                                   shist, w_keep, S_keep)
        work += work_per_sweep
        if work > 5e7:  # about every 50 Mflop: let Ctrl-C through within a fraction of a second
            work = 0.0
            if _check_signals() == -1:
                interrupted = True
                break
    free(whist)
    free(shist)
    free(w_keep)
    free(corr_keep)
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
    Anderson extrapolation (and the Newton step and violator passes, see :func:`_solve`); without it
    the iterates are those of textbook cyclic CD.
    """
    cdef double gap
    cdef int n_iter
    cdef double[::1] corr = _work_array(w.shape[0])
    cdef floating[::1] S_keep = S.copy()
    with nogil:
        n_iter = _solve(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2, cols,
                        max_iter, tol, positive, corr, &gap, accelerate, S_keep, NULL)
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
                    bint accelerate, Py_ssize_t stop_nnz=-1, int stop_sweeps=-1):
    """Solve at every α of ``alphas`` (decreasing, > 0) in turn, warm-starting each from the last.

    Writes row k of ``coefs`` (K, p), ``gaps[k]`` (n-scaled) and ``n_iters[k]`` (CD sweeps over the
    working sets, at most ``max_iter`` per α). Layout arguments as in :func:`enet_cd`. Returns the
    number of α solved: all of them, unless ``stop_nnz`` > 0 and an α ends with at least ``stop_nnz``
    non-zeros, or ``stop_sweeps`` > 0 and an α after the first is still open after that many sweeps:
    that α is left unsolved, w at the iterate reached (in both cases the caller goes on another way).
    Not the first α: it may start cold (w = 0), and a CD iterate far from the solution, with more
    non-zeros than it will keep, is a poor start for the caller's method (a single dense Lasso fit at
    α = 1e-3·α_max took 4x as long).

    With ``screen``: the working set at α_k is {j : w_j != 0} plus the features kept by the sequential
    strong rule |x_j^T r(α_{k-1}) - l2 w_j| >= 2 l1(α_k) - l1(α_{k-1}); CD solves that sub-problem, then
    one full pass computes every x_j^T r: if the full gap is <= tol ||y||^2 the α is done, otherwise the
    features violating |x_j^T r - l2 w_j| <= l1 join the working set and CD resumes.
    """
    cdef Py_ssize_t p = w.shape[0], K = alphas.shape[0]
    cdef Py_ssize_t k, j, n_ws, nnz, n_done = K
    cdef int used, it, added, cap
    cdef double l1_reg, l2_reg, l1_prev = -1.0, thresh, score, gap = 0.0
    cdef double gap_tol = tol * y_norm2
    cdef double[::1] corr = _work_array(p)
    cdef int[::1] all_cols = _int_range(p)
    cdef int[::1] ws = _int_range(p)
    cdef unsigned char[::1] in_ws = _bool_array(p)
    cdef floating[::1] S_keep = S.copy()
    cdef GramCache* cache = NULL
    try:
        with nogil:
            if accelerate and layout == DENSE:
                cache = _cache_new(A.shape[0], p)
            if screen:  # scores at the warm start, as if it solved the problem at the largest score
                gap = _gap(layout, w, 0.0, 0.0, A, b, S, Xp, Xi, Xv, Xm, y_norm2, all_cols, positive, corr)
                for j in range(p):
                    score = corr[j] if positive else fabs(corr[j])
                    l1_prev = max(l1_prev, score)
            for k in range(K):
                l1_reg = alphas[k] * l1_ratio * n_samples
                l2_reg = alphas[k] * (1.0 - l1_ratio) * n_samples
                used = 0
                cap = max_iter if stop_sweeps <= 0 or k == 0 else min(max_iter, stop_sweeps)
                if not screen:
                    used = _solve(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2,
                                  all_cols, max_iter, tol, positive, corr, &gap, accelerate, S_keep,
                                  cache)
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
                                    ws[:n_ws], cap - used, tol, positive, corr, &gap, accelerate, S_keep,
                                    cache)
                        used += it
                        if n_ws < p:  # the KKT check over every feature: one full pass
                            gap = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2,
                                       all_cols, positive, corr)
                        if gap <= gap_tol or used >= cap:
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
                    if gap > gap_tol and cap < max_iter and used >= cap:
                        n_done = k  # slow here: the caller takes over from this iterate
                        break
                nnz = 0
                for j in range(p):
                    coefs[k, j] = w[j]
                    nnz += w[j] != 0
                gaps[k] = gap
                n_iters[k] = used
                if 0 < stop_nnz <= nnz:
                    n_done = k + 1
                    break
    finally:
        _cache_free(cache)
    return n_done


cdef int[::1] _int_range(Py_ssize_t p):
    import numpy as np
    return np.arange(p, dtype=np.intc)


cdef unsigned char[::1] _bool_array(Py_ssize_t p):
    import numpy as np
    return np.zeros(p, dtype=np.uint8)


# ---------------------------------------------------------------------------------------------------
# QR updates for the active-set method (_active_set.py). X_A = Q_k R_k, where Q_k is the first k
# columns of the buffer Q (n x cap) and R_k the leading k x k block of R (cap x cap), both Fortran
# order; only R's upper triangle is meaningful. Callers check shapes and k < cap.

def qr_append(double[::1, :] Q, double[::1, :] R, int k, const double[::1] x, double rank_tol,
              double[::1] work):
    """Append x as column k: orthogonalise it against Q_k (classical Gram-Schmidt, twice, which is
    as accurate as Householder for one column). Returns False, with Q_k and R_k untouched, when the
    part of x outside span(Q_k) is below rank_tol * ||x|| (work: k doubles of scratch)."""
    cdef int n = Q.shape[0], one = 1, i, rnd
    cdef char tr = b'T', nt = b'N'
    cdef double d_one = 1.0, d_zero = 0.0, d_minus = -1.0, x_norm, q_norm
    cdef bint independent
    cdef double* q = &Q[0, k]
    with nogil:
        for i in range(n):
            q[i] = x[i]
        x_norm = dnrm2(&n, q, &one)
        for i in range(k):
            R[i, k] = 0.0
        for rnd in range(2):
            if k > 0:
                dgemv(&tr, &n, &k, &d_one, &Q[0, 0], &n, q, &one, &d_zero, &work[0], &one)
                dgemv(&nt, &n, &k, &d_minus, &Q[0, 0], &n, &work[0], &one, &d_one, q, &one)
                daxpy(&k, &d_one, &work[0], &one, &R[0, k], &one)
        q_norm = dnrm2(&n, q, &one)
        independent = q_norm > rank_tol * x_norm
        if independent:
            for i in range(n):
                q[i] /= q_norm
            R[k, k] = q_norm
    return independent


def qr_remove(double[::1, :] Q, double[::1, :] R, int k, int i):
    """Remove column i of X_A (k columns): shift R's later columns left, which leaves it upper
    Hessenberg from column i on, and rotate the sub-diagonal away (Givens); each rotation G of rows
    c, c+1 of R is applied to columns c, c+1 of Q as Gᵀ, so Q R is unchanged. Q_{k-1} R_{k-1} is then
    X_A without column i."""
    cdef int n = Q.shape[0], ldr = R.shape[0], c, r, length, one = 1
    cdef double a, b, cs, sn
    with nogil:
        for c in range(i, k - 1):
            for r in range(c + 2):
                R[r, c] = R[r, c + 1]
        for c in range(i, k - 1):
            a = R[c, c]
            b = R[c + 1, c]
            drotg(&a, &b, &cs, &sn)
            length = k - 1 - c
            drot(&length, &R[c, c], &ldr, &R[c + 1, c], &ldr, &cs, &sn)
            R[c + 1, c] = 0.0
            drot(&n, &Q[0, c], &one, &Q[0, c + 1], &one, &cs, &sn)


def qr_solve(const double[::1, :] Q, const double[::1, :] R, int k, const double[::1] y,
             const double[::1] s, double lam, double[::1] out, double[::1] work):
    """out[:k] = R_k⁻¹ (Q_kᵀ y − lam R_k⁻ᵀ s): the minimiser of ½||y − X_A v||² + lam sᵀv
    (work: k doubles of scratch)."""
    cdef int n = Q.shape[0], ldr = R.shape[0], one = 1, i
    cdef char up = b'U', tr = b'T', nt = b'N', nonunit = b'N'
    cdef double d_one = 1.0, d_zero = 0.0, d_lam = -lam
    if k == 0:
        return
    with nogil:
        for i in range(k):
            work[i] = s[i]
        dtrsv(&up, &tr, &nonunit, &k, &R[0, 0], &ldr, &work[0], &one)
        dgemv(&tr, &n, &k, &d_one, &Q[0, 0], &n, &y[0], &one, &d_zero, &out[0], &one)
        daxpy(&k, &d_lam, &work[0], &one, &out[0], &one)
        dtrsv(&up, &nt, &nonunit, &k, &R[0, 0], &ldr, &out[0], &one)


def dense_residual(const double[::1, :] X, const double[::1] y, const double[::1] w, double[::1] out):
    """out = y − X w, column by column over the non-zeros of w (:func:`_refresh`, dense layout)."""
    cdef int[::1] no_index = _int_range(1)
    cdef double[::1] no_value = _work_array(1)
    with nogil:
        _refresh(DENSE, w, X, y, out, no_index, no_index, no_value, no_value)


def corr_on(const double[::1, :] X, const double[::1] r, const Py_ssize_t[::1] cols, double[::1] out):
    """out[k] = x_jᵀ r for j = cols[k]: the correlations of a few columns, without copying them."""
    cdef int n = X.shape[0], one = 1
    cdef Py_ssize_t k
    with nogil:
        for k in range(cols.shape[0]):
            out[k] = ddot(&n, &X[0, cols[k]], &one, &r[0], &one)
