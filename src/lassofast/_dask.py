"""Paths, estimators and cross-validation on Dask arrays (or dataframes) bigger than memory, n ≫ p.

One pass over the row chunks computes the sufficient statistics of the problem (the moments of
:mod:`lassofast._moments`: n, Σw, means, centred co-moments of [X | y]); then the path runs locally
on the p×p Gram, in the kernel's Gram layout, with its usual duality-gap certificate. Cross-validation
keeps one set of moments per fold in the same pass: fold k's training moments are the total minus
fold k's, and the held-out error of every α follows from fold k's moments (no second pass).

``standardize`` and ``penalty_factor`` act on the Gram statistics (lassofast._gram_transform); box
bounds and ``max_features`` go to the kernel's Gram layout as in memory; the relaxed lasso's refits
solve the normal equations of the same statistics (:func:`moment_relax`). The inputs (Dask arrays,
or a dask DataFrame read partition by partition) are checked and cut into row blocks by
lassofast._dask_inputs.

The pass runs on whatever Dask scheduler is active: a ``dask.distributed`` Client if one exists, else
the threaded scheduler. The entry points (``enet_path``, ``ElasticNet.fit``, ``ElasticNetCV.fit``) hand a
Dask X over to this module.
"""
import dataclasses

import numpy as np

from . import _active_set
from ._dask_inputs import MAX_FEATURES, check_inputs, hashed_folds, is_dask
from ._gram_transform import GramTransform
from ._moments import Moments, gram_statistics, merge_all
from ._standardize import moment_scale
from ._validation import check_bool, check_bounds, check_coef_init, check_penalty_factor, check_scalar
from .path import (_GRAM, _Design, _Problem, _box_gap, _limits_back, _path_on, _path_options, _reduced_limits,
                   _with_extras, _check_unpenalised_limits)

__all__ = ["MAX_FEATURES", "is_dask", "dask_moments", "dask_enet_path", "dask_relax"]


# ----------------------------------------------------------------------------------------------------
# The pass: one task per row chunk, a pairwise tree of merges

def _chunk_moments(xb, yb, wb, fb, index, start, fold_bounds, n_folds=None):
    """{fold: Moments} of one row chunk (fold 0 only without CV); bad values raise naming the chunk.
    ``n_folds`` without ``fb`` or ``fold_bounds``: the rows' folds by :func:`hashed_folds`."""
    xb, yb = _values(xb), _values(yb)
    m = xb.shape[0]
    if xb.ndim == 1:  # a Series as X: one feature
        xb = xb[:, None]
    if yb.ndim == 2 and yb.shape[1] == 1:
        yb = yb[:, 0]
    if start is None:  # a dataframe's partition, whose first row's number is not known
        where, start = f"partition {index} of the table ({m} rows; row numbers counted within it)", 0
    else:
        where = f"chunk {index} of the rows (rows {start} to {start + m - 1})"
    if yb.shape[0] != m:
        raise ValueError(f"{where}: X has {m} rows but y has {yb.shape[0]}.")
    Z = np.empty((m, xb.shape[1] + 1))  # the work array of the moments (centred in place)
    Z[:, :-1], Z[:, -1] = xb, yb
    if wb is not None:
        wb = _values(wb).astype(np.float64, copy=False).reshape(-1)
        if wb.shape[0] != m:
            raise ValueError(f"{where}: X has {m} rows but sample_weight has {wb.shape[0]}.")
        if not (np.isfinite(wb).all() and (wb >= 0).all()):
            i = int(np.flatnonzero(~(np.isfinite(wb) & (wb >= 0)))[0])
            raise ValueError(f"{where}: sample_weight must be finite and >= 0; got {wb[i]} at row {start + i}.")
        if not np.isfinite(Z[wb == 0]).all():  # rows of weight 0 are skipped below, but refused in memory too
            _raise_not_finite(Z, where, start, xb.shape[1])
    if fb is None and fold_bounds is None and n_folds is not None:
        fb = hashed_folds(index, m, n_folds)
    parts = _fold_moments(Z, wb, fb, start, fold_bounds)
    if not all(np.isfinite(part.mean).all() for part in parts.values()):  # a NaN or inf reaches the means
        _raise_not_finite(np.column_stack([xb, yb]), where, start, xb.shape[1])
    return parts


