"""The small problems the scenes draw, in one place so that scenes which share a picture share data.

All of them come from lassofast's own data sets; only the generator settings live here.
"""
from lassofast.datasets import load_demo
from lassofast.geometry import make_correlated_pair

__all__ = ["weight_plane", "correlated_pair", "demo", "many_features"]


def weight_plane():
    """Two moderately correlated features (corr 0.6), x2 strong and x1 weak: tilted elliptical
    contours whose least-squares point lies in the first quadrant, like the textbook picture.

    Returns
    -------
    X : ndarray of shape (100, 2)
        The pair.
    y : ndarray of shape (100,)
        Target.
    """
    X, y, _ = make_correlated_pair(n_samples=100, corr=0.6, coef=(0.6, 2.0), noise=1.0,
                                   random_state=1)
    return X, y


def correlated_pair():
    """Two nearly interchangeable features (corr 0.95, equal true weights): "Now break it".

    Returns
    -------
    X : ndarray of shape (100, 2)
        The pair.
    y : ndarray of shape (100,)
        Target.
    """
    X, y, _ = make_correlated_pair(n_samples=100, corr=0.95, coef=(1.0, 1.0), noise=1.0,
                                   random_state=5)
    return X, y


def demo():
    """The 6-feature demo data (x1..x6) of the path scenes.

    Returns
    -------
    lassofast.datasets.Demo
        ``lassofast.datasets.load_demo()``.
    """
    return load_demo()


def many_features():
    """150 samples, 30 Toeplitz-correlated features (ρ = 0.8), 8 of them informative: enough
    features and correlation that a cold start needs many sweeps and the strong rule has work to do.

    Returns
    -------
    X : ndarray of shape (150, 30)
        The features.
    y : ndarray of shape (150,)
        Target.
    """
    from lassofast.datasets import make_correlated
    X, y, _ = make_correlated(150, 30, rho=0.8, n_informative=8, random_state=0)
    return X, y
