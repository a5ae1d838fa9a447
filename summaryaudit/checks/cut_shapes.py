"""Output shapes a column cut inside their last axis, read as printed, unknown or counted."""

from __future__ import annotations

import math
from typing import Optional

from ..cell_grammar import read_cut_shape
from ..formulas.conv import convolution
from ..formulas.dispatch import FORMULAS
from ..formulas.normalization import BN_TYPES
from ..formulas.output_shapes import keeps_channels
from ..records import Layer
from .input_chain import Shapes, base_name


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


def cut_after_a_comma(layer: Layer) -> bool:
    """Tell whether the column cut the row's shape right after a comma, no digit of its next
    axis shown (`(None, 192, 16, 32, `): no count can read that axis (77b's 003)."""
    cut = read_cut_shape(layer.output_shape) if "output_shape" in layer.truncated else None
    return cut is not None and not cut.digits


def outputs_with_cut_axis_of_a_count(
    layers: tuple[Layer, ...], outputs: tuple[Shapes, ...]
) -> Optional[tuple[Shapes, ...]]:
    """Each row's output shapes, where the column cut a BatchNormalization row's shape inside
    its last axis read with that axis the one size N its count gives (4 × N; 3 × N with center
    or scale off, 2 × N with both) that begins with the digits shown (37c's 004: 512 on
    `(None, 32, 32, 12` is 4 × 128; 81h's 003: 144 on `(None, None, None, 4` is 3 × 48,
    InceptionV3's scale=False); the other axes as printed. None when no such row."""
    found: Optional[list[Shapes]] = None
    for at, layer in enumerate(layers):
        if outputs[at] or layer.type not in BN_TYPES or not layer.params:
            continue
        cut = read_cut_shape(layer.output_shape, sizes_unknown=True)
        if cut is None:
            continue
        sizes = {
            layer.params // m
            for m in (4, 3, 2)
            if layer.params % m == 0 and str(layer.params // m).startswith(cut.digits)
        }
        if len(sizes) != 1:
            continue  # no size, or more than one, begins with the digits shown
        if found is None:
            found = list(outputs)
        found[at] = ((*cut.shape[:-1], sizes.pop()),)
    return tuple(found) if found is not None else None


_MOST_FILTERS = 100_000  # filter counts tried (those that begin with the digits shown)


def outputs_with_cut_filters_worked_out(
    layers: tuple[Layer, ...],
    outputs: tuple[Shapes, ...],
    counted: Optional[tuple[Shapes, ...]],
    as_printed: Optional[tuple[Shapes, ...]],
    channels_first: Optional[bool],
) -> Optional[tuple[Shapes, ...]]:
    """Each row's output shapes, where the column cut a convolution's filters (its last axis,
    channels last) read as the one size that divides its count and begins with the digits
    shown; of several such sizes, the one a row below that keeps its input's channels shows
    (46e's 012: `(None, 1024, 1024, 6` over 102,464 is 64, not 6,404: the pooling below shows
    64). Every other shape the column cut is read as printed. `counted` and `as_printed` are
    outputs_with_cut_axis_of_a_count's and outputs_read_to_the_cut's readings. None when no
    filters are so worked out."""
    if channels_first:
        return None  # the last axis is a spatial one: the count does not give it
    found: Optional[list[Shapes]] = None
    for at, layer in enumerate(layers):
        if outputs[at] or not layer.params or FORMULAS.get(layer.type) is not convolution:
            continue
        # (axes of no fixed size before the cut one: a convolution's count holds none of them,
        # 88a's 015: `(None, None, None, 2` over 1,769,472, a BatchNormalization of 256 below)
        cut = read_cut_shape(layer.output_shape, sizes_unknown=True)
        if cut is None or not cut.digits or cut.listed:
            continue
        sizes = _sizes_dividing(layer.params, cut.digits)
        below = _channels_below(layers, counted or outputs, at)
        if len(sizes) > 1 or below is not None:
            # a BatchNormalization below, its own axis cut, shows the size its count gives; one
            # size that the row below does not show is no reading either (the review of 88a's
            # 015: an edited 1,769,468 read as 2 filters over a BatchNormalization of 256)
            sizes = [size for size in sizes if size == below]
        if len(sizes) != 1:
            continue
        if found is None:
            found = list(as_printed or outputs)
        found[at] = ((*cut.shape[:-1], sizes[0]),)
    if found is not None:
        _carry_filters_down(layers, found)
    return tuple(found) if found is not None else None


def _carry_filters_down(layers: tuple[Layer, ...], found: list[Shapes]) -> None:
    """Give the rows that keep their input's channels (a BatchNormalization, an activation, a
    dropout, a pooling) or join them (a Concatenate: their sum), their own last axis cut with
    digits that begin the filters worked out above them, those filters (37c's 004: `re_lu_6
    (None, 32, 32, 12` under 128 filters is 128, not 12, which had made the next
    convolution's kernel 8×12)."""
    by_name = {layer.name: at for at, layer in enumerate(layers)}
    for at, layer in enumerate(layers):
        joins = layer.type == "Concatenate"  # (its last axis the sum of its inputs', 37c's 004)
        if not (keeps_channels(layer.type) or joins) or "output_shape" not in layer.truncated:
            continue
        cut = read_cut_shape(layer.output_shape)
        if cut is None or not cut.digits or cut.listed:
            continue
        refs = layer.connected_to
        if joins and not refs:
            continue  # (which rows it joins is not shown)
        sources = [by_name.get(base_name(ref)) for ref in refs] if refs else [at - 1]
        if not joins:
            sources = sources[:1]
        sizes = []
        for source in sources:
            shapes = found[source] if source is not None and 0 <= source < at else None
            sizes.append(shapes[0][-1] if shapes and len(shapes) == 1 and shapes[0] else None)
        if not sizes or None in sizes:
            continue
        size = sum(sizes)  # type: ignore[arg-type]
        if str(size).startswith(cut.digits) and str(size) != cut.digits:
            found[at] = ((*cut.shape[:-1], size),)


def _sizes_dividing(count: int, digits: str) -> list[int]:
    """The sizes below _MOST_FILTERS that begin with the digits and divide the count: found
    from the count's divisors, or by trying each size that begins with the digits, whichever
    takes fewer trials."""
    first = int(digits)
    scales = []
    scale = 1
    while first and first * scale < _MOST_FILTERS:
        scales.append(scale)
        scale *= 10
    root = math.isqrt(count)
    if root < sum(scales):
        divisors = {d for d in range(1, root + 1) if count % d == 0}
        divisors |= {count // d for d in divisors}
        return sorted(d for d in divisors if d < _MOST_FILTERS and str(d).startswith(digits))
    return [
        n for scale in scales for n in range(first * scale, (first + 1) * scale) if count % n == 0
    ]


def _channels_below(
    layers: tuple[Layer, ...], outputs: tuple[Shapes, ...], at: int
) -> Optional[int]:
    """The last axis shown by the rows fed by row `at` that keep their input's channels, where
    they all agree; None otherwise."""
    name = layers[at].name
    if any(layer.connected_to for layer in layers):
        fed = [
            j
            for j in range(at + 1, len(layers))
            if any(base_name(ref) == name for ref in layers[j].connected_to)
        ]
    else:
        fed = [at + 1] if at + 1 < len(layers) else []
    shown = set()
    for j in fed:
        out = outputs[j]
        if keeps_channels(layers[j].type) and out and len(out) == 1 and out[0]:
            shown.add(out[0][-1])  # a concatenation or a convolution below says nothing
    return shown.pop() if len(shown) == 1 else None
