"""Allow ``python -m xltrade``."""

from xltrade.cli import console

raise SystemExit(console())
