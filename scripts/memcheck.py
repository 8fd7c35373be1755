#!/usr/bin/env python
"""Run the kernel tests under valgrind memcheck (default) or AddressSanitizer, and fail on any invalid
memory access in lassofast's compiled kernel.

    .venv/bin/python scripts/memcheck.py                     # valgrind, the default kernel test set
    .venv/bin/python scripts/memcheck.py --tool asan         # build an ASan copy of _cd in a temp dir
    .venv/bin/python scripts/memcheck.py -- tests/test_path.py -k gram   # your own pytest selection

valgrind sees every access, including those BLAS makes through the pointers the kernel passes it;
it runs the extensions as installed (so rebuild them first if a .pyx changed). ASan instruments only
the kernel's own code, but is ~10x faster: the script compiles src/lassofast/*.pyx with
-fsanitize=address into a temporary copy of the package and preloads libasan.

The verdict: FAIL if any error report has a frame in the extension (its .so, or Cython's mangled
``9lassofast_3_cd`` symbols), or if there is an invalid read/write/free anywhere outside the known
benign over-reads of glibc's vectorised string functions and the dynamic loader. Exit status 0 means "zero invalid reads or
writes". Logs are kept in the printed directory.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_TESTS = ["tests/test_edge_cases.py", "tests/test_fuzz.py", "tests/test_properties.py", "tests/test_path.py",
                "tests/test_sparse.py", "tests/test_active_set.py", "tests/test_newton_factor.py",
                "tests/test_over_relaxation.py", "tests/test_sparse_newton.py", "tests/test_newton_first.py",
                "tests/test_newton_float32.py",
                "tests/test_concurrency.py::test_threads_give_results_identical_to_sequential_fits"]
# Frames in lassofast's extension: its file, or Cython's mangled names for the module lassofast._cd.
OURS = re.compile(r"lassofast/_(cd|accel|qr)\.cpython|9lassofast_(3_cd|6_accel|3_qr)|lassofast\._(cd|accel|qr)")
INVALID = re.compile(r"Invalid (read|write|free)|Mismatched free|Source and destination overlap")
# glibc's SIMD string/memory routines read whole words past a terminator; ld.so does the same while
# loading libraries; CPython compares unicode with them. Not bugs, and not in our code.
BENIGN = re.compile(r"(strncmp|strcmp|strlen|memcmp|wmemcmp|__wmemcmp_avx2_movbe|memchr|strchr)\S* \(|"
                    r"\(dl-load\.c|\(dl-open\.c|ld-linux")


def _env(extra_pythonpath=None):
    env = dict(os.environ)
    env["PYTHONMALLOC"] = "malloc"       # each Python allocation is a malloc block the tools can bound
    env["OPENBLAS_NUM_THREADS"] = "1"    # one thread: reproducible, and much faster under valgrind
    env.setdefault("LASSOFAST_FUZZ_EXAMPLES", "40")
    if extra_pythonpath:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (extra_pythonpath, env.get("PYTHONPATH")) if p)
    return env


def _pytest_cmd(pytest_args):
    default = [t for t in KERNEL_TESTS if os.path.exists(os.path.join(ROOT, t.split("::")[0]))]
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *(pytest_args or default)]


def _error_blocks(text, start):
    """Split a tool's log into error reports: each starts at a line matching ``start``."""
    blocks, current = [], None
    for line in text.splitlines():
        if start.search(line):
            current = [line]
            blocks.append(current)
        elif current is not None:
            if re.match(r"^==\d+==\s*$", line) or not line.strip():
                current = None
            else:
                current.append(line)
    return ["\n".join(b) for b in blocks]


def _verdict(blocks):
    ours = [b for b in blocks if OURS.search(b)]
    invalid = [b for b in blocks if INVALID.search(b.splitlines()[0])]
    foreign_invalid = [b for b in invalid if not OURS.search(b) and not BENIGN.search(b)]
    return ours, invalid, foreign_invalid


def run_valgrind(pytest_args, logdir, src=None):
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind), or use --tool asan.")
    log = os.path.join(logdir, "memcheck.%p.log")
    cmd = ["valgrind", "--tool=memcheck", "--error-limit=no", "--num-callers=30",
           f"--log-file={log}", *_pytest_cmd(pytest_args)]
    print("running:", " ".join(cmd), flush=True)
    tests = subprocess.run(cmd, cwd=ROOT, env=_env())
    text = "\n".join(open(f).read() for f in sorted(glob.glob(os.path.join(logdir, "memcheck.*.log"))))
    blocks = _error_blocks(text, re.compile(r"^==\d+== (Invalid|Mismatched|Conditional|Use of|Syscall|"
                                            r"Source and|Argument|Uninitialised)"))
    summary = re.findall(r"ERROR SUMMARY: .*", text)
    return tests.returncode, blocks, summary


