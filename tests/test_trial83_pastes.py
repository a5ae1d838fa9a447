"""Trial 83 and the leftovers of earlier trials: the damage applied as code to real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api
from summaryaudit.cell_grammar import read_shapes
from summaryaudit.formats import completed_classes_note

from .conftest import FIXTURES
from .real_prints import checked_as_the_print, checked_as_truth, column_cutter, load_print

REAL = FIXTURES / "real"

# --------------- 82e's 001: a `docker logs -t` stream kept in a commented-out JavaScript string
# of a web page, each line `// \t\t\t"<timestamp> <line>\n"+`


def in_a_javascript_string(printed: str, comment: str) -> str:
    """Each line of a print after a container's timestamp, inside a JavaScript string literal
    joined by `+`, the whole statement maybe commented out line by line."""
    lines = [line.replace("\\", "\\\\").replace('"', '\\"') for line in printed.splitlines()]
    body = [
        f'{comment}\t\t\t"2019-01-31T09:14:20.{412592858 + 1843 * at:09d}Z {line}\\n"+'
        for at, line in enumerate(lines)
    ]
    return f'{comment}\t\t\tlet data = ""+\n' + "\n".join(body) + f'\n{comment}\t\t\t"";\n'


@pytest.mark.parametrize("comment", ["// ", "//", ""], ids=["commented", "glued", "code"])
@pytest.mark.parametrize(
    "case",
    [
        "keras2.2.4/merge_ops",
        "tf2.12/merge_ops",
        "keras3/mlp_bn_sequential",
    ],
)
def test_a_container_log_in_a_javascript_string_is_read(case: str, comment: str) -> None:
    """Before: the timestamps were never seen as a logger's prefix (the string was still closed
    around them when that stage ran), so no row was read and of the totals only Total."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    checked_as_the_print(in_a_javascript_string(printed, comment), truth, printed)


def test_a_headless_container_log_in_a_javascript_string_reads_its_rows_and_totals() -> None:
    """82e's 001 itself: the excerpt starts under the header. Before: 'totals without a table',
    of the totals only Total, and no word of the rows or of the split not checked."""
    truth, printed = load_print(REAL / "keras2.2.4/merge_ops.truth.json")
    lines = printed.splitlines()
    below_header = "\n".join(lines[lines.index(next(x for x in lines if x.startswith("="))) + 1 :])
    [summary] = api.check_text(in_a_javascript_string(below_header, "// ")).summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]


# --------------- review 81's item 2: a class its author abbreviated with a full stop
# (`encoder (Transfo.)`) was said to be "cut by the column"; no column cut it


def abbreviated(printed: str, whole: str, shown: str) -> str:
    """The print with one class written shorter by hand, a full stop after it, the row's other
    cells kept under their titles."""
    assert f"({whole})" in printed
    return printed.replace(f"({whole})", f"({shown}.)" + " " * (len(whole) - len(shown) - 1))


def test_a_class_abbreviated_by_its_author_is_not_said_cut_by_a_column() -> None:
    _, printed = load_print(REAL / "tf2.12/dict_output_layer.truth.json")
    report = api.check_text(abbreviated(printed, "Encoder", "Enco"))
    [said] = [f.message for f in report.findings if f.code == "SA901" and f.layer == "encoder"]
    assert "the class was shortened in the paste to 4 characters (Enco…)" in said
    assert "column" not in said


def test_a_known_class_abbreviated_by_its_author_is_completed_and_said_shortened() -> None:
    """Before, a class with a digit (`Conv1.`) stayed a class of its own named `Conv1.`."""
    truth, printed = load_print(REAL / "tf2.12/text_cnn.truth.json")
    for whole, shown in (("Embedding", "Embed"), ("Conv1D", "Conv1")):
        pasted = abbreviated(printed, whole, shown)
        [summary] = checked_as_the_print(pasted, truth, printed).summaries
        note = completed_classes_note(summary)
        assert note is not None
        assert note.startswith(f"* the paste shortened this class name ({shown}…): completed")


def test_a_keras3_class_cut_by_its_column_is_said_so() -> None:
    """Keras 3 marks its own cuts with `…`: those stay cut by the column."""
    _, printed = load_print(REAL / "keras3/custom_class_cut_like_a_known_one.truth.json")
    said = [f.message for f in api.check_text(printed).findings if "the class was" in f.message]
    assert said
    assert all("the class was cut by the column to" in message for message in said)


