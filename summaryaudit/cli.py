"""Command line interface: the only module that reads files, writes output and picks exit codes."""

from __future__ import annotations

import argparse
import codecs
import os
import signal
import sys
import tempfile
from collections.abc import Iterator, MutableSequence, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Optional, TextIO, cast

from . import (
    __version__,
    api,
    config,
    live,
    options,
    rebuild_cli,
    report,
    sources,
    suppressions,
    walk,
)
from .options import FORMAT_CHOICES, STDIN_NAME, Item
from .records import Summary
from .rules import RULES, is_selected, validate_prefixes

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
_CHUNK = 1 << 16
_EPILOG = """\
examples:
  python train.py | summaryaudit check
  python train.py | summaryaudit check --tee      # the log goes on to stdout, findings to stderr
  summaryaudit check docs/ --statistics
  summaryaudit check answer.md notebook.ipynb --output-format json -o report.json
  summaryaudit explain summary.txt
  summaryaudit rules SA102

exit status:
  0  no finding is an error or a warning
  1  at least one error or warning (unreadable rows and missing summaries included)
  2  usage error, bad configuration, or a file that cannot be read or decoded
  130  interrupted (Ctrl-C)
"""


class _SpooledLines(MutableSequence[str]):
    """Append-only JSON texts (one per line) kept in a temporary file once past 1 MB."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed by __exit__
            max_size=1 << 20, mode="w+", encoding="utf-8", newline="\n"
        )
        self._count = 0

    def __enter__(self) -> _SpooledLines:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def __len__(self) -> int:
        return self._count

    def insert(self, index: int, value: str) -> None:
        if index != self._count:
            raise NotImplementedError("findings are only appended")
        self._file.write(value + "\n")  # serialised JSON holds no raw newline
        self._count += 1

    def __iter__(self) -> Iterator[str]:
        self._file.seek(0)
        for line in self._file:
            yield line[:-1]

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        raise NotImplementedError("read the findings by iterating")

    def __setitem__(self, index, value):  # type: ignore[no-untyped-def]
        raise NotImplementedError("findings are only appended")

    def __delitem__(self, index):  # type: ignore[no-untyped-def]
        raise NotImplementedError("findings are only appended")


class InputError(Exception):
    """A file that cannot be opened, read or decoded; reported as one line on stderr."""


def _lines_from_stream(stream: BinaryIO, name: str) -> Iterator[list[sources.Line]]:
    """Yield segments of a binary stream; plain text is decoded and yielded lazily, line by line."""
    head = stream.read(_CHUNK)
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(head) >= 4 and (head[1:2] == b"\x00" or head[0:1] == b"\x00")
    )
    if utf16 or probe[:1] in (b"{", b"["):
        data = head + stream.read()
        try:
            text = sources.decode(data)
        except sources.DecodeError as exc:
            raise InputError(f"{name}: {exc}") from None
        yield from sources.segments(text)
        return
    yield sources.undo_paste_damage(_decode_lazily(head, stream, name))


def _decode_lazily(head: bytes, stream: BinaryIO, name: str) -> Iterator[sources.Line]:
    """Decode UTF-8 text chunk by chunk, yielding cleaned lines (HTML stripped when present)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    number = 1
    pending = ""
    html_mode: Optional[bool] = None
    chunk = head
    while True:
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            line = number + pending.count("\n") + exc.object[: exc.start].count(b"\n")
            bad = exc.object[exc.start : exc.start + 1]
            what = f"byte 0x{bad[0]:02x} is not UTF-8" if bad else "it ends inside a character"
            raise InputError(
                f"{name}: line {line}: {what} (save the file as UTF-8 or UTF-16)"
            ) from None
        pending += text
        if html_mode is None:
            html_mode = sources.looks_like_html(pending[:_CHUNK])
        *complete, pending = pending.split("\n")
        for raw in complete:
            yield from _emit(number, raw, html_mode)
            number += 1
        if not chunk:
            break
        chunk = stream.read(_CHUNK)
    if pending:
        yield from _emit(number, pending, bool(html_mode))


