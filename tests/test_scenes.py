"""The explainer videos: every scene renders, and every number it shows is lassofast's.

Rendering all seven scenes at low quality (480p15) takes about a minute of two cores; it happens once
per session (``rendered``). The numbers are checked on scenes built without video (animations
skipped to their ends, ``render.build_scene``): the panels, dots and readouts a scene leaves on screen
are compared with lassofast computed here independently, and with optimality (KKT, duality gap) —
never with numbers typed into the test.
"""
import hashlib
import tempfile

import av
import numpy as np
import pytest

import lassofast
from lassofast import geometry, render
from lassofast.animations import COURSE, find, problems
from lassofast.reference import center, duality_gap

from lassofast._testing import kkt_ok

LOW_W, LOW_H, LOW_FPS = render.QUALITIES["low"]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """All scenes rendered once at low quality, two at a time, with their captions and thumbnails
    (as ``render --course`` does): {name: Path}."""
    out = tmp_path_factory.mktemp("videos")
    longest_first = sorted(COURSE, key=lambda info: info.name != "LassoIn3D")  # 3-D is the slowest
    paths = render.render_many(longest_first, quality="low", fmt="mp4", out_dir=out, jobs=2,
                               say=lambda msg: None, sidecars=True)
    return {info.name: path for info, path in zip(longest_first, paths)}


@pytest.fixture(scope="session")
def packaged(rendered):
    """The course made of every rendered scene: (video, captions, notes)."""
    return render.package_course([rendered[i.name] for i in COURSE], rendered[COURSE[0].name].parent)


_BUILT = {}
_TYPESET = tempfile.TemporaryDirectory(prefix="lassofast-test-typeset-")  # shared by the builds


def built(name):
    """A scene run without video (cached: each is built once per session)."""
    if name not in _BUILT:
        _BUILT[name] = render.build_scene(find(name), "low", media_dir=_TYPESET.name)
    return _BUILT[name]


def drawn_xy(axes, mobject):
    return np.array(axes.p2c(mobject.get_center()))[:2]


def drawn_xyz(axes, mobject):
    return np.array(axes.p2c(mobject.get_center()))[:3]


# --- the videos -------------------------------------------------------------------------------

def _frames(path, fractions):
    """RGB frames at the given fractions of the video, plus (codec, width, height, fps, n_frames)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        info = (stream.codec_context.name, stream.width, stream.height, stream.guessed_rate)
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
    picks = [frames[min(int(f * len(frames)), len(frames) - 1)] for f in fractions]
    return info + (len(frames),), picks


@pytest.mark.parametrize("info", COURSE, ids=[i.name for i in COURSE])
def test_scene_video_is_a_real_h264_video_of_the_stated_length(rendered, info):
    (codec, width, height, fps, n_frames), picks = _frames(rendered[info.name], (0.25, 0.5, 0.75))
    assert codec == "h264"
    assert (width, height) == (LOW_W, LOW_H)
    assert fps == LOW_FPS
    low, high = info.duration
    seconds = n_frames / float(fps)
    assert low <= seconds <= high, f"{info.name} lasts {seconds:.1f} s"
    background = picks[0][0, 0].astype(int)
    for frame in picks:
        busy = (np.abs(frame.astype(int) - background).sum(axis=2) > 40).mean()
        assert busy > 0.01, "a frame in the middle of the scene is (almost) blank"
    assert np.abs(picks[0].astype(int) - picks[2].astype(int)).mean() > 0.5, "the picture never changes"


def test_rerendering_gives_identical_bytes(rendered, tmp_path):
    info = find("CorrelatedFeaturesBreakIt")
    again = render.render_many([info], quality="low", fmt="mp4", out_dir=tmp_path, say=lambda m: None)[0]
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()
    assert digest(again) == digest(rendered[info.name])


def test_course_video_chains_the_scenes_in_course_order(rendered, tmp_path):
    order = [rendered[i.name] for i in COURSE[:3]]
    course = tmp_path / "course.mp4"
    render.chain_videos(order, course)
    counts = []
    for path in order + [course]:
        with av.open(str(path)) as c:
            counts.append(sum(1 for _ in c.decode(video=0)))
    assert counts[-1] == sum(counts[:-1])
    assert not list(tmp_path.glob(".*.part"))


# --- captions, chapters, thumbnails, notes ----------------------------------------------------------

def parse_vtt(path):
    """[(start, end, text)] of a WebVTT file, parsed here independently of lassofast.course."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT")
    stamp = lambda s: (lambda h, m, sec: 3600 * int(h) + 60 * int(m) + float(sec))(*s.split(":"))
    cues = []
    for block in text.split("\n\n")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        timing = next(i for i, line in enumerate(lines) if " --> " in line)
        start, end = lines[timing].split(" --> ")
        body = "\n".join(lines[timing + 1:])
        cues.append((stamp(start), stamp(end), body.replace("&lt;", "<").replace("&gt;", ">")
                     .replace("&amp;", "&")))
    return cues


