"""A class name the column cut (`(Gl`, `(Global`) completes to the class Keras really printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summaryaudit import api

from .conftest import FIXTURES

REAL = FIXTURES / "real"
# Keras 2 and tf.keras before 2.7 cut the Layer (type) cell at 28 characters, mid-class.
CUT_GENERATIONS = ("keras2.0.8", "keras2.2.4", "keras2.3.1", "tf1.14", "tf2.0")
CASES = [
    REAL / generation / f"{case}.truth.json"
    for generation in CUT_GENERATIONS
    for case in ("long_names_cut_relu", "long_names_functional")
]


def _load(truth_path: Path) -> tuple[dict, str]:
    text = truth_path.with_name(truth_path.name.replace(".truth.json", ".txt")).read_text("utf-8")
    return json.loads(truth_path.read_text("utf-8")), text


@pytest.mark.parametrize("truth_path", CASES, ids=lambda p: f"{p.parent.name}/{p.name[:-11]}")
def test_a_cut_pooling_class_is_the_class_keras_printed(truth_path: Path) -> None:
    truth, text = _load(truth_path)
    [summary] = api.check_text(text).summaries
    assert len(summary.layers) == len(truth["layers"])
    pooling = [
        (row.type, want["type"])
        for row, want in zip(summary.audited_rows(), truth["layers"])
        if want["type"].startswith("Global")
    ]
    assert pooling, "the print has a global pooling row"
    # Never a short alias (GlobalAvgPool2D) Keras does not print, never another pooling kind.
    assert [got for got, _ in pooling] == [want for _, want in pooling]


def test_a_name_that_says_avg_pool_is_not_completed_to_max_pooling() -> None:
    # wild paste (MobileNet's `predictions_avg_pool (Global`): the same damage applied to a
    # real Keras 2.2.4 print, the layer renamed in its 28-character cell
    _, text = _load(REAL / "keras2.2.4" / "long_names_cut_relu.truth.json")
    renamed = text.replace("global_avg_pool_2d_layer (Gl", "predictions_avg_pool (Global")
    assert renamed != text
    [summary] = api.check_text(renamed).summaries
    row = next(i for i, layer in enumerate(summary.layers) if layer.name.startswith("pred"))
    assert summary.audited_rows()[row].type == "GlobalAveragePooling2D"
