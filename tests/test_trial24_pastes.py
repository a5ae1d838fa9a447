"""Trial 24b (GitHub issue threads): the pastes it read wrong, rebuilt on real prints."""

from __future__ import annotations

import json

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import assert_reads_as_truth, clean_derivations, load_print, one_summary
from .test_cli import run

REAL = FIXTURES / "real"


# --------------- 006: tf.keras prints `None` as the Output Shape of an output of unknown rank


def test_rows_whose_output_shape_keras_printed_as_none_are_read() -> None:
    """Custom layers returning a tensor of unknown rank (tensorflow#83907), with the Trainable
    column. Before: both rows were unreadable (SA001) and Total only bounded."""
    truth, text = load_print(REAL / "tf_keras" / "unknown_rank_output.truth.json")
    assert text.count(" None ") >= 2
    report = api.check_text(text)
    [summary] = report.summaries
    assert_reads_as_truth(summary, truth)
    shapes = [layer.output_shape for layer in summary.layers]
    assert shapes[1:] == ["None", "None"]
    trainable = [layer.trainable for layer in summary.layers]
    assert trainable == [row["trainable"] for row in truth["layers"]]
    assert sorted({f.code for f in report.findings}) == ["SA901"]  # two custom classes
    assert summary.coverage is not None
    state = {check.name: check.state for check in summary.coverage.totals}
    assert state["Total = sum of the rows"] is CheckState.CHECKED


# --------------- 001: every line of a print set as a Markdown code span


def _as_code_spans(text: str) -> str:
    """Wrap every non-blank line in backticks, with the print's own trailing blanks inside."""
    return "\n".join(f"`{line}`" if line.strip() else line for line in text.split("\n"))


