"""Tests of kb.figures.facts: validated text facts, table passages skipped, claims parsed the same way."""

import logging

from kb.figures.facts import extract_facts, facts_from_text, is_table_passage
from kb.models import Document, Passage, Sentence, stable_id


def _doc(paragraphs, title="", sections=None):
    """A Document with one passage per paragraph and one sentence per 。-ended piece."""
    text = "\n\n".join(paragraphs)
    doc = Document(doc_id="d", doc_path="d.txt", title=title, text=text)
    passages, sentences, pos = [], [], 0
    for i, para in enumerate(paragraphs):
        start = text.index(para, pos)
        pos = start + len(para)
        pid = stable_id("p", "d", start)
        passages.append(Passage(passage_id=pid, doc_id="d", ordinal=i, start=start, end=pos, text=para,
                                section=(sections or {}).get(i, "")))
        s_start = start
        for piece in para.split("。"):
            if not piece:
                continue
            end = s_start + len(piece) + (1 if text[s_start + len(piece):s_start + len(piece) + 1] == "。" else 0)
            sentences.append(Sentence(sentence_id=stable_id("s", "d", s_start), doc_id="d", passage_id=pid,
                                      ordinal=len(sentences), start=s_start, end=end, text=text[s_start:end]))
            s_start = end
    return doc, passages, sentences


def test_extract_facts_fields_offsets_and_ids(tokenizer):
    doc, ps, ss = _doc(["初步核算，2023年全省地区生产总值50012.85亿元，比上年增长4.6%。"],
                       title="湖南省2023年国民经济和社会发展统计公报")
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert [f.value for f in facts] == [50012.85, 4.6]
    gdp, growth = facts
    assert doc.text[gdp.char_start:gdp.char_end] == "50012.85亿元"
    assert (gdp.subject, gdp.indicator, gdp.year, gdp.claim_type) == ("湖南", "地区生产总值", 2023, "level")
    assert (growth.claim_type, growth.direction, growth.subject) == ("growth_rate", "up", "湖南")
    assert gdp.quote == ss[0].text and gdp.passage_id == ps[0].passage_id and gdp.doc_path == "d.txt"
    assert gdp.value_normalized == 50012.85e8 and gdp.unit_normalized == "CNY"
    assert extract_facts(doc, ps, ss, tokenizer)[0].fact_id == gdp.fact_id      # stable


def test_table_passages_and_formulas_are_skipped(tokenizer):
    doc, ps, ss = _doc(["北京\t37420.00\t1530.70", "协同度为0.63，根据 $D = 2 x + 3$ 计算。"],
                       sections={0: "一、现状 › 表1 2022年京津冀科技创新总体情况"})
    assert is_table_passage(ps[0])
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert [f.value for f in facts] == [0.63]


def test_section_caption_marks_a_table_passage():
    p = Passage(passage_id="p", doc_id="d", ordinal=0, section="二、 › 表3 京津冀科技中介", start=0, end=4, text="总量 282")
    assert is_table_passage(p)
    assert not is_table_passage(p.model_copy(update={"section": "二、发展现状"}))


def test_rejected_candidate_is_logged_not_stored(caplog, tokenizer):
    doc, ps, ss = _doc(["该省份额占比达到120%。"])
    with caplog.at_level(logging.INFO, logger="kb.figures.facts"):
        facts = extract_facts(doc, ps, ss, tokenizer)
    assert facts == []
    assert "rejected" in caplog.text and "outside 0–100" in caplog.text


def test_subject_carries_within_a_paragraph_year_within_a_section(tokenizer):
    doc, ps, ss = _doc(["2023年，河南省粮食总产量1324.9亿斤。其中夏粮产量710.6亿斤。", "夏粮产量710.6亿斤。",
                        "秋粮产量614.3亿斤。"], sections={2: "二、农业"})
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert [(f.subject, f.year) for f in facts] == [("河南", 2023), ("河南", 2023), ("", 2023), ("", None)]


def test_facts_from_text_for_claims(tokenizer):
    facts = facts_from_text("2020年京津冀城市群的数字经济规模为3.91万亿元", tokenizer)
    (f,) = facts
    assert (f.doc_id, f.subject, f.indicator, f.year, f.value_normalized) == ("claim", "京津冀", "数字经济规模", 2020, 3.91e12)
    assert facts_from_text("北京、天津分别增长5.22倍和3.76倍。", tokenizer)[1].subject == "天津"


