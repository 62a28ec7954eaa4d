"""Regular expressions come compiled from the last build, identical to what re compiles."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from soupsieve import css_parser

from book_tools import regex_cache
from conftest import REPO

# soupsieve's CSS grammar (large Unicode classes, case-insensitive: the slow ones), named groups,
# bytes, verbose and multiline flags, a backreference, a lookbehind, a possessive quantifier
PATTERNS: list[tuple[str | bytes, int]] = [
    (css_parser.PAT_CLASS, re.IGNORECASE | re.VERBOSE | re.UNICODE),
    (css_parser.PAT_TAG, re.IGNORECASE | re.VERBOSE | re.UNICODE),
    (css_parser.PAT_ATTR, re.IGNORECASE | re.VERBOSE | re.UNICODE),
    (r"(?P<year>\d{4})-(?P<month>\d\d)", 0),
    (rb"coding[:=]\s*([-\w.]+)", 0),
    (r"^\s*#: ?(.*)$", re.MULTILINE),
    (r"(?x) (?P<q>['\"]) .*? (?P=q)  # quoted", 0),
    (r"(?<=\w)'(?=\w)", 0),
    (r"[a-z]++\d", re.ASCII),
    (r"推理|服务", 0),
]
SAMPLES = ["li.toctree-l1 > details", "a[href='x']", "2026-12-06", "'it's'", "abc1", "推理服务"]


def match_results(pattern: re.Pattern[Any]) -> list[Any]:
    """What *pattern* finds in the samples: spans and groups."""
    found: list[Any] = []
    for sample in SAMPLES:
        text: Any = sample.encode() if isinstance(pattern.pattern, bytes) else sample
        found.append([(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)])
    return found


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS, ids=range(len(PATTERNS)))
def test_a_pattern_made_from_stored_parts_is_what_re_compiles(
    pattern: str | bytes, flags: int
) -> None:
    expected = re.compile(pattern, flags)
    parts = regex_cache.compile_parts(pattern, flags)
    stored = marshal.loads(marshal.dumps(parts))  # as it comes back from the file
    made = regex_cache.from_parts(stored)
    assert made == expected  # CPython: same flags, pattern and compiled code
    assert made.groups == expected.groups and made.groupindex == expected.groupindex
    assert made.flags == expected.flags
    assert match_results(made) == match_results(expected)


class CountingCompiler:
    """Stands for re's own compiler and records what reaches it."""

    def __init__(self) -> None:
        self.seen: list[tuple[Any, int]] = []

    def __call__(self, pattern: Any, flags: int = 0) -> Any:
        self.seen.append((pattern, flags))
        from re import _compiler

        return _compiler.compile(pattern, flags)


def test_stored_patterns_are_not_compiled_again(tmp_path: Path) -> None:
    path = tmp_path / "regex-cache.marshal"
    first = regex_cache.RegexCache(CountingCompiler())
    compiled = [first.compile(p, f) for p, f in PATTERNS]
    assert (first.hits, first.misses) == (0, len(PATTERNS))
    first.save(path)

    compiler = CountingCompiler()
    second = regex_cache.RegexCache(compiler)
    assert second.load(path) == len(PATTERNS)
    again = [second.compile(p, f) for p, f in PATTERNS]
    assert compiler.seen == []  # none went through re's compiler
    assert (second.hits, second.misses) == (len(PATTERNS), 0)
    assert again == compiled
    assert [match_results(p) for p in again] == [match_results(p) for p in compiled]


def test_debug_subclasses_and_parsed_patterns_pass_through(tmp_path: Path) -> None:
    class Text(str):
        pass

    compiler = CountingCompiler()
    cache = regex_cache.RegexCache(compiler)
    cache.compile(Text("a+"), 0)
    cache.compile("b+", re.DEBUG)
    assert len(compiler.seen) == 2
    assert cache.entries == {} and cache.misses == 0


def test_a_warning_of_re_is_given_once() -> None:
    cache = regex_cache.RegexCache(CountingCompiler())
    with pytest.warns(FutureWarning) as caught:
        cache.compile("[[a]", 0)  # "possible nested set": re warns when it parses this
    assert len(caught) == 1
    assert (False, "[[a]", 0) in cache.entries