@pytest.mark.parametrize(
    "case",
    [
        "keras2.2.4/frozen_nested_base_no_show_trainable",
        "keras2.2.4/cnn_bn",
        "tf2.12/cnn_bn",
        "keras3/mlp_bn_functional",
    ],
)
def test_a_print_whose_lines_are_code_spans_reads_as_printed(case: str) -> None:
    """keras#13587: each line of the summary between backticks. Before: the closing backtick
    hid every count ('count not shown' on 6 rows) and the names kept the opening one."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    damaged = "I froze the base:\n" + _as_code_spans(text) + "\nThank you!"
    assert damaged.count("`") >= 2 * len(truth["layers"])
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    plain = api.check_text(text)
    assert [f.code for f in api.check_text(damaged).findings] == [f.code for f in plain.findings]


def test_inline_code_in_prose_is_left_alone() -> None:
    """A line that is only inline code but no summary line keeps its backticks (it is prose)."""
    _, text = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    doc = "`model.summary()`\n\n" + text + "\n`print(model.count_params())`\n"
    plain = api.check_text(text).summaries[0]
    [summary] = api.check_text(doc).summaries
    assert [layer.name for layer in summary.layers] == [layer.name for layer in plain.layers]
    assert summary.totals.to_dict() == plain.totals.to_dict()


# --------------- 007: a cut `TimeDist` class with the rows above it not shown


def test_a_cut_time_distributed_class_is_not_read_as_keras1s_time_distributed_dense() -> None:
    """keras#13570 asked about TimeDistributed(Dense) as a first layer: with its input not
    shown, the cut `TimeDist` was inferred as Keras 1's TimeDistributedDense (its count fits a
    Dense). Built on a real Keras 2.3.1 print whose rows above it are left out (`...`)."""
    truth, text = load_print(REAL / "keras2.3.1" / "rnn_stack.truth.json")
    lines = text.split("\n")
    row = next(
        i for i, line in enumerate(lines) if line.startswith("time_distributed_1 (TimeDist ")
    )
    rule = next(i for i, line in enumerate(lines) if line.startswith("====="))
    report = api.check_text("\n".join([*lines[: rule + 1], "...", *lines[row:]]))
    [summary] = report.summaries
    wanted = next(r for r in truth["layers"] if r["name"] == "time_distributed_1")
    assert summary.audit is not None and summary.coverage is not None
    [layer], [audited] = summary.layers, summary.audit.rows
    assert (layer.name, layer.params) == (wanted["name"], wanted["params"])
    assert audited.type == wanted["type"] == "TimeDistributed"
    assert (audited.derivation or "").startswith(
        f"{wanted['params']} = 12 × 5 + 5 (TimeDistributed(Dense(5)): the same Dense at every "
        "time step; input size 12 solved from the count"
    )
    assert ("time_distributed_1", "input size") in summary.coverage.consistent_only


# --------------- 004: a Keras 3 model never built, every row `0 (unbuilt)`


def test_a_model_never_built_is_not_called_verified() -> None:
    """Before: 'No problems found: every count adds up' and 'none is frozen' for a model
    whose every row Keras printed `0 (unbuilt)`. A model with one unbuilt row among built
    ones keeps the all-clear."""
    _, text = load_print(REAL / "keras3" / "unbuilt_sequential.truth.json")
    code, out, _ = run(["check", "-"], text.encode())
    assert code == 0
    assert (
        "Nothing to check yet: Keras printed every row without weights (its layers were not "
        "built when summary() ran)" in out
    )
    assert "every count adds up" not in out and "none is frozen" not in out
    _, partly = load_print(REAL / "keras3" / "subclassed_model.truth.json")
    out = run(["check", "-"], partly.encode())[1]
    assert "No problems found: every count adds up." in out and "Nothing to check" not in out


# --------------- 002 and 015: a paste that ends inside its last row, before the count


@pytest.mark.parametrize("cut_after", ["shape", "class"])
def test_a_last_row_the_paste_ends_inside_is_said_to_be_cut_by_the_end_of_the_paste(
    cut_after: str,
) -> None:
    """Before: 'count not shown' when the paste stopped after the row's shape or class, and
    'count cut off by the end of the paste' only when it stopped inside the shape."""
    truth, text = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    last = truth["layers"][-1]
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith(last["name"] + " ("))
    kept = lines[row].rstrip()
    kept = kept[: kept.rindex(")") + 1] if cut_after == "shape" else kept[: kept.index(")") + 1]
    damaged = "\n".join([*lines[:row], kept])
    [summary] = api.check_text(damaged).summaries
    assert summary.coverage is not None
    assert f"count cut off by the end of the paste: {last['name']}" in summary.coverage.sentence()


# --------------- 013: a BatchNormalization row whose shape is not shown in full


@pytest.mark.parametrize("generation", ["tf2.12", "tf_keras"])
def test_a_batch_normalization_count_without_its_shape_says_the_n_it_gives(generation: str) -> None:
    """A subclassed model prints `multiple` (and Keras 2 cuts a long shape by its column):
    before, only 'the shape is not shown'; now the N that 4 × N gives, not verified."""
    truth, text = load_print(REAL / generation / "subclassed_bn_called.truth.json")
    [bn] = [row for row in truth["layers"] if row["type"] == "BatchNormalization"]
    [summary] = api.check_text(text).summaries
    assert summary.audit is not None and summary.coverage is not None
    texts = {row.name: a.derivation for row, a in zip(summary.layers, summary.audit.rows)}
    assert texts[bn["name"]] == (
        f"{bn['params']}: BatchNormalization has 4 × N (N = size of the normalised axis): "
        f"N = {bn['params'] // 4} with center and scale on (the default); the shape is not "
        "shown in full"
    )
    assert summary.coverage.rows_verified < summary.coverage.rows_read  # still not verified


# --------------- 24c's 007: a row whose class the print does not show at all


def test_a_class_named_from_the_layer_name_is_not_said_to_be_cut() -> None:
    """A Keras 1 row retyped without its class (`activation_1 (None, 10) 0 …`): the note under
    the table said 'the print cut this class name ()'."""
    _, text = load_print(REAL / "keras1.2.2" / "mlp_bn_functional.truth.json")
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("dense_1 (Dense)"))
    lines[row] = lines[row].replace("dense_1 (Dense)", "dense_1        ", 1)
    out = run(["check", "-"], "\n".join(lines).encode())[1]
    assert "()" not in out
    # (the print also cut `BatchNormalization` to `BatchNorma`: both are said)
    assert (
        "* the print cut this class name (BatchNorma); it shows no class for 1 row: completed "
        "from the known Keras classes and the layer's name"
    ) in out.splitlines()


# --------------- 24a's 002: a Keras 3 box whose outer borders a Markdown export took off

_CORNERS = "┏┡├└┓┩┤┘"


def _without_outer_borders(text: str, keep_rules: bool, hard_breaks: bool) -> str:
    """The box as a README written from a notebook shows it: each line loses its first and last
    border (a bar and its blank, or a rule's corner), the rules go or stay, and each line may
    end in a Markdown hard break (` \\`)."""
    lines = []
    for line in text.split("\n"):
        core = line.strip()
        if core[:1] in _CORNERS:
            if not keep_rules:
                continue
            line = core[1:-1]
        elif core[:1] in "┃│":
            line = core[2:-2]
        if hard_breaks and line.strip():
            line += " \\"
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize(
    "case",
    [
        "keras3/cnn_bn",
        "keras3/frozen_base_and_head_dense",
        "keras3/attention_layers",
        "keras3/densenet121",
    ],
)
@pytest.mark.parametrize("keep_rules", [False, True])
@pytest.mark.parametrize("hard_breaks", [False, True])
def test_a_keras3_box_without_its_outer_borders_reads_as_printed(
    case: str, keep_rules: bool, hard_breaks: bool
) -> None:
    """htruccoUCSC/deep-learning-controller's transfered_model.md: `Layer (type)  ┃ Output
    Shape  ┃  Param # \\`, rows `conv2d (Conv2D)  │ (None, 150, 150, 16)  │  448 \\`. Before: the
    rows were read as a fixed-width table, 18 rows for 15, every count 'not shown'."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    damaged = "## Network\n" + _without_outer_borders(text, keep_rules, hard_breaks) + "\n## Plot\n"
    assert "\n│" not in damaged and "\n┃" not in damaged
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    plain = api.check_text(text)
    assert [f.code for f in api.check_text(damaged).findings] == [f.code for f in plain.findings]


def test_bars_in_prose_after_a_borderless_box_are_left_alone() -> None:
    """The box ends at the first line without its inner bars: a later line holding a `│` keeps
    its text."""
    _, text = load_print(REAL / "keras3/cnn_bn.truth.json")
    damaged = _without_outer_borders(text, keep_rules=False, hard_breaks=False)
    note = "a │ b │ c"
    [summary] = api.check_text(damaged + "\n\n" + note + "\n").summaries
    assert len(summary.layers) == 5
    from summaryaudit.box_borders import Rebox

    rebox = Rebox()
    read = [rebox.apply(line) for line in (damaged + "\n\n" + note).split("\n")]
    assert read[-1] == note
    assert read[-2] == ""


# --------------- 24a's nits: a depthwise count that fits with and without a bias; wording


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_depthwise_count_that_fits_without_and_with_a_bias_says_both(generation: str) -> None:
    """24a's 011: 27 = 3 × 9 (no bias, MobileNet's) = 3 × (8 + 1). Before: 'use_bias=False'
    was stated as if the count proved it. A count that fits only with a bias says no more."""
    summary, texts = clean_derivations(REAL / generation / "depthwise_without_bias.truth.json")
    no_bias, with_bias = (
        text for layer, text in zip(summary.layers, texts) if layer.type == "DepthwiseConv2D"
    )
    # 28b's 006: the bias reading's K = 8 is said to fit no square kernel, not offered as one
    assert "use_bias=False (with a bias K would be 8: 2×4, 4×2, no square kernel)" in no_bias
    assert "+ bias" in with_bias and "also fits" not in with_bias


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_group_normalization_counts_say_per_channel(generation: str) -> None:
    """24a's 014: 'gamma + beta per channels'."""
    _, texts = clean_derivations(REAL / generation / "group_normalization.truth.json")
    assert "64 = 2 × 32 (gamma + beta per channel;" in "\n".join(texts)
    assert "32 = 1 × 32 (gamma or beta only per channel;" in "\n".join(texts)
    assert "channels;" not in "\n".join(texts)


# --------------- 24b's 012: a paste that ends inside a Connected to entry (`['avg_pool[0][`)


@pytest.mark.parametrize("generation", ["tf2.12", "tf1.14"])
def test_an_entry_cut_inside_its_indexes_names_the_layer_before_them(generation: str) -> None:
    """The stored thread ended at `predictions (Dense) … 513000 ['avg_pool[0][`. Before: the
    entry named no row, so the input size was 'solved from the count'. Here the last row read
    is fed by input_1, not by the row above it: only the cut entry tells its input."""
    truth, text = load_print(REAL / generation / "concatenate_four_branches.truth.json")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "west_branch_dense (Dense)" in line)
    cut = lines[at][: lines[at].index("input_1[0][") + len("input_1[0][")]
    pasted = "\n".join([*lines[:at], cut])
    [summary] = api.parse_text(pasted)
    assert [layer.name for layer in summary.layers] == [
        row["name"] for row in truth["layers"][: len(summary.layers)]
    ]
    assert summary.layers[-1].connected_to == ("input_1[0][",)
    report = api.check_text(pasted)
    [checked] = report.summaries
    assert checked.audit is not None
    assert checked.audit.rows[-1].derivation == "36 = 8 × 4 + 4 (kernel + bias)"
    assert checked.coverage is not None and checked.coverage.consistent_only == ()


