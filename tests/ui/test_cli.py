"""The `kb` command as users and scripts call it (INTERFACE.md): exit codes, JSON, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from kb.models import FACT_COLUMNS
from kb.ui.cli import main
from tests.paths import ROOT


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_every_interface_command(capsys):
    code, out, _ = run(capsys)
    for command in ("ingest", "search", "facts", "check", "verify", "tables", "app"):
        assert command in out
    assert code == 0


def test_one_blas_thread_unless_the_user_chose(capsys, monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    run(capsys)
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    run(capsys)
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_python_dash_m_is_the_same_program():
    done = subprocess.run([sys.executable, "-m", "kb", "--help"], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0 and "verify" in done.stdout


def test_unknown_option_value_is_one_line_exit_1(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["facts", "--format", "xlsx"])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "xlsx" in err


def test_missing_store_is_a_user_error(capsys, tmp_path):
    code, _, err = run(capsys, "facts", "--store", str(tmp_path / "none"))
    assert code == 1 and "kb ingest" in err and "Traceback" not in err and "没有找到知识库" in err


def test_missing_path_exits_1(capsys, tmp_path):
    code, _, err = run(capsys, "ingest", str(tmp_path / "nope"), "--store", str(tmp_path / "s"),
                       "--tables-dir", str(tmp_path / "t"))
    assert code == 1 and "不存在" in err and "Traceback" not in err


@pytest.mark.slow  # a whole-corpus or whole-process run: CI runs it, the quick loop does not
def test_bad_files_are_named_skipped_and_exit_1(capsys, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("2023年全省地区生产总值达5000亿元，比上年增长5.2%。\n", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    code, out, err = run(capsys, "ingest", str(folder), "--store", str(tmp_path / "s"),
                         "--tables-dir", str(tmp_path / "t"))
    assert code == 1
    assert "empty.txt" in err and "binary.txt" in err and "Traceback" not in err
    assert "1 documents" in out
    code, out, _ = run(capsys, "facts", "--store", str(tmp_path / "s"), "--format", "json")
    assert code == 0
    values = {f["value"] for f in json.loads(out)["facts"]}
    assert {5000, 5.2} <= values


def test_facts_csv_and_filters(capsys, corpus_store):
    code, out, _ = run(capsys, "facts", "--store", str(corpus_store), "--subject", "全国")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows and all("全国" in r["subject"] for r in rows)
    assert list(rows[0])[: len(FACT_COLUMNS)] == list(FACT_COLUMNS)


def test_facts_parquet_to_file(capsys, corpus_store, tmp_path):
    import pandas as pd

    target = tmp_path / "facts.parquet"
    code, _, _ = run(capsys, "facts", "--store", str(corpus_store), "--format", "parquet",
                     "-o", str(target))
    assert code == 0 and len(pd.read_parquet(target)) > 50


def test_search_json_shape(capsys, corpus_store):
    code, out, _ = run(capsys, "search", "京津冀数字经济规模", "-k", "3", "--json",
                       "--store", str(corpus_store))
    assert code == 0
    payload = json.loads(out)
    assert payload["query"] == "京津冀数字经济规模" and len(payload["hits"]) == 3
    hit = payload["hits"][0]
    for key in ("rank", "score", "doc_id", "doc_title", "passage_id", "char_start", "char_end",
                "section", "text", "facts", "checks"):
        assert key in hit


def test_search_file_batch(capsys, corpus_store, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("科技企业孵化器\n\n数字经济规模\n", "utf-8")
    code, out, _ = run(capsys, "search", "--file", str(queries), "--json", "--store",
                       str(corpus_store))
    assert code == 0 and len(json.loads(out)["results"]) == 2


def test_stopword_only_query_is_a_clear_error(capsys, corpus_store):
    code, _, err = run(capsys, "search", "的 了 。", "--store", str(corpus_store))
    assert code == 1 and "只有虚词或标点" in err


def test_verify_json_and_csv(capsys, corpus_store):
    code, out, _ = run(capsys, "verify", "--json", "--store", str(corpus_store))
    assert code == 0
    checks = json.loads(out)["checks"]
    assert checks and {c["verdict"] for c in checks} <= {"consistent", "inconsistent", "unverifiable"}
    code, out, _ = run(capsys, "verify", "--format", "csv", "--store", str(corpus_store))
    assert code == 0 and out.startswith("\ufeffcheck_id")


def test_check_json_shape(capsys, corpus_store):
    code, out, _ = run(capsys, "check", "2021年中国数字经济规模达45.4万亿元", "--json",
                       "--store", str(corpus_store))
    assert code == 0
    payload = json.loads(out)
    assert payload["verdict"] in ("supported", "contradicted", "not_found")
    assert set(payload) >= {"claim", "parsed", "verdict", "evidence", "explanation"}


def test_tables_json(capsys, corpus_store):
    code, out, _ = run(capsys, "tables", "--json", "--store", str(corpus_store))
    assert code == 0 and len(json.loads(out)["tables"]) == 3


def test_kb_store_environment_variable(corpus_store):
    env = dict(os.environ, KB_STORE=str(corpus_store))
    done = subprocess.run([sys.executable, "-m", "kb", "tables"], capture_output=True, text=True,
                          env=env, cwd=ROOT)
    assert done.returncode == 0 and "表1" in done.stdout


# --- issue 13: answers, show, Chinese output, aligned tables, verify you can navigate -------------

def test_search_prints_the_answer_first_and_json_carries_it(capsys, corpus_store):
    code, out, _ = run(capsys, "search", "2021年京津冀数字经济规模", "-k", "2", "--store", str(corpus_store))
    assert code == 0
    lines = out.splitlines()
    assert lines[1] == "■ 文中未见：京津冀 数字经济规模 2021年"
    assert lines[3].startswith("  [1] 3.91万亿元（京津冀 · 数字经济规模 · 2020年 · 水平值；时期不同）")
    assert "⚠ 注意：本段的数字属于 2020年，所问为 2021年。" in out
    code, out, _ = run(capsys, "search", "2019年京津冀碳排放强度", "--json", "--store", str(corpus_store))
    answer = json.loads(out)["answer"]
    assert answer["status"] == "stated" and answer["fact"]["figure_text"] == "0.71吨/万元"
    assert set(answer) >= {"status", "fact", "others", "nearest", "text"} and answer["nearest"] is None
    assert answer["text"].startswith("京津冀 碳排放强度 2019年：0.71吨/万元 [1]")
    assert answer["citations"][0]["passage_id"] == answer["fact"]["passage_id"]
    code, out, _ = run(capsys, "search", "碳排放", "--json", "--store", str(corpus_store))
    assert json.loads(out)["low_match"] is False


def test_a_weak_search_says_so(capsys, corpus_store):
    code, out, _ = run(capsys, "search", "量子计算机", "--store", str(corpus_store))
    assert code == 0 and "⚠ 文档中没有出现：量子。" in out
    code, out, _ = run(capsys, "search", "量子计算机", "--json", "--store", str(corpus_store))
    payload = json.loads(out)
    assert payload["low_match"] is True and payload["unknown_words"] == ["量子"] and payload["answer"] is None


def test_show_prints_a_passage_fact_or_check_with_the_figure_marked(capsys, corpus_kb, corpus_store):
    fact = next(f for f in corpus_kb.all_facts() if f.figure_text == "0.71吨/万元")
    code, out, _ = run(capsys, "show", fact.fact_id, "--store", str(corpus_store))
    assert code == 0 and "【0.71吨/万元】" in out and out.splitlines()[0].startswith("京津冀蓝皮书")
    assert "第" in out.splitlines()[0] and "段" in out.splitlines()[0]
    code, out, _ = run(capsys, "show", fact.fact_id, "--json", "--store", str(corpus_store))
    payload = json.loads(out)
    assert list(payload)[:10] == ["kind", "id", "doc_id", "doc_title", "passage_id", "char_start", "char_end",
                                  "text", "facts", "checks"]
    assert payload["kind"] == "fact" and payload["passage_id"] == fact.passage_id
    check = next(c for c in corpus_kb.checks() if c.verdict == "inconsistent" and c.stated_fact_id)
    code, out, _ = run(capsys, "show", check.check_id, "--store", str(corpus_store))
    assert code == 0 and "✗ 不一致" in out
    code, out, _ = run(capsys, "show", fact.passage_id, "--json", "--store", str(corpus_store))
    assert json.loads(out)["kind"] == "passage"
    code, _, err = run(capsys, "show", "fnope", "--store", str(corpus_store))
    assert code == 1 and "没有编号为 'fnope' 的段落、数字或核验" in err


def test_verify_prints_the_summary_first_grouped_by_document(capsys, corpus_kb, corpus_store):
    checks = corpus_kb.checks()
    code, out, _ = run(capsys, "verify", "--store", str(corpus_store))
    lines = out.splitlines()
    n_bad = sum(c.verdict == "inconsistent" for c in checks)
    assert lines[0].startswith(f"共 {len(checks)} 项核验：不一致 {n_bad}")
    assert max(len(line) for line in lines) < 200  # one line a check, details with --long
    assert any(line.startswith("  ✗ 不一致  倍数  p") and "近1倍 → 0.818倍" in line for line in lines)
    assert sum(line.startswith("  ") for line in lines) == len(checks)
    code, long_out, _ = run(capsys, "verify", "--long", "--store", str(corpus_store))
    assert "140 / 77 − 1" in long_out and len(long_out.splitlines()) > len(lines)


def test_doc_matches_a_part_of_the_id_everywhere_and_an_unknown_one_is_an_error(capsys, corpus_store):
    code, out, _ = run(capsys, "verify", "--doc", "bluebook", "--json", "--store", str(corpus_store))
    docs = {c["doc_id"] for c in json.loads(out)["checks"]}
    assert code == 0 and len(docs) == 1 and docs.pop().startswith("jjj-bluebook-2022-digital-economy")
    for command in (["verify"], ["facts"], ["search", "数字经济"]):
        code, _, err = run(capsys, *command, "--doc", "nosuchdoc", "--store", str(corpus_store))
        assert code == 1 and "没有哪个文档编号包含 'nosuchdoc'" in err, command


def test_facts_on_a_terminal_is_an_aligned_table_and_bounds_are_figures(capsys, corpus_store):
    from kb.ui.terminal import width

    code, out, _ = run(capsys, "facts", "--format", "table", "--subject", "全国", "--store", str(corpus_store))
    lines = out.splitlines()
    assert lines[0].startswith("数字（原文）") and "39.8%" in out and "45.4万亿人民币" in out
    starts = {width(line[:line.index("全国")]) for line in lines[2:-1] if "全国" in line}
    assert len(starts) == 1  # the subject column lines up
    code, out, _ = run(capsys, "facts", "--min", "1万亿", "--format", "json", "--store", str(corpus_store))
    facts = json.loads(out)["facts"]
    assert facts and all(f["value_normalized"] >= 1e12 and f["unit_normalized"] not in ("%", "times") for f in facts)
    code, out, _ = run(capsys, "facts", "--min", "30%", "--format", "json", "--store", str(corpus_store))
    assert {f["unit_normalized"] for f in json.loads(out)["facts"]} == {"%"}
    code, _, err = run(capsys, "facts", "--min", "lots", "--store", str(corpus_store))
    assert code == 1 and "不是一个数字" in err


def test_tables_show_lines_up_chinese_columns(capsys, corpus_store, corpus_kb):
    from kb.ui.terminal import width

    table = next(t for t in corpus_kb.tables() if "外向活跃度" in t.caption)
    code, out, _ = run(capsys, "tables", "--show", table.table_id, "--store", str(corpus_store))
    rows = [line for line in out.splitlines() if line.startswith(("京津冀", "大湾区"))]
    assert code == 0 and len(rows) == 22 and rows[-1].startswith("大湾区内地九市")  # the wrap joined
    value_columns = {width(r[: r.index(r.split()[2])]) for r in rows}
    assert len(value_columns) == 1


def test_english_on_request(capsys, corpus_store):
    code, out, _ = run(capsys, "--lang", "en", "verify", "--store", str(corpus_store))
    assert code == 0 and out.splitlines()[0].startswith("80 checks: inconsistent 3")
    code, _, err = run(capsys, "verify", "--lang", "en", "--doc", "zzz", "--store", str(corpus_store))
    assert "no document id contains 'zzz'" in err


def test_app_listens_on_localhost_unless_told(monkeypatch, capsys, corpus_store):
    import subprocess as sp

    calls = []
    monkeypatch.setattr(sp, "call", lambda command, env=None: calls.append(command) or 0)
    assert run(capsys, "app", "--store", str(corpus_store))[0] == 0
    assert calls[-1][calls[-1].index("--server.address") + 1] == "127.0.0.1"
    run(capsys, "app", "--host", "0.0.0.0", "--port", "8600", "--store", str(corpus_store))
    assert calls[-1][calls[-1].index("--server.address") + 1] == "0.0.0.0" and "8600" in calls[-1]
