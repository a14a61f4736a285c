"""The `kb` command: parse arguments, call the package, print. No domain logic here.

Every user error ends in one line on stderr and exit 1 (never a traceback);
`--json` prints exactly one JSON document on stdout. What people read is in
Chinese unless `--lang en` (or KB_LANG=en) says otherwise (kb/ui/words.py);
JSON keys and verdict values stay English.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from kb.api import DEFAULT_TABLES, FactFilter, KnowledgeBase, fact_query
from kb.errors import KbError
from kb.models import printable
from kb.ui import payloads, terminal, wording
from kb.ui.explain import error_message
from kb.ui.words import Words, pick_lang, words

DEFAULT_CORPUS = "corpus"
DEFAULT_HOST = "127.0.0.1"


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits 1 (INTERFACE.md)."""

    def __init__(self, *args, lang: str = "zh", **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = lang

    def error(self, message: str) -> None:  # type: ignore[override]
        w = words(self.lang)
        self.exit(1, f"kb: {w('cli_error')}: {message} ({w('cli_see_help', prog=self.prog)})\n")


def _lang_of(argv: Sequence[str]) -> str:
    """--lang from the arguments (read before parsing, so help and usage errors use it), else KB_LANG."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return pick_lang(args[i + 1])
        if arg.startswith("--lang="):
            return pick_lang(arg.split("=", 1)[1])
    return pick_lang(os.environ.get("KB_LANG"))


def _common_options(parser: argparse.ArgumentParser, default, w: Words) -> None:
    parser.add_argument("--store", metavar="DIR", default=default, help=w("help_store").replace("%", "%%"))
    parser.add_argument("--lang", choices=("zh", "en"), default=default, help=w("help_lang").replace("%", "%%"))


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    w = words(lang)

    def h(key: str, **fields: object) -> str:  # argparse reads % in help as a format
        return w(key, **fields).replace("%", "%%")
    parser = _Parser(prog="kb", description=w("cli_description"), lang=lang)
    _common_options(parser, None, w)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=h(f"help_{name}"), description=w(f"help_{name}"), lang=lang)
        _common_options(p, argparse.SUPPRESS, w)
        return p

    p = command("ingest")
    p.add_argument("paths", nargs="*", metavar="PATH", help=h("help_paths"))
    p.add_argument("--tables-dir", metavar="DIR", default=None, help=h("help_tables_dir", default=DEFAULT_TABLES))
    p.add_argument("--prune", action="store_true", help=h("help_prune"))
    p.add_argument("--json", action="store_true", help=h("help_json"))
    p.add_argument("--quiet", action="store_true", help=h("help_quiet"))
    p.add_argument("--workers", type=int, metavar="N", default=None, help=h("help_workers"))
    p.add_argument("--engine", choices=("local", "dask"), default="local", help=h("help_engine"))
    p.add_argument("--scheduler", metavar="ADDR", default=None, help=h("help_scheduler"))

    p = command("search")
    p.add_argument("query", nargs="?", help=h("help_query"))
    p.add_argument("--file", metavar="F", help=h("help_query_file"))
    p.add_argument("-k", type=int, default=10, help=h("help_k"))
    p.add_argument("--doc", help=h("help_doc"))
    p.add_argument("--subject", help=h("help_subject"))
    p.add_argument("--year", help=h("help_year"))
    p.add_argument("--json", action="store_true", help=h("help_json"))
    p.add_argument("--quiet", action="store_true", help=h("help_quiet"))

    p = command("facts")
    for name in ("doc", "subject", "indicator", "year", "type", "source"):
        p.add_argument(f"--{name}", default="", help=h(f"help_facts_{name}"))
    p.add_argument("--min", dest="min_value", default="", help=h("help_min"))
    p.add_argument("--max", dest="max_value", default="", help=h("help_max"))
    p.add_argument("--format", choices=("table", "csv", "json", "parquet"), default=None, help=h("help_facts_format"))
    p.add_argument("-o", "--output", metavar="FILE", help=h("help_output"))

    p = command("check")
    p.add_argument("claim", nargs="?", help=h("help_claim"))
    p.add_argument("--file", metavar="F", help=h("help_claim_file"))
    p.add_argument("--json", action="store_true", help=h("help_json"))
    p.add_argument("--quiet", action="store_true", help=h("help_quiet"))

    p = command("verify")
    p.add_argument("--json", action="store_true", help=h("help_json"))
    p.add_argument("--format", choices=("text", "json", "csv"), default=None, help=h("help_verify_format"))
    p.add_argument("--verdict", choices=("consistent", "inconsistent", "unverifiable"), help=h("help_verdict"))
    p.add_argument("--doc", help=h("help_doc"))
    p.add_argument("--long", action="store_true", help=h("help_long"))
    p.add_argument("-o", "--output", metavar="FILE", help=h("help_output"))

    p = command("tables")
    p.add_argument("--json", action="store_true", help=h("help_json"))
    p.add_argument("--show", metavar="TABLE_ID", help=h("help_show_table"))

    p = command("show")
    p.add_argument("item_id", metavar="ID", help=h("help_show_id"))
    p.add_argument("--json", action="store_true", help=h("help_json"))

    p = command("app")
    p.add_argument("--port", type=int, help=h("help_port"))
    p.add_argument("--host", default=DEFAULT_HOST, help=h("help_host", default=DEFAULT_HOST))
    return parser


# --- commands ---------------------------------------------------------------

def cmd_ingest(args, kb: KnowledgeBase, w: Words) -> int:
    paths = [Path(p) for p in args.paths] or [Path(DEFAULT_CORPUS)]
    progress = None if args.quiet or args.json else progress_bar()
    try:
        summary = kb.ingest(paths, progress=progress, prune=args.prune, workers=args.workers,
                            engine=args.engine, scheduler=args.scheduler)
    finally:
        if progress:
            progress.clear()
    for note in summary.notes:
        print(f"kb: {printable(note)}", file=sys.stderr)
    for path, reason in summary.failures:
        print("kb: " + w("skipped", path=printable(path), reason=printable(error_message(_without_name(path, reason), w))),
              file=sys.stderr)
    if args.json:
        payload = {k: v for k, v in summary.__dict__.items() if k != "failures"}
        payload["skipped"] = [{"path": p, "reason": r} for p, r in summary.failures]
        payload["failures"] = payload["skipped"]
        _write_stdout(payloads.json_bytes(payload))
    else:
        if not args.quiet:
            for change in summary.changes():
                print(f"  {change}")
        print(summary.line())
    return 1 if summary.failures else 0


def _without_name(path: str, reason: str) -> str:
    """The reason without the file name it may start with (the line names the path already)."""
    name = Path(path).name + ":"
    return reason[len(name):].strip() if reason.startswith(name) else reason


def number(text: str) -> float:
    """A finite number for --min/--max (argparse turns the ValueError into a usage line)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def progress_bar(delay: float = 2.0) -> Optional["ProgressBar"]:
    """A progress bar on stderr when it is a terminal; it appears only after ``delay`` seconds."""
    return ProgressBar(delay) if sys.stderr.isatty() else None


class ProgressBar:
    """``bar(done, total, label)`` redraws one stderr line; ``bar.clear()`` removes it."""

    def __init__(self, delay: float) -> None:
        self.started = time.monotonic()
        self.delay = delay
        self.drawn = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if time.monotonic() - self.started < self.delay:
            return
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                         f"{printable(label)[:40]}\033[K")
        sys.stderr.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def cmd_search(args, kb: KnowledgeBase, w: Words) -> int:
    if bool(args.query) == bool(args.file):
        raise KbError("give either a QUERY or --file F (one query a line), not both or neither")
    queries = payloads.load_lines(Path(args.file), "query") if args.file else [args.query]
    results = []
    progress = None if args.quiet or len(queries) < 2 else progress_bar()
    for i, query in enumerate(queries):
        if progress:
            progress(i, len(queries), query)
        hits = kb.search(query, k=args.k, doc=args.doc, subject=args.subject, year=args.year)
        answer = kb.answer(query, hits, doc=args.doc, subject=args.subject, year=args.year)
        results.append((query, hits, answer, kb.match(query, hits)))
    if progress:
        progress.clear()
    if args.json:
        shown = [payloads.hits_payload(q, h, a, c, w) for q, h, a, c in results]
        print(payloads.dumps({"results": shown} if args.file else shown[0]))
        return 0
    color = sys.stdout.isatty()
    for query, hits, answer, match in results:
        print("\n".join(_search_lines(kb, query, hits, answer, match, w, color)) + "\n")
    return 0


