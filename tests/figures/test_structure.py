"""kb.figures.structure: the terms of a structure ratio read as shares, on sentences of our own."""

from kb.figures.structure import structure_items, structure_of
from kb.search.claim_parse import parse_claim


def facts_of(tokenizer, text):
    return parse_claim(text, tokenizer)


def test_the_terms_of_an_industry_structure_are_shares_of_gdp(tokenizer):
    facts = facts_of(tokenizer, "2023年全市三次产业结构为5.2∶40.1∶54.7。")
    assert [(f.indicator, f.indicator_key, f.measure, f.unit_normalized, f.value) for f in facts] == [
        ("三次产业结构", "第一产业增加值", "share", "%", 5.2),
        ("三次产业结构", "第二产业增加值", "share", "%", 40.1),
        ("三次产业结构", "第三产业增加值", "share", "%", 54.7)]


def test_terms_that_do_not_add_up_to_100_or_of_another_ratio_stay_as_they_were(tokenizer):
    facts = facts_of(tokenizer, "2023年全市三次产业结构为5.2∶40.1∶44.7。")
    assert {f.indicator_key for f in facts} == {"三次产业结构"}
    facts = facts_of(tokenizer, "2023年城乡居民收入之比为2.1∶1。")
    assert all("产业" not in (f.indicator_key or "") for f in facts)


def test_what_names_a_structure():
    assert structure_of("三次产业的比例") == ("第一产业增加值", "第二产业增加值", "第三产业增加值")
    assert structure_of("产业结构") == ("第一产业增加值", "第二产业增加值", "第三产业增加值")
    assert structure_of("三次产业增加值") == ()
    assert structure_of("就业结构") == ()
    assert structure_items("", []) == {}


def test_a_structure_a_change_led_to_is_read_too(tokenizer):
    facts = facts_of(tokenizer, "2024年全县三次产业结构调整为4.0∶50.5∶45.5。")
    assert [(f.indicator_key, f.measure) for f in facts] == [
        ("第一产业增加值", "share"), ("第二产业增加值", "share"), ("第三产业增加值", "share")]


def test_the_levels_of_a_list_under_a_structures_name_are_its_items_in_turn():
    from kb.figures.structure import listed_items
    from kb.models import Fact

    text = "三次产业增加值分别为38.21亿元、486.20亿元和437.96亿元。"

    def level(surface, start):
        return Fact(fact_id=surface, doc_id="d", char_start=start, char_end=start + len(surface), quote=text,
                    indicator="三次产业增加值", value=float(surface[:-2]), unit="亿元", unit_normalized="CNY",
                    scale=1e8, value_normalized=float(surface[:-2]) * 1e8, source_kind="text",
                    claim_type="level")

    facts = [level(s, text.index(s)) for s in ("38.21亿元", "486.20亿元", "437.96亿元")]
    assert listed_items(text, facts) == {"38.21亿元": "第一产业增加值", "486.20亿元": "第二产业增加值",
                                         "437.96亿元": "第三产业增加值"}
    assert listed_items(text, facts[:2]) == {}
