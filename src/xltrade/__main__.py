"""Allow ``python -m xltrade``."""

from xltrade.cli import main

raise SystemExit(main())
