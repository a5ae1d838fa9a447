"""Trial 48 (multi-input models, audio and OCR models, research layers, forum threads, beginner
CNNs): the pastes read wrong, rebuilt on real prints with their damage applied as code."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api, cell_grammar

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, load_print, one_summary
from .test_structural_damage import markdown

REAL = FIXTURES / "real"

# --------------- 48c's 001: a README spaced with `&nbsp;` runs, a row under a heading mark

_GAP = " " + "&nbsp;" * 8 + " "


def _spaced_with_nbsp(line: str) -> str:
    """A row whose cells a README pushed apart with `&nbsp;` runs, its class too (so the class
    lands in the Output Shape column)."""
    if line.startswith("Layer") or not re.match(r"\w+ \(\w+\) ", line):
        return line
    line = line.replace(" (", _GAP + "(", 1)
    return re.sub(r"(?<=\S)  +(?=\S)", lambda m: m.group(0) + _GAP, line)


def test_a_row_under_the_headers_heading_mark_and_classes_pushed_right_are_read() -> None:
    """`##### Layer (type) …` and, under it, `##### decoder &nbsp;… (Sequential) …`: the
    Markdown heading mark of the header set on the last row too. Before: that row was read as
    a note (a false SA201 with its count as the difference), and each class the blanks pushed
    into the shape column was read as no class."""
    truth, text = load_print(REAL / "keras2.2.4/siamese_shared_nested.truth.json")
    lines = [_spaced_with_nbsp(line) for line in text.splitlines()]
    lines = ["##### " + line if line.startswith("Layer (type)") else line for line in lines]
    last = max(i for i, line in enumerate(lines) if line.startswith("dense_3"))
    lines[last] = "##### " + lines[last]
    damaged = "## Sample report\n\n" + "\n".join(lines) + "\n\n## sample response\n"
    assert "(Subtract)" in damaged.split("&nbsp; ", 1)[1]
    assert_reads_as_truth(one_summary(damaged), truth)
    assert api.check_text(damaged).findings == ()


def test_a_comment_under_the_headers_heading_mark_is_still_a_note() -> None:
    """A line of prose under the same marks is the author's, not a row."""
    truth, text = load_print(REAL / "keras2.2.4/siamese_shared_nested.truth.json")
    lines = [
        "##### " + line if line.startswith("Layer (type)") else line for line in text.splitlines()
    ]
    last = max(i for i, line in enumerate(lines) if line.startswith("dense_3"))
    lines.insert(last, "##### the head compares the two encodings")
    [summary] = api.check_text("\n".join(lines)).summaries
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]
    assert [text for _, text in summary.asides] == ["##### the head compares the two encodings"]


# --------------- 48c's 008: `| ... (and so on for other layers) |` in a Markdown table


def test_an_elision_said_in_words_inside_a_markdown_table_ends_no_row() -> None:
    """Before: the elision line opened a row that took the next line's cells (the row after it
    lost, a row `...` connected to '0', SA001)."""
    truth, text = load_print(REAL / "keras2.2.4/conv_zoo.truth.json")
    table = markdown(text, "after").splitlines()
    names = [row["name"] for row in truth["layers"]]
    at = {
        name: next(i for i, line in enumerate(table) if line.startswith(f"|{name} "))
        for name in names
    }
    left_out = names[4:7]
    kept = [name for name in names if name not in left_out]
    elision = "| ... (and so on for other layers) |"
    damaged = [*table[: at[left_out[0]]], elision, *table[at[left_out[-1]] + 1 :]]
    summary = one_summary("\n".join(damaged))
    assert summary.unreadable == ()
    assert [layer.name for layer in summary.layers] == kept
    assert len(summary.elided) == 1


# --------------- 48b's 006: a Keras 3 entry cut by the column, its bracket closed by hand


def test_a_cut_entry_closed_by_hand_still_names_its_layer() -> None:
    """`bidirectional_1[…]`: the author closed the cut index. Before: the entry named no row,
    so the Dense below it was only solved for its input size."""
    truth, text = load_print(REAL / "keras3/attention_layers.truth.json")
    closed = text.replace("[… │", "[…]│")
    assert closed.count("[…]│") == 1
    [summary] = api.check_text(closed).summaries
    assert summary.coverage is not None
    assert summary.coverage.consistent_only == ()
    assert summary.coverage.rows_verified == len(truth["layers"])
    assert cell_grammar.read_reference("add[0][…]") == ("add", 0)
    assert cell_grammar.grammar_reference("bidirectional_1[…]") == ("bidirectional_1", 0)


# --------------- 48a's 011: a Conv1D count no kernel gives, its example kernel 2-D


