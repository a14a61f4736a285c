"""kb check end to end: claims of our own against two small documents of our own, then the corpus."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest

from kb.search.claims import CONTRADICTED, NOT_FOUND, SUPPORTED, check_claim, check_claims, overall
from tests.paths import ROOT, shared_tokenizer

BULLETIN = """临川市2023年国民经济和社会发展统计公报

初步核算，全年全市地区生产总值1289.28亿元，比上年增长5.2%。其中，第一产业增加值120.5亿元，增长3.1%。

全年规模以上工业增加值比上年增长7.6%。年末全市常住人口392.0万人。

全年社会消费品零售总额536.4亿元，比上年增长6.1%，扣除价格因素，实际增长5.2%。全年货物进出口总额302.7亿元，增长2.5倍。

注：地区生产总值增长速度按可比价格计算。
"""

REPORT = """2024年江西省政府工作报告

过去一年，全省地区生产总值增长4.8%，一般公共预算收入增长3.5%。城镇调查失业率5.1%。

今年经济社会发展的主要预期目标是：全省地区生产总值增长5%左右，城镇调查失业率控制在5.5%以内。

稳步扩大开放。货物贸易增长8%。
"""


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory):
    from kb.api import KnowledgeBase

    base = tmp_path_factory.mktemp("claims")
    docs = base / "docs"
    docs.mkdir()
    (docs / "bulletin.txt").write_text(BULLETIN, encoding="utf-8")
    (docs / "report.txt").write_text(REPORT, encoding="utf-8")
    kb = KnowledgeBase.open(base / "store", tables_dir=base / "tables", tokenizer=shared_tokenizer())
    kb.ingest([docs])
    yield kb
    kb.close()


@pytest.mark.parametrize("text, expected, why", [
    ("2023年临川市地区生产总值为1289.28亿元", SUPPORTED, "The knowledge base states 1289.28亿元"),
    ("2023年临川市地区生产总值约1290亿元", SUPPORTED, "1289.28亿元 is 约1290亿元 at the claim's precision"),
    ("2023年临川市GDP为1350亿元", CONTRADICTED, "the claim says 1350亿元: contradicted"),
    ("2023年临川市地区生产总值增长6.2%", CONTRADICTED, "The knowledge base states 5.2%"),
    ("2022年临川市地区生产总值增长5.2%", NOT_FOUND, "another period (2023, the claim 2022)"),
    ("2023年上半年临川市地区生产总值增长5.2%", NOT_FOUND, "other months (2023-01..2023-12, the claim 2023-01..2023-06)"),
    ("2023年临川市工业增加值增长7.6%", NOT_FOUND, "another scope (规模以上, the claim all)"),
    ("2023年临川市地区生产总值名义增长5.2%", NOT_FOUND, "another price basis (real, the claim nominal)"),
    ("2023年临川市地区生产总值增长目标为5.2%", NOT_FOUND, "a preliminary figure, the claim is target"),
    ("2023年宜昌市地区生产总值增长5.2%", NOT_FOUND, "not compared: another subject ("),
    ("2023年临川市常住人口为392万人", SUPPORTED, "392.0万人 (bulletin"),  # a year-end stock
    ("2023年临川市货物进出口总额是上年的3.5倍", SUPPORTED, "The knowledge base states 2.5倍"),
    ("2023年临川市社会消费品零售总额增长6.1%", SUPPORTED, "The knowledge base states 6.1%"),
    # 实际增长5.2% restates the growth at comparable prices; 6.1% is nominal
    ("2023年临川市社会消费品零售总额实际增长5.2%", SUPPORTED, "The knowledge base states 5.2%"),
    ("2023年临川市社会消费品零售总额实际增长6.1%", CONTRADICTED, "The knowledge base states 5.2%"),
])
def test_claims_against_a_bulletin(small_kb, text, expected, why):
    v = check_claim(small_kb.searcher, text)
    assert v.verdict == expected, v.explanation
    assert why in v.explanation
    assert bool(v.evidence) == (expected != NOT_FOUND)


@pytest.mark.parametrize("text, expected, why", [
    ("2023年江西省地区生产总值增长4.8%", SUPPORTED, "The knowledge base states 4.8%"),
    # the economy's growth is GDP's
    ("2023年江西经济增长4.8%", SUPPORTED, "The knowledge base states 4.8%"),
    ("2023年江西省经济增速为5.8%", CONTRADICTED, "The knowledge base states 4.8%"),
    ("2023年江西省城镇调查失业率为5.3%", CONTRADICTED, "The knowledge base states 5.1%"),
    # a target is no actual, and an actual no target
    ("2024年江西省地区生产总值增长5%", NOT_FOUND, "a target figure, the claim is actual"),
    ("2024年江西省地区生产总值预期增长5%左右", SUPPORTED, "5%左右"),
    # a year carried into the report's plans is not sure enough to refute a claim
    ("2024年江西省货物贸易增长10%", NOT_FOUND, "its year is carried into the document's plans"),
])
def test_claims_against_a_work_report(small_kb, text, expected, why):
    v = check_claim(small_kb.searcher, text)
    assert v.verdict == expected, v.explanation
    assert why in v.explanation


def test_a_claim_is_contradicted_when_one_figure_is_and_supported_when_all_are():
    assert overall([SUPPORTED, CONTRADICTED]) == CONTRADICTED
    assert overall([SUPPORTED, NOT_FOUND]) == NOT_FOUND
    assert overall([SUPPORTED, SUPPORTED]) == SUPPORTED
    assert overall([]) == NOT_FOUND


def test_claims_in_one_batch_equal_claims_one_by_one(small_kb):
    texts = ["2023年临川市地区生产总值增长6.2%", "2023年临川市常住人口为392万人"]
    batch = check_claims(small_kb.searcher, texts)
    assert [v.verdict for v in batch] == [check_claim(small_kb.searcher, t).verdict for t in texts]


def test_claim_without_figure_gets_passages(small_kb):
    v = check_claim(small_kb.searcher, "临川市经济运行总体平稳")
    assert v.verdict == NOT_FOUND and v.explanation.startswith("The claim states no figure")


def test_an_empty_claim_is_refused(small_kb):
    from kb.errors import KbError

    with pytest.raises(KbError):
        check_claim(small_kb.searcher, "  ")


# --- end to end against the corpus --------------------------------------------

@pytest.fixture(scope="module")
def searcher(corpus_kb):
    return corpus_kb.searcher


@pytest.mark.parametrize("text,expected", [
    ("2021年中国数字经济规模达到454000亿元", SUPPORTED),
    ("2021年中国数字经济规模达50万亿元", CONTRADICTED),
    ("2022年长三角地区GDP达29万亿元", NOT_FOUND),
])
def test_end_to_end(searcher, text, expected):
    v = check_claim(searcher, text)
    assert v.verdict == expected, v.explanation
    if expected != NOT_FOUND:
        assert v.evidence and v.evidence[0].doc_id.startswith("caict")


def test_gold_file_shape():
    rows = [json.loads(line) for line in (ROOT / "tests/gold/claims.jsonl").read_text("utf-8").splitlines()]
    claims = [r for r in rows if "claim" in r]
    assert len(claims) >= 40
    assert {r["verdict"] for r in claims} == {SUPPORTED, CONTRADICTED, NOT_FOUND}


def test_a_sure_figure_that_disagrees_and_a_doubtful_one_that_agrees_give_no_verdict():
    from kb.search.claims import judge_figure
    from kb.search.matching import Frame
    from tests.search.test_matching import claim, fig

    said = claim(text="6.2%", value=6.2)
    sure = fig(text="5.2%", value=5.2)
    doubtful = fig(quote="全国生产总值增长6.2%。", text="6.2%", value=6.2, doc_id="other",
                   subject_key="全国", subject_rule="carried_subject")
    frames = {"doc": Frame(subject="临川"), "other": Frame(subject="临川")}
    verdict, text, evidence = judge_figure(said, [sure, doubtful], frames)
    assert (verdict, evidence) == (NOT_FOUND, []) and "may state the claim's figure" in text
    # in the sure figure's own sentence, the claim's number belongs to another figure
    listed = fig(quote=sure.quote, text="6.2%", value=6.2, subject_key="全国", subject_rule="carried_subject")
    assert judge_figure(said, [sure, listed], frames)[0] == CONTRADICTED


def test_a_doubtful_figure_whose_number_kb_reads_elsewhere_as_another_kind_is_that_one():
    from kb.search.claims import judge_figure
    from kb.search.matching import Frame
    from tests.search.test_matching import claim, fig

    said = claim(quote="2017年最终消费实际增长9%", text="9%", value=9.0, indicator="最终消费",
                 indicator_key="最终消费", basis="real")
    unknown = fig(quote="预计2017年最终消费增速在9%左右。", text="9%", value=9.0, indicator="最终消费",
                  indicator_key="最终消费")
    nominal = fig(quote="预计2017年最终消费名义增长约9%。", text="9%", value=9.0, indicator="最终消费",
                  indicator_key="最终消费", basis="nominal").model_copy(update={"fact_id": "nominal"})
    frames = {"doc": Frame(subject="临川")}
    assert judge_figure(said, [unknown], frames)[0] == SUPPORTED
    assert judge_figure(said, [unknown, nominal], frames)[0] == NOT_FOUND


def test_a_claim_that_names_no_year_is_read_as_the_only_figure_of_its_kind_only_when_close_to_it(small_kb):
    near = check_claim(small_kb.searcher, "临川市常住人口为350万人")
    assert near.verdict == CONTRADICTED, near.explanation
    far = check_claim(small_kb.searcher, "临川市常住人口超过1000万人")
    assert far.verdict == NOT_FOUND and "the claim names no year" in far.explanation, far.explanation


def test_a_sentence_that_gives_the_claims_indicator_its_own_figure_lends_its_number_to_no_other():
    from kb.search.claims import judge_figure
    from kb.search.matching import Frame
    from tests.search.test_matching import claim, fig

    quote = "服务业增加值增长5.8%，其中金融业增加值增长7.9%。"
    said = claim(quote="服务业增加值增长7.9%", text="7.9%", value=7.9, indicator="服务业增加值",
                 indicator_key="第三产业增加值")
    own = fig(quote=quote, text="5.8%", value=5.8, indicator="服务业增加值", indicator_key="第三产业增加值",
              subject_key="全国", subject_rule="carried_subject")
    other = fig(quote=quote, text="7.9%", value=7.9, indicator="金融业增加值", indicator_key="金融业增加值")
    frames = {"doc": Frame(subject="临川")}
    assert judge_figure(said, [other], frames)[0] == SUPPORTED     # the sentence names 服务业增加值
    assert judge_figure(said, [own, other], frames)[0] == NOT_FOUND


def test_a_figure_of_a_selection_pointed_back_to_is_not_the_groups(tmp_path):
    """这些企业 after a selection of the group (利润超过10亿元的企业): their figure is not the group's."""
    from kb.api import KnowledgeBase

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "groups.txt").write_text(
        "2022年江西省重点企业经营情况\n\n"
        "全省重点企业实现利润总额850亿元。有36户企业利润超过10亿元，这些企业的人均利润为30.5万元，"
        "比上年提高2.1万元。\n", encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables", tokenizer=shared_tokenizer())
    kb.ingest([docs])
    try:
        [v] = kb.check(["2022年江西省重点企业人均利润为30.5万元"])
        assert v.verdict == NOT_FOUND and "selection" in v.explanation
        [v] = kb.check(["2022年江西省利润总额为850亿元"])
        assert v.verdict == SUPPORTED
    finally:
        kb.close()


def test_check_with_a_progress_callback_gives_the_verdicts_of_check_claims(small_kb):
    """`kb check --file` on a terminal passes a progress bar: same verdicts, one call a claim."""
    claims = ["2023年临川市地区生产总值为1289.28亿元", "2023年临川市GDP为1350亿元",
              "2022年临川市地区生产总值增长5.2%"]
    calls = []
    with_progress = small_kb.check(claims, progress=lambda done, total, claim: calls.append((done, total)))
    plain = small_kb.check(claims)
    assert calls == [(0, 3), (1, 3), (2, 3)]
    assert [(v.verdict, v.explanation) for v in with_progress] == [(v.verdict, v.explanation) for v in plain]


def test_a_respectively_list_that_gives_one_name_two_numbers_bears_out_neither():
    """常住人口城镇化率分别从…35.33%、52.57%: two rates under one name; kb cannot tell which is the named one."""
    from kb.search.claims import judge_figure
    from kb.search.matching import Frame
    from tests.search.test_matching import claim, fig

    quote = "常住人口城镇化率分别从2012年的35.33%、52.57%提高到2018年的43.37%、59.58%。"
    rate = dict(indicator="常住人口城镇化率", indicator_key="城镇化率", measure="share", claim_type="share", year=2012,
                period_start_month="2012-01", period_end_month="2012-12")
    said = claim(quote="2012年临川常住人口城镇化率为35.33%", text="35.33%", **rate)
    first = fig(quote=quote, text="35.33%", **rate)
    second = fig(quote=quote, text="52.57%", subject_rule="continued_list", **rate)
    frames = {"doc": Frame(subject="临川")}
    assert judge_figure(said, [first], frames)[0] == SUPPORTED
    assert judge_figure(said, [first, second], frames)[0] == NOT_FOUND
    wrong = claim(quote="2012年临川常住人口城镇化率为40%", text="40%", **rate)
    assert judge_figure(wrong, [first, second], frames)[0] == NOT_FOUND
    # two scopes in one list (城镇、农村居民…分别增长3.4%、5.2%) are two figures: each is judged
    urban = fig(quote="城镇、农村居民人均可支配收入分别增长3.4%、5.2%。", text="3.4%", indicator="城镇居民人均可支配收入",
                indicator_key="人均可支配收入", scope="城镇")
    rural = fig(quote=urban.quote, text="5.2%", indicator="农村居民人均可支配收入", indicator_key="人均可支配收入",
                scope="农村", subject_rule="continued_list")
    said = claim(quote="临川城镇居民人均可支配收入增长5.2%", text="5.2%", indicator="城镇居民人均可支配收入",
                 indicator_key="人均可支配收入", scope="城镇")
    assert judge_figure(said, [urban, rural], frames)[0] == CONTRADICTED


def test_a_figure_whose_indicator_kb_only_reads_from_its_sentence_restates_nothing():
    """城镇化率…相继冲上50%和60%大关 (another year; its indicator only the sentence's) does not make the
    城镇化率 of 60% another kind of figure."""
    from kb.search.claims import judge_figure
    from kb.search.matching import Frame
    from tests.search.test_matching import claim, fig

    rate = dict(indicator="常住人口城镇化率", indicator_key="城镇化率", measure="share", claim_type="share", year=2019,
                period_start_month="2019-01", period_end_month="2019-12")
    said = claim(quote="2019年临川常住人口城镇化率为60%", text="60%", **rate)
    own = fig(quote="常住人口城镇化率到2019年首次突破60%。", text="60%", subject_rule="carried_subject", **rate)
    loose = fig(quote="城镇化率从2010年到2020年相继冲上50%和60%大关。", text="60%", indicator="相继冲上",
                indicator_key="相继冲上", measure="level", claim_type="level", year=2020,
                period_start_month="2020-01", period_end_month="2020-12")
    frames = {"doc": Frame(subject="临川")}
    assert judge_figure(said, [own, loose], frames)[0] == SUPPORTED


RANKED = ("{title}\n\n2021年一季度GDP总量超1万亿元的省份共8个。\n\n"
          "东部三大沿海省份继续稳坐前三。广东省以27117.96亿元居于全国首位；江苏省紧随其后，以25878.38亿元排名第二。\n")


def _ranked_verdicts(tmp_path, title: str) -> list[str]:
    from kb.api import KnowledgeBase

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "q1.txt").write_text(RANKED.format(title=title), encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables", tokenizer=shared_tokenizer())
    kb.ingest([docs])
    try:
        return [v.verdict for v in kb.check(["2021年一季度江苏省GDP约为2.6万亿元", "2021年一季度江苏省GDP为2.2万亿元"])]
    finally:
        kb.close()


def test_a_figure_whose_sentence_names_no_indicator_is_found_by_its_subject_and_year(tmp_path):
    """江苏省紧随其后，以25878.38亿元排名第二 under a title naming no indicator: no identity key; the
    claim on 江苏's GDP still finds it (and, not sure of what it measures, is only borne out by it)."""
    assert _ranked_verdicts(tmp_path, "2021年一季度各省经济排名") == [SUPPORTED, NOT_FOUND]


def test_an_amount_ranked_under_a_title_naming_its_indicator_is_judged(tmp_path):
    """The same sentence under 2021年一季度各省GDP排名: the amount ranked is GDP, so a wrong claim is
    contradicted."""
    assert _ranked_verdicts(tmp_path, "2021年一季度各省GDP排名") == [SUPPORTED, CONTRADICTED]


def test_a_sentence_that_carries_its_subject_reads_the_claims_words_and_scope_in_the_one_before(tmp_path):
    """…。1997年亏损总额上升了一倍，为831亿元: the sentence before names 国有独立核算工业企业; the claim is
    borne out, never refuted (kb is not sure the scope carries)."""
    from kb.api import KnowledgeBase

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "losses.txt").write_text(
        "国有企业的困难\n\n国有企业改革越来越困难，亏损额愈来愈大。1994年国有独立核算工业企业亏损额达483亿元，"
        "利润额为829亿元。1997年亏损总额上升了一倍，为831亿元，而利润额却下降了一半。\n", encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables", tokenizer=shared_tokenizer())
    kb.ingest([docs])
    try:
        [v] = kb.check(["1997年中国国有独立核算工业企业亏损总额为831亿元"])
        assert v.verdict == SUPPORTED, v.explanation
        [v] = kb.check(["1997年中国国有独立核算工业企业亏损总额为900亿元"])
        assert v.verdict == NOT_FOUND, v.explanation
    finally:
        kb.close()


def test_a_measure_word_borrows_the_indicator_of_the_clause_run_before_its_semicolon():
    """规模以上工业增加值同比增长26.3%…；剔除去年同期低基数影响，两年平均增幅为9.4%: the 两年平均 is of 规模以上工业增加值."""
    from kb.search.claims import borrow_indicators
    from tests.search.test_matching import fig

    first = "其中，规模以上工业增加值同比增长26.3%，增幅比全国高1.8个百分点；"
    lead = fig(quote=first, text="26.3%", indicator="规模以上工业增加值", indicator_key="工业增加值", scope="规模以上",
               passage_id="p", char_start=12, char_end=17)
    bare = fig(quote="剔除去年同期低基数影响，两年平均增幅为9.4%，比2019年同期高0.3个百分点。", text="9.4%",
               indicator="两年平均增幅", indicator_key="两年平均", measure="avg_growth_2y", passage_id="p",
               char_start=len(first) + 20, char_end=len(first) + 24)

    class Store:
        def facts_in_passages(self, ids):
            return {"p": [lead, bare]}

    [_, lent] = borrow_indicators(Store(), [lead, bare])
    assert (lent.indicator_key, lent.scope) == ("工业增加值", "规模以上")

@contextmanager
def _kb_of(tmp_path, name: str, text: str):
    """A knowledge base of one document of our own, closed after use."""
    from kb.api import KnowledgeBase

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables", tokenizer=shared_tokenizer())
    kb.ingest([docs])
    try:
        yield kb
    finally:
        kb.close()



def _verdicts(tmp_path, name: str, text: str, claims: list[str]) -> list[str]:
    """The verdicts of ``claims`` against one document of our own."""
    with _kb_of(tmp_path, name, text) as kb:
        return [v.verdict for v in kb.check(claims)]


@pytest.mark.slow   # one knowledge base per case (≈ 0.4 s each): the full suite runs them
@pytest.mark.parametrize("name, text, claims, expected", [
    # 本外币 / 人民币 / 外币 balances are different figures: a claim of one is not borne out by another
    ("bank.txt", "2024年9月江西省金融运行情况\n\n9月末，全省本外币各项存款余额7.35万亿元，同比增长8.1%。\n\n"
                 "9月末，全省人民币存款余额7.21万亿元，同比增长8.4%。\n",
     ["2024年9月末江西省人民币存款余额7.35万亿元", "2024年9月末江西省人民币存款余额7.21万亿元",
      "2024年9月末江西省本外币存款余额7.35万亿元"], [CONTRADICTED, SUPPORTED, SUPPORTED]),
    # a ratio to another place (约为广东的60.8%) is not a share of the nation
    ("four.md", "# 2023年东部四省经济总量比较\n\n2023年，广东、江苏、山东、浙江四省地区生产总值合计43.85万亿元，"
                "占全国（126.06万亿元）的34.8%。浙江地区生产总值约为广东的60.8%。\n",
     ["2023年浙江省地区生产总值占全国的34.8%", "2023年浙江省地区生产总值占全国的60.8%",
      "2023年广东、江苏、山东、浙江四省地区生产总值占全国的34.8%"], [NOT_FOUND, NOT_FOUND, SUPPORTED]),
    # 对东盟进出口 is trade with ASEAN, not the province's total trade
    ("trade.txt", "浙江省2023年1—10月对外贸易情况\n\n据海关统计，1—10月，全省货物贸易进出口总值4.07万亿元，"
                  "比上年同期增长4.0%。\n\n从主要市场看，对东盟进出口5200亿元，增长8.9%；对欧盟进出口4700亿元，下降1.6%。\n",
     ["2023年1—10月浙江省进出口总值5200亿元", "2023年1—10月浙江省进出口增长8.9%",
      "2023年1—10月浙江省对东盟进出口5200亿元", "2023年1—10月浙江省进出口增长4.0%"],
     [CONTRADICTED, NOT_FOUND, SUPPORTED, SUPPORTED]),
    # 高于全省（5.5%） in a city's report: 5.5% is the province's growth, the city grew 6.2%
    ("city.txt", "南昌市2023年上半年经济运行情况\n\n南昌市统计局  2023年7月20日\n\n"
                 "上半年，全市地区生产总值3702.4亿元，同比增长6.2%，高于全省（5.5%）0.7个百分点。\n",
     ["2023年上半年南昌市地区生产总值增长5.5%", "2023年上半年江西省地区生产总值增长5.5%"], [CONTRADICTED, SUPPORTED]),
    # 同比多增45.6亿元 is not the increase; 扣除留抵退税因素后增长7.6% is of another scope than the 0.5 % growth
    ("money.txt", "2024年12月江西省金融运行情况\n\n12月份，全省人民币贷款增加321.4亿元，同比多增45.6亿元。\n\n"
                  "2023年，全省一般公共预算收入3059.6亿元，按自然口径计算增长0.5%，扣除留抵退税因素后增长7.6%。\n",
     ["2024年12月江西省人民币贷款增加45.6亿元", "2024年12月江西省人民币贷款同比多增45.6亿元",
      "2023年江西省一般公共预算收入增长7.6%", "2023年江西省一般公共预算收入增长0.5%"],
     [CONTRADICTED, SUPPORTED, CONTRADICTED, SUPPORTED]),
    # an undated headline of 前三季度 is not the full year's figure
    ("news.txt", "前三季度福建外贸进出口1.45万亿元 厦门占全省近五成\n\n本报福州10月18日电（记者 林晓）记者从海关总署福州"
                 "分署获悉，今年前三季度，福建省外贸进出口总值14500亿元，比去年同期（13900亿元）增长4.3%。\n",
     ["2024年全年福建外贸进出口14500亿元"], [NOT_FOUND]),
    # 提出…增长5%左右 is a growth set out, not reached; 四个沿海省份合计 is neither one province nor the nation
    ("goals.md", "# 2023年东南四省经济运行比较\n\n2023年，全国国内生产总值1260582亿元。福建、浙江、广东、江苏四个沿海省份"
                 "合计实现地区生产总值43.9万亿元，占全国的34.8%。\n\n从各省政府工作报告看，福建提出2024年地区生产总值增长5.5%左右。\n",
     ["2024年福建地区生产总值实际增长5.5%", "2023年四个沿海省份合计地区生产总值43.9万亿元，占全国的34.8%",
      "2023年全国国内生产总值1260582亿元"], [NOT_FOUND, NOT_FOUND, SUPPORTED]),
    # a growth reckoned in dollars is not the growth in yuan; a county is not its city; 扣非 is not 归母
    ("trade2.txt", "江西省2024年1—8月外贸情况\n\n1—8月，全省进出口总值3520.4亿元，增长5.1%。其中，出口2304.6亿元，"
                   "增长9.6%。按美元计价，全省进出口总值495.8亿美元，增长2.7%；其中，出口330.6亿美元，增长6.9%。\n",
     ["按美元计价，2024年1—8月江西省出口增长9.6%", "按美元计价，2024年1—8月江西省出口增长6.9%",
      "2024年1—8月江西省出口增长9.6%"], [CONTRADICTED, SUPPORTED, SUPPORTED]),
    ("county.txt", "2023年南昌县国民经济和社会发展统计公报\n\n全年全县地区生产总值1250.3亿元，比上年增长5.2%。\n",
     ["2023年南昌市地区生产总值1250.3亿元", "2023年南昌县地区生产总值1250.3亿元"], [NOT_FOUND, SUPPORTED]),
    ("results.md", "# 白沙电气2024年三季度报告\n\n前三季度，公司实现归母净利润8.37亿元；实现扣除非经常性损益后的归母净利润"
                   "（扣非净利润）7.85亿元。\n",
     ["2024年1—9月白沙电气归母净利润7.85亿元"], [NOT_FOUND]),
    # a figure named with more words than the claim's (实物商品网上零售额) does not bear out the total's claim
    ("retail.txt", "2024年1—10月白沙市消费品市场运行情况\n\n1—10月，全市网上零售额2687.3亿元，同比增长8.7%。其中，"
                   "实物商品网上零售额2210.5亿元，增长9.4%。\n",
     ["2024年1—10月白沙市网上零售额2687.3亿元", "2024年1—10月白沙市网上零售额2210.5亿元"], [SUPPORTED, NOT_FOUND]),
    # a county-level city in its prefecture's bulletin is a place of its own, not the prefecture
    ("suzhou.txt", "苏州市2024年国民经济和社会发展统计公报\n\n2024年全市实现地区生产总值26727.0亿元，比上年增长6.0%。\n"
                   "分县市看，昆山市实现地区生产总值5140.6亿元，增长3.5%；常熟市实现地区生产总值2937.3亿元，增长5.9%。\n",
     ["2024年苏州地区生产总值增长3.5%", "2024年昆山地区生产总值增长3.5%", "2024年苏州地区生产总值增长6.0%",
      "2024年常熟GDP增长5.9%", "2024年昆山地区生产总值5140.6亿元"],
     [CONTRADICTED, SUPPORTED, SUPPORTED, SUPPORTED, SUPPORTED]),
    # a figure whose place is not stated (a release that never names its province) is no place's in particular
    ("fdi.txt", "1—11月外资情况\n\n1—11月，全省实际使用外资165.3亿美元，同比下降8.2%。\n",
     ["2024年1—11月江苏省实际使用外资165.3亿美元"], [NOT_FOUND]),
    # a monthly release's undated paragraphs are of its month; a kind of an index is not the index
    ("pmi.html", "<html><head><title>2024年9月中国采购经理指数运行情况_某某网</title></head><body><div>首页 | 登录</div>"
                 "<p>9月份，制造业采购经理指数（PMI）为49.8%，比上月上升0.7个百分点。</p>"
                 "<p>从行业看，装备制造业PMI为51.0%，比上月上升1.1个百分点；大型企业PMI为51.6%。</p></body></html>",
     ["2024年9月大型企业PMI为51.6%", "2024年9月制造业PMI为51.0%", "2024年9月装备制造业PMI为50.0%"],
     [SUPPORTED, NOT_FOUND, CONTRADICTED]),
], ids=["currency_scope", "ratio_is_no_share", "trade_partner", "province_in_city_report", "increase_and_scope",
        "headline_months", "target_and_unnamed_group", "dollars", "county", "net_of_one_offs", "named_part",
        "county_level_city", "no_place_stated", "monthly_release"])
def test_a_claim_is_judged_only_by_a_figure_of_its_scope_and_kind(tmp_path, name, text, claims, expected):
    assert _verdicts(tmp_path, name, text, claims) == expected


def test_a_real_growth_claim_is_not_borne_out_by_an_unmarked_income_growth(tmp_path):
    """收入同比增长6.1% is nominal (statistics say 实际增长 when they deflate it), though the notes say
    growth is at comparable prices: those notes are about output (GDP, value added)."""
    with _kb_of(tmp_path, "half.txt",
        "2024年上半年江西省经济运行情况\n\n"
        "上半年，全省规模以上工业增加值同比增长6.4%。\n\n"
        "上半年，全省居民人均可支配收入18250元，同比增长6.1%；农村居民人均可支配收入9860元，"
        "同比增长7.0%，扣除价格因素实际增长6.7%。\n\n"
        "注：地区生产总值、各产业增加值绝对额按现价计算，增长速度按可比价格计算。\n") as kb:
        facts = {f.value: f for f in kb.store.facts()}
        assert (facts[6.4].basis, facts[6.1].basis, facts[6.7].basis) == ("real", "", "real")
        verdicts = [v.verdict for v in kb.check(["2024年上半年江西省居民人均可支配收入实际增长6.1%",
                                                  "2024年上半年江西省居民人均可支配收入增长6.1%",
                                                  "2024年上半年江西省农村居民人均可支配收入实际增长6.7%"])]
        assert verdicts == [NOT_FOUND, SUPPORTED, SUPPORTED]


def test_credit_to_a_named_borrower_is_not_all_credit(tmp_path):
    """其中，对实体经济发放的人民币贷款增加X: a part of 人民币贷款 (a 社融 item); a claim of all 人民币贷款
    is not borne out by it, only by the total stated before."""
    with _kb_of(tmp_path, "credit.txt",
        "2024年6月贵州省金融运行情况\n\n上半年人民币贷款增加2098亿元，同比少增215亿元。\n\n"
        "上半年，全省社会融资规模增量为3120亿元。其中，对实体经济发放的人民币贷款增加2030亿元，"
        "占同期社会融资规模增量的65.1%。\n") as kb:
        verdicts = [v.verdict for v in kb.check(["2024年上半年贵州省人民币贷款增加2030亿元",
                                                  "2024年上半年贵州省人民币贷款增加2098亿元"])]
        assert verdicts[0] != SUPPORTED and verdicts[1] == SUPPORTED
        share = [c for c in kb.store.checks() if c.kind == "share"]
        assert [c.verdict for c in share] == ["consistent"]   # 2030 / 3120 = 65.06 %


@pytest.mark.slow   # builds a knowledge base (the full suite runs it)
def test_a_county_above_the_province_average_is_compared_with_the_province_not_a_group_average(tmp_path):
    text = ("2023年湖南县域经济十强榜单\n\n从增速看，邵东市增长6.2%，居十强县首位；醴陵市增长5.9%，居第二位。"
            "十强县GDP增速的简单平均为5.5%，高于全省4.6%的增速0.9个百分点。耒阳市增速为4.8%，"
            "是十强县中唯一增速低于5%的县市，但仍高于全省平均水平0.2个百分点。\n")
    with _kb_of(tmp_path, "rank.txt", text) as kb:
        assert [c.formula for c in kb.store.checks() if c.verdict == "inconsistent"] == []


@pytest.mark.slow   # builds a knowledge base (the full suite runs it)
def test_a_trade_balance_listed_after_its_parts_is_not_summed_with_them(tmp_path):
    text = ("2023年对外贸易概况\n\n2023年，中国货物进出口总额5.94万亿美元，其中出口3.38万亿美元，进口2.56万亿美元，"
            "货物贸易顺差0.82万亿美元。\n")
    with _kb_of(tmp_path, "trade.txt", text) as kb:
        checks = kb.store.checks()
        assert [c.formula for c in checks if c.verdict == "inconsistent"] == []
        assert any(c.verdict == "consistent" and "3.38 + 2.56" in c.formula for c in checks)
