"""What a `kb search` process loads: not the claim checker's linker, not the ingest stage's patterns."""

import subprocess
import sys


def loaded_after(code: str, modules: list[str]) -> list[str]:
    probe = f"import sys; {code}; print(','.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_the_search_path_loads_neither_the_linker_nor_the_ingest_patterns():
    # What `kb search` imports: the searcher, the answer grouping (which keys facts by
    # kb.figures.identity) and the source-line citation of kb.ingest.
    code = ("import kb.search.searcher, kb.search.answers, kb.figures.identity; "
            "from kb.ingest import source_line")
    heavy = ["kb.figures.linking.link", "kb.figures.linking.carry_over", "kb.figures.linking.periods",
             "kb.ingest.assemble", "kb.ingest.markdown", "kb.ingest.normalize"]
    assert loaded_after(code, heavy) == []


def test_the_linker_still_loads_its_names_on_first_use():
    code = "from kb.figures.linking import link, YEAR; assert YEAR.search('2021年')"
    assert loaded_after(code, ["kb.figures.linking.link"]) == ["kb.figures.linking.link"]
