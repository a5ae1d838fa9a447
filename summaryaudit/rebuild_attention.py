"""Solve attention rows: MultiHeadAttention heads × key_dim, Attention and AdditiveAttention."""

from __future__ import annotations

from .rebuild_args import int_div, no_bias_arg, output_of
from .rebuild_row import Args, CallStyle, LayerCode, Row, Unsolved
from .shapes import attention_heads

_COMMON_HEADS = (8, 4, 2, 12, 16, 1, 6, 3)
# Attention's weights → the arguments that give them
_ATTENTION_ARGS: dict[int, Args] = {
    0: (),
    1: (("use_scale", "True"),),
    2: (("use_scale", "True"), ("score_mode", '"concat"')),
}


def solve_mha(row: Row) -> LayerCode:
    """MultiHeadAttention: heads × key_dim from the count and the query/value/key widths."""
    out = output_of(row)
    ins = row.inputs or ()
    if len(ins) < 2:
        raise Unsolved("MultiHeadAttention needs the query and value shapes (Connected to)")
    dq, dv = ins[0][-1], ins[1][-1]
    dk = ins[2][-1] if len(ins) > 2 else dv
    dout = out[-1]
    if not (dq and dv and dk and dout):
        raise Unsolved("the attention widths are not printed")
    for bias in (1, 0):
        hk = int_div(row.params - bias * dout, dq + dk + 2 * bias + dv + dout + bias)
        if not hk:
            continue
        shown = attention_heads(row.outputs)
        if shown and hk % shown == 0:
            heads, why = shown, f"{shown} heads from the scores' shape"
        else:
            heads = next((h for h in _COMMON_HEADS if hk % h == 0), 1)
            why = f"{heads} heads of {hk // heads} chosen"
        args = [("num_heads", str(heads)), ("key_dim", str(hk // heads))]
        if dout != dq:
            args.append(("output_shape", str(dout)))
        args.extend(no_bias_arg(bias))
        return LayerCode(
            "MultiHeadAttention",
            tuple(args),
            (f"only heads × key_dim = {hk} follows from the count; {why}",),
            # two outputs printed: the attention scores beside the output (16b's 015)
            call_style=(
                CallStyle.ATTENTION_SCORES
                if row.outputs is not None and len(row.outputs) == 2
                else CallStyle.ATTENTION
            ),
        )
    raise Unsolved("no heads × key_dim gives the count")


def solve_attention(row: Row) -> LayerCode:
    """Attention: 0, 1 or 2 weights say which of use_scale and score_mode='concat' are on."""
    if row.params not in _ATTENTION_ARGS:
        raise Unsolved("Attention has 0, 1 or 2 weights")
    notes = (
        ("use_scale=True and score_mode='concat' each give 1; use_scale chosen",)
        if row.params == 1
        else ()
    )
    return LayerCode("Attention", _ATTENTION_ARGS[row.params], notes, call_style=CallStyle.LIST)


def solve_additive_attention(row: Row) -> LayerCode:
    """AdditiveAttention: a scale per unit of width, or none."""
    width = output_of(row)[-1]
    if row.params == width:
        return LayerCode("AdditiveAttention", (), call_style=CallStyle.LIST)
    if row.params == 0:
        return LayerCode("AdditiveAttention", (("use_scale", "False"),), call_style=CallStyle.LIST)
    raise Unsolved("AdditiveAttention has the width or 0 weights")


__all__ = ["solve_additive_attention", "solve_attention", "solve_mha"]