def test_corpus_sentence_end_to_end(tokenizer):
    sentence = ("国家统计局数据显示，2022年京津冀地区电子商务交易额达4.76万亿元，相较于2014年增长约277.78%，"
                "占同年全国（未含港澳台地区，下同）电子商务总交易额的10.85%。")
    level, growth, share = facts_from_text(sentence, tokenizer)
    assert (level.subject, level.indicator, level.year) == ("京津冀", "电子商务交易额", 2022)
    assert (growth.claim_type, growth.qualifier, growth.period_start, growth.period_end) == ("growth_rate", "约", 2014, 2022)
    assert (share.claim_type, share.subject, share.indicator) == ("share", "京津冀", "电子商务交易额")


def test_heading_figures_attach_to_the_next_passage(tokenizer):
    from kb.models import Block
    heading = "珠三角工业机器人产量首次突破20万套"
    body = "记者从省工信厅获悉，2023年珠三角工业机器人产量达到21.3万套，增长18.2%。"
    number = "2. 产业协作有待加强"
    text = f"{heading}\n\n{body}\n\n{number}\n\n另一段。"
    doc = Document(doc_id="d", doc_path="d.md", title="", date="2024-02-01", text=text, blocks=[
        Block(kind="heading", start=0, end=len(heading), level=1),
        Block(kind="heading", start=text.index(number), end=text.index(number) + len(number), level=2)])
    start = text.index(body)
    ps = [Passage(passage_id="p1", doc_id="d", ordinal=0, start=start, end=start + len(body), text=body)]
    ss = [Sentence(sentence_id="s1", doc_id="d", passage_id="p1", ordinal=0, start=start,
                   end=start + len(body), text=body)]
    facts = extract_facts(doc, ps, ss, tokenizer)
    head = facts[0]
    assert (head.value_normalized, head.passage_id, head.quote) == (200000.0, "p1", heading)
    assert (head.subject, head.year) == ("珠三角", 2023)
    assert text[head.char_start:head.char_end] == "20万套"
    assert [f.value for f in facts[1:]] == [21.3, 18.2]   # the numbered heading gives no figure


def test_document_place_falls_back_to_the_publisher():
    from kb.figures.facts import document_carry
    doc = Document(doc_id="d", doc_path="d.txt", title="政府工作报告", publisher="绍兴市人民政府",
                   date="2024-01-12", text="x")
    carry = document_carry(doc)
    assert (carry.subject, carry.ref_year) == ("绍兴", 2024)


def test_a_part_of_a_year_stays_in_its_paragraph_and_pairs_carry_over(tokenizer):
    doc, ps, ss = _doc(["2023年苏锡两地外贸进出口额5000亿元。",
                        "2024年国庆假期，两地共接待游客300万人次。",
                        "两地常住人口出生率为5.8‰。"], title="苏锡两地经济观察")
    facts = {f.value_text + f.unit: f for f in extract_facts(doc, ps, ss, tokenizer)}
    assert (facts["300万人次"].year, facts["300万人次"].subject) == (2024, "苏锡")
    birth = facts["5.8‰"]
    assert (birth.year, birth.subject, birth.claim_type) == (2023, "苏锡", "share")


def test_report_year_is_the_year_before_a_dated_report():
    from kb.figures.facts import document_carry
    doc = Document(doc_id="d", doc_path="d.txt", title="政府工作报告", publisher="某省人民政府",
                   date="2024-01-12", text="x")
    assert document_carry(doc).report_year == 2023
    titled = Document(doc_id="d", doc_path="d.txt", title="湖南省2023年国民经济和社会发展统计公报", text="x")
    assert (document_carry(titled).report_year, document_carry(titled).subject) == (2023, "湖南")


def test_a_title_dated_by_its_issue_day_keeps_the_year_it_reports_on():
    from kb.figures.facts import document_carry
    doc = Document(doc_id="d", doc_path="d.txt", text="x",
                   title="临川市统计局关于2011年临川市国民经济和社会发展的统计公报（2012年3月20日）")
    carry = document_carry(doc)
    assert (carry.year, carry.report_year, carry.ref_year) == (2011, 2011, 2012)


def test_national_document_defaults_subject_to_the_nation_in_every_section(tokenizer):
    doc, ps, ss = _doc(["年末就业人员7亿人。", "全年粮食产量6.9亿吨，比上年增长1.6%。"],
                       title="中华人民共和国2030年国民经济和社会发展统计公报",
                       sections={0: "一、就业", 1: "二、农业"})
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert [f.subject for f in facts] == ["全国", "全国", "全国"]
    assert {f.year for f in facts} == {2030}


