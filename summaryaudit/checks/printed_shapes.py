"""Each row's printed output shapes, read with the batch axis, and the rows that keep theirs."""

from __future__ import annotations

from typing import Optional

from ..cell_grammar import read_leading_shapes, read_reference, read_shapes
from ..formulas.common import Shapes
from ..records import Layer
from ..shapes import with_batch_axis
from .model_rows import is_model_row


def output_shapes(layers: tuple[Layer, ...]) -> tuple[Shapes, ...]:
    """Each row's output shapes (the whole ones before a column's cut), with the batch axis."""
    printed = tuple(
        [
            read_leading_shapes(layer.output_shape)  # the whole shapes before the cut
            if "output_shape" in layer.truncated
            else read_shapes(layer.output_shape)
            for layer in layers
        ]
    )
    read = with_batch_axis(printed)
    if read is printed:
        return read  # every first axis the same (nearly every print): no op row to set apart
    apart = frozenset(
        at
        for at, layer in enumerate(layers)
        if _is_tensorflow_op(layer) or _is_model_built_apart(layer, printed[at])
    )
    numbered = frozenset(
        at
        for at, layer in enumerate(layers)
        if layer.type == "InputLayer"
        and (shapes := printed[at])
        and all(dims and dims[0] is not None for dims in shapes)
    )
    if numbered and _first_axes(printed, apart | numbered) == {None}:
        # Only inputs print a number first, every other row `None` (81f's 007): those rows keep
        # their shapes. Each such input keeps its own where it was made with a batch size; one
        # a retyping left the batch axis out of is not read. (Where the others agree on a
        # number, it is a channels-first table's channels, retyped without the batch axis.)
        given = _given_a_batch_size(layers, printed, numbered)
        return tuple(
            None if at in numbered and at not in given else shapes
            for at, shapes in enumerate(printed)
        )
    return with_batch_axis(printed, apart) if apart else read


def _first_axes(printed: tuple[Shapes, ...], besides: frozenset[int]) -> set[Optional[int]]:
    """The first axes the rows' shapes show, but for the rows `besides`."""
    return {
        dims[0]
        for at, shapes in enumerate(printed)
        if shapes and at not in besides
        for dims in shapes
        if dims
    }


def _is_model_built_apart(layer: Layer, shapes: Shapes) -> bool:
    """Tell whether a row is a nested model that prints `None` first where its neighbours
    print a batch size: it was built on its own first, as a preprocessing model a dataset is
    mapped through (56d's 005: `sequential (Sequential)  (None, 256, 256, 3)` above
    `conv2d_6 (Conv2D)  (32, 254, 254, 32)`), and keeps that shape."""
    return shapes is not None and is_model_row(layer) and all(d and d[0] is None for d in shapes)


def _given_a_batch_size(
    layers: tuple[Layer, ...], printed: tuple[Shapes, ...], numbered: frozenset[int]
) -> frozenset[int]:
    """The InputLayer rows among `numbered` (each printing a number first, beside rows that
    agree on another batch axis) made with a batch size: Spektral's single-graph adjacency,
    `Input((784,), batch_size=784)`, prints `[(784, 784)]` beside the features' `[(None, 784,
    1)]` (81f's 007).

    Such an input has an axis after its batch axis, and each row Connected to shows taking it
    takes another input too, which gives that row its batch axis: a layer taking it alone would
    print its batch size as well. So an input a retyping wrote without the batch axis, over
    rows written with it (`(28, 28, 1)` over a Conv2D's `(None, 26, 26, 32)`), is not one."""
    takes: dict[str, list[set[str]]] = {}  # each name: the names each row taking it takes
    for layer in layers:
        named = {read_reference(ref).layer for ref in layer.connected_to if ref.strip()}
        for name in named:
            takes.setdefault(name, []).append(named)
    return frozenset(
        at
        for at in numbered
        if all(len(dims) >= 2 for dims in printed[at] or ())
        and (taking := takes.get(layers[at].name))
        and all(len(named) > 1 for named in taking)
    )


# The classes of rows a TensorFlow op made (their outputs may be a shape or a scalar, with no
# batch axis: `tf_op_layer_Shape (TensorFlowOpLayer)  [(4,)]`), as tf.keras cuts them too; a
# Lambda's may be a constant's (onnx2keras's `LAYER_2_const2 (Lambda)  (8, 1, 1)`, 54c's 007)
_OP_CLASSES = frozenset(
    op[:end]
    for op in ("TensorFlowOpLayer", "TFOpLambda", "SlicingOpLambda", "Lambda")
    for end in range(4, len(op) + 1)
)
_OP_NAMES = ("tf_op_layer_", "tf.")


def _is_tensorflow_op(layer: Layer) -> bool:
    """Tell whether a row is a TensorFlow op's or a Lambda's (its class or name says so)."""
    return layer.type in _OP_CLASSES or layer.name.startswith(_OP_NAMES)
