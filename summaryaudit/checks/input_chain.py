"""The rows as a graph: nested models, Connected to, and each row's input shapes."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Optional

from ..cell_grammar import read_reference, read_shapes
from ..dialects import Dialect
from ..layer_classes import MERGES, SEQUENCE_LAYERS
from ..patterns import lazy
from ..records import Layer, Shape, Summary
from ..shapes import built_on_one_sample
from .model_rows import (
    NESTED_MODEL_TYPES,
    branches_between,
    branching_models,
    chains_its_rows,
    children,
    has_children,
    is_model_row,
    model_rows_of,
    nearest_above,
)
from .names import NameIndex, rows_short_of_total
from .printed_shapes import output_shapes
from .row_order import spatial_row_under_a_flat_one

Shapes = Optional[tuple[Shape, ...]]
UNBUILT, UNUSED = "unbuilt", "unused"  # the notes of `0 (unbuilt)` and `0 (unused)`


def base_name(ref: str) -> str:
    """The layer a Connected to entry names: `dense[0][0]` → `dense`."""
    return read_reference(ref).layer


# --------------------------------------------------------------------------- input chain


def find_inputs(summary: Summary) -> list[Shapes]:
    """Work out each row's input shapes: from Connected to, else from the row above."""
    return input_chain(summary, output_shapes(summary.layers), NameIndex(summary.layers))


def input_chain(
    summary: Summary,
    outputs: tuple[Shapes, ...],
    names: NameIndex,
    layers: Optional[tuple[Layer, ...]] = None,
) -> list[Shapes]:
    """The input chain of the summary's rows, or of these rows (the same rows, some classes
    inferred: only the classes differ, and only nested-model rows read them)."""
    layers = summary.layers if layers is None else layers
    nested = keras1_nested_rows(summary.dialect, layers)
    chain_breaks = (
        summary.has_connected_to
        or _in_attribute_order(summary, outputs)
        # a Sequential is a chain whatever order its layers were made in (42b's 015: R's
        # keras names `conv2d_1`, `conv2d`, …, `conv2d_5`, `conv2d_4` down a sequential_5)
        or (
            _out_of_creation_order(layers)
            and not _SEQUENTIAL_NAME.fullmatch(summary.model_name or "")
        )
        or spatial_row_under_a_flat_one(layers, outputs)  # (97b's 003: rows out of order)
    )
    # two inputs side by side and no Connected to: no chain until the branches merge (78b's
    # 004, a Keras 0.3 Graph; a retyped table; the review of trial 77's item 3)
    first, branched = branches_between(layers) if not summary.has_connected_to else (0, 0)
    inputs: list[Shapes] = []
    append, elided = inputs.append, summary.elided
    short: Optional[bool] = None  # rows_short_of_total, worked out at the first reference
    if summary.unreadable:
        # a line that could not be read breaks the chain as an elision does: the row it held
        # may change the shape (89a's 013: `Dense (512, ReLU) (None, 512)` unread, then a
        # BatchNormalization said to get the (None, 576) of the row read above it)
        elided = tuple(sorted({*elided, *(line for line, _ in summary.unreadable)}))
    nodes_taken: Optional[dict[str, set[str]]] = None  # worked out at the first merge called
    branching: Optional[frozenset[int]] = None  # worked out at the first nested row
    for i, layer in enumerate(layers):
        if layer.type == "InputLayer":
            append(outputs[i])
            continue
        connected = layer.connected_to
        refs: Sequence[str] = [r for r in connected if r.strip()] if connected else connected
        if refs:
            if len(refs) > 2 and layer.type in MERGES:  # each call: two entries or more
                if nodes_taken is None:
                    nodes_taken = _nodes_taken(layers)
                refs = _first_call(nodes_taken.get(layer.name, set()), refs)
            short = rows_short_of_total(summary) if short is None else short
            append(_inbound_shapes(layers, outputs, names, nested, i, refs, elided, short))
            continue
        if layer.input_shape and (given := _given_input(layer.input_shape)) is not None:
            append(given)  # (an Input Shape column a table by hand added: 85h's 011)
            continue
        depth = layer.depth
        if depth == 0 and (chain_breaks or first <= i < branched):
            append(None if chain_breaks else _alike_inputs_above(layers, outputs, i, elided))
        elif i and not elided and layers[i - 1].depth == depth == 0:
            out = outputs[i - 1]  # (_sequential_input's first case, without the call)
            append(None if out is None or len(out) != 1 else out)
        else:
            if branching is None:
                branching = branching_models(layers)
            append(_sequential_input(layers, outputs, i, inputs, elided, branching))
    return inputs


