"""Trials 58–59: the pastes read wrong, rebuilt on real prints with their damage applied as
code."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api
from summaryaudit.records import Audit

from .conftest import FIXTURES
from .real_prints import audited_row, checked_as_truth, load_print, paste_ends_inside
from .test_cli import run

REAL = FIXTURES / "real"

# --------------- 58d's 003: a print on one line, cut after the first letter of a row's name


def on_one_line_cut_after(printed: str, row: str, letters: int) -> str:
    """A page that joined a print's lines with a space, and an excerpt that ends `letters`
    letters into the row named `row`."""
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{row} "))
    return " " + " ".join([*lines[:at], lines[at][:letters]]) + "\n"


def test_a_print_on_one_line_cut_inside_a_name_reports_the_row_it_ends_in() -> None:
    """Before: the trailing `d` was dropped without a word, and the table was taken as whole."""
    _, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    pasted = re.sub(" +", " ", on_one_line_cut_after(printed, "dense_1", 1))  # and spaces collapsed
    assert pasted.endswith("_ d\n") and "\n" not in pasted[:-1]
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [
        "conv2d_1",
        "batch_normalization_1",
        "max_pooling2d_1",
        "flatten_1",
    ]
    said = {(finding.code, finding.message) for finding in report.findings}
    assert paste_ends_inside("d") in said
    assert {code for code, _ in said} == {"SA001", "SA003"}
    assert summary.audit is not None
    assert "1 unreadable line" in summary.audit.coverage.not_verified


# --------------- 57a's 002: a README that set each line as a list item, cells ended by dashes


def as_a_dashed_list(printed: str) -> str:
    """Each line of a Keras 2 print as a Markdown list item, the `_` rules between rows and the
    `=` rules left out, a blank line under the header, and `-----` glued to the end of the
    layer and shape cells."""
    out = []
    for line in printed.splitlines():
        if set(line.strip()) <= {"_", "="}:
            continue
        if line.startswith("Model:") or "params:" in line:
            out.append(f"- {line}")
            continue
        cells = [line[:29].rstrip(), line[29:55].rstrip(), line[55:]]
        out.append(f"- {cells[0] + '-----':<34}{cells[1] + '-----':<31}{cells[2]}")
        if line.startswith("Layer (type)"):
            out.append("")
    return "\n".join(out) + "\n"


def dashed_list_audit(case: str, shown: str) -> tuple[int, Audit]:
    """The audit of a real print set as a dashed list (showing `shown`), which reads as its
    model with no finding; with the model's row count."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = as_a_dashed_list(printed)
    assert shown in pasted
    report, summary = checked_as_truth(pasted, truth)
    assert report.findings == ()
    assert summary.audit is not None
    return len(truth["layers"]), summary.audit


def test_rows_set_as_list_items_with_dashes_after_their_cells_are_read() -> None:
    """Before: each row's name was `- lstm (LSTM)-----`, with no class: nothing was checked."""
    shown = "- lstm (LSTM)-----                  (None, 10, 12)-----            1392"
    rows, audit = dashed_list_audit("tf2.0/rnn_stack", shown)
    assert audit.coverage.rows_verified == rows


# --------------- 56c's 006: an author's class named in small letters, `attention (attention)`


def test_a_class_of_the_authors_in_small_letters_is_taken_as_printed() -> None:
    """Before: the row was read as Keras's `Attention`, "inferred from its default name", though
    Keras prints a class as it is named and the other rows show their classes' capitals."""
    truth, printed = load_print(REAL / "tf2.12/author_attention_class_in_small_letters.truth.json")
    assert " attention (attention)       (None, 2)                 22 " in printed
    report, summary = checked_as_truth(printed, truth)
    assert summary.audit is not None
    assert [row.type for row in summary.audit.rows] == [row["type"] for row in truth["layers"]]
    [finding] = report.findings
    assert (finding.code, finding.layer) == ("SA901", "attention")
    assert finding.message == (
        "attention is an attention, a layer type summaryaudit has no formula for, so its count "
        "of 22 is not checked; 22 = 2 + 20 is the tutorials' layer: a weight per feature and a "
        "bias per time step"
    )


