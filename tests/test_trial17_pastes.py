"""Trial 17's paste damage (new-user trials on 30 fresh public pastes), on real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    truth_paths,
)

REAL = FIXTURES / "real"
FIXED = truth_paths(
    REAL, ("keras2.2.4", "tf1.14", "tf2.12"), ("cnn_bn", "frozen_layers", "tutorial_cnn")
)

# ------------------------- 17b's 003 and 004: a Spanish header and totals, title case


def spanish(text: str, total_label: str) -> str:
    """A Spanish README's retyping (17b's 004): `Capa (Tipo)` for `Layer (type)` (its column
    kept), the totals labelled in Spanish."""
    text = text.replace("Layer (type)", "Capa (Tipo) ")
    text = re.sub(r"(?m)^( ?)Total params:", rf"\1{total_label}:", text)
    text = re.sub(r"(?m)^( ?)Non-trainable params:", r"\1Parámetros no entrenables:", text)
    return re.sub(r"(?m)^( ?)Trainable params:", r"\1Parámetros entrenables:", text)


@pytest.mark.parametrize("label", ["Total parámetros", "Total de Parámetros"])
@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_spanish_header_in_title_case_and_its_totals_are_read(
    truth_path: Path, label: str
) -> None:
    """Before: `Capa (Tipo)` was an unreadable row (the top taken as cut off), and `Total
    parámetros` / `Total de Parámetros` no totals line (SA003, totals unchecked)."""
    truth, text = load_print(truth_path)
    damaged = spanish(text, label)
    assert "Layer" not in damaged and label in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def bullets_under_rows(text: str) -> str:
    """A thesis that wrote the layer's settings as bullets under each row (17b's 003)."""
    out = []
    for line in text.rstrip("\n").split("\n"):
        out.append(line)
        if re.match(r"^ ?\w+ \(\w+\) +\(", line):
            out.append("    • Activación: ReLU")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_bullets_under_rows_are_asides(truth_path: Path) -> None:
    """Before: each bullet ended the table, which came out in pieces, a row lost, and the
    totals read as a summary of their own (two false SA003)."""
    truth, text = load_print(truth_path)
    damaged = bullets_under_rows(text)
    assert damaged.count("•") >= 3
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert {text for _, text in summary.asides} == {"• Activación: ReLU"}
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ------------------- 17b's 005: a Keras 3 Total holding the optimizer state, its lines cut


def keep_totals(text: str, labels: tuple[str, ...]) -> str:
    """The print with only the totals lines of these labels kept (the others cut away)."""
    kept = [
        line
        for line in text.rstrip("\n").split("\n")
        if "params:" not in line or line.strip().startswith(labels)
    ]
    return "\n".join(kept) + "\n"


@pytest.mark.parametrize(
    ("case", "labels", "sum_text"),
    [
        ("compiled_fitted", ("Total", "Trainable"), "2 × 193 trainable + 2"),
        ("fitted_mixed_precision", ("Total",), "2 × 161 trainable + 6"),
    ],
)
def test_a_total_holding_left_out_optimizer_state_says_so(
    case: str, labels: tuple[str, ...], sum_text: str
) -> None:
    """The Total of a fitted Keras 3 model counts the optimizer's state; with its Optimizer
    params line cut, SA201 names the optimizer whose state is exactly the gap (before: only
    'a row was lowered or is missing, or the total was edited')."""
    _, text = load_print(REAL / "keras3" / f"{case}.truth.json")
    damaged = keep_totals(text, labels)
    assert "Optimizer params" not in damaged
    [finding] = [f for f in api.check_text(damaged).findings if f.code == "SA201"]
    assert sum_text in finding.message and "`Optimizer params` line" in finding.message
    assert finding.severity.value == "error"  # not verified: the paste may be edited


def test_a_gap_no_optimizer_gives_gets_no_optimizer_hint() -> None:
    _, text = load_print(REAL / "keras3" / "fitted_mixed_precision.truth.json")
    damaged = keep_totals(text, ("Total",)).replace("Total params: 489", "Total params: 490")
    [finding] = [f for f in api.check_text(damaged).findings if f.code == "SA201"]
    assert "optimizer" not in finding.message


# --------------------------- 17a's 003: a plain sentence between rows, after a blank line

SPACED = truth_paths(REAL, ("tf2.12", "tf_keras"), ("cnn_bn", "frozen_layers", "tutorial_cnn"))


def sentence_before_third_row(text: str) -> str:
    """A course's notes between rows of a tf.keras 2.7+ print whose spacer lines lost their
    blanks (17a's 003): a sentence after an empty line, right above a row."""
    lines = [line.rstrip() for line in text.rstrip("\n").split("\n")]
    rows = [i for i, line in enumerate(lines) if re.match(r"^ \w+ \(\w+", line)]
    lines.insert(rows[2], "Flatten those images into one long list")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("truth_path", SPACED, ids=print_id)
def test_a_sentence_between_rows_after_a_blank_line_is_an_aside(truth_path: Path) -> None:
    """Before: the rows under the sentence were taken for stray lines on the way to the
    totals and lost without a word (called a layer_range print, exit 0)."""
    truth, text = load_print(truth_path)
    damaged = sentence_before_third_row(text)
    summary = one_summary(damaged)
    assert_reads_as_truth(summary, truth)
    assert [text for _, text in summary.asides] == ["Flatten those images into one long list"]
    plain = "\n".join(line.rstrip() for line in text.split("\n"))
    assert findings_by_layer(damaged) == findings_by_layer(plain)


# ------------------------ 17a's 002: KerasHub's Preprocessor table above a task's summary


def kerashub_preprocessor(name: str, rows: list[tuple[str, str]]) -> str:
    """KerasHub's `Preprocessor:` table, printed before a task model's summary: each layer
    (a tokenizer) with its Config, no shapes and no counts (the layout of its rich table)."""
    left, right = 46, 31
    out = [f'Preprocessor: "{name}"', "┏" + "━" * left + "┳" + "━" * right + "┓"]
    out.append("┃ " + "Layer (type)".ljust(left - 1) + "┃" + "Config".rjust(right - 1) + " ┃")
    out.append("┡" + "━" * left + "╇" + "━" * right + "┩")
    out += [
        "│ " + layer.ljust(left - 1) + "│" + config.rjust(right - 1) + " │"
        for layer, config in rows
    ]
    out.append("└" + "─" * left + "┴" + "─" * right + "┘")
    return "\n".join(out) + "\n"


def test_a_kerashub_preprocessor_table_is_no_model_summary() -> None:
    """Before: SA001 on the tokenizer row and SA003 (no totals): exit 1 on a genuine print."""
    _, model = load_print(REAL / "keras3" / "tied_embedding.truth.json")
    table = kerashub_preprocessor(
        "gemma3_causal_lm_preprocessor",
        [("gemma3_tokenizer (Gemma3Tokenizer)", "Vocab size: 262,144")],
    )
    assert api.check_text(table).summaries == ()
    report = api.check_text(table + model)
    assert len(report.summaries) == 1
    alone = api.check_text(model).findings
    assert [(f.code, f.layer, f.message) for f in report.findings] == [
        (f.code, f.layer, f.message) for f in alone
    ]


# ------------------- 17a's 004: two lists of totals, each a print of its own (file and pipe)


def test_a_second_list_of_totals_under_a_first_is_read() -> None:
    """Before: read from a file, the second list ('after saving and loading') was dropped as a
    restatement of the first; through a pipe it was read."""
    text = (
        "- Total params: **2,397,226 (9.14 MB)**\n- Trainable params: **2,396,330 (9.14 MB)**\n"
        "- Non-trainable params: **896 (3.50 KB)**\n\nAfter saving & loading the model:\n"
        "- Total params: **2,397,228 (9.14 MB)**\n- Optimizer params: **2 (12.00 B)**\n"
    )
    totals = [s.totals.total.value for s in api.check_text(text).summaries if s.totals.total]
    assert totals == [2_397_226, 2_397_228]


# ------------- 17b's 004 nit: a Dense row whose class cell names its activation (`Softmax`)


def last_dense_typed_as_softmax(text: str, name: str = "") -> str:
    """The last Dense row's class typed as its activation, its columns kept; with a name, the
    row renamed to it (padded to the old name's width)."""
    lines = text.split("\n")
    last = max(i for i, line in enumerate(lines) if "(Dense)  " in line)
    lines[last] = lines[last].replace("(Dense)  ", "(Softmax)", 1)
    if name:
        old = lines[last].split(" (", 1)[0]
        lines[last] = lines[last].replace(old, name.ljust(len(old)), 1)
    return "\n".join(lines)


@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_weightless_class_showing_a_dense_count_names_the_dense_it_fits(
    truth_path: Path,
) -> None:
    """Before: SA103 said only "A pasted or edited count?"; 102 = 16 × 6 + 6 is the Dense(6)
    with activation='softmax' whose class the author typed as its activation. (A row named as
    a Dense, `dense_2 (Softmax)`, is read as that Dense: the next test.)"""
    _, text = load_print(truth_path)
    damaged = last_dense_typed_as_softmax(text, "output")
    [finding] = [f for f in api.check_text(damaged).findings if f.code == "SA103"]
    match = re.search(
        r"(\d[\d,]*) = ([\d,]+) × ([\d,]+) \+ ([\d,]+) is what a Dense", finding.message
    )
    assert match, finding.message
    count, inputs, units, bias = (int(g.replace(",", "")) for g in match.groups())
    assert count == inputs * units + bias and units == bias
    assert f"Dense({units}, activation=...) whose class cell names its activation" in (
        finding.message
    )


@pytest.mark.parametrize("truth_path", FIXED, ids=print_id)
def test_a_dense_named_row_whose_class_cell_names_its_activation_is_that_dense(
    truth_path: Path,
) -> None:
    """29b's 004, 010: `dense_2 (Softmax)` with a Dense's count is the Dense, its activation
    noted (no SA103 on a count that is right)."""
    truth, text = load_print(truth_path)
    damaged = last_dense_typed_as_softmax(text)
    report = api.check_text(damaged)
    assert not [f for f in report.findings if f.code in ("SA101", "SA103")]
    [summary] = report.summaries
    [(line, row)] = [
        (layer.line, audited)
        for layer, audited in zip(summary.layers, summary.audit.rows)
        if layer.printed_type == "" and "Softmax" not in audited.type
    ][-1:]
    assert row.type == "Dense" and row.derivation.startswith(
        f"{truth['layers'][-1]['params']:,} = "
    )
    assert (line, "(Softmax)") in summary.asides


def test_a_weightless_count_no_dense_fits_keeps_the_plain_question() -> None:
    _, text = load_print(FIXED[0])
    damaged = last_dense_typed_as_softmax(text, "output")
    lines = damaged.split("\n")
    [i] = [i for i, line in enumerate(lines) if "(Softmax)" in line]
    count = re.search(r"(\d+) +$", lines[i])
    assert count is not None
    lines[i] = lines[i].replace(
        count.group(1), str(int(count.group(1)) + 1).ljust(len(count.group(1))), 1
    )
    [finding] = [f for f in api.check_text("\n".join(lines)).findings if f.code == "SA103"]
    assert finding.message.endswith("A pasted or edited count?")