_CAPTION_IMAGES = {}


def caption_image(text):
    """The caption ``text`` drawn alone by the course's caption style, at low quality."""
    if text not in _CAPTION_IMAGES:
        import manim
        from lassofast.animations import style
        with manim.tempconfig(render._manim_config("low", "mp4", _TYPESET.name)):
            camera = manim.Camera(background_color=style.BACKGROUND)
            camera.capture_mobject(style.caption(text))
            _CAPTION_IMAGES[text] = camera.pixel_array[:, :, :3].astype(int)
    return _CAPTION_IMAGES[text]


def frames_at(path, times):
    """The frames on screen at the given times (s, increasing), decoded in one pass."""
    out, times = [], list(times)
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            while times and frame.time + 1e-9 >= times[0]:
                out.append(frame.to_ndarray(format="rgb24").astype(int))
                times.pop(0)
    assert not times, f"{path} ends before {times[0]} s"
    return out


def video_seconds(path):
    with av.open(str(path)) as container:
        return sum(1 for _ in container.demux(video=0) if _.pts is not None) / LOW_FPS


@pytest.mark.parametrize("info", COURSE, ids=[i.name for i in COURSE])
def test_scene_captions_file_has_one_cue_per_caption_shown_at_its_time(rendered, info):
    cues = parse_vtt(rendered[info.name].with_suffix(".vtt"))
    said = [text for _, _, text in built(info.name).captions]   # the scene's own caption calls
    assert [text for _, _, text in cues] == said and len(said) >= 3
    seconds = video_seconds(rendered[info.name])
    for (start, end, _), following in zip(cues, cues[1:] + [(seconds, None, None)]):
        assert 0 <= start < end <= following[0] + 5e-4        # in order, never overlapping (ms stamps)
    assert cues[-1][1] == pytest.approx(seconds, abs=1e-3)     # the last stays to the end
    # At each cue's midpoint the frame shows that caption: the caption strip matches its text drawn
    # alone far better than any other caption of the scene.
    midpoints = frames_at(rendered[info.name], [(start + end) / 2 for start, end, _ in cues])
    for (start, end, text), frame in zip(cues, midpoints):
        mine = caption_image(text)
        rows = np.flatnonzero((np.abs(mine - mine[0, 0]).sum(axis=2) > 60).any(axis=1))
        strip = slice(rows.min() - 3, rows.max() + 4)
        error = {other: np.abs(frame[strip] - caption_image(other)[strip]).mean() for other in set(said)}
        assert min(error, key=error.get) == text, (text, start, end)
        assert error[text] < 0.5 * min(e for t, e in error.items() if t != text)
        ink = np.abs(mine[strip] - mine[0, 0]).sum(axis=2) > 300   # the glyphs' cores
        assert (np.abs(frame[strip] - mine[strip]).sum(axis=2)[ink] < 150).mean() > 0.9


