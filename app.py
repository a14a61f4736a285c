"""The kb page: ask, read cited facts and checks, check claims, explore and export.

Thin by design: widgets in, calls to the `kb` package, rendering out. The
store is opened once per store directory (`st.cache_resource`); every piece
of document text goes through `kb.present`, which escapes it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from kb import present
from kb.errors import KbError
from kb.export import checks_csv_bytes, download_name, facts_csv_bytes, facts_json_bytes
from kb.models import CLAIM_TYPES
from kb.store import FactFilter, Store, resolve_store_dir

CORPUS = Path(__file__).resolve().parent / "corpus"
TABLES_DIR = Path(__file__).resolve().parent / "extracted_tables"


@st.cache_resource(show_spinner=False)
def open_kb(store_dir: str):
    """The store and its searcher, loaded once per store directory."""
    from kb.search import Searcher

    store = Store.open(Path(store_dir))
    if not store.documents():
        return store, None
    return store, Searcher(store)


def ingest_offer(store_dir: Path) -> None:
    """An empty store: offer to build it from corpus/, with progress."""
    st.info("The knowledge base is empty. Build it from the documents in `corpus/`?")
    if st.button("Ingest corpus/", type="primary"):
        from kb.pipeline import ingest

        bar = st.progress(0.0, text="starting")

        def progress(done: int, total: int, label: str) -> None:
            bar.progress(done / total if total else 1.0, text=f"{done}/{total} {label}")

        try:
            summary = ingest([CORPUS], store_dir, TABLES_DIR, progress=progress)
        except KbError as exc:
            st.error(str(exc))
            return
        st.success(summary.line())
        open_kb.clear()
        st.rerun()


def ask_tab(store: Store, searcher) -> None:
    query = st.text_input("Ask the documents", value=st.query_params.get("q", ""),
                          placeholder="京津冀数字经济规模", key="query")
    if query != st.query_params.get("q", ""):
        st.query_params["q"] = query
    cols = st.columns(3)
    docs = [""] + [d.doc_id for d in store.documents()]
    doc = cols[0].selectbox("Document", docs, format_func=lambda d: d or "all documents")
    subject = cols[1].text_input("Subject", placeholder="北京")
    k = cols[2].number_input("Hits", min_value=1, max_value=50, value=5)
    if not query.strip():
        st.caption("Type a few words or a sentence with a figure; the address bar keeps it (?q=…).")
        return
    try:
        hits = searcher.search(query, k=int(k), doc=doc or None, subject=subject or None)
    except KbError as exc:
        st.warning(str(exc))
        return
    if not hits:
        st.info("No passage matches; try other words or remove a filter.")
    from kb.search import marked_spans, _match_terms
    from kb.tokenize import tokenize

    terms = _match_terms(query, tokenize(query))
    for hit in hits:
        passage = store.passage(hit.passage_id)
        document = store.document(hit.doc_id)
        with st.container(border=True):
            st.markdown(f"**{hit.rank}.** {present.citation(document, passage)}")
            st.markdown(present.highlight_markdown(hit.text, marked_spans(hit.text, terms)))
            with st.expander("Surrounding paragraph"):
                st.text(present.surrounding_paragraph(document, passage))
            if hit.facts:
                st.dataframe(present.facts_frame(hit.facts), hide_index=True,
                             use_container_width=True)
            for check in hit.checks:
                st.markdown(present.check_markdown(check))
                if check.formula:
                    st.code(check.formula, language=None)


def check_tab(searcher) -> None:
    text = st.text_area("Claims to check, one a line",
                        placeholder="2021年中国数字经济规模达45.4万亿元", key="claims")
    if not st.button("Check", type="primary", key="check_button") and not text.strip():
        return
    from kb.claims import check_claim

    for claim in [line.strip() for line in text.splitlines() if line.strip()]:
        verdict = check_claim(searcher, claim)
        with st.container(border=True):
            st.markdown(f"**{present.escape_markdown(claim)}**")
            st.markdown(present.verdict_markdown(verdict))
            for evidence in verdict.evidence[:5]:
                f = evidence.fact
                st.markdown(f"- {present.escape_markdown(present.figure_text(f))} · "
                            f"{present.escape_markdown(evidence.doc_id)} · "
                            f"characters {f.char_start}–{f.char_end}: "
                            f"“{present.escape_markdown(evidence.quote)}”")


def facts_tab(store: Store) -> None:
    all_facts = store.facts()
    cols = st.columns(4)
    doc = cols[0].selectbox("Document", [""] + sorted({f.doc_id for f in all_facts}),
                            format_func=lambda d: d or "all", key="facts_doc")
    subject = cols[1].text_input("Subject contains", key="facts_subject")
    indicator = cols[2].text_input("Indicator contains", key="facts_indicator")
    claim_type = cols[3].selectbox("Claim type", [""] + list(CLAIM_TYPES),
                                   format_func=lambda t: t or "all", key="facts_type")
    cols = st.columns(4)
    source = cols[0].selectbox("Source", ["", "text", "table"],
                               format_func=lambda s: s or "text and table", key="facts_source")
    years = sorted({f.year for f in all_facts if f.year})
    year_range = (cols[1].select_slider("Years", options=years, value=(years[0], years[-1]),
                                        key="facts_years") if len(years) > 1 else None)
    min_value = cols[2].text_input("Min value (normalised)", key="facts_min")
    max_value = cols[3].text_input("Max value (normalised)", key="facts_max")
    try:
        filters = FactFilter(doc=doc, subject=subject, indicator=indicator, claim_type=claim_type,
                             source_kind=source,
                             min_value=float(min_value) if min_value.strip() else None,
                             max_value=float(max_value) if max_value.strip() else None)
    except ValueError:
        st.warning("Min and max take a number, e.g. 1e12 or 10.")
        return
    if year_range and (year_range[0], year_range[1]) != (years[0], years[-1]):
        filters.year_from, filters.year_to = year_range
    facts = [f for f in all_facts if filters.matches(f)]
    st.caption(f"{len(facts)} of {len(all_facts)} facts")
    st.dataframe(present.facts_frame(facts), hide_index=True, use_container_width=True,
                 column_config={"value_normalized": st.column_config.NumberColumn(format="%g"),
                                "year": st.column_config.NumberColumn(format="%d")})
    cols = st.columns(2)
    cols[0].download_button("Download CSV", facts_csv_bytes(facts),
                            file_name=download_name("kb-facts", "csv"), mime="text/csv")
    cols[1].download_button("Download JSON", facts_json_bytes(facts),
                            file_name=download_name("kb-facts", "json"), mime="application/json")


def consistency_tab(store: Store) -> None:
    checks = store.checks()
    counts = {v: sum(c.verdict == v for c in checks)
              for v in ("inconsistent", "unverifiable", "consistent")}
    st.markdown(" · ".join(f"{present.badge(v)} {n}" for v, n in counts.items()))
    st.download_button("Download checks CSV", checks_csv_bytes(checks),
                       file_name="kb-checks.csv", mime="text/csv")
    for check in checks:
        with st.container(border=True):
            st.markdown(present.check_markdown(check))
            if check.formula:
                st.code(check.formula, language=None)
            passage = store.passage(check.passage_id) if check.passage_id else None
            if passage is not None:
                st.caption(f"{check.doc_id} · {passage.passage_id} · "
                           f"characters {passage.start}–{passage.end}")
                with st.expander("Passage"):
                    st.text(passage.text)


def tables_tab(store: Store) -> None:
    from kb.tables import table_csv_bytes

    tables = store.tables()
    if not tables:
        st.info("No tables were found in the documents.")
        return
    for table in tables:
        with st.container(border=True):
            st.markdown(f"**{present.escape_markdown(table.caption or table.table_id)}** "
                        f"· {present.escape_markdown(table.doc_id)}")
            st.dataframe(present.table_frame(table), hide_index=True, use_container_width=True)
            for note in table.notes:
                st.caption(note)
            chart = present.table_chart_frame(table, list(store.iter_facts(table.doc_id)))
            if chart is not None:
                indicator, frame = chart
                st.caption(f"Chart: {indicator}")
                st.bar_chart(frame)
            st.download_button("Download CSV", table_csv_bytes(table),
                               file_name=f"{table.table_id}.csv", mime="text/csv",
                               key=f"dl-{table.table_id}")


def documents_tab(store: Store) -> None:
    documents = store.documents()
    st.dataframe(present.documents_frame(documents, store.counts()), hide_index=True,
                 use_container_width=True)
    doc_id = st.selectbox("Read a document", [d.doc_id for d in documents], key="read_doc")
    if doc_id:
        passages = store.passages(doc_id)
        for passage in passages:
            if passage.section:
                st.caption(present.escape_markdown(passage.section))
            st.text(f"[{passage.passage_id} · {passage.start}–{passage.end}]\n{passage.text}")


def main() -> None:
    st.set_page_config(page_title="kb: a fact base for Chinese documents", layout="wide")
    st.title("kb · 文档事实库")
    store_dir = resolve_store_dir(None)
    try:
        store, searcher = open_kb(str(store_dir.resolve()))
    except KbError as exc:
        st.error(str(exc))
        return
    if searcher is None:
        ingest_offer(store_dir)
        return
    tabs = st.tabs(["Ask", "Check", "Facts", "Consistency", "Tables", "Documents"])
    with tabs[0]:
        ask_tab(store, searcher)
    with tabs[1]:
        check_tab(searcher)
    with tabs[2]:
        facts_tab(store)
    with tabs[3]:
        consistency_tab(store)
    with tabs[4]:
        tables_tab(store)
    with tabs[5]:
        documents_tab(store)


main()
