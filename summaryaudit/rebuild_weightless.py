"""Solve weightless rows whose arguments follow from shapes alone: activations, reshaping."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

from .rebuild_args import FIRST_ROW, input_of, output_of, tuple_src
from .rebuild_classes import INPUT_LAYER, SAME_SHAPE_DEFAULTS, keras3_class
from .rebuild_row import Args, LayerCode, Row, Unsolved

# The argument a summary does not show, for the layers that take a stated default.
_STATED_DEFAULT = {
    "Dropout": "the rate is not shown in a summary; 0.5 is the usual choice",
    "SpatialDropout1D": "the rate is not shown in a summary; 0.5 is the usual choice",
    "SpatialDropout2D": "the rate is not shown in a summary; 0.5 is the usual choice",
    "SpatialDropout3D": "the rate is not shown in a summary; 0.5 is the usual choice",
    "GaussianNoise": "the noise level is not shown in a summary",
    "GaussianDropout": "the rate is not shown in a summary",
    "AlphaDropout": "the rate is not shown in a summary",
    "Activation": "the activation is not shown in a summary; relu is the most common",
    "Rescaling": "the scale is not shown in a summary; 1/255 is the most common",
    "RandomRotation": "the factor is not shown in a summary",
    "RandomZoom": "the factor is not shown in a summary",
    "RandomTranslation": "the factors are not shown in a summary",
    "RandomContrast": "the factor is not shown in a summary",
    "RandomBrightness": "the factor is not shown in a summary",
}


def solve_same_shape(row: Row) -> LayerCode:
    """A layer that keeps the shape: its stated default arguments, and a note saying so."""
    cls = keras3_class(row.type)
    notes = (_STATED_DEFAULT[cls],) if cls in _STATED_DEFAULT else ()
    if row.type == "ThresholdedReLU":
        notes = ("ThresholdedReLU is not in Keras 3; ReLU(threshold=...) replaces it",)
    return LayerCode(cls, SAME_SHAPE_DEFAULTS.get(cls, ()), notes)


def solve_flatten(row: Row) -> LayerCode:
    """Flatten (a first row: a flat input assumed)."""
    if input_of(row) is None:
        return LayerCode(
            "Flatten",
            (),
            (f"{FIRST_ROW}a flat input assumed",),
            input_shape=output_of(row),
        )
    return LayerCode("Flatten")


def solve_reshape(row: Row) -> LayerCode:
    """Reshape to the printed output (an unknown size as -1)."""
    out = output_of(row)
    dims = [-1 if d is None else d for d in out[1:]]
    code = LayerCode("Reshape", (("", tuple_src(dims)),))
    if input_of(row) is None and all(dims) and min(dims) > 0:
        return replace(
            code,
            input_shape=(out[0], math.prod(dims)),
            notes=(f"{FIRST_ROW}a flat input of the same size assumed",),
        )
    return code


def solve_permute(row: Row) -> LayerCode:
    """Permute: the first reordering of the input axes that gives the output."""
    out, inp = output_of(row), input_of(row)
    if inp is None:
        raise Unsolved("the input of a first Permute is not shown")
    rank = len(out)
    for perm in itertools.permutations(range(1, rank)):
        if perm != tuple(range(1, rank)) and all(out[i + 1] == inp[p] for i, p in enumerate(perm)):
            return LayerCode("Permute", (("", tuple_src(perm)),))
    raise Unsolved("no permutation of the input gives the output")


def solve_repeat_vector(row: Row) -> LayerCode:
    """RepeatVector(n): n is the printed steps."""
    out = output_of(row)
    shape = (out[0], out[2]) if input_of(row) is None else None
    return LayerCode("RepeatVector", (("", str(out[1])),), input_shape=shape)


def solve_lambda(row: Row) -> LayerCode:
    """A Lambda whose code a summary never shows: identity, with the printed output shape."""
    out = output_of(row)
    same = not row.inputs or (len(row.inputs) == 1 and tuple(row.inputs[0]) == tuple(out))
    args: Args = (("", "lambda t: t"),)
    if not same:
        args += (("output_shape", tuple_src(out[1:])),)
    return LayerCode(
        "Lambda",
        args,
        ("PLACEHOLDER function: a summary never shows a Lambda's code",),
        input_shape=out if not row.inputs else None,
    )


def solve_input_layer(row: Row) -> LayerCode:
    """An InputLayer: its printed output is the model input."""
    return LayerCode(INPUT_LAYER, input_shape=output_of(row))


def solve_resizing(row: Row) -> LayerCode:
    """Resizing or CenterCrop to the printed height and width."""
    out = output_of(row)
    return LayerCode(keras3_class(row.type), (("", str(out[1])), ("", str(out[2]))))


__all__ = [
    "solve_flatten",
    "solve_input_layer",
    "solve_lambda",
    "solve_permute",
    "solve_repeat_vector",
    "solve_reshape",
    "solve_resizing",
    "solve_same_shape",
]
