"""Show how kb read every figure of one document: the value, its identity and the rules that chose
its subject and period (for finding why a link went wrong).

    python scripts/explain_facts.py FILE [--grep TEXT]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--grep", default="", help="only figures whose sentence contains this")
    args = parser.parse_args()
    from kb.api import KnowledgeBase

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        (folder / args.file.name).write_bytes(args.file.read_bytes())
        kb = KnowledgeBase.open(Path(tmp) / "store", tables_dir=Path(tmp) / "tables")
        kb.ingest([folder])
        for f in kb.facts():
            if args.grep and args.grep not in f.quote:
                continue
            when = f"{f.year}" if f.year else f"{f.period_start}-{f.period_end}"
            print(f"{f.figure_text or f.value_text:>14} | {f.subject_key or '-':8} [{f.subject_rule}] "
                  f"| {when} {f.period_start_month}..{f.period_end_month} [{f.period_rule}] "
                  f"| {f.indicator_key} | {f.measure} {f.status} | {f.quote[:40]}")
        kb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