def _values(block):
    """A block as a NumPy array (a pandas partition's nullable NA as NaN, refused as such below)."""
    if hasattr(block, "to_numpy"):
        return block.to_numpy(dtype=np.float64, na_value=np.nan)
    return np.asarray(block)


def _raise_not_finite(Z, where, start, p):
    bad = ~np.isfinite(Z)
    i, j = np.argwhere(bad)[0] if bad.any() else (0, 0)
    column = f"column {j} of X" if j < p else "y"
    how = ("df = df.dropna()" if where.startswith("partition")
           else "X = X[da.isfinite(X).all(axis=1)] (then compute_chunk_sizes())")
    raise ValueError(f"{where} contains NaN or infinity (first at row {start + i}, {column}); remove or "
                     f"impute those rows first, e.g. {how}.")


def _fold_moments(Z, wb, fb, start, fold_bounds):
    m = Z.shape[0]
    if fb is None and fold_bounds is None:
        return {0: Moments.of_rows(Z, wb, overwrite=True)}
    if fb is not None:
        fb = np.asarray(fb)
        rows = {int(k): fb == k for k in np.unique(fb)}
    else:  # contiguous folds: [bounds[k], bounds[k + 1])
        rows = {}
        for k in range(len(fold_bounds) - 1):
            lo, hi = max(fold_bounds[k], start) - start, min(fold_bounds[k + 1], start + m) - start
            if lo < hi:
                rows[k] = slice(lo, hi)
    return {k: Moments.of_rows(Z[r], None if wb is None else wb[r], overwrite=True) for k, r in rows.items()}


def _merge_folds(a, b):
    return {k: a[k].merge(b[k]) if k in a and k in b else a.get(k, b.get(k)) for k in {*a, *b}}


def dask_moments(rows, *, fold_bounds=None, fold_ids=None, n_folds=None, progress=None):
    """{fold: Moments} of the checked :class:`~lassofast._dask_inputs.Rows`, from one pass over them.

    Folds: ``fold_bounds`` (contiguous row ranges, KFold without shuffling), ``fold_ids`` (a Dask
    array of one fold number per row, chunked like X) or ``n_folds`` (hashed, for rows whose numbers
    are unknown); none: {0: all rows}. ``progress(k)`` is called as chunks finish (local schedulers)."""
    from dask import delayed

    n = rows.n_blocks
    fs = [None] * n if fold_ids is None else fold_ids.to_delayed().reshape(-1)
    bounds = None if fold_bounds is None else [int(b) for b in fold_bounds]
    starts = rows.starts
    parts = [delayed(_chunk_moments, pure=True)(rows.xs[i], rows.ys[i], rows.ws[i], fs[i], i, starts[i], bounds,
                                                n_folds)
             for i in range(n)]
    return _reduce(parts, progress)


def _reduce(parts, progress, prefix="_chunk_moments"):
    """Merge the chunks' {fold: Moments} in a pairwise tree and compute it (one pass over the chunks)."""
    import dask
    from dask import delayed
    while len(parts) > 1:
        parts = [delayed(_merge_folds, pure=True)(parts[i], parts[i + 1]) if i + 1 < len(parts) else parts[i]
                 for i in range(0, len(parts), 2)]
    if progress is None:
        (result,) = dask.compute(parts[0])
    else:
        with _ChunkCallback(progress, prefix):
            (result,) = dask.compute(parts[0])
    return result


class _ChunkCallback:
    """Calls ``progress(1)`` as each chunk's task (named ``prefix-…``) finishes, on Dask's local schedulers."""

    def __init__(self, progress, prefix="_chunk_moments"):
        from dask.callbacks import Callback
        self._callback = Callback(posttask=self._posttask)
        self._progress, self._prefix = progress, prefix

    def _posttask(self, key, result, dsk, state, worker_id):
        name = key[0] if isinstance(key, tuple) else key
        if str(name).startswith(self._prefix):
            self._progress(1)

    def __enter__(self):
        self._callback.__enter__()
        return self

    def __exit__(self, *exc):
        self._callback.__exit__(*exc)


