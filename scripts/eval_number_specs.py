"""How kb reads a peer's public test cases for Chinese percentages, currencies and dimensions.

Measures ``kb.figures.quantities.parse_quantities`` against spec files transcribed
from Microsoft Recognizers-Text (Specs/Number/Chinese/PercentModel.json,
Specs/NumberWithUnit/Chinese/CurrencyModel.json and DimensionModel.json). The spec
files are NOT in this repository: the user passes their paths. Each file is a JSON
list of ``{"input": str, "results": [{"text": str, "value": str|number,
"unit": str|null}], "NotSupported"?: str}``.

Each case's input is read as one paragraph. Per file it counts:

* expected results read right: a kb figure whose surface overlaps the expected
  text and whose value matches (percent: value_normalized equals the percentage
  and unit_normalized is ``%`` or ``pp``; currency: value_normalized equals the
  amount and unit_normalized is the currency's ISO code; dimension:
  value_normalized equals the value converted into kb's atom by ``DIMENSIONS``),
  relative tolerance 1e-6;
* wrong value: a kb figure overlaps the expected text but its value or unit differ;
* missed: no kb figure overlaps the expected text;
* true negatives: cases with no expected result where kb reads nothing;
* false figures: kb figures used by no expected result, of the file's kind
  (kind_hint percent/pp, currency or physical); other figures left over (a count
  such as 10万人 in a dimension case) are counted apart as out of scope.

Usage::

    python scripts/eval_number_specs.py percent.json currency.json dimension.json [--json] [-v]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository's kb, wherever the script is run from

from kb.figures.quantities import parse_quantities

REL_TOL = 1e-6
PERCENT_UNITS = ("%", "pp")

# The spec's currency names → ISO 4217 (kb knows only some of them).
CURRENCY_ISO = {
    "Chinese yuan": "CNY", "United States dollar": "USD", "Hong Kong dollar": "HKD",
    "New Taiwan dollar": "TWD", "Euro": "EUR", "Japanese yen": "JPY",
    "British pound": "GBP", "Pound sterling": "GBP", "Swiss franc": "CHF",
    "South Korean won": "KRW", "Nigerian naira": "NGN", "Macanese pataca": "MOP",
    "Singapore dollar": "SGD", "Australian dollar": "AUD", "Canadian dollar": "CAD",
    "Russian ruble": "RUB", "Indian rupee": "INR",
}

# The spec's dimension names → (kb atom, multiplier into that atom).
DIMENSIONS = {
    "Kilometer": ("km", 1.0), "Meter": ("m", 1.0), "Centimeter": ("m", 0.01),
    "Millimeter": ("m", 0.001), "Mile": ("km", 1.609344), "Foot": ("m", 0.3048),
    "Inch": ("m", 0.0254),
    "Ton": ("t", 1.0), "Kilogram": ("kg", 1.0), "Gram": ("kg", 1e-3),
    "Milligram": ("kg", 1e-6), "Microgram": ("kg", 1e-9),
    "Jin": ("jin", 1.0), "Liang": ("jin", 0.1),
    "Mu": ("mu", 1.0), "Hectare": ("ha", 1.0),
    "Square kilometer": ("km2", 1.0), "Square meter": ("m2", 1.0),
    "Cubic meter": ("m3", 1.0), "Liter": ("L", 1.0), "Milliliter": ("L", 1e-3),
    "Bit": ("bit", 1.0), "Kilobit": ("bit", 1e3), "Megabit": ("bit", 1e6),
    "Byte": ("byte", 1.0), "Kilobyte": ("byte", 1e3), "Megabyte": ("byte", 1e6),
    "Gigabyte": ("byte", 1e9), "Terabyte": ("byte", 1e12),
    "Hertz": ("Hz", 1.0), "Megahertz": ("Hz", 1e6),
    "Watt": ("W", 1.0), "Kilowatt": ("kW", 1.0),
    "Kilocalorie": ("kcal", 1.0),
}

COLUMNS = ("expected", "right", "wrong_value", "missed", "negatives", "true_negatives",
           "false_figures", "out_of_scope")
KIND_HINTS = {"percent": ("percent", "pp"), "currency": ("currency",), "dimension": ("physical",)}


def load_cases(path: Path) -> list[dict]:
    """The cases of one spec file."""
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def as_number(value) -> float:
    """A spec value ("50%", "-0.2", 15) as a float."""
    return float(str(value).strip().rstrip("%"))


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def spec_kind(result: dict) -> str:
    """percent, currency or dimension: what an expected result is."""
    if str(result["value"]).strip().endswith("%"):
        return "percent"
    return "currency" if result.get("unit") in CURRENCY_ISO else "dimension"


def target(result: dict) -> tuple[tuple[str, ...], float] | None:
    """The kb units and value_normalized an expected result asks for; None if its unit is unknown."""
    value = as_number(result["value"])
    unit = result.get("unit")
    if spec_kind(result) == "percent":
        return PERCENT_UNITS, value
    if unit in CURRENCY_ISO:
        return (CURRENCY_ISO[unit],), value
    if unit in DIMENSIONS:
        atom, factor = DIMENSIONS[unit]
        return (atom,), value * factor
    return None


def file_kinds(cases: list[dict]) -> set[str]:
    """The kb kind_hints a spec file is about."""
    kinds = {spec_kind(r) for case in cases for r in case["results"]}
    return {hint for kind in kinds for hint in KIND_HINTS[kind]}


def reads_right(result: dict, figure) -> bool:
    """Whether a kb figure states the expected value in the expected unit."""
    wanted = target(result)
    if wanted is None:
        return False
    units, value = wanted
    return figure.unit_normalized in units and close(figure.value_normalized, value)


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` NFKC-folded and lower-cased, with each folded char's offset in ``text``."""
    chars, offsets = [], []
    for i, ch in enumerate(text):
        for folded in unicodedata.normalize("NFKC", ch).lower():
            chars.append(folded)
            offsets.append(i)
    return "".join(chars), offsets