def test_a_part_that_would_differ_is_not_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong_parts(pattern: str, flags: int) -> regex_cache.Parts:
        parts = list(regex_cache.compile_parts(pattern, flags))
        parts[1] = flags | re.IGNORECASE  # as if re's internals had changed
        return tuple(parts)  # type: ignore[return-value]

    monkeypatch.setattr(regex_cache, "compile_parts", wrong_parts)
    cache = regex_cache.RegexCache(CountingCompiler())
    assert cache.compile("abc", 0) == re.compile("abc")  # re's own result is returned
    assert cache.entries == {} and cache.used == {}


def test_a_file_for_another_python_or_a_broken_file_is_no_cache(tmp_path: Path) -> None:
    path = tmp_path / "regex-cache.marshal"
    cache = regex_cache.RegexCache(CountingCompiler())
    cache.compile("abc", 0)
    cache.save(path)
    tag, entries = marshal.loads(path.read_bytes())
    assert tag == regex_cache.engine_tag() and list(entries) == [(False, "abc", 0)]

    other = (tag[0].replace("3.", "9.", 1), *tag[1:])  # another Python build
    path.write_bytes(marshal.dumps((other, entries)))
    assert regex_cache.RegexCache(CountingCompiler()).load(path) == 0
    for broken in (b"", b"\x00not marshal", marshal.dumps(["a", "list"])):
        path.write_bytes(broken)
        assert regex_cache.RegexCache(CountingCompiler()).load(path) == 0
    cache.save(path)  # a broken file is replaced
    assert regex_cache.RegexCache(CountingCompiler()).load(path) == 1


def test_the_file_keeps_this_builds_patterns_first(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:  # fmt: skip
    monkeypatch.setattr(regex_cache, "MAX_ENTRIES", 3)
    path = tmp_path / "regex-cache.marshal"
    earlier = regex_cache.RegexCache(CountingCompiler())
    for pattern in ("a", "b", "c", "d"):
        earlier.compile(pattern, 0)
    earlier.save(path)
    assert len(marshal.loads(path.read_bytes())[1]) == 4  # this build's are always kept

    later = regex_cache.RegexCache(CountingCompiler())
    later.load(path)
    later.compile("d", 0)
    later.compile("e", 0)
    later.save(path)
    kept = [key[1] for key in marshal.loads(path.read_bytes())[1]]
    assert kept == ["d", "e", "a"]  # used in this build, then the oldest while there is room


def test_a_sphinx_build_stores_and_the_next_one_reuses(tmp_path: Path) -> None:
    # two builds of a small project, each in a fresh interpreter as sphinx-build runs
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text('extensions = ["book_tools.regex_cache"]\n')
    (tmp_path / "src" / "index.rst").write_text("Title\n=====\n\nSome *text*.\n")
    script = textwrap.dedent("""
        import json, marshal, sys
        from pathlib import Path
        from sphinx.application import Sphinx
        from book_tools import regex_cache
        out = sys.argv[1]
        file = regex_cache.cache_path(out + "/doctrees")
        entries = marshal.loads(file.read_bytes())[1] if file.is_file() else {}
        stored = {(k[0], str(k[1]), k[2]) for k in entries}
        app = Sphinx(out + "/src", out + "/src", out + "/html", out + "/doctrees", "html",
                     status=None, warning=None, freshenv=False)
        cache = regex_cache._cache
        seen = []
        compiler = cache.compiler
        def counting(pattern, flags=0):
            seen.append([isinstance(pattern, bytes), str(pattern), int(flags)])
            return compiler(pattern, flags)
        cache.compiler = counting
        app.build()
        print(json.dumps({"stored": len(stored), "hits": cache.hits,
                          "recompiled_stored": sum(tuple(s) in stored for s in seen)}))
    """)

    def build() -> dict[str, int]:
        run = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path)],
            capture_output=True, text=True, check=True, cwd=REPO,
            env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        import json

        return json.loads(run.stdout.strip().splitlines()[-1])

    first = build()
    cache_file = regex_cache.cache_path(tmp_path / "doctrees")
    assert first["stored"] == 0 and cache_file.is_file()
    second = build()
    # the second build is a no-op: it compiles fewer patterns than the first stored (44 with
    # Sphinx 9.2), and every one of those it compiles again comes from the file
    assert second["stored"] > 0 and second["hits"] > 0
    assert second["recompiled_stored"] == 0
