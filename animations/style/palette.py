"""The videos' colours: :mod:`lassofast.palette` (shared with the figures, the storyboard and the
explorer page), offered here with the rest of the course's look.

Feature x_j always has ``feature_color(j)``, the L1 region is always ``L1_COLOR``, and so on.
"""
from lassofast.palette import (BACKGROUND, BAND_COLOR, CONTACT_COLOR, ENET_COLOR, FEATURE_COLORS, INK,
                               L1_COLOR, L2_COLOR, LOSS_COLOR, MUTED, OLS_COLOR, TOUCH_COLOR, feature_color)

__all__ = ["BACKGROUND", "BAND_COLOR", "CONTACT_COLOR", "ENET_COLOR", "FEATURE_COLORS", "INK", "L1_COLOR",
           "L2_COLOR", "LOSS_COLOR", "MUTED", "OLS_COLOR", "TOUCH_COLOR", "feature_color"]
