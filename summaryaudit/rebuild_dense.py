"""Solve Dense and Embedding rows: units, input size and bias from the count."""

from __future__ import annotations

from dataclasses import replace

from .adapters import lora_rank
from .dialects import Era
from .rebuild_args import count_text, input_of, int_div, no_bias_arg, output_of
from .rebuild_row import LayerCode, Row, Unsolved


def solve_dense(row: Row) -> LayerCode:
    """Dense(units): the input size from the input row, else solved from the count."""
    out = output_of(row)
    u, p = out[-1], row.params
    if not u:
        raise Unsolved("the units are not printed")
    inp = input_of(row)
    d = inp[-1] if inp is not None and len(inp) >= 2 else None
    if d is None:
        for bias in (1, 0):
            dd = int_div(p - bias * u, u)
            if dd:
                code = LayerCode("Dense", (("", str(u)), *no_bias_arg(bias)))
                return replace(
                    code,
                    input_shape=(*out[:-1], dd),
                    notes=(
                        f"input size {dd} solved from the count (the input row is not printed)",
                    ),
                )
        raise Unsolved(f"{count_text(p)} is not a multiple of {u} units")
    if p == d * u + u:
        return LayerCode("Dense", (("", str(u)),))
    if p == d * u:
        return LayerCode("Dense", (("", str(u)), *no_bias_arg(0)))
    lora = lora_rank(p, d, u) if row.era == Era.KERAS3 else None
    if lora is not None:
        r, bias = lora
        return LayerCode(
            "Dense",
            (("", str(u)), *no_bias_arg(bias), ("lora_rank", str(r))),
            (f"LoRA rank {r} solved from the count: {d} × {u} frozen kernel + {r} × ({d} + {u})",),
            non_trainable=d * u,
        )
    raise Unsolved(f"{count_text(p)} ≠ {d} × {u} (+ {u})")


def solve_embedding(row: Row) -> LayerCode:
    """Embedding(vocabulary, width): the vocabulary is the count over the width."""
    out = output_of(row)
    e = out[-1]
    v = int_div(row.params, e or 0)
    if not v:
        raise Unsolved(f"{count_text(row.params)} is not a multiple of the width {e}")
    code = LayerCode("Embedding", (("", str(v)), ("", str(e))))
    inp = input_of(row)
    if inp is not None and len(inp) + 1 != len(out):
        raise Unsolved("an Embedding adds one axis to its input")
    if inp is None:
        code = replace(code, input_shape=tuple(out[:-1]))
    return replace(code, input_dtype="int32")


__all__ = ["solve_dense", "solve_embedding"]
