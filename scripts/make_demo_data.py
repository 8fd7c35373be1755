"""Regenerate src/lassofast/data/demo.csv (run once; the CSV is what ships, so it never drifts)."""
import numpy as np

rng = np.random.default_rng(214)  # seed picked so x1..x6 enter the path in order, spread out
n = 120
corr = 0.3 ** np.abs(np.subtract.outer(np.arange(6), np.arange(6)))
X = rng.standard_normal((n, 6)) @ np.linalg.cholesky(corr).T
X = (X - X.mean(0)) / X.std(0)
coef = np.array([2.0, -1.4, 1.0, 0.6, -0.35, 0.15])  # distinct strengths: features leave one by one
y = 3.0 + X @ coef + 0.8 * rng.standard_normal(n)
table = np.column_stack([X, y]).round(5)
np.savetxt("src/lassofast/data/demo.csv", table, delimiter=",", fmt="%.5f",
           header="x1,x2,x3,x4,x5,x6,y", comments="")
