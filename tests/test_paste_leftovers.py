"""What a new-user trial on public pastes left wrong, each rebuilt as code on a real Keras print."""

from __future__ import annotations

import re

import pytest

from summaryaudit import api
from summaryaudit.records import Report

from .conftest import FIXTURES, need
from .test_cropped_tables import crop_above_row
from .test_structural_damage import elide

REAL = FIXTURES / "real"


def _text(case: str) -> str:
    return need(REAL / f"{case}.txt").read_text(encoding="utf-8")


def _loud(report: Report) -> list[tuple[str, str]]:
    """The errors and warnings of a report, as (code, message)."""
    return [(f.code, f.message) for f in report.findings if f.severity.value != "info"]


def _rows(report: Report) -> list[tuple]:
    return [
        (layer.name, row.type, layer.params)
        for summary in report.summaries
        for layer, row in zip(summary.layers, summary.audited_rows())
    ]


# ------------------------------------------------------------ shapes retyped without the batch axis

_SHAPE = re.compile(r"\(None, ((?:[^ │┃|]| (?! ))*)")


def _without_batch(match: re.Match[str]) -> str:
    """`(None, 28, 28, 32)` → `(28, 28, 32)`, `(None, 10)` → `(10,)`, padded to the same width."""
    body = match.group(1)
    if re.fullmatch(r"\d+\)", body):
        return f"({body[:-1]},)" + " " * 5
    return f"({body}" + " " * 6


def retyped_without_batch(text: str, every: int = 1) -> str:
    """Drop the batch axis from the shapes of every `every`-th line that shows one, keeping the
    columns where they were (as an author who retyped the shapes from the model's layers)."""
    out, seen = [], 0
    for line in text.splitlines():
        if _SHAPE.search(line):
            seen += 1
            if (seen - 1) % every == 0:
                line = _SHAPE.sub(_without_batch, line)
        out.append(line)
    return "\n".join(out) + "\n"


# Channels-first prints: the channel axis is axis 1 only when the batch axis is axis 0.
CHANNELS_FIRST = [
    "keras1.0.8/bn_axis1_channels_first_64x64",
    "keras1.0.8/cnn_th_bn_axis1",
    "keras1.1.2/cnn_th_bn_default_axis",
    "keras2.2.4/cnn_channels_first_bn_axis1",
    "tf2.12/cnn_channels_first_bn_axis1",
    "keras3/cnn_channels_first_bn_axis1",
    "keras3/conv_zoo",
    "tf_keras/shared_dense_two_inputs",
]


@pytest.mark.parametrize("case", CHANNELS_FIRST)
def test_shapes_retyped_without_the_batch_axis_are_read_as_such(case: str) -> None:
    """`(28, 28, 32)` for `(None, 28, 28, 32)` in every row: no false SA101 or SA301, and each
    row is checked as it is in the print itself."""
    text = _text(case)
    edited = retyped_without_batch(text)
    assert edited != text and not re.search(r"(?:│|  )\(None, \d", edited)
    genuine, retyped = api.check_text(text), api.check_text(edited)
    assert _loud(retyped) == _loud(genuine)
    assert _rows(retyped) == _rows(genuine)
    coverage = [s.coverage.rows_verified for s in retyped.summaries if s.coverage]
    assert coverage == [s.coverage.rows_verified for s in genuine.summaries if s.coverage]


@pytest.mark.parametrize("case", CHANNELS_FIRST)
def test_shapes_with_and_without_the_batch_axis_mixed_give_no_false_alarm(case: str) -> None:
    """Every other shape without its batch axis: which axis is which cannot be told, so the
    shapes decide nothing, and nothing is called wrong that the print does not show wrong."""
    text = _text(case)
    edited = retyped_without_batch(text, every=2)
    assert "(None, " in edited and re.search(r"│ \(\d|  \(\d", edited)
    genuine = {code for code, _ in _loud(api.check_text(text))}
    assert {code for code, _ in _loud(api.check_text(edited))} <= genuine


# ------------------------------------------------------------ a Markdown table typed by hand


