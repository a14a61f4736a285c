"""How well kb reads documents and claims written in traditional characters.

    python scripts/eval_traditional.py [--docs ../shared/realdocs] [--json]

Every real document is rendered in traditional characters, one character for
one (OpenCC's simplified → traditional character table, first choice; the
dev extra opencc-python-reimplemented), so every figure keeps its offsets.
Both renderings are ingested into two stores, and every fact of the
simplified store is looked up in the traditional one at the same place (same
document, same offsets: the rendering keeps every offset):
figures found, and for those found how often subject_key, indicator_key,
measure, period and status agree (a key may be the same or its rendering). The
development claims (tests/gold/realdocs/*.claims.jsonl) are checked twice,
as written against the simplified store and rendered in traditional
characters against the traditional store: the share of verdicts that agree
with the gold in each; and the derived figures each store checks, by verdict.
Agreement with the simplified reading is the figure:
kb reads a traditional document as well as its simplified original when all
rates are 1.0.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from goldtext import read_jsonl  # noqa: E402

FIELDS = ("subject_key", "indicator_key", "measure", "period_start_month", "period_end_month", "status")


def char_table(name: str) -> dict[int, int]:
    """One character for one from an OpenCC character table (first choice): STCharacters.txt
    simplified → traditional, TSCharacters.txt back."""
    import opencc

    table = {}
    path = Path(opencc.__file__).parent / "dictionary" / name
    for line in path.read_text(encoding="utf-8").splitlines():
        key, values = line.split("\t", 1)
        first = values.split(" ")[0]
        if len(key) == 1 and len(first) == 1:
            table[ord(key)] = ord(first)
    return table


def s2t_table() -> dict[int, int]:
    return char_table("STCharacters.txt")


def render(docs: Path, out: Path, table: dict[int, int]) -> list[Path]:
    """Each document of ``docs`` decoded and written to ``out`` in traditional characters (UTF-8)."""
    from kb.ingest.decode import decode_bytes

    paths = []
    for path in sorted(p for p in docs.iterdir() if p.suffix in (".txt", ".md", ".html", ".csv")
                       and p.name not in ("README.md", "SOURCES.md")):
        text, _ = decode_bytes(path.read_bytes())
        target = out / path.name
        target.write_text(text.translate(table), encoding="utf-8")
        paths.append(target)
    return paths


def ingest(paths: list[Path], store: Path):
    from kb.api import KnowledgeBase

    kb = KnowledgeBase.open(store, tables_dir=store / "tables")
    kb.ingest(paths)
    return kb


def compare_facts(plain, traditional, s2t: dict[int, int]) -> dict:
    found = {(f.doc_id, f.char_start, f.char_end): f for f in traditional.all_facts()}
    facts = plain.all_facts()
    matched = [(f, found.get((f.doc_id, f.char_start, f.char_end))) for f in facts]
    pairs = [(a, b) for a, b in matched if b is not None]
    rates = {}
    for field in FIELDS:
        same = sum(1 for a, b in pairs if str(getattr(a, field) or "") == str(getattr(b, field) or "")
                   or str(getattr(a, field) or "").translate(s2t) == str(getattr(b, field) or ""))
        rates[field] = round(same / len(pairs), 3) if pairs else None
    return {"facts": len(facts), "found": round(len(pairs) / len(facts), 3) if facts else None, "agree": rates}


def compare_checks(plain, traditional) -> dict:
    """Checks by verdict in each store (the traditional one must raise no alarm the other does not)."""
    def count(kb) -> dict:
        verdicts = [c.verdict for c in kb.checks()]
        return {v: verdicts.count(v) for v in ("consistent", "inconsistent", "unverifiable")}
    return {"simplified": count(plain), "traditional": count(traditional)}


def compare_claims(plain, traditional, table: dict[int, int]) -> dict:
    gold = [c for path in sorted((ROOT / "tests" / "gold" / "realdocs").glob("*.claims.jsonl"))
            for c in read_jsonl(path) if "claim" in c]
    as_written = plain.check([c["claim"] for c in gold])
    rendered = traditional.check([c["claim"].translate(table) for c in gold])
    right = sum(1 for c, v in zip(gold, as_written, strict=True) if v.verdict == c["verdict"])
    right_t = sum(1 for c, v in zip(gold, rendered, strict=True) if v.verdict == c["verdict"])
    wrong_t = sum(1 for c, v in zip(gold, rendered, strict=True) if v.verdict == "contradicted" != c["verdict"])
    return {"claims": len(gold), "right_simplified": right, "right_traditional": right_t,
            "wrongly_contradicted_traditional": wrong_t}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "realdocs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    table = s2t_table()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "trad").mkdir()
        originals = sorted(p for p in args.docs.iterdir() if p.name in {q.name for q in render(
            args.docs, work / "trad", table)})
        plain = ingest(originals, work / "plain-store")
        traditional = ingest(sorted((work / "trad").iterdir()), work / "trad-store")
        result = {"facts": compare_facts(plain, traditional, table), "checks": compare_checks(plain, traditional),
                  "claims": compare_claims(plain, traditional, table)}
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
