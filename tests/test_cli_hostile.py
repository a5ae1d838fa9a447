"""Hostile inputs via cli.main and `python -m summaryaudit`: no traceback, JSON or clean exit 2."""

from __future__ import annotations

import codecs
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from summaryaudit import cli, parse_text

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
CPU_LIMIT_S = (
    20  # CPU seconds per case (RLIMIT_CPU in the child): load on the machine cannot fail it
)
HANG_GUARD_S = 600.0  # wall-clock kill only for a child blocked without using CPU (a real hang)
PARALLEL = max(2, os.cpu_count() or 2)  # cases side by side

# A small Keras 2 summary, used when ../shared is absent so that these tests never skip.
INLINE_SUMMARY = """\
Model: "sequential"
_________________________________________________________________
Layer (type)                 Output Shape              Param #
=================================================================
dense (Dense)                (None, 64)                50240
_________________________________________________________________
batch_normalization (BatchNo (None, 64)                256
_________________________________________________________________
dropout (Dropout)            (None, 64)                0
_________________________________________________________________
dense_1 (Dense)              (None, 10)                650
=================================================================
Total params: 51,146
Trainable params: 51,018
Non-trainable params: 128
_________________________________________________________________
"""

# Runs cli.main in-process (BytesIO/StringIO) inside a child, so a hang cannot block pytest.
_RUNNER = """\
import io, json, sys, time, traceback
from summaryaudit import cli
argv = json.loads(sys.argv[1])
with open(sys.argv[2], "rb") as handle:
    data = handle.read()
out, err = io.StringIO(), io.StringIO()
start = time.monotonic()
try:
    rc = cli.main(argv, stdin=io.BytesIO(data), stdout=out, stderr=err)
    raised = None
except BaseException:
    rc, raised = None, traceback.format_exc()
sys.stdout.write(json.dumps({"rc": rc, "out": out.getvalue(), "err": err.getvalue(),
                             "raised": raised, "seconds": time.monotonic() - start}))
"""


def _real_summary() -> str:
    """Return one real summary: the first wild-corpus .txt with a single Keras 2 table."""
    wild = SHARED / "corpus" / "wild"
    manifest = wild / "manifest.jsonl"
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if (
                row["file"].endswith(".txt")
                and row["era"] == "keras2"
                and row["n_summaries"] == 1
                and set(row["damage"]) <= {"fenced", "none", "indented", "log_context"}
            ):
                return (wild / row["file"]).read_text(encoding="utf-8")
    return INLINE_SUMMARY


REAL = _real_summary()
REAL_BYTES = REAL.encode("utf-8")
REAL_LINES = REAL.split("\n")
HEADER = "Layer (type)                 Output Shape              Param #   "


@dataclass
class Case:
    """One hostile input: how to run it and what else to assert on the outcome."""

    argv: list[str]
    stdin: bytes = b""
    files: dict[str, bytes] = field(default_factory=dict)  # name -> bytes, created in a temp dir
    module: bool = (
        False  # True: a real `python -m summaryaudit` process; False: cli.main in a child
    )
    expect: Callable[[Outcome], None] | None = None


@dataclass
class Outcome:
    """What one case did."""

    rc: int | None
    out: str
    err: str
    raised: str | None
    seconds: float
    workdir: str