def test_a_table_in_small_letters_throughout_still_reads_keras_classes() -> None:
    """Where every class is in small letters (33a's 005), they are Keras's classes retyped."""
    truth, printed = load_print(REAL / "tf2.12/author_attention_class_in_small_letters.truth.json")
    lowered = re.sub(r"\((InputLayer|SimpleRNN|Dense)\)", lambda m: f"({m[1].lower()})", printed)
    assert " dense (dense) " in lowered
    [summary] = api.check_text(lowered).summaries
    assert [layer.params for layer in summary.layers] == [row["params"] for row in truth["layers"]]
    assert summary.audit is not None
    types = [row.type for row in summary.audit.rows]
    assert types == ["InputLayer", "SimpleRNN", "Attention", "Dense"]


# --------------- 56b's 010: a README that set each line of a print as a paragraph of its own


def as_paragraphs(printed: str) -> str:
    """A tf.keras 2.7+ print without its title, header, rules and blank rows, each line's blank
    lost and a blank line after every line (a README whose Markdown made each line a
    paragraph), the table's end left out as `...` above the totals."""
    kept = [
        line.strip()
        for line in printed.splitlines()
        if line.strip()
        and not set(line.strip()) <= {"_", "="}
        and not line.startswith(("Model:", " Layer (type)"))
    ]
    at = next(i for i, line in enumerate(kept) if line.startswith("Total params"))
    return "\n\n".join([*kept[:at], "...", *kept[at:]]) + "\n"


def test_a_print_set_as_paragraphs_is_one_summary_with_its_wrapped_classes() -> None:
    """Before: each class the column wrapped (`ormalization)`, `)`, after a blank line) ended
    the rows read so far: four summaries, three without totals."""
    truth, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    pasted = as_paragraphs(printed)
    wrapped = "\n\nbatch_normalization (BatchN  (None, 26, 26, 32)       128\n\normalization)\n\n"
    assert wrapped in pasted
    assert "\n\nmax_pooling2d (MaxPooling2D  (None, 13, 13, 32)       0\n\n)\n\n" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers if layer.params is not None] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]
    assert report.findings == ()


# --------------- 59d's 011, 012: what a SeparableConv2D count leaves open is said


def test_a_separable_count_read_without_a_bias_names_the_reading_with_one() -> None:
    """Before: `use_bias=False` was said flatly, though 33,920 = 7 × 128 + 128 × 256 + 256
    (a 1×7 kernel with a bias) as well as 9 × 128 + 128 × 256 (3×3 without one)."""
    truth, printed = load_print(REAL / "keras3/separable_without_bias.truth.json")
    _, summary = checked_as_truth(printed, truth)
    assert summary.audit is not None
    sep = audited_row(summary, "sep3x3").derivation or ""
    assert sep == (
        "33,920 = K × 128 × 1 + 128 × 1 × 256 (depthwise + pointwise) → K = 9 → kernel 3×3 (or "
        "1×9, 9×1) (depth_multiplier 1; use_bias=False (with a bias K would be 7: 1×7, 7×1, no "
        "square kernel))"
    )


def derivation_in_a_clean_print(case: str, row: str) -> str:
    """A row's derivation in a real print that reads as its model and has no finding."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    return audited_row(summary, row).derivation or ""


def test_a_separable_first_row_on_one_channel_says_the_channels_are_forced() -> None:
    """Before: `e.g. 1 channel, depth_multiplier 1`, as if other readings were possible."""
    derived = derivation_in_a_clean_print(
        "keras3/separable_first_on_one_channel", "separable_conv2d"
    )
    assert derived == (
        "17 = K × C × dm + C × dm × 4 + 4 → C × dm × (K + 4) = 13 → C × dm = 1 with a 3×3 kernel "
        "(input channels not shown; so 1 channel, depth_multiplier 1)"
    )


# --------------- a cut add-on class is not called a Keras class (58's review, left then)


def test_a_cut_add_on_class_is_completed_from_the_add_ons_not_from_keras() -> None:
    """Before: the footnote said `the known Keras classes` for tensorflow-addons' layer."""
    _, printed = load_print(REAL / "tf2.12/instance_normalization_layers.truth.json")
    pasted = re.sub(r"(?m)^ [A-Za-z]*\) +\n", "", printed)  # the wrapped class ends lost
    assert " instance_normalization (Ins  (None, 32, 32, 64)" in pasted
    assert "tanceNormalization)" not in pasted
    out = run(["check", "-"], pasted.encode())[1]
    assert "  InstanceNormalization*  " in out
    note = (
        "* the print cut these class names (Ins, I): completed from the known classes of Keras "
        "and its add-ons and the layer's name"
    )
    assert note in out.splitlines()


