"""Tests of kb.search.claims: judging claim figures against hand-built facts, then end to end."""

from __future__ import annotations

import json

import pytest

from kb.models import Fact
from kb.search.claims import (
    CONTRADICTED,
    NOT_FOUND,
    SUPPORTED,
    _document_place,
    derive,
    fact_place,
    fact_similarity,
    indicator_similarity,
    judge_against,
    judge_figure,
    lead_ins,
    measure_interval,
    measure_kind,
    parse_claim,
    place_key,
    qualified_head,
    same_place,
    stated_interval,
    subject_place,
    unlisted_place,
)
from tests.paths import ROOT


def fact(quote: str, value_text: str, unit: str, scale: float, unit_normalized: str,
         claim_type: str = "level", subject: str = "", indicator: str = "", year=None,
         period=None, qualifier: str = "", doc_id: str = "doc", direction: str = "") -> Fact:
    value = float(value_text)
    start = quote.find(value_text) if doc_id == "claim" else 10
    return Fact(fact_id=f"f{value_text}{year}{subject}", doc_id=doc_id, passage_id="p1",
                char_start=max(start, 0), char_end=max(start, 0) + len(value_text) + len(unit),
                quote=quote, subject=subject, indicator=indicator, year=year,
                period_start=period[0] if period else None, period_end=period[1] if period else None,
                value=value, unit=unit, value_normalized=value * scale,
                unit_normalized=unit_normalized, claim_type=claim_type, qualifier=qualifier,
                value_text=value_text, scale=scale, direction=direction)


def claim(quote, value_text, unit, scale, unit_normalized, **kw):
    return fact(quote, value_text, unit, scale, unit_normalized, doc_id="claim", **kw)


GDP = fact("2021年甲国数字经济规模达45.4万亿元，同比增长16%。", "45.4", "万亿元", 1e12, "CNY",
           subject="全国", indicator="数字经济规模", year=2021)


def test_same_value_in_other_units_is_supported():
    c = claim("2021年全国数字经济规模达到454000亿元", "454000", "亿元", 1e8, "CNY",
              subject="全国", indicator="数字经济规模", year=2021)
    verdict, text = judge_against(c, GDP)
    assert verdict == SUPPORTED
    assert "45.4万亿元" in text and "454000亿元" in text


def test_coarser_claim_is_supported_when_fact_rounds_to_it():
    c45 = claim("2021年全国数字经济规模约45万亿元", "45", "万亿元", 1e12, "CNY",
                subject="全国", indicator="数字经济规模", year=2021)
    c46 = claim("2021年全国数字经济规模为46万亿元", "46", "万亿元", 1e12, "CNY",
                subject="全国", indicator="数字经济规模", year=2021)
    assert judge_against(c45, GDP)[0] == SUPPORTED
    verdict, text = judge_against(c46, GDP)
    assert verdict == CONTRADICTED and "contradicted" in text


def test_other_year_region_or_indicator_is_not_found_not_contradicted():
    for kw in (dict(subject="全国", indicator="数字经济规模", year=2020),
               dict(subject="乙省", indicator="数字经济规模", year=2021),
               dict(subject="全国", indicator="软件业务收入", year=2021)):
        c = claim("该年该地的指标为50万亿元", "50", "万亿元", 1e12, "CNY", **kw)
        verdict, text = judge_against(c, GDP)
        assert verdict == NOT_FOUND, kw
        assert "not compared" in text


def test_other_unit_class_is_not_compared():
    c = claim("2021年全国数字经济规模增长50%", "50", "%", 1, "%", claim_type="growth_rate",
              subject="全国", indicator="数字经济规模", year=2021)
    assert judge_against(c, GDP)[0] == NOT_FOUND


