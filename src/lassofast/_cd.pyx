"""Coordinate-descent kernels for the elastic net (lasso is l1_ratio = 1).

Every kernel solves the n-scaled problem

    P(w) = 1/2 ||y - X w||^2 + l1_reg ||w||_1 + l2_reg/2 ||w||^2,

with l1_reg = n α ρ and l2_reg = n α (1 - ρ), i.e. n times scikit-learn's objective
(1/(2n))||y - Xw||^2 + α ρ ||w||_1 + α (1-ρ)/2 ||w||^2. The explainer page's form (README)
J = (1/n)||y - Xw||^2 + λ||w||_1 is 2/n times P with λ = 2α, ρ = 1.

One coordinate update is the soft-threshold w_j = sign(z_j) max(|z_j| - λ, 0) in the page's words:

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

Box constraints (``lower``/``upper`` of :func:`enet_path_solve`, l_j <= 0 <= u_j, either may be
infinite): the update is the one above clipped into [l_j, u_j] -- exact, since the one-dimensional
objective is convex. The certificate is Fenchel duality with the penalty of one coordinate
h_j(v) = l1_reg |v| + l2_reg/2 v^2 + ι_[l_j, u_j](v), P(w) = 1/2 ||y - Xw||^2 + sum_j h_j(w_j):

    D(θ) = θ^T y - 1/2 ||θ||^2 - sum_j h_j*(x_j^T θ)  <=  P(w)   for every θ,

    h_j*(s) = φ(s - l1_reg; u_j) + φ(-s - l1_reg; -l_j),
    φ(t; β) = sup_{0 <= v <= β} (t v - l2_reg/2 v^2)
            = 0 (t <= 0),  t^2 / (2 l2_reg) (0 < t <= l2_reg β),  t β - l2_reg β^2/2 (otherwise),

so with l2_reg = 0, h_j*(s) = u_j max(s - l1_reg, 0) + l_j min(s + l1_reg, 0). (Weak duality:
P(w) - D(θ) = 1/2 ||y - Xw - θ||^2 + sum_j [h_j(w_j) + h_j*(x_j^T θ) - w_j x_j^T θ] >= 0 by
Fenchel-Young.) h_j* is finite except when l2_reg = 0 and the bound on the side x_j^T θ pushes
towards is infinite, with |x_j^T θ| > l1_reg. So θ = c r with c = 1, except for l2_reg = 0:
c = min(1, l1_reg / max |x_j^T r|) over the directions whose bound is infinite (the rescaling above,
restricted to them); the dual is also tried at the point rescaled as in the unboxed case and
the better one kept (:func:`_dual_box`). At the solution θ = r and the gap is 0. A feature at a
bound whose gradient pushes outward is not a violator: its score for the strong rule and the KKT
check (:func:`_score`) counts only the directions its box leaves open. Of ``accelerate``, the box
keeps Anderson extrapolation (a combination is taken only if it lies inside the box) and turns off
the Newton step (it solves on the support with no box) and the violator passes (they assume the
unboxed dual).

All inputs are validated in Python (lassofast._validation) before a kernel runs: the kernels do no
bounds checks and assume contiguous arrays of matching shapes.

The kernel's modules: _blas.pxd (inline BLAS shims, the soft-threshold), _layouts.pxd (the data
layouts and their running state), this file (the certificate, the CD solver and the path driver),
_accel.pyx (Anderson extrapolation and the Newton step), _qr.pyx (QR updates for _active_set.py).

References: Friedman, Hastie, Tibshirani (2010) "Regularization paths for generalized linear models via
coordinate descent", JSS 33(1); scikit-learn's sklearn/linear_model/_cd_fast.pyx (same objective,
same gap and tol convention).
"""
from cython cimport floating
from libc.math cimport INFINITY, fabs
from libc.stdlib cimport free, malloc
from libc.stdint cimport int64_t

from scipy.linalg.cython_blas cimport ddot

from ._accel cimport (ANDERSON_K, Newton, newton_cost, newton_free, newton_new, newton_step,
                      try_extrapolation)
from ._blas cimport _check_signals, _soft_threshold, _update
from ._layouts cimport (DENSE, GRAM, SPARSE, _corr, _corr_fast, _move, _objective, _refresh,
                        _residual_stats, _restore, _save)


def soft_threshold(floating[::1] z, double t):
    """Apply S(z, t) elementwise, in place, with the kernel's own operator."""
    cdef Py_ssize_t i
    cdef floating tt = <floating> t
    with nogil:
        for i in range(z.shape[0]):
            z[i] = _soft_threshold(z[i], tt)