# --------------- 60c's 015: no block named frozen where moving statistics make up the rest


def test_moving_statistics_alone_are_named_beside_a_nested_block_frozen() -> None:
    """Before: only `the counts fit sequential frozen (384) and 192 more in the other rows`,
    though nothing is frozen: the four BatchNormalization layers' moving statistics are the
    576. Both readings are said (the review: a GAN's even discriminator keeps its reading)."""
    truth, printed = load_print(REAL / "keras3/pix2pix_blocks_as_nested_sequentials.truth.json")
    assert not any(row["trainable"] is False and row["params"] for row in truth["layers"])
    assert truth["totals"]["non_trainable"] == 2 * (64 + 128 + 64 + 32)
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    assert summary.audit is not None
    [bound] = [c for c in summary.audit.coverage.totals if c.name.startswith("Non-trainable")]
    assert bound.reason == (
        "the rows verified hold none of Non-trainable's 576; all of them sit in sequential, "
        "sequential_1, sequential_2, sequential_3 and 1 more (counts not verified) or are frozen "
        "layers' weights; the counts fit sequential frozen (384) and 192 more in the other rows, "
        "as their BatchNormalization layers' moving statistics would be; or nothing is frozen "
        "and all 576 are moving statistics of BatchNormalization layers inside these rows"
    )


# --------------- 60d's 002: names that fill the Layer column and begin with `input_`


def test_rows_named_after_an_input_transformation_are_not_input_layers() -> None:
    """Before: PointNet's `input_transformation_block_…` rows, their class pushed out of the
    column by the name, were read as InputLayer: false SA103 errors on a Dense (153) and a
    BatchNormalization (64), and the Dot of two inbound layers an InputLayer too."""
    truth, printed = load_print(
        REAL / "tf2.0/pointnet_input_transform_names_fill_the_column.truth.json"
    )
    assert "\ninput_transformation_block_fina (None, 9)            153 " in printed
    report = api.check_text(printed)
    assert report.findings == ()
    [summary] = report.summaries
    assert summary.audit is not None
    names = [layer.name for layer in summary.layers]
    inputs = [name for name, row in zip(names, summary.audit.rows) if row.type == "InputLayer"]
    assert inputs == ["input_1"]
    assert summary.audit.coverage.rows_verified == len(truth["layers"])


# --------------- 60a's 012: EEGNet's temporal convolution, 1×32 without a bias


def test_a_long_kernel_read_with_a_bias_names_the_reading_without_one() -> None:
    """Before: `256 = 8 × (K × 1 + 1) → K = 31 → kernel 1×31` alone, though EEGNet's 1×32
    without a bias (what the model has) gives 256 as well."""
    derived = derivation_in_a_clean_print("tf2.12/eegnet_temporal_conv_without_bias", "conv2d")
    assert derived == (
        "256 = 8 filters × (K × 1 channel + 1) → K = 31 → kernel 1×31 (or 31×1); or, with "
        "use_bias=False, K = 32 → kernel 4×8 (or 8×4, 2×16, 16×2, 1×32, …)"
    )


# --------------- 61a's 004: a subclassed model's blocks given one name