def test_growth_times_versus_is_times():
    stated = fact("2014—2022年甲地孵化器总量增长1.51倍。", "1.51", "倍", 1, "times",
                  claim_type="growth_rate", subject="甲地", indicator="孵化器总量", period=(2014, 2022))
    is_251 = claim("2022年甲地孵化器总量是2014年的2.51倍", "2.51", "倍", 1, "times",
                   claim_type="multiple", subject="甲地", indicator="孵化器总量", period=(2014, 2022))
    grew_251 = claim("2014—2022年甲地孵化器总量增长2.51倍", "2.51", "倍", 1, "times",
                     claim_type="growth_rate", subject="甲地", indicator="孵化器总量", period=(2014, 2022))
    grew_pct = claim("2014—2022年甲地孵化器总量增长151%", "151", "%", 1, "%",
                     claim_type="growth_rate", subject="甲地", indicator="孵化器总量", period=(2014, 2022))
    assert judge_against(is_251, stated)[0] == SUPPORTED
    assert judge_against(grew_251, stated)[0] == CONTRADICTED
    assert judge_against(grew_pct, stated)[0] == SUPPORTED


def test_measure_interval_folds_growth_into_ratio():
    grew = claim("总量增长1.5倍", "1.5", "倍", 1, "times", claim_type="growth_rate")
    kind, lo, hi = measure_interval(grew)
    assert kind == "ratio" and lo == pytest.approx(2.45) and hi == pytest.approx(2.55)
    down = claim("排放量下降3%", "3", "%", 1, "%", claim_type="growth_rate", direction="down")
    kind, lo, hi = measure_interval(down)
    assert kind == "ratio" and lo == pytest.approx(0.965) and hi == pytest.approx(0.975)


def test_stated_interval_qualifiers():
    assert stated_interval("45", 45, "") == pytest.approx((44.5, 45.5))
    lo, hi = stated_interval("5000", 5000, "超")
    assert lo == 5000 and hi > 5000
    lo, hi = stated_interval("1", 1, "近")
    assert lo < 1 and hi == 1


def test_derived_ratio_recomputed_from_levels():
    y1 = fact("表 甲地 孵化器 2014年 200", "200", "个", 1, "count", subject="甲地",
              indicator="孵化器总量", year=2014)
    y2 = fact("表 甲地 孵化器 2022年 500", "500", "个", 1, "count", subject="甲地",
              indicator="孵化器总量", year=2022)
    ok = claim("2014—2022年甲地孵化器总量增长1.5倍", "1.5", "倍", 1, "times", claim_type="growth_rate",
               subject="甲地", indicator="孵化器总量", period=(2014, 2022))
    bad = claim("2014—2022年甲地孵化器总量增长2.5倍", "2.5", "倍", 1, "times", claim_type="growth_rate",
                subject="甲地", indicator="孵化器总量", period=(2014, 2022))
    verdict, text, inputs = derive(ok, [y1, y2])
    assert verdict == SUPPORTED and {f.value for f in inputs} == {200, 500} and "Recomputed" in text
    assert judge_figure(bad, [y1, y2])[0] == CONTRADICTED
    # levels of unknown place (no subject, no document place) support but never refute
    u1, u2 = (f.model_copy(update=dict(subject="", fact_id=f.fact_id + "u")) for f in (y1, y2))
    assert derive(ok, [u1, u2], {})[0] == SUPPORTED
    assert judge_figure(bad, [u1, u2], {})[0] == NOT_FOUND
    assert judge_figure(bad, [u1, u2], {"doc": "甲地"})[0] == CONTRADICTED


def test_undated_fact_does_not_stand_for_another_dated_year():
    dated = fact("2020年甲城市群的数字经济规模为3.91万亿元。", "3.91", "万亿元", 1e12, "CNY",
                 subject="甲城市群", indicator="数字经济规模", year=2020)
    undated = dated.model_copy(update={"fact_id": "fu", "year": None,
                                       "quote": "甲城市群的数字经济规模已达3.91万亿元。"})
    wrong_year = claim("2021年甲城市群的数字经济规模为3.91万亿元", "3.91", "万亿元", 1e12, "CNY",
                       subject="甲城市群", indicator="数字经济规模", year=2021)
    assert judge_figure(wrong_year, [dated, undated])[0] == NOT_FOUND
    assert judge_figure(wrong_year, [undated])[0] == SUPPORTED


