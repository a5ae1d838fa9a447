"""Command line interface: the only module that reads files, writes output and picks exit codes."""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import io
import os
import re
import signal
import sys
from collections.abc import Iterator, MutableSequence, Sequence
from typing import IO, Any, BinaryIO, Optional, TextIO, cast

from . import (
    __version__,
    api,
    config,
    options,
    rebuild_cli,
    report,
    sources,
    suppressions,
    walk,
)
from .options import FORMAT_CHOICES, STDIN_NAME, Item
from .records import FrozenRecord, Summary
from .rules import RULES, is_selected, validate_prefixes

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_TERMINATED = 128 + signal.SIGTERM
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
  143  terminated (SIGTERM)
"""


class _SpooledLines(MutableSequence[str]):
    """Append-only JSON texts (one per line) kept in a temporary file once past 1 MB.

    Below 1 MB they stay in a list, so a run that never gets there never imports tempfile.
    """

    _LIMIT = 1 << 20

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._size = 0
        self._file: Optional[IO[str]] = None
        self._count = 0

    def __enter__(self) -> _SpooledLines:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            self._file.close()

    def __len__(self) -> int:
        return self._count

    def insert(self, index: int, value: str) -> None:
        if index != self._count:
            raise NotImplementedError("findings are only appended")
        self._count += 1
        if self._file is not None:
            self._file.write(value + "\n")  # serialised JSON holds no raw newline
            return
        self._lines.append(value)
        self._size += len(value) + 1
        if self._size > self._LIMIT:
            import tempfile

            spool = tempfile.TemporaryFile(  # noqa: SIM115 - closed by __exit__
                mode="w+", encoding="utf-8", newline="\n", errors="surrogatepass"
            )
            spool.writelines(line + "\n" for line in self._lines)
            self._file, self._lines = spool, []

    def __iter__(self) -> Iterator[str]:
        if self._file is None:
            yield from list(self._lines)
            return
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


def _byte_chunks(stream: BinaryIO) -> Iterator[bytes]:
    """Read a binary stream in chunks until its end (a FIFO or a pipe as well as a file)."""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return
        yield chunk


class AuditOptions(FrozenRecord):
    """What every input of one run is audited with (picklable for --jobs workers)."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    allow_empty: bool
    report_unused: bool
    stdin_name: str

    def __init__(
        self,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        allow_empty: bool = False,
        report_unused: bool = False,
        stdin_name: str = STDIN_NAME,
    ) -> None:
        d = self.__dict__
        d["select"] = select
        d["ignore"] = ignore
        d["allow_empty"] = allow_empty
        d["report_unused"] = report_unused
        d["stdin_name"] = stdin_name


