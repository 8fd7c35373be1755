"""``lassofast render``: listing, clear errors for what a user can get wrong, and no half-written files.

Rendering paths are exercised with a one-second stand-in scene (the real scenes are rendered in
test_scenes.py), so these tests take seconds.
"""
import builtins
import functools
import shutil

import av
import numpy as np
import pytest
from manim import Circle, Create, FadeIn, MathTex

from lassofast import cli, render
from lassofast.cli import render as render_cli
from lassofast import course as course_module
from lassofast.animations import COURSE, SceneInfo
from lassofast.animations.style import Lesson


class TinyScene(Lesson):
    def construct(self):
        self.play(Create(Circle()), FadeIn(MathTex(r"\lambda")), run_time=1)
        self.key_frame("a circle")


class BrokenScene(Lesson):
    def construct(self):
        self.play(Create(Circle()), run_time=1)
        raise RuntimeError("the scene broke half-way")


def _use_scene(monkeypatch, cls):
    """Make every scene name render ``cls`` instead (same registry, same CLI), in this process."""
    monkeypatch.setattr(render, "scene_class", lambda info: cls)
    monkeypatch.setattr(render, "render_many", functools.partial(_real_render_many, isolate=False))


_real_render_many = render.render_many


def run(argv, capsys):
    code = render_cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --- listing --------------------------------------------------------------------------------------

def test_list_names_every_scene_with_its_description(capsys):
    code, out, err = run(["--list"], capsys)
    assert code == 0 and err == ""
    for info in COURSE:
        assert info.name in out and info.summary in out


