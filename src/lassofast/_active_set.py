"""The lasso path where CD is slow: an active-set method with an updated QR of X_A.

When the support A of the lasso solution approaches n (|A| ≈ n_samples), X_A is nearly square and
ill-conditioned, and coordinate descent needs hundreds of sweeps per α (the benchmark's dense problem
at eps=1e-3: 500–1600), while only a handful of features enter or leave between neighbouring grid
points; strongly correlated columns (e.g. products of features) do the same at any support size.
Here the solution is found instead by feature-sign search (Lee, Battle, Raina & Ng, "Efficient
sparse coding algorithms", NIPS 2006), warm-started from the previous α:

1. With signs s fixed on A, the minimiser of the smooth restricted objective solves
   X_Aᵀ X_A w_A = X_Aᵀ y − λ s (λ = n·α): two triangular solves with R from X_A = Q R.
2. If every sign holds, that is the new w_A. Otherwise move from w_A towards it only up to the first
   coefficient that reaches zero (the objective decreases along the way) and drop that feature.
3. When the signs hold, the features kept by the sequential strong rule are checked for |xⱼᵀr| > λ;
   the strongest violators join A with the sign of xⱼᵀr and the search goes on. When none is left,
   one pass c = Xᵀr gives the duality gap (the certificate, as in the kernel) and catches any
   violator the rule missed -- over the columns gap-safe screening keeps (:class:`_SafeScreen`).

Adding a feature (Gram–Schmidt) or dropping one (Givens rotations) updates Q and R in place in
O(n·|A|) instead of refactorising (qr_append / qr_remove / qr_solve in _qr.pyx), so an α
costs about one pass over X plus O(n·|A|) per support change. Each α ends only when its duality gap
meets the tolerance; when the method cannot go on (a gap above the tolerance with no violator left,
too many steps) it stops and the caller's coordinate descent takes over from the point reached.

Dependent columns (copies of a feature, sums of others, as polynomial features of real data have)
keep X_A independent: a warm start that uses them is first moved onto independent columns with the
same fit, and a column in span(X_A) whose |xⱼᵀr| passes λ only by rounding is passed over.
"""
import numpy as np
from scipy.linalg import qr

from . import _cd, _qr

_DENSE, _GRAM = _cd.LAYOUT_DENSE, _cd.LAYOUT_GRAM

SATURATION = 0.85      # dense layout: switch from CD once |A| ≥ SATURATION · n_samples
SATURATION_MIN_SAMPLES = 150  # ... when n_samples is at least this (below it CD with Newton steps wins)
SLOW_SWEEPS = 50       # and at an α still open after this many sweeps
MAX_SAMPLES = 3000     # Q and R are n × n buffers: at most 144 MB
ENTER_PER_PASS = 5     # violators added per check: fewer checks, few wrong entries
_RANK_TOL = 1e-10      # a new column whose part outside span(X_A) is below this share is dependent
_PIVOT_TOL = 1e-9      # a pivot must lower the objective at a rate above this share of λ


def eligible(design, l1_ratio, screening):
    """Whether the path of this problem may switch to the active-set method (lasso, float64, dense
    X or its Gram matrix, n_samples ≤ MAX_SAMPLES)."""
    return (design.layout in (_DENSE, _GRAM) and isinstance(design.X, np.ndarray)
            and design.dtype == np.float64 and l1_ratio == 1.0 and screening
            and design.n_samples <= MAX_SAMPLES)


def switch_rule(design):
    """(stop_nnz, stop_sweeps) for the kernel's path driver: CD hands over to this method at the first
    α whose support reaches stop_nnz, or that is still open after stop_sweeps sweeps.

    Dense layout (n < p or n ≈ p): support 0.85·n — near n, CD needs hundreds of sweeps per α. Gram
    layout (n > p): the support never nears n, and on well-conditioned data CD needs a few sweeps per
    α; but strongly correlated or dependent columns can cost it thousands of sweeps at an α. Hence, in
    both layouts, SLOW_SWEEPS. Small dense problems (n_samples < SATURATION_MIN_SAMPLES) switch only on
    sweeps: there the kernel's Newton steps on a support of at most n columns are cheap and this
    method's Python cost per α (a fixed ~0.1 ms) dominates; since a sweep costs O(n) per column, the
    sweeps that cost is worth grow as 1/n, and so does the patience: SLOW_SWEEPS ·
    SATURATION_MIN_SAMPLES / n_samples. The measurements behind each number are in
    benchmarks/README.md.

    Parameters
    ----------
    design : lassofast.path._Design
        The prepared design.

    Returns
    -------
    stop_nnz : int
        Support size at which the kernel hands over (-1: never on size).
    stop_sweeps : int
        Sweeps after which an α still open hands over.
    """
    n = design.n_samples
    if design.layout != _DENSE:
        return -1, SLOW_SWEEPS
    if n < SATURATION_MIN_SAMPLES:
        return -1, int(np.ceil(SLOW_SWEEPS * SATURATION_MIN_SAMPLES / n))
    return max(1, int(np.ceil(SATURATION * n))), SLOW_SWEEPS


