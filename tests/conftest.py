"""Shared fixtures: the whole book built once per test session, in every language."""

from __future__ import annotations

import contextlib
import functools
import os
import runpy
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
BOOK = REPO / "book"
LOCALES = REPO / "locales"

sys.path.insert(0, str(REPO / "src"))

from book_tools.languages import discover

collect_ignore = ["roots"]

#: every edition of the book (English first), as the build discovers them in locales/
EDITIONS = [lang.code for lang in discover(LOCALES)]

# Child processes (sphinx-build, make, the book's own commands) print plain text: tests read
# their output, and a CI runner that sets FORCE_COLOR must not wrap a "file:line: WARNING"
# message in terminal escape sequences (Sphinx honours NO_COLOR before FORCE_COLOR).
os.environ.pop("FORCE_COLOR", None)
os.environ["NO_COLOR"] = "1"

#: the manifest check's one-line summary, printed after the run (tests/test_manifests.py)
MANIFEST_SUMMARY = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print how many manifests were validated and how many were marked or left unchecked."""
    summary = config.stash.get(MANIFEST_SUMMARY, None)
    if summary:
        terminalreporter.write_line(f"Manifests in the book: {summary}")


@functools.cache
def book_setting(name: str) -> str:
    """A setting of ``book/conf.py`` as the build sees it (forks set the URLs in the environment)."""
    return str(runpy.run_path(str(BOOK / "conf.py"))[name])


ROOTS = Path(__file__).resolve().parent / "roots"


@dataclass
class BuiltBook:
    """A complete build of the book: ``html/<lang>/`` plus each language's log."""

    root: Path
    languages: list[str]
    returncodes: dict[str, int] = field(default_factory=dict)
    logs: dict[str, str] = field(default_factory=dict)

    @property
    def html(self) -> Path:
        """The site's root folder (``index.html`` plus one folder per language)."""
        return self.root / "html"

    def pages(self, lang: str) -> list[Path]:
        """Every HTML page of one language, relative to that language's folder."""
        base = self.html / lang
        return sorted(p.relative_to(base) for p in base.rglob("*.html") if "_static" not in p.parts)


def source_date_epoch() -> str:
    """The time stamp builds use: the last commit's, as the Makefile exports it."""
    result = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=False, cwd=REPO
    )
    return result.stdout.strip() or "0"


def sphinx_build(
    builder: str, outdir: Path, doctrees: Path, *extra: str, srcdir: Path = BOOK
) -> subprocess.CompletedProcess:
    """Run sphinx-build as the Makefile does (``-W --keep-going -n``), on the book by default."""
    env = dict(
        os.environ,
        PYTHONWARNINGS="ignore::SyntaxWarning",
        SOURCE_DATE_EPOCH=source_date_epoch(),
        PYTHONPATH=str(REPO / "src"),  # test roots use the in-tree extensions too
    )
    args = ["-b", builder, "-W", "--keep-going", "-n", "-q", "-d", str(doctrees), *extra]
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *args, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=REPO,
    )


def scripts_run(page: Path) -> list[str]:
    """The scripts the HTML file *page* loads, in order, with each bundle of
    ``book_tools.ext.bundles`` replaced by its members (as ``_static/...`` paths)."""
    import re

    from bs4 import BeautifulSoup

    found: list[str] = []
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for script in soup.find_all("script", src=True):
        src = script["src"].split("?")[0]
        if "/bundles/bundle-" in f"/{src}":
            text = (page.parent / src).read_text(encoding="utf-8")
            found += re.findall(r"^;/\* (\S+) \*/$", text, flags=re.MULTILINE)
        else:
            found.append(src)
    return found


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> BuiltBook:
    """Build every language of the book once, the way ``make html`` does.

    The languages are built side by side, ``HTML_JOBS`` at a time (2 unless the environment says
    otherwise, as in the Makefile), sharing one notebook cache (``book_tools.ext.notebook_cache``).
    """
    root = tmp_path_factory.mktemp("book")
    book = BuiltBook(root, [lang.code for lang in discover(LOCALES)])
    cache = f"nb_execution_cache_path={root / '.jupyter_cache'}"

    def build(lang: str) -> subprocess.CompletedProcess:
        return sphinx_build(
            "html",
            book.html / lang,
            root / "doctrees" / lang,
            "-D",
            f"language={lang}",
            "-D",
            cache,
        )

    jobs = max(1, int(os.environ.get("HTML_JOBS", "2")))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = dict(zip(book.languages, pool.map(build, book.languages), strict=True))
    for lang, result in results.items():
        book.returncodes[lang] = result.returncode
        book.logs[lang] = result.stderr
    subprocess.run(
        [
            sys.executable,
            "-m",
            "book_tools",
            "--locales",
            str(LOCALES),
            "root-index",
            str(book.html),
        ],
        check=True,
        cwd=REPO,
    )
    return book


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on a free port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_book: BuiltBook) -> Iterator[str]:
    """The built site served on 127.0.0.1 by the test suite itself."""
    with serve(built_book.html) as url:
        yield url


#: the header of a zh_CN catalog, for tests that write small catalogs
PO_HEADER_ZH = """\
msgid ""
msgstr ""
"Language: zh_CN\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

"""


CHROMIUM = os.environ.get("BOOK_CHROMIUM", "/usr/bin/chromium")  # Debian's package
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), "install Debian's chromium (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page in a browser context of its own, closed after the test."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