def test_work_report_title_year_is_delivery_year_and_heading_year_rules_its_section(tokenizer):
    doc, ps, ss = _doc(["工业投资增长8.5%。", "地区生产总值增长6%左右。"],
                       title="2031年某某市政府工作报告",
                       sections={0: "一、2030年工作回顾 › （一）经济", 1: "二、2031年主要预期目标"})
    review, target = extract_facts(doc, ps, ss, tokenizer)
    assert (review.year, target.year) == (2030, 2031)
    doc2, ps2, ss2 = _doc(["工业投资增长8.5%。"], title="2031年某某市政府工作报告")
    assert extract_facts(doc2, ps2, ss2, tokenizer)[0].year == 2030


def test_total_over_listed_cities_takes_the_region_named_by_the_heading(tokenizer):
    doc, ps, ss = _doc(["广州、佛山两市工业增加值分别为100亿元和80亿元，合计180亿元。"],
                       sections={0: "（二）广州都市圈建设"})
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert [f.subject for f in facts] == ["广州", "佛山", "广州都市圈"]


def test_an_unlisted_county_in_the_title_is_every_figure_s_subject(tokenizer):
    doc, ps, ss = _doc(["全年全县地区生产总值120亿元，比上年增长5%。", "年末全县户籍人口30万人。"],
                       title="青溪县2023年国民经济和社会发展统计公报")
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert {f.subject for f in facts} == {"青溪"}
    assert {f.year for f in facts} == {2023}


def test_company_annual_report_subject_is_the_company_short_name():
    from kb.figures.facts import company_of_report
    assert company_of_report("青松电子股份有限公司2023年年度报告") == "青松"
    assert company_of_report("某省2023年国民经济和社会发展统计公报") == ""


def test_a_paragraph_opening_on_five_years_reviews_them_until_a_year_is_stated(tokenizer):
    doc, ps, ss = _doc(["过去五年，我们坚定推进改革开放。", "城镇新增就业52.3万人，外贸进出口年均增长9.1%。",
                        "2025年，全省城镇新增就业11.2万人。", "农村劳动力转移就业8.7万人。"],
                       title="2026年江西省政府工作报告")
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert [(f.value_text, f.year, f.period_start, f.period_end) for f in facts] == [
        ("52.3", None, 2021, 2025), ("9.1", None, 2021, 2025), ("11.2", 2025, None, None), ("8.7", 2025, None, None)]


def test_a_change_over_the_five_years_goes_on_with_the_review(tokenizer):
    """从2020年的…增加到2024年的… states the review's own ends: the next sentence is still of the span."""
    doc, ps, ss = _doc(["过去五年，全省地区生产总值从2020年的2.46万亿元增加到2024年的3.12万亿元。",
                        "城镇新增就业累计达到325万人，年均65万人。一般公共预算收入从2150亿元增加到2680亿元。"],
                       title="2025年云川省人民政府工作报告")
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert [(f.value_text, f.year, f.period_start, f.period_end, f.subject) for f in facts][2:] == [
        ("325", None, 2020, 2024, "云川省"), ("65", None, 2020, 2024, "云川省"),
        # the ends of a change over the span: the year before it and its last year
        ("2150", 2019, None, None, "云川省"), ("2680", 2024, None, None, "云川省")]


def test_five_years_inside_a_paragraph_is_that_sentence_only(tokenizer):
    doc, ps, ss = _doc(["过去一年，全市地区生产总值增长6.2%。五年来，地区生产总值年均增长6.5%。城镇新增就业6.6万人。"],
                       title="2024年临川市政府工作报告")
    facts = extract_facts(doc, ps, ss, tokenizer)
    assert [(f.value_text, f.year) for f in facts] == [("6.2", 2023), ("6.5", None), ("6.6", 2023)]


def test_an_organisation_named_after_a_place_leaves_the_indicator_whole(tokenizer):
    [fact] = facts_from_text("2021年中国移动研发支出为185亿元。", tokenizer)
    assert (fact.subject, fact.indicator) == ("中国移动", "研发支出")


def test_a_word_that_opens_with_zhong_keeps_it(tokenizer):
    [fact] = facts_from_text("2020年中央本级“三公”经费财政拨款支出合计29.86亿元。", tokenizer)
    assert fact.indicator.startswith("中央本级")
    [fact] = facts_from_text("北京市中小企业数量达到12万家。", tokenizer)
    assert fact.indicator.startswith("中小企业")


