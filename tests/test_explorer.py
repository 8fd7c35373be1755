"""The explorer page's numbers are lassofast's, its entry points work, and bad input fails cleanly.
(The page in a real browser: test_explorer_browser.py.)"""
import json
import os
import re

import numpy as np
import pytest
from sklearn.model_selection import KFold

import lassofast
from lassofast import cli, geometry
from lassofast.datasets import load_demo, make_correlated
from lassofast.explorer import Explorer, page as page_module
from lassofast.explorer.data import NO_DATA_NOTE, explorer_data
from lassofast.path import Path

N_ALPHAS = 30


def page_data(html):
    """The JSON the page embeds."""
    m = re.search(r'<script id="lassofast-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def demo_data():
    d = load_demo()
    path = lassofast.lasso_path(d.X, d.y, n_alphas=N_ALPHAS)
    return d, path, explorer_data(d.X, d.y, feature_names=d.feature_names, path=path, cv=3)


def test_path_soft_threshold_and_error_are_lassofast(demo_data):
    d, path, data = demo_data
    np.testing.assert_allclose(data["path"]["alphas"], path.alphas, rtol=1e-5)
    np.testing.assert_allclose(data["path"]["coefs"], path.coefs, rtol=1e-5, atol=0)
    assert ((np.array(data["path"]["coefs"]) == 0) == (path.coefs == 0)).all()   # zeros stay exact
    assert data["path"]["nnz"] == path.n_nonzero().tolist()
    # z_j in correlation units: lassofast.geometry.coordinate_update's z (weight units) × ‖x_j‖²/n
    Xc = d.X - d.X.mean(axis=0)
    norm2 = (Xc ** 2).sum(axis=0)
    for j, k in [(0, 3), (2, 10), (4, 20), (5, N_ALPHAS - 1)]:
        update = geometry.coordinate_update(d.X, d.y, path.coefs[:, k], j, path.alphas[k])
        assert data["soft"]["z"][j][k] == pytest.approx(update.z * norm2[j] / len(d.y), rel=1e-5, abs=1e-9)
        assert data["soft"]["band"][k] == pytest.approx(update.threshold * norm2[j] / len(d.y), rel=1e-5)
        inside = abs(data["soft"]["z"][j][k]) <= data["soft"]["band"][k]
        assert inside == (path.coefs[j, k] == 0)
    err = data["error"]
    train = np.mean((path.predict(d.X) - d.y[:, None]) ** 2, axis=0)
    np.testing.assert_allclose(err["train"], train, rtol=1e-5)
    cv = lassofast.LassoCV(alphas=path.alphas, cv=KFold(3, shuffle=True, random_state=0)).fit(d.X, d.y)
    np.testing.assert_allclose(err["cv_mean"], cv.mse_path_.mean(axis=1), rtol=1e-5)
    assert path.alphas[err["k_min"]] == pytest.approx(cv.alpha_)
    assert path.alphas[err["k_1se"]] == pytest.approx(cv.alpha_1se_)


def test_geometry_contact_is_the_paths_pair(demo_data):
    d, path, data = demo_data
    g = data["geometry"]
    assert g["pairs"][0] == [0, 1] and len(g["pairs"]) == 15 and g["primary"] == "l1"
    for q, (i, j) in enumerate(g["pairs"]):
        pic = g["pictures"][q]
        for k in range(0, N_ALPHAS, 7):
            w = path.coefs[[i, j], k]
            lasso = np.array(pic["l1"]["contact"][k])
            np.testing.assert_allclose(lasso, w, rtol=2e-3, atol=1e-6 * np.abs(path.coefs).max())
            assert ((lasso == 0) == (w == 0)).all()
            assert pic["l1"]["at_corner"][k] == int(bool((w == 0).any()))   # (0, 0): the shrunk region's corner
            ridge = np.array(pic["l2"]["contact"][k])
            assert np.linalg.norm(ridge) <= pic["l2"]["radius"][k] * (1 + 1e-5) + 1e-12


def test_elastic_net_path_draws_its_own_ball(tmp_path):
    d = load_demo()
    path = lassofast.enet_path(d.X, d.y, l1_ratio=0.5, n_alphas=12)
    data = explorer_data(d.X, d.y, path=path, cv=0)
    g = data["geometry"]
    assert g["primary"] == "enet" and g["enet_ratio"] == 0.5 and data["error"] is None
    for k in (3, 8):
        np.testing.assert_allclose(g["pictures"][0]["enet"]["contact"][k], path.coefs[:2, k], rtol=2e-3)


def test_cli_demo_writes_the_page(tmp_path, capsys):
    out = tmp_path / "lasso.html"
    assert cli.main(["explore", "--out", str(out), "--n-alphas", "15", "--cv", "2"]) == 0
    assert str(out) in capsys.readouterr().out
    html = out.read_text()
    data = page_data(html)
    assert data["meta"]["names"] == list(load_demo().feature_names) and len(data["path"]["alphas"]) == 15
    assert "<script src" not in html and "<link" not in html
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}  # a name, not a URL to load
    assert sorted(os.listdir(tmp_path)) == ["lasso.html"]


