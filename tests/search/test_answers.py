"""kb.search.answers: reading a question, finding the figure it asks for, saying when it is missing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kb.models import Fact
from kb.search.answers import (Match, find_answer, query_coverage, read_question, relevant_names,
                               similarity, unknown_words)
from tests.paths import GOLD, ROOT, require_shared


def fact(fid, subject, indicator, value, unit="亿元", year=2022, measure="level", doc="d1", **kw) -> Fact:
    scale = {"亿元": 1e8, "个": 1.0, "%": 1.0, "倍": 1.0}[unit]
    unit_n = {"亿元": "CNY", "个": "count", "%": "%", "倍": "times"}[unit]
    months = (f"{year}-01", f"{year}-12") if year else (None, None)
    base = dict(fact_id=fid, doc_id=doc, passage_id=f"p{fid}", char_start=1, char_end=5, quote="…",
                subject=subject, subject_key=subject, indicator=indicator, indicator_key=indicator,
                year=year, value=value, value_text=str(value), unit=unit, scale=scale,
                value_normalized=value * scale, unit_normalized=unit_n, claim_type="level",
                measure=measure, period_start_month=months[0], period_end_month=months[1],
                figure_text=f"{value}{unit}")
    return Fact(**{**base, **kw})


FACTS = [
    fact("f1", "北京", "技术合同成交额", 4555.7),
    fact("f2", "北京", "技术合同成交额", 3000.0, year=2020),
    fact("f3", "北京", "技术合同成交额", 4555.7, doc="d2"),
    fact("f4", "天津", "科技企业孵化器", 36, unit="个", year=2023),
    fact("f5", "京津冀", "科技企业孵化器", 708, unit="个"),
    fact("f6", "京津冀", "科技企业孵化器", 1.51, unit="倍", measure="growth_vs_base",
         period_start_month="2014-01", period_end_month="2022-12", year=None, claim_type="multiple"),
    fact("f7", "全国", "数字经济规模", 39.8, unit="%", year=2021, measure="share", claim_type="share"),
    fact("f8", "河北", "地区生产总值", 5.0, unit="%", year=2026, measure="yoy_growth", status="target",
         claim_type="growth_rate"),
]


@pytest.mark.parametrize("query, subjects, years, indicator, measure", [
    ("2021年京津冀数字经济规模", ["京津冀"], [2021], "数字经济规模", ""),
    ("天津 科技企业孵化器 2022", ["天津"], [2022], "科技企业孵化器", ""),
    ("河北省的技术合同成交额增长了多少", ["河北"], [], "技术合同成交额", "growth"),
    ("京津冀数字经济规模占全国比重", ["京津冀"], [], "数字经济规模", "share"),
    ("2014—2022年京津冀科技企业孵化器总量增长了多少", ["京津冀"], [2014, 2022], "科技企业孵化器总量", "growth"),
    ("北京数字经济增加值规模", ["北京"], [], "数字经济增加值规模", ""),
    ("2021年一季度广东GDP", ["广东"], [2021], "GDP", ""),
])
def test_read_question(query, subjects, years, indicator, measure):
    asked = read_question(query)
    assert (asked.subjects, asked.years, asked.indicator, asked.measure) == (subjects, years, indicator, measure)


def test_read_question_months_question_and_target():
    assert read_question("1999年1—9月广东社会消费品零售总额").months == (1, 9)
    assert read_question("2021年一季度广东GDP").months == (1, 3)
    assert read_question("2021年广东GDP").months is None
    assert read_question("北京有多少家孵化器？").is_question
    assert read_question("2026年河北GDP增长目标").wants_target


def test_similarity_of_indicator_phrases():
    assert similarity("科技企业孵化器", "科技企业孵化器") == 1.0
    assert similarity("科技企业孵化器", "科技企业孵化器均值") == pytest.approx(0.6 + 0.4 * 7 / 9)
    assert similarity("经济", "数字经济规模") < 0.6  # two characters are not enough to be inside
    assert similarity("社会消费品零售总额", "社会消费品零售总管") > 0.8  # a typo in the source


def test_a_stated_figure_with_the_same_figure_elsewhere():
    answer = find_answer(read_question("2022年北京技术合同成交额"), FACTS)
    assert answer.status == "stated" and answer.fact.fact_id == "f1"
    assert [f.fact_id for f in answer.others] == ["f3", "f2"]  # another document first, then another year
    assert answer.differences == {"f3": ["document", "same_value"], "f2": ["year"]}


def test_search_rank_breaks_ties_and_recent_first_without_a_year():
    asked = read_question("北京技术合同成交额")
    assert find_answer(asked, FACTS).fact.fact_id == "f1"
    assert find_answer(asked, FACTS, {"pf3": 1, "pf1": 2}).fact.fact_id == "f3"


def test_a_missing_figure_is_said_missing_with_the_nearest():
    answer = find_answer(read_question("天津 科技企业孵化器 2022"), FACTS)
    assert answer.status == "not_stated" and answer.fact is None
    assert answer.nearest.fact_id == "f4" and answer.differences["f4"] == ["year"]
    answer = find_answer(read_question("河北省的技术合同成交额增长了多少"), FACTS)
    assert answer.status == "not_stated" and answer.nearest.subject == "北京"
    assert "subject" in answer.differences[answer.nearest.fact_id]


def test_kinds_of_figure_and_targets():
    answer = find_answer(read_question("2014—2022年京津冀科技企业孵化器增长了多少"), FACTS)
    assert answer.status == "stated" and answer.fact.fact_id == "f6"
    answer = find_answer(read_question("2026年河北地区生产总值增长了多少"), FACTS)
    assert answer.status == "not_stated" and answer.nearest.fact_id == "f8"  # a target is not an actual
    assert find_answer(read_question("2026年河北地区生产总值增长目标"), FACTS).fact.fact_id == "f8"


def test_words_that_name_no_indicator_are_no_question():
    assert find_answer(read_question("量子计算机"), FACTS) is None
    assert find_answer(read_question("北京 2022"), FACTS) is None
    answer = find_answer(read_question("2030年火星的GDP是多少"), FACTS)
    assert answer.status == "not_stated" and answer.nearest is None


def test_coverage_and_unknown_words():
    assert query_coverage("量子计算机", "云计算机房", ["量子", "计算机", "计算"]) == pytest.approx(0.6)
    assert query_coverage("2021年京津冀数字经济规模是多少", "京津冀数字经济规模", ["京津冀", "数字经济规模"]) == 1.0
    assert unknown_words(["量子", "计算机", "河北省", "河北"], {"计算机", "河北"}) == ["量子"]
    assert Match(0.6).low and Match(1.0, ["量子"]).low and not Match(0.8).low


def test_corpus_questions_of_the_gold(corpus_kb):
    """The corpus questions of tests/gold/answers.jsonl, answered on the corpus alone."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_answers import evaluate, load_gold
    from kb.ui.payloads import answer_payload

    gold = [g for g in load_gold(GOLD / "answers.jsonl") if g["set"] == "corpus"]
    result = evaluate(lambda q: answer_payload(corpus_kb.answer(q, corpus_kb.search(q, k=10))), gold)
    misses = [r["query"] for r in result["per_question"] if not r["right"]]
    assert result["accuracy"] >= 0.9, misses
    assert result["missing_said"] == result["missing"]