def locate(text: str, needle: str, cursor: int) -> tuple[int, int] | None:
    """Where ``needle`` stands in ``text`` at or after ``cursor`` (exact, else width/case-folded)."""
    at = text.find(needle, cursor)
    if at >= 0:
        return at, at + len(needle)
    folded, offsets = _folded(text)
    folded_needle, _ = _folded(needle)
    starts = [k for k, off in enumerate(offsets) if off >= cursor]
    at = folded.find(folded_needle, starts[0]) if starts else -1
    if at < 0:
        return None
    return offsets[at], offsets[at + len(folded_needle) - 1] + 1


def overlaps(span: tuple[int, int], figure) -> bool:
    return figure.start < span[1] and span[0] < figure.end


def describe(figure) -> str:
    return f"{figure.surface}={figure.value_normalized:g} {figure.unit_normalized}"


def match_result(result: dict, span, figures: list, used: set[int]) -> tuple[str, int | None]:
    """The outcome for one expected result: right / wrong_value / missed, with the figure used."""
    near = [i for i, f in enumerate(figures) if i not in used and (span is None or overlaps(span, f))]
    for i in near:
        if reads_right(result, figures[i]):
            return "right", i
    return ("wrong_value", near[0]) if near else ("missed", None)


def score_case(case: dict) -> dict:
    """Outcomes of one case: per expected result, and kb figures left over."""
    text = case["input"]
    figures = parse_quantities(text)
    used: set[int] = set()
    outcomes, cursor = [], 0
    for result in case["results"]:
        span = locate(text, result["text"], cursor)
        cursor = span[1] if span else cursor
        outcome, index = match_result(result, span, figures, used)
        if index is not None:
            used.add(index)
        outcomes.append((result, outcome, index))
    extra = [f for i, f in enumerate(figures) if i not in used]
    return {"case": case, "figures": figures, "outcomes": outcomes, "extra": extra}


def tally(scored: list[dict], kinds: set[str]) -> dict[str, int]:
    """The counts of one file."""
    counts = dict.fromkeys(COLUMNS, 0)
    for s in scored:
        counts["expected"] += len(s["outcomes"])
        for _, outcome, _ in s["outcomes"]:
            counts[outcome] += 1
        in_kind = sum(f.kind_hint in kinds for f in s["extra"])
        counts["false_figures"] += in_kind
        counts["out_of_scope"] += len(s["extra"]) - in_kind
        if not s["outcomes"]:
            counts["negatives"] += 1
            counts["true_negatives"] += not s["figures"]
    return counts


def misses(scored: list[dict]) -> list[dict]:
    """Every case with a wrong value, a miss or a false figure: input, expected, what kb read."""
    rows = []
    for s in scored:
        bad = [(r, o) for r, o, _ in s["outcomes"] if o != "right"]
        if not bad and not s["extra"]:
            continue
        rows.append({
            "input": s["case"]["input"],
            "expected": [f"{r['text']}={r['value']} {r.get('unit') or ''}".strip() + f" [{o}]" for r, o in bad],
            "kb_read": [describe(f) for f in s["figures"]],
            "left_over": [describe(f) for f in s["extra"]],
        })
    return rows


def evaluate(path: Path) -> dict:
    """Counts and misses for one spec file."""
    cases = load_cases(path)
    scored = [score_case(case) for case in cases]
    counts = tally(scored, file_kinds(cases))
    return {"file": str(path), "cases": len(scored), "counts": counts, "misses": misses(scored)}


def print_table(reports: list[dict]) -> None:
    header = ["file", "cases", *COLUMNS]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for r in reports:
        c = r["counts"]
        print(" | ".join([Path(r["file"]).name, str(r["cases"]), *(str(c[k]) for k in COLUMNS)]))


def print_misses(report: dict) -> None:
    print(f"\n## {Path(report['file']).name}: {len(report['misses'])} cases not read right")
    for m in report["misses"]:
        print(f"- {m['input']!r}")
        for e in m["expected"]:
            print(f"    expected {e}")
        print(f"    kb read  {m['kb_read'] or '-'}")
        if m["left_over"]:
            print(f"    left over {m['left_over']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="+", type=Path, help="transcribed spec files (JSON)")
    parser.add_argument("--json", action="store_true", help="print the counts (and misses with -v) as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every case not read right")
    args = parser.parse_args(argv)
    reports = [evaluate(p) for p in args.specs]
    if args.json:
        out = [r if args.verbose else {k: v for k, v in r.items() if k != "misses"} for r in reports]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print_table(reports)
    if args.verbose:
        for r in reports:
            print_misses(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
