"""Command line: `python -m briefing [SCENARIO.json | -] --out pack.zip` writes the briefing pack.

The same pack as the dashboard's "Briefing pack" button, without a browser. Bad input ends with
exit status 2 and one plain line on stderr, never a traceback. An existing file is replaced only
with --force, and the pack is written to a temporary file first, then renamed, so a failure never
leaves half a file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from briefing.marking import MARKING_LIMIT, marking
from briefing.pack import build_pack
from scoring.cli import USAGE_ERROR, InputError, Parser, add_draw_options, read_scenario, summary
from scoring.loader import DataError, default_model
from scoring.robustness import AnalysisSettings
from scoring.text import text_problem


def _marking(text: str) -> str:
    """An argparse type: the marking line on one line, at most MARKING_LIMIT characters."""
    line = " ".join(text.split())
    if len(line) > MARKING_LIMIT:
        raise argparse.ArgumentTypeError(f"must be at most {MARKING_LIMIT} characters")
    problem = text_problem(line)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return line


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m briefing", description=summary(__doc__))
    parser.add_argument("scenario", nargs="?", help="scenario JSON file, or - for stdin")
    parser.add_argument("--preset", help="a named preset instead of a file")
    parser.add_argument("--out", type=Path, required=True, help="the ZIP file to write")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument(
        "--marking",
        type=_marking,
        help='marking line on every chart and slide ("" for none; default from desk.toml)',
    )
    add_draw_options(parser)
    return parser


def _check_target(target: Path, force: bool) -> None:
    """Refuse a target that exists (without --force), that is not a regular file (a device,
    a pipe, a folder: never replaced), or whose folder does not exist."""
    if target.exists() and not target.is_file():
        raise InputError(f"{target} is not a regular file; give the path of a file to write")
    if not force and target.exists():
        raise InputError(f"{target} exists; add --force to replace it")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: no folder {target.parent}")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(target: Path, data: bytes, force: bool) -> None:
    """Write `data` to a temporary file beside `target`, then rename it into place."""
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
        ) as handle:
            temporary = Path(handle.name)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o666 & ~_umask())  # an ordinary new file, not the temporary's 0600
        _check_target(target, force)  # again: another program may have made it meanwhile
        temporary.replace(target)
        temporary = None
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror or error}") from error
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
        _check_target(args.out, args.force)  # before the work, so a refusal is quick
        model = default_model()
        scenario = read_scenario(args.scenario, args.preset, model)
        settings = AnalysisSettings(draws=args.draws, seed=args.seed)
        line = marking() if args.marking is None else args.marking
        pack = build_pack(scenario, model, settings, datetime.now(UTC), line)
        write_atomically(args.out, pack, args.force)
    except (InputError, DataError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    print(f"wrote {args.out} ({len(pack) / 1e6:.1f} MB)")
    return 0
