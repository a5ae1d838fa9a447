"""Command line interface: the only module that reads files, writes output and picks exit codes."""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import re
import signal
import sys
import tempfile
from collections.abc import Iterator, MutableSequence, Sequence
from pathlib import Path
from typing import BinaryIO, Optional, TextIO

from . import __version__, api, config, report, sources, walk
from .rules import RULES, validate_prefixes

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
_SURROGATE = re.compile("[\ud800-\udfff]")
_CHUNK = 1 << 16
_EPILOG = """\
examples:
  python train.py | summaryaudit check
  summaryaudit check answer.md notebook.ipynb --format json
  summaryaudit explain summary.txt
  summaryaudit rules SA102

exit status:
  0  no finding is an error or a warning
  1  at least one error or warning (unreadable rows and missing summaries included)
  2  usage error, or a file that cannot be read or decoded
"""


class _SpooledLines(MutableSequence[str]):
    """Append-only JSON texts (one per line) kept in a temporary file once past 1 MB."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed by __exit__
            max_size=1 << 20, mode="w+", encoding="utf-8", newline="\n", errors="surrogatepass"
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


def _byte_chunks(stream: BinaryIO) -> Iterator[bytes]:
    """Read a binary stream in chunks until its end (a FIFO or a pipe as well as a file)."""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return
        yield chunk


def _inputs(args: argparse.Namespace, errors: list[str]) -> Iterator[tuple[str, bool]]:
    """Yield (path, found_by_walk) per input; directories are walked, unreadable ones noted."""

    def unreadable(exc: OSError) -> None:
        errors.append(f"{exc.filename}: cannot read this folder ({exc.strerror or exc})")

    for path in args.paths or ["-"]:
        if path != "-" and os.path.isdir(path):
            for found in walk.iter_files(Path(path), args.include, args.exclude, unreadable):
                yield str(found), True
        else:
            yield path, False


def worker_count(requested: int, files: int) -> int:
    """Cap --jobs at the number of files and of CPUs this process may use."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(requested, files, cpus or 1))


