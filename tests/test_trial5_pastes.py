"""Trial 5's paste damage (new-user trial on 35 public pastes), applied as code to real prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.layer_classes import annotated_class, names_a_range

from .conftest import FIXTURES
from .real_prints import (
    assert_reads_as_truth,
    findings_by_layer,
    load_print,
    one_summary,
    print_id,
    truth_paths,
)
from .test_trial3_markup import TITLES

REAL = FIXTURES / "real"
FIXED = ("keras2.0.8", "keras2.2.4", "keras2.3.1", "tf1.14", "tf2.0", "tf2.9", "tf2.12", "tf_keras")
NAMES = ("big_dense", "cnn_bn", "mlp_bn_functional", "frozen_after_compile", "text_cnn")
PRINTS = truth_paths(REAL, FIXED, NAMES)
_RULE = re.compile(r"^\s*([_=])\1{4,}\s*$")


# --------------------------------------------------------------------------- damage, as code


def dashed_rules(text: str) -> str:
    """A table retyped with dashes (019, a JSX page): every `_` and `=` rule is a `-` rule."""
    return "\n".join("-" * len(line) if _RULE.match(line) else line for line in text.split("\n"))


def column_rule_under_header(text: str) -> str:
    """A README (009) that replaced the `=` rule under its header with one dash run per column
    (from the rule's left edge), as pandas and SQL clients print, and dropped every other rule."""
    lines = text.split("\n")
    head = next(i for i, line in enumerate(lines) if "Layer (type)" in line)
    header = lines[head]
    starts = sorted(header.index(title) for title in TITLES if title in header)
    edges = [0, *starts[1:], len(header.rstrip()) + 2]
    runs = " ".join("-" * (end - start - 1) for start, end in zip(edges, edges[1:]))
    kept = [line for line in lines[head + 1 :] if not _RULE.match(line)]
    return "\n".join([header, runs, *kept])


# --------------------------------------------------------------------------- the reads


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_table_ruled_with_dashes_reads_as_printed(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = dashed_rules(text)
    assert "=====" not in damaged and "_____" not in damaged and "-----" in damaged
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


@pytest.mark.parametrize("truth_path", PRINTS, ids=print_id)
def test_a_header_ruled_per_column_keeps_its_rows(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = column_rule_under_header(text)
    assert re.search(r"\n-{5,} -{5,} -{5,}", damaged)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def test_a_dash_rule_ends_the_table_for_the_text_after_it() -> None:
    """After a closing dash rule, row-like lines of the page are not layers of the table."""
    truth, text = load_print(REAL / "tf2.9" / "big_dense.truth.json")
    damaged = dashed_rules(text)
    totals_at = damaged.index("Total params")
    table = damaged[:totals_at].rstrip("\n")
    after = "\nextra_layer (Dense)          (None, 7)                 77\n"
    summaries = api.parse_text(table + "\n" + after)
    assert [layer.name for layer in summaries[0].layers] == [w["name"] for w in truth["layers"]]


def test_dashes_with_a_short_run_are_no_rule() -> None:
    from summaryaudit.lines import is_rule

    assert is_rule("------- ------ ----", "-")
    assert is_rule("-------", "-")
    assert not is_rule("- - - - - -", "-")
    assert not is_rule("----- x -----", "-")


def test_a_count_keras_3_cut_is_no_unreadable_row_and_the_coverage_says_why() -> None:
    """Keras 3 prints `10,240,0…` for a count wider than its column (trial 5, 032). Here the
    digits of the Dense row are edited so that neither its formula nor the totals decide either
    cut count (tests/test_cut_counts.py has the print as Keras wrote it)."""
    text = (REAL / "keras3" / "wide_counts_cut_line_length60.txt").read_text(encoding="utf-8")
    text = text.replace("10,040,1…", "10,050,1…")
    report = api.check_text(text)
    [summary] = report.summaries
    # (since 75b's 005 the edited digits, past Total with the rows read, are an SA201 info)
    assert [(f.code, f.severity.value) for f in report.findings] == [("SA201", "info")]
    cut = [layer.name for layer in summary.layers if layer.params_cut]
    assert cut == ["token_embedding", "projection"]
    coverage = summary.coverage
    assert coverage is not None and not coverage.complete
    assert "count cut short by its column" in " ".join(coverage.not_verified)
    assert "end of the paste" not in " ".join(coverage.not_verified)


def frozen_parameters_label(text: str) -> str:
    """A retyped table (034) that wrote its totals as `Total Parameters:` … `Frozen Parameters:`."""
    return (
        text.replace("Total params:", "Total Parameters:")
        .replace("Non-trainable params:", "Frozen Parameters:")
        .replace("Trainable params:", "Trainable Parameters:")
    )


@pytest.mark.parametrize("truth_path", [p for p in PRINTS if "frozen" in p.name], ids=print_id)
def test_frozen_parameters_is_the_non_trainable_line(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = frozen_parameters_label(text)
    assert "Frozen Parameters:" in damaged and truth["totals"]["non_trainable"] > 0
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)
    total = f"{truth['totals']['total']:,}"
    edited = damaged.replace(f"Total Parameters: {total}", "Total Parameters: 1,000")
    assert "SA202" in [code for code, _ in findings_by_layer(edited)]


def _text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


# Prints with a class name the column wrapped (`batch_normalization (BatchN` / ` ormalization)`).
WRAPPED = [
    REAL / v / f"{n}.truth.json"
    for v in ("tf2.9", "tf2.12", "tf_keras")
    for n in ("cnn_bn", "mlp_bn_functional", "nested_functional_expanded", "conv_zoo")
    if re.search(r"\n [a-z]\w*\)\s*\n", _text_of(REAL / v / f"{n}.txt"))
]


def without_the_leading_space(text: str) -> str:
    """A docstring paste (035) that lost the one space tf.keras 2.7+ puts before every line,
    so a class name the column wrapped (`batch_normalization (BatchN` / `ormalization)`) starts
    its second line at the margin, where a row would."""
    return "\n".join(line[1:] if line.startswith(" ") else line for line in text.split("\n"))


@pytest.mark.parametrize("truth_path", WRAPPED, ids=print_id)
def test_a_wrapped_class_at_the_margin_is_no_row(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = without_the_leading_space(text)
    assert re.search(r"\n[a-z]\w*\)\s*\n", damaged)  # a wrapped class's end at the margin
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


def noted_above_the_closing_rule(text: str, note: str, headless: bool) -> str:
    """A code comment (013) that pasted a table, maybe without its top, and wrote a note of its
    own (`<< original top`) between the last row and the closing `=` rule."""
    lines = text.split("\n")
    closing = max(i for i, line in enumerate(lines) if line.startswith("====="))
    lines.insert(closing, note)
    if headless:
        header_rule = next(i for i, line in enumerate(lines) if line.startswith("====="))
        lines = lines[header_rule + 2 :]  # from the first row's rule on: no title, no header
    return "\n".join(lines)


KERAS2_RULED = [
    REAL / v / f"{n}.truth.json"
    for v in ("keras2.2.4", "keras2.3.1")
    for n in ("cnn_bn", "big_dense")
]


@pytest.mark.parametrize("note", ["<< original top", "<-- custom top (sigmoid, 1 unit)"])
@pytest.mark.parametrize("truth_path", KERAS2_RULED, ids=print_id)
def test_a_note_written_into_the_table_is_no_row(truth_path: Path, note: str) -> None:
    truth, text = load_print(truth_path)
    damaged = noted_above_the_closing_rule(text, note, headless=False)
    assert_reads_as_truth(one_summary(damaged), truth)
    assert findings_by_layer(damaged) == findings_by_layer(text)


@pytest.mark.parametrize("truth_path", KERAS2_RULED, ids=print_id)
def test_a_note_above_the_closing_rule_keeps_a_headless_tables_rows(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    damaged = noted_above_the_closing_rule(text, "<< cutom top (for linear regression)", True)
    assert "Layer (type)" not in damaged
    summary = one_summary(damaged)
    assert summary.unreadable == () and summary.totals.to_dict() == truth["totals"]
    rows = [(layer.name, layer.params) for layer in summary.layers]
    assert rows == [(w["name"], w["params"]) for w in truth["layers"][1:]]


NESTED = [REAL / v / "nested_functional_expanded.txt" for v in ("tf2.9", "tf2.12", "tf_keras")]


def _coverage_of(text: str) -> tuple[int, int, str]:
    [summary] = api.check_text(text).summaries
    assert summary.coverage is not None
    reasons = " ".join(summary.coverage.not_verified)
    return summary.coverage.rows_verified, summary.coverage.rows_read, reasons


@pytest.mark.parametrize("path", NESTED, ids=lambda p: p.parent.name)
def test_a_library_block_is_verified_by_its_inner_rows(path: Path) -> None:
    """A Merlin model's `SequentialBlock` (trial 5, 035): no formula for the class, but its
    inner rows, printed by expand_nested, add up to its count."""
    text = path.read_text(encoding="utf-8").replace("(Functional)", "(SequentialBlock)")
    verified, read, reasons = _coverage_of(text)
    assert verified == read and "nested model" not in reasons
    edited = text.replace("(None, 8)                 88 ", "(None, 8)                 89 ")
    assert edited != text
    verified, read, reasons = _coverage_of(edited)
    assert "nested model whose inner rows do not add up to it: inner_block" in reasons


def test_a_nested_model_without_its_inner_rows_says_they_are_not_printed() -> None:
    text = (REAL / "tf2.12" / "nested_functional.txt").read_text(encoding="utf-8")
    assert "(Functional)" in text and "¯" not in text
    _, _, reasons = _coverage_of(text.replace("(Functional)", "(SequentialBlock)"))
    # a `…Block` may be a custom layer holding layers, no model (16b's 009)
    assert "1 row (no formula for the class, and its inner rows are not printed: inner_block)" in (
        reasons
    )
    _, _, reasons = _coverage_of(text)
    assert "1 row (nested model whose inner rows are not printed: inner_block)" in reasons


BIDIRECTIONAL = sorted(p for p in REAL.glob("*/rnn_stack.txt") if "(Bidirectional)" in _text_of(p))


@pytest.mark.parametrize("path", BIDIRECTIONAL, ids=lambda p: p.parent.name)
def test_a_bidirectional_row_labelled_with_its_inner_class_is_explained(path: Path) -> None:
    """A post (trial 4, 022) retyped `Bidirectional(LSTM(6))` as `(LSTM)`: the count is two
    LSTM(6)s, and the row says so rather than only 'was the count edited?'. Its name is the
    wrapper's, so it is read as that wrapper (27c's 001), no error; a row not named so keeps
    the error that asks (tests/test_trial27_pastes.py)."""
    text = path.read_text(encoding="utf-8").replace("(Bidirectional)", "(LSTM)         ")
    report = api.check_text(text)
    assert not [f for f in report.findings if f.code == "SA101"]
    [summary] = report.summaries
    [derivation] = [
        row.derivation
        for layer, row in zip(summary.layers, summary.audit.rows)
        if layer.name.startswith("bidirectional")
    ]
    assert derivation.startswith("816 = 2 × 4 × 6 × (10 + 6 + 1): named as a Bidirectional")
    assert derivation.endswith("Bidirectional(LSTM(6)) with its two outputs concatenated")


# --------------------------------------------------------------------------- 034: an invented table

_NOTES = {"Dense": "ReLU", "Dropout": "0.3"}


def annotated_classes(text: str) -> str:
    """Class cells retyped with a note after the class (034): `(Dense ReLU)`, `(Dropout 0.3)`,
    written into the cell's padding so the columns stay where they were."""

    def note(match: re.Match[str]) -> str:
        extra = f" {_NOTES[match[1]]}"
        return f"({match[1]}{extra}){match[2][len(extra) :]}"

    return re.sub(r"\((Dense|Dropout)\)( {6,})", note, text)


def _annotatable() -> list[Path]:
    found = []
    for path in PRINTS:
        _, text = load_print(path)
        if re.search(r"\((Dense|Dropout)\) {6,}", text):
            found.append(path)
    return found


@pytest.mark.parametrize("truth_path", _annotatable(), ids=print_id)
def test_a_class_cell_with_a_note_is_read_as_its_class(truth_path: Path) -> None:
    _, text = load_print(truth_path)
    damaged = annotated_classes(text)
    assert damaged != text
    report = api.check_text(damaged)
    assert findings_by_layer(damaged) == findings_by_layer(text)  # no SA901 for `Dense ReLU`
    [summary] = report.summaries
    rows = summary.to_dict()["layers"]
    noted = [row for row in rows if "reads as a note" in (row["derivation"] or "")]
    assert noted and all(row["type"] in _NOTES for row in noted)
    for row in noted:
        assert f"its class cell {row['type']} {_NOTES[row['type']]}" in row["derivation"]


def test_a_class_cell_with_a_note_still_has_its_count_checked() -> None:
    _, text = load_print(REAL / "keras2.2.4" / "cnn_bn.truth.json")
    damaged = annotated_classes(text).replace("54090     ", "54091     ")
    report = api.check_text(damaged)
    assert [(f.code, f.layer) for f in report.findings if f.code == "SA101"] == [
        ("SA101", "dense_1")
    ]


def merged_rows(text: str, names: list[str], extra: int = 0) -> str:
    """Consecutive rows retyped as one row named as a range (034: `block1_conv1 .. block4_conv3`),
    with the last row's shape and the rows' summed count (plus `extra`)."""
    lines = text.split("\n")
    at = [next(i for i, line in enumerate(lines) if line.startswith(f"{n} (")) for n in names]
    first, last = at[0], at[-1]
    counts = [int(lines[i].split()[-1].replace(",", "")) for i in at]
    shape_at = lines[last].index("(None")
    label = f"{names[0]} .. {names[-1]}"
    assert len(label) < shape_at
    tail = lines[last][shape_at:]
    row = label.ljust(shape_at) + tail.replace(str(counts[-1]), str(sum(counts) + extra), 1)
    return "\n".join([*lines[:first], row.rstrip(), *lines[last + 1 :]])


RANGE_PRINTS = [
    (REAL / v / "cnn_bn.truth.json")
    for v in ("keras2.0.8", "keras2.2.4", "keras2.3.1")
    if (REAL / v / "cnn_bn.truth.json").is_file()
]


@pytest.mark.parametrize("truth_path", RANGE_PRINTS, ids=print_id)
def test_a_row_named_as_a_range_of_layers_is_checked_through_the_totals(truth_path: Path) -> None:
    truth, text = load_print(truth_path)
    names = [layer["name"] for layer in truth["layers"][:3]]
    damaged = merged_rows(text, names)
    report = api.check_text(damaged)
    label = f"{names[0]} .. {names[-1]}"
    assert (
        findings_by_layer(damaged) == []
    )  # not read as one Conv2D from its first name (was SA101)
    [summary] = report.summaries
    [merged] = [row for row in summary.to_dict()["layers"] if row["name"] == label]
    assert "stands for several layers in one row" in merged["derivation"]
    assert summary.coverage is not None
    assert "one row for several layers, named as a range" in summary.coverage.sentence()
    raised = merged_rows(text, names, extra=1000)
    assert ("SA201", "") in findings_by_layer(raised)  # the totals still check the merged count


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("Dense ReLU", "Dense"),
        ("Dropout 0.3", "Dropout"),
        ("Dense Softmax", "Dense"),
        ("Dense", None),  # a class alone is no note
        ("Densely connected", None),  # not a known class
        ("Conv2D (3x3)", None),  # a bracket is no plain note
        ("", None),
    ],
)
def test_a_note_after_a_class_is_told_apart(printed: str, read: str | None) -> None:
    assert annotated_class(printed) == read


@pytest.mark.parametrize(
    ("name", "is_range"),
    [
        ("block1_conv1 .. block4_conv3", True),
        ("conv2d_1 ... conv2d_9", True),
        ("dense_1 to dense_4", True),
        ("dense_1", False),
        ("...", False),  # an elision, not a range
        ("block1_conv1", False),
    ],
)
def test_a_name_spanning_several_layers_is_told_apart(name: str, is_range: bool) -> None:
    assert names_a_range(name) is is_range
