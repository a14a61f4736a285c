from kb.ingest.furniture import (
    drop_furniture_blocks,
    furniture_step,
    is_footer,
    is_nav_line,
    is_noise_line,
)
from kb.ingest.raw import RawBlock


def test_furniture_step_follows_a_reading_list():
    assert furniture_step("【打印】【关闭】", False) == (True, False)
    assert furniture_step("猜你喜欢", False) == (True, True)
    assert furniture_step("· 一则旧闻", True) == (True, True)
    assert furniture_step("· 一则旧闻", True, listable=False) == (False, False)
    assert furniture_step("全县新增就业岗位三千个，同比增长百分之四。", True) == (False, False)


def test_nav_footer_and_noise_lines():
    assert is_nav_line("首页 新闻 政务 服务 互动")
    assert is_nav_line("a | b | c | d")
    assert not is_nav_line("首页，新闻，政务，服务")
    assert is_footer("版权所有 示范网") and is_footer("当前位置：首页 > 新闻")
    assert not is_footer("全县粮食产量增长3%。")
    assert is_noise_line("<!-- 注释 -->") and is_noise_line("Copyright 2024")
    assert not is_noise_line("全县粮食产量增长3%。")


def test_drop_furniture_blocks_keeps_tables_and_text():
    blocks = [RawBlock("paragraph", [("全县粮食产量增长3%。", 1)]), RawBlock("heading", [("延伸阅读", 2)], 2),
              RawBlock("list_item", [("邻县产量增长", 3)]), RawBlock("table", [("首页\t新闻", 4)]),
              RawBlock("paragraph", [("ICP备000号", 5)])]
    assert [b.text for b in drop_furniture_blocks(blocks)] == ["全县粮食产量增长3%。", "首页\t新闻"]
