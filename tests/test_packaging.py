"""The wheel: built from this checkout, it installs and runs in a fresh venv that has no Cython."""
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import lassofast

ROOT = Path(__file__).resolve().parents[1]


def run(*cmd, **kw):
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert done.returncode == 0, f"{cmd[:4]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def test_wheel_installs_and_runs_without_cython(tmp_path):
    # --no-isolation: build with this venv's Cython/numpy (an isolated build would download them).
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp_path / "dist", ROOT,
        cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("lassofast-*.whl"))
    assert "linux" in wheel.name or "macosx" in wheel.name or "win" in wheel.name  # a binary wheel
    names = set(zipfile.ZipFile(wheel).namelist())   # the subpackages pyproject.toml lists by name
    assert {"lassofast/cli/__init__.py", "lassofast/cli/render.py", "lassofast/animations/style/__init__.py",
            "lassofast/animations/style/manim_speedups.py"} <= names
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    run(py, "-m", "pip", "install", "-q", wheel)
    probe = ("import importlib.util, lassofast, lassofast.geometry; from lassofast.datasets import load_demo; "
             "d = load_demo(); "
             "p = lassofast.lasso_path(d.X, d.y, n_alphas=10); "
             "print(importlib.util.find_spec('Cython') is None, p.n_nonzero()[-1], lassofast.__file__)")
    out = run(py, "-c", probe, cwd=tmp_path).stdout.split()
    assert out[0] == "True"                      # no Cython in the fresh venv
    assert int(out[1]) == 6                      # the demo path reaches all six features
    assert str(env_dir) in out[2]                # it imported the installed wheel, not the checkout
    version = run(env_dir / "bin" / "lassofast", "--version", cwd=tmp_path).stdout   # the console script
    assert version.strip() == f"lassofast {lassofast.__version__}"
