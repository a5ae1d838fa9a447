"""The rows of a Keras 0.3 Graph model's outputs, printed again after its nodes."""

from __future__ import annotations

from typing import Optional

from ..dialects import Era
from ..records import Layer, Summary

KERAS0 = Era.KERAS0  # (an enum member read once)


def graph_output_rows(summary: Summary, layers: tuple[Layer, ...]) -> dict[int, int]:
    """Each output row of a Keras 0.3 Graph model with the row of the node it repeats.

    Keras 0.3's model_summary prints each output after the nodes, as the row of the node it
    reads under the output's name, and leaves it out of Total (78b's 004; real keras0.3.3
    fixtures). The outputs are trailing rows that repeat an earlier row's class, shape and
    count: as many as Total leaves out, and the last one alone where Total cannot tell (a
    weightless node may repeat one too: the review of trial 77's item 9). None in a Sequential
    (its first row is a layer of its own, no `Layer` input) or any later print."""
    if summary.generation is not KERAS0:
        return {}
    top = [at for at, layer in enumerate(layers) if not layer.depth]
    if not top or layers[top[0]].type != "InputLayer":
        return {}
    seen = [(layers[at].type, layers[at].output_shape, layers[at].params) for at in top]
    run = 0  # the trailing rows that repeat a row above them
    while run < len(top) - 1 and seen[-1 - run] in seen[: -1 - run]:
        run += 1
    if not run:
        return {}
    total = summary.totals.total
    whole = sum(count or 0 for _, _, count in seen)
    fits = [
        k for k in range(1, run + 1) if total is not None and whole - _last(seen, k) == total.value
    ]
    # (Total decides when the outputs hold weights; else the last row alone is said to be one)
    taken = fits[-1] if fits and _last(seen, fits[-1]) else 1
    nodes = top[: len(top) - taken]
    found: dict[int, int] = {}
    for at in top[len(top) - taken :]:
        key = (layers[at].type, layers[at].output_shape, layers[at].params)
        node = next((n for n in reversed(nodes) if seen[top.index(n)] == key), None)
        if node is not None:
            found[at] = node
    return found


def _last(seen: list[tuple[str, str, Optional[int]]], k: int) -> int:
    return sum(count or 0 for _, _, count in seen[len(seen) - k :])
