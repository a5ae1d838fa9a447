"""Layers for a nested model whose rows were not printed: a common stack, else one stand-in."""

from __future__ import annotations

from typing import Optional

from .rebuild_node import Node
from .rebuild_row import Args, LayerCode
from .records import Layer, Shape

_Stack = list[tuple[str, Args]]  # (class, arguments) per layer


def synthesise_inner(owner: Node) -> list[Node]:
    """Layers for a nested model whose rows were not printed: built-in layers when a common
    stack gives the count, shapes and non-trainable weights; else one marked stand-in."""
    p, hidden_nt = owner.params, owner.hidden_non_trainable
    inp = owner.inputs[0] if owner.inputs else None
    out = owner.outputs[0] if owner.outputs else None
    note = (
        f"the summary does not print the layers of `{owner.layer.name}`; this stack is one "
        "choice with the same count and shapes"
    )
    if inp is not None and out is not None and all(inp[1:]) and all(out[1:]):
        stack = _dense_stack(inp, out, p, hidden_nt)
        if stack is not None:
            return [
                Node(-1, Layer(name="", type=cls, output_shape="", params=None, line=0),
                     LayerCode(cls, args, (note,) if i == 0 else ()), None, None)
                for i, (cls, args) in enumerate(stack)
            ]  # fmt: skip
    stand_in = LayerCode(
        "HiddenLayers",
        notes=(
            f"PLACEHOLDER: the layers of `{owner.layer.name}` are not printed; a stand-in keeps "
            "its count and output shape",
        ),
        placeholder=True,
        outputs=owner.outputs,
        trainable_size=p - hidden_nt,
        non_trainable=hidden_nt,
    )
    layer = Layer(name="", type="HiddenLayers", output_shape="", params=p, line=0)
    return [Node(-1, layer, stand_in, owner.inputs, owner.outputs)]


def _dense_stack(inp: Shape, out: Shape, p: int, nt: int) -> Optional[_Stack]:
    """Dense / BatchNormalization stacks (after a Flatten when needed) with this count."""
    flatten = len(out) == 2 and len(inp) > 2
    if not flatten and tuple(inp[:-1]) != tuple(out[:-1]):
        return None
    dims = inp[1:] if flatten else inp[-1:]
    o = out[-1]
    if o is None or any(dim is None for dim in dims):
        return None  # an unknown size: no count pins the stack
    d = 1
    for dim in dims:
        d *= dim or 1
    pre: _Stack = [("Flatten", ())] if flatten else []

    def dense(units: int) -> tuple[str, Args]:
        return ("Dense", (("", str(units)),))

    bn: tuple[str, Args] = ("BatchNormalization", ())
    if p == d * o + o and nt == 0:
        return [*pre, dense(o)]
    if p == d * o + 5 * o and nt == 2 * o:
        return [*pre, dense(o), bn]
    if nt == 0 and (p - o) % (d + 1 + o) == 0 and p > o:
        return [*pre, dense((p - o) // (d + 1 + o)), dense(o)]
    if nt % 2 == 0 and nt and p - o == (nt // 2) * (d + 5 + o):
        return [*pre, dense(nt // 2), bn, dense(o)]
    if nt == 2 * o and (p - 5 * o) % (d + 1 + o) == 0 and p > 5 * o:
        return [*pre, dense((p - 5 * o) // (d + 1 + o)), dense(o), bn]
    return None


__all__ = ["synthesise_inner"]
