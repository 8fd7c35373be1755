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
largest weight, every GAP_EVERY sweeps, or at the last sweep, because it costs a full X^T r product;
with the accelerations, a small step asks for it no sooner than the gap's own rate says it could
certify (``_gap_spacing``).

Two data layouts share one solver: "dense" keeps the residual R = y - Xw (each update costs O(n)), and
"Gram" keeps H = Q w with Q = X^T X, q = X^T y (each update costs O(p): covariance updates, for n >> p).

The solver sweeps only the coordinates listed in ``cols``; the gap it reports checks dual feasibility on
those columns only, which is the true gap whenever no other feature violates |x_j^T θ| <= l1_reg.
:func:`enet_path_solve` drives it along a grid of α with warm starts, sequential strong rules
(Tibshirani et al. 2012) to pick a working set, and a full X^T r check (KKT) at every α that adds any
violating feature and repeats -- so every α is certified by the gap of the full problem.

Where plain CD is slow on a settled support (Gauss-Seidel on an ill-conditioned system: sparse X
whose support nears n), the solver probes over-relaxed sweeps (SOR, Young 1954) from the same point
and keeps them only if they make more progress (:func:`_probe_sor`), and in every layout and
precision tries the exact solve on the support (the Newton step of _accel.pyx; in float64, a
float32 point rounded and its state recomputed) once the sweeps since the last one have cost about
what it costs. An α that ended with that solve is followed by the
same solve at the next α before any sweep: between two kinks of the path it is the answer. So is
the first α of a call from a warm start (w != 0), as if it had ended the α before. For the lasso
that solve is affine in α along a segment of the path, so after its first α it is found from
the segment's direction in O(len(state)) (_accel.newton_along); past a kink where features
enter, the gap at that point names them, and the solve with them in (LARS's step) is tried
before any sweep.

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
from libc.math cimport INFINITY, NAN, fabs, log, sqrt
from libc.stdlib cimport calloc, free, malloc
from libc.stdint cimport int64_t

import numpy as np  # (module level: an import inside the small helpers below cost ~3k instructions per call)
from scipy.linalg.cython_blas cimport ddot

from ._accel cimport (ANDERSON_K, Newton, newton_along, newton_cost, newton_cost_bound, newton_free, newton_new,
                      newton_sparse, newton_step, try_extrapolation)
from ._blas cimport _check_signals, _soft_threshold, _update
from ._layouts cimport (DENSE, GRAM, SPARSE, SPARSE_NNZ_WORK, _corr, _corr_fast, _move, _objective,
                        _refresh, _residual_stats, _restore, _ridge_term, _save, _sparse_dot)


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


ctypedef struct Shortcut:
    # What a KKT pass over every column need not compute (see _dual).
    const unsigned char* known  # (p) or NULL: columns whose g_j corr_out already holds at this w
    const double* ref_corr      # (p) or NULL: x_jᵀr at a reference point r_ref of the same path
    const double* col_norm      # (p) ||x_j|| of the centred column (inflated for rounding)
    double dist                 # ||r - r_ref||, inflated for rounding
    double work                 # out: the work of the columns computed, in the units of full_pass


cdef double _dual(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                  const floating[::1, :] A, const floating[::1] b, const floating[::1] S,
                  const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                  double y_norm2, const int[::1] cols, bint positive, double[::1] corr_out,
                  Shortcut* cut=NULL) noexcept nogil:
    """The dual objective at the residual of ``w`` scaled into the feasible set (checked on ``cols``).

    With g_j = x_j^T r - l2_reg w_j (stored in corr_out[j] for j in cols) and
    c = min(1, l1_reg / max_j |g_j|) (signed max when positive), θ = c r is dual feasible, and
    D(θ) = c r^T y - c^2/2 (||r||^2 + l2_reg ||w||^2)   (the elastic net as a lasso on [X; √l2 I]).
    Any w gives a valid bound P* >= D: the solver evaluates it at its iterates and at Anderson points.
    ``cut`` (or NULL) spares columns: those ``known`` (g_j read from corr_out), and, with a reference
    point, the zero coordinates whose |x_jᵀr| <= |x_jᵀr_ref| + ||x_j|| ||r - r_ref|| (Cauchy-Schwarz)
    is below l1_reg: they cannot raise the dual norm above l1_reg, so c is as if they were computed.
    corr_out keeps their reference value (stale, below l1_reg: the strong rule's score at the next α).
    """
    cdef Py_ssize_t k, j
    cdef double g, dual_norm = 0.0, c = 1.0, r_norm2, r_dot_y
    if cut == NULL:  # (every gap inside a solve: the loop without the shortcuts' tests)
        for k in range(cols.shape[0]):
            j = cols[k]
            g = _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm) - l2_reg * w[j]
            corr_out[j] = g
            if not positive:
                g = fabs(g)
            if g > dual_norm:  # (a NaN g is not taken: the objective shows it)
                dual_norm = g
    else:
        for k in range(cols.shape[0]):
            j = cols[k]
            if cut.known != NULL and cut.known[j]:
                g = corr_out[j]
            elif (cut.ref_corr != NULL and w[j] == 0
                  and fabs(cut.ref_corr[j]) + cut.col_norm[j] * cut.dist < l1_reg):
                g = cut.ref_corr[j]
                corr_out[j] = g
            else:
                g = _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm) - l2_reg * w[j]
                corr_out[j] = g
                cut.work += (Xp[j + 1] - Xp[j]) if layout == SPARSE else A.shape[0] if layout == DENSE else 1
            if not positive:
                g = fabs(g)
            if g > dual_norm:
                dual_norm = g
    if dual_norm > l1_reg:
        c = l1_reg / dual_norm
    _residual_stats(layout, w, cols, b, S, y_norm2, &r_norm2, &r_dot_y)
    return c * r_dot_y - 0.5 * c * c * (r_norm2 + _ridge_term(l2_reg, w, cols))


