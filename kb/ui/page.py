"""The body of the kb page: ask, read cited facts and checks, check claims, explore and export.

Widgets in, calls to the `KnowledgeBase` front door, rendering out. The
knowledge base is opened once per store directory and version
(`st.cache_resource`); every piece of document text goes through
`kb.ui.present`, which escapes it. Every input lives in the address
(`kb.ui.state`), so a reload or a shared link shows the same view; every
citation opens the Documents tab at its passage with the figure highlighted.
Words are Chinese unless the page (?lang=en) or KB_LANG says English.
``app.py`` at the project root is the Streamlit entry point and only calls `main()`.

Environment: KB_STORE (the store, set by `kb app`), KB_TABLES_DIR (where an
ingest started from the page writes tables; default extracted_tables/ next to
the store), KB_CORPUS (what that ingest reads; default corpus/ of this checkout),
KB_LANG (zh or en: the page's language when the address does not say).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import streamlit as st

from kb.api import KnowledgeBase, fact_query
from kb.errors import KbError
from kb.ui import charts, numbers, payloads, present, wording
from kb.ui.explain import error_message
from kb.ui.links import TAB_IDS, tab_id
from kb.ui.state import drop, keep_options, publish, seed, seed_many
from kb.ui.words import LANGS, Words, pick_lang, words

HERE = Path(__file__).resolve().parents[2]  # the checkout: corpus/ lives here
FACETS = ("subject", "indicator", "year", "measure", "doc", "unit")
CHECKS_PER_PAGE = 20
FACTS_PER_PAGE = 500
SOURCE_PARAMS = ("passage", "fact", "hl")


def corpus_dir() -> Path:
    return Path(os.environ.get("KB_CORPUS") or HERE / "corpus")


def tables_dir() -> Path | None:
    """KB_TABLES_DIR when `kb app` (or the user) set it; else the store's own default."""
    value = os.environ.get("KB_TABLES_DIR")
    return Path(value) if value else None


@st.cache_resource(show_spinner=False, max_entries=4)
def open_kb(store_dir: str, version: int) -> KnowledgeBase:
    """The knowledge base, its store and searcher loaded once per store version."""
    kb = KnowledgeBase.open(store_dir, tables_dir=tables_dir(), fast_start=True)
    if kb.exists() and kb.document_list():
        kb.searcher.tokenizer.tokenize("预热")  # load the dictionary now, not on the first query
    return kb


@st.cache_data(show_spinner=False, max_entries=64)
def check_claims(store_dir: str, version: int, claims: tuple[str, ...]):
    """Claim verdicts, computed once per store version and list of claims."""
    return open_kb(store_dir, version).check(list(claims))


def ingest_offer(kb: KnowledgeBase, w: Words) -> None:
    """An empty store: offer to build it from the corpus folder, with progress."""
    corpus = corpus_dir()
    st.info(w("store_empty", store=kb.store_dir, corpus=corpus))
    if not st.button(w("ingest_button"), type="primary", key="ingest"):
        return
    bar = st.progress(0.0, text=w("ingest_starting"))

    def progress(done: int, total: int, label: str) -> None:
        bar.progress(min(1.0, done / total) if total else 1.0, text=f"{done}/{total} {label}")

    try:
        summary = kb.ingest([corpus], progress=progress)
    except KbError as exc:
        st.error(error_message(str(exc), w))
        return
    st.success(summary.line())
    open_kb.clear()
    st.rerun()


# --- going to a source and back ------------------------------------------------------

def tabs_key(w: Words) -> str:
    return f"tabs_{w.lang}"


def open_source(w: Words, origin: str, doc_id: str, passage_id: str, fact_id: str = "",
                terms: tuple[str, ...] = ()) -> None:
    """(A button's callback.) Show the Documents tab at a passage, the figure and terms marked."""
    st.session_state[tabs_key(w)] = w.term("tabs", "documents")
    st.session_state["doc"] = doc_id
    st.session_state["back_to"] = origin
    st.query_params["passage"] = passage_id
    for key, value in (("fact", fact_id), ("hl", " ".join(terms))):
        if value:
            st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]


def go_back(w: Words) -> None:
    """(A button's callback.) Back to the tab a citation was opened from."""
    st.session_state[tabs_key(w)] = w.term("tabs", st.session_state.pop("back_to", "ask"))
    drop(*SOURCE_PARAMS)


