"""The numbers the explorer page shows, all computed by lassofast, as one JSON-ready dict.

Sections (each one panel of the page):

- ``path``: the grid α (decreasing), the coefficients (p × K), the non-zero counts and the knots.
- ``soft``: each feature's soft-threshold input at every α, in correlation units:
  zⱼ = xⱼᵀrⱼ/n with rⱼ the residual without feature j (the kernel's zⱼ divided by n, see
  :func:`lassofast.geometry.coordinate_update`), and the band ±αρ: wⱼ = S(zⱼ, αρ)/(‖xⱼ‖²/n + α(1−ρ)).
- ``error``: training MSE of every model on the path and K-fold CV MSE ± 1 SE from ``LassoCV`` /
  ``ElasticNetCV`` on the same grid, with the minimum and one-standard-error α.
- ``geometry``: for pairs of features, the 2-D problem at each α with the other weights fixed at their
  path values (so the contact point is the path's own pair of weights): loss contours and the exact
  contact points of the lasso diamond, the ridge circle and the elastic-net ball through that point
  (:func:`lassofast.geometry.constrained_solution`, :func:`lassofast.geometry.loss_contours`).
- ``breakit``: two features with correlation 0.95 (the "Now break it" video's data), bootstrap refits
  at one α for l1_ratio 1, 0.75, 0.5, 0.25 (:func:`lassofast.geometry.selection_stability`).

Floats are rounded to 6 significant digits (the page shows at most 4); exact zeros stay 0.
"""
import itertools
import warnings

import numpy as np

from .. import exceptions, geometry
from .._validation import check_scalar, check_X_y
from ..path import Path, _feature_names, enet_path
from ..palette import as_dict, feature_color

__all__ = [
    "NO_DATA_NOTE", "MAX_PAIR_FEATURES", "MAX_BAR_FEATURES", "BREAKIT_RATIOS", "BREAKIT_RESAMPLES", "ENET_DEMO_RATIO",
    "min_rows", "explorer_data", "path_section", "soft_section", "error_section",
    "pair_features", "geometry_section", "breakit_data", "breakit_section"
]

# What a data panel says on a page made from a path alone.
NO_DATA_NOTE = ("Needs the training data X, y, which this path does not keep (computed from a Dask X's "
                "statistics, unpickled or built by hand): path.to_html(out, X, y).")
MAX_PAIR_FEATURES = 8        # the geometry drop-down offers pairs among at most this many features
MAX_BAR_FEATURES = 30        # the bars panel lists at most this many features
BREAKIT_RATIOS = (1.0, 0.75, 0.5, 0.25)
BREAKIT_RESAMPLES = 40
ENET_DEMO_RATIO = 0.5        # the elastic-net region of the geometry toggle for a lasso path


def min_rows(cv):
    """Rows the explorer needs: every one of the ``cv`` folds holds out at least two.

    Parameters
    ----------
    cv : int
        Folds.

    Returns
    -------
    int
        The least number of rows.
    """
    return max(4, 2 * cv)