cdef double _gap(int layout, const floating[::1] w, double l1_reg, double l2_reg,
                 const floating[::1, :] A, const floating[::1] b, const floating[::1] S,
                 const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                 double y_norm2, const int[::1] cols, bint positive, double[::1] corr_out,
                 const double* lo=NULL, const double* hi=NULL, Shortcut* cut=NULL) noexcept nogil:
    """P(w) - D(θ(w)): the duality gap at w, dual feasibility checked on ``cols``; ``cut``: see
    :func:`_dual` (not with a box).

    Pure ridge (l1_reg = 0) makes θ = 0 and that gap useless; there P is l2_reg-strongly convex, so
    P(w) - P* <= ||grad P(w)||^2 / (2 l2_reg) = sum_j g_j^2 / (2 l2_reg) certifies instead.
    With box bounds ``lo``, ``hi`` (non-NULL): the box's own dual, :func:`_dual_box`.
    """
    cdef Py_ssize_t k, j
    cdef double g, grad_norm2 = 0.0
    if lo != NULL:
        return (_objective(layout, w, cols, l1_reg, l2_reg, b, S, y_norm2)
                - _dual_box(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, lo, hi,
                            corr_out))
    if l1_reg == 0.0 and l2_reg > 0.0:
        for k in range(cols.shape[0]):
            j = cols[k]
            g = _corr(layout, j, A, b, S, Xp, Xi, Xv, Xm) - l2_reg * w[j]
            corr_out[j] = g
            grad_norm2 += g * g
        return grad_norm2 / (2.0 * l2_reg)
    return (_objective(layout, w, cols, l1_reg, l2_reg, b, S, y_norm2)
            - _dual(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, positive, corr_out,
                    cut))


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
    _residual_stats(layout, w, cols, b, S, y_norm2, &r_norm2, &r_dot_y)
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
    # Sweeps on the working set before the first KKT check of an α, doubling for each next check (see
    # enet_path_solve). Whole paths at ε = 1e-3 (benchmarks/README.md): 20-40 cut the sparse and
    # text paths' sweeps by 16-21 %; 10 was mixed.
    KKT_EARLY = 20
    # Over-relaxation (SOR, projected at 0; :func:`_probe_sor`): on a settled support CD is
    # Gauss-Seidel on the support's normal equations, which contracts by μ² per sweep -- near 1 when
    # the support nears n (the bench's sparse problem at ε = 1e-3: 510 sweeps at one α), where an
    # over-relaxed sweep contracts far more (190 at ω = 1.6).
    OMEGA_WINDOW = 5  # sweeps over which plain CD's contraction rate is measured
    PROBE_AFTER = 20  # sweeps at one α before over-relaxation is tried
    PROBE_SWEEPS = 6  # sweeps each candidate runs in the probe
    PROBE_EVERY = 30  # sweeps after a probe that chose over-relaxation before trying a larger ω
    # The Newton step that opens an α after one that ended with it: tried while it costs at most this
    # many sweeps (see _solve).
    NEWTON_FIRST_SWEEPS = 4
    # ... and the one after it with the features entering past a kink: it saves the sweeps that would
    # find them and the eager step after those. 4 -> 32: --quick sparse ε=1e-3 27.5 -> 23.3 ms (913 ->
    # 133 sweeps), text 35.9 -> 31.1, ε=1e-2 3-7 %; full size, dense, wide, tall unchanged; 128 then:
    # full sparse ε=1e-2 8 % slower. 32 -> 128 once appends and solves got cheaper (blocked appends,
    # kept forward solves): full text ε=1e-2 0.68-0.85 -> 0.44-0.52 s (456 -> 26 sweeps), --quick
    # sparse-intercept ε=1e-3 17.3 -> 15.3 ms (445 -> 8), full sparse ε=1e-2 +1-2 %, the rest level;
    # 512 or more: full sparse and sparse-intercept ε=1e-2 15-25 % slower (benchmarks/README.md).
    NEWTON_ENTER_SWEEPS = 128
    # ... again with the features the last one's gap found entering, up to this many times before CD
    # takes over (a sweep, then an eager step did that): 1 -> 4: --quick sparse ε=1e-3 15.7 -> 14.3
    # ms (133 -> 4 sweeps), ε=1e-2 sparse/text/sparse-intercept 2.5-4 %; 8 and 32 the same as 4.
    NEWTON_ENTER_TRIES = 4
    # At a new α, the first sweep on a settled support tries the Newton step whatever the sweeps so far
    # have earned, if it costs at most this many sweeps (see _solve; benchmarks/README.md: 16 cut the
    # --quick sparse and text paths' time 10-26 %, 64 and more were slower at ε = 1e-3).
    NEWTON_EAGER_SWEEPS = 16

# With the accelerations, a sweep whose largest step is small (d_w_max <= tol w_max) asks for a gap
# check no sooner than this share of the sweeps the gap's last rate predicts it needs to reach the
# target (at most GAP_EVERY): near the end of a slow α that test passes after every sweep, and a gap
# over the working set reads what half a sweep reads (full text ε=1e-3: 752 such checks' reads,
# 0.4 of its sweeps'; benchmarks/README.md).
cdef double _gap_spacing = 0.5
# ... and violator passes only where the gap is within this factor of the target: a call cut it 2-10x
# when it certified, and calls from further off (text ε=1e-3: 247 of 260, at 10-10^4x the target)
# restored their start after up to VIOLATOR_PASSES passes.
cdef double _violator_gap_ratio = 10.0
cdef double PROBE_RATE = 0.9  # plain CD contracting slower than this per sweep is worth a probe
cdef double OMEGA_STEP = 0.15  # how much larger the ω of a follow-up probe is
cdef double OMEGA_MAX = 1.9

cdef double OMEGA_DAMP = 0.75       # see _sor_omega
cdef double OMEGA_MU2_MAX = 0.999

GAP_EVERY_SWEEPS = GAP_EVERY  # for geometry's coordinate_descent_trace, which replays this rule
KKT_EARLY_SWEEPS = KKT_EARLY  # the default of set_kkt_early
NEWTON_EAGER_DEFAULT = NEWTON_EAGER_SWEEPS  # the default of set_newton_eager
cdef bint _over_relax = True
cdef int _kkt_early = KKT_EARLY
cdef int _kkt_growth = 2
cdef bint _newton = True
cdef bint _newton_segments = True
cdef bint _newton_enter = True


def set_kkt_early(int sweeps, int growth=2):
    """Sweeps before the first KKT check of an α (default KKT_EARLY; 0: none) and the factor by which
    the next rounds' allowance grows (0: unlimited), for A/B measurements."""
    global _kkt_early, _kkt_growth
    _kkt_early = sweeps
    _kkt_growth = growth


cdef double _newton_eager = NEWTON_EAGER_SWEEPS


def set_newton_eager(double sweeps):
    """The Newton step's eager try at a new α: at most this many sweeps' cost (default
    NEWTON_EAGER_SWEEPS; 0: never), for A/B measurements."""
    global _newton_eager
    _newton_eager = sweeps


cdef bint _reuse_ws_corr = True
cdef bint _kkt_bounds = True
# A KKT pass with bounds from a reference point (_dual) that still computed more than this share of
# the columns' work makes the next 1, 2, 4 or 8 passes (doubling with each such pass) compute every
# column; the last of them is the new reference.
cdef double KKT_BOUND_SHARE = 0.5
# Sparse X: the bounds only where a pass reads at least this many times p + n non-zeros (below, at
# ~10 non-zeros a column, testing a column costs about what gathering it does: --quick sparse 1-2 %
# slower with them).
cdef double KKT_BOUND_MIN_WORK = 8.0


def set_kkt_bounds(bint on, double share=0.5, double min_work=8.0):
    """The KKT passes skip the columns a reference point's bound clears (default) or compute every
    column; ``share``: KKT_BOUND_SHARE, ``min_work``: KKT_BOUND_MIN_WORK. For A/B runs and tests."""
    global _kkt_bounds, KKT_BOUND_SHARE, KKT_BOUND_MIN_WORK
    _kkt_bounds = on
    KKT_BOUND_SHARE = share
    KKT_BOUND_MIN_WORK = min_work


cdef double _keep_reference(const floating[::1] S, const floating[::1] w, double l2_reg,
                            const double[::1] corr, double[::1] ref_S, double[::1] ref_corr) noexcept nogil:
    """Keep the residual part of S and every x_jᵀr (corr holds x_jᵀr - l2 w_j) as the reference point
    of the KKT passes' bounds; returns ||r_ref||."""
    cdef Py_ssize_t i, j
    cdef double s = 0.0
    for i in range(ref_S.shape[0]):
        ref_S[i] = S[i]
        s += ref_S[i] * ref_S[i]
    for j in range(ref_corr.shape[0]):
        ref_corr[j] = corr[j] + l2_reg * w[j]
    return sqrt(s)


cdef double _distance(const floating[::1] S, const double[::1] ref_S) noexcept nogil:
    """||r - r_ref|| from the residual parts of the states (sparse: R_u; its centring term c does not
    change x_cᵀr, see _layouts.pxd)."""
    cdef Py_ssize_t i
    cdef double d, s = 0.0
    for i in range(ref_S.shape[0]):
        d = S[i] - ref_S[i]
        s += d * d
    return sqrt(s)


