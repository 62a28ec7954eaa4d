"""Texts split by a worker process while the pages are read: the same words, the same index."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from book_tools.ext import jieba_prefetch
from conftest import sphinx_build
from test_jieba_buckets import run_script


def test_the_texts_of_a_page_are_those_the_indexer_splits() -> None:
    source = """\
调度
====

GPU 节点上的 **调度器**。

.. a comment is not indexed

.. container:: no-search

   隐藏的文字

调度器
"""
    document = new_document("page.rst", get_default_settings(Parser))
    Parser().parse(source, document)
    # in the order of the page, each once: the title (as a title and as its text), the
    # paragraph's three texts; not the comment, not the no-search container
    assert jieba_prefetch.page_texts(document, "zh") == ["调度", "GPU 节点上的 ", "调度器", "。"]
    assert isinstance(document[0], nodes.section)


WORKER = """
import json, sys
from book_tools import workers
from book_tools.ext import jieba_prefetch
settings = json.loads(sys.argv[1])
pages = json.load(sys.stdin)
worker = workers.Worker(jieba_prefetch.worker_command_for(settings))
for docname, texts in pages.items():
    worker.send(docname, texts)
worker.close()
print(json.dumps({docname: worker.take(docname) for docname in pages}))
"""

IN_PROCESS = """
import json, sys
from book_tools.ext.search import LazySearchChinese
settings = json.loads(sys.argv[1])
LazySearchChinese.buckets_file = None
language = LazySearchChinese(settings["options"])
pages = json.load(sys.stdin)
print(json.dumps({d: {t: language.split(t) for t in texts} for d, texts in pages.items()}))
"""


def test_the_worker_splits_as_the_build_would(tmp_path: Path) -> None:
    pages = {
        "a": ["调度器", "GPU 节点上的调度", "在 Kubernetes 上调度 GPU。"],
        "b": ["推理服务", "调度器"],
    }
    settings = json.dumps({"options": {}, "buckets": str(tmp_path / "buckets")})
    from_worker = run_script(WORKER, pages, settings)
    # worked out with jieba's cut_for_search, then the Latin terms Sphinx appends
    assert from_worker["a"]["调度器"] == ["调度", "器"]
    assert from_worker["a"]["在 Kubernetes 上调度 GPU。"] == [
        "在", " ", "Kubernetes", " ", "上", "调度", " ", "GPU", "。", "Kubernetes", "GPU",
    ]  # fmt: skip
    assert from_worker == run_script(IN_PROCESS, pages, settings)
    assert (tmp_path / "buckets").is_file()  # the worker left the buckets for the next build


def write_project(root: Path, pages: int) -> None:
    (root / "conf.py").write_text(
        'extensions = ["book_tools.ext"]\nlanguage = "zh_CN"\nhtml_theme = "basic"\n'
        'book_repository_url = "https://example.org/book"\n',
        encoding="utf-8",
    )
    names = [f"p{number:02}" for number in range(pages)]
    toctree = "\n".join(f"   {name}" for name in names)
    (root / "index.rst").write_text(f"首页\n====\n\n.. toctree::\n\n{toctree}\n", encoding="utf-8")
    for number, name in enumerate(names):
        (root / f"{name}.rst").write_text(
            f"第 {number} 章：在 Kubernetes 上调度 GPU\n{'=' * 40}\n\n"
            f"推理服务与训练作业共享 GPU 节点，调度器按队列 {number} 分配资源。\n\n"
            f"参见 :doc:`index` 与 :doc:`{names[number - 1]}`。\n",
            encoding="utf-8",
        )


COUNTING_BUILD = """
import json, sys
from pathlib import Path
from sphinx.application import Sphinx
from book_tools.ext import jieba_prefetch
root, out, least = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
taken = []
original = jieba_prefetch.take_page
def take_page(app, docname):
    words = original(app, docname)
    taken.extend(words)
    return words
jieba_prefetch.take_page = take_page
app = Sphinx(root, root, out / "html", out / "doctrees", "html", status=None, warning=sys.stderr,
             confoverrides={"book_worker_pages": int(least)}, freshenv=True)
app.build()
print(json.dumps({"taken": len(taken), "status": app.statuscode}))
"""


def test_a_build_with_the_worker_writes_the_same_index(tmp_path: Path) -> None:
    root = tmp_path / "src"
    root.mkdir()
    write_project(root, 12)
    with_worker = run_script(COUNTING_BUILD, None, str(root), str(tmp_path / "with"), "10")
    alone = run_script(COUNTING_BUILD, None, str(root), str(tmp_path / "alone"), "1000")
    assert with_worker["status"] == alone["status"] == 0
    # each of the 12 chapters has five texts that are the same when read and when indexed (its
    # title, the paragraph, "参见 ", " 与 " and "。"): all came from the worker; none without it
    assert with_worker["taken"] >= 60, with_worker
    assert alone["taken"] == 0
    index = (tmp_path / "with" / "html" / "searchindex.js").read_bytes()
    assert index == (tmp_path / "alone" / "html" / "searchindex.js").read_bytes()
    terms = json.loads(index.decode()[len("Search.setIndex(") : -1])["terms"]
    assert "推理" in terms and "kubernet" in terms  # a Chinese word, an English stem
    # fewer pages than the setting: no worker, the build splits the texts itself
    few = tmp_path / "few"
    few.mkdir()
    write_project(few, 3)
    assert run_script(COUNTING_BUILD, None, str(few), str(tmp_path / "few-out"), "10")["taken"] == 0
    assert (
        sphinx_build("html", tmp_path / "cli", tmp_path / "cli-doctrees", srcdir=root).returncode
        == 0
    )