def test_the_top_level_command_dispatches_to_render(capsys):
    assert cli.main(["render", "--list"]) == 0
    assert COURSE[0].name in capsys.readouterr().out


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, message", [
    (["NoSuchScene"], "unknown scene 'NoSuchScene'"),
    (["DiamondCornerContac"], "did you mean DiamondCornerContact?"),
    (["--all", "--quality", "ultra"], "unknown quality 'ultra'; choose one of low, medium, high, 4k"),
    (["--all", "--format", "avi"], "unknown format 'avi'; choose one of mp4, gif, png"),
    (["--all", "SoftThreshold"], "scene names or --all, not both"),
    ([], "name the scenes to render, or use --all"),
    (["--all", "--course", "--format", "gif"], "--course chains MP4 videos"),
    (["--all", "--jobs", "0"], "--jobs must be at least 1"),
])
def test_bad_arguments_get_one_clear_line(argv, message, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_an_output_folder_that_cannot_be_created_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = run(["SoftThreshold", "--out", str(blocker / "videos")], capsys)
    assert code == 1   # not a usage error: the command line is fine, the folder is not
    assert "cannot write to the output folder" in err and "--out DIR" in err


def test_missing_manim_names_the_extra_to_install(monkeypatch, capsys, tmp_path):
    real_import = builtins.__import__

    def no_manim(name, *args, **kwargs):
        if name == "manim" or name.startswith("manim."):
            raise ImportError("No module named 'manim'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_manim)
    code, _, err = run(["SoftThreshold", "--out", str(tmp_path)], capsys)
    assert code == 1
    assert "pip install 'lassofast[anim]'" in err and "Traceback" not in err


def test_missing_latex_names_the_packages_to_install(monkeypatch, capsys, tmp_path):
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda tool: None if tool == "latex" else real_which(tool))
    code, _, err = run(["SoftThreshold", "--out", str(tmp_path)], capsys)
    assert code == 1
    assert "latex" in err and "texlive-latex-base texlive-latex-extra dvisvgm" in err
    assert not any(tmp_path.iterdir())


def test_a_latex_that_cannot_typeset_is_a_clear_error(monkeypatch, capsys, tmp_path):
    import manim

    def broken(*args, **kwargs):
        raise ValueError("latex error converting to dvi. See log output above.")

    monkeypatch.setattr(manim, "MathTex", broken)
    code, _, err = run(["SoftThreshold", "--out", str(tmp_path)], capsys)
    assert code == 1
    assert "LaTeX could not typeset a formula" in err and "texlive-latex-extra" in err


# --- rendering ----------------------------------------------------------------------------------

def test_renders_an_mp4_prints_progress_and_where_it_is(monkeypatch, capsys, tmp_path):
    _use_scene(monkeypatch, TinyScene)
    code, out, _ = run(["SoftThreshold", "--out", str(tmp_path)], capsys)
    assert code == 0
    path = tmp_path / "SoftThreshold.mp4"
    assert str(path) in out and "done in" in out
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.width, stream.height, stream.guessed_rate) == render.QUALITIES["low"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SoftThreshold.mp4"]


@pytest.mark.parametrize("fmt", ["gif", "png"])
def test_other_formats(monkeypatch, capsys, tmp_path, fmt):
    from PIL import Image
    _use_scene(monkeypatch, TinyScene)
    code, out, _ = run(["SoftThreshold", "--format", fmt, "--out", str(tmp_path)], capsys)
    assert code == 0
    image = Image.open(tmp_path / f"SoftThreshold.{fmt}")
    assert image.size == render.QUALITIES["low"][:2]
    assert np.asarray(image.convert("RGB")).std() > 1   # the circle, not an empty frame


def test_a_failed_render_leaves_no_file_behind(monkeypatch, capsys, tmp_path):
    _use_scene(monkeypatch, BrokenScene)
    with pytest.raises(RuntimeError, match="half-way"):
        render_cli.main(["SoftThreshold", "--out", str(tmp_path)])
    assert list(tmp_path.iterdir()) == []


def test_a_failed_render_keeps_the_previous_complete_video(monkeypatch, capsys, tmp_path):
    _use_scene(monkeypatch, TinyScene)
    assert render_cli.main(["SoftThreshold", "--out", str(tmp_path)]) == 0
    before = (tmp_path / "SoftThreshold.mp4").read_bytes()
    _use_scene(monkeypatch, BrokenScene)
    with pytest.raises(RuntimeError):
        render_cli.main(["SoftThreshold", "--out", str(tmp_path)])
    assert (tmp_path / "SoftThreshold.mp4").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SoftThreshold.mp4"]


class CaptionedScene(Lesson):
    def construct(self):
        self.show_title("A captioned scene", run_time=0.5)
        self.say("First <caption> & more", run_time=0.4)
        self.play(Create(Circle()), run_time=1)
        self.key_frame("a circle")
        self.say("Second caption", run_time=0.4)
        self.wait(0.6)


def test_course_option_chains_the_videos(monkeypatch, capsys, tmp_path):
    _use_scene(monkeypatch, CaptionedScene)
    code, out, _ = run(["SoftThreshold", "RidgeVsLasso", "--course", "--notes", "--out", str(tmp_path)],
                       capsys)
    assert code == 0
    course = tmp_path / f"{render.COURSE_NAME}.mp4"
    assert str(course) in out
    frames = [sum(1 for _ in av.open(str(tmp_path / n)).decode(video=0))
              for n in ("SoftThreshold.mp4", "RidgeVsLasso.mp4", course.name)]
    assert frames[2] == frames[0] + frames[1]
    # Course order (RidgeVsLasso comes first), one titled chapter per scene, at the scenes' starts.
    seconds = frames[0] / render.QUALITIES["low"][2]
    with av.open(str(course)) as c:
        chapters = [(float(ch["start"] * ch["time_base"]), ch["metadata"]["title"]) for ch in c.chapters()]
    assert [t for _, t in chapters] == ["1. A captioned scene", "2. A captioned scene"]
    assert chapters[0][0] == 0 and chapters[1][0] == pytest.approx(seconds, abs=1e-3)
    # Per-scene files next to the course, and the course captions = the scenes' shifted by their start.
    names = {p.name for p in tmp_path.iterdir()}
    for scene in ("SoftThreshold", "RidgeVsLasso"):
        assert {f"{scene}.vtt", f"{scene}{render.THUMBNAIL_SUFFIX}"} <= names
    title, cues = course_module.read_vtt(tmp_path / "RidgeVsLasso.vtt")
    assert title == "A captioned scene"
    assert [c[2] for c in cues] == ["First <caption> & more", "Second caption"]
    assert "&lt;caption&gt; &amp; more" in (tmp_path / "RidgeVsLasso.vtt").read_text()
    assert cues[0][1] == cues[1][0] and cues[1][1] == pytest.approx(seconds, abs=1e-3)
    _, all_cues = course_module.read_vtt(tmp_path / f"{render.COURSE_NAME}.vtt")
    assert all_cues == cues + course_module.shifted(cues, chapters[1][0])
    notes = (tmp_path / render.NOTES_NAME).read_text()
    assert notes.count("## ") == 2 and "Second caption" in notes and "SoftThreshold.thumbnail.png" in notes
    assert not [n for n in names if n.endswith(".part")]


def test_notes_without_course_is_a_clear_error(capsys):
    code, _, err = run(["--all", "--notes"], capsys)
    assert code == 2 and "add --course" in err


def test_scene_names_are_found_case_insensitively_and_by_module(capsys):
    infos = render.resolve_scenes(["softthreshold", "lasso_in_3d", "SoftThreshold"])
    assert [i.name for i in infos] == ["SoftThreshold", "LassoIn3D"]


def test_registry_entries_point_at_importable_scene_classes():
    from manim import Scene
    for info in COURSE:
        assert isinstance(info, SceneInfo)
        cls = render.scene_class(info)
        assert issubclass(cls, Scene) and cls.__name__ == info.name
        assert 20 <= info.duration[0] < info.duration[1] <= 90
