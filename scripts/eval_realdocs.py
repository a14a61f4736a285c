"""Score kb on the real documents of ../shared/realdocs against the hand-made gold.

    python scripts/eval_realdocs.py [--docs ../shared/realdocs] [--json] [-v] [--no-planted]

One store is built from all the documents (as a user would ingest them),
then each gold set is scored separately: the development documents
(tests/gold/realdocs/*.jsonl) and the held-out ones
(tests/gold/realdocs/heldout/*.jsonl, annotated by someone who writes no
rules; never tune on them). The gold format is tests/gold/realdocs/GUIDE.md.

Reported per set:
- figures: precision (text facts of fully annotated documents that are gold
  figures), recall (gold figures found), non-figures extracted;
- fields over the matched figures: subject, indicator, period, measure,
  status (a field kb does not produce scores as null);
- checks: recomputable derived figures judged right (same verdict), derived
  figures that cannot be recomputed left unjudged, wrong "inconsistent"
  verdicts (an inconsistent check on a figure the gold does not call
  inconsistent), cross-document "inconsistent" verdicts;
- claims: verdicts right, wrongly "contradicted", wrongly "supported";
- planted errors (development set): each one-character patch applied to a
  copy of its document; found when kb calls the check at its anchor inconsistent.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from eval_facts import indicator_match, normalize_subject  # noqa: E402
from goldtext import decode_source, flatten, locate, read_jsonl  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "realdocs"
SETS = {"dev": GOLD, "heldout": GOLD / "heldout"}
FIELDS = ("subject", "indicator", "period", "measure", "status")


# --- gold ----------------------------------------------------------------------

def gold_set(folder: Path) -> dict[str, list[dict]]:
    """Entries of one gold folder by kind (facts, checks, claims, planted), with their document stem."""
    out: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(folder.glob("*.jsonl")):
        stem, kind = path.name[: -len(".jsonl")].rsplit(".", 1)
        comment = json.loads(path.read_text(encoding="utf-8").splitlines()[0]).get("_comment", "")
        for entry in read_jsonl(path):
            entry["_stem"], entry["_full"] = stem, ": full" in comment
            out[kind].append(entry)
    return out


# --- the store -------------------------------------------------------------------

def build(docs: Path, work: Path):
    """Ingest ``docs`` into a store under ``work``; the KnowledgeBase."""
    from kb.api import KnowledgeBase

    kb = KnowledgeBase.open(work / "store", tables_dir=work / "tables")
    kb.ingest([docs])
    return kb


class Located:
    """The store's documents, facts and checks, with gold anchors located in the clean text."""

    def __init__(self, kb):
        self.kb = kb
        self.docs = {d.doc_id: d for d in kb.documents()}
        self.flat = {doc_id: flatten(d.text) for doc_id, d in self.docs.items()}
        self.facts = kb.facts()
        self.by_id = {f.fact_id: f for f in self.facts}
        self.checks = kb.checks()

    def doc_id(self, gold_doc: str) -> str | None:
        """The store's id of a gold document (its file name, or the stem for older stores)."""
        if gold_doc in self.docs:
            return gold_doc
        stem = gold_doc.rsplit(".", 1)[0]
        return stem if stem in self.docs else None

    def span(self, entry: dict) -> tuple[str, tuple[int, int]] | None:
        doc = self.doc_id(entry.get("doc_id") or entry.get("doc", ""))
        if doc is None:
            return None
        found = locate(self.docs[doc].text, entry["anchor"], entry.get("surface") or entry["anchor"],
                       self.flat[doc])
        return (doc, found) if found else None


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- figures ---------------------------------------------------------------------

_ORG_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|公司)$")


_SUBGROUP = re.compile(r"[（(][^（）()]*[)）]|(?:盈利)?前\d+(?:位|名|强)$")


def same_subject(gold: str, predicted: str) -> bool:
    """One place or organisation under any of its names: 北京市 = 北京, 粤桂琼 = 广东、广西、海南,
    中国石油天然气集团公司 = 中国石油天然气集团; a gold sub-group written as the group with its
    qualifier (国家重点企业（亏损企业）, 国家重点企业前100位) is the group: the qualifier is a scope."""
    from kb.text.gazetteer import canonical, is_place

    def key(name: str) -> str:
        name = _SUBGROUP.sub("", re.sub(r"\s", "", name))
        if name and is_place(name):
            name = canonical(name)
        return normalize_subject(_ORG_SUFFIX.sub("", name))

    return key(gold) == key(predicted)


