"""What every ``lassofast`` command shares: its parser (with ``--version``), option types, exit codes.

Exit status, the same in every command: 0 done; 1 the command could not do it (a bad input file, an
output folder that cannot be written, a missing optional dependency); 2 a usage error (the command
line itself is wrong: argparse's own status, also for option values and combinations it cannot
check); 130 interrupted. Errors are one line, ``lassofast COMMAND: error: ...``, without a traceback.
"""
import argparse
import sys

from .._version import __version__

__all__ = ["EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_INTERRUPTED", "UsageError", "command_parser",
           "positive_int", "nonnegative_int", "run_command"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(ValueError):
    """The command line is wrong (an option's value, or options that do not go together): status 2."""


def command_parser(name, **kwargs):
    """An argparse parser for ``lassofast NAME`` that also answers ``--version``.

    Parameters
    ----------
    name : str
        The command (``prog`` becomes ``lassofast NAME``).
    **kwargs : dict
        Other arguments of ``argparse.ArgumentParser``.

    Returns
    -------
    argparse.ArgumentParser
        The parser.
    """
    parser = argparse.ArgumentParser(prog=f"lassofast {name}", **kwargs)
    parser.add_argument("-V", "--version", action="version", version=f"lassofast {__version__}")
    return parser


def _count(text, low):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < low:
        raise argparse.ArgumentTypeError(f"must be at least {low}, got {value}")
    return value


def positive_int(text):
    """argparse type: a whole number ≥ 1 (a bad one is a usage error, status 2).

    Parameters
    ----------
    text : str
        The option's value.

    Returns
    -------
    int
        The number.
    """
    return _count(text, 1)


def nonnegative_int(text):
    """argparse type: a whole number ≥ 0 (a bad one is a usage error, status 2).

    Parameters
    ----------
    text : str
        The option's value.

    Returns
    -------
    int
        The number.
    """
    return _count(text, 0)


def run_command(name, body, args, failures=(OSError, ValueError, ImportError)):
    """Run ``body(args)`` and turn the errors a user can fix into one line and an exit status.

    Parameters
    ----------
    name : str
        The command, for the message.
    body : callable
        args -> exit status.
    args : argparse.Namespace
        The parsed arguments.
    failures : tuple of type, default=(OSError, ValueError, ImportError)
        Errors reported as status 1 (:class:`UsageError` is always status 2).

    Returns
    -------
    int
        The exit status.
    """
    try:
        return int(body(args) or EXIT_OK)
    except UsageError as exc:
        print(f"lassofast {name}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except failures as exc:
        print(f"lassofast {name}: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
