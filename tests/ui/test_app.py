"""The page (app.py) driven as a user would, with streamlit.testing.v1.AppTest.

Every view is opened by its address, as a shared link would; what is
asserted is what a user sees (the longer walks through a tab are marked slow): the answer and its citation, the passage a
citation opens with the figure highlighted, the verdict in Chinese, the
figures as written, and the exact bytes behind each download button.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest

from kb.store.export import checks_csv_bytes, table_csv_bytes
from kb.store.sqlite import Store
from kb.ui import payloads
from tests.paths import ROOT

# Streamlit is imported where a test uses it, not at collection: every pytest-xdist worker
# collects every module, and only the workers that open a page need Streamlit (0.3 s a process)
if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

APP = str(ROOT / "app.py")
HOSTILE = ROOT / "tests" / "fixtures" / "app" / "hostile"
UNESCAPED_TAG = re.compile(r"(?<!\\)<")  # a "<" that Markdown could read as a tag


def doc_id(store_dir: Path, stem: str) -> str:
    """A document's id by its file name's stem (ids are paths, with or without the extension)."""
    return next(d.doc_id for d in Store.open(store_dir).documents() if d.doc_id.split(".")[0] == stem)


@pytest.fixture(scope="module", autouse=True)
def _components_scanned_once():
    """AppTest looks for Streamlit components in every installed distribution on each new page
    (it parses each one's metadata: 0.2 s a page here); what is installed does not change while
    the tests run, so the module scans once and every page reads the same list."""
    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:            # a Streamlit without v2 components does not scan
        manifest_scanner = None
    scan = getattr(manifest_scanner, "scan_component_manifests", None)
    if scan is None:               # nothing to spare in this Streamlit: the pages scan as they do
        yield
        return
    found: list = []

    def scanned_once(*args, **kwargs):
        if not found:
            found.append(scan(*args, **kwargs))
        return list(found[0])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", scanned_once)
        yield


@pytest.fixture()
def use_store(monkeypatch, tmp_path):
    """Point the page at a store (and a temp tables dir); forget cached stores."""
    import streamlit as st

    def use(store_dir: Path) -> None:
        monkeypatch.setenv("KB_STORE", str(store_dir))
        monkeypatch.setenv("KB_TABLES_DIR", str(tmp_path / "tables"))
        monkeypatch.delenv("KB_LANG", raising=False)
        st.cache_resource.clear()  # it persists across AppTest instances in one process
        st.cache_data.clear()

    yield use
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, bytes]:
    """file name → bytes of every download button the page renders."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    served: dict[str, bytes] = {}
    original = MediaFileManager.add

    def add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name is not None:
            served[file_name] = path_or_data
        return original(self, path_or_data, mimetype, coordinates, file_name=file_name,
                        is_for_static_download=is_for_static_download)

    def add_deferred(self, data, mimetype, coordinates, file_name=None, **kwargs):
        if file_name is not None:       # made on demand: made here, as a click would
            served[file_name] = data()
        return original_deferred(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    original_deferred = MediaFileManager.add_deferred
    monkeypatch.setattr(MediaFileManager, "add", add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return served


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    from kb.pipeline import ingest

    base = tmp_path_factory.mktemp("hostile")
    summary = ingest([HOSTILE], base / "store", base / "tables")
    assert not summary.failures and summary.documents == 1
    return base / "store"


def page(**params) -> AppTest:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


# --- Ask: the answer first, citations that open the source ------------------------------

@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_a_question_gets_an_answer_card_whose_citation_opens_the_passage(corpus_store, use_store):
    use_store(corpus_store)
    at = page(q="2019年京津冀碳排放强度")
    assert not at.exception
    shown = markdown(at)
    assert r"### 0\.71吨/万元 \[1\]" in shown and "京津冀 · 碳排放强度 · 2019年" in shown
    cite = at.button(key="cite-answer-1")
    assert cite.label.startswith("[1] 第") and "京津冀蓝皮书" in cite.label
    at = cite.click().run()
    # the Documents tab, at the passage, the figure highlighted, the address shareable
    bluebook = doc_id(corpus_store, "jjj-bluebook-2022-digital-economy")
    assert at.query_params["tab"] == "documents" and at.query_params["doc"] == bluebook
    fact_id = at.query_params["fact"]
    passage = Store.open(corpus_store).passage(at.query_params["passage"])
    assert "0.71吨/万元" in passage.text
    focus = markdown(at)
    assert r":red-background[0\.71吨/万元]" in focus and "**引用的段落**" in focus
    assert ":red-badge[▶ 第" in focus  # the passage marked in the whole document
    assert Store.open(corpus_store).fact(fact_id).figure_text == "0.71吨/万元"
    # and back
    at = at.button(key="back").click().run()
    assert "tab" not in at.query_params and "passage" not in at.query_params
    assert at.text_input(key="q").value == "2019年京津冀碳排放强度"


@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_a_figure_not_stated_is_said_missing_with_the_nearest(corpus_store, use_store):
    use_store(corpus_store)
    at = page(q="2021年京津冀数字经济规模")
    shown = markdown(at)
    assert r":orange-badge[\! 文中未见] **京津冀 数字经济规模 2021年**" in shown
    assert r"\[1\] 3\.91万亿元（京津冀 · 数字经济规模 · 2020年 · 水平值；时期不同）" in shown
    assert r"45\.4万亿人民币（全国 · 数字经济规模 · 2021年 · 水平值；主体不同）" in shown
    # the passage of 2020 is flagged: the query asks for 2021
    assert "注意：本段的数字属于 2020年，所问为 2021年。" in captions(at)


def test_a_weak_match_is_flagged(corpus_store, use_store):
    use_store(corpus_store)
    at = page(q="量子计算机")
    assert at.warning and "文档中没有出现：量子" in at.warning[0].value
    assert not at.get("flex_container") or "答案" not in markdown(at)


@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_ask_filters_live_in_the_address_and_survive_a_reload(corpus_store, use_store):
    use_store(corpus_store)
    at = page()
    assert "?q=" in at.caption[1].value  # the empty state says how to search
    at.text_input(key="q").set_value("科技企业孵化器")
    at.text_input(key="a_subject").set_value("天津")
    at.text_input(key="a_year").set_value("2023")
    at.number_input(key="k").set_value(3).run()
    params = {k: at.query_params[k] for k in ("q", "a_subject", "a_year", "k")}
    assert params == {"q": "科技企业孵化器", "a_subject": "天津", "a_year": "2023", "k": "3"}
    again = page(**params)
    assert again.text_input(key="q").value == "科技企业孵化器"
    assert again.text_input(key="a_subject").value == "天津" and again.number_input(key="k").value == 3
    assert r"### 36个 \[1\]" in markdown(again)


def test_stop_words_only_is_a_chinese_warning(corpus_store, use_store):
    use_store(corpus_store)
    at = page(q="的")
    assert "只有虚词或标点" in at.warning[0].value


# --- Check: a report ---------------------------------------------------------------------

@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_check_is_a_report_with_counts_evidence_worked_calculation_and_downloads(
        corpus_store, use_store, downloads, corpus_kb):
    use_store(corpus_store)
    claims = ("2019年京津冀城市群碳排放强度为0.71吨/万元\n2019年京津冀城市群碳排放强度为0.9吨/万元\n"
              "2030年火星的GDP达到3万亿元\n2014—2022年京津冀科技企业孵化器总量增长了1.51倍")
    at = page(tab="check", claims=claims)
    assert not at.exception
    assert at.text_area(key="claims").value == claims
    shown = markdown(at)
    assert "4 条说法" in shown and r":green-badge[✓ 属实] 2" in shown and r":red-badge[✗ 不符] 1" in shown
    assert r":gray-badge[? 未找到] **2030年火星的GDP达到3万亿元**" in shown
    assert r"\[1\] **0\.71吨/万元** 京津冀 · 碳排放强度 · 2019年" in shown
    assert any(b.startswith("[1] 第") for b in buttons(at))
    assert "重算过程" in captions(at) and any("708 / 282" in c.value for c in at.code)
    verdicts = corpus_kb.check(claims.splitlines())
    assert downloads["kb-verdicts.csv"] == payloads.verdicts_csv_bytes(verdicts)
    assert [r["verdict"] for r in json.loads(downloads["kb-verdicts.json"])["results"]] == [
        "supported", "contradicted", "not_found", "supported"]


def test_check_without_claims_asks_for_one(corpus_store, use_store):
    use_store(corpus_store)
    at = page(tab="check")
    at.button(key="check_button").click().run()
    assert at.warning[0].value.startswith("请写一条带数字的说法")


# --- Facts: facets, bounds as figures, a row opens its sentence -------------------------------

@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_facts_show_figures_as_written_never_rounded(corpus_store, use_store):
    use_store(corpus_store)
    at = page(tab="facts", f_subject="全国")
    frame = at.dataframe[0].value
    assert list(frame.columns[:3]) == ["数字（原文）", "数值", "主体"]
    figures = dict(zip(frame["数字（原文）"], frame["数值"], strict=True))
    assert figures["39.8%"] == "39.8%" and figures["45.4万亿人民币"] == "45.4万亿元"
    assert all(isinstance(v, str) for v in frame["数值"])
    at = page(tab="facts", f_text="余")
    figures = set(at.dataframe[0].value["数字（原文）"])
    assert {"500余家", "70余个", "200余项"} <= figures


@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_facts_facets_count_and_bounds_compare_within_a_unit(corpus_store, use_store, downloads):
    use_store(corpus_store)
    store = Store.open(corpus_store)
    all_facts = store.facts()
    at = page(tab="facts")
    assert at.caption[1].value == f"显示 {len(all_facts)} / {len(all_facts)} 条事实"
    subjects = at.multiselect(key="f_subject")
    n_beijing = sum((f.subject_key or f.subject) == "北京" for f in all_facts)
    assert subjects.format_func("北京") == f"北京 ({n_beijing})"
    at = page(tab="facts", f_min="1万亿")
    amounts = [f for f in all_facts if f.unit_normalized not in ("%", "‰", "pp", "times", "rank", "score")
               and f.value_normalized >= 1e12]
    assert at.dataframe[0].value["编号"].tolist() == [f.fact_id for f in amounts]
    at = page(tab="facts", f_min="5%", f_max="10%")
    rates = [f for f in all_facts if f.unit_normalized == "%" and 5 <= f.value_normalized <= 10]
    assert rates and at.dataframe[0].value["编号"].tolist() == [f.fact_id for f in rates]
    publishers = {d.doc_id: d.publisher for d in store.documents()}
    assert downloads["kb-facts.csv"] == payloads.facts_csv_bytes(rates, publishers)
    header = downloads["kb-facts.csv"].decode("utf-8-sig").split("\r\n")[0].split(",")
    assert {"doc_title", "doc_date", "figure_text", "doc_publisher"} <= set(header)
    at = page(tab="facts", f_min="lots")
    assert "“lots”不是一个数字" in at.warning[0].value


def test_a_fact_row_opens_its_sentence(corpus_store, use_store):
    use_store(corpus_store)
    fact = next(f for f in Store.open(corpus_store).facts() if f.figure_text == "500余家")
    at = page(tab="facts", f_open=fact.fact_id)
    shown = markdown(at)
    assert r"**500余家** 北京 · 孵化器 · 2022年 · 水平值" in shown and r":red-background[500余家]" in shown
    at = at.button(key="cite-fact").click().run()
    assert at.query_params["fact"] == fact.fact_id and at.query_params["tab"] == "documents"


# --- Consistency ------------------------------------------------------------------------

@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_consistency_filters_counts_cards_and_table(corpus_store, use_store, downloads):
    use_store(corpus_store)
    checks = Store.open(corpus_store).checks()
    bad = [c for c in checks if c.verdict == "inconsistent"]
    at = page(tab="consistency", c_verdict="inconsistent")
    assert at.caption[1].value == f"显示 {len(bad)} / {len(checks)} 项核验"
    heads = [m.value for m in at.markdown if m.value.startswith(":") and "-badge[" in m.value]
    assert len(heads) == len(bad) and all(h.startswith(r":red-badge[✗ 不一致]") for h in heads)
    shown = markdown(at)
    assert r"原文 **近1倍** · 重算 **0\.818倍**" in shown  # the stated figure as written, not "1"
    assert "衡量：京津冀 · 国家级科技企业孵化器 · 2014—2022年" in shown
    assert r"增长:red-background[近1倍]" in shown.replace(" ", "")  # the sentence, figure marked
    assert downloads["kb-checks.csv"] == checks_csv_bytes(bad)
    at = page(tab="consistency", c_view="table", c_kind="multiple")
    frame = at.dataframe[0].value
    assert set(frame["类型"]) == {"倍数"} and len(frame) == sum(c.kind == "multiple" for c in checks)


def test_a_page_number_beyond_a_narrower_filter_falls_back_to_the_last_page(corpus_store, use_store):
    use_store(corpus_store)
    at = page(tab="consistency", c_page="4")            # 80 checks: four pages of 20
    assert at.number_input(key="c_page").value == 4 and not at.exception
    at.pills(key="c_verdict").set_value(["inconsistent"]).run()   # 3 checks: one page
    assert not at.exception and at.session_state["c_page"] == 1


# --- Tables and documents --------------------------------------------------------------------

@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_tables_chart_each_group_on_its_own_scale_sorted_with_the_unit(corpus_store, use_store, downloads):
    use_store(corpus_store)
    table = next(t for t in Store.open(corpus_store).tables() if "外向活跃度" in t.caption)
    at = page(tab="tables", t=table.table_id)
    assert at.selectbox(key="t").value == table.table_id
    assert downloads[f"{table.table_id}.csv"] == table_csv_bytes(table)
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert [c["title"] for c in charts] == ["京津冀", "大湾区内地九市"]  # clean region names
    bars = charts[0]["layer"][0]
    assert bars["encoding"]["y"]["sort"][:2] == ["北京", "天津"]  # sorted by 2022
    assert bars["encoding"]["x"]["title"] == "外向活跃度（指数）"
    frame = at.dataframe[0].value
    assert "大湾区内地九市" in set(frame.iloc[:, 0])


def test_documents_read_with_headings_anchors_and_figures(corpus_store, use_store):
    use_store(corpus_store)
    store = Store.open(corpus_store)
    bluebook = doc_id(corpus_store, "jjj-bluebook-2022-digital-economy")
    at = page(tab="documents", doc=bluebook)
    text = at.markdown[-1].value
    assert text.count(":gray-badge[[第") == len(store.passages(bluebook))
    assert f"(?tab=documents&{urlencode({'doc': bluebook})}&passage=p" in text  # an address per passage
    assert r"**《京津冀蓝皮书：京津冀发展报告（2022）》发布**  " in text  # a heading line by line
    assert r":blue-background[0\.71吨/万元]" in text


@pytest.mark.slow  # a second of AppTest runs; the quick loop keeps the cheaper ones
def test_a_bare_passage_link_opens_the_documents_tab(corpus_store, use_store):
    use_store(corpus_store)
    target = next(p for p in Store.open(corpus_store).passages() if "0.71吨/万元" in p.text)
    at = page(passage=target.passage_id)
    assert at.selectbox(key="doc").value == target.doc_id and "**引用的段落**" in markdown(at)
    assert page(passage="pnope").warning[0].value.startswith("链接的段落不在知识库中")


def test_english_on_request(corpus_store, use_store):
    use_store(corpus_store)
    at = page(lang="en", tab="Consistency", c_verdict="inconsistent")
    assert [t.label for t in at.tabs] == ["Ask", "Check", "Facts", "Consistency", "Tables", "Documents"]
    assert r":red-badge[✗ inconsistent]" in markdown(at)


@pytest.mark.slow  # its own ingest and page runs
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
    at = page(tab="documents", doc=doc_id(hostile_store, "hostile-report-2023"))
    text = at.markdown[-1].value
    assert r"\<script\>" in text and r"\<img" in text and not UNESCAPED_TAG.search(text)


@pytest.mark.slow  # its own ingest and page runs
def test_an_empty_store_offers_to_ingest(tmp_path, use_store, monkeypatch):
    use_store(tmp_path / "empty")
    monkeypatch.setenv("KB_CORPUS", str(HOSTILE))
    at = page()
    assert "还是空的" in at.info[0].value
    assert not at.tabs
    at.button(key="ingest").click().run()
    assert not at.exception and not at.error
    assert [t.label for t in at.tabs][:2] == ["问答", "核查"]
    assert (tmp_path / "tables").is_dir()
    assert Store.open(tmp_path / "empty").documents()[0].doc_id.startswith("hostile-report-2023")


def test_an_unreadable_store_is_a_message_not_a_traceback(tmp_path, use_store):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "kb.sqlite").write_bytes(b"this is not sqlite" * 100)
    use_store(bad)
    at = page()
    assert not at.exception
    assert "不是 kb 知识库" in at.error[0].value


@pytest.mark.slow  # its own ingest and page run
def test_a_paged_document_is_read_page_by_page_with_the_cited_page_open(tmp_path, use_store):
    from kb.api import KnowledgeBase
    from tests.formats.pdfbytes import pages_pdf

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.pdf").write_bytes(pages_pdf([
        [(20, "Output"), (12, "Page one: output rose 5.2 percent in 2023.")],
        [(20, "Exports"), (12, "Page two: exports grew 7.1 percent in 2023.")]]))
    kb = KnowledgeBase.open(tmp_path / "store", tables_dir=tmp_path / "tables")
    kb.ingest([docs])
    second = next(p for p in kb.store.passages() if "Page two" in p.text)
    kb.close()
    assert second.page == 2
    use_store(tmp_path / "store")
    at = page(tab="documents", doc=second.doc_id, passage=second.passage_id)
    pages = [(e.label, e.proto.expanded) for e in at.expander if e.label.startswith("第")]
    assert pages == [("第1页", False), ("第2页", True)]
