"""The ``lassofast`` command: each sub-command lives in its own module as ``main(argv) -> int``."""
import importlib
import sys

__all__ = ["COMMANDS", "main"]

# name -> (module, one-line help). Modules are imported only when their command runs.
COMMANDS = {
    "demo": ("lassofast.demo", "compute and print the demo data set's lasso path (and render the explainers)"),
    "path": ("lassofast.path_cli", "fit a path to a CSV file, print a table, optionally save a plot"),
    "render": ("lassofast.render", "render the Manim explainer videos (see 'lassofast render --list')"),
    "bench": ("lassofast.bench", "benchmark lassofast against NumPy and other Lasso solvers"),
    "geometry": ("lassofast.geometry_figure", "draw the diamond, the loss contours and the contact point"),
    "explore": ("lassofast.explorer.cli", "write the interactive explorer: one offline HTML page (drag λ)"),
}


def _usage():
    lines = ["usage: lassofast COMMAND [options]", "", "commands:"]
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
    if not argv or argv[0] in ("-h", "--help"):
        print(_usage())
        return 0
    if argv[0] in ("-V", "--version"):
        from . import __version__
        print(f"lassofast {__version__}")
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"lassofast: unknown command {name!r}.\n\n{_usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    return int(module.main(rest) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
