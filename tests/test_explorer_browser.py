"""The explorer page in a real browser: Debian's headless Chromium driven by Playwright.

What the page shows (read-outs, bars, the geometry's contact point, the resampled pick) is compared
with lassofast's numbers computed here, in the test, never with numbers typed in.
"""
import os
import re

import numpy as np
import pytest

import lassofast
from lassofast import geometry
from lassofast.datasets import load_demo
from lassofast.explorer import data as explorer_data

CHROMIUM = os.environ.get("LASSOFAST_CHROMIUM", "/usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="the dev extra installs playwright")
if not os.path.exists(CHROMIUM):  # make test installs it (Makefile APT_PACKAGES): a missing one is a failure
    pytest.fail(f"{CHROMIUM} not found: apt-get install chromium (or set LASSOFAST_CHROMIUM)",
                pytrace=False)


def shown(v):
    """A number as the page formats it (3 significant digits, exact zeros as "0"), parsed back."""
    return 0.0 if v == 0 else float(f"{v:.3g}")


def same_digits(text, value):
    """The page's text equals ``value`` to the displayed digits (one unit of the third digit of slack:
    the page rounds the 6-digit numbers it embeds)."""
    got = float(text)
    if value == 0:
        return got == 0 and text.strip() == "0"
    return got != 0 and abs(got - value) <= 0.0051 * abs(value) + 1e-12


@pytest.fixture(scope="module")
def demo():
    d = load_demo()
    path = lassofast.lasso_path(d.X, d.y)       # the page's defaults: 100 α down to 1e-3·α_max
    return d, path


@pytest.fixture(scope="module")
def page_file(tmp_path_factory, demo):
    d, _ = demo
    out = tmp_path_factory.mktemp("explorer") / "lasso.html"
    lassofast.explore(d.X, d.y, feature_names=d.feature_names, out=str(out))
    return out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Page:
    """One tab on the page, recording console errors and every request."""

    def __init__(self, browser, page_file, width=1280, height=800):
        self.tab = browser.new_page(viewport={"width": width, "height": height})
        self.errors, self.requests = [], []
        self.tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.tab.on("pageerror", lambda e: self.errors.append(str(e)))
        self.tab.on("request", lambda r: self.requests.append(r.url))
        self.tab.goto(page_file.as_uri())
        self.tab.wait_for_selector("html[data-ready='1']")

    def text(self, selector):
        return self.tab.inner_text(selector).strip()

    def set_k(self, k, K):
        """Move the λ control to grid α number k (the slider runs from the smallest λ to the largest)."""
        self.tab.eval_on_selector("#lambda", "(el, v) => { el.value = v; el.dispatchEvent(new Event('input')); }",
                                  K - 1 - k)

    def current_k(self, path):
        alpha = float(self.text("#readout-alpha"))
        return int(np.argmin(np.abs(np.log(path.alphas) - np.log(alpha))))


@pytest.fixture
def page(browser, page_file):
    p = Page(browser, page_file)
    yield p
    p.tab.close()


def test_loads_offline_without_errors(page, page_file):
    assert page.errors == []
    assert [u for u in page.requests if not u.startswith("file://")] == []     # nothing from any network
    assert [u for u in page.requests if u != page_file.as_uri()] == []         # nor other files
    assert int(page.tab.get_attribute("html", "data-ready-ms")) < 1000         # interactive within 1 s
    assert page_file.stat().st_size <= 2e6
    source = page_file.read_text()
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", source)


def test_readouts_and_bars_equal_the_path(page, demo):
    d, path = demo
    K, p = len(path.alphas), len(d.feature_names)
    nnz = path.n_nonzero()
    knots = sorted({int(np.argmin(np.abs(path.alphas - kn.alpha))) for f in path.knots() for kn in f})
    for k in [0, K - 1, 37] + knots[:3]:
        page.set_k(k, K)
        assert page.text("#readout-nnz") == f"{nnz[k]} / {p}"
        assert same_digits(page.text("#readout-alpha"), path.alphas[k])
        assert same_digits(page.text("#readout-lambda"), 2 * path.alphas[k])           # the seed's λ = 2α
        for j in range(p):
            assert same_digits(page.text(f"#bars .bar-row[data-feature='{j}'] .bar-value"), path.coefs[j, k]), (k, j)
        assert page.errors == []


def test_keyboard_only(page, demo):
    d, path = demo
    K = len(path.alphas)
    for _ in range(30):                                    # Tab reaches the λ control
        page.tab.keyboard.press("Tab")
        if page.tab.evaluate("document.activeElement.id") == "lambda":
            break
    else:
        pytest.fail("Tab never focused the λ control")
    page.tab.keyboard.press("End")                         # the largest λ: α_max, no feature
    assert page.current_k(path) == 0 and page.text("#readout-nnz") == f"0 / {len(d.feature_names)}"
    page.tab.keyboard.press("ArrowLeft")                   # one grid α smaller
    assert page.current_k(path) == 1
    page.tab.keyboard.press("Home")                        # the smallest λ
    assert page.current_k(path) == K - 1
    for _ in range(3):
        page.tab.keyboard.press("ArrowRight")
    k = page.current_k(path)
    assert k == K - 4 and page.text("#readout-nnz") == f"{path.n_nonzero()[k]} / {len(d.feature_names)}"
    # the geometry toggle and the resample button answer to the keyboard too
    page.tab.focus("#kind-l1")
    page.tab.keyboard.press("ArrowRight")
    assert page.tab.is_checked("#kind-l2")
    assert page.tab.eval_on_selector("#region", "e => e.tagName") == "circle"
    before = page.tab.get_attribute("#breakit-kept", "data-resample")
    page.tab.focus("#resample-next")
    page.tab.keyboard.press("Enter")
    assert page.tab.get_attribute("#breakit-kept", "data-resample") == str(int(before) + 1)


def test_focusing_a_feature_highlights_its_path(page):
    page.tab.focus("#legend button[data-feature='2']")
    opacity = dict(page.tab.eval_on_selector_all(
        "polyline.fline", "ls => ls.map(l => [Number(l.dataset.feature), l.getAttribute('stroke-opacity')])"))
    assert opacity[2] == "1" and all(o != "1" for j, o in opacity.items() if j != 2) and len(opacity) == 6
    page.tab.focus("#lambda")                           # focus leaves: every path is drawn again
    assert set(page.tab.eval_on_selector_all("polyline.fline", "ls => ls.map(l => l.getAttribute('stroke-opacity'))")) == {"1"}


def _contact(page):
    m = re.search(r"= \(([^,]+), ([^)]+)\)", page.text("#geom-readout"))
    return m.group(1), m.group(2)


def test_diamond_corner_and_ridge_circle(page, demo):
    d, path = demo
    K = len(path.alphas)
    W = path.coefs
    # a grid α where x1 is in the model and x2 is not: the lasso's contact is on a corner
    k = int(np.flatnonzero((W[0] != 0) & (W[1] == 0))[-1])
    page.set_k(k, K)
    page.tab.select_option("#pair", label=f"{d.feature_names[0]} & {d.feature_names[1]}")
    page.tab.check("#kind-l1")
    assert page.tab.eval_on_selector("#region", "e => e.tagName") == "polygon"
    w1, w2 = _contact(page)
    assert same_digits(w1, W[0, k]) and w2 == "0" and "corner" in page.text("#geom-readout")

    page.tab.check("#kind-l2")
    assert page.tab.eval_on_selector("#region", "e => e.tagName") == "circle"
    # the circle through the lasso's point, ‖w‖₂ ≤ |w1|, with the other weights fixed at the path's
    Xc, yc = d.X - d.X.mean(axis=0), d.y - d.y.mean()
    r = yc - Xc[:, 2:] @ W[2:, k]
    ridge = geometry.constrained_solution(Xc[:, :2], r, abs(W[0, k]), "l2")
    w1, w2 = _contact(page)
    assert float(w1) != 0 and float(w2) != 0 and "off the axes" in page.text("#geom-readout")
    assert same_digits(w1, ridge.coef[0]) and same_digits(w2, ridge.coef[1])
    radius_px = float(page.tab.get_attribute("#region", "r"))
    assert radius_px > 5


def test_resample_follows_the_precomputed_refits(page):
    # the refits, recomputed here: the pair and α of the "Now break it" video, bootstrap at that α
    X, y, _ = geometry.make_correlated_pair(n_samples=100, corr=0.95, coef=(1.0, 1.0), noise=1.0, random_state=5)
    entries = sorted(knots[0].alpha for knots in lassofast.lasso_path(X, y).knots())
    alpha = float(np.sqrt(entries[0] * entries[1]))
    n = explorer_data.BREAKIT_RESAMPLES
    lasso = geometry.selection_stability(X, y, alpha, l1_ratio=1.0, n_resamples=n, random_state=0).coefs
    enet = geometry.selection_stability(X, y, alpha, l1_ratio=0.25, n_resamples=n, random_state=0).coefs

    def label(w):
        return {(True, True): "both", (True, False): "x1 only", (False, True): "x2 only"}.get(
            (w[0] != 0, w[1] != 0), "neither")

    seen = []
    for b in range(n):
        kept = page.tab.get_attribute("#breakit-kept", "data-kept")
        assert kept == label(lasso[b]), b
        seen.append(kept)
        page.tab.click("#resample-next")
    assert {"x1 only", "x2 only"} <= set(seen)          # the lasso's pick changes with the sample
    page.tab.click("#resample-reset")
    page.tab.check("#ratio-3")                          # l1_ratio 0.25
    assert page.tab.get_attribute("#breakit-kept", "data-kept") == label(enet[0]) == "both"


def test_phone_has_no_horizontal_scroll(browser, page_file):
    phone = Page(browser, page_file, 390, 844)
    try:
        sizes = phone.tab.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
        assert max(sizes[:2]) <= sizes[2] == 390
        too_wide = phone.tab.evaluate("""[...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5);
        }).map(e => e.tagName + '#' + e.id + '.' + e.className)""")
        assert too_wide == []
        phone.set_k(50, 100)
        assert phone.errors == []
    finally:
        phone.tab.close()


def test_a_page_of_a_path_alone_says_which_panels_need_the_data(browser, demo, tmp_path):
    _, path = demo
    alone = lassofast.Path(path.alphas, path.coefs, path.intercepts, path.dual_gaps, path.n_iters,
                           path.alpha_max)                                   # keeps no training data
    out = tmp_path / "alone.html"
    with pytest.warns(UserWarning, match="need X, y"):
        alone.to_html(str(out))
    tab = Page(browser, out)
    try:
        for panel, line in (("soft", "soft-readout"), ("geometry", "geom-readout"), ("error", "error-readout")):
            assert tab.text(f"#{line}") == explorer_data.NO_DATA_NOTE
            assert "missing" in tab.tab.get_attribute(f"#panel-{panel}", "class")
        assert tab.text("#readout-nnz") == f"{path.n_nonzero()[tab.current_k(path)]} / {path.coefs.shape[0]}"
        assert tab.errors == []
    finally:
        tab.tab.close()


def test_dragging_on_the_path_moves_lambda_without_lag(page, demo):
    """The mouse drags λ along the path chart (λ grows to the right), and one λ step redraws every
    panel in well under a frame of visible lag (the script's work, measured in the page)."""
    d, path = demo
    K, p = len(path.alphas), len(d.feature_names)
    box = page.tab.locator("#path-chart svg").bounding_box()
    left, right = box["x"] + 52 + 1, box["x"] + box["width"] - 12 - 1       # the plot area (JS margins)
    middle = box["y"] + box["height"] / 2
    page.tab.mouse.move(left, middle)
    page.tab.mouse.down()
    assert page.current_k(path) == K - 1                                     # the smallest λ
    page.tab.mouse.move(right, middle, steps=12)
    assert page.current_k(path) == 0 and page.text("#readout-nnz") == f"0 / {p}"   # dragged to α_max
    page.tab.mouse.up()
    page.tab.mouse.move(left, middle)                                        # not dragging any more
    assert page.current_k(path) == 0
    step_ms = page.tab.evaluate("""() => {
        const s = document.getElementById("lambda"), times = [];
        for (let v = 0; v <= Number(s.max); v += 3) {
            const t0 = performance.now();
            s.value = v; s.dispatchEvent(new Event("input"));
            void document.body.offsetHeight;                   // the style and layout it causes
            times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        return [times[Math.floor(times.length / 2)], times[Math.floor(0.9 * times.length)]];
    }""")
    assert step_ms[0] < 30 and step_ms[1] < 100, step_ms                     # median, 90th percentile
    assert page.errors == []
