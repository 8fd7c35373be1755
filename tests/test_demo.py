"""`lassofast demo`: the printed table is the demo path's, row for row."""
import re

import numpy as np

import lassofast
from lassofast.cli import demo
from lassofast.datasets import load_demo


def test_demo_table_is_the_paths(capsys):
    assert demo.main(["--n-alphas", "30"]) == 0
    out = capsys.readouterr().out
    path = lassofast.lasso_path(load_demo().X, load_demo().y, n_alphas=30)
    rows = [line.split() for line in out.splitlines() if re.match(r"^\s*\d+\.\d+\s+\d+\.\d+\s+\d+ / 6", line)]
    assert len(rows) == 12
    for row in rows:
        alpha, seed_lambda, nonzero = float(row[0]), float(row[1]), int(row[2])
        k = int(np.argmin(np.abs(path.alphas - alpha)))
        assert abs(path.alphas[k] - alpha) <= 5e-5 and abs(seed_lambda - 2 * path.alphas[k]) <= 5e-5
        assert nonzero == path.n_nonzero()[k]
        shown = np.array([0.0 if c == "0" else float(c) for c in row[5:]])
        np.testing.assert_allclose(shown, path.coefs[:, k], atol=5e-4)
    assert rows[0][2] == "0" and rows[-1][2] == "6"   # from α_max (nothing) to all six features
