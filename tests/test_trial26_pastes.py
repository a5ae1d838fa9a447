"""Trials 26a–26c (image classifiers; GANs, autoencoders and multi-input models; questions
about parameter counts): the pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import load_print, shape_text

REAL = FIXTURES / "real"


# --------------- 26a's 008: `Layer | Shape | Params`, rows of class names, no outer pipes


def _class_table(truth: dict) -> str:  # type: ignore[type-arg]
    """A README's retyping: a GitHub table without its outer pipes, titled `Layer | Shape |
    Params`, each row only its class, the count without separators, no totals."""
    lines = ["## Details about model", "", "Layer | Shape | Params", "--- |--- |---"]
    lines += [
        f"{row['type']} | {shape_text(row['output_shape'])} | {row['params']}"
        for row in truth["layers"]
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", ["keras3/cnn_bn", "tf2.0/cnn_bn", "keras2.2.4/rnn_stack"])
def test_a_table_titled_layer_shape_params_is_read(case: str) -> None:
    """Before: 'no Keras model.summary() table was found' (SA002)."""
    truth, _ = load_print(REAL / f"{case}.truth.json")
    truth["layers"] = [row for row in truth["layers"] if row["type"] != "InputLayer"]
    report = api.check_text(_class_table(truth))
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["type"], row["params"]) for row in truth["layers"]
    ]
    assert summary.columns[:3] == ("layer", "output_shape", "params")
    assert {f.code for f in report.findings} == {"SA003"}  # the totals were not pasted


def test_a_shape_column_of_another_table_is_left_alone() -> None:
    """`Layer | Shape` only becomes Keras's header in a pipe row: a sentence keeps its words."""
    text = "Each Layer has a Shape: see the table below.\n"
    assert api.parse_text(text) == []


# --------------- 26c's 009: a question in Chinese right under a table cut after its rows

_QUESTION = [
    "我的问题是,这里如何计算参数120的数量",
    "",
    "我得到,如果我使用10个单位(神经元),我会得到前一个周期的10×10的隐层权重矩阵和10×1的偏差单位"
    "向量,但是我不知道剩余的10个参数是如何链接到的",
]


@pytest.mark.parametrize("case", ["tf2.0/rnn_stack", "keras2.2.4/cnn_bn"])
def test_sentences_in_chinese_under_the_rows_are_no_rows(case: str) -> None:
    """Before: each sentence was read as a row of the table (an SA001 apiece), rows invented."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    lines = text.splitlines()
    closing = max(i for i, line in enumerate(lines) if line.startswith("====="))
    pasted = "\n".join([*lines[:closing], *_QUESTION]) + "\n"
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    assert "SA001" not in {f.code for f in report.findings}


def test_a_translated_row_with_few_chinese_characters_is_no_sentence() -> None:
    from summaryaudit import lines

    assert not lines.looks_like_prose("#简单的(简单的)(无,1,10)120")
    assert lines.looks_like_prose(_QUESTION[0])


@pytest.mark.parametrize("quoted", ["“sequential”", "«sequential»", "「sequential」"])
def test_a_model_name_in_typeset_quotes_loses_them(quoted: str) -> None:
    """26c's 009: a translated page's `模型:“顺序”` gave the name `“顺序”`, quotes kept."""
    truth, text = load_print(REAL / "tf2.0/rnn_stack.truth.json")
    [summary] = api.parse_text(text.replace('"sequential"', quoted, 1))
    assert summary.model_name == truth["model_name"] == "sequential"


# --------------- 26a's 013: rows cut out, marked `（中略）` ("omitted in the middle")


@pytest.mark.parametrize("mark", ["（中略）", "(中略)", "中略", "（省略）", "(생략)"])
def test_a_cjk_omission_mark_stands_for_rows_left_out(mark: str) -> None:
    """Before: the mark was a 9th row with no class or count (SA001, and SA401 a warning)."""
    truth, text = load_print(REAL / "keras2.2.4/text_cnn.truth.json")
    lines = text.splitlines()
    cut = next(i for i, line in enumerate(lines) if line.startswith("conv1d_1"))
    pasted = "\n".join([*lines[:cut], mark, *lines[cut + 2 :]]) + "\n"  # conv1d_1 and its rule
    report = api.check_text(pasted)
    [summary] = report.summaries
    kept = [row for row in truth["layers"] if row["name"] != "conv1d_1"]
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in kept
    ]
    assert summary.elided == (cut + 1,)
    assert "SA001" not in {f.code for f in report.findings}


# --------------- 26a's 012: three prints collapsed onto one line, each under a glued title


def test_three_prints_on_one_line_each_under_a_title_read_all_their_totals() -> None:
    """A blog's code block that lost its line breaks: `…Non-trainable params: 0MOBILENET w/
    TRANSFER LEARNINGLayer (type) …`. Before: the middle print's Non-trainable line was lost
    (a false SA003)."""
    cases = ["tf2.0/big_dense", "tf2.0/cnn_bn", "tf2.0/frozen_layers"]
    titles = [
        "FULLY-CONNECTED MODEL",
        "CONVOLUTIONAL NEURAL NETWORK MODEL",
        "MOBILENET w/ TRANSFER LEARNING",
    ]
    truths, pieces = [], []
    for case, title in zip(cases, titles):
        truth, text = load_print(REAL / f"{case}.truth.json")
        truths.append(truth)
        body = [line.rstrip() for line in text.splitlines() if not line.startswith("Model:")]
        pieces.append(title + " ".join(line for line in body if line.strip("_")))
    report = api.check_text("".join(pieces) + "\n")
    assert [s.totals.to_dict() for s in report.summaries] == [t["totals"] for t in truths]
    assert "SA003" not in {f.code for f in report.findings}


# --------------- 26c's 006: one row quoted alone, its cells three blanks apart


def _quoted_row(row: dict) -> str:  # type: ignore[type-arg]
    """A question's copy of one row, cells set apart by three blanks (not Keras's columns)."""
    return f"{row['name']} ({row['type']})   {shape_text(row['output_shape'])}   {row['params']}"


@pytest.mark.parametrize("case", ["keras2.2.4/rnn_stack", "tf2.0/cnn_bn"])
def test_one_row_quoted_alone_is_read(case: str) -> None:
    """Before: no summary (SA002), the learner's row got no derivation."""
    truth, _ = load_print(REAL / f"{case}.truth.json")
    row = truth["layers"][-1]
    text = f"The model summary says:\n\n{_quoted_row(row)}   \n\nWhy {row['params']}?\n"
    report = api.check_text(text)
    [summary] = report.summaries
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (row["name"], row["type"], row["params"])
    ]
    assert [(f.code, f.severity.value) for f in report.findings] == [("SA003", "info")]


def test_a_row_quoted_above_a_whole_print_is_a_summary_of_its_own() -> None:
    truth, text = load_print(REAL / "keras2.2.4/rnn_stack.truth.json")
    row = truth["layers"][-1]
    pasted = f"The model summary says:\n\n{_quoted_row(row)}\n\nThe whole print:\n\n{text}"
    report = api.check_text(pasted)
    first, whole = report.summaries
    assert [layer.name for layer in first.layers] == [row["name"]]
    assert [layer.name for layer in whole.layers] == [r["name"] for r in truth["layers"]]


# --------------- 26a's 011: a class closed twice by hand


@pytest.mark.parametrize("case", ["tf2.0/cnn_bn", "tf2.0/mlp_bn_sequential", "keras2.2.4/cnn_bn"])
def test_a_class_closed_twice_keeps_its_name_and_class(case: str) -> None:
    """Before: the name was `dense_14 (Dense))` and the class inferred from it."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    last = truth["layers"][-1]
    cell = f"{last['name']} ({last['type']})"
    report = api.check_text(text.replace(cell + " ", cell + ")", 1))
    [summary] = report.summaries
    assert (summary.layers[-1].name, summary.layers[-1].type) == (last["name"], last["type"])
    assert not {f.code for f in report.findings} & {"SA001", "SA901"}


# --------------- 26a's 015: the author's note of a row's role in the class's parentheses


def _retyped_with_roles(truth: dict, nested_name: str) -> str:  # type: ignore[type-arg]
    """A course's retyping: each row named by its class and a number (`Dense-1`), the nested
    base model by its name and `(frozen)`, the last row `(Output)`; no class column."""
    rows = [row for row in truth["layers"] if row["type"] != "InputLayer"]
    seen: dict[str, int] = {}
    names = []
    for row in rows:
        if row["type"] == "Functional":
            names.append(f"{nested_name} Base (frozen)")
            continue
        seen[row["type"]] = seen.get(row["type"], 0) + 1
        names.append(f"{row['type']}-{seen[row['type']]}")
    names[-1] += " (Output)"
    rule = "_" * 65
    lines = ["```", f"Model: {nested_name} Transfer Learning", rule]
    lines.append(f"{'Layer (type)':<28}{'Output Shape':<26}Param #")
    lines.append("=" * 65)
    for name, row in zip(names, rows):
        lines.append(f"{name:<28}{shape_text(row['output_shape']):<26}{row['params']:,}")
    lines.append("=" * 65)
    totals = truth["totals"]
    lines += [
        f"Total params: {totals['total']:,}",
        f"Trainable params: {totals['trainable']:,}",
        f"Non-trainable params: {totals['non_trainable']:,}",
        "```",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("case", "nested"),
    [("tf_keras/application_base_frozen", "MobileNetV2"), ("keras3/cnn_bn", "")],
)
def test_a_role_written_in_parentheses_is_a_note_not_a_class(case: str, nested: str) -> None:
    """Before: `Dense-2 (Output)` read as a layer of class Output and `MobileNetV2 Base (frozen)`
    as a class `frozen` ('is a frozen, a layer type summaryaudit has no formula for')."""
    truth, _ = load_print(REAL / f"{case}.truth.json")
    report = api.check_text(_retyped_with_roles(truth, nested))
    [summary] = report.summaries
    rows = [row for row in truth["layers"] if row["type"] != "InputLayer"]
    assert [layer.params for layer in summary.layers] == [row["params"] for row in rows]
    last, audited = summary.layers[-1], summary.audit.rows[-1]
    assert last.name == f"{rows[-1]['type']}-{sum(r['type'] == 'Dense' for r in rows)}"
    assert audited.type == rows[-1]["type"] == "Dense"  # from its count and shapes
    assert audited.derivation.startswith(f"{rows[-1]['params']:,} = ")
    assert (last.line, "(Output)") in summary.asides
    assert not any(layer.type in ("Output", "frozen") for layer in summary.layers)
    messages = " ".join(f.message for f in report.findings)
    assert "is a frozen" not in messages and "is an Output" not in messages
    if nested:
        base = summary.layers[0]
        assert (base.name, base.type) == (f"{nested} Base", "")
        assert (base.line, "(frozen)") in summary.asides
        # its name names the application whose count it has (27c's 015): verified as that
        assert not [f for f in report.findings if f.code == "SA901"]
        assert summary.audit.rows[0].derivation.startswith(
            f"{rows[0]['params']:,} = keras.applications.{nested}(include_top=False): "
        )


