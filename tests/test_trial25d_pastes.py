"""Trial 25d (frozen layers and Non-trainable params): the pastes it read wrong, rebuilt on
real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.records import CheckState

from .conftest import FIXTURES
from .real_prints import checked_as_truth, load_print, print_id, shape_text, totals_lines
from .test_cli import run

REAL = FIXTURES / "real"
_ROW_START = re.compile(r"^ [\w.\-/]+ \(")


# --------------- 003: rows numbered as a Markdown list, each line ending in a hard break


def _numbered_markdown_rows(text: str) -> str:
    """A tf.keras 2.7+ print as a README kept it: title and header cut off, the rows numbered
    as a Markdown list (` 1. resnet50 (Functional) …`) and the rule and totals each ending in
    a hard break (`\\`)."""
    lines = text.splitlines()
    body = lines[lines.index("=" * 65) + 1 :]
    out, number = [], 0
    for line in body:
        if _ROW_START.match(line):
            number += 1
            line = f" {number}. {line[1:]}"
        elif line.startswith(("=", "Total", "Trainable")):
            line = line.rstrip() + "\\"
        out.append(line)
    return "\n".join(out) + "\n"


def test_numbered_rows_under_a_hard_broken_rule_are_read() -> None:
    """A face-login README: before, the `=====\\` rule was no rule, so the 5 rows above it were
    lost and the audit said "the layer rows were not pasted" (SA003)."""
    truth, text = load_print(REAL / "tf_keras/application_base_frozen.truth.json")
    pasted = _numbered_markdown_rows(text)
    assert " 2. mobilenetv2_1.00_96 (Funct" in pasted and "=\\\n" in pasted
    assert "Total params: 2264389 (8.64 MB)\\" in pasted
    report, summary = checked_as_truth(pasted, truth)
    assert "SA003" not in {f.code for f in report.findings}
    assert summary.start_line == 1


@pytest.mark.parametrize("case", ["tf2.12/mlp_bn_functional", "tf2.0/frozen_layers"])
def test_a_hard_break_on_every_line_loses_nothing(case: str) -> None:
    """A whole print exported with a Markdown hard break (`\\`) ending each line."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    pasted = "\n".join(line.rstrip() + "\\" for line in text.splitlines()) + "\n"
    checked_as_truth(pasted, truth)


# --------------- 006: a summary cut by hand to its last row, its rule and totals


def _kept_last_row(text: str) -> str:
    """A Keras 2 print cut down to its last row, the `=` rule and the totals, commented out
    under the code that printed it (a study script)."""
    lines = text.splitlines()
    closing = max(i for i, line in enumerate(lines) if line.startswith("====="))
    kept = lines[closing - 1 :]
    code = ["# vgg16.summary()", "# vgg16.trainable = False", "# vgg16.summary()"]
    return "\n".join(["import numpy as np", "", *code, *("# " + k for k in kept)]) + "\n"


@pytest.mark.parametrize("case", ["tf2.0/frozen_layers", "tf2.0/cnn_bn", "keras2.2.4/cnn_bn"])
def test_the_one_row_kept_above_the_rule_is_read(case: str) -> None:
    """Before: the row was dropped and the audit said no rows were pasted (SA003)."""
    truth, text = load_print(REAL / f"{case}.truth.json")
    report = api.check_text(_kept_last_row(text))
    [summary] = report.summaries
    last = truth["layers"][-1]
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (last["name"], last["type"], last["params"])
    ]
    assert summary.totals.to_dict() == truth["totals"]
    assert "SA003" not in {f.code for f in report.findings}
    assert summary.coverage is not None
    assert "the top of the table is cut off" in " ".join(summary.coverage.not_verified)


def test_a_plain_line_above_the_rule_is_no_row() -> None:
    """Code or prose right on the `=` rule stays a totals-only summary."""
    text = (
        "model.summary()\n"
        "=================================================================\n"
        "Total params: 3,476\nTrainable params: 1,108\nNon-trainable params: 2,368\n"
    )
    [summary] = api.parse_text(text)
    assert summary.layers == ()


# --------------- 009 and 010: printed sizes without a unit, or not adding up

_SIZE = re.compile(r"\((\d+\.\d\d) (B|Byte|KB|MB|GB)\)")


def _sized_prints() -> list[Path]:
    """Every real print whose three totals lines all show a size, no Optimizer line."""
    found = []
    for truth_path in sorted(REAL.glob("*/*.truth.json")):
        text = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt")).read_text(
            encoding="utf-8"
        )
        totals = [line for line in text.splitlines() if re.search(r"params: [\d,]+ \(", line)]
        if len(totals) == 3 and "Optimizer params" not in text and text.count("Total params") == 1:
            found.append(truth_path)
    return found


SIZED = _sized_prints()