def test_comparison_phrasing_is_a_difference_not_a_level():
    level = fact("2020年甲城市群在营企业注册资本共计2000亿元。", "2000", "亿元", 1e8, "CNY",
                 subject="甲城市群", indicator="在营企业注册资本", year=2020)
    diff = fact("2020年甲城市群在营企业注册资本高于乙城市群300亿元。", "300", "亿元", 1e8, "CNY",
                claim_type="difference", subject="甲城市群", indicator="在营企业注册资本", year=2020)
    c = claim("2020年甲城市群在营企业注册资本比乙城市群高300亿元", "300", "亿元", 1e8, "CNY",
              subject="甲城市群", indicator="在营企业注册资本", year=2020)
    assert judge_against(c, level)[0] == NOT_FOUND
    assert judge_figure(c, [level, diff])[0] == SUPPORTED


def test_claim_bounds_and_document_qualifiers():
    over = fact("业务覆盖超20个省份。", "20", "个", 1, "count", subject="甲公司", indicator="覆盖省份")
    about = fact("共建约70个园区。", "70", "个", 1, "count", subject="甲公司", indicator="共建园区",
                 qualifier="约")
    bound = claim("甲公司业务覆盖超过15个省份", "15", "个", 1, "count", qualifier="超过",
                  subject="甲公司", indicator="覆盖省份")
    under = claim("甲公司业务覆盖不到10个省份", "10", "个", 1, "count", qualifier="不到",
                  subject="甲公司", indicator="覆盖省份")
    assert judge_against(bound, over)[0] == SUPPORTED
    assert judge_against(under, over)[0] == CONTRADICTED
    near = claim("甲公司共建72个园区", "72", "个", 1, "count", subject="甲公司", indicator="共建园区")
    assert judge_against(near, about)[0] == SUPPORTED  # a document's 约 keeps a 5 % band
    rounded = claim("甲公司共建约80个园区", "80", "个", 1, "count", qualifier="约",
                    subject="甲公司", indicator="共建园区")
    assert judge_against(rounded, about)[0] == CONTRADICTED


def test_indicator_similarity_and_places():
    assert indicator_similarity("数字经济规模", "数字经济规模") == 1
    assert indicator_similarity("数字经济规模", "数字服务业在营企业注册资本") < 0.5
    assert same_place("全国", "中国") and same_place("", "北京")
    assert not same_place("天津", "河北")
    assert same_place("甲湾区", "甲湾区内地九市")  # a document's part of a region
    assert not same_place("甲湾区", "甲湾区大学")


# A city bulletin's table row has no subject: it is the city's figure (the document's place).
CITY_ROW = fact("生产总值\t812.5", "812.5", "亿元", 1e8, "CNY", indicator="生产总值", year=2024,
                doc_id="city-bulletin")
PROVINCE = fact("2024年湖南全省生产总值53231.2亿元。", "53231.2", "亿元", 1e8, "CNY",
                subject="湖南", indicator="生产总值", year=2024, doc_id="province-report")
PLACES = {"city-bulletin": "岳阳", "province-report": "湖南"}


def test_fact_place_falls_back_to_indicator_then_document():
    assert fact_place(PROVINCE, PLACES) == "湖南"
    assert fact_place(CITY_ROW, PLACES) == "岳阳"
    assert fact_place(CITY_ROW) == ""
    row = fact("江西发明专利授权量\t9120", "9120", "件", 1, "count", indicator="江西发明专利授权量",
               year=2023, doc_id="city-bulletin")
    assert fact_place(row, PLACES) == "江西"  # the row names its own place