def set_reuse_ws_corr(bint on):
    """The KKT pass after a solve reuses the working set's correlations from its last gap (default)
    or recomputes them, for A/B runs and tests."""
    global _reuse_ws_corr
    _reuse_ws_corr = on


def set_newton(bint on):
    """Turn the Newton step (the exact solve on a settled support) on or off, for A/B runs."""
    global _newton
    _newton = on


def set_newton_segments(bint on):
    """Open an α on the last solve's path segment (_accel.newton_along, default) or by a full Newton
    step, for A/B runs and tests."""
    global _newton_segments
    _newton_segments = on


cdef double _newton_enter_sweeps = NEWTON_ENTER_SWEEPS
cdef int _newton_enter_tries = NEWTON_ENTER_TRIES


def set_newton_enter(bint on, double sweeps=NEWTON_ENTER_SWEEPS, int tries=NEWTON_ENTER_TRIES):
    """Past a kink, open an α by the solve with the entering features in (default) or not, while it
    costs at most ``sweeps`` sweeps (default NEWTON_ENTER_SWEEPS), at most ``tries`` times in a row
    (default NEWTON_ENTER_TRIES), for A/B runs."""
    global _newton_enter, _newton_enter_sweeps, _newton_enter_tries
    _newton_enter = on
    _newton_enter_sweeps = sweeps
    _newton_enter_tries = tries


def set_check_schedule(double gap_spacing=0.5, double violator_ratio=10.0):
    """The accelerated solve's gap checks after a small step no sooner than ``gap_spacing`` times
    the sweeps the gap's rate predicts (0: after every such sweep), violator passes only within
    ``violator_ratio`` times the target (inf: at any gap); defaults restored without arguments, for
    A/B runs and tests."""
    global _gap_spacing, _violator_gap_ratio
    _gap_spacing = gap_spacing
    _violator_gap_ratio = violator_ratio


cdef double _ws_gap_work = 0.0  # the working-set gap checks' work in _solve's sweep loop; for tests
cdef long _violator_calls = 0   # calls of _violator_passes; for tests


def check_counts():
    """(work of the working-set gap checks in the solves' sweep loops, in sweeps' units of work;
    violator-pass calls) since the last call, counted without a lock like segment_openings."""
    global _ws_gap_work, _violator_calls
    counts = (_ws_gap_work, _violator_calls)
    _ws_gap_work, _violator_calls = 0.0, 0
    return counts


cdef long _segment_openings = 0  # α certified by newton_along's point (a statistic for tests)
cdef double _kkt_work = 0.0  # the KKT passes' work (non-zeros; dense: n a column); for tests


def kkt_pass_work():
    """The work of the columns the KKT passes over every feature computed since the last call
    (stored non-zeros; n a column in the dense layout), counted without a lock like segment_openings."""
    global _kkt_work
    work, _kkt_work = _kkt_work, 0.0
    return work


def segment_openings():
    """How many α were certified by a point found along a segment since the last call (counted
    without a lock: exact when one thread solves)."""
    global _segment_openings
    n, _segment_openings = _segment_openings, 0
    return n


def set_over_relaxation(bint on):
    """Let the solver try over-relaxed CD (:func:`_probe_sor`) where plain CD is slow (default), or
    not: for tests and A/B timings. Not thread-safe: set it before solving."""
    global _over_relax
    _over_relax = on


cdef double _rescaling_share(int layout, const floating[::1] w, const int[::1] cols, double l1_reg,
                             double l2_reg, const floating[::1] b, const floating[::1] S, double y_norm2,
                             double gap) noexcept nogil:
    """The share of ``gap`` (just computed at w) due to rescaling r into the dual feasible set:
    (D(r) - D(c r)) / gap, with D(r) the unscaled dual objective (see _dual)."""
    cdef double r_norm2, r_dot_y
    if gap <= 0:
        return 0.0
    _residual_stats(layout, w, cols, b, S, y_norm2, &r_norm2, &r_dot_y)
    # P - D(r) = gap - (D(r) - D(c r))
    return 1.0 - (_objective(layout, w, cols, l1_reg, l2_reg, b, S, y_norm2)
                  - (r_dot_y - 0.5 * (r_norm2 + _ridge_term(l2_reg, w, cols)))) / gap


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

ctypedef struct Scratch:
    # The accelerations' buffers, allocated once per path rather than at every α and KKT round.
    double* whist      # ((ANDERSON_K + 1) * p) Anderson's w history on the working set
    double* shist      # ((ANDERSON_K + 1) * len(S)) its state history
    void* w_keep       # (p) floating: w on the working set before a tentative move
    double* corr_keep  # (p) corr on the working set before violator passes
    double omega       # the last SOR factor a probe chose (_probe_sor), tried first at the next α
    int probe_skip     # solves to run before the next probe (after a probe or a revert that failed)
    int probe_backoff  # the skip set by the last failure (doubles with each)
    double newton_credit  # the sweeps' work since the last Newton step, over α and KKT rounds
    bint newton_ended  # the last solve was certified right after a Newton step (or the call starts from a
                       # warm start): open the next α with one
    void* w_probe      # (p) floating: the over-relaxed probe's w on the working set
    void* S_probe      # (len(S)) floating: its state
    bint ws_corr_fresh # the last _solve ended right after a gap on its working set, at the point it
                       # returns: corr holds those columns' x_jᵀr - l2 w_j there (the KKT pass reuses them)


cdef Scratch* _scratch_new(Py_ssize_t p, Py_ssize_t m) noexcept nogil:
    """The buffers for a path over p features with a state of length m, or NULL (out of memory:
    the path runs without acceleration)."""
    cdef Scratch* sc = <Scratch*> calloc(1, sizeof(Scratch))
    if sc == NULL:
        return NULL
    sc.whist = <double*> malloc((ANDERSON_K + 1) * p * sizeof(double))
    sc.w_keep = malloc(p * sizeof(double))
    sc.corr_keep = <double*> malloc(p * sizeof(double))
    sc.shist = <double*> malloc((ANDERSON_K + 1) * m * sizeof(double))
    sc.omega = 1.0
    sc.probe_skip = sc.probe_backoff = 0
    sc.w_probe = malloc(p * sizeof(double))
    sc.S_probe = malloc(m * sizeof(double))
    if (sc.whist == NULL or sc.shist == NULL or sc.w_keep == NULL or sc.corr_keep == NULL
            or sc.w_probe == NULL or sc.S_probe == NULL):
        _scratch_free(sc)
        return NULL
    return sc


cdef void _scratch_free(Scratch* sc) noexcept nogil:
    if sc != NULL:
        free(sc.whist); free(sc.shist); free(sc.w_keep); free(sc.corr_keep)
        free(sc.w_probe); free(sc.S_probe); free(sc)


cdef inline floating _relax(floating w_j, floating w_new, floating omega) noexcept nogil:
    """The over-relaxed step w_j + ω (w_new − w_j) where w_j and its CD update w_new are non-zero
    with the same sign, clipped at 0 (projected SOR); the plain update elsewhere. For 0 < ω < 2 it
    still lowers the objective: on that sign's quadratic piece it lands no farther from the
    minimiser w_new than w_j is."""
    cdef floating v
    if omega == 1 or w_j == 0 or w_new == 0 or (w_new > 0) != (w_j > 0):
        return w_new
    v = w_j + omega * (w_new - w_j)
    return v if (v > 0) == (w_j > 0) else w_new