def _search_lines(kb, query, hits, answer, match, w: Words, color: bool) -> list[str]:
    lines = [f"# {query}"] + terminal.answer_block(kb, answer, w)
    if hits and match.low:
        lines.append("⚠ " + wording.weak_match(match, w))
    if not hits:
        lines.append("  " + w("no_passage"))
    years = answer.asked.years if answer is not None else []
    for hit in hits:
        lines += [""] + terminal.hit_lines(kb, hit, w, color, years)
    return lines


def cmd_facts(args, kb: KnowledgeBase, w: Words) -> int:
    filters = FactFilter(doc=args.doc, subject=args.subject, indicator=args.indicator,
                         year=args.year, claim_type=args.type, source_kind=args.source)
    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "csv")
    if fmt == "csv" and not (args.min_value or args.max_value):
        _stream_facts_csv(kb, filters, args.output, w)
        return 0
    facts = fact_query(low=args.min_value, high=args.max_value).apply(kb.facts(filters))
    if fmt == "table":
        width = shutil.get_terminal_size((160, 24)).columns
        text = terminal.facts_table(facts, w, width) + "\n" + w("facts_count", shown=len(facts),
                                                               total=len(kb.all_facts())) + "\n"
        _emit(text.encode("utf-8"), args.output, w)
        return 0
    publishers = {d.doc_id: d.publisher for d in kb.document_list()}
    _emit(payloads.export_facts(facts, fmt, publishers), args.output, w)
    return 0