def retyped_as_markdown(text: str) -> str:
    """Retype a 3-column print as a Markdown pipe table, with only its Total under it (the
    author kept one totals line), as a README shows a model."""
    lines = text.splitlines()
    header = next(line for line in lines if "Layer (type)" in line)
    starts = [m.start() for m in re.finditer(r"Layer \(type\)|Output Shape|Param #", header)]
    assert len(starts) == 3

    def cells(line: str) -> list[str]:
        bounds = [*starts[1:], max(len(line), starts[-1] + 1)]
        return [line[a:b].strip() for a, b in zip(starts, bounds)]

    table = ["| " + " | ".join(cells(header)) + " |", "|---|---|---:|"]
    total = ""
    for line in lines:
        if line.startswith("Total params: "):
            total = f"| Total params | {line.split(': ')[1]} |"
        elif re.match(r"\S+ \(\w", line) and line is not header:
            table.append("| " + " | ".join(cells(line)) + " |")
    return "\n".join(["## Model", "", *table, "", total, "|---|---:|", ""])


@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "keras2.3.1/conv_zoo", "tf1.14/rnn_stack"])
def test_a_markdown_table_with_a_lone_total_is_not_read_as_keras1(case: str) -> None:
    """A lone Total line is Keras 1.0–1.1's only in a real print; in a table typed by hand it
    says nothing about the version, so `Conv2D` is read as Keras 2's, not Keras 1's."""
    text = _text(case)
    edited = retyped_as_markdown(text)
    assert "| Total params |" in edited and "Trainable" not in edited
    (summary,) = api.check_text(edited).summaries
    (genuine,) = api.check_text(text).summaries
    assert summary.dialect.value == "keras2"
    assert _rows(api.check_text(edited)) == _rows(api.check_text(text))
    derivations = [row.derivation for row in summary.audited_rows()]
    assert derivations == [row.derivation for row in genuine.audited_rows()]


def test_a_markdown_table_of_a_keras1_print_is_still_keras1() -> None:
    """Keras 1's own layer names (`convolution2d_1`) are Keras-1-only evidence in any layout."""
    text = _text("keras1.2.2/cnn_th_bn_axis1")
    edited = retyped_as_markdown(text.replace("Connected to", "            "))
    assert "convolution2d_1" in edited
    (summary,) = api.check_text(edited).summaries
    assert summary.dialect.value == "keras1"


# ------------------------------------------------------------ type_source of a cut class


def _json_rows(text: str) -> dict[str, dict]:
    (summary,) = api.check_text(text).to_dict()["summaries"]
    return {row["name"]: row for row in summary["layers"]}


def test_a_class_the_column_cut_and_nothing_completed_is_said_printed() -> None:
    """Keras cuts a custom class at the column edge (`dense_flipout_1 (DenseFlipou`): no known
    class completes it, so the class is the printed text, cut, and `type_source` says so."""
    text = _text("keras2.2.4/cnn_bn")
    row = next(line for line in text.splitlines() if line.startswith("dense_1 (Dense)"))
    width = row.index("(None")
    cell = "dense_flipout_1 (DenseFlipout)"[: width - 1].ljust(width)  # as Keras 2.2 cuts it
    edited = text.replace(row, cell + row[width:])
    assert "dense_flipout_1 (DenseFlipou " in edited
    cut = _json_rows(edited)["dense_flipout_1"]
    assert (cut["type"], cut["truncated"], cut["type_source"]) == (
        "DenseFlipou",
        ["type"],
        "printed",
    )
    # a cut the known classes complete still says so
    bn = _json_rows(text)["batch_normalization_1"]
    assert (bn["type"], bn["type_source"]) == ("BatchNormalization", "completed")


@pytest.mark.parametrize("case", ["tf1.14/rnn_stack", "tf2.0/rnn_stack"])
def test_a_whole_class_whose_parenthesis_was_cut_is_printed(case: str) -> None:
    """`bidirectional (Bidirectional` lost only its `)` to the column: nothing was completed."""
    assert "(Bidirectional " in _text(case)
    row = _json_rows(_text(case))["bidirectional"]
    assert (row["type"], row["type_source"]) == ("Bidirectional", "printed")


