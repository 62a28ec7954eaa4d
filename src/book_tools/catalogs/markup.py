"""What a message renders, parsed exactly as the build parses it, and what a translation changed.

The parser is myst-parser's own (``create_md_parser``) with an ``MdParserConfig`` built from the
``myst_*`` settings of the book's ``conf.py``, so a new MyST extension switched on there is
understood here without a change. Sphinx parses every msgstr on its own in the same way.

:func:`compare` returns what the msgstr lost or added of the msgid's rendered markup: links,
images, roles (their targets; a role's displayed title may be translated), inline code, math,
footnote references, substitutions, emphasis and strong spans, raw HTML, block structure — and
Markdown syntax that shows literally on the page because it does not render (above all the
CommonMark flanking rule: ``**默认关闭。**大多数`` shows its asterisks).
"""

from __future__ import annotations

import functools
import re
import runpy
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

#: Kinds of markup a ``# gate-allow: KIND (reason)`` translator comment can let through.
KINDS = (
    "link",
    "image",
    "role",
    "code",
    "math",
    "footnote",
    "substitution",
    "emphasis",
    "html",
    "attribute",
    "block",
    "literal",
)

_EXPLICIT_TARGET = re.compile(r"<(?P<target>[^<>]+)>\s*$")
_TEXT_IN_MATH = re.compile(r"\\(?:text|textrm|textit|textbf|mbox)\s*\{[^{}]*\}")
_MATH = {"math_inline", "math_inline_double", "math_block", "math_block_label"}
_BLOCK_SKIP = {"paragraph_open", "paragraph_close", "inline", "text"}
# attributes a translation changes through the markup it must keep anyway
_KEPT_ATTRIBUTES = {"href", "src", "alt", "title"}
# Hostile content is never allowed, whatever a translator comment says.
_HOSTILE_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|form|meta|link)\b|\son\w+\s*=", re.IGNORECASE
)
_HOSTILE_URL = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)

FLANKING_FIX = (
    "the span does not render because its marker touches full-width punctuation (CommonMark "
    "flanking rule); keep the punctuation outside the span: write **默认关闭**。 not **默认关闭。**"
)
_LITERALS = (
    ("**", f"literal '**' shows on the page: {FLANKING_FIX}"),
    ("__", f"literal '__' shows on the page: {FLANKING_FIX}"),
    ("*", f"literal '*' shows on the page: {FLANKING_FIX}"),
    ("`", "literal '`' shows on the page: an inline code span or role is not closed"),
    (
        "](",
        (
            "literal '](' shows on the page: this link does not render; use [text](url) as in "
            "the English, with the English URL"
        ),
    ),
    ("$", "literal '$' shows on the page: a math span is not closed; keep $...$ as in the English"),
)


class ConfError(Exception):
    """The book's ``conf.py`` cannot be read; the message says why."""


@dataclass(frozen=True)
class Finding:
    """One difference between a msgid and its msgstr."""

    kind: str  # one of KINDS
    message: str
    hostile: bool = False  # never allowed by a translator comment


def myst_config(conf: Path) -> MdParserConfig:
    """The ``MdParserConfig`` of the ``myst_*`` settings in *conf* (a Sphinx ``conf.py``)."""
    try:
        namespace = runpy.run_path(str(conf))
    except Exception as exc:  # noqa: BLE001 (conf.py is code: whatever it raises is reported)
        raise ConfError(f"{conf}: cannot be read: {type(exc).__name__}: {exc}") from None
    settings = {
        f.name: namespace[f"myst_{f.name}"]
        for f in fields(MdParserConfig)
        if f"myst_{f.name}" in namespace
    }
    try:
        return MdParserConfig(**settings)
    except (TypeError, ValueError) as exc:
        raise ConfError(f"{conf}: a myst_* setting is invalid: {exc}") from None


@functools.cache
def parser(conf: Path) -> MarkdownIt:
    """The markdown-it parser the build uses for the book configured by *conf*."""
    return create_md_parser(myst_config(conf), RendererHTML)


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


@dataclass
class Rendered:
    """What one message renders, as multisets that a translation must keep."""

    links: Counter[str]
    images: Counter[str]
    roles: Counter[str]
    code: Counter[str]
    math: Counter[str]
    footnotes: Counter[str]
    substitutions: Counter[str]
    emphasis: Counter[str]
    html: Counter[str]
    attributes: Counter[str]  # {#id .class key=value} of attrs_inline, e.g. on links and spans
    blocks: Counter[str]
    literal_text: str  # the text nodes, joined: what shows as plain characters


def _math_skeleton(tex: str) -> str:
    """*tex* without the words of its ``\\text{...}`` groups, which a translation translates."""
    return " ".join(_TEXT_IN_MATH.sub(r"\\text{…}", tex).split())


def _role(token: Token) -> str:
    body = token.content.strip()
    explicit = _EXPLICIT_TARGET.search(body)
    return f"{{{token.meta.get('name', '')}}}`{(explicit['target'] if explicit else body).strip()}`"