def cmd_check(args, kb: KnowledgeBase, w: Words) -> int:
    if bool(args.claim) == bool(args.file):
        raise KbError("give either a CLAIM or --file F (one claim a line), not both or neither")
    claims = payloads.load_lines(Path(args.file), "claim") if args.file else [args.claim]
    if not all(c.strip() for c in claims):
        raise KbError("empty claim: give a sentence with a figure, e.g. 2021年中国数字经济规模达45.4万亿元")
    progress = None if args.quiet or len(claims) < 2 else progress_bar()
    try:
        verdicts = kb.check(claims, progress=progress)
    finally:
        if progress:
            progress.clear()
    if args.json:
        results = [payloads.verdict_payload(v) for v in verdicts]
        print(payloads.dumps({"results": results} if args.file else results[0]))
        return 0
    for v in verdicts:
        print("\n".join(terminal.claim_block(kb, v, w)) + "\n")
    return 0


def cmd_verify(args, kb: KnowledgeBase, w: Words) -> int:
    checks = kb.checks(doc=args.doc, verdict=args.verdict)
    fmt = "json" if args.json else (args.format or "text")
    if fmt == "json":
        _emit(payloads.checks_json_bytes(checks), args.output, w)
    elif fmt == "csv":
        _emit(payloads.checks_csv_bytes(checks), args.output, w)
    else:
        stated = kb.facts_by_id([c.stated_fact_id for c in checks])
        titles = {d.doc_id: d.title or d.doc_id for d in kb.document_list()}
        text = terminal.verify_text(checks, stated, titles, w, long=args.long)
        _emit((text + "\n").encode("utf-8"), args.output, w)
    return 0


def cmd_tables(args, kb: KnowledgeBase, w: Words) -> int:
    tables = kb.tables(args.show)
    if args.json:
        _write_stdout(payloads.json_bytes({"tables": [t.model_dump() for t in tables]}))
        return 0
    width = shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() else 0
    if args.show:
        for t in tables:
            print(f"{t.table_id}  {t.caption}\n")
            print(terminal.table_text(t.columns, t.rows, t.notes, width))
        return 0
    rows = [[t.table_id, t.caption, w("table_shape", rows=len(t.rows), cols=len(t.columns))] for t in tables]
    print(terminal.aligned([w("col_id"), w("col_title"), ""], rows, width) if tables else w("no_tables_cli"))
    return 0


def cmd_show(args, kb: KnowledgeBase, w: Words) -> int:
    located = kb.show(args.item_id)
    if args.json:
        print(payloads.dumps(payloads.show_payload(located, w)))
    else:
        print(terminal.show_text(located, w, color=sys.stdout.isatty()))
    return 0


