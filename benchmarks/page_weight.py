"""Weight and load time of a chapter page, per language, counted by the server that sends it.

Usage: ``python benchmarks/page_weight.py [--site _build/html] [--page kubernetes/dra] [--runs 3]``
after ``make html``; give ``--site`` more than once to measure builds before and after a change in
one run: the loads alternate between the sites. Serves the site on 127.0.0.1 with a handler that counts every body byte it
sends, by content type, and loads the page in Debian's Chromium: a fresh browser context for
each load, the HTTP cache disabled, waiting until the network has been idle for 500 ms. The
bytes and request counts are exact (the same on every run); the time to the ``load`` event is
the median of the runs and is noisy on a shared machine. Requests to another host are blocked
and listed: a page must load nothing from elsewhere.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # other hosts do not resolve: blocked by the browser itself, so that no request has to be
    # intercepted (Playwright's routing sends every request through its driver, which adds
    # tens of milliseconds per request to the load time measured)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
KIB = 1024
# the targets (issue 18)
TARGET_TOTAL_KIB = 500
TARGET_JS_KIB = 200
TARGET_LOAD_MS = 300
COLUMNS = ("html", "css", "js", "fonts", "images", "data", "other")


def kind_of(content_type: str) -> str:
    """The column a response of *content_type* is counted in."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime == "text/html":
        return "html"
    if mime == "text/css":
        return "css"
    if mime in {"text/javascript", "application/javascript", "application/x-javascript"}:
        return "js"
    if mime.startswith("font/") or mime in {"application/font-woff", "application/x-font-ttf"}:
        return "fonts"
    if mime.startswith("image/"):
        return "images"
    if mime in {"application/json", "text/plain"}:
        return "data"
    return "other"


@dataclass
class Tally:
    """What the server sent since the last reset: bytes and requests per kind, and the paths."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    bytes: dict[str, int] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)
    paths: list[tuple[str, str, int]] = field(default_factory=list)

    def reset(self) -> None:
        """Forget everything counted so far."""
        with self.lock:
            self.bytes, self.requests, self.paths = {}, {}, []

    def add(self, path: str, kind: str, size: int) -> None:
        """Count one response of *size* body bytes."""
        with self.lock:
            self.bytes[kind] = self.bytes.get(kind, 0) + size
            self.requests[kind] = self.requests.get(kind, 0) + 1
            self.paths.append((path, kind, size))

    def snapshot(self) -> tuple[dict[str, int], dict[str, int], list[tuple[str, str, int]]]:
        """Copies of the counts."""
        with self.lock:
            return dict(self.bytes), dict(self.requests), sorted(self.paths)


class CountingHandler(SimpleHTTPRequestHandler):
    """A static file handler that counts the body bytes of every response it sends."""

    tally: Tally
    extensions_map = {  # noqa: RUF012 - the base class's own mapping, extended
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".woff": "font/woff",
        ".woff2": "font/woff2",
        ".ttf": "font/ttf",
        ".svg": "image/svg+xml",
        ".json": "application/json",
    }

    def send_header(self, keyword: str, value: str) -> None:
        """Remember the content type of the response being sent."""
        if keyword.lower() == "content-type":
            self._content_type = value
        super().send_header(keyword, value)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Send the body and count its bytes."""
        size = 0
        while chunk := source.read(64 * KIB):
            outputfile.write(chunk)
            size += len(chunk)
        self.tally.add(self.path, kind_of(getattr(self, "_content_type", "")), size)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


def serve(root: Path, tally: Tally) -> tuple[ThreadingHTTPServer, str]:
    """Serve *root* on a free port of 127.0.0.1, counting into *tally*."""
    handler = type("Handler", (CountingHandler,), {"tally": tally})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@dataclass
class Load:
    """One cold load: bytes and requests by kind, files fetched, time to ``load``, other hosts."""

    bytes: dict[str, int]
    requests: dict[str, int]
    paths: list[tuple[str, str, int]]
    load_ms: float
    external: list[str]

    @property
    def total(self) -> int:
        """All body bytes sent."""
        return sum(self.bytes.values())


