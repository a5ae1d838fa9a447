"""Issue 12 attacks, each in a child bounded by CPU time and address space (never wall-clock)."""

from __future__ import annotations

import base64
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Optional

import pytest

from summaryaudit import api, check_text, cli, parse_text, sources

from .conftest import FIXTURES

REAL = FIXTURES / "real"
KERAS2 = REAL / "keras2.2.4" / "big_dense.txt"
KERAS2_FUNCTIONAL = REAL / "keras2.2.4" / "merge_ops.txt"
KERAS3 = REAL / "keras3" / "attention_layers.txt"
MB = 1 << 20
# A child that imports summaryaudit stays under 60 MB of address space on a small input.
CHILD_MEMORY = 256 * MB


def _real(path: Path) -> str:
    if not path.is_file():
        pytest.skip(f"real fixture absent: {path}")
    return path.read_text(encoding="utf-8")


def _limits(cpu_seconds: int, memory: int, extra: Optional[Callable[[], None]] = None):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if extra is not None:
            extra()

    return apply


def run_cli(
    args: list[str],
    *,
    stdin: object = subprocess.DEVNULL,
    cpu_seconds: int = 60,
    memory: int = CHILD_MEMORY,
    shell_input: Optional[str] = None,
    extra: Optional[Callable[[], None]] = None,
    cwd: Optional[Path] = None,
    env: Optional[dict[str, str]] = None,
    prefix: tuple[str, ...] = (),
    **popen: object,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m summaryaudit ARGS` under RLIMIT_CPU and RLIMIT_AS.

    With shell_input, the command reads the output of that shell pipeline on its stdin (the
    producer runs under the same limits, which `yes` and `head` stay far below).
    """
    command = [*prefix, sys.executable, "-m", "summaryaudit", *args]
    if shell_input is not None:
        quoted = " ".join(_shell_quote(part) for part in command)
        command = ["bash", "-c", f"({shell_input}) | {quoted}"]
    if stdin is not None:
        popen["stdin"] = stdin
    if "stdout" not in popen:
        popen["capture_output"] = True
    return subprocess.run(
        command,
        preexec_fn=_limits(cpu_seconds, memory, extra),
        cwd=cwd,
        env=env,
        check=False,
        **popen,  # type: ignore[arg-type]
    )


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _one_error_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """The child exited 2 with exactly one `summaryaudit: …` line on stderr and no traceback."""
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, (result.returncode, err[-2000:])
    assert "Traceback" not in err, err[-2000:]
    assert err.count("\n") == 1 and err.startswith("summaryaudit: "), err[-2000:]
    return err


def _notebook(cells: list[dict]) -> dict:
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _code_cell(summary: str, image_bytes: int = 0) -> dict:
    """A code cell that printed a summary, and drew a PNG figure of image_bytes random bytes."""
    outputs: list[dict] = [
        {"name": "stdout", "output_type": "stream", "text": summary.splitlines(keepends=True)}
    ]
    if image_bytes:
        png = base64.b64encode(random.Random(image_bytes).randbytes(image_bytes)).decode()
        outputs.append(
            {
                "data": {"image/png": png, "text/plain": ["<Figure size 640x480 with 1 Axes>"]},
                "metadata": {},
                "output_type": "display_data",
            }
        )
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "outputs": outputs,
        "source": ["model.summary()"],
    }


def _json_report(result: subprocess.CompletedProcess[bytes]) -> dict:
    assert result.returncode in (0, 1), result.stderr.decode("utf-8", "replace")[-2000:]
    return json.loads(result.stdout.decode("utf-8"))


# --------------------------------------------------------------------------- 2. notebook memory


def test_notebook_with_a_seven_megabyte_image_reads_in_little_memory(tmp_path: Path) -> None:
    """Before: ~125 bytes per string character (1.2 GB); now the image is scanned, not kept."""
    summary = _real(KERAS2)
    path = tmp_path / "figure.ipynb"
    path.write_text(json.dumps(_notebook([_code_cell(summary, image_bytes=5 * MB)]), indent=1))
    assert path.stat().st_size > 6 * MB
    result = run_cli(["check", "--format", "json", str(path)], memory=CHILD_MEMORY)
    report = _json_report(result)
    assert [len(s["layers"]) for s in report["summaries"]] == [
        len(s.layers) for s in parse_text(summary)
    ]


# --------------------------------------------------------------------------- 3. streams read whole


def test_dev_zero_ends_with_one_error_line() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero on this system")
    err = _one_error_line(run_cli(["check", "/dev/zero"], cpu_seconds=30))
    assert "/dev/zero" in err and "binary" in err


def test_log_starting_with_a_bracket_is_streamed() -> None:
    """`[I] x` then 200 MB of log: the bracket does not make the tool read the stream whole."""
    result = run_cli(
        ["check", "--format", "json", "--allow-no-summary"],
        shell_input="echo '[I] x'; yes \"$(head -c 4000 /dev/zero | tr '\\0' l)\" | head -c 200M",
        cpu_seconds=120,
        memory=CHILD_MEMORY,
    )
    assert _json_report(result) == {"summaries": [], "findings": []}


# --------------------------------------------------------------------------- 4. file names


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "github", "markdown"])
def test_undecodable_file_name_is_shown_replaced(tmp_path: Path, fmt: str) -> None:
    summary = _real(KERAS2).replace("Total params: 16,822,282", "Total params: 16,822,283")
    raw = os.fsencode(tmp_path) + b"/bad\xffname.txt"
    with open(raw, "wb") as handle:
        handle.write(summary.encode("utf-8"))
    result = run_cli(["check", "--format", fmt, os.fsdecode(raw)])
    assert result.returncode == 1, result.stderr
    assert result.stderr == b""
    out = result.stdout.decode("utf-8")  # strict: no raw 0xFF byte
    assert "\\udc" not in out
    if fmt == "sarif":
        uris = {
            location["physicalLocation"]["artifactLocation"]["uri"]
            for run in json.loads(out)["runs"]
            for finding in run["results"]
            for location in finding["locations"]
        }
        assert uris and all(uri.endswith("/bad%FFname.txt") for uri in uris), uris
    else:
        assert "bad\ufffdname.txt" in out
        if fmt == "json":
            assert json.loads(out)["findings"]


def test_undecodable_file_name_with_no_finding_gives_utf8_json(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/clean\xfe.txt"
    with open(raw, "wb") as handle:
        handle.write(_real(KERAS2).encode("utf-8"))
    result = run_cli(["check", "--format", "json", os.fsdecode(raw)])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["summaries"][0]["source"].endswith("clean\ufffd.txt")


# --------------------------------------------------------------------------- 5. FIFOs


def _holds_open(pid: int, target: Path) -> bool:
    """Tell whether process pid has target open (read from /proc, no timing involved)."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(target):
                return True
        except OSError:
            continue
    return False


def test_walk_never_opens_a_fifo(tmp_path: Path) -> None:
    """A FIFO in a walked tree used to be opened and read forever; a walk reads regular files."""
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "answer.md").write_text(_real(KERAS2), encoding="utf-8")
    fifo = tree / "pipe.txt"
    os.mkfifo(fifo)
    # Hold the FIFO open for writing, so a reader's open() returns and shows in /proc.
    keeper = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "summaryaudit", "check", "--format", "json", str(tree)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_limits(60, CHILD_MEMORY),
        )
        while child.poll() is None:
            if _holds_open(child.pid, fifo):
                child.kill()
                child.communicate()
                pytest.fail("the walk opened the FIFO")
            time.sleep(0.02)
        out, err = child.communicate()
    finally:
        os.close(keeper)
    assert child.returncode == 0, err
    assert [Path(s["source"]).name for s in json.loads(out)["summaries"]] == ["answer.md"]


def test_fifo_named_on_the_command_line_is_read_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    child = subprocess.Popen(
        [sys.executable, "-m", "summaryaudit", "check", "--format", "json", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limits(60, CHILD_MEMORY),
    )
    with open(fifo, "wb") as writer:  # blocks until the child opens the FIFO for reading
        writer.write(_real(KERAS2).encode("utf-8"))
    out, err = child.communicate()
    assert child.returncode == 0, err
    assert len(json.loads(out)["summaries"]) == 1


# --------------------------------------------------------------------------- 6. long lines


def test_carriage_return_progress_output_is_linear(tmp_path: Path) -> None:
    """128 MB of `\\r`-separated progress output, then a summary: linear, not quadratic.

    Before, the pending text was re-joined and re-split at every chunk (256 MB took 346 s);
    now 128 MB takes about 5 CPU seconds.
    """
    summary = _real(KERAS2)
    result = run_cli(
        ["check", "--format", "json"],
        shell_input=(
            "yes \"$(head -c 4000 /dev/zero | tr '\\0' '=')\" | tr '\\n' '\\r' | head -c 128M;"
            f" echo; cat {_shell_quote(str(KERAS2))}"
        ),
        cpu_seconds=30,
    )
    report = _json_report(result)
    assert [len(s["layers"]) for s in report["summaries"]] == [
        len(s.layers) for s in parse_text(summary)
    ]


# --------------------------------------------------------------------------- 8. I/O errors


def _close_fd(fd: int) -> Callable[[], None]:
    return lambda: os.close(fd)


def test_full_disk_is_exit_2(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        result = run_cli(["check", str(KERAS2)], stdout=full, stderr=subprocess.PIPE)
    err = _one_error_line(result)
    assert "No space left" in err


def test_help_to_a_full_disk_is_exit_2() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        result = run_cli(["--help"], stdout=full, stderr=subprocess.PIPE)
    _one_error_line(result)


def test_closed_stdout_is_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "summaryaudit", "check", str(KERAS2)],
        stderr=subprocess.PIPE,
        preexec_fn=_limits(30, CHILD_MEMORY, _close_fd(1)),
        check=False,
    )
    assert "closed" in _one_error_line(result)


def test_closed_stdin_is_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "summaryaudit", "check"],
        capture_output=True,
        preexec_fn=_limits(30, CHILD_MEMORY, _close_fd(0)),
        check=False,
    )
    assert "<stdin>" in _one_error_line(result)


def test_deleted_working_directory_is_exit_2(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()

    def enter_and_delete() -> None:
        os.chdir(gone)
        os.rmdir(gone)

    result = run_cli(["check", str(KERAS2)], extra=enter_and_delete)
    assert "working directory" in _one_error_line(result)


# --------------------------------------------------------------------------- 9. unreadable dirs


def _without_root_powers() -> tuple[str, ...]:
    """A command prefix under which root, too, is refused an unreadable folder."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: root reads every folder")
    return (setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--")


def test_unreadable_folder_is_an_error(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "locked").mkdir(parents=True)
    (tree / "answer.md").write_text(_real(KERAS2), encoding="utf-8")
    (tree / "locked" / "hidden.md").write_text(_real(KERAS2), encoding="utf-8")
    os.chmod(tree / "locked", 0)
    try:
        result = run_cli(["check", "--format", "json", str(tree)], prefix=_without_root_powers())
    finally:
        os.chmod(tree / "locked", 0o755)
    err = _one_error_line(result)
    assert "locked" in err and "Permission denied" in err
    assert len(json.loads(result.stdout)["summaries"]) == 1  # the readable file is still read


# --------------------------------------------------------------------------- 10. notebook + text


def test_notebook_followed_by_text_reads_both(tmp_path: Path) -> None:
    summary = _real(KERAS2_FUNCTIONAL)
    notebook = json.dumps(_notebook([_code_cell(summary)]), indent=1)
    alone = check_text(notebook).to_dict()
    assert alone["summaries"] and not alone["findings"]
    trailing = "\nEpoch 1/10\n" + _real(KERAS2)
    both = check_text(notebook + trailing).to_dict()
    assert both["summaries"][: len(alone["summaries"])] == alone["summaries"]
    later = both["summaries"][len(alone["summaries"]) :]
    assert [len(s["layers"]) for s in later] == [len(s.layers) for s in parse_text(_real(KERAS2))]
    assert later[0]["start_line"] == notebook.count("\n") + 3  # numbered in the whole file
    assert both["findings"] == []


def test_notebook_over_64_mib_is_read_as_a_notebook(tmp_path: Path) -> None:
    summary = _real(KERAS2_FUNCTIONAL)
    cells = [_code_cell(summary), _code_cell("", image_bytes=50 * MB)]
    path = tmp_path / "big.ipynb"
    path.write_text(json.dumps(_notebook(cells), indent=1))
    assert path.stat().st_size > 64 * MB
    report = _json_report(run_cli(["check", "--format", "json", str(path)], cpu_seconds=60))
    small = check_text(json.dumps(_notebook(cells[:1]), indent=1)).to_dict()
    assert [s["layers"] for s in report["summaries"]] == [s["layers"] for s in small["summaries"]]
    assert report["findings"] == []


# --------------------------------------------------------------------------- 11. HTML decision


def _nbconvert_page(summary: str) -> str:
    """An nbconvert-style page: 80 KB of CSS, then the output with its bold header in spans."""
    css = "".join(
        f".jp-c{i} {{ margin: {i % 7}px; color: #{i % 4096:03x}; }}\n" for i in range(3000)
    )
    body = summary.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for title in ("Layer (type)", "Output Shape", "Param #", "Connected to"):
        body = body.replace(title, f'<span style="font-weight: bold">{title}</span>')
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<style>\n"
        + css
        + '</style>\n</head>\n<body>\n<div class="jp-OutputArea-output"><pre>'
        + body
        + "</pre></div>\n</body>\n</html>\n"
    )


@pytest.mark.parametrize("fixture", [KERAS3])
def test_cli_and_library_take_the_same_html_decision(fixture: Path) -> None:
    page = _nbconvert_page(_real(fixture))
    assert page.index("<pre>") > 64 * 1024
    library = check_text(page, source="<stdin>").to_dict()
    assert [len(s["layers"]) for s in library["summaries"]] == [
        len(s.layers) for s in parse_text(_real(fixture))
    ]
    result = run_cli(["check", "--format", "json"], stdin=None, input=page.encode("utf-8"))
    assert _json_report(result) == json.loads(json.dumps(library))


# --------------------------------------------------------------------------- 12. separators


def _real_summaries() -> Iterator[Path]:
    yield from sorted(REAL.glob("*/*.txt"))


@pytest.mark.parametrize("separator", ["\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028"])
def test_every_line_separator_ends_a_line(separator: str) -> None:
    paths = list(_real_summaries())
    if not paths:
        pytest.skip(f"no real fixtures under {REAL}")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        expected = check_text(text, source="x").to_dict()
        assert check_text(text.replace("\n", separator), source="x").to_dict() == expected, path


def test_doubled_windows_newline_is_one_line_end() -> None:
    text = _real(KERAS2)
    expected = check_text(text).to_dict()
    assert check_text(text.replace("\n", "\r\r\n")).to_dict() == expected


# --------------------------------------------------------------------------- 13. --jobs


def test_jobs_is_capped_by_files_and_cpus() -> None:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert cli.worker_count(10000, 2) == min(2, cpus or 1)
    assert cli.worker_count(10000, 10000) == cpus
    assert cli.worker_count(1, 50) == 1


# Counts the worker processes started (multiprocessing and concurrent.futures both start them
# through BaseProcess.start) and stops the run at the first one past the cap.
_COUNT_STARTS = """
import sys
from multiprocessing import process
from summaryaudit import cli
started = 0
start = process.BaseProcess.start
def counted(self):
    global started
    started += 1
    if started > int(sys.argv[1]):
        raise SystemExit(f"started {started} worker processes")
    start(self)
process.BaseProcess.start = counted
sys.exit(cli.main(sys.argv[2:]))
"""


def test_ten_thousand_jobs_start_few_processes(tmp_path: Path) -> None:
    """--jobs 10000 on two files starts at most two workers (and no more than the CPUs)."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(_real(KERAS2), encoding="utf-8")
    cap = cli.worker_count(10000, 2)
    argv = ["check", "--format", "json", "--jobs", "10000", *map(str, tmp_path.glob("*.txt"))]
    result = subprocess.run(
        [sys.executable, "-c", _COUNT_STARTS, str(cap), *argv],
        capture_output=True,
        preexec_fn=_limits(60, CHILD_MEMORY),
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert len(json.loads(result.stdout)["summaries"]) == 2


# --------------------------------------------------------------------------- 14. .gitignore


def test_sibling_gitignore_rules_do_not_pile_up(tmp_path: Path) -> None:
    """1,200 folders with a 30-line .gitignore each: each folder checks its own rules only.

    Before, every folder checked the rules of all folders walked before it (~25 CPU s here);
    now the walk takes about 2 CPU s.
    """
    tree = tmp_path / "tree"
    for index in range(1200):
        folder = tree / f"d{index:03d}"
        folder.mkdir(parents=True)
        rules = "".join(f"build{index}_{rule}/\n*.tmp{rule}\n" for rule in range(15))
        (folder / ".gitignore").write_text(rules, encoding="utf-8")
        for name in ("notes.md", "log.txt", "x.tmp3", "y.tmp7", "run.log"):
            (folder / name).write_text("Epoch 1/10\n", encoding="utf-8")
    (tree / "d000" / "answer.md").write_text(_real(KERAS2), encoding="utf-8")
    result = run_cli(["check", "--format", "json", str(tree)], cpu_seconds=10)
    report = _json_report(result)
    assert [Path(s["source"]).name for s in report["summaries"]] == ["answer.md"]


# --------------------------------------------------------------------------- 15. signals


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _blocked_in_fifo_open(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/wchan").read_text().strip() in ("fifo_open", "wait_for_partner")
    except OSError:
        return False


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("signum", "status", "group"),
    [(signal.SIGINT, 130, True), (signal.SIGTERM, 143, False), (signal.SIGTERM, 143, True)],
    ids=["ctrl-c", "sigterm", "sigterm-to-the-group"],
)
def test_signal_ends_the_run_and_its_workers(
    tmp_path: Path, signum: int, status: int, group: bool
) -> None:
    """A worker blocks opening a FIFO with no writer; the signal must end every process, quietly."""
    fifos = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for fifo in fifos:
        os.mkfifo(fifo)
    child = subprocess.Popen(
        [sys.executable, "-m", "summaryaudit", "check", "--jobs", "2", *map(str, fifos)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # (a shell starts a background job with SIGINT ignored, and the run would inherit that:
        # a terminal's Ctrl-C reaches a foreground run, whose SIGINT is the default)
        preexec_fn=_limits(60, CHILD_MEMORY, _default_sigint),
        start_new_session=True,
    )
    workers: list[int] = []
    try:
        while not (len(workers) == 2 and any(map(_blocked_in_fifo_open, workers))):
            assert child.poll() is None, child.communicate()
            workers = _children(child.pid)
            time.sleep(0.02)
        if group:  # Ctrl-C reaches the whole foreground process group
            os.killpg(child.pid, signum)
        else:
            os.kill(child.pid, signum)
        # the run itself; an orphaned worker would hold its pipes open (the timeout only stops a
        # run that ignored the signal from hanging the suite: it blocks and uses no CPU)
        child.wait(timeout=300)
        left = [worker for worker in workers if _alive(worker)]
    finally:
        for pid in [child.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    _, err = child.communicate()
    text = err.decode("utf-8", "replace")
    assert child.returncode == status, text
    assert "Traceback" not in text and text.strip().count("\n") == 0, text
    assert left == []


# --------------------------------------------------------------------------- 19. library arguments


@pytest.mark.parametrize("function", [check_text, parse_text, api.iter_summaries])
@pytest.mark.parametrize("value", [b"Total params: 1", None, 12])
def test_text_must_be_str(function: Callable, value: object) -> None:
    with pytest.raises(TypeError, match=r"text must be a str, not " + type(value).__name__):
        function(value)


def test_bytes_text_error_says_how_to_decode() -> None:
    with pytest.raises(TypeError, match=r"decode"):
        check_text(b"Total params: 1")


@pytest.mark.parametrize("argument", ["select", "ignore"])
def test_a_single_code_string_is_refused(argument: str) -> None:
    with pytest.raises(ValueError, match=rf"{argument} must be a list.*\['SA1'\]"):
        check_text(_real(KERAS2), **{argument: "SA1"})


@pytest.mark.parametrize("argument", ["select", "ignore"])
def test_unknown_codes_are_refused(argument: str) -> None:
    with pytest.raises(ValueError, match=rf"{argument} holds 'XYZ'"):
        check_text(_real(KERAS2), **{argument: ["XYZ"]})


def test_known_prefixes_still_select() -> None:
    text = _real(KERAS2).replace("Total params: 16,822,282", "Total params: 16,822,283")
    codes = {f.code for f in check_text(text, select=["SA2"]).findings}
    assert codes and all(code.startswith("SA2") for code in codes)
    assert "SA201" not in {f.code for f in check_text(text, ignore=("SA201",)).findings}


def test_stream_segments_match_whole_text_segments() -> None:
    """The CLI's chunked reading and the library's string reading give the same lines."""
    text = _real(KERAS3)
    chunks = [text[i : i + 7] for i in range(0, len(text), 7)]
    streamed = [list(segment) for segment in sources.iter_segments(chunks)]
    assert streamed == sources.segments(text)
