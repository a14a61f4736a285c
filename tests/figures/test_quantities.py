"""Tests for kb.figures.quantities: figures in Chinese sentences, non-figures left out."""

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.errors import KbError
from kb.figures.quantities import apply_unit, parse_quantities, parse_quantity
from kb.models import unit_is_allowed
from tests.paths import FIXTURES, ROOT

GOLDEN = FIXTURES / "quantities_golden.jsonl"
CASES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["req"][:20] for c in CASES])
def test_golden(case):
    got = parse_quantities(case["req"])
    assert [q.surface for q in got] == [r["surface"] for r in case["res"]]
    for q, r in zip(got, case["res"], strict=True):
        assert q.value == pytest.approx(r["value"])
        assert q.unit == r["unit"]
        assert q.unit_normalized == r["unit_normalized"]
        assert q.value_normalized == pytest.approx(r["value_normalized"], rel=1e-9)
        assert q.qualifier == r["qualifier"]
        assert case["req"][q.start:q.end] == q.surface
        assert math.isclose(q.value * q.scale, q.value_normalized, rel_tol=1e-12)


def one(text):
    found = parse_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_kind_hints_and_value_text():
    assert one("规模达3.91万亿元").kind_hint == "currency"
    q = one("协同度均值为10.9900")
    assert (q.kind_hint, q.value_text, q.unit_normalized) == ("score", "10.9900", "score")
    assert one("占比15.2%").kind_hint == "percent"
    assert one("高出6.4个百分点").kind_hint == "pp"
    assert one("增长1.51倍").kind_hint == "multiple"
    assert one("共计151个").kind_hint == "count"
    assert one("碳排放强度0.71吨/万元").kind_hint == "physical"
    assert one("位列第3名").kind_hint == "rank"
    assert one("三千五百亿元").value_text == "3500"


def test_ranges_share_group_and_roles():
    a, b = parse_quantities("每年新增3~5个")
    assert (a.group, a.range_role, b.group, b.range_role) == (0, "low", 0, "high")
    assert a.unit == b.unit == "个" and a.surface == "3"
    a, b = parse_quantities("控制在1万-2万人")
    assert a.value_normalized == 1e4 and b.value_normalized == 2e4 and a.value > 0


def test_lists_carry_units_backwards():
    qs = parse_quantities("分别为1.2、3.4和5.6亿元")
    assert [q.value_normalized for q in qs] == pytest.approx([1.2e8, 3.4e8, 5.6e8])
    assert {q.group for q in qs} == {0} and all(q.unit == "亿元" for q in qs)
    ranks = parse_quantities("分别位列第1、9、14位")
    assert [q.kind_hint for q in ranks] == ["rank"] * 3
    assert [q.value for q in ranks] == [1, 9, 14]


def test_separate_sentences_are_not_grouped():
    qs = parse_quantities("出口增长7.1%，进口下降2.3亿元")
    assert all(q.group is None for q in qs)


def test_qualifiers_outside_the_span():
    q = one("增长1倍有余")
    assert (q.surface, q.qualifier) == ("1倍", "有余")
    q = one("节约3吨")
    assert q.qualifier == ""
    q = one("超过10%")
    assert (q.surface, q.qualifier) == ("10%", "超过")
    q = one("达到4.3万件")
    assert q.qualifier == ""  # 达 is not a qualifier
    q = one("1万余人")
    assert (q.unit, q.qualifier, q.value_normalized) == ("万人", "余", 1e4)


def test_negative_number():
    q = one("增速为-2.5%")
    assert q.value == -2.5 and q.value_text == "-2.5"


def test_fullwidth_digits_keep_offsets():
    text = "增长５．２％，达１２３亿元"
    qs = parse_quantities(text)
    assert [q.value for q in qs] == [5.2, 123]
    assert [text[q.start:q.end] for q in qs] == [q.surface for q in qs]


def test_latin_units():
    q = one("算力规模达到3EFLOPS左右")
    assert q.unit_normalized == "EFLOPS"
    assert parse_quantities("5G基站") == []


@pytest.mark.parametrize("cell,value,unit,norm,qual", [
    ("37420.00", 37420.0, "", "", ""), ("1.51倍", 1.51, "倍", "times", ""),
    ("3.2%", 3.2, "%", "%", ""), ("约45.4万亿元", 45.4, "万亿元", "CNY", "约"),
    (" 2022 ", 2022, "", "", ""), ("1,234.5万元", 1234.5, "万元", "CNY", ""),
    ("37420.00万元", 37420.0, "万元", "CNY", ""), ("第3位", 3, "位", "rank", ""),
])
def test_parse_quantity_cells(cell, value, unit, norm, qual):
    q = parse_quantity(cell)
    assert q is not None
    assert (q.value, q.unit, q.unit_normalized, q.qualifier) == (value, unit, norm, qual)


