"""``lassofast geometry``: write the diamond-vs-circle figure of :mod:`lassofast.geometry_figure`."""
import math
import os

from ._common import UsageError, command_parser, positive_int, run_command

__all__ = ["main"]


def _parser():
    parser = command_parser(
        "geometry",
        description="Draw the L1 diamond and the L2 circle with the loss contours of two demo features "
                    "and the point where the contours first touch each region.")
    parser.add_argument("--out", default="geometry.png", help="PNG file to write (default: geometry.png)")
    parser.add_argument("--features", nargs=2, default=("x1", "x2"), metavar=("A", "B"),
                        help="two demo features (x1..x6) for the axes (default: x1 x2)")
    parser.add_argument("--radius", type=float, default=1.0, help="the budget t (default: 1.0)")
    parser.add_argument("--dpi", type=positive_int, default=150, help="resolution (default: 150)")
    return parser


def _run(args):
    if not math.isfinite(args.radius) or args.radius <= 0:
        raise UsageError(f"--radius must be a positive number, got {args.radius}.")
    folder = os.path.dirname(os.path.abspath(args.out))
    if not os.path.isdir(folder):
        raise OSError(f"the folder {folder} does not exist; create it or choose another --out.")
    try:
        from ..geometry_figure import draw
        draw(args.out, tuple(args.features), args.radius, args.dpi)
    except ImportError:
        raise ImportError("this command needs matplotlib: pip install matplotlib") from None
    except ValueError as exc:  # the feature names given on the command line
        raise UsageError(str(exc)) from None
    print(f"wrote {args.out}")
    return 0


def main(argv=None):
    """``lassofast geometry``: write the diamond-vs-circle figure.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        The exit status: 0 on success, 1 when the figure cannot be written, 2 for bad arguments.
    """
    return run_command("geometry", _run, _parser().parse_args(argv))
