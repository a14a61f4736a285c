from kb.ingest.metadata import (
    BYLINE,
    NAMES_LINE,
    ORG_LINE,
    POSITION,
    issuer_date_line,
    names,
    record_meta,
    signature,
    take_meta_blocks,
)
from kb.ingest.raw import RawBlock


def test_record_meta_fills_only_what_is_missing():
    meta = {"title": "已知", "date": ""}
    record_meta({"title": "新", "date": "2024-01-02", "author": ""}, meta)
    assert meta == {"title": "已知", "date": "2024-01-02"}


def test_names_joins_a_byline():
    assert names("张三 李四，王五") == "张三、李四、王五"


def test_vocabulary_patterns():
    assert ORG_LINE.match("示范县农业农村局") and not ORG_LINE.match("全县粮食增产")
    assert BYLINE.match("记者：赵六").group(1) == "赵六"
    assert NAMES_LINE.match("钱七 孙八") and not NAMES_LINE.match("钱七")
    assert POSITION.fullmatch("代理县长") and POSITION.fullmatch("副主任") and not POSITION.fullmatch("张三")


def test_issuer_date_line_either_order():
    assert issuer_date_line("示范县统计局 2022年4月5日") == {"publisher": "示范县统计局", "date": "2022-04-05"}
    assert issuer_date_line("全县统计数据 2022年4月5日发布") is None


def test_signature_closes_a_report():
    blocks = [RawBlock("paragraph", [("全年增长5%。", 1)]), RawBlock("paragraph", [("示范县统计局", 3)]),
              RawBlock("paragraph", [("2022年4月5日", 5)])]
    assert signature(blocks) == {"publisher": "示范县统计局", "date": "2022-04-05"}
    assert signature(blocks[:1]) == {}


def test_take_meta_blocks_drops_dateline_and_keeps_issuer_line_as_title_block():
    blocks = [RawBlock("paragraph", [("来源：示范日报 2022-04-05", 1)]),
              RawBlock("paragraph", [("示范县统计局 2022年4月5日", 2)]),
              RawBlock("paragraph", [("全年增长5%。", 3)])]
    meta: dict = {}
    out = take_meta_blocks(blocks, meta)
    assert [(b.kind, b.level, b.text) for b in out] == [("heading", 1, "示范县统计局 2022年4月5日"),
                                                        ("paragraph", 0, "全年增长5%。")]
    assert meta == {"publisher": "示范日报", "date": "2022-04-05"}
