"""lassofast: fast certified Lasso / elastic-net paths, their geometry, and explainer videos.

Objective (scikit-learn's, so results compare 1:1 with its estimators; its ``lasso_path`` fits no
intercept — pass ``fit_intercept=False`` to compare paths), with ρ = ``l1_ratio`` (1 for the lasso)::

    (1/(2n)) ||y - Xw - b||² + α ρ ||w||₁ + α (1-ρ)/2 ||w||²

The explainer page's J = (1/n) Σ (y - ŷ)² + λ Σ|w| (see the README) is the same problem with λ = 2α.
"""
from ._version import __version__
from .path import Path, enet_path, lasso_path, alpha_max
from ._soft_threshold import soft_threshold
from . import _dask, explorer as _explorer, path as _path

# Modules above lassofast.path that its methods reach: registered here, so path never imports them.
# A Dask X: one pass of sufficient statistics, then the Gram path (lassofast._dask; Dask loads when used).
_path.LAZY_COLLECTION_PATHS["dask"] = _dask.dask_enet_path
_path.LAZY_COLLECTION_PATHS["dask relax"] = _dask.dask_relax  # Path.relax given the Dask X again
# Path.to_html / Path.explore: the explorer page (lassofast.explorer; heavy imports only when called).
_path.EXPLORER["explore"] = _explorer.explore

__all__ = [
    "__version__", "ConvergenceWarning", "Path", "enet_path", "lasso_path", "alpha_max",
    "soft_threshold", "explore", "Lasso", "ElasticNet", "LassoCV", "ElasticNetCV", "LassoIC",
    "batch_paths",
]

# name -> module: these import scikit-learn or joblib, so they load on first use and
# `import lassofast` stays light.
_LAZY = {"ConvergenceWarning": "exceptions", "Lasso": "linear_model", "ElasticNet": "linear_model",
         "explore": "explorer", "LassoCV": "cv", "ElasticNetCV": "cv", "LassoIC": "ic",
         "batch_paths": "batch"}


def __getattr__(name):
    if name in _LAZY:
        import importlib
        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        value = globals()[name] = getattr(module, name)  # (later reads skip this hook: ~10 µs each)
        return value
    raise AttributeError(f"module 'lassofast' has no attribute {name!r}")
