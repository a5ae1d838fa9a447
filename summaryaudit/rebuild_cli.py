"""The `rebuild` subcommand: print Keras 3 code for a summary; --check builds and compares it."""

from __future__ import annotations

import argparse
from typing import Any, BinaryIO, TextIO

from . import sources

EXIT_OK = 0
EXIT_DIFFERS = 1
EXIT_ERROR = 2


def add_parser(sub: Any) -> None:
    """Register `summaryaudit rebuild` on the subcommand parsers."""
    parser = sub.add_parser(
        "rebuild",
        help="print Keras 3 code that rebuilds a pasted summary (--check builds and compares it)",
    )
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="file to read; none or - reads stdin"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="build the code with the installed Keras 3 and compare its summary row by row "
        "(exit 1 when a row or total differs, 2 without Keras 3)",
    )
    parser.add_argument(
        "--which",
        type=int,
        default=1,
        metavar="N",
        help="rebuild the N-th summary of the input (default: the first)",
    )


def _read(path: str | None, stdin: BinaryIO) -> tuple[str, str]:
    if path in (None, "-"):
        return "<stdin>", sources.decode(stdin.read())
    with open(path, "rb") as handle:
        return path, sources.decode(handle.read())


def run(args: argparse.Namespace, stdin: BinaryIO, out: TextIO, err: TextIO) -> int:
    """Run `summaryaudit rebuild`; return the exit status."""
    from . import api, rebuild_check  # imported here: `check` runs never load the rebuilder
    from .rebuild import RebuildError, incomplete_reason, rebuild

    try:
        name, text = _read(args.path, stdin)
    except OSError as exc:
        err.write(f"summaryaudit: {args.path}: {exc.strerror or exc}\n")
        return EXIT_ERROR
    except sources.DecodeError as exc:
        err.write(f"summaryaudit: {args.path or '<stdin>'}: {exc}\n")
        return EXIT_ERROR
    summaries = api.parse_text(text, source=name)
    if not summaries:
        err.write(f"summaryaudit: {name}: no Keras model.summary() table was found\n")
        return EXIT_ERROR
    if not 1 <= args.which <= len(summaries):
        err.write(
            f"summaryaudit: {name}: --which {args.which}, but it holds {len(summaries)} summaries\n"
        )
        return EXIT_ERROR
    summary = summaries[args.which - 1]
    try:
        code = rebuild(summary)
    except RebuildError as exc:
        err.write(f"summaryaudit: {name}:{summary.start_line}: {exc}\n")
        return EXIT_ERROR
    out.write(code)
    out.flush()
    if not args.check:
        return EXIT_OK
    try:
        result = rebuild_check.check(code, summary)
    except rebuild_check.KerasMissing as exc:
        err.write(f"summaryaudit: {exc}\n")
        return EXIT_ERROR
    except Exception as exc:  # Keras refused the rebuilt model: report it, never a traceback
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        err.write(
            "check failed: Keras could not build the rebuilt model: "
            f"{type(exc).__name__}: {first}\n"
        )
        return EXIT_DIFFERS
    err.write(rebuild_check.describe(result))
    reason = incomplete_reason(summary)
    if reason and not result.matches:
        err.write(f"  (the pasted table is incomplete: {reason})\n")
    return EXIT_OK if result.matches else EXIT_DIFFERS
