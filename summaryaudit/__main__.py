"""Run the command line interface: `python -m summaryaudit`."""

from .cli import main

raise SystemExit(main())
