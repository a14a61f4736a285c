"""A share of several listed parts together: A、B和C分别为a、b和c，合计占Y的s%."""

import pytest

from tests.verify.pipeline_text import checks_on

TEXT = ("2024年1—9月，我国企业承接服务外包执行额12360.8亿元。其中，承接离岸服务外包合同额1352.4亿美元，"
        "执行额940.7亿美元，同比分别增长8.6%和10.3%。从市场布局看，我国承接美国、中国香港和欧盟的离岸服务外包"
        "执行额分别为186.5亿美元、152.3亿美元和129.8亿美元，位列前3位，合计占离岸执行额的49.8%。")


def test_the_listed_parts_together_over_the_whole():
    [c] = checks_on(TEXT, "49.8%", "share")
    assert c.verdict == "consistent"
    assert c.recomputed_value == pytest.approx(49.814, abs=1e-3)
    assert c.formula.startswith("(186.5 + 152.3 + 129.8) / 940.7")


def test_a_share_of_parts_together_is_never_one_parts_share():
    text = TEXT.replace("分别为186.5亿美元、152.3亿美元和129.8亿美元，位列前3位", "居前3位，欧盟为129.8亿美元")
    assert not [c for c in checks_on(text, "49.8%", "share") if c.verdict == "inconsistent"]
