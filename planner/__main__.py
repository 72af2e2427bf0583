"""``python -m planner``: see :mod:`planner.cli`."""

from planner.cli import main

raise SystemExit(main())
