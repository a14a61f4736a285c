"""Place names in Chinese text: provinces, cities, regions, and organisations.

The data (kb/data/places.json) lists provinces with their full names and
one-character abbreviations, prefecture-level cities, and regions/city
clusters with their aliases and member places; kb/data/counties.json (written by
scripts/make_counties.py) the county-level cities, counties, districts and banners,
and the characters that make such a name part of a common word where it stands
(亲临海南 names no 临海). ``find_places`` returns the places a text mentions, as
display names:

- provinces and cities lose 省/市 (北京市 → 北京);
- a region alias with a generic suffix loses it (京津冀地区 → 京津冀), other
  aliases keep the document's form (大湾区 stays 大湾区), 我国/中国 → 全国;
- runs of abbreviations (京津, 津冀两地, 川渝, 广深佛莞) keep the document's
  combined form (京津, 川渝); ``members`` expands them (北京, 天津) so that
  分别 figures can be distributed over them;
- a longer form of a region's short name is that name (成渝地区双城经济圈 → 成渝).
- countries and economies (美国, 欧盟, 东盟, 共建“一带一路”国家) are places of
  ``kind`` "economy"; 中国香港 / 中国台湾 are 香港 / 台湾.
  An alias listed in a region's "as_name" (双城经济圈) also shows the name.

``canonical`` gives one matching key per place (大湾区 → 粤港澳大湾区),
``aliases`` every surface form of it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from kb.text.memo import kept_list
from kb.text.name_scan import NameScanner
from kb.text.vocab import data_path, regex, vocabulary, words

DATA_PATH = data_path("places.json")
# county-level cities, counties, districts and banners (scripts/make_counties.py)
COUNTIES_PATH = data_path("counties.json")

# Suffixes stripped from a region alias when the rest is itself an alias.
_REGION_SUFFIXES = words("gazetteer", "region_suffixes")
# A place followed by these is part of another name (北京大学, 中山路).
_NAME_CONTINUATIONS = regex("gazetteer", "name_continuation")
_COUNTY_AFTER = regex("gazetteer", "county_after")
_SUFFIX_CONTINUES = regex("gazetteer", "suffix_continues")
# characters that end a time or a function word before a place (2023年青州市: 年青 is no word there)
_PLACE_LEAD = frozenset(vocabulary("gazetteer")["place_lead_chars"])
# What may follow a run of abbreviations for it to be read as places.
_RUN_FOLLOW = regex("gazetteer", "run_follow")
_ORG_SUFFIX = regex("gazetteer", "org_suffix")
# Common words that end like an organisation but are not one.
# 上市公司 / 控股子公司: a kind of company, not one named
_GENERIC_ORG = regex("gazetteer", "generic_org")
_ORG_VERB_LEAD = regex("gazetteer", "org_verb_lead")
_ORG_VERB_INSIDE = regex("gazetteer", "org_verb_inside")
_NOT_ORG = regex("gazetteer", "not_org")
_ORG_CONTINUES = regex("gazetteer", "org_continues")
# Time and scope words that open a clause, not an organisation's name (年末全省银行…).
_ORG_LEAD = regex("gazetteer", "org_lead")
_ORG_STOP = set(vocabulary("gazetteer")["org_stop_chars"])
_OFFICE_FOLLOW = regex("gazetteer", "office_follow")
_OFFICE_VERB = regex("gazetteer", "office_verb")
_GENERIC_GOVERNMENT = regex("gazetteer", "generic_government")
_ORG_AMONG = regex("gazetteer", "org_among")
_CLASSIFIERS = frozenset(words("gazetteer", "org_classifiers"))
_NUMBER_SCALES = frozenset("十百千万亿")
_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十两百千万几多数")
_BOOK_TITLE = re.compile(r"《[^《》]*》")


@dataclass(frozen=True)
class _Entry:
    """One surface form of a place: how it is shown, its matching key and its members."""

    display: str
    key: str                 # canonical matching key
    members: tuple[str, ...]
    kind: str = ""           # "economy" for a country or economy abroad (美国, 欧盟, 中国香港)
    guard: str = ""          # "left", "both": a county-level name is no place inside a word (see _inside_word)


@lru_cache(maxsize=1)
def _load() -> dict:
    """The parsed places.json, read once."""
    with DATA_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def _add_provinces(table: dict[str, _Entry], provinces: list[dict]) -> dict[str, str]:
    """Every form of each province (湖北, 湖北省, …); returns abbreviation char → province."""
    prov_abbr: dict[str, str] = {}
    for p in provinces:
        entry = _Entry(p["name"], p["name"], ())
        for form in {p["name"], p["full"], p["name"] + "省", p["name"] + "市", p["name"] + "地区"}:
            table.setdefault(form, entry)
        for a in p["abbr"]:
            prov_abbr.setdefault(a, p["name"])
    return prov_abbr


def _add_cities(table: dict[str, _Entry], cities: dict[str, list[str]], needs_suffix: set[str]) -> None:
    """宜昌市, 宜昌地区 and (unless the bare name is also a common word) 宜昌."""
    for _province, names in cities.items():
        for c in names:
            entry = _Entry(c, c, ())
            table.setdefault(c + "市", entry)
            table.setdefault(c + "地区", entry)
            if c not in needs_suffix:
                table.setdefault(c, entry)


def _region_display(region: dict, alias: str) -> str:
    """How a region alias is shown: without a generic suffix when the rest is an alias
    (京津冀地区 → 京津冀); a longer form of the short name is that name (成渝地区双城经济圈 → 成渝)."""
    key, aliases = region["name"], region["aliases"]
    display = alias
    for suffix in _REGION_SUFFIXES:
        if alias.endswith(suffix) and alias[: -len(suffix)] in aliases:
            display = alias[: -len(suffix)]
            break
    if key == "全国" or " " in alias or alias in region.get("as_name", ()) or (
            alias != key and (alias.endswith(key) or alias.startswith(key))):
        display = key
    return display


def _add_regions(table: dict[str, _Entry], regions: list[dict], economies: list[dict]) -> None:
    """Regions and city clusters with their members; then economies abroad (美国, 欧盟, 共建“一带一路”
    国家: trade partners a 分别 list names; 中国香港 is 香港)."""
    for r in regions:
        for alias in r["aliases"]:
            table[alias] = _Entry(_region_display(r, alias), r["name"], tuple(r["members"]))
    for e in economies:
        entry = table.get(e["name"]) or _Entry(e["name"], e["name"], (), "economy")
        for alias in e["aliases"]:
            table.setdefault(alias, entry)


@lru_cache(maxsize=1)
def _counties() -> dict:
    """The parsed counties.json, read once."""
    with COUNTIES_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def _add_counties(table: dict[str, _Entry], counties: dict) -> None:
    """昆山市 and (unless an ordinary word) 昆山; 德清县, 海淀区, 准格尔旗 only with their suffix, and a
    county's name with 市 too (it may have become a city). A name already known (a prefecture
    city, a region) keeps its entry."""
    needs_suffix = set(counties["city_needs_suffix"])
    for prefectures in counties["provinces"].values():
        for kinds in prefectures.values():
            for city in kinds["cities"]:
                entry = _Entry(city, city, (), guard="left")
                table.setdefault(city + "市", entry)
                if city not in needs_suffix:
                    table.setdefault(city, _Entry(city, city, (), guard="both"))
            for name in kinds["counties"] + kinds["districts"]:
                # 陵水黎族自治县 is 陵水县
                key = name[:2] + "县" if name.endswith("自治县") else name
                table.setdefault(name, _Entry(name, key, (), guard="left"))
            for stem in kinds["former_counties"]:
                # a county made a city since the data were drawn (宁乡县 → 宁乡市)
                table.setdefault(stem + "市", _Entry(stem, stem, (), guard="left"))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, _Entry], dict[str, str], dict[str, str], NameScanner]:
    """surface → entry; abbreviation char → province; char → city; the name scanner."""
    data = _load()
    table: dict[str, _Entry] = {}
    prov_abbr = _add_provinces(table, data["provinces"])
    _add_cities(table, data["cities"], set(data["city_needs_suffix"]))
    _add_regions(table, data["regions"], data.get("economies", ()))
    _add_counties(table, _counties())
    city_abbr = dict(data["city_abbr"])
    return table, prov_abbr, city_abbr, NameScanner(table, abbreviation_chars(prov_abbr, city_abbr))


def abbreviation_chars(prov_abbr: dict[str, str], city_abbr: dict[str, str]) -> str:
    """The one-character forms whose runs (京津, 广深佛莞) may name places, sorted."""
    return "".join(sorted(set(prov_abbr) | set(city_abbr)))


def name_pattern() -> re.Pattern:
    """The regex the scanner stands for: every surface form, longest first, then runs of
    abbreviations (kept for the test that the two find the same matches)."""
    table, prov_abbr, city_abbr, _ = _table()
    names = sorted(table, key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(n) for n in names) + ")|(["
                      + re.escape(abbreviation_chars(prov_abbr, city_abbr)) + "]{2,})")


def _run_members(run: str) -> list[str]:
    """京津 → [北京, 天津]; 广深佛莞 → [广州, 深圳, 佛山, 东莞]."""
    _, prov_abbr, city_abbr, _ = _table()
    city_only = any(c in city_abbr and c not in prov_abbr for c in run)
    out = []
    for c in run:
        if city_only and c in city_abbr:
            out.append(city_abbr[c])
        else:
            out.append(prov_abbr.get(c) or city_abbr[c])
    return out


def _ambiguity_rules(data: dict) -> dict[str, tuple[re.Pattern | None, re.Pattern | None]]:
    """name → (bad text before, bad text after) of aliases that are also parts of ordinary words."""
    def compiled(source: str | None) -> re.Pattern | None:
        """The compiled regex, or None for no source."""
        return re.compile(source) if source else None

    return {name: (compiled(rule.get("before")), compiled(rule.get("after"))) for name, rule in data.items()}


_AMBIGUOUS = _ambiguity_rules(vocabulary("gazetteer")["ambiguous"])


def _ambiguous(text: str, name: str, start: int, end: int) -> bool:
    """True when the alias ``name`` at ``start:end`` is part of an ordinary word (中国家, 国内游客)."""
    rule = _AMBIGUOUS.get(name)
    if rule is None:
        return False
    before, after = rule
    return bool((before and before.search(text[:start])) or (after and after.match(text[end:])))


def _inside_word(text: str, start: int, end: int, entry: _Entry) -> bool:
    """True when a county-level name at ``start:end`` is part of common words around it: the
    character before makes a word with its first (亲临海南, 世界首位, 滨海城市), its suffix starts a
    longer word (长沙县域), or, for a bare city name, the character after makes a word with its last
    (公开平台, 适应城乡)."""
    if not entry.guard:
        return False
    counties = _counties()
    name = text[start:end]
    if _SUFFIX_CONTINUES.match(text, end):
        return True
    if start > 0 and text[start - 1] not in _PLACE_LEAD and \
            text[start - 1] in counties["left_blockers"].get(name[0], ""):
        return True
    return entry.guard == "both" and end < len(text) and \
        text[end] in counties["right_blockers"].get(name[-1], "")


def _masked(text: str) -> str:
    """Blank out book titles 《…》 so that names inside them are not places."""
    return _BOOK_TITLE.sub(lambda m: "\u3000" * len(m.group()), text)


@kept_list()       # asked of the same phrases by many rules (issue 12)
def find_places(text: str) -> list[tuple[str, int, int]]:
    """Places mentioned in ``text``: (display name, start, end), in text order."""
    table, _, _, scanner = _table()
    masked = _masked(text)
    found = []
    for start, end, name in scanner.scan(masked, lambda s, e: not _inside_word(masked, s, e, table[masked[s:e]])):
        if _NAME_CONTINUATIONS.match(masked, end):
            continue
        if name:
            if _ambiguous(masked, name, start, end):
                continue
            county = _COUNTY_AFTER.match(masked, end)
            found.append((table[name].display + "县", start, county.end()) if county else
                         (table[name].display, start, end))
            continue
        run = masked[start:end]
        if not _RUN_FOLLOW.match(masked, end) or len(set(run)) != len(run):
            continue
        # the document's own combined form (京津, 川渝); ``members`` expands it
        found.append((run, start, end))
    return found


def members(name: str) -> list[str]:
    """The places a region or combined name stands for (京津冀 → 北京, 天津, 河北), else []."""
    table, prov_abbr, city_abbr, _ = _table()
    if "、" in name:
        return name.split("、")
    if name in table:
        return list(table[name].members)
    if len(name) >= 2 and all(c in prov_abbr or c in city_abbr for c in name):
        return _run_members(name)
    return []


def province_of(name: str) -> str:
    """The province a city belongs to (绍兴 → 浙江, 宁波市 → 浙江), else ""."""
    city = canonical(name)
    return _city_provinces().get(city, "") or _county_provinces().get(city, "")


def cities_of(province: str) -> list[str]:
    """The prefecture-level cities of a province (安徽 → 合肥, 芜湖, …), else []."""
    return list(_load()["cities"].get(canonical(province), []))


@lru_cache(maxsize=1)
def _city_provinces() -> dict[str, str]:
    """prefecture-level city → its province; the first where two share a name."""
    out: dict[str, str] = {}
    for province, cities in _load()["cities"].items():
        for city in cities:
            out.setdefault(city, province)
    return out


@lru_cache(maxsize=1)
def _province_names() -> frozenset[str]:
    """The provinces' short names (湖北, 北京)."""
    return frozenset(p["name"] for p in _load()["provinces"])


