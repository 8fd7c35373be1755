"""Constraint regions {pen(w) ≤ t}: the penalty, 2-D boundaries, 3-D meshes and normal cones."""
import itertools
from dataclasses import dataclass

import numpy as np

from .._validation import check_array, check_scalar
from ._common import _check_kind, _pen

__all__ = ["penalty", "constraint_boundary", "Mesh", "constraint_mesh", "normal_cone"]


def penalty(w, kind="l1", l1_ratio=0.5):
    """pen(w) for the region ``kind``: ||w||₁ ("l1"), ||w||₂ ("l2"), ρ||w||₁ + (1−ρ)/2||w||² ("enet").

    Parameters
    ----------
    w : array-like of shape (n_features,)
        The weights.
    kind : {"l1", "l2", "enet"}, default="l1"
        The region (see the package docstring).
    l1_ratio : float, default=0.5
        ρ of the "enet" region (ignored by the others).

    Returns
    -------
    float
        pen(w).
    """
    rho = _check_kind(kind, l1_ratio)
    return _pen(check_array(w, "w", ndim=1, dtype=np.float64), kind, rho)


# ---------------------------------------------------------------------------------------------
# Constraint regions
# ---------------------------------------------------------------------------------------------

def _scale_to_boundary(u, kind, t, rho):
    """Scale each non-zero row u to the boundary point s·u with pen(s·u) = t.

    For "enet", s solves ρ·s·||u||₁ + (1−ρ)/2·s²·||u||² = t, written
    s = 2t/(ρ||u||₁ + √(ρ²||u||₁² + 2(1−ρ)t||u||²)) so that ρ = 1 (s = t/||u||₁) and ρ = 0 (s = √(2t)/||u||)
    need no special case.
    """
    if t == 0:
        return np.zeros_like(u)
    l1 = np.abs(u).sum(axis=1)
    l2sq = np.einsum("ij,ij->i", u, u)
    if kind == "l1":
        s = t / l1
    elif kind == "l2":
        s = t / np.sqrt(l2sq)
    else:
        s = 2.0 * t / (rho * l1 + np.sqrt((rho * l1) ** 2 + 2.0 * (1.0 - rho) * t * l2sq))
    return u * s[:, None]


def _quarter_turn(points, q):
    """Rotate 2-D points by q·90° counter-clockwise, exactly (a swap and sign flips)."""
    x, y = points[:, 0], points[:, 1]
    return np.column_stack([(x, -y, -x, y)[q], (y, x, -y, -x)[q]])


