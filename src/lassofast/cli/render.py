"""``lassofast render``: the command line of :mod:`lassofast.render` (the explainer videos, the
storyboard and the course package).

Exit status: 0 done; 1 Manim or LaTeX missing, or an output folder that cannot be written; 2 a usage
error (an unknown scene, quality or format, options that do not go together); 130 interrupted.
"""
import sys
import tempfile
import time
from pathlib import Path

from .. import render
from ..animations import COURSE
from ._common import EXIT_INTERRUPTED, EXIT_OK, UsageError, command_parser, run_command

__all__ = ["main"]


def _parser():
    p = command_parser(
        "render",
        description="Render the Manim explainer videos. Every number on screen comes from lassofast.",
        epilog="Examples: lassofast render --list | lassofast render CoefficientSnapping "
               "--quality medium | lassofast render --all --course | lassofast render --storyboard")
    p.add_argument("scenes", nargs="*", metavar="SCENE", help="scene names (see --list)")
    p.add_argument("--all", action="store_true", help="render every scene, in course order")
    p.add_argument("--list", action="store_true", help="list the scenes with one-line descriptions")
    p.add_argument("--quality", default="low", metavar="|".join(render.QUALITIES),
                   help="low = 480p15, medium = 720p30, high = 1080p60, 4k = 2160p60 (default: low)")
    p.add_argument("--format", default="mp4", metavar="|".join(render.FORMATS),
                   help="mp4 video, gif, or png of the scene's final key frame (default: mp4)")
    p.add_argument("--out", default="out/videos", metavar="DIR",
                   help="folder for the files (default: out/videos)")
    p.add_argument("--course", action="store_true",
                   help=f"also chain the rendered scenes into one {render.COURSE_NAME}.mp4 (course order, "
                        f"one chapter per scene) and write {render.COURSE_NAME}.vtt and SCENE.vtt captions, "
                        f"SCENE{render.THUMBNAIL_SUFFIX} thumbnails and {render.NOTES_NAME} (narration notes)")
    p.add_argument("--notes", action="store_true",
                   help=f"accepted for clarity: --course always writes {render.NOTES_NAME}")
    p.add_argument("--storyboard", action="store_true",
                   help=f"write {render.STORYBOARD_NAME}, a contact sheet of key frames, instead of videos")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="render N scenes at a time in separate processes (default: 1)")
    return p


def _list_scenes():
    width = max(len(i.name) for i in COURSE)
    lines = [f"{n:>2}. {i.name:<{width}}  {i.summary} ({i.duration[0]}-{i.duration[1]} s)"
             for n, i in enumerate(COURSE, 1)]
    return "\n".join(lines)


def _output_dir(path):
    """Create ``path`` if needed and prove it is writable; RenderError otherwise."""
    out = Path(path)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".lassofast-write-test-"):
            pass
    except OSError as exc:
        raise render.RenderError(f"cannot write to the output folder {str(out)!r} ({exc.strerror or exc}); "
                                 f"pick another with --out DIR.") from None
    return out


def _validate(args):
    if args.quality not in render.QUALITIES:
        raise UsageError(f"unknown quality {args.quality!r}; choose one of {', '.join(render.QUALITIES)}.")
    if args.format not in render.FORMATS:
        raise UsageError(f"unknown format {args.format!r}; choose one of {', '.join(render.FORMATS)}.")
    if args.all and args.scenes:
        raise UsageError("give scene names or --all, not both.")
    if args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}.")
    if args.course and args.format != "mp4":
        raise UsageError("--course chains MP4 videos; drop --format or use --format mp4.")
    if args.notes and not args.course:
        raise UsageError("--notes writes the course's narration notes: add --course.")
    if args.all or args.storyboard and not args.scenes:
        return list(COURSE)
    try:
        infos = render.resolve_scenes(args.scenes)
    except render.RenderError as exc:  # an unknown scene name is a usage error
        raise UsageError(str(exc)) from None
    if not infos:
        raise UsageError("name the scenes to render, or use --all (see 'lassofast render --list').")
    return infos


def _run(args):
    if args.list:
        print(_list_scenes())
        return EXIT_OK
    say = lambda msg: print(msg, flush=True)
    infos = _validate(args)
    render.check_requirements()
    out = _output_dir(args.out)
    with tempfile.TemporaryDirectory(prefix="lassofast-manim-") as media_dir:
        render.check_latex_works(media_dir)
    if args.storyboard:
        start = time.perf_counter()
        path = render.storyboard(infos, out / render.STORYBOARD_NAME, quality=args.quality, progress=say)
        say(f"storyboard ({time.perf_counter() - start:.1f} s): {path}")
        return EXIT_OK
    start = time.perf_counter()
    done = render.render_many(infos, quality=args.quality, fmt=args.format, out_dir=out, jobs=args.jobs,
                              say=say, sidecars=args.course)
    if args.course:
        order = sorted(done, key=lambda p: [i.name for i in COURSE].index(p.stem))
        video, captions, notes = render.package_course(order, out)
        say(f"course video: {video} (chapters), captions: {captions}, notes: {notes}")
    say(f"finished in {time.perf_counter() - start:.1f} s; videos in {out.resolve()}")
    return EXIT_OK


def main(argv=None):
    """``lassofast render``: render the explainer scenes (and the course).

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's).

    Returns
    -------
    int
        0 on success; 1 with a one-line message when Manim, LaTeX or the output folder is the problem;
        2 for a usage error; 130 when interrupted.
    """
    args = _parser().parse_args(argv)
    try:
        return run_command("render", _run, args, failures=(render.RenderError,))
    except KeyboardInterrupt:
        print("lassofast render: interrupted; no partial files were left behind.", file=sys.stderr)
        return EXIT_INTERRUPTED

