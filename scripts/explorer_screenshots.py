"""Screenshots of the explorer page for the README: docs/explorer.png (1280×800) and
docs/explorer-phone.png (390×844), taken in headless Chromium (Debian's /usr/bin/chromium via Playwright).

    python scripts/explorer_screenshots.py [--page out/explorer.html] [--out docs]

Without --page it builds the demo page first (lassofast.explore on the demo data).
"""
import argparse
import os
import pathlib
import sys
import tempfile

CHROMIUM = os.environ.get("LASSOFAST_CHROMIUM", "/usr/bin/chromium")
VIEWS = {"explorer.png": (1280, 800, 1), "explorer-phone.png": (390, 844, 2)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", help="an explorer HTML file (default: build the demo page)")
    parser.add_argument("--out", default="docs", help="folder for the PNGs (default docs)")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the first screen")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    page_file = args.page
    if page_file is None:
        import lassofast
        from lassofast.datasets import load_demo
        demo = load_demo()
        page_file = os.path.join(tempfile.mkdtemp(), "explorer.html")
        lassofast.explore(demo.X, demo.y, feature_names=demo.feature_names, out=page_file,
                          dataset="the demo data (120 samples, x1..x6)")
    url = pathlib.Path(page_file).resolve().as_uri()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, (width, height, scale) in VIEWS.items():
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=scale)
            page.goto(url)
            page.wait_for_selector("html[data-ready='1']")
            target = os.path.join(args.out, name)
            page.screenshot(path=target, full_page=args.full_page)
            print(target)
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
