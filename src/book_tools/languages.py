"""Discover the book's languages from the ``locales/`` folder.

English is the source language. Every other language is a folder
``locales/<code>/LC_MESSAGES`` and needs no configuration anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SOURCE_LANGUAGE = "en"

#: Names shown in the language switcher, each in its own language. A language
#: missing here is shown by its code, which is still usable.
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "zh_CN": "简体中文",
    "zh_TW": "繁體中文",
    "ja": "日本語",
    "ko": "한국어",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
}


@dataclass(frozen=True)
class Language:
    """One edition of the book."""

    code: str  # gettext / Sphinx code, e.g. ``zh_CN``

    @property
    def html_lang(self) -> str:
        """BCP 47 tag for ``<html lang>`` and ``hreflang`` (``zh_CN`` -> ``zh-CN``)."""
        return self.code.replace("_", "-")

    @property
    def native_name(self) -> str:
        """The language's name in that language."""
        return NATIVE_NAMES.get(self.code, self.code)


def discover(locales_dir: Path) -> list[Language]:
    """Return English followed by every language that has ``LC_MESSAGES`` under *locales_dir*."""
    codes = [SOURCE_LANGUAGE]
    if locales_dir.is_dir():
        codes += sorted(
            d.name
            for d in locales_dir.iterdir()
            if (d / "LC_MESSAGES").is_dir() and d.name != SOURCE_LANGUAGE
        )
    return [Language(code) for code in codes]


def locales_dir(srcdir: str | Path, locale_dirs: list[str]) -> Path:
    """The book's catalog folder: the first of Sphinx's ``locale_dirs`` (``locales`` if none)."""
    return Path(srcdir, locale_dirs[0] if locale_dirs else "locales")
