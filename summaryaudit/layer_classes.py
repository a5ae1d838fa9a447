"""Known Keras layer class names, used to complete class names that the print cut short."""

from __future__ import annotations

import functools
import re
from typing import Optional

# Every class name a summary row can show, across Keras 1, Keras 2 / tf.keras and Keras 3.
KNOWN_LAYER_CLASSES: tuple[str, ...] = (
    # core
    "InputLayer",
    "Dense",
    "EinsumDense",
    "Embedding",
    "Activation",
    "Dropout",
    "Flatten",
    "Reshape",
    "Permute",
    "RepeatVector",
    "Lambda",
    "Masking",
    "ActivityRegularization",
    "Identity",
    "TimeDistributedDense",
    "Highway",
    "MaxoutDense",
    "ReversibleEmbedding",
    # convolution
    "Conv1D",
    "Conv2D",
    "Conv3D",
    "Conv1DTranspose",
    "Conv2DTranspose",
    "Conv3DTranspose",
    "SeparableConv1D",
    "SeparableConv2D",
    "DepthwiseConv1D",
    "DepthwiseConv2D",
    "Convolution1D",
    "Convolution2D",
    "Convolution3D",
    "AtrousConvolution1D",
    "AtrousConvolution2D",
    "Deconvolution2D",
    "Deconvolution3D",
    "SeparableConvolution2D",
    "Conv2DTranspose",
    "LocallyConnected1D",
    "LocallyConnected2D",
    # pooling
    "MaxPooling1D",
    "MaxPooling2D",
    "MaxPooling3D",
    "AveragePooling1D",
    "AveragePooling2D",
    "AveragePooling3D",
    "GlobalMaxPooling1D",
    "GlobalMaxPooling2D",
    "GlobalMaxPooling3D",
    "GlobalAveragePooling1D",
    "GlobalAveragePooling2D",
    "GlobalAveragePooling3D",
    "AdaptiveAveragePooling1D",
    "AdaptiveAveragePooling2D",
    "AdaptiveAveragePooling3D",
    "AdaptiveMaxPooling1D",
    "AdaptiveMaxPooling2D",
    "AdaptiveMaxPooling3D",
    "MaxPool1D",
    "MaxPool2D",
    "MaxPool3D",
    "AvgPool1D",
    "AvgPool2D",
    "AvgPool3D",
    "GlobalMaxPool1D",
    "GlobalMaxPool2D",
    "GlobalAvgPool1D",
    "GlobalAvgPool2D",
    # reshaping
    "ZeroPadding1D",
    "ZeroPadding2D",
    "ZeroPadding3D",
    "Cropping1D",
    "Cropping2D",
    "Cropping3D",
    "UpSampling1D",
    "UpSampling2D",
    "UpSampling3D",
    # normalization
    "BatchNormalization",
    "BatchNormalizationV1",
    "BatchNormalizationV2",
    "SyncBatchNormalization",
    "LayerNormalization",
    "RMSNormalization",
    "GroupNormalization",
    "UnitNormalization",
    "SpectralNormalization",
    "Normalization",
    # recurrent
    "SimpleRNN",
    "LSTM",
    "GRU",
    "RNN",
    "Bidirectional",
    "TimeDistributed",
    "ConvLSTM1D",
    "ConvLSTM2D",
    "ConvLSTM3D",
    "CuDNNLSTM",
    "CuDNNGRU",
    "LSTMV1",
    "GRUV1",
    "StackedRNNCells",
    "SimpleRNNCell",
    "LSTMCell",
    "GRUCell",
    # attention
    "MultiHeadAttention",
    "Attention",
    "AdditiveAttention",
    "GroupQueryAttention",
    "GroupedQueryAttention",
    # activations
    "ReLU",
    "LeakyReLU",
    "PReLU",
    "ELU",
    "ThresholdedReLU",
    "Softmax",
    "SReLU",
    "ParametricSoftplus",
    "ThresholdedLinear",
    # noise / regularisation
    "SpatialDropout1D",
    "SpatialDropout2D",
    "SpatialDropout3D",
    "GaussianNoise",
    "GaussianDropout",
    "AlphaDropout",
    # merging
    "Add",
    "Subtract",
    "Multiply",
    "Average",
    "Maximum",
    "Minimum",
    "Concatenate",
    "Dot",
    "Merge",
    # preprocessing
    "Rescaling",
    "Resizing",
    "CenterCrop",
    "RandomFlip",
    "RandomRotation",
    "RandomZoom",
    "RandomTranslation",
    "RandomContrast",
    "RandomCrop",
    "RandomBrightness",
    "RandomHeight",
    "RandomWidth",
    "RandomErasing",
    "CategoryEncoding",
    "Hashing",
    "Discretization",
    "StringLookup",
    "IntegerLookup",
    "TextVectorization",
    "MelSpectrogram",
    "STFTSpectrogram",
    # models and TF-op wrappers
    "Sequential",
    "Functional",
    "Model",
    "TFOpLambda",
    "SlicingOpLambda",
    "TensorFlowOpLayer",
    "KerasLayer",
    "TimeDistributed",
)

