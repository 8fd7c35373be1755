"""The progress display (lassofast._progress): redrawn in place on a terminal, plain lines elsewhere."""
import io
import sys
import time

import pytest

import lassofast
from lassofast._progress import ProgressBar, StatusLine, is_terminal
from lassofast._testing import Terminal
from lassofast.bench.progress import Progress

ERASE = "\r\033[K"


class _ClosedStream(io.StringIO):
    def isatty(self):
        raise ValueError("I/O operation on closed file")


def test_is_terminal_asks_the_stream():
    assert is_terminal(Terminal()) and not is_terminal(io.StringIO())
    assert not is_terminal(_ClosedStream()) and not is_terminal(object())


def test_on_a_terminal_the_bar_is_redrawn_in_place():
    stream = Terminal()
    with ProgressBar(4, "work", stream=stream, width=8) as bar:
        bar.update(2, label="w")
    text = stream.getvalue()
    frames = text.split(ERASE)[1:]
    assert frames[0].startswith("work [--------] 0/4") and "\n" not in frames[0]
    assert frames[1].startswith("w [####----] 2/4") and "\n" not in frames[1]
    assert frames[-1].startswith("w [####----] 2/4") and frames[-1].endswith("\n")
    assert text.count("\n") == 1


def test_off_a_terminal_the_bar_writes_plain_lines_and_always_the_last():
    stream = io.StringIO()
    with ProgressBar(100, "work", stream=stream, width=10, log_every=3600) as bar:
        for _ in range(100):
            bar.update()
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue() and "\033" not in stream.getvalue()
    assert len(lines) == 2  # the first state, then (throttled) only the final one
    assert lines[0].startswith("work [----------] 0/100") and lines[1].startswith("work [##########] 100/100")


def test_off_a_terminal_every_update_is_a_line_when_not_throttled():
    stream = io.StringIO()
    with ProgressBar(3, "w", stream=stream, log_every=0) as bar:
        bar.update()
        bar.update()
    counts = [line.split("] ")[1].split()[0] for line in stream.getvalue().splitlines()]
    assert counts == ["0/3", "1/3", "2/3", "2/3"]


def test_live_bar_ticks_on_a_terminal_until_closed():
    stream = Terminal()
    bar = ProgressBar(None, "fitting", stream=stream, live=True, interval=0.01)
    thread = bar._ticker._thread
    deadline = time.monotonic() + 5
    while stream.getvalue().count(ERASE) < 4 and time.monotonic() < deadline:
        thread.join(0.01)  # the clock redraws on its own
    bar.close()
    assert stream.getvalue().count(ERASE) >= 5 and not thread.is_alive()
    frames = stream.getvalue().split(ERASE)[1:]
    assert all(f.startswith("fitting ") and f.rstrip().endswith(" s") for f in frames)


def test_live_bar_has_no_ticker_off_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(None, "fitting", stream=stream, live=True, interval=0.01)
    assert bar._ticker is None
    bar.close()
    assert stream.getvalue().count("\n") == 2 and "\r" not in stream.getvalue()


def test_status_line_write_replaces_the_status_on_a_terminal_only():
    term, log = Terminal(), io.StringIO()
    for stream in (term, log):
        line = StatusLine(stream, log_every=0)
        line.show("busy")
        line.write("done")
    assert term.getvalue() == ERASE + "busy" + ERASE + "done\n"
    assert log.getvalue() == "busy\ndone\n"


def _task(solver):
    return {"index": 1, "total": 2, "problem": "dense", "eps": 0.01, "solver": solver}


@pytest.mark.parametrize("terminal", [True, False])
def test_bench_progress_uses_the_same_terminal_rule(terminal):
    stream, tables = (Terminal() if terminal else io.StringIO()), io.StringIO()
    progress = Progress(stream=stream, table_stream=tables)
    progress.started(_task("lassofast"))
    progress.event(_task("lassofast"), {"event": "ready"})
    progress._show()  # what the ticker draws every 0.5 s
    progress.finished(_task("lassofast"), {"time": 0.25, "status": "ok"})
    text = stream.getvalue()
    assert text.endswith("[1/2] dense ε=0.01 lassofast: 0.25 s\n")
    if terminal:
        assert text.startswith(ERASE + "[1/2] dense ε=0.01 lassofast: run 1")
    else:
        assert text == "[1/2] dense ε=0.01 lassofast: 0.25 s\n"


def test_verbose_path_on_a_terminal_and_in_a_log(monkeypatch):
    from lassofast.datasets import make_correlated
    X, y, _ = make_correlated(60, 20, random_state=0)
    for stream in (Terminal(), io.StringIO()):
        monkeypatch.setattr(sys, "stderr", stream)
        lassofast.lasso_path(X, y, n_alphas=30, verbose=True)
        text = stream.getvalue()
        assert text.rstrip("\n").split("\n")[-1].split(ERASE)[-1].startswith("path [" + "#" * 28 + "] 30/30")
        assert ("\r" in text) == isinstance(stream, Terminal)