def _given_input(text: str) -> Shapes:
    """The input shapes an Input Shape cell gives, with their batch axis (`(None, 100)`);
    None when it gives none, or shows no batch axis."""
    shapes = read_shapes(text)
    if not shapes or any(not dims or dims[0] is not None for dims in shapes):
        return None
    return shapes


def _alike_inputs_above(
    layers: tuple[Layer, ...], outputs: tuple[Shapes, ...], at: int, elided: tuple[int, ...]
) -> Shapes:
    """The one shape every input above a row has, where only inputs stand above it and no row
    was left out between: Keras lists a layer's inputs above it, so it takes some of them
    (85c's 003: two inputs of `(None, 60, 50)`, then an LSTM); None otherwise."""
    row = layers[at]
    if not row.type or "type" in row.truncated or row.type in MERGES:
        return None  # (a class not known, or cut, may take several of them: a Dot, 85's review)
    if any(
        layer.type != "InputLayer" or layer.depth or outputs[i] is None
        for i, layer in enumerate(layers[:at])
    ):
        return None
    if any(layers[0].line < line < layers[at].line for line in elided):
        return None
    shapes = set(outputs[:at])
    return outputs[0] if len(shapes) == 1 and len(outputs[0] or ()) == 1 else None


def _nodes_taken(layers: tuple[Layer, ...]) -> dict[str, set[str]]:
    """The node indexes the rows' Connected to entries take of each layer (`concatenate[10][0]`:
    node 10 of concatenate), in one pass over every entry."""
    taken: dict[str, set[str]] = {}
    for layer in layers:
        for ref in layer.connected_to:
            name, bracket, rest = ref.strip().partition("[")
            if bracket:
                taken.setdefault(name, set()).add(rest.partition("]")[0])
    return taken


