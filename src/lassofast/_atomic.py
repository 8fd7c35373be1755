"""Atomic file writes: a file appears under its final name only once it is complete.

The content goes to a temporary name in the same folder (``.NAME.<random>.part``), which is renamed
onto the final name with :func:`os.replace` (atomic on one file system, so never across folders). On
an error or an interruption the temporary file is removed and an earlier file of that name is left
as it was. Readers never see a half-written video, page or notes file.
"""
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "write_text_atomic"]


def _umask():
    mask = os.umask(0o022)  # os.umask can only be read by setting it: restore at once
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()   # what open() would give a new file (mkstemp makes it 0600)


@contextmanager
def atomic_path(path):
    """Yield a temporary path next to ``path``; when the block ends without error, rename it to ``path``.

    The caller writes the temporary path (by name: PIL, PyAV, shutil take names). If the block raises,
    the temporary file is deleted and ``path`` is untouched.

    Parameters
    ----------
    path : str or path-like
        The final file.

    Yields
    ------
    pathlib.Path
        The temporary file to write (it exists, empty, when the block starts).
    """
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    part = Path(name)
    try:
        yield part
        os.chmod(part, _FILE_MODE)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def write_text_atomic(path, text):
    """Write ``text`` (UTF-8) to ``path`` through :func:`atomic_path`.

    Parameters
    ----------
    path : str or path-like
        The file.
    text : str
        Its content.

    Returns
    -------
    pathlib.Path
        The file.
    """
    with atomic_path(path) as part:
        part.write_text(text, encoding="utf-8")
    return Path(path)