def cite_button(label: str, key: str, w: Words, origin: str, fact=None, passage=None,
                terms: tuple[str, ...] = ()) -> None:
    """A citation that opens its passage in the Documents tab (and its address in the bar)."""
    doc_id = fact.doc_id if fact is not None else passage.doc_id
    passage_id = fact.passage_id if fact is not None else passage.passage_id
    st.button(label, key=key, type="tertiary", on_click=open_source,
              args=(w, origin, doc_id, passage_id, fact.fact_id if fact is not None else "", tuple(terms)))


def fact_place(kb: KnowledgeBase, fact, w: Words) -> str:
    """第12段 · title: the paragraph first, so a cut button label keeps it."""
    passage = kb.passage(fact.passage_id) if fact.passage_id else None
    return wording.cite_label(kb.document(fact.doc_id), passage, w, fact)


# --- pieces shown on several tabs ----------------------------------------------------------

def show_check(kb: KnowledgeBase, check, stated, w: Words, origin: str, key: str, cite: bool = True) -> None:
    """A check: verdict and kind, what is measured, the sentence, stated against recomputed,
    the worked formula, the explanation, and a citation to its passage."""
    st.markdown(present.check_markdown(check, stated, w))
    if check.quote:
        st.markdown(present.quote_markdown(check.quote, present.figure_in(check.quote, stated)))
    numbers_line = present.check_numbers_markdown(check, stated, w)
    if numbers_line:
        st.markdown(numbers_line)
    if check.formula:
        recomputed = numbers.in_unit_of(check.recomputed_value, stated) if check.recomputed_value is not None else ""
        st.code(check.formula + (f" = {recomputed}" if recomputed and "=" not in check.formula else ""),
                language=None, wrap_lines=True)
    st.caption(present.explanation_markdown(check.explanation, w))
    passage = kb.passage(check.passage_id) if check.passage_id else None
    if cite and passage is not None:
        label = wording.cite_label(kb.document(check.doc_id), passage, w)
        if stated is not None and stated.passage_id == passage.passage_id:
            cite_button(label, f"cite-{key}", w, origin, fact=stated)
        else:
            cite_button(label, f"cite-{key}", w, origin, passage=passage)


def facts_dataframe(facts, w: Words, key: str | None = None, selectable: bool = False):
    frame = present.compact_facts_frame(facts, w) if not selectable else present.facts_frame(facts, w)
    frame = frame.rename(columns=present.fact_columns(w))
    if selectable:
        return st.dataframe(frame, hide_index=True, width="stretch", key=key, on_select="rerun",
                            selection_mode="single-row")
    return st.dataframe(frame, hide_index=True, width="stretch")


# --- Ask ------------------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def ask(store_dir: str, version: int, query: str, k: int, doc: str | None, subject: str | None,
        year: str | None):
    """(hits, answer, match, terms to mark) of a query, computed once per store version and query:
    a rerun for another widget does not search again (1.5 s at 10,000 documents)."""
    kb = open_kb(store_dir, version)
    hits = kb.search(query, k=k, doc=doc, subject=subject, year=year)
    return (hits, kb.answer(query, hits, doc=doc, subject=subject, year=year), kb.match(query, hits),
            tuple(kb.match_terms(query)))


def ask_inputs(kb: KnowledgeBase, w: Words) -> dict:
    docs = [""] + [d.doc_id for d in kb.document_list()]
    seed("q", "")
    seed("a_doc", "", options=docs)
    seed("a_subject", "")
    seed("a_year", "")
    seed("k", 5, options=range(1, 51), cast=int)
    query = st.text_input(w("ask_label"), key="q", placeholder=w("ask_placeholder"))
    filtered = any(st.session_state[k] for k in ("a_doc", "a_subject", "a_year")) or st.session_state["k"] != 5
    cols = st.expander(w("filters"), expanded=filtered).columns([3, 2, 1, 1])
    titles = {d.doc_id: d.title or d.doc_id for d in kb.document_list()}
    cols[0].selectbox(w("filter_doc"), docs, key="a_doc",
                      format_func=lambda d: titles.get(d, "") or w("all_documents"))
    cols[1].text_input(w("filter_subject"), key="a_subject", placeholder="北京")
    cols[2].text_input(w("filter_year"), key="a_year", placeholder="2022")
    cols[3].number_input(w("filter_hits"), min_value=1, max_value=50, key="k")
    values = {"q": query, "a_doc": st.session_state["a_doc"], "a_subject": st.session_state["a_subject"].strip(),
              "a_year": st.session_state["a_year"].strip(), "k": int(st.session_state["k"])}
    for key, default in (("q", ""), ("a_doc", ""), ("a_subject", ""), ("a_year", ""), ("k", 5)):
        publish(key, values[key], default)
    return values


