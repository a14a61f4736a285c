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
def test_a_fast_start_on_a_fresh_machine_writes_the_tag_table_with_our_words(tmp_path, monkeypatch):
    # the first process of a machine writes the tag table as it writes the word table, one query
    # or an ingest alike: before, only a full-load tokenizer wrote it, so a machine whose ingests
    # were all small (read on demand) loaded jieba's 349,000 tags in every `kb check` (0.35 s of
    # 0.8 s); and the table it writes tags kb's own words as jieba's dictionary does
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first = [(w.word, w.flag) for w in Tokenizer(fast_start=True).pos.cut("中国移动发布年报")]
    assert len(list((tmp_path / "kb-jieba").glob("kb-tags-*.sqlite"))) == 1
    again = Tokenizer(fast_start=True).pos
    assert type(again.word_tag_tab).__name__ == "FrozenTable"
    assert [(w.word, w.flag) for w in again.cut("中国移动发布年报")] == first
    lines = (ROOT / "kb" / "data" / "userdict.txt").read_text(encoding="utf-8").splitlines()
    ours = {parts[0]: parts[2] for parts in (line.split(" ") for line in lines) if len(parts) > 2}
    assert {w: again.word_tag_tab.get(w) for w in ours} == ours