# --------------- 83c's 014: TimeDistributed convolutions whose 5-D shapes the Output Shape
# column cut inside their channels (`(None, 15, 18, 40, 3` of 36)


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf2.0"])
def test_a_wrapped_convolution_on_cut_shapes_is_no_kernel_no_one_builds(generation: str) -> None:
    """Before: 21,636 on `(None, 15, 18, 40, 3` was '3 filters × (K × 2 channels) → kernel
    6×601 (fits TimeDistributed(Conv2D))', counted verified. Each row's derivation that reads
    the wrapped convolution now says its real filters, or the row is left unverified."""
    truth, printed = load_print(REAL / f"{generation}/time_distributed_conv_shapes_cut.truth.json")
    report = api.check_text(printed)
    [summary] = report.summaries
    assert report.findings == ()
    undecided = [
        layer.name
        for layer, audit in zip(summary.layers, summary.audited_rows())
        if audit.derivation
        and "applies a wrapped layer that the summary does not name" in audit.derivation
    ]
    for audit, real in zip(summary.audited_rows(), truth["layers"]):
        if audit.derivation and "fits TimeDistributed(Conv2D)" in audit.derivation:
            filters = real["output_shape"][-1]
            assert audit.derivation.startswith(f"{real['params']:,} = {filters} filters")
            assert "kernel 3×3" in audit.derivation or "kernel 5×5" in audit.derivation
    assert len(undecided) == 3
    assert summary.coverage.rows_verified == len(summary.layers) - 3
    assert f"count not decided by the shapes shown: {', '.join(undecided)}" in " ".join(
        summary.coverage.not_verified
    )


# --------------- 83h's 009: a frozen base nested in a model with a BatchNormalization in its
# head, the split worked out by hand: the head's moving statistics counted trainable


def _keras3_size(count: int) -> str:
    """A count's float32 size as Keras 3 prints it (`(21.12 KB)`)."""
    size, unit = float(4 * count), "B"
    for larger in ("KB", "MB", "GB"):
        if size < 1024:
            break
        size, unit = size / 1024, larger
    return f"({size:.2f} {unit})"


def split_by_hand(printed: str, truth: dict, moved: int) -> str:  # type: ignore[type-arg]
    """The print with `moved` weights taken from Non-trainable to Trainable, sizes and all."""
    totals = truth["totals"]
    lines = []
    for line in printed.splitlines():
        for label, key, change in (
            ("Trainable", "trainable", moved),
            ("Non-trainable", "non_trainable", -moved),
        ):
            if line.strip().startswith(f"{label} params:"):
                old, new = totals[key], totals[key] + change
                if "(" in line:  # Keras 3's size after the count
                    assert _keras3_size(old) in line
                    line = line.replace(_keras3_size(old), _keras3_size(new))
                assert f"{old:,}" in line
                line = line.replace(f"{old:,}", f"{new:,}")
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("generation", ["keras3", "tf2.12", "keras2.2.4"])
def test_a_split_leaving_nothing_for_the_heads_statistics_is_said(generation: str) -> None:
    """Before: 'No problems found', Non-trainable 'only bounded'. An info, not a warning: a
    nested model keeping exactly that many weights trainable gives the same split, and real
    Keras 3 printed one (test_differential_keras3 drew it)."""
    truth, printed = load_print(
        REAL / f"{generation}/frozen_nested_base_no_show_trainable.truth.json"
    )
    bn = [layer for layer in truth["layers"] if layer["type"] == "BatchNormalization"]
    [head_bn] = [layer for layer in bn if layer["depth"] == 0]
    moved = head_bn["params"] // 2
    assert not [f for f in api.check_text(printed).findings if f.severity != "info"]
    report = api.check_text(split_by_hand(printed, truth, moved))
    [said] = [f for f in report.findings if f.code == "SA203"]
    assert said.severity == "info"  # (a real Keras 3 print can show such a split: see below)
    base = next(layer for layer in truth["layers"] if layer["type"] in ("Functional", "Model"))
    non_trainable = truth["totals"]["non_trainable"]
    assert (
        f"Non-trainable params is {non_trainable - moved:,}, exactly every weight of "
        in said.message
    )
    assert base["name"] in said.message
    assert (
        f"frozen whole, Keras prints Trainable {truth['totals']['trainable']:,} and "
        f"Non-trainable {non_trainable:,}"
    ) in said.message


