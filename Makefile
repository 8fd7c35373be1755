# Two set-up commands on a fresh Debian/Ubuntu machine:
#   make demo   - install everything, compute the demo lasso path and render the explainer videos
#   make test   - install everything, run the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Build tools for the Cython kernel; cairo/pango for Manim; LaTeX for its formulas.
APT_PACKAGES := build-essential python3-dev python3-venv pkg-config libcairo2-dev libpango1.0-dev \
                texlive-latex-base texlive-latex-extra dvisvgm
DEMO_ARGS ?=

.PHONY: demo test setup system-packages clean

demo: setup
	$(VENV)/bin/lassofast demo $(DEMO_ARGS)

test: setup
	$(PY) -m pytest

setup: $(VENV)/.installed

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Re-install (and so recompile the kernel) when the build inputs change.
$(VENV)/.installed: pyproject.toml setup.py src/lassofast/_cd.pyx | system-packages
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[dev,anim,bench]'
	touch $@

clean:
	rm -rf build dist src/*.egg-info src/lassofast/*.so src/lassofast/_cd.c media