def ask_tab(kb: KnowledgeBase, w: Words) -> None:
    inputs = ask_inputs(kb, w)
    query = inputs["q"].strip()
    if not query:
        st.caption(w("ask_hint"))
        return
    filters = (inputs["a_doc"] or None, inputs["a_subject"] or None, inputs["a_year"] or None)
    try:
        hits, answer, match, terms = ask(str(kb.store_dir.resolve()), kb.version(), query, inputs["k"], *filters)
    except KbError as exc:
        st.warning(error_message(str(exc), w))
        return
    if answer is not None:
        answer_card(kb, answer, w, terms)
    if hits and match.low:
        st.warning(wording.weak_match(match, w), icon=":material/warning:")
    if not hits:
        st.info(w("no_hits"))
        return
    st.markdown(f"**{present.escape_markdown(w('hits_title', n=len(hits)))}**")
    years = answer.asked.years if answer is not None else []
    for hit in hits:
        hit_card(kb, hit, w, terms, years)


def answer_card(kb: KnowledgeBase, answer, w: Words, terms: tuple[str, ...]) -> None:
    """The answer first: the figure as written with [1], or what is not stated and the nearest;
    then the same figure in other documents or periods [2] [3] with how each differs. Each
    citation opens its passage."""
    with st.container(border=True, key="answer"):
        st.markdown(f"**{present.escape_markdown(w('answer_title'))}** · " + present.answer_headline(answer, w))
        if answer.status == "not_stated":
            st.caption(w("answer_nearest") if answer.nearest else w("answer_none_found"))
        for n, fact in enumerate(answer.cited(), 1):
            if n == 2:
                st.caption(w("answer_others") if answer.status == "stated" else w("answer_alternatives"))
            cols = st.columns([3, 2], vertical_alignment="center")
            if n > 1 or answer.status == "not_stated":
                cols[0].markdown(present.cited_markdown(fact, n, w, answer.differences.get(fact.fact_id)))
            with cols[1] if (n > 1 or answer.status == "not_stated") else cols[0]:
                cite_button(w("cite_button", n=n, where=fact_place(kb, fact, w)), f"cite-answer-{n}", w, "ask",
                            fact=fact, terms=terms)


def hit_card(kb: KnowledgeBase, hit, w: Words, terms: tuple[str, ...], years: list[int]) -> None:
    """A cited passage: its citation (a button to the document), text with figures and matched
    terms marked, a note when its figures are of another year than asked, its facts and checks."""
    passage, document = kb.passage(hit.passage_id), kb.document(hit.doc_id)
    with st.container(border=True):
        cite_button(f"{hit.rank}. {wording.location(document, passage, w)}", f"cite-hit-{hit.passage_id}", w,
                    "ask", passage=passage, terms=terms)
        note = present.other_year_note(hit.facts, years, w)
        if note:
            st.caption("⚠ " + present.escape_markdown(note))
        st.markdown(present.styled_markdown(passage.text, present.passage_spans(passage, hit.facts, list(terms))))
        if document is not None:
            with st.expander(w("surrounding")):
                st.text(present.surrounding_paragraph(document, passage))
        if hit.facts:
            facts_dataframe(hit.facts, w)
        stated = {f.fact_id: f for f in hit.facts}
        for check in hit.checks:
            show_check(kb, check, stated.get(check.stated_fact_id), w, "ask", f"hit-{hit.passage_id}-{check.check_id}",
                       cite=False)


# --- Check ----------------------------------------------------------------------------

def check_tab(kb: KnowledgeBase, w: Words) -> None:
    seed("claims", "")
    text = st.text_area(w("claims_label"), key="claims", placeholder=w("claims_placeholder"))
    clicked = st.button(w("check_button"), type="primary", key="check_button")
    publish("claims", text.strip())
    claims = present.split_claims(text)
    if not claims:
        if clicked:
            st.warning(w("claims_missing"))
        return
    try:
        verdicts = check_claims(str(kb.store_dir.resolve()), kb.version(), tuple(claims))
    except KbError as exc:
        st.warning(error_message(str(exc), w))
        return
    st.markdown(present.escape_markdown(w("claims_summary", n=len(verdicts))) + " "
                + present.counts_markdown(verdicts, w, present.CLAIM_VERDICTS))
    cols = st.columns(2)
    cols[0].download_button(w("download_verdicts_csv"), payloads.verdicts_csv_bytes(verdicts, w),
                            file_name="kb-verdicts.csv", mime="text/csv", key="dl_verdicts_csv")
    cols[1].download_button(w("download_verdicts_json"), payloads.verdicts_json_bytes(verdicts),
                            file_name="kb-verdicts.json", mime="application/json", key="dl_verdicts_json")
    for i, verdict in enumerate(verdicts):
        verdict_card(kb, verdict, w, i)


