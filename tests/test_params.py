"""One parameter-constraints table for the estimators (lassofast._params): every hyper-parameter is in
it or checked where it is used, and fit refuses a bad value of each by name, before any work."""
import numpy as np
import pytest
from sklearn.base import clone

import lassofast
from lassofast._params import PARAMETER_CONSTRAINTS, validate_params
from lassofast._testing import make_problem

ESTIMATORS = [lassofast.Lasso(), lassofast.ElasticNet(), lassofast.LassoCV(cv=2),
              lassofast.ElasticNetCV(cv=2), lassofast.LassoIC()]
# check_cv, joblib; the rest need n_features
CHECKED_WHERE_USED = {"cv", "n_jobs", "penalty_factor", "lower_bounds", "upper_bounds", "gamma"}


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_every_hyper_parameter_has_a_constraint(estimator):
    params = set(estimator.get_params(deep=False))
    table = set(type(estimator)._parameter_constraints)
    assert params - CHECKED_WHERE_USED <= table
    # the estimators share the table: a name means the same everywhere
    for name, constraint in type(estimator)._parameter_constraints.items():
        if name != "l1_ratio" or not type(estimator).__name__.endswith("CV"):
            assert constraint is PARAMETER_CONSTRAINTS[name]


class _Bad:
    def __repr__(self):
        return "<bad>"


@pytest.mark.parametrize("estimator, name", [(e, n) for e in ESTIMATORS for n in type(e)._parameter_constraints
                                             if n in e.get_params(deep=False)],
                         ids=lambda v: v if isinstance(v, str) else type(v).__name__)
def test_fit_refuses_a_bad_value_of_each_by_name(estimator, name):
    X, y = make_problem("tall")
    bad = clone(estimator).set_params(**{name: _Bad()})
    with pytest.raises((TypeError, ValueError), match=name):
        bad.fit(X, y)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_defaults_pass_the_table(estimator):
    checked = validate_params(estimator)
    assert set(checked) == set(type(estimator)._parameter_constraints)


@pytest.mark.parametrize("name, value, error, match", [
    ("alpha", -1.0, ValueError, "alpha must be >= 0"),
    ("max_iter", 2.5, TypeError, "max_iter must be an integer"),
    ("precompute", "yes", ValueError, "precompute must be True, False or 'auto'"),
    ("warm_start", "no", TypeError, "warm_start must be True or False"),
])
def test_table_messages_say_what_is_allowed(name, value, error, match):
    X, y = make_problem("tall")
    with pytest.raises(error, match=match):
        lassofast.ElasticNet(**{name: value}).fit(X, y)


def test_cv_l1_ratios_and_selection_rule_messages():
    X, y = make_problem("tall")
    with pytest.raises(ValueError, match="non-empty list"):
        lassofast.ElasticNetCV(l1_ratio=[], cv=2).fit(X, y)
    with pytest.raises(ValueError, match="'min' .*or '1se'"):
        lassofast.LassoCV(selection_rule="max", cv=2).fit(X, y)
    with pytest.raises(ValueError, match="criterion must be 'aic' or 'bic'"):
        lassofast.LassoIC(criterion="cp").fit(X, y)
    assert np.array_equal(lassofast.ElasticNetCV(l1_ratio=[0.5, 1]).set_params()._check_params(), [0.5, 1.0])