@pytest.mark.parametrize("generation", ["keras3", "tf2.12"])
def test_a_frozen_base_and_the_heads_statistics_add_up(generation: str) -> None:
    """The print as Keras wrote it: the nested model frozen whole, an info (unchanged)."""
    _, printed = load_print(REAL / f"{generation}/frozen_nested_base_no_show_trainable.truth.json")
    said = [f for f in api.check_text(printed).findings if f.code == "SA203"]
    assert [f.severity for f in said] == ["info"]
    assert "fits that nested model frozen" in said[0].message


# --------------- 83g's 011: a paper's listing converted to Markdown, each line of the print
# numbered in a first cell (`| 13 | Total params: 98 |  |  |`)


def listing_as_markdown(printed: str) -> str:
    """The print as a PDF-to-Markdown converter gives a numbered listing: the header's cells,
    an alignment row, then every line below the header numbered, a row's cells cut at the
    header's titles, every other line in one cell (a `____` rule empty)."""
    cells = column_cutter(printed)
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    out = ["| 1 | " + " | ".join(cells(lines[at])).replace("#", "\\#") + " |"]
    out.append("| :--: | :--: | :--: | :--: |")
    for number, line in enumerate(lines[at + 1 :], start=2):
        if "(" in line and not line.startswith(("Total", "Trainable", "Non-trainable")):
            out.append(f"| {number} | " + " | ".join(cells(line)) + " |")
        else:
            out.append(f"| {number} | {line.strip('_ ')} |  |  |")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(
    "case", ["keras2.2.4/mlp_bn_sequential", "tf2.0/text_cnn", "keras2.2.4/rnn_stack"]
)
def test_a_listing_numbered_in_a_first_cell_is_read(case: str) -> None:
    """Before: the totals were one row ('Total params: 98 Trainable params: 98 …'), the rules
    unreadable rows, and SA003 'table without totals'."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    pasted = listing_as_markdown(printed)
    assert "| 2 | ===" in pasted
    checked_as_the_print(pasted, truth, printed)


def test_a_table_index_column_is_kept() -> None:
    """A Markdown table whose rows only are numbered (an index column): no listing, and its
    header, which is not numbered, keeps the rows' cells under its titles."""
    truth, printed = load_print(REAL / "keras2.2.4/mlp_bn_sequential.truth.json")
    cells = column_cutter(printed)
    lines = printed.splitlines()
    rows = [line for line in lines if "(None" in line]
    table = ["| # | Layer (type) | Output Shape | Param # |", "|---|---|---|---|"]
    table += [f"| {i} | " + " | ".join(cells(row)) + " |" for i, row in enumerate(rows, 1)]
    totals = [line for line in lines if "params:" in line]
    [summary] = api.check_text("\n".join(table + totals) + "\n").summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]


# --------------- 83c's 004: a table written by hand with a name and a shape column only; the
# coverage said as a fact that a narrow terminal cut the columns off


def without_counts(printed: str) -> str:
    """The print's header and rows cut before the Param # title, as a table written by hand
    with two columns gives them; the rules and the Total line kept."""
    header = next(line for line in printed.splitlines() if "Layer (type)" in line)
    cut = header.index("Param #")
    kept = []
    for line in printed.splitlines():
        if line.startswith(("Trainable", "Non-trainable")):
            continue  # (the case kept Total alone)
        kept.append(line if line.startswith(("Total", "_", "=")) else line[:cut].rstrip())
    return "\n".join(kept) + "\n"


def test_a_table_without_a_count_column_is_not_said_cropped_by_a_terminal() -> None:
    truth, printed = load_print(REAL / "keras2.2.4/text_cnn.truth.json")
    [summary] = api.check_text(without_counts(printed)).summaries
    assert [layer.name for layer in summary.layers] == [layer["name"] for layer in truth["layers"]]
    said = " ".join(
        [*summary.coverage.not_verified, *(check.reason for check in summary.coverage.totals)]
    )
    assert "the Param # column (the table shows none)" in said
    assert "the table shows no Param # column; Total ≥ the rows read" in said
    assert "terminal" not in said and "cropped" not in said


def test_a_keras3_box_a_terminal_cropped_is_said_so() -> None:
    """A Keras 3 box cropped on the right: a terminal's doing (unchanged)."""
    _, printed = load_print(REAL / "keras3/cnn_bn_cropped_line_length120.truth.json")
    [summary] = api.check_text(printed).summaries
    said = " ".join(
        [*summary.coverage.not_verified, *(check.reason for check in summary.coverage.totals)]
    )
    assert "the columns cut off by a narrow terminal" in said
    assert "the table is cropped on the right; Total ≥ the rows read" in said


