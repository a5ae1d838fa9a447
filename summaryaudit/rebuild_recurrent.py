"""Solve recurrent rows (SimpleRNN, LSTM, GRU) and Bidirectional: units, bias, input size."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from .dialects import Era
from .rebuild_args import count_text, input_of, int_div, no_bias_arg, output_of
from .rebuild_classes import keras3_class
from .rebuild_row import Args, LayerCode, Row, Unsolved

_GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}
_CUDNN = ("CuDNNLSTM", "CuDNNGRU")
# Eras whose GRU defaults to reset_after=False (one bias per gate row)
_RESET_BEFORE_ERAS = (Era.KERAS0, Era.KERAS1_0, Era.KERAS1, Era.KERAS2)


def _rnn_variants(cls: str, era: str) -> list[tuple[int, Args]]:
    """(bias units per gate, extra arguments) per configuration, the era's default first."""
    if cls != "GRU":
        return [(1, ()), (0, no_bias_arg(0))]
    after: tuple[int, Args] = (2, ())
    before: tuple[int, Args] = (1, (("reset_after", "False"),))
    first, second = (before, after) if era in _RESET_BEFORE_ERAS else (after, before)
    return [first, second, (0, no_bias_arg(0))]


def _rnn_count(cls: str, bias: int, d: int, u: int) -> int:
    return _GATES[cls] * u * (d + u + bias)


def solve_rnn(row: Row, cls: Optional[str] = None, units: Optional[int] = None) -> LayerCode:
    """An RNN layer of this row's class (or cls, with units, inside a Bidirectional)."""
    source = row.type
    cls = cls or keras3_class(source)
    outs = row.outputs or ()
    if not outs:
        raise Unsolved("the output shape is not printed")
    out = outs[0]
    u = units or out[-1]
    if not u:
        raise Unsolved("the units are not printed")
    inp = input_of(row)
    d = inp[-1] if inp is not None and len(inp) == 3 else None
    extra: Args = ()
    if len(out) == 3:
        extra += (("return_sequences", "True"),)
    if len(outs) > 1 and units is None:
        extra += (("return_state", "True"),)
    notes: tuple[str, ...] = ()
    for bias, args in _rnn_variants(cls, row.era):
        if d is not None:
            if _rnn_count(cls, bias, d, u) == row.params:
                return LayerCode(cls, (("", str(u)), *args, *extra), notes)
            continue
        dd = int_div(row.params, _GATES[cls] * u)
        if dd and dd - u - bias >= 1:
            steps = out[1] if len(out) == 3 else None
            return LayerCode(
                cls,
                (("", str(u)), *args, *extra),
                (*notes, f"input size {dd - u - bias} solved from the count"),
                input_shape=(None, steps, dd - u - bias),
            )
    if source in _CUDNN and d is not None:
        keras3 = _rnn_count(cls, _rnn_variants(cls, Era.KERAS3)[0][0], d, u)
        note = (
            f"{source} had a second bias: Keras 3 {cls} has fewer weights than this row "
            f"({count_text(keras3)} against {count_text(row.params)})"
        )
        return LayerCode(cls, (("", str(u)), *extra), (note,), other_count=True)
    raise Unsolved(f"no {cls} configuration gives {count_text(row.params)}")


def solve_bidirectional(row: Row) -> LayerCode:
    """Bidirectional: the first of LSTM, GRU, SimpleRNN whose two copies give the count."""
    out = output_of(row)
    width = out[-1] or 0
    half = int_div(row.params, 2)
    if not half:
        raise Unsolved("a Bidirectional count is even")
    inner_row = replace(row, params=half, outputs=(out,))
    for mode, units in (("concat", int_div(width, 2)), ("sum", width)):
        if not units:
            continue
        for cls in ("LSTM", "GRU", "SimpleRNN"):
            try:
                inner = solve_rnn(inner_row, cls, units)
            except Unsolved:
                continue
            if len(row.outputs or ()) >= 3 and len(row.outputs or ()) % 2:
                # one merged output, then each direction's states (49c's 009)
                inner = replace(inner, args=(*inner.args, ("return_state", "True")))
            args = (("merge_mode", f'"{mode}"'),) if mode != "concat" else ()
            notes: tuple[str, ...] = (
                f"the wrapped layer is not shown; {cls}({units}) is the first of LSTM, GRU, "
                "SimpleRNN that gives the count",
            )
            if mode != "concat":
                notes += ("sum, mul and ave give the same count and shape; sum chosen",)
            return LayerCode(
                "Bidirectional", args, notes, inner=inner, input_shape=inner.input_shape
            )
    cudnn = _cudnn_inner(inner_row, width)
    if cudnn is not None:
        return LayerCode("Bidirectional", (), (), inner=cudnn)
    raise Unsolved("no LSTM, GRU or SimpleRNN gives half the count")


def _cudnn_inner(inner_row: Row, width: int) -> Optional[LayerCode]:
    """The wrapped layer of a tf.keras Bidirectional(CuDNNLSTM(u)) (concat): the count of two
    double-bias copies; Keras 3 has only LSTM, one bias short per gate row."""
    inp = input_of(inner_row)
    units = int_div(width, 2)
    if inp is None or len(inp) != 3 or not inp[-1] or not units:
        return None
    if _rnn_count("LSTM", 2, inp[-1], units) != inner_row.params:
        return None
    inner = solve_rnn(replace(inner_row, type="CuDNNLSTM"), "LSTM", units)
    keras3 = _rnn_count("LSTM", 1, inp[-1], units)
    note = (
        f"the wrapped layer was CuDNNLSTM({units}), with a second bias: Keras 3 LSTM has fewer "
        f"weights (2 × {count_text(keras3)} against the row's {count_text(2 * inner_row.params)})"
    )
    return replace(inner, notes=(note,))


__all__ = ["solve_bidirectional", "solve_rnn"]
