"""kb's module patterns kept compiled in the user's cache folder (kb.text.regex_cache)."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys


from kb.text import regex_cache
from tests.paths import ROOT

# A claim's whole pipeline, then what the process compiled afresh and what it read back.
PROCESS = """
import re, sys
from re import _compiler
fresh = []
compile_fresh = _compiler.compile
_compiler.compile = lambda p, flags=0: (fresh.append(p), compile_fresh(p, flags))[1]
import kb
from kb.text import regex_cache
from kb.figures import facts_from_text
from kb.text.tokenizer import Tokenizer
facts = facts_from_text("2021年广东省地区生产总值达12.44万亿元，比上年增长8.0%。", Tokenizer(fast_start=True))
held = regex_cache.module_patterns()
kb_fresh = [k for k, v in re._cache.items() if id(v) in held and k[1] in fresh]
print(len(regex_cache.loaded_keys()), len(kb_fresh), len(facts))
"""


def run(cache, code: str = PROCESS) -> list[int]:
    env = {"KB_CACHE_DIR": str(cache), "PATH": "", "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return [int(x) for x in out.stdout.split()]


def test_a_second_process_compiles_none_of_the_patterns_the_first_kept(cache):
    loaded, compiled, facts = run(cache)
    assert (loaded, facts) == (0, 2) and compiled > 100          # nothing kept yet: all compiled
    (kept,) = cache.glob("re-*.marshal")
    assert len(regex_cache.read_entries(kept)) == compiled
    loaded, compiled, facts = run(cache)
    assert (compiled, facts) == (0, 2) and loaded > 100           # all read back, same facts


def test_a_kept_pattern_is_the_pattern_re_compiles():
    sources = [(r"(?P<year>(?:19|20)\d{2})\s*年", 0), (r"[一二三四五六七八九十]+(?:个|家)", 0),
               (r"^(?:约|近)?(\d+(?:\.\d+)?)\s*%$", re.IGNORECASE), (r"(?<=[省市])(?!的)\w{2,4}", 0)]
    for source, flags in sources:
        entry = regex_cache.compile_entry(source, int(flags))
        kept = regex_cache.pattern_from(source, marshal.loads(marshal.dumps(entry)))
        fresh = re._compiler.compile(source, int(flags))
        assert kept == fresh            # same pattern, flags and engine code
        assert (kept.groups, kept.groupindex) == (fresh.groups, fresh.groupindex)
        text = "2021年广东省生产总值约8.0%，其中三家企业、十二个城市"
        assert [m.span() for m in kept.finditer(text)] == [m.span() for m in fresh.finditer(text)]


def test_every_pattern_a_process_keeps_reads_back_equal(cache):
    run(cache)
    (kept,) = cache.glob("re-*.marshal")
    entries = regex_cache.read_entries(kept)
    for (source, flags), entry in entries.items():
        assert regex_cache.pattern_from(source, entry) == re._compiler.compile(source, flags), source


def test_a_damaged_or_foreign_file_is_ignored(cache, tmp_path):
    path = tmp_path / "re.marshal"
    path.write_bytes(b"not marshal data")
    assert regex_cache.read_entries(path) == {}
    good = regex_cache.compile_entry(r"\d+年", 0)
    path.write_bytes(marshal.dumps({("a", 0): ("wrong",), (r"\d+年", 0): good, ("b", "0"): good}))
    assert regex_cache.read_entries(path) == {(r"\d+年", 0): good}
    bad_code = (good[0], [999, 1, 2], good[2], good[3], good[4])
    assert regex_cache.preload({("甲乙", 0): bad_code}) == set()     # the engine refuses it: compiled when asked


def test_patterns_built_per_document_are_not_kept(cache):
    code = ("import re, kb.text.gazetteer; from kb.text import regex_cache; re.compile(re.escape('某某新区') + '([省市])'); "
            "print(len(regex_cache.new_module_entries(set())), "
            "any(k[0].startswith('某某') for k in regex_cache.new_module_entries(set())))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={"KB_CACHE_DIR": str(cache), "PATH": ""})
    count, per_document = out.stdout.split()
    assert per_document == "False" and int(count) > 0


def test_no_cache_folder_no_file(tmp_path):
    assert run_without_cache(tmp_path) == []


def run_without_cache(tmp_path) -> list:
    code = "import kb; from kb.text import regex_cache; print(regex_cache.cache_file())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={"KB_CACHE_DIR": "", "PATH": "", "HOME": str(tmp_path)})
    assert out.stdout.strip() == "None"
    return list(tmp_path.rglob("re-*.marshal"))