# The data layouts (dense, Gram, sparse CSC) and the running state S each keeps: see _layouts.pxd.
LAYOUT_DENSE, LAYOUT_GRAM, LAYOUT_SPARSE = DENSE, GRAM, SPARSE  # for the Python callers


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


cdef double _gap(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                 const floating[::1, :] A, const floating[::1] b, const floating[::1] S,
                 const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                 double y_norm2, const int[::1] cols, bint positive, double[::1] corr_out,
                 const double* lo=NULL, const double* hi=NULL) noexcept nogil:
    """P(w) - D(θ(w)): the duality gap at w, dual feasibility checked on ``cols``.

    Pure ridge (l1_reg = 0) makes θ = 0 and that gap useless; there P is l2_reg-strongly convex, so
    P(w) - P* <= ||grad P(w)||^2 / (2 l2_reg) = sum_j g_j^2 / (2 l2_reg) certifies instead.
    With box bounds ``lo``, ``hi`` (non-NULL): the box's own dual, :func:`_dual_box`.
    """
    cdef Py_ssize_t k, j
    cdef double g, grad_norm2 = 0.0
    if lo != NULL:
        return (_objective(layout, w, l1_reg, l2_reg, b, S, y_norm2)
                - _dual_box(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, lo, hi,
                            corr_out))
    if l1_reg == 0.0 and l2_reg > 0.0:
        for k in range(cols.shape[0]):
            j = cols[k]
            g = _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm) - l2_reg * w[j]
            corr_out[j] = g
            grad_norm2 += g * g
        return grad_norm2 / (2.0 * l2_reg)
    return (_objective(layout, w, l1_reg, l2_reg, b, S, y_norm2)
            - _dual(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, positive, corr_out))


cdef inline double _conj_side(double t, double bound, double l2_reg) noexcept nogil:
    """φ(t; bound) = sup over 0 <= v <= bound of t v - l2_reg/2 v^2 (bound >= 0, may be inf)."""
    if t <= 0 or bound == 0:
        return 0.0
    if l2_reg > 0 and t <= l2_reg * bound:  # the maximiser t / l2_reg is inside
        return 0.5 * t * t / l2_reg
    if bound == INFINITY:
        return INFINITY
    return t * bound - 0.5 * l2_reg * bound * bound


cdef double _box_dual_at(double c, const floating[::1] w, double l1_reg, double l2_reg,
                         const int[::1] cols, const double* lo, const double* hi, const double[::1] corr,
                         double r_norm2, double r_dot_y) noexcept nogil:
    """D(c r) from r's statistics and corr[j] = x_j^T r - l2_reg w_j (see _dual_box)."""
    cdef Py_ssize_t k, j
    cdef double s, up, down, conj = 0.0
    for k in range(cols.shape[0]):
        j = cols[k]
        s = c * (corr[j] + l2_reg * w[j])
        up, down = s - l1_reg, -s - l1_reg
        if l2_reg == 0:  # c made these <= 0 towards an infinite bound, up to rounding
            if hi[j] == INFINITY:
                up = min(up, 0.0)
            if lo[j] == -INFINITY:
                down = min(down, 0.0)
        conj += _conj_side(up, hi[j], l2_reg) + _conj_side(down, -lo[j], l2_reg)
    return c * r_dot_y - 0.5 * c * c * r_norm2 - conj