def test_claim_about_a_place_is_contradicted_only_by_that_place():
    province = claim("2024年湖南生产总值约5.32万亿元", "5.32", "万亿元", 1e12, "CNY",
                     subject="湖南", indicator="生产总值", year=2024)
    # the city's subject-less row is the city's, not the province's
    assert judge_figure(province, [CITY_ROW, PROVINCE], PLACES)[0] == SUPPORTED
    wrong_city = claim("2024年岳阳市生产总值为53231.2亿元", "53231.2", "亿元", 1e8, "CNY",
                       subject="岳阳", indicator="生产总值", year=2024)
    assert judge_figure(wrong_city, [PROVINCE], PLACES)[0] == NOT_FOUND
    wrong_year = claim("2023年湖南生产总值为53231.2亿元", "53231.2", "亿元", 1e8, "CNY",
                       subject="湖南", indicator="生产总值", year=2023)
    row_2023 = CITY_ROW.model_copy(update=dict(fact_id="f-row23", year=2023, value=790.0,
                                               value_text="790.0", value_normalized=7.9e10))
    assert judge_figure(wrong_year, [row_2023, PROVINCE], PLACES)[0] == NOT_FOUND
    # with the document's place known, the city's own row does refute a wrong city figure
    assert judge_figure(wrong_city, [CITY_ROW], PLACES)[0] == CONTRADICTED
    # a figure of unknown place may support a placed claim, never refute it
    assert judge_figure(wrong_city, [CITY_ROW], {})[0] == NOT_FOUND
    right_city = claim("2024年岳阳市生产总值为812.5亿元", "812.5", "亿元", 1e8, "CNY",
                       subject="岳阳", indicator="生产总值", year=2024)
    assert judge_figure(right_city, [CITY_ROW], {})[0] == SUPPORTED


class _FakeStore:
    def __init__(self, facts):
        self._facts = facts

    def iter_facts(self):
        return iter(self._facts)


class _FakeSearcher:
    def __init__(self, facts):
        from tests.paths import shared_tokenizer

        self.store = _FakeStore(facts)
        self.tokenizer = shared_tokenizer()

    def search(self, query, k=10):
        return []


def test_check_claim_judges_each_figure(monkeypatch):
    import kb.search.claims as claims

    share = fact("2021年甲国数字经济占GDP比重为39.8%。", "39.8", "%", 1, "%", claim_type="share",
                 subject="全国", indicator="数字经济占GDP比重", year=2021)
    good = claim("2021年全国数字经济规模为45.4万亿元", "45.4", "万亿元", 1e12, "CNY",
                 subject="全国", indicator="数字经济规模", year=2021)
    bad = claim("2021年全国数字经济占GDP比重为49.8%", "49.8", "%", 1, "%", claim_type="share",
                subject="全国", indicator="数字经济占GDP比重", year=2021)
    absent = claim("2021年全国软件业务收入为9万亿元", "9", "万亿元", 1e12, "CNY",
                   subject="全国", indicator="软件业务收入", year=2021)
    searcher = _FakeSearcher([GDP, share])
    for parsed, expected in (([good], SUPPORTED), ([good, bad], CONTRADICTED),
                             ([good, absent], NOT_FOUND), ([], NOT_FOUND)):
        monkeypatch.setattr(claims, "parse_claim", lambda text, tokenizer, p=parsed: p)
        v = claims.check_claim(searcher, "任意一句话")
        assert v.verdict == expected, (parsed, v.explanation)
    monkeypatch.setattr(claims, "parse_claim", lambda text, tokenizer: [good])
    v = claims.check_claim(searcher, "任意一句话")
    assert v.evidence[0].fact.fact_id == GDP.fact_id and v.evidence[0].passage_id == "p1"
    from kb.ui.payloads import verdict_payload

    payload = verdict_payload(v)
    assert payload["verdict"] == SUPPORTED and payload["evidence"][0]["fact"]["value"] == 45.4


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
    from kb.search.claims import check_claim

    v = check_claim(searcher, text)
    assert v.verdict == expected, v.explanation
    if expected != NOT_FOUND:
        assert v.evidence and v.evidence[0].doc_id.startswith("caict")


