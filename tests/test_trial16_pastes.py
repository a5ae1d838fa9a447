"""Trial 16's paste damage (new-user trials on 30 fresh public pastes), on real prints."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.cell_grammar import read_leading_shapes, read_shapes

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    audited_row,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    truth_paths,
)
from .test_damage import highlighter_dump, whitespace_collapsed

REAL = FIXTURES / "real"

# ------------------------- 16a's 009: an InputLayer's `[(None, 224, 224, 1)` cut before its `]`

# tf.keras 2.0 cuts the shape at its column; 2.12 wraps it (`[(None, 224, 224, 1` then `)]`)
STEMS = truth_paths(REAL, ("tf2.0", "tf2.12"), ("inception_stem_input_cut",))


@pytest.mark.parametrize("truth_path", STEMS, ids=print_id)
def test_an_input_shape_cut_only_at_its_bracket_gives_its_channels(truth_path: Path) -> None:
    """The column cut `[(None, 224, 224, 1)]` to `[(None, 224, 224, 1)`: the tuple is whole, so
    the first conv's input has 1 channel and its 576 = 64 × 3 × 3 × 1, no bias. Before, the
    input was taken as unknown and the row "verified" as 64 × (8 + 1), a 1×1 kernel over 8
    channels the table does not show."""
    truth, text = load_print(truth_path)
    assert "[(None, 224, 224, 1) " in text or "[(None, 224, 224, 1  " in text
    assert_reads_as_truth(one_summary(text), truth)
    report = api.check_text(text)
    [summary] = report.summaries
    rows = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    derivation = str(rows["Block1_conv1_conv"].derivation)
    assert "K × 1 channel)" in derivation and "use_bias=False" in derivation
    assert "not shown" not in derivation
    assert report.findings == ()


def test_only_whole_tuples_are_read_from_a_cut_list() -> None:
    assert read_leading_shapes("[(None, 224, 224, 1)") == ((None, 224, 224, 1),)
    assert read_leading_shapes("[(None, 30, 300), (N") == ((None, 30, 300),)
    assert read_leading_shapes("[(None, 224, 224, 1") is None  # the last dim may be cut
    assert read_leading_shapes("[(None, 224, 2") is None


# ------------------ 16a's 015: a Markdown table with names set as code and a Yes/No Trainable


def markdown_report_table(text: str) -> str:
    """A report's Markdown retyping of a Keras 3 `show_trainable=True` box (16a's 015): each
    row one table line, its name set as code (`` `dense` (Dense) ``), Trainable spelled Yes and
    No, the totals as plain lines below."""
    lines = text.rstrip("\n").split("\n")
    out = ["| Layer (Type) | Output Shape | Param # | Trainable |", "|---|---|---|---|"]
    row: list[str] = []
    for line in lines:
        if line.startswith("│"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            row = [f"{a} {b}".strip() for a, b in zip(row, cells)] if row else cells
        elif line.startswith(("├", "└")) and row:
            name, shape, count, trainable = row
            name = re.sub(r"^(\S+)", r"`\1`", name)
            trainable = {"Y": "Yes", "N": "No"}.get(trainable, trainable)
            out.append(f"| {name} | {shape} | {count} | {trainable} |")
            row = []
    out.append("")
    out += [line.strip() for line in lines if "params:" in line]
    return "\n".join(out) + "\n"


SHOW_TRAINABLE = truth_paths(
    REAL, ("keras3",), ("frozen_layers_show_trainable", "frozen_conv_run_show_trainable")
)


@pytest.mark.parametrize("truth_path", SHOW_TRAINABLE, ids=print_id)
def test_names_set_as_code_and_a_spelled_out_trainable_column_are_read(truth_path: Path) -> None:
    """Before: the names kept their backticks, and Yes/No were no Trainable marks, so the
    frozen layers were found by arithmetic alone (or not at all)."""
    truth, text = load_print(truth_path)
    damaged = markdown_report_table(text)
    assert damaged.count("`") >= 2 * len(truth["layers"]) and "| No |" in damaged
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert [layer.trainable for layer in summary.layers] == [
        layer.trainable for layer in one_summary(text).layers
    ]
    assert findings_by_layer(damaged) == findings_by_layer(text)


def test_a_wrapped_input_shape_closes_on_its_own_line_when_spacing_is_collapsed() -> None:
    """tf.keras 2.12 wraps `[(None, 224, 224, 1` and prints `)]` on the next line; with the
    spacing collapsed that line closes the shape. Before, it was glued to the name
    (`input_1 (InputLayer))]`), whose class was then lost."""
    truth, text = load_print(REAL / "tf2.12" / "inception_stem_input_cut.truth.json")
    for damaged in (whitespace_collapsed(text), highlighter_dump(text)):
        summary = one_summary(damaged)
        assert_reads_as_truth(summary, truth)
        assert summary.layers[0].output_shape == "[(None, 224, 224, 1)]"


# ------------------- 16b's 003: two custom layers that share weights (a masked-LM's embeddings)

TIED = truth_paths(REAL, ("keras3", "tf2.12"), ("masked_lm_tied_in_custom_layers",))


@pytest.mark.parametrize("truth_path", TIED, ids=print_id)
def test_weights_two_custom_layers_may_share_are_no_edit(truth_path: Path) -> None:
    """Hugging Face's TFBertForMaskedLM: the encoder and the head both count the word
    embeddings, Total once. Before: an SA201 error that the print was edited. Now an info (a
    genuine print is not flagged) that names both layers and says that which of the two
    readings holds is not verified; the coverage bounds Total = rows."""
    truth, text = load_print(truth_path)
    assert_reads_as_truth(one_summary(text), truth)
    [finding] = [f for f in api.check_text(text).findings if f.code == "SA201"]
    assert finding.severity.value == "info"
    assert "bert and mlm___cls" in finding.message and "16,000" in finding.message
    assert "not verified" in finding.message
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    assert "Total = sum of the rows only bounded" in summary.coverage.sentence()


@pytest.mark.parametrize("truth_path", TIED, ids=print_id)
def test_more_beyond_total_than_a_custom_layer_holds_is_an_edit(truth_path: Path) -> None:
    """A surplus one of the two layers cannot hold is no shared weight: the error stays."""
    _, text = load_print(truth_path)
    edited = text.replace("16,272", "96,272", 1).replace("16272", "96272", 1)
    assert edited != text
    [finding] = [f for f in api.check_text(edited).findings if f.code == "SA201"]
    assert finding.severity.value == "error"


# --------------- 16b's 005: a table cut above its first row, no `=` rule above the totals


def headless_without_closing_rule(text: str, blank: bool) -> str:
    """A README that kept a print from its first row on (title, header and the `=` rule under
    it cut) and dropped the `=` rule above the totals, or left a blank line there (16b's 005,
    a Keras 1 table with Connected to)."""
    lines = text.rstrip("\n").split("\n")
    header = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    first_rule = next(i for i in range(header, len(lines)) if lines[i].startswith("="))
    lines = lines[first_rule + 1 :]
    closing = max(i for i, line in enumerate(lines) if line.startswith("="))
    lines[closing : closing + 1] = [""] if blank else []
    return "Model architecture\n\n" + "\n".join(lines) + "\n"


HEADLESS = truth_paths(
    REAL, ("keras1.2.2", "keras2.2.4", "tf1.14"), ("big_dense", "cnn_bn", "frozen_layers")
)


@pytest.mark.parametrize("blank", [False, True], ids=["no_rule", "blank_line"])
@pytest.mark.parametrize("truth_path", HEADLESS, ids=print_id)
def test_rows_cut_from_their_header_and_closing_rule_are_read(
    truth_path: Path, blank: bool
) -> None:
    """Before: a Keras 1 table with Connected to lost every row (totals alone, SA003); a Keras
    2 one kept only its last row. Now every row is read, and the top is marked cut."""
    truth, text = load_print(truth_path)
    damaged = headless_without_closing_rule(text, blank)
    assert "Layer (type)" not in damaged and "=====" not in damaged
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert summary.elided  # the rows above the first one shown may have been cut
    codes = {f.code for f in api.check_text(damaged).findings}
    assert "SA003" not in codes and "SA001" not in codes


# ------------------ 16b's 007: TensorFlow's stderr written into a table in a CI log

RECORDS = (
    "2020-05-25 12:15:49.662636: I tensorflow/core/platform/cpu_feature_guard.cc:142] Your CPU "
    "supports instructions that this TensorFlow binary was not compiled to use: AVX2 FMA",
    "2020-05-25 12:15:49.677578: I tensorflow/core/platform/profile_utils/cpu_utils.cc:94] CPU "
    "Frequency: 2294685000 Hz",
)


def stderr_in_a_row(text: str) -> str:
    """stdout and stderr in one log (16b's 007): TensorFlow's records arrive while the first
    row with a second Connected to line is printed, after its text and before its line break,
    which then stands alone as an empty line above the row's second line."""
    lines = text.rstrip("\n").split("\n")
    at = next(
        i
        for i, line in enumerate(lines[:-1])
        if "[0][0]" in line and lines[i + 1].startswith(" " * 30) and "[0][0]" in lines[i + 1]
    )
    lines[at : at + 1] = [lines[at] + RECORDS[0], RECORDS[1], ""]
    return "\n".join(lines) + "\n"


def stderr_between_rows(text: str) -> str:
    """The records arriving between two rows (before the `_` rule under a row)."""
    lines = text.rstrip("\n").split("\n")
    at = [i for i, line in enumerate(lines) if line.startswith("___")][3]
    lines[at:at] = list(RECORDS)
    return "\n".join(lines) + "\n"


INTERLEAVED = truth_paths(
    REAL, ("keras2.2.4", "tf1.14", "tf2.0"), ("merge_ops", "shared_dense_two_inputs")
)


@pytest.mark.parametrize("where", [stderr_in_a_row, stderr_between_rows])
@pytest.mark.parametrize("truth_path", INTERLEAVED, ids=print_id)
def test_tensorflow_log_records_in_a_table_are_asides(truth_path: Path, where: Callable) -> None:
    """Before: records glued to a row cost the row and split the summary in two (a false
    SA003); records between rows were SA001 unreadable rows, with the rule under them."""
    truth, text = load_print(truth_path)
    damaged = where(text)
    assert RECORDS[1] in damaged
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert [layer.connected_to for layer in summary.layers] == [
        layer.connected_to for layer in one_summary(text).layers
    ]
    assert [text for _, text in summary.asides] == list(RECORDS)
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------- 16b's 014: a tf-keras 2.13+ print with its spacing collapsed is no Keras 3's

SIZED = sorted((REAL / "tf_keras").glob("*.truth.json"))


@pytest.mark.parametrize("truth_path", SIZED, ids=print_id)
def test_a_collapsed_tf_keras_print_with_sizes_keeps_its_generation(truth_path: Path) -> None:
    """tf-keras prints sizes in KB as Keras 3 does, but writes `Byte`, leaves counts ungrouped
    and quotes Connected to entries. Before, with the spacing collapsed, 40 of its 48 prints
    were labelled keras3 (16b's 014)."""
    _, text = load_print(truth_path)
    assert one_summary(whitespace_collapsed(text)).dialect is one_summary(text).dialect


# ---------- 16b's 008: keras.io's TokenAndPositionEmbedding is no Embedding named at length

TOKEN_AND_POSITION = truth_paths(REAL, ("keras3", "tf2.12"), ("token_and_position_embedding",))


@pytest.mark.parametrize("truth_path", TOKEN_AND_POSITION, ids=print_id)
def test_a_token_and_position_embedding_counts_its_positions(truth_path: Path) -> None:
    """646,400 = (20,000 + 200) × 32. Before, a row whose class the print cut was read as an
    Embedding (its name spells one) of 20,200 words, and called verified."""
    truth, text = load_print(truth_path)
    assert_reads_as_truth(one_summary(text), truth)
    report = api.check_text(text)
    [summary] = report.summaries
    rows = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    row = rows["token_and_position_embedding"]
    assert row.type == "TokenAndPositionEmbedding"
    assert "(20,000 vocabulary + 200 positions) × 32" in str(row.derivation)
    assert report.findings == ()


def test_a_token_and_position_embedding_whose_class_is_cut_is_known_by_its_name() -> None:
    """16b's 008: the row's class cut off entirely, its default name tells the class."""
    _, text = load_print(REAL / "keras3" / "token_and_position_embedding.truth.json")
    cut = text.replace("(TokenAndPositionEmbedding)", " " * len("(TokenAndPositionEmbedding)"))
    [summary] = api.check_text(cut).summaries
    [row] = [
        r
        for layer, r in zip(summary.layers, summary.audited_rows())
        if layer.name == "token_and_position_embedding"
    ]
    assert row.type == "TokenAndPositionEmbedding"
    assert "20,000 vocabulary + 200 positions" in str(row.derivation)


@pytest.mark.parametrize("truth_path", TOKEN_AND_POSITION, ids=print_id)
def test_a_token_and_position_count_that_is_no_multiple_of_the_dim_is_flagged(
    truth_path: Path,
) -> None:
    _, text = load_print(truth_path)
    edited = text.replace("646,400", "646,410").replace("646400", "646410")
    codes = [(f.code, f.layer) for f in api.check_text(edited).findings]
    assert ("SA101", "token_and_position_embedding") in codes


# ------------------- 16b's 015: a MultiHeadAttention printing its scores beside its output


@pytest.mark.parametrize("generation", ["tf2.12", "keras3"])
def test_attention_returning_its_scores_is_verified_with_the_heads_it_shows(
    generation: str,
) -> None:
    """tf.keras prints the two outputs as a tuple, `((None, 15, 64), (None, 2, 15, 15))`.
    Before: that shape was unreadable, so the row was "not decided by the shapes shown" (and
    the Add after it lost its input); the scores' shape also gives the heads, 2 × key_dim 64."""
    path = REAL / generation / "attention_with_scores.txt"
    report = api.check_text(path.read_text(encoding="utf-8"))
    [summary] = report.summaries
    assert report.findings == () and summary.audit is not None
    rows = {layer.name: row for layer, row in zip(summary.layers, summary.audit.rows)}
    derivation = rows["multi_head_attention"].derivation or ""
    assert derivation.startswith("33,216 = H·Kd × (4 × 64 + 3) + 64")
    assert "2 heads, from the scores' shape, × key_dim 64" in derivation
    assert summary.coverage is not None and summary.coverage.complete


def test_a_tuple_of_output_shapes_reads_as_one_shape_per_output() -> None:
    assert read_shapes("((None, 15, 64), (None, 2, 15, 15))") == ((None, 15, 64), (None, 2, 15, 15))
    assert read_shapes("((None, 3),)") == ((None, 3),)
    assert read_shapes("((None, 15, 64), (None, 2, 15") is None  # cut by its column


@pytest.mark.parametrize("generation", ["tf2.12", "keras3"])
def test_a_time_distributed_count_a_1x1_conv_also_fits_names_both(generation: str) -> None:
    """16b's nit on 015: a TimeDistributed(Conv2D(64, 1×1)) over frames was "TimeDistributed(
    Dense(64))", stated as known; on images a 1×1 convolution holds the same count."""
    path = REAL / generation / "time_distributed_conv1x1.txt"
    [summary] = api.check_text(path.read_text(encoding="utf-8")).summaries
    assert summary.audit is not None
    assert audited_row(summary, "time_distributed").derivation == (
        "1,088 = 16 × 64 + 64 (TimeDistributed of a Dense(64) or a 1×1 Conv2D(64): the same "
        "count, the same layer at every time step)"
    )


@pytest.mark.parametrize("generation", ["tf2.12", "keras3"])
def test_a_custom_block_layer_is_unverified_for_want_of_a_formula_in_both_places(
    generation: str,
) -> None:
    """16b's nit on 009: each `…Block` row said "no formula for ResidualBlock", while the
    coverage called the same rows "nested model whose inner rows are not printed" (a custom
    layer is no model)."""
    path = REAL / generation / "custom_block_layers.txt"
    [summary] = api.check_text(path.read_text(encoding="utf-8")).summaries
    assert summary.coverage is not None and summary.audit is not None
    reason = "no formula for the class, and its inner rows are not printed"
    assert f"2 rows ({reason}: residual_block, residual_block_1)" in (summary.coverage.not_verified)
    blocks = [
        r for layer, r in zip(summary.layers, summary.audit.rows) if layer.type == "ResidualBlock"
    ]
    assert [r.derivation for r in blocks] == [
        "304: no formula for ResidualBlock, so this count is not checked"
    ] * 2


def test_a_cut_class_with_one_completion_says_nothing_was_inferred() -> None:
    """16b's nit on 011: `(Bidirectional` without its `)` completes to Bidirectional alone; a row
    whose count the shapes cannot decide said "(class Bidirectional inferred from its cut
    class name and shapes)", a row whose count fits said nothing, though both read the same."""
    path = REAL / "tf1.14" / "frozen_bn_after_rnn.txt"
    text = path.read_text(encoding="utf-8")
    assert "(Bidirectional (None" in text
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    [row] = [
        r for layer, r in zip(summary.layers, summary.audit.rows) if layer.name == "bidirectional"
    ]
    assert row.derivation is not None and row.derivation.startswith("21,600 = 2 × 10,800")
    assert "inferred" not in row.derivation
