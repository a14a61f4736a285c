"""kb.text.tokenizer: domain words, sub-words, figures, normalisation, stop words, speed."""

import pytest
import subprocess
import sys

from kb.text.tokenizer import normalize
from tests.paths import ROOT, shared_tokenizer

tokenize = shared_tokenizer().tokenize
words = shared_tokenizer().words

CORPUS = ROOT / "corpus"


def test_domain_words_stay_whole_and_give_sub_words():
    tokens = tokenize("各地科技企业孵化器数量增长较快")
    assert "科技企业孵化器" in tokens and "孵化器" in tokens and "企业" in tokens
    tokens = tokenize("粤港澳大湾区和长三角的社会消费品零售总额")
    for word in ("粤港澳大湾区", "大湾区", "长三角", "社会消费品零售总额", "零售总额"):
        assert word in tokens


def test_cut_for_search_sub_words_of_ordinary_words():
    assert "员工" in tokenize("公司员工")
    tokens = tokenize("城镇调查失业率")
    assert {"城镇调查失业率", "失业率", "调查"} <= set(tokens)


def test_region_short_forms():
    tokens = tokenize("京津冀协同发展，津冀两地承接北京产业")
    assert {"京津冀", "津冀", "京津"} <= set(tokens)


def test_figure_with_unit_is_whole_and_split():
    tokens = tokenize("数字经济规模已达3.91万亿元，占比15.2%，增长1.51倍")
    for token in ("3.91万亿元", "3.91", "万亿元", "15.2%", "15.2", "1.51倍", "1.51", "倍"):
        assert token in tokens
    tokens = tokenize("碳排放强度为0.66吨/万元，高出6.4个百分点")
    assert {"0.66吨/万元", "0.66", "吨/万元", "6.4个百分点", "百分点"} <= set(tokens)


def test_thousands_separator_and_bare_numbers():
    assert "1234.5亿元" in tokenize("收入1,234.5亿元") and "1234.5" in tokenize("收入1,234.5亿元")
    assert "2022年" in tokenize("2014—2022年") and "2014" in tokenize("2014—2022年")
    # a comma between two figures is not a thousands separator
    assert "10" in tokenize("比重达到10,2022年")


def test_full_width_and_case_are_normalised():
    assert tokenize("ＧＤＰ增长５．２％") == tokenize("gdp增长5.2%")
    assert "5.2%" in tokenize("ＧＤＰ增长５．２％")
    assert normalize("ＡＢｃ１２") == "abc12" and len(normalize("Ｒ＆Ｄ　经费")) == len("Ｒ＆Ｄ　经费")


def test_latin_terms():
    tokens = tokenize("R&D经费支出和IPv4地址，5G基站")
    assert {"r&d", "ipv4", "5g", "经费支出"} <= set(tokens)


def test_stop_words_and_punctuation_are_dropped():
    tokens = tokenize("我们的目标是：在“十四五”期间，推动高质量发展！")
    for dropped in ("的", "是", "在", "我们", "：", "“", "，", "！", " "):
        assert dropped not in tokens
    assert "高质量发展" in tokens and "十四五" in tokens
    assert tokenize("") == [] and tokenize("，。 \n") == []


def test_deterministic():
    text = "2023年全市规模以上工业增加值比上年增长6.1%，居民人均可支配收入达到8.2万元。"
    assert tokenize(text) == tokenize(text)


def test_words_join_back_to_the_original_text():
    text = "京津冀城市群的数字经济规模已达3.91万亿元，ＧＤＰ增长５．２％。\n\n"
    pieces = words(text)
    assert "".join(pieces) == text
    assert "3.91万亿元" in pieces and "京津冀城市群" in pieces and "５．２％" in pieces
    assert words("") == []


def test_import_does_not_load_jieba():
    code = "import sys, kb.text.tokenizer; print('jieba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"



def test_part_of_speech_tagging_does_not_import_pkg_resources():
    """kb check tags words first: jieba must still load without pkg_resources (~0.1–0.4 s)."""
    code = ("import sys; from kb.text.tokenizer import Tokenizer; t = Tokenizer(fast_start=True); "
            "print([w.word for w in t.pos.cut('数字经济规模')], 'pkg_resources' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False"), out.stdout

def test_corpus_tokenises():
    # Speed is measured by benchmarks/bench_parsing.py, not asserted here.
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.*")) if p.name != "SOURCES.md"]
    n = sum(len(tokenize(paragraph)) for text in texts for paragraph in text.split("\n\n"))
    assert n > 10_000


@pytest.mark.slow
def test_fast_start_dictionary_gives_the_same_tokens():
    """The on-demand dictionary (one-query processes) tokenises exactly like the full load."""

    from kb.text.tokenizer import FrozenFreq, Tokenizer

    text = (ROOT / "corpus" /
            "song-wang-2025-jjj-innovation-community.md").read_text(encoding="utf-8")[:20000]
    full = Tokenizer().tokenize(text)
    fast_tokenizer = Tokenizer(fast_start=True)
    fast = fast_tokenizer.tokenize(text)
    assert isinstance(fast_tokenizer.freq, FrozenFreq)
    assert fast == full
