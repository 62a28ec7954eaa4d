"""Keep the rules of a stylesheet that can match the book's pages; drop the rest.

A small reader for minified theme stylesheets: it splits a stylesheet into top-level rules
(descending into ``@media``, ``@supports``, ``@layer`` and ``@container`` blocks), and keeps a
style rule when at least one of its selectors names only classes the site uses. A selector
without classes (``html``, ``a:hover``, ``[data-theme=dark]``) is always kept, and so is every
other at-rule (``@font-face``, ``@keyframes``, ``@charset``). Classes inside functional
pseudo-classes (``:not(.x)``, ``:is(.x, .y)``, ``:has(.x)``) are not required, so a rule is
dropped only when it certainly cannot match. Used by :mod:`book_tools.ext.lean_theme`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_CLASS = re.compile(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_GROUPING = ("@media", "@supports", "@layer", "@container")


@dataclass(frozen=True)
class Rule:
    """One top-level piece of a stylesheet: its prelude and its block (``None`` for ``@x ...;``)."""

    prelude: str
    block: str | None

    @property
    def text(self) -> str:
        """The rule as it was written."""
        return self.prelude if self.block is None else f"{self.prelude}{{{self.block}}}"


def _skip_string(text: str, i: int) -> int:
    """The index after the string literal that starts at *text[i]*."""
    quote, j = text[i], i + 1
    while j < len(text) and text[j] != quote:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def _block_end(text: str, i: int) -> int:
    """The index after the ``}`` that closes the ``{`` at *text[i]*."""
    depth, j = 0, i
    while j < len(text):
        char = text[j]
        if char in "\"'":
            j = _skip_string(text, j)
            continue
        if text.startswith("/*", j):
            j = text.index("*/", j + 2) + 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise ValueError(f"unbalanced braces in a stylesheet, from offset {i}")


def split_rules(text: str) -> Iterator[Rule]:
    """The top-level rules of *text*, in order, comments and all (nothing is lost)."""
    start = i = 0
    while i < len(text):
        char = text[i]
        if text.startswith("/*", i):
            i = text.index("*/", i + 2) + 2
        elif char in "\"'":
            i = _skip_string(text, i)
        elif char == "{":
            end = _block_end(text, i)
            yield Rule(text[start:i], text[i + 1 : end - 1])
            start = i = end
        elif char == ";":
            yield Rule(text[start : i + 1], None)
            start = i = i + 1
        else:
            i += 1
    if text[start:].strip():
        yield Rule(text[start:], None)


def _without_functional_pseudos(selector: str) -> str:
    """*selector* without the arguments of ``:not()``, ``:is()``, ``:where()``, ``:has()``..."""
    out, i = [], 0
    while i < len(selector):
        match = re.match(r":[a-zA-Z-]+\(", selector[i:])
        if match:
            depth, j = 1, i + match.end()
            while j < len(selector) and depth:
                depth += {"(": 1, ")": -1}.get(selector[j], 0)
                j += 1
            i = j
            continue
        out.append(selector[i])
        i += 1
    return "".join(out)


def may_match(selectors: str, classes: set[str]) -> bool:
    """Whether one of the comma-separated *selectors* names only classes in *classes*."""
    plain = _without_functional_pseudos(_COMMENT.sub("", selectors))
    return any(set(_CLASS.findall(selector)) <= classes for selector in plain.split(","))


def keep_used(text: str, classes: set[str]) -> str:
    """*text* with the style rules that cannot match a page using only *classes* removed."""
    kept: list[str] = []
    for rule in split_rules(text):
        prelude = _COMMENT.sub("", rule.prelude).strip()
        if rule.block is None or (prelude.startswith("@") and not prelude.startswith(_GROUPING)):
            kept.append(rule.text)
        elif prelude.startswith(_GROUPING):
            inner = keep_used(rule.block, classes)
            if inner.strip():
                kept.append(f"{rule.prelude}{{{inner}}}")
        elif may_match(rule.prelude, classes):
            kept.append(rule.text)
    return "".join(kept)


def codepoints(text: str) -> set[int]:
    """The characters written as CSS escapes (``"\\f015"``) in *text*."""
    return {int(h, 16) for h in re.findall(r"\\([0-9a-fA-F]{4,6})", text)}


def tokens(texts: Iterable[str]) -> set[str]:
    """Every word (letters, digits, ``-``, ``_``) in *texts*: the class names scripts may set."""
    found: set[str] = set()
    for text in texts:
        found.update(re.findall(r"[A-Za-z0-9_-]+", text))
    return found
