"""Find the whole layers whose freezing makes up a Non-trainable gap, in a summary's rows."""

from __future__ import annotations

from typing import Optional

from ..formulas import frozen
from ..records import replace
from .analysis import Analysis
from .input_chain import children, has_children, is_model_row
from .row_non_trainable import layer_non_trainable
from .rows import leaves


def frozen_search(analysis: Analysis, gap: int) -> Optional[frozen.FrozenSearch]:
    """Search the whole layers whose trainable weights make up the gap (None when gap ≤ 0)."""
    if gap <= 0:
        return None
    layers = analysis.layers
    per_layer = layer_non_trainable(analysis)
    rows = [i for i in leaves(analysis) if per_layer[i] is not None]
    position = {row: k for k, row in enumerate(rows)}
    parts = [max((layers[i].params or 0) - (per_layer[i] or 0), 0) for i in rows]
    groups = [
        tuple(position[j] for j in children(layers, i) if j in position)
        for i in range(len(layers))
        if is_model_row(layers[i]) and has_children(layers, i)
    ]
    marked = [position[i] for i in rows if layers[i].trainable is False]
    search = frozen.explain_gap(parts, gap, [g for g in groups if g], marked)
    if search.found is None:
        return search
    if search.how == "nested":
        model = next(
            i
            for i in range(len(layers))
            if is_model_row(layers[i])
            and tuple(position[j] for j in children(layers, i) if j in position) == search.found
        )
        return replace(search, found=(model,))
    return replace(
        search,
        found=tuple(rows[k] for k in search.found),
        singles=tuple(rows[k] for k in search.singles),
    )
