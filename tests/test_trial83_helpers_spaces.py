"""Trial 83's excerpts with collapsed blanks and an input run into its shape, on real prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES
from .real_prints import load_print, print_id

REAL = FIXTURES / "real"

# --------------- 83a's 012: a tf.keras 2.7+ print with Connected to, copied from a page that
# collapsed every run of blanks to one, its top (title, header, first rows) left out

COLLAPSED_PRINTS = [
    REAL / "tf2.12" / "transformer_block.truth.json",  # (`(LayerN` / `ormalization)`)
    REAL / "tf2.12" / "slicing_ops_named_past_the_column.truth.json",  # (`, 'tf.__op…[0][`)
    REAL / "tf2.12" / "two_input_long_names.truth.json",  # (names wrapped, `(InputLayer` / `)`)
    REAL / "tf_keras" / "quantize_aware_mobilenet_names.truth.json",  # (three names cut alike)
    REAL / "tf_keras" / "tensorflow_ops_output_shapes.truth.json",  # (a scalar's `()`)
    REAL / "tf_keras" / "slicing_ops_named_past_the_column.truth.json",  # (`(SlicingOpLambda)`)
]


def collapsed(text: str) -> str:
    """Each line with its runs of blanks made one, as a page's text copy makes them."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def row_starts(printed: str) -> list[int]:
    """The indexes of the lines that start a layer row of a tf.keras 2.7+ print."""
    lines = printed.split("\n")
    header_rule = next(i for i, line in enumerate(lines) if line.startswith("="))
    shape_at = lines[header_rule - 1].index("Output Shape")
    closing_rule = next(i for i, line in enumerate(lines) if i > header_rule and line[:1] == "=")
    return [
        i
        for i in range(header_rule + 1, closing_rule)
        if lines[i][1:2].strip() and lines[i][shape_at - 1 : shape_at + 2].strip()[:1] in "(["
    ]


def excerpt(printed: str, first_row: int, with_totals: bool, empty_lines: bool = True) -> str:
    """The print from its row `first_row` on (a sentence and elision dots above it), to its
    totals or to its last row, its blanks collapsed (and its empty lines dropped, as 83a's 012
    has them, unless `empty_lines`)."""
    lines = printed.split("\n")
    start = row_starts(printed)[first_row]
    closing_rule = next(i for i, line in enumerate(lines) if i > start and line[:1] == "=")
    end = len(lines) if with_totals else closing_rule
    body = collapsed("\n".join(lines[start:end]))
    if not empty_lines:
        body = "\n".join(line for line in body.split("\n") if line)
    return f"The default model is set as in the paper.\nmodel.summary()\n.\n.\n.\n{body}\n"


@pytest.mark.parametrize("empty_lines", [True, False], ids=["spaced", "dense"])
@pytest.mark.parametrize("with_totals", [True, False], ids=["totals", "no_totals"])
@pytest.mark.parametrize("first_row", [0, 1], ids=["from_the_first_row", "from_the_second"])
@pytest.mark.parametrize(
    "truth_path", COLLAPSED_PRINTS, ids=[print_id(p) for p in COLLAPSED_PRINTS]
)
def test_collapsed_rows_without_their_header_are_read(
    truth_path: Path, first_row: int, with_totals: bool, empty_lines: bool
) -> None:
    """Before: 'SA002 no Keras model.summary() table was found' without the totals, and 'SA003
    totals without a table: no layer rows were read' with them: the rows of a print whose
    header is not shown were looked for by their columns (runs of blanks), and a row's class
    or Connected to list wrapped onto a line at the margin ended them."""
    truth, printed = load_print(truth_path)
    report = api.check_text(excerpt(printed, first_row, with_totals, empty_lines))
    [summary] = report.summaries
    assert summary.unreadable == ()
    rows = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    want = [(layer["name"], layer["type"], layer["params"]) for layer in truth["layers"]]
    assert rows == want[first_row:]
    if with_totals:
        assert summary.totals.to_dict() == truth["totals"]
    # without totals: 'rows from the middle of a table' (info), or, from an input's row whose
    # every inbound layer is shown, 'table without totals' (warning); nothing else but infos
    warned = {f.code for f in report.findings if f.severity.value != "info"}
    assert warned <= (set() if with_totals else {"SA003"})
    assert with_totals or "SA003" in {f.code for f in report.findings}


