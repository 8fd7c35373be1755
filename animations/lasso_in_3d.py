"""LassoIn3D: the L1 ball in three dimensions is an octahedron, and the loss ellipsoid touches it at a
vertex (two weights exactly 0) or on an edge (one weight exactly 0).

Three demo features x1..x3. The octahedron is ``lassofast.geometry.constraint_mesh("l1", t)``, the
contact point ``constrained_solution``. The ellipsoid {w : L(w) = c} is drawn as a stack of its
horizontal slices: fixing w3 = s leaves a 2-feature problem with target y − s·x3, whose contour at
level c is ``lassofast.geometry.loss_contours`` — so the surface's rings are exact loss contours.
"""
import numpy as np
from manim import (DEGREES, DOWN, UR, Create, Dot3D, FadeIn, FadeOut, GrowFromPoint,
                   Polygon, Surface, ThreeDAxes, VGroup)

import lassofast
from lassofast import geometry

from . import problems
from .style import (CONTACT_COLOR, L1_COLOR, LOSS_COLOR, MUTED, OLS_COLOR, Lesson3D, feature_color,
                    math, on_backdrop)

__all__ = ["LassoIn3D", "budgets", "ellipsoid_rings", "EXTENT", "Z_BELOW"]

N_RINGS, N_AROUND = 13, 28  # the surface's faces dominate the 3-D render time
EXTENT = 3.0   # the 3-D axes run over [-EXTENT, EXTENT]² × [-Z_BELOW, EXTENT]
Z_BELOW = 2.0  # the w3 axis stops short below: both solids end above -2, and the caption stays clear


def budgets():
    """Two budgets for the first three demo features: a vertex contact (one weight non-zero) and an
    edge contact (two non-zero) — the L1 radii at the geometric middles between path entry points.

    Returns
    -------
    X : ndarray of shape (120, 3)
        The first three demo features.
    y : ndarray of shape (120,)
        The demo target.
    solutions : list of lassofast.geometry.ConstrainedSolution
        The exact contact for each budget.
    """
    data = problems.demo()
    X, y = data.X[:, :3], data.y
    entries = sorted((knots[0].alpha for knots in lassofast.lasso_path(X, y).knots()), reverse=True)
    alphas = [np.sqrt(entries[0] * entries[1]), np.sqrt(entries[1] * entries[2])]
    radii = [geometry.radius_for_alpha(X, y, a, "l1") for a in alphas]
    return X, y, [geometry.constrained_solution(X, y, t, "l1") for t in radii]


def _slice(X, y, s, level):
    """The ellipsoid's ring at w3 = s (an (N_AROUND, 2) array of (w1, w2)), or None if it misses."""
    try:
        return geometry.loss_contours(X[:, :2], y - s * X[:, 2], [level], n_points=N_AROUND).points[0]
    except ValueError:  # the level is below this slice's smallest loss: no ring here
        return None


def ellipsoid_rings(X, y, level, centre):
    """Rings (N_RINGS, N_AROUND, 3) of the loss level set, from pole to pole.

    The poles (the extreme w3 with a ring) are found by bisection from the least-squares point's w3;
    rings are spaced densely near the poles (cosine spacing) so the caps stay round.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 3)
        The three features.
    y : ndarray of shape (n_samples,)
        Target.
    level : float
        The loss of the level set.
    centre : ndarray of shape (3,)
        The least-squares point.

    Returns
    -------
    ndarray of shape (N_RINGS, N_AROUND, 3)
        Points (w1, w2, w3) of the rings.
    """
    def pole(direction):
        inside, step = centre[2], 0.5
        while _slice(X, y, inside + direction * step, level) is not None:
            inside, step = inside + direction * step, 2 * step
        outside = inside + direction * step
        for _ in range(40):
            mid = 0.5 * (inside + outside)
            inside, outside = (mid, outside) if _slice(X, y, mid, level) is not None else (inside, mid)
        return inside

    low, high = pole(-1.0), pole(1.0)
    heights = low + (high - low) * 0.5 * (1 - np.cos(np.linspace(0, np.pi, N_RINGS)))
    return np.array([np.column_stack([_slice(X, y, s, level), np.full(N_AROUND, s)]) for s in heights])


