"""kb.text.pos_tags: a fast-start tokenizer tags words as the full load does."""

from __future__ import annotations

import pytest

import subprocess
import sys

from kb.text.tokenizer import Tokenizer
from tests.paths import ROOT


def corpus_sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.md")))
    return [s for s in text.replace("\n", "。").split("。") if s.strip()][:400]


@pytest.mark.slow
def test_fast_start_tags_equal_the_full_load():
    full = Tokenizer()
    sentences = corpus_sentences()
    tagged = [[(w.word, w.flag) for w in full.pos.cut(s)] for s in sentences]   # writes the table
    fast = Tokenizer(fast_start=True)
    assert [[(w.word, w.flag) for w in fast.pos.cut(s)] for s in sentences] == tagged
    assert any(flag == "nt" for words in tagged for _, flag in words)


@pytest.mark.slow
def test_a_one_claim_process_does_not_read_jiebas_dictionary_for_tags():
    Tokenizer().pos.cut("预热")     # the tables exist
    code = ("import jieba.posseg, sys; from kb.text.tokenizer import Tokenizer\n"
            "calls = []\n"
            "original = jieba.posseg.POSTokenizer.load_word_tag\n"
            "jieba.posseg.POSTokenizer.load_word_tag = lambda self, f: calls.append(1) or original(self, f)\n"
            "t = Tokenizer(fast_start=True); print([w.flag for w in t.pos.cut('中国移动发布年报')], len(calls))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip().endswith(" 0"), out.stdout


@pytest.mark.slow
def test_tags_of_our_words_before_the_tag_table_is_written(tmp_path, monkeypatch):
    # a process that finds the word table written but not yet the tag table (every ingest after
    # the first on a fresh machine) tagged kb's own words as jieba's dictionary does, so that the
    # subjects of a document depended on what had run before on the machine
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    Tokenizer(fast_start=True).pos.cut("预热")                       # writes the word table only
    assert [p.name for p in (tmp_path / "kb-jieba").glob("kb-tags-*")] == []
    tags = Tokenizer(fast_start=True).pos.word_tag_tab
    lines = (ROOT / "kb" / "data" / "userdict.txt").read_text(encoding="utf-8").splitlines()
    ours = {parts[0]: parts[2] for parts in (line.split(" ") for line in lines) if len(parts) > 2}
    assert {w: tags.get(w) for w in ours} == ours
