"""Output shapes a column cut inside their last axis, read as printed, unknown or counted."""

from __future__ import annotations

from typing import Optional

from ..cell_grammar import read_cut_shape
from ..formulas.normalization import BN_TYPES
from ..records import Layer
from .input_chain import Shapes


def outputs_read_to_the_cut(
    layers: tuple[Layer, ...], outputs: tuple[Shapes, ...]
) -> Optional[tuple[Shapes, ...]]:
    """Each row's output shapes, where the column cut one shape inside its last number read
    with that number as printed (38b's 004: `(None, 128, 128, 256` as 256, which more digits
    may follow); None when no row has such a shape."""
    found: Optional[list[Shapes]] = None
    for at, layer in enumerate(layers):
        if outputs[at] or "output_shape" not in layer.truncated:
            continue
        cut = read_cut_shape(layer.output_shape)
        if cut is not None and cut.digits and not cut.listed:
            if found is None:
                found = list(outputs)
            found[at] = ((*cut.shape[:-1], int(cut.digits)),)
    return tuple(found) if found is not None else None


def outputs_with_cut_axis_unknown(
    layers: tuple[Layer, ...], outputs: tuple[Shapes, ...]
) -> Optional[tuple[Shapes, ...]]:
    """Each row's output shapes, where the column cut one shape inside or after a number read
    with every axis before the cut as printed and the cut one unknown (40c's 013: a
    channels_first `(None, 384, 8, 16, 1` as (None, 384, 8, 16, None): its channels, on axis
    1, are shown in full); None when no row has such a shape."""
    found: Optional[list[Shapes]] = None
    for at, layer in enumerate(layers):
        if outputs[at] or "output_shape" not in layer.truncated:
            continue
        cut = read_cut_shape(layer.output_shape)
        if cut is None:
            continue
        if found is None:
            found = list(outputs)
        found[at] = (cut.shape,)
    return tuple(found) if found is not None else None


def outputs_with_cut_axis_of_a_count(
    layers: tuple[Layer, ...], outputs: tuple[Shapes, ...]
) -> Optional[tuple[Shapes, ...]]:
    """Each row's output shapes, where the column cut a BatchNormalization row's shape inside
    its last axis read with that axis the one size N its count gives (4 × N, or 2 × N with
    center or scale off) that begins with the digits shown (37c's 004: 512 on `(None, 32, 32,
    12` is 4 × 128); the other axes as printed. None when no such row."""
    found: Optional[list[Shapes]] = None
    for at, layer in enumerate(layers):
        if outputs[at] or layer.type not in BN_TYPES or not layer.params:
            continue
        cut = read_cut_shape(layer.output_shape)
        if cut is None:
            continue
        sizes = {
            layer.params // m
            for m in (4, 2)
            if layer.params % m == 0 and str(layer.params // m).startswith(cut.digits)
        }
        if len(sizes) != 1:
            continue  # no size, or more than one, begins with the digits shown
        if found is None:
            found = list(outputs)
        found[at] = ((*cut.shape[:-1], sizes.pop()),)
    return tuple(found) if found is not None else None
