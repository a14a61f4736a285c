"""Build kb's wheel and check that it carries every subpackage and every data file.

An editable install reads from the checkout, so a package or data file that
pyproject.toml forgets is only missed by people who install the wheel.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def expected_files() -> set[str]:
    """Every module and data file under kb/, as paths inside the wheel."""
    kb = ROOT / "kb"
    files = {p for p in kb.rglob("*") if p.is_file() and "__pycache__" not in p.parts
             and (p.suffix == ".py" or "data" in p.relative_to(kb).parts)}
    return {p.relative_to(ROOT).as_posix() for p in files}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                        "-q", "-w", tmp, str(ROOT)], check=True)
        wheel = next(Path(tmp).glob("kb-*.whl"))
        inside = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(expected_files() - inside)
    if missing:
        print("the wheel lacks:\n  " + "\n  ".join(missing))
        return 1
    print(f"{wheel.name}: all {len(expected_files())} modules and data files inside")
    return 0


if __name__ == "__main__":
    sys.exit(main())
