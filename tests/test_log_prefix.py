"""Summaries printed through logging (`summary(print_fn=logger.info)`), as code on real prints."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from summaryaudit import api, sources
from summaryaudit.log_prefix import logged_prefix, strip_log_prefixes
from summaryaudit.sources import Line

from .conftest import FIXTURES

REAL = FIXTURES / "real"
# One print per generation whose summary(print_fn=...) calls print_fn once per line.
PER_LINE = [
    REAL / "keras1.2.2" / "mlp_bn_functional.truth.json",
    REAL / "keras2.2.4" / "merge_ops.truth.json",
    REAL / "tf2.12" / "cnn_bn.truth.json",
    REAL / "tf_keras" / "big_dense_two_inputs.truth.json",
]
# Logger formats: Python's default, a common basicConfig format, a bracketed time, absl/glog,
# and a cloud job's tab-separated fields (trial 4, 004). `{n}` is a counter that changes.
FORMATS = {
    "default": "INFO:root:",
    "basic_config": "2024-05-01 10:00:{n:02d},{n:03d} - INFO - ",
    "bracketed": "[2024-05-01 10:00:{n:02d}] INFO train: ",
    "absl": "I0501 10:00:{n:02d}.{n:06d} 140234 train.py:42] ",
    "cloud": "INFO\t2020-01-20 12:46:{n:02d} +0000\tmaster-replica-0\t\t",
}


def _load(truth_path: Path) -> tuple[dict, str]:
    text = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
    return json.loads(truth_path.read_text(encoding="utf-8")), text.read_text(encoding="utf-8")


def logged(text: str, prefix: str, every_line: bool = True) -> str:
    """The print as a logger writes it: each line (or only the first line of the one message
    Keras 3 hands print_fn) after the logger's prefix, its counter moving line by line."""
    lines = text.rstrip("\n").split("\n")
    return "\n".join(
        prefix.format(n=i % 60) + line if every_line or i == 0 else line
        for i, line in enumerate(lines)
    )


def _findings(text: str) -> list[tuple[str, int, str]]:
    return [(f.code, f.line, f.layer or "") for f in api.check_text(text).findings]


@pytest.mark.parametrize("style", sorted(FORMATS))
@pytest.mark.parametrize("truth_path", PER_LINE, ids=lambda p: p.parent.name)
def test_a_summary_logged_line_by_line_reads_as_printed(truth_path: Path, style: str) -> None:
    truth, text = _load(truth_path)
    damaged = logged(text, FORMATS[style])
    assert damaged.count("\n") == text.rstrip("\n").count("\n")
    [printed] = api.parse_text(text)
    [summary] = api.parse_text(damaged)
    assert summary.unreadable == ()
    assert summary.model_name == printed.model_name
    assert summary.totals.to_dict() == truth["totals"]
    rows = [(layer.name, layer.type, layer.params, layer.line) for layer in summary.layers]
    assert rows == [(r.name, r.type, r.params, r.line) for r in printed.layers]
    assert _findings(damaged) == _findings(text)  # the same findings on the same lines


@pytest.mark.parametrize("mark", ["...", "…", "⋮"])
@pytest.mark.parametrize("style", sorted(FORMATS))
def test_an_elision_typed_into_a_logged_summary_keeps_the_prefix_stripped(
    style: str, mark: str
) -> None:
    """A README (trial 5, 016) cut rows out of a logged summary with a bare `...` line: the
    lines after it still lose the logger's prefix (their rows and totals are read)."""
    truth, text = _load(PER_LINE[2])
    lines = logged(text, FORMATS[style]).split("\n")
    rows = [i for i, line in enumerate(lines) if "(Conv2D)" in line]
    lines[rows[0]] = mark
    [summary] = api.parse_text("\n".join(lines))
    assert summary.unreadable == ()
    assert summary.totals.to_dict() == truth["totals"]
    elided = next(w["name"] for w in truth["layers"] if w["type"] == "Conv2D")
    names = [layer.name for layer in summary.layers if layer.params is not None]
    assert names == [w["name"] for w in truth["layers"] if w["name"] != elided]