class _SupportQR:
    """X_A = Q R for the support A (in insertion order), updated in place by the kernels of _cd:
    Q (n × n) and R (n × n) are buffers of which the first |A| columns are in use (|A| ≤ n)."""

    def __init__(self, X, support):
        n = X.shape[0]
        self.X = X
        self.A = list(support)
        self.Q = np.zeros((n, n), order="F")
        self.R = np.zeros((n, n), order="F")
        self._work = np.empty(n)
        k = len(self.A)
        if 0 < k <= n:
            Q, R = qr(X[:, self.A], mode="economic")
            self.Q[:, :k], self.R[:k, :k] = Q, R

    def full_rank(self):
        """Whether X_A has independent columns (a CD iterate may have more non-zeros than that)."""
        k = len(self.A)
        if k > self.X.shape[0]:
            return False
        norms = np.linalg.norm(self.X[:, self.A], axis=0)
        return bool(np.all(np.abs(np.diag(self.R)[:k]) > _RANK_TOL * norms))

    def add(self, j):
        """Append feature j; False (and no change) if x_j is (nearly) in span(X_A) or |A| = n."""
        k = len(self.A)
        if k >= self.X.shape[0] or not _qr.qr_append(self.Q, self.R, k, self.X[:, j], _RANK_TOL,
                                                     self._work):
            return False
        self.A.append(j)
        return True

    def swap_in(self, j, w, positive=False):
        """Bring in x_j when it lies in span(X_A) (X_A already spans the data: |A| = rank X).

        Then x_j = X_A v, and moving w_j by σt and w_A by −σt·v (σ = sign(s_Aᵀv)) keeps the fit and
        changes the penalty at rate λ(1 − |s_Aᵀv|) — downhill when |s_Aᵀv| > 1 (for a violator
        with w_A optimal on A, x_jᵀr = λ s_Aᵀv, so exactly when |x_jᵀr| > λ). Go until the first
        member of A reaches zero, drop it and add j: a pivot, as in the simplex method. Every member
        of A must be non-zero. With ``positive`` the new coefficient must grow (σ = +1, so
        s_Aᵀv > 1). Returns False (and changes nothing) if the move does not descend.
        """
        A = np.asarray(self.A, dtype=np.intp)
        s = np.sign(w[A])
        k = len(A)
        v = self.restricted_minimiser(self.X[:, j], 0.0, s)
        s_v = s @ v
        # Descent by less than rounding (e.g. x_j a copy of a member: s_Aᵀv = ±1 to the last bits)
        # would swap the copies back and forth.
        if (s_v if positive else abs(s_v)) <= 1.0 + _PIVOT_TOL or np.any(s == 0):
            return False
        sigma = np.sign(s_v)
        step = -sigma * v
        toward_zero = np.sign(step) == -s
        t = np.full(k, np.inf)
        t[toward_zero] = -w[A][toward_zero] / step[toward_zero]
        i = int(np.argmin(t))
        if not np.isfinite(t[i]):
            return False
        w_old = w[A].copy()
        w[A] += t[i] * step
        w[A[i]] = 0.0
        self.drop(i)
        if not self.add(j):  # x_j independent of the others but x_i's: cannot fail unless rounding
            self.add(A[i])   # puts A back (in another order) so the factors stay valid
            w[A] = w_old
            return False
        w[j] = sigma * t[i]
        return True

    def make_independent(self, w):
        """Refactor for the support of w when its columns are dependent (duplicated or collinear
        features, or more non-zeros than samples, as a CD iterate may have): columns join one by one,
        and the weight of one in the span of those before, x_j = X_A v, moves onto them
        (w_A += w_j v, w_j = 0), which keeps the fit X w (the search then goes on from there)."""
        self.A = []
        for j in np.flatnonzero(w):
            if not self.add(j):
                A = np.asarray(self.A, dtype=np.intp)
                w[A] += w[j] * self.restricted_minimiser(self.X[:, j], 0.0, np.zeros(len(A)))
                w[j] = 0.0

    def drop(self, i):
        """Remove the i-th feature of A."""
        _qr.qr_remove(self.Q, self.R, len(self.A), i)
        del self.A[i]

    def restricted_minimiser(self, y, lam, s):
        """argmin over w_A of ½||y − X_A w_A||² + λ sᵀ w_A: R w_A = Qᵀy − λ R⁻ᵀ s."""
        out = np.empty(len(self.A))
        _qr.qr_solve(self.Q, self.R, len(self.A), y, np.ascontiguousarray(s, dtype=np.float64), lam, out,
                     self._work)
        return out

    def residual(self, y, w):
        """y − X w (w is zero off A), from the columns themselves: exact to rounding, whatever
        X_A's conditioning, so the certificate does not inherit the factorisation's rounding."""
        out = np.empty(self.X.shape[0])
        _cd.dense_residual(self.X, y, w, out)
        return out