_CLASSES = tuple(dict.fromkeys(KNOWN_LAYER_CLASSES))
_SNAKE_WORDS = re.compile(r"(.)([A-Z][a-z]+)")
_SNAKE_TAIL = re.compile(r"([a-z])([A-Z])")


def snake_case(class_name: str) -> str:
    """Return Keras' default name stem of a class (`BatchNormalization` → `batch_normalization`)."""
    # Keras' own rule (keras.src.utils.naming.to_snake_case): Conv2D → conv2d, ReLU → re_lu.
    return _SNAKE_TAIL.sub(r"\1_\2", _SNAKE_WORDS.sub(r"\1_\2", class_name)).lower()


def _name_stem(layer_name: str) -> str:
    return re.sub(r"(_\d+)+$", "", layer_name.rstrip("…")).lower()


@functools.lru_cache(maxsize=4096)
def resolve_class(printed: str, layer_name: str = "") -> tuple[str, bool]:
    """Return (full class name, was_cut) for a printed class name that may be cut mid-word.

    A complete known name is returned as is. A cut prefix (`BatchNorma`, `Batc`) is completed
    from the known classes, preferring the class whose default layer name matches the layer's
    name (`batch_normalization_v2` → `BatchNormalizationV2`). An unknown prefix is kept.
    """
    printed = re.sub(r"(?:…|\.\.\.)$", "", printed.strip())
    if not printed:
        guess = _class_from_name(layer_name)
        return (guess, True) if guess else ("", True)
    if printed in _CLASSES:
        return printed, False
    candidates = [c for c in _CLASSES if c.startswith(printed) and c != printed]
    if not candidates:
        return printed, False  # class identity is case-exact: kapre's Melspectrogram is its own
    stem = _name_stem(layer_name)
    for cand in candidates:
        if stem and (snake_case(cand) == stem or cand.lower() == stem.replace("_", "")):
            return cand, True
    if len({_DIMENSION.sub("", c) for c in candidates}) == 1 and len(candidates) > 1:
        return "", True  # 1D, 2D or 3D: only the shapes can tell (see transform)
    # Prefer the shortest completion (BatchNormalization over BatchNormalizationV1).
    candidates.sort(key=len)
    return candidates[0], True


_DIMENSION = re.compile(r"[123]D")


def dimension_variants(printed: str) -> list[str]:
    """Known classes a cut name may complete to when they differ only by 1D/2D/3D."""
    printed = re.sub(r"(?:…|\.\.\.)$", "", printed.strip())
    found = [c for c in _CLASSES if c.startswith(printed)]
    return found if len({_DIMENSION.sub("", c) for c in found}) == 1 else []


def _class_from_name(layer_name: str) -> Optional[str]:
    stem = _name_stem(layer_name)
    return _BY_STEM.get(stem) or _BY_FLAT_STEM.get(stem.replace("_", ""))


# Default layer-name stems of the known classes (`batch_normalization`, `batchnormalization`).
_BY_STEM: dict[str, str] = {}
_BY_FLAT_STEM: dict[str, str] = {}
for _cls in _CLASSES:
    _BY_STEM.setdefault(snake_case(_cls), _cls)
    _BY_FLAT_STEM.setdefault(_cls.lower(), _cls)
