"""jieba reads its dictionary cache in one go and segments exactly as before."""

from __future__ import annotations

import io
import marshal

import jieba
import pytest

from book_tools.ext import jieba_cache


@pytest.fixture
def original_marshal():
    yield
    jieba.marshal = marshal


def test_load_returns_what_was_dumped() -> None:
    data = ({"推理": 3, "推": 0, "服务": 5}, 8)
    assert jieba_cache.load(io.BytesIO(marshal.dumps(data))) == data


def test_installed_jieba_segments_as_before(original_marshal: None) -> None:
    text = "在 Kubernetes 上部署推理服务，并用动态资源分配调度 GPU"
    before = jieba.Tokenizer()
    expected = before.lcut_for_search(text)
    assert jieba_cache.install() is True
    assert jieba.marshal is jieba_cache.FAST_MARSHAL
    assert jieba_cache.install() is True  # a second install keeps the same shim
    after = jieba.Tokenizer()
    assert after.lcut_for_search(text) == expected
    assert after.FREQ == before.FREQ
    assert after.total == before.total
    assert "推理" in expected
