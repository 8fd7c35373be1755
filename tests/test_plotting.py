"""Path and CV plots: the drawn lines are the path's coefficients / the CV curve, and the PNG has them."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex, to_rgb  # noqa: E402
from sklearn.exceptions import NotFittedError  # noqa: E402

import lassofast  # noqa: E402
from lassofast.datasets import load_demo  # noqa: E402
from lassofast.plotting import FEATURE_COLORS, feature_color, plot_cv, plot_path  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def demo_path():
    demo = load_demo()
    return demo, lassofast.lasso_path(demo.X, demo.y, n_alphas=60)


def colour_fraction(image, colour, tol=0.06):
    """Fraction of an RGB(A) float image's pixels within ``tol`` of ``colour``."""
    return float((np.abs(image[..., :3] - np.array(to_rgb(colour))).max(axis=-1) < tol).mean())


def test_path_lines_are_the_coefficients(demo_path):
    demo, path = demo_path
    ax = plot_path(path, feature_names=demo.feature_names)
    lines = {line.get_label(): line for line in ax.get_lines()}
    for j, name in enumerate(demo.feature_names):
        np.testing.assert_array_equal(lines[name].get_xdata(), path.alphas)
        np.testing.assert_array_equal(lines[name].get_ydata(), path.coefs[j])
        assert to_hex(lines[name].get_color()) == feature_color(j)
    assert ax.get_xscale() == "log"


def test_top_axis_counts_the_non_zeros(demo_path):
    _, path = demo_path
    ax = plot_path(path)
    (top,) = ax.child_axes
    ticks = top.get_xticks()
    labels = [t.get_text() for t in top.get_xticklabels()]
    assert len(ticks) >= 4
    for alpha, label in zip(ticks, labels):
        (k,) = np.flatnonzero(path.alphas == alpha)
        assert int(label) == path.n_nonzero()[k]
    assert {"0", str(path.n_nonzero()[-1])} <= set(labels)  # both ends of the grid are labelled


def test_path_png_decodes_and_shows_every_feature(demo_path, tmp_path):
    demo, path = demo_path
    ax = plot_path(path, feature_names=demo.feature_names)
    out = tmp_path / "path.png"
    ax.figure.savefig(out, dpi=80)
    image = plt.imread(out)
    assert image.shape[:2] == (round(4.5 * 80), round(7.0 * 80))
    assert len(np.unique(image.reshape(-1, image.shape[-1]), axis=0)) > 50  # not blank
    for j in range(len(demo.feature_names)):
        assert colour_fraction(image, feature_color(j)) > 1e-4, demo.feature_names[j]


def test_feature_names_must_match():
    demo = load_demo()
    path = lassofast.lasso_path(demo.X, demo.y, n_alphas=5)
    with pytest.raises(ValueError, match="6 features"):
        plot_path(path, feature_names=["a", "b"])


def test_cv_plot_draws_the_curve_band_and_choices():
    demo = load_demo()
    model = lassofast.LassoCV(n_alphas=30, cv=4).fit(demo.X, demo.y)
    ax = model.plot()
    mean = model.mse_path_.mean(axis=1)
    se = model.mse_path_.std(axis=1, ddof=1) / 2.0
    curve = next(line for line in ax.get_lines() if line.get_label().startswith("mean"))
    np.testing.assert_array_equal(curve.get_xdata(), model.alphas_)
    np.testing.assert_allclose(curve.get_ydata(), mean)
    band = ax.collections[0].get_paths()[0].vertices
    np.testing.assert_allclose(band[:, 1].max(), (mean + se).max())
    np.testing.assert_allclose(band[:, 1].min(), (mean - se).min())
    verticals = sorted(line.get_xdata()[0] for line in ax.get_lines() if line is not curve)
    assert verticals == sorted([model.alpha_, model.alpha_1se_])


def test_cv_plot_of_several_ratios_shows_the_chosen_one(tmp_path):
    demo = load_demo()
    model = lassofast.ElasticNetCV(l1_ratio=[0.3, 1.0], n_alphas=20, cv=3).fit(demo.X, demo.y)
    ax = plot_cv(model)
    r = [0.3, 1.0].index(model.l1_ratio_)
    curve = next(line for line in ax.get_lines() if line.get_label().startswith("mean"))
    np.testing.assert_allclose(curve.get_ydata(), model.mse_path_[r].mean(axis=1))
    np.testing.assert_array_equal(curve.get_xdata(), model.alphas_[r])
    assert f"{model.l1_ratio_:g}" in ax.get_title()
    ax.figure.savefig(tmp_path / "cv.png", dpi=60)
    image = plt.imread(tmp_path / "cv.png")
    assert image.shape[:2] == (round(4.5 * 60), round(7.0 * 60))
    assert colour_fraction(image, "#ff5a5f") > 1e-4  # the chosen-α line is drawn


def test_cv_plot_needs_a_fitted_model():
    with pytest.raises(NotFittedError):
        plot_cv(lassofast.LassoCV())


def test_palette_matches_the_videos():
    style = pytest.importorskip("lassofast.animations.style", exc_type=ImportError)
    assert tuple(style.FEATURE_COLORS) == FEATURE_COLORS