def render(text: str, conf: Path) -> Rendered:
    """Parse *text* as the build does and collect what renders."""
    result = Rendered(*(Counter() for _ in range(11)), literal_text="")
    texts = []
    for token in _walk(parser(conf).parse(text)):
        kind = token.type
        if kind not in ("substitution_inline", "substitution_block"):
            for key, value in token.attrs.items():
                if key not in _KEPT_ATTRIBUTES:
                    result.attributes[f"{key}={value}"] += 1
        if kind == "link_open":
            result.links[str(token.attrs.get("href", ""))] += 1
        elif kind == "image":
            result.images[str(token.attrs.get("src", ""))] += 1
        elif kind == "myst_role":
            result.roles[_role(token)] += 1
        elif kind == "code_inline":
            result.code[token.content] += 1
        elif kind in _MATH:
            result.math[_math_skeleton(token.content)] += 1
        elif kind == "footnote_ref":
            result.footnotes[str(token.meta.get("label", ""))] += 1
        elif kind in ("substitution_inline", "substitution_block"):
            result.substitutions[token.content.strip()] += 1
        elif kind in ("em_open", "strong_open"):
            result.emphasis["strong" if kind == "strong_open" else "emphasis"] += 1
        elif kind in ("html_inline", "html_block"):
            result.html[token.content.strip()] += 1
        elif kind == "text":
            texts.append(token.content)
        elif token.level == 0 and token.nesting >= 0 and kind not in _BLOCK_SKIP:
            result.blocks[f"{kind}({token.tag})" if kind == "heading_open" else kind] += 1
    result.literal_text = "\n".join(texts)
    return result


def _snippet(text: str, needle: str) -> str:
    at = text.find(needle)
    start = max(0, at - 12)
    return text[start : at + len(needle) + 12].replace("\n", " ")


def _differences(
    kind: str, label: str, source: Counter[str], translation: Counter[str]
) -> Iterator[Finding]:
    # a translation may say a name twice or once where the English says it once or twice:
    # what matters is which targets, names and formulas appear, not how often
    lost = Counter(set(source) - set(translation))
    added = Counter(set(translation) - set(source))
    if len(lost) == 1 and len(added) == 1 and sum(lost.values()) == sum(added.values()) == 1:
        (old,), (new,) = lost, added
        yield Finding(
            kind,
            f"{label} changed from {old!r} to {new!r}: keep the English {label}",
            hostile=_hostile(kind, new),
        )
        return
    for item in sorted(lost):
        yield Finding(kind, f"{label} {item!r} is missing: keep it as in the English")
    for item in sorted(added):
        yield Finding(
            kind,
            f"{label} {item!r} is not in the English: remove it (or change the English first)",
            hostile=_hostile(kind, item),
        )


def _hostile(kind: str, item: str) -> bool:
    """Whether an added *item* could run code or restyle the page: never allowed."""
    if kind == "html":
        return bool(_HOSTILE_HTML.search(item))
    return kind in ("link", "image") and bool(_HOSTILE_URL.match(item))


def compare(msgid: str, msgstr: str, conf: Path) -> list[Finding]:
    """Everything *msgstr* lost or added of *msgid*'s rendered markup, as findings."""
    source, translation = render(msgid, conf), render(msgstr, conf)
    findings: list[Finding] = []
    literal_kinds = set()
    remaining = translation.literal_text
    for marker, message in _LITERALS:
        # count what is left after the longer markers: '**' is not also two '*'
        extra = remaining.count(marker) - source.literal_text.count(marker)
        if extra > 0:
            near = _snippet(remaining, marker)
            findings.append(Finding("literal", f"{message} (near {near!r})"))
            literal_kinds.add("emphasis" if "*" in marker or "_" in marker else marker)
        remaining = remaining.replace(marker, " ")
        source = _without(source, marker)
    checks = (
        ("link", "link target", source.links, translation.links),
        ("image", "image", source.images, translation.images),
        ("role", "role", source.roles, translation.roles),
        ("code", "inline code", source.code, translation.code),
        ("math", "math", source.math, translation.math),
        ("footnote", "footnote reference", source.footnotes, translation.footnotes),
        ("substitution", "substitution", source.substitutions, translation.substitutions),
        ("emphasis", "", source.emphasis, translation.emphasis),
        ("html", "raw HTML", source.html, translation.html),
        ("attribute", "attribute", source.attributes, translation.attributes),
        ("block", "block markup", source.blocks, translation.blocks),
    )
    for kind, label, before, after in checks:
        if kind == "emphasis":
            if "emphasis" not in literal_kinds:  # else already reported, with its fix
                findings.extend(_emphasis_differences(before, after))
            continue
        findings.extend(_differences(kind, label, before, after))
    return findings


def _emphasis_differences(source: Counter[str], translation: Counter[str]) -> Iterator[Finding]:
    for name, marker in (("strong", "**...**"), ("emphasis", "*...*")):
        have, want = translation[name], source[name]
        if have < want:
            yield Finding(
                "emphasis",
                f"{want - have} {name} span(s) {marker} of the English missing: mark the same "
                "words in the translation",
            )
        elif have > want:
            yield Finding(
                "emphasis",
                f"{have - want} {name} span(s) {marker} not in the English: remove the markers",
            )


def _without(rendered: Rendered, marker: str) -> Rendered:
    rendered.literal_text = rendered.literal_text.replace(marker, " ")
    return rendered