def explorer_data(X, y, *, feature_names=None, path=None, l1_ratio=1.0, n_alphas=100, eps=1e-3,
                  cv=5, title=None, random_state=0):
    """Everything the page draws, as a dict of lists and numbers (see the module docstring).

    ``path`` (a :class:`lassofast.Path` fitted to ``X, y``) is used as it is; otherwise the path is
    ``enet_path(X, y, l1_ratio=l1_ratio, n_alphas=n_alphas, eps=eps)``. ``cv`` is the number of
    folds (shuffled with ``random_state``); 0 leaves out the error panel.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features) or None
        Training data (None: a page of ``path`` alone).
    y : array-like of shape (n_samples,) or None
        Target.
    feature_names : sequence of str, optional
        One name per feature.
    path : lassofast.Path, optional
        A path fitted to X, y (else computed).
    l1_ratio : float, default=1.0
        ρ of the computed path.
    n_alphas : int, default=100
        Its grid size.
    eps : float, default=1e-3
        Its grid's end, eps·α_max.
    cv : int, default=5
        Folds of the error panel (0: none).
    title : str, optional
        The page's title.
    random_state : int, default=0
        Seed of the folds and the bootstrap.

    Returns
    -------
    dict
        The page's data.
    """
    if feature_names is None:  # a path's own names (from a DataFrame), else the DataFrame's columns
        feature_names = path.feature_names if path is not None else None
        if feature_names is None and X is not None:
            feature_names = _feature_names(X)
    if X is None and y is None:
        if path is None:
            raise ValueError("give the data (X, y), or a fitted path.")
        _check_path(path, path.coefs.shape[0])
        names = _names(feature_names, path.coefs.shape[0])
        return _assemble(None, None, path, names, title, cv=0, random_state=random_state,
                         no_data=NO_DATA_NOTE)
    if X is None or y is None:
        raise ValueError("give both X and y (or neither, with a fitted path).")
    unlike = _settings_the_panels_do_not_draw(path)
    if unlike:  # the data panels would show another problem than the path's: left out, and said so
        note = (f"Not drawn: this path was fitted with {unlike}, and this panel shows the unweighted "
                f"{'lasso' if path.l1_ratio == 1 else 'elastic net'} with an intercept.")
        warnings.warn(f"the explorer's soft-threshold, geometry and error panels are left out: the path "
                      f"was fitted with {unlike}, which they do not draw.", UserWarning, stacklevel=3)
        _check_path(path, path.coefs.shape[0])
        names = _names(feature_names, path.coefs.shape[0])
        return _assemble(None, None, path, names, title, cv=0, random_state=random_state, no_data=note)
    X, y = check_X_y(X, y)
    if hasattr(X, "tocsc"):
        X = X.toarray()
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    n, p = X.shape
    cv = check_scalar(cv, "cv", low=0, integer=True)
    if cv == 1:
        raise ValueError("cv must be 0 (no cross-validation) or at least 2 folds.")
    if n < min_rows(cv):
        raise ValueError(f"the data has {n} rows; the explorer needs at least {min_rows(cv)}"
                         + (f" for {cv}-fold cross-validation (try fewer folds)." if cv else "."))
    names = _names(feature_names, p)
    if path is None:
        path = enet_path(X, y, l1_ratio=l1_ratio, n_alphas=n_alphas, eps=eps)
    _check_path(path, p)
    return _assemble(X, y, path, names, title, cv, random_state)


def _settings_the_panels_do_not_draw(path):
    """The path's settings that the soft-threshold, geometry and error panels (the plain problem with
    an intercept) do not represent, as text ("" when there is none)."""
    if path is None:
        return ""
    unlike = [name for name, used in (
        ("sample_weight", path.sample_weighted), ("standardize=True", path.standardize),
        ("penalty_factor", path.penalty_factor is not None), ("fit_intercept=False", not path.fit_intercept),
        ("positive=True", path.positive), ("lower_bounds/upper_bounds", path.lower_bounds is not None)) if used]
    return " and ".join(unlike)


def _check_path(path, p):
    if not isinstance(path, Path):
        raise TypeError(f"path must be a lassofast.Path, got {type(path).__name__}.")
    if path.coefs.shape[0] != p:
        raise ValueError(f"the path has {path.coefs.shape[0]} features but X has {p}.")
    if np.any(path.alphas <= 0):
        raise ValueError("the explorer draws λ on a log scale; the path's α grid must be positive.")


def _assemble(X, y, path, names, title, cv, random_state, no_data=None):
    data = X is not None
    p = path.coefs.shape[0]
    return {
        "meta": {"title": title or "The lasso, interactively", "n": X.shape[0] if data else None, "p": p,
                 "names": names, "colors": [feature_color(j) for j in range(p)], "palette": as_dict(),
                 "l1_ratio": float(path.l1_ratio), "version": _version(), "no_data": no_data},
        "path": path_section(path, names),
        "soft": soft_section(X, y, path) if data else None,
        "error": error_section(X, y, path, cv, random_state) if data and cv else None,
        "geometry": geometry_section(X, y, path) if data else None,
        "breakit": breakit_section(),
    }


def _version():
    from .._version import __version__
    return __version__


def _names(feature_names, p):
    if feature_names is None:
        return [f"x{j + 1}" for j in range(p)]
    names = [str(name) for name in feature_names]
    if len(names) != p:
        raise ValueError(f"feature_names has {len(names)} names but X has {p} features.")
    return names


def path_section(path, names):
    """The path panel: grid, coefficients, non-zero counts, knots and the bar order.

    Parameters
    ----------
    path : lassofast.Path
        The path.
    names : list of str
        Feature names.

    Returns
    -------
    dict
        JSON-ready lists and numbers.
    """
    nonzero = path.coefs != 0
    before = np.zeros((nonzero.shape[0], 1), dtype=bool)
    changes = np.diff(np.hstack([before, nonzero]).astype(np.int8), axis=1)
    knots = [[[int(k), int(row[k])] for k in np.flatnonzero(row)] for row in changes]  # +1 enter, −1 leave
    order = path.entry_order()
    return {"alphas": _r(path.alphas), "coefs": _r(path.coefs), "nnz": path.n_nonzero().tolist(),
            "knots": knots, "bars": order[:MAX_BAR_FEATURES].tolist(), "n_ever": int(len(order))}


