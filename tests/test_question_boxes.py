"""A Keras 3 box whose drawing an encoding replaced with `?` (54c's 014: a summary in a GitHub
issue, printed in a console without box drawing), redrawn and read as the print."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from summaryaudit import api
from summaryaudit.question_boxes import is_question_rule

from .conftest import FIXTURES
from .real_prints import load_print, print_id

REAL = FIXTURES / "real"


def without_box_drawing(text: str) -> str:
    """What a console or log without box drawing shows: each character it lacks as `?`."""
    return text.encode("ascii", "replace").decode("ascii")


def _boxed_prints() -> list[Path]:
    paths = []
    for truth in sorted(REAL.glob("keras3*/*.truth.json")):
        _, text = load_print(truth)
        if "┃" not in text:
            continue
        [summary] = api.parse_text(text)
        if not summary.cropped:  # (a cropped box's rows end in no bar: two damages in one)
            paths.append(truth)
    return paths


BOXED = _boxed_prints()


def test_the_prints_cover_nested_cut_and_unbuilt_boxes() -> None:
    texts = [load_print(path)[1] for path in BOXED]
    assert len(BOXED) > 150
    assert any("└ " in text for text in texts) and any("…" in text for text in texts)
    assert any("│ ?" in text for text in texts)  # an unbuilt layer's `?` shape


@pytest.mark.parametrize("truth_path", BOXED, ids=print_id)
def test_a_box_drawn_in_question_marks_reads_as_the_print(truth_path: Path) -> None:
    _, printed = load_print(truth_path)
    pasted = without_box_drawing(printed)
    assert any(is_question_rule(line) for line in pasted.split("\n"))
    before, after = api.check_text(printed), api.check_text(pasted)
    assert [s.to_dict() for s in after.summaries] == [s.to_dict() for s in before.summaries]
    assert [(f.code, f.line, f.layer) for f in after.findings] == [
        (f.code, f.line, f.layer) for f in before.findings
    ]


def test_rows_from_the_middle_of_a_question_mark_box_are_read() -> None:
    """The issue's excerpt: rows of a box from the middle of the table, no header, no totals
    (before: "no Keras model.summary() table was found")."""
    truth, printed = load_print(REAL / "keras3/attention_layers.truth.json")
    lines = without_box_drawing(printed).split("\n")
    first = next(i for i, line in enumerate(lines) if "attention (Attention)" in line)
    last = max(i for i, line in enumerate(lines) if is_question_rule(line))
    report = api.check_text("\n".join(lines[first - 1 : last]))
    [summary] = report.summaries
    shown = truth["layers"][2:]
    assert [(layer.name, layer.type, layer.params) for layer in summary.layers] == [
        (layer["name"], layer["type"], layer["params"]) for layer in shown
    ]
    assert summary.unreadable == ()
    assert summary.layers[0].connected_to == ("input_layer[0][0]", "input_layer_1[0][0]")


def _fragment(truth_path: Path, first_row: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    """A `?` box from the rule above one of its rows down to its bottom: no header, no totals."""
    truth, printed = load_print(truth_path)
    lines = without_box_drawing(printed).split("\n")
    first = next(i for i, line in enumerate(lines) if first_row in line)
    last = max(i for i, line in enumerate(lines) if is_question_rule(line))
    return truth, "\n".join(lines[first - 1 : last + 1])


@pytest.mark.parametrize(
    ("case", "first_row", "skipped"),
    [
        ("frozen_nested_pair_show_trainable", "b (Sequential)", 3),  # nested rows, `└` marks
        ("frozen_nested_pair_show_trainable", "dense (Dense)", 2),  # a nested row first
        ("attention_layers", "input_layer (InputLayer)", 0),  # `Layer` in a row's class
    ],
)
def test_a_question_mark_box_without_its_header_keeps_every_row(
    case: str, first_row: str, skipped: int
) -> None:
    """The bars are the columns every row has a `?` at (a nested row's `└` is none), a row
    whose class holds `Layer` is no header, and nested rows above the first row a pattern
    anchors are read (before: the bars were the first row's, the InputLayer row was dropped as
    a header, and a first nested row was left out)."""
    truth, pasted = _fragment(REAL / f"keras3/{case}.truth.json", first_row)
    report = api.check_text(pasted)
    [summary] = report.summaries
    assert [(layer.name, layer.type, layer.params, layer.depth) for layer in summary.layers] == [
        (w["name"], w["type"], w["params"], w["depth"]) for w in truth["layers"][skipped:]
    ]
    assert summary.unreadable == ()
    assert not [finding for finding in report.findings if finding.code in ("SA001", "SA401")]


def test_question_marks_in_text_are_left_alone() -> None:
    """Lines of `?` in prose (`Why??????????????????????`) and rows of a table with `?` in a
    cell are no box: the text reads as it was."""
    _, printed = load_print(REAL / "keras3/unbuilt_sequential.truth.json")
    text = "Why is this?????????????????????\n\n" + printed + "\n????????????????????\nthanks"
    before = api.check_text(printed)
    after = api.check_text(text)
    assert [[(row.name, row.params) for row in s.layers] for s in after.summaries] == [
        [(row.name, row.params) for row in s.layers] for s in before.summaries
    ]
    assert [(f.code, f.layer) for f in after.findings] == [
        (f.code, f.layer) for f in before.findings
    ]


def test_an_endless_question_mark_box_is_drawn_in_parts() -> None:
    """A box that never ends is not held whole: its lines come out before the input ends."""
    from summaryaudit.question_boxes import redraw_question_boxes
    from summaryaudit.sources import Line

    consumed = 0
    row = "? dense (Dense)         ? (None, 10)       ?       110 ?"

    def endless() -> Iterator[Line]:
        nonlocal consumed
        yield Line(1, "?" * len(row))
        while True:
            consumed += 1
            yield Line(consumed + 1, row)

    first = next(iter(redraw_question_boxes(endless())))
    assert first.text.startswith("├") and consumed < 100_000