def verdict_card(kb: KnowledgeBase, verdict, w: Words, i: int) -> None:
    """A claim's verdict as a report: badge, explanation, numbered evidence with citations and
    the worked calculation of each derived figure it rests on."""
    with st.container(border=True):
        st.markdown(present.verdict_markdown(verdict, w))
        st.markdown(present.explanation_markdown(verdict.explanation, w))
        if verdict.evidence:
            st.caption(w("evidence_title"))
        for n, evidence in enumerate(verdict.evidence[:5], 1):
            fact = evidence.fact
            st.markdown(f"\\[{n}\\] **{present.escape_markdown(numbers.figure(fact))}** "
                        f"{present.escape_markdown(wording.about(fact, w))}  \n“"
                        + present.quote_markdown(evidence.quote, present.figure_in(evidence.quote, fact)) + "”")
            cite_button(w("cite_button", n=n, where=fact_place(kb, fact, w)), f"cite-claim-{i}-{n}", w, "check",
                        fact=fact)
            worked = [c for c in kb.checks_on([fact], evidence.passage_id) if c.stated_fact_id == fact.fact_id]
            for check in worked[:2]:
                st.caption(w("worked_title"))
                show_check(kb, check, fact, w, "check", f"claim-{i}-{n}-{check.check_id}", cite=False)
        if not verdict.evidence:
            st.caption(w("no_evidence"))
            for pid in verdict.passages[:5]:
                passage = kb.passage(pid)
                if passage is not None:
                    cite_button(wording.cite_label(kb.document(passage.doc_id), passage, w),
                                f"cite-claim-{i}-{pid}", w, "check", passage=passage)


# --- Facts ----------------------------------------------------------------------------

def facet_label(name: str, value: str, w: Words, titles: dict[str, str]) -> str:
    if name == "measure":
        return w.term("measure", value)
    if name == "doc":
        return titles.get(value, value)
    if name == "unit":
        return w.term("unit", value)
    return value


@st.cache_resource(show_spinner=False, max_entries=4)
def facet_index(store_dir: str, version: int):
    """The facts' facet values, units and figures as columns, read once per store version
    (kb.search.facet_index: no model a fact; 432,000 facts at 10,000 documents)."""
    return open_kb(store_dir, version).facet_index()


@st.cache_resource(show_spinner=False, max_entries=16)
def text_mask(store_dir: str, version: int, text: str):
    """Which facts contain ``text``, searched in the store once per store version and text."""
    return open_kb(store_dir, version).text_mask(text)


class FactView:
    """The Facts tab's index with the text mask of the query being shown."""

    def __init__(self, kb: KnowledgeBase):
        self.store_dir, self.version = str(kb.store_dir.resolve()), kb.version()
        self.index = facet_index(self.store_dir, self.version)

    def mask_for(self, query):
        """The text mask a query needs (None without text)."""
        return text_mask(self.store_dir, self.version, query.text) if query.text else None

    def counts(self, query, name: str) -> list[tuple[str, int]]:
        """(value, count) of one facet under the query's other selections."""
        return self.index.facet_counts(query, name, self.mask_for(query))

    def matching_ids(self, query) -> list[str]:
        """The ids of the facts the query keeps, in store order."""
        return self.index.matching_ids(query, self.mask_for(query))


