"""Solve one printed summary row into a Keras 3 layer call: one solver per printed class."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from math import prod
from typing import Optional

from .formulas.output_shapes import dot_outputs
from .layer_classes import MERGES
from .rebuild_args import input_of, output_of
from .rebuild_attention import solve_additive_attention, solve_attention, solve_mha
from .rebuild_classes import (
    INPUT_LAYER,
    KERAS3_CLASS,
    MODEL_CLASSES,
    MULTI_INPUT,
    PLACEHOLDER_BASE,
    SAME_SHAPE_DEFAULTS,
    SHAPE_KEEPING,
    keras3_class,
)
from .rebuild_conv import solve_conv, solve_depthwise, solve_separable
from .rebuild_conv_lstm import solve_conv_lstm
from .rebuild_dense import solve_dense, solve_embedding
from .rebuild_merge import solve_merge
from .rebuild_norm import (
    solve_batch_norm,
    solve_group_norm,
    solve_instance_norm,
    solve_layer_norm,
    solve_normalization,
    solve_prelu,
    solve_rms_norm,
)
from .rebuild_recurrent import solve_bidirectional, solve_rnn
from .rebuild_row import LayerCode, Row, Solver, Unsolved, iter_notes
from .rebuild_spatial import (
    solve_cropping,
    solve_global_pooling,
    solve_pooling,
    solve_up_sampling,
    solve_zero_padding,
)
from .rebuild_weightless import (
    solve_flatten,
    solve_input_layer,
    solve_lambda,
    solve_permute,
    solve_repeat_vector,
    solve_reshape,
    solve_resizing,
    solve_same_shape,
)
from .records import Shape

# The classes tried, in order, for a weighted row whose class the print cut off.
_GUESSES = (
    "Dense", "BatchNormalization", "Conv2D", "Conv1D", "Conv3D", "LayerNormalization", "Embedding",
)  # fmt: skip
# The classes tried, in order, for the layer a weighted TimeDistributed row wraps.
_TIME_DISTRIBUTED_GUESSES = ("Dense", "Conv2D", "Conv1D", "Conv3D")


def _solve_time_distributed(row: Row) -> LayerCode:
    """TimeDistributed: the wrapped layer solved per step (Dense or a convolution; weightless:
    Flatten or Dropout)."""
    out, inp = output_of(row), input_of(row)
    step_out = (out[0], *out[2:])
    step_in = (inp[0], *inp[2:]) if inp is not None else None
    inner_row = replace(row, outputs=(step_out,), inputs=(step_in,) if step_in else None)
    if row.params == 0:
        inner = solve(replace(inner_row, type=_weightless_step(step_in, step_out)))
    else:
        inner = _weighted_step(inner_row)
    shape = None
    if inner.input_shape is not None:
        shape = (inner.input_shape[0], out[1], *inner.input_shape[1:])
    return LayerCode(
        "TimeDistributed",
        (),
        (f"the wrapped layer is not shown; {inner.cls} fits the count per step",),
        inner=replace(inner, input_shape=None),
        input_shape=shape,
    )


def _weightless_step(step_in: Optional[Shape], step_out: Shape) -> str:
    """The weightless layer a TimeDistributed row wraps: a global pooling where each step's
    feature map becomes its channels (`(5, 5, 32)` to `(32,)`: the review of trial 83's item
    5's model), a Flatten where it becomes one axis of them all, else a Dropout."""
    if len(step_out) != 2 or step_in is None or len(step_in) <= 2:
        return "Dropout"
    keeps_channels = step_in[-1] is not None and step_in[-1] == step_out[-1]
    if 3 <= len(step_in) <= 5 and keeps_channels and any(side != 1 for side in step_in[1:-1]):
        return f"GlobalAveragePooling{len(step_in) - 2}D"  # (a 1×1 map: a Flatten alike)
    return "Flatten"


def _weighted_step(step: Row) -> LayerCode:
    """The first of Dense and the convolutions that gives a TimeDistributed row's step; an
    Embedding when the step adds an axis (token ids in, vectors out: the derivation's reading)."""
    step_in, step_out = input_of(step), output_of(step)
    adds_axis = step_in is not None and len(step_out) == len(step_in) + 1
    for guess in ("Embedding",) if adds_axis else _TIME_DISTRIBUTED_GUESSES:
        try:
            return SOLVERS[guess](replace(step, type=guess))
        except (Unsolved, KeyError, IndexError):
            continue
    raise Unsolved("no Dense or convolution gives the count per step")


def _table() -> dict[str, Solver]:
    table: dict[str, Solver] = {
        INPUT_LAYER: solve_input_layer,
        "Dense": solve_dense,
        "TimeDistributedDense": solve_dense,
        "Embedding": solve_embedding,
        "BatchNormalization": solve_batch_norm,
        "SyncBatchNormalization": solve_batch_norm,
        "BatchNormalizationV1": solve_batch_norm,
        "BatchNormalizationV2": solve_batch_norm,
        "LayerNormalization": solve_layer_norm,
        "RMSNormalization": solve_rms_norm,
        "GroupNormalization": solve_group_norm,
        "InstanceNormalization": solve_instance_norm,
        "Normalization": solve_normalization,
        "Bidirectional": solve_bidirectional,
        "TimeDistributed": _solve_time_distributed,
        "MultiHeadAttention": solve_mha,
        "Attention": solve_attention,
        "AdditiveAttention": solve_additive_attention,
        "PReLU": solve_prelu,
        "Flatten": solve_flatten,
        "Reshape": solve_reshape,
        "Permute": solve_permute,
        "RepeatVector": solve_repeat_vector,
        "Lambda": solve_lambda,
        "Resizing": solve_resizing,
        "CenterCrop": solve_resizing,
    }
    for name in (
        "SimpleRNN", "LSTM", "GRU", "LSTMV1", "GRUV1", "UnifiedLSTM", "CuDNNLSTM", "CuDNNGRU",
    ):  # fmt: skip
        table[name] = solve_rnn
    for name in (*MERGES, "Merge"):
        table[name] = solve_merge
    for name in (*SAME_SHAPE_DEFAULTS, "ThresholdedReLU"):
        table[name] = solve_same_shape
    for dim in ("1D", "2D", "3D"):
        for name in (f"Conv{dim}", f"Convolution{dim}", f"AtrousConvolution{dim}"):
            table[name] = solve_conv
        for name in (f"Conv{dim}Transpose", f"Deconvolution{dim}"):
            table[name] = solve_conv
        table[f"SeparableConv{dim}"] = solve_separable
        table[f"SeparableConvolution{dim}"] = solve_separable
        table[f"DepthwiseConv{dim}"] = solve_depthwise
        table[f"ConvLSTM{dim}"] = solve_conv_lstm
        for kind in ("Max", "Average"):
            table[f"{kind}Pooling{dim}"] = solve_pooling
            table[f"Global{kind}Pooling{dim}"] = solve_global_pooling
        for short in ("MaxPool", "AvgPool"):
            table[f"{short}{dim}"] = solve_pooling
            table[f"Global{short}{dim}"] = solve_global_pooling
        table[f"UpSampling{dim}"] = solve_up_sampling
        table[f"ZeroPadding{dim}"] = solve_zero_padding
        table[f"Cropping{dim}"] = solve_cropping
    return table


SOLVERS: dict[str, Solver] = _table()
"""One solver per layer class a summary can show (Keras 1, 2 and 3 names)."""


def classes_starting(prefix: str) -> list[str]:
    """Every solvable class a name cut to this prefix can be (for rows whose class was cut)."""
    return sorted(name for name in SOLVERS if prefix and name.startswith(prefix))


def is_solvable(type_name: str) -> bool:
    """Tell whether a layer class has a solver (built-in Keras layers)."""
    return type_name in SOLVERS


def solve(row: Row) -> LayerCode:
    """The Keras 3 call for one row; raises Unsolved when no arguments give its count and shape."""
    solver = SOLVERS.get(row.type)
    if solver is None:
        raise Unsolved(f"{row.type} is not a Keras layer")
    try:
        code = solver(row)
    except (IndexError, TypeError, ZeroDivisionError, StopIteration) as exc:
        raise Unsolved(f"the printed shapes do not fit a {row.type} ({exc})") from None
    if row.inputs is None and code.input_shape is None and code.cls in SHAPE_KEEPING:
        code = replace(code, input_shape=output_of(row))
    if row.type in KERAS3_CLASS and row.type not in _SAYS_ITS_OWN_CLASS:
        code = code.with_note(f"Keras 1/2 {row.type} is {keras3_class(row.type)} in Keras 3")
    return code


# Classes whose solver's note says what Keras 3 class stands for them (an add-on's, no Keras 1/2
# layer: tensorflow-addons' and keras-contrib's InstanceNormalization)
_SAYS_ITS_OWN_CLASS = ("Merge", "InstanceNormalization")


def _values(shape: Shape) -> Optional[int]:
    """The values per sample of a shape whose axes are all known, or None."""
    if any(axis is None for axis in shape[1:]):
        return None
    return prod(axis for axis in shape[1:] if axis is not None)


def guess_type(row: Row, single_input: bool) -> Optional[str]:
    """The most common built-in class that gives a row whose class the print cut off."""
    ins, outs = row.inputs or (), row.outputs or ()
    if not outs:
        return None
    if row.params == 0:
        if not ins:
            return INPUT_LAYER
        if len(ins) > 1:
            if all(tuple(s) == tuple(outs[0]) for s in ins):
                return "Add"
            if _dot_gives(ins, outs[0]) and not _concatenation_gives(ins, outs[0]):
                return "Dot"  # (60d's 002: PointNet's points times its 3 × 3 transform)
            return "Concatenate"
        if tuple(ins[0]) == tuple(outs[0]):
            return "Dropout"
        rank = len(ins[0]) - 2
        if 1 <= rank <= 3 and len(outs[0]) == 2 and outs[0][-1] == ins[0][-1]:
            return f"GlobalAveragePooling{rank}D"
        grows = any(
            o > i for i, o in zip(ins[0][1:], outs[0][1:]) if i is not None and o is not None
        )
        if 1 <= rank <= 3 and len(outs[0]) == len(ins[0]) and not grows:
            return f"MaxPooling{rank}D"
        if len(outs[0]) == 2:
            return "Flatten"
        # (82e's 008: a depth-to-space row, (8, 8, 1024) to (16, 16, 256): as many values)
        return "Reshape" if _values(ins[0]) == _values(outs[0]) is not None else None
    if not single_input or len(ins) > 1:
        return None
    for guess in _GUESSES:
        try:
            SOLVERS[guess](replace(row, type=guess))
        except (Unsolved, IndexError, TypeError, ZeroDivisionError):
            continue
        return guess
    return None


def _concatenation_gives(ins: Sequence[Shape], out: Shape) -> bool:
    """Tell whether joining the inputs along some axis of known sizes gives the output shape."""
    rank = len(out)
    if any(len(shape) != rank for shape in ins):
        return False
    for axis in range(1, rank):
        sizes = [shape[axis] for shape in ins]
        rest = {tuple(shape[:axis]) + tuple(shape[axis + 1 :]) for shape in ins}
        if rest == {tuple(out[:axis]) + tuple(out[axis + 1 :])} and (
            None not in sizes and sum(size or 0 for size in sizes) == out[axis]
        ):
            return True  # (an axis of unknown size would take any input: no evidence)
    return False


def _dot_gives(ins: Sequence[Shape], out: Shape) -> bool:
    """Tell whether Dot over one axis of each of two inputs gives the output shape."""
    return len(ins) == 2 and tuple(out) in [tuple(shape) for shape in dot_outputs(*ins)]


def placeholder(row: Row, non_trainable: int, why: str) -> LayerCode:
    """A marked placeholder layer with the row's count and output shapes."""
    cls = row.type if row.type.isidentifier() and row.type != PLACEHOLDER_BASE else "UnknownLayer"
    return LayerCode(
        cls,
        notes=(why,),
        placeholder=True,
        outputs=row.outputs,
        trainable_size=row.params - non_trainable,
        non_trainable=non_trainable,
    )


__all__ = [
    "KERAS3_CLASS",
    "MODEL_CLASSES",
    "MULTI_INPUT",
    "SOLVERS",
    "LayerCode",
    "Row",
    "Unsolved",
    "classes_starting",
    "guess_type",
    "is_solvable",
    "iter_notes",
    "keras3_class",
    "placeholder",
    "solve",
]
