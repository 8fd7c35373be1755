"""The Newton step's Cholesky factor (_accel.pyx), kept up to date along the path by appending and
removing columns: after any sequence of updates UᵀU is the Gram matrix of the factor's columns."""
import numpy as np
import pytest

from lassofast import _accel


def _gram(seed, n=40, p=25):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    X[:, p - 1] = X[:, 2] - 0.5 * X[:, 7]  # a column in the span of two others
    return np.asfortranarray(X.T @ X)


def _assert_factor_of(G, U, cols, l2):
    want = G[np.ix_(cols, cols)] + l2 * np.eye(len(cols))
    np.testing.assert_allclose(U.T @ U, want, rtol=0, atol=1e-10 * np.abs(G).max())
    assert np.allclose(U, np.triu(U))


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("l2", [0.0, 3.0])
def test_random_appends_and_removals_keep_the_factor_exact(seed, l2):
    G = _gram(seed)
    rng = np.random.default_rng(100 + seed)
    ops, inside = [], []
    for _ in range(60):  # a support that grows and shrinks, as along a path
        outside = [j for j in range(G.shape[0] - 1) if j not in inside]
        if inside and (rng.random() < 0.4 or not outside):
            i = int(rng.integers(len(inside)))
            ops.append(("r", i))
            inside.pop(i)
        else:
            j = int(rng.choice(outside))
            ops.append(("a", j))
            inside.append(j)
    U, cols, appended = _accel.factor_ops(G, ops, l2)
    assert cols == inside and all(appended)
    _assert_factor_of(G, U, cols, l2)


def test_the_factor_stays_exact_through_its_reallocations():
    # The factor's storage grows by doubling (orders 65, 131, 151 here, odd leading dimensions):
    # each reallocation copies the columns from one leading dimension to the next.
    G = _gram(7, n=200, p=150)
    rng = np.random.default_rng(3)
    ops, inside = [], []
    for j in rng.permutation(149):
        ops.append(("a", int(j)))
        inside.append(int(j))
        if rng.random() < 0.2:
            i = int(rng.integers(len(inside)))
            ops.append(("r", i))
            inside.pop(i)
    U, cols, appended = _accel.factor_ops(G, ops, 0.5, grow=True)
    assert cols == inside and all(appended) and len(cols) > 100
    _assert_factor_of(G, U, cols, 0.5)


def test_a_dependent_column_is_left_out_and_the_rest_is_factored():
    G = _gram(0)
    dependent = G.shape[0] - 1
    U, cols, appended = _accel.factor_ops(G, [("a", 2), ("a", 7), ("a", dependent), ("a", 4)])
    assert cols == [2, 7, 4] and appended == [True, True, False, True]
    _assert_factor_of(G, U, cols, 0.0)
    # ... unless a ridge term makes it independent
    U, cols, appended = _accel.factor_ops(G, [("a", 2), ("a", 7), ("a", dependent)], 1.0)
    assert cols == [2, 7, dependent]


@pytest.mark.parametrize("op", ["f", "p"])
def test_refactoring_leaves_out_one_of_a_dependent_triple(op):
    G = _gram(1)
    dependent = G.shape[0] - 1
    support = [0, 2, 5, 7, dependent, 9]
    U, cols, (left_out,) = _accel.factor_ops(G, [(op, support)])
    assert left_out == 1 and len(cols) == 5 and set(cols) <= set(support)
    assert not {2, 7, dependent} <= set(cols)
    _assert_factor_of(G, U, cols, 0.0)
