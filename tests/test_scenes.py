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
    """All scenes rendered once at low quality, two at a time: {name: Path}."""
    out = tmp_path_factory.mktemp("videos")
    longest_first = sorted(COURSE, key=lambda info: info.name != "LassoIn3D")  # 3-D is the slowest
    paths = render.render_many(longest_first, quality="low", fmt="mp4", out_dir=out, jobs=2,
                               say=lambda msg: None)
    return {info.name: path for info, path in zip(longest_first, paths)}


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
    course = render.chain_videos(order, tmp_path / "course.mp4")
    counts = []
    for path in order + [course]:
        with av.open(str(path)) as c:
            counts.append(sum(1 for _ in c.decode(video=0)))
    assert counts[-1] == sum(counts[:-1])
    assert not list(tmp_path.glob(".*.part"))


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