@pytest.mark.parametrize(
    "text, layer",
    [("avg_pool[0][", "avg_pool"), ("'dense_1[0]", "dense_1"), ("conv[0][1", "conv")],
)
def test_a_reference_cut_inside_its_indexes_reads_its_layer_and_tensor_0(
    text: str, layer: str
) -> None:
    from summaryaudit import cell_grammar

    expected = (layer, 0)
    assert cell_grammar.read_reference(text) == cell_grammar.grammar_reference(text) == expected


# --------------- 24b's 008: a thread whose stored text ends after a second summary's title


@pytest.mark.parametrize(
    "case, title",
    [
        ("tf2.12/cnn_bn", '```\nModel: "model_2"\n' + "_" * 65 + "\n```\n"),
        ("keras3/cnn_bn", 'Model: "functional_1"\n┏' + "━" * 20 + "┳" + "━" * 12 + "┓\n\n"),
        ("keras2.2.4/cnn_bn", 'Model: "sequential_2"\n' + "_" * 65),
    ],
)
def test_a_title_the_paste_ends_after_is_reported_not_skipped(case: str, title: str) -> None:
    """24b's 008 (a stored thread): two summaries, the second cut after `Model: "model_2"` and its
    rule. Before: the second was passed over without a word."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    pasted = text.rstrip("\n") + "\n\nAnd with the GRU:\n\n" + title
    report = api.check_text(pasted)
    first, cut = report.summaries
    assert_reads_as_truth(first, truth)
    assert cut.layers == () and not cut.totals.present() and cut.columns == ()
    name = title.split('"')[1]
    assert cut.model_name == name
    [finding] = [f for f in report.findings if f.line is not None and f.line >= cut.start_line]
    assert finding.code == "SA003"
    assert finding.message.startswith(
        f'a title without its table: the paste ends right after Model: "{name}" and its rule'
    )
    assert cut.coverage is not None and cut.coverage.not_verified == (
        "the layer rows and the totals (the paste ends after the title)",
    )
    alone = api.check_text(text)
    assert [f.code for f in report.findings if f is not finding] == [f.code for f in alone.findings]


@pytest.mark.parametrize("ending", ["Model: VGG16\n", 'Model: "vgg16"\n\nThanks!\n'])
def test_a_model_line_without_a_rule_under_it_at_the_end_is_prose(ending: str) -> None:
    """Only a print's title with its rule under it is a summary cut short."""
    _, text = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    report = api.check_text(text + "\n" + ending)
    assert len(report.summaries) == 1
    assert [f.code for f in report.findings] == [f.code for f in api.check_text(text).findings]


