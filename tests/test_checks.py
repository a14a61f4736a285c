"""check_document / check_across_documents on sentences of our own and of the corpus."""

from kb.checks import check_across_documents, check_document
from kb.models import Document, Fact, stable_id

UNITS = {"亿元": ("CNY", 1e8), "万亿元": ("CNY", 1e12), "个": ("count", 1), "倍": ("times", 1),
         "%": ("%", 1), "个百分点": ("pp", 1), "万": ("count", 1e4), "": ("score", 1), "件": ("count", 1)}


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
    facts += list(tables)
    return Document(doc_id=doc_id, doc_path=f"{doc_id}.md", text=text), facts


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
    checks = check_document(doc, [], [], facts, [])
    got = [(c.kind, c.verdict) for c in checks]
    assert got == [("multiple", "consistent"), ("multiple", "consistent"), ("multiple", "inconsistent"),
                   ("multiple", "unverifiable")]  # 丙区 is another region: nothing compared
    assert "truncated, not rounded" in checks[1].explanation


def test_across_documents_agree_and_disagree():
    base = dict(subject="京津冀", indicator="数字经济规模", year=2020, claim_type="level")
    _, a = build("规模为3.91万亿元。", [("3.91万亿元", "level", base)], doc_id="a")
    _, b = build("规模约3.9万亿元。", [("3.9万亿元", "level", base)], doc_id="b")
    _, c = build("规模为4.2万亿元。", [("4.2万亿元", "level", base)], doc_id="c")
    checks = check_across_documents(a + b + c)
    assert [(x.kind, x.verdict) for x in checks] == [("cross_document", "consistent"), ("cross_document", "inconsistent")]
    _, d = build("规模为5万亿元。", [("5万亿元", "level", {**base, "year": 2021})], doc_id="d")
    assert check_across_documents(a + d) == []  # another year: no comparison


def test_gold_anchors_locate_in_corpus():
    import json
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
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
