"""The output baseline: kb's facts, checks and claim verdicts on every team document set.

    python scripts/baseline.py --write      # regenerate tests/golden/baseline/ (a deliberate change)
    python scripts/baseline.py              # compare, print the first differences, exit 1 if any

For each set (corpus/ and tests/gold/unseen, blind … blind7, hunted … hunted12) the set is
ingested into a temporary store and three outputs are kept: ``kb facts
--format json``, ``kb verify --json`` and ``kb check --file <the set's gold
claims> --json``. A refactoring must leave them byte-identical; a change of
rules updates them in the same commit, with the reason in its message. The
real documents of ../shared are never part of the baseline (their text must
not be copied into the project).
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
BASELINE = ROOT / "tests" / "golden" / "baseline"
# each team set: its folder under tests/gold and its claims file (corpus/ and unseen are the exceptions)
_GOLD_SETS = ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7",
              "hunted", "hunted2", "hunted3", "hunted4", "hunted5", "hunted6", "hunted7",
              "hunted8", "hunted9", "hunted10", "hunted11", "hunted12")
SETS = {
    "corpus": (ROOT / "corpus", GOLD / "claims.jsonl"),
    "unseen": (GOLD / "unseen", None),
    **{name: (GOLD / name, GOLD / f"{name}_claims.jsonl") for name in _GOLD_SETS},
}


def kb(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    return done.stdout


def claims_of(path: Path | None) -> list[str]:
    if path is None:
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["claim"] for r in rows if "claim" in r]


def outputs(folder: Path, claims: list[str], work: Path) -> dict[str, str]:
    """The three outputs of one set, as text (pretty JSON, keys in kb's order)."""
    store, tables = work / "store", work / "tables"
    kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tables))
    out = {"facts.json": kb("facts", "--store", str(store), "--format", "json"),
           "verify.json": kb("verify", "--store", str(store), "--json")}
    if claims:
        claim_file = work / "claims.txt"
        claim_file.write_text("\n".join(claims) + "\n", encoding="utf-8")
        out["check.json"] = kb("check", "--store", str(store), "--file", str(claim_file), "--json")
    return {name: json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
            for name, text in out.items()}


def all_outputs() -> dict[str, str]:
    """Every set's outputs, keyed by the relative path under tests/golden/baseline/."""
    result = {}
    for name, (folder, claims) in SETS.items():
        with tempfile.TemporaryDirectory() as tmp:
            for file, text in outputs(folder, claims_of(claims), Path(tmp)).items():
                result[f"{name}/{file}"] = text
    return result


def differences(current: dict[str, str], limit: int = 40) -> list[str]:
    """Unified-diff lines between the stored baseline and ``current`` (empty when equal)."""
    lines = []
    for rel, text in sorted(current.items()):
        stored = BASELINE / rel
        old = stored.read_text(encoding="utf-8") if stored.exists() else ""
        if old != text:
            diff = difflib.unified_diff(old.splitlines(), text.splitlines(), f"baseline/{rel}",
                                        f"now/{rel}", lineterm="", n=1)
            lines += list(diff)[:limit]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the baseline")
    args = parser.parse_args()
    current = all_outputs()
    if args.write:
        for rel, text in current.items():
            (BASELINE / rel).parent.mkdir(parents=True, exist_ok=True)
            (BASELINE / rel).write_text(text, encoding="utf-8")
        print(f"wrote {len(current)} files under {BASELINE.relative_to(ROOT)}")
        return 0
    diff = differences(current)
    print("\n".join(diff) if diff else f"identical: {len(current)} files")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
