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
    assert code == 1 and "kb ingest" in err and "Traceback" not in err


def test_missing_path_exits_1(capsys, tmp_path):
    code, _, err = run(capsys, "ingest", str(tmp_path / "nope"), "--store", str(tmp_path / "s"),
                       "--tables-dir", str(tmp_path / "t"))
    assert code == 1 and "no such file" in err


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
    assert code == 1 and "stop words" in err


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
