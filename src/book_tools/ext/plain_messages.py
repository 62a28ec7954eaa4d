"""Translated messages that cannot hold markup made into paragraphs without the Markdown parser.

Sphinx's ``Locale`` transform parses every translated message of a page on its own, with the
page's parser, into a throwaway document whose source ends in ``:<translated>``. For the
Chinese book that is about 16,500 messages in a cold build, 11 s of the build's 60 s on the
development machine (issue 18), against none for English; 61 % of the distinct messages are
plain text: a title, a table cell, a sentence without emphasis, code, links, roles or
substitutions.

For such a message MyST renders one paragraph holding one text node, and its renderer's
bookkeeping records the message's word count in the page's metadata (the last message's count
wins, as MyST does for every translated message). :func:`render_plain` makes the same nodes, with
the same source, line and parents, and records the same word count, without running markdown-it
and the renderer. A message is plain (:func:`is_plain`) only when it has none of the characters
that start or end Markdown or MyST syntax (emphasis, code, links, images, HTML, entities,
escapes, roles, substitutions, math, attributes, comments, targets, tables, fences, headings,
lists, quotes, breaks), no leading or trailing space, no run of spaces, no line break and no
control character; everything else goes to MyST as before. The test builds every plain message
of the book both ways and compares the nodes.
"""

from __future__ import annotations

import re
import string
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

TRANSLATED_SUFFIX = ":<translated>"
"""How Sphinx's ``Locale`` transform names the source of a message's throwaway document."""

_NOT_PLAIN = re.compile(
    r"""[\\`*_\[\]{}<>#|~!$&:^=+%@"'\x00-\x1f\x7f-\x9f]"""  # syntax, quotes, control characters
    r"|https?|www\.|\.\.\.|--"  # links and what typographic replacements would touch
    r"|^\s|\s$|\s\s"  # block indentation, breaks, spacing markdown-it may normalise
    r"|^-|^\d+[.)]"  # list and thematic-break markers at the start
)


def is_plain(text: str) -> bool:
    """Whether *text* is certain to be one paragraph of plain text to MyST."""
    return bool(text) and _NOT_PLAIN.search(text) is None


def _basic_count(text: str) -> int:
    """mdit-py-plugins' word count: whitespace-separated items with a letter once stripped of
    punctuation (its ``basic_count``)."""
    return sum(item.strip(string.punctuation).isalpha() for item in text.split())


def render_plain(text: str, document: nodes.document, env: Any, per_minute: int) -> None:
    """Append what MyST renders for the plain message *text* to *document*, and record its word
    count in the page's metadata as MyST's renderer does."""
    paragraph = nodes.paragraph(text)
    paragraph.line = 1
    document.current_line = 1
    paragraph.source = document["source"]
    document.append(paragraph)
    paragraph.append(nodes.Text(text))
    document.myst_slugs = {}
    if env is not None:
        words = _basic_count(text)
        metadata = env.metadata.setdefault(env.docname, {})
        metadata["wordcount"] = {"words": words, "minutes": round(words / per_minute)}


def _wrap(parser_class: type) -> None:
    """Give *parser_class* a ``parse`` that renders plain translated messages itself."""
    original = parser_class.parse
    if getattr(original, "book_plain_messages", False):
        return

    def parse(self: Any, inputstring: str, document: nodes.document) -> None:
        source = document.get("source", "")
        if isinstance(source, str) and source.endswith(TRANSLATED_SUFFIX) and is_plain(inputstring):
            env = getattr(document.settings, "env", None)  # where MyST's renderer finds it
            per_minute = getattr(getattr(env, "config", None), "myst_words_per_minute", 200)
            render_plain(inputstring, document, env, per_minute)
            return None
        return original(self, inputstring, document)

    parse.book_plain_messages = True  # type: ignore[attr-defined]
    parse.book_original = original  # type: ignore[attr-defined]
    parse.__doc__ = original.__doc__
    parser_class.parse = parse


def install(app: Sphinx) -> None:
    """``builder-inited``: the MyST parsers Sphinx uses render plain translated messages
    directly (only when the build translates)."""
    if not app.config.language or app.config.language == "en":
        return
    try:
        from myst_parser.parsers.sphinx_ import MystParser
    except ImportError:
        return
    for parser_class in set(app.registry.source_parsers.values()):
        if isinstance(parser_class, type) and issubclass(parser_class, MystParser):
            _wrap(parser_class)
