"""`python -m kb` is the same program as the `kb` console script."""

from kb.cli import main

raise SystemExit(main())