ctypedef struct Sweep:
    # What one sweep saw.
    double w_max    # max |w_j| after it
    double d_w_max  # its largest coordinate change
    double dsq      # sum of norm2_j (Δw_j)²: twice the objective decrease of plain CD steps
    int n_flips     # coordinates whose sign changed (to or from 0 included)
    int nnz         # non-zeros after it


cdef void _sweep(int layout, floating[::1] w, floating l1, floating l2, const floating[::1, :] A,
                 const floating[::1] b, floating[::1] S, const int[::1] Xp, const int[::1] Xi,
                 const floating[::1] Xv, const floating[::1] Xm, const floating[::1] norm2,
                 const int[::1] cols, bint positive, floating omega, Sweep* sw,
                 const double* lo=NULL, const double* hi=NULL) noexcept nogil:
    """One cyclic CD pass over ``cols``, over-relaxed by ``omega`` (:func:`_relax`), each update
    clipped into the box ``lo``, ``hi`` if given (a clipped step still descends: the box and the
    step's level set are intervals that both hold w_j)."""
    cdef Py_ssize_t k, j
    cdef floating w_j, w_new, z
    sw.w_max = sw.d_w_max = sw.dsq = 0.0
    sw.n_flips = sw.nnz = 0
    if layout == SPARSE:
        _sweep_sparse(w, l1, l2, S, &Xp[0], &Xi[0], &Xv[0], &Xm[0], &norm2[0], cols, positive, omega, sw,
                      lo, hi)
        return
    for k in range(cols.shape[0]):
        j = cols[k]
        if norm2[j] == 0:
            w[j] = 0  # the column does not move the fit: only the penalty sees w_j
            continue
        w_j = w[j]
        z = _corr_fast(layout, j, A, b, S, Xp, Xi, Xv, Xm) + w_j * norm2[j]
        w_new = _relax(w_j, _update(z, l1, norm2[j] + l2, positive), omega)
        if lo != NULL:
            w_new = _clip(w_new, lo, hi, j)
        if w_new != w_j:
            _move(layout, j, w_new - w_j, A, S, Xp, Xi, Xv, Xm)
            w[j] = w_new
        _tally(sw, w_j, w_new, norm2[j])


cdef void _sweep_sparse(floating[::1] w, floating l1, floating l2, floating[::1] S, const int* Xp,
                        const int* Xi, const floating* Xv, const floating* Xm, const floating* norm2,
                        const int[::1] cols, bint positive, floating omega, Sweep* sw, const double* lo,
                        const double* hi) noexcept nogil:
    """:func:`_sweep` of the sparse layout. A sparse column's update waits on one chain (gather,
    update, scatter) and the next column's gather may read what it scatters, so the chain is kept
    short: raw pointers, the gather in four sums (_sparse_dot), and the update's divide taken as a
    reciprocal computed before the gather, which it does not depend on."""
    cdef Py_ssize_t k, j, n_cols = cols.shape[0]
    cdef int t, n = S.shape[0] - 1
    cdef floating* R = &S[0]
    cdef floating w_j, w_new, z, d, inv, delta
    cdef floating c = R[n]  # (every update moves c: kept in a register, stored once at the end)
    for k in range(n_cols):
        j = cols[k]
        d = norm2[j]
        if d == 0:
            w[j] = 0  # the column does not move the fit: only the penalty sees w_j
            continue
        inv = 1 / (d + l2)
        w_j = w[j]
        z = <floating> (_sparse_dot(Xi, Xv, R, Xp[j], Xp[j + 1]) + <double> c * n * Xm[j]) + w_j * d
        if positive and z <= 0:
            w_new = 0
        else:
            w_new = _soft_threshold(z, l1) * inv
        w_new = _relax(w_j, w_new, omega)
        if lo != NULL:
            w_new = _clip(w_new, lo, hi, j)
        if w_new != w_j:
            delta = w_new - w_j
            for t in range(Xp[j], Xp[j + 1]):
                R[Xi[t]] -= delta * Xv[t]
            c += delta * Xm[j]
            w[j] = w_new
        _tally(sw, w_j, w_new, d)
    R[n] = c


cdef inline void _tally(Sweep* sw, floating w_j, floating w_new, floating norm2_j) noexcept nogil:
    """Record coordinate j's update w_j -> w_new (its column's squared norm norm2_j) in ``sw``."""
    if w_new != w_j:
        sw.d_w_max = max(sw.d_w_max, fabs(w_new - w_j))
        sw.dsq += norm2_j * (<double> w_new - w_j) * (w_new - w_j)
        if (w_j > 0) != (w_new > 0) or (w_j < 0) != (w_new < 0):
            sw.n_flips += 1
    if w_new != 0:
        sw.nnz += 1
    sw.w_max = max(sw.w_max, fabs(w_new))


cdef double _sor_omega(double rate) noexcept nogil:
    """The relaxation factor from plain CD's contraction ``rate`` per sweep (the Gauss–Seidel rate
    μ² on a settled support): Young's optimum 2 / (1 + √(1 − μ²)) (Young 1954, exact for consistently
    ordered systems), damped towards 1 by OMEGA_DAMP -- measured on the bench's sparse problems, the
    best fixed ω was below Young's and a larger one was slower than plain CD."""
    if not rate < 1.0:  # (also NaN)
        return 1.0
    return 1.0 + OMEGA_DAMP * (2.0 / (1.0 + sqrt(1.0 - min(rate, OMEGA_MU2_MAX))) - 1.0)


cdef double _probe_sor(int layout, floating[::1] w, double l1_reg, double l2_reg,
                      const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                      const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv,
                      const floating[::1] Xm, const floating[::1] norm2, double y_norm2,
                      const int[::1] cols, bint positive, double omega, double base, Scratch* sc,
                      floating* w_keep, floating[::1] S_keep) noexcept nogil:
    """PROBE_SWEEPS sweeps over-relaxed by ``omega`` and as many by ``base`` (1: plain CD), from the
    same point; keeps the iterate with the lower objective and returns its ω. Over-relaxation is a gamble: on
    the bench's uniform sparse problem it cut the sweeps of the slowest α 2-3×, on the text-like one
    the same ω made them oscillate and doubled them -- so it is measured, not assumed."""
    cdef Py_ssize_t k, t, n_cols = cols.shape[0], m = S.shape[0]
    cdef floating* w_try = <floating*> sc.w_probe
    cdef floating* S_try = <floating*> sc.S_probe
    cdef floating l1 = <floating> l1_reg, l2 = <floating> l2_reg
    cdef double p_relaxed
    cdef Sweep sw
    if omega <= base:
        return base
    _save(w, S, &cols[0], n_cols, w_keep, S_keep)
    for t in range(PROBE_SWEEPS):
        _sweep(layout, w, l1, l2, A, b, S, Xp, Xi, Xv, Xm, norm2, cols, positive, <floating> omega, &sw)
    p_relaxed = _objective(layout, w, cols, l1_reg, l2_reg, b, S, y_norm2)
    for k in range(n_cols):
        w_try[k] = w[cols[k]]
    for t in range(m):
        S_try[t] = S[t]
    _restore(w, S, &cols[0], n_cols, w_keep, S_keep)
    for t in range(PROBE_SWEEPS):
        _sweep(layout, w, l1, l2, A, b, S, Xp, Xi, Xv, Xm, norm2, cols, positive, <floating> base, &sw)
    if _objective(layout, w, cols, l1_reg, l2_reg, b, S, y_norm2) <= p_relaxed:
        return base
    for k in range(n_cols):
        w[cols[k]] = w_try[k]
    for t in range(m):
        S[t] = S_try[t]
    return omega


