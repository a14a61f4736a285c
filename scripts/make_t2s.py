"""Write kb/data/t2s.txt (traditional → simplified: how kb reads traditional text) and kb/data/s2t.txt
(simplified → the usual traditional form: how kb's own words are written traditionally).

    python scripts/make_t2s.py            # from the installed opencc-python-reimplemented (dev extra)

The source is OpenCC's TSCharacters.txt (Apache License 2.0): every traditional character with
one simplified character of its own. A character that is also written in simplified text
(乾 as in 乾隆, 於 as a surname, 徵 …: a key of STCharacters.txt or a simplified form itself)
is left out, so the table never changes simplified text. One character for one: offsets into a
text stay the same after mapping. One exception is read anyway (``READ_ANYWAY``): 於, far more often
the preposition 于 of traditional text (高於, 相當於, 僅次於) than a surname in simplified text.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kb" / "data" / "t2s.txt"
OUT_S2T = ROOT / "kb" / "data" / "s2t.txt"
# traditional characters simplified text also uses that kb reads as simplified all the same
READ_ANYWAY = {"於": "于"}


def read_table(path: Path) -> dict[str, list[str]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split(" ")
    return table


def pairs(ts: dict[str, list[str]], st: dict[str, list[str]]) -> dict[str, str]:
    """traditional → simplified, single characters, without the characters simplified text uses."""
    simplified_forms = {s for values in ts.values() for s in values}
    return {t: s[0] for t, s in sorted(ts.items())
            if len(t) == 1 and len(s[0]) == 1 and t != s[0] and t not in st and t not in simplified_forms}


def main() -> int:
    try:
        import opencc
    except ImportError:
        print("make_t2s: opencc-python-reimplemented is not installed; run pip install -e '.[dev]'", file=sys.stderr)
        return 1
    folder = Path(opencc.__file__).parent / "dictionary"
    st = read_table(folder / "STCharacters.txt")
    table = dict(sorted({**pairs(read_table(folder / "TSCharacters.txt"), st), **READ_ANYWAY}.items()))
    lines = ["# traditional → simplified, one character for one (scripts/make_t2s.py from OpenCC's",
             "# TSCharacters.txt, Apache License 2.0; characters simplified text also uses are left out,",
             "# except 於 → 于)"]
    OUT.write_text("\n".join(lines + [f"{t}\t{s}" for t, s in table.items()]) + "\n", encoding="utf-8")
    print(f"{len(table)} characters → {OUT.relative_to(ROOT)}")
    usual = {s: t[0] for s, t in sorted(st.items()) if len(s) == 1 and len(t[0]) == 1 and t[0] != s}
    lines = ["# simplified → the usual traditional form, where it differs (scripts/make_t2s.py from OpenCC's",
             "# STCharacters.txt, first choice, Apache License 2.0): how kb's own words are written traditionally"]
    OUT_S2T.write_text("\n".join(lines + [f"{s}\t{t}" for s, t in usual.items()]) + "\n", encoding="utf-8")
    print(f"{len(usual)} characters → {OUT_S2T.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
