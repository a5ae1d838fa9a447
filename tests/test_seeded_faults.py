"""Faults seeded into every real fixture are flagged with the right code on the right row."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

import pytest

from summaryaudit import api
from summaryaudit.layer_classes import class_of_default_name, classes_in_name
from summaryaudit.records import Layer, Summary
from summaryaudit.sources import clean_text

from .conftest import FIXTURES

CASES = sorted((FIXTURES / "real").glob("*/*.truth.json"))
IDS = [f"{p.parent.name}/{p.name[: -len('.truth.json')]}" for p in CASES]
# Types whose count the summary fully decides (kernel sizes are solved, so a changed count
# leaves no whole-number solution for these).
DECIDABLE = {"Dense", "Embedding", "LSTM", "SimpleRNN", "GRU", "LayerNormalization"}
# Layer classes that own no weights in any Keras generation (params.md, "0" row).
WEIGHTLESS = {
    "InputLayer",
    "Dropout",
    "Flatten",
    "MaxPooling1D",
    "MaxPooling2D",
    "AveragePooling2D",
    "GlobalMaxPooling1D",
    "GlobalAveragePooling1D",
    "GlobalAveragePooling2D",
    "GlobalAveragePooling3D",
    "Activation",
    "Concatenate",
    "Add",
    "Subtract",
    "Multiply",
    "Average",
    "Merge",
    "Reshape",
    "Permute",
    "RepeatVector",
    "ZeroPadding2D",
    "Cropping2D",
    "UpSampling2D",
}


def _text(truth_path: Path) -> str:
    """The fixture's text without colour codes (edits are made on the visible characters)."""
    raw = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt")).read_text(
        encoding="utf-8"
    )
    return "\n".join(clean_text(line) for line in raw.split("\n"))


def _replace_count(line: str, old: int, new: int) -> Optional[str]:
    """Replace the rightmost whole-number token equal to old (the Param # cell) with new.

    The number keeps the style it is printed in on this line: Keras 3 groups digits with
    commas everywhere, Keras 1.2 and 2.x only in the totals lines, tf-keras nowhere.
    """
    for shown, replacement in ((f"{old:,}", f"{new:,}"), (str(old), str(new))):
        pattern = r"(?<![\w,.\[(])" + re.escape(shown) + r"(?![\w,.\]])"
        matches = list(re.finditer(pattern, line))
        if matches:
            m = matches[-1]
            return line[: m.start()] + replacement + line[m.end() :]
    return None


def _bump_totals(lines: list[str], summary: Summary, delta: int) -> None:
    for count in (summary.totals.total, summary.totals.trainable):
        if count is None or count.value is None:
            continue
        index = count.line - 1
        fixed = _replace_count(lines[index], count.value, count.value + delta)
        if fixed is not None:
            lines[index] = fixed


def _findings_on(text: str, layer: str) -> set[str]:
    return {f.code for f in api.check_text(text).findings if f.layer == layer}


def _row(summary: Summary, types: set[str]) -> Optional[Layer]:
    for layer in summary.layers:
        if (
            layer.type in types
            and layer.params
            and layer.depth == 0
            and layer.params_note is None
            and layer.output_shape.startswith(("(", "["))  # `multiple` hides the units
            and not {"type", "output_shape"} & set(layer.truncated)  # cut names are fine
        ):
            return layer
    return None


def _setup(truth_path: Path) -> tuple[str, Summary]:
    text = _text(truth_path)
    return text, api.parse_text(text)[0]


