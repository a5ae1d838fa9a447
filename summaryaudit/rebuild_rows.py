"""Solve every printed row of a summary into a Node, nested rows under their model row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Optional

from . import checks
from .cell_grammar import read_cut_shape, read_leading_shapes
from .cell_grammar import read_shapes as parse_shapes
from .dialects import Era
from .formulas import is_weightless
from .layer_classes import class_of_default_name, is_known_class, names_its_own_class
from .rebuild_classes import (
    DROPPED_FROM_KERAS3,
    MODEL_CLASSES,
    UNSOLVED_KERAS3,
    keras3_class,
)
from .rebuild_layers import classes_starting, guess_type, is_solvable, placeholder, solve
from .rebuild_node import Node, RebuildError
from .rebuild_refs import CUT_MARK, cut_name_fits, refs_of
from .rebuild_row import LayerCode, Row, Shapes, Unsolved
from .records import Layer, Shape, Summary


def _row(
    layer: Layer,
    inputs: Shapes,
    outputs: Shapes,
    channels_first: Optional[bool],
    era: Era,
    frames: bool = False,
) -> Row:
    return Row(
        name=layer.name,
        type=layer.type,
        params=layer.params or 0,
        inputs=inputs,
        outputs=outputs,
        channels_first=channels_first,
        era=era,
        frames=frames,
    )


def printed_outputs(layer: Layer) -> Shapes:
    """The row's output shapes as printed; None where the column cut them, except an
    InputLayer's one tuple left whole when only the list's `]` was cut (`[(None, 224, 224, 1)`),
    or with the axis the column cut unknown (`[(None, 48, 8, 16, 1`: a None axis)."""
    if "output_shape" not in layer.truncated:
        return parse_shapes(layer.output_shape)
    if layer.type == "InputLayer":
        whole = read_leading_shapes(layer.output_shape)
        if whole is not None:
            return whole
        # `[(None, 48, 8, 16, 1`: 16 or more; `(None, None, None, 2` (81h's 003): any size
        cut = read_cut_shape(layer.output_shape, sizes_unknown=True)
        return (cut.shape,) if cut is not None else None
    return None


def _why_a_stand_in(type_name: str) -> str:
    """The comment on a row the rebuild keeps with a stand-in layer."""
    kept = "This stand-in has the printed weight count and output shape"
    if type_name in UNSOLVED_KERAS3:
        return (
            f"PLACEHOLDER: {type_name} is a Keras layer whose arguments summaryaudit does not "
            f"yet work out from a summary; write the layer here. {kept}"
        )
    if type_name in DROPPED_FROM_KERAS3:
        return f"PLACEHOLDER: {type_name} is a Keras 1/2 layer that Keras 3 dropped. {kept}"
    return f"PLACEHOLDER: {type_name} is not a Keras layer; its code is not in the summary. {kept}"


def _solve_row(row: Row) -> LayerCode:
    """The row's call; a marked placeholder where no Keras layer gives it."""
    if not row.type:
        guess = guess_type(row, single_input=True)
        if guess is None:
            return placeholder(
                row, 0, "PLACEHOLDER: the print cut this layer's class off and no common layer fits"
            )
        code = _solve_row(replace(row, type=guess))
        return code.with_note(f"the print cut the class off; {guess} fits the count and shapes")
    if row.type in MODEL_CLASSES:
        return LayerCode(keras3_class(row.type))
    if not is_solvable(row.type):
        return placeholder(row, 0, _why_a_stand_in(row.type))
    try:
        return solve(row)
    except Unsolved as exc:
        return replace(
            placeholder(
                row,
                0,
                f"PLACEHOLDER: no {row.type} arguments give this row ({exc}); the count and "
                "shape are kept by a stand-in",
            ),
            cls=f"Unsolved{row.type}",
        )


