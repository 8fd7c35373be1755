"""``fit`` of the estimators on Dask data: ElasticNet / Lasso from the moments of one pass, and
ElasticNetCV / LassoCV from one pass with one set of moments per fold (see lassofast._dask).

Cross-validation without a second pass: fold k's training moments are the total's minus fold k's
(:meth:`Moments.minus`); its path runs on their Gram; the held-out squared error of each α expands in
fold k's moments (:func:`lassofast._moments.squared_error`). K folds cost one pass and K + 1 Gram paths.
With ``relax=True`` each fold's relaxed models are refitted on its training moments
(:func:`lassofast._dask.moment_relax`) and scored on its held-out ones: still one pass.
"""
import numbers

import numpy as np
from joblib import delayed

from ._dask import (_moment_problem, _path_from_moments, _progress_bar, _total, check_transform, dask_moments,
                    moment_relax)
from ._dask_inputs import _as_array, check_inputs, is_dataframe
from ._moments import squared_error
from ._validation import check_alphas
from .batch import run_jobs
from .path import _alpha_grid, _path_options

__all__ = ["fit_elastic_net", "fit_elastic_net_cv", "predict"]


def _one_target(y):
    if getattr(y, "ndim", 1) == 2 and y.shape[1] != 1:
        raise ValueError(f"y has shape {y.shape}: with a Dask X the estimators fit one target; fit one "
                         f"column at a time.")


def _fitted_input(estimator, rows):
    estimator.n_features_in_ = rows.n_features
    if rows.names is not None:
        estimator.feature_names_in_ = rows.names
    elif hasattr(estimator, "feature_names_in_"):
        del estimator.feature_names_in_


def _pass(rows, verbose, **folds):
    bar = _progress_bar(rows.n_blocks) if verbose else None
    try:
        return dask_moments(rows, progress=None if bar is None else bar.update, **folds)
    finally:
        if bar is not None:
            bar.close()


def _set_solution(estimator, path):
    estimator.coef_ = path.coefs[:, 0].copy()
    estimator.intercept_ = float(path.intercepts[0])
    estimator.dual_gap_ = float(path.dual_gaps[0])
    estimator.n_iter_ = max(1, int(path.n_iters[0]))  # as the in-memory fit reports


def _single_alpha_options(estimator, alpha, l1_ratio):
    return _path_options(l1_ratio=l1_ratio, eps=1e-3, n_alphas=1, alphas=[alpha],
                         fit_intercept=estimator.fit_intercept, precompute=estimator.precompute,
                         tol=estimator.tol, max_iter=estimator.max_iter, positive=estimator.positive,
                         screening=True, verbose=False)


def fit_elastic_net(estimator, X, y, sample_weight=None):
    """ElasticNet.fit / Lasso.fit on a Dask X: one pass, then the single-α solve on the Gram."""
    estimator._check_params()
    _one_target(y)
    rows = check_inputs(X, y, sample_weight)
    p = rows.n_features
    check_transform(p, [estimator.l1_ratio], estimator.positive, **_transform(estimator))
    init = None
    if estimator.warm_start and hasattr(estimator, "coef_"):
        init = np.asarray(estimator.coef_, dtype=np.float64).reshape(-1)
        if init.shape != (p,):
            raise ValueError(f"warm_start needs coef_ of shape ({p},) from the previous fit; got "
                             f"{init.shape}. Refit with warm_start=False.")
    options = _single_alpha_options(estimator, estimator.alpha, estimator.l1_ratio)
    moments = _total(_pass(rows, False), p + 1)
    _fitted_input(estimator, rows)
    _set_solution(estimator, _path_from_moments(moments, init, options, **_transform(estimator)))
    return estimator


def _transform(estimator):
    """The estimator's options that change the problem (standardize, penalty_factor, the box), for
    check_transform and _path_from_moments."""
    return dict(standardize=estimator.standardize, penalty_factor=estimator.penalty_factor,
                rescale_penalty_factor=estimator.rescale_penalty_factor, lower_bounds=estimator.lower_bounds,
                upper_bounds=estimator.upper_bounds)


def predict(estimator, X):
    """X·coef_ + intercept_ as a lazy Dask array (nothing is computed; a dataframe's rows are not
    counted, so the result's chunk sizes are unknown)."""
    if is_dataframe(X):
        X = X.to_dask_array()
        X = X[:, None] if X.ndim == 1 else X
    else:
        X = _as_array(X, "X", 2)
    if X.shape[1] != estimator.n_features_in_:
        raise ValueError(f"X has {X.shape[1]} features, but the model was fitted with "
                         f"{estimator.n_features_in_}.")
    return X @ np.asarray(estimator.coef_).T + estimator.intercept_


def _needs_row_numbers(cv):
    """Whether the splitter needs the rows' numbers (anything but an int: KFold's count of folds)."""
    return not (cv is None or isinstance(cv, numbers.Integral))


