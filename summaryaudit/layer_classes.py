"""Known Keras layer class names, used to complete class names that the print cut short."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Optional

from .memo import input_memo
from .patterns import lazy

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
    "TokenAndPositionEmbedding",
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
    "InstanceNormalization",  # tensorflow-addons', keras-contrib's
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
    "ModuleWrapper",  # (tf.keras's wrapper of a layer it does not know as its own: any class)
    "ConvLSTM1D",
    "ConvLSTM2D",
    "ConvLSTM3D",
    "CuDNNLSTM",
    "CuDNNGRU",
    "LSTMV1",
    "GRUV1",
    "UnifiedLSTM",  # TensorFlow 2.0's alpha: the LSTM of tf.keras 2 before its rename
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
    "PruneLowMagnitude",  # TensorFlow Model Optimization's pruning wrapper
    # … and its quantization-aware training's wrappers; a cut `QuantizeWrapp` is read as the
    # wrapper tfmot has printed since 0.5 (its first, QuantizeWrapper, holds the same weights)
    "QuantizeWrapper",
    "QuantizeWrapperV2",
    "QuantizeLayer",
    # QKeras's quantized layers
    "QDense",
    "QConv1D",
    "QConv2D",
    "QConv2DTranspose",
    "QDepthwiseConv2D",
    "QSeparableConv1D",
    "QSeparableConv2D",
    "QBatchNormalization",
    "QSimpleRNN",
    "QLSTM",
    "QGRU",
    "QBidirectional",
    "QActivation",
    "QAveragePooling2D",
    "QGlobalAveragePooling2D",
    "SeqSelfAttention",  # keras-self-attention's layer
    # keras.ops operations named like the start of a class: `max (Max)` is no cut `Maximum`
    "Max",
    "Min",
    "Repeat",
    "Norm",
)

# QKeras's quantized layers and the Keras class whose weights each holds: its quantizers are
# functions applied in the forward pass and hold no weights (45e's 008, 009: `QConv2D` was read
# as a misspelt Conv2D). QActivation and QKeras's poolings hold none (formulas/weightless.py).
QKERAS_BASES = {
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

# Merge layers: those that combine equal shapes value by value, and with them the layers
# whose every call takes two or more inputs of its own (a Connected to list per call)
ELEMENTWISE_MERGES = ("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")
# The recurrent layers that take (batch, steps, features) inputs (and initial states after them)
SEQUENCE_LAYERS = frozenset(("LSTM", "GRU", "SimpleRNN", "CuDNNLSTM", "CuDNNGRU"))
MERGES = (*ELEMENTWISE_MERGES, "Concatenate", "Dot")

_CLASSES = tuple(dict.fromkeys(KNOWN_LAYER_CLASSES))
_CLASS_SET = frozenset(_CLASSES)
_CUT_MARK = lazy(r"(?:…|\.\.\.)$")


# Known classes of libraries beside Keras (tensorflow-addons, keras-contrib, tfmot, QKeras,
# keras-self-attention): a class the print cut is completed from these too
ADD_ON_CLASSES = frozenset(
    (
        "InstanceNormalization",
        "PruneLowMagnitude",
        "QuantizeWrapper",
        "QuantizeWrapperV2",
        "QuantizeLayer",
        "SeqSelfAttention",
        *(name for name in _CLASSES if name[:1] == "Q" and name[1:2].isupper()),
    )
)


def is_known_class(name: str) -> bool:
    """Tell whether a name is a Keras layer class this tool knows (case-exact)."""
    return name in _CLASS_SET


_SNAKE_WORDS = lazy(r"(.)([A-Z][a-z]+)")
_SNAKE_TAIL = lazy(r"([a-z])([A-Z])")


def snake_case(class_name: str) -> str:
    """Return Keras' default name stem of a class (`BatchNormalization` → `batch_normalization`)."""
    known = _SNAKE.get(class_name)  # each known class's, worked out once at import
    if known is not None:
        return known
    # Keras' own rule (keras.src.utils.naming.to_snake_case): Conv2D → conv2d, ReLU → re_lu.
    return _SNAKE_TAIL.sub(r"\1_\2", _SNAKE_WORDS.sub(r"\1_\2", class_name)).lower()


_SNAKE: dict[str, str] = {}
_NAME_NUMBERS = lazy(r"([_ ]\d+)+$")  # `dense_1`; a retyped table's `Dense 1`


def name_stem(layer_name: str) -> str:
    """A layer name without its numbers (`dense_1` → `dense`), lowercase: its class's default
    stem when Keras named it."""
    # (the layer's own name after a name scope: `encoder_0/multiheadattention`, 39a's 002)
    return _NAME_NUMBERS.sub("", layer_name.rstrip("…").rpartition("/")[2]).lower()


def _starting_with(prefix: str, names: dict[str, tuple[str, ...]]) -> list[str]:
    """The names (of an index by first letter) that start with a non-empty prefix, in order."""
    return [name for name in names.get(prefix[0], ()) if name.startswith(prefix)]


def _by_initial(names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Index names by their first letter, each letter's names in their order."""
    index: dict[str, list[str]] = {}
    for name in names:
        index.setdefault(name[:1], []).append(name)
    return {initial: tuple(found) for initial, found in index.items()}


@input_memo(maxsize=4096)
def resolve_class(printed: str, layer_name: str = "", no_merge: bool = False) -> tuple[str, bool]:
    """Return (full class name, was_cut) for a printed class name that may be cut mid-word.

    A complete known name is returned as is. A cut prefix (`BatchNorma`, `Batc`) is completed
    from the known classes, preferring the class whose default layer name matches the layer's
    name (`batch_normalization_v2` → `BatchNormalizationV2`). An unknown prefix is kept. With
    no_merge (a row on one inbound layer) no merge layer is a completion.
    """
    printed = _CUT_MARK.sub("", printed.strip())
    if not printed:
        guess = _class_from_name(layer_name)
        return (guess, True) if guess else ("", True)
    if printed in _CLASSES:
        return printed, False
    candidates = [
        c
        for c in _starting_with(printed, _CLASSES_BY_INITIAL)
        if c != printed and c not in SHORT_NAMES and not (no_merge and c in MERGES)
    ]
    if not candidates:
        return printed, False  # class identity is case-exact: kapre's Melspectrogram is its own
    named = class_of_name_prefix(layer_name)
    if named is not None and named in candidates:
        return named, True
    stem = name_stem(layer_name)
    for cand in candidates:
        if stem and (snake_case(cand) == stem or cand.lower() == stem.replace("_", "")):
            return cand, True
    if names_its_own_class(layer_name, printed, candidates):
        return printed, True  # a class of its own, cut: not completed to a known one
    candidates = named_in(candidates, layer_name) or candidates
    families = {_DIMENSION.sub("", KERAS1_CLASS_NAMES.get(c, c)) for c in candidates}
    if len(families) == 1 and len(candidates) > 1:
        return "", True  # 1D, 2D or 3D: only the shapes can tell (see transform)
    # Prefer the shortest completion (BatchNormalization over BatchNormalizationV1).
    candidates.sort(key=len)
    return candidates[0], True


# The fewest letters of a cut class that weigh against another row's longer cut of a class of
# its own (`(Sep` may be SeparableConv2D beside `(Sepia`; `(S` allows too many classes)
SHORTEST_DECIDING_CUT = 3
# default layer names that are not their class's snake case: TF 2.0–2.3 names a TensorFlow op
# called on a Keras tensor `tf_op_layer_<Op>` (50d's 007: `tf_op_layer_DepthToSpace (Te`)
# (tfmot names a layer's quantization wrapper `quant_<layer>`: a cut `(Quanti`, `(Q` is that
# wrapper, not the QuantizeLayer or a QKeras class; 77c's 010)
_DEFAULT_NAME_PREFIXES = (("tf_op_layer_", "TensorFlowOpLayer"), ("quant_", "QuantizeWrapperV2"))


def class_of_name_prefix(layer_name: str) -> Optional[str]:
    """The class whose default names start so (`quant_conv2d`: tfmot's QuantizeWrapperV2)."""
    for prefix, named in _DEFAULT_NAME_PREFIXES:
        if layer_name.startswith(prefix):
            return named
    return None


_DIMENSION = lazy(r"[123]D")
_SNAKE_DIMENSION = lazy(r"_?[123]d$")


def names_its_own_class(layer_name: str, printed: str, candidates: list[str]) -> bool:
    """Tell whether a row's name is the default name of a class its cut class name starts, one
    not known here, when it points at none of the known completions: `multi_perspective_match_1
    (Mult` is BiMPM's MultiPerspectiveMatch, not MultiHeadAttention or Multiply (25a's 014);
    `normalization2d_1 (Normaliza` is kapre's Normalization2D, not Keras's Normalization (81b's
    008: a name with a rank names a class with one)."""
    stem = name_stem(layer_name)
    camel = _class_of_stem(stem)
    if camel is None or not printed:
        return False  # `max_pooling1_2x2`: a name someone wrote, no class's default name
    if named_in(candidates, layer_name) or any(_stem_points_at(stem, c) for c in candidates):
        return False
    if class_of_name_prefix(layer_name) in candidates:
        return False  # (`quant_act (Q`: a wrapper's prefix, a known class's, no class's name)
    return len(camel) > len(printed) and camel.startswith(printed) and camel not in _CLASSES


_RANKED_WORD = lazy(r"([a-z]+)([123])d")  # a default name's last word with a rank: `pooling2d`


def class_of_own_name(layer_name: str) -> Optional[str]:
    """The class a layer name is the default name of, known or not (`normalization2d_1` →
    Normalization2D), or None when the name cannot be a default one."""
    return _class_of_stem(name_stem(layer_name))


def _class_of_stem(stem: str) -> Optional[str]:
    """The class a default name stem is the snake case of (`multi_perspective_match` →
    MultiPerspectiveMatch, `normalization2d` → Normalization2D), or None: a name of one word
    without a rank, or with other digits, is no evidence of a class of its own."""
    *words, last = stem.split("_")
    ranked = _RANKED_WORD.fullmatch(last)
    if not all(word.isalpha() for word in words) or (
        ranked is None and (not words or not last.isalpha())
    ):
        return None
    tail = f"{ranked[1].capitalize()}{ranked[2]}D" if ranked else last.capitalize()
    return "".join(word.capitalize() for word in words) + tail


def _stem_points_at(stem: str, cand: str) -> bool:
    """Tell whether a name stem starts with a known class's default stem (`conv2d` → Conv2D) or
    is its Keras 1 default (`maxpooling2d`); a stem with a rank points at no rankless class (no
    Normalization is named `normalization2d`)."""
    if cand.lower() == stem.replace("_", ""):
        return True
    if _SNAKE_DIMENSION.search(stem) and not _DIMENSION.search(cand):
        return False
    return stem.startswith(_rankless_stem(cand))


def named_in(candidates: list[str], layer_name: str) -> list[str]:
    """The candidates a layer name points at: it starts with their default name stem
    (`batch_normalization_long_named`, a cut `global_average_pooling`) or spells them out
    (`hidden_dense_layer`)."""
    stem = name_stem(layer_name)
    if len(stem) < 3:
        return []
    found = []
    for cand in candidates:
        cls_stem = _rankless_stem(cand)
        if (
            stem == cls_stem
            or stem.startswith(cls_stem + "_")
            or (len(stem) >= 6 and cls_stem.startswith(stem))
        ):
            found.append(cand)
    if found:
        # a class whose default name the stem is beats one it could be the start of
        # (`time_distributed_1`: TimeDistributed, not Keras 1's TimeDistributedDense; 24b's 007)
        return [c for c in found if _rankless_stem(c) == stem] or found
    spelled = {SHORT_NAMES.get(c, c) for c in _classes_in_name(layer_name, None)}
    found = [c for c in candidates if c in spelled]
    if found:
        return found
    # `predictions_avg_pool` spells AveragePooling (of any rank): of a cut `Global…`, it points
    # at the GlobalAveragePooling classes (they end with the spelled class).
    ranked = {
        SHORT_NAMES.get(c, c) for rank in (1, 2, 3) for c in _classes_in_name(layer_name, rank)
    }
    return [c for c in candidates if any(c.endswith(s) for s in ranked)]


@input_memo(maxsize=1024)
def _rankless_stem(class_name: str) -> str:
    """A class's default name stem without its rank (`conv2d` → `conv`)."""
    return _SNAKE_DIMENSION.sub("", snake_case(class_name))


@input_memo(maxsize=1024)
def dimension_variants(printed: str) -> tuple[str, ...]:
    """Known classes a cut name may complete to when they differ only by 1D/2D/3D."""
    printed = _CUT_MARK.sub("", printed.strip())
    found = tuple(c for c in _CLASSES if c.startswith(printed))
    return found if len({_DIMENSION.sub("", c) for c in found}) == 1 else ()


def class_named_by(layer_name: str, classes: Iterable[str]) -> Optional[str]:
    """The one class of `classes` whose default layer name `layer_name` is (`transformer_block_1`
    → TransformerBlock), or None."""
    stem = name_stem(layer_name)
    found = {cls for cls in classes if snake_case(cls) == stem}
    return found.pop() if len(found) == 1 else None


def _class_from_name(layer_name: str) -> Optional[str]:
    for prefix, named in _DEFAULT_NAME_PREFIXES:
        if layer_name.startswith(prefix):  # (`tf_op_layer_l2_normalize/Maximum`, 53c's 007)
            return named
    stem = name_stem(layer_name)
    found = _BY_STEM.get(stem) or _BY_FLAT_STEM.get(stem.replace("_", ""))
    if found is None and ("lstm" in stem or "gru" in stem or "rnn" in stem):
        wrapped = _WRAPPER_IN_WORDS.fullmatch(stem)
        if wrapped is not None:
            # `Bidirectional LSTM`, `Bi-GRU`: a retyped table names the wrapper and the layer
            # in words (29b's 001, 002); the wrapper is the row's class
            return "Bidirectional"
    return found


# A Bidirectional wrapper named in words with its recurrent layer (lowercase: a name's stem)
_WRAPPER_IN_WORDS = lazy(r"bi(?:directional)?[ -]?(?:cudnn)?(?:lstm|gru|simplernn|rnn)")


# Default layer-name stems of the known classes (`batch_normalization`, `batchnormalization`).
_BY_STEM: dict[str, str] = {}
_BY_FLAT_STEM: dict[str, str] = {}
for _cls in _CLASSES:
    _SNAKE[_cls] = snake_case(_cls)
    if _cls != "ModuleWrapper":  # (`module_wrapper_2` says nothing of the class it wraps)
        _BY_STEM.setdefault(_SNAKE[_cls], _cls)
        _BY_FLAT_STEM.setdefault(_cls.lower(), _cls)
_CLASSES_BY_INITIAL = _by_initial(_CLASSES)
_STEMS_BY_INITIAL = _by_initial(tuple(_BY_STEM))


# Class names only Keras 1 prints: tf.keras and Keras 3 print the Keras 2 name of the same class
# (`SeparableConv2D`), so a cut name in their prints never completes to one of these.
KERAS1_CLASS_NAMES = {
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "AtrousConvolution1D": "Conv1D",
    "AtrousConvolution2D": "Conv2D",
    "Deconvolution2D": "Conv2DTranspose",
    "Deconvolution3D": "Conv3DTranspose",
    "SeparableConvolution2D": "SeparableConv2D",
    "TimeDistributedDense": "Dense",
}  # … and the Keras 2 class each became


# Short names Keras defines for a class (`MaxPool2D = MaxPooling2D`): the same class, so a
# print always shows the long name, and a cut name never completes to the short one.
SHORT_NAMES = {
    "MaxPool1D": "MaxPooling1D",
    "MaxPool2D": "MaxPooling2D",
    "MaxPool3D": "MaxPooling3D",
    "AvgPool1D": "AveragePooling1D",
    "AvgPool2D": "AveragePooling2D",
    "AvgPool3D": "AveragePooling3D",
    "GlobalMaxPool1D": "GlobalMaxPooling1D",
    "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "GlobalAvgPool1D": "GlobalAveragePooling1D",
    "GlobalAvgPool2D": "GlobalAveragePooling2D",
    "GlobalMaxPool3D": "GlobalMaxPooling3D",
    "GlobalAvgPool3D": "GlobalAveragePooling3D",
}


def completions(printed: str) -> list[str]:
    """Every known class a printed class name cut short may stand for (itself when complete)."""
    printed = _CUT_MARK.sub("", printed.strip())
    if not printed:
        return []
    return [
        c
        for c in _starting_with(printed, _CLASSES_BY_INITIAL)
        if c == printed or c not in SHORT_NAMES
    ]


# Words people and Keras applications put in layer names for a class (`conv1_relu`, `bn0`).
_NAME_WORDS: dict[str, str] = {
    "relu": "ReLU|Activation",
    "relu6": "ReLU",
    "bn": "BatchNormalization",
    "batch_norm": "BatchNormalization",
    "batchnorm": "BatchNormalization",
    "concat": "Concatenate",
    "concatenate": "Concatenate",
    "add": "Add",
    "dense": "Dense",
    "fc": "Dense",
    "fully_connected": "Dense",
    "dropout": "Dropout",
    "flatten": "Flatten",
    "embedding": "Embedding",
    "lstm": "LSTM",
    "gru": "GRU",
    "input": "InputLayer",
    "conv": "Conv{r}D",
    "convolution": "Conv{r}D",
    "convolutional": "Conv{r}D",
    "depthwise": "DepthwiseConv{r}D",
    "dwconv": "DepthwiseConv{r}D",
    "max_pool": "MaxPooling{r}D",
    "max_pooling": "MaxPooling{r}D",
    "average_pooling": "AveragePooling{r}D",
    "global_average_pooling": "GlobalAveragePooling{r}D",
    "global_max_pooling": "GlobalMaxPooling{r}D",
    "maxpool": "MaxPooling{r}D",
    "avg_pool": "AveragePooling{r}D",
    "avgpool": "AveragePooling{r}D",
    "zero_padding": "ZeroPadding{r}D",
    "pad": "ZeroPadding{r}D",
}
_DIGITS = lazy(r"^\d+$")
_TRAILING_DIGITS = lazy(r"\d+$")


def classes_in_name(layer_name: str, rank: Optional[int] = None) -> list[str]:
    """Known classes a layer name spells out (`joint_batch_norm` → BatchNormalization): see
    `_classes_in_name` (a new list each call: the memo's tuple stays unchanged)."""
    return list(_classes_in_name(layer_name, rank))


@input_memo(maxsize=4096)
def _classes_in_name(layer_name: str, rank: Optional[int]) -> tuple[str, ...]:
    """Known classes a layer name spells out (`joint_batch_norm` → BatchNormalization).

    Every run of the name's words is looked up as a class's default name stem
    (`batch_normalization`, `globalaveragepooling2d`) or a word people use for it (`relu`,
    `bn`, `concat`). Keras names a layer's kind last (`conv1_relu`, `block_1_expand_BN`), so
    runs ending nearest the end win (a cut last word is skipped: `conv_bn_l…`), then the
    longest runs. `{r}` classes take the spatial
    rank (1, 2 or 3) when it is known and are left out otherwise.
    """
    # (a name written in words splits at its blanks too: `Max Pooling`, `1st Fully Connected`,
    # 34a's 011)
    name = layer_name.rstrip("…").lower()
    parts = name.replace(" ", "_").split("_") if " " in name else name.split("_")
    words = [w for w in parts if w and not _DIGITS.match(w)]
    found: dict[str, tuple[int, int]] = {}
    unranked: dict[str, tuple[int, int]] = {}  # `{r}` classes whose rank is not known
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            key = "_".join(words[start:end])
            flat = key.replace("_", "")
            cls = _NAME_WORDS.get(key) or _BY_STEM.get(key) or _BY_FLAT_STEM.get(flat)
            if cls is None and end - start == 1:
                cls = _NAME_WORDS.get(_TRAILING_DIGITS.sub("", key))  # conv1, bn0, fc2
            if cls is None and end == len(words) and len(key) >= 6:
                cls = _cut_stem(key)  # the name cut mid-word: `joint_batch_normal`
            if cls is None:
                continue
            for one in cls.split("|"):  # `relu` names ReLU or Activation("relu")
                if "{r}" in one:
                    if rank not in (1, 2, 3):
                        unranked[one] = max(unranked.get(one, (0, 0)), (end, end - start))
                        continue
                    one = one.replace("{r}", str(rank))
                found[one] = max(found.get(one, (0, 0)), (end, end - start))
    if not found:
        return ()
    best = max(found.values())
    most = max(unranked.values(), default=(0, 0))
    longer = [one for one, run in unranked.items() if run == most > best]
    if longer:
        # a shorter run inside a `{r}` class's (92b's 012: `global_max_pooling` over a
        # `multiple` shape is no keras.ops Max): that class, of each rank
        return tuple(one.replace("{r}", str(r)) for one in sorted(longer) for r in (1, 2, 3))
    return tuple(sorted(c for c, rank_key in found.items() if rank_key == best))


@input_memo(maxsize=4096)
def _cut_stem(key: str) -> Optional[str]:
    """The one class whose default name stem starts with a cut name's last words, if any."""
    stems = sorted(stem for stem in _starting_with(key, _STEMS_BY_INITIAL) if stem != key)
    if not stems or not all(stem.startswith(stems[0]) for stem in stems):
        return None
    return _BY_STEM[stems[0]]  # batch_normal → BatchNormalization, not BatchNormalizationV1


def misspelled_class(printed: str, layer_name: str) -> Optional[str]:
    """The known class a hand-misspelled class name stands for, from the row's default name.

    `batchnormalization_1 (BatchNormalisation)`: Keras named the row after BatchNormalization,
    and no class prints as `BatchNormalisation`; `(BN)`, `(BatchNorm)` abbreviate it. A class
    whose own default name the row has (kapre's `Melspectrogram` on `melspectrogram`) is a
    class of its own, never a misspelling.
    """
    named = _class_from_name(layer_name)
    stem = name_stem(layer_name)
    if not named or not printed or printed in _CLASSES or named == printed:
        return None
    if printed.lower() == named.lower():
        return named  # `Conv2d_48 (conv2d)`: the class written in small letters (33a's 005)
    if snake_case(printed) == stem or printed.lower() == stem.replace("_", ""):
        return None
    if printed.isupper():  # `batch_normalization (BN)`, `(GAP1D)`: its capitals (and rank)
        initials = "".join(c for c in named if c.isupper() or c.isdigit())
        return named if initials == printed else None
    if len(printed) >= 4 and named.startswith(printed):
        return named  # `layer_normalization (LayerNorm)`: its start (31c's 012)
    import difflib  # only when a printed class may be a misspelling

    similar = difflib.SequenceMatcher(None, printed.lower(), named.lower()).ratio()
    return named if similar >= _MISSPELLING_SIMILARITY else None


def class_in_small_letters(printed: str) -> Optional[str]:
    """The known class a class cell spells in small letters (`inputlayer`, `dense`), or None."""
    if not printed.islower() or printed in _CLASS_SET:
        return None
    return _BY_FLAT_STEM.get(printed)


@functools.cache
def _flat_stems_by_initial() -> dict[str, tuple[str, ...]]:
    """The classes' names in small letters by initial, built at the first look-up (only a row
    whose class the print does not show asks: not every run)."""
    return _by_initial(tuple(_BY_FLAT_STEM))


def classes_a_cut_name_begins(name: str) -> list[str]:
    """The known classes whose default layer name a name cut by its column begins
    (`max_pool` of `prune_low_magnitude_max_pool`: the MaxPooling classes); none for a name
    shorter than five characters."""
    if len(name) < 5:
        return []
    return [_BY_STEM[stem] for stem in _starting_with(name, _STEMS_BY_INITIAL)]


def classes_a_cut_word_begins(word: str) -> list[str]:
    """The known classes whose name in small letters a name's last word, cut by its column,
    begins (`leakyre` of `upscale_256_0_conv2d_leakyre`: LeakyReLU); none for a short word."""
    if len(word) < 5 or not word.isalnum():
        return []
    return [_BY_FLAT_STEM[flat] for flat in _starting_with(word, _flat_stems_by_initial())]


def misread_class(printed: str) -> Optional[tuple[str, str, str]]:
    """The one known class a printed class becomes when a single character that OCR and
    typists confuse is read the other way (`Comv2D` → `Conv2D`, `Dense1` stays unknown), with
    the two characters: (class, printed character, class character)."""
    if printed in _CLASS_SET or not printed.isascii() or not 3 <= len(printed) <= 40:
        return None
    found = {
        (printed[:at] + other + printed[at + 1 :], char, other)
        for at, char in enumerate(printed)
        for other in _CONFUSED.get(char, "")
        if printed[:at] + other + printed[at + 1 :] in _CLASS_SET
    }
    if len(found) != 1:
        return None
    return found.pop()


# Characters OCR and hurried typists read one for another, each way.
_CONFUSED = {"m": "n", "n": "m", "l": "I1", "I": "l1", "1": "lI", "O": "0", "0": "O", "S": "5"}


def annotated_class(printed: str) -> Optional[str]:
    """The class of a retyped class cell that adds a note after it (`Dense ReLU`, `Dropout 0.3`).

    Keras prints a class alone and no class name holds a space, so a known class followed by
    words is a class with a note: its activation, its rate. None for anything else."""
    first, space, note = printed.strip().partition(" ")
    first = first.rstrip(",")  # `Dense, ReLU` (31c's 012)
    joined = printed.replace(" ", "")
    if space and joined in _CLASSES and len(printed.split()) <= _MOST_CLASS_WORDS:
        return joined  # the class's words spaced out (74d's 011: `Input Layer`, `Batch Norm…`)
    if space and first in _CLASSES and not note.strip().strip("*†‡"):
        return first  # a footnote's mark after the class (`Dense *`, review 88's item 5)
    if not space or first not in _CLASSES or not _NOTE.match(note.strip()):
        return None
    return first


_MOST_CLASS_WORDS = 3  # `Global Average Pooling2D`: no class of more words


# a note's words, each maybe set in Markdown emphasis (88b's 011: `*256 units*, *ReLU*`), never
# a bare `*` (`Conv2D * 2`: two layers in one row, the review of 88b's 011)
_NOTE_WORD = r"\*{0,2}[\w.=%,:+\-]+\*{0,2},?"
_NOTE = lazy(rf"{_NOTE_WORD}(?: {_NOTE_WORD}){{0,3}}\Z")


def names_a_range(layer_name: str) -> bool:
    """Tell whether a hand-made row's name spans several layers (`block1_conv1 .. block4_conv3`),
    so no one class can be read from it."""
    return bool(_NAME_RANGE.match(layer_name.strip()))


_NAME_RANGE = lazy(r"[A-Za-z]\w*\d\s*(?:\.{2,3}|…|–|—| to | - )\s*[A-Za-z]\w*\d\Z")


_MISSPELLING_SIMILARITY = 0.85  # `BatchNormalisation` ~ `BatchNormalization`: 0.94


def class_of_default_name(layer_name: str) -> Optional[str]:
    """The class whose Keras default name this is (`global_average_pooling2d_1`), if any."""
    return _class_from_name(layer_name)


WRAPPERS_OF_ANY_CLASS = frozenset({"ModuleWrapper"})
"""Classes that wrap a layer of any class and print its count as theirs (tf.keras's ModuleWrapper
around a layer of the standalone keras package, 91c): the wrapped class is inferred."""
