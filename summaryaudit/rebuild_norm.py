"""Solve normalisation and PReLU rows: layers whose weights are the size of some axes."""

from __future__ import annotations

import itertools
import math
from typing import Optional

from .rebuild_args import axis_src, count_text, int_div, output_of
from .rebuild_row import Args, LayerCode, Row, Unsolved
from .records import Shape
from .shapes import channel_axis

# (weights per normalised unit, arguments, non-trainable weights per unit)
_BN_VARIANTS: tuple[tuple[int, Args, int], ...] = (
    (4, (), 2),
    (3, (("scale", "False"),), 2),
    (2, (("center", "False"), ("scale", "False")), 2),
    (7, (("renorm", "True"),), 5),
)


def solve_batch_norm(row: Row) -> LayerCode:
    """BatchNormalization: which axis and which of scale/center the count implies."""
    out = output_of(row)
    rank = len(out)
    expected = channel_axis(rank, row.channels_first, row.frames)
    axes = [expected, *(a for a in range(rank - 1, 0, -1) if a != expected)]
    for factor, extra, nt in _BN_VARIANTS:
        n = int_div(row.params, factor)
        if not n:
            continue
        for axis in axes:
            if out[axis] != n:
                continue
            args: Args = (("axis", axis_src(axis, rank)),) if axis != rank - 1 else ()
            notes: tuple[str, ...] = ()
            if axis != expected:  # (the default axis=-1 on channels_first data too: 84e's 008)
                notes = (
                    f"the count {count_text(row.params)} = {factor} × {n} normalises axis "
                    f"{axis_src(axis, rank)} (size {n}), not the channels",
                )
            if factor == 3:
                notes += ("scale=False or center=False give the same count; scale=False chosen",)
            return LayerCode("BatchNormalization", args + extra, notes, non_trainable=nt * n)
    raise Unsolved(f"{count_text(row.params)} is not 4 (3, 2, 7) × the size of any axis")


def _subset_axes(shape: Shape, total: int) -> Optional[tuple[int, ...]]:
    """The axes (into the shape with batch) whose sizes multiply to total; last axes first."""
    rank = len(shape)
    dims = list(range(1, rank))
    for size in range(1, rank):
        for combo in itertools.combinations(reversed(dims), size):
            sizes = [shape[a] for a in combo]
            if all(sizes) and math.prod(sizes) == total:  # type: ignore[arg-type]
                return tuple(sorted(combo))
    return None


def _axis_arg(axes: tuple[int, ...], rank: int) -> Args:
    if axes == (rank - 1,):
        return ()
    if len(axes) == 1:
        return (("axis", axis_src(axes[0], rank)),)
    return (("axis", "[" + ", ".join(axis_src(a, rank) for a in axes) + "]"),)


def solve_layer_norm(row: Row) -> LayerCode:
    """LayerNormalization: the normalised axes and center/scale from the count."""
    out = output_of(row)
    if row.params == 0:
        return LayerCode("LayerNormalization", (("center", "False"), ("scale", "False")))
    for factor, extra in ((2, ()), (1, (("center", "False"),))):
        n = int_div(row.params, factor)
        axes = _subset_axes(out, n) if n else None
        if axes:
            return LayerCode("LayerNormalization", _axis_arg(axes, len(out)) + extra)
    raise Unsolved(f"{count_text(row.params)} is not 2 × the size of normalised axes")


def solve_rms_norm(row: Row) -> LayerCode:
    """RMSNormalization: the normalised axes are those whose sizes make the count."""
    out = output_of(row)
    axes = _subset_axes(out, row.params)
    if not axes:
        raise Unsolved("the count is not the size of any axes")
    return LayerCode("RMSNormalization", _axis_arg(axes, len(out)))


def solve_group_norm(row: Row) -> LayerCode:
    """GroupNormalization: the count fixes center only; a group count that divides is chosen."""
    out = output_of(row)
    axis = channel_axis(len(out), row.channels_first, row.frames)
    c = out[axis] or 0
    for factor, extra in ((2, ()), (1, (("center", "False"),))):
        if row.params == factor * c:
            groups = next(g for g in (32, 16, 8, 4, 2, 1) if c % g == 0)
            args = (
                (("groups", str(groups)),)
                + ((("axis", str(axis)),) if axis < len(out) - 1 else ())
                + extra
            )
            return LayerCode(
                "GroupNormalization",
                args,
                (f"the number of groups never changes the count; {groups} divides {c} channels",),
            )
    raise Unsolved("not 2 × the channels")


def solve_instance_norm(row: Row) -> LayerCode:
    """InstanceNormalization (tensorflow-addons, keras-contrib): Keras 3's GroupNormalization
    of one channel per group; the count fixes center and scale."""
    out = output_of(row)
    axis = channel_axis(len(out), row.channels_first, row.frames)
    c = out[axis] or 0
    off = ("center", "False"), ("scale", "False")
    for factor, extra in ((2, ()), (1, off[:1]), (0, off)):
        if row.params == factor * c:
            args = (
                (("groups", "-1"),)
                + ((("axis", str(axis)),) if axis < len(out) - 1 else ())
                + extra
            )
            return LayerCode(
                "GroupNormalization",
                args,
                (
                    "tensorflow-addons' and keras-contrib's InstanceNormalization: Keras 3's "
                    "GroupNormalization with one channel per group (groups=-1)",
                ),
            )
    raise Unsolved("not 2 × the channels")


def solve_normalization(row: Row) -> LayerCode:
    """Normalization: adapted (mean, variance and count) or given its statistics."""
    out = output_of(row)
    if row.params == 0:
        return LayerCode(
            "Normalization",
            (("mean", "0.0"), ("variance", "1.0")),
            ("no weights: mean and variance were passed in (their values are not shown)",),
        )
    n = int_div(row.params - 1, 2)
    if row.params == 3:
        return LayerCode("Normalization", (("axis", "None"),), non_trainable=3)
    axes = _subset_axes(out, n) if n else None
    if not axes:
        raise Unsolved("not 2 × the size of some axes + 1")
    return LayerCode("Normalization", _axis_arg(axes, len(out)), non_trainable=row.params)


def solve_prelu(row: Row) -> LayerCode:
    """PReLU: one weight per kept axis; every other axis is shared."""
    out = output_of(row)
    kept = _subset_axes(out, row.params)
    if kept is None:
        raise Unsolved("the count is not the size of any axes")
    shared = [a for a in range(1, len(out)) if a not in kept]
    if not shared:
        return LayerCode("PReLU")
    return LayerCode("PReLU", (("shared_axes", "[" + ", ".join(map(str, shared)) + "]"),))


__all__ = [
    "solve_batch_norm",
    "solve_group_norm",
    "solve_layer_norm",
    "solve_normalization",
    "solve_prelu",
    "solve_rms_norm",
]
