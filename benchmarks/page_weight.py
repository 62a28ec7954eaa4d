"""Weight and load time of a typical chapter page, per language, in Debian's Chromium.

Usage: ``python benchmarks/page_weight.py [--page kubernetes/dra] [--runs 5]`` after
``make html``. Serves ``_build/html`` on 127.0.0.1, loads the page with an empty cache, and prints
the bytes transferred by kind (HTML, CSS, JS, fonts, images, other) and the median time to the
``load`` event over several cold loads.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import statistics
import sys
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KINDS = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "fonts",
    "image": "images",
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve *root* on a free port of 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def measure(browser, url: str) -> tuple[dict[str, int], float]:
    """Bytes by kind and milliseconds to the load event, for one cold load of *url*."""
    context = browser.new_context()
    page = context.new_page()
    weights: dict[str, int] = defaultdict(int)

    def record(response) -> None:
        kind = KINDS.get(response.request.resource_type, "other")
        with contextlib.suppress(PlaywrightError):  # redirects and aborted requests have no body
            weights[kind] += len(response.body())

    page.on("response", record)
    page.goto(url, wait_until="load")
    load_ms = page.evaluate(
        "() => { const t = performance.getEntriesByType('navigation')[0];"
        " return t.loadEventEnd - t.startTime; }"
    )
    context.close()
    return dict(weights), float(load_ms)


def main() -> int:
    """Print the page weight and load time per language."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--page", default="kubernetes/dra")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    site = REPO / "_build" / "html"
    languages = sorted(p.name for p in site.iterdir() if (p / "index.html").is_file())
    if not languages:
        print("build the site first: make html", file=sys.stderr)
        return 1
    server, base = serve(site)
    columns = ["html", "css", "js", "fonts", "images", "other"]
    print(f"page: {args.page}.html   (KiB transferred, median of {args.runs} cold loads)")
    print(f"{'language':<10}" + "".join(f"{c:>8}" for c in columns) + f"{'total':>9}{'load ms':>9}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for lang in languages:
            url = f"{base}/{lang}/{args.page}.html"
            runs = [measure(browser, url) for _ in range(args.runs)]
            weights = runs[-1][0]
            load = statistics.median(ms for _, ms in runs)
            cells = "".join(f"{weights.get(c, 0) / 1024:>8.0f}" for c in columns)
            print(f"{lang:<10}{cells}{sum(weights.values()) / 1024:>9.0f}{load:>9.0f}")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
