"""One palette and one set of type sizes: the videos, the figures and the explorer page read them from
lassofast.palette, so a change there changes all three."""
import re

import pytest

import lassofast
from lassofast import palette
from lassofast.datasets import load_demo


def test_type_scale_is_one_hierarchy_in_every_medium():
    for medium in palette.BODY_SIZE:
        sizes = [palette.type_size(role, medium) for role in ("title", "heading", "body", "label", "small")]
        assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
        assert palette.type_size("body", medium) == palette.BODY_SIZE[medium]


def test_videos_use_the_shared_sizes_and_colours():
    style = pytest.importorskip("lassofast.animations.style", exc_type=ImportError)
    assert style.TITLE_SIZE == palette.type_size("title", "video")
    assert style.CAPTION_SIZE == palette.type_size("body", "video")
    assert style.LABEL_SIZE == palette.type_size("label", "video")
    assert style.SMALL_SIZE == palette.type_size("small", "video")
    assert (style.INK, style.L1_COLOR, style.BACKGROUND) == (palette.INK, palette.L1_COLOR, palette.BACKGROUND)


def test_figures_use_the_shared_sizes():
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    from lassofast import geometry_figure
    demo = load_demo()
    ax = lassofast.lasso_path(demo.X, demo.y).plot()
    assert ax.xaxis.label.get_fontsize() == palette.type_size("label", "figure")
    assert ax.get_legend().get_texts()[0].get_fontsize() == palette.type_size("small", "figure")
    assert geometry_figure.L1_COLOR == palette.ON_WHITE["L1_COLOR"]


def test_explorer_page_uses_the_shared_sizes():
    from lassofast.explorer.page import render_html
    from lassofast.explorer.data import explorer_data
    demo = load_demo()
    page = render_html(explorer_data(demo.X, demo.y, feature_names=demo.feature_names, cv=3))
    root = re.search(r":root \{([^}]*)\}", page).group(1)
    for role in palette.TYPE_SCALE:
        assert f"--fs-{role}: {palette.type_size(role, 'page')}px;" in root
    assert f"--panel: {palette.PANEL_COLOR};" in root
    css = page[page.index("<style"):]
    assert "font-size: var(--fs-title)" in css and "font: var(--fs-body)" in css
    assert not re.search(r"h1 \{[^}]*font-size: \d", css)   # no size typed in beside the scale


def test_render_plotting_and_the_explorer_take_their_colours_from_the_palette_only():
    """No colour constants of their own: no hex literal, no matplotlib grey, no named colour string.
    (The explorer's CSS and JS are out of this check: they still type a few greys of their own.)"""
    import re
    from pathlib import Path
    src = Path(palette.__file__).parent
    colour = re.compile(r"""["'](#[0-9a-fA-F]{3,8}|0?\.\d+|white|black|gr[ae]y|red|blue)["']""")
    for name in ("render.py", "plotting.py", "explorer/page.py", "explorer/data.py"):
        found = colour.findall((src / name).read_text(encoding="utf-8"))
        assert found == [], f"{name} has colours of its own: {found}"
    from lassofast import plotting
    assert {plotting.CURVE_COLOR, plotting.ONE_SE_COLOR, plotting.ZERO_LINE} <= set(palette.ON_WHITE.values())
    assert plotting.BEST_COLOR == palette.CONTACT_COLOR
