"""Trial 88 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api
from summaryaudit.checks.lone_split import NON_TRAINABLE_ROWS, TRAINABLE_ROWS
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import checked_as_the_print, clean_derivations, load_print, shape_text

REAL = FIXTURES / "real"

# --------------- 86a's 003: a box whose paste kept `Trainable params: 96,456` alone. Without
# Total and Non-trainable, Trainable was never compared with the rows: an edited one passed


def kept_only(printed: str, label: str) -> str:
    """The print with every totals line but `label params:` left out (Keras 3's and Keras 2's
    Total, Trainable and Non-trainable lines alike)."""
    kept = []
    for line in printed.splitlines():
        named = re.match(r"\s*(Total|Trainable|Non-trainable) params:", line)
        if named is None or named.group(1) == label:
            kept.append(line)
    return "\n".join(kept) + "\n"


def with_count(text: str, label: str, count: int) -> str:
    """The text with `label params:`'s count replaced by another, written as Keras writes it."""
    pattern = re.compile(rf"^(\s*{label} params: )[\d,]+", re.M)
    assert pattern.search(text), label
    return pattern.sub(lambda m: f"{m.group(1)}{count:,}", text, count=1)


def lone_check(text: str, name: str) -> tuple[list[str], CheckState]:
    """The codes of the one summary a text holds and the state of its totals check `name`."""
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.coverage is not None
    states = [check.state for check in summary.coverage.totals if check.name == name]
    assert len(states) == 1, summary.coverage.totals
    return [f.code for f in report.findings], states[0]


LONE_CASES = ["keras3/cnn_bn", "tf2.12/cnn_bn", "keras2.2.4/cnn_bn", "tf_keras/cnn_bn"]
NO_LAYER_RANGE = ("keras2.2.4/cnn_bn",)


@pytest.mark.parametrize("case", LONE_CASES)
def test_a_trainable_line_printed_alone_is_checked_against_the_rows(case: str) -> None:
    """Trainable = the rows less BatchNormalization's moving statistics: checked, and clean."""
    _, printed = load_print(REAL / f"{case}.truth.json")
    pasted = kept_only(printed, "Trainable")
    codes, state = lone_check(pasted, TRAINABLE_ROWS)
    assert state is CheckState.CHECKED
    assert "SA206" not in codes and "SA201" not in codes


