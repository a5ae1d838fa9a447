"""The audit's result for a summary: each row's derivation, the totals notes and the coverage."""

from __future__ import annotations

import dataclasses
from typing import Optional

from ..records import Layer, Summary
from .analysis import UNBUILT, UNUSED, Analysis
from .coverage import coverage
from .notes import explain_totals


def with_derivations(analysis: Analysis) -> Summary:
    """Return the summary with each layer's derivation text filled in."""
    layers = []
    for i, (layer, derivation) in enumerate(zip(analysis.layers, analysis.derivations)):
        text = derivation.text if derivation is not None else _no_derivation(layer)
        layers.append(
            dataclasses.replace(layer, derivation=text, inferred_type=i in analysis.inferred)
        )
    return dataclasses.replace(
        analysis.summary,
        layers=tuple(layers),
        notes=explain_totals(analysis),
        coverage=coverage(analysis),
    )


def _no_derivation(layer: Layer) -> Optional[str]:
    if layer.params_note == UNBUILT:
        return (
            "0 (unbuilt): Keras has not created this layer's weights yet, "
            "so there is nothing to count"
        )
    if layer.params_note == UNUSED:
        return "0 (unused): the layer was never called, so Keras created no weights for it"
    return None
