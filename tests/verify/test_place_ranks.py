"""kb.verify.place_ranks: a place's stated rank against the order of a table of places, on tables
and sentences written for these tests."""

from kb.models import Fact
from kb.verify.place_ranks import row_member
from tests.verify.pipeline_text import checks_on, verdicts

# every prefecture-level city of 安徽 (the gazetteer's list), figures made up
_CITIES = [("阜阳市", "566.8"), ("宿州市", "498.5"), ("亳州市", "482.6"), ("六安市", "408.3"), ("滁州市", "368.4"),
           ("合肥市", "298.7"), ("蚌埠市", "280.1"), ("淮南市", "170.2"), ("安庆市", "160.5"), ("淮北市", "160.3"),
           ("宣城市", "120.4"), ("芜湖市", "110.6"), ("马鞍山市", "90.2"), ("池州市", "60.1"), ("铜陵市", "30.5"),
           ("黄山市", "20.3")]


def _bulletin(sentence: str, rows=_CITIES) -> str:
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    return (f"# 2030年安徽省粮食生产情况\n\n{sentence}\n\n附表2 分市粮食产量\n\n"
            f"| 地区 | 总产量（万吨） |\n|---|---|\n| 全省 | 4195.3 |\n{table}\n")


def test_a_rank_agrees_with_the_tables_order():
    text = _bulletin("分市看，阜阳市粮食总产量566.8万吨，居全省第1位；宿州市、亳州市分列第2位、第3位，"
                     "产量分别为498.5万吨和482.6万吨。六安市粮食产量居全省第4位。")
    assert verdicts(text, "第1位", "rank", "a.md") == ["consistent"]
    assert verdicts(text, "第2位", "rank", "a.md") == ["consistent"]
    assert verdicts(text, "第3位", "rank", "a.md") == ["consistent"]
    assert verdicts(text, "第4位", "rank", "a.md") == ["consistent"]   # no level stated: the header pairs


def test_a_wrong_rank_is_inconsistent_only_when_the_table_holds_every_peer():
    wrong = "分市看，宿州市粮食总产量498.5万吨，居全省第1位。"
    assert verdicts(_bulletin(wrong), "第1位", "rank", "a.md") == ["inconsistent"]
    check = checks_on(_bulletin(wrong), "第1位", "rank", "a.md")[0]
    assert check.recomputed_value == 2.0
    # a table of some of the province's cities may leave a larger one out
    assert verdicts(_bulletin(wrong, _CITIES[:6]), "第1位", "rank", "a.md") == ["unverifiable"]
    # with no level stated, the column is only named alike: never inconsistent
    bare = "宿州市粮食产量居全省第1位。"
    assert verdicts(_bulletin(bare), "第1位", "rank", "a.md") == ["unverifiable"]


def test_a_rank_within_another_field_than_the_table_is_not_judged():
    # 居全国第2位 among the nation's provinces, the table holds one province's cities
    text = _bulletin("阜阳市粮食总产量566.8万吨，居全国地级市第2位。")
    assert verdicts(text, "第2位", "rank", "a.md") == []
    # a rank of growth is not a rank of the levels
    growth = _bulletin("阜阳市粮食总产量566.8万吨，增速居全省第2位。")
    assert verdicts(growth, "第2位", "rank", "a.md") == []
    # 前三: within the top three, not the third
    top = _bulletin("阜阳市粮食总产量566.8万吨，位居全省前三。")
    assert verdicts(top, "前三", "rank", "a.md") == []


def test_counted_places_must_be_the_tables_rows():
    rows = [("肥西县", "112.5"), ("肥东县", "96.2"), ("巢湖市", "51.3"), ("长丰县", "48.3"), ("庐江县", "35.6")]
    table = "\n".join(f"| {n} | {v} |" for n, v in rows)
    text = ("# 2030年合肥市房地产市场\n\n四县一市中，肥西县商品房销售面积112.5万平方米，居四县一市首位。\n\n"
            f"| 地区 | 销售面积（万平方米） |\n|---|---|\n| 市区 | 782.4 |\n{table}\n")
    assert verdicts(text, "首位", "rank", "a.md") == ["consistent"]
    three = text.replace("居四县一市首位", "居三县首位")
    assert verdicts(three, "首位", "rank", "a.md") == []


def _cell(label: str) -> Fact:
    return Fact(fact_id="t", doc_id="d", char_start=0, char_end=1, quote=f"表1｜{label}｜GDP（亿元）", subject="",
                indicator="GDP", value=1.0, value_text="1", unit="亿元", scale=1e8, value_normalized=1e8,
                unit_normalized="CNY", claim_type="level", source_kind="table")


def test_the_member_a_row_names():
    assert row_member(_cell("1 长沙县 长沙市")) == "长沙县"     # the first word after the rank, not 所属市州
    assert row_member(_cell("阜阳市")) == "阜阳"
    assert row_member(_cell("8 攸县 株洲市")) == "攸县"         # a county kb does not know is still a row
    assert [row_member(_cell(x)) for x in ("— 合计 —", "全省", "市区", "全国")] == ["", "", "", ""]
