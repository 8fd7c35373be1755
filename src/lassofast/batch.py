"""Many independent regularisation paths at once, and the parallel job runner the CV estimators share.

Jobs run through joblib's ``Parallel``: in threads by default (the kernels release the GIL, so paths
really run side by side), or on whatever backend the caller configured — for example a Dask cluster::

    with dask.distributed.Client(...), joblib.parallel_config(backend="dask"):
        paths = lassofast.batch_paths(X, Y)

Every job is a pure function of its inputs and results come back in submission order, so the answer
does not depend on the backend or on the number of workers.
"""
import inspect

import numpy as np
from joblib import Parallel, delayed

from ._progress import ProgressBar
from ._validation import check_array, check_X_y
from .path import _Design, _feature_names, _path_on, _path_options, _with_extras, enet_path

__all__ = ["batch_paths", "run_jobs", "ProgressBar"]


def run_jobs(jobs, *, n_jobs=None, verbose=False, label="jobs"):
    """Run joblib ``delayed`` jobs and return their results as a list, in submission order.

    Threads are only a preference: a backend configured with ``joblib.parallel_config`` (Dask,
    loky, ...) takes over. ``verbose=True`` shows a :class:`ProgressBar` that advances as jobs finish.

    Parameters
    ----------
    jobs : iterable of joblib delayed calls
        The jobs.
    n_jobs : int, optional
        Parallel jobs (joblib's meaning).
    verbose : bool, default=False
        Show a progress bar on stderr.
    label : str, default="jobs"
        The bar's label.

    Returns
    -------
    list
        The jobs' results, in submission order.
    """
    jobs = list(jobs)
    if not verbose:
        return Parallel(n_jobs=n_jobs, prefer="threads")(jobs)
    try:  # a generator lets the bar advance per job; a few backends (multiprocessing) cannot give one
        parallel = Parallel(n_jobs=n_jobs, prefer="threads", return_as="generator")
    except ValueError:
        parallel = Parallel(n_jobs=n_jobs, prefer="threads")
    results = []
    with ProgressBar(len(jobs), label) as bar:
        for result in parallel(jobs):
            results.append(result)
            bar.update()
    return results


# The problem-changing options (weights, penalty factors, standardisation, bounds, max_features) go to
# enet_path as they are.
_PROBLEM_OPTIONS = ("sample_weight", "penalty_factor", "rescale_penalty_factor", "standardize", "lower_bounds",
                    "upper_bounds", "max_features")
_PATH_DEFAULTS = {name: param.default for name, param in inspect.signature(enet_path).parameters.items()
                  if name not in ("X", "y", "coef_init") + _PROBLEM_OPTIONS}
_PATH_PARAMS = frozenset(_PATH_DEFAULTS) | frozenset(_PROBLEM_OPTIONS)


