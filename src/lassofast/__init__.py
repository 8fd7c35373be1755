"""lassofast: fast certified Lasso / elastic-net paths, their geometry, and explainer videos.

Objective (scikit-learn's, so results compare 1:1), with ρ = ``l1_ratio`` (1 for the lasso)::

    (1/(2n)) ||y - Xw - b||² + α ρ ||w||₁ + α (1-ρ)/2 ||w||²

The seed explainer's J = (1/n) Σ (y - ŷ)² + λ Σ|w| is the same problem with λ = 2α.
"""
from ._version import __version__
from .exceptions import ConvergenceWarning
from .path import Path, enet_path, lasso_path, alpha_max
from ._soft_threshold import soft_threshold

__all__ = [
    "__version__", "ConvergenceWarning", "Path", "enet_path", "lasso_path", "alpha_max",
    "soft_threshold", "Lasso", "ElasticNet", "LassoCV", "ElasticNetCV",
]

_ESTIMATORS = {"Lasso": "linear_model", "ElasticNet": "linear_model",
               "LassoCV": "cv", "ElasticNetCV": "cv"}


def __getattr__(name):
    # Estimators import scikit-learn; load them on first use so `import lassofast` stays light.
    if name in _ESTIMATORS:
        import importlib
        module = importlib.import_module(f".{_ESTIMATORS[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'lassofast' has no attribute {name!r}")