def _edit_size(text: str, label: str, change: float) -> str:
    """The print with one totals line's size moved by `change` in its own unit."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith(label):
            match = _SIZE.search(line)
            assert match is not None
            edited = f"({float(match.group(1)) + change:.2f} {match.group(2)})"
            lines[i] = line[: match.start()] + edited + line[match.end() :]
            return "\n".join(lines) + "\n"
    raise AssertionError(f"no {label} line")


def test_enough_prints_show_sizes() -> None:
    assert len(SIZED) >= 100


@pytest.mark.parametrize("truth_path", SIZED, ids=print_id)
def test_a_total_size_off_the_sum_of_the_others_is_flagged(truth_path: Path) -> None:
    """25d's 010: Total 106.17 MB where Trainable 50.01 MB + Non-trainable 56.13 MB make
    106.14 MB. Keras adds the same bytes for the Total, so the sizes of a true print add up
    within their rounding; 0.03 of the Total's unit more cannot."""
    truth, text = load_print(truth_path)
    clean = api.check_text(text)
    assert "SA204" not in {f.code for f in clean.findings}
    edited = _edit_size(text, "Total params", 0.03)
    report = api.check_text(edited)
    [summary] = report.summaries
    assert summary.totals.to_dict() == truth["totals"]
    [sa204] = [f for f in report.findings if f.code == "SA204"]
    assert "sum of the other lines' sizes" in sa204.message
    assert sa204.line == summary.totals.total.line  # type: ignore[union-attr]


def test_the_sum_names_the_total_when_the_parts_fit_their_counts() -> None:
    truth, text = load_print(REAL / "keras3/application_base_frozen.truth.json")
    edited = _edit_size(text, "Total params", 0.03)
    report, _ = checked_as_truth(edited, truth)
    [sa204] = [f for f in report.findings if f.code == "SA204"]
    total = truth["totals"]["total"]
    assert f"{total:,} × 4 bytes (float32)" in sa204.message
    assert sa204.message.endswith("so the Total's size was edited")


def test_the_sum_names_the_part_whose_size_was_edited() -> None:
    truth, text = load_print(REAL / "keras3/application_base_frozen.truth.json")
    edited = _edit_size(text, "Non-trainable params", 0.1)
    assert "Non-trainable params: 2,257,984 (8.71 MB)" in edited
    report, summary = checked_as_truth(edited, truth)
    [sa204] = [f for f in report.findings if f.code == "SA204"]
    assert "the Non-trainable params line's does not" in sa204.message
    assert sa204.line == summary.totals.non_trainable.line  # type: ignore[union-attr]


def test_a_part_edited_within_the_totals_rounding_is_not_claimed() -> None:
    """Trainable 25.02 KB → 25.52 KB: the Total's 8.64 MB is rounded to 5 KB either way, so the
    sum cannot tell, and no dtype width makes 25.52 KB of 6,405 weights exactly; the size
    still lies between 1 and 8 bytes a weight (mixed dtypes), so nothing is claimed."""
    truth, text = load_print(REAL / "keras3/application_base_frozen.truth.json")
    report, _ = checked_as_truth(_edit_size(text, "Trainable params", 0.5), truth)
    assert "SA204" not in {f.code for f in report.findings}


def test_a_size_without_its_unit_is_flagged() -> None:
    """25d's 009: `Total params: 14,780,997 (259.02)`, the Trainable line's 259.02 KB copied
    without its unit. Before: read as no size, and "printed sizes" said checked."""
    truth, text = load_print(REAL / "keras3/application_base_frozen.truth.json")
    trainable = _SIZE.search(next(line for line in text.splitlines() if "Trainable" in line))
    assert trainable is not None
    edited = re.sub(r"(Total params: [\d,]+) \([^)]*\)", rf"\1 ({trainable.group(1)})", text)
    report, summary = checked_as_truth(edited, truth)
    assert summary.totals.sizes()["total"] == trainable.group(1)
    [sa204] = [f for f in report.findings if f.code == "SA204"]
    assert "has no unit" in sa204.message
    assert "most likely copied from there" in sa204.message


# --------------- 005's nit: "none is frozen" beside a layer frozen at compile()


@pytest.mark.parametrize("generation", ["keras2.2.4", "tf1.14"])
def test_a_total_apart_from_the_rows_does_not_say_none_is_frozen(generation: str) -> None:
    """Keras 2 leaves a layer frozen at compile() and unfrozen after it out of both totals
    lines, so Non-trainable 0 does not show that no layer is frozen (SA201 says why)."""
    truth, text = load_print(REAL / f"{generation}/unfrozen_after_compile.truth.json")
    report, summary = checked_as_truth(text, truth)
    assert "SA201" in {f.code for f in report.findings}
    assert (
        "Non-trainable params 0: no row is of a layer that keeps weights training does not "
        "update (such as BatchNormalization's moving mean and variance)." in summary.notes
    )
    assert not any("as frozen" in note for note in summary.notes)


def test_totals_that_are_the_rows_still_say_none_is_frozen() -> None:
    truth, text = load_print(REAL / "tf2.0/big_dense.truth.json")
    _, summary = checked_as_truth(text, truth)
    assert any(note.endswith("and the print counts no layer as frozen.") for note in summary.notes)