@lru_cache(maxsize=1)
def _county_provinces() -> dict[str, str]:
    """county-level name → its province (昆山 → 江苏, 德清县 → 浙江); the first where two share a name."""
    out: dict[str, str] = {}
    for province, prefectures in _counties()["provinces"].items():
        for kinds in prefectures.values():
            for name in kinds["cities"] + kinds["counties"] + kinds["districts"] + kinds["former_counties"]:
                out.setdefault(name, province)
    return out


def place_level(name: str) -> str:
    """"province", "city" (a prefecture), "county" (a county-level division: 昆山, 德清县), or ""
    (the nation, a region, an economy abroad, not a place)."""
    key = canonical(name)
    if key in _province_names():
        return "province"
    if key in _city_provinces():
        return "city"
    return "county" if key in _county_provinces() else ""


def kind(name: str) -> str:
    """"economy" for a country or economy abroad (美国, 欧盟), "" for other places and non-places."""
    entry = _table()[0].get(name)
    return entry.kind if entry else ""


def canonical(name: str) -> str:
    """One key per place for matching: 北京市 → 北京, 大湾区 → 粤港澳大湾区, 我国 → 全国."""
    name = name.strip()
    table, _, _, _ = _table()
    if name in table:
        return table[name].key
    by_display = _reverse()[0]
    if name in by_display:
        return by_display[name]
    parts = members(name)            # (a name of the table was answered above)
    if parts and "、" not in name:
        return "、".join(parts)
    return name


