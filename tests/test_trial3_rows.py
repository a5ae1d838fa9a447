"""Rows a new-user trial saw lost or misread at a paste's edges, rebuilt as code on real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api
from summaryaudit.records import Report, Summary

from .conftest import FIXTURES, need

REAL = FIXTURES / "real"
# One row of a fixed-width print: `name (Class)`, then a run of spaces and a shape.
_ROW = re.compile(r"^ ?[\w.\-/]+ \(\w+\)? +[\[(]")


def _lines(case: str) -> list[str]:
    return need(REAL / f"{case}.txt").read_text(encoding="utf-8").splitlines()


def _rows_below_header(lines: list[str]) -> list[int]:
    """The indexes of the lines that begin a row (below the `=` rule under the header)."""
    below = next(i for i, line in enumerate(lines) if line.startswith("====="))
    return [i for i in range(below + 1, len(lines)) if _ROW.match(lines[i])]


def _read(report: Report) -> list[tuple[str, object]]:
    return [(layer.name, layer.params) for s in report.summaries for layer in s.layers]


def _unreadable(report: Report) -> list[str]:
    return [f.message for f in report.findings if f.code == "SA001"]


def _the_summary(report: Report) -> Summary:
    (summary,) = report.summaries
    return summary


# ------------------------------------------------------------ a first row one column left

# tf.keras 2.7+ prints: rows indented by one space, blank lines between them, no `_` rules.
INDENTED = ["tf2.9/cnn_bn", "tf2.9/conv_zoo", "tf2.12/cnn_bn", "tf2.12/conv_zoo"]


def _tail_from_row(lines: list[str], keep: int, shifted: int) -> list[str]:
    """A paste of a print's tail from the keep-th row from the bottom on (its title, header and
    the rows above cut), whose shifted-th row (from 0) lost its leading space, as 023's did."""
    starts = [i for i in _rows_below_header(lines) if lines[i].startswith(" ")]
    tail = lines[starts[-keep] :]
    row = starts[-keep + shifted] - starts[-keep]
    assert tail[row].startswith(" ") and tail[row][1] != " "
    tail[row] = tail[row][1:]
    return tail


def _genuine_tail(lines: list[str], keep: int) -> list[tuple[str, object]]:
    genuine = api.check_text("\n".join(lines) + "\n")
    return _read(genuine)[-keep:]


@pytest.mark.parametrize("case", INDENTED)
@pytest.mark.parametrize("totals", [True, False], ids=["with-totals", "rows-only"])
@pytest.mark.parametrize("shifted", [0, 1])
def test_a_row_one_column_left_of_the_others_is_read(case: str, totals: bool, shifted: int) -> None:
    """023: the first row of a tf.keras 2.7+ tail pasted at column 0, the next rows at column
    1, then the `=` rule and totals: the row was dropped silently. It is a row, read."""
    lines = _lines(case)
    tail = _tail_from_row(lines, 3, shifted)
    if not totals:
        tail = tail[: next(i for i, line in enumerate(tail) if line.startswith("====="))]
    text = "\n".join(["And the end of the summary shows these lines:", "", *tail]) + "\n"
    report = api.check_text(text)
    assert _read(report) == _genuine_tail(lines, 3)
    assert not _unreadable(report)
    summary = _the_summary(report)
    assert summary.start_line == 3
    assert not any(f.code == "SA101" or f.severity.value == "error" for f in report.findings), (
        report.findings
    )


# ------------------------------------------------------------ a paste that ends mid-number

# Keras 1 and 2 functional prints: every row but an input's shows its Connected to.
CONNECTED = [
    "keras1.0.8/cnn_tf_bn_default_axis",
    "keras1.2.2/conv_zoo",
    "keras2.2.4/big_dense_two_inputs",
    "keras2.2.4/merge_ops",
]


