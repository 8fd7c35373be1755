"""Progress display while the benchmark runs: a live status line on a terminal, plain lines otherwise."""
import sys
import time

from .._progress import StatusLine, Ticker
from .report import format_text

__all__ = ["Progress"]


class Progress:
    """The runner's callbacks: a ticking "problem ε solver: run k  3.2 s" status while a solver runs (on
    a terminal only), one line per finished task, and each verified block's table on ``table_stream``.

    Parameters
    ----------
    stream : file-like, optional
        Status and task lines; ``sys.stderr`` by default.
    table_stream : file-like, optional
        The tables; ``sys.stdout`` by default.
    """

    def __init__(self, stream=None, table_stream=None):
        self._line = StatusLine(stream)
        self.stream = self._line.stream
        self.table_stream = table_stream or sys.stdout
        self._status, self._since = "", time.monotonic()
        self._ticker = None
        self._runs = 0

    def _prefix(self, task):
        return f"[{task['index']}/{task['total']}] {task['problem']} ε={task['eps']:g} {task['solver']}"

    def _show(self):
        # Off a terminal the status is not logged at all: the finished line says everything.
        if self._line.live:
            self._line.show(f"{self._status} {time.monotonic() - self._since:5.1f} s")

    def started(self, task):
        """A task starts (``task``: the runner's description of it).

        Parameters
        ----------
        task : dict
            The task's index, total, problem, eps and solver.
        """
        self._status, self._since = f"{self._prefix(task)}: starting", time.monotonic()
        if self._line.live:
            self._ticker = Ticker(self._show, 0.5)

    def event(self, task, event):
        """The solver's worker reported ``event`` (a dict with key "event") for ``task``.

        Parameters
        ----------
        task : dict
            The task.
        event : dict
            The worker's event.
        """
        if event["event"] in ("ready", "run"):
            self._runs = 0 if event["event"] == "ready" else self._runs + 1
            self._status, self._since = f"{self._prefix(task)}: run {self._runs + 1}", time.monotonic()

    def finished(self, task, result):
        """``task`` is done with ``result`` (its best time or its status).

        Parameters
        ----------
        task : dict
            The task.
        result : dict
            Its result (best time or status).
        """
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        best = result.get("time")
        outcome = f"{best:.3g} s" if best is not None else result["status"]
        self._line.write(f"{self._prefix(task)}: {outcome}")

    def block(self, block):
        """A (problem, ε) block is complete and verified: print its table.

        Parameters
        ----------
        block : dict
            The verified (problem, ε) block.
        """
        self.table_stream.write("\n" + format_text(block) + "\n\n")
        self.table_stream.flush()
