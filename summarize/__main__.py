"""``python -m summarize``: the command line."""

from .cli import main

raise SystemExit(main())
