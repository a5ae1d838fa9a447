"""Trial 3's Markdown damage (placeholder cells, rows in emphasis, glued comments), as code."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from summaryaudit import api, cli, damage

from .conftest import FIXTURES

REAL = FIXTURES / "real"
# Keras 2 functional prints: empty Connected to cells and continuation lines with empty cells.
FUNCTIONAL = [REAL / v / "merge_ops.truth.json" for v in ("keras2.0.8", "keras2.2.4", "keras2.3.1")]
# Sequential prints of every fixed-width generation, whose rows end with their count.
SEQUENTIAL = [
    REAL / v / "cnn_bn.truth.json"
    for v in ("keras2.0.8", "keras2.2.4", "keras2.3.1", "tf1.14", "tf2.0", "tf2.9", "tf2.12")
]
TITLES = ("Layer (type)", "Output Shape", "Param #", "Connected to")
PLACEHOLDERS = ("_", "-", "—")
EMPHASIS = ("**", "*", "__", "_")


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name.split('.')[0]}"


def _load(truth_path: Path) -> tuple[dict, str]:
    text = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
    return json.loads(truth_path.read_text(encoding="utf-8")), text.read_text(encoding="utf-8")


def _codes(text: str) -> list[str]:
    return [finding.code for finding in api.check_text(text).findings]


def _assert_reads_as_truth(text: str, truth: dict) -> None:
    [summary] = api.parse_text(text)
    assert summary.unreadable == ()
    assert summary.totals.to_dict() == truth["totals"]
    rows = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    assert rows == [(want["name"], want["type"], want["params"]) for want in truth["layers"]]


# --------------------------------------------------------------------------- damage, as code

_ROW = re.compile(r"^\s*[\w.]+ \(\w+\)")


def pipe_reformat(text: str, placeholder: str, outer: bool) -> str:
    """An author who re-typed a fixed-width print as a pipe-separated table (032): cells cut at
    the header's columns and joined by ` | `, every empty cell written as a placeholder, the
    rules under the header turned into dashes, the others dropped."""
    lines = text.split("\n")
    head = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    starts = [lines[head].index(title) for title in TITLES if title in lines[head]]
    widths = [b - a for a, b in zip(starts, starts[1:])] + [30]
    end = max(i for i, line in enumerate(lines) if line.startswith("====="))

    def joined(cells: list[str]) -> str:
        padded = [cell.ljust(width - 2) for cell, width in zip(cells, widths)]
        row = " | ".join(padded).rstrip()
        return f"| {row} |" if outer else row

    out = [joined(list(TITLES[: len(starts)])), joined(["-" * (w - 2) for w in widths])]
    for line in lines[head + 2 : end]:
        if line.startswith("_____"):
            continue
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None])]
        out.append(joined([cell or placeholder for cell in cells]))
    totals = [line for line in lines[end + 1 :] if "params:" in line]
    return "\n".join(["```", *out, "", *totals, "```"])


def rows_in_emphasis(text: str, mark: str) -> str:
    """A Markdown page that set every row of the table in bold or italics (008), the marks
    around the row's text and its trailing padding left outside them."""
    out = []
    for line in text.split("\n"):
        if _ROW.match(line) and "Layer (type)" not in line:
            core = line.strip()
            lead = line[: len(line) - len(line.lstrip())]
            line = f"{lead}{mark}{core}{mark}{line[len(line.rstrip()) :]}"
        out.append(line)
    return "\n".join(out)


def glued_comments(text: str, collapsed: bool) -> str:
    """A blog that glued a `#` comment straight onto each row's count (022), with or without
    the spacing collapsed as well."""
    out = []
    for line in text.split("\n"):
        if _ROW.match(line) and "Layer (type)" not in line:
            line = line.rstrip() + "#创建: layers.Conv2D(32, (3, 3)), #卷积层1"
            if collapsed:
                line = re.sub(r"\s+(?=\()|(?<=\))\s+", "", line.strip())
        out.append(line)
    return "\n".join(out)


# --------------------------------------------------------------------------- the reads


@pytest.mark.parametrize("outer", [False, True], ids=["bare", "outer_pipes"])
@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
@pytest.mark.parametrize("truth_path", FUNCTIONAL, ids=[_name(p) for p in FUNCTIONAL])
def test_placeholder_cells_read_as_empty(truth_path: Path, placeholder: str, outer: bool) -> None:
    truth, text = _load(truth_path)
    damaged = pipe_reformat(text, placeholder, outer)
    assert f"| {placeholder} " in damaged or f" {placeholder}\n" in damaged
    _assert_reads_as_truth(damaged, truth)
    assert _codes(damaged) == []  # no row lost, no false `connected to '_'`


@pytest.mark.parametrize("mark", EMPHASIS)
@pytest.mark.parametrize("truth_path", SEQUENTIAL + FUNCTIONAL, ids=_name)
def test_rows_in_emphasis_read_as_the_model(truth_path: Path, mark: str) -> None:
    truth, text = _load(truth_path)
    damaged = rows_in_emphasis(text, mark)
    assert damaged != text
    _assert_reads_as_truth(damaged, truth)


@pytest.mark.parametrize("collapsed", [False, True], ids=["spaced", "collapsed"])
@pytest.mark.parametrize("truth_path", SEQUENTIAL, ids=_name)
def test_comments_glued_to_counts_read_as_the_model(truth_path: Path, collapsed: bool) -> None:
    truth, text = _load(truth_path)
    damaged = glued_comments(text, collapsed)
    assert "0#创建" in damaged
    _assert_reads_as_truth(damaged, truth)


# --------------------------------------------------------------------------- what stays


@pytest.mark.parametrize(
    "line",
    [
        "_________________________________________________________________",
        "__init__ (Layer)",
        "**Note:** the dense layer (see above) has 5130**",
        "Layer (type)                 Output Shape              Param #   ",
        "x = 3  # a comment (not a row)",
        "| ---------- | ----------- |",
    ],
)
def test_lines_that_only_look_alike_are_left_alone(line: str) -> None:
    assert damage.repair_line(line) == line


def test_each_repair_reads_hostile_lines_in_one_pass() -> None:
    starred = "*a(" * 20_000 + "*"  # emphasis marks inside: not one row in emphasis
    assert damage.repair_line(starred) == starred
    counted = "(1)1" * 20_000 + "#x"  # a comment glued to the last count only
    assert damage.repair_line(counted) == counted[:-2]
    placeholders = "| _ " * 20_000
    repaired = damage.repair_line(placeholders)
    assert "_" not in repaired and len(repaired) == len(placeholders)


PASTES: list[Callable[[str], str]] = [
    lambda text: pipe_reformat(text, "_", False),
    lambda text: rows_in_emphasis(text, "**"),
]


@pytest.mark.parametrize("paste", PASTES, ids=["pipes", "bold"])
def test_the_cli_stream_reads_the_same(paste: Callable[[str], str]) -> None:
    truth, text = _load(FUNCTIONAL[1])
    out, err = io.StringIO(), io.StringIO()
    stdin = io.BytesIO(paste(text).encode())
    code = cli.main(["check", "--format", "json", "-"], stdin=stdin, stdout=out, stderr=err)
    assert code == 0, out.getvalue()
    [summary] = json.loads(out.getvalue())["summaries"]
    assert [(layer["name"], layer["params"]) for layer in summary["layers"]] == [
        (want["name"], want["params"]) for want in truth["layers"]
    ]
