"""Bad input gets a clear error before any kernel runs; odd-but-valid input is converted without waste."""
import pathlib
import tracemalloc
import warnings

import numpy as np
import pytest

import lassofast
from lassofast import reference as ref
from bad_inputs import CASES
from lassofast._testing import kkt_ok

DOC = pathlib.Path(__file__).resolve().parents[1] / "docs" / "bad-inputs.md"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.entry.split()[0]}: {c.what}" for c in CASES])
def test_bad_input_gets_a_clear_error(case):
    with pytest.raises(case.error, match=case.match):
        case.call()


def test_every_case_is_in_the_docs_table():
    text = DOC.read_text(encoding="utf-8")
    missing = [c.what for c in CASES if f"| {c.what} |" not in text]
    assert not missing, f"docs/bad-inputs.md is stale; run scripts/bad_inputs_table.py. Missing: {missing}"


# --- accepted input: converted, never copied when it need not be, never modified ---

def _data(n=40, p=8, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    return X, X @ rng.standard_normal(p) + rng.standard_normal(n) + 3.0


def _solve(X, y, **kw):
    return lassofast.enet_path(X, y, l1_ratio=0.8, n_alphas=8, tol=1e-12, max_iter=100_000, **kw)


def _assert_optimal(X64, y64, path, tol=1e-12):
    """Every column of the path meets its gap bound on the float64 data (the oracle)."""
    Xc, yc, X_mean, y_mean = ref.center(X64, y64)
    gap_tol = tol * (yc @ yc) / len(yc)
    for k, alpha in enumerate(path.alphas):
        w = path.coefs[:, k].astype(np.float64)
        assert ref.duality_gap(Xc, yc, w, alpha, path.l1_ratio) <= gap_tol * 1.01 + 1e-15
        assert kkt_ok(Xc, yc, w, alpha, path.l1_ratio, gap_tol) == []
        assert np.isclose(path.intercepts[k], y_mean - X_mean @ w, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("convert, dtype", [
    (lambda a: a.round().astype(np.int64), np.float64),
    (lambda a: a.round().astype(np.int8), np.float64),
    (lambda a: a > 0, np.float64),
    (lambda a: a.astype(object), np.float64),
    (lambda a: a.astype(np.float16), np.float64),
    (lambda a: a.tolist(), np.float64),
    (lambda a: a.astype(np.float32), np.float32),
], ids=["int64", "int8", "bool", "object", "float16", "list", "float32"])
def test_numeric_dtypes_are_converted(convert, dtype):
    X, y = _data()
    Xin = convert(X)
    tol = 1e-12 if dtype == np.float64 else 1e-5  # float32 solutions are checked at float32 accuracy
    path = lassofast.enet_path(Xin, y, l1_ratio=0.8, n_alphas=8, tol=tol, max_iter=100_000)
    assert path.coefs.dtype == dtype
    _assert_optimal(np.asarray(Xin, dtype=np.float64), y.astype(dtype).astype(np.float64), path, tol)


def test_integer_and_boolean_targets_are_converted():
    X, y = _data()
    for y_in in (y.round().astype(int), y > y.mean(), y.round().tolist(), y[:, None]):
        path = _solve(X, y_in)
        _assert_optimal(X, np.asarray(y_in, dtype=np.float64).ravel(), path)


def test_pandas_input_is_read_as_its_values():
    pd = pytest.importorskip("pandas")
    X, y = _data()
    frame = pd.DataFrame(X, columns=[f"f{j}" for j in range(X.shape[1])])
    # A DataFrame's values come out column-major: equal up to the rounding of the centring sums.
    np.testing.assert_allclose(_solve(frame, pd.Series(y)).coefs, _solve(X, y).coefs, rtol=1e-9, atol=1e-12)


def _layouts(X):
    wide = np.zeros((X.shape[0] * 2, X.shape[1] * 3))
    wide[::2, ::3] = X
    readonly = X.copy()
    readonly.flags.writeable = False
    readonly_f = np.asfortranarray(X)
    readonly_f.flags.writeable = False
    return {"C": np.ascontiguousarray(X), "F": np.asfortranarray(X), "strided": wide[::2, ::3],
            "reversed columns": X[:, ::-1][:, ::-1], "read-only": readonly, "read-only F": readonly_f}


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("precompute", [True, False])
def test_memory_layouts_give_the_same_solution(fit_intercept, precompute):
    X, y = _data()
    base = _solve(np.ascontiguousarray(X), y, fit_intercept=fit_intercept, precompute=precompute)
    y_strided = np.repeat(y, 2)[::2]
    y_readonly = y.copy()
    y_readonly.flags.writeable = False
    for name, Xl in _layouts(X).items():
        for y_in in (y, y_strided, y_readonly):
            path = _solve(Xl, y_in, fit_intercept=fit_intercept, precompute=precompute)
            # Centring sums in another order may differ in the last bit; solutions agree to the tolerance.
            np.testing.assert_allclose(path.coefs, base.coefs, rtol=1e-7, atol=1e-9, err_msg=name)
            np.testing.assert_allclose(path.intercepts, base.intercepts, rtol=1e-7, atol=1e-9, err_msg=name)


def test_inputs_are_never_modified():
    X, y = _data()
    X_f = np.asfortranarray(X)
    coef_init = np.full(X.shape[1], -0.5)
    before = (X_f.copy(), y.copy(), coef_init.copy())
    lassofast.enet_path(X_f, y, fit_intercept=False, coef_init=coef_init, positive=True, alphas=[0.1, 0.01])
    lassofast.Lasso(alpha=0.05, fit_intercept=False).fit(X_f, y)
    for after, orig in zip((X_f, y, coef_init), before):
        np.testing.assert_array_equal(after, orig)


def _peak_bytes(fn):
    fn()  # warm up imports and caches outside the measurement
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("order, fit_intercept, copies", [
    ("F", False, 0),   # the kernel reads X in place
    ("F", True, 1),    # one centred copy
    ("C", True, 1),    # one centred copy, straight into Fortran order
    ("C", False, 1),   # one Fortran copy
])
def test_no_silent_extra_copies_of_X(order, fit_intercept, copies):
    rng = np.random.default_rng(0)
    X = np.asarray(rng.standard_normal((3000, 100)), order=order)
    y = rng.standard_normal(3000)
    kw = dict(fit_intercept=fit_intercept, precompute=False, alphas=[0.5, 0.2])
    bound = (copies + 0.25) * X.nbytes
    assert _peak_bytes(lambda: lassofast.lasso_path(X, y, **kw)) < bound
    assert _peak_bytes(lambda: lassofast.Lasso(alpha=0.2, fit_intercept=fit_intercept).fit(X, y)) < bound


def test_sparse_input_is_checked_like_dense_and_never_modified():
    from scipy import sparse
    from lassofast._validation import check_X_y
    X, y = _data()
    X[X < 0.3] = 0.0
    csc = sparse.csc_matrix(X)
    assert check_X_y(csc, y, accept_sparse=True)[0] is csc  # CSC of a float dtype: no copy
    for other in (sparse.csr_matrix(X), sparse.coo_array(X), sparse.csc_matrix(X.astype(np.int64) + 1)):
        got = check_X_y(other, y, accept_sparse=True)[0]
        assert got.format == "csc" and got.dtype.kind == "f" and got.has_canonical_format
        np.testing.assert_array_equal(got.toarray(), other.toarray())
    # Duplicate entries (not canonical) are summed in a copy, never in the caller's matrix.
    dup = sparse.csc_matrix((np.array([1.0, 2.0, 5.0]), np.array([0, 0, 1]), np.array([0, 2, 3])), shape=(2, 2))
    assert not dup.has_canonical_format
    got = check_X_y(dup, np.zeros(2), accept_sparse=True)[0]
    assert got.has_canonical_format and dup.nnz == 3
    np.testing.assert_array_equal(got.toarray(), [[3.0, 0.0], [0.0, 5.0]])
    with pytest.raises(TypeError, match="dense array"):
        check_X_y(csc, y)  # entry points that cannot take sparse data say so


def test_sparse_path_accepts_any_format_as_csc():
    from scipy import sparse
    X, y = _data()
    X[X < 0.3] = 0.0
    want = _solve(sparse.csc_matrix(X), y)
    for other in (sparse.csr_matrix(X), sparse.coo_array(X)):
        np.testing.assert_allclose(_solve(other, y).coefs, want.coefs, rtol=1e-10, atol=1e-13)


def test_validation_functions_return_clean_values():
    from lassofast import _validation as v
    assert v.check_path_params(1, 0.01, np.int64(5), 0, 10) == (1.0, 0.01, 5, 0.0, 10)
    assert v.check_bool(np.bool_(True), "flag") is True
    assert v.check_precompute("auto") == "auto" and v.check_precompute(np.bool_(False)) is False
    np.testing.assert_array_equal(v.check_alphas(0.5), [0.5])
    np.testing.assert_array_equal(v.check_alphas([0.1, 1, 0.5]), [1.0, 0.5, 0.1])
    user = np.array([-1.0, 2.0])
    w = v.check_coef_init(user, 2, np.float32, positive=True)
    assert w.dtype == np.float32 and w.flags.writeable and w.flags.c_contiguous
    np.testing.assert_array_equal(w, [0.0, 2.0])
    np.testing.assert_array_equal(user, [-1.0, 2.0])
    X = np.asfortranarray(np.ones((3, 2), dtype=np.float32))
    X.flags.writeable = False
    assert v.check_array(X) is X  # no copy, whatever the layout
    Xc, yc = v.check_X_y(X, np.arange(3))
    assert Xc is X and yc.dtype == np.float32


@pytest.mark.parametrize("make, passes", [
    (lambda: lassofast.Lasso(alpha=0.1), 0), (lambda: lassofast.ElasticNet(alpha=0.1, standardize=True), 1),
    (lambda: lassofast.LassoCV(cv=3), 1), (lambda: lassofast.ElasticNetCV(l1_ratio=[0.5, 1.0], cv=3), 1),
    (lambda: lassofast.LassoIC(), 1)], ids=["Lasso", "ElasticNet-standardize", "LassoCV", "ElasticNetCV", "LassoIC"])
def test_fit_reads_the_values_of_X_once(make, passes, monkeypatch):
    """fit validates X once: its values (NaN, inf, scale) are checked by at most one pass over the
    whole X — not by scikit-learn's validate_data and again by lassofast's check, the path's, the
    grid's and the refit's — and by none where the fit's one design has X's column norms (a plain
    Lasso). (The CV folds are row subsets: a fold of a checked X needs no check.)"""
    import sklearn.utils.validation as skv
    from lassofast import _validation
    X, y = _data(n=60, p=5)
    seen = []

    def counting(original):
        def check(arr, *args, **kwargs):
            if np.shape(arr) == X.shape:
                seen.append(original.__name__)
            return original(arr, *args, **kwargs)
        return check
    monkeypatch.setattr(_validation, "_check_finite_and_scale", counting(_validation._check_finite_and_scale))
    monkeypatch.setattr(skv, "_assert_all_finite", counting(skv._assert_all_finite))
    make().fit(X, y)
    assert seen == ["_check_finite_and_scale"] * passes
    if passes == 0:  # and a NaN is still found, with the usual message
        bad = X.copy()
        bad[3, 2] = np.nan
        with pytest.raises(ValueError, match=r"X contains NaN or infinity .*\(3, 2\)"):
            make().fit(bad, y)


# --- a path checks a dense X's values from the column norms its design computes anyway ---

@pytest.mark.parametrize("fit_intercept", [False, True])
@pytest.mark.parametrize("precompute", [False, True])
def test_a_path_checks_X_values_without_a_pass_over_X(fit_intercept, precompute, monkeypatch):
    from lassofast import _validation
    X, y = _data()
    read = []

    def exact(arr, *args, **kwargs):
        read.append(np.shape(arr))
        return original(arr, *args, **kwargs)
    original = _validation._check_finite_and_scale
    monkeypatch.setattr(_validation, "_check_finite_and_scale", exact)
    path = lassofast.lasso_path(X, y, fit_intercept=fit_intercept, precompute=precompute, n_alphas=5)
    assert X.shape not in read and y.shape in read  # (y is small: always checked directly)
    assert np.isfinite(path.coefs).all()
    monkeypatch.setattr(_validation, "_check_finite_and_scale", original)
    for value in (np.nan, np.inf, -np.inf):  # the usual message, and no RuntimeWarning before it
        bad = X.copy()
        bad[3, 2] = value
        with warnings.catch_warnings(), pytest.raises(ValueError, match=r"X contains NaN or infinity .*\(3, 2\)"):
            warnings.simplefilter("error")
            lassofast.lasso_path(bad, y, fit_intercept=fit_intercept, precompute=precompute)


def _outcome(check):
    try:
        check()
    except ValueError as exc:
        return str(exc)
    return None


def _variants(dtype):
    X, _ = _data(n=50, p=6)
    info = np.finfo(dtype)
    high = np.sqrt(float(info.max) / (1e6 * 50))  # _check_finite_and_scale's limits for n = 50
    low = np.sqrt(float(info.tiny)) * 32
    amax = np.abs(X).max()
    out = {"plain": X, "zeros": np.zeros_like(X), "nan": X.copy(), "-inf": X.copy(),
           "constant huge column": X.copy(), "constant column": X.copy()}
    out["nan"][7, 1], out["-inf"][0, 5] = np.nan, -np.inf
    out["constant huge column"][:, 2] = 0.9 * high
    out["constant column"][:, 2] = 5.0
    for f in (0.3, 0.9, 0.99, 1.01, 1.1, 3.0):  # around both limits, on either side
        out[f"amax = {f} high"] = X * (f * high / amax)
        out[f"amax = {f} low"] = X * (f * low / amax)
    one_big = X.copy()
    one_big[4, 4] = 1.01 * high  # one entry over the limit among small ones
    out["one entry over the limit"] = one_big
    return {k: v.astype(dtype) for k, v in out.items()}


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("fit_intercept", [False, True])
@pytest.mark.parametrize("precompute", [False, True])
def test_the_norms_verdict_is_the_exact_checks(dtype, fit_intercept, precompute):
    """check_values_by_norms raises exactly where a pass over X would, with the same message: the
    sums of squares decide only where they prove X fine, and read X otherwise."""
    from lassofast import _validation
    from lassofast.path import _Design
    for name, X in _variants(dtype).items():
        with np.errstate(all="ignore"):
            design = _Design(X, fit_intercept, precompute)
        got = _outcome(lambda: _validation.check_values_by_norms(X, design.column_sums_of_squares()))
        assert got == _outcome(lambda: _validation._check_finite_and_scale(X, "X")), name


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_the_scale_check_raises_exactly_outside_its_limits(dtype):
    """_check_finite_and_scale (with its shortcut far inside the limits) raises exactly where the
    documented limits say: amax > sqrt(max/(1e6·n)) or 0 < amax < sqrt(tiny)·32, or a NaN/inf."""
    from lassofast import _validation
    info = np.finfo(dtype)
    for name, X in _variants(dtype).items():
        amax = float(np.abs(X.astype(np.float64)).max())
        expected = not np.isfinite(amax) or amax > np.sqrt(float(info.max) / (1e6 * X.shape[0])) or (
            0 < amax < np.sqrt(float(info.tiny)) * 32)
        assert (_outcome(lambda: _validation._check_finite_and_scale(X, "X")) is not None) == expected, name


def test_value_range_agrees_with_numpy():
    """The one-pass (min, max, non-increasing) the input checks use, against NumPy's reductions: any
    stride, float32 and float64, NaN anywhere (then (NaN, NaN, False)), ±inf, ties."""
    from lassofast._cd import value_range
    rng = np.random.default_rng(0)
    for trial in range(300):
        a = rng.choice([-np.inf, -1.0, 0.0, 2.5, np.inf], size=rng.integers(1, 9)) if trial % 3 == 0 else \
            rng.standard_normal(rng.integers(1, 40))
        if trial % 5 == 0:
            a = np.sort(a)[::-1]
        if trial % 7 == 0:
            a[rng.integers(a.size)] = np.nan
        for arr in (a, a.astype(np.float32), a[::2]):
            lo, hi, descending = value_range(arr)
            if np.isnan(arr).any():
                assert np.isnan(lo) and np.isnan(hi) and not descending
            else:
                assert (lo, hi) == (arr.min(), arr.max())
                assert descending == bool(np.all(arr[1:] <= arr[:-1]))
    with pytest.raises(ValueError, match="empty"):
        value_range(np.zeros(0))


def test_constant_columns_agrees_with_numpy_ptp():
    """The early-exit scan that finds constant columns (centred to exact zeros) against NumPy's
    ptp(X, axis=0) == 0: C and Fortran order, strided views, float32, NaN and ±inf entries."""
    from lassofast._cd import constant_columns
    rng = np.random.default_rng(1)
    with np.errstate(invalid="ignore"):  # (ptp of an infinite column: inf - inf)
        for _ in range(400):
            X = rng.choice([0.0, 1.0, np.nan, np.inf, -np.inf, -2.5], size=(rng.integers(1, 6), rng.integers(1, 6)))
            for A in (X, np.asfortranarray(X), X.astype(np.float32), X[:, ::-1], X[::2]):
                np.testing.assert_array_equal(constant_columns(A), np.ptp(A, axis=0) == 0)
