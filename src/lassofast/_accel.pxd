# Acceleration for the coordinate-descent solver in _cd.pyx, apart from its CD loop: Anderson
# extrapolation of the iterates, and the Newton step -- the exact solve on a settled support -- with
# the Cholesky factor it keeps up to date along the path and the Gram cache it reads in the dense layout.
from cython cimport floating


cdef enum:
    ANDERSON_K = 5


cdef bint try_extrapolation(int layout, floating[::1] w, double l1_reg, double l2_reg,
                            const floating[::1] b, floating[::1] S, double y_norm2,
                            const int[::1] cols, bint positive, const double* whist,
                            const double* shist, floating* w_keep, floating[::1] S_keep,
                            const double* lo=*, const double* hi=*) noexcept nogil


ctypedef struct GramCache:
    # Gram entries of the columns the Newton step has needed so far along the path (glmnet's
    # covariance idea): a column's products are computed once, with BLAS-3, when it first enters.
    int cap        # most columns held
    int size       # columns held now
    int n          # rows of X
    int* pos       # (p,) position of each column in the cache, or -1
    double* X      # (n, cap) the cached columns, Fortran order
    double* G      # (cap, cap) their Gram matrix, upper triangle, column-major


ctypedef struct Newton:
    # The Newton step's workspace for one path: a Cholesky factor UᵀU = X_FᵀX_F + l2 I of the columns
    # F the last step used, updated (columns appended and removed) instead of refactorised, since the
    # support changes by a few columns from one α to the next.
    int layout
    int n, p       # rows (dense layout) and columns of X
    int cap        # order U has room for
    int k          # columns in the factor
    double l2      # the diagonal shift U holds
    int* col       # (cap) the column at each factor position
    int* pos       # (p) the factor position of each column, or -1
    unsigned char* mark  # (p) scratch flags, all 0 between calls
    double* U      # (cap, cap) upper triangle, column-major, leading dimension cap
    double* xty    # (p) x_jᵀy of the dense layout, computed when first needed (NaN before)
    double* g      # (cap) scratch: a column's Gram entries against F, then its new column of U
    double* sol    # (cap) right-hand side, then solution, by factor position
    # The forward halves of the step's solves, z[:k] = U⁻ᵀX_Fᵀy and z[cap:cap + k] = U⁻ᵀsign_F (the
    # right-hand side at l1_reg is X_Fᵀy - l1_reg sign_F): kept through appends (extended when next
    # needed) and removals (rotated with U), so a solve is one back substitution.
    double* z      # (2 cap)
    signed char* zsgn  # (cap) the sign z[cap + i] was computed with
    int zk         # z holds positions < zk
    int* act       # (p) scratch: the support's columns
    double* point  # (p) scratch: a candidate point on the support, by support position
    signed char* sgn  # (p) the sign each support column is solved with (of w_j, or of an entering gradient)
    bint dependent  # the last step left dependent columns out (and refactorised, pivoted)
    GramCache* cache  # dense layout: Gram entries computed once (NULL: dot products)
    # Sparse layout (see _layouts.pxd): the CSC columns, their means, vᵀy for the implicit centring
    # (x_j - Xm_j v)ᵀy = x_jᵀy - Xm_j vᵀy
    const int* Xp
    const int* Xi
    const double* Xv  # (float64 data; float32 data: Xv32, Xm32, the others NULL)
    const double* Xm
    const float* Xv32
    const float* Xm32
    double vty
    # ... and its rows (CSR), built at the first Gram column: a column's products with the factor's
    # columns then run over the rows it touches, not over the factor's columns' non-zeros
    int* Rp        # (n + 1)
    int* Rj        # (nnz) column indices
    void* Rv       # (nnz) floating: values
    int* slot      # (p) scratch: each factor column's position, the others -1 (between calls: all -1)
    double* scatter  # (n) scratch: one column scattered (between calls: all 0)
    # Each row keeps the entries of a column set P first, Rj[Rp[i]:Rp[i] + rk[i]], so that a column's
    # products with the factor's columns read only those: P is brought to the factor's columns at
    # each Gram block (the columns that left moved out of the rows' heads, the new ones in).
    int* rk        # (n) row i's entries of P
    int* tpos      # (nnz) where each CSC non-zero sits in the rows
    int* ucsc      # (nnz) the CSC non-zero of each row entry
    unsigned char* in_rows  # (p) the columns of P
    int* pcols     # (p) P's columns
    int n_p        # |P|
    # The segment of the path the last step's solve lies on (see newton_along): for the lasso the
    # solve is affine in l1_reg, w_F(l1) = w_F(l1_0) + (l1_0 - l1) u with u = (UᵀU)⁻¹ sign(w_F),
    # until a feature enters or leaves.
    bint seg_ok    # seg_w, seg_S hold that solve, and the factor has not changed since
    bint dir_ok    # seg_u is computed for it
    bint dS_ok     # and seg_dS
    bint sol_ready  # sol holds the solve on the factor at the l1_reg of the next step (newton_along)
    double seg_l1  # its l1_reg
    double* seg_w  # (p) its coefficients by factor position
    double* seg_u  # (p) u by factor position
    double* seg_S  # (len(S)) the state there
    double* seg_dS  # (len(S)) the state's change for w_F += u


cdef Newton* newton_new(int layout, int n, int p) noexcept nogil
cdef void newton_sparse(Newton* nw, const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                        const floating[::1] Xm, const floating[::1] b) noexcept nogil
cdef void newton_free(Newton* nw) noexcept nogil
cdef double newton_cost_bound(Newton* nw, int m, double l2_reg) noexcept nogil
cdef double newton_cost(Newton* nw, const floating[::1] w, const int[::1] cols, double l2_reg,
                        const double* enter=*, double l1_reg=*, bint positive=*) noexcept nogil
cdef bint newton_step(Newton* nw, floating[::1] w, double l1_reg, double l2_reg,
                      const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                      const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                      const floating[::1] Xm, double y_norm2, const int[::1] cols,
                      floating[::1] S_keep, floating* w_keep, const double* enter=*,
                      bint positive=*) noexcept nogil
cdef int newton_along(Newton* nw, floating[::1] w, double l1_reg, double l2_reg,
                      const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                      const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                      const floating[::1] Xm, double y_norm2, const int[::1] cols,
                      floating[::1] S_keep, floating* w_keep) noexcept nogil
