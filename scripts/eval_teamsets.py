"""kb's quality on the team's own document sets (corpus/ and tests/gold/unseen, blind … blind7):
one line per set, the figures README's regression table shows.

    python scripts/eval_teamsets.py [--json]

Each set is ingested into a temporary store; the scripts eval_facts.py,
eval_checks.py and eval_claims.py score it against its gold files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SETS = {"corpus": (ROOT / "corpus", "facts.jsonl", "checks.jsonl", "claims.jsonl"),
        "unseen": (GOLD / "unseen", "unseen_facts.jsonl", "unseen_checks.jsonl", None)}
SETS.update({f"blind{n}": (GOLD / f"blind{n}", f"blind{n}_facts.jsonl", f"blind{n}_checks.jsonl",
                           f"blind{n}_claims.jsonl") for n in ("", "2", "3", "4", "5", "6", "7")})


def script(name: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / name), *args], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    text = done.stdout.strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(text.splitlines()[-1])


def score(folder: Path, facts: str, checks: str, claims: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run([sys.executable, "-m", "kb", "ingest", str(folder), "--store", str(store),
                        "--tables-dir", str(Path(tmp) / "tables"), "--quiet"], cwd=ROOT, check=True,
                       capture_output=True)
        f = script("eval_facts.py", "--store", str(store), "--gold", str(GOLD / facts), "--json")
        c = script("eval_checks.py", "--store", str(store), "--gold", str(GOLD / checks))
        out = {"precision": f["precision"], "recall": f["recall"],
               "negatives": f["negatives_wrongly_extracted"], "subject": f["subject_accuracy"],
               "indicator": f["indicator_accuracy"], "year": f["year_accuracy"],
               "checks": f"{c['agree']}/{c['gold']}", "wrong_inconsistent": c.get("wrong_inconsistent"),
               "errors_found": c.get("inconsistent_found")}
        if claims:
            k = script("eval_claims.py", "--store", str(store), "--gold", str(GOLD / claims), "--json")
            out["claims"] = f"{k['correct']}/{k['claims']}"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = {name: score(*spec) for name, spec in SETS.items()}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for name, r in report.items():
            print(name.ljust(7), "  ".join(f"{k}={v}" for k, v in r.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