def test_the_example_kernel_of_a_count_no_kernel_gives_has_the_layers_rank() -> None:
    """Before: every convolution's example was `3×3`, a 2-D kernel, for a Conv1D too."""
    _, text = load_print(REAL / "keras2.2.4/conv3d_conv1d_repeat.truth.json")
    edited = re.sub(r"  104( +)$", r"  105\1", text, flags=re.M)
    edited = re.sub(r"  220( +)$", r"  223\1", edited, flags=re.M)
    messages = {f.layer: f.message for f in api.check_text(edited).findings if f.code == "SA101"}
    assert "kernel volume K (K = 3: 104)" in messages["conv1d_1"]
    assert "kernel volume K (3×3×3: 220)" in messages["conv3d_1"]


# --------------- 48b's 002: a one-channel convolution without a bias, its kernel odd


def test_a_count_read_with_a_bias_names_the_odd_kernel_it_has_without_one() -> None:
    """14,432 on one channel is 32 × (450 + 1) → 18×25 with a bias, or 32 × 451 → 11×41
    without: the real layer. Before: only the first was named."""
    _, text = load_print(REAL / "keras3/speech_conv_no_bias.truth.json")
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    derivation = summary.audit.rows[1].derivation or ""
    assert "K = 450 → kernel 18×25" in derivation
    assert "or, with use_bias=False, K = 451 → kernel 11×41" in derivation


# --------------- 48b's 008: two different rows under one name


def test_two_different_rows_under_one_name_say_a_layer_was_renamed() -> None:
    """Before: the warning said a row may have been pasted twice, which two rows of different
    shapes and counts cannot be."""
    _, text = load_print(REAL / "keras2.2.4/mlp_bn_sequential.truth.json")
    renamed = text.replace("dense_2 (Dense)", "dense_1 (Dense)")
    [warning] = [f for f in api.check_text(renamed).findings if f.code == "SA402"]
    assert warning.message.endswith(
        "prints each layer once; these rows differ in shape or count, so a layer was renamed by "
        "hand (the table was edited or typed by hand)"
    )
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("dropout_1"))
    pasted_twice = "\n".join([*lines[: at + 1], lines[at - 1], lines[at], *lines[at + 1 :]])
    [warning] = [f for f in api.check_text(pasted_twice).findings if f.code == "SA402"]
    assert "so a row was pasted twice, or the table was edited" in warning.message


# --------------- 48e's 015: a Keras 3 box whose borders were lost, a blank under its title


def test_a_title_over_a_blank_line_and_a_box_without_borders_names_the_model() -> None:
    """Before: the rows were read but not the model's name: the title stood apart."""
    truth, text = load_print(REAL / "keras3/speech_conv_no_bias.truth.json")
    kept = ["" if line[:1] == "┏" else line for line in text.splitlines()]
    kept = [line for line in kept if not (line and line[0] in "┡├└")]
    assert kept[1] == ""
    summary = one_summary("\n".join(kept))
    assert summary.model_name == "functional"
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]


# --------------- 48c's 010: a Markdown table damaged by hand in four ways


def _as_pipe_table(text: str) -> list[str]:
    """A tf.keras 2.12 print with Connected to retyped as a Markdown table, a row per layer."""
    lines = text.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    titles = ("Layer (type)", "Output Shape", "Param #", "Connected to")
    starts = [header.index(title) for title in titles]
    table = ["| " + " | ".join(titles) + " |", "|---|---|---|---|"]
    for line in lines:
        if re.match(r" \w+ \(\w+\)", line) and line is not header:
            cells = _cut_at(line, starts)
            table.append("| " + " | ".join(cells) + " |")
    return table


def _cut_at(line: str, starts: list[int]) -> list[str]:
    bounds = [*starts[1:], len(line)]
    return [line[a:b].strip() for a, b in zip(starts, bounds)]


def test_a_hand_damaged_markdown_table_reads_every_row() -> None:
    """A `)` typed twice after a class, a shape's `(` lost, and two bars lost (between a shape
    and its count, between a count and its Connected to list). Before: the first row's name
    was `conv2d (Conv2D) )` (a false SA401 below it), the second's shape unread, the last two
    rows unreadable."""
    truth, text = load_print(REAL / "tf2.12/driving_cnn_functional.truth.json")
    table = _as_pipe_table(text)
    at = {line.split()[1]: i for i, line in enumerate(table) if line.startswith("| ")}
    table[at["conv2d"]] = table[at["conv2d"]].replace("(Conv2D)", "(Conv2D) )")
    table[at["conv2d_1"]] = table[at["conv2d_1"]].replace("| (None, 14", "| None, 14")
    table[at["conv2d_2"]] = table[at["conv2d_2"]].replace(") | 43248", ")   43248")
    table[at["conv2d_3"]] = table[at["conv2d_3"]].replace("27712 | [", "27712     [")
    report = api.check_text("\n".join(table))
    [summary] = report.summaries
    rows = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    assert rows == [(row["name"], row["type"], row["params"]) for row in truth["layers"]]
    assert [f.code for f in report.findings] == ["SA003"]  # (no totals retyped)
    assert summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])


