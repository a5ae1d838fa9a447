"""A nested model's row matched with its own summary, printed before in the same input."""

from __future__ import annotations

from typing import Optional

from .analysis import Analysis
from .input_chain import has_children


def _printed_model(analysis: Analysis, i: int) -> Optional[tuple[int, bool, Optional[int]]]:
    """PrintedModels.find for row i (None for a row with inner rows or no count)."""
    layer, printed = analysis.layers[i], analysis.printed
    if printed is None or layer.params is None or has_children(analysis.layers, i):
        return None
    return printed.find(layer.name, layer.params)


def printed_before(analysis: Analysis, i: int) -> Optional[tuple[int, bool]]:
    """The first line of the summary of the nested model of row i, printed before in the same
    input with the row's count as Total (a GAN's generator above the combined model: 19b,
    21b), and whether it also has the row's name; None when there is none."""
    found = _printed_model(analysis, i)
    return None if found is None else (found[0], found[1])


def printed_parts(analysis: Analysis, i: int) -> Optional[tuple[tuple[str, int], ...]]:
    """The layers of the summary printed_before finds for row i, each with its trainable
    weights (None: no such summary, or its rows' defaults not known)."""
    found = _printed_model(analysis, i)
    return (
        None if found is None or analysis.printed is None else analysis.printed.parts_of(found[0])
    )


def printed_non_trainable(analysis: Analysis, i: int) -> Optional[int]:
    """The non-trainable weights the rows of the summary printed_before finds for row i hold
    by default (None: no such summary, or not known)."""
    found = _printed_model(analysis, i)
    return None if found is None else found[2]