def test_course_chapters_captions_thumbnails_and_notes(rendered, packaged):
    from PIL import Image
    video, captions, notes = packaged
    durations = [video_seconds(rendered[i.name]) for i in COURSE]
    starts = np.concatenate([[0], np.cumsum(durations)[:-1]])
    titles = [built(i.name).title_text for i in COURSE]
    with av.open(str(video)) as c:
        chapters = c.chapters()
    assert [ch["metadata"]["title"] for ch in chapters] == [f"{n}. {t}" for n, t in enumerate(titles, 1)]
    # Chapter times are stored in milliseconds and a part's end is its last packet's: within half a frame.
    half_frame = 0.5 / LOW_FPS
    np.testing.assert_allclose([float(ch["start"] * ch["time_base"]) for ch in chapters], starts,
                               atol=half_frame)
    np.testing.assert_allclose([float(ch["end"] * ch["time_base"]) for ch in chapters],
                               np.cumsum(durations), atol=half_frame)
    expected = [(start + a, start + b, text) for info, start in zip(COURSE, starts)
                for a, b, text in parse_vtt(rendered[info.name].with_suffix(".vtt"))]
    course_cues = parse_vtt(captions)
    assert [c[2] for c in course_cues] == [e[2] for e in expected]
    np.testing.assert_allclose([c[:2] for c in course_cues], [e[:2] for e in expected], atol=half_frame)
    text = notes.read_text(encoding="utf-8")
    for info, title in zip(COURSE, titles):
        assert f"{title}" in text and info.summary in text
        thumb = rendered[info.name].with_name(info.name + render.THUMBNAIL_SUFFIX)
        image = np.asarray(Image.open(thumb).convert("RGB"))
        assert image.shape == (LOW_H, LOW_W, 3) and image.std() > 10
        assert thumb.name in text
    for _, _, caption_text in course_cues:
        assert caption_text in text


def test_storyboard_is_a_contact_sheet_of_key_frames(tmp_path):
    from PIL import Image
    infos = [find("DiamondCornerContact"), find("CoordinateDescentZigzag")]
    path = render.storyboard(infos, tmp_path / "storyboard.png")
    sheet = np.asarray(Image.open(path).convert("RGB"))
    n_cols = max(len(built(i.name).key_frames) for i in infos)
    assert sheet.shape[1] > 480 * n_cols and sheet.shape[0] > 2 * 270
    assert sheet.std() > 10


@pytest.mark.parametrize("info", COURSE, ids=[i.name for i in COURSE])
def test_every_scene_marks_key_frames_for_the_storyboard(info):
    scene = built(info.name)
    times = [t for t, _, _ in scene.key_frames]
    assert len(times) >= 2 and times == sorted(times)
    assert 0 < times[0] and times[-1] <= info.duration[1]


# --- the numbers behind each scene ---------------------------------------------------------------

def test_snapping_readout_is_the_path_at_the_marker():
    from lassofast.animations.coefficient_snapping import grid_index, readout, snapping_path
    data, path = snapping_path()
    independent = lassofast.lasso_path(data.X, data.y, alphas=path.alphas, tol=1e-10)
    Xc, yc, _, _ = center(data.X, data.y)
    for k in range(len(path.alphas)):
        assert grid_index(path, path.alphas[k]) == k
        r = readout(path, k)
        assert r["nonzero"] == independent.n_nonzero()[k]
        assert r["penalty"] == path.alphas[k]
        np.testing.assert_array_equal(r["coef"] == 0, independent.coefs[:, k] == 0)
        # The readout is an optimal lasso solution (the oracle), zeros included.
        gap = duality_gap(Xc, yc, r["coef"], r["penalty"])
        assert kkt_ok(Xc, yc, r["coef"], r["penalty"], 1.0, gap) == []

    # What the panel shows at the end of the scene: the solver's solution at the shown penalty.
    panel = built("CoefficientSnapping").drawn["panel"]
    shown = panel.submobjects[0]
    k = panel.shown
    alpha = path.alphas[k]
    assert shown.penalty.get_value() == pytest.approx(alpha)
    assert int(shown.count.get_value()) == independent.n_nonzero()[k]
    weights = np.array([w.get_value() for w in shown.weights])
    np.testing.assert_allclose(weights, independent.coefs[:, k], atol=5e-3)  # shown to 2 decimals
    assert [w.get_value() == 0 for w in shown.weights] == list(independent.coefs[:, k] == 0)


def test_snapping_switch_off_points_are_where_the_path_zeroes_each_feature():
    from lassofast.animations.coefficient_snapping import snapping_path
    _, path = snapping_path()
    offs = built("CoefficientSnapping").drawn["switch_off"]
    for j, alpha in enumerate(offs):
        k = int(np.flatnonzero(path.alphas == alpha)[0])
        assert path.coefs[j, k] != 0 and (k == 0 or (path.coefs[j, :k] == 0).all())


def test_diamond_contact_drawn_is_the_constrained_solution():
    drawn = built("DiamondCornerContact").drawn
    X, y = problems.weight_plane()
    t = drawn["radius"]
    exact = geometry.constrained_solution(X, y, t, "l1")
    np.testing.assert_allclose(drawn_xy(drawn["axes"], drawn["contact"]), exact.coef, atol=1e-9)
    assert exact.at_corner and (exact.coef == 0).sum() == 1      # the scene's claim: a corner
    assert np.abs(exact.coef).sum() == pytest.approx(t)          # on the diamond's boundary


