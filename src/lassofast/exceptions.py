"""Warnings raised by lassofast.

``ConvergenceWarning`` subclasses scikit-learn's, so scikit-learn's warning filters (and
check_estimator) treat ours the same. It is created on first use: importing scikit-learn costs most
of a second, and ``import lassofast`` should not pay that.
"""

__all__ = ["ConvergenceWarning"]

_cache = {}


def __getattr__(name):
    if name != "ConvergenceWarning":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in _cache:
        try:
            from sklearn.exceptions import ConvergenceWarning as base
        except ImportError:  # pragma: no cover - scikit-learn is a dependency, the core does not need it
            base = UserWarning
        _cache[name] = type("ConvergenceWarning", (base,), {
            "__module__": "lassofast",
            "__doc__": "The solver stopped at ``max_iter`` before the duality gap reached ``tol``."})
    return _cache[name]
