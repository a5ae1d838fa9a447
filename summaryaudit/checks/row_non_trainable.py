"""Each row's non-trainable weights, none where a LoRA or int8 reading is ruled out."""

from __future__ import annotations

from typing import Optional

from ..formulas.common import OK, UNDECIDABLE
from ..records import Layer, Summary
from .analysis import Analysis, once_per_analysis
from .nested_prints import printed_non_trainable
from .rows import expanded_models, leaves, optimizer, printed_bytes, rows_complete, rows_sum
from .verified_rows import verified_by_inner_rows


@once_per_analysis
def layer_non_trainable(analysis: Analysis) -> tuple[Optional[int], ...]:
    """Default non-trainable weights of each row (nested models: from their expanded rows, or
    from their own summary printed before); None where unknown, as for a count whose only
    reading (LoRA, int8) the totals rule out. Worked out once per analysis (seven checks ask)."""
    # (a subclassed model its inner rows verify holds what they hold: 71b's 011)
    expanded = expanded_models(analysis) | verified_by_inner_rows(analysis)
    refuted = refuted_quantized_rows(analysis)
    values: list[Optional[int]] = []
    for i, (layer, derivation) in enumerate(zip(analysis.layers, analysis.derivations)):
        if layer.params == 0 or layer.params_note:
            values.append(0)
        elif i in expanded:
            values.append(_inner_non_trainable(analysis, i + 1, layer.depth + 1))
        elif i in refuted:
            values.append(None)
        elif derivation is not None and derivation.non_trainable is not None:
            values.append(derivation.non_trainable)
        else:
            # a nested model's own summary, printed before, says what it holds by default
            values.append(printed_non_trainable(analysis, i))
    return tuple(values)


@once_per_analysis
def refuted_quantized_rows(analysis: Analysis) -> dict[int, bool]:
    """Top rows whose count only a Keras 3 LoRA or int8 reading explains, where the totals rule
    that reading out; each says whether the size did (4 bytes per parameter: no int8 weight),
    else Non-trainable params has no room for the weights the reading freezes."""
    stated = analysis.summary.totals.non_trainable
    if stated is None or stated.value is None or not rows_complete(analysis):
        return {}
    refuted: dict[int, bool] = {}
    floor: Optional[int] = None  # worked out for the first such row (most tables have none)
    for i, (layer, derivation) in enumerate(zip(analysis.layers, analysis.derivations)):
        if (
            derivation is None
            or derivation.status != UNDECIDABLE
            or not derivation.non_trainable
            or layer.depth
            or not ("LoRA" in derivation.text or "int8" in derivation.text)
        ):
            continue
        if floor is None:
            floor = sum(
                d.non_trainable or 0
                for row, d in zip(analysis.layers, analysis.derivations)
                if row.depth == 0 and d is not None and d.status == OK
            )
        by_size = "int8" in derivation.text and all_float32(analysis.summary)
        if by_size or floor + derivation.non_trainable > stated.value:
            refuted[i] = by_size
    return refuted


def all_float32(summary: Summary) -> bool:
    """Tell whether the total size is 4 bytes per parameter, within display rounding (no int8)."""
    total = summary.totals.total
    if total is None or total.value is None or total.size is None:
        return False
    read = printed_bytes(total.size)
    if read is None:
        return False
    printed, unit = read
    return abs(printed - 4 * total.value) <= 0.005 * unit + 16


def _inner_non_trainable(analysis: Analysis, start: int, depth: int) -> Optional[int]:
    """The non-trainable weights of the rows of one nested model (None when one is unknown)."""
    layers = analysis.layers
    total = 0
    i = start
    while i < len(layers) and layers[i].depth >= depth:
        layer, derivation = layers[i], analysis.derivations[i]
        if layer.depth == depth:
            if layer.params == 0:
                pass
            elif i in expanded_models(analysis):
                inner = _inner_non_trainable(analysis, i + 1, depth + 1)
                if inner is None:
                    return None
                total += inner
            elif derivation is None or derivation.non_trainable is None:
                return None
            else:
                total += derivation.non_trainable
        i += 1
    return total


@once_per_analysis
def default_non_trainable(analysis: Analysis) -> Optional[int]:
    """The non-trainable weights the model's own rows hold by default (moving statistics and
    the like, no layer frozen), None unless every row is shown, adds up to Total and has a
    known default: what a later summary's row of this model holds unless it was frozen."""
    total = analysis.summary.totals.total
    if total is None or total.value is None or not rows_complete(analysis):
        return None
    if rows_sum(analysis) != total.value - optimizer(analysis.summary):
        return None
    per_layer = layer_non_trainable(analysis)
    top = [per_layer[i] for i, layer in enumerate(analysis.layers) if layer.depth == 0]
    return None if None in top else sum(v or 0 for v in top)


_MOST_PARTS = 2_000  # layers kept of one printed model (memory stays small on any input)


def trainable_parts(analysis: Analysis) -> Optional[tuple[tuple[str, int], ...]]:
    """Each layer of the model with the weights it trains by default (its count less its
    moving statistics), when default_non_trainable knows them all: what a later summary that
    holds this model as one row may freeze some of."""
    if default_non_trainable(analysis) is None:
        return None
    per_layer = layer_non_trainable(analysis)
    layers = analysis.layers
    rows = leaves(analysis)
    if len(rows) > _MOST_PARTS or any(per_layer[i] is None for i in rows):
        return None
    return tuple(
        (layers[i].name, trainable_part(layers[i], per_layer[i])) for i in rows if layers[i].params
    )


def trainable_part(layer: Layer, default: Optional[int]) -> int:
    """The weights a row trains unless frozen: its count less its default non-trainable ones."""
    return max((layer.params or 0) - (default or 0), 0)