# ------------------------------------------------------------ a table whose top the paste cut


@pytest.mark.parametrize("case", ["keras2.2.4/cnn_bn", "keras1.2.2/merge_ops", "tf1.14/rnn_stack"])
def test_a_cropped_top_is_said_to_be_cut_not_an_elided_gap(case: str) -> None:
    lines = _text(case).splitlines()
    text = "\n".join(["[continued from the previous post]", *crop_above_row(lines, 2)]) + "\n"
    (summary,) = api.check_text(text).summaries
    coverage = summary.coverage.to_dict()
    assert not coverage["complete"]
    assert (
        "the rows above the first one shown (the top of the table is cut off)"
        in (coverage["not_verified"])
    )
    assert not any("elided" in reason for reason in coverage["not_verified"])
    [total] = [t for t in coverage["totals"] if t["check"] == "Total = sum of the rows"]
    assert total["state"] == "bounded"
    assert total["reason"].startswith("the top of the table is cut off; Total ≥ the rows read")


def test_an_elision_between_rows_is_still_an_elided_gap() -> None:
    text = elide(_text("keras2.2.4/cnn_bn"), "...")
    (summary,) = api.check_text(text).summaries
    assert summary.coverage.not_verified == ("1 elided gap",)


# ------------------------------------------------------------ tf.keras 2.7+ and Keras 3 cropped


def _top_rows(report: Report) -> list[tuple[str, object]]:
    return [(layer.name, layer.params) for s in report.summaries for layer in s.layers]


def crop_wrapped(text: str, rows_cut: int) -> str:
    """Cut a tf.keras 2.7+ print above its rows_cut-th row (title, rule, header and the `=` rule
    under it gone), keeping the whitespace-only line above that row, after a line of prose."""
    lines = text.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("=====")]
    starts = [
        i
        for i in range(rules[0] + 1, rules[-1])
        if lines[i].strip() and (i == rules[0] + 1 or not lines[i - 1].strip())
    ]
    return "\n".join(["[the rest of the model]", *lines[starts[rows_cut] - 1 :]]) + "\n"


WRAPPED = [
    "tf2.12/cnn_bn",
    "tf2.12/merge_ops",
    "tf2.9/rnn_stack",
    "tf2.9/conv_zoo",
    "tf_keras/cnn_bn",
    "tf_keras/frozen_layers_show_trainable",
]


@pytest.mark.parametrize("case", WRAPPED)
@pytest.mark.parametrize("rows_cut", [1, 2])
def test_a_wrapped_print_cropped_at_the_top_reads_its_rows(case: str, rows_cut: int) -> None:
    """tf.keras 2.7+ prints no rule between rows: the rows above the totals are still a table."""
    text = _text(case)
    edited = crop_wrapped(text, rows_cut)
    assert "Layer (type)" not in edited and "=====" in edited
    genuine, cropped = api.check_text(text), api.check_text(edited)
    (summary,) = cropped.summaries
    rows = _top_rows(cropped)
    assert rows and rows == _top_rows(genuine)[-len(rows) :]
    assert len(rows) >= len(_top_rows(genuine)) - rows_cut - 1
    assert summary.totals.to_dict() == genuine.summaries[0].totals.to_dict()
    assert summary.dialect.value == "keras2-wrapped"
    assert {code for code, _ in _loud(cropped)} <= {code for code, _ in _loud(genuine)}
    assert "the top of the table is cut off" in " ".join(summary.coverage.not_verified)


def crop_box(text: str, rows_cut: int, mid_row: bool = False) -> str:
    """Cut a Keras 3 box above its rows_cut-th row (title, borders and header gone), after a
    line of prose; `mid_row` cuts one line lower, inside that row's cells."""
    lines = text.splitlines()
    seps = [i for i, line in enumerate(lines) if line.startswith(("┡", "├"))]
    return "\n".join(["[the rest of the model]", *lines[seps[rows_cut] + 1 + mid_row :]]) + "\n"


