"""Allow `python -m ecouch_tui`."""

from ecouch_tui.cli import main

raise SystemExit(main())
