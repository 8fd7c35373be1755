"""``lassofast path data.csv --target COL``: the table is the path, the PNG is its plot, bad CSVs fail clearly."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lassofast  # noqa: E402
from lassofast import cli  # noqa: E402
from lassofast.cli import path as path_cli  # noqa: E402
from lassofast.datasets import load_demo, make_correlated  # noqa: E402
from lassofast.plotting import feature_color  # noqa: E402
from test_plotting import colour_fraction  # noqa: E402


def write_csv(folder, X, y, names, target="y", at=2):
    """A CSV with the target as column ``at`` (not last), so the CLI must find it by name."""
    header = list(names[:at]) + [target] + list(names[at:])
    data = np.column_stack([X[:, :at], y, X[:, at:]])
    out = folder / "data.csv"
    np.savetxt(out, data, delimiter=",", header=",".join(header), comments="", fmt="%.17g")
    return out


def parse_table(stdout):
    """The printed table as (column names, rows of floats)."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:2] == ["alpha", "nonzero"])
    names = lines[start].split()[2:]
    rows = []
    for line in lines[start + 1:]:
        try:
            rows.append([float(v) for v in line.split()])
        except ValueError:
            break
    return names, np.array(rows)


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_table_numbers_are_the_path(tmp_path, capsys, l1_ratio):
    demo = load_demo()
    csv = write_csv(tmp_path, demo.X, demo.y, demo.feature_names)
    assert path_cli.main([str(csv), "--target", "y", "--l1-ratio", str(l1_ratio), "--n-alphas", "40"]) == 0
    names, rows = parse_table(capsys.readouterr().out)

    path = lassofast.enet_path(demo.X, demo.y, l1_ratio=l1_ratio, n_alphas=40)
    active = path.coefs != 0
    entered = [demo.feature_names[j] for j in np.argsort(np.argmax(active, axis=1)) if active[j].any()]
    assert names == entered  # the selected features, in the order they enter
    cols = [demo.feature_names.index(n) for n in names]
    ks = [int(np.argmin(np.abs(path.alphas - a))) for a in rows[:, 0]]
    np.testing.assert_allclose(rows[:, 0], path.alphas[ks], rtol=5e-4)   # printed to 4 digits
    np.testing.assert_array_equal(rows[:, 1], path.n_nonzero()[ks])
    np.testing.assert_allclose(rows[:, 2:], path.coefs[np.ix_(cols, ks)].T, rtol=5e-4, atol=0)
    # every change of the active set has its row, and the last α too
    changes = np.flatnonzero((active[:, 1:] != active[:, :-1]).any(axis=0)) + 1
    assert set(changes) <= set(ks) and ks[-1] == len(path.alphas) - 1


def test_many_features_are_capped(tmp_path, capsys):
    X, y, _ = make_correlated(60, 30, rho=0.3, n_informative=10, random_state=0)
    names = [f"f{j}" for j in range(30)]
    csv = write_csv(tmp_path, X, y, names, target="resp", at=30)
    assert path_cli.main([str(csv), "--target", "resp", "--max-features", "3", "--rows", "5"]) == 0
    out = capsys.readouterr().out
    shown, rows = parse_table(out)
    assert len(shown) == 3 and len(rows) == 5
    assert "more selected features not shown" in out


def test_plot_file_is_the_path_plot(tmp_path, capsys):
    demo = load_demo()
    csv = write_csv(tmp_path, demo.X, demo.y, demo.feature_names)
    png = tmp_path / "path.png"
    code = cli.main(["path", str(csv), "--target", "y", "--plot", str(png), "--dpi", "60", "--progress"])
    assert code == 0
    captured = capsys.readouterr()
    assert f"plot saved to {png}" in captured.out
    assert "path [" in captured.err and "100/100" in captured.err  # every α reported
    assert "reading CSV" in captured.err and "plotting" in captured.err
    image = plt.imread(png)
    assert image.shape[:2] == (round(4.5 * 60), round(7.0 * 60))
    for j in range(len(demo.feature_names)):
        assert colour_fraction(image, feature_color(j)) > 1e-4  # each feature's path is drawn


@pytest.mark.parametrize("content, match", [
    ("a,b,y\n1,2,3\n4,5,6\n", "columns are: a, b, y"),
    ("a,b,target\n1,x,3\n4,5,6\n", "line 2, column 'b': 'x' is not a number"),
    ("a,b,target\n1,2,3\n4,nan,6\n", "line 3, column 'b': 'nan' is NaN"),
    ("a,b,target\n1,,3\n4,5,6\n", "line 2, column 'b': missing value"),
    ("a,b,target\n1,2,3\n4,5\n", "line 3: 2 fields but the header has 3"),
    ("a,a,target\n1,2,3\n4,5,6\n", "duplicated column names"),
    ("target\n1\n2\n", "no features"),
    ("a,target\n1,2\n", "at least two"),
    ("", "is empty"),
])
def test_bad_csv_gets_a_clear_error(tmp_path, capsys, content, match):
    csv = tmp_path / "bad.csv"
    csv.write_text(content)
    assert path_cli.main([str(csv), "--target", "target"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lassofast path: error:") and match in err


def test_missing_file_and_bad_options(tmp_path, capsys):
    assert path_cli.main([str(tmp_path / "nope.csv"), "--target", "y"]) == 1
    assert "No such file" in capsys.readouterr().err
    demo = load_demo()
    csv = write_csv(tmp_path, demo.X, demo.y, demo.feature_names)
    assert path_cli.main([str(csv), "--target", "y", "--plot", str(tmp_path / "no" / "dir.png")]) == 1
    assert "folder does not exist" in capsys.readouterr().err
    assert path_cli.main([str(csv), "--target", "y", "--l1-ratio", "0"]) == 2   # a usage error
    assert "alphas" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        path_cli.main([str(csv)])  # --target is required
    assert exit_.value.code == 2