def test_ridge_and_lasso_contacts_drawn_are_the_constrained_solutions():
    scene = built("RidgeVsLasso")
    X, y = problems.weight_plane()
    t = scene.drawn["budget"].get_value()
    for kind, (axes, contact) in scene.drawn["contacts"].items():
        exact = geometry.constrained_solution(X, y, t, kind)
        np.testing.assert_allclose(drawn_xy(axes, contact), exact.coef, atol=1e-9)
    assert (geometry.constrained_solution(X, y, t, "l1").coef == 0).sum() == 1   # lasso: on an axis
    assert (geometry.constrained_solution(X, y, t, "l2").coef != 0).all()        # ridge: off the axes


def test_soft_threshold_dots_are_the_coordinate_updates_at_the_solution():
    scene = built("SoftThreshold")
    drawn = scene.drawn
    data, path, axes = drawn["data"], drawn["path"], drawn["axes"]
    k = drawn["dots"].shown
    alpha = path.alphas[k]
    dots = drawn["dots"].submobjects[0]
    for j in range(data.X.shape[1]):
        u = geometry.coordinate_update(data.X, data.y, path.coefs[:, k], j, alpha)
        z_dot, w_dot = dots[3 * j], dots[3 * j + 2]
        np.testing.assert_allclose(drawn_xy(axes, z_dot), [u.z, 0.0], atol=1e-9)
        np.testing.assert_allclose(drawn_xy(axes, w_dot), [u.z, u.new], atol=1e-9)
        # At the lasso solution the update is a fixed point: w_j = S(z_j, λ_j).
        assert u.new == pytest.approx(path.coefs[j, k], abs=1e-6)
        assert u.new == pytest.approx(lassofast.soft_threshold(u.z, u.threshold), rel=1e-12, abs=0)
    zeroed = drawn["count"].submobjects[0].zeroed
    assert zeroed == data.X.shape[1] - path.n_nonzero()[k]


def test_coordinate_descent_walker_ends_at_a_certified_lasso_solution():
    drawn = built("CoordinateDescentZigzag").drawn
    trace, axes = drawn["trace"], drawn["axes"]
    np.testing.assert_allclose(drawn_xy(axes, drawn["walker"]), trace.coefs[-1], atol=1e-9)
    np.testing.assert_allclose(drawn_xy(axes, drawn["target"]), trace.coefs[-1], atol=1e-9)
    X, y = problems.weight_plane()
    Xc, yc, _, _ = center(X, y)
    gap = duality_gap(Xc, yc, trace.coefs[-1], trace.alpha)
    assert trace.converged and gap <= 1e-4 * (yc @ yc) / len(yc)
    assert kkt_ok(Xc, yc, trace.coefs[-1], trace.alpha, 1.0, gap) == []
    steps = np.diff(trace.coefs, axis=0)
    assert ((steps != 0).sum(axis=1) <= 1).all()     # every move is along one axis


def test_correlated_scene_shows_the_solver_contacts_and_selection_frequencies():
    from lassofast.animations.correlated_features import ENET_L1_RATIO, N_RESAMPLES
    drawn = built("CorrelatedFeaturesBreakIt").drawn
    X, y = problems.correlated_pair()
    alpha, axes = drawn["data"]["alpha"], drawn["axes"]
    lasso = geometry.constrained_solution(X, y, geometry.radius_for_alpha(X, y, alpha), "l1")
    np.testing.assert_allclose(drawn_xy(axes, drawn["lasso_contact"]), lasso.coef, atol=1e-9)
    assert (lasso.coef == 0).sum() == 1
    t = geometry.radius_for_alpha(X, y, alpha, "enet", l1_ratio=ENET_L1_RATIO)
    enet = geometry.constrained_solution(X, y, t, "enet", l1_ratio=ENET_L1_RATIO)
    np.testing.assert_allclose(drawn_xy(axes, drawn["enet_contact"]), enet.coef, atol=1e-9)
    assert (enet.coef != 0).all()
    for bars, rho in ((drawn["lasso_bars"], 1.0), (drawn["enet_bars"], ENET_L1_RATIO)):
        s = geometry.selection_stability(X, y, alpha, l1_ratio=rho, n_resamples=N_RESAMPLES,
                                         random_state=0)
        both = s.joint_frequency()[0, 1]
        assert bars.values == pytest.approx([s.frequency[0] - both, s.frequency[1] - both, both])


