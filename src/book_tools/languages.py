"""The book's languages: which editions exist, and everything that differs between them.

English is the source language. Every other language is a folder ``locales/<code>/LC_MESSAGES``.
What differs per edition comes from two places and nowhere else:

* **babel** (CLDR) for what is a fact of the language: its name in itself (the switcher), its
  plural forms (new catalogs), its text direction, its script and its BCP 47 tag;
* **data** for what is a choice of the book: the search language, its options and query splitter,
  and the PDF's CJK fonts and LaTeX language setup. ``src/book_tools/scripts.yaml`` holds the
  defaults per writing system (Hans, Hant, Jpan, Kore, ...); ``locales/<code>/language.yaml``
  (written by ``python -m book_tools new-language``) overrides any of them for one edition.

So a new language is a folder of catalogs and, if its script's defaults do not suit it, a few
lines of YAML: no code names a language.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.messages.plurals import get_plural

SOURCE_LANGUAGE = "en"
SETTINGS_FILE = "language.yaml"
SCRIPTS_FILE = Path(__file__).resolve().with_name("scripts.yaml")

_TEXT = "text"
_TEXT_MAP = "mapping of text"
#: The keys a settings file may hold (``scripts.yaml`` describes each one).
SCHEMA: dict[str, Any] = {
    "script": _TEXT,
    "search": {
        "language": _TEXT,
        "options": _TEXT_MAP,
        "files": _TEXT_MAP,
        "query_splitter": _TEXT,
    },
    "pdf": {
        "cjk_setup": _TEXT,
        "cjk_fonts": dict.fromkeys(("main", "main_bold", "sans", "sans_bold", "mono"), _TEXT),
        "latex_elements": _TEXT_MAP,
        "preamble": _TEXT,
        "latex_docclass": _TEXT_MAP,
    },
    "typography": {"doc_links": _TEXT, "latin_spacing": _TEXT},
}
#: The values the typography keys may take (``scripts.yaml`` describes them).
TYPOGRAPHY_VALUES = {"doc_links": ("space", "none", "any"), "latin_spacing": ("none", "any")}


class LanguageError(ValueError):
    """A language code or settings file is wrong; the message names the file, line and field."""


@dataclass(frozen=True)
class SearchSettings:
    """How an edition's pages are indexed and its readers' queries split."""

    language: str | None  # Sphinx's search language; None: Sphinx chooses by the language code
    options: dict[str, str]  # html_search_options (file options already absolute)
    query_splitter: str | None  # name of a splitter in book_tools/ext/splitters/


@dataclass(frozen=True)
class PdfSettings:
    """The LaTeX that sets an edition's language and CJK fonts."""

    cjk_setup: str
    cjk_fonts: dict[str, str]
    latex_elements: dict[str, str]
    preamble: str
    latex_docclass: dict[str, str]


@dataclass(frozen=True)
class Typography:
    """The typography rules the catalog check applies to an edition's translations."""

    doc_links: str = "space"  # "space", "none" or "any"
    latin_spacing: str = "any"  # "none" or "any"


