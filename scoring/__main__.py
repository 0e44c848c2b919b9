"""Entry point for `python -m scoring`."""

import sys

from scoring.cli import run

sys.exit(run())
