"""Write kb/data/counties.json: the county-level divisions kb knows by name (county-level cities,
counties, districts, banners), under their province and prefecture, and the characters that make
a name part of an ordinary word where it stands.

    python scripts/make_counties.py        # from the installed cpca (dev extra) and jieba

The source is cpca's adcodes.csv (MIT License): every division with its 12-digit code, whose first
two digits are the province, the next two the prefecture and the next two the county-level
division. A county-level city (昆山市) is known by its name with 市 and, unless that name is an
ordinary word (``ordinary_word``), without it (昆山); a county, district or banner only with its
suffix (德清县, 海淀区, 准格尔旗) — and a county's name with 市 too, for the counties made cities since
(宁乡县 → 宁乡市: ``former_counties``) — and never when the name before the suffix has one character (南县,
城区) or is a kind of district, not one (``GENERIC``).

A name standing in the middle of other words is not that place: 临海 in 亲临海南, 界首 in 世界首位,
海城市 in 滨海城市. The blockers are read from jieba's dictionary: ``left[c]`` holds every character
x such that x + c is a common word (frequency ≥ ``COMMON``), for the first characters of the names;
``right[c]`` every y such that c + y is one, for the last characters of the bare city names.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kb" / "data" / "counties.json"
# a two-character word this frequent in jieba's dictionary is a common word
COMMON = 50
# a bare city name that jieba's dictionary tags other than a name, this frequent, is an ordinary word
ORDINARY = 20
NAME_TAGS = {"ns", "nr", "nrt", "nz"}
# kinds of district, not one district (城区 and 郊区 have one character before the suffix)
GENERIC = {"市辖区", "市中区", "新城区", "老城区", "开发区", "高新区", "新区"}
# bare names jieba tags as ordinary words that are far more often the city in economic text
BARE_ALL_THE_SAME = {"常熟", "仙桃", "恩施", "赤壁", "大冶", "石首", "龙口", "高密", "临清", "河间", "当阳", "仪征",
                     "句容", "义马", "遵化", "兴化", "介休", "奉化", "登封", "辛集", "即墨"}
# bare names that are ordinary words jieba tags as names or does not weigh (社会安宁, 坚如磐石, 龙井茶)
ORDINARY_ALL_THE_SAME = {"安宁", "磐石", "龙井", "三河", "东方", "合作", "新民", "灯塔", "和平", "开原", "安达",
                         "大安", "永安", "福安", "北安", "宁安", "集安", "海城", "明光", "天长", "界首", "高平",
                         "原平", "五常", "阳春", "长葛", "沙河", "安国", "文山", "海门", "图们", "根河", "资兴",
                         "古交", "应城", "扶余", "个旧", "常宁", "平度", "凯里", "大理", "芒", "简阳"}


def read_divisions(path: Path) -> list[tuple[str, str]]:
    """(12-digit code, name) of every row of adcodes.csv."""
    with path.open(encoding="utf-8") as fh:
        return [(row["adcode"], row["name"]) for row in csv.DictReader(fh)]


def short_province(name: str) -> str:
    """广西壮族自治区 → 广西, 江苏省 → 江苏, 北京市 → 北京."""
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def short_prefecture(name: str) -> str:
    """苏州市 → 苏州; 恩施土家族苗族自治州 and the provinces' directly governed divisions keep their name."""
    return name[:-1] if name.endswith("市") and len(name) > 2 else name


def county_forms(name: str) -> list[str]:
    """The surface forms of a county, district or banner: the full name, and for an autonomous
    county the name with 县 alone too (陵水黎族自治县 → 陵水县)."""
    forms = [name]
    if name.endswith("自治县"):
        forms.append(name[:2] + "县")
    return forms


def usable(name: str) -> bool:
    """A county-level name kb may look for: two or more characters before its suffix, not a kind."""
    return len(name) >= 3 and name not in GENERIC and not name.startswith("市辖")


def jieba_words() -> dict[str, tuple[int, str]]:
    """word → (frequency, tag) of jieba's default dictionary."""
    import jieba

    words = {}
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            words[word] = (int(freq), tag)
    return words