cdef inline void _probe_failed(Scratch* sc) noexcept nogil:
    """Over-relaxation did not pay: wait 1, 3, 7, 15 solves before the next probe."""
    sc.probe_backoff = min(2 * sc.probe_backoff + 1, 15)
    sc.probe_skip = sc.probe_backoff


cdef int _solve(int layout, floating[::1] w, double l1_reg, double l2_reg,
                const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                const floating[::1] norm2, double y_norm2, const int[::1] cols,
                int max_iter, double tol, bint positive, double[::1] corr, double* gap,
                Scratch* sc, floating[::1] S_keep, Newton* nw, double* work,
                const double* lo=NULL, const double* hi=NULL, bint resume=False) except -1 nogil:
    """Cyclic CD over ``cols`` until the gap (on cols) is <= tol * ||y||^2; returns the sweeps done.

    With buffers ``sc`` (NULL: none): Anderson extrapolation every ANDERSON_K sweeps, violator
    passes to finish the certificate (:func:`_violator_passes`), over-relaxed sweeps where plain CD
    is slow and a probe shows they are faster (:func:`_probe_sor`), and with a Newton workspace
    ``nw`` (any layout and precision) the exact solve on a settled support
    (_accel.newton_step) -- first, before any sweep, if the last solve ended with it or the call
    started from a warm start (0 sweeps are then returned when it certifies). ``S_keep`` is scratch
    shaped like S. ``work`` counts flops toward the next signal check (see :func:`_signal_point`),
    across calls. ``lo``, ``hi`` (non-NULL): box bounds, each update clipped into them (Anderson
    only, no Newton step or violator passes then; see the module docstring).
    """
    global _ws_gap_work, _violator_calls
    cdef Py_ssize_t k, j, n_cols = cols.shape[0]
    cdef int n_iter = 0, n_hist = 0, n_flips, nnz
    cdef bint extrapolated = False
    cdef int interrupted = 0
    cdef double newton_credit = 0.0, newton_backoff = 1.0
    cdef floating l1 = <floating> l1_reg, l2 = <floating> l2_reg
    cdef double w_max, d_w_max
    cdef double gap_tol = tol * y_norm2
    cdef int vp_wait = 0, vp_skip = 0
    cdef double work_per_sweep = <double> n_cols * A.shape[0]  # (sparse: from the columns' non-zeros)
    cdef Py_ssize_t m = S.shape[0]
    cdef bint accelerate = sc != NULL and n_cols > 1
    cdef double* whist = NULL
    cdef double* shist = NULL
    cdef floating* w_keep = NULL
    cdef double* corr_keep = NULL
    cdef double gap_keep
    cdef double omega = 1.0
    cdef double dsq_hist[OMEGA_WINDOW]
    cdef int next_probe = PROBE_AFTER  # the sweep of the next probe (-1: none)
    cdef double omega_was
    cdef double gap_seen = INFINITY, rate, need
    cdef int next_check = 0, seen_at = 0  # (the sweeps of the next gap check allowed, and of the last)
    cdef Sweep sw
    cdef bint newton_first = False
    cdef bint eager = not resume  # a new α: the first settled sweep may try the Newton step
    cdef double cost
    cdef int moved
    cdef bint stepped
    cdef bint stale = False  # w is where CD went from a Newton point on its support: a step would repeat it
    cdef bint probed  # this round's w is a probe's (_probe_sor), not the sweep's whose counts it holds
    if accelerate:
        whist, shist, w_keep, corr_keep = sc.whist, sc.shist, <floating*> sc.w_keep, sc.corr_keep
        if resume and sc.omega > 1.0 and _over_relax and lo == NULL:
            omega = sc.omega  # the same α after a KKT check: go on over-relaxed as the last call ended
            next_probe = PROBE_EVERY
        if sc.probe_skip > 0:
            sc.probe_skip -= 1
            next_probe = -1
    if sc != NULL:
        sc.ws_corr_fresh = False
    if not accelerate or l1_reg == 0 or lo != NULL:  # (the Newton step ignores the box)
        nw = NULL
    if nw != NULL:
        newton_credit = sc.newton_credit
        newton_first = sc.newton_ended and not resume
        sc.newton_ended = False
    if layout == SPARSE:
        work_per_sweep = 0.0
        for k in range(n_cols):
            work_per_sweep += SPARSE_NNZ_WORK * (Xp[cols[k] + 1] - Xp[cols[k]])
    if newton_first:
        # The last α ended at the exact minimiser on its support, which moves smoothly with α until
        # the support changes (linearly for the lasso: LARS's homotopy). The same solve at this α is
        # then the answer, found without a sweep; past a kink CD goes on from a point no worse. For
        # the lasso it is found along the segment (newton_along) while no sign changes; else by the
        # step, not where it would refactorise a large support (an elastic net's matrix changes with α).
        moved = 0
        stepped = False
        if newton_cost(nw, w, cols, l2_reg) <= NEWTON_FIRST_SWEEPS * work_per_sweep:
            work[0] += work_per_sweep
            moved = newton_along(nw, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, S_keep,
                                 w_keep) if _newton_segments else -1
            stepped = moved < 0
            if stepped:
                moved = newton_step(nw, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                                    S_keep, w_keep)  # (S recomputed there from scratch)
        if moved > 0:
            gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                          positive, corr)
            if gap[0] <= gap_tol:
                sc.newton_ended = sc.ws_corr_fresh = True
                if not stepped:
                    _count_segment_opening()
                return 0
            # Past a kink: the features entering there are those the gap found violating; the
            # solve with them in (LARS's step) is the answer unless another kink lies between.
            for k in range(_newton_enter_tries):  # (each with the features its last gap found)
                if not (_newton_enter and _entering(w, cols, corr, l1_reg, positive)
                        and newton_cost(nw, w, cols, l2_reg, &corr[0], l1_reg,
                                        positive) <= _newton_enter_sweeps * work_per_sweep):
                    break
                work[0] += work_per_sweep
                if not newton_step(nw, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                                   S_keep, w_keep, &corr[0], positive):
                    break
                gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                              positive, corr)
                if gap[0] <= gap_tol:
                    sc.newton_ended = sc.ws_corr_fresh = True
                    return 0
    gap[0] = 0.0
    while n_iter < max_iter:
        n_iter += 1
        probed = False
        _sweep(layout, w, l1, l2, A, b, S, Xp, Xi, Xv, Xm, norm2, cols, positive, <floating> omega, &sw, lo, hi)
        w_max, d_w_max, n_flips, nnz = sw.w_max, sw.d_w_max, sw.n_flips, sw.nnz
        stale = stale and n_flips == 0
        dsq_hist[n_iter % OMEGA_WINDOW] = sw.dsq
        if accelerate and _over_relax and lo == NULL and 0 <= next_probe <= n_iter and n_flips <= nnz // 100:
            # plain CD's contraction per sweep over the last OMEGA_WINDOW sweeps
            rate = (sw.dsq / dsq_hist[(n_iter + 1) % OMEGA_WINDOW]) ** (0.5 / (OMEGA_WINDOW - 1))
            if n_iter + 2 * PROBE_SWEEPS >= max_iter:
                next_probe = -1
            elif omega > 1.0:  # over-relaxed CD pays here: would a little more pay more?
                omega_was = omega
                omega = _probe_sor(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2,
                                   cols, positive, min(omega + OMEGA_STEP, OMEGA_MAX), omega, sc,
                                   w_keep, S_keep)
                n_iter += 2 * PROBE_SWEEPS
                probed = True
                work[0] += 2 * PROBE_SWEEPS * work_per_sweep
                n_hist = 0
                next_probe = n_iter + PROBE_EVERY if omega > omega_was else -1
            elif rate >= PROBE_RATE:  # plain CD is slow here: is over-relaxed CD faster?
                omega = _probe_sor(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2,
                                   cols, positive, max(sc.omega, _sor_omega(rate)), 1.0, sc, w_keep,
                                   S_keep)
                n_iter += 2 * PROBE_SWEEPS
                probed = True
                work[0] += 2 * PROBE_SWEEPS * work_per_sweep
                n_hist = 0
                next_probe = n_iter + PROBE_EVERY
                if omega == 1.0:
                    _probe_failed(sc)
                    next_probe = -1
        if (w_max == 0.0 or (d_w_max / w_max <= tol and n_iter >= next_check) or n_iter % GAP_EVERY == 0
                or n_iter == max_iter):
            if floating is float or extrapolated:  # float32 or combined states drift: recompute
                _refresh(layout, w, cols, A, b, S, Xp, Xi, Xv, Xm)
                extrapolated = False
            gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, positive, corr,
                          lo, hi)
            _ws_gap_work += work_per_sweep
            # Violator passes when the rest of the gap, P(w) - D(r), already meets the tolerance and
            # only the rescaling part D(r) - D(c r) does not: the primal is accurate, the dual point
            # is not (trying earlier wasted passes; timings: benchmarks/README.md). They only
            # finish: their point is kept if its gap meets the tolerance, otherwise CD resumes from
            # its own iterate and the next try waits twice as many gap checks (up to 8). Left in
            # place, their moves slowed convergence at tol 1e-10 and blurred the support the Newton
            # step needs.
            if (accelerate and lo == NULL and gap[0] > gap_tol and n_iter < max_iter and l1_reg > 0
                    and vp_wait == 0 and gap[0] <= _violator_gap_ratio * gap_tol
                    and (1.0 - _rescaling_share(layout, w, cols, l1_reg, l2_reg, b, S, y_norm2,
                                                gap[0])) * gap[0] <= gap_tol):
                _save(w, S, &cols[0], n_cols, w_keep, S_keep)
                gap_keep = gap[0]
                for k in range(n_cols):
                    corr_keep[k] = corr[cols[k]]
                _violator_calls += 1
                if _violator_passes(layout, w, l1, l2, A, b, S, Xp, Xi, Xv, Xm, norm2, cols, positive):
                    _refresh(layout, w, cols, A, b, S, Xp, Xi, Xv, Xm)
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
                if sc != NULL:
                    sc.ws_corr_fresh = True
                break
            if accelerate and gap_tol < gap[0] < gap_seen < INFINITY:  # (CD's gap falls about geometrically)
                need = log(gap_tol / gap[0]) * (n_iter - seen_at) / log(gap[0] / gap_seen)
                next_check = n_iter + <int> max(1.0, min(<double> GAP_EVERY, _gap_spacing * need))
            else:
                next_check = n_iter + 1
            seen_at = n_iter
            if omega > 1.0 and gap[0] > gap_seen:
                omega = 1.0  # over-relaxation that lets the gap grow oscillates: plain CD from here
                sc.omega = 1.0
                _probe_failed(sc)
                next_probe = -1
            gap_seen = gap[0]
        # On a (nearly) settled support, try the exact solve there -- but spend on it no more than
        # the sweeps since the last try cost, so it at most about doubles the work. At a new α, the
        # first such sweep tries it if it is cheap (NEWTON_EAGER_SWEEPS): past a kink of the path a
        # sweep brings the entering features in, and the solve on the new support is then the answer.
        newton_credit += work_per_sweep
        if (nw != NULL and nnz > 0 and n_flips <= nnz // 100 and not stale  # (a probe moved w: no bound)
                and (probed or _newton_due(newton_credit, newton_backoff, eager,
                                           newton_cost_bound(nw, nnz, l2_reg), work_per_sweep))):
            cost = newton_cost(nw, w, cols, l2_reg)
            if _newton_due(newton_credit, newton_backoff, eager, cost, work_per_sweep):
                eager = False
                newton_credit = 0.0
                work[0] += 32.0 * cost  # (in flops, for the signal check)
                newton_backoff *= 2  # each miss makes the next try wait longer
                if newton_step(nw, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols, S_keep,
                               w_keep):
                    if floating is double:  # (float32: a rounded point can look lower by noise alone,
                        newton_backoff = 1.0  # and a step that keeps moving w must not keep its rate)
                    n_hist = 0  # the Anderson history no longer leads here (S: from scratch there)
                    gap[0] = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2, cols,
                                  positive, corr)
                    if gap[0] <= gap_tol:
                        sc.newton_ended = sc.ws_corr_fresh = True
                        break
                    # Not certified: CD goes on from this point, and on the same support the step
                    # would only find it again (in float32, rounding can make it look lower each time).
                    stale = True
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
    if nw != NULL:
        sc.newton_credit = newton_credit
    if accelerate and omega > 1.0:  # over-relaxation paid to the end
        sc.omega = omega
        sc.probe_backoff = 0
    return -1 if interrupted else n_iter


