"""Compiled templates kept between builds (``book_tools.ext.jinja_cache``): a rebuild takes them
from the cache, and a changed template still shows up in the pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import sphinx_build

ROOTS = Path(__file__).parent / "roots"
LAYOUT = '{% extends "!layout.html" %}\n{% block footer %}<p id="marker">MARK</p>{% endblock %}\n'


def _build(source: Path, out: Path, doctrees: Path) -> str:
    result = sphinx_build("html", out, doctrees, srcdir=source)
    assert result.returncode == 0, result.stderr
    return (out / "index.html").read_text(encoding="utf-8")


def test_rebuilds_use_the_cache_and_see_a_changed_template(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "test-mathjax", source)
    (source / "_templates").mkdir()
    layout = source / "_templates" / "layout.html"
    layout.write_text(LAYOUT.replace("MARK", "first"), encoding="utf-8")
    conf = source / "conf.py"
    conf.write_text(conf.read_text() + 'templates_path = ["_templates"]\n', encoding="utf-8")
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"

    assert '<p id="marker">first</p>' in _build(source, out, doctrees)
    cached = sorted((doctrees / "jinja").glob("__jinja2_*.cache"))
    assert len(cached) >= 2  # our layout and the basic theme's it extends, at least
    stamps = {path: path.stat().st_mtime_ns for path in cached}

    # a rebuild with nothing changed loads them: the entries are read, not written again
    _build(source, out, doctrees)
    assert {path: path.stat().st_mtime_ns for path in cached} == stamps

    # the template changes: the page has the new text (Jinja compiled it again)
    layout.write_text(LAYOUT.replace("MARK", "second"), encoding="utf-8")
    html = _build(source, out, doctrees)
    assert '<p id="marker">second</p>' in html and "first" not in html