# --------------- 24c's 010: a separable layer whose input channels the print does not show


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_separable_count_without_its_input_channels_is_solved_as_consistent(
    generation: str,
) -> None:
    """A Sequential print shows no input row: 155 = 3 × 9 + 3 × 32 + 32 gives C × dm × (K + 32)
    = 123, C × dm = 3, K = 9, as a Conv2D there is solved. Before: 'not verified'."""
    summary, texts = clean_derivations(REAL / generation / "separable_first_layer.truth.json")
    assert summary.coverage is not None
    first = texts[0]
    assert first.startswith("155 = K × C × dm + C × dm × 32 + 32 → C × dm × (K + 32) = 123")
    assert "→ C × dm = 3 with a 3×3 kernel (input channels not shown; e.g. 3 channels" in first
    assert summary.coverage.consistent_only == (("separable_conv2d", "input channels"),)
    assert summary.coverage.rows_verified == len(summary.layers)


def test_every_kernel_a_separable_count_fits_is_named() -> None:
    """NASNet-Mobile's right stem branch, its names cut by Keras 3 (so its input is not found):
    1,920 = 96 × (9 + 11) = 32 × (49 + 11) = 160 × (1 + 11), no bias. The true one is 7×7 on the
    32-channel stem; no single reading may be stated."""
    _, text = load_print(REAL / "keras3" / "nasnet_mobile.truth.json")
    report = api.check_text(text)
    [summary] = report.summaries
    assert summary.audit is not None
    texts = [
        audited.derivation or ""
        for layer, audited in zip(summary.layers, summary.audit.rows)
        if layer.params == 1920 and layer.type == "SeparableConv2D"
    ]
    assert texts
    for text_ in texts:
        assert (
            "→ C × dm = 96 with a 3×3 kernel, or 32 with a 7×7 one, or 160 with a 1×1 one "
            "(input channels not shown)" in text_
        )