def test_3d_contacts_drawn_are_the_constrained_solutions_at_a_vertex_and_an_edge():
    drawn = built("LassoIn3D").drawn
    data = problems.demo()
    X, y = data.X[:, :3], data.y
    for name, n_zero in (("vertex", 2), ("edge", 1)):
        sol = drawn[name]
        exact = geometry.constrained_solution(X, y, sol.radius, "l1")
        np.testing.assert_allclose(exact.coef, sol.coef, atol=1e-12)
        np.testing.assert_allclose(drawn_xyz(drawn["axes"], drawn[f"{name}_contact"]), exact.coef,
                                   atol=1e-9)
        assert (exact.coef == 0).sum() == n_zero


def test_3d_ellipsoid_rings_are_level_sets_of_the_loss():
    from lassofast.animations.lasso_in_3d import budgets, ellipsoid_rings
    X, y, (vertex, _) = budgets()
    centre = geometry.constrained_solution(X, y, geometry.radius_for_alpha(X, y, 0.0)).coef
    rings = ellipsoid_rings(X, y, vertex.loss, centre)
    Xc, yc, _, _ = center(X, y)
    w = rings.reshape(-1, 3)
    loss = ((yc[:, None] - Xc @ w.T) ** 2).sum(axis=0) / (2 * len(y))
    np.testing.assert_allclose(loss, vertex.loss, rtol=1e-9)
    # The ellipsoid touches the octahedron at the contact: no ring point is inside the L1 ball.
    assert np.abs(w).sum(axis=1).min() >= vertex.radius * (1 - 1e-9)