def aliases(name: str) -> set[str]:
    """Every surface form that has the same canonical key as ``name`` (itself included)."""
    key = canonical(name)
    return {name, key} | _reverse()[1].get(key, set())


@lru_cache(maxsize=1)
def _reverse() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """display name → key of the first entry shown so; key → every surface and display form."""
    by_display: dict[str, str] = {}
    forms: dict[str, set[str]] = {}
    for surface, entry in _table()[0].items():
        by_display.setdefault(entry.display, entry.key)
        forms.setdefault(entry.key, set()).update((surface, entry.display))
    return by_display, {key: frozenset(v) for key, v in forms.items()}


def is_place(name: str) -> bool:
    """True when ``name`` is a known place or region (any alias)."""
    return canonical(name) != name or name in _table()[0] or name in _reverse()[0] or bool(members(name))


def is_generic_kind(name: str) -> bool:
    """True for a kind of company or institution, not one named (上市公司, 公立医院, 民办学校)."""
    return bool(_GENERIC_ORG.match(name))


def find_organisations(text: str) -> list[tuple[str, int, int]]:
    """Organisations named in ``text`` (…局, …委员会, …公司, 国家数据局): (name, start, end)."""
    masked = _masked(text)
    found: list[tuple[str, int, int]] = []
    for m in _ORG_SUFFIX.finditer(masked):
        end = m.end()
        if found and m.start() < found[-1][2]:
            continue
        if _ORG_CONTINUES.match(masked, end) or _verb_ban(masked, m):
            continue
        start = m.start()
        while start > 0 and m.start() - start < 14 and (
                masked[start - 1] not in _ORG_STOP or masked[start - 3:start] == "经济和"):
            start -= 1
        if found:
            start = max(start, found[-1][2])
        if _counted_kind(masked, start):
            continue
        start = _after_among(masked, start, m.start())
        # an organisation named after a place starts at the place (加挂北京市大数据管理局)
        inner = [ps for _, ps, _ in find_places(masked[start:m.start()])]
        if inner:
            start += inner[0]
        # 以…研究院为例 / 据…统计局统计: the preposition is not part of the name
        elif masked[start] == "据" or (masked[start] == "以" and masked[end:end + 1] == "为"):
            start += 1
        start = _past_lead_words(masked, start, m.start())
        name = masked[start:end]
        if end - start < 3 or m.start() - start < 2 or _NOT_ORG.search(name) or _GENERIC_ORG.match(name) \
                or _GENERIC_GOVERNMENT.match(name):
            continue
        found.append((text[start:end], start, end))
    return found


