"""The page (app.py) driven as a user would, with streamlit.testing.v1.AppTest.

Every tab is opened by its address (?tab=…), as a shared link would; what
is asserted is what a user sees: the figure, the citation, the verdict, and
the exact bytes behind each download button.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from kb.store.export import table_csv_bytes
from kb.store.export import checks_csv_bytes, facts_csv_bytes, facts_json_bytes
from kb.store.sqlite import Store
from tests.paths import ROOT

APP = str(ROOT / "app.py")
HOSTILE = ROOT / "tests" / "fixtures" / "app" / "hostile"
UNESCAPED_TAG = re.compile(r"(?<!\\)<")  # a "<" that Markdown could read as a tag


@pytest.fixture()
def use_store(monkeypatch, tmp_path):
    """Point the page at a store (and a temp tables dir); forget cached stores."""
    def use(store_dir: Path) -> None:
        monkeypatch.setenv("KB_STORE", str(store_dir))
        monkeypatch.setenv("KB_TABLES_DIR", str(tmp_path / "tables"))
        st.cache_resource.clear()  # it persists across AppTest instances in one process

    yield use
    st.cache_resource.clear()


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, bytes]:
    """file name → bytes of every download button the page renders."""
    served: dict[str, bytes] = {}
    original = MediaFileManager.add

    def add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name is not None:
            served[file_name] = path_or_data
        return original(self, path_or_data, mimetype, coordinates, file_name=file_name,
                        is_for_static_download=is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", add)
    return served


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    from kb.pipeline import ingest

    base = tmp_path_factory.mktemp("hostile")
    summary = ingest([HOSTILE], base / "store", base / "tables")
    assert not summary.failures and summary.documents == 1
    return base / "store"


def page(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_ask_shows_the_figure_its_citation_and_facts(corpus_store, use_store):
    use_store(corpus_store)
    at = page(q="碳排放强度")
    assert not at.exception
    assert at.text_input(key="query").value == "碳排放强度"
    shown = markdown(at)
    assert r"为0\.71吨/万元" in shown and ":orange-background[碳排放强度]" in shown
    citation = next(m.value for m in at.markdown if "0\\.71" not in m.value and "characters" in m.value)
    assert "京津冀蓝皮书" in citation and "北京商报" in citation and "区域降碳重要支点" in citation
    figures = at.dataframe[0].value
    row = figures[figures["figure"] == "0.71吨/万元"].iloc[0]
    assert (row["subject"], row["indicator"], row["year"]) == ("京津冀", "碳排放强度", "2019")
    assert "0.71吨/万元" in at.expander[0].children[0].value  # the surrounding paragraph


def test_ask_shows_checks_with_badge_formula_and_numbers(corpus_store, use_store):
    use_store(corpus_store)
    at = page(q="平台型企业注册资本规模年均增长率")
    shown = markdown(at)
    assert r":green-badge[consistent] **cagr** · stated 11\.85" in shown
    assert r"recomputed **11\.8501**" in shown
    formulas = [c.value for c in at.code]
    assert any("340.53 / 36.26" in f and "^(1/20)" in f for f in formulas), formulas


def test_a_typed_query_goes_into_the_address(corpus_store, use_store):
    use_store(corpus_store)
    at = page()
    assert "?q=" in at.caption[0].value  # the empty state says how to search
    at.text_input(key="query").set_value("京津冀数字经济规模").run()
    assert at.query_params["q"] == "京津冀数字经济规模"
    assert "京津冀" in markdown(at) and len(at.dataframe) >= 1


def test_ask_without_a_match_and_with_stop_words_only(corpus_store, use_store):
    use_store(corpus_store)
    at = page(q="xyzzyplugh")
    assert [i.value for i in at.info] == ["No passage matches; try other words or remove a filter."]
    at = page(q="的")
    assert "stop words" in at.warning[0].value


def test_a_passage_link_opens_the_passage(corpus_store, use_store):
    use_store(corpus_store)
    store = Store.open(corpus_store)
    target = next(p for p in store.passages() if "0.71吨/万元" in p.text)
    at = page(passage=target.passage_id)
    assert at.caption[0].value == "Linked passage"
    assert r"0\.71吨/万元" in markdown(at)
    assert page(passage="pnope").warning[0].value.startswith("The linked passage is not")


def test_check_tab_gives_verdicts_with_cited_evidence(corpus_store, use_store):
    use_store(corpus_store)
    at = page(tab="Check")
    at.text_area(key="claims").set_value(
        "2019年京津冀城市群碳排放强度为0.71吨/万元\n"
        "2019年京津冀城市群碳排放强度为0.9吨/万元\n"
        "2030年火星的GDP达到3万亿元").run()
    at.button(key="check_button").click().run()
    assert not at.exception
    badges = [m.value.split("]")[0] for m in at.markdown if m.value.startswith(":")]
    assert badges == [":green-badge[supported", ":red-badge[contradicted", ":gray-badge[not\\_found"]
    shown = markdown(at)
    assert r"**0\.71吨/万元** 京津冀 碳排放强度 2019" in shown
    assert "京津冀蓝皮书" in shown and "characters" in shown  # evidence cites its passage


def test_check_tab_without_claims_asks_for_one(corpus_store, use_store):
    use_store(corpus_store)
    at = page(tab="Check")
    at.button(key="check_button").click().run()
    assert at.warning[0].value.startswith("Write a claim with a figure")


def test_facts_tab_filters_and_downloads_exactly_what_is_shown(corpus_store, use_store, downloads):
    use_store(corpus_store)
    all_facts = Store.open(corpus_store).facts()
    at = page(tab="Facts")
    assert at.caption[0].value == f"{len(all_facts)} of {len(all_facts)} facts"
    assert downloads["kb-facts.csv"] == facts_csv_bytes(all_facts)

    at.selectbox(key="facts_source").set_value("table")
    at.text_input(key="facts_subject").set_value("京津冀")
    at.text_input(key="facts_min").set_value("100").run()
    expected = [f for f in all_facts
                if f.source_kind == "table" and "京津冀" in f.subject and f.value_normalized >= 100]
    assert expected and len(expected) < len(all_facts)
    assert at.caption[0].value == f"{len(expected)} of {len(all_facts)} facts"
    assert at.dataframe[0].value["fact_id"].tolist() == [f.fact_id for f in expected]
    assert downloads["kb-facts.csv"] == facts_csv_bytes(expected)
    assert downloads["kb-facts.json"] == facts_json_bytes(expected)
    assert downloads["kb-facts.csv"].startswith(b"\xef\xbb\xbf")
    assert [f["fact_id"] for f in json.loads(downloads["kb-facts.json"])["facts"]] == [
        f.fact_id for f in expected]

    at.select_slider(key="facts_years").set_value((2022, 2022)).run()
    in_2022 = [f for f in expected if f.year == 2022]
    assert at.caption[0].value == f"{len(in_2022)} of {len(all_facts)} facts"
    at.text_input(key="facts_min").set_value("lots").run()
    assert "Min and max take a number" in at.warning[0].value


def test_consistency_tab_lists_inconsistent_first_with_links(corpus_store, use_store, downloads):
    use_store(corpus_store)
    checks = Store.open(corpus_store).checks()
    at = page(tab="Consistency")
    verdict_lines = [m.value for m in at.markdown if m.value.startswith(":") and "badge[" in m.value]
    counts = verdict_lines[0]
    n_bad = sum(c.verdict == "inconsistent" for c in checks)
    assert counts.startswith(f":red-badge[inconsistent] {n_bad}")
    per_check = verdict_lines[1:]
    assert len(per_check) == len(checks)
    assert all(v.startswith(":red-badge") for v in per_check[:n_bad])
    assert not any(v.startswith(":red-badge") for v in per_check[n_bad:])
    assert "[open passage](?passage=p" in markdown(at)
    assert downloads["kb-checks.csv"] == checks_csv_bytes(checks)


def test_tables_tab_shows_caption_notes_chart_and_csv(corpus_store, use_store, downloads):
    use_store(corpus_store)
    tables = Store.open(corpus_store).tables()
    at = page(tab="Tables")
    shown = markdown(at)
    for table in tables:
        assert table.caption in shown.replace("\\", "")
        assert downloads[f"{table.table_id}.csv"] == table_csv_bytes(table)
    assert len(at.dataframe) == len(tables)
    captions = [c.value for c in at.caption]
    assert any("数据来源于" in c for c in captions)  # the notes
    assert sum(c.startswith("Chart:") for c in captions) >= 1
    assert len(at.get("vega_lite_chart")) >= 1


def test_documents_tab_counts_and_reads_a_document(corpus_store, use_store):
    use_store(corpus_store)
    store = Store.open(corpus_store)
    at = page(tab="Documents")
    frame = at.dataframe[0].value
    counts = store.counts()
    assert sorted(frame["doc_id"]) == sorted(d.doc_id for d in store.documents())
    for _, row in frame.iterrows():
        assert row["passages"] == counts[row["doc_id"]]["passages"]
        assert row["facts"] == counts[row["doc_id"]].get("facts", 0)
    at.selectbox(key="read_doc").set_value("jjj-bluebook-2022-digital-economy.txt").run()
    text = at.markdown[-1].value
    assert text.count(":gray-badge[¶") == len(store.passages("jjj-bluebook-2022-digital-economy.txt"))
    assert r"0\.71吨/万元" in text


def test_hostile_document_text_is_shown_escaped(hostile_store, use_store):
    use_store(hostile_store)
    at = page(q="示范区地区生产总值")
    shown = markdown(at)
    assert r"\<script\>document\.title\=" in shown
    assert not UNESCAPED_TAG.search(shown)
    at = page(q="网页转载 标签 公式")
    shown = markdown(at)
    assert r"\<img src\=x onerror\=" in shown and not UNESCAPED_TAG.search(shown)
    assert r"\[链接\]\(javascript\:alert\(1\)\)" in shown and r"\*\*粗体\*\*" in shown
    at = page(tab="Documents")
    at.selectbox(key="read_doc").set_value("hostile-report-2023.txt").run()
    text = at.markdown[-1].value
    assert r"\<script\>" in text and r"\<img" in text and not UNESCAPED_TAG.search(text)


def test_an_empty_store_offers_to_ingest(tmp_path, use_store, monkeypatch):
    use_store(tmp_path / "empty")
    monkeypatch.setenv("KB_CORPUS", str(HOSTILE))
    at = page()
    assert "is empty" in at.info[0].value
    assert not at.tabs
    at.button(key="ingest").click().run()
    assert not at.exception and not at.error
    assert [t.label for t in at.tabs][:2] == ["Ask", "Check"]
    assert (tmp_path / "tables").is_dir()
    assert Store.open(tmp_path / "empty").documents()[0].doc_id == "hostile-report-2023.txt"


def test_an_unreadable_store_is_a_message_not_a_traceback(tmp_path, use_store):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "kb.sqlite").write_bytes(b"this is not sqlite" * 100)
    use_store(bad)
    at = page()
    assert not at.exception
    assert "is not a kb store" in at.error[0].value