def _total(folds, q):
    """The moments of all rows from the folds' (merged in fold order) — and a check they have rows."""
    total = merge_all([folds[k] for k in sorted(folds)]) if folds else Moments.empty(q)
    if total.count == 0:
        raise ValueError("there is nothing to fit: the table has no rows, or sample_weight is zero for every row.")
    if not (np.isfinite(total.comoment).all() and np.isfinite(total.mean).all()):
        raise ValueError("the sums of squares of X or y overflow float64: rescale the columns (e.g. divide "
                         "by their standard deviation) before fitting.")
    return total


# ----------------------------------------------------------------------------------------------------
# The Gram-layout problem built from the moments (no X, no y: the kernel's Gram layout needs neither)

class _MomentDesign(_Design):
    """A Gram-layout :class:`_Design` whose XcᵀXc comes from the moments instead of an X in memory."""

    def __init__(self, gram, x_offset, n_samples, fit_intercept, constant):
        p = gram.shape[0]
        self.n_samples, self.n_features, self.dtype = n_samples, p, np.dtype(np.float64)
        self.fit_intercept = fit_intercept
        self.X_offset, self.constant = x_offset, constant
        self.layout = _GRAM
        self.A, self.norm2 = gram, gram.diagonal().copy()
        self.X = None  # never needed in the Gram layout (and keeps the active-set method, which needs X, off)
        self.Xp = self.Xi = np.zeros(1, dtype=np.intc)
        self.Xv = self.Xm = np.zeros(1)


class _MomentProblem(_Problem):
    """The target's side of the Gram layout (Xcᵀyc, ||yc||²) from the moments."""

    def __init__(self, design, Xty, yty, y_offset):
        self.design = design
        self.y_offset = np.float64(y_offset)
        self.y = None
        self.y_norm2, self.Xty = yty, Xty
        self.Xty[design.constant] = 0
        self.b = self.Xty

    def residual_gap(self, w, alpha, l1_ratio, positive, bounds=None):
        """The gap recomputed without X: ||r||², yᵀr and Xᵀr expanded in the statistics, in extended
        precision (np.longdouble) — what the in-memory path gets from r itself (with ``bounds``, the
        box's gap)."""
        ld = np.longdouble
        w = w.astype(ld)
        A, Xty = self.A.astype(ld), self.Xty.astype(ld)
        Aw = A @ w
        r_r = max(ld(self.y_norm2) - 2 * (w @ Xty) + w @ Aw, ld(0))
        r_y = ld(self.y_norm2) - w @ Xty
        root = np.sqrt(r_r) if r_r > 0 else ld(1)  # r and y as 1-vectors with these r·r and r·y
        n = self.n_samples
        y, r = np.array([r_y / root]), np.array([root])
        l1_reg, l2_reg = n * alpha * l1_ratio, n * alpha * (1 - l1_ratio)
        if bounds is not None:
            return float(_box_gap(w, y, r, Xty - Aw, l1_reg, l2_reg, *bounds)) / n
        return float(_active_set.gap_from_residual(w, y, r, Xty - Aw, l1_reg, l2_reg, positive)) / n


def _moment_problem(moments, fit_intercept):
    gram, Xty, yty, x_offset, y_offset, n, constant = gram_statistics(moments, fit_intercept)
    design = _MomentDesign(gram, x_offset, n, fit_intercept, constant)
    return design, _MomentProblem(design, Xty, yty, y_offset)


