"""Speed-ups that reach into Manim's internals, kept apart so the ``manim<0.23`` pin is easy to review.

Each relies on something Manim does not promise to keep: :class:`Switch` and :func:`redraw` replace
``always_redraw`` (which rebuilds and deep-copies every frame); :class:`PruneMovingMobjects` edits
``Scene.moving_mobjects`` from ``update_to_time`` so a swapped picture is not drawn twice;
:class:`Number` overrides ``DecimalNumber._string_to_mob`` to reuse cached glyphs. Check them when
Manim is upgraded (the scene tests compare what is drawn with lassofast).
"""
from manim import DecimalNumber, VGroup, VMobject

__all__ = ["PruneMovingMobjects", "Switch", "redraw", "Number", "Count"]


class PruneMovingMobjects:
    """Scene mixin: drop mobjects no longer on screen from the animation's frozen list (for :class:`Switch`)."""

    def update_to_time(self, t):
        """Manim freezes the list of moving mobjects (flattened) when an animation starts; after a
        :class:`Switch` swaps its picture, the old picture is still in that list and would be drawn
        on top of the new one. Keep only what is still on screen.

        Parameters
        ----------
        t : float
            The animation's time (Manim's argument).
        """
        super().update_to_time(t)
        if self.moving_mobjects:
            live = set(self.get_mobject_family_members())
            self.moving_mobjects = [m for m in self.moving_mobjects if m in live]


class _Shared(dict):
    """A dict that copies of its owner share (Mobject.copy deep-copies everything else)."""

    def __deepcopy__(self, memo):
        return self


class Switch(VGroup):
    """Shows ``build(key())``, rebuilt only when the key changes (and, with ``remember``, kept per key).

    The scenes' moving parts are functions of one number (a grid index, λ, the budget t), so this is
    ``always_redraw`` without its costs: Manim's version rebuilds every frame and then deep-copies
    and aligns the new picture into the old one (``Mobject.become``), which dominated render time.

    Parameters
    ----------
    key : callable
        () -> a hashable key, read every frame.
    build : callable
        key -> the picture (a Mobject).
    remember : bool, default=True
        Keep each key's picture for when the key comes back.
    """

    def __init__(self, key, build, remember=True):
        super().__init__()
        self._key, self._build, self._remember, self.shown = key, build, remember, None
        self._cache = _Shared()
        self._refresh()
        self.add_updater(lambda mob: mob._refresh())

    def _refresh(self):
        k = self._key()
        if k == self.shown and self.submobjects:
            return
        picture = self._cache.get(k) if self._remember else None
        if picture is None:
            picture = self._build(k)
            if self._remember:
                self._cache[k] = picture
        self.shown = k
        self.remove(*self.submobjects)
        self.add(picture)


def redraw(build, *trackers):
    """A picture rebuilt by ``build()`` whenever one of the ValueTrackers changes.

    Parameters
    ----------
    build : callable
        () -> the picture.
    *trackers : manim.ValueTracker
        The values the picture depends on.

    Returns
    -------
    Switch
        The live picture.
    """
    return Switch(lambda: tuple(t.get_value() for t in trackers), lambda _: build(), remember=False)


_GLYPHS = {}


def _light_copy(mob):
    """A bare VMobject with the same points: copying cached glyphs this way is ~100× faster than
    Mobject.copy() (a deepcopy), which dominated the render time of scenes with live readouts."""
    out = VMobject()
    out.points = mob.points.copy()
    out.submobjects = [_light_copy(m) for m in mob.submobjects]
    return out


class Number(DecimalNumber):
    """A DecimalNumber for readouts that change every frame (same look, cheap to rebuild)."""

    def _string_to_mob(self, string, mob_class=None, **kwargs):
        key = (string, self._font_size)
        if key not in _GLYPHS:
            _GLYPHS[key] = super()._string_to_mob(string, mob_class, **kwargs)
        return _light_copy(_GLYPHS[key])


class Count(Number):
    """An integer readout.

    Parameters
    ----------
    number : int, default=0
        The value.
    **kwargs : dict
        Other arguments of ``manim.DecimalNumber``.
    """

    def __init__(self, number=0, **kwargs):
        super().__init__(number, num_decimal_places=0, **kwargs)