cdef inline bint _newton_due(double credit, double backoff, bint eager, double cost,
                             double work_per_sweep) noexcept nogil:
    """Is a Newton step of this cost due (see _solve)?"""
    return credit >= backoff * cost or (eager and cost <= _newton_eager * work_per_sweep)


cdef bint _entering(const floating[::1] w, const int[::1] cols, const double[::1] corr, double l1_reg,
                    bint positive) noexcept nogil:
    """Does a zero coordinate of ``cols`` violate its dual constraint (corr: as the gap left it)?"""
    cdef Py_ssize_t k
    cdef int j
    for k in range(cols.shape[0]):
        j = cols[k]
        if w[j] == 0 and (corr[j] > l1_reg or (not positive and corr[j] < -l1_reg)):
            return True
    return False


cdef void _count_segment_opening() noexcept nogil:
    global _segment_openings
    _segment_openings += 1


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
    return np.zeros(p, dtype=np.float64)


# ---------------------------------------------------------------------------------------------------
# The path driver


def enet_path_solve(int layout, floating[::1] w, const double[::1] alphas, double l1_ratio, int n_samples,
                    const floating[::1, :] A, const floating[::1] b, floating[::1] S,
                    const int[::1] Xp, const int[::1] Xi, const floating[::1] Xv, const floating[::1] Xm,
                    const floating[::1] norm2, double y_norm2, floating[:, ::1] coefs, double[::1] gaps,
                    int64_t[::1] n_iters, *, int max_iter, double tol, bint positive=False,
                    bint screen=True, bint accelerate=True, Py_ssize_t stop_nnz=-1, int stop_sweeps=-1,
                    const double[::1] lower=None, const double[::1] upper=None,
                    const double[::1] stop_lower=None, const double[::1] stop_upper=None,
                    progress=None):
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
    features violating |x_j^T r - l2 w_j| <= l1 join the working set and CD resumes. The first such
    check comes after KKT_EARLY sweeps even if the sub-problem is not certified yet, the next ones
    after twice as many as the round before: a feature the strong rule left out that must enter then
    enters before the sub-problem is solved to the tolerance without it (and again with it). Each
    round resumes over-relaxed CD where the round before ended.

    ``lower``, ``upper`` (p,), both or neither: box bounds l_j <= w_j <= u_j with l_j <= 0 <= u_j
    (±inf allowed), each exactly representable in the working precision, w inside them: clipped
    updates, the box's certificate and screening scores (see the module docstring); ``accelerate``
    then means Anderson extrapolation only.

    ``stop_lower``, ``stop_upper`` (p,), both or neither: a box the path is *not* held to but stops
    at -- the first α whose solution leaves it, or is not certified, is left unsolved (its row
    written, w at that iterate), so a caller can solve on without the box while it does not bind
    and with it from there, keeping this call's Newton factor and screening all along.

    ``progress``: a callable, called with 1 (holding the GIL) after each α is done -- a progress bar
    that does not split the path into several calls (each would restart the Newton factor).
    """
    global _kkt_work
    cdef Py_ssize_t p = w.shape[0], K = alphas.shape[0]
    cdef Py_ssize_t k, j, n_ws, nnz, n_done = K
    cdef int used, it, added, cap, budget
    cdef double sub_gap
    cdef double l1_reg, l2_reg, l1_prev = -1.0, thresh, score, gap = 0.0
    cdef double gap_tol = tol * y_norm2
    cdef double[::1] corr = _work_array(p)
    cdef int[::1] all_cols = _int_range(p)
    cdef int[::1] ws = _int_range(p)
    cdef unsigned char[::1] in_ws = _bool_array(p)
    cdef floating[::1] S_keep = np.empty(S.shape[0], dtype=np.float64 if floating is double else np.float32)
    cdef Newton* nw = NULL
    cdef Scratch* sc = NULL
    cdef double work = 0.0
    cdef double full_pass = <double> p * (A.shape[0] if layout == DENSE else 1)  # a KKT pass's flops
    cdef const double* lo = NULL
    cdef const double* hi = NULL
    cdef bint report = progress is not None
    cdef Shortcut cut
    # (the bounds cost O(p + n) a pass -- the tests, the distance, the reference's copies: only where a
    # pass reads several times that, KKT_BOUND_MIN_WORK; the dense pass reads n p)
    cdef bint bounds_on = (_kkt_bounds and screen and layout != GRAM and lower is None and floating is double
                           and p > 1 and (layout == DENSE or Xp[p] >= KKT_BOUND_MIN_WORK * (p + S.shape[0])))
    cdef bint ref_ok = False
    cdef double ref_norm = 0.0, dist
    cdef int ref_wait = 0, ref_backoff = 0
    cdef double[::1] ref_corr = corr
    cdef double[::1] ref_S = corr
    cdef double[::1] col_norm = corr
    if layout == SPARSE:
        full_pass = Xp[p]
    if lower is not None:
        lo, hi = &lower[0], &upper[0]
    if bounds_on:  # (the reference point of the KKT passes' bounds, see _dual)
        ref_corr = _work_array(p)
        ref_S = _work_array(S.shape[0] - 1 if layout == SPARSE else S.shape[0])
        col_norm = _work_array(p)
        for j in range(p):
            col_norm[j] = sqrt(max(<double> norm2[j], 0.0)) * (1.0 + 1e-6)
    try:
        with nogil:
            if accelerate:
                sc = _scratch_new(p, S.shape[0])
                if sc != NULL:  # a warm start (Lasso(warm_start=True), Path.solve_at): open with the solve on
                    # its support, as after an α the solve ended (benchmarks/README.md)
                    for j in range(p):
                        if w[j] != 0:
                            sc.newton_ended = True
                            break
            if sc != NULL and lo == NULL and _newton:  # (NULL, out of memory: no Newton steps)
                nw = newton_new(layout, A.shape[0] if layout != SPARSE else S.shape[0] - 1, p)
                if layout == SPARSE and nw != NULL:
                    newton_sparse(nw, Xp, Xi, Xv, Xm, b)
            if screen:  # scores at the warm start, as if it solved the problem at the largest score
                gap = _gap(layout, w, 0.0, 0.0, A, b, S, Xp, Xi, Xv, Xm, y_norm2, all_cols, positive, corr)
                if bounds_on:
                    ref_norm = _keep_reference(S, w, 0.0, corr, ref_S, ref_corr)
                    ref_ok = True
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
                                  all_cols, max_iter, tol, positive, corr, &gap, sc, S_keep, nw,
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
                    budget = _kkt_early if _kkt_early > 0 else cap
                    while True:
                        it = _solve(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, norm2, y_norm2,
                                    ws[:n_ws], min(cap - used, budget), tol, positive, corr, &gap, sc,
                                    S_keep, nw, &work, lo, hi, used > 0)
                        used += it
                        sub_gap = gap
                        budget = min(budget * _kkt_growth, cap) if _kkt_growth > 0 else cap
                        if n_ws < p:  # the KKT check over every feature: one pass, but for the
                            # working set's columns when the solve's last gap left them at this w, and
                            # for the columns the reference point's bound clears (_dual)
                            cut.known = (&in_ws[0] if _reuse_ws_corr and sc != NULL and sc.ws_corr_fresh
                                         and lo == NULL else NULL)
                            cut.ref_corr = NULL
                            cut.work = 0.0
                            if ref_ok and ref_wait == 0:
                                dist = _distance(S, ref_S)
                                cut.ref_corr, cut.col_norm = &ref_corr[0], &col_norm[0]
                                cut.dist = dist * (1.0 + 1e-6) + 1e-10 * (ref_norm + dist)
                            gap = _gap(layout, w, l1_reg, l2_reg, A, b, S, Xp, Xi, Xv, Xm, y_norm2,
                                       all_cols, positive, corr, lo, hi, &cut)
                            _kkt_work += cut.work
                            if cut.ref_corr != NULL:  # bounds that cleared too little: wait 1, 2, 4, 8
                                if cut.work > KKT_BOUND_SHARE * full_pass:  # passes before the next try
                                    ref_backoff = min(2 * ref_backoff + 1, 8)
                                    ref_wait = ref_backoff
                                else:
                                    ref_backoff = 0
                            elif bounds_on:
                                if ref_wait > 0:
                                    ref_wait -= 1
                                if ref_wait == 0:  # every column computed: the next pass's reference
                                    ref_norm = _keep_reference(S, w, l2_reg, corr, ref_S, ref_corr)
                                    ref_ok = True
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
                        if added == 0 and sub_gap <= gap_tol:
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
                if stop_lower is not None and (not gap <= gap_tol or _outside(w, stop_lower, stop_upper)):
                    n_done = k  # (this α is not done: the caller solves it with the box)
                    break
                if report:
                    with gil:
                        progress(1)
                if 0 < stop_nnz <= nnz:
                    n_done = k + 1
                    break
    finally:
        newton_free(nw)
        _scratch_free(sc)
    return n_done


cdef bint _outside(const floating[::1] w, const double[::1] lower, const double[::1] upper) noexcept nogil:
    cdef Py_ssize_t j
    for j in range(w.shape[0]):
        if w[j] < lower[j] or w[j] > upper[j]:
            return True
    return False


cdef int[::1] _int_range(Py_ssize_t p):
    cdef int[::1] out = np.empty(p, dtype=np.intc)  # (a C loop: np.arange's argument parsing costs more)
    cdef Py_ssize_t j
    for j in range(p):
        out[j] = <int> j
    return out


cdef unsigned char[::1] _bool_array(Py_ssize_t p):
    return np.zeros(p, dtype=np.uint8)


def dense_residual(const double[::1, :] X, const double[::1] y, const double[::1] w, double[::1] out):
    """out = y − X w, column by column over the non-zeros of w (:func:`_refresh`, dense layout)."""
    cdef int[::1] no_index = _int_range(1)
    cdef double[::1] no_value = _work_array(1)
    global _all_cols
    cdef int[::1] cols = _all_cols  # (a local reference: another thread may replace the global meanwhile)
    if cols.shape[0] != w.shape[0]:  # (kept between calls: the active-set method calls this often)
        cols = _int_range(w.shape[0])
        _all_cols = cols
    with nogil:
        _refresh(DENSE, w, cols, X, y, out, no_index, no_index, no_value, no_value)


cdef int[::1] _all_cols = _int_range(0)


def gram_rounding_terms(const floating[:, :] coefs, const double[:] alphas, const floating[:] norm2,
                        const floating[:] Xty):
    """(max_k ||w_k||₁, the smallest α > 0 (inf if none), max_j G_jj, max_j |xⱼᵀy|) in float64, for a
    path's coefs (p, K), any strides — recheck_gram_gaps' bound in one call where NumPy's reductions
    cost µs each on a small path. A NaN in a sum or maximum is returned as NaN."""
    cdef Py_ssize_t j, k
    cdef double s, l1_max = 0.0, alpha_min = INFINITY, g = 0.0, c = 0.0
    for k in range(coefs.shape[1]):
        s = 0.0
        for j in range(coefs.shape[0]):
            s += fabs(coefs[j, k])
        l1_max = _max_nan(l1_max, s)
    for k in range(alphas.shape[0]):
        if alphas[k] > 0:
            alpha_min = min(alpha_min, alphas[k])
    for j in range(norm2.shape[0]):
        g = _max_nan(g, norm2[j])
        c = _max_nan(c, fabs(Xty[j]))
    return l1_max, alpha_min, g, c


def constant_columns(const floating[:, :] X):
    """Boolean mask of X's columns whose entries are all equal and finite (NumPy's ptp(X, axis=0) == 0),
    any strides. Each column is read only until two entries differ -- for most data, its first two --
    where NumPy's ptp reads all of X twice (a max and a min pass)."""
    cdef Py_ssize_t i, j, n = X.shape[0]
    cdef floating first
    out = np.zeros(X.shape[1], dtype=bool)
    cdef unsigned char[::1] mask = out.view(np.uint8)
    with nogil:
        for j in range(X.shape[1]):
            first = X[0, j]
            mask[j] = first - first == 0  # (NaN and ±inf: not constant, as ptp's inf - inf = NaN says)
            for i in range(1, n):
                if X[i, j] != first:
                    mask[j] = 0
                    break
    return out