@pytest.mark.parametrize("cell", ["", "—", "北京", "(万元)", "3.2%和5%", "增长3.2%"])
def test_parse_quantity_none(cell):
    assert parse_quantity(cell) is None


def test_apply_unit():
    q = apply_unit(parse_quantity("37420.00"), "(万元)")
    assert (q.unit, q.unit_normalized, q.value_normalized) == ("万元", "CNY", 37420.0 * 1e4)
    with pytest.raises(KbError):
        apply_unit(q, "furlongs")


def test_bad_input():
    with pytest.raises(KbError):
        parse_quantities(None)


def test_corpus_sentences_units_are_allowed():
    root = ROOT / "corpus"
    for path in sorted(root.glob("*.*")):
        if path.name == "SOURCES.md":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for q in parse_quantities(line):
                assert line[q.start:q.end] == q.surface
                assert q.kind_hint and (q.unit_normalized and unit_is_allowed(q.unit_normalized))
                assert not (q.value_text.isdigit() and len(q.value_text) == 4 and not q.unit)


# --- properties -------------------------------------------------------------

units = st.sampled_from(["亿元", "万元", "%", "个", "万人", "倍", "万吨", "个百分点"])
numbers = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


@given(numbers, units)
def test_property_figure_round_trip(number, unit):
    if unit == "个":
        number = int(number)  # a count with decimals is rejected on purpose
    text = f"指标达到{number}{unit}，"
    q = one(text)
    assert q.value == pytest.approx(float(number))
    assert q.value_text == str(number)
    assert q.unit == unit
    assert text[q.start:q.end] == q.surface
    assert q.value_normalized == pytest.approx(q.value * q.scale)


@given(st.integers(min_value=1000, max_value=10**9))
def test_property_thousands_separators(n):
    q = one(f"总额为{n:,}亿元")
    assert q.value == n and q.value_text == str(n)


@given(st.text(alphabet="0123456789年月日第、,.-—%万亿元个倍表图的和与及 \tABCxyz$", max_size=60))
def test_property_never_crashes_and_spans_slice(text):
    for q in parse_quantities(text):
        assert text[q.start:q.end] == q.surface
        assert math.isclose(q.value * q.scale, q.value_normalized, rel_tol=1e-9, abs_tol=1e-12)


@given(st.text(alphabet="0123456789一二三五十百千万亿点之分个半成折负兩萬億點個壹贰陆 　，,.%％元台币米kKM增长为约",
               max_size=40))