class _SafeScreen:
    """Gap-safe screening between the α of the path (Fercoq, Gramfort & Salmon, ICML 2015): the dual
    objective θᵀy − ||θ||²/2 is 1-strongly concave, so the dual optimum lies within R = √(2G) of any
    feasible θ with gap G, and |xⱼᵀθ| + R·||xⱼ|| < λ proves w*ⱼ = 0. At each new α the previous
    solution, scaled to be feasible there, is tested, and the certificates of that α read only the
    columns that pass (on the benchmark's wide problem 5 % of them right after a full pass). Each
    feature left out keeps ub_j, a bound on |xⱼᵀr_ref| at the residual r_ref of the last full pass,
    so |xⱼᵀr| ≤ ub_j + ||xⱼ||·||r − r_ref|| at any r: a feature whose bound passes λ at a certificate
    is read again, the largest bound left enters the dual point's scaling, and every gap certifies
    the whole problem.
    """
    # Above this share kept, the next certificate reads every column (and renews r_ref): the bounds
    # loosen as r leaves r_ref (wide, ε=1e-2: 5 %, 23 %, 37 %, 60 % kept in the α after a full pass).
    MAX_SHARE = 0.25
    MIN_SIZE = 1e6    # n·p below which a pass costs less than the bookkeeping

    def __init__(self, norms, r, corr):
        self.norms = norms
        self.renew(r, corr)

    def renew(self, r, corr):
        """After a full pass at r."""
        self.ref, self.ub = r.copy(), np.abs(corr)
        self.kept = np.ones(len(corr), dtype=bool)

    def new_alpha(self, w, y, r, corr, lam):
        """The test at λ for the solution w (residual r, corr exact on the kept features): the dual
        point r·scale, scale from the exact |xⱼᵀr| where kept and the bounds elsewhere, and its gap."""
        dist, kept = np.linalg.norm(r - self.ref), self.kept.view(np.uint8)
        gap, scale = _rescaled_gap(w, y, r, _cd.screen_dual_norm(corr, self.ub, self.norms, kept, dist), lam)
        count = _cd.screen_keep(corr, self.ub, self.norms, w, kept, dist, scale, np.sqrt(2.0 * max(gap, 0.0)),
                                lam)
        if count > self.MAX_SHARE * len(corr):
            self.kept[:] = True

    def certify(self, X, w, y, r, corr, lam):
        """Refresh corr on the kept features (first keeping those whose bound passes λ) and return
        (gap, candidates: the features whose corr is exact)."""
        count, outside = _cd.screen_bounds(self.ub, self.norms, self.kept.view(np.uint8),
                                           np.linalg.norm(r - self.ref), lam)
        if count == len(corr):
            _corr_all(X, r, corr)
            self.renew(r, corr)
            return gap_from_residual(w, y, r, corr, lam), np.arange(len(corr))
        cols = np.flatnonzero(self.kept)
        work = np.empty(len(cols))
        _cd.corr_on(X, r, cols, work)
        corr[cols] = work
        return gap_from_residual(w, y, r, corr, lam, kept=cols, outside=outside), cols