def _emit(number: int, raw: str, html_mode: bool) -> Iterator[sources.Line]:
    line = sources.Line(number, sources.clean_text(raw))
    if html_mode:
        yield from sources.strip_html([line])
    else:
        yield line


@dataclass(frozen=True)
class AuditOptions:
    """What every input of one run is audited with (picklable for --jobs workers)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    allow_empty: bool = False
    report_unused: bool = False
    stdin_name: str = STDIN_NAME


def _inputs(args: argparse.Namespace, settings: config.Settings) -> Iterator[tuple[str, bool]]:
    """Yield (path, found_by_walk) for every input; directories are walked.

    With --force-exclude, a path named on the command line is skipped when `exclude` matches
    it, as it would be in a walk (pre-commit passes every staged file by name).
    """
    for path in args.paths or ["-"]:
        if path != "-" and os.path.isdir(path):
            for found in walk.iter_files(Path(path), settings.include, settings.exclude):
                yield str(found), True
        elif (
            path == "-"
            or not settings.force_exclude
            or not walk.is_excluded(path, settings.exclude)
        ):
            yield path, False


def _open_summaries(
    path: str,
    stdin: BinaryIO,
    options: AuditOptions,
    directives: suppressions.Suppressions,
    tee: Optional[BinaryIO] = None,
) -> Iterator[Summary]:
    """Return the summaries of one input, opening the file lazily."""
    if path == "-":
        name = options.stdin_name
        if live.is_live(stdin):
            return _live_summaries(stdin, name, directives, tee)
        stream = cast(BinaryIO, live.TeeStream(stdin, tee)) if tee else stdin
        return _summaries_of(stream, name, directives)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by _summaries_of
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    return _summaries_of(handle, path, directives, close=True)


def _live_summaries(
    stdin: BinaryIO, name: str, directives: suppressions.Suppressions, tee: Optional[BinaryIO]
) -> Iterator[Summary]:
    """Summaries of a pipe or terminal, each reported as soon as its table has ended."""
    try:
        yield from live.stream_summaries(
            stdin,
            name,
            lambda lines: api.summaries_from_lines(lines, name),
            directives.scan,
            lambda stream: _summaries_of(stream, name, directives),
            tee=tee,
        )
    except live.StreamError as exc:
        raise InputError(str(exc)) from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None


def _summaries_of(
    stream: BinaryIO, name: str, directives: suppressions.Suppressions, close: bool = False
) -> Iterator[Summary]:
    try:
        for segment in _lines_from_stream(stream, name):
            yield from api.summaries_from_lines(directives.scan(segment), name)
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    finally:
        if close:
            stream.close()


def _file_wide_ignore(path: str) -> bool:
    """Tell whether a regular file holds an ignore-file directive (checked before reading it).

    Only regular files are looked at: a FIFO or device would lose what this read.
    """
    if not os.path.isfile(path):
        return False
    overlap = b""
    try:
        with open(path, "rb") as handle:
            while True:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    return False
                if suppressions.FILE_DIRECTIVE.search(overlap + chunk):
                    return True
                overlap = chunk[-64:]
    except OSError:
        return False  # the real read reports the error


def _audit_one(
    path: str,
    walked: bool,
    options: AuditOptions,
    stdin: Optional[BinaryIO] = None,
    tee: Optional[BinaryIO] = None,
) -> Iterator[Item]:
    name = options.stdin_name if path == "-" else path
    directives = suppressions.Suppressions(name, path != "-" and _file_wide_ignore(path))
    summaries = _open_summaries(path, stdin or sys.stdin.buffer, options, directives, tee)
    require = not (walked or options.allow_empty)
    for summary, findings in api.iter_check(
        summaries, name, options.select, options.ignore, require_summary=require
    ):
        kept = directives.apply(summary, findings)
        if summary is not None or kept:
            yield summary, kept
    if options.report_unused and is_selected(suppressions.UNUSED, options.select, options.ignore):
        unused = directives.unused()
        if unused:
            yield None, unused


def _audit_file_job(job: tuple[str, bool, AuditOptions]) -> object:
    """Audit one file in a worker process; return its items, or the error line."""
    try:
        return list(_audit_one(*job))
    except InputError as exc:
        return str(exc)
    except RecursionError:
        return f"{job[0]}: input nests too deeply to read"


def _ignore_interrupts() -> None:
    """In a --jobs worker: leave Ctrl-C to the parent, which reports it once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _audited(
    args: argparse.Namespace,
    inputs: list[tuple[str, bool]],
    options: AuditOptions,
    stdin: BinaryIO,
    errors: list[str],
    err: TextIO,
    tee: Optional[BinaryIO] = None,
) -> Iterator[Item]:
    progress = err.isatty() and len(inputs) > 20 if hasattr(err, "isatty") else False
    jobs = [(path, walked, options) for path, walked in inputs]
    if args.jobs > 1 and len(jobs) > 1 and all(path != "-" for path, _ in inputs):
        import multiprocessing

        with multiprocessing.Pool(args.jobs, initializer=_ignore_interrupts) as pool:
            for done, result in enumerate(pool.imap(_audit_file_job, jobs, chunksize=8), 1):
                if progress:
                    err.write(f"\rsummaryaudit: {done}/{len(jobs)} files")
                if isinstance(result, str):
                    errors.append(result)
                else:
                    yield from result  # type: ignore[misc]
    else:
        for done, job in enumerate(jobs, 1):
            if progress:
                err.write(f"\rsummaryaudit: {done}/{len(jobs)} files")
            try:
                yield from _audit_one(*job, stdin=stdin, tee=tee)
            except InputError as exc:
                errors.append(str(exc))
            except RecursionError:
                errors.append(f"{job[0]}: input nests too deeply to read")
    if progress:
        err.write("\n")


