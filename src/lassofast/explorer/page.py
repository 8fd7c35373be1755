"""The explorer page: the template, its CSS and JS (package data next to this module) and the data,
put together into one self-contained HTML file, and written atomically."""
import html
import json
import os
from importlib import resources
from pathlib import Path as FilePath

from .._atomic import write_text_atomic
from ..palette import PANEL_COLOR, TYPE_SCALE, as_dict, type_size

__all__ = ["render_html", "check_writable", "write_html"]

_CSS_VARS = {"bg": "BACKGROUND", "ink": "INK", "muted": "MUTED", "contact": "CONTACT_COLOR", "band": "BAND_COLOR"}


def _asset(name):
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def render_html(data, dataset="your data"):
    """The page as a string. ``data`` is :func:`lassofast.explorer.data.explorer_data`'s dict.

    Parameters
    ----------
    data : dict
        The page's data.
    dataset : str, default="your data"
        The data's one-line description.

    Returns
    -------
    str
        The HTML page.
    """
    palette = as_dict()
    css_vars = " ".join(f"--{var}: {palette[name]};" for var, name in _CSS_VARS.items())
    css_vars += f" --panel: {PANEL_COLOR};"
    css_vars += "".join(f" --fs-{role}: {type_size(role, 'page')}px;" for role in TYPE_SCALE)  # shared sizes
    # JSON inside <script>: "</" and "<!--" must not appear literally.
    payload = json.dumps(data, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")
    meta = data["meta"]
    out = _asset("template.html")
    for key, value in (("__PALETTE__", css_vars), ("__CSS__", _asset("explorer.css")),
                       ("__TITLE__", html.escape(meta["title"])), ("__VERSION__", html.escape(meta["version"])),
                       ("__DATASET__", html.escape(dataset)), ("__JS__", _asset("explorer.js"))):
        out = out.replace(key, value)
    return out.replace("__DATA__", payload)   # last: the data may contain any of the markers


def check_writable(out):
    """Raise OSError with a one-line reason if ``out`` cannot be written (before any computing).

    Parameters
    ----------
    out : str or path-like
        The file to be written.
    """
    target = FilePath(out)
    folder = target.resolve().parent
    if target.is_dir():
        raise OSError(f"cannot write {out}: it is a folder; give a file name such as {target / 'lasso.html'}.")
    if not folder.is_dir():
        raise OSError(f"cannot write {out}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise OSError(f"cannot write {out}: no permission to write in {folder}.")


def write_html(text, out):
    """Write ``text`` to ``out`` via a temporary file in the same folder and a rename, so an error or
    an interruption never leaves a partial page under the final name. Returns the absolute path.

    Parameters
    ----------
    text : str
        The page.
    out : str or path-like
        The file to write.

    Returns
    -------
    str
        Its absolute path.
    """
    check_writable(out)
    return str(write_text_atomic(FilePath(out).resolve(), text))
