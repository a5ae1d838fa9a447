"""Rows of a subclassed model that hold other rows' weights (Keras 3 lists them all)."""

from __future__ import annotations

from .analysis import Analysis, once_per_analysis
from .rows import optimizer, rows_sum

WRAPPERS = ("RNN", "Bidirectional", "TimeDistributed")


@once_per_analysis
def holdings(analysis: Analysis) -> dict[int, tuple[int, ...]]:
    """Each row that holds other rows' weights, with the rows it holds (indexes of
    analysis.layers). 22a's 011: Keras 3 lists every layer a subclassed model tracks, so a
    custom cell shows the sum of the layers listed above it, and the RNN wrapping it the same
    count again.

    A row holds the rows right above it when their counts add up to its own, and a wrapper (an
    RNN around a cell) the row right above it when the counts are equal."""
    layers = analysis.layers
    if not any(layer.output_shape in ("multiple", "?") for layer in layers if not layer.depth):
        return {}  # a shape only a subclassed (or unbuilt) model prints
    top = [i for i, layer in enumerate(layers) if not layer.depth]
    counts = [layers[i].params for i in top]
    if any(count is None for count in counts):
        return {}
    held: set[int] = set()
    found: dict[int, tuple[int, ...]] = {}
    for k, count in enumerate(counts):
        if not count or k in held:
            continue
        run, start = 0, k
        while start > 0 and run < count:
            start -= 1
            run += counts[start] or 0
        inside = set(range(start, k))
        if run == count and len(inside) >= 2 and not inside & held:
            held |= inside
            found[top[k]] = tuple(top[j] for j in range(start, k))
        elif k and layers[top[k]].type in WRAPPERS and counts[k - 1] == count and k - 1 not in held:
            held.add(k)
            found[top[k]] = (top[k - 1],)
    return found


def held_weights(analysis: Analysis) -> int:
    """The weights the rows holding others count again (0 when none do)."""
    return sum(analysis.layers[i].params or 0 for i in holdings(analysis))


@once_per_analysis
def held_rows(analysis: Analysis) -> dict[int, tuple[int, ...]]:
    """holdings, when the weights they count again are exactly what the rows hold beyond
    Total; empty otherwise."""
    total = analysis.summary.totals.total
    if total is None or total.value is None:
        return {}
    surplus = rows_sum(analysis) - (total.value - optimizer(analysis.summary))
    if surplus <= 0:
        return {}  # (the search is only made for rows that hold more than Total)
    found = holdings(analysis)
    return found if found and held_weights(analysis) == surplus else {}


def held_text(analysis: Analysis, holder: int) -> str:
    """`pair holds the 2 rows above it (first, second)`, or a wrapper's `wrapped holds the
    weights of pair (the same 112)`."""
    layers = analysis.layers
    inside = holdings(analysis)[holder]
    layer = layers[holder]
    if len(inside) == 1:
        return (
            f"{layer.name} holds the weights of {layers[inside[0]].name} "
            f"(the same {layer.params or 0:,})"
        )
    names = ", ".join(layers[j].name for j in inside)
    return f"{layer.name} holds the {len(inside)} rows above it ({names})"