def _centred(X, y):
    """X and y centred as the kernel sees them (lassofast.geometry's own centring)."""
    problem = geometry.cd_trace._centred_for_kernel(X, y)
    return np.asarray(problem.X), np.asarray(problem.y), np.asarray(problem.norm2)


def soft_section(X, y, path):
    """zⱼ = xⱼᵀ(y − Xw + xⱼwⱼ)/n at every α (the update of lassofast.geometry.coordinate_update / n).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Training data.
    y : ndarray of shape (n_samples,)
        Target.
    path : lassofast.Path
        The path fitted to them.

    Returns
    -------
    dict
        JSON-ready lists and numbers.
    """
    Xc, yc, norm2 = _centred(X, y)
    n = X.shape[0]
    W = path.coefs.astype(np.float64)
    R = yc[:, None] - Xc @ W                      # (n, K) residuals
    Z = (Xc.T @ R + W * norm2[:, None]) / n       # (p, K)
    Z[norm2 == 0] = 0.0                           # a constant column: the kernel leaves it at 0
    rho = float(path.l1_ratio)
    return {"z": _r(Z), "band": _r(path.alphas * rho), "scale": _r(norm2 / n),
            "ridge": _r(path.alphas * (1.0 - rho))}


def error_section(X, y, path, cv, random_state):
    """The error panel: cross-validated and training MSE against α, on the path's own grid.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Training data.
    y : ndarray of shape (n_samples,)
        Target.
    path : lassofast.Path
        The path whose grid is scored.
    cv : int
        Folds.
    random_state : int
        Seed of the shuffled folds.

    Returns
    -------
    dict
        JSON-ready lists and numbers.
    """
    from sklearn.model_selection import KFold

    from ..cv import ElasticNetCV, LassoCV
    folds = KFold(cv, shuffle=True, random_state=random_state)
    params = dict(alphas=path.alphas, cv=folds, n_jobs=1)
    rho = float(path.l1_ratio)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.ConvergenceWarning)
        model = (LassoCV(**params) if rho == 1 else ElasticNetCV(l1_ratio=rho, **params)).fit(X, y)
    alphas, mean, se = model.cv_curve()
    order = np.argsort(-alphas)                   # the path's order: α decreasing
    if not np.allclose(alphas[order], path.alphas, rtol=1e-12):
        raise RuntimeError("cross-validation did not use the path's α grid")  # pragma: no cover
    train = np.mean((path.predict(X) - y[:, None]) ** 2, axis=0)
    k_of = lambda a: int(np.argmin(np.abs(np.log(path.alphas) - np.log(a))))  # noqa: E731
    return {"train": _r(train), "cv_mean": _r(mean[order]), "cv_se": _r(se[order]), "folds": cv,
            "k_min": k_of(model.alpha_), "k_1se": k_of(model.alpha_1se_)}


def pair_features(path):
    """The features offered in the geometry drop-down: x1, x2 (the default pair), then the others in
    the order they enter the path, at most MAX_PAIR_FEATURES.

    Parameters
    ----------
    path : lassofast.Path
        The path.

    Returns
    -------
    list of int
        Feature indices.
    """
    p = path.coefs.shape[0]
    chosen = list(range(min(2, p)))
    for j in list(path.entry_order()) + list(range(p)):
        if len(chosen) >= MAX_PAIR_FEATURES:
            break
        if j not in chosen:
            chosen.append(int(j))
    return chosen


def geometry_section(X, y, path):
    """The 2-D picture for each pair (i, j), at each α, with the other weights fixed at the path's.

    With r = yc − Σ_{m∉{i,j}} x_m w_m(α), the pair's penalised problem at α is solved by the path's
    (w_i, w_j), so the three regions are drawn through that point: {‖w‖₁ ≤ t₁}, {‖w‖₂ ≤ t₂},
    {pen_ρ(w) ≤ t_ρ} with t = the penalty of (w_i, w_j) in each norm. The lasso diamond then touches
    the contours at the path's point; the circle's contact is where ridge would go with that budget.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Training data.
    y : ndarray of shape (n_samples,)
        Target.
    path : lassofast.Path
        The path fitted to them.

    Returns
    -------
    dict
        JSON-ready lists and numbers.
    """
    p = X.shape[1]
    if p < 2:
        return None
    Xc, yc, _ = _centred(X, y)
    W = path.coefs.astype(np.float64)
    rho_path = float(path.l1_ratio)
    enet_rho = rho_path if rho_path < 1 else ENET_DEMO_RATIO
    kinds = (("l1", 1.0), ("l2", 0.0), ("enet", enet_rho))
    feats = pair_features(path)
    pairs, pictures = [], []
    for i, j in itertools.combinations(feats, 2):
        picture = _pair_picture(Xc, yc, W, i, j, kinds)
        if picture is not None:
            pairs.append([i, j])
            pictures.append(picture)
    if not pairs:
        return None
    return {"features": feats, "pairs": pairs, "pictures": pictures, "enet_ratio": enet_rho,
            "primary": "l1" if rho_path == 1 else "enet"}


