"""The benchmark corpus, made at run time (never committed as data).

``make_corpus(dest, files)`` writes ``files`` documents into ``dest``: each is a copy of
one or two source documents of ``corpus/`` and ``../shared/realdocs/`` (same format,
joined as two chapters), in the source's own encoding (GBK files stay GB18030), with
every figure and some place names perturbed per copy, so that no two copies state the
same facts:

- a number that is not a year is multiplied by a factor in [0.7, 1.4] and written
  with as many decimals as before (3.91 → 4.37; 1,273 → 1,530);
- each province is renamed to another one (one random permutation per copy: 北京 →
  四川 everywhere in that copy, its one-letter form 京 untouched).

    python benchmarks/make_corpus.py benchmarks/data/corpus300 --files 300
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "corpus", ROOT.parent / "shared" / "realdocs"]
SKIP = {"SOURCES.md", "README.md"}
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:,\d{3})*)(\.\d+)?(?![\d.])")


def source_documents() -> list[tuple[str, str, str]]:
    """(suffix, encoding, text) of every source document, in name order."""
    out = []
    for folder in SOURCES:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.name in SKIP or path.suffix not in (".txt", ".md", ".html"):
                continue
            raw = path.read_bytes()
            try:
                out.append((path.suffix, "utf-8", raw.decode("utf-8")))
            except UnicodeDecodeError:
                out.append((path.suffix, "gb18030", raw.decode("gb18030")))
    return out


def provinces() -> list[str]:
    data = json.loads((ROOT / "kb" / "data" / "places.json").read_text(encoding="utf-8"))
    return [p["name"] for p in data["provinces"] if len(p["name"]) >= 2]


def perturb_numbers(text: str, rng: random.Random) -> str:
    """Every number that is not a year (1900–2099 without decimals) scaled by a random factor."""
    def scaled(m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2) or ""
        plain = whole.replace(",", "")
        if not frac and len(plain) == 4 and plain[:2] in ("19", "20"):
            return m.group(0)
        value = float(plain + frac) * rng.uniform(0.7, 1.4)
        decimals = len(frac) - 1 if frac else 0
        text_value = f"{value:.{decimals}f}"
        if "," in whole:
            head, _, tail = text_value.partition(".")
            text_value = f"{int(head):,}" + (f".{tail}" if tail else "")
        return text_value
    return _NUMBER.sub(scaled, text)


def rename_places(text: str, rng: random.Random, names: list[str]) -> str:
    """Provinces swapped by one random permutation (longest names first, in one pass)."""
    shuffled = names[:]
    rng.shuffle(shuffled)
    mapping = dict(zip(names, shuffled, strict=True))
    pattern = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def make_corpus(dest: Path, files: int, seed: int = 12) -> list[Path]:
    """Write ``files`` perturbed documents into ``dest`` (made if missing); their paths."""
    sources, names, rng = source_documents(), provinces(), random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(files):
        suffix, encoding, text = sources[n % len(sources)]
        if rng.random() < 0.6:   # a second chapter of the same format
            same = [s for s in sources if s[0] == suffix]
            text = text.rstrip() + "\n\n" + rng.choice(same)[2]
        text = rename_places(perturb_numbers(text, rng), rng, names)
        path = dest / f"doc{n:05d}{suffix}"
        path.write_bytes(text.encode(encoding))
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    paths = make_corpus(args.dest, args.files, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB in {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