def test_a_separable_count_no_kernel_gives_stays_undecided() -> None:
    """A count no odd square kernel (or 1×1) gives, with or without a bias, is not solved."""
    from summaryaudit.formulas import LayerFacts
    from summaryaudit.formulas.conv import separable

    def derived(count: int) -> str:
        facts = LayerFacts("sep", "SeparableConv2D", count, ((None, 8, 8, 32),), None, None, None)
        return separable(facts).text

    assert derived(32 + 3 * (9 + 32)).startswith("155 = K × C × dm + C × dm × 32 + 32 →")
    assert derived(32 + 13 * (13 + 32)) == (  # K = 13: no odd square, nor 1×1, with or without bias
        "617: SeparableConv2D has K × C × dm + C × dm × F + F; input channels or filters are "
        "not shown"
    )


# --------------- 24c's 012: a retyped table with a row's count and the total both edited


@pytest.mark.parametrize("generation", ["tf2.12", "keras2.2.4"])
def test_the_total_mismatch_says_what_the_rows_add_up_to_with_the_derived_counts(
    generation: str,
) -> None:
    """claire-chang.com's retyped table: dense 288,110 for 288,010 and Total 288,006. SA201 now
    says the rows with the derived count would still be 900 over Total: both were edited."""
    truth, text = load_print(REAL / generation / "mlp_bn_functional.truth.json")
    total = truth["totals"]["total"]
    dense_1 = next(row["params"] for row in truth["layers"] if row["name"] == "dense_1")
    both = text.replace(f"{dense_1}  ", f"{dense_1 + 100}  ", 1).replace(
        f"Total params: {total:,}", f"Total params: {total - 1000:,}"
    )
    report = api.check_text(both)
    [sa101] = [f for f in report.findings if f.code == "SA101"]
    assert sa101.layer == "dense_1"
    [sa201] = [f for f in report.findings if f.code == "SA201"]
    assert sa201.message.endswith(
        f"With the count its formula gives (dense_1's {dense_1:,}), the rows would add up to "
        f"{total:,}, still 1,000 more than Total"
    )
    row_only = text.replace(f"{dense_1}  ", f"{dense_1 - 100}  ", 1)
    [sa201] = [f for f in api.check_text(row_only).findings if f.code == "SA201"]
    assert sa201.message.endswith(
        f"With the count its formula gives (dense_1's {dense_1:,}), the rows add up to Total "
        "exactly: the row, not the total, differs"
    )


# --------------- 24c's nit 5: the JSON shows the sizes the coverage says were checked


@pytest.mark.parametrize("case", ["keras3/compiled_fitted", "tf_keras/cnn_bn", "tf2.12/cnn_bn"])
def test_the_json_gives_each_totals_lines_printed_size(case: str) -> None:
    _, text = load_print(REAL / f"{case}.truth.json")
    _, out, _ = run(["check", "--format", "json"], text.encode())
    [summary] = json.loads(out)["summaries"]
    printed = {
        label: line.split("(", 1)[1].rstrip(") \n") if "(" in line else None
        for label, line in (
            ("total", next((x for x in text.split("\n") if "Total params" in x), "")),
            ("trainable", next((x for x in text.split("\n") if "Trainable params" in x), "")),
            ("non_trainable", next((x for x in text.split("\n") if "Non-trainable" in x), "")),
        )
    }
    sizes = summary["sizes"]
    assert {key: sizes[key] for key in printed} == printed
    optimizer = next((x for x in text.split("\n") if "Optimizer params" in x), None)
    assert sizes["optimizer"] == (optimizer.split("(", 1)[1].rstrip(") ") if optimizer else None)
    assert summary == api.check_text(text, source="<stdin>").summaries[0].to_dict()
