"""The command line in real pipes and terminals: live findings, --tee, Ctrl-C, colour, width."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from summaryaudit import cli
from summaryaudit.records import Severity
from summaryaudit.terminal import ColorChoice, Style, plural, use_color

ROOT = Path(__file__).resolve().parents[1]
WRONG_AXIS = ROOT / "fixtures/real/keras3/cnn_bn_axis1_channels_last.txt"
CLEAN = ROOT / "fixtures/real/keras3/cnn_bn.txt"
HANG_GUARD_S = 300.0  # only stops a test that hangs; no assertion is about speed
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _start(argv: list[str], **kwargs: object) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    return subprocess.Popen(
        [sys.executable, "-m", "summaryaudit", *argv], cwd=ROOT, env=env, **kwargs
    )


def _read_until(fd: int, needle: bytes) -> bytes:
    """Read from fd until needle shows up (the hang guard fails the test otherwise)."""
    seen = b""
    while needle not in seen:
        ready, _, _ = select.select([fd], [], [], HANG_GUARD_S)
        assert ready, f"nothing more arrived; got so far: {seen!r}"
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # a pty whose other side closed
            chunk = b""
        assert chunk, f"stream ended before {needle!r}; got: {seen!r}"
        seen += chunk
    return seen


# --------------------------------------------------------------------------- live pipes


def test_a_finding_arrives_while_the_pipe_is_still_open() -> None:
    proc = _start(
        ["check", "--output-format", "concise"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin and proc.stdout
    try:
        proc.stdin.write(WRONG_AXIS.read_bytes())
        proc.stdin.flush()  # the writer keeps the pipe open, as a training run does
        early = _read_until(proc.stdout.fileno(), b"\n")
        assert proc.poll() is None  # still running: the input has not ended
        assert early.startswith(b"<stdin>:7: SA102 bn-axis [warning] batch_normalization:")
        proc.stdin.write(CLEAN.read_bytes())
        proc.stdin.close()
        rest = proc.stdout.read()
        assert proc.wait(HANG_GUARD_S) == 1
    finally:
        proc.kill()
        proc.wait()
    assert rest.decode().endswith("2 summaries checked: 0 errors, 1 warning, 0 infos.\n")


def test_tee_passes_every_byte_and_reports_on_stderr() -> None:
    data = WRONG_AXIS.read_bytes() + CLEAN.read_bytes()
    proc = _start(
        ["check", "--tee", "--output-format", "concise"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = proc.communicate(data, timeout=HANG_GUARD_S)
    assert out == data
    assert proc.returncode == 1
    assert err.decode().splitlines()[0].startswith("<stdin>:7: SA102 bn-axis")
    assert err.decode().endswith("2 summaries checked: 0 errors, 1 warning, 0 infos.\n")


def test_tee_in_process_and_from_a_file() -> None:
    out, err = io.StringIO(), io.StringIO()
    data = WRONG_AXIS.read_bytes()
    code = cli.main(["check", "--tee", "-q"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    assert code == 1 and out.getvalue() == data.decode()
    assert err.getvalue().startswith("<stdin>:7: SA102")
    with open(WRONG_AXIS, "rb") as handle:
        proc = _start(["check", "--tee", "-q"], stdin=handle, stdout=subprocess.PIPE)
        piped, _ = proc.communicate(timeout=HANG_GUARD_S)
    assert piped == data


def _default_sigint() -> None:
    """In the child: a shell's background job inherits SIGINT ignored; give Ctrl-C back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    proc = _start(
        ["check", "--tee"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_default_sigint,
    )
    assert proc.stdin and proc.stdout and proc.stderr
    try:
        first = WRONG_AXIS.read_bytes().split(b"\n")[0] + b"\n"
        proc.stdin.write(first)
        proc.stdin.flush()
        assert _read_until(proc.stdout.fileno(), b"\n") == first  # it is reading now
        proc.send_signal(signal.SIGINT)
        assert proc.wait(HANG_GUARD_S) == 130
        err = proc.stderr.read().decode()
    finally:
        proc.kill()
        proc.wait()
    assert "Traceback" not in err
    assert err.strip() == "summaryaudit: interrupted"