# --------------- 015's nits: the note under the table counts every row shown without a class


def _names_only_table(truth: dict) -> str:  # type: ignore[type-arg]
    """A Markdown table retyped with each row's name but not its class (a report's table)."""
    lines = ["| Layer (type) | Output Shape | Param # |", "|---|---|---|"]
    for row in truth["layers"]:
        lines.append(f"| {row['name']} | {shape_text(row['output_shape'])} | {row['params']:,} |")
    return "\n".join(lines + totals_lines(truth)) + "\n"


def test_the_note_counts_the_rows_read_by_their_name_too() -> None:
    """25d's 015: '1 row' without a class, where 135 rows showed none (71 read by their
    name, 64 left as ?)."""
    truth, _ = load_print(REAL / "tf2.12/mlp_bn_functional.truth.json")
    truth["layers"][0]["output_shape"] = truth["layers"][0]["output_shape"][0]  # [(None, 4096)]
    out = run(["check", "-"], _names_only_table(truth).encode())[1]
    assert (
        "* the print shows no class for 5 rows: 4 completed from the known Keras classes and the "
        "layer's name (marked *); 1 inferred as said beside it"
    ) in out.splitlines()


def test_a_class_no_name_settles_says_what_each_class_would_give() -> None:
    """015's `?` rows: 'every class it can be … gives 1,536' read as if each class must; the
    count is what each class it could be would give."""
    truth, _ = load_print(REAL / "tf2.12/two_input_long_names.truth.json")
    for row in truth["layers"]:
        if row["type"] == "InputLayer":
            row["output_shape"] = row["output_shape"][0]
    report = api.check_text(_names_only_table(truth))
    [summary] = report.summaries
    assert summary.audit is not None
    said = {row.name: audited for row, audited in zip(summary.layers, summary.audit.rows)}
    first = said["customer_transaction_history_features"]  # an input no name or count settles
    assert first.type == ""
    assert "each class it could be (Activation, Add, " in (first.derivation or "")
    assert (first.derivation or "").endswith("would give 0")


# --------------- 015's nit: the sizes in a Markdown table of the totals


def _totals_as_a_table(text: str, truth: dict) -> str:  # type: ignore[type-arg]
    """A report's two Markdown tables (25d's 015): the totals lines retyped as a two-column
    table (`| Total params | 2,340,228 (8.93 MB) |`), then the layer rows as a pipe table."""
    out = ["|                      |                     |", "| --- | ---: |"]
    for line in text.splitlines():
        label, colon, rest = line.strip().partition(": ")
        if colon and label.endswith("params"):
            out.append(f"| {label:<20} | {rest:>19} |")
    out += [
        "",
        "### Model summary",
        "",
        "| Layer (type) | Output Shape | Param # |",
        "|---|---|---|",
    ]
    for row in truth["layers"]:
        shape = shape_text(row["output_shape"])
        out.append(f"| {row['name']} ({row['type']}) | {shape} | {row['params']:,} |")
    return "\n".join(out) + "\n"


def test_the_sizes_in_a_table_of_the_totals_are_read_and_checked() -> None:
    """Before: each size was read as a tail after the count (the cell's `|`), so the sizes
    were neither checked nor said to be unchecked."""
    truth, text = load_print(REAL / "keras3/application_base_frozen.truth.json")
    pasted = _totals_as_a_table(text, truth)
    assert "| Total params         | 2,264,389 (8.64 MB) |" in pasted
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert summary.totals.sizes() == {
        "total": "8.64 MB",
        "trainable": "25.02 KB",
        "non_trainable": "8.61 MB",
        "optimizer": None,
    }
    assert "SA204" not in {f.code for f in report.findings}
    edited = api.check_text(_totals_as_a_table(_edit_size(text, "Total params", 0.5), truth))
    assert "SA204" in {f.code for f in edited.findings}


# --------------- 002's nit: a bound no single row meets exactly names the least one frees


@pytest.mark.parametrize("generation", ["keras3", "tf_keras"])
def test_the_bound_names_the_row_that_frees_the_fewest_weights(generation: str) -> None:
    """A base frozen in part and a frozen BatchNormalization in the head. Before: only 'at
    least 48 are frozen weights of the rows verified', which no row holds exactly."""
    truth, text = load_print(REAL / generation / "partly_frozen_base_and_head_bn.truth.json")
    report, summary = checked_as_truth(text, truth)
    assert report.findings == ()
    assert summary.coverage is not None
    [check] = [c for c in summary.coverage.totals if c.name.startswith("Non-trainable")]
    assert check.state is CheckState.BOUNDED
    # head_bn's gamma and beta (80) frozen leave 176 for the base: its frozen base_dense (144)
    # and base_bn's moving statistics (32), as the model had them
    assert check.reason.endswith(
        "so at least 48 are frozen weights of the rows verified (no one of them trains "
        "exactly 48; of those that train more, the fewest is head_bn's 80: frozen, it would "
        "leave 176 for base)"
    )