def sparse_column_stats(const int[::1] indptr, const floating[::1] data, Py_ssize_t n):
    """(sums, sums of squares, constant mask) of the columns of a CSC matrix with n rows, in one pass
    over its stored values: float64 sums, and the columns whose n entries are all equal (all stored
    and equal, or every stored one 0) -- where SciPy's mean, max, min and X.multiply(X).sum took a
    pass and a temporary matrix each, ~0.4 ms of a small sparse path's set-up."""
    cdef Py_ssize_t j, t, p = indptr.shape[0] - 1
    cdef double v, s, ss, lo, hi
    sums, sumsq, constant = np.zeros(p), np.zeros(p), np.zeros(p, dtype=bool)
    cdef double[::1] sums_v = sums, sumsq_v = sumsq
    cdef unsigned char[::1] mask = constant.view(np.uint8)
    with nogil:
        for j in range(p):
            s = ss = 0.0
            lo = hi = data[indptr[j]] if indptr[j + 1] > indptr[j] else 0.0
            for t in range(indptr[j], indptr[j + 1]):
                v = data[t]
                s += v
                ss += v * v
                lo = min(lo, v)
                hi = max(hi, v)
            sums_v[j], sumsq_v[j] = s, ss
            mask[j] = lo == hi and (lo == 0 or indptr[j + 1] - indptr[j] == n)
    return sums, sumsq, constant


