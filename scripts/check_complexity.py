"""Fail when a function of kb is more complex than the limit (radon's cyclomatic complexity).

    python scripts/check_complexity.py [--limit 25] [paths...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parents[1]


def too_complex(paths: list[Path], limit: int) -> list[str]:
    """``file:line name (complexity)`` for every function or method above ``limit``."""
    found = []
    for path in paths:
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            for block in cc_visit(file.read_text(encoding="utf-8")):
                if block.complexity > limit:
                    found.append(f"{file.relative_to(ROOT)}:{block.lineno} {block.fullname} "
                                 f"({block.complexity})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "kb", ROOT / "app.py"])
    parser.add_argument("--limit", type=int, default=25)
    args = parser.parse_args()
    found = too_complex(args.paths, args.limit)
    print("\n".join(found) if found else f"no function above complexity {args.limit}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
