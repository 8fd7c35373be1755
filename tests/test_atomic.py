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
