"""``lassofast path data.parquet --target y`` (or a folder of CSV / Parquet files): read through
dask.dataframe partition by partition, with a progress bar over the partitions; the path equals the
in-memory one."""
import numpy as np
import pytest

from lassofast import cli
from lassofast.datasets import make_correlated

pd = pytest.importorskip("pandas")
pytest.importorskip("dask.dataframe")
pytest.importorskip("pyarrow")

FEATURES = [f"x{j}" for j in range(6)]


def _frame(n=3000, seed=0):
    X, y, _ = make_correlated(n, 6, rho=0.5, n_informative=3, random_state=seed)
    return pd.DataFrame(X, columns=FEATURES).assign(y=y + 5.0), X, y + 5.0


def _table(stdout):
    """The printed table (α, non-zeros, coefficients to 4 digits), without the summary line."""
    lines = stdout.splitlines()
    return lines[next(i for i, line in enumerate(lines) if line.split()[:2] == ["alpha", "nonzero"]):]


def _run(capsys, *argv):
    code = cli.main(["path", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_parquet_file_equals_the_in_memory_path(tmp_path, capsys):
    frame, X, y = _frame()
    frame.to_parquet(tmp_path / "data.parquet")
    code, out, _ = _run(capsys, tmp_path / "data.parquet", "--target", "y", "--rows", "100", "--max-features", "6")
    assert code == 0 and "on 6 features, 3000 samples" in out
    in_memory = tmp_path / "all.csv"
    frame.to_csv(in_memory, index=False)
    _, expected, _ = _run(capsys, in_memory, "--target", "y", "--rows", "100", "--max-features", "6")
    assert _table(out) == _table(expected) and len(_table(out)) > 5  # the same path, to 4 digits


def test_folder_of_csv_files_with_a_progress_bar_over_the_partitions(tmp_path, capsys):
    frame, X, y = _frame()
    folder = tmp_path / "parts"
    folder.mkdir()
    for i in range(3):
        frame.iloc[1000 * i:1000 * (i + 1)].to_csv(folder / f"part{i}.csv")  # with pandas' index column
    code, out, err = _run(capsys, folder, "--target", "y", "--progress")
    assert code == 0 and "on 6 features, 3000 samples" in out
    assert "skipping the first column" in err
    assert "reading chunks" in err and "3/3" in err
    in_memory = tmp_path / "all.csv"
    frame.to_csv(in_memory, index=False)
    _, expected, _ = _run(capsys, in_memory, "--target", "y")
    assert _table(out) == _table(expected)


def test_standardize_equals_the_in_memory_path(tmp_path, capsys):
    frame, X, y = _frame(seed=2)
    frame["x4"] *= 1e3  # a column of another scale: standardising changes the path
    frame.to_parquet(tmp_path / "data.parquet")
    argv = ["--target", "y", "--standardize", "--rows", "100", "--max-features", "6"]
    code, out, _ = _run(capsys, tmp_path / "data.parquet", *argv)
    frame.to_csv(tmp_path / "all.csv", index=False)
    _, expected, _ = _run(capsys, tmp_path / "all.csv", *argv)
    _, plain, _ = _run(capsys, tmp_path / "all.csv", *argv[:2], *argv[3:])
    assert code == 0 and _table(out) == _table(expected) and len(_table(out)) > 5
    assert _table(out) != _table(plain)


def test_bounds_and_dfmax_equal_the_in_memory_path(tmp_path, capsys):
    frame, X, y = _frame(seed=3)
    frame.to_parquet(tmp_path / "data.parquet")
    frame.to_csv(tmp_path / "all.csv", index=False)
    for options in (["--lower-bound", "-0.2", "--upper-bound", "0.3"], ["--dfmax", "2"]):
        argv = ["--target", "y", "--rows", "100", "--max-features", "6", *options]
        code, out, _ = _run(capsys, tmp_path / "data.parquet", *argv)
        _, expected, _ = _run(capsys, tmp_path / "all.csv", *argv)
        _, plain, _ = _run(capsys, tmp_path / "all.csv", *argv[:6])
        assert code == 0 and _table(out) == _table(expected) and len(_table(out)) > 3
        assert _table(out) != _table(plain)  # the option changes the path
        assert out.splitlines()[:2] == expected.splitlines()[:2]  # the summary and where --dfmax stopped
    assert "stopped before α" in out and "--dfmax" in out
    code, _, err = _run(capsys, tmp_path / "data.parquet", "--target", "y", "--upper-bound", "-1")
    assert code == 1 and "upper_bounds must be >= 0" in err


def test_folder_of_parquet_files(tmp_path, capsys):
    frame, X, y = _frame(n=900, seed=1)
    for i in range(3):
        frame.iloc[300 * i:300 * (i + 1)].to_parquet(tmp_path / f"part{i}.parquet")
    code, out, _ = _run(capsys, tmp_path, "--target", "y")
    assert code == 0 and "900 samples" in out


@pytest.mark.parametrize("make, argv, match", [
    (lambda d: _frame()[0].to_parquet(d / "a.parquet"), ["a.parquet", "--target", "z"], r"no column 'z'.*x0"),
    (lambda d: _frame()[0].assign(x1="a").to_parquet(d / "a.parquet"), ["a.parquet", "--target", "y"],
     r"\['x1'\] are not numeric"),
    (lambda d: (_frame()[0].to_parquet(d / "a.parquet"), _frame()[0].to_csv(d / "b.csv")), [".", "--target", "y"],
     r"both Parquet and CSV"),
    (lambda d: None, [".", "--target", "y"], r"no \.parquet, \.pq or \.csv"),
    (lambda d: _frame()[0].assign(x2=lambda f: np.where(np.arange(len(f)) == 2500, np.nan, f.x2)).to_parquet(
        d / "a.parquet", row_group_size=1000), ["a.parquet", "--target", "y"],
     r"partition 0 .*NaN or infinity .*column 2 of X"),
    (lambda d: None, ["missing.parquet", "--target", "y"], r"does not exist"),
])
def test_bad_tables_get_a_clear_error(tmp_path, capsys, monkeypatch, make, argv, match):
    import re
    monkeypatch.chdir(tmp_path)
    make(tmp_path)
    code, out, err = _run(capsys, *argv)
    assert code == 1 and re.search(match, err), err