def lasso_path_active_set(X, y, w, alphas, gap_tol, max_steps=None, positive=False, on_alpha=None,
                          norm2=None):
    """Solve the lasso at each α of ``alphas`` (decreasing) from w (a solution at the α before), in place.

    ``gap_tol`` is the converged bound on the duality gap in the kernel's scale (n × objective). Returns
    (coefs (K', p), gaps (K',) in the kernel's scale, passes (K',)) for the first K' ≤ K grid points
    it certified; it stops early when it cannot go on, leaving w at the last certified solution.
    ``positive`` constrains w ≥ 0 (then only xⱼᵀr > λ is a violation). ``on_alpha()`` is called after
    each certified α (progress reports). ``norm2``: the columns' squared norms, for gap-safe
    screening between the α (:class:`_SafeScreen`; without them, or with ``positive``, every
    certificate reads every column).
    """
    n, p = X.shape
    # Measured: at most ~30 steps per α (dense n=1000 and n=2000 paths, mean 10-20); a step costs
    # O(n·|A|), so the cap bounds the time lost before CD takes over on a hard α.
    max_steps = 100 + n // 10 if max_steps is None else max_steps
    w_start = w.copy()
    support = _SupportQR(X, np.flatnonzero(w))
    if not support.full_rank():
        support.make_independent(w)
    coefs, gaps, passes = [], [], []
    r = y - X @ w
    corr = _corr_all(X, r, np.empty(p))  # xⱼᵀr at the last certified point, for the strong rule
    safe = (_SafeScreen(np.sqrt(np.maximum(norm2, 0.0)), r, corr)
            if norm2 is not None and not positive and n * p >= _SafeScreen.MIN_SIZE else None)
    lam_prev = _scores(corr, positive).max()
    for alpha in alphas:
        lam = n * alpha
        if safe is not None:
            safe.new_alpha(w, y, support.residual(y, w), corr, lam)
        # Sequential strong rule: the features checked between certificates (the certificate itself
        # checks them all).
        rule = _scores(corr, positive) >= 2 * lam - lam_prev
        screen = np.flatnonzero(rule if safe is None else rule & safe.kept)
        result = _solve_one(X, y, w, lam, support, gap_tol, max_steps, screen, corr, positive, safe)
        if result is None:
            break
        coefs.append(w.copy())
        gaps.append(result[0])
        passes.append(result[1])
        lam_prev = lam
        if on_alpha is not None:
            on_alpha()
    K = len(coefs)
    if K == 0:
        w[:] = w_start  # make_independent may have moved weights
    return np.array(coefs).reshape(K, p), np.array(gaps), np.array(passes, dtype=np.int64)


def _solve_one(X, y, w, lam, support, gap_tol, max_steps, screen, corr, positive=False, safe=None):
    """Feature-sign search at one λ, warm-started from w; returns (gap, passes) or None.

    Between certificates only the ``screen`` features are checked for violations; each certificate
    is a full pass (or one over the features ``safe`` keeps), which refreshes ``corr`` (xⱼᵀr for
    those j) and adds any violator it finds to the screen. ``corr`` always holds the latest xⱼᵀr of
    the screened features.
    """
    steps = n_passes = 0
    w_before = w.copy()
    solved_on_A = False  # w minimises the sign-restricted objective on A at this λ
    work = np.empty(len(screen))
    ignored = []  # features in span(X_A) that only rounding shows as violators
    while True:
        A = np.asarray(support.A + ignored, dtype=np.intp)
        entering = np.empty(0, dtype=np.intp)
        if solved_on_A:
            r = support.residual(y, w)
            _cd.corr_on(X, r, screen, work)
            corr[screen] = work
            entering = _violators(corr, screen, lam, A, positive)
            if len(entering) == 0:  # the screened features hold: certify with one pass
                n_passes += 1
                if safe is None:
                    _corr_all(X, r, corr)
                    gap, checked = gap_from_residual(w, y, r, corr, lam, positive=positive), np.arange(len(corr))
                else:
                    gap, checked = safe.certify(X, w, y, r, corr, lam)
                if gap <= gap_tol:
                    return gap, n_passes
                entering = _violators(corr, checked, lam, A, positive)
                if len(entering) == 0:  # no violator, yet no certificate (rounding): let CD finish
                    w[:] = w_before
                    return None
                screen = np.union1d(screen, entering)
                work = np.empty(len(screen))
        added = 0
        for j in entering[:ENTER_PER_PASS]:  # the strongest violators first
            if not support.add(j):
                break
            added += 1
        # The strongest violator is in span(X_A) (X_A may span the data): it is swapped in by a pivot,
        if len(entering) and added == 0 and not support.swap_in(entering[0], w, positive):
            # or, if no pivot descends, passed over: with w_A optimal on A, its |x_jᵀr| passes λ only
            # by rounding (e.g. a copy of a member). The certificate has the last word.
            ignored.append(entering[0])
            continue
        signs = np.sign(corr[support.A])
        while True:  # steps 1-2 until the signs hold
            steps += 1
            if steps > max_steps:
                w[:] = w_before
                return None
            A = np.asarray(support.A, dtype=np.intp)
            w_A = w[A]
            s = np.where(w_A != 0, np.sign(w_A), signs)
            target = support.restricted_minimiser(y, lam, s)
            wrong = np.sign(target) != s
            if not wrong.any():
                w[A] = target
                solved_on_A = True
                break
            step = target - w_A
            t = np.full(len(A), np.inf)
            t[wrong] = np.maximum(-w_A[wrong] / step[wrong], 0.0)
            i = int(np.argmin(t))
            w[A] = w_A + t[i] * step
            w[A[i]] = 0.0
            signs = np.delete(s, i)
            support.drop(i)


