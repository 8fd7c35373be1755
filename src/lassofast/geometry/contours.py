"""Level sets of the least-squares loss over two weights: ellipses, or parallel lines when singular."""
from dataclasses import dataclass

import numpy as np

from .._validation import check_array, check_scalar, check_X_y
from .solution import _Centred, _eigen

__all__ = ["LossContours", "loss_contours"]


@dataclass(frozen=True, eq=False)
class LossContours:
    """Level sets {w : L(w) = c} of a 2-feature squared loss.

    With H = XcᵀXc/n = V·diag(λ)·Vᵀ and w_ls the least-squares solution,
    L(w) = L_min + ½(w − w_ls)ᵀH(w − w_ls), so level c is the ellipse centred at w_ls with semi-axis
    √(2(c − L_min)/λ_i) along eigenvector v_i. When H is singular (perfectly correlated features, λ₂ = 0)
    the level set is the pair of parallel lines v₁ᵀ(w − w_ls) = ±√(2(c − L_min)/λ₁) along v₂:
    ``degenerate`` is True, the semi-axis along v₂ is ``inf`` and ``lines`` holds them instead of ``points``.

    Attributes
    ----------
    center : ndarray of shape (2,)
        The least-squares solution (the minimum-norm one when degenerate).
    min_loss : float
        L at the centre.
    eigenvalues : ndarray of shape (2,)
        Of XcᵀXc/n, decreasing (λ₂ = 0.0 exactly when degenerate).
    eigenvectors : ndarray of shape (2, 2)
        Column i belongs to eigenvalue i.
    levels : ndarray of shape (k,)
        The loss values c.
    semi_axes : ndarray of shape (k, 2)
        Half-lengths along the eigenvectors.
    degenerate : bool
        Whether H is singular (the level sets are line pairs).
    points : ndarray of shape (k, n_points, 2)
        Closed ellipses (last row = first); empty if degenerate.
    lines : ndarray of shape (k, 2, 2, 2)
        Level, line (−, +), segment end, xy; empty if not degenerate.
    """
    center: np.ndarray
    min_loss: float
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    levels: np.ndarray
    semi_axes: np.ndarray
    degenerate: bool
    points: np.ndarray
    lines: np.ndarray

    def polylines(self):
        """Every curve to draw as a list of (m, 2) arrays: one ellipse per level, or two lines.

        Returns
        -------
        list of ndarray of shape (m, 2)
            The curves.
        """
        if self.degenerate:
            return [seg for level in self.lines for seg in level]
        return list(self.points)


def loss_contours(X, y, levels, n_points=200, extent=None):
    """Contours of L(w) = (1/(2n))||yc − Xc·w||² at the given loss ``levels`` (see :class:`LossContours`).

    ``levels`` are values of L itself (the same scale as :attr:`ConstrainedSolution.loss`); each must
    be ≥ L_min. ``extent`` is the half-length of the lines drawn in the degenerate case (default: 3
    times the larger of |w_ls| and the lines' offset). Raises ValueError when both features are
    constant, because then the loss is flat and has no contours.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Two features (centred here).
    y : array-like of shape (n_samples,)
        Target.
    levels : float or array-like of shape (k,)
        Loss values, each ≥ L_min.
    n_points : int, default=200
        Points per ellipse (≥ 3).
    extent : float, optional
        Half-length of the lines in the degenerate case.

    Returns
    -------
    LossContours
        The level sets and the quadratic they come from.
    """
    X, y = check_X_y(X, y)
    if X.shape[1] != 2:
        raise ValueError(f"loss_contours draws 2-feature problems; X has {X.shape[1]} features. "
                         f"Pick two columns, e.g. X[:, [0, 1]].")
    n_points = check_scalar(n_points, "n_points", low=3, integer=True)
    if np.ndim(levels) > 1:
        raise ValueError(f"levels must be a number or a 1-D sequence of losses; "
                         f"got shape {np.shape(levels)}.")
    levels = check_array(np.atleast_1d(levels), "levels", ndim=1, dtype=np.float64)
    data = _Centred(X, y)
    lam, vecs, flat = (a[..., ::-1] for a in _eigen(data.X.T @ data.X, data.n))   # decreasing
    rank = int((~flat).sum())
    if rank == 0:
        raise ValueError("Both features are constant, so the loss does not depend on w and has no "
                         "contours; use features that vary.")
    vecs = vecs * np.sign(vecs[np.abs(vecs).argmax(axis=0), [0, 1]])  # largest component positive
    eig = lam / data.n
    center_ = vecs[:, :rank] @ ((vecs[:, :rank].T @ data.Xty) / lam[:rank])
    r = data.y - data.X @ center_
    min_loss = float(r @ r / (2 * data.n))
    slack = 1e-12 * max(min_loss, float(data.y @ data.y) / (2 * data.n))
    if (levels < min_loss - slack).any():
        raise ValueError(f"Every level must be >= the smallest loss L_min = {min_loss:.6g} (no w has a "
                         f"lower loss); got {levels[levels < min_loss - slack][:3]}.")
    excess = 2.0 * np.maximum(levels - min_loss, 0.0)
    with np.errstate(divide="ignore"):
        semi = np.where(eig > 0, np.sqrt(excess[:, None] / np.where(eig > 0, eig, 1.0)), np.inf)
    if rank == 2:
        phi = np.linspace(0.0, 2.0 * np.pi, n_points)
        circle = np.column_stack([np.cos(phi), np.sin(phi)])
        pts = center_ + np.einsum("ka,ma,ba->kmb", semi, circle, vecs)
        pts[:, -1] = pts[:, 0]
        lines = np.zeros((0, 2, 2, 2))
    else:
        offset = semi[:, 0]
        half = check_scalar(extent, "extent", low=0.0, include_low=False) if extent is not None else \
            3.0 * max(float(np.linalg.norm(center_)), float(offset.max()), 1e-12)
        across, along = vecs[:, 0], vecs[:, 1]
        sides = np.array([-1.0, 1.0])
        base = center_ + sides[None, :, None] * offset[:, None, None] * across   # (k, 2, 2)
        lines = base[:, :, None, :] + (sides[:, None] * half * along)[None, None, :, :]
        pts = np.zeros((0, n_points, 2))
    return LossContours(center=center_, min_loss=min_loss, eigenvalues=eig, eigenvectors=vecs,
                        levels=levels, semi_axes=semi, degenerate=rank < 2, points=pts, lines=lines)