@pytest.mark.parametrize("cell", ["dense (Output)", "dense (Encoder)", "dense (frozen)"])
def test_a_keras_named_row_keeps_its_class_however_it_is_called(cell: str) -> None:
    """Only after a hand-written name (a blank in it, or a `-` for a layer's state) are the
    parentheses a note: a Keras name holds neither, and custom classes are called Encoder."""
    _, text = load_print(REAL / "tf_keras/application_base_frozen.truth.json")
    pasted = text.replace("dense (Dense)  ", cell.ljust(len("dense (Dense)  ")))
    [summary] = api.parse_text(pasted)
    assert summary.layers[-1].type == cell.split("(")[1].rstrip(")")
    assert not summary.asides


# --------------- 26c's 013: a layer called twice holds its weights once


@pytest.mark.parametrize("generation", ["keras1.2.2", "keras2.2.4", "tf2.12", "tf_keras", "keras3"])
def test_a_shared_layer_is_said_to_hold_its_weights_once(generation: str) -> None:
    """Before: nothing said why `shared_dense`, called on both inputs, is counted once."""
    truth, text = load_print(REAL / f"{generation}/shared_dense_two_inputs.truth.json")
    [summary] = api.check_text(text).summaries
    [shared] = [row for row in truth["layers"] if row["name"] == "shared_dense"]
    assert (
        f"shared_dense is called at least 2 times (a row takes `shared_dense[1][0]`, an output "
        f"of call 2); its {shared['params']:,} weights are counted once, in its row: every call "
        "uses the same weights."
    ) in summary.audit.notes


