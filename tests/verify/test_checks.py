import pytest
"""check_document / check_across_documents on sentences of our own and of the corpus."""

from kb.figures.identity import identify_facts
from kb.models import Document, Fact, Sentence, stable_id
from kb.verify import check_across_documents, check_document
from tests.paths import ROOT

UNITS = {"亿元": ("CNY", 1e8), "万亿元": ("CNY", 1e12), "个": ("count", 1), "倍": ("times", 1),
         "%": ("%", 1), "个百分点": ("pp", 1), "万": ("count", 1e4), "": ("score", 1), "件": ("count", 1),
         "万吨": ("t", 1e4), "元": ("CNY", 1), "万人": ("count", 1e4), "万辆": ("count", 1e4),
         "万千瓦": ("kW", 1e4), "万人次": ("count", 1e4)}


def build(text, specs, doc_id="d", tables=()):
    """Facts from (surface-with-unit, claim_type, extra) triples located in order in ``text``."""
    facts, pos = [], 0
    for surface, claim_type, extra in specs:
        start = text.index(surface, pos)
        pos = start + len(surface)
        qual = extra.get("qualifier", "")
        num = surface.replace(qual, "") if qual else surface
        unit = next(u for u in sorted(UNITS, key=len, reverse=True) if num.endswith(u))
        value_text = num[: len(num) - len(unit)] if unit else num
        un, scale = UNITS[unit]
        v = float(value_text)
        fields = dict(doc_id=doc_id, char_start=start, char_end=pos, quote=text, value=v, value_text=value_text,
                      unit=unit, scale=scale, value_normalized=v * scale, unit_normalized=un,
                      claim_type=claim_type, qualifier=qual)
        fields.update({k: x for k, x in extra.items() if k != "qualifier"})
        facts.append(Fact(fact_id=stable_id("f", doc_id, start, surface), **fields))
    document = Document(doc_id=doc_id, doc_path=f"{doc_id}.md", text=text)
    sentence = Sentence(sentence_id="s", doc_id=doc_id, passage_id="", ordinal=0, start=0, end=len(text),
                        text=text)
    facts = identify_facts(document, [sentence], [], facts) + list(tables)
    return document, facts


def run(text, specs, **kw):
    doc, facts = build(text, specs, **kw)
    return check_document(doc, [], [], facts, [])


def test_from_to_growth_multiple_and_rate():
    checks = run("孵化器从77个增长至140个，增长近1倍；项目从15.01万增长至22.05万，增长率为46.8%。",
                 [("77个", "count", {}), ("140个", "count", {}), ("近1倍", "multiple", {"qualifier": "近"}),
                  ("15.01万", "count", {}), ("22.05万", "count", {}), ("46.8%", "growth_rate", {})])
    assert [(c.kind, c.verdict) for c in checks] == [("multiple", "inconsistent"), ("growth", "consistent")]
    assert checks[0].recomputed_value == __import__("pytest").approx(0.818, abs=1e-3)


def test_ratio_reading_is_b_over_a():
    checks = run("甲市得分为20，乙市得分为60，是甲市的3倍。",
                 [("20", "score", {}), ("60", "score", {}), ("3倍", "multiple", {})])
    assert checks[0].verdict == "consistent" and checks[0].recomputed_value == 3.0
    checks = run("甲市得分为20，乙市得分为60，比甲市增长3倍。",
                 [("20", "score", {}), ("60", "score", {}), ("3倍", "multiple", {})])
    assert checks[0].verdict == "inconsistent" and checks[0].recomputed_value == 2.0


def test_cagr_explained_with_formula():
    checks = run("2000—2020年，注册资本规模从36.26亿元增加到340.53亿元，年均增长率达11.85%。",
                 [("36.26亿元", "level", {}), ("340.53亿元", "level", {}), ("11.85%", "cagr", {})])
    c = checks[0]
    assert (c.kind, c.verdict) == ("cagr", "consistent")
    assert "(340.53 / 36.26)^(1/20)" in c.formula and "11.85" in c.explanation
    assert c.inputs and c.check_id.startswith("c")


def test_share_and_gap_and_pct_difference():
    checks = run("流出总额为4555.7亿元，其中流入本省为356.9亿元，仅占流出总额的7.83%。",
                 [("4555.7亿元", "level", {}), ("356.9亿元", "level", {}), ("7.83%", "share", {})])
    assert (checks[0].kind, checks[0].verdict) == ("share", "consistent")
    checks = run("甲的均值为0.71；乙均值为0.21，与甲有着3.38倍的差距。",
                 [("0.71", "score", {}), ("0.21", "score", {}), ("3.38倍", "ratio", {})])
    assert (checks[0].kind, checks[0].verdict) == ("ratio", "consistent")
    checks = run("两地均值分别为0.40和0.59，二者相差47.5%。",
                 [("0.40", "score", {}), ("0.59", "score", {}), ("47.5%", "ratio", {})])
    assert (checks[0].kind, checks[0].verdict) == ("ratio", "consistent")


def test_sum_with_each():
    checks = run("高新区数量总计为7个，其中京津各拥有1个，河北为5个。",
                 [("7个", "count", {}), ("1个", "count", {}), ("5个", "count", {})])
    assert (checks[0].kind, checks[0].verdict, checks[0].recomputed_value) == ("sum", "consistent", 7)
    checks = run("孵化器共计160个，其中甲为71个，乙为36个，丙为44个。",
                 [("160个", "count", {}), ("71个", "count", {}), ("36个", "count", {}), ("44个", "count", {})])
    assert checks[0].verdict == "unverifiable"  # parts may be partial: never guess


def test_never_guess_missing_bases_are_unverifiable():
    checks = run("2022年交易额达4.76万亿元，相较于2014年增长约277.78%，占全国总额的10.85%。",
                 [("4.76万亿元", "level", {}), ("约277.78%", "growth_rate", {"qualifier": "约"}),
                  ("10.85%", "share", {})])
    assert [c.verdict for c in checks] == ["unverifiable", "unverifiable"]
    assert "nothing compared" in checks[0].explanation
    # total vs per-unit average: 是…的X倍 with no base in the sentence
    checks = run("高等院校经费分别为津冀的6.46倍和5.65倍。", [("6.46倍", "multiple", {}), ("5.65倍", "multiple", {})])
    assert {c.verdict for c in checks} == {"unverifiable"}


def _cell(table_id, subject, indicator, year, value_text, unit="个", un="count"):
    v = float(value_text)
    return Fact(fact_id=stable_id("f", table_id, subject, indicator, year), doc_id="d", char_start=500,
                char_end=505, quote=f"{subject} {indicator} {year}", subject=subject, indicator=indicator,
                year=year, value=v, value_text=value_text, unit=unit, value_normalized=v, unit_normalized=un,
                claim_type="level", source_kind="table", table_id=table_id)


