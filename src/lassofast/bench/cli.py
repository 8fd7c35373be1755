"""``lassofast bench`` / ``python -m lassofast.bench``: options, the run, and the saved results."""
import argparse
import datetime
import os
import platform
import shlex
import sys
from pathlib import Path as FilePath

from ..cli._common import command_parser
from . import report
from .problems import PROBLEMS, check_names
from .progress import Progress
from .runner import run_benchmark
from .solvers import SOLVERS, TARGET
from .worker import LONG_RUN, short_run_rule

__all__ = ["build_parser", "main"]


def _names(text):
    return [part.strip() for part in text.split(",") if part.strip()]


def _eps_list(text):
    try:
        values = [float(part) for part in _names(text)]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--eps takes numbers separated by commas, got {text!r}") from None
    if not values or not all(0 < v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"every --eps value must lie in (0, 1), got {text!r}")
    return values


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a positive {kind.__name__}, got {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive {kind.__name__}, got {text!r}")
        return value
    return parse


DEFAULT_TIMEOUT, QUICK_TIMEOUT = 120.0, 2.0


def build_parser():
    """The ``lassofast bench`` argument parser.

    Returns
    -------
    argparse.ArgumentParser
        The parser.
    """
    parser = command_parser(
        "bench",
        description="Time certified lasso paths (100 α from α_max to eps·α_max) of lassofast and other "
                    f"solvers on named problems; every solver is asked for duality gap ≤ {TARGET:g}·"
                    "||y||²/(2n) and verified afterwards.")
    parser.add_argument("--problems", type=_names, default=list(PROBLEMS),
                        help=f"comma-separated problem names (default: all of {', '.join(PROBLEMS)})")
    parser.add_argument("--solvers", type=_names, default=list(SOLVERS),
                        help=f"comma-separated solver names (default: all of {', '.join(SOLVERS)})")
    parser.add_argument("--eps", type=_eps_list, default=[1e-2, 1e-3],
                        help="path length(s): the last α is eps·α_max (default: 1e-2,1e-3)")
    parser.add_argument("--quick", action="store_true", help="small versions of every problem")
    parser.add_argument("--repeats", type=_positive(int), default=None,
                        help=f"best of N runs (default 3, 1 with --quick; runs over {LONG_RUN:g} s are not "
                             f"repeated, {short_run_rule()})")
    parser.add_argument("--timeout", type=_positive(float), default=None,
                        help="time cap per run in seconds, recorded as a timeout "
                             f"(default {DEFAULT_TIMEOUT:g}, {QUICK_TIMEOUT:g} with --quick)")
    parser.add_argument("--threads", type=_positive(int), default=1, help="threads per solver (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated problems (default 0)")
    parser.add_argument("--out", type=FilePath, default=FilePath("lassofast-bench-results"),
                        help="directory for results.json, results.md and results.png")
    parser.add_argument("--list", action="store_true", help="list the problems and solvers and exit")
    return parser


def _listing():
    lines = ["problems:"] + [f"  {name:<14} {spec.description}" for name, spec in PROBLEMS.items()]
    lines += ["solvers:"]
    for name, spec in SOLVERS.items():
        missing = spec.missing()
        note = f"  (not installed: {', '.join(missing)})" if missing else ""
        lines.append(f"  {name:<12} {spec.label}{note}")
    return "\n".join(lines)


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            return next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


def _git_revision():
    """The source revision benchmarked (``git describe``), or None outside a git checkout."""
    import subprocess
    try:
        out = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                             cwd=FilePath(__file__).parent, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _meta(args, argv):
    import numpy
    versions = {"python": platform.python_version(), "numpy": numpy.__version__}
    for module in ("lassofast", "scipy", "sklearn", "celer", "skglm", "glmnet"):
        try:
            versions[module] = __import__(module).__version__
        except (ImportError, AttributeError):
            versions[module] = None
    return {"command": "lassofast bench " + shlex.join(argv),
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": f"{_cpu_model()}, {os.cpu_count()} cores, {platform.system()}",
            # other work on the machine skews timings: worth knowing when reading them
            "load_average_at_start": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
            "threads": args.threads, "repeats": args.repeats, "timeout": args.timeout,
            "quick": args.quick, "seed": args.seed, "target": TARGET,
            "target_definition": "duality gap <= target * ||y||^2 / (2 n) at every alpha",
            "versions": versions, "git_revision": _git_revision()}


def main(argv=None):
    """``lassofast bench``: run, report and save the benchmark.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        The exit status (2 for an unknown problem or solver).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.repeats is None:
        args.repeats = 1 if args.quick else 3
    if args.timeout is None:
        args.timeout = QUICK_TIMEOUT if args.quick else DEFAULT_TIMEOUT
    if args.list:
        print(_listing())
        return 0
    try:
        check_names(args.problems, PROBLEMS, "problem")
        check_names(args.solvers, SOLVERS, "solver")
    except ValueError as exc:
        print(f"lassofast bench: error: {exc}", file=sys.stderr)
        return 2
    meta = _meta(args, argv)
    blocks = run_benchmark(args.problems, args.eps, args.solvers, quick=args.quick,
                           repeats=args.repeats, timeout=args.timeout, threads=args.threads,
                           seed=args.seed, progress=Progress())
    args.out.mkdir(parents=True, exist_ok=True)
    report.write_json(args.out / "results.json", blocks, meta)
    report.write_markdown(args.out / "results.md", blocks, meta)
    report.plot(args.out / "results.png", blocks, args.timeout)
    print("\nSummary (time in seconds):")
    print(report.format_summary(blocks))
    print(report.FOOTNOTE)
    print(f"Saved results.json, results.md and results.png in {args.out}/")
    return 0