def fact_filters(kb: KnowledgeBase, view: FactView, w: Words):
    """The facet, text and bound widgets of the Facts tab, seeded from and written to the address;
    returns the query (bounds that are not figures are dropped with a warning)."""
    titles = {d.doc_id: d.title or d.doc_id for d in kb.document_list()}
    for name in FACETS:
        seed_many(f"f_{name}", [v for v in view.index.labels[name] if v])
    for key in ("f_text", "f_min", "f_max"):
        seed(key, "")
    query = build_query(w)
    cols = st.columns(3)
    for i, name in enumerate(FACETS):
        counts = dict(view.counts(query, name))
        keep_options(f"f_{name}", list(counts))
        cols[i % 3].multiselect(w.term("facet", name), list(counts), key=f"f_{name}",
                                format_func=lambda v, n=name, c=counts: f"{facet_label(n, v, w, titles)} ({c.get(v, 0)})",
                                placeholder=w("all_documents") if name == "doc" else w("all"))
    cols = st.columns(3)
    cols[0].text_input(w("facts_text"), key="f_text")
    cols[1].text_input(w("facts_min"), key="f_min", placeholder="1万亿元", help=w("facts_bound_help"))
    cols[2].text_input(w("facts_max"), key="f_max", placeholder="5%", help=w("facts_bound_help"))
    for name in FACETS:
        publish(f"f_{name}", st.session_state[f"f_{name}"], [])
    for key in ("f_text", "f_min", "f_max"):
        publish(key, st.session_state[key].strip())
    return build_query(w, warn=True)


def build_query(w: Words, warn: bool = False):
    selected = {name: st.session_state.get(f"f_{name}", []) for name in FACETS}
    text = st.session_state.get("f_text", "")
    low, high = st.session_state.get("f_min", ""), st.session_state.get("f_max", "")
    for i, bounds in enumerate(((low, high), (low, ""), ("", high), ("", ""))):
        try:
            return fact_query(selected, text, *bounds)
        except KbError:
            if warn and i == 0:
                bad = low if _not_a_bound(low) else high
                st.warning(w("bound_error", text=bad))
    return fact_query(selected, text)


def _not_a_bound(text: str) -> bool:
    try:
        fact_query(low=text)
    except KbError:
        return True
    return False