def _csv(folder, text):
    f = folder / "data.csv"
    f.write_text(text)
    return f


@pytest.mark.parametrize("case, pattern", [
    ("no-target", r"no column 'y' in .*its columns are: a, b"),
    ("text", r"line 3, column 'b': 'red' is not a number"),
    ("few-rows", r"has 5 rows; the explorer needs at least 10 for 5-fold"),
    ("no-folder", r"cannot write .*: the folder .* does not exist"),
    ("is-folder", r"cannot write .*: it is a folder"),
    ("target-without-csv", r"--target needs a CSV file"),
])
def test_bad_input_fails_in_one_line_and_leaves_no_file(tmp_path, capsys, case, pattern):
    rows = "\n".join(f"{i},{i % 3},{2 * i + 1}" for i in range(12))
    out = tmp_path / "page.html"
    csv_text = {"no-target": "a,b,c\n" + rows, "text": "a,b,y\n1,2,3\n4,red,6\n" + rows,
                "few-rows": "a,b,y\n" + "\n".join(rows.splitlines()[:5])}.get(case)
    args = [str(_csv(tmp_path, csv_text)), "--target", "y"] if csv_text else []
    if case == "target-without-csv":
        args = ["--target", "y"]
    if case == "no-folder":
        out = tmp_path / "missing" / "page.html"
    if case == "is-folder":
        out = tmp_path
    before = sorted(os.listdir(tmp_path))
    assert cli.main(["explore", *args, "--out", str(out)]) == (2 if case == "target-without-csv" else 1)
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("lassofast explore: error: ")
    assert re.search(pattern, err), err
    assert sorted(os.listdir(tmp_path)) == before             # no page, no temporary file


