"""The course package around the rendered scenes: WebVTT captions, chapter titles and narration notes.

Captions are the scenes' own ``say(...)`` calls, recorded with the times they are on screen in the
video's clock (``LessonMixin.captions``): a scene's ``SCENE.vtt`` is written from them when the scene
is rendered, and everything course-wide (``LassoCourse.vtt``, the MP4 chapters, ``course.md``) is
read back from those files, so there is one source for every caption and title.
"""
import re
from pathlib import Path

from ._atomic import write_text_atomic

__all__ = ["timestamp", "clock", "vtt_text", "write_text", "write_vtt", "read_vtt", "shifted", "notes"]

_STAMP = re.compile(r"^(\d+):(\d{2}):(\d{2})\.(\d{3})$")


def timestamp(seconds):
    """WebVTT time ``HH:MM:SS.mmm`` (rounded to the millisecond).

    Parameters
    ----------
    seconds : float
        A time.

    Returns
    -------
    str
        The stamp.
    """
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def clock(seconds):
    """``m:ss`` for people (course.md).

    Parameters
    ----------
    seconds : float
        A duration.

    Returns
    -------
    str
        The clock text.
    """
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def _escape(text):
    # The cue payload is HTML-like: &, < and > must be escaped, and "-->" would end the timing line.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unescape(text):
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def vtt_text(cues, title=None):
    """A WebVTT document: the title on the header line (allowed by the format), one numbered cue per
    (start, end, text).

    Parameters
    ----------
    cues : list of (float, float, str)
        (start, end, text) in seconds.
    title : str, optional
        The header line's title.

    Returns
    -------
    str
        The document.
    """
    lines = ["WEBVTT" + (f" - {title}" if title else ""), ""]
    for n, (start, end, text) in enumerate(cues, 1):
        lines += [str(n), f"{timestamp(start)} --> {timestamp(end)}", _escape(text), ""]
    return "\n".join(lines)


def write_text(path, text):
    """Write a text file under a temporary name and rename it when complete.

    Parameters
    ----------
    path : str or path-like
        The file.
    text : str
        Its content (UTF-8).

    Returns
    -------
    pathlib.Path
        The file.
    """
    return write_text_atomic(path, text)


def write_vtt(path, cues, title=None):
    """Write :func:`vtt_text` of ``cues`` to ``path`` (atomically).

    Parameters
    ----------
    path : str or path-like
        The file.
    cues : list of (float, float, str)
        (start, end, text) in seconds.
    title : str, optional
        The header line's title.

    Returns
    -------
    pathlib.Path
        The file.
    """
    return write_text(path, vtt_text(cues, title))


def read_vtt(path):
    """(title or None, [(start, end, text)]) of a file written by :func:`write_vtt`.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    title : str or None
        The header line's title.
    cues : list of (float, float, str)
        The cues.
    """
    blocks = Path(path).read_text(encoding="utf-8").split("\n\n")
    header = blocks[0].splitlines()[0]
    if not header.startswith("WEBVTT"):
        raise ValueError(f"{path} is not a WebVTT file (its first line is {header!r}).")
    title = header[len("WEBVTT - "):] if header.startswith("WEBVTT - ") else None
    cues = []
    for block in blocks[1:]:
        lines = [line for line in block.splitlines() if line]
        if not lines:
            continue
        if "-->" not in lines[0]:
            lines = lines[1:]  # the cue number
        start, end = (_seconds(part.strip()) for part in lines[0].split("-->"))
        cues.append((start, end, _unescape("\n".join(lines[1:]))))
    return title, cues


def _seconds(stamp):
    match = _STAMP.match(stamp)
    if not match:
        raise ValueError(f"bad WebVTT timestamp {stamp!r}")
    h, m, s, ms = (int(g) for g in match.groups())
    return 3600 * h + 60 * m + s + ms / 1000


def shifted(cues, offset):
    """The cues moved later by ``offset`` seconds.

    Parameters
    ----------
    cues : list of (float, float, str)
        (start, end, text) in seconds.
    offset : float
        Seconds to add.

    Returns
    -------
    list of (float, float, str)
        The moved cues.
    """
    return [(start + offset, end + offset, text) for start, end, text in cues]


def notes(scenes, total, video_name, captions_name):
    """``course.md``: per scene its title, place and length in the course video, what it shows and
    its captions as a narration script. ``scenes`` holds dicts with number, name, title, summary,
    start, duration, cues (scene-local times) and thumbnail (a file name).

    Parameters
    ----------
    scenes : list of dict
        The scenes (see above).
    total : float
        The course video's length, seconds.
    video_name : str
        Its file name.
    captions_name : str
        The course captions' file name.

    Returns
    -------
    str
        The Markdown text.
    """
    out = [f"# The lasso, in {len(scenes)} scenes", "",
           f"Video: `{video_name}` ({clock(total)}, one chapter per scene). Captions: `{captions_name}` "
           f"(one `SCENE.vtt` per scene too). Every number on screen is computed by lassofast.", "",
           "Each scene below gives its narration: the on-screen captions, in order, with the time they "
           "appear in the scene. Read them over the video, or use them as speaker notes.", ""]
    for s in scenes:
        out += [f"## {s['number']}. {s['title']}", "",
                f"`{s['name']}` · {clock(s['duration'])} · starts at {clock(s['start'])} in the course "
                f"video", "",
                f"![{s['title']}]({s['thumbnail']})", "",
                f"**What it shows:** {s['summary']}.", "", "**Narration:**", ""]
        out += [f"- [{clock(start)}] {text}" for start, _, text in s["cues"]]
        out.append("")
    return "\n".join(out)