BOXES = [
    "keras3/cnn_bn",
    "keras3/merge_ops",
    "keras3/rnn_stack",
    "keras3/densenet121",
    "keras3/two_input_long_names_cols64",
    "keras3/frozen_layers_show_trainable",
    "keras3.0.5/conv_zoo",
]


@pytest.mark.parametrize("case", BOXES)
@pytest.mark.parametrize("rows_cut", [1, 2])
def test_a_keras3_box_whose_top_is_cut_reads_its_rows(case: str, rows_cut: int) -> None:
    text = _text(case)
    edited = crop_box(text, rows_cut)
    assert "┏" not in edited and "Layer (type)" not in edited
    genuine, cropped = api.check_text(text), api.check_text(edited)
    (summary,) = cropped.summaries
    rows = _top_rows(cropped)
    assert rows and rows == _top_rows(genuine)[-len(rows) :]
    assert summary.totals.to_dict() == genuine.summaries[0].totals.to_dict()
    assert summary.dialect.value == "keras3"
    assert summary.unreadable == ()
    assert {code for code, _ in _loud(cropped)} <= {code for code, _ in _loud(genuine)}
    assert "the top of the table is cut off" in " ".join(summary.coverage.not_verified)


def test_a_box_cut_inside_a_row_reads_the_rows_below_it() -> None:
    """The wrapped end of a row (`│ (BatchNormalization) │ … │`) is not read as a row."""
    text = _text("keras3/cnn_bn")
    edited = crop_box(text, 1, mid_row=True)
    assert edited.splitlines()[1].startswith("│ (BatchNormalization)")
    report = api.check_text(edited)
    assert _top_rows(report) == _top_rows(api.check_text(text))[2:]
    assert report.summaries[0].unreadable == ()


# ------------------------------------------------------------ rows from the middle of a table


def middle_rows(text: str, first: int, count: int) -> str:
    """Keep only `count` rows from the middle of a fixed-width print, from its first-th row on
    (no title, header, rules around the header, or totals), between two lines of prose."""
    lines = text.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("=====")]
    starts = [
        i
        for i in range(rules[0] + 1, rules[-1])
        if lines[i].strip()
        and not lines[i].startswith("___")
        and (i == rules[0] + 1 or not lines[i - 1].strip() or lines[i - 1].startswith("___"))
    ]
    kept = lines[starts[first] : starts[first + count]]
    return "\n".join(["Here are the middle layers:", "", *kept, "", "and so on."]) + "\n"


FRAGMENTS = [
    "keras1.2.2/cnn_th_bn_axis1",
    "keras2.2.4/cnn_bn",
    "keras2.2.4/merge_ops",
    "tf1.14/rnn_stack",
    "tf2.12/cnn_bn",
    "tf2.12/attention_layers",
    "tf_keras/transformer_block",
    "tf2.9/conv_zoo",
]


@pytest.mark.parametrize("case", FRAGMENTS)
@pytest.mark.parametrize("skim", [True, False])
def test_rows_from_the_middle_of_a_table_are_read_and_checked(case: str, skim: bool) -> None:
    """No header, no totals: the rows shown are read and checked, no SA002 and no totals
    error; SA003 says what the paste is, and the coverage that the totals were not shown."""
    text = _text(case)
    edited = middle_rows(text, 1, 3)
    assert "Layer (type)" not in edited and "params" not in edited
    genuine, fragment = api.check_text(text), api.check_text(edited, skim=skim)
    (summary,) = fragment.summaries
    rows = _rows(fragment)
    assert len(rows) >= 2 and any(
        _rows(genuine)[i : i + len(rows)] == rows for i in range(len(_rows(genuine)))
    )
    assert summary.totals.to_dict() == dict.fromkeys(summary.totals.to_dict())
    codes = {code for code, _ in _loud(fragment)}
    assert codes <= {code for code, _ in _loud(genuine)}
    assert "SA002" not in codes and not codes & {"SA201", "SA202", "SA203"}
    [sa003] = [f for f in fragment.findings if f.code == "SA003"]
    assert sa003.message.startswith("rows from the middle of a table")
    assert sa003.severity.value == "info"  # an excerpt: it fails no run
    assert "the totals (not in the paste)" in summary.coverage.not_verified
    assert not summary.coverage.complete


