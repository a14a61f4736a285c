"""kb.text.pos_filter: a sentence is left untagged only when tagging finds no organisation.

``named_organisations`` skips jieba's part-of-speech tagging of a sentence the filter
proves holds no word tagged nt of 3+ characters; its list must be the same as without it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from kb.figures.linking.scene import named_organisations
from kb.text.pos_filter import HAN_BLOCK, HAN_RUN, HmmModel
from kb.text.tokenizer import Tokenizer
from tests.paths import CORPUS, ROOT, require_shared, shared_tokenizer
from tests.text.hmm_tables import fallback_tables

OWN_SENTENCES = [
    "中国移动发布2025年年报，营业收入增长3.1%。",             # a dictionary word tagged nt
    "建成海政通、海易办平台，政务服务零跑动可办率达96.6%。",   # an HMM word tagged nt (海易办)
    "推动千兆自贸港向万兆自贸港演进。",                        # HMM nt words (自贸港)
    "今年全省地区生产总值增长5.2%，居民人均可支配收入增长6%。",
    "粮食总产量达到6.9亿吨，连续多年稳定在1.3万亿斤以上。",
    "国务院发展研究中心和北京大学联合发布报告。",
    "2021年中国数字经济规模达45.4万亿元",
    "The GDP of Hainan grew 8% in 2021.",
    "",
    "？！",
]


class Unfiltered:
    """A tokenizer that always tags: named_organisations as it was before the filter."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.pos = tokenizer.pos

    @staticmethod
    def may_name_organisation(sentence: str) -> bool:
        """Never skip."""
        return True

    @staticmethod
    def organisation_blocks(sentence: str) -> list[tuple[int, str]]:
        """The whole sentence, tagged at once."""
        return [(0, sentence)]


def organisation_words(tokenizer: Tokenizer, sentence: str) -> list[str]:
    """The words of the tagged sentence that named_organisations looks at (nt, 3+ characters)."""
    return [w.word for w in tokenizer.pos.cut(sentence) if w.flag == "nt" and len(w.word) >= 3]


def assert_exact(tokenizer: Tokenizer, sentences: list[str]) -> int:
    """A sentence is left untagged exactly when it has no nt word of 3+ characters, and
    named_organisations gives the list it gave without the filter; the number left untagged."""
    unfiltered, skipped = Unfiltered(tokenizer), 0
    for sentence in sentences:
        may = tokenizer.may_name_organisation(sentence)
        skipped += not may
        assert may == bool(organisation_words(tokenizer, sentence)), sentence   # exact both ways
        assert named_organisations(sentence, tokenizer) == named_organisations(sentence, unfiltered), sentence
    return skipped


def test_own_sentences_give_the_same_organisations():
    tokenizer = shared_tokenizer()
    assert assert_exact(tokenizer, OWN_SENTENCES) >= 4
    assert organisation_words(tokenizer, OWN_SENTENCES[1]) == ["海易办"]          # the HMM's, not the dictionary's
    assert tokenizer.pos.word_tag_tab.get("海易办") is None
    assert tokenizer.may_name_organisation(OWN_SENTENCES[0]) and tokenizer.may_name_organisation(OWN_SENTENCES[1])
    assert not tokenizer.may_name_organisation(OWN_SENTENCES[3])


@pytest.mark.slow
def test_a_user_word_tagged_nt_at_runtime_is_looked_for():
    tokenizer = Tokenizer()    # its own whole dictionary (0.6 s; words can be added): the word stays in it
    sentence = "琼海数智云科技集团营业收入增长12%。"
    before = tokenizer.may_name_organisation(sentence)
    assert before or organisation_words(tokenizer, sentence) == []
    tokenizer.jieba.add_word("琼海数智云科技集团", 5000, "nt")
    assert tokenizer.may_name_organisation(sentence)
    assert organisation_words(tokenizer, sentence) == ["琼海数智云科技集团"]
    assert named_organisations(sentence, tokenizer) == [("琼海数智云科技集团", 0, 9)]


def test_blocks_and_runs_are_split_as_posseg_splits_them():
    import jieba.posseg as posseg

    assert (HAN_BLOCK.pattern, HAN_BLOCK.flags) == (posseg.re_han_internal.pattern, posseg.re_han_internal.flags)
    assert (HAN_RUN.pattern, HAN_RUN.flags) == (posseg.re_han_detail.pattern, posseg.re_han_detail.flags)


def test_a_sentence_the_dictionary_clears_does_not_import_posseg():
    # 中国/数字/经济/规模/达: no run of single characters for the HMM, no word tagged nt. The HMM's
    # tables (importing jieba.posseg) are read only for a sentence that needs them.
    Tokenizer(fast_start=True).pos.cut("预热")       # the tag table is written
    code = ("import sys; from kb.text.tokenizer import Tokenizer; t = Tokenizer(fast_start=True); "
            "print(t.organisation_blocks('2021年中国数字经济规模达45.4万亿元'), 'jieba.posseg' in sys.modules); "
            "print(t.organisation_blocks('琼海数智云科技集团营业收入增长12%'), 'jieba.posseg' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["[] False", "[] True"]   # the second asked the HMM (and it found none)


def test_viterbi_may_give_a_character_a_state_it_does_not_allow():
    # 乙 and 丁 allow no nt state, yet after 甲 (B-nt only) viterbi gives 乙 every state that may
    # follow (its fallback), and so 丁 too: 甲乙丁 comes out one word tagged nt.
    from jieba.posseg.viterbi import viterbi

    char_states, start, transitions, emit = fallback_tables()
    assert viterbi("甲乙丁", char_states, start, transitions, emit)[1] == [("B", "nt"), ("M", "nt"), ("E", "nt")]
    model = HmmModel(char_states, transitions)
    assert model.may_name("甲乙丁")
    assert not model.may_name("乙乙丁")      # 丁 may follow 乙 as allowed: no fallback, no nt word
    assert not model.may_name("甲乙")        # two characters: no name of three


def shared_and_corpus_sentences() -> list[str]:
    """Every sentence (kb's own split) of every document of ../shared/realdocs and corpus/."""
    from kb.ingest.load import load_document
    from kb.ingest.passages import split_sentences

    tokenizer = shared_tokenizer()
    sentences = []
    for folder in (require_shared("the sentences of the real documents"), CORPUS):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".md", ".txt") and path.name not in ("README.md", "SOURCES.md"):
                text = load_document(path, folder, tokenizer=tokenizer).text
                sentences += [text[a:b] for a, b in split_sentences(text)]
    return sentences


@pytest.mark.slow
def test_every_real_sentence_gives_the_same_organisations():
    sentences = shared_and_corpus_sentences()
    assert len(sentences) > 3000, ROOT
    skipped = assert_exact(shared_tokenizer(), sentences)
    assert skipped > len(sentences) // 2
