"""Layer types that own no weights: their count must be 0, with the reason a learner reads."""

from __future__ import annotations

from ..dialects import Era
from .common import KERAS1_ERAS, WEIGHTLESS_NONZERO, Derivation, LayerFacts, ok
from .common import input_of as _in
from .common import last_dim as _last
from .common import num as _n
from .common import output_of as _out
from .common import row_name as _name

# --------------------------------------------------------------------------- weightless layers

_WINDOW_MAX = "it only takes the max over each window"
_WINDOW_AVG = "it only averages each window"
_GLOBAL_MAX = "it only takes the max over all positions of each channel"
_GLOBAL_AVG = "it only averages all positions of each channel"
_ADAPTIVE = "it only pools each region into a fixed output size"
_DROPOUT = "it only zeroes random inputs while training; nothing is learned"
_ELEMENTWISE = "it applies a fixed function to each value; nothing is learned"
_MERGE = "it only combines its inputs value by value"
_RANDOM = "it only augments the data at random while training; its seed state is not counted"
_LOOKUP = "its vocabulary or bins are lookup tables, not Keras weights"
_TFOP = "it wraps a TensorFlow operation on tensors; it owns no weights"
_KERAS3_OP = "a Keras 3 operation (keras.ops) applied to tensors; it owns no weights"


def _weightless_table() -> dict[str, str]:
    table: dict[str, str] = {
        "InputLayer": "it only declares the model's input shape",
        "Flatten": "it only lays the input out as one long vector",
        "Reshape": "it only rearranges the same values into a new shape",
        "Permute": "it only reorders the axes",
        "RepeatVector": "it only repeats its input vector n times",
        "Lambda": "weights created inside a Lambda function are not tracked",
        "Masking": "it only marks time steps equal to the mask value",
        "ActivityRegularization": "it only adds a penalty to the loss",
        "Identity": "it passes its input through unchanged",
        "Dropout": _DROPOUT,
        "SpatialDropout1D": _DROPOUT,
        "SpatialDropout2D": _DROPOUT,
        "SpatialDropout3D": _DROPOUT,
        "AlphaDropout": _DROPOUT,
        "GaussianDropout": "it only multiplies by random noise while training",
        "GaussianNoise": "it only adds random noise while training",
        "Activation": _ELEMENTWISE,
        "ReLU": _ELEMENTWISE,
        "LeakyReLU": "its slope is a fixed setting, not a learned weight",
        "ELU": _ELEMENTWISE,
        "Softmax": _ELEMENTWISE,
        "ThresholdedReLU": "its threshold is a fixed setting, not a learned weight",
        "ThresholdedLinear": "its threshold is a fixed setting, not a learned weight",
        "Add": "it only adds its inputs value by value",
        "Subtract": "it only subtracts its second input from the first",
        "Multiply": "it only multiplies its inputs value by value",
        "Average": "it only averages its inputs value by value",
        "Maximum": _MERGE,
        "Minimum": _MERGE,
        "Concatenate": "it only joins its inputs along one axis",
        "Dot": "it only takes dot products between its inputs",
        "Merge": "it only joins its inputs (concat, sum, mul, …)",
        "UnitNormalization": "it only divides each vector by its length",
        "Rescaling": "its scale and offset are fixed constants, not weights",
        "Resizing": "it only resizes images by interpolation",
        "CenterCrop": "it only crops the centre of each image",
        "CategoryEncoding": _LOOKUP,
        "Hashing": _LOOKUP,
        "Discretization": _LOOKUP,
        "StringLookup": _LOOKUP,
        "IntegerLookup": _LOOKUP,
        "TextVectorization": _LOOKUP,
        "MelSpectrogram": "its mel filter bank is a fixed constant, not a weight",
        "TFOpLambda": _TFOP,
        "SlicingOpLambda": _TFOP,
        "TensorFlowOpLayer": _TFOP,
        # the rows tf.keras adds for model.add_loss(tensor) / add_metric (18a's 015)
        "AddLoss": "tf.keras adds it for model.add_loss(); it only adds a loss term",
        "AddMetric": "tf.keras adds it for model.add_metric(); it only records a metric",
    }
    for dim in ("1D", "2D", "3D"):
        for name in (f"MaxPooling{dim}", f"MaxPool{dim}"):
            table[name] = _WINDOW_MAX
        for name in (f"AveragePooling{dim}", f"AvgPool{dim}"):
            table[name] = _WINDOW_AVG
        for name in (f"GlobalMaxPooling{dim}", f"GlobalMaxPool{dim}"):
            table[name] = _GLOBAL_MAX
        for name in (f"GlobalAveragePooling{dim}", f"GlobalAvgPool{dim}"):
            table[name] = _GLOBAL_AVG
        table[f"AdaptiveAveragePooling{dim}"] = _ADAPTIVE
        table[f"AdaptiveMaxPooling{dim}"] = _ADAPTIVE
        table[f"ZeroPadding{dim}"] = "it only pads the borders with zeros"
        table[f"Cropping{dim}"] = "it only cuts off the borders"
        table[f"UpSampling{dim}"] = "it only repeats (or interpolates) rows and columns"
    for name in (
        "NotEqual", "Equal", "Greater", "GreaterEqual", "Less", "LessEqual", "LogicalAnd",
        "LogicalOr", "LogicalNot", "Cast", "GetItem", "ExpandDims", "Squeeze", "Transpose",
        "Matmul", "Where", "Stack", "Tile", "BroadcastTo", "OneHot", "Take", "Einsum", "Sqrt",
        "Square", "Absolute", "Exp", "Log", "Tanh", "Sigmoid", "Relu", "Gelu", "Silu", "Erf",
        "Clip", "Sum", "Mean",
    ):  # fmt: skip
        table[name] = _KERAS3_OP
    for name in (
        "Any", "All", "Max", "Min", "Argmax", "Argmin", "Prod", "Divide", "TrueDivide", "Power",
        "Negative", "Abs", "Floor", "Ceil", "Round", "Sign", "Cos", "Sin", "Reciprocal",
        "Rsqrt", "Cumsum", "Flip", "Repeat", "Split", "Slice", "Pad", "Norm", "Logsumexp",
    ):  # fmt: skip
        table.setdefault(name, _KERAS3_OP)  # keras.ops operations (`any (Any)`, trial 12a)
    for name in (
        "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
        "RandomCrop", "RandomBrightness", "RandomHeight", "RandomWidth", "RandomErasing",
        "RandomGrayscale", "RandomHue", "RandomSaturation", "RandomSharpness", "RandomShear",
        "RandomPosterization", "RandomColorJitter", "RandomColorDegeneration", "RandomInvert",
        "RandomPerspective", "RandomElasticTransform", "RandomGaussianBlur", "AutoContrast",
        "Equalization", "Solarization", "AugMix", "RandAugment", "CutMix", "MixUp",
    ):  # fmt: skip
        table[name] = _RANDOM
    # QKeras's layers of no weights (its quantized layers with weights: formulas/qkeras.py)
    table["QActivation"] = (
        "QKeras's quantized activation: it applies a fixed function to each value"
    )
    table["QAveragePooling2D"] = f"QKeras's quantized average pooling: {_WINDOW_AVG}"
    table["QGlobalAveragePooling2D"] = f"QKeras's quantized global average pooling: {_GLOBAL_AVG}"
    return table


