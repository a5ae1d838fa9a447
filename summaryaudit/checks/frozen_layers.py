"""Find the whole layers whose freezing makes up a Non-trainable gap, in a summary's rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Optional

from ..formulas import frozen
from .analysis import Analysis, once_per_analysis
from .input_chain import children, has_children, is_model_row
from .nested_prints import printed_before, printed_parts
from .row_non_trainable import layer_non_trainable, trainable_part
from .rows import leaves


class FrozenItems(NamedTuple):
    """What the search may freeze: each item's name and trainable part, the nested models as
    groups of items (with their names), and the items the Trainable column marks N."""

    names: list[str]
    homes: list[str]  # the nested model whose own summary shows the item ("" for a row)
    parts: list[int]
    groups: list[tuple[int, ...]]
    group_names: list[str]
    marked: list[int]


@once_per_analysis
def frozen_items(analysis: Analysis) -> FrozenItems:
    """The layers of the rows, one item each; a nested model whose own summary the input
    printed before (a base model's `base_model.summary()` above the fine-tuned model) counts as
    the layers of that summary, so that freezing some of them is found (the TensorFlow transfer
    learning tutorial: `for layer in base_model.layers[:100]: layer.trainable = False`)."""
    layers = analysis.layers
    per_layer = layer_non_trainable(analysis)
    names: list[str] = []
    homes: list[str] = []
    parts: list[int] = []
    groups: list[tuple[int, ...]] = []
    group_names: list[str] = []
    marked: list[int] = []
    position: dict[int, int] = {}
    for i in leaves(analysis):
        if per_layer[i] is None:
            continue
        layer = layers[i]
        part = trainable_part(layer, per_layer[i])
        inner = _inner_parts(analysis, i, part)
        if inner is not None:
            line = printed_before(analysis, i)
            home = f"{layer.name} (its summary at line {line[0]})" if line else layer.name
            start = len(names)
            names.extend(name for name, _ in inner)
            homes.extend(home for _ in inner)
            parts.extend(weights for _, weights in inner)
            groups.append(tuple(range(start, len(names))))
            group_names.append(layer.name)
            continue
        position[i] = len(names)
        if layer.trainable is False:
            marked.append(len(names))
        names.append(layer.name)
        homes.append("")
        parts.append(part)
    for i, layer in enumerate(layers):
        if is_model_row(layer) and has_children(layers, i):
            group = tuple(position[j] for j in children(layers, i) if j in position)
            if group:
                groups.append(group)
                group_names.append(layer.name)
    return FrozenItems(names, homes, parts, groups, group_names, marked)


def _inner_parts(analysis: Analysis, i: int, part: int) -> Optional[Sequence[tuple[str, int]]]:
    """The trainable parts of the layers of row i's own summary printed before, when they add
    up to the row's trainable part (None for any other row)."""
    if has_children(analysis.layers, i) or not is_model_row(analysis.layers[i]):
        return None
    inner = printed_parts(analysis, i)
    if not inner or sum(weights for _, weights in inner) != part:
        return None
    return inner


def frozen_search(analysis: Analysis, gap: int) -> Optional[frozen.FrozenSearch]:
    """Search the whole layers whose trainable weights make up the gap (None when gap ≤ 0);
    what it finds are positions for frozen_names."""
    if gap <= 0:
        return None
    items = frozen_items(analysis)
    search = frozen.explain_gap(items.parts, gap, items.groups, items.marked)
    if search.how == "nested" and search.found is not None:
        group = items.groups.index(search.found)
        return frozen.FrozenSearch(
            (len(items.names) + group,), search.how, search.tried, search.reachable
        )
    return search


def frozen_names(analysis: Analysis, positions: Sequence[int]) -> list[str]:
    """The names of the layers (or whole nested models) frozen_search found; a layer of a
    nested model's own summary says which model holds it."""
    items = frozen_items(analysis)
    count = len(items.names)
    return [
        items.group_names[k - count]
        if k >= count
        else f"{items.names[k]} (in {items.homes[k]})"
        if items.homes[k]
        else items.names[k]
        for k in positions
    ]


def frozen_home(analysis: Analysis, positions: Sequence[int]) -> Optional[tuple[list[str], str]]:
    """The names of the layers found and the nested model holding all of them, when every one
    is a layer of the same nested model's own summary (else None)."""
    items = frozen_items(analysis)
    count = len(items.names)
    homes = {items.homes[k] if k < count else "" for k in positions}
    if len(homes) != 1 or "" in homes:
        return None
    return [items.names[k] for k in positions], homes.pop()


def whole_model(analysis: Analysis, positions: Sequence[int]) -> Optional[str]:
    """`the whole model (all 18 layers that have trainable weights)` when the layers
    frozen_search found are every layer with trainable weights (46a's 001: 18 names said less
    than 'the whole model'); None otherwise."""
    items = frozen_items(analysis)
    count = len(items.names)
    taken = {k for k in positions if k < count}
    for k in positions:
        if k >= count:
            taken.update(items.groups[k - count])
    every = {k for k, part in enumerate(items.parts) if part > 0}
    if len(every) > 1 and taken == every:
        return f"the whole model (all {len(every)} layers that have trainable weights)"
    return None
