"""``standardize`` and ``penalty_factor`` on the Gram statistics (the Dask route, which has no X): what
lassofast.path._transformed_path does to the columns of X, done to XᵀX, Xᵀy and yᵀy instead.

Dividing column j by sⱼ turns G into G/(s sᵀ) and c = Xᵀy into c/s. sⱼ is the column's standardising
divisor when standardising — the caller's, from the moments (lassofast._standardize.moment_scale: the
centred standard deviation with or without an intercept, as in memory) — times its penalty factor fⱼ for the lasso
(α·fⱼ·|wⱼ| = α·|vⱼ| for vⱼ = fⱼwⱼ on the column xⱼ/fⱼ). Columns with fⱼ = ∞ are dropped. Unpenalised
columns F (fⱼ = 0) are minimised over first, which is exact: projecting them out of the others and of y
is, on the statistics, the Schur complement G_KK − G_KF G_FF⁺ G_FK (and c_K − G_KF G_FF⁺ c_F,
yᵀy − c_Fᵀ G_FF⁺ c_F); their coefficients then solve the normal equations G_FF w_F = c_F − G_FK w_K.
"""
import numpy as np

from ._validation import check_penalty_factor

__all__ = ["GramTransform"]


class GramTransform:
    """The reduced problem's statistics (``gram``, ``Xty``, ``yty``) and the way back to coefficients
    of the original columns (:meth:`coefficients`), from the n-scaled Gram statistics of
    :func:`lassofast._moments.gram_statistics`."""

    def __init__(self, gram, Xty, yty, l1_ratio, positive, column_scale, penalty_factor, rescale):
        """``column_scale``: (p,) standardize's divisors, or None when not standardising."""
        p = gram.shape[0]
        factors = None
        if penalty_factor is not None:
            factors = check_penalty_factor(penalty_factor, p, l1_ratio, positive)
            if rescale:  # glmnet: the factors sum to p (an excluded feature counts as 1)
                finite = np.isfinite(factors)
                factors = np.where(finite, factors * p / (factors[finite].sum() + (~finite).sum()), np.inf)
        keep, free = np.ones(p, dtype=bool), np.zeros(p, dtype=bool)
        if factors is not None:
            keep, free = np.isfinite(factors) & (factors > 0), factors == 0
        scale = np.ones(p)  # coefficient on the original scale = transformed coefficient / scale
        if column_scale is not None:
            scale *= column_scale
        self.alpha_scale = 1.0  # the elastic net's one common factor: the problem at α·factor
        if factors is not None:
            if l1_ratio < 1:
                self.alpha_scale = float(factors[keep][0])
            else:
                scale[keep] *= factors[keep]
        self.scale, self.keep, self.free = scale, keep, free
        G = gram / np.outer(scale, scale)
        c = Xty / scale
        K, F = np.flatnonzero(keep), np.flatnonzero(free)
        self._G_FF_pinv = self._G_FK = self._c_F = None
        if F.size:
            G_FF_pinv = np.linalg.pinv(G[np.ix_(F, F)], hermitian=True)
            G_KF = G[np.ix_(K, F)]
            reduced = G[np.ix_(K, K)] - G_KF @ G_FF_pinv @ G_KF.T
            self.gram = np.asfortranarray((reduced + reduced.T) / 2)  # symmetric to the last bit
            self.Xty = c[K] - G_KF @ (G_FF_pinv @ c[F])
            self.yty = max(float(yty - c[F] @ G_FF_pinv @ c[F]), 0.0)
            self._G_FF_pinv, self._G_FK, self._c_F = G_FF_pinv, G_KF.T, c[F]
        else:
            self.gram = np.asfortranarray(G[np.ix_(K, K)])
            self.Xty, self.yty = c[K].copy(), float(yty)

    @property
    def changes_alphas(self):
        return self.alpha_scale != 1.0

    def initial(self, coef):
        """A warm start on the original scale, as a transformed one."""
        return coef[self.keep] * self.scale[self.keep]

    def coefficients(self, reduced):
        """(p, K) coefficients on the original scale from the reduced problem's (n_kept, K)."""
        p = self.scale.shape[0]
        coefs = np.zeros((p, reduced.shape[1]))
        coefs[self.keep] = reduced / self.scale[self.keep, None]
        if self._G_FF_pinv is not None:  # the unpenalised columns: least squares on what the others leave
            transformed = self._G_FF_pinv @ (self._c_F[:, None] - self._G_FK @ reduced)
            coefs[self.free] = transformed / self.scale[self.free, None]
        return coefs
