"""Manim explainer scenes for the lasso (installed as ``lassofast.animations``).

One module per scene, a shared look in :mod:`.style`. This file only lists the scenes — it does not
import Manim — so ``lassofast render --list`` works (and says what to install) without it.
The order of ``COURSE`` is the order of the chained course video: what the lasso does, why (the
geometry in 2-D, against ridge, in 3-D), how it is computed (one coordinate, then a whole path), how λ
is chosen, where it breaks, and the elastic net that mends it.
"""
from typing import NamedTuple

__all__ = ["SceneInfo", "COURSE", "find"]


class SceneInfo(NamedTuple):
    """One scene of the course.

    Attributes
    ----------
    name : str
        The Scene class, importable as ``lassofast.animations.<module>.<name>``.
    module : str
        Its module in lassofast.animations.
    summary : str
        One line for ``lassofast render --list``.
    duration : tuple of float
        (min_s, max_s): how long the rendered video must last.
    """
    name: str
    module: str
    summary: str
    duration: tuple


COURSE = (
    SceneInfo("CoefficientSnapping", "coefficient_snapping",
              "the 6-feature lasso path against λ: weights snap to exactly zero one by one", (35, 55)),
    SceneInfo("DiamondCornerContact", "diamond_corner_contact",
              "loss contours grow until they touch the L1 diamond - at a corner, so a weight is 0", (28, 45)),
    SceneInfo("RidgeVsLasso", "ridge_vs_lasso",
              "circle vs diamond as the budget shrinks: ridge shrinks smoothly, lasso hits an axis", (24, 40)),
    SceneInfo("LassoIn3D", "lasso_in_3d",
              "the L1 octahedron and a loss ellipsoid touching it, seen from a moving camera", (27, 45)),
    SceneInfo("SoftThreshold", "soft_threshold",
              "S(z, λ) and its dead band [-λ, λ]: the one-line update that makes weights exactly 0", (35, 55)),
    SceneInfo("CoordinateDescentZigzag", "coordinate_descent_zigzag",
              "coordinate descent zig-zags along the axes to the lasso solution", (22, 40)),
    SceneInfo("HowThePathIsComputed", "path_computation",
              "warm starts, the strong rule's working set and the duality gap: 40 lassos in a few sweeps each",
              (30, 55)),
    SceneInfo("ChoosingLambda", "choosing_lambda",
              "K-fold cross-validation: the error curve builds fold by fold; λ_min and the one-SE λ", (25, 50)),
    SceneInfo("CorrelatedFeaturesBreakIt", "correlated_features",
              "two correlated features: lasso's pick flips between resamples; elastic net shares", (30, 50)),
    SceneInfo("ElasticNetMixing", "elastic_net_mixing",
              "l1_ratio from 1 to 0: the diamond bulges into a circle and the correlated pair shares the weight",
              (25, 50)),
)


def find(name):
    """The :class:`SceneInfo` called ``name`` (exact class name, or case-insensitive), or None.

    Parameters
    ----------
    name : str
        A scene's class name or module name.

    Returns
    -------
    SceneInfo or None
        The scene, or None when there is none of that name.
    """
    for info in COURSE:
        if name == info.name:
            return info
    for info in COURSE:
        if name.lower() in (info.name.lower(), info.module.lower()):
            return info
    return None