def cmd_app(args, kb: KnowledgeBase, w: Words) -> int:
    import subprocess

    app = Path(__file__).resolve().parent.parent.parent / "app.py"
    if not app.exists():
        raise KbError(f"{app} is missing: run `kb app` from a checkout of kb")
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.address", args.host,
               "--client.toolbarMode", "viewer", "--browser.gatherUsageStats", "false"]
    if args.port:
        command += ["--server.port", str(args.port)]
    env = dict(os.environ, KB_STORE=str(kb.store_dir.resolve()),
               KB_TABLES_DIR=str(kb.tables_dir.resolve()), KB_LANG=w.lang)
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


COMMANDS = {"ingest": cmd_ingest, "search": cmd_search, "facts": cmd_facts, "check": cmd_check,
            "verify": cmd_verify, "tables": cmd_tables, "show": cmd_show, "app": cmd_app}


# --- plumbing ---------------------------------------------------------------

def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _stream_facts_csv(kb: KnowledgeBase, filters: FactFilter, output: Optional[str], w: Words) -> None:
    """The CSV of `kb facts` written as it is made, to ``output`` or stdout."""
    if not output:
        sys.stdout.flush()
        kb.write_facts_csv(sys.stdout.buffer, filters)
        sys.stdout.buffer.flush()
        return
    if filters.doc:
        kb.doc_ids(filters.doc)        # an unknown document: the error before the file is made
    try:
        with open(output, "wb") as out:
            size = kb.write_facts_csv(out, filters)
    except OSError as exc:
        raise KbError(f"cannot write {output}: {exc.strerror}; choose another -o FILE") from None
    print(w("wrote", path=output, size=size), file=sys.stderr)


def _emit(data: bytes, output: Optional[str], w: Words) -> None:
    if output:
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise KbError(f"cannot write {output}: {exc.strerror}; choose another -o FILE") from None
        print(w("wrote", path=output, size=len(data)), file=sys.stderr)
    else:
        _write_stdout(data)


def main(argv: Optional[Sequence[str]] = None) -> int:
    # kb uses no pydantic plugin: do not scan every installed package's entry points for one
    # when the first model is built (≈ 8 ms of a `kb check`); PYDANTIC_DISABLE_PLUGINS set by
    # the user wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # kb's numpy work (BM25 scores, sorts, counts) calls no BLAS routine: one OpenBLAS thread spares
    # the process starting a thread pool when numpy is imported (≈ 50 ms of a `kb check` here, wall
    # and CPU). Set before numpy is first imported; OPENBLAS_NUM_THREADS set by the user wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(argv)
    parser = build_parser(lang)
    args = parser.parse_args(argv)
    w = words(pick_lang(getattr(args, "lang", None) or lang))
    if not args.command:
        parser.print_help()
        return 0
    # A search or check process answers a few lines: read the dictionary on demand.
    fast = args.command in ("search", "check")
    kb = KnowledgeBase.open(args.store, tables_dir=getattr(args, "tables_dir", None), fast_start=fast)
    try:
        return COMMANDS[args.command](args, kb, w)
    except KbError as exc:
        return _fail(f"{w('cli_error')}: {error_message(str(exc), w)}")
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("kb: " + w("interrupted"), file=sys.stderr)
        return 130
    except sqlite3.Error as exc:
        return _fail(f"the store {kb.store_dir} failed ({exc}): if it is damaged, delete it and run "
                     "`kb ingest` to rebuild it from your documents")
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return _fail(f"cannot read or write{where}: {exc.strerror or exc}; check the path, its "
                     "permissions and the free disk space")
    except UnicodeError as exc:
        return _fail(f"a file is not valid text ({exc}); save it as UTF-8")
    except Exception as exc:  # noqa: BLE001 - never a traceback; KB_DEBUG=1 shows it
        if os.environ.get("KB_DEBUG"):
            raise
        return _fail(f"internal error ({type(exc).__name__}: {exc}); please report it "
                     "(KB_DEBUG=1 shows the traceback)")
    finally:
        kb.close()


def _fail(message: str) -> int:
    """The one line on stderr of a failed command (control characters escaped), exit 1."""
    print(f"kb: {printable(message)}" if message.startswith(("错误", "error")) else f"kb: error: {printable(message)}",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
