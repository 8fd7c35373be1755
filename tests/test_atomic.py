"""One atomic-write helper (lassofast._atomic): a failed write leaves no partial file and keeps the old one,
and it is the only place in the package that renames a finished file into place."""
import os
import re
from pathlib import Path

import pytest

import lassofast
from lassofast import course
from lassofast._atomic import atomic_path, write_text_atomic
from lassofast.explorer import page

SRC = Path(lassofast.__file__).parent


def test_a_complete_write_appears_under_its_name_with_the_usual_permissions(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    written = write_text_atomic(tmp_path / "a.txt", "done")
    assert written.read_text() == "done" and sorted(os.listdir(tmp_path)) == ["a.txt", "plain.txt"]
    assert written.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777   # as open() would make it


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_a_failed_write_leaves_no_partial_file_and_keeps_the_old_one(tmp_path, error):
    target = tmp_path / "video.mp4"
    target.write_bytes(b"the previous complete file")
    with pytest.raises(error):
        with atomic_path(target) as part:
            assert part.parent == tmp_path and part.name.startswith(".video.mp4.")   # same folder
            part.write_bytes(b"half a vid")
            raise error("the writer broke half-way")
    assert os.listdir(tmp_path) == ["video.mp4"]
    assert target.read_bytes() == b"the previous complete file"


def test_a_failed_rename_leaves_nothing(tmp_path, monkeypatch):
    def refuse(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_text_atomic(tmp_path / "notes.md", "text")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("write", [lambda out: course.write_text(out, "notes"),
                                   lambda out: course.write_vtt(out, [(0.0, 1.0, "a caption")]),
                                   lambda out: page.write_html("<html></html>", out)])
def test_the_course_and_page_writers_use_it(tmp_path, monkeypatch, write):
    calls = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (calls.append((Path(src), Path(dst))), real(src, dst)))
    out = tmp_path / "out.txt"
    write(out)
    assert len(calls) == 1 and calls[0][1].resolve() == out.resolve() and calls[0][0].parent == calls[0][1].parent
    assert calls[0][0].name.startswith(".out.txt.") and os.listdir(tmp_path) == ["out.txt"]


def test_no_other_module_renames_files_into_place():
    """render.py once had four copies of the write-then-rename dance; now only _atomic.py does it."""
    users = sorted(str(f.relative_to(SRC)) for f in SRC.rglob("*.py")
                   if re.search(r"\bos\.(replace|rename)\(|\.rename\(", f.read_text(encoding="utf-8")))
    assert users == ["_atomic.py"]
    render_source = (SRC / "render.py").read_text(encoding="utf-8")
    assert render_source.count("atomic_path(") == 4


# A minimal bench block and run description: the fields the report's writers read.
BENCH_BLOCK = {"problem": "tiny", "description": "tiny problem", "eps": 1e-3, "n_alphas": 3, "pass_time": 1e-4,
               "results": [{"solver": "lassofast", "status": "ok", "time": 0.01, "rank": 1}]}
BENCH_META = {"command": "lassofast bench", "date": "today", "machine": "here", "threads": 1, "repeats": 1,
              "timeout": 10.0}


def _geometry_figure(out):
    pytest.importorskip("matplotlib")
    from lassofast import geometry_figure
    geometry_figure.draw(out, dpi=20)


def _bench_plot(out):
    pytest.importorskip("matplotlib")
    from lassofast.bench import report
    report.plot(out, [BENCH_BLOCK], timeout=10.0)


def _bench_json(out):
    from lassofast.bench import report
    report.write_json(out, [BENCH_BLOCK], BENCH_META)


def _bench_markdown(out):
    from lassofast.bench import report
    report.write_markdown(out, [BENCH_BLOCK], BENCH_META)


@pytest.mark.parametrize("write, name", [(_geometry_figure, "geometry.png"), (_bench_plot, "results.png"),
                                         (_bench_json, "results.json"), (_bench_markdown, "results.md")])
def test_the_geometry_figure_and_bench_report_writers_use_it(tmp_path, monkeypatch, write, name):
    calls = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (calls.append((Path(src), Path(dst))), real(src, dst)))
    out = tmp_path / name
    write(out)
    assert len(calls) == 1 and calls[0][1] == out and calls[0][0].name.startswith(f".{name}.")
    assert os.listdir(tmp_path) == [name] and out.stat().st_size > 0
    if name.endswith(".png"):
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_bench_report_that_fails_half_way_keeps_the_previous_results(tmp_path):
    from lassofast.bench import report
    out = tmp_path / "results.json"
    report.write_json(out, [BENCH_BLOCK], BENCH_META)
    before = out.read_text()
    broken = dict(BENCH_BLOCK, results=[dict(BENCH_BLOCK["results"][0], time=object())])  # not JSON
    with pytest.raises(TypeError, match="not JSON serialisable"):
        report.write_json(out, [BENCH_BLOCK, broken], BENCH_META)
    assert out.read_text() == before and os.listdir(tmp_path) == ["results.json"]
