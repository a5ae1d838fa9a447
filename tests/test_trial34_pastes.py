"""Trials 33 and 34 (hand-made tables, box damage, training logs, explanations of a count,
uncommon models): the pastes read wrong, rebuilt on real prints."""

from __future__ import annotations

import re

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import checked_as_truth, load_print, shape_text, totals_lines
from .test_trial30_pastes import KERAS_TITLES

REAL = FIXTURES / "real"


# --------------- 33c's 011: a notebook generator drew the inner bars of each row heavy


def test_box_rows_whose_inner_bars_are_heavy_are_rows() -> None:
    """`"│ conv1 (Conv2D) ┃ (None, 160, 160, 32) ┃ 896 │\\n",`: a script that writes a notebook
    drew the bars between a row's cells as the header's `┃`, each line a string literal.
    Before: the outer `│` were taken for a frame around a fixed-width print, and every row
    was a note and an unreadable line at once."""
    truth, text = load_print(REAL / "keras3/cnn_bn.truth.json")
    heavy = "\n".join(
        line[0] + line[1:-1].replace("│", "┃") + line[-1] if line.startswith("│ ") else line
        for line in text.rstrip("\n").split("\n")
    )
    assert re.search(r"^│ \S.*┃.*│$", heavy, re.M)
    heavy = "".join(f'    "{line}\\n",\n' for line in heavy.split("\n"))
    report, _ = checked_as_truth(heavy, truth)
    assert [f.code for f in report.findings] == []


# --------------- 33a's 012: `Outer Shape` for Output Shape, totals ending in a hard break


def test_a_table_whose_shape_title_is_mistyped_outer_is_read() -> None:
    """`| Layer | Outer Shape | Parameters |` over a model's rows, and totals each ending in
    Markdown's hard break ` \\`. Before: no row was read ("totals without a table")."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']} |"
        for layer in truth["layers"]
    ]
    totals = [f"{line} \\" for line in totals_lines(truth)]
    text = "\n".join(
        ["| Layer | Outer Shape | Parameters |", "|:---:| :---:| :---:|", *rows, "", *totals]
    )
    report, _ = checked_as_truth(text + "\n", truth)
    assert [f.code for f in report.findings] == []


# --------------- 33a's 001: a Type column whose cells are the author's code, with arguments


def test_type_cells_written_as_calls_with_arguments_are_classes() -> None:
    """`| conv2d_1 | Conv2D(32, relu) | (None, 26, 26, 32) | 320 |`: an LLM-written README
    gave each layer's class as the call that made it. Before: each such row was unreadable
    (SA001), its class cell taken for the shape and its count lost."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")

    def type_cell(layer: dict) -> str:  # type: ignore[type-arg]
        called = layer["type"] in ("Conv2D", "Dense")
        return f"{layer['type']}({layer['output_shape'][-1]}, relu)" if called else layer["type"]

    rows = [
        f"| {layer['name']} | {type_cell(layer)} | {shape_text(layer['output_shape'])} "
        f"| {layer['params']:,} |"
        for layer in truth["layers"]
    ]
    assert any("Conv2D(32, relu)" in row for row in rows)
    header = ["| Layer | Type | Output Shape | Parameters |", "|---|---|---|---|"]
    text = "\n".join([*header, *rows, "", *totals_lines(truth)])
    report, _ = checked_as_truth(text + "\n", truth)
    assert [f.code for f in report.findings] == []


# --------------- 32a's 006: Conv1D branches retyped without Connected to


def test_a_branch_read_under_another_row_is_consistent_not_a_grouped_kernel() -> None:
    """Three Conv1D branches (kernels 3, 4, 5) off a 300-wide Embedding, retyped without the
    Connected to column, so the first stands under a 512-channel Bidirectional row. Before:
    'K = 225 with groups=128', 'K = 75 with groups=8', 'K = 375 with groups=32', each
    verified. Now each is consistent only, read as K × C (300 channels × its kernel), and the
    row above named as no likely input."""
    truth, _ = load_print(REAL / "keras3/conv1d_branches_off_embedding.truth.json")
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']:,} |"
        for layer in truth["layers"]
    ]
    text = "\n".join([KERAS_TITLES, "|---|---|---|", *rows, "", *totals_lines(truth)])
    report, summary = checked_as_truth(text + "\n", truth)
    assert [f.code for f in report.findings] == []
    audited = dict(zip((layer.name for layer in summary.layers), summary.audited_rows()))
    assert summary.coverage is not None
    consistent = {name for name, _ in summary.coverage.consistent_only}
    above = {"conv1d": ("512", "128"), "conv1d_1": ("128", "8"), "conv1d_2": ("128", "32")}
    assert set(above) <= consistent  # consistent only, not verified
    for kernel, (name, (channels, groups)) in zip((3, 4, 5), above.items()):
        derivation = audited[name].derivation or ""
        assert f"K × C = {300 * kernel:,}" in derivation  # 300 channels × its kernel
        assert f"the row above's {channels} channels fit only with groups={groups}" in derivation
        assert "likely another layer" in derivation


# --------------- trials 31–33's nit: a hand-made table that gives only its Total


def test_a_table_giving_only_its_total_is_not_said_to_be_a_cut_print() -> None:
    """A retyped table with `Total params` alone: the warning names what cannot be checked
    and both causes (a paste cut short, or an author who left the lines out). Before: 'the
    totals look cut short', a claim about a print the text does not prove."""
    truth, _ = load_print(REAL / "tf2.12/cnn_bn.truth.json")
    rows = [
        f"| {layer['name']} ({layer['type']}) | {shape_text(layer['output_shape'])} "
        f"| {layer['params']:,} |"
        for layer in truth["layers"]
    ]
    total = f"Total params: {truth['totals']['total']:,}"
    report = api.check_text("\n".join([KERAS_TITLES, "|---|---|---|", *rows, "", total]) + "\n")
    [finding] = report.findings
    assert finding.code == "SA003"
    assert "look cut short" not in finding.message
    assert "the Trainable and Non-trainable params lines are missing" in finding.message
    assert "how many weights are frozen or moving statistics cannot be checked" in finding.message
    assert "or a table written by hand left them out" in finding.message
