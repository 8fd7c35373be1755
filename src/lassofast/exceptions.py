"""Warnings and errors raised by lassofast."""
try:  # subclass scikit-learn's so its filters (and check_estimator) treat ours the same
    from sklearn.exceptions import ConvergenceWarning as _Base
except ImportError:  # pragma: no cover - scikit-learn is a dependency, but the core does not need it
    _Base = UserWarning


class ConvergenceWarning(_Base):
    """The solver stopped at ``max_iter`` before the duality gap reached ``tol``."""
