"""What a second new-user trial on 40 public pastes found, each rebuilt on a real Keras print."""

from __future__ import annotations

import json
import re

import pytest

from summaryaudit import api, lines
from summaryaudit.records import Era, Summary

from .conftest import FIXTURES

REAL = FIXTURES / "real"


def _text(case: str) -> str:
    return (REAL / f"{case}.txt").read_text(encoding="utf-8")


def _truth(case: str) -> dict:
    return json.loads((REAL / f"{case}.truth.json").read_text(encoding="utf-8"))


def _one(text: str) -> Summary:
    summaries = api.parse_text(text)
    assert len(summaries) == 1, [(s.start_line, s.end_line) for s in summaries]
    return summaries[0]


def _rows(summary: Summary) -> list[tuple]:
    return [(layer.name, layer.type, layer.params) for layer in summary.layers]


def _true_rows(case: str) -> list[tuple]:
    """The rows of a real print as the model object gave them (names as the print shows them)."""
    return _rows(_one(_text(case)))


def _codes(text: str) -> list[str]:
    return sorted(f.code for f in api.check_text(text).findings)


# ---------------------------------------------------------------- trial file 01: `Layer (Type)`

CASE_PRINTS = ["keras3/cnn_bn", "keras2.2.4/cnn_bn", "tf2.12/cnn_bn", "keras1.2.2/merge_ops"]


@pytest.mark.parametrize("title", ["Layer (Type)", "LAYER (TYPE)", "layer (type)"])
@pytest.mark.parametrize("case", CASE_PRINTS)
def test_a_header_retyped_in_another_case_is_read(case: str, title: str) -> None:
    """Trial file 01 is a Keras 3 box whose author typed `Layer (Type)`: every row still reads."""
    text = _text(case)
    assert text.count("Layer (type)") == 1
    edited = text.replace("Layer (type)", title)
    summary = _one(edited)
    assert len(summary.layers) == len(_truth(case)["layers"])
    assert _rows(summary) == _true_rows(case)
    assert summary.totals.to_dict() == _truth(case)["totals"]
    assert _codes(edited) == _codes(text)