def same_value(gold: dict, fact) -> bool:
    g, p = gold.get("value_normalized"), fact.value_normalized
    if g is None:
        return False
    return math.isclose(abs(float(g)), abs(float(p)), rel_tol=1e-6, abs_tol=1e-9)


def period_right(gold: dict, fact) -> bool:
    years = ((gold.get("year") or None) == (fact.year or None)
             and (gold.get("period_start") or None) == (fact.period_start or None)
             and (gold.get("period_end") or None) == (fact.period_end or None))
    months_g = (gold.get("period_start_month"), gold.get("period_end_month"))
    months_p = (getattr(fact, "period_start_month", None), getattr(fact, "period_end_month", None))
    if all(months_g) and all(months_p):
        return months_g == months_p
    return years


def field_right(name: str, gold: dict, fact) -> bool | None:
    """Whether kb got one identity field of a matched figure right (None: kb has no such field)."""
    if name == "subject":
        predicted = getattr(fact, "subject_key", None) or fact.subject
        return same_subject(gold.get("subject_key") or gold.get("subject") or "", predicted or "")
    if name == "indicator":
        return (indicator_match(gold.get("indicator"), fact.indicator)
                or indicator_match(gold.get("indicator_key"), getattr(fact, "indicator_key", "") or fact.indicator))
    if name == "period":
        return period_right(gold, fact)
    if not hasattr(fact, name):
        return None
    return (gold.get(name) or "") == (getattr(fact, name) or "")


def score_figures(gold: list[dict], where: Located) -> dict:
    positives, negatives, unlocated = [], [], []
    for g in gold:
        found = where.span(g)
        if found is None:
            unlocated.append(g)
            continue
        (negatives if g.get("negative") else positives).append((g, found))
    text_facts = defaultdict(list)
    for f in where.facts:
        if f.source_kind == "text":
            text_facts[f.doc_id].append(f)
    matched, fields, misses = set(), defaultdict(list), []
    for g, (doc, span) in positives:
        hit = next((f for f in text_facts[doc] if overlap((f.char_start, f.char_end), span)
                    and same_value(g, f)), None)
        if hit is None:
            misses.append(f"{g['_stem']}: {g['anchor']} [{g['surface']}]")
            continue
        matched.add(hit.fact_id)
        for name in FIELDS:
            fields[name].append((field_right(name, g, hit), g, hit))
    wrong_negatives = [g for g, (doc, span) in negatives
                       if any(overlap((f.char_start, f.char_end), span) for f in text_facts[doc])]
    full_docs = {where.doc_id(g["doc_id"]) for g, _ in positives if g["_full"]}
    gold_spans = defaultdict(list)
    for _, (doc, span) in positives:
        gold_spans[doc].append(span)
    predicted = [f for doc in full_docs for f in text_facts[doc]]
    correct = [f for f in predicted if any(overlap((f.char_start, f.char_end), s) for s in gold_spans[f.doc_id])]
    field_scores = {}
    for name in FIELDS:
        judged = [ok for ok, _, _ in fields[name] if ok is not None]
        field_scores[name] = round(sum(judged) / len(judged), 3) if judged else None
    lost = [g for g in unlocated if not g.get("negative")]
    return {
        "gold_figures": len(positives) + len(lost), "unlocated": len(lost),
        "recall": round(len(matched) / (len(positives) + len(lost)), 3) if positives else None,
        "precision": round(len(correct) / len(predicted), 3) if predicted else None,
        "precision_over": len(predicted),
        "negatives": len(negatives), "negatives_extracted": len(wrong_negatives),
        "fields": field_scores,
        "_misses": misses + [f"{g['_stem']}: {g['anchor']} [not in kb's text]" for g in lost],
        "_field_errors": {name: [f"{g['_stem']}: {g['anchor']} gold={_field_value(name, g)} kb={_kb_value(name, f)}"
                                 for ok, g, f in fields[name] if ok is False] for name in FIELDS},
        "_false_positives": [f"{f.doc_id}: {f.quote[:50]} [{f.value_text}{f.unit}]"
                             for f in predicted if f not in correct],
        "_negatives": [f"{g['_stem']}: {g['anchor']} ({g.get('reason', '')})" for g in wrong_negatives],
    }