@pytest.mark.slow
def test_answer_gold_with_the_shared_documents():
    """All questions, corpus and ../shared/realdocs ingested together (scripts/eval_answers.py)."""
    require_shared("the realdocs questions")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_answers.py"), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["missing_said"] == summary["missing"]
    # the floor is what the fact identity gives today (0.81); the target of issue 13 is 0.9
    assert summary["accuracy"] >= 0.8, summary["misses"]


LOOKUP_QUESTIONS = ["2022年北京技术合同成交额", "北京技术合同成交额增长了多少", "2023年天津科技企业孵化器",
                    "京津冀科技企业孵化器", "2021年全国数字经济规模占比", "2026年河北GDP增长目标",
                    "2022年北京技术合同", "河北省的地区生产总值", "2022年上海集成电路产量", "北京有多少家孵化器？",
                    "2022年北京", "科技企业"]


@pytest.mark.parametrize("query", LOOKUP_QUESTIONS)
def test_the_facts_of_the_relevant_names_give_the_answer_all_facts_give(query):
    asked = read_question(query)
    names = relevant_names(asked, {(f.indicator_key, f.indicator) for f in FACTS})
    looked_up = FACTS if names is None else [f for f in FACTS if (f.indicator_key, f.indicator) in names]
    assert find_answer(asked, looked_up, {"pf3": 1}) == find_answer(asked, FACTS, {"pf3": 1})


OWN_TEXT = {
    "a.txt": "北京市统计局\n\n2022年北京市技术合同成交额达到7947.5亿元，比上年增长13.4%。"
             "2021年北京市技术合同成交额为7005.7亿元。北京市科技企业孵化器达到110个。\n\n"
             "2022年天津市技术合同成交额为1676.6亿元，增长8.2%。天津市地区生产总值16311亿元。\n",
    "b.txt": "河北省科学技术厅\n\n2022年河北省技术合同成交额达到1060.4亿元，同比增长41.1%。"
             "河北省高新技术企业达到12400家。2022年北京市技术合同成交额7947.5亿元。\n\n"
             "2023年河北省地区生产总值增长目标为6%左右。2022年全国技术合同成交额47791亿元。\n",
}


def test_the_answer_with_the_lookup_is_the_answer_of_a_full_scan(tmp_path):
    """`KnowledgeBase.answer` fetches the facts of the names near the one asked through the
    store's index; on a small store of our own text every question gets the answer a scan of
    all facts gives, and an indicator question reads fewer facts than the store holds."""
    from kb.api import KnowledgeBase
    from kb.ui.payloads import answer_payload
    from tests.paths import shared_tokenizer

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in OWN_TEXT.items():
        (docs / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables", tokenizer=shared_tokenizer())
    kb.ingest([docs])
    every = kb.store.facts()
    assert len(every) > 8
    for query in ["2022年北京技术合同成交额", "天津技术合同成交额增长了多少", "2021年北京技术合同成交额",
                  "2023年河北地区生产总值增长目标", "河北高新技术企业", "2020年河北技术合同成交额",
                  "北京科技企业孵化器", "全国技术合同", "2022年北京", "天津GDP"]:
        hits = kb.search(query, k=10)
        ranks = {h.passage_id: h.rank for h in hits}
        scanned = find_answer(read_question(query), every, ranks)
        if scanned is not None:
            quality = kb.match(query, hits)
            scanned.coverage, scanned.low_match = quality.coverage, quality.low and scanned.status == "not_stated"
        assert answer_payload(kb.answer(query, hits)) == answer_payload(scanned), query
    assert 0 < len(kb.answer_facts(read_question("北京技术合同成交额"))) < len(every)