@pytest.mark.parametrize("case", LONE_CASES)
@pytest.mark.parametrize("raised", ["to the rows", "past the rows"])
def test_a_trainable_line_above_what_the_rows_train_is_an_error(case: str, raised: str) -> None:
    """Raised to all the rows hold (the moving statistics counted as trained), or past them."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    rows = truth["totals"]["total"]
    statistics = truth["totals"]["non_trainable"]
    assert statistics > 0  # (the print holds a BatchNormalization)
    stated = rows if raised == "to the rows" else rows + 1_000
    pasted = with_count(kept_only(printed, "Trainable"), "Trainable", stated)
    [lone] = [f for f in api.check_text(pasted).findings if f.code == "SA206"]
    # a print that has layer_range, every row verified: the rows may be a slice's (review 87's
    # item 1), an info; a Keras 2.2.4 print has no layer_range: an error
    assert lone.severity.value == ("error" if case in NO_LAYER_RANGE else "info")
    assert ("layer_range" in lone.message) is (case not in NO_LAYER_RANGE)
    assert f"Trainable params says {stated:,}" in lone.message
    if raised == "to the rows":
        assert f"{statistics:,} of that are weights training does not update" in lone.message
        assert f"at most {rows - statistics:,} can be trainable" in lone.message
    else:
        assert f"all the rows add up to {rows:,} (less by 1,000)" in lone.message


def test_a_trainable_line_alone_under_frozen_layers_is_only_bounded() -> None:
    """Frozen layers hold the rest: Trainable below the rows is no finding, only a bound."""
    truth, printed = load_print(REAL / "keras3/frozen_after_compile.truth.json")
    totals = truth["totals"]
    assert totals["non_trainable"] > 0
    codes, state = lone_check(kept_only(printed, "Trainable"), TRAINABLE_ROWS)
    assert state is CheckState.BOUNDED
    assert "SA206" not in codes


@pytest.mark.parametrize("case", LONE_CASES)
def test_a_non_trainable_line_printed_alone_is_checked_against_the_rows(case: str) -> None:
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = kept_only(printed, "Non-trainable")
    codes, state = lone_check(pasted, NON_TRAINABLE_ROWS)
    assert state is CheckState.BOUNDED and "SA206" not in codes
    rows = truth["totals"]["total"]
    codes, state = lone_check(with_count(pasted, "Non-trainable", rows + 5), NON_TRAINABLE_ROWS)
    assert "SA206" in codes
    assert state is (CheckState.CHECKED if case in NO_LAYER_RANGE else CheckState.BOUNDED)


def test_the_missing_lines_warning_says_what_the_lone_line_still_checks() -> None:
    _, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    report = api.check_text(kept_only(printed, "Trainable"))
    [missing] = [f for f in report.findings if f.code == "SA003"]
    assert "cannot be checked, only that the rows hold at least Trainable params" in missing.message


# --------------- 88d's 009: `prune_low_magnitude_lstm_3 (  (None, 128)  262659`: tfmot prunes a
# recurrent layer's kernel and recurrent kernel (a mask and a threshold each); the formula knew
# one mask per layer, and said no reading fits


def test_pruned_recurrent_layers_hold_masks_of_both_kernels() -> None:
    summary, derivations = clean_derivations(REAL / "tf_keras/pruned_recurrent.truth.json")
    by_name = dict(zip((layer.name for layer in summary.layers), derivations))
    assert by_name["prune_low_magnitude_lstm"].startswith(
        "2,739 = 1,392 of the wrapped LSTM + 1,344 (the masks of its kernel and recurrent "
        "kernel) + 2 thresholds + 1 pruning step"
    )
    for name in ("gru", "gru_1", "simple_rnn"):
        assert (
            "the masks of its kernel and recurrent kernel" in by_name[f"prune_low_magnitude_{name}"]
        )
    # GRU without reset_after: one bias of 3 × 6 (the TF 2 default keeps two)
    assert "597 = 306 of the wrapped GRU + 288 (the masks" in by_name["prune_low_magnitude_gru_1"]


# --------------- 88e's 008: notes run through a converter that reflowed the text: the word after
# each `=` rule was pulled up onto it (`=====… conv2d` over `(Conv2D) (None, 28, 28, 2) 56`,
# `=====… Total` over `params: 67,523 Trainable params: …`). Before: each Total said missing,
# an unreadable `conv2d` and a layer named `(Conv2D)`


def reflowed(printed: str, collapse: bool) -> str:
    """The print with the first word under each `=` rule joined onto the rule, and (collapse)
    the three totals lines joined into one and every run of blanks made one, as a reflow does."""
    lines = printed.rstrip("\n").split("\n")
    out: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        below = lines[at + 1] if at + 1 < len(lines) else ""
        if set(line.strip()) == {"="} and below.strip():
            word, _, rest = below.strip().partition(" ")
            out.append(f"{line.rstrip()} {word}")
            if word == "Total" and collapse:
                rest = " ".join([rest, *(t.strip() for t in lines[at + 2 : at + 4])])
                at += 2
            out.append(rest)
            at += 2
            continue
        out.append(line)
        at += 1
    text = "\n".join(out) + "\n"
    return re.sub(r"[ \t]+", " ", text) if collapse else text


@pytest.mark.parametrize("collapse", [False, True], ids=["spaced", "collapsed"])
@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "tf2.12/cnn_bn", "tf_keras/cnn_bn"])
def test_words_a_reflow_pulled_onto_the_rules_are_given_back(case: str, collapse: bool) -> None:
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = reflowed(printed, collapse)
    assert re.search(r"=\s(?:conv2d\w*|Total)\n", pasted), pasted
    assert re.search(r"\nparams: 54,?538", pasted), pasted
    report = checked_as_the_print(pasted, truth, printed)
    assert [f.code for f in report.findings] == []


# --------------- 88c's 003: keras-io's PointNet. A Keras 2 column cut the Connected to entries
# without a mark (`input_transformation_block_1_1_de`), to names of rows above that the print
# also cut (`input_transformation_block_1_1_`, three rows, each (None, 512)): the input was
# unknown, so the cut classes kept every candidate ("Dense would give 2,048" on a 512-wide input)


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_an_input_named_by_a_silently_cut_reference_is_the_rows_it_may_name(
    generation: str,
) -> None:
    truth, printed = load_print(REAL / f"{generation}/tnet_names_cut_with_their_inbound.truth.json")
    report = api.check_text(printed)
    [summary] = report.summaries
    assert report.findings == () and summary.audit is not None
    assert [layer.params for layer in summary.layers] == [w["params"] for w in truth["layers"]]
    derivations = [row.derivation or "" for row in summary.audit.rows]
    counts = [layer.params for layer in summary.layers]
    assert derivations[counts.index(2048)].startswith("2,048 = 4 × 512 (gamma, beta")
    assert derivations[counts.index(131328)].startswith("131,328 = 512 × 256 + 256")
    assert summary.coverage is not None and summary.coverage.not_verified == ()


# --------------- 88f's 014: a table retyped with an edited shape above a Dense (`(None, 32)` for
# the (None, 128) Keras printed). The Dense's count was only a warning, "as a second head on
# input_layer (None, None), its count adds up": an input size solved from the count, on an axis
# Keras would refuse a Dense


def test_a_branch_reading_needs_an_input_the_table_shows() -> None:
    _, printed = load_print(REAL / "keras3/bidirectional_text_chain_with_input_row.truth.json")
    shown = "│ bidirectional_1 (Bidirectional)      │ (None, 128)    "
    assert shown in printed
    pasted = printed.replace(shown, shown.replace("(None, 128)", "(None, 32) "))
    report = api.check_text(pasted)
    [wrong] = [f for f in report.findings if f.code == "SA101" and f.layer == "dense"]
    assert wrong.severity.value == "error"
    assert "second head" not in wrong.message
    assert "Dense(64) on 32 inputs has 32 × 64 + 64 = 2,112" in wrong.message
    assert api.check_text(printed).findings == ()


# --------------- 88b's 011: a README's Markdown table of classes with notes (`Dense, *256 units*,
# *ReLU activation*`) and `-` for what it does not give. A row whose shape was `-` took the next
# row, whose count was `-`, as its wrapped rest (the Bi-LSTM lost); the emphasis kept the class
# unread, so an edited Dense count was only "not checked"

NOTES = {
    "Embedding": "*64 dims*",
    "Bidirectional": "*LSTM*",
    "Dense": "*units*",
    "Dropout": "*0.5*",
}


def as_noted_markdown(truth: dict, blanks: dict[int, tuple[bool, bool]]) -> str:  # type: ignore[type-arg]
    """The model as a README retypes it: `| Class, *note* | shape | count |` per layer, the
    input row left out; blanks maps a row's index to (shape as `-`, count as `-`)."""
    rows = [
        "| Layer Type | Output Shape | Parameter # |",
        "|:-----------|:-------------|------------:|",
    ]
    for at, layer in enumerate(truth["layers"]):
        if layer["type"] == "InputLayer":
            continue
        no_shape, no_count = blanks.get(at, (False, False))
        shape = "-" if no_shape else shape_text(layer["output_shape"])
        count = "-" if no_count else str(layer["params"])
        rows.append(f"| {layer['type']}, {NOTES[layer['type']]} | {shape} | {count} |")
    return "\n".join(rows) + "\n"


