"""Sufficient statistics of a least-squares problem, mergeable chunk by chunk.

A :class:`Moments` holds, for the columns of Z = [X | y] over a set of rows (weighted by w > 0): the
number of rows, Σw, the weighted means, the centred co-moment matrix Σ wᵢ (zᵢ − m)(zᵢ − m)ᵀ and the
column minima and maxima. Each chunk is centred by its own mean before its products are summed, and
two sets are merged with Chan, Golub and LeVeque's pairwise update (the co-moments of the union are
the sum plus a rank-one term in the difference of the means), so data with large column means
(1e6 + noise) keeps its digits: the naive Σ zzᵀ − n·m·mᵀ would cancel them away. Each mean is held as
a float64 shift plus a small offset (a double-double of sorts): a mean of 1e6 in one float64 is known
only to ~1e-10, and the merges' rank-one term would carry that error into the co-moments of a column
of small spread (noise of scale 1e-3 would keep ~9 digits). The difference of two shifts near each
other is exact (Sterbenz), so the mean differences keep full relative precision.

The Gram-layout path needs no more than these (see :func:`gram_statistics`), and so does the
held-out error of a model on a fold (:func:`squared_error`).
"""
from dataclasses import dataclass

import numpy as np

__all__ = ["Moments", "gram_statistics", "squared_error"]


@dataclass(frozen=True)
class Moments:
    """Weighted moments of the columns of Z = [X | y] over a set of rows (see the module docstring)."""
    count: int               # rows with weight > 0
    weight: float            # Σ w over those rows
    shift: np.ndarray        # (q,) a float64 reference near the weighted column means
    offset: np.ndarray       # (q,) mean − shift (small: the mean to full relative precision)
    comoment: np.ndarray     # (q, q) Σ wᵢ (zᵢ − mean)(zᵢ − mean)ᵀ
    low: np.ndarray          # (q,) column minima over the rows (constant columns: low == high)
    high: np.ndarray         # (q,) column maxima

    @property
    def mean(self):
        """(q,) the weighted column means (float64)."""
        return self.shift + self.offset

    @classmethod
    def empty(cls, q):
        return cls(0, 0.0, np.zeros(q), np.zeros(q), np.zeros((q, q)), np.full(q, np.inf), np.full(q, -np.inf))

    @classmethod
    def of_rows(cls, Z, w=None, overwrite=False):
        """The moments of the rows of Z (n, q), centred by their own mean first; rows of weight 0 skipped.
        ``overwrite=True`` lets a float64 Z be used as the work array (one copy less of a chunk)."""
        Z = np.asarray(Z, dtype=np.float64)
        if w is not None:
            keep = w > 0
            if not keep.all():
                Z, w = Z[keep], w[keep]
        n, q = Z.shape
        if n == 0:
            return cls.empty(q)
        low, high = Z.min(axis=0), Z.max(axis=0)
        total = float(n) if w is None else float(w.sum())
        mean = Z.mean(axis=0) if w is None else (w @ Z) / total
        D = np.subtract(Z, mean, out=Z if overwrite and Z.flags.writeable else None)
        # The mean refined by the mean of the residuals (the corrected two-pass algorithm): with columns
        # of mean 1e6, the first mean is off by ~1e-10, which the merges' mean differences would carry.
        correction = D.mean(axis=0) if w is None else (w @ D) / total
        D -= correction
        if w is not None:
            D *= np.sqrt(w)[:, None]
        return cls(n, total, mean, correction, D.T @ D, low, high)  # D.T @ D: one symmetric rank-k update (syrk)

    def merge(self, other):
        """The moments of the union of two disjoint row sets (Chan et al.'s pairwise update)."""
        if other.weight == 0:
            return self
        if self.weight == 0:
            return other
        total = self.weight + other.weight
        delta = (other.shift - self.shift) + (other.offset - self.offset)
        offset = self.offset + delta * (other.weight / total)
        comoment = self.comoment + other.comoment
        comoment += (self.weight * other.weight / total) * np.outer(delta, delta)
        return Moments(self.count + other.count, total, self.shift, offset, comoment,
                       np.minimum(self.low, other.low), np.maximum(self.high, other.high))

    def minus(self, part, low, high):
        """The moments of the rows of ``self`` not in ``part`` (a subset of them): the merge undone.

        Minima and maxima cannot be subtracted: the caller gives the rest's ``low`` and ``high``."""
        rest = self.weight - part.weight
        if part.weight == 0:
            return self
        if not rest > 0:
            return Moments.empty(self.mean.shape[0])
        shifts = self.shift - part.shift
        offset = self.offset + (shifts + (self.offset - part.offset)) * (part.weight / rest)
        delta = shifts + (offset - part.offset)  # the rest's mean − the part's
        comoment = self.comoment - part.comoment
        comoment -= (rest * part.weight / self.weight) * np.outer(delta, delta)
        return Moments(self.count - part.count, rest, self.shift, offset, comoment, low, high)


def merge_all(parts):
    """The moments of the union of disjoint row sets (a pairwise tree, as dask reduces them)."""
    parts = list(parts)
    while len(parts) > 1:
        parts = [parts[i].merge(parts[i + 1]) if i + 1 < len(parts) else parts[i]
                 for i in range(0, len(parts), 2)]
    return parts[0]


def gram_statistics(moments, fit_intercept):
    """What the Gram layout of a path needs, in the scaling of the in-memory path:

    ``(gram, Xty, yty, x_offset, y_offset, n_samples, constant)`` with gram = XcᵀXc, Xty = Xcᵀyc,
    yty = ycᵀyc for the centred data (with an intercept) or the raw data (without); weights rescaled to
    sum to the number of rows of non-zero weight, as :func:`lassofast.enet_path` rescales them.
    Constant columns (with an intercept) have zero rows and columns; a constant y gives Xty = yty = 0."""
    q = moments.mean.shape[0]
    p = q - 1
    n = moments.count
    scale = n / moments.weight
    if fit_intercept:
        S = moments.comoment * scale
        mean = moments.mean
        x_offset, y_offset = mean[:p], float(mean[p])
        flat = moments.low == moments.high
        constant = flat[:p]
    else:
        mean = moments.mean
        S = (moments.comoment + moments.weight * np.outer(mean, mean)) * scale
        x_offset, y_offset = np.zeros(p), 0.0
        flat = np.zeros(q, dtype=bool)
        constant = flat[:p]
    S[flat, :] = 0
    S[:, flat] = 0
    gram = np.asfortranarray(S[:p, :p])
    return gram, S[:p, p].copy(), float(S[p, p]), x_offset, y_offset, n, constant


def squared_error(moments, coefs, intercepts):
    """Σ wᵢ (yᵢ − xᵢᵀw − b)² over the rows of ``moments`` for every model (column) of ``coefs`` (p, K)
    with ``intercepts`` (K,), from the moments alone: the centred part
    C_yy − 2wᵀC_xy + wᵀC_xx w plus Σw·(ȳ − x̄ᵀw − b)² (raw weights, not rescaled)."""
    p = moments.mean.shape[0] - 1
    C = moments.comoment
    W = np.asarray(coefs, dtype=np.float64)
    centred = C[p, p] - 2 * (C[:p, p] @ W) + np.einsum("jk,jk->k", W, C[:p, :p] @ W)
    mean = moments.mean
    shift = mean[p] - mean[:p] @ W - np.asarray(intercepts, dtype=np.float64)
    return np.maximum(centred, 0.0) + moments.weight * shift ** 2
