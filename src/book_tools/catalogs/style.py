"""Typography rules of a CJK translation that a term list cannot express.

Which rules apply is a choice of each writing system (``typography`` in
``src/book_tools/scripts.yaml``, overridable in a ``language.yaml``), read here as a
:class:`~book_tools.languages.Typography`:

* No nested full-width parentheses: ``（队列提示（queueing hints）…）`` reads badly; rephrase
  (``即 queueing hints``) or use a comma.
* A ``{doc}`` link without a title inside full-width parentheses shows its page's title, which
  may have parentheses of its own (动态资源分配（DRA））: such a link needs a short title.
* ``doc_links: space`` (Chinese): a space on each side of a ``{doc}`` role where its neighbour
  is a CJK character, a Latin letter or a digit; none is needed next to punctuation or at the
  start or end of the text. The link shows a title that the translator does not see while
  typing, so it is treated like any other inserted word. ``doc_links: none`` (Japanese): no
  space between a CJK character and the role.
* ``latin_spacing: none`` (Japanese): no space between a CJK character and a Latin letter or
  digit (``KubernetesのPod``), as the Kubernetes Japanese documentation writes.

Both rules only look at full-width parentheses and CJK neighbours, so they never fire on a
language that uses neither. Code spans are not prose: examples quoted in them are left alone. Each problem is an (offset in the msgstr, message) pair.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from book_tools.languages import Typography

_DOC = re.compile(r"\{doc\}`[^`]*`")
_LONG_CODE = re.compile(r"(?<!`)(?P<ticks>`{2,})(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_ROLE_OR_CODE = re.compile(r"(?P<role>\{[\w:+-]+\}`[^`]*`)|`[^`]+`")


def without_code(text: str, fill: str = " ") -> str:
    """*text* with code spans blanked (offsets kept): examples quoted as code are not prose.

    *fill* replaces each character of a code span: a space, or a Latin letter where a code span
    should count as a Latin word next to the text around it.
    """
    text = _LONG_CODE.sub(lambda m: fill * len(m.group()), text)
    return _ROLE_OR_CODE.sub(lambda m: m.group() if m["role"] else fill * len(m.group()), text)


#: Han, hiragana, katakana (and its prolonged sound mark), compatibility ideographs
_CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
_NEEDS_SPACE = re.compile(rf"[{_CJK}A-Za-z0-9]")
_SPACE = "[ \t\u00a0\u3000]+"
_CJK_SPACE_LATIN = re.compile(
    rf"(?<=[{_CJK}]){_SPACE}(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]){_SPACE}(?=[{_CJK}])"
)
_SPACE_BEFORE_DOC = re.compile(rf"(?<=[{_CJK}]){_SPACE}$")
_SPACE_AFTER_DOC = re.compile(rf"^{_SPACE}(?=[{_CJK}])")


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
                        "{doc} links: a space next to CJK characters, Latin letters and digits)"
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
                        f"give the link a short title, {{doc}}`short title <{body}>`"
                    ),
                )
            )
    return problems


def latin_spacing(msgstr: str, original: str | None = None) -> list[tuple[int, str]]:
    """Spaces between a CJK character and a Latin letter or digit.

    *msgstr* may have its code spans filled with letters; *original* (same offsets) is quoted.
    """
    original = original or msgstr
    found = []
    for match in _CJK_SPACE_LATIN.finditer(msgstr):
        pair = f"{original[match.start() - 1]!r} and {original[match.end()]!r}"
        found.append((match.start(), f"no space between CJK text and Latin text: {pair}"))
    return found


def doc_link_no_space(msgstr: str) -> list[tuple[int, str]]:
    """Spaces between a CJK character and a ``{doc}`` link."""
    problems = []
    for match in _DOC.finditer(msgstr):
        before = _SPACE_BEFORE_DOC.search(msgstr, 0, match.start())
        after = _SPACE_AFTER_DOC.search(msgstr[match.end() :])
        for space in filter(None, (before, after)):
            offset = space.start() if space is before else match.end()
            problems.append(
                (offset, f"no space between CJK text and {match.group()} (write them together)")
            )
    return problems


def style_problems(
    msgstr: str,
    docname: str = "",
    titles: Mapping[str, str] | None = None,
    typography: Typography | None = None,
) -> list[tuple[int, str]]:
    """Every typography problem of one msgstr (*titles*: translated page titles by docname).

    *typography* is the edition's choice of rules; without it, Chinese's.
    """
    typography = typography or Typography()
    text = without_code(msgstr)
    # for the no-space rules a code span reads as a Latin word: "の`v1` API" is fine,
    # "`kubectl` で" is not
    as_latin = without_code(msgstr, fill="x")
    found = nested_parentheses(text)
    if typography.doc_links == "space":
        found += doc_link_spacing(text)
    elif typography.doc_links == "none":
        found += doc_link_no_space(as_latin)
    if typography.latin_spacing == "none":
        found += latin_spacing(as_latin, msgstr)
    if titles:
        found += titled_links_in_parentheses(text, docname, titles)
    return sorted(found)