def test_a_switch_draws_only_its_current_picture(monkeypatch, tmp_path):
    """Manim freezes the moving-mobject list when an animation starts; a Switch that swaps its
    picture mid-animation must not leave the old picture drawn (it once did: ghost numbers)."""
    from manim import LEFT, RIGHT, Square, ValueTracker
    from lassofast.animations.style import Lesson, Switch

    class Swap(Lesson):
        def construct(self):
            t = ValueTracker(0.0)
            self.add(Switch(lambda: t.get_value() >= 0.5,
                            lambda right: Square(2, fill_opacity=1).shift(3 * (RIGHT if right else LEFT))))
            self.play(t.animate.set_value(1.0), run_time=1)
            self.wait(0.5)

    info = COURSE[0]._replace(name="Swap")
    monkeypatch.setattr(render, "scene_class", lambda _: Swap)
    path = render.render_many([info], quality="low", fmt="mp4", out_dir=tmp_path, say=lambda m: None,
                              isolate=False)[0]
    with av.open(str(path)) as c:
        frames = [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]
    last_of_play = frames[LOW_FPS - 1].astype(int)           # still inside the animation
    left, right = last_of_play[:, : LOW_W // 3], last_of_play[:, 2 * LOW_W // 3:]
    background = last_of_play[0, 0]
    assert (np.abs(right - background).sum(axis=2) > 100).mean() > 0.05  # the new square
    assert (np.abs(left - background).sum(axis=2) > 100).mean() == 0     # no ghost of the old one


# --- the three course scenes added with issue 16 -------------------------------------------------

def test_path_scene_shows_the_kernels_sweeps_and_every_alpha_is_certified():
    from lassofast.animations.path_computation import N_ALPHAS
    scene = built("HowThePathIsComputed")
    d = scene.drawn["data"]
    X, y = problems.many_features()
    path = lassofast.lasso_path(X, y, alphas=N_ALPHAS)          # computed here again, independently
    cold = [lassofast.lasso_path(X, y, alphas=[a]).n_iters[0] for a in path.alphas]
    chart = scene.drawn["chart"]
    np.testing.assert_array_equal(chart.values["warm"], path.n_iters)
    np.testing.assert_array_equal(chart.values["cold"], cold)
    heights = np.array([b.height for b in chart.warm])
    np.testing.assert_allclose(heights[path.n_iters > 0], path.n_iters[path.n_iters > 0] * chart.unit,
                               rtol=1e-6)
    assert path.n_iters.sum() < 0.5 * sum(cold)                 # the scene's claim: warm starts pay
    Xc, yc, _, _ = center(X, y)
    tol = path.tol * (yc @ yc) / len(yc)
    for k, alpha in enumerate(path.alphas):                      # the certificate at every α
        assert path.dual_gaps[k] <= tol
        gap = duality_gap(Xc, yc, path.coefs[:, k], alpha)
        assert gap <= tol and kkt_ok(Xc, yc, path.coefs[:, k], alpha, 1.0, gap) == []
    said = " ".join(text for _, _, text in scene.captions)
    assert f"{int(path.n_iters[d['k']])} sweeps" in said and f"{d['trace'].n_sweeps} sweeps" in said


def test_path_scene_strong_rule_sets_aside_only_features_that_stay_out():
    d = built("HowThePathIsComputed").drawn["data"]
    rule = built("HowThePathIsComputed").drawn["rule"]
    path, k = d["path"], d["k"]
    Xc, yc, _, _ = center(d["X"], d["y"])
    corr = np.abs(Xc.T @ (yc - Xc @ path.coefs[:, k - 1])) / len(yc)
    threshold = 2 * path.alphas[k] - path.alphas[k - 1]
    np.testing.assert_allclose(d["corr"], corr, rtol=1e-10)
    working = (corr >= threshold) | (path.coefs[:, k - 1] != 0)
    np.testing.assert_array_equal(d["working"], working)
    assert 0 < working.sum() < len(working)                      # the rule does set features aside
    assert (path.coefs[~working, k] == 0).all()                  # ... and they are out at α_k (KKT-checked above)
    np.testing.assert_allclose([b.height for b in rule.bars], np.maximum(corr * rule.unit, 1e-3), rtol=1e-6)
    assert rule.line.get_center()[1] == pytest.approx(rule.bottom + threshold * rule.unit)


def test_path_scene_gap_chart_is_the_replayed_sweeps_gaps_ending_below_tol():
    from lassofast.animations.path_computation import GAP_FLOOR
    d = built("HowThePathIsComputed").drawn["data"]
    gap = built("HowThePathIsComputed").drawn["gap"]
    path, k, trace = d["path"], d["k"], d["trace"]
    Xc, yc, _, _ = center(d["X"], d["y"])
    p = d["X"].shape[1]
    independent = geometry.coordinate_descent_trace(d["X"], d["y"], path.alphas[k])
    assert independent.n_sweeps == trace.n_sweeps and independent.converged
    gaps = [duality_gap(Xc, yc, independent.coefs[s * p], path.alphas[k])
            for s in range(1, independent.n_sweeps + 1)]
    # the scene's gaps are the kernel's certificate from its running residual (CDTrace.sweep_gaps), the
    # oracle's recompute the residual: equal up to that rounding
    np.testing.assert_allclose(d["trace_gaps"], gaps, rtol=1e-10)
    np.testing.assert_array_equal(d["trace_gaps"], independent.sweep_gaps)
    assert gaps[-1] <= d["gap_tol"] < gaps[0]
    ys = [dot.get_center()[1] for dot in gap.dots]
    np.testing.assert_allclose(ys, [gap.to_y(g) for g in gaps], atol=1e-9)
    assert gap.kernel.get_center()[1] == pytest.approx(gap.to_y(max(path.dual_gaps[k], GAP_FLOOR)))


def test_choosing_lambda_shows_lassocv_fold_by_fold_and_its_choices():
    from lassofast.animations.choosing_lambda import N_FOLDS, running_curve
    scene = built("ChoosingLambda")
    drawn = scene.drawn
    data = problems.demo()
    cv = lassofast.LassoCV(cv=N_FOLDS, selection_rule="1se").fit(data.X, data.y)
    alphas, mean, se = cv.cv_curve()
    np.testing.assert_allclose(drawn["mean"], mean, rtol=1e-12)     # the curve left on screen
    np.testing.assert_allclose(drawn["se"], se, rtol=1e-12)
    np.testing.assert_allclose(running_curve(cv.mse_path_, 2)[0], cv.mse_path_[:, :2].mean(axis=1))
    err = drawn["err_axes"]
    for name, alpha in (("min", cv.alpha_min_), ("1se", cv.alpha_1se_)):
        line = drawn["marks"][name][0]
        assert line.get_center()[0] == pytest.approx(err.point(alpha, 0)[0], abs=1e-6)
    # The one-SE rule, checked from the curve: the largest α within one SE of the minimum.
    k = int(np.argmin(mean))
    assert cv.alpha_1se_ == alphas[mean <= mean[k] + se[k]].max() and cv.alpha_min_ == alphas[k]
    # The chosen model: LassoCV's refit, optimal at alpha_ (KKT), its non-zeros the ones marked.
    Xc, yc, _, _ = center(data.X, data.y)
    gap = duality_gap(Xc, yc, cv.coef_, cv.alpha_)
    assert kkt_ok(Xc, yc, cv.coef_, cv.alpha_, 1.0, gap) == []
    assert drawn["kept"] == [f"x{j + 1}" for j in np.flatnonzero(cv.coef_)]
    coef = drawn["coef_axes"]
    ys = [dot.get_center()[1] for dot in drawn["chosen_dots"]]
    np.testing.assert_allclose(ys, [coef.point(cv.alpha_, w)[1] for w in cv.coef_[cv.coef_ != 0]],
                               atol=1e-9)


def test_elastic_net_mixing_contacts_are_the_solver_solutions_from_one_to_both():
    from lassofast.animations.elastic_net_mixing import RATIOS
    drawn = built("ElasticNetMixing").drawn
    X, y = problems.correlated_pair()
    alpha, axes, grid = drawn["data"]["alpha"], drawn["axes"], drawn["data"]["grid"]
    k = int(np.flatnonzero(grid == alpha)[0])
    Xc, yc, _, _ = center(X, y)
    for rho in (1.0, 0.5, 0.0):
        t = geometry.radius_for_alpha(X, y, alpha, "enet", l1_ratio=rho)
        exact = geometry.constrained_solution(X, y, t, "enet", l1_ratio=rho)
        path = lassofast.enet_path(X, y, l1_ratio=rho, alphas=grid)
        np.testing.assert_allclose(path.coefs[:, k], exact.coef, atol=1e-4)   # region view = penalty view
        for w in (exact.coef, path.coefs[:, k]):                              # both optimal (KKT)
            gap = duality_gap(Xc, yc, w, alpha, rho)
            assert kkt_ok(Xc, yc, w, alpha, rho, gap) == []
        shown = drawn["data"]["by_ratio"][rho]
        np.testing.assert_allclose(shown["solution"].coef, exact.coef, atol=1e-12)
        np.testing.assert_allclose(shown["path"].coefs, path.coefs, atol=1e-12)
        n_zero = (exact.coef == 0).sum()
        assert n_zero == (1 if rho == 1.0 else 0)     # lasso keeps one of the pair; the others both
    # What is on screen at the end: ρ = 0.5, its contact and its two path lines.
    picture, lines = drawn["picture"], drawn["lines"]
    assert picture.shown == 0.5 == lines.shown and 0.5 in RATIOS
    np.testing.assert_allclose(drawn_xy(axes, picture.submobjects[0].contact),
                               drawn["data"]["by_ratio"][0.5]["solution"].coef, atol=1e-9)
    sol = drawn["data"]["by_ratio"][0.5]["solution"].coef
    assert abs(sol[0] - sol[1]) < 0.25 * abs(sol).max()          # sharing: the grouping effect


def test_3d_change_over_scales_the_shapes_onto_the_edge_contacts_level_set_and_ball():
    """The change-over from the vertex to the edge budget scales both shapes (nothing is re-matched,
    so nothing flashes); the scaled surface must be the loss level set through the edge contact and
    the scaled solid the L1 ball of the edge budget."""
    drawn = built("LassoIn3D").drawn
    data = problems.demo()
    X, y = data.X[:, :3], data.y
    Xc, yc, _, _ = center(X, y)
    axes, edge = drawn["axes"], drawn["edge"]
    corners = np.array([axes.p2c(p) for face in drawn["surface"].submobjects
                        for p in face.get_anchors()])[:, :3]
    loss = ((yc[:, None] - Xc @ corners.T) ** 2).sum(axis=0) / (2 * len(yc))
    np.testing.assert_allclose(loss, edge.loss, rtol=1e-6)
    solid = np.array([axes.p2c(p) for face in drawn["octahedron"] for p in face.get_anchors()])[:, :3]
    np.testing.assert_allclose(np.abs(solid).sum(axis=1), edge.radius, rtol=1e-6)
