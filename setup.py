"""Build the Cython kernels. Metadata lives in pyproject.toml."""
import numpy as np
from Cython.Build import cythonize
from setuptools import Extension, setup

# -O3 for the kernels; never -march=native: wheels must run on any x86-64/aarch64.
# _cd: the solver and path driver; _accel: Anderson and Newton steps; _qr: the active set's QR updates.
# The inline helpers they share are in _blas.pxd and _layouts.pxd.
KERNELS = ["_cd", "_accel", "_qr"]
extensions = [
    Extension(
        f"lassofast.{name}",
        [f"src/lassofast/{name}.pyx"],
        include_dirs=[np.get_include()],
        extra_compile_args=["-O3"],
        define_macros=[("NPY_NO_DEPRECATED_API", "NPY_1_9_API_VERSION")],
    )
    for name in KERNELS
]

setup(
    ext_modules=cythonize(
        extensions,
        compiler_directives={
            "language_level": 3,
            "boundscheck": False,
            "wraparound": False,
            "cdivision": True,
            "initializedcheck": False,
        },
    )
)
