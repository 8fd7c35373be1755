"""Acceleration for the coordinate-descent solver of _cd.pyx (declarations and the workspace layout
in _accel.pxd): Anderson extrapolation, and the Newton step with its Cholesky factor kept up to date
along the path. Both only propose points; the caller keeps a point if it lowers the objective and
certifies it with the duality gap as always.
"""
from cython cimport floating
from libc.math cimport INFINITY, NAN, fabs, hypot, isfinite, isnan, sqrt
from libc.stdlib cimport calloc, free, malloc
from libc.string cimport memcpy

from scipy.linalg.cython_blas cimport dgemm, drot, dtrsm, dtrsv
from scipy.linalg.cython_lapack cimport dpotrf, dpstrf

from ._blas cimport _dot_acc, _gemv
from ._layouts cimport (DENSE, GRAM, SPARSE, SPARSE_NNZ_WORK, _gram_product_pays, _move, _objective, _refresh,
                        _restore, _save, _sparse_dot)


cdef enum:
    GATHER_LIMIT = 16777216  # doubles (128 MB): the most the Gram cache or the factor may hold
    MAX_CACHED_COLUMNS = 4096
    NEWTON_ROUNDS = 4        # solves per step, each dropping the coordinates whose sign flipped
    SMALL_CHOLESKY = 32      # up to this order, hand-written loops instead of LAPACK/BLAS calls
    SOLVE_BLOCK = 32         # rows per block of a triangular solve with several right-hand sides

cdef double NEWTON_PIVOT_TOL = 1e-12  # squared pivot / diagonal: below this a column is dependent


# ---------------------------------------------------------------------------------------------------
# Anderson acceleration (Anderson 1965; for CD: Bertrand & Massias 2021, "Anderson acceleration of
# coordinate descent"): every K sweeps, extrapolate the last K+1 iterates with the affine combination
# whose differences have the smallest norm, and keep it only if it lowers the objective.

cdef bint _anderson_coefs(int length, int stride, const double* hist, double* coef) noexcept nogil:
    """coef = argmin ||sum_i c_i (h_{i+1} - h_i)|| subject to sum_i c_i = 1, i < ANDERSON_K.

    ``hist`` holds K+1 vectors h_0..h_K at offsets 0, stride, 2 stride, ...; the first ``length``
    entries of each enter the norm. False when the system is singular.
    """
    cdef double C[ANDERSON_K][ANDERSON_K + 1]
    cdef double d[ANDERSON_K]
    cdef int i, j, r, piv, K = ANDERSON_K
    cdef Py_ssize_t t
    cdef double s, f, trace = 0.0
    for i in range(K):
        for j in range(K):
            C[i][j] = 0.0
    for t in range(length):  # one pass: the K(K+1)/2 products are independent sums
        for i in range(K):
            d[i] = hist[(i + 1) * stride + t] - hist[i * stride + t]
        for i in range(K):
            for j in range(i + 1):
                C[i][j] += d[i] * d[j]
    for i in range(K):
        for j in range(i):
            C[j][i] = C[i][j]
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


cdef bint try_extrapolation(int layout, floating[::1] w, double l1_reg, double l2_reg,
                            const floating[::1] b, floating[::1] S, double y_norm2,
                            const int[::1] cols, bint positive, const double* whist,
                            const double* shist, floating* w_keep, floating[::1] S_keep,
                            const double* lo=NULL, const double* hi=NULL) noexcept nogil:
    """Anderson step on the last K+1 sweeps (w history ``whist`` on cols, state history ``shist``):
    move to the combination with the smallest step differences if that lowers the objective; returns
    whether it moved (the state S is then a combination of states, exact only to rounding). With box
    bounds ``lo``, ``hi``: only to a combination inside the box."""
    cdef Py_ssize_t k, n_cols = cols.shape[0]
    cdef double coef[ANDERSON_K]
    cdef double before
    if not _anderson_coefs(n_cols, n_cols, whist, coef):
        return False
    before = _objective(layout, w, cols, l1_reg, l2_reg, b, S, y_norm2)
    _save(w, S, &cols[0], n_cols, w_keep, S_keep)
    _load_combination(coef, whist, shist, cols, w, S)
    if positive:
        for k in range(n_cols):
            if w[cols[k]] < 0:
                before = -INFINITY  # infeasible: undo below
    if lo != NULL:
        for k in range(n_cols):
            if not (lo[cols[k]] <= w[cols[k]] <= hi[cols[k]]):
                before = -INFINITY  # outside the box: undo below
    if _objective(layout, w, cols, l1_reg, l2_reg, b, S, y_norm2) >= before:
        _restore(w, S, &cols[0], n_cols, w_keep, S_keep)
        return False
    return True


# ---------------------------------------------------------------------------------------------------
# The Gram cache (dense layout)