def test_the_field_a_rank_is_taken_in_is_not_its_subject(tokenizer):
    [fact] = facts_from_text("2021年1-2月吉林省一般公共预算收入在全国排第24位。", tokenizer)
    assert (fact.subject, fact.indicator) == ("吉林", "一般公共预算收入")
    facts = facts_from_text("2023年四川、河南地区生产总值位列前三，河南在中部六省中居第1位。", tokenizer)
    assert facts[-1].subject == "河南"


def test_an_order_idiom_names_no_indicator(tokenizer):
    facts = facts_from_text("广东省以2.7万亿元居于首位；江苏省紧随其后，以2.6万亿元排名第二。", tokenizer)
    assert [f.indicator for f in facts if f.value_text == "2.6"] == [""]


def test_an_indicator_does_not_end_with_the_to_of_its_date(tokenizer):
    """常住人口城镇化率到2019年首次突破60%: the date goes, and 到 and 首次 with it."""
    from kb.figures import facts_from_text

    [f] = facts_from_text("常住人口城镇化率到2019年首次突破60%。", tokenizer)
    assert (f.indicator, f.year) == ("常住人口城镇化率", 2019)


def test_a_marker_in_brackets_does_not_govern_the_figure(tokenizer):
    """宏观税负（即…税收收入占GDP比重）分别为…: the bracket explains 宏观税负; its 占 is no share marker
    of the figure, and 进一步 is no indicator (the figure takes the one before it)."""
    from kb.figures import facts_from_text

    text = "2016~2019年，我国宏观税负（即税收收入占GDP比重）分别为17.47%、17.35%，2020年进一步降至15.2%。"
    assert [(f.value, f.indicator) for f in facts_from_text(text, tokenizer)] == [
        (17.47, "宏观税负"), (17.35, "宏观税负"), (15.2, "宏观税负")]


def test_an_adverb_before_a_rank_is_no_indicator(tokenizer):
    """浙江一般预算收入2042.5亿元，暂时位居第二: 暂时 is no indicator; the rank is of the revenue."""
    from kb.figures import facts_from_text

    facts = facts_from_text("2021年1-2月浙江一般预算收入2042.5亿元，暂时位居第二。", tokenizer)
    assert [(f.value, f.indicator) for f in facts] == [(2042.5, "一般预算收入"), (2.0, "一般预算收入")]


def test_after_a_word_ordering_points_the_indicator_follows_its_copula(tokenizer):
    """首先是城镇登记失业人员迅速上升…增长47.6%: 首先 orders the points; what follows 是 is measured."""
    from kb.figures import facts_from_text

    text = "首先是城镇登记失业人员迅速上升，由1993年的420万人升至1998年的620万，增长47.6%；其次是下岗职工大幅度增加，1997年达到1435万人。"
    assert [(f.value, f.indicator) for f in facts_from_text(text, tokenizer)] == [
        (420.0, "城镇登记失业人员"), (620.0, "城镇登记失业人员"), (47.6, "城镇登记失业人员"), (1435.0, "下岗职工")]
    # a 是 after anything else keeps its phrase (但仍是世界第二大…: no indicator from after 是)
    assert facts_from_text("但仍是世界第二大吸引FDI国。", tokenizer)[0].indicator == ""


def test_own_area_words_refer_to_the_one_place_a_document_is_about(tokenizer):
    """全省 in 江西省…统计公报 is 江西, even after a sentence about a city; a national or
    several-place document has no such home."""
    from kb.figures.facts import document_carry
    doc, ps, ss = _doc(["赣州市新建厂房12座。全省规模以上工业增加值增长7.1%。"],
                       title="江西省2023年国民经济和社会发展统计公报")
    facts = {f.value_text + f.unit: f for f in extract_facts(doc, ps, ss, tokenizer)}
    assert (facts["12座"].subject, facts["7.1%"].subject) == ("赣州", "江西")
    national = Document(doc_id="d", doc_path="d.txt", text="x", title="中华人民共和国2023年国民经济和社会发展统计公报")
    assert document_carry(national).home == ""
    region = Document(doc_id="d", doc_path="d.txt", text="x", title="川渝两地2023年经济运行报告")
    assert document_carry(region).home == ""


