"""Read and validate a language's term list, ``locales/<lang>/terminology.yaml``.

The file has two mappings::

    headings:                 # recurring headings and labels: the whole entry, translated so
      Key takeaways: 要点总结
    terms:                    # English term -> its agreed translation
      latency: 时延            # the agreed translation only
      workload: [工作负载, 负载] # the agreed translation first, then accepted short forms
      control plane:          # the full form
        agreed: 控制平面
        accepted: []          # other renderings that are also right
        forbidden: [控制面]    # renderings that must not appear
        allow_in: []          # Chinese compounds that contain a forbidden form and are right
        not_when: []          # English words in the msgid that mean another sense
        anywhere: false       # true: forbidden in every entry, not only where the term is used
        required: true        # false: only the forbidden forms are checked (several senses)
        note: why             # free text for translators

Every mistake in the file is reported as ``file:line: message`` (:class:`TerminologyError`),
never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

TERM_KEYS = (
    "agreed",
    "accepted",
    "forbidden",
    "allow_in",
    "not_when",
    "anywhere",
    "required",
    "note",
)
_BOOLEANS = ("anywhere", "required")
TOP_KEYS = ("headings", "terms")


class TerminologyError(ValueError):
    """The term list itself is malformed; the message starts with ``file:line:``."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Term:
    """An English term, its agreed translation and the renderings that are right or wrong."""

    english: str
    agreed: str
    accepted: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    allow_in: tuple[str, ...] = ()
    not_when: tuple[str, ...] = ()
    anywhere: bool = False
    required: bool = True
    line: int = 0

    @property
    def translations(self) -> tuple[str, ...]:
        """The agreed translation first, then the accepted ones."""
        return (self.agreed, *self.accepted)


@dataclass(frozen=True)
class Heading:
    """A recurring heading or label: an entry whose whole msgid is *english*."""

    english: str
    translation: str
    line: int = 0


@dataclass(frozen=True)
class TermList:
    """Everything a ``terminology.yaml`` declares."""

    path: Path
    terms: tuple[Term, ...]
    headings: tuple[Heading, ...]


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _string(path: Path, node: Node, what: str) -> str:
    if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:str":
        raise TerminologyError(path, _line(node), f"{what} must be a text, not {_kind(node)}")
    value = str(node.value).strip()
    if not value:
        raise TerminologyError(path, _line(node), f"{what} is empty")
    return value


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    return {"null": "nothing", "bool": "a yes/no value", "int": "a number"}.get(tag, f"a {tag}")


def _strings(path: Path, node: Node, what: str) -> tuple[str, ...]:
    if isinstance(node, ScalarNode):
        return (_string(path, node, what),)
    if not isinstance(node, SequenceNode):
        raise TerminologyError(path, _line(node), f"{what} must be a list of texts")
    return tuple(_string(path, item, f"an item of {what}") for item in node.value)


def _pairs(path: Path, node: Node, what: str) -> list[tuple[str, Node, int]]:
    """The keys (as text) and values of a mapping node; duplicate keys are an error."""
    if not isinstance(node, MappingNode):
        raise TerminologyError(path, _line(node), f"{what} must be a mapping, not {_kind(node)}")
    seen: dict[str, int] = {}
    pairs = []
    for key_node, value_node in node.value:
        key = _string(path, key_node, f"a key of {what}")
        if key.lower() in seen:
            raise TerminologyError(
                path,
                _line(key_node),
                f"'{key}' is listed twice in {what} (first on line {seen[key.lower()]})",
            )
        seen[key.lower()] = _line(key_node)
        pairs.append((key, value_node, _line(key_node)))
    return pairs


def _term(path: Path, english: str, node: Node, line: int) -> Term:
    where = f"term '{english}'"
    if isinstance(node, ScalarNode | SequenceNode):
        forms = _strings(path, node, f"the translation of {where}")
        if not forms:
            raise TerminologyError(path, line, f"{where} needs a translation")
        return Term(english, forms[0], forms[1:], line=line)
    fields: dict[str, object] = {}
    for key, value, key_line in _pairs(path, node, where):
        if key not in TERM_KEYS:
            raise TerminologyError(
                path, key_line, f"unknown key '{key}' in {where} (known: {', '.join(TERM_KEYS)})"
            )
        if key in _BOOLEANS:
            if not isinstance(value, ScalarNode) or value.tag != "tag:yaml.org,2002:bool":
                raise TerminologyError(
                    path, _line(value), f"'{key}' of {where} must be true or false"
                )
            fields[key] = value.value.lower() in ("true", "yes", "on")
        elif key in ("agreed", "note"):
            fields[key] = _string(path, value, f"'{key}' of {where}")
        else:
            fields[key] = _strings(path, value, f"'{key}' of {where}")
    if "agreed" not in fields:
        raise TerminologyError(path, line, f"{where} needs an 'agreed' translation")
    fields.pop("note", None)
    term = Term(english, line=line, **fields)  # type: ignore[arg-type]
    for form in term.forbidden:
        if form in term.translations:
            raise TerminologyError(
                path, line, f"{where}: '{form}' is both an accepted and a forbidden rendering"
            )
    return term


def load_term_list(path: Path) -> TermList:
    """Read and validate *path*; raises :class:`TerminologyError` with the line of a mistake."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TerminologyError(path, 1, f"is not UTF-8 ({exc.reason})") from exc
    except OSError as exc:
        raise TerminologyError(path, 1, f"cannot be read ({exc.strerror})") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise TerminologyError(path, line, f"is not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise TerminologyError(path, 1, f"is not valid YAML: {exc}") from exc
    except RecursionError as exc:
        raise TerminologyError(path, 1, "is nested too deeply to be a term list") from exc
    if root is None:
        raise TerminologyError(path, 1, "is empty: expected 'terms:' (and optionally 'headings:')")
    sections = {}
    for key, value, line in _pairs(path, root, "the file"):
        if key not in TOP_KEYS:
            raise TerminologyError(
                path, line, f"unknown key '{key}' (expected: {', '.join(TOP_KEYS)})"
            )
        sections[key] = (value, line)
    if "terms" not in sections:
        raise TerminologyError(path, 1, "has no 'terms:' mapping")
    terms_node, terms_line = sections["terms"]
    terms = tuple(
        _term(path, english, value, line)
        for english, value, line in _pairs(path, terms_node, "'terms'")
    )
    if not terms:
        raise TerminologyError(path, terms_line, "'terms' is empty")
    headings: tuple[Heading, ...] = ()
    if "headings" in sections:
        headings = tuple(
            Heading(english, _string(path, value, f"the translation of heading '{english}'"), line)
            for english, value, line in _pairs(path, sections["headings"][0], "'headings'")
        )
    return TermList(path, terms, headings)