def test_rows_from_the_middle_of_a_table_in_a_log_are_found() -> None:
    """A fragment between lines of a training log: the skimming reader finds it too."""
    log = (REAL.parent.parent / "benchmarks" / "data" / "keras3_fit_sample.log").read_text(
        encoding="utf-8"
    )
    noise = [line for line in log.splitlines() if line.startswith("Epoch")][:40]
    fragment = middle_rows(_text("keras2.2.4/cnn_bn"), 1, 3)
    text = "\n".join([*noise, fragment, *noise]) + "\n"
    skimmed, read = api.check_text(text), api.check_text(text, skim=False)
    assert skimmed.to_dict() == read.to_dict()
    assert [layer.name for layer in skimmed.summaries[0].layers] == [
        "batch_normalization_1",
        "max_pooling2d_1",
        "flatten_1",
    ]


def test_a_header_table_without_totals_says_the_totals_were_not_shown() -> None:
    text = _text("keras2.2.4/cnn_bn").split("Total params")[0]
    (summary,) = api.check_text(text).summaries
    assert summary.coverage.not_verified == ("the totals (not in the paste)",)


@pytest.mark.parametrize("name", ["batch_normalization_1", "max_pooling2d_1", "flatten_1"])
def test_a_cropped_table_that_begins_with_a_full_width_row_keeps_it(name: str) -> None:
    """`max_pooling2d_1 (MaxPooling2 (None, …` fills its column (one space before the shape):
    as the paste's first line it is still a row of the cropped table."""
    text = _text("keras2.2.4/cnn_bn")
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(name + " "))
    edited = "\n".join(lines[at:]) + "\n"
    report = api.check_text(edited)
    (summary,) = report.summaries
    assert summary.start_line == 1
    genuine = _rows(api.check_text(text))
    assert _rows(report) == genuine[[r[0] for r in genuine].index(name) :]


def box_middle_rows(text: str, first: int, count: int) -> str:
    """Keep only `count` rows from the middle of a Keras 3 box (no title, borders, header or
    totals: the separators between them stay), between two lines of prose."""
    lines = text.splitlines()
    seps = [i for i, line in enumerate(lines) if line.startswith(("┡", "├"))]
    kept = lines[seps[first] + 1 : seps[first + count]]
    return "\n".join(["Here are the middle layers:", "", *kept, "", "and so on."]) + "\n"


@pytest.mark.parametrize("case", ["keras3/cnn_bn", "keras3/merge_ops", "keras3.0.5/conv_zoo"])
@pytest.mark.parametrize("skim", [True, False])
def test_rows_from_the_middle_of_a_box_are_read_and_checked(case: str, skim: bool) -> None:
    text = _text(case)
    edited = box_middle_rows(text, 1, 3)
    assert "┏" not in edited and "└" not in edited and "params" not in edited
    genuine, fragment = api.check_text(text), api.check_text(edited, skim=skim)
    (summary,) = fragment.summaries
    rows = _rows(fragment)
    assert rows == _rows(genuine)[1:4]
    assert summary.dialect.value == "keras3" and summary.unreadable == ()
    assert _loud(fragment) == []
    assert ("SA003", "info") in [(f.code, f.severity.value) for f in fragment.findings]
    assert "the totals (not in the paste)" in summary.coverage.not_verified


def test_a_cut_top_that_held_no_weights_is_still_bounded_but_says_the_rows_add_up() -> None:
    """Trial 5, 007: the rows shown add up to Total (the cut-off row is an InputLayer)."""
    lines = _text("keras2.2.4/mlp_bn_functional").splitlines()
    assert "(InputLayer)" in "\n".join(lines)
    text = "\n".join(crop_above_row(lines, 1)) + "\n"
    assert "(InputLayer)" not in text
    (summary,) = api.check_text(text).summaries
    totals = summary.coverage.to_dict()["totals"]
    [total] = [t for t in totals if t["check"] == "Total = sum of the rows"]
    assert total["state"] == "bounded"
    assert total["reason"].endswith(
        "the rows read add up to it: if it is right, what is not shown holds no weights"
    )