# --------------- 83b's 013: a training log pasted into the middle of a table (glued to a row's
# rule), the table going on after it


FIT_LOG = [
    "Epoch 1/3",
    "390/390 [==============================] - 32s 83ms/step - loss: 1.7546 - acc: 0.3659"
    " - val_loss: 1.5890 - val_acc: 0.4776",
    "",
    "Epoch 00001: val_acc improved from -inf to 0.47760, saving model to /content/best.hdf5",
    "Epoch 2/3",
    " 12/390 [..............................] - ETA: 28s - loss: 1.1866 - acc: 0.5871",
    "390/390 [==============================] - 30s 76ms/step - loss: 1.1866 - acc: 0.5871"
    " - val_loss: 1.4148 - val_acc: 0.5595",
    "",
]


def with_a_training_log(printed: str, log: list[str]) -> str:
    """The print with a training's log glued to a rule between two rows halfway down, then the
    rest of the table."""
    lines = printed.splitlines()
    rules = [at for at, line in enumerate(lines) if line.startswith("_" * 20)]
    after = rules[len(rules) // 2]
    log = [lines[after] + log[0], *log[1:]]
    return "\n".join([*lines[:after], *log, *lines[after + 1 :]]) + "\n"


@pytest.mark.parametrize("case", ["keras2.2.4/merge_ops", "tf2.0/merge_ops"])
def test_a_training_log_inside_a_table_is_no_row(case: str) -> None:
    """Before: the progress bar was a row ('the paste ends inside this row', its losses an
    SA401 'Connected to in words'), and the table was cut there. Now the log's lines are
    notes beside the one table."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    report, summary = checked_as_truth(with_a_training_log(printed, FIT_LOG), truth)
    assert report.findings == ()
    assert (summary.asides[0][1], summary.asides[-1][1]) == (FIT_LOG[0], FIT_LOG[-2])
    assert "`Epoch 1/3`" in " ".join(summary.notes)


@pytest.mark.parametrize("case", ["keras2.2.4/merge_ops", "tf2.0/merge_ops"])
@pytest.mark.parametrize("epochs", [1, 20])
@pytest.mark.parametrize("blank", [True, False], ids=["blank", "no-blank"])
def test_a_training_log_and_prose_inside_a_table_are_notes(
    case: str, epochs: int, blank: bool
) -> None:
    """83b's 013 itself: the log (50 epochs there), the script's sentence right after it, the
    rule again, then the rest of the table. Before: the table ended at the log, its progress
    bar a row, and the rest was a table whose top is cut. Now all of it is one table, the log
    and the sentence notes beside it."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    rule = next(line for line in printed.splitlines() if line.startswith("_" * 20))
    log = [line.replace("1/3", f"{epoch}/3") for epoch in range(1, epochs + 1) for line in FIT_LOG]
    if not blank:
        log.pop()  # (the log's last line is blank)
    pasted = with_a_training_log(printed, [*log, "Model took 1485.89 seconds to train", rule])
    report, summary = checked_as_truth(pasted, truth)
    assert report.findings == ()
    assert summary.asides[-1][1] == "Model took 1485.89 seconds to train"


# --------------- 83f's 014: a table by hand writes the class in the name cell (`Dense`), and
# the class read from it was said "inferred from its default name"


@pytest.mark.parametrize(
    ("written", "said"),
    [
        (
            "Dense",
            "(class Dense inferred from its first cell, which holds a class where a name goes)",
        ),
        ("dense_1", "(class Dense inferred from its default name)"),
    ],
)
def test_a_class_written_as_the_name_is_not_said_a_default_name(written: str, said: str) -> None:
    _, printed = load_print(REAL / "keras2.2.4/mlp_bn_sequential.truth.json")
    cell = "dense_1 (Dense)"
    assert cell in printed
    pasted = printed.replace(cell, written.ljust(len(cell)))
    [summary] = api.check_text(pasted).summaries
    [audit] = [
        audit
        for layer, audit in zip(summary.layers, summary.audited_rows())
        if layer.name == written
    ]
    assert audit.type == "Dense"
    assert audit.derivation is not None and audit.derivation.endswith(said)


# --------------- 83e's probes: the README said a paste ending right after a title and its rule
# is a summary cut short; that holds below another summary (test_trial24_pastes), and alone the
# two lines are no summary


@pytest.mark.parametrize(
    "title",
    [
        'Model: "model"\n' + "_" * 65 + "\n",
        'Model: "functional_1"\n┏' + "━" * 20 + "┳" + "━" * 12 + "┓\n",
    ],
)
def test_a_title_and_its_rule_alone_are_no_summary(title: str) -> None:
    report = api.check_text(title)
    assert report.summaries == ()
    assert [f.code for f in report.findings] == ["SA002"]


# --------------- 84c's 011: a Keras 3 table tidied by hand: the outputs of an LSTM that returns
# its states written `[(None, 256)x3]`, and the Dense named `decoder_softmax` printed without
# its class


def tidied_by_hand(printed: str, drop_class: bool, repeat: bool) -> str:
    """The seq2seq print with the decoder Dense's class left out, and the encoder LSTM's three
    outputs written as one shape repeated (the cells' widths kept)."""
    lines = printed.splitlines()
    if drop_class:
        cell = "decoder_softmax (Dense)"
        [at] = [i for i, line in enumerate(lines) if cell in line]
        lines[at] = lines[at].replace(cell, "decoder_softmax".ljust(len(cell)))
    if repeat:
        [at] = [i for i, line in enumerate(lines) if "encoder_lstm (LSTM)" in line]
        first, rest = "[(None, 32), (None, 32),  ", "(None, 32)]               "
        assert first in lines[at] and rest in lines[at + 1]
        lines[at] = lines[at].replace(first, "[(None, 32)x3]".ljust(len(first)))
        lines[at + 1] = lines[at + 1].replace(rest, " " * len(rest))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("repeat", [True, False], ids=["x3", "listed"])
def test_a_dense_named_after_its_activation_without_its_class_adds_up(repeat: bool) -> None:
    """Before: with the input shown, the row was '?' and not checked; with the encoder's
    outputs written `x3`, its class was read as Softmax from the name and its count an SA103
    warning, and the LSTM's units 'not shown'."""
    truth, printed = load_print(REAL / "keras3/seq2seq_dense_named_softmax.truth.json")
    report = api.check_text(tidied_by_hand(printed, drop_class=True, repeat=repeat))
    [summary] = report.summaries
    assert report.findings == ()
    assert summary.coverage.rows_verified == len(truth["layers"])
    derivations = dict(zip([layer.name for layer in summary.layers], summary.audited_rows()))
    assert derivations["decoder_softmax"].derivation == (
        "429: the class is cut off or not printed; each class it could be (Dense, Conv1D, "
        "Conv1DTranspose) would give 429"
    )
    assert derivations["encoder_lstm"].derivation.startswith("8,320 = 4 × 32 × (32 + 32 + 1)")


def test_one_output_shape_repeated_by_hand_is_read_as_that_many() -> None:
    truth, printed = load_print(REAL / "keras3/seq2seq_dense_named_softmax.truth.json")
    report = checked_as_the_print(
        tidied_by_hand(printed, drop_class=False, repeat=True), truth, printed
    )
    [encoder] = [layer for layer in report.summaries[0].layers if layer.name == "encoder_lstm"]
    assert encoder.output_shape == "[(None, 32)x3]"
    assert read_shapes(encoder.output_shape) == ((None, 32),) * 3
    assert read_shapes("[(None, None, 32), (None, 32)x2]") == (
        (None, None, 32),
        (None, 32),
        (None, 32),
    )
    assert read_shapes("[(None, 32)x0]") is None  # (no count of none)


# --------------- 84c's 002: a README wrote a print's rows as a Markdown list (`* lstm (LSTM) …`)


def bulleted(printed: str, bullet: str, rows_only: bool) -> str:
    """Each layer row of the print as a list item; with rows_only, the header and the rules
    left out too (the totals kept)."""
    out = []
    for line in printed.splitlines():
        if "(None" in line and "(" in line.split("(None")[0]:
            out.append(bullet + line)
        elif not rows_only or "params:" in line:
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("bullet", ["* ", "- ", "+ "])
@pytest.mark.parametrize("rows_only", [True, False], ids=["rows-only", "whole"])
@pytest.mark.parametrize("case", ["keras2.2.4/rnn_stack", "tf2.0/text_cnn"])
def test_rows_written_as_a_markdown_list_are_read(case: str, bullet: str, rows_only: bool) -> None:
    """Before: no row was read, nor said unreadable ('totals without a table')."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    [summary] = api.check_text(bulleted(printed, bullet, rows_only)).summaries
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["type"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]


# --------------- 84a's 006: a table written by hand gives a Conv2D an output of three axes,
# `(None, 5349398, 96)`, and a count no multiple of its 96 filters; it was said "not shown in
# full (cut by its column, or unreadable)", and nothing flagged


def conv_row_edited(printed: str, count: str) -> str:
    """The cnn_bn print with its Conv2D's output flattened to one spatial axis, its count set."""
    row = "conv2d_1 (Conv2D)            (None, 26, 26, 32)        320       "
    assert row in printed
    return printed.replace(row, f"conv2d_1 (Conv2D)            (None, 676, 32)           {count}")


def test_a_convolution_of_too_few_axes_and_a_count_no_filters_give_is_an_error() -> None:
    _, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    report = api.check_text(conv_row_edited(printed, "321"))
    [sa101] = [f for f in report.findings if f.code == "SA101"]
    assert sa101.layer == "conv2d_1"
    assert sa101.message == (
        "conv2d_1 shows 321, but Conv2D's output has 4 axes (batch, 2 spatial, filters); this "
        "one shows 3, (None, 676, 32), and a Conv2D with 32 filters always has a multiple of "
        "its filter count (filters × (K × channels + bias)) — the shape, the class or the count "
        "was edited"
    )


def test_a_convolution_of_too_few_axes_and_a_count_its_filters_divide_is_undecided() -> None:
    _, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    report = api.check_text(conv_row_edited(printed, "320"))
    assert not [f for f in report.findings if f.layer == "conv2d_1"]
    [summary] = report.summaries
    [audit] = [
        a for layer, a in zip(summary.layers, summary.audited_rows()) if layer.name == "conv2d_1"
    ]
    assert audit.derivation == (
        "320: Conv2D's output has 4 axes (batch, 2 spatial, filters); this one shows 3, "
        "(None, 676, 32), so its filters and kernel cannot be read from it (the shape or the "
        "class was edited)"
    )


# --------------- 84d's 012: an answer's excerpt ends right after the header's `Layer (type)`,
# under the print's rule


@pytest.mark.parametrize("case", ["keras2.2.4/text_cnn", "tf2.12/text_cnn"])
@pytest.mark.parametrize("after", ["", "\n", "\n```\n"], ids=["end", "blank", "fence"])
def test_a_paste_ending_right_after_layer_type_is_a_cut_summary(case: str, after: str) -> None:
    """Before: SA002, no summary found. (Cut a little later, `Layer (type)   Output Shape  Pa`,
    it was already a summary cut right after its header.)"""
    _, printed = load_print(REAL / f"{case}.truth.json")
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    cut = "\n".join([*lines[:at], lines[at][: lines[at].index(")") + 1]]) + after
    report = api.check_text("Result:\n\n" + cut)
    [summary] = report.summaries
    assert summary.layers == () and not summary.totals.present()
    assert [(f.code, f.message) for f in report.findings] == [
        ("SA003", "a header without rows or totals: the summary was cut right after its header")
    ]


def test_layer_type_alone_in_prose_is_no_header() -> None:
    """`Layer (type)` alone on a line that no rule stands above names the column."""
    report = api.check_text("The first column is\n\nLayer (type)\n")
    assert [f.code for f in report.findings] == ["SA002"]


# --------------- the review of trial 83's item 4: a review's ```diff of a tf.keras 2.7+ print
# that changes a row and the totals: `- dense_2 (Dense) …` and `+ dense_2 (Dense) …` were both
# read as rows (Markdown bullets), with false SA201, SA202 and SA402 findings


def as_a_diff(printed: str, old: dict[str, str], fenced: bool) -> str:  # type: ignore[type-arg]
    """The print as a unified diff that changed it: each line whose new text `old` maps to an
    old one shows `-old` then `+new`, every other line a context line (its blank before it)."""
    out = ["```diff"] if fenced else ["@@ -1,30 +1,30 @@"]
    for line in printed.splitlines():
        if line in old:
            out += ["-" + old[line], "+" + line]
        else:
            out.append(" " + line)
    return "\n".join([*out, "```"] if fenced else out) + "\n"


@pytest.mark.parametrize("fenced", [True, False], ids=["fence", "hunk"])
def test_a_diff_of_a_print_reads_its_new_side(fenced: bool) -> None:
    truth, printed = load_print(REAL / "tf2.12/merge_ops.truth.json")
    dense = next(line for line in printed.splitlines() if line.startswith(" dense_2 (Dense)"))
    total = next(line for line in printed.splitlines() if line.startswith("Total params:"))
    old = {
        dense: dense.replace("(None, 1) ", "(None, 2) ").replace(" 9 ", "18 "),
        total: "Total params: 226",
    }
    report = api.check_text(as_a_diff(printed, old, fenced))
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]
    assert report.findings == ()
    notes = " ".join(summary.notes)
    assert "-Total params: 226" in notes
    assert "printed again" not in notes