def _collapsed(text: str) -> str:
    """Squeeze every run of spaces to one, as a page that ignores whitespace shows a print."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "keras1.2.2/merge_ops"])
def test_a_collapsed_header_retyped_in_another_case_is_read(case: str) -> None:
    text = _collapsed(_text(case))
    edited = text.replace("Layer (type)", "Layer (Type)")
    assert edited != text
    assert _rows(_one(edited)) == _rows(_one(text)) == _true_rows(case)


@pytest.mark.parametrize(
    "sentence",
    [
        "In a Keras summary the layer (type) column shows the name and the class of a layer.",
        "The LAYER (TYPE) column is the first one, and it is followed by the output shape.",
        "Note that the Layer (Type) header is typed by hand here, as we explain below in detail.",
    ],
)
def test_prose_naming_the_header_in_any_case_is_no_header(sentence: str) -> None:
    """A sentence above a real print that names the column does not start a summary."""
    assert not lines.is_header(sentence)
    text = _text("keras2.2.4/cnn_bn")
    summaries = api.parse_text(sentence + "\n\n" + text)
    assert [s.start_line for s in summaries] == [3]
    assert _rows(summaries[0]) == _true_rows("keras2.2.4/cnn_bn")


# ---------------------------------------------------------------- trial file 13: spaced titles


def highlighter_spaced(text: str) -> str:
    """Space a fixed-width print as trial file 13's highlighter did: a space after every `(`,
    and a header retyped with its words spread out (`Layer (  type)   Output   Shape`), so its
    titles no longer stand over their columns."""
    out = []
    for line in text.splitlines():
        if "Layer (type)" in line:
            titles = [t for t in line.split("  ") if t.strip()]
            spread = {"Layer (type)": "Layer (  type)", "Output Shape": "Output   Shape"}
            spread |= {"Param #": "Param   #", "Connected to": "Connected   to"}
            out.append("    " + (" " * 19).join(spread[t.strip()] for t in titles) + "   ")
        else:
            out.append(line.replace("(", "( "))
    return "\n".join(out)


@pytest.mark.parametrize(
    "case",
    ["keras2.2.4/cnn_bn", "keras2.2.4/merge_ops", "keras1.2.2/mlp_bn_sequential", "tf2.0/cnn_bn"],
)
def test_a_header_spaced_by_a_highlighter_is_read(case: str) -> None:
    """Trial file 13: the spaced header is a header, and the rows are cut at their own columns."""
    text = highlighter_spaced(_text(case))
    assert "Layer (  type)" in text and "( None" in text
    summary = _one(text)
    assert _rows(summary) == _true_rows(case)
    assert summary.totals.to_dict() == _truth(case)["totals"]
    assert summary.unreadable == ()


# ---------------------------------------------------------------- trial file 12: blank, then rule


def blank_before_rules(text: str) -> str:
    """Put a blank line between each row and the rule under it, as trial file 12 shows."""
    out: list[str] = []
    below_header = False
    for line in text.splitlines():
        rule = len(line) > 20 and set(line.strip()) in ({"_"}, {"="})
        if rule and below_header and out[-1].strip() and not set(out[-1].strip()) <= {"_", "="}:
            out.append("")
        below_header = below_header or "Layer (type)" in line
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize(
    "case", ["keras2.2.4/cnn_bn", "keras2.2.4/merge_ops", "keras1.2.2/mlp_bn_sequential"]
)
def test_a_blank_line_between_a_row_and_its_rule_is_no_row(case: str) -> None:
    """Trial file 12: the rules after the blank lines are rules, not unreadable rows."""
    text = blank_before_rules(_text(case))
    assert "\n\n____" in text
    summary = _one(text)
    assert summary.unreadable == ()
    assert _rows(summary) == _true_rows(case)
    assert summary.totals.to_dict() == _truth(case)["totals"]
    assert "SA001" not in _codes(text)


# ---------------------------------------------------------------- trial files 09 and 32: cut rules


def cut_at_closing_rule(text: str, rule: str, collapse: bool) -> str:
    """End a print at its closing rule, the rule cut to a few characters (`==`, `__`) by the
    excerpt, as in trial files 09 and 32; `collapse` squeezes the spaces and drops the empty
    lines, as file 09's page did."""
    lines = text.splitlines()
    closing = max(i for i, line in enumerate(lines) if line.startswith("="))
    kept = lines[:closing]
    if collapse:
        kept = [" ".join(line.split()) for line in kept if line.strip()]
    return "\n".join([*kept, rule])


@pytest.mark.parametrize("rule", ["==", "__", "==="])
@pytest.mark.parametrize(
    ("case", "collapse"),
    [
        ("tf2.12/cnn_bn", True),
        ("tf2.12/cnn_bn", False),
        ("keras2.2.4/cnn_bn", True),
        ("keras2.2.4/merge_ops", False),
        ("keras1.2.2/mlp_bn_sequential", False),
    ],
)
def test_a_rule_cut_short_is_a_rule(case: str, collapse: bool, rule: str) -> None:
    """The cut rule is neither glued to the last row's class (09) nor a row of its own (32)."""
    text = cut_at_closing_rule(_text(case), rule, collapse)
    assert text.endswith(f"\n{rule}")
    summary = _one(text)
    assert _rows(summary) == _true_rows(case)
    assert summary.unreadable == ()
    assert _codes(text) == ["SA003"]


# ---------------------------------------------------------------- trial file 35: a bare inbound


_NODE_INDEX = re.compile(r"\[\d+\]\[\d+\]")
_KERAS1_ROW = re.compile(r"^(\S.*?\))\s+(\(.*?\))\s+(\d+)\s*(.*?)\s*$")