def _past_lead_words(text: str, start: int, suffix: int) -> int:
    """Where a name running back to ``start`` begins after the words that cannot start one: a verb
    (实现归属于上市公司股东的…: a clause fragment) and a period or area word (年末, 全省), in either order
    (年末每万人拥有医院…, 具有大学…文化程度)."""
    for _ in range(2):
        verb = _ORG_VERB_LEAD.match(text[start:suffix]) or _ORG_VERB_INSIDE.match(text[start:suffix])
        if verb:
            start += verb.end()
        lead = _ORG_LEAD.match(text[start:suffix])
        if lead:
            start += lead.end()
    return start


def _after_among(text: str, start: int, suffix: int) -> int:
    """Where a name running back to ``start`` begins: after 其中 (其中医院病床…: "of which") and after
    企业中 / 行业中 (制药企业中强生公司: "among")."""
    if text[start - 1:start + 1] == "其中":
        start += 1
    among = list(_ORG_AMONG.finditer(text, start, suffix))
    return among[-1].end() if among else start


def _verb_ban(text: str, m: re.Match) -> bool:
    """True when the suffix 办 at ``m`` is the verb (成功举办, 高效办成, 办学, 管理办法), not an office."""
    if m.group() != "办":
        return False
    return not _OFFICE_FOLLOW.match(text, m.end()) or bool(_OFFICE_VERB.search(text[max(0, m.start() - 3):m.start()]))


