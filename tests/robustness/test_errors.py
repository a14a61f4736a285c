"""Issue 11, cases 5 and 8: every SQLite, file-system and decoding problem is one line on stderr
naming the file or store and what to do, exit 1, no traceback; a per-file problem skips that
file and the run goes on; a damaged store is reported and never rewritten by a reading command;
exports are escaped and option values checked."""

from __future__ import annotations

import os
import resource
import signal
from pathlib import Path

import pytest

from kb.models import Table
from kb.pipeline import ingest
from kb.store import Store
from kb.store.export import table_csv_bytes
from kb.ui.cli import main
from tests.paths import shared_tokenizer
from tests.robustness.helpers import DOC_A, DOC_B, DOC_C, assert_one_line_error, run_kb, write

READERS = (["search", "生产总值"], ["facts"], ["verify"], ["check", "2023年全市地区生产总值达到5000亿元"],
           ["tables"])


class Done:
    """main()'s result in the shape of a CompletedProcess (for assert_one_line_error)."""

    def __init__(self, code, out, err):
        self.returncode, self.stdout, self.stderr = code, out, err


@pytest.fixture(autouse=True)
def shared_jieba(monkeypatch):
    """The CLI's knowledge bases borrow the session's tokenizer (jieba loads once)."""
    import kb.text.tokenizer

    tokenizer = shared_tokenizer()
    monkeypatch.setattr(kb.text.tokenizer, "Tokenizer", lambda *a, **k: tokenizer)


def cli(capsys, *argv) -> Done:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return Done(code, out, err)


@pytest.fixture()
def small_store(tmp_path) -> Path:
    folder = write(tmp_path / "docs", {"a.txt": DOC_A, "b.md": DOC_B, "c.txt": DOC_C})
    ingest([folder], tmp_path / "s", tmp_path / "t", tokenizer=shared_tokenizer())
    return tmp_path / "s"


def test_empty_sqlite_file_is_reported_and_left_as_it_is(capsys, tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "kb.sqlite").write_bytes(b"")
    for argv in READERS:
        assert_one_line_error(cli(capsys, *argv, "--store", tmp_path / "s"), "empty", "kb ingest")
    assert (tmp_path / "s" / "kb.sqlite").stat().st_size == 0         # not rewritten


