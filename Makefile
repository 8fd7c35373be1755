# Two set-up commands on a fresh Debian/Ubuntu machine:
#   make demo   - install everything, compute the demo lasso path and render the explainer videos
#   make test   - install everything, run the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Build tools for the Cython kernel; cairo/pango for Manim; LaTeX for its formulas; Chromium for the
# explorer page's browser tests (driven by Playwright, the dev extra).
APT_PACKAGES := build-essential python3-dev python3-venv pkg-config libcairo2-dev libpango1.0-dev \
                texlive-latex-base texlive-latex-extra dvisvgm chromium
DEMO_ARGS ?=
# low: 854x480 at 15 fps keeps `make demo` to a few minutes on 2 cores; high is 1080p60.
VIDEO_QUALITY ?= low
VIDEO_DIR ?= out/videos

.PHONY: demo test memcheck setup system-packages clean

demo: setup
	$(VENV)/bin/lassofast demo $(DEMO_ARGS)
	mkdir -p out
	$(VENV)/bin/lassofast explore --out out/explorer.html
	$(VENV)/bin/lassofast render --all --course --jobs 2 --quality $(VIDEO_QUALITY) --out $(VIDEO_DIR)

test: setup
	$(PY) -m pytest

# The kernel tests under AddressSanitizer: fails on any invalid read or write in the compiled kernel.
memcheck: setup
	$(PY) scripts/memcheck.py --tool asan

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
	rm -rf build dist src/*.egg-info src/lassofast/*.so src/lassofast/_cd.c media out
