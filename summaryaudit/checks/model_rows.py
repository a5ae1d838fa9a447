"""Nested models in a print: which rows are models and sit in them, and whether they chain."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Optional

from ..layer_classes import MERGES
from ..records import Layer

NESTED_MODEL_TYPES = ("Sequential", "Functional", "Model")


def is_model_row(layer: Layer) -> bool:
    """Tell whether a row is a nested model (Sequential, Functional, a …Model or …Block)."""
    return layer.type in NESTED_MODEL_TYPES or layer.type.endswith(("Model", "Block"))


def model_rows_of(layers: tuple[Layer, ...]) -> list[int]:
    """Indexes of the nested-model rows (is_model_row asked once per class, not per row)."""
    one_of_each = {layer.type: layer for layer in layers}
    models = {type_ for type_, layer in one_of_each.items() if is_model_row(layer)}
    return [i for i, layer in enumerate(layers) if layer.type in models] if models else []


def has_children(layers: tuple[Layer, ...], i: int) -> bool:
    """Tell whether rows of a nested model are printed right under row i."""
    return i + 1 < len(layers) and layers[i + 1].depth > layers[i].depth


def children(layers: tuple[Layer, ...], i: int) -> list[int]:
    """Indexes of every row printed inside row i (an expanded nested model)."""
    inside = []
    for j in range(i + 1, len(layers)):
        if layers[j].depth <= layers[i].depth:
            break
        inside.append(j)
    return inside


def nearest_above(rows: list[int], i: int) -> Optional[int]:
    """The last of the sorted rows above row i, or None."""
    at = bisect.bisect_left(rows, i)
    return rows[at - 1] if at else None


def branching_models(layers: tuple[Layer, ...]) -> frozenset[int]:
    """The expanded Functional models whose rows, printed without Connected to, are no chain:
    a merge among them, or two inputs (53d's 012: a residual U-Net's rows inside a subclassed
    DDIM, where a 1×1 shortcut convolution takes its block's input, not the row above)."""
    found = set()
    for i, layer in enumerate(layers):
        if layer.type not in _GRAPH_MODELS or not has_children(layers, i):
            continue
        inner = [j for j in children(layers, i) if layers[j].depth == layer.depth + 1]
        inputs = sum(1 for j in inner if layers[j].type == "InputLayer")
        if inputs > 1 or any(layers[j].type in MERGES for j in inner):
            found.add(i)
    return frozenset(found)


_GRAPH_MODELS = ("Functional", "Model")  # (a Sequential's rows always chain)


def chains_its_rows(
    layers: tuple[Layer, ...], j: int, branching: frozenset[int] = frozenset()
) -> bool:
    """Tell whether the model row j sits in feeds each row the one above it: a Sequential
    does; a custom layer holding two Sequential branches (`MultiresolutionCNN`) need not, nor
    a Functional model whose rows branch."""
    depth = layers[j].depth
    parent = next((k for k in range(j - 1, -1, -1) if layers[k].depth < depth), None)
    return parent is None or (
        layers[parent].type != ""
        and parent not in branching
        and (layers[parent].type in NESTED_MODEL_TYPES or not is_model_row(layers[j]))
    )


def branches_between(layers: Sequence[Layer]) -> tuple[int, int]:
    """The rows that may take either of two inputs at the top, from the second input's row to
    the first merge row below it ((0, 0) with one input). A row above the second input takes
    the first: Keras lists an input above every layer that takes it (81c's 005: a CTC model's
    `label` input printed just above the loss, under the image's rows)."""
    inputs = [
        at for at, layer in enumerate(layers) if layer.type == "InputLayer" and not layer.depth
    ]
    if len(inputs) < 2:
        return 0, 0
    return inputs[1], next(
        (
            at
            for at, layer in enumerate(layers)
            if at > inputs[1] and layer.type in MERGES and not layer.depth
        ),
        len(layers),
    )