@dataclass(frozen=True, eq=False)
class Language:
    """One edition of the book: its code, what babel knows of it, and the book's settings."""

    code: str  # gettext / Sphinx code, e.g. ``zh_CN``
    script: str  # ISO 15924, e.g. ``Hans``
    search: SearchSettings
    pdf: PdfSettings
    typography: Typography = Typography()
    settings_file: Path | None = None  # locales/<code>/language.yaml, if the edition has one

    @property
    def locale(self) -> Locale:
        """The language as babel (CLDR) knows it."""
        return babel_locale(self.code)

    @property
    def html_lang(self) -> str:
        """BCP 47 tag for ``<html lang>`` and ``hreflang`` (``zh_CN`` -> ``zh-CN``)."""
        language, territory, script, variant = parse_locale(self.code)
        return "-".join(part for part in (language, script, territory, variant) if part)

    @property
    def native_name(self) -> str:
        """The language's name in itself, as CLDR gives it (``简体中文``, ``日本語``, ``한국어``)."""
        locale = self.locale
        name = locale.languages.get(f"{locale.language}_{self.script}")
        name = name or locale.get_language_name() or self.code
        return name[:1].upper() + name[1:]  # a menu entry: "Français", not "français"

    @property
    def direction(self) -> str:
        """``ltr`` or ``rtl``, for ``dir`` attributes."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def plural_forms(self) -> str:
        """The ``Plural-Forms`` header of a catalog in this language."""
        return plural_forms(self.code)


def babel_locale(code: str) -> Locale:
    """The babel locale of a gettext code; :class:`LanguageError` if CLDR does not know it."""
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise LanguageError(
            f"{code!r} is not a language code that babel (CLDR) knows: use a gettext code "
            "such as ja, ko, fr or zh_TW"
        ) from exc


def native_name(code: str) -> str:
    """The name of *code* in itself (babel), or the code if babel does not know it.

    For lists of every edition (switcher, status page); an unknown code is reported by the
    build's own check (:func:`book_tools.ext.edition.current_edition`), not here.
    """
    try:
        return load(code).native_name
    except LanguageError:
        return code


def plural_forms(code: str) -> str:
    """``Plural-Forms`` of *code* from babel, e.g. ``nplurals=1; plural=0;`` for Japanese."""
    babel_locale(code)
    return get_plural(code).plural_forms


def likely_script(code: str) -> str:
    """The script a language is written in (CLDR's likely subtags): zh_TW -> Hant, ja -> Jpan."""
    locale = babel_locale(code)
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (code, str(locale), locale.language):
        if key in likely:
            script = parse_locale(likely[key])[2]
            if script:
                return script
    return "Latn"


@cache
def _script_defaults() -> dict[str, Any]:
    # the book's own file, loaded in every build: libyaml's loader where PyYAML has it (0.6
    # against 8 ms on the development machine); a settings file keeps the Python composer,
    # whose marks give the line of a problem (read_settings)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(SCRIPTS_FILE.read_text(encoding="utf-8"), Loader=loader)
    for name, entry in data.items():
        _check_values(entry, SCHEMA, f"{SCRIPTS_FILE}: {name}")
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _check_values(value: Any, schema: Any, where: str) -> None:
    """Check already-loaded data against :data:`SCHEMA` (for ``scripts.yaml``)."""
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            raise LanguageError(f"{where}: expected a mapping")
        for key, item in value.items():
            if key not in schema:
                raise LanguageError(f"{where}.{key}: unknown key")
            _check_values(item, schema[key], f"{where}.{key}")
    elif schema == _TEXT_MAP:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise LanguageError(f"{where}: expected a {schema}")
    elif not isinstance(value, str):
        raise LanguageError(f"{where}: expected {schema}")


def _check_node(node: yaml.Node, schema: Any, path: str, file: Path) -> None:
    """Check a settings file's YAML node tree against :data:`SCHEMA`, naming file and line."""
    line = node.start_mark.line + 1
    field = path or "(top level)"
    if isinstance(schema, dict):
        if not isinstance(node, yaml.MappingNode):
            raise LanguageError(f"{file}:{line}: {field}: expected a mapping of keys")
        for key_node, value_node in node.value:
            key = key_node.value
            if key not in schema:
                known = ", ".join(schema)
                raise LanguageError(
                    f"{file}:{key_node.start_mark.line + 1}: {path + '.' if path else ''}{key}: "
                    f"unknown key (known here: {known})"
                )
            _check_node(value_node, schema[key], f"{path}.{key}" if path else key, file)
    elif schema == _TEXT_MAP:
        if not isinstance(node, yaml.MappingNode):
            raise LanguageError(f"{file}:{line}: {field}: expected a {schema}")
        for key_node, value_node in node.value:
            _check_node(value_node, _TEXT, f"{path}.{key_node.value}", file)
    elif not (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str"):
        raise LanguageError(f"{file}:{line}: {field}: expected {schema}")
    elif path.startswith("typography.") and node.value not in TYPOGRAPHY_VALUES[path[11:]]:
        allowed = ", ".join(TYPOGRAPHY_VALUES[path[11:]])
        raise LanguageError(f"{file}:{line}: {field}: {node.value!r} is not one of {allowed}")


def read_settings(path: Path) -> dict[str, Any]:
    """The settings in *path*, checked; :class:`LanguageError` names file, line and field."""
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text)
    except UnicodeDecodeError as exc:
        raise LanguageError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise LanguageError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if node is None:
        return {}
    _check_node(node, SCHEMA, "", path)
    return yaml.safe_load(text)


def load(code: str, locales: Path | None = None) -> Language:
    """The edition *code*: its script's defaults, overridden by ``<locales>/<code>/language.yaml``.

    Without *locales*, or without that file, the script's defaults alone.
    """
    babel_locale(code)
    settings_file = (locales or Path()) / code / SETTINGS_FILE
    own = read_settings(settings_file) if locales and settings_file.is_file() else {}
    script = own.get("script") or likely_script(code)
    defaults = _script_defaults()
    settings = _merge(_merge(defaults["default"], defaults.get(script, {})), own)
    search = settings.get("search", {})
    options = dict(search.get("options", {}))
    for key, rel in search.get("files", {}).items():
        path = (settings_file.parent / rel).resolve()
        if not path.is_file():
            raise LanguageError(f"{settings_file}: search.files.{key}: no file {path}")
        options[key] = str(path)
    pdf = settings["pdf"]
    typography = settings.get("typography", {})
    for key, allowed in TYPOGRAPHY_VALUES.items():  # language.yaml was checked with its lines
        if typography.get(key, allowed[0]) not in allowed:
            raise LanguageError(f"{SCRIPTS_FILE}: typography.{key}: not one of {allowed}")
    return Language(
        code=code,
        script=script,
        search=SearchSettings(search.get("language"), options, search.get("query_splitter")),
        pdf=PdfSettings(
            cjk_setup=pdf["cjk_setup"],
            cjk_fonts=dict(pdf["cjk_fonts"]),
            latex_elements=dict(pdf["latex_elements"]),
            preamble=pdf["preamble"],
            latex_docclass=dict(pdf["latex_docclass"]),
        ),
        typography=Typography(**typography),
        settings_file=settings_file if own else None,
    )


def discover_codes(locales_dir: Path) -> list[str]:
    """English followed by the code of every folder that has ``LC_MESSAGES`` under *locales_dir*."""
    codes = [SOURCE_LANGUAGE]
    if locales_dir.is_dir():
        codes += sorted(
            d.name
            for d in locales_dir.iterdir()
            if (d / "LC_MESSAGES").is_dir() and d.name != SOURCE_LANGUAGE
        )
    return codes


def discover(locales_dir: Path) -> list[Language]:
    """English followed by every language that has ``LC_MESSAGES`` under *locales_dir*.

    :class:`LanguageError` if a folder's name is not a language babel knows or its
    ``language.yaml`` is wrong.
    """
    return [load(code, locales_dir) for code in discover_codes(locales_dir)]


def locales_dir(srcdir: str | Path, locale_dirs: list[str]) -> Path:
    """The book's catalog folder: the first of Sphinx's ``locale_dirs`` (``locales`` if none)."""
    return Path(srcdir, locale_dirs[0] if locale_dirs else "locales")


def settings_text(code: str) -> str:
    """The ``language.yaml`` that ``new-language`` writes: the script's choices, spelled out.

    The script comes from babel; the search language, query splitter and fonts are copied from
    that script's defaults, so the file shows what the edition will get and where to change it.
    """
    script = likely_script(code)
    defaults = _script_defaults()
    chosen = _merge(defaults["default"], defaults.get(script, {}))
    data: dict[str, Any] = {"script": script}
    search = {k: v for k, v in chosen["search"].items() if k in ("language", "query_splitter")}
    if search:
        data["search"] = search
    data["pdf"] = {"cjk_fonts": chosen["pdf"]["cjk_fonts"]}
    name = load(code).native_name
    header = (
        f"# Settings of the {code} edition ({name}). Keys left out take the defaults of its\n"
        f"# script, {script}, in src/book_tools/scripts.yaml, which describes every key; the\n"
        "# language's name, plural forms and text direction come from babel (CLDR).\n"
    )
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
