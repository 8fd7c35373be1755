"""The interactive explorer: one self-contained, offline HTML page with the lasso path, a λ control,
the soft-threshold, the geometry, the error against λ and "Now break it" — every number computed by
lassofast (see :mod:`lassofast.explorer.data`), drawn by a small hand-written script (no libraries).

``lassofast.explore(X, y, out="lasso.html")``, ``path.to_html("lasso.html")`` (a path keeps a reference
to its data), ``path.explore()`` in Jupyter, ``lassofast explore`` on the command line.
"""
__all__ = ["explore", "Explorer"]


class Explorer:
    """A built page: ``.html`` (the text), ``.save(out)``, and inline display in Jupyter (an iframe
    whose ``srcdoc`` is the page, so no server and no file are needed).

    Parameters
    ----------
    html : str
        The page.
    """

    def __init__(self, html):
        self.html = html

    def save(self, out):
        """Write the page to ``out`` (atomically) and return its absolute path.

        Parameters
        ----------
        out : str or path-like
            The file to write.

        Returns
        -------
        str
            Its absolute path.
        """
        from .page import write_html
        return write_html(self.html, out)

    def _repr_html_(self):
        import html as _html
        return (f'<iframe srcdoc="{_html.escape(self.html, quote=True)}" style="width:100%;height:900px;'
                f'border:0" sandbox="allow-scripts" title="lassofast explorer"></iframe>')

    def __repr__(self):
        return f"<lassofast Explorer page, {len(self.html.encode()) / 1e6:.2f} MB; .save(out) writes it>"


def explore(X=None, y=None, *, feature_names=None, out=None, path=None, l1_ratio=1.0, n_alphas=100,
            eps=1e-3, cv=5, title=None, dataset=None, random_state=0):
    """Build the explorer page for ``X, y`` (or for a fitted ``path`` alone: the panels that need
    ``X, y`` then say so on the page; ``path.to_html(out)`` passes the data the path keeps). With
    ``out``, write it there and return the absolute path; otherwise return an :class:`Explorer` (shown
    inline in Jupyter). Other arguments: the path's ``l1_ratio``, ``n_alphas``,
    ``eps`` (ignored when ``path`` is given), ``cv`` folds for the error panel (0: none).

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features), optional
        Training data (needed for the panels that use the data).
    y : array-like of shape (n_samples,), optional
        Target.
    feature_names : sequence of str, optional
        One name per feature (default: the DataFrame's columns, else x1..xp).
    out : str or path-like, optional
        Write the page here.
    path : lassofast.Path, optional
        A fitted path to show instead of computing one.
    l1_ratio : float, default=1.0
        ρ of the path.
    n_alphas : int, default=100
        Grid size of the path.
    eps : float, default=1e-3
        The grid's end, eps·α_max.
    cv : int, default=5
        Folds of the error panel (0: no error panel).
    title : str, optional
        The page's title.
    dataset : str, optional
        The data's one-line description on the page.
    random_state : int, default=0
        Seed of the folds and the bootstrap.

    Returns
    -------
    str or Explorer
        The file's absolute path when ``out`` is given, else the page.
    """
    from .data import explorer_data
    from .page import check_writable, render_html
    if out is not None:
        check_writable(out)                    # fail before minutes of computing, not after
    data = explorer_data(X, y, feature_names=feature_names, path=path, l1_ratio=l1_ratio,
                         n_alphas=n_alphas, eps=eps, cv=cv, title=title, random_state=random_state)
    if dataset is None:
        dataset = (f"{data['meta']['n']} samples × {data['meta']['p']} features" if X is not None
                   else f"a path of {data['meta']['p']} features")
    page = Explorer(render_html(data, dataset))
    return page if out is None else page.save(out)