def value_range(const floating[:] a):
    """(min, max, whether a is non-increasing) of a non-empty 1-D array, any stride, in float64 --
    (NaN, NaN, False) if an entry is NaN: the input checks' reductions in one call, where NumPy's
    cost µs each on the small arrays of a small path."""
    cdef Py_ssize_t k
    cdef double v, lo, hi
    cdef bint descending = True, nan
    if a.shape[0] == 0:
        raise ValueError("value_range of an empty array")
    lo = hi = a[0]
    nan = lo != lo
    for k in range(1, a.shape[0]):
        v = a[k]
        if v != v:
            nan = True
        elif v < lo:
            lo = v
        elif v > hi:
            hi = v
        descending = descending and v <= a[k - 1]
    if nan:
        return NAN, NAN, False
    return lo, hi, descending


cdef inline double _max_nan(double a, double b) noexcept nogil:
    """max(a, b), NaN if either is (a + b is then NaN)."""
    return a + b if a != a or b != b else (a if a > b else b)


def corr_on(const double[::1, :] X, const double[::1] r, const Py_ssize_t[::1] cols, double[::1] out):
    """out[k] = x_jᵀ r for j = cols[k]: the correlations of a few columns, without copying them."""
    cdef int n = X.shape[0], one = 1
    cdef Py_ssize_t k
    with nogil:
        for k in range(cols.shape[0]):
            out[k] = ddot(&n, &X[0, cols[k]], &one, &r[0], &one)


def screen_dual_norm(const double[::1] corr, const double[::1] ub, const double[::1] norms,
                     const unsigned char[::1] kept, double dist):
    """max_j a_j, a_j = |x_jᵀr| where kept, else the bound ub_j + ||x_j||·dist: the scale of the active
    set's gap-safe test (_active_set._SafeScreen.new_alpha), one pass instead of several NumPy ones."""
    cdef Py_ssize_t j
    cdef double a, dual_norm = 0.0
    with nogil:
        for j in range(corr.shape[0]):
            a = fabs(corr[j]) if kept[j] else ub[j] + norms[j] * dist
            if a > dual_norm:
                dual_norm = a
    return dual_norm


def screen_keep(const double[::1] corr, double[::1] ub, const double[::1] norms, const double[::1] w,
                unsigned char[::1] kept, double dist, double scale, double radius, double lam):
    """The gap-safe test itself (_SafeScreen.new_alpha): keep j where w_j != 0 or scale·a_j +
    radius·||x_j|| >= lam (a_j as in screen_dual_norm); a feature it drops gets its bound in ``ub``.
    Returns how many it keeps."""
    cdef Py_ssize_t j, count = 0
    cdef double a
    cdef bint keep
    with nogil:
        for j in range(corr.shape[0]):
            a = fabs(corr[j]) if kept[j] else ub[j] + norms[j] * dist
            keep = w[j] != 0 or scale * a + radius * norms[j] >= lam
            if kept[j] and not keep:
                ub[j] = a + norms[j] * dist
            kept[j] = keep
            count += keep
    return count


def screen_bounds(const double[::1] ub, const double[::1] norms, unsigned char[::1] kept, double dist,
                  double lam):
    """Keep again the features whose bound ub_j + ||x_j||·dist passes λ (_SafeScreen.certify);
    returns (how many are kept, the largest bound of those left out, 0 if none)."""
    cdef Py_ssize_t j, p = ub.shape[0], count = 0
    cdef double b, outside = 0.0
    with nogil:
        for j in range(p):
            if not kept[j]:
                b = ub[j] + norms[j] * dist
                if b > lam:
                    kept[j] = 1
                elif b > outside:
                    outside = b
            count += kept[j] != 0
    return count, outside
