"""kb's fixed patterns built from their kept compiled code are the patterns re.compile makes."""

import marshal
import re
import subprocess
import sys
import tempfile

from kb.text import patterns
from tests.paths import ROOT


def same(a: re.Pattern, b: re.Pattern) -> bool:
    return (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)


def test_a_kept_pattern_equals_a_fresh_compile(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(patterns, "_known", None)
    monkeypatch.setattr(patterns, "_new", {})
    sources = [(r"(?P<year>(?:19|20)\d{2})年(?P<rest>.+?)(?=。|$)", 0), (r"\d+ (?# spaced ) 万", re.X),
               (r"[一二三]十?", re.I), (r"(a)|(?P<b>b)", 0)]
    first = [patterns.compile_fixed(p, f) for p, f in sources]
    patterns.save()
    assert patterns.cache_path().is_file()
    monkeypatch.setattr(patterns, "_known", None)          # as a new process: read from the file
    again = [patterns.compile_fixed(p, f) for p, f in sources]
    for (p, f), a, b in zip(sources, first, again, strict=True):
        fresh = re.compile(p, f)
        assert same(a, fresh) and same(b, fresh)
        for text in ("2021年数字经济规模。", "12 万", "二十", "ab", ""):
            assert [m.groups() for m in b.finditer(text)] == [m.groups() for m in fresh.finditer(text)]


def test_every_pattern_kb_keeps_has_the_code_re_makes(monkeypatch, tmp_path):
    """A process that imports kb's rules keeps their code; each kept entry is what CPython compiles."""
    out = subprocess.run([sys.executable, "-c", "import kb.search.claims, kb.verify, kb.ingest.load, kb.figures.tables"],
                         cwd=ROOT, capture_output=True, text=True, env={"TMPDIR": str(tmp_path), "PATH": ""})
    assert out.returncode == 0, out.stderr
    kept = marshal.loads(next(tmp_path.glob("kb-patterns/patterns-*.marshal")).read_bytes())
    assert len(kept) > 200
    for (source, flags), parts in kept.items():
        assert parts == patterns.compiled_parts(source, flags), source
        assert same(re.compile(source, flags), patterns.compile_fixed(source, flags))


def test_a_damaged_file_means_the_ordinary_compile(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    patterns.cache_path().parent.mkdir(parents=True)
    patterns.cache_path().write_bytes(marshal.dumps({("x+", 0): (0, [1, 2, 3], 0, {}, (None,))}))
    monkeypatch.setattr(patterns, "_known", None)
    monkeypatch.setattr(patterns, "_new", {})
    assert patterns.compile_fixed("x+").fullmatch("xxx")
    patterns.cache_path().write_bytes(b"garbage")
    monkeypatch.setattr(patterns, "_known", None)
    assert patterns.compile_fixed("y+").fullmatch("yy")