@pytest.mark.parametrize("truth_path", CASES, ids=IDS)
def test_count_off_by_one_with_totals_kept_consistent(truth_path: Path) -> None:
    text, summary = _setup(truth_path)
    layer = _row(summary, DECIDABLE)
    if summary.cropped:
        pytest.skip("the Param # column is cropped away")
    if layer is None and any(row.type in DECIDABLE and row.params for row in summary.layers):
        pytest.skip(
            "its Dense/Embedding/RNN/LayerNormalization rows are nested, have their class or "
            "shape cut (class: test_fault_on_a_row_whose_class_was_cut) or no shape (`multiple`)"
        )
    if layer is None:
        pytest.skip("no Dense, Embedding, RNN or LayerNormalization row with a count")
    lines = text.split("\n")
    fixed = _replace_count(lines[layer.line - 1], layer.params or 0, (layer.params or 0) + 1)
    if fixed is None:
        pytest.skip("the count wraps over two lines here (tf-keras 8-digit wrap)")
    lines[layer.line - 1] = fixed
    _bump_totals(lines, summary, 1)
    edited = "\n".join(lines)
    [audited] = api.check_text(edited).summaries
    row = next(i for i, other in enumerate(audited.layers) if other.name == layer.name)
    derivation = audited.audited_rows()[row].derivation
    if "LoRA rank" in derivation and (
        "input is not shown" in derivation or "on a vocabulary of" in derivation
    ):
        # (an Embedding's vocabulary is never shown: a LoRA rank on some vocabulary may fit)
        pytest.skip(f"{derivation}: a Keras 3 LoRA adapter fits the edited count")
    assert "SA101" in _findings_on(edited, layer.name)


@pytest.mark.parametrize("truth_path", CASES, ids=IDS)
def test_batchnormalization_moved_to_another_axis(truth_path: Path) -> None:
    text, summary = _setup(truth_path)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    rows = sum(layer["params"] or 0 for layer in truth["layers"] if not layer["depth"])
    if rows < truth["totals"]["total"] and not truth["options"]["layer_range"]:
        pytest.skip(
            "Keras 2 counted the weights of layers frozen after compile() twice: an edited row "
            "changes Total by more than its own count, which this seeded edit does not do"
        )
    faulty = {f["layer"] for f in truth["faults"]}
    for layer in summary.layers:
        if not layer.type.startswith("BatchNormalization") or layer.name in faulty:
            continue
        dims = [int(d) for d in re.findall(r"\d+", layer.output_shape)]
        channels = dims[-1] if dims else 0
        others = [d for d in dims[:-1] if d != channels and d > 1]
        # 4 × C, or 2 × C where Keras 1.0/1.1 print trainable weights only (and one Total line).
        per_channel = 2 if summary.totals.trainable is None else 4
        if layer.params != per_channel * channels:
            continue
        if not others or layer.depth:
            continue
        new = per_channel * others[0]
        lines = text.split("\n")
        fixed = _replace_count(lines[layer.line - 1], layer.params, new)
        assert fixed is not None, lines[layer.line - 1]
        lines[layer.line - 1] = fixed
        _bump_totals(lines, summary, new - layer.params)
        assert "SA102" in _findings_on("\n".join(lines), layer.name)
        return
    pytest.skip(
        "no BatchNormalization on its last axis of a tensor with another axis of a different size"
    )


@pytest.mark.parametrize("truth_path", CASES, ids=IDS)
def test_weightless_layer_given_a_count(truth_path: Path) -> None:
    text, summary = _setup(truth_path)
    if summary.cropped:
        pytest.skip("the Param # column is cropped away")
    if summary.layers and all(layer.params_note == "unbuilt" for layer in summary.layers):
        pytest.skip("every row is `0 (unbuilt)`: no weight count of 0 to seed a count into")
    for layer in summary.layers:
        if layer.type not in WEIGHTLESS or layer.params != 0 or layer.depth:
            continue
        lines = text.split("\n")
        fixed = _replace_count(lines[layer.line - 1], 0, 12)
        assert fixed is not None, lines[layer.line - 1]
        lines[layer.line - 1] = fixed
        _bump_totals(lines, summary, 12)
        assert "SA103" in _findings_on("\n".join(lines), layer.name)
        return
    if any(not layer.type and layer.params == 0 for layer in summary.layers):
        pytest.skip(
            "weightless rows here all had their class cut (test_fault_on_a_row_whose_class_was_cut)"
        )
    pytest.skip("no row with a printed weightless class and a count of 0 in this fixture")


