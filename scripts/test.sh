#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: lint, unit, property and app tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh requirements-dev.txt

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium >/dev/null
fi

.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m pytest "$@"