def _inputs_from_refs(layers: Sequence[Layer], index: int) -> Optional[tuple[Shape, ...]]:
    """Input shapes from Connected to entries cut too short for one exact name."""
    shapes: list[Shape] = []
    for ref in refs_of(layers[index]):
        fits = [
            layer
            for layer in layers[:index]
            if layer.depth == layers[index].depth and cut_name_fits(layer, ref.layer)
        ]
        exact = [f for f in fits if f.name == ref.layer and not ref.cut]
        fits = exact[:1] or fits
        out = parse_shapes(fits[-1].output_shape) if fits and ref.layer else None
        if out is None:
            return None
        shapes.append(out[ref.tensor] if ref.tensor < len(out) else out[0])
    return tuple(shapes) or None


def _other_completion(row: Row, printed: str, fallback: LayerCode) -> LayerCode:
    """A cut class name completed wrongly: try every class the printed prefix allows that can
    hold the row's count, unless the row's name is the default name of a class of its own
    (`relational_graph_conv_layer (Re`, 50c's 014: not ReLU)."""
    options = [other for other in classes_starting(printed) if other != row.type]
    if names_its_own_class(row.name, printed, options):
        return fallback
    for other in options:
        if row.params and is_weightless(other):
            continue  # (no weights: it cannot give a count)
        try:
            code = solve(replace(row, type=other))
        except Unsolved:
            continue
        return code.with_note(f"the print cut the class to {printed}…; {other} fits")
    return fallback


def _solved(summary: Summary) -> list[Node]:
    """Every printed row solved, in printed order."""
    analysis = checks.analyse(summary)
    cf, era = analysis.channels_first, summary.generation
    flat: list[Node] = []
    for i, printed in enumerate(summary.layers):
        # A class the print cut off entirely is the one the audit's evidence infers, if any; so
        # is a known class the audit infers for a cut one it kept (85g's 015: `(Inp` of an
        # input named by hand, `input_attention_mask_texta`, is an InputLayer)
        inferred = analysis.layers[i]
        layer = (
            printed
            if printed.type
            and (
                "type" not in printed.truncated
                or inferred.type == printed.type
                or not is_known_class(inferred.type)
            )
            else inferred
        )
        outputs = printed_outputs(layer)
        inputs = analysis.inputs[i]
        if inputs is None and layer.connected_to:
            inputs = _inputs_from_refs(summary.layers, i)
        row = _row(layer, inputs, outputs, cf, era, analysis.facts[i].frames)
        code = _solve_row(row)
        if layer is not printed and layer.type:
            code = code.with_note(f"the print cut the class off; its evidence says {layer.type}")
        cut = layer.printed_type.rstrip(CUT_MARK)
        # (not a class of its own carried from the row this name is numbered from: 52a's 006)
        carried = bool(layer.type) and layer.type != cut and not is_known_class(layer.type)
        # (nor the class the row's default name gives: `tf_op_layer_l2_normalize/Sum (T` is
        # a TensorFlowOpLayer, no ThresholdedReLU, 53c's 007)
        named = bool(layer.type) and class_of_default_name(layer.name) == layer.type
        if code.placeholder and "type" in layer.truncated and not carried and not named:
            code = _other_completion(row, cut, code)
        flat.append(Node(i, layer, code, inputs, outputs))
    return flat


def _nest(flat: list[Node]) -> list[Node]:
    """The top-level nodes, each expanded nested row hung under its model row."""
    top: list[Node] = []
    stack: list[Node] = []
    for node in flat:
        depth = node.layer.depth
        while stack and stack[-1].layer.depth >= depth:
            stack.pop()
        if stack and depth == stack[-1].layer.depth + 1:
            stack[-1].children.append(node)
        elif depth == 0:
            top.append(node)
        else:
            raise RebuildError(f"row {node.layer.name} is nested under no model row")
        stack.append(node)
    return top


def solve_rows(summary: Summary) -> list[Node]:
    """Solve every row and hang expanded nested rows under their model row."""
    return _nest(_solved(summary))


__all__ = ["solve_rows"]