def hand_retyped(text: str) -> str:
    """Retype a Keras 1 print as trial file 35's author did: Connected to entries without
    `[0][0]`, each count one space after its shape (so the two run together), and the
    continuation lines indented two columns past the Connected to column."""
    header = next(line for line in text.splitlines() if "Layer (type)" in line)
    connected_at = header.index("Connected to")
    out = []
    for line in _NODE_INDEX.sub("", text).splitlines():
        row = _KERAS1_ROW.match(line)
        if row:
            layer, shape, count, inbound = row.groups()
            line = f"{layer:<{header.index('Output Shape')}}{shape} {count}"
            line = line.ljust(connected_at) + inbound
        elif line.startswith(" ") and line.strip():
            line = " " * (connected_at + 2) + line.strip()
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("gen", ["keras1.0.8", "keras1.2.2"])
@pytest.mark.parametrize("case", ["merge_ops", "shared_dense_two_inputs"])
def test_an_inbound_name_on_its_own_line_stays_an_inbound(gen: str, case: str) -> None:
    """A Merge row's second inbound (`activation_4` alone on the next line) is not glued onto
    its class (`Merge)activation_4`): it is the row's next Connected to entry."""
    real = _one(_text(f"{gen}/{case}"))
    text = hand_retyped(_text(f"{gen}/{case}"))
    assert "[0][0]" not in text and "(Merge)" in text
    summary = _one(text)
    assert _rows(summary) == _rows(real)
    wanted = [[_NODE_INDEX.sub("", c) for c in layer.connected_to] for layer in real.layers]
    assert [list(layer.connected_to) for layer in summary.layers] == wanted
    assert any(len(inbound) > 1 for inbound in wanted)


# ---------------------------------------------------------------- trial files 39 and 38: totals


def drop_totals_lines(text: str, labels: tuple[str, ...]) -> str:
    """Crop a paste's totals as trial file 39 shows: the named totals lines are gone."""
    kept = [line for line in text.splitlines() if not line.lstrip().startswith(labels)]
    return "\n".join(kept)


CROPPED_TOTALS = [
    ("keras3/cnn_bn", ("Trainable params", "Non-trainable params"), "Trainable and Non-trainable"),
    ("tf2.12/cnn_bn", ("Trainable params", "Non-trainable params"), "Trainable and Non-trainable"),
    ("keras2.2.4/cnn_bn", ("Non-trainable params",), "Non-trainable"),
    ("keras1.2.2/mlp_bn_sequential", ("Trainable", "Non-trainable"), "Trainable and Non-trainable"),
    ("keras3/compiled_fitted", ("Total params",), "Total"),
]


@pytest.mark.parametrize(("case", "labels", "named"), CROPPED_TOTALS)
def test_totals_lines_cut_from_a_paste_are_reported(case: str, labels: tuple, named: str) -> None:
    """Trial file 39 ends with ` Total params: 0 (0.00 B)` alone: a cropped paste, not a pass."""
    text = _text(case)
    assert _codes(text) == []
    cropped = drop_totals_lines(text, labels)
    report = api.check_text(cropped)
    [summary] = report.summaries
    [finding] = [f for f in report.findings if f.code == "SA003"]
    assert f"the {named} params line" in finding.message
    # (a Non-trainable line alone left out is given by Total − Trainable: an info where the
    # rows agree with it, 81a's 006; tests/test_trial81_pastes.py has both sides)
    given = named == "Non-trainable" and "Total − Trainable gives it" in finding.message
    assert finding.severity.value == ("info" if given else "warning")
    assert given == (named == "Non-trainable")
    assert summary.coverage is not None and not summary.coverage.complete
    assert _rows(summary) == _true_rows(case)


@pytest.mark.parametrize("case", ["keras1.0.8/mlp_bn_sequential", "keras1.1.2/merge_ops"])
def test_the_lone_total_of_keras_1_0_is_a_whole_print(case: str) -> None:
    """Keras 1.0–1.1 printed `Total params: 217` alone, without thousands separators."""
    text = _text(case)
    assert "Trainable params" not in text and "Total params" in text
    report = api.check_text(text)
    assert [f.code for f in report.findings] == []
    assert report.summaries[0].coverage is not None and report.summaries[0].coverage.complete


def test_a_keras_1_2_total_left_alone_is_told_from_keras_1_0_by_its_commas() -> None:
    """A lone Total with thousands separators cannot be Keras 1.0–1.1's, whatever else it shows."""
    text = _text("keras1.2.2/big_dense")
    total = next(line for line in text.splitlines() if line.startswith("Total params"))
    assert "," in total
    cropped = drop_totals_lines(text, ("Trainable", "Non-trainable"))
    assert _one(cropped).generation is Era.KERAS1_0  # the reader alone cannot tell
    assert _codes(cropped) == ["SA003"]


