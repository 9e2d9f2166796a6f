"""``python -m countrytone``: the command line."""

from countrytone.cli import main

raise SystemExit(main())
