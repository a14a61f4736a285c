"""kb.search.frames: what a document makes clear for all its figures."""

from __future__ import annotations

from kb.models import Document
from kb.search.frames import document_frame, plan_start


def head(title: str, date: str = "") -> Document:
    return Document(doc_id="d", doc_path="d.txt", title=title, date=date, text="")


def test_a_one_place_title_is_the_subject_of_its_figures():
    assert document_frame(head("临川市2023年国民经济和社会发展统计公报"), []).subject == "临川"
    assert document_frame(head("27省份一季度GDP出炉：广东居首，安徽超上海"), []).subject == ""


def test_a_work_report_turns_to_its_plans_at_its_first_figure_dated_after_the_year_it_reviews():
    periods = [(10, 2023, None, "carried_year"), (40, 2024, None, "year_earlier_in_sentence"),
               (80, 2023, None, "carried_year")]
    frame = document_frame(head("2024年湖南省政府工作报告"), periods)
    assert (frame.year, frame.plan_from) == (2023, 40)
    assert plan_start(2023, [(10, 2025, None, "carried_year")]) is None   # a carried year decides nothing
    assert plan_start(None, periods) is None


def test_a_target_sentence_inside_a_bulletins_review_is_no_start_of_plans():
    # 到2025年…力争达到93% early in a 2024 bulletin, then more figures its own sentences date 2024:
    # the review goes on, so the carried years after the target are the review's, not plans
    periods = [(10, 2024, None, "year_in_sentence"), (50, 2025, None, "year_in_sentence"),
               (90, 2024, None, "carried_year"), (120, 2024, None, "year_in_sentence"),
               (160, 2024, None, "carried_year")]
    assert plan_start(2024, periods) is None
    assert plan_start(2024, periods + [(200, 2025, None, "year_in_sentence"), (240, 2025, None, "carried_year")]) == 200
