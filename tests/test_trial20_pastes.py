"""Trial 20's paste damage (new-user trials on fresh public pastes), applied to real prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import load_print, print_id, truth_paths

REAL = FIXTURES / "real"
PLAIN = truth_paths(REAL, ("keras1.2.2", "keras2.2.4", "tf1.14"), ("cnn_bn", "conv_zoo"))


def _header_and_rows(text: str) -> tuple[str, list[str]]:
    """A fixed-width print's header line and its row lines, without rules, blanks or totals."""
    lines = [line for line in text.split("\n") if line.strip()]
    at = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    rows = [
        line
        for line in lines[at + 1 :]
        if not set(line.strip()) <= set("_=") and "params" not in line
    ]
    return lines[at], rows


# ------------------- 20a's 007: Keras 1.0's count glued to a shape as wide as its column


def test_a_count_glued_to_a_shape_that_fills_its_column_is_read() -> None:
    """Keras 1.0.8 prints `(None, 100, 13, 13, 132800` for (None, 100, 13, 13, 13) and 2,800
    (keras PR #4469). Before: the row was unreadable (SA001) and Total only bounded."""
    text = (REAL / "keras1.0.8" / "conv3d_shape_fills_column.txt").read_text(encoding="utf-8")
    assert "(None, 100, 13, 13, 132800" in text
    report = api.check_text(text)
    [summary] = report.summaries
    [conv] = [layer for layer in summary.layers if layer.type == "Convolution3D"]
    assert conv.params == 2_800 and conv.output_shape.startswith("(None, 100, 13, 13, 13")
    assert summary.unreadable == () and report.findings == ()
    assert summary.coverage is not None
    [total] = [c for c in summary.coverage.totals if c.name == "Total = sum of the rows"]
    assert total.state is CheckState.CHECKED


@pytest.mark.parametrize("truth_path", PLAIN, ids=print_id)
def test_rows_under_a_header_and_an_elision_are_not_said_to_lack_their_header(
    truth_path: Path,
) -> None:
    """20a's 007 quoted a header, `...` and one row: SA003 said 'neither its header nor its
    totals were pasted'; a header and `...` alone said 'cut right after its header'."""
    _, text = load_print(truth_path)
    header, rows = _header_and_rows(text)
    excerpt = api.check_text("\n".join([header, "...", rows[-1]]))
    [message] = [f.message for f in excerpt.findings if f.code == "SA003"]
    assert "the rows above the first one shown are left out" in message
    assert "header" not in message
    rule = "=" * len(header.rstrip())
    alone = api.check_text("\n".join([header, rule, "...", rule.replace("=", "_")]))
    [finding] = [f for f in alone.findings if f.code == "SA003"]
    assert "left-out rows" in finding.message and "cut right after" not in finding.message


# ------------------------- 20a's 013: a header that alone kept its code block's indent


@pytest.mark.parametrize("truth_path", PLAIN, ids=print_id)
def test_rows_at_the_margin_under_an_indented_header_are_read(truth_path: Path) -> None:
    """An SO mirror kept the 4-space indent of the code block on its first line only. Before:
    every row was dropped, and SA003 said the summary was cut right after its header."""
    truth, text = load_print(truth_path)
    header, rows = _header_and_rows(text)
    pasted = "\n".join(
        ["Here is my summary:", "", "    " + header.strip(), *rows, "", "Why is it 320?"]
    )
    [summary] = api.check_text(pasted).summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]
    assert [layer.params for layer in summary.layers] == [row["params"] for row in truth["layers"]]


# --------------------------------- 20a's 014: a Russian answer under the row it explains


@pytest.mark.parametrize("truth_path", PLAIN, ids=print_id)
def test_a_sentence_in_another_alphabet_under_a_row_is_prose(truth_path: Path) -> None:
    """Before: the Russian sentence, `.` and `Edit:` were joined to the layer name (the class
    then 'inferred'), or read as rows of their own."""
    truth, text = load_print(truth_path)
    header, rows = _header_and_rows(text)
    answer = (
        "Это число представляет количество обучаемых параметров (весов и смещений) "
        "в соответствующем слое"
    )
    [summary] = api.check_text("\n".join([header, rows[0], answer, ".", "Edit:"])).summaries
    first = truth["layers"][0]
    assert [(layer.name, layer.type) for layer in summary.layers] == [
        (first["name"], first["type"])
    ]
    assert summary.end_line == 2
