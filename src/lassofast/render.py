"""``lassofast render``'s work: the Manim explainer scenes to MP4/GIF/PNG, a storyboard, and the course
package (the chained video with chapters, WebVTT captions, thumbnails and narration notes; see
:mod:`.course`). The command line is :mod:`lassofast.cli.render`.

Scenes are listed in :mod:`lassofast.animations` (``COURSE``, in course order) and rendered in-process
with Manim's Cairo renderer. Manim works in a temporary media folder; a finished file is written under
a temporary name and renamed into place (:mod:`lassofast._atomic`), so an interrupted render never
leaves a half-written video that looks done. Caching is off, so a re-render gives the same bytes.
"""
import difflib
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import course
from ._atomic import atomic_path
from .animations import COURSE, find
from .palette import INK, MUTED, SHEET_COLOR

__all__ = [
    "QUALITIES", "FORMATS", "COURSE_NAME", "NOTES_NAME", "THUMBNAIL_SUFFIX", "STORYBOARD_NAME",
    "MANIM_HINT", "LATEX_HINT", "RenderError", "check_requirements", "check_latex_works", "resolve_scenes", "scene_class",
    "build_scene", "render_scene", "render_many", "chain_videos", "package_course", "storyboard"
]

QUALITIES = {"low": (854, 480, 15), "medium": (1280, 720, 30), "high": (1920, 1080, 60),
             "4k": (3840, 2160, 60)}   # name -> (width, height, frames per second)
FORMATS = ("mp4", "gif", "png")
COURSE_NAME = "LassoCourse"
NOTES_NAME = "course.md"
THUMBNAIL_SUFFIX = ".thumbnail.png"
STORYBOARD_NAME = "storyboard.png"

MANIM_HINT = ("Manim is not installed. Install the animation extra: pip install 'lassofast[anim]' "
              "(building it needs the system packages libcairo2-dev libpango1.0-dev pkg-config).")
LATEX_HINT = ("install LaTeX for the formulas: sudo apt-get install texlive-latex-base "
              "texlive-latex-extra dvisvgm")


class RenderError(Exception):
    """A problem the user can fix; the command prints it as one line, without a traceback."""


# --- environment ------------------------------------------------------------------------------

def check_requirements():
    """Raise :class:`RenderError` naming what to install if Manim or LaTeX is missing."""
    try:
        import manim  # noqa: F401
    except ImportError:
        raise RenderError(MANIM_HINT) from None
    missing = [tool for tool in ("latex", "dvisvgm") if shutil.which(tool) is None]
    if missing:
        raise RenderError(f"LaTeX is missing ({' and '.join(missing)} not found on PATH): {LATEX_HINT}.")


def check_latex_works(media_dir):
    """Typeset one formula with Manim's template, so a missing LaTeX package fails here, clearly.

    Parameters
    ----------
    media_dir : str or path-like
        Manim's working folder for the formula.
    """
    import manim
    with manim.tempconfig(_manim_config("low", "mp4", media_dir)):
        try:
            manim.MathTex(r"\lambda \lVert w \rVert_1")
        except Exception as exc:  # Manim raises ValueError/OSError with a LaTeX log
            raise RenderError(f"LaTeX could not typeset a formula ({_first_line(exc)}): {LATEX_HINT}.") \
                from None


def _first_line(exc):
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _manim_config(quality, fmt, media_dir, progress=False):
    width, height, fps = QUALITIES[quality]
    settings = {"pixel_width": width, "pixel_height": height, "frame_rate": fps, "format": fmt,
                "media_dir": str(media_dir), "disable_caching": True, "verbosity": "ERROR",
                "progress_bar": "display" if progress else "none", "preview": False}
    return settings


# --- scenes -----------------------------------------------------------------------------------

def resolve_scenes(names):
    """SceneInfo for each name (course order kept for --all); unknown names raise with suggestions.

    Parameters
    ----------
    names : list of str
        Scene names.

    Returns
    -------
    list of SceneInfo
        The scenes.
    """
    infos, unknown = [], []
    for name in names:
        info = find(name)
        if info is None:
            unknown.append(name)
        elif info not in infos:
            infos.append(info)
    if unknown:
        known = [i.name for i in COURSE]
        hints = []
        for name in unknown:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            hints.append(f"{name!r}" + (f" (did you mean {close[0]}?)" if close else ""))
        raise RenderError(f"unknown scene {', '.join(hints)}. Known scenes: {', '.join(known)} "
                          f"(see 'lassofast render --list').")
    return infos