def _split_codes(values: Optional[list[str]]) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for `summaryaudit`."""
    parser = argparse.ArgumentParser(
        prog="summaryaudit",
        description="Read Keras model.summary() text as pasted, re-derive every count, and "
        "explain or flag what does not add up.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"summaryaudit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="audit every summary in the inputs",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    explain = sub.add_parser("explain", help="print the per-layer derivation table only")
    for p in (check, explain):
        p.add_argument(
            "paths", nargs="*", metavar="PATH", help="files to read; none or - reads stdin"
        )
    check.add_argument(
        "--output-format",
        "--format",
        dest="format",
        choices=sorted(FORMAT_CHOICES),
        default=None,
        help="concise: one line per finding (default for directories and the pre-commit "
        "hook); text: each summary's derivation table, then its findings (default otherwise)",
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="report only these codes or prefixes (SA1,SA201); replaces the config's list",
    )
    check.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="do not report these codes or prefixes; replaces the config's list",
    )
    check.add_argument(
        "--extend-select",
        action="append",
        metavar="CODES",
        help="add codes or prefixes to the selection",
    )
    check.add_argument(
        "--extend-ignore",
        action="append",
        metavar="CODES",
        help="add codes or prefixes to the ignored ones",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="file patterns to read when walking a directory (default: "
        + ", ".join(walk.DEFAULT_INCLUDE)
        + ")",
    )
    check.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="file or folder patterns to skip when walking a directory",
    )
    check.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="audit files in N processes (output is identical to one process)",
    )
    check.add_argument(
        "--allow-no-summary",
        action="store_true",
        help="an input without any summary is not a finding (for hooks)",
    )
    options.add_linter_options(check)
    rebuild_cli.add_parser(sub)
    rules = sub.add_parser("rules", help="list the finding codes, or document one")
    rules.add_argument("code", nargs="?", help="a code such as SA102")
    return parser


def _run_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.code:
        code = args.code.upper()
        if code not in RULES:
            err.write(f"summaryaudit: unknown code {args.code!r} (see `summaryaudit rules`)\n")
            return EXIT_ERROR
        out.write(report.render_rule(code))
    else:
        out.write(report.render_rules())
    return EXIT_OK


def _settings(args: argparse.Namespace) -> config.Settings:
    """Read the configuration (--config, or the nearest pyproject.toml) and apply the flags."""
    if args.command == "explain":
        return config.Settings(select=[], ignore=[], include=[], exclude=[])
    loaded = config.load_file(Path(args.config)) if args.config else config.load_config(Path.cwd())
    settings = config.resolve(
        loaded,
        select=_split_codes(args.select),
        ignore=_split_codes(args.ignore),
        extend_select=_split_codes(args.extend_select),
        extend_ignore=_split_codes(args.extend_ignore),
        include=args.include,
        exclude=args.exclude,
        force_exclude=True if args.force_exclude else None,
        fail_on=config.FailOn(args.fail_on) if args.fail_on else None,
    )
    if args.jobs < 1:
        raise config.ConfigError("--jobs takes a whole number of at least 1")
    unknown = validate_prefixes(settings.select + settings.ignore)
    if unknown:
        raise config.ConfigError(f"unknown code or prefix: {', '.join(unknown)}")
    return settings


def _explain_defaults(args: argparse.Namespace) -> None:
    """`explain` takes only paths: give it the options `check` reads."""
    for name, value in options.EXPLAIN_DEFAULTS.items():
        setattr(args, name, value)


def main(
    argv: Optional[Sequence[str]] = None,
    stdin: Optional[BinaryIO] = None,
    stdout: Optional[TextIO] = None,
    stderr: Optional[TextIO] = None,
) -> int:
    """Run the command line; return the exit status (130 after Ctrl-C)."""
    err = stderr or sys.stderr
    with options.interrupt_exits(err) as interrupted:
        status = _main(argv, stdin, stdout, stderr)
    return options.EXIT_INTERRUPTED if interrupted else status


def _main(
    argv: Optional[Sequence[str]],
    stdin: Optional[BinaryIO],
    stdout: Optional[TextIO],
    stderr: Optional[TextIO],
) -> int:
    if hasattr(signal, "SIGPIPE") and argv is None:
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_ERROR
    if args.command is None:
        parser.print_help(err)
        return EXIT_ERROR
    if args.command == "rebuild":
        return rebuild_cli.run(args, stdin or sys.stdin.buffer, out, err)
    if args.command == "rules":
        return _run_rules(args, out, err)
    if args.command == "explain":
        _explain_defaults(args)
    try:
        settings = _settings(args)
    except config.ConfigError as exc:
        err.write(f"summaryaudit: {exc}\n")
        return EXIT_ERROR
    binary_stdin = stdin or sys.stdin.buffer
    inputs = list(_inputs(args, settings))
    if any(path == "-" for path, _ in inputs) and options.is_terminal(binary_stdin):
        err.write(options.READING_STDIN)
        err.flush()
    audit = AuditOptions(
        select=tuple(settings.select),
        ignore=tuple(settings.ignore),
        allow_empty=args.allow_no_summary,
        report_unused=args.report_unused,
        stdin_name=args.stdin_filename or STDIN_NAME,
    )
    tee = options.binary_of(out) if args.tee else None
    try:
        target = options.open_output(args.output_file, out, err if args.tee else None)
    except OSError as exc:
        err.write(f"summaryaudit: {args.output_file}: {exc.strerror or exc}\n")
        return EXIT_ERROR
    errors: list[str] = []
    failing = options.failing_severities(settings.fail_on)
    failed = False

    def items() -> Iterator[Item]:
        nonlocal failed
        for summary, findings in _audited(args, inputs, audit, binary_stdin, errors, err, tee):
            if any(f.severity in failing for f in findings):
                failed = True
            yield summary, findings

    view = options.view_for(args, target.stream, os.environ)
    walked = any(found for _, found in inputs) or any(
        p != "-" and os.path.isdir(p) for p in args.paths
    )
    held = _SpooledLines()
    try:
        with held, target:
            notes = lambda: options.notifications_of(errors, inputs)  # noqa: E731
            for piece in options.render(args, view, items(), held, walked, notes):
                target.stream.write(piece)
                if view.live:
                    target.stream.flush()
            target.stream.flush()
    except InputError as exc:
        errors.append(str(exc))
    except RecursionError:
        errors.append("input nests too deeply to read")
    for message in errors:
        err.write(f"summaryaudit: {message}\n")
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK
