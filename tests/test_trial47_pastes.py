"""Trial 47 (course materials, NLP, explainers, RL and tabular models): the pastes read wrong,
rebuilt on real prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print

REAL = FIXTURES / "real"
_MLP = REAL / "keras2.2.4/mlp_bn_functional.truth.json"


def _in_conflict(
    lines: list[str], start: int, end: int, theirs: list[str], base: bool
) -> list[str]:
    """Lines start..end left as git leaves a merge conflict: this side, a diff3 base (with
    `base`), the other side."""
    ancestor = ["||||||| merged common ancestors", *theirs] if base else []
    return [
        *lines[:start],
        "<<<<<<< HEAD",
        *lines[start:end],
        *ancestor,
        "=======",
        *theirs,
        ">>>>>>> upstream/master",
        *lines[end:],
    ]


def _renamed(lines: list[str]) -> list[str]:
    """The other side of the merge: the same rows from another run (dense_1 is dense_7)."""
    return [line.replace("dense_1 ", "dense_7 ").replace("dense_2 ", "dense_8 ") for line in lines]


# --------------- 47a's 002, 015: a notebook committed in the middle of a git merge


@pytest.mark.parametrize("base", [False, True])
def test_a_merge_conflict_in_a_notebook_reads_its_first_side(base: bool) -> None:
    """A course notebook committed mid-merge: the conflict's `=======` was read as the table's
    end rule, so the rows after it were lost, and its rules were 'unreadable rows'. The first
    side is read; the markers and the other side are listed as notes, none dropped."""
    truth, text = load_print(_MLP)
    printed = text.splitlines(keepends=True)
    cell = {"cell_type": "code", "execution_count": 3, "metadata": {}, "source": [],
            "outputs": [{"name": "stdout", "output_type": "stream", "text": printed}]}  # fmt: skip
    notebook = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4}, indent=1)
    lines = notebook.splitlines()
    rows = [i for i, line in enumerate(lines) if "dense_1 (" in line or "dense_2 (" in line]
    start, end = rows[0], rows[-1] + 1
    damaged = _in_conflict(lines, start, end, _renamed(lines[start:end]), base)
    report = api.check_text("\n".join(damaged) + "\n")
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    asides = [text for _, text in summary.asides]
    assert asides[0] == "<<<<<<< HEAD" and asides[-1] == ">>>>>>> upstream/master"
    assert "=======" in asides
    assert sum("dense_7 (Dense)" in aside for aside in asides) == 1 + base  # none dropped


def test_a_merge_conflict_in_a_plain_print_reads_its_first_side() -> None:
    truth, text = load_print(_MLP)
    lines = text.splitlines()
    rows = [i for i, line in enumerate(lines) if line.startswith(("dense_1 ", "dense_2 "))]
    start, end = rows[0], rows[-1] + 1
    damaged = _in_conflict(lines, start, end, _renamed(lines[start:end]), base=False)
    report = api.check_text("\n".join(damaged) + "\n")
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()


def test_a_conflict_opened_and_never_closed_loses_no_row() -> None:
    """A `<<<<<<<` line with no `=======` after it: every line after it is read as before."""
    truth, text = load_print(_MLP)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("dense_1 "))
    opened = [*lines[:at], "<<<<<<< HEAD", *lines[at:]]
    [summary] = api.parse_text("\n".join(opened) + "\n")
    assert_reads_as_truth(summary, truth)


# --------------- 47a's 013: an exercise sheet marks rows it prints, START and END


def test_start_and_end_marks_around_printed_rows_are_notes_not_elisions() -> None:
    """`----START OF THE MISSING LAYERS----` … `----END OF THE MISSING LAYERS----` bracket
    rows the sheet prints (the layers the student is to add): each mark was read as rows
    left out, so the input of the row after it was 'not shown' and Total only bounded."""
    truth, text = load_print(_MLP)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("batch_normalization_1 "))
    end = next(i for i, line in enumerate(lines) if line.startswith("dense_2 "))
    opening = "--------------------START OF THE MISSING LAYERS------------------"
    closing = "--------------------END OF THE MISSING LAYERS--------------------"
    marked = [*lines[:start], opening, "", *lines[start:end], "", closing, *lines[end:]]
    report = api.check_text("\n".join(marked) + "\n")
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert report.findings == ()
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])
    assert all(check.state.value == "checked" for check in summary.coverage.totals)
    assert [text for _, text in summary.asides] == [opening, closing]


def test_a_dash_run_naming_rows_cut_out_is_still_an_elision() -> None:
    """`-----Flatten, Dense cut-----` says rows were cut out there: an elision, as before."""
    _, text = load_print(_MLP)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("batch_normalization_1 "))
    cut = [*lines[:at], "-----batch_normalization_1, dropout_1 cut-----", *lines[at + 4 :]]
    [summary] = api.check_text("\n".join(cut) + "\n").summaries
    assert summary.coverage is not None
    assert any("elided" in reason for reason in summary.coverage.not_verified)


_ALL = sorted(REAL.glob("*/*.truth.json"))


def _readings(text: str) -> list[tuple[object, ...]]:
    return [
        (
            [(layer.name, layer.params) for layer in summary.layers],
            summary.totals.total and summary.totals.total.value,
            summary.totals.trainable and summary.totals.trainable.value,
        )
        for summary in api.parse_text(text)
    ]


@pytest.mark.parametrize("truth_path", _ALL, ids=[f"{p.parent.name}/{p.stem}" for p in _ALL])
def test_a_whole_print_in_a_merge_conflict_reads_as_the_print(truth_path: Path) -> None:
    """Every real print, as the first side of a conflict whose other side is another version
    of it (its zeros turned to sevens): the first side alone is read, and the other side's
    header, rows and totals start no summary of their own."""
    _, text = load_print(truth_path)
    other = text.replace("0", "7")
    damaged = f"<<<<<<< HEAD\n{text.rstrip()}\n=======\n{other.rstrip()}\n>>>>>>> theirs\n"
    assert _readings(damaged) == _readings(text)


# --------------- a tf-keras differential example: the Param # title wrapped inside itself


def test_a_param_title_wrapped_inside_itself_is_the_header() -> None:
    """tf-keras 2.21 at line_length=50 wraps `Param #` into `Pa` / `ra` / `m` / `#`: the
    pieces were unreadable rows, and with no `Param` column found, the rest of a wrapped
    class (`utLayer)` under `input_1 (Inp`) was read as a row of its own."""
    truth, text = load_print(REAL / "tf_keras/param_title_wrapped_inside_line_length50.truth.json")
    assert "\n                              ra " in text
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert summary.unreadable == () and summary.asides == ()
    assert [f.code for f in report.findings] == ["SA203"]  # dense frozen: the info says so


# --------------- a tf-keras differential example: a padding row tells the data format


@pytest.mark.parametrize("generation", ["tf_keras", "keras3"])
def test_a_padding_that_keeps_the_last_axis_makes_the_model_channels_last(generation: str) -> None:
    """An input (None, 1, 4, 5) looks like a one-channel 'th' image, and both data formats fit
    the convolution's 12, so the model was read channels_first: 1 filter with a 1×11 kernel,
    and the BatchNormalization's 6 as 2 × 3 over axis 1, whose statistics, with the frozen
    convolution, made a false SA203 warning. The padding (None, 1, 4, 2) → (None, 3, 6, 2)
    keeps the last axis: channels_last, 2 filters × (1 × 5 + 1), and 6 = 3 × 2 (scale off)."""
    truth, text = load_print(REAL / generation / "padding_tells_channels_last.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert [(f.code, f.severity.value) for f in report.findings] == [("SA203", "info")]
    derived = {
        layer.name: row.derivation or ""
        for layer, row in zip(summary.layers, summary.audited_rows())
    }
    assert derived["conv2d"].startswith("12 = 2 filters × (K × 5 channels + 1) → K = 1")
    assert derived["batch_normalization"].startswith("6 = 3 × 2 (gamma or beta: trainable;")


# --------------- a Keras 3 differential example: a cropped box, its last row's class wrapped


@pytest.mark.parametrize("lines_above", range(8))
def test_a_cropped_box_whose_last_row_wraps_keeps_its_totals(lines_above: int) -> None:
    """A terminal narrower than the table crops each line after the Output Shape column; the
    last row's class wraps onto `│ (BatchNormalization)  │        `, two bars and blanks, which
    the repair of a frame drawn around a print took for a frame line whenever the eight lines
    read with it held no `┼` (so it hung on the lines above the print): the table ended there
    and its totals became a summary of their own. Every alignment of those eight lines is
    read as the print."""
    truth, text = load_print(REAL / "keras3/cropped_last_row_class_wrapped.truth.json")
    paste = "I printed the model:\n" * lines_above + text
    [summary] = api.parse_text(paste)
    assert summary.cropped  # (the Param # column is cropped away: no count is shown)
    assert [(layer.name, layer.type) for layer in summary.layers] == [
        (want["name"], want["type"]) for want in truth["layers"]
    ]
    assert summary.unreadable == ()
    assert summary.totals.to_dict() == truth["totals"]
