"""QKeras's quantized layers: a Keras layer's weights, quantized as they are used."""

from __future__ import annotations

from typing import Callable

from ..layer_classes import QKERAS_BASES
from ..records import replace
from .common import Derivation, LayerFacts

Deriver = Callable[[LayerFacts], Derivation]


def qkeras_layer(facts: LayerFacts, derive: Deriver) -> Derivation:
    """A QKeras row: the weights of the Keras class it quantizes, said as QKeras's."""
    base = QKERAS_BASES[facts.type]
    found = derive(facts._replace(type=base))
    said = f"QKeras's {facts.type} holds the weights a {base} holds (its quantizers hold none)"
    return replace(found, text=f"{said}: {found.text}")