def _path_from_moments(moments, coef_init, options, names=None, weighted=False, standardize=False,
                       penalty_factor=None, rescale_penalty_factor=False, lower_bounds=None, upper_bounds=None,
                       max_features=None):
    """The certified path on the moments' Gram (``options`` as from _path_options, popped here);
    ``standardize`` / ``penalty_factor`` transform the Gram statistics as the in-memory path does X;
    box bounds and max_features go to the kernel's Gram layout as they do in memory."""
    fit_intercept = options.pop("fit_intercept")
    options.pop("precompute")  # always the Gram layout
    alphas = options["alphas"]
    if alphas is not None and (alphas == 0).any():
        raise ValueError("α = 0 is ordinary least squares, which the Dask route does not solve (it has no X "
                         "in memory); use a small positive α instead.")
    if moments.count < 2 and fit_intercept and alphas is None:
        raise ValueError("X has 1 row of non-zero weight: with fit_intercept=True the centred data is all "
                         "zeros and the automatic α grid is meaningless. Pass more rows or explicit alphas.")
    standardize = check_bool(standardize, "standardize")
    design, problem = _moment_problem(moments, fit_intercept)
    limits = {}  # (only when set: a plain path stays plain)
    bounds = check_bounds(lower_bounds, upper_bounds, design.n_features, options["positive"])
    if bounds is not None:
        limits["bounds"] = bounds
    if max_features is not None:
        limits["max_features"] = check_scalar(max_features, "max_features", low=0, integer=True)
    extras = {}
    if standardize or penalty_factor is not None:
        column_scale = moment_scale(moments, fit_intercept) if standardize else None
        path = _transformed_path(design, problem, coef_init, options, column_scale, penalty_factor,
                                 check_bool(rescale_penalty_factor, "rescale_penalty_factor"), **limits)
        extras = dict(standardize=standardize, rescale_penalty_factor=bool(rescale_penalty_factor),
                      penalty_factor=None if penalty_factor is None
                      else np.asarray(penalty_factor, dtype=np.float64))
    else:
        path = _path_on(design, problem, coef_init, **options, **limits)
    if names is not None:
        extras["feature_names"] = names
    if weighted:
        extras["sample_weighted"] = True
    return _with_extras(path, **extras) if extras else path


def _transformed_path(design, problem, coef_init, options, column_scale, penalty_factor, rescale, bounds=None,
                      max_features=None):
    """The path of the standardised (``column_scale``: the divisors, or None) / penalty-factored problem
    (lassofast._gram_transform), mapped back to the original columns: coefficients, intercepts, (elastic
    net with a common factor) α, and the box and max_features (scaled with the columns, as in memory:
    lassofast.path._reduced_limits)."""
    p, n = design.n_features, design.n_samples
    transform = GramTransform(design.A, problem.Xty, problem.y_norm2, options["l1_ratio"],
                              options["positive"], column_scale, penalty_factor, rescale)
    _check_unpenalised_limits(bounds, max_features, transform.free)
    bounds, max_features = _reduced_limits(bounds, max_features, transform.keep, transform.free, transform.scale)
    kept = int(transform.keep.sum())
    reduced_design = _MomentDesign(transform.gram, np.zeros(kept), n, False, design.constant[transform.keep])
    reduced_problem = _MomentProblem(reduced_design, transform.Xty, transform.yty, 0.0)
    init = None
    if coef_init is not None:
        init = transform.initial(check_coef_init(coef_init, p, np.float64, options["positive"]))
    if transform.changes_alphas and options["alphas"] is not None:
        options = dict(options, alphas=options["alphas"] * transform.alpha_scale)
    reduced = _path_on(reduced_design, reduced_problem, init, bounds=bounds, max_features=max_features, **options)
    coefs = transform.coefficients(reduced.coefs)
    limits = _limits_back(reduced, coefs, transform.keep, transform.free, transform.scale, transform.alpha_scale)
    intercepts = problem.y_offset - design.X_offset @ coefs
    changes = dict(coefs=coefs, intercepts=np.asarray(intercepts).reshape(-1),
                   settings=(design.fit_intercept,) + reduced.settings[1:])
    if transform.changes_alphas:
        changes.update(alphas=reduced.alphas / transform.alpha_scale,
                       alpha_max=reduced.alpha_max / transform.alpha_scale)
    return _with_extras(dataclasses.replace(reduced, **changes), **limits)  # (replace drops the extras)


