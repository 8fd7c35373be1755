"""The estimators' hyper-parameters in one table (scikit-learn's ``_parameter_constraints`` style).

A parameter means the same in every estimator that has it, so there is one entry per name in
:data:`PARAMETER_CONSTRAINTS`; each estimator class lists the names it takes in its own
``_parameter_constraints`` (a view of this table) and :func:`validate_params` checks them all, with
the messages of lassofast._validation (the argument named, what was found, what to do).
"""
import numbers

import numpy as np

from ._validation import check_bool, check_precompute, check_scalar

__all__ = ["Interval", "Flag", "Options", "Precompute", "GridOrSize", "L1Ratios", "OptionalConstraint",
           "PARAMETER_CONSTRAINTS", "constraints_for", "validate_params"]


class Interval:
    """A finite real (or integer) in [low, high], each end included unless said otherwise.

    Parameters
    ----------
    low, high : float or None
        The ends (None: unbounded).
    include_low, include_high : bool, default=True
        Whether each end is allowed.
    integer : bool, default=False
        Whether the value must be an integer (that fits a C int).
    """

    def __init__(self, low=None, high=None, *, include_low=True, include_high=True, integer=False):
        self.kwargs = dict(low=low, high=high, include_low=include_low, include_high=include_high,
                           integer=integer)

    def check(self, value, name):
        """The value as float (int), or a TypeError/ValueError naming ``name``.

        Parameters
        ----------
        value : object
            The parameter's value.
        name : str
            The parameter's name, for the message.

        Returns
        -------
        float or int
            The checked value.
        """
        return check_scalar(value, name, **self.kwargs)


class Flag:
    """True or False (a string such as "no" would otherwise count as True)."""

    def check(self, value, name):
        """The value as bool, or a TypeError naming ``name``.

        Parameters
        ----------
        value : object
            The parameter's value.
        name : str
            The parameter's name, for the message.

        Returns
        -------
        bool
            The checked value.
        """
        return check_bool(value, name)


class Options:
    """One of a few strings, each with what it means (the message lists them).

    Parameters
    ----------
    meanings : dict
        Allowed value -> a few words saying what it does (None: no explanation).
    """

    def __init__(self, meanings):
        self.meanings = meanings

    def check(self, value, name):
        """The value, or a ValueError listing the options.

        Parameters
        ----------
        value : object
            The parameter's value.
        name : str
            The parameter's name, for the message.

        Returns
        -------
        str
            The checked value.
        """
        if isinstance(value, str) and value in self.meanings:
            return value
        choices = [f"'{key}'" + (f" ({meaning})" if meaning else "") for key, meaning in self.meanings.items()]
        listed = " or ".join(choices) if len(choices) == 2 else ", ".join(choices)
        raise ValueError(f"{name} must be {listed}, got {value!r}.")


class Precompute:
    """True, False or "auto" (a user-supplied Gram matrix is not supported)."""

    def check(self, value, name):
        """The value, or a ValueError.

        Parameters
        ----------
        value : object
            The parameter's value.
        name : str
            The parameter's name (always "precompute").

        Returns
        -------
        bool or str
            The checked value.
        """
        return check_precompute(value)


class GridOrSize:
    """None (the automatic grid), an int (its size, ≥ 1) or an explicit list of α (checked when the
    grid is built, by lassofast._validation.check_alphas)."""

    def check(self, value, name):
        """The value, or a TypeError/ValueError naming ``name``.

        Parameters
        ----------
        value : object
            The parameter's value.
        name : str
            The parameter's name, for the message.

        Returns
        -------
        None, int or array-like
            The value (an int checked to be ≥ 1).
        """
        if isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{name} must be None, a grid size (int) or a list of α values; got a bool.")
        if isinstance(value, numbers.Integral):
            return check_scalar(value, f"{name} (as a grid size)", low=1, integer=True)
        return value


class L1Ratios:
    """A number in [0, 1] or a non-empty list of them (the CV estimators try each)."""

    def check(self, value, name):
        """The ratios as a 1-D float array, or a TypeError/ValueError naming ``name``.

        Parameters
        ----------
        value : object
            The parameter's value.
        name : str
            The parameter's name, for the message.

        Returns
        -------
        ndarray of shape (n_ratios,)
            The checked ratios.
        """
        ratios = np.atleast_1d(np.asarray(value, dtype=object))
        if ratios.ndim != 1 or ratios.size == 0:
            raise ValueError(f"{name} must be a number or a non-empty list of numbers, got {value!r}.")
        return np.array([check_scalar(r, name, low=0.0, high=1.0) for r in ratios])


class OptionalConstraint:
    """None, or a value meeting ``constraint``.

    Parameters
    ----------
    constraint : object
        Any constraint of this module.
    """

    def __init__(self, constraint):
        self.constraint = constraint

    def check(self, value, name):
        """None, or the value checked by the wrapped constraint.

        Parameters
        ----------
        value : object
            The parameter's value.
        name : str
            The parameter's name, for the message.

        Returns
        -------
        object
            None or the checked value.
        """
        return None if value is None else self.constraint.check(value, name)


_FLAG = Flag()

# One entry per hyper-parameter name, whichever estimator has it. Parameters checked where they are
# used are not here: cv (scikit-learn's check_cv), n_jobs (joblib), penalty_factor, lower_bounds, upper_bounds
# (they need n_features), gamma (only read with relax=True).
PARAMETER_CONSTRAINTS = {
    "alpha": Interval(low=0.0),
    "l1_ratio": Interval(low=0.0, high=1.0),
    "eps": Interval(low=0.0, high=1.0, include_low=False, include_high=False),
    "n_alphas": Interval(low=1, integer=True),
    "alphas": GridOrSize(),
    "tol": Interval(low=0.0),
    "max_iter": Interval(low=1, integer=True),
    "precompute": Precompute(),
    "fit_intercept": _FLAG,
    "warm_start": _FLAG,
    "positive": _FLAG,
    "verbose": _FLAG,
    "standardize": _FLAG,
    "rescale_penalty_factor": _FLAG,
    "relax": _FLAG,
    "selection_rule": Options({"min": "smallest mean CV error",
                               "1se": "the largest α within one standard error of it"}),
    "criterion": Options({"aic": None, "bic": None}),
    "noise_variance": OptionalConstraint(Interval(low=0.0, include_low=False)),
}


def constraints_for(*names, **overrides):
    """The table's entries for ``names`` (an estimator's ``_parameter_constraints``).

    Parameters
    ----------
    *names : str
        Parameter names, each in :data:`PARAMETER_CONSTRAINTS`.
    **overrides : object
        Constraints that differ for this estimator (e.g. a list of l1_ratios for the CV estimators).

    Returns
    -------
    dict
        Name -> constraint.
    """
    return {**{name: PARAMETER_CONSTRAINTS[name] for name in names}, **overrides}


def validate_params(estimator):
    """Check every hyper-parameter of ``estimator`` listed in its ``_parameter_constraints``.

    Parameters
    ----------
    estimator : estimator instance
        Any lassofast estimator.

    Returns
    -------
    dict
        Name -> the checked (converted) value, e.g. the l1_ratios of a CV estimator as an array.
    """
    return {name: constraint.check(getattr(estimator, name), name)
            for name, constraint in type(estimator)._parameter_constraints.items()}
