"""How a stated figure is quoted in a check's explanation (kb.verify.citing.stated_text)."""

from kb.models import Fact
from kb.verify.citing import stated_text


def fact(value: float, unit: str, value_text: str, figure_text: str, qualifier: str = "") -> Fact:
    return Fact(fact_id="f", doc_id="d", char_start=0, char_end=len(figure_text), quote=figure_text,
                value=value, unit=unit, value_normalized=value, unit_normalized="count",
                value_text=value_text, figure_text=figure_text, qualifier=qualifier, claim_type="level")


def test_a_figure_is_quoted_as_written():
    assert stated_text(fact(2340, "家", "2340", "2340余家", "余")) == "2340余家"
    assert stated_text(fact(185, "%", "185", "约185%左右", "约左右")) == "约185%左右"
    assert stated_text(fact(1, "倍", "1", "近1倍", "近")) == "近1倍"
    assert stated_text(fact(30, "成", "30", "超过三成", "超过")) == "超过三成"