def _counted_kind(text: str, start: int) -> bool:
    """True when the name at ``start`` opens with a measure word or a scale right after a number
    (13个…中心, 7家…运营中心, 500亿以上市值公司) or with a number and a measure word (六家公司): a kind
    of body being counted, not one organisation."""
    if start + 1 < len(text) and text[start] in _NUMERAL_CHARS and text[start + 1] in _CLASSIFIERS:
        return True   # 六家公司 / 两家银行: a number of companies, not one named
    return start > 0 and (text[start] in _CLASSIFIERS or text[start] in _NUMBER_SCALES) \
        and text[start - 1] in _NUMERAL_CHARS


# 桐源县2023年国民经济和社会发展统计公报 / 某某市政府工作报告: a title names its place before its year or kind,
# even a county the data do not list.
_TITLE_PLACE = regex("gazetteer", "title_place")
_TITLE_PLACE_NOISE = regex("gazetteer", "title_place_noise")
_TITLE_PLACE_AFTER_TIME = regex("gazetteer", "title_place_after_time")


def title_place(title: str) -> str:
    """The place a report's title names (桐源县2023年…统计公报 → 桐源; 2024年前三季度瑞金市…情况 → 瑞金),
    known or not, else ""."""
    known = find_places(title)
    masked = _masked(title).replace("\u3000", " ")
    m = _TITLE_PLACE.search(masked) or _TITLE_PLACE_AFTER_TIME.match(masked)
    if not m:
        return known[0][0] if known else ""
    stem = _TITLE_PLACE_NOISE.sub("", m.group(1))
    inner = [p for p in known if p[1] <= m.start(2) <= p[2] or m.start(1) <= p[1] < m.end(2)]
    if inner:
        return inner[-1][0]
    if len(stem) >= 2 and members(stem):
        return stem + m.group(2)   # 云川省: one place of its own name, not the run 云 + 川
    return stem if len(stem) >= 2 else (known[0][0] if known else "")
