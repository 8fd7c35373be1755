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


@pytest.mark.parametrize("l2", [0.0, 0.5])
def test_appending_columns_together_equals_appending_them_one_by_one(l2):
    # A block of new columns solved against the factor together (blocks of 32 rows: the factor's
    # 70 columns span three), in the order given, skipping those already in the factor.
    G = _gram(11, n=300, p=200)
    first, block, new = list(range(0, 140, 2)), [71, 3, 99, 4, 57, 118, 5], [71, 3, 99, 57, 5]
    U1, cols1, _ = _accel.factor_ops(G, [("a", j) for j in first + new], l2)
    U2, cols2, out = _accel.factor_ops(G, [("a", j) for j in first] + [("b", block)], l2)
    assert out[-1] == 0 and cols2 == cols1 == first + new
    np.testing.assert_allclose(U2, U1, rtol=0, atol=1e-10 * np.abs(U1).max())
    _assert_factor_of(G, U2, cols2, l2)


def test_appending_together_leaves_out_the_same_dependent_columns():
    # Two new columns in the span of the factor's and each other's: the one that comes second in the
    # block stays out, its successor moves into its place -- as one-by-one appends do.
    G = _gram(12, n=300, p=120)
    X = np.linalg.cholesky(G + 1e-9 * np.eye(len(G))).T  # columns with Gram matrix G
    extra = np.column_stack([X[:, 40] + X[:, 100], X[:, 40] - 2 * X[:, 101], X[:, 5]])
    X = np.column_stack([X, extra])
    X = np.column_stack([X, X[:, 100] - 0.5 * X[:, 101] + 2 * X[:, 122]])
    G = np.asfortranarray(X.T @ X)
    first = list(range(40, 80))  # the factor holds 40 (more than the hand-written solves' 32)
    block = [100, 120, 101, 121, 122, 123]  # 121 = x40 - 2 x101; 123 = x100 - x101/2 + 2 x122
    U1, cols1, ok = _accel.factor_ops(G, [("a", j) for j in first + block])
    U2, cols2, out = _accel.factor_ops(G, [("a", j) for j in first] + [("b", block)])
    assert ok[-6:] == [True, False, True, False, True, False]
    assert out[-1] == 3 and cols2 == cols1 == first + [100, 101, 122]
    np.testing.assert_allclose(U2, U1, rtol=0, atol=1e-9 * np.abs(U1).max())
    _assert_factor_of(G, U2, cols2, 0.0)


def test_the_forward_vectors_follow_the_factor_through_its_updates():
    # z = U⁻ᵀ[X_Fᵀy, sign_F], kept through appends (one by one and together: extended when next
    # asked for), removals (rotated with U when z is complete, else cut back), reallocations, and
    # recomputed from the first position whose sign changed. Checked at every request against a
    # fresh solve with the factor of that moment.
    G = _gram(13, n=300, p=150)
    rng = np.random.default_rng(5)
    xty = rng.standard_normal(150)
    signs = rng.choice([-1, 1], size=150)
    ops, inside = [("b", list(range(0, 130, 2))), ("z", signs.copy())], list(range(0, 130, 2))
    for step in range(60):
        outside = [j for j in range(149) if j not in inside]
        roll = rng.random()
        if roll < 0.4 or len(outside) < 20:
            i = int(rng.integers(len(inside)))
            ops.append(("r", i))
            inside.pop(i)
        elif roll < 0.6:
            block = [int(j) for j in rng.choice(outside, size=int(rng.integers(2, 12)), replace=False)]
            ops.append(("b", block))
            inside += block
        else:
            j = int(rng.choice(outside))
            ops.append(("a", j))
            inside.append(j)
        if step % 5 == 4:  # a sign changes somewhere in the middle of the factor
            signs = signs.copy()
            signs[inside[len(inside) // 2]] *= -1
        if rng.random() < 0.5:
            ops.append(("z", signs.copy()))
    checked = 0
    for t, (op, arg) in enumerate(ops):
        if op == "z":
            U, cols, out = _accel.factor_ops(G, ops[:t + 1], 0.3, grow=True, xty=xty)
            want = np.linalg.solve(U.T, np.column_stack([xty[cols], arg[cols]]))
            np.testing.assert_allclose(out[-1], want, rtol=0, atol=1e-9 * np.abs(want).max())
            checked += 1
    assert checked > 20 and len(inside) > 30


def test_a_sign_change_after_a_removal_is_seen_at_the_column_s_new_position():
    G = _gram(14, n=300, p=150)
    xty = np.random.default_rng(6).standard_normal(150)
    signs = np.where(np.arange(150) % 2 == 0, 1, -1)  # factor positions alternate +, -, +, ...
    first = list(range(0, 100))
    flipped = signs.copy()
    flipped[first[41]] *= -1  # position 41 after removing 40: the removed column's sign
    # (the second block reallocates the factor: z's first 60 positions move with it)
    ops = [("b", first[:60]), ("z", signs), ("b", first[60:]), ("z", signs), ("r", 40), ("z", flipped)]
    U, cols, out = _accel.factor_ops(G, ops, 0.0, grow=True, xty=xty)
    want = np.linalg.solve(U.T, np.column_stack([xty[cols], flipped[cols]]))
    np.testing.assert_allclose(out[-1], want, rtol=0, atol=1e-9 * np.abs(want).max())