# --------------- the review of trial 83's item 1: a logger's prefix with an odd count of quotes
# (logfmt's `msg="`, a JSON log's `"msg":"`, an apostrophe) lost every row and total once a
# prefix that opens a quote was refused (for 82e's 001's code strings)


@pytest.mark.parametrize(
    "prefix",
    [
        'time="2019-01-31T09:14:02Z" level=info msg="',
        '{"level":"info","msg":"',
        "INFO worker's log: ",
    ],
    ids=["logfmt", "json", "apostrophe"],
)
def test_a_log_prefix_with_an_odd_quote_is_still_a_prefix(prefix: str) -> None:
    truth, printed = load_print(REAL / "keras2.2.4/cnn_bn.truth.json")
    pasted = "".join(f"{prefix}{line}\n" for line in printed.splitlines())
    [summary] = api.check_text(pasted).summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]


def test_an_index_column_numbering_the_totals_rows_too_is_kept() -> None:
    """The review of trial 83's item 2: a Markdown table whose index column numbers its totals
    rows as well was read as a listing (a numbered `params:` line proved it), every row's cells
    one column off; only a numbered header proves a listing, and an index column's title (`#`)
    takes the column off with the numbers."""
    truth, printed = load_print(REAL / "keras2.2.4/mlp_bn_sequential.truth.json")
    cells = column_cutter(printed)
    lines = printed.splitlines()
    rows = [" | ".join(cells(line)) for line in lines if "(None" in line]
    rows += [f"{line} |  | " for line in lines if "params:" in line]
    table = ["| # | Layer (type) | Output Shape | Param # |", "|---|---|---|---|"]
    table += [f"| {i} | {row} |" for i, row in enumerate(rows, 1)]
    [summary] = api.check_text("\n".join(table) + "\n").summaries
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["type"], layer["params"]) for layer in truth["layers"]
    ]
    assert summary.totals.to_dict() == truth["totals"]  # (they were glued to the last name)


