"""The benchmark harness: a real --quick run, its verification, the timeout path and bad names.

No test asserts a timing; optimality (duality gaps recomputed with lassofast.reference) is the oracle.
"""
import json
import time

import numpy as np
import pytest
import scipy.sparse as sp

import lassofast
from lassofast import bench, reference
from lassofast.bench import problems, report, verify
from lassofast.bench.runner import run_solver
from lassofast.bench.solvers import SOLVERS, TARGET, NotApplicable, Setting, interpolate_path

QUICK_SOLVERS = ["lassofast", "sklearn", "lars", "celer", "skglm"]
STATUSES = {"ok", "inaccurate", "timeout", "error", "n/a", "not installed"}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    code = bench.main(["--quick", "--solvers", ",".join(QUICK_SOLVERS), "--out", str(out)])
    return code, out, json.loads((out / "results.json").read_text())


def test_quick_run_saves_every_output(quick_run):
    code, out, data = quick_run
    assert code == 0
    assert (out / "results.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    markdown = (out / "results.md").read_text()
    assert "| " + " | ".join(report.COLUMNS) + " |" in markdown
    assert data["meta"]["quick"] is True and data["meta"]["threads"] == 1
    assert data["meta"]["target"] == TARGET


def test_quick_run_covers_every_problem_eps_and_solver(quick_run):
    _, _, data = quick_run
    blocks = data["problems"]
    assert [(b["problem"], b["eps"]) for b in blocks] == [
        (name, eps) for name in problems.PROBLEMS for eps in (1e-2, 1e-3)]
    for block in blocks:
        assert [r["solver"] for r in block["results"]] == QUICK_SOLVERS
        assert block["n_alphas"] == problems.N_ALPHAS and block["pass_time"] > 0
        assert {r["status"] for r in block["results"]} <= STATUSES
        for result in block["results"]:
            assert (result["time"] is None) == (result["status"] not in ("ok", "inaccurate"))


def test_every_solution_is_verified(quick_run):
    _, _, data = quick_run
    for block in data["problems"]:
        for result in block["results"]:
            if result["time"] is not None:
                check = result["verification"]
                assert set(check) == {"verified", "gap", "excess", "bound"}
                assert check["verified"] == (result["status"] == "ok")
                assert check["verified"] == (check["bound"] <= verify.ROUNDING_SLACK)
                assert isinstance(result["nnz_last"], int)
        ranked = sorted((r for r in block["results"] if "rank" in r), key=lambda r: r["rank"])
        assert all(r["status"] == "ok" for r in ranked)
        assert [r["time"] for r in ranked] == sorted(r["time"] for r in ranked)


def test_lassofast_meets_the_target_on_every_problem(quick_run):
    _, _, data = quick_run
    for block in data["problems"]:  # sparse included: lassofast takes CSC X as it is
        result = next(r for r in block["results"] if r["solver"] == "lassofast")
        assert result["status"] == "ok", (block["problem"], block["eps"], result)
        assert result["verification"]["gap"] <= verify.ROUNDING_SLACK
        assert result["ratio"] == 1.0


def test_solvers_without_sparse_support_are_not_applicable(quick_run):
    _, _, data = quick_run
    for block in (b for b in data["problems"] if b["sparse"]):
        lars = next(r for r in block["results"] if r["solver"] == "lars")
        assert lars["status"] == "n/a" and "sparse" in lars["message"]


def test_terminal_table_lists_every_solver(quick_run):
    _, _, data = quick_run
    block = data["problems"][0]
    text = report.format_text(block)
    lines = text.splitlines()
    assert lines[0].startswith(block["description"]) and "passes/α" in lines[0]
    assert lines[1].split()[:3] == ["rank", "solver", "time"]
    assert sorted(line.split()[1] for line in lines[2:]) == sorted(QUICK_SOLVERS)


def test_a_run_over_the_time_cap_is_recorded_as_a_timeout(tmp_path):
    code = bench.main(["--quick", "--problems", "dense", "--solvers", "numpy-cd,lassofast",
                       "--eps", "1e-3", "--timeout", "0.01", "--out", str(tmp_path)])
    assert code == 0
    results = json.loads((tmp_path / "results.json").read_text())["problems"][0]["results"]
    numpy_cd = results[0]
    assert numpy_cd["status"] == "timeout" and numpy_cd["time"] is None
    assert "0.01 s" in numpy_cd["message"]
    assert results[1]["solver"] == "lassofast" and results[1]["status"] in ("ok", "timeout")


@pytest.mark.parametrize("option, name", [("--problems", "dense,nope"), ("--solvers", "lassofast,glmnett")])
def test_unknown_names_give_a_clear_error(option, name, capsys, tmp_path):
    assert bench.main([option, name, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    bad = name.split(",")[1]
    assert f"unknown {option[2:-1]} '{bad}'" in err and "choose from" in err
    assert not (tmp_path / "results.json").exists()


@pytest.mark.parametrize("args", [["--eps", "2"], ["--eps", "abc"], ["--repeats", "0"], ["--timeout", "-1"]])
def test_bad_option_values_are_rejected(args, capsys):
    with pytest.raises(SystemExit) as exc:
        bench.main(args)
    assert exc.value.code == 2
    assert "error" in capsys.readouterr().err


def test_list_and_cli_dispatch(capsys):
    from lassofast import cli
    assert cli.main(["bench", "--list"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in list(problems.PROBLEMS) + list(SOLVERS))


def test_a_crashing_task_is_reported_and_the_next_one_still_runs(tmp_path):
    instance = problems.make("demo", quick=True)
    data_dir = problems.save(instance, tmp_path)
    np.save(tmp_path / "alphas.npy", problems.alpha_grid(instance.X, instance.y, 1e-2))
    good = {"data": str(data_dir), "alphas": str(tmp_path / "alphas.npy"),
            "out": str(tmp_path / "c1.npy"), "duals": str(tmp_path / "d1.npy")}
    broken = dict(good, data=str(tmp_path / "missing"), out=str(tmp_path / "c0.npy"))
    results = run_solver("lassofast", [broken, good], [], repeats=1, threads=1, timeout=60,
                         workdir=tmp_path)
    assert results[0]["status"] == "error" and "missing" in results[0]["message"]
    assert results[1]["status"] == "done"
    assert np.load(tmp_path / "c1.npy").shape == (instance.shape[1], problems.N_ALPHAS)


def _fake_runs(tmp_path, monkeypatch, capsys, seconds, timeout=None):
    """Run the worker's task loop with a solver whose every run takes ``seconds`` on a fake clock.

    Returns the events it printed and the log, in order, of its fits ("fit"), the reports of runs
    ("report") and the time cap's timer calls ("arm", "disarm")."""
    from lassofast.bench import worker
    from lassofast.bench.solvers import Solver
    instance = problems.make("demo", quick=True)
    data_dir = problems.save(instance, tmp_path)
    np.save(tmp_path / "alphas.npy", problems.alpha_grid(instance.X, instance.y, 1e-2))
    task = {"data": str(data_dir), "alphas": str(tmp_path / "alphas.npy"),
            "out": str(tmp_path / "c.npy"), "duals": str(tmp_path / "d.npy")}
    clock, log = [0.0], []
    real_setitimer, real_report = worker.signal.setitimer, worker._report_runs

    def fit(X, y, alphas, setting):
        clock[0] += seconds
        log.append("fit")
        return SOLVERS["lassofast"].fit(X, y, alphas, setting)

    def setitimer(which, seconds, *args):
        log.append("arm" if seconds else "disarm")
        return real_setitimer(which, seconds, *args)

    def report(task, times):
        log.extend(["report"] if times else [])
        real_report(task, times)

    monkeypatch.setattr(worker.time, "perf_counter", lambda: clock[0])
    monkeypatch.setattr(worker.signal, "setitimer", setitimer)
    monkeypatch.setattr(worker, "_report_runs", report)
    solver = Solver("fake", "a stand-in", (), True, "sweeps", fit, warmup=False)
    worker.run_task(0, task, solver, repeats=2, timeout=timeout)
    events = [json.loads(line[len(worker.MARKER):]) for line in capsys.readouterr().out.splitlines()]
    return events, log


def test_short_runs_are_repeated_for_the_time_budget_and_long_ones_are_not(tmp_path, monkeypatch, capsys):
    from lassofast.bench import worker

    def runs(seconds):
        events, _ = _fake_runs(tmp_path, monkeypatch, capsys, seconds)
        return sum(e["event"] == "run" for e in events)

    # 4 ms runs: repeated until 0.2 s are spent; 0.1 s runs: the 2 repeats asked for; 0.1 µs runs: the cap
    assert round(worker.SHORT_BUDGET / 4e-3) <= runs(4e-3) <= round(worker.SHORT_BUDGET / 4e-3) + 1
    assert runs(0.1) == 2
    assert runs(1e-7) == worker.SHORT_MAX_RUNS


def test_the_gram_floor_is_timed_as_the_solvers_runs_are(monkeypatch):
    from lassofast.bench import runner, worker

    class Product:  # X.T @ X taking ``seconds``, counted
        def __init__(self, seconds):
            self.seconds, self.count = seconds, 0

        @property
        def T(self):
            return self

        def __matmul__(self, other):
            self.count += 1
            start = time.perf_counter()
            while time.perf_counter() - start < self.seconds:
                pass
            return self

    long_product, short_product = Product(0.1), Product(4e-3)
    assert runner.gram_time(long_product, 1, 3) >= 0.1 and long_product.count == 3
    runner.gram_time(short_product, 1, 3)
    assert round(worker.SHORT_BUDGET / 4e-3) - 1 <= short_product.count <= round(worker.SHORT_BUDGET / 4e-3) + 1


def test_short_runs_are_timed_back_to_back_with_no_report_or_timer_call_between(tmp_path, monkeypatch, capsys):
    from lassofast.bench import worker
    events, log = _fake_runs(tmp_path, monkeypatch, capsys, 4e-3, timeout=60.0)
    fits = [k for k, entry in enumerate(log) if entry == "fit"]
    assert len(fits) == sum(e["event"] == "run" for e in events) >= worker.SHORT_BUDGET / 4e-3 - 1
    # the cap armed once before the first run, every run reported after the last
    assert log[:fits[0]] == ["arm"] and set(log[fits[0]:fits[-1]]) == {"fit"}
    assert log[fits[-1] + 1:] in (["report", "arm", "disarm"], ["report", "disarm"])
    # a run of 0.1 s is reported, and the cap armed afresh, before the next run
    events, log = _fake_runs(tmp_path, monkeypatch, capsys, 0.1, timeout=60.0)
    assert log == ["arm", "fit", "report", "arm", "fit", "report", "arm", "disarm"]


def _random_path(X, y, alphas):
    return lassofast.lasso_path(X, y, alphas=alphas, fit_intercept=False, tol=1e-10).coefs


@pytest.mark.parametrize("sparse", [False, True])
def test_objectives_match_the_reference_duality_gap(sparse):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 25)) * (rng.random((40, 25)) < 0.3)
    y = rng.standard_normal(40)
    alphas = problems.alpha_grid(X, y, 0.05, n_alphas=6)
    coefs = rng.standard_normal((25, 6)) * 0.1      # any w: the formulas must hold everywhere
    primal, dual = verify.objectives(sp.csc_matrix(X) if sparse else X, y, alphas, coefs)
    for k, alpha in enumerate(alphas):
        assert np.isclose(primal[k], reference.primal_objective(X, y, coefs[:, k], alpha), rtol=1e-12)
        assert np.isclose(primal[k] - dual[k], reference.duality_gap(X, y, coefs[:, k], alpha), rtol=1e-10)


def test_verification_flags_a_perturbed_solution():
    instance = problems.make("diabetes")
    X, y = instance.X, instance.y
    alphas = problems.alpha_grid(X, y, 1e-2, n_alphas=10)
    exact = _random_path(X, y, alphas)
    sloppy = exact * (1 + 1e-2)
    bound = verify.gap_target(y, TARGET)
    checks = verify.verify({"exact": verify.objectives(X, y, alphas, exact),
                            "sloppy": verify.objectives(X, y, alphas, sloppy)}, bound)
    assert checks["exact"]["verified"] and checks["exact"]["gap"] <= 1
    assert not checks["sloppy"]["verified"] and checks["sloppy"]["excess"] > 1
    assert checks["sloppy"]["bound"] >= checks["sloppy"]["excess"] - 1e-6   # best dual ≤ best primal


def test_a_solvers_own_dual_point_can_only_tighten_its_gap():
    instance = problems.make("demo")
    X, y = instance.X, instance.y
    alphas = problems.alpha_grid(X, y, 1e-2, n_alphas=5)
    coefs = _random_path(X, y, alphas) * 0.9
    residual = y[:, None] - X @ coefs
    better = y[:, None] - X @ _random_path(X, y, alphas)   # the optimal residuals
    p0, d0 = verify.objectives(X, y, alphas, coefs)
    p1, d1 = verify.objectives(X, y, alphas, coefs, dual_points=better)
    p2, d2 = verify.objectives(X, y, alphas, coefs, dual_points=residual)
    assert np.array_equal(p0, p1) and np.all(d1 >= d0) and np.any(d1 > d0)
    assert np.allclose(d2, d0)


def test_lars_interpolation_is_exact_at_knots_and_linear_between():
    knots = np.array([4.0, 2.0, 1.0])
    coefs = np.array([[0.0, 1.0, 3.0], [0.0, 0.0, -2.0]])
    got = interpolate_path(knots, coefs, np.array([5.0, 4.0, 3.0, 2.0, 1.5, 1.0, 0.5]))
    np.testing.assert_allclose(got, [[0, 0, 0.5, 1, 2, 3, 3], [0, 0, 0, 0, -1, -2, -2]])


def test_problems_are_centred_and_reproducible():
    for name in problems.PROBLEMS:
        a, b = problems.make(name, quick=True, seed=3), problems.make(name, quick=True, seed=3)
        assert np.array_equal(a.y, b.y)
        if a.fit_intercept:   # solved with an intercept: left as generated, and it is needed
            assert a.is_sparse and abs(a.y.mean()) > 1 and np.all(a.X.data > 0)
        else:
            assert abs(a.y.mean()) < 1e-10
        if a.is_sparse:
            assert sp.isspmatrix_csc(a.X) and (a.X != b.X).nnz == 0
        else:
            assert a.X.flags.f_contiguous and np.allclose(a.X.mean(axis=0), 0)
            assert np.array_equal(a.X, b.X)


def test_summary_has_a_row_per_block_and_the_speedup_is_the_times_ratio(quick_run):
    code, out, data = quick_run
    blocks = data["problems"]
    rows = report.summary_rows(blocks)
    head = rows[0]
    assert len(rows) == 1 + len(blocks) and head[2:2 + len(QUICK_SOLVERS)] == tuple(QUICK_SOLVERS)
    for block, cells in zip(blocks, rows[1:]):
        cell = dict(zip(head, cells))
        times = {r["solver"]: r["time"] for r in block["results"] if r["status"] == "ok"}
        others = [(t, s) for s, t in times.items() if s != "lassofast"]
        if not others:   # e.g. every other solver timed out
            assert cell["fastest other"] == cell["its time / lassofast's"] == "—"
            continue
        fastest_other = min(others)
        assert cell["fastest other"] == fastest_other[1]
        speedup = fastest_other[0] / times["lassofast"]  # shown with 3 significant digits at most 2 decimals
        assert float(cell["its time / lassofast's"]) == pytest.approx(speedup, abs=0.0051, rel=5e-3)
    assert report.format_summary(blocks) in (out / "results.md").read_text()


# --- text-like and intercept problems, XᵀX floor, glmnet ------------------------------------------

def test_text_problem_has_zipf_columns_and_count_like_values():
    instance = problems.make("text", quick=True)
    X = instance.X
    df = np.diff(X.indptr)                       # documents per word, words by frequency rank
    assert sp.isspmatrix_csc(X) and not instance.fit_intercept
    assert df.min() >= 1 and np.all(X.data > 0)  # every word occurs; non-negative tf-idf values
    p = X.shape[1]
    head, middle, tail = df[:10].mean(), df[p // 10:p // 5].mean(), df[p // 2:].mean()
    assert head > 5 * middle > 5 * tail          # a few very common words, a long tail
    assert np.count_nonzero(X.T @ instance.y) > 0


def test_full_text_problem_is_quick_to_generate_and_has_a_few_million_nonzeros_at_most():
    import time
    start = time.perf_counter()
    instance = problems.make("text")
    assert time.perf_counter() - start < 5.0
    assert instance.shape == (20000, 100000) and 5e5 < instance.X.nnz < 5e6


def _centred_dense(X, y):
    Xc, yc, _, _ = reference.center(X.toarray() if sp.issparse(X) else X, y)
    return Xc, yc


def test_intercept_objectives_are_those_of_the_centred_problem():
    instance = problems.make("sparse-intercept", quick=True)
    X, y = instance.X, instance.y
    Xc, yc = _centred_dense(X, y)
    alphas = problems.alpha_grid(X, y, 0.05, n_alphas=6, fit_intercept=True)
    assert np.isclose(alphas[0], np.abs(Xc.T @ yc).max() / len(y), rtol=1e-12)
    rng = np.random.default_rng(1)
    coefs = rng.standard_normal((X.shape[1], 6)) * (rng.random((X.shape[1], 6)) < 0.05)
    primal, dual = verify.objectives(X, y, alphas, coefs, fit_intercept=True)
    for k, alpha in enumerate(alphas):   # lassofast.reference on explicitly centred data is the oracle
        assert np.isclose(primal[k], reference.primal_objective(Xc, yc, coefs[:, k], alpha), rtol=1e-12)
        assert np.isclose(primal[k] - dual[k], reference.duality_gap(Xc, yc, coefs[:, k], alpha),
                          rtol=1e-9)
    assert np.isclose(verify.gap_target(y, TARGET, fit_intercept=True), TARGET * (yc @ yc) / (2 * len(y)))
    # a dual point with a non-zero mean is centred (which only raises D), never used as is
    shifted = yc[:, None] + 5.0
    _, dual_shifted = verify.objectives(X, y, alphas, coefs, dual_points=np.repeat(shifted, 6, axis=1),
                                        fit_intercept=True)
    _, dual_centred = verify.objectives(X, y, alphas, coefs, dual_points=np.repeat(yc[:, None], 6, axis=1),
                                        fit_intercept=True)
    np.testing.assert_allclose(dual_shifted, dual_centred, rtol=1e-9)


def test_verification_with_an_intercept_rejects_a_fit_without_one():
    instance = problems.make("sparse-intercept", quick=True)
    X, y = instance.X, instance.y
    alphas = problems.alpha_grid(X, y, 1e-2, n_alphas=20, fit_intercept=True)
    with_b = lassofast.lasso_path(X, y, alphas=alphas, fit_intercept=True, tol=1e-9).coefs
    without_b = lassofast.lasso_path(X, y, alphas=alphas, fit_intercept=False, tol=1e-9).coefs
    bound = verify.gap_target(y, TARGET, fit_intercept=True)
    ref = verify.reference_dual(X, y, alphas, TARGET, fit_intercept=True)
    checks = verify.verify({"with": verify.objectives(X, y, alphas, with_b, fit_intercept=True),
                            "without": verify.objectives(X, y, alphas, without_b, fit_intercept=True)},
                           bound, ref)
    assert checks["with"]["verified"] and not checks["without"]["verified"]


def test_reference_dual_is_a_lower_bound_close_to_the_optimum():
    instance = problems.make("diabetes")
    X, y = instance.X, instance.y
    alphas = problems.alpha_grid(X, y, 1e-3, n_alphas=10)
    bound = verify.gap_target(y, TARGET)
    ref = verify.reference_dual(X, y, alphas, TARGET)
    exact = _random_path(X, y, alphas)
    primal, _ = verify.objectives(X, y, alphas, exact)
    assert np.all(primal - ref >= -1e-12 * primal)                      # weak duality
    assert np.all(primal - ref <= 10 * verify.REFERENCE_TIGHTENING * bound)


@pytest.mark.parametrize("name", ["lars", "numpy-cd", "numpy-fista"])
def test_solvers_that_fit_no_intercept_say_so(name):
    instance = problems.make("demo")
    alphas = problems.alpha_grid(instance.X, instance.y, 1e-2, n_alphas=3)
    with pytest.raises(NotApplicable, match="intercept"):
        SOLVERS[name].fit(instance.X, instance.y, alphas, Setting(fit_intercept=True))


@pytest.mark.parametrize("name", ["lassofast", "sklearn", "celer", "skglm", "glmnet-tight"])
def test_intercept_solvers_reach_the_centred_optimum_on_sparse_x(name):
    if SOLVERS[name].missing():
        pytest.skip(SOLVERS[name].install_hint())
    instance = problems.make("sparse-intercept", quick=True)
    X, y = instance.X, instance.y
    alphas = problems.alpha_grid(X, y, 1e-2, n_alphas=20, fit_intercept=True)
    fit = SOLVERS[name].fit(X, y, alphas, Setting("sparse-intercept", quick=True, fit_intercept=True))
    assert sp.issparse(X)   # the solver got sparse X and had to centre it itself
    ref = verify.reference_dual(X, y, alphas, TARGET, fit_intercept=True)
    checks = verify.verify({name: verify.objectives(X, y, alphas, fit.coefs, fit.dual_points,
                                                    fit_intercept=True)},
                           verify.gap_target(y, TARGET, fit_intercept=True), ref)
    assert checks[name]["verified"], checks


def test_gram_floor_and_passes_per_alpha_are_reported(quick_run):
    _, out, data = quick_run
    for block in data["problems"]:
        n, p = block["n_samples"], block["n_features"]
        ours = next(r for r in block["results"] if r["solver"] == "lassofast")
        assert block["lassofast_passes_per_alpha"] == pytest.approx(
            ours["time"] / (block["pass_time"] * block["n_alphas"]))
        if block["sparse"] or n <= p:
            assert block["gram_time"] is None and block["lassofast_over_gram"] is None
        else:
            assert block["gram_time"] > 0
            assert block["lassofast_over_gram"] == pytest.approx(ours["time"] / block["gram_time"])
            assert "XᵀX floor" in report.block_title(block)
    tall = next(b for b in data["problems"] if b["problem"] == "tall")
    assert tall["gram_time"] is not None
    head = report.summary_rows(data["problems"])[0]
    assert "XᵀX floor" in head and "lassofast passes/α" in head
    assert "XᵀX floor" in (out / "results.md").read_text()


def test_missing_glmnet_gets_the_pypi_name_in_its_hint(monkeypatch):
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda m, *a: None if m == "glmnet" else real(m, *a))
    assert SOLVERS["glmnet"].install_hint() == "pip install python-glmnet"
    assert SOLVERS["glmnet-tight"].install_hint() == "pip install python-glmnet"


def test_bench_extra_installs_python_glmnet():
    import pathlib
    import tomllib
    pyproject = pathlib.Path(__file__).parents[1] / "pyproject.toml"
    extras = tomllib.loads(pyproject.read_text())["project"]["optional-dependencies"]
    assert "python-glmnet" in extras["bench"]


def test_glmnet_call_solves_our_problem_no_intercept_no_standardising():
    pytest.importorskip("glmnet", reason="the bench extra installs python-glmnet")
    from lassofast.bench.solvers import glmnet_path
    instance = problems.make("diabetes")          # unstandardised scales would show standardize=True
    X, y = instance.X * np.linspace(0.5, 3.0, instance.shape[1]), instance.y + 0.0
    alphas = problems.alpha_grid(X, y, 1e-2, n_alphas=15)
    primal, _ = verify.objectives(X, y, alphas, glmnet_path(X, y, alphas, 1e-13))
    ref = verify.reference_dual(X, y, alphas, TARGET)
    assert np.all(primal - ref <= 1e-3 * verify.gap_target(y, TARGET))


def test_glmnet_threshold_search_returns_the_loosest_that_verifies():
    pytest.importorskip("glmnet", reason="the bench extra installs python-glmnet")
    from lassofast.bench.glmnet_thresh import THRESHOLDS, loosest_passing
    from lassofast.bench.solvers import glmnet_tight_thresh
    for name in ("dense", "sparse-intercept"):
        instance = problems.make(name, quick=True)
        thresh, bounds = loosest_passing(instance, 1e-3)
        assert thresh is not None and list(bounds) == list(THRESHOLDS[:len(bounds)])
        assert bounds[thresh] <= verify.ROUNDING_SLACK
        assert all(b > verify.ROUNDING_SLACK for t, b in bounds.items() if t != thresh)
        assert glmnet_tight_thresh(name, 1e-3, quick=True) == thresh   # the table is up to date


def test_glmnet_rows_in_a_quick_run(tmp_path):
    pytest.importorskip("glmnet", reason="the bench extra installs python-glmnet")
    code = bench.main(["--quick", "--problems", "dense,sparse-intercept", "--eps", "1e-3", "--timeout", "30",
                       "--solvers", "lassofast,glmnet,glmnet-tight", "--out", str(tmp_path)])
    assert code == 0
    data = json.loads((tmp_path / "results.json").read_text())
    for block in data["problems"]:
        by_solver = {r["solver"]: r for r in block["results"]}
        for name in ("glmnet", "glmnet-tight"):
            result = by_solver[name]
            assert result["status"] in ("ok", "inaccurate")
            assert (result["status"] == "ok") == (result["verification"]["bound"] <= verify.ROUNDING_SLACK)
        assert by_solver["glmnet-tight"]["status"] == "ok", block["problem"]
    assert "glmnet-tight" in report.format_summary(data["problems"])
