"""Text figures about a ranking table's rows (kb.verify.ranked_rows), on texts of our own."""

from tests.verify.pipeline_text import checks_on, process

TABLE = ("2020年全省百强企业发展报告\n\n"
         "                     全省百强企业营业收入前5名\n"
         "名次      企业名称                 营业收入(万元)\n"
         "1         甲钢铁集团公司             5000000\n"
         "2         乙化工集团公司             4000000\n"
         "3         丙电力公司                 3000000\n"
         "4         丁汽车集团公司             2000000\n"
         "5         戊电子有限公司             1000000\n\n")


def text(body: str) -> str:
    return TABLE + "    " + body + "\n"


def found(body: str, surface: str, kind: str) -> list[tuple[str, str]]:
    return [(c.kind, c.verdict) for c in checks_on(text(body), surface, kind)]


def test_the_top_n_rows_sum_to_the_stated_total():
    body = "2020年百强企业营业收入增长8%。前3位企业营业收入合计1200亿元，增长10%。"
    assert found(body, "1200亿元", "sum") == [("sum", "consistent")]
    assert found(body.replace("1200亿元", "1300亿元"), "1300亿元", "sum") == [("sum", "inconsistent")]


def test_beyond_the_tables_rows_the_sum_is_only_a_lower_bound():
    body = "2020年百强企业营业收入增长8%。前10位企业营业收入合计1600亿元，增长10%。"
    assert found(body, "1600亿元", "sum") == [("sum", "unverifiable")]
    assert found(body.replace("1600亿元", "160亿元"), "160亿元", "sum") == [("sum", "inconsistent")]


def test_the_named_rows_sum_and_their_ranks():
    body = ("2020年百强企业营业收入增长8%。甲钢铁集团公司和乙化工集团公司分列前2位，营业收入合计达900亿元。"
            "丙电力公司由第4位上升至第3位。")
    assert found(body, "900亿元", "sum") == [("sum", "consistent")]
    assert found(body, "前2位", "rank") == [("rank", "consistent")]
    assert found(body, "第3位", "rank") == [("rank", "consistent")]
    assert found(body, "第4位", "rank") == []                     # the rank it rose from is not the table's
    # a rank the table does not give is not called wrong: the text may rank by another measure
    assert found(body.replace("至第3位", "至第2位"), "第2位", "rank") == [("rank", "unverifiable")]


def test_a_figure_of_another_year_or_an_average_is_not_compared():
    body = ("2020年百强企业营业收入增长8%。2019年前3位企业营业收入合计1000亿元。"
            "前3位企业平均营业收入400亿元。")
    _, _, checks = process(text(body))
    assert not [c for c in checks if "营业收入前5名" in c.explanation or "ranks 1" in c.explanation]


def test_the_top_n_rows_share_of_the_documents_total():
    body = "2020年全省百强企业实现营业收入3000亿元，增长8%。前3位企业即占四成，前5位企业占一半。"
    assert [(c.kind, c.verdict) for c in checks_on(text(body), "四成", "share")] == [("share", "consistent")]
    assert [(c.kind, c.verdict) for c in checks_on(text(body), "一半", "share")] == [("share", "consistent")]
    # a share that does not fit may be of another figure (资产): never called wrong
    wrong = body.replace("前3位企业即占四成", "前3位企业即占六成")
    assert [c.verdict for c in checks_on(text(wrong), "六成", "share") if "ranks" in c.formula] == ["unverifiable"]


def test_a_top_n_of_another_population_is_not_the_tables():
    body = "2020年百强企业营业收入增长8%。前3位民营企业营业收入合计500亿元。民营前3位企业营业收入合计500亿元。"
    assert found(body, "500亿元", "sum") == []
    body = "2020年百强企业营业收入增长8%。民营前3位企业营业收入合计500亿元。"
    assert found(body, "500亿元", "sum") == []