def totals_only(text: str) -> str:
    """Keep only a print's totals lines, as trial file 38 quotes them under a heading."""
    kept = [line.strip() for line in text.splitlines() if " params:" in line]
    return "\n".join(["## Model size", "", *kept, "", "The rest of the notes."])


@pytest.mark.parametrize("case", ["keras3/cnn_bn", "tf2.12/cnn_bn", "keras2.2.4/cnn_bn"])
def test_totals_without_a_table_are_not_a_complete_audit(case: str) -> None:
    """Trial file 38: a totals-only block verified no row, so its coverage is not complete."""
    report = api.check_text(totals_only(_text(case)))
    [summary] = report.summaries
    assert summary.layers == () and summary.totals.to_dict() == _truth(case)["totals"]
    assert summary.coverage is not None and not summary.coverage.complete
    assert "the layer rows" in summary.coverage.sentence()
    assert [f.code for f in report.findings] == ["SA003"]


def bold_bullets(text: str) -> str:
    """Write each totals line as trial file 38 does: `- Total params: **54,538 (213.04 KB)**`."""
    out = []
    for line in text.splitlines():
        label, colon, value = line.strip().partition(": ")
        out.append(f"- {label}: **{value}**" if colon and label.endswith(" params") else line)
    return "\n".join(out)


def _edit_size(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize("table", [False, True], ids=["totals_only", "under_its_table"])
def test_sizes_in_bold_totals_are_checked(table: bool) -> None:
    """Trial file 38: a size written `**2,397,226 (9.14 MB)**` is read, so SA204 can check it."""
    text = _text("keras3/cnn_bn")
    damaged = bold_bullets(text if table else totals_only(text))
    assert "- Total params: **54,538 (213.04 KB)**" in damaged
    [summary] = api.check_text(damaged).summaries
    assert summary.coverage is not None
    assert "printed sizes" in summary.coverage.sentence().split("Not verified")[0]
    assert "SA204" not in _codes(damaged)
    edited = _edit_size(damaged, "(213.04 KB)", "(913.04 KB)")
    found = [f for f in api.check_text(edited).findings if f.code == "SA204"]
    assert [f.line for f in found] == [summary.totals.total.line]  # type: ignore[union-attr]


# ---------------------------------------------------------------- trial file 37: a cut custom class


def custom_class(text: str, row: str, custom: str) -> str:
    """Give one row of a Keras 1/2 print a custom class, cut as Keras cuts a cell that does not
    fit its column (`initial_causal_conv (CausalAtrou`, trial file 37)."""
    header = next(line for line in text.splitlines() if "Layer (type)" in line)
    width = header.index("Output Shape") - 1
    out = []
    for line in text.splitlines():
        if line.startswith(f"{row} ("):
            line = f"{row} ({custom})"[:width].ljust(width) + line[width:]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "keras1.2.2/mlp_bn_sequential"])
def test_a_custom_class_cut_by_the_column_is_said_to_be_cut(case: str) -> None:
    """SA901 on `(CausalAtrou` says the column cut the class, not that it is a `CausalAtrou`."""
    text = custom_class(_text(case), "dense_1", "CausalAtrousConvolution1D")
    [layer] = [layer for layer in _one(text).layers if layer.name == "dense_1"]
    cut = layer.type
    assert "CausalAtrousConvolution1D".startswith(cut) and len(cut) < 25
    [found] = [f for f in api.check_text(text).findings if f.code == "SA901"]
    assert found.layer == "dense_1"
    assert f"cut by the column to {len(cut)} characters ({cut}…)" in found.message
    assert f"no formula for a class starting with {cut}" in found.message
    assert f"is a {cut}" not in found.message


def test_a_custom_class_that_fits_its_column_is_named_as_printed() -> None:
    text = custom_class(_text("keras2.2.4/cnn_bn"), "dense_1", "Gated")
    [found] = [f for f in api.check_text(text).findings if f.code == "SA901"]
    assert "dense_1 is a Gated, a layer type summaryaudit has no formula for" in found.message
