"""Progress display while the benchmark runs: a live status line on a terminal, plain lines otherwise."""
import sys
import threading
import time

from .report import format_text


class Progress:
    def __init__(self, stream=None, table_stream=None):
        self.stream = stream or sys.stderr
        self.table_stream = table_stream or sys.stdout
        self.live = self.stream.isatty()
        self._status, self._since = "", time.monotonic()
        self._lock = threading.Lock()
        self._ticker = None
        self._runs = 0

    def _prefix(self, task):
        return f"[{task['index']}/{task['total']}] {task['problem']} ε={task['eps']:g} {task['solver']}"

    def _show(self):
        with self._lock:
            elapsed = time.monotonic() - self._since
            self.stream.write(f"\r\033[K{self._status} {elapsed:5.1f} s")
            self.stream.flush()

    def _tick(self, stop):
        while not stop.wait(0.5):
            self._show()

    def started(self, task):
        self._status, self._since = f"{self._prefix(task)}: starting", time.monotonic()
        if self.live:
            stop = threading.Event()
            self._ticker = (stop, threading.Thread(target=self._tick, args=(stop,), daemon=True))
            self._ticker[1].start()

    def event(self, task, event):
        if event["event"] in ("ready", "run"):
            self._runs = 0 if event["event"] == "ready" else self._runs + 1
            self._status, self._since = f"{self._prefix(task)}: run {self._runs + 1}", time.monotonic()

    def finished(self, task, result):
        if self._ticker is not None:
            self._ticker[0].set()
            self._ticker[1].join()
            self._ticker = None
        best = result.get("time")
        outcome = f"{best:.3g} s" if best is not None else result["status"]
        line = f"{self._prefix(task)}: {outcome}"
        self.stream.write(("\r\033[K" if self.live else "") + line + "\n")
        self.stream.flush()

    def block(self, block):
        """A (problem, ε) block is complete and verified: print its table."""
        self.table_stream.write("\n" + format_text(block) + "\n\n")
        self.table_stream.flush()
