"""The layer classes a rebuild knows: old and alias names to Keras 3, and families of classes."""

from __future__ import annotations

from .layer_classes import KERAS1_CLASS_NAMES, MERGES, SHORT_NAMES

# Old and alias class names → the Keras 3 class a rebuild uses (the Keras 3 summary prints it).
KERAS3_CLASS = {
    **KERAS1_CLASS_NAMES,
    "SeparableConvolution1D": "SeparableConv1D",
    **SHORT_NAMES,
    "LSTMV1": "LSTM",
    "GRUV1": "GRU",
    "UnifiedLSTM": "LSTM",
    "InstanceNormalization": "GroupNormalization",
    "CuDNNLSTM": "LSTM",
    "CuDNNGRU": "GRU",
    "SyncBatchNormalization": "BatchNormalization",
    "BatchNormalizationV1": "BatchNormalization",
    "BatchNormalizationV2": "BatchNormalization",
    "GroupQueryAttention": "GroupedQueryAttention",
    "Model": "Functional",
    "ThresholdedReLU": "ReLU",
    "Merge": "Concatenate",
}
MODEL_CLASSES = ("Sequential", "Functional", "Model")
INPUT_LAYER = "InputLayer"
PLACEHOLDER_BASE = "SummaryPlaceholder"  # the class a rebuilt module's stand-in layers derive from

# Layers with no weights whose arguments follow from the shapes alone (or take a stated default).
SAME_SHAPE_DEFAULTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Dropout": (("", "0.5"),),
    "SpatialDropout1D": (("", "0.5"),),
    "SpatialDropout2D": (("", "0.5"),),
    "SpatialDropout3D": (("", "0.5"),),
    "GaussianNoise": (("", "0.1"),),
    "GaussianDropout": (("", "0.1"),),
    "AlphaDropout": (("", "0.1"),),
    "Activation": (("", '"relu"'),),
    "ReLU": (),
    "LeakyReLU": (),
    "ELU": (),
    "Softmax": (),
    "Masking": (),
    "ActivityRegularization": (),
    "Identity": (),
    "UnitNormalization": (),
    "Rescaling": (("", "1.0 / 255"),),
    "RandomFlip": (),
    "RandomRotation": (("", "0.1"),),
    "RandomZoom": (("", "0.1"),),
    "RandomTranslation": (("", "0.1"), ("", "0.1")),
    "RandomContrast": (("", "0.1"),),
    "RandomBrightness": (("", "0.1"),),
}
# Keras layers a summary can show whose arguments the rebuild does not solve (a stand-in keeps
# the row), and Keras 1/2 layers Keras 3 dropped: a stand-in is said to be one of these, not a
# layer that is no Keras layer.
UNSOLVED_KERAS3 = frozenset(
    (
        "EinsumDense",
        "GroupQueryAttention",
        "GroupedQueryAttention",
        "RNN",
        "GRUCell",
        "LSTMCell",
        "SimpleRNNCell",
        "ReversibleEmbedding",
        "SpectralNormalization",
        "STFTSpectrogram",
    )
)
DROPPED_FROM_KERAS3 = frozenset(
    (
        "Highway",
        "MaxoutDense",
        "LocallyConnected1D",
        "LocallyConnected2D",
        "LocallyConnected3D",
        "SReLU",
        "ParametricSoftplus",
    )
)
SHAPE_KEEPING = (
    *SAME_SHAPE_DEFAULTS,
    "BatchNormalization",
    "LayerNormalization",
    "RMSNormalization",
    "GroupNormalization",
    "InstanceNormalization",
    "Normalization",
    "PReLU",
)
MULTI_INPUT = (
    *MERGES,
    "Merge",
    "Attention",
    "AdditiveAttention",
    "MultiHeadAttention",
    "GroupedQueryAttention",
)


def keras3_class(type_name: str) -> str:
    """The Keras 3 class a rebuild of this printed class uses (and a Keras 3 summary prints)."""
    return KERAS3_CLASS.get(type_name, type_name)


__all__ = [
    "INPUT_LAYER",
    "KERAS3_CLASS",
    "MODEL_CLASSES",
    "MULTI_INPUT",
    "PLACEHOLDER_BASE",
    "SAME_SHAPE_DEFAULTS",
    "SHAPE_KEEPING",
    "keras3_class",
]
