"""Trial 11's paste damage (new-user trial on 30 public pastes), applied as code to real prints."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from summaryaudit import api, cli
from summaryaudit.report import summary_heading

from .conftest import FIXTURES
from .real_prints import findings_by_layer, load_print, one_summary, print_id, rows_of, truth_paths

REAL = FIXTURES / "real"
GENERATIONS = ("keras2.2.4", "tf1.14", "tf2.9", "tf2.12", "tf_keras")
CASES = (
    "big_dense",
    "cnn_bn",
    "bn_variants",
    "rnn_stack",
    "long_names_sequential",
    "subclassed_model",
    "frozen_layers_show_trainable",
)
PRINTS = truth_paths(REAL, GENERATIONS, CASES)


def _same_audit(damaged: str, text: str) -> None:
    assert rows_of(damaged) == rows_of(text)
    assert one_summary(damaged).totals.to_dict() == one_summary(text).totals.to_dict()
    assert one_summary(damaged).unreadable == ()
    assert findings_by_layer(damaged) == findings_by_layer(text)


# ----------------------------------------------------------------- 11a/013: one line


def on_one_line(text: str) -> str:
    """A course page that lost every line break and run of spaces of a print (11a's 013)."""
    return " ".join(text.split())


def test_the_prints_cover_wrapped_names_classes_and_marks() -> None:
    texts = {print_id(p): load_print(p)[1] for p in PRINTS}
    assert len(PRINTS) >= 30
    assert "ormalization)" in texts["tf2.9/cnn_bn"]  # a class wrapped in its column
    assert "(Dense)" in texts["tf2.9/long_names_sequential"].split("\n")[5]  # a wrapped name
    assert " multiple " in texts["tf2.9/subclassed_model"]


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_print_on_one_line_reads_as_printed(truth_path: Path) -> None:
    _, text = load_print(truth_path)
    damaged = on_one_line(text)
    assert "\n" not in damaged
    _same_audit(damaged, text)


def test_text_after_a_count_is_no_inbound_list_without_a_connected_to_column() -> None:
    """Before: the rest of the line became the row's Connected to, and 19 SA401 followed."""
    _, text = load_print(REAL / "tf2.9" / "cnn_bn.truth.json")
    damaged = on_one_line(text).replace(" 54090 ", " 54090 (the output layer) ", 1)
    codes = [code for code, _ in findings_by_layer(damaged)]
    assert "SA401" not in codes
    assert "SA001" in codes


# ----------------------------------------------------------------- a sentence between rows


_ENDS_A_ROW = re.compile(r"\d\s+(?:[YN]\s*)?$|\d$")


def _with_aside(text: str, sentence: str) -> str:
    """A forum answer that wrote a sentence into the table, above its last layer row."""
    lines = text.split("\n")
    closing = max(i for i, line in enumerate(lines) if line.startswith("===="))
    last_row = max(
        i
        for i, line in enumerate(lines[:closing])
        if line.lstrip()[:1].isalpha() and "(" in line and _ENDS_A_ROW.search(line)
    )
    return "\n".join([*lines[:last_row], sentence, *lines[last_row:]])


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
@pytest.mark.parametrize(
    "aside", ["Here I changed the last layer and trained the model again.", "# changed: 10 units"]
)
def test_a_note_between_rows_keeps_the_rows_after_it_and_is_named(
    truth_path: Path, aside: str
) -> None:
    """Before: the table ended at a sentence, and the rows after it were lost without a word;
    a `#` comment was kept in the table but never mentioned."""
    _, text = load_print(truth_path)
    damaged = _with_aside(text, aside)
    lines = damaged.split("\n")
    assert len(lines) == len(text.split("\n")) + 1
    _same_audit(damaged, text)
    line = lines.index(aside) + 1
    assert one_summary(damaged).asides == ((line, aside),)
    assert one_summary(text).asides == ()
    [summary] = api.check_text(damaged).summaries
    assert f"line {line}: `{aside}`" in " ".join(summary.notes)
    assert summary.to_dict()["asides"] == [{"line": line, "text": aside}]


# ----------------------------------------------------------------- "the 1 rows"


def test_one_row_is_said_in_the_singular() -> None:
    """Trial 11's nit in both trials: `(keras2, 1 rows)`, `the 1 rows add up to`."""
    _, text = load_print(REAL / "keras2.2.4" / "big_dense.truth.json")
    lines = text.split("\n")
    first_row = next(i for i, line in enumerate(lines) if "(InputLayer)" in line)
    cut = "\n".join(lines[: first_row + 1])
    report = api.check_text(cut, source="cut.txt")
    [summary] = report.summaries
    assert len(summary.layers) == 1
    assert summary_heading(summary).endswith("(Keras 2 layout, 1 row)")
    [sa003] = [f for f in report.findings if f.code == "SA003"]
    assert "(the 1 row counts " in sa003.message
    assert summary.coverage is not None
    assert summary.coverage.sentence().startswith("verified 1 of 1 row;")


# ----------------------------------------------------------------- 11a/008: a worked sum


@pytest.mark.parametrize("truth_path", PRINTS[:7], ids=print_id)
def test_a_sum_worked_out_under_a_totals_label_is_no_summary(truth_path: Path) -> None:
    """An explainer's bullet (`- **Total Parameters**: `27 + 256 = 283``) was read as a
    summary whose Total is 27, with an SA003 about its missing rows."""
    truth, text = load_print(truth_path)
    counts = [layer["params"] for layer in truth["layers"] if layer["params"]][:2]
    bullet = f"- **Total Parameters**: `{counts[0]} + {counts[-1]} = {sum(counts)}`"
    damaged = f"{text}\n\nThe arithmetic:\n\n{bullet}\n"
    assert len(api.parse_text(damaged)) == 1
    assert findings_by_layer(damaged) == findings_by_layer(text)
    assert api.parse_text(bullet) == []


# ----------------------------------------------------------------- 11a/004: a quoted row


def _quoted_above_totals(text: str, rows: int) -> str:
    """An issue that quotes the last rows of a print, each count in bold, right above its Total
    (in bold) and Trainable lines, with neither header nor rule (11a's 004)."""
    lines = text.split("\n")
    closing = max(i for i, line in enumerate(lines) if line.startswith("===="))
    quoted = [
        line.rstrip()
        for line in lines[:closing]
        if line.lstrip()[:1].isalpha() and _ENDS_A_ROW.search(line) and "(" in line
    ][-rows:]
    bold = [re.sub(r"(\d[\d,]*)$", r"**\1**", line) for line in quoted]
    total = next(line for line in lines if line.startswith("Total params"))
    trainable = next(line for line in lines if line.startswith("Trainable params"))
    total = re.sub(r": (\S+)", r": **\1**", total)
    return "\n".join(["Why is this layer so big?", "", *bold, total, trainable])


@pytest.mark.parametrize("truth_path", PRINTS[:7], ids=print_id)
@pytest.mark.parametrize("rows", [1, 2])
def test_rows_quoted_right_above_the_totals_are_read(truth_path: Path, rows: int) -> None:
    """Before: `0 rows … the layer rows were not pasted` (the quoted row was lost)."""
    truth, text = load_print(truth_path)
    damaged = _quoted_above_totals(text, rows)
    summary = one_summary(damaged)
    want = [(layer.name, layer.params) for layer in one_summary(text).layers][-rows:]
    assert [count for _, count in want] == [row["params"] for row in truth["layers"]][-rows:]
    assert [(layer.name, layer.params) for layer in summary.layers] == want
    assert summary.totals.total is not None
    assert summary.totals.total.value == truth["totals"]["total"]
    report = api.check_text(damaged)
    assert not any("were not pasted" in f.message for f in report.findings)
    assert {f.code for f in report.findings} <= {"SA003"}  # the Non-trainable line is missing
    assert summary.unreadable == ()


@pytest.mark.parametrize(("custom", "said"), [("FPN", "an FPN"), ("GRUCell2", "a GRUCell2")])
def test_a_class_read_letter_by_letter_takes_the_article_of_its_first_letter(
    custom: str, said: str
) -> None:
    """11b's 015: `fpn is a FPN`."""
    text = (REAL / "keras2.2.4" / "big_dense.txt").read_text(encoding="utf-8")
    damaged = text.replace("dense_1 (Dense)", f"dense_1 ({custom})".ljust(15), 1)
    assert damaged != text
    messages = [f.message for f in api.check_text(damaged).findings if f.code == "SA901"]
    assert any(f"dense_1 is {said}, a layer type" in m for m in messages), messages


# ----------------------------------------------------------------- 11a/011: optimizer state


def test_a_bound_leaves_out_the_optimizer_state_that_total_holds() -> None:
    """011: a Keras 3 print without its `Optimizer params` line, a count cut short: the rows
    not shown were said to hold Total less the rows, optimizer state included."""
    truth, text = load_print(REAL / "keras3" / "compiled_fitted.truth.json")
    optimizer_line = next(line for line in text.split("\n") if "Optimizer params" in line)
    damaged = text.replace(optimizer_line + "\n", "").replace("   144 │", "   14… │")
    assert damaged.count("\n") == text.count("\n") - 1 and "14…" in damaged
    [summary] = api.check_text(damaged).summaries
    assert summary.coverage is not None
    hidden = truth["layers"][0]["params"]  # the row whose count was cut: 144
    assert f"must hold the other {hidden:,} (Total less the 388 of optimizer state" in (
        summary.coverage.sentence()
    )


# ----------------------------------------------------------------- 11b/006: shared nested models


def test_a_nested_model_printed_twice_is_named_as_the_surplus() -> None:
    """006 (a subclassed U-Net on VGG16 and a model cut from it): the bound said only 'weights
    shared by nested models counted once', not by how much, nor which model."""
    truth, text = load_print(REAL / "keras3" / "subclassed_shared_submodels.truth.json")
    rows = sum(layer["params"] for layer in truth["layers"])
    surplus = rows - truth["totals"]["total"]
    [twice] = [layer["name"] for layer in truth["layers"] if layer["params"] == surplus]
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    assert (
        f"the rows add up to {rows:,}, {surplus:,} more than Total, the count of {twice}, "
        "whose weights other rows count too" in summary.coverage.sentence()
    )
    assert not api.check_text(text).failed


def test_the_cli_json_names_the_asides_as_the_library_does() -> None:
    _, text = load_print(REAL / "tf2.9" / "cnn_bn.truth.json")
    damaged = _with_aside(text, "# the head, retrained")
    out = io.StringIO()
    code = cli.main(["check", "--format", "json"], stdin=io.BytesIO(damaged.encode()), stdout=out)
    [summary] = json.loads(out.getvalue())["summaries"]
    line = damaged.split("\n").index("# the head, retrained") + 1
    assert summary["asides"] == [{"line": line, "text": "# the head, retrained"}]
    assert code == 0
