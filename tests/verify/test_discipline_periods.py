"""The period rule of the verdict discipline (kb.verify.discipline.rule_periods) for shares of stocks."""

from kb.models import Fact
from kb.verify.discipline import Case, rule_periods


def fact(value: float, unit: str, months: tuple[str, str], indicator: str = "常住人口") -> Fact:
    return Fact(fact_id=f"f{value}", doc_id="d", char_start=0, char_end=1, quote="", value=value, value_text=str(value),
                unit=unit, scale=1.0, value_normalized=value, unit_normalized="%" if unit == "%" else "person",
                claim_type="share" if unit == "%" else "count", indicator=indicator, indicator_key=indicator,
                period_start_month=months[0], period_end_month=months[1])


YEAR, YEAR_END, HALF = ("2024-01", "2024-12"), ("2024-12", "2024-12"), ("2024-01", "2024-06")


def test_a_years_share_of_stocks_counted_at_the_years_end_is_of_one_period():
    part, whole = fact(120, "万人", YEAR_END), fact(500, "万人", YEAR_END)
    assert rule_periods(Case("share", "table", fact(26, "%", YEAR), [part, whole])) is None


def test_a_share_of_another_span_or_year_stays_apart():
    part, whole = fact(120, "万人", YEAR_END), fact(500, "万人", YEAR_END)
    assert rule_periods(Case("share", "table", fact(26, "%", HALF), [part, whole])) is not None
    assert rule_periods(Case("share", "table", fact(26, "%", ("2023-01", "2023-12")), [part, whole])) is not None
    # a part and a whole of different periods, whatever the share
    assert rule_periods(Case("share", "table", fact(26, "%", YEAR), [part, fact(500, "万人", YEAR)])) is not None