def test_blocks_a_subclassed_model_gave_one_name_are_an_info_not_an_edit() -> None:
    """Before: a warning that `Keras gives every layer of a model a name of its own`, so a
    row was pasted more than once; a subclassed model keeps and prints each block."""
    truth, printed = load_print(REAL / "keras3/subclassed_model_blocks_sharing_a_name.truth.json")
    names = [row["name"] for row in truth["layers"]]
    assert names.count("transformer_encoder") == 3
    report = api.check_text(printed)
    [finding] = [f for f in report.findings if f.code == "SA402"]
    assert finding.severity.value == "info"
    assert finding.message == (
        "transformer_encoder is printed 3 times (lines 7, 10 and 13), alike, with the output "
        "shape ?, as a subclassed model prints its layers: a Functional or Sequential model "
        "refuses two layers of one name, but a subclassed model keeps layers given the same "
        "name (a list of blocks, each built with name='transformer_encoder') and prints each; if "
        "this model is not subclassed, a row was pasted more than once"
    )


def test_a_subclassed_models_block_pasted_twice_is_still_a_warning() -> None:
    """The same rows with one pasted again: Total counts it once, so SA402 stays a warning."""
    _, printed = load_print(REAL / "keras3/subclassed_model_blocks_sharing_a_name.truth.json")
    lines = printed.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("│ head (Dense)"))
    pasted = "".join([*lines[:at], *lines[at - 3 : at], *lines[at:]])
    assert pasted.count("│ transformer_encoder ") == 4
    found = [f for f in api.check_text(pasted).findings if f.code == "SA402"]
    assert [f.severity.value for f in found] == ["warning"]


# --------------- 61d's 001: a row pasted twice is named as a cause only where one could be


def test_a_difference_no_row_holds_is_not_put_down_to_a_row_pasted_twice() -> None:
    """Before: `a row's count was raised, or a row was pasted twice` for rows 1,000 over
    Total, though no row holds 1,000."""
    _, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    pasted = printed.replace("(None, 10)                54090", "(None, 10)                55090")
    assert pasted != printed
    [total] = [f for f in api.check_text(pasted).findings if f.code == "SA201"]
    assert "(a difference of 1,000): a row's count was raised, or the total was edited" in (
        total.message
    )
    assert "pasted twice" not in total.message


# --------------- the review of trials 58–60: each reading holds at its edges


@pytest.mark.parametrize("blank_lines_above", range(9))
def test_a_print_set_as_paragraphs_reads_whichever_batch_its_lines_fall_in(
    blank_lines_above: int,
) -> None:
    """The paste repairs take lines eight at a time: before, a row that left its class open as
    the last line of a batch, the blank line first in the next, was not undoubled."""
    truth, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    # (the pooling's class joined back onto its row: one wrapped class, at one place)
    pasted = "\n" * blank_lines_above + as_paragraphs(printed).replace(
        "max_pooling2d (MaxPooling2D  (None, 13, 13, 32)       0\n\n)\n",
        "max_pooling2d (MaxPooling2D) (None, 13, 13, 32)      0\n",
    )
    assert "\n\normalization)\n" in pasted and "\n\n)\n" not in pasted
    [summary] = api.check_text(pasted).summaries
    assert [(layer.name, layer.params) for layer in summary.layers if layer.params is not None] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]


def test_dashes_glued_after_an_input_list_are_undone_too() -> None:
    """`[(None, 4096)]-----`: before, the dashes stayed in the shape, and the Dense's input
    size was solved from its count instead of read from the input's row."""
    _, audit = dashed_list_audit("tf2.0/big_dense", "[(None, 4096)]-----")
    assert audit.coverage.consistent_only == ()


def test_a_keras_class_retyped_in_small_letters_is_still_checked() -> None:
    """`dense (dense)` beside classes in capitals, its count edited: Keras's Dense can hold a
    count, just not this one, so the row is a retyped Dense and the edit an error (SA101)."""
    _, printed = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    pasted = printed.replace(
        " dense (Dense)               (None, 10)                54090 ",
        " dense (dense)               (None, 10)                54100 ",
    )
    pasted = pasted.replace("54,538", "54,548").replace("54,474", "54,484")
    assert " dense (dense) " in pasted and "54100" in pasted
    found = [(f.code, f.layer) for f in api.check_text(pasted).findings]
    assert ("SA101", "dense") in found


