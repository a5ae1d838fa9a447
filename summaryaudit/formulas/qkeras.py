"""QKeras's quantized layers: a Keras layer's weights, quantized as they are used."""

from __future__ import annotations

from typing import Callable

from ..records import replace
from .common import Derivation, LayerFacts

# Each QKeras class and the Keras class whose weights it holds: its quantizers are functions
# applied in the forward pass and hold no weights of their own (45e's 008, 009: `QConv2D` was
# read as a misspelt Conv2D, 'no Keras class is spelled QConv2D').
BASES = {
    "QDense": "Dense",
    "QConv1D": "Conv1D",
    "QConv2D": "Conv2D",
    "QConv2DTranspose": "Conv2DTranspose",
    "QDepthwiseConv2D": "DepthwiseConv2D",
    "QSeparableConv1D": "SeparableConv1D",
    "QSeparableConv2D": "SeparableConv2D",
    "QBatchNormalization": "BatchNormalization",
    "QSimpleRNN": "SimpleRNN",
    "QLSTM": "LSTM",
    "QGRU": "GRU",
    "QBidirectional": "Bidirectional",
}
# QKeras's layers that hold no weights, with the reason a learner reads
WEIGHTLESS = {
    "QActivation": "QKeras's quantized activation: it applies a fixed function to each value",
    "QAveragePooling2D": "QKeras's quantized average pooling: it only averages each window",
    "QGlobalAveragePooling2D": (
        "QKeras's quantized global average pooling: it only averages all positions of each channel"
    ),
}

Deriver = Callable[[LayerFacts], Derivation]


def qkeras_layer(facts: LayerFacts, derive: Deriver) -> Derivation:
    """A QKeras row: the weights of the Keras class it quantizes, said as QKeras's."""
    base = BASES[facts.type]
    found = derive(facts._replace(type=base))
    said = f"QKeras's {facts.type} holds the weights a {base} holds (its quantizers hold none)"
    return replace(found, text=f"{said}: {found.text}")
