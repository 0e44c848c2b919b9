"""`python -m briefing`: see `briefing.cli`."""

from briefing.cli import run

raise SystemExit(run())
