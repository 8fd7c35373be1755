"""The scenes' base classes: background, title, caption swaps (recorded for the captions file), key
frames for the storyboard, and the fade-out that lets scenes chain into the course video.
"""
from manim import UP, FadeIn, FadeOut, Rectangle, Scene, ThreeDScene, Write, config

from .manim_speedups import PruneMovingMobjects
from .palette import BACKGROUND
from .typography import caption, title

__all__ = ["LessonMixin", "Lesson", "Lesson3D"]


class LessonMixin(PruneMovingMobjects):
    """What every course scene shares: background, title, caption swaps and key frames.

    ``key_frame(label)`` records the moment (and, when ``capture_key_frames`` is set by the
    renderer, the picture) for the storyboard. Scenes also set ``self.drawn`` — a dict of the
    numbers they put on screen — so tests can compare them with lassofast without decoding video.
    """

    capture_key_frames = False

    def setup(self):
        """Background colour, and the records tests and the course package read (key frames, drawn
        numbers, title, captions).
        """
        super().setup()
        self.camera.background_color = BACKGROUND
        self.key_frames = []    # (time in s, label, RGB array or None)
        self.drawn = {}
        self.title_text = None  # the title shown by show_title (the course's chapter name)
        self.captions = []      # [start s, end s, text]: when each caption is on screen (the VTT cues)
        self._caption = None

    def tear_down(self):
        """Fade to the background colour, so scenes chained into the course video do not cut
        abruptly. A curtain fading in on top is cheap and does not touch the scene's mobjects."""
        curtain = Rectangle(width=config.frame_width + 1, height=config.frame_height + 1,
                            stroke_width=0, fill_color=BACKGROUND, fill_opacity=0)
        curtain.set_z_index(1000)  # over mobjects lifted with set_z_index too
        self._fixed(curtain)
        self.add_foreground_mobjects(curtain)  # over everything, foreground labels included
        self.play(curtain.animate.set_fill(opacity=1), run_time=0.8)
        if self.captions:  # the last caption stays until the picture has faded out
            self.captions[-1][1] = self.renderer.time
        super().tear_down()

    def show_title(self, s, run_time=1.2):
        """Write the scene's title (it names the chapter in the course video).

        Parameters
        ----------
        s : str
            The title.
        run_time : float, default=1.2
            Seconds of the writing animation.

        Returns
        -------
        manim.Text
            The title.
        """
        t = title(s)
        self.title_text = s
        self._fixed(t)
        self.play(Write(t), run_time=run_time)
        return t

    def say(self, s, run_time=0.6):
        """Replace the caption with ``s``: the old one fades out first, then the new one fades in
        (cross-fading them in one place overlaps two lines of text). Records when each caption is
        on screen, in the video's own clock, for the captions file.

        Parameters
        ----------
        s : str
            The caption.
        run_time : float, default=0.6
            Seconds of the swap.

        Returns
        -------
        manim.Text
            The new caption.
        """
        new = caption(s)
        self._fixed(new)
        if self._caption is not None:
            self.play(FadeOut(self._caption), run_time=run_time / 2)
            self.captions[-1][1] = self.renderer.time
        self.captions.append([self.renderer.time, None, s])
        self.play(FadeIn(new, shift=0.1 * UP), run_time=run_time / 2 if self._caption else run_time)
        self._caption = new
        return new

    def key_frame(self, label):
        """Record this moment (and its picture when ``capture_key_frames`` is set) for the storyboard.

        Parameters
        ----------
        label : str
            What the frame shows.
        """
        image = None
        if self.capture_key_frames:
            self.renderer.update_frame(self)
            image = self.renderer.get_frame()[:, :, :3].copy()
        self.key_frames.append((self.renderer.time, label, image))

    def _fixed(self, mobject):
        """Keep flat text on screen in 3-D scenes (no-op in 2-D)."""


class Lesson(LessonMixin, Scene):
    """A 2-D course scene."""


class Lesson3D(LessonMixin, ThreeDScene):
    """A 3-D course scene; titles and captions stay fixed in the frame while the camera moves."""

    def _fixed(self, mobject):
        self.add_fixed_in_frame_mobjects(mobject)
        self.remove(mobject)  # added for real by the animation that shows it