def _folds(cv, rows):
    """The row → fold rule of a splitter: ``{"fold_bounds": ...}`` for a KFold without shuffling (its
    contiguous blocks, computed as KFold does), ``{"n_folds": K}`` (hashed folds) for rows whose numbers
    are unknown (a dataframe's partitions, ``cv`` an int), else ``{"fold_ids": ...}`` from the splitter's
    test sets (a Dask array, one small int per row: n bytes in memory here)."""
    import dask.array as da
    from sklearn.model_selection import KFold, check_cv
    cv = check_cv(cv)
    n_folds = cv.get_n_splits()
    n = rows.n_rows
    if n is None:
        return n_folds, {"n_folds": n_folds}
    if n_folds > n:
        raise ValueError(f"cv has {n_folds} folds but X has only {n} rows.")
    if type(cv) is KFold and not cv.shuffle:
        sizes = np.full(n_folds, n // n_folds)
        sizes[: n % n_folds] += 1
        return n_folds, {"fold_bounds": np.concatenate([[0], np.cumsum(sizes)])}
    ids = np.full(n, -1, dtype=np.int32)
    for k, (_, test) in enumerate(cv.split(np.zeros((n, 1)))):
        if (ids[test] >= 0).any():
            raise ValueError("with a Dask X, cv must put each row in exactly one held-out fold (KFold, "
                             "ShuffleSplit-like splitters with overlaps cannot be computed from fold sums).")
        ids[test] = k
    if (ids < 0).any():
        raise ValueError("with a Dask X, cv must put every row in a held-out fold (as KFold does).")
    return n_folds, {"fold_ids": da.from_array(ids, chunks=(rows.chunks,))}


def _grids(estimator, total, l1_ratios, path_params, transform):
    """One α grid per l1_ratio, from the total moments (the in-memory CV's grids on all rows)."""
    if estimator.alphas is not None and not isinstance(estimator.alphas, numbers.Integral):
        return [check_alphas(estimator.alphas)] * len(l1_ratios)
    n_alphas = estimator.n_alphas if estimator.alphas is None else estimator.alphas
    if any(value is not None and value is not False for value in transform.values()):
        # α_max of the standardised / penalty-factored / boxed problem: a one-point path's (as in memory)
        def a_max(r):
            options = _path_options(l1_ratio=r, eps=1e-3, n_alphas=1, alphas=None, screening=True,
                                    verbose=False, **path_params)
            return _path_from_moments(total, None, options, **transform).alpha_max
    else:
        _, problem = _moment_problem(total, estimator.fit_intercept)

        def a_max(r):
            return problem.alpha_max(r, estimator.positive)
    return [_alpha_grid(a_max(r) if r > 0 else np.inf, estimator.eps, n_alphas, r) for r in l1_ratios]


def _fold_mse(train, test, grid, l1_ratio, path_params, transform, gammas=None):
    """The held-out weighted mean squared error of fold ``test``'s models at every α of ``grid``; with
    ``gammas``, of every relaxed model (:func:`moment_relax`), shape (n_gammas, n_alphas)."""
    path = _grid_path(train, grid, l1_ratio, path_params, transform)
    if gammas is None:
        return squared_error(test, path.coefs, path.intercepts) / test.weight
    coefs, intercepts = moment_relax(path, train, gammas)
    return np.stack([squared_error(test, c, b) for c, b in zip(coefs, intercepts)]) / test.weight


def _grid_path(moments, grid, l1_ratio, path_params, transform):
    options = _path_options(l1_ratio=l1_ratio, eps=1e-3, n_alphas=len(grid), alphas=grid,
                            screening=True, verbose=False, **path_params)
    return _path_from_moments(moments, None, options, **transform)


def fit_elastic_net_cv(estimator, X, y, sample_weight=None):
    """ElasticNetCV.fit / LassoCV.fit on a Dask X: one pass with per-fold moments, K + 1 Gram paths."""
    l1_ratios = estimator._check_params()
    gammas = estimator._relax_gammas(None, None)
    _one_target(y)
    rows = check_inputs(X, y, sample_weight, row_numbers=_needs_row_numbers(estimator.cv))
    check_transform(rows.n_features, l1_ratios, estimator.positive, **_transform(estimator))
    n_folds, rule = _folds(estimator.cv, rows)
    folds = _pass(rows, estimator.verbose, **rule)
    total = _total(folds, rows.n_features + 1)
    for k in range(n_folds):
        if k not in folds or not folds[k].weight > 0:
            raise ValueError(f"fold {k} has no held-out row (of non-zero sample_weight): its error is "
                             f"undefined. Use fewer folds (cv=...), more rows or fewer zero weights.")
    path_params = dict(fit_intercept=estimator.fit_intercept, precompute=estimator.precompute,
                       tol=estimator.tol, max_iter=estimator.max_iter, positive=estimator.positive)
    transform = _transform(estimator)
    trains = []
    for k in range(n_folds):
        others = [folds[j] for j in range(n_folds) if j != k]
        low = np.min([m.low for m in others], axis=0)
        high = np.max([m.high for m in others], axis=0)
        trains.append(total.minus(folds[k], low, high))
    grids = _grids(estimator, total, l1_ratios, path_params, transform)
    jobs = (delayed(_fold_mse)(trains[k], folds[k], grid, ratio, path_params, transform, gammas)
            for ratio, grid in zip(l1_ratios, grids) for k in range(n_folds))
    mse = run_jobs(jobs, n_jobs=estimator.n_jobs)
    estimator._choose_from_folds(mse, grids, l1_ratios, n_folds, gammas)
    _fitted_input(estimator, rows)
    if gammas is not None:  # the relaxed model at (alpha_, gamma_), from the path on all the data
        path = _grid_path(total, grids[estimator._l1_ratio_index], estimator.l1_ratio_, path_params, transform)
        estimator._set_relaxed(path, moment_relax(path, total, [estimator.gamma_]))
        return estimator
    options = _single_alpha_options(estimator, estimator.alpha_, estimator.l1_ratio_)
    _set_solution(estimator, _path_from_moments(total, None, options, **transform))
    return estimator
