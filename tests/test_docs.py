"""docs/interface.md carries the shared contract word for word (a clone has no ../shared)."""

from __future__ import annotations

import pytest

from tests.paths import ROOT, SHARED


def test_interface_copy_is_in_step_with_the_shared_contract():
    shared = SHARED / "INTERFACE.md"
    if not shared.is_file():
        pytest.skip(f"{shared} is missing: nothing to compare with")
    ours = (ROOT / "docs" / "interface.md").read_text(encoding="utf-8")
    assert shared.read_text(encoding="utf-8") in ours, "copy ../shared/INTERFACE.md into docs/interface.md"


def test_readme_links_resolve_inside_the_project():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared/" not in readme
    for target in ("docs/interface.md", "docs/screenshots/ask-desktop.png", "examples/claims.txt"):
        assert target in readme and (ROOT / target).is_file(), target