def _worker_setup() -> None:
    """In a --jobs worker: leave Ctrl-C and SIGTERM to the parent, which ends the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _open_summaries(path: str, stdin: BinaryIO) -> Iterator:
    """Return the summaries of one input, opening the file lazily."""
    if path == "-":
        return _summaries_of(stdin, "<stdin>")
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by _summaries_of
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    return _summaries_of(handle, path, close=True)


def _summaries_of(stream: BinaryIO, name: str, close: bool = False) -> Iterator:
    try:
        yield from api.summaries_from_chunks(sources.decode_chunks(_byte_chunks(stream)), name)
    except sources.DecodeError as exc:
        raise InputError(f"{name}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    finally:
        if close:
            stream.close()


def _audit_one(
    path: str,
    walked: bool,
    select: list[str],
    ignore: list[str],
    allow_empty: bool,
    stdin: Optional[BinaryIO] = None,
) -> Iterator:
    name = "<stdin>" if path == "-" else path
    summaries = _open_summaries(path, stdin or sys.stdin.buffer)
    yield from api.iter_check(
        summaries, name, select, ignore, require_summary=not (walked or allow_empty)
    )


def _audit_file_job(job: tuple[str, bool, list[str], list[str], bool]) -> object:
    """Audit one file in a worker process; return its items, or the error line."""
    try:
        return list(_audit_one(*job))
    except InputError as exc:
        return str(exc)
    except RecursionError:
        return f"{job[0]}: input nests too deeply to read"


def _audited(args: argparse.Namespace, stdin: BinaryIO, errors: list[str], err: TextIO) -> Iterator:
    inputs = list(_inputs(args, errors))
    progress = err.isatty() and len(inputs) > 20 if hasattr(err, "isatty") else False
    jobs = [
        (path, walked, args.select, args.ignore, args.allow_no_summary) for path, walked in inputs
    ]
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
                yield from _audit_one(*job, stdin=stdin)
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
    check.add_argument("--format", choices=sorted(report.RENDERERS), default="text")
    check.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="report only these codes or prefixes (SA1,SA201)",
    )
    check.add_argument(
        "--ignore", action="append", metavar="CODES", help="do not report these codes or prefixes"
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
    rules = sub.add_parser("rules", help="list the finding codes, or document one")
    rules.add_argument("code", nargs="?", help="a code such as SA102")
    return parser


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
            return self._stream.write(_SURROGATE.sub("\ufffd", text))
        except OSError as exc:
            raise _WriteError(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise _WriteError(exc) from None

    def isatty(self) -> bool:
        return self._stream.isatty()


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
    """Run the command line; return the exit status (130 on Ctrl-C, 143 on SIGTERM)."""
    real_process = argv is None
    if real_process:
        if hasattr(signal, "SIGPIPE"):
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, _on_sigterm)
    raw_err = stderr or sys.stderr
    err = _Visible(raw_err) if raw_err is not None else None
    raw_out = stdout or sys.stdout
    try:
        if raw_out is None:
            _say(err, "standard output is closed")
            return EXIT_ERROR
        out = _Visible(raw_out)
        status = _run(argv, stdin, out, err or _Visible(io.StringIO()))
        out.flush()
        return status
    except KeyboardInterrupt:
        _say(err, "interrupted")
        return EXIT_INTERRUPTED
    except _Terminated:
        _say(err, "terminated")
        return EXIT_TERMINATED
    except _WriteError as exc:
        _say(err, f"cannot write the output: {exc}")
        if raw_out is sys.stdout:
            _silence_stdout()
        return EXIT_ERROR


def _say(err: Optional[_Visible], message: str) -> None:
    """Write one `summaryaudit: message` line on stderr, if stderr is there to take it."""
    if err is not None:
        with contextlib.suppress(OSError):
            err.write(f"summaryaudit: {message}\n")
            err.flush()


def _run(
    argv: Optional[Sequence[str]], stdin: Optional[BinaryIO], out: _Visible, err: _Visible
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
    if args.command == "rules":
        if args.code:
            code = args.code.upper()
            if code not in RULES:
                err.write(f"summaryaudit: unknown code {args.code!r} (see `summaryaudit rules`)\n")
                return EXIT_ERROR
            out.write(report.render_rule(code))
        else:
            out.write(report.render_rules())
        return EXIT_OK
    if args.command == "explain":
        args.select, args.ignore, args.format, args.exit_zero = [], [], "text", True
        args.allow_no_summary, args.include, args.exclude, args.jobs = True, [], [], 1
    else:
        args.select, args.ignore = _split_codes(args.select), _split_codes(args.ignore)
        try:
            here = Path.cwd()
        except FileNotFoundError:
            err.write("summaryaudit: the working directory no longer exists (cd to a folder)\n")
            return EXIT_ERROR
        try:
            settings = config.merge(
                config.load_config(here), args.select, args.ignore, args.include, args.exclude
            )
        except config.ConfigError as exc:
            err.write(f"summaryaudit: {exc}\n")
            return EXIT_ERROR
        args.select, args.ignore = settings["select"], settings["ignore"]
        args.include, args.exclude = settings["include"], settings["exclude"]
        if args.jobs < 1:
            err.write("summaryaudit: --jobs takes a whole number of at least 1\n")
            return EXIT_ERROR
        unknown = validate_prefixes(args.select + args.ignore)
        if unknown:
            err.write(f"summaryaudit: unknown code or prefix: {', '.join(unknown)}\n")
            return EXIT_ERROR
    binary_stdin = stdin or (sys.stdin.buffer if sys.stdin is not None else _ClosedStdin())
    errors: list[str] = []
    failed = False

    def items() -> Iterator:
        nonlocal failed
        for summary, findings in _audited(args, binary_stdin, errors, err):
            if any(f.severity.value != "info" for f in findings):
                failed = True
            yield summary, findings

    held = _SpooledLines()
    try:
        with held:
            if args.command == "explain":
                pieces = report.render_text(items(), explain_only=True)
            elif args.format == "json":
                pieces = report.render_json(items(), held=held)
            else:
                pieces = report.RENDERERS[args.format](items())
            for piece in pieces:
                out.write(piece)
            out.flush()
    except InputError as exc:
        errors.append(str(exc))
    except RecursionError:
        errors.append("input nests too deeply to read")
    for message in errors:
        err.write(f"summaryaudit: {message}\n")
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK
