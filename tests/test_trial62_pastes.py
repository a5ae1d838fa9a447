"""Review items of session 23 and trial 62: prints on one line cut inside a row, and a stand-in
class named as the rebuilt module binds; the damage applied as code to real prints."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    checked_as_truth,
    load_print,
    paste_ends_inside,
    shape_text,
    totals_lines,
)

REAL = FIXTURES / "real"


def on_one_line_cut_inside(printed: str, row: str, shown: str) -> str:
    """A page that joined a print's lines with a space and collapsed its blanks, in an excerpt
    that ends after `shown` of the row named `row` (`shown` as the collapsed line begins)."""
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"{row} "))
    joined = re.sub(" +", " ", " ".join(lines[:at]))
    assert re.sub(" +", " ", lines[at]).strip().startswith(shown)
    return f"{joined} {shown}\n"


def _said(text: str) -> tuple[list[str], set[tuple[str, str]]]:
    report = api.check_text(text)
    [summary] = report.summaries
    names = [layer.name for layer in summary.layers]
    return names, {(finding.code, finding.message) for finding in report.findings}


KERAS2_ROWS = ["conv2d_1", "batch_normalization_1", "max_pooling2d_1", "flatten_1"]
TF212_ROWS = ["conv2d", "batch_normalization", "max_pooling2d", "flatten"]


@pytest.mark.parametrize(
    ("generation", "row", "shown", "rows", "unseen"),
    [
        # a Keras 2 print: `_` rules between the rows, the excerpt ends after a whole class
        ("keras2.2.4", "dense_1", "dense_1 (Dense)", KERAS2_ROWS, "shape and count are"),
        # … or after the shape: a row of its name, class and shape, its count not shown (a
        # row with no count is a row since 81c's 011)
        (
            "keras2.2.4",
            "dense_1",
            "dense_1 (Dense) (None, 10)",
            [*KERAS2_ROWS, "dense_1"],
            "count is",
        ),
        # tf.keras 2.12: no rules between rows, class ends wrapped after the counts
        ("tf2.12", "dense", "de", TF212_ROWS, "shape and count are"),
        ("tf2.12", "dense", "dense (Dense)", TF212_ROWS, "shape and count are"),
        # the last whole row's class wrapped (`max_pooling2d (MaxPooling2D … 0 )`, the review's
        # 6a): that row was lost with the cut
        ("tf2.12", "flatten", "fl", TF212_ROWS[:3], "shape and count are"),
        # one whole row only before the cut (the review's 6b): it was an unread line
        ("tf2.12", "batch_normalization", "ba", TF212_ROWS[:1], "shape and count are"),
        (
            "tf2.12",
            "batch_normalization",
            "batch_normalization (BatchN",
            TF212_ROWS[:1],
            "shape and count are",
        ),
    ],
)
def test_a_print_on_one_line_cut_inside_a_row_reports_the_row_it_ends_in(
    generation: str, row: str, shown: str, rows: list[str], unseen: str
) -> None:
    """Before: the Keras 2 cuts were dropped without a word; the tf.keras 2.12 ones lost the
    flatten row into an unread line (`flatten (Flatten) (None, 5408) 0 de`) or read a row named
    `flatten (Flatten)dense (Dense)`."""
    _, printed = load_print(REAL / generation / "cnn_bn.truth.json")
    pasted = on_one_line_cut_inside(printed, row, shown)
    assert "\n" not in pasted[:-1]
    names, said = _said(pasted)
    assert names == rows
    assert paste_ends_inside(shown, f"its {unseen} not shown") in said
    assert {code for code, _ in said} == {"SA001", "SA003"}


def test_a_whole_last_row_on_one_line_is_read_not_reported() -> None:
    """The passing side: the same tf.keras 2.12 print cut after the dense row's count."""
    _, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    pasted = on_one_line_cut_inside(printed, "dense", "dense (Dense) (None, 10) 54090")
    names, said = _said(pasted)
    assert names == [*TF212_ROWS, "dense"]
    assert {code for code, _ in said} == {"SA003"}


def test_a_wrapped_class_end_after_an_open_row_stays_its_continuation() -> None:
    """The print cut inside the wrapped end of `max_pooling2d (MaxPooling2D` (`)` alone after
    the count): that row is whole, not cut, and no row is invented."""
    _, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    pasted = on_one_line_cut_inside(printed, "flatten", "fl").removesuffix(" fl\n").rstrip() + "\n"
    assert pasted.endswith(" 0 )\n")
    names, said = _said(pasted)
    assert names == TF212_ROWS[:3]
    assert {code for code, _ in said} == {"SA003"}


def test_a_print_on_one_line_cut_inside_a_wrapped_class_end_keeps_that_row() -> None:
    """Cut inside `ormalization)`, the end of `batch_normalization (BatchN`, written after the
    row's count: before, the whole row was one unread line and the row was lost."""
    _, printed = load_print(REAL / "tf2.12" / "cnn_bn.truth.json")
    pasted = on_one_line_cut_inside(printed, "max_pooling2d", "m").removesuffix(" m\n")
    pasted = pasted.rstrip().removesuffix("ormalization)").rstrip() + " ormaliz\n"
    assert pasted.endswith(" 128 ormaliz\n")
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        ("conv2d", "Conv2D", 320),
        ("batch_normalization", "BatchNormalization", 128),
    ]
    assert {finding.code for finding in report.findings} == {"SA003"}


# --------------- 62c's 005: a README's Keras 3 box, its first line written on the code fence


def header_on_the_fence(printed: str) -> str:
    """A README's code block whose opening fence holds the header (its `┃ ` edge taken off)
    and leaves out the title and the box's top border."""
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    assert lines[at].startswith("┃ ") and lines[at - 1].startswith("┏")
    body = ["```" + lines[at].removeprefix("┃ "), *lines[at + 1 :], "```"]
    return "## Model Summary\n\n" + "\n".join(body) + "\n\nThe base is frozen.\n"


def test_a_box_whose_header_is_on_the_code_fence_is_read() -> None:
    """Before: the header was the fence's language name; 18 lines were read as rows named by
    their borders, each an SA001, and no count was checked."""
    path = REAL / "keras3" / "augmentation_then_application_base.txt"
    truth, printed = load_print(path.with_suffix(".truth.json"))
    pasted = header_on_the_fence(printed)
    assert "```Layer (type)" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [layer["name"] for layer in truth["layers"]]
    assert [layer.params for layer in summary.layers] == [0, 7, 23_564_800]
    assert summary.totals.total is not None and summary.totals.total.value == 23_564_807
    assert report.findings == ()


def test_a_fence_named_for_a_language_is_no_summary_line() -> None:
    """The passing side: ```` ```python ```` above code is a fence, not a header."""
    _, printed = load_print(REAL / "keras3" / "augmentation_then_application_base.truth.json")
    pasted = "```python\nmodel.summary()\n```\n\n```\n" + printed + "```\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert len(summary.layers) == 3 and report.findings == ()


# --------------- 62c's 009: rows of Non-trainable's unknown part, some verified, some not


def test_non_trainable_bound_says_which_count_is_not_verified() -> None:
    """Before: `sequential, resnet50v2 (counts not verified)`, though resnet50v2's count is a
    keras.applications count, verified."""
    path = REAL / "keras3" / "augmentation_then_application_base.txt"
    [summary] = api.check_text(path.read_text(encoding="utf-8")).summaries
    assert summary.audit is not None
    [said] = [
        check.reason
        for check in summary.audit.coverage.totals
        if check.name.startswith("Non-trainable")
    ]
    assert (
        "all of them sit in sequential, resnet50v2 (the count of sequential is not verified; "
        "what of resnet50v2 is frozen is not shown) or are frozen layers' weights"
    ) in said
    assert "counts not verified" not in said


# --------------- 63b's 009: a Connected to print, blanks collapsed, cut at a row's first letters


def collapsed_without_rules(printed: str) -> list[str]:
    """A Q&A page's copy of a print: every run of blanks one space, the `_` rules left out."""
    return [
        re.sub(" +", " ", line).strip()
        for line in printed.splitlines()
        if not set(line.strip()) <= set("_")
    ]


@pytest.mark.parametrize(
    ("cut_before", "rows"),
    [
        ("dense_2 ", ["input_1", "input_2", "concatenate_1", "dense_1"]),
        # under the second line of concatenate_1's Connected to list (`input_2[0][0]`)
        ("dense_1 ", ["input_1", "input_2", "concatenate_1"]),
    ],
)
def test_a_cut_row_below_a_connected_to_list_is_reported_not_joined_to_it(
    cut_before: str, rows: list[str]
) -> None:
    """Before: the `de` was read as one more line of the Connected to list above, without a
    word (63b's 009: the next row's input then counted as not shown)."""
    lines = collapsed_without_rules(
        (REAL / "keras2.2.4" / "big_dense_two_inputs.txt").read_text(encoding="utf-8")
    )
    at = next(i for i, line in enumerate(lines) if line.startswith(cut_before))
    pasted = "\n".join([*lines[:at], "de"]) + "\n"
    names, said = _said(pasted)
    assert names == rows
    assert paste_ends_inside("de") in said
    assert {code for code, _ in said} == {"SA001", "SA003"}