@pytest.mark.parametrize("style", sorted(FORMATS))
def test_keras_3_hands_the_logger_one_message_so_only_its_title_is_prefixed(style: str) -> None:
    truth, text = _load(REAL / "keras3" / "cnn_bn.truth.json")
    damaged = logged(text, FORMATS[style], every_line=False)
    [summary] = api.parse_text(damaged)
    assert summary.model_name == api.parse_text(text)[0].model_name
    assert [layer.params for layer in summary.layers] == [w["params"] for w in truth["layers"]]


def test_a_logged_summary_is_handed_on_line_by_line_as_it_arrives() -> None:
    """From its header on, a line of a logged summary is handed on as soon as it arrives: a
    live pipe (`python train.py | summaryaudit check`) that stays open is never kept waiting.
    Only the rule and title above the header wait for it (they may carry the same prefix)."""
    _, text = _load(PER_LINE[1])
    lines = [Line(i + 1, t) for i, t in enumerate(logged(text, "INFO:root:").split("\n"))]
    header = next(i for i, line in enumerate(lines) if "Layer (type)" in line.text)
    pulled = 0

    def source() -> Iterator[Line]:
        nonlocal pulled
        for line in lines:
            pulled += 1
            yield line

    out = strip_log_prefixes(source())
    for count, line in enumerate(lines, 1):
        got = next(out)
        assert got.number == line.number and not got.text.startswith("INFO:root:")
        assert pulled == max(count, header + 1)


def test_lines_without_a_logger_prefix_pass_through_unchanged() -> None:
    for path in sorted(REAL.glob("*/*.txt")):
        lines = list(sources.text_lines(path.read_text(encoding="utf-8")))
        assert list(strip_log_prefixes(lines)) == lines, path


@pytest.mark.parametrize(
    "text",
    [
        "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
        "| Layer (type) | Output Shape | Param # |",
        "#> Layer (type)                 Output Shape              Param #",
        "    Layer (type)                 Output Shape              Param #",
        'Model: "sequential" ______ Layer (type) Output Shape Param # ==== dense (Dense)',
        '    "┃\\u001b[1m \\u001b[0m\\u001b[1mLayer (type)      \\u001b[0m┃",',
        '    "\\u001b[1mModel: \\"functional\\"\\u001b[0m\\n",',
    ],
    ids=["box", "pipe", "r_console", "indented", "flattened", "notebook_ansi", "notebook_title"],
)
def test_table_borders_paste_marks_and_flattened_prints_are_no_logger_prefix(text: str) -> None:
    assert logged_prefix(text) is None


@pytest.mark.parametrize("style", ["basic_config", "cloud"])
def test_a_logged_training_run_piped_in_reads_as_the_same_file(tmp_path: Path, style: str) -> None:
    """`python train.py | summaryaudit check`: the live reader repairs what the file reader
    repairs, so a logged summary between training lines reads the same from a pipe."""
    truth, text = _load(PER_LINE[2])
    noise = "\n".join(f"Epoch {i}/40 - loss: 0.{i:03d}" for i in range(1, 41))
    log = f"{noise}\n{logged(text, FORMATS[style])}\n{noise}\n"
    path = tmp_path / "train.log"
    path.write_text(log, encoding="utf-8")
    command = [sys.executable, "-m", "summaryaudit", "check", "--format", "json"]
    from_file = subprocess.run(
        [*command, str(path)], capture_output=True, text=True, timeout=300, check=False
    )
    from_pipe = subprocess.run(
        [*command, "--stdin-filename", str(path), "-"],
        input=log.encode("utf-8"),
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert from_file.returncode == from_pipe.returncode == 0, from_pipe.stderr
    assert from_pipe.stdout.decode("utf-8") == from_file.stdout
    [summary] = json.loads(from_file.stdout)["summaries"]
    assert [row["params"] for row in summary["layers"]] == [w["params"] for w in truth["layers"]]