def test_rows_with_dashes_for_a_shape_and_for_a_count_stay_two_rows() -> None:
    truth, _ = load_print(REAL / "keras3/bidirectional_text_chain_with_input_row.truth.json")
    pasted = as_noted_markdown(truth, {1: (True, False), 2: (False, True)})
    [summary] = api.check_text(pasted).summaries
    names = [layer.name for layer in summary.layers]
    assert names == [f"{w['type']}, {NOTES[w['type']]}" for w in truth["layers"][1:]]
    assert [layer.params for layer in summary.layers][:2] == [64000, None]


def test_a_class_with_an_emphasised_note_is_read_and_its_count_checked() -> None:
    truth, _ = load_print(REAL / "keras3/bidirectional_text_chain_with_input_row.truth.json")
    pasted = as_noted_markdown(truth, {}).replace("| 8256 |", "| 198246656 |")
    report = api.check_text(pasted)
    [wrong] = [f for f in report.findings if f.code == "SA101"]
    assert wrong.severity.value == "error" and wrong.layer == "Dense, *units*"
    assert "Dense(64) on 128 inputs has 128 × 64 + 64 = 8,256" in wrong.message


# --------------- 88e's 014: `Model: "sequential"`, an author's line (`input_shape = (32,32,3)`),
# then the rows alone (no header, rules or totals). Before: "rows from the middle of a table",
# an info that claimed rows cut off above the model's first layer


