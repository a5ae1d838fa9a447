"""The linter-style options of `check`: output format and file, colour, width, tee, Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableSequence
from enum import Enum
from typing import Any, BinaryIO, Optional, TextIO

from . import concise, formats, report
from .config import FailOn
from .records import Finding, FrozenRecord, Severity, Summary
from .terminal import ColorChoice, Style, use_color

Item = tuple[Optional[Summary], list[Finding]]
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
STDIN_NAME = "<stdin>"
READING_STDIN = (
    "summaryaudit: reading a summary or training log from stdin; paste it and press Ctrl-D "
    "(Ctrl-Z Enter on Windows), or name files: summaryaudit check PATH\n"
)


class OutputFormat(str, Enum):
    """The values of --output-format."""

    CONCISE = "concise"
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"
    SARIF = "sarif"


FORMAT_CHOICES = tuple(f.value for f in OutputFormat)
assert set(FORMAT_CHOICES) == set(report.RENDERERS) | {OutputFormat.CONCISE.value}

EXPLAIN_DEFAULTS: dict[str, Any] = {
    "format": OutputFormat.TEXT.value,
    "exit_zero": True,
    "allow_no_summary": True,
    "jobs": 1,
    "include": [],
    "exclude": [],
    "report_unused": False,
    "stdin_filename": None,
    "tee": False,
    "output_file": None,
    "statistics": False,
    "quiet": False,
    "color": ColorChoice.AUTO.value,
}


def add_linter_options(check: argparse.ArgumentParser) -> None:
    """Add the options that make `check` behave like ruff and flake8."""
    check.add_argument(
        "--config",
        metavar="PATH",
        help="read settings from this file (a pyproject.toml's [tool.summaryaudit] table, or "
        "any other TOML file's top level) instead of the nearest pyproject.toml",
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply `exclude` to files named on the command line too (for pre-commit)",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name to report for stdin (editors piping a buffer)",
    )
    check.add_argument(
        "--fail-on",
        choices=[f.value for f in FailOn],
        default=None,
        help="the lowest severity that fails the run (default: warning)",
    )
    check.add_argument(
        "--report-unused",
        action="store_true",
        help="report `summaryaudit: ignore` directives that suppressed nothing (SA010)",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print the number of findings per code instead of the findings",
    )
    check.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print the findings only: no tables, no closing tally",
    )
    check.add_argument(
        "-o",
        "--output-file",
        metavar="PATH",
        help="write the report to this file instead of stdout",
    )
    check.add_argument(
        "--tee",
        action="store_true",
        help="copy the input from stdin to stdout unchanged while reading it; the report "
        "goes to stderr (keeps the tool inside a training pipeline)",
    )
    check.add_argument(
        "--color",
        choices=[c.value for c in ColorChoice],
        default=ColorChoice.AUTO.value,
        help="colour codes and severities: auto (a terminal, unless NO_COLOR is set), "
        "always, never",
    )


# --------------------------------------------------------------------------- Ctrl-C


class Interruption:
    """Whether the run was stopped by Ctrl-C."""

    def __init__(self) -> None:
        self.happened = False

    def __bool__(self) -> bool:
        return self.happened


@contextlib.contextmanager
def interrupt_exits(err: TextIO) -> Iterator[Interruption]:
    """Turn Ctrl-C (KeyboardInterrupt) into one line on stderr instead of a traceback."""
    state = Interruption()
    try:
        yield state
    except KeyboardInterrupt:
        state.happened = True
        with contextlib.suppress(Exception):
            err.write("\nsummaryaudit: interrupted\n")
            err.flush()


# --------------------------------------------------------------------------- output


def is_terminal(stream: Any) -> bool:
    """Tell whether a stream is an interactive terminal."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def failing_severities(fail_on: FailOn) -> frozenset[Severity]:
    """Return the severities that fail a run under --fail-on."""
    if fail_on is FailOn.ERROR:
        return frozenset({Severity.ERROR})
    return frozenset({Severity.ERROR, Severity.WARNING})