def _cut_in_count(lines: list[str]) -> tuple[list[str], str, int]:
    """End the paste inside the count of the last row whose count has 3 digits or more and
    whose row and the row above show Connected to, as 018's did (`23598` of 2,359,808)."""
    header = next(line for line in lines if "Connected to" in line)
    count_at, connected_at = header.index("Param #"), header.index("Connected to")
    starts = _rows_below_header(lines)
    for above, here in reversed(list(zip(starts, starts[1:]))):
        count = lines[here][count_at:connected_at].strip()
        shown = lines[here][connected_at:].strip() and lines[above][connected_at:].strip()
        if len(count) >= 3 and count.isdigit() and shown:
            cut = lines[here][: count_at + len(count) // 2 + 1]
            name = lines[here].split(" ", 1)[0]
            return [*lines[:here], cut], name, int(count)
    raise AssertionError("no row with a count and Connected to")


@pytest.mark.parametrize("case", CONNECTED)
def test_a_count_cut_by_the_end_of_the_paste_is_cut_not_edited(case: str) -> None:
    """018: the paste ends in the last row's count, before its Connected to: no SA101 "edited
    count?" error; the count is not verified and coverage says it was cut off."""
    lines, name, whole = _cut_in_count(_lines(case))
    assert not lines[-1].endswith(str(whole))
    report = api.check_text("\n".join(lines))
    assert not [f for f in report.findings if f.severity.value == "error"], report.findings
    summary = _the_summary(report)
    last = summary.layers[-1]
    assert (last.name, last.params, "params" in last.truncated) == (name, None, True)
    assert summary.coverage is not None
    assert f"1 row (count cut off by the end of the paste: {name})" in (
        summary.coverage.not_verified
    )
    assert not _unreadable(report)


@pytest.mark.parametrize("case", CONNECTED)
def test_a_whole_last_row_is_not_called_cut(case: str) -> None:
    """The same paste ended after the whole row (its Connected to shown): its count is read."""
    lines, name, whole = _cut_in_count(_lines(case))
    full = _lines(case)[: len(lines)]
    summary = _the_summary(api.check_text("\n".join(full) + "\n"))
    last = summary.layers[-1]
    assert (last.name, last.params, "params" in last.truncated) == (name, whole, False)
    assert summary.coverage is not None
    assert not any("cut off by the end" in r for r in summary.coverage.not_verified)


# ------------------------------------------------------------ a last row cut inside its shape

# Keras 2 prints with `_` rules between rows.
RULED = ["keras2.2.4/cnn_bn", "keras2.3.1/conv_zoo", "keras1.2.2/cnn_tf_bn_default_axis"]


@pytest.mark.parametrize("case", RULED)
@pytest.mark.parametrize("kept", [2, 4, 9], ids=lambda kept: f"shape-cut-at-{kept}")
def test_a_last_row_cut_in_its_shape_is_never_lost(case: str, kept: int) -> None:
    """029/017: the paste ends in the last row's shape: `(N` was dropped silently while
    `(None, 32,` was reported. Either way the row is read as far as it goes and reported."""
    lines = _lines(case)
    starts = _rows_below_header(lines)
    first, last = starts[1], starts[-1]
    shape_at = lines[last].index("(None")
    cut = lines[last][: shape_at + kept]
    name = cut.split(" ", 1)[0]
    text = "\n".join([*lines[first:last], cut])
    report = api.check_text(text)
    assert any(cut.strip() in message for message in _unreadable(report)), report.findings
    read = _the_summary(report).layers
    assert [layer.name for layer in read][-1] == name
    assert read[-1].params is None and {"output_shape", "params"} <= set(read[-1].truncated)
    coverage = _the_summary(report).coverage
    assert coverage is not None
    assert f"1 row (count cut off by the end of the paste: {name})" in coverage.not_verified
    genuine = _read(api.check_text("\n".join(lines) + "\n"))
    assert _read(report)[:-1] == genuine[1:-1]