class LassoIn3D(Lesson3D):
    """The L1 octahedron and a loss ellipsoid touching it, seen from a moving camera."""
    def construct(self):
        X, y, (vertex, edge) = budgets()
        least = geometry.constrained_solution(X, y, geometry.radius_for_alpha(X, y, 0.0))
        centre, min_loss = least.coef, least.loss   # the ellipsoids' common centre and lowest loss
        # Looking a little above the origin lowers the picture: the w3 label clears the title.
        self.set_camera_orientation(phi=68 * DEGREES, theta=-35 * DEGREES, zoom=0.8, frame_center=[0, 0, 0.7])
        self.show_title("Lasso in 3-D: the octahedron")

        axes = ThreeDAxes(x_range=[-EXTENT, EXTENT, 1], y_range=[-EXTENT, EXTENT, 1],
                          z_range=[-Z_BELOW, EXTENT, 1], x_length=6, y_length=6, z_length=Z_BELOW + EXTENT,
                          axis_config={"color": MUTED, "stroke_width": 2, "include_tip": False},
                          num_axis_pieces=6)  # Manim's default 20 shaded pieces per axis cost more than the surface
        labels = VGroup(*[on_backdrop(math(f"w_{j + 1}", 40, feature_color(j)), 0.8) for j in range(3)])
        for label, end in zip(labels, np.eye(3) * (EXTENT + 0.35)):
            label.move_to(axes.c2p(*end))
            self.add_fixed_orientation_mobjects(label)
        self.play(Create(axes), FadeIn(labels), run_time=1.5)
        self.add_foreground_mobjects(labels)  # axis names stay readable in front of the surfaces

        octahedron = self.octahedron(axes, vertex.radius)
        self.say("With three features the diamond is an octahedron, vertices on the axes.")
        self.play(FadeIn(octahedron), run_time=1.5)
        self.begin_ambient_camera_rotation(rate=0.09)
        self.wait(2)

        ls = Dot3D(axes.c2p(*centre), radius=0.07, color=OLS_COLOR)
        surface = self.ellipsoid(axes, X, y, vertex.loss, centre)
        self.say("Around the least-squares point, the loss has ellipsoids as its level sets.")
        self.play(FadeIn(ls), run_time=0.5)
        # Level sets of a quadratic are scaled copies about its centre: growing = scaling.
        self.play(GrowFromPoint(surface, axes.c2p(*centre)), run_time=4)
        contact = Dot3D(axes.c2p(*vertex.coef), radius=0.1, color=CONTACT_COLOR)
        readout = self.readout(vertex.coef)
        self.drawn.update(axes=axes, vertex_contact=contact, vertex=vertex)
        self.play(FadeIn(contact, scale=2), FadeIn(readout), run_time=1)
        self.add_foreground_mobjects(contact)  # the touching point is never hidden behind a face
        self.say("The first touch is at a vertex: two of the three weights are exactly 0.")
        # Pause the camera side-on to the touching vertex: the ellipsoid rests on its tip.
        self.stop_ambient_camera_rotation()
        self.move_camera(phi=82 * DEGREES, theta=self._side_on(vertex.coef), zoom=0.95, run_time=2)
        self.key_frame("the ellipsoid touches a vertex")
        self.wait(3)
        self.begin_ambient_camera_rotation(rate=0.09)

        # A bigger budget: now the touch lands on an edge. Both shapes are scaled copies of themselves
        # (the L1 ball about 0, a level set of the quadratic loss about its centre), so they change by
        # scaling - no face is re-matched, nothing flashes.
        contact2 = Dot3D(axes.c2p(*edge.coef), radius=0.1, color=CONTACT_COLOR)
        readout2 = self.readout(edge.coef)
        growth = edge.radius / vertex.radius
        shrink = np.sqrt((edge.loss - min_loss) / (vertex.loss - min_loss))
        self.say("A bigger budget: now the ellipsoid touches an edge; one weight is 0.")
        self.remove_foreground_mobjects(contact)
        self.play(octahedron.animate.scale(growth, about_point=axes.c2p(0, 0, 0)),
                  surface.animate.scale(shrink, about_point=axes.c2p(*centre)),
                  FadeOut(contact), FadeOut(readout), run_time=3)
        self.play(FadeIn(contact2, scale=2), FadeIn(readout2), run_time=1)
        self.add_foreground_mobjects(contact2)
        self.drawn.update(edge_contact=contact2, edge=edge, surface=surface, octahedron=octahedron,
                          growth=growth, shrink=shrink)
        self.stop_ambient_camera_rotation()
        self.move_camera(phi=75 * DEGREES, theta=self._side_on(edge.coef), zoom=0.95, run_time=2)
        self.key_frame("the ellipsoid touches an edge")
        self.wait(2)
        self.begin_ambient_camera_rotation(rate=0.09)
        self.say("Weights vanish on vertices and edges - and the ellipsoid finds them.")
        self.wait(5)
        self.stop_ambient_camera_rotation()
        self.key_frame("another view")

    @staticmethod
    def _side_on(point):
        """A camera azimuth that looks at ``point`` across its direction in the (w1, w2) plane, so a
        contact on the solid's rim is seen in profile."""
        return float(np.arctan2(point[1], point[0]) - np.pi / 2) if np.any(point[:2]) else -np.pi / 2

    @staticmethod
    def octahedron(axes, radius):
        """The L1 ball of radius ``radius`` (lassofast.geometry's mesh) as shaded faces.

        Parameters
        ----------
        axes : manim.ThreeDAxes
            The weight space.
        radius : float
            The budget t.

        Returns
        -------
        manim.VGroup
            The faces.
        """
        mesh = geometry.constraint_mesh("l1", radius)
        return VGroup(*[Polygon(*[axes.c2p(*mesh.vertices[i]) for i in face], stroke_color=L1_COLOR,
                                stroke_width=1.5, fill_color=L1_COLOR, fill_opacity=0.6,
                                shade_in_3d=True) for face in mesh.faces])

    @staticmethod
    def ellipsoid(axes, X, y, level, centre):
        """The loss level set as a surface through :func:`ellipsoid_rings`.

        Parameters
        ----------
        axes : manim.ThreeDAxes
            The weight space.
        X : ndarray of shape (n_samples, 3)
            The three features.
        y : ndarray of shape (n_samples,)
            Target.
        level : float
            The loss of the level set.
        centre : ndarray of shape (3,)
            The least-squares point.

        Returns
        -------
        manim.Surface
            The ellipsoid.
        """
        rings = ellipsoid_rings(X, y, level, centre)

        def point(u, v):  # bilinear in the ring grid (Surface also samples between the nodes)
            i0, j0 = int(min(np.floor(u), N_RINGS - 2)), int(min(np.floor(v), N_AROUND - 2))
            a, b = u - i0, v - j0
            p = ((1 - a) * (1 - b) * rings[i0, j0] + a * (1 - b) * rings[i0 + 1, j0]
                 + (1 - a) * b * rings[i0, j0 + 1] + a * b * rings[i0 + 1, j0 + 1])
            return axes.c2p(*p)

        return Surface(point, u_range=(0, N_RINGS - 1), v_range=(0, N_AROUND - 1),
                       resolution=(N_RINGS - 1, N_AROUND - 1), fill_color=LOSS_COLOR,
                       fill_opacity=0.16, checkerboard_colors=False, stroke_color=LOSS_COLOR,
                       stroke_width=0.6, stroke_opacity=0.45)

    def readout(self, w):
        """The contact point w, fixed in the frame's top right corner.

        Parameters
        ----------
        w : ndarray of shape (3,)
            The weights (exact zeros are written as 0).

        Returns
        -------
        manim.MathTex
            The read-out.
        """
        parts = ", ".join("0" if v == 0 else f"{v:.2f}" for v in w)
        row = math(rf"w = ({parts})", 38, CONTACT_COLOR).to_corner(UR, buff=0.5).shift(0.9 * DOWN)
        self.add_fixed_in_frame_mobjects(row)
        self.remove(row)
        return row