cdef double _dual_box(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                      const floating[::1, :] A, const floating[::1] b, const floating[::1] S,
                      const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                      double y_norm2, const int[::1] cols, const double* lo, const double* hi,
                      double[::1] corr_out) noexcept nogil:
    """max(D(c_inf r), D(c_open r)) of the box-constrained problem (see the module docstring), checked
    on ``cols``; corr_out[j] = x_j^T r - l2_reg w_j for j in cols, as :func:`_dual` stores.

    c_inf rescales only towards infinite bounds (l2_reg = 0), the least that makes D finite. But a
    large finite bound u_j makes h_j* steep (u_j per unit of |x_j^T θ| over l1_reg), so near the
    solution D(c_inf r) can lag far behind; c_open = min(1, l1_reg / max |x_j^T r|) over every open
    direction puts each h_j* at 0, where D is the plain lasso dual: the box's gap is then never
    worse than the unboxed certificate at the same w."""
    cdef Py_ssize_t k, j
    cdef double s, c_inf = 1.0, c_open = 1.0, outward = 0.0, open_max = 0.0, r_norm2, r_dot_y, best
    for k in range(cols.shape[0]):
        j = cols[k]
        s = _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm)
        corr_out[j] = s - l2_reg * w[j]
        if hi[j] > 0 and s > open_max:
            open_max = s
        if lo[j] < 0 and -s > open_max:
            open_max = -s
        if l2_reg == 0:  # only there an infinite bound needs θ rescaled
            if hi[j] == INFINITY and s > outward:
                outward = s
            if lo[j] == -INFINITY and -s > outward:
                outward = -s
    if outward > l1_reg:
        c_inf = l1_reg / outward
    if open_max > l1_reg:
        c_open = l1_reg / open_max
    _residual_stats(layout, w, b, S, y_norm2, &r_norm2, &r_dot_y)
    best = _box_dual_at(c_inf, w, l1_reg, l2_reg, cols, lo, hi, corr_out, r_norm2, r_dot_y)
    if c_open < c_inf:
        best = max(best, _box_dual_at(c_open, w, l1_reg, l2_reg, cols, lo, hi, corr_out, r_norm2, r_dot_y))
    return best


cdef inline double _score(double g, bint positive, const double* lo, const double* hi,
                          Py_ssize_t j) noexcept nogil:
    """How far the gradient g_j pushes feature j off zero in a direction its constraints leave open
    (the strong rule and the KKT check compare it with l1_reg): |g|, g with ``positive``, and under
    a box only the sides whose bound is not 0 (-inf when both are: the feature stays at 0)."""
    if lo == NULL:
        return g if positive else fabs(g)
    return max(g if hi[j] > 0 else -INFINITY, -g if lo[j] < 0 else -INFINITY)


cdef inline floating _clip(floating v, const double* lo, const double* hi, Py_ssize_t j) noexcept nogil:
    """v clipped into [lo_j, hi_j] (the bounds are exact in the working precision: see path.py)."""
    if v < lo[j]:
        return <floating> lo[j]
    if v > hi[j]:
        return <floating> hi[j]
    return v


cdef enum:
    GAP_EVERY = 10  # sweeps between gap checks even while coordinates still move
    VIOLATOR_PASSES = 5