def page_of(items: list, per_page: int, key: str, w: Words) -> list:
    """The page of ``items`` shown (``per_page`` a page, a page box under ``key`` when there are
    more), the page written to the address; a page beyond a narrower filter falls back to the last."""
    pages = max(1, -(-len(items) // per_page))
    seed(key, 1, options=range(1, pages + 1), cast=int)
    if int(st.session_state[key]) > pages:          # a narrower filter than the page was chosen under
        st.session_state[key] = pages
    if pages > 1:
        st.number_input(w("checks_page"), min_value=1, max_value=pages, key=key, width=160)
    page = int(st.session_state[key]) if pages > 1 else 1
    publish(key, page, 1)
    return items[(page - 1) * per_page: page * per_page]


def facts_page(ids: list[str], w: Words) -> list[str]:
    """The ids of the page of matches the table shows (FACTS_PER_PAGE a page)."""
    return page_of(ids, FACTS_PER_PAGE, "f_page", w)


def facts_tab(kb: KnowledgeBase, w: Words) -> None:
    kb.require_fresh()                  # as kb.all_facts() does, also when the index comes from the cache
    view = FactView(kb)
    query = fact_filters(kb, view, w)
    ids = view.matching_ids(query)
    st.caption(w("facts_count", shown=len(ids), total=len(view.index)))
    units = [b.unit for b in (query.low, query.high) if b is not None and b.unit]
    if units:
        st.caption(w("bound_unit_note", units=w("list_sep").join(w.term("unit", u) for u in dict.fromkeys(units))))
    on_page = ids_to_facts(kb, facts_page(ids, w))
    event = facts_dataframe(on_page, w, key="facts_table", selectable=True)
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    seed("f_open", "")
    if rows and rows[0] < len(on_page):
        st.session_state["f_open"] = on_page[rows[0]].fact_id
    publish("f_open", st.session_state["f_open"])
    opened = kb.fact(st.session_state["f_open"]) if st.session_state["f_open"] else None
    if opened is not None:
        fact_sentence(kb, opened, w)
    else:
        st.caption(w("facts_pick_row"))
    facts_downloads(view.store_dir, ids, everything=len(ids) == len(view.index), w=w)


def ids_to_facts(kb: KnowledgeBase, ids: list[str]) -> list:
    """The facts of ``ids``, in that order."""
    found = kb.facts_by_id(ids)
    return [found[i] for i in ids if i in found]


def facts_downloads(store_dir: str, ids: list[str], everything: bool, w: Words) -> None:
    """CSV and JSON of the shown facts, made when a button is pressed, not on every run: the
    CSV of every fact streamed from the lines stored at ingest (kb.write_facts_csv)."""
    def facts_and_publishers():
        kb = KnowledgeBase.open(store_dir, tables_dir=tables_dir(), fast_start=True)  # the server's thread
        return ids_to_facts(kb, ids), {d.doc_id: d.publisher for d in kb.document_list()}

    def csv_bytes() -> bytes:
        if everything:
            out = io.BytesIO()
            KnowledgeBase.open(store_dir, tables_dir=tables_dir(), fast_start=True).write_facts_csv(out)
            return out.getvalue()
        facts, publishers = facts_and_publishers()
        return payloads.facts_csv_bytes(facts, publishers)

    def json_bytes() -> bytes:
        facts, publishers = facts_and_publishers()
        return payloads.facts_json_bytes(facts, publishers)

    cols = st.columns(2)
    cols[0].download_button(w("download_csv"), csv_bytes, key="dl_facts_csv",
                            file_name=payloads.download_name("kb-facts", "csv"), mime="text/csv")
    cols[1].download_button(w("download_json"), json_bytes, key="dl_facts_json",
                            file_name=payloads.download_name("kb-facts", "json"), mime="application/json")


def fact_sentence(kb: KnowledgeBase, fact, w: Words) -> None:
    """A fact opened from the table: its passage with the figure highlighted, and its citation."""
    passage = kb.passage(fact.passage_id) if fact.passage_id else None
    with st.container(border=True, key="fact_sentence"):
        st.markdown(f"**{present.escape_markdown(numbers.figure(fact))}** "
                    f"{present.escape_markdown(wording.about(fact, w))}")
        if passage is not None:
            spans = present.passage_spans(passage, [fact], [], cited=[fact.fact_id])
            st.markdown(present.styled_markdown(passage.text, spans))
            cite_button(wording.location(kb.document(fact.doc_id), passage, w, fact), "cite-fact", w, "facts",
                        fact=fact)
        else:
            st.markdown(present.escape_markdown(fact.quote))


# --- Consistency ----------------------------------------------------------------------

def consistency_filters(kb: KnowledgeBase, checks, w: Words) -> list:
    docs = [""] + sorted({c.doc_id for c in checks})
    kinds = sorted({c.kind or "check" for c in checks})
    seed_many("c_verdict", present.CHECK_VERDICTS)
    seed_many("c_kind", kinds)
    seed("c_doc", "", options=docs)
    seed("c_view", "cards", options=("cards", "table"))
    titles = {d.doc_id: d.title or d.doc_id for d in kb.document_list()}

    chosen_verdicts, chosen_kinds, chosen_doc = (st.session_state["c_verdict"], st.session_state["c_kind"],
                                                 st.session_state["c_doc"])

    def keep(c, skip: str) -> bool:     # the state read once a run, not once a check (160k at 10k documents)
        return ((skip == "verdict" or not chosen_verdicts or c.verdict in chosen_verdicts)
                and (skip == "kind" or not chosen_kinds or (c.kind or "check") in chosen_kinds)
                and (not chosen_doc or c.doc_id == chosen_doc))

    verdicts = present.verdict_counts([c for c in checks if keep(c, "verdict")])
    st.pills(w("checks_filter_verdict"), list(present.CHECK_VERDICTS), key="c_verdict", selection_mode="multi",
             format_func=lambda v: present.verdict_label(v, verdicts.get(v, 0), w))
    kind_counts = {k: sum((c.kind or "check") == k for c in checks if keep(c, "kind")) for k in kinds}
    shown_kinds = [k for k in kinds if kind_counts[k] or k in st.session_state["c_kind"]]
    st.pills(w("checks_filter_kind"), shown_kinds, key="c_kind", selection_mode="multi",
             format_func=lambda k: f"{w.term('kind', k)} {kind_counts.get(k, 0)}")
    cols = st.columns([3, 1])
    cols[0].selectbox(w("filter_doc"), docs, key="c_doc", format_func=lambda d: titles.get(d, "") or w("all_documents"))
    cols[1].segmented_control(w("checks_view"), ["cards", "table"], key="c_view",
                              format_func=lambda v: w(f"view_{v}"))
    for key in ("c_verdict", "c_kind"):
        publish(key, st.session_state[key] or [], [])
    publish("c_doc", st.session_state["c_doc"])
    publish("c_view", st.session_state["c_view"] or "cards", "cards")
    return [c for c in checks if keep(c, "")]


@st.cache_resource(show_spinner=False, max_entries=4)
def sorted_checks(store_dir: str, version: int) -> list:
    """Every check in the order the tab shows them, read and sorted once per store version."""
    return present.sort_checks(open_kb(store_dir, version).checks())


def consistency_tab(kb: KnowledgeBase, w: Words) -> None:
    kb.require_fresh()                  # as kb.checks() does, also when the checks come from the cache
    checks = sorted_checks(str(kb.store_dir.resolve()), kb.version())
    shown = consistency_filters(kb, checks, w)
    st.caption(w("checks_count", shown=len(shown), total=len(checks)))
    st.download_button(w("download_checks_csv"), payloads.checks_csv_bytes(shown), key="dl_checks_csv",
                       file_name="kb-checks.csv", mime="text/csv")
    if not shown:
        st.info(w("no_checks"))
        return
    if (st.session_state.get("c_view") or "cards") == "table":
        stated = kb.facts_by_id([c.stated_fact_id for c in shown])
        frame = present.checks_frame(shown, stated, w).rename(columns=present.check_columns(w))
        st.dataframe(frame, hide_index=True, width="stretch")
        return
    on_page = page_of(shown, CHECKS_PER_PAGE, "c_page", w)
    stated = kb.facts_by_id([c.stated_fact_id for c in on_page])      # the page's figures, not every fact
    for check in on_page:
        with st.container(border=True):
            show_check(kb, check, stated.get(check.stated_fact_id), w, "consistency", check.check_id)


# --- Tables ---------------------------------------------------------------------------

def tables_tab(kb: KnowledgeBase, w: Words) -> None:
    tables = kb.tables()
    if not tables:
        st.info(w("no_tables"))
        return
    ids = [t.table_id for t in tables]
    by_id = {t.table_id: t for t in tables}
    seed("t", ids[0], options=ids)
    st.selectbox(w("pick_table"), ids, key="t", format_func=lambda i: by_id[i].caption or i)
    table = by_id[st.session_state["t"]]
    publish("t", table.table_id, ids[0])
    st.markdown(f"**{present.escape_markdown(table.caption or table.table_id)}**")
    st.caption(present.table_source(table, kb.document(table.doc_id), w))
    st.dataframe(present.table_frame(table), hide_index=True, width="stretch")
    for note in table.notes:
        st.caption(present.escape_markdown(note))
    facts = kb.document_facts(table.doc_id)
    table_chart(table, facts, w)
    st.download_button(w("download_csv"), payloads.table_csv_bytes(table), file_name=f"{table.table_id}.csv",
                       mime="text/csv", key=f"dl-{table.table_id}")


def table_chart(table, facts, w: Words) -> None:
    """One chart per group of comparable rows, sorted, with the unit; log scale when needed."""
    names = charts.indicators(table, facts)
    if not names:
        return
    seed("t_ind", names[0], options=names)
    keep_options("t_ind", names)
    if len(names) > 1:
        st.selectbox(w("col_indicator"), names, key="t_ind")
    indicator = st.session_state["t_ind"]
    publish("t_ind", indicator, names[0])
    for chart in charts.table_charts(table, facts, indicator):
        unit = chart.unit or w.term("unit", "score")
        if chart.log:
            st.caption(w("chart_log"))
        st.altair_chart(charts.altair_chart(chart, w("chart_title", indicator=indicator, unit=unit)),
                        width="stretch")


# --- Documents --------------------------------------------------------------------------

def documents_tab(kb: KnowledgeBase, w: Words) -> None:
    documents = kb.document_list()
    ids = [d.doc_id for d in documents]
    titles = {d.doc_id: d.title or d.doc_id for d in documents}
    passage_id = st.query_params.get("passage", "")
    linked = kb.passage(passage_id) if passage_id else None
    seed("doc", linked.doc_id if linked is not None else "", options=[""] + ids)
    if st.session_state.get("back_to"):
        st.button(w("back", tab=w.term("tabs", st.session_state["back_to"])), key="back", on_click=go_back,
                  args=(w,))
    with st.expander(w("documents_list", n=len(documents)), expanded=not st.session_state["doc"]):
        st.dataframe(present.documents_frame(documents, kb.counts(), w), hide_index=True, width="stretch")
    doc_id = st.selectbox(w("read_document"), [""] + ids, key="doc",
                          format_func=lambda d: titles.get(d, "") or w("choose_document"))
    publish("doc", doc_id)
    if passage_id and linked is None:
        st.warning(w("passage_missing"))
    if linked is not None and linked.doc_id != doc_id:
        drop(*SOURCE_PARAMS)
        linked = None
    document = kb.document(doc_id) if doc_id else None
    if document is None:
        return
    facts = kb.document_facts(doc_id)
    fact_id = st.query_params.get("fact", "") if linked is not None else ""
    terms = [t for t in st.query_params.get("hl", "").split() if t] if linked is not None else []
    if linked is not None:
        focus_card(kb, document, linked, facts, fact_id, terms, w)
    passages = kb.passages(doc_id)
    marks = {"focus": linked.passage_id if linked else "", "cited": [fact_id], "terms": terms}
    spans = present.page_spans(document, passages)
    if not spans:
        st.markdown(present.document_markdown(document, passages, facts, w, **marks))
        return
    # the cited passage is shown on the page it starts on (its figure may stand on the next)
    open_page = linked.page if linked is not None and linked.page else spans[0][0]
    for page, start, end in spans:      # a paged source (PDF): page by page, the cited page open
        with st.expander(w("loc_page", page=page), expanded=page == open_page):
            st.markdown(present.document_markdown(document, passages, facts, w, start=start, end=end, **marks))


def focus_card(kb: KnowledgeBase, document, passage, facts, fact_id: str, terms: list[str], w: Words) -> None:
    """The cited passage on top: its citation, the cited figure and matched terms highlighted,
    its figures and the checks on them."""
    in_passage = [f for f in facts if f.passage_id == passage.passage_id]
    cited = next((f for f in in_passage if f.fact_id == fact_id), None)
    with st.container(border=True, key="focus"):
        st.markdown(f"**{present.escape_markdown(w('focus_title'))}** · "
                    f"{present.escape_markdown(wording.location(document, passage, w, cited))}")
        st.markdown(present.styled_markdown(passage.text, present.passage_spans(passage, in_passage, terms, [fact_id])))
        if in_passage:
            facts_dataframe(in_passage, w)
        stated = {f.fact_id: f for f in in_passage}
        for check in kb.checks_on(in_passage, passage.passage_id):
            show_check(kb, check, stated.get(check.stated_fact_id), w, "documents", f"focus-{check.check_id}", cite=False)


# --- the page ----------------------------------------------------------------------------

def language() -> Words:
    """The page's language: ?lang=, else KB_LANG, else Chinese."""
    default = pick_lang(os.environ.get("KB_LANG"))
    seed("lang", default, options=LANGS)
    return words(st.session_state["lang"])


def initial_tab() -> str:
    """The tab the address names (an id or a label in either language); Documents for a bare
    ?passage= link; else Ask."""
    named = tab_id(st.query_params.get("tab"), [words(lang).group("tabs") for lang in LANGS])
    if named:
        return named
    return "documents" if st.query_params.get("passage") else "ask"


def header(w: Words) -> None:
    cols = st.columns([5, 1], vertical_alignment="bottom")
    cols[0].title(w("page_title"))
    cols[1].selectbox(w("language"), LANGS, key="lang", format_func=lambda v: {"zh": "中文", "en": "English"}[v],
                      label_visibility="collapsed")
    publish("lang", st.session_state["lang"], pick_lang(os.environ.get("KB_LANG")))
    st.caption(w("page_caption"))


def main() -> None:
    st.set_page_config(page_title="kb · 文档事实库", layout="wide")
    w = language()
    header(w)
    store_dir = KnowledgeBase.open().store_dir
    try:
        with st.spinner(w("loading")):
            kb = open_kb(str(store_dir.resolve()), KnowledgeBase(store_dir).version())
        empty = not kb.exists() or not kb.document_list()
    except KbError as exc:
        st.error(error_message(str(exc), w))
        return
    if empty:
        ingest_offer(kb, w)
        return
    labels = {t: w.term("tabs", t) for t in TAB_IDS}
    key = tabs_key(w)
    if key not in st.session_state:
        st.session_state[key] = labels[initial_tab()]
    # Only the open tab runs (a query does not redraw every tab); the address keeps it.
    tabs = st.tabs(list(labels.values()), key=key, on_change="rerun")
    current = next((t for t in TAB_IDS if labels[t] == st.session_state[key]), "ask")
    publish("tab", current, "ask")
    if current != "documents":
        drop(*SOURCE_PARAMS)
    pages = {"ask": ask_tab, "check": check_tab, "facts": facts_tab, "consistency": consistency_tab,
             "tables": tables_tab, "documents": documents_tab}
    for tab_name, tab in zip(TAB_IDS, tabs, strict=True):
        if tab.open:
            with tab:
                pages[tab_name](kb, w)
