"""Terminology check: agreed terms, forbidden forms, fixed headings, and a term list that is
itself checked. Every expected line number below was counted by hand in the text of the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from book_tools import cli
from book_tools.catalogs import terminology
from book_tools.catalogs.termlist import TerminologyError, load_term_list
from conftest import LOCALES

TERMS = """\
headings:
  Key takeaways: 要点总结
terms:
  latency: 时延
  workload: [工作负载, 负载]
  control plane:
    agreed: 控制平面
    forbidden: [控制面]
    anywhere: true
  workload-aware:
    agreed: 工作负载感知
    forbidden: [负载感知]
  token:
    agreed: token
    required: false
    forbidden: [Token]
    anywhere: true
    allow_in: [Time To First Token]
  agent:
    agreed: 智能体
    required: false
    forbidden: [代理]
    allow_in: [节点代理]
    not_when: [proxy]
"""
# six lines: the entries of a catalog start on line 7
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)


def tree(tmp_path: Path, entries: str, terms: str = TERMS, code: str = "zh_CN") -> Path:
    lang = tmp_path / code
    (lang / "LC_MESSAGES").mkdir(parents=True)
    (lang / "terminology.yaml").write_text(terms, encoding="utf-8")
    (lang / "LC_MESSAGES" / "page.po").write_text(HEADER + entries, encoding="utf-8")
    return tmp_path


def messages(tmp_path: Path, entries: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in terminology.check_tree(tree(tmp_path, entries))]


def test_the_books_catalogs_follow_the_term_list() -> None:
    assert [str(p) for p in terminology.check_tree(LOCALES)] == []


def test_other_translation_is_reported_at_the_msgstr_line(tmp_path: Path) -> None:
    problems = terminology.check_tree(
        tree(tmp_path, 'msgid "Latency matters."\nmsgstr "延迟很重要。"\n')
    )
    assert len(problems) == 1
    assert problems[0].path.name == "page.po"
    assert problems[0].line == 8  # msgid on line 7, msgstr on line 8
    assert problems[0].message.startswith("'latency' is not translated as agreed: write '时延'")


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Latency matters.", "时延很重要。"),
        ("Tail latencies matter.", "尾部时延很重要。"),  # plural
        ("Latency matters.", "latency 很重要。"),  # kept in English
        ("Batch workloads wait.", "批处理负载需要等待。"),  # accepted short form
        ("Run `latency-test` now.", "现在运行 `latency-test`。"),  # code is not prose
        ("See [docs](https://example.org/latency).", "参见[文档](https://example.org/latency)。"),
        ("Workload-aware scheduling.", "工作负载感知调度。"),  # 负载感知 inside the agreed form
        ("Ten tokens.", "十个 token。"),
        ("Ten tokens.", "十个 `Token`。"),  # a code span is not prose
        ("Time to first token.", "首 token 时延（Time To First Token）。"),  # allow_in
        ("A node agent runs.", "节点代理在运行。"),  # allow_in
        ("The proxy calls the agent.", "代理调用智能体。"),  # not_when: proxy
    ],
)
def test_agreed_translations_pass(tmp_path: Path, msgid: str, msgstr: str) -> None:
    assert messages(tmp_path, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n') == []


def test_forbidden_form_next_to_the_agreed_term_fails(tmp_path: Path) -> None:
    # the old check passed this entry: 控制平面 appears, so the term "was used"
    entry = 'msgid "The control plane and its API."\nmsgstr "控制平面和控制面的 API。"\n'
    assert messages(tmp_path, entry) == [
        (
            8,
            (
                "'control plane': forbidden form '控制面' found, the agreed translation is '控制平面'; "
                "or add '# terminology-ok: control plane (reason)' to the entry"
            ),
        )
    ]


def test_forbidden_form_is_reported_on_its_own_line(tmp_path: Path) -> None:
    entry = (
        'msgid ""\n'  # line 7
        '"An AI agent calls tools. "\n'  # 8
        '"The agent plans."\n'  # 9
        'msgstr ""\n'  # 10
        '"智能体会调用工具。"\n'  # 11
        '"代理负责规划。"\n'  # 12: the forbidden form
    )
    assert messages(tmp_path, entry) == [
        (
            12,
            (
                "'agent': forbidden form '代理' found, the agreed translation is '智能体'; "
                "or add '# terminology-ok: agent (reason)' to the entry"
            ),
        )
    ]


def test_anywhere_forms_fail_where_the_english_does_not_use_the_term(tmp_path: Path) -> None:
    # "TTFT" does not contain "token", but Token is wrong anywhere; the role's title is prose
    entry = 'msgid "See {term}`TTFT`."\nmsgstr "见{term}`首 Token 时延 <TTFT>`。"\n'
    found = messages(tmp_path, entry)
    assert [line for line, _ in found] == [8]
    assert "forbidden form 'Token'" in found[0][1]


def test_latin_forms_are_case_sensitive_whole_words(tmp_path: Path) -> None:
    entry = 'msgid "Tokens and tokenizers."\nmsgstr "Tokens 与 Tokenizer。"\n'
    # 'Tokens' is the plural of the forbidden form; 'Tokenizer' is another word
    assert [m.split("'")[3] for _, m in messages(tmp_path, entry)] == ["Tokens"]


def test_a_wrong_heading_fails(tmp_path: Path) -> None:
    assert messages(tmp_path, 'msgid "Key takeaways"\nmsgstr "要点回顾"\n') == [
        (
            8,
            (
                "heading 'Key takeaways' is translated '要点回顾': the agreed translation is "
                "'要点总结'; or add '# terminology-ok: Key takeaways (reason)' to the entry"
            ),
        )
    ]


def test_translator_comment_allows_an_exception(tmp_path: Path) -> None:
    entry = (
        "# terminology-ok: latency, agent (a quoted product name)\n"
        'msgid "Latency of the agent."\nmsgstr "代理的延迟。"\n'
    )
    assert messages(tmp_path, entry) == []


def test_fuzzy_and_untranslated_entries_are_skipped(tmp_path: Path) -> None:
    entries = '#, fuzzy\nmsgid "Latency."\nmsgstr "延迟。"\n\nmsgid "The agent."\nmsgstr ""\n'
    assert messages(tmp_path, entries) == []


# -- a malformed term list: file:line: message, never a traceback ---------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("terms:\n  latency: [时延\n", 3, "is not valid YAML"),  # unclosed list, found at EOF
        ("terms: [not, a, mapping]\n", 1, "'terms' must be a mapping, not a list"),
        ("terms:\n  latency: 时延\nglossary: {}\n", 3, "unknown key 'glossary'"),
        (
            "terms:\n  latency:\n    agreed: 时延\n    banned: [延迟]\n",
            4,
            "unknown key 'banned' in term 'latency'",
        ),
        ("terms:\n  latency: ''\n", 2, "the translation of term 'latency' is empty"),
        ("terms:\n  '': 时延\n", 2, "a key of 'terms' is empty"),
        (
            "terms:\n  latency: 5\n",
            2,
            "the translation of term 'latency' must be a text, not a number",
        ),
        ("terms:\n  latency:\n", 2, "must be a text, not nothing"),
        ("terms:\n  latency: 时延\n  Latency: 延迟\n", 3, "'Latency' is listed twice"),
        ("terms:\n  latency:\n    forbidden: [延迟]\n", 2, "term 'latency' needs an 'agreed'"),
        (
            "terms:\n  latency:\n    agreed: 时延\n    anywhere: sometimes\n",
            4,
            "'anywhere' of term 'latency' must be true or false",
        ),
        (
            "terms:\n  latency:\n    agreed: 时延\n    forbidden: [时延]\n",
            2,
            "'时延' is both an accepted and a forbidden rendering",
        ),
        (
            "headings:\n  Key takeaways: [要点总结]\nterms:\n  a: b\n",
            2,
            "must be a text, not a list",
        ),
        ("", 1, "is empty"),
        ("headings: {}\n", 1, "has no 'terms:' mapping"),
        ("terms: {}\n", 1, "'terms' is empty"),
    ],
)
def test_malformed_term_list_is_located(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "terminology.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TerminologyError) as caught:
        load_term_list(path)
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_deeply_nested_term_list_is_located(tmp_path: Path) -> None:
    path = tmp_path / "terminology.yaml"
    # valid YAML, 5,000 lists deep: deeper than Python's recursion limit
    path.write_text("terms:\n  latency: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(TerminologyError, match=r"terminology\.yaml:1: is nested too deeply"):
        load_term_list(path)


def test_term_with_a_python_tag_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "terminology.yaml"
    path.write_text("terms:\n  latency: !!python/object:os.system echo\n", encoding="utf-8")
    with pytest.raises(TerminologyError, match=r"terminology\.yaml:2: .* must be a text"):
        load_term_list(path)


def test_term_list_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "terminology.yaml"
    path.write_bytes("terms:\n  latency: 时延\n".encode("gb18030"))
    with pytest.raises(TerminologyError, match=r"terminology\.yaml:1: is not UTF-8"):
        load_term_list(path)


def test_malformed_term_list_fails_the_check_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = tree(tmp_path, 'msgid "Latency."\nmsgstr "时延。"\n', terms="terms:\n  x: [a\n")
    # the check command of the command line: a located message and a failure, no traceback
    problems = terminology.check_tree(locales)
    assert [(p.path.name, p.line) for p in problems] == [("terminology.yaml", 3)]
    assert cli.main(["--locales", str(locales), "check"]) == 1
    output = capsys.readouterr()
    assert "terminology.yaml:3: is not valid YAML" in output.out + output.err
    assert "Traceback" not in output.out + output.err


# -- typography: nested full-width parentheses, spaces around {doc} links ---------------------


def test_nested_fullwidth_parentheses_are_reported(tmp_path: Path) -> None:
    entry = 'msgid "Retries (queueing hints (KEP) help)."\nmsgstr "重试（队列提示（KEP）有用）。"\n'
    found = messages(tmp_path, entry)
    assert [line for line, _ in found] == [8]
    assert found[0][1].startswith("nested full-width parentheses")


@pytest.mark.parametrize(
    ("msgstr", "sides"),
    [
        ("见{doc}`/a/b`。", ["before"]),  # 见 is Chinese; 。 is punctuation
        ("{doc}`/a/b`一章", ["after"]),  # the start of the text needs no space
        ("见{doc}`缓存 </a/b>`一章", ["before and after"]),
        ("v2{doc}`/a/b`", ["before"]),  # a digit needs a space too
    ],
)
def test_doc_links_glued_to_text_are_reported(
    tmp_path: Path, msgstr: str, sides: list[str]
) -> None:
    found = messages(tmp_path, f'msgid "See {{doc}}`/a/b`."\nmsgstr "{msgstr}"\n')
    assert [m.split(" {doc}")[0].removeprefix("put a space ") for _, m in found] == sides


@pytest.mark.parametrize(
    "msgstr",
    ["见 {doc}`/a/b`。", "（{doc}`/a/b`）", "{doc}`缓存 </a/b>` 一章", "“{doc}`/a/b`”"],
)
def test_doc_links_with_spaces_or_punctuation_pass(tmp_path: Path, msgstr: str) -> None:
    assert messages(tmp_path, f'msgid "See {{doc}}`/a/b`."\nmsgstr "{msgstr}"\n') == []


def test_style_exception_by_translator_comment(tmp_path: Path) -> None:
    entry = '# terminology-ok: style (a quoted title)\nmsgid "See it."\nmsgstr "见{doc}`/a/b`。"\n'
    assert messages(tmp_path, entry) == []


def test_a_comment_wrapped_by_gettext_still_allows(tmp_path: Path) -> None:
    # msgmerge and msgcat wrap long translator comments onto several '#' lines
    entry = (
        "# terminology-ok: workload, latency (the guide quotes the forbidden forms\n"
        "# on purpose)\n"
        'msgid "Latency matters."\nmsgstr "延迟很重要。"\n'
    )
    assert messages(tmp_path, entry) == []
    wrapped_inside_the_list = (
        "# terminology-ok: workload,\n# latency (a quoted name)\n"
        'msgid "Latency matters."\nmsgstr "延迟很重要。"\n'
    )
    assert messages(tmp_path / "b", wrapped_inside_the_list) == []


def test_code_spans_are_not_checked_for_style(tmp_path: Path) -> None:
    entry = (
        'msgid "Write `(a (b))`."\nmsgstr "写成 `` （见 {doc}`DRA </a>`） `` 和 `（（x））`。"\n'
    )
    assert messages(tmp_path, entry) == []


# -- Japanese typography: the script's settings, not the Chinese rules --------------------------


JA_TERMS = "terms:\n  inference: 推論\n"


def ja_messages(tmp_path: Path, msgstr: str, settings: str = "") -> list[tuple[int, str]]:
    locales = tree(
        tmp_path, f'msgid "See {{doc}}`/a/b` on the Pod."\nmsgstr "{msgstr}"\n', JA_TERMS, "ja"
    )
    if settings:
        (locales / "ja" / "language.yaml").write_text(settings, encoding="utf-8")
    return [(p.line, p.message) for p in terminology.check_tree(locales)]


@pytest.mark.parametrize(
    "msgstr",
    [
        "Podの{doc}`/a/b`を参照してください。",  # written together, as kubernetes.io/ja does
        "{doc}`/a/b`のPodを参照。",
        "Pod 1個と`kubectl get`で{doc}`/a/b`を参照。",  # a Latin-digit space; code spans
        "（{doc}`/a/b`）、Pod。",  # punctuation
        "Podの`v1alpha2` APIで{doc}`/a/b`を参照。",  # a code span is a Latin word: Latin-Latin
    ],
)
def test_japanese_text_written_together_passes(tmp_path: Path, msgstr: str) -> None:
    assert ja_messages(tmp_path, msgstr) == []


@pytest.mark.parametrize(
    ("msgstr", "offsets"),
    [
        # offsets counted by hand: "Pod の" has its space at 3; "の Pod" at 1
        ("Pod の{doc}`/a/b`を参照。", [(3, "'の'")]),
        ("の Pod {doc}`/a/b`。", [(1, "'P'")]),
        ("v1.34 で{doc}`/a/b`。", [(5, "'で'")]),
        # a space before the link at 4, after it at 16 (the link is 11 characters long)
        ("Podを {doc}`/a/b` 参照。", [(4, "{doc}"), (16, "{doc}")]),
        ("全角　Pod{doc}`/a/b`。", [(2, "'P'")]),  # an ideographic space is a space too
        ("`kubectl` で{doc}`/a/b`。", [(9, "'`'")]),  # a code span reads as a Latin word
    ],
)
def test_a_space_between_japanese_and_latin_is_reported(
    tmp_path: Path, msgstr: str, offsets: list[tuple[int, str]]
) -> None:
    found = ja_messages(tmp_path, msgstr)
    assert [line for line, _ in found] == [8] * len(offsets)
    assert len(found) == len(offsets)
    for (_, message), (_, what) in zip(found, offsets, strict=True):
        assert message.startswith("no space between CJK text and")
        assert what in message
    from book_tools.catalogs.style import style_problems
    from book_tools.languages import Typography

    rules = Typography(doc_links="none", latin_spacing="none")
    assert [offset for offset, _ in style_problems(msgstr, typography=rules)] == [
        offset for offset, _ in offsets
    ]


def test_an_english_term_written_against_kana_counts_as_kept(tmp_path: Path) -> None:
    # "inference" kept in English, directly followed by が (no space, the Japanese convention)
    locales = tree(
        tmp_path,
        'msgid "Inference is costly."\nmsgstr "inferenceが高くつきます。"\n',
        JA_TERMS,
        "ja",
    )
    assert terminology.check_tree(locales) == []
    other = tree(
        tmp_path / "b",
        'msgid "Inference is costly."\nmsgstr "推定が高くつきます。"\n',
        JA_TERMS,
        "ja",
    )
    assert [p.message.split(":")[0] for p in terminology.check_tree(other)] == [
        "'inference' is not translated as agreed"
    ]


def test_japanese_does_not_get_the_chinese_doc_link_rule(tmp_path: Path) -> None:
    # the Chinese rule would want spaces around the link here
    assert ja_messages(tmp_path, "Podは{doc}`/a/b`を参照。") == []
    # a language.yaml that chooses the Chinese rules gets them
    chinese_rules = "typography:\n  doc_links: space\n  latin_spacing: any\n"
    found = ja_messages(tmp_path / "zh-rules", "Podは{doc}`/a/b`を参照。", chinese_rules)
    assert [m.split(" {doc}")[0] for _, m in found] == ["put a space before and after"]


def test_a_bad_typography_setting_is_a_located_problem(tmp_path: Path) -> None:
    found = ja_messages(tmp_path, "Pod。", "typography:\n  latin_spacing: never\n")
    assert len(found) == 1
    assert (
        "language.yaml:2: typography.latin_spacing: 'never' is not one of none, any" in found[0][1]
    )


def test_titleless_doc_link_in_parentheses_to_a_title_with_parentheses(tmp_path: Path) -> None:
    entries = (
        'msgid "Devices can be shared (see {doc}`/k8s/dra`)."\n'  # line 7
        'msgstr "设备可以共享（见 {doc}`/k8s/dra`）。"\n'  # line 8
        "\n"
        'msgid "See {doc}`/k8s/dra`."\nmsgstr "见 {doc}`/k8s/dra`。"\n'  # not in parentheses
        "\n"
        'msgid "Shared (see {doc}`/k8s/dra`)."\n'
        'msgstr "共享（见 {doc}`DRA 一章 </k8s/dra>`）。"\n'  # a short title
    )
    locales = tree(tmp_path, entries)
    target = locales / "zh_CN" / "LC_MESSAGES" / "k8s" / "dra.po"
    target.parent.mkdir()
    target.write_text(
        HEADER + 'msgid "Dynamic Resource Allocation (DRA)"\nmsgstr "动态资源分配（DRA）"\n',
        encoding="utf-8",
    )
    assert [(p.path.name, p.line) for p in terminology.check_tree(locales)] == [("page.po", 8)]
    assert "shows the title '动态资源分配（DRA）' inside full-width parentheses" in (
        terminology.check_tree(locales)[0].message
    )