def constraint_boundary(kind, radius, n_points=401, l1_ratio=0.5):
    """The boundary {w ∈ R² : pen(w) = radius} as a closed polyline, shape (n_points, 2).

    Counter-clockwise from the positive w₁ axis; the last row repeats the first. Each quadrant gets a
    quarter of the points and starts exactly on an axis, so the diamond's 4 corners (±t, 0), (0, ±t)
    (and the "enet" ball's axis points) are rows of the array. "l1" is sampled evenly along its
    edges, "l2" and "enet" evenly in angle. See the module docstring for the regions.

    Parameters
    ----------
    kind : {"l1", "l2", "enet"}
        The region.
    radius : float
        t ≥ 0, the level of the penalty.
    n_points : int, default=401
        Rows of the polyline (≥ 5), the last one repeating the first.
    l1_ratio : float, default=0.5
        ρ of the "enet" region (ignored by the others).

    Returns
    -------
    ndarray of shape (n_points, 2)
        The boundary points, counter-clockwise.
    """
    rho = _check_kind(kind, l1_ratio)
    t = check_scalar(radius, "radius", low=0.0)
    n_points = check_scalar(n_points, "n_points", low=5, integer=True)
    counts = np.full(4, (n_points - 1) // 4)
    counts[: (n_points - 1) % 4] += 1
    quarters = []
    for q, m in enumerate(counts):
        f = np.arange(m) / m
        arc = np.column_stack([1.0 - f, f]) if kind == "l1" else np.column_stack(
            [np.cos(0.5 * np.pi * f), np.sin(0.5 * np.pi * f)])
        quarters.append(_quarter_turn(arc, q))
    directions = np.vstack(quarters + [[[1.0, 0.0]]])
    return _scale_to_boundary(directions, kind, t, rho)


@dataclass(frozen=True, eq=False)
class Mesh:
    """A triangle mesh: ``vertices`` (V, 3) float, ``faces`` (F, 3) vertex indices (counter-clockwise
    seen from outside), ``edges`` (E, 2) vertex index pairs (every edge of every face, once).

    Attributes
    ----------
    vertices : ndarray of shape (V, 3)
        Vertex coordinates.
    faces : ndarray of shape (F, 3)
        Vertex indices of each triangle.
    edges : ndarray of shape (E, 2)
        Vertex index pairs.
    """
    vertices: np.ndarray
    faces: np.ndarray
    edges: np.ndarray


def constraint_mesh(kind, radius, n_subdivisions=None, l1_ratio=0.5):
    """The 3-D region {w ∈ R³ : pen(w) ≤ radius} as a triangle :class:`Mesh` of its surface.

    Built from the octahedron (vertices ±t·e_i, one face per octant) with each face cut into
    ``n_subdivisions``² triangles and every vertex pushed radially onto the boundary. For "l1" the
    default (1) is the octahedron itself: 6 vertices, 12 edges, 8 faces; finer "l1" meshes stay flat.
    "l2" (the sphere) and "enet" default to 16 subdivisions (1026 vertices, 2048 faces).

    Parameters
    ----------
    kind : {"l1", "l2", "enet"}
        The region.
    radius : float
        t ≥ 0, the level of the penalty.
    n_subdivisions : int, optional
        Cuts per octahedron edge, 1 to 256 (default: 1 for "l1", 16 otherwise).
    l1_ratio : float, default=0.5
        ρ of the "enet" region (ignored by the others).

    Returns
    -------
    Mesh
        The surface's vertices, faces and edges.
    """
    rho = _check_kind(kind, l1_ratio)
    t = check_scalar(radius, "radius", low=0.0)
    m = (1 if kind == "l1" else 16) if n_subdivisions is None else check_scalar(
        n_subdivisions, "n_subdivisions", low=1, high=256, integer=True)
    index, lattice, faces = {}, [], []

    def vertex(key):  # integer lattice point with |i|+|j|+|k| = m, shared between faces
        if key not in index:
            index[key] = len(lattice)
            lattice.append(key)
        return index[key]

    for sx in (1, -1):
        for sy in (1, -1):
            for sz in (1, -1):
                corners = np.array([[sx, 0, 0], [0, sy, 0], [0, 0, sz]])
                if sx * sy * sz < 0:  # keep every face counter-clockwise seen from outside
                    corners = corners[[0, 2, 1]]
                a, b, c = corners

                def at(i, j):
                    return vertex(tuple(int(v) for v in c * m + i * (a - c) + j * (b - c)))

                for i in range(m):
                    for j in range(m - i):
                        faces.append((at(i, j), at(i + 1, j), at(i, j + 1)))
                        if i + j < m - 1:
                            faces.append((at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)))
    faces = np.array(faces, dtype=np.intp)
    vertices = _scale_to_boundary(np.array(lattice, dtype=np.float64) / m, kind, t, rho)
    edges = np.sort(np.vstack([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    return Mesh(vertices=vertices, faces=faces, edges=np.unique(edges, axis=0))


def normal_cone(coef, kind="l1", l1_ratio=0.5, max_rays=4096):
    """Unit generators of the outward normal cone of {pen ≤ pen(coef)} at ``coef``, shape (m, p).

    The cone is spanned by ∂pen(w) = {ρ·g + (1−ρ)·w : g_j = sign(w_j) if w_j ≠ 0, g_j ∈ [−1, 1] if w_j = 0}
    ({w/||w||} for "l2"), so a point with k zero coordinates (a corner of the diamond) has 2^k extreme
    rays, one row each; a smooth point has one row. Raises ValueError past ``max_rays`` rows.

    Parameters
    ----------
    coef : array-like of shape (n_features,)
        A point of the region's boundary.
    kind : {"l1", "l2", "enet"}, default="l1"
        The region (see the package docstring).
    l1_ratio : float, default=0.5
        ρ of the "enet" region (ignored by the others).
    max_rays : int, default=4096
        Most rows to list.

    Returns
    -------
    ndarray of shape (m, n_features)
        Unit extreme rays of the cone.
    """
    rho = _check_kind(kind, l1_ratio)
    w = check_array(coef, "coef", ndim=1, dtype=np.float64)
    if kind == "l2" or rho == 0:
        if not w.any():
            raise ValueError("The ball with radius 0 is a point; its normal cone is every direction.")
        return (w / np.linalg.norm(w))[None, :]
    zero = np.flatnonzero(w == 0)
    if 2 ** len(zero) > max_rays:
        raise ValueError(f"coef has {len(zero)} zero coordinates, so the normal cone has 2^{len(zero)} "
                         f"extreme rays (more than max_rays={max_rays}); raise max_rays to list them.")
    choices = np.array(list(itertools.product((1.0, -1.0), repeat=len(zero))), dtype=np.float64)
    choices = choices.reshape(2 ** len(zero), len(zero))
    g = np.tile(np.sign(w), (len(choices), 1))
    g[:, zero] = choices
    rays = rho * g + (1.0 - rho) * w
    return rays / np.linalg.norm(rays, axis=1, keepdims=True)