@pytest.mark.parametrize(
    "case", ["tf_keras/siamese_shared_nested", "tf_keras/application_base_frozen", "keras3/cnn_bn"]
)
def test_no_layer_is_said_shared_without_a_second_call_of_it(case: str) -> None:
    """A nested model's `[1][0]` is its call in the outer model (node 0 built it), no sharing."""
    _, text = load_print(REAL / f"{case}.truth.json")
    [summary] = api.check_text(text).summaries
    assert not any("is called at least" in note for note in summary.audit.notes)


# --------------- 26c's 009 again: a summary in `#` comments whose `=` rules lost their `#`


def _commented_but_rules(text: str, squeeze: bool) -> str:
    """A page's code block: every line of the print in `#` comments except its `=` rules (a
    machine translation dropped their marks); squeezed, the cells one blank apart."""
    out = []
    for line in text.splitlines():
        if line.startswith("="):
            out.append(line)
        elif squeeze:
            out.append("#" + " ".join(line.split()))
        else:
            out.append("# " + line)
    return "\n".join(["model.summary()", *out, "my question is how 400 is counted"]) + "\n"


@pytest.mark.parametrize("squeeze", [False, True])
@pytest.mark.parametrize("case", ["tf2.0/rnn_stack", "keras2.2.4/cnn_bn"])
def test_rows_in_comments_under_a_bare_rule_are_read(case: str, squeeze: bool) -> None:
    """Before: the `#` before the header was read as a Markdown heading's (or the bare rule
    placed the table at the margin), and no row was read: 'a header without rows'."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    [summary] = api.parse_text(_commented_but_rules(text, squeeze))
    assert [(layer.name, layer.params) for layer in summary.layers] == [
        (row["name"], row["params"]) for row in truth["layers"]
    ]
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]


def _translated(text: str) -> str:
    """The machine translation of 26c's 009: the title, the header, `None`, each name and class
    in Chinese, only the first row and an omission note kept."""
    lines = _commented_but_rules(text, squeeze=True).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("#Layer"))
    first = lines[header + 2].replace("simple_rnn (SimpleRNN)", "简单的(简单的)")
    first = first.replace("(None, ", "(无,").replace(", ", ",").replace(" ", "")
    return (
        "\n".join(
            [
                "model.summary()",
                "#模型:“顺序”",
                "#图层(类型)输出形状参数",
                lines[header + 1],
                first,
                "# ... 其他层",
                "我的问题是,这里如何计算参数400的数量",
            ]
        )
        + "\n"
    )


def test_a_machine_translated_row_is_read_and_its_class_not_taken_as_keras() -> None:
    """Before: 'a header without rows' (the translated header lost its `#`); then the row was
    one name, its `无` no None; then `简单的 is a 简单的, a layer type … has no formula for`."""
    truth, text = load_print(REAL / "tf2.0/rnn_stack.truth.json")
    pasted = _translated(text)
    assert "#简单的(简单的)(无,10,16)400" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    [row] = summary.layers
    assert (row.name, row.type, row.output_shape, row.params) == (
        "简单的",
        "",
        "(None, 10, 16)",
        truth["layers"][0]["params"],
    )
    assert "SimpleRNN" in summary.audit.rows[0].derivation  # a class it could be
    assert "SA901" not in {f.code for f in report.findings}


# --------------- 26b's 013: a custom class named after the Keras class it extends


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_custom_subclass_is_said_to_fit_the_class_it_is_named_after(generation: str) -> None:
    """Before: `bn_conv1 is a BatchNorm, a layer type summaryaudit has no formula for`, and no
    word that 64 is what a BatchNormalization on 16 channels holds. Still not verified."""
    truth, text = load_print(REAL / f"{generation}/custom_subclasses_of_known_layers.truth.json")
    report = api.check_text(text)
    unverified = {f.layer: f.message for f in report.findings if f.code == "SA901"}
    counts = {row["name"]: row["params"] for row in truth["layers"]}
    assert unverified["bn_conv1"].endswith(
        f"; the count fits a BatchNormalization ({counts['bn_conv1']} = 4 × 16 (gamma, beta: "
        "trainable; moving_mean, moving_variance: non-trainable)), which it may extend"
    )
    assert unverified["logits"].endswith(
        f"; the count fits a Dense ({counts['logits']:,} = 576 × 10 + 10 (kernel + bias)), which "
        "it may extend"
    )
    [summary] = report.summaries
    assert summary.coverage is not None and summary.coverage.rows_verified == 3


def test_no_fit_is_claimed_from_a_count_solved_for_what_is_not_shown() -> None:
    """A tied ReverseEmbedding's 16,000 would fit an Embedding only by solving its vocabulary
    from the count, which any count allows."""
    _, text = load_print(REAL / "keras3/tied_embedding.truth.json")
    [finding] = [f for f in api.check_text(text).findings if f.code == "SA901"]
    assert "fits" not in finding.message


# --------------- 26c's 007: a first Conv1D over one series


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_a_first_conv1d_names_one_channel_under_its_whole_kernel_first(generation: str) -> None:
    """Before: 'e.g. 8 channels → kernel 5; 40 channels → kernel 1', leaving out the reading
    of `Conv1D(7, kernel_size=40)` on a univariate series."""
    _, text = load_print(REAL / f"{generation}/conv1d_long_kernel_one_series.truth.json")
    [summary] = api.check_text(text).summaries
    [row] = [r for layer, r in zip(summary.layers, summary.audit.rows) if layer.type == "Conv1D"]
    # (since 74a's 009 the reading without a bias is said after the examples: AttnSleep's
    # Conv1D(64, 50, use_bias=False) is as likely as a biased one)
    assert row.derivation.endswith(
        "(input channels not shown; e.g. 1 channel → kernel 40; 8 channels → kernel 5; "
        "or without a bias, K × C = 41: 1 channel → kernel 41)"
    )