def scene_class(info):
    """Import a scene class from the installed ``lassofast.animations`` package.

    Parameters
    ----------
    info : lassofast.animations.SceneInfo
        The scene.

    Returns
    -------
    type
        The Manim scene class.
    """
    import importlib
    module = importlib.import_module(f"lassofast.animations.{info.module}")
    return getattr(module, info.name)


def build_scene(info, quality="low", capture_key_frames=False, media_dir=None):
    """Run a scene's construct() without writing any video (animations skipped to their ends).

    Returns the scene, whose ``drawn`` dict holds the numbers it put on screen and whose
    ``key_frames`` hold (time, label, image) — images only with ``capture_key_frames``. Used by the
    storyboard and by tests; it takes seconds where a full render takes minutes. ``media_dir``
    (default: a temporary folder) is where Manim keeps typeset formulas; scenes built one after the
    other may share one. It must not be shared between processes: Manim cleans it up while typesetting.

    Parameters
    ----------
    info : lassofast.animations.SceneInfo
        The scene.
    quality : str, default="low"
        A key of :data:`QUALITIES`.
    capture_key_frames : bool, default=False
        Keep the key frames' images.
    media_dir : str or path-like, optional
        Manim's folder for typeset formulas.

    Returns
    -------
    manim.Scene
        The built scene.
    """
    import manim
    with tempfile.TemporaryDirectory(prefix="lassofast-manim-") as own_dir:
        settings = _manim_config(quality, "mp4", media_dir or own_dir)
        settings.update(dry_run=True)
        with manim.tempconfig(settings):
            scene = scene_class(info)(skip_animations=True)
            scene.capture_key_frames = capture_key_frames
            scene.render()
    return scene


def render_scene(info, *, quality, fmt, out_dir, media_dir, progress=False, sidecars=False):
    """Render one scene to ``out_dir/<Scene>.<fmt>`` and return that path.

    mp4/gif: the whole video. png: the scene's last key frame (its conclusion; the very last frame
    is the fade-out). The file appears under its final name only once it is complete.
    ``sidecars`` (mp4): also write ``<Scene>.vtt`` (its captions with the times they are on screen,
    its title on the header line) and ``<Scene>.thumbnail.png`` (its last key frame).

    Parameters
    ----------
    info : lassofast.animations.SceneInfo
        The scene.
    quality : str
        A key of :data:`QUALITIES`.
    fmt : {"mp4", "gif", "png"}
        The output format.
    out_dir : str or path-like
        Where the file goes.
    media_dir : str or path-like
        Manim's working folder.
    progress : bool, default=False
        Show Manim's progress bars.
    sidecars : bool, default=False
        Also write the captions and the thumbnail (mp4).

    Returns
    -------
    pathlib.Path
        The file.
    """
    import manim
    final = Path(out_dir) / f"{info.name}.{fmt}"
    with atomic_path(final) as part:
        if fmt == "png":
            from PIL import Image
            image = build_scene(info, quality, True, media_dir).key_frames[-1][2]
            Image.fromarray(image).save(part, format="PNG")
        else:
            with manim.tempconfig(_manim_config(quality, fmt, media_dir, progress)):
                scene = scene_class(info)()
                scene.capture_key_frames = sidecars  # pictures taken between plays: no frame changes
                scene.render()
                produced = scene.output_plan.primary_artifact
            shutil.copyfile(produced, part)
            if sidecars:
                course.write_vtt(final.with_suffix(".vtt"), scene.captions, scene.title_text)
                _save_png(scene.key_frames[-1][2], final.with_name(final.stem + THUMBNAIL_SUFFIX))
    return final


def _save_png(image, path):
    """An RGB array as a PNG, under a temporary name renamed when complete."""
    from PIL import Image
    with atomic_path(path) as part:
        Image.fromarray(image).save(part, format="PNG")


