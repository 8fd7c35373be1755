import numpy as np
import pytest

import lassofast
from lassofast.datasets import load_demo, make_correlated


def test_make_correlated_has_toeplitz_correlation():
    X, y, coef = make_correlated(20_000, 5, rho=0.6, n_informative=2, random_state=0)
    corr = np.corrcoef(X, rowvar=False)
    expected = 0.6 ** np.abs(np.subtract.outer(np.arange(5), np.arange(5)))
    np.testing.assert_allclose(corr, expected, atol=0.03)
    assert np.count_nonzero(coef) == 2 and y.shape == (20_000,)
    X2, y2, _ = make_correlated(20_000, 5, rho=0.6, n_informative=2, random_state=0)
    np.testing.assert_array_equal(X, X2)


def test_make_correlated_checks_arguments():
    with pytest.raises(ValueError, match="rho"):
        make_correlated(10, 3, rho=1.0)
    assert make_correlated(10, 3, dtype=np.float32)[0].dtype == np.float32


def test_demo_features_enter_one_at_a_time():
    demo = load_demo()
    assert demo.X.shape == (120, 6) and demo.feature_names == ("x1", "x2", "x3", "x4", "x5", "x6")
    path = lassofast.lasso_path(demo.X, demo.y, n_alphas=100)
    entries = [knots[0].alpha for knots in path.knots()]
    assert all(len(k) == 1 for k in path.knots())   # each feature enters once and stays
    assert len(set(entries)) == 6                    # ... at six different grid points
    assert path.n_nonzero()[-1] == 6