def dask_enet_path(X, y, *, coef_init=None, sample_weight=None, penalty_factor=None,
                   rescale_penalty_factor=False, standardize=False, lower_bounds=None, upper_bounds=None,
                   max_features=None, **path_params):
    """:func:`lassofast.enet_path` for a Dask X (see the module docstring); the same parameters."""
    options = _path_options(**path_params)
    rows = check_inputs(X, y, sample_weight)
    limits = dict(lower_bounds=lower_bounds, upper_bounds=upper_bounds, max_features=max_features)
    check_transform(rows.n_features, [options["l1_ratio"]], options["positive"], standardize, penalty_factor,
                    rescale_penalty_factor, **limits)
    verbose = options.pop("verbose")
    progress = _progress_bar(rows.n_blocks) if verbose else None
    try:
        folds = dask_moments(rows, progress=None if progress is None else progress.update)
    finally:
        if progress is not None:
            progress.close()
    moments = _total(folds, rows.n_features + 1)
    return _path_from_moments(moments, coef_init, dict(options, verbose=False), rows.names,
                              rows.ws[0] is not None, standardize, penalty_factor, rescale_penalty_factor, **limits)


def check_transform(n_features, l1_ratios, positive, standardize=False, penalty_factor=None,
                    rescale_penalty_factor=False, lower_bounds=None, upper_bounds=None, max_features=None):
    """The options that change the problem (standardize, penalty_factor, the box, max_features) checked
    before the pass: bad ones read nothing."""
    check_bool(standardize, "standardize")
    check_bool(rescale_penalty_factor, "rescale_penalty_factor")
    bounds = check_bounds(lower_bounds, upper_bounds, n_features, positive)
    if max_features is not None:
        max_features = check_scalar(max_features, "max_features", low=0, integer=True)
    free = np.zeros(n_features, dtype=bool)
    if penalty_factor is not None:
        for l1_ratio in l1_ratios:
            free = check_penalty_factor(penalty_factor, n_features, l1_ratio, positive) == 0
    _check_unpenalised_limits(bounds, max_features, free)


# ----------------------------------------------------------------------------------------------------
# The relaxed lasso from the moments

def dask_relax(path, X, y, gamma, sample_weight=None):
    """:meth:`lassofast.Path.relax` for a Dask X (``gamma`` checked): one pass of statistics, then
    :func:`moment_relax`."""
    rows = check_inputs(X, y, sample_weight)
    p = path.coefs.shape[0]
    if rows.n_features != p:
        raise ValueError(f"X has {rows.n_features} features but the path has {p}; pass the X the path was "
                         f"computed from.")
    return moment_relax(path, _total(dask_moments(rows), p + 1), gamma)


def moment_relax(path, moments, gamma):
    """:meth:`lassofast.Path.relax` from the moments of the path's training rows. Each support's refit
    solves the normal equations G_SS·v = c_S of the (weighted, centred) Gram statistics — all that least
    squares on those rows needs — through a square root of G_SS (:func:`_gram_root`): a least-squares
    problem with the same solutions, so the minimum-norm and the box refits are the in-memory ones'."""
    gram, Xty, _, x_offset, y_offset, _, _ = gram_statistics(moments, path.fit_intercept)
    return path._relaxed(gamma, lambda support: _gram_root(gram[np.ix_(support, support)], Xty[support]),
                         x_offset, y_offset)


def _gram_root(G, c):
    """(L, z) with LᵀL = G and Lᵀz = c (c in G's range): then ||L·v − z||² = vᵀGv − 2cᵀv + const. From G's
    eigenvalues; those below G's own rounding (|S|·ε·λ_max) count as 0 — the Gram squares X's
    condition, so X's singular values below √ε of the largest are not known from it."""
    lam, V = np.linalg.eigh(G)
    kept = lam > lam.max(initial=0.0) * G.shape[0] * np.finfo(np.float64).eps
    root = np.sqrt(lam[kept])
    basis = V[:, kept].T
    return root[:, None] * basis, (basis @ c) / root


def _progress_bar(n_chunks, label="chunks"):
    from ._progress import ProgressBar
    return ProgressBar(n_chunks, label, live=True)
