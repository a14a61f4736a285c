"""Lint gold files: every anchor must be found exactly once, and contain its surface.

    python scripts/gold_anchors.py tests/gold/realdocs/*.jsonl [--docs ../shared/realdocs]

Anchors are looked up in the visible text of the source file itself (decoded,
HTML tags and comments removed), compared as scripts/goldtext.py says. Inputs
of checks that carry an anchor are linted too. Prints one line per problem and
a count; exits 1 when there is a problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from goldtext import decode_source, find_all, flat, read_jsonl, visible_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def problems(entry: dict, compact: str) -> list[str]:
    """What is wrong with one anchor/surface pair, if anything."""
    anchor, surface = flat(entry.get("anchor", "")), flat(entry.get("surface", ""))
    found = len(find_all(compact, anchor))
    out = []
    if found == 0:
        out.append(f"anchor not found: {entry.get('anchor')!r}")
    elif found > 1:
        out.append(f"anchor found {found} times: {entry.get('anchor')!r}")
    if surface and surface not in anchor:
        out.append(f"surface {entry.get('surface')!r} not inside anchor {entry.get('anchor')!r}")
    return out


def patch_problems(entry: dict, source: str) -> list[str]:
    """A planted patch must find ``old`` at ``offset`` and change exactly one character."""
    offset, old, new = entry.get("offset", -1), entry.get("old", ""), entry.get("new", "")
    out = []
    if source[offset:offset + len(old)] != old:
        out.append(f"old text {old!r} is not at offset {offset}")
    if len(old) != len(new) or sum(a != b for a, b in zip(old, new, strict=False)) != 1:
        out.append(f"{old!r} → {new!r} is not a one-character change")
    return out


def lint(path: Path, docs: Path) -> list[str]:
    cache: dict[str, str] = {}
    report = []
    for entry in read_jsonl(path):
        if "offset" in entry and "doc" in entry:
            source = decode_source((docs / entry["doc"]).read_bytes())
            report += [f"{path.name}:{entry['_line']}: {p}" for p in patch_problems(entry, source)]
            entry = {**entry, "doc_id": entry["doc"], "anchor": entry.get("check_anchor", "")}
        doc = entry.get("doc_id") or entry.get("doc")
        if not doc or "anchor" not in entry:
            continue
        if doc not in cache:
            source = docs / doc
            if not source.exists():
                report.append(f"{path.name}:{entry['_line']}: no document {doc}")
                continue
            cache[doc] = flat(visible_text(decode_source(source.read_bytes())))
        pairs = [entry] + [i for i in entry.get("inputs", []) if isinstance(i, dict) and "anchor" in i]
        for pair in pairs:
            report += [f"{path.name}:{entry['_line']}: {p}" for p in problems(pair, cache[doc])]
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "realdocs")
    args = parser.parse_args()
    report = [line for f in args.files for line in lint(f, args.docs)]
    print("\n".join(report + [f"{len(report)} problems in {len(args.files)} files"]))
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
