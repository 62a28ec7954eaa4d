"""Quality gate for translation catalogs: what a translation must keep from its source.

Sphinx's ``-W`` build already fails on some broken references; this check covers the rest and
names the ``.po`` file and line of every problem:

* every role of the msgid (``{term}`TTFT```, ``{doc}`/a/b```) appears in the msgstr with the same
  target (its displayed title may be translated: ``{term}`首 Token 时延 <TTFT>```);
* every link target (``[text](url)``, ``<https://...>``) and every inline code span is kept;
* substitutions (``{{ name }}``) are kept, and ``**`` emphasis markers stay balanced;
* no fuzzy entry, and a complete header (Language, Plural-Forms, UTF-8 charset).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import polib

from book_tools.catalogs.problems import Problem

_ROLE = re.compile(r"(?<!`)\{(?P<role>[a-zA-Z][\w:+-]*)\}`(?P<body>[^`]+)`")
_LINK = re.compile(r"\]\((?P<url>[^)\s]+)\)")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>")
_CODE = re.compile(r"(?<![}`])`(?P<code>[^`]+)`(?!`)")
_SUBST = re.compile(r"\{\{\s*(?P<name>[\w.-]+)\s*\}\}")


def _role_targets(text: str) -> Counter[tuple[str, str]]:
    targets: Counter[tuple[str, str]] = Counter()
    for match in _ROLE.finditer(text):
        body = match["body"].strip()
        explicit = re.match(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", body, re.DOTALL)
        target = explicit["target"] if explicit else body
        targets[(match["role"], target.strip())] += 1
    return targets


def _without_roles(text: str) -> str:
    return _ROLE.sub("", text)


def markup_problems(msgid: str, msgstr: str) -> list[str]:
    """What *msgstr* lost or changed of *msgid*'s markup, as messages (empty when it is intact)."""
    problems = []
    missing_roles = _role_targets(msgid) - _role_targets(msgstr)
    for (role, target), _count in sorted(missing_roles.items()):
        problems.append(f"role {{{role}}} with target '{target}' is missing from the translation")
    urls = Counter(m["url"] for m in _LINK.finditer(msgid))
    urls += Counter(m["url"] for m in _AUTOLINK.finditer(msgid))
    got = Counter(m["url"] for m in _LINK.finditer(msgstr))
    got += Counter(m["url"] for m in _AUTOLINK.finditer(msgstr))
    for url in sorted(urls - got):
        problems.append(f"link to '{url}' is missing from the translation")
    codes = Counter(m["code"] for m in _CODE.finditer(_without_roles(msgid)))
    got_codes = Counter(m["code"] for m in _CODE.finditer(_without_roles(msgstr)))
    for code in sorted(codes - got_codes):
        problems.append(f"inline code `{code}` is missing or changed in the translation")
    for name in sorted(set(_SUBST.findall(msgid)) - set(_SUBST.findall(msgstr))):
        problems.append(f"substitution {{{{ {name} }}}} is missing from the translation")
    if msgstr.count("**") % 2:
        problems.append("unbalanced '**' emphasis in the translation")
    return problems


REQUIRED_HEADERS = ("Language", "Plural-Forms", "Content-Type")


def check_catalog(path: Path) -> list[Problem]:
    """Every problem of one ``.po`` file."""
    try:
        catalog = polib.pofile(str(path))
    except (OSError, ValueError) as exc:
        return [Problem(path, 1, f"cannot be parsed: {exc}")]
    problems = []
    for header in REQUIRED_HEADERS:
        if not catalog.metadata.get(header):
            problems.append(Problem(path, 1, f"header field '{header}' is missing or empty"))
    content_type = catalog.metadata.get("Content-Type", "")
    if content_type and "charset=UTF-8" not in content_type:
        problems.append(Problem(path, 1, f"charset must be UTF-8, not '{content_type}'"))
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.fuzzy:
            problems.append(
                Problem(
                    path,
                    entry.linenum,
                    f"fuzzy entry (review it, then remove the flag): {entry.msgid[:60]!r}",
                )
            )
            continue
        if not entry.msgstr:
            continue  # untranslated: counted by the statistics, shown by the page banner
        for message in markup_problems(entry.msgid, entry.msgstr):
            problems.append(Problem(path, entry.linenum, message))
    return problems


_MSGFMT_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<msg>.*)$")


def msgfmt_problems(path: Path) -> list[Problem]:
    """What GNU ``msgfmt --check`` reports for *path* (format strings, header, domain)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return [Problem(path, 1, "msgfmt not found: install GNU gettext to check catalogs")]
    result = subprocess.run(
        [msgfmt, "--check", "--output-file", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return []
    problems = []
    for line in result.stderr.splitlines():
        match = _MSGFMT_LINE.match(line)
        if match and not match["msg"].startswith("found "):
            problems.append(Problem(path, int(match["line"]), f"msgfmt: {match['msg']}"))
    return problems or [Problem(path, 1, f"msgfmt: {result.stderr.strip()}")]


def check_tree(locales: Path) -> list[Problem]:
    """Every problem of every ``.po`` file below *locales* (msgfmt's and ours)."""
    problems = []
    for po in sorted(locales.rglob("*.po")):
        syntax = msgfmt_problems(po)
        problems += syntax if syntax else check_catalog(po)
    return problems
