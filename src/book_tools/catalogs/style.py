"""Typography rules of a CJK translation that a term list cannot express.

* No nested full-width parentheses: ``（队列提示（queueing hints）…）`` reads badly; rephrase
  (``即 queueing hints``) or use a comma.
* A ``{doc}`` link without a title inside full-width parentheses shows its page's title, which
  may have parentheses of its own (动态资源分配（DRA））: such a link needs a short title.
* One spacing rule around ``{doc}`` links: a space on each side of the role where its neighbour
  is a Chinese character, a Latin letter or a digit; none is needed next to punctuation or at
  the start or end of the text. The link shows a title (usually Chinese) that the translator
  does not see while typing, so it is treated like any other inserted word.

Both rules only look at full-width parentheses and CJK neighbours, so they never fire on a
language that uses neither. Code spans are not prose: examples quoted in them are left alone. Each problem is an (offset in the msgstr, message) pair.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

_DOC = re.compile(r"\{doc\}`[^`]*`")
_LONG_CODE = re.compile(r"(?<!`)(?P<ticks>`{2,})(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_ROLE_OR_CODE = re.compile(r"(?P<role>\{[\w:+-]+\}`[^`]*`)|`[^`]+`")


def without_code(text: str) -> str:
    """*text* with code spans blanked (offsets kept): examples quoted as code are not prose."""
    text = _LONG_CODE.sub(lambda m: " " * len(m.group()), text)
    return _ROLE_OR_CODE.sub(lambda m: m.group() if m["role"] else " " * len(m.group()), text)


_NEEDS_SPACE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def nested_parentheses(msgstr: str) -> list[tuple[int, str]]:
    """Full-width parentheses opened inside full-width parentheses."""
    problems = []
    depth = 0
    for offset, char in enumerate(msgstr):
        if char == "（":
            depth += 1
            if depth == 2:
                problems.append(
                    (
                        offset,
                        (
                            "nested full-width parentheses （…（…）…）: rephrase the inner one "
                            "(即 …, or a comma)"
                        ),
                    )
                )
        elif char == "）":
            depth = max(0, depth - 1)
    return problems


def doc_link_spacing(msgstr: str) -> list[tuple[int, str]]:
    """``{doc}`` roles glued to a character that needs a space between it and the link."""
    problems = []
    for match in _DOC.finditer(msgstr):
        before = msgstr[match.start() - 1] if match.start() else ""
        after = msgstr[match.end()] if match.end() < len(msgstr) else ""
        sides = [
            side
            for side, char in (("before", before), ("after", after))
            if char and _NEEDS_SPACE.match(char)
        ]
        if sides:
            problems.append(
                (
                    match.start(),
                    (
                        f"put a space {' and '.join(sides)} {match.group()} (one spacing rule for "
                        "{doc} links: a space next to Chinese, Latin letters and digits)"
                    ),
                )
            )
    return problems


def titled_links_in_parentheses(
    msgstr: str, docname: str, titles: Mapping[str, str]
) -> list[tuple[int, str]]:
    """Titleless ``{doc}`` links inside full-width parentheses to a page whose title has some.

    ``（见 {doc}`/kubernetes/dra`）`` renders 动态资源分配（DRA） inside the parentheses.
    *titles* maps docnames (``kubernetes/dra``) to their translated titles; *docname* is the
    page of the msgstr, for relative links.
    """
    problems = []
    for match in _DOC.finditer(msgstr):
        body = match.group()[len("{doc}`") : -1].strip()
        if body.endswith(">") or msgstr[: match.start()].count("（") <= msgstr[
            : match.start()
        ].count("）"):
            continue
        target = (
            body.lstrip("/")
            if body.startswith("/")
            else posixpath.join(posixpath.dirname(docname), body)
        )
        title = titles.get(posixpath.normpath(target), "")
        if "（" in title:
            problems.append(
                (
                    match.start(),
                    (
                        f"{match.group()} shows the title '{title}' inside full-width parentheses: "
                        f"give the link a short title, {{doc}}`短标题 <{body}>`"
                    ),
                )
            )
    return problems


def style_problems(
    msgstr: str, docname: str = "", titles: Mapping[str, str] | None = None
) -> list[tuple[int, str]]:
    """Every typography problem of one msgstr (*titles*: translated page titles by docname)."""
    text = without_code(msgstr)
    found = nested_parentheses(text) + doc_link_spacing(text)
    if titles:
        found += titled_links_in_parentheses(text, docname, titles)
    return sorted(found)