# --------------- 48c's 007: a LocallyConnected1D as a Sequential's first row


@pytest.mark.parametrize("generation", ["keras2.0.8", "keras2.2.4", "tf1.14", "tf2.12", "tf_keras"])
def test_a_locally_connected_first_row_is_solved_for_its_input(generation: str) -> None:
    """13,344 = 139 × 32 × (K × C + 1) → K × C = 2; implementation=2 would need an input of 2
    values, fewer than the 139 output positions. Before: `not checked` (other implementations
    store a different kernel)."""
    truth, text = load_print(REAL / generation / "locally_connected_first_row.truth.json")
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None and summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])
    assert summary.coverage.consistent_only[0][1] == "input channels"
    derivation = summary.audit.rows[0].derivation or ""
    assert derivation.startswith("13,344 = 139 positions × 32 filters × (K × C + 1) → K × C = 2")


# --------------- 49c's 009: a Bidirectional encoder that returns its states


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_bidirectional_returning_its_states_is_two_layers_of_the_states_size(
    generation: str,
) -> None:
    """`[(None, None, 88), (None, 44) × 4]` is LSTM(44) each way, merged to 88. Before: read as
    merge_mode=None over 88 units, a false SA101."""
    truth, text = load_print(REAL / generation / "bidirectional_encoder_with_states.truth.json")
    report = api.check_text(text)
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.audit is not None and summary.coverage is not None
    assert summary.coverage.rows_verified == len(truth["layers"])
    [row] = [
        r for r, layer in zip(summary.audit.rows, summary.layers) if layer.type == "Bidirectional"
    ]
    assert (row.derivation or "").startswith("28,864 = 2 × 14,432: forward + backward LSTM(44)")


# --------------- 49b's 005: a convolution of a subclassed model, its output `multiple`


@pytest.mark.parametrize("generation", ["tf2.0", "tf2.12", "tf_keras"])
def test_a_convolution_printed_multiple_is_not_said_to_be_cut(generation: str) -> None:
    """Before: `the output shape is not shown in full (cut by its column, or unreadable)`,
    which tells a learner the paste is damaged when Keras printed `multiple`."""
    _, text = load_print(REAL / generation / "subclassed_text_cnn.truth.json")
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None
    [row] = [r for r, layer in zip(summary.audit.rows, summary.layers) if layer.type == "Conv1D"]
    assert "Keras printed `multiple` for its output" in (row.derivation or "")
    assert "cut by its column" not in (row.derivation or "")


# --------------- 49b's 013: a title right above a box's rows, borders and header lost


def test_a_title_right_above_box_rows_is_their_model_and_nothing_is_cut_above() -> None:
    """Before: the title was not read, and Total = sum of the rows was left unchecked: the rows
    above the first one shown were taken to be cut off."""
    truth, text = load_print(REAL / "keras3/speech_conv_no_bias.truth.json")
    kept = [
        line
        for line in text.splitlines()
        if line.startswith(("Model:", "│", " Total", " Trainable", " Non-trainable"))
    ]
    report = api.check_text("Some notes.\n\n" + "\n".join(kept) + "\n")
    [summary] = report.summaries
    assert summary.model_name == "functional"
    assert [layer.name for layer in summary.layers] == [row["name"] for row in truth["layers"]]
    assert summary.elided == ()
    assert report.findings == ()


# --------------- 49c's 011: a Connected to list shortened with `.` lines


def test_dots_under_a_connected_to_list_shorten_the_list_and_cut_no_rows() -> None:
    """Before: each `.` was read as rows left out of the paste, so Total was only bounded."""
    truth, text = load_print(REAL / "keras2.2.4/siamese_shared_nested.truth.json")
    lines = text.splitlines()
    column = lines[1].index("Connected to")
    at = next(i for i, line in enumerate(lines) if line.strip() == "input_2[0][0]")
    lines[at + 1 : at + 1] = [" " * column + "."] * 3
    report = api.check_text("\n".join(lines))
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    assert summary.elided == ()
    assert report.findings == ()
    assert summary.coverage is not None and summary.coverage.rows_verified == 4


def test_the_rebuilt_bidirectional_returns_its_states() -> None:
    """The rebuild of that print writes `return_state=True`, and the Concatenate rows take the
    states the print names (before: one output, the states taken by indexing it)."""
    from summaryaudit.rebuild import rebuild

    _, text = load_print(REAL / "tf_keras/bidirectional_encoder_with_states.truth.json")
    code = rebuild(one_summary(text))
    assert "keras.layers.LSTM(44, return_sequences=True, return_state=True)" in code
    assert "([bidirectional_encoder[1], bidirectional_encoder[3]])" in code