def measure(browser: Any, url: str, base: str, tally: Tally) -> Load:
    """Load *url* once in a fresh context with the cache disabled; what the server sent for it."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    external: list[str] = []

    def note_elsewhere(request: Any) -> None:
        if not (request.url.startswith(base) or request.url.startswith("data:")):
            external.append(request.url)

    page.on("request", note_elsewhere)  # observed, not intercepted; see ARGS for the blocking
    tally.reset()
    page.goto(url, wait_until="networkidle")
    load_ms = page.evaluate(
        "() => { const t = performance.getEntriesByType('navigation')[0];"
        " return t.loadEventEnd - t.startTime; }"
    )
    context.close()
    sent, requests, paths = tally.snapshot()
    return Load(sent, requests, paths, float(load_ms), sorted(set(external)))


def verdict(ok: bool) -> str:
    """``ok`` or ``OVER``."""
    return "ok" if ok else "OVER"


def report(lang: str, loads: list[Load]) -> bool:
    """Print one language's figures; return whether every target is met."""
    first = loads[0]
    same = all((load.bytes, load.requests) == (first.bytes, first.requests) for load in loads[1:])
    cells = "".join(f"{first.bytes.get(c, 0) / KIB:>8.1f}" for c in COLUMNS)
    reqs = sum(first.requests.values())
    load_ms = statistics.median(load.load_ms for load in loads)
    print(f"{lang:<7}{cells}{first.total / KIB:>9.1f}{reqs:>6}{load_ms:>9.0f}")
    print(
        "         requests: "
        + ", ".join(f"{c} {first.requests[c]}" for c in COLUMNS if first.requests.get(c))
    )
    if not same:
        print("         WARNING: the runs did not fetch the same bytes:")
        for i, load in enumerate(loads, 1):
            print(f"           run {i}: {load.total} B {load.bytes}")
    else:
        print(f"         identical bytes and requests in all {len(loads)} runs")
    total_ok = first.total <= TARGET_TOTAL_KIB * KIB
    js_ok = first.bytes.get("js", 0) <= TARGET_JS_KIB * KIB
    load_ok = load_ms <= TARGET_LOAD_MS
    external = sorted({url for load in loads for url in load.external})
    print(
        f"         transfer {first.total / KIB:.1f} KiB (target <= {TARGET_TOTAL_KIB}: "
        f"{verdict(total_ok)}); JavaScript {first.bytes.get('js', 0) / KIB:.1f} KiB "
        f"(target <= {TARGET_JS_KIB}: {verdict(js_ok)}); CSS + fonts "
        f"{first.bytes.get('css', 0) / KIB:.1f} + {first.bytes.get('fonts', 0) / KIB:.1f} KiB "
        f"(target: only what the page uses); load {load_ms:.0f} ms "
        f"(target <= {TARGET_LOAD_MS}: {verdict(load_ok)}); other hosts: "
        f"{len(external)} (target 0: {verdict(not external)})"
    )
    for url in external:
        print(f"           blocked: {url}")
    return total_ok and js_ok and load_ok and not external


@dataclass
class Site:
    """A built site being measured: its languages, and the server that counts what it sends."""

    root: Path
    languages: list[str]
    tally: Tally = field(default_factory=Tally)
    server: ThreadingHTTPServer | None = None
    base: str = ""


def open_site(root: Path) -> Site | None:
    """*root* served on a free port, or ``None`` (and a message) if nothing is built there."""
    languages = sorted(p.name for p in root.iterdir() if (p / "index.html").is_file())
    if not languages:
        print(f"build the site first: make html (nothing in {root})", file=sys.stderr)
        return None
    site = Site(root, languages)
    site.server, site.base = serve(root, site.tally)
    return site


def measure_sites(
    roots: list[Path], page: str, runs: int, files: bool, browser: Any
) -> list[bool | None]:
    """Print the figures of every language of each site in *roots*; for each, whether all
    targets are met (``None``: nothing built there). The loads alternate between the sites and
    languages (the first load of each, then the second of each, ...), so that a machine whose
    load changes during the run weighs on every site alike."""
    sites = [open_site(root) for root in roots]
    loads: dict[tuple[int, str], list[Load]] = {}
    for _ in range(runs):
        for i, site in enumerate(sites):
            for lang in site.languages if site else []:
                url = f"{site.base}/{lang}/{page}.html"  # type: ignore[union-attr]
                load = measure(browser, url, site.base, site.tally)  # type: ignore[union-attr]
                loads.setdefault((i, lang), []).append(load)
    results: list[bool | None] = []
    for i, site in enumerate(sites):
        if site is None:
            results.append(None)
            continue
        print(
            f"page: {page}.html, {site.root}; KiB of response bodies counted by the server, "
            f"{runs} cold loads each (load ms: median)"
        )
        header = "".join(f"{c:>8}" for c in COLUMNS)
        print(f"{'lang':<7}{header}{'total':>9}{'reqs':>6}{'load ms':>9}")
        all_ok = True
        for lang in site.languages:
            all_ok &= report(lang, loads[i, lang])
            if files:
                for path, kind, size in loads[i, lang][0].paths:
                    print(f"           {size / KIB:>8.1f} {kind:<7}{path}")
        print("all page-weight targets met" if all_ok else "some page-weight targets are not met")
        results.append(all_ok)
        site.server.shutdown()  # type: ignore[union-attr]
        site.server.server_close()  # type: ignore[union-attr]
    return results


def main() -> int:
    """Print the page weight and load time per language of each site given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site",
        type=Path,
        action="append",
        help="a built site (repeat to compare builds in one run; default _build/html)",
    )
    parser.add_argument("--page", default="kubernetes/dra")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", action="store_true", help="list every file fetched")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        results = measure_sites(
            args.site or [REPO / "_build" / "html"], args.page, args.runs, args.files, browser
        )
        browser.close()
    return 1 if None in results else 0


if __name__ == "__main__":
    sys.exit(main())