def test_claim_without_figure_gets_passages(searcher):
    from kb.search.claims import check_claim

    v = check_claim(searcher, "雄安新区在全国范围内首次提出数字孪生城市概念")
    assert v.verdict == NOT_FOUND and v.passages


def test_gold_file_shape():
    rows = [json.loads(line) for line in (ROOT / "tests/gold/claims.jsonl").read_text("utf-8").splitlines()]
    claims = [r for r in rows if "claim" in r]
    assert len(claims) >= 40
    assert {r["verdict"] for r in claims} == {SUPPORTED, CONTRADICTED, NOT_FOUND}


def test_trade_surplus_amount_is_a_level_but_bare_cha_is_a_difference():
    surplus = fact("2023年乙省服务贸易逆差1250亿元，比上年扩大80亿元。", "1250", "亿元", 1e8, "CNY",
                   subject="乙省", indicator="服务贸易逆差", year=2023)
    surplus = surplus.model_copy(update=dict(char_start=surplus.quote.find("1250")))
    assert measure_kind(surplus) == "level:CNY"
    c = claim("2023年乙省服务贸易逆差为1250亿元", "1250", "亿元", 1e8, "CNY",
              subject="乙省", indicator="服务贸易逆差", year=2023)
    assert judge_against(c, surplus)[0] == SUPPORTED
    gap = fact("两市人均收入差3200元。", "3200", "元", 1, "CNY", indicator="人均收入")
    gap = gap.model_copy(update=dict(char_start=gap.quote.find("3200")))
    assert measure_kind(gap) == "delta:CNY"


class _Doc:
    def __init__(self, title, publisher=""):
        self.title, self.publisher = title, publisher


def test_national_document_is_about_the_whole_country():
    def carry(place):
        return lambda document: type("Carry", (), {"subject": place})()
    assert _document_place(_Doc("中华人民共和国2023年国民经济和社会发展统计公报"), carry("")) == "全国"
    assert _document_place(_Doc("2023年统计公报", "国家统计局"), carry("")) == "全国"
    assert _document_place(_Doc("某研究报告", "某大学"), carry("")) == ""
    assert _document_place(_Doc("丙市2023年统计公报"), carry("丙市")) == "丙市"
    row = fact("全年社会消费品零售总额48万亿元。", "48", "万亿元", 1e12, "CNY",
               indicator="社会消费品零售总额", year=2023, doc_id="nation")
    c = claim("2023年全国社会消费品零售总额为50万亿元", "50", "万亿元", 1e12, "CNY",
              subject="全国", indicator="社会消费品零售总额", year=2023)
    assert judge_figure(c, [row], {"nation": "全国"})[0] == CONTRADICTED
    assert judge_figure(c, [row], {"nation": ""})[0] == NOT_FOUND


def test_share_claim_is_about_the_part(tokenizer):
    parsed = parse_claim("2023年武汉市生产总值占湖北省的比重为36.8%", tokenizer)
    assert [(f.subject, f.value) for f in parsed] == [("武汉", 36.8)]


def test_growth_claim_compared_with_the_growth_of_the_qualified_head():
    quote = "全年规模以上服务业企业实现营业收入12000亿元，比上年下降2.1%。"
    down = fact(quote, "2.1", "%", 1, "%", claim_type="growth_rate", direction="down",
                subject="全国", indicator="营业收入", year=2023)
    down = down.model_copy(update=dict(char_start=quote.find("2.1")))
    level = fact(quote, "12000", "亿元", 1e8, "CNY", subject="全国", indicator="营业收入", year=2023)
    level = level.model_copy(update=dict(fact_id="f-level", char_start=quote.find("12000")))
    c = claim("2023年全国规模以上服务业企业营业收入比上年增长2.1%", "2.1", "%", 1, "%",
              claim_type="growth_rate", subject="全国", indicator="规模以上服务业企业营业收入", year=2023)
    assert judge_figure(c, [level, down])[0] == CONTRADICTED
    assert qualified_head("规模以上服务业企业营业收入", "营业收入", quote)
    assert not qualified_head("外资企业营业收入", "营业收入", quote)  # 外资企业 not in the sentence
    assert not qualified_head("营业收入", "营业收入", quote)