def test_a_dot_of_two_vectors_is_guessed_and_rebuilt_as_a_dot() -> None:
    """A siamese network's cosine similarity, its class pushed out by its name: `(None, 1)`
    over two `(None, 64)` inputs, which no Add or Concatenate gives."""
    path = REAL / "tf2.0/cosine_similarity_named_past_the_column.txt"
    _, printed = load_print(path.with_name(path.stem + ".truth.json"))
    [summary] = api.check_text(printed).summaries
    assert summary.audit is not None
    [row] = [
        audited
        for layer, audited in zip(summary.layers, summary.audit.rows)
        if layer.name.startswith("cosine_similarity")
    ]
    assert row.derivation == (
        "0: the class is cut off or not printed; each class it could be (Dot, Attention, "
        "AdditiveAttention) would give 0"
    )
    code = run(["rebuild", str(path)])[1]
    assert "keras.layers.Dot(axes=(1, 1), name='cosine_similarity_of_the_two_embe')" in code


def test_a_frozen_discriminator_of_an_even_count_keeps_its_reading() -> None:
    """A GAN whose frozen discriminator holds 86: the frozen reading stays, beside the reading
    with nothing frozen (which an even count allows)."""
    _, printed = load_print(REAL / "tf2.12/gan_combined.truth.json")
    pasted = re.sub(r"(discriminator \(Sequential\) +\(None, 1\) +)85 ", r"\g<1>86 ", printed)
    pasted = pasted.replace("Total params: 497", "Total params: 498")
    pasted = pasted.replace("Non-trainable params: 117", "Non-trainable params: 118")
    assert pasted != printed
    [summary] = api.check_text(pasted).summaries
    assert summary.audit is not None
    note = " ".join(check.reason for check in summary.audit.coverage.totals)
    assert "the counts fit discriminator frozen (86) and 32 more in generator" in note
    assert "or nothing is frozen and all 118 are moving statistics" in note


# --------------- 61b's 008, 012: rows quoted from the middle of a table, a name filling the
# Layer column and its class alone on the next line


def test_rows_from_the_middle_whose_class_is_wrapped_alone_are_read() -> None:
    """Before: the first row (`tf.__operators__.getitem_1  (None, 3)` over `(SlicingOpLambda)`)
    was dropped without a word, or no table was found at all."""
    truth, printed = load_print(REAL / "tf_keras/slicing_ops_named_past_the_column.truth.json")
    lines = printed.splitlines(keepends=True)
    start = next(
        i for i, line in enumerate(lines) if line.startswith(" tf.__operators__.getitem_1")
    )
    end = next(i for i, line in enumerate(lines) if line.startswith("====") and i > start)
    assert lines[start + 1].strip() == "(SlicingOpLambda)"
    report = api.check_text("".join(lines[start:end]))
    [summary] = report.summaries
    names = [row["name"] for row in truth["layers"]]
    assert [layer.name for layer in summary.layers] == names[
        names.index("tf.__operators__.getitem_1") :
    ]
    assert summary.layers[0].type == "SlicingOpLambda"
    assert [(f.code, f.message) for f in report.findings][1:] == [
        (
            "SA401",
            "concatenate is connected to 'tf.__operators__.getitem', which has no row: it is "
            "among the rows the paste left out where line 1 marks them",
        )
    ]
    assert report.findings[0].code == "SA003"  # rows from the middle of a table


def test_two_rows_whose_classes_are_wrapped_alone_are_read_with_nothing_else() -> None:
    """Before: `no Keras model.summary() table was found` (61b's 012)."""
    _, printed = load_print(REAL / "tf_keras/slicing_ops_named_past_the_column.truth.json")
    lines = printed.splitlines(keepends=True)
    start = next(
        i for i, line in enumerate(lines) if line.startswith(" tf.__operators__.getitem_1")
    )
    row, wrapped = lines[start], lines[start + 1]
    pasted = row + wrapped + " " * 98 + "\n" + row.replace("getitem_1 ", "getitem_2 ") + wrapped
    [summary] = api.check_text(pasted).summaries
    assert [(layer.name, layer.type) for layer in summary.layers] == [
        ("tf.__operators__.getitem_1", "SlicingOpLambda"),
        ("tf.__operators__.getitem_2", "SlicingOpLambda"),
    ]