def test_interrupted_write_leaves_nothing(tmp_path, monkeypatch):
    def boom(src, dst):
        raise KeyboardInterrupt
    monkeypatch.setattr(page_module.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        page_module.write_html("<html>partial</html>", tmp_path / "lasso.html")
    assert os.listdir(tmp_path) == []


def test_path_methods_and_jupyter(tmp_path):
    d = load_demo()
    path = lassofast.lasso_path(d.X, d.y, n_alphas=10)
    alone = Path(path.alphas, path.coefs, path.intercepts, path.dual_gaps, path.n_iters, path.alpha_max)
    with pytest.warns(UserWarning, match="soft-threshold, geometry and error panels need X, y"):
        written = alone.to_html(str(tmp_path / "path.html"))            # a path that keeps no data
    data = page_data(open(written).read())
    assert data["soft"] is None and data["geometry"] is None and data["error"] is None
    assert data["meta"]["no_data"] == NO_DATA_NOTE and "path.to_html(out, X, y)" in NO_DATA_NOTE
    np.testing.assert_allclose(data["path"]["coefs"], path.coefs, rtol=1e-5)
    shown = path.explore(d.X, d.y, cv=0)
    assert isinstance(shown, Explorer)
    frame = shown._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "lassofast-data" in frame and "<script" not in frame
    with pytest.raises(ValueError, match="both X and y"):
        lassofast.explore(d.X, None)


def test_200_features_stay_under_8_mb(tmp_path):
    X, y, _ = make_correlated(150, 200, rho=0.5, random_state=0)
    out = lassofast.explore(X, y, out=str(tmp_path / "wide.html"), cv=2)
    size = os.path.getsize(out)
    data = page_data(open(out).read())
    assert size <= 8e6 and len(data["path"]["alphas"]) == 100 and data["meta"]["p"] == 200
    assert len(data["path"]["bars"]) <= 30 and len(data["geometry"]["features"]) <= 8


def test_a_path_keeps_a_reference_to_its_data_for_the_whole_page(tmp_path):
    """path.to_html(out) alone draws every panel, with the numbers of explore(X, y, path=path)."""
    d = load_demo()
    path = lassofast.lasso_path(d.X, d.y, n_alphas=12)
    data = page_data(open(path.to_html(str(tmp_path / "kept.html"), cv=3)).read())
    given = page_data(open(lassofast.explore(d.X, d.y, path=path, cv=3, out=str(tmp_path / "given.html"))).read())
    assert all(data[panel] is not None for panel in ("soft", "geometry", "error"))
    assert data["meta"]["no_data"] is None and data["meta"]["n"] == len(d.y)
    for panel in ("path", "soft", "geometry", "error"):
        assert data[panel] == given[panel]
    assert path._training_data[0] is d.X and path._training_data[1] is d.y      # a reference, not a copy
    assert page_data(path.explore(cv=0).html)["soft"] == data["soft"]           # Jupyter: the same data


def test_the_kept_data_is_not_pickled_nor_shown(tmp_path):
    import pickle
    X, y, _ = make_correlated(2000, 50, rho=0.3, random_state=0)               # 800 kB of X
    path = lassofast.lasso_path(X, y, n_alphas=5)
    alone = Path(path.alphas, path.coefs, path.intercepts, path.dual_gaps, path.n_iters, path.alpha_max,
                 path.l1_ratio, path.settings)
    assert repr(path) == repr(alone)
    blob = pickle.dumps(path)
    assert len(blob) < len(pickle.dumps(alone)) + 1000 < X.nbytes / 100
    back = pickle.loads(blob)
    assert back._training_data is None and path._training_data is not None    # the original keeps it
    np.testing.assert_array_equal(back.coefs, path.coefs)
    with pytest.warns(UserWarning, match="keeps no training data"):
        page = back.explore()
    assert page_data(page.html)["meta"]["no_data"] == NO_DATA_NOTE


def test_paths_whose_problem_the_panels_do_not_draw_leave_them_out_and_say_why(tmp_path):
    d = load_demo()
    weighted = lassofast.lasso_path(d.X, d.y, n_alphas=8, sample_weight=np.linspace(0.5, 2, len(d.y)))
    with pytest.warns(UserWarning, match="fitted with sample_weight"):
        data = page_data(weighted.explore(cv=0).html)
    assert data["soft"] is None and data["geometry"] is None and "sample_weight" in data["meta"]["no_data"]
    plain = lassofast.lasso_path(d.X, d.y, n_alphas=8, fit_intercept=False, positive=True)
    with pytest.warns(UserWarning, match="fit_intercept=False and positive=True"):
        data = page_data(plain.explore(d.X, d.y, cv=0).html)                 # given X, y too
    assert data["soft"] is None and "fit_intercept=False" in data["meta"]["no_data"]
    boxed = lassofast.lasso_path(d.X, d.y, n_alphas=8, lower_bounds=-0.5, upper_bounds=0.5)  # (issue 15)
    with pytest.warns(UserWarning, match="lower_bounds/upper_bounds"):
        data = page_data(boxed.explore(cv=0).html)
    assert data["soft"] is None and data["geometry"] is None


def test_a_dataframe_paths_names_label_the_page():
    pd = pytest.importorskip("pandas")
    d = load_demo()
    frame = pd.DataFrame(d.X, columns=[f"gene_{j}" for j in range(d.X.shape[1])])
    path = lassofast.lasso_path(frame, d.y, n_alphas=8)
    assert page_data(path.explore(cv=0).html)["meta"]["names"] == list(frame.columns)
    assert page_data(lassofast.explore(frame, d.y, cv=0).html)["meta"]["names"] == list(frame.columns)


def test_to_html_and_explore_are_methods_of_the_class():
    """Defined in lassofast.path's Path (not attached by lassofast/__init__.py), documented there."""
    for name in ("to_html", "explore"):
        method = vars(Path)[name]
        assert method.__module__ == "lassofast.path" and method.__qualname__ == f"Path.{name}"


def test_batch_paths_keep_their_data_for_the_page():
    X, y, _ = make_correlated(60, 5, rho=0.5, random_state=2)
    Y = np.column_stack([y, -2 * y + X[:, 4]])
    paths = lassofast.batch_paths(X, Y, n_alphas=8)                      # one shared design
    paths += lassofast.batch_paths([(X, Y[:, 1])], n_alphas=8)           # (X, y) pairs
    for path, target in zip(paths, (Y[:, 0], Y[:, 1], Y[:, 1])):
        kept = page_data(path.explore(cv=0).html)
        assert kept["soft"] is not None
        assert kept["soft"] == page_data(lassofast.explore(X, target, path=path, cv=0).html)["soft"]


def test_lasso_ic_path_keeps_its_data_for_the_page():
    d = load_demo()
    ic = lassofast.LassoIC(n_alphas=8).fit(d.X, d.y)
    kept = page_data(ic.path_.explore(cv=0).html)
    assert kept["meta"]["no_data"] is None and kept["soft"] is not None and kept["geometry"] is not None
    assert kept == page_data(lassofast.explore(d.X, d.y, path=ic.path_, cv=0).html)
    assert ic.path_._training_data[0] is d.X and ic.path_._training_data[1] is d.y   # a reference


def test_copies_of_a_path_keep_the_data_reference_and_pickling_still_drops_it():
    import copy
    import pickle
    d = load_demo()
    path = lassofast.lasso_path(d.X, d.y, n_alphas=8)
    shallow, deep = copy.copy(path), copy.deepcopy(path)
    assert shallow.coefs is path.coefs and shallow._training_data is path._training_data
    assert deep.coefs is not path.coefs and np.array_equal(deep.coefs, path.coefs) and repr(deep) == repr(path)
    assert deep._training_data[0] is d.X and deep._training_data[1] is d.y   # shared like pickling: not copied
    both = copy.deepcopy([path, path])
    assert both[0] is both[1]                                                # the memo: one copy of one path
    assert page_data(deep.explore(cv=0).html) == page_data(path.explore(cv=0).html)
    assert pickle.loads(pickle.dumps(deep))._training_data is None