def _path_of_line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def _notebook(pieces: list[str]) -> dict:
    """A notebook whose one code cell's outputs are the given stream pieces."""
    outputs = [
        {"name": "stdout", "output_type": "stream", "text": piece.splitlines(keepends=True)}
        for piece in pieces
    ]
    return {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "outputs": outputs,
                "source": ["model.summary()"],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _expect_summaries(count: int) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert outcome.rc in (0, 1), outcome.err
        assert len(json.loads(outcome.out)["summaries"]) == count

    return check


def _expect_same_rows_as_utf8(outcome: Outcome) -> None:
    assert outcome.rc in (0, 1), outcome.err
    summaries = json.loads(outcome.out)["summaries"]
    baseline = parse_text(REAL)
    assert len(summaries) == len(baseline)
    assert [len(s["layers"]) for s in summaries] == [len(s.layers) for s in baseline]
    assert [s["totals"]["total"] for s in summaries] == [s.totals.total.value for s in baseline]


def _expect_exit2_naming(name: str, line: int | None = None) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert outcome.rc == 2, (outcome.rc, outcome.err)
        assert name in outcome.err, outcome.err
        if line is not None:
            assert f"line {line}" in outcome.err, outcome.err

    return check


def _expect_directory_read(name: str) -> Callable[[Outcome], None]:
    """A directory is either walked (its summaries reported) or refused with exit 2 naming it."""

    def check(outcome: Outcome) -> None:
        if outcome.rc == 2:
            assert name in outcome.err, outcome.err
            return
        summaries = json.loads(outcome.out)["summaries"]
        assert summaries and all(s["source"].startswith(name) for s in summaries), summaries

    return check


def _expect_unreadable_total(line: int) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert outcome.rc == 1, outcome.err
        findings = json.loads(outcome.out)["findings"]
        assert any(f["code"] == "SA001" and f["line"] == line for f in findings), findings

    return check


def _expect_last_header_only(outcome: Outcome) -> None:
    """A header repeated line after line is no table; only the last one is read (no rows)."""
    assert outcome.rc == 1, outcome.err
    report = json.loads(outcome.out)
    assert len(report["summaries"]) == 1 and report["summaries"][0]["layers"] == []
    assert [f["code"] for f in report["findings"]] == ["SA003"]


def _expect_any_finding(codes: set[str]) -> Callable[[Outcome], None]:
    def check(outcome: Outcome) -> None:
        assert outcome.rc == 1, (outcome.rc, outcome.err)
        found = {f["code"] for f in json.loads(outcome.out)["findings"]}
        assert found & codes, found

    return check


def _cases() -> dict[str, Case]:
    rng = random.Random(20240601)
    json_argv = ["check", "--format", "json"]
    middle = len(REAL_LINES) // 2
    bad_line = middle + 1  # 1-based line that receives the invalid byte
    broken = "\n".join(REAL_LINES[:middle]).encode() + b"\n" + REAL_LINES[middle].encode()
    broken += b"\xff\xfe" + ("\n" + "\n".join(REAL_LINES[middle + 1 :])).encode()
    total_line = _path_of_line(REAL, "Total params")
    huge_total = "\n".join(
        ("Total params: " + "9" * 5000) if "Total params" in line else line for line in REAL_LINES
    )
    table_end = max(i for i, line in enumerate(REAL_LINES) if "(None" in line)
    header_at = _path_of_line(REAL, "Layer (type)") - 1
    pad = REAL_LINES[header_at][: len(REAL_LINES[header_at]) - len(REAL_LINES[header_at].lstrip())]
    blank_in_table = [*REAL_LINES[: table_end + 1], ""]
    rest = REAL_LINES[table_end + 1 :]
    above_header = REAL_LINES[: header_at - 1]  # the top rule (or Model line) stays with the header
    model_spaces = [*above_header, pad + "Model: x" + " " * (2 * 1024 * 1024) + "y"]
    model_spaces += REAL_LINES[header_at - 1 :]
    half = len(REAL) // 2
    cut_mid_line = REAL.index("\n", half) - 5
    notebook_split = json.dumps(_notebook([REAL[:cut_mid_line], REAL[cut_mid_line:]]), indent=1)
    shuffled = REAL_LINES[:]
    rng.shuffle(shuffled)
    cut_at = rng.randrange(len(REAL_LINES) // 3, len(REAL_LINES))
    two_mb = 2 * 1024 * 1024
    cases = {
        "random-bytes": Case(json_argv, bytes(rng.randrange(256) for _ in range(20000))),
        "random-bytes-module": Case(
            [*json_argv, "blob.bin"],
            files={"blob.bin": bytes(rng.randrange(256) for _ in range(20000))},
            module=True,
        ),
        "nul-bytes": Case(json_argv, b"\x00" * 4096),
        "invalid-utf8-mid-summary": Case(
            [*json_argv, "broken.txt"],
            files={"broken.txt": broken},
            expect=_expect_exit2_naming("broken.txt", bad_line),
        ),
        "invalid-utf8-mid-summary-module": Case(
            [*json_argv, "broken.txt"],
            files={"broken.txt": broken},
            module=True,
            expect=_expect_exit2_naming("broken.txt", bad_line),
        ),
        "invalid-utf8-stdin": Case(
            json_argv, broken, expect=_expect_exit2_naming("<stdin>", bad_line)
        ),
        "utf8-cut-mid-character-at-end": Case(
            json_argv, REAL_BYTES + "é".encode()[:1], expect=_expect_exit2_naming("<stdin>")
        ),
        "utf8-cut-mid-character-at-end-module": Case(
            [*json_argv, "cut.txt"],
            files={"cut.txt": REAL_BYTES + "é".encode()[:1]},
            module=True,
            expect=_expect_exit2_naming("cut.txt"),
        ),
        "utf16-bom": Case(json_argv, REAL.encode("utf-16"), expect=_expect_same_rows_as_utf8),
        "utf16-le-no-bom": Case(
            json_argv, REAL.encode("utf-16-le"), expect=_expect_same_rows_as_utf8
        ),
        "utf16-be-no-bom": Case(
            json_argv, REAL.encode("utf-16-be"), expect=_expect_same_rows_as_utf8
        ),
        "utf16-bom-module": Case(
            [*json_argv, "u16.txt"],
            files={"u16.txt": REAL.encode("utf-16")},
            module=True,
            expect=_expect_same_rows_as_utf8,
        ),
        "utf8-bom-crlf": Case(
            json_argv,
            codecs.BOM_UTF8 + REAL.replace("\n", "\r\n").encode(),
            expect=_expect_same_rows_as_utf8,
        ),
        "latin1": Case(json_argv, ("Résumé du modèle — été\n" + REAL).encode("latin-1", "replace")),
        "2mb-line": Case(json_argv, b"x" * two_mb),
        "2mb-line-in-summary": Case(
            json_argv,
            "\n".join(
                [*REAL_LINES[:table_end], pad + "d" * two_mb, *REAL_LINES[table_end:]]
            ).encode(),
        ),
        "2mb-row-collapsed": Case(
            json_argv,
            b"Layer (type) Output Shape Param #\nd (Dense) (None, 1) 2\n" + b"a" * two_mb + b"\n",
        ),
        "2mb-line-after-blank-in-table": Case(
            json_argv, "\n".join([*blank_in_table, pad + "(" * two_mb, *rest]).encode()
        ),
        "2mb-model-line-spaces": Case(json_argv, "\n".join(model_spaces).encode()),
        "2mb-ansi-osc": Case(json_argv, b"\x1b]" * (two_mb // 2) + b"\n" + REAL_BYTES),
        "2mb-prose-like-row": Case(
            json_argv,
            "\n".join(
                [
                    *REAL_LINES[:table_end],
                    pad + "Ab Cd Ef Gh " + "x" * two_mb,
                    *REAL_LINES[table_end:],
                ]
            ).encode(),
        ),
        "2mb-line-module": Case(
            [*json_argv, "long.txt"],
            files={"long.txt": b"(" * two_mb + b"\n" + REAL_BYTES},
            module=True,
        ),
        "50k-open-parens": Case(json_argv, b"(" * 50000),
        "50k-open-brackets": Case(json_argv, b"[" * 50000 + b"\n" + REAL_BYTES),
        "50k-brackets-as-json": Case(json_argv, b"[" * 50000),
        "50k-braces-in-row": Case(
            json_argv,
            "\n".join(
                [*REAL_LINES[:table_end], pad + "d (Dense) " + "([" * 25000 + " 1", *rest]
            ).encode(),
        ),
        "50k-parens-after-blank-in-table": Case(
            json_argv, "\n".join([*blank_in_table, pad + "(" * 50000, *rest]).encode()
        ),
        "20k-header-lines": Case(
            json_argv, (HEADER + "\n").encode() * 20000, expect=_expect_last_header_only
        ),
        # ten times more: linear and cheap (each repeated header used to become a summary)
        "100k-header-lines": Case(
            json_argv, (HEADER + "\n").encode() * 100_000, expect=_expect_last_header_only
        ),
        "5000-digit-total": Case(
            json_argv, huge_total.encode(), expect=_expect_unreadable_total(total_line)
        ),
        "5000-digit-param": Case(
            json_argv,
            "\n".join(
                line.rstrip() + "9" * 5000 if i == table_end else line
                for i, line in enumerate(REAL_LINES)
            ).encode(),
        ),
        "ipynb-truncated": Case(
            [*json_argv, "broken.ipynb"],
            files={"broken.ipynb": notebook_split.encode()[: len(notebook_split) // 2]},
        ),
        "ipynb-truncated-module": Case(
            [*json_argv, "broken.ipynb"],
            files={"broken.ipynb": notebook_split.encode()[: len(notebook_split) // 2]},
            module=True,
        ),
        "ipynb-summary-split-in-two-streams": Case(
            [*json_argv, "split.ipynb"],
            files={"split.ipynb": notebook_split.encode()},
            expect=_expect_same_rows_as_utf8,
        ),
        "real-summary-cut": Case(json_argv, "\n".join(REAL_LINES[:cut_at]).encode()),
        "real-summary-cut-after-header": Case(
            json_argv,
            "\n".join(REAL_LINES[: _path_of_line(REAL, "Layer (type)")]).encode(),
            expect=_expect_any_finding({"SA002", "SA003"}),
        ),
        "real-summary-shuffled": Case(json_argv, "\n".join(shuffled).encode()),
        "directory-empty": Case([*json_argv, "adir"], files={"adir/": b""}),
        "directory-with-summary": Case(
            [*json_argv, "adir"],
            files={"adir/": b"", "adir/model.txt": REAL_BYTES},
            expect=_expect_directory_read("adir"),
        ),
        "directory-with-summary-module": Case(
            [*json_argv, "adir"],
            files={"adir/": b"", "adir/model.txt": REAL_BYTES},
            module=True,
            expect=_expect_directory_read("adir"),
        ),
        "missing-file": Case(
            [*json_argv, "no-such.txt"], expect=_expect_exit2_naming("no-such.txt")
        ),
        "missing-file-module": Case(
            [*json_argv, "no-such.txt"], module=True, expect=_expect_exit2_naming("no-such.txt")
        ),
        "missing-after-good-file": Case(
            [*json_argv, "good.txt", "no-such.txt"],
            files={"good.txt": REAL_BYTES},
            expect=_expect_exit2_naming("no-such.txt"),
        ),
        "text-format-random-bytes": Case(["check"], bytes(rng.randrange(256) for _ in range(5000))),
        "text-format-huge-total": Case(["check"], huge_total.encode()),
    }
    return cases


CASES = _cases()


def _limit_cpu(seconds: int = CPU_LIMIT_S) -> None:
    """In the child before exec: SIGXCPU after `seconds` of CPU time, SIGKILL 1 s later."""
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def _start(case: Case, workdir: Path) -> subprocess.Popen:
    for name, data in case.files.items():
        target = workdir / name
        if name.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.write_bytes(data)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    stdin_path = workdir / "stdin.bin"
    stdin_path.write_bytes(case.stdin)
    if case.module:
        command = [sys.executable, "-m", "summaryaudit", *case.argv]
        stdin = open(stdin_path, "rb")  # noqa: SIM115 - closed in _finish
    else:
        command = [sys.executable, "-c", _RUNNER, json.dumps(case.argv), str(stdin_path)]
        stdin = subprocess.DEVNULL  # type: ignore[assignment]
    out = open(workdir / "stdout.bin", "wb")  # noqa: SIM115 - closed in _finish
    err = open(workdir / "stderr.bin", "wb")  # noqa: SIM115 - closed in _finish
    proc = subprocess.Popen(
        command,
        stdin=stdin,
        stdout=out,
        stderr=err,
        cwd=workdir,
        env=env,
        preexec_fn=_limit_cpu,
    )
    proc._handles = [h for h in (stdin, out, err) if hasattr(h, "close")]  # type: ignore[attr-defined]
    return proc


def _finish(case: Case, proc: subprocess.Popen, workdir: Path, started: float) -> Outcome:
    for handle in proc._handles:  # type: ignore[attr-defined]
        handle.close()
    seconds = time.monotonic() - started
    out = (workdir / "stdout.bin").read_bytes().decode("utf-8", "replace")
    err = (workdir / "stderr.bin").read_bytes().decode("utf-8", "replace")
    if proc.returncode is None:
        return Outcome(
            None,
            out,
            err,
            f"killed after {HANG_GUARD_S:.0f} s without finishing (hang?)",
            seconds,
            str(workdir),
        )
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return Outcome(
            None, out, err, f"used more than {CPU_LIMIT_S} s of CPU", seconds, str(workdir)
        )
    if case.module:
        return Outcome(proc.returncode, out, err, None, seconds, str(workdir))
    if proc.returncode != 0:
        return Outcome(None, out, err, f"runner died with {proc.returncode}: {err}", seconds, "")
    record = json.loads(out)
    return Outcome(
        record["rc"], record["out"], record["err"], record["raised"], seconds, str(workdir)
    )


def _run_all(names: list[str], root: Path) -> Iterator[tuple[str, Outcome]]:
    """Run the cases PARALLEL at a time; each is bounded by CPU time, a blocked one by the guard."""
    pending = list(names)
    running: dict[str, tuple[subprocess.Popen, Path, float]] = {}
    while pending or running:
        while pending and len(running) < PARALLEL:
            name = pending.pop(0)
            workdir = root / name
            workdir.mkdir()
            running[name] = (_start(CASES[name], workdir), workdir, time.monotonic())
        time.sleep(0.02)
        for name, (proc, workdir, started) in list(running.items()):
            if proc.poll() is None and time.monotonic() - started < HANG_GUARD_S:
                continue
            if proc.returncode is None:
                proc.kill()
                proc.wait()
                proc.returncode = None  # type: ignore[assignment]
            del running[name]
            yield name, _finish(CASES[name], proc, workdir, started)


@pytest.fixture(scope="module")
def outcomes() -> Iterator[dict[str, Outcome]]:
    with tempfile.TemporaryDirectory(prefix="sa-hostile-") as root:
        yield dict(_run_all(sorted(CASES), Path(root)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(name: str, outcomes: dict[str, Outcome]) -> None:
    case, outcome = CASES[name], outcomes[name]
    assert outcome.raised is None, f"{name}: {outcome.raised}"
    assert "Traceback" not in outcome.err, outcome.err
    assert outcome.rc in (0, 1, 2), outcome.rc
    if outcome.rc == 2:
        message = outcome.err.strip()
        assert message and "\n" not in message, f"{name}: stderr is not one line: {outcome.err!r}"
        assert message.startswith("summaryaudit: ")
        file_args = [
            a for a in case.argv[1:] if not a.startswith("-") and a not in ("json", "text")
        ]
        names = file_args or ["<stdin>"]
        assert any(n in message for n in names), f"{name}: message names no file: {message}"
    else:
        assert outcome.err == "", f"{name}: unexpected stderr {outcome.err!r}"
        if "--format" in case.argv:
            report = json.loads(outcome.out)
            assert isinstance(report["summaries"], list)
            assert isinstance(report["findings"], list)
    if case.expect is not None:
        case.expect(outcome)


# --------------------------------------------------------------------------- in this process


def _main(argv: list[str], data: bytes) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = cli.main(argv, stdin=io.BytesIO(data), stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def test_in_process_invalid_utf8_names_stdin_and_line() -> None:
    data = b"Model: x\n" + HEADER.encode() + b"\nd\xc3(Dense) (None, 1) 2\n"
    rc, _, err = _main(["check", "--format", "json"], data)
    assert rc == 2
    assert err.count("\n") == 1 and "<stdin>" in err and "line 3" in err


def test_in_process_utf16_round_trip() -> None:
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        rc, out, err = _main(["check", "--format", "json"], REAL.encode(codec))
        assert rc in (0, 1), (codec, err)
        assert len(json.loads(out)["summaries"]) == len(parse_text(REAL)), codec


def test_in_process_empty_input_is_no_summary() -> None:
    rc, out, _ = _main(["check", "--format", "json"], b"")
    assert rc == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["SA002"]


def test_in_process_usage_error_is_exit_2() -> None:
    rc, _, _ = _main(["check", "--format", "yaml"], b"")
    assert rc == 2
    rc, _, err = _main(["check", "--select", "NOPE"], b"")
    assert rc == 2 and err.count("\n") == 1


def test_cpu_limit_stops_a_busy_child() -> None:
    """The bound the hostile cases rely on: a child spinning past its CPU budget is stopped."""
    proc = subprocess.run(
        [sys.executable, "-c", "while True: pass"],
        preexec_fn=lambda: _limit_cpu(1),
        capture_output=True,
        timeout=HANG_GUARD_S,
    )
    assert proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL)
