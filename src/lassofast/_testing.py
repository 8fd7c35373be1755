"""Helpers for lassofast's tests (and for anyone testing code built on it): optimality checks, seeded
problems, a scikit-learn compatibility run and a fake terminal. Not imported by the library itself.
"""
import io

__all__ = ["Terminal"]


class Terminal(io.StringIO):
    """An in-memory stream that says it is a terminal (``isatty()`` is True), to see what a user sees."""

    def isatty(self):
        return True