def batch_paths(X, Y=None, *, n_jobs=None, verbose=False, **path_params):
    """Regularisation paths of many independent problems, computed in parallel.

    Two forms:

    - ``batch_paths(X, Y)``: one design X (n, p) and many targets Y (n, T) — T paths, path t for
      ``Y[:, t]`` (a 1-D Y is one target);
    - ``batch_paths([(X1, y1), (X2, y2), ...])``: many data sets — one path per (X, y) pair.

    ``path_params`` go to :func:`lassofast.enet_path` unchanged (``l1_ratio``, ``eps``, ``n_alphas``,
    ``alphas``, ``fit_intercept``, ``precompute``, ``tol``, ``max_iter``, ``positive``,
    ``sample_weight``, ``penalty_factor``, ``rescale_penalty_factor``, ``standardize``,
    ``lower_bounds``, ``upper_bounds``, ``max_features``), so each path
    equals ``enet_path`` called on its problem alone (the same ``sample_weight`` for every problem).
    ``n_jobs`` and the joblib backend work as in
    :func:`run_jobs`. Returns a list of :class:`lassofast.Path`, in input order.

    Parameters
    ----------
    X : {array-like, sparse matrix} of shape (n_samples, n_features), or sequence of (X, y) pairs
        One design, or the data sets.
    Y : array-like of shape (n_samples, n_targets) or (n_samples,), optional
        The targets of the one design.
    n_jobs : int, optional
        Parallel jobs (see :func:`run_jobs`).
    verbose : bool, default=False
        Show a progress bar of the paths done.
    **path_params : dict
        Arguments of :func:`lassofast.enet_path`.

    Returns
    -------
    list of lassofast.Path
        One path per problem, in input order.
    """
    unknown = set(path_params) - _PATH_PARAMS
    if unknown:
        raise TypeError(f"batch_paths got unknown path parameter(s) {sorted(unknown)}; "
                        f"valid ones are {sorted(_PATH_PARAMS)}.")
    names = _feature_names(X) if Y is not None else None
    problems = _problems(X, Y)  # (X, y, feature names) triples, checked
    problem_options = {k: path_params[k] for k in _PROBLEM_OPTIONS if k in path_params}
    options = _path_options(**{**_PATH_DEFAULTS, **{k: v for k, v in path_params.items()
                                                     if k not in problem_options}})
    fit_intercept, precompute = options.pop("fit_intercept"), options.pop("precompute")
    if Y is not None and problem_options:  # each target's path transforms X itself (correct, not shared)
        jobs = (delayed(enet_path)(Xi, yi, **path_params) for Xi, yi, _ in problems)
        paths = run_jobs(jobs, n_jobs=n_jobs, verbose=verbose, label="paths")
        return paths if names is None else [_with_extras(path, feature_names=names) for path in paths]
    if Y is not None:  # one design for every target: X is centred (and its Gram formed) once
        design = _Design(problems[0][0], fit_intercept, precompute)
        jobs = (delayed(_path_on)(design, yi, None, feature_names=names, **options) for _, yi, _ in problems)
    else:
        # Each job builds its own design: built here, all copies of X would exist at once.
        jobs = (delayed(enet_path)(Xi, yi, **path_params) for Xi, yi, _ in problems)
    paths = run_jobs(jobs, n_jobs=n_jobs, verbose=verbose, label="paths")
    if Y is not None:  # as enet_path's, these paths keep a reference to their data (Path.to_html)
        paths = [_with_extras(path, _training_data=(Xi, yi, None)) for path, (Xi, yi, _) in zip(paths, problems)]
    if Y is None:  # the names of each DataFrame X (its checked copy is an ndarray)
        paths = [path if names is None else _with_extras(path, feature_names=names)
                 for path, (_, _, names) in zip(paths, problems)]
    return paths


def _problems(X, Y):
    """The (X, y) pairs to solve, validated here so a bad one is named before any work starts."""
    if Y is not None:
        X = check_array(X, "X", ndim=2, accept_sparse=True)
        Y = np.asarray(Y)
        if Y.ndim == 1:
            Y = Y[:, None]
        if Y.ndim != 2 or Y.shape[0] != X.shape[0]:
            raise ValueError(f"Y must have shape (n_samples, n_targets) = ({X.shape[0]}, T) to match X; "
                             f"got {Y.shape}.")
        Y = check_array(Y, "Y", ndim=2, dtype=X.dtype.type)
        return [(X, Y[:, t], None) for t in range(Y.shape[1])]
    if isinstance(X, np.ndarray) or not hasattr(X, "__iter__"):
        raise TypeError("batch_paths needs either (X, Y) with Y of shape (n_samples, n_targets), or a "
                        "sequence of (X, y) pairs.")
    problems = []
    for i, pair in enumerate(X):
        try:
            if len(pair) != 2:
                raise ValueError(f"expected an (X, y) pair, got {len(pair)} items.")
            problems.append((*check_X_y(*pair, accept_sparse=True), _feature_names(pair[0])))
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"problem {i}: {exc}") from None
    if not problems:
        raise ValueError("batch_paths got no problems; pass at least one (X, y) pair.")
    return problems