def test_damaged_store_is_reported_by_every_command_and_never_rewritten(capsys, small_store):
    db = small_store / "kb.sqlite"
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, 3 * page):       # scribble over b-tree pages
        data[offset:offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    for argv in READERS:
        assert_one_line_error(cli(capsys, *argv, "--store", small_store), str(db), "damaged")
    assert db.read_bytes() == before
    done = cli(capsys, "ingest", small_store.parent / "docs", "--store", small_store)
    assert_one_line_error(done, "damaged", "delete it")


def test_not_a_database_is_one_line(capsys, tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "kb.sqlite").write_bytes(b"hello, not sqlite" * 300)
    assert_one_line_error(cli(capsys, "facts", "--store", tmp_path / "s"), "not a kb store")


def test_a_directory_as_file_is_one_line(capsys, small_store, tmp_path):
    assert_one_line_error(cli(capsys, "check", "--file", tmp_path, "--store", small_store), str(tmp_path))
    assert_one_line_error(cli(capsys, "search", "--file", tmp_path, "--store", small_store), str(tmp_path))


def test_symlink_out_of_the_folder_is_skipped_and_the_run_goes_on(capsys, tmp_path):
    folder = write(tmp_path / "docs", {"a.txt": DOC_A})
    secret = write(tmp_path / "elsewhere", {"secret.txt": DOC_C}) / "secret.txt"
    (folder / "link.txt").symlink_to(secret)
    (folder / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    done = cli(capsys, "ingest", folder, "--store", tmp_path / "s", "--tables-dir", tmp_path / "t")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2 and "outside" in "".join(lines) and "broken link" in "".join(lines)
    assert "1 documents" in done.stdout
    assert cli(capsys, "search", "生产总值", "--store", tmp_path / "s").returncode == 0


def test_min_max_must_be_finite_and_ordered(capsys, small_store):
    assert_one_line_error(cli(capsys, "facts", "--min", "100", "--max", "1", "--store", small_store), "--min")
    assert main(["facts", "--min", "nan", "--store", str(small_store)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_a_newline_in_a_file_name_stays_on_one_line(capsys, tmp_path):
    folder = write(tmp_path / "docs", {"two\nlines.txt": DOC_A, "b.md": DOC_B})
    done = cli(capsys, "ingest", folder, "--store", tmp_path / "s", "--tables-dir", tmp_path / "t")
    assert done.returncode == 0 and "added two\\nlines.txt" in done.stdout
    verify = cli(capsys, "verify", "--store", tmp_path / "s").stdout
    assert "two\\nlines.txt" in verify and not any(line.startswith("lines.txt") for line in verify.splitlines())
    assert all("\n" not in p.name for p in (tmp_path / "t").iterdir())


def test_every_table_csv_cell_is_escaped_and_numbers_stay_numbers():
    table = Table(table_id="t-1", doc_id="t", ordinal=1, columns=["名称", "值"],
                  rows=[["=HYPERLINK(\"http://x\")", "-18.3"], ["+cmd", "=1+2"], ["@SUM(A1)", "\t5"]],
                  char_start=0, char_end=1)
    text = table_csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+cmd" in text and "'=1+2" in text and "'@SUM" in text
    assert ",-18.3\r\n" in text and "'\t5" in text


# --- real processes: permissions, a full disk ------------------------------------------

@pytest.mark.slow
def test_read_only_store_is_one_line_and_readers_still_work(tmp_path):
    folder = write(tmp_path / "docs", {"a.txt": DOC_A, "b.md": DOC_B})
    store, tables = tmp_path / "s", tmp_path / "t"
    assert run_kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tables)).returncode == 0
    write(folder, {"c.txt": DOC_C})
    for path in [store, *store.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        done = run_kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tables), restricted=True)
        assert_one_line_error(done, str(store), "read-only")
        assert run_kb("search", "生产总值", "--store", str(store), restricted=True).returncode == 0
    finally:
        for path in [store, *store.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert run_kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tables)).returncode == 0


@pytest.mark.slow
def test_unreadable_file_is_skipped_and_the_index_is_built(tmp_path):
    folder = write(tmp_path / "docs", {"a.txt": DOC_A, "locked.txt": DOC_C, "b.md": DOC_B})
    (folder / "locked.txt").chmod(0)
    store = tmp_path / "s"
    done = run_kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tmp_path / "t"),
                  restricted=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "locked.txt" in done.stderr and "permission" in done.stderr
    assert "2 documents" in done.stdout
    hits = run_kb("search", "技术合同成交额", "--store", str(store), "--json")
    assert hits.returncode == 0 and '"doc_id": "b.md"' in hits.stdout


def _file_size_limit(limit: int):
    def limit_writes():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)    # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_writes


@pytest.mark.slow
def test_full_disk_is_one_line_and_the_store_keeps_its_last_transaction(tmp_path):
    folder = write(tmp_path / "docs", {"a.txt": DOC_A})
    store, tables = tmp_path / "s", tmp_path / "t"
    assert run_kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tables)).returncode == 0
    big = "".join(f"第{i}段：{i}年全市地区生产总值达到{i}亿元，比上年增长{i % 9}.5%。\n" for i in range(2000, 6000))
    write(folder, {"big.txt": big})
    done = run_kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tables),
                  preexec=_file_size_limit((store / "kb.sqlite").stat().st_size + 50_000))
    assert_one_line_error(done, str(store), "disk is full", "kb ingest")
    assert [d.doc_id for d in Store.open(store, create=False).documents()] == ["a.txt"]
    done = run_kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tables))
    assert done.returncode == 0 and "1 added" in done.stdout


@pytest.mark.slow
def test_a_killed_reader_leaves_nothing_and_readers_never_write(tmp_path):
    folder = write(tmp_path / "docs", {"a.txt": DOC_A})
    store = tmp_path / "s"
    run_kb("ingest", str(folder), "--store", str(store), "--tables-dir", str(tmp_path / "t"))
    before = (store / "kb.sqlite").read_bytes()
    for argv in READERS:
        assert run_kb(*argv, "--store", str(store)).returncode == 0
    assert (store / "kb.sqlite").read_bytes() == before
    assert not os.path.exists(store / "kb.sqlite-journal")