def test_a_connected_to_list_going_on_below_its_row_is_still_read() -> None:
    """The passing side: the list's second line, `input_2[0][0]`, last in the paste."""
    lines = collapsed_without_rules(
        (REAL / "keras2.2.4" / "big_dense_two_inputs.txt").read_text(encoding="utf-8")
    )
    at = next(i for i, line in enumerate(lines) if line.startswith("dense_1 "))
    assert lines[at - 1] == "input_2[0][0]"
    names, said = _said("\n".join(lines[:at]) + "\n")
    assert names == ["input_1", "input_2", "concatenate_1"]
    assert {code for code, _ in said} == {"SA003"}


# --------------- 63b's 007: a README's Keras 3 box, its header's edge and top border in bold


def header_after_bold(printed: str) -> str:
    """A README that set a title and the print in bold: `**Model Overview` over a blank line,
    then `** ` in place of the top border and the header's `┃ ` edge, `**` after the last
    totals line."""
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    assert lines[at].startswith("┃ ") and lines[at - 1].startswith("┏")
    body = ["** " + lines[at].removeprefix("┃ "), *lines[at + 1 :]]
    body[-1] += "**"
    return "**Model Overview\n\n" + "\n".join(body) + "\n** Optimizer: Adam**\n"


def test_a_box_whose_header_edge_is_a_bold_mark_is_read() -> None:
    """Before: the box was read as a tf.keras 2.7+ table of its border lines, nine SA001s."""
    truth, printed = load_print(REAL / "keras3" / "application_base_frozen.truth.json")
    pasted = header_after_bold(printed)
    assert "\n** Layer (type)" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == [layer["name"] for layer in truth["layers"]]
    assert [layer.params for layer in summary.layers] == [
        layer["params"] for layer in truth["layers"]
    ]
    clean = api.check_text(printed)  # what the print says as Keras wrote it: SA203's info
    assert [(f.code, f.message) for f in report.findings] == [
        (f.code, f.message) for f in clean.findings
    ]
    assert {f.code for f in report.findings} == {"SA203"}


# --------------- 63a's 002: a tied embedding's count and its backbone's, both cut


def test_rows_not_shown_that_may_tie_weights_may_add_up_to_more() -> None:
    """Before: `what is not shown must hold the other 65,636,352`, where the tied
    ReversibleEmbedding's rows add up to more (its matrix is the backbone's too)."""
    path = REAL / "keras3" / "tied_embedding_both_cut_line_length40.txt"
    [summary] = api.check_text(path.read_text(encoding="utf-8")).summaries
    assert summary.audit is not None
    [said] = [
        check.reason for check in summary.audit.coverage.totals if check.name.startswith("Total")
    ]
    assert said.endswith(
        "what is not shown must hold the other 65,636,352, each weight counted once in Total; "
        "reverse_embedd…, of a class made to tie weights, may reuse a matrix another row holds, "
        "so the counts not shown may add up to more"
    )


# --------------- 64c's 013: a README's Markdown table whose header misspells `Layer`


def as_a_readme_table(truth: dict, layer_title: str) -> str:  # type: ignore[type-arg]
    """A README's Markdown table of a real model's rows and totals, as an author retyped it,
    its first title `layer_title`."""
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} | "
        f"{layer['params']} |"
        for layer in truth["layers"]
    ]
    head = [f"| {layer_title} | Output Shape | Param # |", "|---|---|---|"]
    return "\n".join(["# Network Architecture", "", *head, *rows, *totals_lines(truth)]) + "\n"


@pytest.mark.parametrize("title", ["Lyaer (type)", "Layr (type)", "Layer (type)"])
def test_a_markdown_header_that_misspells_layer_is_read(title: str) -> None:
    """Before: `Lyaer (type)` was no header, and no summary was found (SA002)."""
    truth, _ = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    pasted = as_a_readme_table(truth, title)
    report, _ = checked_as_truth(pasted, truth)
    assert {finding.code for finding in report.findings} <= {"SA901"}


def test_a_fixed_header_that_misspells_layer_is_read() -> None:
    """The same in fixed columns: `Lyaer (type)` over the real print's rows."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    assert "Layer (type) " in printed
    checked_as_truth(printed.replace("Layer (type) ", "Lyaer (type) "), truth)


# --------------- 64c's 006: a Keras 1 print on Python 3, a size its `/` made a float


def test_a_float_size_in_a_shape_is_read_as_its_whole_number() -> None:
    """Before: `(None, 96.0)` was no shape, so the Dense under the Flatten had its input
    size solved from its count, not read (`only as consistent`)."""
    truth, printed = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    flatten = shape_text(
        next(layer for layer in truth["layers"] if layer["type"] == "Flatten")["output_shape"]
    )
    assert flatten == "(None, 5408)" and printed.count(flatten) == 1
    pasted = printed.replace(flatten + "  ", "(None, 5408.0)")  # (the columns kept)
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.audit is not None
    # as in the print itself: the first row's input is not printed in a Sequential
    assert summary.audit.coverage.consistent_only == (("conv2d_1", "input channels"),)
    assert report.findings == ()


# --------------- 65d's 011: rows quoted in a GitHub reply, spacing collapsed, shapes cut


def quoted_from_the_middle(printed: str, first_row: str, cut_inbound_to: str) -> str:
    """A reply quoting rows from the middle of a print: the spacing collapsed, the rules left
    out, `> ` before each row and a quoted blank line after it, the last row's inbound name cut
    where the quote ends."""
    lines = collapsed_without_rules(printed)
    at = next(i for i, line in enumerate(lines) if line.startswith(first_row))
    rows = [line for line in lines[at:] if not line.startswith("=")]
    rows = rows[: next(i for i, line in enumerate(rows) if line.startswith("Total params"))]
    name, _ = rows[-1].rsplit(" ", 1)
    rows[-1] = f"{name} {cut_inbound_to}"
    return "I get this:\n\n" + "\n>\n".join(f"> {row}" for row in rows) + "\n"


def test_quoted_rows_with_cut_shapes_from_the_middle_of_a_print_are_read() -> None:
    """Before: no summary was found (SA002); the region finder took no quoted line for a
    row, and a cut shape or inbound name made the rows no plain ones. A shape cut inside a
    number (`(None, 64, 80, 80, 8 0`) is read; one cut right after a comma (`(None, 64, 160,
    160, 6976`) is reported, not guessed: with the spacing collapsed, `6976` may be the count
    or a size glued to it (Keras 1 prints `13, 132800` for 13 and 2800)."""
    printed = (REAL / "keras2.2.4" / "unet3d_channels_first_shapes_cut.txt").read_text(
        encoding="utf-8"
    )
    pasted = quoted_from_the_middle(printed, "conv3d_1 ", "concatenate_")
    assert "> conv3d_2 (Conv3D) (None, 128, 80, 80, 221312 max_pooling3d_1[0][0]\n>\n" in pasted
    assert pasted.endswith("331840 concatenate_\n")
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        ("max_pooling3d_1", 0),
        ("up_sampling3d_1", 0),
        ("concatenate_1", 0),
    ]
    unread = sorted(
        f.message.split("'")[1].split(" ")[0] for f in report.findings if f.code == "SA001"
    )
    assert unread == ["conv3d_1", "conv3d_2", "conv3d_3"]
    assert all(
        f.message.startswith("could not read this line")
        for f in report.findings
        if f.code == "SA001"
    )


# --------------- 65b's 001: a subclassed model expand_nested opened, its rows adding up


def _audited(text: str, name: str) -> tuple[str, set[str]]:
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.audit is not None
    [at] = [i for i, layer in enumerate(summary.layers) if layer.name == name]
    said = summary.audit.rows[at].derivation
    return said, {f.code for f in report.findings if f.layer == name}


def test_a_subclassed_model_is_verified_by_the_rows_printed_inside_it() -> None:
    """Before: `176: no formula for MultiresolutionCNN, so this count is not checked` (SA901),
    though its two Sequentials printed inside it add up to 176 and their rows are checked."""
    text = (REAL / "keras3" / "subclassed_model_of_two_sequentials_expanded.txt").read_text(
        encoding="utf-8"
    )
    said, codes = _audited(text, "multiresolution_cnn")
    assert said == "176 = the 2 rows printed inside it (72 + 104)"
    assert codes == set()


@pytest.mark.parametrize(
    ("path", "row", "old", "new"),
    [
        # a count past its inner rows' (weights of its own, or an edit)
        ("subclassed_model_of_two_sequentials_expanded", "multiresolution_cnn", "176", "180"),
        # inner rows that add up but are not checked themselves (no formula for Encoder)
        ("subclassed_sublayers_sharing_a_name", "transformer_encoder", "40", "40"),
    ],
)
def test_a_subclassed_model_not_verified_by_its_inner_rows_stays_unverified(
    path: str, row: str, old: str, new: str
) -> None:
    """The passing side: a sum past the count, or of rows no formula checks, verifies
    nothing (the review's 8c)."""
    text = (REAL / "keras3" / f"{path}.txt").read_text(encoding="utf-8")
    cell = f"│{old:>16} │"
    assert text.count(cell) == 1
    said, codes = _audited(text.replace(cell, f"│{new:>16} │"), row)
    assert said.endswith("so this count is not checked")
    assert codes == {"SA901"}


# --------------- 66a's 006: a collapsed print cut after a row's shape, its class cut


def test_a_collapsed_print_cut_after_a_cut_class_and_its_shape_reports_the_row() -> None:
    """Before: `batch_normalization_1 (Batch (None, 26, 26, 32)`, last in the paste, was
    dropped without a word (the class cut by its column had no `)` before the shape)."""
    printed = (REAL / "keras2.2.4" / "cnn_bn.txt").read_text(encoding="utf-8")
    lines = [re.sub(" +", " ", line).strip() for line in printed.splitlines()]
    at = next(i for i, line in enumerate(lines) if line.startswith("batch_normalization_1 "))
    cut = lines[at].rsplit(" ", 1)[0]
    assert cut == "batch_normalization_1 (Batch (None, 26, 26, 32)"
    names, said = _said("\n".join([*lines[:at], cut]) + "\n")
    # (a row of its name, class and shape, its count not shown: a row since 81c's 011)
    assert names == ["conv2d_1", "batch_normalization_1"]
    assert paste_ends_inside(cut, "its count is not shown") in said


# --------------- the review of trials 62–65: continuations that are no cut row


def _big_dense_tf_keras_until_its_wrapped_count() -> list[str]:
    """tf_keras's print of a two-input model up to the dense row, whose count the Param #
    column wrapped (`3355852` over `8`)."""
    lines = (REAL / "tf_keras" / "big_dense_two_inputs.txt").read_text(encoding="utf-8")
    kept = lines.splitlines()[:13]
    assert kept[-1].strip() == "8" and "3355852" in kept[-2]
    return kept


@pytest.mark.parametrize("headless", [False, True])
def test_a_count_wrapped_onto_the_last_line_is_no_cut_row(headless: bool) -> None:
    """The review's 2a and 3: the `8` was read as a row the paste cut (SA001), the count as
    3,355,852 (a false SA101), with the header or, from the middle of the print, with a
    question below it."""
    kept = _big_dense_tf_keras_until_its_wrapped_count()
    if headless:
        at = next(i for i, line in enumerate(kept) if "input_1 (InputLayer)" in line)
        kept = ["My model prints this:", "", *kept[at:], "", "Why is the dense layer so big?"]
    report = api.check_text("\n".join(kept) + "\n")
    [summary] = report.summaries
    assert [layer.params for layer in summary.layers][-1] == 33_558_528
    assert {f.code for f in report.findings} <= {"SA003"}


def test_a_connected_to_entry_cut_before_its_index_is_no_cut_row() -> None:
    """The review's 2b: Keras 2 cuts a long inbound name in its column
    (`merchant_category_dense_projectio` without `[0][0]`): one more entry, not a row."""
    printed = (REAL / "keras2.2.4" / "two_input_long_names.txt").read_text(encoding="utf-8")
    lines = printed.splitlines()
    at = next(
        i
        for i, line in enumerate(lines)
        if line.startswith(" ") and line.strip() == "merchant_category_dense_projectio"
    )
    assert lines[at].startswith(" ") and "[" not in lines[at]
    report = api.check_text("\n".join(lines[: at + 1]) + "\n")
    assert {f.code for f in report.findings} <= {"SA003"}


def test_rows_whose_last_inbound_name_is_cut_and_no_list_above_do_not_crash() -> None:
    """The review's 1: a fragment's rows, the last one's inbound name cut, none above with a
    whole list: an AttributeError stopped the whole run."""
    report = api.check_text("a (Dense) (None, 10) 20\nb (Dense) (None, 10) 110 c\n")
    [summary] = report.summaries
    assert [layer.name for layer in summary.layers] == ["a", "b"]
