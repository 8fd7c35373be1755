"""The ``lassofast`` command as a whole: one entry point, ``--version`` everywhere, and the same exit status
for a usage error in every sub-command (2, argparse's)."""
import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path

import pytest

import lassofast
from lassofast import cli

ROOT = Path(__file__).resolve().parents[1]


def test_the_entry_point_is_the_cli_packages_main():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, attr = scripts["lassofast"].partition(":")
    assert getattr(import_module(module), attr) is cli.main


@pytest.mark.parametrize("command", [[], *[[name] for name in cli.COMMANDS]])
def test_version_is_answered_by_the_command_and_every_sub_command(command, capsys):
    assert cli.main([*command, "--version"]) == 0
    assert capsys.readouterr().out.strip() == f"lassofast {lassofast.__version__}"


def test_python_dash_m_lassofast_answers_version():
    done = subprocess.run([sys.executable, "-m", "lassofast", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, f"lassofast {lassofast.__version__}")


def _csv(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("a,b,y\n" + "\n".join(f"{i},{i % 3},{2 * i + 1}" for i in range(12)))
    return str(path)


# One usage error per command: the ones argparse finds and the ones the command finds after parsing.
USAGE_ERRORS = {
    "no command": lambda tmp: [],
    "unknown command": lambda tmp: ["nosuch"],
    "path, argparse": lambda tmp: ["path", _csv(tmp)],                       # --target missing
    "path, value": lambda tmp: ["path", _csv(tmp), "--target", "y", "--rows", "0"],
    "path, combination": lambda tmp: ["path", _csv(tmp), "--target", "y", "--l1-ratio", "0"],
    "path, sep": lambda tmp: ["path", _csv(tmp), "--target", "y", "--sep", ";;"],
    "explore, argparse": lambda tmp: ["explore"],                            # --out missing
    "explore, combination": lambda tmp: ["explore", "--target", "y", "--out", str(tmp / "p.html")],
    "explore, value": lambda tmp: ["explore", "--cv", "-1", "--out", str(tmp / "p.html")],
    "render, quality": lambda tmp: ["render", "--all", "--quality", "ultra"],
    "render, scene": lambda tmp: ["render", "NoSuchScene"],
    "render, argparse": lambda tmp: ["render", "--jobs", "x"],
    "bench, value": lambda tmp: ["bench", "--eps", "2"],
    "bench, name": lambda tmp: ["bench", "--problems", "nosuch", "--out", str(tmp)],
    "geometry, features": lambda tmp: ["geometry", "--features", "x1", "x1", "--out", str(tmp / "g.png")],
    "geometry, radius": lambda tmp: ["geometry", "--radius", "-1", "--out", str(tmp / "g.png")],
    "demo, value": lambda tmp: ["demo", "--n-alphas", "0"],
}


@pytest.mark.parametrize("case", USAGE_ERRORS)
def test_a_usage_error_exits_2_in_every_command(case, tmp_path, capsys):
    argv = USAGE_ERRORS[case](tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert cli.main(argv) == 2, capsys.readouterr().err
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before   # nothing written


def test_every_command_has_a_usage_error_case():
    assert {case.split(",")[0] for case in USAGE_ERRORS} >= set(cli.COMMANDS)


def test_a_problem_that_is_not_a_usage_error_exits_1(tmp_path, capsys):
    """A command line that is right about a file that is wrong: 1, not 2, in every data command."""
    missing = str(tmp_path / "nope.csv")
    assert cli.main(["path", missing, "--target", "y"]) == 1
    assert cli.main(["explore", missing, "--target", "y", "--out", str(tmp_path / "p.html")]) == 1
    assert cli.main(["geometry", "--out", str(tmp_path / "no" / "g.png")]) == 1
    assert capsys.readouterr().err.count("error:") == 3
