"""Progress on a stream (stderr by default): redrawn in place on a terminal, plain lines anywhere else.

A leaf module: it imports nothing from lassofast, so the path solver, the batch runner, the CLI and the
benchmark can all use it without importing each other. On a terminal a status line is redrawn with
``\\r`` and an erase-line code; in a file, a pipe or a CI log (``isatty()`` false) the same status is
written as ordinary lines, at most one every ``log_every`` seconds, so a log holds no carriage returns
and no flood of near-identical lines.
"""
import sys
import threading
import time

__all__ = ["StatusLine", "Ticker", "ProgressBar", "is_terminal"]

_ERASE = "\r\033[K"  # back to column 0, erase to the end of the line


def is_terminal(stream):
    """Whether ``stream`` is an interactive terminal (False for files, pipes and closed streams).

    Parameters
    ----------
    stream : file-like
        Any object with ``write``; ``isatty`` is optional.

    Returns
    -------
    bool
        True only when ``stream.isatty()`` says so.
    """
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed file
        return False


class StatusLine:
    """One line of transient status plus permanent lines, written the way the stream can show them.

    Parameters
    ----------
    stream : file-like, optional
        Where to write; ``sys.stderr`` (at construction) by default.
    log_every : float, default=2.0
        Off a terminal, the least number of seconds between two status lines written by :meth:`show`.
    """

    def __init__(self, stream=None, *, log_every=2.0):
        self.stream = sys.stderr if stream is None else stream
        self.live = is_terminal(self.stream)
        self.log_every = log_every
        self._lock = threading.Lock()
        self._logged_at = None
        self._open = False  # a redrawn status is on the terminal's current line

    def show(self, text, *, force=False):
        """Show ``text`` as the current status.

        Parameters
        ----------
        text : str
            The status, one line.
        force : bool, default=False
            Off a terminal, write it even if the last status line is younger than ``log_every``.
        """
        with self._lock:
            if self.live:
                self.stream.write(_ERASE + text)
                self._open = True
            else:
                now = time.monotonic()
                if not force and self._logged_at is not None and now - self._logged_at < self.log_every:
                    return
                self._logged_at = now
                self.stream.write(text + "\n")
            self.stream.flush()

    def write(self, text):
        """Write ``text`` as a permanent line (replacing the status on a terminal).

        Parameters
        ----------
        text : str
            The line, without its newline.
        """
        with self._lock:
            self.stream.write((_ERASE if self._open else "") + text + "\n")
            self._open = False
            self.stream.flush()


class Ticker:
    """Calls ``tick()`` every ``interval`` seconds from a daemon thread until :meth:`stop`.

    Parameters
    ----------
    tick : callable
        Called with no argument.
    interval : float
        Seconds between calls.
    """

    def __init__(self, tick, interval):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(tick, interval), daemon=True)
        self._thread.start()

    def _run(self, tick, interval):
        while not self._stop.wait(interval):
            tick()

    def stop(self):
        """Stop the calls and wait for the thread to end."""
        self._stop.set()
        self._thread.join()


class ProgressBar:
    """A progress bar: ``label [#######-------] 7/14    1.3 s`` (or ``label    1.3 s`` with no total).

    On a terminal it is redrawn in place (and, with ``live``, every ``interval`` seconds so the clock
    moves while the caller waits); elsewhere it is written as plain lines: the first state, then at most
    one line every ``log_every`` seconds, and always the final state when it is closed.

    Parameters
    ----------
    total : int or None
        Number of steps; None shows only the label and the elapsed time.
    label : str
        Text before the bar.
    stream : file-like, optional
        Where to draw; ``sys.stderr`` by default.
    width : int, default=28
        Characters in the bar.
    live : bool, default=False
        On a terminal, redraw from a background thread every ``interval`` seconds.
    interval : float, default=0.25
        Seconds between live redraws.
    log_every : float, default=2.0
        Off a terminal, the least number of seconds between two progress lines.
    """

    def __init__(self, total, label, *, stream=None, width=28, live=False, interval=0.25, log_every=2.0):
        self.total, self.label, self.width = total, label, width
        self.done = 0
        self._status = StatusLine(stream, log_every=log_every)
        self.stream = self._status.stream
        self._start = time.monotonic()
        self._ticker = Ticker(self._draw, interval) if live and self._status.live else None
        self._draw()

    def _line(self):
        elapsed = f"{time.monotonic() - self._start:6.1f} s"
        if not self.total:
            return f"{self.label} {elapsed}"
        filled = round(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} {elapsed}"

    def _draw(self):
        self._status.show(self._line())

    def update(self, n=1, label=None):
        """Count ``n`` more steps done.

        Parameters
        ----------
        n : int, default=1
            Steps just finished.
        label : str, optional
            A new label.
        """
        self.done += n
        if label is not None:
            self.label = label
        self._draw()

    def close(self):
        """Stop the live redraws and write the final state as a permanent line."""
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self._status.write(self._line())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