def _build_asan_copy(workdir, src):
    """Copy the lassofast package under ``src`` to workdir and compile its kernels there with ASan."""
    pkg = os.path.join(workdir, "src", "lassofast")
    shutil.copytree(os.path.join(src, "lassofast"), pkg,
                    ignore=shutil.ignore_patterns("*.so", "*.c", "__pycache__"))
    subprocess.run([sys.executable, "-c", _ASAN_BUILD], cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(workdir, "src")


# setup.py's Cython directives (no bounds checks: exactly what ships), plus ASan and debug info.
_ASAN_BUILD = (
    "import numpy as np\n"
    "from Cython.Build import cythonize\n"
    "from setuptools import Extension, setup\n"
    "flags = ['-O1', '-g', '-fsanitize=address', '-fno-omit-frame-pointer']\n"
    "import glob, os\n"
    "exts = [Extension('lassofast.' + os.path.basename(f)[:-4], [f], include_dirs=[np.get_include()],\n"
    "                  extra_compile_args=flags, extra_link_args=['-fsanitize=address'],\n"
    "                  define_macros=[('NPY_NO_DEPRECATED_API', 'NPY_1_9_API_VERSION')])\n"
    "        for f in sorted(glob.glob('src/lassofast/*.pyx'))]\n"
    "setup(ext_modules=cythonize(exts, quiet=True, compiler_directives={'language_level': 3,\n"
    "      'boundscheck': False, 'wraparound': False, 'cdivision': True, 'initializedcheck': False}),\n"
    "      script_args=['build_ext', '--inplace', '-q'], package_dir={'': 'src'})\n")


def run_asan(pytest_args, logdir, src):
    cc = sysconfig.get_config_var("CC") or "gcc"
    libasan = subprocess.run([cc.split()[0], "-print-file-name=libasan.so"], capture_output=True,
                             text=True).stdout.strip()
    if not os.path.isabs(libasan):
        sys.exit("libasan.so not found; install gcc's AddressSanitizer runtime (libasan).")
    env = _env(extra_pythonpath=_build_asan_copy(logdir, src))  # shadows the installed package with the instrumented copy
    env["LD_PRELOAD"] = libasan
    # CPython and numpy keep memory until exit by design: leaks are not what we look for here.
    env["ASAN_OPTIONS"] = f"detect_leaks=0:halt_on_error=0:log_path={os.path.join(logdir, 'asan')}"
    cmd = _pytest_cmd(pytest_args)
    print("running (ASan):", " ".join(cmd), flush=True)
    tests = subprocess.run(cmd, cwd=ROOT, env=env)
    text = "\n".join(open(f).read() for f in sorted(glob.glob(os.path.join(logdir, "asan*"))))
    blocks = [b for b in re.split(r"(?m)^=+\n(?===\d+==ERROR)", text) if "ERROR: AddressSanitizer" in b]
    summary = re.findall(r"SUMMARY: AddressSanitizer: .*", text) or ["no AddressSanitizer reports"]
    return tests.returncode, blocks, summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", choices=["valgrind", "asan"], default="valgrind")
    parser.add_argument("--keep-logs", metavar="DIR", help="write logs here instead of a temp dir")
    parser.add_argument("--src", default=os.path.join(ROOT, "src"),
                        help="asan: the source tree whose lassofast package is built (default: src/); "
                             "valgrind runs whatever `import lassofast` finds (set PYTHONPATH to choose)")
    parser.add_argument("pytest_args", nargs="*", help="after --: pytest arguments (default: kernel tests)")
    args = parser.parse_args(argv)
    logdir = args.keep_logs or tempfile.mkdtemp(prefix=f"lassofast-{args.tool}-")
    os.makedirs(logdir, exist_ok=True)
    start = time.monotonic()
    run = run_valgrind if args.tool == "valgrind" else run_asan
    tests_rc, blocks, summary = run(args.pytest_args, logdir, args.src)
    if args.tool == "asan":  # every ASan report is an invalid access
        ours = [b for b in blocks if OURS.search(b)]
        invalid, foreign_invalid = blocks, [b for b in blocks if not OURS.search(b)]
    else:
        ours, invalid, foreign_invalid = _verdict(blocks)
    print(f"\n{args.tool}: {len(blocks)} error reports in {time.monotonic() - start:.0f} s "
          f"({'; '.join(summary[:3])}); logs in {logdir}")
    print(f"  in lassofast's kernel:                   {len(ours)}")
    print(f"  invalid reads/writes/frees, all:         {len(invalid)}")
    print(f"  invalid accesses not known to be benign: {len(foreign_invalid)}")
    for block in (ours + foreign_invalid)[:5]:
        print("\n" + block)
    print(f"  pytest exit status under {args.tool}: {tests_rc} (test failures are reported by pytest above)")
    failed = bool(ours or foreign_invalid)
    print("\nFAIL: invalid memory access" if failed else "\nOK: zero invalid reads or writes in the kernel")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