cdef GramCache* _cache_new(int n, int p) noexcept nogil:
    """A cache for up to min(p, 2n) columns within GATHER_LIMIT doubles, or NULL."""
    cdef GramCache* c = <GramCache*> malloc(sizeof(GramCache))
    cdef int j, cap = min(p, 2 * n, GATHER_LIMIT // max(n, 1), MAX_CACHED_COLUMNS)
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


cdef bint _cache_add(GramCache* c, const floating[::1, :] X, const int* cols, int m) noexcept nogil:
    """Make the m columns ``cols`` cached (in float64): one BLAS-3 product for those that are new.
    False if they do not fit."""
    cdef int i, t, nb = 0, start, rows, n = c.n
    cdef char tr = b'T', nt = b'N'
    cdef double one = 1.0, zero = 0.0
    if m > c.cap:
        return False
    for i in range(m):
        if c.pos[cols[i]] < 0:
            nb += 1
    if nb == 0:
        return True
    if c.size + nb > c.cap:  # full: start again with just these columns
        for t in range(X.shape[1]):
            c.pos[t] = -1
        c.size = 0
        nb = m
    start = c.size
    for i in range(m):
        if c.pos[cols[i]] < 0:
            c.pos[cols[i]] = c.size
            if floating is double:
                memcpy(&c.X[<size_t> c.size * n], &X[0, cols[i]], n * sizeof(double))
            else:
                for t in range(n):
                    c.X[<size_t> c.size * n + t] = X[t, cols[i]]
            c.size += 1
    rows = c.size  # G[0:size, start:size] = X_cacheᵀ X_new
    dgemm(&tr, &nt, &rows, &nb, &n, &one, c.X, &n, &c.X[<size_t> start * n], &n, &zero,
          &c.G[<size_t> start * c.cap], &c.cap)
    return True


cdef inline double _cache_entry(const GramCache* c, int i, int j) noexcept nogil:
    cdef int a = c.pos[i], b = c.pos[j]
    return c.G[<size_t> max(a, b) * c.cap + min(a, b)]


# ---------------------------------------------------------------------------------------------------
# Cholesky factors: small orders by hand (LAPACK's call overhead dominates there)

cdef int _cholesky(int k, double* F, int lda) noexcept nogil:
    """F = UᵀU in place (upper triangle, column-major, leading dimension lda), as LAPACK's dpotrf
    computes it. Returns 0, or j + 1 when the j-th pivot is not positive (dpotrf's info)."""
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


cdef void _solve_upper(int k, const double* U, int lda, double* x, bint transposed) noexcept nogil:
    """x = U⁻ᵀx (transposed) or U⁻¹x for the upper-triangular U."""
    cdef int i, t, one = 1
    cdef char up = b'U', nonunit = b'N', tr = b'T' if transposed else b'N'
    cdef double s
    if k > SMALL_CHOLESKY:
        dtrsv(&up, &tr, &nonunit, &k, <double*> U, &lda, x, &one)
    elif transposed:
        for i in range(k):
            s = x[i]
            for t in range(i):
                s -= U[i * lda + t] * x[t]
            x[i] = s / U[i * lda + i]
    else:
        for i in range(k - 1, -1, -1):
            s = x[i]
            for t in range(i + 1, k):
                s -= U[t * lda + i] * x[t]
            x[i] = s / U[i * lda + i]


cdef void _solve_upper_many(int k, int m, const double* U, int lda, double* X, int ldx) noexcept nogil:
    """X = U⁻ᵀX for the upper-triangular U and the (k, m) block X (column-major, leading dimension
    ldx), by blocks of SOLVE_BLOCK rows: a dgemm against the rows solved so far, then a dtrsm on the
    diagonal block. m dtrsv calls each read all of U; here the dgemm reads it once for all m (about
    2x faster than m dtrsv calls from m = 4 at orders 200-400; OpenBLAS's own dtrsm was slower than
    the dtrsv calls for m < 8)."""
    cdef int s = 0, b
    cdef char tr = b'T', nt = b'N', up = b'U', left = b'L'
    cdef double minus_one = -1.0, one = 1.0
    while s < k:
        b = min(<int> SOLVE_BLOCK, k - s)
        if s > 0:
            dgemm(&tr, &nt, &b, &m, &s, &minus_one, <double*> &U[<size_t> s * lda], &lda, X, &ldx,
                  &one, &X[s], &ldx)
        dtrsm(&left, &up, &tr, &nt, &b, &m, &one, <double*> &U[<size_t> s * lda + s], &lda, &X[s], &ldx)
        s += b


# ---------------------------------------------------------------------------------------------------
# The Newton step and its factor

cdef Newton* newton_new(int layout, int n, int p) noexcept nogil:
    """The workspace of one path, or NULL when out of memory (the sparse layout: see newton_sparse)."""
    cdef Newton* nw = <Newton*> calloc(1, sizeof(Newton))
    cdef int j
    if nw == NULL:
        return NULL
    nw.layout, nw.n, nw.p = layout, n, p
    nw.pos = <int*> malloc(p * sizeof(int))
    nw.act = <int*> malloc(p * sizeof(int))
    nw.mark = <unsigned char*> calloc(p, 1)
    nw.xty = <double*> malloc(p * sizeof(double))
    nw.point = <double*> malloc(p * sizeof(double))
    nw.sgn = <signed char*> malloc(p)
    nw.seg_w = <double*> malloc(p * sizeof(double))
    nw.seg_u = <double*> malloc(p * sizeof(double))
    if (nw.pos == NULL or nw.act == NULL or nw.mark == NULL or nw.xty == NULL or nw.point == NULL
            or nw.sgn == NULL or nw.seg_w == NULL or nw.seg_u == NULL):
        newton_free(nw)
        return NULL
    for j in range(p):
        nw.pos[j] = -1
        nw.xty[j] = NAN
    if layout == DENSE:
        nw.cache = _cache_new(n, p)  # NULL: Gram entries by dot products
    return nw


cdef void newton_sparse(Newton* nw, const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                        const floating[::1] Xm, const floating[::1] b) noexcept nogil:
    """Give a sparse-layout workspace the layout's arrays (they outlive it; its rows are built at
    the first step, :func:`_sparse_rows_ready`)."""
    cdef int i, n = nw.n
    cdef double vty = 0.0
    nw.Xp, nw.Xi = &Xp[0], &Xi[0]
    if floating is double:
        nw.Xv, nw.Xm = &Xv[0], &Xm[0]
    else:
        nw.Xv32, nw.Xm32 = &Xv[0], &Xm[0]
    if b.shape[0] > n:  # weighted rows: v follows y in b
        for i in range(n):
            vty += <double> b[n + i] * b[i]
    else:
        for i in range(n):
            vty += b[i]
    nw.vty = vty


cdef void newton_free(Newton* nw) noexcept nogil:
    if nw != NULL:
        _cache_free(nw.cache)
        free(nw.pos); free(nw.act); free(nw.mark); free(nw.xty); free(nw.point)
        free(nw.Rp); free(nw.Rj); free(nw.Rv); free(nw.slot); free(nw.scatter)
        free(nw.rk); free(nw.tpos); free(nw.ucsc); free(nw.in_rows); free(nw.pcols)
        free(nw.col); free(nw.U); free(nw.g); free(nw.sol); free(nw.z); free(nw.zsgn)
        free(nw.sgn); free(nw.seg_w); free(nw.seg_u); free(nw.seg_S); free(nw.seg_dS)
        free(nw)


cdef bint _reserve(Newton* nw, int order) noexcept nogil:
    """Room for a factor of ``order`` columns (growing by doubling, at most GATHER_LIMIT doubles)."""
    cdef int cap, i
    cdef double* U
    cdef int* col
    cdef double* g
    cdef double* sol
    cdef double* z
    cdef signed char* zsgn
    if order <= nw.cap:
        return True
    # An odd leading dimension: with a power of two, the rows a Givens rotation of _remove walks
    # (stride cap) all map to the same few cache sets -- it made _remove ~6x slower at order 128-512.
    cap = min(max(order, 2 * nw.cap, 64), nw.p) | 1
    if <double> cap * cap > GATHER_LIMIT:
        cap = order
        if <double> cap * cap > GATHER_LIMIT:
            return False
    U = <double*> malloc(<size_t> cap * cap * sizeof(double))
    col = <int*> malloc(cap * sizeof(int))
    g = <double*> malloc(cap * sizeof(double))
    sol = <double*> malloc(cap * sizeof(double))
    z = <double*> malloc(2 * cap * sizeof(double))
    zsgn = <signed char*> malloc(cap)
    if U == NULL or col == NULL or g == NULL or sol == NULL or z == NULL or zsgn == NULL:
        free(U); free(col); free(g); free(sol); free(z); free(zsgn)
        return False
    for i in range(nw.k):
        memcpy(&U[<size_t> i * cap], &nw.U[<size_t> i * nw.cap], (i + 1) * sizeof(double))
        col[i] = nw.col[i]
    for i in range(nw.zk):
        z[i], z[cap + i], zsgn[i] = nw.z[i], nw.z[nw.cap + i], nw.zsgn[i]
    free(nw.U); free(nw.col); free(nw.g); free(nw.sol); free(nw.z); free(nw.zsgn)
    nw.U, nw.col, nw.g, nw.sol, nw.z, nw.zsgn, nw.cap = U, col, g, sol, z, zsgn, cap
    return True


cdef void _forget(Newton* nw) noexcept nogil:
    cdef int i
    for i in range(nw.k):
        nw.pos[nw.col[i]] = -1
    nw.k = nw.zk = 0


cdef double _sparse_gram_column(Newton* nw, int j, double* g) noexcept nogil:
    """_gram_column of the sparse layout, for the implicitly centred columns: (x_i - Xm_i v)ᵀ(x_j -
    Xm_j v) = x_iᵀx_j - n Xm_i Xm_j (vᵀx_j = n Xm_j, vᵀv = n). The products x_iᵀx_j either by
    column -- x_j scattered into an n-vector, each x_i's non-zeros gathered from it -- or by row --
    each non-zero of x_j times the entries of its row in the factor's columns --, whichever touches
    fewer entries: with 10 non-zeros per column and 20 per row, 200 for all of a 300-column factor
    by row where 3 000 by column; a common word's column in a text problem is the other way round.
    The rows are built (:func:`_sparse_rows_ready`) before any step computes one."""
    cdef double d
    nw.col[nw.k] = j  # (callers have room for it: the column is being added)
    _sparse_gram_block(nw, 1, g, 0, &d)
    return d


cdef void _sparse_gram_block(Newton* nw, int m, double* out, int ld_out, double* diag) noexcept nogil:
    """_sparse_gram_column of the m columns nw.col[k:k + m] at once: out[i * ld_out:][:k + i] = the
    Gram entries of column k + i against the factor's columns and the new ones before it, diag[i]
    = its own (the bookkeeping over the factor's columns done once for all m)."""
    if nw.Xv == NULL:
        _sparse_gram_block_of(nw, m, out, ld_out, diag, nw.Xv32, nw.Xm32)
    else:
        _sparse_gram_block_of(nw, m, out, ld_out, diag, nw.Xv, nw.Xm)


cdef void _sparse_gram_block_of(Newton* nw, int m, double* out, int ld_out, double* diag,
                                const floating* Xv, const floating* Xm) noexcept nogil:
    cdef int i, j, c, q, t, u, kk, k = nw.k
    cdef double v, s, n = nw.n
    cdef double* g
    cdef Py_ssize_t by_row, by_column = 0
    cdef const int* Xp = nw.Xp
    cdef const int* Xi = nw.Xi
    cdef const floating* Rv = <const floating*> nw.Rv
    cdef floating* d = <floating*> nw.scatter
    for q in range(k):
        by_column += Xp[nw.col[q] + 1] - Xp[nw.col[q]]
        nw.slot[nw.col[q]] = q
    _rows_sync(nw)
    for i in range(m):
        j, kk, g = nw.col[k + i], k + i, &out[<size_t> i * ld_out]
        by_row = 0
        for t in range(Xp[j], Xp[j + 1]):
            by_row += nw.rk[Xi[t]]
        if by_row < by_column:
            for q in range(kk):
                g[q] = -n * Xm[nw.col[q]] * <double> Xm[j]
            for t in range(Xp[j], Xp[j + 1]):
                v = Xv[t]
                for u in range(nw.Rp[Xi[t]], nw.Rp[Xi[t]] + nw.rk[Xi[t]]):
                    q = nw.slot[nw.Rj[u]]
                    if q >= 0:
                        g[q] += v * Rv[u]
        else:
            for t in range(Xp[j], Xp[j + 1]):
                d[Xi[t]] = Xv[t]
            for q in range(kk):
                c = nw.col[q]
                g[q] = _sparse_dot(Xi, Xv, d, Xp[c], Xp[c + 1]) - n * Xm[c] * <double> Xm[j]
            for t in range(Xp[j], Xp[j + 1]):
                d[Xi[t]] = 0.0
        s = 0.0
        for t in range(Xp[j], Xp[j + 1]):
            s += <double> Xv[t] * Xv[t]
        diag[i] = s - n * Xm[j] * <double> Xm[j]
        nw.slot[j] = kk
        _rows_enter(nw, j)  # (the next columns of the block are multiplied with it too)
        by_column += Xp[j + 1] - Xp[j]
    for q in range(k + m):
        nw.slot[nw.col[q]] = -1


cdef inline void _rows_swap(Newton* nw, int u1, int u2) noexcept nogil:
    """Exchange the row entries u1 and u2 (of one row) with their bookkeeping."""
    cdef int t
    cdef double vd
    cdef float vf
    if u1 == u2:
        return
    t = nw.Rj[u1]; nw.Rj[u1] = nw.Rj[u2]; nw.Rj[u2] = t
    if nw.Xv != NULL:
        vd = (<double*> nw.Rv)[u1]; (<double*> nw.Rv)[u1] = (<double*> nw.Rv)[u2]; (<double*> nw.Rv)[u2] = vd
    else:
        vf = (<float*> nw.Rv)[u1]; (<float*> nw.Rv)[u1] = (<float*> nw.Rv)[u2]; (<float*> nw.Rv)[u2] = vf
    t = nw.ucsc[u1]; nw.ucsc[u1] = nw.ucsc[u2]; nw.ucsc[u2] = t
    nw.tpos[nw.ucsc[u1]] = u1
    nw.tpos[nw.ucsc[u2]] = u2


cdef void _rows_enter(Newton* nw, int c) noexcept nogil:
    """Column c joins P: each of its row entries moves to the end of its row's head (O(nnz of c))."""
    cdef int t, i
    if nw.in_rows[c]:
        return
    for t in range(nw.Xp[c], nw.Xp[c + 1]):
        i = nw.Xi[t]
        _rows_swap(nw, nw.tpos[t], nw.Rp[i] + nw.rk[i])
        nw.rk[i] += 1
    nw.in_rows[c] = 1
    nw.pcols[nw.n_p] = c
    nw.n_p += 1


cdef void _rows_leave(Newton* nw, int c) noexcept nogil:
    """Column c leaves P: each of its row entries moves out of its row's head (O(nnz of c)); the
    caller takes it off nw.pcols."""
    cdef int t, i
    for t in range(nw.Xp[c], nw.Xp[c + 1]):
        i = nw.Xi[t]
        nw.rk[i] -= 1
        _rows_swap(nw, nw.tpos[t], nw.Rp[i] + nw.rk[i])
    nw.in_rows[c] = 0


cdef void _rows_sync(Newton* nw) noexcept nogil:
    """Make P the factor's columns (nw.slot marks them): the columns that left leave the rows' heads,
    the factor's columns not in P join. O(|P| + k) and the non-zeros of the columns that change."""
    cdef int a, q = 0, c
    for a in range(nw.n_p):
        c = nw.pcols[a]
        if nw.slot[c] >= 0:
            nw.pcols[q] = c
            q += 1
        else:
            _rows_leave(nw, c)
    nw.n_p = q
    for a in range(nw.k):
        _rows_enter(nw, nw.col[a])  # (a no-op for the columns in P)


cdef bint _sparse_rows_ready(Newton* nw) noexcept nogil:
    """The sparse layout's rows and scatter vector, built at the first step (most sparse paths never
    take one, and the rows with their two index maps cost about twice X's memory); False when out of
    memory."""
    if nw.Rp != NULL:
        return True
    if nw.Xv == NULL:
        return _sparse_rows(nw, nw.Xv32)
    return _sparse_rows(nw, nw.Xv)


cdef bint _sparse_rows(Newton* nw, const floating* Xv) noexcept nogil:
    """Build nw.Rp, Rj, Rv (the CSR form of the CSC arrays), nw.slot and nw.scatter; False when out
    of memory."""
    cdef int c, r, t, u, n = nw.n, p = nw.p
    cdef int nnz = nw.Xp[p]
    cdef int* Rp = <int*> calloc(n + 1, sizeof(int))
    cdef int* Rj = <int*> malloc(max(nnz, 1) * sizeof(int))
    cdef floating* Rv = <floating*> malloc(max(nnz, 1) * sizeof(floating))
    cdef int* fill = <int*> malloc(max(n, 1) * sizeof(int))
    cdef int* slot = <int*> malloc(max(p, 1) * sizeof(int))
    cdef double* scatter = <double*> calloc(max(n, 1), sizeof(double))
    cdef int* rk = <int*> calloc(max(n, 1), sizeof(int))
    cdef int* tpos = <int*> malloc(max(nnz, 1) * sizeof(int))
    cdef int* ucsc = <int*> malloc(max(nnz, 1) * sizeof(int))
    cdef unsigned char* in_rows = <unsigned char*> calloc(max(p, 1), 1)
    cdef int* pcols = <int*> malloc(max(p, 1) * sizeof(int))
    if (Rp == NULL or Rj == NULL or Rv == NULL or fill == NULL or slot == NULL or scatter == NULL
            or rk == NULL or tpos == NULL or ucsc == NULL or in_rows == NULL or pcols == NULL):
        free(Rp); free(Rj); free(Rv); free(fill); free(slot); free(scatter)
        free(rk); free(tpos); free(ucsc); free(in_rows); free(pcols)
        return False
    for t in range(nnz):
        Rp[nw.Xi[t] + 1] += 1
    for r in range(n):
        Rp[r + 1] += Rp[r]
        fill[r] = Rp[r]
    for c in range(p):
        slot[c] = -1
        for t in range(nw.Xp[c], nw.Xp[c + 1]):
            u = fill[nw.Xi[t]]
            fill[nw.Xi[t]] = u + 1
            Rj[u] = c
            Rv[u] = Xv[t]
            tpos[t] = u
            ucsc[u] = t
    free(fill)
    nw.Rp, nw.Rj, nw.Rv, nw.slot, nw.scatter = Rp, Rj, Rv, slot, scatter
    nw.rk, nw.tpos, nw.ucsc, nw.in_rows, nw.pcols, nw.n_p = rk, tpos, ucsc, in_rows, pcols, 0
    return True


cdef double _gram_column(Newton* nw, const floating[::1, :] A, int j, double* g, bint cached) noexcept nogil:
    """g[i] = x_{col[i]}ᵀx_j for the factor's columns; returns x_jᵀx_j."""
    cdef int i, n = nw.n
    if nw.layout == SPARSE:
        return _sparse_gram_column(nw, j, g)
    if nw.layout == GRAM:
        for i in range(nw.k):
            g[i] = A[nw.col[i], j]
        return A[j, j]
    if cached:
        for i in range(nw.k):
            g[i] = _cache_entry(nw.cache, nw.col[i], j)
        return _cache_entry(nw.cache, j, j)
    for i in range(nw.k):
        g[i] = _dot_acc(n, &A[0, nw.col[i]], &A[0, j])
    return _dot_acc(n, &A[0, j], &A[0, j])


cdef bint _append(Newton* nw, const floating[::1, :] A, int j, bint cached) noexcept nogil:
    """Add column j to the factor (O(k²)); False, factor unchanged, when x_j is numerically in the
    span of the factor's columns: its coordinate is then left at zero, the fit it adds already on
    offer (copies of a feature, sums of others)."""
    cdef int k = nw.k, i
    cdef double* u = &nw.U[<size_t> k * nw.cap]
    cdef double d, s = 0.0
    d = _gram_column(nw, A, j, u, cached) + nw.l2
    _solve_upper(k, nw.U, nw.cap, u, True)  # Uᵀu = g
    for i in range(k):
        s += u[i] * u[i]
    if not d - s > NEWTON_PIVOT_TOL * d:  # (also false for NaN)
        return False
    u[k] = sqrt(d - s)
    nw.col[k] = j
    nw.pos[j] = k
    nw.k = k + 1
    return True


cdef int _append_block(Newton* nw, const floating[::1, :] A, const int* act, int n_act, int m,
                       bint cached) noexcept nogil:
    """Append the m columns of ``act`` not in the factor, in order, as m calls of :func:`_append`
    would (a column in the span of the factor's and the earlier kept columns stays out), with their
    solves against the factor done together (:func:`_solve_upper_many`). Returns how many were left
    out."""
    cdef int k = nw.k, ld = nw.cap, i, q = 0, t, r, src, dst
    cdef double* U = nw.U
    cdef double* diag = nw.g
    cdef double* kept_gram = nw.sol  # (the step's solve overwrites both scratch arrays afterwards)
    cdef int* cols = <int*> malloc(2 * m * sizeof(int))
    cdef int* kept = &cols[m]
    cdef double s, d
    if cols == NULL:  # out of memory: one at a time
        for i in range(n_act):
            if nw.pos[act[i]] < 0:
                q += _append(nw, A, act[i], cached)
        return m - q
    for i in range(n_act):
        if nw.pos[act[i]] < 0:
            cols[q] = act[i]
            q += 1
    q = 0
    for i in range(m):  # column k + i: Gram entries against the factor and cols[:i]
        nw.col[k + i] = cols[i]
    if nw.layout == SPARSE:
        _sparse_gram_block(nw, m, &U[<size_t> k * ld], ld, diag)
        for i in range(m):
            diag[i] += nw.l2
    else:
        for i in range(m):
            nw.k = k + i
            diag[i] = _gram_column(nw, A, cols[i], &U[<size_t> (k + i) * ld], cached) + nw.l2
        nw.k = k
    _solve_upper_many(k, m, U, ld, &U[<size_t> k * ld], ld)
    for i in range(m):  # the new columns' block of the factor, leaving out dependent ones
        src, dst = k + i, k + q
        for r in range(q):
            kept_gram[r] = U[<size_t> src * ld + k + kept[r]]
        if dst != src:
            memcpy(&U[<size_t> dst * ld], &U[<size_t> src * ld], k * sizeof(double))
        for r in range(q):
            s = kept_gram[r] - _dot_acc(k + r, &U[<size_t> (k + r) * ld], &U[<size_t> dst * ld])
            U[<size_t> dst * ld + k + r] = s / U[<size_t> (k + r) * ld + k + r]
        s = _dot_acc(dst, &U[<size_t> dst * ld], &U[<size_t> dst * ld])
        d = diag[i]
        if not d - s > NEWTON_PIVOT_TOL * d:  # (also false for NaN)
            continue
        U[<size_t> dst * ld + dst] = sqrt(d - s)
        nw.col[dst] = cols[i]
        nw.pos[cols[i]] = dst
        kept[q] = i
        q += 1
    nw.k = k + q
    free(cols)
    return m - q


cdef void _remove(Newton* nw, int i) noexcept nogil:
    """Drop factor position i (O(k²)): shift the later columns of U left, which leaves it upper
    Hessenberg from column i on, and rotate the sub-diagonal away (Givens) -- UᵀU stays the Gram
    matrix of the remaining columns."""
    cdef int k = nw.k, c, length, ld = nw.cap, two = 2
    cdef bint rotate_z = nw.zk == k  # (else z is good up to i at most)
    cdef double a, b, r, cs, sn
    cdef double* U = nw.U
    nw.pos[nw.col[i]] = -1
    for c in range(i, k - 1):
        memcpy(&U[<size_t> c * ld], &U[<size_t> (c + 1) * ld], (c + 2) * sizeof(double))
        nw.col[c] = nw.col[c + 1]
        nw.pos[nw.col[c]] = c
        nw.zsgn[c] = nw.zsgn[c + 1]
    for c in range(i, k - 1):
        a = U[<size_t> c * ld + c]
        b = U[<size_t> c * ld + c + 1]
        r = hypot(a, b)  # (the rotation by hand: a call of BLAS drotg cost as much as the drot)
        cs, sn = (a / r, b / r) if r > 0 else (1.0, 0.0)
        length = k - 1 - c
        drot(&length, &U[<size_t> c * ld + c], &ld, &U[<size_t> c * ld + c + 1], &ld, &cs, &sn)
        U[<size_t> c * ld + c + 1] = 0.0
        if rotate_z:  # Uᵀz = r with row i of the system gone: (QU)ᵀ(Qz) = r, for z's two columns
            drot(&two, &nw.z[c], &ld, &nw.z[c + 1], &ld, &cs, &sn)
    nw.k = k - 1
    nw.zk = k - 1 if rotate_z else min(nw.zk, i)


cdef int _refactor(Newton* nw, const floating[::1, :] A, const int* cols, int m, bint cached) noexcept nogil:
    """Factor the m columns ``cols`` from scratch (BLAS-3), leaving out any that depend on earlier
    ones; returns how many were left out."""
    cdef int i, info, good, ld = nw.cap
    cdef char up = b'U'
    cdef double d
    cdef double* U = nw.U
    _forget(nw)
    for i in range(m):  # U[:i + 1, i] = the Gram entries of cols[i] against cols[:i + 1]
        nw.col[i] = cols[i]
        nw.k = i
        d = _gram_column(nw, A, cols[i], &U[<size_t> i * ld], cached) + nw.l2
        U[<size_t> i * ld + i] = d
        nw.g[i] = d
    if m <= SMALL_CHOLESKY:
        info = _cholesky(m, U, ld)
    else:
        dpotrf(&up, &m, U, &ld, &info)
    good = m if info == 0 else info - 1
    for i in range(good):
        if not U[<size_t> i * ld + i] * U[<size_t> i * ld + i] > NEWTON_PIVOT_TOL * nw.g[i]:
            good = i
            break
    for i in range(good):
        nw.pos[cols[i]] = i
    nw.k = good
    for i in range(good + 1, m):  # the column at `good` depends on the earlier ones: it stays out
        _append(nw, A, cols[i], cached)
    return m - nw.k


cdef int _refactor_pivoted(Newton* nw, const floating[::1, :] A, const int* cols, int m,
                           bint cached) noexcept nogil:
    """Factor the columns of ``cols`` that a pivoted Cholesky of their unit-diagonal Gram matrix
    keeps (LAPACK dpstrf: the best-conditioned subset, largest remaining pivots first). Which of
    dependent columns stay out matters: leaving out the one that happened to come last can keep
    the step from ever fitting the solution's support. Returns how many were left out."""
    cdef int i, t, rank = 0, info = 0, ld = nw.cap, left_out
    cdef char up = b'U'
    cdef double tol = NEWTON_PIVOT_TOL
    cdef double* U = nw.U
    cdef double* scale = nw.g
    cdef int* piv = <int*> malloc(m * sizeof(int))
    cdef double* work = <double*> malloc(2 * m * sizeof(double))
    if piv == NULL or work == NULL:
        free(piv); free(work)
        return _refactor(nw, A, cols, m, cached)
    _forget(nw)
    for i in range(m):
        nw.col[i] = cols[i]
        nw.k = i
        U[<size_t> i * ld + i] = _gram_column(nw, A, cols[i], &U[<size_t> i * ld], cached) + nw.l2
    nw.k = 0
    for i in range(m):
        scale[i] = 1.0 / sqrt(U[<size_t> i * ld + i]) if U[<size_t> i * ld + i] > 0 else 0.0
    for i in range(m):
        for t in range(i + 1):
            U[<size_t> i * ld + t] *= scale[i] * scale[t]
    dpstrf(&up, &m, U, &ld, piv, &rank, &tol, work, &info)
    if info < 0:
        rank = 0
    for i in range(rank):  # the kept columns, in pivot order
        piv[i] = cols[piv[i] - 1]
    left_out = m - rank + _refactor(nw, A, piv, rank, cached)
    free(piv); free(work)
    return left_out


cdef inline double _xty(Newton* nw, const floating[::1, :] A, const floating[::1] b, int j) noexcept nogil:
    """x_jᵀy of the (centred) column j, computed once."""
    if nw.layout == GRAM:
        return b[j]
    if isnan(nw.xty[j]):
        if nw.layout != SPARSE:
            nw.xty[j] = _dot_acc(nw.n, &A[0, j], &b[0])
        elif floating is double:  # (the workspace keeps the layout's arrays in the data's precision)
            nw.xty[j] = _sparse_xty(nw, j, &b[0], nw.Xv, nw.Xm)
        else:
            nw.xty[j] = _sparse_xty(nw, j, &b[0], nw.Xv32, nw.Xm32)
    return nw.xty[j]


cdef inline double _sparse_xty(Newton* nw, int j, const floating* y, const floating* Xv,
                               const floating* Xm) noexcept nogil:
    """(x_j - Xm_j v)ᵀy over x_j's non-zeros (see _sparse_gram_column)."""
    cdef int t
    cdef double s = 0.0
    for t in range(nw.Xp[j], nw.Xp[j + 1]):
        s += <double> Xv[t] * y[nw.Xi[t]]
    return s - Xm[j] * nw.vty


cdef void _forward(Newton* nw, const floating[::1, :] A, const floating[::1] b) noexcept nogil:
    """Bring nw.z up to the factor's k columns and their signs nw.sgn: the positions from the first
    whose sign changed (or that z does not hold yet) on, by forward substitution -- for a few
    positions one dot product each, for more BLAS-3 (a dgemm for the rows z holds, then the
    triangle)."""
    cdef int c, t, j, k = nw.k, ld = nw.cap, zk, rows, two = 2
    cdef double s0, s1, u
    cdef double* z = nw.z
    cdef double* U = nw.U
    cdef char tr = b'T', nt = b'N'
    cdef double minus_one = -1.0, one = 1.0
    for c in range(nw.zk):
        if nw.zsgn[c] != nw.sgn[nw.col[c]]:
            nw.zk = c
            break
    zk = nw.zk
    for c in range(zk, k):
        j = nw.col[c]
        z[c] = _xty(nw, A, b, j)
        z[ld + c] = nw.sgn[j]
        nw.zsgn[c] = nw.sgn[j]
    rows = k - zk
    if rows <= 4 or k <= SMALL_CHOLESKY:
        for c in range(zk, k):
            s0, s1 = z[c], z[ld + c]
            for t in range(c):
                u = U[<size_t> c * ld + t]
                s0 -= u * z[t]
                s1 -= u * z[ld + t]
            z[c] = s0 / U[<size_t> c * ld + c]
            z[ld + c] = s1 / U[<size_t> c * ld + c]
    elif rows > 0:
        if zk > 0:
            dgemm(&tr, &nt, &rows, &two, &zk, &minus_one, &U[<size_t> zk * ld], &ld, z, &ld, &one,
                  &z[zk], &ld)
        _solve_upper_many(rows, 2, &U[<size_t> zk * ld + zk], ld, &z[zk], ld)
    nw.zk = k


cdef int _support(Newton* nw, const floating[::1] w, const int[::1] cols, int* n_new,
                  const double* enter=NULL, double l1_reg=0.0, bint positive=False) noexcept nogil:
    """nw.act = the columns of ``cols`` with w_j != 0 (returns how many), nw.sgn their signs; n_new:
    how many of them are not in the factor. With ``enter`` (x_jᵀr - l2 w_j by column, as the gap
    leaves it): also the zero coordinates that violate |enter_j| <= l1_reg, with the sign of
    enter_j -- the features entering at a kink of the path (LARS's step)."""
    cdef Py_ssize_t c
    cdef int j, m = 0
    cdef signed char sign
    n_new[0] = 0
    for c in range(cols.shape[0]):
        j = cols[c]
        if w[j] != 0:
            sign = 1 if w[j] > 0 else -1
        elif enter != NULL and enter[j] > l1_reg:
            sign = 1
        elif enter != NULL and not positive and enter[j] < -l1_reg:
            sign = -1
        else:
            continue
        nw.act[m] = j
        nw.sgn[j] = sign
        m += 1
        if nw.pos[j] < 0:
            n_new[0] += 1
    return m


cdef double newton_cost_bound(Newton* nw, int m, double l2_reg) noexcept nogil:
    """A lower bound on :func:`newton_cost` without features entering, where w has m non-zeros on
    cols, in O(1): the caller skips the O(m) count where even the bound rules the step out (at
    supports of 0.6-0.9 n on sparse X the count cost ~5 % of a sweep, every sweep). The cost model's
    least over what the count would find: at least m - k columns new, none free to multiply, and
    either branch of the model (which one applies depends on how many are new)."""
    cdef int n_new = max(m - nw.k, 0)
    return min(_cost_model(nw, m, n_new, 0.0, l2_reg), _cost_model(nw, m, m, 0.0, l2_reg))


cdef double newton_cost(Newton* nw, const floating[::1] w, const int[::1] cols, double l2_reg,
                        const double* enter=NULL, double l1_reg=0.0, bint positive=False) noexcept nogil:
    """What :func:`newton_step` would cost now, in the units of a CD sweep's flops (see _cd._solve):
    BLAS-3 flops count 1/32, the factor updates' BLAS-2 flops 1/8; the Gram columns of the sparse
    layout gather the support's non-zeros one by one, as CD does, and count in full."""
    cdef int i, n_new, m = _support(nw, w, cols, &n_new, enter, l1_reg, positive)
    cdef double mm = m, per_column = 0.0  # a Gram column's entries against the support: their cost
    if nw.layout == DENSE:
        per_column = nw.n * mm / 32.0
    elif nw.layout == GRAM:
        per_column = mm / 32.0
    else:
        for i in range(m):
            per_column += SPARSE_NNZ_WORK * (nw.Xp[nw.act[i] + 1] - nw.Xp[nw.act[i]])
    return _cost_model(nw, m, n_new, per_column, l2_reg)


cdef inline double _cost_model(Newton* nw, int m, int n_new, double per_column, double l2_reg) noexcept nogil:
    """:func:`newton_cost` for a support of m columns, n_new of them not in the factor, a Gram column
    costing ``per_column``."""
    cdef double mm = m
    if nw.dependent:  # the last step found dependent columns: pivoted refactorisation again (3x)
        return mm * mm * mm / 32.0 + per_column * n_new + 4.0 * mm * mm / 8.0
    if nw.l2 != l2_reg or nw.k == 0 or n_new * 4 > m:
        return mm * mm * mm / 96.0 + per_column * m + 4.0 * mm * mm / 8.0
    return per_column * n_new + (n_new + 4.0) * mm * mm / 8.0


cdef bint _solve_on_support(Newton* nw, const floating[::1, :] A, const floating[::1] b,
                            double l1_reg, bint ready=False) noexcept nogil:
    """nw.sol = the minimiser on the factor's columns with the signs nw.sgn; coordinates whose sign
    flips leave the factor and the system is solved again, at most NEWTON_ROUNDS times. False if
    signs still flip. ``ready``: nw.sol already holds the first solve."""
    cdef int i, j, rnd, flips
    cdef double* sol = nw.sol
    for rnd in range(NEWTON_ROUNDS):
        if rnd > 0 or not ready:
            _forward(nw, A, b)
            for i in range(nw.k):
                sol[i] = nw.z[i] - l1_reg * nw.z[nw.cap + i]
            _solve_upper(nw.k, nw.U, nw.cap, sol, False)
        flips = 0
        for i in range(nw.k - 1, -1, -1):
            j = nw.col[i]
            if not (isfinite(sol[i]) and sol[i] != 0 and (sol[i] > 0) == (nw.sgn[j] > 0)):
                _remove(nw, i)
                flips += 1
        if flips == 0:
            return True
    return False


cdef double _try_solution(Newton* nw, int m, floating[::1] w, double l1_reg, double l2_reg,
                          const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                          const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                          const floating[::1] Xm, double y_norm2, const int[::1] cols) noexcept nogil:
    """Move the support to nw.sol (zero outside the factor) and recompute the state there from scratch
    (the point is far from w: updates would carry their rounding into the gap that certifies it, and
    from scratch costs the same column operations); returns the objective there. The point is also
    left in nw.point (by support position)."""
    cdef int i, j
    for i in range(m):
        j = nw.act[i]
        nw.point[i] = nw.sol[nw.pos[j]] if nw.pos[j] >= 0 else 0.0
        w[j] = <floating> nw.point[i]  # (float32: rounded; S below is of the rounded point)
    _refresh(nw.layout, w, cols, A, b, S, Xp, Xi, Xv, Xm)
    return _objective(nw.layout, w, cols, l1_reg, l2_reg, b, S, y_norm2)


cdef void _anchor(Newton* nw, double l1_reg, const floating[::1] S) noexcept nogil:
    """Keep the point :func:`newton_step` just moved to (w_F = nw.sol, state S, at l1_reg): the anchor
    of :func:`newton_along`, used when that point certified its α (the caller opens the next α with it
    only then)."""
    cdef Py_ssize_t i, m = S.shape[0]
    if nw.seg_S == NULL:
        nw.seg_S = <double*> malloc(m * sizeof(double))
        nw.seg_dS = <double*> malloc(m * sizeof(double))
        if nw.seg_S == NULL or nw.seg_dS == NULL:
            free(nw.seg_S); free(nw.seg_dS)
            nw.seg_S = nw.seg_dS = NULL
            return
    memcpy(nw.seg_w, nw.sol, nw.k * sizeof(double))
    for i in range(m):
        nw.seg_S[i] = S[i]
    nw.seg_l1, nw.seg_ok, nw.dir_ok, nw.dS_ok = l1_reg, True, False, False


cdef bint newton_step(Newton* nw, floating[::1] w, double l1_reg, double l2_reg,
                     const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                     const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                     const floating[::1] Xm, double y_norm2, const int[::1] cols,
                     floating[::1] S_keep, floating* w_keep, const double* enter=NULL,
                     bint positive=False) noexcept nogil:
    """Jump to the exact minimiser on the current support, when its signs hold.

    Once CD has (nearly) found the support A and signs s of the solution, the optimality conditions
    on A are linear: (X_A^T X_A + l2_reg I) w_A = X_A^T y - l1_reg s. A Cholesky solve gives w_A to
    rounding, where CD would need many sweeps when X_A is ill-conditioned (e.g. |A| near n). The
    factor of the last step is updated to the new support (columns that left removed, new ones
    appended: O(|A|²) each) unless most columns are new. Coordinates whose sign flips in the
    solution leave A and the system is solved again (at most NEWTON_ROUNDS times). Columns that
    depend on the others (copies of a feature, sums of others) stay at zero, the fit they add
    already on offer: which ones, a pivoted factorisation of the whole support decides (leaving
    out the newest instead made the saturating problems of test_active_set.py stall). The point is
    kept only if it lowers the objective; the caller's gap check decides whether it is optimal.
    With ``enter`` (see :func:`_support`): the support grows by the features that violate the dual
    constraint at w, entering with the sign of their gradient. Returns whether w moved.
    """
    cdef int n_new, m = _support(nw, w, cols, &n_new, enter, l1_reg, positive), i, j, left_out = 0
    cdef bint cached, ready = nw.sol_ready and n_new == 0 and m == nw.k  # (w's support: the factor's columns)
    cdef double before
    nw.seg_ok = nw.sol_ready = False  # (the factor may change below)
    if m == 0 or not _reserve(nw, m) or (nw.layout == SPARSE and not _sparse_rows_ready(nw)):
        return False
    if nw.l2 != l2_reg:  # another α of an elastic net: another matrix
        _forget(nw)
        nw.l2 = l2_reg
    for i in range(m):
        nw.mark[nw.act[i]] = 1
    for i in range(nw.k - 1, -1, -1):  # columns that left the support leave the factor
        if not nw.mark[nw.col[i]]:
            _remove(nw, i)
    for i in range(m):
        nw.mark[nw.act[i]] = 0
    cached = nw.cache != NULL and _cache_add(nw.cache, A, nw.act, m)
    if nw.k == 0 or n_new * 4 > m:
        left_out = _refactor(nw, A, nw.act, m, cached)
    elif n_new > 1 and nw.k > SMALL_CHOLESKY:
        left_out = _append_block(nw, A, nw.act, m, n_new, cached)
    else:
        for i in range(m):
            j = nw.act[i]
            if nw.pos[j] < 0 and not _append(nw, A, j, cached):
                left_out += 1
    nw.dependent = left_out > 0
    if left_out:  # which dependent columns stay out: those a pivoted factorisation leaves out
        _refactor_pivoted(nw, A, nw.act, m, cached)
    if not _solve_on_support(nw, A, b, l1_reg, ready and nw.k == m):
        return False
    before = _objective(nw.layout, w, cols, l1_reg, l2_reg, b, S, y_norm2)
    _save(w, S, nw.act, m, w_keep, S_keep)
    if _try_solution(nw, m, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols) < before:
        _anchor(nw, l1_reg, S)
        return True
    _restore(w, S, nw.act, m, w_keep, S_keep)
    return False


cdef int newton_along(Newton* nw, floating[::1] w, double l1_reg, double l2_reg,
                      const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                      const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                      const floating[::1] Xm, double y_norm2, const int[::1] cols,
                      floating[::1] S_keep, floating* w_keep) noexcept nogil:
    """The solve on the anchor's support at l1_reg, found along its segment of the path.

    Between two kinks of a lasso path the solve of :func:`newton_step` is affine in l1_reg (LARS's
    homotopy): w_F(l1) = w_F(l1_0) + (l1_0 - l1) u, u = (UᵀU)⁻¹ sign(w_F), and the state, affine
    in w, moves by (l1_0 - l1) dS. u and dS cost one step's triangular solves and column
    operations, once per segment; every later α on it then costs O(len(S)) instead of a step.
    Returns -1 when it does not apply (no anchor, an elastic net) or a sign changes by l1_reg (a
    feature leaves: the caller takes the full step, which starts from this solve, left in nw.sol),
    else as newton_step: 1 if w moved to that point (kept only if it lowers the objective), 0 if not.
    float32: the point is rounded and its state recomputed from scratch, as newton_step does.
    """
    cdef int i, k = nw.k
    cdef Py_ssize_t t, m = S.shape[0]
    cdef double step = nw.seg_l1 - l1_reg, v, before
    cdef double* u = nw.seg_u
    cdef bint forward_done
    if not nw.seg_ok or l2_reg != 0 or nw.l2 != 0 or k == 0:
        return -1
    if not nw.dir_ok:
        forward_done = nw.zk == k
        for i in range(k):
            u[i] = 1.0 if nw.seg_w[i] > 0 else -1.0
            forward_done = forward_done and nw.zsgn[i] == u[i]
        if forward_done:  # (the solve that made the anchor left U⁻ᵀ sign_F in z)
            memcpy(u, &nw.z[nw.cap], k * sizeof(double))
        else:
            _solve_upper(k, nw.U, nw.cap, u, True)
        _solve_upper(k, nw.U, nw.cap, u, False)
        nw.dir_ok = True
    for i in range(k):
        nw.sol[i] = nw.seg_w[i] + step * u[i]
    for i in range(k):
        v = nw.sol[i]
        if not (isfinite(v) and v != 0 and (v > 0) == (nw.seg_w[i] > 0)):
            nw.sol_ready = True  # a feature leaves: the step goes on from this solve (its first)
            return -1
    if not nw.dS_ok and floating is double:
        for t in range(m):
            S_keep[t] = 0.0
        if nw.layout == GRAM and _gram_product_pays(k, m):  # dS = A u in one BLAS-2 call
            for i in range(k):
                S_keep[nw.col[i]] = u[i]
            _gemv(<int> m, <int> m, <double*> &A[0, 0], <double*> &S_keep[0], nw.seg_dS)
        else:
            for i in range(k):  # (_move is linear in its step: S_keep collects the state's change)
                _move(nw.layout, nw.col[i], u[i], A, S_keep, Xp, Xi, Xv, Xm)
            for t in range(m):
                nw.seg_dS[t] = S_keep[t]
        nw.dS_ok = True
    before = _objective(nw.layout, w, cols, l1_reg, l2_reg, b, S, y_norm2)
    _save(w, S, nw.col, k, w_keep, S_keep)
    for i in range(k):
        w[nw.col[i]] = <floating> nw.sol[i]
    if floating is double:
        for t in range(m):
            S[t] = nw.seg_S[t] + step * nw.seg_dS[t]
    else:  # the rounded point's own state (an update would certify a state drifted by rounding)
        _refresh(nw.layout, w, cols, A, b, S, Xp, Xi, Xv, Xm)
    if _objective(nw.layout, w, cols, l1_reg, l2_reg, b, S, y_norm2) < before:
        return 1
    _restore(w, S, nw.col, k, w_keep, S_keep)
    return 0


def factor_ops(const double[::1, :] G, ops, double l2=0.0, bint grow=False, xty=None):
    """Test hook for the factor updates: on the Gram matrix G, apply ``ops`` -- ("a", j) append
    column j, ("b", cols) append the columns not yet in the factor together (returns how many were
    left out), ("r", i) remove factor position i, ("f", cols) / ("p", cols) refactor (pivoted),
    ("z", signs) bring the forward vectors up to date for the signs (by column) and ``xty``
    (returns them, by factor position) -- and return (U, the factor's columns, each op's result:
    appended? / how many left out / the forward vectors). With ``grow``, room is made one append
    at a time (the reallocations of a growing path) instead of for every column at once."""
    import numpy as np
    cdef Newton* nw = newton_new(GRAM, G.shape[0], G.shape[1])
    cdef int[::1] c
    cdef int res, i
    cdef double[::1] b = np.zeros(G.shape[0]) if xty is None else np.asarray(xty, dtype=np.float64)
    nw.l2 = l2
    _reserve(nw, 1 if grow else G.shape[1])
    out = []
    try:
        for op, arg in ops:
            if op == "a":
                _reserve(nw, nw.k + 1)
                out.append(_append(nw, G, <int> arg, False))
            elif op == "r":
                _remove(nw, arg)
            elif op == "b":
                c = np.asarray(arg, dtype=np.intc)
                _reserve(nw, nw.k + c.shape[0])
                res = 0
                for i in range(c.shape[0]):
                    res += nw.pos[c[i]] < 0
                out.append(_append_block(nw, G, &c[0], c.shape[0], res, False))
            elif op == "z":
                for i in range(G.shape[0]):
                    nw.sgn[i] = arg[i]
                _forward(nw, G, b)
                out.append(np.array([[nw.z[i], nw.z[nw.cap + i]] for i in range(nw.k)]).reshape(-1, 2))
            else:
                c = np.asarray(arg, dtype=np.intc)
                _reserve(nw, c.shape[0])
                if op == "p":
                    res = _refactor_pivoted(nw, G, &c[0], c.shape[0], False)
                else:
                    res = _refactor(nw, G, &c[0], c.shape[0], False)
                out.append(res)
        U = np.array([[nw.U[j * nw.cap + i] if i <= j else 0.0 for j in range(nw.k)] for i in range(nw.k)])
        return U, [nw.col[i] for i in range(nw.k)], out
    finally:
        newton_free(nw)


def sparse_gram(const int[::1] Xp, const int[::1] Xi, const double[::1] Xv, const double[::1] Xm,
                const double[::1] b, int n, cols, int block=0):
    """Test hook for the sparse layout's Newton step: the Gram matrix of the implicitly centred
    columns ``cols`` and their products with y, as the step computes them (b = y, or [y, v] with
    weighted rows; see _layouts.pxd); the last ``block`` columns together, as appended together."""
    import numpy as np
    cdef Newton* nw = newton_new(SPARSE, n, Xp.shape[0] - 1)
    cdef double[::1, :] unused = np.zeros((1, 1), order="F")
    cdef double[::1, :] G = np.zeros((len(cols), len(cols)), order="F")
    cdef int i, m = len(cols)
    xty = np.zeros(m)
    try:
        if nw == NULL:
            raise MemoryError
        newton_sparse(nw, Xp, Xi, Xv, Xm, b)
        if not _reserve(nw, m) or not _sparse_rows_ready(nw):
            raise MemoryError
        for i in range(m):
            nw.col[i] = cols[i]
        for i in range(m - block):
            nw.k = i  # column i against the first i: the upper triangle
            G[i, i] = _gram_column(nw, unused, <int> cols[i], &G[0, i], False)
        nw.k = m - block
        if block:
            _sparse_gram_block(nw, block, &G[0, m - block], m, &nw.g[0])
            for i in range(block):
                G[m - block + i, m - block + i] = nw.g[i]
        for i in range(m):
            xty[i] = _xty(nw, unused, b, <int> cols[i])
        nw.k = 0
        return np.triu(G) + np.triu(G, 1).T, xty
    finally:
        newton_free(nw)