def test_a_title_naming_several_places_is_about_none_of_them(tokenizer):
    """27省份GDP出炉：广东居首，安徽超上海 is news on many provinces: no document subject; a paragraph
    goes on about the place the one before it ended on, when that one stated figures."""
    doc, ps, ss = _doc(["一季度，安徽省GDP为9529亿元。", "战略性新兴产业产值增长52.2%。"],
                       title="27省份一季度GDP出炉：广东居首，安徽首超上海")
    facts = {f.value_text + f.unit: f for f in extract_facts(doc, ps, ss, tokenizer)}
    assert (facts["9529亿元"].subject, facts["52.2%"].subject) == ("安徽", "安徽")
    assert facts["52.2%"].subject_rule == "carried_subject"
    doc, ps, ss = _doc(["（某研究院，武汉，430072）", "本文选取了120个县的数据。"], title="数字金融与农民收入")
    facts = {f.value_text + f.unit: f for f in extract_facts(doc, ps, ss, tokenizer)}
    assert facts["120个"].subject == ""


def test_a_companys_results_release_is_about_the_company():
    from kb.figures.facts import company_of_report

    assert company_of_report("白沙银行股份有限公司2024年度业绩快报摘要") == "白沙银行"
    assert company_of_report("华岳精密机械股份有限公司2024年年度报告") == "华岳精密"
    assert company_of_report("某市2024年统计公报") == ""


def test_an_amount_a_place_is_ranked_by_measures_the_titles_indicator(tokenizer):
    """广东省以X亿元居于全国首位 in 27省份一季度GDP出炉 ranks the provinces by GDP; a title naming
    no indicator, or two, gives none."""
    text = ["广东省以27117.96亿元居于全国首位；江苏省紧随其后，以25878.38亿元排名第二。湖北省以58.3%的增速位居首位。"
            "四川以9042.4亿元继续领跑西部。"]
    doc, ps, ss = _doc(text, title="27省份一季度GDP出炉：广东稳居首位，安徽首超上海")
    facts = {f.value_text + f.unit: f for f in extract_facts(doc, ps, ss, tokenizer)}
    assert (facts["27117.96亿元"].indicator, facts["25878.38亿元"].indicator, facts["9042.4亿元"].indicator) == \
        ("地区生产总值", "地区生产总值", "地区生产总值")
    # 以58.3%的增速: a rate the topic is not given to; the sentence before it passes GDP on (GDP's growth)
    assert (facts["58.3%"].indicator, facts["58.3%"].claim_type) == ("地区生产总值", "growth_rate")
    for title in ("27省份一季度经济数据出炉", "27省份一季度GDP和一般公共预算收入出炉"):
        doc, ps, ss = _doc(text, title=title)
        facts = {f.value_text + f.unit: f for f in extract_facts(doc, ps, ss, tokenizer)}
        assert facts["27117.96亿元"].indicator == "", title


def test_the_one_indicator_a_title_names():
    from kb.figures.identity import title_indicator
    assert title_indicator("27省份一季度GDP出炉：广东稳居首位") == "GDP"
    assert title_indicator("31省份人均GDP排名") == "人均GDP"                   # the longer name, not GDP in it
    assert title_indicator("1-2月31个省市区一般公共预算收入出炉") == "一般公共预算收入"
    assert title_indicator("2021年中国数字经济发展报告") == ""                # 经济 is too short a name
    assert title_indicator("GDP和一般公共预算收入双双增长") == ""            # two indicators: none


def test_an_average_over_years_in_a_review_section_averages_over_its_years(tokenizer):
    """五年来，… opens a review of 2021–2025 in a report on 2025: after a sentence dates its figure 2025, an
    undated 年均 rate of the section is still the five years' average; a level is the year's."""
    paragraphs = ["五年来，全省经济实力显著提升。全省地区生产总值年均增长5.8%。",
                  "2025年，四大主导产业增加值占GDP比重达到70%。高端食品加工业产值年均增长超20%，装备制造业产值达到500亿元。"]
    doc, ps, ss = _doc(paragraphs, title="2026年某省政府工作报告")
    facts = {f.value_text + f.unit: f for f in extract_facts(doc, ps, ss, tokenizer)}
    assert (facts["5.8%"].period_start, facts["5.8%"].period_end) == (2021, 2025)
    assert (facts["20%"].period_start, facts["20%"].period_end) == (2021, 2025)
    assert (facts["70%"].year, facts["500亿元"].year) == (2025, 2025)
