"""Solve merge rows: Add and the other elementwise merges, Concatenate's axis, Dot's axes."""

from __future__ import annotations

from .rebuild_args import axis_src, output_of
from .rebuild_classes import keras3_class
from .rebuild_row import CallStyle, LayerCode, Row, Unsolved


def solve_merge(row: Row) -> LayerCode:
    """A merge layer; a Keras 1 Merge takes the mode its shapes show."""
    cls = keras3_class(row.type)
    if row.type == "Merge":
        return _keras1_merge(row)
    if cls == "Concatenate":
        return _concatenate(row)
    if cls == "Dot":
        return _dot(row)
    return LayerCode(cls, (), call_style=CallStyle.LIST)


def _keras1_merge(row: Row) -> LayerCode:
    out = output_of(row)
    ins = row.inputs or ()
    widths = [s[-1] for s in ins]
    if ins and all(tuple(s) == tuple(out) for s in ins):
        return LayerCode(
            "Add",
            (),
            ("Keras 1 Merge: its mode is not shown; equal shapes, so sum (Add)",),
            call_style=CallStyle.LIST,
        )
    if ins and sum(w or 0 for w in widths) == out[-1]:
        return LayerCode(
            "Concatenate",
            (),
            ("Keras 1 Merge: its mode is not shown; concat fits the shape",),
            call_style=CallStyle.LIST,
        )
    raise Unsolved("the Merge mode does not follow from the shapes")


def _concatenate(row: Row) -> LayerCode:
    out = output_of(row)
    ins = row.inputs or ()
    rank = len(out)
    for axis in [rank - 1, *range(1, rank - 1)]:
        if len(ins) >= 2 and all(len(s) == rank for s in ins):
            sizes = [s[axis] for s in ins]
            if all(sizes) and sum(sizes) == out[axis]:
                args = (("axis", axis_src(axis, rank)),) if axis != rank - 1 else ()
                return LayerCode("Concatenate", args, call_style=CallStyle.LIST)
    return LayerCode("Concatenate", (), call_style=CallStyle.LIST)


def _dot(row: Row) -> LayerCode:
    ins = row.inputs or ()
    if len(ins) != 2:
        raise Unsolved("Dot takes two inputs")
    a, b = ins
    for i in range(1, len(a)):
        for j in range(1, len(b)):
            if a[i] == b[j]:
                return LayerCode("Dot", (("axes", f"({i}, {j})"),), call_style=CallStyle.LIST)
    raise Unsolved("no axes of the inputs agree")


__all__ = ["solve_merge"]