@pytest.mark.parametrize("truth_path", CASES, ids=IDS)
def test_wrong_total_and_wrong_non_trainable(truth_path: Path) -> None:
    text, summary = _setup(truth_path)
    total = summary.totals.total
    if summary.cropped:
        pytest.skip("the Param # column is cropped away")
    if total is None or total.value is None:
        pytest.skip("no Total params line")
    lines = text.split("\n")
    fixed = _replace_count(lines[total.line - 1], total.value, total.value + 7)
    assert fixed is not None
    lines[total.line - 1] = fixed
    codes = {f.code for f in api.check_text("\n".join(lines)).findings}
    assert codes & {"SA201", "SA202"}
    non_trainable = summary.totals.non_trainable
    bn = [layer for layer in summary.layers if layer.type.startswith("BatchNormalization")]
    if non_trainable is None or non_trainable.value is None or not bn:
        return
    lines = text.split("\n")
    edited = non_trainable.value + 2 if non_trainable.value else 2
    fixed = _replace_count(lines[non_trainable.line - 1], non_trainable.value, edited)
    assert fixed is not None
    lines[non_trainable.line - 1] = fixed
    codes = {f.code for f in api.check_text("\n".join(lines)).findings}
    assert codes & {"SA202", "SA203"}


def _graph(truth_path: Path) -> bool:
    """Tell whether the print's table has a Connected to column (a graph's)."""
    return "Connected to" in _text(truth_path)


def _nothing_names_the_class(layer: Layer, graph: bool, first: bool) -> bool:
    """A row whose name filled the column, leaving no class, and that names no class itself
    (PointNet's `input_transformation_block_1_ba`, `…_fina`: `input` names no InputLayer on a
    row with inbound layers; faceswap's `upscale_256_0_pixelshuffler_` in a Sequential-like
    table, 82e's 008): an edited count there may be a custom layer's, and is said to be
    unchecked (SA901), not flagged."""
    if (graph or first) and not layer.connected_to:
        # no inbound layer in a graph's table, or the first row of a chain's: its place says
        # InputLayer
        return False
    rank = layer.output_shape.count(",") - 1  # (a shape's spatial axes, as the tool reads it)
    named = set(classes_in_name(layer.name, rank)) - {"InputLayer"}  # (it has inbound layers)
    return (
        not layer.printed_type.strip(" (…")
        and not named
        and class_of_default_name(layer.name) is None
    )


CUT = [
    (path, index, want)
    for path in CASES
    for index, (got, want) in enumerate(
        zip(_setup(path)[1].layers, json.loads(path.read_text(encoding="utf-8"))["layers"])
    )
    if "type" in got.truncated
    and "output_shape" not in got.truncated  # a cut shape can leave the count undecided
    and got.output_shape.startswith(("(", "["))  # `multiple` hides the shape
    and got.depth == 0
    and got.params is not None
    and (want["type"] in DECIDABLE | WEIGHTLESS or want["type"] == "BatchNormalization")
    # an Embedding of dim 1 fits any count (vocabulary × 1, the vocabulary not shown)
    and not (want["type"] == "Embedding" and want["output_shape"][-1] == 1)
    and not _nothing_names_the_class(got, _graph(path), index == 0)
]


@pytest.mark.parametrize(
    ("truth_path", "index", "want"),
    CUT,
    ids=[f"{p.parent.name}/{p.name[: -len('.truth.json')]}#{i}" for p, i, _ in CUT],
)
def test_fault_on_a_row_whose_class_was_cut(truth_path: Path, index: int, want: dict) -> None:
    """A count edited on a row whose class the print cut off is still flagged on that row."""
    text, summary = _setup(truth_path)
    layer = summary.layers[index]
    old = layer.params or 0
    new = 12 if want["type"] in WEIGHTLESS else old + 1
    lines = text.split("\n")
    fixed = _replace_count(lines[layer.line - 1], old, new)
    assert fixed is not None
    lines[layer.line - 1] = fixed
    _bump_totals(lines, summary, new - old)
    assert _findings_on("\n".join(lines), layer.name) & {"SA101", "SA102", "SA103"}
