"""Sphinx's Locale transform with the shortcuts of ``locale_passes`` makes the same pages."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import polib
import pytest
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import i18n

from book_tools.ext import locale_passes

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)

PAGES = {
    "index.md": """\
# GPUs on Kubernetes

```{toctree}
alias
alt
```

(scheduling-label)=
## Scheduling

Text with **bold** and a [link](#scheduling-label).

Untranslated paragraph.

Identical paragraph.

A {unknownrole}`x` here.

## Scheduling

:::{glossary}
Device plugin
  A plugin that advertises devices.
:::

See {term}`Device plugin`.

![A small picture](pic.png)
""",
    # a section whose name an indirect target refers to: the walk for renamed titles finds it
    "alias.md": """\
# Alias page

## Alias source

Words here.

```{eval-rst}
.. _other: `Alias source`_
```
""",
    # the last message parsed is an image's alternative text, which the second pass does not
    # parse: the page's word count comes from that skipped parse
    "alt.md": """\
# Alt page

![Three words here](pic.png)
""",
}

TRANSLATIONS = {
    "GPUs on Kubernetes": "Kubernetes 上的 GPU",
    "Scheduling": "调度",
    "Text with **bold** and a [link](#scheduling-label).": "带有**粗体**和[链接](#scheduling-label)的文字。",
    "Identical paragraph.": "Identical paragraph.",
    "A {unknownrole}`x` here.": "这里有 {unknownrole}`x`。",
    "Device plugin": "设备插件",
    "A plugin that advertises devices.": "通告设备的插件。",
    "See {term}`Device plugin`.": "参见 {term}`设备插件 <Device plugin>`。",
    "A small picture": "一张小图",
    "Alias page": "别名页",
    "Alias source": "别名来源",
    "Words here.": "这里的文字。",
    "Alt page": "替代文字页",
    "Three words here": "one two three four five",
}


def write_project(root: Path) -> None:
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx.ext.autosectionlabel"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        'language = "zh_CN"\nlocale_dirs = ["locales"]\ngettext_compact = False\n'
        "suppress_warnings = ['autosectionlabel.*']\n",
        encoding="utf-8",
    )
    for name, text in PAGES.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "pic.png").write_bytes(PIXEL)
    folder = root / "locales" / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for name, text in PAGES.items():
        catalog = polib.POFile()
        catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for msgid, msgstr in TRANSLATIONS.items():
            if msgid in text:
                catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
        catalog.save(str(folder / f"{Path(name).stem}.po"))


def build(root: Path, out: Path) -> tuple[dict[str, str], dict[str, object], str]:
    """Build *root* into *out*: each page's doctree, the pages' metadata, the warnings."""
    warnings = io.StringIO()
    app = Sphinx(root, root, out / "html", out / "doctrees", "html", status=None,
                 warning=warnings, freshenv=True)  # fmt: skip
    app.build()
    doctrees = {name: app.env.get_doctree(name).pformat() for name in sorted(app.env.found_docs)}
    return doctrees, dict(app.env.metadata), warnings.getvalue()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    root = tmp_path_factory.mktemp("locale-passes")
    write_project(root)
    locale_passes.uninstall()
    made = {"sphinx": build(root, root / "_sphinx")}
    calls: list[tuple] = []
    original = i18n._publish_msgstr

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args[:3])
        return original(*args, **kwargs)

    # count the parses the shortcut lets through to Sphinx's own function
    i18n._publish_msgstr = counting
    locale_passes.install()
    try:
        made["passes"] = build(root, root / "_passes")
    finally:
        locale_passes.uninstall()
        i18n._publish_msgstr = original
    made["calls"] = calls  # type: ignore[assignment]
    return made


def test_pages_are_the_same_with_and_without_the_shortcuts(builds: dict[str, tuple]) -> None:
    sphinx_trees, sphinx_metadata, _ = builds["sphinx"]
    passes_trees, passes_metadata, _ = builds["passes"]
    assert passes_trees == sphinx_trees
    assert passes_metadata == sphinx_metadata
    # the translations did happen: a renamed title, a term, a picture's text, a link
    index = passes_trees["index"]
    assert "Kubernetes 上的 GPU" in index and "设备插件" in index and 'alt="一张小图"' in index
    # the indirect target follows its section's new name, as Sphinx renames it
    assert 'refname="别名来源"' in passes_trees["alias"]
    # the image's text, parsed last, set the page's word count (five Latin words)
    assert passes_metadata["alt"]["wordcount"]["words"] == 5


def test_a_warning_of_a_message_is_given_once(builds: dict[str, tuple]) -> None:
    # the pages' warnings (a second app in one process also warns about registering nodes again)
    sphinx_warnings = [line for line in builds["sphinx"][2].splitlines() if ".md:" in line]
    passes_warnings = [line for line in builds["passes"][2].splitlines() if ".md:" in line]
    # the translated message's warnings (at its own line 1); the English page warns at line 17
    role = [line for line in sphinx_warnings if "index.md:1: WARNING" in line]
    # Sphinx parses the message in both passes and warns each time
    assert len(role) == 2 and role[0] == role[1] and "unknownrole" in role[0]
    assert passes_warnings == [line for line in sphinx_warnings if line is not role[1]]
    assert [line for line in passes_warnings if "index.md:1: WARNING" in line] == [role[0]]
    # the English page's own warning stays
    assert any("index.md:17: WARNING" in line for line in passes_warnings)


def test_the_first_pass_parses_only_titles_and_terms(builds: dict[str, tuple]) -> None:
    parsed = [source for source, _path, _line in builds["calls"]]  # type: ignore[misc]
    # Sphinx would parse 15 messages in the first pass; the shortcut lets through the 6 titles
    # and terms of the pages (the glossary term twice, as Sphinx does), then the second pass
    # parses the 6 messages that are neither, then the skipped alternative text of alt.md once
    # more at the end (its parse was the last one Sphinx would have made)
    assert sorted(parsed) == sorted([
        "Kubernetes 上的 GPU", "调度", "调度", "设备插件", "设备插件",
        "带有**粗体**和[链接](#scheduling-label)的文字。", "这里有 {unknownrole}`x`。",
        "通告设备的插件。", "参见 {term}`设备插件 <Device plugin>`。",
        "别名页", "别名来源", "这里的文字。",
        "替代文字页", "one two three four five",
    ])  # fmt: skip


def test_a_title_walk_is_skipped_only_without_refname_targets() -> None:
    page = nodes.document(None, None)
    section = nodes.section()
    page += section
    matcher = locale_passes.TitleTargetMatcher(nodes.target, refname="old")
    locale_passes._current.document = page
    try:
        assert list(matcher.findall(page)) == []
        assert locale_passes._current.refname_targets is False
        target = nodes.target(refname="old")
        section += target
        locale_passes._current.refname_targets = None  # a page that has one from the start
        assert list(matcher.findall(page)) == [target]
        assert locale_passes._current.refname_targets is True
    finally:
        locale_passes._current.__init__()  # type: ignore[misc]
