"""Pastes that begin inside a table or hold totals without one, made as code from real prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.records import Summary

from .conftest import FIXTURES

REAL = FIXTURES / "real"
# Fixed-width prints with `_` rules between rows: Keras 1, Keras 2, tf.keras ≤ 2.6.
FIXED = sorted(
    path
    for folder in ("keras1.2.2", "keras2.0.8", "keras2.2.4", "keras2.3.1", "tf1.14")
    for path in (REAL / folder).glob("*.txt")
)
FIT_LOG = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "keras3_fit_sample.log"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _rows(summary: Summary) -> list[tuple[str, object]]:
    return [(layer.name, layer.params) for layer in summary.layers if layer.depth == 0]


def _full(path: Path) -> Summary:
    (summary,) = api.parse_text(path.read_text(encoding="utf-8"))
    return summary


def _rules(lines: list[str], char: str) -> list[int]:
    return [i for i, line in enumerate(lines) if len(line) > 5 and not line.strip(char + " ")]


def crop_above_row(lines: list[str], rows_cut: int) -> list[str]:
    """Cut a print above the `_` rule that follows its rows_cut-th row (title, header, rows)."""
    below_header = _rules(lines, "=")[0]
    rules = [i for i in _rules(lines, "_") if i > below_header]
    return lines[rules[rows_cut - 1] :]


def crop_header(lines: list[str]) -> list[str]:
    """Cut a print's title, top rule and header line, keeping the `=` rule under the header."""
    return lines[_rules(lines, "=")[0] :]


def totals_only(lines: list[str]) -> list[str]:
    """Keep only a print's totals lines (and the rule after them)."""
    first = next(i for i, line in enumerate(lines) if line.startswith("Total params"))
    return lines[first:]


# --------------------------------------------------------------------------- cropped tables


CROPPABLE = [p for p in FIXED if len(_full(p).layers) >= 3]


@pytest.mark.parametrize("path", CROPPABLE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rows_below_a_cropped_top_are_read_as_a_partial_table(path: Path) -> None:
    full = _full(path)
    lines = _lines(path)
    text = "\n".join(["[an issue comment, continued]", *crop_above_row(lines, 2)]) + "\n"
    (summary,) = api.parse_text(text)
    # every row below the cut, with its count, and the totals: not a totals-only summary
    assert _rows(summary) == _rows(full)[-len(_rows(summary)) :]
    assert len(_rows(summary)) >= len(_rows(full)) - 2
    assert summary.totals.to_dict() == full.totals.to_dict()
    assert summary.elided, "the rows cut off above must leave the table partial"
    report = api.check_text(text)
    loud = {f.code for f in report.findings if f.severity.value == "error"}
    assert not loud, [f.message for f in report.findings]
    assert not report.summaries[0].coverage.complete


@pytest.mark.parametrize("path", CROPPABLE, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_table_whose_header_line_was_cut_is_read_whole(path: Path) -> None:
    full = _full(path)
    text = "\n".join(["compute capability: 8.6", *crop_header(_lines(path))]) + "\n"
    (summary,) = api.parse_text(text)
    assert _rows(summary) == _rows(full)
    assert summary.totals.to_dict() == full.totals.to_dict()
    assert not summary.elided  # the `=` rule under the header shows no row was cut
    codes = sorted(f.code for f in api.check_text(text).findings)
    whole = sorted(f.code for f in api.check_text(path.read_text(encoding="utf-8")).findings)
    assert codes == whole


def test_the_mixnets_issue_excerpt_shape_is_read_with_its_rows() -> None:
    """The shape of the trial's mixnets paste: a comment line, then a Connected-to table cut
    two rows above its totals; its first row's inbound layer is not shown, which is no error."""
    path = REAL / "keras2.2.4" / "merge_ops.txt"
    full = _full(path)
    lines = _lines(path)
    kept = crop_above_row(lines, len(full.layers) - 2)
    text = "\n".join(["[turn 0 by aii-guo, continued]", *kept]) + "\n"
    report = api.check_text(text)
    (summary,) = report.summaries
    assert _rows(summary) == _rows(full)[-2:]
    assert summary.start_line == 2
    assert not [f for f in report.findings if f.severity.value != "info"]


def test_a_cropped_table_split_by_the_finders_window_keeps_every_row() -> None:
    """Fifty log lines above a cropped table put its top rows at the end of the first window."""
    path = max(CROPPABLE, key=lambda p: len(_lines(p)))
    full = _full(path)
    log = [line for line in _lines(FIT_LOG) if line.startswith(("Epoch", "\x1b[1m"))][:50]
    assert len(log) == 50
    cropped = crop_above_row(_lines(path), 1)
    (summary,) = api.parse_text("\n".join([*log, *cropped]) + "\n")
    assert _rows(summary) == _rows(full)[1:]
    assert summary.start_line == len(log) + 1


# --------------------------------------------------------------------------- totals alone


@pytest.mark.parametrize(
    "gap", ["", "\n", "\nThe second model:\n\n"], ids=["none", "blank", "text"]
)
def test_totals_without_a_table_before_another_summary_are_kept(gap: str) -> None:
    first, second = (REAL / "keras2.2.4" / name for name in ("big_dense.txt", "merge_ops.txt"))
    totals = "\n".join(totals_only(_lines(first))) + "\n"
    text = totals + gap + second.read_text(encoding="utf-8")
    orphan, table = api.parse_text(text)
    assert orphan.layers == ()
    assert orphan.totals.to_dict() == _full(first).totals.to_dict()
    assert orphan.start_line == 1
    assert _rows(table) == _rows(_full(second))
    assert table.totals.to_dict() == _full(second).totals.to_dict()
    codes = [f.code for f in api.check_text(text).findings if f.line == 1]
    assert codes == ["SA003"]  # said to be totals without a table


def test_totals_retyped_above_a_markdown_table_still_belong_to_it() -> None:
    """Totals above a Markdown table under another heading are that table's (not an orphan)."""
    full = _full(REAL / "keras2.2.4" / "big_dense.txt")
    totals = [
        f"| {line.split(':')[0]} | {line.split(':')[1].strip()} |"
        for line in totals_only(_lines(REAL / "keras2.2.4" / "big_dense.txt"))[:3]
    ]
    rows = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    rows += [
        f"| {layer.name} ({layer.type}) | {layer.output_shape} | {layer.params:,} |"
        for layer in full.layers
    ]
    text = "\n".join(["| | |", "|---|---|", *totals, "", "## Layers", "", *rows]) + "\n"
    summaries = api.parse_text(text)
    assert len(summaries) == 1
    assert summaries[0].totals.to_dict() == full.totals.to_dict()
    assert _rows(summaries[0]) == _rows(full)