# --------------------------------------------------------------------------- terminals


def _pty(columns: int) -> tuple[int, int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    return master, slave


def _run_on_terminal(argv: list[str], columns: int, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout on a real pseudo-terminal of the given width; return status and text."""
    master, slave = _pty(columns)
    proc = _start(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], HANG_GUARD_S)
        assert ready, "the command hung"
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(HANG_GUARD_S), b"".join(chunks).decode().replace("\r\n", "\n")


def test_terminal_output_is_coloured_and_fits_the_width() -> None:
    code, text = _run_on_terminal(["check", "--output-format", "concise", str(WRONG_AXIS)], 60, {})
    assert code == 1
    assert "\x1b[1;33mSA102\x1b[0m" in text  # the code, bold, in the warning colour
    plain = ANSI.sub("", text)
    assert all(len(line) <= 60 for line in plain.splitlines()), plain
    assert len(plain.splitlines()) > 3  # the long message was wrapped, not cut
    assert "would give 4 × 32 = 128" in " ".join(plain.split())


@pytest.mark.parametrize(
    ("argv", "env"),
    [([], {"NO_COLOR": "1"}), (["--color", "never"], {})],
)
def test_no_color_and_color_never(argv: list[str], env: dict[str, str]) -> None:
    code, text = _run_on_terminal(["check", "-q", *argv, str(WRONG_AXIS)], 200, env)
    assert code == 1 and "SA102" in text and "\x1b[" not in text


def test_color_always_colours_a_pipe_and_auto_does_not() -> None:
    always = _start(["check", "-q", "--color", "always", str(WRONG_AXIS)], stdout=subprocess.PIPE)
    auto = _start(["check", "-q", str(WRONG_AXIS)], stdout=subprocess.PIPE)
    assert b"\x1b[" in always.communicate(timeout=HANG_GUARD_S)[0]
    assert b"\x1b[" not in auto.communicate(timeout=HANG_GUARD_S)[0]


def test_bare_check_on_a_terminal_says_it_reads_stdin() -> None:
    master, slave = _pty(80)
    proc = _start(["check"], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(slave)
    try:
        assert proc.stderr
        said = _read_until(proc.stderr.fileno(), b"\n").decode()
        assert said.startswith("summaryaudit: reading a summary or training log from stdin")
        os.write(master, b"\x04")  # Ctrl-D: end of input
        assert proc.wait(HANG_GUARD_S) == 1  # nothing pasted: SA002
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def test_no_stdin_notice_when_piped() -> None:
    out, err = io.StringIO(), io.StringIO()
    cli.main(["check"], stdin=io.BytesIO(CLEAN.read_bytes()), stdout=out, stderr=err)
    assert err.getvalue() == ""


# --------------------------------------------------------------------------- helpers


def test_use_color_rules() -> None:
    assert use_color(ColorChoice.AUTO, True, {})
    assert not use_color(ColorChoice.AUTO, False, {})
    assert not use_color(ColorChoice.AUTO, True, {"NO_COLOR": "1"})
    assert use_color(ColorChoice.AUTO, True, {"NO_COLOR": ""})  # empty means unset
    assert not use_color(ColorChoice.AUTO, True, {"TERM": "dumb"})
    assert use_color(ColorChoice.ALWAYS, False, {"NO_COLOR": "1"})
    assert not use_color(ColorChoice.NEVER, True, {})
    assert Style(True).code("SA101", Severity.ERROR) == "\x1b[1;31mSA101\x1b[0m"
    assert Style(False).code("SA101", Severity.ERROR) == "SA101"


def test_plurals() -> None:
    assert [plural(n, "error") for n in (0, 1, 2, 1000)] == [
        "0 errors",
        "1 error",
        "2 errors",
        "1,000 errors",
    ]
    assert plural(1, "summary", "summaries") == "1 summary"
    assert plural(3, "summary", "summaries") == "3 summaries"