WEIGHTLESS: dict[str, str] = _weightless_table()
"""Layer types that own no weights, each with the reason a learner reads."""

NESTED_MODEL_TYPES: tuple[str, ...] = ("Sequential", "Functional", "Model")
"""Rows that stand for a whole inner model: their count is the inner model's sum."""

UNVERIFIED: tuple[str, ...] = (
    "KerasLayer",  # TF Hub: the wrapped SavedModel's variables are not visible in the summary
    "StackedRNNCells",  # a list of arbitrary cells
    "DenseFeatures",  # feature columns: embedding columns' sizes are not printed
    "ModuleWrapper",  # tf.keras's wrapper of a layer of any class (inferred where it can be)
)
"""Layer types Keras can print that deliberately have no formula here (SA901, never silent)."""

_TFIDF_LAYERS = ("StringLookup", "IntegerLookup", "TextVectorization")


def weightless_count(facts: LayerFacts) -> Derivation:
    reason = WEIGHTLESS[facts.type]
    p = facts.params
    if p == 0:
        return ok(f"0: {facts.type} has no weights ({reason})", 0, 0)
    if facts.type in _TFIDF_LAYERS and p == 1 and facts.era not in (Era.KERAS3, *KERAS1_ERAS):
        return ok(
            f"1: tf.keras {facts.type} in tf_idf mode after adapt() keeps one non-trainable "
            "count (num_documents); otherwise it has no weights",
            1,
            1,
        )
    text = f"{_n(p)} ≠ 0: {facts.type} has no weights ({reason})"
    message = (
        f"{_name(facts)} shows {_n(p)} parameters but {facts.type} has no weights: {reason}. "
        + (_dense_reading(facts) or "A pasted or edited count?")
    )
    return Derivation(WEIGHTLESS_NONZERO, text, message, 0, None)


_ACTIVATIONS = ("Softmax", "ReLU", "Activation", "LeakyReLU", "ELU", "PReLU", "Sigmoid", "Tanh")


def _dense_reading(facts: LayerFacts) -> str | None:
    """The Dense an activation row's count fits, from the input's and the output's last axes
    (`102 = 16 × 6 + 6`): a Dense whose class cell names its activation."""
    if facts.type not in _ACTIVATIONS:
        return None
    d, u, p = _last(_in(facts)), _last(_out(facts)), facts.params
    if d is None or u is None or p not in (d * u + u, d * u):
        return None
    arithmetic = f"{_n(d)} × {_n(u)} + {_n(u)}" if p == d * u + u else f"{_n(d)} × {_n(u)}"
    return (
        f"{_n(p)} = {arithmetic} is what a Dense({u}) on {_n(d)} inputs holds: a "
        f"Dense({u}, activation=...) whose class cell names its activation? Else a pasted or "
        "edited count"
    )
