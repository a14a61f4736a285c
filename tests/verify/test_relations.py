"""Relation patterns: readings of Chinese multiples, change pairs, sums, text ↔ table links."""


import pytest

from kb.models import Document, Fact, stable_id
from kb.verify.relations import Context, find_relation, reading, set_claims
from kb.verify.relations.sets import average_members
from kb.verify.relations.totals import each_count
from tests.paths import ROOT

UNITS = {"亿元": ("CNY", 1e8), "个": ("count", 1), "倍": ("times", 1), "%": ("%", 1), "个百分点": ("pp", 1), "": ("score", 1)}


def ctx_for(text, specs, extra=()):
    facts, pos = [], 0
    for surface, ct in specs:
        start = text.index(surface, pos)
        pos = start + len(surface)
        unit = next(u for u in sorted(UNITS, key=len, reverse=True) if surface.endswith(u))
        vt = surface[: len(surface) - len(unit)] if unit else surface
        un, sc = UNITS[unit]
        facts.append(Fact(fact_id=stable_id("f", start), doc_id="d", char_start=start, char_end=pos, quote=text,
                          value=float(vt), value_text=vt, unit=unit, scale=sc, value_normalized=float(vt) * sc,
                          unit_normalized=un, claim_type=ct))
    return Context(text, [], facts + list(extra)), facts


@pytest.mark.parametrize("text,surface,expected", [
    ("产值增长2倍。", "2倍", "multiple_growth"),
    ("产值是去年的2倍。", "2倍", "ratio"),
    ("产值为乙地的2倍。", "2倍", "ratio"),
    ("产值增长到2倍。", "2倍", "ratio"),
    ("与北京有着3.38倍的差距。", "3.38倍", "gap"),
    ("年均增长率达11.85%。", "11.85%", "cagr"),
    ("占全国的10.85%。", "10.85%", "share"),
    ("总增幅为20%。", "20%", "growth"),
    ("高出6.8个百分点。", "6.8个百分点", "difference"),
])
def test_reading_of_each_chinese_form(text, surface, expected):
    ct = {"%": "growth_rate", "倍": "multiple", "点": "difference"}[surface[-1]]
    ctx, facts = ctx_for(text, [(surface, ct if expected != "share" else "share")])
    assert reading(ctx, facts[0]) == expected


def test_each_counts_members():
    assert each_count("其中京津各拥有") == 2
    assert each_count("其中甲、乙、丙各有") == 3
    assert each_count("其中北京为") == 1


def test_change_pair_not_reused_across_clauses():
    ctx, facts = ctx_for("甲从77个增长至140个，增长近1倍；乙增长1.25倍。",
                         [("77个", "count"), ("140个", "count"), ("1倍", "multiple"), ("1.25倍", "multiple")])
    rel = find_relation(ctx, facts[2])
    assert rel.kind == "multiple" and [f.value for f in rel.inputs] == [77, 140] and rel.mode == "growth"
    rel = find_relation(ctx, facts[3])
    assert rel.inputs == [] and rel.reason  # 乙's bases are not stated: unverifiable


def test_cagr_years_from_period():
    ctx, facts = ctx_for("2000—2020年，规模从36.26亿元增加到340.53亿元，年均增长率达11.85%。",
                         [("36.26亿元", "level"), ("340.53亿元", "level"), ("11.85%", "cagr")])
    rel = find_relation(ctx, facts[2])
    assert (rel.kind, rel.years) == ("cagr", 20)


def _cell(subject, group, year, v):
    return Fact(fact_id=stable_id("f", subject, year), doc_id="d", char_start=900, char_end=905,
                quote=f"表9 活跃度｜{group} {subject}｜活跃度/{year}年", subject=subject, indicator="活跃度", year=year,
                value=v, value_text=str(v), value_normalized=v, unit_normalized="score", claim_type="score",
                source_kind="table", table_id="t-9")


def test_set_claim_and_average_over_table_rows():
    rows = {"甲": (10, 20), "乙": (10, 90), "丙": (10, 100), "丁": (10, 30)}
    cells = [_cell(n, "东区", y, v) for n, (a, b) in rows.items() for y, v in ((2014, a), (2022, b))]
    text = "2014—2022年，东区各市活跃度上升，甲、丁的增速均超平均水平。"
    ctx, _ = ctx_for(text, [], extra=cells)
    (start, end, named, members), = set_claims(ctx)
    assert {r.name for r in named} == {"甲", "丁"} and len(members) == 4
    text2 = "2014—2022年，甲为核心城市。东区方面，其余城市活跃度平均增长约8.5倍。"
    ctx, facts = ctx_for(text2, [("8.5倍", "multiple")], extra=cells)
    members = average_members(ctx, facts[0], 0)
    assert {r.name for r in members} == {"乙", "丙", "丁"}