def rows_under_a_title(printed: str, note: str) -> str:
    """The print's title, an author's line, then its rows: header, rules and totals left out."""
    kept = [printed.splitlines()[0], note] if note else [printed.splitlines()[0]]
    for line in printed.splitlines()[1:]:
        stripped = line.strip()
        if not stripped or set(stripped) <= {"_", "="} or stripped.startswith("Layer (type)"):
            continue
        if "params:" in line:
            break
        kept.append(line)
    return "\n".join(kept) + "\n"


@pytest.mark.parametrize("note", ["input_shape = (32,32,3)", ""])
@pytest.mark.parametrize("case", ["keras2.3.1/cnn_bn", "tf2.12/cnn_bn"])
def test_rows_under_their_title_are_the_whole_table_without_totals(case: str, note: str) -> None:
    truth, printed = load_print(REAL / f"{case}.truth.json")
    assert printed.startswith('Model: "sequential')
    report = api.check_text(rows_under_a_title(printed, note))
    [summary] = report.summaries
    assert summary.model_name == truth["model_name"]
    assert [layer.params for layer in summary.layers] == [w["params"] for w in truth["layers"]]
    [missing] = [f for f in report.findings if f.code == "SA003"]
    assert missing.severity.value == "warning"
    assert missing.message.startswith("table without totals")
    assert summary.coverage is not None
    assert not any("cut off" in said for said in summary.coverage.not_verified)


# --------------- 88a's 015: segmentation_models' decoder in an issue: a fully convolutional
# model whose shapes the column cut to `(None, None, None, 2`. The BatchNormalization below
# (1,024 = 4 × 256) gives the 256, but the convolution's filters were not worked out: with
# spatial axes of no fixed size before the cut one, its shape was not read at all


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_filters_cut_after_axes_of_no_fixed_size_are_worked_out(generation: str) -> None:
    _, printed = load_print(REAL / f"{generation}/fully_convolutional_filters_cut.truth.json")
    assert "(None, None, None, 2 1769472" in " ".join(printed.split())
    report = api.check_text(printed)
    [summary] = report.summaries
    assert report.findings == () and summary.audit is not None
    rows = {
        layer.name: row.derivation or "" for layer, row in zip(summary.layers, summary.audit.rows)
    }
    assert rows["decoder_stage0a_conv"].startswith("1,769,472 = 256 filters × (K × C)")