class Output:
    """Where the report goes: stdout, stderr (with --tee) or a file, closed afterwards."""

    def __init__(self, stream: TextIO, owned: bool) -> None:
        self.stream = stream
        self._owned = owned

    def __enter__(self) -> Output:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._owned:
            self.stream.close()


def open_output(path: Optional[str], out: TextIO, tee_report: Optional[TextIO]) -> Output:
    """Open --output-file (UTF-8), or use stderr when --tee keeps stdout for the input."""
    if path:
        return Output(open(path, "w", encoding="utf-8", newline="\n"), owned=True)
    return Output(tee_report if tee_report is not None else out, owned=False)


def binary_of(out: TextIO) -> BinaryIO:
    """Return the byte stream under a text stream (for --tee to copy input bytes unchanged)."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        return buffer  # type: ignore[no-any-return]
    return _TextSink(out)  # type: ignore[return-value]


class _TextSink(io.RawIOBase):
    """Bytes written are decoded (UTF-8, invalid bytes replaced) onto a text stream."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self._out = out

    def writable(self) -> bool:
        """Tell io that it can write."""
        return True

    def write(self, data: Any) -> int:
        """Write bytes as text."""
        self._out.write(bytes(data).decode("utf-8", "replace"))
        return len(data)


class View(FrozenRecord):
    """How to show the report: colours, width, and whether to flush every piece."""

    style: Style
    width: Optional[int]
    live: bool

    def __init__(self, style: Style, width: Optional[int], live: bool) -> None:
        d = self.__dict__
        d["style"] = style
        d["width"] = width
        d["live"] = live


def view_for(args: argparse.Namespace, stream: TextIO, environ: Mapping[str, str]) -> View:
    """Choose colour and width for the report's stream (a terminal gets both)."""
    tty = is_terminal(stream)
    style = Style(use_color(ColorChoice(args.color), tty, environ))
    width = _terminal_columns() if tty else None
    reads_stdin = not args.paths or "-" in args.paths
    return View(style, width, live=reads_stdin or tty)


def chosen_format(args: argparse.Namespace, walked: bool) -> OutputFormat:
    """Return the output format: the flag, else concise for a directory walk, else text."""
    if args.format:
        return OutputFormat(args.format)
    return OutputFormat.CONCISE if walked else OutputFormat.TEXT


def render(
    args: argparse.Namespace,
    view: View,
    items: Iterable[Item],
    held: MutableSequence[str],
    walked: bool,
    notifications: Callable[[], list[formats.Notification]],
) -> Iterator[str]:
    """Yield the report in the chosen format."""
    if args.command == "explain":
        return report.render_text(items, explain_only=True)
    if args.statistics:
        return concise.render_statistics(items, view.style)
    fmt = chosen_format(args, walked)
    if args.quiet and fmt in (OutputFormat.TEXT, OutputFormat.CONCISE):
        return concise.render_concise(items, view.style, view.width, quiet=True)
    if fmt is OutputFormat.CONCISE:
        return concise.render_concise(items, view.style, view.width)
    if fmt is OutputFormat.TEXT:
        return report.render_text(
            items, line_of=lambda f: concise.finding_line(f, view.style, view.width)
        )
    if fmt is OutputFormat.JSON:
        return report.render_json(items, held=held)
    if fmt is OutputFormat.SARIF:
        return formats.render_sarif(items, notifications)
    return formats.FORMATS[fmt.value](items)


def notifications_of(
    errors: list[str], inputs: Iterable[tuple[str, bool]]
) -> list[formats.Notification]:
    """Turn the run's one-line input errors into SARIF notifications naming their file."""
    paths = sorted({path for path, _ in inputs}, key=len, reverse=True)
    return [
        formats.Notification(message, next((p for p in paths if message.startswith(p + ":")), None))
        for message in errors
    ]


def _terminal_columns() -> int:
    """The terminal's width (`$COLUMNS` first), as shutil says; shutil loads only for a terminal."""
    import shutil

    return shutil.get_terminal_size().columns