def test_text_table_growth_and_wrong_figure():
    cells = [_cell("t-3", "甲区 总量", "孵化器(个)", 2014, "282"), _cell("t-3", "甲区 总量", "孵化器(个)", 2022, "708"),
             _cell("t-3", "甲区 均值", "孵化器(个)", 2014, "21.69"), _cell("t-3", "甲区 均值", "孵化器(个)", 2022, "54.46"),
             _cell("t-3", "乙区 总量", "成交金额(亿元)", 2014, "973.90", "亿元", "CNY"),
             _cell("t-3", "乙区 总量", "成交金额(亿元)", 2022, "8761.60", "亿元", "CNY"),
             _cell("t-3", "乙区 均值", "成交金额(亿元)", 2014, "108.21", "亿元", "CNY"),
             _cell("t-3", "乙区 均值", "成交金额(亿元)", 2022, "973.51", "亿元", "CNY")]
    text = ("2014—2022年间甲区的孵化器总量增长1.51倍。乙区方面，2014—2022年成交金额总量和均值增速迅猛"
            "（分别增长7.99倍、1.25倍）。2014—2022年丙区孵化器增长3倍。")
    doc, facts = build(text, [("1.51倍", "multiple", {}), ("7.99倍", "multiple", {}), ("1.25倍", "multiple", {}),
                              ("3倍", "multiple", {})], tables=cells)
    checks = [c for c in check_document(doc, [], [], facts, []) if c.kind == "multiple"]
    got = [(c.kind, c.verdict) for c in checks]
    assert got == [("multiple", "consistent"), ("multiple", "consistent"), ("multiple", "inconsistent"),
                   ("multiple", "unverifiable")]  # 丙区 is another region: nothing compared
    assert "truncated, not rounded" in checks[1].explanation


def test_across_documents_agree_and_disagree():
    base = dict(subject="京津冀", indicator="数字经济规模", year=2020, claim_type="level")
    _, a = build("京津冀数字经济规模为3.91万亿元。", [("3.91万亿元", "level", base)], doc_id="a")
    _, b = build("京津冀数字经济规模约3.9万亿元。", [("3.9万亿元", "level", base)], doc_id="b")
    _, c = build("京津冀数字经济规模为4.2万亿元。", [("4.2万亿元", "level", base)], doc_id="c")
    checks = check_across_documents(a + b + c)
    assert [(x.kind, x.verdict) for x in checks] == [("cross_document", "consistent"), ("cross_document", "inconsistent")]
    _, d = build("京津冀数字经济规模为5万亿元。", [("5万亿元", "level", {**base, "year": 2021})], doc_id="d")
    assert check_across_documents(a + d) == []  # another year: no comparison
    _, e = build("数字经济规模为4.2万亿元。", [("4.2万亿元", "level", base)], doc_id="e")
    assert check_across_documents(a + e) == []  # the subject is not named in the sentence: a guess