def test_part_after_qizhong_borrows_its_total_sentence():
    total = fact("全年货物运输总量520亿吨，比上年增长3.1%。", "520", "亿吨", 1e8, "t",
                 indicator="货物运输总量", year=2023, subject="全国")
    part = fact("其中，铁路50亿吨，下降1.0%。", "50", "亿吨", 1e8, "t",
                indicator="铁路", year=2023, subject="全国")
    total = total.model_copy(update=dict(fact_id="f-total", passage_id="pa", char_start=5))
    part = part.model_copy(update=dict(fact_id="f-part", passage_id="pa", char_start=40))
    assert lead_ins([part, total]) == {"f-part": total.quote}
    c = claim("2023年全国铁路货物运输总量为50亿吨", "50", "亿吨", 1e8, "t",
              subject="全国", indicator="铁路货物运输总量", year=2023)
    leads = lead_ins([total, part])
    assert fact_similarity(c, part) < 0.5 <= fact_similarity(c, part, leads["f-part"])
    assert judge_figure(c, [part])[0] == NOT_FOUND
    assert judge_figure(c, [part], lead_ins=leads)[0] == SUPPORTED


def test_subject_place_reads_the_place_inside_a_subject():
    assert subject_place("南昌市统计局") == "南昌"          # an agency is its place
    assert subject_place("年末全市金融机构", "赣州") == "赣州"  # not a place: the document's
    assert subject_place("某某科技股份有限公司", "芜湖") == "芜湖"
    assert subject_place("云溪县") == "云溪县"                # a county the gazetteer lacks
    assert subject_place("云溪县农业农村局") == "云溪县"
    assert subject_place("") == ""
    assert subject_place("甲地") == "甲地"  # no document place to fall back to: as written
    # a 、-list spelling out the document's region is that region; else it stays a group
    assert subject_place("北京、天津、河北", "京津冀") == "京津冀"
    assert subject_place("湖北、湖南、江西", "长江中游某区域") == "长江中游某区域"
    assert subject_place("湖北、湖南、江西", "湖南") == "湖北、湖南、江西"
    assert subject_place("北京、天津", "京津冀") == "北京、天津"   # known members differ


def test_agency_and_non_place_subjects_do_not_block_a_match():
    placed = {"bank-report": "福建"}
    rate = fact("年末全省银行业不良贷款率为1.45%。", "1.45", "%", 1, "%", claim_type="share",
                subject="末全省银行业", indicator="不良贷款率", year=2023, doc_id="bank-report")
    right = claim("2023年福建省不良贷款率为1.45%", "1.45", "%", 1, "%", claim_type="share",
                  subject="福建", indicator="不良贷款率", year=2023)
    wrong = right.model_copy(update=dict(value=1.95, value_text="1.95", value_normalized=1.95,
                                         quote="2023年福建省不良贷款率为1.95%"))
    other = right.model_copy(update=dict(subject="广东", quote="2023年广东省不良贷款率为1.45%"))
    assert judge_figure(right, [rate], placed)[0] == SUPPORTED
    assert judge_figure(wrong, [rate], placed)[0] == CONTRADICTED
    assert judge_figure(other, [rate], placed)[0] == NOT_FOUND
    agency = fact("据芜湖市商务局统计，1—6月全市跨境电商交易额120亿元。", "120", "亿元", 1e8, "CNY",
                  subject="芜湖市商务局", indicator="跨境电商交易额", year=2024)
    c = claim("2024年芜湖跨境电商交易额为150亿元", "150", "亿元", 1e8, "CNY",
              subject="芜湖", indicator="跨境电商交易额", year=2024)
    assert judge_figure(c, [agency])[0] == CONTRADICTED


