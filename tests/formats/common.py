"""What the format tests share: the shared documents (skipped with a reason where absent, a
failure under KB_REQUIRE_SHARED=1), a file read through every per-document stage, the
browser check, and a small report of our own written as Markdown."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.formats import render
from tests.paths import SHARED, shared_tokenizer

REALDOCS = SHARED / "realdocs"
PARITY = 0.95             # share of a source's facts its rendering must state alike


def realdocs() -> list[Path]:
    """The shared real documents; skip (or fail under KB_REQUIRE_SHARED=1) when absent."""
    if not REALDOCS.is_dir():
        if os.environ.get("KB_REQUIRE_SHARED") == "1":
            pytest.fail(f"{REALDOCS} is missing and KB_REQUIRE_SHARED=1")
        pytest.skip(f"{REALDOCS} is missing: the parity tests need the shared documents")
    return sorted(p for p in REALDOCS.iterdir()
                  if p.is_file() and p.name not in ("README.md", "SOURCES.md"))


def realdoc_names() -> list[str]:
    """Names to parametrize over, read without failing at collection time."""
    if not REALDOCS.is_dir():
        return ["(shared documents missing)"]
    return sorted(p.name for p in REALDOCS.iterdir()
                  if p.is_file() and p.name not in ("README.md", "SOURCES.md"))


def realdoc(name: str) -> Path:
    docs = {p.name: p for p in realdocs()}
    return docs[name]


def need_chromium() -> None:
    """Skip with the reason when headless chromium or a CJK font is missing."""
    why = render.chromium_missing()
    if why:
        pytest.skip(why)


@dataclass
class Read:
    """What kb keeps of one file: the document, its passages, facts and tables."""

    document: object
    passages: list
    facts: list
    tables: list


def read(path: Path) -> Read:
    """One file through every per-document stage (no store)."""
    from kb.pipeline import process_document

    document, passages, _, facts, tables, _ = process_document(path, path.parent, {}, shared_tokenizer())
    return Read(document, passages, facts, tables)


def squeeze(text: str) -> str:
    return "".join(text.split())


OWN_REPORT = """# 2025年某市国民经济和社会发展统计公报

## 一、综合

2025年，全市地区生产总值达到1234.5亿元，比上年增长5.6%。其中，第一产业增加值56.7亿元，增长3.1%；第二产业增加值432.1亿元，增长6.2%；第三产业增加值745.7亿元，增长5.4%。

年末全市常住人口321.4万人，比上年末增加2.3万人。城镇化率达到68.5%，比上年末提高0.9个百分点。

{filler}

## 二、农业

全年粮食播种面积85.2万亩，粮食总产量36.8万吨，比上年增长1.7%。蔬菜产量120.3万吨，增长4.5%。

{filler}

## 三、工业和建筑业

全年规模以上工业增加值增长7.8%。规模以上工业企业实现营业收入3456.7亿元，增长8.9%；实现利润总额210.4亿元，下降2.3%。

表1　2025年主要工业产品产量

（单位：万吨）

| 产品 | 产量 | 比上年增长（%） |
| --- | --- | --- |
| 钢材 | 456.2 | 3.4 |
| 水泥 | 789.1 | -2.1 |
| 化肥 | 12.5 | 6.7 |

{filler}

## 四、财政和金融

全年一般公共预算收入98.7亿元，增长4.2%。年末金融机构本外币各项存款余额4567.8亿元，增长9.1%。
"""

FILLER = ["这一年，全市上下坚持稳中求进工作总基调，经济运行总体平稳、稳中有进。",
          "各级各部门完整准确全面贯彻新发展理念，扎实推进高质量发展。",
          "城乡面貌持续改善，公共服务水平稳步提升，群众获得感不断增强。",
          "营商环境继续优化，市场主体活力进一步激发，创新动能加快集聚。",
          "生态环境质量保持稳定，绿色低碳转型取得新进展。",
          "社会大局和谐稳定，民生保障扎实有力，改革开放不断深化。",
          "重点项目建设有序推进，产业结构持续优化升级。"]


def own_report(filler_paragraphs: int = 8) -> str:
    """A statistical communiqué of our own (invented figures), long enough to run over
    several printed pages when ``filler_paragraphs`` of words without figures (each one
    different, as a real text's are) stand between its sections."""
    parts = OWN_REPORT.split("{filler}")
    out = parts[0]
    for n, part in enumerate(parts[1:]):
        out += "\n\n".join(filler_paragraph(n * filler_paragraphs + k) for k in range(filler_paragraphs)) + part
    return out


def filler_paragraph(k: int) -> str:
    """The k-th paragraph without figures: a different choice and order of sentences each."""
    return "".join(FILLER[(k * 2 + j * (1 + k % 3)) % len(FILLER)] for j in range(4 + k % 4))