def _render_one(args, media_dir=None):
    """One scene for :func:`render_many`, in ``media_dir`` or a fresh temporary one. Each process
    needs its own: Manim deletes intermediate LaTeX files in it while typesetting."""
    info, quality, fmt, out_dir, progress, sidecars = args
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lassofast-manim-") as own_dir:
        path = render_scene(info, quality=quality, fmt=fmt, out_dir=out_dir,
                            media_dir=media_dir or own_dir, progress=progress, sidecars=sidecars)
    return info, path, time.perf_counter() - start


def render_many(infos, *, quality, fmt, out_dir, jobs=1, say=print, isolate=True, sidecars=False):
    """Render scenes and return their paths in the given order (``sidecars``: see :func:`render_scene`).

    With ``isolate`` (the default) every scene renders in a fresh Python process, ``jobs`` at a
    time: Manim keeps state between scenes in one process that changes the pixels of later ones
    (fades came out different depending on what was rendered before), and a fresh process makes
    every render reproducible byte for byte. ``isolate=False`` renders in this process (tests use it
    for stand-in scenes).

    Parameters
    ----------
    infos : list of SceneInfo
        The scenes.
    quality : str
        A key of :data:`QUALITIES`.
    fmt : {"mp4", "gif", "png"}
        The output format.
    out_dir : str or path-like
        Where the files go.
    jobs : int, default=1
        Scenes rendered at a time.
    say : callable, default=print
        Called with progress messages.
    isolate : bool, default=True
        One fresh Python process per scene.
    sidecars : bool, default=False
        Captions and thumbnails too (see :func:`render_scene`).

    Returns
    -------
    list of pathlib.Path
        The files, in the given order.
    """
    tasks = [(info, quality, fmt, out_dir, jobs == 1 and sys.stderr.isatty(), sidecars) for info in infos]
    done = {}

    def report(result):
        info, path, seconds = result
        done[info.name] = path
        say(f"[{len(done)}/{len(infos)}] {info.name} done in {seconds:.1f} s: {path}")

    say(f"rendering {len(infos)} scene(s) at {quality} quality as {fmt}"
        + (f", {jobs} at a time" if jobs > 1 else "") + " ...")
    if not isolate:
        with tempfile.TemporaryDirectory(prefix="lassofast-manim-") as media_dir:  # shared typesetting
            for task in tasks:
                report(_render_one(task, media_dir))
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed
        context = multiprocessing.get_context("spawn")  # a fresh interpreter, nothing inherited
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, max_tasks_per_child=1) as pool:
            for future in as_completed([pool.submit(_render_one, task) for task in tasks]):
                report(future.result())
    return [done[info.name] for info in infos]


# --- course and storyboard ---------------------------------------------------------------------

def chain_videos(paths, out_path, titles=None):
    """Concatenate MP4s of identical encoding into one (packets copied, timestamps shifted) and
    return the start of each part in seconds. ``titles``: one chapter marker per part, so titled.

    Parameters
    ----------
    paths : list of str or path-like
        The parts, in order.
    out_path : str or path-like
        The course video.
    titles : list of str, optional
        One chapter title per part.

    Returns
    -------
    list of float
        Each part's start, seconds.
    """
    import av
    starts = []
    with atomic_path(out_path) as part:
        with av.open(str(part), "w", format="mp4") as out:
            stream, offset = None, 0
            for path in paths:
                starts.append(offset)
                with av.open(str(path)) as src:
                    in_stream = src.streams.video[0]
                    if stream is None:
                        stream = out.add_stream_from_template(in_stream)
                    last = 0
                    for packet in src.demux(in_stream):
                        if packet.dts is None:
                            continue
                        packet.pts += offset
                        packet.dts += offset
                        last = max(last, packet.pts + packet.duration)
                        packet.stream = stream
                        out.mux(packet)
                    offset = last
            if titles is not None:
                bounds = starts + [offset]
                out.set_chapters([{"id": i + 1, "start": bounds[i], "end": bounds[i + 1],
                                   "time_base": stream.time_base, "metadata": {"title": title}}
                                  for i, title in enumerate(titles)])
            seconds = [float(s * stream.time_base) for s in starts]
    return seconds


