"""Feature names (issue 15): a pandas DataFrame in → feature_names_in_ on the estimators,
Path.feature_names, Path.to_frame(), named and distinctly coloured lines in Path.plot()."""
import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex, to_rgb  # noqa: E402

import lassofast  # noqa: E402
from lassofast.palette import FEATURE_COLORS, feature_color  # noqa: E402
from lassofast._testing import make_problem  # noqa: E402

pd = pytest.importorskip("pandas")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _frame(p=12, n=80):
    X, y = make_problem("tall")
    X = X[:n, :p]
    names = [f"feat_{chr(97 + j)}" for j in range(p)]
    return pd.DataFrame(X, columns=names), pd.Series(y[:n], name="target"), names


@pytest.mark.parametrize("Est", ["Lasso", "ElasticNet", "LassoCV", "ElasticNetCV"])
def test_estimators_record_feature_names_in(Est):
    df, y, names = _frame(p=6)
    model = getattr(lassofast, Est)(**({"cv": 3} if "CV" in Est else {"alpha": 0.01})).fit(df, y)
    assert list(model.feature_names_in_) == names and model.n_features_in_ == 6
    plain = getattr(lassofast, Est)(**({"cv": 3} if "CV" in Est else {"alpha": 0.01})).fit(df.to_numpy(), y)
    assert not hasattr(plain, "feature_names_in_")
    np.testing.assert_allclose(plain.coef_, model.coef_)
    with pytest.warns(UserWarning, match="feature names"):  # scikit-learn's check on predict
        model.predict(df.to_numpy())
    # Refitted on plain arrays (validated without scikit-learn's validate_data), the names go,
    # n_features_in_ follows the new X, and the array y of ints is read like the Series
    model.fit(df.to_numpy()[:, :5], np.asarray(y))
    assert not hasattr(model, "feature_names_in_") and model.n_features_in_ == 5
    model.fit(df.to_numpy()[:, :5], np.round(np.asarray(y)).astype(int))
    assert model.coef_.dtype == np.float64


def test_path_feature_names_from_a_dataframe():
    df, y, names = _frame()
    path = lassofast.lasso_path(df, y, n_alphas=10)
    assert list(path.feature_names) == names and path.names() == names
    np.testing.assert_array_equal(path.coefs, lassofast.lasso_path(df.to_numpy(), y.to_numpy(), n_alphas=10).coefs)
    assert lassofast.lasso_path(df.to_numpy(), y, n_alphas=3).feature_names is None
    assert lassofast.lasso_path(df.to_numpy(), y, n_alphas=3).names()[:2] == ["x1", "x2"]
    # non-string column labels (the default RangeIndex) are not names, as in scikit-learn
    assert lassofast.lasso_path(pd.DataFrame(df.to_numpy()), y, n_alphas=3).feature_names is None
    for batch in (lassofast.batch_paths(df, np.c_[y, 2 * y], n_alphas=5),
                  lassofast.batch_paths([(df, y)], n_alphas=5)):
        assert all(list(p.feature_names) == names for p in batch)


def test_to_frame_is_tidy_and_equals_the_coefficients():
    df, y, names = _frame(p=5)
    path = lassofast.lasso_path(df, y, n_alphas=7)
    tidy = path.to_frame()
    assert list(tidy.columns) == ["alpha", "feature", "coefficient"] and len(tidy) == 7 * 5
    wide = tidy.pivot(index="feature", columns="alpha", values="coefficient")
    wide = wide.loc[names, path.alphas]
    np.testing.assert_array_equal(wide.to_numpy(), path.coefs)
    unnamed = lassofast.lasso_path(df.to_numpy(), y, n_alphas=3).to_frame()
    assert unnamed["feature"].unique().tolist() == [f"x{j + 1}" for j in range(5)]


def _lab(colour):
    c = np.array(to_rgb(colour))
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ c
    f = np.cbrt(xyz / np.array([0.95047, 1.0, 1.08883]))
    f = np.where(xyz / np.array([0.95047, 1.0, 1.08883]) > 0.008856, f,
                 7.787 * xyz / np.array([0.95047, 1.0, 1.08883]) + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def test_palette_has_twelve_distinct_colours():
    assert len(FEATURE_COLORS) >= 12 and len(set(FEATURE_COLORS)) == len(FEATURE_COLORS)
    distances = [np.linalg.norm(_lab(a) - _lab(b)) for a, b in itertools.combinations(FEATURE_COLORS[:12], 2)]
    assert min(distances) >= 30  # CIELAB ΔE: far apart, not just different hex strings
    # the first six stay the videos' x1..x6
    assert FEATURE_COLORS[:6] == ("#56b4e9", "#e69f00", "#2db38a", "#cc79a7", "#f0e442", "#e8743b")


def test_plot_uses_names_and_distinct_colours():
    df, y, names = _frame(p=10)
    path = lassofast.lasso_path(df, y, n_alphas=20)
    ax = path.plot()
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(names) <= set(lines)
    colours = [to_hex(lines[name].get_color()) for name in names]
    assert len(set(colours)) == 10 and colours == [feature_color(j) for j in range(10)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == names


def test_plot_labels_line_ends_beyond_the_legend():
    df, y, names = _frame(p=12)
    path = lassofast.lasso_path(df, y, n_alphas=20)
    ax = path.plot()
    assert ax.get_legend() is None
    labels = {t.get_text(): t for t in ax.texts}
    end = path.coefs[:, -1]
    assert set(labels) == {names[j] for j in np.flatnonzero(end)}
    for j in np.flatnonzero(end):
        assert labels[names[j]].xy == (path.alphas[-1], end[j])
        assert to_hex(labels[names[j]].get_color()) == feature_color(j)