@pytest.mark.slow  # a whole-corpus or whole-process run: CI runs it, the quick loop does not
def test_gold_anchors_locate_in_corpus():
    import json
    import sys
    root = ROOT
    sys.path.insert(0, str(root / "scripts"))
    from eval_checks import locate
    lines = (root / "tests" / "gold" / "checks.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(x) for x in lines[1:] if x.strip()]
    assert len(gold) >= 40 and sum(g["verdict"] == "inconsistent" for g in gold) >= 1
    for g in gold:
        text = next((root / "corpus").glob(g["doc_id"] + ".*")).read_text(encoding="utf-8")
        span = locate(text, g["anchor"], g["surface"])
        assert span is not None, g["anchor"]
    assert locate("甲 乙\n丙 12.5%", "乙丙12.5%", "12.5%") == (6, 11)


# --- round 2: relations of bulletins and reports, explanations, never-guess cases ----------

def kinds(checks):
    return [(c.kind, c.verdict) for c in checks]


def test_explanation_is_one_sentence_with_only_the_rule_applied():
    checks = run("孵化器从77个增长至140个，增长近1倍。",
                 [("77个", "count", {}), ("140个", "count", {}), ("近1倍", "multiple", {"qualifier": "近"})])
    e = checks[0].explanation
    assert e.count(". ") == 0 and e.endswith(": inconsistent.") and "[" in e and "rounding:" not in e
    assert "140 / 77 − 1 = 0.82倍" in e and "近1倍 read as [0.9, 1]" in e and "约" not in e
    assert checks[0].tolerance is not None
    checks = run("2000—2020年，规模从36.26亿元增加到340.53亿元，年均增长率达11.85%。",
                 [("36.26亿元", "level", {}), ("340.53亿元", "level", {}), ("11.85%", "cagr", {})])
    assert checks[0].formula == "(340.53 / 36.26)^(1/20) − 1 = 11.85 %"
    assert checks[0].explanation.endswith("stated 11.85%: consistent.")


def test_pp_after_a_growth_rate_and_a_share_is_never_their_difference():
    text = "甲产业增加值增长10.2%，占工业增加值的比重为13.8%，比上年提高0.9个百分点。"
    checks = run(text, [("10.2%", "growth_rate", {}), ("13.8%", "share", {}), ("0.9个百分点", "change", {})])
    pp = [c for c in checks if c.stated_value == 0.9]
    assert [c.verdict for c in pp] in ([], ["unverifiable"]) and not any(c.verdict == "inconsistent" for c in checks)
    # a share and a growth rate compared by 高出: different measures, unverifiable
    checks = run("甲增长8.0%，占全省比重为12.0%，高出4.0个百分点。",
                 [("8.0%", "growth_rate", {}), ("12.0%", "share", {}), ("4.0个百分点", "difference", {})])
    assert kinds(checks)[-1] == ("difference", "unverifiable") and "different measures" in checks[-1].explanation


def test_pp_between_two_rates_of_another_region():
    checks = run("甲市增长7.5%，乙市增长5.3%，甲市比乙市高2.2个百分点。",
                 [("7.5%", "growth_rate", {}), ("5.3%", "growth_rate", {}), ("2.2个百分点", "difference", {})])
    assert kinds(checks)[-1] == ("difference", "consistent")
    checks = run("甲市增长7.5%，乙市增长5.3%，甲市比乙市高3.2个百分点。",
                 [("7.5%", "growth_rate", {}), ("5.3%", "growth_rate", {}), ("3.2个百分点", "difference", {})])
    assert kinds(checks)[-1] == ("difference", "inconsistent")


def test_a_difference_of_growth_rates_keeps_their_signs():
    text = "甲行业利润增长3.8%，增速比全部工业（下降4.3%）高8.1个百分点。"
    checks = run(text, [("3.8%", "growth_rate", {"direction": "up"}), ("4.3%", "growth_rate", {"direction": "down"}),
                        ("8.1个百分点", "difference", {})])
    assert [(c.formula, c.verdict) for c in checks if c.kind == "difference"] == [
        ("3.8 − (−4.3) = 8.1个百分点", "consistent")]
    # a rise from a decline: 2.4 − (−0.8)
    text = "1—10月份，私营企业利润增长2.4%，增速比1—9月份（下降0.8%）提高3.2个百分点。"
    checks = run(text, [("2.4%", "growth_rate", {"direction": "up"}), ("0.8%", "growth_rate", {"direction": "down"}),
                        ("3.2个百分点", "difference", {})])
    assert kinds(checks)[-1] == ("difference", "consistent")


def test_a_nominal_and_a_real_growth_of_one_figure_are_not_the_terms_of_a_gap():
    text = ("城镇居民收入名义增长4.9%，实际增长4.4%；农村居民收入名义增长6.8%，扣除价格因素实际增长6.0%，"
            "农村居民收入名义增速快于城镇居民1.9个百分点。")
    checks = run(text, [("4.9%", "growth_rate", {}), ("4.4%", "growth_rate", {}), ("6.8%", "growth_rate", {}),
                        ("6.0%", "growth_rate", {}), ("1.9个百分点", "difference", {})])
    assert kinds(checks)[-1] == ("difference", "unverifiable")


def test_a_level_another_is_compared_with_is_not_the_level_reported():
    # 为年初预算A的102.3%: A is a budget; the growth is of the level before it over 上年的B
    text = "全县一般公共预算收入42.1亿元，为年初预算41.2亿元的102.2%，比上年的38.7亿元增长8.8%。"
    specs = [("42.1亿元", "level", {}), ("41.2亿元", "level", {}), ("102.2%", "ratio", {}), ("38.7亿元", "level", {}),
             ("8.8%", "growth_rate", {})]
    assert [(c.formula, c.verdict) for c in run(text, specs) if c.kind == "growth"] == [
        ("42.1 / 38.7 − 1 = 8.79 %", "consistent")]
    # 恢复至2019年同期（A）的Y%，比上年同期（B）增长X%: the same with the base in brackets
    text = "假期接待游客586.2万人次，恢复至2019年同期（520.6万人次）的112.6%，比上年同期（341.9万人次）增长71.5%。"
    specs = [("586.2万人次", "count", {}), ("520.6万人次", "count", {}), ("112.6%", "ratio", {}),
             ("341.9万人次", "count", {}), ("71.5%", "growth_rate", {})]
    assert [(c.formula, c.verdict) for c in run(text, specs) if c.kind == "growth"] == [
        ("586.2 / 341.9 − 1 = 71.45 %", "consistent")]
    # a share's whole is not the budget either
    text = ("全县一般公共预算收入42.1亿元，为年初预算41.2亿元的102.2%。\n\n税收收入28.6亿元。"
            "税收收入占一般公共预算收入的比重为67.9%。")
    specs = [("42.1亿元", "level", {"indicator": "一般公共预算收入"}), ("41.2亿元", "level", {"indicator": "一般公共预算收入"}),
             ("102.2%", "ratio", {}), ("28.6亿元", "level", {"indicator": "税收收入"}), ("67.9%", "share", {})]
    assert [(c.formula, c.verdict) for c in run(text, specs) if c.kind == "share"] == [
        ("28.6 / 42.1 = 67.93 %", "consistent")]


def test_growth_from_level_and_its_change():
    checks = run("全年棉花产量120.0万吨，比上年增加6.0万吨，增长5.3%。",
                 [("120.0万吨", "level", {}), ("6.0万吨", "change", {"direction": "up"}),
                  ("5.3%", "growth_rate", {"direction": "up"})])
    assert kinds(checks) == [("growth", "consistent")]  # 6 / 114 = 5.26 %
    assert "6.0 / (120.0 − 6.0) = 5.26 %" in checks[0].formula
    checks = run("全年棉花产量120.0万吨，比上年增加6.0万吨，增长6.5%。",
                 [("120.0万吨", "level", {}), ("6.0万吨", "change", {"direction": "up"}),
                  ("6.5%", "growth_rate", {"direction": "up"})])
    assert kinds(checks) == [("growth", "inconsistent")]
    # a decrease: D / (B + D): 36 / 6604 = 0.545 %
    checks = run("年末人口6568万人，比上年末减少36万人，下降0.5%。",
                 [("6568万人", "count", {}), ("36万人", "change", {"direction": "down"}),
                  ("0.5%", "growth_rate", {"direction": "down"})])
    assert kinds(checks) == [("growth", "consistent")] and checks[0].recomputed_value < 0


def test_growth_from_previous_level_in_the_sentence_or_the_paragraph():
    checks = run("粮食产量比上年的200万吨增加到210万吨，增长5.0%。",
                 [("200万吨", "level", {}), ("210万吨", "level", {}), ("5.0%", "growth_rate", {})])
    assert kinds(checks) == [("growth", "consistent")]
    same = dict(subject="甲省", indicator="粮食产量")
    text = "2022年粮食产量200万吨。2023年粮食产量210万吨，增长6.0%。"
    checks = run(text, [("200万吨", "level", {**same, "year": 2022}), ("210万吨", "level", {**same, "year": 2023}),
                        ("6.0%", "growth_rate", {**same, "year": 2023})])
    assert kinds(checks) == [("growth", "inconsistent")]
    # another region's or another year's level is never the base
    for other in ({**same, "subject": "乙省", "year": 2022}, {**same, "year": 2020}):
        checks = run(text, [("200万吨", "level", other), ("210万吨", "level", {**same, "year": 2023}),
                            ("6.0%", "growth_rate", {**same, "year": 2023})])
        assert kinds(checks) == [("growth", "unverifiable")]


def test_shares_of_a_whole_across_sentences_and_their_sum():
    text = ("全省生产总值1000.0亿元。其中，第一产业增加值92.0亿元；第二产业增加值376.0亿元；第三产业增加值532.0亿元。"
            "三次产业增加值占生产总值的比重分别为9.2%、37.6%和53.2%。")
    whole = dict(indicator="生产总值")
    specs = [("1000.0亿元", "level", whole), ("92.0亿元", "level", {"indicator": "第一产业增加值"}),
             ("376.0亿元", "level", {"indicator": "第二产业增加值"}), ("532.0亿元", "level", {"indicator": "第三产业增加值"}),
             ("9.2%", "share", {}), ("37.6%", "share", {}), ("53.2%", "share", {})]
    checks = run(text, specs)
    # the shares sum to 100, and the whole is the sum of the three industries' levels
    assert kinds(checks) == [("share", "consistent")] * 3 + [("sum", "consistent")] * 2
    assert checks[0].formula == "92.0 / 1000.0 = 9.2 %"
    # rounding at the edge: 33.3 × 3 = 99.9 is 100 within rounding; 33.3 + 33.3 + 33.2 = 99.8 is not
    for listed, verdict in (("33.3%、33.3%和33.3%", "consistent"), ("33.3%、33.3%和33.2%", "inconsistent")):
        t = f"三类收入占总收入的比重分别为{listed}。"
        sums = [c for c in run(t, [(x, "share", {}) for x in listed.replace("和", "、").split("、")]) if c.kind == "sum"]
        assert [c.verdict for c in sums] == [verdict]
    # no count word: the listed parts may not be all of the whole, no sum check
    t = "部分产业占总量的比重分别为9.2%和37.6%。"
    assert [c for c in run(t, [("9.2%", "share", {}), ("37.6%", "share", {})]) if c.kind == "sum"] == []


def test_share_whole_inside_zhan():
    checks = run("甲地产量达到512.6万辆，占全国产量958.7万辆的53.5%。",
                 [("512.6万辆", "count", {}), ("958.7万辆", "count", {}), ("53.5%", "share", {})])
    assert kinds(checks) == [("share", "consistent")]


def test_doubling_words():
    checks = run("产值从50亿元增加到101亿元，实现翻一番。", [("50亿元", "level", {}), ("101亿元", "level", {})])
    assert kinds(checks) == [("multiple", "consistent")] and checks[0].stated_value == 2
    checks = run("产值从50亿元增加到150亿元，翻了两番。", [("50亿元", "level", {}), ("150亿元", "level", {})])
    assert kinds(checks) == [("multiple", "inconsistent")] and checks[0].stated_value == 4
    checks = run("十年间产值翻了一番。", [])
    assert kinds(checks) == [("multiple", "unverifiable")]


def _row(subject, indicator, year, value_text):
    return _cell("t-9", subject, indicator, year, value_text, "亿元", "CNY")


def test_table_average_is_total_over_the_member_count():
    cells = [_row("甲区 总量", "产值", 2014, "282"), _row("甲区 均值", "产值", 2014, "21.69"),
             _row("甲区 总量", "产值", 2022, "708"), _row("甲区 均值", "产值", 2022, "54.46"),
             _row("甲区 总量", "投资", 2022, "130"), _row("甲区 均值", "投资", 2022, "11.00")]
    doc = Document(doc_id="d", doc_path="d.md", text="表9\n" + " " * 600)
    checks = check_document(doc, [], [], cells, [])
    assert kinds(checks) == [("average", "consistent"), ("average", "consistent"), ("average", "inconsistent")]
    assert "282 / 13 = 21.692" in checks[0].formula and "n = 13" in checks[0].explanation
    # per-capita rows divide by a population, not by members: no check
    pc = [_row("甲区 总量", "产值", 2014, "282"), _row("甲区 人均", "产值", 2014, "0.5"),
          _row("甲区 总量", "产值", 2022, "708"), _row("甲区 人均", "产值", 2022, "1.2")]
    assert check_document(doc, [], [], pc, []) == []


def test_total_over_a_named_group_and_rank():
    text = ("甲省三市产量达到100.0万辆。\n\n分城市看，A市产量50.0万辆，居三市第1位；B市产量30.0万辆；C市产量20.0万辆。")
    ind = dict(indicator="产量")
    checks = run(text, [("100.0万辆", "count", {"subject": "甲省", "indicator": "三市产量"}),
                        ("50.0万辆", "count", {**ind, "subject": "A市"}),
                        ("1", "rank", {**ind, "subject": "A市"}),
                        ("30.0万辆", "count", {**ind, "subject": "B市"}),
                        ("20.0万辆", "count", {**ind, "subject": "C市"})])
    assert ("sum", "consistent") in kinds(checks) and ("rank", "consistent") in kinds(checks)


def _ranked_second(rank_clause):
    """B市 has the second largest 产量 of three; the text ranks it first by ``rank_clause``."""
    text = f"甲省三市产量达到100.0万辆。\n\n分城市看，A市产量50.0万辆；B市产量30.0万辆，增长9.0%，{rank_clause}；C市产量20.0万辆。"
    ind = dict(indicator="产量")
    return kinds(run(text, [("100.0万辆", "count", {"subject": "甲省", "indicator": "三市产量"}),
                            ("50.0万辆", "count", {**ind, "subject": "A市"}),
                            ("30.0万辆", "count", {**ind, "subject": "B市"}),
                            ("9.0%", "growth_rate", {**ind, "subject": "B市"}),
                            ("1", "rank", {**ind, "subject": "B市"}),
                            ("20.0万辆", "count", {**ind, "subject": "C市"})]))


def test_a_rank_of_growth_rates_is_not_checked_against_levels():
    assert ("rank", "inconsistent") in _ranked_second("总量居三市第1位")
    assert [k for k in _ranked_second("增速居三市第1位") if k[0] == "rank"] == []   # orders the growth rates
    # after a growth rate the rank may order either: a disagreement with the levels is not told
    assert [k for k in _ranked_second("居三市第1位") if k[0] == "rank"] == []


def test_urban_rural_ratio_and_total_vs_per_unit_average():
    text = "城镇居民人均可支配收入49243元；农村居民人均可支配收入21466元。城乡居民收入比为2.29。"
    checks = run(text, [("49243元", "level", {"indicator": "城镇居民人均可支配收入"}),
                        ("21466元", "level", {"indicator": "农村居民人均可支配收入"}), ("2.29", "ratio", {})])
    assert kinds(checks) == [("ratio", "consistent")]
    # a total and a per-unit average: the count of units is not stated, never divided
    checks = run("出口额达1283亿元，平均每辆出口单价15.6万元。",
                 [("1283亿元", "level", {}), ("15.6万", "level", {})])
    assert all(c.verdict == "unverifiable" for c in checks)


def test_money_level_change_against_constant_price_growth_is_unverifiable():
    text = "地区生产总值5000亿元，比上年增加300亿元，按可比价格计算增长4.6%。"
    checks = run(text, [("5000亿元", "level", {}), ("300亿元", "change", {"direction": "up"}),
                        ("4.6%", "growth_rate", {"direction": "up"})])
    assert kinds(checks) == [("growth", "unverifiable")] and "constant prices" in checks[0].explanation


def _trow(table_id, label, year, value_text, claim_type="level", unit="亿元", un="CNY", scale=1e8, header=None):
    v = float(value_text)
    head = header or (f"{year}年" if year else "增长(%)")
    return Fact(fact_id=stable_id("f", table_id, label, year, head), doc_id="d", char_start=900, char_end=905,
                quote=f"表9 主要指标｜{label}｜{head}", subject="", indicator=label, year=year, value=v,
                value_text=value_text, unit=unit, scale=scale, value_normalized=v * scale, unit_normalized=un,
                claim_type=claim_type, source_kind="table", table_id=table_id)


def test_text_growth_against_table_year_columns_and_growth_column():
    table = [_trow("t9", "税收收入", 2021, "200.0"), _trow("t9", "税收收入", 2022, "210.0"),
             _trow("t9", "税收收入", None, "5.0", "growth_rate", "%", "%", 1),
             _trow("t9", "进出口总额", 2021, "80.0"), _trow("t9", "进出口总额", 2022, "96.0")]
    text = "全年税收收入210.0亿元，比上年增长8.0%。进出口总额96.0亿元，增长20.0%。"
    checks = run(text, [("210.0亿元", "level", {"indicator": "税收收入", "year": 2022}),
                        ("8.0%", "growth_rate", {"indicator": "税收收入", "year": 2022}),
                        ("96.0亿元", "level", {"indicator": "进出口总额", "year": 2022}),
                        ("20.0%", "growth_rate", {"indicator": "进出口总额", "year": 2022})], tables=table)
    verdicts = {(c.stated_value, c.verdict) for c in checks}
    assert (8.0, "inconsistent") in verdicts and (20.0, "consistent") in verdicts and (5.0, "consistent") in verdicts


def test_multiples_against_table_rows_by_subject_and_years():
    table = [_trow("t2", "甲省专利授权量", 2016, "100", unit="件", un="count", scale=1),
             _trow("t2", "甲省专利授权量", 2021, "350", unit="件", un="count", scale=1),
             _trow("t2", "乙省专利授权量", 2021, "140", unit="件", un="count", scale=1)]
    text = "2021年甲省专利授权量是2016年的3.5倍，是乙省的2.5倍。"
    checks = run(text, [("3.5倍", "multiple", {"subject": "甲省", "indicator": "专利授权量", "year": 2016}),
                        ("2.5倍", "multiple", {"subject": "甲省", "indicator": "专利授权量", "year": 2021})],
                 tables=table)
    assert [(c.stated_value, c.verdict) for c in checks] == [(3.5, "consistent"), (2.5, "consistent")]


def test_cagr_years_from_the_sentence_and_doubling():
    text = "三年来，全县粮食产值由2019年的50.0亿元增加到66.6亿元，年均增长10.0%，实现翻一番。"
    checks = run(text, [("50.0亿元", "level", {"year": 2019}), ("66.6亿元", "level", {"year": 2022}),
                        ("10.0%", "cagr", {})])
    assert ("cagr", "consistent") in [(c.kind, c.verdict) for c in checks]
    assert ("multiple", "inconsistent") in [(c.kind, c.verdict) for c in checks]  # 66.6/50 = 1.33, not ×2


def test_subset_after_qizhong_is_not_a_member():
    text = "全年两地钢材产量合计50.0万吨，其中甲地30.0万吨、乙地20.0万吨；特种钢材产量8.0万吨。"
    checks = run(text, [("50.0万吨", "count", {"indicator": "钢材产量"}), ("30.0万吨", "count", {}),
                        ("20.0万吨", "count", {}), ("8.0万吨", "count", {"indicator": "特种钢材产量"})])
    sums = [c for c in checks if c.kind == "sum"]
    assert [(c.verdict, len(c.inputs)) for c in sums] == [("consistent", 2)]


def test_whole_of_three_industries_share_from_earlier_paragraph_and_per_head():
    text = ("全区生产总值1000.0亿元。\n\n第一产业增加值100.0亿元；第二产业增加值400.0亿元；第三产业增加值500.0亿元。"
            "第三产业增加值占地区生产总值的比重为50.0%。\n\n全年接待游客2000万人次，旅游收入30.0亿元，游客人均花费约150元。")
    checks = run(text, [("1000.0亿元", "level", {"indicator": "地区生产总值", "year": 2023}),
                        ("100.0亿元", "level", {"indicator": "第一产业增加值", "year": 2023}),
                        ("400.0亿元", "level", {"indicator": "第二产业增加值", "year": 2023}),
                        ("500.0亿元", "level", {"indicator": "第三产业增加值", "year": 2023}),
                        ("50.0%", "share", {"indicator": "第三产业增加值", "year": 2023}),
                        ("2000万", "count", {}), ("30.0亿元", "level", {}),
                        ("约150元", "level", {"qualifier": "约"})])
    got = {(c.kind, c.verdict) for c in checks}
    assert {("sum", "consistent"), ("share", "consistent"), ("average", "consistent")} <= got


# --- round 4: period length, sums after lists, trade balance, changes, groups, ratios -----

def _gcell(table_id, subject, indicator, year, value_text):
    v = float(value_text)
    return Fact(fact_id=stable_id("f", table_id, subject, indicator, year), doc_id="d", char_start=900,
                char_end=905, quote=f"表8 余额｜{subject}｜{year}年", subject=subject, indicator=indicator,
                year=year, value=v, value_text=value_text, unit="亿元", scale=1e8, value_normalized=v * 1e8,
                unit_normalized="CNY", claim_type="level", source_kind="table", table_id=table_id)


def test_cagr_counts_from_the_base_levels_year_not_the_plan_periods_first_year():
    text = "2011—2015年，全市财政收入由2010年的200亿元增加到2015年的300亿元，年均增长8.4%。"
    checks = run(text, [("200亿元", "level", {"year": 2010}), ("300亿元", "level", {"year": 2015}),
                        ("8.4%", "cagr", {})])
    assert kinds(checks) == [("cagr", "consistent")] and "^(1/5)" in checks[0].formula


def test_cagr_with_uncertain_period_length_is_unverifiable_not_inconsistent():
    text = "2011—2015年，全市财政收入由200亿元增加到300亿元，年均增长8.4%。"  # 4 steps → 10.7 %
    checks = run(text, [("200亿元", "level", {}), ("300亿元", "level", {}), ("8.4%", "cagr", {})])
    assert kinds(checks) == [("cagr", "unverifiable")] and "uncertain" in checks[0].explanation


def test_total_after_its_listed_parts():
    text = "甲、乙、丙三县粮食产量分别为12万吨、8万吨和5万吨，合计25万吨。"
    checks = run(text, [("12万吨", "level", {}), ("8万吨", "level", {}), ("5万吨", "level", {}),
                        ("25万吨", "level", {})])
    assert kinds(checks) == [("sum", "consistent")]
    text = text.replace("合计25", "合计22")
    checks = run(text, [("12万吨", "level", {}), ("8万吨", "level", {}), ("5万吨", "level", {}),
                        ("22万吨", "level", {})])
    assert kinds(checks) == [("sum", "inconsistent")]


def test_trade_surplus_is_exports_minus_imports():
    text = "全年出口320亿元，增长4%；进口250亿元，下降2%。贸易顺差70亿元。"
    specs = [("320亿元", "level", {"indicator": "出口"}), ("4%", "growth_rate", {"indicator": "出口"}),
             ("250亿元", "level", {"indicator": "进口"}), ("2%", "growth_rate", {"indicator": "进口"}),
             ("70亿元", "level", {"indicator": "贸易顺差"})]
    assert [k for k in kinds(run(text, specs)) if k[0] == "difference"] == [("difference", "consistent")]
    specs[-1] = ("70亿元", "level", {"indicator": "贸易逆差"})  # imports below exports: not a deficit
    assert [k for k in kinds(run(text, specs)) if k[0] == "difference"] == []


def test_change_against_last_years_table_gcell():
    table = [_gcell("t8", "", "存款余额", 2022, "900"), _gcell("t8", "", "存款余额", 2023, "960")]
    text = "年末存款余额960亿元，比上年末增加60亿元。"
    specs = [("960亿元", "level", {"indicator": "存款余额", "year": 2023}),
             ("60亿元", "change", {"indicator": "存款余额", "year": 2023, "direction": "up"})]
    assert kinds(run(text, specs, tables=table)) == [("difference", "consistent")]
    specs[1] = ("60亿元", "change", {"indicator": "存款余额", "year": 2023, "direction": "up"})
    assert kinds(run(text.replace("960亿元", "990亿元"),
                     [("990亿元", "level", {"indicator": "存款余额", "year": 2023}), specs[1]], tables=table)) == []


def test_group_total_and_mean_over_table_rows():
    table = [_gcell("t8", "甲省", "贷款余额", 2021, "300"), _gcell("t8", "乙省", "贷款余额", 2021, "100"),
             _gcell("t8", "", "贷款余额总量", 2021, "400")]
    text = "2021年，两省贷款余额总量为400亿元，两省均值为200亿元。"
    specs = [("400亿元", "level", {"indicator": "两省贷款余额总量", "year": 2021}),
             ("200亿元", "level", {"indicator": "两省均值", "year": 2021})]
    assert kinds(run(text, specs, tables=table)) == [("sum", "consistent"), ("average", "consistent")]


def test_ratio_with_the_subjects_level_in_an_earlier_sentence():
    text = "甲省风电装机达到900万千瓦，增长10%。\n\n同期乙省风电装机为300万千瓦，甲省风电装机是乙省的3倍。"
    specs = [("900万千瓦", "level", {"subject": "甲省", "indicator": "风电装机"}),
             ("10%", "growth_rate", {"subject": "甲省", "indicator": "风电装机"}),
             ("300万千瓦", "level", {"subject": "乙省", "indicator": "风电装机"}),
             ("3倍", "multiple", {"subject": "甲省", "indicator": "风电装机"})]
    assert ("multiple", "consistent") in kinds(run(text, specs))


# --- round 5: never pair unrelated figures; shares whose whole is stated earlier -------------

def test_listed_items_with_tongbi_are_not_compared():
    # 同比/环比 name no stated base: the two ；-listed items are different measures
    text = "甲乡接待游客52.4万人次，同比增长10.2%；乙乡接待游客31.6万人次，环比增长18.0%；丙乡营业额占全镇营业额的比重为27.5%。"
    checks = run(text, [("52.4万", "count", {"indicator": "甲乡接待游客"}), ("10.2%", "growth_rate", {}),
                        ("31.6万", "count", {"indicator": "乙乡接待游客"}), ("18.0%", "growth_rate", {}),
                        ("27.5%", "share", {})])
    assert not [c for c in checks if c.verdict != "unverifiable"]


def test_revenue_and_profit_growth_not_compared():
    text = "某公司上半年营业收入8.40亿元，同比增长12.0%；净利润0.95亿元，同比增长6.1%。"
    checks = run(text, [("8.40亿元", "level", {"indicator": "营业收入"}), ("12.0%", "growth_rate", {}),
                        ("0.95亿元", "level", {"indicator": "净利润"}), ("6.1%", "growth_rate", {})])
    assert all(c.verdict == "unverifiable" for c in checks)


def test_doubling_with_later_level_written_first():
    text = "2022年，全市外贸总额3.30万亿元，与2012年的0.81万亿元相比实现翻两番。"
    # the parser may give both levels the sentence's year: 2012年的 right before the figure decides
    checks = run(text, [("3.30万亿元", "level", {"year": 2022}), ("0.81万亿元", "level", {"year": 2022})])
    doubling = [c for c in checks if c.kind == "multiple"]
    assert [c.verdict for c in doubling] == ["consistent"]
    assert doubling[0].recomputed_value == __import__("pytest").approx(3.30 / 0.81, rel=1e-6)


def test_share_of_earlier_total_named_with_measure_word():
    text = ("年末全市各项贷款余额3.20万亿元，同比增长9.0%。绿色贷款余额2560亿元，同比增长30.1%，"
            "占各项贷款的比重为8.0%。")
    checks = run(text, [("3.20万亿元", "level", {"indicator": "各项贷款余额", "year": 2023}),
                        ("9.0%", "growth_rate", {}),
                        ("2560亿元", "level", {"indicator": "绿色贷款余额", "year": 2023}),
                        ("30.1%", "growth_rate", {}), ("8.0%", "share", {"year": 2023})])
    share = [c for c in checks if c.kind == "share"]
    assert [c.verdict for c in share] == ["consistent"]
    assert share[0].recomputed_value == __import__("pytest").approx(8.0, abs=0.01)


def test_share_of_increment_skips_stated_change():
    text = "全年社会融资规模增量6400亿元，比上年多增300亿元。其中，人民币贷款增加4000亿元，占同期社会融资规模增量的62.5%。"
    checks = run(text, [("6400亿元", "level", {"indicator": "社会融资规模增量", "year": 2023}),
                        ("300亿元", "level", {"indicator": "社会融资规模增量", "year": 2023}),
                        ("4000亿元", "change", {"indicator": "人民币贷款", "year": 2023}),
                        ("62.5%", "share", {"year": 2023})])
    share = [c for c in checks if c.kind == "share"]
    assert [(c.verdict, round(c.recomputed_value, 2)) for c in share] == [("consistent", 62.5)]


def test_share_whole_in_brackets_part_in_earlier_sentence():
    text = "全省地区生产总值由2013年的2.10万亿元增加到2023年的4.00万亿元。2023年，全省地区生产总值占全国（126.06万亿元）的3.2%。"
    checks = run(text, [("2.10万亿元", "level", {"indicator": "地区生产总值", "year": 2023}),
                        ("4.00万亿元", "level", {"indicator": "地区生产总值", "year": 2023}),
                        ("126.06万亿元", "level", {"indicator": "地区生产总值", "year": 2023}),
                        ("3.2%", "share", {"year": 2023})])
    share = [c for c in checks if c.kind == "share"]
    assert [c.verdict for c in share] == ["consistent"]
    assert share[0].recomputed_value == __import__("pytest").approx(400 / 126.06, rel=1e-6)


def test_per_unit_average_needs_count_in_same_classifier():
    text = "前三季度，全镇快递业务量完成4000件，快递业务收入30000元，平均每件快递收入约7.5元。"
    specs = [("4000件", "count", {}), ("30000元", "level", {}), ("约7.5元", "level", {"qualifier": "约"})]
    avg = [c for c in run(text, specs) if c.kind == "average"]
    assert [(c.verdict, round(c.recomputed_value, 2)) for c in avg] == [("consistent", 7.5)]
    # never guess: the count is in 万吨, not 件 — no per-件 average can be formed
    text2 = text.replace("4000件", "0.4万吨")
    specs2 = [("0.4万吨", "count", {})] + specs[1:]
    assert not [c for c in run(text2, specs2) if c.kind == "average"]


def test_total_broken_down_in_next_sentence_sums():
    text = ("全年全市商品销售总额80.00亿元，比上年增长5.0%。按地域分，城区商品销售额55.50亿元，增长4.0%；"
            "郊区商品销售额24.50亿元，增长7.0%。")
    specs = [("80.00亿元", "level", {"indicator": "商品销售总额"}), ("5.0%", "growth_rate", {}),
             ("55.50亿元", "level", {"indicator": "城区商品销售额"}), ("4.0%", "growth_rate", {}),
             ("24.50亿元", "level", {"indicator": "郊区商品销售额"}), ("7.0%", "growth_rate", {})]
    sums = [c for c in run(text, specs) if c.kind == "sum"]
    assert [(c.verdict, c.recomputed_value) for c in sums] == [("consistent", 80.0)]
    # never guess: without a '按…分 / 分…看' opening the next sentence may list only some parts
    text2 = text.replace("按地域分，", "此外，")
    assert not [c for c in run(text2, specs) if c.kind == "sum"]


def test_share_of_a_group_total_stated_earlier():
    text = ("五市地区生产总值由2013年的5.00万亿元增加到2023年的10.00万亿元。"
            "2023年，甲市、乙市地区生产总值分别为3.00万亿元和2.00万亿元，两市合计5.00万亿元，占五市总量的50.0%。"
            "其中，甲市占五市总量的30.0%。")
    specs = [("5.00万亿元", "level", {"indicator": "地区生产总值", "year": 2013}),
             ("10.00万亿元", "level", {"indicator": "地区生产总值", "year": 2023}),
             ("3.00万亿元", "level", {"indicator": "地区生产总值", "subject": "甲市", "year": 2023}),
             ("2.00万亿元", "level", {"indicator": "地区生产总值", "subject": "乙市", "year": 2023}),
             ("5.00万亿元", "level", {"indicator": "地区生产总值", "subject": "甲市、乙市", "year": 2023}),
             ("50.0%", "share", {"subject": "甲市、乙市", "year": 2023}),
             ("30.0%", "share", {"subject": "甲市", "year": 2023})]
    share = sorted((c.stated_value, c.verdict, round(c.recomputed_value, 1)) for c in run(text, specs)
                   if c.kind == "share")
    assert share == [(30.0, "consistent", 30.0), (50.0, "consistent", 50.0)]
    # never guess: the group's total was never stated
    text2 = text.replace("五市地区生产总值由2013年的5.00万亿元增加到2023年的10.00万亿元。", "五市发展较快。")
    assert not [c for c in run(text2, specs[2:]) if c.kind == "share" and c.verdict != "unverifiable"]


def test_structure_ratio_members_are_shares_of_the_whole():
    text = ("全年地区生产总值200.00亿元。其中，第一产业增加值20.00亿元；第二产业增加值80.00亿元；"
            "第三产业增加值100.00亿元。三次产业结构为10.0∶40.0∶50.0。")
    specs = [("200.00亿元", "level", {"indicator": "地区生产总值"}),
             ("20.00亿元", "level", {"indicator": "第一产业增加值"}),
             ("80.00亿元", "level", {"indicator": "第二产业增加值"}),
             ("100.00亿元", "level", {"indicator": "第三产业增加值"}),
             ("10.0", "ratio", {}), ("40.0", "ratio", {}), ("50.0", "ratio", {})]
    share = [(c.stated_value, c.verdict) for c in run(text, specs) if c.kind == "share"]
    assert share == [(10.0, "consistent"), (40.0, "consistent"), (50.0, "consistent")]
    # never guess: members that do not add up to 100 are not percentages of the whole
    text2 = text.replace("10.0∶40.0∶50.0", "1.0∶4.0∶5.0")
    specs2 = specs[:4] + [("1.0", "ratio", {}), ("4.0", "ratio", {}), ("5.0", "ratio", {})]
    assert not [c for c in run(text2, specs2) if c.kind == "share"]


# --- round 8: lists, subsets, comparison bases, exhaustive names --------------------------------

def _verdicts(checks, kind):
    return sorted((c.formula, c.verdict) for c in checks if c.kind == kind)


def test_listed_shares_pair_each_share_with_its_own_part_over_their_sum():
    checks = run("甲、乙和丙三类产品销售额分别为50.0亿元、30.0亿元和20.0亿元，占比分别为50.0%、30.0%和20.0%。",
                 [("50.0亿元", "level", {}), ("30.0亿元", "level", {}), ("20.0亿元", "level", {}),
                  ("50.0%", "share", {}), ("30.0%", "share", {}), ("20.0%", "share", {})])
    shares = [c for c in checks if c.kind == "share"]
    assert len(shares) == 3 and {c.verdict for c in shares} == {"consistent"}
    assert sorted(round(c.recomputed_value, 1) for c in shares) == [20.0, 30.0, 50.0]


def test_listed_shares_never_use_a_sibling_as_the_whole():
    # shares that do not add up to 100 %: the whole is not the listed parts, and it is not stated
    checks = run("甲、乙和丙销售额分别为50.0亿元、30.0亿元和20.0亿元，占比分别为25.0%、15.0%和10.0%。",
                 [("50.0亿元", "level", {}), ("30.0亿元", "level", {}), ("20.0亿元", "level", {}),
                  ("25.0%", "share", {}), ("15.0%", "share", {}), ("10.0%", "share", {})])
    assert all(c.verdict == "unverifiable" for c in checks if c.kind == "share")


def test_share_of_a_list_total_never_borrows_two_list_members():
    checks = run("对甲、乙和丙的出口额分别为80.0亿元、60.0亿元和40.0亿元，合计占全部出口额的45.0%。",
                 [("80.0亿元", "level", {}), ("60.0亿元", "level", {}), ("40.0亿元", "level", {}),
                  ("45.0%", "share", {})])
    assert all(c.verdict == "unverifiable" for c in checks if c.kind == "share")


def test_rate_after_qizhong_is_a_subsets_not_the_from_to_pair():
    checks = run("各地指数平均值由2015年的200.0提高到2022年的300.0，其中甲地指数增幅为80.0%，乙地比丙地高出20.00。",
                 [("200.0", "level", {}), ("300.0", "level", {}), ("80.0%", "growth_rate", {}),
                  ("20.00", "difference", {})])
    assert not [c for c in checks if c.verdict == "inconsistent"]
    assert not [c for c in checks if c.kind in ("growth", "difference") and c.inputs]


def test_comparison_base_is_not_a_total_of_the_next_breakdown():
    checks = run("全年执行额900.0亿元。与2019年的450.0亿元相比，实现翻一番。从业务结构看，甲类执行额500.0亿元、"
                 "乙类执行额300.0亿元、丙类执行额100.0亿元。",
                 [("900.0亿元", "level", {}), ("450.0亿元", "level", {"indicator": "执行额"}),
                  ("500.0亿元", "level", {"indicator": "甲类执行额"}), ("300.0亿元", "level", {"indicator": "乙类执行额"}),
                  ("100.0亿元", "level", {"indicator": "丙类执行额"})])
    assert not [c for c in checks if c.kind == "sum" and c.stated_value == 450.0]


def test_total_of_exhaustive_named_parts_in_the_next_sentence():
    text = "全年货物进出口总额500.0亿元，比上年增长5.0%。其中，出口总额200.0亿元，增长3.0%；进口总额290.0亿元，增长6.0%。"
    specs = [("500.0亿元", "level", {"indicator": "货物进出口总额"}), ("5.0%", "growth_rate", {}),
             ("200.0亿元", "level", {"indicator": "出口总额"}), ("3.0%", "growth_rate", {}),
             ("290.0亿元", "level", {"indicator": "进口总额"}), ("6.0%", "growth_rate", {})]
    assert _verdicts(run(text, specs), "sum") == [("200.0 + 290.0 = 490亿元", "inconsistent")]
    fixed = [(s.replace("290.0", "300.0"), ct, x) for s, ct, x in specs]
    assert _verdicts(run(text.replace("290.0", "300.0"), fixed), "sum") == [("200.0 + 300.0 = 500亿元", "consistent")]


def test_exhaustive_names_never_sum_averages_or_incomplete_sets():
    per_head = run("居民人均可支配收入25000元。其中，城镇居民人均可支配收入40000元；农村居民人均可支配收入15000元。",
                   [("25000元", "level", {"indicator": "居民人均可支配收入"}),
                    ("40000元", "level", {"indicator": "城镇居民人均可支配收入"}),
                    ("15000元", "level", {"indicator": "农村居民人均可支配收入"})])
    assert not [c for c in per_head if c.kind == "sum"]
    extra = run("粮食总产量1300.0亿元。其中，夏粮产量300.0亿元；早稻产量100.0亿元；秋粮产量800.0亿元；薯类产量50.0亿元。",
                [("1300.0亿元", "level", {"indicator": "粮食总产量"}), ("300.0亿元", "level", {"indicator": "夏粮产量"}),
                 ("100.0亿元", "level", {"indicator": "早稻产量"}), ("800.0亿元", "level", {"indicator": "秋粮产量"}),
                 ("50.0亿元", "level", {"indicator": "薯类产量"})])
    assert not [c for c in extra if c.kind == "sum" and c.verdict != "unverifiable"]


def test_a_pp_difference_never_reaches_a_rate_after_a_semicolon():
    text = "青年群体占比53.5%，全国同年龄段占比仅有43.4%；其中25—29岁占比高达17.3%，高于全国该年龄段占比3个百分点。"
    checks = run(text, [("53.5%", "share", {}), ("43.4%", "share", {}), ("17.3%", "share", {}),
                        ("3个百分点", "difference", {})])
    assert not [c for c in checks if c.kind == "difference" and c.verdict != "unverifiable"]


def test_a_figure_whose_subject_is_carried_over_is_not_compared_across_documents():
    a = build("浙江省一般公共预算收入8865亿元，跃居全国第3位。", [("8865亿元", "level", {"year": 2025})], doc_id="a")[1]
    b = build("全国一般公共预算收入3826.5亿元。", [("3826.5亿元", "level", {"year": 2025})], doc_id="b")[1]
    for f in a + b:
        f.subject_key, f.indicator_key, f.subject_rule = "全国", "一般公共预算收入", "carried_subject"
    assert check_across_documents(a + b) == []


def test_pp_change_of_a_from_to_pair_and_its_yearly_average():
    text = "全市城镇化率从2015年的近50%提高到2020年的56.0%，五年提高6.1个百分点，平均每年提高1.2个百分点。"
    specs = [("近50%", "share", {"qualifier": "近"}), ("56.0%", "share", {}), ("6.1个百分点", "difference", {}),
             ("1.2个百分点", "difference", {})]
    assert _verdicts(run(text, specs), "difference") == [("(56.0 − 50) / 5 = 1.2个百分点", "consistent"),
                                                          ("56.0 − 50 = 6个百分点", "consistent")]
    wrong = text.replace("56.0%", "66.0%")
    specs[1] = ("66.0%", "share", {})
    assert [v for _, v in _verdicts(run(wrong, specs), "difference")] == ["inconsistent", "inconsistent"]


def test_a_total_in_another_scale_than_its_parts():
    checks = run("全年进出口1.20万亿元，其中出口7000亿元，进口5000亿元。",
                 [("1.20万亿元", "level", {"indicator": "进出口"}), ("7000亿元", "level", {"indicator": "出口"}),
                  ("5000亿元", "level", {"indicator": "进口"})])
    assert [(c.kind, c.verdict) for c in checks if c.kind == "sum"] == [("sum", "consistent")]


def test_a_growth_between_a_from_level_and_a_bare_scale_level():
    checks = run("城镇登记失业人员由1993年的420万人升至1998年的620万，增长47.6%。",
                 [("420万人", "count", {}), ("620万", "count", {}), ("47.6%", "growth_rate", {})])
    assert [(c.kind, c.verdict) for c in checks] == [("growth", "consistent")]


def test_a_whole_number_of_things_is_exact():
    from tests.verify.pipeline_text import verdicts

    text = "一季度，27个省份全部达到两位数增长，其中8个省份增速超过全国平均水平，占比超过三成。"
    assert verdicts(text, "三成", "share") == ["inconsistent"]  # 8/27 = 29.6 % is not over 30 %
    assert verdicts(text.replace("8个省份", "9个省份"), "三成", "share") == ["consistent"]


def test_a_share_of_counted_things_takes_a_part_of_the_same_classifier():
    from tests.verify.pipeline_text import verdicts

    text = "有139户企业经济效益综合指数在150以上，主要集中在电子、烟草等14个行业，占483户工业企业的28.8%。"
    assert verdicts(text, "28.8%", "share") == ["consistent"]


def test_structure_ratio_finds_its_whole_in_the_paragraph_before():
    text = ("全年地区生产总值200.00亿元。其中，第一产业增加值20.00亿元；第二产业增加值80.00亿元；"
            "第三产业增加值100.00亿元。\n产业结构继续优化。三次产业的比例为10.0∶40.0∶50.0。")
    specs = [("200.00亿元", "level", {"indicator": "地区生产总值"}),
             ("20.00亿元", "level", {"indicator": "第一产业增加值"}),
             ("80.00亿元", "level", {"indicator": "第二产业增加值"}),
             ("100.00亿元", "level", {"indicator": "第三产业增加值"}),
             ("10.0", "ratio", {}), ("40.0", "ratio", {}), ("50.0", "ratio", {})]
    share = [(c.stated_value, c.verdict, round(c.recomputed_value, 1)) for c in run(text, specs) if c.kind == "share"]
    assert share == [(10.0, "consistent", 10.0), (40.0, "consistent", 40.0), (50.0, "consistent", 50.0)]
    # never further: a whole two paragraphs back is not the ratio's
    text2 = text.replace("\n产业结构继续优化。", "\n产业结构继续优化。\n工业平稳增长。")
    assert not [c for c in run(text2, specs) if c.kind == "share"]


def test_a_structure_ratio_off_its_whole_in_the_paragraph_before_is_not_accused():
    # the ratio may be of another measure (就业结构 after GDP's industries): only agreement tells
    text = ("全年地区生产总值200.00亿元。其中，第一产业增加值20.00亿元；第二产业增加值80.00亿元；"
            "第三产业增加值100.00亿元。\n就业结构继续优化。三次产业从业人员的比例为20.0∶30.0∶50.0。")
    specs = [("200.00亿元", "level", {"indicator": "地区生产总值"}),
             ("20.00亿元", "level", {"indicator": "第一产业增加值"}),
             ("80.00亿元", "level", {"indicator": "第二产业增加值"}),
             ("100.00亿元", "level", {"indicator": "第三产业增加值"}),
             ("20.0", "ratio", {}), ("30.0", "ratio", {}), ("50.0", "ratio", {})]
    share = [(c.stated_value, c.verdict) for c in run(text, specs) if c.kind == "share"]
    assert share == [(20.0, "unverifiable"), (30.0, "unverifiable"), (50.0, "consistent")]


def test_a_document_in_traditional_characters_is_checked_as_its_simplified_rendering():
    """The checks look for simplified words (其中, 合计, 比上年增长); a traditional document is read
    through kb.text.script, one character for one, so the same figures are checked the same way."""
    from tests.verify.pipeline_text import verdicts

    simplified = ("2023年甲市地区生产总值1000亿元，比上年增长8.0%。其中，第一产业增加值100亿元，第二产业增加值400亿元，"
                  "第三产业增加值500亿元。2022年甲市地区生产总值925.9亿元。")
    traditional = ("2023年甲市地區生產總值1000億元，比上年增長8.0%。其中，第一產業增加值100億元，第二產業增加值400億元，"
                   "第三產業增加值500億元。2022年甲市地區生產總值925.9億元。")
    assert verdicts(traditional, "1000億元", "sum") == verdicts(simplified, "1000亿元", "sum") == ["consistent"]
    # growth of GDP is real, its levels nominal: unverifiable in either script
    assert verdicts(traditional, "8.0%") == verdicts(simplified, "8.0%") == ["unverifiable"]


def test_streamed_cross_document_checks_are_the_checks_in_their_order():
    """stream_across_documents (the whole-store ingest) gives check_across_documents' checks, in
    its order, whatever the order of the facts and the size of a batch read again."""
    from kb.verify import stream_across_documents

    base = dict(subject="京津冀", indicator="数字经济规模", year=2020, claim_type="level")
    other = {**base, "indicator": "数字产业化规模"}
    facts = []
    for doc, text, figures in [
            ("a", "京津冀数字经济规模为3.91万亿元，数字产业化规模为1.2万亿元。", ("3.91万亿元", "1.2万亿元")),
            ("b", "京津冀数字经济规模约3.9万亿元，数字产业化规模为1.5万亿元。", ("3.9万亿元", "1.5万亿元")),
            ("c", "京津冀数字经济规模为4.2万亿元。京津冀数字经济规模为3.91万亿元。", ("4.2万亿元", "3.91万亿元")),
            ("d", "京津冀数字产业化规模为1.2万亿元。", ("1.2万亿元",))]:
        specs = [(f, "level", base if "经济" in text[:text.index(f)][-8:] else other) for f in figures]
        facts += build(text, specs, doc_id=doc)[1]
    first_c = next(f for f in facts if f.doc_id == "c")
    # a second fact at the same place of c: the one given first is compared
    facts.append(first_c.model_copy(update={"fact_id": "f-tie", "value": 3.0, "value_text": "3.0",
                                            "value_normalized": 3.0 * first_c.scale}))
    by_id = {f.fact_id: f for f in facts}
    for order in (facts, facts[::-1], sorted(facts, key=lambda f: f.fact_id)):
        expected = check_across_documents(order)
        assert len(expected) == 4
        for batch in (1, 2, 2000):
            asked: list[list[str]] = []
            fetch = (lambda ids, asked=asked: asked.append(ids) or {i: by_id[i] for i in ids})
            assert list(stream_across_documents(iter(order), fetch, batch=batch)) == expected
            assert all(len(ids) <= max(batch, 3) for ids in asked)   # a group is read whole


def test_an_inconsistent_check_resting_on_a_wrong_input_points_at_it():
    from kb.models import Check, Fact
    from kb.verify.checks import upstream_named

    level = Fact(fact_id="fL", doc_id="d", char_start=0, char_end=9, quote="", value=2413.5, value_text="2413.5",
                 unit="亿元", scale=1e8, value_normalized=2413.5e8, unit_normalized="CNY", claim_type="level")
    total = Check(check_id="c1", kind="sum", doc_id="d", stated_fact_id="fL", inputs=["t1", "t2"], formula="Σ = 20955.7",
                  verdict="inconsistent", explanation="sum: inconsistent.")
    share = Check(check_id="c2", kind="share", doc_id="d", stated_fact_id="fS", inputs=["fL", "fW"],
                  formula="2413.5 / 29855 = 8.08 %", verdict="inconsistent", explanation="share: inconsistent.")
    shown = upstream_named([total, share], {"fL": level})
    assert [c.verdict for c in shown] == ["inconsistent", "inconsistent"]
    assert shown[0].explanation == "sum: inconsistent."
    assert shown[1].explanation == ("share: inconsistent. Its input 2413.5亿元 is itself inconsistent with other figures "
                                    "(Σ = 20955.7): the error more likely lies there than in the stated figure.")
    # two checks resting on each other's figures: neither is the other's cause
    mutual = total.model_copy(update={"inputs": ["fS"]})
    assert [c.explanation for c in upstream_named([mutual, share], {"fL": level})] == \
        ["sum: inconsistent.", "share: inconsistent."]
