"""The shape of the package: stages as subpackages, small public APIs, no private imports.

Read from the source with ``ast``; nothing is imported.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from tests.paths import ROOT

KB = ROOT / "kb"
STAGES = ("ingest", "text", "figures", "verify", "search", "store", "ui")
TOP_MODULES = {"__init__.py", "__main__.py", "models.py", "errors.py", "api.py", "pipeline.py"}
FRONT_ENDS = (KB / "ui" / "cli.py", KB / "ui" / "page.py", ROOT / "app.py")
FRONT_END_IMPORTS = ("kb.api", "kb.errors", "kb.models", "kb.ui")


def modules() -> list[Path]:
    return sorted(p for p in KB.rglob("*.py") if "__pycache__" not in p.parts)


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every ``from kb… import names`` and ``import kb…`` in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kb":
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.split(".")[0] == "kb"]
    return found


def test_every_stage_is_a_subpackage_and_nothing_else_sits_at_the_top():
    for stage in STAGES:
        assert (KB / stage / "__init__.py").is_file(), stage
    top = {p.name for p in KB.glob("*.py")}
    assert top <= TOP_MODULES, top - TOP_MODULES


@pytest.mark.slow
def test_no_private_name_is_imported_from_another_module():
    offenders = [f"{path.relative_to(ROOT)}: from {module} import {name}"
                 for path in modules() + [ROOT / "app.py"]
                 for module, names in imports(path)
                 for name in names if name.startswith("_") and not name.startswith("__")]
    assert not offenders, "\n".join(offenders)


def test_no_two_modules_share_a_name():
    names = Counter(p.stem for p in modules() if p.stem not in ("__init__", "__main__"))
    assert [n for n, c in names.items() if c > 1] == []


def test_the_cli_and_the_page_call_only_the_front_door_and_presentation():
    for path in FRONT_ENDS:
        for module, _ in imports(path):
            assert module.startswith(FRONT_END_IMPORTS), f"{path.relative_to(ROOT)} imports {module}"


def test_each_subpackage_has_a_docstring():
    for init in KB.rglob("__init__.py"):
        if init.parent == KB:
            continue
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), init