def package_course(paths, out_dir):
    """The course around scene videos rendered with sidecars, in the given order:
    ``LassoCourse.mp4`` with one titled chapter per scene, ``LassoCourse.vtt`` (every scene's
    captions, shifted to its start) and ``course.md`` (the narration notes). Returns the three paths.

    Parameters
    ----------
    paths : list of str or path-like
        Scene videos rendered with sidecars, in course order.
    out_dir : str or path-like
        Where the course files go.

    Returns
    -------
    tuple of pathlib.Path
        The video, the captions and the notes.
    """
    out_dir = Path(out_dir)
    scenes = []
    for n, path in enumerate(paths, 1):
        title, cues = course.read_vtt(Path(path).with_suffix(".vtt"))
        info = find(Path(path).stem)
        scenes.append({"number": n, "name": info.name, "title": title or info.name,
                       "summary": info.summary, "cues": cues,
                       "thumbnail": info.name + THUMBNAIL_SUFFIX})
    video = out_dir / f"{COURSE_NAME}.mp4"
    starts = chain_videos(paths, video, titles=[f"{s['number']}. {s['title']}" for s in scenes])
    total = _seconds(video)
    for s, start, end in zip(scenes, starts, starts[1:] + [total]):
        s.update(start=start, duration=end - start)
    captions = course.write_vtt(out_dir / f"{COURSE_NAME}.vtt",
                                [c for s in scenes for c in course.shifted(s["cues"], s["start"])],
                                "The lasso course")
    notes = course.write_text(out_dir / NOTES_NAME,
                              course.notes(scenes, total, video.name, captions.name))
    return video, captions, notes


def _seconds(path):
    """A video's length: the end of its last frame."""
    import av
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        end = max(p.pts + p.duration for p in c.demux(stream) if p.pts is not None)
        return float(end * stream.time_base)


def storyboard(infos, out_path, quality="low", progress=None):
    """A PNG contact sheet: one row per scene (title and summary above), its key frames left to right,
    each with its time and what it shows underneath.

    Parameters
    ----------
    infos : list of SceneInfo
        The scenes.
    out_path : str or path-like
        The PNG file.
    quality : str, default="low"
        A key of :data:`QUALITIES`.
    progress : callable, optional
        Called with a message per scene.

    Returns
    -------
    pathlib.Path
        ``out_path``.
    """
    from PIL import Image, ImageDraw
    thumb_w, thumb_h, pad, head, foot = 480, 270, 14, 34, 26
    rows = []
    with tempfile.TemporaryDirectory(prefix="lassofast-manim-") as media_dir:
        for i, info in enumerate(infos):
            if progress:
                progress(f"[{i + 1}/{len(infos)}] key frames of {info.name}")
            scene = build_scene(info, quality, capture_key_frames=True, media_dir=media_dir)
            rows.append((info, [(t, label, Image.fromarray(img).resize((thumb_w, thumb_h), Image.LANCZOS))
                                for t, label, img in scene.key_frames]))
    cols = max(len(frames) for _, frames in rows)
    row_h = head + thumb_h + foot + pad
    sheet = Image.new("RGB", (pad + cols * (thumb_w + pad), pad + len(rows) * row_h), SHEET_COLOR)
    draw = ImageDraw.Draw(sheet)
    font, small = _font(20), _font(15)
    for r, (info, frames) in enumerate(rows):
        y = pad + r * row_h
        number = [i.name for i in COURSE].index(info.name) + 1
        draw.text((pad, y + 6), f"{number}. {info.name} - {info.summary}", font=font, fill=INK)
        for c, (t, label, image) in enumerate(frames):
            x = pad + c * (thumb_w + pad)
            sheet.paste(image, (x, y + head))
            draw.text((x + 2, y + head + thumb_h + 5), f"{t:4.1f} s   {label}", font=small,
                      fill=MUTED)
    with atomic_path(out_path) as part:
        sheet.save(part, format="PNG")
    return Path(out_path)


def _font(size):
    """DejaVu Sans (the videos' font, with Greek letters) if Pillow can find it, else its default."""
    from PIL import ImageFont
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)