# --------------- 88j's 007: a paste that stops inside its table, its last rule cut short: the
# coverage said "1 elided gap" for the rows below the last one shown


@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "tf1.14/cnn_bn"])
def test_rows_cut_off_below_are_said_so_not_an_elided_gap(case: str) -> None:
    _, printed = load_print(REAL / f"{case}.truth.json")
    lines = printed.splitlines()
    rules = [i for i, line in enumerate(lines) if set(line.strip()) == {"_"}]
    pasted = "\n".join([*lines[: rules[3]], "_" * 30]) + "\n"
    [summary] = api.check_text(pasted).summaries
    assert summary.coverage is not None
    said = summary.coverage.not_verified
    assert "the rows below the last one shown (left out of the paste)" in said
    assert not any("elided gap" in part for part in said)


# --------------- 89a's 013: a blog's table retyped as `Class (note) shape count`, its spacing
# squeezed (`Dropout (0.3) (None, 576) 0`, `Dense (512, ReLU) (None, 512) 295,424`): the note in
# parentheses was taken for the shape, six rows unread; and a row below them was then given the
# output of the row read above the unread ones (a false SA301)

DIGIT_NOTES = {
    "Embedding": "(1000 words, 64 dims)",
    "Bidirectional": "(2 x LSTM)",
    "Dense": "(64, ReLU)",
}


def as_noted_rows(truth: dict, drop_note: bool = False) -> str:  # type: ignore[type-arg]
    """The model as a post retypes it, one blank between cells: `Dropout (0.5) (None, 64) 0`."""
    out = ["Layer (type) Output Shape Param #", "=" * 64]
    for layer in truth["layers"]:
        note = DIGIT_NOTES.get(layer["type"], "(0.5)")
        cells = [layer["type"], note, shape_text(layer["output_shape"]), f"{layer['params']:,}"]
        out.append(" ".join(cells))
    totals = truth["totals"]
    out += [
        "=" * 64,
        f"Total params: {totals['total']:,}",
        f"Trainable params: {totals['trainable']:,}",
    ]
    out.append(f"Non-trainable params: {totals['non_trainable']:,}")
    return "\n".join(out) + "\n"


