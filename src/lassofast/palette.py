"""The course's colours and type sizes, in one place: the explainer videos (``animations/style/``), the
figures (:mod:`lassofast.plotting`), the storyboard (:mod:`lassofast.render`) and the interactive explorer
(:mod:`lassofast.explorer`) all read them here.

Feature x_j always has ``feature_color(j)``; the L1 region is always ``L1_COLOR``; and so on.
Plain hex strings, no imports: usable without Manim or matplotlib.
"""

__all__ = [
    "FEATURE_COLORS", "BACKGROUND", "INK", "MUTED", "L1_COLOR", "L2_COLOR", "ENET_COLOR", "LOSS_COLOR",
    "TOUCH_COLOR", "OLS_COLOR", "CONTACT_COLOR", "BAND_COLOR", "SHEET_COLOR", "PANEL_COLOR", "ON_WHITE",
    "TYPE_SCALE", "BODY_SIZE",
    "type_size", "feature_color", "as_dict"
]

# Okabe-Ito based: distinguishable for colour-blind readers; x1..x6 of the videos. Then six more, chosen
# so that all twelve stay apart (CIELAB ΔE ≥ 30 between any two; mid lightness, so they read on the
# videos' dark background and on white figures alike): a 10- or 12-feature path gets no repeated colour.
FEATURE_COLORS = ("#56b4e9", "#e69f00", "#2db38a", "#cc79a7", "#f0e442", "#e8743b",
                  "#b04fd8", "#3fbf3f", "#4a6fe3", "#6b8e23", "#d81b60", "#b8a070")

BACKGROUND = "#11141c"
INK = "#e8e8ee"            # main text
MUTED = "#8a93a6"          # axes, secondary text
L1_COLOR = "#b28dff"       # the lasso region (diamond, octahedron)
L2_COLOR = "#4fd1c5"       # the ridge region (circle, sphere)
ENET_COLOR = "#f78fb3"     # the elastic-net region (rounded diamond)
LOSS_COLOR = "#9aa5b1"     # loss contours
TOUCH_COLOR = "#ffffff"    # the contour that touches the region
OLS_COLOR = "#ffffff"      # the least-squares point
CONTACT_COLOR = "#ff5a5f"  # the constrained solution
BAND_COLOR = "#ff5a5f"     # the soft-threshold dead band
SHEET_COLOR = "#0b0d12"    # the storyboard's sheet: one step darker than the frames it holds
PANEL_COLOR = "#171b26"    # the explorer page's panels: one step lighter than the background


# The same colours for figures on a white page, darkened where needed to read on white.
ON_WHITE = {"L1_COLOR": "#7b52d6", "L2_COLOR": "#1a9e93", "LOSS_COLOR": "#9aa5b1", "TOUCH_COLOR": "#222833",
            "CONTACT_COLOR": "#e0383e", "MUTED": "#8a93a6",
            # the figures' own (lassofast.plotting): w = 0, a CV curve and its band, the one-SE α
            "ZERO_LINE": "#999999", "CURVE_COLOR": "#33415c", "ONE_SE_COLOR": "#7a5cc7"}

# Type sizes as multiples of each medium's body text (a video caption, a figure's tick labels, the page's
# body): one hierarchy everywhere. The body sizes differ by medium (Manim units, points, pixels).
TYPE_SCALE = {"title": 1.5, "heading": 1.15, "body": 1.0, "label": 0.96, "small": 0.82}
BODY_SIZE = {"video": 27, "figure": 10.0, "page": 15}


def type_size(role, medium):
    """The size of text of ``role`` (a TYPE_SCALE key) in ``medium`` (a BODY_SIZE key), rounded as the
    medium needs: whole Manim font sizes and pixels, half points.

    Parameters
    ----------
    role : str
        A key of TYPE_SCALE ("title", "heading", "body", "label", "small").
    medium : str
        A key of BODY_SIZE ("video", "figure", "page").

    Returns
    -------
    int or float
        The size.
    """
    size = TYPE_SCALE[role] * BODY_SIZE[medium]
    return round(size * 2) / 2 if medium == "figure" else int(round(size))


def feature_color(j):
    """Colour of feature x_{j+1} (0-based j), cycling through :data:`FEATURE_COLORS`.

    Parameters
    ----------
    j : int
        0-based feature index.

    Returns
    -------
    str
        A "#rrggbb" colour.
    """
    return FEATURE_COLORS[j % len(FEATURE_COLORS)]


def as_dict():
    """Every named colour (the feature colours as a list), e.g. for a page's CSS variables.

    Returns
    -------
    dict
        Name -> "#rrggbb" (FEATURE_COLORS -> list of them).
    """
    names = ("BACKGROUND", "INK", "MUTED", "L1_COLOR", "L2_COLOR", "ENET_COLOR", "LOSS_COLOR",
             "TOUCH_COLOR", "OLS_COLOR", "CONTACT_COLOR", "BAND_COLOR", "SHEET_COLOR")
    out = {name: globals()[name] for name in names}
    out["FEATURE_COLORS"] = list(FEATURE_COLORS)
    return out