def _corr_all(X, r, out):
    """out = Xᵀr (returned), one BLAS dot per column: for the short columns this method sees (n ≤
    MAX_SAMPLES) 1.6–2× faster than NumPy's X.T @ r (measured on dense 1000×5000 and wide 200×20000;
    on a tall 10000×200 X, 1.4× slower)."""
    _cd.corr_on(X, r, np.arange(X.shape[1], dtype=np.intp), out)
    return out


def _scores(corr, positive):
    """|xⱼᵀr|, or xⱼᵀr itself under w ≥ 0: the quantity the dual constraint bounds by λ."""
    return corr if positive else np.abs(corr)


def _violators(corr, candidates, lam, A, positive):
    """The candidates outside A whose score exceeds λ, the strongest first."""
    violation = _scores(corr[candidates], positive) - lam
    hit = np.flatnonzero(violation > 0)  # (few: sort only those, not every candidate)
    in_A = np.zeros(len(corr), dtype=bool)  # (np.isin costs ~60 µs on these small arrays)
    in_A[A] = True
    hit = hit[~in_A[candidates[hit]]]
    return candidates[hit[np.argsort(-violation[hit], kind="stable")]]


def gap_from_residual(w, y, r, corr, l1_reg, l2_reg=0.0, positive=False, kept=None, outside=0.0):
    """Duality gap of ½||y − Xw||² + l1_reg||w||₁ + ½ l2_reg||w||² at w, from r = y − Xw and
    corr = Xᵀr: the dual point r rescaled into the dual feasible set {|Xᵀθ − l2_reg w| ≤ l1_reg}
    ({… ≤ l1_reg} one-sided under w ≥ 0), as the kernel's certificate does. ``kept``: corr is exact
    only there, and ``outside`` bounds the scores elsewhere (:class:`_SafeScreen`)."""
    if kept is not None:  # (score only those: the rest may be most of the columns)
        corr, w_kept = corr[kept], w[kept]
    else:
        w_kept = w
    scores = _scores(corr - l2_reg * w_kept if l2_reg else corr, positive)
    return _rescaled_gap(w, y, r, max(scores.max(initial=0.0), outside), l1_reg, l2_reg)[0]


def _rescaled_gap(w, y, r, dual_norm, l1_reg, l2_reg=0.0):
    """(gap, scale): the duality gap at w with the dual point r·scale, scale = min(1, l1_reg /
    dual_norm) (dual_norm: the largest score, see gap_from_residual)."""
    scale = min(1.0, l1_reg / dual_norm) if dual_norm > 0 else 1.0
    primal = 0.5 * (r @ r) + l1_reg * np.abs(w).sum() + 0.5 * l2_reg * (w @ w)
    dual = scale * (r @ y) - 0.5 * scale * scale * ((r @ r) + l2_reg * (w @ w))
    return primal - dual, scale