def _field_value(name: str, g: dict) -> str:
    if name == "period":
        return f"{g.get('year')}/{g.get('period_start')}-{g.get('period_end')}/{g.get('period_start_month')}-{g.get('period_end_month')}"
    if name == "subject":
        return g.get("subject_key") or g.get("subject") or ""
    return str(g.get(name) or "")


def _kb_value(name: str, f) -> str:
    if name == "period":
        return (f"{f.year}/{f.period_start}-{f.period_end}/"
                f"{getattr(f, 'period_start_month', None)}-{getattr(f, 'period_end_month', None)}")
    if name == "subject":
        return getattr(f, "subject_key", None) or f.subject
    return str(getattr(f, name, "") or "")


# --- checks ------------------------------------------------------------------------

def kb_verdict(checks: list) -> str:
    verdicts = {c.verdict for c in checks}
    for v in ("inconsistent", "consistent", "unverifiable"):
        if v in verdicts:
            return v
    return "none"


def checks_at(where: Located, doc: str, span: tuple[int, int], anchor: str) -> list:
    out = []
    for c in where.checks:
        if c.doc_id != doc or c.kind == "cross_document":
            continue
        fact = where.by_id.get(c.stated_fact_id)
        if fact is not None:
            if overlap((fact.char_start, fact.char_end), span):
                out.append(c)
        elif anchor and re.sub(r"\s", "", anchor) in re.sub(r"\s", "", c.quote or ""):
            out.append(c)
    return out


def score_checks(gold: list[dict], where: Located, stems: set[str]) -> dict:
    right, total, unjudged_ok, unjudged, wrong = 0, 0, 0, 0, []
    gold_inconsistent: set[tuple[str, int, int]] = set()
    covered: set[str] = set()
    for g in gold:
        found = where.span(g)
        if found is None:
            wrong.append(f"unlocated gold check: {g['_stem']}: {g['anchor']}")
            continue
        doc, span = found
        at = checks_at(where, doc, span, g["anchor"])
        covered |= {c.check_id for c in at}
        verdict = kb_verdict(at)
        if g.get("verdict") == "inconsistent":
            gold_inconsistent.add((doc, *span))
        if g.get("recomputable"):
            total += 1
            if verdict == g["verdict"]:
                right += 1
            else:
                wrong.append(f"{g['_stem']}: {g['anchor']} gold={g['verdict']} kb={verdict} "
                             f"({g.get('arithmetic', '')[:80]})")
        else:
            unjudged += 1
            if verdict in ("unverifiable", "none"):
                unjudged_ok += 1
            else:
                wrong.append(f"{g['_stem']}: {g['anchor']} gold=not recomputable kb={verdict}")
    doc_ids = {where.doc_id(s + ext) for s in stems
               for ext in (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".csv", ".xlsx")} - {None}
    false_alarms = []
    for c in where.checks:
        if c.verdict != "inconsistent" or c.doc_id not in doc_ids or c.kind == "cross_document":
            continue
        fact = where.by_id.get(c.stated_fact_id)
        real = fact is not None and any(d == c.doc_id and overlap((fact.char_start, fact.char_end), (a, b))
                                        for d, a, b in gold_inconsistent)
        if not real:
            false_alarms.append(f"{c.doc_id}: {c.explanation[:160]}")
    cross = [c for c in where.checks if c.kind == "cross_document" and c.verdict == "inconsistent"
             and any(d in c.doc_id for d in doc_ids)]
    return {"recomputable": total, "right": right,
            "rate": round(right / total, 3) if total else None,
            "not_recomputable": unjudged, "left_unjudged": unjudged_ok,
            "wrong_inconsistent": len(false_alarms), "cross_document_inconsistent": len(cross),
            "_wrong": wrong, "_false_alarms": false_alarms,
            "_cross": [c.explanation[:160] for c in cross]}


# --- claims ----------------------------------------------------------------------

def score_claims(gold: list[dict], kb) -> dict:
    claims = [g["claim"] for g in gold]
    verdicts = kb.check(claims) if claims else []
    confusion, misses = Counter(), []
    for g, v in zip(gold, verdicts, strict=True):
        confusion[(g["verdict"], v.verdict)] += 1
        if g["verdict"] != v.verdict:
            misses.append(f"[{g['verdict']} -> {v.verdict}] {g['claim']} ({g.get('trap', '')}) :: "
                          f"{v.explanation[:140]}")
    n = len(gold)
    right = sum(c for (a, b), c in confusion.items() if a == b)
    return {"claims": n, "right": right, "rate": round(right / n, 3) if n else None,
            "wrongly_contradicted": sum(c for (a, b), c in confusion.items()
                                        if b == "contradicted" and a != b),
            "wrongly_supported": sum(c for (a, b), c in confusion.items() if b == "supported" and a != b),
            "_misses": misses}