def test_property_new_forms_never_crash_and_spans_slice(text):
    # traditional, banker's and spaced numerals, 成/折, halves, signs: the scanner reads a mapped
    # copy, and every span it gives back must still cut the figure from the original
    for q in parse_quantities(text):
        assert text[q.start:q.end] == q.surface and q.start < q.end
        assert math.isclose(q.value * q.scale, q.value_normalized, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("text,value,normalized,qualifier", [
    ("到2035年居民收入实现翻一番", 1, 2.0, ""),
    ("十年间工业产值翻了两番", 2, 4.0, ""),
    ("进出口总额接近翻一番", 1, 2.0, "接近"),
    ("科研投入翻了一番多", 1, 2.0, "多"),
])
def test_doubling_is_a_multiple_of_two_to_the_n(text, value, normalized, qualifier):
    q = one(text)
    assert q.surface.startswith("翻") and q.surface.endswith("番")
    assert (q.value, q.unit, q.value_normalized, q.unit_normalized) == (value, "番", normalized, "times")
    assert (q.kind_hint, q.qualifier) == ("multiple", qualifier)
    assert math.isclose(q.value * q.scale, q.value_normalized)
    assert parse_quantities("三番五次地督促，翻番目标") == []


@pytest.mark.parametrize("text,values", [
    ("全市城乡居民人均收入比缩小到2.31", [2.31]),
    ("城乡收入比由2.64降至2.45", [2.64, 2.45]),
    ("两者之比为1.8", [1.8]),
])
def test_bare_ratio_after_noun_bi_and_verb(text, values):
    found = parse_quantities(text)
    assert [q.value for q in found] == values
    assert all((q.kind_hint, q.unit_normalized) == ("ratio", "score") for q in found)


def test_bi_in_comparisons_and_shares_is_not_a_ratio():
    assert parse_quantities("同比下降到3") == []
    assert parse_quantities("比上年提高到4") == []
    assert parse_quantities("比重为2.5") == []


def test_tupo_is_a_qualifier():
    q = one("全省粮食产量首次突破700亿斤")
    assert (q.surface, q.qualifier) == ("700亿斤", "突破")


def test_per_mille_normalised_to_percent():
    q = one("人口自然增长率为-1.5‰")
    assert (q.value, q.unit, q.unit_normalized) == (-1.5, "‰", "%")
    assert q.value_normalized == pytest.approx(-0.15)


@pytest.mark.parametrize("text,unit,norm", [
    ("全年新增城镇就业46.3万人", "万人", "person"),
    ("景区接待游客1200万人次", "万人次", "person"),
    ("新能源汽车保有量达到85万辆", "万辆", "vehicle"),
    ("完成改造3.2万户", "万户", "household"),
    ("引进博士120名", "名", "person"),
    ("新增企业3200家", "家", "count"),
    ("建成项目45个", "个", "count"),
])
def test_counts_of_people_and_vehicles_name_what_they_count(text, unit, norm):
    q = one(text)
    assert (q.unit, q.unit_normalized, q.kind_hint) == (unit, norm, "count")
    assert unit_is_allowed(q.unit_normalized)


@pytest.mark.parametrize("text, surfaces", [
    ("该区工业产值位居全省县区第4，", ["第4"]),
    ("出口额排名全国副省级城市第六。", ["第六"]),
    ("研发投入位居全国第2、中部第1", ["第2", "第1"]),
    ("排名第一的杭州市", ["第一"]),
    ("排在全省第7", ["第7"]),
])
def test_bare_rank_after_rank_verb_and_scope(text, surfaces):
    got = parse_quantities(text)
    assert [q.surface for q in got] == surfaces
    assert all(q.kind_hint == "rank" and q.unit_normalized == "rank" for q in got)


@pytest.mark.parametrize("text", [
    "位居全国第三产业前列",     # 第三产业: an ordinal name
    "居第一方阵",               # 第一方阵: a name, not a rank
    "城乡居民第2次调查",        # 居民 is not the verb 居
    "污水排放第5批次",
    "列入第十四个五年规划",
    "位居全国前列，第3季度",    # a clause break separates verb and 第
])
def test_ordinals_and_words_are_not_ranks(text):
    assert [q for q in parse_quantities(text) if q.kind_hint == "rank"] == []


@pytest.mark.parametrize("text, value", [
    ("核心解释变量的估计值为-0.35，", -0.35),
    ("模型的R²为0.64。", 0.64),
    ("价格弹性是-0.8", -0.8),
    ("空间相关系数达0.52", 0.52),
    ("回归系数为1.27", 1.27),
])
def test_estimates_and_coefficients_are_scores(text, value):
    q = one(text)
    assert (q.value, q.kind_hint, q.unit_normalized) == (pytest.approx(value), "score", "score")


def test_formula_numbers_and_years_after_estimate_words_are_not_scores():
    assert parse_quantities("其中 $\\beta_1=-0.35$ 为估计值") == []
    assert parse_quantities("估计值为2021") == []  # a year, not a score


def test_negative_growth_is_one_negative_figure():
    q = one("利润总额增长-2.4%")
    assert (q.surface, q.value, q.unit) == ("-2.4%", -2.4, "%")
    q = one("增速为－1.5%")  # full-width minus
    assert q.value == -1.5


def test_per_unit_change_is_one_figure_per_span():
    qs = parse_quantities("投入每增加1%，产出平均提高0.3%。")
    assert [(q.surface, q.start) for q in qs] == [("1%", 5), ("0.3%", 14)]


@pytest.mark.parametrize("text, values", [
    ("产业结构调整为8.5∶40.1∶51.4。", [8.5, 40.1, 51.4]),   # ∶ U+2236, the ratio sign
    ("三类企业之比为3：2：1", [3, 2, 1]),
    ("男女性别比为104.2:100", [104.2, 100]),
])
def test_ratio_members_with_any_ratio_sign(text, values):
    qs = parse_quantities(text)
    assert [q.value for q in qs] == values
    assert {q.kind_hint for q in qs} == {"ratio"} and {q.unit_normalized for q in qs} == {"score"}
    assert len({q.group for q in qs}) == 1 and qs[0].group is not None


@pytest.mark.parametrize("text, value", [
    ("城乡收入比为2.31，比上年缩小0.04。", 0.04),
    ("两地人均产出之比为1.8，较上年扩大0.1", 0.1),
    ("城乡收入比由2.5降至2.4，比上年下降了0.1", 0.1),
])
def test_bare_change_of_a_ratio_is_a_score(text, value):
    q = parse_quantities(text)[-1]
    assert (q.value, q.unit_normalized, q.kind_hint) == (pytest.approx(value), "score", "change")


def test_bare_number_after_change_verb_needs_a_ratio_in_the_same_sentence():
    assert parse_quantities("收入比为2.3。比上年下降0.1") [-1].value == 2.3  # sentence break
    assert [q.surface for q in parse_quantities("产量增长5%，比上年提高0.3")] == ["5%"]


@pytest.mark.parametrize("text, surface, value", [
    ("两市经济总量位列全省前三。", "前三", 3),
    ("该区综合实力跻身全国前十", "前十", 10),
    ("出口额排名前5的城市", "前5", 5),
    ("居全国前10位", "前10位", 10),
])
def test_top_n_rank(text, surface, value):
    q = one(text)
    assert (q.surface, q.value, q.unit_normalized, q.kind_hint) == (surface, value, "rank", "rank")


@pytest.mark.parametrize("text", ["前三季度增长5%", "前5个月出口增长3%", "进入前三名单的企业增长2%"])
def test_top_n_periods_and_names_are_not_ranks(text):
    assert [q for q in parse_quantities(text) if q.kind_hint == "rank"] == []


@pytest.mark.parametrize("text, surface, unit_normalized", [
    ("全年开行班列约3200列。", "3200列", "count"),
    ("新增国际航线每周28班", "28班", "count"),
    ("开行旅游专列45趟", "45趟", "count"),
    ("保障航班1.2万架次", "1.2万架次", "count"),
    ("完成集装箱吞吐量860万标箱", "860万标箱", "teu"),
    ("吞吐量达到350TEU", "350TEU", "teu"),
])
def test_transport_measure_words(text, surface, unit_normalized):
    q = one(text)
    assert (q.surface, q.unit_normalized) == (surface, unit_normalized)


@pytest.mark.parametrize("text", ["将3列入重点项目", "5班子成员", "3班组"])
def test_measure_words_that_start_words_are_not_units(text):
    assert [q for q in parse_quantities(text) if q.unit in ("列", "班")] == []


@pytest.mark.parametrize("text, value, unit_normalized", [
    ("每万人口发明专利拥有量24.6件", 24.6, "count"),
    ("每千人口执业医师3.4人", 3.4, "person"),
    ("户均2.7人", 2.7, "person"),
])
def test_per_capita_counts_may_have_decimals(text, value, unit_normalized):
    q = one(text)
    assert (q.value, q.unit_normalized) == (pytest.approx(value), unit_normalized)


def test_the_base_of_a_ratio_per_hundred_is_no_figure_and_the_ratio_is():
    # 以女性为100: what the sex ratio is reckoned per hundred of; 性别比 makes a bare number a figure
    text = "总人口性别比为106.17（以女性为100），比上年末下降0.21。"
    assert [q.surface for q in parse_quantities(text)] == ["106.17", "0.21"]
    assert [q.surface for q in parse_quantities("价格指数（以1990年为100）为185.2。")] == ["185.2"]
    assert [q.surface for q in parse_quantities("计划以每年为100亿元的规模投入。")] == ["100亿元"]


def test_an_ordinal_list_written_once_with_di_is_ranks():
    # 分列第二、三位: 三位 is the third rank, not three people
    assert [(q.surface, q.kind_hint) for q in parse_quantities("浏阳市、宁乡市分列第二、三位。")] == [
        ("第二", "rank"), ("三位", "rank")]
    assert [q.surface for q in parse_quantities("三位专家出席。")] == []


def test_a_chinese_digit_after_a_comma_opens_a_word_not_a_rank_list():
    # 分列第三、第四位，四川…: the 四 of 四川 does not continue the ranks
    text = "山东、浙江分列第三、第四位，四川、河南两省GDP均超过6万亿元。"
    assert [q.surface for q in parse_quantities(text)] == ["第三", "第四位", "6万亿元"]
    assert [q.surface for q in parse_quantities("宁夏位列一二")] == ["一", "二"]


def test_the_restated_or_changed_average_of_a_sentence_may_have_decimals_too():
    # 每千人口床位8.94张，上年为8.67张，比上年增加0.27张: each clause after the per-head one restates it
    text = "全市每千人口医疗卫生机构床位数为8.94张，上年为8.67张，比上年增加0.27张。"
    assert [q.surface for q in parse_quantities(text)] == ["8.94张", "8.67张", "0.27张"]
    # a clause that neither restates nor compares keeps the cut reading
    assert [q.surface for q in parse_quantities("每千人口床位8.94张，新建病房5.5个。")] == ["8.94张"]


def test_decimal_count_without_average_stays_a_cut():
    assert parse_quantities("提高5.5个") == []


@pytest.mark.parametrize("text, n, times", [("实现翻一番", 1, 2.0), ("比十年前翻了两番", 2, 4.0), ("翻三番", 3, 8.0)])
def test_doubling_convention(text, n, times):
    # one convention (blind/blind2 gold): value n, unit 番, normalised 2**n times
    q = one(text)
    assert (q.value, q.unit, q.value_normalized, q.unit_normalized) == (n, "番", times, "times")


@pytest.mark.parametrize("text", [
    # GB/T 7714, entries run together as after hard-wrap joining
    "[1] 李明，王红，等. 区域创新指数测算研究[J]. 统计研究，2017，34（5）：33-47."
    "[2] 赵四. 产业集聚与增长[J]. 经济地理，2016（9）：101-110.",
    "[4] 陈五. 城市经济学[M]. 上海：格致出版社，2012：88.",
    "[7] 周六. 县域数字经济评价[D]. 杭州：浙江大学，2021.",
    "[9] KIM S, PARK J, et al. Regional index and growth[J]. Urban Studies, 2015, 52(8): 1402-1420.",
    # APA
    "Garcia, M., & Chen, L. (2018). Credit index and rural income. World Development, 41(2), 215-233.",
    "Brown, T., et al. (2016). Growth accounting. Journal of Economic Index Studies, 7(1), 12–30.",
])
def test_reference_entries_hold_no_figures(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize("text, surfaces", [
    ("已有研究表明[3]，综合指数为0.62。", ["0.62"]),
    ("文献[2,5]与[6-8]估计的弹性为-0.4", ["-0.4"]),
    ("详见pp. 45-60，系数为0.21", ["0.21"]),
    ("参见第18-20页，得分为86.5", ["86.5"]),
    # an interval is a figure, not a citation
    ("指数取值区间为[0,1]", ["0", "1"]),
    ("得分在[1, 5]之间", ["1", "5"]),
    # a paragraph that only cites keeps its figures
    ("Smith et al. (2019) 估计的弹性为0.35，见表2(1)：第3列。", ["0.35"]),
])
def test_citation_markers_and_pages_are_not_figures(text, surfaces):
    assert [q.surface for q in parse_quantities(text)] == surfaces


@pytest.mark.parametrize("sentence, expected", [
    ("所占比重由1998年的31. 2 ％提高到49％", [("31. 2 ％", 31.2), ("49％", 49.0)]),   # GBK typesetting
    ("增长8.6％、8.6％和4. 7％", [("8.6％", 8.6), ("8.6％", 8.6), ("4. 7％", 4.7)]),
    ("各项贷款余额为7263.80亿元、653. 07亿元", [("7263.80亿元", 7263.8), ("653. 07亿元", 653.07)]),
    ("1. 2020年全省生产总值增长3%", [("3%", 3.0)]),                                # a heading number stays
])
def test_a_space_after_a_decimal_point_inside_a_chinese_sentence(sentence, expected):
    assert [(q.surface, q.value) for q in parse_quantities(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    ("其中8个省份GDP增速超过18.3%的全国平均水平", [("8个", ""), ("18.3%", "")]),   # the average's own value
    ("全省GDP增速超过18.3%", [("18.3%", "超过")]),
    ("人均收入不到5万元的全市平均水平", [("5万元", "")]),
    ("增速约为6.1%的全国平均水平", [("6.1%", "约")]),                            # 约 stays an approximation
])
def test_a_comparison_before_a_named_average_is_no_qualifier(sentence, expected):
    assert [(q.surface, q.qualifier) for q in parse_quantities(sentence)] == expected


def test_an_age_with_a_fraction_is_a_figure_a_whole_age_names_a_group():
    got = [(q.surface, q.unit_normalized, q.value) for q in parse_quantities("人均预期寿命达到80.41岁，比上年提高0.35岁。")]
    assert got == [("80.41岁", "year", 80.41), ("0.35岁", "year", 0.35)]
    assert parse_quantities("65岁及以上人口") == [] and parse_quantities("年满18岁的居民") == []


def test_the_amount_a_rate_is_reckoned_per_is_no_figure():
    found = [(q.value, q.unit) for q in parse_quantities("每10万人中具有大学文化程度的人数为20706人，每10股派发现金红利3.50元。")]
    assert found == [(20706.0, "人"), (3.5, "元")]
