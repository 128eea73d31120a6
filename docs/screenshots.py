"""Take the README's screenshots from `make demo` output (out/), in headless Chromium.

    make screenshots      # runs make demo first, then this

Each shot is a viewport-sized picture of a rendered map, scrolled to what it shows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT, IMAGES = ROOT / "out", ROOT / "docs" / "images"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# name -> (page, viewport, script run before the shot)
SHOTS = {
    "laptop-map.png": ("laptop-online/buy-a-laptop.html", (1440, 900), "window.scrollTo(0, 0)"),
    "laptop-map-scrolled.png": (
        "laptop-online/buy-a-laptop.html",
        (1440, 900),
        "const m = document.querySelector('#map'); m.scrollIntoView(); m.scrollTo(560, 0)",
    ),
    "bank-blueprint.png": (
        "bank-account/open-an-account.html",
        (1440, 900),
        "const m = document.querySelector('#map'); m.scrollIntoView(); m.scrollTo(0, m.scrollHeight)",
    ),
    "laptop-phone.png": ("laptop-online/buy-a-laptop.html#tp-cart", (390, 844), "window.scrollBy(0, -60)"),
}


def main() -> None:
    chromium = os.environ.get("CJMAP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "no chromium: `make browser` installs Debian's chromium package"
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for name, (page_path, (width, height), script) in SHOTS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(
                (OUT / page_path.split("#")[0]).as_uri() + ("#" + page_path.split("#")[1] if "#" in page_path else "")
            )
            page.evaluate(f"() => {{ {script}; }}")
            page.screenshot(path=str(IMAGES / name))
            page.close()
            print(f"wrote docs/images/{name}")
        browser.close()


if __name__ == "__main__":
    main()
