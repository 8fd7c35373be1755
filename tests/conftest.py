"""Shared test set-up: one BLAS thread, and the ``problem`` fixture over lassofast._testing's problems.

The helpers themselves (problems, the KKT check, the scikit-learn compatibility run) live in
lassofast._testing; test files import them from there.
"""
import os

import pytest
from threadpoolctl import threadpool_limits

# A non-interactive matplotlib backend however the suite is started (a desktop session sets DISPLAY).
os.environ.setdefault("MPLBACKEND", "Agg")

from lassofast._testing import PROBLEMS, make_problem  # noqa: E402

# One BLAS thread: the tests use small matrices, where OpenBLAS threads only contend for 2 cores.
threadpool_limits(limits=1, user_api="blas")


@pytest.fixture(params=PROBLEMS)
def problem(request):
    return request.param, *make_problem(request.param)
