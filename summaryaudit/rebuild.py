"""Rebuild runnable Keras 3 code from a parsed summary: same layers, order, shapes and counts."""

from __future__ import annotations

from typing import Optional, Union

from .rebuild_emit import ModuleWriter
from .rebuild_frozen import freeze
from .rebuild_hidden import synthesise_inner
from .rebuild_node import RebuildError
from .rebuild_refs import Ref, parse_ref, refs_of
from .rebuild_rows import printed_outputs, solve_rows
from .records import Summary


def incomplete_reason(summary: Summary) -> Optional[str]:
    """Why a summary's table cannot be rebuilt exactly (None when it is complete)."""
    if summary.cropped:
        return "the table is cropped"
    if summary.unreadable:
        return "some rows could not be read"
    if not summary.layers:
        return "no rows"
    for layer in summary.layers:
        if "/" in layer.name:
            # tf.keras's name scopes (`encoder_0/multiheadattention`); Keras 3 refuses the `/`
            return f"the name {layer.name} holds '/', which Keras 3 refuses in a layer's name"
        if layer.params_cut:
            return f"the count of {layer.name} is cut by its column ({layer.params_cut}…)"
        if layer.params is None or layer.params_note in ("unbuilt", "unused"):
            return f"{layer.name} has no count (unbuilt or unused layer)"
        outputs = printed_outputs(layer)
        if outputs is not None and any(not shape for shape in outputs):
            return f"the output of {layer.name} is a scalar (), which no Keras 3 stand-in prints"
        if layer.output_shape.startswith("{") and layer.output_shape.endswith("}"):
            # (a dict of one output is read as its shape, but no Keras 3 stand-in returns one)
            return f"the output of {layer.name} is a dict ({layer.output_shape})"
        if outputs is None:
            if layer.output_shape[:1].isalpha() and layer.output_shape.endswith(")"):
                # `EncoderOutputWithPooling(last_hidden_state=(None, 8), …)`: a model output's
                # repr (28a's 004, a Hugging Face encoder)
                return (
                    f"the output of {layer.name} is a structure of outputs ({layer.output_shape})"
                )
            return f"the output shape of {layer.name} is not printed in full ({layer.output_shape})"
    total = summary.totals.total
    if total is None or total.value is None:
        return "no Total params line"
    optimizer = summary.totals.optimizer.value if summary.totals.optimizer is not None else 0
    rows = sum(layer.params or 0 for layer in summary.layers if layer.depth == 0)
    if rows != total.value - (optimizer or 0):
        return (
            f"the rows add up to {rows:,}, not Total params {total.value:,} (a layer_range "
            "slice, weights shared between rows, or a freeze after compile)"
        )
    return None


def rebuild(summary: Union[Summary, str]) -> str:
    """Return a runnable Keras 3 module whose build_model() rebuilds the summary's model.

    `summary` is a parsed Summary or text holding one (the first summary found is used).
    Raises RebuildError when there is no table to rebuild.
    """
    if isinstance(summary, str):
        from .api import parse_text

        found = parse_text(summary)
        if not found:
            raise RebuildError("no Keras model.summary() table was found")
        summary = found[0]
    if not summary.layers:
        raise RebuildError("the summary has no readable rows")
    top = solve_rows(summary)
    notes = freeze(summary, top)
    return ModuleWriter(summary).module(top, notes)


__all__ = [
    "RebuildError",
    "Ref",
    "incomplete_reason",
    "parse_ref",
    "rebuild",
    "refs_of",
    "synthesise_inner",
]