GAP_EVERY_SWEEPS = GAP_EVERY  # for geometry's coordinate_descent_trace, which replays this rule


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
                bint accelerate, floating[::1] S_keep, Newton* nw, double* work,
                const double* lo=NULL, const double* hi=NULL) except -1 nogil:
    """Cyclic CD over ``cols`` until the gap (on cols) is <= tol * ||y||^2; returns the sweeps done.

    With ``accelerate``: Anderson extrapolation every ANDERSON_K sweeps, violator passes to finish
    the certificate (:func:`_violator_passes`), and with a Newton workspace ``nw`` (float64 dense and
    Gram layouts) the exact solve on a settled support (_accel.newton_step). ``S_keep`` is scratch
    shaped like S. ``work`` counts flops toward the next signal check (see :func:`_signal_point`),
    across calls. ``lo``, ``hi`` (non-NULL): box bounds, each update clipped into them (Anderson
    only, no Newton step or violator passes then; see the module docstring).
    """
    cdef Py_ssize_t k, j, n_cols = cols.shape[0]
    cdef int n_iter = 0, n_hist = 0, n_flips, nnz
    cdef bint extrapolated = False
    cdef int interrupted = 0
    cdef double newton_credit = 0.0, newton_backoff = 1.0
    cdef floating w_j, w_new, z
    cdef floating l1 = <floating> l1_reg, l2 = <floating> l2_reg
    cdef double w_max, d_w_max
    cdef double gap_tol = tol * y_norm2
    cdef int vp_wait = 0, vp_skip = 0
    cdef double work_per_sweep = <double> n_cols * (A.shape[0] if layout != SPARSE else 16)
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
    if not accelerate or l1_reg == 0 or lo != NULL:  # (the Newton step ignores the box)
        nw = NULL
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
            if lo != NULL:
                w_new = _clip(w_new, lo, hi, j)
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
            if floating is float or extrapolated:  # float32 or combined states drift: recompute
                _refresh(layout, w, A, b, S, Xp, Xi, Xv, Xm)
                extrapolated = False
            gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, positive, corr,
                          lo, hi)
            # Violator passes when the rest of the gap, P(w) - D(r), already meets the tolerance and
            # only the rescaling part D(r) - D(c r) does not: the primal is accurate, the dual point
            # is not (trying earlier wasted passes; timings: benchmarks/README.md). They only
            # finish: their point is kept if its gap meets the tolerance, otherwise CD resumes from
            # its own iterate and the next try waits twice as many gap checks (up to 8). Left in
            # place, their moves slowed convergence at tol 1e-10 and blurred the support the Newton
            # step needs.
            if (accelerate and lo == NULL and gap[0] > gap_tol and n_iter < max_iter and l1_reg > 0
                    and vp_wait == 0 and (1.0 - _rescaling_share(layout, w, l1_reg, l2_reg, b, S, y_norm2,
                                                                 gap[0])) * gap[0] <= gap_tol):
                _save(w, S, &cols[0], n_cols, w_keep, S_keep)
                gap_keep = gap[0]
                for k in range(n_cols):
                    corr_keep[k] = corr[cols[k]]
                if _violator_passes(layout, w, l1, l2, A, b, S, Xp, Xi, Xv, Xm, norm2, cols, positive):
                    _refresh(layout, w, A, b, S, Xp, Xi, Xv, Xm)
                    gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                                  positive, corr)
                if gap[0] > gap_tol:  # not finished: back to the CD iterate (and its gap, corr)
                    _restore(w, S, &cols[0], n_cols, w_keep, S_keep)
                    gap[0] = gap_keep
                    for k in range(n_cols):
                        corr[cols[k]] = corr_keep[k]
                    vp_skip = min(2 * vp_skip + 1, 8)
                    vp_wait = vp_skip
            elif vp_wait > 0:
                vp_wait -= 1
            if gap[0] <= gap_tol or n_iter == max_iter:
                break
        # On a (nearly) settled support, try the exact solve there -- but spend on it no more than
        # the sweeps since the last try cost, so it at most about doubles the work.
        newton_credit += work_per_sweep
        if floating is double:  # (float32: its Cholesky solve is less exact than the gap must be)
            if (nw != NULL and nnz > 0 and n_flips <= nnz // 100
                    and newton_credit >= newton_backoff * newton_cost(nw, w, cols, l2_reg)):
                newton_credit = 0.0
                work[0] += 32.0 * newton_cost(nw, w, cols, l2_reg)  # (in flops, for the signal check)
                newton_backoff *= 2  # each miss makes the next try wait longer
                if newton_step(nw, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, S_keep,
                               w_keep):
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
                if try_extrapolation(layout, w, l1_reg, l2_reg, b, S, y_norm2, cols, positive, whist,
                                     shist, w_keep, S_keep, lo, hi):
                    extrapolated = True
        work[0] += work_per_sweep
        interrupted = _signal_due(work)
        if interrupted:
            break
    free(whist)
    free(shist)
    free(w_keep)
    free(corr_keep)
    return -1 if interrupted else n_iter


cdef inline int _signal_due(double* work) noexcept nogil:
    """Every ~50 Mflop of ``work`` (carried across α and KKT rounds): check for a signal, so Ctrl-C
    gets through within a fraction of a second. -1 with the exception set if a handler raised."""
    if work[0] <= 5e7:
        return 0
    work[0] = 0.0
    return -1 if _check_signals() == -1 else 0


cdef int _signal_point(double* work) except -1 nogil:
    """_signal_due for the path driver: raises (the caller cleans up in its ``finally``)."""
    return _signal_due(work)


cdef double[::1] _work_array(Py_ssize_t p):
    import numpy as np
    return np.zeros(p, dtype=np.float64)


# ---------------------------------------------------------------------------------------------------
# The path driver