def at_dense_line(text: str) -> int:
    """The line number of the first `Dense (64, ReLU)` row."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("Dense (64"))


def test_a_note_in_parentheses_after_the_class_is_no_shape() -> None:
    truth, _ = load_print(REAL / "keras3/bidirectional_text_chain_with_input_row.truth.json")
    pasted = as_noted_rows(truth)
    assert "Dropout (0.5) (None, 64) 0" in pasted and "Dense (64, ReLU) (None, 64) 8,256" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers] == [w["params"] for w in truth["layers"]]
    assert summary.unreadable == ()
    assert report.findings == ()
    assert (at_dense_line(pasted), "(64, ReLU)") in summary.asides


def test_a_row_under_an_unreadable_line_is_not_given_the_output_above_it() -> None:
    truth, _ = load_print(REAL / "keras3/bidirectional_text_chain_with_input_row.truth.json")
    lines = ["Layer (type) Output Shape Param #", "=" * 64]
    for layer in truth["layers"]:
        shape = shape_text(layer["output_shape"])
        lines.append(f"{layer['name']} ({layer['type']}) {shape} {layer['params']:,}")
    at = next(i for i, line in enumerate(lines) if line.startswith("dense (Dense)"))
    lines[at] = "dense (Dense) {None; 64} 8,256"  # a row no reader takes
    report = api.check_text("\n".join(lines) + "\n")
    codes = [f.code for f in report.findings]
    assert "SA001" in codes and "SA301" not in codes
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers][-2:] == ["dropout", "dense_1"]


# --------------- review 83's item 9b: a tf.keras 2.7+ expand_nested print whose blanks a page
# collapsed, its top cut off: the rows above the nested model's frame were read, and the frame,
# its rows and every row below it (subtract, dense_2) were dropped without a word


def collapsed_from_the_rows(printed: str) -> str:
    """The print from its first row on, every run of blanks one blank, each line stripped."""
    lines = printed.splitlines()
    start = next(i for i, line in enumerate(lines) if set(line.strip()) == {"="}) + 1
    return "\n".join(" ".join(line.split()) for line in lines[start:]) + "\n"


@pytest.mark.parametrize("generation", ["tf2.12", "tf2.9", "tf_keras"])
def test_collapsed_rows_inside_and_after_an_expanded_frame_are_read(generation: str) -> None:
    truth, printed = load_print(REAL / f"{generation}/siamese_shared_nested_expanded.truth.json")
    pasted = collapsed_from_the_rows(printed)
    assert "|¯¯" in pasted and "| dense (Dense) (None, 64) 1344 [] |" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.depth) for layer in summary.layers] == [
        (w["name"], w.get("depth", 0)) for w in truth["layers"]
    ]
    assert [f.code for f in report.findings] == []


# --------------- review 87 (of trial 88's fixes), items 1–7


@pytest.mark.parametrize(
    "case",
    ["tf2.12/layer_range_cnn_head", "keras3/layer_range_cnn_head", "tf_keras/layer_range_cnn_head"],
)
def test_a_lone_trainable_line_over_a_layer_range_head_is_an_info(case: str) -> None:
    """Item 1: a head slice starts with its InputLayer; with no Total, nothing else shows the
    slice, so Trainable above the rows may be the rows not shown (an SA206 info, bounded)."""
    _, printed = load_print(REAL / f"{case}.truth.json")
    report = api.check_text(kept_only(printed, "Trainable"))
    [lone] = [f for f in report.findings if f.code == "SA206"]
    assert lone.severity.value == "info"
    assert "this looks like a model.summary(layer_range=...) print" in lone.message
    [summary] = report.summaries
    assert summary.coverage is not None
    [check] = [c for c in summary.coverage.totals if c.name == TRAINABLE_ROWS]
    assert check.state is CheckState.BOUNDED


@pytest.mark.parametrize(
    "case",
    [
        "keras3/bn_scale_off_over_the_time_axis",
        "tf_keras/bn_scale_off_over_the_time_axis",
        "keras3/bn_axis1_height_half_the_channels",
        "tf1.14/bn_axis1_height_half_the_channels",
    ],
)
def test_a_lone_trainable_line_takes_the_fewest_statistics_of_a_two_way_bn(case: str) -> None:
    """Item 2: with no Total to settle a BatchNormalization count that reads two ways, the
    bound takes the reading with fewer moving statistics (Keras printed Trainable 2 over 6)."""
    _, printed = load_print(REAL / f"{case}.truth.json")
    codes, state = lone_check(kept_only(printed, "Trainable"), TRAINABLE_ROWS)
    assert "SA206" not in codes
    assert state in (CheckState.CHECKED, CheckState.BOUNDED)


def test_a_title_over_a_second_input_keeps_the_rows_cut_above() -> None:
    """Item 3: a functional model's rows under its title, from its second input: the rows are
    connected to `input_1`, not shown, so rows are cut above (no 'mistyped' warning)."""
    _, printed = load_print(REAL / "keras2.3.1/big_dense_two_inputs.truth.json")
    pasted = rows_under_a_title(printed, "")
    lines = pasted.splitlines()
    second = next(i for i, line in enumerate(lines) if line.startswith("input_2"))
    pasted = "\n".join([lines[0], *lines[second:]]) + "\n"
    report = api.check_text(pasted)
    assert [f.severity.value for f in report.findings if f.code == "SA401"] == ["info"]
    [cut] = [f for f in report.findings if f.code == "SA003"]
    assert cut.message.startswith("rows from the middle of a table")


@pytest.mark.parametrize("between", ["...", "[...]", "# (first layers omitted)"])
def test_a_title_then_a_mark_of_rows_left_out_keeps_the_rows_cut_above(between: str) -> None:
    _, printed = load_print(REAL / "keras2.3.1/cnn_bn.truth.json")
    lines = rows_under_a_title(printed, "").splitlines()
    pasted = "\n".join([lines[0], between, *lines[3:]]) + "\n"
    [cut] = [f for f in api.check_text(pasted).findings if f.code == "SA003"]
    assert cut.severity.value == "info"
    assert cut.message.startswith("rows from the middle of a table")


def test_a_cut_reference_is_not_guessed_across_rows_left_out() -> None:
    """Item 4: with a row left out (`...`), a reference cut without a mark may name that row:
    its input is not taken from the printed rows that share its cut prefix."""
    _, printed = load_print(REAL / "tf2.0/tnet_names_cut_with_their_inbound.truth.json")
    lines = printed.splitlines()
    at = next(
        i
        for i, line in enumerate(lines)
        if " 0           input_transformation_block_1_1_ba" in line
    )
    pasted = "\n".join([*lines[:at], "...", *lines[at + 1 :]]) + "\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.audit is not None
    rows = [row.derivation or "" for row in summary.audit.rows]
    counts = [layer.params for layer in summary.layers]
    # the Dense under the gap, connected to `input_transformation_block_1_1_re` (left out)
    assert "512 × 256" not in rows[counts.index(131328)]  # (no input taken from a guess)
    assert "SA101" not in [f.code for f in report.findings]


def test_a_pruned_lstm_lowered_by_twice_its_bias_is_no_reading() -> None:
    """Item 5: 2,643 = 2 × 1,344 (LSTM(12) on 16 without a bias) less its 48 bias + 3 described
    no layer; the masks are of the kernels the reading has."""
    _, printed = load_print(REAL / "tf_keras/pruned_recurrent.truth.json")
    assert " 2739  " in printed
    report = api.check_text(printed.replace(" 2739  ", " 2643  "))
    [total] = [f for f in report.findings if f.code == "SA201"]
    assert total.severity.value == "error"


def test_a_class_times_two_is_no_class_with_a_note() -> None:
    """Item 6: `Conv2D * 2` is two layers in one row, not a Conv2D with a note."""
    from summaryaudit.layer_classes import annotated_class

    assert annotated_class("Conv2D * 2") is None
    assert annotated_class("Dense, *256 units*, *ReLU activation*") == "Dense"
    assert annotated_class("Conv3D, *3x3x3*, *stride=1*") == "Conv3D"


def test_the_missing_lines_warning_claims_no_check_that_was_skipped() -> None:
    """Item 7: with a row left out, SA206 is skipped, and SA003 says nothing of it."""
    _, printed = load_print(REAL / "keras3/cnn_bn.truth.json")
    pasted = kept_only(printed, "Trainable")
    row = next(line for line in pasted.splitlines() if "(MaxPooling2D)" in line)
    report = api.check_text(pasted.replace(row, "..."))
    [missing] = [f for f in report.findings if f.code == "SA003"]
    assert "only that the rows hold" not in missing.message


# --------------- review 88 (of trials 88–89's fixes and review 87's), items 1–6


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_one_size_dividing_an_edited_count_is_no_filters_the_row_below_refutes(
    generation: str,
) -> None:
    """Item 1: 1,769,468 (edited from 1,769,472) has one divisor beginning with 2 (2), but the
    BatchNormalization below holds 4 × 256: no filters are worked out."""
    _, printed = load_print(REAL / f"{generation}/fully_convolutional_filters_cut.truth.json")
    assert printed.count("1769472") == 1
    report = api.check_text(printed.replace("1769472", "1769468"))
    [summary] = report.summaries
    assert summary.audit is not None
    rows = {
        layer.name: row.derivation or "" for layer, row in zip(summary.layers, summary.audit.rows)
    }
    assert "2 filters" not in rows["decoder_stage0a_conv"]
    assert "cannot be solved" in rows["decoder_stage0a_conv"]


@pytest.mark.parametrize("note", ["Loading model...", "(header removed)", "cutoff = 0.5"])
def test_a_note_between_title_and_rows_that_only_sounds_like_a_cut_is_a_note(note: str) -> None:
    """Item 2: only a mark of rows left out (`...`, `# (first layers omitted)`) is one."""
    truth, printed = load_print(REAL / "keras2.3.1/cnn_bn.truth.json")
    report = api.check_text(rows_under_a_title(printed, note))
    [summary] = report.summaries
    assert summary.model_name == truth["model_name"]
    [missing] = [f for f in report.findings if f.code == "SA003"]
    assert missing.message.startswith("table without totals")


def test_rows_cut_below_are_said_so_in_the_totals_reasons_too() -> None:
    """Item 3: the Total's bound said '1 elided gap' for rows left out below the last one."""
    _, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("flatten_1"))
    end = next(i for i, line in enumerate(lines) if set(line.strip()) == {"="} and i > at)
    pasted = "\n".join([*lines[:at], "...", *lines[end:]]) + "\n"
    [summary] = api.check_text(pasted).summaries
    assert summary.coverage is not None
    sentence = summary.coverage.sentence()
    assert "rows left out below the last one shown" in sentence
    assert "elided gap" not in sentence


