"""Trial 8's paste damage (new-user trial on 31 public pastes), applied as code to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState, Summary

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    totals_on_one_line,
    truth_paths,
)

REAL = FIXTURES / "real"
FIXED = (
    "keras1.2.2",
    "keras2.0.8",
    "keras2.2.4",
    "keras2.3.1",
    "tf1.14",
    "tf2.0",
    "tf2.9",
    "tf2.12",
    "tf_keras",
)
CASES = ("big_dense", "cnn_bn", "mlp_bn_functional", "text_cnn", "rnn_stack", "conv_zoo")
PRINTS = truth_paths(REAL, FIXED, CASES)
BOXED = [
    REAL / v / f"{n}.truth.json"
    for v in ("keras3", "keras3.0.5")
    for n in CASES
    if (REAL / v / f"{n}.truth.json").is_file()
]


def _derivations(summary: Summary) -> list[str]:
    return [row.derivation or "" for row in summary.audited_rows()]


# --------------------------------------------------------------------------- 017: `|` totals


@pytest.mark.parametrize("truth_path", PRINTS + BOXED, ids=print_id)
def test_totals_joined_by_bars_are_all_read(truth_path: Path) -> None:
    """A README (017) wrote `Total params: N | Trainable params: N | Non-trainable params: 0` on
    one line: every total is read (was Total only, and a false SA003 'lines missing')."""
    truth, text = load_print(truth_path)
    damaged = totals_on_one_line(text, separator=" | ")
    assert re.search(r"Total params: [\d,]+(?: \([^)]*\))? \| Trainable params: ", damaged)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_an_edited_trainable_count_among_bar_joined_totals_is_caught(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = totals_on_one_line(text, separator=" | ")
    wrong = truth["totals"]["trainable"] - 10
    edited = re.sub(r"\| Trainable params: [\d,]+", f"| Trainable params: {wrong:,}", damaged)
    assert edited != damaged
    assert "SA202" in [code for code, _ in findings_by_layer(edited)]


# --------------------------------------------------------------------------- 019: shapes


def _longest_shape_end(text: str) -> tuple[int, int, int]:
    """The header's line, and the column where the longest whole `(…)` shape ends (0: none
    ends past the `Output Shape` label)."""
    lines = text.split("\n")
    h = next(i for i, line in enumerate(lines) if "Output Shape" in line and "Param #" in line)
    start, param = lines[h].index("Output Shape"), lines[h].index("Param #")
    ends = [
        start + len(line[start:param].rstrip())
        for line in lines[h + 1 :]
        if line[start : start + 1] == "(" and line[start:param].rstrip().endswith(")")
    ]
    end = max(ends, default=0)
    return h, (end if end > start + len("Output Shape") else 0), param


def header_column_moved_left(text: str) -> str:
    """A table retyped by hand (019) whose header's `Param #` starts right where the longest
    output shape ends: that shape now runs up to the column's edge, whole."""
    h, end, param = _longest_shape_end(text)
    assert end
    lines = text.split("\n")
    header = lines[h]
    moved = header[:end] + "Param #" + " " * (param - end) + header[param + len("Param #") :]
    return "\n".join([*lines[:h], moved, *lines[h + 1 :]])


# a shape longer than the `Output Shape` label, so that the label can move up to its end
LONG_SHAPES = [p for p in PRINTS if _longest_shape_end(load_print(p)[1])[1]]


def test_prints_with_long_shapes_are_found() -> None:
    assert len(LONG_SHAPES) >= 20


@pytest.mark.parametrize("truth_path", LONG_SHAPES, ids=print_id)
def test_a_shape_that_runs_up_to_a_moved_header_column_is_whole(truth_path: Path) -> None:
    """019: `(32, 224, 224)` ending where its header put `Param #` was called cut, and 16 rows
    of a U-Net went unverified; a balanced shape is whole wherever its header's column ends."""
    truth, text = load_print(truth_path)
    damaged = header_column_moved_left(text)
    assert damaged != text
    summary, original = one_summary(damaged), one_summary(text)
    assert_reads_as_truth(summary, truth)
    assert [layer.truncated for layer in summary.layers] == [
        layer.truncated for layer in original.layers
    ]
    assert _derivations(summary) == _derivations(original)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# --------------------------------------------------------------------------- 028: 8× sizes


def _keras_size(count: int, width: int) -> str:
    """A size as Keras 3 prints it: bytes over 1024 while ≥ 1024, two decimals."""
    size, units = float(count * width), ["B", "KB", "MB", "GB", "TB", "PB"]
    index = 0
    while size >= 1024 and index < len(units) - 1:
        size /= 1024
        index += 1
    return f"{size:.2f} {units[index]}"