@pytest.mark.parametrize("case", ["tf2.12/merge_ops", "tf2.9/merge_ops"])
def test_a_sentence_after_a_log_right_above_the_next_row_is_a_note(case: str) -> None:
    """The review of trial 83's item 3: in a tf.keras 2.7+ print (no rule between rows), a
    training log, a blank line and the script's sentence right above the next row: the rows
    below were read as notes, and SA201 guessed a layer_range print."""
    truth, printed = load_print(REAL / f"{case}.truth.json")
    lines = printed.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(" multiply (Multiply)"))
    pasted = [*lines[:at], *FIT_LOG, "Model took 1485.89 seconds to train", *lines[at:]]
    report, summary = checked_as_truth("\n".join(pasted) + "\n", truth)
    assert report.findings == ()
    assert summary.asides[-1][1] == "Model took 1485.89 seconds to train"


@pytest.mark.parametrize("generation", ["tf2.12", "keras3"])
def test_a_wrapped_convolution_of_a_small_kernel_not_square_is_verified(generation: str) -> None:
    """The review of trial 83's item 5: TimeDistributed Conv2D layers of a (1, 3) and a (3, 5)
    kernel with padding='same' (no shrink implies the kernel) were left unverified once a kernel
    had to be square; a small kernel is one people build."""
    truth, printed = load_print(REAL / f"{generation}/time_distributed_conv_1x3_same.truth.json")
    report, summary = checked_as_truth(printed, truth)
    assert report.findings == ()
    assert summary.coverage.rows_verified == len(truth["layers"])
    said = [audit.derivation or "" for audit in summary.audited_rows()]
    assert any("→ K = 3 → kernel 1×3" in text for text in said)
    assert any("→ K = 15 → kernel 3×5" in text for text in said)