def test_headless_rows_of_a_class_and_a_note_are_no_inputs() -> None:
    """Item 4: `Conv2D (3x3, 32) (None, 26, 26, 32) 320` rows without a header were typed
    InputLayer by their place (no inbound layer): false SA103 errors."""
    truth, _ = load_print(REAL / "tf1.14/tutorial_cnn.truth.json")
    notes = {"Conv2D": " (3x3, relu)", "MaxPooling2D": " (2x2)", "Flatten": ""}
    notes |= {"Dense": " (64, relu)"}
    lines = []  # no header, no rules, no totals; the Flatten written plain, without a note
    for layer in truth["layers"]:
        shape = shape_text(layer["output_shape"])
        lines.append(f"{layer['type']}{notes[layer['type']]} {shape} {layer['params']:,}")
    report = api.check_text("\n".join(lines) + "\n")
    assert "SA103" not in [f.code for f in report.findings]
    [summary] = report.summaries
    assert "InputLayer" not in [layer.type for layer in summary.layers]
    assert summary.layers  # (rows are read: before, each was an InputLayer by its place)


def test_a_class_with_a_footnote_mark_is_that_class() -> None:
    """Item 5: `Dense *` (a footnote below the table) lost its class, and an edit its SA101."""
    from summaryaudit.layer_classes import annotated_class

    assert annotated_class("Dense *") == "Dense"
    assert annotated_class("Dense **") == "Dense"
    assert annotated_class("Conv2D * 2") is None


def test_a_cut_reference_is_not_guessed_where_total_shows_rows_missing() -> None:
    """Item 6: a row deleted without a mark takes its own reference with it; Total shows rows
    missing, so the cut reference may name the deleted row: its input is not guessed."""
    _, printed = load_print(REAL / "tf2.0/tnet_names_cut_with_their_inbound.truth.json")
    lines = printed.splitlines()
    at = next(
        i
        for i, line in enumerate(lines)
        if " 2048        input_transformation_block_1_1_de" in line
    )
    pasted = "\n".join([*lines[:at], *lines[at + 2 :]]) + "\n"  # the row and its rule gone
    report = api.check_text(pasted)
    assert "SA201" in [f.code for f in report.findings]
    [summary] = report.summaries
    assert summary.audit is not None
    counts = [layer.params for layer in summary.layers]
    derivation = summary.audit.rows[counts.index(131328)].derivation or ""
    assert "512 × 256" not in derivation  # (its input not taken from a guess)
