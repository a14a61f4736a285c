"""The kb page: ask, read cited facts and checks, check claims, explore and export.

Thin by design: widgets in, calls to the `kb` package, rendering out. The
store is opened once per store directory and version (`st.cache_resource`);
every piece of document text goes through `kb.ui.present`, which escapes it.

Environment: KB_STORE (the store, set by `kb app`), KB_TABLES_DIR (where an
ingest started from the page writes tables; default extracted_tables/ next to
the store), KB_CORPUS (what that ingest reads; default corpus/ of this checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from kb.ui import present
from kb.errors import KbError
from kb.store.export import checks_csv_bytes, download_name, facts_csv_bytes, facts_json_bytes
from kb.models import CLAIM_TYPES
from kb.store.sqlite import FactFilter, Store, resolve_store_dir

HERE = Path(__file__).resolve().parent


def corpus_dir() -> Path:
    return Path(os.environ.get("KB_CORPUS") or HERE / "corpus")


def tables_dir(store_dir: Path) -> Path:
    return Path(os.environ.get("KB_TABLES_DIR") or store_dir.resolve().parent / "extracted_tables")


def store_version(store_dir: Path) -> int:
    """Changes whenever an ingest rebuilds the index (a new directory), so the cache reloads.

    The index directory is replaced exactly when an ingest changed something.
    """
    from kb.pipeline import INDEX_DIR

    index = store_dir / INDEX_DIR
    return index.stat().st_mtime_ns if index.is_dir() else 0


@st.cache_resource(show_spinner="Loading the knowledge base…", max_entries=4)
def open_kb(store_dir: str, version: int):
    """The store and its searcher (None while the store is empty), loaded once."""
    from kb.search.searcher import Searcher
    from kb.text.tokenizer import prefer_fast_start, tokenize

    prefer_fast_start()  # read the dictionary on demand: the page starts faster
    store = Store.open(Path(store_dir))
    if not store.documents():
        return store, None
    searcher = Searcher(store)
    tokenize("预热")  # load the segmenter's dictionary now, not on the first query
    return store, searcher


def ingest_offer(store_dir: Path) -> None:
    """An empty store: offer to build it from the corpus folder, with progress."""
    corpus = corpus_dir()
    st.info(f"The knowledge base at `{store_dir}` is empty. "
            f"Build it from the documents in `{corpus}`?")
    if not st.button("Ingest the corpus", type="primary", key="ingest"):
        return
    from kb.pipeline import ingest

    bar = st.progress(0.0, text="starting")

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(min(1.0, done / total) if total else 1.0, text=f"{done}/{total} {label}")

    try:
        summary = ingest([corpus], store_dir, tables_dir(store_dir), progress=progress)
    except KbError as exc:
        st.error(str(exc))
        return
    st.success(summary.line())
    open_kb.clear()
    st.rerun()


# --- rendering pieces --------------------------------------------------------

def show_check(check, store: Store) -> None:
    st.markdown(present.check_markdown(check))
    if check.formula:
        st.code(check.formula, language=None, wrap_lines=True)
    st.markdown(present.check_numbers_markdown(check))
    if check.recomputed_value is not None:
        st.caption(present.escape_markdown(check.explanation))


def show_passage(store: Store, passage, hit=None, terms=()) -> None:
    """A cited passage: citation, text with matched terms, context, facts, checks."""
    from kb.search.searcher import marked_spans

    document = store.document(passage.doc_id)
    rank = f"**{hit.rank}.** " if hit is not None else ""
    st.markdown(rank + present.citation(document, passage))
    st.markdown(present.highlight_markdown(passage.text, marked_spans(passage.text, list(terms))))
    if document is not None:
        with st.expander("Surrounding paragraph"):
            st.text(present.surrounding_paragraph(document, passage))
    facts = hit.facts if hit is not None else store.facts_in_passages([passage.passage_id]).get(
        passage.passage_id, [])
    checks = hit.checks if hit is not None else store.checks_for(
        [f.fact_id for f in facts], [passage.passage_id])
    if facts:
        st.dataframe(present.compact_facts_frame(facts), hide_index=True, width="stretch")
    for check in checks:
        show_check(check, store)


# --- tabs ---------------------------------------------------------------------

def ask_tab(store: Store, searcher) -> None:
    linked = st.query_params.get("passage", "")
    if linked:
        passage = store.passage(linked)
        with st.container(border=True):
            if passage is None:
                st.warning("The linked passage is not in the knowledge base (re-ingested?).")
            else:
                st.caption("Linked passage")
                show_passage(store, passage)
    query = st.text_input("Ask the documents", value=st.query_params.get("q", ""),
                          placeholder="京津冀数字经济规模", key="query")
    if query != st.query_params.get("q", ""):
        st.query_params["q"] = query  # keep the search in the address, so it can be shared
    cols = st.columns(3)
    docs = [""] + [d.doc_id for d in store.documents()]
    doc = cols[0].selectbox("Document", docs, format_func=lambda d: d or "all documents",
                            key="ask_doc")
    subject = cols[1].text_input("Subject", placeholder="北京", key="ask_subject")
    k = cols[2].number_input("Hits", min_value=1, max_value=50, value=5, key="ask_k")
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
        return
    from kb.search.searcher import match_terms
    from kb.text.tokenizer import tokenize

    terms = match_terms(query, tokenize(query))
    for hit in hits:
        passage = store.passage(hit.passage_id)
        with st.container(border=True):
            show_passage(store, passage, hit, terms)


def check_tab(searcher, store: Store) -> None:
    text = st.text_area("Claims to check, one a line",
                        placeholder="2021年中国数字经济规模达45.4万亿元", key="claims")
    clicked = st.button("Check", type="primary", key="check_button")
    claims = present.split_claims(text)
    if not claims:
        if clicked:
            st.warning("Write a claim with a figure, e.g. 2021年中国数字经济规模达45.4万亿元.")
        return
    from kb.search.claims import check_claims

    for verdict in check_claims(searcher, claims):
        with st.container(border=True):
            st.markdown(f"**{present.escape_markdown(verdict.claim)}**")
            st.markdown(present.verdict_markdown(verdict))
            for evidence in verdict.evidence[:5]:
                passage = store.passage(evidence.passage_id) if evidence.passage_id else None
                st.markdown(present.evidence_markdown(
                    evidence, store.document(evidence.doc_id), passage))
            if not verdict.evidence and verdict.passages:
                st.caption("Passages that discuss it: " + " · ".join(
                    f"[{pid}]({present.passage_link(pid)})" for pid in verdict.passages[:5]))


def fact_filters(all_facts) -> FactFilter | None:
    """The filter widgets of the Facts tab, as a FactFilter (None on a bad number)."""
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
    min_value = cols[2].text_input("Min value (normalised)", key="facts_min", placeholder="e.g. 1e9")
    max_value = cols[3].text_input("Max value (normalised)", key="facts_max")
    try:
        filters = FactFilter(doc=doc, subject=subject.strip(), indicator=indicator.strip(),
                             claim_type=claim_type, source_kind=source,
                             min_value=float(min_value) if min_value.strip() else None,
                             max_value=float(max_value) if max_value.strip() else None)
    except ValueError:
        st.warning("Min and max take a number, e.g. 1e12 or 10.")
        return None
    if year_range and tuple(year_range) != (years[0], years[-1]):
        filters.year_from, filters.year_to = year_range  # full range: keep undated facts too
    return filters


def facts_tab(store: Store) -> None:
    all_facts = store.facts()
    filters = fact_filters(all_facts)
    if filters is None:
        return
    facts = [f for f in all_facts if filters.matches(f)]
    st.caption(f"{len(facts)} of {len(all_facts)} facts")
    st.dataframe(present.facts_frame(facts), hide_index=True, width="stretch",
                 column_config={
                     "value_normalized": st.column_config.NumberColumn("value (base unit)",
                                                                       format="compact"),
                     "unit_normalized": st.column_config.TextColumn("base unit"),
                     "year": st.column_config.NumberColumn(format="%d"),
                     "char_start": st.column_config.NumberColumn("from", format="%d"),
                     "char_end": st.column_config.NumberColumn("to", format="%d")})
    cols = st.columns(2)
    cols[0].download_button("Download CSV", facts_csv_bytes(facts), key="dl_facts_csv",
                            file_name=download_name("kb-facts", "csv"), mime="text/csv")
    cols[1].download_button("Download JSON", facts_json_bytes(facts), key="dl_facts_json",
                            file_name=download_name("kb-facts", "json"), mime="application/json")


def consistency_tab(store: Store) -> None:
    checks = present.sort_checks(store.checks())
    st.markdown(" · ".join(f"{present.badge(v)} {n}"
                           for v, n in present.verdict_counts(checks).items()))
    st.download_button("Download checks CSV", checks_csv_bytes(checks), key="dl_checks_csv",
                       file_name="kb-checks.csv", mime="text/csv")
    for check in checks:
        with st.container(border=True):
            show_check(check, store)
            passage = store.passage(check.passage_id) if check.passage_id else None
            if passage is not None:
                cite = present.citation(store.document(check.doc_id), passage)
                st.markdown(f"{cite} · [open passage]({present.passage_link(passage.passage_id)})")
                with st.expander("Passage"):
                    st.text(passage.text)


def tables_tab(store: Store) -> None:
    from kb.figures import table_csv_bytes

    tables = store.tables()
    if not tables:
        st.info("No tables were found in the documents.")
        return
    for table in tables:
        with st.container(border=True):
            st.markdown(f"**{present.escape_markdown(table.caption or table.table_id)}**")
            st.caption(present.table_source(table, store.document(table.doc_id)))
            st.dataframe(present.table_frame(table), hide_index=True, width="stretch")
            for note in table.notes:
                st.caption(present.escape_markdown(note))
            chart = present.table_chart_frame(table, list(store.iter_facts(table.doc_id)))
            if chart is not None:
                indicator, frame = chart
                st.caption(f"Chart: {present.escape_markdown(indicator)}")
                st.bar_chart(frame, stack=False, horizontal=True, height=max(200, 24 * len(frame)))
            st.download_button("Download CSV", table_csv_bytes(table),
                               file_name=f"{table.table_id}.csv", mime="text/csv",
                               key=f"dl-{table.table_id}")


def documents_tab(store: Store) -> None:
    documents = store.documents()
    st.dataframe(present.documents_frame(documents, store.counts()), hide_index=True,
                 width="stretch")
    doc_id = st.selectbox("Read a document", [""] + [d.doc_id for d in documents],
                          format_func=lambda d: d or "choose a document", key="read_doc")
    document = store.document(doc_id) if doc_id else None
    if document is not None:
        st.markdown(present.document_markdown(document, store.passages(doc_id)))


def main() -> None:
    st.set_page_config(page_title="kb: a fact base for Chinese documents", layout="wide")
    st.title("kb · 文档事实库")
    store_dir = resolve_store_dir(None)
    try:
        store, searcher = open_kb(str(store_dir.resolve()), store_version(store_dir))
    except KbError as exc:
        st.error(str(exc))
        return
    if searcher is None:
        ingest_offer(store_dir)
        return
    # Bound to ?tab=…: only the open tab runs (a query does not redraw every tab),
    # and a link can open a tab directly.
    pages = {"Ask": lambda: ask_tab(store, searcher),
             "Check": lambda: check_tab(searcher, store),
             "Facts": lambda: facts_tab(store),
             "Consistency": lambda: consistency_tab(store),
             "Tables": lambda: tables_tab(store),
             "Documents": lambda: documents_tab(store)}
    for tab, render in zip(st.tabs(list(pages), key="tab", bind="query-params"), pages.values()):
        if tab.open is not False:
            with tab:
                render()

main()