# --- planted errors ------------------------------------------------------------------

def score_planted(planted: list[dict], docs: Path, work: Path) -> dict:
    """Each round patches at most one error per document, ingests the copy, and reads the verdict."""
    rounds: list[list[dict]] = []
    for p in planted:
        for r in rounds:
            if all(q["doc"] != p["doc"] for q in r):
                r.append(p)
                break
        else:
            rounds.append([p])
    found, missed = 0, []
    for number, patches in enumerate(rounds):
        copy = work / f"planted{number}"
        shutil.copytree(docs, copy)
        for p in patches:
            path = copy / p["doc"]
            raw = path.read_bytes()
            text = decode_source(raw)
            assert text[p["offset"]:p["offset"] + len(p["old"])] == p["old"], p
            text = text[:p["offset"]] + p["new"] + text[p["offset"] + len(p["old"]):]
            encoding = "gb18030" if raw[:3] != b"\xef\xbb\xbf" and _not_utf8(raw) else "utf-8"
            path.write_bytes((b"\xef\xbb\xbf" if raw[:3] == b"\xef\xbb\xbf" else b"") + text.encode(encoding))
        kb = build(copy, work / f"store{number}")
        where = Located(kb)
        for p in patches:
            found_span = where.span({"doc_id": p["doc"], "anchor": p["check_anchor"]})
            verdict = kb_verdict(checks_at(where, *found_span, p["check_anchor"])) if found_span else "unlocated"
            if verdict == "inconsistent":
                found += 1
            else:
                missed.append(f"{p['doc']}: {p['old']}→{p['new']} at {p['check_anchor']}: kb={verdict}")
        kb.close()
    return {"planted": len(planted), "found": found, "_missed": missed}


def _not_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
        return False
    except UnicodeDecodeError:
        return True


# --- report -----------------------------------------------------------------------

def evaluate(docs: Path, planted: bool = True, only: str | None = None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        kb = build(docs, work)
        where = Located(kb)
        report = {}
        for name, folder in SETS.items():
            if only and name != only:
                continue
            gold = gold_set(folder)
            stems = {g["_stem"] for kind in gold.values() for g in kind}
            report[name] = {
                "documents": len(stems),
                "figures": score_figures(gold["facts"], where),
                "checks": score_checks(gold["checks"], where, stems),
                "claims": score_claims(gold["claims"], kb),
            }
            if planted and gold.get("planted"):
                report[name]["planted"] = score_planted(gold["planted"], docs, work)
        kb.close()
    return report


def public(report: dict) -> dict:
    """The report without the detail lists (keys starting with _)."""
    if isinstance(report, dict):
        return {k: public(v) for k, v in report.items() if not k.startswith("_")}
    return report


def details(report: dict, prefix: str = "") -> list[str]:
    lines = []
    for k, v in report.items():
        if k.startswith("_") and isinstance(v, list) and v:
            lines.append(f"{prefix}{k[1:]} ({len(v)}):")
            lines += [f"    {x}" for x in v]
        elif k.startswith("_") and isinstance(v, dict):
            for name, items in v.items():
                if items:
                    lines.append(f"{prefix}{k[1:]}.{name} ({len(items)}):")
                    lines += [f"    {x}" for x in items]
        elif isinstance(v, dict):
            lines += details(v, f"{prefix}{k}.")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "realdocs")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--no-planted", action="store_true", help="skip the planted-error runs")
    parser.add_argument("--set", choices=sorted(SETS), help="score one set only (tune on dev, never on heldout)")
    args = parser.parse_args()
    if not args.docs.is_dir():
        print(f"eval_realdocs: no folder {args.docs}; pass --docs", file=sys.stderr)
        return 1
    report = evaluate(args.docs, planted=not args.no_planted, only=args.set)
    if args.verbose:
        for name, part in report.items():
            print(f"== {name}")
            print("\n".join(details(part)))
    print(json.dumps(public(report), ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
