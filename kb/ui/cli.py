"""The `kb` command: parse arguments, call the package, print. No domain logic here.

Every user error ends in one line on stderr and exit 1 (never a traceback);
`--json` prints exactly one JSON document on stdout.
"""

from __future__ import annotations

import argparse
import math
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from kb.api import DEFAULT_TABLES, FactFilter, KnowledgeBase
from kb.errors import KbError
from kb.models import printable
from kb.ui import payloads

DEFAULT_CORPUS = "corpus"


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits 1 (INTERFACE.md)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(1, f"kb: error: {message} (see `{self.prog} --help`)\n")


def _store_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--store", metavar="DIR", default=default,
                        help="knowledge base directory (default: $KB_STORE or .kb)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kb", description=(
        "A fact base for Chinese documents: cited passages, every stated figure in a "
        "validated table, and derived figures recomputed."))
    _store_option(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _store_option(p, argparse.SUPPRESS)
        return p

    p = command("ingest", "parse, segment, extract facts and tables, check, index (incremental)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: corpus/)")
    p.add_argument("--tables-dir", metavar="DIR", default=None,
                   help=f"where extracted table CSVs go (default: {DEFAULT_TABLES}/ for the default "
                        "store, <store>/extracted_tables/ for any other)")
    p.add_argument("--prune", action="store_true",
                   help="also remove every stored document whose file is gone (a folder given "
                        "here prunes its own documents anyway)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar, no list of changes")

    p = command("search", "BM25 over passages; each hit with its citation and facts")
    p.add_argument("query", nargs="?", help="a few words or a sentence")
    p.add_argument("--file", metavar="F", help="batch mode: one query a line")
    p.add_argument("-k", type=int, default=10, help="number of hits (default 10)")
    p.add_argument("--doc", help="only passages of documents whose id contains this")
    p.add_argument("--subject", help="only passages about this subject (e.g. 北京)")
    p.add_argument("--year", help="only passages with figures of this year")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = command("facts", "the fact table (CSV UTF-8 with BOM, JSON or Parquet)")
    for name, what in (("doc", "document id"), ("subject", "subject"),
                       ("indicator", "indicator"), ("year", "year"), ("type", "claim type"),
                       ("source", "source kind (text or table)")):
        p.add_argument(f"--{name}", default="", help=f"{what} contains this (substring)")
    p.add_argument("--min", type=number, dest="min_value", help="value_normalized at least this")
    p.add_argument("--max", type=number, dest="max_value", help="value_normalized at most this")
    p.add_argument("--format", choices=("csv", "json", "parquet"), default="csv")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    p = command("check", "fact-check a sentence with a figure against the knowledge base")
    p.add_argument("claim", nargs="?", help="the claim, e.g. 2021年中国数字经济规模达45.4万亿元")
    p.add_argument("--file", metavar="F", help="one claim a line")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = command("verify", "every recomputed indicator and its verdict")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--format", choices=("text", "json", "csv"), default=None)
    p.add_argument("--verdict", choices=("consistent", "inconsistent", "unverifiable"))
    p.add_argument("--doc", help="only checks of this document id")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    p = command("tables", "the extracted tables")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--show", metavar="TABLE_ID", help="print one table's cells")

    p = command("app", "start the Streamlit page (streamlit run app.py)")
    p.add_argument("--port", type=int, help="port (default: Streamlit's 8501)")
    return parser


# --- commands ---------------------------------------------------------------

def cmd_ingest(args, kb: KnowledgeBase) -> int:
    paths = [Path(p) for p in args.paths] or [Path(DEFAULT_CORPUS)]
    progress = None if args.quiet or args.json else progress_bar()
    try:
        summary = kb.ingest(paths, progress=progress, prune=args.prune)
    finally:
        if progress:
            progress.clear()
    for note in summary.notes:
        print(f"kb: {printable(note)}", file=sys.stderr)
    for path, reason in summary.failures:
        print(f"kb: skipped {printable(path)}: {printable(_without_name(path, reason))}", file=sys.stderr)
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


def cmd_search(args, kb: KnowledgeBase) -> int:
    if bool(args.query) == bool(args.file):
        raise KbError("give either a QUERY or --file F (one query a line), not both or neither")
    queries = payloads.load_lines(Path(args.file), "query") if args.file else [args.query]
    results = []
    progress = None if args.quiet or len(queries) < 2 else progress_bar()
    for i, query in enumerate(queries):
        if progress:
            progress(i, len(queries), query)
        hits = kb.search(query, k=args.k, doc=args.doc, subject=args.subject, year=args.year)
        results.append(payloads.hits_payload(query, hits))
    if progress:
        progress.clear()
    if args.json:
        print(payloads.dumps({"results": results} if args.file else results[0]))
        return 0
    for payload in results:
        _print_hits(payload)
    return 0


def _print_hits(payload: dict) -> None:
    print(f"# {payload['query']}")
    if not payload["hits"]:
        print("  no passage matches; try other words or fewer filters")
    for hit in payload["hits"]:
        section = f" › {hit['section']}" if hit["section"] else ""
        print(f"\n{hit['rank']}. [{hit['score']:.2f}] {hit['doc_title'] or hit['doc_id']}{section}")
        lines = hit.get("source_lines") or []
        where = f", {hit['doc_path']} lines {lines[0]}–{lines[1]}" if len(lines) == 2 else ""
        print(f"   {hit['doc_id']} {hit['passage_id']} chars {hit['char_start']}–{hit['char_end']}{where}")
        print(f"   {hit['marked']}")
        for fact in hit["facts"][:8]:
            year = f" {fact['year']}" if fact["year"] else ""
            print(f"   · {fact['subject'] or '—'} {fact['indicator'] or '—'}{year}: "
                  f"{fact['qualifier']}{_fmt(fact['value'])}{fact['unit']} ({fact['claim_type']})")
        for check in hit["checks"][:5]:
            print(f"   ✓ {check['verdict']}: {check['explanation']}")
    print()


def cmd_facts(args, kb: KnowledgeBase) -> int:
    if args.min_value is not None and args.max_value is not None and args.min_value > args.max_value:
        raise KbError(f"--min {args.min_value:g} is above --max {args.max_value:g}: nothing can match; "
                      "swap them")
    filters = FactFilter(doc=args.doc, subject=args.subject, indicator=args.indicator,
                         year=args.year, claim_type=args.type, source_kind=args.source,
                         min_value=args.min_value, max_value=args.max_value)
    _emit(payloads.export_facts(kb.facts(filters), args.format), args.output)
    return 0


def cmd_check(args, kb: KnowledgeBase) -> int:
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
        print(f"{v.verdict.upper()}: {v.claim}\n  {v.explanation}")
        for ev in v.evidence[:3]:
            f = ev.fact
            print(f"  evidence: {f.qualifier}{_fmt(f.value)}{f.unit} — {ev.doc_id} {ev.passage_id} "
                  f"[{f.char_start}:{f.char_end}] “{ev.quote[:120]}”")
        print()
    return 0


def cmd_verify(args, kb: KnowledgeBase) -> int:
    checks = kb.checks(doc=args.doc, verdict=args.verdict)
    fmt = "json" if args.json else (args.format or "text")
    if fmt == "json":
        _emit(payloads.checks_json_bytes(checks), args.output)
    elif fmt == "csv":
        _emit(payloads.checks_csv_bytes(checks), args.output)
    else:
        lines = []
        counts: dict[str, int] = {}
        for c in checks:
            counts[c.verdict] = counts.get(c.verdict, 0) + 1
            lines.append(f"[{c.verdict}] {c.kind} {c.doc_id}: {c.explanation}")
        lines.append(", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "no checks")
        _emit(("\n".join(lines) + "\n").encode("utf-8"), args.output)
    return 0


def cmd_tables(args, kb: KnowledgeBase) -> int:
    tables = kb.tables(args.show)
    if args.json:
        _write_stdout(payloads.json_bytes({"tables": [t.model_dump() for t in tables]}))
        return 0
    for t in tables:
        print(f"{t.table_id}\t{t.caption}\t{len(t.rows)} rows × {len(t.columns)} columns")
        if args.show:
            print("\t".join(t.columns))
            for row in t.rows:
                print("\t".join(row))
            for note in t.notes:
                print(note)
    if not tables:
        print("no tables; run `kb ingest` on documents with tables")
    return 0


def cmd_app(args, kb: KnowledgeBase) -> int:
    import subprocess

    app = Path(__file__).resolve().parent.parent / "app.py"
    if not app.exists():
        raise KbError(f"{app} is missing: run `kb app` from a checkout of kb")
    command = [sys.executable, "-m", "streamlit", "run", str(app),
               "--client.toolbarMode", "viewer", "--browser.gatherUsageStats", "false"]
    if args.port:
        command += ["--server.port", str(args.port)]
    env = dict(os.environ, KB_STORE=str(kb.store_dir.resolve()),
               KB_TABLES_DIR=str(kb.tables_dir.resolve()))
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


COMMANDS = {"ingest": cmd_ingest, "search": cmd_search, "facts": cmd_facts, "check": cmd_check,
            "verify": cmd_verify, "tables": cmd_tables, "app": cmd_app}


# --- plumbing ---------------------------------------------------------------

def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _emit(data: bytes, output: Optional[str]) -> None:
    if output:
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise KbError(f"cannot write {output}: {exc.strerror}; choose another -o FILE") from None
        print(f"wrote {output} ({len(data)} bytes)", file=sys.stderr)
    else:
        _write_stdout(data)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    # A search or check process answers a few lines: read the dictionary on demand.
    fast = args.command in ("search", "check")
    kb = KnowledgeBase.open(args.store, tables_dir=getattr(args, "tables_dir", None), fast_start=fast)
    try:
        return COMMANDS[args.command](args, kb)
    except KbError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("kb: interrupted; the store keeps its last complete transaction "
              "(run `kb ingest` to finish an interrupted ingest)", file=sys.stderr)
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
    print(f"kb: error: {printable(message)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