def _pair_picture(Xc, yc, W, i, j, kinds):
    X2 = Xc[:, [i, j]]
    others = [m for m in range(W.shape[0]) if m not in (i, j)]
    R = yc[:, None] - Xc[:, others] @ W[others]          # (n, K): the pair's target at each α
    centres, per_kind = [], {kind: {"contact": [], "s": [], "at_corner": [], "radius": [],
                                    "interior": []} for kind, _ in kinds}
    eig = angle = None
    for k in range(W.shape[1]):
        r = R[:, k]
        w_pair = W[[i, j], k]
        try:
            contours = geometry.loss_contours(X2, r, [_loss(X2, r, w_pair)], n_points=3)
        except ValueError:
            return None
        if contours.degenerate:
            return None                                   # perfectly correlated pair: no ellipses
        if eig is None:
            eig = contours.eigenvalues
            v = contours.eigenvectors[:, 0]
            angle = float(np.degrees(np.arctan2(v[1], v[0])))
        centres.append(contours.center)
        for kind, rho in kinds:
            t = geometry.penalty(w_pair, kind, l1_ratio=rho) if kind != "l1" else float(np.abs(w_pair).sum())
            sol = geometry.constrained_solution(X2, r, t, kind, l1_ratio=rho)
            d = per_kind[kind]
            d["contact"].append(sol.coef)
            d["s"].append(np.sqrt(2.0 * max(sol.loss - contours.min_loss, 0.0)))
            d["at_corner"].append(int(sol.at_corner))
            d["interior"].append(int(sol.interior))
            d["radius"].append(t)
    out = {"eig": _r(eig), "angle": round(angle, 4), "center": _r(np.array(centres))}
    for kind, d in per_kind.items():
        out[kind] = {"contact": _r(np.array(d["contact"])), "s": _r(np.array(d["s"])),
                     "at_corner": d["at_corner"], "interior": d["interior"], "radius": _r(np.array(d["radius"]))}
    reach = float(np.max(per_kind["l1"]["radius"]))     # the diamond's corners reach furthest
    if reach == 0:                                       # neither feature is ever selected
        reach = float(np.abs(out["center"]).max()) or 1.0
    out["extent"] = float(f"{1.2 * reach:.4g}")
    return out


def _loss(X2, r, w):
    res = r - X2 @ w
    return float(res @ res / (2 * len(r)))


def breakit_data():
    """The "Now break it" video's pair (correlation 0.95, equal true weights; animations/problems.py),
    α the geometric middle of the two features' entry points on the lasso path (the full data keeps
    exactly one), and bootstrap refits at that α for each l1_ratio (the same resamples for each).

    Returns
    -------
    X : ndarray of shape (100, 2)
        The pair.
    y : ndarray of shape (100,)
        Target.
    alpha : float
        The α of the refits.
    refits : dict
        l1_ratio -> :class:`lassofast.geometry.SelectionStability`.
    """
    from ..path import lasso_path
    X, y, _ = geometry.make_correlated_pair(n_samples=100, corr=0.95, coef=(1.0, 1.0), noise=1.0,
                                           random_state=5)
    entries = sorted(knots[0].alpha for knots in lasso_path(X, y).knots())
    alpha = float(np.sqrt(entries[0] * entries[1]))
    refits = {rho: geometry.selection_stability(X, y, alpha, l1_ratio=rho, n_resamples=BREAKIT_RESAMPLES,
                                                random_state=0) for rho in BREAKIT_RATIOS}
    return X, y, alpha, refits


def breakit_section():
    """The "Now break it" panel's numbers (see :func:`breakit_data`).

    Returns
    -------
    dict
        JSON-ready lists and numbers.
    """
    X, y, alpha, refits = breakit_data()
    return {"names": ["x1", "x2"], "corr": round(float(np.corrcoef(X.T)[0, 1]), 4), "alpha": _r(alpha),
            "ratios": list(BREAKIT_RATIOS), "coefs": [_r(refits[rho].coefs) for rho in BREAKIT_RATIOS],
            "n": int(X.shape[0])}


def _r(a):
    """Round to 6 significant digits for the page (exact zeros stay 0); nested lists for JSON."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        return float(f"{float(a):.6g}")
    return np.vectorize(lambda v: float(f"{v:.6g}"), otypes=[float])(a).tolist() if a.size else a.tolist()
