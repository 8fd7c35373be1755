"""QR updates for the active-set method (_active_set.py): X_A = Q_k R_k, where Q_k is the first k
columns of the buffer Q (n x cap) and R_k the leading k x k block of R (cap x cap), both Fortran
order; only R's upper triangle is meaningful. Callers check shapes and k < cap.
"""
from scipy.linalg.cython_blas cimport daxpy, dgemv, dnrm2, drot, drotg, dtrsv


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
