"""Score extracted text facts against a hand-annotated gold file.

Gold lines (tests/gold/facts.jsonl, unseen_facts.jsonl) locate each figure by
an ``anchor`` (a verbatim substring of the clean text, whitespace ignored)
and the ``surface`` inside it. A predicted text fact matches a gold figure
when its span overlaps the gold span and ``value_normalized`` agrees
(relative 1e-6). Reported:

- precision = predicted text facts that match a gold figure / all predicted
  text facts (of the documents the gold file covers);
- recall = gold figures matched / gold figures;
- negatives wrongly extracted = gold negatives overlapped by a prediction;
- field accuracy (subject, indicator, year) over the matched gold figures.

Usage:
    python scripts/eval_facts.py --gold tests/gold/facts.jsonl --store .kb [--json]
    python scripts/eval_facts.py --gold G --pred facts.json --store .kb [--json]

Texts come from ``SELECT doc_id, text FROM documents`` in DIR/kb.sqlite;
predictions from ``kb facts --format json --store DIR`` unless ``--pred``
gives a ``{"facts": [...]}`` file. Always exits 0 after scoring (1 only
when an input file is missing or unreadable).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from goldtext import gold_doc_ids

_WS = re.compile(r"\s+")
# Suffixes that do not change who a figure is about (北京市 = 北京).
_SUBJECT_SUFFIXES = ("城市群", "地区", "市", "省")
_SUBJECT_ALIASES = {"我国": "全国", "中国": "全国", "全国": "全国"}


# --- pure matching logic ------------------------------------------------------

def compact_with_positions(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and for each kept character its offset in ``text``."""
    kept = [(i, ch) for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def locate(text: str, anchor: str, surface: str) -> tuple[int, int] | None:
    """Half-open span of ``surface`` inside the first occurrence of ``anchor`` in ``text``.

    Whitespace is ignored in all three; None when the anchor or surface is not found.
    """
    compact, positions = compact_with_positions(text)
    a, s = _WS.sub("", anchor), _WS.sub("", surface)
    if not a or not s:
        return None
    i = compact.find(a)
    if i < 0:
        return None
    j = a.find(s)
    if j < 0:
        return None
    start = i + j
    end = start + len(s)
    return positions[start], positions[end - 1] + 1


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def values_agree(gold: float, predicted: float, rel: float = 1e-6) -> bool:
    return math.isclose(float(gold), float(predicted), rel_tol=rel, abs_tol=1e-12)


def normalize_subject(subject: str | None) -> str:
    """Canonical form for comparing subjects: 北京市 → 北京, 我国 → 全国, 京津冀地区 → 京津冀."""
    s = _WS.sub("", subject or "")
    if s in _SUBJECT_ALIASES:
        return _SUBJECT_ALIASES[s]
    changed = True
    while changed:
        changed = False
        for suffix in _SUBJECT_SUFFIXES:
            if s.endswith(suffix) and len(s) - len(suffix) >= 2:
                s = s[: -len(suffix)]
                changed = True
    return _SUBJECT_ALIASES.get(s, s)


def subject_match(gold: str | None, predicted: str | None) -> bool:
    return normalize_subject(gold) == normalize_subject(predicted)


def indicator_match(gold: str | None, predicted: str | None, threshold: float = 0.6) -> bool:
    """Either contains the other, or their shared characters are ≥ threshold of the shorter."""
    g, p = _WS.sub("", gold or ""), _WS.sub("", predicted or "")
    if not g or not p:
        return g == p
    if g in p or p in g:
        return True
    shared = sum((Counter(g) & Counter(p)).values())
    return shared / min(len(g), len(p)) >= threshold


def year_match(gold: int | None, predicted: int | None) -> bool:
    return (gold or None) == (predicted or None)


def parse_gold_lines(lines: list[str]) -> list[dict]:
    """Gold entries from JSONL lines; blank lines and ``_comment`` lines are skipped."""
    entries = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        entry = json.loads(line)
        if "_comment" in entry:
            continue
        entry["_line"] = number
        entries.append(entry)
    return entries


def _fields_score(gold: dict, fact: dict) -> int:
    return (subject_match(gold.get("subject"), fact.get("subject"))
            + indicator_match(gold.get("indicator"), fact.get("indicator"))
            + year_match(gold.get("year"), fact.get("year")))


def score(gold: list[dict], predictions: list[dict], texts: dict[str, str]) -> dict:
    """Match predictions to gold and return the summary (see module docstring)."""
    gold_docs = {g["doc_id"] for g in gold}
    preds = [p for p in predictions
             if p.get("source_kind", "text") == "text" and p.get("doc_id") in gold_docs]
    unlocated, positives, negatives = [], [], []
    for g in gold:
        text = texts.get(g["doc_id"])
        span = locate(text, g["anchor"], g["surface"]) if text is not None else None
        if span is None:
            unlocated.append(g)
            continue
        (negatives if g.get("negative") else positives).append((g, span))

    matched_gold: dict[int, list[dict]] = {}
    correct_preds, false_positives = 0, []
    for p in preds:
        pspan = (int(p["char_start"]), int(p["char_end"]))
        hits = [k for k, (g, span) in enumerate(positives)
                if g["doc_id"] == p["doc_id"] and spans_overlap(span, pspan)
                and values_agree(g["value_normalized"], p["value_normalized"])]
        if hits:
            correct_preds += 1
            for k in hits:
                matched_gold.setdefault(k, []).append(p)
        else:
            false_positives.append(p)

    field_hits = Counter()
    field_misses = []
    for k, facts in matched_gold.items():
        g = positives[k][0]
        best = max(facts, key=lambda f: _fields_score(g, f))
        ok = {"subject": subject_match(g.get("subject"), best.get("subject")),
              "indicator": indicator_match(g.get("indicator"), best.get("indicator")),
              "year": year_match(g.get("year"), best.get("year"))}
        field_hits.update(name for name, good in ok.items() if good)
        if not all(ok.values()):
            field_misses.append({"gold": _brief(g), "predicted": _brief(best),
                                 "wrong": [n for n, good in ok.items() if not good]})

    wrong_negatives = [g for g, span in negatives
                       if any(p["doc_id"] == g["doc_id"]
                              and spans_overlap(span, (int(p["char_start"]), int(p["char_end"])))
                              for p in preds)]
    missed = [g for k, (g, _) in enumerate(positives) if k not in matched_gold]
    n_matched = len(matched_gold)
    ratio = lambda a, b: round(a / b, 4) if b else None
    return {
        "gold_positives": len(positives),
        "gold_negatives": len(negatives),
        "unlocated_gold": len(unlocated),
        "predicted_text_facts": len(preds),
        "correct_predictions": correct_preds,
        "precision": ratio(correct_preds, len(preds)),
        "recall": ratio(n_matched, len(positives)),
        "negatives_wrongly_extracted": len(wrong_negatives),
        "subject_accuracy": ratio(field_hits["subject"], n_matched),
        "indicator_accuracy": ratio(field_hits["indicator"], n_matched),
        "year_accuracy": ratio(field_hits["year"], n_matched),
        "missed": [_brief(g) for g in missed],
        "false_positives": [_brief(p) for p in false_positives],
        "wrong_negatives": [_brief(g) for g in wrong_negatives],
        "unlocated": [_brief(g) for g in unlocated],
        "field_errors": field_misses,
    }


def _brief(entry: dict) -> dict:
    keys = ("doc_id", "anchor", "surface", "quote", "char_start", "char_end", "value_normalized",
            "subject", "indicator", "year", "reason")
    out = {k: entry[k] for k in keys if k in entry}
    if "quote" in out and len(out["quote"]) > 60:
        out["quote"] = out["quote"][:60] + "…"
    return out


def format_report(summary: dict, limit: int = 30) -> str:
    """A readable multi-line report of a summary from :func:`score`."""
    pct = lambda v: "n/a" if v is None else f"{v:.1%}"
    lines = [
        f"gold figures {summary['gold_positives']}, negatives {summary['gold_negatives']}, "
        f"unlocated {summary['unlocated_gold']}",
        f"predicted text facts {summary['predicted_text_facts']}, correct {summary['correct_predictions']}",
        f"precision {pct(summary['precision'])}   recall {pct(summary['recall'])}",
        f"negatives wrongly extracted {summary['negatives_wrongly_extracted']}",
        f"subject {pct(summary['subject_accuracy'])}   indicator {pct(summary['indicator_accuracy'])}   "
        f"year {pct(summary['year_accuracy'])}",
    ]
    sections = (("missed", "MISSED (gold not extracted)"), ("false_positives", "FALSE POSITIVES"),
                ("wrong_negatives", "NEGATIVES EXTRACTED"), ("unlocated", "GOLD NOT LOCATED"),
                ("field_errors", "FIELD ERRORS"))
    for key, title in sections:
        items = summary[key]
        if not items:
            continue
        lines.append(f"\n{title} ({len(items)})")
        for item in items[:limit]:
            lines.append("  " + json.dumps(item, ensure_ascii=False))
        if len(items) > limit:
            lines.append(f"  … {len(items) - limit} more")
    return "\n".join(lines)


# --- I/O ----------------------------------------------------------------------

def read_texts(store_dir: Path) -> dict[str, str]:
    db = store_dir / "kb.sqlite"
    if not db.is_file():
        raise FileNotFoundError(f"no store database at {db}; run `kb ingest --store {store_dir}` first")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return dict(conn.execute("SELECT doc_id, text FROM documents").fetchall())


def read_predictions(pred_file: Path | None, store_dir: Path) -> list[dict]:
    if pred_file is not None:
        data = json.loads(pred_file.read_text(encoding="utf-8"))
    else:
        out = subprocess.run([sys.executable, "-m", "kb", "facts", "--format", "json",
                              "--store", str(store_dir)], capture_output=True, text=True, check=True)
        data = json.loads(out.stdout)
    return data["facts"] if isinstance(data, dict) else data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=Path("tests/gold/facts.jsonl"))
    parser.add_argument("--store", type=Path, default=Path(".kb"))
    parser.add_argument("--pred", type=Path, default=None, help='a {"facts": [...]} JSON file')
    parser.add_argument("--json", action="store_true", help="print one JSON summary")
    parser.add_argument("--limit", type=int, default=30, help="items listed per section")
    args = parser.parse_args(argv)
    try:
        gold = parse_gold_lines(args.gold.read_text(encoding="utf-8").splitlines())
        texts = read_texts(args.store)
        gold = gold_doc_ids(gold, texts)
        predictions = read_predictions(args.pred, args.store)
    except (OSError, ValueError, KeyError, subprocess.CalledProcessError) as exc:
        print(f"eval_facts: {exc}", file=sys.stderr)
        return 1
    summary = score(gold, predictions, texts)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(format_report(summary, args.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