def ordinary_word(name: str, words: dict[str, tuple[int, str]]) -> bool:
    """True when a bare city name is mostly an ordinary word (合作, 东方, 灯塔)."""
    if name in BARE_ALL_THE_SAME:
        return False
    freq, tag = words.get(name, (0, "ns"))
    return name in ORDINARY_ALL_THE_SAME or (tag not in NAME_TAGS and freq >= ORDINARY)


def gather(rows: list[tuple[str, str]]) -> dict:
    """province → prefecture → {cities, counties, districts} (cities bare, the others full)."""
    provinces = {code[:2]: short_province(name) for code, name in rows if code[2:] == "0" * 10}
    prefectures = {code[:4]: short_prefecture(name) for code, name in rows
                   if code[4:] == "0" * 8 and code[2:4] != "00"}
    tree: dict = defaultdict(lambda: defaultdict(lambda: {"cities": [], "counties": [], "districts": []}))
    for code, name in sorted(rows):
        if code[4:6] == "00" or code[6:] != "0" * 6 or not usable(name):
            continue
        province = provinces[code[:2]]
        prefecture = prefectures.get(code[:4], "省直辖")
        if prefecture.endswith("直辖县级行政区划") or prefecture.startswith("省直辖") or code[2:4] == "90":
            prefecture = "省直辖"
        kind = {"市": "cities", "县": "counties", "区": "districts", "旗": "counties"}.get(name[-1])
        if kind is None:
            continue
        entry = tree[province][prefecture][kind]
        if kind == "cities":
            entry.append(name[:-1])
        else:
            entry.extend(f for f in county_forms(name) if f not in entry)
    return {p: dict(sorted(v.items())) for p, v in sorted(tree.items())}


def county_cities(tree: dict, words: dict[str, tuple[int, str]]) -> None:
    """Add to each prefecture's "former_counties" the name with 市 of each county that may have become a
    city since the data were drawn (宁乡县 → 宁乡市), unless that form or its stem is an ordinary word
    (大城县 → 大城市 is "big city")."""
    for prefectures in tree.values():
        for kinds in prefectures.values():
            stems = [n[:-1] for n in kinds["counties"] if n.endswith("县") and not n.endswith("自治县") and len(n) >= 3]
            kinds["former_counties"] = [s for s in stems if s + "市" not in words and not ordinary_word(s, words)]


def blockers(tree: dict, words: dict[str, tuple[int, str]], bare: list[str]) -> tuple[dict, dict]:
    """left[c]: characters x with x + c a common word, for the first characters of every name;
    right[c]: characters y with c + y a common word, for the last characters of the bare names."""
    firsts = {n[0] for prefectures in tree.values() for kinds in prefectures.values()
              for names in kinds.values() for n in names}
    lasts = {n[-1] for n in bare}
    left: dict[str, set[str]] = defaultdict(set)
    right: dict[str, set[str]] = defaultdict(set)
    for word, (freq, _tag) in words.items():
        if len(word) == 2 and freq >= COMMON:
            if word[1] in firsts:
                left[word[1]].add(word[0])
            if word[0] in lasts:
                right[word[0]].add(word[1])
    return ({c: "".join(sorted(s)) for c, s in sorted(left.items())},
            {c: "".join(sorted(s)) for c, s in sorted(right.items())})


def main() -> int:
    try:
        import cpca
    except ImportError:
        print("make_counties: cpca is not installed; run pip install -e '.[dev]'", file=sys.stderr)
        return 1
    rows = read_divisions(Path(cpca.__file__).parent / "resources" / "adcodes.csv")
    words = jieba_words()
    tree = gather(rows)
    county_cities(tree, words)
    cities = sorted({c for prefectures in tree.values() for kinds in prefectures.values() for c in kinds["cities"]})
    needs_suffix = sorted(c for c in cities if ordinary_word(c, words))
    bare = [c for c in cities if c not in needs_suffix]
    left, right = blockers(tree, words, bare)
    data = {"_source": "scripts/make_counties.py from cpca's adcodes.csv (MIT License) and jieba's dictionary",
            "provinces": tree, "city_needs_suffix": needs_suffix, "left_blockers": left, "right_blockers": right}
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    counts = {k: sum(len(kinds[k]) for prefectures in tree.values() for kinds in prefectures.values())
              for k in ("cities", "counties", "districts")}
    print(f"{counts} ({len(needs_suffix)} cities only with 市) → {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
