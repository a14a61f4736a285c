"""`python -m kb` is the same program as the `kb` console script."""

from kb.ui.cli import main

raise SystemExit(main())