def test_a_collapsed_row_whose_output_wrapped_is_reported_not_dropped() -> None:
    """A row whose output (two tensors) its column wrapped over lines is reported unreadable
    (SA001), the rows above and below it read. Before: no row was read without totals
    (SA002); with them, only the rows below it (the rows above were dropped unsaid)."""
    truth, printed = load_print(REAL / "tf2.12" / "attention_with_scores.truth.json")
    for with_totals, empty_lines in [(True, True), (False, True), (True, False), (False, False)]:
        report = api.check_text(excerpt(printed, 0, with_totals, empty_lines))
        [summary] = report.summaries
        read = [layer.name for layer in summary.layers]
        assert read == [
            layer["name"] for layer in truth["layers"] if layer["name"] != "multi_head_attention"
        ]
        unread = [f for f in report.findings if f.code == "SA001"]
        assert unread and "multi_head_attention (MultiHea ((None, 15, 64)" in unread[0].message


# --------------- 83b's 002: an input's `name (InputLayer)` one character wider than its column,
# its shape `[(None, 224, 224, 3)]` set one column left of the Output Shape title after a blank

NESTED_BASES = [
    REAL / "tf2.9" / "frozen_nested_base_no_show_trainable.truth.json",
    REAL / "tf2.12" / "frozen_nested_base_no_show_trainable.truth.json",
]
LONG_INPUT = "image_input_1"  # (as long as the damage needs in these prints' 65 columns)


def input_run_into_its_shape(printed: str, lead: str) -> tuple[str, str]:
    """The print with its input's name made as long as pushes its shape one column left of the
    Output Shape title, one blank before it (the count kept at its column), each line's
    tf.keras 2.7+ leading blank replaced by `lead`; and the name."""
    lines = [lead + line[1:] if line[:1] == " " else line for line in printed.split("\n")]
    header = next(line for line in lines if "Layer (type)" in line)
    shape_at, count_at = header.index("Output Shape"), header.index("Param #")
    at = next(i for i, line in enumerate(lines) if "(InputLayer)" in line)
    old_name = lines[at].split()[0]
    shape = lines[at][lines[at].index("[(") : lines[at].index(")]") + 2]
    name = LONG_INPUT
    cells = f"{lead}{name} (InputLayer) {shape}"
    assert cells.index("[") == shape_at - 1 and lines[at][count_at] == "0"
    lines[at] = cells.ljust(count_at) + lines[at][count_at:]
    assert old_name not in "\n".join(lines)  # (no other line names the input)
    return "\n".join(lines), name


@pytest.mark.parametrize("lead", [" ", ""], ids=["indented", "flush_left"])
@pytest.mark.parametrize("truth_path", NESTED_BASES, ids=[print_id(p) for p in NESTED_BASES])
def test_an_input_row_wider_than_its_column_is_split_at_its_shape(
    truth_path: Path, lead: str
) -> None:
    """Before: the row was cut at the Output Shape title, inside the shape's `[(`: name
    `vggface_vgg16_input (InputLayer) [`, shape `(None, 224, 224, 3)]`, and its printed class
    'inferred from its name'."""
    truth, printed = load_print(truth_path)
    pasted, name = input_run_into_its_shape(printed, lead)
    truth["layers"][0]["name"] = name
    report = api.check_text(pasted)
    [summary] = report.summaries
    first = summary.layers[0]
    assert (first.name, first.type, first.output_shape) == (
        name,
        "InputLayer",
        "[(None, 32, 32, 3)]",
    )
    rows = [(layer.name, layer.type, layer.params) for layer in summary.layers]
    assert rows == [(layer["name"], layer["type"], layer["params"]) for layer in truth["layers"]]
    assert summary.totals.to_dict() == truth["totals"]
    derivations = [row.derivation or "" for row in summary.audited_rows()]
    assert not any("inferred from its name" in text for text in derivations)
    assert [(f.code, f.layer) for f in report.findings] == [
        (f.code, f.layer) for f in api.check_text(printed).findings
    ]