def _first_call(nodes: set[str], refs: Sequence[str]) -> list[str]:
    """The entries of a merge layer's first call, when the rows below take k of its nodes
    (`concatenate[10][0]` … `concatenate[19][0]`: 10 calls) and its list splits into k calls
    of two or more (41b's 009: a Coursera attention model calls one Concatenate 10 times, 20
    entries, two each); else every entry (one call)."""
    calls = len(nodes)
    if calls > 1 and len(refs) % calls == 0 and len(refs) // calls >= 2:
        return list(refs[: len(refs) // calls])
    return list(refs)


def _inbound_shapes(
    layers: tuple[Layer, ...],
    outputs: tuple[Shapes, ...],
    names: NameIndex,
    nested: list[int],
    i: int,
    refs: Sequence[str],
    elided: tuple[int, ...] = (),
    short: bool = False,
) -> Shapes:
    """The shapes a row's Connected to references point at (None when one is unknown, or when
    the row names only itself, which no first call can take: a retyped entry, 18b's 015); with
    rows left out (`elided`), a cut reference is not guessed among the rows it may name."""
    if connected_only_to_itself(layers[i], refs):
        return None
    shapes: list[Shape] = []
    for ref in refs:
        read = read_reference(ref)
        named = names.rows_named.get(read.layer)
        # A name one row has, in the row's model or one around it, is that row (no call).
        source = (
            named[0]
            if named and len(named) == 1 and layers[named[0]].depth <= layers[i].depth
            else _inbound_row(layers, names, nested, i, read.layer)
        )
        out = outputs[source] if source is not None else None
        if out is None and source is None:
            out = _shared_output(outputs, names.feeding_candidates(read.layer, i))
        if out is None and source is None and not elided:
            above = names.silently_cut_feeders(read.layer, i, short)
            out = outputs[above[0]] if len(above) == 1 else _shared_output(outputs, above)
        if out is None:
            return _input_without_states(layers[i], shapes)
        if read.tensor_index >= len(out) and (
            len(out) > 1 or "output_shape" in layers[source].truncated  # type: ignore[index]
        ):
            # an output the column cut off its list (`[(None, 30, 300), (N`), or a list read
            # shorter than the tensor named (the review's crash: `bidirectional_encoder[0][3]`
            # of a list whose wrapped lines were not all read)
            return _input_without_states(layers[i], shapes)
        shapes.append(out[read.tensor_index] if len(out) > 1 else out[0])
    return tuple(shapes) if shapes else None


def _input_without_states(layer: Layer, shapes: list[Shape]) -> Shapes:
    """The input of a recurrent layer whose initial states' shapes are not shown (27a's 007:
    `embedding_1[0][0]`, then `lstm1[0][1]` of a cut output list): its first entry decides its
    weights (those after it are the initial states of its call, `decoder_lstm(dec_emb,
    initial_state=[h, c])`, which hold none of them); no shapes for any other row."""
    return (shapes[0],) if shapes and layer.type in SEQUENCE_LAYERS else None


def connected_only_to_itself(layer: Layer, refs: Sequence[str]) -> bool:
    """Tell whether every Connected to entry of a row names the row itself (a layer reused on
    its own output names itself beside the input of its first call, never alone)."""
    name = layer.name
    return (
        bool(name)
        # a name the column cut may go on (70b's 007: `Encoder-10-MultiHeadSelfAttenti`, its
        # -Dropout, -Add and -Norm rows, over the attention layer's own entry)
        and "name" not in layer.truncated
        and all(ref.startswith(name) for ref in refs)  # (a cheap test before each reading)
        and all(read_reference(ref).layer == name for ref in refs)
    )


def _shared_output(outputs: tuple[Shapes, ...], rows: Sequence[int]) -> Shapes:
    """The output every one of these rows prints (a cut reference such as `input_la…` may
    name either of two inputs; when both print `(None, 2)` the input is known all the same)."""
    if len(rows) < 2:
        return None
    first = outputs[rows[0]]
    if first is None or len(first) != 1 or any(outputs[j] != first for j in rows[1:]):
        return None
    return first


_SEQUENTIAL_NAME = lazy(r"sequential(?:_\d+)?")


_DEFAULT_NAME = lazy(r"([a-z][a-z0-9]*(?:_[a-z][a-z0-9]*)*)(?:_(\d+))?")


def _out_of_creation_order(layers: Sequence[Layer]) -> bool:
    """Rows of one class whose default names both skip and count down (`dense`, `dense_2`,
    `dense_4`, …, then `dense_1`, `dense_3`): a table grouped by class, no chain in the order
    the layers were made (22b's 008: a multi-output model's heads, Connected to left out). One
    layer made before the one above it (`dense_1` over `dense`) is no such sign."""
    numbers: dict[str, list[int]] = {}
    for layer in layers:
        if layer.depth:
            continue
        found = _DEFAULT_NAME.fullmatch(layer.name)
        if found is not None:
            numbers.setdefault(found.group(1), []).append(int(found.group(2) or 0))
    for seen in numbers.values():
        steps = [b - a for a, b in zip(seen, seen[1:])]
        if any(step < 0 for step in steps) and any(step > 1 for step in steps):
            return True
    return False


def _only_models_unbatched(layers: tuple[Layer, ...], outputs: tuple[Shapes, ...]) -> bool:
    """Tell whether every top row printing `None` first is a nested model: Keras 3 calls them
    symbolically in a model built on one sample (a print whose boxes a paste lost)."""
    return all(
        is_model_row(layer)
        for layer, shapes in zip(layers, outputs)
        if layer.depth == 0 and shapes and any(dims and dims[0] is None for dims in shapes)
    )


def _in_attribute_order(summary: Summary, outputs: tuple[Shapes, ...]) -> bool:
    """A subclassed model's table: its rows follow attribute order, not the data flow.

    Its signs are rows Keras could give no single shape (`multiple`, `?`) or no weights
    (`0 (unused)`, `0 (unbuilt)`), or a batch of 1 beside `None` (the nested models' shapes),
    in a table without Connected to; a model named like a Sequential (`sequential_1`) is still
    read as a chain, and so is an older print whose Lambda sets a batch of 1 under layers that
    print `None` (57a's 009: `lambda_1 (Lambda)  (1, 224)` under Conv2D rows).
    """
    if summary.has_connected_to or _SEQUENTIAL_NAME.fullmatch(summary.model_name or ""):
        return False
    one_sample = built_on_one_sample(outputs) and (
        summary.dialect is Dialect.KERAS3 or _only_models_unbatched(summary.layers, outputs)
    )
    return one_sample or any(
        layer.output_shape in ("multiple", "?") or layer.params_note in (UNUSED, UNBUILT)
        for layer in summary.layers
        if layer.depth == 0
    )


def _inbound_row(
    layers: tuple[Layer, ...], names: NameIndex, nested: list[int], i: int, ref: str
) -> Optional[int]:
    """The row a Connected to reference of row i names.

    Two rows may share a name (an expanded nested model reusing an outer name): the one in
    the same model (same depth) nearest above wins, never one inside a model nested in it (a
    top cut off above the outer row of the name). Keras 1 names the last layer of a nested
    Sequential (`dense_2`) where later Keras names the model: such a reference goes to the
    nested model row above.
    """
    named = names.rows_named.get(ref)
    if named:
        depth = layers[i].depth
        level = [j for j in named if layers[j].depth == depth] or [
            j for j in named if layers[j].depth < depth
        ]
        above = [j for j in level if j < i]
        return above[-1] if above else level[0] if level else nearest_above(nested, i)
    found = names.by_prefix(ref, i)
    if found is not None and found != i:  # a row is never its own inbound layer
        return found
    return nearest_above(nested, i)


_NAMED_BY_INNER_LAYER = (Dialect.KERAS1, Dialect.KERAS2)  # (enum members read once)


def keras1_nested_rows(dialect: Dialect, layers: tuple[Layer, ...]) -> list[int]:
    """Unexpanded nested-model rows that later rows reach by an inner layer's name, in order.

    Keras 1 names the nested Sequential's last layer in Connected to, so the nested model's
    own row is never referenced; later Keras names the model row itself, as every Keras names
    a model called on a tensor. (Keras 1.2 prints
    what Keras 2.0 prints, so the keras2 dialect is included.)
    """
    if dialect not in _NAMED_BY_INNER_LAYER:
        return []
    models = model_rows_of(layers)
    if not models:
        return []
    referenced = {base_name(ref) for layer in layers for ref in layer.connected_to}
    # only a model added to a Sequential as it stands (no Connected to of its own): a model
    # called on a tensor (`model_2 … input_4[0][0]`) is named itself (15a's 001c)
    return [
        j
        for j in models
        if not has_children(layers, j)
        and layers[j].name not in referenced
        and not layers[j].connected_to
    ]


def _sequential_input(
    layers: tuple[Layer, ...],
    outputs: tuple[Shapes, ...],
    i: int,
    inputs: list[Shapes],
    elided: tuple[int, ...] = (),
    branching: frozenset[int] = frozenset(),
) -> Shapes:
    """Input of a Sequential row: the previous sibling's output, or the parent's input.

    Unknown (None) when an elision line (`...`) stands between the two rows: the rows it
    stands for may have changed the shape.
    """
    depth = layers[i].depth
    for j in range(i - 1, -1, -1):
        if layers[j].depth <= depth:
            if elided and _elided_between(elided, layers[j].line, layers[i].line):
                return None  # (between a model's row and its first shown: review 91's item 4)
            if layers[j].depth < depth:
                return inputs[j]
            if depth and not chains_its_rows(layers, j, branching):
                return None  # inside a custom layer the rows need not feed each other
            out = outputs[j]
            return None if out is None or len(out) != 1 else out
    return None


def _elided_between(elided: tuple[int, ...], above: int, below: int) -> bool:
    """Tell whether an elision line lies strictly between two lines (elided is sorted)."""
    at = bisect.bisect_right(elided, above)
    return at < len(elided) and elided[at] < below


__all__ = [
    "NESTED_MODEL_TYPES",
    "UNBUILT",
    "UNUSED",
    "Shapes",
    "base_name",
    "children",
    "connected_only_to_itself",
    "find_inputs",
    "has_children",
    "input_chain",
    "is_model_row",
    "keras1_nested_rows",
    "model_rows_of",
    "nearest_above",
    "output_shapes",
]
