"""Rows whose order on the page cannot be the order of a chain of layers."""

from __future__ import annotations

from collections.abc import Sequence

from ..formulas.common import Shapes
from ..records import Layer

_SPATIAL = ("Conv", "MaxPool", "AveragePool", "AvgPool", "SeparableConv", "DepthwiseConv")


def spatial_row_under_a_flat_one(layers: Sequence[Layer], outputs: Sequence[Shapes]) -> bool:
    """Tell whether a convolution or pooling row with spatial axes stands right under a row
    whose output is flat (batch, features): no layer between them could give it those axes, so
    the rows are not in the model's order (97b's 003: a PDF's text dump put a Flatten above a
    Conv2D), and no row's input is the row above it."""
    for i in range(1, len(layers)):
        layer, above = layers[i], outputs[i - 1]
        if layer.depth or layers[i - 1].depth or above is None or len(above) != 1:
            continue
        out = outputs[i]
        if (
            len(above[0]) == 2
            and layer.type.startswith(_SPATIAL)
            and layer.type[-2:] in ("2D", "3D")
            and out is not None
            and len(out) == 1
            and len(out[0]) == int(layer.type[-2]) + 2
        ):
            return True
    return False
