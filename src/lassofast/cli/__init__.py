"""The ``lassofast`` command. Every sub-command is a module of this package (``main(argv) -> int``),
except ``bench``, whose command line lives with the benchmark it drives (:mod:`lassofast.bench.cli`).

Exit status, the same everywhere (see :mod:`lassofast.cli._common`): 0 done, 1 the command could not
do it, 2 a usage error, 130 interrupted. ``lassofast --version`` and ``lassofast COMMAND --version``
print the version.
"""
import importlib
import sys

from .._version import __version__
from ._common import EXIT_OK, EXIT_USAGE

__all__ = ["COMMANDS", "main"]

# name -> (module, one-line help). Modules are imported only when their command runs.
COMMANDS = {
    "demo": ("lassofast.cli.demo", "compute and print the demo data set's lasso path (and render the explainers)"),
    "path": ("lassofast.cli.path", "fit a path to a CSV file, print a table, optionally save a plot"),
    "render": ("lassofast.cli.render", "render the Manim explainer videos (see 'lassofast render --list')"),
    "bench": ("lassofast.bench", "benchmark lassofast against NumPy and other Lasso solvers"),
    "geometry": ("lassofast.cli.geometry", "draw the diamond, the loss contours and the contact point"),
    "explore": ("lassofast.cli.explore", "write the interactive explorer: one offline HTML page (drag λ)"),
}


def _usage():
    lines = ["usage: lassofast [--version] COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<10} {help_}" for name, (_, help_) in COMMANDS.items()]
    lines += ["", "Run 'lassofast COMMAND --help' for a command's options."]
    return "\n".join(lines)


def main(argv=None):
    """``lassofast COMMAND ...``: run one of :data:`COMMANDS`.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        The exit status: 0 on success, 2 for a usage error, the command's own otherwise.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help"):
        print(_usage())
        return EXIT_OK
    if argv and argv[0] in ("-V", "--version"):
        print(f"lassofast {__version__}")
        return EXIT_OK
    if not argv:  # no command is a usage error, as argparse treats a missing required argument
        print(f"lassofast: error: name a command.\n\n{_usage()}", file=sys.stderr)
        return EXIT_USAGE
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"lassofast: error: unknown command {name!r}.\n\n{_usage()}", file=sys.stderr)
        return EXIT_USAGE
    module = importlib.import_module(COMMANDS[name][0])
    try:
        return int(module.main(rest) or EXIT_OK)
    except SystemExit as exc:  # argparse's usage errors (2) and --help/--version (0) as a status
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