def test_group_subject_matches_its_region_not_a_member():
    region = {"basin": "某江流域"}
    total = fact("甲、乙、丙三省生产总值合计12.4万亿元。", "12.4", "万亿元", 1e12, "CNY",
                 subject="湖北、湖南、江西", indicator="生产总值", year=2023, doc_id="basin")
    about_region = claim("2023年某江流域三省生产总值为12.4万亿元", "12.4", "万亿元", 1e12, "CNY",
                         subject="某江流域", indicator="生产总值", year=2023)
    about_member = about_region.model_copy(update=dict(subject="湖南", value=9.0, value_text="9.0",
                                                       value_normalized=9e12))
    assert judge_figure(about_region, [total], region)[0] == SUPPORTED
    assert judge_figure(about_member, [total], region)[0] == NOT_FOUND
    assert same_place("湖北、湖南、江西", "湖北、湖南、江西")


def test_unlisted_county_in_claims_and_titles(tokenizer):
    assert unlisted_place("2023年云溪县工业增加值增长6%") == "云溪县"
    assert unlisted_place("2022—2023年云溪县粮食产量") == "云溪县"
    assert unlisted_place("2023年全市工业增加值增长6%") == ""
    assert unlisted_place("2023年南昌市工业增加值增长6%") == ""  # the gazetteer's: not "unlisted"
    assert unlisted_place("城市居民收入") == ""
    assert place_key("云溪县") == place_key("云溪") == "云溪"
    parsed = parse_claim("2023年云溪县工业增加值增长6%", tokenizer)
    assert parsed and parsed[0].subject == "云溪县"
    def carry(place):
        return lambda document: type("Carry", (), {"subject": place})()
    assert _document_place(_Doc("云溪县2023年国民经济和社会发展统计公报"), carry("")) == "云溪县"
    assert _document_place(_Doc("统计公报", "云溪县统计局"), carry("")) == "云溪县"
    assert _document_place(_Doc("城市更新观察"), carry("")) == ""


def test_claim_about_an_unknown_place_is_not_refuted_by_another_place(tokenizer):
    places = {"county": "云溪县", "region": "某江流域"}
    county_gdp = fact("全年地区生产总值180.5亿元。", "180.5", "亿元", 1e8, "CNY",
                      indicator="地区生产总值", year=2023, doc_id="county")
    trade = fact("2023年三省货物进出口总额实现翻两番。", "2", "番", 1, "times", claim_type="multiple",
                 subject="某江流域", indicator="货物进出口总额", period=(2013, 2023), doc_id="region")
    c = parse_claim("2023年云溪县进出口总额增长5%", tokenizer)[0]
    assert judge_figure(c, [county_gdp, trade], places)[0] == NOT_FOUND
    unplaced = trade.model_copy(update=dict(subject="", doc_id="elsewhere"))
    assert judge_figure(c, [unplaced], places)[0] == NOT_FOUND
    wrong = parse_claim("2023年云溪县地区生产总值为190.5亿元", tokenizer)[0]
    assert judge_figure(wrong, [county_gdp, trade], places)[0] == CONTRADICTED


def test_doublings_are_their_own_measure():
    four_fold = fact("出口额与十年前相比翻两番。", "2", "番", 1, "times", claim_type="multiple",
                     indicator="出口额")
    assert measure_kind(four_fold) == "doublings"
    growth = claim("出口额增长5%", "5", "%", 1, "%", claim_type="growth_rate", indicator="出口额")
    assert measure_kind(growth) == "ratio"
    assert judge_against(growth, four_fold)[0] == NOT_FOUND