def sizes_times(text: str, factor: int) -> str:
    """A float32 Keras 3 print whose sizes are `factor` times what the counts take (8: the
    pre-release keras-core, before 18 Aug 2023, printed bits as bytes; 028)."""

    def resize(match: re.Match[str]) -> str:
        count = int(match.group(2).replace(",", ""))
        return f"{match.group(1)}{match.group(2)} ({_keras_size(count, 4 * factor)})"

    return re.sub(r"^( \w[\w -]* params: )([\d,]+) \([^)]*\)", resize, text, flags=re.M)


FLOAT32_BOXED = [p for p in BOXED if "float16" not in p.name]


@pytest.mark.parametrize("truth_path", FLOAT32_BOXED, ids=print_id)
def test_keras_core_sizes_in_bits_are_no_edit(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = sizes_times(text, 8)
    assert damaged != text
    assert findings_by_layer(damaged) == findings_by_layer(text)
    [summary] = api.check_text(damaged).summaries
    assert any(
        "keras-core (0.1.x, before 18 Aug 2023) printed bits as bytes, and read so they fit "
        "the counts" in n
        for n in summary.notes
    )
    assert summary.coverage is not None
    [sizes] = [c for c in summary.coverage.totals if c.name == "printed sizes"]
    # measured against the counts (8×), the build that printed them not known (44a's 011)
    assert sizes.state is CheckState.BOUNDED and "8×" in sizes.reason
    assert truth["totals"]["total"] > 0


@pytest.mark.parametrize("truth_path", FLOAT32_BOXED, ids=print_id)
def test_sizes_three_times_too_large_are_still_an_edit(truth_path: Path) -> None:
    _, text = load_print(truth_path)
    damaged = sizes_times(text, 3)
    assert "SA204" in [code for code, _ in findings_by_layer(damaged)]
    [summary] = api.check_text(damaged).summaries
    assert not any("keras-core" in n for n in summary.notes)


@pytest.mark.parametrize("truth_path", FLOAT32_BOXED, ids=print_id)
def test_true_sizes_are_checked(truth_path: Path) -> None:
    _, text = load_print(truth_path)
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    [sizes] = [c for c in summary.coverage.totals if c.name == "printed sizes"]
    assert sizes.state is CheckState.CHECKED


def _from_the_bidirectional_row() -> str:
    """A real Keras 3 print pasted from its Bidirectional row on: the input is not shown."""
    text = (REAL / "keras3" / "rnn_stack.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    first_row = next(i for i, line in enumerate(lines) if "(SimpleRNN)" in line)
    bidi = next(i for i, line in enumerate(lines) if "│ bidirectional " in line)
    return "\n".join([*lines[:first_row], *lines[bidi:]])


def test_a_zero_non_trainable_beside_an_unverified_row_says_what_it_implies() -> None:
    """008: 'only bounded (…; nothing is left for bidirectional)' puzzled a learner when
    Non-trainable is 0."""
    [summary] = api.check_text(_from_the_bidirectional_row()).summaries
    assert summary.coverage is not None
    [check] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert check.state is CheckState.BOUNDED
    assert check.reason == (
        "Non-trainable is 0: as printed, bidirectional holds no non-trainable weights (its "
        "count was not re-derived, so this rests on the print alone)"
    )


def test_readings_of_a_bidirectional_without_its_input_name_their_setting() -> None:
    """008/026: `LSTM(64) on 114 inputs, …, LSTM(64) on 115 inputs` read as two contradictory
    answers; the second fits only without biases, and now says so."""
    [summary] = api.check_text(_from_the_bidirectional_row()).summaries
    [derivation] = [
        row.derivation or ""
        for layer, row in zip(summary.layers, summary.audited_rows())
        if layer.name == "bidirectional"
    ]
    assert "fits e.g. LSTM(6) on 10 inputs, " in derivation
    assert "LSTM(6) on 11 inputs (use_bias=False)" in derivation


def test_a_class_read_with_a_consonant_sound_takes_a() -> None:
    """007: `one_hot_encoding is an OneHotEncoding` read badly to a learner."""
    text = (REAL / "keras2.2.4" / "big_dense.txt").read_text(encoding="utf-8")
    custom = re.sub(r"dense_1 \(Dense\)    ", "dense_1 (OneHotEncoding)", text, count=1)
    assert custom != text
    messages = [f.message for f in api.check_text(custom).findings if f.code == "SA901"]
    assert any("dense_1 is a OneHotEncoding, a layer type" in m for m in messages), messages


@pytest.mark.parametrize("truth_path", PRINTS[:12], ids=print_id)
def test_a_table_without_totals_says_what_its_rows_add_up_to(truth_path: Path) -> None:
    """024: a README gave its total in prose; SA003 now says what the rows add up to, so a
    learner can compare."""
    truth, text = load_print(truth_path)
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("Total params"))
    table_only = "\n".join(lines[:first])
    [message] = [f.message for f in api.check_text(table_only).findings if f.code == "SA003"]
    rows = len(truth["layers"])
    assert f"(the {rows} rows add up to {truth['totals']['total']:,}, to compare" in message