def _inputs(
    args: argparse.Namespace, settings: config.Settings, errors: list[str]
) -> Iterator[tuple[str, bool]]:
    """Yield (path, found_by_walk) for every input; directories are walked, unreadable ones noted.

    With --force-exclude, a path named on the command line is skipped when `exclude` matches
    it, as it would be in a walk (pre-commit passes every staged file by name).
    """

    def unreadable(exc: OSError) -> None:
        errors.append(f"{exc.filename}: cannot read this folder ({exc.strerror or exc})")

    for path in args.paths or ["-"]:
        if path != "-" and os.path.isdir(path):
            from pathlib import Path

            walked = walk.iter_files(Path(path), settings.include, settings.exclude, unreadable)
            for found in walked:
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
        from . import live  # only standard input may be a live pipe

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
    from . import live

    try:
        yield from live.stream_summaries(
            stdin,
            name,
            # the paste repairs a file's regions get (sources._region_segment), on held lines
            lambda lines: api.summaries_from_lines(sources.undo_paste_damage(lines), name),
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
        for segment in sources.byte_segments(_byte_chunks(stream)):
            yield from api.summaries_from_lines(directives.scan(segment), name)
    except sources.DecodeError as exc:
        raise InputError(f"{name}: {exc}") from None
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
                if suppressions.holds_file_directive(overlap + chunk):
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
    for audited, findings in api.iter_check(
        summaries, name, options.select, options.ignore, require_summary=require
    ):
        summary, kept = api.apply_directives(directives, audited, findings)
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


def worker_count(requested: int, files: int) -> int:
    """Cap --jobs at the number of files and of CPUs this process may use."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(requested, files, cpus or 1))


def _worker_setup() -> None:
    """In a --jobs worker: leave Ctrl-C and SIGTERM to the parent, which ends every worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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
    workers = worker_count(args.jobs, len(jobs))
    if workers > 1 and all(path != "-" for path, _ in inputs):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Not multiprocessing.Pool: its terminate() waits forever on a queue lock that a worker
        # killed by a signal sent to the whole process group may have held.
        executor = ProcessPoolExecutor(workers, initializer=_worker_setup)
        try:
            results = executor.map(_audit_file_job, jobs, chunksize=8)
            for done, result in enumerate(results, 1):
                if progress:
                    err.write(f"\rsummaryaudit: {done}/{len(jobs)} files")
                if isinstance(result, str):
                    errors.append(result)
                else:
                    yield from result  # type: ignore[misc]
        except BaseException:
            if hasattr(signal, "SIGPIPE"):  # the queue feeding killed workers must not kill us
                with contextlib.suppress(ValueError):  # not the main thread
                    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
            for worker in multiprocessing.active_children():
                worker.kill()
            executor.shutdown(wait=False, cancel_futures=True)
            raise
        executor.shutdown()
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


@functools.cache
def _help_width() -> int:
    """The width argparse wraps help at (the terminal's, less 2; 80 columns when there is no
    terminal), found once: argparse asks `shutil` for it (importing shutil) each time it builds
    a formatter, which it does for every argument added, though help is seldom printed."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    stream = sys.__stdout__
    if columns <= 0 and stream is not None:
        try:
            columns = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns if columns > 0 else 80) - 2


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, its width found once (see `_help_width`)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: Optional[int] = None,
    ) -> None:
        width = _help_width() if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _RawDescriptionHelpFormatter(argparse.RawDescriptionHelpFormatter, _HelpFormatter):
    """The same, keeping a description's and epilog's own line breaks."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose formatters (and its subcommands') are `_HelpFormatter`s."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for `summaryaudit`."""
    parser = _Parser(
        prog="summaryaudit",
        description="Read Keras model.summary() text as pasted, re-derive every count, and "
        "explain or flag what does not add up.",
        epilog=_EPILOG,
        formatter_class=_RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"summaryaudit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser(
        "check",
        help="audit every summary in the inputs",
        epilog=_EPILOG,
        formatter_class=_RawDescriptionHelpFormatter,
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
    if args.config:
        from pathlib import Path

        loaded = config.load_file(Path(args.config))
    else:
        try:
            here = os.getcwd()
        except FileNotFoundError:
            raise config.ConfigError(
                "the working directory no longer exists (cd to a folder)"
            ) from None
        loaded = config.load_config(here)
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


class _Terminated(Exception):
    """SIGTERM arrived: unwind (ending any worker pool) and exit 143."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated


class _WriteError(Exception):
    """Writing the output failed (a full disk, a closed pipe): exit 2 with one line."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.strerror or str(cause))


class _Visible:
    """A text stream that shows lone surrogates (undecodable file-name bytes) as U+FFFD."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(_without_surrogates(text))
        except OSError as exc:
            raise _WriteError(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise _WriteError(exc) from None

    def isatty(self) -> bool:
        return self._stream.isatty()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)  # buffer, fileno, encoding: the wrapped stream's


def _without_surrogates(text: str) -> str:
    """Show lone surrogates as U+FFFD; text UTF-8 can encode (almost all) is returned as is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # only a surrogate stops UTF-8 (re compiles the pattern once)
        return re.sub("[\ud800-\udfff]", "\ufffd", text)
    return text


class _ClosedStdin:
    """Stands in for a closed standard input: reading it is an input error, not a traceback."""

    def read(self, size: int = -1) -> bytes:
        raise OSError(errno.EBADF, "standard input is closed")

    def close(self) -> None:
        pass


def _silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null so the exit-time flush of unwritten output is quiet."""
    with contextlib.suppress(OSError, AttributeError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def main(
    argv: Optional[Sequence[str]] = None,
    stdin: Optional[BinaryIO] = None,
    stdout: Optional[TextIO] = None,
    stderr: Optional[TextIO] = None,
) -> int:
    """Run the command line; return the exit status (130 after Ctrl-C, 143 after SIGTERM)."""
    if argv is None:
        if hasattr(signal, "SIGPIPE"):
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, _on_sigterm)
    raw_err = stderr or sys.stderr
    err = cast(TextIO, _Visible(raw_err)) if raw_err is not None else None
    raw_out = stdout or sys.stdout
    if raw_out is None:
        _say(err, "standard output is closed")
        return EXIT_ERROR
    out = cast(TextIO, _Visible(raw_out))
    messages = err or cast(TextIO, _Visible(io.StringIO()))
    try:
        with options.interrupt_exits(messages) as interrupted:
            status = _main(argv, stdin, out, messages)
            out.flush()
        if interrupted:
            return _stopped(options.EXIT_INTERRUPTED, argv)
        return status
    except _Terminated:
        _say(err, "terminated")
        return _stopped(EXIT_TERMINATED, argv)
    except _WriteError as exc:
        _say(err, f"cannot write the output: {exc}")
        if raw_out is sys.stdout:
            _silence_stdout()
        return EXIT_ERROR


def _stopped(status: int, argv: Optional[Sequence[str]]) -> int:
    """End a command-line process stopped by a signal now, with its status.

    The interpreter's exit hooks would still run, and the one of a `--jobs` worker pool writes
    to a pipe its killed workers closed, printing a traceback after our one line. Called as a
    library (`argv` given), return the status instead.
    """
    if argv is not None:
        return status
    pool = sys.modules.get("multiprocessing")
    if pool is not None:  # the workers end before we do, as they did under the exit hooks
        for worker in pool.active_children():
            worker.kill()
            worker.join(5)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


def _say(err: Optional[TextIO], message: str) -> None:
    """Write one `summaryaudit: message` line on stderr, if stderr is there to take it."""
    if err is not None:
        with contextlib.suppress(OSError, _WriteError):
            err.write(f"summaryaudit: {message}\n")
            err.flush()


def _main(
    argv: Optional[Sequence[str]], stdin: Optional[BinaryIO], out: TextIO, err: TextIO
) -> int:
    parser = build_parser()
    printed = io.StringIO()  # argparse ignores write errors: --help is written here, then out
    try:
        with contextlib.redirect_stdout(printed):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        out.write(printed.getvalue())
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
    binary_stdin = stdin or cast(
        BinaryIO, sys.stdin.buffer if sys.stdin is not None else _ClosedStdin()
    )
    errors: list[str] = []
    inputs = list(_inputs(args, settings, errors))
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