PAPER = ROOT / "corpus" / "song-wang-2025-jjj-innovation-community.md"


def test_paper_table3_growths_link_to_rows():
    tables = pytest.importorskip("kb.figures")
    text = PAPER.read_text(encoding="utf-8")
    doc = Document(doc_id="song", doc_path="song.md", text=text)
    cells = [f for t in tables.find_tables(doc) for f in tables.table_facts(t, doc, [])]
    i = text.index("分别增长7.99倍、1.25倍")
    specs = []
    for surface in ("7.99倍", "1.25倍"):
        j = text.index(surface, i)
        specs.append(Fact(fact_id=stable_id("f", j), doc_id="song", char_start=j, char_end=j + len(surface),
                          quote="", value=float(surface[:-1]), value_text=surface[:-1], unit="倍",
                          value_normalized=float(surface[:-1]), unit_normalized="times", claim_type="multiple"))
    ctx = Context(text, [], specs + cells)
    total, mean = (find_relation(ctx, f) for f in specs)
    assert [f.value for f in total.inputs] == [973.90, 8761.60]
    assert [f.value for f in mean.inputs] == [108.21, 973.51]


def test_group_size_and_share_clause():
    from kb.verify.relations import group_size
    from kb.verify.relations.shares import share_clause
    assert group_size("长三角三省一市产量") == 4 and group_size("京津冀三地") == 3 and group_size("9个城市") == 9
    assert group_size("全市产量") == 0 and group_size("3市场") == 0
    text = "三次产业增加值占地区生产总值的比重分别为9.2%"
    assert share_clause(Context(text, [], []), 0, text.index("分别")) == ("产业增加值", "地区生产总值", 3)


def test_pp_compared_with_last_year_is_unverifiable():
    ctx, facts = ctx_for("城镇化率61.16%，比上年末提高0.68个百分点。", [("61.16%", "level"), ("0.68个百分点", "change")])
    rel = find_relation(ctx, facts[1])
    assert rel.kind == "difference" and not rel.inputs and "earlier period" in rel.reason


def test_doublings_read_powers_of_two():
    from kb.verify.relations import doublings
    ctx, _ = ctx_for("产值翻一番；收入翻了两番多。", [])
    assert [(d[2], d[3]) for d in doublings(ctx)] == [(2.0, ""), (4.0, "多")]


def test_names_whole_measure_words_and_leads():
    from kb.verify.relations.shares import names_whole
    assert names_whole("各项贷款", "各项贷款余额")
    assert names_whole("同期社会融资规模增量", "社会融资规模增量")
    assert names_whole("进出口", "货物进出口总额")
    assert not names_whole("全天消费额", "接待游客")
    assert not names_whole("", "各项贷款余额")


def _balance_text(text, extra_specs=()):
    ctx, facts = ctx_for(text, [("1100亿元", "level"), ("10%", "growth_rate"), ("100亿元", "change")])
    b, g, d = facts
    b.indicator, b.year, g.indicator, d.indicator = "住户存款余额", 2022, "住户存款余额", "住户存款余额"
    return ctx, g


def test_growth_from_a_change_since_the_start_of_the_year():
    ctx, g = _balance_text("年末全市住户存款余额1100亿元，同比增长10%，较年初增加100亿元。")
    rel = find_relation(ctx, g)
    assert rel.mode == "change_up" and [f.value for f in rel.inputs] == [1100.0, 100.0]


@pytest.mark.parametrize("text", [
    "年末全市住户存款余额1100亿元，同比增长10%，较年初减少100亿元。",   # a fall is not this growth
    "年末全市住户存款余额1100亿元，同比增长10%；另有贷款100亿元。",     # no 较年初 change
])
def test_change_since_year_start_never_guessed(text):
    ctx, g = _balance_text(text)
    rel = find_relation(ctx, g)
    assert rel is None or rel.mode != "change_up"


def _table_fact(indicator, year, v, claim_type="level", row="", col="", unit=("CNY", 1e8)):
    return Fact(fact_id=stable_id("t", indicator, year, claim_type), doc_id="d", char_start=0, char_end=1,
                quote=f"表1｜{row or indicator}｜{col}", value=v, value_text=str(v), unit="亿元" if unit[0] == "CNY" else "%",
                scale=unit[1], value_normalized=v * unit[1], unit_normalized=unit[0], claim_type=claim_type,
                indicator=indicator, year=year, source_kind="table", table_id="t1")


def test_table_cell_ignores_total_and_whole_year_modifiers():
    from kb.verify.relations.table_cells import table_cell
    cells = [_table_fact("小麦产量", 2023, 50.0), _table_fact("小麦播种面积", 2023, 8.0)]
    ctx = Context("正文。", [], cells)
    assert table_cell(ctx, "", "小麦总产量", 2023).value == 50.0
    assert table_cell(ctx, "", "全年小麦产量", 2023).value == 50.0
    assert table_cell(ctx, "", "玉米总产量", 2023) is None  # another crop: never guessed


def test_balance_table_growth_from_change_column():
    from kb.verify.relations import table_growth_cells
    cells = [_table_fact("单位存款/年末余额", 2023, 220.0, row="单位存款", col="年末余额"),
             _table_fact("单位存款/较年初增加", 2023, 20.0, "change", row="单位存款", col="较年初增加"),
             _table_fact("单位存款", 2023, 10.0, "growth_rate", row="单位存款", col="同比增长", unit=("%", 1))]
    rels = table_growth_cells(Context("正文。", [], cells))
    assert len(rels) == 1 and rels[0].mode == "change_up" and [f.value for f in rels[0].inputs] == [220.0, 20.0]
    # without the 较年初 column there is nothing to recompute from
    assert table_growth_cells(Context("正文。", [], [cells[0], cells[2]])) == []


def _with(fact, **kw):
    return fact.model_copy(update=kw)


def test_listed_shares_of_the_subjects_own_total_named_with_a_jurisdiction_word():
    text = ("全年全市地区生产总值2000亿元。其中，第一产业增加值200亿元；第二产业增加值800亿元；"
            "第三产业增加值1000亿元。三次产业增加值占全市生产总值的比重分别为10.0%、40.0%和50.0%。")
    ctx, f = ctx_for(text, [("2000亿元", "level"), ("200亿元", "level"), ("800亿元", "level"),
                            ("1000亿元", "level"), ("10.0%", "share"), ("40.0%", "share"), ("50.0%", "share")])
    names = ["地区生产总值", "第一产业增加值", "第二产业增加值", "第三产业增加值"] + ["三次产业增加值"] * 3
    f = [_with(x, indicator=n, subject="甲市", year=2024) for x, n in zip(f, names, strict=True)]
    ctx = Context(text, [], f)
    rel = find_relation(ctx, f[5])
    assert rel.kind == "share" and [x.value for x in rel.inputs] == [800.0, 2000.0]


def test_share_of_the_containing_region_takes_its_same_indicator_level():
    text = "全省地区生产总值5000亿元，增长5.0%。甲市地区生产总值1250亿元，占全省比重为25.0%。"
    ctx, f = ctx_for(text, [("5000亿元", "level"), ("5.0%", "growth_rate"), ("1250亿元", "level"), ("25.0%", "share")])
    f = [_with(x, indicator="地区生产总值", subject=s, year=2024) for x, s in zip(f, ["乙省", "乙省", "甲市", "甲市"], strict=True)]
    rel = find_relation(Context(text, [], f), f[3])
    assert rel.kind == "share" and [x.value for x in rel.inputs] == [1250.0, 5000.0]


def test_share_of_the_containing_region_never_guessed_without_its_level():
    # the region's total of this indicator is not stated (only another indicator): no inputs
    text = "全省财政收入900亿元。甲市地区生产总值1250亿元，占全省比重为25.0%。"
    ctx, f = ctx_for(text, [("900亿元", "level"), ("1250亿元", "level"), ("25.0%", "share")])
    f = [_with(x, indicator=n, subject=s, year=2024)
         for x, n, s in zip(f, ["财政收入", "地区生产总值", "地区生产总值"], ["乙省", "甲市", "甲市"], strict=True)]
    rel = find_relation(Context(text, [], f), f[2])
    assert rel.kind == "share" and not rel.inputs


def test_ratio_of_two_indicators_listed_earlier_in_the_paragraph():
    text = "甲类销售额和乙类销售额分别为300亿元和100亿元。甲类销售额是乙类的3.0倍。"
    ctx, f = ctx_for(text, [("300亿元", "level"), ("100亿元", "level"), ("3.0倍", "multiple")])
    f = [_with(x, indicator=n, subject="全国", year=2024) for x, n in zip(f, ["甲类销售额", "乙类销售额", "甲类销售额"], strict=True)]
    rel = find_relation(Context(text, [], f), f[2])
    assert rel.kind == "multiple" and [x.value for x in rel.inputs] == [100.0, 300.0]


def test_ratio_of_two_indicators_never_guessed_when_the_referent_is_ambiguous():
    text = "乙类出口额200亿元，乙类进口额100亿元，甲类销售额300亿元。甲类销售额是乙类的3.0倍。"
    ctx, f = ctx_for(text, [("200亿元", "level"), ("100亿元", "level"), ("300亿元", "level"), ("3.0倍", "multiple")])
    f = [_with(x, indicator=n, subject="全国", year=2024)
         for x, n in zip(f, ["乙类出口额", "乙类进口额", "甲类销售额", "甲类销售额"], strict=True)]
    rel = find_relation(Context(text, [], f), f[3])
    assert not rel.inputs


def _share_ctx(text, specs):
    """specs: (surface, claim_type, indicator, year)."""
    ctx, facts = ctx_for(text, [(s, ct) for s, ct, _, _ in specs])
    facts = [f.model_copy(update={"indicator": ind, "year": y}) for f, (_, _, ind, y) in zip(facts, specs, strict=True)]
    return Context(text, [], facts), facts


def test_share_whole_is_this_periods_level_not_last_years():
    # the whole named by 占Y is the report period's level, never the 上年 level beside it
    text = "本年度销售额50.00亿元，较上年的40.00亿元增长25.0%。出口销售10.00亿元，占销售额的20.0%。"
    ctx, f = _share_ctx(text, [("50.00亿元", "level", "销售额", 2023), ("40.00亿元", "level", "销售额", 2023),
                               ("25.0%", "growth_rate", "销售额", 2023), ("10.00亿元", "level", "出口销售", 2023),
                               ("20.0%", "share", "", 2023)])
    rel = find_relation(ctx, f[4])
    assert rel.kind == "share" and rel.inputs == [f[3], f[0]]


def test_share_never_divides_by_another_periods_whole():
    from kb.verify.relations.ground import share_year_conflict
    text = "上年同期为40.00亿元。出口销售10.00亿元。"
    ctx, f = _share_ctx(text, [("40.00亿元", "level", "销售额", None), ("10.00亿元", "level", "出口销售", None)])
    assert "previous period" in share_year_conflict(ctx, f[1], f[0])
    text = "2021年销售额40.00亿元。2022年出口销售10.00亿元。"
    ctx, f = _share_ctx(text, [("40.00亿元", "level", "销售额", 2021), ("10.00亿元", "level", "出口销售", 2022)])
    assert "different years" in share_year_conflict(ctx, f[1], f[0])
    assert share_year_conflict(ctx, f[1], f[1].model_copy(update={"year": None})) == ""


def test_a_share_stated_in_words_is_quoted_as_written():
    from kb.ui.numbers import in_unit_of
    from tests.verify.pipeline_text import checks_on

    text = "2022年全市12个区县全部实现正增长，其中4个区县增速超过全市平均水平，占比超过四成。"
    [check] = checks_on(text, "四成", "share")
    assert check.verdict == "inconsistent"          # 4 / 12 = 33.3 %, not over 40 %
    assert "stated 超过四成" in check.explanation and "40成" not in check.explanation
    fact = next(f for f in process_facts(text) if f.figure_text == "超过四成")
    assert in_unit_of(check.recomputed_value, fact) == "33.3%"


def process_facts(text: str) -> list:
    from tests.verify.pipeline_text import process

    return process(text)[1]


def test_an_amount_cut_is_a_change_not_the_end_level():
    from tests.verify.pipeline_text import process

    text = "2022年全省企业年末贷款余额470.9亿元，比上年的531.1亿元压缩60.2亿元，下降11.33%。"
    _, facts, checks = process(text)
    assert [(f.value_text, f.claim_type, f.direction) for f in facts if f.value_text == "60.2"] == [
        ("60.2", "change", "down")]
    assert "inconsistent" not in [c.verdict for c in checks]


def test_a_figure_off_by_a_power_of_ten_is_said_to_be():
    from kb.verify.checks import decimal_slip
    from tests.verify.pipeline_text import checks_on

    text = "2022年全省前10位企业销售收入合计241.5亿元，占全省企业销售收入2987亿元的80.8%。"
    [check] = checks_on(text, "80.8%", "share")
    assert check.verdict == "inconsistent" and "10× the recomputed one" in check.explanation
    assert decimal_slip(365, 346) == [] and decimal_slip(-5, 0.5) == []


def test_the_sentences_after_a_figure_stop_at_the_paragraphs_asked_for():
    from kb.verify.relations.ground import sentences_after

    text = "甲为1。乙为2。\n\n丙为3。\n\n丁为4。戊为5。"
    ctx = Context(text, [], [])
    f = Fact(fact_id="f", doc_id="d", char_start=2, char_end=3, quote="甲为1。", subject="", indicator="甲",
             value=1, unit="个", value_normalized=1, unit_normalized="count", claim_type="count")
    assert [text[a:b] for a, b in sentences_after(ctx, f, 0)] == ["乙为2。"]
    assert [text[a:b] for a, b in sentences_after(ctx, f, 1)] == ["乙为2。", "丙为3。"]
    assert [text[a:b] for a, b in sentences_after(ctx, f, 2)] == ["乙为2。", "丙为3。", "丁为4。", "戊为5。"]