def enet_path_solve(int layout, floating[::1] w, const double[::1] alphas, double l1_ratio, int n_samples,
                    const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                    const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                    const floating[::1] norm2, double y_norm2, floating[:, ::1] coefs, double[::1] gaps,
                    int64_t[::1] n_iters, *, int max_iter, double tol, bint positive=False,
                    bint screen=True, bint accelerate=True, Py_ssize_t stop_nnz=-1, int stop_sweeps=-1,
                    const double[::1] lower=None, const double[::1] upper=None):
    """Solve at every α of ``alphas`` (decreasing, > 0) in turn, warm-starting each from the last.

    Writes row k of ``coefs`` (K, p), ``gaps[k]`` (n-scaled) and ``n_iters[k]`` (CD sweeps over the
    working sets, at most ``max_iter`` per α). ``layout`` is LAYOUT_DENSE, LAYOUT_GRAM or
    LAYOUT_SPARSE and ``A, b, S, Xp, Xi, Xv, Xm`` hold its data (see _layouts.pxd); ``norm2`` are the
    squared norms of the centred columns, ``y_norm2`` = ||y||^2, ``tol`` scikit-learn's tol (the gap of
    the n-scaled problem is brought to tol * ||y||^2). ``accelerate``: Anderson extrapolation, violator
    passes and Newton steps (see :func:`_solve`); without it the iterates are textbook cyclic CD. Returns the
    number of α solved: all of them, unless ``stop_nnz`` > 0 and an α ends with at least ``stop_nnz``
    non-zeros, or ``stop_sweeps`` > 0 and an α after the first is still open after that many sweeps:
    that α is left unsolved, w at the iterate reached (in both cases the caller goes on another way).
    Not the first α: it may start cold (w = 0), and a CD iterate far from the solution, with more
    non-zeros than it will keep, is a poor start for the caller's method (benchmarks/README.md).

    With ``screen``: the working set at α_k is {j : w_j != 0} plus the features kept by the sequential
    strong rule |x_j^T r(α_{k-1}) - l2 w_j| >= 2 l1(α_k) - l1(α_{k-1}); CD solves that sub-problem, then
    one full pass computes every x_j^T r: if the full gap is <= tol ||y||^2 the α is done, otherwise the
    features violating |x_j^T r - l2 w_j| <= l1 join the working set and CD resumes.

    ``lower``, ``upper`` (p,), both or neither: box bounds l_j <= w_j <= u_j with l_j <= 0 <= u_j
    (±inf allowed), each exactly representable in the working precision, w inside them: clipped
    updates, the box's certificate and screening scores (see the module docstring); ``accelerate``
    then means Anderson extrapolation only.
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
    cdef Newton* nw = NULL
    cdef double work = 0.0
    cdef double full_pass = <double> p * (A.shape[0] if layout == DENSE else 1)  # a KKT pass's flops
    cdef const double* lo = NULL
    cdef const double* hi = NULL
    if layout == SPARSE:
        full_pass = Xp[p]
    if lower is not None:
        lo, hi = &lower[0], &upper[0]
    try:
        with nogil:
            if floating is double:
                if accelerate and layout != SPARSE and lo == NULL:
                    nw = newton_new(layout, A.shape[0], p)  # NULL (out of memory): no Newton steps
            if screen:  # scores at the warm start, as if it solved the problem at the largest score
                gap = _gap(layout, w, 0.0, 0.0, A, b, S, Xp, Xi, Xv, Xm, y_norm2, all_cols, positive, corr)
                for j in range(p):
                    score = _score(corr[j], positive, lo, hi, j)
                    l1_prev = max(l1_prev, score)
            for k in range(K):
                l1_reg = alphas[k] * l1_ratio * n_samples
                l2_reg = alphas[k] * (1.0 - l1_ratio) * n_samples
                used = 0
                cap = max_iter if stop_sweeps <= 0 or k == 0 else min(max_iter, stop_sweeps)
                if not screen:
                    used = _solve(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2,
                                  all_cols, max_iter, tol, positive, corr, &gap, accelerate, S_keep, nw,
                                  &work, lo, hi)
                else:
                    thresh = 2.0 * l1_reg - l1_prev
                    n_ws = 0
                    for j in range(p):
                        score = _score(corr[j], positive, lo, hi, j)
                        in_ws[j] = w[j] != 0 or score >= thresh
                        if in_ws[j]:
                            ws[n_ws] = j
                            n_ws += 1
                    while True:
                        it = _solve(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2,
                                    ws[:n_ws], cap - used, tol, positive, corr, &gap, accelerate, S_keep,
                                    nw, &work, lo, hi)
                        used += it
                        if n_ws < p:  # the KKT check over every feature: one full pass
                            gap = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2,
                                       all_cols, positive, corr, lo, hi)
                            work += full_pass
                            _signal_point(&work)
                        if gap <= gap_tol or used >= cap:
                            break
                        added = 0
                        for j in range(p):
                            score = _score(corr[j], positive, lo, hi, j)
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
        newton_free(nw)
    return n_done


cdef int[::1] _int_range(Py_ssize_t p):
    import numpy as np
    return np.arange(p, dtype=np.intc)


cdef unsigned char[::1] _bool_array(Py_ssize_t p):
    import numpy as np
    return np.zeros(p, dtype=np.uint8)


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
