"""kb.search.candidates: the keys and years a claim's figure is looked up by."""

from __future__ import annotations

from kb.search.candidates import claim_keys, claim_years
from tests.search.test_matching import claim


def test_a_claim_is_looked_up_by_its_indicator_wordings_and_their_heads():
    forms, heads = claim_keys(claim(indicator="国家重点企业利税总额", indicator_key="国家重点企业利税"))
    assert "国家重点企业利税" in forms
    assert "利税" in heads and "重点企业利税" in heads and "国家重点企业利税" not in heads


def test_the_years_a_claim_needs():
    assert claim_years(claim(year=2023)) == [2022, 2023]   # its own and a growth's base
    assert claim_years(claim(year=None, period_start=2014, period_end=2022)) == [2014, 2021, 2022]
    assert claim_years(claim(year=None, period_start_month=None, period_end_month=None)) == []


def test_a_figure_whose_sentence_names_no_indicator_is_looked_up_by_the_claims_subject_and_year():
    """江苏省紧随其后，以25878.38亿元排名第二: no indicator, so no identity key to find it by."""
    from kb.search.candidates import indexed_facts

    class Store:
        def __init__(self):
            self.asked = []

        def facts_by_indicator(self, keys, years=None, limit=0):
            return []

        def facts_without_indicator(self, subjects, years=None, limit=0):
            self.asked.append((list(subjects), years))
            return ["jiangsu"]

    store = Store()
    assert indexed_facts(store, [claim(subject="江苏", subject_key="江苏", year=2021)]) == ["jiangsu"]
    assert store.asked == [(["江苏"], [2021])]
