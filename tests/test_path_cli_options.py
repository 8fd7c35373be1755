"""``lassofast path`` options from issue 15: a pandas index column is skipped (with a notice),
--index-col, --sep, --standardize, --alphas; the pure-ridge error names the CLI's own option."""
import numpy as np
import pytest

import lassofast
from lassofast.cli import path as path_cli
from lassofast.datasets import load_demo
from test_path_cli import parse_table

pd = pytest.importorskip("pandas")


def _frame():
    demo = load_demo()
    df = pd.DataFrame(demo.X, columns=demo.feature_names)
    df["y"] = demo.y
    return demo, df


def _check_table(out, path, names):
    shown, rows = parse_table(out)
    ks = [int(np.argmin(np.abs(path.alphas - a))) for a in rows[:, 0]]
    cols = [names.index(n) for n in shown]
    np.testing.assert_allclose(rows[:, 2:], path.coefs[np.ix_(cols, ks)].T, rtol=5e-4, atol=0)
    np.testing.assert_array_equal(rows[:, 1], path.n_nonzero()[ks])


def test_pandas_index_column_is_skipped_with_a_notice(tmp_path, capsys):
    demo, df = _frame()
    df.index = df.index * 1000 + 7  # an index that would be a strong "feature"
    csv = tmp_path / "d.csv"
    df.to_csv(csv)  # pandas' default: the index first, with a blank header
    assert path_cli.main([str(csv), "--target", "y", "--n-alphas", "30"]) == 0
    captured = capsys.readouterr()
    assert "skipping the first column" in captured.err and "--index-col none" in captured.err
    assert "on 6 features" in captured.out
    _check_table(captured.out, lassofast.lasso_path(demo.X, demo.y, n_alphas=30), demo.feature_names)
    assert path_cli.main([str(csv), "--target", "y", "--n-alphas", "30", "--index-col", "none"]) == 0
    assert "on 7 features" in capsys.readouterr().out


def test_named_index_col_and_sep(tmp_path, capsys):
    demo, df = _frame()
    df.insert(0, "id", np.arange(len(df)) * 3.0)
    csv = tmp_path / "d.csv"
    df.to_csv(csv, sep=";", index=False)
    assert path_cli.main([str(csv), "--target", "y", "--sep", ";", "--index-col", "id", "--n-alphas", "30"]) == 0
    _check_table(capsys.readouterr().out, lassofast.lasso_path(demo.X, demo.y, n_alphas=30), demo.feature_names)
    assert path_cli.main([str(csv), "--target", "y", "--sep", ";", "--index-col", "nope"]) == 1
    assert "--index-col 'nope': no such column" in capsys.readouterr().err


def test_standardize_and_alphas(tmp_path, capsys):
    demo, df = _frame()
    X = demo.X * np.array([1, 10, 100, 0.1, 1, 5.0])
    df[list(demo.feature_names)] = X
    csv = tmp_path / "d.csv"
    df.to_csv(csv, index=False)
    assert path_cli.main([str(csv), "--target", "y", "--standardize", "--n-alphas", "25"]) == 0
    _check_table(capsys.readouterr().out, lassofast.lasso_path(X, demo.y, standardize=True, n_alphas=25),
                 demo.feature_names)
    assert path_cli.main([str(csv), "--target", "y", "--alphas", "1,0.3,0.1,0.03"]) == 0
    out = capsys.readouterr().out
    assert "4 α from 1 down to 0.03" in out
    _check_table(out, lassofast.lasso_path(X, demo.y, alphas=[1, 0.3, 0.1, 0.03]), demo.feature_names)


def test_errors_name_the_cli_options(tmp_path, capsys):
    _, df = _frame()
    csv = tmp_path / "d.csv"
    df.to_csv(csv, index=False)
    assert path_cli.main([str(csv), "--target", "y", "--l1-ratio", "0"]) == 2   # usage errors: status 2
    err = capsys.readouterr().err
    assert "--alphas" in err and "alphas=[" not in err
    assert path_cli.main([str(csv), "--target", "y", "--alphas", "1,x"]) == 2
    assert "--alphas must be comma-separated numbers" in capsys.readouterr().err
    assert path_cli.main([str(csv), "--target", "y", "--sep", ";;"]) == 2
    assert "--sep must be one character" in capsys.readouterr().err


def test_bounds_and_dfmax(tmp_path, capsys):
    demo, df = _frame()
    csv = tmp_path / "d.csv"
    df.to_csv(csv, index=False)
    assert path_cli.main([str(csv), "--target", "y", "--n-alphas", "30", "--lower-bound", "0",
                          "--upper-bound", "0.5"]) == 0
    boxed = lassofast.lasso_path(demo.X, demo.y, n_alphas=30, lower_bounds=0.0, upper_bounds=0.5)
    assert boxed.coefs.min() >= 0 and boxed.coefs.max() <= 0.5
    _check_table(capsys.readouterr().out, boxed, demo.feature_names)
    assert path_cli.main([str(csv), "--target", "y", "--n-alphas", "30", "--dfmax", "2"]) == 0
    out = capsys.readouterr().out
    short = lassofast.lasso_path(demo.X, demo.y, n_alphas=30, max_features=2)
    assert short.n_nonzero().max() <= 2 and len(short.alphas) < 30
    assert f"{len(short.alphas)} α from" in out and "stopped before α" in out and "--dfmax" in out
    _check_table(out, short, demo.feature_names)
    assert path_cli.main([str(csv), "--target", "y", "--upper-bound", "-1"]) == 1  # bad input: status 1
    assert "upper_bounds" in capsys.readouterr().err
